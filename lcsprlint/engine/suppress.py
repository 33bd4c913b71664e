"""Inline suppressions, and reporting the ones that suppress nothing.

Markdown and text authors write HTML-comment directives (the readers put
their text in ``Document.directives``, each with the next block's index)::

    <!-- lcsprlint-disable LCSPR101, chronology -->   ... until the matching enable
    <!-- lcsprlint-enable LCSPR101 -->                 (bare enable: end every disable)
    <!-- lcsprlint-disable-next LCSPR140 -->          the next block only
    <!-- lcsprlint-disable -->                          bare: every rule

A reason may follow `` -- ``. Word authors cannot write code comments, so in a
.docx a Word comment whose text starts ``lcsprlint: ignore RULE[, RULE]``
(any text after the rules is taken as the reason; no rule named means every
rule) suppresses those rules on the paragraphs it is anchored on.

Rules are named by any selector (id, name, category, id prefix). A finding
about the whole document is suppressed by a directive at the top of the file
(before the first block) or by a Word comment anchored on the title or the
first paragraph. A finding about a section counts as standing on its heading.

Suppressions that suppress nothing are reported as ``LINT001``
(``unused-suppression``, info), as ruff does, so stale ones get cleaned up;
only those naming rules that actually ran on the file are reported, because
a rule switched off by configuration cannot be expected to fire.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from lcsprlint.engine.locate import block_location
from lcsprlint.engine.selection import matches
from lcsprlint.model import Document
from lcsprlint.results import Finding, Location
from lcsprlint.rule import Rule
from lcsprlint.textutil import LazyPattern

#: The pseudo-rule under which unused suppressions are reported.
UNUSED_SUPPRESSION = Rule(
    id="LINT001",
    name="unused-suppression",
    category="suppression",
    severity="info",
    message="Unused suppression of {target}: nothing it names was found here.",
    rationale=(
        "A suppression that no longer suppresses anything hides future findings of the same "
        "rule at that place and misleads readers of the draft's history."
    ),
    source="lcsprlint (suppressions, as ruff reports unused noqa comments)",
    fix="Remove the directive or the Word comment, or correct the rule it names.",
    check="engine",
    line=0,
    origin="lcsprlint",
)

_DIRECTIVE = LazyPattern(
    r"^lcsprlint-(?P<verb>disable-next|disable|enable)(?:\s+(?P<rest>.*))?$", re.IGNORECASE
)
_COMMENT = LazyPattern(r"^\s*lcsprlint\s*:\s*ignore\b(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_ID_LIKE = LazyPattern(r"^[A-Z][A-Z0-9]*[0-9][A-Z0-9]*$|^ALL$")
_STRIP = LazyPattern(r"^\s*(?:<!--|#+|//|%)?\s*|\s*(?:-->)?\s*$")


def is_suppression_comment(text: str) -> bool:
    """Whether a Word comment is an lcsprlint suppression (hygiene rules should skip it)."""
    return bool(_COMMENT.match(text))


@dataclass
class Suppression:
    """One rule selector (None: every rule) suppressed on a set of blocks."""

    selector: str | None
    blocks: range | frozenset[int]
    document: bool
    origin: Location
    text: str
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        if self.selector is not None and not matches(self.selector, finding):
            return False
        block = finding.location.block
        if block is None:
            return self.document
        return block in self.blocks


def _clean(text: str) -> str:
    return _STRIP.sub("", text.strip())


def _selectors(rest: str | None) -> list[str]:
    if not rest:
        return []
    rest = rest.split("--", 1)[0]
    return [t for t in re.split(r"[,\s]+", rest.strip()) if t]


def _comment_selectors(rest: str, known: Collection[str]) -> list[str]:
    """Leading rule selectors of a Word comment; the first other word starts the reason."""
    out = []
    for token in re.split(r"[,\s]+", rest.strip()):
        t = token.strip(".:;()[]\"'")
        if t and (_ID_LIKE.match(t) or t in known):
            out.append(t)
        elif t or token:
            break
    return out


def _directive_location(doc: Document, line: int | None, block: int | None) -> Location:
    if block is not None and 0 <= block < len(doc.blocks):
        return block_location(doc, block, line=line)
    return Location(line=line)


def parse_suppressions(doc: Document, known: Collection[str] = ()) -> list[Suppression]:
    """Every suppression in a document, from directives and Word comments.

    ``known`` holds rule names and categories, so a Word comment's
    lower-case rule names can be told from the words of its reason.
    """
    n = len(doc.blocks)
    out: list[Suppression] = []
    open_: dict[str | None, tuple[int, Location, str, bool]] = {}

    def close(key: str | None, end: int) -> None:
        start, origin, text, top = open_.pop(key)
        out.append(Suppression(key, range(start, max(start, end)), top, origin, text))

    directives = sorted(
        doc.directives, key=lambda d: (d.line or 0, n if d.block is None else d.block)
    )
    for d in directives:
        text = _clean(d.text)
        m = _DIRECTIVE.match(text)
        if not m:
            continue
        verb = m.group("verb").lower()
        sels: list[str | None] = list(_selectors(m.group("rest"))) or [None]
        at = n if d.block is None else d.block
        top = d.block == 0
        origin = _directive_location(doc, d.line, d.block)
        if verb == "disable-next":
            blocks = range(at, at + 1) if at < n else range(0)
            out.extend(Suppression(s, blocks, top, origin, text) for s in sels)
        elif verb == "disable":
            for s in sels:
                if s not in open_:
                    open_[s] = (at, origin, text, top)
        else:
            keys = list(open_) if sels == [None] else [s for s in sels if s in open_]
            for key in keys:
                close(key, at)
    for key in list(open_):
        close(key, n)

    top_blocks = {0} | {b.index for b in doc.blocks[:5] if b.kind == "title"}
    for c in doc.comments:
        m = _COMMENT.match(c.text)
        if not m:
            continue
        sels = list(_comment_selectors(m.group("rest"), known)) or [None]
        anchored = frozenset(c.blocks)
        first = min(anchored) if anchored else None
        loc = _directive_location(doc, None, first)
        origin = Location(
            section=loc.section,
            section_path=loc.section_path,
            paragraph=loc.paragraph,
            line=loc.line,
            block=loc.block,
            story="comment",
        )
        document = bool(anchored & top_blocks)
        out.extend(Suppression(s, anchored, document, origin, c.text.strip()) for s in sels)
    return out


def apply_suppressions(
    findings: Iterable[Finding], suppressions: Sequence[Suppression]
) -> tuple[list[Finding], int]:
    """The findings no suppression covers, and how many were suppressed (marks used ones)."""
    kept = []
    suppressed = 0
    for f in findings:
        hit = False
        for s in suppressions:
            if s.covers(f):
                s.used = True
                hit = True
        if hit:
            suppressed += 1
        else:
            kept.append(f)
    return kept, suppressed


def unused_findings(
    suppressions: Iterable[Suppression], active: Sequence[Rule], rule: Rule
) -> list[Finding]:
    """LINT001 findings for suppressions that suppressed nothing.

    A suppression naming only rules that did not run here (switched off, or
    failed) is not reported: it may matter under another configuration.
    """
    out = []
    for s in suppressions:
        if s.used:
            continue
        if s.selector is not None and not any(matches(s.selector, r) for r in active):
            continue
        target = s.selector or "all rules"
        out.append(
            Finding(
                rule=rule.id,
                name=rule.name,
                category=rule.category,
                severity=rule.severity,
                message=rule.message.replace("{target}", target),
                location=s.origin,
                snippet=s.text[:200] or None,
            )
        )
    return out
