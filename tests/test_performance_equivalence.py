"""The speed-ups of issue 12 change no answer.

Each shortcut taken for speed has a slow, obvious twin here, and the two must
agree on every input: the lookbehind-free prefilter of a Matcher, the fast
paths of ``normalise`` and ``is_toc_entry``, and the per-document memo.

:func:`slow_twins` swaps every shortcut of the check kinds for its twin at
once (Matchers' literal gates, one-pattern-at-a-time answers and word count;
the detectors' gates, their search for name candidates only near role words,
their patterns tried only at capitals), and the built-in packs must then
report the same findings on the labelled corpora, the examples and generated
drafts. ``tests/test_kinds_speed_*.py`` check each shortcut on its own.
"""

from __future__ import annotations

import gc
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lcsprlint.engine.builtin import pack_dir
from lcsprlint.engine.runner import Engine
from lcsprlint.engine.validate import load_rules
from lcsprlint.kinds import all_kinds, dateparse, dates, doccache, literals, patterns, pseudonyms
from lcsprlint.kinds.patterns import Matcher, strip_lookbehinds
from lcsprlint.kinds.pii import allow, names
from lcsprlint.readers import read_document
from lcsprlint.readers.assemble import RawBlock, assemble
from lcsprlint.textutil import _DOT_LEADER, _TRANSLATE, is_toc_entry, normalise

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ("lcspr", "rapid-review", "yearly-report")

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
    assert Matcher([r"\brace\b"]).prefilters()[1] is None
    assert Matcher(PATTERNS).prefilters()[1] is not None
    assert Matcher([*PATTERNS, r"(a)\1"]).prefilters()[1] is None  # groups are counted


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_prefilter_changes_no_match(text: str) -> None:
    m = Matcher(PATTERNS)
    m.prefilters()  # as after many searches
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


# --------------------------------------------------------------------------- whole packs


@contextmanager
def slow_twins() -> Iterator[None]:
    """Every shortcut of the check kinds replaced by its slow, obvious twin."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(literals.Gated, "admits", lambda self, text: True)
        mp.setattr(patterns.Matcher, "_absent", lambda self, text, pos=0, alone=False: False)
        mp.setattr(patterns.Matcher, "matches", lambda self, text: _search(self, text) is not None)
        mp.setattr(patterns.Matcher, "count", lambda self, text: len(self.rx.findall(text)))
        mp.setattr(patterns.Matcher, "search", lambda self, text, pos=0: self.rx.search(text, pos))
        mp.setattr(
            patterns.Matcher, "spans", lambda self, text: [m.span() for m in self.rx.finditer(text)]
        )
        mp.setattr(literals.Literals, "admits", lambda self, text, low=None: True)
        mp.setattr(names, "_after_word_candidates", lambda t, _h: names._AFTER_WORD.finditer(t))
        mp.setattr(names, "_before_comma_candidates", lambda t, _h: names._BEFORE_COMMA.finditer(t))
        mp.setattr(
            names, "_not_person_before", lambda t, e: bool(names._NOT_PERSON_BEFORE.search(t, 0, e))
        )
        mp.setattr(allow, "_HAS_FRONT_CUE", lambda text: True)
        mp.setattr(allow, "_HAS_BODY_CUE", lambda text: True)
        mp.setattr(allow, "FRONT_LOOKUPS", 0)
        for module in (pseudonyms, names, allow):
            mp.setattr(module, "finditer_at", lambda rx, _starts, text: rx.finditer(text))
        mp.setattr(pseudonyms, "_given_firsts", lambda text: None)
        mp.setattr(
            dateparse, "may_hold_date", lambda text: dateparse._DATE_ANCHOR.search(text) is not None
        )
        mp.setattr(dates, "may_hold_date", lambda text: True)
        mp.setattr(dateparse._Years, "quick", lambda self, text: True)
        yield
    finally:
        mp.undo()


def _search(m: Matcher, text: str) -> object:
    return m.rx.search(text)


@cache
def _engines() -> dict[str, Engine]:
    kinds = all_kinds()
    return {p: Engine(load_rules([pack_dir(p)], kinds), kinds, profile=p) for p in PROFILES}


def _drafts(tmp: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """The drafts to check, each with the packs to check it with.

    The labelled corpora under their own pack; the examples and generated
    drafts (the benchmark's kind of document) under every pack.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate_docx import generate_draft
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out: list[tuple[Path, tuple[str, ...]]] = []
    for profile in PROFILES:
        out.extend(
            (p, (profile,))
            for p in sorted((ROOT / "tests" / "corpus" / profile).iterdir())
            if p.suffix in (".md", ".txt")
        )
    out.extend(
        (p, PROFILES) for p in sorted((ROOT / "examples").iterdir()) if p.suffix in (".md", ".docx")
    )
    out.extend((generate_draft(tmp / f"g{n}.docx", n, seed=n), PROFILES) for n in (3, 25))
    return out


def _findings(drafts: list[tuple[Path, tuple[str, ...]]]) -> list[tuple[object, ...]]:
    """Every finding of the packs on every draft, each read afresh (no memo carries over)."""
    engines = _engines()
    out: list[tuple[object, ...]] = []
    for path, profiles in drafts:
        doc = read_document(path)
        for profile in profiles:
            result = engines[profile].check_document(doc, str(path))
            out.append((path.name, profile, result.suppressed, tuple(result.rule_errors)))
            out.extend(
                (path.name, profile, f.rule, f.message, f.snippet, f.location.block)
                for f in result.findings
            )
    return out


def test_packs_find_the_same_with_and_without_the_shortcuts(tmp_path: Path) -> None:
    drafts = _drafts(tmp_path)
    assert len(drafts) > 100
    fast = _findings(drafts)
    with slow_twins():
        slow = _findings(drafts)
    assert fast == slow
    assert sum(len(f) > 4 for f in fast) > 500  # findings, not just empty results
