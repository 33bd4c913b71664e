"""Read an Open Packaging Conventions package (ECMA-376 Part 2): the zip around a .docx.

A package is a zip whose members are *parts*. ``[Content_Types].xml`` gives
each part its content type, by ``Override`` for one part name or by
``Default`` for an extension (both matched without regard to case). Which
parts belong to the document is said by *relationships*: the package's own in
``_rels/.rels``, a part's in ``<folder>/_rels/<name>.rels``; each has an
``Id``, a ``Type``, a ``Target`` and a ``TargetMode`` (``External`` targets
are URLs, not parts). Internal targets are resolved against the folder of the
part that holds the relationship. Reading walks the relationship graph from
the package, depth first, reading each part once.

This is all linting needs, so reading does not import python-docx (whose
package import loads the whole library). What a package is refused for, and
the order in which problems are found, follow what python-docx's reader did
before, so the messages users see are unchanged (see ``test_speed_reader_4``):
the whole walk (relationships, members, content types) comes first, and only
then are parts parsed, by :class:`~lcsprlint.readers.docx_parts.WordPackage`.
Members are read through :mod:`zipfile` (checksums verified); every XML item
is parsed with entities and the network off.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from lxml import etree

CONTENT_TYPES_MEMBER = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = _CT_NS + "Types"
_DEFAULT = _CT_NS + "Default"
_OVERRIDE = _CT_NS + "Override"
_RELATIONSHIPS = _REL_NS + "Relationships"
_RELATIONSHIP = _REL_NS + "Relationship"

#: Prefix of the relationship types of Office documents (ECMA-376 Part 1), the
#: package's below and those of WordprocessingML parts (:mod:`.docx_ns`).
RT_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: Relationship types of the package itself.
RT_OFFICE_DOCUMENT = RT_OFFICE + "officeDocument"
RT_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
RT_EXTENDED_PROPERTIES = RT_OFFICE + "extended-properties"
RT_IMAGE = RT_OFFICE + "image"
CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"

#: A part's relationships: Id -> (type, target part name; None for an external target).
Rels = dict[str, tuple[str, str | None]]
#: One relationship as read: (Id, type, target part name, None if external, or _NO_TARGET).
_Rel = tuple[str | None, str | None, str | None]
#: An internal relationship without a target (no part name holds a NUL).
_NO_TARGET = "\0"


class PackageError(Exception):
    """Well-formed XML that is not OPC's: a content types or relationships item of the
    wrong shape, or a relationship without a target."""


@dataclass(slots=True, eq=False)
class RawPart:
    """One part as the walk found it: bytes, content type and its own relationships."""

    name: str  # the part name, "/word/document.xml"
    content_type: str | None
    blob: bytes
    #: Type of the relationship the walk reached the part by (an image is never parsed).
    reltype: str | None
    rels: Rels = field(default_factory=dict)
    #: The parsed XML, for the parts a reader parses.
    root: etree._Element | None = None
    #: Core properties, for a core properties part once parsed.
    core: CoreProperties | None = None


def parser(*, remove_blank_text: bool = True) -> etree.XMLParser:
    """Safe settings (no entities, no network, no huge trees), blank text dropped by default.

    Dropping blank text between elements is what python-docx did, so element
    trees, and the text read from them, are what they were; the sniffer and
    :func:`~lcsprlint.readers.docx_ns.parse_xml` keep it. A parser per package
    or call: lxml parsers must not be shared between threads.
    """
    return etree.XMLParser(
        remove_blank_text=remove_blank_text,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )


def read_package(path: str) -> tuple[Rels, dict[str, RawPart]]:
    """The package's relationships and every part reachable from them, in walk order.

    Raises :class:`KeyError` naming a missing member or a part with no content
    type, :class:`PackageError`, lxml's ``XMLSyntaxError`` for a malformed
    content types or relationships item, and what :mod:`zipfile` raises for a
    damaged archive.
    """
    xml = parser()
    with zipfile.ZipFile(path) as zf:
        overrides, defaults = _content_types(etree.fromstring(zf.read(CONTENT_TYPES_MEMBER), xml))
        package_rels = _rels(zf, "/", xml)
        parts: dict[str, RawPart] = {}
        # Depth first, each part once, with an explicit stack of relationship lists.
        # Every relationship is followed, the earlier ones of a duplicated Id included.
        stack = [iter(package_rels)]
        while stack:
            rel = next(stack[-1], None)
            if rel is None:
                stack.pop()
                continue
            reltype, name = rel[1], rel[2]
            if name == _NO_TARGET:
                raise PackageError("an internal relationship without a target")
            if name is None or name in parts:
                continue
            rels = _rels(zf, name, xml)
            blob = zf.read(name[1:])
            content_type = _content_type(name, overrides, defaults)
            parts[name] = RawPart(name, content_type, blob, reltype, _by_id(rels))
            stack.append(iter(rels))
    return _by_id(package_rels), parts


def _content_types(root: etree._Element) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """(part name -> type, extension -> type), keys lowercased: OPC compares them without case."""
    if root.tag != _TYPES:
        raise PackageError("[Content_Types].xml has no Types root")
    overrides: dict[str, str | None] = {}
    defaults: dict[str, str | None] = {}
    for el in root:
        if el.tag == _OVERRIDE:
            overrides[_lower(el.get("PartName"))] = el.get("ContentType")
        elif el.tag == _DEFAULT:
            defaults[_lower(el.get("Extension"))] = el.get("ContentType")
    return overrides, defaults


def _lower(value: str | None) -> str:
    if value is None:
        raise PackageError("a content type entry without its name")
    return value.lower()


def _content_type(
    name: str, overrides: dict[str, str | None], defaults: dict[str, str | None]
) -> str | None:
    """The Override for the part name, else the Default for its extension."""
    key = name.lower()
    if key in overrides:
        return overrides[key]
    ext = posixpath.splitext(key)[1][1:]  # splitext gives "" or ".ext"
    if ext in defaults:
        return defaults[ext]
    raise KeyError(f"no content type for partname '{name}' in [Content_Types].xml")


def _rels(zf: zipfile.ZipFile, source: str, xml: etree.XMLParser) -> list[_Rel]:
    """The relationships of ``source`` (a part name, or "/" for the package), in order.

    An internal target is resolved against the source's folder (".." never climbs
    above the package root); an external one is None; a missing one is
    :data:`_NO_TARGET`, refused when the walk reaches it.
    """
    folder, name = posixpath.split(source)
    try:
        blob = zf.read(posixpath.join(folder, "_rels", name + ".rels")[1:])
    except KeyError:
        return []
    root = etree.fromstring(blob, xml)
    if root.tag != _RELATIONSHIPS:
        raise PackageError("a relationships item has no Relationships root")
    out: list[_Rel] = []
    for el in root:
        if el.tag != _RELATIONSHIP:
            continue
        target = el.get("Target")
        if el.get("TargetMode") == "External":
            target = None
        elif target is None:
            target = _NO_TARGET
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        out.append((el.get("Id"), el.get("Type"), target))
    return out


def _by_id(rels: list[_Rel]) -> Rels:
    """By Id: a duplicated Id keeps its first place and its last value, as a dict does."""
    return {rid: (reltype, target) for rid, reltype, target in rels}  # type: ignore[misc]


# --------------------------------------------------------------------------- core properties

_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_TEXT_PROPS = (
    ("title", _DC + "title"),
    ("subject", _DC + "subject"),
    ("author", _DC + "creator"),
    ("last_modified_by", _CP + "lastModifiedBy"),
    ("keywords", _CP + "keywords"),
    ("comments", _DC + "description"),
)
_DATE_PROPS = (("created", _DCTERMS + "created"), ("modified", _DCTERMS + "modified"))
#: W3CDTF forms Office writes, longest first: a date and time, a date, a month, a year.
_W3CDTF_FORMS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y-%m", "%Y")


@dataclass(frozen=True, slots=True)
class CoreProperties:
    """The Dublin Core properties of ``docProps/core.xml`` that linting reads.

    Text is "" when the element is absent or empty; a date is None when absent,
    empty or not W3CDTF. A root that is not ``cp:coreProperties`` gives None
    everywhere. These are the values python-docx gave.
    """

    title: str | None = None
    subject: str | None = None
    author: str | None = None
    last_modified_by: str | None = None
    keywords: str | None = None
    comments: str | None = None
    created: datetime | None = None
    modified: datetime | None = None

    @classmethod
    def from_xml(cls, root: etree._Element) -> CoreProperties:
        if root.tag != _CP + "coreProperties":
            return cls()
        values: dict[str, object] = {}
        for name, tag in _TEXT_PROPS:
            el = root.find(tag)
            values[name] = (el.text or "") if el is not None else ""
        for name, tag in _DATE_PROPS:
            el = root.find(tag)
            values[name] = w3cdtf(el.text) if el is not None and el.text is not None else None
        return cls(**values)  # type: ignore[arg-type]


def _date_and_time(head: str) -> datetime | None:
    """``YYYY-MM-DDTHH:MM:SS`` in ASCII digits, the form Word writes, without ``strptime``.

    ``strptime`` costs an import of its own on first use (locale, calendar);
    every value this accepts, it accepts alike. Anything else is left to it.
    """
    if not (
        len(head) == 19
        and head.isascii()
        and head[4] == head[7] == "-"
        and head[10] == "T"
        and head[13] == head[16] == ":"
    ):
        return None
    fields = (head[0:4], head[5:7], head[8:10], head[11:13], head[14:16], head[17:19])
    if not all(f.isdigit() for f in fields):
        return None
    try:
        year, month, day, hour, minute, second = (int(f) for f in fields)
        return datetime(year, month, day, hour, minute, second)
    except ValueError:  # month 13, 30 February...: strptime refuses them too
        return None


def w3cdtf(text: str) -> datetime | None:
    """A W3CDTF date (``2024-01-15T09:30:00Z``, ``2024-01-15``, ``2024``...) in UTC, or None.

    The first 19 characters hold the date and time; a numeric offset after
    them (``-08:00``) is applied; anything else after them (``Z``, fractions
    of a second) is ignored.
    """
    head, offset = text[:19], text[19:]
    value = _date_and_time(head)
    if value is None:
        for form in _W3CDTF_FORMS:
            try:
                value = datetime.strptime(head, form)
                break
            except ValueError:
                continue
        else:
            return None
    if len(offset) == 6:
        sign, hours, colon, minutes = offset[0], offset[1:3], offset[3], offset[4:]
        if sign not in "+-" or colon != ":" or not (hours + minutes).isdecimal():
            return None
        shift = timedelta(hours=int(hours), minutes=int(minutes))
        try:
            value = value - shift if sign == "+" else value + shift
        except OverflowError:  # a local time near year 1 or 9999 shifted out of range
            return None
    return value.replace(tzinfo=timezone.utc)
