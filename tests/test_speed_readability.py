"""Readability and sentences found faster (issue 12): the same answers as the slow path.

The acronym patterns start with their capital and look behind it for the word
boundary, so that ``re`` skips to capitals; "Full Name (ACR)" is found from
its bracket; sentence ends are found with a pattern ``re`` can skip to, and
long words before a full stop are not read as abbreviations; words are
counted by spaces in single-spaced text. Each is compared here with the code
it replaced (kept below as the reference), on generated text.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kinds.conftest import doc, h, li, p, table

from lcsprlint.kinds import common as c
from lcsprlint.kinds import readability as r
from lcsprlint.kinds import sentences as s
from lcsprlint.kinds.scope import Unit
from lcsprlint.model import Document
from lcsprlint.textutil import count_words

# --------------------------------------------------------------------------- the slow paths

_OLD_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")


def reference_sentence_spans(text: str) -> list[tuple[int, int]]:
    """``sentence_spans`` as it was."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    while start < n and text[start].isspace():
        start += 1
    for m in _OLD_END.finditer(text):
        end = m.end()
        k = end
        while k < n and text[k].isspace():
            k += 1
        if k >= n:
            break
        nxt = text[k]
        if nxt.islower():
            continue
        if text[m.start()] == ".":
            ws = text.rfind(" ", start, m.start()) + 1
            word = text[max(ws, start) : m.start()].lstrip("(\"'[").lower()
            if word in s._ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if word == "etc" and not nxt.isupper():
                continue
            if (
                s._NUMBER.fullmatch(word)
                and not text[start : m.start()].strip(" (").replace(word, "", 1).strip()
            ):
                continue
        spans.append((start, end))
        start = k
    if start < n and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


OLD = {
    "_TOKEN": re.compile(r"(?<![A-Za-z]-)\b([A-Z]{2,6})(s)?\b(?!-[A-Za-z])"),
    "_SHOUT": re.compile(r"\b[A-Z][A-Z'&]+\b(?:[\s:,.()/&-]+\b[A-Z][A-Z'&]*\b){2,}"),
    "_EXPANDED": re.compile(r"\b([A-Z]{2,6})s?\s*\(\s*[A-Za-z][^()]*?\s[^()]*?\)"),
    "_NEAR_EXPANSION": re.compile(
        r"\b([A-Z]{2,6})s?\b(?:\s+[a-z][\w'-]*){0,3}\s*\(([^()]{3,300})\)"
    ),
    "_TITLE_RUN": re.compile(
        r"\b[A-Z][a-z][\w'-]*(?:\s+(?:(?:of|and|for|the|on|in|to|&)\s+)?[A-Z][a-z][\w'-]*)+"
    ),
}
OLD_PAREN_DEF = re.compile(r"[A-Za-z][\w'-]*[\s,]*\(\s*(?:the\s+)?([A-Z]{2,6})s?\+?\s*\)")


def definitions(
    d: Document, glossary: Any, wanted: set[str] | None = None
) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """What the kind works out: where each acronym (or each ``wanted`` one) is first
    defined, and the acronyms a glossary lists."""
    in_glossary, listed = r._glossary_blocks(d, glossary)
    return r._first_definitions(d, in_glossary, wanted), listed


def reference_definitions(d: Document, glossary: Any) -> tuple[dict, set]:
    """``_definitions`` as it was, with the patterns as they were."""
    defs: dict[str, tuple[int, int]] = {}
    listed: set[str] = set()
    gloss_secs = [x for x in d.headings() if glossary.search(x.norm_title)]
    in_glossary = set(c.span_blocks(d, gloss_secs))

    def note(acr: str, pos: tuple[int, int]) -> None:
        if acr not in defs or pos < defs[acr]:
            defs[acr] = pos

    for b in d.blocks:
        if b.kind == "toc":
            continue
        text = c.block_norm(b)
        if b.index in in_glossary:
            listed.update(m.group(1) for m in OLD["_TOKEN"].finditer(text))
            continue
        if "(" in text:
            for rx in (OLD_PAREN_DEF, OLD["_EXPANDED"]):
                for m in rx.finditer(text):
                    note(m.group(1), (b.index, m.start(1)))
            for m in OLD["_NEAR_EXPANSION"].finditer(text):
                if r._spells(m.group(1), m.group(2)):
                    note(m.group(1), (b.index, m.start(1)))
        for m in OLD["_TITLE_RUN"].finditer(text):
            initials = "".join(w[0] for w in m.group(0).split() if w not in r._CONNECTORS)
            for size in range(2, min(len(initials), 6) + 1):
                for start in range(len(initials) - size + 1):
                    note(initials[start : start + size], (b.index, m.start()))
        first = b.cells[0].strip() if b.cells else ""
        m = OLD["_TOKEN"].fullmatch(first) if first else None
        if m is not None and len(b.cells) > 1:
            note(m.group(1), (b.index, 0))
        m = r._GLOSS_LINE.match(text)
        if m is not None:
            note(m.group(1), (b.index, m.start(1)))
    return defs, listed


