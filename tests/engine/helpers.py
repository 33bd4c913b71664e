"""Fake check kinds and small in-memory documents for engine and CLI tests.

The real kinds live in lcsprlint.kinds; the engine takes kinds as a
parameter, so its tests use these small ones and stay independent of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from lcsprlint.kinds.base import CheckKind, Hit
from lcsprlint.kinds.patterns import matcher
from lcsprlint.kinds.scope import SCOPE_PARAMS, Scope
from lcsprlint.model import Comment, Directive, Document
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.rule import Rule

_REGEXES = {"type": "array", "items": {"type": "string", "format": "regex"}, "minItems": 1}


def _build_forbid(params: Any):
    words = matcher(params, "forbid")
    scope = Scope(params, default="document")

    def check(doc: Document) -> Iterable[Hit]:
        for unit in scope.units(doc):
            for m in words.finditer(unit.norm):
                yield Hit(
                    block=unit.block,
                    values={"match": m.group(0)},
                    snippet=unit.text,
                    story=unit.story,
                )

    return check


def _build_document(params: Any):
    note = params.get("note")

    def check(doc: Document) -> Iterable[Hit]:
        yield Hit(values={"words": doc.words}, note=note)

    return check


def _build_section(params: Any):
    heads = matcher(params, "sections")

    def check(doc: Document) -> Iterable[Hit]:
        for s in doc.headings():
            if heads.search(s.norm_title):
                yield Hit(section=s.index, values={"title": s.title, "share": s.share})

    return check


def _validate_range(params: Any) -> str | None:
    if params.get("min", 0) > params.get("max", 10**9):
        return "min must not exceed max"
    return None


def _build_range(params: Any):
    def check(doc: Document) -> Iterable[Hit]:
        return ()

    return check


FORBID = CheckKind(
    name="forbid",
    description="Patterns that must not occur in scope.",
    params={
        **SCOPE_PARAMS,
        "forbid": _REGEXES,
        "case-sensitive": {"type": "boolean"},
        "whole-word": {"type": "boolean"},
    },
    build=_build_forbid,
    required=("forbid",),
)
WHOLE = CheckKind(
    name="whole",
    description="Always one finding about the whole document.",
    params={"note": {"type": "string"}},
    build=_build_document,
)
SECTION = CheckKind(
    name="section",
    description="One finding per section whose heading matches.",
    params={"sections": _REGEXES},
    build=_build_section,
    required=("sections",),
)
RANGE = CheckKind(
    name="range",
    description="Parameters the schema cannot relate: min <= max.",
    params={"min": {"type": "integer"}, "max": {"type": "integer"}},
    build=_build_range,
    validate=_validate_range,
)


def fake_kinds() -> dict[str, CheckKind]:
    return {k.name: k for k in (FORBID, WHOLE, SECTION, RANGE)}


def rule(rule_id: str = "TEST101", check: str = "forbid", **params: Any) -> Rule:
    """A rule built directly (bypassing YAML), for engine tests."""
    fields = {
        "name": params.pop("name", f"rule-{rule_id.lower()}"),
        "category": params.pop("category", "testing"),
        "severity": params.pop("severity", "warning"),
        "message": params.pop("message", "Found {match}."),
        "enabled": params.pop("enabled", True),
        "profiles": tuple(params.pop("profiles", ())),
    }
    return Rule(
        id=rule_id,
        rationale="Because.",
        source="Tests",
        fix="Fix it.",
        check=check,
        params=params,
        **fields,
    )


def md_doc(
    text: str,
    path: str = "draft.md",
    comments: Sequence[Comment] = (),
    fmt: str = "markdown",
) -> Document:
    """A tiny Markdown-like reader: '#' headings, '<!-- -->' directives, other lines paragraphs."""
    raw: list[RawBlock] = []
    pending: list[tuple[str, int]] = []
    directives: list[Directive] = []
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s:
            continue
        if s.startswith("<!--"):
            pending.append((s, n))
            continue
        if s.startswith("#"):
            level = len(s) - len(s.lstrip("#"))
            raw.append(RawBlock(kind="heading", text=s.lstrip("#").strip(), level=level, line=n))
        else:
            raw.append(RawBlock(kind="paragraph", text=s, line=n))
        for d, dn in pending:
            directives.append(Directive(text=d, line=dn, block=len(raw) - 1))
        pending = []
    for d, dn in pending:
        directives.append(Directive(text=d, line=dn, block=None))
    return assemble(path, fmt, raw, Extras(directives=directives, comments=comments))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def isolate_cli(tmp_path: Path, monkeypatch: Any) -> Path:
    """Fake kinds, empty built-in packs, no CI variables, and a fresh working folder.

    CLI tests use it so that they test the command, not the built-in rules,
    and so that no configuration above the temporary folder is picked up.
    """
    from lcsprlint import cli
    from lcsprlint.engine import builtin

    packs = tmp_path / "packs"
    for name in ("lcspr", "rapid-review"):
        (packs / name).mkdir(parents=True)
    monkeypatch.setattr(builtin, "builtin_rules_dir", lambda: packs)
    monkeypatch.setattr(cli, "_kinds", fake_kinds)
    for var in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work
