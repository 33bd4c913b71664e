"""Annotated copies: findings as Word comments in a .docx, as HTML comments in Markdown.

The drafts are built in code. Each test reopens the copy (python-docx and
lxml for Word) and checks what an author would see: every lcsprlint comment
on the right paragraph with the right text, everything else still there, the
input untouched, and re-annotation replacing rather than adding.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from lcsprlint.annotate import (
    AUTHOR,
    INITIALS,
    annotate_docx,
    annotate_file,
    annotate_markdown,
    comment_text,
    default_annotated_path,
)
from lcsprlint.errors import InputError
from lcsprlint.readers.docx import read_docx
from lcsprlint.readers.docx_parts import story_paragraphs
from lcsprlint.readers.markdown import read_markdown
from lcsprlint.readers.text import read_text
from lcsprlint.results import Finding, Location
from lcsprlint.rule import Rule

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
RT_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
CT_EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"

TITLE = "Local Child Safeguarding Practice Review: Child T"
HUMAN_COMMENT = "Alice: please check the dates here."


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _rule(rid: str, name: str, category: str, severity: str) -> Rule:
    return Rule(
        id=rid,
        name=name,
        category=category,
        severity=severity,
        message=f"{name} message",
        rationale=f"Why {name}.",
        source="Panel annual report 2022",
        fix=f"Fix {name}.",
        check="pattern",
    )


RULES = {
    r.id: r
    for r in (
        _rule("LCSPR100", "labelled-lcspr", "labelling", "error"),
        _rule("LCSPR110", "key-questions-stated", "key-questions", "error"),
        _rule("LCSPR140", "plain-sentences", "readability", "warning"),
        _rule("LCSPR150", "no-names", "anonymisation", "error"),
        _rule("LCSPR900", "hygiene", "hygiene", "info"),
    )
}


def _finding(rid: str, message: str, **where: object) -> Finding:
    r = RULES[rid]
    return Finding(r.id, r.name, r.category, r.severity, message, Location(**where))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- a Word draft with everything that must survive ---------------------------------

#: Paragraph ordinals of the draft below, as the .docx reader counts them.
P_TITLE, P_KQ_HEAD, P_COMMENTED = 1, 2, 3
P_CELL_LAST = 7  # cells are 4..7
P_TRACKED, P_SDT, P_RECS_HEAD, P_EMPTY, P_RECS = 8, 9, 10, 11, 12


def _make_docx(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE DRAFT"
    d.add_paragraph(TITLE, style="Title")
    d.add_heading("Key questions", 1)
    p = d.add_paragraph("The review asked what agencies knew.")
    d.add_comment(p.runs, text=HUMAN_COMMENT, author="Alice Reviewer", initials="AR")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {
        (0, 0): "Agency",
        (0, 1): "Role",
        (1, 0): "Police",
        (1, 1): "Attended the strategy meeting.",
    }.items():
        table.cell(r, c).text = text
    tracked = d.add_paragraph("The plan was ")
    tracked._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="901" w:author="Bob Editor" '
            'w:date="2024-03-01T10:00:00Z"><w:r><w:t>agreed</w:t></w:r></w:ins>'
        )
    )
    tracked.add_run(" in March.")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r>"
        "<w:t>Text inside a content control.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    tracked._p.addnext(sdt)
    d.add_heading("Recommendations", 1)
    d.add_paragraph("")
    recs = d.add_paragraph()
    recs.add_run("Partners ").bold = True
    recs.add_run("should agree owners.")
    d.save(path)
    return path


def _findings() -> list[Finding]:
    return [
        _finding("LCSPR100", "Document-level: not called an LCSPR."),
        _finding("LCSPR110", "On the commented paragraph.", paragraph=P_COMMENTED),
        _finding("LCSPR150", "A name in a table cell.", paragraph=P_CELL_LAST),
        _finding("LCSPR140", "Tracked paragraph.", paragraph=P_TRACKED),
        _finding("LCSPR140", "Inside the content control.", paragraph=P_SDT),
        _finding("LCSPR900", "An empty paragraph.", paragraph=P_EMPTY),
        _finding("LCSPR140", "First on recommendations.", paragraph=P_RECS),
        _finding("LCSPR110", "Second on recommendations.", paragraph=P_RECS),
        _finding("LCSPR900", "In the header.", story="header"),
        _finding("LCSPR900", "Past the end.", paragraph=999),
    ]


#: Finding message -> ordinal of the paragraph its comment must span.
EXPECTED_ANCHOR = {
    "Document-level: not called an LCSPR.": P_TITLE,
    "On the commented paragraph.": P_COMMENTED,
    "A name in a table cell.": P_CELL_LAST,
    "Tracked paragraph.": P_TRACKED,
    "Inside the content control.": P_SDT,
    "An empty paragraph.": P_EMPTY,
    "First on recommendations.": P_RECS,
    "Second on recommendations.": P_RECS,
    "In the header.": P_TITLE,
    "Past the end.": P_TITLE,
}


def _xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(q("t")))


def _body(path: Path) -> etree._Element:
    return _xml(path, "word/document.xml").find(q("body"))


def _anchors(
    path: Path, body: etree._Element | None = None
) -> dict[str, tuple[int, etree._Element]]:
    """Comment id -> (ordinal, paragraph) of the paragraph holding its range start."""
    body = _body(path) if body is None else body
    out = {}
    for n, p in enumerate(story_paragraphs(body), 1):
        for start in p.iter(q("commentRangeStart")):
            out[start.get(q("id"))] = (n, p)
    return out


def _lint_comments(path: Path) -> list:
    return [c for c in docx.Document(str(path)).comments if c.author == AUTHOR]


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return _make_docx(tmp_path / "Child T draft.docx")


@pytest.fixture
def annotated(draft: Path) -> Path:
    out = draft.with_name("out.docx")
    assert annotate_docx(draft, out, _findings(), RULES) == len(_findings())
    return out


def test_each_comment_has_its_text_author_and_paragraph(annotated: Path) -> None:
    comments = _lint_comments(annotated)
    assert len(comments) == len(_findings())
    body = _body(annotated)
    anchors = _anchors(annotated, body)
    paragraphs = list(story_paragraphs(body))
    by_message = {f.message: f for f in _findings()}
    for c in comments:
        message = next(m for m in by_message if m in c.text)
        assert c.text == comment_text(by_message[message], RULES)
        assert c.initials == INITIALS
        ordinal, p = anchors[str(c.comment_id)]
        assert ordinal == EXPECTED_ANCHOR[message], message
        assert p is paragraphs[ordinal - 1]
        # The range ends, and the reference sits, in the same paragraph.
        ids = {el.get(q("id")) for el in p.iter(q("commentRangeEnd"), q("commentReference"))}
        assert str(c.comment_id) in ids


def test_comment_text_format() -> None:
    f = _finding("LCSPR110", "No key questions are stated")
    assert comment_text(f, RULES) == (
        "[ERROR] LCSPR110 key-questions-stated: No key questions are stated. "
        "What to do: Fix key-questions-stated. (Panel annual report 2022)"
    )
    # Unknown rule: no guidance; control characters and newlines do not reach the XML.
    odd = Finding("X1", "custom", "c", "warning", "a\x0bb\nc", Location())
    assert comment_text(odd, {}) == "[WARNING] X1 custom: ab c."


def test_comment_spans_the_whole_paragraph(annotated: Path) -> None:
    anchors = _anchors(annotated)
    comments = {c.text: c for c in _lint_comments(annotated)}
    tracked = next(c for t, c in comments.items() if "Tracked paragraph." in t)
    _, p = anchors[str(tracked.comment_id)]
    kids = list(p)
    cid = str(tracked.comment_id)
    start = next(i for i, el in enumerate(kids) if el.get(q("id")) == cid)
    end = next(
        i for i, el in enumerate(kids) if el.tag == q("commentRangeEnd") and el.get(q("id")) == cid
    )
    inside = kids[start + 1 : end]
    # The tracked insertion is wholly inside the range, not split by it.
    assert "".join(_text(el) for el in inside) == "The plan was agreed in March."
    assert any(el.tag == q("ins") for el in inside)
    # Both runs of the recommendations paragraph (bold and plain) are covered.
    first = next(c for t, c in comments.items() if "First on recommendations." in t)
    _, recs = anchors[str(first.comment_id)]
    assert _text(recs) == "Partners should agree owners."
    kids = list(recs)
    fid = str(first.comment_id)
    start = next(i for i, el in enumerate(kids) if el.get(q("id")) == fid)
    end = next(
        i for i, el in enumerate(kids) if el.tag == q("commentRangeEnd") and el.get(q("id")) == fid
    )
    assert "".join(_text(el) for el in kids[start + 1 : end]) == "Partners should agree owners."


def test_everything_else_is_kept(draft: Path, annotated: Path) -> None:
    before = docx.Document(str(draft))
    after = docx.Document(str(annotated))
    human = [c for c in after.comments if c.author == "Alice Reviewer"]
    assert len(human) == 1 and human[0].text == HUMAN_COMMENT
    assert human[0].initials == "AR"
    assert after.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE DRAFT"
    assert after.paragraphs[0].style.name == "Title"
    assert after.paragraphs[0].text == TITLE
    assert after.tables[0].cell(1, 1).text == "Attended the strategy meeting."
    body = _xml(annotated, "word/document.xml")
    ins = list(body.iter(q("ins")))
    assert len(ins) == 1 and ins[0].get(q("author")) == "Bob Editor" and _text(ins[0]) == "agreed"
    assert [_text(p) for p in body.iter(q("p"))] == [
        _text(p) for p in _xml(draft, "word/document.xml").iter(q("p"))
    ]
    assert any(el.tag == q("sdt") for el in body.iter())
    # The human comment's own range is untouched.
    human_id = str(human[0].comment_id)
    assert _anchors(annotated)[human_id][0] == P_COMMENTED
    # Styles and every other part are carried over.
    with zipfile.ZipFile(draft) as a, zipfile.ZipFile(annotated) as b:
        assert set(a.namelist()) <= set(b.namelist())
        assert a.read("word/styles.xml") == b.read("word/styles.xml")
    assert len(before.paragraphs) == len(after.paragraphs)


def test_input_bytes_unchanged(tmp_path: Path) -> None:
    draft = _make_docx(tmp_path / "in.docx")
    digest, stamp = _sha(draft), draft.stat().st_mtime_ns
    annotate_docx(draft, tmp_path / "copy.docx", _findings(), RULES)
    assert _sha(draft) == digest
    assert draft.stat().st_mtime_ns == stamp


def test_reannotation_replaces_instead_of_duplicating(annotated: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    digest = _sha(annotated)
    assert annotate_docx(annotated, again, _findings(), RULES) == len(_findings())
    assert _sha(annotated) == digest
    comments = docx.Document(str(again)).comments
    assert len([c for c in comments if c.author == AUTHOR]) == len(_findings())
    assert len([c for c in comments if c.author == "Alice Reviewer"]) == 1
    # Same body structure as the first copy: no stray markers, runs or references left.
    body_1 = _xml(annotated, "word/document.xml").find(q("body"))
    body_2 = _xml(again, "word/document.xml").find(q("body"))
    assert [el.tag for el in body_1.iter()] == [el.tag for el in body_2.iter()]
    # Every range mark and reference points at a comment that exists.
    ids = {str(c.comment_id) for c in comments}
    marks = body_2.iter(q("commentRangeStart"), q("commentRangeEnd"), q("commentReference"))
    assert {el.get(q("id")) for el in marks} == ids
    # Fewer findings the second time: only those remain.
    fewer = tmp_path / "fewer.docx"
    assert annotate_docx(again, fewer, _findings()[:2], RULES) == 2
    assert len(_lint_comments(fewer)) == 2
    body_3 = _xml(fewer, "word/document.xml")
    assert len(list(body_3.iter(q("commentReference")))) == 3  # two ours, one Alice's


def test_no_findings_removes_earlier_comments(annotated: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.docx"
    assert annotate_docx(annotated, clean, [], RULES) == 0
    comments = docx.Document(str(clean)).comments
    assert [c.author for c in comments] == ["Alice Reviewer"]


def test_draft_without_comments_part_stays_without_one(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Only text.")
    src = tmp_path / "plain.docx"
    d.save(src)
    out = tmp_path / "plain.out.docx"
    annotate_docx(src, out, [], RULES)
    with zipfile.ZipFile(out) as zf:
        assert "word/comments.xml" not in zf.namelist()
    annotate_docx(src, out, [_finding("LCSPR100", "Not labelled.")], RULES)
    assert [c.text for c in _lint_comments(out)] == [
        comment_text(_finding("LCSPR100", "Not labelled."), RULES)
    ]


def test_word_side_parts_are_pruned(annotated: Path, tmp_path: Path) -> None:
    """A copy saved by Word has commentsExtended entries keyed by paragraph ids."""
    d = docx.Document(str(annotated))
    entries = []
    reply_parent = None
    for n, c in enumerate(d.comments):
        para_id = f"{n + 1:08X}"
        c._comment_elm.p_lst[0].set(f"{{{W14}}}paraId", para_id)
        entries.append(f'<w15:commentEx w15:paraId="{para_id}" w15:done="0"/>')
        if c.author == AUTHOR and reply_parent is None:
            reply_parent = para_id
    reply = d.comments.add_comment(text="Agreed, will fix.", author="Alice Reviewer")
    reply._comment_elm.p_lst[0].set(f"{{{W14}}}paraId", "7FFFFFFF")
    entries.append(f'<w15:commentEx w15:paraId="7FFFFFFF" w15:paraIdParent="{reply_parent}"/>')
    blob = (f'<w15:commentsEx xmlns:w15="{W15}">{"".join(entries)}</w15:commentsEx>').encode()
    part = Part(PackURI("/word/commentsExtended.xml"), CT_EXTENDED, blob, d.part.package)
    d.part.relate_to(part, RT_EXTENDED)
    resaved = tmp_path / "resaved.docx"
    d.save(resaved)

    out = tmp_path / "reannotated.docx"
    annotate_docx(resaved, out, _findings()[:1], RULES)
    ex = _xml(out, "word/commentsExtended.xml")
    kept = {e.get(f"{{{W15}}}paraId"): e for e in ex}
    human_ids = {
        c._comment_elm.p_lst[0].get(f"{{{W14}}}paraId")
        for c in docx.Document(str(out)).comments
        if c.author != AUTHOR
    }
    assert set(kept) == human_ids and "7FFFFFFF" in kept
    assert kept["7FFFFFFF"].get(f"{{{W15}}}paraIdParent") is None


def test_refuses_to_overwrite_its_input(draft: Path, tmp_path: Path) -> None:
    digest = _sha(draft)
    with pytest.raises(InputError, match="replace its input"):
        annotate_docx(draft, draft, _findings(), RULES)
    link = tmp_path / "link.docx"
    link.symlink_to(draft)
    with pytest.raises(InputError):
        annotate_docx(draft, link, _findings(), RULES)
    with pytest.raises(InputError):
        annotate_docx(draft, tmp_path / "." / draft.name, _findings(), RULES)
    assert _sha(draft) == digest
    # Only when the user named the input explicitly.
    assert annotate_docx(draft, draft, _findings(), RULES, allow_overwrite=True) == 10
    assert len(_lint_comments(draft)) == len(_findings())


def test_atomic_write_leaves_no_temp_files_and_keeps_mode(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    annotate_docx(draft, out, _findings(), RULES)
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Child T draft.docx", "out.docx"]


def test_not_a_word_document(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("plain text", encoding="utf-8")
    with pytest.raises(InputError, match="not a Word document"):
        annotate_docx(src, tmp_path / "x.docx", [], RULES)


def test_reader_agrees_with_the_anchors(draft: Path, annotated: Path) -> None:
    """Anchor on every block's paragraph as the reader numbers it: the copy reads the same."""
    doc = read_docx(draft)
    findings = [
        _finding("LCSPR140", f"block {b.index}", paragraph=b.paragraph)
        for b in doc.blocks
        if b.kind != "table-row"
    ]
    out = draft.with_name("every.docx")
    annotate_docx(draft, out, findings, RULES)
    anchors = _anchors(out)
    for c in _lint_comments(out):
        index = int(c.text.split("block ")[1].split(".")[0])
        block = doc.blocks[index]
        ordinal, p = anchors[str(c.comment_id)]
        assert ordinal == block.paragraph
        assert " ".join(_text(p).split()) == " ".join(block.text.split())
    # The annotated copy reads as the original: same blocks, our comments on them.
    again = read_docx(annotated)
    assert [b.text for b in again.blocks] == [b.text for b in doc.blocks]
    ours = [c for c in again.comments if c.author == AUTHOR]
    assert len(ours) == len(_findings())
    first = next(c for c in ours if "On the commented paragraph." in c.text)
    para_of = {b.index: b.paragraph for b in again.blocks}
    assert [para_of[i] for i in first.blocks] == [P_COMMENTED]


