"""Inline directives in Markdown and plain-text drafts.

Authors silence a rule where a finding is a deliberate choice, and the rule
test harness marks what must (not) fire, with HTML comments; both the
Markdown and the plain-text reader use this one syntax::

    <!-- lcsprlint-disable RULE[, RULE] -->   from here on (no RULE: all rules)
    <!-- lcsprlint-enable RULE -->            again from here on
    <!-- lcsprlint-disable-next RULE -->      only the next block
    <!-- expect: RULE -->                     test harness: RULE must fire on the next block
    <!-- ok: RULE -->                         test harness: RULE must not fire there

Readers only *record* directives (the engine interprets them): every comment
whose content starts with ``lcsprlint-``, ``expect:`` or ``ok:`` becomes a
:class:`~lcsprlint.model.Directive` with its content (whitespace collapsed),
its 1-based source line and the index of the block it applies to: the block
the comment sits inside when it is inline in a paragraph, else the first block
at or after its line. Block indexes are only final once
:func:`~lcsprlint.readers.assemble.assemble` has dropped empty blocks, so
readers collect :class:`Found` records first and call :func:`attach` on the
assembled document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace

from lcsprlint.model import Directive, Document
from lcsprlint.textutil import LazyPattern

#: Comment contents that are directives (matched case-insensitively).
DIRECTIVE_PREFIXES = ("lcsprlint-", "expect:", "ok:")
#: lcsprlint's own annotation comments (lcsprlint annotate) are not text either.
_ANNOTATION = "<!-- lcsprlint: ["

#: Whole lines of comments; a comment's body cannot run past its "-->", which keeps
#: matching linear (a lazy ".*?" here backtracks exponentially on many comments).
_ONLY_COMMENTS = LazyPattern(r"^\s*(?:<!--(?:(?!-->).)*-->\s*)+$", re.DOTALL)
_SPACES = re.compile(r"\s+")
#: A comment running longer than this is taken for stray text, not a directive.
_MAX_COMMENT_LINES = 50


@dataclass(frozen=True, slots=True)
class Found:
    """A directive comment before block indexes are known.

    ``inside`` is the source line of the block holding an inline comment
    (None for a comment standing on its own lines).
    """

    text: str
    line: int
    inside: int | None = None


def directive_text(content: str) -> str | None:
    """The directive in a comment's content, or None if the comment is not one."""
    text = _SPACES.sub(" ", content).strip()
    return text if text.lower().startswith(DIRECTIVE_PREFIXES) else None


def scan_comments(source: str, first_line: int = 1, inside: int | None = None) -> list[Found]:
    """Every directive comment in ``source``, whose first line is ``first_line``.

    A plain ``find`` loop rather than a regex: an unclosed ``<!--`` ends the
    scan at once instead of being retried from every later ``<!--``.
    """
    out: list[Found] = []
    line, pos, start = first_line, 0, source.find("<!--")
    while start >= 0:
        end = source.find("-->", start + 4)
        if end < 0:
            break
        line += source.count("\n", pos, start)
        pos = start
        text = directive_text(source[start + 4 : end])
        if text is not None:
            out.append(Found(text, line, inside))
        start = source.find("<!--", end + 3)
    return out


def comment_lines(lines: list[str], start: int) -> tuple[int, list[Found]] | None:
    """Comments filling whole lines from ``lines[start]`` (0-based), for plain text.

    Returns ``(end, found)``: ``end`` is the index after the last line the
    comments take and ``found`` the directives among them. None when
    ``lines[start]`` does not start a comment, the comment shares its lines
    with other text, or no comment there is a directive: in a plain-text file
    an ordinary comment is text the author will publish, so it stays text.
    """
    first = lines[start]
    if not first.lstrip().startswith("<!--"):
        return None
    opening = first.find("<!--")
    chunk, end = first, start
    while chunk.find("-->", opening + 4) < 0:
        end += 1
        if end >= len(lines) or end - start > _MAX_COMMENT_LINES:
            return None
        chunk += "\n" + lines[end]
    if not _ONLY_COMMENTS.match(chunk):
        return None
    found = scan_comments(chunk, start + 1)
    if found or _ANNOTATION in chunk:
        return end + 1, found
    return None


def attach(doc: Document, found: Iterable[Found]) -> Document:
    """Return ``doc`` with its directives, each tied to the block it applies to.

    Relies on block lines rising in reading order, which holds for every
    reader that numbers lines (Markdown and plain text).
    """
    numbered = [(b.line, b.index) for b in doc.blocks if b.line is not None]
    lines = [line for line, _ in numbered]
    directives: list[Directive] = []
    for f in sorted(found, key=lambda f: f.line):
        block: int | None = None
        if f.inside is not None:
            i = bisect_left(lines, f.inside)
            if i < len(lines) and lines[i] == f.inside:
                block = numbered[i][1]
        if block is None:
            i = bisect_left(lines, f.line)
            if i < len(lines):
                block = numbered[i][1]
        directives.append(Directive(text=f.text, line=f.line, block=block))
    return replace(doc, directives=tuple(directives))
