"""Findings and per-file results: what the engine returns and reporters read.

Reporters read only these types and rule metadata; they never see the document
model or the file formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lcsprlint.rule import SEVERITY_RANK


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding stands, in terms an author recognises.

    ``paragraph`` is the reader's 1-based paragraph ordinal (.docx) and ``line``
    the source line (Markdown, text); ``page`` the 1-based page, for formats
    that have pages (PDF, where ``line`` is None). ``section`` is the heading
    text of the innermost section, ``section_path`` the headings from the top
    down. ``story`` is ``body`` unless the text is in a header, footer,
    footnote, comment or the metadata.
    """

    section: str | None = None
    section_path: tuple[str, ...] = ()
    paragraph: int | None = None
    line: int | None = None
    block: int | None = None
    story: str = "body"
    page: int | None = None

    def describe(self) -> str:
        """Plain-English place: "section 'Key questions', paragraph 12" (or "page 4")."""
        parts = []
        if self.story not in ("body", "title"):
            parts.append(self.story)
        if self.section:
            parts.append(f"section '{self.section}'")
        if self.page is not None:
            parts.append(f"page {self.page}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        elif self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        return ", ".join(parts) if parts else "whole document"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the author should look at."""

    rule: str
    name: str
    category: str
    severity: str
    message: str
    location: Location
    snippet: str | None = None
    #: The fingerprint worked out before document text was withheld (--no-snippets),
    #: so baselines match whether or not snippets are shown.
    key: str | None = None

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def fingerprint(self) -> str:
        """Stable identity across edits elsewhere: rule, section and normalised text.

        Paragraph numbers are left out on purpose, so inserting a paragraph
        above does not make an old finding look new (baselines, SARIF).
        """
        if self.key is not None:
            return self.key
        import hashlib  # here: the text report never needs it (3 ms a run)

        text = re.sub(r"\W+", " ", (self.snippet or self.message).lower()).strip()
        key = "\x1f".join((self.rule, self.location.section or "", self.location.story, text))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass
class FileResult:
    """The outcome for one input file.

    ``error`` is the one-line cause when the file could not be read (then there
    are no findings); ``rule_errors`` lists rules that failed on this file
    (e.g. a pattern that ran past its time limit) while the others ran.
    """

    path: str
    format: str | None = None
    profile: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    rule_errors: list[str] = field(default_factory=list)
    suppressed: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
