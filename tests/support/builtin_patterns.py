"""Every regular expression of the built-in rule packs, for tests that vet them all.

A run trusts the built-in packs (no probe, no second compile), so the suite is
where their patterns are proven: the backtracking probe, the literal analysis
and its lookbehind twins all walk this one list.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import strategies as st

from lcsprlint.engine.builtin import builtin_rules_dir
from lcsprlint.engine.validate import _regex_values, read_rule_documents
from lcsprlint.kinds import all_kinds
from lcsprlint.kinds import common as c
from lcsprlint.kinds.patterns import strip_lookbehinds


@cache
def builtin_pattern_sites() -> tuple[tuple[str, str], ...]:
    """(rule file name, pattern) for every pattern of every built-in rule file."""
    kinds = all_kinds()
    root = builtin_rules_dir()
    assert root is not None
    sites: list[tuple[str, str]] = []
    for f in sorted(root.glob("*/*.yaml")):
        if f.name.endswith(".expect.yaml"):
            continue
        for data in read_rule_documents(f):
            kind = kinds[data["check"]]
            params = {k: v for k, v in data.items() if k in kind.params}
            schema = {"properties": dict(kind.params)}
            sites.extend((f.name, p) for _, p in _regex_values(schema, params, ()))
    return tuple(sites)


def builtin_patterns() -> tuple[str, ...]:
    """The distinct patterns, sorted."""
    return tuple(sorted({p for _, p in builtin_pattern_sites()}))


#: Parameters whose value is one list of patterns a Matcher is built from.
_LIST_KEYS = ("forbid", "require", "exceptions", "if", "then", "unless", "allow")
#: Parameters listing heading patterns (matched against titles, also through a Matcher).
_HEADING_KEYS = ("headings", "sections", "also-accept")


@cache
def builtin_pattern_lists() -> tuple[tuple[str, ...], ...]:
    """Every list of patterns the built-in rules give a Matcher, sorted."""
    root = builtin_rules_dir()
    assert root is not None
    found: set[tuple[str, ...]] = set()
    for f in sorted(root.glob("*/*.yaml")):
        if f.name.endswith(".expect.yaml"):
            continue
        for data in read_rule_documents(f):
            for key in _LIST_KEYS:
                value = data.get(key)
                if isinstance(value, (list, str)) and all(isinstance(v, str) for v in value):
                    found.add(tuple(c.as_list(value)))
            if data.get("groups"):
                found.update(tuple(p) for _, p in c.parse_named(data["groups"]))
            for key in _HEADING_KEYS:
                value = data.get(key)
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    found.add(tuple(value))
    return tuple(sorted(p for p in found if p))


def text_matching(pattern: str) -> st.SearchStrategy[str] | None:
    """Text the pattern (without its lookbehinds) matches, or None where hypothesis cannot say."""
    try:
        return st.from_regex(re.compile(strip_lookbehinds(pattern) or pattern, re.I))
    except Exception:
        return None


def mixed_text(draw: st.DrawFn, pats: tuple[str, ...], filler: st.SearchStrategy[str]) -> str:
    """Text of up to four pieces matching some of ``pats``, with filler words, shuffled."""
    pieces = []
    for _ in range(draw(st.integers(0, 4))):
        gen = text_matching(draw(st.sampled_from(pats)))
        if gen is not None:
            pieces.append(draw(gen))
        pieces.append(draw(filler))
    return draw(st.sampled_from([" ", ""])).join(draw(st.permutations(pieces)))
