"""Unique identifiers: NHS and National Insurance numbers, case and crime
references, and court neutral citations.

* NHS numbers are ten digits (3-3-4 groups, hyphens or none) that pass the
  modulus-11 check (``stdnum.gb.nhs``); a table of figures or a dummy
  "123 456 7890" fails it.
* NI numbers use only the prefix letters HMRC issues (no D, F, I, Q, U, V
  first; no O as the second letter; never BG, GB, KN, NK, NT, TN, ZZ).
* Case, crime, court and record references need a word that says so ("crime
  reference", "case no.", "URN", "CAD", "Mosaic ID"...) followed by a code with
  at least four digits, so "Section 47", "Recommendation 3", "Form CP1" and
  "a crime reference number" do not fire.
* Neutral citations: "[2021] EWFC 12", "[2020] EWHC 2914 (Fam)", "[2023] EWCA
  Civ 318", and law-report citations such as "[2012] 2 FLR 123".
"""

from __future__ import annotations

import re

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii.common import Span, digit_runs, lazy, shape_table

# Neither number has a literal; each is looked for only where its digits are.
_NHS = Gated(
    lazy(r"(?<![\w+£$.,/-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w/-]|[.,]\d)"),
    needs=lazy(r"\d\d\d[ -]?\d\d\d[ -]?\d\d\d\d"),
)
_NINO = Gated(
    lazy(
        r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
        r"(?P<sp> ?)\d{2}(?P=sp)\d{2}(?P=sp)\d{2}(?P=sp)[A-D]\b"
    ),
    needs=lazy(r"\d\d ?\d\d ?\d\d ?[A-D]"),
)


#: For ASCII text: spaces and hyphens dropped, then every digit made "0" and each of
#: A-D "A"; anything else "x". A match of _NHS's or _NINO's ``needs`` (ASCII digits in
#: ASCII text, at most one space or hyphen between groups) is then ten "0"s or six and
#: an "A".
_NUMBER_SHAPES = shape_table("ABCD")


def _may_hold_number(text: str) -> bool:
    """False only when neither _NHS's nor _NINO's ``needs`` finds anything in ``text``.

    In ASCII text by the shapes every match leaves when spaces and hyphens
    are dropped (a bytes translation: far quicker than those searches, which
    try every digit of every year and paragraph number); text with such a
    shape, and any other text, is left to the gates' own ``needs``.
    """
    if text.isascii():
        shape = text.encode().translate(_NUMBER_SHAPES, b" -")
        return b"0000000000" in shape or b"000000A" in shape
    return True


# Citations and references run only on text holding one of their words (see Gated).
_CITATION = Gated(
    lazy(
        r"\[(?:19|20)\d\d\]\s+(?:"
        r"(?:UKSC|UKPC|UKHL|UKUT|UKFTT|EWHC|EWFC|EWCOP|EWMC|EWCC|EWCA\s+(?:Civ|Crim))\s+B?\d+"
        r"(?:\s*\((?:Fam|QB|KB|Admin|Ch|Comm|Crim|Civ|IAC|AAC)\))?"
        r"|\d{1,2}\s+(?:FLR|FCR|WLR|All\s+ER|Cr\s+App\s+R)\s+\d+)"
    )
)
_REF_WORD = (
    r"(?:(?:case|crime|incident|occurrence|log|claim|file|court|police|job|record|client|"
    r"person|child|system|CAD|call)\s+(?:reference|ref|number|no|num|ID|#)\.?"
    r"|crime\s+(?:report|reference)\s+(?:number|no)\.?|reference\s+(?:number|no)\.?"
    r"|CRN|URN|CAD|PNC|NICHE|Niche|Athena|Storm|Mosaic(?:\s+ID)?|LCS(?:\s+ID)?|"
    r"EHM(?:\s+ID)?|ref\.|ref:|reference)"
)
# A reference is reported only when its code has four digits: text without four
# digits in one run of code characters (letters, digits, "/" and "-"; with the
# letters that fold to ASCII ones) has none to report.
_FOUR_DIGITS = lazy(r"[0-9](?:[A-Za-z\u017f\u212a\u0130\u0131/-]*[0-9]){3}")
_REF = Gated(
    lazy(
        rf"\b{_REF_WORD}(?:\s+(?:number|no\.?|ID))?\s*[:#,]?\s*(?:(?:is|was|of)\s+)?"
        r"(?P<code>[A-Z0-9](?:[A-Z0-9]|[/-](?=[A-Z0-9]))*)(?![\w/-])",
        re.IGNORECASE,
    ),
    needs=_FOUR_DIGITS,
)
_YEARLIKE = lazy(r"^(?:19|20)\d\d(?:[/-](?:\d\d|(?:19|20)\d\d))?$")

# A reported code (see _valid_code) is made of capitals, digits, "/" and "-" (with the
# two capitals that fold to ASCII letters): it lies in a run of those characters, and
# ends where the run ends. It can start inside the run only after a capital (the end
# of a reference word such as "CAD"), so a run that is yearlike as a whole ("2019",
# "2019/20") holds no reported code.
_CODE_RUN = lazy("[0-9A-Z\u212a\u0130/-]+")
_CODE_CHARS = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/-\u017f\u212a\u0130\u0131"
)


