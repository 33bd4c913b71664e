"""GitLab Code Quality JSON: findings in the merge-request widget.

GitLab collapses entries with the same fingerprint into one, so each
fingerprint mixes the file path, ``Finding.fingerprint()`` (rule, section,
text: stable across edits elsewhere) and the occurrence number within the
file. The report carries no document text, whatever ``--no-snippets`` says.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from lcsprlint.report import ReportOptions
from lcsprlint.report.sarif import occurrences, report_path, start_line
from lcsprlint.results import FileResult
from lcsprlint.rule import Rule

#: lcsprlint severity -> Code Quality severity.
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _fingerprint(*parts: object) -> str:
    key = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _issue(
    description: str, check: str, fingerprint: str, severity: str, path: str, line: int
) -> dict[str, Any]:
    return {
        "description": description,
        "check_name": check,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": line}},
    }


def build(
    results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions
) -> list[dict[str, Any]]:
    """The Code Quality issues as a list of dicts, in file and document order."""
    issues: list[dict[str, Any]] = []
    for r in results:
        path = report_path(r.path, options.root)
        if r.error:
            issues.append(
                _issue(
                    f"could not be read: {r.error}",
                    "unreadable",
                    _fingerprint(path, "unreadable"),
                    "blocker",
                    path,
                    1,
                )
            )
            continue
        for i, message in enumerate(r.rule_errors, 1):
            issues.append(
                _issue(
                    f"rule failed: {message}",
                    "rule-error",
                    _fingerprint(path, "rule-error", message, i),
                    "critical",
                    path,
                    1,
                )
            )
        for f, n in zip(r.findings, occurrences(r.findings), strict=True):
            issues.append(
                _issue(
                    f"{f.rule} {f.message} ({f.location.describe()}"
                    + (f"; checked as {r.profile})" if r.profile else ")"),
                    f.rule,
                    _fingerprint(path, f.fingerprint(), n),
                    SEVERITIES.get(f.severity, "minor"),
                    path,
                    start_line(f.location),
                )
            )
    return issues


def render(results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions) -> str:
    """The Code Quality report: a JSON array, UTF-8 without a BOM."""
    return json.dumps(build(results, rules, options), indent=2, ensure_ascii=False) + "\n"
