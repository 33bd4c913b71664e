"""FileResults and Rules built in code for the reporter tests.

The results cover what the CI formats must get right: a .docx path with a
space, comma and colon; two identical findings in one file (same
fingerprint); a message with ``%``, a newline, ``:`` and ``,``; a finding
whose rule is not in the mapping; Markdown lines; an unreadable file; a rule
that failed; and snippets that must vanish under ``--no-snippets``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lcsprlint.report import ReportOptions
from lcsprlint.results import FileResult, Finding, Location
from lcsprlint.rule import Rule

#: Words that appear only in snippets, never in messages or paths.
SECRET = "Jaydenvale"
SNIPPET = f"We will utilise resources at {SECRET} Close"
DOCX = "drafts/Report, final: v2.docx"
ROOT = "/srv/reviews"
TRICKY_MESSAGE = "100% of cases: first line,\nsecond line"


def rule(
    id: str,
    name: str,
    severity: str,
    category: str = "language",
    profiles: tuple[str, ...] = (),
    **extra: str,
) -> Rule:
    fields = {
        "message": f"{name} message",
        "rationale": f"Why {name} matters.",
        "source": "Child Safeguarding Practice Review Panel, 2022",
        "fix": f"Fix {name}.",
    }
    fields.update(extra)
    return Rule(
        id=id,
        name=name,
        category=category,
        severity=severity,
        check="pattern",
        profiles=profiles,
        **fields,
    )


def finding(
    r: Rule,
    message: str | None = None,
    snippet: str | None = None,
    **where: object,
) -> Finding:
    return Finding(
        rule=r.id,
        name=r.name,
        category=r.category,
        severity=r.severity,
        message=message or r.message,
        location=Location(**where),  # type: ignore[arg-type]
        snippet=snippet,
    )


RULES = {
    r.id: r
    for r in (
        rule("LCSPR301", "long-sentence", "info", category="readability"),
        rule("LCSPR101", "avoid-jargon", "warning"),
        rule("LCSPR201", "child-voice", "error", category="structure"),
        rule("LCSPR401", "rapid-only", "warning", profiles=("rapid-review",)),
        rule("LCSPR501", "slow-pattern", "warning"),
        rule("LCSPR601", "never-fires", "error"),
    )
}
META = rule("LCSPR000", "unused-suppression", "warning", category="meta")


def make_results() -> list[FileResult]:
    jargon, voice, long = RULES["LCSPR101"], RULES["LCSPR201"], RULES["LCSPR301"]
    methods = {"section": "2 Methods", "section_path": ("Report", "2 Methods")}
    docx = FileResult(
        path=f"{ROOT}/{DOCX}",
        format="docx",
        profile="lcspr",
        findings=[
            finding(long, snippet=SNIPPET, paragraph=3, story="footnote 1"),
            finding(jargon, snippet=SNIPPET, paragraph=12, **methods),
            finding(jargon, snippet=SNIPPET, paragraph=15, **methods),
            finding(voice, message=TRICKY_MESSAGE),
        ],
    )
    md = FileResult(
        path="notes/summary.md",
        format="markdown",
        profile="lcspr",
        findings=[
            finding(
                long,
                snippet=SNIPPET,
                line=4,
                paragraph=2,
                section="Summary",
                section_path=("Summary",),
            ),
            finding(META, message="unused suppression for LCSPR101", line=9, paragraph=5),
        ],
    )
    broken = FileResult(
        path="broken.docx", profile="lcspr", error="not a Word document (damaged zip file)"
    )
    text = FileResult(
        path=f"{ROOT}/plain.txt",
        format="text",
        profile="lcspr",
        findings=[finding(jargon, snippet=f"odd\x0bchar {SECRET}", line=2, paragraph=1)],
        rule_errors=["LCSPR501: pattern ran past its time limit; rule disabled for the rest"],
    )
    clean = FileResult(path="clean.md", format="markdown", profile="rapid-review")
    return [docx, md, broken, text, clean]


@pytest.fixture
def results() -> list[FileResult]:
    return make_results()


@pytest.fixture
def rules() -> dict[str, Rule]:
    return dict(RULES)


@pytest.fixture
def options() -> ReportOptions:
    return ReportOptions(root=ROOT, version="0.1.0")


@pytest.fixture
def quiet_options() -> ReportOptions:
    return ReportOptions(root=ROOT, version="0.1.0", no_snippets=True)


def repo_root() -> Path:
    """The repository root (tests/report/conftest.py -> parents[2])."""
    return Path(__file__).resolve().parents[2]
