"""The identifiers second pass (issue 12): lazy patterns, the NHS check, new shortcuts.

* The detectors' module-level patterns are compiled on first use
  (:func:`~lcsprlint.kinds.pii.common.lazy`) and stdnum is no longer imported:
  importing the kinds compiles nothing, and each lazy pattern behaves as
  ``re.compile`` of the same text and flags.
* :func:`~lcsprlint.kinds.pii.numbers.nhs_valid` is ``stdnum.gb.nhs.is_valid``.
* New shortcuts, each compared with the plain path it replaces: one search for
  both number gates' ``needs``; the reference gate before ``_may_report``; the
  pseudonyms kind skipping paragraphs that hold no given name's first word.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.gb import nhs

from lcsprlint.kinds.pii import common, detect, names, numbers
from lcsprlint.kinds.pii.common import lazy
from lcsprlint.kinds.pseudonyms import KIND as PSEUDONYMS
from lcsprlint.readers import read_document
from lcsprlint.readers.assemble import RawBlock, assemble
from lcsprlint.textutil import LazyPattern

ROOT = Path(__file__).resolve().parent.parent
PII_MODULES = (
    "address",
    "allow",
    "common",
    "contact",
    "dates",
    "declared",
    "institutions",
    "names",
    "numbers",
    "postcode",
)


def _lazy_patterns() -> list[tuple[str, object]]:
    import importlib

    out = []
    for name in PII_MODULES:
        module = importlib.import_module(f"lcsprlint.kinds.pii.{name}")
        for attr, value in vars(module).items():
            if isinstance(value, LazyPattern):
                out.append((f"{name}.{attr}", value))
    return out


def test_importing_the_kinds_compiles_no_detector_pattern_and_skips_stdnum() -> None:
    code = (
        "import sys\n"
        "import lcsprlint.kinds.pii, lcsprlint.kinds.identifiers, lcsprlint.kinds.pseudonyms\n"
        "from lcsprlint.textutil import LazyPattern\n"
        "import gc\n"
        "lazies = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "assert len(lazies) > 50, len(lazies)\n"
        "compiled = [o for o in lazies if 'compiled' in vars(o)]\n"
        "assert not compiled, compiled\n"
        "assert 'stdnum' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_lazy_pattern_is_its_compiled_pattern() -> None:
    found = _lazy_patterns()
    assert len(found) > 40
    texts = ["", "Mr Smith, the social worker, 12/03/2019 AB 12 34 56 C 943 476 5919"]
    for name, rx in found:
        plain = re.compile(rx.pattern, rx._flags)  # type: ignore[attr-defined]
        assert rx.flags == plain.flags and rx.groupindex == plain.groupindex, name  # type: ignore[attr-defined]
        for text in [*texts, rx.pattern]:  # type: ignore[attr-defined]
            for method in ("search", "match", "findall"):
                got = getattr(rx, method)(text)
                want = getattr(plain, method)(text)
                if isinstance(got, re.Match):
                    assert got.span() == want.span() and got.groups() == want.groups(), name
                else:
                    assert got == want, name


def test_lazy_compiles_once_and_answers_like_re() -> None:
    rx = lazy(r"a(?P<b>b)", re.IGNORECASE)
    assert rx.pattern == r"a(?P<b>b)"
    assert rx.search("xAB").span() == (1, 3)
    first = rx.compiled  # type: ignore[attr-defined]
    assert rx.flags == re.compile(r"a(?P<b>b)", re.IGNORECASE).flags
    assert rx.compiled is first and rx.groupindex == {"b": 1}  # type: ignore[attr-defined]
    assert [m.span() for m in rx.finditer("ab AB")] == [(0, 2), (3, 5)]
    with pytest.raises(AttributeError):
        rx._missing  # type: ignore[attr-defined]  # noqa: B018


def test_given_firsts_are_the_first_capital_runs() -> None:
    from lcsprlint.kinds.pii.givennames import GIVEN

    run_ = re.compile(r"[A-Z][a-z]+")
    assert common.given_firsts() == {run_.match(n).group() for n in GIVEN}  # type: ignore[union-attr]


#: Every ASCII character but a small letter, "'" and "-" to a space: names._NOT_RUN_BYTES
#: as it was, for str.
_NOT_RUN = str.maketrans(
    {chr(i): " " for i in range(128) if not ("a" <= chr(i) <= "z" or chr(i) in "'-")}
)


def _head_ends_by_str(text: str) -> list[tuple[int, int]]:
    """names._head_ends as it was: the words found by translating the str."""
    low = text.lower()
    out = []
    for word in names._HEAD_ENDS.intersection(low.translate(_NOT_RUN).split()):
        i = low.find(word)
        while i != -1:
            out.append((i, i + len(word)))
            i = low.find(word, i + 1)
    return sorted(out)


ASCII_WORDS = st.lists(
    st.sampled_from(
        (
            "social",
            "worker",
            "Worker's",
            "MOTHER",
            "grandmother",
            "son",
            "person",
            "GP",
            "step-father",
            "ex-wife",
            "o'brien",
            "nurse.",
            "(uncle)",
            "\t",
            "\x1c",
            "1",
            "-",
            "'",
            "Liam",
            "teacher,",
            "head",
            "of",
            "year",
        )
    ),
    max_size=20,
)


@settings(max_examples=800, deadline=None)
@given(st.one_of(ASCII_WORDS.map(" ".join), ASCII_WORDS.map("".join)))
def test_head_ends_as_by_str(text: str) -> None:
    assert sorted(names._head_ends(text)) == _head_ends_by_str(text)


# --------------------------------------------------------------------------- NHS numbers


def _with_check_digit(nine: str) -> str:
    total = sum(w * int(d) for w, d in zip(range(10, 1, -1), nine, strict=True))
    return nine + str((11 - total % 11) % 11)


DIGITS = st.text(alphabet="0123456789", min_size=10, max_size=10)
ODD = st.text(alphabet="0123456789 -\uff11\u0661\U0001d7ce\u00b2x", max_size=14)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(DIGITS, DIGITS.map(lambda d: _with_check_digit(d[:9])), ODD))
def test_nhs_valid_is_stdnum(number: str) -> None:
    assert numbers.nhs_valid(number) == nhs.is_valid(number)


def test_nhs_valid_on_many_numbers() -> None:
    import random

    rng = random.Random(12)
    valid = 0
    for _ in range(20_000):
        number = "".join(rng.choice("0123456789") for _ in range(10))
        if rng.random() < 0.3:
            number = _with_check_digit(number[:9])
        got = numbers.nhs_valid(number)
        assert got == nhs.is_valid(number), number
        valid += got
    assert valid > 5000  # both answers were compared many times


# --------------------------------------------------------------------------- shortcuts

NUMBERISH = st.text(alphabet="0123456789 -ABCDQZ[]/.,ref:CAD ", max_size=40)
WORDS = st.lists(
    st.sampled_from(
        (
            "943 476 5919",
            "9434765919",
            "943-476-5919",
            "AB 12 34 56 C",
            "AB123456C",
            "12 34 56",
            "2019",
            "2019/20",
            "crime reference",
            "CAD",
            "URN",
            "LS21C00456",
            "ref:",
            "case no.",
            "[2021] EWFC 12",
            "Kyle",
            "was",
            "Kyle's",
            "Sarah",
            "Jones",
            "Child T",
            "known as",
            "Zac",
            "the",
            "and",
            ",",
            ".",
            "McKyle",
            "Amber-Rose",
            "0113",
            "\uff11\uff12\uff13",
            "Taylor-Kyle",
            "Mr",
            "said",
        )
    ),
    max_size=25,
).map(" ".join)
TEXTS = st.one_of(NUMBERISH, WORDS)


@contextmanager
def plain() -> Iterator[None]:
    """The new shortcuts replaced by the paths they stand for."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(numbers, "_may_hold_number", lambda text: True)
        mp.setattr(numbers, "_may_report", lambda text: True)
        mp.setattr(names, "_may_hold_given", lambda text: True)
        yield
    finally:
        mp.undo()


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_number_needs_cover_both_gates(text: str) -> None:
    if not numbers._may_hold_number(text):
        assert numbers._NHS.needs(text) is False and numbers._NINO.needs(text) is False


