"""Heading numbers as every reader splits them."""

from __future__ import annotations

import pytest

from lcsprlint.textutil import number_depth, split_heading_number


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("3.1 Key questions", "3.1", "Key questions"),
        ("4. Findings", "4", "Findings"),
        ("2 - Method", "2", "Method"),
        ("10 | Sign-off", "10", "Sign-off"),  # a table-like bar after the number
        ("Part 2: Analysis", "2", "Analysis"),
        ("Appendix A: Chronology", "Appendix A", "Appendix A: Chronology"),
        ("Recommendations", None, "Recommendations"),
    ],
)
def test_split_heading_number(heading: str, number: str | None, title: str) -> None:
    assert split_heading_number(heading) == (number, title)


def test_number_depth() -> None:
    assert number_depth("3") == 1
    assert number_depth("3.1.2") == 3
    assert number_depth("Appendix A") == 1
    assert number_depth(None) is None
