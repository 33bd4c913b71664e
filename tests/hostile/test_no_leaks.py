"""Nothing lost, nothing leaked.

* Inputs are never written: every command leaves every input's sha256 as it was.
* Reports are written whole or not at all, never over an input, and a run that
  fails leaves no report (and no temporary file) behind.
* No network, ever: the whole CLI runs with Python's sockets disabled, and
  references a .docx makes to URLs are never fetched.
* ``--no-snippets`` keeps every piece of document text out of every output
  format; errors, warnings and log records never quote a document.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import socket
import warnings
import zipfile
from pathlib import Path

import pytest
from support.docx_fixtures import (
    add_comment,
    add_deletion,
    add_footnote,
    add_hidden_run,
    add_insertion,
    add_list_item,
    add_table,
    new_document,
    rewrite_zip,
    save,
    set_app_properties,
    set_header_footer,
)

from hostile.conftest import (
    HOSTILE_RULES,
    NetworkUsed,
    assert_one_line_error,
    digests,
    rich_docx_bytes,
    run,
    write,
)
from lcsprlint import cli
from lcsprlint.kinds import all_kinds
from lcsprlint.kinds.base import CheckKind

FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab", "html"]


@pytest.fixture
def inputs(work: Path) -> Path:
    """A folder of drafts in every format, rule files and a configuration."""
    folder = work / "inputs"
    (folder / "drafts").mkdir(parents=True)
    (folder / "drafts" / "draft.docx").write_bytes(rich_docx_bytes())
    write(folder / "drafts" / "draft.md", "# Review\n\n## Background\n\nThe zqmd word.\n")
    (folder / "drafts" / "draft.txt").write_bytes("Review\n\nKey\u00a0questions\n".encode("utf-16"))
    write(folder / "rules" / "hostile.yaml", HOSTILE_RULES)
    write(folder / ".lcsprlint.yaml", "profile: lcspr\nrules: [rules]\nfail-on: error\n")
    return folder


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# --- nothing lost --------------------------------------------------------------------------


def test_no_command_writes_an_input(work: Path, inputs: Path) -> None:
    drafts = inputs / "drafts"
    rules = inputs / "rules"
    config = inputs / ".lcsprlint.yaml"
    out = work / "out"
    out.mkdir()
    before = digests([inputs])
    commands: list[list[object]] = [
        *(["check", "--format", fmt, drafts] for fmt in FORMATS),
        ["check", "--output", out / "report.json", "--format", "json", drafts],
        ["check", "-j", "2", "--statistics", drafts],
        ["check", "--no-snippets", "--config", config, *sorted(drafts.iterdir())],
        ["check", "--show-config", drafts / "draft.md"],
        *(["outline", f] for f in sorted(drafts.iterdir())),
        *(["outline", "--format", "json", f] for f in sorted(drafts.iterdir())),
        ["rules", "--rules", rules],
        ["rules", "--format", "json", "--config", config],
        ["explain", "HOST101", "--rules", rules],
        ["check-rules", rules, config.parent / "rules" / "hostile.yaml"],
        ["schema"],
        ["init", out],
    ]
    for args in commands:
        result = run(*args)
        assert result.code in (0, 1, 2), (args, result.err)
        assert "Traceback" not in result.err
        assert digests([inputs]) == before, args
    assert no_temp_files(work)


def test_annotating_leaves_the_inputs_alone(work: Path, inputs: Path) -> None:
    from lcsprlint.annotate import annotate_file
    from lcsprlint.engine.runner import Engine
    from lcsprlint.engine.validate import load_rules

    rules = load_rules([inputs / "rules"], all_kinds())
    engine = Engine(rules, all_kinds())
    before = digests([inputs])
    for draft in sorted((inputs / "drafts").iterdir()):
        result = engine.check_path(draft)
        annotate_file(
            draft, work / f"annotated-{draft.name}", result.findings, {r.id: r for r in rules}
        )
    assert digests([inputs]) == before


def test_output_replaces_an_old_report_whole(work: Path, inputs: Path) -> None:
    report = work / "report.json"
    report.write_text("old report " * 10_000)
    result = run("check", "--format", "json", "--output", report, inputs / "drafts")
    assert result.code in (0, 1, 2)
    json.loads(report.read_text())
    assert no_temp_files(work)


@pytest.mark.parametrize("how", ["same-path", "dotted-path", "symlink", "hardlink"])
def test_output_never_over_an_input(work: Path, inputs: Path, how: str) -> None:
    draft = inputs / "drafts" / "draft.md"
    target = {
        "same-path": lambda: draft,
        "dotted-path": lambda: inputs / "drafts" / ".." / "drafts" / "draft.md",
        "symlink": lambda: (work / "link.md").symlink_to(draft) or work / "link.md",
        "hardlink": lambda: os.link(draft, work / "hard.md") or work / "hard.md",
    }[how]()
    before = digests([inputs])
    result = run("check", "--output", target, draft)
    assert result.code == 2
    assert "one of the files being checked" in result.err
    assert "Traceback" not in result.err
    assert digests([inputs]) == before
    assert no_temp_files(work)


@pytest.mark.parametrize(
    ("setup", "args"),
    [
        (lambda w: write(w / "bad.yaml", "id: [unclosed"), ["--rules", "bad.yaml"]),
        (lambda w: write(w / ".lcsprlint.yaml", "fail-on: sometimes\n"), []),
        (lambda w: None, ["--select", "NOPE999"]),
        (lambda w: None, ["--profile", "no-such-profile"]),
        (lambda w: write(w / "slow.yaml", "id: [&a x, *a]"), ["--rules", "slow.yaml"]),
    ],
    ids=["invalid-rule-file", "invalid-config", "unknown-selector", "unknown-profile", "alias"],
)
def test_failed_run_leaves_no_report(work: Path, good: Path, setup, args: list[str]) -> None:
    setup(work)
    report = work / "reports" / "report.json"
    report.parent.mkdir()
    result = run("check", *args, "--format", "json", "--output", report, good)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert list(report.parent.iterdir()) == []


def test_output_into_a_missing_folder_is_one_line(work: Path, good: Path) -> None:
    report = work / "missing" / "report.json"
    result = run("check", "--output", report, good)
    assert result.code == 2
    assert_one_line_error(result.err, report, "cannot write report")
    assert not report.parent.exists()


# --- no network ------------------------------------------------------------------------------


def test_the_socket_guard_works(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network == ["create_connection"]


def test_whole_cli_runs_with_sockets_disabled(
    work: Path, inputs: Path, no_network: list[str]
) -> None:
    drafts = inputs / "drafts"
    rules = inputs / "rules"
    for fmt in FORMATS:  # the rules come from the configuration beside the drafts
        result = run("check", "--format", fmt, "-j", "1", drafts)
        assert result.code in (0, 1), (fmt, result.err)
    for draft in sorted(drafts.iterdir()):
        assert run("outline", draft).code == 0
    assert run("rules", "--rules", rules).code == 0
    assert run("explain", "HOST105", "--rules", rules).code == 0
    assert run("check-rules", rules).code == 0
    assert run("schema").code == 0
    assert run("check", "--show-config", drafts).code == 0
    assert no_network == []


def test_urls_in_a_docx_are_never_fetched(work: Path, rules: Path) -> None:
    """External DTDs, entities, XInclude, stylesheets and external relationships point at
    a local listening socket: nothing ever connects to it (lxml's own C networking
    included, which a Python socket guard would not see)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    try:
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        document = (
            f'<?xml version="1.0"?><?xml-stylesheet href="{url}/s.xsl"?>'
            f'<!DOCTYPE d SYSTEM "{url}/d.dtd" [<!ENTITY x SYSTEM "{url}/e">]>'
            f'<w:document xmlns:w="{w}" xmlns:xi="http://www.w3.org/2001/XInclude"><w:body>'
            f'<w:p><w:r><w:t>Body &x; text</w:t></w:r></w:p><xi:include href="{url}/i.xml"/>'
            "</w:body></w:document>"
        )
        data = rich_docx_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            rels = zf.read("word/_rels/document.xml.rels").decode()
        external = (
            f'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/hyperlink" Target="{url}/link" TargetMode="External"/>'
            f'<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/image" Target="{url}/img.png" TargetMode="External"/>'
            f'<Relationship Id="rIdX3" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/attachedTemplate" Target="{url}/t.dotx" TargetMode="External"/>'
        )
        rels = rels.replace("</Relationships>", external + "</Relationships>")
        path = rewrite_zip(
            data,
            work / "draft.docx",
            {"word/document.xml": document.encode(), "word/_rels/document.xml.rels": rels.encode()},
        )
        for args in (
            ["check", "--rules", rules, "--format", "json", path],
            ["outline", path],
        ):
            result = run(*args)
            assert result.code in (0, 1, 2)
            assert "Traceback" not in result.err
        with pytest.raises(BlockingIOError):
            server.accept()
    finally:
        server.close()


