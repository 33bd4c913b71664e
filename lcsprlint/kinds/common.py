"""Helpers the check kinds share: schema fragments, quoting, section spans, scope groups.

Kinds stay small because the fiddly parts live here once: turning an offset in
normalised text back into the author's own words for a snippet, merging the
spans of several matching sections without counting a block twice, and the
``each-section`` / ``if-no-section`` behaviour every scoped kind offers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lcsprlint.kinds.patterns import Matcher, check_pattern
from lcsprlint.kinds.scope import Scope, Unit, extended_end, matching_sections
from lcsprlint.model import Block, Document, Section
from lcsprlint.textutil import normalise

#: Characters of document text a snippet quotes at most (ellipses excluded).
SNIPPET_WIDTH = 160


# --------------------------------------------------------------------------- schema


def regex_list(description: str) -> dict[str, Any]:
    """Schema of a list of regular expressions (a single string is accepted too)."""
    return {
        "anyOf": [
            {"type": "array", "items": {"type": "string", "format": "regex"}},
            {"type": "string", "format": "regex"},
        ],
        "description": description,
    }


def boolean(description: str, default: bool) -> dict[str, Any]:
    return {"type": "boolean", "default": default, "description": description}


def count(description: str, minimum: int = 0) -> dict[str, Any]:
    return {"type": "integer", "minimum": minimum, "description": description}


def share(description: str) -> dict[str, Any]:
    return {"type": "number", "minimum": 0, "maximum": 1, "description": description}


def enum(description: str, values: Sequence[str], default: str) -> dict[str, Any]:
    return {"enum": list(values), "default": default, "description": description}


#: Parameters every kind that matches patterns in scope offers.
MATCH_PARAMS: dict[str, Any] = {
    "case-sensitive": boolean("Match patterns case-sensitively (default false).", False),
    "whole-word": boolean("Wrap every pattern in \\b...\\b (default false).", False),
}

#: How a scoped kind treats ``scope: section`` (see :func:`scope_groups`).
SECTION_SCOPE_PARAMS: dict[str, Any] = {
    "each-section": boolean(
        "With scope: section, check every matching section on its own instead of all "
        "of them together (default false).",
        False,
    ),
    "if-no-section": enum(
        "With scope: section, what to do when no section matches: pass silently (the "
        "absence is another rule's business) or fail once for the document.",
        ("pass", "fail"),
        "pass",
    ),
}


def as_list(value: Any) -> list[str]:
    """A pattern parameter as a list: absent -> [], one string -> [string]."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def check_patterns(patterns: Iterable[str]) -> str | None:
    """The first compile error among ``patterns``, or None: for ``validate`` hooks."""
    for p in patterns:
        if not isinstance(p, str):
            return f"expected a regular expression, got {type(p).__name__}"
        err = check_pattern(p)
        if err:
            return err
    return None


def heading_matcher(patterns: Any) -> Matcher:
    """Heading patterns: always case-insensitive, since ``norm_title`` is lower case."""
    return Matcher(as_list(patterns))


# --------------------------------------------------------------------------- quoting


def _norm_char(ch: str) -> str:
    """What ``normalise`` makes of one character in running text ('' if it drops it)."""
    if ch.isspace():
        return " "
    return normalise(f"a{ch}a")[1:-1]


def text_span(text: str, norm: str, start: int, end: int) -> tuple[int, int]:
    """Map a span of ``norm`` back onto ``text``, the string it was normalised from.

    Normalisation keeps characters in place except for collapsed whitespace,
    dropped invisible characters and Unicode composition, so a single greedy
    walk aligns the two; if that fails the span is scaled proportionally.
    """
    if text == norm:
        return start, end
    positions: list[int] = []
    j, n = 0, len(text)
    for ch in norm:
        while j < n:
            t = text[j]
            mapped = _norm_char(t)
            if t == ch or mapped == ch:
                break
            j += 1
        if j >= n:
            break
        positions.append(j)
        j += 1
        if ch == " ":
            while j < n and _norm_char(text[j]) == " ":
                j += 1
    if len(positions) == len(norm):
        s = positions[start] if start < len(positions) else n
        e = positions[end - 1] + 1 if 0 < end <= len(positions) else s
        return s, max(s, e)
    scale = n / max(1, len(norm))
    return int(start * scale), min(n, max(int(start * scale), int(end * scale + 0.999)))


def _squash(text: str) -> str:
    return " ".join(text.split())


