"""A small sentence splitter for British report prose.

A regular expression with an abbreviation list, not a statistical model: it is
fast (every paragraph of a long report, every run), needs no downloads, and
is good enough for what the kinds ask of it (is this word in the same sentence
as that one; how long are the sentences). It keeps "Dr. Patel", "e.g. the",
"No. 5", "p. 14" and initials together and splits "etc. The".
"""

from __future__ import annotations

from lcsprlint.precompiled import re_constant

_ABBREVIATIONS = frozenset(
    (
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "rev",
        "sgt",
        "insp",
        "supt",
        "cllr",
        "det",
        "con",
        "pc",
        "dc",
        "ds",
        "di",
        "no",
        "nos",
        "vol",
        "vols",
        "p",
        "pp",
        "para",
        "paras",
        "ch",
        "sec",
        "fig",
        "figs",
        "ref",
        "refs",
        "cf",
        "vs",
        "approx",
        "est",
        "dept",
        "ltd",
        "co",
        "inc",
        "plc",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.k",
        "n.b",
        "et",
        "al",
        "viz",
        "ca",
        "c",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    )
)

#: A full stop, question or exclamation mark (and closing quotes or brackets) before a space
#: or the end; the spaces after it are group 1. Written ``[.!?][.!?]*`` rather than
#: ``[.!?]+``: a pattern whose first item is a character class is tried only where that class
#: matches (``re`` skips to it in C); one starting with a repeat is tried everywhere.
_END = re_constant(r"[.!?][.!?]*[\"')\]]*(?=(\s+)|$)")
#: _END for text without "!" or "?": a pattern that starts with one character is tried only
#: where that character stands, which ``re`` finds faster still.
_FULL_STOP_END = re_constant(r"\.\.*[\"')\]]*(?=(\s+)|$)")
_NUMBER = re_constant(r"\(?\d{1,3}(?:\.\d{1,3})*\)?")
#: A longer word before a full stop is no abbreviation: that full stop ends a sentence,
#: unless the word is a number (which ends with a digit or a bracket).
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; the last one may lack a full stop."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    while start < n and text[start].isspace():
        start += 1
    ends = _END if "?" in text or "!" in text else _FULL_STOP_END
    for m in ends.finditer(text):
        k = m.end(1)  # where the next sentence would start
        if k < 0 or k == n:  # nothing but spaces after it: the end of the text
            break
        nxt = text[k]
        if nxt.islower():
            continue
        dot, end = m.span()
        if text[dot] == ".":
            ws = text.rfind(" ", start, dot) + 1
            if ws < start:
                ws = start
            if (
                dot - ws <= _LONGEST_ABBREVIATION
                or text[ws] in "(\"'["
                or text[dot - 1].isdecimal()
                or text[dot - 1] == ")"
            ) and _not_an_end(text, start, ws, dot, nxt):
                continue
        spans.append((start, end))
        start = k
    # ``start`` is past any whitespace (at the start, or past the spaces after a sentence's
    # end, which ``(\s+)`` takes whole): where text remains, it holds a sentence.
    if start < n:
        spans.append((start, n if not text[-1].isspace() else len(text.rstrip())))
    return spans


def _not_an_end(text: str, start: int, ws: int, dot: int, nxt: str) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation, an initial or a paragraph number.

    ``ws`` is where the word before it starts. Asked only where it may be so: a
    long word before a full stop (not a number, not opening with a bracket or a
    quote) is none of them.
    """
    word = text[ws:dot].lstrip("(\"'[").lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    if word == "etc" and not nxt.isupper():
        return True
    # "1." or "2.3." opening a paragraph is numbering, not a sentence.
    return bool(
        _NUMBER.fullmatch(word) and not text[start:dot].strip(" (").replace(word, "", 1).strip()
    )


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]


def sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The span holding character ``pos`` (the last span if ``pos`` is past the end)."""
    lo, hi = 0, len(spans) - 1
    if hi < 0:
        return 0, 0
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return spans[lo]
