"""What a rule sees: the outline of a document (``lcsprlint outline``).

When a rule did or did not fire, the first question is which headings the
reader found, where, and how much of the report each takes. This module turns
a :class:`~lcsprlint.model.Document` into that outline, as plain data (the
JSON contract) and as text.
"""

from __future__ import annotations

from typing import Any

from lcsprlint.engine.builtin import DEFAULT_PROFILE
from lcsprlint.engine.detect import detect_profile
from lcsprlint.model import Block, Document


def outline_data(doc: Document, path: str | None = None) -> dict[str, Any]:
    """The outline as the JSON contract of issue 2.

    ``paragraph`` is the heading's 1-based paragraph index (``page`` its page, for
    a PDF; null elsewhere); ``words`` the
    section's words including subsections; ``share`` its fraction of the
    document's words (0..1, four decimals). ``comments`` and
    ``tracked_changes`` are counts.
    """
    sections = []
    for s in doc.headings():
        heading = doc.blocks[s.heading] if s.heading is not None else None
        sections.append(
            {
                "level": s.level,
                "number": s.number,
                "title": s.title,
                "paragraph": heading.paragraph if heading is not None else None,
                "page": heading.page if heading is not None else None,
                "words": s.words,
                "share": round(s.share, 4),
            }
        )
    return {
        "path": path if path is not None else doc.path,
        "format": doc.format,
        "title": doc.title,
        "words": doc.words,
        "sections": sections,
        "comments": len(doc.comments),
        "tracked_changes": len(doc.changes),
    }


def document_type_line(doc: Document) -> str:
    """Which rule pack ``check`` would choose without ``--profile``, and why."""
    profile, reason = detect_profile(doc)
    if profile is None:
        return (
            f"document type: not detected ({reason}); checked as {DEFAULT_PROFILE} "
            "unless a profile is set (--profile, or profile: in the configuration)"
        )
    return f"document type: {profile} ({reason})"


def _position_unit(doc: Document) -> str:
    """How the outline places headings: by source line, by page (PDF) or by paragraph."""
    if any(b.line is not None for b in doc.blocks):
        return "line"
    if any(b.page is not None for b in doc.blocks):
        return "page"
    return "para"


def _position(b: Block, unit: str) -> int | str:
    if unit == "line" and b.line:
        return b.line
    if unit == "page" and b.page:
        return b.page
    return b.paragraph


def outline_text(doc: Document, path: str | None = None) -> str:
    """The outline as aligned text, one heading per line, indented by level."""
    where = path if path is not None else doc.path
    lines = [f"{where} ({doc.format}): {doc.words} words"]
    lines.append(f"title: {doc.title}" if doc.title else "title: (none found)")
    lines.append(document_type_line(doc))
    headings = list(doc.headings())
    if not headings:
        lines.append("no headings found")
    else:
        unit = _position_unit(doc)
        lines.append(f"{'level':>5}  {unit:>5}  {'words':>6}  {'share':>6}  heading")
        for s in headings:
            b = doc.blocks[s.heading] if s.heading is not None else None
            pos = "" if b is None else _position(b, unit)
            title = (f"{s.number} " if s.number else "") + s.title
            indent = "  " * max(0, s.level - 1)
            lines.append(
                f"{s.level:>5}  {pos!s:>5}  {s.words:>6}  {s.share:>6.1%}  {indent}{title}"
            )
    lines.append(f"comments: {len(doc.comments)}, tracked changes: {len(doc.changes)}")
    return "\n".join(lines) + "\n"
