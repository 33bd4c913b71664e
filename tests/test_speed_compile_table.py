"""The shipped literal table (lcsprlint/kinds/literal_table.json) and what it lets a Matcher skip.

The table must hold exactly what the literal analysis computes for every
built-in pattern: a stale one would gate with another pattern's literals.
Regenerate it with ``python scripts/literal_table.py``.
"""

from __future__ import annotations

import random

import pytest
import regex

from lcsprlint.kinds import literal_table
from lcsprlint.kinds.literal_index import LiteralIndex
from lcsprlint.kinds.literals import (
    analysed_anchor,
    analysed_sets,
    anchor_of,
    required_sets,
)
from lcsprlint.kinds.patterns import _UNBUILT, Matcher, _alternation

#: A caseless Matcher's flags.
CASELESS = regex.VERSION0 | regex.IGNORECASE


@pytest.fixture(scope="module")
def builtin() -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    return literal_table.builtin_patterns()


def test_table_is_what_the_analysis_gives_for_every_builtin_pattern(builtin) -> None:
    expected = literal_table.render(literal_table.computed(*builtin))
    shipped = literal_table.TABLE_PATH.read_text(encoding="utf-8")
    assert shipped == expected, "stale: run python scripts/literal_table.py"


def test_lookups_give_the_analysis_objects(builtin) -> None:
    sets, anchors = builtin
    assert len(sets) > 500 and len(anchors) > 500
    for p, f in sets:
        assert literal_table.has_sets(p, f)
        got = [(x.exact, x.caseless) for x in required_sets(p, f)]
        assert got == [(x.exact, x.caseless) for x in analysed_sets(p, f)], p
    for p, f in anchors:
        assert anchor_of(p, f) == analysed_anchor(p, f), p


def test_patterns_not_in_the_table_are_analysed() -> None:
    p = r"\bsurely not a built-in (?:xyzzy|plugh) pattern\b"
    assert not literal_table.has_sets(p, regex.IGNORECASE | regex.VERSION0)
    assert literal_table.anchor_of(p, 0) is literal_table.MISSING
    assert [x.caseless for x in required_sets(p, CASELESS)] == [
        x.caseless for x in analysed_sets(p, CASELESS)
    ]
    assert Matcher([p, r"\bother\b"])._tabled() is False


def _texts(patterns: tuple[str, ...], rng: random.Random) -> list[str]:
    """Texts that hold the patterns' literals (so that they pass the gates) and some that do not."""
    words = []
    for p in patterns:
        for lits in required_sets(p, CASELESS):
            words.extend(sorted(lits.exact | lits.caseless))
    words = words or ["none"]
    filler = ["the", "review", "partners", "and", "of", "Child", "agreed", "’s", "é", "\n"]
    out = ["", "nothing to see here", "Ofsted é"]
    for _ in range(12):
        n = rng.randint(1, 12)
        pieces = [rng.choice(words if rng.random() < 0.5 else filler) for _ in range(n)]
        out.append(" ".join(pieces))
        out.append(" ".join(pieces).upper())
    return out


def test_tabled_matchers_gate_from_the_first_text_with_the_alternations_results(builtin) -> None:
    """Every built-in Matcher, built at once from the table, answers as its plain alternation."""
    rng = random.Random(12)
    seen: set[tuple[tuple[str, ...], int, bool]] = set()
    for obj in literal_table.builtin_matchers():
        if not isinstance(obj, Matcher) or not obj.patterns:
            continue
        key = (obj.patterns, obj._flags, obj._whole)
        if key in seen:
            continue
        seen.add(key)
        fresh = Matcher(
            obj.patterns, case_sensitive=not obj._flags & regex.IGNORECASE, whole_word=obj._whole
        )
        assert fresh._tabled()
        rx = regex.compile(_alternation(obj.patterns, obj._whole), obj._flags)
        for k, text in enumerate(_texts(obj.patterns, rng)):
            first = rx.search(text)
            m = fresh.search(text)
            assert (m and m.span()) == (first and first.span()), (obj.patterns, text)
            assert fresh.matches(text) is (first is not None)
            spans = [x.span() for x in rx.finditer(text)]
            assert fresh.spans(text) == spans, (obj.patterns, text)
            assert fresh.count(text) == len(spans)
            if k == 0:
                assert fresh._pre is not _UNBUILT  # built at once, not after a warm-up
    assert len(seen) > 50


