"""Rule packs installed by other Python packages.

A partnership (or a group of them) can share its rules as a Python package
instead of a folder to copy: the package declares an entry point in the
group ``lcsprlint.rule_packs`` that gives the folder holding its YAML rules,
either as a path or as a function returning one::

    [project.entry-points."lcsprlint.rule_packs"]
    northshire = "northshire_rules:pack_dir"

Once the package is installed, its rules load with the built-in pack on every
run (rules without ``profiles`` apply to every document type), so they can be
selected, ignored and configured like any other rule. A pack that cannot be
loaded is a :class:`~lcsprlint.errors.ConfigError` naming the entry point:
silently checking less than the user installed would be worse.
"""

from __future__ import annotations

import os
from pathlib import Path

from lcsprlint.entrypoints import entry_points
from lcsprlint.errors import ConfigError

#: Entry-point group of installed rule packs.
ENTRY_POINT_GROUP = "lcsprlint.rule_packs"


def installed_packs() -> list[tuple[str, Path]]:
    """``(entry point name, folder)`` of every installed pack, sorted by name, each folder once."""
    found: dict[Path, str] = {}
    # importlib.metadata only when a distribution may declare a pack (most runs have none).
    eps = sorted(entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name)
    for ep in eps:
        where = f"rule pack {ep.name!r} ({ep.value})"
        try:
            value = ep.load()
            if callable(value):
                value = value()
        except Exception as exc:  # a broken pack must not look like a bug in lcsprlint
            raise ConfigError(None, f"{where} could not be loaded: {type(exc).__name__}") from exc
        if not isinstance(value, (str, os.PathLike)):
            raise ConfigError(None, f"{where} does not give a folder path")
        folder = Path(value)
        if not folder.is_dir():
            raise ConfigError(None, f"{where}: no such folder {folder}")
        found.setdefault(folder.resolve(), ep.name)
    return [(name, folder) for folder, name in found.items()]
