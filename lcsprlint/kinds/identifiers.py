"""Check kind ``identifiers``: details that could identify the child or family.

A published review must not let a reader recognise the family: no date of
birth, address, postcode, named school or surgery, phone number, e-mail, NHS
or National Insurance number, case or crime reference, court citation, and no
names of family members or practitioners. The detectors live in
:mod:`lcsprlint.kinds.pii`; this kind runs them over the text in scope, drops
what the allowlist permits (the rule's ``allow`` patterns, the report's
declared pseudonyms, and the reviewer and officers named in the front
matter) and reports each detection on its own, quoting it.

``detect`` picks the types, so the rule pack can keep one rule per family
(``detect: [date-of-birth]``, ``detect: [postcode, street-address]``...). The
type ``exact-dates`` is the separate warning for a body with more than
``min-dates`` full day-month-year dates; it runs only when listed.

Example::

    check: identifiers
    detect: [person-name, practitioner-name]
    allow: ["Northshire Safeguarding Children Partnership"]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.common import as_list, boolean, check_patterns, count, regex_list, snippet
from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.kinds.pii import LABELS, NOTES, TYPES, detect
from lcsprlint.kinds.pii.allow import Allowlist
from lcsprlint.kinds.pii.dates import full_dates
from lcsprlint.kinds.pii.perdoc import doc_declared, doc_front_names
from lcsprlint.kinds.scope import SCOPE_PARAMS, SCOPES, Scope, Unit
from lcsprlint.model import Document

#: ``scope: everything`` reads these scopes together.
EVERYTHING = ("document", "header-footer", "notes", "comments")
NAME_TYPES = frozenset(("person-name", "practitioner-name"))
DEFAULT_MIN_DATES = 10
DEFAULT_SKIP = (r"^(?:references|bibliography|further\s+reading|reading\s+list|sources)\b",)
#: Characters of context a snippet shows around the matched text.
SNIPPET_WIDTH = 110

PARAMS: dict[str, Any] = {
    **SCOPE_PARAMS,
    "scope": {
        "enum": [*SCOPES, "everything"],
        "description": "Which text to look at (default: document; everything adds headers, "
        "footers, notes and comments).",
    },
    "detect": {
        "type": "array",
        "items": {"enum": [*TYPES, "exact-dates"]},
        "uniqueItems": True,
        "minItems": 1,
        "description": "Identifier types to report (default: all but exact-dates).",
    },
    "allow": regex_list("Patterns of text that may appear (the partnership's name...)."),
    "allow-front-matter": boolean(
        "Allow the names of the author, independent reviewer, chair and scrutineer given "
        "in the front matter (default true).",
        True,
    ),
    "skip-sections": regex_list(
        "Headings of sections not checked (default: references and bibliography, where "
        "authors' names and report titles are cited, not people in the case)."
    ),
    "min-dates": count(
        "With exact-dates: report when the body holds more than this many full dates (10).",
        0,
    ),
}


def _validate(params: Params) -> str | None:
    return check_patterns(as_list(params.get("allow")) + as_list(params.get("skip-sections")))


def units_for(doc: Document, scope_name: str, params: Params) -> list[Unit]:
    """The units of a scope name, ``everything`` included."""
    if scope_name != "everything":
        return Scope({**params, "scope": scope_name}).units(doc)
    out: list[Unit] = []
    for name in EVERYTHING:
        out.extend(Scope({**params, "scope": name}).units(doc))
    return out


def build(params: Params) -> Any:
    """Compile the rule's choices once; return the check."""
    types = frozenset(params.get("detect") or TYPES)
    id_types = types - {"exact-dates"}
    scope_name = params.get("scope", "document")
    patterns = Matcher(as_list(params.get("allow")))
    use_front = bool(params.get("allow-front-matter", True))
    min_dates = int(params.get("min-dates", DEFAULT_MIN_DATES))
    skip = params.get("skip-sections")
    skip_matcher = Matcher(DEFAULT_SKIP if skip is None else as_list(skip))

    def check(doc: Document) -> Iterator[Hit]:
        units = _without_skipped(doc, units_for(doc, scope_name, params), skip_matcher)
        if id_types:
            names = doc_front_names(doc) if use_front and id_types & NAME_TYPES else ()
            decl = doc_declared(doc) if id_types & NAME_TYPES else None
            allow = Allowlist(patterns, names, decl)
            memo = _memo(doc)
            for unit in units:
                found = memo.get(unit.norm)
                if found is None:
                    found = memo[unit.norm] = detect(unit.norm)
                if found:  # most paragraphs hold no identifier at all
                    yield from _unit_hits(unit, found, id_types, allow)
        if "exact-dates" in types:
            hit = _many_dates(doc, units, min_dates)
            if hit:
                yield hit

    return check


def _without_skipped(doc: Document, units: list[Unit], skip: Matcher) -> list[Unit]:
    """Units outside the sections whose heading (or an ancestor's) matches ``skip``."""
    if not skip:
        return units
    skipped = {s.index for s in doc.sections if any(skip.matches(part) for part in s.path)}
    if not skipped:
        return units
    return [u for u in units if u.block is None or doc.blocks[u.block].section not in skipped]


def _memo(doc: Document) -> dict[str, tuple[Any, ...]]:
    """The identifiers found in each text of ``doc``, shared by all the identifier rules.

    The memo belongs to the document (:mod:`lcsprlint.kinds.doccache`), so no
    paragraph text outlives the document it came from.
    """
    return per_document(doc, ("pii", "detect"), dict)


def _unit_hits(
    unit: Unit, found: tuple[Any, ...], types: frozenset[str], allow: Allowlist
) -> Iterator[Hit]:
    """Hits for the detections ``found`` in ``unit`` of the rule's ``types``, unless allowed."""
    spans = [s for s in found if s[0] in types]
    if not spans:
        return
    allowed = allow.spans(unit.norm)
    for kind, start, end in spans:
        if any(start < a_end and a_start < end for a_start, a_end in allowed):
            continue
        matched = unit.norm[start:end]
        if kind in NAME_TYPES and allow.allows_name(matched):
            continue
        yield Hit(
            block=unit.block,
            values={"match": matched, "type": kind, "label": LABELS[kind]},
            snippet=snippet(unit.text, unit.norm, start, end, SNIPPET_WIDTH),
            story=unit.story,
        )


def _many_dates(doc: Document, units: list[Unit], limit: int) -> Hit | None:
    """One document-level hit when the body holds more than ``limit`` full dates."""
    found: list[str] = []
    blocks = doc.blocks
    for unit in units:
        if unit.block is None or unit.story != "body" or not blocks[unit.block].is_body:
            continue
        found.extend(unit.norm[s:e] for s, e in full_dates(unit.norm))
    if len(found) <= limit:
        return None
    shown = "; ".join(found[:3]) + ("; ..." if len(found) > 3 else "")
    return Hit(
        values={
            "match": found[0],
            "type": "exact-dates",
            "label": LABELS["exact-dates"],
            "count": len(found),
            "limit": limit,
        },
        snippet=shown,
        note=f"The body gives {len(found)} exact dates (more than {limit}). "
        + NOTES["exact-dates"],
    )


KIND = CheckKind(
    name="identifiers",
    description="Details that could identify the child or family: dates of birth, "
    "addresses, named institutions, contact details, NHS/NI numbers, references, "
    "citations and people's names.",
    params=PARAMS,
    build=build,
    example="check: identifiers\ndetect: [date-of-birth]",
    validate=_validate,
)
