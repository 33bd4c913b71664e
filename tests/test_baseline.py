"""Baselines: record today's findings, report only new ones after edits elsewhere.

The kinds are the fakes from tests/engine/helpers.py with the test rules in
tests/engine/rules, and the built-in packs are empty, as in test_cli.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from engine.helpers import isolate_cli, write

from lcsprlint import __version__, cli
from lcsprlint.engine.baseline import Baseline, baseline_path, load_baseline
from lcsprlint.errors import ConfigError
from lcsprlint.results import FileResult, Finding, Location

RULES = Path(__file__).parent / "engine" / "rules"

DRAFT = """\
# Local Child Safeguarding Practice Review: Child T

## Background

The date of the strategy meeting is TBC.

The SCR from 2017 is cited here.

## Findings

Practitioners worked well together.
"""

#: Paragraphs inserted above and inside Background, Findings reworded, one new placeholder.
EDITED = """\
# Local Child Safeguarding Practice Review: Child T

An introduction written after the baseline.

A second new paragraph before any finding.

## Background

A new opening paragraph for the background.

The date of the strategy meeting is TBC.

The SCR from 2017 is cited here.

## Findings

Practitioners worked well together and shared information promptly.

The outcome of the case conference is XXXX.
"""


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_cli(tmp_path, monkeypatch)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli.cli, ["check", "--rules", str(RULES), "-j", "1", *map(str, args)]
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def findings(out: str) -> list[tuple[str, str, int | None]]:
    return [
        (f["rule"], f["location"]["section"], f["location"]["line"])
        for r in json.loads(out)["files"]
        for f in r["findings"]
    ]


def test_round_trip_edit_elsewhere_reports_only_the_new_problem(isolated: Path) -> None:
    draft = write(isolated / "drafts" / "child-t.md", DRAFT)
    base = isolated / ".lcsprlint-baseline.json"

    code, out, err = run("drafts", "--write-baseline", "--baseline", base)
    assert (code, err) == (0, "")
    assert out.strip() == f"lcsprlint: wrote baseline {base}: 2 findings in 1 file"
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["tool"] == {"name": "lcsprlint", "version": __version__}
    assert list(data["files"]) == ["drafts/child-t.md"]
    entries = data["files"]["drafts/child-t.md"]
    assert [(e["rule"], e["count"]) for e in entries] == [("TEST101", 1), ("TEST102", 1)]
    assert all(len(e["fingerprint"]) == 32 for e in entries)
    assert "strategy meeting" not in base.read_text(encoding="utf-8")  # no document text

    draft.write_text(EDITED, encoding="utf-8")
    _, before, _ = run("--format", "json", "drafts")
    assert len(findings(before)) == 3  # without the baseline the old ones are all there

    code, out, err = run("--format", "json", "--baseline", base, "drafts")
    assert code == 1
    assert findings(out) == [("TEST102", "Findings", 19)]
    assert err.strip() == f"lcsprlint: 2 finding(s) hidden by baseline {base}"

    code, out, _ = run("--baseline", base, "drafts")
    assert code == 1
    last = out.rstrip().splitlines()[-1]
    assert last == "1 file: 0 errors, 1 warning, 0 info; 2 hidden by baseline"
    assert "XXXX" in out and "strategy meeting" not in out


def test_clean_against_its_own_baseline_exits_0(isolated: Path) -> None:
    write(isolated / "d.md", DRAFT)
    assert run("d.md", "--write-baseline")[0] == 0
    assert (isolated / ".lcsprlint-baseline.json").is_file()  # the default name
    code, out, _ = run("d.md", "--baseline", ".lcsprlint-baseline.json")
    assert code == 0
    assert out.rstrip().endswith("0 warnings, 0 info; 2 hidden by baseline")
    code, out, _ = run("d.md", "--baseline", ".lcsprlint-baseline.json", "-o", "r.json")
    assert out.strip() == (
        "1 file: 0 errors, 0 warnings, 0 info; 2 hidden by baseline; report written to r.json"
    )


def test_duplicates_are_counted(isolated: Path) -> None:
    two = "# Local Child Safeguarding Practice Review\n\n## Background\n\nDate TBC.\n\nDate TBC.\n"
    draft = write(isolated / "d.md", two)
    run("d.md", "--write-baseline")
    [entry] = json.loads((isolated / ".lcsprlint-baseline.json").read_text())["files"]["d.md"]
    assert entry["count"] == 2
    draft.write_text(two + "\nDate TBC.\n", encoding="utf-8")
    code, out, _ = run("--format", "json", "--baseline", ".lcsprlint-baseline.json", "d.md")
    assert code == 1
    assert findings(out) == [("TEST102", "Background", 9)]
    draft.write_text(
        "# Local Child Safeguarding Practice Review\n\n## Background\n\nDate TBC.\n",
        encoding="utf-8",
    )
    assert run("--baseline", ".lcsprlint-baseline.json", "d.md")[0] == 0


def test_paths_relative_to_the_baseline_folder_from_any_working_folder(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(isolated / "repo" / "drafts" / "a.md", DRAFT)
    base = isolated / "repo" / "ci" / "baseline.json"
    base.parent.mkdir()
    run("repo/drafts", "--write-baseline", "--baseline", base)
    assert list(json.loads(base.read_text())["files"]) == ["../drafts/a.md"]
    monkeypatch.chdir(isolated / "repo" / "drafts")
    code, out, _ = run("--format", "json", "--baseline", "../ci/baseline.json", "a.md")
    assert (code, findings(out)) == (0, [])
    monkeypatch.chdir(isolated.parent)
    code, out, _ = run("--format", "json", "--baseline", base, isolated / "repo" / "drafts")
    assert (code, findings(out)) == (0, [])


def test_baseline_with_no_snippets_matches_and_quotes_nothing(isolated: Path) -> None:
    draft = write(isolated / "d.md", DRAFT)
    run("d.md", "--write-baseline", "--no-snippets")
    draft.write_text(EDITED, encoding="utf-8")
    code, out, _ = run("--format", "json", "--baseline", ".lcsprlint-baseline.json", "d.md")
    assert [f[0] for f in findings(out)] == ["TEST102"]
    code, out, _ = run(
        "--format", "json", "--no-snippets", "--baseline", ".lcsprlint-baseline.json", "d.md"
    )
    assert code == 1
    [f] = json.loads(out)["files"][0]["findings"]
    assert f["snippet"] is None and f["rule"] == "TEST102"


def test_baseline_never_written_over_an_input_or_the_report(isolated: Path) -> None:
    draft = write(isolated / "drafts" / "d.md", DRAFT)
    code, _, err = run("drafts", "--write-baseline", "--baseline", draft)
    assert code == 2
    assert "is one of the files being checked" in err
    assert draft.read_text(encoding="utf-8") == DRAFT
    code, _, err = run("drafts", "--write-baseline", "-o", "report.txt")
    assert code == 2 and "--write-baseline writes no report" in err
    write(isolated / "b.json", "{}")
    code, _, err = run("drafts", "--baseline", "b.json", "-o", "b.json")
    assert code == 2 and "name the same file" in err
    assert (isolated / "b.json").read_text() == "{}"


def test_failed_baseline_write_keeps_the_old_one(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(isolated / "d.md", DRAFT)
    base = write(isolated / "base.json", "old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    code, _, err = run("d.md", "--write-baseline", "--baseline", base)
    assert code == 2
    assert err.strip() == f"lcsprlint: {base}: cannot write baseline: No space left on device"
    assert base.read_text() == "old"
    assert sorted(p.name for p in isolated.iterdir()) == ["base.json", "d.md"]


def test_unreadable_file_while_writing_a_baseline_exits_2(isolated: Path) -> None:
    write(isolated / "d.md", DRAFT)
    write(isolated / "e.docx", "plain text in disguise")
    code, out, err = run("d.md", "e.docx", "--write-baseline")
    assert code == 2
    assert "2 findings in 1 file" in out
    assert err.startswith("lcsprlint: e.docx: not a Word document")
    assert (isolated / ".lcsprlint-baseline.json").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline not found (create it with --write-baseline)"),
        ("{not json", "not a lcsprlint baseline (invalid JSON)"),
        ('{"files": {}}', "not a lcsprlint baseline (version 1 expected)"),
        (
            '{"baseline-version": 1, "files": {"a.md": [{"rule": "X", "count": 2}]}}',
            "baseline entry for 'a.md' needs rule, fingerprint and count >= 1",
        ),
    ],
)
def test_bad_baseline_is_one_line_exit_2(isolated: Path, content: str | None, message: str) -> None:
    write(isolated / "d.md", DRAFT)
    if content is not None:
        write(isolated / "b.json", content)
    code, out, err = run("d.md", "--baseline", "b.json")
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert err.strip().endswith(message)


def test_baseline_from_another_version_warns(isolated: Path) -> None:
    write(isolated / "d.md", DRAFT)
    run("d.md", "--write-baseline")
    base = isolated / ".lcsprlint-baseline.json"
    base.write_text(base.read_text().replace(__version__, "0.0.1"))
    code, _, err = run("d.md", "--baseline", base.name)
    assert code == 0
    assert "written by lcsprlint 0.0.1" in err


def _finding(rule: str, text: str, section: str, paragraph: int) -> Finding:
    return Finding(
        rule=rule,
        name="n",
        category="c",
        severity="warning",
        message="m",
        location=Location(section=section, paragraph=paragraph),
        snippet=text,
    )


def test_apply_matches_rule_file_and_fingerprint_not_paragraph(tmp_path: Path) -> None:
    old = FileResult(
        path=str(tmp_path / "a.docx"),
        findings=[_finding("R1", "Date TBC.", "Background", 4)] * 2
        + [_finding("R2", "The SCR.", "Background", 5)],
    )
    base = Baseline.from_results([old], tmp_path, "1")
    assert base.total == 3
    assert load_baseline(_saved(base, tmp_path)).files == base.files

    moved = FileResult(
        path=str(tmp_path / "a.docx"),
        findings=[
            _finding("R1", "Date  TBC", "Background", 9),  # same text, normalised
            _finding("R1", "Date TBC.", "Background", 12),
            _finding("R1", "Date TBC.", "Background", 13),  # a third: new
            _finding("R1", "Date TBC.", "Findings", 20),  # other section: new
            _finding("R3", "The SCR.", "Background", 10),  # other rule: new
        ],
    )
    other = FileResult(path=str(tmp_path / "b.docx"), findings=[old.findings[0]])
    broken = FileResult(path=str(tmp_path / "a.docx"), error="empty file")
    results, hidden = base.apply([moved, other, broken])
    assert hidden == 2
    assert [f.location.paragraph for f in results[0].findings] == [13, 20, 10]
    assert results[1].findings == other.findings
    assert results[2] is broken
    assert moved.findings[0].location.paragraph == 9  # the input is not changed


def _saved(base: Baseline, folder: Path) -> Path:
    path = folder / "b.json"
    path.write_text(base.to_json(), encoding="utf-8")
    return path


def test_baseline_path_is_relative_with_forward_slashes(tmp_path: Path) -> None:
    assert baseline_path(tmp_path / "x" / "y" / "a.md", tmp_path) == "x/y/a.md"
    assert baseline_path(tmp_path / "a.md", tmp_path / "ci") == "../a.md"


def test_load_rejects_a_non_list_entry(tmp_path: Path) -> None:
    bad = write(tmp_path / "b.json", '{"baseline-version": 1, "files": {"a.md": {}}}')
    with pytest.raises(ConfigError, match="is not a list"):
        load_baseline(bad)
