"""The good and weak example drafts in examples/, each under its own profile.

The examples are what a new user runs first, so they must show the packs
fairly: a good example gets no error or warning, and a weak one is flagged in
at least three categories. A profile whose pack folder has no rules yet is
skipped, so this test can land before every pack does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quality import engine_for

from lcsprlint.engine.builtin import pack_dir
from lcsprlint.readers import read_document
from lcsprlint.results import FileResult

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MIN_WEAK_CATEGORIES = 3

#: (profile, good example, weak example)
PAIRS = [
    ("lcspr", "good-lcspr.md", "weak-lcspr.md"),
    ("rapid-review", "rapid-review-good.md", "rapid-review-weak.md"),
    ("yearly-report", "yearly-report-good.md", "yearly-report-weak.md"),
]


def _check(profile: str, name: str) -> FileResult:
    pack = pack_dir(profile)
    if pack is None or not any(pack.glob("*.yaml")):
        pytest.skip(f"the {profile} pack has no rules yet")
    path = EXAMPLES / name
    return engine_for(profile).check_document(read_document(path), str(path))


def _loud(result: FileResult) -> list:
    return [f for f in result.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize(("profile", "good"), [(p, g) for p, g, _ in PAIRS])
def test_good_example_has_no_errors_or_warnings(profile: str, good: str):
    loud = [(f.rule, f.message) for f in _loud(_check(profile, good))]
    assert not loud, f"{good} under {profile}: {loud}"


@pytest.mark.parametrize(("profile", "weak"), [(p, w) for p, _, w in PAIRS])
def test_weak_example_is_flagged_in_several_categories(profile: str, weak: str):
    categories = {f.category for f in _loud(_check(profile, weak))}
    assert len(categories) >= MIN_WEAK_CATEGORIES, f"{weak} under {profile}: {categories}"


@pytest.mark.parametrize(
    "name", [n for _, g, w in PAIRS for n in (g, w) if not n.endswith("-lcspr.md")]
)
def test_new_examples_are_report_length(name: str):
    """The profile examples are full drafts (about 1,000 to 2,000 words), not fragments."""
    words = read_document(EXAMPLES / name).words
    assert 1000 <= words <= 2100, f"{name}: {words} words"
