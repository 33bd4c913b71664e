"""Write test PDFs in pure Python (fpdf2), as a published report would look.

Published reviews are PDFs made from Word: headings in a larger bold font,
body text wrapped in a justified column, a running header and footer with the
page number on every page, and words hyphenated at line ends. These helpers
draw exactly that from a Markdown draft (read with lcsprlint's own Markdown
reader, so the blocks are the ones the linter sees), so the PDF reader can be
tested against the same draft in both formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

_FONTS = Path("/usr/share/fonts/truetype/dejavu")
#: Heading sizes by level (the title is level 0).
_SIZES = {0: 20.0, 1: 16.0, 2: 13.5, 3: 12.5}
BODY_SIZE = 10.5


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


def write_pdf(
    target: Path,
    blocks: Sequence[tuple[str, str, int]],
    *,
    header: str = "Greyford Safeguarding Children Partnership",
    footer: str = "OFFICIAL",
    numbered: bool = True,
    metadata: dict[str, str] | None = None,
) -> Path:
    """Draw ``(kind, text, level)`` blocks: kind ``title``, ``heading``, ``paragraph``,
    ``bullet``, ``number`` (level = the item number) or ``break`` (a new page)."""
    pdf = _Report(header, footer, numbered)
    for key, value in (metadata or {}).items():
        getattr(pdf, f"set_{key}")(value)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, raw, level in blocks:
        text = " ".join(raw.split())  # a soft line break in the source is not a printed one
        if kind == "break":
            pdf.add_page()
            continue
        if kind in ("title", "heading"):
            size = _SIZES.get(0 if kind == "title" else level, 12.0)
            pdf.set_font(pdf.family, "B", size)
            pdf.ln(3)
            pdf.multi_cell(width, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            continue
        pdf.set_font(pdf.family, "", BODY_SIZE)
        if kind in ("bullet", "number"):
            label = "•" if kind == "bullet" else f"{level}."
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(6, 5.2, label)
            pdf.multi_cell(width - 10, 5.2, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
            continue
        pdf.multi_cell(width, 5.2, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(target))
    return target


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


def markdown_blocks(path: Path) -> list[tuple[str, str, int]]:
    """The blocks of a Markdown draft as lcsprlint reads it, ready for :func:`write_pdf`."""
    from lcsprlint.readers.markdown import read_markdown

    doc = read_markdown(path)
    out: list[tuple[str, str, int]] = []
    for b in doc.blocks:
        if b.kind == "title":
            out.append(("title", b.text, 0))
        elif b.kind == "heading":
            out.append(("heading", b.text, b.level or 1))
        elif b.kind == "list-item":
            if b.list_style == "number" and b.number and b.number.isdigit():
                out.append(("number", b.text, int(b.number)))
            else:
                out.append(("bullet", b.text, 0))
        else:
            out.append(("paragraph", b.text, 0))
    return out
