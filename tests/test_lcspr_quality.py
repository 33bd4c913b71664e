"""The LCSPR pack measured against the labelled corpus (tests/corpus/lcspr).

The drafts were written by seven authors independently of the rules, and each
draft's labels were written with it, before any rule ran (docs/categories.md
defines them). Sets c, d, e, f and g were held-out sets: measured before any
rule was changed for them, then folded in (the figures are in the commit
messages and the issues' closing notes). Set f is Word files built by their
author's own script. Every Markdown draft is also rendered as .docx in one of
five heading conventions (Heading styles, bold paragraphs, plain numbered
lines, outline levels, custom styles), so the same labels test the .docx
reader too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quality import DOCX_STYLES, below_bar, docx_pairs, evaluate, load_corpus, loud_on_good, table

PROFILE = "lcspr"

#: Good drafts the pack still flags, each with why the disagreement is left standing.
#: The test fails if one of these stops being flagged, so the list cannot go stale.
KNOWN_LOUD_ON_GOOD = {
    "e-04-baby-nell-learning-together.md": (
        "LCSPR130: the circumstances are told in four sentences of the introduction; "
        "other labellers called a two-sentence incident statement no summary (a-17, d-15), "
        "and no length threshold separates the two without tuning to these drafts"
    ),
    "g-07-child-b-numbered.md": (
        "LCSPR130: the same judgement as e-04: an unheaded opening paragraph of 75 words "
        "tells the circumstances"
    ),
}

#: Violations the pack still misses, with why. A category under the bar only because of
#: these passes; any other miss under the bar fails.
KNOWN_MISSED = {
    "d-15-child-d": (
        "lived-experience: the child's experience is there but 'reduced to two sentences'; "
        "the rules see that it is mentioned, not how much"
    ),
    "e-20-jamie-ehe": (
        "recommendations: all four are asks of leaders (data matching, resourcing, a letter "
        "to the DfE); the practice test counts practice words such as 'records' and "
        "'school' wherever they stand in an item"
    ),
    "g-06-child-s-lines-of-enquiry": (
        "recommendations: every item is in the passive with no one named to act ('should be "
        "revised'); the owner test counts any agency mentioned in an item, as object or subject"
    ),
}


#: The known disagreements above, as below_bar takes them.
KNOWN = {
    "known_misses": set(KNOWN_MISSED),
    "known_alarms": {Path(name).name.split(".")[0] for name in KNOWN_LOUD_ON_GOOD},
}


@pytest.fixture(scope="module")
def drafts():
    found = load_corpus(PROFILE)
    assert len(found) >= 40, "the corpus holds at least 40 labelled drafts"
    return found


@pytest.fixture(scope="module")
def measured(drafts):
    return evaluate(PROFILE, drafts)


def test_every_category_is_labelled_and_violated(drafts):
    categories = set(drafts[0].labels)
    assert len(categories) == 18
    for d in drafts:
        assert set(d.labels) == categories, d.path.name
        assert set(d.labels.values()) <= {"ok", "violation"}
    for cat in categories:
        assert sum(d.labels[cat] == "violation" for d in drafts) >= 3, cat


def test_precision_and_recall_per_category(measured):
    tallies, _ = measured
    print("\n" + table(tallies))
    assert below_bar(tallies, **KNOWN) == {}


def test_good_drafts_have_no_errors_or_warnings(drafts, measured):
    _, results = measured
    assert sum(set(d.labels.values()) == {"ok"} for d in drafts) >= 10
    loud = loud_on_good([(d, d.path) for d in drafts], results)
    assert set(loud) == set(KNOWN_LOUD_ON_GOOD), loud


def test_docx_renderings_in_every_heading_convention(drafts, tmp_path: Path):
    pairs = docx_pairs(drafts, tmp_path)
    assert {p.name.split(".")[-2] for _, p in pairs} == set(DOCX_STYLES)
    tallies, _ = evaluate(PROFILE, drafts, pairs)
    print("\n" + table(tallies))
    assert below_bar(tallies, **KNOWN) == {}