def snippet(
    text: str,
    norm: str | None = None,
    start: int | None = None,
    end: int | None = None,
    width: int = SNIPPET_WIDTH,
) -> str:
    """Quote ``text`` (around a match in ``norm`` when given), at most ``width`` characters.

    The window is centred on the match and cut at word boundaries, with an
    ellipsis where text was left out, so a finding shows the words that
    triggered it without pasting a whole paragraph.
    """
    if start is not None and end is not None and norm is not None:
        start, end = text_span(text, norm, start, end)
    if len(text) <= width:
        return _squash(text)
    if start is None or end is None:
        start, end = 0, 0
    mid = (start + end) // 2
    lo = max(0, min(mid - width // 2, len(text) - width))
    if end - start >= width:
        lo = start
    hi = min(len(text), lo + width)
    if lo > 0:
        space = text.find(" ", lo, max(lo, start))
        if space != -1:
            lo = space + 1
    if hi < len(text):
        space = text.rfind(" ", min(max(end, lo + 1), hi), hi)
        if space != -1:
            hi = space
    out = _squash(text[lo:hi])
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


def short(text: str, width: int = 60) -> str:
    """A short quotation (for comments and metadata, where only a hint is wanted)."""
    text = _squash(text)
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width] + "…"


def pct(value: float) -> str:
    """A share as a percentage for messages: 0.413 -> '41%', 0.004 -> '0.4%'."""
    p = value * 100
    if 0 < p < 1:
        return f"{p:.1f}%"
    return f"{p:.0f}%"


def join_names(names: Iterable[str]) -> str:
    return ", ".join(names)


# --------------------------------------------------------------------------- blocks


def block_norm(b: Block) -> str:
    """A block's matching text; table rows without text fall back to their cells."""
    if b.norm or not b.cells:
        return b.norm
    return " | ".join(normalise(c) for c in b.cells)


def block_text(b: Block) -> str:
    if b.text.strip() or not b.cells:
        return b.text
    return " | ".join(b.cells)


def span_blocks(
    doc: Document, sections: Sequence[Section], extend_empty: bool = False
) -> list[int]:
    """Indices of the blocks in the union of the sections' spans, in order, each once.

    With ``extend_empty``, a section that is only a heading (no text, no
    subsections: "Analysis" directly followed by sibling topic headings) is
    taken to introduce what follows it, up to the next heading of a higher
    level. Kinds use this only where a larger span can avoid a false alarm
    (a minimum size), never where it could cause one (a maximum).
    """
    spans = [(s.start, extended_end(doc, s) if extend_empty else s.end) for s in sections]
    out: list[int] = []
    last = -1
    for start, end in sorted(spans):
        out.extend(range(max(start, last), end))
        last = max(last, end)
    return out


def words_in(doc: Document, indices: Iterable[int]) -> int:
    blocks = doc.blocks
    return sum(blocks[i].words for i in indices)


# --------------------------------------------------------------------------- scope groups


@dataclass(frozen=True, slots=True)
class Group:
    """Units checked together: all of the scope, or one matching section of it.

    ``section`` is the section a failure is reported on (None: the document);
    ``missing`` is true when ``scope: section`` matched nothing.
    """

    units: list[Unit]
    section: int | None = None
    missing: bool = False


class ScopeGroups:
    """Resolve a kind's scope into the groups of units it checks, once per document."""

    def __init__(self, params: Any, default: str = "body") -> None:
        self.scope = Scope(params, default)
        self.each = bool(params.get("each-section", False))
        self.if_missing = params.get("if-no-section", "pass")

    def groups(self, doc: Document) -> list[Group]:
        scope = self.scope
        if scope.name != "section":
            return [Group(scope.units(doc))]
        secs = matching_sections(doc, scope.sections)
        if not secs:
            return [Group([], None, True)] if self.if_missing == "fail" else []
        if not self.each:
            return [Group(scope.units(doc), secs[0].index)]
        out = []
        for s in secs:
            units = [
                Unit(b.norm, b.text, b.index) for b in doc.section_blocks(s) if b.kind != "toc"
            ]
            out.append(Group(units, s.index))
        return out


def section_values(doc: Document, section: int | None) -> dict[str, Any]:
    """The ``section`` message value for a hit reported on a section."""
    if section is None:
        return {}
    return {"section": doc.sections[section].title}


# --------------------------------------------------------------------------- named groups


#: Schema of a mapping of names to pattern lists (or a list of {name, patterns}).
def named_patterns(description: str) -> dict[str, Any]:
    plist = {
        "anyOf": [
            {"type": "array", "items": {"type": "string", "format": "regex"}, "minItems": 1},
            {"type": "string", "format": "regex"},
        ]
    }
    return {
        "anyOf": [
            {"type": "object", "additionalProperties": plist, "minProperties": 1},
            {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "patterns": plist},
                    "required": ["name", "patterns"],
                    "additionalProperties": False,
                },
            },
        ],
        "description": description,
    }


def parse_named(value: Any) -> list[tuple[str, list[str]]]:
    """``{name: patterns}`` or ``[{name, patterns}]`` as ``[(name, patterns)]``, in order."""
    if not value:
        return []
    if isinstance(value, dict):
        return [(str(k), as_list(v)) for k, v in value.items()]
    return [(str(item["name"]), as_list(item["patterns"])) for item in value]


def check_named(value: Any) -> str | None:
    """Validation for a named-pattern parameter: shape and every pattern."""
    try:
        pairs = parse_named(value)
    except (KeyError, TypeError, AttributeError):
        return "expected a mapping of names to pattern lists"
    for _, patterns in pairs:
        if not patterns:
            return "every named group needs at least one pattern"
        err = check_patterns(patterns)
        if err:
            return err
    return None


def sentence(text: str | None) -> str | None:
    """A note as the engine appends it to a message: capitalised, ending with a full stop."""
    if not text:
        return None
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
