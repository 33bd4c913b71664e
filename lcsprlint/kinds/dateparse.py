"""Dates as English reports write them, and the date a document bears.

Reports mix "14 January 2022", "14th Jan 2022", "14/01/2022", "14.01.22",
"January 2022" and ISO dates; numeric dates are read day first, as in the UK.
A month without a day is taken as its first day. Two-digit years are 20xx up
to 69 and 19xx after. Impossible dates (31/02/2022) are not dates.

The patterns here are built in and compiled once with the standard ``re``
module: they are ours, not a rule author's, so need no time limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.sentences import sentence_at, sentence_spans
from lcsprlint.model import Block, Document

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"

_DATE = re.compile(
    r"\b(?:"
    rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    r"|(?P<d4>\d{1,2})(?P<sep>[/.-])(?P<m4>\d{1,2})(?P=sep)(?P<y4>\d{4}|\d{2})"
    rf"|(?P<m5>{_MONTH})\.?,?\s+(?P<y5>\d{{4}})"
    r")\b(?![/.-]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: the day it means and where it stands."""

    value: date
    start: int
    end: int
    day_given: bool


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _month(text: str) -> int:
    return MONTHS[text[:3].lower()]


def find_dates(text: str) -> Iterator[FoundDate]:
    """Every date in ``text``, in order."""
    for m in _DATE.finditer(text):
        g = m.group
        try:
            if g("d1"):
                d = date(int(g("y1")), _month(g("m1")), int(g("d1")))
                given = True
            elif g("m2"):
                d = date(int(g("y2")), _month(g("m2")), int(g("d2")))
                given = True
            elif g("y3"):
                d = date(int(g("y3")), int(g("m3")), int(g("d3")))
                given = True
            elif g("d4"):
                d = date(_year(g("y4")), int(g("m4")), int(g("d4")))
                given = True
            else:
                d = date(int(g("y5")), _month(g("m5")), 1)
                given = False
        except ValueError:
            continue
        yield FoundDate(d, m.start(), m.end(), given)


def format_date(d: date, day_given: bool = True) -> str:
    """'5 March 2024' (or 'March 2024' when the text gave no day)."""
    month = d.strftime("%B")
    return f"{d.day} {month} {d.year}" if day_given else f"{month} {d.year}"


