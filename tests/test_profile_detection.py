"""Detecting the document type, and checking each file under its own profile (issue 8).

Without ``--profile`` (or ``profile:`` in the configuration, or with ``auto``)
each document is checked under the type its title page or opening gives; when
neither says, under lcspr with an info finding LINT002 saying so. The corpora
are the evidence that detection works on drafts written in many styles; the
small drafts here pin down the edge cases (an LCSPR that discusses its rapid
review, a yearly report that counts rapid reviews, the Panel's own name).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from engine.helpers import md_doc, rule, write

from lcsprlint import cli
from lcsprlint.engine.detect import PROFILE_UNDETECTED, detect_profile
from lcsprlint.engine.runner import DetectingEngine, RunSpec, engine_for
from lcsprlint.readers import read_document

CORPUS = Path(__file__).parent / "corpus"


def _drafts(folder: str) -> list[Path]:
    return sorted(p for p in (CORPUS / folder).iterdir() if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize(
    ("folder", "expected"),
    [("rapid-review", {"rapid-review"}), ("yearly-report", {"yearly-report"})],
)
def test_every_corpus_draft_is_detected(folder: str, expected: set[str]) -> None:
    drafts = _drafts(folder)
    assert len(drafts) >= 15
    got = {p.name: detect_profile(read_document(p)) for p in drafts}
    wrong = {name: d for name, d in got.items() if d[0] not in expected}
    assert wrong == {}
    assert all(reason.startswith("the title says") for _, reason in got.values())


def test_lcspr_drafts_are_never_taken_for_another_type() -> None:
    drafts = _drafts("lcspr")
    assert len(drafts) >= 40
    got = {p.name: detect_profile(read_document(p))[0] for p in drafts}
    assert {name: p for name, p in got.items() if p not in ("lcspr", None)} == {}
    # Mislabelled drafts (SCR, SILP, appreciative inquiry, learning review) are still LCSPRs.
    assert got["a-02-child-r.txt"] == got["b-07-child-h.md"] == got["b-22-ruby.md"] == "lcspr"


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("# Rapid review: Child A\n\nThe LCSPR will answer three questions.", "rapid-review"),
        ("# Summary and outcome of rapid review\n\nChild P.", "rapid-review"),
        ("# RAPID REVIEW REPORT - CHILD N\n\nOFFICIAL SENSITIVE", "rapid-review"),
        ("# Annual Report 2023-24\n\nSix rapid reviews and one LCSPR.", "yearly-report"),
        (
            "# Multi-agency safeguarding arrangements: report for 2023 to 2024\n\nText.",
            "yearly-report",
        ),
        ("# Serious Case Review: Child T\n\nThe rapid review met in May.", "lcspr"),
        ("# Learning Review: Family T\n\nA systems review.", "lcspr"),
        ("# Appreciative inquiry: Ruby\n\nWhat went well.", "lcspr"),
        ("# Local Child Safeguarding Practice Review following a rapid review\n\nX.", "lcspr"),
    ],
)
def test_the_title_page_decides(text: str, profile: str) -> None:
    assert detect_profile(md_doc(text))[0] == profile


def test_the_panel_s_name_is_not_a_document_type() -> None:
    doc = md_doc("# Child K\n\nSubmitted to the Child Safeguarding Practice Review Panel.\n")
    assert detect_profile(doc)[0] is None


@pytest.mark.parametrize(
    ("opening", "profile"),
    [
        ("This rapid review was completed within 15 working days.", "rapid-review"),
        ("This report records the outcome of the rapid review held in May.", "rapid-review"),
        ("This annual report covers the work of the partnership.", "yearly-report"),
        ("This report covers the twelve months from April 2023.", "yearly-report"),
        ("This Local Child Safeguarding Practice Review concerns a boy of 9.", "lcspr"),
    ],
)
def test_the_opening_decides_when_the_title_does_not(opening: str, profile: str) -> None:
    long_first_line = " ".join(["Background words."] * 20)
    doc = md_doc(f"# Child X\n\n{long_first_line}\n\n{opening}\n")
    got, reason = detect_profile(doc)
    assert got == profile
    assert reason.startswith("the opening says")


def test_unsure_is_none_with_a_reason() -> None:
    long_first_line = " ".join(["Background words."] * 20)
    mentions = (
        "The rapid review met on 3 May and recommended an LCSPR. The rapid review group "
        "found that the LCSPR should look at neglect."
    )
    doc = md_doc(f"# Child X\n\n{long_first_line}\n\n{mentions}\n")
    assert detect_profile(doc) == (
        None,
        "neither the title nor the opening names the document type",
    )
    both = md_doc(
        f"# Child X\n\n{long_first_line}\n\nThis rapid review is also this LCSPR, in a way.\n"
    )
    profile, reason = detect_profile(both)
    assert profile is None and "more than one" in reason


# The engine: one Engine per profile, picked per document.


def _spec() -> RunSpec:
    lcspr = (rule("TEST101", forbid=["text"], profiles=["lcspr"]), PROFILE_UNDETECTED)
    rapid = (rule("TEST301", forbid=["text"], profiles=["rapid-review"]),)
    return RunSpec(rules=lcspr, profile="lcspr", by_profile=(("rapid-review", rapid),))


def test_detecting_engine_checks_each_document_under_its_type() -> None:
    from engine.helpers import fake_kinds

    engine = engine_for(_spec(), fake_kinds())
    assert isinstance(engine, DetectingEngine)
    rr = engine.check_document(md_doc("# Rapid review: Child A\n\nSome text."))
    assert (rr.profile, [f.rule for f in rr.findings]) == ("rapid-review", ["TEST301"])
    lc = engine.check_document(md_doc("# LCSPR: Child B\n\nSome text."))
    assert (lc.profile, [f.rule for f in lc.findings]) == ("lcspr", ["TEST101"])
    unsure = engine.check_document(md_doc("# Child C\n\nSome text."))
    assert unsure.profile == "lcspr"
    assert [f.rule for f in unsure.findings] == ["LINT002", "TEST101"]
    note = unsure.findings[0]
    assert note.severity == "info"
    assert "checked as lcspr" in note.message and "--profile" in note.message


def test_the_note_can_be_suppressed_in_the_draft() -> None:
    from engine.helpers import fake_kinds

    engine = engine_for(_spec(), fake_kinds())
    doc = md_doc("<!-- lcsprlint-disable LINT002 -->\n# Child C\n\nSome text.")
    result = engine.check_document(doc)
    assert [f.rule for f in result.findings] == ["TEST101"]
    assert result.suppressed == 1


def test_a_spec_without_by_profile_keeps_the_plain_engine() -> None:
    from engine.helpers import fake_kinds

    spec = RunSpec(rules=(rule("TEST101", forbid=["text"]),), profile="rapid-review")
    engine = engine_for(spec, fake_kinds())
    assert not isinstance(engine, DetectingEngine)
    result = engine.check_document(md_doc("# Child C\n\nSome text."))
    assert (result.profile, [f.rule for f in result.findings]) == ("rapid-review", ["TEST101"])


# The command line, with the real packs and kinds.

UNSURE = "# Child X\n\nA short note with nothing that says what kind of document it is.\n"


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one draft of each type and one that does not say, and no configuration."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "drafts"
    for src in (
        CORPUS / "rapid-review" / "rr-02-jade.md",
        CORPUS / "yearly-report" / "yr-06-ashcombe.md",
        CORPUS / "lcspr" / "a-01-child-t.md",
    ):
        write(folder / src.name, src.read_text(encoding="utf-8"))
    write(folder / "unsure.md", UNSURE)
    return folder


def _check(*args: str | Path) -> tuple[int, dict[str, dict]]:
    result = CliRunner().invoke(
        cli.cli, ["check", "--format", "json", *map(str, args)], catch_exceptions=False
    )
    assert result.exit_code in (0, 1), result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    return result.exit_code, files


def _rule_prefixes(f: dict) -> set[str]:
    return {x["rule"].rstrip("0123456789") for x in f["findings"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_mixed_folder_each_file_under_its_own_profile(mixed: Path, jobs: str) -> None:
    _, files = _check(mixed, "--jobs", jobs)
    assert {name: f["profile"] for name, f in files.items()} == {
        "rr-02-jade.md": "rapid-review",
        "yr-06-ashcombe.md": "yearly-report",
        "a-01-child-t.md": "lcspr",
        "unsure.md": "lcspr",
    }
    assert _rule_prefixes(files["rr-02-jade.md"]) <= {"RR"}
    assert "RR" in _rule_prefixes(files["rr-02-jade.md"])
    assert not _rule_prefixes(files["yr-06-ashcombe.md"]) & {"RR", "LCSPR", "LINT"}
    notes = {
        name for name, f in files.items() if any(x["rule"] == "LINT002" for x in f["findings"])
    }
    assert notes == {"unsure.md"}
    assert files["unsure.md"]["findings"][0]["rule"] == "LINT002"


def test_a_named_profile_turns_detection_off(mixed: Path) -> None:
    _, files = _check(mixed, "--profile", "rapid-review")
    assert {f["profile"] for f in files.values()} == {"rapid-review"}
    assert not any(x["rule"] == "LINT002" for f in files.values() for x in f["findings"])
    write(mixed / ".lcsprlint.yaml", "profile: yearly-report\n")
    _, files = _check(mixed)
    assert {f["profile"] for f in files.values()} == {"yearly-report"}
    _, files = _check(mixed, "--profile", "auto")
    assert files["rr-02-jade.md"]["profile"] == "rapid-review"
    write(mixed / ".lcsprlint.yaml", "profile: auto\n")
    _, files = _check(mixed)
    assert files["a-01-child-t.md"]["profile"] == "lcspr"
    assert files["yr-06-ashcombe.md"]["profile"] == "yearly-report"


def test_selectors_may_name_rules_of_any_profile(mixed: Path) -> None:
    write(mixed / ".lcsprlint.yaml", "ignore: [rr-covid, LINT002]\n")
    _, files = _check(mixed)
    jade = files["rr-02-jade.md"]["findings"]
    assert jade and not any(x["category"] == "rr-covid" for x in jade)
    assert not any(x["rule"] == "LINT002" for x in files["unsure.md"]["findings"])
    write(mixed / ".lcsprlint.yaml", "ignore: [no-such-rule]\n")
    result = CliRunner().invoke(cli.cli, ["check", str(mixed)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "no rule matches selector 'no-such-rule'" in result.stderr


def test_text_report_and_show_config_state_the_profile(mixed: Path) -> None:
    result = CliRunner().invoke(cli.cli, ["check", str(mixed / "unsure.md")])
    assert "unsure.md  (lcspr)" in result.stdout
    assert "LINT002" in result.stdout
    result = CliRunner().invoke(cli.cli, ["check", "--show-config", str(mixed)])
    assert "profile-detection: true" in result.stdout
    result = CliRunner().invoke(
        cli.cli, ["check", "--show-config", "--profile", "lcspr", str(mixed)]
    )
    assert "profile-detection: false" in result.stdout


def test_outline_shows_the_detected_type(mixed: Path) -> None:
    result = CliRunner().invoke(cli.cli, ["outline", str(mixed / "rr-02-jade.md")])
    assert "document type: rapid-review (the title says 'Rapid Review')" in result.stdout
    result = CliRunner().invoke(cli.cli, ["outline", str(mixed / "unsure.md")])
    assert "document type: not detected (" in result.stdout
    assert "checked as lcspr unless a profile is set" in result.stdout
