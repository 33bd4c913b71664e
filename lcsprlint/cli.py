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

# Which built-in rule pack: lcspr, rapid-review or yearly-report; auto (or no profile
# at all) detects each file's type from its title and opening.
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
    """Write the whole report or nothing."""
    from lcsprlint.safety import write_atomic

    write_atomic(target, lambda fh: fh.write(text.encode("utf-8")), "report")


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
@click.option(
    "--profile",
    help="Rule pack: lcspr, rapid-review, yearly-report, or auto (the default: each file's "
    "type from its title and opening, lcspr when unsure).",
)
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
@click.option(
    "--statistics",
    is_flag=True,
    help="Add counts per rule and per category (on stderr for formats other than text).",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    is_flag=True,
    help="Record today's findings in the --baseline file (default .lcsprlint-baseline.json).",
)
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
    baseline: Path | None,
    write_baseline: bool,
    regex_timeout: float | None,
    debug: bool,
    quiet: bool,
) -> None:
    """Check drafts (files and folders) against the rules."""
    from lcsprlint.engine.plan import Planner
    from lcsprlint.engine.runner import check_paths, expand_paths
    from lcsprlint.progress import progress_bar, wanted

    options = _options(
        config, profile, rule_paths, select, ignore, extend_select, fail_on, regex_timeout
    )
    kinds = _kinds()
    # Under --no-snippets the engine withholds document text from findings but keeps
    # each finding's full fingerprint, so baselines match either way.
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
    if output is not None and _is_input(output, files):
        raise click.UsageError(f"--output {output} is one of the files being checked")
    baseline, recorded = _baseline_setup(baseline, write_baseline, output, files, quiet)
    for f in files:
        planner.spec_for(f)  # configuration and rule errors stop the run before any work
    fmt = fmt or _default_format()
    render = _reporter(fmt)
    if len(files) > 1:
        _resume_gc()

    with progress_bar(len(files), wanted(len(files), quiet)) as on_done:
        results = check_paths(
            files, planner.spec_for, kinds, jobs=jobs, debug=debug, expand=False, progress=on_done
        )

    if write_baseline and baseline is not None:
        _record_baseline(baseline, results, quiet)
        return

    from lcsprlint.report import ReportOptions, one_line_summary

    hidden = 0
    if recorded is not None:
        results, hidden = recorded.apply(results)
    summary = one_line_summary(results)
    hidden_note = f"; {hidden} hidden by baseline" if recorded is not None else ""

    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    report = render(
        results,
        planner.rules_run(results),
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
            click.echo(f"{summary}{hidden_note}; report written to {output}")
    else:
        if fmt == "text" and hidden_note:
            report = _extend_summary(report, summary, hidden_note)
        click.echo(report, nl=False)
        if fmt != "text" and hidden_note and not quiet:
            click.echo(f"lcsprlint: {hidden} finding(s) hidden by baseline {baseline}", err=True)
    if statistics and fmt != "text":
        _statistics_to_stderr(results)
    if fmt == "github":
        _append_step_summary(results, hidden_note)
    if not quiet:  # on stderr whatever the format: sweeps log stderr, not the report
        _errors_to_stderr(results)
    sys.exit(_exit_code(results, lambda p: planner.spec_for(p).fail_on))


def _same_file(a: Path, b: Path) -> bool:
    from lcsprlint.safety import is_same_file  # hard links too, not only symbolic ones

    return is_same_file(a, b)


def _is_input(target: Path, files: Sequence[Path]) -> bool:
    """Whether writing ``target`` would overwrite one of the drafts being checked."""
    return any(_same_file(target, f) for f in files if f.exists())


def _baseline_setup(
    baseline: Path | None,
    write: bool,
    output: Path | None,
    files: Sequence[Path],
    quiet: bool,
) -> tuple[Path | None, Any]:
    """The baseline file to write (or to read, with its contents), checked before any work.

    Neither the baseline nor the report may overwrite a draft or each other.
    """
    if write:
        from lcsprlint.engine.baseline import DEFAULT_NAME

        if output is not None:
            raise click.UsageError("--write-baseline writes no report; leave out --output")
        target = baseline or Path(DEFAULT_NAME)
        if _is_input(target, files):
            raise click.UsageError(f"--baseline {target} is one of the files being checked")
        return target, None
    if baseline is None:
        return None, None
    if output is not None and _same_file(output, baseline):
        raise click.UsageError("--output and --baseline name the same file")
    from lcsprlint.engine.baseline import load_baseline

    recorded = load_baseline(baseline)
    if recorded.version and recorded.version != __version__ and not quiet:
        click.echo(
            f"lcsprlint: {baseline}: written by lcsprlint {recorded.version}; "
            "findings whose wording changed since then show as new",
            err=True,
        )
    return baseline, recorded


def _errors_to_stderr(results: Sequence[FileResult]) -> None:
    """Unreadable files and failed rules, one line each on stderr (also when stdout shows them)."""
    from lcsprlint.safety import one_line  # a file name may hold newlines or escapes

    for r in results:
        if r.error:
            click.echo(f"lcsprlint: {one_line(r.path)}: {r.error}", err=True)
        for e in r.rule_errors:
            click.echo(f"lcsprlint: {one_line(r.path)}: rule failed: {e}", err=True)


def _record_baseline(target: Path, results: Sequence[FileResult], quiet: bool) -> None:
    """Write today's findings as the baseline; exit 0, or 2 if some file could not be checked.

    An unreadable file has no findings to record: when it is fixed, its
    findings show as new, which is why the run still says so and exits 2.
    """
    from lcsprlint.engine.baseline import Baseline, write_baseline

    recorded = Baseline.from_results(results, target.parent, __version__)
    write_baseline(target, recorded)
    if not quiet:
        n, files = recorded.total, len(recorded.files)
        click.echo(
            f"lcsprlint: wrote baseline {target}: {n} finding{'' if n == 1 else 's'} "
            f"in {files} file{'' if files == 1 else 's'}"
        )
        _errors_to_stderr(results)
    sys.exit(2 if any(r.error or r.rule_errors for r in results) else 0)


def _extend_summary(report: str, summary: str, note: str) -> str:
    """Add ``note`` to the summary line that ends the text report.

    The text reporter prints :func:`one_line_summary` last; if it cannot be
    found (a line wrapped on a narrow terminal), the note gets its own line.
    """
    head, found, tail = report.rpartition(summary)
    if not found:
        return report + note.lstrip("; ").capitalize() + "\n"
    return head + summary + note + tail


def _statistics_to_stderr(results: Sequence[FileResult]) -> None:
    """The text report's statistics tables, on stderr so machine output stays parseable."""
    from lcsprlint.report.console import make_console
    from lcsprlint.report.text import _statistics

    color = _stderr_is_terminal() and not os.environ.get("NO_COLOR")
    console = make_console(sys.stderr, color=color, width=100)
    _statistics(console, results)


def _stderr_is_terminal() -> bool:
    from lcsprlint.progress import stderr_is_terminal

    return stderr_is_terminal()


def _append_step_summary(results: Sequence[FileResult], note: str) -> None:
    """In GitHub Actions, add a Markdown summary to the job page.

    GitHub shows only a few annotations per step, so the table of counts is
    where a reviewer sees the whole run. It holds no document text. A summary
    that cannot be written is a warning, not a failed check.
    """
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from lcsprlint.report.github import step_summary_markdown

    text = step_summary_markdown(results, str(Path.cwd()))
    if note:
        text += f"\n{note.lstrip('; ').capitalize()}.\n"
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        click.echo(f"lcsprlint: GITHUB_STEP_SUMMARY: cannot write: {exc.strerror or exc}", err=True)


@cli.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the annotated copy (default: DRAFT.lcsprlint.docx beside it).",
)
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, help="Only these rules (comma-separated selectors).")
@click.option("--ignore", multiple=True, help="Switch these rules off.")
@click.option("--profile", help="Document type: lcspr, rapid-review, yearly-report (detected).")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False))
@_handle_errors
def annotate(
    draft: Path,
    output: Path | None,
    rule_paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    profile: str | None,
    config: Path | None,
) -> None:
    """Write a copy of the draft with every finding as a Word comment (or Markdown comment)."""
    from lcsprlint.annotate import annotate_file, default_annotated_path
    from lcsprlint.engine.plan import Planner
    from lcsprlint.engine.runner import check_paths
    from lcsprlint.errors import InputError
    from lcsprlint.report import one_line_summary

    if draft.is_dir():
        raise InputError(str(draft), "is a folder; annotate takes one draft")
    if not draft.exists():
        raise InputError(str(draft), "no such file")
    planner = Planner(_options(config, profile, rule_paths, select, ignore), _kinds())
    [result] = check_paths([draft], planner.spec_for, _kinds(), jobs=1, expand=False)
    if result.error:
        raise InputError(str(draft), result.error)
    dest = output if output is not None else default_annotated_path(draft)
    # Writing over the input happens only when the user named it with -o.
    count = annotate_file(
        draft,
        dest,
        result.findings,
        planner.rules_run([result]),
        allow_overwrite=output is not None,
    )
    click.echo(f"{dest}: {count} comment{'' if count == 1 else 's'} ({one_line_summary([result])})")


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


