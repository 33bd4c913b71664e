"""The pattern kind: forbid (with exceptions and grouping) and require (counts, density)."""

from __future__ import annotations

import datetime as dt

from lcsprlint.model import ExtraText, Metadata

from .conftest import doc, filler, h, invalid, p, run, table, title

SCR = {"forbid": ["serious case review", r"\bSCR\b"], "exceptions": ["earlier", "previous"]}


def test_forbid_each_match_with_values_and_snippet():
    d = doc(h("Intro"), p("This Serious Case Review (SCR) looks at Child R."))
    hits = run("pattern", SCR, d)
    assert [x.values["match"] for x in hits] == ["Serious Case Review", "SCR"]
    assert all(x.values["count"] == 1 and x.block == 1 for x in hits)
    assert hits[0].snippet == "This Serious Case Review (SCR) looks at Child R."


def test_forbid_quotes_original_text_not_normalised():
    d = doc(p("The \u201cSerious\u00a0Case Review\u201d was wrong."))
    hits = run("pattern", {"forbid": ["serious case review"]}, d)
    assert hits[0].values["match"] == "Serious\u00a0Case Review".replace("\u00a0", " ")
    assert "\u201c" in hits[0].snippet


def test_exceptions_in_same_sentence_only():
    d = doc(
        p("An earlier Serious Case Review in 2016 found this. This Serious Case Review did not.")
    )
    hits = run("pattern", SCR, d)
    assert len(hits) == 1
    assert "did not" in hits[0].snippet


def test_exceptions_in_block():
    d = doc(p("An earlier review found this. This Serious Case Review did not."))
    assert len(run("pattern", SCR, d)) == 1
    assert run("pattern", {**SCR, "exceptions-in": "block"}, d) == []


def test_no_match_no_hit_and_empty_document():
    assert run("pattern", SCR, doc(p("A local child safeguarding practice review."))) == []
    assert run("pattern", SCR, doc()) == []


def test_per_block_and_document():
    d = doc(p("SCR one. SCR two."), p("Serious case review three."), p("clean"))
    per_block = run("pattern", {**SCR, "per": "block"}, d)
    assert [(x.block, x.values["count"]) for x in per_block] == [(0, 2), (1, 1)]
    assert per_block[0].values["match"] == "SCR"
    once = run("pattern", {**SCR, "per": "document"}, d)
    assert len(once) == 1 and once[0].values["count"] == 3 and once[0].block == 0
    assert once[0].values["match"] == "SCR, Serious case review"
    assert once[0].note == "3 matches in all."


def test_case_sensitive_and_whole_word():
    d = doc(p("The scr was mentioned; SCRs too; NOSCR."))
    assert len(run("pattern", {"forbid": ["SCR"]}, d)) == 3
    assert len(run("pattern", {"forbid": ["SCR"], "case-sensitive": True}, d)) == 2
    assert len(run("pattern", {"forbid": ["SCR"], "whole-word": True}, d)) == 1


def test_scope_body_excludes_headings_and_appendices_by_default():
    d = doc(h("Serious Case Review"), p("Fine."), h("Appendix A: glossary"), p("SCR: old term."))
    assert run("pattern", {"forbid": ["serious case review", "SCR"]}, d) == []
    hits = run("pattern", {"forbid": ["serious case review", "SCR"], "scope": "document"}, d)
    assert len(hits) == 2


def test_scope_tables_and_metadata_story():
    d = doc(
        table(["Date", "Event"], ["1 May", "SCR meeting"]),
        metadata=Metadata(author="Jane Smith"),
        extras=[ExtraText("footer", "Draft SCR", "Draft SCR")],
    )
    hits = run("pattern", {"forbid": ["SCR"], "scope": "tables"}, d)
    assert len(hits) == 1 and hits[0].block == 1
    meta = run("pattern", {"forbid": ["smith"], "scope": "metadata"}, d)
    assert meta[0].story == "metadata:author" and meta[0].block is None
    foot = run("pattern", {"forbid": ["SCR"], "scope": "header-footer"}, d)
    assert foot[0].story == "footer"


