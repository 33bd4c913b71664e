"""The identifiers third pass (issue 12): cheaper tests that prove no match, and fewer compiles.

Each shortcut is compared with the path it stands for, on generated texts
and on the labelled corpora's paragraphs:

* ASCII *shapes* (one bytes translation and a few substring tests) before the
  searches that gate the number, date-of-birth and postcode detectors: a text
  without the shape is turned away, any other is searched as before;
* the reference gate's literals before ``_may_report`` (whose yes implies the
  gate's ``needs``), and the institution words' gate before they are sought;
* :class:`~lcsprlint.kinds.pii.common.AnyOf` answered from the document's
  index of literals;
* a lazy pattern's ``flags`` read without compiling it (a gate reads them);
* the "many exact dates" count trying no date at a year.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_identifiers import CORPORA, allow_facts, corpus_paragraphs, words
from test_speed_identifiers_2 import may_report_walked

from lcsprlint.kinds.literal_index import present_ids, scan_texts_of
from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii import (
    address,
    allow,
    common,
    dates,
    declared,
    detect,
    institutions,
    names,
    numbers,
    postcode,
)
from lcsprlint.kinds.pii.common import AnyOf, lazy
from lcsprlint.readers.assemble import RawBlock, assemble
from lcsprlint.textutil import _may_set_flags

PIECES = (
    *words("the a and of on in at was born birth birthday DOB dob d.o.b. D.O.B d o b date"),
    *words("Child T's his her 3 03 12 31 2019 2021 19 20 March Mar. Sept 3rd 21st"),
    *words("12/03/2019 3.3.19 2019-03-12 2019-3-12 12345 201 2019/20 20\u0663\u0664-01-02"),
    *words("943 476 5919 9434765919 943-476-5919 AB 12 34 56 C AB123456C 12 34 56 D"),
    *words("crime reference number no. CAD URN ref: LS21C00456 AB-1234 case [2021] EWFC"),
    *words("LS9 7DP BS50HN m14 5qr 1st 2nd 4th 9ab 7DP postcode Postcode: GIR 0AA"),
    *words("Oakfield Primary School Medical Centre Health Day Nursery Practice Review"),
    *words("Mr Mrs Dr PC Nurse Uncle Nanny Flat 4 27 Mill Lane Station Road on Foxglove"),
    *words("Crescent Kyle Bennett Sarah social worker mother partner Liam Doyle"),
    *("\t", "\n", "\x0b", "\x1c", "\u00a0", "\u2028", ".", ",", "-", "(", ")", "\u00e9"),
    *("\u0663", "\uff11", "\u017f", "\u212a", "\u0130", "\u0131"),
)
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join)
TIGHT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
CHARS = st.text(
    alphabet="0123456789 -.\t\n\x0b\x1cABCDEHKMOQRSVabcdehkmoqrsvbirthonxXyz\u0663\u017f\u212a",
    max_size=40,
)
TEXTS = st.one_of(TEXT, TIGHT, CHARS)


# --------------------------------------------------------------------------- the shapes


def _number_needs_searched(text: str) -> bool:
    return numbers._NHS.needs(text) or numbers._NINO.needs(text)  # type: ignore[misc]


#: What numbers._may_hold_number answers for ASCII text (any other text: yes).
_NUMBER_SHAPE = re.compile(r"[0-9](?:[ -]*[0-9]){9}|[0-9](?:[ -]*[0-9]){5}[ -]*[A-D]")


def _number_shape_searched(text: str) -> bool:
    return not text.isascii() or _NUMBER_SHAPE.search(text) is not None


def _number_shape_answers(text: str) -> bool:
    """numbers._may_hold_number is its shape, and says yes wherever either gate's needs does."""
    got = numbers._may_hold_number(text)
    return got == _number_shape_searched(text) and (got or not _number_needs_searched(text))


