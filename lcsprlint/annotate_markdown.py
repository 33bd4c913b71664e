"""Findings as HTML comments in a copy of a Markdown or plain-text draft.

Each finding becomes ``<!-- lcsprlint: [WARNING] LCSPR140 name: message ... -->``
on its own line just above the line it concerns (findings about the whole
document go at the top, after any front matter). Such comments do not show
when the Markdown is rendered and the readers skip them, so an annotated copy
lints like its original. Earlier ``<!-- lcsprlint: [`` lines are dropped
first, so annotating an annotated copy replaces its comments.

A comment is placed where it cannot change the draft's structure: above the
block holding the line when the line continues a paragraph or a table (a
comment line between two table rows would end the table), above the line
itself when it starts a block (heading, list item, paragraph).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from lcsprlint.annotate import check_destination, comment_text, write_atomic
from lcsprlint.readers.decode import read_text_file
from lcsprlint.readers.sniff import MARKDOWN_EXTENSIONS as _MARKDOWN
from lcsprlint.results import Finding
from lcsprlint.rule import Rule

#: How lcsprlint's own annotation lines start; nothing else is ever removed.
PREFIX = "<!-- lcsprlint: ["
_OWN_LINE = re.compile(r"^[ \t]*<!-- lcsprlint: \[.*-->[ \t]*$")
#: Lines that open a block of their own: ATX heading, list item, block quote, fence.
_BLOCK_START = re.compile(r"^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|>|```|~~~)")
#: Lines after which a new block starts: ATX heading, setext underline or rule, a comment.
_BLOCK_END = re.compile(r"^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|<!--.*-->[ \t]*$)")
_INDENT = re.compile(r"^[ \t]*")


def annotate_markdown(
    source: Path,
    dest: Path,
    findings: Sequence[Finding],
    rules: Mapping[str, Rule],
    *,
    allow_overwrite: bool = False,
) -> int:
    """Write a copy of ``source`` with one comment line per finding; return how many.

    Line numbers are those the Markdown and text readers give (after decoding
    and normalising line endings), so the copy is written as UTF-8 text with
    the input's line-ending style (CRLF kept) and a UTF-8 BOM kept if it had one.
    """
    source, dest = Path(source), Path(dest)
    check_destination(source, dest, allow_overwrite)
    text = read_text_file(source)
    raw_head = source.read_bytes()[:65536]
    newline = "\r\n" if b"\r\n" in raw_head else "\n"
    bom = raw_head.startswith(codecs.BOM_UTF8)

    out = annotated_text(text, findings, rules, front_matter=source.suffix.lower() in _MARKDOWN)
    data = out.replace("\n", newline).encode("utf-8")
    if bom:
        data = codecs.BOM_UTF8 + data
    write_atomic(dest, lambda fh: fh.write(data))
    return len(findings)


def annotated_text(
    text: str,
    findings: Sequence[Finding],
    rules: Mapping[str, Rule],
    *,
    front_matter: bool = True,
) -> str:
    """``text`` with earlier annotations removed and one comment line per finding added.

    ``front_matter``: a leading YAML block is front matter (Markdown), whose
    end is where comments about the whole document go.
    """
    lines = text.split("\n")
    body_start = _front_matter_end(lines) if front_matter else 0
    kept = [i for i, line in enumerate(lines) if not _OWN_LINE.match(line)]
    # Source line index -> index in ``kept`` of that line, or of the next kept one.
    next_kept = [len(kept)] * (len(lines) + 1)
    k = len(kept)
    for i in range(len(lines) - 1, -1, -1):
        if k > 0 and kept[k - 1] == i:
            k -= 1
        next_kept[i] = k
    klines = [lines[i] for i in kept]
    first_body = next_kept[min(body_start, len(lines))]
    # Past the end: above the empty string that follows a final newline, if any.
    last = len(klines) - 1 if klines and klines[-1] == "" else len(klines)

    before: dict[int, list[str]] = {}
    for finding in findings:
        line = finding.location.line
        if line is None or line < 1 or line - 1 < body_start:
            at = min(first_body, last)
        else:
            at = min(next_kept[min(line - 1, len(lines))], last)
            at = max(_block_start(klines, at, first_body), first_body)
        before.setdefault(at, []).append(_comment(finding, rules))

    out: list[str] = []
    for j, kline in enumerate(klines):
        for c in before.get(j, ()):
            out.append(_indent_like(kline) + c)
        out.append(kline)
    for c in before.get(len(klines), ()):
        out.append(c)
    return "\n".join(out)


def _comment(finding: Finding, rules: Mapping[str, Rule]) -> str:
    # "--" may not appear inside an HTML comment ("-->" would end it early).
    body = comment_text(finding, rules).replace("--", "- -")
    return f"<!-- lcsprlint: {body} -->"


def _indent_like(line: str) -> str:
    """Indent a comment like the list item it annotates, so it stays inside the list."""
    if not line.strip():
        return ""
    indent = _INDENT.match(line)
    assert indent is not None  # ^[ \t]* matches at the start of any line
    return indent.group(0)


def _block_start(lines: list[str], at: int, floor: int) -> int:
    """The line a comment for line ``at`` goes above: the start of its block.

    A line that continues a paragraph or table climbs to the block's first
    line; a heading, list item, quote or fence opens a block of its own, and
    so does the line after a heading, a rule or a comment.
    """
    while at > floor and at < len(lines):
        line = lines[at]
        before = lines[at - 1]
        if not line.strip() or _BLOCK_START.match(line):
            return at
        if not before.strip() or _BLOCK_END.match(before):
            return at
        at -= 1
    return at


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a leading YAML front-matter block (0 if none).

    The same test as :func:`lcsprlint.readers.markdown.split_front_matter`.
    """
    if not lines or lines[0].rstrip() != "---":
        return 0
    for j in range(1, min(len(lines), 201)):
        if lines[j].rstrip() in ("---", "..."):
            return j + 1
    return 0
