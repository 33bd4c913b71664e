"""Testing rule files against annotated drafts (``lcsprlint test-rules``).

A partnership that writes its own rules needs to know they fire where they
should and nowhere else, the way Semgrep rule authors keep an annotated test
file beside each rule. Beside ``NAME.yaml`` sit its *fixtures*: small drafts
named ``NAME.test.md`` (or ``.markdown``, ``.txt``, ``.docx``), and more
as ``NAME.test.LABEL.md``, since a rule about the whole document needs one
draft where it fires and another where it does not.

Markdown and text fixtures mark what they expect with HTML comments::

    <!-- expect: LOCAL101 document -->   the rule fires on the whole document
    <!-- expect: LOCAL101, LOCAL102 -->  both fire on the next block
    <!-- ok: LOCAL101 -->                it must not fire on the next block

A finding about a section stands on its heading, so the comment goes before
the heading. A ``.docx`` cannot hold such comments, so its expectations sit
in a sidecar ``NAME.test.expect.yaml`` (``NAME.expect.yaml`` is accepted
too)::

    expect:
      - {rule: LOCAL101, paragraph: 4}        # paragraph numbers as `lcsprlint check` shows them
      - {rule: LOCAL102, paragraph: document}
    ok:
      - {rule: LOCAL101, paragraph: 9}

Only the rules of the file under test run on its fixtures. A finding of one
of them at a place with no expectation for that rule is *unexpected* and
fails the test, as does an ``expect`` with no finding (*missed*) and an
``ok`` with one. Nothing here prints: the CLI renders the results with
:func:`render_text` or :func:`render_json`.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lcsprlint.errors import InputError, RuleFileError
from lcsprlint.kinds.base import CheckKind
from lcsprlint.model import Document
from lcsprlint.results import Finding
from lcsprlint.rule import Rule

#: Fixture extensions, in the order fixtures of one rule file are run.
FIXTURE_SUFFIXES = (".md", ".markdown", ".txt", ".docx")
#: The word that makes an expectation about the whole document.
DOCUMENT = "document"

_DIRECTIVE = re.compile(r"^(?P<verb>expect|ok)\s*:\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_SEPARATORS = re.compile(r"[,\s]+")
_SIDECAR_KEYS = ("expect", "ok")


class FixtureError(Exception):
    """A fixture that cannot be used as written (one line, never quoting the draft)."""


@dataclass(frozen=True)
class Expectation:
    """One marked expectation: ``rule`` must fire (``fire``) or not at ``place``.

    ``place`` is a block index for Markdown and text, a paragraph number for
    .docx, and None for the whole document. ``where`` says it for people.
    """

    rule: str
    fire: bool
    place: int | None
    where: str


@dataclass(frozen=True)
class Mismatch:
    """A difference between a fixture's expectations and the findings.

    ``problem`` is ``missed`` (an expect with no finding) or ``unexpected`` (a
    finding where none was expected; ``marked_ok`` when an ``ok`` said so).
    """

    rule: str
    problem: str
    where: str
    message: str = ""
    marked_ok: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "problem": self.problem,
            "where": self.where,
            "message": self.message,
            "marked_ok": self.marked_ok,
        }


@dataclass
class FixtureResult:
    """The outcome of running a rule file's rules on one fixture."""

    path: str
    checks: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None
    #: Rules with at least one ``expect`` in this fixture.
    expected_rules: frozenset[str] = frozenset()

    @property
    def passed(self) -> bool:
        return self.error is None and not self.mismatches

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "passed": self.passed,
            "checks": self.checks,
            "error": self.error,
            "missed": [m.as_dict() for m in self.mismatches if m.problem == "missed"],
            "unexpected": [m.as_dict() for m in self.mismatches if m.problem == "unexpected"],
        }


