"""Write test PDFs in pure Python (fpdf2), as a published report would look.

Published reviews are PDFs made from Word: the title and stated headings in a
larger bold font (bold lines stay bold lines at body size, plain lines the
reader took for headings stay plain), body text justified in a column, bold
lead-ins, numbered and bulleted lists with the label hanging left of the text
and nested lists indented, tables drawn as ruled grids with the cells wrapped
in columns as wide as their text wants (short cells centred in tall rows, the
header row bold and repeated when a table runs over a page), a running header
and footer with the page number on every page, and the author and title in
the document properties. These helpers draw exactly that from a Markdown or
plain-text draft (read with lcsprlint's own readers, so the blocks are the
ones the linter sees), so the PDF reader can be tested against the same draft
in both formats.

Run as a script to measure parity over the labelled corpus, by fpdf2 or
through LibreOffice (see :func:`parity`)::

    python tests/support/audit_pdf.py fpdf [NAME...]
    python tests/support/audit_pdf.py libreoffice [--keep DIR]
    python tests/support/audit_pdf.py libreoffice-no-bookmarks
"""

from __future__ import annotations

import argparse
import collections
import functools
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import TableCellFillMode

_FONTS = Path("/usr/share/fonts/truetype/dejavu")
#: Heading sizes by level (the title is level 0).
_SIZES = {0: 20.0, 1: 16.0, 2: 13.5, 3: 12.5}
BODY_SIZE = 10.5
_LEADING = 5.2  # mm per body line
_BULLETS = {1: "•", 2: "◦", 3: "▪"}
ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "corpus"


@dataclass(frozen=True)
class Drawn:
    """One block to draw: ``kind`` title, heading, paragraph, bullet, number, row,
    toc or break; ``level`` the heading or list level; ``label`` a list item's
    printed label; ``cells`` a table row's cells (``table`` its table, ``header``
    whether it is the table's first row); ``bold`` a wholly bold line; ``lead`` a
    bold lead-in ("Finding 1.") printed at the start of a paragraph."""

    kind: str
    text: str = ""
    level: int = 0
    label: str = ""
    cells: tuple[str, ...] = ()
    table: int = -1
    header: bool = False
    bold: bool = False
    lead: str = ""


