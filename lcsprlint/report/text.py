"""Terminal output for review authors: grouped per file, in document order.

Each finding says where (section and paragraph, line or PDF page), what is wrong and
what to do, and why (the guidance behind it, with its source). Colour is only
decoration: severity is always written out as a word.
"""

from __future__ import annotations

import io
import os
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence

from lcsprlint.report import ReportOptions, one_line_summary
from lcsprlint.results import FileResult, Finding
from lcsprlint.rule import Rule

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SNIPPET_MAX = 140


def _trim(snippet: str) -> str:
    s = " ".join(snippet.split())
    return s if len(s) <= _SNIPPET_MAX else s[: _SNIPPET_MAX - 1] + "…"


def _finding(console, f: Finding, rule: Rule | None, options: ReportOptions) -> None:
    from rich.text import Text

    head = Text("  ")
    head.append(f"{f.severity:<8}", style=_STYLE.get(f.severity, ""))
    head.append(f"{f.rule:<10}", style="bold")
    head.append(f.location.describe(), style="dim")
    console.print(head)
    console.print(Text(f"  {f.message}"), highlight=False)
    if f.snippet and not options.no_snippets:
        console.print(Text(f"  “{_trim(f.snippet)}”", style="italic"), highlight=False)
    if rule is not None and not options.extra.get("concise"):
        if rule.fix:
            console.print(Text(f"  What to do: {rule.fix}"), highlight=False)
        if rule.rationale:
            why = Text(f"  Why: {rule.rationale}", style="dim")
            if rule.source:
                why.append(f" ({rule.source})", style="dim")
            console.print(why, highlight=False)
    console.print()


def render(results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions) -> str:
    from lcsprlint.report.console import make_console

    buf = io.StringIO()
    width = shutil.get_terminal_size((100, 24)).columns
    color = bool(options.color) and not os.environ.get("NO_COLOR")
    console = make_console(buf, color=color, width=max(60, min(width, 120)))
    for r in results:
        title = r.path + (f"  ({r.profile})" if r.profile else "")
        console.print(title, style="bold underline", markup=False)
        if r.error:
            console.print(f"  could not be read: {r.error}", style="bold red", markup=False)
            console.print()
            continue
        for msg in r.rule_errors:
            console.print(f"  rule failed: {msg}", style="magenta", markup=False)
        if not r.findings:
            console.print("  no findings", style="green")
            console.print()
            continue
        console.print()
        for f in r.findings:
            _finding(console, f, rules.get(f.rule), options)
    if options.statistics:
        _statistics(console, results)
    console.print(one_line_summary(results), style="bold", markup=False)
    return buf.getvalue()


def _statistics(console, results: Sequence[FileResult]) -> None:
    from rich.table import Table

    by_rule: Counter[tuple[str, str, str]] = Counter()
    by_category: Counter[str] = Counter()
    for r in results:
        for f in r.findings:
            by_rule[(f.rule, f.name, f.severity)] += 1
            by_category[f.category] += 1
    table = Table(title="Findings per rule", show_edge=False)
    for col in ("count", "rule", "name", "severity"):
        table.add_column(col)
    for (rule, name, severity), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(str(n), rule, name, severity)
    console.print(table)
    cats = Table(title="Findings per category", show_edge=False)
    cats.add_column("count")
    cats.add_column("category")
    for cat, n in sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])):
        cats.add_row(str(n), cat)
    console.print(cats)
    console.print()
