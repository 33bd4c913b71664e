"""Pieces of OpenDocument text built with odfpy, shared by the .odt reader tests and fuzzers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def odt_table(name: str, rows: Iterable[tuple[str, ...]], columns: int | None = None) -> Any:
    """A ``table:table`` of one paragraph per cell; ``columns``: declare that many columns first."""
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    table = Table(name=name)
    if columns is not None:
        table.addElement(TableColumn(numbercolumnsrepeated=columns))
    for texts in rows:
        row = TableRow()
        for text in texts:
            cell = TableCell()
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    return table
