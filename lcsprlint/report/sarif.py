"""SARIF 2.1.0 output, shaped for GitHub code scanning.

GitHub accepts a result only with a location whose ``region.startLine`` is at
least 1, so a .docx (or PDF) finding uses its paragraph ordinal as the line and
a whole-document finding uses 1. A region has no page: a PDF finding's page is
in the message ("page 4"), in the result's ``page`` property and in its
logical location. Fingerprints come from ``Finding.fingerprint()``
(rule, section and text, never the paragraph number), so inserting a paragraph
does not close and reopen every alert below it.

The path, line and occurrence helpers here are shared by the other CI formats
(github, junit, gitlab), so that every format names files and places the same way.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from lcsprlint.report import ReportOptions
from lcsprlint.results import FileResult, Finding, Location
from lcsprlint.rule import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"

#: lcsprlint severity -> SARIF level.
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def report_path(path: str, root: str) -> str:
    """The path as shared reports show it: relative to ``root``, forward slashes.

    Relative paths are taken as already relative to ``root`` (the CLI passes
    the working folder). An absolute path outside ``root`` stays absolute,
    since a path with ``..`` would point at the wrong file in a repository.
    """
    p = PurePath(path)
    if p.is_absolute():
        base = os.path.abspath(root)
        full = os.path.abspath(path)
        try:
            if os.path.commonpath([base, full]) == base:
                return PurePath(os.path.relpath(full, base)).as_posix()
        except ValueError:  # different drives on Windows
            pass
        return p.as_posix()
    norm = os.path.normpath(path)
    return PurePath(norm).as_posix()


def start_line(location: Location) -> int:
    """A 1-based line every CI system accepts: the line, else the paragraph, else 1."""
    for value in (location.line, location.paragraph):
        if value is not None and value >= 1:
            return value
    return 1


def occurrences(findings: Iterable[Finding]) -> list[int]:
    """For each finding, how many findings with its fingerprint came before it, plus one.

    Two identical findings in one file (the same phrase twice in a section)
    share a fingerprint; the occurrence number keeps them apart.
    """
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        key = f.fingerprint()
        seen[key] += 1
        out.append(seen[key])
    return out


def split_rule_error(message: str) -> tuple[str | None, str]:
    """Split the engine's ``"RULEID: cause"`` into (rule id, cause); id None if absent."""
    head, sep, tail = message.partition(": ")
    if sep and head and " " not in head:
        return head, tail
    return None, message


def _artifact(path: str, root: str) -> dict[str, str]:
    rel = report_path(path, root)
    if PurePath(rel).is_absolute():
        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def _text(*candidates: str | None) -> str:
    """The first non-blank text: GitHub rejects empty strings in required properties."""
    for c in candidates:
        if c and c.strip():
            return c.strip()
    return "-"


def _descriptor(rule: Rule) -> dict[str, Any]:
    fix = rule.fix.strip()
    source = rule.source.strip()
    text_parts = [fix] if fix else []
    if source:
        text_parts.append(f"Source: {source}")
    md_parts = []
    if fix:
        md_parts.append(f"**What to do:** {fix}")
    if rule.rationale.strip():
        md_parts.append(f"**Why:** {rule.rationale.strip()}")
    if source:
        md_parts.append(f"**Source:** {source}")
    return {
        "id": rule.id,
        "name": _text(rule.name, rule.id),
        "shortDescription": {"text": _text(rule.message, rule.name, rule.id)},
        "fullDescription": {"text": _text(rule.rationale, rule.message, rule.name, rule.id)},
        "help": {
            "text": _text("\n\n".join(text_parts), rule.message, rule.id),
            "markdown": _text("\n\n".join(md_parts), rule.message, rule.id),
        },
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _stand_in(f: Finding) -> dict[str, Any]:
    """A descriptor for a finding whose rule was not passed in (e.g. a meta rule)."""
    message = _text(f.message, f.name, f.rule)
    return {
        "id": f.rule,
        "name": _text(f.name, f.rule),
        "shortDescription": {"text": _text(f.name, f.rule)},
        "fullDescription": {"text": message},
        "help": {"text": message, "markdown": message},
        "defaultConfiguration": {"level": LEVELS.get(f.severity, "warning")},
        "properties": {"category": f.category, "tags": [f.category]},
    }


def _logical(location: Location) -> dict[str, str]:
    parts = list(location.section_path) or [location.section or "document"]
    if location.page is not None:
        parts.append(f"page {location.page}")
    elif location.paragraph is not None:
        parts.append(f"paragraph {location.paragraph}")
    return {
        "name": location.section or "document",
        "fullyQualifiedName": " > ".join(parts),
        "kind": "element",
    }


def _result(
    f: Finding,
    occurrence: int,
    artifact: dict[str, str],
    rule_index: int,
    options: ReportOptions,
) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": start_line(f.location)}
    if f.snippet and f.snippet.strip() and not options.no_snippets:
        region["snippet"] = {"text": f.snippet}
    properties: dict[str, Any] = {"category": f.category, "story": f.location.story}
    if f.location.paragraph is not None:
        properties["paragraph"] = f.location.paragraph
    if f.location.page is not None:
        properties["page"] = f.location.page
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f"{_text(f.message, f.name)} ({f.location.describe()})"},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": dict(artifact), "region": region},
                "logicalLocations": [_logical(f.location)],
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": f"{f.fingerprint()}:{occurrence}"},
        "properties": properties,
    }


def build(
    results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions
) -> dict[str, Any]:
    """The SARIF log as a dict (tests and callers that post-process use this)."""
    descriptors = [_descriptor(rules[k]) for k in sorted(rules)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for r in results:
        for f in r.findings:
            if f.rule not in index:
                index[f.rule] = len(descriptors)
                descriptors.append(_stand_in(f))

    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        artifact = _artifact(r.path, options.root)
        where = [{"physicalLocation": {"artifactLocation": dict(artifact)}}]
        shown = report_path(r.path, options.root)
        if r.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{shown}: could not be read: {_text(r.error)}"},
                    "locations": where,
                }
            )
            continue
        for message in r.rule_errors:
            note: dict[str, Any] = {
                "level": "error",
                "message": {"text": f"{shown}: rule failed: {_text(message)}"},
                "locations": where,
            }
            rule_id, _ = split_rule_error(message)
            if rule_id in index:
                note["associatedRule"] = {"id": rule_id, "index": index[rule_id]}
            notifications.append(note)
        for f, n in zip(r.findings, occurrences(r.findings), strict=True):
            result = _result(f, n, artifact, index[f.rule], options)
            if r.profile:
                result["properties"]["profile"] = r.profile
            sarif_results.append(result)

    driver: dict[str, Any] = {"name": "lcsprlint"}
    if options.version:
        driver["version"] = options.version
    driver["rules"] = descriptors
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def subset_schema() -> dict[str, Any]:
    """Our own JSON Schema of what GitHub needs, shipped beside this module for CI checks."""
    from importlib.resources import files

    text = files("lcsprlint.report").joinpath("sarif_subset.schema.json").read_text("utf-8")
    return json.loads(text)


def render(results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions) -> str:
    """SARIF 2.1.0 as JSON text, ready for github/codeql-action/upload-sarif."""
    return json.dumps(build(results, rules, options), indent=2, ensure_ascii=False) + "\n"
