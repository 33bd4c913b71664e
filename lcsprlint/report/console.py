"""One way to make a rich Console for lcsprlint's own text output.

Every text output (findings, statistics, rule tests, the audit table) wants
the same settings: colour only when asked for, plain ANSI colours, no
highlighting of numbers or emoji codes in document-derived text, and a fixed
width so output is the same in a terminal, a pipe and a test.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def make_console(file: IO[str], *, color: bool, width: int) -> Console:
    """A Console writing to ``file`` at ``width`` columns, in colour only if ``color``."""
    from rich.console import Console

    return Console(
        file=file,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
    )
