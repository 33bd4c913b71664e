"""Hostile rule and configuration files: read only as plain YAML data, refused in one line.

Rule files travel between partnerships, so a rule file is treated as data
from a stranger: no tag is ever constructed into an object, aliases are
refused before anything walks the data, mistakes are named with their line,
and a pattern that backtracks is stopped while the other rules and files go on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hostile.conftest import HOSTILE_RULES, assert_one_line_error, run, run_process, write
from lcsprlint.engine import validate as validate_module

RULE_HEAD = """\
id: {id}
name: {name}
category: hostile
severity: warning
message: Found '{{match}}'.
rationale: Tests.
source: tests/hostile
fix: Remove it.
check: pattern
"""


def rule(rule_id: str = "EVIL101", name: str = "evil-rule", extra: str = "forbid: ['x']\n") -> str:
    return RULE_HEAD.format(id=rule_id, name=name) + extra


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every rule mapping that reached schema validation."""
    seen: list[object] = []
    original = validate_module.RuleValidator.validate

    def spy(self, data, path, default_profiles=()):  # type: ignore[no-untyped-def]
        seen.append(data)
        return original(self, data, path, default_profiles)

    monkeypatch.setattr(validate_module.RuleValidator, "validate", spy)
    return seen


# --- YAML structure ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [alias_bomb(), rule(extra="forbid: &p ['x']\nexceptions: *p\n"), "- &r {id: A}\n- *r\n"],
    ids=["billion-laughs", "alias-in-a-rule", "aliased-rule"],
)
def test_aliases_refused_before_validation(
    work: Path, good: Path, validations: list[object], text: str
) -> None:
    bomb = write(work / "bomb.yaml", text)
    result = run("check", "--rules", bomb, good)
    assert result.code == 2
    assert_one_line_error(result.err, bomb, "are not allowed")
    assert validations == []
    result = run("check-rules", bomb)
    assert result.code == 2 and "not allowed" in result.out


def test_alias_bomb_in_configuration(work: Path, good: Path) -> None:
    config = write(work / ".lcsprlint.yaml", "profile: lcspr\n" + alias_bomb())
    result = run("check", good)
    assert result.code == 2
    assert result.out == ""
    assert_one_line_error(result.err, config, "are not allowed")
    assert len(result.err.splitlines()) == 1


def test_duplicate_keys_rejected_with_their_line(work: Path, good: Path) -> None:
    dup = write(work / "dup.yaml", rule() + "severity: error\n")
    result = run("check", "--rules", dup, good)
    assert result.code == 2
    assert_one_line_error(result.err, f"{dup}:11", "duplicate key 'severity'", "line 4")


def test_unknown_keys_reported_each_with_a_hint(work: Path) -> None:
    text = rule().replace("severity:", "serverity:") + "\n---\n"
    bad = write(
        work / "bad.yaml", "- " + rule().replace("\n", "\n  ").rstrip() + "\n  colour: red\n"
    )
    also = write(
        work / "also.yaml",
        text.split("\n---\n")[0].replace("EVIL101", "EVIL102").replace("evil-rule", "evil-two"),
    )
    result = run("check-rules", bad, also)
    assert result.code == 2
    assert f"{bad}:11: unknown key 'colour'" in result.out
    assert f"{also}:4: unknown key 'serverity' (did you mean 'severity'?)" in result.out


@pytest.mark.parametrize(
    "text",
    [
        "[" * 3000 + "]" * 3000,
        "{a: " * 3000 + "1" + "}" * 3000,
        "id: " + "9" * 10_000 + "\n",
        "id: !!int 'not a number'\n",
        "id: a\x00b\n",
        "\tid: A\n",
        "---\nid: A\n---\nid: B\n",
    ],
    ids=["deep-lists", "deep-maps", "huge-integer", "bad-int-tag", "nul", "tab", "two-documents"],
)
def test_malformed_yaml_is_one_line(work: Path, good: Path, text: str) -> None:
    bad = write(work / "bad.yaml", text)
    result = run("check", "--rules", bad, good)
    assert result.code == 2
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"lcsprlint: {bad}")


