"""Issue 12, third pass on pattern matching: shortcuts that must answer as the slow path does.

* :class:`~lcsprlint.kinds.plain.Plain`: a word-list pattern matched with
  ``str.find`` in ASCII text instead of the ``regex`` engine; its spans must
  be the engine's ``finditer`` spans (and its first match from a position the
  engine's ``search``), for every built-in plain pattern and for random ones.
* a pattern's second and third sets of literals are tested by substring
  search (:meth:`~lcsprlint.kinds.literals.Literals.holds`), not through the
  shared index, which now holds only first sets;
* single-character literals are looked for by a substring test beside the
  index's automaton.
"""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lcsprlint.kinds import literal_table
from lcsprlint.kinds.literal_index import LiteralIndex
from lcsprlint.kinds.literals import Literals, required_sets
from lcsprlint.kinds.patterns import Matcher, _alone, _alternation
from lcsprlint.kinds.plain import plain_form

CASELESS = regex.VERSION0 | regex.IGNORECASE
EXACT = regex.VERSION0


def _engine(pattern: str, flags: int, text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in regex.compile(pattern, flags).finditer(text, pos)]


def _texts_for(pattern: str, flags: int, rng: random.Random) -> list[str]:
    """Texts around the pattern's own strings: cased, glued to word characters, repeated."""
    plain = plain_form(pattern, flags)
    assert plain is not None
    out = ["", "nothing to see here", "The Review_ found 20 things."]
    for s, _bounds, _tail in plain.expansions[:12]:
        out += [
            s,
            s.upper(),
            s.title(),
            f"x{s}",
            f"{s}_",
            f"{s}s and {s}ing",
            f"({s}) -{s}- '{s}'",
            f"{s}{s}",
            s[:-1],
            f"9{s} {s}9 {s}.",
        ]
    words = [e[0] for e in plain.expansions] + ["the", "a", "review", "of", "-", "_", "x1"]
    for _ in range(20):
        out.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))))
    return out


def _builtin_plain() -> list[tuple[str, int]]:
    sets, anchors = literal_table.builtin_patterns()
    keys = {(p, f) for p, f in sets if f & regex.VERSION0} | set(anchors)
    keys |= {(_alone(p, True), f) for p, f in sets if f & regex.VERSION0}
    return sorted((p, f) for p, f in keys if plain_form(p, f) is not None)


def test_builtin_plain_patterns_match_as_the_engine() -> None:
    found = _builtin_plain()
    assert len(found) > 300  # most rule patterns are word lists
    rng = random.Random(12)
    for p, f in found:
        plain = plain_form(p, f)
        assert plain is not None
        for text in _texts_for(p, f, rng):
            low = text.lower()
            assert plain.spans(text, low) == _engine(p, f, text), (p, text)
            for pos in (1, 4):
                m = regex.compile(p, f).search(text, pos)
                got = plain.spans(text, low, pos, first=True)
                assert (got[0] if got else None) == (m.span() if m else None), (p, pos, text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<!not )\bagreed\b",  # lookbehind
        r"\bagreed\b(?= to)",  # lookahead
        r"approved .{0,80} by",  # gap
        r"\blocal\s+child\b",  # whitespace class
        r"^(key )?question",  # anchor
        r"\bplans??\b",  # lazy
        r"(?i)\bplan\b",  # inline flag
        r"(?-i:GP) practice",  # group flag
        r"\bcontribut\w+ly\b",  # something after the word run
        r"\b(a|an)\b",  # too short to look for
        r"\bfoo-\w*\b",  # \b after a word run that may be empty, after "-"
        r"\b[a-z]+ing\b",  # a class range
        r"\b(\w+) \1\b",  # backreference
        r"\bx{2,}\b",  # counted repeat
    ],
)
def test_anything_more_than_a_word_list_is_left_to_the_engine(pattern: str) -> None:
    assert plain_form(pattern, CASELESS) is None


_WORDS = st.sampled_from(["abc", "cab", "bca", "abca", "x1a", "a_bc", "ab", "c", "'", "-", " "])
#: Pieces of text: the words above in other cases, glued or apart.
_PIECES = st.sampled_from(
    ["abc", "ABC", "Cab", "bca", "abcab", "x1a", "a_bc", "ab", "c", "1", "_", "-", " ", "'"]
)
#: Characters the classes and escapes of the grammar below match.
_MORE_PIECES = st.sampled_from([".", "T", "t", "(", ") "])


