"""The command line: parse arguments, hand work to the engine, print a report.

Thin on purpose: everything else lives in the engine, readers and reporters.
Heavy modules are imported inside commands so ``lcsprlint --version`` (run by
pre-commit hooks) starts fast.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 a usage, configuration or rule-file error, an unreadable input or a rule
that failed on an input (the other files are still checked and reported).
Errors a user can cause are one line on stderr, ``lcsprlint: <path>: <cause>``,
with a traceback only under ``--debug``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lcsprlint import __version__

if TYPE_CHECKING:
    from lcsprlint.kinds.base import CheckKind
    from lcsprlint.results import FileResult

#: Output formats the CLI offers; those whose reporter is not installed yet are refused.
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab", "html")
FAIL_ON = ("error", "warning", "info", "never")

STARTER_CONFIG = """\
# lcsprlint configuration (see the README, "Configuration").
# Found from each checked file's folder upward; paths are relative to this file.

# Which built-in rule pack: lcspr, rapid-review or yearly-report.
profile: lcspr

# Extra rule files or folders of your own (YAML; see `lcsprlint schema`).
# rules:
#   - local-rules/

# Rules are selected by id (LCSPR101), name, category (labelling) or id prefix (LCSPR1).
# select: [ALL]              # replaces the default set
# ignore: [readability]      # switch rules off
# extend-select: []          # switch on rules that are off by default

# Per-rule severity (error, warning, info).
# severity:
#   LCSPR140: error

# Per-rule parameters, merged into the rule's own (see `lcsprlint explain RULE`).
# params:
#   LCSPR140:
#     max-share: 0.3

# Exit with code 1 when there is a finding at or above: error, warning, info or never.
fail-on: warning

# Rules switched off for some files (globs relative to this file).
# per-file-ignores:
#   "appendices/*.md": [chronology]

# Seconds one pattern may run on one paragraph before its rule is stopped.
# regex-timeout: 0.5
"""


def _kinds() -> Mapping[str, CheckKind]:
    """Every check kind (built-in and plugins); tests replace this function."""
    from lcsprlint.kinds import all_kinds

    return all_kinds()


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"lcsprlint: {message}", err=True)
    sys.exit(code)


def _handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn LintError (and rule-file problems) into one line each and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from lcsprlint.errors import LintError

        ctx = click.get_current_context()
        debug = bool(kwargs.get("debug")) or bool((ctx.find_root().obj or {}).get("debug"))
        try:
            return fn(*args, **kwargs)
        except LintError as exc:
            if debug:
                raise
            problems = getattr(exc, "problems", None)
            if problems:
                for p in problems:
                    click.echo(f"lcsprlint: {p}", err=True)
                sys.exit(2)
            _fail(str(exc))

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="lcsprlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check draft Local Child Safeguarding Practice Reviews against the Panel's key messages."""
    ctx.obj = {"debug": debug}


def _options(
    config: Path | None,
    profile: str | None,
    rules: Sequence[Path] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    fail_on: str | None = None,
    regex_timeout: float | None = None,
) -> Any:
    from lcsprlint.engine.config import Options, split_selectors

    return Options(
        config=config,
        profile=profile,
        rules=tuple(Path(p) for p in rules),
        select=split_selectors(select) if select else None,
        ignore=split_selectors(ignore),
        extend_select=split_selectors(extend_select),
        fail_on=fail_on,
        regex_timeout=regex_timeout,
    )


def _reporter(fmt: str) -> Callable[..., str]:
    from lcsprlint.report import get_reporter

    try:
        return get_reporter(fmt)
    except (ValueError, ImportError):
        raise click.UsageError(f"output format '{fmt}' is not available yet") from None


