"""Start-up shortcuts (issue 12) change no answer.

A run trusts the built-in packs (parsed by libyaml, not re-validated), plans
only the packs of the document types it meets, and imports heavy modules only
when needed. Each shortcut is checked here against the slow path it skips:
the strict loader and full validation (what ``check-rules`` and the rest of
the suite use), planning every pack up front, and jsonschema itself.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lcsprlint.engine import loader
from lcsprlint.engine.builtin import builtin_rules_dir, pack_dir
from lcsprlint.engine.config import (
    CONFIG_SCHEMA,
    Options,
    _schema_errors,
    load_config,
    plainly_valid,
    resolve,
)
from lcsprlint.engine.detect import DETECTED_PROFILES
from lcsprlint.engine.plan import Planner, ProfilePlan, load_rule_sets, plan_detected
from lcsprlint.engine.runner import DetectingEngine, check_paths, engine_for
from lcsprlint.engine.validate import _is_builtin, collect_rules, rule_files
from lcsprlint.errors import ConfigError
from lcsprlint.kinds import all_kinds

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: One draft of each document type, as detection sees them.
DRAFTS = {
    "lcspr": EXAMPLES / "good-lcspr.md",
    "rapid-review": EXAMPLES / "rapid-review-good.md",
    "yearly-report": EXAMPLES / "yearly-report-good.md",
}


@pytest.fixture(scope="module")
def kinds() -> dict[str, Any]:
    return all_kinds()


def _pack_files() -> list[Path]:
    root = builtin_rules_dir()
    assert root is not None
    return [f for p in DETECTED_PROFILES for f in rule_files(root / p)]


def _with_lines(value: Any) -> Any:
    """The data with every line the loader recorded, for an exact comparison."""
    if isinstance(value, loader.LineDict):
        return (
            "map",
            value.line,
            dict(value.key_lines),
            {k: _with_lines(v) for k, v in value.items()},
        )
    if isinstance(value, loader.LineList):
        return ("seq", value.line, list(value.item_lines), [_with_lines(v) for v in value])
    return (type(value).__name__, value)


# -- the built-in packs: fast path against strict path ----------------------------------------


@pytest.mark.skipif(loader.FastLoader is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", _pack_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_libyaml_gives_the_strict_loaders_data_and_lines(path: Path) -> None:
    strict = loader.read_yaml(path)
    fast = loader.read_yaml(path, builtin=True)
    assert _with_lines(fast) == _with_lines(strict)


def test_without_libyaml_builtin_files_are_read_strictly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "FastLoader", None)
    path = _pack_files()[0]
    assert _with_lines(loader.read_yaml(path, builtin=True)) == _with_lines(loader.read_yaml(path))
    bomb = tmp_path / "alias.yaml"
    bomb.write_text("a: &x [1]\nb: *x\n", encoding="utf-8")
    with pytest.raises(loader.RuleFileError, match="anchors"):
        loader.read_yaml(bomb, builtin=True)


def test_trusted_packs_give_the_validated_rules(kinds: dict[str, Any]) -> None:
    """Every field of every built-in rule, trusted at run time or validated as check-rules does."""
    sources = [(pack_dir(p), (p,)) for p in DETECTED_PROFILES]
    strict, problems = collect_rules(sources, kinds)
    assert problems == []  # ids and names unique across the three packs, too
    trusted, problems = collect_rules(sources, kinds, trust_builtin=True)
    assert problems == []
    assert len(strict) > 90
    assert trusted == strict


def test_each_builtin_rule_applies_to_its_own_pack_only(kinds: dict[str, Any]) -> None:
    """Planning a detected type reads only its pack, which is right only while no rule of
    another pack names that type in ``profiles``."""
    for profile in DETECTED_PROFILES:
        rules, _ = collect_rules([(pack_dir(profile), (profile,))], kinds, trust_builtin=True)
        assert {r.profiles for r in rules} == {(profile,)}


def test_rule_files_outside_the_packs_are_always_validated(
    tmp_path: Path, kinds: dict[str, Any]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: X101\ncheck: pattern\n", encoding="utf-8")
    rules, problems = collect_rules([bad], kinds, trust_builtin=True)
    assert rules == [] and problems
    assert not _is_builtin("")  # a parameter override from configuration


def test_a_builtin_rule_of_an_unknown_kind_is_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kinds: dict[str, Any]
) -> None:
    from lcsprlint.engine import builtin

    packs = tmp_path / "packs"
    (packs / "lcspr").mkdir(parents=True)
    (packs / "lcspr" / "r.yaml").write_text(
        "id: X101\nname: x\ncategory: x\nseverity: info\nmessage: m\nrationale: r\n"
        "source: s\nfix: f\ncheck: no-such-kind\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(builtin, "builtin_rules_dir", lambda: packs)
    _, problems = collect_rules([(packs / "lcspr", ("lcspr",))], kinds, trust_builtin=True)
    assert ["unknown check kind" in p.message for p in problems] == [True]


# -- planning only the packs a run needs -------------------------------------------------------

#: Configurations that name only rules of the fallback pack (lcspr): the others wait.
LAZY_CONFIGS = [
    "",
    "ignore: [readability, LCSPR2]\n",
    "select: [ALL]\nfail-on: info\n",
    "severity:\n  LCSPR101: error\n  chronology: info\n",
    "params:\n  LCSPR140:\n    max-share: 0.3\n",
    "params:\n  LINT002: {}\n",  # names the engine's own note: skipped, as before
    "per-file-ignores:\n  '*.md': [LCSPR101]\nextend-select: [LINT002]\n",
]


def _settings(tmp_path: Path, text: str) -> Any:
    path = tmp_path / ".lcsprlint.yaml"
    path.write_text(text, encoding="utf-8")
    return resolve(load_config(path), Options())


@pytest.mark.parametrize("text", LAZY_CONFIGS)
def test_profiles_planned_later_match_planning_all_at_once(
    tmp_path: Path, text: str, kinds: dict[str, Any]
) -> None:
    s = _settings(tmp_path, text)
    now, later = plan_detected(s, kinds)
    assert list(now) == ["lcspr"] and isinstance(later, ProfilePlan)
    eager = load_rule_sets(s, kinds)
    for profile in DETECTED_PROFILES:
        got = now.get(profile) or later.rule_set(profile, kinds)
        assert got == eager[profile], profile
    assert later.rule_set("no-such-profile", kinds) is None


@pytest.mark.parametrize(
    "text",
    [
        "ignore: [RR301]\n",  # a rapid-review rule
        "severity:\n  rr-covid: info\n",
        "params:\n  RR301: {}\n",
    ],
)
def test_naming_another_packs_rule_plans_every_pack_up_front(
    tmp_path: Path, text: str, kinds: dict[str, Any]
) -> None:
    s = _settings(tmp_path, text)
    now, later = plan_detected(s, kinds)
    assert later is None
    assert now == load_rule_sets(s, kinds)


def test_extra_rule_files_plan_every_pack_up_front(tmp_path: Path, kinds: dict[str, Any]) -> None:
    """Their ids must not clash with any pack's, so every pack is read before the run."""
    extra = tmp_path / "local.yaml"
    extra.write_text(
        "id: RR301\nname: local-rule\ncategory: local\nseverity: info\nmessage: m\n"
        "rationale: r\nsource: s\nfix: f\ncheck: pattern\nforbid: ['x']\n",
        encoding="utf-8",
    )
    s = _settings(tmp_path, "rules: [local.yaml]\n")
    with pytest.raises(Exception, match="duplicate rule id 'RR301'"):
        plan_detected(s, kinds)


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("ignore: [LCSPR9999]\n", Options(), "ignore: no rule matches selector 'LCSPR9999'"),
        ("", Options(select=("nonsense",)), "--select: no rule matches selector 'nonsense'"),
        ("params:\n  RR999: {}\n", Options(), "params: no rule with id or name 'RR999'"),
        ("params:\n  RR301:\n    nope: 1\n", Options(), "params for RR301"),
        ("params:\n  LCSPR140:\n    max-share: 7\n", Options(), "params for LCSPR140"),
    ],
)
def test_configuration_errors_still_stop_the_run_before_any_work(
    tmp_path: Path, text: str, options: Options, message: str, kinds: dict[str, Any]
) -> None:
    (tmp_path / ".lcsprlint.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Planner(options, kinds).spec_for(tmp_path / "draft.md")


def test_a_run_plans_only_the_types_it_meets(tmp_path: Path, kinds: dict[str, Any]) -> None:
    planner = Planner(Options(), kinds)
    spec = planner.spec_for(DRAFTS["rapid-review"])
    assert spec.by_profile == () and isinstance(spec.plan_profile, ProfilePlan)
    [result] = check_paths([DRAFTS["rapid-review"]], planner.spec_for, kinds, jobs=1)
    assert result.profile == "rapid-review"
    assert set(spec.plan_profile._sets) == {"rapid-review"}  # yearly-report never planned
    run = planner.rules_run([result])
    assert any(i.startswith("RR") for i in run) and not any(i.startswith("YR") for i in run)
    assert {f.rule for f in result.findings} <= set(run)
    # Without results: every rule that may run, as reporters had it before.
    every = planner.rules_run()
    eager = load_rule_sets(planner.settings_for(DRAFTS["lcspr"]), kinds)
    assert set(every) == {r.id for rs in eager.values() for r in rs.selected} | {"LINT002"}


def test_a_profile_plan_travels_to_workers_without_its_cache(kinds: dict[str, Any]) -> None:
    spec = Planner(Options(), kinds).spec_for(DRAFTS["lcspr"])
    plan = spec.plan_profile
    assert isinstance(plan, ProfilePlan)
    plan.rule_set("rapid-review", kinds)
    copy = pickle.loads(pickle.dumps(spec)).plan_profile
    assert copy._sets == {} and copy.profiles == plan.profiles
    assert copy("rapid-review", kinds) == plan("rapid-review", kinds)


def _findings(results: list[Any]) -> list[Any]:
    return [(r.profile, [(f.rule, f.message, f.location) for f in r.findings]) for r in results]


def test_lazy_planning_finds_what_eager_planning_finds(kinds: dict[str, Any]) -> None:
    """One document of each type, planned lazily (one and two processes) and all up front."""
    planner = Planner(Options(), kinds)
    files = list(DRAFTS.values())
    one = check_paths(files, planner.spec_for, kinds, jobs=1)
    two = check_paths(files, planner.spec_for, kinds, jobs=2)
    lazy = planner.spec_for(files[0])
    eager_sets = load_rule_sets(planner.settings_for(files[0]), kinds)
    eager_spec = type(lazy)(
        rules=lazy.rules,
        profile=lazy.profile,
        by_profile=tuple((p, rs.selected) for p, rs in eager_sets.items() if p != "lcspr"),
    )
    engine = engine_for(eager_spec, kinds)
    assert isinstance(engine, DetectingEngine)
    eager = [engine.check_path(f) for f in files]
    assert [r.profile for r in one] == list(DRAFTS)
    assert _findings(one) == _findings(two) == _findings(eager)


# -- configuration files: the jsonschema shortcut ----------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 100),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "lcspr", "Lcspr", "lcspr\n", "a-b", "-x", "info", "error", "never"]),
    st.sampled_from(["warning", "LCSPR101", "readability", "ALL", "x y"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.one_of(st.sampled_from(["LCSPR101", "*.md", "k"]), st.integers()), inner, max_size=3
        ),
    ),
    max_leaves=8,
)
_CONFIGS = st.dictionaries(
    st.one_of(st.sampled_from(sorted(CONFIG_SCHEMA["properties"])), st.just("unknown")),
    _VALUES,
    max_size=4,
)


