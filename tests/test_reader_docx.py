"""The .docx reader: headings however they are made, text wherever Word hides it, and safety."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from support.docx_fixtures import (
    add_block,
    add_bold_paragraph,
    add_comment,
    add_deletion,
    add_footnote,
    add_format_change,
    add_hidden_run,
    add_insertion,
    add_move,
    add_numbering,
    add_raw_body,
    add_raw_paragraph,
    add_table,
    build_docx,
    docx_bytes,
    ensure_style,
    new_document,
    rewrite_zip,
    run_xml,
    save,
    set_app_properties,
    set_header_footer,
    set_numbering,
    set_style_outline,
    set_track_revisions,
    w,
    write_encrypted_docx,
    write_legacy_doc,
    write_malformed_docx,
    write_truncated_docx,
    write_zip_bomb,
)
from support.mdtodocx import markdown_to_docx

from lcsprlint.errors import InputError
from lcsprlint.model import Document
from lcsprlint.readers import read_document
from lcsprlint.readers.docx import read_docx

BODY = "The partnership reviewed the practice of every agency involved with the family."


def read(path: Path) -> Document:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    doc = read_document(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "reading changed the file"
    return doc


def outline(doc: Document) -> list[tuple[int, str | None, str]]:
    return [(s.level, s.number, s.title) for s in doc.headings()]


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


# --- headings ------------------------------------------------------------------------------


def test_heading_styles_give_levels_numbers_and_sections(tmp_path: Path) -> None:
    doc = read(
        build_docx(
            tmp_path / "a.docx",
            [
                ("title", "Child T"),
                ("h1", "1. Introduction"),
                ("p", BODY),
                ("h2", "1.1 Scope"),
                ("p", BODY),
                ("h1", "2. Findings"),
                ("p", BODY),
            ],
        )
    )
    assert doc.title == "Child T"
    assert doc.blocks[0].kind == "title"
    assert outline(doc) == [(1, "1", "Introduction"), (2, "1.1", "Scope"), (1, "2", "Findings")]
    intro = doc.sections[1]
    assert doc.section_blocks(intro)[-1].text == BODY
    assert intro.end == 5  # the subsection belongs to it
    assert doc.sections[2].parent == 1
    assert [b.paragraph for b in doc.blocks] == list(range(1, 8))


def test_custom_style_based_on_heading_1_is_level_1(tmp_path: Path) -> None:
    doc = new_document()
    ensure_style(doc, "Report Chapter", "Heading 1")
    doc.add_paragraph("Findings", style="Report Chapter")
    doc.add_paragraph(BODY)
    assert outline(read(save(doc, tmp_path / "a.docx"))) == [(1, None, "Findings")]


def test_outline_level_on_the_paragraph(tmp_path: Path) -> None:
    doc = read(
        build_docx(tmp_path / "a.docx", [("outline2", "Method"), ("p", BODY)]),
    )
    assert outline(doc) == [(2, None, "Method")]
    assert doc.blocks[0].style == "Normal"


def test_outline_level_on_a_style(tmp_path: Path) -> None:
    doc = new_document()
    ensure_style(doc, "Big Para")
    set_style_outline(doc, "Big Para", 3)
    doc.add_paragraph("Deep heading", style="Big Para")
    doc.add_paragraph(BODY)
    assert outline(read(save(doc, tmp_path / "a.docx"))) == [(3, None, "Deep heading")]


def test_outline_level_body_text_overrides_a_heading_style(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph("Not a heading after all", style="Heading 1")
    p._p.get_or_add_pPr().append(
        p._p.makeelement(w("outlineLvl"), {w("val"): "9"}),
    )
    doc.add_paragraph(BODY)
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert parsed.blocks[0].kind == "paragraph"


def test_bold_paragraphs_are_headings_and_bold_lists_are_not(tmp_path: Path) -> None:
    doc = read(
        build_docx(
            tmp_path / "a.docx",
            [
                ("bold", "Introduction"),
                ("p", BODY),
                ("bold", "Key questions"),
                ("p", BODY),
            ],
        )
    )
    assert [t for _, _, t in outline(doc)] == ["Introduction", "Key questions"]
    assert doc.blocks[0].bold


def test_bold_with_val_false_is_not_bold(tmp_path: Path) -> None:
    doc = new_document()
    add_raw_paragraph(doc, '<w:r><w:rPr><w:b w:val="false"/></w:rPr><w:t>Looks plain</w:t></w:r>')
    doc.add_paragraph(BODY)
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert parsed.blocks[0].kind == "paragraph"
    assert not parsed.blocks[0].bold


def test_bold_through_a_character_style_counts(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph()
    p.add_run("Background", style="Strong")
    doc.add_paragraph(BODY)
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert parsed.blocks[0].bold
    assert parsed.blocks[0].kind == "heading"


def test_partly_bold_paragraph_is_not_a_candidate(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph()
    p.add_run("Note").bold = True
    p.add_run(" this line")
    doc.add_paragraph(BODY)
    assert read(save(doc, tmp_path / "a.docx")).blocks[0].kind == "paragraph"


def test_numbered_pseudo_headings_and_numbered_body_paragraphs(tmp_path: Path) -> None:
    doc = read(
        build_docx(
            tmp_path / "a.docx",
            [
                ("p", "3. Findings"),
                ("p", "3.1 The partnership decided to commission a review of the case."),
                ("p", "3.2 Information sharing"),
                ("p", BODY),
                ("p", "Section 4: Recommendations"),
                ("p", BODY),
            ],
        )
    )
    assert outline(doc) == [
        (1, "3", "Findings"),
        (2, "3.2", "Information sharing"),
        (1, "4", "Recommendations"),
    ]
    assert doc.blocks[1].kind == "paragraph"


def test_all_caps_lines_are_headings(tmp_path: Path) -> None:
    doc = read(build_docx(tmp_path / "a.docx", [("p", "TERMS OF REFERENCE"), ("p", BODY)]))
    assert outline(doc) == [(1, None, "TERMS OF REFERENCE")]


def test_title_and_subtitle(tmp_path: Path) -> None:
    doc = read(
        build_docx(
            tmp_path / "a.docx",
            [("title", "Child Safeguarding Practice Review"), ("subtitle", "Child K"), ("p", BODY)],
        )
    )
    assert [b.kind for b in doc.blocks] == ["title", "paragraph", "paragraph"]
    assert doc.title == "Child Safeguarding Practice Review"
    assert list(doc.headings()) == []


def test_contents_as_toc_styles(tmp_path: Path) -> None:
    doc = read(
        build_docx(
            tmp_path / "a.docx",
            [
                ("toc-heading", "Contents"),
                ("toc1", "1. Introduction\t3"),
                ("toc1", "2. Findings\t5"),
                ("h1", "1. Introduction"),
                ("p", BODY),
                ("h1", "2. Findings"),
                ("p", BODY),
            ],
        )
    )
    assert [b.kind for b in doc.blocks[:3]] == ["toc", "toc", "toc"]
    assert outline(doc) == [(1, "1", "Introduction"), (1, "2", "Findings")]


def test_contents_as_plain_lines(tmp_path: Path) -> None:
    doc = read(
        build_docx(
            tmp_path / "a.docx",
            [
                ("p", "1. Introduction\t3"),
                ("p", "2. Findings\t5"),
                ("bold", "1. Introduction"),
                ("p", BODY),
                ("bold", "2. Findings"),
                ("p", BODY),
            ],
        )
    )
    assert [b.kind for b in doc.blocks[:2]] == ["toc", "toc"]
    assert outline(doc) == [(1, "1", "Introduction"), (1, "2", "Findings")]


def test_german_style_ids_are_read_by_name(tmp_path: Path) -> None:
    """German Word: styleId "berschrift1", name "heading 1"; ids must never decide."""
    doc = new_document()
    styles = doc.styles.element
    for el in styles.iterchildren(w("style")):
        sid = el.get(w("styleId"))
        if sid in ("Heading1", "Heading2"):
            el.set(w("styleId"), "berschrift" + sid[-1])
            ppr = el.find(w("pPr"))
            for lvl in ppr.findall(w("outlineLvl")):
                ppr.remove(lvl)  # only the name can tell
        based = el.find(w("basedOn"))
        if based is not None and based.get(w("val")) in ("Heading1", "Heading2"):
            based.set(w("val"), "berschrift" + based.get(w("val"))[-1])
    add_raw_paragraph(doc, run_xml("Einleitung"), style=None)._p.get_or_add_pPr().append(
        styles.makeelement(w("pStyle"), {w("val"): "berschrift1"})
    )
    doc.add_paragraph(BODY)
    add_raw_paragraph(doc, run_xml("Methode"))._p.get_or_add_pPr().append(
        styles.makeelement(w("pStyle"), {w("val"): "berschrift2"})
    )
    doc.add_paragraph(BODY)
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert outline(parsed) == [(1, None, "Einleitung"), (2, None, "Methode")]
    assert parsed.blocks[0].style == "Heading 1"


def test_a_style_id_that_says_heading_is_not_enough(tmp_path: Path) -> None:
    doc = new_document()
    el = doc.styles.add_style("Fancy", 1).element
    el.set(w("styleId"), "Heading7x")
    doc.add_paragraph("not a heading line either", style="Fancy")
    doc.add_paragraph(BODY)
    assert read(save(doc, tmp_path / "a.docx")).blocks[0].kind == "paragraph"


def test_nbsp_in_a_heading_is_normalised(tmp_path: Path) -> None:
    doc = read(build_docx(tmp_path / "a.docx", [("h1", "Key\u00a0questions"), ("p", BODY)]))
    section = doc.sections[1]
    assert section.title == "Key\u00a0questions"
    assert section.norm_title == "key questions"


def test_auto_numbered_heading_stays_a_heading_and_gets_its_number(tmp_path: Path) -> None:
    doc = new_document()
    num = add_numbering(doc, [("decimal", "%1."), ("decimal", "%1.%2")])
    for text, style, level in [
        ("Introduction", "Heading 1", 0),
        (BODY, None, None),
        ("Findings", "Heading 1", 0),
        ("Sleep", "Heading 2", 1),
        (BODY, None, None),
        ("Supervision", "Heading 2", 1),
        (BODY, None, None),
    ]:
        p = doc.add_paragraph(text, style=style)
        if level is not None:
            set_numbering(p, num, level)
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert outline(parsed) == [
        (1, "1", "Introduction"),
        (1, "2", "Findings"),
        (2, "2.1", "Sleep"),
        (2, "2.2", "Supervision"),
    ]


# --- lists -------------------------------------------------------------------------------------


def test_bullets_and_numbered_lists(tmp_path: Path) -> None:
    doc = read(
        build_docx(
            tmp_path / "a.docx",
            [
                ("p", "The review asked:"),
                ("number", "How well did agencies share information"),
                ("number", "Was the bruise recognised"),
                ("bullet", "Police"),
                ("bullet", "Health"),
            ],
        )
    )
    items = [(b.kind, b.list_style, b.level, b.number) for b in doc.blocks[1:]]
    assert items == [
        ("list-item", "number", 1, "1"),
        ("list-item", "number", 1, "2"),
        ("list-item", "bullet", 1, None),
        ("list-item", "bullet", 1, None),
    ]


def test_list_levels_formats_and_removed_numbering(tmp_path: Path) -> None:
    doc = new_document()
    num = add_numbering(doc, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("bullet", "o")])
    for text, level in [("First", 0), ("Sub one", 1), ("Sub two", 1), ("Point", 2), ("Next", 0)]:
        set_numbering(doc.add_paragraph(text), num, level)
    set_numbering(doc.add_paragraph("No longer a list", style="List Number"), "0")
    parsed = read(save(doc, tmp_path / "a.docx"))
    got = [(b.kind, b.level, b.list_style, b.number) for b in parsed.blocks]
    assert got == [
        ("list-item", 1, "number", "1"),
        ("list-item", 2, "number", "(a"),
        ("list-item", 2, "number", "(b"),
        ("list-item", 3, "bullet", None),
        ("list-item", 1, "number", "2"),
        ("paragraph", None, None, None),
    ]


# --- tables ------------------------------------------------------------------------------------


def test_tables_stay_between_paragraphs_with_ordinals(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Before the table.")
    add_table(doc, [["When", "What"], ["May 2021", "Booking appointment"]])
    doc.add_paragraph("Between tables.")
    add_table(doc, [["Owner"], ["Police"]])
    doc.add_paragraph("After the tables.")
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert kinds(parsed) == [
        ("paragraph", "Before the table."),
        ("table-row", "When | What"),
        ("table-row", "May 2021 | Booking appointment"),
        ("paragraph", "Between tables."),
        ("table-row", "Owner"),
        ("table-row", "Police"),
        ("paragraph", "After the tables."),
    ]
    rows = [b for b in parsed.blocks if b.kind == "table-row"]
    assert [(b.table, b.row) for b in rows] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert rows[1].cells == ("May 2021", "Booking appointment")
    # Every cell paragraph counts: a row's paragraph is its first cell's.
    assert [b.paragraph for b in parsed.blocks] == [1, 2, 4, 6, 7, 8, 9]


def test_merged_cells_are_not_repeated(tmp_path: Path) -> None:
    doc = new_document()
    add_table(
        doc,
        [["A", "B", "C"], ["wide", "", "tall"], ["x", "y", ""]],
        merge=[((1, 0), (1, 1)), ((1, 2), (2, 2))],
    )
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert [b.cells for b in parsed.blocks] == [("A", "B", "C"), ("wide", "tall"), ("x", "y", "")]


def test_nested_tables_follow_their_parent_row(tmp_path: Path) -> None:
    doc = new_document()
    outer = add_table(doc, [["Outer 1", "Outer 2"], ["Last", "Row"]])
    inner = outer.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "Inner a"
    inner.cell(1, 0).text = "Inner b"
    doc.add_paragraph("After.")
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert kinds(parsed) == [
        ("table-row", "Outer 1 | Outer 2"),
        ("table-row", "Inner a"),
        ("table-row", "Inner b"),
        ("table-row", "Last | Row"),
        ("paragraph", "After."),
    ]
    assert [(b.table, b.row) for b in parsed.blocks[:4]] == [(0, 0), (1, 0), (1, 1), (0, 1)]


# --- text wherever Word puts it ----------------------------------------------------------------


def test_text_in_wrappers_fields_and_controls(tmp_path: Path) -> None:
    doc = new_document()
    add_raw_body(
        doc,
        "<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>"
        f"<w:p>{run_xml('Block control paragraph')}</w:p></w:sdtContent></w:sdt>",
    )
    add_raw_paragraph(
        doc,
        run_xml("A ")
        + f"<w:sdt><w:sdtPr/><w:sdtContent>{run_xml('inline ')}</w:sdtContent></w:sdt>"
        + f"<w:fldSimple w:instr=' AUTHOR '>{run_xml('field ')}</w:fldSimple>"
        + f"<w:smartTag w:element='place'>{run_xml('smart ')}</w:smartTag>"
        + f"<w:customXml w:element='c'>{run_xml('custom ')}</w:customXml>"
        + f"<w:hyperlink w:anchor='x'>{run_xml('link')}</w:hyperlink>"
        + "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        + "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        + run_xml(" 7")
        + "<w:r><w:fldChar w:fldCharType='end'/></w:r>",
    )
    add_raw_paragraph(
        doc,
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t>"
        "<w:noBreakHyphen/><w:t>d</w:t><w:softHyphen/><w:t xml:space='preserve'> e</w:t></w:r>",
    )
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert [b.text for b in parsed.blocks] == [
        "Block control paragraph",
        "A inline field smart custom link 7",
        "a\tb\nc-d e",
    ]


def test_hidden_text_is_set_aside(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph("Visible ")
    add_hidden_run(p, "Internal note: ask Dr Patel")
    p.add_run("text.")
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert parsed.blocks[0].text == "Visible text."
    assert [(e.story, e.text) for e in parsed.extras] == [("hidden", "Internal note: ask Dr Patel")]


def test_headers_footers_and_footnotes(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph(BODY)
    add_footnote(doc, p, "Source: interview with Mr J Bloggs.")
    set_header_footer(doc, header="OFFICIAL SENSITIVE", footer="Page footer")
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert [(e.story, e.text) for e in parsed.extras] == [
        ("header", "OFFICIAL SENSITIVE"),
        ("footer", "Page footer"),
        ("footnote", "Source: interview with Mr J Bloggs."),
    ]
    assert parsed.blocks[0].text == BODY


# --- tracked changes and comments --------------------------------------------------------------


def test_tracked_changes_give_the_accepted_text_and_are_recorded(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Intro line.")
    p = doc.add_paragraph("The cat ")
    add_deletion(p, "sat", author="Bob")
    add_insertion(p, "slept", author="Alice")
    p.add_run(" on the mat.")
    add_format_change(p, " Bold.", author="Carol")
    moved_from = doc.add_paragraph("Keep ")
    moved_to = doc.add_paragraph("Here ")
    add_move(moved_from, moved_to, "moved words")
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert [b.text for b in parsed.blocks] == [
        "Intro line.",
        "The cat slept on the mat. Bold.",
        "Keep ",
        "Here moved words",
    ]
    assert [(c.kind, c.author, c.text, c.block) for c in parsed.changes] == [
        ("deletion", "Bob", "sat", 1),
        ("insertion", "Alice", "slept", 1),
        ("formatting", "Carol", " Bold.", 1),
        ("move", "Alice Reviewer", "moved words", 2),
        ("move", "Alice Reviewer", "moved words", 3),
    ]
    assert parsed.changes[0].date == "2024-01-15T09:30:00Z"
    assert not parsed.track_revisions


def test_adjacent_pieces_of_one_change_are_one_change(tmp_path: Path) -> None:
    doc = new_document()
    p = doc.add_paragraph("Start ")
    add_insertion(p, "one ")
    add_insertion(p, "two")
    assert [c.text for c in read(save(doc, tmp_path / "a.docx")).changes] == ["one two"]


def test_track_revisions_setting(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph(BODY)
    set_track_revisions(doc)
    assert read(save(doc, tmp_path / "a.docx")).track_revisions


def test_comments_with_anchors_and_resolved_state(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Heading-free opening paragraph.")
    first = doc.add_paragraph("We will utilise resources.")
    second = doc.add_paragraph("Another paragraph.")
    add_comment(doc, first, "Plain English: avoid 'utilise'", author="Reviewer A", resolved=True)
    add_comment(doc, second, "Is this right?", author="Reviewer B")
    span = doc.add_comment(
        [first.runs[0], second.runs[0]], text="Both paragraphs", author="C", initials="C"
    )
    parsed = read(save(doc, tmp_path / "a.docx"))
    got = [(c.id, c.author, c.text, c.blocks, c.resolved) for c in parsed.comments]
    assert got == [
        ("0", "Reviewer A", "Plain English: avoid 'utilise'", (1,), True),
        ("1", "Reviewer B", "Is this right?", (2,), False),
        (str(span.comment_id), "C", "Both paragraphs", (1, 2), False),
    ]
    assert parsed.comments[0].date == "2024-01-15T09:30:00Z"


def test_no_comments_part_means_no_comments_and_nothing_created(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "a.docx", [("p", BODY)])
    parsed = read(path)
    assert parsed.comments == ()
    with zipfile.ZipFile(path) as zf:
        assert "word/comments.xml" not in zf.namelist()


def test_changes_and_comments_in_table_cells_point_at_the_row(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph(BODY)
    table = add_table(doc, [["When", "What"], ["May", "Visit"]])
    cell_p = table.cell(1, 1).paragraphs[0]
    add_insertion(cell_p, " added")
    add_comment(doc, cell_p, "Check the date")
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert parsed.blocks[2].text == "May | Visit added"
    assert parsed.changes[0].block == 2
    assert parsed.comments[0].blocks == (2,)


# --- metadata ------------------------------------------------------------------------------------


def test_metadata(tmp_path: Path) -> None:
    doc = new_document()
    doc.add_paragraph(BODY)
    cp = doc.core_properties
    cp.author, cp.last_modified_by, cp.title = "Jane Smith", "John Doe", "Draft LCSPR"
    cp.subject, cp.keywords, cp.comments = "Child T", "draft", "for the panel"
    set_app_properties(doc, Company="Greyford Council", Manager="A Manager")
    meta = read(save(doc, tmp_path / "a.docx")).metadata
    assert (meta.author, meta.last_modified_by, meta.title) == (
        "Jane Smith",
        "John Doe",
        "Draft LCSPR",
    )
    assert (meta.subject, meta.keywords, meta.description) == ("Child T", "draft", "for the panel")
    assert meta.created is not None and meta.created.year == 2024
    assert meta.extra == (("company", "Greyford Council"), ("manager", "A Manager"))


def test_blank_metadata_is_none(tmp_path: Path) -> None:
    meta = read(build_docx(tmp_path / "a.docx", [("p", BODY)])).metadata
    assert list(meta.fields()) == []


def test_missing_core_properties_part_is_not_invented(tmp_path: Path) -> None:
    data = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("_rels/.rels").decode()
    rels = rels.replace(RT.CORE_PROPERTIES, "urn:x-removed")
    path = rewrite_zip(data, tmp_path / "a.docx", {"_rels/.rels": rels.encode()})
    meta = read(path).metadata
    assert meta.author is None and meta.last_modified_by is None and meta.title is None


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "cause"),
    [
        (lambda t: write_encrypted_docx(t / "a.docx"), "password-protected Word file"),
        (lambda t: write_legacy_doc(t / "a.doc"), "legacy Word 97-2003 .doc file"),
        (lambda t: write_truncated_docx(t / "a.docx"), "damaged or truncated zip"),
        (lambda t: write_malformed_docx(t / "a.docx"), "malformed XML in word/document.xml"),
        (
            lambda t: write_malformed_docx(t / "a.docx", "word/styles.xml"),
            "malformed XML in word/styles.xml",
        ),
        (lambda t: write_zip_bomb(t / "a.docx"), "zip bomb"),
        (
            lambda t: rewrite_zip(docx_bytes(), t / "a.docx", {"word/document.xml": None}),
            "word/document.xml is missing",
        ),
    ],
    ids=["encrypted", "legacy", "truncated", "malformed", "malformed-styles", "bomb", "no-body"],
)
def test_bad_input_gives_input_error(
    tmp_path: Path, make: Callable[[Path], Path], cause: str
) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    with pytest.raises(InputError) as info:
        read_docx(path)
    assert cause in info.value.cause
    assert "\n" not in str(info.value)
    assert path.read_bytes() == before


def test_malformed_side_part_is_named(tmp_path: Path) -> None:
    doc = new_document()
    add_footnote(doc, doc.add_paragraph(BODY), "A note.")
    buf = io.BytesIO()
    doc.save(buf)
    path = rewrite_zip(buf.getvalue(), tmp_path / "a.docx", {"word/footnotes.xml": b"<w:x"})
    with pytest.raises(InputError, match=r"malformed XML in word/footnotes\.xml"):
        read_docx(path)


def test_corrupt_member_data_is_a_damaged_zip(tmp_path: Path) -> None:
    data = bytearray(docx_bytes([("p", "hello world " * 300)]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    data[start : start + 8] = bytes(b ^ 0xFF for b in data[start : start + 8])
    path = tmp_path / "a.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged"):
        read_docx(path)


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>A&x;B</w:t></w:r></w:p></w:body></w:document>"
    )
    path = rewrite_zip(docx_bytes(), tmp_path / "a.docx", {"word/document.xml": xml.encode()})
    try:
        doc = read_docx(path)
    except InputError:
        return
    assert all("TOPSECRET" not in b.text for b in doc.blocks)


def test_read_document_dispatches_a_renamed_docx(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "draft.txt", [("h1", "Introduction"), ("p", BODY)])
    doc = read(path)
    assert doc.format == "docx"
    assert outline(doc) == [(1, None, "Introduction")]


def test_empty_document(tmp_path: Path) -> None:
    doc = read(build_docx(tmp_path / "a.docx", []))
    assert doc.blocks == () and doc.words == 0


def test_build_docx_is_deterministic(tmp_path: Path) -> None:
    blocks = [("h1", "Introduction"), ("p", BODY), ("table", "a|b\nc|d")]
    a = build_docx(tmp_path / "a.docx", blocks).read_bytes()
    b = build_docx(tmp_path / "b.docx", blocks).read_bytes()
    assert a == b


def test_add_block_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError, match="unknown block kind"):
        add_block(new_document(), "h0x", "x")


def test_bold_helper_makes_wholly_bold_paragraphs() -> None:
    doc = new_document()
    p = add_bold_paragraph(doc, "Findings")
    assert all(r.bold for r in p.runs)


def test_minimal_package_without_styles_or_numbering(tmp_path: Path) -> None:
    """Packages from other tools may hold only the main part: read them all the same."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    body = (
        f'<w:document xmlns:w="{ns}"><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="0"/></w:pPr>'
        "<w:r><w:t>Introduction</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>{BODY}</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "min.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", body)
    doc = read(path)
    assert outline(doc) == [(1, None, "Introduction")]
    assert doc.metadata.author is None and doc.comments == () and doc.extras == ()


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    levels = "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' if i else '<!ENTITY e0 "lol">' for i in range(10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [{levels}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = rewrite_zip(docx_bytes(), tmp_path / "a.docx", {"word/document.xml": xml.encode()})
    with pytest.raises(InputError, match="malformed XML"):
        read_docx(path)