def may_report_walked(text: str) -> bool:
    """numbers._may_report as it was first written: every run of code characters walked.

    Also the reference for ``test_speed_pii_3``."""
    done = -1
    for m in numbers._FOUR_DIGITS.finditer(text):
        start, end = m.span()
        if start < done:
            continue
        while start > 0 and text[start - 1] in numbers._CODE_CHARS:
            start -= 1
        while end < len(text) and text[end] in numbers._CODE_CHARS:
            end += 1
        done = end
        for run in numbers._CODE_RUN.findall(text, start, end):
            if sum(ch.isdigit() for ch in run) >= 4 and not numbers._YEARLIKE.match(run):
                return True
    return False


@settings(max_examples=1500, deadline=None)
@given(st.one_of(TEXTS, st.text(alphabet="0129 -/aZ\u017f\u212a.", max_size=24)))
def test_may_report_as_it_was(text: str) -> None:
    assert numbers._may_report(text) == may_report_walked(text)


@settings(max_examples=800, deadline=None)
@given(TEXTS)
def test_numbers_find_as_without_shortcuts(text: str) -> None:
    fast = numbers.find(text)
    with plain():
        assert numbers.find(text) == fast


def test_numbers_found_in_examples() -> None:
    text = "NHS 943 476 5919, NI AB 12 34 56 C, crime reference LS21C00456 in 2019."
    assert [k for k, _s, _e in numbers.find(text)] == [
        "nhs-number",
        "ni-number",
        "reference-number",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789a ", max_size=30))
def test_digit_runs_pattern(text: str) -> None:
    assert [m.span() for m in common._DIGITS.finditer(text)] == [
        m.span() for m in re.finditer(r"[0-9]+", text)
    ]


def _doc(*paras: str):
    return assemble("draft.md", "markdown", [RawBlock(kind="paragraph", text=p) for p in paras])


def _pseudonym_hits(doc) -> list[tuple[object, ...]]:
    return [
        (h.block, tuple(sorted(h.values.items())), h.snippet) for h in PSEUDONYMS.build({})(doc)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=5))