def parse_iso(value: object) -> date:
    """A date written in a rule file (YYYY-MM-DD; YAML may already have made it a date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("not a date")
    return date.fromisoformat(value)


# --------------------------------------------------------------------------- date-led blocks

#: Leading paragraph numbering and a preposition, skipped before looking for a date.
_LEAD = re.compile(
    r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2}){0,3}[.):]?\s+|\(?[a-z][.)]\s+)?"
    r"(?:(?:on|in|by|from|during|between|at|around|about|early|late|mid)\s+)?",
    re.IGNORECASE,
)
#: requirements.md rule 15, extended with ISO, "mid-2021", two-digit years and weekdays.
_DATE_LED = re.compile(
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*\.?,?\s+)?(?:"
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH}[a-z]*\.?,?\s+\d{{2,4}}"
    rf"|{_MONTH}[a-z]*\.?\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"
    rf"|{_MONTH}[a-z]*\.?,?\s+\d{{4}}"
    r"|(?:early|mid|late|spring|summer|autumn|winter)[- ]\d{4}"
    r"|\d{4}\s*[:\-–]"
    r")",
    re.IGNORECASE,
)
#: A table cell or heading that is nothing but a date or a year ("2019", "Mid-2021").
_DATE_CELL = re.compile(
    r"^\s*(?:(?:early|mid|late|spring|summer|autumn|winter)[- ]?)?"
    rf"(?:\d{{1,2}}{_ORD}\s+)?(?:{_MONTH}[a-z]*\.?,?\s+)?\d{{4}}\s*$"
    r"|^\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s*$",
    re.IGNORECASE,
)


def is_date_led_text(norm: str, pattern: re.Pattern[str] | None = None) -> bool:
    """Whether a paragraph starts with a date (after any numbering and "On"/"In")."""
    rx = pattern or _DATE_LED
    if rx.match(norm, 0):  # "14.01.22 ..." is a date, not paragraph number 14.01.22
        return True
    lead = _LEAD.match(norm)
    return bool(lead and lead.end() and rx.match(norm, lead.end()))


def is_date_only(norm: str) -> bool:
    """Text that is only a date or year (a chronology table cell, a year sub-heading)."""
    return bool(_DATE_CELL.match(norm))


def is_date_led(block: Block, pattern: re.Pattern[str] | None = None) -> bool:
    """A body block that starts with a date; a table row whose first cell is a date."""
    if block.kind == "table-row" and block.cells:
        first = block.cells[0].strip()
        return is_date_only(first) or is_date_led_text(first, pattern)
    return is_date_led_text(block.norm, pattern)


# --------------------------------------------------------------------------- document date

_SIGN_OFF_HEADING = re.compile(
    r"sign[- ]?off|approv|endorse|governance|statement (?:from|by)|"
    r"partners'? (?:response|statement)|partnership response|foreword|publication",
    re.IGNORECASE,
)
_SIGN_OFF_SENTENCE = re.compile(
    r"\b(?:approved|signed[- ]?off|endorsed|ratified|accepted|agreed)\b.{0,80}?"
    r"\b(?:partners?|partnership|board|executive|chairs?)\b"
    r"|\b(?:partners?|partnership|board)\b.{0,40}?\b(?:approved|signed[- ]?off|endorsed|ratified)\b"
    r"|\b(?:report|review)\b.{0,40}?\b(?:completed|finali[sz]ed|concluded)\b"
    r"|\bpublished\b|\bfinal (?:report|version|draft)\b|\breport date\b"
    r"|\bdate of (?:the )?(?:report|publication)\b|\bdated\b",
    re.IGNORECASE,
)
#: The title page: blocks before the first long paragraph, within this many words.
_TITLE_PAGE_WORDS = 400
#: A table row elsewhere dates the report only when it says so ("Date of report | ...");
#: rows of an action plan carry target dates ("March 2026 | Strategy published").
_REPORT_DATE_ROW = re.compile(
    r"\b(?:report date|date of (?:the )?(?:report|publication|approval)|final (?:report|version)|"
    r"dated|(?:published|completed|approved|signed off) on)\b",
    re.IGNORECASE,
)
#: The header of an action plan or recommendations table: its dates are targets.
_TARGET_HEADER = re.compile(
    r"\b(?:timescales?|time ?frame|by when|deadlines?|target(?: date)?|due(?: date)?|"
    r"completion date|review date)\b"
    r"|(?<!signed )(?<!approved )(?<!agreed )(?<!endorsed )(?<!ratified )\bby(?: when)?\s*$",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|due|planned|scheduled|expected|next|intends?)\b", re.IGNORECASE)


def _plausible(d: date, ceiling: date) -> bool:
    return date(2000, 1, 1) <= d <= ceiling


def document_date(doc: Document, today: date | None = None) -> date | None:
    """The date the document bears: the latest plausible date on its title page
    (the short lines before the first long paragraph), in a sign-off section or
    statement; else the metadata's modified date.

    Dates in sentences about the future ("will be published in May 2025") are
    ignored; a date later than a year from now is implausible.
    """
    today = today or date.today()
    ceiling = date(today.year + 1, today.month, min(today.day, 28))
    best: date | None = None

    def consider(text: str, whole: bool, any_sentence: bool = False) -> None:
        nonlocal best
        spans: list[tuple[int, int]] | None = [(0, len(text))] if whole else None
        for fd in find_dates(text):
            if not _plausible(fd.value, ceiling) or (best is not None and fd.value <= best):
                continue
            if spans is None:
                spans = sentence_spans(text)
            s, e = sentence_at(spans, fd.start)
            sentence = text[s:e]
            if _FUTURE.search(sentence):
                continue
            if not (whole or any_sentence) and not _SIGN_OFF_SENTENCE.search(sentence):
                continue
            best = fd.value

    if doc.title:
        consider(doc.title, True)
    sections = doc.sections
    targets = _target_tables(doc)
    title_page = True
    for b in doc.blocks:
        if b.kind == "toc" or (b.table is not None and b.table in targets):
            continue
        text = b.norm or " | ".join(b.cells)
        sec = sections[b.section]
        if title_page and (b.word_start >= _TITLE_PAGE_WORDS or (b.is_body and b.words > 25)):
            title_page = False
        if title_page or b.kind == "title":
            consider(text, True)
        elif sec.heading is not None and _SIGN_OFF_HEADING.search(sec.norm_title):
            consider(text, b.kind == "table-row", any_sentence=True)
        elif b.kind != "table-row" or _REPORT_DATE_ROW.search(text):
            consider(text, False)
    if best is None:
        modified = doc.metadata.modified
        if isinstance(modified, datetime):
            return modified.date()
    return best


def _target_tables(doc: Document) -> set[int]:
    """Tables whose header row has a timescale column: action plans, whose dates are targets."""
    return {
        b.table
        for b in doc.blocks
        if b.kind == "table-row"
        and b.table is not None
        and b.row == 0
        and any(_TARGET_HEADER.search(cell) for cell in b.cells)
    }


def dated(doc: Document) -> date | None:
    """:func:`document_date` as of today, worked out once per document.

    Every rule with a date gate asks for it, and it reads every paragraph.
    """
    today = date.today()
    return per_document(doc, ("document-date", today), lambda: document_date(doc, today))


# --------------------------------------------------------------------------- date gate

#: Schema of the parameters that make a rule apply only to documents of some dates.
DATE_GATE_PARAMS = {
    "document-date-from": {
        "description": "Apply the rule only when the document date (see the dates kind) is "
        "on or after this day (YYYY-MM-DD); documents without a date are skipped.",
    },
    "document-date-before": {
        "description": "Apply the rule only when the document date is before this day "
        "(YYYY-MM-DD); documents without a date are skipped.",
    },
}


def check_gate(params: object) -> str | None:
    """Validation for DATE_GATE_PARAMS: the dates must be real ISO dates."""
    for key in DATE_GATE_PARAMS:
        value = params.get(key)  # type: ignore[attr-defined]
        if value is None:
            continue
        try:
            parse_iso(value)
        except (TypeError, ValueError):
            return f"{key} must be a date written YYYY-MM-DD"
    return None


class DateGate:
    """Whether a rule applies to a document, by the document's date."""

    __slots__ = ("after", "before")

    def __init__(self, params: object) -> None:
        get = params.get  # type: ignore[attr-defined]
        after, before = get("document-date-from"), get("document-date-before")
        self.after = parse_iso(after) if after else None
        self.before = parse_iso(before) if before else None

    def allows(self, doc: Document) -> bool:
        if self.after is None and self.before is None:
            return True
        d = dated(doc)
        if d is None:
            return False
        if self.after is not None and d < self.after:
            return False
        return not (self.before is not None and d >= self.before)