# --- nothing leaked: --no-snippets -------------------------------------------------------------

#: Unique words placed in every part of the drafts below.
MARKERS = (  # noqa: SIM905
    "zqtitle zqheadone zqheadtwo zqbody zqlist zqcell zqcomment Zqcommenter zqinsert "
    "Zqinserter zqdelete zqfootnote zqheader zqfooter zqhidden Zqauthor Zqmodifier Zqcompany "
    "Zqmdtitle zqmdhead zqmdbody zqmdlist zqmdcell zqtxthead zqtxtbody Kyle Zqenfield "
    "Zqwarbly 07700 SW1A Zqmarl"
).split()
_MARKER = re.compile("|".join(MARKERS), re.IGNORECASE)


def marked_docx(path: Path) -> Path:
    doc = new_document()
    doc.core_properties.author = "Zqauthor Person"
    doc.core_properties.last_modified_by = "Zqmodifier Person"
    doc.core_properties.title = "zqtitle"
    set_app_properties(doc, Company="Zqcompany Ltd")
    doc.add_paragraph("Local Child Safeguarding Practice Review: zqtitle", style="Title")
    doc.add_heading("Background zqheadone", 1)
    p = doc.add_paragraph(
        "This review concerns Child T, who will be known as Child T. Kyle was not seen alone. "
        "The zqbody word is here and the COVID lockdown is mentioned. The decision was "
        "taken on 1 January 2020."
    )
    add_comment(doc, p, "A zqcomment note.", author="Zqcommenter Reviewer")
    add_insertion(p, " An zqinsert word.", author="Zqinserter Editor")
    add_deletion(p, " A zqdelete word.", author="Zqinserter Editor")
    add_footnote(doc, p, "A zqfootnote note.")
    add_hidden_run(p, " zqhidden words")
    doc.add_paragraph(
        "Dr Zqenfield visited Mrs Zqwarbly at 14 Zqmarl Lane, London SW1A 1AA; phone 07700 900123."
    )
    doc.add_heading("Recommendations zqheadtwo", 2)
    add_list_item(doc, "Consider the zqlist item.", "number")
    add_table(doc, [["Agency", "Note"], ["Police", "zqcell text"]])
    doc.add_heading("Chronology", 1)
    doc.add_paragraph("On 3 March 2019 the zqbody visit happened. " * 20)
    set_header_footer(doc, header="zqheader", footer="zqfooter")
    return save(doc, path)


