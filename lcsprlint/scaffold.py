"""Scaffolding a new rule (``lcsprlint new-rule NAME --kind KIND``).

Partnership staff who write rules are not programmers, so a new rule starts
as a complete, working file rather than a blank page: every common field
with a comment saying what it is for, the kind's parameters from its
documented example, a ``# yaml-language-server`` line so editors validate the
file as it is typed, and a fixture with one block where the rule must fire
and one where it must not, which passes ``lcsprlint test-rules`` as written.
The author then edits the rule and the fixture together.

The fixtures are written per built-in kind below (a kind's example says what
it checks, not what draft shows it); a plugin kind gets a fixture to fill in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lcsprlint.engine.schema import COMMON_FIELDS, ID_PATTERN, NAME_PATTERN, rule_file_schema
from lcsprlint.errors import LintError, RuleFileError
from lcsprlint.kinds.base import CheckKind

#: The schema file written beside scaffolded rules (once) for editors.
SCHEMA_FILE = "lcsprlint-rule.schema.json"
DEFAULT_CATEGORY = "local"
DEFAULT_SEVERITY = "warning"
#: Scaffolded ids are this prefix and the first free number from 101.
ID_PREFIX = "CUSTOM"
#: Stands for the rule id in fixture templates.
RULE = "RULE_ID"

_TOP_KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:")
_ID = re.compile(ID_PATTERN)
_NAME = re.compile(NAME_PATTERN)

_FIELD_COMMENTS = {
    "id": "Stable short id (capitals, then two or more digits): used in reports, "
    "select/ignore and suppressions.",
    "name": "Kebab-case name, unique across your rules.",
    "category": "What kind of problem (docs/categories.md); your own categories are welcome.",
    "severity": "error, warning or info.",
    "message": "Shown for each finding; {match}, {count}... are filled in "
    "(the values each kind gives are in docs/check-kinds.md).",
    "rationale": "Why the rule exists, in the guidance's own terms.",
    "source": "The guidance the rule enforces: title, date and address.",
    "fix": "What the author should do about a finding.",
    "profiles": "Document types it applies to (lcspr, rapid-review, yearly-report); "
    "leave out for all.",
    "enabled": "false: off unless switched on with select / extend-select.",
}


@dataclass(frozen=True)
class KindTemplate:
    """How to scaffold one kind: its fixture, and what replaces the example if needed.

    ``params`` replaces the example's parameters when the example cannot be
    shown in a Markdown fixture (Word comments, for instance); ``fields``
    replaces common fields the example lacks or that no longer fit.
    """

    fixture: str
    params: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


_TITLE = "# Local Child Safeguarding Practice Review: Child A\n\n"

TEMPLATES: dict[str, KindTemplate] = {
    "section": KindTemplate(
        _TITLE
        + """\
<!-- ok: RULE_ID -->
## Introduction

This review looks at how agencies worked together to help Child A and the family.

<!-- expect: RULE_ID -->
## Key questions

1. How well did agencies share what they knew about Child A?

## Findings

Practitioners did not share information because the referral pathway was unclear. Supervision
was infrequent and caseloads were high, so concerns were not escalated. The partnership has
since changed the pathway, and managers now review every referral within a week. The learning
for the partnership is that pathways need owners, and that supervision must make room for
reflection on cases that do not meet thresholds.
"""
    ),
    "pattern": KindTemplate(
        _TITLE
        + """\
<!-- expect: RULE_ID -->
This Serious Case Review looks at the help given to Child A.

<!-- ok: RULE_ID -->
An earlier Serious Case Review about another child was published in 2016.
"""
    ),
    "all-of": KindTemplate(
        "<!-- expect: RULE_ID document -->\n"
        + _TITLE
        + """\
<!-- ok: RULE_ID -->
The council and the police took part in the review.

## Approval

This report was approved by the safeguarding partners on 4 March 2024.
"""
    ),
    "any-of": KindTemplate(
        "<!-- expect: RULE_ID document -->\n"
        + _TITLE
        + """\
