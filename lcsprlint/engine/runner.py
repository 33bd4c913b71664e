"""Running rules on documents: the Engine, and checking many files.

An :class:`Engine` builds every rule's check once (patterns are compiled in
the kind's ``build``), then checks any number of documents. A rule whose
pattern runs past its time limit is reported in ``FileResult.rule_errors``
and disabled for the rest of the run in that process; the other rules still
run. Hits become findings with the rule's message, severity and a location an
author recognises; findings come back in document order (findings about the
whole document first), deduplicated, with suppressions applied.

:func:`check_paths` expands folders and checks every file, in-process or
across processes (``jobs``), returning results in input order whatever the
number of processes; a file that cannot be read gives a result with
``error`` set, and the others go on.
"""

from __future__ import annotations

import glob
import os
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lcsprlint.engine.detect import PROFILE_UNDETECTED, detect_profile
from lcsprlint.engine.locate import block_location
from lcsprlint.engine.selection import ignored_for, matches
from lcsprlint.engine.suppress import (
    UNUSED_SUPPRESSION,
    apply_suppressions,
    parse_suppressions,
    unused_findings,
)
from lcsprlint.errors import InputError, RuleTimeout
from lcsprlint.kinds.base import Check, CheckKind, Hit
from lcsprlint.model import Document
from lcsprlint.results import FileResult, Finding, Location
from lcsprlint.rule import Rule
from lcsprlint.safety import withhold_document_text
from lcsprlint.textutil import LazyPattern

#: The check name of rules the engine implements itself (LINT001).
ENGINE_CHECK = "engine"


@dataclass(frozen=True)
class RunSpec:
    """Everything an Engine needs besides the kinds; picklable, so it can go to workers.

    ``rules`` are the rules that run (selected, overrides applied; include
    :data:`~lcsprlint.engine.suppress.UNUSED_SUPPRESSION` to report unused
    suppressions). ``per_file_ignores`` globs are relative to ``root``.
    ``regex_timeout`` None leaves the process's pattern time limit as it is.

    ``by_profile`` non-empty (or ``plan_profile`` set) means the document
    type is detected per file: it holds the rules of each other profile a
    document may be detected as, and ``rules`` / ``profile`` are the fallback
    used when the type cannot be told (with a LINT002 note when ``rules``
    include that rule). ``plan_profile(profile, kinds)`` gives the rules of a
    profile not in ``by_profile`` (None if it knows none), planned in the
    process that first checks a document of that type; it must be picklable
    (:class:`~lcsprlint.engine.plan.ProfilePlan`).
    """

    rules: tuple[Rule, ...]
    profile: str | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: str | None = None
    regex_timeout: float | None = None
    snippets: bool = True
    fail_on: str = "warning"
    by_profile: tuple[tuple[str, tuple[Rule, ...]], ...] = ()
    plan_profile: Callable[[str, Mapping[str, CheckKind]], tuple[Rule, ...] | None] | None = None


class _SafeFormatter(string.Formatter):
    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        return kwargs[key]


