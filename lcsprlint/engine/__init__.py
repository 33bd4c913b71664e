"""The rule engine: loads and validates YAML rules, resolves configuration,
runs rules on documents and returns findings. It never prints.

Public API (everything a CLI, a reporter or a test needs)::

    load_rules(sources, kinds) -> list[Rule]           # raises RuleFileProblems
    collect_rules(sources, kinds) -> (rules, problems)  # for check-rules
    Engine(rules, kinds, profile=..., ...).check_document(doc) -> FileResult
    check_paths(paths, spec_or_fn, kinds, jobs=N) -> list[FileResult]
    Planner(Options(...), kinds).spec_for(path) -> RunSpec
    rule_file_schema(kinds) -> dict                      # `lcsprlint schema`

Submodules are imported lazily by attribute, so importing
``lcsprlint.engine`` costs nothing until something is used.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Engine": "runner",
    "RunSpec": "runner",
    "check_paths": "runner",
    "expand_paths": "runner",
    "format_message": "runner",
    "load_rules": "validate",
    "collect_rules": "validate",
    "Problem": "validate",
    "RuleFileProblems": "validate",
    "RuleValidator": "validate",
    "rule_file_schema": "schema",
    "Config": "config",
    "Options": "config",
    "Settings": "config",
    "find_config": "config",
    "load_config": "config",
    "resolve": "config",
    "Planner": "plan",
    "RuleSet": "plan",
    "load_rule_set": "plan",
    "ProfilePlan": "plan",
    "plan_detected": "plan",
    "select_rules": "selection",
    "UNUSED_SUPPRESSION": "suppress",
    "is_suppression_comment": "suppress",
    "builtin_rules_dir": "builtin",
    "available_profiles": "builtin",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lcsprlint.engine' has no attribute {name!r}")
    return getattr(importlib.import_module(f"lcsprlint.engine.{module}"), name)
