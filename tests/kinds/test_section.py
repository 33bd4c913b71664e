"""The section kind: existence, position, order, size and items."""

from __future__ import annotations

from .conftest import doc, filler, h, invalid, li, p, run, table, title

KQ = {"headings": ["key questions", "lines of enquiry"]}


def report(kq_at: int = 1, kq_body=None, intro_words: int = 50):
    """Title, intro, (key questions at position kq_at among sections), background, findings."""
    kq = [h("2. Key questions"), *(kq_body or [li("How well did agencies share?"), li("Why?")])]
    sections = [
        [h("1. Introduction"), p(filler(intro_words))],
        [h("3. Background"), p(filler(100))],
        [h("4. Findings"), p(filler(300))],
    ]
    sections.insert(kq_at, kq)
    return doc(title("LCSPR: Child A"), *[b for s in sections for b in s])


def test_present_passes():
    assert run("section", KQ, report()) == []


def test_missing_reports_document_level():
    d = doc(title("Report"), h("Introduction"), p(filler(20)))
    hits = run("section", KQ, d)
    assert len(hits) == 1
    assert hits[0].block is None and hits[0].section is None
    assert hits[0].values["count"] == 0


def test_missing_on_empty_document():
    hits = run("section", KQ, doc())
    assert len(hits) == 1


def test_if_missing_pass_skips_absence_but_still_checks_position():
    params = {**KQ, "if-missing": "pass", "within-first": 0.25}
    assert run("section", params, doc(h("Introduction"), p(filler(20)))) == []
    late = report(kq_at=3)
    hits = run("section", params, late)
    assert len(hits) == 1 and "expected within the first 25%" in hits[0].note


def test_within_first_found_too_late_has_distinct_note():
    d = report(kq_at=3)  # after background and findings
    hits = run("section", {**KQ, "within-first": 0.25}, d)
    assert len(hits) == 1
    hit = hits[0]
    assert hit.section is not None and d.sections[hit.section].title == "Key questions"
    assert hit.note.startswith("Found at ") and hit.note.endswith("expected within the first 25%.")
    assert hit.values["limit"] == "25%"
    assert hit.values["share"].endswith("%") and int(hit.values["share"][:-1]) > 25
    assert hit.values["section"] == "Key questions"
    assert hit.snippet == "2. Key questions"


def test_within_first_early_enough():
    assert run("section", {**KQ, "within-first": 0.25}, report(kq_at=1)) == []


def test_require_false_reports_each_matching_section():
    d = doc(h("Chronology"), p("x."), h("Analysis"), p("y."), h("Chronology of events"), p("z."))
    hits = run("section", {"headings": ["^chronology"], "require": False}, d)
    assert [d.sections[x.section].title for x in hits] == ["Chronology", "Chronology of events"]
    assert hits[0].values["found"] == "Chronology"


def test_require_false_first_only():
    d = doc(h("Chronology"), p("x."), h("Chronology 2"), p("z."))
    hits = run("section", {"headings": ["^chronology"], "require": False, "first-only": True}, d)
    assert len(hits) == 1


def test_before_and_after():
    d = doc(h("Findings"), p(filler(10)), h("Key questions"), p("Why?"), h("Recommendations"))
    hits = run("section", {**KQ, "before": ["findings"]}, d)
    assert len(hits) == 1 and hits[0].note == "Comes after 'Findings'; expected before it."
    assert hits[0].values["found"] == "Findings"
    assert run("section", {**KQ, "after": ["findings"]}, d) == []
    hits = run("section", {"headings": ["findings"], "after": ["key questions"]}, d)
    assert hits and "expected after it" in hits[0].note


def test_before_ignored_when_other_absent():
    assert run("section", {**KQ, "before": ["chronology"]}, report()) == []


def test_min_and_max_words():
    d = report()
    hits = run("section", {"headings": ["findings"], "min-words": 500}, d)
    assert len(hits) == 1 and hits[0].values["limit"] == 500
    assert hits[0].values["words"] == d.sections[-1].words
    assert "at least 500 expected" in hits[0].note
    hits = run("section", {"headings": ["background"], "max-words": 50}, d)
    assert len(hits) == 1 and "at most 50 expected" in hits[0].note


def test_share_of_body_excludes_appendices():
    d = doc(
        h("Findings"),
        p(filler(100)),
        h("Background"),
        p(filler(100)),
        h("Appendix A: Chronology"),
        p(filler(800)),
    )
    # Findings: 101 words of 202 body words -> 50%; of the document -> about 10%.
    assert run("section", {"headings": ["findings"], "min-share": 0.4}, d) == []
    hits = run("section", {"headings": ["findings"], "min-share": 0.4, "share-of": "document"}, d)
    assert len(hits) == 1 and hits[0].values["limit"] == "40%"
    hits = run("section", {"headings": ["background"], "max-share": 0.2}, d)
    assert len(hits) == 1 and hits[0].values["share"] == "50%"


def test_size_is_of_all_matching_sections_together():
    d = doc(h("Analysis"), p(filler(60)), h("Learning"), p(filler(60)), h("Other"), p(filler(60)))
    hits = run("section", {"headings": ["analysis", "learning"], "min-words": 100}, d)
    assert hits == []
    hits = run(
        "section", {"headings": ["analysis", "learning"], "min-words": 100, "first-only": True}, d
    )
    assert len(hits) == 1


