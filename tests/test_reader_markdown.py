"""Markdown reader: structure, pseudo-headings, tables, lists, front matter, directives."""

from __future__ import annotations

from pathlib import Path

import pytest

from lcsprlint.model import Document
from lcsprlint.readers.markdown import read_markdown, split_front_matter

BODY = (
    "The review looked at how agencies worked together over two years and what got in the "
    "way of sharing information about the child."
)


def md(tmp_path: Path, source: str, name: str = "draft.md") -> Document:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return read_markdown(path)


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def section(doc: Document, title: str):
    return next(s for s in doc.sections if s.title == title)


# -- headings -----------------------------------------------------------------


def test_atx_and_setext_headings_with_levels_and_numbers(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "Review of Child T\n=================\n\n"
        "## 3. Findings\n\n" + BODY + "\n\n"
        "## 3.1 Key questions\n\n" + BODY + "\n\n"
        "Background\n----------\n\n" + BODY + "\n",
    )
    heads = [b for b in doc.blocks if b.kind == "heading"]
    assert [(b.level, b.number, b.text) for b in heads] == [
        (1, None, "Review of Child T"),
        (2, "3", "3. Findings"),
        (2, "3.1", "3.1 Key questions"),
        (2, None, "Background"),
    ]
    key = section(doc, "Key questions")
    assert (key.level, key.number, key.norm_title) == (2, "3.1", "key questions")
    assert doc.title == "Review of Child T"
    assert doc.format == "markdown"


def test_bold_paragraphs_are_pseudo_headings(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "**3. Findings**\n\n" + BODY + "\n\n__Key questions__\n\n" + BODY + "\n\n"
        "**Note:** this paragraph only starts in bold, so it is body text.\n\n"
        "**First** and **second** bold spans are not one bold paragraph.\n",
    )
    heads = [(b.text, b.number, b.bold) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("3. Findings", "3", True), ("Key questions", None, True)]
    assert section(doc, "Findings").number == "3"
    notes = [b for b in doc.blocks if b.text.startswith(("Note", "First"))]
    assert [b.kind for b in notes] == ["paragraph", "paragraph"]
    assert not any(b.bold for b in notes)


def test_bold_sentence_is_not_a_heading(tmp_path: Path) -> None:
    doc = md(tmp_path, "**The partnership accepted every recommendation.**\n\n" + BODY + "\n")
    first = doc.blocks[0]
    assert first.kind == "paragraph"
    assert first.bold


def test_plain_numbered_and_caps_lines_are_pseudo_headings(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "# Review\n\n4.2 Key lines of enquiry\n\n" + BODY + "\n\n"
        "3. Analysis\n\n" + BODY + "\n\n"
        "KEY LEARNING\n\n" + BODY + "\n",
    )
    heads = {b.text: (b.level, b.number) for b in doc.blocks if b.kind == "heading"}
    assert heads["4.2 Key lines of enquiry"] == (2, "4.2")
    # CommonMark parses "3. Analysis" as a one-item list starting at 3.
    assert heads["3. Analysis"] == (1, "3")
    assert "KEY LEARNING" in heads
    assert section(doc, "Analysis").number == "3"


def test_numbered_item_underlined_is_a_heading(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "Contents\n--------\n\n1. Why we did this review\n2. What we found\n\n\n"
        "1. Why we did this review\n-------------------------\n\n" + BODY + "\n",
    )
    heading = [b for b in doc.blocks if b.kind == "heading"][-1]
    assert (heading.text, heading.level, heading.number, heading.line) == (
        "1. Why we did this review",
        2,
        "1",
        8,
    )
    assert [b.kind for b in doc.blocks if b.line in (4, 5)] == ["toc", "toc"]
    assert doc.blocks[-1].kind == "paragraph"


def test_numbered_body_paragraphs_stay_paragraphs(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "## 1. Introduction\n\n"
        "1.1 The partnership decided to commission a review after the rapid review.\n\n"
        "1.2 The review covered 2020 to 2023 and looked at eleven agencies in detail.\n",
    )
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph"]
    assert doc.blocks[1].text.startswith("1.1 The partnership")
    assert doc.blocks[1].number is None


def test_contents_list_at_top_is_not_headings(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "# Child T\n\n## Contents\n\n1. Introduction\n2. Key questions\n3. Findings\n\n"
        "## 1. Introduction\n\n" + BODY + "\n",
    )
    toc = [b for b in doc.blocks if b.kind == "toc"]
    assert [b.text for b in toc] == ["Introduction", "Key questions", "Findings"]
    assert [s.title for s in doc.headings()] == ["Child T", "Contents", "Introduction"]


def test_contents_lines_with_leaders_are_toc_entries(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "# Child T\n\n1. Introduction ........ 3\n2. Key questions ....... 5\n\n"
        "**Findings ........ 9**\n\n## 1. Introduction\n\n" + BODY + "\n",
    )
    toc = [b for b in doc.blocks if b.kind == "toc"]
    assert len(toc) == 3
    assert [s.title for s in doc.headings()] == ["Child T", "Introduction"]


