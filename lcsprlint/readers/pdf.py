"""PDF reader: published reviews, for audits (``pip install 'lcsprlint[pdf]'``).

Published LCSPRs are PDFs, and the Panel and partnerships audit them in bulk.
A PDF has no paragraphs or headings, only positioned lines of text, so this
reader rebuilds the draft a reader sees and then reads it exactly as the
plain-text reader reads a draft (:mod:`lcsprlint.readers.text`): the same
heading tests (numbered titles, ALL-CAPS lines, short title-like lines above
body text), lists and title line, so a review gives the same findings as PDF
and as the text it was made from. The steps, with pypdfium2 (BSD/Apache;
PyMuPDF is AGPL and must not be used):

* text per page in PDFium's reading order, one entry per printed line with
  its baseline, right edge, font size and weight;
* running headers and footers removed: lines among the first or last three
  of a page whose text (digits ignored) recurs there on at least half the
  pages, and bare page numbers ("3", "Page 3 of 20", "- 3 -");
* lines joined into paragraphs; a paragraph ends at a vertical gap larger
  than the body line spacing, a change of font size or weight, a list
  marker, or a short line that ends a sentence; it runs on across a page
  break. A hyphen at a line end is dropped when the joined word is
  lower-case ("safe-" + "guarding" -> "safeguarding"), kept otherwise
  ("Multi-" + "agency" -> "Multi-agency");
* headings from font size: a short paragraph set larger than the body text
  is a stated heading, its level the rank of its size among heading sizes
  (the largest line opening page 1 is the title); a short wholly bold line
  at body size is a pseudo-heading candidate, judged like a bold line in a
  .docx (:func:`~lcsprlint.readers.pseudo.bold_title`).

**Locations: for PDF, a block's ``line`` is its page number** (1-based) and
``paragraph`` the running paragraph count, so a finding reads "line 12" for
page 12; nothing is added to the document model for pages.

Document information (Author, Title, Subject, Keywords, Creator, Producer)
becomes :class:`~lcsprlint.model.Metadata` (``creator`` and ``producer`` in
``extra``) for the hygiene checks. A PDF without a text layer (a scan) and an
encrypted PDF are refused with an :class:`~lcsprlint.errors.InputError`.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from lcsprlint.errors import InputError
from lcsprlint.model import Document, Metadata
from lcsprlint.readers.assemble import Extras, assemble
from lcsprlint.readers.pseudo import bold_title
from lcsprlint.readers.text import _Reader  # the plain-text reader's line logic, shared
from lcsprlint.textutil import count_words

MISSING_EXTRA = "PDF support needs the pdf extra: pip install 'lcsprlint[pdf]'"
SCANNED = "no text layer: this PDF looks scanned; run OCR or check the Word original"

#: A page with fewer printed characters than this (every page) means a scan.
_MIN_TEXT_CHARS = 20
#: Lines at the top and bottom of a page that may be running headers or footers.
_BAND_LINES = 3
#: Share of pages a header or footer line must recur on.
_RUNNING_SHARE = 0.5
#: A gap this many times the body line spacing separates paragraphs.
_GAP_FACTOR = 1.35
#: A line ending before this share of the column width is short.
_SHORT_LINE = 0.65
#: A paragraph set this much larger than the body text is a heading...
_HEADING_SIZE = 1.12
#: ...when it is no longer than this.
_HEADING_WORDS = 20

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?"
    r"(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*[•●▪■◦‣○□➢►✓–-]\s+\S")
_NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|\(?[a-z]\)|\([ivx]{1,4}\))\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*$")
_HYPHENS = ("-", "\u00ad", "\x02")
#: What PDFium puts for a hyphen it judged to split a word at a line end (the line
#: break itself is dropped).
_PDFIUM_HYPHEN = "\ufffe"


@dataclass
class _Line:
    text: str
    page: int
    y: float  # baseline, from the top of the page
    right: float
    left: float
    size: float
    bold: bool
    y_end: float = 0.0  # baseline of the last character (PDFium may merge hyphenated lines)


@dataclass
class _Para:
    lines: list[_Line] = field(default_factory=list)

    @property
    def first(self) -> _Line:
        return self.lines[0]


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
        pages = [_page_lines(pdf, n) for n in range(len(pdf))]
    finally:
        pdf.close()
    if not any(sum(len(ln.text.strip()) for ln in lines) >= _MIN_TEXT_CHARS for lines in pages):
        raise InputError(where, SCANNED)
    lines = _drop_running(pages)
    paras = _paragraphs(lines)
    source, page_of, bold_lines = _source(paras)
    reader = _Reader(source)
    raw = reader.read()
    for n, rb in enumerate(raw, start=1):
        src = (rb.line or 1) - 1
        if src in bold_lines and rb.kind == "paragraph" and not rb.candidate:
            rb.candidate = bold_title(rb.text)
            rb.bold = True
        rb.line = page_of[src] if 0 <= src < len(page_of) else None
        rb.paragraph = n
    return assemble(where, "pdf", raw, Extras(metadata=metadata))


def _pdfium(where: str) -> Any:
    try:
        import pypdfium2
    except ImportError:
        raise InputError(where, MISSING_EXTRA) from None
    return pypdfium2


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


def _page_lines(pdf: Any, n: int) -> list[_Line]:
    """The printed lines of one page, in PDFium's reading order."""
    import pypdfium2.raw as pdfium_c

    page = pdf[n]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            aligned = textpage.count_chars() == len(text)
            out: list[_Line] = []
            pos = 0
            for raw_line in text.split("\r\n"):
                start, pos = pos, pos + len(raw_line) + 2
                line = raw_line.replace("\r", " ").replace("\n", " ")
                stripped = line.strip()
                if not stripped:
                    continue
                if not aligned:
                    y = float(len(out))
                    out.append(_Line(_soft_hyphens(stripped), n + 1, y, 1.0, 0.0, 0.0, False, y))
                    continue
                first = start + (len(line) - len(line.lstrip()))
                last = start + len(line.rstrip()) - 1
                out.append(_measure(textpage, pdfium_c, stripped, n + 1, first, last, height))
            return out
        finally:
            textpage.close()
    finally:
        page.close()


