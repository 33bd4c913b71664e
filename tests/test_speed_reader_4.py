"""Guards for the project's own OPC reader (issue 12): a check no longer imports python-docx.

``lcsprlint.readers.opc`` replaced python-docx's package reader when reading a
.docx. python-docx is still the reference here: on every fuzz family and on
packages damaged by hand, the light package must be refused with the same
message as python-docx's ``Document()`` (as ``annotate`` opens it), or hold
the same parts, content types, relationships, trees and core properties. The
core properties are also compared with python-docx's on odd text and dates.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgreader import PackageReader
from docx.oxml.coreprops import CT_CoreProperties
from docx.oxml.parser import parse_xml as docx_parse_xml
from docx.styles import BabelFish
from hostile.test_fuzz_docx import BASE, FAMILIES, PARTS
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_speed_reader import outcome, same_parts

from lcsprlint.errors import InputError
from lcsprlint.readers import docx_ns, docx_styles, opc
from lcsprlint.readers.docx_parts import open_package, open_word_package

ROOT = Path(__file__).resolve().parent.parent
#: Every core property lcsprlint reads (``PartReader.metadata``).
CORE_PROPS = (
    "title",
    "subject",
    "author",
    "last_modified_by",
    "created",
    "modified",
    "keywords",
    "comments",
)


def _prop(core: object, name: str) -> Any:
    """A core property as ``Metadata`` holds it ("" is None), or None where python-docx
    cannot read it (an empty date, a ``core.xml`` in the wrong namespace)."""
    try:
        return getattr(core, name) or None
    except (AttributeError, TypeError, ValueError):
        return None


def _same_package(path: Path) -> str:
    """The light package holds what python-docx's Document() did, or is refused alike.

    Returns the refusal, or "read", so callers can check the case was the one meant.
    """
    old = outcome(open_package, path)
    new = outcome(open_word_package, path)
    if isinstance(old, str) or isinstance(new, str):
        assert new == old
        return str(new)
    # The same walk, in the same order (a part reached only through a relationship
    # whose Id was used again later is read, but python-docx's iter_parts skips it).
    walked = [str(name) for name, *_ in PackageReader.from_file(str(path)).iter_sparts()]
    assert list(new.parts) == walked
    parts = {str(p.partname): p for p in old.part.package.iter_parts()}
    assert set(parts) <= set(new.parts)
    assert new.main.name == str(old.part.partname)
    assert new.rels == {
        rid: (r.reltype, None if r.is_external else str(r.target_part.partname))
        for rid, r in old.part.package.rels.items()
    }
    same_parts(new, parts, CORE_PROPS, _prop)
    return "read"


# --------------------------------------------------------------------------- fuzz families


@pytest.mark.parametrize(("family", "mutate", "cases"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_fuzz_families_are_read_or_refused_as_python_docx_did(
    tmp_path: Path, family: str, mutate: object, cases: int
) -> None:
    """Seeds of their own, so these are other cases than test_speed_reader's."""
    rng = random.Random(f"opc-reader-{family}")
    path = tmp_path / "draft.docx"
    for i in range(cases):
        path.write_bytes(mutate(rng, i))  # type: ignore[operator]
        _same_package(path)


def test_the_base_draft(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(BASE)
    assert _same_package(path) == "read"


# --------------------------------------------------------------------------- damaged by hand

MEMBERS = {info.filename: blob for info, blob in PARTS}
TYPES = "[Content_Types].xml"
DOC_RELS = "word/_rels/document.xml.rels"
PKG_RELS = "_rels/.rels"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 15, 9, 30, 0)), blob)
    return buf.getvalue()


def _edit(name: str, old: str, new: str, members: dict[str, bytes] | None = None) -> dict:
    out = dict(MEMBERS if members is None else members)
    text = out[name].decode()
    assert old in text, (name, old)
    out[name] = text.replace(old, new, 1).encode()
    return out


