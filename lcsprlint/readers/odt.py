"""OpenDocument text reader (.odt, as saved by LibreOffice or Word).

Read straight from the package's XML with a safe lxml parser (no entities,
no network, no huge trees) rather than odfpy: odfpy's text extraction puts
comment text inline in the paragraph and returns tracked deletions as body
paragraphs (technical notes 5.3), which would publish exactly what the
hygiene checks look for. So:

* ``text:h`` is a stated heading, its level ``text:outline-level``;
  ``text:p`` a paragraph; paragraphs in ``text:list`` list items nested by
  list depth; ``table:table-row`` table rows; sections are read through;
* ``office:annotation`` subtrees are kept out of the text and become
  :class:`~lcsprlint.model.Comment` (author, date, text, anchored block);
* ``text:tracked-changes`` is kept out of the text; each changed region
  becomes a :class:`~lcsprlint.model.TrackedChange` (a deletion with its
  deleted text, an insertion, a format change), and ``track_revisions`` is
  set when change tracking is on;
* footnotes and endnotes (``text:note``) become extra text, not body;
* ``meta.xml``: ``meta:initial-creator`` is the author, ``dc:creator`` the
  last editor, with title, subject, description and keywords.

The zip has already passed the bomb checks in :mod:`~lcsprlint.readers.sniff`.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from lcsprlint.errors import InputError
from lcsprlint.model import Comment, Document, ExtraText, Metadata, TrackedChange
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.textutil import normalise

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}
_O, _T, _TB, _DC, _M = (f"{{{_NS[k]}}}" for k in ("office", "text", "table", "dc", "meta"))
#: Elements whose text is never body text.
_SKIP = {
    f"{_O}annotation",
    f"{_O}annotation-end",
    f"{_T}tracked-changes",
    f"{_T}note",
    f"{_T}change",
    f"{_T}change-start",
    f"{_T}change-end",
    f"{_T}bookmark-ref",
    f"{_T}sequence-decls",
    f"{_T}variable-decls",
    f"{_T}user-field-decls",
}


#: Most spaces one ``text:s`` stands for: a count is the file's word, not a size to allocate.
_MAX_SPACES = 1000


def _number(value: str | None) -> int:
    """A count or level attribute (``text:c``, ``text:outline-level``); 1 when absent, empty
    or not a whole number (a word, or digits beyond what ``int`` takes)."""
    try:
        return int(value or 1)
    except ValueError:
        return 1


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def read_odt(path: Path) -> Document:
    """Read an OpenDocument text into the document model (see module docstring)."""
    where = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            content = zf.read("content.xml")
            meta = zf.read("meta.xml") if "meta.xml" in zf.namelist() else None
    except KeyError:
        raise InputError(where, "damaged OpenDocument file: no content.xml") from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError, zlib.error):
        raise InputError(where, "damaged or truncated OpenDocument file: save it again") from None
    try:
        root = etree.fromstring(content, _parser())
        meta_root = etree.fromstring(meta, _parser()) if meta else None
    except etree.XMLSyntaxError:
        raise InputError(where, "damaged OpenDocument file: malformed XML") from None
    body = root.find(f"{_O}body/{_O}text")
    if body is None:
        raise InputError(where, "OpenDocument file with no text body (not a text document)")
    walker = _Walker()
    walker.walk(body, depth=0)
    extras = Extras(
        comments=tuple(walker.comments),
        changes=tuple(_changes(body)),
        extras=tuple(walker.notes),
        metadata=_metadata(meta_root),
        track_revisions=_tracking(body),
    )
    return assemble(where, "odt", walker.raw, extras)


def _text(el: etree._Element) -> str:
    """The visible text of an element, without comments, notes and change markers."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                pass
            elif tag == f"{_T}s":
                parts.append(" " * min(_number(child.get(f"{_T}c")), _MAX_SPACES))
            elif tag in (f"{_T}tab", f"{_T}line-break"):
                parts.append(" ")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts).strip()