def _default_format() -> str:
    """``github`` inside GitHub Actions (annotations on the pull request), else ``text``."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from importlib.util import find_spec

        if find_spec("lcsprlint.report.github") is not None:
            return "github"
    return "text"


def _write_atomic(target: Path, text: str) -> None:
    """Write the whole report or nothing: a temp file beside the target, then rename."""
    import tempfile

    from lcsprlint.errors import LintError

    folder = target.resolve().parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise LintError(str(target), f"cannot write report: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise LintError(str(target), f"cannot write report: {exc.strerror or exc}") from None


def _exit_code(results: Sequence[FileResult], fail_on_for: Callable[[str], str]) -> int:
    from lcsprlint.rule import SEVERITY_RANK

    if any(r.error or r.rule_errors for r in results):
        return 2
    for r in results:
        fail_on = fail_on_for(r.path)
        if fail_on == "never":
            continue
        if any(f.rank >= SEVERITY_RANK[fail_on] for f in r.findings):
            return 1
    return 0


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra rule file or folder (repeatable).",
)
@click.option("--select", multiple=True, help="Only these rules (comma-separated selectors).")
@click.option("--ignore", multiple=True, help="Switch these rules off.")
@click.option("--extend-select", multiple=True, help="Switch these rules on as well.")
@click.option("--profile", help="Rule pack: lcspr (default), rapid-review, yearly-report.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails (warning).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (text).")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this configuration file instead of searching.",
)
@click.option("--show-config", is_flag=True, help="Print the resolved configuration and exit.")
@click.option("--no-snippets", is_flag=True, help="Do not quote the document in the report.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes (default: CPU count).")
@click.option("--statistics", is_flag=True, help="Add counts per rule and per category.")
@click.option(
    "--regex-timeout",
    type=click.FloatRange(min=0, min_open=True, max=60),
    help="Seconds one pattern may run on one text.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("--quiet", "-q", is_flag=True, help="Only the findings; no summary or notes.")
@_handle_errors
def check(
    paths: tuple[Path, ...],
    rule_paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    profile: str | None,
    fail_on: str | None,
    fmt: str | None,
    output: Path | None,
    config: Path | None,
    show_config: bool,
    no_snippets: bool,
    jobs: int | None,
    statistics: bool,
    regex_timeout: float | None,
    debug: bool,
    quiet: bool,
) -> None:
    """Check drafts (files and folders) against the rules."""
    from lcsprlint.engine.plan import Planner
    from lcsprlint.engine.runner import check_paths, expand_paths

    options = _options(
        config, profile, rule_paths, select, ignore, extend_select, fail_on, regex_timeout
    )
    kinds = _kinds()
    planner = Planner(options, kinds, snippets=not no_snippets)

    if show_config:
        import yaml

        target = paths[0] if paths else Path.cwd()
        data = planner.settings_for(target).as_dict()
        data["rules-enabled"] = [r.id for r in planner.rule_set_for(target).selected]
        click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)
        return
    if not paths:
        raise click.UsageError("give at least one file or folder to check")

    files = expand_paths(paths)
    if not files and not quiet:
        click.echo("lcsprlint: no .docx, Markdown or text files found", err=True)
    if output is not None:
        out = output.resolve()
        if any(f.resolve() == out for f in files if f.exists()):
            raise click.UsageError(f"--output {output} is one of the files being checked")
    for f in files:
        planner.spec_for(f)  # configuration and rule errors stop the run before any work
    fmt = fmt or _default_format()
    render = _reporter(fmt)

    results = check_paths(files, planner.spec_for, kinds, jobs=jobs, debug=debug, expand=False)

    from lcsprlint.report import ReportOptions, one_line_summary

    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    report = render(
        results,
        planner.rules_run(),
        ReportOptions(
            no_snippets=no_snippets,
            color=color,
            statistics=statistics,
            root=str(Path.cwd()),
            version=__version__,
            extra={"quiet": quiet},
        ),
    )
    if output is not None:
        _write_atomic(output, report)
        if not quiet:
            click.echo(f"{one_line_summary(results)}; report written to {output}")
    else:
        click.echo(report, nl=False)
    if not quiet and (output is not None or fmt != "text"):
        for r in results:
            if r.error:
                click.echo(f"lcsprlint: {r.path}: {r.error}", err=True)
            for e in r.rule_errors:
                click.echo(f"lcsprlint: {r.path}: rule failed: {e}", err=True)
    sys.exit(_exit_code(results, lambda p: planner.spec_for(p).fail_on))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@_handle_errors
def outline(file: Path, fmt: str) -> None:
    """Print the structure rules see: headings, paragraphs, words and shares."""
    from lcsprlint.errors import InputError
    from lcsprlint.outline import outline_data, outline_text
    from lcsprlint.readers import read_document

    if file.is_dir():
        raise InputError(str(file), "is a folder; outline takes one file")
    if not file.exists():
        raise InputError(str(file), "no such file")
    doc = read_document(file)
    if fmt == "json":
        import json

        click.echo(json.dumps(outline_data(doc, str(file)), indent=2, ensure_ascii=False))
    else:
        click.echo(outline_text(doc, str(file)), nl=False)


def _rule_set(profile: str | None, config: Path | None, rule_paths: Sequence[Path]) -> Any:
    from lcsprlint.engine.plan import Planner

    planner = Planner(_options(config, profile, rule_paths), _kinds())
    return planner.rule_set_for(Path.cwd())


def _rule_dict(rule: Any, selected: bool) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "source": rule.source,
        "enabled": selected,
        "check": rule.check,
        "profiles": list(rule.profiles),
        "message": rule.message,
        "rationale": rule.rationale,
        "fix": rule.fix,
        "params": dict(rule.params),
        "origin": rule.origin,
    }


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@click.option("--profile", help="Rule pack (default: from configuration, else lcspr).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False))
@_handle_errors
def list_rules(
    fmt: str, profile: str | None, rule_paths: tuple[Path, ...], config: Path | None
) -> None:
    """List every rule: id, name, category, severity and source."""
    rs = _rule_set(profile, config, rule_paths)
    chosen = {r.id for r in rs.selected}
    if fmt == "json":
        import json

        data = [_rule_dict(r, r.id in chosen) for r in rs.all]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not rs.all:
        click.echo(f"no rules for profile {rs.settings.profile}")
        return
    for r in rs.all:
        off = "" if r.id in chosen else "  (off)"
        click.echo(f"{r.id:<10} {r.severity:<8} {r.category:<22} {r.name}{off}")
        click.echo(f"{'':<10} source: {r.source}")


@cli.command()
@click.argument("rule")
@click.option("--profile", help="Rule pack to look in first.")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False))
@_handle_errors
def explain(
    rule: str, profile: str | None, rule_paths: tuple[Path, ...], config: Path | None
) -> None:
    """Everything about one rule: message, rationale, source, fix, kind and parameters."""
    import yaml

    from lcsprlint.engine.builtin import available_profiles
    from lcsprlint.engine.selection import find_rule
    from lcsprlint.errors import LintError

    rs = _rule_set(profile, config, rule_paths)
    found = find_rule(rule, rs.all)
    if found is None:
        for other in available_profiles():
            if other != rs.settings.profile:
                found = find_rule(rule, _rule_set(other, config, rule_paths).all)
                if found is not None:
                    break
    if found is None:
        raise LintError(None, f"no rule '{rule}' (see `lcsprlint rules`)")
    r = found
    lines = [
        f"{r.id} {r.name}",
        f"  category: {r.category}    severity: {r.severity}    check: {r.check}",
        f"  profiles: {', '.join(r.profiles) or 'all'}",
        f"  defined in: {r.origin}:{r.line}" if r.line else f"  defined in: {r.origin}",
        "",
        f"Message:   {r.message}",
        f"Rationale: {r.rationale}",
        f"Source:    {r.source}",
        f"Fix:       {r.fix}",
    ]
    if r.params:
        params = yaml.safe_dump(dict(r.params), sort_keys=False, allow_unicode=True)
        lines += ["", "Parameters:", *("  " + line for line in params.splitlines())]
    click.echo("\n".join(lines))


@cli.command()
@_handle_errors
def schema() -> None:
    """Print the JSON Schema (draft-07) for rule files, for editors."""
    import json

    from lcsprlint.engine.schema import rule_file_schema

    click.echo(json.dumps(rule_file_schema(_kinds()), indent=2))


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@_handle_errors
def init(path: Path | None) -> None:
    """Write a commented starter .lcsprlint.yaml (never overwrites)."""
    from lcsprlint.errors import LintError

    target = path or Path(".lcsprlint.yaml")
    if target.is_dir():
        target = target / ".lcsprlint.yaml"
    try:
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(STARTER_CONFIG)
    except FileExistsError:
        raise LintError(str(target), "already exists; not overwritten") from None
    except OSError as exc:
        raise LintError(str(target), f"cannot write: {exc.strerror or exc}") from None
    click.echo(f"wrote {target}")


@cli.command("check-rules")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_handle_errors
def check_rules(paths: tuple[Path, ...]) -> None:
    """Validate rule files and folders; print each problem as file:line: message."""
    from lcsprlint.engine.validate import collect_rules

    rules, problems = collect_rules(paths, _kinds())
    for p in problems:
        click.echo(str(p))
    if problems:
        sys.exit(2)
    click.echo(f"{len(rules)} rule{'s' if len(rules) != 1 else ''} OK")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="lcsprlint")
