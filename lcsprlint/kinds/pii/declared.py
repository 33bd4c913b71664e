"""Pseudonyms and role labels a report declares, which are allowed names.

Reviews name the child by a pseudonym or a label and say so: "Child T",
"Baby M", "YP1", "Child Jody (pseudonym)", "a child who will be known as
Zac", "referred to as YP1 and YP2", "the family chose the name Jayden". These
are not identifying, so the name detectors allow them, and the pseudonym
check uses them to spot a child later called by some other name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii.common import (
    ALL_GIVEN,
    NAME_TOKEN,
    NOT_NAME,
    AnyOf,
    bare,
    lazy,
    matches_at,
    occurrences,
    words,
)

# The label patterns run only on text holding one of their words (see Gated).
_LABEL_LETTER = Gated(
    lazy(
        r"\b(?P<label>(?:Child|Baby|Infant|Sibling|Young\s+Person|Adult|Family|Mother|Father|"
        r"Parent|Practitioner|Professional|Person|Subject|Boy|Girl|Mr|Mrs|Ms|Miss)\s+"
        r"(?P<letter>[A-Z]{1,2}))\b(?![-'’]?[a-z])"
    )
)
_LABEL_NUMBER = Gated(
    lazy(
        r"\b(?:YP|CYP|Child|Sibling|Adult|SW|HV|GP|Practitioner|Professional|Young\s+Person)"
        r"\s?\d{1,2}\b"
    )
)
_LABEL_NAME = Gated(lazy(rf"\b(?:Child|Baby|Young\s+Person|Family)\s+(?P<name>{NAME_TOKEN})\b"))
_PREFIX = r"(?:(?:Child|Baby|Young\s+Person|Adult|young\s+people|young\s+person)\s+)?"
_ITEM = rf"[\"'‘“]?{_PREFIX}(?:{NAME_TOKEN}|[A-Z]{{1,3}}\d{{0,2}})[\"'’”]?"
_INTRO = Gated(  # its own words, as written, are rarer than _HAS_INTRO's
    lazy(
        r"\b(?:(?:known|referred\s+to|called|named|described|identified)\s+(?:to\s+)?as"
        r"|(?:will\s+be|is|are|was|were|be|being)\s+(?:called|named)"
        r"|(?:the\s+)?(?:pseudonyms?|names?)(?:\s+of)?"
        r"|chose\s+(?:the\s+name\s+)?"
        r"|\b(?:we|I|they|whom\s+we|who\s+we)\s+(?:will\s+|have\s+|shall\s+)?"
        r"(?:are\s+)?(?:call|called|calling|name|named|naming|refer\s+to\s+as|referred\s+to\s+as"
        r"|referring\s+to\s+as))"
        rf"\s+(?P<list>{_ITEM}(?:\s*(?:,|and|&)\s*{_ITEM})*)"
    )
)
_ITEM_RX = lazy(
    r"(?:(?:Child|Baby|Young\s+Person|Adult)\s+)?"
    rf"(?P<tok>{NAME_TOKEN}|[A-Z]{{1,3}}\d{{0,2}})"
)
_AFTER = lazy(
    rf"\b(?P<name>{NAME_TOKEN})[\"'’”]?\s*\((?:a\s+|the\s+)?(?:pseudonym|not\s+(?:his|her|their)"
    r"\s+real\s+name|name\s+changed)"
    rf"|\b(?P<name2>{NAME_TOKEN})[\"'’”]?\s+(?:is|was)\s+(?:a|the|not)\s+(?:pseudonym|"
    r"real\s+name|name\s+(?:his|her|their|the|chosen|agreed|given|used)|name\s+we)"
    rf"|\b(?P<name3>{NAME_TOKEN})[\"'’”]?\s+(?:(?:is|was)\s+not\s+(?:his|her|their)\s+real\s+name"
    r"|chose\s+(?:this|the|her|his|their)\s+(?:own\s+)?(?:name|pseudonym))"
)


# Words without which a paragraph declares no pseudonym by name (looked for as
# literals first: see Gated).
_HAS_INTRO = Gated(
    lazy(
        r"known|referred|referring|call|nam(?:e|ed|ing)|described|identified|pseudonym|chose|real",
        re.IGNORECASE,
    )
)


@dataclass(frozen=True)
class Declared:
    """What a report declares: labels ("Child T", "YP1") and pseudonym names ("Jayden")."""

    labels: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.labels or self.names)


# Where a label can start. Every match of the three label patterns starts at a word
# boundary with one of these words (all letters, capital first, case as written); a
# word boundary never falls inside a run of letters, so the alternation's matches
# are found at every such start.
_LABEL_WORDS = words(
    "Child Baby Infant Sibling Young Adult Family Mother Father Parent Practitioner "
    "Professional Person Subject Boy Girl Mr Mrs Ms Miss YP CYP SW HV GP"
)
# In a match every label word is followed by spaces or a digit (``\s+``, ``\s?\d``), so
# it is the whole run of letters there; after the run and any spaces comes a capital
# (the letter of "Child T", the name of "Child Jody", "Person" of "Young Person") or a
# digit. The lookahead asks for no more than that (backtracking only makes it admit
# more), and turns away the label words that stand for people: "Mother said".
_LABEL_STARTS = lazy(
    "(?:"
    + "|".join(sorted(_LABEL_WORDS, key=lambda w: (-len(w), w)))  # the same text every run
    + r")(?=[A-Za-z]*\s*[A-Z\d])"
)
# Words one of which every _INTRO match holds (its literals, "name" for "named", "naming").
_INTRO_WORDS = ("call", "chose", "described", "identified", "known", "nam", "pseudonym", "refer")
# From the start of an _INTRO match to its word there are only letters and at most
# four runs of spaces ("whom we will are call"); one more for margin.
_INTRO_GAPS = 5


#: The three label patterns' gates together: most paragraphs hold no label word, and
#: while a document is checked the shared index of literals says so (see AnyOf).
_LABELS = AnyOf(_LABEL_LETTER, _LABEL_NUMBER, _LABEL_NAME)


def _label_starts(text: str) -> list[int]:
    """Positions where a label may start: where a label word is (none where no gate admits).

    Only where :data:`_LABEL_STARTS` finds one: a review names "Mother" and
    "Practitioners" far more often than it labels anyone.
    """
    if not _LABELS.admits(text):
        return []
    return [m.start() for m in _LABEL_STARTS.finditer(text)]


# On the text before such a word, reversed: letters and at most _INTRO_GAPS runs of spaces.
_INTRO_BACK = lazy(rf"[A-Za-z]*(?:\s+[A-Za-z]*){{0,{_INTRO_GAPS}}}")
_WORD_START = lazy(r"\b[A-Za-z]")


#: Words of _INTRO that are followed by "as" wherever they are in a match ("described
#: as", "known to as"); other occurrences of them (lower-case, so not in a match's list
#: of capitalised items) start no match and are not tried.
_ONLY_BEFORE_AS = ("described", "identified", "known")
_AS_AFTER = lazy(r"\s+(?:to\s+)?as")
#: What follows "refer" wherever it is in a match ("referred to as", "referred to to as",
#: "refer to as", "referring to as"; it also admits "refer to to as", which is none).
_REFER_AFTER = lazy(r"(?:red|ring)?\s+to\s+(?:to\s+)?as")


def _intro_word(text: str, k: int) -> bool:
    """Whether the occurrence of an _INTRO_WORDS word at ``k`` may be a match's word.

    For any text: the words of :data:`_ONLY_BEFORE_AS` only before "as", and
    "refer" only before what :data:`_REFER_AFTER` finds (so never in
    "referral"). Every match holds one of its words where this says yes, so
    its start is still tried.
    """
    if text.startswith("refer", k):
        return _REFER_AFTER.match(text, k + 5) is not None
    for word in _ONLY_BEFORE_AS:
        if text.startswith(word, k):
            return _AS_AFTER.match(text, k + len(word)) is not None
    return True


def _intro_starts(text: str) -> list[int]:
    """Positions where an _INTRO match may start: word starts a few words before its words."""
    starts: set[int] = set()
    for k in occurrences(text, _INTRO_WORDS):
        if not _intro_word(text, k):
            continue
        back = _INTRO_BACK.match(text[k - 1 :: -1]).end() if k else 0  # type: ignore[union-attr]
        starts.add(k)
        starts.update(m.start() for m in _WORD_START.finditer(text, k - back, k))
    return sorted(starts)


def _may_name_after(text: str) -> bool:
    """Whether ``text`` may hold an ``_AFTER`` form: each holds "name" or "pseudonym"."""
    return "name" in text or "pseudonym" in text


def declared(texts: Iterable[str]) -> Declared:
    """Collect the pseudonyms and labels declared anywhere in ``texts``.

    Each pattern is tried only where a match can start (see :func:`matches_at`):
    at the label words, and a few words before the words every introduction holds;
    the ``_AFTER`` forms all hold "name" or "pseudonym".
    """
    labels: set[str] = set()
    names: set[str] = set()
    for text in texts:
        starts = _label_starts(text)
        if starts:
            # A report names its labels again and again: each distinct one is handled once.
            found = {m.group("label") for m in matches_at(_LABEL_LETTER.rx, text, starts)}
            labels.update(" ".join(label.split()) for label in found)
            found = {m.group() for m in matches_at(_LABEL_NUMBER.rx, text, starts)}
            labels.update(label.replace(" ", "") for label in found)
            for name in {m.group("name") for m in matches_at(_LABEL_NAME.rx, text, starts)}:
                if bare(name) in ALL_GIVEN:
                    names.add(bare(name))
        if not _HAS_INTRO.admits(text):
            continue
        intro = _intro_starts(text)
        for m in matches_at(_INTRO.rx, text, intro):
            for item in _ITEM_RX.finditer(m.group("list")):
                tok = bare(item.group("tok"))
                if tok not in NOT_NAME:
                    if any(c.isdigit() for c in tok) or tok.isupper():
                        labels.add(" ".join(bare(item.group()).split()))
                    else:
                        names.add(tok)
        if _may_name_after(text):
            for m in _AFTER.finditer(text):
                tok = bare(m.group("name") or m.group("name2") or m.group("name3"))
                if tok not in NOT_NAME:
                    names.add(tok)
    return Declared(frozenset(labels), frozenset(names))
