"""What the anonymisation checks let through.

Three sources, merged into one :class:`Allowlist` per document:

* the rule's ``allow`` patterns (the partnership's own name, a reviewer's
  name): a detection overlapping a match is dropped;
* the names the report itself declares as pseudonyms or labels
  (:mod:`~lcsprlint.kinds.pii.declared`), and names of nationally published
  cases and authors that reviews cite;
* the people the front matter names as the review's author, independent
  reviewer, chair or scrutineer ("Independent reviewer: Jane Smith",
  "Written by Dr Jane Smith", "Jane Smith, Independent Scrutineer"). In the
  body only the reviewer or author cue counts ("the independent reviewer,
  Jane Smith,"): a body phrase such as "chaired by DS Khan" names a
  practitioner in the case.

Names are compared word by word, ignoring titles, so "Ms Smith" and "Dr Jane
Smith" are allowed once "Jane Smith" is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import chain

from lcsprlint.kinds.literals import CAPITAL, finditer_at
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.kinds.pii.common import NAME_TOKEN, NOT_NAME, bare, words
from lcsprlint.kinds.pii.declared import Declared
from lcsprlint.kinds.pii.names import PUBLIC_NAMES
from lcsprlint.model import Document

#: Words that are part of a name's title, not the name, when comparing.
TITLE_WORDS = words(
    """Mr Mrs Ms Miss Mx Dr Dr. Doctor Prof Prof. Professor PC DC DS DI DCI DCS PS Sgt
    Sergeant Insp Inspector Det Detective Constable Police Nurse Matron Midwife Cllr
    Councillor Judge HHJ Nanny Nana Nan Nanna Nannie Granny Grandma Gran Grandad Granddad
    Grandpa Auntie Aunty Aunt Uncle Cousin Sir Dame Lord Lady and"""
)

_CUE_FRONT = (
    r"(?:independent\s+|lead\s+)*(?:reviewers?|authors?|chair(?:person)?|scrutineers?|"
    r"written\s+by|prepared\s+by|authored\s+by|led\s+by|compiled\s+by|signed(?:\s+by)?|"
    r"carried\s+out\s+by|conducted\s+by|undertaken\s+by|"
    r"approved\s+by|business\s+manager|partnership\s+manager|safeguarding\s+partners?)"
)
_CUE_BODY = (
    r"(?:independent\s+|lead\s+)*(?:reviewers?|authors?|scrutineers?)"
    r"|(?:the\s+|this\s+)?(?:review|lcspr|report)\s+(?:was|has\s+been|is\s+being)\s+"
    r"(?:carried\s+out|conducted|undertaken|led|written|authored|chaired)\s+by"
)
_TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx)\.?\s+)?"
_PERSON = rf"{_TITLE}{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,2}}"


def _cue_patterns(cue: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = re.compile(
        rf"\b(?i:{cue})[\s*_]*[:,(–-]?[\s*_]*(?:(?:is|was|were)\s+)?"
        rf"(?P<name>{_PERSON}(?:\s*(?:,|and|&)\s*{_PERSON})*)"
    )
    after = re.compile(
        rf"(?P<name>{_PERSON})[\s*_]*[,(–-]?\s*(?i:(?:the|an?|our)\s+)?"
        rf"(?:[A-Za-z-]+\s+){{0,2}}(?i:{cue})\b"
    )
    return before, after


_FRONT = _cue_patterns(_CUE_FRONT)
_BODY = _cue_patterns(_CUE_BODY)
_FRONT_HEADINGS = re.compile(
    r"foreword|preface|acknowledg|about\s+(?:the|this)\s+(?:author|reviewer|review)|"
    r"(?:the\s+)?(?:independent\s+)?reviewers?$|authors?$|authorship|review\s+team|"
    r"document\s+(?:control|information|history)|version\s+control|sign[- ]?off|approval|"
    r"scrutin|who\s+(?:carried\s+out|led|wrote|conducted|undertook)\b|"
    r"(?:independent|lead)\s+reviewers?\b",
    re.IGNORECASE,
)
#: Headings under which a short block names the review's own people.
_REVIEWER_HEADING = re.compile(
    r"(?:independent|lead)\s+reviewers?|\breviewers?$|about\s+the\s+(?:author|reviewer)|"
    r"\bauthors?$|authorship|review\s+team|who\s+(?:carried\s+out|led|wrote|conducted)\b",
    re.IGNORECASE,
)
_PERSON_RX = re.compile(_PERSON)
#: Longest block under such a heading whose names are all taken as the reviewer's.
REVIEWER_BLOCK_WORDS = 60
#: Words of a title page: names near a cue there are the review's own people.
FRONT_WORDS = 150


def name_words(text: str) -> list[str]:
    """The words of a name, without titles or possessive endings."""
    return [bare(w).rstrip(".,") for w in text.split() if w.rstrip(".") not in TITLE_WORDS]


# What every cue contains, without the words that may come before it ("independent",
# "the review was"): a block without it names nobody near a cue. Written out word by
# word so that, in lower-cased ASCII text, each alternative starts with a letter and
# the search is quick; other text is searched case-insensitively.
_FRONT_NEEDS = (
    r"reviewer|author|chair|scrutineer|written\s+by|prepared\s+by|led\s+by|compiled\s+by|"
    r"signed|carried\s+out\s+by|conducted\s+by|undertaken\s+by|approved\s+by|"
    r"business\s+manager|partnership\s+manager|safeguarding\s+partner"
)
_BODY_NEEDS = (
    r"reviewer|author|scrutineer|carried\s+out\s+by|conducted\s+by|undertaken\s+by|"
    r"led\s+by|written\s+by|authored\s+by|chaired\s+by"
)


def _needs(words: str) -> Callable[[str], bool]:
    lower = re.compile(words)
    caseless = re.compile(words, re.IGNORECASE)

    def holds(text: str) -> bool:
        if text.isascii():
            return lower.search(text.lower()) is not None
        return caseless.search(text) is not None

    return holds


_HAS_FRONT_CUE = _needs(_FRONT_NEEDS)
_HAS_BODY_CUE = _needs(_BODY_NEEDS)


def _names_near_cues(text: str, patterns: tuple[re.Pattern[str], re.Pattern[str]]) -> set[str]:
    found: set[str] = set()
    if not (_HAS_FRONT_CUE if patterns is _FRONT else _HAS_BODY_CUE)(text):
        return found
    before, after = patterns
    # A name comes first in ``after``: it is tried only at capitals (see finditer_at).
    for m in chain(before.finditer(text), finditer_at(after, CAPITAL, text)):
        for w in name_words(m.group("name")):
            if w not in NOT_NAME and len(w) > 1:
                found.add(w)
    return found


def front_matter_names(doc: Document) -> frozenset[str]:
    """Words of the names of the review's author, reviewer, chair and officers."""
    found: set[str] = set()
    front_heading = [any(_FRONT_HEADINGS.search(part) for part in s.path) for s in doc.sections]
    reviewer_heading: dict[int, bool] = {}  # asked only of short blocks, so worked out lazily
    for b in doc.blocks:
        front = b.section == 0 or b.word_start < FRONT_WORDS or front_heading[b.section]
        found |= _names_near_cues(b.norm, _FRONT if front else _BODY)
        if b.words > REVIEWER_BLOCK_WORDS:
            continue
        under = reviewer_heading.get(b.section)
        if under is None:
            path = doc.sections[b.section].path
            under = reviewer_heading[b.section] = any(_REVIEWER_HEADING.search(p) for p in path)
        if under:
            # Under "Lead reviewer" / "About the author" a short block names the reviewer.
            for m in _PERSON_RX.finditer(b.norm):
                found.update(w for w in name_words(m.group(0)) if w not in NOT_NAME and len(w) > 1)
    return frozenset(found)


class Allowlist:
    """Allowed strings and names for one document."""

    def __init__(
        self,
        patterns: Matcher | None = None,
        names: Iterable[str] = (),
        declared: Declared | None = None,
    ) -> None:
        self.patterns = patterns if patterns else None
        allowed = set(names)
        if declared:
            allowed |= declared.names
            allowed |= {lab.split()[-1] for lab in declared.labels}
        self.words = frozenset(allowed)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` the allow patterns match."""
        if self.patterns is None:
            return []
        return [m.span() for m in self.patterns.finditer(text) if m.end() > m.start()]

    def allows_name(self, matched: str) -> bool:
        """Whether every word of a detected name is an allowed name word."""
        parts = name_words(matched)
        if not parts:
            return True
        if " ".join(parts) in PUBLIC_NAMES:
            return True
        return all(w in self.words for w in parts)
