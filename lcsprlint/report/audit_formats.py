"""The audit table as a terminal table, CSV, JSON or a self-contained HTML page.

JSON contract (``"audit": 1``; fields are only ever added)::

    {
      "audit": 1,
      "tool": {"name": "lcsprlint", "version": "..."},
      "categories": ["key-questions", ...],          # column order
      "documents": [
        {"path": str, "title": str|null, "profile": str|null, "format": str|null,
         "words": int|null, "pages": int|null,        # pages: PDF only
         "findings": int,
         "categories": {"key-questions": "met"|"not-met"|"advisory"|"unchecked"|null}}
      ],                                              # null: not applicable to its type
      "unreadable": [{"path": str, "error": str}],   # not counted in totals
      "totals": [{"category": str, "met": int, "not_met": int, "advisory": int,
                  "unchecked": int, "applicable": int, "met_or_advisory": int}]
    }

CSV: one row per document (``path, title, profile, format, words, pages,
findings`` then one column per category), then unreadable files with their
``error`` column filled; no totals (they are a sum over the rows). The HTML
page needs no external assets; its table sorts on a header click with a small
inline script and reads fine without it; the bar chart is inline SVG.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path
from typing import Any

from lcsprlint.audit import Audit

FORMATS = ("table", "csv", "json", "html")
#: What a status reads as in tables.
WORDS = {"met": "met", "not-met": "not met", "advisory": "advisory", "unchecked": "unchecked"}
_META = ("path", "title", "profile", "format", "words", "pages", "findings")


def render(audit: Audit, fmt: str, version: str = "", color: bool = False) -> str:
    """The audit in one of :data:`FORMATS`."""
    if fmt == "csv":
        return to_csv(audit)
    if fmt == "json":
        return to_json(audit, version)
    if fmt == "html":
        return to_html(audit, version)
    return to_table(audit, color)


def _word(status: str | None) -> str:
    return WORDS.get(status or "", "–")


def to_json(audit: Audit, version: str = "") -> str:
    data: dict[str, Any] = {
        "audit": 1,
        "tool": {"name": "lcsprlint", "version": version},
        "categories": audit.categories,
        "documents": [
            {**{k: getattr(r, k) for k in _META}, "categories": dict(r.statuses)}
            for r in audit.rows
        ],
        "unreadable": [{"path": r.path, "error": r.error} for r in audit.unreadable],
        "totals": [
            {
                "category": t.category,
                "met": t.met,
                "not_met": t.not_met,
                "advisory": t.advisory,
                "unchecked": t.unchecked,
                "applicable": t.applicable,
                "met_or_advisory": t.met_or_advisory,
            }
            for t in audit.totals
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_csv(audit: Audit) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*_META, *audit.categories, "error"])
    for r in audit.rows:
        writer.writerow(
            [*("" if getattr(r, k) is None else getattr(r, k) for k in _META)]
            + [r.statuses.get(c) or "" for c in audit.categories]
            + [""]
        )
    for r in audit.unreadable:
        writer.writerow([r.path] + [""] * (len(_META) - 1 + len(audit.categories)) + [r.error])
    return buf.getvalue()


def to_table(audit: Audit, color: bool = False) -> str:
    """A rich table of the rows, then the totals and the unreadable files, as text."""
    from rich.table import Table

    from lcsprlint.report.console import make_console

    styles = {"met": "green", "not-met": "red", "advisory": "yellow", "unchecked": "magenta"}
    table = Table(title=f"lcsprlint audit: {len(audit.rows)} documents", show_lines=False)
    for name in ("document", "type", "words", "pages"):
        table.add_column(name, justify="right" if name in ("words", "pages") else "left")
    for c in audit.categories:
        table.add_column(c, min_width=max(len(c), 9), no_wrap=True)
    for r in audit.rows:
        cells = [
            f"[{styles.get(s or '', 'dim')}]{_word(s)}[/]" if color else _word(s)
            for s in (r.statuses.get(c) for c in audit.categories)
        ]
        table.add_row(Path(r.path).name, r.profile or "", _num(r.words), _num(r.pages), *cells)
    names = [Path(r.path).name for r in audit.rows]
    width = 40 + max((len(n) for n in names), default=10)
    width += sum(max(len(c), 9) + 3 for c in audit.categories)
    buf = io.StringIO()
    console = make_console(buf, color=color, width=width)
    console.print(table)
    lines = [
        buf.getvalue().rstrip("\n"),
        "",
        "Totals (met or advisory, of the documents each applies to):",
    ]
    lines += [f"  {t.describe()}" for t in audit.totals]
    if audit.unreadable:
        lines += ["", f"Unreadable ({len(audit.unreadable)}, not counted):"]
        lines += [f"  {r.path}: {r.error}" for r in audit.unreadable]
    return "\n".join(lines) + "\n"


def _num(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
thead th{background:#eee;cursor:pointer}
td.met{background:#e3f4e1}td.not-met{background:#f9dcdc}td.advisory{background:#fff4cc}
td.unchecked{background:#eadcf5}td.na{color:#888}
.num{text-align:right}
svg text{font-size:12px;font-family:system-ui,sans-serif}
"""