<!-- ok: RULE_ID -->
This review looks at how agencies worked together to help Child A and the family.

## Findings

Agencies did not share information in time.
"""
    ),
    "conditional": KindTemplate(
        _TITLE
        + """\
<!-- expect: RULE_ID -->
The family moved house during the pandemic.

<!-- ok: RULE_ID -->
During the lockdown, home visits were replaced by video calls, so nobody saw the bedroom.
"""
    ),
    "items": KindTemplate(
        _TITLE
        + """\
This review makes two recommendations.

## Recommendations

<!-- expect: RULE_ID -->
1. Consider how information is shared between schools and health visitors.

<!-- ok: RULE_ID -->
2. The safeguarding partners should publish a referral pathway by June 2025.
"""
    ),
    "proportion": KindTemplate(
        _TITLE
        + """\
<!-- ok: RULE_ID -->
This review looks at the help given to Child A.

<!-- expect: RULE_ID -->
## Chronology

In January 2022 the family moved to the area and registered with a new surgery. The health
visitor made a first visit and noted that the home was cold and that Child A's mother was tired.

In March 2022 the school raised a concern about Child A's attendance and appearance. A referral
was made to children's social care, which gave advice and closed the contact the same week.

In June 2022 the police attended the home after a neighbour reported shouting. Officers spoke
to both parents and recorded the incident, but no referral was made to children's services.

## Analysis

Agencies did not share information.
"""
    ),
    "dates": KindTemplate(
        """\
# Local Child Safeguarding Practice Review: Child A

Published 10 March 2024

<!-- expect: RULE_ID -->
The safeguarding partners decided to undertake this review on 1 June 2023.

<!-- ok: RULE_ID -->
The independent reviewer met practitioners at a learning event in the autumn of that year,
and the family were invited to take part in the review through their social worker.
"""
    ),
    "structure": KindTemplate(
        """\
---
author: A. Reviewer
---
<!-- expect: RULE_ID document -->
# Local Child Safeguarding Practice Review: Child A

<!-- ok: RULE_ID -->
This review looks at the help given to Child A.
""",
        params="""\
# Word comments and tracked changes need a .docx fixture (see docs/writing-rules.md);
# a Markdown draft can show names left in its properties (its front matter).
facts: [metadata-fields]
metadata-fields: [author, last_modified_by]
allow: ['^lcsprlint$']
""",
        fields={
            "message": "The document properties still name someone ('{match}'): clear them "
            "before the report is shared.",
            "rationale": "A published report must not carry the names of its authors or "
            "reviewers in its file properties.",
            "source": "Publication checklist",
            "fix": "Clear the author fields (File > Info > Inspect Document in Word).",
        },
    ),
    "readability": KindTemplate(
        _TITLE
        + """\
<!-- ok: RULE_ID -->
The Multi-Agency Safeguarding Hub (MASH) received the referral.

<!-- expect: RULE_ID -->
The ICB commissioned a health assessment, which the MASH had asked for.
"""
    ),
    "identifiers": KindTemplate(
        _TITLE
        + """\
<!-- expect: RULE_ID -->
Child A was born on 3 March 2015 and lived with their mother.

<!-- ok: RULE_ID -->
The review was commissioned on 3 March 2023.
""",
        fields={
            "message": "'{match}' looks like a date of birth, which could identify the child.",
            "rationale": "Published reviews must not contain details that identify the child "
            "or family.",
            "source": "Working Together to Safeguard Children 2023, chapter 5",
            "fix": "Give the child's age at the time instead of their date of birth.",
        },
    ),
    "pseudonyms": KindTemplate(
        _TITLE
        + """\
The child will be known as Zac in this review.

<!-- ok: RULE_ID -->
Zac was seen at school by the nurse.