#: Allocations between young-generation collections once a batch resumes the collector
#: (CPython's default is 700): start-up allocates ~40,000 objects that live as long as
#: the process.
_GC_THRESHOLD = 10_000


def main() -> None:
    """Console-script entry point.

    Pauses the cyclic garbage collector for a short-lived command, which
    changes when memory is reclaimed and nothing else. Imports, rule loading
    and the patterns rules compile on first use create tens of thousands of
    objects that live until the process ends, and nearly no cyclic garbage
    (objects that only the collector can free: a check of a 300-page draft
    leaves none); yet the collector would examine them again and again while
    they are young (~20 ms of a one-page check's CPU, as much of a 300-page
    one's). So it does not run while a command starts up and checks one
    file; everything else is still freed the moment it is no longer used. A
    command that goes on to many files resumes it (:func:`_resume_gc`), so a
    batch's memory stays bounded as before. When the command is done,
    everything left is frozen (:func:`gc.freeze`), so the collections at exit
    skip it; memory is still freed as modules are torn down.
    """
    import gc

    gc.set_threshold(_GC_THRESHOLD, *gc.get_threshold()[1:])
    gc.disable()
    try:
        cli(prog_name="lcsprlint")
    finally:
        gc.freeze()


def _resume_gc() -> None:
    """Before a command's work on many files: resume the collector main() paused.

    What start-up made is frozen first (it lives until the process ends), so
    the collector examines only what the files make. A worker process started
    after this inherits a running collector. Nothing happens when it is
    running already (the command invoked in-process, as the tests do).
    """
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


