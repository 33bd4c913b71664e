"""Build .docx fixtures in code: python-docx for the ordinary parts, raw XML for the rest.

python-docx cannot write tracked changes, footnotes, resolved comments, hidden
text or content controls, and real drafts are full of them, so those are
written as raw WordprocessingML here. Every document starts from
:func:`new_document`, which blanks the template's metadata (python-docx's
template says its author is "python-docx", which would trip metadata rules),
and is saved by :func:`save` with fixed zip timestamps so the same input gives
the same bytes.

Import as ``from support.docx_fixtures import ...`` (pytest puts ``tests/`` on
``sys.path``).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
NSDECL = f'xmlns:w="{W_NS}"'
FIXED_DATE = dt.datetime(2024, 1, 15, 9, 30, tzinfo=dt.timezone.utc)
ZIP_DATE = (2024, 1, 15, 9, 30, 0)
DEFAULT_AUTHOR = "Alice Reviewer"
CHANGE_DATE = "2024-01-15T09:30:00Z"

_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_COMMENTS_EX_CT = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
_COMMENTS_EX_RT = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def w(local: str) -> str:
    return f"{{{W_NS}}}{local}"


# --- documents -----------------------------------------------------------------------


def new_document() -> DocxDocument:
    """A blank document with empty metadata and fixed dates (deterministic output)."""
    doc = docx.Document()
    cp = doc.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.comments = ""
    cp.title = ""
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.revision = 1
    # The template's sample body is a single empty paragraph: drop it.
    body = doc.element.body
    for p in list(body.iterchildren(w("p"))):
        body.remove(p)
    return doc


def save(doc: DocxDocument, path: Path) -> Path:
    """Save with fixed zip member timestamps, so equal documents are equal bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    rewrite_zip(buf.getvalue(), path)
    return path


