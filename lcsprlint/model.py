"""The one document model every reader produces and every rule reads.

Rules never see file formats: a .docx, a Markdown file and a plain-text file
become the same :class:`Document`. Blocks are kept in reading order (a table
between two paragraphs stays between them); sections form a tree over the
blocks, each knowing its span, word count and share of the document, because
the Panel's key messages are largely about *where* things are and *how much*
of the report they take.

Everything here is frozen: the engine may run many rules, in many processes,
over the same document without copying it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

#: Block kinds. ``toc`` marks contents-list entries, which are neither
#: headings nor body text.
BLOCK_KINDS = ("title", "heading", "paragraph", "list-item", "table-row", "toc")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, heading, list item or table row, in reading order.

    ``text`` is the text as a reader would read the accepted draft (tracked
    insertions present, deletions absent). ``norm`` is the same text normalised
    for matching (plain spaces, straight quotes and dashes, no zero-width
    characters); rules match ``norm`` and quote ``text``.
    """

    index: int
    kind: str
    text: str
    norm: str
    paragraph: int
    line: int | None
    section: int
    words: int
    word_start: int
    level: int | None = None
    number: str | None = None
    list_style: str | None = None
    table: int | None = None
    row: int | None = None
    cells: tuple[str, ...] = ()
    bold: bool = False
    style: str | None = None
    #: The 1-based page the block starts on, for formats that have pages (PDF); such
    #: formats have no source lines, so ``line`` is None there.
    page: int | None = None

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

    @property
    def is_body(self) -> bool:
        """Body text: paragraphs, list items and table rows (not headings, title, contents)."""
        return self.kind in ("paragraph", "list-item", "table-row")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks under it.

    ``start``/``end`` delimit the section's span in ``Document.blocks``
    (subsections included; ``end`` is exclusive); ``own_end`` ends its own
    text at its first subsection. Section 0 is always the preamble: whatever
    comes before the first heading (often the title page), with level 0.
    """

    index: int
    level: int
    title: str
    norm_title: str
    number: str | None
    heading: int | None
    start: int
    end: int
    own_end: int
    parent: int | None
    words: int
    word_start: int
    share: float
    appendix: bool
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment in the draft, with the blocks it is anchored on."""

    id: str
    author: str
    date: str | None
    text: str
    blocks: tuple[int, ...] = ()
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class TrackedChange:
    """A tracked insertion, deletion, move or formatting change still in the file."""

    kind: str  # insertion | deletion | move | formatting
    author: str
    date: str | None
    text: str
    block: int | None = None


@dataclass(frozen=True, slots=True)
class ExtraText:
    """Text outside the main story: headers, footers, footnotes, endnotes, hidden text."""

    story: str  # header | footer | footnote | endnote | hidden
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression directive found in the source (Markdown/text comments)."""

    text: str
    line: int | None
    block: int | None  # the next block after the directive, if any


@dataclass(frozen=True, slots=True)
class Metadata:
    """Core document properties; ``extra`` holds format-specific fields (company, manager...)."""

    title: str | None = None
    subject: str | None = None
    author: str | None = None
    last_modified_by: str | None = None
    created: datetime | None = None
    modified: datetime | None = None
    keywords: str | None = None
    description: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def fields(self) -> Iterator[tuple[str, str]]:
        """Yield every non-empty text field as ``(name, value)``, for metadata rules."""
        for name in ("title", "subject", "author", "last_modified_by", "keywords", "description"):
            value = getattr(self, name)
            if value:
                yield name, value
        yield from self.extra


@dataclass(frozen=True)
class Document:
    """A draft as rules see it, whatever file it came from."""

    path: str
    format: str
    title: str | None
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    words: int
    comments: tuple[Comment, ...] = ()
    changes: tuple[TrackedChange, ...] = ()
    extras: tuple[ExtraText, ...] = ()
    directives: tuple[Directive, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    track_revisions: bool = False

    def section_blocks(self, section: Section, own: bool = False) -> tuple[Block, ...]:
        """The blocks of a section's span (or only its own text with ``own``)."""
        return self.blocks[section.start : section.own_end if own else section.end]

    def section_of(self, block: Block) -> Section:
        return self.sections[block.section]

    def headings(self) -> Iterator[Section]:
        """Every section with a heading (the preamble excluded)."""
        return (s for s in self.sections if s.heading is not None)

    def body_words(self) -> int:
        """Words outside appendix sections: the measure the Panel's proportions use."""
        return sum(b.words for b in self.blocks if not self.sections[b.section].appendix)
