"""The allowlist facts of a document, worked out once per document.

The identifier rules (one per family of identifiers) and the pseudonym rule
all need the pseudonyms a report declares and the names its front matter
gives; each reads every paragraph, so they are derived once per document
(:mod:`lcsprlint.kinds.doccache`) and shared. The front matter's names are
only ever asked about word by word, so they are worked out a word at a time.
"""

from __future__ import annotations

from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.pii.allow import FrontNames
from lcsprlint.kinds.pii.declared import Declared, declared
from lcsprlint.model import Document


def doc_declared(doc: Document) -> Declared:
    """The pseudonyms and labels ``doc`` declares."""
    return per_document(doc, "pii.declared", lambda: declared(b.norm for b in doc.blocks))


def doc_front_names(doc: Document) -> FrontNames:
    """Words of the names of the review's own people in ``doc``'s front matter.

    Asked word by word (``word in doc_front_names(doc)``): the rules ask about
    the words of the names they detect, a few per document, and the answer
    for one word reads only the paragraphs that hold it (see
    :class:`~lcsprlint.kinds.pii.allow.FrontNames`).
    """
    return per_document(doc, "pii.front-matter-names", lambda: FrontNames(doc))
