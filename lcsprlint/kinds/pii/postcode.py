"""UK postcodes, validated against the postcode format.

The pattern is the published outward/inward format (letters that never occur
in a position are excluded), not any letters-digit run, so "KS2", "YP1 and
YP2" or "HV1 saw" do not match. Capitals are accepted with or without the
space ("LS9 7DP", "BS50HN"); lower case only with the space ("m14 5qr") or
straight after the word "postcode", because lower-case runs such as "b2b" are
ordinary words far more often than postcodes.
"""

from __future__ import annotations

import re

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii.common import Span, lazy, shape_table

_FORMAT = (
    r"(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    r"(?P<space> ?)[0-9][ABD-HJLNP-UW-Z]{2})"
)
_INWARD = lazy(r"[0-9][ABD-HJLNP-UW-Z]{2}", re.IGNORECASE)
#: The letters of _INWARD's class, as ASCII text holds them (either case).
_INWARD_LETTERS = frozenset("ABDEFGHJLNPQRSTUWXYZ" + "ABDEFGHJLNPQRSTUWXYZ".lower())
#: For ASCII text: every digit to "0", every letter of an inward code (either case) to
#: "A", anything else to "x"; an inward code is then "0AA".
_INWARD_SHAPES = shape_table(_INWARD_LETTERS)


def _may_hold_inward(text: str) -> bool:
    """Whether ``text`` holds an inward code (a digit and two of its letters, any case).

    In ASCII text first by its shape (a bytes translation and a substring
    test, where the search tries every digit); text with the shape is
    searched, so the answer is the search's.
    """
    if text.isascii() and b"0AA" not in text.encode().translate(_INWARD_SHAPES):
        return False
    return _INWARD.search(text) is not None


# Looked for only where an inward code is (a digit and two of its letters, same flags).
_POSTCODE = Gated(
    lazy(rf"(?<![\w-])(?P<code>{_FORMAT})(?![\w-])", re.IGNORECASE),
    needs=_may_hold_inward,
)
_CUE = lazy(r"post\s*code[\s:,(]*(?:(?:is|was|as|of)\s+)*$", re.IGNORECASE)


def find(text: str) -> list[Span]:
    """Spans of postcodes in ``text``."""
    out: list[Span] = []
    for m in _POSTCODE.finditer(text):
        code = m.group("code")
        if not (code.isupper() or m.group("space") or _CUE.search(text, 0, m.start())):
            continue
        out.append(("postcode", m.start(), m.end()))
    return out