def test_default_annotated_path() -> None:
    assert default_annotated_path(Path("a/DRAFT.docx")) == Path("a/DRAFT.lcsprlint.docx")
    assert default_annotated_path(Path("DRAFT.md")) == Path("DRAFT.lcsprlint.md")
    assert default_annotated_path(Path("notes.txt")) == Path("notes.lcsprlint.txt")
    # Annotating a copy never defaults to the copy itself.
    assert default_annotated_path(Path("D.lcsprlint.docx")) != Path("D.lcsprlint.docx")


# -- Markdown and text ---------------------------------------------------------------

MARKDOWN = """\
---
title: Child T
---
# Local Child Safeguarding Practice Review: Child T

## Key questions

The review asked what agencies knew
and when they knew it.

- First question about sharing
- Second question about supervision
  - nested point about thresholds

| Agency | Role |
|--------|------|
| Police | Attended |
| Health | Visited |

## Recommendations

Partners should agree owners.
"""

#: Block text (start) -> rule that fires on it; None: a document-level finding.
MD_TARGETS = {
    None: "LCSPR100",
    "The review asked": "LCSPR140",
    "Second question": "LCSPR110",
    "nested point": "LCSPR140",
    "Police": "LCSPR150",
    "Partners should": "LCSPR110",
}


