"""Detectors of identifying details in review prose, one small module per family.

Each detector module exposes ``find(text) -> list[(type, start, end)]`` over
normalised text, with ``type`` from :data:`TYPES`. :func:`detect` runs them
all, settles overlaps between families (an NHS number is not also a
reference, a name inside "Grace Darling Hospital" is the institution's) and
returns the spans in text order. Running every family, whichever types a rule
asks for, keeps the answer for one type the same however rules are grouped.

Because a rule pack runs one rule per family over the same paragraphs,
:func:`detect` is memoised on the paragraph text (a bounded cache of a pure
function): the second and later rules cost a lookup per paragraph.
"""

from __future__ import annotations

from lcsprlint.kinds.pii import address, contact, dates, institutions, names, numbers, postcode
from lcsprlint.kinds.pii.common import Span

#: Identifier types, exactly as the labelled corpus names them.
TYPES: tuple[str, ...] = (
    "date-of-birth",
    "postcode",
    "street-address",
    "institution",
    "phone",
    "email",
    "nhs-number",
    "ni-number",
    "reference-number",
    "court-citation",
    "person-name",
    "practitioner-name",
)

#: Plain-English names of the types, for messages.
LABELS: dict[str, str] = {
    "date-of-birth": "date of birth",
    "postcode": "postcode",
    "street-address": "street address",
    "institution": "named school, nursery, surgery, hospital or home",
    "phone": "phone number",
    "email": "e-mail address",
    "nhs-number": "NHS number",
    "ni-number": "National Insurance number",
    "reference-number": "case, crime or record reference",
    "court-citation": "court judgment citation",
    "person-name": "person's name",
    "practitioner-name": "practitioner's name",
    "exact-dates": "exact dates",
}

#: How to fix each type: the sentence a finding ends with.
NOTES: dict[str, str] = {
    "date-of-birth": "Give the child's age instead of a date of birth "
    "(for example 'when Child T was 3 months old').",
    "postcode": "Remove the postcode; if the place matters, describe it broadly "
    "('in the north of the partnership area').",
    "street-address": "Remove the street and house number; say 'the family home' or "
    "'temporary accommodation' instead.",
    "institution": "Describe it by type ('the primary school', 'the GP practice', "
    "'the hospital') rather than by name.",
    "phone": "Remove the phone number.",
    "email": "Remove the e-mail address.",
    "nhs-number": "Remove the NHS number.",
    "ni-number": "Remove the National Insurance number.",
    "reference-number": "Remove the reference: case, crime and record numbers can be "
    "traced back to the family.",
    "court-citation": "Remove the citation: a published judgment can be linked to the "
    "family and the review (Re X and Y, 2012).",
    "person-name": "Use the agreed pseudonym or a role label ('Mother', 'maternal "
    "grandmother', 'Adult B') instead of the person's name.",
    "practitioner-name": "Refer to practitioners by role ('the health visitor', "
    "'Social Worker 1'), not by name.",
    "exact-dates": "Give the month and year, or the child's age, where the exact day "
    "does not matter.",
}

# Families in order of precedence: where spans of two families overlap, the
# earlier family's span is kept.
_FAMILIES = (
    numbers.find,
    contact.find,
    postcode.find,
    dates.find,
    address.find,
    institutions.find,
    names.find,
)


def detect(text: str) -> tuple[Span, ...]:
    """Every identifier in ``text``, overlaps settled, in text order."""
    kept: list[Span] = []
    for family in _FAMILIES:
        for span in family(text):
            if not any(span[1] < k[2] and k[1] < span[2] for k in kept):
                kept.append(span)
    kept.sort(key=lambda s: (s[1], s[2]))
    return tuple(kept)


__all__ = ["LABELS", "NOTES", "TYPES", "Span", "detect"]
