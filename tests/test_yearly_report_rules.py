"""Yearly-report rules on wordings the labelled corpus does not use.

The corpus measures the pack, and the fixtures beside each rule file
(rules/yearly-report/*.test*.md, run by ``lcsprlint test-rules``) show each
rule firing and not firing. These one-line drafts add the other ways real
reports write the same thing (the year, the sign-off) and the near-misses a
rule was written to refuse. Each case runs one rule on one draft.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from lcsprlint.engine.builtin import pack_dir
from lcsprlint.engine.runner import Engine
from lcsprlint.engine.validate import load_rules
from lcsprlint.kinds import all_kinds
from lcsprlint.readers import read_document
from lcsprlint.rule import Rule

PROFILE = "yearly-report"


@lru_cache(maxsize=1)
def _rules() -> dict[str, Rule]:
    pack = pack_dir(PROFILE)
    assert pack is not None
    return {r.id: r for r in load_rules([(pack, (PROFILE,))], all_kinds())}


def _fires(rule_id: str, markdown: str, tmp_path: Path) -> bool:
    path = tmp_path / "report.md"
    path.write_text(markdown, encoding="utf-8")
    engine = Engine([_rules()[rule_id]], all_kinds(), profile=PROFILE)
    result = engine.check_document(read_document(path), str(path))
    return any(f.rule == rule_id for f in result.findings)


CASES = [
    # yr-period: other ways of writing the year
    ("YR101", "# Annual report for the year ending 31 March 2025\n\nWe report on our work.", False),
    ("YR101", "# Yearly report 2023/2024\n\nWe report on our work.", False),
    ("YR101", "# Yearly report\n\nThis report covers April 2023 - March 2024.", False),
    ("YR101", "# Yearly report\n\nIt covers the twelve months to 31 March 2024.", False),
    ("YR101", "# Yearly report\n\nOur work in 2023 to 2024.", False),
    ("YR101", "# Annual report\n\nThis year we did a great deal. Next year we will do more.", True),
    # yr-sign-off: other sign-off wordings, and the near-miss of partners agreeing something else
    ("YR1001", "# Yearly report\n\nThe safeguarding partners have approved this report.", False),
    ("YR1001", "# Yearly report\n\n## Signatories\n\nApproved by the LSPs on 3 July 2024.", False),
    (
        "YR1001",
        "# Yearly report\n\nOur priorities were agreed by the three safeguarding partners. "
        "The Board approved this report.",
        True,
    ),
    (
        "YR1002",
        "# Yearly report\n\n## Approval\n\nAgreed by the safeguarding partners:\n\n"
        "- Director of Children's Services, Elmdon Council\n"
        "- Chief Nurse, NHS Elmdon Clinical Commissioning Group\n"
        "- Chief Superintendent, Elmdon Constabulary\n",
        False,
    ),
    # yr-priorities: "sets out our priorities" is not a decision
    ("YR202", "# Report\n\nThis report sets out our priorities: neglect and exploitation.", True),
    # yr-voice: "children's social care" is not a child
    (
        "YR801",
        "# Report\n\nChildren's social care told us the form was too long, so it is now shorter.",
        True,
    ),
]


@pytest.mark.parametrize(("rule_id", "markdown", "fires"), CASES)
def test_rule_on_wording_variant(rule_id: str, markdown: str, fires: bool, tmp_path: Path):
    assert _fires(rule_id, markdown, tmp_path) is fires
