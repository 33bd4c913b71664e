"""Configuration discovery, validation with lines, and layering under the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from lcsprlint.engine.config import (
    Config,
    Options,
    find_config,
    load_config,
    resolve,
    split_selectors,
)
from lcsprlint.engine.plan import Planner, load_rule_set
from lcsprlint.errors import ConfigError

from .helpers import fake_kinds, write

RULES = Path(__file__).parent / "rules"


def test_nearest_config_wins_from_the_files_folder_upward(tmp_path: Path) -> None:
    top = write(tmp_path / ".lcsprlint.yaml", "profile: lcspr\n")
    inner = write(tmp_path / "a" / "b" / ".lcsprlint.yml", "profile: rapid-review\n")
    draft = write(tmp_path / "a" / "b" / "c" / "draft.md", "# Draft\n")
    other = write(tmp_path / "a" / "other.md", "# Other\n")
    assert find_config(draft) == inner.resolve()
    assert find_config(other) == top.resolve()
    assert find_config(tmp_path / "a") == top.resolve()


def test_pyproject_only_with_a_tool_table(tmp_path: Path) -> None:
    top = write(tmp_path / "pyproject.toml", "[tool.lcsprlint]\nprofile = 'rapid-review'\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    draft = write(tmp_path / "sub" / "draft.md", "# Draft\n")
    assert find_config(draft) == top.resolve()
    assert load_config(top).profile == "rapid-review"


def test_yaml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.lcsprlint]\nprofile = 'rapid-review'\n")
    yml = write(tmp_path / ".lcsprlint.yaml", "profile: lcspr\n")
    assert find_config(tmp_path / "x.md") == yml.resolve()


def test_all_keys_parsed_and_paths_relative_to_the_config(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "cfg" / ".lcsprlint.yaml",
        """\
profile: rapid-review
rules: [local/]
select: [ALL]
ignore: "readability, TEST2"
extend-select: [TEST201]
severity: {TEST102: error}
params:
  TEST101: {case-sensitive: true}
fail-on: error
per-file-ignores:
  "appendix/*.md": [hygiene]
