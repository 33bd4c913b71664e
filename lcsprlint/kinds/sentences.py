"""A small sentence splitter for British report prose.

A regular expression with an abbreviation list, not a statistical model: it is
fast (every paragraph of a long report, every run), needs no downloads, and
is good enough for what the kinds ask of it (is this word in the same sentence
as that one; how long are the sentences). It keeps "Dr. Patel", "e.g. the",
"No. 5", "p. 14" and initials together and splits "etc. The".
"""

from __future__ import annotations

import re

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

_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")
_NUMBER = re.compile(r"\(?\d{1,3}(?:\.\d{1,3})*\)?")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; the last one may lack a full stop."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    while start < n and text[start].isspace():
        start += 1
    for m in _END.finditer(text):
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
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if word == "etc" and not nxt.isupper():
                continue
            if (
                _NUMBER.fullmatch(word)
                and not text[start : m.start()].strip(" (").replace(word, "", 1).strip()
            ):
                # "1." or "2.3." opening a paragraph is numbering, not a sentence.
                continue
        spans.append((start, end))
        start = k
    if start < n and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


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
