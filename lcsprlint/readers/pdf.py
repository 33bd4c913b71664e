"""PDF reader: published reviews, for audits (``pip install 'lcsprlint[pdf]'``).

Published LCSPRs are PDFs, and the Panel and partnerships audit them in bulk.
A PDF has no paragraphs, lists, tables or headings, only positioned runs of
text, so this reader rebuilds the draft a reader sees and then reads it as the
plain-text reader reads a draft (:mod:`lcsprlint.readers.text`): the same
heading tests (numbered titles, ALL-CAPS lines, short title-like lines above
body text), so a review gives the same findings as PDF and as the file it was
made from. With pypdfium2 (BSD/Apache; PyMuPDF is AGPL and must not be used),
this module measures the page:

* text per page in PDFium's reading order, one run per printed line, cut
  where a gap too wide for a space separates two text objects (table cells),
  each run with its baseline, edges, font size, family and weight; a bold
  lead-in ("**Finding 1.** The review...") and a list label set off by a tab
  ("1." or "•" hanging left of the text) are noted;
* horizontal rules, on pages that hold a candidate table, to tell rows apart;
* the bookmarks (the PDF's outline), which Word and LibreOffice make from the
  heading styles: the one record of a heading that prints like body text;
* document information (Author, Title, Subject, Keywords, Creator, Producer)
  as :class:`~lcsprlint.model.Metadata` (``creator`` and ``producer`` in
  ``extra``) for the hygiene checks.

:mod:`lcsprlint.readers.pdf_layout` turns the runs into paragraphs, list
items and tables (running headers and footers, page numbers and line-end
hyphens dealt with); here they become lines for the plain-text reader, and
its blocks are then corrected by what the page showed:

* headings the bookmarks name on that page, at the bookmark's level;
* headings from font size: a short paragraph set larger than the body text,
  its level the rank of its size (or deeper, as its number says); the
  largest line opening page 1 is the title, and only it (a line at body size
  on the title page is a paragraph, as a .docx reads a Normal paragraph);
* bold lines at body size: where headings are set larger, a heading below
  all of them (Word's third and fourth heading levels are often body size; in
  the headings' own font one level down, in the body font two); where all
  headings are bold lines, judged as a .docx judges a bold line
  (:func:`~lcsprlint.readers.pseudo.bold_title`); a bold lead-in is split off
  as a run-in heading;
* a lone short plain line heads the paragraph below it as a .docx judges one
  (:func:`~lcsprlint.readers.pseudo.standalone_title`);
* list items with their printed label and indent level, and only those:
  "(a) ..." typed at the start of a paragraph is a paragraph, as in a .docx;
* table rows with their cells.

**Locations: every block carries its page** (:attr:`lcsprlint.model.Block.page`,
1-based) and no line (``line`` is None); ``paragraph`` is the running
paragraph count, so findings read "page 12".

A PDF without a text layer (a scan) and an encrypted PDF are refused with an
:class:`~lcsprlint.errors.InputError`.
"""

from __future__ import annotations

import ctypes
import dataclasses
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from lcsprlint.errors import InputError
from lcsprlint.model import Document, Metadata
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.readers.pdf_layout import (
    CELL_GAP,
    EMPTY_CELL,
    Para,
    Run,
    Table,
    Words,
    confirm_labels,
    drop_running,
    find_tables,
    join,
    metrics,
    paragraphs,
    soft_hyphens,
    unstretch,
)
from lcsprlint.readers.pseudo import (
    bold_title,
    settle_standalone,
    split_runin,
    standalone_title,
)
from lcsprlint.readers.text import _Reader  # the plain-text reader's line logic, shared
from lcsprlint.textutil import count_words, number_depth, split_heading_number

MISSING_EXTRA = "PDF support needs the pdf extra: pip install 'lcsprlint[pdf]'"
SCANNED = "no text layer: this PDF looks scanned; run OCR or check the Word original"