regex-timeout: 0.25
""",
    )
    c = load_config(cfg)
    assert c.profile == "rapid-review"
    assert c.rules == (tmp_path / "cfg" / "local/",)
    assert c.select == ("ALL",)
    assert c.ignore == ("readability", "TEST2")
    assert c.extend_select == ("TEST201",)
    assert c.severity == {"TEST102": "error"}
    assert c.params == {"TEST101": {"case-sensitive": True}}
    assert c.fail_on == "error"
    assert c.per_file_ignores == (("appendix/*.md", ("hygiene",)),)
    assert c.regex_timeout == 0.25
    assert c.root == tmp_path / "cfg"


@pytest.mark.parametrize(
    ("text", "line", "cause"),
    [
        ("profile: lcspr\nfail_on: error\n", 2, "unknown key 'fail_on'"),
        ("fail-on: sometimes\n", 1, "'fail-on'"),
        ("select: [A]\nseverity:\n  TEST101: loud\n", 3, "'severity.TEST101'"),
        ("regex-timeout: -1\n", 1, "'regex-timeout'"),
        ("profile: a: b\n", 1, "mapping values are not allowed"),
        ("- a\n- b\n", None, "must be a mapping"),
        ("a: 1\na: 2\n", 2, "duplicate key"),
    ],
)
def test_invalid_config_names_file_and_line(
    tmp_path: Path, text: str, line: int | None, cause: str
) -> None:
    cfg = write(tmp_path / ".lcsprlint.yaml", text)
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    where = f"{cfg}:{line}" if line else str(cfg)
    assert exc.value.path == where
    assert cause in exc.value.cause


def test_invalid_pyproject_key_has_its_line(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "pyproject.toml",
        "[project]\nname = 'x'\n\n[tool.lcsprlint]\nprofile = 'lcspr'\nfailon = 'error'\n",
    )
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    assert exc.value.path == f"{cfg}:6"
    assert "unknown key 'failon'" in exc.value.cause


def test_command_line_layers_over_the_file() -> None:
    config = Config(
        profile="rapid-review",
        select=("labelling",),
        ignore=("TEST102",),
        extend_select=("TEST201",),
        fail_on="error",
        regex_timeout=0.2,
    )
    s = resolve(config, Options())
    assert (s.profile, s.select, s.ignore, s.fail_on) == (
        "rapid-review",
        ("labelling",),
        ("TEST102",),
        "error",
    )
    s = resolve(
        config,
        Options(
            profile="lcspr",
            select=("hygiene",),
            ignore=("TEST101",),
            extend_select=("TEST301",),
            fail_on="info",
            rules=(Path("extra.yaml"),),
        ),
    )
    assert s.profile == "lcspr"
    assert s.select == ("hygiene",)  # replaced
    assert s.ignore == ("TEST102", "TEST101")  # added
    assert s.extend_select == ("TEST201", "TEST301")
    assert s.fail_on == "info"
    assert s.rules == (Path("extra.yaml"),)
    assert resolve(Config(), Options()).profile == "lcspr"
    assert resolve(Config(), Options()).fail_on == "warning"


def test_split_selectors() -> None:
    assert split_selectors(["A,B", " C ", ""]) == ("A", "B", "C")


def _settings(tmp_path: Path, text: str):
    cfg = write(tmp_path / ".lcsprlint.yaml", text)
    return resolve(load_config(cfg), Options())


def test_params_override_merged_into_rule(tmp_path: Path) -> None:
    s = _settings(
        tmp_path,
        f"rules: ['{RULES}']\nparams:\n  TEST102:\n    forbid: ['\\bDRAFT\\b']\n"
        "  no-scr: {case-sensitive: true}\n",
    )
    rs = load_rule_set(s, fake_kinds())
    by_id = {r.id: r for r in rs.all}
    assert by_id["TEST102"].params["forbid"] == ["\\bDRAFT\\b"]
    assert by_id["TEST101"].params["case-sensitive"] is True
    assert by_id["TEST101"].params["forbid"] == ["\\bSCR\\b", "serious case review"]


@pytest.mark.parametrize(
    ("params", "cause"),
    [
        ("  NOPE101: {forbid: [x]}\n", "no rule with id or name 'NOPE101'"),
        ("  TEST102: {forbid: 'x'}\n", "must be a list"),
        ("  TEST102: {colour: red}\n", "unknown key 'colour'"),
        ("  TEST102: {forbid: ['(a|aa)+$']}\n", "backtracks"),
    ],
)
def test_bad_params_override_is_a_config_error_at_its_line(
    tmp_path: Path, params: str, cause: str
) -> None:
    s = _settings(tmp_path, f"rules: ['{RULES}']\nparams:\n{params}")
    with pytest.raises(ConfigError) as exc:
        load_rule_set(s, fake_kinds())
    assert exc.value.path == f"{tmp_path / '.lcsprlint.yaml'}:3"
    assert cause in exc.value.cause


def test_unknown_selector_in_config_is_an_error(tmp_path: Path) -> None:
    s = _settings(tmp_path, f"rules: ['{RULES}']\nignore: [TEST999]\n")
    with pytest.raises(ConfigError) as exc:
        load_rule_set(s, fake_kinds())
    assert exc.value.path.endswith(".lcsprlint.yaml:2")
    assert "TEST999" in exc.value.cause


def test_unknown_selector_on_command_line_is_an_error(tmp_path: Path) -> None:
    options = Options(rules=(RULES,), select=("nonsense",))
    with pytest.raises(ConfigError, match="--select: no rule matches selector 'nonsense'"):
        Planner(options, fake_kinds()).spec_for(tmp_path / "x.md")


def test_severity_override_and_profile_filter(tmp_path: Path) -> None:
    s = _settings(tmp_path, f"rules: ['{RULES}']\nseverity:\n  hygiene: info\n  TEST101: info\n")
    rs = load_rule_set(s, fake_kinds())
    sev = {r.id: r.severity for r in rs.all}
    assert sev["TEST101"] == "info"
    assert sev["TEST102"] == "info"
    assert "TEST301" not in sev  # rapid-review only; profile is lcspr
    assert [r.id for r in rs.selected] == ["TEST101", "TEST102", "LINT001"]


def test_planner_uses_each_files_own_config(tmp_path: Path) -> None:
    write(tmp_path / "a" / ".lcsprlint.yaml", f"rules: ['{RULES}']\nignore: [TEST101]\n")
    write(tmp_path / "b" / ".lcsprlint.yaml", f"rules: ['{RULES}']\nfail-on: never\n")
    planner = Planner(Options(), fake_kinds())
    a1 = planner.spec_for(tmp_path / "a" / "one.md")
    a2 = planner.spec_for(tmp_path / "a" / "two.md")
    b = planner.spec_for(tmp_path / "b" / "one.md")
    assert a1 is a2
    assert "TEST101" not in {r.id for r in a1.rules}
    assert "TEST101" in {r.id for r in b.rules}
    assert (a1.fail_on, b.fail_on) == ("warning", "never")
    assert a1.root == str((tmp_path / "a").resolve())


def test_explicit_config_replaces_the_search(tmp_path: Path) -> None:
    write(tmp_path / "a" / ".lcsprlint.yaml", "fail-on: never\n")
    explicit = write(tmp_path / "explicit.yaml", "fail-on: info\n")
    planner = Planner(Options(config=explicit), fake_kinds())
    assert planner.settings_for(tmp_path / "a" / "x.md").fail_on == "info"


def test_unknown_profile(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown profile 'nope'"):
        Planner(Options(profile="nope"), fake_kinds()).spec_for(tmp_path / "x.md")


@pytest.fixture(autouse=True)
def _empty_builtin_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests use fake kinds, so the real built-in packs must not be loaded."""
    from lcsprlint.engine import builtin

    packs = tmp_path / "empty-packs"
    (packs / "lcspr").mkdir(parents=True)
    monkeypatch.setattr(builtin, "builtin_rules_dir", lambda: packs)