@settings(max_examples=600, deadline=None)
@given(_CONFIGS)
def test_the_shortcut_never_accepts_what_the_schema_refuses(data: dict[Any, Any]) -> None:
    if plainly_valid(data):
        assert _schema_errors(data) == []


def test_the_shortcut_vouches_for_usual_configurations() -> None:
    from lcsprlint.cli import STARTER_CONFIG

    usual = {
        "profile": "rapid-review",
        "rules": ["local-rules/"],
        "select": ["ALL"],
        "ignore": ["readability", "LCSPR1"],
        "extend-select": ["LCSPR190"],
        "severity": {"LCSPR140": "error"},
        "params": {"LCSPR140": {"max-share": 0.3}},
        "fail-on": "never",
        "per-file-ignores": {"appendices/*.md": ["chronology"]},
        "regex-timeout": 0.5,
    }
    for data in (usual, yaml.safe_load(STARTER_CONFIG)):
        assert plainly_valid(data) and _schema_errors(data) == []
    assert set(usual) == set(CONFIG_SCHEMA["properties"])


# -- imports ----------------------------------------------------------------------------------

_PROBE = """
import sys
from lcsprlint.cli import main
sys.argv = ["lcsprlint", "check", sys.argv[1], "--format", "json", "--no-snippets"]
try:
    main()
except SystemExit:
    pass
heavy = ("jsonschema", "rich", "docx", "concurrent.futures.process", "difflib")
print("LOADED", sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


def test_a_one_page_check_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    """No jsonschema (no configuration, trusted packs), no rich (JSON output), no python-docx
    (a Markdown draft), no process pool (one file)."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Local child safeguarding practice review: Child Q\n\nSome text.\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, str(draft)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert json.loads(proc.stdout)["files"][0]["profile"] == "lcspr"
    assert "LOADED []" in proc.stderr, proc.stderr[-2000:]
