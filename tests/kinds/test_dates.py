"""The dates kind, with date extraction and the document date it relies on."""

from __future__ import annotations

import datetime as dt

from lcsprlint.kinds.dateparse import document_date, find_dates, format_date
from lcsprlint.model import Metadata

from .conftest import doc, filler, h, invalid, p, run, table, title

SIX_MONTHS = {
    "start": ["decided", "decision"],
    "end": "document-date",
    "max-days": 183,
    "escape": ["agreed with the Panel"],
    "not-sufficient": ["criminal proceedings", "trial"],
}


def dates(text: str) -> list[dt.date]:
    return [d.value for d in find_dates(text)]


def test_find_dates_forms():
    assert dates("on 14 January 2022 and 14th Jan 2022") == [dt.date(2022, 1, 14)] * 2
    assert dates("14/01/2022, 14.01.22 and 2022-01-14") == [dt.date(2022, 1, 14)] * 3
    assert dates("in January 2022") == [dt.date(2022, 1, 1)]
    assert dates("January 14, 2022") == [dt.date(2022, 1, 14)]
    assert dates("the 3rd of March 2021") == [dt.date(2021, 3, 3)]
    assert dates("Sept. 2020") == [dt.date(2020, 9, 1)]


def test_find_dates_rejects_non_dates():
    assert dates("31/02/2022, 1.2.3.4, section 4.2.1, 3 of 2022, page 12") == []
    assert dates("version 14.01.2022.5") == []


def test_find_dates_positions_and_day_given():
    found = list(find_dates("Decided on 5 March 2024."))
    assert found[0].start == 11 and found[0].day_given
    assert not next(find_dates("March 2024")).day_given
    assert format_date(dt.date(2024, 3, 5)) == "5 March 2024"
    assert format_date(dt.date(2024, 3, 1), False) == "March 2024"


def test_document_date_from_title_page_and_sign_off():
    d = doc(
        title("LCSPR: Child A"),
        p("Final report, July 2023"),
        p("1.1 This review is about Child A. " + filler(30)),
        h("Introduction"),
        p("The rapid review met on 1 February 2023. Partners decided on 10 February 2023."),
        h("Sign-off"),
        p("Approved by the safeguarding partners on 28 August 2023."),
        p("The action plan will be reviewed in March 2024."),
    )
    assert document_date(d, today=dt.date(2025, 1, 1)) == dt.date(2023, 8, 28)


def test_document_date_sign_off_table_and_metadata_fallback():
    d = doc(
        h("Statement from the partners"),
        table(["Role", "Date"], ["Chief Constable", "31 May 2023"]),
    )
    assert document_date(d, today=dt.date(2025, 1, 1)) == dt.date(2023, 5, 31)
    bare = doc(h("Introduction"), p("Nothing dated here."))
    assert document_date(bare) is None
    meta = doc(p("x"), metadata=Metadata(modified=dt.datetime(2024, 2, 3, 10, 0)))
    assert document_date(meta) == dt.date(2024, 2, 3)


def test_document_date_ignores_body_dates_and_implausible_ones():
    d = doc(
        title("LCSPR: Child A, approved March 2022"),
        h("Chronology"),
        p("On 3 May 2023 the school called. " + filler(30)),
        h("Introduction"),
        p("The report was published in 1999."),
    )
    assert document_date(d, today=dt.date(2024, 1, 1)) == dt.date(2022, 3, 1)
    future = doc(title("Approved 1 January 2099"))
    assert document_date(future, today=dt.date(2024, 1, 1)) is None


def report(decision: str, approved: str, *extra):
    return doc(
        title("LCSPR: Child A"),
        p(f"Final report, approved by the safeguarding partners on {approved}."),
        h("Introduction"),
        p(f"The rapid review met in January 2023. The partners decided on {decision} to act."),
        *extra,
    )


def test_within_limit_passes():
    assert run("dates", SIX_MONTHS, report("5 March 2024", "28 August 2024")) == []


def test_exceeded_without_explanation():
    d = report("5 March 2024", "2 November 2024")
    hits = run("dates", SIX_MONTHS, d)
    assert len(hits) == 1
    v = hits[0].values
    assert v == {"days": 242, "limit": 183, "start": "5 March 2024", "end": "2 November 2024"}
    assert hits[0].block == 3
    assert "decided on 5 March 2024" in hits[0].snippet
    assert hits[0].note == (
        "242 days from 5 March 2024 to 2 November 2024; at most 183 expected; "
        "no explanation of the delay was found."
    )


def test_escape_accepts_the_delay():
    extra = p("The delay was agreed with the Panel in May 2024.")
    assert run("dates", SIX_MONTHS, report("5 March 2024", "2 November 2024", extra)) == []


def test_not_sufficient_alone_gets_its_own_note():
    extra = p("The review was paused because of criminal proceedings.")
    hits = run("dates", SIX_MONTHS, report("5 March 2024", "2 November 2024", extra))
    assert len(hits) == 1
    assert hits[0].values["match"] == "criminal proceedings"
    assert hits[0].note.endswith(
        "the only explanation found ('criminal proceedings') is not sufficient on its own."
    )
    custom = {**SIX_MONTHS, "not-sufficient-note": "{match} is not of itself a reason to delay"}
    hits = run("dates", custom, report("5 March 2024", "2 November 2024", extra))
    assert hits[0].note.endswith("criminal proceedings is not of itself a reason to delay.")


