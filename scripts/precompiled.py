"""Regenerate lcsprlint/precompiled_re.json and precompiled_regex.json, the built-in
patterns compiled ahead of time (see lcsprlint/precompiled.py).

Run after changing a built-in rule's patterns or a detector pattern, or after
upgrading ``regex`` or Python (a table made under another release is simply
not used: runs then compile every pattern, as they did before the tables)::

    python scripts/precompiled.py          # writes the tables that are out of date
    python scripts/precompiled.py --check  # exit 1 when one is out of date

A table is rewritten only when it is out of date. ``--check`` compares whole
tables (but ``regex``'s programs, which differ from process to process to the
same effect) when this Python and ``regex`` are those the shipped table was made
under, and otherwise only which patterns it holds (tests/test_speed_precompiled_5.py
runs it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lcsprlint.precompiled import (
    RE_TABLE,
    REGEX_TABLE,
    builtin_regexes,
    builtin_res,
    computed_re,
    computed_regex,
    render,
)


def _problem(path: Path, fresh: dict[str, Any], program: int | None, check: bool) -> str | None:
    """Why the table at ``path`` is out of date against ``fresh``, or None.

    ``program``: the column of the compiled program (its CRC-32 follows) when the
    compiler does not always write the same one (``regex`` orders some sets as
    Python's hashing does, different in every process, to the same effect): both
    are then left out of the comparison. A table made under another release is
    out of date, except to ``check``, which can then compare only its patterns.
    """
    try:
        shipped = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{path}: missing or unreadable"
    if shipped.get("made-under") == fresh["made-under"]:
        rows = [_without(row, program) for row in shipped.get("patterns", [])]
        same = rows == [_without(row, program) for row in fresh["patterns"]]
        return None if same else f"{path}: stale"
    if not check:
        return f"{path}: made under {shipped.get('made-under')}"
    keys = [row[:2] for row in fresh["patterns"]]
    if [row[:2] for row in shipped.get("patterns", [])] != keys:
        return f"{path}: holds other patterns than the built-in ones"
    print(f"{path}: made under {shipped.get('made-under')}; patterns alone compared")
    return None


def _without(row: list[Any], column: int | None) -> list[Any]:
    return row if column is None else row[:column] + row[column + 2 :]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    tables = [
        (RE_TABLE, computed_re(builtin_res()), None),
        (REGEX_TABLE, computed_regex(builtin_regexes()), 3),
    ]
    stale = 0
    for path, table, program in tables:
        problem = _problem(path, table, program, check)
        if problem is None:
            print(f"{path}: up to date")
        elif check:
            print(problem)
            stale += 1
        else:  # an up-to-date table is not rewritten: its programs would differ for nothing
            path.write_text(render(table), encoding="utf-8")
            print(f"wrote {path} ({len(table['patterns'])} patterns)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