MARKED_MD = """\
# Local Child Safeguarding Practice Review: Zqmdtitle

## Background zqmdhead

This review concerns Child T, who will be known as Child T. Kyle was not seen alone.
The zqmdbody word. Dr Zqenfield called 07700 900123.

## Recommendations

1. Consider the zqmdlist item.

| Agency | Note |
|---|---|
| Police | zqmdcell |
"""

MARKED_TXT = "Zqtxthead review\n\nKEY QUESTIONS ZQTXTHEAD\n\nThe zqtxtbody text. Kyle was seen.\n"


@pytest.fixture
def marked(work: Path) -> list[Path]:
    return [
        marked_docx(work / "draft.docx"),
        write(work / "draft.md", MARKED_MD),
        write(work / "draft.txt", MARKED_TXT),
    ]


def test_markers_reach_the_output_when_snippets_are_allowed(
    work: Path, rules: Path, marked: list[Path]
) -> None:
    """The control: without --no-snippets most markers are quoted somewhere."""
    result = run("check", "--rules", rules, "--format", "json", *marked)
    shown = {m.lower() for m in _MARKER.findall(result.out)}
    assert len(shown) >= len(MARKERS) // 2, sorted(shown)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_snippets_keeps_document_text_out_of_every_format(
    work: Path, rules: Path, marked: list[Path], fmt: str
) -> None:
    report = work / f"report.{fmt}"
    for extra in ([], ["--statistics"], ["--output", report], ["-j", "2"]):
        result = run("check", "--rules", rules, "--no-snippets", "--format", fmt, *extra, *marked)
        assert result.code in (1, 2), result.err
        found = _MARKER.findall(result.out + result.err)
        if report.exists():
            found += _MARKER.findall(report.read_text(encoding="utf-8"))
        assert found == [], (extra, found)


def test_no_snippets_still_says_where_and_what(work: Path, rules: Path, marked: list[Path]) -> None:
    result = run("check", "--rules", rules, "--no-snippets", "--format", "json", *marked)
    findings = [f for file in json.loads(result.out)["files"] for f in file["findings"]]
    assert {"HOST101", "HOST104", "HOST105", "HOST106"} <= {f["rule"] for f in findings}
    located = [f for f in findings if f["rule"] == "HOST101"]
    assert all(f["location"]["paragraph"] or f["location"]["line"] for f in located)
    assert all(f["snippet"] is None and f["location"]["section"] is None for f in findings)


