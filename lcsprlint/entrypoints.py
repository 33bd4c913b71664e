"""Entry points of one group, without importing :mod:`importlib.metadata` when none exist.

Plugins (check kinds, rule packs) are found through entry points, and asking
:func:`importlib.metadata.entry_points` costs a run 20 to 40 ms: the module
and what it imports (``email``, ``zipfile``, ``csv``...), then reading every
installed distribution's metadata. Almost every run has no plugin at all, so
:func:`entry_points` first looks, with plain ``os`` calls, for any
``entry_points.txt`` on ``sys.path`` that mentions the group; only then (or
when it cannot be sure) does it ask :mod:`importlib.metadata`, whose answer is
the only one ever returned. Looking is exact in the one direction that matters:
a distribution whose ``entry_points.txt`` does not contain the group's name
cannot declare an entry point in it.

It cannot be sure, and asks importlib.metadata, when distributions may come
from elsewhere than directories on ``sys.path``: a zip file or an egg on the
path, or an import hook that finds distributions of its own.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_INFO_SUFFIXES = (".dist-info", ".egg-info")


def _other_finders() -> bool:
    """Whether an import hook besides the standard path finder can find distributions."""
    from importlib.machinery import PathFinder

    return any(
        getattr(finder, "find_distributions", None) is not None and finder is not PathFinder
        for finder in sys.meta_path
    )


def may_declare(group: str) -> bool:
    """False only when no distribution on ``sys.path`` can have an entry point in ``group``.

    Mirrors where importlib.metadata's path finder looks: each ``sys.path``
    entry (``""`` is the current folder) holding ``*.dist-info`` or
    ``*.egg-info`` folders, matched case-insensitively. Anything it does not
    mirror (a zip or egg on the path, another finder) answers True.
    """
    if "importlib.metadata" in sys.modules or _other_finders():
        # Already paid for (and a test may have replaced its entry_points), or unsure.
        return True
    needle = group.encode("utf-8")
    for entry in sys.path:
        root = entry or "."
        if not isinstance(root, str) or root.lower().endswith(".egg"):
            return True
        try:
            with os.scandir(root) as it:
                names = [e.name for e in it]
        except NotADirectoryError:
            return True  # a zip file on the path
        except OSError:
            continue  # missing or unreadable: importlib.metadata finds nothing there either
        for name in names:
            if not name.lower().endswith(_INFO_SUFFIXES):
                continue
            try:
                with open(os.path.join(root, name, "entry_points.txt"), "rb") as fh:
                    if needle in fh.read():
                        return True
            except OSError:
                continue
    return False


def entry_points(group: str) -> Any:
    """``importlib.metadata.entry_points(group=group)``, or ``()`` when none can exist."""
    if not may_declare(group):
        return ()
    import importlib.metadata

    return importlib.metadata.entry_points(group=group)
