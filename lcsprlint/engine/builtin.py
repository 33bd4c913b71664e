"""Where the built-in rule packs are.

The top-level ``rules/`` folder of YAML ships inside the wheel as
``lcsprlint/builtin_rules`` (``[tool.hatch.build.targets.wheel.force-include]``
in pyproject.toml), so an installed lcsprlint finds its packs from any
folder. In a source checkout or an editable install there is no
``builtin_rules``; the packs are then read from ``<repo>/rules`` beside the
package. Each pack is a subfolder named by the profile it serves
(``rules/lcspr/``, ``rules/rapid-review/``, ``rules/yearly-report/``); its
rules get that profile unless they name their own ``profiles``.
"""

from __future__ import annotations

import re
from pathlib import Path

from lcsprlint.engine.schema import NAME_PATTERN
from lcsprlint.errors import ConfigError

#: The profile used when neither the command line nor configuration names one.
DEFAULT_PROFILE = "lcspr"
#: Profiles lcsprlint knows even before their pack has rules in it.
KNOWN_PROFILES = ("lcspr", "rapid-review", "yearly-report")


def _package_dir() -> Path:
    """The folder of the ``lcsprlint`` package, where a wheel puts ``builtin_rules``.

    Read off this module's own file: ``importlib.resources`` gives the same
    folder for a package installed from files, and importing it cost every
    run ~6 ms. (Tests replace this function.)
    """
    return Path(__file__).resolve().parent.parent


def builtin_rules_dir() -> Path | None:
    """The folder holding the packs, or None when lcsprlint ships none (a broken install)."""
    shipped = _package_dir() / "builtin_rules"
    if shipped.is_dir():
        return shipped
    repo = _package_dir().parent / "rules"
    return repo if repo.is_dir() else None


def available_profiles() -> list[str]:
    """Profiles with a pack folder, plus the known ones, sorted."""
    found = set(KNOWN_PROFILES)
    root = builtin_rules_dir()
    if root is not None:
        found.update(
            p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
        )
    return sorted(found)


def pack_dir(profile: str) -> Path | None:
    """The pack folder for a profile; None for a known profile whose pack is still empty.

    An unknown profile is a :class:`ConfigError`: a typo there would
    otherwise silently check nothing.
    """
    if not re.fullmatch(NAME_PATTERN, profile):
        raise ConfigError(None, f"invalid profile name {profile!r} (kebab-case, e.g. lcspr)")
    root = builtin_rules_dir()
    if root is not None:
        candidate = root / profile
        if candidate.is_dir():
            return candidate
    if profile in KNOWN_PROFILES:
        return None
    raise ConfigError(
        None, f"unknown profile '{profile}' (available: {', '.join(available_profiles())})"
    )
