"""The rule-test harness (lcsprlint.ruletest) and the ``test-rules`` command.

Most tests use the fake kinds of tests/engine/helpers.py (``forbid`` reports
each match on its block, ``whole`` one finding about the document,
``section`` one per matching heading), so they test the harness, not the
real kinds. The example pack and the built-in packs run with the real kinds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from engine.helpers import fake_kinds, write
from support.docx_fixtures import build_docx

from lcsprlint import cli, ruletest
from lcsprlint.engine import builtin
from lcsprlint.engine.validate import collect_rules, rule_files

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "custom-rules"

FORBID = """\
- id: TEST101
  name: no-draft
  category: testing
  severity: warning
  message: "Found {match}."
  rationale: Because.
  source: Tests
  fix: Fix it.
  check: forbid
  scope: document
  forbid: ['\\bDRAFT\\b']
- id: TEST102
  name: no-tbc
  category: testing
  severity: warning
  message: "Found {match}."
  rationale: Because.
  source: Tests
  fix: Fix it.
  check: forbid
  scope: document
  forbid: ['\\bTBC\\b']
"""

WHOLE = """\
id: TEST201
name: whole-doc
category: testing
severity: info
message: About the document.
rationale: Because.
source: Tests
fix: Fix it.
check: whole
"""

SECTION = """\
id: TEST301
name: findings-heading
category: testing
severity: info
message: A findings section.
rationale: Because.
source: Tests
fix: Fix it.
check: section
sections: ['^findings$']
"""


def run_dir(folder: Path, **kw: bool) -> list[ruletest.RuleFileResult]:
    return ruletest.run_rule_tests([folder], fake_kinds(), **kw)


def only(results: list[ruletest.RuleFileResult]) -> ruletest.RuleFileResult:
    assert len(results) == 1
    return results[0]


def mismatches(result: ruletest.RuleFileResult) -> list[tuple[str, str, str]]:
    return [(m.problem, m.rule, m.where) for f in result.fixtures for m in f.mismatches]


# -- expectations in Markdown -----------------------------------------------------------


def test_expect_and_ok_blocks_pass(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(
        tmp_path / "words.test.md",
        "# Title\n\n<!-- expect: TEST101 -->\nThis is a DRAFT.\n\n"
        "<!-- ok: TEST101, TEST102 -->\nThis is final.\n\n"
        "<!-- expect: TEST101, no-tbc -- both on one line -->\nDRAFT date TBC.\n",
    )
    r = only(run_dir(tmp_path))
    assert r.status == "pass" and not r.failed
    assert r.rules == ("TEST101", "TEST102")
    assert r.fixtures[0].checks == 5
    assert ruletest.exit_code([r]) == 0


def test_missed_expectation_is_reported_at_its_line(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "words.test.md", "# Title\n\n<!-- expect: TEST101 -->\nAll final.\n")
    r = only(run_dir(tmp_path))
    assert r.status == "fail"
    assert mismatches(r) == [("missed", "TEST101", "line 4")]
    assert ruletest.exit_code([r]) == 1


def test_unexpected_findings_fail_and_ok_marks_are_shown(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(
        tmp_path / "words.test.md",
        "# Title\n\nA DRAFT here.\n\n<!-- ok: TEST102 -->\nDate TBC.\n\n"
        "<!-- expect: TEST101 -->\nDRAFT and TBC.\n",
    )
    r = only(run_dir(tmp_path))
    assert mismatches(r) == [
        ("unexpected", "TEST101", "line 3"),
        ("unexpected", "TEST102", "line 6"),
        ("unexpected", "TEST102", "line 9"),
    ]
    marked = [m.marked_ok for m in r.fixtures[0].mismatches]
    assert marked == [False, True, False]
    assert r.fixtures[0].mismatches[0].message == "Found DRAFT."


def test_section_findings_match_a_directive_before_the_heading(tmp_path: Path) -> None:
    write(tmp_path / "heads.yaml", SECTION)
    write(
        tmp_path / "heads.test.md",
        "# Title\n\n<!-- ok: TEST301 -->\n## Background\n\nText.\n\n"
        "<!-- expect: TEST301 -->\n## Findings\n\nMore text.\n",
    )
    assert only(run_dir(tmp_path)).status == "pass"


def test_document_level_expectations(tmp_path: Path) -> None:
    write(tmp_path / "whole.yaml", WHOLE)
    write(tmp_path / "whole.test.md", "<!-- expect: TEST201 document -->\n# Title\n\nText.\n")
    write(tmp_path / "whole.test.wrong.md", "<!-- ok: TEST201 document -->\n# Title\n\nText.\n")
    write(tmp_path / "whole.test.block.md", "# Title\n\n<!-- expect: TEST201 -->\nText.\n")
    r = only(run_dir(tmp_path))
    by_name = {Path(f.path).name: f for f in r.fixtures}
    assert by_name["whole.test.md"].passed
    wrong = by_name["whole.test.wrong.md"].mismatches
    assert [(m.problem, m.where, m.marked_ok) for m in wrong] == [("unexpected", "document", True)]
    block = by_name["whole.test.block.md"].mismatches
    assert sorted((m.problem, m.where) for m in block) == [
        ("missed", "line 4"),
        ("unexpected", "document"),
    ]


def test_only_the_files_own_rules_run(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "whole.yaml", WHOLE)  # would fire on every document
    write(tmp_path / "words.test.md", "# Title\n\n<!-- expect: TEST101 -->\nA DRAFT.\n")
    write(tmp_path / "whole.test.md", "<!-- expect: TEST201 document -->\n# DRAFT\n\nTBC.\n")
    results = run_dir(tmp_path)
    assert [r.status for r in results] == ["pass", "pass"]


@pytest.mark.parametrize(
    ("fixture", "error"),
    [
        ("<!-- expect: TEST999 -->\nText.\n", "names rule 'TEST999', which is not in this"),
        ("<!-- expect: -->\nText.\n", "names no rule"),
        ("Text.\n\n<!-- expect: TEST101 -->\n", "no block follows"),
        ("<!-- expect: TEST101 -->\n<!-- ok: TEST101 -->\nA DRAFT.\n", "both expected and"),
    ],
)
def test_fixture_mistakes_are_errors(tmp_path: Path, fixture: str, error: str) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "words.test.md", "# Title\n\n" + fixture)
    r = only(run_dir(tmp_path))
    assert r.status == "fail"
    assert error in (r.fixtures[0].error or "")
    assert ruletest.exit_code([r]) == 1


def test_text_fixtures(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(
        tmp_path / "words.test.txt",
        "REVIEW OF CHILD A\n\n<!-- expect: TEST101 -->\nThis is a DRAFT.\n\n"
        "<!-- ok: TEST101 -->\nThis is final.\n",
    )
    r = only(run_dir(tmp_path))
    assert r.status == "pass", mismatches(r)
    assert r.fixtures[0].checks == 2


# -- .docx fixtures and their sidecar ---------------------------------------------------


def _docx(folder: Path, name: str = "words.test.docx") -> Path:
    return build_docx(
        folder / name,
        [("title", "Review of Child A"), ("p", "This is a DRAFT."), ("p", "This is final.")],
    )


def test_docx_fixture_with_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    _docx(tmp_path)
    write(
        tmp_path / "words.test.expect.yaml",
        "expect:\n  - {rule: TEST101, paragraph: 2}\nok:\n  - {rule: TEST101, paragraph: 3}\n"
        "  - {rule: no-tbc, paragraph: document}\n",
    )
    r = only(run_dir(tmp_path))
    assert r.status == "pass", (mismatches(r), r.fixtures[0].error)
    assert r.fixtures[0].checks == 3


def test_docx_fixture_mismatches_name_paragraphs(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    _docx(tmp_path, "words.test.docx")
    write(tmp_path / "words.expect.yaml", "expect:\n  - {rule: TEST101, paragraph: 3}\n")
    r = only(run_dir(tmp_path))
    assert mismatches(r) == [
        ("unexpected", "TEST101", "paragraph 2"),
        ("missed", "TEST101", "paragraph 3"),
    ]


@pytest.mark.parametrize(
    ("sidecar", "error"),
    [
        (None, "needs its expectations in words.test.expect.yaml"),
        ("expect: [{rule: TEST101, paragraph: 40}]\n", "paragraph must be a paragraph number"),
        ("expect: [{rule: TEST101, para: 2}]\n", "must be a mapping {rule: ID"),
        ("expected: []\n", "unknown key 'expected'"),
        ("expect: {rule: TEST101}\n", "'expect' must be a list"),
        ("expect: [{rule: NOPE101, paragraph: 2}]\n", "names rule 'NOPE101'"),
        ("expect: [\n", "invalid YAML"),
    ],
)
def test_docx_sidecar_mistakes(tmp_path: Path, sidecar: str | None, error: str) -> None:
    write(tmp_path / "words.yaml", FORBID)
    _docx(tmp_path)
    if sidecar is not None:
        write(tmp_path / "words.test.expect.yaml", sidecar)
    r = only(run_dir(tmp_path))
    assert error in (r.fixtures[0].error or ""), r.fixtures[0].error


def test_sidecars_are_not_loaded_as_rule_files(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "words.test.expect.yaml", "expect: []\n")
    write(tmp_path / "words.expect.yml", "ok: []\n")
    assert [p.name for p in rule_files(tmp_path)] == ["words.yaml"]
    rules, problems = collect_rules([tmp_path], fake_kinds())
    assert len(rules) == 2 and not problems


# -- discovery, statuses and exit codes ---------------------------------------------------


def test_fixtures_for_finds_labelled_fixtures_only(tmp_path: Path) -> None:
    rule_file = write(tmp_path / "words.yaml", FORBID)
    for name in (
        "words.test.md",
        "words.test.late.md",
        "words.test.txt",
        "words.test.docx",
        "words.testing.md",
        "words.test..md",
        "words.test.expect.yaml",
        "other.test.md",
        "words2.test.md",
    ):
        write(tmp_path / name, "x\n")
    names = [p.name for p in ruletest.fixtures_for(rule_file)]
    assert names == ["words.test.docx", "words.test.md", "words.test.txt", "words.test.late.md"]


def test_no_fixtures_is_a_failure_only_when_required(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    r = only(run_dir(tmp_path))
    assert r.status == "no fixtures" and not r.failed
    assert ruletest.exit_code([r]) == 0
    strict = only(run_dir(tmp_path, require_fixtures=True))
    assert strict.failed
    assert ruletest.exit_code([strict]) == 1


def test_rules_no_fixture_expects_fail_only_when_required(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "words.test.md", "# Title\n\n<!-- expect: TEST101 -->\nA DRAFT.\n")
    r = only(run_dir(tmp_path))
    assert r.status == "pass" and r.untested == ("TEST102",)
    assert "note: no fixture expects TEST102 to fire" in ruletest.render_text([r])
    strict = only(run_dir(tmp_path, require_fixtures=True))
    assert strict.status == "fail"
    assert "fail: no fixture expects TEST102 to fire" in ruletest.render_text([strict])


def test_a_rule_file_that_does_not_load_exits_2_and_others_still_run(tmp_path: Path) -> None:
    write(tmp_path / "broken.yaml", "id: BAD1\ncheck: nope\n")
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "words.test.md", "# Title\n\n<!-- expect: TEST101 -->\nAll final.\n")
    results = run_dir(tmp_path)
    assert [r.status for r in results] == ["error", "fail"]
    assert any("unknown check kind 'nope'" in p for p in results[0].problems)
    assert ruletest.exit_code(results) == 2


def test_missing_path_is_a_load_error(tmp_path: Path) -> None:
    results = ruletest.run_rule_tests([tmp_path / "nowhere"], fake_kinds())
    assert results[0].status == "error"
    assert ruletest.exit_code(results) == 2


def test_a_fixture_path_runs_alone_with_its_rule_file(tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "words.test.md", "# Title\n\n<!-- expect: TEST101 -->\nAll final.\n")
    good = write(tmp_path / "words.test.good.md", "# T\n\n<!-- expect: TEST101 -->\nDRAFT.\n")
    r = only(ruletest.run_rule_tests([good], fake_kinds()))
    assert r.path == str(tmp_path / "words.yaml")
    assert [f.path for f in r.fixtures] == [str(good)] and r.status == "pass"
    stray = write(tmp_path / "notes.md", "# Notes\n")
    results = ruletest.run_rule_tests([stray], fake_kinds())
    assert results[0].status == "error" and ruletest.exit_code(results) == 2


def test_each_rule_file_is_tested_once(tmp_path: Path) -> None:
    rule_file = write(tmp_path / "words.yaml", FORBID)
    results = ruletest.run_rule_tests([tmp_path, rule_file], fake_kinds())
    assert len(results) == 1


# -- output ----------------------------------------------------------------------------


def _mixed(tmp_path: Path) -> list[ruletest.RuleFileResult]:
    write(tmp_path / "words.yaml", FORBID)
    write(tmp_path / "words.test.md", "# Title\n\n<!-- expect: TEST101 -->\nAll final.\n")
    write(tmp_path / "whole.yaml", WHOLE)
    write(tmp_path / "whole.test.md", "<!-- expect: TEST201 document -->\n# Title\n")
    write(tmp_path / "heads.yaml", SECTION)
    return run_dir(tmp_path)


def test_plain_text_table(tmp_path: Path) -> None:
    text = ruletest.render_text(_mixed(tmp_path), root=tmp_path)
    assert "\x1b[" not in text and "─" not in text
    lines = text.splitlines()
    assert lines[0].split() == ["rule", "file", "rules", "fixtures", "checks", "result"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:4]}
    assert rows == {
        "heads.yaml": ["1", "0", "0", "no", "fixtures"],
        "whole.yaml": ["1", "1", "1", "pass"],
        "words.yaml": ["2", "1", "1", "FAIL"],
    }
    assert "  words.test.md: missed      TEST101 at line 4: expected a finding" in lines
    assert lines[-1] == "3 rule files: 1 passed, 1 failed, 1 without fixtures"


def test_colour_only_for_terminals(tmp_path: Path) -> None:
    assert "\x1b[" in ruletest.render_text(_mixed(tmp_path), color=True)


def test_json_output(tmp_path: Path) -> None:
    data = json.loads(ruletest.render_json(_mixed(tmp_path)))
    assert data["summary"] == {
        "files": 3,
        "passed": 1,
        "failed": 1,
        "no_fixtures": 1,
        "errors": 0,
    }
    assert data["exit_code"] == 1
    words = next(f for f in data["files"] if f["path"].endswith("words.yaml"))
    assert words["status"] == "fail"
    fixture = words["fixtures"][0]
    assert fixture["missed"] == [
        {
            "rule": "TEST101",
            "problem": "missed",
            "where": "line 4",
            "message": "",
            "marked_ok": False,
        }
    ]
    assert fixture["unexpected"] == []


# -- the command --------------------------------------------------------------------------


@pytest.fixture
def fake_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    packs = tmp_path / "packs"
    (packs / "lcspr").mkdir(parents=True)
    monkeypatch.setattr(builtin, "builtin_rules_dir", lambda: packs)
    monkeypatch.setattr(cli, "_kinds", fake_kinds)
    monkeypatch.chdir(tmp_path)
    return packs


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout


def test_command_exit_codes(tmp_path: Path, fake_cli: Path) -> None:
    good = tmp_path / "good"
    write(good / "words.yaml", FORBID)
    write(good / "words.test.md", "# T\n\n<!-- expect: TEST101, TEST102 -->\nDRAFT TBC.\n")
    assert invoke("test-rules", good)[0] == 0
    bad = tmp_path / "bad"
    write(bad / "words.yaml", FORBID)
    write(bad / "words.test.md", "# T\n\nDRAFT.\n")
    code, out = invoke("test-rules", good, bad)
    assert code == 1
    assert "bad/words.yaml" in out and "unexpected  TEST101 at line 3" in out
    write(bad / "broken.yaml", "not: a rule\n")
    assert invoke("test-rules", good, bad)[0] == 2


def test_command_defaults_to_the_builtin_packs(tmp_path: Path, fake_cli: Path) -> None:
    write(fake_cli / "lcspr" / "words.yaml", FORBID)
    code, out = invoke("test-rules")
    assert code == 0 and "no fixtures" in out
    code, out = invoke("test-rules", "--require-fixtures", "--format", "json")
    assert code == 1
    assert json.loads(out)["files"][0]["status"] == "no fixtures"


def test_command_with_no_rule_files(tmp_path: Path, fake_cli: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = invoke("test-rules", empty, "--require-fixtures")
    assert code == 0 and "no rule files found" in out


# -- real kinds: the example pack and the built-in packs ---------------------------------


def test_example_pack_passes_its_fixtures() -> None:
    from lcsprlint.kinds import all_kinds

    results = ruletest.run_rule_tests([EXAMPLES], all_kinds(), require_fixtures=True)
    assert len(results) == 3
    for r in results:
        assert r.status == "pass", ruletest.render_text([r])
        assert len(r.fixtures) >= 2


def _builtin_rule_files() -> list[Path]:
    root = builtin.builtin_rules_dir()
    return rule_files(root) if root is not None else []


@pytest.mark.parametrize(
    "rule_file", _builtin_rule_files(), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_builtin_rule_fixtures(rule_file: Path) -> None:
    """Every built-in rule file with fixtures passes them, each of its rules expected somewhere.

    Files without fixtures yet are skipped until the pack's fixtures are written.
    """
    from lcsprlint.kinds import all_kinds

    if not ruletest.fixtures_for(rule_file):
        pytest.skip("no fixtures yet")
    r = ruletest.check_rule_file(rule_file, all_kinds(), require_fixtures=True)
    assert r.status == "pass", ruletest.render_text([r])