@dataclass
class RuleFileResult:
    """The outcome for one rule file: its load problems, or each fixture's result."""

    path: str
    rules: tuple[str, ...] = ()
    fixtures: list[FixtureResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    require_fixtures: bool = False

    @property
    def untested(self) -> tuple[str, ...]:
        """Rules no fixture expects to fire anywhere: nothing shows that they work."""
        covered: set[str] = set()
        for f in self.fixtures:
            covered |= f.expected_rules
        return tuple(r for r in self.rules if r not in covered)

    @property
    def status(self) -> str:
        if self.problems:
            return "error"
        if not self.fixtures:
            return "no fixtures"
        if any(not f.passed for f in self.fixtures):
            return "fail"
        if self.require_fixtures and self.untested:
            return "fail"
        return "pass"

    @property
    def failed(self) -> bool:
        status = self.status
        return status in ("error", "fail") or (status == "no fixtures" and self.require_fixtures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "failed": self.failed,
            "rules": list(self.rules),
            "untested": list(self.untested) if not self.problems else [],
            "problems": list(self.problems),
            "fixtures": [f.as_dict() for f in self.fixtures],
        }


# -- finding the files -----------------------------------------------------------------


def fixtures_for(rule_file: Path) -> list[Path]:
    """The fixtures beside a rule file: ``NAME.test.EXT`` then ``NAME.test.LABEL.EXT``, sorted."""
    stem = rule_file.stem
    folder = rule_file.parent
    found = []
    for p in folder.glob(f"{_glob_escape(stem)}.test*"):
        if not p.is_file() or p.suffix.lower() not in FIXTURE_SUFFIXES:
            continue
        middle = p.name[len(stem) : -len(p.suffix)]
        if middle == ".test" or (middle.startswith(".test.") and len(middle) > len(".test.")):
            found.append(p)
    return sorted(found, key=lambda p: (p.name[len(stem) : -len(p.suffix)] != ".test", p.name))


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def sidecar_for(fixture: Path) -> Path | None:
    """The expectations file of a .docx fixture, if there is one."""
    base = fixture.with_suffix("")
    candidates = [base.with_name(base.name + ".expect.yaml")]
    if base.name.endswith(".test"):
        candidates.append(base.with_name(base.name[: -len(".test")] + ".expect.yaml"))
    return next((c for c in candidates if c.is_file()), None)


# -- expectations ------------------------------------------------------------------------


def _resolve(token: str, rules: Sequence[Rule]) -> str:
    for r in rules:
        if token in (r.id, r.name) or token.upper() == r.id:
            return r.id
    known = ", ".join(r.id for r in rules) or "none"
    raise FixtureError(f"names rule '{token}', which is not in this rule file (its rules: {known})")


def parse_directive(text: str, rules: Sequence[Rule]) -> tuple[bool, list[str], bool] | None:
    """``(fire, rule ids, about the whole document)`` of an expect/ok directive, or None.

    A reason may follow `` -- `` and is ignored, as for suppressions.
    """
    m = _DIRECTIVE.match(text.strip())
    if m is None:
        return None
    fire = m.group("verb").lower() == "expect"
    rest = m.group("rest").split(" -- ", 1)[0]
    tokens = [t for t in _SEPARATORS.split(rest) if t]
    document = bool(tokens) and tokens[-1].lower() == DOCUMENT
    if document:
        tokens.pop()
    if not tokens:
        raise FixtureError(f"'{m.group('verb').lower()}:' names no rule")
    return fire, [_resolve(t, rules) for t in tokens], document


def _block_where(doc: Document, block: int) -> str:
    b = doc.blocks[block]
    return f"line {b.line}" if b.line is not None else f"block {block}"


def markdown_expectations(doc: Document, rules: Sequence[Rule]) -> list[Expectation]:
    """Expectations from a Markdown or text fixture's ``expect:`` / ``ok:`` comments."""
    out: list[Expectation] = []
    for d in doc.directives:
        try:
            parsed = parse_directive(d.text, rules)
        except FixtureError as exc:
            raise FixtureError(f"line {d.line}: {exc}") from None
        if parsed is None:
            continue
        fire, ids, document = parsed
        if document:
            out.extend(Expectation(r, fire, None, DOCUMENT) for r in ids)
            continue
        if d.block is None:
            raise FixtureError(f"line {d.line}: no block follows this expectation")
        where = _block_where(doc, d.block)
        out.extend(Expectation(r, fire, d.block, where) for r in ids)
    return out


def sidecar_expectations(sidecar: Path, doc: Document, rules: Sequence[Rule]) -> list[Expectation]:
    """Expectations from a .docx fixture's sidecar YAML (paragraph numbers or ``document``)."""
    from lcsprlint.engine.loader import read_yaml

    name = sidecar.name
    try:
        data = read_yaml(sidecar)
    except RuleFileError as exc:
        raise FixtureError(f"{name}: {exc.cause}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FixtureError(f"{name}: must be a mapping with 'expect' and 'ok' lists")
    unknown = [k for k in data if k not in _SIDECAR_KEYS]
    if unknown:
        raise FixtureError(f"{name}: unknown key '{unknown[0]}' (use 'expect' and 'ok')")
    paragraphs = {b.paragraph for b in doc.blocks}
    out = []
    for key in _SIDECAR_KEYS:
        items = data.get(key) or []
        if not isinstance(items, list):
            raise FixtureError(f"{name}: '{key}' must be a list")
        for i, item in enumerate(items):
            at = f"{name}: {key}[{i}]"
            if (
                not isinstance(item, dict)
                or set(item) - {"rule", "paragraph"}
                or "rule" not in item
            ):
                raise FixtureError(f"{at} must be a mapping {{rule: ID, paragraph: N | document}}")
            try:
                rule = _resolve(str(item["rule"]), rules)
            except FixtureError as exc:
                raise FixtureError(f"{at} {exc}") from None
            para = item.get("paragraph", DOCUMENT)
            if para == DOCUMENT:
                out.append(Expectation(rule, key == "expect", None, DOCUMENT))
            elif isinstance(para, int) and not isinstance(para, bool) and para in paragraphs:
                out.append(Expectation(rule, key == "expect", para, f"paragraph {para}"))
            else:
                raise FixtureError(
                    f"{at}: paragraph must be a paragraph number of the draft "
                    f"(1-{max(paragraphs, default=0)}) or 'document'"
                )
    return out


# -- comparing ---------------------------------------------------------------------------


def compare(
    expectations: Sequence[Expectation],
    findings: Iterable[Finding],
    place_of: Any,
    where_of: Any,
) -> list[Mismatch]:
    """Missed and unexpected findings, in the order of the places they concern.

    ``place_of(finding)`` gives the place a finding stands (as in
    :class:`Expectation`); ``where_of(place)`` describes a place for people.
    """
    marked: dict[tuple[str, int | None], bool] = {}
    for e in expectations:
        key = (e.rule, e.place)
        if marked.get(key, e.fire) != e.fire:
            raise FixtureError(f"{e.rule} is both expected and marked ok at {e.where}")
        marked[key] = e.fire
    fired: dict[tuple[str, int | None], Finding] = {}
    for f in findings:
        fired.setdefault((f.rule, place_of(f)), f)

    out = []
    for e in expectations:
        key = (e.rule, e.place)
        if e.fire and key not in fired:
            out.append(Mismatch(e.rule, "missed", e.where))
    for (rule, place), f in fired.items():
        fire = marked.get((rule, place))
        if fire is None or not fire:
            out.append(
                Mismatch(rule, "unexpected", where_of(place), f.message, marked_ok=fire is False)
            )
    return sorted(dict.fromkeys(out), key=lambda m: (_where_key(m.where), m.rule, m.problem))


def _where_key(where: str) -> tuple[int, int]:
    if where == DOCUMENT:
        return (0, 0)
    digits = re.search(r"\d+", where)
    return (1, int(digits.group(0)) if digits else 0)


def run_fixture(
    fixture: Path, rules: Sequence[Rule], kinds: Mapping[str, CheckKind]
) -> FixtureResult:
    """Run a rule file's rules on one fixture and compare with its expectations."""
    from lcsprlint.engine.runner import Engine
    from lcsprlint.readers import read_document

    result = FixtureResult(path=str(fixture))
    try:
        doc = read_document(fixture)
        is_docx = doc.format == "docx"
        if is_docx:
            sidecar = sidecar_for(fixture)
            if sidecar is None:
                stem = fixture.with_suffix("").name
                raise FixtureError(f"a .docx fixture needs its expectations in {stem}.expect.yaml")
            expectations = sidecar_expectations(sidecar, doc, rules)
        else:
            expectations = markdown_expectations(doc, rules)
        engine = Engine(rules, kinds, profile=None)
        checked = engine.check_document(doc, str(fixture))
        if checked.rule_errors:
            raise FixtureError("rule failed: " + "; ".join(checked.rule_errors))
        ids = {r.id for r in rules}
        findings = [f for f in checked.findings if f.rule in ids]

        def place_of(f: Finding) -> int | None:
            if f.location.block is None:
                return None
            return f.location.paragraph if is_docx else f.location.block

        def where_of(place: int | None) -> str:
            if place is None:
                return DOCUMENT
            return f"paragraph {place}" if is_docx else _block_where(doc, place)

        result.mismatches = compare(expectations, findings, place_of, where_of)
        result.checks = len(expectations)
        result.expected_rules = frozenset(e.rule for e in expectations if e.fire)
    except (FixtureError, InputError) as exc:
        result.error = exc.cause if isinstance(exc, InputError) else str(exc)
    return result


def check_rule_file(
    rule_file: Path,
    kinds: Mapping[str, CheckKind],
    *,
    require_fixtures: bool = False,
    only: Path | None = None,
) -> RuleFileResult:
    """Load one rule file on its own and run it on each of its fixtures (or ``only`` one)."""
    from lcsprlint.engine.validate import collect_rules

    result = RuleFileResult(path=str(rule_file), require_fixtures=require_fixtures)
    rules, problems = collect_rules([rule_file], kinds)
    if problems:
        result.problems = [str(p) for p in problems]
        return result
    result.rules = tuple(r.id for r in rules)
    for fixture in [only] if only is not None else fixtures_for(rule_file):
        result.fixtures.append(run_fixture(fixture, rules, kinds))
    return result


def rule_file_of(fixture: Path) -> Path | None:
    """The rule file a fixture belongs to (``NAME.yaml`` or ``.yml`` beside it), if any."""
    name = fixture.name
    cut = name.find(".test")
    while cut > 0:
        for suffix in (".yaml", ".yml"):
            candidate = fixture.with_name(name[:cut] + suffix)
            if candidate.is_file() and fixture in fixtures_for(candidate):
                return candidate
        cut = name.find(".test", cut + 1)
    return None


def default_paths() -> list[Path]:
    """The built-in packs' folder (every pack), or nothing when lcsprlint ships none."""
    from lcsprlint.engine.builtin import builtin_rules_dir

    root = builtin_rules_dir()
    return [root] if root is not None else []


def run_rule_tests(
    paths: Sequence[str | Path],
    kinds: Mapping[str, CheckKind],
    *,
    require_fixtures: bool = False,
) -> list[RuleFileResult]:
    """Test every rule file under ``paths`` (files or folders), each on its own fixtures.

    A fixture given as a path runs alone, with the rules of the file it belongs to.
    """
    from lcsprlint.engine.validate import rule_files

    results: list[RuleFileResult] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_file() and p.suffix.lower() in FIXTURE_SUFFIXES:
            owner = rule_file_of(p)
            if owner is None:
                cause = "is not a fixture of a rule file beside it (NAME.yaml for NAME.test.*)"
                results.append(RuleFileResult(path=str(raw), problems=[f"{raw}: {cause}"]))
            else:
                results.append(
                    check_rule_file(owner, kinds, require_fixtures=require_fixtures, only=p)
                )
            continue
        try:
            files = rule_files(raw)
        except RuleFileError as exc:
            results.append(RuleFileResult(path=str(raw), problems=[f"{raw}: {exc.cause}"]))
            continue
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                results.append(check_rule_file(f, kinds, require_fixtures=require_fixtures))
    return results


def exit_code(results: Sequence[RuleFileResult]) -> int:
    """2 when a rule file does not load, 1 when any test fails, else 0."""
    if any(r.problems for r in results):
        return 2
    return 1 if any(r.failed for r in results) else 0


# -- output --------------------------------------------------------------------------------


def _display(path: str, root: Path | None) -> str:
    if root is None:
        return path
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return path


def summary(results: Sequence[RuleFileResult]) -> str:
    """One line: how many rule files passed, failed, had no fixtures or did not load."""
    n = len(results)
    passed = sum(1 for r in results if r.status == "pass")
    failed = sum(1 for r in results if r.failed and not r.problems)
    parts = [f"{passed} passed", f"{failed} failed"]
    bare = sum(1 for r in results if r.status == "no fixtures")
    if bare:
        parts.append(f"{bare} without fixtures")
    errors = sum(1 for r in results if r.problems)
    if errors:
        parts.append(f"{errors} not loaded")
    return f"{n} rule file{'s' if n != 1 else ''}: " + ", ".join(parts)


_STATUS_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "error": "bold magenta",
    "no fixtures": "yellow",
}


def render_text(
    results: Sequence[RuleFileResult], *, color: bool = False, root: Path | None = None
) -> str:
    """A pass/fail table of rule files, then what went wrong in each failing one.

    With ``color`` (a terminal) the table has rules and colours; otherwise it is
    plain aligned text, for logs and pipes.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from lcsprlint.report.console import make_console

    buf = io.StringIO()
    console = make_console(buf, color=color, width=120)
    if not results:
        console.print("no rule files found", markup=False)
        return buf.getvalue()
    table = Table(box=box.SIMPLE_HEAD if color else None, show_edge=False, pad_edge=False)
    table.add_column("rule file", overflow="fold")
    table.add_column("rules", justify="right")
    table.add_column("fixtures", justify="right")
    table.add_column("checks", justify="right")
    table.add_column("result")
    for r in results:
        status = r.status
        label = status.upper() if r.failed and status != "no fixtures" else status
        if status == "no fixtures" and r.failed:
            label = "FAIL (no fixtures)"
        table.add_row(
            Text(_display(r.path, root)),
            str(len(r.rules)) if not r.problems else "-",
            str(len(r.fixtures)) if not r.problems else "-",
            str(sum(f.checks for f in r.fixtures)) if not r.problems else "-",
            Text(label, style=_STATUS_STYLE[status] if color else ""),
        )
    console.print(table)

    for r in results:
        details = _details(r, root)
        if details:
            console.print()
            console.print(Text(f"{r.status.upper()}  {_display(r.path, root)}", style="bold"))
            for line in details:
                console.print(Text(line), highlight=False, soft_wrap=True)
    console.print()
    console.print(Text(summary(results)), highlight=False)
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def _details(r: RuleFileResult, root: Path | None) -> list[str]:
    lines = [f"  {p}" for p in r.problems]
    for f in r.fixtures:
        name = Path(f.path).name
        if f.error:
            lines.append(f"  {name}: {f.error}")
        for m in f.mismatches:
            if m.problem == "missed":
                lines.append(f"  {name}: missed      {m.rule} at {m.where}: expected a finding")
            else:
                why = " (marked ok)" if m.marked_ok else ""
                lines.append(f"  {name}: unexpected  {m.rule} at {m.where}{why}: {m.message}")
    if r.untested and not r.problems and r.fixtures:
        verb = "fail:" if r.require_fixtures else "note:"
        lines.append(f"  {verb} no fixture expects {', '.join(r.untested)} to fire")
    return lines


def render_json(results: Sequence[RuleFileResult]) -> str:
    """Every rule file's result and a summary, for machines."""
    data = {
        "files": [r.as_dict() for r in results],
        "summary": {
            "files": len(results),
            "passed": sum(1 for r in results if r.status == "pass"),
            "failed": sum(1 for r in results if r.failed),
            "no_fixtures": sum(1 for r in results if r.status == "no fixtures"),
            "errors": sum(1 for r in results if r.problems),
        },
        "exit_code": exit_code(results),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
