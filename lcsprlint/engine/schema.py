"""The JSON Schema (draft-07) for rule files.

It is assembled from the fields every rule has and each check kind's declared
parameters, so a new kind needs no change here. The same schema serves two
readers: ``lcsprlint schema`` prints it for editors (the YAML language server
supports draft-07), and :mod:`lcsprlint.engine.validate` validates each rule
against it with :class:`jsonschema.Draft7Validator`.

For each kind an ``if``/``then`` on ``check`` adds that kind's parameters,
its required parameters, and ``propertyNames`` listing every key a rule of
that kind may have, so an unknown key is an error rather than silently
ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lcsprlint.kinds.base import CheckKind
from lcsprlint.rule import SEVERITIES

#: Rule ids: capital letters then at least two digits, e.g. ``LCSPR101``, ``RR201``.
ID_PATTERN = r"^[A-Z][A-Z0-9]*[0-9]{2,}$"
#: Names, categories and profiles: kebab-case, e.g. ``not-a-serious-case-review``.
NAME_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
#: Ids the engine reports itself (``LINT001`` unused-suppression); rule files may not use them.
RESERVED_ID_PREFIX = "LINT"


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


#: Fields common to every rule, whatever its kind.
COMMON_FIELDS: dict[str, Any] = {
    "id": {
        "type": "string",
        "pattern": ID_PATTERN,
        "description": "Stable short id: capitals then two or more digits, e.g. LCSPR101.",
    },
    "name": {
        "type": "string",
        "pattern": NAME_PATTERN,
        "description": "Kebab-case name, e.g. not-a-serious-case-review.",
    },
    "category": {
        "type": "string",
        "pattern": NAME_PATTERN,
        "description": "Kebab-case category (docs/categories.md); custom rules may add more.",
    },
    "severity": {"enum": list(SEVERITIES), "description": "error, warning or info."},
    "message": _text(
        "Plain English shown for each finding; may interpolate what was found ({match}...)."
    ),
    "rationale": _text("Why the rule exists, in the guidance's terms."),
    "source": _text("Citation (with its address) of the guidance the rule enforces."),
    "fix": _text("What the author should do."),
    "check": {"type": "string", "description": "The check kind; its parameters sit beside it."},
    "profiles": {
        "type": "array",
        "items": {"type": "string", "pattern": NAME_PATTERN},
        "uniqueItems": True,
        "description": "Document types the rule applies to (default: its pack's profile, or all).",
    },
    "enabled": {
        "type": "boolean",
        "description": "false: off unless selected explicitly (select / extend-select).",
    },
}

#: Fields every rule must have.
REQUIRED_FIELDS = (
    "id",
    "name",
    "category",
    "severity",
    "message",
    "rationale",
    "source",
    "fix",
    "check",
)


def rule_schema(kinds: Mapping[str, CheckKind]) -> dict[str, Any]:
    """The draft-07 schema for one rule, with a conditional branch per kind."""
    branches = []
    for name in sorted(kinds):
        kind = kinds[name]
        frag = kind.schema()
        params = dict(frag.get("properties", {}))
        then: dict[str, Any] = {
            "properties": params,
            "propertyNames": {"enum": sorted(set(COMMON_FIELDS) | set(params))},
        }
        if frag.get("required"):
            then["required"] = list(frag["required"])
        branches.append(
            {
                "if": {"properties": {"check": {"const": name}}, "required": ["check"]},
                "then": then,
            }
        )
    common = dict(COMMON_FIELDS)
    common["check"] = dict(COMMON_FIELDS["check"], enum=sorted(kinds))
    return {
        "type": "object",
        "required": list(REQUIRED_FIELDS),
        "properties": common,
        "allOf": branches,
    }


def rule_file_schema(kinds: Mapping[str, CheckKind]) -> dict[str, Any]:
    """The schema for a whole rule file: one rule, or a list of rules."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "lcsprlint rule file",
        "description": (
            "One lcsprlint rule, or a list of rules. `check` names the check kind; "
            "the kind's parameters sit beside the common fields."
        ),
        "definitions": {"rule": rule_schema(kinds)},
        "oneOf": [
            {"$ref": "#/definitions/rule"},
            {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/rule"}},
        ],
    }