#: A page with fewer printed characters than this (every page) means a scan.
_MIN_TEXT_CHARS = 20
#: A paragraph set this much larger than the body text is a heading...
_HEADING_SIZE = 1.12
#: ...when it is no longer than this (a bold one may run longer: question-led headings).
_HEADING_WORDS = 20
_BOLD_HEADING_WORDS = 35
#: A gap after a list label wider than this (in ems) is a tab, not a space...
_LABEL_GAP = 0.45
#: ...and plainly a tab when this many times wider than the next space on the line.
_TAB_OVER_SPACE = 1.6
#: Glyph bullets: always a label at the start of a line (Word's Symbol-font bullets
#: come out in the private use area).
_GLYPH = re.compile(r"^[•●▪■◦‣○□➢►✓❖♦◆\ue000-\uf8ff]")
_LABEL = re.compile(
    r"^(?:[•●▪■◦‣○□➢►✓❖♦◆\ue000-\uf8ff*·–-]"
    r"|\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,5})[.)]"
    r"|\((?:\d{1,2}|[a-zA-Z]|[ivx]{1,5})\))(?=\s)"
)
_FONT_SUFFIX = re.compile(r"(?:PSMT|PS|MT)$")
_BOLD_NAME = re.compile(rb"bold|black|heavy|semibold|demi", re.IGNORECASE)
#: Bookmarks read at most (and how deep): a heading outline, not a catalogue.
_MAX_BOOKMARKS = 5000
_MAX_BOOKMARK_DEPTH = 9
#: What PDFium puts for a hyphen it judged to split a word at a line end (the line
#: break itself is dropped).
_PDFIUM_HYPHEN = "\ufffe"


def page_count(path: str | Path) -> int:
    """Pages of a PDF (for the audit table); 0 when it cannot be opened."""
    pdfium = _pdfium(str(path))
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_pdf(path: Path) -> Document:
    """Read a PDF's text layer into the document model (see module docstring)."""
    where = str(path)
    pdfium = _pdfium(where)
    try:
        pdf = pdfium.PdfDocument(where)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise InputError(
                where, "encrypted PDF: save an unprotected copy (or lint the Word original)"
            ) from None
        raise InputError(where, "damaged PDF: it cannot be opened; save it again") from None
    try:
        metadata = _metadata(pdf)
        marks = _bookmarks(pdf)
        pages = [_page_runs(pdf, n) for n in range(len(pdf))]
        if not any(sum(len(r.text.strip()) for r in runs) >= _MIN_TEXT_CHARS for runs in pages):
            raise InputError(where, SCANNED)
        words = Words([r.text for runs in pages for r in runs])
        for runs in pages:
            for r in runs:
                r.text = soft_hyphens(r.text, words, _PDFIUM_HYPHEN)
        runs = confirm_labels(unstretch(drop_running(pages)))
        m = metrics(runs)
        rules: dict[int, list[float]] = {}

        def edges(page: int) -> list[float]:
            if page not in rules:
                rules[page] = _rules(pdf, page)
            return rules[page]

        items = find_tables(runs, m, edges, words)
    finally:
        pdf.close()
    body = metrics([i for i in items if isinstance(i, Run)])  # the text outside tables
    raw = _Layout(paragraphs(items, body), words, marks).read()
    doc = assemble(where, "pdf", raw, Extras(metadata=metadata))
    blocks = tuple(dataclasses.replace(b, page=b.line, line=None) for b in doc.blocks)
    return dataclasses.replace(doc, blocks=blocks)


def _pdfium(where: str) -> Any:
    try:
        import pypdfium2
    except ImportError:
        raise InputError(where, MISSING_EXTRA) from None
    return pypdfium2


def _bookmarks(pdf: Any) -> dict[tuple[int, str], int]:
    """The headings the PDF's bookmarks name (Word and LibreOffice make them from the
    heading styles), as ``(page, title)`` to level: the one record of a heading that
    prints like body text."""
    out: dict[tuple[int, str], int] = {}
    try:
        for n, mark in enumerate(pdf.get_toc(max_depth=_MAX_BOOKMARK_DEPTH)):
            if n >= _MAX_BOOKMARKS:
                break
            dest = mark.get_dest()
            page = dest.get_index() if dest is not None else None
            title = _mark_key(mark.get_title() or "")
            if page is not None and title:
                out.setdefault((page + 1, title), mark.level + 1)
    except Exception:  # a damaged outline is no reason to refuse the text
        return {}
    return out


def _mark_key(text: str) -> str:
    return " ".join(text.split()).rstrip(" .:").lower()