def test_tabled_matcher_compiles_only_what_a_text_needs() -> None:
    sets, _anchors = literal_table.builtin_patterns()
    pats = sorted({p for p, f in sets if f == CASELESS and regex.fullmatch(r"\\b[a-z ]+\\b", p)})[
        :6
    ]
    assert len(pats) == 6
    m = Matcher(pats)
    assert not m.matches("a text holding none of them")
    assert m._rx is None and m._singles is not None
    assert all(s._rx is None for s in m._singles)


def test_index_takes_the_builtin_literals_ahead_then_keeps_only_those_asked() -> None:
    index = LiteralIndex()
    index.start(1)
    ahead = len(literal_table.literals())
    assert index.built == ahead and index.ready(ahead)
    first = index.id_of(*literal_table.literals()[5])
    assert first == 5
    automaton = index._segments[0]
    index.start(2)  # the next document: only the literal asked for, numbered afresh
    assert index.epoch == 1 and index.built == 1
    assert index.id_of(*literal_table.literals()[5]) == 0
    kept = index._segments[0]
    assert kept is not automaton
    index.start(3)
    assert index._segments[0] is kept  # nothing new: the automaton is kept


def test_gate_answers_from_the_index_without_a_search_of_its_own() -> None:
    from lcsprlint.kinds import literals as lit

    sets, _anchors = literal_table.builtin_patterns()
    p, f = next((p, f) for p, f in sorted(sets) if f == CASELESS and required_sets(p, f))
    gate = lit.Literals(required_sets(p, f)[0].exact, required_sets(p, f)[0].caseless)
    saved = lit.INDEX
    index = LiteralIndex()
    try:
        lit.INDEX = index
        index.start(7)
        word = sorted(gate.exact | gate.caseless)[0]
        for text in (f"a {word} b", "nothing", f"x{word.upper()}y"):
            assert gate.admits(text) == gate.searched(text)
        assert gate._exact_rx is not lit._UNBUILT  # the reference search ran above...
        fresh = lit.Literals(gate.exact, gate.caseless)
        assert fresh.admits(f"a {word} b")
        assert fresh._exact_rx is lit._UNBUILT  # ...but the gate itself never searched
    finally:
        lit.INDEX = saved


def test_missing_table_means_analysis(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(literal_table, "TABLE_PATH", tmp_path / "none.json")
    literal_table._table.cache_clear()
    try:
        assert literal_table.literals() == []
        assert not literal_table.has_sets(r"\bplan\b", CASELESS)
        m = Matcher([r"(?<!not )\bagreed\b", r"\bapproved\b"])
        assert m.search("it was approved") is not None
        assert m._pre is _UNBUILT  # analysed only after a warm-up, as before
    finally:
        literal_table._table.cache_clear()


def test_gates_answer_as_their_own_search_across_documents() -> None:
    """Before and after the renumbering, for gates first asked in any document."""
    from lcsprlint.kinds import literal_index as li
    from lcsprlint.kinds import literals as lit

    rng = random.Random(5)
    ahead = literal_table.literals()
    words = [s for s, _ci in ahead[:400]]
    saved = lit.INDEX, li.INDEX
    index = LiteralIndex()
    lit.INDEX = li.INDEX = index
    try:
        docs = []
        for doc_no in range(3):
            index.start(100 + doc_no)
            docs.append(index.epoch)
            picks = [rng.sample(ahead, 3) for _ in range(20)]
            gates = [
                lit.Literals([s for s, ci in p if not ci], [s for s, ci in p if ci]) for p in picks
            ]
            gates.append(lit.Literals(["not-a-builtin-literal"], ["nor this one"]))
            for _ in range(30):
                text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
                text = text.upper() if rng.random() < 0.3 else text
                for gate in gates:
                    assert gate.admits(text) == gate.searched(text), (doc_no, text)
        assert docs == [0, 1, 1]
    finally:
        lit.INDEX, li.INDEX = saved