MARKDOWN_DRAFT = """# Local Child Safeguarding Practice Review: Child T

## 1. Introduction

1.1 This review concerns **Child T**, a baby boy, and the care he received.

## 2. Key questions

The review asked:

1. How well did agencies share information?
2. Was the bruise recognised?

### Practitioner views

- Police said the form was unclear.
- Health said *supervision* was cancelled.

## 3. Recommendations

| No. | Recommendation | Owner |
|---|---|---|
| 1 | Revise the bruising protocol | ICB |
"""


@pytest.mark.parametrize("convention", ["styles", "bold", "numbered", "outline", "custom"])
def test_markdown_to_docx_conventions_read_back_alike(tmp_path: Path, convention: str) -> None:
    doc = read(markdown_to_docx(MARKDOWN_DRAFT, tmp_path / "a.docx", convention))
    headings = list(doc.headings())[-4:]
    assert [s.title for s in headings] == [
        "Introduction",
        "Key questions",
        "Practitioner views",
        "Recommendations",
    ]
    # Styled headings keep the Markdown levels; pseudo-headings take them from numbers.
    by_style = convention in ("styles", "outline", "custom")
    assert [s.level for s in headings] == ([2, 2, 3, 2] if by_style else [1, 1, 2, 1])
    generated = "2.1" if convention == "numbered" else None
    assert [s.number for s in headings] == ["1", "2", generated, "3"]
    body = [b for b in doc.blocks[headings[0].start :] if b.is_body]
    assert [b.kind for b in body] == [
        "paragraph",
        "paragraph",
        *["list-item"] * 4,
        *["table-row"] * 2,
    ]
    assert body[0].text == "1.1 This review concerns Child T, a baby boy, and the care he received."
    assert [(b.list_style, b.number) for b in body[2:6]] == [
        ("number", "1"),
        ("number", "2"),
        ("bullet", None),
        ("bullet", None),
    ]
    assert body[-1].cells == ("1", "Revise the bruising protocol", "ICB")
    assert doc.words == read(markdown_to_docx(MARKDOWN_DRAFT, tmp_path / "s.docx")).words + (
        1 if convention == "numbered" else 0
    )


