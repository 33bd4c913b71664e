"""Guards for the third start-up pass (issue 12): each shortcut against its slow twin."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.cli_process import run_main

# --------------------------------------------------------------------------- lazy patterns

_LAZY_MODULES = (
    "lcsprlint.textutil",
    "lcsprlint.safety",
    "lcsprlint.engine.config",
    "lcsprlint.engine.runner",
    "lcsprlint.engine.selection",
    "lcsprlint.engine.suppress",
    "lcsprlint.kinds.dateparse",
    "lcsprlint.kinds.itemize",
    "lcsprlint.readers.directives",
    "lcsprlint.readers.pseudo",
    "lcsprlint.readers.text",
)


def _lazy_patterns() -> list[tuple[str, object]]:
    import importlib

    from lcsprlint.textutil import LazyPattern

    found = []
    for name in _LAZY_MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, LazyPattern):
                found.append((f"{name}.{attr}", value))
    return found


def test_lazy_patterns_are_declared() -> None:
    """The modules above declare lazy patterns (else the next tests check nothing)."""
    names = {n for n, _ in _lazy_patterns()}
    assert "lcsprlint.kinds.dateparse._SIGN_OFF_SENTENCE" in names
    assert "lcsprlint.textutil.LABELLED_TITLE" in names
    assert len(names) >= 25


_SAMPLE_LINES = [
    "",
    "Finding 2: the partnership did not share information",
    "Theme one - early help",
    "The report was approved by the Safeguarding Partners on 3 March 2023.",
    "Date of report | 14/01/22",
    "Contents ........ 12",
    "1. Introduction\t4",
    "## Heading two",
    "=====",
    "- a list item",
    "(a) first; (b) second",
    "| --- | :---: |",
    "lcsprlint-disable LCSPR101 LCSPR102",
    "<!-- lcsprlint: ignore LCSPR200 -->",
    "  lcsprlint: ignore ALL",
    "[tool.lcsprlint]",
    "LCSPR",
    "The review will consider how agencies worked; whether they shared; and what changed.",
    "was",
    "decided",
    "line\u2028break \x1b[31m bidi\u202e",
    "'word/document.xml' fails",
    "+05:30",
    "caf\u00e9   two   spaces\n\r",
]


def test_lazy_patterns_behave_as_compiled_ones() -> None:
    """Each lazy pattern finds what ``re.compile`` of its source finds, method by method."""
    import re as std_re

    texts = _SAMPLE_LINES + [line for t in _SAMPLE_LINES for line in (t.upper(), t.lower())]
    for name, lazy in _lazy_patterns():
        eager = std_re.compile(lazy.pattern, lazy._flags)  # type: ignore[attr-defined]
        for text in texts:
            assert [m.span() for m in lazy.finditer(text)] == [  # type: ignore[attr-defined]
                m.span() for m in eager.finditer(text)
            ], name
            assert lazy.findall(text) == eager.findall(text), name  # type: ignore[attr-defined]
            assert lazy.sub("#", text) == eager.sub("#", text), name  # type: ignore[attr-defined]
            got, want = lazy.match(text), eager.match(text)  # type: ignore[attr-defined]
            assert (got and got.group()) == (want and want.group()), name
        assert isinstance(lazy.compiled, std_re.Pattern), name  # type: ignore[attr-defined]
        assert (lazy.pattern, lazy.flags, lazy.groups) == (  # type: ignore[attr-defined]
            eager.pattern,
            eager.flags,
            eager.groups,
        ), name


def test_lazy_pattern_compiles_once_on_first_use() -> None:
    from lcsprlint.textutil import LazyPattern

    lazy = LazyPattern(r"(?P<word>b+)", 2)
    assert "compiled" not in vars(lazy)
    assert lazy.sub("x", "aBBa") == "axa"
    compiled = lazy.compiled
    assert lazy.groupindex == {"word": 1}
    assert lazy.search("abb").span() == (1, 3)
    assert lazy.compiled is compiled
    assert vars(lazy)["search"] == compiled.search
    with pytest.raises(AttributeError):
        lazy.no_such_method  # noqa: B018


# --------------------------------------------------------------------------- rule files


def _rglob_rule_files(p: Path) -> list[Path]:
    """``rule_files`` of a folder as it was written before the scandir walk."""
    out = []
    for f in sorted(p.rglob("*")):
        rel = f.relative_to(p).parts
        if any(part.startswith((".", "_")) for part in rel):
            continue
        if f.stem.lower().endswith(".expect"):
            continue
        if f.is_file() and f.suffix.lower() in (".yaml", ".yml"):
            out.append(f)
    return out


def test_rule_files_walk_matches_rglob(tmp_path: Path) -> None:
    from lcsprlint.engine.builtin import available_profiles, pack_dir
    from lcsprlint.engine.validate import rule_files

    root = tmp_path / "pack"
    files = [
        "a.yaml",
        "B.YML",
        "c.Yaml",
        "d.yaml.txt",
        "e.expect.yaml",
        "f.EXPECT.yml",
        "g.test.md",
        "x.yaml.",
        " .yaml",
        "a..yaml",
        ".hidden.yaml",
        "_draft.yaml",
        "sub/h.yaml",
        "sub/deeper/i.yml",
        "sub/.git/j.yaml",
        "sub/_fixtures/k.yaml",
        ".dot/l.yaml",
        "_under/m.yaml",
        "Z/n.yaml",
        "z/o.yaml",
        "folder.yaml/p.yaml",
    ]
    for name in files:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("id: X\n")
    (root / "empty").mkdir()
    outside = tmp_path / "outside"
    (outside / "q.yaml").parent.mkdir(parents=True)
    (outside / "q.yaml").write_text("id: Q\n")
    (root / "linked-dir").symlink_to(outside, target_is_directory=True)
    (root / "linked-dir.yaml").symlink_to(outside, target_is_directory=True)
    (root / "linked-file.yaml").symlink_to(outside / "q.yaml")
    (root / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert rule_files(root) == _rglob_rule_files(root)
    assert rule_files(str(root)) == _rglob_rule_files(root)
    for profile in available_profiles():
        pack = pack_dir(profile)
        if pack is not None:
            assert rule_files(pack) == _rglob_rule_files(pack)


# --------------------------------------------------------------------------- detection

_DETECT_WORDS = [
    "rapid review",
    "Rapid Review",
    "annual report",
    "YEARLY report",
    "year-end report",
    "year end report",
    "multi-agency safeguarding arrangements",
    "multi agency safeguarding arrangements for the year. report",
    "report of the lead safeguarding partners",
    "local child safeguarding practice review",
    "child safeguarding practice review panel",
    "LCSPR",
    "CSPRs",
    "lcsprs",
    "serious case review",
    "SCR",
    "scr_",
    "practice learning review",
    "SILP",
    "significant incident learning process",
    "appreciative inquiry",
    "this rapid review",
    "this report sets out the findings of the rapid review",
    "this note records the rapid review",
    "summary and outcome of this rapid review",
    "this is our annual report",
    "this report covers the 12-months",
    "this report covers the twelve month",
    "yearly report of the",
    "this child safeguarding practice review",
    "this CSPR",
    "this SILP review",
    "this serious case review",
]
_DETECT_TEXT = st.lists(
    st.sampled_from(_DETECT_WORDS)
    | st.text(alphabet="abcdelnoprstvwy RSCLP-_.:'0123456789", max_size=12),
    max_size=8,
).map(" ".join)


def _detect_outcome(patterns: dict[str, object], text: str) -> object:
    from lcsprlint.engine.detect import _earliest

    counts = {p: len(rx.findall(text)) for p, rx in patterns.items()}  # type: ignore[attr-defined]
    firsts = {
        p: (m.span(), m.group(0)) if (m := rx.search(text)) else None  # type: ignore[attr-defined]
        for p, rx in patterns.items()
    }
    return _earliest(text, patterns), counts, firsts  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(_DETECT_TEXT)
def test_detection_patterns_are_what_compiling_them_gives(text: str) -> None:
    """The detection alternations (from the table compiled ahead of time) find what
    ``regex`` finds with the same alternations compiled now."""
    import regex

    from lcsprlint.engine import detect

    for table in (detect._TITLE, detect._SELF):
        compiled = {
            p: regex.compile(rx, detect._FLAGS) for p, rx in detect.alternations(table).items()
        }
        assert _detect_outcome(detect._compile(table), text) == _detect_outcome(compiled, text)


def test_detection_folds_case_fully() -> None:
    """Non-ASCII text gets ``regex``'s full case folding (``ﬁ`` is ``fi`` to it)."""
    from lcsprlint.engine import detect

    text = "Signiﬁcant Incident Learning Process: Child D"
    assert detect._earliest(text, detect._title_patterns()) == (
        "lcspr",
        "Signiﬁcant Incident Learning Process",
    )


# --------------------------------------------------------------------------- the console entry


def test_console_entry_reports_what_the_command_group_reports(tmp_path: Path) -> None:
    """``main()`` (garbage collector tuned for a short command) gives ``cli``'s report."""
    from click.testing import CliRunner

    from lcsprlint.cli import cli

    examples = Path(__file__).resolve().parent.parent / "examples"
    args = ["check", str(examples / "weak-lcspr.md"), str(examples / "weak-lcspr.docx")]
    args += ["--format", "json", "--jobs", "1"]
    done = run_main(args, tmp_path, "gc.get_freeze_count() > 0")
    in_process = CliRunner().invoke(cli, args)
    assert done.stdout == in_process.output
    assert done.stderr.strip().splitlines()[-1] == f"EXIT {in_process.exit_code} True"