def _trigger_searched(text: str) -> bool:
    """dates._may_trigger as it was: one search, of the lower-cased text when ASCII."""
    if text.isascii():
        return dates._TRIGGER_NEEDS_LOWER.search(text.lower()) is not None
    return dates._TRIGGER_NEEDS.search(text) is not None


def _inward_searched(text: str) -> bool:
    return postcode._INWARD.search(text) is not None


@settings(max_examples=2500, deadline=None)
@given(TEXTS)
def test_shapes_answer_as_the_searches(text: str) -> None:
    assert _number_shape_answers(text)
    assert dates._may_trigger(text) == _trigger_searched(text)
    assert postcode._may_hold_inward(text) == _inward_searched(text)


def test_shapes_on_every_ascii_character_pair() -> None:
    # Every character an ASCII text can hold, around the smallest matches.
    chars = [chr(c) for c in range(128)]
    for c in chars:
        for text in (
            f"d{c}ob",
            f"do{c}b",
            f"d.{c}o.{c}b",
            f"bi{c}rth",
            f"12{c}34{c}56{c}A",
            f"943{c}476{c}5919",
            f"1{c}ab",
            f"9a{c}",
            f"1{c}{c}",
        ):
            assert dates._may_trigger(text) == _trigger_searched(text), text
            assert _number_shape_answers(text), text
            assert postcode._may_hold_inward(text) == _inward_searched(text), text


def test_shape_tables_are_the_patterns_classes() -> None:
    ascii_ = [chr(c) for c in range(128)]
    assert set(dates._DOTS_AND_SPACES.decode()) == {c for c in ascii_ if re.fullmatch(r"[.\s]", c)}
    inward = re.compile(r"[ABD-HJLNP-UW-Z]", re.IGNORECASE)
    assert {c for c in ascii_ if inward.fullmatch(c)} == postcode._INWARD_LETTERS
    for c in ascii_:
        shape = chr(numbers._NUMBER_SHAPES[ord(c)])
        assert (shape == "0") == bool(re.fullmatch(r"\d", c))
        assert (shape == "A") == (c in "ABCD")


def test_shapes_turn_away_plain_prose() -> None:
    text = "On 26 January 2019, the social worker visited Child T at home (see 4.251)."
    assert not numbers._may_hold_number(text)
    assert not dates._may_trigger(text)
    assert not postcode._may_hold_inward(text)
    assert numbers._may_hold_number("NHS 943 476 5919")
    assert dates._may_trigger("DOB: 3.3.19") and dates._may_trigger("D. O. B")
    assert postcode._may_hold_inward("LS9 7DP")


# --------------------------------------------------------------------------- digit runs


@settings(max_examples=1500, deadline=None)
@given(st.one_of(TEXTS, st.text(alphabet="0123456789a -", max_size=30)))
def test_digit_runs_are_the_pattern_runs(text: str) -> None:
    want = [m.span() for m in re.finditer(r"[0-9]+", text)]
    assert common.digit_runs(text) == want


CODES = st.text(alphabet="0129 -/aZCDx.\u017f\u212a", max_size=24)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(TEXTS, CODES, st.lists(st.sampled_from(PIECES), max_size=8).map("/".join)))
def test_may_report_as_walked(text: str) -> None:
    assert numbers._may_report(text) == may_report_walked(text)


def test_may_report_on_years_and_codes() -> None:
    for text, want in (
        ("in 2019 and 1999", False),
        ("in 2019/20 and 2019-2020", False),
        ("2019a", False),
        ("1899", True),
        ("12345", True),
        ("LS21C00456", True),
        ("ls21c019", False),
        ("ls21c00456", True),
        ("AB-1234", True),
        ("2019/2020/21", True),
        ("20-19", True),
        ("x2019", False),
        ("X2019", True),
    ):
        assert numbers._may_report(text) == want == may_report_walked(text), text


# --------------------------------------------------------------------------- full dates


def _full_dates_searched(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in dates._FULL_DATE.finditer(text)]


