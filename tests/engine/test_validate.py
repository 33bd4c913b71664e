"""Rule validation: every bad rule file gives `file:line: message` at the offending key."""

from __future__ import annotations

from pathlib import Path

import pytest

from lcsprlint.engine.schema import rule_file_schema
from lcsprlint.engine.validate import (
    RuleFileProblems,
    collect_rules,
    load_rules,
    probe_pattern,
    rule_files,
)

from .helpers import fake_kinds, write

RULES = Path(__file__).parent / "rules"

GOOD = """\
id: TEST101
name: no-scr
category: labelling
severity: error
message: Found {match}.
rationale: Because.
source: Tests
fix: Fix it.
check: forbid
forbid: ['\\bSCR\\b']
"""


def problems_of(tmp_path: Path, text: str) -> list[str]:
    f = write(tmp_path / "rule.yaml", text)
    rules, problems = collect_rules([f], fake_kinds())
    assert not rules
    return [str(p).replace(str(tmp_path) + "/", "") for p in problems]


def test_good_rule_loads_with_params_and_origin(tmp_path: Path) -> None:
    f = write(tmp_path / "rule.yaml", GOOD)
    [rule] = load_rules([f], fake_kinds())
    assert rule.id == "TEST101"
    assert rule.check == "forbid"
    assert rule.params == {"forbid": ["\\bSCR\\b"]}
    assert type(rule.params["forbid"]) is list  # plain data, no line bookkeeping
    assert rule.origin == str(f)
    assert rule.line == 1
    assert rule.enabled is True
    assert rule.profiles == ()


def test_pack_folder_gives_default_profile_unless_rule_says() -> None:
    rules = load_rules([(RULES, ("lcspr",))], fake_kinds())
    by_id = {r.id: r for r in rules}
    assert by_id["TEST101"].profiles == ("lcspr",)
    assert by_id["TEST301"].profiles == ("rapid-review",)
    assert by_id["TEST201"].enabled is False


def test_yaml_syntax_error(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD.replace("forbid: ['\\bSCR\\b']", "forbid: ['x'"))
    assert msg.startswith("rule.yaml:")
    assert "invalid YAML" in msg


def test_unknown_kind_at_check_line(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD.replace("check: forbid", "check: forbidd"))
    assert msg.startswith("rule.yaml:9: unknown check kind 'forbidd'")
    assert "did you mean 'forbid'" in msg


def test_bad_regex_at_item_line(tmp_path: Path) -> None:
    text = GOOD.replace("forbid: ['\\bSCR\\b']", "forbid:\n  - 'ok'\n  - '(unclosed'")
    [msg] = problems_of(tmp_path, text)
    assert msg.startswith("rule.yaml:12: 'forbid[1]': invalid regular expression '(unclosed'")


def test_missing_field(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD.replace("fix: Fix it.\n", ""))
    assert msg == "rule.yaml:1: missing required field 'fix'"


def test_missing_kind_parameter(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD.replace("forbid: ['\\bSCR\\b']\n", ""))
    assert msg == "rule.yaml:1: missing required field 'forbid'"


def test_wrong_type_at_key_line(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD.replace("forbid: ['\\bSCR\\b']", "forbid: 'SCR'"))
    assert msg == "rule.yaml:10: 'forbid' must be a list, not text"


def test_wrong_type_of_common_field(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD + "enabled: sometimes\n")
    assert msg == "rule.yaml:11: 'enabled' must be true or false, not text"


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD + "case-sensitiv: true\n")
    assert msg == "rule.yaml:11: unknown key 'case-sensitiv' (did you mean 'case-sensitive'?)"


def test_key_of_another_kind_is_unknown(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD + "max: 3\n")
    assert msg.startswith("rule.yaml:11: unknown key 'max'")


