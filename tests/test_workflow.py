"""Shared-workflow features: batch runs, progress, GitHub step summary, statistics,
--output, the pre-commit manifest and the composite GitHub Action.

The kinds are the fakes from tests/engine/helpers.py with the test rules in
tests/engine/rules (plus one noisy rule written here), and the built-in packs
are empty, as in test_cli.py, so these tests do not move with the real packs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from engine.helpers import fake_kinds, isolate_cli, write

from lcsprlint import cli, progress
from lcsprlint.engine.runner import RunSpec, check_paths
from lcsprlint.engine.validate import collect_rules

HERE = Path(__file__).parent
REPO = HERE.parent
RULES = HERE / "engine" / "rules"
CORPUS = sorted((HERE / "corpus" / "lcspr").glob("*.md"))

#: A rule with many hits, so that order mistakes show in the output.
NOISY = """\
- id: TEST401
  name: says-child
  category: noise
  severity: info
  message: Paragraph mentions "{match}".
  rationale: Tests.
  source: Tests
  fix: Nothing.
  check: forbid
  scope: body
  forbid: ['\\bchild\\b', '\\bsocial worker\\b']
"""

DRAFT = "# Serious Case Review: Child T\n\n## Background\n\nThe date is TBC.\n"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_cli(tmp_path, monkeypatch)


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(cli.cli, ["check", "--rules", str(RULES), *map(str, args)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def batch(isolated: Path) -> Path:
    """Twelve drafts copied from the corpus under new names, plus a noisy rule."""
    assert len(CORPUS) >= 4
    folder = isolated / "drafts"
    # The first always mentions a Serious Case Review, so the batch has findings
    # whatever the corpus holds.
    scr = [p for p in CORPUS if "serious case review" in p.read_text(encoding="utf-8").lower()]
    for n in range(12):
        src = scr[0] if n == 0 else CORPUS[(n * 5) % len(CORPUS)]
        write(folder / f"{n:02d}-{src.stem}.md", src.read_text(encoding="utf-8"))
    write(isolated / "noisy.yaml", NOISY)
    return folder


# Batch runs ---------------------------------------------------------------


def test_batch_output_identical_with_one_or_two_jobs(batch: Path) -> None:
    common = ("--rules", "noisy.yaml", "--extend-select", "noise", "--fail-on", "never")
    runs = {
        (fmt, jobs): run(*common, "--format", fmt, "--jobs", jobs, batch)
        for fmt in ("json", "text")
        for jobs in ("1", "2")
    }
    for fmt in ("json", "text"):
        assert runs[(fmt, "1")] == runs[(fmt, "2")]
    data = json.loads(runs[("json", "1")][1])
    names = [Path(f["path"]).name for f in data["files"]]
    assert names == sorted(p.name for p in batch.iterdir())
    assert sum(len(f["findings"]) for f in data["files"]) > 50


def test_unreadable_files_do_not_stop_the_rest(batch: Path) -> None:
    write(batch / "05a-notes.docx", "Minutes of the panel meeting, typed in Notepad.")
    (batch / "05b-empty.docx").write_bytes(b"")
    one = run("--format", "json", "--jobs", "1", batch)
    code, out, err = run("--format", "json", "--jobs", "2", batch)
    assert (code, out, err) == one
    assert code == 2
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert len(files) == 14
    assert files["05a-notes.docx"]["error"].startswith("not a Word document")
    assert files["05b-empty.docx"]["error"] == "empty file"
    assert all(f["error"] is None for name, f in files.items() if name.endswith(".md"))
    assert json.loads(out)["summary"]["unreadable"] == 2
    assert err.splitlines() == [
        f"lcsprlint: {batch / '05a-notes.docx'}: {files['05a-notes.docx']['error']}",
        f"lcsprlint: {batch / '05b-empty.docx'}: empty file",
    ]
    code, text, _ = run("--jobs", "2", batch)
    assert code == 2
    assert "could not be read: empty file" in text
    assert text.rstrip().endswith("; 2 unreadable")


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_callback_once_per_file_results_in_input_order(batch: Path, jobs: int) -> None:
    [rule] = [r for r in collect_rules([RULES], fake_kinds())[0] if r.id == "TEST101"]
    files = sorted(batch.iterdir(), reverse=True)
    seen: list[str] = []
    results = check_paths(
        files,
        RunSpec(rules=(rule,)),
        fake_kinds(),
        jobs=jobs,
        progress=lambda r: seen.append(r.path),
    )
    assert [r.path for r in results] == [str(f) for f in files]
    assert sorted(seen) == sorted(str(f) for f in files)
    assert any(r.findings for r in results)


# Progress bar -------------------------------------------------------------


def test_progress_bar_on_a_terminal_leaves_stdout_alone(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = run("--format", "json", "--jobs", "2", batch)
    assert plain[2] == ""  # stderr not a terminal: no bar
    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: True)
    code, out, err = run("--format", "json", "--jobs", "2", batch)
    assert (code, out) == plain[:2]
    assert "checking" in err and "files" in err
    assert run("--format", "json", "--quiet", batch)[2] == ""
    few = sorted(batch.iterdir())[:5]
    assert run("--format", "json", *few)[2] == ""


def test_progress_wanted_only_for_more_than_five_files_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: True)
    assert progress.wanted(6, quiet=False)
    assert not progress.wanted(5, quiet=False)
    assert not progress.wanted(50, quiet=True)
    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: False)
    assert not progress.wanted(50, quiet=False)


# GitHub -------------------------------------------------------------------


def test_step_summary_appended_in_github_actions(isolated: Path) -> None:
    draft = write(isolated / "d.md", DRAFT)
    summary = write(isolated / "summary.md", "# Earlier step\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out, _ = run(draft, env=env)  # github chosen automatically
    assert code == 1
    assert out.startswith("::error file=d.md,line=1,title=TEST101 no-scr::")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## lcsprlint\n")
    assert "| `d.md` | 1 | 1 | 0 | findings |" in text
    assert "TBC" not in text  # counts only, never document text

    run("--format", "github", draft, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text(encoding="utf-8").count("## lcsprlint") == 2
    run("--format", "json", draft, env=env)
    run("--format", "sarif", "-o", "r.sarif", draft, env=env)
    assert summary.read_text(encoding="utf-8").count("## lcsprlint") == 2


def test_step_summary_mentions_the_baseline(isolated: Path) -> None:
    draft = write(isolated / "d.md", DRAFT)
    run(draft, "--write-baseline")
    draft.write_text(DRAFT + "\nStill XXXX.\n", encoding="utf-8")
    summary = isolated / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out, _ = run(draft, "--baseline", ".lcsprlint-baseline.json", env=env)
    assert code == 1
    assert len(out.splitlines()) == 1 and "XXXX" in out
    assert "2 hidden by baseline." in summary.read_text(encoding="utf-8")


def test_unwritable_step_summary_is_a_warning(isolated: Path) -> None:
    draft = write(isolated / "d.md", "# Local Child Safeguarding Practice Review\n\nClean.\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(isolated / "no" / "s.md")}
    code, out, err = run(draft, env=env)
    assert (code, out) == (0, "")
    assert err.startswith("lcsprlint: GITHUB_STEP_SUMMARY: cannot write:")


# --statistics -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit", "github"])
def test_statistics_go_to_stderr_for_machine_formats(isolated: Path, fmt: str) -> None:
    draft = write(isolated / "d.md", DRAFT)
    _, plain, _ = run("--format", fmt, draft)
    code, out, err = run("--format", fmt, "--statistics", draft)
    assert code == 1
    assert out == plain
    assert "Findings per rule" in err
    assert re.search(r"1\s+│\s+TEST101\s+│\s+no-scr\s+│\s+error", err)
    assert re.search(r"1\s+│\s+labelling", err)


def test_statistics_with_output_file(isolated: Path) -> None:
    draft = write(isolated / "d.md", DRAFT)
    code, out, err = run("--format", "json", "--statistics", "-o", "r.json", draft)
    assert code == 1
    assert out == "1 file: 1 error, 1 warning, 0 info; report written to r.json\n"
    assert "Findings per rule" in err
    assert json.loads((isolated / "r.json").read_text())["summary"]["errors"] == 1
    run("--statistics", "-o", "r.txt", draft)
    assert "Findings per rule" in (isolated / "r.txt").read_text()


# --output ------------------------------------------------------------------


def test_output_failure_leaves_no_half_written_file(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = write(isolated / "d.md", DRAFT)
    old = write(isolated / "out" / "r.json", "yesterday's report")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    code, out, err = run("--format", "json", "-o", old, draft)
    assert (code, out) == (2, "")
    assert err.strip() == f"lcsprlint: {old}: cannot write report: No space left on device"
    assert old.read_text() == "yesterday's report"
    assert [p.name for p in old.parent.iterdir()] == ["r.json"]  # temp file removed


def test_output_into_a_missing_folder_is_one_line_exit_2(isolated: Path) -> None:
    draft = write(isolated / "d.md", DRAFT)
    code, out, err = run("-o", isolated / "nowhere" / "r.txt", draft)
    assert (code, out) == (2, "")
    assert err.startswith(f"lcsprlint: {isolated / 'nowhere' / 'r.txt'}: cannot write report")
    assert not (isolated / "nowhere").exists()


def test_output_never_over_a_draft_inside_a_checked_folder(isolated: Path) -> None:
    draft = write(isolated / "drafts" / "a.md", DRAFT)
    code, _, err = run("-o", "drafts/../drafts/a.md", "drafts")
    assert code == 2
    assert "is one of the files being checked" in err
    assert draft.read_text() == DRAFT


def test_config_error_keeps_the_previous_report(isolated: Path) -> None:
    write(isolated / ".lcsprlint.yaml", "fail-on: sometimes\n")
    old = write(isolated / "r.json", "previous")
    code, _, _ = run("--format", "json", "-o", "r.json", write(isolated / "d.md", DRAFT))
    assert code == 2
    assert old.read_text() == "previous"


# pre-commit manifest ------------------------------------------------------


def _hooks() -> list[dict]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_pre_commit_hook_fields_and_patterns() -> None:
    [hook] = _hooks()
    assert hook["id"] == "lcsprlint"
    assert hook["entry"] == "lcsprlint check"
    assert hook["language"] == "python"
    assert hook["types"] == ["file"]
    assert hook["minimum_pre_commit_version"] == "3.0.0"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def taken(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    for path in ("a.docx", "drafts/Child T.DOCX", "x/y.md", "n.markdown", "notes.txt"):
        assert taken(path), path
    for path in ("~$report.docx", "drafts/~$ild T.docx", "a.pdf", "a.docx.bak", "a.odt"):
        assert not taken(path), path


def _pre_commit() -> str | None:
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.exists() else shutil.which("pre-commit")


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
def test_pre_commit_validates_the_manifest() -> None:
    exe = _pre_commit()
    assert exe is not None
    done = subprocess.run(
        [exe, "validate-manifest", ".pre-commit-hooks.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# GitHub Action ------------------------------------------------------------


def _action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_action_inputs_and_steps() -> None:
    action = _action()
    inputs = action["inputs"]
    assert {k: v.get("default") for k, v in inputs.items()} == {
        "paths": ".",
        "args": "",
        "python-version": "3.11",
        "sarif-file": "lcsprlint.sarif",
        "upload-sarif": "true",
    }
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert [s.get("uses", "run").split("@")[0] for s in steps] == [
        "actions/setup-python",
        "run",
        "run",
        "github/codeql-action/upload-sarif",
        "run",
        "run",
    ]
    setup, install, sarif, upload, annotate, result = steps
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert install["env"]["LCSPRLINT_ACTION_PATH"] == "${{ github.action_path }}"
    assert "pip install" in install["run"]
    assert "--format sarif --output" in sarif["run"]
    assert upload["with"] == {"sarif_file": "${{ inputs.sarif-file }}", "category": "lcsprlint"}
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    assert "--format github" in annotate["run"]
    assert "steps.sarif.outputs.exit-code" in result["env"]["LCSPRLINT_EXIT"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"]  # inputs reach scripts through env only
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.sarif.outputs.exit-code }}"


#: A stand-in for the lcsprlint console script: logs its arguments, writes the
#: --output file, exits with $FAKE_EXIT.
FAKE_LCSPRLINT = """\
#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_LOG"
out=""
prev=""
for a in "$@"; do
  if [ "$prev" = "--output" ]; then out="$a"; fi
  prev="$a"