def _without(*names: str) -> dict[str, bytes]:
    return {k: v for k, v in MEMBERS.items() if k not in names}


def _add_rel(rels_name: str, rel: str, members: dict[str, bytes] | None = None) -> dict:
    return _edit(rels_name, "</Relationships>", rel + "</Relationships>", members)


_STYLES_RT = RT.STYLES
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

#: (case, members, what it must come to: "read" or a fragment of the refusal).
HAND_DAMAGED: list[tuple[str, dict[str, bytes], str]] = [
    ("no-content-types", _without(TYPES), "no [Content_Types].xml"),
    ("no-package-rels", _without(PKG_RELS), "officeDocument is missing"),
    ("no-main-part", _without("word/document.xml"), "word/document.xml is missing"),
    ("no-styles-part", _without("word/styles.xml"), "word/styles.xml is missing"),
    ("no-document-rels", _without(DOC_RELS), "read"),
    (
        "no-content-type-for-a-part",
        _edit(
            TYPES,
            '<Override PartName="/word/settings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.settings+xml"/>',
            "",
            _edit(TYPES, '<Default Extension="xml" ContentType="application/xml"/>', ""),
        ),
        "/word/settings.xml is missing",
    ),
    (
        "override-without-content-type",
        _edit(
            TYPES, 'PartName="/word/settings.xml" ContentType', 'PartName="/word/settings.xml" X'
        ),
        "read",
    ),
    (
        "override-without-part-name",
        _edit(TYPES, 'PartName="/word/settings.xml"', ""),
        "content types or relationships are invalid",
    ),
    (
        "default-without-extension",
        _edit(TYPES, 'Extension="jpeg"', ""),
        "content types or relationships are invalid",
    ),
    (
        "override-in-upper-case",
        _edit(TYPES, 'PartName="/word/document.xml"', 'PartName="/WORD/DOCUMENT.XML"'),
        "read",
    ),
    ("default-in-upper-case", _edit(TYPES, 'Extension="xml"', 'Extension="XML"'), "read"),
    (
        "target-case-differs-from-member",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target="Styles.xml"'),
        "word/Styles.xml is missing",
    ),
    (
        "member-name-in-upper-case",
        {("WORD/STYLES.XML" if k == "word/styles.xml" else k): v for k, v in MEMBERS.items()},
        "word/styles.xml is missing",
    ),
    (
        "content-types-root-renamed",
        _edit(TYPES, "<Types ", "<Typez ", _edit(TYPES, "</Types>", "</Typez>")),
        "content types or relationships are invalid",
    ),
    (
        "rels-root-in-another-namespace",
        _edit(DOC_RELS, "package/2006/relationships", "package/2006/other"),
        "content types or relationships are invalid",
    ),
    (
        "rel-without-target",
        _edit(DOC_RELS, 'Target="settings.xml"', ""),
        "content types or relationships are invalid",
    ),
    (
        "external-rel-without-target",
        _add_rel(DOC_RELS, f'<Relationship Id="rId90" Type="{_HYPERLINK}" TargetMode="External"/>'),
        "read",
    ),
    (
        "external-hyperlink",
        _add_rel(
            DOC_RELS,
            f'<Relationship Id="rId90" Type="{_HYPERLINK}" Target="https://example.org/a?b=c"'
            ' TargetMode="External"/>',
        ),
        "read",
    ),
    (
        "external-mode-in-lower-case",
        _add_rel(
            DOC_RELS,
            f'<Relationship Id="rId90" Type="{_HYPERLINK}" Target="https://example.org/"'
            ' TargetMode="external"/>',
        ),
        "https:/example.org is missing",
    ),
    (
        "external-main-document",
        _edit(
            PKG_RELS,
            'Target="word/document.xml"',
            'Target="word/document.xml" TargetMode="External"',
        ),
        "its main part is not a Word body",
    ),
    (
        "two-main-documents",
        _add_rel(
            PKG_RELS,
            f'<Relationship Id="rId9" Type="{RT.OFFICE_DOCUMENT}" Target="word/document.xml"/>',
        ),
        "its main part is not a Word body",
    ),
    (
        "main-document-of-another-type",
        _edit(TYPES, "wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml"),
        "Word template",
    ),
    (
        "absolute-target",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target="/word/styles.xml"'),
        "read",
    ),
    (
        "dot-and-dot-dot-targets",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target="./../word/./styles.xml"'),
        "read",
    ),
    (
        "dot-dot-above-the-package-root",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target="../../../../word/styles.xml"'),
        "read",
    ),
    (
        "empty-target",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target=""'),
        "damaged Word file: word is missing",
    ),
    (
        "root-target",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target="/"'),
        "a required part is missing",
    ),
    (
        "double-slash-target",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target="//styles.xml"'),
        "is missing",
    ),
    (
        "target-with-a-quote",
        _edit(DOC_RELS, 'Target="styles.xml"', 'Target="sty\'les.xml"'),
        "is missing",
    ),
    (
        "rel-to-no-part",
        _add_rel(DOC_RELS, f'<Relationship Id="rId90" Type="{_STYLES_RT}" Target="nothing.xml"/>'),
        "word/nothing.xml is missing",
    ),
    (
        "orphan-rels-item",
        {**MEMBERS, "word/_rels/nothing.xml.rels": MEMBERS[DOC_RELS]},
        "read",
    ),
    (
        "duplicate-ids",
        _add_rel(
            DOC_RELS,
            f'<Relationship Id="rId3" Type="{_STYLES_RT}" Target="stylesWithEffects.xml"/>',
        ),
        "read",
    ),
    (
        "duplicate-id-to-a-missing-part",
        _edit(
            DOC_RELS,
            '<Relationship Id="rId3"',
            f'<Relationship Id="rId3" Type="{_STYLES_RT}" Target="gone.xml"/>'
            '<Relationship Id="rId3"',
        ),
        "word/gone.xml is missing",
    ),
    (
        "rel-without-id-or-type",
        _add_rel(DOC_RELS, '<Relationship Target="webSettings.xml"/>'),
        "read",
    ),
    (
        "rels-that-loop",
        _add_rel(
            "customXml/_rels/item1.xml.rels",
            f'<Relationship Id="rId9" Type="{_STYLES_RT}" Target="../word/document.xml"/>',
        ),
        "read",
    ),
    (
        "image-rel-to-a-parsed-type",
        _add_rel(DOC_RELS, f'<Relationship Id="rId90" Type="{RT.IMAGE}" Target="header1.xml"/>'),
        "read",
    ),
    (
        "image-rel-first-to-malformed-xml",
        _add_rel(
            DOC_RELS,
            f'<Relationship Id="rId90" Type="{RT.IMAGE}" Target="broken.xml"/>',
            {
                **_edit(
                    TYPES,
                    "</Types>",
                    f'<Override PartName="/word/broken.xml" ContentType="{CT.WML_HEADER}"/>'
                    "</Types>",
                ),
                "word/broken.xml": b"<w:hdr",
            },
        ),
        "read",
    ),
    (
        "missing-part-before-a-rel-without-target",
        _add_rel(
            PKG_RELS,
            f'<Relationship Id="rId8" Type="{_STYLES_RT}"/>',
            _edit(PKG_RELS, 'Target="docProps/core.xml"', 'Target="docProps/gone.xml"'),
        ),
        "docProps/gone.xml is missing",
    ),
    (
        "malformed-part-and-a-missing-part-later",
        _edit(
            "word/styles.xml",
            "<w:styles",
            "<w:styles <",
            _edit(DOC_RELS, 'Target="footer1.xml"', 'Target="gone.xml"'),
        ),
        "word/gone.xml is missing",
    ),
    ("malformed-rels", _edit(DOC_RELS, "<Relationships", "<Relationships <"), "malformed XML"),
    ("malformed-content-types", _edit(TYPES, "<Types", "<Types <"), "malformed XML"),
    ("malformed-core", _edit("docProps/core.xml", "<cp:coreProperties", "<<"), "malformed XML"),
    (
        "core-in-another-namespace",
        _edit("docProps/core.xml", "package/2006/metadata/core-properties", "urn:x"),
        "read",
    ),
    (
        "entity-in-a-part",
        _edit(
            "word/document.xml",
            "<w:document",
            '<!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document',
        ),
        "read",
    ),
]


