"""Findings in a PDF say the page, in every output format.

A PDF has no source lines: its blocks carry a page (``Block.page``) and the
finding's location says "page 4". Every format that prints locations shows
it; the JSON contract gains a ``page`` key (null for other formats); SARIF
regions cannot hold a page, so it goes in the message, the result's
properties and the logical location, and the log stays valid.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from lcsprlint.cli import cli
from lcsprlint.report import ReportOptions, github, gitlab, html, json_report, junit, sarif, text
from lcsprlint.results import FileResult, Finding, Location
from lcsprlint.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
RULE = Rule(
    id="LCSPR999",
    name="named-school",
    category="anonymisation",
    severity="warning",
    check="pattern",
    message="The report names a school.",
    rationale="Names identify the child.",
    source="Working Together 2023",
    fix="Say 'the school'.",
)


def _results() -> list[FileResult]:
    where = Location(section="Findings", section_path=("Findings",), paragraph=41, block=40, page=7)
    found = Finding("LCSPR999", RULE.name, RULE.category, RULE.severity, RULE.message, where)
    whole = Finding(
        "LCSPR999", RULE.name, RULE.category, RULE.severity, "Whole document.", Location()
    )
    return [FileResult("review.pdf", format="pdf", profile="lcspr", findings=[found, whole])]


OPTIONS = ReportOptions(root=".", version="0.1.0")


def test_the_location_says_the_page_not_a_line() -> None:
    where = _results()[0].findings[0].location
    assert where.describe() == "section 'Findings', page 7"
    assert Location(line=3, paragraph=2).describe() == "line 3"  # other formats unchanged


def test_text_github_junit_gitlab_and_html_print_the_page() -> None:
    results, rules = _results(), {RULE.id: RULE}
    assert "section 'Findings', page 7" in text.render(results, rules, OPTIONS)
    gh = github.render(results, rules, OPTIONS).splitlines()[0]
    assert "page 7" in gh and ",line=" not in gh  # a PDF has no lines to annotate
    case = ET.fromstring(junit.render(results, rules, OPTIONS).split("\n", 1)[1])
    assert "page 7" in "".join(case.itertext())
    issue = gitlab.build(results, rules, OPTIONS)[0]
    assert "page 7" in issue["description"]
    assert "Page 7" in html.render(results, rules, OPTIONS)


def test_json_adds_a_page_key() -> None:
    data = json.loads(json_report.render(_results(), {RULE.id: RULE}, OPTIONS))
    loc = data["files"][0]["findings"][0]["location"]
    assert loc == {
        "section": "Findings",
        "paragraph": 41,
        "line": None,
        "page": 7,
        "story": "body",
    }
    assert data["files"][0]["findings"][1]["location"]["page"] is None


def test_sarif_keeps_the_page_in_message_properties_and_logical_location() -> None:
    log = sarif.build(_results(), {RULE.id: RULE}, OPTIONS)
    result = log["runs"][0]["results"][0]
    assert result["properties"]["page"] == 7
    assert result["message"]["text"].endswith("(section 'Findings', page 7)")
    assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "Findings > page 7"
    )
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    subset = sarif.subset_schema()
    assert not list(jsonschema.Draft7Validator(subset).iter_errors(log))
    if OFFICIAL.is_file():
        schema = json.loads(OFFICIAL.read_text(encoding="utf-8"))
        assert not list(jsonschema.Draft4Validator(schema).iter_errors(log))


def test_annotate_refuses_a_pdf_with_a_pointer_to_the_draft(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    audit_pdf = pytest.importorskip("support.audit_pdf")
    pdf = audit_pdf.render_draft(ROOT / "examples" / "weak-lcspr.md", tmp_path / "weak.pdf")
    result = CliRunner().invoke(cli, ["annotate", str(pdf), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2
    assert "cannot annotate a PDF" in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_a_checked_pdf_reports_pages_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    audit_pdf = pytest.importorskip("support.audit_pdf")
    pdf = audit_pdf.render_draft(ROOT / "examples" / "weak-lcspr.md", tmp_path / "weak.pdf")
    result = CliRunner().invoke(cli, ["check", str(pdf), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["files"][0]["findings"]
    placed = [f["location"] for f in findings if f["location"]["paragraph"] is not None]
    assert placed, "the weak example has findings on its blocks"
    assert all(loc["line"] is None and loc["page"] >= 1 for loc in placed)
    assert max(loc["page"] for loc in placed) > 1  # not everything on page 1
    shown = CliRunner().invoke(cli, ["check", str(pdf)]).output
    assert "page " in shown and " line " not in shown


def test_the_outline_of_a_pdf_places_headings_by_page(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    audit_pdf = pytest.importorskip("support.audit_pdf")
    pdf = audit_pdf.render_draft(ROOT / "examples" / "weak-lcspr.md", tmp_path / "weak.pdf")
    shown = CliRunner().invoke(cli, ["outline", str(pdf)]).output
    assert "level   page   words" in shown
    data = json.loads(CliRunner().invoke(cli, ["outline", str(pdf), "--format", "json"]).output)
    pages = [s["page"] for s in data["sections"]]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] > 1
