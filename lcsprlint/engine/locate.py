"""Where a block stands, in the terms a finding reports (section, paragraph, line, page)."""

from __future__ import annotations

from lcsprlint.model import Document
from lcsprlint.results import Location


def block_location(
    doc: Document, index: int, *, story: str = "body", line: int | None = None
) -> Location:
    """The location of block ``index``: its innermost section, paragraph, line and page."""
    b = doc.blocks[index]
    sec = doc.sections[b.section]
    return Location(
        section=sec.title or None,
        section_path=sec.path,
        paragraph=b.paragraph,
        line=line if line is not None else b.line,
        block=b.index,
        story=story,
        page=b.page,
    )
