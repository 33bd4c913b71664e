"""Turn a reader's flat list of raw blocks into a :class:`~lcsprlint.model.Document`.

Every reader shares this step, so headings, sections, word offsets and the
treatment of pseudo-headings are the same whatever the file format. Readers
say what they saw (a styled heading, a wholly bold short paragraph, a short
numbered line); this module decides what is really a heading:

* a heading the format states (a Heading style, an outline level, a Markdown
  ``#``) is always a heading;
* a *candidate* (bold or numbered short line, an ALL-CAPS line in plain text)
  is a heading unless the next block is another candidate or heading at the
  same or a shallower level with no text between them: that is a contents
  list, not a heading;
* everything under a "Contents" heading, and lines with dot leaders and page
  numbers, are contents entries (kind ``toc``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lcsprlint.model import (
    Block,
    Comment,
    Directive,
    Document,
    ExtraText,
    Metadata,
    Section,
    TrackedChange,
)
from lcsprlint.textutil import (
    LABELLED_TITLE,
    count_words,
    is_marking,
    is_toc_entry,
    looks_like_title,
    normalise,
    number_depth,
    split_heading_number,
)

_CONTENTS = re.compile(r"^(table of )?contents$|^index$", re.IGNORECASE)
_APPENDIX = re.compile(
    r"^(appendix|appendices|annex|annexe|glossary|references|bibliography|"
    r"abbreviations|acronyms|glossary of terms)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)  # slots: a long draft makes thousands, each cheaper without a dict
class RawBlock:
    """What a reader saw, before headings and sections are settled.

    ``kind`` is ``heading`` only for headings the format states; pseudo-heading
    candidates are ``paragraph`` with ``candidate=True`` and a ``level``.
    ``paragraph`` is the reader's 1-based count of body paragraphs (0 lets the
    assembler number blocks itself).
    """

    kind: str
    text: str
    level: int | None = None
    number: str | None = None
    line: int | None = None
    paragraph: int = 0
    candidate: bool = False
    #: A run-in heading: the bold lead-in of a paragraph, one level below plain candidates.
    runin: bool = False
    list_style: str | None = None
    table: int | None = None
    row: int | None = None
    cells: tuple[str, ...] = ()
    bold: bool = False
    style: str | None = None


@dataclass
class Extras:
    """Everything besides the blocks that a reader may supply."""

    title: str | None = None
    comments: Sequence[Comment] = ()
    changes: Sequence[TrackedChange] = ()
    extras: Sequence[ExtraText] = ()
    directives: Sequence[Directive] = ()
    metadata: Metadata = field(default_factory=Metadata)
    track_revisions: bool = False


def _settle_headings(raw: list[RawBlock]) -> None:
    """Decide which candidates are headings, and mark contents entries, in place."""
    for rb in raw:
        if (rb.kind == "heading" or rb.candidate) and rb.number is None:
            rb.number = split_heading_number(rb.text)[0]
    # Contents lines with leaders are never headings.
    for rb in raw:
        if rb.kind in ("paragraph", "heading") and is_toc_entry(rb.text):
            rb.kind, rb.candidate = "toc", False

    _assign_levels(raw)
    # A candidate followed directly by a heading or candidate no deeper than itself
    # is a contents entry (or a stray bold line), not a heading.
    n = len(raw)
    for i, rb in enumerate(raw):
        if not rb.candidate or _CONTENTS.match(normalise(rb.text)):
            continue
        nxt = raw[i + 1] if i + 1 < n else None
        if nxt is None or (
            (nxt.kind == "heading" or nxt.candidate)
            and (nxt.level or 1) <= (rb.level or 1)
            and not _parent_of_labelled(rb, nxt)
        ):
            rb.candidate = False
            rb.kind = "paragraph"
            rb.level = None
    _assign_levels(raw)
    for rb in raw:
        if rb.candidate:
            rb.kind, rb.candidate = "heading", False

    # Everything under a "Contents" heading, up to the next heading at its level, is toc.
    in_contents_level: int | None = None
    for rb in raw:
        if rb.kind == "heading":
            level = rb.level or 1
            if in_contents_level is not None and level <= in_contents_level:
                in_contents_level = None
            if in_contents_level is None and _CONTENTS.match(normalise(rb.text)):
                in_contents_level = level
                continue
        if in_contents_level is not None and rb.kind != "heading":
            rb.kind = "toc"


def _parent_of_labelled(rb: RawBlock, nxt: RawBlock) -> bool:
    """Whether ``rb`` heads labelled items that follow it ("Findings" above "Finding 1: ...").

    Such a pair is a heading and its first item, not two lines of a contents list.
    """
    return (
        nxt.candidate
        and not nxt.number
        and bool(LABELLED_TITLE.match(nxt.text.strip()))
        and not LABELLED_TITLE.match(rb.text.strip())
    )


def _assign_levels(raw: list[RawBlock]) -> None:
    """Give candidates a level.

    A numbered candidate takes its number's depth; an unnumbered one sits one
    level below the last numbered or styled heading; a run-in heading sits one
    level below the last unnumbered candidate (or heading) before it.
    """
    last_level = 0  # the last styled or numbered heading
    last_plain = 0  # the last unnumbered candidate since then
    for rb in raw:
        if rb.kind == "heading":
            last_level, last_plain = rb.level or 1, 0
        elif rb.candidate:
            if rb.runin:
                rb.level = min((last_plain or last_level) + 1, 9)
            elif rb.number:
                rb.level = number_depth(rb.number) or 1
                last_level, last_plain = rb.level, 0
            else:
                rb.level = min(last_level + 1, 9)
                last_plain = rb.level


def assemble(path: str, fmt: str, raw: list[RawBlock], extras: Extras | None = None) -> Document:
    """Build the document model from raw blocks (which are mutated while settling)."""
    extras = extras or Extras()
    raw = [rb for rb in raw if rb.text.strip() or rb.cells]
    _settle_headings(raw)

    # First pass: headings -> section skeletons.
    heading_idx = [i for i, rb in enumerate(raw) if rb.kind == "heading"]
    n = len(raw)

    norms = [normalise(rb.text) for rb in raw]
    word_counts = [count_words(rb.text) for rb in raw]
    total_words = sum(word_counts)

    # Section spans.

    sec_levels: list[int] = [0]
    sec_starts: list[int] = [0]
    for h in heading_idx:
        sec_levels.append(raw[h].level or 1)
        sec_starts.append(h)
    count = len(sec_starts)
    # preamble ends at the first heading
    ends = [0] * count
    own_ends = [0] * count
    parents: list[int | None] = [None] * count
    stack: list[int] = [0]
    for s in range(1, count):
        lvl = sec_levels[s]
        while len(stack) > 1 and sec_levels[stack[-1]] >= lvl:
            closed = stack.pop()
            ends[closed] = sec_starts[s]
        parents[s] = stack[-1] if stack[-1] != 0 else None
        stack.append(s)
    for s in stack:
        ends[s] = n
    ends[0] = sec_starts[1] if count > 1 else n
    for s in range(count):
        own_ends[s] = sec_starts[s + 1] if s + 1 < count else n
    # A block belongs to the innermost section whose own text holds it.
    block_section = [0] * n
    for s in range(count):
        for i in range(sec_starts[s], own_ends[s]):
            block_section[i] = s

    # Word offsets.
    prefix = [0] * (n + 1)
    for i, w in enumerate(word_counts):
        prefix[i + 1] = prefix[i] + w

    titles: list[str] = [""]
    for h in heading_idx:
        titles.append(split_heading_number(raw[h].text)[1])

    appendix = [False] * count
    for s in range(1, count):
        parent = parents[s]
        appendix[s] = bool(_APPENDIX.match(normalise(titles[s]))) or (
            parent is not None and appendix[parent]
        )

    sections: list[Section] = []
    paths: list[tuple[str, ...]] = []
    for s in range(count):
        parent = parents[s]
        # Not ``path``: that name is the file's, given to the Document below.
        section_path = (paths[parent] if parent is not None else ()) + ((titles[s],) if s else ())
        paths.append(section_path)
        start, end = sec_starts[s], ends[s]
        words = prefix[end] - prefix[start]
        sections.append(
            Section(
                index=s,
                level=sec_levels[s],
                title=titles[s],
                norm_title=normalise(titles[s]).lower(),
                number=raw[start].number if s else None,
                heading=start if s else None,
                start=start,
                end=end,
                own_end=own_ends[s],
                parent=parent,
                words=words,
                word_start=prefix[start],
                share=(words / total_words) if total_words else 0.0,
                appendix=appendix[s],
                path=section_path,
            )
        )

    paragraphs: list[int] = []
    para_counter = 0
    for rb in raw:
        para_counter = rb.paragraph or para_counter + 1
        paragraphs.append(para_counter)
    blocks = [
        Block(
            index=i,
            kind=rb.kind,
            text=rb.text,
            norm=norms[i],
            paragraph=paragraphs[i],
            line=rb.line,
            section=block_section[i],
            words=word_counts[i],
            word_start=prefix[i],
            level=rb.level,
            number=rb.number,
            list_style=rb.list_style,
            table=rb.table,
            row=rb.row,
            cells=rb.cells,
            bold=rb.bold,
            style=rb.style,
        )
        for i, rb in enumerate(raw)
    ]

    title = extras.title
    if not title:
        title = next((b.text.strip() for b in blocks if b.kind == "title"), None)
    if not title:
        title = _first_heading_before_body(blocks) or extras.metadata.title or None

    return Document(
        path=path,
        format=fmt,
        title=title,
        blocks=tuple(blocks),
        sections=tuple(sections),
        words=total_words,
        comments=tuple(extras.comments),
        changes=tuple(extras.changes),
        extras=tuple(extras.extras),
        directives=tuple(extras.directives),
        metadata=extras.metadata,
        track_revisions=extras.track_revisions,
    )


def _first_heading_before_body(blocks: list[Block]) -> str | None:
    """The first line of a title page: the first heading, or a short title-like line.

    Hand-formatted drafts often open with bold lines ("SERIOUS CASE REVIEW:
    FAMILY K", "Overview report") that are too close together to be section
    headings; the first of them is still the title.
    """
    for b in blocks:
        if b.kind == "heading":
            return b.text.strip()
        if b.kind == "paragraph" and b.words <= 15 and is_marking(b.text):
            continue
        if b.kind == "paragraph" and b.words <= 15 and looks_like_title(b.text):
            return b.text.strip()
        if b.is_body and b.words > 25:
            return None
    return None