def _metadata(pdf: Any) -> Metadata:
    try:
        info = {k: (v or "").strip() for k, v in pdf.get_metadata_dict().items()}
    except Exception:
        return Metadata()
    extra = tuple((k.lower(), info[k]) for k in ("Creator", "Producer") if info.get(k))
    return Metadata(
        title=info.get("Title") or None,
        subject=info.get("Subject") or None,
        author=info.get("Author") or None,
        keywords=info.get("Keywords") or None,
        extra=extra,
    )


# -- measuring the page --------------------------------------------------------------------


class _Chars:
    """Character boxes and fonts of one text page, through PDFium's C API."""

    def __init__(self, textpage: Any, height: float) -> None:
        import pypdfium2.raw as c

        self.c = c
        self.tp = textpage.raw
        self.height = height
        self._d = [ctypes.c_double() for _ in range(4)]
        self._refs = [ctypes.byref(d) for d in self._d]
        self._rect = c.FS_RECTF()
        self._rect_ref = ctypes.byref(self._rect)
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._flags_ref = ctypes.byref(self._flags)
        self._fonts: dict[bytes, tuple[bool, str]] = {}

    def box(self, i: int) -> tuple[float, float, float, float]:
        """left, right, bottom, top of character ``i`` (PDF units, bottom up)."""
        self.c.FPDFText_GetCharBox(self.tp, i, *self._refs)
        return self._d[0].value, self._d[1].value, self._d[2].value, self._d[3].value

    def span(self, i: int) -> tuple[float, float]:
        """Left and right of character ``i`` by its advance (a space's width included),
        so gaps between characters compare with the width of a space."""
        self.c.FPDFText_GetLooseCharBox(self.tp, i, self._rect_ref)
        return self._rect.left, self._rect.right

    def origin(self, i: int) -> tuple[float, float]:
        """x and baseline of character ``i``, the baseline measured from the top of the page."""
        self.c.FPDFText_GetCharOrigin(self.tp, i, self._refs[0], self._refs[1])
        return self._d[0].value, self.height - self._d[1].value

    def size(self, i: int) -> float:
        return round(float(self.c.FPDFText_GetFontSize(self.tp, i)), 1)

    def font(self, i: int) -> tuple[bool, str]:
        """Whether character ``i`` is set bold, and its font family ("Calibri" for
        "ABCDEF+Calibri-Bold"). Bold by the font's weight, else by its name: embedded
        subsets often declare 400 for "Arial-BoldMT"."""
        self.c.FPDFText_GetFontInfo(self.tp, i, self._name, 128, self._flags_ref)
        raw = self._name.value
        known = self._fonts.get(raw)
        if known is None:
            name = raw.decode("latin-1").rsplit("+", 1)[-1]
            family = _FONT_SUFFIX.sub("", re.split(r"[-,]", name, maxsplit=1)[0])
            known = self._fonts[raw] = (bool(_BOLD_NAME.search(raw)), family)
        if known[0]:
            return known
        return self.c.FPDFText_GetFontWeight(self.tp, i) >= 600, known[1]

    def bold(self, i: int) -> bool:
        return self.font(i)[0]

    def rects(self, first: int, count: int) -> list[tuple[float, float]]:
        """Left and right of each text object's part of a character range, in order."""
        n = self.c.FPDFText_CountRects(self.tp, first, count)
        out = []
        d = self._d
        for k in range(n):
            self.c.FPDFText_GetRect(self.tp, k, *self._refs)
            out.append((d[0].value, d[2].value))
        return out


def _page_runs(pdf: Any, n: int) -> list[Run]:
    """The printed runs of one page, in PDFium's reading order."""
    page = pdf[n]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            chars = _Chars(textpage, height)
            aligned = textpage.count_chars() == len(text)
            out: list[Run] = []
            pos = 0
            for raw_line in text.split("\r\n"):
                start, pos = pos, pos + len(raw_line) + 2
                line = raw_line.replace("\r", " ").replace("\n", " ")
                if not line.strip():
                    continue
                if not aligned:
                    y = float(len(out))
                    out.append(Run(line.strip(), n + 1, y, 0.0, 1.0, 0.0, y_end=y))
                    continue
                out.extend(_line_runs(chars, line, start, n + 1))
            return out
        finally:
            textpage.close()
    finally:
        page.close()


