"""Selection by id, name, category and prefix, with ruff's precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from lcsprlint.engine.selection import (
    apply_severity,
    ignored_for,
    is_selected,
    path_matches,
    select_rules,
    unknown_selectors,
)

from .helpers import rule

RULES = [
    rule("LCSPR101", name="labelled-lcspr", category="labelling"),
    rule("LCSPR104", name="not-a-serious-case-review", category="labelling"),
    rule("LCSPR140", name="chronology-share", category="chronology"),
    rule("LCSPR210", name="long-sentences", category="readability", enabled=False),
    rule("RR101", name="rr-facts", category="rr-facts"),
]


def ids(select=None, ignore=(), extend_select=()) -> list[str]:
    return [r.id for r in select_rules(RULES, select, ignore, extend_select)]


def test_default_is_every_enabled_rule() -> None:
    assert ids() == ["LCSPR101", "LCSPR104", "LCSPR140", "RR101"]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("LCSPR104", ["LCSPR104"]),
        ("lcspr104", ["LCSPR104"]),
        ("not-a-serious-case-review", ["LCSPR104"]),
        ("labelling", ["LCSPR101", "LCSPR104"]),
        ("LCSPR1", ["LCSPR101", "LCSPR104", "LCSPR140"]),
        ("LCSPR", ["LCSPR101", "LCSPR104", "LCSPR140", "LCSPR210"]),
        ("ALL", ["LCSPR101", "LCSPR104", "LCSPR140", "RR101"]),
    ],
)
def test_select_by_each_kind_of_selector(selector: str, expected: list[str]) -> None:
    assert ids(select=[selector]) == expected


def test_ignore_and_extend_select() -> None:
    assert ids(ignore=["labelling"]) == ["LCSPR140", "RR101"]
    assert ids(extend_select=["long-sentences"]) == [
        "LCSPR101",
        "LCSPR104",
        "LCSPR140",
        "LCSPR210",
        "RR101",
    ]
    assert ids(select=["RR101"], extend_select=["LCSPR140"]) == ["LCSPR140", "RR101"]


def test_most_specific_selector_wins_and_ignore_wins_ties() -> None:
    assert ids(select=["labelling"], ignore=["LCSPR104"]) == ["LCSPR101"]
    assert ids(ignore=["LCSPR1"], extend_select=["LCSPR104"]) == ["LCSPR104", "RR101"]
    assert ids(select=["LCSPR104"], ignore=["LCSPR104"]) == []
    assert ids(select=["LCSPR1"], ignore=["LCSPR"]) == ["LCSPR101", "LCSPR104", "LCSPR140"]
    assert ids(select=["LCSPR"], ignore=["LCSPR1"]) == ["LCSPR210"]


def test_disabled_rule_needs_a_selector_that_names_it() -> None:
    disabled = RULES[3]
    assert not is_selected(disabled)
    assert not is_selected(disabled, select=["ALL"])
    assert is_selected(disabled, select=["readability"])


def test_unknown_selectors() -> None:
    assert unknown_selectors(["LCSPR1", "ALL", "labelling", "LCSPR999", "nope"], RULES) == [
        "LCSPR999",
        "nope",
    ]


def test_severity_overrides_most_specific_wins() -> None:
    out = apply_severity(RULES, {"labelling": "error", "LCSPR104": "info", "ALL": "warning"})
    sev = {r.id: r.severity for r in out}
    assert sev["LCSPR101"] == "error"
    assert sev["LCSPR104"] == "info"
    assert sev["RR101"] == "warning"


def test_per_file_globs(tmp_path: Path) -> None:
    root = tmp_path
    f = tmp_path / "appendices" / "a.md"
    pfi = [("appendices/*.md", ("chronology",)), ("*.docx", ("hygiene",)), ("**/a.md", ("X",))]
    assert ignored_for(f, pfi, root) == ("chronology", "X")
    assert ignored_for(tmp_path / "deep" / "er" / "b.docx", pfi, root) == ("hygiene",)
    assert path_matches("drafts/**/*.md", tmp_path / "drafts" / "x" / "y" / "z.md", root)
    assert path_matches("drafts/**/*.md", tmp_path / "drafts" / "z.md", root)
    assert not path_matches("drafts/*.md", tmp_path / "drafts" / "x" / "z.md", root)