def test_no_snippets_with_a_baseline(work: Path, rules: Path, marked: list[Path]) -> None:
    baseline = work / "baseline.json"
    run("check", "--rules", rules, "--baseline", baseline, "--write-baseline", marked[0])
    result = run(
        "check",
        "--rules",
        rules,
        "--no-snippets",
        "--baseline",
        baseline,
        "--format",
        "json",
        *marked,
    )
    assert _MARKER.findall(result.out + result.err) == []


# --- nothing leaked: errors, exceptions, logs -------------------------------------------------


def test_malformed_xml_error_does_not_quote_the_document(work: Path, rules: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    broken = (
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>zqsecret text</w:t>'
        "</w:r></w:p><w:p><w:r><w:t>zqsecret unclosed</w:body></w:document>"
    )
    path = rewrite_zip(
        rich_docx_bytes(), work / "draft.docx", {"word/document.xml": broken.encode()}
    )
    for fmt in FORMATS:
        result = run("check", "--rules", rules, "--format", fmt, path)
        assert result.code == 2
        assert "zqsecret" not in result.out + result.err
    result = run("outline", path)
    assert_one_line_error(result.err, path, "malformed XML in word/document.xml")
    assert "zqsecret" not in result.err


def test_failing_check_kind_does_not_quote_the_document(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin kind that fails with the document's text in its exception: the rule is
    reported failed by its type of error only."""

    def build(params):  # type: ignore[no-untyped-def]
        def check(doc):  # type: ignore[no-untyped-def]
            raise ValueError(" ".join(b.text for b in doc.blocks))

        return check

    boom = CheckKind(name="boom", description="Always fails.", params={}, build=build)
    monkeypatch.setattr(cli, "_kinds", lambda: {**all_kinds(), "boom": boom})
    rule = write(
        work / "boom.yaml",
        HOSTILE_RULES.split("\n- id: HOST102")[0]
        + "\n- id: BOOM101\n  name: boom\n  category: hostile\n  severity: error\n"
        "  message: x\n  rationale: x\n  source: x\n  fix: x\n  check: boom\n",
    )
    draft = write(work / "draft.md", "# Title\n\nThe Sekritword and zqword text.\n")
    result = run("check", "--rules", rule, "--no-snippets", "--format", "json", draft)
    assert result.code == 2
    data = json.loads(result.out)["files"][0]
    assert data["rule_errors"] == [
        "BOOM101: internal error in check kind 'boom' (ValueError); rerun with --debug"
    ]
    assert "Sekritword" not in result.out + result.err
    assert any(f["rule"] == "HOST101" for f in data["findings"])


def test_failing_reader_does_not_quote_the_document(
    work: Path, rules: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lcsprlint.readers.text as text_reader

    def broken(path: Path):  # type: ignore[no-untyped-def]
        raise KeyError(Path(path).read_text())

    monkeypatch.setattr(text_reader, "read_text", broken)
    draft = write(work / "draft.txt", "zqsecret inside\n")
    result = run("check", "--rules", rules, draft, good)
    assert result.code == 2
    assert_one_line_error(result.err, draft, "internal error while reading (KeyError)")
    assert "zqsecret" not in result.out + result.err
    assert "zqgood" in result.out


def test_logs_and_warnings_never_quote_the_document(
    work: Path, rules: Path, marked: list[Path], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run("check", "--rules", rules, "--no-snippets", *marked)
    assert result.code in (1, 2)
    assert _MARKER.findall(caplog.text) == []
    assert [str(w.message) for w in caught if _MARKER.search(str(w.message))] == []


def test_no_files_left_behind(
    work: Path, rules: Path, marked: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cache, log or temporary file anywhere a run could write (home, caches, cwd)."""
    home = work.parent / "home"
    home.mkdir()
    for var, sub in (("HOME", ""), ("XDG_CACHE_HOME", ".cache"), ("XDG_DATA_HOME", ".data")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("TMPDIR", str(home / "tmp"))
    (home / "tmp").mkdir()
    before = set(work.parent.rglob("*"))
    run("check", "--rules", rules, "--format", "json", "-j", "1", *marked)
    run("outline", marked[0])
    created = {p for p in set(work.parent.rglob("*")) - before if "__pycache__" not in p.parts}
    assert created == set()
