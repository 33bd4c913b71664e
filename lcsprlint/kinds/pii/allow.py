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
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from lcsprlint.kinds.literals import CAPITAL, finditer_at
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.kinds.pii.common import (
    NAME_TOKEN,
    NOT_NAME,
    bare,
    lazy,
    matches_at,
    occurrences,
    words,
)
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
    before = lazy(
        rf"\b(?i:{cue})[\s*_]*[:,(–-]?[\s*_]*(?:(?:is|was|were)\s+)?"
        rf"(?P<name>{_PERSON}(?:\s*(?:,|and|&)\s*{_PERSON})*)"
    )
    after = lazy(
        rf"(?P<name>{_PERSON})[\s*_]*[,(–-]?\s*(?i:(?:the|an?|our)\s+)?"
        rf"(?:[A-Za-z-]+\s+){{0,2}}(?i:{cue})\b"
    )
    return before, after


_FRONT = _cue_patterns(_CUE_FRONT)
_BODY = _cue_patterns(_CUE_BODY)
_FRONT_HEADINGS = lazy(
    r"foreword|preface|acknowledg|about\s+(?:the|this)\s+(?:author|reviewer|review)|"
    r"(?:the\s+)?(?:independent\s+)?reviewers?$|authors?$|authorship|review\s+team|"
    r"document\s+(?:control|information|history)|version\s+control|sign[- ]?off|approval|"
    r"scrutin|who\s+(?:carried\s+out|led|wrote|conducted|undertook)\b|"
    r"(?:independent|lead)\s+reviewers?\b",
    re.IGNORECASE,
)
#: Headings under which a short block names the review's own people.
_REVIEWER_HEADING = lazy(
    r"(?:independent|lead)\s+reviewers?|\breviewers?$|about\s+the\s+(?:author|reviewer)|"
    r"\bauthors?$|authorship|review\s+team|who\s+(?:carried\s+out|led|wrote|conducted)\b",
    re.IGNORECASE,
)
_PERSON_RX = lazy(_PERSON)
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


def _needs(words: str) -> Callable[[str], list[tuple[int, int]]]:
    """Where ``words`` are in a text, ignoring case: an empty list when nowhere."""
    lower = lazy(words)
    caseless = lazy(words, re.IGNORECASE)

    def where(text: str) -> list[tuple[int, int]]:
        if text.isascii():
            return [m.span() for m in lower.finditer(text.lower())]
        return [m.span() for m in caseless.finditer(text)]

    return where


# Where the cue words are (an empty list, so false, where there are none). The slow
# twin of the tests makes them true for every text: then the patterns are searched
# all through it.
_HAS_FRONT_CUE: Callable[[str], Any] = _needs(_FRONT_NEEDS)
_HAS_BODY_CUE: Callable[[str], Any] = _needs(_BODY_NEEDS)

# From the start of a match of either cue pattern to the cue word it holds there are
# only letters, spaces and the characters below, and at most eight runs of spaces (after
# a title, three names, a comma, "the", two words) besides those after any number of
# "independent", "lead" and runs of "*" and "_"; two more for margin.
_CUE_GAPS = 10
# On the text before a cue word, reversed: a run of the characters a match may hold
# there (letters and _BETWEEN's), then up to _CUE_GAPS runs of spaces each followed by
# another such run, besides spaces followed by "independent", "lead" or a run of "*"
# and "_" (reversed, and followed by no more of those characters).
_TOKEN = r"(?:[^\W\d]|['.*,(–-])*"
_FREE = r"(?:(?i:tnednepedni|dael)|[*_]+)(?![^\W\d]|['.*,(–-])"
_BACK = lazy(rf"{_TOKEN}(?:(?:\s+{_FREE})*\s+{_TOKEN}){{0,{_CUE_GAPS}}}(?:\s+{_FREE})*")
#: The words a cue (of _CUE_FRONT or _CUE_BODY) may start with, lower-cased.
_CUE_WORDS = tuple(
    words(
        "independent lead reviewer author chair scrutineer written prepared led compiled "
        "signed carried conducted undertaken approved business partnership safeguarding "
        "the this review lcspr report"
    )
)
#: Where a word starts with a letter.
_WORD_START = lazy(r"\b[^\W\d_]")


def _window_start(text: str, pos: int) -> int:
    """How far back from a cue word at ``pos`` a match holding it may start."""
    if pos == 0:
        return 0
    m = _BACK.match(text[pos - 1 :: -1])
    return pos - m.end() if m else pos


