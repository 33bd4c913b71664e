"""One package shape per bug the package fuzzer (``test_fuzz_package``) found.

Each was a traceback, an "internal error while reading", or an annotated copy
Word would call damaged; each is now read or refused in one line. The shapes
are made by rewriting members of the weak example (or the rich draft, which
has a header).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile.conftest import Run, assert_one_line_error, rich_docx_bytes, run
from hostile.test_fuzz_package import with_word_side_parts
from lcsprlint.readers import read_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOC_RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)

Change = Callable[[str], str]


def _sub(pattern: str, repl: str) -> Change:
    def change(text: str) -> str:
        new, n = re.subn(pattern, repl, text, flags=re.S)
        assert n >= 1, pattern
        return new

    return change


def _rewrite(
    data: bytes, dest: Path, changes: dict[str, Change], renames: dict[str, str] | None = None
) -> Path:
    renames = renames or {}
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename in changes:
                blob = changes[info.filename](blob.decode("utf-8")).encode("utf-8")
            zout.writestr(renames.get(info.filename, info.filename), blob, zipfile.ZIP_DEFLATED)
    return dest


def _weak(work: Path, changes: dict[str, Change]) -> Path:
    return _rewrite((EXAMPLES / "weak-lcspr.docx").read_bytes(), work / "crafted.docx", changes)


def _annotate(path: Path, rules: Path) -> tuple[Run, Path]:
    out = path.with_name("annotated.docx")
    return run("annotate", path, "-o", out, "--rules", rules), out


def _read(result: Run) -> None:
    assert result.code in (0, 1), result.err
    assert "internal error" not in result.err + result.out


# -- annotate: what python-docx reads but cannot write back ------------------------


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({DOC_RELS: _sub(r' Type="[^"]*/numbering"', "")}, id="relationship-no-type"),
        pytest.param({DOC_RELS: _sub(r'Id="rId2" ', "")}, id="relationship-no-id"),
        pytest.param(
            {DOC_RELS: _sub(r'Target="numbering.xml"', 'TargetMode="External"')},
            id="external-relationship-no-target",
        ),
        pytest.param(
            {TYPES: _sub(r'(PartName="/word/numbering.xml") ContentType="[^"]*"', r"\1")},
            id="part-without-content-type",
        ),
        pytest.param(
            {"_rels/.rels": _sub(r'Target="docProps/app.xml"', 'Target="[Content_Types].xml"')},
            id="relationship-to-content-types",
        ),
        pytest.param(
            {DOC_RELS: _sub(r'Target="webSettings.xml"', 'Target="_rels/document.xml.rels"')},
            id="relationship-to-a-rels-item",
        ),
    ],
)
def test_package_annotate_cannot_write_back_is_refused(
    work: Path, rules: Path, changes: dict[str, Change]
) -> None:
    """Was a TypeError half-way through saving, or a copy holding a member twice."""
    crafted = _weak(work, changes)
    _read(run("check", crafted, "--rules", rules))  # reading ignores the bad entry
    result, out = _annotate(crafted, rules)
    assert result.code == 2, result.err
    assert_one_line_error(
        result.err, crafted, "damaged Word file: its content types or relationships are invalid"
    )
    assert not out.exists()


# -- annotate: a comments part python-docx cannot add comments to ------------------


_SECOND_COMMENTS = f'<Relationship Id="rId99" Type="{RT}comments" Target="comments.xml"/>'


@pytest.mark.parametrize(
    ("changes", "cause"),
    [
        pytest.param(
            {TYPES: _sub(r'(/word/comments.xml" ContentType="[^"]*)comments', r"\1footer")},
            "its comments part is not a list of comments",
            id="comments-typed-as-a-footer",
        ),
        pytest.param(
            {DOC_RELS: _sub("</Relationships>", _SECOND_COMMENTS + "</Relationships>")},
            "it has more than one comments part",
            id="two-comments-relationships",
        ),
        pytest.param(
            {DOC_RELS: _sub(r'(Type="[^"]*/comments")', r'\1 TargetMode="External"')},
            "its comments part is outside the file",
            id="external-comments-relationship",
        ),
    ],
)
def test_package_comments_part_that_cannot_take_comments_is_refused(
    work: Path, rules: Path, changes: dict[str, Change], cause: str
) -> None:
    """Was an AttributeError or ValueError from python-docx when adding the first comment."""
    crafted = _weak(work, changes)
    _read(run("check", crafted, "--rules", rules))
    result, out = _annotate(crafted, rules)
    assert result.code == 2, result.err
    assert_one_line_error(result.err, crafted, f"damaged Word file: {cause}")
    assert not out.exists()


def test_package_comments_name_taken_by_another_part_gets_a_free_name(
    work: Path, rules: Path
) -> None:
    """word/comments.xml related as a footer: the copy held word/comments.xml twice."""
    crafted = _weak(work, {DOC_RELS: _sub(r'(Type="[^"]*/)comments"', r'\1footer"')})
    result, out = _annotate(crafted, rules)
    assert result.code == 0, result.err
    assert result.err == ""  # zipfile's "Duplicate name" warning was printed here
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        rels = zf.read(DOC_RELS).decode()
    assert len(names) == len(set(names))
    assert "word/comments1.xml" in names
    assert f'Type="{RT}comments" Target="comments1.xml"' in rels
    _read(run("check", out, "--rules", rules))
    assert any(c.author == "lcsprlint" for c in read_document(out).comments)


def test_package_side_part_that_is_not_xml_is_refused_naming_the_file(
    work: Path, rules: Path
) -> None:
    """Annotating again prunes Word's side parts; a malformed one was named as the file."""
    first, out = _annotate(_weak(work, {}), rules)
    assert first.code == 0, first.err
    data = with_word_side_parts(out.read_bytes())
    out.unlink()
    crafted = _rewrite(data, work / "again.docx", {"word/commentsIds.xml": lambda _: "not XML"})
    _read(run("check", crafted, "--rules", rules))  # reading does not use commentsIds
    result, again = _annotate(crafted, rules)
    assert result.code == 2, result.err
    assert_one_line_error(result.err, crafted, "malformed XML in word/commentsIds.xml")
    assert not again.exists()


