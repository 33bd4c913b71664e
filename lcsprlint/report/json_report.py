"""JSON output: the stable contract other tools build on.

Keys documented in the README are never renamed or removed; new keys may be
added. Findings keep document order; files keep the order they were given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from lcsprlint.report import ReportOptions, summary_counts
from lcsprlint.results import FileResult, Finding
from lcsprlint.rule import Rule


def finding_dict(f: Finding, options: ReportOptions) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "location": {
            "section": f.location.section,
            "paragraph": f.location.paragraph,
            "line": f.location.line,
            "page": f.location.page,
            "story": f.location.story,
        },
        "snippet": None if options.no_snippets else f.snippet,
        "fingerprint": f.fingerprint(),
    }


def render(results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions) -> str:
    payload = {
        "tool": {"name": "lcsprlint", "version": options.version},
        "files": [
            {
                "path": r.path,
                "format": r.format,
                "profile": r.profile,
                "error": r.error,
                "rule_errors": list(r.rule_errors),
                "findings": [finding_dict(f, options) for f in r.findings],
            }
            for r in results
        ],
        "summary": summary_counts(results),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
