"""Read a Word .docx draft into the document model.

The project's own package reader opens the package (relationships, content
types, checksums; see :func:`~lcsprlint.readers.docx_parts.open_word_package`), and
the body is walked here, once, over plain lxml elements: python-docx's own
iteration sorts XPath unions (quadratic on long drafts) and its paragraph text
drops tracked insertions, content controls and fields. Headings are taken from
what Word itself uses (outline levels, then heading style names along the
style chain); bold, numbered and ALL-CAPS short lines are offered to the
assembler as candidates, because many drafts are formatted by hand.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from pathlib import Path

from lxml import etree

from lcsprlint.errors import InputError
from lcsprlint.model import Comment, Document, ExtraText, TrackedChange
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.readers.docx_ns import (
    RT_NUMBERING,
    RT_STYLES,
    W_AUTHOR,
    W_DATE,
    W_VAL,
    int_val,
    w,
)
from lcsprlint.readers.docx_numbering import Numbering
from lcsprlint.readers.docx_parts import PartReader, children, open_word_package
from lcsprlint.readers.docx_styles import SUBTITLE, TITLE, TOC, ParaStyle, StyleMap
from lcsprlint.readers.docx_text import (
    W_COMMENT_END,
    W_COMMENT_START,
    W_DEL,
    W_INS,
    W_P,
    W_PPR,
    ParaText,
    PendingChange,
    RunWalker,
)
from lcsprlint.readers.pseudo import (
    bold_title,
    heading_text,
    settle_standalone,
    split_runin,
    standalone_title,
)
from lcsprlint.readers.sniff import sniff
from lcsprlint.readers.text import (
    caps_title,
    contents_title,
    is_marking,
    numbered_title,
    question_title,
)
from lcsprlint.textutil import normalise

_DOCUMENT = w("document")
_BODY = w("body")
_TBL = w("tbl")
_TR = w("tr")
_TC = w("tc")
_TRPR = w("trPr")
_TCPR = w("tcPr")
_TBLPR = w("tblPr")
_TBLGRID = w("tblGrid")
_PSTYLE = w("pStyle")
_OUTLINE = w("outlineLvl")
_NUMPR = w("numPr")
_NUMID = w("numId")
_ILVL = w("ilvl")
_VMERGE = w("vMerge")
_HMERGE = w("hMerge")
_ID = w("id")
#: ``textutil.looks_like_title`` refuses longer lines, and every candidate test uses it.
_TITLE_MAX_CHARS = 120
#: Table-level revision marks: (element, kind).
_TABLE_CHANGES = {
    w("tblPrChange"): "formatting",
    w("tblGridChange"): "formatting",
    w("trPrChange"): "formatting",
    w("tcPrChange"): "formatting",
    w("cellMerge"): "formatting",
    w("cellIns"): "insertion",
    w("cellDel"): "deletion",
    W_INS: "insertion",
    W_DEL: "deletion",
}


def read_docx(path: Path, *, sniffed: bool = False) -> Document:
    """Read a .docx file, or raise InputError with a one-line cause.

    ``sniffed`` says the caller has just had :func:`~lcsprlint.readers.sniff.sniff`
    answer "docx" for this path (as :func:`~lcsprlint.readers.read_document`
    does), so the package is not opened and checked a second time; called
    directly, the file is sniffed here.
    """
    path = Path(path)
    where = str(path)
    if not sniffed and sniff(path) != "docx":
        raise InputError(where, "not a Word document (.docx)")
    package = open_word_package(path)
    root = package.root(package.main)  # parsed here if first reached as an image
    body = root.find(_BODY) if root.tag == _DOCUMENT else None
    if body is None:
        raise InputError(where, "damaged Word file: word/document.xml has no document body")

    styles_part = package.related(package.main, RT_STYLES)
    styles = StyleMap(package.root(styles_part) if styles_part is not None else None)
    numbering_part = package.related(package.main, RT_NUMBERING)
    numbering = Numbering(
        package.root(numbering_part) if numbering_part is not None else None, styles
    )
    walker = RunWalker(styles)
    reader = _BodyReader(styles, numbering, walker)
    reader.read(body)
    settle_standalone(reader.raw, reader.standalone)

    parts = PartReader(package, walker, styles)
    raw_comments = parts.comments()
    extras = parts.extras()
    extras.extend(reader.hidden)
    doc = assemble(
        where,
        "docx",
        reader.raw,
        Extras(metadata=parts.metadata(), extras=extras, track_revisions=parts.track_revisions()),
    )

    locate = _Locator(doc, reader.owner)
    comments = []
    for c in raw_comments:
        paras = reader.comment_paras.get(c.id)
        blocks: tuple[int, ...] = ()
        if paras:
            first, last = locate(min(paras)), locate(max(paras))
            if first is not None and last is not None:
                blocks = tuple(range(min(first, last), max(first, last) + 1))
        comments.append(Comment(c.id, c.author, c.date, c.text, blocks, c.resolved))
    changes = [
        TrackedChange(ch.kind, ch.author, ch.date, ch.text, locate(ch.para) if ch.para else None)
        for ch in walker.changes
    ]
    return replace(doc, comments=tuple(comments), changes=tuple(changes))


#: A paragraph's own properties: (style id, outline level, numId, ilvl), None where absent.
_PPr = tuple[str | None, int | None, str | None, int | None]
_NO_PPR: _PPr = (None, None, None, None)


def _ppr(p: etree._Element) -> _PPr:
    ppr = p[0] if len(p) and p[0].tag == W_PPR else None
    if ppr is None:
        return _NO_PPR
    style_id = outline = num_id = ilvl = None
    for el in ppr:
        tag = el.tag
        if tag == _PSTYLE:
            style_id = el.get(W_VAL)
        elif tag == _OUTLINE:
            outline = int_val(el)
        elif tag == _NUMPR:
            for sub in el:
                if sub.tag == _NUMID:
                    num_id = sub.get(W_VAL)
                elif sub.tag == _ILVL:
                    ilvl = int_val(sub)
    return style_id, outline, num_id, ilvl


class _BodyReader:
    """Walks the main story once, producing raw blocks and where each anchor sits."""

    def __init__(self, styles: StyleMap, numbering: Numbering, walker: RunWalker) -> None:
        self.styles = styles
        self.numbering = numbering
        self.walker = walker
        self.raw: list[RawBlock] = []
        #: Paragraph ordinal -> ordinal of the block holding it (table cells only).
        self.owner: dict[int, int] = {}
        self.comment_paras: dict[str, list[int]] = {}
        self.hidden: list[ExtraText] = []
        self.count = 0
        self.tables = 0
        #: Indices of lone short plain lines that may head the paragraph below them.
        self.standalone: set[int] = set()
        self._lead = 0  # leading bold characters of the paragraph just read
        self._alone = False  # whether it is a lone short plain line

    def read(self, body: etree._Element) -> None:
        for el in children(body):
            tag = el.tag
            if tag == W_P:
                block = self._paragraph(el)
                if block.kind == "paragraph" and not block.candidate and self._lead:
                    self.raw.extend(split_runin(block, self._lead))
                    continue
                if self._alone:
                    self.standalone.add(len(self.raw))
                self.raw.append(block)
            elif tag == _TBL:
                self._table(el, self.raw)
            elif tag == W_COMMENT_START:
                self._anchor(el.get(_ID), self.count + 1)
            elif tag == W_COMMENT_END:
                self._anchor(el.get(_ID), max(self.count, 1))

    def _anchor(self, cid: str | None, para: int) -> None:
        if cid is not None:
            self.comment_paras.setdefault(cid, []).append(para)

    def _read_para(self, p: etree._Element, ppr: _PPr) -> tuple[ParaStyle, ParaText]:
        """Count and read one paragraph, noting its comment anchors and hidden text."""
        self.count += 1
        style = self.styles.paragraph(ppr[0])
        read = self.walker.paragraph(p, self.count, style)
        for cid in read.comments:
            self._anchor(cid, self.count)
        if read.hidden:
            self.hidden.extend(
                ExtraText("hidden", h, normalise(h)) for h in read.hidden if h.strip()
            )
        return style, read

    def _paragraph(self, p: etree._Element) -> RawBlock:
        ppr = _ppr(p)
        style_id, own_outline, own_num_id, own_ilvl = ppr
        style, read = self._read_para(p, ppr)
        text = read.text
        self._lead, self._alone = (0 if read.bold else read.lead_bold), False
        block = RawBlock(
            kind="paragraph", text=text, paragraph=self.count, bold=read.bold, style=style.name
        )
        named = style.named
        if named == TOC:
            block.kind = "toc"
            return block
        outline = own_outline if own_outline is not None else style.outline
        level: int | None = None
        if outline is not None and 0 <= outline <= 8:
            level = outline + 1
        elif outline is None and isinstance(named, int):
            level = named
        # Lists: direct numPr overrides the style's; numId 0 removes numbering.
        num_id = own_num_id if own_num_id is not None else style.num_id
        item = None
        if num_id is not None and num_id != "0":
            ilvl = own_ilvl if own_ilvl is not None else style.ilvl
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, style_id)
            found = self.numbering.item(num_id, ilvl)
            if found is not None:
                item = (ilvl, *found)
        if level is not None:
            block.kind, block.level = "heading", level
            if item is not None:
                block.number = item[2]
            return block
        if named == TITLE:
            block.kind = "title"
            return block
        if item is not None:
            block.kind, block.level, block.list_style, block.number = (
                "list-item",
                item[0] + 1,
                item[1],
                item[2],
            )
            return block
        if named == SUBTITLE or outline == 9:
            return block
        # The same line tests as the text and Markdown readers, so a draft reads the
        # same whichever format it was saved in (checked on short lines only: the
        # tests cost time per character and refuse long lines anyway).
        stripped = text.strip()
        if (
            stripped
            and len(stripped) <= _TITLE_MAX_CHARS
            and "\n" not in stripped
            and not is_marking(stripped)
        ):
            block.candidate = (
                (read.bold and bold_title(stripped))
                or numbered_title(stripped)
                or caps_title(stripped)
                or contents_title(stripped)
                or question_title(stripped)
            )
            if block.candidate and read.bold:
                block.text = heading_text(text)
            elif not block.candidate and not read.bold and standalone_title(stripped):
                self._alone = True
        return block

    # -- tables -------------------------------------------------------------------

    def _table(self, tbl: etree._Element, out: list[RawBlock]) -> None:
        table = self.tables
        self.tables += 1
        row = 0
        for el in children(tbl):
            tag = el.tag
            if tag == _TR:
                self._row(el, table, row, out)
                row += 1
            elif tag in (_TBLPR, _TBLGRID):
                self._table_changes(el)

    def _table_changes(self, props: etree._Element) -> list[tuple[str, etree._Element]]:
        """Record revision marks on table, row or cell properties.

        Row insertions and deletions are returned instead: they are recorded only
        when the row's text carries no change of that kind already.
        """
        marks = []
        for el in props:
            kind = _TABLE_CHANGES.get(el.tag)
            if kind is None:
                continue
            if el.tag in (W_INS, W_DEL):
                marks.append((kind, el))
            else:
                self.walker.changes.append(_pending(kind, el, self.count + 1))
        return marks

    def _row(self, tr: etree._Element, table: int, row: int, out: list[RawBlock]) -> None:
        cells: list[str] = []
        first: int | None = None
        nested: list[RawBlock] = []
        marks: list[tuple[str, etree._Element]] = []
        start = len(self.walker.changes)
        for tc in children(tr):
            if tc.tag == _TRPR:
                marks.extend(self._table_changes(tc))
                continue
            if tc.tag != _TC:
                continue
            continued = merged_away = False
            texts: list[str] = []
            for el in children(tc):
                tag = el.tag
                if tag == W_P:
                    read = self._read_para(el, _ppr(el))[1]
                    if first is None:
                        first = self.count
                    self.owner[self.count] = first
                    if read.text.strip():
                        texts.append(read.text.strip())
                elif tag == _TBL:
                    self._table(el, nested)
                elif tag == _TCPR:
                    self._table_changes(el)
                    # The first w:vMerge and w:hMerge, as find() gives them: a loop over
                    # the few properties costs less than two ElementPath look-ups.
                    vmerge = hmerge = None
                    for prop in el:
                        ptag = prop.tag
                        if ptag == _VMERGE:
                            vmerge = prop if vmerge is None else vmerge
                        elif ptag == _HMERGE:
                            hmerge = prop if hmerge is None else hmerge
                    continued = _continues(vmerge)
                    merged_away = _continues(hmerge)
            if not merged_away:
                cells.append("" if continued else "\n".join(texts))
        deleted = False
        if marks:
            kinds = {c.kind for c in self.walker.changes[start:]}
            for kind, el in marks:
                if kind not in kinds:
                    self.walker.changes.append(_pending(kind, el, first or self.count))
            deleted = any(el.tag == W_DEL for _, el in marks)
        if first is not None and not deleted and any(cells):
            out.append(
                RawBlock(
                    kind="table-row",
                    text=" | ".join(cells),
                    paragraph=first,
                    table=table,
                    row=row,
                    cells=tuple(cells),
                )
            )
        out.extend(nested)


def _continues(merge: etree._Element | None) -> bool:
    """A ``w:vMerge``/``w:hMerge`` that continues the cell before it (no val means continue)."""
    return merge is not None and merge.get(W_VAL, "continue") == "continue"


def _pending(kind: str, el: etree._Element, para: int) -> PendingChange:
    return PendingChange(kind, el.get(W_AUTHOR) or "", el.get(W_DATE), "", para)


class _Locator:
    """Maps a paragraph ordinal to the index of the block that shows it (or the next one)."""

    def __init__(self, doc: Document, owner: dict[int, int]) -> None:
        pairs = sorted((b.paragraph, b.index) for b in doc.blocks)
        self._paras = [p for p, _ in pairs]
        self._index = [i for _, i in pairs]
        self._owner = owner

    def __call__(self, para: int) -> int | None:
        if not self._paras:
            return None
        para = self._owner.get(para, para)
        i = bisect_left(self._paras, para)
        return self._index[min(i, len(self._index) - 1)]
