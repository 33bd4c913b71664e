"""Render a simple Markdown draft as .docx, with headings in one of five Word conventions.

The labelled corpus is written in Markdown; real drafts arrive as Word files
whose headings are made in different ways. Rendering the same words with each
convention lets the tests check that rules reach the same verdicts however
the author made the headings:

``styles``    Heading N styles.
``bold``      wholly bold Normal paragraphs, keeping any number in the text.
``numbered``  plain (not bold) "3. Title" lines; headings without a number get one.
``outline``   Normal paragraphs with ``w:outlineLvl`` set.
``custom``    a custom style "Report Heading N" based on Heading N.

The output is faithful to the text (the same words) and deterministic (blank
metadata, fixed dates and zip timestamps). Supported Markdown: ATX and setext
headings, paragraphs (soft breaks become line breaks), bold/italic/code/links
inline, bullet and numbered lists (nested), pipe tables, block quotes and
code blocks (as plain paragraphs). HTML comments and rules are dropped.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

from lcsprlint.readers.markdown import split_front_matter
from lcsprlint.readers.text import numbered_title
from lcsprlint.textutil import split_heading_number
from support.docx_fixtures import (
    NSDECL,
    ensure_style,
    make_element,
    new_document,
    save,
    set_ppr,
    w,
)

HEADING_STYLES = ("styles", "bold", "numbered", "outline", "custom")


def markdown_to_docx(md_text: str, out: Path, heading_style: str = "styles") -> Path:
    """Write ``md_text`` to ``out`` as .docx with headings made the ``heading_style`` way."""
    if heading_style not in HEADING_STYLES:
        raise ValueError(f"heading_style must be one of {HEADING_STYLES}")
    source, fields = split_front_matter(md_text)
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    renderer = _Renderer(new_document(), heading_style, tokens)
    renderer.render()
    # Front matter is the document's properties, as Word keeps them, not its text.
    props = renderer.doc.core_properties
    props.title = fields.get("title", props.title or "")
    props.author = fields.get("author", props.author or "")
    props.last_modified_by = fields.get("last_modified_by", props.last_modified_by or "")
    return save(renderer.doc, out)


class _Renderer:
    def __init__(self, doc: DocxDocument, heading_style: str, tokens: list[Token]) -> None:
        self.doc = doc
        self.heading_style = heading_style
        self.tokens = tokens
        self.lists: list[tuple[str, int | None]] = []  # (kind, numId) per open list
        self.counters = [0] * 9
        self.numbered_lines = self._numbered_lines()
        levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
        levels += [2 for kind, _label, _end in self.numbered_lines.values() if kind == "heading"]
        self.title_level = self._title_level(levels)
        self.base_level = min((lv for lv in levels if lv != self.title_level), default=1)

    @staticmethod
    def _title_level(levels: list[int]) -> int | None:
        """A lone first heading at the shallowest level is the document's title."""
        if levels and levels.count(levels[0]) == 1 and levels[0] == min(levels):
            return levels[0]
        return None

    def _numbered_lines(self) -> dict[int, tuple[str, str, int]]:
        """ "N. Title" lines that CommonMark reads as list items, read as the Markdown reader does.

        The last item of a top-level ordered list underlined with ``---`` is a
        level-2 heading; a lone ``1. Introduction`` line (a one-item list) is a
        numbered pseudo-heading line. Maps the item's ``list_item_open`` index to
        ``(kind, label, index to resume at)``; the list ends there.
        """
        toks = self.tokens
        found: dict[int, tuple[str, str, int]] = {}
        depth = 0
        opened: list[int] = []
        for i, t in enumerate(toks):
            if t.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
                depth += 1
                opened.append(i)
                continue
            if t.type not in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
                continue
            depth -= 1
            start = opened.pop()
            if t.type != "ordered_list_close" or depth or toks[start].markup != ".":
                continue
            item = i - 5
            shape = [x.type for x in toks[item:i]]
            if (
                shape
                != [
                    "list_item_open",
                    "paragraph_open",
                    "inline",
                    "paragraph_close",
                    "list_item_close",
                ]
                or "\n" in toks[item + 2].content
            ):
                continue
            label = f"{toks[item].info}. {toks[item + 2].content}"
            hr = toks[i + 1] if i + 1 < len(toks) else None
            line = toks[item].map[0] if toks[item].map else -2
            underlined = (
                hr is not None
                and hr.type == "hr"
                and set(hr.markup) == {"-"}
                and bool(hr.map)
                and hr.map[0] == line + 1
            )
            if underlined:
                found[item] = ("heading", label, i + 2)
                continue
            if item == start + 1 and numbered_title(label):
                found[item] = ("paragraph", label, i + 1)
        return found

    def render(self) -> None:
        toks = self.tokens
        i = 0
        in_item = False
        while i < len(toks):
            t = toks[i]
            kind = t.type
            if kind == "heading_open":
                self._heading(int(t.tag[1]), toks[i + 1])
                i += 3
                continue
            if i in self.numbered_lines:
                line_kind, _label, end = self.numbered_lines[i]
                prefix = f"{t.info}. "
                if line_kind == "heading":
                    self._heading(2, toks[i + 2], prefix)
                else:
                    self._paragraph(toks[i + 2], prefix=prefix)
                self.lists.pop()
                in_item = False
                i = end
                continue
            if kind == "paragraph_open":
                inline = toks[i + 1]
                if self.lists and in_item:
                    self._list_paragraph(inline)
                    in_item = False
                else:
                    self._paragraph(inline)
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                self._open_list(t)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                in_item = True
            elif kind == "table_open":
                i = self._table(i)
                continue
            elif kind in ("fence", "code_block"):
                for line in t.content.rstrip("\n").split("\n"):
                    self.doc.add_paragraph(line)
            i += 1

    # -- blocks -----------------------------------------------------------------------

    def _paragraph(self, inline: Token, style: str | None = None, prefix: str = "") -> Paragraph:
        p = self.doc.add_paragraph(style=style)
        if prefix:
            p.add_run(prefix)
        _inline(p, inline)
        return p

    def _heading(self, level: int, inline: Token, prefix: str = "") -> None:
        style = self.heading_style
        text = prefix + _plain(inline)
        if style == "styles":
            self._paragraph(inline, f"Heading {level}", prefix)
        elif style == "custom":
            name = ensure_style(self.doc, f"Report Heading {level}", f"Heading {level}")
            self._paragraph(inline, name, prefix)
        elif style == "outline":
            p = self._paragraph(inline, prefix=prefix)
            set_ppr(p._p.get_or_add_pPr(), f'<w:outlineLvl {NSDECL} w:val="{min(level, 9) - 1}"/>')
        elif style == "bold":
            p = self._paragraph(inline, prefix=prefix)
            for run in p.runs:
                run.bold = True
        else:
            self.doc.add_paragraph(self._numbered(level, text))

    def _numbered(self, level: int, text: str) -> str:
        """The heading text with a number: its own, or the next one at its depth."""
        if level == self.title_level:
            return text
        depth = max(level - self.base_level, 0)
        number, _rest = split_heading_number(text)
        if number is not None:
            parts = number.split(".")
            if all(x.isdigit() for x in parts):
                for k, x in enumerate(parts[:9]):
                    self.counters[k] = int(x)
                self.counters[len(parts) :] = [0] * (9 - len(parts))
            return text
        self.counters[depth] += 1
        self.counters[depth + 1 :] = [0] * (8 - depth)
        parts = [str(max(c, 1)) for c in self.counters[: depth + 1]]
        label = f"{parts[0]}." if depth == 0 else ".".join(parts)
        return f"{label} {text}"

    def _open_list(self, t: Token) -> None:
        if t.type == "bullet_list_open":
            self.lists.append(("bullet", None))
            return
        start = int(t.attrs.get("start", 1) or 1)
        self.lists.append(("number", self._new_num(start)))

    def _new_num(self, start: int) -> int:
        """A fresh numbering instance of List Number, so each list restarts at ``start``."""
        numbering = self.doc.part.numbering_part.element
        style = self.doc.styles["List Number"].element
        base_num = style.pPr.numPr.numId.val
        abstract = next(
            n.find(w("abstractNumId")).get(w("val"))
            for n in numbering.iterchildren(w("num"))
            if n.get(w("numId")) == str(base_num)
        )
        num_id = 1 + max(int(n.get(w("numId"))) for n in numbering.iterchildren(w("num")))
        numbering.append(
            make_element(
                f'<w:num {NSDECL} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return num_id

    def _list_paragraph(self, inline: Token) -> None:
        kind, num_id = self.lists[-1]
        depth = min(len(self.lists), 3)
        base = "List Bullet" if kind == "bullet" else "List Number"
        p = self._paragraph(inline, base if depth == 1 else f"{base} {depth}")
        if num_id is not None and depth == 1:
            set_ppr(
                p._p.get_or_add_pPr(),
                f'<w:numPr {NSDECL}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>',
            )

    def _table(self, i: int) -> int:
        rows: list[list[Token]] = []
        toks = self.tokens
        while toks[i].type != "table_close":
            t = toks[i]
            if t.type == "tr_open":
                rows.append([])
            elif t.type == "inline":
                rows[-1].append(t)
            i += 1
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, inline in enumerate(row):
                _inline(table.cell(r, c).paragraphs[0], inline)
        return i + 1


def _plain(inline: Token) -> str:
    return "".join(
        c.content if c.type in ("text", "code_inline") else ("\n" if "break" in c.type else "")
        for c in inline.children or []
    )


def _inline(p: Paragraph, inline: Token) -> None:
    """Add the inline content as runs, keeping bold and italic."""
    bold = italic = 0
    for c in inline.children or []:
        if c.type == "strong_open":
            bold += 1
        elif c.type == "strong_close":
            bold -= 1
        elif c.type == "em_open":
            italic += 1
        elif c.type == "em_close":
            italic -= 1
        elif c.type in ("text", "code_inline") and c.content:
            run = p.add_run(c.content)
            run.bold = bool(bold) or None
            run.italic = bool(italic) or None
        elif c.type in ("softbreak", "hardbreak"):
            p.add_run().add_break()