done
if [ -n "$out" ] && [ "$FAKE_EXIT" != 2 ]; then echo '{"version": "2.1.0"}' > "$out"; fi
exit "$FAKE_EXIT"
"""


def _simulate(tmp: Path, inputs: dict[str, str], exit_code: int) -> tuple[list[int], dict, list]:
    """Run the action's bash steps as the runner would; return their exit codes and outputs."""
    action = _action()
    values = {f"inputs.{k}": v.get("default", "") for k, v in action["inputs"].items()}
    values.update({f"inputs.{k}": v for k, v in inputs.items()})
    values["github.action_path"] = str(REPO)
    bindir = tmp / "bin"
    write(bindir / "lcsprlint", FAKE_LCSPRLINT).chmod(0o755)
    outputs: dict[str, str] = {}
    codes: list[int] = []

    def expand(text: str) -> str:
        def value(m: re.Match[str]) -> str:
            expr = m.group(1)
            if expr.startswith("steps.sarif.outputs."):
                return outputs.get(expr.rsplit(".", 1)[1], "")
            return values[expr]

        return re.sub(r"\$\{\{\s*(.+?)\s*\}\}", value, text)

    for step in action["runs"]["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        out_file = tmp / "github_output"
        out_file.write_text("")
        env = {
            "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_OUTPUT": str(out_file),
            "FAKE_LOG": str(tmp / "log"),
            "FAKE_EXIT": str(exit_code),
            **{k: expand(v) for k, v in step.get("env", {}).items()},
        }
        script = tmp / "step.sh"
        script.write_text(step["run"])
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        codes.append(done.returncode)
        for line in out_file.read_text().splitlines():
            key, _, val = line.partition("=")
            outputs[key] = val
    return codes, outputs, (tmp / "log").read_text().splitlines()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("exit_code", [0, 1, 2])
def test_action_keeps_the_exit_code_and_still_annotates(tmp_path: Path, exit_code: int) -> None:
    inputs = {"paths": "drafts/**/*.docx notes.md", "args": "--profile rapid-review -j 2"}
    codes, outputs, calls = _simulate(tmp_path, inputs, exit_code)
    assert codes == [0, 0, exit_code]  # sarif run, annotate run, result
    assert outputs["exit-code"] == str(exit_code)
    assert outputs.get("written") == ("true" if exit_code != 2 else None)
    assert calls == [
        "check drafts/**/*.docx notes.md --format sarif --output lcsprlint.sarif "
        "--profile rapid-review -j 2",
        "check drafts/**/*.docx notes.md --format github --profile rapid-review -j 2",
    ]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_removes_a_stale_sarif_file(tmp_path: Path) -> None:
    write(tmp_path / "old.sarif", "stale")
    codes, outputs, _ = _simulate(tmp_path, {"sarif-file": "old.sarif"}, 2)
    assert codes[-1] == 2
    assert "written" not in outputs
    assert not (tmp_path / "old.sarif").exists()
