"""Dates of birth, and full day-month-year dates.

A date is only a date of birth when the words say so: "born on 3 March 2019",
"DOB 03/03/2019", "date of birth: 3.3.19", "(d.o.b. ...)", "Baby M's birth on
8 June 2021", or a birthday that gives the date away ("on 3 March 2021, Child
T's second birthday"). Dates of meetings, visits and incidents are not flagged
here; a review that is full of them gets the separate "many exact dates"
warning (:func:`full_dates`), which advises month and year or the child's age.

"Born in March 2019" (month and year) and "born at 34 weeks" are the phrasings
the guidance recommends, so they never fire.
"""

from __future__ import annotations

import re

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii.common import Span, digit_runs, lazy, matches_at

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NUMERIC = r"(?:[12]\d|3[01]|0?[1-9])(?P<sep>[./-])(?:1[0-2]|0?[1-9])(?P=sep)(?:(?:19|20)\d\d|\d\d)"

#: A day and month, year optional ("3 March", "3rd of March 2019", "March 3, 2019", "3/3/19").
_DATE = (
    rf"(?:{_DAY}\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+(?:19|20)\d\d)?"
    rf"|{_MONTH}\.?\s+{_DAY}(?:,?\s+(?:19|20)\d\d)?"
    rf"|{_NUMERIC})(?![\w/.-]\w)"
)
#: A full day-month-year date.
_FULL_DATE = lazy(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?\s+(?:19|20)\d\d"
    rf"|{_MONTH}\.?\s+{_DAY},?\s+(?:19|20)\d\d"
    rf"|{_NUMERIC}"
    r"|(?:19|20)\d\d-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9]))\b(?![/.-]\d)",
    re.IGNORECASE,
)

_DATE_RX = lazy(rf"\b{_DATE}", re.IGNORECASE)

# Words that introduce a date of birth, then a little filler ("was", "given as", ":")
# before the date itself.
_TRIGGER = lazy(
    r"\b(?:d\.?\s?o\.?\s?b\b\.?|dob\b|date\s+of\s+birth|birth\s*date|"
    r"born(?:\s+(?![Aa]nd\b|[Bb]ut\b|[Ww]hen\b|[Aa]fter\b|[Bb]efore\b|[Uu]ntil\b|[Ss]ince\b)"
    r"[a-z'-]+){0,4}?\s+on|born|birth\s+on|birth\s+was\s+on)"
    r"(?:\s*[:,(=-]\s*|\s+)"
    r"(?:(?:is|was|as|of|on|given\s+as|recorded\s+as|shown\s+as|stated\s+as|listed\s+as|"
    r"given|recorded|the)\s+){0,3}"
    rf"(?P<date>{_DATE})",
    re.IGNORECASE,
)

# A birthday that gives the date away: "3 March 2021, Child T's second birthday",
# "on his birthday (3 March)".
_OWNER = r"(?:[A-Z]\w*'s|his|her|their|the\s+child's|the\s+baby's)"
_BIRTHDAY_AFTER = lazy(
    rf"\b(?P<date>{_DATE})[^.;]{{0,40}}?\b{_OWNER}\s+(?:[a-z]+\s+)?birthday\b", re.IGNORECASE
)
_BIRTHDAY_BEFORE = lazy(
    rf"\b{_OWNER}\s+(?:[a-z]+\s+)?birthday\b[,(\s]+(?:(?:was|fell|falls|is|on)\s+){{0,2}}(?P<date>{_DATE})",
    re.IGNORECASE,
)
# What both birthday patterns contain, with their flags: text without it matches neither.
_HAS_BIRTHDAY = Gated(lazy(r"birthday", re.IGNORECASE))
# What every trigger contains ("birth", "born", or a d.o.b.), with its flags; in ASCII
# text, looked for in lower case, where the first letters make the search quick.
_TRIGGER_NEEDS = lazy(r"birth|born|d\.?\s?o\.?\s?b", re.IGNORECASE)
_TRIGGER_NEEDS_LOWER = lazy(r"birth|born|d\.?\s?o\.?\s?b")


#: What _TRIGGER_NEEDS may hold besides letters in ASCII text: full stops and the
#: characters ``\s`` matches (those ``str.isspace`` says are spaces).
_DOTS_AND_SPACES = bytes(c for c in range(128) if chr(c) == "." or chr(c).isspace())


def _may_trigger(text: str) -> bool:
    """Whether ``text`` holds what _TRIGGER_NEEDS finds ("birth", "born", a d.o.b.).

    In ASCII text first without full stops and spaces: every match of it is
    then "birth", "born" or "dob" (a bytes translation and three substring
    tests, where the search tries every "d" of the text); text that may hold
    one is searched, so the answer is the search's.
    """
    if text.isascii():
        squeezed = text.encode().translate(None, _DOTS_AND_SPACES).lower()
        if b"birth" not in squeezed and b"born" not in squeezed and b"dob" not in squeezed:
            return False
        return _TRIGGER_NEEDS_LOWER.search(text.lower()) is not None
    return _TRIGGER_NEEDS.search(text) is not None


_TRIGGERS = Gated(_TRIGGER, needs=_may_trigger)
_AND_DATE = lazy(rf"\s*(?:,|and|or|&)\s+(?:on\s+)?(?P<date>{_DATE})", re.IGNORECASE)


def find(text: str) -> list[Span]:
    """Spans of dates of birth in ``text`` (the date itself is the span)."""
    out: list[Span] = []
    # Every pattern here holds "birth" (the birthday ones), "born" or a d.o.b.: what
    # _may_trigger looks for, ignoring case; most paragraphs hold none.
    if not _may_trigger(text):
        return out
    for m in _TRIGGERS.finditer(text):
        d = _DATE_RX.match(text, m.start("date"))
        while d:
            out.append(("date-of-birth", d.start(), d.end()))
            # "born on 11 July 2015 and 4 October 2017": both are dates of birth.
            nxt = _AND_DATE.match(text, d.end())
            d = _DATE_RX.match(text, nxt.start("date")) if nxt else None
    if _HAS_BIRTHDAY.admits(text):  # both patterns need the word; most paragraphs lack it
        for rx in (_BIRTHDAY_AFTER, _BIRTHDAY_BEFORE):
            for m in rx.finditer(text):
                out.append(("date-of-birth", m.start("date"), m.end("date")))
    return out


def _full_date_starts(text: str) -> list[int]:
    r"""Positions where a full date may start, in order: where its first number or month is.

    Every form but "March 3, 2019" starts at a word boundary with an ASCII digit,
    so at the start of a run of them; that one starts at the word (the month)
    that ends, with perhaps a full stop, right before the spaces before such a run.

    A day is one or two digits followed by no ASCII digit, so a run of three or
    more can start only the ISO form (a year, any digits after "19" or "20", a hyphen):
    a run of four only when a hyphen follows it, of five or more never. Most
    runs of a review are years ("in March 2019"): no start is kept for them.
    """
    starts: list[int] = []
    for digit, end in digit_runs(text):
        if end - digit > 2:
            if end - digit == 3 or (end - digit == 4 and text.startswith("-", end)):
                starts.append(digit)
            continue
        i = digit
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i < digit:
            if i > 0 and text[i - 1] == ".":
                i -= 1
            word = i
            while word > 0 and text[word - 1].isalpha():
                word -= 1
            if word < i:
                starts.append(word)
        starts.append(digit)
    return starts


def full_dates(text: str) -> list[tuple[int, int]]:
    """Spans of full day-month-year dates, for the "many exact dates" warning."""
    return [m.span() for m in matches_at(_FULL_DATE, text, _full_date_starts(text))]