class _Report(FPDF):
    def __init__(self, header_text: str, footer_text: str, numbered: bool) -> None:
        super().__init__(format="A4")
        self.header_text = header_text
        self.footer_text = footer_text
        self.numbered = numbered
        self.family = "Helvetica"
        if (_FONTS / "DejaVuSans.ttf").exists():
            self.add_font("DejaVu", "", str(_FONTS / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(_FONTS / "DejaVuSans-Bold.ttf"))
            self.family = "DejaVu"
        self.set_auto_page_break(True, margin=22)
        self.set_margins(20, 22, 20)

    def header(self) -> None:
        if self.header_text:
            self.set_font(self.family, "", 8)
            self.set_y(10)
            self.cell(0, 5, self.header_text, align="C")
            self.set_y(22)

    def footer(self) -> None:
        self.set_font(self.family, "", 8)
        self.set_y(-15)
        if self.footer_text:
            self.cell(0, 5, self.footer_text, align="L")
        if self.numbered:
            self.set_x(self.l_margin)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def _as_drawn(block: Drawn | tuple[str, str, int]) -> Drawn:
    if isinstance(block, Drawn):
        return block
    kind, text, level = block
    if kind == "number":
        return Drawn("number", text, 1, label=f"{level}.")
    if kind == "bullet":
        return Drawn("bullet", text, 1, label="•")
    return Drawn(kind, text, level)


def write_pdf(
    target: Path,
    blocks: Sequence[Drawn | tuple[str, str, int]],
    *,
    header: str = "Greyford Safeguarding Children Partnership",
    footer: str = "OFFICIAL",
    numbered: bool = True,
    metadata: dict[str, str] | None = None,
) -> Path:
    """Draw the blocks of a draft (:class:`Drawn`, or ``(kind, text, level)`` with kind
    ``title``, ``heading``, ``paragraph``, ``bullet``, ``number`` (level = the item
    number) or ``break`` (a new page))."""
    pdf = _Report(header, footer, numbered)
    for key, value in (metadata or {}).items():
        getattr(pdf, f"set_{key}")(value)
    pdf.add_page()
    drawn = [_as_drawn(b) for b in blocks]
    i = 0
    while i < len(drawn):
        d = drawn[i]
        if d.kind == "row":
            j = i
            while j < len(drawn) and drawn[j].kind == "row" and drawn[j].table == d.table:
                j += 1
            _table(pdf, drawn[i:j])
            i = j
            continue
        _block(pdf, d)
        i += 1
    pdf.output(str(target))
    return target


def _block(pdf: _Report, d: Drawn) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin
    text = " ".join(d.text.split())  # a soft line break in the source is not a printed one
    if d.kind == "break":
        pdf.add_page()
        return
    if d.kind in ("title", "heading") and not d.bold:
        size = _SIZES.get(0 if d.kind == "title" else d.level, 12.0)
        pdf.set_font(pdf.family, "B", size)
        pdf.ln(3)
        pdf.multi_cell(width, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        return
    if d.kind in ("title", "heading"):  # a bold line at body size: a Word "pseudo-heading"
        pdf.set_font(pdf.family, "B", BODY_SIZE)
        pdf.multi_cell(width, _LEADING, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        return
    pdf.set_font(pdf.family, "B" if d.bold else "", BODY_SIZE)
    if d.kind in ("bullet", "number"):
        indent = 4 + 7 * (max(d.level, 1) - 1)
        tab = max(7.0, pdf.get_string_width(d.label) + 2.5)  # a wide label tabs further, as in Word
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(tab, _LEADING, d.label)
        pdf.multi_cell(width - indent - tab, _LEADING, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
        return
    if d.lead:  # a bold lead-in, the paragraph's text running on after it
        body = text.replace("**", "")  # (fpdf2 prints each word of these lines on its own)
        lead = f"**{d.lead}** {body}"
        pdf.multi_cell(
            width, _LEADING, lead, markdown=True, align="J", new_x="LMARGIN", new_y="NEXT"
        )
    else:
        align = "L" if d.kind == "toc" or d.bold else "J"
        pdf.multi_cell(width, _LEADING, text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _table(pdf: _Report, rows: Sequence[Drawn]) -> None:
    """A ruled grid, columns as wide as their text wants, the first row bold."""
    ncols = max(len(r.cells) for r in rows)
    want = [8.0] * ncols  # as Word's autofit: by the text, no column narrower than its words
    least = [0.0] * ncols
    for r in rows:
        for k, cell in enumerate(r.cells):
            want[k] = max(want[k], min(len(cell), 60) + 6.0)
            least[k] = max([least[k], *(len(w) + 3.0 for w in cell.split())])
    total = sum(want)
    want = [max(w, lo * total / 80) for w, lo in zip(want, least, strict=True)]
    pdf.set_font(pdf.family, "", BODY_SIZE - 0.5)
    pdf.ln(1)
    with pdf.table(
        col_widths=tuple(want),
        first_row_as_headings=rows[0].header,
        line_height=_LEADING,
        padding=(1.2, 2.0),
        text_align="LEFT",
        cell_fill_mode=TableCellFillMode.NONE,
    ) as table:
        for r in rows:
            row = table.row()
            for k in range(ncols):
                row.cell(r.cells[k] if k < len(r.cells) else "")
    pdf.ln(4)


def source_blocks(path: Path) -> list[Drawn]:
    """The blocks of a Markdown or plain-text draft as lcsprlint reads it, to draw."""
    from lcsprlint.readers import read_document

    doc = read_document(path)
    source = path.read_text(encoding="utf-8").split("\n")
    out: list[Drawn] = []
    blocks = doc.blocks
    seen: set[int | None] = set()
    skip: set[int] = set()
    for n, b in enumerate(blocks):
        if n in skip:
            continue
        nxt = blocks[n + 1] if n + 1 < len(blocks) else None
        if b.kind == "title":
            out.append(Drawn("title", b.text))
        elif b.kind == "heading":
            runin = (  # a bold lead-in: the heading and its paragraph share a source line
                b.bold
                and nxt is not None
                and nxt.kind == "paragraph"
                and b.line is not None
                and nxt.line == b.line
            )
            if runin:
                out.append(Drawn("paragraph", nxt.text, lead=b.text + "."))
                skip.add(n + 1)
            elif b.bold or _stated(source, b.line):
                out.append(Drawn("heading", b.text, b.level or 1, bold=b.bold))
            else:  # a plain line the reader took for a heading prints as a plain line
                out.append(Drawn("paragraph", b.text))
        elif b.kind == "list-item" or (b.kind == "toc" and b.list_style):
            level = b.level or 1
            if b.list_style == "number" and b.number:
                label = f"{b.number}." if b.number[0].isdigit() else f"{b.number})"
                out.append(Drawn("number", b.text, level, label=label))
            else:
                out.append(Drawn("bullet", b.text, level, label=_BULLETS.get(level, "•")))
        elif b.kind == "table-row":
            first = b.table not in seen
            seen.add(b.table)
            cells = b.cells or (b.text,)
            out.append(Drawn("row", b.text, cells=cells, table=b.table or 0, header=first))
        elif b.kind == "toc":
            out.append(Drawn("toc", b.text))
        else:
            out.append(Drawn("paragraph", b.text, bold=b.bold))
    return out


def _stated(lines: list[str], line: int | None) -> bool:
    """Whether the source states a heading on ``line`` (``# Title`` or an underline)."""
    if line is None or not 0 < line <= len(lines):
        return True
    here = lines[line - 1].lstrip()
    below = lines[line].strip() if line < len(lines) else ""
    return here.startswith("#") or (len(below) >= 3 and set(below) <= {"=", "-"})


#: Kept for callers of the first version (benchmarks/bench_audit.py).
markdown_blocks = source_blocks


def source_metadata(path: Path) -> dict[str, str]:
    """The draft's document properties, as Word would carry them into the PDF."""
    from lcsprlint.readers import read_document

    meta = read_document(path).metadata
    fields = {"author": meta.author, "title": meta.title, "subject": meta.subject}
    fields["keywords"] = meta.keywords
    return {k: v for k, v in fields.items() if v}


def render_draft(path: Path, target: Path, **kw: object) -> Path:
    """Draw a Markdown or plain-text draft to ``target`` with its properties."""
    return write_pdf(target, source_blocks(path), metadata=source_metadata(path), **kw)  # type: ignore[arg-type]


def draw_lines(
    target: Path,
    pages: Sequence[Sequence[tuple[str, str]]],
    *,
    header: str = "",
    footer: str = "",
    numbered: bool = True,
    metadata: dict[str, str] | None = None,
) -> Path:
    """Draw pages of pre-broken lines, ``(style, text)`` with style ``h`` (bold 15pt),
    ``b`` (bold body size), ``p`` (body) or ``gap`` (a blank line): for hyphenated
    line ends and other layouts that the wrapping of :func:`write_pdf` cannot force."""
    pdf = _Report(header, footer, numbered)
    for key, value in (metadata or {}).items():
        getattr(pdf, f"set_{key}")(value)
    for lines in pages:
        pdf.add_page()
        for style, text in lines:
            if style == "gap":
                pdf.ln(5.2)
                continue
            size = 15.0 if style == "h" else BODY_SIZE
            pdf.set_font(pdf.family, "B" if style in ("h", "b") else "", size)
            pdf.cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


# -- parity: the same draft as source and as PDF ---------------------------------------


def corpus_drafts() -> list[Path]:
    """Every labelled draft of the three corpora (Markdown and plain text)."""
    return sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".txt"))


def findings_key(result: object) -> collections.Counter[tuple[str, str]]:
    """What parity compares: each finding's rule and message, as a multiset (no location)."""
    return collections.Counter((f.rule, f.message) for f in result.findings)  # type: ignore[attr-defined]


#: LibreOffice's PDF export without the bookmarks it makes from headings (as a PDF made
#: without them, or by a tool that makes none, would be).
_NO_BOOKMARKS = 'pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"false"}}'


@functools.cache
def _planner() -> tuple[Any, Any]:
    """The check kinds and a planner with default options, made once per process."""
    from lcsprlint.engine.config import Options
    from lcsprlint.engine.plan import Planner
    from lcsprlint.kinds import all_kinds

    kinds = all_kinds()
    return kinds, Planner(Options(), kinds)


def parity(
    drafts: Iterable[Path], route: str, out_dir: Path
) -> list[tuple[Path, str | None, list[str]]]:
    """Check each draft and its PDF; returns ``(draft, profile, differences)``.

    ``route`` ``fpdf``: the draft drawn with :func:`render_draft` and compared with
    the draft itself; ``libreoffice``: a Markdown draft rendered as .docx (the
    quality harness's heading conventions in turn), converted by LibreOffice, and
    compared with the .docx; ``libreoffice-no-bookmarks``: the same without the
    bookmarks LibreOffice makes from headings.
    """
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))
    from lcsprlint.engine.runner import engine_for

    kinds, planner = _planner()
    pairs: list[tuple[Path, Path, Path]] = []
    order = {d: n for n, d in enumerate(corpus_drafts())}  # the convention each draft gets
    for n, draft in enumerate(drafts):
        n = order.get(draft, n)
        if route == "fpdf":
            pairs.append((draft, draft, render_draft(draft, out_dir / f"{draft.stem}.pdf")))
            continue
        if draft.suffix != ".md":
            continue
        from quality import DOCX_STYLES

        from support.mdtodocx import markdown_to_docx

        style = DOCX_STYLES[n % len(DOCX_STYLES)]
        docx = out_dir / f"{draft.stem}.{style}.docx"
        markdown_to_docx(draft.read_text(encoding="utf-8"), docx, style)
        pairs.append((draft, docx, docx.with_suffix(".pdf")))
    if route != "fpdf":
        todo = [str(src) for _, src, _ in pairs]
        target = "pdf" if route == "libreoffice" else _NO_BOOKMARKS
        for k in range(0, len(todo), 40):  # one soffice start converts many files
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(out_dir),
                    *todo[k : k + 40],
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )
    out = []
    for draft, src, pdf in pairs:
        engine = engine_for(planner.spec_for(draft), kinds)
        a, b = engine.check_path(src), engine.check_path(pdf)
        diffs = []
        if a.error or b.error:
            diffs.append(f"error: {a.error or b.error}")
        if a.profile != b.profile:
            diffs.append(f"profile {a.profile} -> {b.profile}")
        ka, kb = findings_key(a), findings_key(b)
        diffs += [f"source only: {r} {m}" for r, m in sorted((ka - kb).elements())]
        diffs += [f"pdf only:    {r} {m}" for r, m in sorted((kb - ka).elements())]
        out.append((draft, a.profile, diffs))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Parity of findings: each corpus draft vs its PDF.")
    ap.add_argument("route", choices=("fpdf", "libreoffice", "libreoffice-no-bookmarks"))
    ap.add_argument("names", nargs="*", help="only drafts whose file name contains one of these")
    ap.add_argument("-q", "--quiet", action="store_true", help="only the differing drafts' names")
    ap.add_argument("--keep", type=Path, help="write the files compared to this folder")
    args = ap.parse_intermixed_args(argv)
    if args.route != "fpdf" and shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed")
        return 2
    drafts = [d for d in corpus_drafts() if not args.names or any(n in d.name for n in args.names)]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = parity(drafts, args.route, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            results = parity(drafts, args.route, Path(tmp))
    differ = [r for r in results if r[2]]
    for draft, _, diffs in differ:
        print(f"{draft.parent.name}/{draft.name}")
        if not args.quiet:
            for d in diffs:
                print(f"    {d}")
    same = len(results) - len(differ)
    print(f"{args.route}: {same} of {len(results)} drafts give the same findings")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
