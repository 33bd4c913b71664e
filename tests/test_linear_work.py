"""A check's work grows linearly with the draft: counted, not timed.

A rule that compares every paragraph with every other, or rebuilds a
per-document index for each paragraph, makes a 300-page draft take a hundred
times a 30-page one. Timing that in a test would be flaky, so these tests
count work instead: the pattern searches every rule of the LCSPR pack makes,
and every function call of a whole check, for a draft of N paragraphs and of
4N. Linear work gives a ratio of about 4 (less, for the fixed cost of short
sections and set-up); anything quadratic gives about 16.

The drafts are Markdown built here, with the sections the rules look at
(front matter with a pseudonym, key questions, a chronology of dated
paragraphs, findings with acronyms and lived experience, numbered
recommendations, a sign-off), every paragraph's wording different, so that no
cache of repeated text hides growth.
"""

from __future__ import annotations

import cProfile
import gc
import pstats
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from lcsprlint.engine.builtin import pack_dir
from lcsprlint.engine.runner import Engine
from lcsprlint.engine.validate import load_rules
from lcsprlint.kinds import all_kinds, doccache
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.model import Document
from lcsprlint.readers import read_document

#: Work for 4N paragraphs over work for N stays below this (16 would be quadratic).
MAX_RATIO = 5.0
_N = 50

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
_ROLES = ("the health visitor", "the social worker", "the GP", "the police officer")
_WORDS = (
    *("supervision", "information", "sharing", "escalation", "neglect", "housing"),
    *("fathers", "assessment", "referral", "threshold", "caseload", "curiosity"),
    *("pathway", "protocol", "advocacy"),
)


def _words(i: int, n: int = 6) -> str:
    """A run of words unique to ``i`` (no two paragraphs share their wording)."""
    out, k = [], i + 7
    for _ in range(n):
        out.append(_WORDS[k % len(_WORDS)])
        k = k // len(_WORDS) + 3 * k % 11 + 1
    return " ".join(out) + f" (item {i})"


def draft(n: int) -> str:
    """A Markdown LCSPR whose chronology and analysis have ``n`` paragraphs each."""
    lines = [
        "# Local Child Safeguarding Practice Review: Child B",
        "",
        "Northshire Safeguarding Children Partnership. Independent reviewer: Dr Helen Marsh.",
        "",
        "## 1. Introduction",
        "",
        "This review is about a child who will be known as Child B. The rapid review found "
        "that agencies had not shared information, and the partners decided to undertake a "
        "Local Child Safeguarding Practice Review (LCSPR) because wider learning was likely.",
        "",
        "## 2. Key questions",
        "",
        "1. How well did agencies share information about the risks to Child B?",
        "2. How were fathers seen and assessed?",
        "",
        "## 3. Summary of agency involvement",
        "",
    ]
    for i in range(n):
        month = _MONTHS[i % len(_MONTHS)]
        role = _ROLES[i % len(_ROLES)]
        lines += [
            f"On {i % 27 + 1} {month} {2019 + i % 3}, {role} visited the family and "
            f"recorded concerns about {_words(i)}.",
            "",
        ]
    lines += ["## 4. Analysis and findings", ""]
    for i in range(n):
        if i % 10 == 0:
            lines += [f"### Finding {i // 10 + 1}: {_words(i, 3).split(' (')[0]}", ""]
        lines += [
            f"Practitioners told the review that {_words(i + 1000)} was not considered "
            "because the Multi-Agency Safeguarding Hub (MASH) was under pressure. The lived "
            f"experience of Child B and the family's culture were not explored by the CAMHS "
            f"team when {_words(i + 5000, 4)} came up in supervision.",
            "",
        ]
    lines += [
        "## 5. Recommendations",
        "",
        "1. The partnership should review the escalation policy. Owner: the partnership.",
        "2. The Integrated Care Board should fund supervision for health visitors.",
        "3. Children's social care should audit how fathers are assessed.",
        "",
        "## 6. Sign-off",
        "",
        "This review was approved by the lead safeguarding partners: Northshire Council, "
        "NHS Northshire Integrated Care Board and Northshire Police.",
        "",
    ]
    return "\n".join(lines)


@cache
def _engine() -> Engine:
    kinds = all_kinds()
    rules = load_rules([(pack_dir("lcspr"), ("lcspr",))], kinds)
    return Engine(rules, kinds, profile="lcspr")


def _read(tmp_path: Path, n: int) -> Document:
    path = tmp_path / f"draft-{n}.md"
    path.write_text(draft(n), encoding="utf-8")
    return read_document(path)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count every pattern question rules ask a Matcher (each method that searches text)."""
    calls: Counter[str] = Counter()

    def counting(name: str) -> Callable[..., object]:
        method = getattr(Matcher, name)

        def wrapper(self: Matcher, *args: object) -> object:
            calls[name] += 1
            return method(self, *args)

        return wrapper

    for name in ("search", "finditer", "matches", "count", "spans"):
        monkeypatch.setattr(Matcher, name, counting(name))
    return calls


def _searches(doc: Document, calls: Counter[str]) -> int:
    calls.clear()
    result = _engine().check_document(doc)
    assert not result.rule_errors
    return sum(calls.values())


def test_drafts_have_the_sizes_the_ratios_assume(tmp_path: Path) -> None:
    small, large = _read(tmp_path, _N), _read(tmp_path, 4 * _N)
    assert 3.5 < large.words / small.words < 4.2
    assert 3.5 < len(large.blocks) / len(small.blocks) < 4.2
    # The rules have real work to do: both drafts declare a pseudonym and a chronology.
    assert any("known as Child B" in b.text for b in small.blocks)
    assert sum(b.text.startswith("On ") for b in small.blocks) == _N


def test_pattern_searches_grow_linearly(tmp_path: Path, counted: Counter[str]) -> None:
    small = _searches(_read(tmp_path, _N), counted)
    large = _searches(_read(tmp_path, 4 * _N), counted)
    assert small > 1000, small  # every rule searched every paragraph in scope
    assert large / small < MAX_RATIO, (small, large)


def test_all_function_calls_grow_linearly(tmp_path: Path) -> None:
    """Every call of a whole check (reading included), so loops without patterns count too.

    Fixed costs (short sections, rule set-up) dilute the plain ratio, so the
    growth from N to 4N is also compared with the growth from N to 2N: 3 for
    linear work, 5 for quadratic, whatever the fixed part.
    """

    def calls(n: int) -> int:
        path = tmp_path / f"draft-{n}.md"
        path.write_text(draft(n), encoding="utf-8")
        engine = _engine()
        profile = cProfile.Profile()
        profile.enable()
        engine.check_document(read_document(path))
        profile.disable()
        return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]

    calls(_N)  # warm up: first-use caches of the modules would count as work
    one, two, four = calls(_N), calls(2 * _N), calls(4 * _N)
    assert four / one < MAX_RATIO, (one, two, four)
    assert (four - one) / (two - one) < 3.5, (one, two, four)


def test_per_document_facts_do_not_outlive_their_document(tmp_path: Path) -> None:
    before = doccache.memo_count()
    doc = _read(tmp_path, 5)
    _engine().check_document(doc)
    assert doccache.memo_count() == before + 1
    del doc
    gc.collect()
    assert doccache.memo_count() == before