@st.composite
def _plain_pattern(draw: st.DrawFn, depth: int = 0) -> str:
    """A random pattern of the plain grammar: words, classes, escapes, groups, alternatives, ?,
    \\b, a \\w run."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5 if depth < 2 else 2))
        if kind <= 1:
            parts.append(draw(_WORDS))
        elif kind == 2:
            parts.append(draw(st.sampled_from([r"\b", r"\b", "[- ]", "[Tt]", r"\.", r"\(", r"\-"])))
        elif kind == 3:
            parts.append(draw(_WORDS).strip() + "?")
        else:
            alts = draw(st.lists(_plain_pattern(depth + 1), min_size=1, max_size=3))
            parts.append("(" + "|".join(alts) + ")" + draw(st.sampled_from(["", "?"])))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from([r"\w*", r"\w+", r"\w+\b"])))
    return "".join(parts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pattern=_plain_pattern(),
    text=st.lists(_PIECES | _MORE_PIECES, max_size=14).map("".join),
    caseless=st.booleans(),
    pos=st.integers(0, 5),
)
def test_random_word_lists_match_as_the_engine(
    pattern: str, text: str, caseless: bool, pos: int
) -> None:
    flags = CASELESS if caseless else EXACT
    plain = plain_form(pattern, flags)
    if plain is None:
        return
    low = text.lower()
    assert plain.spans(text, low) == _engine(pattern, flags, text)
    m = regex.compile(pattern, flags).search(text, pos)
    got = plain.spans(text, low, pos, first=True)
    assert (got[0] if got else None) == (m.span() if m else None)


def test_random_grammar_reaches_plain_forms() -> None:
    """The property above must not pass by finding every random pattern not plain."""
    assert plain_form(r"\b(abc|cab)?bca\w*", CASELESS) is not None
    assert plain_form(r"(abc|cab)? x1a\b", EXACT) is not None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.sampled_from(
            [
                "because",
                "systems",
                "system",
                "systemic",
                "Ecosystem",
                "résumé",
                "due",
                "to",
                "as a result",
                "resulted in",
                "contribute",
                "contributory",
                "workloads",
                "work",
                "load",
                "policy",
                "policies",
                "IT systems",
                "why",
                "_why",
                "why9",
                ".",
                ",",
                "-",
            ]
        ),
        max_size=14,
    )
)
def test_matcher_counts_and_spans_as_its_alternation(words: list[str]) -> None:
    pats = [
        r"\bbecause\b",
        r"\bdue to\b",
        r"\bas a result\b",
        r"\bresult(ed|ing)? (in|from)\b",
        r"\bcontribut\w+",
        r"\bsystem(s|ic)?\b",
        r"\bwork ?loads?\b",
        r"\bpolic(y|ies)\b",
        r"\b(IT|information|records?|recording) systems?\b",
        r"\bwhy\b",
        r"system",
    ]
    text = " ".join(words)
    for whole in (False, True):
        m = Matcher(pats, whole_word=whole)
        rx = regex.compile(_alternation(pats, whole), CASELESS)
        spans = [x.span() for x in rx.finditer(text)]
        assert m.spans(text) == spans, text
        assert m.count(text) == len(spans)
        assert m.matches(text) == bool(spans)
        found = m.search(text)
        assert (found.span() if found else None) == (spans[0] if spans else None)


def test_plain_patterns_compile_only_for_text_that_is_not_ascii() -> None:
    m = Matcher([r"\bbecause\b", r"\bdue to\b", r"(?<!not )\bagreed\b"])
    m.prefilters()  # built now, not after a warm-up (the patterns need not be tabled)
    assert m.count("Late because of it, and due to that; BECAUSE.") == 3
    singles = m._singles
    assert singles is not None
    assert singles[0]._rx is None and singles[1]._rx is None  # no regex compiled
    assert m.count("résumé: because") == 1  # not ASCII: the engine runs
    assert singles[0]._rx is not None


def test_later_sets_held_as_the_index_would_say() -> None:
    rng = random.Random(3)
    sets, _anchors = literal_table.builtin_patterns()
    later = [lits for p, f in sorted(sets) for lits in required_sets(p, f)[1:]]
    assert len(later) > 100
    words = sorted({s for lits in later for s in lits.exact | lits.caseless})
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        text = text.upper() if rng.random() < 0.3 else text
        text = text + " café" if rng.random() < 0.2 else text  # not ASCII: caseless admit
        low = text.lower() if text.isascii() else None
        for lits in rng.sample(later, 20):
            assert lits.holds(text, low) == lits.searched(text), (lits, text)
            assert lits.holds(text) == lits.searched(text), (lits, text)


def test_rare_punctuation_makes_a_later_set() -> None:
    """ "<" is short but rare: a pattern needing it is skipped where a text lacks it."""
    p = r"<\s*(insert|add|name|date)\b[^>]{0,60}>"
    sets = required_sets(p, EXACT)
    assert [sorted(x.exact) for x in sets[1:]] == [["<"], [">"]]
    m = Matcher([p, r"\bX{3,}\b"], case_sensitive=True)
    m.prefilters()
    for text in ("the date and name", "a <date> here", "<name of agency>", "add < date >"):
        expected = [
            x.span() for x in regex.compile(_alternation(m.patterns, False), EXACT).finditer(text)
        ]
        assert m.spans(text) == expected, text
    m2 = Matcher([p, r"\bX{3,}\b"], case_sensitive=True)
    m2.prefilters()
    assert m2.spans("the date and name, added") == []
    assert m2._singles is not None and m2._singles[0]._rx is None  # never run: no "<"


def test_table_literals_are_the_first_sets_only() -> None:
    sets, _anchors = literal_table.builtin_patterns()
    firsts = set()
    for p, f in sets:
        every = required_sets(p, f)
        if every:
            firsts |= {(s, False) for s in every[0].exact}
            firsts |= {(s, True) for s in every[0].caseless}
    assert set(literal_table.literals()) == firsts


def test_single_characters_answer_beside_the_automaton() -> None:
    from lcsprlint.kinds import literal_index as li
    from lcsprlint.kinds import literals as lit

    saved = lit.INDEX, li.INDEX
    index = LiteralIndex()
    lit.INDEX = li.INDEX = index
    try:
        index.start(41)
        gates = [
            Literals(["@"], []),
            Literals([], ["d", "birth"]),
            Literals(["X"], ["born"]),
            Literals(["Mr"], []),
        ]
        for text in ["", "a@b", "D.O.B.", "no such", "BIRTH", "xX", "café d", "Mr X", "mr x"]:
            for gate in gates:
                assert gate.admits(text) == gate.searched(text), (gate, text)
        segment = index._segments[-1]
        assert ("@", False) in {(s, ci) for s, ci, _i in segment[4]}
    finally:
        lit.INDEX, li.INDEX = saved


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\bsupervision (was|is) (not |rarely )", ["supervision "]),  # common start
        (r"\b(clinical|group|line) supervision\b", [" supervision"]),  # common end
        (r"\b(IT|information|records?) systems?\b", [" system"]),  # common middle
        (
            r"\b(not|never) (seen|heard)\b",
            ["not seen", "not hear", "never se", "never he"],
        ),  # beginnings
        (r"\b(seeing|seen) (it|him|seen)\b", ["see"]),  # twice in one string
    ],
)
def test_needles_cover_every_way_of_finding(pattern: str, needles: list[str]) -> None:
    plain = plain_form(pattern, CASELESS)
    assert plain is not None
    assert [n for n, _places in plain.needles] == needles
    text = f"{pattern} Supervision was rarely, group  supervision; line supervision IT system"
    more = "records systems, it systems. Never heard; not seen, seeing seen seen."
    for probe in (text, text.replace("\\b", " "), more, more.upper()):
        assert plain.spans(probe, probe.lower()) == _engine(pattern, CASELESS, probe)


def test_first_document_takes_ahead_only_what_made_matchers_want() -> None:
    from lcsprlint.kinds import literal_index as li
    from lcsprlint.kinds import literals as lit

    sets, _anchors = literal_table.builtin_patterns()
    tabled = sorted(p for p, f in sets if f == CASELESS and required_sets(p, f))
    wanted, unwanted = tabled[:5], tabled[-5:]
    saved = lit.INDEX, li.INDEX
    index = LiteralIndex()
    lit.INDEX = li.INDEX = index
    try:
        index.want(tuple(wanted), CASELESS)
        index.start(77)
        ahead = set(index._ids)
        assert len(ahead) < len(literal_table.literals())
        for p in wanted:
            first = required_sets(p, CASELESS)[0]
            assert {(s, True) for s in first.caseless} <= ahead
        index.want(tuple(unwanted), CASELESS)  # too late: ignored
        assert index._wanted is None
        rng = random.Random(9)
        words = sorted(
            {s for p in wanted + unwanted for s in required_sets(p, CASELESS)[0].caseless}
        )
        for _ in range(100):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
            for p in wanted + unwanted:
                first = required_sets(p, CASELESS)[0]
                gate = Literals(first.exact, first.caseless)  # fresh: no ids of another index
                assert gate.admits(text) == gate.searched(text), (p, text)
    finally:
        lit.INDEX, li.INDEX = saved


def test_no_wanted_matcher_takes_every_literal_ahead() -> None:
    assert literal_table.literals([]) == literal_table.literals()
    assert literal_table.literals(None) == literal_table.literals()