def _names_near_cues(
    text: str,
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
    cues: list[tuple[int, int]] | None = None,
) -> set[str]:
    """Name words next to the cue words of ``patterns`` (_FRONT or _BODY) in ``text``.

    Both patterns are tried only near a cue word (see :func:`matches_at`):
    ``before`` at word starts, ``after`` (a name first) at capitals, from
    :func:`_window_start` to the end of the cue word. ``cues``: where the cue
    words are, when the caller has found them (:func:`_doc_cues`).
    """
    found: set[str] = set()
    if cues is None:
        cues = (_HAS_FRONT_CUE if patterns is _FRONT else _HAS_BODY_CUE)(text)
    if not cues:
        return found
    before, after = patterns
    if cues is True:
        found_before: Iterable[re.Match[str]] = before.finditer(text)
        found_after: Iterable[re.Match[str]] = finditer_at(after, CAPITAL, text)
    else:
        words: set[int] = set()
        capitals: set[int] = set()
        # In ASCII text a cue starts with one of its first words, whatever the case (the
        # lower-cased text has the same offsets).
        low = text.lower() if text.isascii() else None
        for start, end in cues:
            window = _window_start(text, start)
            for m in _WORD_START.finditer(text, window, end):
                i = m.start()
                if low is None or low.startswith(_CUE_WORDS, i):
                    words.add(i)
            capitals.update(m.start() for m in CAPITAL.finditer(text, window, end))
        found_before = matches_at(before, text, sorted(words))
        found_after = matches_at(after, text, sorted(capitals))
    for m in chain(found_before, found_after):
        for w in name_words(m.group("name")):
            if w not in NOT_NAME and len(w) > 1:
                found.add(w)
    return found


# The first word of every cue word of _FRONT_NEEDS and of _BODY_NEEDS ("authored by"
# and "chaired by" are found by "author" and "chair").
_FRONT_FIRST = words(
    "reviewer author chair scrutineer written prepared led compiled signed carried "
    "conducted undertaken approved business partnership safeguarding"
)
_BODY_FIRST = words("reviewer author scrutineer carried conducted undertaken led written chair")
_FRONT_LOWER = lazy(_FRONT_NEEDS)
_BODY_LOWER = lazy(_BODY_NEEDS)


def _join_lines(texts: list[str]) -> tuple[str, list[int]]:
    """``texts`` joined by newlines, and where each of them starts in the result."""
    starts: list[int] = []
    at = 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return "\n".join(texts), starts


def _doc_cues(texts: list[str], front: list[bool]) -> list[list[tuple[int, int]] | None]:
    """Where the cue words are in each text (front matter's or body's, per ``front``).

    The ASCII texts, lower-cased, are searched together for the cue words'
    first words (a fast search for each), and a cue word is kept where it
    starts at one; other texts are left to :func:`_names_near_cues` (None).
    """
    out: list[list[tuple[int, int]] | None] = [None] * len(texts)
    for flag, first, rx in ((True, _FRONT_FIRST, _FRONT_LOWER), (False, _BODY_FIRST, _BODY_LOWER)):
        which = [i for i, t in enumerate(texts) if front[i] is flag and t.isascii()]
        lows = [texts[i].lower() for i in which]
        joined, offsets = _join_lines(lows)
        for i in which:
            out[i] = []
        for pos in occurrences(joined, first):
            n = bisect_right(offsets, pos) - 1
            m = rx.match(lows[n], pos - offsets[n])
            if m:
                out[which[n]].append(m.span())  # type: ignore[union-attr]
    return out


class _FrontFacts:
    """What decides which names each block gives :func:`front_matter_names`.

    Whether a block is front matter (searched with the front matter's cues)
    and whether its section is under a reviewer's heading. Made from the
    document's blocks and sections, not the document: a per-document memo
    must not keep its document alive.
    """

    def __init__(self, blocks: tuple[Any, ...], sections: tuple[Any, ...]) -> None:
        self.blocks = blocks
        self.sections = sections
        # Worked out for the sections asked about (by index), each heading searched once
        # (a section's path repeats its ancestors' headings).
        self.front_heading: dict[int, bool] = {}
        self.heading_is_front: dict[str, bool] = {}
        self.reviewer_heading: dict[int, bool] = {}  # asked only of short blocks

    def is_front(self, b: Any) -> bool:
        """Whether block ``b`` is front matter (its cues are the front matter's)."""
        if b.section == 0 or b.word_start < FRONT_WORDS:
            return True
        got = self.front_heading.get(b.section)
        if got is None:
            known = self.heading_is_front
            for part in self.sections[b.section].path:
                if part not in known:
                    known[part] = _FRONT_HEADINGS.search(part) is not None
            got = self.front_heading[b.section] = any(
                known[part] for part in self.sections[b.section].path
            )
        return got

    def block_names(
        self, b: Any, front: bool, cues: list[tuple[int, int]] | None = None
    ) -> set[str]:
        """The name words block ``b`` gives; each is a substring of its text."""
        found = _names_near_cues(b.norm, _FRONT if front else _BODY, cues)
        if b.words > REVIEWER_BLOCK_WORDS:
            return found
        under = self.reviewer_heading.get(b.section)
        if under is None:
            path = self.sections[b.section].path
            under = self.reviewer_heading[b.section] = any(
                _REVIEWER_HEADING.search(p) for p in path
            )
        if under:
            # Under "Lead reviewer" / "About the author" a short block names the reviewer.
            for m in _PERSON_RX.finditer(b.norm):
                found.update(w for w in name_words(m.group(0)) if w not in NOT_NAME and len(w) > 1)
        return found

    def all_names(self, known: dict[int, set[str]] | None = None) -> frozenset[str]:
        """The names every block gives (``known``: those of some blocks, by index)."""
        found: set[str] = set()
        blocks = self.blocks
        fronts = [self.is_front(b) for b in blocks]
        cues = _doc_cues([b.norm for b in blocks], fronts)
        for n, (b, front, cue) in enumerate(zip(blocks, fronts, cues, strict=True)):
            got = known.get(n) if known else None
            found |= got if got is not None else self.block_names(b, front, cue)
        return frozenset(found)


