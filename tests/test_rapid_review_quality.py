"""Measured quality of the rapid-review rule pack on its labelled corpus (issue 8).

``tests/corpus/rapid-review`` holds 18 rapid reviews labelled against
docs/categories.md ("Rapid review profile") before any rule existed. A draft
is predicted to violate a category when the pack reports an error or a
warning in it. The bar: precision and recall of at least 0.9 in every
category, and no error or warning on a good draft (every label ``ok``).
The same holds for the Markdown drafts rendered as .docx in the heading
conventions of ``tests.quality.DOCX_STYLES``, so the rules do not depend on
how a reader found the headings.

Two small drafts written here in other words ("Circumstances of the serious
incident", "Partner agreement", "the lockdown was a factor: the contact was by
telephone") check that the rules follow the guidance rather than the corpus's
phrasing. Run ``pytest -s`` to see the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quality import (
    Draft,
    below_bar,
    check,
    docx_pairs,
    evaluate,
    load_corpus,
    loud_on_good,
    table,
)

PROFILE = "rapid-review"
MIN_SCORE = 0.9
CATEGORIES = (
    "rr-facts",
    "rr-immediate-safety",
    "rr-covid",
    "rr-decision",
    "rr-rationale",
    "rr-learning",
    "rr-sign-off",
    "rr-succinct",
)


@pytest.fixture(scope="module")
def drafts() -> list[Draft]:
    return load_corpus(PROFILE)


def test_corpus_is_labelled_in_every_category(drafts: list[Draft]) -> None:
    assert len(drafts) >= 15
    for d in drafts:
        assert set(d.labels) == set(CATEGORIES), d.path.name
        assert d.path.is_file(), d.path


def test_precision_and_recall_per_category(drafts: list[Draft]) -> None:
    tallies, results = evaluate(PROFILE, drafts)
    print(f"\nrapid-review pack on {len(drafts)} labelled drafts\n{table(tallies)}")
    assert set(tallies) == set(CATEGORIES)
    for t in tallies.values():
        assert t.tp + t.fn >= 3, "each category needs violations to measure recall"
    assert below_bar(tallies, MIN_SCORE) == {}
    assert loud_on_good([(d, d.path) for d in drafts], results) == {}
    for r in results.values():
        assert not r.rule_errors, r.rule_errors


def test_same_quality_on_docx_renderings(drafts: list[Draft], tmp_path: Path) -> None:
    pairs = docx_pairs(drafts, tmp_path)
    assert len(pairs) >= 12
    tallies, results = evaluate(PROFILE, drafts, pairs)
    print(f"\nrapid-review pack on {len(pairs)} .docx renderings\n{table(tallies)}")
    assert below_bar(tallies, MIN_SCORE) == {}
    assert loud_on_good(pairs, results) == {}


GOOD_VARIANT = """\
# Rapid review outcome report: Child Z

Brookside Safeguarding Partnership

## Circumstances of the serious incident

On 2 February 2023 Child Z, aged 6 months, was brought to hospital with a fractured skull.
Police are investigating. The local authority notified the Panel on 6 February 2023.

## Professionals involved with the family

- Health visiting
- GP practice
- Children's social care
- Police
- Nursery

## Safeguarding the children now

Child Z is now placed with foster carers under an interim care order. Her brother, aged 3,
was seen alone by a social worker and lives with his grandmother under a safety plan.

## What we have learnt and what has changed

1. Health visitors now see every baby in person at eight weeks.
2. The GP practice has added a prompt about bruising to its baby check template.

## COVID-19

The lockdown was a factor: the eight-week contact was by telephone, so no practitioner saw
Child Z undressed after she was two weeks old.

## Recommendation

The review group recommended, and the partners agreed, to commission a Local Child
Safeguarding Practice Review. The case may highlight improvements needed in how agencies
work with young parents, a recurrent theme locally. The partners do not think a national
review is needed.

The LCSPR will focus on the following questions:

- How do agencies engage fathers and male carers of babies?
- How is bruising in non-mobile babies recognised and acted on?

## Partner agreement

Signed off by the three safeguarding partners: Brookside Council (Director of Children's
Services), NHS Brookside Integrated Care Board (Chief Nurse) and Brookside Constabulary
(Superintendent), 20 February 2023.
"""

WEAK_VARIANT = """\
# Rapid review: Child Y

## Introduction

The rapid review met on 3 March 2022 following notification of serious harm to Child Y on
1 March 2022. The details of the incident are contained in the SIN.

## Discussion

The pandemic had a significant impact on this family and was a contributing factor.
Her sister, aged 9, also lives at home.

## Conclusion

The partners felt it was too early to reach a decision and will revisit the question when
the police investigation concludes. Learning will be identified through the review in due
course.

## Sign-off

Chair of the Case Review Subgroup
"""


def _categories(tmp_path: Path, text: str) -> dict[str, set[str]]:
    path = tmp_path / "variant.md"
    path.write_text(text, encoding="utf-8")
    out: dict[str, set[str]] = {}
    for f in check(path, PROFILE).findings:
        out.setdefault(f.severity, set()).add(f.category)
    return out


def test_good_draft_in_other_words_is_clean(tmp_path: Path) -> None:
    found = _categories(tmp_path, GOOD_VARIANT)
    assert found.get("error", set()) | found.get("warning", set()) == set()


def test_weak_draft_in_other_words_is_caught(tmp_path: Path) -> None:
    found = _categories(tmp_path, WEAK_VARIANT)
    flagged = found.get("error", set()) | found.get("warning", set())
    assert flagged == set(CATEGORIES) - {"rr-rationale", "rr-succinct"}
    assert "rr-decision" in found["error"] and "rr-sign-off" in found["error"]


def test_lcspr_with_reasons_but_no_questions_is_caught(tmp_path: Path) -> None:
    text = GOOD_VARIANT.replace("The LCSPR will focus on the following questions:", "").replace(
        "- How do agencies engage fathers and male carers of babies?\n", ""
    )
    text = text.replace("- How is bruising in non-mobile babies recognised and acted on?\n", "")
    found = _categories(tmp_path, text)
    assert found.get("error", set()) == {"rr-rationale"}
