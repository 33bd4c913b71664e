"""The literal analysis of the built-in patterns, shipped as data (``literal_table.json``).

Reading a pattern's literals (:func:`~lcsprlint.kinds.literals.required_sets`,
:func:`~lcsprlint.kinds.literals.anchor_of`) parses it with the standard
library's parser: for the few hundred patterns of the built-in rule packs that
costs about as much as compiling them, so a Matcher waited for a long text
before doing it, and a short draft ran (and compiled) every rule's whole
alternation instead. The answers are a function of the pattern's text and
flags alone, so for the built-in patterns they are worked out once, when the
packs change, and kept here: a Matcher whose patterns are all in the table
gates from its first paragraph and compiles only the patterns whose literals a
text holds.

The table is an optimisation, never a source of truth: a pattern not in it
(a user's rule, a changed built-in one) is analysed as before, and
``tests/test_speed_compile_table.py`` fails whenever the table differs from
what the analysis computes for the built-in patterns (regenerate it with
``python scripts/literal_table.py``). Nothing from a document is ever stored.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

#: Where the table lives (in the package, beside this module).
TABLE_PATH = Path(__file__).with_name("literal_table.json")
#: Changes when the layout of the table changes.
FORMAT = 2

#: A pattern's sets of literals as data: ((exact strings, caseless strings), ...).
RawSets = tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


class _Table:
    """The table read from disk: dicts from (pattern, flags) to the analysis' answers."""

    __slots__ = ("anchors", "literals", "sets")

    def __init__(
        self,
        sets: dict[tuple[str, int], Any],
        anchors: dict[tuple[str, int], Any],
        literals: list[tuple[str, bool]],
    ) -> None:
        self.sets = sets
        self.anchors = anchors
        self.literals = literals


@lru_cache(maxsize=1)
def _table() -> _Table:
    """The shipped table (empty when it is missing or unreadable: everything is then analysed)."""
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("another format")
        sets = {(p, f): raw for p, f, raw in data["sets"]}
        anchors = {(p, f): raw for p, f, raw in data["anchors"]}
        literals = _literals_of(data["sets"])
    except (OSError, ValueError, KeyError, TypeError):
        return _Table({}, {}, [])
    return _Table(sets, anchors, literals)


def has_sets(pattern: str, flags: int) -> bool:
    """Whether the table holds ``pattern``'s sets of literals (so they cost a look-up)."""
    return (pattern, flags) in _table().sets


def sets_of(pattern: str, flags: int) -> RawSets | None:
    """``pattern``'s sets of literals as the table holds them, or None when it is not there."""
    raw = _table().sets.get((pattern, flags))
    if raw is None:
        return None
    return tuple((tuple(exact), tuple(caseless)) for exact, caseless in raw)


#: :func:`anchor_of` for a pattern the table does not hold.
MISSING: Any = object()


def anchor_of(pattern: str, flags: int) -> Any:
    """``pattern``'s anchor as the table holds it (None: it has none), or :data:`MISSING`."""
    table = _table().anchors
    key = (pattern, flags)
    if key not in table:
        return MISSING
    raw = table[key]
    if raw is None:
        return None
    exact, lower, before, leads = raw
    return (
        tuple(exact),
        tuple(lower),
        before,
        None if leads is None else (tuple(leads[0]), tuple(leads[1])),
    )


def literals(wanted: list[tuple[tuple[str, ...], int]] | None = None) -> list[tuple[str, bool]]:
    """The (literal, caseless) of the table's first sets, in a fixed order (for the shared index).

    ``wanted``: the (patterns, flags) of the Matchers that will ask; then only
    their patterns' literals and those of the detectors' patterns (compiled
    with :mod:`re`, whose flags never hold ``regex.VERSION0``). All when it is
    empty or None.
    """
    table = _table()
    if not wanted:
        return table.literals
    keep: set[tuple[str, bool]] = set()
    sets = table.sets
    for key, raw in sets.items():
        if not key[1] & _VERSION0:
            keep.update(_first_set(raw))
    for patterns, flags in wanted:
        for p in patterns:
            keep.update(_first_set(sets.get((p, flags))))
    return [pair for pair in table.literals if pair in keep]


#: ``regex.VERSION0``, which every Matcher's flags hold (not imported: ``regex`` is slow to load).
_VERSION0 = 0x2000


