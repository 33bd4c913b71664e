"""Check kinds: the registry of everything a rule's ``check:`` may name.

The built-in kinds are listed explicitly (one module each; a module may
export ``KIND`` or, for a family such as all-of / any-of, ``KINDS``), so the
set is obvious from this file and no import happens by accident. Plugins add
kinds through the ``lcsprlint.checks`` entry-point group: each entry point
loads a :class:`~lcsprlint.kinds.base.CheckKind`. A plugin cannot replace a
built-in kind: on a name clash the built-in wins, so a rule pack means the
same thing wherever it runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from lcsprlint.errors import ConfigError
from lcsprlint.kinds.base import CheckKind

#: Entry-point group plugins use to add check kinds.
ENTRY_POINT_GROUP = "lcsprlint.checks"

#: Modules of lcsprlint.kinds that define built-in kinds (add a line for a new kind).
BUILTIN_MODULES = (
    "section",
    "pattern",
    "groups",
    "conditional",
    "items",
    "proportion",
    "dates",
    "structure",
    "readability",
    "identifiers",
    "pseudonyms",
)


def entry_points(*, group: str) -> Any:
    """The installed entry points of ``group`` (tests replace this function).

    :func:`lcsprlint.entrypoints.entry_points` answers as
    :func:`importlib.metadata.entry_points` does, without importing it when no
    installed distribution mentions the group: a run without plugins saves its cost.
    """
    from lcsprlint.entrypoints import entry_points as find

    return find(group)


def builtin_kinds() -> dict[str, CheckKind]:
    """The kinds that ship with lcsprlint, by name."""
    out: dict[str, CheckKind] = {}
    for name in BUILTIN_MODULES:
        module = import_module(f"{__name__}.{name}")
        kinds = getattr(module, "KINDS", None) or (module.KIND,)
        for kind in kinds:
            out[kind.name] = kind
    return out


def plugin_kinds() -> dict[str, CheckKind]:
    """Kinds installed by other packages under the ``lcsprlint.checks`` entry points.

    A plugin that fails to load, or loads something other than a CheckKind, is
    a configuration problem the user can fix, so it raises ConfigError.
    """
    out: dict[str, CheckKind] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            kind = ep.load()
        except Exception as exc:  # a broken plugin must not look like a bug in lcsprlint
            raise ConfigError(
                None,
                f"check kind plugin {ep.name!r} ({ep.value}) could not be loaded: "
                f"{type(exc).__name__}",
            ) from exc
        if not isinstance(kind, CheckKind):
            raise ConfigError(
                None,
                f"check kind plugin {ep.name!r} ({ep.value}) is not a CheckKind",
            )
        out.setdefault(kind.name, kind)
    return out


def all_kinds() -> dict[str, CheckKind]:
    """Built-in and plugin kinds together; a built-in wins over a plugin of the same name."""
    return {**plugin_kinds(), **builtin_kinds()}