@pytest.mark.parametrize(
    ("case", "members", "expect"), HAND_DAMAGED, ids=[c[0] for c in HAND_DAMAGED]
)
def test_hand_damaged_packages(
    tmp_path: Path, case: str, members: dict[str, bytes], expect: str
) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(_zip(members))
    got = _same_package(path)
    assert expect in got, got


def test_a_folder_instead_of_a_zip(tmp_path: Path) -> None:
    folder = tmp_path / "draft.docx"
    folder.mkdir()
    for name, blob in MEMBERS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(blob)
    assert "folder" in _same_package(folder)
    # Called without sniffing first, both refuse it as a damaged zip.
    with pytest.raises(InputError) as mine:
        open_word_package(folder)
    with pytest.raises(InputError) as theirs:
        open_package(folder)
    assert str(mine.value) == str(theirs.value)


def test_reads_what_python_docx_package_reader_walks(tmp_path: Path) -> None:
    """The walk itself: the same parts, in the same order, with the same content types."""
    path = tmp_path / "draft.docx"
    path.write_bytes(_zip(HAND_DAMAGED[[c[0] for c in HAND_DAMAGED].index("rels-that-loop")][1]))
    theirs = PackageReader.from_file(str(path))
    _rels, parts = opc.read_package(str(path))
    assert [(str(n), ct, rt) for n, ct, rt, _ in theirs.iter_sparts()] == [
        (p.name, p.content_type, p.reltype) for p in parts.values()
    ]
    assert [p.blob for p in parts.values()] == [b for *_, b in theirs.iter_sparts()]