def _measure(tp: Any, c: Any, text: str, page: int, first: int, last: int, height: float) -> _Line:
    """Position, size and weight of a line, from its first and last characters."""
    x, y = ctypes.c_double(), ctypes.c_double()
    c.FPDFText_GetCharOrigin(tp.raw, first, ctypes.byref(x), ctypes.byref(y))
    left, baseline = x.value, height - y.value
    right = tp.get_charbox(last)[1]
    c.FPDFText_GetCharOrigin(tp.raw, last, ctypes.byref(x), ctypes.byref(y))
    y_end = height - y.value
    size = float(c.FPDFText_GetFontSize(tp.raw, first))
    weight = c.FPDFText_GetFontWeight(tp.raw, first)
    if weight < 0:
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        c.FPDFText_GetFontInfo(tp.raw, first, buf, 128, ctypes.byref(flags))
        bold = b"bold" in buf.value.lower()
    else:
        bold = weight >= 600
    return _Line(_soft_hyphens(text), page, baseline, right, left, round(size, 1), bold, y_end)


def _key(text: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", text)).strip().lower()


def _drop_running(pages: list[list[_Line]]) -> list[_Line]:
    """Every line in order, without running headers, footers and bare page numbers."""
    counts: Counter[str] = Counter()
    for lines in pages:
        band = lines[:_BAND_LINES] + lines[-_BAND_LINES:]
        counts.update({_key(ln.text) for ln in band})
    need = max(2, round(_RUNNING_SHARE * len(pages)))
    running = {k for k, v in counts.items() if v >= need} if len(pages) > 1 else set()
    out: list[_Line] = []
    for lines in pages:
        n = len(lines)
        for i, ln in enumerate(lines):
            in_band = i < _BAND_LINES or i >= n - _BAND_LINES
            if in_band and (_key(ln.text) in running or _PAGE_NUMBER.match(ln.text)):
                continue
            out.append(ln)
    return out


def _paragraphs(lines: list[_Line]) -> list[_Para]:
    """Group lines into paragraphs (see module docstring)."""
    if not lines:
        return []
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0]
    steps = [
        b.y - a.y
        for a, b in pairwise(lines)
        if a.page == b.page and a.size == b.size == body and b.y > a.y
    ]
    body = body or 1.0
    spacing = statistics.median(steps) if steps else body * 1.2
    column = max((ln.right for ln in lines if ln.size == body), default=0.0)
    margin = min((ln.left for ln in lines if ln.size == body), default=0.0)
    width = max(column - margin, 1.0)

    paras: list[_Para] = []
    cur = _Para()
    for ln in lines:
        prev = cur.lines[-1] if cur.lines else None
        if prev is not None and _breaks(prev, ln, spacing * ln.size / body, margin, width):
            paras.append(cur)
            cur = _Para()
        cur.lines.append(ln)
    if cur.lines:
        paras.append(cur)
    return paras