@settings(max_examples=2500, deadline=None)
@given(TEXTS)
def test_full_dates_as_the_plain_search(text: str) -> None:
    assert dates.full_dates(text) == _full_dates_searched(text)


def test_full_dates_with_years_and_iso_forms() -> None:
    for text in (
        "2019-03-12",
        "on 2019-03-12 and 12/03/2019",
        "20\u0663\u0664-01-02",
        "201\u0663-01-02",
        "2019 March 3, 2019",
        "March 2019 3 March 2019",
        "12345-01-02 2019-13-01 1999-12-31",
        "Mar. 3, 2019 and Sept.  21st 2020",
    ):
        assert dates.full_dates(text) == _full_dates_searched(text), text
    assert dates.full_dates("on 2019-03-12, 3 March 2019") == [(3, 13), (15, 27)]


# --------------------------------------------------------------------------- detect


@contextmanager
def slow_paths() -> Iterator[None]:
    """Every shortcut of this pass replaced by the path it stands for."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(numbers, "_may_hold_number", _number_needs_searched)
        mp.setattr(numbers, "_ref_literals", lambda text: numbers._REF.admits(text))
        mp.setattr(dates, "_may_trigger", _trigger_searched)
        mp.setattr(dates, "full_dates", _full_dates_searched)
        mp.setattr(postcode._POSTCODE, "needs", _inward_searched)
        mp.setattr(institutions, "_HEAD", Gated(institutions._HEAD.rx, needs=lambda text: True))
        mp.setattr(AnyOf, "admits", lambda self, text: True)
        mp.setattr(names, "_last_words", _last_words_walked)
        yield
    finally:
        mp.undo()


def _found(texts: list[str]) -> list[object]:
    return [
        (
            detect(t),
            numbers.find(t),
            dates.find(t),
            postcode.find(t),
            institutions.find(t),
            address.find(t),
            names.find(t),
            dates.full_dates(t),
        )
        for t in texts
    ]


@settings(max_examples=800, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_detect_as_without_the_shortcuts(texts: list[str]) -> None:
    fast = _found(texts)
    with slow_paths():
        assert _found(texts) == fast


#: The labelled corpora and the anonymisation corpus.
FOLDERS = (*CORPORA, "anonymisation")


def test_detect_on_the_corpus_as_without_the_shortcuts() -> None:
    texts = list(corpus_paragraphs(FOLDERS))
    assert len(texts) > 1000
    fast = _found(texts)
    with slow_paths():
        slow = _found(texts)
    assert fast == slow
    # The shortcuts had work to pass on: each family found something there.
    kinds = {span[0] for found in fast for span in found[0]}  # type: ignore[index]
    assert {"date-of-birth", "postcode", "nhs-number", "institution", "person-name"} <= kinds


def _doc(*paras: str):  # type: ignore[no-untyped-def]
    return assemble("draft.md", "markdown", [RawBlock(kind="paragraph", text=p) for p in paras])


def test_detect_under_a_document_scan_as_without_the_shortcuts() -> None:
    # While a document is checked, gates (AnyOf's among them) ask the shared index.
    texts = list(corpus_paragraphs(FOLDERS))[:1500]
    doc = _doc(*texts)
    scan_texts_of(doc)
    fast = _found([b.norm for b in doc.blocks])
    with slow_paths():
        slow = _found([b.norm for b in doc.blocks])
    assert fast == slow


# --------------------------------------------------------------------------- names

NAME_PIECES = (
    *words("Kyle Bennett Kyle's O'Brien McLeod Amber-Rose Taylor-Green Sarah Jones A B"),
    *words("the social worker mother partner uncle health visitor said met and of Mr Dr"),
    *("\u00e9", "_", "1", "'", "\u2019", "-", ",", ".", "(", ")", " ", "\t", "\n", "\u00a0"),
    *("\u2003", "\u3000", "\x1c", "\x85", "X'", "\u00c9mile"),
)
NAME_TEXTS = st.one_of(
    st.lists(st.sampled_from(NAME_PIECES), max_size=25).map(" ".join),
    st.lists(st.sampled_from(NAME_PIECES), max_size=25).map("".join),
)


def _last_words_walked(text: str, end: int) -> list[str]:
    """names._last_words as it was: the run walked back character by character."""
    low = max(0, end - 60)
    if end <= low or text[end - 1] not in names._WORD_CHARS:
        return []
    start = end - 1
    while start > low and (text[start - 1] in names._WORD_CHARS or text[start - 1].isspace()):
        start -= 1
    return text[start:end].lower().split()[-4:]


@settings(max_examples=600, deadline=None)
@given(NAME_TEXTS)
def test_last_words_as_walked(text: str) -> None:
    for end in range(len(text) + 1):
        assert names._last_words(text, end) == _last_words_walked(text, end)


def test_spaces_are_every_space() -> None:
    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(names._SPACES) == every
    assert every == {c for c in every if re.fullmatch(r"\s", c)}


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(NAME_TEXTS, TEXTS), min_size=1, max_size=4))
def test_names_find_as_before(texts: list[str]) -> None:
    fast = [names.find(t) for t in texts]
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(names, "_last_words", _last_words_walked)
        assert [names.find(t) for t in texts] == fast
    finally:
        mp.undo()


# --------------------------------------------------------------------------- allowlist facts

ALLOW_PIECES = (
    *words("the a we I they who whom will be are is was were have shall being call called"),
    *words("calling named naming name names pseudonym pseudonyms known referred referring"),
    *words("refer referral referrals to as described describes identified unknown chose"),
    *words("of real his her not changed Child Baby Young Person Adult YP1 T M Zac Jayden"),
    *words("Kelly Jody Independent independent INDEPENDENT Lead lead reviewer Reviewer"),
    *words("REVIEWER reviewers author Authored chair Chair scrutineer written prepared by"),
    *words("led Led carried out conducted undertaken approved business partnership manager"),
    *words("safeguarding partners review report lcspr has been Dr Ms Jane Smith Ann-Marie"),
    *(",", ".", ":", "(", ")", "-", "*", "_", "\u2013", "'", "\u2019s", "  ", "\t", "\u00e9"),
)
ALLOW_TEXTS = st.one_of(
    st.lists(st.sampled_from(ALLOW_PIECES), max_size=30).map(" ".join),
    st.lists(st.sampled_from(ALLOW_PIECES), max_size=30).map("".join),
)


@contextmanager
def plain_allow_searches() -> Iterator[None]:
    """The declared pseudonyms and the cue names found by searching whole texts."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(declared, "matches_at", lambda rx, text, _starts: rx.finditer(text))
        mp.setattr(declared, "_intro_starts", lambda text: [0])
        mp.setattr(allow, "matches_at", lambda rx, text, _starts: rx.finditer(text))
        mp.setattr(allow, "_HAS_FRONT_CUE", lambda text: True)
        mp.setattr(allow, "_HAS_BODY_CUE", lambda text: True)
        mp.setattr(AnyOf, "admits", lambda self, text: True)
        yield
    finally:
        mp.undo()


