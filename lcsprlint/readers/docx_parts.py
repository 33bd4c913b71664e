"""The package around the body: opening it, comments, notes, headers, footers, metadata.

Reading opens a package with :func:`open_word_package`, on the project's own
OPC reader (:mod:`lcsprlint.readers.opc`: content types, the relationship
walk, checksums) and plain lxml trees, so a check never imports python-docx
(importing any ``docx`` module loads the whole library, which took longer than
reading a one-page draft). Parts are found through the package relationships,
never created when missing. Every XML part is parsed with the safe parser (no
entities, no network, no huge trees). :func:`open_package`, the full
python-docx ``Document``, is kept for ``annotate``, which saves; it imports
python-docx when called.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from lcsprlint.errors import InputError
from lcsprlint.model import ExtraText, Metadata
from lcsprlint.readers.docx_ns import (
    CT_WML_DOCUMENT_MAIN,
    CT_WML_PARTS,
    RT_COMMENTS,
    RT_COMMENTS_EXTENDED,
    RT_ENDNOTES,
    RT_FOOTER,
    RT_FOOTNOTES,
    RT_HEADER,
    RT_SETTINGS,
    W14_PARA_ID,
    W15_COMMENT_EX,
    W15_DONE,
    W15_PARA_ID,
    W_AUTHOR,
    W_DATE,
    W_ID,
    W_TYPE,
    W_VAL,
    parse_xml,
    toggle,
    w,
)
from lcsprlint.readers.docx_styles import StyleMap
from lcsprlint.readers.docx_text import W_P, W_PPR, W_SDT, W_SDT_CONTENT, RunWalker
from lcsprlint.readers.opc import (
    CT_CORE_PROPERTIES,
    RT_CORE_PROPERTIES,
    RT_EXTENDED_PROPERTIES,
    RT_IMAGE,
    RT_OFFICE_DOCUMENT,
    CoreProperties,
    PackageError,
    RawPart,
    parser,
    read_package,
)
from lcsprlint.safety import check_zip_members
from lcsprlint.textutil import normalise

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument  # only for annotate
    from docx.opc.package import OpcPackage
    from docx.opc.part import Part

_TBL = w("tbl")
_TR = w("tr")
_TC = w("tc")
_CUSTOM_XML = w("customXml")
_PSTYLE = w("pStyle")
_COMMENT = w("comment")
_TRACK_REVISIONS = w("trackRevisions")
_NOTE_SEPARATORS = frozenset(("separator", "continuationSeparator", "continuationNotice"))
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_APP_FIELDS = ("Company", "Manager")
_DIGITS = re.compile(r"(\d+)")
_QUOTED = re.compile(r"'([^']{1,200})'")


def related_part(source: Part | OpcPackage, reltype: str) -> Part | None:
    """The first internal part ``source`` relates to with ``reltype``, or None.

    Unlike python-docx's ``part_related_by`` this neither raises on a missing
    part nor on a duplicated relationship.
    """
    for rel in source.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def children(container: etree._Element) -> Iterator[etree._Element]:
    """Block-level children, looking through content controls and custom XML wrappers."""
    for el in container:
        tag = el.tag
        if tag == W_SDT:
            content = el.find(W_SDT_CONTENT)
            if content is not None:
                yield from children(content)
        elif tag == _CUSTOM_XML:
            yield from children(el)
        else:
            yield el


def story_paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Every paragraph of a story in reading order, table cells included."""
    for el in children(container):
        if el.tag == W_P:
            yield el
        elif el.tag == _TBL:
            for tr in children(el):
                if tr.tag != _TR:
                    continue
                for tc in children(tr):
                    if tc.tag == _TC:
                        yield from story_paragraphs(tc)


def pstyle_id(p: etree._Element) -> str | None:
    """The ``w:pStyle`` id of a paragraph, or None for the default style."""
    ppr = p.find(W_PPR)
    if ppr is None:
        return None
    ps = ppr.find(_PSTYLE)
    return ps.get(W_VAL) if ps is not None else None


@dataclass(slots=True)
class RawComment:
    """A comment of ``comments.xml``; ``resolved``: marked done in ``commentsExtended.xml``."""

    id: str
    author: str
    date: str | None
    text: str
    resolved: bool


