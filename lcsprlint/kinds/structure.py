"""The ``structure`` kind: draft artefacts in the file itself, not in its words.

Unresolved comments, tracked changes, revision tracking left on, hidden text
and names in the document properties all survive into a published PDF or
.docx more often than anyone would like. The readers record them in the
model; this kind reports them. It quotes only a short hint of a comment or
hidden text: the point is to find it, not to republish it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.model import Document

FACTS = (
    "unresolved-comments",
    "comments",
    "tracked-changes",
    "track-revisions-on",
    "hidden-text",
    "metadata-fields",
)

#: Characters of a comment or hidden text a hit may quote.
HINT = 60

PARAMS: dict[str, Any] = {
    "facts": {
        "type": "array",
        "items": {"enum": list(FACTS)},
        "minItems": 1,
        "uniqueItems": True,
        "description": "What to report: unresolved-comments, comments (all), tracked-changes, "
        "track-revisions-on, hidden-text, metadata-fields.",
    },
    "metadata-fields": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Document properties reported when not empty, e.g. author, "
        "last_modified_by, company, manager (default: author, last_modified_by).",
    },
    "allow": c.regex_list(
        "Allowed values: comment and change authors, and property values, that match one of "
        "these are not reported (e.g. '^lcsprlint$')."
    ),
    "per": c.enum(
        "One hit per comment, change or field (item), per author for each fact, or one per "
        "fact for the document.",
        ("item", "author", "document"),
        "item",
    ),
}

_DEFAULT_FIELDS = ("author", "last_modified_by")


def _validate(params: Params) -> str | None:
    err = c.check_patterns(c.as_list(params.get("allow")))
    return f"allow: {err}" if err else None


def _field_key(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def build(params: Params) -> Any:
    facts = set(params.get("facts") or ())
    fields = {_field_key(f) for f in params.get("metadata-fields") or _DEFAULT_FIELDS}
    allow = Matcher(c.as_list(params.get("allow")))
    per = params.get("per", "item")

    def allowed(value: str) -> bool:
        return bool(allow) and allow.search(value or "") is not None

    def grouped(hits: list[tuple[str, Hit]]) -> Iterator[Hit]:
        """Collapse per-item hits by author or for the document, as ``per`` asks."""
        if per == "item" or not hits:
            for _, h in hits:
                yield h
            return
        buckets: dict[str, list[Hit]] = {}
        for author, h in hits:
            key = author if per == "author" else ""
            buckets.setdefault(key, []).append(h)
        for _key, group in buckets.items():
            first = group[0]
            values = {**first.values, "count": len(group)}
            if "author" in first.values:
                authors = dict.fromkeys(str(h.values["author"]) for h in group)
                values["author"] = c.join_names(authors)
            yield Hit(
                block=first.block,
                values=values,
                snippet=first.snippet,
                note=f"{len(group)} in all." if len(group) > 1 else first.note,
                story=first.story,
            )

    def check(doc: Document) -> Iterator[Hit]:
        if "comments" in facts or "unresolved-comments" in facts:
            everything = "comments" in facts
            hits = []
            for cm in doc.comments:
                if (cm.resolved and not everything) or allowed(cm.author):
                    continue
                block = cm.blocks[0] if cm.blocks else None
                state = "resolved" if cm.resolved else "unresolved"
                hits.append(
                    (
                        cm.author,
                        Hit(
                            block=block,
                            values={"author": cm.author or "unknown", "kind": state, "count": 1},
                            snippet=c.short(cm.text, HINT) or None,
                            story="comment",
                        ),
                    )
                )
            yield from grouped(hits)
        if "tracked-changes" in facts:
            hits = []
            for ch in doc.changes:
                if allowed(ch.author):
                    continue
                hits.append(
                    (
                        ch.author,
                        Hit(
                            block=ch.block,
                            values={"author": ch.author or "unknown", "kind": ch.kind, "count": 1},
                            snippet=c.short(ch.text, HINT) or None,
                        ),
                    )
                )
            yield from grouped(hits)
        if "track-revisions-on" in facts and doc.track_revisions:
            yield Hit(values={}, note="Track Changes is still switched on.")
        if "hidden-text" in facts:
            hits = [
                (
                    "",
                    Hit(
                        values={"count": 1},
                        snippet=c.short(e.text, HINT) or None,
                        note="Hidden text.",
                        story="hidden",
                    ),
                )
                for e in doc.extras
                if e.story == "hidden" and e.text.strip()
            ]
            yield from grouped(hits)
        if "metadata-fields" in facts:
            hits = []
            for name, value in doc.metadata.fields():
                key = _field_key(name)
                if key not in fields or not str(value).strip() or allowed(str(value)):
                    continue
                hits.append(
                    (
                        str(value),
                        Hit(
                            values={"field": name, "match": c.short(str(value), HINT), "count": 1},
                            snippet=c.short(str(value), HINT),
                            note=f"Document property '{name}' is filled in.",
                            story=f"metadata:{name}",
                        ),
                    )
                )
            yield from grouped(hits)

    return check


KIND = CheckKind(
    name="structure",
    description="Draft artefacts in the file: comments, tracked changes, revision tracking "
    "left on, hidden text, and names in the document properties.",
    params=PARAMS,
    required=("facts",),
    build=build,
    validate=_validate,
    example="""\
id: LCSPR1201
name: unresolved-comments
category: hygiene
severity: error
message: "Unresolved comment by {author}: resolve or delete it before the report is shared."
rationale: Reviewers' comments must not be published with the report.
source: Publication checklist
fix: Resolve the comment and delete it (Review > Delete All Comments in Document).
check: structure
facts: [unresolved-comments]
allow: ['^lcsprlint$']
""",
)