def test_min_items_list_and_questions():
    ok = report(kq_body=[p("The review asked two questions:"), li("How?"), li("Why?")])
    assert run("section", {**KQ, "min-items": 2}, ok) == []
    few = report(kq_body=[p("The review looked at how agencies worked together.")])
    hits = run("section", {**KQ, "min-items": 2}, few)
    assert len(hits) == 1
    assert hits[0].values["count"] == 0 and hits[0].values["limit"] == 2
    assert hits[0].note == "0 items; at least 2 expected."


def test_min_items_specific_kinds():
    body = [p("1. How well did agencies share information?"), p("2. Was the child seen?")]
    d = report(kq_body=body)
    assert run("section", {**KQ, "min-items": 2, "items": "numbered"}, d) == []
    assert run("section", {**KQ, "min-items": 2, "items": "questions"}, d) == []
    hits = run("section", {**KQ, "min-items": 2, "items": "list-items"}, d)
    assert hits and hits[0].note == "0 list items; at least 2 expected."


def test_paragraph_numbers_are_not_items():
    body = [p("2.1 The partners agreed the scope."), p("2.2 The review covered 2020.")]
    hits = run("section", {**KQ, "min-items": 2, "items": "any"}, report(kq_body=body))
    assert len(hits) == 1


def test_items_in_table_rows_and_statements():
    rows = table(["No.", "Key question"], ["1", "How well?"], ["2", "What helped?"])
    assert run("section", {**KQ, "min-items": 2, "items": "rows"}, report(kq_body=rows)) == []
    statements = [
        p("To explore whether the plan helped practitioners."),
        p("To understand what got in the way."),
    ]
    d = report(kq_body=statements)
    assert run("section", {**KQ, "min-items": 2}, d) == []
    assert run("section", {**KQ, "min-items": 2, "items": "statements"}, d) == []


def test_max_items():
    body = [li(f"Question {i}?") for i in range(6)]
    hits = run("section", {**KQ, "max-items": 5}, report(kq_body=body))
    assert len(hits) == 1 and hits[0].values["count"] == 6


def test_also_accept_paragraph_satisfies_existence_and_items():
    d = doc(
        title("LCSPR: Child B"),
        h("Introduction"),
        p("The key questions were:"),
        li("How did agencies share information?"),
        li("What was the impact of thresholds?"),
        h("Findings"),
        p(filler(300)),
    )
    params = {**KQ, "also-accept": [r"\bthe key questions were\b"], "min-items": 2}
    assert run("section", params, d) == []
    params["within-first"] = 0.25
    assert run("section", params, d) == []
    params["min-items"] = 3
    hits = run("section", params, d)
    assert len(hits) == 1 and hits[0].block == 2
    assert hits[0].values["section"] == "Introduction"
    assert hits[0].snippet == "The key questions were:"


def test_also_accept_late_paragraph_is_too_late():
    d = doc(
        h("Introduction"),
        p(filler(300)),
        h("Findings"),
        p("The key questions were: how and why?"),
    )
    params = {**KQ, "also-accept": ["the key questions were"], "within-first": 0.25}
    hits = run("section", params, d)
    assert len(hits) == 1 and hits[0].block == 3


def test_several_conditions_fail_separately():
    d = report(kq_at=3, kq_body=[p("We looked at practice.")])
    hits = run("section", {**KQ, "within-first": 0.25, "min-items": 2, "min-words": 50}, d)
    assert len(hits) == 3
    assert {h.values.get("limit") for h in hits} == {"25%", 2, 50}


def test_heading_patterns_match_normalised_titles():
    d = doc(h("3.\u00a0Key\u00a0Questions"), li("How?"), li("Why?"))
    assert run("section", {**KQ, "min-items": 2}, d) == []


def test_validation():
    assert invalid("section", {}) is not None
    assert invalid("section", {"headings": ["("]}) is not None
    assert invalid("section", {"headings": ["x"], "min-words": 10, "max-words": 5}) is not None
    assert invalid("section", {"headings": ["x"], "within-first": 2}) is not None
    assert invalid("section", {"headings": ["x"], "items": "bogus"}) is not None
    assert invalid("section", {"headings": "single pattern"}) is None


def test_empty_heading_extends_for_minimums_only():
    d = doc(
        h("Introduction"),
        p(filler(50)),
        h("Analysis", level=2),
        h("Topic one", level=2),
        p(filler(100)),
        h("Topic two", level=2),
        p(filler(100)),
        h("Conclusion"),
        p(filler(20)),
    )
    # "Analysis" has no text of its own: for a minimum it reaches to "Conclusion".
    assert run("section", {"headings": ["^analysis"], "min-share": 0.7}, d) == []
    hits = run("section", {"headings": ["^analysis"], "min-words": 206}, d)
    assert hits and hits[0].values["words"] == 205
    hits = run("section", {"headings": ["^analysis"], "max-words": 0}, d)
    assert hits and hits[0].values["words"] == 1
