"""Styles and numbering, read once per document into plain dictionaries.

Looking a paragraph's style up through python-docx costs a search per access
(quadratic on long drafts), so ``styles.xml`` and ``numbering.xml`` are read
once here and every paragraph is resolved through a cache keyed by style id.
Meaning is taken from style *names* (which Word stores in English whatever
the user interface language), never from style ids ("berschrift1" in a German
Word is the built-in "heading 1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from lcsprlint.readers.docx_ns import W_VAL, int_val, toggle, w

_STYLE = w("style")
_STYLE_ID = w("styleId")
_TYPE = w("type")
_NAME = w("name")
_BASED_ON = w("basedOn")
_PPR = w("pPr")
_RPR = w("rPr")
_OUTLINE = w("outlineLvl")
_NUMPR = w("numPr")
_NUMID = w("numId")
_ILVL = w("ilvl")
_B = w("b")
_VANISH = w("vanish")
_DEFAULT = w("default")
_DOC_DEFAULTS = w("docDefaults")
_RPR_DEFAULT = w("rPrDefault")

#: Built-in styles whose names ``styles.xml`` stores in lower case ("heading 1")
#: while Word shows them capitalised: the name a block reports is the one users see.
_UI_NAMES = {
    "caption": "Caption",
    "footer": "Footer",
    "header": "Header",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}

_HEADING_NAME = re.compile(
    r"^(?:heading|überschrift|titre|kop|titolo|título|encabezado|rubrik|overskrift)\s*([1-9])$"
)
# Word's names, and LibreOffice's ("Contents 1", "Contents Heading").
_TOC_NAME = re.compile(
    r"^(?:(?:toc|contents)\s*[1-9]|toc heading|contents heading|table of figures)$"
)

#: How a style name classifies a paragraph.
TITLE, SUBTITLE, TOC = "title", "subtitle", "toc"

_MAX_CHAIN = 16


@dataclass(frozen=True, slots=True)
class ParaStyle:
    """A paragraph style resolved along its ``basedOn`` chain."""

    name: str | None
    outline: int | None  # 0-8 heading, 9 body text, None when no style says
    named: str | int | None  # heading level 1-9 from a name, or TITLE/SUBTITLE/TOC
    num_id: str | None
    ilvl: int | None
    bold: bool | None
    vanish: bool | None


@dataclass(frozen=True, slots=True)
class _Raw:
    """One style as ``styles.xml`` states it, before its ``basedOn`` chain is followed."""

    name: str | None
    type: str | None
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None
    bold: bool | None
    vanish: bool | None


def _classify_name(name: str | None) -> str | int | None:
    if not name:
        return None
    n = " ".join(name.lower().split())
    m = _HEADING_NAME.match(n)
    if m:
        return int(m.group(1))
    if n == "title":
        return TITLE
    if n == "subtitle":
        return SUBTITLE
    if _TOC_NAME.match(n):
        return TOC
    return None


class StyleMap:
    """Every paragraph and character style, resolved lazily and cached by id."""

    def __init__(self, styles_root: etree._Element | None) -> None:
        #: Style elements by id, read into :class:`_Raw` when first used: a template
        #: defines hundreds of styles and a draft uses a few dozen.
        self._els: dict[str, etree._Element] = {}
        self._raw: dict[str, _Raw] = {}
        self._para: dict[str | None, ParaStyle] = {}
        self._char: dict[str, tuple[bool | None, bool | None]] = {}
        self.default_para: str | None = None
        self.default_bold: bool | None = None
        if styles_root is None:
            return
        els = self._els
        for el in styles_root:
            if el.tag == _STYLE:
                sid = el.get(_STYLE_ID)
                if sid is None:
                    continue
                els[sid] = el
                if el.get(_TYPE) == "paragraph" and el.get(_DEFAULT) in ("1", "true", "on"):
                    self.default_para = sid
            elif el.tag == _DOC_DEFAULTS:
                rpr = el.find(f"{_RPR_DEFAULT}/{_RPR}")
                if rpr is not None:
                    self.default_bold = toggle(rpr.find(_B))

    def _get(self, sid: str) -> _Raw | None:
        """The style with id ``sid`` (the last one defined, as Word reads it), or None."""
        raw = self._raw.get(sid)
        if raw is None:
            el = self._els.get(sid)
            if el is None:
                return None
            raw = self._raw[sid] = _read_style(el)
        return raw

    def _chain(self, sid: str | None) -> list[tuple[str, _Raw]]:
        out: list[tuple[str, _Raw]] = []
        seen: set[str] = set()
        while sid is not None and sid not in seen and len(out) < _MAX_CHAIN:
            raw = self._get(sid)
            if raw is None:
                break
            seen.add(sid)
            out.append((sid, raw))
            sid = raw.based_on
        return out

    def paragraph(self, sid: str | None) -> ParaStyle:
        """The resolved paragraph style for a ``w:pStyle`` id (None: the default style)."""
        cached = self._para.get(sid)
        if cached is not None:
            return cached
        key = sid
        if sid is None or sid not in self._els:
            sid = self.default_para
        chain = self._chain(sid)
        outline = named = num_id = ilvl = bold = vanish = None
        for _sid, raw in chain:
            if outline is None:
                outline = raw.outline
            if named is None:
                named = _classify_name(raw.name)
            if num_id is None and raw.num_id is not None:
                num_id, ilvl = raw.num_id, raw.ilvl
            if bold is None:
                bold = raw.bold
            if vanish is None:
                vanish = raw.vanish
        name = chain[0][1].name if chain else None
        resolved = ParaStyle(
            name=_UI_NAMES.get(name, name) if name else None,
            outline=outline,
            named=named,
            num_id=num_id,
            ilvl=ilvl,
            bold=bold if bold is not None else self.default_bold,
            vanish=vanish,
        )
        self._para[key] = resolved
        return resolved

    def character(self, sid: str) -> tuple[bool | None, bool | None]:
        """(bold, vanish) set by a character style chain, None where it says nothing."""
        cached = self._char.get(sid)
        if cached is not None:
            return cached
        bold = vanish = None
        for _sid, raw in self._chain(sid):
            if bold is None:
                bold = raw.bold
            if vanish is None:
                vanish = raw.vanish
        self._char[sid] = (bold, vanish)
        return bold, vanish

    def style_id_for_numbering(self, sid: str) -> str | None:
        """The num id a style links to (used by ``w:numStyleLink`` list styles)."""
        raw = self._get(sid)
        return raw.num_id if raw is not None else None


def _read_style(el: etree._Element) -> _Raw:
    """What the reader uses of one ``w:style`` element."""
    stype = el.get(_TYPE)
    name_el = el.find(_NAME)
    based = el.find(_BASED_ON)
    ppr = el.find(_PPR)
    rpr = el.find(_RPR)
    outline = num_id = ilvl = None
    if ppr is not None:
        outline = int_val(ppr.find(_OUTLINE))
        numpr = ppr.find(_NUMPR)
        if numpr is not None:
            nid = numpr.find(_NUMID)
            num_id = nid.get(W_VAL) if nid is not None else None
            ilvl = int_val(numpr.find(_ILVL))
    return _Raw(
        name=name_el.get(W_VAL) if name_el is not None else None,
        type=stype,
        based_on=based.get(W_VAL) if based is not None else None,
        outline=outline,
        num_id=num_id,
        ilvl=ilvl,
        bold=toggle(rpr.find(_B)) if rpr is not None else None,
        vanish=toggle(rpr.find(_VANISH)) if rpr is not None else None,
    )
