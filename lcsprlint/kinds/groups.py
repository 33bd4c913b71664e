"""The ``all-of`` and ``any-of`` kinds: named groups of patterns that must all (or some) match.

Many requirements are conjunctions of ideas, each with many wordings: the
report names the local authority *and* the ICB *and* the police; it mentions
lived experience *or* the child's voice. Naming each group lets the finding
say exactly which idea is missing ("missing: the police"). ``near`` asks for
the groups together, in one sentence, block, section or window of blocks: a
sign-off statement with the partners named beside it, not scattered.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.dateparse import DATE_GATE_PARAMS, DateGate, check_gate
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.kinds.scope import SCOPE_PARAMS, Unit
from lcsprlint.kinds.sentences import sentence_spans
from lcsprlint.model import Document, Section

T = TypeVar("T")

_NEAR = {
    "anyOf": [
        {"enum": ["sentence", "block", "section"]},
        {"type": "integer", "minimum": 1},
    ],
    "description": "Where the groups must match together: in one sentence, block or "
    "(innermost) section, or within a window of N consecutive blocks. Default: anywhere "
    "in scope.",
}


def _params(any_of: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        **SCOPE_PARAMS,
        "groups": c.named_patterns(
            "Named pattern lists: a mapping name -> patterns, or a list of {name, patterns}. "
            "Names appear in the message as {missing} / {found}."
        ),
        "near": _NEAR,
        "anchor": {
            "type": "string",
            "description": "The name of one group that places must contain to count (with "
            "near): e.g. the approval statement, so that the partner names are looked for "
            "beside it. Where no place contains the anchor the rule passes, leaving its absence "
            "to another rule.",
        },
    }
    if any_of:
        out["min-groups"] = c.count("How many different groups must match (default 1).", 1)
    return {**out, **c.MATCH_PARAMS, **c.SECTION_SCOPE_PARAMS, **DATE_GATE_PARAMS}


def _validate(params: Params) -> str | None:
    err = c.check_named(params.get("groups"))
    if err:
        return f"groups: {err}"
    err = c.check_patterns(c.as_list(params.get("sections")))
    if err:
        return f"sections: {err}"
    anchor = params.get("anchor")
    if anchor is not None:
        if params.get("near") is None:
            return "anchor needs near"
        if anchor not in [n for n, _ in c.parse_named(params.get("groups"))]:
            return f"anchor {anchor!r} is not the name of a group"
    need = params.get("min-groups")
    if need is not None and need > len(c.parse_named(params.get("groups"))):
        return "min-groups is larger than the number of groups"
    return check_gate(params)


def _contexts(
    units: list[Unit],
    near: Any,
    doc: Document,
    masks: Any,
    need: int = 0,
    anchor: int = 0,
) -> Iterator[int]:
    """The union of group masks of each context ``near`` defines (one mask per context).

    ``need``: how many groups the caller needs together. Where the context is
    the whole scope (no ``near``), a group already found is not searched for
    again, and, without an anchor, the search stops once ``need`` groups are
    found: the caller stops at that context anyway, and when too few are
    found every unit was searched, so the union it reports is the same. The
    units are searched from both ends inwards (see :func:`_ends_first`).

    With an ``anchor`` group (and ``near`` a sentence, block or section), only
    the anchor is looked for everywhere; the other groups only in contexts
    that hold it, since the caller skips every context without it. With
    ``near`` a section, a section that has ``need`` groups is first looked
    for from both ends of the document (see :func:`_section_witness`).
    """
    if near is None:
        enough = 0 if anchor else need
        total = 0
        for u in _ends_first(units):
            total = masks(u.norm, total)
            if enough and total.bit_count() >= enough:
                break
        yield total
    elif near == "section" and anchor:
        yield from _anchored_sections(units, doc, masks, anchor, need)
    elif near == "block":
        for u in units:
            yield _anchored(masks, u.norm, anchor)
    elif near == "sentence":
        for u in units:
            for s, e in sentence_spans(u.norm):
                yield _anchored(masks, u.norm[s:e], anchor)
    elif near == "section":
        by_block: dict[int, int] = {}
        for u in units:
            if u.block is None:
                yield masks(u.norm)
            else:
                by_block[u.block] = by_block.get(u.block, 0) | masks(u.norm)
        for span in _section_spans(doc):
            mask = 0
            for i in span:
                mask |= by_block.get(i, 0)
            yield mask
    else:
        width = int(near)
        window: deque[tuple[int, int]] = deque()
        counts: dict[int, int] = {}
        for pos, u in enumerate(units):
            at = u.block if u.block is not None else pos
            mask = masks(u.norm)
            window.append((at, mask))
            for bit in _bits(mask):
                counts[bit] = counts.get(bit, 0) + 1
            while window and window[0][0] <= at - width:
                _, old = window.popleft()
                for bit in _bits(old):
                    counts[bit] -= 1
            yield sum(1 << bit for bit, n in counts.items() if n > 0)


def _anchored(masks: Any, text: str, anchor: int) -> int:
    """The mask of one context; with an anchor, the other groups only where it matches."""
    if not anchor:
        return int(masks(text))
    found = masks(text, only=anchor)
    return int(masks(text, found, only=~anchor)) if found & anchor else int(found)


def _ends_first(units: Sequence[T]) -> Iterator[T]:
    """``units`` from both ends inwards: the first, the last, the second, the second last...

    Where only whether some unit matches matters, the order is free, and the
    passages rules look for most (a foreword or statement from the partners,
    a sign-off, an action plan, a glossary) mostly stand at the start or the
    end of a report.
    """
    lo, hi = 0, len(units) - 1
    while lo < hi:
        yield units[lo]
        yield units[hi]
        lo += 1
        hi -= 1
    if lo == hi:
        yield units[lo]


def _section_spans(doc: Document) -> list[range]:
    """The block spans of the sections ``near: section`` means, in document order.

    Each section with its subsections ("Where we made less progress" and the
    run-in headings under it), but not a title heading that holds the whole
    document, which would make "section" mean "anywhere"; the preamble with
    its own text.
    """
    wrappers = _wrappers([sec for sec in doc.sections if sec.heading is not None])
    return [
        range(sec.start, sec.end if sec.heading is not None else sec.own_end)
        for sec in doc.sections
        if sec.index not in wrappers
    ]


def _anchored_sections(
    units: list[Unit], doc: Document, masks: Any, anchor: int, goal: int
) -> Iterator[int]:
    """The section contexts of ``near: section`` with an ``anchor`` group.

    The anchor is looked for in every block; the other groups only in the
    blocks of sections that hold it, each block once. A section without the
    anchor is yielded with the anchor's bits alone (the caller skips it).

    With a ``goal``, a section that holds ``goal`` groups is first looked for
    (:func:`_section_witness`); where there is one, it is the one context
    yielded: the caller then passes the rule, as it would on reaching any
    such section, and the blocks of the others are never searched.
    """
    texts: dict[int, list[str]] = {}
    for u in units:
        if u.block is not None:
            texts.setdefault(u.block, []).append(u.norm)
    spans = _section_spans(doc)
    anchored: dict[int, int] = {}  # block -> the anchor's bits in its texts
    full: dict[int, int] = {}  # block -> every group's bits in its texts

    def anchor_of(i: int) -> int:
        mask = anchored.get(i)
        if mask is None:
            mask = 0
            for text in texts.get(i, ()):
                mask |= masks(text, only=anchor)
            anchored[i] = mask
        return mask

    def full_of(i: int) -> int:
        mask = full.get(i)
        if mask is None:
            mask = anchor_of(i)
            for text in texts.get(i, ()):
                mask = masks(text, mask, only=~anchor)
            full[i] = mask
        return mask

    if goal:
        witness = _section_witness(sorted(texts), spans, anchor_of, full_of, anchor, goal)
        if witness is not None:
            yield witness
            return
    for u in units:
        if u.block is None:
            yield masks(u.norm)
    for span in spans:
        mask = 0
        for i in span:
            mask |= anchor_of(i)
        if mask & anchor:
            mask = 0
            for i in span:
                mask |= full_of(i)
        yield mask


def _section_witness(
    blocks: list[int],
    spans: list[range],
    anchor_of: Any,
    full_of: Any,
    anchor: int,
    goal: int,
) -> int | None:
    """The mask of a section that holds the anchor and ``goal`` groups, or None.

    Blocks are searched for the anchor from both ends of the document
    inwards; at each block that holds it, the sections around the block are
    tried from the innermost out, each section once. Every section tried
    holds the anchor, so its blocks are ones the full pass completes too:
    looking for a witness costs at most what that pass costs, and it is the
    one such section the rule needs to pass.
    """
    tried: set[int] = set()
    for i in _ends_first(blocks):
        if not anchor_of(i) & anchor:
            continue
        around = sorted(
            (k for k, span in enumerate(spans) if i in span), key=lambda k: len(spans[k])
        )
        for k in around:
            if k in tried:
                continue
            tried.add(k)
            mask = 0
            for j in spans[k]:
                mask |= full_of(j)
            if mask.bit_count() >= goal:
                return mask
    return None


def _wrappers(headed: list[Section]) -> set[int]:
    """Headings at the top that hold every heading after them (a title, a partnership name).

    Such a heading's span is the whole report, so as a "section" it would mean
    "anywhere".
    """
    out: set[int] = set()
    for k, sec in enumerate(headed[:-1]):
        if not all(other.level > sec.level for other in headed[k + 1 :]):
            break
        out.add(sec.index)
    return out


def _bits(mask: int) -> Iterator[int]:
    bit = 0
    while mask:
        if mask & 1:
            yield bit
        mask >>= 1
        bit += 1


def _builder(any_of: bool) -> Any:
    def build(params: Params) -> Any:
        named = c.parse_named(params.get("groups"))
        names = [n for n, _ in named]
        case = bool(params.get("case-sensitive", False))
        whole = bool(params.get("whole-word", False))
        matchers = [Matcher(p, case_sensitive=case, whole_word=whole) for _, p in named]
        need = len(named) if not any_of else int(params.get("min-groups", 1))
        near = params.get("near")
        anchor_bit = 1 << names.index(params["anchor"]) if params.get("anchor") else 0
        scope = c.ScopeGroups(params)
        gate = DateGate(params)

        def masks(text: str, known: int = 0, only: int = -1) -> int:
            """The groups matching ``text`` among ``only``; those in ``known`` count as found."""
            mask = known
            for i, m in enumerate(matchers):
                bit = 1 << i
                if bit & only and not mask & bit and m.matches(text):
                    mask |= bit
            return mask

        def listed(mask: int, present: bool) -> list[str]:
            return [n for i, n in enumerate(names) if bool(mask >> i & 1) == present]

        def check(doc: Document) -> Iterator[Hit]:
            if not gate.allows(doc):
                return
            for g in scope.groups(doc):
                union = 0
                best = 0
                ok = False
                contexts = _contexts(g.units, near, doc, masks, need, anchor_bit)
                for mask in contexts:
                    if anchor_bit and not mask & anchor_bit:
                        continue
                    union |= mask
                    if mask.bit_count() > best.bit_count():
                        best = mask
                    if best.bit_count() >= need:
                        ok = True
                        break
                if ok or (anchor_bit and not union):
                    continue
                together = near is not None and union.bit_count() >= need
                shown = best if together else union
                note = None
                if g.missing:
                    note = "no section in scope was found"
                elif together:
                    where = f"a window of {near} blocks" if isinstance(near, int) else f"one {near}"
                    note = f"each is mentioned, but never together in {where}"
                yield Hit(
                    section=g.section,
                    values={
                        "missing": c.join_names(listed(shown, False)),
                        "found": c.join_names(listed(shown, True)),
                        "count": shown.bit_count(),
                        "limit": need,
                        **c.section_values(doc, g.section),
                    },
                    note=c.sentence(note),
                )

        return check

    return build


ALL_OF = CheckKind(
    name="all-of",
    description="Every named group of patterns must match in scope (optionally together, "
    "within one sentence, block, section or window); reports the missing groups.",
    params=_params(False),
    required=("groups",),
    build=_builder(False),
    validate=_validate,
    example="""\