def rewrite_zip(data: bytes, path: Path, replace: dict[str, bytes] | None = None) -> Path:
    """Copy a zip to ``path`` with fixed timestamps, replacing (or, with None, dropping) members."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            blob = replace.get(info.filename, src.read(info.filename))
            if blob is None:
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, blob)
        for name, blob in replace.items():
            if blob is not None and name not in src.namelist():
                zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                zi.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(zi, blob)
    return path


def build_docx(
    path: Path,
    blocks: Sequence[tuple[str, str]],
    *,
    title: str = "",
    author: str = "",
) -> Path:
    """Write a document from ``(kind, text)`` pairs and return its path.

    Kinds: ``title``, ``subtitle``, ``h1``..``h9`` (Heading N style), ``outline1``..
    ``outline9`` (Normal paragraph with an outline level), ``bold`` (wholly bold
    paragraph), ``p`` (plain paragraph), ``bullet``/``number`` (List Bullet/List
    Number), ``toc1``..``toc3`` (TOC N style), ``toc-heading`` and ``table``
    (rows separated by newlines, cells by ``|``).
    """
    doc = new_document()
    doc.core_properties.title = title
    doc.core_properties.author = author
    for kind, text in blocks:
        add_block(doc, kind, text)
    return save(doc, path)


def add_block(doc: DocxDocument, kind: str, text: str) -> Paragraph | None:
    """Add one block of ``kind`` (see :func:`build_docx`); returns the paragraph, if any."""
    if kind == "title":
        return doc.add_paragraph(text, style="Title")
    if kind == "subtitle":
        return doc.add_paragraph(text, style="Subtitle")
    if kind == "p":
        return doc.add_paragraph(text)
    if kind == "bold":
        return add_bold_paragraph(doc, text)
    if kind == "bullet":
        return add_list_item(doc, text, "bullet")
    if kind == "number":
        return add_list_item(doc, text, "number")
    if kind == "table":
        add_table(doc, [row.split("|") for row in text.split("\n")])
        return None
    if kind == "toc-heading":
        return doc.add_paragraph(text, style="TOC Heading")
    if kind.startswith("toc"):
        return doc.add_paragraph(text, style=ensure_style(doc, f"toc {kind[3:]}"))
    if kind.startswith("outline"):
        return add_outline_paragraph(doc, text, int(kind[7:]))
    if kind.startswith("h") and kind[1:].isdigit():
        return doc.add_paragraph(text, style=f"Heading {kind[1:]}")
    raise ValueError(f"unknown block kind {kind!r}")


def ensure_style(
    doc: DocxDocument, name: str, base: str | None = None, *, style_id: str | None = None
) -> str:
    """Add a paragraph style (optionally based on another, with a chosen id) if missing."""
    if any(s.name == name for s in doc.styles):
        return name
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        style.base_style = doc.styles[base]
    if style_id is not None:
        style.element.set(w("styleId"), style_id)
    return name


def add_outline_paragraph(doc: DocxDocument, text: str, level: int) -> Paragraph:
    """A Normal paragraph made a heading only by ``w:outlineLvl`` (level 1-9; 10 = body)."""
    p = doc.add_paragraph(text)
    set_ppr(p._p.get_or_add_pPr(), f'<w:outlineLvl {NSDECL} w:val="{level - 1}"/>')
    return p


def set_style_outline(doc: DocxDocument, style_name: str, level: int) -> None:
    """Give a style an outline level (1-9), so its paragraphs are headings by style."""
    style = doc.styles[style_name]
    set_ppr(style.element.get_or_add_pPr(), f'<w:outlineLvl {NSDECL} w:val="{level - 1}"/>')


def add_bold_paragraph(doc: DocxDocument, text: str) -> Paragraph:
    p = doc.add_paragraph()
    p.add_run(text).bold = True
    return p


def add_list_item(doc: DocxDocument, text: str, kind: str = "bullet", level: int = 1) -> Paragraph:
    """A List Bullet / List Number paragraph (``level`` 1-3 picks "List Bullet 2" etc.)."""
    base = "List Bullet" if kind == "bullet" else "List Number"
    return doc.add_paragraph(text, style=base if level == 1 else f"{base} {level}")


def add_table(
    doc: DocxDocument, rows: Sequence[Sequence[str]], *, merge: Sequence[tuple] = ()
) -> object:
    """A table of text; ``merge`` holds ``((r1, c1), (r2, c2))`` corner pairs to merge."""
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text.strip()
    for a, b in merge:
        table.cell(*a).merge(table.cell(*b))
    return table


def add_raw_paragraph(doc: DocxDocument, inner_xml: str, style: str | None = None) -> Paragraph:
    """A paragraph whose content is raw WordprocessingML (``w:`` prefix bound)."""
    p = doc.add_paragraph(style=style)
    for el in _fragment(inner_xml):
        p._p.append(el)
    return p


def add_raw_body(doc: DocxDocument, xml: str) -> None:
    """Append raw block-level XML (``w:sdt``, ``w:tbl``...) to the body, before sectPr."""
    body = doc.element.body
    sect = body.find(w("sectPr"))
    for el in _fragment(xml):
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)


def run_xml(text: str, *, bold: bool = False, hidden: bool = False, deleted: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:vanish/>" if hidden else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{_esc(text)}</{tag}></w:r>'


def add_hidden_run(paragraph: Paragraph, text: str) -> None:
    for el in _fragment(run_xml(text, hidden=True)):
        paragraph._p.append(el)


# --- tracked changes -------------------------------------------------------------------


def _next_id(paragraph: Paragraph) -> int:
    """A revision id not yet used in the paragraph's story (ids only need to be unique)."""
    root = paragraph._p.getroottree().getroot()
    ids = [el.get(w("id")) for el in root.iter() if el.get(w("id")) is not None]
    used = [int(v) for v in ids if v.lstrip("-").isdigit()]
    return max([100, *used]) + 1


def add_insertion(
    paragraph: Paragraph, text: str, author: str = DEFAULT_AUTHOR, date: str = CHANGE_DATE
) -> None:
    """Append a tracked insertion (``w:ins``) to a paragraph."""
    xml = f'<w:ins w:id="{_next_id(paragraph)}" w:author="{author}" w:date="{date}">'
    xml += run_xml(text) + "</w:ins>"
    for el in _fragment(xml):
        paragraph._p.append(el)


def add_deletion(
    paragraph: Paragraph, text: str, author: str = DEFAULT_AUTHOR, date: str = CHANGE_DATE
) -> None:
    """Append a tracked deletion (``w:del`` with ``w:delText``) to a paragraph."""
    xml = f'<w:del w:id="{_next_id(paragraph)}" w:author="{author}" w:date="{date}">'
    xml += run_xml(text, deleted=True) + "</w:del>"
    for el in _fragment(xml):
        paragraph._p.append(el)


def add_move(paragraph_from: Paragraph, paragraph_to: Paragraph, text: str) -> None:
    """A tracked move: ``w:moveFrom`` in one paragraph, ``w:moveTo`` in another."""
    for p, tag in ((paragraph_from, "moveFrom"), (paragraph_to, "moveTo")):
        xml = (
            f'<w:{tag} w:id="{_next_id(p)}" w:author="{DEFAULT_AUTHOR}" '
            f'w:date="{CHANGE_DATE}">{run_xml(text)}</w:{tag}>'
        )
        for el in _fragment(xml):
            p._p.append(el)