# --------------------------------------------------------------------------- core properties


def _core_xml(body: str, root: str = "cp:coreProperties") -> bytes:
    return (
        f'<{root} xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/">'
        f"{body}</{root}>"
    ).encode()


def _theirs(blob: bytes) -> object:
    from docx.opc.coreprops import CoreProperties

    return CoreProperties(docx_parse_xml(blob))


CORE_BODIES = [
    "",
    "<dc:title/><dc:creator></dc:creator>",
    "<dc:title>  </dc:title><dc:subject>\n</dc:subject>",
    "<dc:title>Child <!-- c -->A</dc:title><dc:creator><x/>after</dc:creator>",
    "<dc:title>one</dc:title><dc:title>two</dc:title>",
    "<cp:keywords><![CDATA[a <b>]]></cp:keywords><dc:description>&amp;&#x202e;</dc:description>",
    "<cp:lastModifiedBy>\u00e9\u200b</cp:lastModifiedBy>",
    "<dcterms:created/><dcterms:modified>  </dcterms:modified>",
    "<dcterms:created>2024-01-15T09:30:00Z</dcterms:created>",
    "<dcterms:created>2024-01-15T09:30:00-08:00</dcterms:created>",
    "<dcterms:created>2024-01-15T09:30:00+05:30</dcterms:created>",
    "<dcterms:created>2024-01-15T09:30:00.123Z</dcterms:created>",
    "<dcterms:created>2024-01-15</dcterms:created><dcterms:modified>2024-01</dcterms:modified>",
    "<dcterms:created>2024</dcterms:created><dcterms:modified>24</dcterms:modified>",
    "<dcterms:created>2024-13-45T99:99:99Z</dcterms:created>",
    "<dcterms:created>2024-01-15T09:30:00x05:30</dcterms:created>",
]


