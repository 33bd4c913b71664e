"""The shared literal index and search anchors (issue 12) change no answer.

While a document is being checked, every literal gate is answered from one
Aho-Corasick scan per text (:class:`lcsprlint.kinds.literal_index.LiteralIndex`), and a
Matcher's patterns search from where their anchors prove no match can start
earlier. Each shortcut is compared here with its slow twin: a gate's own
search, and the plain alternation of a Matcher's patterns; and the built-in
packs must report the same findings with every twin in place.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.builtin_patterns import builtin_pattern_lists, mixed_text

from lcsprlint.engine.builtin import pack_dir
from lcsprlint.engine.runner import Engine
from lcsprlint.engine.validate import load_rules
from lcsprlint.kinds import all_kinds, literal_index, literals, patterns
from lcsprlint.kinds import scope as scope_module
from lcsprlint.kinds.literal_index import scan_texts_of
from lcsprlint.kinds.literals import (
    Gated,
    Literals,
    anchor_of,
    anchored_start,
    anchored_starts,
    required_sets,
)
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.readers import read_document

FLAGS = regex.VERSION0 | regex.IGNORECASE
ROOT = Path(__file__).resolve().parent.parent
PROFILES = ("lcspr", "rapid-review", "yearly-report")


class _Doc:
    """Stands for a Document: the index only needs an object that can be weakly referenced."""


@pytest.fixture
def scanning() -> Iterator[_Doc]:
    """An active index for the test (as while the engine checks a document)."""
    doc = _Doc()
    scan_texts_of(doc)
    assert literal_index.INDEX.memo is not None
    yield doc
    del doc
    gc.collect()


def plain(pats: tuple[str, ...], case_sensitive: bool = False) -> Any:
    parts = [f"(?:{p})" for p in pats]
    return regex.compile("|".join(parts), regex.VERSION0 | (0 if case_sensitive else FLAGS))


def warm(pats: tuple[str, ...], case_sensitive: bool = False) -> Matcher:
    m = Matcher(pats, case_sensitive=case_sensitive)
    m.prefilters()
    return m


@cache
def all_patterns() -> tuple[str, ...]:
    return tuple(sorted({p for pats in builtin_pattern_lists() for p in pats}))


_FILLER = st.sampled_from(
    [
        "the",
        "review",
        "Partners",
        "by",
        "not",
        "Child T",
        ",",
        ".",
        "2021",
        "(",
        "[",
        "]",
        "and",
        "\u212a",  # KELVIN SIGN: folds to "k"
        "\u017f",  # LATIN SMALL LETTER LONG S: folds to "s"
        "caf\u00e9",
        "TBC",
        "SUPERVISION",
    ]
)


@st.composite
def texts_for(draw: st.DrawFn, pats: tuple[str, ...]) -> str:
    return mixed_text(draw, pats, _FILLER)


@st.composite
def case(draw: st.DrawFn) -> tuple[tuple[str, ...], bool, str]:
    pats = draw(st.sampled_from(builtin_pattern_lists()))
    return pats, draw(st.booleans()), draw(texts_for(pats))


_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)


# --------------------------------------------------------------------------- the index


def test_gates_answer_as_their_own_search(scanning: _Doc) -> None:
    gates = [
        Literals(["Mr", "Mrs"], []),
        Literals([], ["partners", "safeguarding partners", "ners"]),
        Literals(["TBC"], ["to be confirmed"]),
        Literals([], []),
        Literals(["@"], ["d"]),
        Literals([""], []),
        Literals(["caf\u00e9"], ["kin"]),
    ]
    texts = [
        "",
        "Mr Smith",
        "mr smith",
        "The Safeguarding Partners agreed.",
        "THE SAFEGUARDING PARTNERS",
        "the \u212aINSHIP care",  # a Kelvin sign: not ASCII, so caseless gates admit it
        "Name: caf\u00e9",
        "to be CONFIRMED",
        "nothing at all",
        "a@b",
    ]
    for gate in gates:
        for text in texts:
            want = gate.searched(text)
            assert gate.admits(text) == want, (gate, text)
            assert gate.admits(text) == want  # from the memo this time
            if text.isascii():
                assert gate.admits(text, text.lower()) == gate.searched(text, text.lower())


@_SETTINGS
@given(st.data())
def test_pack_gates_answer_as_their_own_search(scanning: _Doc, data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(all_patterns()))
    flags = data.draw(st.sampled_from([FLAGS, regex.VERSION0]))
    text = data.draw(texts_for((pattern,)))
    for gate in required_sets(pattern, flags):
        assert gate.admits(text) == gate.searched(text), (pattern, text)


def test_no_index_without_a_document() -> None:
    gc.collect()
    literal_index.INDEX.stop()
    gate = Literals(["Mr"], [])
    assert gate.admits("Mr Smith") and not gate.admits("Ms Smith")
    assert literal_index.present_ids("Mr Smith", 1) is None


def test_the_memo_goes_with_its_document() -> None:
    doc = _Doc()
    scan_texts_of(doc)
    gate = Literals([], ["partners"])
    assert gate.admits("the partners met")
    memo = literal_index.INDEX.memo
    assert memo is not None and "the partners met" in memo
    other = _Doc()
    scan_texts_of(other)  # a new document: a new memo
    assert literal_index.INDEX.memo is not memo and not literal_index.INDEX.memo
    assert gate.admits("the partners met")
    del other
    gc.collect()
    assert literal_index.INDEX.memo is None  # its document is gone, and its texts with it
    del doc
    gc.collect()
    assert literal_index.INDEX.memo is None


def test_an_object_without_weak_references_gets_no_memo() -> None:
    scan_texts_of(_Doc())
    scan_texts_of(("a", "tuple"))
    assert literal_index.INDEX.memo is None


def test_literals_joining_late_wait_for_a_batch(
    scanning: _Doc, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Literals([], ["alpha"])
    assert first.admits("ALPHA and beta")  # joins, and waits: fewer than a batch
    monkeypatch.setattr(literal_index, "_BATCH", 2)
    late = [Literals([], [f"word{i}"]) for i in range(5)]
    text = "Word3 then WORD4"
    for gate in [first, *late]:
        assert gate.admits(text) == gate.searched(text), gate
    assert len(literal_index.INDEX._segments) >= 1


def test_the_registry_starts_over_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(literal_index, "_MAX_IDS", 3)
    monkeypatch.setattr(literal_index, "_BATCH", 0)
    doc = _Doc()
    scan_texts_of(doc)
    gates = [Literals([f"W{i}"], [f"w{i}x"]) for i in range(6)]
    text = "W1 and w4X"
    before = [g.admits(text) for g in gates]
    epoch = literal_index.index_epoch()
    again = _Doc()
    scan_texts_of(again)  # more ids than the limit: a new epoch
    assert literal_index.index_epoch() == epoch + 1
    assert [g.admits(text) for g in gates] == before == [g.searched(text) for g in gates]
    m = warm((r"\bW1\b", r"\bw4x\b"), case_sensitive=True)
    assert m.matches(text) == (plain((r"\bW1\b", r"\bw4x\b"), True).search(text) is not None)
    del doc, again
    gc.collect()


def test_gated_detectors_answer_alike(scanning: _Doc) -> None:
    email = Gated(re.compile(r"[\w.]+@[\w.]+\.uk"))
    for text in ("write to a@b.gov.uk", "no address", "A@B.UK"):
        assert email.admits(text) == (email.literals is None or email.literals.searched(text))
        assert email.findall(text) == email.rx.findall(text)


# --------------------------------------------------------------------------- Matchers


@_SETTINGS
@given(case())
def test_matcher_answers_are_the_alternations(
    scanning: _Doc, example: tuple[tuple[str, ...], bool, str]
) -> None:
    pats, case_sensitive, text = example
    m, want = warm(pats, case_sensitive), plain(pats, case_sensitive)
    expected = want.search(text)
    assert m.matches(text) == (expected is not None)
    assert m.count(text) == len(want.findall(text))
    got = m.search(text)
    assert (got and (got.span(), got.group())) == (expected and (expected.span(), expected.group()))
    spans = [x.span() for x in want.finditer(text)]
    assert m.spans(text) == spans
    assert [x.span() for x in m.finditer(text)] == spans
    if spans:
        later = spans[0][0] + 1
        again = m.search(text, later)
        wanted = want.search(text, later)
        assert (again and again.span()) == (wanted and wanted.span())


@_SETTINGS
@given(case())
def test_matcher_answers_without_a_document(example: tuple[tuple[str, ...], bool, str]) -> None:
    literal_index.INDEX.stop()
    pats, case_sensitive, text = example
    m, want = warm(pats, case_sensitive), plain(pats, case_sensitive)
    assert m.spans(text) == [x.span() for x in want.finditer(text)]
    got, expected = m.search(text), want.search(text)
    assert (got and got.span()) == (expected and expected.span())


def test_search_gives_the_alternations_match(scanning: _Doc) -> None:
    pats = (r"\bsafeguarding partners\b", r"\b(we|the partners) (have )?(approved|agreed)\b")
    m = warm(pats)
    text = "In 2023 the partners have approved it; the safeguarding partners met."
    got, expected = m.search(text), plain(pats).search(text)
    assert got is not None and expected is not None
    assert got.span() == expected.span() and got.groups() == expected.groups()
    assert m.search("nothing here") is None


def test_a_flag_for_the_whole_pattern_keeps_the_alternation(scanning: _Doc) -> None:
    pats = ("abc", "(?i)xyz")  # (?i) in one branch makes the whole alternation caseless
    m = warm(pats, case_sensitive=True)
    assert m._singles is None
    assert m.matches("ABC") == (plain(pats, True).search("ABC") is not None)


def test_spans_merge_as_the_alternation_takes_matches(scanning: _Doc) -> None:
    pats = ("abc", "bcd", r"\bb\w*", "cd b")
    text = "abcd bcd b abc bcdabc cd b"
    m = warm(pats)
    assert m.spans(text) == [x.span() for x in plain(pats).finditer(text)]
    empty = warm(("abc", "(?:xyz)?"))
    assert empty.spans("abc abc") == [
        x.span() for x in plain(("abc", "(?:xyz)?")).finditer("abc abc")
    ]


# --------------------------------------------------------------------------- anchors


def test_anchors_of_rule_patterns() -> None:
    assert anchor_of(r"\bbecause\b", FLAGS) == ((), ("because",), 0, ((), ("because",)))
    assert anchor_of(r"\b(in|through|at|during) supervision\b", FLAGS) == (
        (),
        (" supervision",),
        7,
        ((), ("at supervision", "during supervision", "in supervision", "through supervision")),
    )
    # "(agreed|accepted)" is parsed as "a(greed|ccepted)": both whole strings are found.
    exact, caseless, before, leads = anchor_of(
        r"\b(report|review|cspr)s? (was|were) (agreed|accepted)\b.{0,60}\bby\b", regex.VERSION0
    ) or ((), (), 0, None)
    assert set(exact) == {" accepted", " agreed"} and not caseless and before == 12
    assert leads == (("cspr", "report", "review"), ())
    assert anchor_of(r"(?i:\[[^\]]{0,40}\bto be\b)", regex.VERSION0) == (
        (),
        ("[",),
        0,
        ((), ("[",)),
    )
    assert anchor_of(r"\d+", FLAGS) is None
    assert anchor_of(r"x{e<=1}", FLAGS) is None  # fuzzy matching in regex: not read here
    assert anchor_of(r"a*bcd", FLAGS) is None  # "bcd" at no bounded distance from the start


def test_anchored_start() -> None:
    anchor = ((), (" supervision",), 7, ((), ("in", "at")))
    text = "Nothing. Then, in SUPERVISION, more; and later in supervision."
    start = anchored_start(anchor, text)
    assert start == text.lower().find(" supervision") - 7
    assert anchored_start(anchor, "no such word") == -1
    assert anchored_start(anchor, text, 40) == text.lower().find(" supervision", 40) - 7
    # the leads "in" and "at" that lie within 7 characters before " supervision"
    low = text.lower()
    ends = [i for i in range(len(low)) if low.startswith(" supervision", i)]
    want = [
        q
        for q in range(len(low))
        if low.startswith(("in", "at"), q) and any(0 <= e - q <= 7 for e in ends)
    ]
    assert anchored_starts(anchor, text) == want == [15, 42, 47]  # "later": "at" is a lead
    assert anchored_starts(anchor, "no such word") == []


@_SETTINGS
@given(st.data())
def test_searches_from_an_anchor_find_what_searches_from_the_start_find(
    data: st.DataObject,
) -> None:
    pattern = data.draw(st.sampled_from(all_patterns()))
    flags = data.draw(st.sampled_from([FLAGS, regex.VERSION0]))
    text = data.draw(texts_for((pattern,)))
    anchor = anchor_of(pattern, flags)
    if anchor is None or not text.isascii():
        return
    rx = regex.compile(pattern, flags)
    for pos in (0, len(text) // 2):
        want = rx.search(text, pos)
        start = anchored_start(anchor, text, pos)
        got = None if start < 0 else rx.search(text, start)
        assert (got and got.span()) == (want and want.span()), (pattern, text, pos)
        if anchor[3] is not None:
            at = next(
                (m for q in anchored_starts(anchor, text, pos) if (m := rx.match(text, q))), None
            )
            assert (at and at.span()) == (want and want.span()), (pattern, text, pos)


def test_most_rule_patterns_have_anchors() -> None:
    found = [anchor_of(p, FLAGS) is not None for p in all_patterns()]
    assert sum(found) > 0.7 * len(found)


def test_escaped_braces_are_plain_braces() -> None:
    assert not literals._has_literal_brace(r"\{\s*\.(insertion|deletion)\b")
    assert literals._has_literal_brace(r"\\{a")  # an escaped backslash, then a brace
    assert literals._has_literal_brace(r"x{e<=1}")
    assert not literals._has_literal_brace(r"a{2,3}")
    sets = required_sets(r"\{\s*\.(insertion|deletion)\b", FLAGS)
    assert sets and sets[0].caseless == {".insertion", ".deletion"}


def test_patterns_module_still_exports_its_timeout() -> None:
    assert patterns.DEFAULT_TIMEOUT > 0


# --------------------------------------------------------------------------- whole packs


@contextmanager
def _slow_gates() -> Iterator[None]:
    """The index, the anchors and the one-pattern-at-a-time answers replaced by their twins."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(scope_module, "scan_texts_of", lambda doc: literal_index.INDEX.stop())
        mp.setattr(Literals, "admits", Literals.searched)
        mp.setattr(Matcher, "_absent", lambda self, text, pos=0, alone=False: False)
        mp.setattr(Matcher, "search", lambda self, text, pos=0: self.rx.search(text, pos))
        mp.setattr(Matcher, "matches", lambda self, text: self.rx.search(text) is not None)
        mp.setattr(Matcher, "count", lambda self, text: len(self.rx.findall(text)))
        mp.setattr(Matcher, "spans", lambda self, text: [m.span() for m in self.rx.finditer(text)])
        yield
    finally:
        mp.undo()


def _pack_findings(drafts: list[Path]) -> list[tuple[object, ...]]:
    kinds = all_kinds()
    engines = [Engine(load_rules([pack_dir(p)], kinds), kinds, profile=p) for p in PROFILES]
    out: list[tuple[object, ...]] = []
    for path in drafts:
        doc = read_document(path)
        for engine in engines:
            result = engine.check_document(doc, str(path))
            out.append((path.name, engine.profile, tuple(result.rule_errors)))
            out.extend(
                (path.name, engine.profile, f.rule, f.message, f.snippet, f.location.block)
                for f in result.findings
            )
        del doc
        gc.collect()
    return out


def test_packs_find_the_same_with_and_without_the_index(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate_docx import generate_draft
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    drafts = [p for p in sorted((ROOT / "examples").iterdir()) if p.suffix in (".md", ".docx")]
    drafts += [generate_draft(tmp_path / f"g{n}.docx", n, seed=n) for n in (3, 25)]
    fast = _pack_findings(drafts)
    with _slow_gates():
        slow = _pack_findings(drafts)
    assert fast == slow
    assert sum(len(f) > 3 for f in fast) > 100