def test_bad_severity_and_formats(tmp_path: Path) -> None:
    text = (
        GOOD.replace("severity: error", "severity: fatal")
        .replace("id: TEST101", "id: test-1")
        .replace("name: no-scr", "name: No SCR")
    )
    msgs = problems_of(tmp_path, text)
    assert msgs[0].startswith("rule.yaml:1: 'id' value 'test-1' does not match")
    assert msgs[1].startswith("rule.yaml:2: 'name' value 'No SCR' does not match")
    assert msgs[2] == "rule.yaml:4: 'severity' must be one of: info, warning, error (got 'fatal')"


def test_reserved_id(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, GOOD.replace("TEST101", "LINT002"))
    assert msg.startswith("rule.yaml:1: rule ids starting 'LINT' are reserved")


def test_kind_validate_hook(tmp_path: Path) -> None:
    text = GOOD.replace("check: forbid\nforbid: ['\\bSCR\\b']\n", "check: range\nmin: 5\nmax: 2\n")
    assert problems_of(tmp_path, text) == ["rule.yaml:9: min must not exceed max"]


def test_catastrophic_pattern_refused_at_load(tmp_path: Path) -> None:
    text = GOOD.replace("forbid: ['\\bSCR\\b']", "forbid:\n  - '(a|aa)+$'")
    [msg] = problems_of(tmp_path, text)
    assert msg.startswith("rule.yaml:11: 'forbid[0]': pattern '(a|aa)+$' backtracks")


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(x+x+)+y", r"(a+)+$"])
def test_probe_refuses_nested_repetition(pattern: str) -> None:
    # regex defuses some of these on short text, not on a paragraph-long one.
    assert "backtracks catastrophically" in (probe_pattern(pattern) or "")


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bserious case review\b|\bSCR\b",
        r"^\s*(\d+(\.\d+)*)\s+\w+",
        r"(?:[A-Z][a-z]+\s+){2,}",
        r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][a-z]+",
        r".*terms of reference.*",
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        r"[\w.+-]+@[\w-]+\.[\w.]+",
    ],
)
def test_probe_accepts_ordinary_patterns(pattern: str) -> None:
    assert probe_pattern(pattern) is None


def test_all_problems_reported_sorted_by_line(tmp_path: Path) -> None:
    text = GOOD.replace("severity: error", "severity: loud") + "colour: red\n"
    msgs = problems_of(tmp_path, text)
    assert [m.split(":")[1] for m in msgs] == ["4", "11"]


def test_duplicate_ids_and_names_across_files(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", GOOD)
    b = write(tmp_path / "b.yaml", GOOD)
    with pytest.raises(RuleFileProblems) as exc:
        load_rules([a, b], fake_kinds())
    msgs = [str(p) for p in exc.value.problems]
    assert msgs == [
        f"{b}:1: duplicate rule id 'TEST101' (also at {a}:1)",
        f"{b}:1: duplicate rule name 'no-scr' (also at {a}:1)",
    ]
    assert str(exc.value) == msgs[0]


def test_missing_rule_path(tmp_path: Path) -> None:
    _, problems = collect_rules([tmp_path / "nope.yaml"], fake_kinds())
    assert [p.message for p in problems] == ["no such rule file or folder"]


def test_rule_files_skip_hidden_and_private(tmp_path: Path) -> None:
    write(tmp_path / "b.yaml", "")
    write(tmp_path / "a" / "c.yml", "")
    write(tmp_path / "_drafts" / "x.yaml", "")
    write(tmp_path / ".hidden.yaml", "")
    write(tmp_path / "notes.md", "")
    assert [p.relative_to(tmp_path).as_posix() for p in rule_files(tmp_path)] == [
        "a/c.yml",
        "b.yaml",
    ]


def test_schema_is_valid_draft7_and_validates_rule_files() -> None:
    import jsonschema
    import yaml

    schema = rule_file_schema(fake_kinds())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    rules = yaml.safe_load((RULES / "basic.yaml").read_text())
    assert not list(validator.iter_errors(rules))
    assert not list(validator.iter_errors(rules[0]))
    bad = dict(rules[0], colour="red")
    assert list(validator.iter_errors(bad))
    assert schema["definitions"]["rule"]["properties"]["check"]["enum"] == sorted(fake_kinds())
