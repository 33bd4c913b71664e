"""Required literals (issue 12): every match holds them, so text without them is skipped.

The literal gates of Matchers and detectors are only sound if
:func:`~lcsprlint.kinds.literals.required_sets` never names a literal that a
match can lack. Besides unit cases, every pattern of the built-in packs is
checked against strings generated to match it, in varied case.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.builtin_patterns import builtin_patterns

from lcsprlint.engine.validate import probe_pattern
from lcsprlint.kinds.literals import (
    Gated,
    Literals,
    _literals,
    finditer_at,
    gate_literals,
    required_literals,
    required_sets,
    search_at,
)
from lcsprlint.kinds.patterns import strip_lookbehinds

CI = re.IGNORECASE


def lits(pattern: str, flags: int = CI) -> tuple[list[str], list[str]] | None:
    found = required_literals(pattern, flags)
    return None if found is None else (sorted(found.exact), sorted(found.caseless))


def test_runs_branches_and_groups() -> None:
    assert lits(r"\bserious case reviews?\b") == ([], ["serious case review"])
    assert lits(r"\b(approved|signed[- ]?off)\b.{0,80}\bpartners(hip)?\b") == ([], ["partners"])
    assert lits(r"(a|bb)+ccc", 0) == (["ccc"], [])  # the longest requirement is chosen
    assert lits(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+x", 0) == (["Miss", "Mr", "Ms", "Mx"], [])
    assert lits(r"x(?-i:Abc)") == (["Abc"], [])  # a case-sensitive part is compared as written


def test_case_follows_the_flags() -> None:
    assert lits("Road", 0) == (["Road"], [])
    assert lits("Road", CI) == ([], ["road"])
    assert lits("(?i)Road", 0) == ([], ["road"])
    assert lits("(?i:Road) Lane", 0) == ([" Lane"], [])
    assert lits("(?-i:Road) lanes", CI) == ([], [" lanes"])


def test_nothing_required_or_nothing_safe_to_say() -> None:
    assert lits(r"\S+") is None
    assert lits(r"(ab)?c?") is None
    assert lits(r"(ab|\d)x?") is None  # one branch needs no literal
    assert lits(r"(?<=foo)\d+") is None  # nothing taken from inside lookarounds
    assert lits(r"a{e<=1}bcd") is None  # fuzzy matching in regex, literal text in re
    assert lits(r"[[:alpha:]]+ word") is None  # a POSIX class in regex, warned about by re
    assert lits(r"(?P<x>unbalanced") is None
    assert lits("caf\u00e9 society") == ([], [" society"])  # only ASCII literal characters


def test_lookarounds_do_not_break_a_run() -> None:
    assert lits(r"ab(?=c)cd") == ([], ["abcd"])
    assert lits(r"(?<!not )\bagreed\b") == ([], ["agreed"])


def test_required_sets_are_all_necessary() -> None:
    sets = required_sets(r"\b(approved|endorsed)\b.{0,80}\bby\b.{0,60}\bpartners\b", CI)
    assert [sorted(s.caseless) for s in sets] == [["partners"], ["approved", "endorsed"]]
    # "by" is too short to be worth a look after the first set.


def test_admits_compares_case_only_in_ascii_text() -> None:
    both = Literals(exact={"GP"}, caseless={"surgery"})
    assert both.admits("the GP said")
    assert both.admits("the SURGERY")
    assert not both.admits("the gp said")  # exact literals keep their case
    assert not both.admits("the doctor")
    assert both.admits("the \u212aelvin")  # not ASCII: a case fold could hide a literal
    assert not Literals(exact={"x"}, caseless=()).admits("\u00e9")  # exact: any text


def test_gate_literals_need_every_pattern() -> None:
    assert gate_literals([r"\bcovid", r"\bpandemic\b"], CI) is not None
    assert gate_literals([r"\bcovid", r"\d+"], CI) is None
    assert gate_literals([r"\bGP\b"], CI) is None  # shorter than MIN_LENGTH: not worth it


def _stripped(pattern: str) -> str:
    return strip_lookbehinds(pattern) or pattern


@cache
def _strategies() -> tuple[tuple[str, st.SearchStrategy[str]], ...]:
    out = []
    for p in builtin_patterns():
        try:
            strategy = st.from_regex(re.compile(_stripped(p), CI), fullmatch=True)
        except Exception:  # a construct hypothesis cannot generate from: skipped
            continue
        out.append((p, strategy))
    return tuple(out)


@settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_every_match_of_a_builtin_pattern_holds_its_literals(data: st.DataObject) -> None:
    pattern, strategy = data.draw(st.sampled_from(_strategies()))
    text = data.draw(strategy)
    for lit in required_sets(pattern, CI):
        assert lit.admits(text), (pattern, text, lit)


def test_most_builtin_patterns_can_be_generated() -> None:
    assert len(_strategies()) >= 0.95 * len(builtin_patterns())


def test_lookbehind_free_twins_of_builtin_patterns_pass_the_probe() -> None:
    """Matchers also run each pattern with its lookbehinds deleted: probed like the pattern."""
    twins = {t for t in map(strip_lookbehinds, builtin_patterns()) if t is not None}
    assert len(twins) > 5
    for twin in sorted(twins):
        assert probe_pattern(twin) is None, twin


# --------------------------------------------------------------------------- Gated, *_at


def test_gated_runs_only_where_a_literal_is() -> None:
    g = Gated(re.compile(r"\b(?:Flat|Apt)\s+\d+"))
    assert [m.group() for m in g.finditer("Flat 3, then Apt 4")] == ["Flat 3", "Apt 4"]
    assert list(g.finditer("flat 3")) == []
    assert g.search("nothing here") is None
    needs = Gated(re.compile(r"\d{3}-\d{3}"), needs=re.compile(r"\d\d\d-"))
    assert not needs.admits("12-345") and needs.search("123-456") is not None


_CAPITALS = re.compile(r"(?<![A-Za-z]-)\b([A-Z]{2,6})(s)?\b(?!-[A-Za-z])")
_PIECES = st.sampled_from(
    ["ICB", "NHS", "GPs", "a", "b", " ", "-", "x-", "AB-c", "Q", ".", "(", "é"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_finditer_at_capitals_is_finditer(text: str) -> None:
    cap = re.compile("[A-Z]")
    assert [m.span() for m in finditer_at(_CAPITALS, cap, text)] == [
        m.span() for m in _CAPITALS.finditer(text)
    ]
    got, want = search_at(_CAPITALS, cap, text), _CAPITALS.search(text)
    assert (got and got.span()) == (want and want.span())


def gate_literals_of(found: list[tuple[str, bool]]) -> tuple[set[str], set[str]]:
    """A gate's union of ``found`` (literal, caseless) as (exact, caseless) sets."""
    united = _literals(found)
    return set(united.exact), set(united.caseless)