def test_run_of_bold_lines_is_not_headings(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "**Introduction**\n\n**Key questions**\n\n**Findings**\n\n"
        "**1. Introduction**\n\n" + BODY + "\n",
    )
    assert [s.title for s in doc.headings()] == ["Introduction"]
    assert doc.sections[1].number == "1"


# -- inline text ------------------------------------------------------------------


def test_inline_markup_is_removed(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "We *will* use **plain** [English](https://example.org) and `code` here "
        "![a chart of referrals](chart.png) and&nbsp;more\nsoft break, hard break  \nnext.\n",
    )
    assert doc.blocks[0].text == (
        "We will use plain English and code here a chart of referrals and\u00a0more "
        "soft break, hard break\nnext."
    )


def test_code_is_skipped_and_quotes_are_paragraphs(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "```\nTBC placeholder in code\n```\n\n    indented code\n\n"
        "> KEY MESSAGE\n\n> The mother said nobody listened.\n\n<div>html block</div>\n",
    )
    assert kinds(doc) == [
        ("paragraph", "KEY MESSAGE"),
        ("paragraph", "The mother said nobody listened."),
    ]


# -- lists -------------------------------------------------------------------------


def test_nested_lists_levels_styles_and_numbers(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "- first item\n"
        "  - nested one\n"
        "    1. deeper\n"
        "  - nested two\n"
        "- second item\n\n"
        "  second paragraph of the second item\n\n"
        "3. third\n4. fourth\n",
    )
    items = [(b.text, b.level, b.list_style, b.number, b.line) for b in doc.blocks]
    assert items == [
        ("first item", 1, "bullet", None, 1),
        ("nested one", 2, "bullet", None, 2),
        ("deeper", 3, "number", "1", 3),
        ("nested two", 2, "bullet", None, 4),
        ("second item\nsecond paragraph of the second item", 1, "bullet", None, 5),
        ("third", 1, "number", "3", 9),
        ("fourth", 1, "number", "4", 10),
    ]
    assert all(b.kind == "list-item" for b in doc.blocks)


def test_parent_item_precedes_children_when_text_follows_them(tmp_path: Path) -> None:
    doc = md(tmp_path, "- parent\n  - child\n\n  parent again\n")
    assert [(b.text, b.level) for b in doc.blocks] == [("parent\nparent again", 1), ("child", 2)]


# -- tables ------------------------------------------------------------------------------


def test_pipe_tables_rows_cells_and_order(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "Before the table.\n\n"
        "| Date | Agency |\n|------|--------|\n"
        "| May 2021 | *Maternity* |\n| June | Police \\| CID |\n\n"
        "Between tables.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nAfter.\n",
    )
    assert [b.kind for b in doc.blocks] == [
        "paragraph",
        "table-row",
        "table-row",
        "table-row",
        "paragraph",
        "table-row",
        "table-row",
        "paragraph",
    ]
    rows = [b for b in doc.blocks if b.kind == "table-row"]
    assert [(b.table, b.row, b.line) for b in rows] == [
        (0, 0, 3),
        (0, 1, 5),
        (0, 2, 6),
        (1, 0, 10),
        (1, 1, 12),
    ]
    assert rows[0].cells == ("Date", "Agency")
    assert rows[1].cells == ("May 2021", "Maternity")
    assert rows[2].cells == ("June", "Police | CID")
    assert rows[1].text == "May 2021 | Maternity"


# -- front matter -------------------------------------------------------------------------


def test_front_matter_title_metadata_and_lines(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        '---\ntitle: "LCSPR: Child T"\nauthor: Jane Smith\ntags:\n  - a\nstatus: draft\n---\n'
        "# Introduction\n\n" + BODY + "\n",
    )
    assert doc.title == "LCSPR: Child T"
    assert doc.metadata.title == "LCSPR: Child T"
    assert doc.metadata.author == "Jane Smith"
    assert ("status", "draft") in doc.metadata.extra
    assert [(b.kind, b.line) for b in doc.blocks] == [("heading", 8), ("paragraph", 10)]
    assert not any("title:" in b.text for b in doc.blocks)


def test_front_matter_needs_a_closing_line() -> None:
    source = "---\n\nA document that starts with a rule.\n"
    assert split_front_matter(source) == (source, {})


# -- lines, words, sections ---------------------------------------------------------------


def test_every_block_has_its_source_line(tmp_path: Path) -> None:
    source = (
        "# Title\n\nIntro paragraph\nwrapped.\n\n- item\n- item two\n\n"
        "| a | b |\n|---|---|\n| c | d |\n\n**BOLD HEAD**\n\n" + BODY + "\n"
    )
    doc = md(tmp_path, source)
    lines = source.split("\n")
    for block in doc.blocks:
        assert block.line is not None
        first_word = block.text.split()[0].strip("*")
        assert first_word in lines[block.line - 1]
    assert [b.line for b in doc.blocks] == [1, 3, 6, 7, 9, 11, 13, 15]