class PartReader:
    """Reads the side parts of one package with the document's walker and styles."""

    def __init__(self, package: WordPackage, walker: RunWalker, styles: StyleMap) -> None:
        self.package = package
        self.walker = walker
        self.styles = styles

    def _story(self, root: etree._Element) -> tuple[str, list[str]]:
        texts: list[str] = []
        hidden: list[str] = []
        for p in story_paragraphs(root):
            read = self.walker.paragraph(p, None, self.styles.paragraph(pstyle_id(p)))
            if read.text.strip():
                texts.append(read.text)
            hidden.extend(read.hidden)
        return "\n".join(texts).strip(), hidden

    def comments(self) -> list[RawComment]:
        part = self.package.related(self.package.main, RT_COMMENTS)
        if part is None:
            return []
        root = self.package.root(part)
        done = self._resolved()
        out: list[RawComment] = []
        for c in root:
            if c.tag != _COMMENT:
                continue
            text, hidden = self._story(c)
            if hidden:
                text = "\n".join([text, *hidden]).strip()
            last_para = None
            for p in story_paragraphs(c):
                last_para = p
            para_id = last_para.get(W14_PARA_ID) if last_para is not None else None
            out.append(
                RawComment(
                    id=c.get(W_ID, ""),
                    author=c.get(W_AUTHOR) or "",
                    date=c.get(W_DATE),
                    text=text,
                    resolved=bool(para_id and done.get(para_id)),
                )
            )
        return out

    def _resolved(self) -> dict[str, bool]:
        part = self.package.related(self.package.main, RT_COMMENTS_EXTENDED)
        if part is None:
            return {}
        root = self.package.root(part)
        return {
            ex.get(W15_PARA_ID, ""): ex.get(W15_DONE) in ("1", "true", "on")
            for ex in root.iter(W15_COMMENT_EX)
        }

    def extras(self) -> list[ExtraText]:
        """Header, footer, footnote and endnote text, then hidden text found outside the body."""
        out: list[ExtraText] = []
        hidden: list[str] = []
        for story, reltype in (("header", RT_HEADER), ("footer", RT_FOOTER)):
            parts = self.package.related_all(self.package.main, reltype)
            for name in sorted(parts, key=_natural):
                text, h = self._story(self.package.root(parts[name]))
                hidden.extend(h)
                if text:
                    out.append(ExtraText(story, text, normalise(text)))
        for story, reltype, tag in (
            ("footnote", RT_FOOTNOTES, w("footnote")),
            ("endnote", RT_ENDNOTES, w("endnote")),
        ):
            part = self.package.related(self.package.main, reltype)
            if part is None:
                continue
            for note in self.package.root(part):
                if note.tag != tag or note.get(W_TYPE) in _NOTE_SEPARATORS:
                    continue
                text, h = self._story(note)
                hidden.extend(h)
                if text:
                    out.append(ExtraText(story, text, normalise(text)))
        out.extend(ExtraText("hidden", t, normalise(t)) for t in hidden if t.strip())
        return out

    def track_revisions(self) -> bool:
        part = self.package.related(self.package.main, RT_SETTINGS)
        if part is None:
            return False
        flag = self.package.root(part).find(_TRACK_REVISIONS)
        return bool(toggle(flag))

    def metadata(self) -> Metadata:
        core_part = self.package.related(None, RT_CORE_PROPERTIES)
        core = core_part.core if core_part is not None else None
        extra: list[tuple[str, str]] = []
        app = self.package.related(None, RT_EXTENDED_PROPERTIES)
        if app is not None:
            root = self.package.root(app)
            for name in _APP_FIELDS:
                el = root.find(f"{{{_APP_NS}}}{name}")
                if el is not None and el.text and el.text.strip():
                    extra.append((name.lower(), el.text.strip()))
        if core is None:
            return Metadata(extra=tuple(extra))
        # CoreProperties reads "" for absent text; the model holds None.
        return Metadata(
            title=core.title or None,
            subject=core.subject or None,
            author=core.author or None,
            last_modified_by=core.last_modified_by or None,
            created=core.created,
            modified=core.modified,
            keywords=core.keywords or None,
            description=core.comments or None,
            extra=tuple(extra),
        )


