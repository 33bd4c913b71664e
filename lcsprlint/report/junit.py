"""JUnit XML: one test suite per file, one test case per rule that applies to it.

CI systems (GitLab, Jenkins, Azure) show JUnit results without plugins. A
rule that did not fire is a passing case, so a file's suite shows what was
checked; a rule with warnings or errors is one failing case listing every hit
(GitLab drops duplicate case names, so hits are never split into cases).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from lcsprlint.report import ReportOptions
from lcsprlint.report.sarif import report_path, split_rule_error
from lcsprlint.results import FileResult, Finding
from lcsprlint.rule import SEVERITY_RANK, Rule

#: Characters XML 1.0 forbids (Word text can hold vertical tabs and the like).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def _hit(f: Finding, options: ReportOptions) -> str:
    line = f"{f.severity} {f.location.describe()}: {f.message}"
    if f.snippet and f.snippet.strip() and not options.no_snippets:
        line += f"\n    “{' '.join(f.snippet.split())}”"
    return line


def _case(suite: ET.Element, name: str, path: str) -> ET.Element:
    return ET.SubElement(
        suite, "testcase", {"name": _clean(name), "classname": _clean(path), "time": "0"}
    )


def _suite(r: FileResult, rules: Mapping[str, Rule], options: ReportOptions) -> ET.Element:
    path = report_path(r.path, options.root)
    suite = ET.Element("testsuite", {"name": _clean(path)})
    if r.profile:  # the document type the file was checked as
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "profile", "value": r.profile})
    tests = failures = errors = 0

    if r.error:
        case = _case(suite, "read", path)
        ET.SubElement(case, "error", {"message": _clean(r.error), "type": "unreadable"})
        tests, errors = 1, 1
    else:
        by_rule: dict[str, list[Finding]] = {}
        for f in r.findings:
            by_rule.setdefault(f.rule, []).append(f)
        failed: dict[str, list[str]] = {}
        unmatched: list[str] = []
        for message in r.rule_errors:
            rule_id, cause = split_rule_error(message)
            if rule_id is not None and rule_id in rules:
                failed.setdefault(rule_id, []).append(cause)
            else:
                unmatched.append(message)

        ids = [k for k in sorted(rules) if rules[k].applies_to(r.profile)]
        ids += [k for k in sorted(set(by_rule) | set(failed)) if k not in ids]
        for rule_id in ids:
            rule = rules.get(rule_id)
            hits = by_rule.get(rule_id, [])
            name = rule.name if rule is not None else (hits[0].name if hits else "")
            case = _case(suite, f"{rule_id} {name}".strip(), path)
            tests += 1
            if rule_id in failed:
                causes = failed[rule_id]
                ET.SubElement(
                    case, "error", {"message": _clean(causes[0]), "type": "rule-error"}
                ).text = _clean("\n".join(causes))
                errors += 1
                continue
            if not hits:
                continue
            worst = max(hits, key=lambda f: SEVERITY_RANK.get(f.severity, 0)).severity
            body = _clean("\n".join(_hit(f, options) for f in hits))
            if worst == "info":
                ET.SubElement(case, "system-out").text = body
                continue
            count = f"{len(hits)} finding{'' if len(hits) == 1 else 's'}"
            ET.SubElement(
                case, "failure", {"message": _clean(f"{count}: {hits[0].message}"), "type": worst}
            ).text = body
            failures += 1
        if unmatched:
            case = _case(suite, "rules", path)
            ET.SubElement(
                case, "error", {"message": _clean(unmatched[0]), "type": "rule-error"}
            ).text = _clean("\n".join(unmatched))
            tests += 1
            errors += 1

    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", "0")
    return suite


def render(results: Sequence[FileResult], rules: Mapping[str, Rule], options: ReportOptions) -> str:
    """The JUnit XML document as text, with an XML declaration."""
    root = ET.Element("testsuites", {"name": "lcsprlint"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for r in results:
        suite = _suite(r, rules, options)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
