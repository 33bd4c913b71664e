"""The LCSPR pack measured against the labelled corpus (tests/corpus/lcspr).

The drafts were written by two authors independently of the rules, and each
draft's labels were written with it, before any rule ran (docs/categories.md
defines them). Every Markdown draft is also rendered as .docx in one of five
heading conventions (Heading styles, bold paragraphs, plain numbered lines,
outline levels, custom styles), so the same labels test the .docx reader too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quality import DOCX_STYLES, docx_rendering, evaluate, load_corpus, table

PROFILE = "lcspr"
MIN_PRECISION = 0.9
MIN_RECALL = 0.9


@pytest.fixture(scope="module")
def drafts():
    found = load_corpus(PROFILE)
    assert len(found) >= 40, "the corpus holds at least 40 labelled drafts"
    return found


def _assert_quality(tallies) -> None:
    failing = {
        cat: (round(t.precision, 2), round(t.recall, 2), t.misses, t.false_alarms)
        for cat, t in tallies.items()
        if t.tp + t.fn and (t.precision < MIN_PRECISION or t.recall < MIN_RECALL)
    }
    assert not failing, f"categories below the bar: {failing}"


def test_every_category_is_labelled_and_violated(drafts):
    categories = set(drafts[0].labels)
    assert len(categories) == 18
    for d in drafts:
        assert set(d.labels) == categories, d.path.name
        assert set(d.labels.values()) <= {"ok", "violation"}
    for cat in categories:
        assert sum(d.labels[cat] == "violation" for d in drafts) >= 3, cat


def test_precision_and_recall_per_category(drafts):
    tallies, _ = evaluate(PROFILE, drafts)
    print("\n" + table(tallies))
    _assert_quality(tallies)


def test_good_drafts_have_no_errors_or_warnings(drafts):
    _, results = evaluate(PROFILE, drafts)
    good = [d for d in drafts if set(d.labels.values()) == {"ok"}]
    assert len(good) >= 10
    for d in good:
        loud = [
            (f.rule, f.message)
            for f in results[str(d.path)].findings
            if f.severity in ("error", "warning")
        ]
        assert not loud, f"{d.path.name}: {loud}"


def test_docx_renderings_in_every_heading_convention(drafts, tmp_path: Path):
    pairs = []
    for i, d in enumerate(drafts):
        path = docx_rendering(d, i, tmp_path)
        if path is not None:
            pairs.append((d, path))
    assert {p.name.split(".")[-2] for _, p in pairs} == set(DOCX_STYLES)
    tallies, _ = evaluate(PROFILE, drafts, pairs)
    print("\n" + table(tallies))
    _assert_quality(tallies)