def _md_findings(path: Path, read=read_markdown) -> list[Finding]:
    """Findings at the lines the reader gives, as linting the file would produce."""
    doc = read(path)
    out = []
    for start, rid in MD_TARGETS.items():
        if start is None:
            out.append(_finding(rid, "Whole document -- check the title."))
            continue
        block = next(b for b in doc.blocks if b.text.startswith(start))
        out.append(_finding(rid, f"About '{start}'.", line=block.line, block=block.index))
    return out


def _comment_before(lines: list[str], start: str) -> str:
    i = next(i for i, line in enumerate(lines) if start in line and "lcsprlint" not in line)
    return lines[i - 1]


def test_markdown_comments_before_the_right_lines(tmp_path: Path) -> None:
    src = tmp_path / "draft.md"
    src.write_text(MARKDOWN, encoding="utf-8")
    digest = _sha(src)
    out = tmp_path / "draft.lcsprlint.md"
    findings = _md_findings(src)
    assert annotate_markdown(src, out, findings, RULES) == len(findings)
    assert _sha(src) == digest
    lines = out.read_text(encoding="utf-8").split("\n")
    # The whole-document finding opens the body, after the front matter.
    assert lines[:3] == ["---", "title: Child T", "---"]
    assert lines[3].startswith("<!-- lcsprlint: [ERROR] LCSPR100 labelled-lcspr: Whole document")
    assert "--" not in lines[3][len("<!--") : -len("-->")]
    assert _comment_before(lines, "The review asked") == (
        "<!-- lcsprlint: [WARNING] LCSPR140 plain-sentences: About 'The review asked'. "
        "What to do: Fix plain-sentences. (Panel annual report 2022) -->"
    )
    assert _comment_before(lines, "- Second question").startswith(
        "<!-- lcsprlint: [ERROR] LCSPR110"
    )
    # A nested list item's comment is indented with it, so it stays in the list.
    assert _comment_before(lines, "nested point").startswith("  <!-- lcsprlint: [WARNING]")
    # A table row's comment goes above the table: between rows it would end the table.
    assert _comment_before(lines, "| Agency").startswith("<!-- lcsprlint: [ERROR] LCSPR150")
    assert _comment_before(lines, "| Police") == "|--------|------|"
    assert _comment_before(lines, "Partners should").startswith("<!-- lcsprlint: [ERROR] LCSPR110")
    assert sum(1 for line in lines if "<!-- lcsprlint: [" in line) == len(findings)
    # The readers skip the comments: the copy has the same blocks.
    assert [b.text for b in read_markdown(out).blocks] == [
        b.text for b in read_markdown(src).blocks
    ]


