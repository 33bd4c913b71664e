"""Matchers (issue 12): compiled when first used, and their shortcuts change no answer.

A Matcher skips text by its literal gate and lookbehind-free twin, answers
yes-or-no questions and counts one pattern at a time where the patterns have
literals of their own, and counts ``\\S+`` with ``str.split``. Each answer is
compared here with the plain alternation of the same patterns, on the rule
packs' own pattern lists and strings generated to match them.
"""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.builtin_patterns import builtin_pattern_lists, mixed_text

from lcsprlint.errors import RuleTimeout
from lcsprlint.kinds import patterns
from lcsprlint.kinds.patterns import Matcher

FLAGS = regex.VERSION0 | regex.IGNORECASE


def plain(pats: tuple[str, ...], whole: bool = False) -> Any:
    """The alternation a Matcher stands for, with no shortcut at all."""
    parts = [rf"\b(?:{p})\b" if whole else f"(?:{p})" for p in pats]
    return regex.compile("|".join(parts), FLAGS)


def warm(pats: tuple[str, ...], whole: bool = False) -> Matcher:
    """A Matcher with its prefilters built (as after searching WARM_UP characters)."""
    m = Matcher(pats, whole_word=whole)
    m.prefilters()
    return m


def test_compiled_on_first_use() -> None:
    m = Matcher([r"(unclosed"])  # validation refuses this; a Matcher no longer compiles it early
    assert m._rx is None
    with pytest.raises(regex.error):
        m.search("text")
    ok = Matcher([r"\bcovid\b"])
    assert ok._rx is None and ok.search("COVID times") is not None and ok._rx is not None


def test_prefilters_wait_for_long_text() -> None:
    m = Matcher([r"(?<!not )\bagreed\b", r"\bapproved\b"])
    text = "nothing here " * 100
    for _ in range(patterns.WARM_UP // len(text)):
        m.search(text)
    assert m._pre is patterns._UNBUILT  # a short draft does not pay for them
    m.search(text)
    gate, _pre = m.prefilters()
    assert gate is not None and sorted(gate.caseless) == ["agreed", "approved"]


def test_no_patterns_one_by_one_when_groups_are_counted() -> None:
    assert warm((r"(a)\1", r"\bbc\b"))._singles is None
    assert warm((r"\bcovid", r"\bpandemic\b"))._singles is not None
    assert warm((r"\d+", r"\w+"))._singles is None  # no literals: nothing to skip


def test_merged_count_takes_matches_as_the_alternation_does() -> None:
    pats = ("abc", "bcd", r"\bb\w*", "cd b")
    text = "abcd bcd b abc bcdabc cd b"
    m = warm(pats)
    assert m._singles is not None
    assert m.count(text) == len(plain(pats).findall(text))
    assert m.matches(text) and not m.matches("xyz")
    back_to_back = warm(("abc", "xyz"))
    assert back_to_back.count("abcabcxyzxyzabc") == 5


def test_empty_matches_are_left_to_the_alternation() -> None:
    pats = ("abc", "(?:xyz)?")
    m = warm(pats)
    assert m.count("abc abc") == len(plain(pats).findall("abc abc"))


def test_word_count_is_split() -> None:
    m = Matcher([r"\S+"])
    for text in ("a b  c", "", "  ", "\u00e9\u00a0b\u2003c", "a\x1fb c", "a\u200bb", "x\x1c"):
        assert m.count(text) == len(plain((r"\S+",)).findall(text)), repr(text)
    assert Matcher([r"\S+"], whole_word=True).count("a -b") == 2


def test_a_gate_that_admits_everything_is_dropped() -> None:
    m = warm((r"\bthe\b.{0,5}end", r"\bthe\b x"))
    for i in range(300):
        text = f"the {i} end" if i % 2 else "the x"
        assert m.matches(text)
    assert m._gate is None
    assert not m.matches("nothing") and m.count("the end, the x") == 2


def test_timeouts_still_stop_one_pattern_at_a_time() -> None:
    patterns.set_timeout(0.05)
    try:
        m = warm((r"\bzzz\b", r"(x+x+)+y"))
        with pytest.raises(RuleTimeout):
            m.matches("x" * 5000)
    finally:
        patterns.set_timeout(patterns.DEFAULT_TIMEOUT)


# --------------------------------------------------------------------------- the packs


_FILLER = st.sampled_from(
    ["the", "review", "partners", "by", "not", "Child T", ",", ".", "2021", "(", ")", "and"]
)


@st.composite
def case(draw: st.DrawFn) -> tuple[tuple[str, ...], str]:
    """A pack's pattern list, and text with pieces that match some of its patterns."""
    pats = draw(st.sampled_from(builtin_pattern_lists()))
    return pats, mixed_text(draw, pats, _FILLER)


@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(case())
def test_matcher_answers_are_the_alternations(example: tuple[tuple[str, ...], str]) -> None:
    pats, text = example
    m, want = warm(pats), plain(pats)
    assert m.matches(text) == (want.search(text) is not None)
    assert m.count(text) == len(want.findall(text))
    got, expected = m.search(text), want.search(text)
    assert (got and got.span()) == (expected and expected.span())
    assert [x.span() for x in m.finditer(text)] == [x.span() for x in want.finditer(text)]


def test_the_packs_give_lists_to_check() -> None:
    assert len(builtin_pattern_lists()) > 100
