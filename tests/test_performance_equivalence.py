"""The speed-ups of issue 12 change no answer.

Each shortcut taken for speed has a slow, obvious twin here, and the two must
agree on every input: the lookbehind-free prefilter of a Matcher, the fast
paths of ``normalise`` and ``is_toc_entry``, and the per-document memo.
"""

from __future__ import annotations

import gc
import re
import unicodedata

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lcsprlint.kinds import doccache
from lcsprlint.kinds.patterns import Matcher, strip_lookbehinds
from lcsprlint.readers.assemble import RawBlock, assemble
from lcsprlint.textutil import _DOT_LEADER, _TRANSLATE, is_toc_entry, normalise

#: Patterns in the style of the rule packs: lookbehinds that excuse a match.
PATTERNS = (
    r"(?<!organisational |team )\bcultur(e|al)\b",
    r"(?<!terms of reference (were|was) )\bapproved\b.{0,20}\bby\b",
    r"(?<=\bthe )\bpolice\b",
    r"\brac(e|ism)\b",
    r"(?<![(\[])\bSCR\b",
)
_PIECES = (
    *"abcdeoprstuyl ().[",
    *("culture", "cultural", "Culture", "organisational ", "team ", "race", "SCR"),
    *("terms of reference were ", "approved", " by ", "the ", "police"),
)
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


def _plain(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """The alternation a Matcher searches, without any prefilter."""
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.VERSION0 | regex.I)


def test_strip_lookbehinds() -> None:
    assert strip_lookbehinds(r"(?<!a (b|c) )\bx\b") == r"\bx\b"
    assert strip_lookbehinds(r"(?<=y)x(?<!z)") == "x"
    assert strip_lookbehinds(r"[(?<!]x") is None  # no lookbehind, only a class
    assert strip_lookbehinds(r"\bx\b") is None
    # Unsafe to delete: a backreference (group numbers move), a quantified assertion.
    assert strip_lookbehinds(r"(?<!(a))(b)\2") is None
    assert strip_lookbehinds(r"(?<!a)+b") is None


def test_prefilter_is_built_only_for_lookbehinds() -> None:
    assert Matcher([r"\brace\b"])._pre is None
    assert Matcher(PATTERNS)._pre is not None
    assert Matcher([*PATTERNS, r"(a)\1"])._pre is None  # groups are counted: no prefilter


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_prefilter_changes_no_match(text: str) -> None:
    m = Matcher(PATTERNS)
    plain = _plain(PATTERNS)
    want = plain.search(text)
    got = m.search(text)
    assert (got is None) == (want is None)
    if got is not None:
        assert got.span() == want.span()
    assert [x.span() for x in m.finditer(text)] == [x.span() for x in plain.finditer(text)]
    assert m.count(text) == len(plain.findall(text))


def _reference_normalise(text: str) -> str:
    if text.isascii():
        out = text.replace("\t", " ")
    else:
        out = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    return re.sub(r"[ \r\n]+", " ", out).strip()


_MESSY = st.text(alphabet=st.sampled_from(list("ab .…\t\n\r\u00a0\u2003\u200b19٣²\x0b\u2028")))


@settings(max_examples=500, deadline=None)
@given(_MESSY)
def test_normalise_and_toc_fast_paths(text: str) -> None:
    assert normalise(text) == _reference_normalise(text)
    assert is_toc_entry(text) == bool(_DOT_LEADER.search(text))


def test_memo_is_per_document_and_dies_with_it() -> None:
    def doc(text: str):
        return assemble("d.md", "markdown", [RawBlock("paragraph", text)])

    a, b = doc("one"), doc("two")
    seen: list[str] = []

    def fact(d: object) -> str:
        return doccache.per_document(d, "fact", lambda: seen.append("x") or str(id(d)))  # type: ignore[arg-type]

    assert fact(a) == fact(a) != fact(b)
    assert seen == ["x", "x"]  # once per document
    before = doccache.memo_count()
    del a
    gc.collect()
    assert doccache.memo_count() == before - 1


def test_birthday_guard_keeps_every_birthday_date() -> None:
    from lcsprlint.kinds.pii import dates

    def unguarded(text: str) -> list[tuple[int, int]]:
        rxs = (dates._BIRTHDAY_AFTER, dates._BIRTHDAY_BEFORE)
        return [(m.start("date"), m.end("date")) for rx in rxs for m in rx.finditer(text)]

    cases = {
        "On 3 March 2021, Child T's second BIRTHDAY, the family moved.": 1,
        "On his Birthday (3 March 2021) nobody visited.": 1,
        "The visit on 3 March 2021 went ahead.": 0,
    }
    for text, expected in cases.items():
        found = [(s, e) for kind, s, e in dates.find(text) if kind == "date-of-birth"]
        assert found == unguarded(text)
        assert len(found) == expected