def _line_runs(ch: _Chars, line: str, start: int, page: int) -> list[Run]:
    """One printed line as runs: cut at gaps too wide for a space (table cells)."""
    lo = len(line) - len(line.lstrip())
    hi = len(line.rstrip())
    size = ch.size(start + lo) or 1.0
    label, body_at, tab = _label(ch, line, start, lo, hi, size)
    cuts = [lo]
    rects = ch.rects(start + lo, hi - lo)
    if len(rects) > 1 and any(b[0] - a[1] > CELL_GAP * size for a, b in pairwise(rects)):
        skip = lo + label  # never between a list label and its text
        for p in range(skip + 1, hi):
            if line[p] != " " or line[p - 1] == " ":
                continue
            q = p
            while q < hi and line[q] == " ":
                q += 1
            if ch.span(start + q)[0] - ch.span(start + p - 1)[1] > CELL_GAP * size:
                cuts.append(q)
    cuts.append(hi)
    runs: list[Run] = []
    for k, (a, b) in enumerate(pairwise(cuts)):
        text = line[a:b].rstrip()
        run = _measure(ch, text, page, start + a, start + a + len(text) - 1)
        if k == 0 and label:
            run.label, run.body, run.tab = label, body_at, tab
        run.joined = k > 0
        if k:
            run.gap = run.left - runs[-1].right
        runs.append(run)
    return runs


def _label(
    ch: _Chars, line: str, start: int, lo: int, hi: int, size: float
) -> tuple[int, float, bool]:
    """A list label opening the line: its characters, where the text after it starts, and
    whether the gap after it is plainly a tab (else layout confirms it, see
    :func:`~lcsprlint.readers.pdf_layout.confirm_labels`)."""
    m = _LABEL.match(line, lo)
    if not m:
        return 0, 0.0, False
    q = m.end()
    while q < hi and line[q] == " ":
        q += 1
    if q >= hi:
        return 0, 0.0, False
    left = ch.span(start + q)[0]
    gap = left - ch.span(start + m.end() - 1)[1]
    if _GLYPH.match(line, lo) and gap > 0.15 * size:
        return q - lo, left, True
    if gap <= _LABEL_GAP * size:
        return 0, 0.0, False
    # A justified line stretches every space: a tab is wider than the others.
    nxt = line.find(" ", q, hi)
    space = ch.span(start + nxt + 1)[0] - ch.span(start + nxt - 1)[1] if nxt > q else 0.0
    return q - lo, left, gap >= _TAB_OVER_SPACE * space


def _measure(ch: _Chars, text: str, page: int, first: int, last: int) -> Run:
    """Position, size, font and weight of a run, from its first and last characters."""
    left, baseline = ch.origin(first)
    right = ch.box(last)[1]
    _, y_end = ch.origin(last)
    (first_bold, family), last_bold = ch.font(first), ch.bold(last)
    lead = 0
    if first_bold and not last_bold:
        for k in range(1, last - first + 1):
            if text[k] != " " and not ch.bold(first + k):
                lead = len(text[:k].rstrip())
                break
    return Run(
        text,
        page,
        baseline,
        left,
        right,
        ch.size(first),
        first_bold and last_bold,
        y_end=y_end,
        bold_start=first_bold,
        bold_end=last_bold,
        lead=lead,
        family=family,
    )


def _rules(pdf: Any, n: int) -> list[float]:
    """Heights (from the top) of the horizontal rules and box edges drawn on page ``n``."""
    import pypdfium2.raw as c

    page = pdf[n - 1]
    try:
        height = page.get_height()
        out = []
        for obj in page.get_objects(filter=(c.FPDF_PAGEOBJ_PATH,), max_depth=3):
            left, bottom, right, top = obj.get_bounds()
            if right - left < 10:
                continue
            out.append(height - top)
            if top - bottom > 1.5:
                out.append(height - bottom)
        return out
    finally:
        page.close()


# -- from layout to the plain-text reader --------------------------------------------------


@dataclasses.dataclass
class _Source:
    """What one line handed to the plain-text reader was on the page."""

    page: int
    para: int
    bold: bool = False
    lead: int = 0
    label: str | None = None
    level: int = 0
    heading: int = 0
    title: bool = False
    lone: bool = False  # one plain short line, that may head the paragraph below it
    cells: list[str] | None = None