def test_label_and_date_must_share_a_sentence():
    d = doc(
        title("Approved by the safeguarding partners on 2 November 2024"),
        p("The partners decided to act. On 5 March 2024 the rapid review met."),
    )
    assert run("dates", SIX_MONTHS, d) == []


def test_nearest_date_to_the_label_in_its_sentence():
    d = doc(
        title("Approved by the safeguarding partners on 2 November 2024"),
        p("After the rapid review on 10 January 2024, the partners decided on 5 March 2024."),
    )
    hits = run("dates", {**SIX_MONTHS, "max-days": 200}, d)
    assert hits[0].values["start"] == "5 March 2024"


def test_labelled_end_dates_and_occurrence():
    params = {
        "start": ["notification"],
        "end": ["rapid review (meeting|met|was held)"],
        "max-days": 15,
    }
    d = doc(
        p("The notification was made on 1 March 2024."),
        p("The rapid review meeting was held on 10 March 2024."),
        p("A further rapid review meeting was held on 30 March 2024."),
    )
    hits = run("dates", params, d)
    assert hits[0].values["days"] == 29 and hits[0].values["end"] == "30 March 2024"
    assert run("dates", {**params, "end-occurrence": "first"}, d) == []


def test_month_only_dates_are_shown_as_months():
    params = {"start": ["decided"], "end": ["completed"], "max-days": 30}
    d = doc(p("Partners decided in January 2024."), p("The review was completed in June 2024."))
    hits = run("dates", params, d)
    assert hits[0].values["start"] == "January 2024" and hits[0].values["end"] == "June 2024"
    # A month-only start gets the benefit of the doubt: timed from 31 January to 1 June.
    assert hits[0].values["days"] == 122


def test_labelled_end_is_preferred_to_the_document_date():
    params = {**SIX_MONTHS, "end": ["completed", "document-date"]}
    on_time = report(
        "5 March 2024", "30 October 2024", p("The report was completed on 2 September 2024.")
    )
    assert run("dates", params, on_time) == []
    assert run("dates", SIX_MONTHS, on_time)  # the sign-off date alone is over six months
    no_label = report("5 March 2024", "30 October 2024")
    hits = run("dates", params, no_label)
    assert hits and hits[0].values["end"] == "30 October 2024"


def test_action_plan_target_dates_do_not_date_the_report():
    d = doc(
        title("LCSPR: Child A"),
        p("Final report, approved by the safeguarding partners on 2 July 2024."),
        p(filler(40)),
        h("Action plan"),
        table(
            ["Action", "Owner", "By"], ["Strategy published and re-audited", "Board", "March 2026"]
        ),
    )
    assert document_date(d, dt.date(2026, 6, 1)) == dt.date(2024, 7, 2)


def test_missing_dates_skip():
    assert run("dates", SIX_MONTHS, doc(p("The partners decided to act."))) == []
    assert run("dates", SIX_MONTHS, doc()) == []
    no_end = doc(h("Intro"), p("The partners decided on 5 March 2024."))
    assert run("dates", SIX_MONTHS, no_end) == []


def test_negative_interval_skips():
    assert run("dates", SIX_MONTHS, report("5 March 2025", "2 November 2024")) == []


def test_validation():
    assert invalid("dates", {"start": ["x"], "end": "document-date"}) is not None
    assert invalid("dates", {"start": ["x"], "end": ["("], "max-days": 3}) is not None
    assert invalid("dates", {"start": [], "end": ["y"], "max-days": 3}) is not None
    assert invalid("dates", {"start": "x", "end": "y", "max-days": 3}) is None
    assert invalid("dates", {"start": "x", "end": "document-date", "max-days": 0}) is not None


def test_title_page_ends_at_the_first_long_paragraph():
    d = doc(
        h("Castle Safeguarding Children Partnership"),
        h("Final report, approved by the partners on 28 August 2024", level=2),
        p("Independent reviewer: A. Person"),
        h("1. Introduction"),
        p("Child A was admitted in January 2025. " + filler(30)),
        p("A short line about 1 March 2025."),
    )
    assert document_date(d, today=dt.date(2026, 1, 1)) == dt.date(2024, 8, 28)


def test_dates_in_a_timescale_column_are_targets_not_the_report_date():
    # An action plan under "Partners' response" (a sign-off heading) still holds targets.
    d = doc(
        title("LCSPR: Child A"),
        p(filler(40)),
        h("Timescale and approval"),
        p("The report was approved by the safeguarding partners on 29 August 2024."),
        h("Partners' response"),
        table(["Action", "Lead", "Timescale"], ["Coordinate care", "ICB", "March 2025"]),
        table(
            ["Partner", "Signed by", "Date"], ["Council", "Director", "30 August 2024"], table_id=1
        ),
    )
    assert document_date(d, dt.date(2026, 6, 1)) == dt.date(2024, 8, 30)


def test_end_patterns_are_tried_in_order():
    params = {**SIX_MONTHS, "end": ["completed", "approved", "document-date"]}
    d = doc(
        title("LCSPR: Child A"),
        p("The partners decided on 5 March 2024 to hold a review."),
        p("The report was approved by the partners on 2 August 2024."),
        h("Partners' response"),
        p("Audit twenty visits in September 2025 and report to the partners."),
    )
    # Without the approval tier the response's target date would date the report.
    assert run("dates", {**SIX_MONTHS}, d)
    assert run("dates", params, d) == []
    completed = doc(
        p("The partners decided on 5 March 2024 to hold a review."),
        p("The report was completed on 2 August 2024."),
        p("It was approved by the partners on 20 September 2024."),
    )
    assert run("dates", params, completed) == []  # completion first: 150 days