def _united_by_pairs(found: list[tuple[str, bool]]) -> tuple[set[str], set[str]]:
    """The reference for a gate's union: every pair of literals compared in Python."""
    exact = {s for s, ci in found if not ci}
    caseless = {s.lower() for s, ci in found if ci}
    exact = {s for s in exact if not any(o != s and o in s for o in exact)}
    exact = {s for s in exact if not any(o in s.lower() for o in caseless)}
    caseless = {s for s in caseless if not any(o != s and o in s for o in caseless)}
    return exact, caseless


# Few letters, a newline (what the strings are joined with) and the empty string, so that
# literals often hold one another, equal one another across case, or straddle a join.
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="abAB\n ", max_size=5), st.booleans()), max_size=12))
def test_a_gates_literals_drop_those_holding_another_as_pairwise_comparison_does(
    found: list[tuple[str, bool]],
) -> None:
    got = gate_literals_of(found)
    assert got == _united_by_pairs(found)


def test_a_long_list_of_phrases_keeps_only_the_shortest_holders() -> None:
    phrases = [(f"phrase {n}", True) for n in range(300)] + [("phrase 1", True), ("Phr", False)]
    united = gate_literals_of(phrases)
    # "phrase 1" is held by "phrase 10".."phrase 199"; "Phr" is exact and held by none.
    assert united == _united_by_pairs(phrases)
    assert "phrase 1" in united[1] and "phrase 10" not in united[1]
    assert united[0] == {"Phr"}
