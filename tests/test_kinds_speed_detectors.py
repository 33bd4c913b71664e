"""The identifier detectors' shortcuts (issue 12) find exactly what they found before.

Each detector pattern wrapped in :class:`~lcsprlint.kinds.literals.Gated` must
find nothing in text its gate turns away; the name finder's candidates near
role words, the look-back of "St John" and the front-matter cue gates must
give what the plain searches give. Texts are drawn from the words the
detectors look for, and the labelled corpora's paragraphs are checked too.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_performance_equivalence import slow_twins

import lcsprlint.kinds as kinds_pkg
from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii import allow, detect, names, numbers
from lcsprlint.kinds.pii.declared import declared
from lcsprlint.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> list[str]:
    return text.split()


#: Pieces of review prose that the detectors react to, and near misses.
WORDS = (
    *_words(
        "social worker health visitor mother Mother her partner uncle grandmother class teacher "
        "the a and of by on in at St Saint Professor Dr Mr Mrs Ms DS PC Nurse Nanny Uncle"
    ),
    *_words(
        "Sarah Jones Kelly Emma Clarke Darren Price Liam Doyle Kyle Bennett Aisha Jayden "
        "Child T Baby M YP1 known as pseudonym reviewer author independent Jane Smith"
    ),
    *_words(
        "Flat 27 Mill Lane Road Station Court Crown Oakfield Primary School Surgery Medical "
        "Centre LS9 7DP postcode 07700 900461 +44 0113 496 0000 jo@example.com @"
    ),
    *_words(
        "NHS 943 476 5919 QQ 12 34 56 C AB123456C crime reference 12/34567/21 URN CAD "
        "born on 3 March 2019 DOB 03/03/2019 d.o.b. birthday his second [2021] EWFC 12"
    ),
    *(",", ".", "(", ")", ":", "-", "'s", "\u2019s", "  ", "\u00e9", "2019", "x"),
)
TEXT = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
TIGHT = st.lists(st.sampled_from(WORDS), max_size=30).map("".join)


@cache
def corpus_paragraphs() -> tuple[str, ...]:
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*/*.md")):
        out.extend(b.norm for b in read_document(path).blocks)
    return tuple(out)


def gated_patterns() -> list[tuple[str, Gated]]:
    """Every Gated detector pattern whose gate is a condition of its own matches.

    ``numbers._REF`` is gated on what is reported (a code with four digits),
    not on what the pattern matches: it is checked through ``numbers.find``.
    """
    out = []
    for info in pkgutil.walk_packages(kinds_pkg.__path__, "lcsprlint.kinds."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Gated) and value is not numbers._REF:
                out.append((f"{info.name}.{name}", value))
    return out


def test_the_gated_patterns_are_found() -> None:
    assert len(gated_patterns()) >= 15


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXT, TIGHT))
def test_a_gate_turns_away_only_text_without_matches(text: str) -> None:
    for name, gated in gated_patterns():
        if not gated.admits(text):
            assert gated.rx.search(text) is None, (name, text)


def test_gates_on_the_corpus() -> None:
    texts = corpus_paragraphs()
    assert len(texts) > 1000
    for name, gated in gated_patterns():
        for text in texts:
            if not gated.admits(text):
                assert gated.rx.search(text) is None, (name, text)


def _both(fn, text):  # type: ignore[no-untyped-def]
    fast = fn(text)
    with slow_twins():
        slow = fn(text)
    return fast, slow


@settings(max_examples=700, deadline=None)
@given(st.one_of(TEXT, TIGHT))
def test_detectors_find_what_the_plain_searches_find(text: str) -> None:
    fast, slow = _both(detect, text)
    assert fast == slow
    fast_names, slow_names = _both(names.find, text)
    assert fast_names == slow_names


def test_detectors_on_the_corpus() -> None:
    texts = corpus_paragraphs()
    fast = [detect(t) for t in texts]
    with slow_twins():
        slow = [detect(t) for t in texts]
    assert fast == slow
    assert sum(map(len, fast)) > 100


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_declared_names_and_cues(texts: list[str]) -> None:
    fast = (declared(texts), [allow._names_near_cues(t, allow._BODY) for t in texts])
    with slow_twins():
        slow = (declared(texts), [allow._names_near_cues(t, allow._BODY) for t in texts])
    assert fast == slow
    fast_front = [allow._names_near_cues(t, allow._FRONT) for t in texts]
    with slow_twins():
        assert fast_front == [allow._names_near_cues(t, allow._FRONT) for t in texts]


def test_name_candidates_near_role_words() -> None:
    cases = {
        "the social Worker Sarah Jones met her": [],
        "the social worker Sarah Jones met her": [("practitioner-name", 18, 29)],
        "Kelly Smith, the class teacher, and her uncle Darren Price": [
            ("practitioner-name", 0, 11),
            ("person-name", 46, 58),
        ],
        "St John Smith and Mrs Clarke": [("person-name", 18, 28)],
    }
    for text, expected in cases.items():
        assert names.find(text) == expected, text
        with slow_twins():
            assert names.find(text) == expected, text