def test_markdown_to_docx_is_deterministic(tmp_path: Path) -> None:
    a = markdown_to_docx(MARKDOWN_DRAFT, tmp_path / "a.docx", "custom").read_bytes()
    b = markdown_to_docx(MARKDOWN_DRAFT, tmp_path / "b.docx", "custom").read_bytes()
    assert a == b


def test_libreoffice_contents_styles_are_contents(tmp_path: Path) -> None:
    doc = new_document()
    for name, text in [("Contents Heading", "Contents"), ("Contents 1", "Introduction\t3")]:
        doc.add_paragraph(text, style=ensure_style(doc, name))
    doc.add_paragraph("Introduction", style="Heading 1")
    doc.add_paragraph(BODY)
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert [b.kind for b in parsed.blocks] == ["toc", "toc", "heading", "paragraph"]


def test_markdown_to_docx_reads_numbered_lines_as_the_author_meant(tmp_path: Path) -> None:
    """CommonMark reads "1. Introduction" as a list; the author meant a heading."""
    md = (
        "1. Introduction\n---------------\n\n" + BODY + "\n\n"
        "2. Scope\n\n" + BODY + "\n\n"
        "Questions:\n\n1. First question?\n2. Second question?\n"
        "3. Findings\n-----------\n\n" + BODY + "\n"
    )
    doc = read(markdown_to_docx(md, tmp_path / "a.docx", "styles"))
    # An underlined line is a level-2 heading; a bare numbered line takes its level from its
    # number; a verbless line closed by a colon above a list heads it.
    assert outline(doc) == [
        (2, "1", "Introduction"),
        (1, "2", "Scope"),
        (2, None, "Questions"),
        (2, "3", "Findings"),
    ]
    assert [b.text for b in doc.blocks if b.kind == "list-item"] == [
        "First question?",
        "Second question?",
    ]


