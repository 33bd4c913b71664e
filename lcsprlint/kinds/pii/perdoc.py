"""The allowlist facts of a document, worked out once per document.

The identifier rules (one per family of identifiers) and the pseudonym rule
all need the pseudonyms a report declares and the names its front matter
gives; each reads every paragraph, so they are derived once per document
(:mod:`lcsprlint.kinds.doccache`) and shared.
"""

from __future__ import annotations

from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.pii.allow import front_matter_names
from lcsprlint.kinds.pii.declared import Declared, declared
from lcsprlint.model import Document


def doc_declared(doc: Document) -> Declared:
    """The pseudonyms and labels ``doc`` declares."""
    return per_document(doc, "pii.declared", lambda: declared(b.norm for b in doc.blocks))


def doc_front_names(doc: Document) -> frozenset[str]:
    """Words of the names of the review's own people in ``doc``'s front matter."""
    return per_document(doc, "pii.front-matter-names", lambda: front_matter_names(doc))