<!-- expect: RULE_ID -->
Kyle was not seen alone by the social worker.
""",
        fields={
            "message": "'{match}' is not the child's pseudonym: is it a real name?",
            "rationale": "A real name that slips in identifies the child or family.",
            "source": "Working Together to Safeguard Children 2023, chapter 5",
            "fix": "Use the pseudonym the report declares, or allow the name if it is not "
            "the child's.",
        },
    ),
}

_GENERIC_FIXTURE = (
    _TITLE
    + """\
<!-- Put a block RULE_ID must report after the expect comment, and one it must
     accept after the ok comment; then run lcsprlint test-rules. -->

<!-- expect: RULE_ID -->
Write a paragraph here that RULE_ID should report.

<!-- ok: RULE_ID -->
Write a paragraph here that RULE_ID should accept.
"""
)

_GENERIC_FIELDS = {
    "message": "Describe the problem here; {match} is what was found.",
    "rationale": "Say why the partnership asks for this.",
    "source": "Name the guidance or local policy, with its date.",
    "fix": "Say what the author should do.",
}


@dataclass(frozen=True)
class Scaffolded:
    """What :func:`new_rule` wrote, and anything the author should know."""

    rule_file: Path
    fixture: Path
    schema: Path | None  # None when the schema file was already there
    notes: tuple[str, ...] = ()


def _split_example(example: str) -> tuple[dict[str, Any], str]:
    """The example's common fields (parsed) and its parameter lines (verbatim)."""
    fields: dict[str, Any] = {}
    blocks: list[tuple[str, list[str]]] = []
    for line in example.splitlines():
        m = _TOP_KEY.match(line)
        if m:
            blocks.append((m.group(1), [line]))
        elif blocks:
            blocks[-1][1].append(line)
    params: list[str] = []
    for key, lines in blocks:
        text = "\n".join(lines)
        if key in COMMON_FIELDS:
            parsed = yaml.safe_load(text)
            if isinstance(parsed, dict):
                fields.update(parsed)
        else:
            params.append(text)
    return fields, "\n".join(params).strip("\n")


