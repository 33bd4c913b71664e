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
from lcsprlint.precompiled import re_constant
from lcsprlint.textutil import LazyPattern

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

_DATE = re_constant(
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
    # casefold, not lower: the month patterns match case-insensitively, and so
    # accept the long s of "ſep" (which lower() keeps); casefold makes it "s".
    return MONTHS[text[:3].casefold()]


#: Every date _DATE finds holds a four-digit year (``\d{4}``) or a day, month and year
#: joined by two separators (``\d[/.-]\d\d?[/.-]\d``): text without either holds no
#: date. ``re`` skips to a digit in C, where _DATE, which starts with ``\b`` and a
#: choice of digits or month names, is tried at every position of the text.
_DATE_ANCHOR = re_constant(r"\d(?:\d\d\d|[/.-]\d\d?[/.-]\d)")


#: In ASCII text (``\d`` is ``[0-9]`` there) every match of _DATE_ANCHOR starts where
#: this two-character pattern matches, which ``re`` finds several times quicker (most
#: paragraphs with a digit hold one soon: "15", "2019"); _DATE_ANCHOR_ASCII, _DATE_ANCHOR
#: itself for ASCII text, then only runs from there.
_ANCHOR_START = re_constant(r"[0-9][0-9/.-]")
_DATE_ANCHOR_ASCII = re_constant(r"[0-9](?:[0-9]{3}|[/.-][0-9][0-9]?[/.-][0-9])")


def may_hold_date(text: str) -> bool:
    """False when ``text`` surely holds no date (:func:`find_dates` finds none), cheaply.

    ``_DATE_ANCHOR.search(text) is not None``, which it is for ASCII text too.
    """
    if text.isascii():
        m = _ANCHOR_START.search(text)
        return m is not None and _DATE_ANCHOR_ASCII.search(text, m.start()) is not None
    return _DATE_ANCHOR.search(text) is not None


def find_dates(text: str) -> Iterator[FoundDate]:
    """Every date in ``text``, in order."""
    if not may_hold_date(text):  # most paragraphs: no year, no numeric date
        return
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
_LEAD = re_constant(
    r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2}){0,3}[.):]?\s+|\(?[a-z][.)]\s+)?"
    r"(?:(?:on|in|by|from|during|between|at|around|about|early|late|mid)\s+)?",
    re.IGNORECASE,
)
#: requirements.md rule 15, extended with ISO, "mid-2021", two-digit years and weekdays.
_DATE_LED = re_constant(
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
_DATE_CELL = re_constant(
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

_SIGN_OFF_HEADING = re_constant(
    r"sign[- ]?off|approv|endorse|governance|statement (?:from|by)|"
    r"partners'? (?:response|statement)|partnership response|foreword|publication",
    re.IGNORECASE,
)
_SIGN_OFF_SENTENCE = LazyPattern(
    r"\b(?:approved|signed[- ]?off|endorsed|ratified|accepted|agreed)\b.{0,80}?"
    r"\b(?:partners?|partnership|board|executive|chairs?)\b"
    r"|\b(?:partners?|partnership|board)\b.{0,40}?\b(?:approved|signed[- ]?off|endorsed|ratified)\b"
    r"|\b(?:report|review)\b.{0,40}?\b(?:completed|finali[sz]ed|concluded)\b"
    r"|\bpublished\b|\bfinal (?:report|version|draft)\b|\breport date\b"
    r"|\bdate of (?:the )?(?:report|publication)\b|\bdated\b",
    re.IGNORECASE,
)
#: Words _SIGN_OFF_SENTENCE needs, by its alternatives: a verb of approval with a body
#: that approves (either order), a report or review with its completion, or one of the
#: _SIGN_OFF_ALONE phrases. Text without them, in any case, holds no sign-off sentence.
_APPROVAL = ("approved", "signed", "endorsed", "ratified", "accepted", "agreed")
_APPROVERS = ("partner", "board", "executive", "chair")
_REPORT = ("report", "review")
_COMPLETION = ("completed", "finali", "concluded")
_SIGN_OFF_ALONE = (
    "published",
    "final report",
    "final version",
    "final draft",
    "report date",
    "date of",
    "dated",
)
#: The only characters besides ASCII letters that IGNORECASE matches to an ASCII letter
#: (dotted and dotless i, long s, the kelvin sign); where none stands, a pattern of
#: ASCII words matches text only if the words stand in its lower-cased copy.
_ODD_FOLDS = re_constant("[\u0130\u0131\u017f\u212a]")


#: Candidates for the year of each date _DATE finds: a year is a run of exactly four
#: digits, or of two after a separator (14.01.22), so each one is a match of one of
#: these (findall cannot have spent its first digit on an earlier match: those are runs
#: of digits; and the second pattern's separator is no digit). Two patterns, each
#: starting with a character class ``re`` skips to in C, beat one with a choice.
_YEARS4 = re_constant(r"\d\d\d\d")
_YEARS2 = LazyPattern(r"[/.-](\d\d)(?!\d)")


def _shared_start(a: str, b: str) -> str:
    """The longest string both ``a`` and ``b`` start with."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


#: Fewer years than this are looked for one by one.
_FEW_YEARS = 8


class _Years:
    """The years from ``lo`` to ``hi``: may some date in a text be of one of them?

    A necessary condition for :func:`document_date`, which counts only a
    plausible date later than the best so far: most paragraphs of a long
    report hold no year, or only the years of its chronology, and are passed
    over without :func:`find_dates` (whose pattern is tried at every position).
    """

    __slots__ = ("hi", "lo", "tests")

    def __init__(self, lo: int, hi: int) -> None:
        self.lo, self.hi = lo, hi
        # In ASCII text a date of a year from lo to hi (2000 or later) holds the year's four
        # digits, or a separator and the year's last two (14.01.22). Each is looked for as
        # the start all of them share ("202"), then, for a few years, one by one.
        #: What :meth:`quick` looks for: the four digits, then each separator and two.
        self.tests: tuple[tuple[str, tuple[str, ...]], ...] | None = None
        if not 2000 <= lo <= hi <= 9999:
            return
        few = hi - lo < _FEW_YEARS
        four = (
            _shared_start(f"{lo}", f"{hi}"),
            tuple(f"{y}" for y in range(lo, hi + 1)) if few else (),
        )
        two = []
        if lo <= 2069:
            first, last = lo - 2000, min(hi, 2069) - 2000
            start = _shared_start(f"{first:02d}", f"{last:02d}")
            for sep in "/.-":
                each = tuple(f"{sep}{y:02d}" for y in range(first, last + 1)) if few else ()
                two.append((sep + start, each))
        self.tests = (four, *two)

    def quick(self, text: str) -> bool:
        """False where no date of these years can stand in ``text``; cheap, often True.

        Called for nearly every paragraph of a report, and nearly always
        False: plain loops over the strings made once (:attr:`tests`), not a
        generator and a tuple made on each call.
        """
        tests = self.tests
        if tests is None or not text.isascii():  # other digits: ask :meth:`holds`
            return True
        for start, each in tests:
            if start in text:
                if not each:
                    return True
                for w in each:
                    if w in text:
                        return True
        return False

    def holds(self, text: str) -> bool:
        """False where no date of these years stands in ``text``; True where one may."""
        lo, hi = self.lo, self.hi
        if any(lo <= int(y) <= hi for y in _YEARS4.findall(text)):
            return True
        return any(lo <= _year(y) <= hi for y in _YEARS2.findall(text))


def _may_sign_off(text: str) -> bool:
    """False where ``_SIGN_OFF_SENTENCE`` surely matches nowhere in ``text``, cheaply.

    Plain substring tests of the lower-cased text, for the words each
    alternative of the pattern needs; most paragraphs of a report fail them.
    """
    if _ODD_FOLDS.search(text) is not None:
        return True
    low = text.lower()
    return (
        any(w in low for w in _SIGN_OFF_ALONE)
        or (any(w in low for w in _APPROVAL) and any(w in low for w in _APPROVERS))
        or (any(w in low for w in _COMPLETION) and any(w in low for w in _REPORT))
    )


#: The title page: blocks before the first long paragraph, within this many words.
_TITLE_PAGE_WORDS = 400
#: A table row elsewhere dates the report only when it says so ("Date of report | ...");
#: rows of an action plan carry target dates ("March 2026 | Strategy published").
_REPORT_DATE_ROW = LazyPattern(
    r"\b(?:report date|date of (?:the )?(?:report|publication|approval)|final (?:report|version)|"
    r"dated|(?:published|completed|approved|signed off) on)\b",
    re.IGNORECASE,
)
#: The header of an action plan or recommendations table: its dates are targets.
_TARGET_HEADER = re_constant(
    r"\b(?:timescales?|time ?frame|by when|deadlines?|target(?: date)?|due(?: date)?|"
    r"completion date|review date)\b"
    r"|(?<!signed )(?<!approved )(?<!agreed )(?<!endorsed )(?<!ratified )\bby(?: when)?\s*$",
    re.IGNORECASE,
)
_FUTURE = re_constant(r"\b(?:will|due|planned|scheduled|expected|next|intends?)\b", re.IGNORECASE)


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
    years = _Years(2000, ceiling.year)  # narrowed to the years after ``best`` as it rises

    def consider(text: str, whole: bool, any_sentence: bool = False) -> None:
        nonlocal best, years
        # Necessary conditions first, cheapest first: a date of the body counts only in a
        # sign-off sentence, and only a plausible date later than the best so far counts.
        # A sentence is a part of ``text`` that starts and ends beside spaces or the ends
        # of the text, so where _SIGN_OFF_SENTENCE matches no part of ``text`` it matches
        # none of its sentences.
        anywhere = whole or any_sentence
        if not years.quick(text) or not (anywhere or _may_sign_off(text)):
            return
        if not years.holds(text):
            return
        if not anywhere and _SIGN_OFF_SENTENCE.search(text) is None:
            return
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
            years = _Years(best.year, ceiling.year)

    if doc.title:
        consider(doc.title, True)
    sections = doc.sections
    sign_off = [  # by section, once (not for each of its blocks)
        sec.heading is not None and bool(_SIGN_OFF_HEADING.search(sec.norm_title))
        for sec in sections
    ]
    targets = _target_tables(doc)
    title_page = True
    for b in doc.blocks:
        if b.kind == "toc" or (b.table is not None and b.table in targets):
            continue
        text = b.norm or " | ".join(b.cells)
        if title_page and (b.word_start >= _TITLE_PAGE_WORDS or (b.is_body and b.words > 25)):
            title_page = False
        if title_page or b.kind == "title":
            consider(text, True)
        elif sign_off[b.section]:
            consider(text, b.kind == "table-row", any_sentence=True)
        elif b.kind != "table-row" or (_may_sign_off(text) and _REPORT_DATE_ROW.search(text)):
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
