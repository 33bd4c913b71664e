"""A rule as data: what it checks (a kind and its parameters) and what it tells the author."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Rule:
    """One validated rule from a YAML rule file.

    ``params`` holds the check kind's parameters exactly as written (kebab-case
    keys), merged with any per-rule overrides from configuration.
    """

    id: str
    name: str
    category: str
    severity: str
    message: str
    rationale: str
    source: str
    fix: str
    check: str
    params: Mapping[str, Any] = field(default_factory=dict)
    profiles: tuple[str, ...] = ()
    enabled: bool = True
    origin: str = ""
    line: int = 0

    def applies_to(self, profile: str | None) -> bool:
        """Rules without ``profiles`` apply to every document type."""
        return not self.profiles or profile is None or profile in self.profiles
