"""Suppression directives (Markdown/text), Word comments, and unused suppressions."""

from __future__ import annotations

from lcsprlint.engine.runner import Engine
from lcsprlint.engine.suppress import UNUSED_SUPPRESSION, is_suppression_comment
from lcsprlint.model import Comment

from .helpers import fake_kinds, md_doc, rule

SCR = rule("TEST101", name="no-scr", category="labelling", forbid=["SCR"], message="SCR")
TBC = rule("TEST102", name="placeholder", category="hygiene", forbid=["TBC"], message="TBC")
WHOLE = rule("TEST201", check="whole", name="whole", category="summary", message="whole")


def run(text: str, rules=(SCR, TBC, UNUSED_SUPPRESSION), comments=()):
    engine = Engine(list(rules), fake_kinds())
    return engine.check_document(md_doc(text, comments=comments))


def found(result) -> list[tuple[str, int | None]]:
    return [(f.rule, f.location.line) for f in result.findings]


def test_disable_enable_range_by_id() -> None:
    r = run(
        "SCR one\n"
        "<!-- lcsprlint-disable TEST101 -->\n"
        "SCR two TBC\n"
        "SCR three\n"
        "<!-- lcsprlint-enable TEST101 -->\n"
        "SCR four\n"
    )
    assert found(r) == [("TEST101", 1), ("TEST102", 3), ("TEST101", 6)]
    assert r.suppressed == 2


def test_unclosed_disable_runs_to_the_end_and_accepts_names_and_categories() -> None:
    r = run(
        "SCR TBC\n"
        "<!-- lcsprlint-disable no-scr, hygiene -- quoted from the old report -->\n"
        "SCR TBC\nSCR\n"
    )
    assert found(r) == [("TEST101", 1), ("TEST102", 1)]
    assert r.suppressed == 3


def test_disable_next_covers_one_block() -> None:
    r = run("<!-- lcsprlint-disable-next TEST101 -->\nSCR\n\nSCR\n")
    assert found(r) == [("TEST101", 4)]


def test_bare_disable_means_all_rules_until_bare_enable() -> None:
    r = run("SCR TBC\n<!-- lcsprlint-disable -->\nSCR TBC\n<!-- lcsprlint-enable -->\nSCR\n")
    assert found(r) == [("TEST101", 1), ("TEST102", 1), ("TEST101", 5)]


def test_document_level_finding_needs_a_directive_at_the_top() -> None:
    rules = (WHOLE, SCR, UNUSED_SUPPRESSION)
    top = run("<!-- lcsprlint-disable-next TEST201 -->\n# Title\nText\n", rules)
    assert found(top) == []
    lower = run("# Title\n<!-- lcsprlint-disable-next TEST201 -->\nText\n", rules)
    assert ("TEST201", None) in found(lower)
    assert ("LINT001", 2) in found(lower)


def test_unused_suppressions_reported_as_info() -> None:
    r = run(
        "<!-- lcsprlint-disable-next TEST102 -->\n"
        "SCR\n"
        "<!-- lcsprlint-disable-next TEST999 -->\n"
        "Clean.\n"
        "<!-- lcsprlint-disable -->\n"
        "Clean too.\n"
    )
    lint = [f for f in r.findings if f.rule == "LINT001"]
    assert [(f.location.line, f.severity, f.name, f.category) for f in lint] == [
        (1, "info", "unused-suppression", "suppression"),
        (5, "info", "unused-suppression", "suppression"),
    ]
    assert lint[0].message.startswith("Unused suppression of TEST102")
    assert "all rules" in lint[1].message
    # TEST999 names no rule that ran: not reported (it may matter in another configuration).


def test_unused_not_reported_without_lint001() -> None:
    r = run("<!-- lcsprlint-disable-next TEST102 -->\nSCR\n", rules=(SCR, TBC))
    assert found(r) == [("TEST101", 2)]


def test_word_comment_suppresses_anchored_blocks_only() -> None:
    note = Comment(
        id="1",
        author="Editor",
        date=None,
        text="lcsprlint: ignore TEST101, placeholder because we quote the 2017 SCR",
        blocks=(1,),
    )
    r = run("# Title\nSCR TBC\nSCR TBC\n", comments=(note,))
    assert found(r) == [("TEST101", 3), ("TEST102", 3)]
    assert r.suppressed == 2


def test_word_comment_on_the_title_suppresses_document_findings() -> None:
    note = Comment(id="1", author="E", date=None, text="LCSPRLINT: Ignore TEST201", blocks=(0,))
    r = run("# Title\nText\n", rules=(WHOLE, UNUSED_SUPPRESSION), comments=(note,))
    assert found(r) == []
    elsewhere = Comment(
        id="2", author="E", date=None, text="lcsprlint: ignore TEST201", blocks=(1,)
    )
    r = run("# Title\nText\n", rules=(WHOLE, UNUSED_SUPPRESSION), comments=(elsewhere,))
    assert [f.rule for f in r.findings] == ["TEST201", "LINT001"]
    unused = r.findings[1]
    assert unused.location.story == "comment"
    assert unused.location.paragraph == 2


def test_word_comment_without_rules_means_all_rules() -> None:
    note = Comment(
        id="1", author="E", date=None, text="lcsprlint: ignore - agreed with the chair", blocks=(1,)
    )
    r = run("# Title\nSCR TBC\n", comments=(note,))
    assert found(r) == []


def test_ordinary_comments_are_not_suppressions() -> None:
    assert is_suppression_comment("lcsprlint: ignore LCSPR101 it is a quote")
    assert not is_suppression_comment("Please check the lcsprlint output")
    note = Comment(id="1", author="E", date=None, text="Check SCR wording", blocks=(1,))
    assert found(run("# Title\nSCR\n", comments=(note,))) == [("TEST101", 2)]


def test_section_finding_stands_on_its_heading() -> None:
    sec = rule("TEST301", check="section", sections=["background"], message="{title}")
    r = run(
        "# Title\n<!-- lcsprlint-disable-next TEST301 -->\n## Background\nText\n",
        rules=(sec, UNUSED_SUPPRESSION),
    )
    assert found(r) == []
    assert r.suppressed == 1