def _literals_of(sets: list[Any]) -> list[tuple[str, bool]]:
    """Each (string, caseless) of the table's patterns' first sets once, in their order.

    Only first sets: the shared index looks only for those (a Matcher tests a
    pattern's other sets, once the first is present, by a substring search;
    see :class:`lcsprlint.kinds.patterns._Plan`). The other sets are mostly
    common words (" the", "not ", " of"), which a paragraph holds many times:
    in the index each occurrence would be a hit handled in Python, for nothing.
    """
    out: dict[tuple[str, bool], None] = {}
    for _p, _f, raw in sets:
        out.update(dict.fromkeys(_first_set(raw)))
    return list(out)


def _first_set(raw: Any) -> list[tuple[str, bool]]:
    """The (string, caseless) of a pattern's first set of literals, as the table holds its
    sets (none when it has none, or ``raw`` is None)."""
    if not raw:
        return []
    exact, caseless = raw[0]
    return [(s, False) for s in exact] + [(s, True) for s in caseless]


# ---------------------------------------------------------------------- making the table


def builtin_matchers() -> list[Any]:
    """The Matchers and built-in detector patterns (:class:`~lcsprlint.kinds.literals.Gated`)
    of the built-in rules and kinds.

    Every rule of every built-in pack is built (enabled or not: a
    configuration may enable it) and every module of :mod:`lcsprlint.kinds`
    imported; the Matchers and Gated patterns reachable from those checks
    and modules are taken (not others a process may hold, a test's own).
    """
    import lcsprlint.kinds as kinds_package
    from lcsprlint.engine.builtin import available_profiles, pack_dir
    from lcsprlint.engine.validate import load_rules
    from lcsprlint.kinds import all_kinds
    from lcsprlint.kinds.literals import Gated
    from lcsprlint.kinds.patterns import Matcher
    from lcsprlint.precompiled import modules_of, reachable

    kinds = all_kinds()
    roots: list[Any] = [vars(m) for m in modules_of(kinds_package)]
    for profile in available_profiles():
        folder = pack_dir(profile)
        if folder is None:
            continue
        for rule in load_rules([folder], kinds, trust_builtin=True):
            kind = kinds.get(rule.check)
            if kind is not None:
                roots.append(kind.build(rule.params))
    return reachable(roots, (Matcher, Gated))


def builtin_patterns() -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """The (pattern, flags) whose sets, and whose anchors, the built-in rules and kinds ask for."""
    from lcsprlint.kinds.literals import Gated
    from lcsprlint.kinds.patterns import _POSITIONAL, Matcher, _alone

    sets: set[tuple[str, int]] = set()
    anchors: set[tuple[str, int]] = set()
    for obj in builtin_matchers():
        if isinstance(obj, Matcher):
            for p in obj.patterns:
                sets.add((p, obj._flags))
                alone = _alone(p, obj._whole)
                if len(obj.patterns) > 1 and not _POSITIONAL.search(alone):
                    anchors.add((alone, obj._flags))
        elif isinstance(obj, Gated):
            sets.add((obj.rx.pattern, obj.rx.flags))
    return sets, anchors


def computed(sets: set[tuple[str, int]], anchors: set[tuple[str, int]]) -> dict[str, Any]:
    """The table for these patterns, as the analysis works it out now (not from the table)."""
    from lcsprlint.kinds.literals import analysed_anchor, analysed_sets

    rows = [
        [p, f, [[sorted(lits.exact), sorted(lits.caseless)] for lits in analysed_sets(p, f)]]
        for p, f in sorted(sets)
    ]
    return {
        "format": FORMAT,
        "sets": rows,
        "anchors": [[p, f, _anchor_data(analysed_anchor(p, f))] for p, f in sorted(anchors)],
    }


def _anchor_data(anchor: Any) -> Any:
    if anchor is None:
        return None
    exact, lower, before, leads = anchor
    return [list(exact), list(lower), before, None if leads is None else [list(x) for x in leads]]


def render(table: dict[str, Any]) -> str:
    """The table as the file holds it: one pattern a line, so that a diff shows what changed."""
    lines = [f'{{"format": {table["format"]},']
    for key in ("sets", "anchors"):
        rows = [json.dumps(row, ensure_ascii=True) for row in table[key]]
        lines.append(f'"{key}": [')
        lines.append(",\n".join(rows))
        lines.append("]" if key == "anchors" else "],")
    lines.append("}")
    return "\n".join(lines) + "\n"
