"""The identifier detectors' candidate positions (issue 12) find what plain searches find.

The detectors try their patterns only at positions proven from the patterns'
text (:func:`~lcsprlint.kinds.pii.common.matches_at`): label and institution
words, a few words before the words a pseudonym's introduction holds, near
the front matter's cue words, at the numbers a date or a phone number starts
with; and a reference is looked for only where a code it would report can
be. Each test replaces those shortcuts with the plain search of the whole
text and compares, on texts built from the words the detectors react to and
on the labelled corpora's paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii import (
    address,
    allow,
    common,
    contact,
    dates,
    declared,
    detect,
    institutions,
    names,
    numbers,
)
from lcsprlint.kinds.pii.common import AnyOf, matches_at, occurrences
from lcsprlint.kinds.pii.givennames import GIVEN
from lcsprlint.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> list[str]:
    return text.split()


WORDS = (
    *words("the a and of by on in at is was we I they whom who will be are have shall"),
    *words("known as referred to called named naming described identified call calling"),
    *words("chose the name pseudonym pseudonyms not his real name changed refer referring"),
    *words("Child Baby Infant Sibling Young Person Adult Family Mother YP CYP SW HV GP"),
    *words("T M A B YP1 CYP2 Zac Jayden Jody Kyle Sarah Jones Kelly Emma Clarke Mr Mrs Ms Miss"),
    *words("Independent independent lead Lead reviewer Reviewer reviewers author authored"),
    *words("chair chairperson scrutineer written prepared compiled signed carried out"),
    *words("conducted undertaken approved business manager partnership safeguarding partner"),
    *words("review report lcspr has been being this Dr Prof Jane Smith Ann-Marie O'Neil"),
    *words("3 03 12 31 2019 2021 19 20 March Mar. Sept Sep 3rd 21st of 12/03/2019 3.3.19"),
    *words("2019-03-12 born birthday DOB crime reference number no. CAD URN ref: 12345"),
    *words("LS21C00456 2019/20 AB-1234 07700 900461 0113 (0113) +44 (0)7700 0800"),
    *words("Oakfield Primary School Medical Centre Children's Home Pre-school Practice"),
    *words("Health Day Nursery St Anne's Royal College Riverside Elm Centre"),
    *words("Amber-Rose Lily-Mae Bennett McKyle Nanny Uncle Darren Pat"),
    *("Mar. 3, 2019", "Sept.  21st 2020", "Health Centre", "Day Nursery"),
    *(",", ".", "(", ")", ":", "-", "*", "_", "–", "'s", "\u2019s", "  ", "\u00e9", "\u017f"),
)
TEXT = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
TIGHT = st.lists(st.sampled_from(WORDS), max_size=30).map("".join)
TEXTS = st.one_of(TEXT, TIGHT)


def _plain(rx: re.Pattern[str], text: str, _starts: Any) -> Iterator[re.Match[str]]:
    return rx.finditer(text)


@contextmanager
def plain_searches() -> Iterator[None]:
    """Every candidate-position shortcut of the detectors replaced by the plain search."""
    mp = pytest.MonkeyPatch()
    try:
        for module in (declared, dates, contact, institutions, allow):
            mp.setattr(module, "matches_at", _plain)
        mp.setattr(declared, "_label_starts", lambda text: [0])
        mp.setattr(declared, "_intro_starts", lambda text: [0])
        mp.setattr(declared, "_may_name_after", lambda text: True)
        mp.setattr(allow, "_HAS_FRONT_CUE", lambda text: True)
        mp.setattr(allow, "_HAS_BODY_CUE", lambda text: True)
        mp.setattr(numbers, "_may_report", lambda text: True)
        mp.setattr(names, "_may_hold_given", lambda text: True)
        mp.setattr(dates, "_may_trigger", lambda text: True)
        mp.setattr(AnyOf, "admits", lambda self, text: True)
        mp.setattr(Gated, "admits", lambda self, text: True)
        yield
    finally:
        mp.undo()


def allow_facts(texts: list[str]) -> tuple[object, ...]:
    """What the allowlist is built from: the pseudonyms and labels declared (in all the
    texts, and in each), and the names near the front matter's and the body's cues."""
    return (
        declared.declared(texts),
        [declared.declared([t]) for t in texts],
        [allow._names_near_cues(t, allow._FRONT) for t in texts],
        [allow._names_near_cues(t, allow._BODY) for t in texts],
    )


def _results(texts: list[str]) -> tuple[object, ...]:
    return (*allow_facts(texts), [detect(t) for t in texts], [dates.full_dates(t) for t in texts])


def _both(texts: list[str]) -> tuple[tuple[object, ...], tuple[object, ...]]:
    fast = _results(texts)
    with plain_searches():
        slow = _results(texts)
    return fast, slow


@settings(max_examples=600, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_shortcuts_find_what_plain_searches_find(texts: list[str]) -> None:
    fast, slow = _both(texts)
    assert fast == slow


#: The labelled corpora (folders of tests/corpus).
CORPORA = ("lcspr", "rapid-review", "yearly-report")


@cache
def corpus_paragraphs(folders: tuple[str, ...] = CORPORA) -> tuple[str, ...]:
    out: list[str] = []
    for folder in folders:
        for path in sorted((ROOT / "tests" / "corpus" / folder).glob("*.md")):
            out.extend(b.norm for b in read_document(path).blocks)
    return tuple(out)


def test_shortcuts_on_the_corpus() -> None:
    texts = list(corpus_paragraphs())
    assert len(texts) > 1000
    fast, slow = _both(texts)
    assert fast == slow
    # The comparison is worth something only if the detectors find things there.
    d, _each, front, body, found, full = fast
    assert d.names and d.labels
    assert any(front) and any(body)
    assert sum(map(len, found)) > 100 and sum(map(len, full)) > 10


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Crime reference LS21C00456 was given.", ["reference-number"]),
        ("CAD1234 and case no. 2019/20 and log number 12345.", ["reference-number"] * 2),
        ("The case number 2019 is a year.", []),
        ("Her number is 07700 900461 (or (0113) 496 0000).", ["phone", "phone"]),
        ("Mrs Kowalski took her to Oakfield Primary School.", ["person-name", "institution"]),
        ("Seen at Riverside Health Centre and Elm Day Nursery.", ["institution", "institution"]),
        (
            "Mr and Mrs Adebayo, Nanny Pat and DS Khan met.",
            ["person-name"] * 2 + ["practitioner-name"],
        ),
        ("She lived at 27 Mill Lane, then on Foxglove Crescent.", ["street-address"] * 2),
        ("Child T was born on 3 March 2019; his birthday (3 March) passed.", ["date-of-birth"] * 2),
        ("On 3 March 2021, Child T's second birthday, and DOB 03/03/2019.", ["date-of-birth"] * 2),
        ("Nanny Pat visited; Uncle Darren Price did not.", ["person-name"] * 2),
        ("We saw Kyle Bennett, O'Kyle Smith and McKyle Jones.", ["person-name"]),
    ],
)
def test_detections_kept(text: str, kinds: list[str]) -> None:
    fast = [k for k, _s, _e in detect(text)]
    with plain_searches():
        slow = [k for k, _s, _e in detect(text)]
    assert fast == slow == kinds


def test_full_dates_kept() -> None:
    text = "On Mar. 3, 2019, Sept  21st 2020, 3rd of March 2019, 12/03/2019 and 2019-03-12."
    fast = dates.full_dates(text)
    with plain_searches():
        assert dates.full_dates(text) == fast
    assert len(fast) == 5


def test_declared_and_cues_kept() -> None:
    texts = [
        "The child, who will be known as Zac, and his sister, whom we will call Jody.",
        "Kyle (pseudonym) lived with Child T and YP1. Baby Kelly was born.",
        "Jane Smith * _ * the independent lead reviewer, wrote it.",
    ]
    d = declared.declared(texts)
    assert {"Zac", "Jody", "Kyle", "Kelly"} <= d.names
    assert {"Child T", "YP1"} <= d.labels
    assert allow._names_near_cues(texts[2], allow._FRONT) == {"Jane", "Smith"}
    fast = _results(texts)
    with plain_searches():
        assert _results(texts) == fast


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab (0)", max_size=40), st.sets(st.integers(0, 40)))
def test_matches_at_is_finditer_given_every_start(text: str, extra: set[int]) -> None:
    rx = re.compile(r"\(?a+b|b\)|0+")
    starts = sorted({m.start() for i in range(len(text) + 1) if (m := rx.match(text, i))} | extra)
    assert [m.span() for m in matches_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]


def test_given_names_gate_is_in_use() -> None:
    # Every given name has the shape the gate relies on (else it would stay open).
    assert common.given_firsts() is not None
    assert all(names._may_hold_given(f"(saw {given}\tSmith)") for given in GIVEN)
    assert not names._may_hold_given("The Social Worker met Mother.")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_group_gate_turns_away_only_what_its_gates_turn_away(text: str) -> None:
    # Each group holds every gated pattern its detector runs behind it.
    assert names._TITLED.gates == (names._HONORIFIC, names._TITLE, names._FAMILY_TITLE)
    assert address._STREETS.gates == (address._NUMBERED, address._FLAT, address._BARE)
    for group in (names._TITLED, address._STREETS):
        assert group._build() is not False  # the group gate is in use
        if not group.admits(text):
            assert not any(gate.admits(text) for gate in group.gates)


def test_occurrences_overlap() -> None:
    assert occurrences("aaa banana", ("aa", "ana")) == [0, 1, 5, 7]


#: What names._last_words reads, as it was found.
_WORDS_BEFORE = re.compile(r"(?:[A-Za-z'’-]+\s+){0,3}[A-Za-z'’-]+$")


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(0, 200))
def test_name_helpers_match_their_patterns(text: str, end: int) -> None:
    end = min(end, len(text))
    m = _WORDS_BEFORE.search(text, max(0, end - 60), end)
    assert names._last_words(text, end) == (m.group().lower().split() if m else [])
    low = text.lower()
    if low.isascii():
        shape = low.encode().translate(names._NOT_RUN_BYTES).decode()
        assert shape.split() == re.findall(r"[a-z'-]+", low)
    for start in range(len(text) + 1):
        walk = start
        while walk > 0 and (text[walk - 1] in names._WORD_CHARS or text[walk - 1].isspace()):
            walk -= 1
        comma = text.rfind(",", 0, start)
        fast = comma != -1 and names._APPOSITIVE.fullmatch(text, comma + 1, start) is not None
        assert fast == (walk > 0 and text[walk - 1] == ","), (text, start)
