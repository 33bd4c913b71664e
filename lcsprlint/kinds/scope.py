"""Scopes: which text of a document a rule looks at.

Many kinds take the same ``scope`` parameter, so it is resolved here once.
A scope yields :class:`Unit` records: the normalised text to match, the
original text to quote, and where it stands (a block index, or a story such
as ``header`` or ``metadata`` for text outside the body).

Scopes:

``title``          the document title
``opening``        the title and the first ``opening-words`` words (default 300), or the
                   first ``opening-share`` of the document's words when that is given
``document``       every heading and body block, appendices included
``body``           body blocks (paragraphs, list items, table rows) outside appendices
``section``        headings and body blocks of sections whose heading matches ``sections``
``headings``       the title and every heading
``tables``         table rows
``header-footer``  page headers and footers
``notes``          footnotes and endnotes
``metadata``       document properties (author, title, last modified by...)
``comments``       the text of reviewers' comments
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.literal_index import scan_texts_of
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.model import Document, Section
from lcsprlint.textutil import normalise

SCOPES = (
    "title",
    "opening",
    "document",
    "body",
    "section",
    "headings",
    "tables",
    "header-footer",
    "notes",
    "metadata",
    "comments",
)

#: Schema properties shared by every kind that takes a scope.
SCOPE_PARAMS: dict[str, Any] = {
    "scope": {"enum": list(SCOPES), "description": "Which text to look at (default: body)."},
    "sections": {
        "type": "array",
        "items": {"type": "string", "format": "regex"},
        "description": "With scope: section, heading patterns naming the sections to look in.",
    },
    "opening-words": {
        "type": "integer",
        "minimum": 1,
        "description": "With scope: opening, how many words count as the opening (300).",
    },
    "opening-share": {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 1,
        "description": "With scope: opening, the share of the document's words that counts as "
        "the opening (instead of opening-words).",
    },
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of text in scope."""

    norm: str
    text: str
    block: int | None = None
    story: str = "body"


def extended_end(doc: Document, section: Section) -> int:
    """Where a section's text ends, reaching past sibling headings when it has none of its own.

    "Analysis" directly followed by same-level headings "Finding 1", "Finding 2"
    introduces them: its text runs to the next heading of a higher level.
    """
    if section.own_end - section.start <= 1 and section.end == section.own_end:
        return next(
            (
                t.start
                for t in doc.sections[section.index + 1 :]
                if t.heading is not None and t.level < section.level
            ),
            len(doc.blocks),
        )
    return section.end


def matching_sections(doc: Document, headings: Matcher) -> list[Section]:
    """Sections whose heading text matches any of the patterns."""
    return [s for s in doc.sections if s.heading is not None and headings.matches(s.norm_title)]


class Scope:
    """A resolved scope specification, built once per rule per run."""

    def __init__(self, params: Any, default: str = "body") -> None:
        self.name: str = params.get("scope", default)
        self.sections = Matcher(params.get("sections") or [])
        self.opening_words: int = int(params.get("opening-words", 300))
        self.opening_share: float | None = params.get("opening-share")
        #: What the units depend on besides the document: equal keys, equal units.
        self.key: tuple[Any, ...] = (self.name,)
        if self.name == "section":
            self.key = (self.name, self.sections.patterns)
        elif self.name == "opening":
            self.key = (self.name, self.opening_words, self.opening_share)

    def units(self, doc: Document) -> list[Unit]:
        """The text units of ``doc`` in this scope, in document order.

        Worked out once per document and scope (many rules share a scope) and
        returned as a new list each time, so a caller may change its own.
        The document's texts are then scanned once for every literal gate.
        """
        scan_texts_of(doc)
        return list(per_document(doc, ("scope", *self.key), lambda: tuple(self._units(doc))))

    def _units(self, doc: Document) -> list[Unit]:
        name = self.name
        blocks = doc.blocks
        of = _block_units(doc)
        if name == "title":
            return _title_units(doc)
        if name == "opening":
            out = _title_units(doc)
            title_block = out[0].block if out else None
            limit = self.opening_words
            if self.opening_share is not None:
                limit = int(doc.words * self.opening_share)
            for b in blocks:
                if b.word_start >= limit:
                    break
                if b.kind != "toc" and b.index != title_block:
                    out.append(of[b.index])
            return out
        if name == "document":
            return [of[b.index] for b in blocks if b.kind != "toc"]
        if name == "body":
            secs = doc.sections
            return [of[b.index] for b in blocks if b.is_body and not secs[b.section].appendix]
        if name == "section":
            out = []
            for s in matching_sections(doc, self.sections):
                out.extend(
                    of[b.index] for b in blocks[s.start : extended_end(doc, s)] if b.kind != "toc"
                )
            return _dedupe(out)
        if name == "headings":
            return [of[b.index] for b in blocks if b.kind in ("title", "heading")]
        if name == "tables":
            return [of[b.index] for b in blocks if b.kind == "table-row"]
        if name == "header-footer":
            return [
                Unit(e.norm, e.text, None, e.story)
                for e in doc.extras
                if e.story in ("header", "footer")
            ]
        if name == "notes":
            return [
                Unit(e.norm, e.text, None, e.story)
                for e in doc.extras
                if e.story in ("footnote", "endnote")
            ]
        if name == "metadata":
            return [
                Unit(normalise(value), value, None, f"metadata:{field}")
                for field, value in doc.metadata.fields()
            ]
        if name == "comments":
            return [
                Unit(normalise(c.text), c.text, c.blocks[0] if c.blocks else None, "comment")
                for c in doc.comments
            ]
        raise ValueError(f"unknown scope {name!r}")


def _block_units(doc: Document) -> tuple[Unit, ...]:
    """One Unit per block of ``doc``, by block index, shared by every scope.

    The document, body, section and opening scopes hold mostly the same
    blocks; making their Units once per document, not once per scope, saves
    thousands of (frozen, so slower) instances on a long draft.
    """
    return per_document(
        doc, "block-units", lambda: tuple(Unit(b.norm, b.text, b.index) for b in doc.blocks)
    )


def _title_units(doc: Document) -> list[Unit]:
    if not doc.title:
        return []
    for b in doc.blocks:
        if b.kind in ("title", "heading") and b.text.strip() == doc.title:
            return [Unit(b.norm, b.text, b.index, "title")]
    return [Unit(normalise(doc.title), doc.title, None, "title")]


def _dedupe(units: list[Unit]) -> list[Unit]:
    seen: set[int | None] = set()
    out = []
    for u in units:
        if u.block in seen:
            continue
        seen.add(u.block)
        out.append(u)
    out.sort(key=lambda u: -1 if u.block is None else u.block)
    return out