# -- reading: numbers that are not numbers -------------------------------------------


@pytest.mark.parametrize("level", ["²", "9" * 5000], ids=["superscript", "5000-digits"])
def test_package_numbering_level_that_is_no_number_is_read(work: Path, level: str) -> None:
    """``isdigit`` passed both, then ``int`` refused them: an internal error."""
    crafted = _weak(work, {"word/numbering.xml": _sub(r'w:ilvl="0"', f'w:ilvl="{level}"')})
    _read(run("check", crafted))
    _read(run("outline", crafted))


@pytest.mark.parametrize(
    "name", ["word/header1²2.xml", f"word/header{'9' * 5000}.xml"], ids=["superscript", "digits"]
)
def test_package_header_part_name_with_odd_digits_is_read(work: Path, name: str) -> None:
    """The natural sort of header names called ``int`` on them: an internal error."""
    crafted = _rewrite(
        rich_docx_bytes(),
        work / "crafted.docx",
        {
            DOC_RELS: _sub(r'Target="header1.xml"', f'Target="{name[5:]}"'),
            TYPES: _sub("/word/header1.xml", f"/{name}"),
        },
        {"word/header1.xml": name},
    )
    _read(run("check", crafted))
    assert any("OFFICIAL SENSITIVE" in e.text for e in read_document(crafted).extras)


def test_package_odt_levels_and_counts_that_are_no_numbers_are_read(work: Path) -> None:
    """``int()`` on text:outline-level and text:c: an internal error; a huge count
    allocated that many spaces."""
    content = (
        f"<office:document-content {ODF}><office:body><office:text>"
        '<text:h text:outline-level="abc">Key questions</text:h>'
        f'<text:h text:outline-level="{"9" * 5000}">Findings</text:h>'
        f'<text:p>One<text:s text:c="{"9" * 5000}"/>two<text:s text:c="10000000"/>three</text:p>'
        "</office:text></office:body></office:document-content>"
    )
    path = work / "draft.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    _read(run("check", path))
    _read(run("outline", path))
    doc = read_document(path)
    assert [(s.title, s.level) for s in doc.headings()] == [("Key questions", 1), ("Findings", 1)]
    (para,) = [b for b in doc.blocks if b.kind == "paragraph"]
    assert para.text.split() == ["One", "two", "three"]
    assert len(para.text) < 2000
