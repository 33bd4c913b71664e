"""Decide what a file is from its bytes, and refuse what cannot be read, before parsing.

Drafts arrive renamed, password-protected, saved in the 1997 format, as PDFs,
or as zips of something else; python-docx answers all of these with the same
"Package not found". Sniffing the first bytes and the zip directory lets the
user be told what to do in one plain line, and lets a zip bomb be refused
before anything is decompressed. Content beats extension: a Word document
named ``.txt`` is read as Word; a text file named ``.docx`` is refused.
Decoding text is the text reader's job; this module only rejects binary data.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from lcsprlint.errors import InputError

#: Zip bomb guard: refuse a package with more members than this...
MAX_MEMBERS = 10_000
#: ...or declaring more uncompressed bytes than this in total...
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
#: ...or with a member larger than this that is compressed more than MAX_RATIO times.
MAX_MEMBER_UNCOMPRESSED = 10 * 1024 * 1024
MAX_RATIO = 100
#: Bytes read to tell text from binary.
HEAD_BYTES = 8192
#: Bytes at the end of a PDF searched for its end-of-file marker (incremental saves
#: and trailing junk put it a little before the end).
PDF_TAIL_BYTES = 4096
#: Bytes of an OLE compound file searched for stream names.
OLE_SCAN_BYTES = 1024 * 1024

MARKDOWN_EXTENSIONS = frozenset((".md", ".markdown"))
#: Names that promise a Word document: text content under them is refused.
WORD_EXTENSIONS = frozenset((".docx", ".docm", ".dotx", ".dotm", ".doc", ".dot"))

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

#: Main content types of other OOXML packages, most specific first, with the cause to give.
_OTHER_MAINS = (
    (
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "macro-enabled Word file (.docm): save it in Word as a Word Document (.docx)",
    ),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "Word template (.dotx): create a document from it and save that as .docx",
    ),
    (
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        "macro-enabled Word template (.dotm): create a document from it and save that as .docx",
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml",
        "Excel workbook (.xlsx), not a Word document",
    ),
    ("application/vnd.ms-excel", "Excel workbook (.xlsm/.xlsb), not a Word document"),
    (
        "application/vnd.openxmlformats-officedocument.presentationml",
        "PowerPoint presentation (.pptx), not a Word document",
    ),
    ("application/vnd.ms-powerpoint", "PowerPoint presentation, not a Word document"),
)
_SIGNATURES = (
    (b"{\\rtf", "RTF file: open it in Word and save it as .docx"),
    (b"\x89PNG", "PNG image, not a document"),
    (b"\xff\xd8\xff", "JPEG image, not a document"),
    (b"GIF8", "GIF image, not a document"),
    (b"\x1f\x8b", "gzip archive, not a document"),
    (b"7z\xbc\xaf", "7-Zip archive, not a document"),
    (b"Rar!", "RAR archive, not a document"),
)


def sniff(path: Path) -> str:
    """Return "docx", "odt", "pdf", "markdown" or "text" for a readable file, else raise
    InputError. A PDF needs the optional pdf extra (pypdfium2)."""
    where = str(path)
    head = _head(path)
    if head.startswith(_OLE_MAGIC):
        raise InputError(where, _ole_cause(path))
    suffix = path.suffix.lower()
    if head.lstrip().startswith(b"%PDF-"):
        return _pdf(path, suffix)
    if head.startswith(_ZIP_MAGICS):
        if _odt_mimetype(path):
            if suffix in WORD_EXTENSIONS:
                raise InputError(
                    where,
                    f"OpenDocument file (.odt) named {suffix}: rename it .odt to lint it, "
                    "or save it in Word as .docx",
                )
            return "odt"
        check_docx_package(path)
        return "docx"
    for magic, cause in _SIGNATURES:
        if head.startswith(magic):
            raise InputError(where, cause)
    if path.name.startswith("~$"):
        raise InputError(where, "Word lock file (~$...): lint the document itself, not this file")
    if b"\x00" in head and not head.startswith(_UTF16_BOMS) and not _utf16_like(head):
        raise InputError(
            where, "binary file, not text: lcsprlint reads .docx, Markdown and plain text"
        )
    if suffix in WORD_EXTENSIONS:
        raise InputError(
            where,
            f"not a Word document: the file is named {suffix} but holds plain text "
            "(rename it .txt to lint it as text)",
        )
    return "markdown" if suffix in MARKDOWN_EXTENSIONS else "text"


def _pdf(path: Path, suffix: str) -> str:
    """A PDF is read with the optional pdf extra; one named like a Word file is refused,
    as text named .docx is, and one with no end marker is truncated."""
    where = str(path)
    if suffix in WORD_EXTENSIONS:
        raise InputError(
            where, f"PDF file named {suffix}: rename it .pdf to audit it, or lint the Word original"
        )
    from importlib.util import find_spec

    if find_spec("pypdfium2") is None:
        raise InputError(where, "PDF support needs the pdf extra: pip install 'lcsprlint[pdf]'")
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - PDF_TAIL_BYTES))
            tail = fh.read()
    except OSError:
        tail = b""
    if b"%%EOF" not in tail:
        raise InputError(where, "damaged or truncated PDF file: download or export it again")
    return "pdf"


def _odt_mimetype(path: Path) -> bool:
    """Whether a zip is an OpenDocument text (bomb limits checked first); other zips,
    damaged ones included, are left to :func:`check_docx_package` to explain."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _guard_bomb(str(path), infos)
            if "mimetype" not in {info.filename for info in infos}:
                return False
            mimetype = zf.read("mimetype")[:100]
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError, zlib.error):
        return False
    return mimetype.strip() == b"application/vnd.oasis.opendocument.text"


