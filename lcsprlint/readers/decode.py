"""Bytes to text for the Markdown and plain-text readers.

Drafts reach the linter from Word "Save as text", from e-mail attachments and
from old Windows tools, so they arrive as UTF-8 (with or without a BOM),
UTF-16 with a BOM, or a Windows code page. We never guess wildly: a BOM is
trusted, valid UTF-8 is UTF-8, and anything else is read as Windows-1252 (the
code page such files almost always use), falling back to Latin-1 for the five
bytes cp1252 leaves undefined, so reading never fails on encoding alone.

Line endings are normalised to ``"\\n"`` so that line numbers count the same
whatever system wrote the file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from lcsprlint.errors import InputError

#: Largest text or Markdown file we read; larger files are refused, not truncated.
MAX_TEXT_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _cp1252_table() -> dict[int, str]:
    """Map Latin-1's C1 controls to the cp1252 characters those bytes stand for."""
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # undefined in cp1252: keep the Latin-1 reading
    return table


_CP1252 = _cp1252_table()

#: Line separators other than "\n": CRLF and CR are handled first, then these
#: (vertical tab is Word's manual line break in "Save as text"; form feed a page break).
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n"})


def decode_bytes(data: bytes, path: str | None = None) -> str:
    """Decode a text file's bytes and normalise its line endings to ``"\\n"``.

    Raises :class:`InputError` for data that is not text at all (NUL bytes
    outside a UTF-16/32 encoding), so a renamed binary file is named as such
    rather than linted as gibberish.
    """
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    if text is None:
        if b"\x00" in data:
            text = _utf16_without_bom(data)
            if text is None:
                raise InputError(path, "binary data, not a text file")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("latin-1").translate(_CP1252)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() or "\x0b" in text or "\x0c" in text:
        text = text.translate(_LINE_BREAKS)
    return text.lstrip("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: mostly-ASCII text has NULs in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    odd_nuls = data[1::2].count(0)
    even_nuls = data[0::2].count(0)
    half = len(data) // 2
    if odd_nuls >= 0.3 * half and even_nuls == 0:
        encoding = "utf-16-le"
    elif even_nuls >= 0.3 * half and odd_nuls == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def read_text_file(path: Path) -> str:
    """Read a text or Markdown file as ``str`` (see module docstring), or raise InputError."""
    name = str(path)
    too_big = f"file is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MiB, not read"
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(name, too_big)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or type(exc).__name__})") from None
    if len(data) > MAX_TEXT_BYTES:  # grew between stat and read
        raise InputError(name, too_big)
    return decode_bytes(data, name)
