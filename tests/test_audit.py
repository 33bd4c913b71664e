"""`lcsprlint audit`: one row per document, a status per category, totals, four formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from lcsprlint.audit import build_audit
from lcsprlint.cli import cli
from lcsprlint.results import FileResult, Finding, Location
from lcsprlint.rule import Rule

CORPUS = Path(__file__).parent / "corpus" / "lcspr"
DRAFTS = ["a-01-child-t", "a-03-child-k", "a-09-child-s"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audit")
    for name in DRAFTS:
        shutil.copy(CORPUS / f"{name}.md", root / f"{name}.md")
    pdf = pytest.importorskip("support.audit_pdf")
    pytest.importorskip("pypdfium2")
    pdf.write_pdf(root / "a-03-child-k.pdf", pdf.markdown_blocks(CORPUS / "a-03-child-k.md"))
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n")
    return root


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["audit", *args])
    return result.exit_code, result.output


def test_json_rows_totals_and_unreadable(folder: Path) -> None:
    code, out = _run(str(folder), "--format", "json", "--jobs", "1")
    assert code == 0
    data = json.loads(out)
    assert data["audit"] == 1
    paths = [Path(d["path"]).name for d in data["documents"]]
    assert paths == ["a-01-child-t.md", "a-03-child-k.md", "a-03-child-k.pdf", "a-09-child-s.md"]
    assert [Path(u["path"]).name for u in data["unreadable"]] == ["broken.pdf"]
    assert "truncated PDF" in data["unreadable"][0]["error"]
    pdf = data["documents"][2]
    assert pdf["format"] == "pdf" and pdf["pages"] >= 2 and pdf["profile"] == "lcspr"
    assert data["documents"][1]["pages"] is None
    assert pdf["categories"] == data["documents"][1]["categories"]  # same draft, same verdict
    assert "key-questions" in data["categories"]
    for total in data["totals"]:
        statuses = [d["categories"][total["category"]] for d in data["documents"]]
        assert total["applicable"] == sum(1 for s in statuses if s is not None) == 4
        assert total["met_or_advisory"] == sum(1 for s in statuses if s in ("met", "advisory"))
        assert total["not_met"] == statuses.count("not-met")


def test_csv_parses_back(folder: Path) -> None:
    code, out = _run(str(folder), "--format", "csv", "--jobs", "1")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert rows[-1]["error"] and rows[-1]["path"].endswith("broken.pdf")
    assert {r["key-questions"] for r in rows[:-1]} <= {"met", "not-met", "advisory", "unchecked"}
    assert rows[2]["pages"] and not rows[0]["pages"]


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.table: str | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.svg_rects = 0
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.table = a.get("id")
            self.tables[self.table or ""] = []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "rect":
            self.svg_rects += 1
        if tag in ("link", "img") or (tag == "script" and "src" in a):
            self.external.append(tag)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.table is not None and self.row is not None:
            self.tables[self.table].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def test_html_is_self_contained_with_table_chart_and_totals(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.html"
    code, _ = _run(str(folder), "--format", "html", "--output", str(target), "--jobs", "1")
    assert code == 0
    parser = _Cells()
    parser.feed(target.read_text(encoding="utf-8"))
    rows = parser.tables["audit"]
    assert rows[0][:5] == ["Document", "Title", "Type", "Words", "Pages"]
    assert len(rows) == 5  # header + 4 documents
    assert parser.tables["totals"][1][0] == "labelling"
    assert parser.svg_rects == 2 * (len(parser.tables["totals"]) - 1)
    assert parser.external == []


def test_table_format_and_jobs_give_the_same_output(folder: Path) -> None:
    code1, one = _run(str(folder), "--jobs", "1")
    code2, two = _run(str(folder), "--jobs", "2")
    assert code1 == code2 == 0
    assert one == two
    assert "key-questions: met in" in one
    assert "broken.pdf" in one
    _, j1 = _run(str(folder), "--format", "json", "--jobs", "1")
    _, j2 = _run(str(folder), "--format", "json", "--jobs", "2")
    assert j1 == j2


def test_usage_errors_exit_2(folder: Path) -> None:
    assert _run()[0] == 2
    assert _run(str(folder), "--format", "xml")[0] == 2


def test_statuses_and_totals_from_results() -> None:
    def rule(i: str, cat: str, sev: str) -> Rule:
        return Rule(
            id=i,
            name=i.lower(),
            category=cat,
            severity=sev,
            message="m",
            rationale="r",
            source="s",
            fix="f",
            check="pattern",
        )

    rules = {r.id: r for r in (rule("X1", "alpha", "warning"), rule("X2", "beta", "info"))}

    def found(r: Rule) -> Finding:
        return Finding(r.id, r.name, r.category, r.severity, "m", Location())

    results = [
        (FileResult("a.md", profile=None, findings=[found(rules["X1"])]), None),
        (FileResult("b.md", profile=None, findings=[found(rules["X2"])]), None),
        (FileResult("c.md", profile=None, error="empty file"), None),
    ]

    class Facts:
        title, words, pages = "T", 10, None

    audit = build_audit([(r, Facts()) for r, _ in results], rules)
    assert [r.statuses for r in audit.rows] == [
        {"alpha": "not-met", "beta": "met"},
        {"alpha": "met", "beta": "advisory"},
    ]
    assert [t.describe() for t in audit.totals] == ["alpha: met in 1 of 2", "beta: met in 2 of 2"]
    assert [r.path for r in audit.unreadable] == ["c.md"]
