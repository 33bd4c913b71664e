"""Start-up shortcuts of the whole command (issue 12) change no output.

The uncoloured text report is written without rich's Console (its import is
most of a one-page report's cost), entry points are looked up without
importlib.metadata when no distribution mentions the group, the packs'
folder without importlib.resources, and detection compiles its
self-reference patterns only when a title says nothing. Each is checked here
against the path it skips.
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.cli_process import run_main

from lcsprlint import entrypoints
from lcsprlint.engine import builtin
from lcsprlint.report import ReportOptions
from lcsprlint.report import text as text_report
from lcsprlint.results import FileResult, Finding, Location
from lcsprlint.rule import Rule

# -- the text report without rich -----------------------------------------------------------

#: Words of every width rich measures: ASCII, accented, CJK (two cells), emoji, combining
#: marks (no cell), long unbreakable runs, and spaces of other kinds.
_WORDS = st.sampled_from(
    [
        "a",
        "the",
        "safeguarding",
        "Child",
        "“quoted”",
        "café",
        "naïve",
        "日本語のテキスト",
        "漢字",
        "👨‍👩‍👧",
        "🙂",
        "e\u0301",
        "x" * 70,
        "y" * 130,
        "-" * 61,
        "…",
        "\u00a0",
        "\u2003",
        "",
    ]
)
_TEXT = st.lists(_WORDS, max_size=40).map(lambda ws: " ".join(ws))
_SPACED = st.lists(
    st.tuples(_WORDS, st.sampled_from([" ", "  ", "   ", " " * 70])), max_size=20
).map(lambda parts: "".join(w + s for w, s in parts))


@st.composite
def _reports(draw: st.DrawFn) -> tuple[list[FileResult], dict[str, Rule]]:
    rules: dict[str, Rule] = {}
    results = []
    for n in range(draw(st.integers(1, 3))):
        findings = []
        for _ in range(draw(st.integers(0, 4))):
            rule_id = draw(st.sampled_from(["LCSPR101", "RR201", "X999999999999"]))
            if rule_id not in rules and draw(st.booleans()):
                rules[rule_id] = Rule(
                    id=rule_id,
                    name="some-rule",
                    category="labelling",
                    severity="warning",
                    message="m",
                    rationale=draw(st.one_of(_TEXT, _SPACED)),
                    source=draw(_TEXT),
                    fix=draw(st.one_of(_TEXT, _SPACED)),
                    check="pattern",
                )
            findings.append(
                Finding(
                    rule=rule_id,
                    name="some-rule",
                    category="labelling",
                    severity=draw(st.sampled_from(["error", "warning", "info"])),
                    message=draw(st.one_of(_TEXT, _SPACED)),
                    location=Location(
                        section=draw(st.one_of(st.none(), _TEXT)),
                        paragraph=draw(st.one_of(st.none(), st.integers(1, 10_000))),
                    ),
                    snippet=draw(st.one_of(st.none(), _TEXT, _SPACED)),
                )
            )
        results.append(
            FileResult(
                path=draw(st.sampled_from([f"d{n}.docx", f"drafts/日本 {n}.md", "x" * 150])),
                profile=draw(st.sampled_from([None, "lcspr"])),
                error=draw(st.sampled_from([None, None, None, "not a .docx file"])),
                findings=findings,
                rule_errors=draw(st.sampled_from([[], ["LCSPR101: " + "z " * 80]])),
            )
        )
    return results, rules


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=_reports(),
    width=st.integers(60, 120),
    no_snippets=st.booleans(),
    concise=st.booleans(),
)
def test_plain_text_report_is_what_rich_writes(
    report: tuple[list[FileResult], dict[str, Rule]], width: int, no_snippets: bool, concise: bool
) -> None:
    results, rules = report
    options = ReportOptions(no_snippets=no_snippets, extra={"concise": concise})
    plain = text_report._render_plain(results, rules, options, width)
    assert plain is not None  # no control characters in these reports
    assert plain == text_report._render_rich(results, rules, options, width, False)


@pytest.mark.parametrize("odd", ["tab\there", "line\nbreak", "bell\x07", "esc\x1b[31m", "\x85"])
def test_text_rich_transforms_is_left_to_rich(odd: str) -> None:
    finding = Finding("R101", "n", "c", "warning", f"message {odd}", Location())
    results = [FileResult(path="d.md", findings=[finding])]
    options = ReportOptions()
    assert text_report._render_plain(results, {}, options, 80) is None
    assert text_report.render(results, {}, options).startswith("d.md\n")  # rich wrote it


def test_colour_and_statistics_still_use_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = text_report._render_rich

    def spy(*args: object) -> str:
        calls.append(True)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(text_report, "_render_rich", spy)
    results = [FileResult(path="d.md")]
    text_report.render(results, {}, ReportOptions(color=False))
    assert calls == []
    text_report.render(results, {}, ReportOptions(color=False, statistics=True))
    text_report.render(results, {}, ReportOptions(color=True))
    assert len(calls) == 2


def test_one_page_text_check_does_not_import_rich_console(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("# Rapid review: Child A\n\nThis rapid review sets out the learning.\n")
    done = run_main(
        ["check", str(draft)],
        tmp_path,
        "'rich.console' in sys.modules, 'importlib.resources' in sys.modules",
    )
    assert done.stderr.strip().splitlines()[-1].split()[2:] == ["False", "False"]


# -- entry points ---------------------------------------------------------------------------


def _fake_site(tmp_path: Path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for rel, text in files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return site


def _may_declare_fresh(monkeypatch: pytest.MonkeyPatch, path: list[str], group: str) -> bool:
    """may_declare as in a process that has not imported importlib.metadata."""
    monkeypatch.setattr(sys, "path", path)
    monkeypatch.delitem(sys.modules, "importlib.metadata", raising=False)
    return entrypoints.may_declare(group)


@pytest.mark.parametrize(
    ("files", "declared"),
    [
        ({}, False),
        ({"a-1.0.dist-info/METADATA": "Name: a\n"}, False),
        ({"a-1.0.dist-info/entry_points.txt": "[console_scripts]\na = a:main\n"}, False),
        ({"b-1.0.dist-info/entry_points.txt": "[lcsprlint.checks]\nx = b:KIND\n"}, True),
        ({"B-1.0.DIST-INFO/entry_points.txt": "[lcsprlint.checks]\nx = b:KIND\n"}, True),
        ({"c.egg-info/entry_points.txt": "[lcsprlint.checks]\nx = c:KIND\n"}, True),
        ({"c.egg-info": "Name: c\n"}, False),
        ({"notinfo/entry_points.txt": "[lcsprlint.checks]\nx = c:KIND\n"}, False),
    ],
)
def test_entry_point_scan_agrees_with_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], declared: bool
) -> None:
    site = _fake_site(tmp_path, files)
    path = [str(site), str(tmp_path / "missing")]
    found = bool(
        list(importlib.metadata.distributions(path=path))
        and [
            ep
            for d in importlib.metadata.distributions(path=path)
            for ep in d.entry_points
            if ep.group == "lcsprlint.checks"
        ]
    )
    assert found == declared
    assert _may_declare_fresh(monkeypatch, path, "lcsprlint.checks") == declared


def test_entry_point_scan_is_unsure_of_zips_eggs_and_other_finders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "lib.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    assert _may_declare_fresh(monkeypatch, [str(archive)], "lcsprlint.checks")
    egg = tmp_path / "thing.egg"
    egg.mkdir()
    assert _may_declare_fresh(monkeypatch, [str(egg)], "lcsprlint.checks")

    class Finder:
        @staticmethod
        def find_distributions(*_args: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert _may_declare_fresh(monkeypatch, [], "lcsprlint.checks")


def test_entry_points_asks_importlib_metadata_once_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    marker = [object()]
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: marker)
    assert entrypoints.entry_points("lcsprlint.checks") is marker


def test_this_install_declares_no_plugins_either_way() -> None:
    for group in ("lcsprlint.checks", "lcsprlint.rule_packs"):
        real = list(importlib.metadata.entry_points(group=group))
        code = (
            "import sys\nfrom lcsprlint.entrypoints import may_declare\n"
            f"print(may_declare({group!r}), 'importlib.metadata' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        assert out[1] == "False"
        assert out[0] == "True" or not real


# -- the packs' folder and detection --------------------------------------------------------


def test_package_folder_is_what_importlib_resources_says() -> None:
    from importlib import resources

    assert builtin._package_dir() == Path(str(resources.files("lcsprlint"))).resolve()


def test_detection_compiles_self_reference_only_when_the_title_is_silent() -> None:
    from lcsprlint.engine import detect
    from lcsprlint.readers import read_document

    examples = Path(__file__).resolve().parent.parent / "examples"
    detect._self_patterns.cache_clear()
    assert detect.detect_profile(read_document(examples / "rapid-review-good.md"))[0]
    assert detect._self_patterns.cache_info().misses == 0
    title, own = detect._title_patterns(), detect._self_patterns()
    assert {p: rx.pattern for p, rx in title.items()} == {
        p: rx.pattern for p, rx in detect._compile(detect._TITLE).items()
    }
    assert {p: rx.pattern for p, rx in own.items()} == {
        p: rx.pattern for p, rx in detect._compile(detect._SELF).items()
    }