def _breaks(prev: _Line, ln: _Line, spacing: float, margin: float, width: float) -> bool:
    """Whether ``ln`` starts a new paragraph after ``prev`` (``spacing``: the body line
    spacing scaled to ``ln``'s font size)."""
    if abs(prev.size - ln.size) > 0.6 or prev.bold != ln.bold:
        return True
    if _BULLET.match(ln.text):
        return True
    short = (prev.right - margin) < _SHORT_LINE * width
    ends = bool(_SENTENCE_END.search(prev.text))
    if _NUMBERED_ITEM.match(ln.text) and (ends or short):
        return True
    if ln.page != prev.page:
        return short and ends  # a paragraph runs on over a page break
    gap = ln.y - prev.y_end
    if gap > _GAP_FACTOR * spacing or gap < 0:
        return True
    return short and ends


def _soft_hyphens(text: str) -> str:
    """Resolve the hyphens PDFium found at line ends and joined itself (U+FFFE)."""
    if _PDFIUM_HYPHEN not in text:
        return text
    out = text.split(_PDFIUM_HYPHEN)
    joined = out[0]
    for nxt in out[1:]:
        word = joined.rsplit(" ", 1)[-1] + nxt.split(" ", 1)[0]
        joined += ("" if word.islower() else "-") + nxt
    return joined


def _join(lines: list[_Line]) -> str:
    """A paragraph's lines as one line, hyphenation at line ends rejoined."""
    text = lines[0].text
    for ln in lines[1:]:
        nxt = ln.text
        if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() and nxt[:1].isalpha():
            stem = text[:-1]
            word = stem.rsplit(" ", 1)[-1] + nxt.split(" ", 1)[0]
            if word.islower():
                text = stem + nxt
            else:
                text = (stem + "-" + nxt) if text[-1] != "-" else text + nxt
        else:
            text = f"{text} {nxt}"
    return text


def _source(paras: list[_Para]) -> tuple[list[str], list[int], set[int]]:
    """Lines for the plain-text reader: one per paragraph, blank lines between.

    Returns the lines, the page of each line, and the indexes of lines that
    were wholly bold at body size (pseudo-heading candidates).
    """
    texts = [_join(p.lines) for p in paras]
    sizes: Counter[float] = Counter()
    for p in paras:
        for ln in p.lines:
            sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    big = [
        i
        for i, p in enumerate(paras)
        if p.first.size >= body * _HEADING_SIZE and count_words(texts[i]) <= _HEADING_WORDS
    ]
    title = None
    largest = max((paras[i].first.size for i in big), default=0.0)
    if big and _first_on_page_one(paras, big[0]) and paras[big[0]].first.size >= largest:
        title = big[0]  # the largest line opening page 1 is the title, not a heading
    ranks = sorted({paras[i].first.size for i in big if i != title}, reverse=True)
    source: list[str] = []
    page_of: list[int] = []
    bold: set[int] = set()
    for i, p in enumerate(paras):
        if source:
            source.append("")
            page_of.append(p.first.page)
        text = texts[i]
        if i in big and i != title:
            level = min(ranks.index(p.first.size) + 1, 6)
            text = "#" * level + " " + text
        elif p.first.bold and all(ln.bold for ln in p.lines):
            bold.add(len(source))
        source.append(text)
        page_of.append(p.first.page)
    return source, page_of, bold


def _first_on_page_one(paras: list[_Para], i: int) -> bool:
    """Whether paragraph ``i`` opens page 1 but for short lines above it (a marking, a logo)."""
    return paras[i].first.page == 1 and all(
        count_words(_join(p.lines)) <= 6 for p in paras[:i] if p.first.page == 1
    )