def add_format_change(paragraph: Paragraph, text: str, author: str = DEFAULT_AUTHOR) -> None:
    """A run made bold with tracking on (``w:rPrChange``)."""
    xml = (
        f'<w:r><w:rPr><w:b/><w:rPrChange w:id="{_next_id(paragraph)}" w:author="{author}" '
        f'w:date="{CHANGE_DATE}"><w:rPr/></w:rPrChange></w:rPr><w:t>{_esc(text)}</w:t></w:r>'
    )
    for el in _fragment(xml):
        paragraph._p.append(el)


def set_track_revisions(doc: DocxDocument, on: bool = True) -> None:
    settings = doc.settings.element
    settings.append(make_element(f'<w:trackRevisions {NSDECL} w:val="{"1" if on else "0"}"/>'))


# --- comments, notes, headers, metadata -------------------------------------------------


def add_comment(
    doc: DocxDocument,
    paragraph: Paragraph,
    text: str,
    *,
    author: str = DEFAULT_AUTHOR,
    resolved: bool = False,
) -> str:
    """Comment on all runs of a paragraph; returns the comment id."""
    comment = doc.add_comment(paragraph.runs, text=text, author=author, initials="AR")
    comment._comment_elm.set(w("date"), CHANGE_DATE)
    if resolved:
        mark_resolved(doc, comment)
    return str(comment.comment_id)


def mark_resolved(doc: DocxDocument, comment: object) -> None:
    """Give the comment's last paragraph a ``w14:paraId`` and mark it done in commentsExtended."""
    elm = comment._comment_elm  # type: ignore[attr-defined]
    para_id = f"{0x10000000 + int(elm.get(w('id'))):08X}"
    elm.findall(w("p"))[-1].set(f"{{{W14_NS}}}paraId", para_id)
    part = next(
        (r.target_part for r in doc.part.rels.values() if r.reltype == _COMMENTS_EX_RT), None
    )
    if part is None:
        root = make_element(f'<w15:commentsEx xmlns:w15="{W15_NS}"/>')
        part = XmlPart(
            PackURI("/word/commentsExtended.xml"), _COMMENTS_EX_CT, root, doc.part.package
        )
        doc.part.relate_to(part, _COMMENTS_EX_RT)
    ex = etree.SubElement(part.element, f"{{{W15_NS}}}commentEx")
    ex.set(f"{{{W15_NS}}}paraId", para_id)
    ex.set(f"{{{W15_NS}}}done", "1")


