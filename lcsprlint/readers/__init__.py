"""Readers: each turns one file format into the one document model.

Readers know file formats and nothing about rules. :func:`read_document`
sniffs the content (not only the extension), refuses what it cannot read with
an :class:`~lcsprlint.errors.InputError` naming the cause, and dispatches to
the reader for the format. Readers are imported lazily: each format's code
is loaded only when a file of that format is read (and reading a .docx never
loads python-docx, which only ``annotate`` uses).
"""

from __future__ import annotations

from pathlib import Path

from lcsprlint.model import Document

#: Extensions of drafts, checked when a folder is given to ``check``.
SUPPORTED_EXTENSIONS = (".docx", ".md", ".markdown", ".txt", ".odt")
#: ``audit`` also takes published PDFs from folders (a PDF named on the command
#: line is read by ``check`` too); a drafts folder often holds PDFs that are not drafts.
AUDIT_EXTENSIONS = (*SUPPORTED_EXTENSIONS, ".pdf")


def read_document(path: str | Path) -> Document:
    """Read any supported file into a Document, or raise InputError."""
    from lcsprlint.readers.sniff import sniff

    p = Path(path)
    fmt = sniff(p)
    if fmt == "docx":
        from lcsprlint.readers.docx import read_docx

        return read_docx(p, sniffed=True)  # sniffed just above: not twice
    if fmt == "pdf":
        from lcsprlint.readers.pdf import read_pdf

        return read_pdf(p)
    if fmt == "odt":
        from lcsprlint.readers.odt import read_odt

        return read_odt(p)
    if fmt == "markdown":
        from lcsprlint.readers.markdown import read_markdown

        return read_markdown(p)
    from lcsprlint.readers.text import read_text

    return read_text(p)
