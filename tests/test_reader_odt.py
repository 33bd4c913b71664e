"""The .odt reader: headings, lists and tables in order; comments and tracked changes out of
the body but kept as comments and changes; meta.xml authors as metadata.

Fixtures are built in code with odfpy, the way LibreOffice writes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("odf")

from odf import dc, meta
from odf.office import Annotation, ChangeInfo
from odf.opendocument import OpenDocumentText
from odf.text import Change as ChangeMark
from odf.text import (
    ChangedRegion,
    Deletion,
    H,
    List,
    ListItem,
    P,
    Span,
    TrackedChanges,
)
from support.odt_fixtures import odt_table

from lcsprlint.errors import InputError
from lcsprlint.readers import read_document
from lcsprlint.readers.sniff import sniff


def build_odt(path: Path) -> Path:
    doc = OpenDocumentText()
    doc.meta.addElement(meta.InitialCreator(text="Jane Smith"))
    doc.meta.addElement(dc.Creator(text="John Doe"))
    doc.meta.addElement(dc.Title(text="Learning review: Child Q"))
    body = doc.text

    tracked = TrackedChanges()
    region = ChangedRegion(check_grammar=False)
    region.setAttrNS("http://www.w3.org/XML/1998/namespace", "id", "ct1")
    region.setAttrNS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "id", "ct1")
    deletion = Deletion()
    info = ChangeInfo()
    info.addElement(dc.Creator(text="Reviewer One"))
    info.addElement(dc.Date(text="2024-03-01T10:00:00"))
    deletion.addElement(info)
    deletion.addElement(P(text="the mother's partner, Mark Jones,"))
    region.addElement(deletion)
    tracked.addElement(region)
    body.addElement(tracked)

    body.addElement(H(outlinelevel=1, text="1. Introduction"))
    p = P(text="The review looked at the help given to ")
    p.addElement(ChangeMark(changeid="ct1"))
    ann = Annotation()
    ann.addElement(dc.Creator(text="Anna Editor"))
    ann.addElement(dc.Date(text="2024-03-02T09:00:00"))
    ann.addElement(P(text="Check this name before publication"))
    p.addElement(ann)
    p.addElement(Span(text="the family over two years."))
    body.addElement(p)
    body.addElement(H(outlinelevel=2, text="1.1 Key questions"))
    lst = List()
    for q in ("How well was risk assessed?", "Was information shared?"):
        item = ListItem()
        item.addElement(P(text=q))
        lst.addElement(item)
    body.addElement(lst)
    rows = (("Date", "Event"), ("March 2022", "Referral to children's social care"))
    body.addElement(odt_table("Chronology", rows, columns=2))
    body.addElement(H(outlinelevel=1, text="2. Findings"))
    body.addElement(P(text="Practitioners were committed and visited often."))
    doc.save(str(path))
    return path


def test_sniffed_as_odt(tmp_path: Path) -> None:
    assert sniff(build_odt(tmp_path / "review.odt")) == "odt"


def test_headings_lists_tables_in_order(tmp_path: Path) -> None:
    doc = read_document(build_odt(tmp_path / "review.odt"))
    assert doc.format == "odt"
    assert [(s.title, s.level) for s in doc.headings()] == [
        ("Introduction", 1),
        ("Key questions", 2),
        ("Findings", 1),
    ]
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [
        "heading",
        "paragraph",
        "heading",
        "list-item",
        "list-item",
        "table-row",
        "table-row",
        "heading",
        "paragraph",
    ]
    assert doc.blocks[6].cells == ("March 2022", "Referral to children's social care")


def test_comments_and_deletions_out_of_the_body(tmp_path: Path) -> None:
    doc = read_document(build_odt(tmp_path / "review.odt"))
    body = " ".join(b.text for b in doc.blocks)
    assert "Check this name" not in body
    assert "Mark Jones" not in body
    assert doc.blocks[1].text == "The review looked at the help given to the family over two years."
    (comment,) = doc.comments
    assert comment.author == "Anna Editor"
    assert comment.text == "Check this name before publication"
    assert comment.date == "2024-03-02T09:00:00"
    assert comment.blocks == (1,)
    (change,) = doc.changes
    assert (change.kind, change.author) == ("deletion", "Reviewer One")
    assert "Mark Jones" in change.text
    assert doc.track_revisions


def test_metadata_authors(tmp_path: Path) -> None:
    doc = read_document(build_odt(tmp_path / "review.odt"))
    assert doc.metadata.author == "Jane Smith"
    assert doc.metadata.last_modified_by == "John Doe"
    assert doc.metadata.title == "Learning review: Child Q"


def test_odt_named_docx_and_damaged_odt_are_refused(tmp_path: Path) -> None:
    named = tmp_path / "draft.docx"
    named.write_bytes(build_odt(tmp_path / "a.odt").read_bytes())
    with pytest.raises(InputError, match=r"rename it \.odt"):
        sniff(named)
    import zipfile

    broken = tmp_path / "broken.odt"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content")
    with pytest.raises(InputError, match="malformed XML"):
        read_document(broken)
