"""Rule packs installed by other packages (entry points ``lcsprlint.rule_packs``).

Entry points are faked by monkeypatching ``importlib.metadata.entry_points``;
the objects they load live in a fake module put in ``sys.modules``.
"""

from __future__ import annotations

import importlib.metadata
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from lcsprlint import cli
from lcsprlint.engine import builtin
from lcsprlint.engine.config import Config, Options, resolve
from lcsprlint.engine.packs import ENTRY_POINT_GROUP, installed_packs
from lcsprlint.engine.plan import load_rule_set, rule_sources
from lcsprlint.errors import ConfigError

from .helpers import fake_kinds, write

PACK_RULE = """\
id: NSCP101
name: northshire-term
category: terminology
severity: warning
message: "Found {match}."
rationale: Local language guide.
source: Northshire, 2024
fix: Use another word.
check: forbid
scope: document
forbid: ['hard to reach']
"""


def _fake_entry_points(
    monkeypatch: pytest.MonkeyPatch, targets: dict[str, object]
) -> list[importlib.metadata.EntryPoint]:
    """Install entry points named after ``targets``, each loading its object."""
    module = types.ModuleType("fake_rule_packs")
    eps = []
    for i, (name, obj) in enumerate(targets.items()):
        setattr(module, f"target{i}", obj)
        eps.append(
            importlib.metadata.EntryPoint(
                name=name, value=f"fake_rule_packs:target{i}", group=ENTRY_POINT_GROUP
            )
        )
    monkeypatch.setitem(sys.modules, "fake_rule_packs", module)
    real = importlib.metadata.entry_points

    def entry_points(**kw: object) -> object:
        if kw.get("group") == ENTRY_POINT_GROUP:
            return importlib.metadata.EntryPoints(eps)
        return real(**kw)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    return eps


@pytest.fixture
def no_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    packs = tmp_path / "builtin"
    (packs / "lcspr").mkdir(parents=True)
    monkeypatch.setattr(builtin, "builtin_rules_dir", lambda: packs)
    return packs


def test_no_packs_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, {})
    assert installed_packs() == []


def test_packs_by_path_or_function_sorted_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    _fake_entry_points(monkeypatch, {"zeta": str(b), "alpha": lambda: a, "again": lambda: b})
    assert installed_packs() == [("again", b.resolve()), ("alpha", a.resolve())]


@pytest.mark.parametrize(
    ("target", "error"),
    [
        (42, "does not give a folder path"),
        (lambda: None, "does not give a folder path"),
        ("/nowhere/at/all", "no such folder"),
        (lambda: 1 / 0, "could not be loaded: ZeroDivisionError"),
    ],
)
def test_broken_packs_are_config_errors(
    monkeypatch: pytest.MonkeyPatch, target: object, error: str
) -> None:
    _fake_entry_points(monkeypatch, {"broken": target})
    with pytest.raises(ConfigError, match=error) as info:
        installed_packs()
    assert "rule pack 'broken'" in str(info.value)


def test_missing_module_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = importlib.metadata.EntryPoint(
        name="gone", value="no_such_module_xyz:pack", group=ENTRY_POINT_GROUP
    )
    monkeypatch.setattr(
        importlib.metadata, "entry_points", lambda **kw: importlib.metadata.EntryPoints([ep])
    )
    with pytest.raises(ConfigError, match="ModuleNotFoundError"):
        installed_packs()


def test_installed_pack_rules_load_with_the_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_builtin: Path
) -> None:
    pack = tmp_path / "northshire"
    write(pack / "terms.yaml", PACK_RULE)
    extra = write(
        tmp_path / "extra" / "x.yaml",
        PACK_RULE.replace("NSCP101", "NSCP102").replace("northshire-term", "extra-term"),
    )
    _fake_entry_points(monkeypatch, {"northshire": lambda: pack})
    settings = resolve(Config(), Options(rules=(extra,)))
    sources = rule_sources(settings)
    assert sources[-2:] == [pack.resolve(), extra]
    rs = load_rule_set(settings, fake_kinds())
    ids = [r.id for r in rs.selected]
    assert "NSCP101" in ids and "NSCP102" in ids
    (rule,) = [r for r in rs.all if r.id == "NSCP101"]
    assert rule.profiles == ()  # applies to every document type


def test_rules_command_lists_installed_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_builtin: Path
) -> None:
    pack = tmp_path / "northshire"
    write(pack / "terms.yaml", PACK_RULE)
    _fake_entry_points(monkeypatch, {"northshire": str(pack)})
    monkeypatch.setattr(cli, "_kinds", fake_kinds)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = CliRunner().invoke(cli.cli, ["rules"])
    assert result.exit_code == 0, result.output
    assert "NSCP101" in result.stdout
