"""Finding the built-in rule packs: shipped in the wheel, else the repo's rules/."""

from __future__ import annotations

from pathlib import Path

import pytest

from lcsprlint.engine import builtin
from lcsprlint.errors import ConfigError


def test_source_checkout_falls_back_to_repo_rules() -> None:
    root = builtin.builtin_rules_dir()
    assert root is not None
    assert root == Path(builtin.__file__).resolve().parents[2] / "rules"
    assert builtin.pack_dir("lcspr") == root / "lcspr"


def test_shipped_folder_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "builtin_rules" / "lcspr").mkdir(parents=True)
    (tmp_path / "builtin_rules" / "local-pack").mkdir()
    (tmp_path / "builtin_rules" / "_fixtures").mkdir()
    monkeypatch.setattr(builtin, "_package_dir", lambda: tmp_path)
    assert builtin.builtin_rules_dir() == tmp_path / "builtin_rules"
    assert builtin.available_profiles() == ["lcspr", "local-pack", "rapid-review", "yearly-report"]
    assert builtin.pack_dir("local-pack") == tmp_path / "builtin_rules" / "local-pack"
    assert builtin.pack_dir("yearly-report") is None  # known, pack still empty


@pytest.mark.parametrize("name", ["nope", "../etc", "_fixtures"])
def test_unknown_or_invalid_profiles(name: str) -> None:
    with pytest.raises(ConfigError):
        builtin.pack_dir(name)


def test_builtin_packs_pass_the_probe() -> None:
    """A run skips the backtracking probe for the built-in packs because this test runs it."""
    from support.builtin_patterns import builtin_pattern_sites

    from lcsprlint.engine.validate import probe_pattern

    sites = builtin_pattern_sites()
    for name, pattern in sites:
        assert probe_pattern(pattern) is None, (name, pattern)
    assert len(sites) > 500
