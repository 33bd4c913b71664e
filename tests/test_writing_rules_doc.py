"""docs/writing-rules.md stays true: its rule examples load, and every kind is in it.

Rule authors copy examples from the guide, so an example that no longer
validates (a renamed parameter, a removed kind) would teach them a mistake.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from lcsprlint.engine.validate import RuleValidator
from lcsprlint.kinds import builtin_kinds

DOC = Path(__file__).resolve().parent.parent / "docs" / "writing-rules.md"

FILLER = {
    "id": "DOC101",
    "name": "doc-example",
    "category": "testing",
    "severity": "warning",
    "message": "Example.",
    "rationale": "Example.",
    "source": "docs/writing-rules.md",
    "fix": "Example.",
}


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_rule_examples_are_valid_rules() -> None:
    validator = RuleValidator(builtin_kinds())
    examples = [b for b in _yaml_blocks() if re.search(r"^check:", b, re.M)]
    assert len(examples) >= len(builtin_kinds())
    for block in examples:
        data = {**FILLER, **yaml.safe_load(block)}
        _rule, problems = validator.validate(data, "docs/writing-rules.md")
        assert problems == [], (block, problems)


def test_every_builtin_kind_has_a_section() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in builtin_kinds():
        assert f"### `{name}`" in text, name


def test_linked_docs_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    for target in set(re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)):
        assert (DOC.parent / target).exists(), target
