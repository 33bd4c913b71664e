"""Facts several rules derive from the same document, derived once per document.

Rules are independent, but many need the same facts about a draft: the
pseudonyms it declares, the names in its front matter, the date it bears, the
units of a scope. Each rule working them out again made those facts a large
share of a check (the declared pseudonyms alone were read three times over
every paragraph). :func:`per_document` computes a fact the first time a rule
asks for it and hands the same value to the others.

The memo lives exactly as long as its :class:`~lcsprlint.model.Document`: it
is keyed on the object's identity and dropped by a weakref finalizer when the
document is garbage-collected, so no document text outlives its document and
memory is bounded by the documents in use (one at a time in the engine).
Documents are frozen, so a fact cannot go stale. Values are shared between
rules: store immutable ones (tuples, frozensets, frozen dataclasses).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from lcsprlint.model import Document

T = TypeVar("T")

# id(document) -> {key: value}; an entry is removed when its document dies.
_MEMOS: dict[int, dict[Hashable, Any]] = {}


def per_document(doc: Document, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, worked out once per document and ``key``."""
    memo = _MEMOS.get(id(doc))
    if memo is None:
        try:
            weakref.finalize(doc, _MEMOS.pop, id(doc), None)
        except TypeError:  # an object that cannot be weakly referenced: no memo
            return compute()
        memo = _MEMOS[id(doc)] = {}
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = compute()
        return value


def memo_count() -> int:
    """How many documents have a memo now (for tests that no memo outlives its document)."""
    return len(_MEMOS)