id: LCSPR702
name: three-partners-named
category: sign-off
severity: error
message: "The sign-off does not name all three safeguarding partners (missing: {missing})."
rationale: The LCSPR and action plan should be signed off by the three safeguarding partners.
source: Panel newsletter, July 2021; Working Together 2023, chapter 5
fix: Name the local authority, the Integrated Care Board and the police beside the approval.
check: all-of
scope: document
groups:
  the local authority: ['council', 'local authority', "children'?s (social care|services)"]
  the integrated care board:
    - 'integrated care board'
    - '\\bICB\\b'
    - '\\bNHS\\b'
    - 'clinical commissioning group'
    - '\\bCCG\\b'
  the police: ['police', 'constabulary', 'chief constable']
near: 8
""",
)

ANY_OF = CheckKind(
    name="any-of",
    description="At least one (or min-groups) of the named groups of patterns must match "
    "in scope, optionally together within one sentence, block, section or window.",
    params=_params(True),
    required=("groups",),
    build=_builder(True),
    validate=_validate,
    example="""\
id: LCSPR1301
name: lived-experience
category: lived-experience
severity: warning
message: The review does not consider the child's lived experience or voice.
rationale: The Panel asks reviews to prioritise understanding what life is like for children.
source: Child Safeguarding Practice Review Panel annual report 2020
fix: Describe what life was like for the child, in the child's own words where possible.
check: any-of
groups:
  - name: lived experience
    patterns: ['lived experience', 'what (life|it) was like for']
  - name: the child's voice
    patterns: ['voice of the child', "child'?s (voice|views|wishes|feelings)"]
""",
)

KINDS = (ALL_OF, ANY_OF)
