"""Plain-text reader: drafts saved as .txt, from Word or written by hand.

Plain text states no structure, so this reader reads the conventions people
use instead, and leaves the final word on pseudo-headings to
:func:`~lcsprlint.readers.assemble.assemble` (which rejects contents lists):

* paragraphs are separated by blank lines (or by separator lines such as
  ``----`` or ``* * *``); the lines of a paragraph are joined with a space;
* headings: Markdown-like ``# Title`` lines, lines underlined with ``====``
  (level 1) or ``----`` (level 2), and *candidates*: short title-like lines
  starting with a heading number (``3. Findings``, ``3.1 Key lines of
  enquiry``, ``Section 4: Analysis``, ``Appendix A: Chronology``), short
  ALL-CAPS lines, and a short capitalised line standing alone and followed by
  a body paragraph of at least 15 words (or by a list). A heading line may
  also open a paragraph when it is ALL-CAPS and followed by prose, or when the
  next line carries a sub-number of its number (``3. FINDINGS`` /
  ``3.1 The review...``);
* list items: lines starting ``- ``, ``* ``, ``• ``, ``1) ``, ``(a) ``,
  ``a) ``, ``a. ``, ``(iv) ``; several ``1. `` lines in one paragraph are a
  numbered list too (a contents list, or recommendations); nesting comes from
  indentation; lines that follow an item continue it;
* table rows: two or more consecutive lines split into 2+ cells by tabs or
  pipes, and space-aligned tables whose header is underlined with a rule per
  column (``-----  ------``);
* the title: the first non-empty line, when it reads as a title (a protective
  marking such as ``OFFICIAL SENSITIVE`` is skipped).

Inline directives use the Markdown syntax, an HTML comment on its own
line(s), e.g. ``<!-- lcsprlint-disable-next RULE -->`` (see
:mod:`~lcsprlint.readers.directives`); there is no other syntax (a
``# lcsprlint-...`` line is read as a heading). Other comments are kept as
text, since a plain-text file publishes them.

The line tests (:func:`heading_number`, :func:`numbered_title`,
:func:`caps_title`, :func:`contents_title`, :func:`is_marking`,
:func:`title_line`) are shared with the Markdown reader, so that both formats
read a converted Word draft the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from lcsprlint.model import Document
from lcsprlint.precompiled import re_constant
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.readers.decode import read_text_file
from lcsprlint.readers.directives import Found, attach, comment_lines
from lcsprlint.readers.pseudo import (
    BODY_AFTER_TITLE_WORDS,
    STANDALONE_TITLE_WORDS,
    settle_standalone,
)
from lcsprlint.textutil import (
    LABELLED_TITLE,
    LazyPattern,
    count_words,
    is_marking,
    is_toc_entry,
    looks_like_title,
    number_depth,
)

_HEADING_NUMBER = re_constant(
    r"^\s*(?P<num>(?i:section|part|chapter)\s+\d{1,2}(?:\.\d{1,2}){0,4}"
    r"|(?i:appendix|annex|annexe)\s+(?:[A-Z]|\d{1,2})\b"
    r"|\d{1,2}(?:\.\d{1,2}){1,4}"
    r"|\d{1,2}(?=\.)"
    r"|[IVX]{1,5}(?=\.))"
    r"[.:)]?(?:\s+|$)"
)
_BARE_NUMBER = re_constant(r"^\s*\d{1,2}[ \t]+(?=[A-Z])")
_PLAIN_NUMBER = LazyPattern(r"^\s*\d{1,2}\.\s")
_ATX = LazyPattern(r"^ {0,3}(#{1,6})[ \t]+(\S.*)$")
_UNDERLINE = LazyPattern(r"^ {0,3}(?:={3,}|-{3,})[ \t]*$")
_SEPARATOR = LazyPattern(r"^\s*([-=_*~#.•·])(?:[ \t]*\1){2,}\s*$")
_COLUMN_RULE = LazyPattern(r"^\s*[-=]{2,}(?:[ \t]+[-=]{2,})+\s*$")
_COLUMN = LazyPattern(r"[-=]{2,}")
_PIPE_RULE = LazyPattern(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_LIST_ITEM = LazyPattern(
    r"^(?P<indent>\s*)(?:(?P<bullet>[-*•‣◦▪–·+])"
    r"|(?P<label>\([a-zA-Z]\)|\([ivx]{1,5}\)|\(\d{1,2}\)|[a-z]\)|[ivx]{1,5}\)|\d{1,2}\)|[a-z]\.))"
    r"\s+(?P<text>\S.*)$"
)
#: "Finding 2: ...", "Theme one - ...": labelled headings run longer than plain ones.
#: Words a wrapped line often ends on, and a title line does not.
_RUN_ON_WORDS = frozenset(
    "a an and as at by for from in into of on or that the to was were which who with".split()  # noqa: SIM905
)
_CONTENTS_TITLE = re_constant(r"^(?:table of )?contents:?$", re.IGNORECASE)
_ALIGNED_GAP = LazyPattern(r" {3,}|\t+")

#: A labelled line ("Finding 2: ...") may run longer than a plain standalone heading.
_LABELLED_TITLE_WORDS = 16
_CAPS_TITLE_WORDS = 12
_NUMBERED_TITLE_WORDS = 20
_SETEXT_MAX_WORDS = 20


def heading_number(text: str) -> str | None:
    """The heading number a line starts with ("3.1", "Section 4", "Appendix A"), if any.

    Stricter than :func:`~lcsprlint.textutil.split_heading_number`: a bare
    number needs a dot ("3." or "3.1"), so "12 practitioners attended" is not
    numbered.
    """
    m = _HEADING_NUMBER.match(text)
    return m.group("num") if m else None


def numbered_title(text: str) -> bool:
    """A short title-like line starting with a heading number ("4.2 Key lines of enquiry").

    Unlike :func:`heading_number`, a bare number is accepted before a
    capitalised title ("1 Introduction", as Word's numbered headings export).
    """
    m = _HEADING_NUMBER.match(text) or _BARE_NUMBER.match(text)
    if not m:
        return False
    rest = text[m.end() :].lstrip(" -–—:.")
    if not rest:
        return not m.group(0).strip()[0].isdigit()  # "Appendix A" alone, not "3." alone
    if rest[0].islower() or text.rstrip().endswith(":"):
        return False  # "6.1 The partnership recommends:" introduces a list
    return looks_like_title(text, max_words=_NUMBERED_TITLE_WORDS)


_QUESTION_HEADING = re_constant(r"^\s*(?:Q|Question)\s?\d{1,2}[.:)]?\s+[A-Z].{0,100}\?\s*$")


def question_title(text: str) -> bool:
    """A numbered question heading, as in question-and-answer reports ("Q3. What did we find?")."""
    return bool(_QUESTION_HEADING.match(text)) and count_words(text) <= _NUMBERED_TITLE_WORDS


def caps_title(text: str) -> bool:
    """A short ALL-CAPS title-like line ("KEY LINES OF ENQUIRY", "1. INTRODUCTION").

    An ALL-CAPS question ("WHAT DID WE FIND?") is a heading too: questions
    written one per line are key questions, but nobody writes those in capitals.
    """
    # An ASCII lowercase letter, found without listing the cased characters; other
    # text is left to the list (a titlecase letter counts as neither case there).
    if text.isascii() and text.upper() != text:
        return False
    cased = [ch for ch in text if ch.isupper() or ch.islower()]
    if len(cased) < 3 or any(ch.islower() for ch in cased):
        return False
    return looks_like_title(text.rstrip().removesuffix("?"), max_words=_CAPS_TITLE_WORDS)


def contents_title(text: str) -> bool:
    """A "Contents" line, which heads a contents list whatever follows it."""
    return bool(_CONTENTS_TITLE.match(text.strip()))


def title_line(lines: list[str]) -> bool:
    """Whether the first of a file's first paragraph's lines is the document title.

    It must read as a title (not a marking, number, list item or row), and
    in a paragraph of several lines it must be a line of a title page, not
    the first line of a wrapped sentence.
    """
    first = lines[0].strip()
    if (
        is_marking(first)
        or contents_title(first)
        or _ATX.match(first)
        or _LIST_ITEM.match(first)
        or heading_number(first)
        or _cells(first)
        or (len(lines) > 1 and _UNDERLINE.match(lines[1]))
        or not looks_like_title(first)
        or first.endswith(":")
    ):
        return False
    if len(lines) == 1 or caps_title(first):
        return True
    second = lines[1].strip()
    last_word = first.rsplit(None, 1)[-1].lower()
    return (
        not second[:1].islower()
        and last_word not in _RUN_ON_WORDS
        and all(count_words(line) <= STANDALONE_TITLE_WORDS for line in lines)
    )


def _cells(line: str) -> list[str] | None:
    """Cells of a tab- or pipe-separated row (2 or more), else None.

    Runs of tabs align columns, so empty tab cells are dropped; an empty
    cell between pipes is a real empty cell.
    """
    stripped = line.strip()
    if "\t" in stripped:
        cells = [c.strip() for c in stripped.split("\t") if c.strip()]
    elif "|" in stripped:
        cells = [c.strip() for c in stripped.strip("|").split("|")]
    else:
        return None
    return cells if sum(1 for c in cells if c) >= 2 else None


def _atx_heading(m: re.Match[str], j: int) -> RawBlock:
    """A ``## Title ##`` line as a heading (closing hashes dropped, as in Markdown)."""
    text = m.group(2).rstrip()
    unhashed = text.rstrip("#")
    if unhashed != text and (not unhashed or unhashed[-1] in " \t"):
        text = unhashed.rstrip()
    return RawBlock("heading", text, level=len(m.group(1)), line=j + 1)


def _aligned_rows(lines: list[str]) -> list[list[str]] | None:
    """Cells of lines aligned in columns by runs of 3+ spaces, if every line has the same 2+."""
    if len(lines) < 2:
        return None
    rows = [_ALIGNED_GAP.split(line.strip()) for line in lines]
    width = len(rows[0])
    if width < 2 or any(len(r) != width for r in rows):
        return None
    return rows


@dataclass
class _Open:
    """A paragraph or list item still taking lines."""

    block: RawBlock
    parts: list[str] = field(default_factory=list)


class _Reader:
    """One pass over the lines of one file; builds raw blocks and directives."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.raw: list[RawBlock] = []
        self.found: list[Found] = []
        self.standalone: set[int] = set()  # raw indexes of lines that may be headings (e)
        self.tables = 0
        self.row: int | None = None  # next row index while a table is open
        self.open: _Open | None = None
        self.list_indents: list[int] = []
        self.title_done = False

    # -- chunks -------------------------------------------------------------

    def read(self) -> list[RawBlock]:
        lines = self.lines
        chunk: list[int] = []
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if not line.strip():
                self._chunk(chunk)
                chunk = []
                i += 1
                continue
            comments = comment_lines(lines, i) if "<!--" in line else None
            if comments is not None:
                self._chunk(chunk)
                chunk = []
                i, found = comments
                self.found.extend(found)
                continue
            if (
                _SEPARATOR.match(line)
                and not _COLUMN_RULE.match(line)
                and not (chunk and _UNDERLINE.match(line))
            ):
                self._chunk(chunk)
                chunk = []
                i += 1
                continue
            chunk.append(i)
            i += 1
        self._chunk(chunk)
        self._settle_standalone()
        self._shift_levels()
        return self.raw

    def _shift_levels(self) -> None:
        """Make the shallowest stated heading level 1.

        A text file underlined only with ``----`` (or using only ``##``) has
        no deeper level above them: its headings are top-level, and must not
        nest under a pseudo-heading that assemble puts at level 1.
        """
        levels = [rb.level for rb in self.raw if rb.kind == "heading" and rb.level]
        shift = min(levels, default=1) - 1
        if shift > 0:
            for rb in self.raw:
                if rb.kind == "heading" and rb.level:
                    rb.level -= shift

    def _chunk(self, idx: list[int]) -> None:
        """Turn one blank-line-delimited run of lines into blocks."""
        if not idx:
            return
        lines = self.lines
        self.row = None
        start = 0
        if not self.title_done:
            # A protective marking above the title does not use up the title's place.
            self.title_done = not is_marking(lines[idx[0]])
            if self._is_title(idx):
                self._emit(RawBlock("title", lines[idx[0]].strip(), line=idx[0] + 1))
                start = 1
        if start == len(idx):
            return
        if len(idx) == 1:  # a paragraph of one line, not the rest of a title page
            self._single(idx[0])
            return
        rows = _aligned_rows([lines[j] for j in idx[start:]])
        if rows is not None:
            self._close()
            for j, cells in zip(idx[start:], rows, strict=True):
                self._row(cells, j)
            return
        # A column-ruled table takes the rest of the chunk from its header line.
        for k in range(start + 1, len(idx)):
            if _COLUMN_RULE.match(lines[idx[k]]):
                self._lines(idx[start : k - 1])
                self._aligned_table(idx[k - 1 :], lines[idx[k]])
                return
        self._lines(idx[start:])

    def _is_title(self, idx: list[int]) -> bool:
        return title_line([self.lines[j] for j in idx])

    def _single(self, j: int) -> None:
        """A paragraph of one line: the place where pseudo-headings stand."""
        line = self.lines[j]
        text = line.strip()
        atx = _ATX.match(line)
        if atx:
            self._emit(_atx_heading(atx, j))
            return
        if _LIST_ITEM.match(line):
            self._lines([j])
            return
        if is_marking(text):
            self._emit(RawBlock("paragraph", text, line=j + 1))
            return
        if numbered_title(text) or caps_title(text) or contents_title(text) or question_title(text):
            self._emit(RawBlock("paragraph", text, line=j + 1, candidate=True))
            return
        if _PLAIN_NUMBER.match(text):
            self._numbered_item(line, j)  # "1. The partnership should..."
            self._close()
            return
        words = _LABELLED_TITLE_WORDS if LABELLED_TITLE.match(text) else STANDALONE_TITLE_WORDS
        if looks_like_title(text.rstrip(":"), max_words=words) and text[0].isupper():
            self.standalone.add(len(self.raw))
        self._emit(RawBlock("paragraph", text, line=j + 1))

    # -- lines within a chunk ---------------------------------------------------

    def _lines(self, idx: list[int]) -> None:
        """Lines of a multi-line chunk, in order: paragraphs, list items, tables, headings."""
        lines = self.lines
        numbered = [j for j in idx if heading_number(lines[j])]
        contents = len(numbered) >= 2 and all(numbered_title(lines[j]) for j in numbered)
        first = True
        k = 0
        while k < len(idx):
            j = idx[k]
            line = lines[j]
            text = line.strip()
            nxt = lines[idx[k + 1]] if k + 1 < len(idx) else None
            if (
                nxt is not None
                and _UNDERLINE.match(nxt)
                and not _LIST_ITEM.match(line)
                and count_words(text) <= _SETEXT_MAX_WORDS
            ):
                self._close()
                level = 1 if nxt.strip()[0] == "=" else 2
                self._emit(RawBlock("heading", text, level=level, line=j + 1))
                k += 2
                first = False
                continue
            k += 1
            if _SEPARATOR.match(line) or _COLUMN_RULE.match(line) or _PIPE_RULE.match(line):
                self._close()
                continue
            atx = _ATX.match(line)
            if atx:
                self._close()
                self._emit(_atx_heading(atx, j))
                continue
            cells = _cells(line)
            if cells and self._in_table_run(idx, k - 1):
                self._row(cells, j)
                continue
            if first and len(idx) > 1 and self._leading_heading(idx, numbered):
                self._close()
                self._emit(RawBlock("paragraph", text, line=j + 1, candidate=True))
                first = False
                continue
            first = False
            if is_toc_entry(text):
                self._close()
                self._emit(RawBlock("paragraph", text, line=j + 1))
                continue
            item = _LIST_ITEM.match(line)
            if item:
                self._item(item, j)
                continue
            if heading_number(line):
                if contents or (_PLAIN_NUMBER.match(text) and not numbered_title(text)):
                    self._numbered_item(line, j)
                else:
                    self._close()
                    self.open = _Open(RawBlock("paragraph", "", line=j + 1), [text])
                continue
            if self.open is None:
                self.open = _Open(RawBlock("paragraph", "", line=j + 1))
            self.open.parts.append(text)
        self._close()

    def _leading_heading(self, idx: list[int], numbered: list[int]) -> bool:
        """Whether the chunk's first line is a heading with its body run on below it."""
        lines = self.lines
        first = lines[idx[0]].strip()
        second = lines[idx[1]].strip()
        if numbered_title(first) and numbered and numbered[0] == idx[0] and len(numbered) > 1:
            num, sub = heading_number(first) or "", heading_number(second) or ""
            if sub.startswith(num + ".") and not numbered_title(second):
                return True
        if caps_title(first) and not caps_title(second) and not _LIST_ITEM.match(second):
            rest = " ".join(lines[j] for j in idx[1:])
            return count_words(rest) >= BODY_AFTER_TITLE_WORDS
        return False

    def _in_table_run(self, idx: list[int], k: int) -> bool:
        """A row needs a neighbouring row (or a pipe rule) to be a table and not a stray tab."""
        lines = self.lines
        for m in (k - 1, k + 1):
            if 0 <= m < len(idx) and (_cells(lines[idx[m]]) or _PIPE_RULE.match(lines[idx[m]])):
                return True
        return False

    def _row(self, cells: list[str], j: int) -> None:
        self._close()
        if self.row is None:
            self.tables += 1
            self.row = 0
        row = self.row
        self._emit(
            RawBlock(
                "table-row",
                " | ".join(cells),
                line=j + 1,
                table=self.tables - 1,
                row=row,
                cells=tuple(cells),
            )
        )
        self.row = row + 1

    def _aligned_table(self, idx: list[int], rule: str) -> None:
        """A space-aligned table: header line, a rule per column, then rows."""
        self._close()
        starts = [m.start() for m in _COLUMN.finditer(rule)]
        edges: list[int | None] = [0, *starts[1:], None]  # the first column takes any overhang
        self.tables += 1
        row = 0
        for j in idx:
            line = self.lines[j].expandtabs(8)
            if _COLUMN_RULE.match(line) or _SEPARATOR.match(line):
                continue
            cells = [line[a:b].strip() for a, b in pairwise(edges)]
            self._emit(
                RawBlock(
                    "table-row",
                    " | ".join(cells),
                    line=j + 1,
                    table=self.tables - 1,
                    row=row,
                    cells=tuple(cells),
                )
            )
            row += 1

    def _item(self, m: re.Match[str], j: int) -> None:
        self._close()
        indent = len(m.group("indent").expandtabs(4))
        while self.list_indents and indent < self.list_indents[-1]:
            self.list_indents.pop()
        if not self.list_indents or indent > self.list_indents[-1]:
            self.list_indents.append(indent)
        label = m.group("label")
        block = RawBlock(
            "list-item",
            "",
            level=len(self.list_indents),
            line=j + 1,
            list_style="number" if label else "bullet",
            number=label.strip("().") if label else None,
        )
        self.open = _Open(block, [m.group("text").strip()])

    def _numbered_item(self, line: str, j: int) -> None:
        """A line led by "3." or "3.1" read as a numbered list item (nested by its number)."""
        m = _HEADING_NUMBER.match(line)
        assert m is not None
        self._close()
        self.list_indents = [len(line) - len(line.lstrip())]
        number = m.group("num")
        block = RawBlock(
            "list-item",
            "",
            level=number_depth(number) or 1,
            line=j + 1,
            list_style="number",
            number=number,
        )
        self.open = _Open(block, [line[m.end() :].strip()])

    # -- output -----------------------------------------------------------------

    def _close(self) -> None:
        if self.open is not None:
            block = self.open.block
            block.text = " ".join(p for p in self.open.parts if p)
            self.open = None
            self._emit(block)

    def _emit(self, block: RawBlock) -> None:
        if self.open is not None:
            self._close()
        if block.kind != "list-item":
            self.list_indents = []
        if block.kind != "table-row":
            self.row = None
        self.raw.append(block)

    def _settle_standalone(self) -> None:
        """Rule (e): a lone short line is a heading candidate when body text follows it."""
        settle_standalone(self.raw, self.standalone)


def read_text(path: Path) -> Document:
    """Read a plain-text draft into the document model (see module docstring)."""
    source = read_text_file(path)
    reader = _Reader(source.split("\n"))
    raw = reader.read()
    doc = assemble(str(path), "text", raw, Extras())
    return attach(doc, reader.found)