# -- rule authors: test-rules and new-rule (lcsprlint.ruletest, lcsprlint.scaffold) -----------


@cli.command("test-rules")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@click.option(
    "--require-fixtures",
    is_flag=True,
    help="Fail rule files without fixtures, and rules no fixture expects to fire.",
)
@_handle_errors
def test_rules_command(paths: tuple[Path, ...], fmt: str, require_fixtures: bool) -> None:
    """Run rule files (default: the built-in packs) on their NAME.test.* fixtures."""
    from lcsprlint import ruletest

    _resume_gc()

    results = ruletest.run_rule_tests(
        paths or ruletest.default_paths(), _kinds(), require_fixtures=require_fixtures
    )
    if fmt == "json":
        click.echo(ruletest.render_json(results), nl=False)
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        click.echo(ruletest.render_text(results, color=color, root=Path.cwd()), nl=False)
    sys.exit(ruletest.exit_code(results))


@cli.command("new-rule")
@click.argument("name")
@click.option("--kind", required=True, help="The check kind (see docs/check-kinds.md).")
@click.option("--id", "rule_id", help="Rule id (default: the first free CUSTOM101, 102...).")
@click.option("--category", help="Category (default: local).")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    help="Folder to write into (default: here).",
)
@_handle_errors
def new_rule_command(
    name: str, kind: str, rule_id: str | None, category: str | None, folder: Path
) -> None:
    """Write a rule file NAME.yaml with every field, and its fixture NAME.test.md."""
    from lcsprlint.scaffold import new_rule

    made = new_rule(name, kind, _kinds(), rule_id=rule_id, category=category, folder=folder)
    for written in (made.schema, made.rule_file, made.fixture):
        if written is not None:
            click.echo(f"wrote {written}")
    for note in made.notes:
        click.echo(f"note: {note}")
    click.echo(f"next: edit both files, then run: lcsprlint test-rules {folder}")


@cli.command("audit")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "json", "html")),
    default="table",
    help="Output format (table).",
)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes (default: CPU count).")
@click.option("--profile", help="Document type for every file (default: detected per file).")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or notes.")
@_handle_errors
def audit(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    jobs: int | None,
    profile: str | None,
    config: Path | None,
    debug: bool,
    quiet: bool,
) -> None:
    """Audit many reviews (PDF, .odt, .docx...): one row per document, totals per category.

    Not a gate: the exit code is 0 unless the command is used wrongly (2).
    """
    from lcsprlint.audit import run_audit
    from lcsprlint.engine.plan import Planner
    from lcsprlint.engine.runner import expand_paths
    from lcsprlint.progress import progress_bar, wanted
    from lcsprlint.readers import AUDIT_EXTENSIONS
    from lcsprlint.report.audit_formats import render

    if not paths:
        raise click.UsageError("give at least one file or folder to audit")
    _resume_gc()
    kinds = _kinds()
    planner = Planner(_options(config, profile), kinds)
    files = expand_paths(paths, AUDIT_EXTENSIONS)
    if output is not None and _is_input(output, files):
        raise click.UsageError(f"--output {output} is one of the files being audited")
    spec = planner.spec_for(files[0] if files else Path.cwd())
    with progress_bar(len(files), wanted(len(files), quiet)) as on_done:
        table = run_audit(
            files, spec, kinds, planner.rules_run(), jobs=jobs, debug=debug, progress=on_done
        )
    color = fmt == "table" and output is None and sys.stdout.isatty()
    report = render(table, fmt, __version__, color=color and not os.environ.get("NO_COLOR"))
    if output is not None:
        _write_atomic(output, report)
        if not quiet:
            click.echo(f"lcsprlint: audit of {len(files)} file(s) written to {output}", err=True)
    else:
        click.echo(report, nl=False)
