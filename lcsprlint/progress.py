"""A progress bar on stderr for long batch runs, and nothing otherwise.

A sweep of a shared folder can take minutes; an author at a terminal should
see it moving. The bar lives on stderr only, is removed when done, and never
captures stdout, so a report piped to a file or another tool is byte for byte
the same with or without it. CI logs (stderr not a terminal) never get one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lcsprlint.results import FileResult

#: Fewer files than this finish too fast for a bar to help.
MIN_FILES = 6


def stderr_is_terminal() -> bool:
    """Whether stderr is an interactive terminal (tests replace this)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def wanted(total: int, quiet: bool) -> bool:
    """A bar only helps a person watching a terminal, with more than a few files to go."""
    return not quiet and total >= MIN_FILES and stderr_is_terminal()


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Callable[[FileResult], None] | None]:
    """Yield a callback counting finished files, or None when no bar is wanted."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=sys.stderr, force_terminal=True, highlight=False, emoji=False)
    bar = Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}", style="dim"),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    task = bar.add_task("check", total=total, name="")

    def advance(result: FileResult) -> None:
        bar.update(task, advance=1, name=Path(result.path).name)

    with bar:
        yield advance