#: What a run of _CODE_RUN holds in ASCII text.
_CODE_RUN_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/-")


def _may_report(text: str) -> bool:
    """Whether ``text`` may hold a reference that :func:`find` reports.

    Such a code has four digits, is not yearlike and has no lower-case letter.
    _FOUR_DIGITS finds four digits in every run of code characters (any case)
    that holds them; the runs of capitals, digits, "/" and "-" in those runs
    are the only places such a code can be.
    """
    if text.isascii():
        return _may_report_ascii(text)
    done = -1
    for m in _FOUR_DIGITS.finditer(text):
        start, end = m.span()
        if start < done:
            continue
        if (
            end - start == 4
            and (start == 0 or text[start - 1] not in _CODE_CHARS)
            and (end == len(text) or text[end] not in _CODE_CHARS)
        ):
            # Four digits standing alone (a year, mostly): the run is the match itself.
            if not _YEARLIKE.match(m.group()):
                return True
            continue
        while start > 0 and text[start - 1] in _CODE_CHARS:
            start -= 1
        while end < len(text) and text[end] in _CODE_CHARS:
            end += 1
        done = end
        for run in _CODE_RUN.findall(text, start, end):
            if sum(ch.isdigit() for ch in run) >= 4 and not _YEARLIKE.match(run):
                return True
    return False


def _may_report_ascii(text: str) -> bool:
    """:func:`_may_report` of ASCII text: whether a run of _CODE_RUN holds four digits
    and is not yearlike.

    Those runs are the ones _may_report looks at: each lies in a run of code
    characters (a subset of them) and holds a match of _FOUR_DIGITS (four
    digits with capitals, "/" and "-" between), so its run of code characters
    is visited. They are found from the runs of digits (:func:`digit_runs`,
    quicker than the search, which tries every digit of every year), each
    widened over the capitals, "/" and "-" around it.
    """
    done = 0
    size = len(text)
    for start, end in digit_runs(text):
        if start < done:
            continue  # inside the run just looked at
        digits = end - start
        if (start == 0 or text[start - 1] not in _CODE_RUN_CHARS) and (
            end == size or text[end] not in _CODE_RUN_CHARS
        ):
            # Digits alone (a year, mostly): yearlike only when four, "19" or "20" first.
            if digits > 4 or (digits == 4 and text[start : start + 2] not in ("19", "20")):
                return True
            continue
        while start > 0 and text[start - 1] in _CODE_RUN_CHARS:
            start -= 1
        while end < size and text[end] in _CODE_RUN_CHARS:
            end += 1
        done = end
        run = text[start:end]
        if sum(ch.isdigit() for ch in run) >= 4 and not _YEARLIKE.match(run):
            return True
    return False


def _ref_literals(text: str) -> bool:
    """Whether ``text`` holds a literal of _REF's gate (every match does)."""
    lits = _REF.literals
    return lits is None or lits.admits(text)


def nhs_valid(digits: str) -> bool:
    """``stdnum.gb.nhs.is_valid`` for the ten digits of an NHS-number match.

    The modulus-11 check: the digits weighted 10 down to 1 sum to a multiple
    of 11. Written out because importing stdnum cost every command ~16 ms;
    anything but ten ASCII digits (a match's digits may be other Unicode
    digits, which stdnum folds or rejects) is still left to stdnum.
    """
    if len(digits) == 10 and digits.isascii() and digits.isdigit():
        return _weighted(digits) % 11 == 0
    from stdnum.gb import nhs  # other digits, which stdnum folds or rejects

    return bool(nhs.is_valid(digits))


def _weighted(digits: str) -> int:
    return sum(w * int(d) for w, d in zip(range(10, 0, -1), digits, strict=True))


def _valid_code(code: str) -> bool:
    if sum(ch.isdigit() for ch in code) < 4 or _YEARLIKE.match(code):
        return False
    # A reference code's letters are capitals ("LS21C00456"), not a word ("2019th").
    return not any(ch.islower() for ch in code)


def find(text: str) -> list[Span]:
    """Spans of NHS and NI numbers, references and citations in ``text``."""
    out: list[Span] = []
    if _may_hold_number(text):
        for m in _NHS.finditer(text):
            if nhs_valid(m.group(1) + m.group(3) + m.group(4)):
                out.append(("nhs-number", m.start(), m.end()))
        out.extend(("ni-number", m.start(), m.end()) for m in _NINO.finditer(text))
    if "[" in text:  # every citation starts "[19" or "[20"; most text has no bracket
        out.extend(("court-citation", m.start(), m.end()) for m in _CITATION.finditer(text))
    # The gate's literals (answered from the document's scan) first: few paragraphs
    # hold a reference word, many a four-digit year that _may_report has to look at.
    # _may_report finds four digits in a run of code characters whenever it says yes, so
    # the gate's ``needs`` (that search) is answered by it and not asked here.
    for m in _REF.rx.finditer(text) if _ref_literals(text) and _may_report(text) else ():
        code = m.group("code")
        if _valid_code(code):
            out.append(("reference-number", m.start(), m.end()))
    return out