@settings(max_examples=800, deadline=None)
@given(st.lists(ALLOW_TEXTS, min_size=1, max_size=4))
def test_allowlist_facts_as_by_whole_searches(texts: list[str]) -> None:
    fast = allow_facts(texts)
    with plain_allow_searches():
        assert allow_facts(texts) == fast


def test_allowlist_facts_on_the_corpus() -> None:
    texts = list(corpus_paragraphs(FOLDERS))
    fast = allow_facts(texts)
    with plain_allow_searches():
        assert allow_facts(texts) == fast
    assert fast[0]  # the corpus declares pseudonyms
    assert any(fast[2]) and any(fast[3])


def test_intro_words_turned_away() -> None:
    text = "Practitioners described how the referral was made; the child, known as Zac, was"
    starts = declared._intro_starts(text)
    assert text.index("known") in starts
    assert text.index("described") not in starts and text.index("referral") not in starts
    assert declared.declared([text]).names == {"Zac"}
    assert declared.declared(["The boy, described as Zac, was"]).names == {"Zac"}
    assert declared.declared(["whom we referred to as Jody"]).names == {"Jody"}
    assert declared.declared(["the child (identified to as Zac) was"]).names == {"Zac"}


def test_cue_words_fit_the_lowered_window() -> None:
    # _names_near_cues compares a cue word with the lower-cased text at a word start.
    assert max(map(len, allow._CUE_WORDS)) <= 12
    assert all(w == w.lower() and w.isascii() for w in allow._CUE_WORDS)


