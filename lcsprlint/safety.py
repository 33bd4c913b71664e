"""Small guards that keep hostile input from breaking, flooding or leaking.

Drafts come from many agencies and sweeps run unattended over shared folders,
so three things are checked here rather than trusted:

* :func:`one_line` makes any text safe to put on one line of a log: a zip
  member or file name can hold newlines (which would forge further
  ``lcsprlint: ...`` lines) or terminal escape sequences;
* :func:`check_zip_members` inflates every member of a package once, in
  small chunks, before python-docx reads it. The declared sizes are checked
  by the sniffer, but a package can lie about them: CPython's ``zipfile``
  stops at the declared size only *after* inflating a whole member in one
  call, so a 200 KB file declaring small sizes can still take gigabytes;
* :func:`withhold_document_text` takes document text out of a finding's
  message and location when the user asked for no snippets (``--no-snippets``):
  kinds fill messages with what they matched (``{match}``, ``{section}``,
  a comment's author) and locations name headings, so leaving out the
  snippet alone is not enough for a shared CI log.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from lcsprlint.errors import InputError, LintError
from lcsprlint.model import Document
from lcsprlint.results import Location
from lcsprlint.textutil import LazyPattern

# --------------------------------------------------------------------------- one line

#: C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional
#: overrides and isolates that can make a line read differently from what it holds.
_UNSAFE = LazyPattern(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in "\n\r\t":
        return " "
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with line breaks as spaces and other control characters escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


# --------------------------------------------------------------------------- zip members

#: Bytes read and inflated at a time: memory for one member stays about this size.
CHUNK = 256 * 1024
_LOCAL_MAGIC = b"PK\x03\x04"
_LOCAL_HEADER = 30
_DAMAGED = "damaged zip archive: save the document again from Word"


def check_zip_members(path: Path) -> None:
    """Inflate every member once, in bounded chunks; refuse a package that lies.

    A member that inflates to more than its declared size is refused as a zip
    bomb before any of it is parsed; one whose data is corrupt or cut short is
    a damaged archive. Only stored and deflated members occur in Word files.
    """
    where = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
        with path.open("rb") as fh:
            for info in infos:
                _check_member(where, fh, info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(where, _DAMAGED) from exc


def _check_member(where: str, fh: Any, info: zipfile.ZipInfo) -> None:
    method = info.compress_type
    if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InputError(
            where, "zip compression method not used by Word: save the document again from Word"
        )
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER)
    if len(header) != _LOCAL_HEADER or not header.startswith(_LOCAL_MAGIC):
        raise InputError(where, _DAMAGED)
    name_len, extra_len = struct.unpack_from("<HH", header, 26)
    fh.seek(info.header_offset + _LOCAL_HEADER + name_len + extra_len)
    inflater = zlib.decompressobj(-15) if method == zipfile.ZIP_DEFLATED else None
    left = info.compress_size
    size = 0
    try:
        while left > 0:
            data = fh.read(min(CHUNK, left))
            if not data:
                raise InputError(where, _DAMAGED)
            left -= len(data)
            if inflater is None:
                size += len(data)
                continue
            while not inflater.eof:
                piece = inflater.decompress(data, CHUNK)
                size += len(piece)
                if size > info.file_size:
                    raise InputError(
                        where,
                        "refused: a zip member inflates beyond the size it declares "
                        "(a damaged file or a zip bomb): save the document again from Word",
                    )
                data = inflater.unconsumed_tail
                if not data and len(piece) < CHUNK:
                    break  # input used up and no output pending: read more
    except zlib.error as exc:
        raise InputError(where, _DAMAGED) from exc
    if (inflater is not None and not inflater.eof) or size != info.file_size:
        raise InputError(where, _DAMAGED)


# --------------------------------------------------------------------------- no snippets

#: What stands in a message for document text the user asked not to see.
WITHHELD = "[…]"
#: Message values that never hold document text: measures the kinds compute and
#: labels that come from the rule (``kind`` of change, identifier ``type``/``label``,
#: a metadata ``field`` name, ``missing`` group names). Any other text is withheld.
SAFE_VALUES = frozenset(
    "count limit share rate words items item days kind type label field missing".split()  # noqa: SIM905
)


def withhold_document_text(
    doc: Document, values: Mapping[str, Any], note: str | None, location: Location
) -> tuple[dict[str, Any], str | None, Location]:
    """A finding's message values, note and location with the document's text taken out.

    Text values (other than :data:`SAFE_VALUES`) become :data:`WITHHELD`; in
    the note, which kinds write freely, those values and every heading of the
    document are replaced too; the location keeps its paragraph or line but
    not the heading it falls under.
    """
    out: dict[str, Any] = {}
    secret: set[str] = set()
    for key, value in values.items():
        if key in SAFE_VALUES or value is None or isinstance(value, (bool, int, float)):
            out[key] = value
            continue
        out[key] = WITHHELD
        if isinstance(value, (list, tuple, set, frozenset)):
            items = [str(v) for v in value]
            secret.update(items)
            secret.add(", ".join(items))
        else:
            secret.add(str(value))
    if note:
        note = _scrub(note, secret, doc)
    return out, note, replace(location, section=None, section_path=())


def _scrub(note: str, secret: set[str], doc: Document) -> str:
    found = {s.strip() for s in secret if s.strip() and s.strip() in note}
    for section in doc.sections:
        for title in (section.title, section.norm_title):
            if title and title in note:
                found.add(title)
    for text in sorted(found, key=len, reverse=True):
        note = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", WITHHELD, note)
    return note


def is_same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: through symbolic links, and hard links when both exist."""
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def same_as_any(target: Path, inputs: Sequence[Path]) -> bool:
    """Whether writing ``target`` would overwrite one of ``inputs``."""
    return any(is_same_file(target, f) for f in inputs)


def write_atomic(dest: Path, write: Callable[[IO[bytes]], object], what: str) -> None:
    """Write the whole file or nothing: a temp file in ``dest``'s folder, then a rename.

    Reports, baselines and annotated copies all go through here, so a failed
    run never leaves a half-written file. The file keeps the permissions of
    the one it replaces, else ``rw-r--r--`` (temp files are created private).
    ``what`` names the file in the error ("report", "baseline"...).
    """
    import tempfile  # only when writing: most runs print to stdout (~4 ms at start-up)

    folder = dest.resolve().parent
    try:
        mode = stat.S_IMODE(dest.stat().st_mode)
    except OSError:
        mode = 0o644
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise LintError(str(dest), f"cannot write {what}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, mode)
        os.replace(tmp, dest)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise LintError(str(dest), f"cannot write {what}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
