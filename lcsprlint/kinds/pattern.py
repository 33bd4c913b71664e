"""The ``pattern`` kind: words that must not appear, or must appear (often enough).

Most terminology, anonymisation and labelling rules are a list of patterns in
some part of the document. ``exceptions`` keep false alarms rare: "a Serious
Case Review" is wrong for this review but right in "an earlier Serious Case
Review in 2016", so a forbidden match is dropped when its sentence (or block)
also matches an exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.dateparse import DATE_GATE_PARAMS, DateGate, check_gate
from lcsprlint.kinds.patterns import matcher
from lcsprlint.kinds.scope import SCOPE_PARAMS, Unit
from lcsprlint.kinds.sentences import sentence_at, sentence_spans
from lcsprlint.model import Document
from lcsprlint.textutil import count_words

#: How many distinct matched phrases a grouped hit lists in ``match``.
_MAX_LISTED = 5

PARAMS: dict[str, Any] = {
    **SCOPE_PARAMS,
    "forbid": c.regex_list("Patterns that must not occur in scope; each match is reported."),
    "require": c.regex_list("Patterns that must occur in scope (see min, max, min-density)."),
    "exceptions": c.regex_list(
        "A forbidden match is ignored when its sentence (or block: exceptions-in) matches one "
        "of these."
    ),
    "exceptions-in": c.enum(
        "Where an exception must match to excuse a forbidden match.",
        ("sentence", "block"),
        "sentence",
    ),
    "per": c.enum(
        "For forbid: one hit per match, one per block, or one for the whole scope.",
        ("match", "block", "document"),
        "match",
    ),
    "min": c.count(
        "For require: fewest matches in scope (default 1, or 0 when max or min-density is set)."
    ),
    "max": c.count("For require: most matches allowed in scope."),
    "min-density": {
        "type": "number",
        "minimum": 0,
        "description": "For require: fewest matches per 1,000 words of the scope.",
    },
    **c.MATCH_PARAMS,
    **c.SECTION_SCOPE_PARAMS,
    **DATE_GATE_PARAMS,
}


def _validate(params: Params) -> str | None:
    if not c.as_list(params.get("forbid")) and not c.as_list(params.get("require")):
        return "give forbid or require (or both)"
    for key in ("forbid", "require", "exceptions", "sections"):
        err = c.check_patterns(c.as_list(params.get(key)))
        if err:
            return f"{key}: {err}"
    lo, hi = params.get("min"), params.get("max")
    if lo is not None and hi is not None and lo > hi:
        return "min is larger than max"
    return check_gate(params)


def _quote(u: Unit, start: int, end: int) -> str:
    s, e = c.text_span(u.text, u.norm, start, end)
    return " ".join(u.text[s:e].split()) or u.norm[start:end]


def _listed(matches: list[str]) -> str:
    seen: dict[str, str] = {}
    for m in matches:
        seen.setdefault(m.lower(), m)
    names = list(seen.values())
    more = len(names) > _MAX_LISTED
    return c.join_names(names[:_MAX_LISTED]) + (", …" if more else "")


def build(params: Params) -> Any:
    groups = c.ScopeGroups(params)
    gate = DateGate(params)
    forbid = matcher(params, "forbid")
    require = matcher(params, "require")
    exceptions = matcher(params, "exceptions")
    in_block = params.get("exceptions-in", "sentence") == "block"
    per = params.get("per", "match")
    hi = params.get("max")
    density = params.get("min-density")
    lo = params.get("min", 0 if (hi is not None or density is not None) else 1)

    def excused(u: Unit, start: int, spans: list[tuple[int, int]] | None) -> bool:
        if in_block:
            return exceptions.matches(u.norm)
        assert spans is not None
        s, e = sentence_at(spans, start)
        return exceptions.matches(u.norm[s:e])

    def forbidden(units: list[Unit], section: int | None, doc: Document) -> Iterator[Hit]:
        first: Hit | None = None
        all_matches: list[str] = []
        for u in units:
            spans = None
            found: list[tuple[int, int, str]] = []
            for start, end in forbid.spans(u.norm):
                if exceptions:
                    if spans is None and not in_block:
                        spans = sentence_spans(u.norm)
                    if excused(u, start, spans):
                        continue
                quoted = _quote(u, start, end)
                if per == "match":
                    yield Hit(
                        block=u.block,
                        values={"match": quoted, "count": 1},
                        snippet=c.snippet(u.text, u.norm, start, end),
                        story=u.story,
                    )
                else:
                    found.append((start, end, quoted))
            if not found:
                continue
            names = [q for _, _, q in found]
            if per == "block":
                yield Hit(
                    block=u.block,
                    values={"match": _listed(names), "count": len(found)},
                    snippet=c.snippet(u.text, u.norm, found[0][0], found[0][1]),
                    story=u.story,
                )
            elif first is None:
                first = Hit(
                    block=u.block,
                    snippet=c.snippet(u.text, u.norm, found[0][0], found[0][1]),
                    story=u.story,
                )
            all_matches.extend(names)
        if per == "document" and first is not None:
            n = len(all_matches)
            yield Hit(
                block=first.block,
                values={"match": _listed(all_matches), "count": n},
                snippet=first.snippet,
                story=first.story,
                note=c.sentence(f"{n} matches in all") if n > 1 else None,
            )

    def matches(units: list[Unit]) -> int:
        """Matches in ``units``; only a minimum to reach: counting stops once it is reached."""
        if hi is not None or density is not None:
            return sum(require.count(u.norm) for u in units)
        n = 0
        for u in units:
            if n >= lo:
                break
            n += require.count(u.norm)
        return n

    def required(units: list[Unit], section: int | None, doc: Document) -> Iterator[Hit]:
        n = matches(units)
        where = c.section_values(doc, section)
        times = "1 match" if n == 1 else f"{n} matches"
        if n < lo:
            note = None if n == 0 else f"{times}; at least {lo} expected"
            yield Hit(
                section=section, values={"count": n, "limit": lo, **where}, note=c.sentence(note)
            )
        elif hi is not None and n > hi:
            yield Hit(
                section=section,
                values={"count": n, "limit": hi, **where},
                note=c.sentence(f"{times}; at most {hi} expected"),
            )
        if density is not None:
            words = sum(
                doc.blocks[u.block].words if u.block is not None else count_words(u.norm)
                for u in units
            )
            if words and n * 1000 / words < density:
                rate = n * 1000 / words
                yield Hit(
                    section=section,
                    values={
                        "count": n,
                        "words": words,
                        "rate": f"{rate:.1f}",
                        "limit": density,
                        **where,
                    },
                    note=c.sentence(
                        f"{times} in {words:,} words ({rate:.1f} per 1,000); at least "
                        f"{density:g} per 1,000 expected"
                    ),
                )

    def check(doc: Document) -> Iterator[Hit]:
        if not gate.allows(doc):
            return
        for g in groups.groups(doc):
            if g.missing:
                yield Hit(values={"count": 0}, note="No section in scope was found.")
                continue
            if forbid:
                yield from forbidden(g.units, g.section, doc)
            if require:
                yield from required(g.units, g.section, doc)

    return check


KIND = CheckKind(
    name="pattern",
    description="Patterns that must not occur in scope (with exceptions), or must occur "
    "at least / at most so many times, or at a minimum density.",
    params=PARAMS,
    build=build,
    validate=_validate,
    example="""\
id: LCSPR201
name: no-serious-case-review
category: terminology
severity: warning
message: "'{match}' is a term from the old system: this review is an LCSPR."
rationale: Serious Case Reviews and LSCBs were replaced under Working Together 2018.
source: Working Together to Safeguard Children 2018
fix: Call it a Local Child Safeguarding Practice Review, or say the SCR was an earlier one.
check: pattern
scope: document
forbid:
  - 'serious case review'
  - '\\bSCRs?\\b'
  - '\\bLSCBs?\\b'
  - 'individual management reviews?'
  - '\\bIMRs?\\b'
exceptions: ['previous', 'earlier', 'former', 'historic', '\\b(19|20[01])\\d\\b']
""",
)