# --------------------------------------------------------------------------- AnyOf


def _alternation(group: AnyOf) -> re.Pattern[str]:
    lits = group._build()
    assert lits is not None
    return re.compile("|".join(re.escape(s) for s in sorted(lits.exact, key=len, reverse=True)))


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=6))
def test_any_of_answers_as_one_search_with_and_without_the_index(texts: list[str]) -> None:
    groups = (names._TITLED, address._STREETS, declared._LABELS)
    for group in groups:
        assert group._build()  # the group gate is in use
    for text in texts:  # no document scan: the group's own search
        for group in groups:
            assert group.admits(text) == bool(_alternation(group).search(text)), text
    answered = 0
    for _ in range(3):  # gates' literals taken in one document are indexed from the next
        doc = _doc(*texts)
        scan_texts_of(doc)
        for block in doc.blocks:
            for group in groups:
                assert group.admits(block.norm) == bool(_alternation(group).search(block.norm))
                answered += present_ids(block.norm, group._literals._need) is not None
        if answered:
            break
    if any(b.norm.isascii() for b in _doc(*texts).blocks):
        assert answered  # the index answered


def test_any_of_turns_away_only_what_its_gates_turn_away() -> None:
    for text in corpus_paragraphs(FOLDERS):
        for group in (names._TITLED, address._STREETS, declared._LABELS):
            if not group.admits(text):
                assert not any(gate.admits(text) for gate in group.gates)


# --------------------------------------------------------------------------- lazy flags


def test_reading_flags_compiles_nothing() -> None:
    code = (
        "import importlib, re\n"
        "from lcsprlint.textutil import LazyPattern\n"
        "mods = 'address allow common contact dates declared institutions names numbers postcode'\n"
        "lazies = []\n"
        "for name in mods.split():\n"
        "    module = importlib.import_module('lcsprlint.kinds.pii.' + name)\n"
        "    lazies += [v for v in vars(module).values() if isinstance(v, LazyPattern)]\n"
        "assert len(lazies) > 40, len(lazies)\n"
        "flags = [rx.flags for rx in lazies]\n"
        "assert all('compiled' not in vars(rx) for rx in lazies)\n"
        "assert flags == [re.compile(rx.pattern, rx._flags).flags for rx in lazies]\n"
        "from lcsprlint.kinds.pii import names, address\n"
        "names._TITLED._build(); address._STREETS._build()\n"
        "assert all('compiled' not in vars(rx) for rx in lazies)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        ("a", 0),
        ("a", re.IGNORECASE),
        ("a", re.ASCII),
        ("(?i)a", 0),
        ("(?x) a # note", 0),
        ("(?ms)^a.", 0),
        ("a(?i:b)", 0),
        (r"\(?i\)x", 0),
        ("[(?i)]", 0),
        ("(?:a)(?P<n>b)", re.VERBOSE),
    ],
)
def test_lazy_flags_are_the_compiled_flags(pattern: str, flags: int) -> None:
    rx = lazy(pattern, flags)
    assert rx.flags == re.compile(pattern, flags).flags
    assert rx.flags == re.compile(pattern, flags).flags  # and once compiled
    assert _may_set_flags(pattern) or "compiled" not in vars(rx)