def front_matter_names(doc: Document) -> frozenset[str]:
    """Words of the names of the review's author, reviewer, chair and officers."""
    return _FrontFacts(doc.blocks, doc.sections).all_names()


#: Words :class:`FrontNames` looks up one by one before it works out the whole set.
FRONT_LOOKUPS = 40


class FrontNames:
    """``word in front_matter_names(doc)``, worked out only for the words asked about.

    The rules only ask whether the words of a detected name are the
    reviewer's or an officer's: a few words per document, where the whole set
    costs a search near every cue word of every paragraph ("the reviewer" is
    in a long draft hundreds of times). Every word of the set is a substring
    of the text of a block that gives it (:func:`name_words` cuts words out
    of a match) and a block gives the same words whatever the others are: so
    a word is in the set exactly when a block whose text holds it gives it.
    Those blocks are found with ``str.find`` in the texts joined by newlines
    (a word holds no newline, so no occurrence runs from one text into the
    next). After :data:`FRONT_LOOKUPS` words the whole set is worked out, so
    that many questions cost little more than it.
    """

    __slots__ = ("_asked", "_blocks", "_done", "_facts", "_full", "_joined", "_sections", "_starts")

    def __init__(self, doc: Document) -> None:
        self._blocks = doc.blocks
        self._sections = doc.sections
        self._facts: _FrontFacts | None = None
        self._joined = ""
        self._starts: list[int] = []  # where each block's text starts in _joined
        self._asked: dict[str, bool] = {}
        self._done: dict[int, set[str]] = {}  # the names of the blocks read, by index
        self._full: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        full = self._full
        if full is not None:
            return word in full
        if not isinstance(word, str):
            return False
        got = self._asked.get(word)
        if got is None:
            if len(self._asked) >= FRONT_LOOKUPS:
                full = self._full = self._ready().all_names(self._done)
                return word in full
            got = self._asked[word] = self._ask(word)
        return got

    def _ready(self) -> _FrontFacts:
        facts = self._facts
        if facts is None:
            facts = self._facts = _FrontFacts(self._blocks, self._sections)
            self._joined, self._starts = _join_lines([b.norm for b in self._blocks])
        return facts

    def _ask(self, word: str) -> bool:
        """Whether a block whose text holds ``word`` gives it."""
        if not word or "\n" in word:
            return False  # no name word is empty or holds a newline
        facts = self._ready()
        joined, starts, done, blocks = self._joined, self._starts, self._done, self._blocks
        i = joined.find(word)
        while i != -1:
            n = bisect_right(starts, i) - 1
            got = done.get(n)
            if got is None:
                b = blocks[n]
                got = done[n] = facts.block_names(b, facts.is_front(b))
            if word in got:
                return True
            # On to the next block: this one gives what it gives.
            i = joined.find(word, starts[n + 1]) if n + 1 < len(starts) else -1
        return False


class Allowlist:
    """Allowed strings and names for one document."""

    def __init__(
        self,
        patterns: Matcher | None = None,
        names: Iterable[str] | FrontNames = (),
        declared: Declared | None = None,
    ) -> None:
        self.patterns = patterns if patterns else None
        # The front matter's names: a FrontNames is asked word by word, as the set would be.
        self.front: frozenset[str] | FrontNames = (
            names if isinstance(names, FrontNames) else frozenset(names)
        )
        allowed: set[str] = set()
        if declared:
            allowed |= declared.names
            allowed |= {lab.split()[-1] for lab in declared.labels}
        #: The declared pseudonyms' words.
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
        words, front = self.words, self.front
        return all(w in words or w in front for w in parts)