def _scalar(value: Any) -> str:
    """A YAML scalar: plain when that reads back the same, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    try:
        if "{" not in text and yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return f"# {text}"


def rule_text(
    name: str,
    kind: CheckKind,
    rule_id: str,
    *,
    category: str = DEFAULT_CATEGORY,
    schema_ref: str | None = f"./{SCHEMA_FILE}",
) -> str:
    """The text of a scaffolded rule file (see the module docstring)."""
    template = TEMPLATES.get(kind.name)
    example_fields, params = _split_example(kind.example)
    if template is not None and template.params is not None:
        params = template.params.strip("\n")
    overrides = template.fields if template is not None else {}
    fields = {
        "id": rule_id,
        "name": name,
        "category": category,
        "severity": DEFAULT_SEVERITY,
        "message": overrides.get("message") or example_fields.get("message"),
        "rationale": overrides.get("rationale") or example_fields.get("rationale"),
        "source": overrides.get("source") or example_fields.get("source"),
        "fix": overrides.get("fix") or example_fields.get("fix"),
    }
    for key, default in _GENERIC_FIELDS.items():
        fields[key] = fields[key] or default

    lines = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [
        f"# An lcsprlint rule ({kind.name}): see docs/writing-rules.md.",
        f"# Its fixture is {name}.test.md; after editing both, run: lcsprlint test-rules <folder>",
        "",
    ]
    for key, value in fields.items():
        lines += [_comment(_FIELD_COMMENTS[key]), f"{key}: {_scalar(value)}"]
    lines += [
        _comment(_FIELD_COMMENTS["profiles"]),
        "# profiles: [lcspr]",
        _comment(_FIELD_COMMENTS["enabled"]),
        "enabled: true",
        "",
        f"# The check kind and its parameters (docs/check-kinds.md#{kind.name}).",
        f"check: {kind.name}",
    ]
    if params:
        lines.append(params)
    return "\n".join(lines) + "\n"


def fixture_text(kind_name: str, rule_id: str) -> str:
    """The scaffolded fixture for a kind, with its expectations naming ``rule_id``."""
    template = TEMPLATES.get(kind_name)
    text = template.fixture if template is not None else _GENERIC_FIXTURE
    return text.replace(RULE, rule_id)


def _used_ids(folder: Path) -> set[str]:
    from lcsprlint.engine.loader import read_rule_documents
    from lcsprlint.engine.validate import rule_files

    ids: set[str] = set()
    if not folder.is_dir():
        return ids
    for f in rule_files(folder):
        try:
            docs = read_rule_documents(f)
        except RuleFileError:
            continue
        ids.update(str(d.get("id")) for d in docs if d.get("id"))
    return ids


def next_id(folder: Path, prefix: str = ID_PREFIX) -> str:
    """The first id ``PREFIX101``, ``PREFIX102``... not used by a rule file in ``folder``."""
    used = _used_ids(folder)
    n = 101
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def _write_new(path: Path, text: str) -> None:
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise LintError(str(path), "already exists; not overwritten") from None
    except OSError as exc:
        raise LintError(str(path), f"cannot write: {exc.strerror or exc}") from None


def _load_problems(text: str, path: Path, kinds: Mapping[str, CheckKind]) -> list[str]:
    from lcsprlint.engine.loader import load_yaml_text
    from lcsprlint.engine.validate import RuleValidator

    try:
        data = load_yaml_text(text, str(path))
    except RuleFileError as exc:
        return [str(exc)]
    _rule, problems = RuleValidator(kinds).validate(data, str(path))
    return [str(p) for p in problems]


def new_rule(
    name: str,
    kind_name: str,
    kinds: Mapping[str, CheckKind],
    *,
    rule_id: str | None = None,
    category: str | None = None,
    folder: str | Path = ".",
) -> Scaffolded:
    """Write ``folder/NAME.yaml``, ``folder/NAME.test.md`` and, once, the schema file.

    Refuses (LintError, nothing written) a bad name, id, category or kind, or
    when the rule file or its fixture already exists.
    """
    if not _NAME.fullmatch(name):
        raise LintError(None, f"rule name '{name}' must be kebab-case, e.g. partner-names")
    kind = kinds.get(kind_name)
    if kind is None:
        known = ", ".join(sorted(kinds))
        raise LintError(None, f"unknown check kind '{kind_name}' (known: {known})")
    if rule_id is not None and not _ID.fullmatch(rule_id):
        raise LintError(None, f"rule id '{rule_id}' must be capitals then two or more digits")
    if category is not None and not _NAME.fullmatch(category):
        raise LintError(None, f"category '{category}' must be kebab-case, e.g. sign-off")
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise LintError(str(target), "is not a folder")
    rule_file = target / f"{name}.yaml"
    fixture = target / f"{name}.test.md"
    for p in (rule_file, target / f"{name}.yml", fixture):
        if p.exists():
            raise LintError(str(p), "already exists; not overwritten")
    rule_id = rule_id or next_id(target)
    text = rule_text(name, kind, rule_id, category=category or DEFAULT_CATEGORY)
    notes = [
        f"the scaffolded rule does not load yet: {p}"
        for p in _load_problems(text, rule_file, kinds)
    ]
    if kind.name not in TEMPLATES:
        notes.append(f"write the fixture's two blocks for '{kind.name}' before testing")

    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LintError(str(target), f"cannot create: {exc.strerror or exc}") from None
    schema_file = target / SCHEMA_FILE
    schema_path: Path | None = None  # None when the schema file was already there
    if not schema_file.exists():
        schema = json.dumps(rule_file_schema(kinds), indent=2, ensure_ascii=False) + "\n"
        _write_new(schema_file, schema)
        schema_path = schema_file
    _write_new(rule_file, text)
    try:
        _write_new(fixture, fixture_text(kind.name, rule_id))
    except LintError:
        rule_file.unlink(missing_ok=True)
        raise
    return Scaffolded(rule_file, fixture, schema_path, tuple(notes))
