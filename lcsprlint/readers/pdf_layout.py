"""Page geometry to paragraphs, list items and tables: the layout half of the PDF reader.

A PDF holds positioned runs of text and nothing more. This module works on
runs already measured by :mod:`lcsprlint.readers.pdf` (text, page, baseline,
left and right edges, font size, family and weight, a list label set off by a
gap) and knows nothing of the PDF library, so the rules that rebuild a draft
from its pages can be read, and tested, on their own. They are meant for PDFs
as Word, LibreOffice and typesetting tools make them, not for one producer:

* **running headers and footers**: runs on the top or bottom three baselines
  of a page whose text (numbers masked) recurs at the same height on at least
  half the pages; page numbers ("Page 3 of 20", "- 3 -", or a bare number
  that counts the pages) alone on such a baseline or beside running text;
* **justified lines** that a producer printed word by word, stretched to the
  column's width, are put back together (their even gaps are not cells);
* **list labels**: "1.", "a)", "•" followed by a tab opens a list item when
  the gap is plainly a tab, the next line hangs at the item's text, or a
  neighbouring item has its label and text at the same positions;
* **tables**: a line cut by wide gaps into runs is a candidate row; two or
  more lines with runs in two or more columns, and the lines wrapped inside
  cells, are a table. Lines are grouped by position, so tables written cell
  by cell (LibreOffice) or with cells centred in tall rows come out whole.
  Rows are told apart by the rules drawn between them where there are any,
  else by the extra space between rows against the line step inside a cell,
  else (evenly set rows) by the first column. A row cut by a page break runs
  on; a header row repeated on the next page is dropped. A "table" whose
  last column holds only page numbers is a contents list;
* **paragraphs**: lines are joined until a gap larger than the line step, a
  change of size, a bold line ending or starting, a list label, or a line
  left of a list item's hanging indent. Where paragraphs are not set apart
  by space, a line that ends a sentence with room left for the next word
  ends one too; where they are, such a line is a line break inside the
  paragraph, as in the Word original. Over a page break a paragraph runs on
  unless its last line had room for the next word (justified text: did not
  reach the margin), or, in ragged text, ended a sentence with the next page
  starting one;
* **line-end hyphens**: Word and LibreOffice do not hyphenate unless asked,
  so a hyphen at a line end is kept ("risk-" / "rating") unless the document
  shows its producer splitting words (a split word spelt whole elsewhere):
  then "safe-" + "guarding" is "safeguarding", while "multi-" + "agency" and
  "non-" + "mobile" keep theirs (the document's own spelling first, then
  prefixes that take a hyphen, then case); "single- and" keeps its space.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

#: Lines at the top and bottom of a page that may be running headers or footers.
BAND_LINES = 3
#: Share of pages a header or footer line must recur on.
RUNNING_SHARE = 0.5
#: A gap this many times the body line spacing separates paragraphs.
GAP_FACTOR = 1.35
#: A line ending before this share of the column width is short.
SHORT_LINE = 0.65
#: In justified text a line ending this share of the width short of the column is a last line...
JUSTIFIED_SLACK = 0.015
#: ...and text is justified when this share of body lines reach the column's right edge.
JUSTIFIED_SHARE = 0.45
#: Paragraphs are set apart by space when this many line steps (and this share of them)
#: are paragraph gaps.
SPACED_MIN = 3
SPACED_SHARE = 0.04
#: Positions within this many points are the same column or baseline.
ALIGN = 4.0
#: How far (in lines) below a table the first cell of a row set in the middle of a tall
#: row may be printed.
TALL_ROW = 12
#: A gap wider than this (in ems) between runs on one baseline separates table cells.
CELL_GAP = 0.8
#: A row step this much larger than the line step inside cells starts a new row.
ROW_STEP = 1.15

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?"
    r"(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
_BARE_PAGE = re.compile(r"^\s*(?:[-–—]\s*)?(\d{1,4})(?:\s*[-–—])?\s*$")
_BARE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_THREE_LETTERS = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}")
#: A word with its inner hyphens and apostrophes, for the document's own spellings.
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_SPACES = re.compile(r"\s+")
_SENTENCE_START = re.compile(r"^[\"“‘'(]?[A-Z0-9]")
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*$")
_HYPHENS = ("-", "\u00ad", "\x02")
_WORD_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
#: Prefixes written with a hyphen ("non-mobile", "multi-agency", "co-ordinate"): a line
#: that ends with one of them and a hyphen keeps the hyphen unless the document says not.
_HYPHEN_PREFIXES = frozenset(
    [
        "non",
        "self",
        "multi",
        "cross",
        "co",
        "ex",
        "well",
        "pre",
        "post",
        "anti",
        "semi",
        "mid",
        "inter",
        "intra",
        "sub",
        "re",
        "over",
        "under",
        "full",
        "part",
        "half",
        "long",
        "short",
        "one",
        "two",
        "three",
        "four",
        "first",
        "second",
        "third",
        "step",
    ]
)
#: Words after a suspended hyphen ("single- and multi-agency", "pre- or post-birth").
_SUSPENDED = frozenset(("and", "or", "nor", "to"))
#: A filler put in an empty table cell, so that the plain-text reader keeps the column.
EMPTY_CELL = "\u2063"


@dataclass
class Run:
    """One printed run of text: a line of a paragraph, or one cell's line in a table row.

    ``lead`` counts the characters of a bold lead-in ("Finding 1." before plain
    text); ``label`` those of a list label set off by a tab ("1.", "•", "(a)"),
    ``body`` where the text after it starts; ``joined`` marks a run on the
    same baseline as the run before it, after a gap too wide for a space.
    """

    text: str
    page: int
    y: float  # baseline, from the top of the page
    left: float
    right: float
    size: float
    bold: bool = False  # wholly bold (its first and last characters)
    y_end: float = 0.0  # baseline of the last character (PDFium may merge hyphenated lines)
    bold_start: bool = False
    bold_end: bool = False
    lead: int = 0
    label: int = 0
    body: float = 0.0
    tab: bool = False  # the gap after the label is plainly a tab
    joined: bool = False
    gap: float = 0.0  # the gap before a joined run
    family: str = ""  # font family of the first character
    toc: bool = False  # a contents entry rebuilt from a title and a page number


@dataclass
class Table:
    """A table found on the page: its rows, each with the page it starts on and its cells."""

    rows: list[tuple[int, list[str]]]

    @property
    def page(self) -> int:
        return self.rows[0][0]


@dataclass
class Para:
    """The runs of one paragraph (or list item), in order."""

    runs: list[Run] = field(default_factory=list)

    @property
    def first(self) -> Run:
        return self.runs[0]


@dataclass(frozen=True)
class Metrics:
    """The body text's size, line step and column, measured once per document;
    ``justified`` when most body lines reach the right edge of the column, ``spaced``
    when paragraphs are set apart by space (as most reports are)."""

    size: float
    step: float
    margin: float
    width: float
    justified: bool = False
    spaced: bool = False
    char: float = 0.5  # average character width, per point of font size

    def short(self, run: Run) -> bool:
        """Whether a line stops short of the column: in justified text, any line that does
        not reach its right edge (a paragraph's last line); else one ending well before it."""
        if self.justified:
            return run.right < self.right - JUSTIFIED_SLACK * self.width
        return (run.right - self.margin) < SHORT_LINE * self.width

    @property
    def right(self) -> float:
        return self.margin + self.width

    def step_at(self, size: float) -> float:
        return self.step * size / (self.size or 1.0)


def metrics(runs: Sequence[Run]) -> Metrics:
    """Body size (the size most text is set in), its line step, left margin and width."""
    sizes: Counter[float] = Counter()
    for r in runs:
        sizes[r.size] += len(r.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    plain = [r for r in runs if r.size == body and not r.joined]
    steps = [  # from one line to the next: no less than the font size, within a few lines
        b.y - a.y
        for a, b in pairwise(plain)
        if a.page == b.page and 0.9 * body <= b.y - a.y < 3 * (body or 10)
    ]
    # The line step: the common step among the shortest ones (in a short document the
    # steps between paragraphs may outnumber those between lines).
    low = sorted(steps)[len(steps) // 10] if steps else 0.0
    lines = [s for s in steps if s <= 1.25 * low]
    step = statistics.median(lines) if lines else (body or 1.0) * 1.2
    column = max((r.right for r in plain), default=0.0)
    margin = min((r.left for r in plain), default=0.0)
    width = max(column - margin, 1.0)
    full = sum(1 for r in plain if r.right >= column - JUSTIFIED_SLACK * width)
    gaps = sum(1 for s in steps if GAP_FACTOR * step < s)
    widths = [(r.right - r.left) / (len(r.text) * r.size) for r in plain if len(r.text) >= 20]
    return Metrics(
        body or 1.0,
        step,
        margin,
        width,
        justified=full >= JUSTIFIED_SHARE * len(plain) > 0,
        spaced=gaps >= max(SPACED_MIN, SPACED_SHARE * len(steps)),
        char=statistics.median(widths) if widths else 0.5,
    )


# -- running headers and footers ---------------------------------------------------------


def _key(text: str) -> str:
    """A header or footer line as it recurs: its numbers (page, date) may change from page
    to page, so they are masked, unless the line is little but numbers (a date in a table)."""
    text = _SPACES.sub(" ", text).strip().lower()
    return _DIGITS.sub("#", text) if _THREE_LETTERS.search(text) else text


def _bands(runs: list[Run]) -> set[int]:
    """Indexes of the runs on a page's first and last few baselines."""
    ys = sorted({round(r.y) for r in runs})
    top, bottom = set(ys[:BAND_LINES]), set(ys[-BAND_LINES:])
    return {i for i, r in enumerate(runs) if round(r.y) in top or round(r.y) in bottom}


def drop_running(pages: list[list[Run]]) -> list[Run]:
    """Every run in order, without running headers, footers and page numbers.

    A running line recurs at the same height: the partnership's name printed
    in the header is dropped, the same name as a line of the title page is not.
    """
    heights: dict[str, Counter[int]] = {}
    bands = [_bands(runs) for runs in pages]
    keys = [{i: _key(runs[i].text) for i in band} for runs, band in zip(pages, bands, strict=True)]
    for runs, band, key in zip(pages, bands, keys, strict=True):
        seen: dict[str, int] = {}
        for i in band:
            seen.setdefault(key[i], round(runs[i].y))
        for name, y in seen.items():
            heights.setdefault(name, Counter())[y] += 1
    need = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    running: dict[str, int] = {}
    if len(pages) > 1:
        for name, ys in heights.items():
            y, n = ys.most_common(1)[0]
            if n >= need:  # on enough pages, at the same height
                running[name] = y
    offsets = _page_offsets(pages, bands)
    out: list[Run] = []
    for n, (runs, band, key) in enumerate(zip(pages, bands, keys, strict=True)):
        drop = set()
        for i in band:
            height = running.get(key[i])
            if height is not None and abs(runs[i].y - height) <= ALIGN:
                drop.add(i)
        for i in band:
            if i in drop or not _PAGE_NUMBER.match(runs[i].text):
                continue
            bare = _BARE_PAGE.match(runs[i].text)
            if not bare:  # "Page 3 of 20", "iv": a page number wherever it stands
                drop.add(i)
                continue
            if int(bare.group(1)) - n not in offsets:
                continue  # a number that does not count the pages ("2024" in a table)
            mates = [j for j in band if j != i and abs(runs[j].y - runs[i].y) < 1.5]
            if all(j in drop or _PAGE_NUMBER.match(runs[j].text) for j in mates):
                drop.add(i)
        for i, r in enumerate(runs):
            if i in drop:
                continue
            if r.joined and (i == 0 or i - 1 in drop):
                r.joined = False  # what it was joined to was a header or footer
            out.append(r)
    return out


def _page_offsets(pages: list[list[Run]], bands: list[set[int]]) -> set[int]:
    """How printed bare page numbers relate to page order (1: page 1 is "1"; -1: the
    numbering starts after a cover and a contents page): offsets seen on two pages."""
    seen: Counter[int] = Counter()
    for n, (runs, band) in enumerate(zip(pages, bands, strict=True)):
        values = {int(m.group(1)) for i in band if (m := _BARE_PAGE.match(runs[i].text))}
        seen.update({v - n for v in values})
    if len(pages) == 1:
        return {v for v in seen if v <= 3}
    need = max(2, round(0.3 * len(pages)))
    return {k for k, v in seen.items() if v >= need and k <= len(pages) + 50}


# -- justified lines ---------------------------------------------------------------------

#: Gaps between the words of a justified line are this even (largest over smallest).
_EVEN_GAPS = 1.25


def unstretch(runs: list[Run]) -> list[Run]:
    """Put back together lines that were cut only because justification stretched them.

    Some producers print each word of a justified line on its own, and a
    short line stretched to the full width has gaps wide enough to be taken
    for table cells. Such a line is words one by one, spaced evenly (every
    space is stretched alike), from the margin to the right edge of the
    column; a table row has cells of several words, spaced as the columns fall.
    """
    m = metrics(runs)
    out: list[Run] = []
    chain: list[Run] = []
    for r in [*runs, None]:
        if r is not None and r.joined and chain and chain[-1].page == r.page:
            chain.append(r)
            continue
        if len(chain) >= 3 and _stretched(chain, m):
            chain = [_merge(chain)]
        out.extend(chain)
        chain = [r] if r is not None else []
    return out


def _stretched(chain: list[Run], m: Metrics) -> bool:
    gaps = [c.gap for c in chain[1:]]
    words = sum(1 for c in chain if " " not in c.text.strip())
    return (
        min(gaps) > 0
        and max(gaps) < _EVEN_GAPS * min(gaps)
        and 4 * words >= 3 * len(chain)
        and chain[-1].right >= m.right - JUSTIFIED_SLACK * m.width
    )


# -- list labels ----------------------------------------------------------------------------

#: How many runs either side a list item's neighbours are looked for.
_LIST_REACH = 40


def confirm_labels(runs: list[Run]) -> list[Run]:
    """Keep a list label only where the page shows a list.

    "1." or "a)" followed by a wide gap opens a list item when the gap is
    plainly a tab, when the next line hangs at the item's text (a hanging
    indent), or when another item nearby has its label and its text at the
    same positions. A justified paragraph that starts "1. The" has its
    spaces stretched too, and none of these.
    """
    cands = [i for i, r in enumerate(runs) if r.label]
    for n, i in enumerate(cands):
        r = runs[i]
        if r.tab:
            continue
        nxt = runs[i + 1] if i + 1 < len(runs) else None
        if nxt is not None and not nxt.label and abs(nxt.left - r.body) <= 2:
            continue
        near = cands[max(0, n - 3) : n] + cands[n + 1 : n + 4]
        if any(
            abs(i - j) <= _LIST_REACH
            and abs(runs[j].left - r.left) <= 1.5
            and abs(runs[j].body - r.body) <= 1.5
            for j in near
        ):
            continue
        r.label, r.body = 0, 0.0
    return runs


# -- tables --------------------------------------------------------------------------------


class _Lines:
    """Runs grouped by baseline on each page, whatever order the producer wrote them in
    (LibreOffice and others write a table cell by cell, so a row's cells are apart)."""

    def __init__(self, runs: Sequence[Run]) -> None:
        self.of = [0] * len(runs)
        self.members: list[list[int]] = []
        self.multi: set[int] = set()
        by_page: dict[int, list[int]] = {}
        for i, r in enumerate(runs):
            by_page.setdefault(r.page, []).append(i)
        for idx in by_page.values():
            idx.sort(key=lambda i: runs[i].y)
            cur: list[int] = []
            for i in idx:
                if cur and abs(runs[i].y - runs[cur[0]].y) > 1.5:
                    self._close(runs, cur)
                    cur = []
                cur.append(i)
            if cur:
                self._close(runs, cur)

    def _close(self, runs: Sequence[Run], cur: list[int]) -> None:
        n = len(self.members)
        xs = sorted(cur, key=lambda i: runs[i].left)
        if any(runs[b].left - runs[a].right > CELL_GAP * runs[a].size for a, b in pairwise(xs)):
            self.multi.add(n)
        for i in cur:
            self.of[i] = n
        self.members.append(cur)


def _col(cols: list[float], x: float) -> int | None:
    """The column starting at ``x`` (within :data:`ALIGN`), if any."""
    for k, c in enumerate(cols):
        if abs(c - x) <= ALIGN:
            return k
    return None


def _cell_text(runs: list[Run], widest: float, words: Words) -> str:
    """A cell's lines as one text. A word too long for a narrow column is broken where
    the column ends ("Recommendatio" / "n"): a line that is one word filling the
    column runs on into the next without a space, when the document spells the word
    whole elsewhere."""
    if not runs:
        return EMPTY_CELL
    out: list[Run] = [runs[0]]
    for r in runs[1:]:
        a = out[-1]
        word = (a.text.strip() + r.text.split(" ", 1)[0]).lower()
        if " " not in a.text.strip() and a.right - a.left >= 0.8 * widest and word in words.joined:
            out[-1] = Run(a.text + r.text, a.page, a.y, a.left, r.right, a.size, y_end=r.y_end)
        else:
            out.append(r)
    return join(out, words)


def _col_of(cols: list[float], x: float) -> int:
    """The column a run starting at ``x`` falls in."""
    k = 0
    for n, c in enumerate(cols):
        if x >= c - ALIGN:
            k = n
    return k


def _add_cols(cols: list[float], xs: Sequence[float]) -> list[float]:
    out = list(cols)
    for x in xs:
        if _col(out, x) is None:
            out.append(x)
    return sorted(out)


class _Region:
    """Runs, in the order printed, that may be a table: grown one run at a time."""

    def __init__(self, runs: Sequence[Run], i: int, lines: _Lines, m: Metrics) -> None:
        r = runs[i]
        self.runs, self.lines, self.m = runs, lines, m
        self.cols = _add_cols([], [runs[k].left for k in lines.members[lines.of[i]]])
        self.page, self.top, self.bottom, self.right = r.page, r.y, r.y, r.right
        self.size = r.size
        self.step = m.step_at(r.size)
        self.taken = [i]

    def take(self, j: int) -> bool:
        """Add run ``j`` if it continues the table; False (and nothing added) otherwise."""
        r = self.runs[j]
        if abs(r.size - self.size) > 0.6:
            return False
        if r.page != self.page:
            if r.page != self.page + 1 or _col(self.cols, r.left) is None:
                return False
            self.page, self.top, self.bottom = r.page, r.y, r.y  # runs on over the page
        k = _col(self.cols, r.left)
        line = self.lines.of[j]
        multi = line in self.lines.multi
        if k is None:
            mates = [self.runs[n].left for n in self.lines.members[line]]
            if r.joined and self.taken[-1] == j - 1:
                mates = [r.left]  # a cell printed on the line of the cells before it
            elif not multi or 2 * sum(_col(self.cols, x) is not None for x in mates) < len(mates):
                return False
            self.cols = _add_cols(self.cols, mates)
            k = _col(self.cols, r.left)
            assert k is not None
        limit = self.cols[k + 1] if k + 1 < len(self.cols) else math.inf  # the last runs on
        if r.right > limit + ALIGN or r.y < self.top - 3 * self.step:
            return False
        below = r.y > self.bottom + ROW_STEP * self.step  # below the table so far: a new row?
        if below and (r.y > self.bottom + TALL_ROW * self.step or not (multi or self._mates(j, k))):
            return False
        self.taken.append(j)
        self.top, self.bottom = min(self.top, r.y), max(self.bottom, r.y, r.y_end)
        self.right = max(self.right, r.right)
        return True

    def _mates(self, j: int, k: int) -> bool:
        """Whether cells beside run ``j`` are printed soon after it (a table written cell
        by cell, or cells centred in their row): else it is text below the table."""
        r = self.runs[j]
        for o in self.runs[j + 1 : j + 13]:
            if o.page != r.page:
                return False
            c = _col(self.cols, o.left)
            if c is not None and c != k and abs(o.y - r.y) <= 2 * self.step:
                return True
        return False

    def valid(self) -> bool:
        """Two or more lines with text in two or more columns."""
        per_line: dict[int, set[int]] = {}
        for i in self.taken:
            per_line.setdefault(self.lines.of[i], set()).add(_col_of(self.cols, self.runs[i].left))
        return sum(1 for ks in per_line.values() if len(ks) >= 2) >= 2


def find_tables(
    runs: Sequence[Run],
    m: Metrics,
    edges: Callable[[int], list[float]],
    words: Words | None = None,
) -> list[Run | Table]:
    """Runs in order, with tables found among them put in their place.

    ``edges(page)`` gives the heights (from the top) of horizontal rules drawn
    on a page; it is only asked for pages with a candidate table. A line cut
    by wide gaps that is not part of a table is put back together.
    """
    lines = _Lines(runs)
    out: list[Run | Table] = []
    i, n = 0, len(runs)
    while i < n:
        if lines.of[i] in lines.multi:
            region = _Region(runs, i, lines, m)
            j = i + 1
            while j < n and region.take(j):
                j += 1
            if region.valid():
                table = _build(region, edges, words or _NO_WORDS)
                if _is_contents(table):
                    out.extend(_merge(g) for g in _chains([runs[k] for k in region.taken]))
                else:
                    out.append(table)
                i = j
                continue
        e = i + 1
        while e < n and runs[e].joined and runs[e].page == runs[i].page:
            e += 1
        out.append(_merge(list(runs[i:e])))
        i = e
    return out


def _chains(runs: Sequence[Run]) -> list[list[Run]]:
    """Runs chained by ``joined``: what PDFium printed as one line."""
    out: list[list[Run]] = []
    for r in runs:
        if r.joined and out and out[-1][-1].page == r.page:
            out[-1].append(r)
        else:
            out.append([r])
    return out


def _merge(g: list[Run]) -> Run:
    """A line cut by wide gaps, put back together (a page number after a tab: a contents line)."""
    if len(g) == 1:
        return g[0]
    first = g[0]
    tail = g[-1].text.strip()
    sep = [" "] * (len(g) - 1)
    toc = bool(_BARE_NUMBER.match(tail)) and len(g) == 2
    if toc:
        sep[-1] = "\t"
    text = first.text + "".join(s + r.text for s, r in zip(sep, g[1:], strict=True))
    bold = all(r.bold for r in g)
    lead = first.lead
    if first.bold and not bold:  # the bold runs before the first plain one: a lead-in
        k = next(n for n, r in enumerate(g) if not r.bold)
        lead = (
            len(first.text)
            + sum(len(s) + len(r.text) for s, r in zip(sep, g[1:k], strict=False))
            + (len(sep[k - 1]) + g[k].lead if g[k].lead else 0)
        )
    return Run(
        text,
        first.page,
        first.y,
        first.left,
        max(r.right for r in g),
        first.size,
        bold,
        y_end=first.y_end,
        bold_start=first.bold_start,
        bold_end=g[-1].bold_end,
        lead=lead,
        label=first.label,
        body=first.body,
        tab=first.tab,
        toc=toc,
        family=first.family,
    )


def _is_contents(table: Table) -> bool:
    return all(
        1 <= sum(1 for c in cells if c != EMPTY_CELL) <= 3 and bool(_BARE_NUMBER.match(cells[-1]))
        for _, cells in table.rows
    )


def _build(region: _Region, edges: Callable[[int], list[float]], words: Words) -> Table:
    """The rows and cells of a region: rows split at rules, else at the wider row steps."""
    cols, size = region.cols, region.size
    by_page: dict[int, list[Run]] = {}
    for i in region.taken:
        r = region.runs[i]
        by_page.setdefault(r.page, []).append(r)
    rows: list[tuple[int, list[list[Run]]]] = []
    step = region.step
    pages: list[tuple[int, list[list[Run]], list[float], list[float]]] = []
    for page, runs in by_page.items():
        lines: list[list[Run]] = []
        for r in sorted(runs, key=lambda r: (r.y, r.left)):
            if lines and abs(lines[-1][0].y - r.y) <= 1.5:
                lines[-1].append(r)
            else:
                lines.append([r])
        ends = [max(max(r.y, r.y_end) for r in line) for line in lines]  # a run may hold two lines
        steps = [b[0].y - ends[n] for n, (_, b) in enumerate(pairwise(lines))]
        pages.append((page, lines, ends, steps))
    # The line step inside a cell: no less than (nearly) the body's, whatever odd
    # baselines a row holds. Rows set line after line show no step of their own.
    every = [s for *_, steps in pages for s in steps]
    base = max(min(every, default=0.0), 0.9 * step)
    even = all(s <= ROW_STEP * base for s in every)
    for page, lines, ends, steps in pages:
        top, bottom = lines[0][0].y, lines[-1][0].y
        inside = [e for e in edges(page) if top - 2 * step < e < bottom]
        for n, line in enumerate(lines):
            ks = [_col_of(cols, r.left) for r in line]
            if not rows:
                new = True
            elif inside:
                prev = ends[n - 1] if n else line[0].y - 2 * step
                new = any(prev < e < line[0].y - 0.6 * size for e in inside)
            elif n == 0:
                # A row cut by the page break runs on: a new row starts with its first
                # cell, beside others when the row before had text in several cells.
                filled = sum(1 for cell in rows[-1][1] if cell)
                new = 0 in ks and (len(set(ks)) >= 2 or filled <= 1)
            elif even:  # rows set line after line: a line across the columns is a row
                new = 0 in ks and len(set(ks)) >= 2
            else:
                new = steps[n - 1] > ROW_STEP * base
            if new or not rows:
                rows.append((page, [[] for _ in cols]))
            for k, r in zip(ks, line, strict=True):
                rows[-1][1][k].append(r)
    widest = [0.0] * len(cols)
    for _, cells in rows:
        for k, cell in enumerate(cells):
            widest[k] = max([widest[k], *(r.right - r.left for r in cell)])
    table = [
        (page, [_cell_text(cell, widest[k], words) for k, cell in enumerate(cells)])
        for page, cells in rows
    ]
    header = table[0][1]
    kept = [
        row
        for n, row in enumerate(table)
        if n == 0 or not (row[1] == header and row[0] != table[n - 1][0])
    ]  # the header row repeated at the top of each page the table runs on to
    return Table(kept)


# -- paragraphs ----------------------------------------------------------------------------


def paragraphs(items: Sequence[Run | Table], m: Metrics) -> list[Para | Table]:
    """Group runs into paragraphs (see module docstring); tables stay as they are."""
    out: list[Para | Table] = []
    cur = Para()
    for item in items:
        if isinstance(item, Table):
            if cur.runs:
                out.append(cur)
                cur = Para()
            out.append(item)
            continue
        prev = cur.runs[-1] if cur.runs else None
        if prev is not None and (item.toc or prev.toc or _breaks(cur, prev, item, m)):
            out.append(cur)
            cur = Para()
        cur.runs.append(item)
    if cur.runs:
        out.append(cur)
    return out


def _breaks(para: Para, prev: Run, ln: Run, m: Metrics) -> bool:
    """Whether ``ln`` starts a new paragraph after ``prev``."""
    if abs(prev.size - ln.size) > 0.6 or ln.label:
        return True
    if prev.bold and not ln.bold:
        return True  # a bold line, then text that is not: a heading and its paragraph
    if ln.bold and not prev.bold and prev.bold_end != ln.bold_start:
        return True  # text, then a bold line (not the bold end of a sentence run over)
    if para.first.label and ln.left < para.first.body - ALIGN:
        return True  # left of a list item's hanging indent: the list has ended
    ended = _room(prev, ln, m)
    if ln.page != prev.page:  # else the paragraph runs on over the page break
        if ended or (m.justified and m.short(prev)):
            return True
        # Ragged text: a line ending a sentence, then one starting one, is far more often
        # the end of a paragraph than a sentence that happens to fill the line.
        return (
            not m.justified
            and bool(_SENTENCE_END.search(prev.text))
            and bool(_SENTENCE_START.match(ln.text))
        )
    gap = ln.y - prev.y_end
    if gap > GAP_FACTOR * m.step_at(ln.size) or gap < 0:
        return True
    if m.spaced:
        # Paragraphs are set apart by space: a line ended early is a line break, unless
        # it is a bold line above another (two headings, the second set close under).
        return ended and prev.bold and ln.bold
    # A line ended early without a sentence ending is a line break inside the paragraph
    # (an address, "Author: ... / Date: ..."), as the Word original has it.
    return (ended or m.short(prev)) and bool(_SENTENCE_END.search(prev.text))


def _room(prev: Run, ln: Run, m: Metrics) -> bool:
    """Whether the first word of ``ln`` would have fitted at the end of ``prev``: then
    ``prev`` was ended on purpose (the paragraph, or a line break), not by the margin."""
    word = ln.text.split(" ", 1)[0]
    return prev.right + (len(word) + 1) * m.char * ln.size < m.right - 0.25 * ln.size


# -- joining lines ---------------------------------------------------------------------


class Words:
    """The document's words, to judge a hyphen at a line end by how the document spells.

    Word and LibreOffice do not hyphenate unless asked, so in most reports a
    hyphen at a line end is the author's ("risk-" / "rating"); a typeset
    report splits words ("safe-" / "guarding"). The document shows which: a
    split word it spells whole elsewhere means the producer hyphenates.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        words: set[str] = set()
        for text in texts:
            found = _WORD.findall(text.lower())
            words.update(found[:-1])  # the last word may be cut by the line end
        self.hyphened = {w for w in words if "-" in w}
        self.joined = words - self.hyphened
        self.hyphenates = any(
            f"{s}{r}" in self.joined and f"{s}-{r}" not in self.hyphened
            for s, r in _line_end_splits(texts)
        )

    def keep_hyphen(self, stem: str, rest: str) -> bool:
        """Whether ``stem-`` at a line end and ``rest`` on the next line are one hyphenated word."""
        s, r = stem.lower(), rest.lower()
        if "-" in r or f"{s}-{r}" in self.hyphened:
            return True
        if f"{s}{r}" in self.joined:
            return False
        if not self.hyphenates or s in _HYPHEN_PREFIXES or s.isdigit() or r[:1].isdigit():
            return True
        return not (stem + rest).islower()


def _line_end_splits(texts: Sequence[str]) -> list[tuple[str, str]]:
    """Words cut by a hyphen at a line end (lower-cased): at the end of one text and the
    start of the next, or where PDFium joined the lines itself (U+FFFE)."""
    out = []
    for a, b in pairwise(texts):
        for piece_a, piece_b in pairwise(a.split("\ufffe")):
            out.append((piece_a, piece_b))
        if a.endswith(_HYPHENS) and len(a) > 1 and a[-2].isalpha() and b[:1].isalpha():
            out.append((a[:-1], b))
    return [
        (
            _WORD_EDGE.sub("", x.rsplit(" ", 1)[-1]).lower(),
            _WORD_EDGE.sub("", y.split(" ", 1)[0]).lower(),
        )
        for x, y in out
    ]


_NO_WORDS = Words(())


def join(runs: Sequence[Run], words: Words = _NO_WORDS) -> str:
    """Runs as one line, hyphenation at line ends rejoined."""
    text = runs[0].text
    for ln in runs[1:]:
        nxt = ln.text
        if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalnum() and nxt[:1].isalnum():
            stem = text[:-1]
            last = _WORD_EDGE.sub("", stem.rsplit(" ", 1)[-1])
            first = _WORD_EDGE.sub("", nxt.split(" ", 1)[0])
            if first.lower() in _SUSPENDED:
                text = f"{text} {nxt}"  # "single- and multi-agency": the hyphen stands alone
            else:
                text = (stem + "-" + nxt) if words.keep_hyphen(last, first) else stem + nxt
        else:
            text = f"{text} {nxt}"
    return text


def soft_hyphens(text: str, words: Words = _NO_WORDS, mark: str = "\ufffe") -> str:
    """Resolve the hyphens PDFium found at line ends and joined itself (``mark``, U+FFFE)."""
    if mark not in text:
        return text
    out = text.split(mark)
    joined = out[0]
    for nxt in out[1:]:
        last = _WORD_EDGE.sub("", joined.rsplit(" ", 1)[-1])
        first = _WORD_EDGE.sub("", nxt.split(" ", 1)[0])
        if first.lower() in _SUSPENDED:
            joined += "- " + nxt
        else:
            joined += ("-" if words.keep_hyphen(last, first) else "") + nxt
    return joined