def test_markdown_reannotation_is_idempotent(tmp_path: Path) -> None:
    src = tmp_path / "draft.md"
    src.write_text(MARKDOWN, encoding="utf-8")
    first = tmp_path / "one.md"
    annotate_markdown(src, first, _md_findings(src), RULES)
    second = tmp_path / "two.md"
    # Linting the annotated copy gives shifted line numbers; the result is the same file.
    assert annotate_markdown(first, second, _md_findings(first), RULES) == len(MD_TARGETS)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    # With no findings the copy is the original again.
    clean = tmp_path / "clean.md"
    annotate_markdown(second, clean, [], RULES)
    assert clean.read_text(encoding="utf-8") == MARKDOWN


def test_markdown_paragraph_continuation_goes_above_the_paragraph(tmp_path: Path) -> None:
    src = tmp_path / "p.md"
    src.write_text("# Title\nFirst line\nsecond line\n", encoding="utf-8")
    out = tmp_path / "p.out.md"
    annotate_markdown(src, out, [_finding("LCSPR140", "Long.", line=3)], RULES)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "# Title"
    assert lines[1].startswith("<!-- lcsprlint: [WARNING]")
    assert lines[2:] == ["First line", "second line", ""]


def test_markdown_keeps_crlf_and_refuses_its_input(tmp_path: Path) -> None:
    src = tmp_path / "crlf.md"
    src.write_bytes(b"# Title\r\n\r\nSome text.\r\n")
    out = tmp_path / "crlf.out.md"
    annotate_markdown(src, out, [_finding("LCSPR140", "Text.", line=3)], RULES)
    data = out.read_bytes()
    assert data.count(b"\r\n") == 4 and b"\n" not in data.replace(b"\r\n", b"")
    with pytest.raises(InputError):
        annotate_markdown(src, src, [], RULES)


