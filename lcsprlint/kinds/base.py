"""The contract every check kind follows.

A kind knows the document model and nothing about files or output. It
declares a JSON Schema for its parameters (validated generically by the
loader, so no kind parses its own options) and a ``build`` function that turns
a rule's parameters into a ready :data:`Check`: patterns are compiled once per
run there, never per document or per paragraph. Running the check on a
document yields :class:`Hit` records, which the engine turns into findings
with the rule's message, severity and location.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lcsprlint.model import Document

Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Hit:
    """Something a check found.

    ``block`` is an index into ``Document.blocks`` (None for a finding about
    the whole document, or about a section: then ``section`` is set).
    ``values`` are interpolated into the rule's message (``{match}``,
    ``{missing}``, ``{count}``...). ``snippet`` quotes the document. ``note``
    is a sentence of detail the engine appends to the message. ``story``
    names where text outside the body came from (header, footnote, metadata...).
    """

    block: int | None = None
    section: int | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    snippet: str | None = None
    note: str | None = None
    story: str = "body"


Check = Callable[[Document], Iterable[Hit]]


@dataclass(frozen=True)
class CheckKind:
    """A check kind: name, parameter schema, builder, and documentation."""

    name: str
    description: str
    params: Mapping[str, Any]
    build: Callable[[Params], Check]
    required: tuple[str, ...] = ()
    example: str = ""
    #: Parameter combinations the schema cannot express, checked at load time:
    #: returns an error message or None.
    validate: Callable[[Params], str | None] | None = None

    def schema(self) -> dict[str, Any]:
        """The JSON Schema (draft-07) fragment for this kind's parameters."""
        return {"properties": dict(self.params), "required": list(self.required)}