@pytest.mark.parametrize("body", CORE_BODIES)
def test_core_properties_as_python_docx_read_them(body: str) -> None:
    blob = _core_xml(body)
    mine = opc.CoreProperties.from_xml(etree.fromstring(blob, opc.parser()))
    theirs = _theirs(blob)
    for prop in CORE_PROPS:
        assert _prop(mine, prop) == _prop(theirs, prop), prop
        try:
            expected = getattr(theirs, prop)
        except TypeError:  # python-docx on an empty date element; lcsprlint read None
            expected = None
        assert getattr(mine, prop) == expected, prop


def test_core_properties_of_a_root_python_docx_does_not_know() -> None:
    blob = _core_xml("<dc:title>T</dc:title>", root="cp:other")
    mine = opc.CoreProperties.from_xml(etree.fromstring(blob, opc.parser()))
    theirs = _theirs(blob)
    for prop in CORE_PROPS:
        assert _prop(mine, prop) is None
        assert _prop(theirs, prop) is None


def _their_date(text: str) -> datetime | str | None:
    try:
        return CT_CoreProperties._parse_W3CDTF_to_datetime(text)
    except ValueError:
        return None
    except OverflowError:
        return "overflow"


_DATE_CHARS = "0123456789-:T+Z. \u0663x"


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=_DATE_CHARS, max_size=28)
    | st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%S"))
    | st.tuples(st.integers(0, 9999), *[st.integers(0, 99)] * 5).map(
        lambda t: "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*t)
    )
    | st.tuples(
        st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%S")),
        st.sampled_from("+-"),
        st.integers(0, 99),
        st.integers(0, 99),
    ).map(lambda t: f"{t[0]}{t[1]}{t[2]:02d}:{t[3]:02d}")
)
def test_w3cdtf_dates_as_python_docx_read_them(text: str) -> None:
    theirs = _their_date(text)
    mine = opc.w3cdtf(text)
    if theirs == "overflow":  # python-docx raised (the draft was refused); now the date is dropped
        assert mine is None
    else:
        assert mine == theirs


# --------------------------------------------------------------------------- no python-docx


def test_reading_a_docx_imports_no_docx_module(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(BASE)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lcsprlint.readers import read_document\n"
        f"doc = read_document(Path({str(path)!r}))\n"
        "assert doc.blocks and doc.comments\n"
        "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_the_constants_are_python_docx_s() -> None:
    assert opc.RT_OFFICE_DOCUMENT == RT.OFFICE_DOCUMENT
    assert opc.RT_CORE_PROPERTIES == RT.CORE_PROPERTIES
    assert opc.RT_EXTENDED_PROPERTIES == RT.EXTENDED_PROPERTIES
    assert opc.RT_IMAGE == RT.IMAGE
    assert opc.CT_CORE_PROPERTIES == CT.OPC_CORE_PROPERTIES
    for name in (
        "COMMENTS",
        "ENDNOTES",
        "FOOTER",
        "FOOTNOTES",
        "HEADER",
        "NUMBERING",
        "SETTINGS",
        "STYLES",
    ):
        assert getattr(docx_ns, f"RT_{name}") == getattr(RT, name)
    for name in (
        "COMMENTS",
        "DOCUMENT_MAIN",
        "FOOTER",
        "HEADER",
        "NUMBERING",
        "SETTINGS",
        "STYLES",
    ):
        assert getattr(docx_ns, f"CT_WML_{name}") == getattr(CT, f"WML_{name}")


@pytest.mark.parametrize(
    "name",
    [
        "heading 1",
        "heading 9",
        "Heading 1",
        "heading 10",
        "caption",
        "Caption",
        "header",
        "footer",
        "title",
        "Normal",
        "toc 1",
        "HEADING 1",
        "",
    ],
)
def test_style_names_shown_as_word_shows_them(name: str) -> None:
    assert docx_styles._UI_NAMES.get(name, name) == BabelFish.internal2ui(name)
