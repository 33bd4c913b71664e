"""GitHub Actions workflow commands: findings as annotations on the run and pull request.

A .docx or PDF has no diff lines, so its annotations are file-level (no
``line``) and name the paragraph (or the PDF page) in the message instead;
Markdown and text findings carry their line. GitHub shows only a handful of
annotations per step, so the CLI also appends ``step_summary_markdown`` to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from lcsprlint.report import ReportOptions, one_line_summary
from lcsprlint.report.sarif import report_path, split_rule_error
from lcsprlint.results import FileResult, Finding
from lcsprlint.rule import Rule

#: lcsprlint severity -> workflow command.
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_SNIPPET_MAX = 200


def escape_data(text: str) -> str:
    """Escape a command's message as actions/toolkit does (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title): the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """One workflow command line; properties with value None are left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _trim(snippet: str) -> str:
    s = " ".join(snippet.split())
    return s if len(s) <= _SNIPPET_MAX else s[: _SNIPPET_MAX - 1] + "…"


def _annotation(f: Finding, path: str, options: ReportOptions, profile: str | None = None) -> str:
    checked = f"; checked as {profile}" if profile else ""
    message = f"{f.message} ({f.location.describe()}{checked})"
    if f.snippet and f.snippet.strip() and not options.no_snippets:
        message += f"\n“{_trim(f.snippet)}”"
    return command(
        COMMANDS.get(f.severity, "warning"),
        message,
        file=path,
        line=f.location.line if f.location.line and f.location.line >= 1 else None,
        title=f"{f.rule} {f.name}",
    )


def render(results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions) -> str:
    """One workflow command per finding, unreadable file and failed rule."""
    lines: list[str] = []
    for r in results:
        path = report_path(r.path, options.root)
        if r.error:
            lines.append(command("error", f"could not be read: {r.error}", file=path))
            continue
        for message in r.rule_errors:
            rule_id, _ = split_rule_error(message)
            title = f"{rule_id} rule failed" if rule_id else "rule failed"
            lines.append(command("error", message, file=path, title=title))
        lines.extend(_annotation(f, path, options, r.profile) for f in r.findings)
    return "".join(line + "\n" for line in lines)


def _cell(text: object) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    return " ".join(str(text).split()).replace("|", "\\|")


def step_summary_markdown(results: Sequence[FileResult], root: str = ".") -> str:
    """A job-summary section: counts per file and findings per rule.

    Counts only, never document text, so it is safe for a shared CI log
    whatever ``--no-snippets`` says. Meant for appending to the file named by
    ``$GITHUB_STEP_SUMMARY``.
    """
    out = ["## lcsprlint", "", one_line_summary(results), ""]
    if results:
        out += ["| File | Errors | Warnings | Info | Status |", "|---|---:|---:|---:|---|"]
        for r in results:
            if r.error:
                status = f"could not be read: {r.error}"
            elif r.rule_errors:
                status = f"{len(r.rule_errors)} rule(s) failed"
            elif r.findings:
                status = "findings"
            else:
                status = "clean"
            out.append(
                f"| `{_cell(report_path(r.path, root)).replace('`', '')}` | {r.count('error')} "
                f"| {r.count('warning')} | {r.count('info')} | {_cell(status)} |"
            )
        out.append("")
    by_rule: Counter[tuple[str, str, str]] = Counter()
    files: dict[tuple[str, str, str], set[str]] = {}
    for r in results:
        for f in r.findings:
            key = (f.rule, f.name, f.severity)
            by_rule[key] += 1
            files.setdefault(key, set()).add(r.path)
    if by_rule:
        out += [
            "### Findings by rule",
            "",
            "| Rule | Name | Severity | Findings | Files |",
            "|---|---|---|---:|---:|",
        ]
        for key, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            rule, name, severity = key
            out.append(f"| {_cell(rule)} | {_cell(name)} | {severity} | {n} | {len(files[key])} |")
        out.append("")
    return "\n".join(out) + "\n"