def test_require_default_min_one():
    params = {"require": [r"child safeguarding practice review", r"\bL?CSPR\b"], "scope": "opening"}
    assert run("pattern", params, doc(title("LCSPR: Child A"), p(filler(20)))) == []
    hits = run("pattern", params, doc(title("Learning review: Child A"), p(filler(20))))
    assert len(hits) == 1
    assert hits[0].block is None and hits[0].section is None
    assert hits[0].values == {"count": 0, "limit": 1}
    assert hits[0].note is None  # the message says what is missing; "no match" adds nothing


def test_require_min_and_max():
    d = doc(p("effective. effective. effective."))
    hits = run("pattern", {"require": ["effective"], "min": 4}, d)
    assert hits[0].values == {"count": 3, "limit": 4}
    assert hits[0].note == "3 matches; at least 4 expected."
    assert run("pattern", {"require": ["effective"], "min": 3}, d) == []
    hits = run("pattern", {"require": ["effective"], "max": 2}, d)
    assert hits[0].note == "3 matches; at most 2 expected."


def test_require_max_only_does_not_demand_a_match():
    assert run("pattern", {"require": ["date"], "max": 10}, doc(p("nothing here"))) == []


def test_require_in_section_scope_is_section_level():
    d = doc(h("Findings"), p("What happened."), h("Finding 2"), p("More of it."))
    params = {"require": ["because", "workload"], "scope": "section", "sections": ["finding"]}
    hits = run("pattern", params, d)
    assert len(hits) == 1 and hits[0].section == 1
    assert hits[0].values["section"] == "Findings"


def test_each_section():
    d = doc(h("Finding 1"), p("Because of workload."), h("Finding 2"), p("It happened."))
    params = {
        "require": ["because"],
        "scope": "section",
        "sections": ["^finding"],
        "each-section": True,
    }
    hits = run("pattern", params, d)
    assert len(hits) == 1 and d.sections[hits[0].section].title == "Finding 2"


def test_if_no_section():
    d = doc(h("Intro"), p("x"))
    params = {"require": ["because"], "scope": "section", "sections": ["findings"]}
    assert run("pattern", params, d) == []
    hits = run("pattern", {**params, "if-no-section": "fail"}, d)
    assert len(hits) == 1 and hits[0].note == "No section in scope was found."


def test_min_density():
    text = "It happened because of workload. " + filler(98)
    d = doc(h("Analysis"), p(text))
    params = {
        "require": ["because", "workload"],
        "scope": "section",
        "sections": ["analysis"],
        "min-density": 4,
    }
    assert run("pattern", params, d) == []  # 2 matches in 104 words: 19.2 per 1,000
    params["min-density"] = 30
    hits = run("pattern", params, d)
    assert len(hits) == 1
    assert hits[0].values["count"] == 2 and hits[0].values["words"] == 104
    assert hits[0].values["limit"] == 30
    expected = "2 matches in 104 words (19.2 per 1,000); at least 30 per 1,000 expected."
    assert hits[0].note == expected


def test_document_date_gate():
    old = doc(title("LCSPR, final report, approved May 2021"), p("The CCG agreed."))
    new = doc(title("LCSPR, final report, approved September 2023"), p("The CCG agreed."))
    undated = doc(p("The CCG agreed."))
    params = {"forbid": [r"\bCCG\b"], "document-date-from": "2022-07-01"}
    assert run("pattern", params, old) == []
    assert len(run("pattern", params, new)) == 1
    assert run("pattern", params, undated) == []
    before = {"forbid": [r"\bICB\b"], "document-date-before": dt.date(2022, 7, 1)}
    assert len(run("pattern", before, doc(title("Approved March 2022"), p("The ICB.")))) == 1


def test_validation():
    assert invalid("pattern", {}) is not None
    assert invalid("pattern", {"forbid": ["(unclosed"]}) is not None
    assert invalid("pattern", {"require": ["x"], "min": 3, "max": 1}) is not None
    assert invalid("pattern", {"forbid": ["x"], "per": "sentence"}) is not None
    assert invalid("pattern", {"forbid": ["x"], "document-date-from": "July 2022"}) is not None
    assert invalid("pattern", {"forbid": ["x"], "unknown": 1}) is not None
    assert invalid("pattern", {"forbid": "one pattern"}) is None