def reference_sentence_words(units: list[Unit]) -> tuple[int, ...]:
    out = []
    for u in units:
        for a, b in reference_sentence_spans(u.norm):
            w = count_words(u.norm[a:b])
            if w:
                out.append(w)
    return tuple(out)


# --------------------------------------------------------------------------- generated text

#: Sentence ends, abbreviations, initials, numbers, quotes and brackets, words of each
#: length around the longest abbreviation, acronyms in every position, underscores, and
#: whitespace of every kind (including characters ``str.isspace`` knows beyond ASCII).
PIECES = [
    "The", "the", "review", "Review", "approx", "approxi", "Approx", "e.g", "i.e", "etc",
    "Dr", "dr", "No", "p", "A", "x", "Sept", "Mon", "İ", "ı", "1", "12", "2.3", "(4)", "1.2.3",
    "٣", "²", "ICB", "ICBs", "NHS", "CSA", "KLOE", "MASH", "ABCDEFG", "A&E", "I", "XIV",
    "Integrated", "Care", "Board", "of", "and", "Child", "Sexual", "Abuse", "Local",
    "Non-ICB", "ICB-led", "O'Neil", "de-ICB",
    ".", ".", ". ", "!", "?", "...", "?!", ",", ":", ";", "(", ")", "[", "]", '"', "'",
    "-", "&", "|", "_", "__", "–", "[TBC]", "(ICB)", "( the CSA )", "(Integrated Care Board)",
    " ", " ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\u200e",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=50).map("".join)
fast = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(texts)
def test_sentence_spans_are_the_slow_path(text: str) -> None:
    assert s.sentence_spans(text) == reference_sentence_spans(text)


@fast
@given(st.lists(texts, max_size=6))
def test_sentence_words_are_the_slow_path(parts: list[str]) -> None:
    units = [Unit(t, t, i) for i, t in enumerate(parts)]
    assert r._sentence_words(units) == reference_sentence_words(units)


@fast
@given(texts)
def test_patterns_that_start_at_a_capital_match_as_before(text: str) -> None:
    for name, old in OLD.items():
        new = getattr(r, name)
        assert [(m.span(), m.groups()) for m in new.finditer(text)] == [
            (m.span(), m.groups()) for m in old.finditer(text)
        ], name
        assert bool(new.fullmatch(text)) == bool(old.fullmatch(text)), name


@fast
@given(texts)
def test_definitions_in_brackets_are_found_from_the_bracket(text: str) -> None:
    backwards = text[::-1]
    new = {
        (m.group(1), m.start(1))
        for m in r._PAREN_ACRONYM.finditer(text)
        if r._WORD_BEFORE.match(backwards, len(text) - m.start())
    }
    assert new == {(m.group(1), m.start(1)) for m in OLD_PAREN_DEF.finditer(text)}


@st.composite
def documents(draw: st.DrawFn) -> Document:
    parts: list = []
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            parts.append(h(draw(st.sampled_from(["Glossary", "Findings", "Terms used"]))))
        elif kind == 1:
            parts.append(table([draw(texts), draw(texts)], [draw(texts), draw(texts)]))
        elif kind == 2:
            parts.append(li(draw(texts)))
        else:
            parts.append(p(draw(texts)))
    return doc(*parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_definitions_are_the_slow_path(d: Document) -> None:
    glossary = c.heading_matcher(list(r.DEFAULT_GLOSSARY))
    assert definitions(d, glossary) == reference_definitions(d, glossary)


# --------------------------------------------------------------------------- facts relied on

EVERY = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_other_spaces_are_every_whitespace_character_but_the_space() -> None:
    spaces = {ch for ch in EVERY if ch.isspace()}
    assert spaces == set(re.findall(r"\s", EVERY))  # str.isspace is re's \s
    assert set(r._OTHER_SPACES) == spaces - {" "}
    assert not [ch for ch in r._OTHER_SPACES if ch.isprintable()]


def test_a_word_that_ends_in_no_digit_or_bracket_does_not_lower_into_one() -> None:
    assert {ch for ch in EVERY if ch.isdecimal()} == set(re.findall(r"\d", EVERY))
    ends = [ch.lower()[-1] for ch in EVERY if not (ch.isdecimal() or ch == ")")]
    assert not [e for e in ends if e.isdecimal() or e == ")"]
