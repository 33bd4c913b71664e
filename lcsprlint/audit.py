"""Audit mode: many published reviews, one compliance table.

The Panel and the What Works Centre evaluate reviews in bulk ("49 of 68
reports fully or partly met the requirements"), and partnerships compare
their reviews with their neighbours'. An audit checks every document like
``lcsprlint check`` does (the document type detected per file unless a
profile is given), then keeps only what a table needs: one row per document
(path, title, type, words, pages for a PDF) with each category's status, and
totals per category across the set. It is not a gate: nothing here decides an
exit code.

Statuses are those of the HTML report's overview
(:func:`lcsprlint.report.html.category_statuses`): ``met``, ``not-met`` (an
error or warning in the category), ``advisory`` (only info findings),
``unchecked`` (a rule of it failed on the file); a category that does not
apply to a document's type has no status (None). In the totals a category is
*met* by a document when its status is ``met`` or ``advisory``. Unreadable
files are listed with their cause and left out of the totals. Categories of
rules the engine implements itself (unused suppressions, type not detected)
are not columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lcsprlint.engine.runner import (
    ENGINE_CHECK,
    DetectingEngine,
    Engine,
    RunSpec,
    engine_for,
    read_for_check,
)
from lcsprlint.kinds.base import CheckKind
from lcsprlint.results import FileResult
from lcsprlint.rule import Rule

#: Statuses in the order the totals count them.
STATUSES = ("met", "not-met", "advisory", "unchecked")


@dataclass
class AuditRow:
    """One document: what it is, and each category's status (None: not applicable)."""

    path: str
    title: str | None = None
    profile: str | None = None
    format: str | None = None
    words: int | None = None
    pages: int | None = None
    statuses: dict[str, str | None] = field(default_factory=dict)
    findings: int = 0
    error: str | None = None
    result: FileResult | None = None


@dataclass(frozen=True)
class CategoryTotal:
    """How many documents met a category, of those it applies to."""

    category: str
    met: int
    not_met: int
    advisory: int
    unchecked: int

    @property
    def applicable(self) -> int:
        return self.met + self.not_met + self.advisory + self.unchecked

    @property
    def met_or_advisory(self) -> int:
        return self.met + self.advisory

    @property
    def share(self) -> float:
        return self.met_or_advisory / self.applicable if self.applicable else 0.0

    def describe(self) -> str:
        """ "key-questions: met in 41 of 68"."""
        return f"{self.category}: met in {self.met_or_advisory} of {self.applicable}"


@dataclass
class Audit:
    """The table: readable documents, unreadable ones, the category columns and totals."""

    rows: list[AuditRow]
    unreadable: list[AuditRow]
    categories: list[str]
    totals: list[CategoryTotal]


@dataclass
class _Facts:
    """What the reader knew and FileResult does not carry (computed where the file is read)."""

    title: str | None = None
    words: int | None = None
    pages: int | None = None


def _audit_one(engine: Engine | DetectingEngine, path: str) -> tuple[FileResult, _Facts]:
    doc = read_for_check(path, None, engine.debug)
    if isinstance(doc, FileResult):
        return doc, _Facts()
    result = engine.check_document(doc, path)
    pages = None
    if doc.format == "pdf":
        from lcsprlint.readers.pdf import page_count

        pages = page_count(path)
    return result, _Facts(doc.title, doc.words, pages)


# Worker processes build their engine once, like the runner's workers.
_WORKER_ENGINE: dict[str, Engine | DetectingEngine] = {}


def _init(spec: RunSpec, debug: bool) -> None:
    from lcsprlint.kinds import all_kinds

    _WORKER_ENGINE["engine"] = engine_for(spec, all_kinds(), debug=debug)


def _work(path: str) -> tuple[FileResult, _Facts]:
    return _audit_one(_WORKER_ENGINE["engine"], path)


def run_audit(
    files: Sequence[Path],
    spec: RunSpec,
    kinds: Mapping[str, CheckKind],
    rules: Mapping[str, Rule],
    *,
    jobs: int | None = 1,
    debug: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> Audit:
    """Check every file and build the table; rows keep input order whatever ``jobs`` is.

    ``rules`` are all the rules that may run (by id), for the category columns.
    With ``jobs`` > 1 the workers load the built-in kinds and plugins themselves.
    """
    import os

    paths = [str(f) for f in files]
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    out: list[tuple[FileResult, _Facts] | None] = [None] * len(paths)
    if workers <= 1:
        engine = engine_for(spec, kinds, debug=debug)
        for n, p in enumerate(paths):
            out[n] = _audit_one(engine, p)
            if progress is not None:
                progress(out[n][0])  # type: ignore[index]
    else:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(spec, debug)) as pool:
            futures = {pool.submit(_work, p): n for n, p in enumerate(paths)}
            for future in as_completed(futures):
                out[futures[future]] = future.result()
                if progress is not None:
                    progress(future.result()[0])
    return build_audit([o for o in out if o is not None], rules)


def build_audit(done: Iterable[tuple[FileResult, Any]], rules: Mapping[str, Rule]) -> Audit:
    """The table from checked files (``(result, facts)`` pairs, facts with title/words/pages)."""
    from lcsprlint.report.html import category_statuses

    engine_categories = {r.category for r in rules.values() if r.check == ENGINE_CHECK}
    rows: list[AuditRow] = []
    unreadable: list[AuditRow] = []
    categories: list[str] = []
    for result, facts in done:
        if result.error:
            unreadable.append(AuditRow(path=result.path, error=result.error, result=result))
            continue
        statuses = {
            c: s for c, s in category_statuses(result, rules).items() if c not in engine_categories
        }
        for c in statuses:
            if c not in categories:
                categories.append(c)
        rows.append(
            AuditRow(
                path=result.path,
                title=facts.title,
                profile=result.profile,
                format=result.format,
                words=facts.words,
                pages=facts.pages,
                statuses=dict(statuses),
                findings=len(result.findings),
                result=result,
            )
        )
    for row in rows:
        row.statuses = {c: row.statuses.get(c) for c in categories}
    totals = [
        CategoryTotal(
            c,
            *(sum(1 for r in rows if r.statuses.get(c) == s) for s in STATUSES),
        )
        for c in categories
    ]
    return Audit(rows, unreadable, categories, totals)
