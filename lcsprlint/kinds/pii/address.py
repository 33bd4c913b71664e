"""Street addresses: a house number, a street name and a street suffix.

Forms found: "27 Mill Lane", "Flat 3, 22 Station Road", "4a Ash Walk",
"Flat 12, Nelson Court", and a street without a number after a preposition
("lived on Foxglove Crescent", "a neighbour on Orchard Drive").

Not addresses: numbered document parts ("Section 8 Family Court orders",
"Table 2 ..."), courts ("Crown Court"), programmes ("Safer Streets", "Street
Triage"), and "St" as Saint ("St Anne's", "St John Ambulance").
"""

from __future__ import annotations

import re

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii.common import NOT_NAME, AnyOf, Span, lazy, longest, words

# Full street suffixes; abbreviations ("St", "Rd") must end the name (see _ABBREV).
_SUFFIX = (
    r"Road|Street|Avenue|Lane|Close|Drive|Crescent|Way|Grove|Gardens|Court|Terrace|Place|"
    r"Square|Mews|Row|Hill|Walk|Rise|Parade|Vale|Green|Park|Chase|Croft|Meadows?|Heights|"
    r"Wharf|Quay|Boulevard|Grange"
)
# "4 High St" but not "4 High St Anne's": an abbreviation is followed by punctuation,
# a lower-case word or the end of the text.
_ABBREV = r"(?:Rd|St|Ave|Ln|Dr|Cres|Gdns|Ct|Pl|Sq)\.?(?=\s*$|\s*[,.;:)\]]|\s+[a-z0-9(])"
# Suffixes that make a street name even without a number ("lived on Foxglove Crescent").
_STREET_ONLY = r"Road|Street|Avenue|Lane|Close|Drive|Crescent|Grove|Gardens|Terrace|Mews"
# A flat's building: "Flat 4, Carlton House".
_BUILDING = r"House|Lodge|Towers?|Buildings|Mansions|Point|Block|Heights"
_WORD = r"[A-Z][a-z]+(?:['’-][A-Za-z]+)?"
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})"

# Each pattern runs only on text holding one of its street words (see Gated).
_NUMBERED = Gated(
    lazy(
        r"(?:\b(?:Flat|Apartment|Apt|Unit|Room)\s+\d{1,4}[A-Za-z]?,?\s+)?"
        rf"(?<![\w/.,-])(?P<num>\d{{1,4}}[A-Za-z]?),?\s+{_NAME}\s+"
        rf"(?P<suffix>(?:{_SUFFIX})\b|{_ABBREV})"
    )
)
_FLAT = Gated(
    lazy(
        rf"\b(?:Flat|Apartment|Apt)\s+\d{{1,4}}[A-Za-z]?,?\s+{_NAME}\s+"
        rf"(?P<suffix>(?:{_SUFFIX}|{_BUILDING})\b|{_ABBREV})"
    )
)
_BARE = Gated(
    lazy(
        r"\b(?:on|in|at|from|to|near|off|along|into|opposite)\s+"
        rf"{_NAME}\s+(?P<suffix>{_STREET_ONLY})\b(?!\s+[A-Z])"
    )
)

_STREETS = AnyOf(_NUMBERED, _FLAT, _BARE)

# Words before a number that make it a document part or a quantity, not a house number.
_NOT_HOUSE = lazy(
    r"\b(?:section|sections|year|years|table|level|tier|chapter|paragraph|para|"
    r"recommendation|finding|appendix|figure|stage|part|schedule|article|rule|standard|"
    r"phase|week|day|age|aged|question|action|priority|page|pages|item|step|key\s+stage|"
    r"ks|no|number|ward|bed|cohort|group|round|version|than|over|under|about|around|"
    r"approximately|nearly|almost|at\s+least|only|some|all)\s*$",
    re.IGNORECASE,
)
# Names that make "X Court", "X Park"... something other than a street.
_NOT_STREET_NAME = words(
    """Safer Business Science Retail Industrial Country National Theme Car Holiday Caravan
    Trailer Skate Year Years Forward Month Week Day Step Point Stage Safe"""
)
# ... and "X Court" a court of law.
_COURT_NAMES = words(
    """Crown Family County Magistrates Magistrates' High Youth Civil Coroner's Coroners Supreme
    Appeal Combined Royal Criminal Juvenile"""
)
# Common street-name words that are stop words elsewhere.
_STREET_WORDS = words(
    """Station Church School High Park Mill Hill Hall Green North South East West New Old
    Chapel Market Bridge Manor Castle Abbey Farm Water Railway Albert Victoria George King
    Queen Princess Prince Union Commercial London Windsor York"""
)


def _plausible(name: str, suffix: str, numbered: bool) -> bool:
    words = name.split()
    if any(w in _NOT_STREET_NAME for w in words):
        return False
    if suffix.startswith(("Court", "Ct")) and any(w in _COURT_NAMES for w in words):
        return False
    if numbered:
        return True
    # Without a number, a name made only of stop words ("Early Help") is not a street.
    return any(w not in NOT_NAME or w in _STREET_WORDS for w in words)


def find(text: str) -> list[Span]:
    """Spans of street addresses in ``text``."""
    out: list[Span] = []
    if not _STREETS.admits(text):  # most paragraphs name no street word at all
        return out
    for m in _NUMBERED.finditer(text):
        num = m.group("num")
        if len(num) == 4 and num[:2] in ("19", "20"):
            continue
        if _NOT_HOUSE.search(text, 0, m.start("num")):
            continue
        if _plausible(m.group("name"), m.group("suffix"), True):
            out.append(("street-address", m.start(), m.end()))
    for rx in (_FLAT, _BARE):
        for m in rx.finditer(text):
            if _plausible(m.group("name"), m.group("suffix"), rx is _FLAT):
                start = m.start() if rx is _FLAT else m.start("name")
                out.append(("street-address", start, m.end()))
    return longest(out)