def add_footnote(doc: DocxDocument, paragraph: Paragraph, text: str) -> None:
    """Add a footnote referenced from a paragraph (raw part: python-docx cannot)."""
    part = next((r.target_part for r in doc.part.rels.values() if r.reltype == RT.FOOTNOTES), None)
    if part is None:
        root = make_element(
            f"<w:footnotes {NSDECL}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
        )
        part = XmlPart(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, root, doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
    note_id = len(part.element.findall(w("footnote"))) - 1
    part.element.append(
        make_element(
            f'<w:footnote {NSDECL} w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {_esc(text)}</w:t></w:r></w:p></w:footnote>'
        )
    )
    paragraph._p.append(
        make_element(f'<w:r {NSDECL}><w:footnoteReference w:id="{note_id}"/></w:r>')
    )


def set_header_footer(doc: DocxDocument, header: str = "", footer: str = "") -> None:
    section = doc.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer


def set_app_properties(doc: DocxDocument, **fields: str) -> None:
    """Set ``docProps/app.xml`` fields such as Company and Manager."""
    part = doc.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    root = etree.fromstring(part.blob)
    ns = root.nsmap[None]
    for name, value in fields.items():
        el = root.find(f"{{{ns}}}{name}")
        if el is None:
            el = etree.SubElement(root, f"{{{ns}}}{name}")
        el.text = value
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- inputs that must be refused ------------------------------------------------------------


def ole_stub(path: Path, stream_names: Sequence[str]) -> Path:
    """An OLE2 compound-file lookalike holding the given UTF-16LE stream names."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    names = b"".join(
        n.encode("utf-16-le").ljust(64, b"\x00") for n in ["Root Entry", *stream_names]
    )
    path.write_bytes(header + names + b"\x00" * 512)
    return path


def write_encrypted_docx(path: Path) -> Path:
    return ole_stub(path, ["EncryptionInfo", "EncryptedPackage"])


def write_legacy_doc(path: Path) -> Path:
    return ole_stub(path, ["WordDocument", "1Table", "SummaryInformation"])


def docx_bytes(blocks: Sequence[tuple[str, str]] = (("p", "Some text."),)) -> bytes:
    doc = new_document()
    for kind, text in blocks:
        add_block(doc, kind, text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_truncated_docx(path: Path) -> Path:
    data = docx_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def write_malformed_docx(path: Path, member: str = "word/document.xml") -> Path:
    """A package whose ``member`` is not well-formed XML."""
    return rewrite_zip(docx_bytes(), path, {member: b"<w:document><w:body><w:p></w:body>"})


def write_with_content_type(path: Path, main_type: str) -> Path:
    """A valid package whose main part claims another content type (.docm, .dotx...)."""
    data = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").decode()
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return rewrite_zip(data, path, {"[Content_Types].xml": types.replace(word, main_type).encode()})


DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOTX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def write_xlsx_like(path: Path) -> Path:
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns='
        '"http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    return _write_zip(path, {"[Content_Types].xml": types, "xl/workbook.xml": "<workbook/>"})


def write_odt_like(path: Path) -> Path:
    return _write_zip(
        path,
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
    )


def write_plain_zip(path: Path) -> Path:
    """A zip with no ``[Content_Types].xml``."""
    return _write_zip(path, {"notes.txt": "hello"})


def write_zip_bomb(path: Path, kind: str = "ratio") -> Path:
    """A zip that declares too much: ``ratio`` (one highly compressed 11 MiB member),
    ``total`` (21 members declaring 10 MiB each) or ``members`` (10,001 members).

    Sizes are declared by patching the central directory, as an attacker would;
    nothing large is ever written or read.
    """
    if kind == "members":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(_info("[Content_Types].xml"), "")
            for i in range(10_001):
                zf.writestr(_info(f"m/{i}"), "")
        return path
    members = {"[Content_Types].xml": "<Types/>"}
    sizes = {}
    if kind == "ratio":
        members["word/document.xml"] = "x" * 1000
        sizes["word/document.xml"] = 11 * 2**20
    else:
        for i in range(21):
            members[f"word/media/image{i}.bin"] = "y" * 1000
            sizes[f"word/media/image{i}.bin"] = 10 * 2**20
    _write_zip(path, members, deflate=True)
    _patch_declared_sizes(path, sizes)
    return path


def _info(name: str) -> zipfile.ZipInfo:
    return zipfile.ZipInfo(name, date_time=ZIP_DATE)


def _write_zip(path: Path, members: dict[str, str], deflate: bool = False) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zi = _info(name)
            if deflate:
                zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, text)
    return path


def _patch_declared_sizes(path: Path, sizes: dict[str, int]) -> None:
    """Rewrite the uncompressed size of members in the zip's central directory."""
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        name = bytes(data[pos + 46 : pos + 46 + name_len]).decode()
        if name in sizes:
            struct.pack_into("<I", data, pos + 24, sizes[name])
        pos = data.find(b"PK\x01\x02", pos + 46 + name_len + extra_len + comment_len)
    path.write_bytes(bytes(data))


# --- internals ------------------------------------------------------------------------------


#: Child order of ``w:pPr`` in the schema (ECMA-376 CT_PPr).
_PPR_ORDER = tuple(
    f"w:{t}"
    for t in [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)


def set_ppr(ppr: etree._Element, xml: str) -> None:
    """Insert a paragraph property in schema order (Word rejects out-of-order ``w:pPr``)."""
    el = make_element(xml)
    local = el.tag.split("}")[1]
    successors = _PPR_ORDER[_PPR_ORDER.index(f"w:{local}") + 1 :]
    ppr.remove_all(f"w:{local}")
    ppr.insert_element_before(el, *successors)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_element(xml: str) -> etree._Element:
    return parse_xml(xml)


def _fragment(xml: str) -> list[etree._Element]:
    wrapper = parse_xml(f"<w:wrapper {NSDECL}>{xml}</w:wrapper>")
    return list(wrapper)


# --- numbering ---------------------------------------------------------------------------


def add_numbering(doc: DocxDocument, levels: Sequence[tuple[str, str]]) -> str:
    """Define a list: one ``(numFmt, lvlText)`` per level, e.g. ``("decimal", "%1.%2")``.

    Returns the new ``numId`` to pass to :func:`set_numbering`.
    """
    numbering = doc.part.numbering_part.element
    abstract_ids = [
        int(a.get(w("abstractNumId"))) for a in numbering.iterchildren(w("abstractNum"))
    ]
    num_ids = [int(n.get(w("numId"))) for n in numbering.iterchildren(w("num"))]
    abstract_id, num_id = max([0, *abstract_ids]) + 1, max([0, *num_ids]) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = make_element(
        f'<w:abstractNum {NSDECL} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        make_element(
            f'<w:num {NSDECL} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return str(num_id)


def set_numbering(paragraph: Paragraph, num_id: str, ilvl: int = 0) -> None:
    """Number a paragraph with list ``num_id`` at level ``ilvl`` (0-based); "0" removes it."""
    set_ppr(
        paragraph._p.get_or_add_pPr(),
        f'<w:numPr {NSDECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>',
    )
