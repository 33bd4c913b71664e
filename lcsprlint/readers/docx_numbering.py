"""List numbering: whether a paragraph is a bullet or a numbered item, and its number.

Word never stores the label it shows ("3.1", "b)"): it keeps counters per
list definition in ``numbering.xml``. They are replayed here in reading
order, so auto-numbered headings get their section numbers and list items
their labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from lcsprlint.readers.docx_ns import W_VAL, int_val, toggle, w
from lcsprlint.readers.docx_styles import StyleMap

_ABSTRACT = w("abstractNum")
_ABSTRACT_ID = w("abstractNumId")
_NUM = w("num")
_LVL = w("lvl")
_LVL_OVERRIDE = w("lvlOverride")
_START_OVERRIDE = w("startOverride")
_NUMFMT = w("numFmt")
_LVLTEXT = w("lvlText")
_START = w("start")
_PSTYLE = w("pStyle")
_IS_LGL = w("isLgl")
_NUM_STYLE_LINK = w("numStyleLink")
_ILVL = w("ilvl")
_NUMID = w("numId")


@dataclass(frozen=True, slots=True)
class _Level:
    """One level of a list definition: its number format, text, start and style."""

    fmt: str
    text: str
    start: int
    legal: bool
    pstyle: str | None


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter after z: aa, bb, ...
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


_PLACEHOLDER = re.compile(r"%([1-9])")


def _level_number(value: str | None) -> int | None:
    """A ``w:ilvl`` attribute as a number, or None unless it is a few decimal digits
    (``isdigit`` passes "²", which ``int`` refuses, and ``int`` refuses 4,300 digits)."""
    return int(value) if value is not None and value.isdecimal() and len(value) <= 9 else None


class Numbering:
    """List definitions plus the running counters that give each item its number."""

    def __init__(self, root: etree._Element | None, styles: StyleMap) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._abstract_link: dict[str, str] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._styles = styles
        self._counters: dict[str, list[int | None]] = {}
        self._seen_nums: set[str] = set()
        if root is None:
            return
        for el in root:
            if el.tag == _ABSTRACT:
                self._add_abstract(el)
            elif el.tag == _NUM:
                abs_el = el.find(_ABSTRACT_ID)
                if abs_el is None:
                    continue
                starts: dict[int, int] = {}
                for ov in el.iter(_LVL_OVERRIDE):
                    ilvl = _level_number(ov.get(_ILVL))
                    so = int_val(ov.find(_START_OVERRIDE))
                    if ilvl is not None and so is not None:
                        starts[ilvl] = so
                self._nums[el.get(_NUMID, "")] = (abs_el.get(W_VAL, ""), starts)

    def _add_abstract(self, el: etree._Element) -> None:
        aid = el.get(_ABSTRACT_ID)
        if aid is None:
            return
        link = el.find(_NUM_STYLE_LINK)
        if link is not None and link.get(W_VAL):
            self._abstract_link[aid] = link.get(W_VAL, "")
        levels: dict[int, _Level] = {}
        for lvl in el.iter(_LVL):
            ilvl = _level_number(lvl.get(_ILVL))
            if ilvl is None:
                continue
            fmt = lvl.find(_NUMFMT)
            text = lvl.find(_LVLTEXT)
            pstyle = lvl.find(_PSTYLE)
            start = int_val(lvl.find(_START))
            levels[ilvl] = _Level(
                fmt=fmt.get(W_VAL, "decimal") if fmt is not None else "decimal",
                text=text.get(W_VAL, "") if text is not None else "",
                start=1 if start is None else start,
                legal=toggle(lvl.find(_IS_LGL)) is True,
                pstyle=pstyle.get(W_VAL) if pstyle is not None else None,
            )
        self._abstract[aid] = levels

    def _levels(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        aid = entry[0]
        # A list style: the abstract definition points at a style whose numPr names
        # the num that holds the real levels.
        for _ in range(3):
            link = self._abstract_link.get(aid)
            if link is None:
                break
            linked = self._styles.style_id_for_numbering(link)
            target = self._nums.get(linked or "")
            if target is None or target[0] == aid:
                break
            aid = target[0]
        levels = self._abstract.get(aid)
        return (aid, levels) if levels else None

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level a style-linked list uses when the style's numPr names no ilvl."""
        found = self._levels(num_id)
        if found is not None and style_id is not None:
            for ilvl, lvl in found[1].items():
                if lvl.pstyle == style_id:
                    return ilvl
        return 0

    def item(self, num_id: str, ilvl: int) -> tuple[str, str | None] | None:
        """Advance the counters for one list item: ``(list_style, number)``, or None.

        None means the paragraph shows no marker (unknown list, or a level with
        no visible label). ``number`` is the rendered label without trailing
        punctuation ("3", "3.1", "b"), or None for bullets.
        """
        found = self._levels(num_id)
        if found is None or not 0 <= ilvl < 9:
            return None
        aid, levels = found
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        if lvl.fmt == "bullet":
            return "bullet", None
        if lvl.fmt == "none" and not _PLACEHOLDER.sub("", lvl.text).strip():
            return None
        counters = self._counters.setdefault(aid, [None] * 9)
        if num_id not in self._seen_nums:
            self._seen_nums.add(num_id)
            for o_lvl, o_start in self._nums[num_id][1].items():
                if 0 <= o_lvl < 9:
                    counters[o_lvl] = o_start - 1
        current = counters[ilvl]
        counters[ilvl] = (current + 1) if current is not None else lvl.start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = levels.get(k)
            value = counters[k] if k < 9 and counters[k] is not None else None
            if value is None:
                value = ref.start if ref is not None else 1
            fmt = "decimal" if (lvl.legal or ref is None) else ref.fmt
            return _format(value, fmt)

        label = _PLACEHOLDER.sub(fill, lvl.text).strip().rstrip(".):").strip()
        return "number", label or None
