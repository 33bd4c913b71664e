"""The command line, through click's CliRunner (and one real subprocess).

The check kinds are the fakes from tests/engine/helpers.py and the built-in
packs are replaced by empty ones, so these tests do not move when the real
kinds or packs change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from engine.helpers import isolate_cli, write

from lcsprlint import __version__, cli

RULES = Path(__file__).parent / "engine" / "rules"

DRAFT = """\
# Serious Case Review: Child T

This SCR looks at the care of Child T.

## Background

The date is TBC.

## Findings

Clean text here.
"""

CLEAN = "# Local Child Safeguarding Practice Review: Child K\n\nAll good.\n"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_cli(tmp_path, monkeypatch)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_json(*args: str | Path) -> tuple[int, dict]:
    code, out, _ = run("check", "--format", "json", "--rules", RULES, "--jobs", "1", *args)
    return code, json.loads(out)


def test_json_contract(isolated: Path) -> None:
    draft = write(isolated / "draft.md", DRAFT)
    code, data = check_json(draft)
    assert code == 1
    assert data["tool"] == {"name": "lcsprlint", "version": __version__}
    [f] = data["files"]
    assert f["path"] == str(draft)
    assert f["format"] == "markdown"
    assert f["error"] is None
    first = f["findings"][0]
    assert set(first) >= {"rule", "name", "category", "severity", "message", "location", "snippet"}
    assert set(first["location"]) >= {"section", "paragraph", "line"}
    got = [(x["rule"], x["location"]["line"]) for x in f["findings"]]
    assert got == [("TEST101", 1), ("TEST101", 3), ("TEST102", 7)]
    scr = f["findings"][1]
    assert scr["severity"] == "error"
    assert scr["category"] == "labelling"
    assert scr["message"].startswith('The draft says "SCR"')
    assert scr["location"]["section"] == "Serious Case Review: Child T"
    assert scr["snippet"] == "This SCR looks at the care of Child T."
    assert data["summary"] == {"files": 1, "errors": 2, "warnings": 1, "infos": 0, "unreadable": 0}


@pytest.mark.parametrize(
    ("text", "args", "code"),
    [
        (CLEAN, [], 0),
        (DRAFT, [], 1),
        ("# Draft\n\nDate TBC.\n", [], 1),
        ("# Draft\n\nDate TBC.\n", ["--fail-on", "error"], 0),
        (DRAFT, ["--fail-on", "never"], 0),
        (CLEAN, ["--extend-select", "TEST201"], 0),
        (CLEAN, ["--extend-select", "TEST201", "--fail-on", "info"], 1),
        (DRAFT, ["--ignore", "labelling,hygiene"], 0),
        (DRAFT, ["--select", "TEST102", "--fail-on", "error"], 0),
    ],
)
def test_exit_codes(isolated: Path, text: str, args: list[str], code: int) -> None:
    draft = write(isolated / "draft.md", text)
    assert check_json(draft, *args)[0] == code


def test_unreadable_file_exit_2_others_still_reported(isolated: Path) -> None:
    good = write(isolated / "a.md", DRAFT)
    bad = isolated / "b.docx"
    bad.write_bytes(b"\x00\x01 not a word file")
    code, data = check_json(good, bad, isolated / "missing.md")
    assert code == 2
    assert [f["path"] for f in data["files"]] == [str(good), str(bad), str(isolated / "missing.md")]
    assert len(data["files"][0]["findings"]) == 3
    assert data["files"][1]["error"] and data["files"][1]["findings"] == []
    assert data["summary"]["unreadable"] == 2


def test_folder_batch_same_output_whatever_jobs(isolated: Path) -> None:
    for i in range(5):
        write(isolated / "drafts" / f"d{i}.md", DRAFT if i % 2 else CLEAN)
    write(isolated / "drafts" / ".hidden.md", DRAFT)
    _, one = check_json(isolated / "drafts")
    code, out, _ = run(
        "check", "--format", "json", "--rules", RULES, "--jobs", "3", isolated / "drafts"
    )
    assert code == 1
    assert json.loads(out) == one
    assert [Path(f["path"]).name for f in one["files"]] == [f"d{i}.md" for i in range(5)]


def test_profile_and_per_file_config(isolated: Path) -> None:
    write(isolated / "rr" / ".lcsprlint.yaml", f"profile: rapid-review\nrules: ['{RULES}']\n")
    rr = write(isolated / "rr" / "review.md", "# Rapid review\n\nDuring lockdown.\n")
    code, out, _ = run("check", "--format", "json", rr)
    assert code == 1
    [f] = json.loads(out)["files"]
    assert [x["rule"] for x in f["findings"]] == ["TEST301"]
    assert f["profile"] == "rapid-review"


def test_config_params_and_severity(isolated: Path) -> None:
    write(
        isolated / ".lcsprlint.yaml",
        f"rules: ['{RULES}']\nseverity: {{TEST102: info}}\n"
        "params:\n  TEST101: {forbid: ['\\bLSCB\\b']}\n",
    )
    draft = write(isolated / "draft.md", DRAFT + "\nThe LSCB met.\n")
    code, out, _ = run("check", "--format", "json", draft)
    findings = json.loads(out)["files"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [
        ("TEST102", "info"),
        ("TEST101", "error"),
    ]
    assert code == 1


def test_per_file_ignores_from_config(isolated: Path) -> None:
    write(
        isolated / ".lcsprlint.yaml",
        f"rules: ['{RULES}']\nper-file-ignores:\n  'old/*.md': [labelling]\n",
    )
    old = write(isolated / "old" / "draft.md", DRAFT)
    new = write(isolated / "new" / "draft.md", DRAFT)
    code, out, _ = run("check", "--format", "json", "-j", "1", old, new)
    rules = [sorted({f["rule"] for f in r["findings"]}) for r in json.loads(out)["files"]]
    assert rules == [["TEST102"], ["TEST101", "TEST102"]]
    assert code == 1


def test_config_error_is_one_line_exit_2(isolated: Path) -> None:
    write(isolated / ".lcsprlint.yaml", "profile: lcspr\nfail-on: sometimes\n")
    draft = write(isolated / "draft.md", CLEAN)
    code, out, err = run("check", draft)
    assert code == 2
    assert out == ""
    assert err.startswith(f"lcsprlint: {isolated / '.lcsprlint.yaml'}:2: 'fail-on'")
    assert len(err.strip().splitlines()) == 1


def test_debug_shows_the_exception(isolated: Path) -> None:
    from lcsprlint.errors import ConfigError

    write(isolated / ".lcsprlint.yaml", "bogus: 1\n")
    draft = write(isolated / "draft.md", CLEAN)
    with pytest.raises(ConfigError):
        CliRunner().invoke(cli.cli, ["check", "--debug", str(draft)], catch_exceptions=False)


def test_bad_rule_file_lists_every_problem_exit_2(isolated: Path) -> None:
    bad = write(
        isolated / "bad.yaml",
        (RULES / "rapid.yaml").read_text().replace("check: forbid", "check: nope") + "extra: 1\n",
    )
    code, _, err = run("check", "--rules", bad, write(isolated / "d.md", CLEAN))
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[0] == (
        f"lcsprlint: {bad}:9: unknown check kind 'nope' (known: forbid, range, section, whole)"
    )


def test_unknown_selector_on_the_command_line(isolated: Path) -> None:
    code, _, err = run(
        "check", "--rules", RULES, "--select", "TEST9", write(isolated / "d.md", CLEAN)
    )
    assert code == 2
    assert err.strip() == "lcsprlint: --select: no rule matches selector 'TEST9'"


def test_output_file_atomic_and_summary(isolated: Path) -> None:
    draft = write(isolated / "draft.md", DRAFT)
    report = isolated / "out" / "report.json"
    report.parent.mkdir()
    code, out, _ = run("check", "--rules", RULES, "--format", "json", "-o", report, draft)
    assert code == 1
    assert json.loads(report.read_text())["summary"]["errors"] == 2
    assert out.strip() == f"1 file: 2 errors, 1 warning, 0 info; report written to {report}"
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]


def test_output_never_over_an_input(isolated: Path) -> None:
    draft = write(isolated / "draft.md", DRAFT)
    code, _, err = run("check", "--rules", RULES, "--output", draft, draft)
    assert code == 2
    assert "is one of the files being checked" in err
    assert draft.read_text() == DRAFT


def test_directives_from_the_markdown_reader(isolated: Path) -> None:
    text = DRAFT.replace("This SCR", "<!-- lcsprlint-disable-next TEST101 -->\nThis SCR").replace(
        "## Findings", "<!-- lcsprlint-disable-next hygiene -->\n## Findings"
    )
    draft = write(isolated / "draft.md", text)
    code, data = check_json(draft)
    got = [(f["rule"], f["severity"], f["location"]["line"]) for f in data["files"][0]["findings"]]
    assert got == [("TEST101", "error", 1), ("TEST102", "warning", 8), ("LINT001", "info", 10)]
    assert code == 1


def test_empty_folder_warns(isolated: Path) -> None:
    (isolated / "empty").mkdir()
    code, _, err = run("check", "--rules", RULES, isolated / "empty")
    assert code == 0
    assert "no .docx, Markdown or text files found" in err


def test_no_snippets(isolated: Path) -> None:
    draft = write(isolated / "draft.md", DRAFT)
    _, data = check_json("--no-snippets", draft)
    assert all(f["snippet"] is None for f in data["files"][0]["findings"])


def test_text_format_and_statistics(isolated: Path) -> None:
    draft = write(isolated / "draft.md", DRAFT)
    code, out, _ = run("check", "--rules", RULES, "--statistics", draft)
    assert code == 1
    assert "TEST101" in out and "Findings per rule" in out
    assert "1 file: 2 errors, 1 warning, 0 info" in out


def test_github_format_chosen_in_actions(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen: list[str] = []
    monkeypatch.setattr(cli, "_reporter", lambda fmt: chosen.append(fmt) or (lambda *a: ""))
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run("check", "--rules", RULES, write(isolated / "d.md", CLEAN))
    run("check", "--rules", RULES, "--format", "json", write(isolated / "d.md", CLEAN))
    assert chosen == ["github", "json"]


def test_show_config(isolated: Path) -> None:
    write(isolated / ".lcsprlint.yaml", f"rules: ['{RULES}']\nignore: [hygiene]\nfail-on: error\n")
    code, out, _ = run(
        "check", "--show-config", "--select", "labelling,hygiene", "--regex-timeout", "0.3"
    )
    assert code == 0
    data = yaml.safe_load(out)
    assert data["config-file"] == str((isolated / ".lcsprlint.yaml").resolve())
    assert data["profile"] == "lcspr"
    assert data["select"] == ["labelling", "hygiene"]
    assert data["ignore"] == ["hygiene"]
    assert data["fail-on"] == "error"
    assert data["rules-enabled"] == ["TEST101"]
    assert data["regex-timeout"] == 0.3


def test_no_paths_is_a_usage_error() -> None:
    code, _, err = run("check")
    assert code == 2
    assert "give at least one file" in err


def test_rules_command_text_and_json(isolated: Path) -> None:
    code, out, _ = run("rules", "--format", "json", "--rules", RULES)
    assert code == 0
    data = json.loads(out)
    assert [r["id"] for r in data] == ["TEST101", "TEST102", "TEST201", "LINT001"]
    for r in data:
        assert set(r) >= {"id", "name", "category", "severity", "source"}
    assert data[2]["enabled"] is False
    code, out, _ = run("rules", "--rules", RULES, "--profile", "rapid-review")
    assert code == 0
    assert "TEST301" in out and "rapid-only" in out
    assert "TEST201" in out and "(off)" in out


def test_explain(isolated: Path) -> None:
    code, out, _ = run("explain", "no-scr", "--rules", RULES)
    assert code == 0
    for text in (
        "TEST101 no-scr",
        "Rationale: Serious Case Reviews",
        "Source:",
        "Fix:",
        "check: forbid",
    ):
        assert text in out
    assert "Parameters:" in out and "serious case review" in out
    code, _, err = run("explain", "TEST999", "--rules", RULES)
    assert code == 2
    assert err.strip() == "lcsprlint: no rule 'TEST999' (see `lcsprlint rules`)"


def test_schema_command() -> None:
    import jsonschema

    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft7Validator.check_schema(schema)
    assert "rule" in schema["definitions"]


def test_init_writes_a_valid_config_and_refuses_to_overwrite(isolated: Path) -> None:
    from lcsprlint.engine.config import load_config

    code, _out, _ = run("init")
    target = isolated / ".lcsprlint.yaml"
    assert code == 0 and target.is_file()
    config = load_config(target)
    assert (config.profile, config.fail_on) == ("lcspr", "warning")
    target.write_text("profile: mine\n")
    code, _, err = run("init", isolated)
    assert code == 2
    assert "already exists" in err
    assert target.read_text() == "profile: mine\n"


def test_check_rules(isolated: Path) -> None:
    code, out, _ = run("check-rules", RULES)
    assert code == 0
    assert out.strip() == "4 rules OK"
    bad = write(isolated / "bad.yaml", "id: TEST1\nname: x\n")
    code, out, _ = run("check-rules", bad)
    assert code == 2
    lines = out.strip().splitlines()
    assert lines[0].startswith(f"{bad}:1: ")
    assert any("missing required field 'check'" in line for line in lines)


OUTLINE_MD = """\
# Review of Child T