def test_paragraph_level_revisions(tmp_path: Path) -> None:
    """A restyled paragraph and a tracked paragraph break are changes too."""
    doc = new_document()
    attrs = 'w:id="1" w:author="Dan" w:date="2024-01-15T09:30:00Z"'
    add_raw_paragraph(
        doc,
        f'<w:pPr><w:jc w:val="center"/><w:pPrChange {attrs}><w:pPr/></w:pPrChange></w:pPr>'
        + run_xml("Centred now."),
    )
    add_raw_paragraph(
        doc,
        '<w:pPr><w:rPr><w:ins w:id="2" w:author="Eve" w:date="2024-01-15T09:30:00Z"/></w:rPr>'
        "</w:pPr>" + run_xml("Split from the paragraph before."),
    )
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert [(c.kind, c.author, c.text, c.block) for c in parsed.changes] == [
        ("formatting", "Dan", "Centred now.", 0),
        ("insertion", "Eve", "", 1),
    ]


def test_deleted_table_row_is_gone_but_recorded(tmp_path: Path) -> None:
    doc = new_document()
    table = add_table(doc, [["Keep", "this"], ["Drop", "that"]])
    tr = table.rows[1]._tr
    trpr = tr.makeelement(w("trPr"), {})
    trpr.append(tr.makeelement(w("del"), {w("id"): "9", w("author"): "Fay", w("date"): "2024"}))
    tr.insert(0, trpr)
    parsed = read(save(doc, tmp_path / "a.docx"))
    assert [b.text for b in parsed.blocks] == ["Keep | this"]
    assert [(c.kind, c.author) for c in parsed.changes] == [("deletion", "Fay")]
