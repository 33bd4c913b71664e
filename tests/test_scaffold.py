"""Scaffolding rules (lcsprlint.scaffold) and the ``new-rule`` command.

The promise to rule authors: for every kind, the scaffolded rule loads and
its fixture passes ``test-rules`` as written, so they start from something
that works and change it a step at a time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lcsprlint import cli, ruletest
from lcsprlint.engine.schema import COMMON_FIELDS, rule_file_schema
from lcsprlint.engine.validate import collect_rules
from lcsprlint.errors import LintError
from lcsprlint.kinds import all_kinds
from lcsprlint.kinds.base import CheckKind, Hit
from lcsprlint.scaffold import SCHEMA_FILE, TEMPLATES, new_rule, next_id

KINDS = all_kinds()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_scaffolds_a_rule_that_loads_and_passes_its_fixture(
    tmp_path: Path, kind: str
) -> None:
    made = new_rule(f"my-{kind}", kind, KINDS, folder=tmp_path)
    assert made.notes == ()
    assert made.rule_file == tmp_path / f"my-{kind}.yaml"
    assert made.fixture == tmp_path / f"my-{kind}.test.md"

    rules, problems = collect_rules([made.rule_file], KINDS)
    assert problems == []
    (rule,) = rules
    assert (rule.id, rule.name, rule.check) == ("CUSTOM101", f"my-{kind}", kind)
    assert (rule.category, rule.severity, rule.enabled) == ("local", "warning", True)

    fixture = made.fixture.read_text(encoding="utf-8")
    assert len(re.findall(r"<!-- expect: CUSTOM101\b", fixture)) == 1
    assert len(re.findall(r"<!-- ok: CUSTOM101\b", fixture)) == 1

    result = ruletest.check_rule_file(made.rule_file, KINDS, require_fixtures=True)
    assert result.status == "pass", ruletest.render_text([result])
    assert result.fixtures[0].checks == 2


def test_every_builtin_kind_has_a_template() -> None:
    assert set(KINDS) <= set(TEMPLATES)


def test_rule_file_has_modeline_and_every_common_field(tmp_path: Path) -> None:
    made = new_rule("partner-names", "all-of", KINDS, folder=tmp_path, category="sign-off")
    text = made.rule_file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
    for key in COMMON_FIELDS:
        assert re.search(rf"^(# )?{key}:", text, re.MULTILINE), key
    data = yaml.safe_load(text)
    assert data["category"] == "sign-off"
    assert data["groups"]  # the kind's example parameters
    assert "{missing}" in data["message"]


def test_schema_is_written_once_and_matches_lcsprlint_schema(tmp_path: Path) -> None:
    first = new_rule("one-rule", "pattern", KINDS, folder=tmp_path)
    assert first.schema == tmp_path / SCHEMA_FILE
    schema = json.loads(first.schema.read_text(encoding="utf-8"))
    assert schema == rule_file_schema(KINDS)
    (tmp_path / SCHEMA_FILE).write_text("{}", encoding="utf-8")
    second = new_rule("two-rule", "pattern", KINDS, folder=tmp_path)
    assert second.schema is None
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == "{}"


def test_schema_validates_the_scaffolded_rule(tmp_path: Path) -> None:
    import jsonschema

    made = new_rule("my-items", "items", KINDS, folder=tmp_path)
    schema = json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(yaml.safe_load(made.rule_file.read_text()))


def test_ids_count_up_past_those_in_use(tmp_path: Path) -> None:
    new_rule("first-rule", "pattern", KINDS, folder=tmp_path)
    new_rule("second-rule", "pattern", KINDS, folder=tmp_path, rule_id="CUSTOM102")
    third = new_rule("third-rule", "pattern", KINDS, folder=tmp_path)
    assert yaml.safe_load(third.rule_file.read_text())["id"] == "CUSTOM103"
    assert "CUSTOM103" in third.fixture.read_text()
    assert next_id(tmp_path / "missing") == "CUSTOM101"
    rules, problems = collect_rules([tmp_path], KINDS)
    assert len(rules) == 3 and problems == []


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    made = new_rule("my-rule", "pattern", KINDS, folder=tmp_path)
    before = made.rule_file.read_text()
    with pytest.raises(LintError, match="already exists"):
        new_rule("my-rule", "section", KINDS, folder=tmp_path)
    assert made.rule_file.read_text() == before


def test_an_existing_fixture_stops_everything(tmp_path: Path) -> None:
    (tmp_path / "my-rule.test.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(LintError, match="already exists"):
        new_rule("my-rule", "pattern", KINDS, folder=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-rule.test.md"]


@pytest.mark.parametrize(
    ("name", "kind", "options", "error"),
    [
        ("My Rule", "pattern", {}, "must be kebab-case"),
        ("my-rule", "patern", {}, "unknown check kind 'patern'"),
        ("my-rule", "pattern", {"rule_id": "custom1"}, "capitals then two or more digits"),
        ("my-rule", "pattern", {"category": "Local Terms"}, "must be kebab-case"),
    ],
)
def test_bad_arguments(
    tmp_path: Path, name: str, kind: str, options: dict[str, str], error: str
) -> None:
    with pytest.raises(LintError, match=error):
        new_rule(name, kind, KINDS, folder=tmp_path, **options)
    assert list(tmp_path.iterdir()) == []


def test_folder_is_created(tmp_path: Path) -> None:
    made = new_rule("my-rule", "pattern", KINDS, folder=tmp_path / "local" / "rules")
    assert made.rule_file.is_file()


def _plugin_kind() -> CheckKind:
    def build(params):
        return lambda doc: [Hit()] if doc.words > 1000 else []

    return CheckKind(
        name="word-count",
        description="A plugin kind.",
        params={"max": {"type": "integer"}},
        build=build,
        example="check: word-count\nmax: 1000",
    )


def test_plugin_kind_gets_a_generic_fixture_and_a_note(tmp_path: Path) -> None:
    kinds = {**KINDS, "word-count": _plugin_kind()}
    made = new_rule("long-report", "word-count", kinds, folder=tmp_path)
    assert made.notes == ("write the fixture's two blocks for 'word-count' before testing",)
    rules, problems = collect_rules([made.rule_file], kinds)
    assert problems == [] and rules[0].params == {"max": 1000}
    assert "<!-- expect: CUSTOM101 -->" in made.fixture.read_text()


def test_new_rule_command_then_test_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["new-rule", "local-terms", "--kind", "pattern", "--dir", "mine", "--id", "NSCP101"]
    result = runner.invoke(cli.cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {Path('mine') / SCHEMA_FILE}",
        f"wrote {Path('mine') / 'local-terms.yaml'}",
        f"wrote {Path('mine') / 'local-terms.test.md'}",
        "next: edit both files, then run: lcsprlint test-rules mine",
    ]
    result = runner.invoke(cli.cli, ["test-rules", "mine", "--require-fixtures"])
    assert result.exit_code == 0, result.output
    assert "1 rule file: 1 passed, 0 failed" in result.stdout

    again = runner.invoke(cli.cli, args)
    assert again.exit_code == 2
    assert "already exists; not overwritten" in again.stderr

    bad = runner.invoke(cli.cli, ["new-rule", "x-rule", "--kind", "nope"])
    assert bad.exit_code == 2 and "unknown check kind 'nope'" in bad.stderr
