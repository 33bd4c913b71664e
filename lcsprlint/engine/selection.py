"""Choosing which rules run, the way ruff users expect.

A *selector* names rules by exact id (``LCSPR101``), name
(``not-a-serious-case-review``), category (``labelling``), id prefix
(``LCSPR1``: every id starting so) or ``ALL``. ``select`` replaces the default
set (every rule not marked ``enabled: false``), ``extend-select`` adds to it,
``ignore`` removes from it. When selectors disagree about a rule the most
specific one wins (exact id or name, then the longer prefix, then category,
then ``ALL``); on a tie ``ignore`` wins. So ``select: [labelling]`` with
``ignore: [LCSPR104]`` runs every labelling rule but one, and
``ignore: [LCSPR1]`` with ``extend-select: [LCSPR104]`` runs only LCSPR104 of
that hundred. A rule marked ``enabled: false`` runs only when a selector
other than ``ALL`` names it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from lcsprlint.rule import Rule
from lcsprlint.textutil import LazyPattern

ALL = "ALL"
_PREFIX = LazyPattern(r"^[A-Z][A-Z0-9]*$")

_EXACT = 1000
_CATEGORY = 10


def specificity(selector: str, rule_id: str, name: str, category: str) -> int | None:
    """How specifically ``selector`` names a rule; None when it does not name it."""
    if selector == ALL:
        return 0
    upper = selector.upper()
    if upper == rule_id or selector == name:
        return _EXACT
    if selector == category:
        return _CATEGORY
    if _PREFIX.match(upper) and rule_id.startswith(upper):
        return _CATEGORY + len(upper)
    return None


def matches(selector: str, rule: Any) -> bool:
    """Whether ``selector`` names ``rule`` (a Rule, or a Finding: both have the fields)."""
    rule_id = getattr(rule, "id", None) or rule.rule
    return specificity(selector, rule_id, rule.name, rule.category) is not None


def _best(selectors: Iterable[str], rule: Rule) -> int | None:
    best = None
    for s in selectors:
        spec = specificity(s, rule.id, rule.name, rule.category)
        if spec is not None and (best is None or spec > best):
            best = spec
    return best


def is_selected(
    rule: Rule,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> bool:
    """Whether one rule runs under these selectors (see the module docstring)."""
    on = _best([*(select or ()), *extend_select], rule)
    if on == 0 and not rule.enabled:
        on = None
    if on is None and select is None and rule.enabled:
        on = -1
    if on is None:
        return False
    off = _best(ignore, rule)
    return off is None or on > off


def select_rules(
    rules: Iterable[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> list[Rule]:
    """The rules that run, in their given order."""
    return [r for r in rules if is_selected(r, select, ignore, extend_select)]


def unknown_selectors(selectors: Iterable[str], rules: Sequence[Rule]) -> list[str]:
    """Selectors naming no rule at all: almost always a typo worth stopping for."""
    out = []
    for s in selectors:
        if s != ALL and not any(matches(s, r) for r in rules):
            out.append(s)
    return out


def apply_severity(rules: Iterable[Rule], overrides: Mapping[str, str]) -> list[Rule]:
    """Per-rule severity overrides keyed by selector; the most specific key wins."""
    out = []
    for rule in rules:
        best: tuple[int, str] | None = None
        for selector, severity in overrides.items():
            spec = specificity(selector, rule.id, rule.name, rule.category)
            if spec is not None and (best is None or spec >= best[0]):
                best = (spec, severity)
        out.append(dataclasses.replace(rule, severity=best[1]) if best else rule)
    return out


def find_rule(key: str, rules: Iterable[Rule]) -> Rule | None:
    """The rule with this exact id (any case) or name."""
    upper = key.upper()
    for rule in rules:
        if rule.id == upper or rule.name == key:
            return rule
    return None


def merge_params(rule: Rule, overrides: Mapping[str, Any]) -> Rule:
    """The rule with parameter overrides merged over its own (top-level keys replaced)."""
    return dataclasses.replace(rule, params={**rule.params, **overrides})


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob as a regex: ``*`` and ``?`` stay within a folder, ``**`` crosses folders."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def path_matches(pattern: str, path: str | Path, root: str | Path | None) -> bool:
    """Whether a file matches a per-file-ignores glob.

    A glob with a ``/`` matches the path relative to ``root`` (the folder of
    the configuration file); one without matches the file name alone, as in
    ruff (``"*.md"``, ``"draft-*.docx"``).
    """
    p = Path(path)
    rx = glob_regex(pattern.replace("\\", "/").removeprefix("./"))
    if "/" not in pattern.replace("\\", "/").removeprefix("./"):
        return bool(rx.match(p.name))
    if root is not None:
        try:
            rel = p.resolve().relative_to(Path(root).resolve())
            return bool(rx.match(PurePosixPath(rel).as_posix()))
        except ValueError:
            pass
    return bool(rx.match(p.as_posix()))


def ignored_for(
    path: str | Path,
    per_file_ignores: Sequence[tuple[str, Sequence[str]]],
    root: str | Path | None,
) -> tuple[str, ...]:
    """Selectors ignored for one file by per-file-ignores."""
    out: list[str] = []
    for pattern, selectors in per_file_ignores:
        if path_matches(pattern, path, root):
            out.extend(selectors)
    return tuple(out)
