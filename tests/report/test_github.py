"""GitHub workflow commands: escaping, file-level .docx annotations, the job summary."""

from __future__ import annotations

import re

from lcsprlint.report import ReportOptions, get_reporter
from lcsprlint.report.github import (
    command,
    escape_data,
    escape_property,
    render,
    step_summary_markdown,
)
from lcsprlint.results import FileResult

from .conftest import ROOT, SECRET, SNIPPET

_LINE = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _parse(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Parse commands back, undoing the toolkit escaping."""

    def unescape(s: str) -> str:
        for code, ch in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
            s = s.replace(code, ch)
        return s

    parsed = []
    for line in output.splitlines():
        m = _LINE.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = {}
        if m.group(2):
            for pair in m.group(2).split(","):
                key, _, value = pair.partition("=")
                props[key] = unescape(value)
        parsed.append((m.group(1), props, unescape(m.group(3))))
    return parsed


def test_escaping_matches_actions_toolkit():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a: b, 100%\n") == "a%3A b%2C 100%25%0A"
    # % first, so an escape sequence already in the text is not double-read
    assert escape_data("%0A") == "%250A"
    assert (
        command("notice", "m", file="a.md", line=None, title="t") == "::notice file=a.md,title=t::m"
    )
    assert command("error", "m") == "::error::m"


def test_one_command_per_line_and_round_trip(results, rules, options):
    out = render(results, rules, options)
    assert out.endswith("\n")
    parsed = _parse(out)
    # findings 4 + 2 + 1, one unreadable file, one failed rule
    assert len(parsed) == 9
    assert [p[0] for p in parsed[:4]] == ["notice", "warning", "warning", "error"]


def test_docx_annotations_are_file_level_with_paragraph_in_message(results, rules, options):
    parsed = _parse(render(results, rules, options))
    kind, props, message = parsed[1]
    assert kind == "warning"
    assert props == {"file": "drafts/Report, final: v2.docx", "title": "LCSPR101 avoid-jargon"}
    assert "line" not in props
    assert message.startswith(
        "avoid-jargon message (section '2 Methods', paragraph 12; checked as lcspr)\n"
    )
    assert SNIPPET in message


def test_raw_docx_line_has_escaped_properties(results, rules, options):
    line = render(results, rules, options).splitlines()[1]
    assert line.startswith("::warning file=drafts/Report%2C final%3A v2.docx,title=LCSPR101 ")


def test_tricky_message_escaped(results, rules, options):
    lines = render(results, rules, options).splitlines()
    raw = lines[3]
    assert raw.startswith("::error file=")
    assert "100%25 of cases: first line,%0Asecond line (whole document; checked as lcspr)" in raw
    expected = "100% of cases: first line,\nsecond line (whole document; checked as lcspr)"
    assert _parse(raw)[0][2] == expected


def test_markdown_and_text_carry_lines(results, rules, options):
    parsed = _parse(render(results, rules, options))
    md = [p for p in parsed if p[1].get("file") == "notes/summary.md"]
    assert [p[1]["line"] for p in md] == ["4", "9"]
    assert md[0][0] == "notice"  # info -> notice
    text = [p for p in parsed if p[1].get("file") == "plain.txt"]
    assert text[-1][1]["line"] == "2"


def test_unreadable_and_failed_rule(results, rules, options):
    parsed = _parse(render(results, rules, options))
    unreadable = "could not be read: not a Word document (damaged zip file)"
    assert ("error", {"file": "broken.docx"}, unreadable) in parsed
    failed = [p for p in parsed if p[1].get("title") == "LCSPR501 rule failed"]
    assert len(failed) == 1 and failed[0][0] == "error"


def test_no_snippets(results, rules, quiet_options):
    assert SECRET not in render(results, rules, quiet_options)
    assert SECRET not in step_summary_markdown(results)


def test_clean_run_prints_nothing(rules):
    assert render([FileResult(path="a.md", format="markdown")], rules, ReportOptions()) == ""


def test_registered_as_format(results, rules, options):
    assert get_reporter("github")(results, rules, options) == render(results, rules, options)


def test_step_summary(results):
    md = step_summary_markdown(results, root=ROOT)
    lines = md.splitlines()
    assert lines[0] == "## lcsprlint"
    assert "5 files: 1 error, 4 warnings, 2 info; 1 unreadable" in md
    # the pipe-free path appears as a cell; counts per file
    assert "| `drafts/Report, final: v2.docx` | 1 | 2 | 1 | findings |" in lines
    assert "| `broken.docx` | 0 | 0 | 0 | could not be read: not a Word document" in md
    assert "| `clean.md` | 0 | 0 | 0 | clean |" in lines
    assert "| LCSPR101 | avoid-jargon | warning | 3 | 2 |" in lines
    assert "| LCSPR301 | long-sentence | info | 2 | 2 |" in lines
    assert "| `plain.txt` | 0 | 1 | 0 | 1 rule(s) failed |" in lines


def test_step_summary_escapes_pipes():
    md = step_summary_markdown([FileResult(path="a|b.md", error="bad | worse")])
    assert "a\\|b.md" in md and "bad \\| worse" in md
