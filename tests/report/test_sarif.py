"""SARIF: valid against the official schema and our own, and fit for GitHub code scanning."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from lcsprlint.report import ReportOptions, get_reporter
from lcsprlint.report.sarif import render, report_path, start_line, subset_schema
from lcsprlint.results import FileResult, Location

from .conftest import DOCX, ROOT, SECRET, SNIPPET, repo_root

OFFICIAL = repo_root() / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def _sarif(results, rules, options) -> dict:
    return json.loads(render(results, rules, options))


def _run(log: dict) -> dict:
    assert len(log["runs"]) == 1
    return log["runs"][0]


def _official_errors(log: dict) -> list[str]:
    if not OFFICIAL.is_file():
        pytest.skip(f"official SARIF schema not found at {OFFICIAL}")
    schema = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(log)]


def _subset_errors(log: dict) -> list[str]:
    schema = subset_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(log)]


def _github_subset(log: dict) -> None:
    """GitHub's requirements checked in code, independent of any schema file."""
    assert log["version"] == "2.1.0"
    run = _run(log)
    driver = run["tool"]["driver"]
    assert driver["name"] == "lcsprlint"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for r in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            assert r[key]["text"].strip(), (r["id"], key)
        assert r["defaultConfiguration"]["level"] in ("note", "warning", "error")
    seen = Counter()
    for res in run["results"]:
        assert res["ruleId"] and res["ruleId"] == ids[res["ruleIndex"]]
        assert res["level"] in ("note", "warning", "error")
        assert res["message"]["text"].strip()
        assert 1 <= len(res["locations"]) <= 10
        phys = res["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"]["uri"]
        assert isinstance(phys["region"]["startLine"], int)
        assert phys["region"]["startLine"] >= 1
        key = (
            phys["artifactLocation"]["uri"],
            res["partialFingerprints"]["primaryLocationLineHash"],
        )
        seen[key] += 1
    assert all(n == 1 for n in seen.values()), "fingerprints repeat within a file"


@pytest.mark.parametrize("no_snippets", [False, True])
def test_valid_against_official_schema(results, rules, no_snippets):
    log = _sarif(results, rules, ReportOptions(root=ROOT, version="1.2", no_snippets=no_snippets))
    assert _official_errors(log) == []


def test_empty_run_valid_against_official_schema(rules):
    assert _official_errors(_sarif([], rules, ReportOptions())) == []


@pytest.mark.parametrize("no_snippets", [False, True])
def test_valid_against_own_subset_schema(results, rules, no_snippets):
    log = _sarif(results, rules, ReportOptions(root=ROOT, no_snippets=no_snippets))
    assert _subset_errors(log) == []
    _github_subset(log)


def test_own_subset_schema_catches_what_github_rejects(results, rules, options):
    log = _sarif(results, rules, options)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    del log["runs"][0]["tool"]["driver"]["rules"][0]["fullDescription"]
    log["runs"][0]["results"][1]["ruleId"] = ""
    log["version"] = "2.1"
    errors = " | ".join(_subset_errors(log))
    assert "less than the minimum of 1" in errors
    assert "'fullDescription' is a required property" in errors
    assert "should be non-empty" in errors or "too short" in errors
    assert "'2.1.0' was expected" in errors


def test_subset_schema_is_ours_not_the_official_copy():
    schema = subset_schema()
    assert "oasis" not in json.dumps(schema).lower()
    assert not any(repo_root().rglob("sarif-schema-2.1.0.json"))


def test_driver_lists_every_rule_that_ran_sorted(results, rules, options):
    driver = _run(_sarif(results, rules, options))["tool"]["driver"]
    assert driver["version"] == "0.1.0"
    assert "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    # every rule passed in, sorted, even those that never fired; then stand-ins
    assert ids[: len(rules)] == sorted(rules)
    assert ids[len(rules) :] == ["LCSPR000"]
    jargon = driver["rules"][ids.index("LCSPR101")]
    assert jargon["name"] == "avoid-jargon"
    assert jargon["shortDescription"]["text"] == "avoid-jargon message"
    assert jargon["fullDescription"]["text"] == "Why avoid-jargon matters."
    assert "Fix avoid-jargon." in jargon["help"]["text"]
    assert "Child Safeguarding Practice Review Panel, 2022" in jargon["help"]["text"]
    assert "**What to do:**" in jargon["help"]["markdown"]
    assert jargon["properties"]["category"] == "language"
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert (levels["LCSPR301"], levels["LCSPR101"], levels["LCSPR201"]) == (
        "note",
        "warning",
        "error",
    )


