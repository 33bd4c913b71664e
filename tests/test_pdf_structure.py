"""What the PDF reader rebuilds from a page: lists, tables, run-in and bookmarked headings.

The PDFs are drawn here with fpdf2 (tests/support/audit_pdf.py) as Word lays
a report out: hanging list labels, ruled tables whose rows run over a page
break with the header row repeated, bold lead-ins, and headings that print
like body text but are named in the PDF's bookmarks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("fpdf")

from support.audit_pdf import BODY_SIZE, Drawn, _Report, write_pdf

from lcsprlint.readers import read_document

LONG = (
    "The review found that information held by police and health was not joined up, "
    "and that the plan recorded what was done rather than what changed for the children."
)


def test_list_items_keep_their_labels_levels_and_hanging_lines(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "lists.pdf",
        [
            Drawn("heading", "Recommendations", 1),
            Drawn("paragraph", "The partnership should act on these: " + LONG),
            Drawn("number", "Revise the templates. " + LONG, 1, label="1."),
            Drawn("bullet", "for maternity services", 2, label="◦"),
            Drawn("bullet", "for health visiting", 2, label="◦"),
            Drawn("number", "Review MASH staffing and demand.", 1, label="2."),
            Drawn("number", "Audit the change.", 1, label="10."),
            Drawn("paragraph", "(a) typed at the start of a paragraph is not a list item. " + LONG),
        ],
    )
    doc = read_document(path)
    items = [
        (b.list_style, b.number, b.level, b.text[:22]) for b in doc.blocks if b.kind == "list-item"
    ]
    assert items == [
        ("number", "1", 1, "Revise the templates. "),
        ("bullet", None, 2, "for maternity services"),
        ("bullet", None, 2, "for health visiting"),
        ("number", "2", 1, "Review MASH staffing an"[:22]),
        ("number", "10", 1, "Audit the change."),
    ]
    revise = next(b for b in doc.blocks if b.text.startswith("Revise"))
    assert revise.text.endswith("for the children.")  # its wrapped lines are one item
    assert any(b.kind == "paragraph" and b.text.startswith("(a) typed") for b in doc.blocks)


def test_a_table_over_a_page_break_keeps_its_rows_and_cells(tmp_path: Path) -> None:
    rows = [("Date", "Agency", "What happened")]
    rows += [(f"{d:02d}/03/2022", "Police", f"Visit {d}. " + LONG[:90]) for d in range(1, 29)]
    blocks = [Drawn("heading", "Chronology", 1), Drawn("paragraph", LONG)]
    blocks += [
        Drawn("row", " | ".join(r), cells=r, table=0, header=n == 0) for n, r in enumerate(rows)
    ]
    blocks += [Drawn("paragraph", "After the table. " + LONG)]
    doc = read_document(write_pdf(tmp_path / "table.pdf", blocks))
    got = [b.cells for b in doc.blocks if b.kind == "table-row"]
    assert got == [tuple(r) for r in rows]  # the header repeated on page 2 is not a row
    assert len({b.page for b in doc.blocks if b.kind == "table-row"}) >= 2
    assert len({b.table for b in doc.blocks if b.kind == "table-row"}) == 1
    assert doc.blocks[-1].text.startswith("After the table.")


def test_a_bold_lead_in_is_a_run_in_heading(tmp_path: Path) -> None:
    doc = read_document(
        write_pdf(
            tmp_path / "runin.pdf",
            [
                Drawn("title", "Learning review: Child Q"),
                Drawn("heading", "What the review found", 1),
                Drawn("paragraph", LONG, lead="Finding 1: men were not seen."),
            ],
            header="",  # one page: nothing recurs to tell a footer by
            footer="",
        )
    )
    heads = [s.title for s in doc.headings()]
    assert heads == ["What the review found", "Finding 1: men were not seen"]
    assert doc.blocks[-1].kind == "paragraph" and doc.blocks[-1].text.startswith("The review")


def test_headings_that_print_as_body_text_are_read_from_the_bookmarks(tmp_path: Path) -> None:
    pdf = _Report("", "", False)
    pdf.add_page()
    pdf.set_font(pdf.family, "", BODY_SIZE)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for level, title in ((0, "Key questions"), (1, "Question one"), (0, "Findings")):
        pdf.start_section(title, level=level)  # a bookmark, as Word makes from headings
        pdf.multi_cell(width, 5.2, title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.multi_cell(width, 5.2, LONG, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(tmp_path / "marks.pdf"))
    doc = read_document(tmp_path / "marks.pdf")
    assert [(s.title, s.level) for s in doc.headings()] == [
        ("Key questions", 1),
        ("Question one", 2),
        ("Findings", 1),
    ]