_SCRIPT = """
document.querySelectorAll('table.sortable thead th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var body = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    th.closest('tr').querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    rows.sort(function(a, b){
      var x = a.cells[col].getAttribute('data-sort') || a.cells[col].textContent;
      var y = b.cells[col].getAttribute('data-sort') || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""


def to_html(audit: Audit, version: str = "") -> str:
    e = escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>lcsprlint audit</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>lcsprlint audit: {len(audit.rows)} documents</h1>",
        f"<p>lcsprlint {e(version)}. A category is met when the document has no error or "
        "warning in it (advisory: only notes).</p>",
        "<h2>Compliance per category</h2>",
        _chart(audit),
        "<h2>Documents</h2>",
        '<table class="sortable" id="audit"><thead><tr>',
    ]
    heads = ["Document", "Title", "Type", "Words", "Pages", *audit.categories]
    out.append("".join(f'<th scope="col">{e(h)}</th>' for h in heads))
    out.append("</tr></thead><tbody>")
    for r in audit.rows:
        cells = [
            f"<td>{e(r.path)}</td>",
            f"<td>{e(r.title or '')}</td>",
            f"<td>{e(r.profile or '')}</td>",
            f'<td class="num" data-sort="{r.words or 0}">{_num(r.words)}</td>',
            f'<td class="num" data-sort="{r.pages or 0}">{_num(r.pages)}</td>',
        ]
        for c in audit.categories:
            s = r.statuses.get(c)
            cells.append(f'<td class="{e(s or "na")}">{e(_word(s))}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    out.append('<h2>Totals</h2><table id="totals"><thead><tr>')
    out.append(
        "".join(
            f'<th scope="col">{h}</th>'
            for h in ("Category", "Met", "Not met", "Advisory", "Unchecked", "Applies to")
        )
    )
    out.append("</tr></thead><tbody>")
    for t in audit.totals:
        nums = (t.met, t.not_met, t.advisory, t.unchecked, t.applicable)
        out.append(
            f'<tr><th scope="row">{e(t.category)}</th>'
            + "".join(f'<td class="num">{n}</td>' for n in nums)
            + "</tr>"
        )
    out.append("</tbody></table>")
    if audit.unreadable:
        out.append(
            f'<h2>Unreadable ({len(audit.unreadable)}, not counted)</h2><ul id="unreadable">'
        )
        out += [f"<li>{e(r.path)}: {e(r.error or '')}</li>" for r in audit.unreadable]
        out.append("</ul>")
    out.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"


def _chart(audit: Audit) -> str:
    """A horizontal bar per category: share of documents meeting it (inline SVG)."""
    bar_h, gap, label_w, bar_w = 18, 6, 220, 360
    height = max(1, len(audit.totals)) * (bar_h + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 120}" '
        f'height="{height}" aria-label="Share of documents meeting each category">'
    ]
    for i, t in enumerate(audit.totals):
        y = gap + i * (bar_h + gap)
        w = round(bar_w * t.share, 1)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">'
            f"{escape(t.category)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="{bar_h}" fill="#eee"/>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#3a7d44">'
            f"<title>{escape(t.describe())}</title></rect>"
            f'<text x="{label_w + bar_w + 6}" y="{y + bar_h - 5}">'
            f"{t.met_or_advisory} of {t.applicable}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
