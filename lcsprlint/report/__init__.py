"""Reporters: one module per output format behind one small interface.

A reporter reads findings and rule metadata only; it never sees documents or
file formats. Adding a format is one new module plus an entry in
``_REPORTERS``. Modules are imported on demand so that the CLI starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from lcsprlint.results import FileResult
from lcsprlint.rule import Rule

#: format name -> module under lcsprlint.report that defines ``render``.
_REPORTERS = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "html": "html",
}


@dataclass(frozen=True)
class ReportOptions:
    """What the user asked of the output.

    ``no_snippets`` keeps document text out of every format (a shared CI log
    should not print what it found). ``color`` None means: decide from the
    terminal and ``NO_COLOR``. ``root`` is the folder paths are made relative to.
    """

    no_snippets: bool = False
    color: bool | None = None
    statistics: bool = False
    root: str = "."
    version: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)


class Render(Protocol):
    def __call__(
        self, results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions
    ) -> str: ...


def formats() -> tuple[str, ...]:
    """Every output format name, for the CLI's choices."""
    return tuple(_REPORTERS)


def get_reporter(name: str) -> Render:
    """The ``render`` function of a format; ValueError for an unknown name."""
    try:
        module = _REPORTERS[name]
    except KeyError:
        raise ValueError(f"unknown output format {name!r}") from None
    return importlib.import_module(f"lcsprlint.report.{module}").render


def summary_counts(results: Sequence[FileResult]) -> dict[str, int]:
    """Counts every format shares: files, findings by severity, unreadable files."""
    return {
        "files": len(results),
        "errors": sum(r.count("error") for r in results),
        "warnings": sum(r.count("warning") for r in results),
        "infos": sum(r.count("info") for r in results),
        "unreadable": sum(1 for r in results if r.error),
    }


def one_line_summary(results: Sequence[FileResult]) -> str:
    """One line such as: 3 files: 2 errors, 5 warnings, 1 info; 1 unreadable."""
    c = summary_counts(results)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    line = (
        f"{plural(c['files'], 'file')}: {plural(c['errors'], 'error')}, "
        f"{plural(c['warnings'], 'warning')}, {c['infos']} info"
    )
    if c["unreadable"]:
        line += f"; {c['unreadable']} unreadable"
    return line
