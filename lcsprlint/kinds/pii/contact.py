"""UK telephone numbers and e-mail addresses.

Phone numbers are found by shape and then checked by counting digits: a UK
number has nine or ten digits after the leading 0 (or +44), and personal
numbers begin 01, 02 (geographic) or 07 (mobile). Freephone, shared-cost and
03 numbers (0800 1111, 0808 800 5000, 0300 ...) belong to organisations and
helplines, which a review may quote, so they are left alone; so are dates
written with hyphens, times, "999", "111" and "0-19".
"""

from __future__ import annotations

import re

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii.common import Span, lazy, matches_at, occurrences

# Gated: a number starts "0" or "+44", an address holds "@"; most paragraphs have neither.
_PHONE = Gated(
    lazy(
        r"(?<![\w+/.-])(?P<num>(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0|0)\d[\d()-]*(?:[ -][\d()]+)*\d)"
        r"(?![\w/-]|\.\d)"
    )
)
_EMAIL = Gated(
    lazy(
        r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
    )
)


def _national(candidate: str) -> str | None:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+44"):
        digits = digits[2:]
        if candidate.replace(" ", "").startswith("+44(0)"):
            digits = digits[1:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return None
    return digits


def find(text: str) -> list[Span]:
    """Spans of phone numbers and e-mail addresses in ``text``."""
    out: list[Span] = []
    # Every number starts "+", "(" or "0": tried only there (see matches_at), which is
    # a gate of its own.
    for m in matches_at(_PHONE.rx, text, occurrences(text, "0(+")):
        raw, start = m.group("num"), m.start()
        if raw.startswith("(") and raw.count("(") > raw.count(")"):
            # "(07700 900461)": the bracket opens a parenthesis, not an area code.
            raw, start = raw[1:], start + 1
        national = _national(raw)
        if national is None or not national or national[0] not in "127":
            continue
        # Mobiles and 02 numbers have ten digits; a few 01 areas have nine.
        if len(national) != 10 and not (len(national) == 9 and national[0] == "1"):
            continue
        if raw.count("(") != raw.count(")"):
            continue
        out.append(("phone", start, m.end()))
    if "@" in text:  # in every address: a quicker gate than _EMAIL's own
        out.extend(("email", m.start(), m.end()) for m in _EMAIL.rx.finditer(text))
    return out
