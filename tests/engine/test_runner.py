"""The Engine: compile once, hits to findings, order, time limits, batches."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from lcsprlint.engine.runner import (
    Engine,
    RunSpec,
    check_paths,
    expand_paths,
    format_message,
    hit_location,
)
from lcsprlint.kinds import patterns
from lcsprlint.kinds.base import CheckKind, Hit
from lcsprlint.model import Document

from .helpers import FORBID, fake_kinds, md_doc, rule, write

DOC = "# Review of Child T\nIntro with SCR.\n## Background\nThe SCR and TBC.\nThe SCR again.\n"


@pytest.fixture
def short_timeout():
    patterns.set_timeout(0.05)
    yield
    patterns.set_timeout(patterns.DEFAULT_TIMEOUT)


def test_format_message_is_safe() -> None:
    values = {"match": "SCR", "missing": ["police", "ICB"], "share": 0.256}
    assert format_message("Found {match}.", values) == "Found SCR."
    assert format_message("Missing: {missing}.", values) == "Missing: police, ICB."
    assert format_message("{share:.0%} of words", values) == "26% of words"
    assert format_message("{unknown} stays, {match!r}", values) == "{unknown} stays, 'SCR'"
    assert format_message("{share:d} bad spec", values) == "{share:d} bad spec"
    assert format_message("unbalanced { brace", values) == "unbalanced { brace"
    assert format_message("{0} {a.b} {{literal}}", values) == "{0} {a.b} {literal}"


def test_hit_locations() -> None:
    doc = md_doc(DOC)
    loc = hit_location(doc, Hit(block=3))
    assert (loc.section, loc.section_path, loc.paragraph, loc.line, loc.block) == (
        "Background",
        ("Review of Child T", "Background"),
        4,
        4,
        3,
    )
    sec = hit_location(doc, Hit(section=2))
    assert (sec.section, sec.block, sec.line) == ("Background", 2, 3)
    whole = hit_location(doc, Hit(story="header"))
    assert (whole.section, whole.block, whole.paragraph, whole.story) == (
        None,
        None,
        None,
        "header",
    )


def test_findings_in_document_order_document_level_first_deduplicated() -> None:
    rules = [
        rule("TEST101", forbid=["SCR"], message="Found {match}."),
        rule("TEST102", forbid=["TBC", "SCR"], message="Placeholder {match}."),
        rule("TEST050", check="whole", message="{words} words", note="Consider it."),
        rule("TEST060", forbid=["scr"], scope="body", message="Again."),
    ]
    # TEST060 finds SCR twice in block 3 with the same message and snippet: one finding.
    result = Engine(rules, fake_kinds()).check_document(md_doc(DOC))
    got = [(f.rule, f.location.block, f.message) for f in result.findings]
    assert got[0] == ("TEST050", None, f"{md_doc(DOC).words} words Consider it.")
    blocks = [b for _, b, _ in got[1:]]
    assert blocks == sorted(blocks)
    assert got.count(("TEST060", 3, "Again.")) == 1
    assert ("TEST101", 3, "Found SCR.") in got
    assert ("TEST102", 3, "Placeholder TBC.") in got
    f = result.findings[1]
    assert (f.severity, f.category, f.name) == ("warning", "testing", "rule-test060")


def test_checks_are_built_once_per_run() -> None:
    builds: list[object] = []

    def build(params):
        builds.append(params)
        return FORBID.build(params)

    counting = CheckKind(name="forbid", description="", params=FORBID.params, build=build)
    engine = Engine([rule("TEST101", forbid=["SCR"])], {"forbid": counting})
    for _ in range(3):
        engine.check_document(md_doc(DOC))
    assert len(builds) == 1


def test_profile_filter_snippets_and_result_fields() -> None:
    rules = [
        rule("TEST101", forbid=["SCR"]),
        rule("TEST102", forbid=["TBC"], profiles=["rapid-review"]),
    ]
    engine = Engine(rules, fake_kinds(), profile="lcspr", snippets=False)
    result = engine.check_document(md_doc(DOC), "given/path.md")
    assert {f.rule for f in result.findings} == {"TEST101"}
    assert all(f.snippet is None for f in result.findings)
    assert (result.path, result.format, result.profile, result.error) == (
        "given/path.md",
        "markdown",
        "lcspr",
        None,
    )


def test_catastrophic_patterns_stopped_rules_failed_others_run(short_timeout) -> None:
    # Rules built directly: validation would refuse these patterns at load time.
    exponential = rule("TEST666", forbid=["(a|aa)+$"], scope="body")
    polynomial = rule("TEST667", forbid=["(x+x+)+y"], scope="body")
    good = rule("TEST101", forbid=["SCR"])
    engine = Engine([exponential, polynomial, good], fake_kinds())
    text = "# Title\nSCR here.\n" + "a" * 60 + "!\n" + "x" * 5000 + "\n"
    first = engine.check_document(md_doc(text))
    assert [e.split(":")[0] for e in first.rule_errors] == ["TEST666", "TEST667"]
    assert first.rule_errors[0].startswith("TEST666: a pattern ran for more than 0.05s")
    assert [f.rule for f in first.findings] == ["TEST101"]
    # Disabled for the rest of the run: not run again, still reported per file.
    second = engine.check_document(md_doc("# Title\nSCR.\n"))
    assert [e.split(":")[0] for e in second.rule_errors] == ["TEST666", "TEST667"]
    assert "disabled" in second.rule_errors[0]
    assert [f.rule for f in second.findings] == ["TEST101"]


def _broken_build(params):
    def check(doc: Document) -> Iterable[Hit]:
        raise ZeroDivisionError("bug")

    return check


def test_bug_in_a_kind_is_isolated_unless_debugging() -> None:
    kinds = {**fake_kinds(), "broken": CheckKind("broken", "", {}, _broken_build)}
    rules = [rule("TEST900", check="broken"), rule("TEST101", forbid=["SCR"])]
    result = Engine(rules, kinds).check_document(md_doc(DOC))
    assert result.rule_errors == [
        "TEST900: internal error in check kind 'broken' (ZeroDivisionError); rerun with --debug"
    ]
    assert {f.rule for f in result.findings} == {"TEST101"}
    with pytest.raises(ZeroDivisionError):
        Engine(rules, kinds, debug=True).check_document(md_doc(DOC))


def test_per_file_ignores(tmp_path: Path) -> None:
    rules = [rule("TEST101", forbid=["SCR"], category="labelling"), rule("TEST102", forbid=["TBC"])]
    engine = Engine(
        rules, fake_kinds(), per_file_ignores=[("old/*.md", ("labelling",))], root=tmp_path
    )
    old = engine.check_document(md_doc(DOC), str(tmp_path / "old" / "a.md"))
    new = engine.check_document(md_doc(DOC), str(tmp_path / "new" / "a.md"))
    assert {f.rule for f in old.findings} == {"TEST102"}
    assert {f.rule for f in new.findings} == {"TEST101", "TEST102"}


def test_expand_paths(tmp_path: Path) -> None:
    write(tmp_path / "b.md", "# B\n")
    write(tmp_path / "a" / "z.txt", "Z\n")
    write(tmp_path / "a" / "notes.pdf", "")
    write(tmp_path / ".git" / "x.md", "")
    write(tmp_path / "a" / ".hidden.md", "")
    write(tmp_path / "a" / "~$draft.docx", "")
    write(tmp_path / "c.DOCX", "")
    given = write(tmp_path / "explicit.pdf", "")
    got = expand_paths([tmp_path, given, tmp_path / "b.md", tmp_path / "missing.md"])
    rel = [p.relative_to(tmp_path).as_posix() for p in got]
    assert rel == ["a/z.txt", "b.md", "c.DOCX", "explicit.pdf", "missing.md"]


def test_expand_glob(tmp_path: Path) -> None:
    write(tmp_path / "d" / "one.md", "")
    write(tmp_path / "d" / "two.md", "")
    got = expand_paths([str(tmp_path / "d" / "*.md")])
    assert [p.name for p in got] == ["one.md", "two.md"]


def _batch(tmp_path: Path) -> list[Path]:
    files = []
    for i in range(6):
        body = "".join(f"SCR {k}.\n\n" for k in range(i))
        files.append(write(tmp_path / f"d{i}.md", f"# Draft {i}\n\n{body}"))
    bad = tmp_path / "d3.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    return [*files[:3], bad, tmp_path / "missing.md", *files[3:]]


def test_batch_with_unreadable_files_goes_on(tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    spec = RunSpec(rules=(rule("TEST101", forbid=["SCR"]),))
    results = check_paths(paths, spec, fake_kinds(), jobs=1)
    assert [r.path for r in results] == [str(p) for p in paths]
    errors = {Path(r.path).name: r.error for r in results if r.error}
    assert set(errors) == {"d3.docx", "missing.md"}
    assert errors["missing.md"] == "no such file or folder"
    assert all("\n" not in e for e in errors.values())
    counts = [len(r.findings) for r in results if not r.error]
    assert counts == [0, 1, 2, 3, 4, 5]


def test_results_do_not_depend_on_jobs(tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    spec = RunSpec(rules=(rule("TEST101", forbid=["SCR"]),))
    one = check_paths(paths, spec, fake_kinds(), jobs=1)
    many = check_paths(paths, spec, fake_kinds(), jobs=3)
    assert one == many


def test_spec_per_file(tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", "SCR TBC\n")
    b = write(tmp_path / "b.md", "SCR TBC\n")
    spec_a = RunSpec(rules=(rule("TEST101", forbid=["SCR"]),))
    spec_b = RunSpec(rules=(rule("TEST102", forbid=["TBC"]),), profile="rapid-review")
    results = check_paths([a, b], lambda p: spec_a if p.name == "a.md" else spec_b, fake_kinds())
    assert [[f.rule for f in r.findings] for r in results] == [["TEST101"], ["TEST102"]]
    assert results[1].profile == "rapid-review"
