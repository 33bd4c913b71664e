"""Small in-memory documents for the check-kind tests.

Documents are built from RawBlocks with the same ``assemble`` step every
reader uses, so headings, sections, word offsets and appendices behave as
they do on real files. Import the helpers with ``from .conftest import ...``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import jsonschema

from lcsprlint.kinds import builtin_kinds
from lcsprlint.kinds.base import CheckKind, Hit
from lcsprlint.model import Document
from lcsprlint.readers.assemble import Extras, RawBlock, assemble

Part = RawBlock | Iterable[RawBlock]


def title(text: str) -> RawBlock:
    return RawBlock("title", text)


def h(text: str, level: int = 1) -> RawBlock:
    return RawBlock("heading", text, level=level)


def p(text: str) -> RawBlock:
    return RawBlock("paragraph", text)


def li(text: str, level: int = 0, style: str = "bullet") -> RawBlock:
    return RawBlock("list-item", text, level=level, list_style=style)


def table(*rows: Iterable[str], table_id: int = 0) -> list[RawBlock]:
    """A table: each row a sequence of cell texts; the first row is usually the header."""
    out = []
    for i, cells in enumerate(rows):
        cells = tuple(cells)
        out.append(RawBlock("table-row", " | ".join(cells), cells=cells, table=table_id, row=i))
    return out


def filler(n: int, word: str = "text") -> str:
    """A sentence of ``n`` words (no dates, acronyms or question marks)."""
    return " ".join([word] * n) + "."


def doc(*parts: Part, **extras: Any) -> Document:
    """Assemble a document from blocks (or lists of blocks); extras go to Extras."""
    raw: list[RawBlock] = []
    for part in parts:
        if isinstance(part, RawBlock):
            raw.append(part)
        else:
            raw.extend(part)
    return assemble("test.md", "markdown", raw, Extras(**extras))


def kind(name: str) -> CheckKind:
    return builtin_kinds()[name]


def run(name: str, params: Mapping[str, Any], document: Document) -> list[Hit]:
    """Validate ``params`` as the loader would (schema, then the kind's hook), build, run."""
    k = kind(name)
    schema = {
        "type": "object",
        "properties": dict(k.params),
        "required": list(k.required),
        "propertyNames": {"enum": sorted(k.params)},
    }
    jsonschema.Draft7Validator(schema).validate(dict(params))
    if k.validate is not None:
        err = k.validate(params)
        assert err is None, err
    return list(k.build(params)(document))


def invalid(name: str, params: Mapping[str, Any]) -> str | None:
    """The first problem the schema or the kind's hook finds in ``params`` (None if valid)."""
    k = kind(name)
    schema = {
        "type": "object",
        "properties": dict(k.params),
        "required": list(k.required),
        "propertyNames": {"enum": sorted(k.params)},
    }
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(dict(params)))
    if errors:
        return errors[0].message
    return k.validate(params) if k.validate is not None else None


def messages(hits: Iterable[Hit]) -> list[str]:
    return [h.note or "" for h in hits]
