"""The HTML report: structure, statuses as words, order, escaping, no external assets.

The page is parsed with the standard library's HTMLParser and checked for
what authors and assistive technology rely on; one test renders it in
headless Chromium (skipped where Chromium is not installed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lcsprlint.report import ReportOptions, get_reporter
from lcsprlint.report.html import PALETTE, category_statuses, render
from lcsprlint.results import FileResult, Finding, Location
from lcsprlint.rule import Rule

SNIPPET_WORD = "Brambleford"
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def _rule(
    rid: str, name: str, category: str, severity: str, profiles: tuple[str, ...] = ()
) -> Rule:
    return Rule(
        id=rid,
        name=name,
        category=category,
        severity=severity,
        message=f"{name} message",
        rationale=f"Why {name} matters to the Panel.",
        source="Child Safeguarding Practice Review Panel, annual report 2022",
        fix=f"Fix {name} like this.",
        check="pattern",
        profiles=profiles,
    )


RULES = {
    r.id: r
    for r in (
        _rule("LCSPR100", "labelled-lcspr", "labelling", "error"),
        _rule("LCSPR110", "key-questions-stated", "key-questions", "error", ("lcspr",)),
        _rule("LCSPR140", "plain-sentences", "readability", "info", ("lcspr",)),
        _rule("LCSPR150", "no-names", "anonymisation", "error", ("lcspr",)),
        _rule("LCSPR160", "recommendations-owned", "recommendations", "warning", ("lcspr",)),
        _rule("LCSPR170", "independent-author", "independence", "warning", ("lcspr",)),
        _rule("RR100", "facts-set-out", "rr-facts", "error", ("rapid-review",)),
    )
}


def _finding(rid: str, message: str, snippet: str | None = None, **where: object) -> Finding:
    r = RULES[rid]
    return Finding(r.id, r.name, r.category, r.severity, message, Location(**where), snippet)


def _results() -> list[FileResult]:
    kq = ("Key questions",)
    findings = [
        _finding("LCSPR100", "The title does not call it an LCSPR."),
        _finding(
            "LCSPR150",
            "A name that may identify the family.",
            f"Mrs Smith lives at {SNIPPET_WORD}",
            section="Key questions",
            section_path=kq,
            paragraph=4,
            block=3,
        ),
        _finding(
            "LCSPR140",
            HOSTILE,
            f"A long sentence near {SNIPPET_WORD}",
            section="Key questions",
            section_path=kq,
            paragraph=5,
            block=4,
        ),
        _finding(
            "LCSPR160",
            "No owner is named for recommendation 2.",
            section="Recommendations",
            section_path=("Findings", "Recommendations"),
            paragraph=30,
            block=22,
        ),
    ]
    return [
        FileResult("drafts/Child T & <final>.docx", "docx", "lcspr", findings=findings),
        FileResult("drafts/broken.docx", "docx", "lcspr", error="damaged zip archive"),
        FileResult(
            "drafts/rr.md",
            "markdown",
            "rapid-review",
            findings=[
                _finding(
                    "RR100",
                    "No summary of the incident.",
                    section=None,
                    line=3,
                    block=0,
                )
            ],
            rule_errors=["LCSPR100: pattern ran past its time limit"],
        ),
    ]


class _Page(HTMLParser):
    """Collects what the tests look at: tags, headings, table cells, text by class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.rows: list[list[tuple[str, dict[str, str | None], str]]] = []
        self.captions: list[str] = []
        self.snippets: list[str] = []
        self.title = ""
        self.doctype = ""
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.starts.append((tag, a))
        if tag == "tr":
            self.rows.append([])
        if tag not in ("meta", "br", "img", "link", "input", "hr"):
            self._open.append((tag, a, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, attrs, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if self._open:
                self._open[-1][2].append("".join(parts))
            if name == tag:
                break
        else:
            return
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append((tag, text))
        elif tag in ("th", "td") and self.rows:
            self.rows[-1].append((tag, attrs, text))
        elif tag == "caption":
            self.captions.append(text)
        elif tag == "title":
            self.title = text
        elif tag == "blockquote":
            self.snippets.append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def html() -> str:
    return render(_results(), RULES, ReportOptions(version="9.9"))


@pytest.fixture(scope="module")
def page(html: str) -> _Page:
    return _parse(html)


def test_registered_as_the_html_format() -> None:
    assert get_reporter("html") is render


def test_document_head(html: str, page: _Page) -> None:
    assert page.doctype.lower() == "doctype html"
    tags = dict(page.starts)
    assert tags["html"]["lang"] == "en-GB"
    assert any(t == "meta" and a.get("charset", "").lower() == "utf-8" for t, a in page.starts)
    assert page.title == "lcsprlint report: 3 files"
    assert "@media print" in html


def test_headings_are_semantic(page: _Page) -> None:
    levels = [h for h, _ in page.headings]
    assert levels.count("h1") == 1 and levels[0] == "h1"
    assert [t for h, t in page.headings if h == "h2"] == [
        "drafts/Child T & <final>.docx",
        "drafts/broken.docx",
        "drafts/rr.md",
    ]
    # h3 per section, in document order, the whole document first.
    assert [t for h, t in page.headings if h == "h3"] == [
        "Whole document",
        "Key questions",
        "Recommendations",
        "Before the first heading",
    ]
    # No level is skipped going down.
    depth = 0
    for h, _ in page.headings:
        level = int(h[1])
        assert level <= depth + 1
        depth = level


def test_overview_table_statuses_are_words(page: _Page) -> None:
    assert page.captions[0] == "Key messages: drafts/Child T & <final>.docx"
    header, *body = page.rows[:7]
    assert [c[0] for c in header] == ["th", "th", "th"]
    assert all(c[1].get("scope") == "col" for c in header)
    status = {row[0][2]: row[1][2] for row in body}
    assert all(row[0][0] == "th" and row[0][1].get("scope") == "row" for row in body)
    # Only categories of rules for the lcspr profile (no rr-facts), in rule order.
    assert list(status) == [
        "labelling",
        "key-questions",
        "readability",
        "anonymisation",
        "recommendations",
        "independence",
    ]
    assert status["labelling"].endswith("Not met")
    assert status["key-questions"].endswith("Met") and "Not" not in status["key-questions"]
    assert status["readability"].endswith("Advisory")
    assert status["recommendations"].endswith("Not met")
    assert status["independence"].endswith("Met")
    # A symbol repeats the word, hidden from screen readers.
    assert status["labelling"] == "✗ Not met"


def test_rapid_review_file_has_its_own_categories_and_failed_rules(page: _Page) -> None:
    caption = page.captions.index("Key messages: drafts/rr.md")
    assert caption == 1  # the unreadable file has no table
    rows = page.rows[7:]
    status = {row[0][2]: row[1][2] for row in rows[1:]}
    assert status == {"labelling": "? Not checked", "rr-facts": "✗ Not met"}


def test_category_statuses() -> None:
    results = _results()
    assert category_statuses(results[0], RULES)["anonymisation"] == "not-met"
    assert category_statuses(results[0], RULES)["readability"] == "advisory"
    assert "rr-facts" not in category_statuses(results[0], RULES)


def test_findings_in_document_order_with_guidance(html: str, page: _Page) -> None:
    h4 = [t for h, t in page.headings if h == "h4"]
    assert h4 == [
        "Error LCSPR100 labelled-lcspr",
        "Error LCSPR150 no-names",
        "Info LCSPR140 plain-sentences",
        "Warning LCSPR160 recommendations-owned",
        "Error RR100 facts-set-out",
    ]
    assert "Fix no-names like this." in html
    assert "Why no-names matters to the Panel." in html
    assert "Child Safeguarding Practice Review Panel, annual report 2022" in html
    assert ">What to do<" in html and ">Why<" in html and ">Source<" in html
    assert "Paragraph 4" in html and "Line 3" in html
    assert "In: Findings › Recommendations" in html


def test_unreadable_file_shows_its_cause(html: str) -> None:
    assert "Could not be read:</strong> damaged zip archive" in html
    assert "LCSPR100: pattern ran past its time limit" in html


def test_self_contained_nothing_fetched(html: str, page: _Page) -> None:
    tags = {t for t, _ in page.starts}
    assert "script" not in tags and "link" not in tags
    assert not {"img", "iframe", "object", "embed", "svg", "base"} & tags
    assert not re.search(r"https?://", html, re.I)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    for _, attrs in page.starts:
        assert "src" not in attrs
        href = attrs.get("href")
        assert href is None or href.startswith("#")


def test_everything_escaped(html: str, page: _Page) -> None:
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "b" not in {t for t, _ in page.starts}
    assert "drafts/Child T &amp; &lt;final&gt;.docx" in html


def test_snippets_shown_and_withheld(page: _Page) -> None:
    assert any(SNIPPET_WORD in s for s in page.snippets)
    quiet = render(_results(), RULES, ReportOptions(no_snippets=True))
    assert SNIPPET_WORD not in quiet
    assert "<blockquote" not in quiet
    assert "A name that may identify the family." in quiet


def test_empty_and_clean_results() -> None:
    html = render([FileResult("clean.md", "markdown", "lcspr")], RULES, ReportOptions())
    page = _parse(html)
    assert page.title == "lcsprlint report: clean.md"
    assert "No findings." in html
    statuses = [row[1][2] for row in page.rows[1:]]
    assert statuses and all(s == "✓ Met" for s in statuses)
    assert _parse(render([], RULES, ReportOptions())).headings[0] == ("h1", "lcsprlint report")


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", sorted(PALETTE))
def test_palette_contrast_meets_wcag_aa(name: str) -> None:
    fg, bg = PALETTE[name]
    assert _contrast(fg, bg) >= 4.5
    assert _luminance(bg) > _luminance(fg)  # dark text on a light background


def test_contrast_formula() -> None:
    assert _contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert _contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_renders_in_headless_chromium(tmp_path: Path, html: str) -> None:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            shutil.which("chromium") or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000  # a blank page compresses to far less
