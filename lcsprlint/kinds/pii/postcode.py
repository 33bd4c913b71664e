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
from lcsprlint.kinds.pii.common import Span, lazy, searcher

_FORMAT = (
    r"(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    r"(?P<space> ?)[0-9][ABD-HJLNP-UW-Z]{2})"
)
# Looked for only where an inward code is (a digit and two of its letters, same flags).
_POSTCODE = Gated(
    lazy(rf"(?<![\w-])(?P<code>{_FORMAT})(?![\w-])", re.IGNORECASE),
    needs=searcher(lazy(r"[0-9][ABD-HJLNP-UW-Z]{2}", re.IGNORECASE)),
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