def format_message(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{field}`` from ``values``; unknown or broken fields stay as written.

    Rule authors write messages by hand, so a typo in a field name must not
    crash a run or lose the message. Lists are joined with commas.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return template
    fmt = _SafeFormatter()
    out = []
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        raw = (
            "{"
            + name
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
        if name not in values or _too_wide(spec):
            out.append(raw)
            continue
        value = values[name]
        if isinstance(value, (list, tuple, set, frozenset)):
            value = ", ".join(str(v) for v in value)
        try:
            if conversion:
                value = fmt.convert_field(value, conversion)
            out.append(fmt.format_field(value, spec or ""))
        except (ValueError, TypeError):
            out.append(raw)
    return "".join(out)


#: Widest field a message may pad to: ``{match:>200000000}`` in a rule file from
#: elsewhere would otherwise build a 200 MB message for every finding.
_MAX_FIELD_WIDTH = 200
_DIGITS = LazyPattern(r"\d+")


def _too_wide(spec: str | None) -> bool:
    return bool(spec) and any(int(n) > _MAX_FIELD_WIDTH for n in _DIGITS.findall(spec or ""))


def hit_location(doc: Document, hit: Hit) -> Location:
    """Where a hit stands: its block, else its section's heading, else the whole document."""
    block = hit.block
    if block is None and hit.section is not None and 0 <= hit.section < len(doc.sections):
        sec = doc.sections[hit.section]
        if sec.heading is None:
            return Location(section=sec.title or None, section_path=sec.path, story=hit.story)
        block = sec.heading
    if block is not None and 0 <= block < len(doc.blocks):
        return block_location(doc, block, story=hit.story)
    return Location(story=hit.story)


def _order(f: Finding) -> tuple[int, int]:
    block = f.location.block
    return (0, 0) if block is None else (1, block)


class Engine:
    """Rules with their checks built once, ready to check documents."""

    def __init__(
        self,
        rules: Iterable[Rule],
        kinds: Mapping[str, CheckKind],
        *,
        profile: str | None = None,
        per_file_ignores: Sequence[tuple[str, Sequence[str]]] = (),
        root: str | Path | None = None,
        snippets: bool = True,
        regex_timeout: float | None = None,
        debug: bool = False,
    ) -> None:
        self.profile = profile
        self.debug = debug
        self.per_file_ignores = tuple((g, tuple(s)) for g, s in per_file_ignores)
        self.root = root
        self.snippets = snippets
        self.regex_timeout = regex_timeout
        self.rules: list[Rule] = sorted(
            (r for r in rules if r.applies_to(profile)), key=lambda r: r.id
        )
        self.unused_rule: Rule | None = None
        self._checks: list[tuple[Rule, Check]] = []
        for rule in self.rules:
            if rule.check == ENGINE_CHECK:
                if rule.id == UNUSED_SUPPRESSION.id:
                    self.unused_rule = rule
                continue
            kind = kinds.get(rule.check)
            if kind is None:
                raise KeyError(f"rule {rule.id}: no check kind {rule.check!r}")
            self._checks.append((rule, kind.build(rule.params)))
        self._known = {r.name for r in self.rules} | {r.category for r in self.rules}
        #: Rules that timed out in this process: id -> cause.
        self.failed: dict[str, str] = {}

    @classmethod
    def from_spec(
        cls, spec: RunSpec, kinds: Mapping[str, CheckKind], *, debug: bool = False
    ) -> Engine:
        return cls(
            spec.rules,
            kinds,
            profile=spec.profile,
            per_file_ignores=spec.per_file_ignores,
            root=spec.root,
            snippets=spec.snippets,
            regex_timeout=spec.regex_timeout,
            debug=debug,
        )

    def check_document(
        self, doc: Document, path: str | None = None, engine_hits: Mapping[str, Hit] | None = None
    ) -> FileResult:
        """Run every rule on one document and return its findings in document order.

        ``engine_hits`` are findings of rules the engine implements itself
        (LINT002), by rule id: reported like any other when the rule is
        among this engine's rules, so selection, per-file ignores and
        suppressions apply to them too.
        """
        if self.regex_timeout is not None:
            from lcsprlint.kinds.patterns import set_timeout

            set_timeout(self.regex_timeout)
        result = FileResult(path=path or doc.path, format=doc.format, profile=self.profile)
        ignored = (
            ignored_for(result.path, self.per_file_ignores, self.root)
            if self.per_file_ignores
            else ()
        )
        findings: list[Finding] = []
        ran: list[Rule] = []
        for rule, check in self._checks:
            if _ignored(rule, ignored):
                continue
            if rule.id in self.failed:
                result.rule_errors.append(f"{rule.id}: {self.failed[rule.id]}")
                continue
            try:
                hits = list(check(doc))
            except RuleTimeout as exc:
                cause = f"{exc}; rule disabled for the rest of this run"
                self.failed[rule.id] = cause
                result.rule_errors.append(f"{rule.id}: {cause}")
                continue
            except Exception as exc:
                if self.debug:
                    raise
                result.rule_errors.append(
                    f"{rule.id}: internal error in check kind '{rule.check}' "
                    f"({type(exc).__name__}); rerun with --debug"
                )
                continue
            ran.append(rule)
            findings.extend(self._finding(doc, rule, hit) for hit in hits)
        if engine_hits:
            for rule in self.rules:
                own = engine_hits.get(rule.id) if rule.check == ENGINE_CHECK else None
                if own is not None and not _ignored(rule, ignored):
                    ran.append(rule)
                    findings.insert(0, self._finding(doc, rule, own))  # first: it frames the rest

        findings = _dedupe(sorted(findings, key=_order))
        suppressions = parse_suppressions(doc, self._known)
        if suppressions:
            findings, result.suppressed = apply_suppressions(findings, suppressions)
            unused = self.unused_rule
            if unused is not None and not _ignored(unused, ignored):
                findings.extend(unused_findings(suppressions, ran, unused))
                findings = sorted(findings, key=_order)
        result.findings = findings
        return result

    def check_path(self, path: str | Path) -> FileResult:
        """Read and check one file; an unreadable file gives a result with ``error`` set."""
        doc = read_for_check(path, self.profile, self.debug)
        return doc if isinstance(doc, FileResult) else self.check_document(doc, str(path))

    def _finding(self, doc: Document, rule: Rule, hit: Hit) -> Finding:
        full = self._make(rule, hit.values, hit.note, hit_location(doc, hit), hit.snippet)
        if self.snippets:
            return full
        # No document text at all, not in messages nor headings; the fingerprint is
        # the full finding's, so a baseline matches with or without --no-snippets.
        values, note, location = withhold_document_text(doc, hit.values, hit.note, full.location)
        return replace(self._make(rule, values, note, location, None), key=full.fingerprint())

    @staticmethod
    def _make(
        rule: Rule, values: Any, note: str | None, location: Location, snippet: str | None
    ) -> Finding:
        message = format_message(rule.message, values)
        if note:
            message = f"{message} {note}"
        return Finding(
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=rule.severity,
            message=message,
            location=location,
            snippet=snippet,
        )


def read_for_check(path: str | Path, profile: str | None, debug: bool) -> Document | FileResult:
    """The document at ``path``, or the FileResult (``error`` set) saying why it cannot be read."""
    name = str(path)
    try:
        if not Path(path).exists():
            raise InputError(name, "no such file or folder")
        from lcsprlint.readers import read_document

        return read_document(path)
    except InputError as exc:
        return FileResult(path=name, profile=profile, error=exc.cause)
    except Exception as exc:
        if debug:
            raise
        return FileResult(
            path=name,
            profile=profile,
            error=f"internal error while reading ({type(exc).__name__}); rerun with --debug",
        )


class DetectingEngine:
    """An Engine per profile; each document is checked under the type its own words give.

    Built once per RunSpec (and process); each profile's Engine (the
    fallback's too) is built the first time a document of that type comes,
    its rules planned then if the spec left them for later, so its checks are
    compiled at most once per run and not at all when no document needs them.
    A document whose type cannot be told is checked under the spec's fallback
    profile, with a LINT002 note saying so.
    """

    def __init__(
        self, spec: RunSpec, kinds: Mapping[str, CheckKind], *, debug: bool = False
    ) -> None:
        self.debug = debug
        self.kinds = kinds
        self._base = replace(spec, by_profile=(), plan_profile=None)
        self._plan = spec.plan_profile
        self._fallback: Engine | None = None
        self.specs = {
            p: replace(self._base, rules=rules, profile=p) for p, rules in spec.by_profile
        }
        self.engines: dict[str, Engine] = {}

    @property
    def fallback(self) -> Engine:
        """The Engine of the spec's own rules and profile (built on first use)."""
        if self._fallback is None:
            self._fallback = Engine.from_spec(self._base, self.kinds, debug=self.debug)
            if self._base.profile is not None:
                self.engines.setdefault(self._base.profile, self._fallback)
        return self._fallback

    def engine(self, profile: str | None) -> Engine | None:
        """The Engine of a profile (built on first use); None for an unknown or no profile."""
        if profile is None:
            return None
        if profile == self._base.profile:
            return self.fallback
        if profile not in self.engines:
            spec = self.specs.get(profile)
            if spec is None and self._plan is not None:
                rules = self._plan(profile, self.kinds)
                if rules is not None:
                    spec = self.specs[profile] = replace(self._base, rules=rules, profile=profile)
            if spec is None:
                return None
            self.engines[profile] = Engine.from_spec(spec, self.kinds, debug=self.debug)
        return self.engines[profile]

    def check_document(self, doc: Document, path: str | None = None) -> FileResult:
        """Check a document under its detected profile, or the fallback with a LINT002 note."""
        profile, _reason = detect_profile(doc)
        engine = self.engine(profile)
        if engine is not None:
            return engine.check_document(doc, path)
        note = Hit(values={"profile": self.fallback.profile})
        return self.fallback.check_document(doc, path, {PROFILE_UNDETECTED.id: note})

    def check_path(self, path: str | Path) -> FileResult:
        """Read, detect and check one file; an unreadable file has no profile."""
        doc = read_for_check(path, None, self.debug)
        return doc if isinstance(doc, FileResult) else self.check_document(doc, str(path))


def engine_for(
    spec: RunSpec, kinds: Mapping[str, CheckKind], *, debug: bool = False
) -> Engine | DetectingEngine:
    """The engine a RunSpec asks for: one profile, or one per detected document type."""
    if spec.by_profile or spec.plan_profile is not None:
        return DetectingEngine(spec, kinds, debug=debug)
    return Engine.from_spec(spec, kinds, debug=debug)


def _ignored(rule: Rule, selectors: Sequence[str]) -> bool:
    return any(matches(s, rule) for s in selectors)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[Finding] = set()
    out = []
    for f in findings:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def _skipped(rel_parts: Sequence[str]) -> bool:
    return any(p.startswith(".") for p in rel_parts) or rel_parts[-1].startswith("~$")


def _chosen_parts(match: Path, pattern: Path) -> tuple[str, ...]:
    """The parts of a glob match that its wildcards chose, not the folders the user wrote.

    ``../drafts/*.docx`` or ``/home/me/.cache/x/*.md`` name hidden-looking
    folders on purpose; only what the wildcards found is tested for hidden
    and lock files.
    """
    fixed = 0
    for part in pattern.parts:
        if glob.has_magic(part):
            break
        fixed += 1
    return match.parts[fixed:] or match.parts[-1:]


def expand_paths(
    paths: Iterable[str | Path], extensions: Sequence[str] | None = None
) -> list[Path]:
    """Files to check, in argument order, folders expanded recursively and sorted.

    Inside folders, hidden files and folders and Word lock files (``~$*``)
    are skipped and only supported extensions are taken. A path that does
    not exist but looks like a glob is expanded; otherwise it is kept, so
    that it is reported as missing rather than silently dropped. Each file
    appears once.
    """
    from lcsprlint.readers import SUPPORTED_EXTENSIONS

    wanted = tuple(extensions) if extensions is not None else SUPPORTED_EXTENSIONS

    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve() if p.exists() else p
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and not _skipped(rel) and f.suffix.lower() in wanted:
                    add(f)
        elif not p.exists() and glob.has_magic(str(raw)):
            matched = sorted(glob.glob(str(raw), recursive=True))
            if not matched:
                add(p)
            for m in matched:
                mp = Path(m)
                if mp.is_file() and not _skipped(_chosen_parts(mp, p)):
                    add(mp)
        else:
            add(p)
    return out


# State of a worker process: its specs, kinds and the engines it built (once per process).
_WORKER: dict[str, Any] = {}


def _init_worker(
    specs: Sequence[RunSpec], kinds: Mapping[str, CheckKind] | None, debug: bool
) -> None:
    if kinds is None:
        from lcsprlint.kinds import all_kinds

        kinds = all_kinds()
    _WORKER.update(specs=specs, kinds=kinds, engines={}, debug=debug)


def _work(task: tuple[int, str]) -> FileResult:
    index, path = task
    engines: dict[int, Engine | DetectingEngine] = _WORKER["engines"]
    engine = engines.get(index)
    if engine is None:
        engine = engines[index] = engine_for(
            _WORKER["specs"][index], _WORKER["kinds"], debug=_WORKER["debug"]
        )
    return engine.check_path(path)


def _picklable(obj: Any) -> bool:
    import pickle

    try:
        pickle.dumps(obj)
    except Exception:
        return False
    return True


def check_paths(
    paths: Iterable[str | Path],
    spec: RunSpec | Callable[[Path], RunSpec],
    kinds: Mapping[str, CheckKind] | None = None,
    *,
    jobs: int | None = 1,
    debug: bool = False,
    expand: bool = True,
    progress: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Check files and folders; results in input order, whatever ``jobs`` is.

    ``spec`` is one RunSpec for every file, or a function giving each file's
    (configuration differs per folder); specs returned as the same object
    share one engine. ``kinds`` None means :func:`lcsprlint.kinds.all_kinds`.
    ``jobs`` is the number of processes (None: the CPU count); with one, or
    one file, everything runs in this process.

    ``progress``, if given, is called in this process with each file's result
    as soon as that file is done (in completion order when ``jobs`` > 1), so
    a progress bar can count files; the returned list keeps input order.
    """
    files = expand_paths(paths) if expand else [Path(p) for p in paths]
    spec_for = spec if callable(spec) else (lambda _p, _s=spec: _s)
    specs: list[RunSpec] = []
    index_of: dict[int, int] = {}
    tasks: list[tuple[int, str]] = []
    for f in files:
        s = spec_for(f)
        if id(s) not in index_of:
            index_of[id(s)] = len(specs)
            specs.append(s)
        tasks.append((index_of[id(s)], str(f)))

    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        if kinds is None:
            from lcsprlint.kinds import all_kinds

            kinds = all_kinds()
        engines = [engine_for(s, kinds, debug=debug) for s in specs]
        results = []
        for i, p in tasks:
            results.append(engines[i].check_path(p))
            if progress is not None:
                progress(results[-1])
        return results

    # Imported only for a pool: a one-file check (a pre-commit hook) never needs them.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    shipped = kinds if kinds is not None and _picklable(kinds) else None
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(specs, shipped, debug)
    ) as pool:
        if progress is None:
            chunk = max(1, min(16, len(tasks) // (workers * 4)))
            return list(pool.map(_work, tasks, chunksize=chunk))
        # One future per file, so each can be counted the moment it is done.
        futures = {pool.submit(_work, task): n for n, task in enumerate(tasks)}
        done: list[FileResult | None] = [None] * len(tasks)
        for future in as_completed(futures):
            result = future.result()
            done[futures[future]] = result
            progress(result)
        return [r for r in done if r is not None]