def test_pseudonyms_gate_keeps_every_hit(paras: list[str]) -> None:
    doc = _doc("This review concerns Child T, known as Zac.", *paras)
    fast = _pseudonym_hits(doc)
    with plain():
        assert _pseudonym_hits(_doc("This review concerns Child T, known as Zac.", *paras)) == fast


@cache
def corpus_docs() -> tuple[object, ...]:
    out = []
    for folder in ("lcspr", "rapid-review", "yearly-report", "anonymisation"):
        out.extend(
            read_document(p) for p in sorted((ROOT / "tests" / "corpus" / folder).glob("*.md"))
        )
    return tuple(out)


def test_shortcuts_on_the_corpus() -> None:
    docs = corpus_docs()
    texts = [b.norm for d in docs for b in d.blocks]  # type: ignore[attr-defined]
    assert len(texts) > 1000
    intro = "This review concerns Child T, known as Zac."

    def results() -> tuple[object, ...]:
        # Each document again with a pseudonym declared, so that the kind looks at it all.
        declaring = [_doc(intro, *(b.text for b in d.blocks)) for d in docs]  # type: ignore[attr-defined]
        return [detect(t) for t in texts], [_pseudonym_hits(d) for d in declaring]

    fast = results()
    with plain():
        slow = results()
    assert fast == slow
    assert sum(map(len, fast[1])) >= 3  # the pseudonyms kind reports names there