def test_oversized_and_binary_rule_files(work: Path, good: Path) -> None:
    big = work / "big.yaml"
    big.write_text("# padding\n" * 200_000)
    binary = work / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 100)
    for path, cause in ((big, "too large"), (binary, "not UTF-8")):
        result = run("check", "--rules", path, good)
        assert result.code == 2
        assert_one_line_error(result.err, path, cause)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 3000 + "]" * 3000,
        "x = " + "9" * 10_000,
    ],
    ids=["deep-arrays", "huge-integer"],
)
def test_hostile_pyproject_above_the_drafts(work: Path, good: Path, text: str) -> None:
    pyproject = write(
        work / "pyproject.toml",
        f"[tool.lcsprlint]\nx = {text}\n" if text[0] == "[" else f"[tool.lcsprlint]\n{text}\n",
    )
    result = run("check", good)
    assert result.code == 2
    assert_one_line_error(result.err, pyproject, "invalid TOML")


# --- nothing is ever executed ------------------------------------------------------------------

PAYLOADS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
    "!!python/object/new:os.system ['touch {marker}']",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    '!!python/object/apply:builtins.exec [\'open("{marker}", "w").close()\']',
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:pathlib.Path {{}}",
    "!include {marker}",
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
@pytest.mark.parametrize("where", ["value", "param", "key", "config"])
def test_tags_are_never_constructed(work: Path, good: Path, payload: str, where: str) -> None:
    marker = work.parent / "PWNED"
    tagged = payload.format(marker=marker)
    if where == "value":
        text = rule().replace("message: Found '{match}'.", f"message: {tagged}")
    elif where == "param":
        text = rule(extra=f"forbid: [{tagged}]\n")
    elif where == "key":
        text = f"? {tagged}\n: 1\n" + rule()
    else:
        text = f"profile: lcspr\nrules: [{tagged}]\n"
    target = write(work / (".lcsprlint.yaml" if where == "config" else "evil.yaml"), text)
    commands = (
        [["check", good], ["rules"], ["check", "--config", target, good]]
        if where == "config"
        else [
            ["check", "--rules", target, good],
            ["check-rules", target],
            ["rules", "--rules", target],
            ["explain", "EVIL101", "--rules", target],
        ]
    )
    for args in commands:
        result = run(*args)
        assert result.code == 2, (args, result.out, result.err)
        assert "Traceback" not in result.err
        assert not marker.exists()


