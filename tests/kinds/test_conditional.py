"""The conditional kind: if / then / unless, where, scopes and per."""

from __future__ import annotations

from .conftest import doc, h, invalid, p, run

COVID = {"if": ["covid", "lockdown"], "then": ["because", "meant that", "virtual"]}


def test_block_level():
    d = doc(
        p("During COVID-19, visits were virtual."),
        p("COVID-19 was a factor."),
        p("No trigger here."),
    )
    hits = run("conditional", {**COVID, "where": "block"}, d)
    assert [x.block for x in hits] == [1]
    assert hits[0].values == {"match": "COVID", "count": 1}
    assert hits[0].snippet == "COVID-19 was a factor."


def test_sentence_level():
    d = doc(p("COVID-19 was a factor. Visits were virtual because of it."))
    assert len(run("conditional", {**COVID, "where": "sentence"}, d)) == 1
    assert run("conditional", {**COVID, "where": "block"}, d) == []


def test_one_hit_per_block_even_with_several_failing_sentences():
    d = doc(p("COVID was a factor. The lockdown was a factor too."))
    hits = run("conditional", {**COVID, "where": "sentence"}, d)
    assert len(hits) == 1 and hits[0].values["match"] == "COVID"


def test_unless_cancels_in_the_same_place():
    params = {**COVID, "where": "sentence", "unless": ["list of factors"]}
    d = doc(p("The list of factors included COVID. Lockdown was hard."))
    hits = run("conditional", params, d)
    assert len(hits) == 1 and hits[0].values["match"] == "Lockdown"


def test_section_level_includes_subsections_but_not_siblings():
    d = doc(
        h("Analysis"),
        p("COVID was a factor."),
        h("Detail", level=2),
        p("Visits were virtual."),
        h("Context"),
        p("Lockdown mattered."),
        h("Other"),
        p("Because of this."),
    )
    hits = run("conditional", {**COVID, "where": "section"}, d)
    assert [x.block for x in hits] == [5]


def test_section_trigger_in_subsection_not_satisfied_by_parent_text():
    d = doc(h("Analysis"), p("Because of the visits."), h("Detail", level=2), p("COVID."))
    assert len(run("conditional", {**COVID, "where": "section"}, d)) == 1


def test_document_level_default():
    trial = {"if": ["trial", "inquest"], "then": ["parallel (processes|proceedings)"]}
    d = doc(p("The father awaits trial."), p("The inquest is pending."))
    hits = run("conditional", trial, d)
    assert [x.block for x in hits] == [0, 1]
    once = run("conditional", {**trial, "per": "document"}, d)
    assert len(once) == 1 and once[0].values["count"] == 2 and once[0].block == 0
    ok = doc(p("The father awaits trial."), p("Parallel processes are described below."))
    assert run("conditional", trial, ok) == []


def test_then_scope_reaches_headings():
    trial = {"if": ["trial"], "then": ["parallel processes"]}
    d = doc(h("Parallel processes"), p("A trial is due."))
    assert len(run("conditional", trial, d)) == 1
    assert run("conditional", {**trial, "then-scope": "document"}, d) == []


def test_if_scope():
    params = {"if": ["declined"], "then": ["invited"], "if-scope": "section"}
    d = doc(h("Family involvement"), p("The father declined."), h("Other"), p("Mother declined."))
    hits = run("conditional", {**params, "sections": ["family"]}, d)
    assert [x.block for x in hits] == [1]


def test_no_trigger_no_hit_and_empty_document():
    assert run("conditional", COVID, doc(p("Nothing."))) == []
    assert run("conditional", COVID, doc()) == []


def test_date_gate():
    params = {**COVID, "document-date-from": "2020-03-01"}
    assert run("conditional", params, doc(p("COVID."))) == []  # undated: skipped


def test_validation():
    assert invalid("conditional", {"if": ["x"]}) is not None
    assert invalid("conditional", {"if": ["x"], "then": ["("]}) is not None
    assert invalid("conditional", {"if": ["x"], "then": ["y"], "where": "page"}) is not None
    assert invalid("conditional", {"if": ["x"], "then": ["y"], "then-scope": "nowhere"})
    assert invalid("conditional", {"if": "x", "then": "y", "where": "block"}) is None


def test_section_level_with_units_outside_the_body():
    from lcsprlint.model import ExtraText

    d = doc(
        h("Analysis"),
        p("COVID mattered."),
        extras=[ExtraText("footnote", "COVID footnote", "COVID footnote")],
    )
    params = {**COVID, "where": "section", "if-scope": "notes", "then-scope": "document"}
    hits = run("conditional", params, d)
    assert len(hits) == 1 and hits[0].story == "footnote"
    assert run("conditional", {**params, "then": ["mattered"]}, d) == []