class _Layout:
    """Paragraphs, list items and tables as lines for the plain-text reader, and back."""

    def __init__(
        self, items: list[Para | Table], words: Words, marks: dict[tuple[int, str], int]
    ) -> None:
        self.items = items
        self.words = words
        self.marks = marks
        self.lines: list[str] = []
        self.info: list[_Source | None] = []

    def read(self) -> list[RawBlock]:
        self._lines()
        reader = _Reader(self.lines)
        # The title is the large line opening page 1, or none: a line at body size is a
        # paragraph of the title page, as a .docx reads a Normal paragraph there.
        reader.title_done = True
        raw = reader.read()
        guessed = {id(raw[i]) for i in reader.standalone if i < len(raw)}
        out: list[RawBlock] = []
        lone: set[int] = set()
        for rb in raw:
            line = (rb.line or 1) - 1
            src = self.info[line]
            if src is None:
                out.append(rb)
                continue
            rb.line, rb.paragraph = src.page, src.para
            if id(rb) in guessed and rb.candidate:
                # Lone lines are judged below as a .docx judges them (the plain-text
                # reader lets a labelled one, "Finding 2: ...", run longer).
                rb.candidate, rb.text = False, self.lines[line].strip()
            if src.title:
                rb.kind, rb.candidate, rb.level = "title", False, None
            elif src.heading and rb.kind == "heading":
                rb.level = src.heading  # as measured (the text reader lifts the shallowest to 1)
            elif src.cells is not None and rb.kind == "table-row":
                cells = tuple("" if c == EMPTY_CELL else c for c in src.cells)
                rb.cells, rb.text = cells, " | ".join(cells)
            elif src.label is not None and rb.kind in ("list-item", "paragraph"):
                _as_item(rb, src)
            else:
                if rb.kind == "list-item":
                    # "(a) ..." or "8. ..." typed at the start of a paragraph, with no label
                    # hanging left of the text: a paragraph, as a .docx reads it.
                    rb.kind, rb.text = "paragraph", self.lines[line].strip()
                    rb.level = rb.number = rb.list_style = None
                if rb.kind != "paragraph" or rb.candidate:
                    pass
                elif src.bold:
                    rb.candidate, rb.bold = bold_title(rb.text), True
                elif src.lead:
                    parts = split_runin(rb, src.lead)
                    if len(parts) > 1:
                        parts[0].line = parts[1].line = src.page
                        out.extend(parts)
                        continue
            if src.lone and rb.kind == "paragraph" and not rb.candidate:
                lone.add(id(rb))
            out.append(rb)
        # A lone short line is a heading when body text follows: judged once the blocks
        # are as the page shows them ("1. ..." paragraphs are paragraphs again).
        settle_standalone(out, {n for n, rb in enumerate(out) if id(rb) in lone})
        return out

    def _add(self, text: str, src: _Source) -> None:
        self.lines.append(text)
        self.info.append(src)

    def _gap(self) -> None:
        if self.lines:
            self.lines.append("")
            self.info.append(None)

    def _lines(self) -> None:
        paras = [p for p in self.items if isinstance(p, Para)]
        texts = {id(p): join(p.runs, self.words) for p in paras}
        heads, title = _headings(paras, texts)
        below = _bold_levels(paras, heads)
        lefts: list[float] = []  # label positions of the list being read, outermost first
        rank = 0  # the level of the last heading set larger than the body text
        for n, item in enumerate(self.items, start=1):
            self._gap()
            if isinstance(item, Table):
                lefts = []
                for page, cells in item.rows:
                    row = "\t".join(c or EMPTY_CELL for c in cells)
                    self._add(row, _Source(page, n, cells=cells))
                continue
            first = item.first
            text = texts[id(item)]
            src = _Source(first.page, n)
            bold = first.bold and all(r.bold for r in item.runs)
            marked = self.marks.get((first.page, _mark_key(text))) if self.marks else None
            if marked and count_words(text) <= _BOLD_HEADING_WORDS:
                src.heading = rank = min(marked, 6)  # a heading the bookmarks name
                text = "#" * src.heading + " " + text
            elif item is title:
                src.title = True
            elif id(item) in heads:
                src.heading = rank = heads[id(item)]
                text = "#" * src.heading + " " + text
            elif bold and rank and (bold_title(text) or _styled_heading(text)):
                # A bold line at body size where headings are set larger: a heading below
                # all of them, whatever its number says; where all headings are bold
                # lines at body size, it is judged as a .docx judges a bold line.
                depth = number_depth(split_heading_number(text)[0]) or 1
                level = below["own"] if first.family != below["body"] else below["body font"]
                src.heading = min(max(depth, level), 6)
                text = "#" * src.heading + " " + text
            elif first.label and not (bold and len(item.runs) == 1 and bold_title(text)):
                while lefts and first.left < lefts[-1] - 3:
                    lefts.pop()
                if not lefts or first.left > lefts[-1] + 3:
                    lefts.append(first.left)
                src.label, src.level = text[: first.label].strip(), len(lefts)
                self._add("- " + text[first.label :].strip(), src)
                continue
            elif bold:
                src.bold = True
            elif first.lead:
                src.lead = first.lead
            elif len(item.runs) == 1 and not first.bold_start:
                src.lone = standalone_title(text)
            lefts = []
            self._add(text, src)


