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
import sys
from pathlib import Path
from typing import Any

from lcsprlint.engine.schema import NAME_PATTERN
from lcsprlint.errors import ConfigError

#: The profile used when neither the command line nor configuration names one.
DEFAULT_PROFILE = "lcspr"
#: Profiles lcsprlint knows even before their pack has rules in it.
KNOWN_PROFILES = ("lcspr", "rapid-review", "yearly-report")


class _Resources:
    """``importlib.resources.files`` for the one lookup here, cheaper for a plain package.

    For a package loaded from files (every install but a zip), ``files()`` is
    the package's folder; importing :mod:`importlib.resources` to say so costs
    a run about 6 ms (it imports ``tempfile``, ``shutil``, ``random``...).
    Other loaders get the real answer. (Tests replace ``files``.)
    """

    @staticmethod
    def files(package: str) -> Any:
        from importlib.machinery import SourceFileLoader, SourcelessFileLoader

        spec = getattr(sys.modules.get(package), "__spec__", None)
        loader = getattr(spec, "loader", None)
        origin = getattr(spec, "origin", None)
        if type(loader) in (SourceFileLoader, SourcelessFileLoader) and origin:
            return Path(origin).parent
        from importlib import resources as real

        return real.files(package)


resources = _Resources()


def builtin_rules_dir() -> Path | None:
    """The folder holding the packs, or None when lcsprlint ships none (a broken install)."""
    try:
        shipped = resources.files("lcsprlint") / "builtin_rules"
        if shipped.is_dir():
            return Path(str(shipped))
    except (ModuleNotFoundError, NotADirectoryError, TypeError):
        pass
    repo = Path(__file__).resolve().parent.parent.parent / "rules"
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
