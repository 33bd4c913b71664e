"""One self-contained HTML page for review authors, boards and Panel readers.

Per file: an overview of the key messages (each category of the rules that
apply to the document type: met, not met or advisory), then the findings by
section in document order, each with what to do, why and the source. The
page works offline and from an e-mail attachment: inline CSS only, no
scripts, no fonts, images or links to anywhere. It is written to be read by
everyone: semantic headings, a captioned table with header cells, dark text
on light backgrounds (at least 4.5:1, see ``PALETTE``), statuses and
severities always written as words (colour and symbols only repeat them),
and a print style. Every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from lcsprlint.report import ReportOptions, one_line_summary
from lcsprlint.results import FileResult, Finding
from lcsprlint.rule import Rule

#: Colour pairs (text, background) the stylesheet uses; each meets WCAG AA (4.5:1).
PALETTE: dict[str, tuple[str, str]] = {
    "page": ("#1b1b1b", "#ffffff"),
    "muted": ("#4d4d4d", "#ffffff"),
    "head": ("#1b1b1b", "#eceff3"),
    "snippet": ("#1b1b1b", "#f3f3f3"),
    "error": ("#8b1212", "#fdecec"),
    "warning": ("#6a4300", "#fff3d4"),
    "info": ("#0b4a7a", "#e7f0f9"),
    "met": ("#1d5c2a", "#e6f4e9"),
    "not-met": ("#8b1212", "#fdecec"),
    "advisory": ("#0b4a7a", "#e7f0f9"),
    "unchecked": ("#4d4d4d", "#f0f0f0"),
}

#: Status of a key message: (symbol, word). The word is what counts.
STATUSES: dict[str, tuple[str, str]] = {
    "met": ("✓", "Met"),
    "not-met": ("✗", "Not met"),
    "advisory": ("ℹ", "Advisory"),
    "unchecked": ("?", "Not checked"),
}
_SEVERITY_WORD = {"error": "Error", "warning": "Warning", "info": "Info"}
_WHOLE = "Whole document"
_OPENING = "Before the first heading"


def _css() -> str:
    p = PALETTE
    rules = [
        ":root{color-scheme:light}",
        "*{box-sizing:border-box}",
        f"body{{margin:0 auto;max-width:62rem;padding:1.5rem;color:{p['page'][0]};"
        f"background:{p['page'][1]};font:16px/1.5 system-ui,-apple-system,'Segoe UI',"
        "Roboto,'Helvetica Neue',Arial,sans-serif}",
        "h1{font-size:1.8rem;margin:0 0 .3rem}",
        "h2{font-size:1.45rem;margin:2.5rem 0 .4rem;padding-top:.8rem;"
        "border-top:3px solid #1b1b1b;overflow-wrap:anywhere}",
        "h3{font-size:1.2rem;margin:1.8rem 0 .4rem}",
        "h4{font-size:1rem;margin:0 0 .3rem}",
        f".muted,.path,.where{{color:{p['muted'][0]}}}",
        ".path{margin:0 0 .6rem;font-size:.95rem}",
        "nav ul{padding-left:1.2rem}",
        "a{color:#0b3d91}",
        "table{border-collapse:collapse;width:100%;margin:.8rem 0 1.2rem}",
        "caption{text-align:left;font-weight:700;padding:0 0 .4rem}",
        "th,td{border:1px solid #767676;padding:.35rem .6rem;text-align:left;vertical-align:top}",
        f"thead th{{background:{p['head'][1]};color:{p['head'][0]}}}",
        "tbody th{font-weight:600}",
        ".status{font-weight:700;white-space:nowrap}",
        ".sym{display:inline-block;width:1em}",
        "ol.findings{list-style:none;margin:0;padding:0}",
        ".finding{border:1px solid #767676;border-left-width:.4rem;border-radius:.25rem;"
        "padding:.6rem .9rem;margin:0 0 .9rem;break-inside:avoid}",
        ".badge{display:inline-block;border:1px solid currentColor;border-radius:.2rem;"
        "padding:0 .35rem;margin-right:.4rem;font-size:.85rem;font-weight:700;"
        "text-transform:uppercase;letter-spacing:.03em}",
        ".rule{font-family:ui-monospace,Menlo,Consolas,monospace;margin-right:.4rem}",
        ".where{margin:0 0 .3rem;font-size:.95rem}",
        ".message{margin:.2rem 0 .5rem;font-weight:600}",
        f"blockquote.snippet{{margin:.2rem 0 .6rem;padding:.3rem .7rem;"
        f"border-left:3px solid #767676;background:{p['snippet'][1]};"
        f"color:{p['snippet'][0]};font-style:italic;overflow-wrap:anywhere}}",
        "blockquote.snippet p{margin:0}",
        "dl{margin:.3rem 0 0;display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}",
        "dt{font-weight:700}",
        "dd{margin:0}",
        ".unreadable,.rule-errors{border:2px solid #8b1212;padding:.5rem .8rem;"
        f"background:{p['error'][1]};color:{p['page'][0]}}}",
        ".rule-errors p,.rule-errors ul,.unreadable{margin:.2rem 0}",
    ]
    for name in ("error", "warning", "info"):
        fg, bg = p[name]
        rules.append(f".sev-{name}{{border-left-color:{fg}}}")
        rules.append(f".badge-{name}{{color:{fg};background:{bg}}}")
    for name in STATUSES:
        fg, bg = p[name]
        rules.append(f".status-{name}{{color:{fg};background:{bg}}}")
    rules.append(
        "@media print{"
        "body{max-width:none;padding:0;font-size:10.5pt}"
        "nav{display:none}"
        ".file+.file{break-before:page}"
        "h2,h3,h4,caption{break-after:avoid}"
        "tr,.finding{break-inside:avoid}"
        "a{color:inherit;text-decoration:none}"
        "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
        "}"
    )
    return "\n".join(rules)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def render(results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions) -> str:
    """The whole report as one HTML document."""
    if len(results) == 1:
        title = f"lcsprlint report: {results[0].path}"
    else:
        title = f"lcsprlint report: {len(results)} files"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="lcsprlint">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{_css()}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>lcsprlint report</h1>",
        f"<p>{_e(one_line_summary(results))}</p>",
    ]
    if options.version:
        out.append(f'<p class="muted">Checked by lcsprlint {_e(options.version)}.</p>')
    out.append("</header>")
    if len(results) > 1:
        out.append('<nav aria-label="Files in this report"><ul>')
        for n, r in enumerate(results, 1):
            out.append(f'<li><a href="#file-{n}">{_e(r.path)}</a> ({_e(_counts(r))})</li>')
        out.append("</ul></nav>")
    out.append("<main>")
    for n, r in enumerate(results, 1):
        out.extend(_file(n, r, rules, options))
    out.extend(["</main>", "</body>", "</html>", ""])
    return "\n".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(r: FileResult) -> str:
    if r.error:
        return "could not be read"
    return (
        f"{_plural(r.count('error'), 'error')}, {_plural(r.count('warning'), 'warning')}, "
        f"{r.count('info')} info"
    )


def _file(n: int, r: FileResult, rules: Mapping[str, Rule], options: ReportOptions) -> list[str]:
    fid = f"file-{n}"
    out = [f'<section class="file" aria-labelledby="{fid}">', f'<h2 id="{fid}">{_e(r.path)}</h2>']
    facts = []
    if r.profile:
        facts.append(f"Document type: {r.profile}")
    if r.format:
        facts.append(f"format: {r.format}")
    facts.append(_counts(r))
    if r.suppressed:
        facts.append(f"{r.suppressed} suppressed")
    out.append(f'<p class="path">{_e("; ".join(facts))}</p>')
    if r.error:
        out.append(f'<p class="unreadable"><strong>Could not be read:</strong> {_e(r.error)}</p>')
        out.append("</section>")
        return out
    if r.rule_errors:
        out.append(
            '<div class="rule-errors"><p><strong>Rules that failed on this file:</strong></p>'
        )
        out.append("<ul>" + "".join(f"<li>{_e(m)}</li>" for m in r.rule_errors) + "</ul></div>")
    out.extend(_overview(r, rules))
    if not r.findings:
        out.append("<p>No findings.</p>")
    for g, (heading, path, findings) in enumerate(_groups(r.findings), 1):
        gid = f"{fid}-s{g}"
        out.append(f'<h3 id="{gid}">{_e(heading)}</h3>')
        if len(path) > 1:
            out.append(f'<p class="muted">In: {_e(" › ".join(path))}</p>')
        out.append(f'<ol class="findings" aria-labelledby="{gid}">')
        for f in findings:
            out.extend(_finding(f, rules.get(f.rule), options))
        out.append("</ol>")
    out.append("</section>")
    return out


def category_statuses(r: FileResult, rules: Mapping[str, Rule]) -> dict[str, str]:
    """Status per category of the rules that apply to the file's document type.

    ``not-met``: an error or warning in the category; ``advisory``: only info
    findings; ``unchecked``: no findings but one of its rules failed on the
    file; ``met`` otherwise. Categories of findings whose rule is unknown are
    included too, so no finding's category is missing.
    """
    order: list[str] = []
    for rule in rules.values():
        if rule.applies_to(r.profile) and rule.category not in order:
            order.append(rule.category)
    for f in r.findings:
        if f.category not in order:
            order.append(f.category)
    failed = {m.split(":", 1)[0].strip() for m in r.rule_errors}
    failed_categories = {rules[i].category for i in failed if i in rules}
    statuses: dict[str, str] = {}
    for category in order:
        severities = {f.severity for f in r.findings if f.category == category}
        if severities & {"error", "warning"}:
            statuses[category] = "not-met"
        elif severities:
            statuses[category] = "advisory"
        elif category in failed_categories:
            statuses[category] = "unchecked"
        else:
            statuses[category] = "met"
    return statuses


def _overview(r: FileResult, rules: Mapping[str, Rule]) -> list[str]:
    statuses = category_statuses(r, rules)
    if not statuses:
        return []
    out = [
        '<table class="overview">',
        f"<caption>Key messages: {_e(r.path)}</caption>",
        '<thead><tr><th scope="col">Key message (category)</th><th scope="col">Status</th>'
        '<th scope="col">Findings</th></tr></thead>',
        "<tbody>",
    ]
    for category, status in statuses.items():
        symbol, word = STATUSES[status]
        found = [f for f in r.findings if f.category == category]
        parts = [
            _plural(n, _SEVERITY_WORD[s].lower())
            for s in ("error", "warning", "info")
            if (n := sum(1 for f in found if f.severity == s))
        ]
        out.append(
            f'<tr><th scope="row">{_e(category)}</th>'
            f'<td class="status status-{status}"><span class="sym" aria-hidden="true">'
            f"{symbol}</span> {word}</td><td>{_e(', '.join(parts) or 'none')}</td></tr>"
        )
    out.extend(["</tbody>", "</table>"])
    return out


def _groups(findings: Sequence[Finding]) -> list[tuple[str, tuple[str, ...], list[Finding]]]:
    """Findings by section, in document order; findings about the whole document first.

    Findings come from the engine in document order, so a section's place is
    that of its first finding. Sections are told apart by their heading path,
    so two sections with the same title stay apart.
    """
    groups: dict[tuple[str, ...], tuple[str, tuple[str, ...], list[Finding]]] = {}
    whole = [f for f in findings if _is_whole(f)]
    if whole:
        groups[("whole",)] = (_WHOLE, (), whole)
    for f in findings:
        if _is_whole(f):
            continue
        loc = f.location
        key: tuple[str, ...]
        path: tuple[str, ...]
        if loc.section is None:
            key, heading, path = ("opening",), _OPENING, ()
        else:
            path = loc.section_path or (loc.section,)
            key, heading = ("section", *path), loc.section
        groups.setdefault(key, (heading, path, []))[2].append(f)
    return list(groups.values())


def _is_whole(f: Finding) -> bool:
    loc = f.location
    return (
        loc.section is None
        and loc.paragraph is None
        and loc.line is None
        and loc.page is None
        and loc.block is None
    )


def _place(f: Finding) -> str:
    loc = f.location
    parts = []
    if loc.story not in ("body", "title"):
        parts.append(loc.story.capitalize())
    if loc.page is not None:
        parts.append(f"page {loc.page}")
    elif loc.line is not None:
        parts.append(f"line {loc.line}")
    elif loc.paragraph is not None:
        parts.append(f"paragraph {loc.paragraph}")
    if not parts:
        return "Whole document" if loc.section is None else "Whole section"
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def _finding(f: Finding, rule: Rule | None, options: ReportOptions) -> list[str]:
    sev = f.severity if f.severity in _SEVERITY_WORD else "info"
    word = _SEVERITY_WORD.get(f.severity, f.severity.capitalize())
    out = [
        f'<li class="finding sev-{sev}">',
        f'<h4><span class="badge badge-{sev}">{_e(word)}</span> '
        f'<span class="rule">{_e(f.rule)}</span> {_e(f.name)}</h4>',
        f'<p class="where">{_e(_place(f))}</p>',
        f'<p class="message">{_e(f.message)}</p>',
    ]
    if f.snippet and not options.no_snippets:
        out.append(f'<blockquote class="snippet"><p>{_e(f.snippet)}</p></blockquote>')
    details = []
    if rule is not None:
        for label, text in (("What to do", rule.fix), ("Why", rule.rationale)):
            if text and text.strip():
                details.append(f"<dt>{label}</dt><dd>{_e(text.strip())}</dd>")
        if rule.source and rule.source.strip():
            details.append(f"<dt>Source</dt><dd>{_e(rule.source.strip())}</dd>")
        details.append(f"<dt>Category</dt><dd>{_e(f.category)}</dd>")
    if details:
        out.append("<dl>" + "".join(details) + "</dl>")
    out.append("</li>")
    return out
