"""The PDF reader: published reviews read back into the same document as their source.

PDFs are written here in pure Python (fpdf2, tests/support/audit_pdf.py) with
running headers and footers, page numbers, hyphenated line ends and headings
in a larger bold font; with LibreOffice installed a .docx is converted too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("fpdf")

from support.audit_pdf import draw_lines

from lcsprlint.errors import InputError
from lcsprlint.readers import read_document
from lcsprlint.readers import sniff as sniff_module
from lcsprlint.readers.pdf import SCANNED, page_count

CORPUS = Path(__file__).parent / "corpus" / "lcspr"
BODY = (
    "The review looked at the help given to the family over two years and at how "
    "agencies shared what they knew about the risks to the baby at home."
)

PAGE_ONE = [
    ("h", "Learning Review: Child Q"),
    ("gap", ""),
    ("h", "1. Introduction"),
    ("p", "This review considers the multi-agency safe-"),
    ("p", "guarding response to Child Q and his older sister, and"),
    ("p", "the work of the Multi-"),
    ("p", "Agency Safeguarding Hub in the months before the injury."),
    ("gap", ""),
    ("b", "Why we did this review"),
    ("p", "The partnership decided that a review was needed because the rapid review"),
    ("p", "found that information held by police and health was not joined up, and"),
    ("p", "because the same problem had been seen in two earlier local reviews."),
]
PAGE_TWO = [
    ("h", "2. Findings"),
    ("p", "Practitioners were committed and visited often, but the plan recorded what"),
    ("p", "was done rather than what changed for the children in the household."),
    ("gap", ""),
    ("p", "The health visitor saw a bruise and followed the protocol in part only."),
]
PAGE_THREE = [
    ("h", "3. Recommendations"),
    ("p", "The safeguarding partners should make sure that every notification about a"),
    ("p", "baby is checked with health before it is closed."),
]


def _layout(tmp_path: Path, **kw: object) -> Path:
    return draw_lines(
        tmp_path / "review.pdf",
        [PAGE_ONE, PAGE_TWO, PAGE_THREE],
        header="Northvale Safeguarding Children Partnership",
        footer="OFFICIAL",
        **kw,  # type: ignore[arg-type]
    )


def test_outline_pages_and_text(tmp_path: Path) -> None:
    doc = read_document(_layout(tmp_path))
    assert doc.format == "pdf"
    assert doc.title == "Learning Review: Child Q"
    heads = [(s.title, s.level) for s in doc.headings()]
    assert heads == [
        ("Introduction", 1),
        ("Why we did this review", 2),
        ("Findings", 1),
        ("Recommendations", 1),
    ]
    # every block knows its page, and a PDF has no source lines
    by_text = {b.text[:20]: b.page for b in doc.blocks}
    assert by_text["2. Findings"] == 2
    assert by_text["3. Recommendations"] == 3
    assert all(b.line is None and b.page for b in doc.blocks)
    assert page_count(tmp_path / "review.pdf") == 3


def test_running_headers_footers_and_page_numbers_removed(tmp_path: Path) -> None:
    doc = read_document(_layout(tmp_path))
    text = "\n".join(b.text for b in doc.blocks)
    assert "Northvale" not in text
    assert "OFFICIAL" not in text
    assert "Page " not in text
    # a paragraph of two lines runs on; the next one after a gap is separate
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert any(p.startswith("Practitioners were") and p.endswith("household.") for p in paras)
    assert any(p.startswith("The health visitor saw") for p in paras)


def test_hyphenation_rejoined_only_for_lower_case_words(tmp_path: Path) -> None:
    doc = read_document(_layout(tmp_path))
    intro = next(b.text for b in doc.blocks if b.text.startswith("This review considers"))
    assert "multi-agency safeguarding response" in intro
    assert "Multi-Agency Safeguarding Hub" in intro
    assert "safe-" not in intro


def test_metadata_read_for_hygiene(tmp_path: Path) -> None:
    path = _layout(tmp_path, metadata={"author": "Jane Smith", "producer": "Writer 7.4"})
    doc = read_document(path)
    assert doc.metadata.author == "Jane Smith"
    assert ("producer", "Writer 7.4") in doc.metadata.extra


def test_scanned_pdf_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")  # an image of a page, no text
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "scan.pdf")
    assert info.value.cause == SCANNED


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Secret report text that nobody may read without the password.")
    try:
        pdf.set_encryption(owner_password="owner", user_password="user")
        pdf.output(str(tmp_path / "locked.pdf"))
    except Exception as exc:  # encryption needs optional crypto support in fpdf2
        pytest.skip(f"fpdf2 cannot encrypt here ({type(exc).__name__})")
    with pytest.raises(InputError, match="encrypted PDF"):
        read_document(tmp_path / "locked.pdf")


def test_without_the_extra_the_refusal_names_it(tmp_path: Path, monkeypatch) -> None:
    path = _layout(tmp_path)
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda n, *a: None if n == "pypdfium2" else real(n, *a)
    )
    with pytest.raises(InputError) as info:
        sniff_module.sniff(path)
    assert info.value.cause == "PDF support needs the pdf extra: pip install 'lcsprlint[pdf]'"


def test_truncated_and_misnamed_pdfs_are_refused(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(_layout(tmp_path).read_bytes()[:2000])
    with pytest.raises(InputError, match="truncated PDF"):
        sniff_module.sniff(cut)
    named = tmp_path / "draft.docx"
    named.write_bytes((tmp_path / "review.pdf").read_bytes())
    with pytest.raises(InputError, match=r"PDF file named \.docx"):
        sniff_module.sniff(named)