def _bold_levels(paras: list[Para], heads: dict[int, int]) -> dict[str, Any]:
    """Levels of bold headings at body size, below every larger heading: one level down
    in the headings' own font ("Calibri" over "Cambria" text); in the body font one
    level further when both occur (Word's fourth heading level is often the body font
    in bold)."""
    chars: dict[str, int] = {}
    for p in paras:
        for r in p.runs:
            if not r.bold:
                chars[r.family] = chars.get(r.family, 0) + len(r.text)
    body = max(chars, key=chars.__getitem__) if chars else ""
    top = max(heads.values(), default=0)
    own = any(p.first.bold and p.first.family != body for p in paras if id(p) not in heads)
    return {"body": body, "own": top + 1, "body font": top + (2 if own else 1)}


def _styled_heading(text: str) -> bool:
    """A wholly bold paragraph at body size, in a document whose headings are set larger,
    that reads as a heading though longer than :func:`~lcsprlint.readers.pseudo.bold_title`
    allows ("Finding 1: Child A's communication was not understood well enough ...")."""
    t = text.strip()
    return (
        bool(t)
        and (t[0].isupper() or t[0].isdigit())
        and not t.endswith((".", ",", ";", ":", "!"))
        and "\n" not in t
        and count_words(t) <= _BOLD_HEADING_WORDS
    )


def _headings(paras: list[Para], texts: dict[int, str]) -> tuple[dict[int, int], Para | None]:
    """Paragraphs set larger than the body text, with their levels; and the title."""
    sizes: dict[float, int] = {}
    for p in paras:
        for r in p.runs:
            sizes[r.size] = sizes.get(r.size, 0) + len(r.text)
    body = max(sizes, key=sizes.__getitem__) if sizes else 0.0
    big = [
        p
        for p in paras
        if p.first.size >= body * _HEADING_SIZE
        and count_words(texts[id(p)])
        <= (_BOLD_HEADING_WORDS if all(r.bold for r in p.runs) else _HEADING_WORDS)
    ]
    title = None
    largest = max((p.first.size for p in big), default=0.0)
    if big and _opens_page_one(paras, big[0], texts) and big[0].first.size >= largest:
        title = big[0]  # the largest line opening page 1 is the title, not a heading
    ranks = sorted({p.first.size for p in big if p is not title}, reverse=True)
    levels = {}
    for p in big:
        if p is not title:
            depth = number_depth(split_heading_number(texts[id(p)])[0]) or 0
            levels[id(p)] = min(max(ranks.index(p.first.size) + 1, depth), 6)
    return levels, title


def _opens_page_one(paras: list[Para], para: Para, texts: dict[int, str]) -> bool:
    """Whether ``para`` opens page 1 but for short lines above it (a marking, a logo)."""
    if para.first.page != 1:
        return False
    for p in paras:
        if p is para:
            return True
        if p.first.page == 1 and count_words(texts[id(p)]) > 6:
            return False
    return True


def _as_item(rb: RawBlock, src: _Source) -> None:
    """A block the page shows as a list item: its printed label, style and level."""
    label = (src.label or "").strip("().")
    numbered = bool(label) and (label.isdigit() or label.isalpha())
    rb.kind, rb.candidate = "list-item", False
    rb.level = src.level
    rb.list_style = "number" if numbered else "bullet"
    rb.number = label if numbered else None
