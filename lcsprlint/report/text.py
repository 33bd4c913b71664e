"""Terminal output for review authors: grouped per file, in document order.

Each finding says where (section and paragraph, line or PDF page), what is wrong and
what to do, and why (the guidance behind it, with its source). Colour is only
decoration: severity is always written out as a word.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise

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
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    color = bool(options.color) and not os.environ.get("NO_COLOR")
    if not color and not options.statistics:
        plain = _render_plain(results, rules, options, width)
        if plain is not None:
            return plain
    return _render_rich(results, rules, options, width, color)


def _render_rich(
    results: Sequence[FileResult],
    rules: Mapping[str, Rule],
    options: ReportOptions,
    width: int,
    color: bool,
) -> str:
    """The report as rich's Console writes it (colour, statistics tables, any text)."""
    from lcsprlint.report.console import make_console

    buf = io.StringIO()
    console = make_console(buf, color=color, width=width)
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


def _plain_lines(
    results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions
) -> Iterator[str]:
    """What :func:`_render_rich` prints, one string per ``console.print`` ("" for a blank one)."""
    for r in results:
        yield r.path + (f"  ({r.profile})" if r.profile else "")
        if r.error:
            yield f"  could not be read: {r.error}"
            yield ""
            continue
        for msg in r.rule_errors:
            yield f"  rule failed: {msg}"
        if not r.findings:
            yield "  no findings"
            yield ""
            continue
        yield ""
        for f in r.findings:
            rule = rules.get(f.rule)
            yield f"  {f.severity:<8}{f.rule:<10}{f.location.describe()}"
            yield f"  {f.message}"
            if f.snippet and not options.no_snippets:
                yield f"  “{_trim(f.snippet)}”"
            if rule is not None and not options.extra.get("concise"):
                if rule.fix:
                    yield f"  What to do: {rule.fix}"
                if rule.rationale:
                    yield f"  Why: {rule.rationale}" + (f" ({rule.source})" if rule.source else "")
            yield ""
    yield one_line_summary(results)


#: Characters rich transforms rather than wraps (control codes, tabs, newlines): text with
#: any of them is left to rich itself.
_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TRAILING_SPACE = re.compile(r"\s+$")


def _render_plain(
    results: Sequence[FileResult],
    rules: Mapping[str, Rule],
    options: ReportOptions,
    width: int,
) -> str | None:
    """The uncoloured report without rich's Console, byte for byte what it writes; None
    when some text needs more than word wrapping (then rich writes the report).

    Importing rich's Console costs a run about 25 ms, more than the rest of a one-page
    report. Without colour or tables rich only wraps each printed line at ``width``
    cells, which this does with rich's own functions (``divide_line``, ``cell_len``,
    ``set_cell_size``), in the order ``Text.wrap`` applies them: break at words, trim
    trailing space beyond the width, fold what is still too wide.
    tests/test_speed_startup_text.py compares the two on varied reports.
    """
    from rich._wrap import divide_line
    from rich.cells import cell_len, set_cell_size

    out: list[str] = []
    for text in _plain_lines(results, rules, options):
        if _NOT_PLAIN.search(text):
            return None
        bounds = [0, *divide_line(text, width, fold=True), len(text)]
        for start, end in pairwise(bounds):
            line = text[start:end]
            if len(line) > width:  # Text.rstrip_end
                space = _TRAILING_SPACE.search(line)
                if space is not None:
                    line = line[: len(line) - min(len(space.group(0)), len(line) - width)]
            if cell_len(line) > width:  # Text.truncate, overflow "fold"
                line = set_cell_size(line, width)
            out.append(line + "\n")
    return "".join(out)


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
