"""The ``conditional`` kind: when a thing is said, something else must be said too.

"COVID-19 cited only with supporting analysis", "criminal proceedings mentioned,
so say how the review related to them", "declined, so say the family was
invited": requirements that only apply once a trigger appears, and are met by
text in the same sentence, block, section or anywhere in the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.dateparse import DATE_GATE_PARAMS, DateGate, check_gate
from lcsprlint.kinds.patterns import matcher
from lcsprlint.kinds.scope import SCOPE_PARAMS, SCOPES, Scope, Unit
from lcsprlint.kinds.sentences import sentence_at, sentence_spans
from lcsprlint.model import Document

WHERE = ("sentence", "block", "section", "document")

PARAMS: dict[str, Any] = {
    **SCOPE_PARAMS,
    "if": c.regex_list("Trigger patterns: the rule applies where one of these matches."),
    "then": c.regex_list("Patterns one of which must then match (see where)."),
    "unless": c.regex_list(
        "Patterns that, matching in the same place as the trigger (see where), cancel it."
    ),
    "where": c.enum(
        "Where then (and unless) must match: the trigger's sentence, its block, its "
        "innermost section (subsections included), or anywhere in then-scope.",
        WHERE,
        "document",
    ),
    "if-scope": {"enum": list(SCOPES), "description": "Scope searched for triggers (scope)."},
    "then-scope": {
        "enum": list(SCOPES),
        "description": "Scope searched for then / unless with where: section or document (scope).",
    },
    "per": c.enum(
        "One hit per triggering block, or one for the document (with the count).",
        ("block", "document"),
        "block",
    ),
    **c.MATCH_PARAMS,
    **DATE_GATE_PARAMS,
}


def _validate(params: Params) -> str | None:
    for key in ("if", "then", "unless", "sections"):
        err = c.check_patterns(c.as_list(params.get(key)))
        if err:
            return f"{key}: {err}"
    if not c.as_list(params.get("if")) or not c.as_list(params.get("then")):
        return "if and then must each name at least one pattern"
    return check_gate(params)


def build(params: Params) -> Any:
    base = params.get("scope", "body")
    if_scope = Scope({**params, "scope": params.get("if-scope", base)})
    then_scope = Scope({**params, "scope": params.get("then-scope", base)})
    trigger = matcher(params, "if")
    then = matcher(params, "then")
    unless = matcher(params, "unless")
    where = params.get("where", "document")
    per = params.get("per", "block")
    gate = DateGate(params)

    def section_flags(doc: Document, m: Any) -> set[int | None]:
        """Sections (and their ancestors) where ``m`` matches in then-scope."""
        out: set[int | None] = set()
        for u in then_scope.units(doc):
            if u.block is None or not m.matches(u.norm):
                continue
            s: int | None = doc.blocks[u.block].section
            while s is not None and s not in out:
                out.add(s)
                s = doc.sections[s].parent
        return out

    def check(doc: Document) -> Iterator[Hit]:
        if not gate.allows(doc):
            return
        lazy: dict[str, Any] = {}

        def doc_has(name: str, m: Any) -> bool:
            key = "document:" + name
            if key not in lazy:
                lazy[key] = any(m.matches(u.norm) for u in then_scope.units(doc))
            return bool(lazy[key])

        def in_section(name: str, m: Any, u: Unit) -> bool:
            if u.block is None:
                return doc_has(name, m)
            key = "section:" + name
            if key not in lazy:
                lazy[key] = section_flags(doc, m)
            if m.matches(u.norm):
                return True
            return doc.blocks[u.block].section in lazy[key]

        triggers: list[tuple[Unit, Any]] = []
        for u in if_scope.units(doc):
            if not trigger.matches(u.norm):  # most units: no trigger, found sooner
                continue
            first = trigger.search(u.norm)
            failing = None
            if where == "sentence":
                spans = sentence_spans(u.norm)
                done: set[int] = set()
                for m in trigger.finditer(u.norm):
                    s, e = sentence_at(spans, m.start())
                    if s in done:
                        continue
                    done.add(s)
                    sent = u.norm[s:e]
                    if unless and unless.matches(sent):
                        continue
                    if not then.matches(sent):
                        failing = m
                        break
            elif where == "block":
                if not (unless and unless.matches(u.norm)) and not then.matches(u.norm):
                    failing = first
            elif where == "section":
                if not (unless and in_section("unless", unless, u)) and not in_section(
                    "then", then, u
                ):
                    failing = first
            else:
                if not (unless and doc_has("unless", unless)) and not doc_has("then", then):
                    failing = first
            if failing is not None:
                triggers.append((u, failing))
        if not triggers:
            return
        if per == "document":
            u, m = triggers[0]
            yield _hit(u, m, len(triggers))
            return
        for u, m in triggers:
            yield _hit(u, m, 1)

    return check


def _hit(u: Unit, m: Any, n: int) -> Hit:
    s, e = c.text_span(u.text, u.norm, m.start(), m.end())
    quoted = " ".join(u.text[s:e].split()) or m.group(0)
    return Hit(
        block=u.block,
        values={"match": quoted, "count": n},
        snippet=c.snippet(u.text, u.norm, m.start(), m.end()),
        story=u.story,
    )


KIND = CheckKind(
    name="conditional",
    description="Where an 'if' pattern matches, a 'then' pattern must match in the same "
    "sentence, block, section or document, unless an 'unless' pattern cancels it.",
    params=PARAMS,
    required=("if", "then"),
    build=build,
    validate=_validate,
    example="""\
id: LCSPR1601
name: covid-with-analysis
category: systemic
severity: warning
message: "'{match}' is cited without saying how it affected the child, the family or practice."
rationale: Rapid reviews and LCSPRs often cite COVID-19 without supporting analysis.
source: Panel newsletter, July 2021
fix: Say what the pandemic changed (visits, contact, services) and with what effect.
check: conditional
if: ['covid', 'coronavirus', 'pandemic', 'lockdowns?']
then:
  - 'meant that|resulted in|because|led to|as a result|impact(ed)? (on|of)'
  - 'virtual|remote|video|telephone|face[- ]to[- ]face|home visits?'
  - 'reduced|paused|closed|not seen'
where: block
""",
)