def _utf16_like(head: bytes) -> bool:
    """UTF-16 saved without a BOM: mostly-Latin text has a NUL in most odd (or even) bytes
    and none in the others; the text reader decodes it."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return (odd >= 0.5 * half and even == 0) or (even >= 0.5 * half and odd == 0)


def _head(path: Path) -> bytes:
    where = str(path)
    try:
        if not path.exists():
            raise InputError(where, "file not found")
        if path.is_dir():
            raise InputError(where, "is a folder, not a file")
        if not path.is_file():
            raise InputError(where, "not a regular file")
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError(
            where, f"cannot read the file ({exc.strerror or type(exc).__name__})"
        ) from exc
    if not head:
        raise InputError(where, "empty file")
    return head


def _ole_cause(path: Path) -> str:
    """Tell an encrypted .docx from a legacy .doc: both are OLE compound files."""
    try:
        with path.open("rb") as fh:
            blob = fh.read(OLE_SCAN_BYTES)
    except OSError:
        blob = b""
    if "EncryptedPackage".encode("utf-16-le") in blob:
        return (
            "password-protected Word file: remove the password in Word "
            "(File > Info > Protect Document) and save again"
        )
    if "WordDocument".encode("utf-16-le") in blob:
        return "legacy Word 97-2003 .doc file: open it in Word and save as .docx"
    return "legacy Office file (Excel, PowerPoint or Outlook), not a Word document"


def check_docx_package(path: Path) -> None:
    """Refuse a zip that is damaged, a bomb, or not a Word document, before any parsing."""
    # Here, not at the top: sniff is imported for every check, the OPC reader only for a zip.
    from lcsprlint.readers.opc import CONTENT_TYPES_MEMBER

    where = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _guard_bomb(where, infos)
            if any(info.flag_bits & 0x1 for info in infos):
                raise InputError(
                    where, "password-protected zip archive: save the document again without it"
                )
            names = {info.filename for info in infos}
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:100]
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    raise InputError(
                        where, "OpenDocument file (.odt): open it in Word and save as .docx"
                    )
            if CONTENT_TYPES_MEMBER not in names:
                raise InputError(
                    where, "zip archive that is not a Word document (no [Content_Types].xml)"
                )
            types = zf.read(CONTENT_TYPES_MEMBER)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError, zlib.error) as exc:
        raise InputError(
            where, "damaged or truncated zip: save the document again from Word"
        ) from exc
    cause = _content_type_cause(where, types)
    if cause:
        raise InputError(where, cause)


def _guard_bomb(where: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(where, f"refused: more than {MAX_MEMBERS:,} zip members (zip bomb?)")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_UNCOMPRESSED and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise InputError(
                where,
                f"refused: {info.filename} expands more than {MAX_RATIO} times "
                f"to over {MAX_MEMBER_UNCOMPRESSED // 2**20} MiB (zip bomb?)",
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise InputError(
            where,
            f"refused: over {MAX_TOTAL_UNCOMPRESSED // 2**20} MiB uncompressed (zip bomb?)",
        )


def _content_type_cause(where: str, blob: bytes) -> str | None:
    """None for a Word document; otherwise why this OOXML package is not one."""
    from lcsprlint.readers.docx_ns import CT_WML_DOCUMENT_MAIN  # only for a zip, as above
    from lcsprlint.readers.opc import parser

    try:
        root = etree.fromstring(blob, parser(remove_blank_text=False))
    except etree.XMLSyntaxError:
        return "damaged Word file: malformed XML in [Content_Types].xml"
    types = {el.get("ContentType", "") for el in root.iter() if isinstance(el.tag, str)}
    if CT_WML_DOCUMENT_MAIN in types:
        return None
    for prefix, cause in _OTHER_MAINS:
        if any(t.startswith(prefix) for t in types):
            return cause
    return "zip archive that is not a Word document"
