"""The run walker: a paragraph's text as a reader of the accepted draft sees it.

python-docx's ``Paragraph.text`` joins only direct runs and hyperlinks, so it
loses text in tracked insertions, content controls, simple fields, smart tags
and custom XML, and shows neither the original nor the accepted draft when
changes are tracked. This walker descends into every inline wrapper, keeps
inserted and moved-to text, drops deleted, moved-from and field-code text,
sets hidden (``w:vanish``) text aside, and records each tracked change and
comment anchor it passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from lxml import etree

from lcsprlint.readers.docx_ns import W_AUTHOR, W_DATE, W_ID, W_VAL, toggle, w
from lcsprlint.readers.docx_styles import ParaStyle, StyleMap

W_P = w("p")
W_R = w("r")
W_T = w("t")
W_PPR = w("pPr")
W_RPR = w("rPr")
W_SDT = w("sdt")
W_SDT_CONTENT = w("sdtContent")
W_INS = w("ins")
W_DEL = w("del")
W_MOVE_TO = w("moveTo")
W_MOVE_FROM = w("moveFrom")
W_DEL_TEXT = w("delText")
W_B = w("b")
W_VANISH = w("vanish")
W_RSTYLE = w("rStyle")
W_RPR_CHANGE = w("rPrChange")
W_PPR_CHANGE = w("pPrChange")
W_SECT_PR = w("sectPr")
W_SECT_PR_CHANGE = w("sectPrChange")
W_COMMENT_START = w("commentRangeStart")
W_COMMENT_END = w("commentRangeEnd")
W_COMMENT_REF = w("commentReference")
W_RUBY = w("ruby")
W_RUBY_BASE = w("rubyBase")

#: Inline wrappers whose content is ordinary text.
_TRANSPARENT = frozenset(
    w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
)
#: Run children that stand for a character.
_CHARS = {
    w("tab"): "\t",
    w("ptab"): "\t",
    w("br"): "\n",
    w("cr"): "\n",
    w("noBreakHyphen"): "-",
}
_INSERTED = {W_INS: "insertion", W_MOVE_TO: "move"}
_REMOVED = {W_DEL: "deletion", W_MOVE_FROM: "move"}


@dataclass(slots=True)
class PendingChange:
    """A tracked change being collected; adjacent pieces by one author merge."""

    kind: str
    author: str
    date: str | None
    text: str
    para: int | None
    anchor: etree._Element | None = None


#: Stand-ins for a paragraph's empty lists and set; never appended to (see ParaText).
_NO_TEXT: list[str] = cast("list[str]", ())
_NO_COMMENTS: set[str] = cast("set[str]", frozenset())


class ParaText:
    """One paragraph as the walker reads it; when it returns, what it read.

    The walker's working state and its result are one object (a plain slotted
    class, not a dataclass): one is made per paragraph, and a long draft has
    thousands. Once :meth:`RunWalker.paragraph` returns, ``text``, ``hidden``,
    ``bold``, ``comments`` and ``lead_bold`` hold the result.
    """

    __slots__ = (
        "all_bold",
        "any_text",
        "bold",
        "comments",
        "hidden",
        "hidden_open",
        "lead_bold",
        "para",
        "removed",
        "style",
        "text",
        "visible",
    )

    def __init__(self, para: int | None, style: ParaStyle) -> None:
        self.para = para
        self.style = style
        self.visible: list[str] = []
        # Deleted text, hidden text and comment ids are rare: each starts as a shared
        # empty value, replaced by a list or set of its own when first needed
        # (fewer allocations per paragraph, and fewer garbage collections).
        self.removed: list[str] = _NO_TEXT
        #: Hidden (``w:vanish``) text, one string per stretch of hidden runs.
        self.hidden: list[str] = _NO_TEXT
        self.hidden_open = False
        self.any_text = False
        self.all_bold = True
        #: Characters of bold text the paragraph starts with (a run-in heading).
        self.lead_bold = 0
        self.comments: set[str] = _NO_COMMENTS
        self.text = ""
        self.bold = False


def _add_comment(st: ParaText, cid: str) -> None:
    if st.comments is _NO_COMMENTS:
        st.comments = set()
    st.comments.add(cid)


class RunWalker:
    """Reads paragraphs; collects tracked changes for the whole document as it goes."""

    def __init__(self, styles: StyleMap) -> None:
        self.styles = styles
        self.changes: list[PendingChange] = []

    def paragraph(self, p: etree._Element, para: int | None, style: ParaStyle) -> ParaText:
        """Read one ``w:p``; ``para`` is its ordinal in the main story (None elsewhere)."""
        st = ParaText(para, style)
        first_change = len(self.changes)
        mark: tuple[str, etree._Element] | None = None
        for el in p:
            tag = el.tag
            if tag == W_R:  # most children: skip the dispatch below
                self._run(el, st, False)
            elif tag == W_PPR:
                mark = self._ppr(el, st) or mark
            else:
                self._inline_one(el, st, False)
        text = "".join(st.visible)
        if mark is not None and not any(c.kind == mark[0] for c in self.changes[first_change:]):
            self._record(mark[0], mark[1], "", para, None)
        if len(self.changes) > first_change:
            for c in self.changes[first_change:]:
                if c.kind == "formatting" and c.anchor is p:
                    c.text = text
        st.text = text
        st.bold = st.any_text and st.all_bold
        if not st.any_text:
            st.lead_bold = 0
        return st

    # -- paragraph properties ---------------------------------------------------

    def _ppr(self, ppr: etree._Element, st: ParaText) -> tuple[str, etree._Element] | None:
        """Record formatting changes; return a tracked paragraph-mark insertion/deletion."""
        mark = None
        for el in ppr:
            tag = el.tag
            if tag == W_PPR_CHANGE:
                self._record("formatting", el, "", st.para, ppr.getparent())
            elif tag == W_RPR:
                for sub in el:
                    if sub.tag == W_INS:
                        mark = ("insertion", sub)
                    elif sub.tag == W_DEL:
                        mark = ("deletion", sub)
            elif tag == W_SECT_PR:
                change = el.find(W_SECT_PR_CHANGE)
                if change is not None:
                    self._record("formatting", change, "", st.para, None)
        return mark

    # -- inline content -----------------------------------------------------------

    def _inline(self, parent: etree._Element, st: ParaText, removed: bool) -> None:
        for el in parent:
            self._inline_one(el, st, removed)

    def _inline_one(self, el: etree._Element, st: ParaText, removed: bool) -> None:
        tag = el.tag
        if tag == W_R:
            self._run(el, st, removed)
        elif tag in _TRANSPARENT:
            self._inline(el, st, removed)
        elif tag == W_SDT:
            content = el.find(W_SDT_CONTENT)
            if content is not None:
                self._inline(content, st, removed)
        elif tag in _INSERTED or tag in _REMOVED:
            self._tracked(el, st, removed)
        elif tag in (W_COMMENT_START, W_COMMENT_END):
            cid = el.get(W_ID)
            if cid is not None:
                _add_comment(st, cid)
        elif tag == W_RUBY:
            base = el.find(W_RUBY_BASE)
            if base is not None:
                self._inline(base, st, removed)

    def _tracked(self, el: etree._Element, st: ParaText, removed: bool) -> None:
        kind = _INSERTED.get(el.tag)
        drops = kind is None or removed
        if kind is None:
            kind = _REMOVED[el.tag]
        if drops and st.removed is _NO_TEXT:
            st.removed = []  # the sink must be the list the runs inside append to
        sink = st.removed if drops else st.visible
        start = len(sink)
        # Reserve the change's place so it precedes changes nested inside it.
        at = len(self.changes)
        self._inline(el, st, drops)
        text = "".join(sink[start:])
        self._record(kind, el, text, st.para, el, at)

    def _run(self, r: etree._Element, st: ParaText, removed: bool) -> None:
        if len(r) == 1 and not removed:
            # Most runs hold one w:t and no properties: what the loop below would
            # do for them, without it.
            t = r[0]
            if t.tag == W_T:
                text = t.text
                if text:
                    self._shown(st, text, None, None, None)
                return
        pieces: list[str] = []
        bold = vanish = None
        rstyle: str | None = None
        change: etree._Element | None = None
        for el in r:
            tag = el.tag
            if tag == W_T:
                s = el.text  # each access converts the node's text anew
                if s:
                    pieces.append(s)
            elif tag == W_RPR:
                for prop in el:
                    ptag = prop.tag
                    if ptag == W_B:
                        bold = toggle(prop)
                    elif ptag == W_VANISH:
                        vanish = toggle(prop)
                    elif ptag == W_RSTYLE:
                        rstyle = prop.get(W_VAL)
                    elif ptag == W_RPR_CHANGE:
                        change = prop
            elif tag in _CHARS:
                pieces.append(_CHARS[tag])
            elif tag == W_DEL_TEXT:
                s = el.text
                if removed and s:
                    pieces.append(s)
            elif tag == W_COMMENT_REF:
                cid = el.get(W_ID)
                if cid is not None:
                    _add_comment(st, cid)
        text = pieces[0] if len(pieces) == 1 else "".join(pieces)
        if change is not None:
            self._record("formatting", change, text, st.para, r)
        if not text:
            return
        if removed:
            if st.removed is _NO_TEXT:
                st.removed = []
            st.removed.append(text)
            return
        self._shown(st, text, bold, vanish, rstyle)

    def _shown(
        self,
        st: ParaText,
        text: str,
        bold: bool | None,
        vanish: bool | None,
        rstyle: str | None,
    ) -> None:
        """Add a run's text (not deleted) as visible or hidden, and follow its boldness."""
        if vanish is None and rstyle is not None:
            vanish = self.styles.character(rstyle)[1]
        if vanish is None:
            vanish = st.style.vanish
        if vanish:
            if st.hidden_open:
                st.hidden[-1] += text
            else:
                if st.hidden is _NO_TEXT:
                    st.hidden = []
                st.hidden.append(text)
                st.hidden_open = True
            return
        st.visible.append(text)
        st.hidden_open = False
        if st.all_bold and text.isspace():
            st.lead_bold += len(text)
        elif st.all_bold:
            st.any_text = True
            if bold is None and rstyle is not None:
                bold = self.styles.character(rstyle)[0]
            if bold is None:
                bold = st.style.bold
            if bold:
                st.lead_bold += len(text)
            else:
                st.all_bold = False

    # -- changes ----------------------------------------------------------------

    def _record(
        self,
        kind: str,
        el: etree._Element,
        text: str,
        para: int | None,
        anchor: etree._Element | None,
        at: int | None = None,
    ) -> None:
        author = el.get(W_AUTHOR) or ""
        date = el.get(W_DATE)
        prev = self.changes[-1] if self.changes and at in (None, len(self.changes)) else None
        if (
            prev is not None
            and anchor is not None
            and prev.anchor is not None
            and prev.kind == kind
            and prev.author == author
            and prev.date == date
            and prev.para == para
            and anchor.getprevious() is prev.anchor
        ):
            prev.text += text
            prev.anchor = anchor
            return
        change = PendingChange(kind, author, date, text, para, anchor)
        if at is None:
            self.changes.append(change)
        else:
            self.changes.insert(at, change)
