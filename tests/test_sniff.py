"""Format sniffing: content decides, and every unreadable input gets a plain one-line cause."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.docx_fixtures import (
    DOCM_TYPE,
    DOTX_TYPE,
    build_docx,
    ole_stub,
    write_encrypted_docx,
    write_legacy_doc,
    write_odt_like,
    write_plain_zip,
    write_truncated_docx,
    write_with_content_type,
    write_xlsx_like,
    write_zip_bomb,
)

from lcsprlint.errors import InputError
from lcsprlint.readers import sniff as sniff_module
from lcsprlint.readers.sniff import sniff


def test_docx_is_docx(tmp_path: Path) -> None:
    assert sniff(build_docx(tmp_path / "a.docx", [("p", "Text.")])) == "docx"


def test_content_beats_extension_for_a_docx_named_txt(tmp_path: Path) -> None:
    assert sniff(build_docx(tmp_path / "draft.txt", [("p", "Text.")])) == "docx"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("draft.md", "markdown"),
        ("draft.MARKDOWN", "markdown"),
        ("draft.txt", "text"),
        ("draft.log", "text"),
        ("README", "text"),
    ],
)
def test_text_formats_follow_the_extension(tmp_path: Path, name: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text("# Title\n\nSome words.\n", encoding="utf-8")
    assert sniff(path) == expected


def test_utf16_text_with_bom_is_text_despite_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes("Introduction\n\nSome words.".encode("utf-16"))
    assert b"\x00" in path.read_bytes()
    assert sniff(path) == "text"


def _missing(tmp: Path) -> Path:
    return tmp / "nope.docx"


def _folder(tmp: Path) -> Path:
    (tmp / "folder.docx").mkdir()
    return tmp / "folder.docx"


def _empty(tmp: Path) -> Path:
    (tmp / "empty.docx").write_bytes(b"")
    return tmp / "empty.docx"


def _pdf(tmp: Path) -> Path:
    (tmp / "report.docx").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return tmp / "report.docx"


def _binary(tmp: Path) -> Path:
    (tmp / "data.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    return tmp / "data.txt"


def _text_named_docx(tmp: Path) -> Path:
    (tmp / "draft.docx").write_text("Introduction\n\nJust text.", encoding="utf-8")
    return tmp / "draft.docx"


def _rtf(tmp: Path) -> Path:
    (tmp / "draft.doc").write_text("{\\rtf1\\ansi Hello}", encoding="ascii")
    return tmp / "draft.doc"


def _lock_file(tmp: Path) -> Path:
    (tmp / "~$draft.docx").write_bytes(b"\x05alice" + b"\x00" * 40)
    return tmp / "~$draft.docx"


def _other_ole(tmp: Path) -> Path:
    return ole_stub(tmp / "book.xls", ["Workbook", "SummaryInformation"])


def _pptx(tmp: Path) -> Path:
    return write_with_content_type(
        tmp / "slides.docx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    )


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", _missing, "file not found"),
    ("folder", _folder, "is a folder, not a file"),
    ("empty", _empty, "empty file"),
    ("encrypted", lambda t: write_encrypted_docx(t / "locked.docx"), "password-protected Word"),
    ("legacy", lambda t: write_legacy_doc(t / "old.doc"), "legacy Word 97-2003 .doc"),
    ("other-ole", _other_ole, "legacy Office file"),
    ("pdf", _pdf, "PDF file"),
    ("xlsx", lambda t: write_xlsx_like(t / "book.docx"), "Excel workbook"),
    ("pptx", _pptx, "PowerPoint presentation"),
    ("odt", lambda t: write_odt_like(t / "draft.docx"), "OpenDocument file (.odt)"),
    ("docm", lambda t: write_with_content_type(t / "m.docx", DOCM_TYPE), "macro-enabled Word"),
    ("dotx", lambda t: write_with_content_type(t / "t.docx", DOTX_TYPE), "Word template"),
    ("plain-zip", lambda t: write_plain_zip(t / "a.docx"), "no [Content_Types].xml"),
    ("truncated", lambda t: write_truncated_docx(t / "cut.docx"), "damaged or truncated zip"),
    ("bomb-ratio", lambda t: write_zip_bomb(t / "b.docx", "ratio"), "expands more than 100"),
    ("bomb-total", lambda t: write_zip_bomb(t / "b.docx", "total"), "over 200 MiB"),
    ("bomb-members", lambda t: write_zip_bomb(t / "b.docx", "members"), "10,000 zip members"),
    ("binary", _binary, "binary file, not text"),
    ("text-named-docx", _text_named_docx, "not a Word document"),
    ("rtf", _rtf, "RTF file"),
    ("lock-file", _lock_file, "Word lock file"),
]


@pytest.mark.parametrize(("make", "cause"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_unreadable_inputs_are_refused_with_a_plain_cause(
    tmp_path: Path, make: Callable[[Path], Path], cause: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        sniff(path)
    err = info.value
    assert cause in err.cause
    assert err.path == str(path)
    assert "\n" not in str(err)


def test_bomb_limits_are_module_constants(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_docx(tmp_path / "a.docx", [("p", "Text.")])
    with zipfile.ZipFile(path) as zf:
        members = len(zf.infolist())
    monkeypatch.setattr(sniff_module, "MAX_MEMBERS", members - 1)
    with pytest.raises(InputError, match="zip members"):
        sniff(path)
    monkeypatch.setattr(sniff_module, "MAX_MEMBERS", members)
    assert sniff(path) == "docx"


def test_bomb_is_refused_from_declared_sizes_without_reading_members(tmp_path: Path) -> None:
    path = write_zip_bomb(tmp_path / "b.docx", "ratio")
    assert path.stat().st_size < 10_000
    with pytest.raises(InputError, match="zip bomb"):
        sniff(path)


def test_errors_never_quote_document_text(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    path.write_text("Jane Bloggs lives at 1 High Street", encoding="utf-8")
    with pytest.raises(InputError) as info:
        sniff(path)
    assert "Bloggs" not in str(info.value)


def test_zip_level_password_is_named(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "a.docx", [("p", "Text.")])
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")  # first central directory entry: set "encrypted"
    data[pos + 8] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="password-protected zip"):
        sniff(path)