class _Walker:
    """One pass over the body in document order; raw blocks, comments, notes."""

    def __init__(self) -> None:
        self.raw: list[RawBlock] = []
        self.comments: list[Comment] = []
        self.notes: list[ExtraText] = []
        self.tables = 0

    def walk(self, el: etree._Element, depth: int) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_T}h":
                level = _number(child.get(f"{_T}outline-level"))
                self._block(child, RawBlock("heading", _text(child), level=max(1, min(level, 9))))
            elif tag == f"{_T}p":
                kind = "list-item" if depth else "paragraph"
                block = RawBlock(kind, _text(child), level=depth or None)
                if depth:
                    block.list_style = "bullet"
                self._block(child, block)
            elif tag == f"{_T}list":
                self.walk(child, depth + 1)
            elif tag == f"{_TB}table":
                self._table(child)
            else:  # sections, list items, list headers, soft page breaks
                self.walk(child, depth)

    def _block(self, el: etree._Element, block: RawBlock) -> None:
        index = len(self.raw) if block.text.strip() else max(len(self.raw) - 1, 0)
        self._annotations(el, index)
        if block.text.strip():
            self.raw.append(block)

    def _annotations(self, el: etree._Element, index: int) -> None:
        for ann in el.iter(f"{_O}annotation"):
            author = ann.findtext(f"{_DC}creator") or ""
            date = ann.findtext(f"{_DC}date")
            text = " ".join(_text(p) for p in ann.iter(f"{_T}p"))
            self.comments.append(
                Comment(
                    id=ann.get(f"{_O}name") or str(len(self.comments)),
                    author=author.strip(),
                    date=date,
                    text=text,
                    blocks=(index,),
                )
            )
        for note in el.iter(f"{_T}note"):
            story = "endnote" if note.get(f"{_T}note-class") == "endnote" else "footnote"
            body = note.find(f"{_T}note-body")
            text = " ".join(_text(p) for p in body.iter(f"{_T}p")) if body is not None else ""
            if text:
                self.notes.append(ExtraText(story, text, normalise(text)))

    def _table(self, table: etree._Element) -> None:
        self.tables += 1
        row_no = 0
        for row in table.iter(f"{_TB}table-row"):
            cells = tuple(
                " ".join(_text(p) for p in cell) for cell in row.findall(f"{_TB}table-cell")
            )
            if not any(c.strip() for c in cells):
                continue
            for cell in row.findall(f"{_TB}table-cell"):
                self._annotations(cell, len(self.raw))
            self.raw.append(
                RawBlock(
                    "table-row",
                    " | ".join(cells),
                    table=self.tables - 1,
                    row=row_no,
                    cells=cells,
                )
            )
            row_no += 1


def _changes(body: etree._Element) -> list[TrackedChange]:
    out: list[TrackedChange] = []
    for region in body.iter(f"{_T}changed-region"):
        for kind_el in region:
            if not isinstance(kind_el.tag, str):
                continue
            name = etree.QName(kind_el).localname
            kind = {"deletion": "deletion", "insertion": "insertion"}.get(name, "formatting")
            info = kind_el.find(f"{_O}change-info")
            author = (info.findtext(f"{_DC}creator") if info is not None else None) or ""
            date = info.findtext(f"{_DC}date") if info is not None else None
            text = " ".join(_text(p) for p in kind_el.iter(f"{_T}p", f"{_T}h"))
            out.append(TrackedChange(kind, author.strip(), date, text))
    return out


def _tracking(body: etree._Element) -> bool:
    tracked = body.find(f"{_T}tracked-changes")
    return tracked is not None and tracked.get(f"{_T}track-changes", "true") != "false"


def _metadata(root: etree._Element | None) -> Metadata:
    if root is None:
        return Metadata()
    meta = root.find(f"{_O}meta")
    if meta is None:
        return Metadata()

    def get(tag: str) -> str | None:
        value = meta.findtext(tag)
        return value.strip() if value and value.strip() else None

    keywords = [k.text.strip() for k in meta.iter(f"{_M}keyword") if k.text and k.text.strip()]
    return Metadata(
        title=get(f"{_DC}title"),
        subject=get(f"{_DC}subject"),
        author=get(f"{_M}initial-creator"),
        last_modified_by=get(f"{_DC}creator"),
        description=get(f"{_DC}description"),
        keywords=", ".join(keywords) or None,
    )