def test_results_locations_and_messages(results, rules, options):
    run = _run(_sarif(results, rules, options))
    res = run["results"]
    assert [r["ruleId"] for r in res] == [
        "LCSPR301", "LCSPR101", "LCSPR101", "LCSPR201",  # docx
        "LCSPR301", "LCSPR000",  # markdown
        "LCSPR101",  # text
    ]  # fmt: skip
    docx = res[1]
    phys = docx["locations"][0]["physicalLocation"]
    # relative to root, forward slashes, percent-encoded (a bare ":" would read as a scheme)
    assert phys["artifactLocation"] == {
        "uri": "drafts/Report%2C%20final%3A%20v2.docx",
        "uriBaseId": "%SRCROOT%",
    }
    assert phys["region"]["startLine"] == 12  # paragraph ordinal for .docx
    assert phys["region"]["snippet"]["text"] == SNIPPET
    assert docx["message"]["text"] == "avoid-jargon message (section '2 Methods', paragraph 12)"
    assert docx["locations"][0]["logicalLocations"] == [
        {
            "name": "2 Methods",
            "fullyQualifiedName": "Report > 2 Methods > paragraph 12",
            "kind": "element",
        }
    ]
    assert docx["properties"] == {
        "category": "language",
        "story": "body",
        "paragraph": 12,
        "profile": "lcspr",
    }
    whole = res[3]
    assert whole["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert whole["locations"][0]["logicalLocations"][0]["name"] == "document"
    assert whole["message"]["text"].endswith("(whole document)")
    footnote = res[0]
    assert footnote["properties"]["story"] == "footnote 1"
    markdown = res[4]
    assert markdown["locations"][0]["physicalLocation"]["region"]["startLine"] == 4  # line
    assert markdown["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "notes/summary.md"
    )


def test_fingerprints_disambiguate_identical_findings(results, rules, options):
    res = _run(_sarif(results, rules, options))["results"]
    first, second = res[1], res[2]
    fp = results[0].findings[1].fingerprint()
    assert results[0].findings[2].fingerprint() == fp  # identical apart from paragraph
    assert first["partialFingerprints"] == {"primaryLocationLineHash": f"{fp}:1"}
    assert second["partialFingerprints"] == {"primaryLocationLineHash": f"{fp}:2"}


def test_fingerprints_stable_when_a_paragraph_is_inserted(results, rules, options):
    before = _run(_sarif(results, rules, options))["results"]
    moved = [
        replace(f, location=replace(f.location, paragraph=(f.location.paragraph or 0) + 1))
        for f in results[0].findings
    ]
    results[0].findings = moved
    after = _run(_sarif(results, rules, options))["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]


def test_unreadable_file_and_rule_errors_are_notifications(results, rules, options):
    run = _run(_sarif(results, rules, options))
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["message"]["text"] == (
        "broken.docx: could not be read: not a Word document (damaged zip file)"
    )
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.docx"
    assert "rule failed: LCSPR501" in notes[1]["message"]["text"]
    driver_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert notes[1]["associatedRule"]["id"] == "LCSPR501"
    assert driver_ids[notes[1]["associatedRule"]["index"]] == "LCSPR501"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "broken.docx" not in uris


def test_clean_run_is_successful(rules):
    run = _run(_sarif([FileResult(path="a.md", format="markdown")], rules, ReportOptions()))
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["results"] == []


def test_no_snippets_keeps_text_out(results, rules, quiet_options):
    text = render(results, rules, quiet_options)
    assert SECRET not in text
    assert "snippet" not in text
    assert SECRET in render(results, rules, ReportOptions(root=ROOT))


def test_registered_as_format(results, rules, options):
    assert get_reporter("sarif")(results, rules, options) == render(results, rules, options)


def test_report_path():
    assert report_path(f"{ROOT}/{DOCX}", ROOT) == DOCX
    assert report_path("./notes//a.md", ROOT) == "notes/a.md"
    assert report_path("/elsewhere/a.md", ROOT) == "/elsewhere/a.md"
    assert report_path("/srv/reviewsX/a.md", ROOT) == "/srv/reviewsX/a.md"


def test_path_outside_root_is_a_file_uri(rules):
    res = FileResult(
        path="/elsewhere/a b.md",
        format="markdown",
        findings=[],
        error=None,
    )
    from .conftest import RULES, finding

    res.findings.append(finding(RULES["LCSPR101"], line=3))
    log = _sarif([res], rules, ReportOptions(root=ROOT))
    art = _run(log)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": Path("/elsewhere/a b.md").as_uri()}
    assert _subset_errors(log) == []


@pytest.mark.parametrize(
    ("where", "line"),
    [
        ({"line": 7, "paragraph": 3}, 7),
        ({"paragraph": 3}, 3),
        ({}, 1),
        ({"line": 0, "paragraph": 0}, 1),
    ],
)
def test_start_line_always_at_least_one(where, line):
    assert start_line(Location(**where)) == line
