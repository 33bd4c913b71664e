"""The yearly-report pack measured against the labelled corpus (tests/corpus/yearly-report).

The sixteen reports and their labels were written before any yearly-report
rule existed (docs/categories.md, "Yearly report profile", defines the
labels). A report is predicted to violate a category when the pack reports an
error or a warning in it. The bar (issue 8): precision and recall of at least
0.9 in every category, and no error or warning on a report whose every label
is ok. Each Markdown report is also rendered as .docx in one of the heading
conventions, so the same labels test the pack through the .docx reader.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from quality import (
    DOCX_STYLES,
    below_bar,
    docx_pairs,
    engine_for,
    evaluate,
    load_corpus,
    loud_on_good,
    table,
)

PROFILE = "yearly-report"
CATEGORIES = {
    "yr-period",
    "yr-priorities",
    "yr-evidence",
    "yr-impact",
    "yr-progress",
    "yr-learning",
    "yr-scrutiny",
    "yr-voice",
    "yr-training",
    "yr-sign-off",
}
#: The statutory musts are errors; the Panel's nine prompts are warnings.
ERROR_CATEGORIES = {"yr-period", "yr-sign-off"}


@pytest.fixture(scope="module")
def drafts():
    found = load_corpus(PROFILE)
    assert len(found) >= 15, "the corpus holds at least 15 labelled reports"
    return found


@pytest.fixture(scope="module")
def measured(drafts):
    return evaluate(PROFILE, drafts)


def test_every_category_is_labelled_and_violated(drafts):
    for d in drafts:
        assert set(d.labels) == CATEGORIES, d.path.name
        assert set(d.labels.values()) <= {"ok", "violation"}, d.path.name
    for cat in CATEGORIES:
        assert sum(d.labels[cat] == "violation" for d in drafts) >= 3, cat


def test_precision_and_recall_per_category(measured):
    tallies, _ = measured
    print("\n" + table(tallies))
    assert set(tallies) == CATEGORIES
    assert below_bar(tallies) == {}


def test_good_reports_have_no_errors_or_warnings(drafts, measured):
    _, results = measured
    assert sum(set(d.labels.values()) == {"ok"} for d in drafts) >= 4
    assert loud_on_good([(d, d.path) for d in drafts], results) == {}


def test_pack_covers_every_category_with_the_agreed_severities():
    rules = engine_for(PROFILE).rules
    by_category: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        assert rule.id.startswith("YR"), rule.id
        assert rule.profiles == (PROFILE,), rule.id
        by_category[rule.category].add(rule.severity)
    assert set(by_category) == CATEGORIES
    for cat, severities in by_category.items():
        loudest = "error" if cat in ERROR_CATEGORIES else "warning"
        assert loudest in severities, cat
        assert severities <= {loudest, "info"}, cat


def test_docx_renderings_in_every_heading_convention(drafts, tmp_path: Path):
    pairs = docx_pairs(drafts, tmp_path)
    assert {p.name.split(".")[-2] for _, p in pairs} == set(DOCX_STYLES)
    tallies, _ = evaluate(PROFILE, drafts, pairs)
    print("\n" + table(tallies))
    assert below_bar(tallies) == {}
