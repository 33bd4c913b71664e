"""The proportion kind: chronology sections, date-led runs, appendix weight, limits."""

from __future__ import annotations

from lcsprlint.kinds.dateparse import is_date_led_text

from .conftest import doc, filler, h, invalid, li, p, run, table

CHRON = {"sections": ["chronology", "sequence of events"], "max-share": 0.25}


def dated(n: int, words: int = 10, start: int = 1) -> list:
    return [p(f"On {start + i} March 2020 " + filler(words)) for i in range(n)]


def test_date_led_forms():
    for text in (
        "On 3 September 2018, the school...",
        "4.2 On 19 September 2018, the nurse...",
        "3rd Sept 2018: visit",
        "14/01/2022 GP appointment",
        "14.01.22 GP appointment",
        "2022-01-14 home visit",
        "January 2022 the family moved",
        "Mid-2021 the family moved",
        "In early 2020 the school closed",
        "2019: referral",
        "Monday 4 March 2019 visit",
        "(a) 12/3/2019 call",
    ):
        assert is_date_led_text(text), text
    for text in ("The school said on 3 May 2019", "2 children lived there", "In 2019 there was"):
        assert not is_date_led_text(text), text


def test_chronology_section_share():
    d = doc(h("Introduction"), p(filler(40)), h("Chronology"), p(filler(58)))
    hits = run("proportion", CHRON, d)
    assert len(hits) == 1
    v = hits[0].values
    assert v["share"] == "59%" and v["limit"] == "25%" and v["words"] == 59
    assert hits[0].block == 2
    assert hits[0].note == "59 words of chronology, 59% of the body; at most 25% expected."


def test_short_chronology_passes():
    d = doc(h("Introduction"), p(filler(80)), h("Chronology"), p(filler(18)))
    assert run("proportion", CHRON, d) == []


def test_appendix_chronology_weighted():
    d = doc(h("Findings"), p(filler(100)), h("Appendix A: Chronology"), p(filler(79)))
    # 82 words in an appendix at weight 0.5 = 41 words against 101 body words: 41%.
    hits = run("proportion", CHRON, d)
    assert hits[0].values["share"] == "41%" and hits[0].values["words"] == 41
    assert run("proportion", {**CHRON, "appendix-weight": 0}, d) == []


def test_date_led_run_outside_named_sections():
    body = [h("Findings"), p(filler(30)), *dated(5), p(filler(20))]
    d = doc(*body)
    assert run("proportion", CHRON, d) == []  # runs are not measured without date-led
    hits = run("proportion", {**CHRON, "date-led": True}, d)
    assert len(hits) == 1 and hits[0].block == 2
    assert hits[0].values["words"] == 5 * 14  # "On 1 March 2020" + 10 words


def test_short_runs_do_not_count():
    d = doc(h("Findings"), p(filler(10)), *dated(4), p(filler(5)), *dated(4))
    assert run("proportion", {**CHRON, "date-led": True}, d) == []
    assert len(run("proportion", {**CHRON, "date-led": True, "min-run": 4}, d)) == 1


def test_blocks_counted_once_in_section_and_run():
    d = doc(h("Chronology"), *dated(5, words=5), h("Findings"), p(filler(200)))
    hits = run("proportion", {**CHRON, "date-led": True, "max-share": 0.1}, d)
    assert hits[0].values["words"] == 1 + 5 * 9


def test_table_rows_with_date_first_cell():
    rows = [["Date", "Agency", "Contact"]] + [
        [f"{i + 1:02d}/03/2019", "GP", filler(8)] for i in range(6)
    ]
    d = doc(h("Agency involvement"), table(*rows), h("Findings"), p(filler(20)))
    hits = run("proportion", {"date-led": True, "max-share": 0.25}, d)
    assert len(hits) == 1 and hits[0].block == 2


def test_year_subheadings_do_not_break_runs():
    d = doc(
        h("Findings"),
        p(filler(10)),
        *dated(3),
        h("2021", level=2),
        *dated(3),
    )
    assert len(run("proportion", {"date-led": True, "max-share": 0.25}, d)) == 1


def test_list_items_run():
    items = [li(f"{i + 1} May 2020: contact " + filler(5)) for i in range(5)]
    d = doc(h("Findings"), p(filler(10)), *items)
    assert len(run("proportion", {"date-led": True, "max-share": 0.25}, d)) == 1


def test_max_count_outside_appendices():
    d = doc(h("Findings"), *dated(6), h("Appendix 1: events"), *dated(10))
    hits = run("proportion", {"max-count": 5}, d)
    assert len(hits) == 1
    assert hits[0].values["count"] == 6 and hits[0].values["limit"] == 5
    assert hits[0].block == 1
    assert run("proportion", {"max-count": 6}, d) == []


def test_compare_to():
    d = doc(h("Chronology"), p(filler(99)), h("Analysis"), p(filler(49)))
    hits = run("proportion", {"sections": ["chronology"], "compare-to": ["analysis"]}, d)
    assert len(hits) == 1
    assert hits[0].values["words"] == 100 and hits[0].values["limit"] == 50
    assert hits[0].note == "100 words of chronology against 50 in 'Analysis'."
    bigger = doc(h("Chronology"), p(filler(20)), h("Analysis"), p(filler(49)))
    assert run("proportion", {"sections": ["chronology"], "compare-to": ["analysis"]}, bigger) == []


def test_compare_to_reaches_past_an_empty_analysis_heading():
    d = doc(h("Chronology"), p(filler(99)), h("Analysis"), h("Topic"), p(filler(149)))
    assert run("proportion", {"sections": ["chronology"], "compare-to": ["analysis"]}, d) == []


def test_compare_to_skipped_without_such_section():
    d = doc(h("Chronology"), p(filler(99)), h("Other"), p(filler(9)))
    assert run("proportion", {"sections": ["chronology"], "compare-to": ["analysis"]}, d) == []


def test_no_chronology_and_empty_document():
    assert run("proportion", {**CHRON, "date-led": True}, doc(p(filler(50)))) == []
    assert run("proportion", {**CHRON, "date-led": True, "max-count": 0}, doc()) == []


def test_custom_date_led_pattern():
    d = doc(h("Findings"), p(filler(5)), *[p(f"Day {i}: event happened.") for i in range(5)])
    params = {"date-led": True, "max-share": 0.2, "date-led-pattern": [r"day \d+:"]}
    assert len(run("proportion", params, d)) == 1


def test_validation():
    assert invalid("proportion", {"sections": ["x"]}) is not None
    assert invalid("proportion", {"max-share": 0.2}) is not None
    assert invalid("proportion", {"max-count": 40}) is None
    assert invalid("proportion", {"sections": ["("], "max-share": 0.2}) is not None
    assert invalid("proportion", {"date-led": True, "max-share": 1.5}) is not None
