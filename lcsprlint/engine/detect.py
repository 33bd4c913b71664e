"""Which kind of document a draft is: an LCSPR, a rapid review or a yearly report.

Partnerships keep all three in the same folders, and the wrong rule pack
buries the real findings under false ones, so when no profile is given the
engine asks the document. Its title page nearly always says what it is
("Rapid Review: Child A", "Annual Report 2023-24", "Local Child Safeguarding
Practice Review: Child T", "Serious Case Review"); failing that, the opening
usually refers to itself ("This rapid review...", "This annual report...").
The body is not read: an LCSPR discusses the rapid review before it, and a
yearly report counts rapid reviews and LCSPRs, so only the title page and the
document's words about itself are evidence.

When neither is clear the answer is None and the caller uses the default
profile and says so (rule LINT002), since a guess would be worse than a
stated default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from lcsprlint.model import Document
from lcsprlint.precompiled import regex_compiled
from lcsprlint.rule import Rule

#: The profiles detection can name (each has a built-in pack).
DETECTED_PROFILES = ("lcspr", "rapid-review", "yearly-report")

#: Rule the engine reports itself when it cannot tell the type and uses the default.
PROFILE_UNDETECTED = Rule(
    id="LINT002",
    name="document-type-not-detected",
    category="document-type",
    severity="info",
    message=(
        "Could not tell the document type from its title or opening; checked as {profile}. "
        "Use --profile (or 'profile:' in the configuration) to choose."
    ),
    rationale=(
        "Each document type has its own rule pack; the wrong pack reports requirements the "
        "document does not have, so the type used should be visible whenever it was not "
        "stated or detected."
    ),
    source="lcsprlint (document type detection)",
    fix=(
        "Name the document type in its title (for example 'Rapid review: Child A'), or give "
        "--profile lcspr, rapid-review or yearly-report."
    ),
    check="engine",
    origin="lcsprlint",
)

#: Blocks and words that may make up a title page before the text proper begins.
_TITLE_BLOCKS = 12
_TITLE_LINE_WORDS = 30
_OPENING_WORDS = 300

_FLAGS = regex.IGNORECASE | regex.VERSION1

#: What the title page calls the document, per profile.
_TITLE = {
    "rapid-review": [r"\brapid review\b"],
    "yearly-report": [
        r"\b(annual|yearly|year[- ]end) report\b",
        r"\bmulti[- ]agency safeguarding arrangements\b[^.]{0,80}\breport\b",
        r"\breport of the (lead )?safeguarding partners\b",
    ],
    "lcspr": [
        r"\b(local )?child safeguarding practice review\b(?! panel)",
        r"\bL?CSPRs?\b",
        r"\bserious case review\b",
        r"\bSCR\b",
        r"\b(practice )?learning review\b",
        r"\bSILP\b",
        r"\bsignificant incident learning process\b",
        r"\bappreciative inquiry\b",
    ],
}

#: How the opening refers to the document itself, per profile.
_SELF = {
    "rapid-review": [
        r"\bthis (rapid review|(report|note) (sets out|records|summarises)( the [a-z ]{0,30})? "
        r"(of )?(the )?rapid review)\b",
        r"\b(summary and )?outcome of (the|this) rapid review\b",
    ],
    "yearly-report": [
        r"\bthis (is (the|our) )?(annual|yearly) report\b",
        r"\bthis report covers the (twelve|12)[- ]months?\b",
        r"\b(annual|yearly) report of the\b",
    ],
    "lcspr": [
        r"\bthis (local )?child safeguarding practice review\b",
        r"\bthis L?CSPR\b",
        r"\bthis (serious case|learning|SILP) review\b",
    ],
}


def alternations(table: dict[str, list[str]]) -> dict[str, str]:
    """One pattern per profile: the alternation of its patterns."""
    return {p: "|".join(f"(?:{x})" for x in pats) for p, pats in table.items()}


def _compile(table: dict[str, list[str]]) -> dict[str, Any]:
    """Each profile's alternation, compiled (``regex``: version 1, full case folding;
    from the table of built-in patterns compiled ahead of time, :mod:`lcsprlint.precompiled`)."""
    return {p: regex_compiled(rx, _FLAGS) for p, rx in alternations(table).items()}


@cache
def _title_patterns() -> dict[str, Any]:
    """The title patterns, compiled once, on first use (a run with ``--profile`` never
    detects)."""
    return _compile(_TITLE)


@cache
def _self_patterns() -> dict[str, Any]:
    """The self-reference patterns, compiled once, when a title first says nothing."""
    return _compile(_SELF)


@dataclass(frozen=True)
class Detection:
    """The detected profile (None when unsure) and one line saying why."""

    profile: str | None
    reason: str


def title_page(doc: Document) -> list[str]:
    """The title and the short lines and headings before the text proper begins.

    The title page ends at the first list, table, contents entry or long
    paragraph: what follows is the document's content, where other document
    types are discussed freely.
    """
    out: list[str] = []
    if doc.title:
        out.append(doc.title)
    for b in doc.blocks[:_TITLE_BLOCKS]:
        if b.kind in ("list-item", "table-row", "toc"):
            break
        if b.kind == "paragraph" and b.words > _TITLE_LINE_WORDS:
            break
        if b.kind == "title" and out and b.norm == doc.title:
            continue
        out.append(b.norm)
    return out


def _opening(doc: Document) -> str:
    words = 0
    parts = []
    for b in doc.blocks:
        if b.kind == "toc":
            continue
        parts.append(b.norm)
        words += b.words
        if words >= _OPENING_WORDS:
            break
    return " ".join(parts)


def _earliest(text: str, patterns: dict[str, Any]) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for profile, pattern in patterns.items():
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), profile, m.group(0))
    return None if best is None else (best[1], best[2])


def detect(doc: Document) -> Detection:
    """What the document says it is, from its title page, else its opening."""
    for line in title_page(doc):
        found = _earliest(line, _title_patterns())
        if found is not None:
            return Detection(found[0], f"the title says '{found[1]}'")
    opening = _opening(doc)
    self_re = _self_patterns()
    hits = {p: len(r.findall(opening)) for p, r in self_re.items()}
    ranked = sorted(hits.items(), key=lambda kv: kv[1], reverse=True)
    (top, n), (_, runner_up) = ranked[0], ranked[1]
    if n and not runner_up:
        phrase = self_re[top].search(opening)
        assert phrase is not None
        return Detection(top, f"the opening says '{phrase.group(0)}'")
    if n:
        return Detection(None, "the opening refers to itself as more than one document type")
    return Detection(None, "neither the title nor the opening names the document type")


def detect_profile(doc: Document) -> tuple[str | None, str]:
    """``(profile, reason)``: the profile the document's own words point to, or None when unsure."""
    d = detect(doc)
    return d.profile, d.reason
