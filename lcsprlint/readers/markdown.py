"""Markdown reader (CommonMark plus pipe tables, via markdown-it-py).

Markdown states headings, lists and tables, so most of the model comes
straight from the parse. What it cannot state is what drafts converted from
Word are full of: headings typed as bold paragraphs (``**3. Findings**``),
numbered lines (``4.2 Key lines of enquiry``) and ALL-CAPS lines. Those are
passed to :func:`~lcsprlint.readers.assemble.assemble` as *candidates*, which
keeps the ones that head text and rejects contents lists. A one-item ordered
list that reads as a title (``3. Analysis``, which CommonMark parses as a list
starting at 3) is a candidate too.

Block text is the text a reader sees: emphasis markers dropped, links as their
text, images as their alt text, inline code kept, soft line breaks as spaces
and hard breaks as newlines. Fenced and indented code is skipped; quoted
paragraphs are read as paragraphs (they are still in the report) but are never
headings. HTML is ignored, except comments holding directives (see
:mod:`~lcsprlint.readers.directives`).

A ``1. Title`` line underlined with ``----`` is read as the setext heading
its author meant (CommonMark sees a list item and a rule). When the file
opens with a paragraph rather than a heading, its first line is the title if
it reads as one (as in plain text; protective markings are skipped).

YAML front matter (a leading ``---`` ... ``---`` block) is not parsed as
YAML: its simple ``key: value`` lines become metadata, ``title`` the
document title, and its lines are blanked so line numbers still match the
file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from lcsprlint.model import Document, Metadata
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.readers.decode import read_text_file
from lcsprlint.readers.directives import Found, attach, scan_comments
from lcsprlint.readers.pseudo import (
    bold_title,
    heading_text,
    settle_standalone,
    split_runin,
    standalone_title,
)
from lcsprlint.readers.text import (
    caps_title,
    contents_title,
    is_marking,
    numbered_title,
    question_title,
    title_line,
)
from lcsprlint.textutil import is_toc_entry

_PARSER = MarkdownIt("commonmark").enable("table")

_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_FRONT_FIELDS = ("title", "subject", "author", "keywords", "description")
#: Front matter longer than this is not front matter but a document that starts with a rule.
_MAX_FRONT_MATTER_LINES = 200


def split_front_matter(source: str) -> tuple[str, dict[str, str]]:
    """Blank out a leading YAML front-matter block and return its simple fields.

    Only ``key: value`` lines with a scalar value are read (quotes removed);
    lists, nested maps and block scalars are ignored. Parsing YAML properly
    would buy nothing here and expose the reader to alias bombs.
    """
    if not source.startswith("---"):
        return source, {}
    lines = source.split("\n")
    if lines[0].rstrip() != "---":
        return source, {}
    end = next(
        (
            j
            for j in range(1, min(len(lines), _MAX_FRONT_MATTER_LINES + 1))
            if lines[j].rstrip() in ("---", "...")
        ),
        None,
    )
    if end is None:
        return source, {}
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        m = _FRONT_KEY.match(line)
        if not m or not m.group(2) or m.group(2)[0] in "|>[{&*":
            continue
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if value:
            fields.setdefault(m.group(1).lower(), value)
    blanked = "\n" * end + "\n" + "\n".join(lines[end + 1 :])
    return blanked, fields


def _metadata(fields: dict[str, str]) -> Metadata:
    # Any: the names are Metadata's text fields, which mypy cannot tell from the tuple.
    known: dict[str, Any] = {name: fields.get(name) for name in _FRONT_FIELDS}
    extra = tuple((k, v) for k, v in fields.items() if k not in _FRONT_FIELDS)
    return Metadata(extra=extra, **known)


@dataclass
class _Item:
    """An open list item: its block (already placed) and its paragraphs so far."""

    block: RawBlock
    parts: list[str] = field(default_factory=list)
    ordered: bool = False
    delimiter: str = ""


@dataclass
class _List:
    ordered: bool
    items: list[_Item] = field(default_factory=list)
    nested: bool = False  # holds a nested list or other blocks besides paragraphs


class _Reader:
    """One walk over the token stream of one file."""

    def __init__(self) -> None:
        self.raw: list[RawBlock] = []
        self.found: list[Found] = []
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.quotes = 0
        self.tables = 0
        self.row = 0
        self.cells: list[str] | None = None
        self.row_line: int | None = None
        self.last_item: _Item | None = None
        self.title_pending = True  # no block yet but protective markings
        self.breaks: list[int] = []  # line-break offsets in the last inline text
        self.standalone: set[int] = set()  # lone short lines that may head what follows

    def read(self, tokens: list[Token]) -> list[RawBlock]:
        handlers = {
            name: getattr(self, "_" + name)
            for name in (
                "heading_open",
                "paragraph_open",
                "blockquote_open",
                "blockquote_close",
                "html_block",
                "bullet_list_open",
                "bullet_list_close",
                "ordered_list_open",
                "ordered_list_close",
                "list_item_open",
                "list_item_close",
                "hr",
                "table_open",
                "tr_open",
                "th_open",
                "td_open",
                "tr_close",
            )
        }
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            handler = handlers.get(tok.type)
            if handler is not None and handler(tok, tokens[i + 1] if i + 1 < n else None):
                i += 1  # the handler consumed the following inline token
            i += 1
        return self.raw

    # -- blocks -----------------------------------------------------------

    def _heading_open(self, tok: Token, inline: Token | None) -> bool:
        line = _line(tok)
        text, bold = self._inline_text(inline, line)
        self._mark_nested()
        self.title_pending = False
        self.raw.append(RawBlock("heading", text, level=int(tok.tag[1:]), line=line, bold=bold))
        return True

    def _paragraph_open(self, tok: Token, inline: Token | None) -> bool:
        line = _line(tok)
        if self.items:
            item = self.items[-1]
            text, _ = self._inline_text(inline, line, inside=item.block.line)
            item.parts.append(text)
            return True
        text, bold = self._inline_text(inline, line)
        if self.title_pending and not self.quotes and self._title(text, line):
            return True
        block = RawBlock("paragraph", text, line=line, bold=bold)
        if not self.quotes and "\n" not in text and not is_marking(text):
            block.candidate = (bold and bold_title(text)) or (
                _one_line(tok)
                and (
                    numbered_title(text)
                    or caps_title(text)
                    or contents_title(text)
                    or question_title(text)
                )
            )
            if block.candidate and bold:
                block.text = heading_text(text)
            elif not block.candidate and not bold and _one_line(tok) and standalone_title(text):
                self.standalone.add(len(self.raw))
        if not block.candidate and not self.quotes and inline is not None:
            assert inline.children is not None  # markdown-it gives every inline token a list
            lead = _lead_bold_chars(inline.children, text)
            if lead:
                self.raw.extend(split_runin(block, lead))
                return True
        self.raw.append(block)
        return True

    def _title(self, text: str, line: int | None) -> bool:
        """Read the first paragraph's first line as the title when it is one (as in plain text).

        Drafts converted from Word often have no ``#`` heading at all, only a
        title page; without this the title would default to the first heading.
        """
        if not text or is_marking(text):
            return False  # a logo or a marking above the title does not take its place
        self.title_pending = False
        cuts = [0, *(b + 1 for b in self.breaks), len(text) + 1]
        lines = [text[a : b - 1] for a, b in pairwise(cuts)]
        if not title_line(lines):
            return False
        self.raw.append(RawBlock("title", lines[0].strip(), line=line))
        if len(lines) > 1:
            rest = text[cuts[1] :].strip()
            self.raw.append(RawBlock("paragraph", rest, line=None if line is None else line + 1))
        return True

    def _blockquote_open(self, tok: Token, nxt: Token | None) -> bool:
        self.quotes += 1
        self._mark_nested()
        return False

    def _blockquote_close(self, tok: Token, nxt: Token | None) -> bool:
        self.quotes -= 1
        return False

    def _html_block(self, tok: Token, nxt: Token | None) -> bool:
        if "<!--" in tok.content:
            line = _line(tok)
            assert line is not None  # markdown-it maps every block token to its lines
            self.found.extend(scan_comments(tok.content, line))
        return False

    # -- lists ----------------------------------------------------------------

    def _bullet_list_open(self, tok: Token, nxt: Token | None) -> bool:
        self.title_pending = False
        self._mark_nested()
        self.lists.append(_List(ordered=False))
        return False

    def _ordered_list_open(self, tok: Token, nxt: Token | None) -> bool:
        self.title_pending = False
        self._mark_nested()
        self.lists.append(_List(ordered=True))
        return False

    def _list_item_open(self, tok: Token, nxt: Token | None) -> bool:
        current = self.lists[-1]
        block = RawBlock(
            "list-item",
            "",
            level=len(self.lists),
            line=_line(tok),
            list_style="number" if current.ordered else "bullet",
            number=(tok.info or None) if current.ordered else None,
        )
        self.raw.append(block)
        item = _Item(block, ordered=current.ordered, delimiter=tok.markup)
        current.items.append(item)
        self.items.append(item)
        return False

    def _list_item_close(self, tok: Token, nxt: Token | None) -> bool:
        item = self.items.pop()
        self.last_item = item
        item.block.text = "\n".join(p for p in item.parts if p)
        if is_toc_entry(item.block.text):
            item.block.kind = "toc"
        return False

    def _bullet_list_close(self, tok: Token, nxt: Token | None) -> bool:
        self.lists.pop()
        return False

    def _ordered_list_close(self, tok: Token, nxt: Token | None) -> bool:
        lst = self.lists.pop()
        if len(lst.items) != 1 or lst.nested or self.lists or self.quotes:
            return False
        item = lst.items[0]
        block = item.block
        label = f"{block.number}{item.delimiter} {block.text}"
        if item.delimiter == "." and len(item.parts) == 1 and numbered_title(label):
            block.kind, block.text, block.candidate = "paragraph", label, True
            block.level = block.number = block.list_style = None
        return False

    def _hr(self, tok: Token, nxt: Token | None) -> bool:
        """``1. Title`` underlined with ``----``: CommonMark reads a list item and a
        rule, but the author wrote a setext heading; read it as one."""
        item = self.last_item
        if (
            item is None
            or not item.ordered
            or not self.raw
            or self.raw[-1] is not item.block
            or set(tok.markup) != {"-"}
            or len(item.parts) != 1
            or "\n" in item.parts[0]
            or item.block.line is None
            or _line(tok) != item.block.line + 1
        ):
            return False
        block = item.block
        if block.kind == "list-item":
            block.text = f"{block.number}{item.delimiter} {block.text}"
        block.kind, block.level, block.candidate = "heading", 2, False
        block.number = block.list_style = None
        return False

    def _mark_nested(self) -> None:
        """Note that the innermost open list holds more than plain paragraphs."""
        if self.lists:
            self.lists[-1].nested = True

    # -- tables ---------------------------------------------------------------

    def _table_open(self, tok: Token, nxt: Token | None) -> bool:
        self.title_pending = False
        self._mark_nested()
        self.tables += 1
        self.row = 0
        return False

    def _tr_open(self, tok: Token, nxt: Token | None) -> bool:
        self.cells = []
        self.row_line = _line(tok)
        return False

    def _th_open(self, tok: Token, inline: Token | None) -> bool:
        return self._cell(inline)

    def _td_open(self, tok: Token, inline: Token | None) -> bool:
        return self._cell(inline)

    def _cell(self, inline: Token | None) -> bool:
        if inline is None or inline.type != "inline" or self.cells is None:
            return False
        text, _ = self._inline_text(inline, self.row_line, inside=self.row_line)
        self.cells.append(text)
        return True

    def _tr_close(self, tok: Token, nxt: Token | None) -> bool:
        cells = tuple(self.cells or ())
        self.raw.append(
            RawBlock(
                "table-row",
                " | ".join(cells),
                line=self.row_line,
                table=self.tables - 1,
                row=self.row,
                cells=cells,
            )
        )
        self.row += 1
        self.cells = None
        return False

    # -- inline ---------------------------------------------------------------

    def _inline_text(
        self, inline: Token | None, line: int | None, inside: int | None = None
    ) -> tuple[str, bool]:
        """Plain text of an inline token, and whether it is bold throughout.

        Directive comments met on the way are recorded; ``inside`` is the line
        of the block they belong to (the paragraph itself unless given).
        """
        self.breaks = []
        if inline is None or inline.type != "inline" or not inline.children:
            return "", False
        parts: list[str] = []
        breaks: list[int] = []
        size = 0
        offset = 0  # source lines past ``line``
        squeeze = False  # an HTML tag was dropped between two spaces
        for child in inline.children:
            kind = child.type
            if kind in ("text", "code_inline", "image"):
                content = child.content
                if squeeze and content.startswith(" "):
                    content = content[1:]
                parts.append(content)
                size += len(content)
                squeeze = False
                continue
            squeeze = False
            if kind == "softbreak":
                breaks.append(size)
                parts.append(" ")
                size += 1
                offset += 1
            elif kind == "hardbreak":
                breaks.append(size)
                parts.append("\n")
                size += 1
                offset += 1
            elif kind == "html_inline":
                squeeze = bool(parts) and parts[-1].endswith(" ")
                if "<!--" in child.content and line is not None:
                    where = inside if inside is not None else line
                    self.found.extend(scan_comments(child.content, line + offset, where))
                offset += child.content.count("\n")
        raw = "".join(parts)
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        self.breaks = [b - lead for b in breaks if 0 < b - lead < len(text)]
        return text, _all_bold(inline.children)


def _line(tok: Token) -> int | None:
    return tok.map[0] + 1 if tok.map else None


def _one_line(tok: Token) -> bool:
    return tok.map[1] - tok.map[0] == 1 if tok.map else False


def _lead_bold_chars(children: list[Token], text: str) -> int:
    """How many characters of ``text`` a leading ``**bold**`` span covers (0 if none)."""
    kids = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if not kids or kids[0].type != "strong_open":
        return 0
    depth, lead = 0, []
    for c in kids:
        if c.type == "strong_open":
            depth += 1
        elif c.type == "strong_close":
            depth -= 1
            if depth == 0:
                break
        elif c.type in ("text", "code_inline"):
            lead.append(c.content)
    prefix = "".join(lead).strip()
    return len(prefix) if prefix and text.startswith(prefix) and len(prefix) < len(text) else 0


def _all_bold(children: list[Token]) -> bool:
    """Whether the whole inline content sits inside one ``**strong**`` span."""
    kids = [
        c
        for c in children
        if not (c.type in ("text", "softbreak") and not c.content.strip())
        and not (c.type == "html_inline" and c.content.startswith("<!--"))
    ]
    bold = False
    while len(kids) >= 2 and kids[0].type in ("strong_open", "em_open"):
        opener = kids[0].type
        closer = opener.replace("_open", "_close")
        if kids[-1].type != closer:
            return False
        depth = 0
        for c in kids[:-1]:
            depth += (c.type == opener) - (c.type == closer)
            if depth == 0:
                return False  # the span closes before the end: "**a** and **b**"
        bold = bold or opener == "strong_open"
        kids = kids[1:-1]
    return bold and bool(kids)


def read_markdown(path: Path) -> Document:
    """Read a Markdown draft into the document model (see module docstring)."""
    source, fields = split_front_matter(read_text_file(path))
    reader = _Reader()
    raw = reader.read(_PARSER.parse(source))
    settle_standalone(raw, reader.standalone)
    extras = Extras(title=fields.get("title"), metadata=_metadata(fields))
    doc = assemble(str(path), "markdown", raw, extras)
    return attach(doc, reader.found)
