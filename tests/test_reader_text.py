"""Plain-text reader and text decoding: encodings, line endings, structure, edge cases."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lcsprlint.errors import InputError
from lcsprlint.model import Document
from lcsprlint.readers import decode
from lcsprlint.readers.decode import decode_bytes, read_text_file
from lcsprlint.readers.directives import comment_lines, scan_comments
from lcsprlint.readers.markdown import read_markdown
from lcsprlint.readers.text import caps_title, heading_number, numbered_title, read_text

BODY = (
    "The review looked at how agencies worked together over two years and what got in the "
    "way of sharing information about the child."
)


def txt(tmp_path: Path, source: str | bytes, name: str = "draft.txt") -> Document:
    path = tmp_path / name
    if isinstance(source, str):
        source = source.encode("utf-8")
    path.write_bytes(source)
    return read_text(path)


def heads(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == "heading"]


# -- decoding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Café – ok\n".encode(), "Café – ok\n"),
        (codecs.BOM_UTF16_LE + "Café – ok\n".encode("utf-16-le"), "Café – ok\n"),
        (codecs.BOM_UTF16_BE + "Café – ok\n".encode("utf-16-be"), "Café – ok\n"),
        ("Café – ok\n".encode("utf-16-le"), "Café – ok\n"),  # UTF-16 without a BOM
        ("Café – ok\n".encode(), "Café – ok\n"),
        (b"Caf\xe9 \x93quoted\x94 \x96 ok", "Café \u201cquoted\u201d \u2013 ok"),  # cp1252
        (b"Caf\xe9 \x81", "Café \x81"),  # 0x81 is undefined in cp1252: Latin-1
        (b"a\r\nb\rc\n", "a\nb\nc\n"),
        ("a\u2028b\x0cc".encode(), "a\nb\nc"),
    ],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_binary_data_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"%PDF-1.7\x00\x01\x02\x00\xff")


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 200)
    monkeypatch.setattr(decode, "MAX_TEXT_BYTES", 100)
    with pytest.raises(InputError) as err:
        read_text_file(path)
    assert "larger than" in err.value.cause
    assert "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)


def test_utf16_file_with_crlf_keeps_line_numbers(tmp_path: Path) -> None:
    source = "CHILD T REVIEW\r\n\r\n1. INTRODUCTION\r\n\r\n" + BODY + "\r\n"
    doc = txt(tmp_path, codecs.BOM_UTF16_LE + source.encode("utf-16-le"))
    assert [(b.kind, b.line) for b in doc.blocks] == [
        ("title", 1),
        ("heading", 3),
        ("paragraph", 5),
    ]
    assert doc.title == "CHILD T REVIEW"


def test_latin1_file_reads(tmp_path: Path) -> None:
    doc = txt(tmp_path, b"Child\x92s review\n\nThe caf\xe9 was closed.\n")
    assert doc.blocks[0].text == "Child\u2019s review"
    assert doc.blocks[0].norm == "Child's review"
    assert doc.blocks[1].text == "The café was closed."


def test_utf8_bom_is_not_in_the_title(tmp_path: Path) -> None:
    doc = txt(tmp_path, codecs.BOM_UTF8 + b"Review of Child T\n\n" + BODY.encode())
    assert doc.title == "Review of Child T"
    assert doc.blocks[0].kind == "title"


# -- line heuristics -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("3. Findings", "3", True),
        ("3.1 Key lines of enquiry", "3.1", True),
        ("3.1. Key lines of enquiry", "3.1", True),
        ("Section 4: Analysis", "Section 4", True),
        ("Appendix A: Chronology", "Appendix A", True),
        ("Appendix B", "Appendix B", True),
        ("IV. Conclusions", "IV", True),
        ("1 Introduction", None, True),  # bare number: a title, but not a line-splitting number
        ("12 practitioners attended the event", None, False),
        ("1.1 The partnership decided to commission a review.", "1.1", False),
        ("6.1 The partnership recommends:", "6.1", False),
        ("2.3 the lowercase start", "2.3", False),
        ("3.", "3", False),
    ],
)
def test_heading_numbers(line: str, number: str | None, title: bool) -> None:
    assert heading_number(line) == number
    assert numbered_title(line) is title


def test_caps_title() -> None:
    assert caps_title("KEY LINES OF ENQUIRY")
    assert caps_title("1. INTRODUCTION")
    assert not caps_title("GP")  # too few letters to tell
    assert not caps_title("THE REVIEW FOUND THAT AGENCIES DID NOT SHARE.")
    assert not caps_title("مراجعة الحالة")  # uncased scripts are never ALL-CAPS
    assert caps_title("WHAT DID WE FIND?")  # capitals make a question a heading


# -- headings and title ---------------------------------------------------------------------


def test_markdown_like_and_underlined_headings(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "# Review of Child T\n\n## 3.1 Key questions ##\n\n" + BODY + "\n\n"
        "Background\n==========\n\n" + BODY + "\n\nMethod\n------\n\n" + BODY + "\n",
    )
    got = [(b.text, b.level, b.number) for b in doc.blocks if b.kind == "heading"]
    assert got == [
        ("Review of Child T", 1, None),
        ("3.1 Key questions", 2, "3.1"),
        ("Background", 1, None),
        ("Method", 2, None),
    ]
    key = next(s for s in doc.sections if s.number == "3.1")
    assert (key.title, key.norm_title, key.level) == ("Key questions", "key questions", 2)


def test_underline_only_levels_start_at_one(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Rapid Review Report: Child H\n\n" + BODY + "\n\n"
        "1. Introduction\n---------------\n\n" + BODY + "\n\n"
        "2. Summary\n----------\n\n" + BODY + "\n",
    )
    assert [(s.title, s.level, s.parent) for s in doc.headings()] == [
        ("Introduction", 1, None),
        ("Summary", 1, None),
    ]
    assert doc.blocks[0].kind == "title"


def test_numbered_and_labelled_pseudo_headings(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "3. Findings\n\n" + BODY + "\n\n3.1 Key lines of enquiry\n\n" + BODY + "\n\n"
        "Section 4: Analysis\n\n" + BODY + "\n\nAppendix A: Chronology\n\n" + BODY + "\n",
    )
    assert heads(doc) == [
        "3. Findings",
        "3.1 Key lines of enquiry",
        "Section 4: Analysis",
        "Appendix A: Chronology",
    ]
    sections = {s.title: s for s in doc.headings()}
    assert sections["Key lines of enquiry"].parent == sections["Findings"].index
    assert sections["Appendix A: Chronology"].appendix


def test_question_headings_in_capitals_head_their_labelled_items(tmp_path: Path) -> None:
    # "WHAT DID WE FIND?" stands directly above "Finding 1. ...": a heading and its first
    # item, not two lines of a contents list.
    doc = txt(
        tmp_path,
        "WHAT HAPPENED?\n\n" + BODY + "\n\nWHAT DID WE FIND?\n\n"
        "Finding 1. The protocol is known but not followed\n\n" + BODY + "\n\n"
        "Finding 2. Male carers were not known\n\n" + BODY + "\n\n"
        "WHAT DO WE RECOMMEND?\n\n" + BODY + "\n",
    )
    assert heads(doc) == [
        "WHAT HAPPENED?",
        "WHAT DID WE FIND?",
        "Finding 1. The protocol is known but not followed",
        "Finding 2. Male carers were not known",
        "WHAT DO WE RECOMMEND?",
    ]


def test_caps_headings(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "LOCAL CHILD SAFEGUARDING PRACTICE REVIEW: CHILD T\n\nINTRODUCTION\n\n" + BODY + "\n\n"
        "KEY LINES OF ENQUIRY\n\n" + BODY + "\n",
    )
    assert doc.blocks[0].kind == "title"
    assert doc.title == "LOCAL CHILD SAFEGUARDING PRACTICE REVIEW: CHILD T"
    assert heads(doc) == ["INTRODUCTION", "KEY LINES OF ENQUIRY"]


def test_heading_line_running_into_its_body(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Title\n\n3. FINDINGS\n" + BODY + "\n\n4. Analysis\n4.1 The review found gaps.\n",
    )
    assert [(b.kind, b.text[:12], b.line) for b in doc.blocks[1:]] == [
        ("heading", "3. FINDINGS", 3),
        ("paragraph", BODY[:12], 4),
        ("heading", "4. Analysis", 6),
        ("paragraph", "4.1 The revi", 7),
    ]


def test_standalone_title_line_needs_body_after_it(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Review\n\nKey questions\n\n" + BODY + "\n\nA short line\n\nToo short to be a body.\n\n"
        "The review considered:\n\n" + BODY + "\n\nAgencies involved\n\n- Police\n- Health\n",
    )
    assert heads(doc) == ["Key questions", "Agencies involved"]


def test_marking_is_not_the_title(tmp_path: Path) -> None:
    doc = txt(tmp_path, "OFFICIAL SENSITIVE\n\nFINAL DRAFT\n\n" + BODY + "\n")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "paragraph"]
    assert doc.title is None
    doc = txt(tmp_path, "OFFICIAL\n\nRapid Review: Child H\nFenwick Partnership\n\n" + BODY)
    assert [(b.kind, b.text) for b in doc.blocks[:3]] == [
        ("paragraph", "OFFICIAL"),
        ("title", "Rapid Review: Child H"),
        ("paragraph", "Fenwick Partnership"),
    ]


def test_wrapped_first_paragraph_is_not_a_title(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "This review was commissioned by the partnership after\n"
        "a rapid review found that agencies had not shared information.\n",
    )
    assert [b.kind for b in doc.blocks] == ["paragraph"]
    assert doc.blocks[0].text.startswith("This review was commissioned by the partnership after a")


def test_sign_off_lines_are_not_headings(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Review of Child T\n\nSIGN-OFF\n\n" + BODY + "\n\n"
        "Jane Doe\nDirector of Children's Services\n\n"
        "John Smith\n\nChief Constable\n\nDr Amir Khan\nChief Nurse, NHS Greyford ICB\n",
    )
    assert heads(doc) == ["SIGN-OFF"]
    assert doc.blocks[3].text == "Jane Doe Director of Children's Services"


# -- contents lists and numbered paragraphs -----------------------------------------------


def test_contents_with_leaders_are_toc(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Review of Child T\n\nContents\n\n1. Introduction ........ 3\n"
        "2. Key questions ....... 5\n3. Findings\t9\n\n1. Introduction\n\n" + BODY + "\n",
    )
    assert [b.kind for b in doc.blocks] == [
        "title",
        "heading",
        "toc",
        "toc",
        "toc",
        "heading",
        "paragraph",
    ]
    assert [s.title for s in doc.headings()] == ["Contents", "Introduction"]


def test_contents_lines_without_leaders_are_not_headings(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "1. Introduction\n2. Key questions\n3. Findings\n\n1. INTRODUCTION\n\n" + BODY + "\n",
    )
    items = [b for b in doc.blocks if b.kind == "list-item"]
    assert [(b.text, b.number) for b in items] == [
        ("Introduction", "1"),
        ("Key questions", "2"),
        ("Findings", "3"),
    ]
    assert heads(doc) == ["1. INTRODUCTION"]


def test_contents_lines_one_per_paragraph_are_not_headings(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "1. Introduction\n\n2. Key questions\n\n3. Findings\n\n1. INTRODUCTION\n\n" + BODY + "\n",
    )
    assert heads(doc) == ["1. INTRODUCTION"]


def test_numbered_body_paragraphs_stay_paragraphs(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "1. Introduction\n\n1.1 The partnership decided to commission a review after the rapid "
        "review.\n\n1.2 The review covered 2020 to 2023\nand eleven agencies.\n"
        "1.3 Practitioners took part in a learning event.\n",
    )
    assert [(b.kind, b.line) for b in doc.blocks] == [
        ("heading", 1),
        ("paragraph", 3),
        ("paragraph", 5),
        ("paragraph", 7),
    ]
    assert doc.blocks[2].text == "1.2 The review covered 2020 to 2023 and eleven agencies."


# -- lists and tables -----------------------------------------------------------------------


def test_list_like_lines(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "The review asked:\n"
        "- How well did agencies share information?\n"
        "  wrapped onto a second line\n"
        "* Was the child seen?\n"
        "    (a) at home\n"
        "    (b) at school\n"
        "• Bullet three\n"
        "1) numbered\n"
        "a. lettered\n\n"
        "1. The partnership should act.\n",
    )
    got = [(b.kind, b.text, b.level, b.list_style, b.number) for b in doc.blocks]
    assert got == [
        ("paragraph", "The review asked:", None, None, None),
        (
            "list-item",
            "How well did agencies share information? wrapped onto a second line",
            1,
            "bullet",
            None,
        ),
        ("list-item", "Was the child seen?", 1, "bullet", None),
        ("list-item", "at home", 2, "number", "a"),
        ("list-item", "at school", 2, "number", "b"),
        ("list-item", "Bullet three", 1, "bullet", None),
        ("list-item", "numbered", 1, "number", "1"),
        ("list-item", "lettered", 1, "number", "a"),
        ("list-item", "The partnership should act.", 1, "number", "1"),
    ]


def test_tab_and_pipe_tables(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Before.\n\nDate\tAgency\tEvent\nMay 2021\tMaternity\tBooking\n\n"
        "Middle.\n\n| Name | Role |\n|------|------|\n| Jane | Chair |\n\n"
        "A lone\ttab is not a table.\n",
    )
    assert [b.kind for b in doc.blocks] == [
        "paragraph",
        "table-row",
        "table-row",
        "paragraph",
        "table-row",
        "table-row",
        "paragraph",
    ]
    rows = [b for b in doc.blocks if b.kind == "table-row"]
    assert [(b.table, b.row, b.line, b.cells) for b in rows] == [
        (0, 0, 3, ("Date", "Agency", "Event")),
        (0, 1, 4, ("May 2021", "Maternity", "Booking")),
        (1, 0, 8, ("Name", "Role")),
        (1, 1, 10, ("Jane", "Chair")),
    ]
    assert rows[0].text == "Date | Agency | Event"


def test_space_aligned_tables(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Agencies:\n\n"
        "   Agency                 Role\n"
        "   ---------------------  --------------------\n"
        "   Community nursing      Gastrostomy support\n"
        "   GP                     Repeat prescriptions\n\n"
        "AGENCY          PERIOD\n"
        "Primary school   x\n"
        "Police          2016, 2021\n"
        "GP practice     Throughout\n",
    )
    rows = [(b.table, b.row, b.cells) for b in doc.blocks if b.kind == "table-row"]
    assert rows == [
        (0, 0, ("Agency", "Role")),
        (0, 1, ("Community nursing", "Gastrostomy support")),
        (0, 2, ("GP", "Repeat prescriptions")),
        (1, 0, ("AGENCY", "PERIOD")),
        (1, 1, ("Primary school", "x")),
        (1, 2, ("Police", "2016, 2021")),
        (1, 3, ("GP practice", "Throughout")),
    ]
    assert not heads(doc)


# -- lines, words, unicode -------------------------------------------------------------------


def test_paragraph_lines_joined_and_every_block_has_a_line(tmp_path: Path) -> None:
    source = "Title line\n\nfirst line\n  second line\n\n\n- item\n\nA\tB\nC\tD\n"
    doc = txt(tmp_path, source)
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("title", "Title line", 1),
        ("paragraph", "first line second line", 3),
        ("list-item", "item", 7),
        ("table-row", "A | B", 9),
        ("table-row", "C | D", 10),
    ]


def test_word_counts_and_section_shares(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Review\n\nBACKGROUND\n\none two three four five six\n\n"
        "FINDINGS\n\none two three four five six seven eight nine ten eleven twelve\n",
    )
    assert doc.words == 1 + 1 + 6 + 1 + 12
    background, findings = list(doc.headings())
    assert (background.words, findings.words) == (7, 13)
    assert background.share == pytest.approx(7 / 21)
    assert findings.share == pytest.approx(13 / 21)
    assert doc.sections[0].words == 1  # the title, in the preamble


def test_nbsp_and_zero_width_in_headings(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Review\n\n2.\u00a0Key\u00a0questions\n\n" + BODY + "\n\n"
        "3. Find\u200bings\n\n" + BODY + "\n",
    )
    assert [s.norm_title for s in doc.headings()] == ["key questions", "findings"]
    assert heads(doc)[0] == "2.\u00a0Key\u00a0questions"


def test_emoji_and_right_to_left_text(tmp_path: Path) -> None:
    arabic = "قال الطفل إنه لم يشعر بالأمان في المنزل"
    doc = txt(tmp_path, f"Review 🙂\n\nThe child said 🙂 {arabic}.\n\n{arabic}\n")
    assert doc.blocks[1].text == f"The child said 🙂 {arabic}."
    assert doc.blocks[1].words == 3 + len(arabic.split())
    assert doc.blocks[2].kind == "paragraph"
    assert doc.blocks[2].text == arabic


def test_zero_width_characters_kept_in_text_removed_in_norm(tmp_path: Path) -> None:
    doc = txt(tmp_path, "Review\n\nThe re\u200bview found\u200d gaps.\n")
    assert doc.blocks[1].text == "The re\u200bview found\u200d gaps."
    assert doc.blocks[1].norm == "The review found gaps."


# -- directives ---------------------------------------------------------------------------------


def test_directives_in_text(tmp_path: Path) -> None:
    doc = txt(
        tmp_path,
        "Review of Child T\n"  # 1
        "<!-- lcsprlint-disable LCSPR-001 -->\n"  # 2
        "\n"
        "INTRODUCTION\n"  # 4
        "\n"
        "First paragraph line\n"  # 6
        "<!-- lcsprlint-disable-next PLAIN-001 -->\n"  # 7
        "Second paragraph.\n"  # 8
        "\n"
        "<!--\n"  # 10
        "expect: R9\n"
        "-->\n"
        "<!-- a note for the author -->\n"  # 13
        "\n"
        "<!-- ok: R1 -->\n",  # 15
    )
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("title", "Review of Child T", 1),
        ("heading", "INTRODUCTION", 4),
        ("paragraph", "First paragraph line", 6),
        ("paragraph", "Second paragraph.", 8),
        ("paragraph", "<!-- a note for the author -->", 13),
    ]
    assert [(d.text, d.line, d.block) for d in doc.directives] == [
        ("lcsprlint-disable LCSPR-001", 2, 1),
        ("lcsprlint-disable-next PLAIN-001", 7, 3),
        ("expect: R9", 10, 4),
        ("ok: R1", 15, None),
    ]


def test_comment_sharing_a_line_with_text_stays_text(tmp_path: Path) -> None:
    doc = txt(tmp_path, "Title\n\nText <!-- ok: R1 --> more.\n")
    assert not doc.directives
    assert doc.blocks[1].text == "Text <!-- ok: R1 --> more."


def test_many_comments_then_text_is_text() -> None:
    line = "<!-- ok: R1 --> " * 40 + "text"
    assert comment_lines([line], 0) is None
    assert comment_lines(["<!-- ok: R1 -->  <!-- ok: R2 -->"], 0) is not None


def test_scan_comments_edge_cases() -> None:
    found = scan_comments(
        "<!-- OK: R1 --> <!-- note --> <!--\n  lcsprlint-disable\n  A,\n  B -->\n<!-- ok: R2",
        first_line=10,
        inside=3,
    )
    assert [(f.text, f.line, f.inside) for f in found] == [
        ("OK: R1", 10, 3),
        ("lcsprlint-disable A, B", 10, 3),
    ]


# -- robustness --------------------------------------------------------------------------------

_FRAGMENTS = [
    "",
    "",
    "# Heading",
    "Underlined",
    "==========",
    "----------",
    "3. FINDINGS",
    "3.1 Key lines of enquiry",
    "1.1 The review found that agencies did not share what they knew.",
    "- bullet item",
    "    (a) nested item",
    "1. The partnership should act.",
    "Name\tRole",
    "| a | b |",
    "|---|---|",
    "Agency      Role",
    "------      ----",
    "<!-- ok: R1 -->",
    "<!--",
    "-->",
    "Contents",
    "Introduction ........ 3",
    "Key\u00a0questions",
    "قال الطفل 🙂",
    "Jane Doe",
    "OFFICIAL SENSITIVE",
    BODY,
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=40), st.sampled_from(["draft.txt", "draft.md"])
)
def test_readers_never_fail_and_keep_lines_in_order(
    tmp_path: Path, lines: list[str], name: str
) -> None:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_markdown(path) if name.endswith(".md") else read_text(path)
    numbers = [b.line for b in doc.blocks]
    assert all(n is not None and 1 <= n <= max(len(lines), 1) for n in numbers)
    assert numbers == sorted(numbers)  # directives are tied to blocks by line
    assert doc.words == sum(b.words for b in doc.blocks)
    assert all(d.block is None or 0 <= d.block < len(doc.blocks) for d in doc.directives)
    for s in doc.sections:
        assert s.start <= s.own_end <= s.end <= len(doc.blocks)