def test_rule_paths_outside_the_folder_are_read_only_as_yaml(work: Path, good: Path) -> None:
    """A rule folder elsewhere holding Python next to its YAML: only the YAML is read,
    as data; a .py file named as a rule file is parsed as YAML (and refused)."""
    outside = work.parent / "outside"
    marker = work.parent / "IMPORTED"
    code = f"open({str(marker)!r}, 'w').close()\n"
    for name in ("__init__.py", "conftest.py", "plugin.py", "setup.py", "lcsprlint_rules.py"):
        write(outside / name, code)
    write(outside / "rules.yaml", rule("OUT101", "outside-rule", "forbid: ['zqgood']\n"))
    write(outside / "_drafts" / "skipped.yaml", "not: [valid")
    result = run("check", "--rules", "../outside", "--format", "json", good)
    assert result.code == 1, result.err
    findings = json.loads(result.out)["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["OUT101"]
    assert not marker.exists()
    assert not any(m == "plugin" or m.endswith("lcsprlint_rules") for m in sys.modules)

    result = run("check", "--rules", "../outside/plugin.py", good)
    assert result.code == 2
    assert_one_line_error(result.err, "../outside/plugin.py")
    write(work / "cfg.yaml", "rules: ['../outside/plugin.py']\n")
    assert run("check", "--config", "cfg.yaml", good).code == 2
    result = run("check", "--config", "../outside/setup.py", good)
    assert result.code == 2
    assert not marker.exists()


def test_message_fields_cannot_reach_python_objects_or_pad_to_gigabytes(
    work: Path, rules: Path
) -> None:
    templates = [
        "{match.__class__.__init__.__globals__}",
        "{match[0]}",
        "{0}",
        "{match:>200000000}",
        "{match:>{match}}",
    ]
    text = "".join(
        rule(f"FMT{100 + i}", f"fmt-{i}", "forbid: ['\\bzq\\w+']\n")
        .replace("message: Found '{match}'.", f"message: 'T{i} {t}'")
        .replace("\n", "\n  ")
        .join(["- ", "\n"])
        for i, t in enumerate(templates)
    )
    fmt_rules = write(work / "fmt.yaml", text)
    draft = write(work / "draft.md", "# Title\n\nThe zqword is here.\n")
    result = run("check", "--rules", fmt_rules, "--format", "json", draft)
    assert result.code == 1
    findings = json.loads(result.out)["files"][0]["findings"]
    messages = sorted(f["message"] for f in findings if f["rule"].startswith("FMT"))
    assert messages == sorted(f"T{i} {t}" for i, t in enumerate(templates))
    assert len(result.out) < 20_000


# --- regular expressions -----------------------------------------------------------------------

#: Escaped so that the load-time probe (built from the pattern's literal characters)
#: does not see it: it backtracks catastrophically on a run of "é" not followed by the end.
SLOW = r"(?:\u00e9|\u00e9\u00e9)+$"


def test_backtracking_pattern_stopped_other_rules_and_files_go_on(work: Path, rules: Path) -> None:
    slow = write(work / "slow.yaml", rule("SLOW101", "slow-rule", f"forbid: ['{SLOW}']\n"))
    texts = [
        "# First\n\nzqone " + "\u00e9" * 60 + "!\n",
        "# Second\n\nzqtwo " + "\u00e9" * 60 + "!\n",
    ]
    drafts = [write(work / f"d{i}.md", t) for i, t in enumerate(texts)]
    result = run(
        "check",
        "--rules",
        slow,
        "--rules",
        rules,
        "--regex-timeout",
        "0.05",
        "--format",
        "json",
        "-j",
        "1",
        *drafts,
    )
    assert result.code == 2
    files = json.loads(result.out)["files"]
    for f, word in zip(files, ("zqone", "zqtwo"), strict=True):
        assert f["error"] is None
        assert any(e.startswith("SLOW101: ") for e in f["rule_errors"])
        assert any(word in x["message"] for x in f["findings"] if x["rule"] == "HOST101")
        assert not any(x["rule"] == "SLOW101" for x in f["findings"])
    assert "ran for more than 0.05s" in files[0]["rule_errors"][0]
    assert "disabled" in files[1]["rule_errors"][0]
    for draft in drafts:
        line = assert_one_line_error(result.err, draft, "rule failed: SLOW101")
        assert "\u00e9" not in line


def test_backtracking_pattern_stopped_in_worker_processes(work: Path, rules: Path) -> None:
    slow = write(work / "slow.yaml", rule("SLOW101", "slow-rule", f"forbid: ['{SLOW}']\n"))
    drafts = [
        write(work / f"d{i}.md", f"# D{i}\n\nzq{i} " + "\u00e9" * 60 + "!\n") for i in range(3)
    ]
    result = run_process(
        "check",
        "--rules",
        slow.name,
        "--rules",
        rules.name,
        "--regex-timeout",
        "0.05",
        "--format",
        "json",
        "-j",
        "2",
        *(d.name for d in drafts),
        cwd=work,
    )
    assert result.code == 2, result.err
    files = json.loads(result.out)["files"]
    assert all(f["rule_errors"] and f["findings"] for f in files)


@pytest.mark.parametrize("pattern", ["(a|aa)+$", "(x+x+)+y", "(a+)+$", "([a-z]+)*$"])
def test_backtracking_pattern_refused_at_load_with_its_line(
    work: Path, good: Path, pattern: str
) -> None:
    bad = write(work / "bad.yaml", rule(extra=f"forbid:\n  - 'ok'\n  - '{pattern}'\n"))
    result = run("check", "--rules", bad, good)
    assert result.code == 2
    assert_one_line_error(result.err, f"{bad}:12", "backtracks catastrophically")


def test_the_hostile_pack_is_valid(work: Path) -> None:
    """The pack the other hostile tests rely on loads cleanly."""
    pack = write(work / "pack.yaml", HOSTILE_RULES)
    result = run("check-rules", pack)
    assert result.code == 0, result.out