def _line_findings(text: str) -> list[Finding]:
    """Findings on the lines where each target's block starts, as a reader numbers them."""
    lines = text.split("\n")
    out = []
    for start, rid in MD_TARGETS.items():
        if start is None:
            out.append(_finding(rid, "Whole document."))
            continue
        n = next(i for i, line in enumerate(lines, 1) if start in line and "lcsprlint" not in line)
        out.append(_finding(rid, f"About '{start}'.", line=n))
    return out


def test_text_file_annotation_and_dispatch(tmp_path: Path) -> None:
    text = MARKDOWN.split("---\n", 2)[2]
    src = tmp_path / "draft.txt"
    src.write_text(text, encoding="utf-8")
    # The text reader starts these blocks on the lines _line_findings uses.
    starts = {b.text.split()[0]: b.line for b in read_text(src).blocks}
    assert starts["The"] == 5 and starts["Police"] == 14
    out = tmp_path / "draft.lcsprlint.txt"
    assert annotate_file(src, out, _line_findings(text), RULES) == len(MD_TARGETS)
    lines = out.read_text(encoding="utf-8").split("\n")
    # No front matter in a text file: the whole-document comment is the first line.
    assert lines[0].startswith("<!-- lcsprlint: [ERROR] LCSPR100")
    assert _comment_before(lines, "The review asked").startswith("<!-- lcsprlint: [WARNING]")
    again = tmp_path / "again.txt"
    annotate_file(out, again, _line_findings(out.read_text(encoding="utf-8")), RULES)
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    docx_src = _make_docx(tmp_path / "d.docx")
    assert annotate_file(docx_src, tmp_path / "d.out.docx", _findings()[:2], RULES) == 2


def test_markdown_front_matter_findings_open_the_body(tmp_path: Path) -> None:
    src = tmp_path / "fm.md"
    src.write_text("---\nauthor: Jane Doe\n---\n\n# Title\n", encoding="utf-8")
    out = tmp_path / "fm.out.md"
    metadata = _finding("LCSPR150", "A name in the metadata.", line=2, story="metadata")
    past_end = _finding("LCSPR140", "Past the end.", line=99)
    annotate_markdown(src, out, [metadata, past_end], RULES)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[:3] == ["---", "author: Jane Doe", "---"]
    assert lines[3].startswith("<!-- lcsprlint: [ERROR] LCSPR150")
    assert lines[-2].startswith("<!-- lcsprlint: [WARNING] LCSPR140")
    assert lines[-1] == ""