def open_package(path: Path) -> DocxDocument:
    """Open the package with python-docx, turning its exceptions into InputError.

    For :mod:`lcsprlint.annotate`, which edits and saves the package; reading
    uses the lighter :func:`open_word_package`.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip_members(path)  # sizes the zip declares are checked by sniff; here, what it holds
    with _package_errors(path, PackageNotFoundError):
        return docx.Document(str(path))
    raise AssertionError("unreachable")  # pragma: no cover (the context manager re-raises)


@contextmanager
def _package_errors(
    path: Path, not_found: type[Exception] | tuple[type[Exception], ...] = ()
) -> Iterator[None]:
    """Turn what opening a package can raise into InputError with a one-line cause.

    ``not_found`` is python-docx's "package not found" exception, when it opens
    the package: naming it here would import python-docx on every read.
    """
    where = str(path)
    try:
        yield
    except not_found as exc:
        raise InputError(where, "not a Word document: no Word package found") from exc
    except zipfile.BadZipFile as exc:
        name = _quoted(exc)
        cause = f"damaged zip: {name} fails its checksum" if name else "damaged zip archive"
        raise InputError(where, cause + ": save the document again from Word") from exc
    except KeyError as exc:
        name = _quoted(exc) or "a required part"
        raise InputError(where, f"damaged Word file: {name} is missing") from exc
    except ValueError as exc:
        raise InputError(where, "not a Word document: its main part is not a Word body") from exc
    except etree.XMLSyntaxError as exc:
        raise InputError(where, f"malformed XML in {_broken_part(path)}") from exc
    except (EOFError, zlib.error) as exc:
        raise InputError(where, "damaged zip archive: save the document again from Word") from exc
    except NotImplementedError as exc:
        raise InputError(where, "zip compression method not supported: save it again") from exc
    except RuntimeError as exc:
        raise InputError(
            where, "encrypted zip members: remove the password and save again"
        ) from exc
    except (AttributeError, TypeError, IndexError, PackageError) as exc:  # XML, not OPC's
        raise InputError(
            where, "damaged Word file: its content types or relationships are invalid"
        ) from exc


#: Content types whose parts are parsed as soon as the package is opened (those
#: python-docx parsed when it opened one), so a malformed one is refused up front.
_PARSED_TYPES = CT_WML_PARTS | {CT_CORE_PROPERTIES}


class WordPackage:
    """A Word package read for linting: parts, relationships and lxml trees, nothing else.

    python-docx's ``Document()`` built a proxy object per part and parsed XML
    with custom element classes, which made every later element access
    slower; reading needs neither. Parts are parsed with the safe parser (no
    entities, no network, no huge trees) and blank text between elements
    dropped, so the trees hold what python-docx's held.
    """

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.rels, parts = read_package(self.path)
        # Parsed only once the walk is done: a missing part is reported before bad XML.
        xml = parser()
        for part in parts.values():
            if part.reltype != RT_IMAGE and part.content_type in _PARSED_TYPES:
                part.root = etree.fromstring(part.blob, xml)
                if part.content_type == CT_CORE_PROPERTIES:
                    part.core = CoreProperties.from_xml(part.root)
        self.parts = parts
        # The one main document relationship, internal, to a Word body.
        found = [target for reltype, target in self.rels.values() if reltype == RT_OFFICE_DOCUMENT]
        if not found:
            raise KeyError(f"no relationship of type '{RT_OFFICE_DOCUMENT}' in collection")
        if len(found) > 1:
            raise ValueError(f"multiple relationships of type '{RT_OFFICE_DOCUMENT}'")
        if found[0] is None:
            raise ValueError("the main document relationship is external")
        self.main = parts[found[0]]
        if self.main.content_type != CT_WML_DOCUMENT_MAIN:
            raise ValueError(f"not a Word file, content type is '{self.main.content_type}'")

    def related(self, source: RawPart | None, reltype: str) -> RawPart | None:
        """The first internal part ``source`` (None: the package) relates to with ``reltype``."""
        for rtype, target in (self.rels if source is None else source.rels).values():
            if rtype == reltype and target is not None:
                return self.parts[target]
        return None

    def related_all(self, source: RawPart, reltype: str) -> dict[str, RawPart]:
        """Every internal part ``source`` relates to with ``reltype``, by part name."""
        return {
            target: self.parts[target]
            for rtype, target in source.rels.values()
            if rtype == reltype and target is not None
        }

    def root(self, part: RawPart) -> etree._Element:
        """The XML root of a part, parsed (safely) on first use if it was not up front."""
        if part.root is None:
            part.root = parse_xml(part.blob, self.path, part.name)
        return part.root


def open_word_package(path: Path) -> WordPackage:
    """Open a package for reading, turning its exceptions into InputError."""
    check_zip_members(path)  # sizes the zip declares are checked by sniff; here, what it holds
    with _package_errors(path):
        return WordPackage(path)
    raise AssertionError("unreachable")  # pragma: no cover (the context manager re-raises)


def _quoted(exc: Exception) -> str | None:
    m = _QUOTED.search(str(exc))
    return m.group(1) if m else None


def _broken_part(path: Path) -> str:
    """Name the XML part that does not parse, checking the main document first."""
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.endswith((".xml", ".rels"))]
        names.sort(key=lambda n: n != "word/document.xml")
        for name in names:
            try:
                parse_xml(zf.read(name), str(path), name)
            except InputError:
                return name
    return "the package"


def _natural(name: str) -> list[object]:
    """Sort key: "header2" before "header10". A run of digits (every other piece of the
    split) compares as a number does, by length without leading zeros, then by digits:
    no run is too long for ``int``, and no other piece is taken for one ("²" passes
    ``isdigit`` but ``int`` refuses it)."""
    key: list[object] = []
    for i, piece in enumerate(_DIGITS.split(name)):
        digits = piece.lstrip("0")
        key.append((len(digits), digits) if i % 2 else piece)
    return key
