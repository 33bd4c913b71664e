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
from lcsprlint.kinds.pii.common import ALL_GIVEN, NAME_TOKEN, NOT_NAME, bare

# The label patterns run only on text holding one of their words (see Gated).
_LABEL_LETTER = Gated(
    re.compile(
        r"\b(?P<label>(?:Child|Baby|Infant|Sibling|Young\s+Person|Adult|Family|Mother|Father|"
        r"Parent|Practitioner|Professional|Person|Subject|Boy|Girl|Mr|Mrs|Ms|Miss)\s+"
        r"(?P<letter>[A-Z]{1,2}))\b(?![-'’]?[a-z])"
    )
)
_LABEL_NUMBER = Gated(
    re.compile(
        r"\b(?:YP|CYP|Child|Sibling|Adult|SW|HV|GP|Practitioner|Professional|Young\s+Person)"
        r"\s?\d{1,2}\b"
    )
)
_LABEL_NAME = Gated(
    re.compile(rf"\b(?:Child|Baby|Young\s+Person|Family)\s+(?P<name>{NAME_TOKEN})\b")
)
_PREFIX = r"(?:(?:Child|Baby|Young\s+Person|Adult|young\s+people|young\s+person)\s+)?"
_ITEM = rf"[\"'‘“]?{_PREFIX}(?:{NAME_TOKEN}|[A-Z]{{1,3}}\d{{0,2}})[\"'’”]?"
_INTRO = Gated(  # its own words, as written, are rarer than _HAS_INTRO's
    re.compile(
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
_ITEM_RX = re.compile(
    r"(?:(?:Child|Baby|Young\s+Person|Adult)\s+)?"
    rf"(?P<tok>{NAME_TOKEN}|[A-Z]{{1,3}}\d{{0,2}})"
)
_AFTER = re.compile(
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
    re.compile(
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


def declared(texts: Iterable[str]) -> Declared:
    """Collect the pseudonyms and labels declared anywhere in ``texts``."""
    labels: set[str] = set()
    names: set[str] = set()
    for text in texts:
        # A report names its labels again and again: each distinct one is handled once.
        labels.update(" ".join(label.split()) for label, _ in set(_LABEL_LETTER.findall(text)))
        labels.update(label.replace(" ", "") for label in set(_LABEL_NUMBER.findall(text)))
        for name in set(_LABEL_NAME.findall(text)):
            if bare(name) in ALL_GIVEN:
                names.add(bare(name))
        if not _HAS_INTRO.admits(text):  # the regex itself is only a gate: its literals do
            continue
        for m in _INTRO.finditer(text):
            for item in _ITEM_RX.finditer(m.group("list")):
                tok = bare(item.group("tok"))
                if tok not in NOT_NAME:
                    if any(c.isdigit() for c in tok) or tok.isupper():
                        labels.add(" ".join(bare(item.group()).split()))
                    else:
                        names.add(tok)
        for m in _AFTER.finditer(text):
            tok = bare(m.group("name") or m.group("name2") or m.group("name3"))
            if tok not in NOT_NAME:
                names.add(tok)
    return Declared(frozenset(labels), frozenset(names))