def test_word_counts_and_section_shares(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "## Background\n\none two three four five six\n\n"
        "## Findings\n\none two three four five six seven eight nine ten eleven twelve\n",
    )
    assert doc.words == 1 + 6 + 1 + 12
    background, findings = section(doc, "Background"), section(doc, "Findings")
    assert background.words == 7 and findings.words == 13
    assert background.share == pytest.approx(7 / 20)
    assert findings.share == pytest.approx(13 / 20)
    assert [b.word_start for b in doc.blocks] == [0, 1, 7, 8]


def test_nbsp_and_zero_width_in_headings_normalise(tmp_path: Path) -> None:
    doc = md(tmp_path, "## Key\u00a0questions\n\n## Find\u200bings\n\nText.\n")
    assert [s.norm_title for s in doc.headings()] == ["key questions", "findings"]
    assert doc.blocks[0].text == "Key\u00a0questions"


def test_sign_off_lines_are_not_headings(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "## Sign-off\n\nJane Doe\nDirector of Children's Services\n\n"
        "John Smith\nChief Constable, Greyford Police\n",
    )
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph"]
    assert doc.blocks[1].text == "Jane Doe Director of Children's Services"


# -- directives ---------------------------------------------------------------------------


def test_directives_with_lines_and_next_blocks(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "<!-- lcsprlint-disable LCSPR-001, LCSPR-002 -->\n"  # 1
        "# Title\n"  # 2
        "\n"
        "<!-- an ordinary comment -->\n"  # 4
        "\n"
        "<!-- expect: LCSPR-010 -->\n"  # 6
        "We will utilise resources <!-- ok: PLAIN-001 --> going forward.\n"  # 7
        "\n"
        "```\n<!-- lcsprlint-disable -->\n```\n"  # 9-11
        "\n"
        "<!--\n  lcsprlint-disable-next\n  PLAIN-001\n-->\n"  # 13-16
        "- item\n"  # 17
        "\n"
        "<!-- lcsprlint-enable LCSPR-001 -->\n",  # 19
    )
    got = [(d.text, d.line, d.block) for d in doc.directives]
    assert got == [
        ("lcsprlint-disable LCSPR-001, LCSPR-002", 1, 0),
        ("expect: LCSPR-010", 6, 1),
        ("ok: PLAIN-001", 7, 1),
        ("lcsprlint-disable-next PLAIN-001", 13, 2),
        ("lcsprlint-enable LCSPR-001", 19, None),
    ]
    assert doc.blocks[1].text == "We will utilise resources going forward."


def test_directive_block_indexes_skip_dropped_empty_blocks(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "# Title\n\n![](empty-alt.png)\n\n-\n\n<!-- ok: R1 -->\n\nBody text.\n\n"
        "| a | b |\n|---|---|\n| <!-- expect: R2 --> c | d |\n",
    )
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "table-row", "table-row"]
    got = {d.text: d.block for d in doc.directives}
    assert got == {"ok: R1": 1, "expect: R2": 3}


def test_inline_comment_line_counts_breaks(tmp_path: Path) -> None:
    doc = md(tmp_path, "First line\nsecond line <!-- ok: R1 -->\nthird.\n\nNext.\n")
    assert [(d.line, d.block) for d in doc.directives] == [(2, 0)]


# -- title -------------------------------------------------------------------------------


def test_first_paragraph_title_line(tmp_path: Path) -> None:
    doc = md(
        tmp_path,
        "![](logo.png)\n\nOFFICIAL SENSITIVE\n\n"
        "**Rapid Review Report: Child O**\nWexcombe Safeguarding Children Partnership\n\n"
        "**1. Summary**\n\n" + BODY + "\n",
    )
    assert [(b.kind, b.text, b.line) for b in doc.blocks[:3]] == [
        ("paragraph", "OFFICIAL SENSITIVE", 3),
        ("title", "Rapid Review Report: Child O", 5),
        ("paragraph", "Wexcombe Safeguarding Children Partnership", 6),
    ]
    assert doc.title == "Rapid Review Report: Child O"
    assert [s.title for s in doc.headings()] == ["Summary"]


def test_title_line_ends_at_a_hard_break(tmp_path: Path) -> None:
    doc = md(tmp_path, "Child T Review  \nGreyford Partnership\n\n" + BODY + "\n")
    assert [(b.kind, b.text, b.line) for b in doc.blocks[:2]] == [
        ("title", "Child T Review", 1),
        ("paragraph", "Greyford Partnership", 2),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "# Heading first\n\nShort line\n",
        "This review was commissioned by the partnership after\na rapid review in 2022.\n",
        "Contents\n\n- Introduction\n",
        "- A list first\n\nShort line\n",
    ],
)
def test_no_title_block(tmp_path: Path, source: str) -> None:
    doc = md(tmp_path, source)
    assert not any(b.kind == "title" for b in doc.blocks)