Opening words here.

## 1 Introduction

One two three four five.

## 2 Key questions

### 2.1 First question

Six seven eight.
"""


def test_outline_text_and_json(isolated: Path) -> None:
    draft = write(isolated / "draft.md", OUTLINE_MD)
    code, out, _ = run("outline", "--format", "json", draft)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "path",
        "format",
        "title",
        "words",
        "sections",
        "comments",
        "tracked_changes",
    }
    assert data["path"] == str(draft)
    assert data["format"] == "markdown"
    assert data["title"] == "Review of Child T"
    assert (data["comments"], data["tracked_changes"]) == (0, 0)
    heads = [(s["level"], s["number"], s["title"]) for s in data["sections"]]
    assert heads == [
        (1, None, "Review of Child T"),
        (2, "1", "Introduction"),
        (2, "2", "Key questions"),
        (3, "2.1", "First question"),
    ]
    for s in data["sections"]:
        assert set(s) == {"level", "number", "title", "paragraph", "page", "words", "share"}
        assert 0 <= s["share"] <= 1
    assert data["sections"][0]["words"] == data["words"]
    code, out, _ = run("outline", draft)
    assert code == 0
    assert "2.1 First question" in out
    assert "comments: 0, tracked changes: 0" in out


def test_outline_refuses_folders_and_missing_files(isolated: Path) -> None:
    code, _out, err = run("outline", isolated)
    assert code == 2
    assert err == f"lcsprlint: {isolated}: is a folder; outline takes one file\n"
    code, _, err = run("outline", isolated / "nope.md")
    assert code == 2
    assert err.startswith(f"lcsprlint: {isolated / 'nope.md'}: ")
    assert len(err.splitlines()) == 1


def test_version_in_a_real_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lcsprlint", "--version"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"lcsprlint, version {__version__}"
