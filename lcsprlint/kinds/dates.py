"""The ``dates`` kind: the time between two labelled dates must not exceed a limit.

An LCSPR should be completed and published within six months of the decision
to undertake it; a rapid review within 15 working days of the notification.
The kind finds each date beside its label ("the partners decided on 5 March
2024"), or takes the date the document bears, and checks the interval. A long
interval is accepted when the report explains it in approved terms (a delay
agreed with the Panel); when the only explanation is one the Panel says is not
enough on its own (criminal proceedings), the hit says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.dateparse import FoundDate, dated, find_dates, format_date, may_hold_date
from lcsprlint.kinds.patterns import Matcher, matcher
from lcsprlint.kinds.scope import SCOPE_PARAMS, Scope, Unit
from lcsprlint.kinds.sentences import sentence_at, sentence_spans
from lcsprlint.model import Document

DOCUMENT_DATE = "document-date"

_OCCURRENCE = ("first", "last")

PARAMS: dict[str, Any] = {
    **SCOPE_PARAMS,
    "start": c.regex_list(
        "Label patterns of the start date: the date nearest a label in the same sentence."
    ),
    "end": {
        "anyOf": [
            {"type": "array", "items": {"type": "string", "format": "regex"}},
            {"type": "string"},
        ],
        "description": "Label patterns of the end date, or 'document-date': the latest "
        "plausible date on the title page, in the preamble or in a sign-off statement (else "
        "the file's modified date). A list is tried in order, the first pattern that labels "
        'a date winning ("completed on" before "approved on"); it may end with '
        "'document-date', used when no label is found.",
    },
    "max-distance": c.count(
        "Most characters between a label and its date (default: anywhere in the sentence)."
    ),
    "start-occurrence": c.enum(
        "Which labelled start date to take: the first in the document or the last.",
        _OCCURRENCE,
        "first",
    ),
    "end-occurrence": c.enum(
        "Which labelled end date to take: the first in the document or the last.",
        _OCCURRENCE,
        "last",
    ),
    "max-days": c.count("Most days allowed from the start date to the end date.", 1),
    "escape": c.regex_list(
        "Explanations that make a longer interval acceptable when they match anywhere in "
        "scope (e.g. a delay agreed with the Panel)."
    ),
    "not-sufficient": c.regex_list(
        "Explanations that are not enough on their own (e.g. criminal proceedings): when "
        "only these are found, the hit says so."
    ),
    "not-sufficient-note": {
        "type": "string",
        "description": "The note for that case; {match} is the explanation found. Default: "
        "\"the only explanation found ('{match}') is not sufficient on its own\".",
    },
    **c.MATCH_PARAMS,
}

_DEFAULT_NOTE = "the only explanation found ('{match}') is not sufficient on its own"


def _validate(params: Params) -> str | None:
    end = params.get("end")
    if end != DOCUMENT_DATE:
        err = c.check_patterns(_end_labels(end))
        if err:
            return f"end: {err}"
    for key in ("start", "escape", "not-sufficient", "sections"):
        err = c.check_patterns(c.as_list(params.get(key)))
        if err:
            return f"{key}: {err}"
    if not c.as_list(params.get("start")):
        return "start must name at least one label pattern"
    if end is None or (not isinstance(end, str) and not c.as_list(end)):
        return "end must name label patterns or be 'document-date'"
    return None


def _end_labels(end: Any) -> list[str]:
    """The label patterns of ``end``, without the 'document-date' fallback."""
    return [p for p in c.as_list(end) if p != DOCUMENT_DATE]


def _latest_day(found: FoundDate) -> date:
    """The day a start date may stand for at the latest.

    "Commissioned in April 2024" gives the month only: the review is given
    the benefit of the doubt and timed from the month's last day.
    """
    if found.day_given:
        return found.value
    first = found.value.replace(day=1)
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def labelled_date(
    units: list[Unit], labels: Matcher, occurrence: str, max_distance: int | None = None
) -> tuple[FoundDate, Unit] | None:
    """The date nearest a label match in the label's sentence, for the first (or last) label.

    With ``max_distance``, a date further than that many characters from the
    label does not count ("commissioned following an incident in February
    2023" is not the date of the commission).
    """
    order = units if occurrence == "first" else list(reversed(units))
    for u in order:
        if not labels.matches(u.norm):
            continue
        dates = list(find_dates(u.norm))
        if not dates:
            continue
        spans = sentence_spans(u.norm)
        matches = list(labels.finditer(u.norm))
        if occurrence == "last":
            matches.reverse()
        for m in matches:
            s, e = sentence_at(spans, m.start())

            def gap(d: FoundDate, m: Any = m) -> int:
                return d.start - m.end() if d.start >= m.end() else m.start() - d.end

            near = [
                d
                for d in dates
                if s <= d.start < e and (max_distance is None or gap(d) <= max_distance)
            ]
            if near:
                best = min(near, key=lambda d: (gap(d), d.start < m.start()))
                return best, u
    return None


def build(params: Params) -> Any:
    scope = Scope(params, default="document")
    start_labels = matcher(params, "start")
    end_param = params.get("end")
    use_doc_date = DOCUMENT_DATE in c.as_list(end_param)
    end_patterns = _end_labels(end_param)
    end_tiers = [matcher({**params, "end": [pattern]}, "end") for pattern in end_patterns]
    start_occ = params.get("start-occurrence", "first")
    end_occ = params.get("end-occurrence", "last")
    limit = int(params["max-days"])
    escape = matcher(params, "escape")
    not_enough = matcher(params, "not-sufficient")
    note_template = params.get("not-sufficient-note") or _DEFAULT_NOTE
    distance = params.get("max-distance")

    def check(doc: Document) -> Iterator[Hit]:
        units = scope.units(doc)
        # A unit without a date labels none: passing over them here spares the label
        # patterns most of a long report, for each tier (the result is the same).
        dated_units = [u for u in units if may_hold_date(u.norm)]
        found = labelled_date(dated_units, start_labels, start_occ, distance)
        if found is None:
            return
        start, unit = found
        end_day: date | None = None
        end_given = True
        got = None
        for tier in end_tiers:
            got = labelled_date(dated_units, tier, end_occ, distance)
            if got is not None:
                break
        if got is not None:
            end_day, end_given = got[0].value, got[0].day_given
        elif use_doc_date:
            end_day = dated(doc)
        if end_day is None:
            return
        days = (end_day - _latest_day(start)).days
        if days <= limit:
            return
        if escape and any(escape.search(u.norm) for u in units):
            return
        start_s = format_date(start.value, start.day_given)
        end_s = format_date(end_day, end_given)
        note = f"{days} days from {start_s} to {end_s}; at most {limit} expected"
        values: dict[str, Any] = {"days": days, "limit": limit, "start": start_s, "end": end_s}
        excuse = None
        if not_enough:
            for u in units:
                excuse = not_enough.search(u.norm)
                if excuse is not None:
                    break
        if excuse is not None:
            values["match"] = " ".join(excuse.group(0).split())
            note += "; " + note_template.replace("{match}", values["match"])
        else:
            note += "; no explanation of the delay was found"
        yield Hit(
            block=unit.block,
            values=values,
            snippet=c.snippet(unit.text, unit.norm, start.start, start.end),
            note=c.sentence(note),
            story=unit.story,
        )

    return check


KIND = CheckKind(
    name="dates",
    description="The interval between a labelled start date and a labelled end date (or "
    "the document's date) must not exceed max-days, unless an accepted explanation is given.",
    params=PARAMS,
    required=("start", "end", "max-days"),
    build=build,
    validate=_validate,
    example="""\
id: LCSPR1001
name: six-months
category: timeliness
severity: warning
message: "The review took {days} days from the decision ({start}) to the report ({end})."
rationale: LCSPRs should be completed within six months of the decision to undertake them.
source: Panel newsletter, July 2021; CPS/NPCC protocol
fix: Explain the delay and say that it was agreed with the Panel.
check: dates
start: ['decided', 'decision', 'commissioned', 'agreed to (undertake|conduct)']
end: document-date
max-days: 183
escape:
  - '(delay|extension|extended|paused|postponed).{0,120}(agreed|discussed) with the Panel'
  - 'the Panel (was|were|has been) (informed|notified|told) of the delay'
not-sufficient: ['criminal (proceedings|trial|investigation)', 'prosecution', '\\btrial\\b']
""",
)
