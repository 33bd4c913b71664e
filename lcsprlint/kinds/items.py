"""The ``items`` kind: split a section into items and check each one, and the set.

Recommendations are the case in point: the Panel wants them itemised, owned,
not led by "consider" or "reflect", and addressing both practice and system
leadership. The kind finds the items however the report enumerates them (see
:mod:`lcsprlint.kinds.itemize`), reports each failing item where it stands, and
reports set-level shortfalls (too few, too many, a missing class) once, on the
section.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.itemize import SPLIT_KINDS, Item, split_items
from lcsprlint.kinds.patterns import Matcher, matcher
from lcsprlint.model import Document

PARAMS: dict[str, Any] = {
    "sections": c.regex_list("Heading patterns of the sections to split into items."),
    "items": c.enum(
        "How to split: list-items, numbered ('1.', 'R1:', '9.1' paragraphs, with any "
        "unnumbered paragraphs that follow), rows (table rows under a header), paragraphs, "
        "subsections (each sub-heading with its text), or auto (the most numerous of list "
        "items, numbered paragraphs and rows; else paragraphs).",
        SPLIT_KINDS,
        "auto",
    ),
    "first-only": c.boolean("Use only the first matching section (default: all).", False),
    "min-items": c.count("Fewest items the sections must hold."),
    "max-items": c.count("Most items the sections may hold."),
    "each": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "require": c.regex_list("Every item must match one of these."),
            "forbid": c.regex_list("No item may match any of these."),
            "forbid-start": c.regex_list(
                "No item may start with these, once numbering ('1.', 'R1:', '9.1') is stripped."
            ),
        },
        "description": "Rules every item must satisfy; each failing item is reported.",
    },
    "skip": c.regex_list(
        "Items matching any of these are left out of `each` and `min-matching` (they still "
        "count as items): e.g. questions put to the partnership in a Learning Together report."
    ),
    "require": c.regex_list("Patterns counted over items for min-matching."),
    "min-matching": c.count("At least this many items must match require (default 1).", 1),
    "min-matching-share": {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
        "description": "At least this share (0-1) of the items not skipped must match require.",
    },
    "at-least": c.named_patterns(
        "Classes of item: a mapping class -> patterns; at least one item must match each "
        "class. Missing classes are reported together as {missing}."
    ),
    "if-no-section": c.SECTION_SCOPE_PARAMS["if-no-section"],
    **c.MATCH_PARAMS,
}


def _validate(params: Params) -> str | None:
    if not c.as_list(params.get("sections")):
        return "sections must name at least one heading pattern"
    each = params.get("each") or {}
    for key, value in (
        ("sections", params.get("sections")),
        ("skip", params.get("skip")),
        ("require", params.get("require")),
        ("each.require", each.get("require")),
        ("each.forbid", each.get("forbid")),
        ("each.forbid-start", each.get("forbid-start")),
    ):
        err = c.check_patterns(c.as_list(value))
        if err:
            return f"{key}: {err}"
    if params.get("at-least") is not None:
        err = c.check_named(params.get("at-least"))
        if err:
            return f"at-least: {err}"
    for key in ("min-matching", "min-matching-share"):
        if key in params and not c.as_list(params.get("require")):
            return f"{key} needs require"
    lo, hi = params.get("min-items"), params.get("max-items")
    if lo is not None and hi is not None and lo > hi:
        return "min-items is larger than max-items"
    return None


def build(params: Params) -> Any:
    headings = c.heading_matcher(params.get("sections"))
    mode = params.get("items", "auto")
    first_only = bool(params.get("first-only", False))
    lo, hi = params.get("min-items"), params.get("max-items")
    each = params.get("each") or {}
    case = bool(params.get("case-sensitive", False))
    whole = bool(params.get("whole-word", False))

    def m(patterns: Any, anchored: bool = False) -> Matcher:
        pats = c.as_list(patterns)
        if anchored:
            pats = [f"^(?:{p})" for p in pats]
        return Matcher(pats, case_sensitive=case, whole_word=whole)

    each_require = m(each.get("require"))
    each_forbid = m(each.get("forbid"))
    forbid_start = m(each.get("forbid-start"), anchored=True)
    counted = matcher(params, "require")
    min_matching = int(params.get("min-matching", 1))
    min_share = params.get("min-matching-share")
    skip = m(params.get("skip"))
    classes = [(name, m(p)) for name, p in c.parse_named(params.get("at-least"))]
    if_missing = params.get("if-no-section", "pass")

    def item_hit(doc: Document, n: int, it: Item, note: str | None, span: Any = None) -> Hit:
        b = doc.blocks[it.block]
        values: dict[str, Any] = {"item": n, "section": doc.sections[b.section].title}
        if span is not None:
            values["match"] = " ".join(span.group(0).split())
        return Hit(block=it.block, values=values, snippet=c.snippet(b.text), note=c.sentence(note))

    def check(doc: Document) -> Iterator[Hit]:
        secs = [s for s in doc.headings() if headings.matches(s.norm_title)]
        if not secs:
            if if_missing == "fail":
                yield Hit(values={"count": 0}, note="No section in scope was found.")
            return
        # "Learning and recommendations" holding "Recommendations": use the inner one.
        secs = [s for s in secs if not any(o is not s and s.start < o.start < s.end for o in secs)]
        if first_only:
            secs = secs[:1]
        blocks = [doc.blocks[i] for i in c.span_blocks(doc, secs)]
        items = split_items(blocks, mode)
        where = {"section": secs[0].title}
        n = len(items)
        plural = "1 item" if n == 1 else f"{n} items"
        if lo is not None and n < lo:
            yield Hit(
                section=secs[0].index,
                values={"count": n, "items": n, "limit": lo, **where},
                note=c.sentence(f"{plural}; at least {lo} expected"),
            )
        if hi is not None and n > hi:
            yield Hit(
                section=secs[0].index,
                values={"count": n, "items": n, "limit": hi, **where},
                note=c.sentence(f"{plural}; at most {hi} expected"),
            )
        matching = considered = 0
        seen_classes = 0
        for pos, it in enumerate(items, 1):
            for i, (_, cm) in enumerate(classes):
                if not seen_classes >> i & 1 and cm.matches(it.norm):
                    seen_classes |= 1 << i
            if skip and skip.matches(it.norm):
                continue
            considered += 1
            if each_require and each_require.search(it.norm) is None:
                yield item_hit(doc, pos, it, None)
            if each_forbid:
                hit = each_forbid.search(it.norm)
                if hit is not None:
                    yield item_hit(doc, pos, it, None, hit)
            if forbid_start:
                hit = forbid_start.search(it.lead)
                if hit is not None:
                    yield item_hit(doc, pos, it, None, hit)
            if counted and counted.matches(it.norm):
                matching += 1
        if min_share is not None and counted and considered:
            if matching < min_share * considered:
                yield Hit(
                    section=secs[0].index,
                    values={
                        "count": matching,
                        "items": considered,
                        "limit": f"{min_share:.0%}",
                        "share": f"{matching / considered:.0%}",
                        **where,
                    },
                    note=c.sentence(
                        f"{matching} of {considered} match; at least {min_share:.0%} expected"
                    ),
                )
        elif counted and considered and matching < min_matching:
            yield Hit(
                section=secs[0].index,
                values={"count": matching, "items": n, "limit": min_matching, **where},
                note=c.sentence(f"{matching} of {plural} match; at least {min_matching} expected"),
            )
        if classes and seen_classes != (1 << len(classes)) - 1 and items:
            missing = [name for i, (name, _) in enumerate(classes) if not seen_classes >> i & 1]
            found = [name for i, (name, _) in enumerate(classes) if seen_classes >> i & 1]
            yield Hit(
                section=secs[0].index,
                values={
                    "missing": c.join_names(missing),
                    "found": c.join_names(found),
                    "count": len(missing),
                    "items": n,
                    **where,
                },
                note=c.sentence(f"no item addresses {c.join_names(missing)}"),
            )

    return check


KIND = CheckKind(
    name="items",
    description="Split the matching sections into items (list items, numbered paragraphs, "
    "table rows...) and check their number, each item, and the classes they cover.",
    params=PARAMS,
    required=("sections",),
    build=build,
    validate=_validate,
    example="""\
id: LCSPR903
name: recommendations-not-weak
category: recommendations
severity: warning
message: "Recommendation {item} starts with a weak verb ('{match}')."
rationale: Recommendations should translate into specific actions with accountable owners.
source: Child Safeguarding Practice Review Panel annual report 2022-23
fix: Say who will do what, by when, and how the partnership will know it has worked.
check: items
sections: ['^recommendations?\\b', 'recommended (improvements|actions)']
each:
  forbid-start: ['(that )?(consider|reflect|be (mindful|aware)|continue to|note|remind)\\b']
""",
)
