"""GitLab Code Quality: parsed back with json; required keys, severities, unique fingerprints."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from lcsprlint.report import ReportOptions, get_reporter
from lcsprlint.report.gitlab import render
from lcsprlint.results import FileResult

from .conftest import DOCX, ROOT, SECRET

_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _issues(results, rules, options) -> list[dict]:
    text = render(results, rules, options)
    assert not text.startswith("\ufeff")
    data = json.loads(text)
    assert isinstance(data, list)
    return data


def test_required_keys_and_types(results, rules, options):
    issues = _issues(results, rules, options)
    assert len(issues) == 9  # 7 findings, 1 unreadable file, 1 failed rule
    for i in issues:
        assert i["description"] and i["check_name"]
        assert re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"])
        assert i["severity"] in _SEVERITIES
        assert i["location"]["path"]
        assert isinstance(i["location"]["lines"]["begin"], int)
        assert i["location"]["lines"]["begin"] >= 1


def test_fingerprints_unique_even_for_identical_findings(results, rules, options):
    issues = _issues(results, rules, options)
    fps = [i["fingerprint"] for i in issues]
    assert len(fps) == len(set(fps))
    # same finding in two files stays two issues
    twin = replace(results[0], path="other.docx")
    fps = [i["fingerprint"] for i in _issues([results[0], twin], rules, options)]
    assert len(fps) == len(set(fps))


def test_fingerprints_stable_across_runs_and_paragraph_shifts(results, rules, options):
    before = [i["fingerprint"] for i in _issues(results, rules, options)]
    results[0].findings = [
        replace(f, location=replace(f.location, paragraph=(f.location.paragraph or 0) + 5))
        for f in results[0].findings
    ]
    after = [i["fingerprint"] for i in _issues(results, rules, options)]
    assert before == after


def test_severity_mapping_and_locations(results, rules, options):
    issues = _issues(results, rules, options)
    docx = [i for i in issues if i["location"]["path"] == DOCX]
    assert [i["severity"] for i in docx] == ["info", "minor", "minor", "major"]
    assert [i["check_name"] for i in docx] == ["LCSPR301", "LCSPR101", "LCSPR101", "LCSPR201"]
    assert [i["location"]["lines"]["begin"] for i in docx] == [3, 12, 15, 1]
    assert docx[1]["description"] == (
        "LCSPR101 avoid-jargon message (section '2 Methods', paragraph 12; checked as lcspr)"
    )
    md = [i for i in issues if i["location"]["path"] == "notes/summary.md"]
    assert md[0]["location"]["lines"]["begin"] == 4  # Markdown line, not paragraph


def test_unreadable_file_is_a_blocker(results, rules, options):
    issues = _issues(results, rules, options)
    (broken,) = [i for i in issues if i["location"]["path"] == "broken.docx"]
    assert broken["severity"] == "blocker"
    assert broken["check_name"] == "unreadable"
    assert "damaged zip file" in broken["description"]


def test_failed_rule_is_reported(results, rules, options):
    issues = _issues(results, rules, options)
    (failed,) = [i for i in issues if i["check_name"] == "rule-error"]
    assert failed["location"]["path"] == "plain.txt"
    assert "LCSPR501" in failed["description"]


def test_no_document_text(results, rules, options, quiet_options):
    assert SECRET not in render(results, rules, options)
    assert SECRET not in render(results, rules, quiet_options)


def test_clean_and_empty_runs(rules):
    assert _issues([], rules, ReportOptions(root=ROOT)) == []
    assert _issues([FileResult(path="a.md", format="markdown")], rules, ReportOptions()) == []


def test_registered_as_format(results, rules, options):
    assert get_reporter("gitlab")(results, rules, options) == render(results, rules, options)
