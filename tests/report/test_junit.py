"""JUnit XML: parsed back with ElementTree; counts, cases per applicable rule, failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lcsprlint.report import ReportOptions, get_reporter
from lcsprlint.report.junit import render
from lcsprlint.results import FileResult

from .conftest import DOCX, ROOT, SECRET, SNIPPET


def _suites(results, rules, options) -> tuple[ET.Element, dict[str, ET.Element]]:
    text = render(results, rules, options)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    return root, {s.get("name"): s for s in root.findall("testsuite")}


def _cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {c.get("name"): c for c in suite.findall("testcase")}


def test_counts_match_content(results, rules, options):
    root, suites = _suites(results, rules, options)
    assert list(suites) == [DOCX, "notes/summary.md", "broken.docx", "plain.txt", "clean.md"]
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
        for key in totals:
            totals[key] += int(suite.get(key))
        assert all(c.get("classname") == suite.get("name") for c in cases)
    assert {k: int(root.get(k)) for k in totals} == totals


def test_one_case_per_applicable_rule(results, rules, options):
    _, suites = _suites(results, rules, options)
    docx = _cases(suites[DOCX])
    # lcspr profile: the rapid-review-only rule is not listed; rules are sorted
    assert list(docx) == [
        "LCSPR101 avoid-jargon",
        "LCSPR201 child-voice",
        "LCSPR301 long-sentence",
        "LCSPR501 slow-pattern",
        "LCSPR601 never-fires",
    ]
    clean = _cases(suites["clean.md"])
    assert "LCSPR401 rapid-only" in clean
    assert all(len(c) == 0 for c in clean.values())  # all passing
    md = _cases(suites["notes/summary.md"])
    assert "LCSPR000 unused-suppression" in md  # finding of a rule not in the mapping


def test_failure_lists_every_hit(results, rules, options):
    _, suites = _suites(results, rules, options)
    docx = _cases(suites[DOCX])
    failure = docx["LCSPR101 avoid-jargon"].find("failure")
    assert failure.get("type") == "warning"
    assert failure.get("message").startswith("2 findings: ")
    assert "paragraph 12" in failure.text and "paragraph 15" in failure.text
    assert failure.text.count(SNIPPET) == 2
    error = docx["LCSPR201 child-voice"].find("failure")
    assert error.get("type") == "error"
    assert "100% of cases" in error.get("message")
    assert len(docx["LCSPR601 never-fires"]) == 0


def test_info_only_passes_with_system_out(results, rules, options):
    _, suites = _suites(results, rules, options)
    case = _cases(suites[DOCX])["LCSPR301 long-sentence"]
    assert case.find("failure") is None and case.find("error") is None
    assert "footnote 1" in case.find("system-out").text


def test_unreadable_file_is_one_error_case(results, rules, options):
    _, suites = _suites(results, rules, options)
    suite = suites["broken.docx"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "1")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "read"
    assert case.find("error").get("message") == "not a Word document (damaged zip file)"


def test_failed_rule_is_an_error_case(results, rules, options):
    _, suites = _suites(results, rules, options)
    case = _cases(suites["plain.txt"])["LCSPR501 slow-pattern"]
    assert case.find("error").get("type") == "rule-error"
    assert "time limit" in case.find("error").get("message")


def test_unmatched_rule_error_gets_its_own_case(rules):
    r = FileResult(path="a.md", format="markdown", rule_errors=["something odd happened"])
    _, suites = _suites([r], rules, ReportOptions())
    case = _cases(suites["a.md"])["rules"]
    assert case.find("error").get("message") == "something odd happened"


def test_control_characters_do_not_break_xml(results, rules, options):
    # the text file's snippet holds a vertical tab, which XML 1.0 forbids
    _, suites = _suites(results, rules, options)
    text = _cases(suites["plain.txt"])["LCSPR101 avoid-jargon"].find("failure").text
    assert "\x0b" not in text and SECRET in text


def test_no_snippets(results, rules, quiet_options):
    text = render(results, rules, quiet_options)
    assert SECRET not in text
    ET.fromstring(text.encode("utf-8"))


def test_empty_run(rules):
    root, suites = _suites([], rules, ReportOptions(root=ROOT))
    assert suites == {} and root.get("tests") == "0"


def test_registered_as_format(results, rules, options):
    assert get_reporter("junit")(results, rules, options) == render(results, rules, options)
