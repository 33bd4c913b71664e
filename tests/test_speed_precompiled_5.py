"""Guards for the fifth pass (issue 12): built-in patterns compiled ahead of time.

- The shipped tables (``lcsprlint/precompiled_re.json``, ``precompiled_regex.json``)
  hold exactly the built-in patterns and, under the release they were made with,
  what the compilers give now (``scripts/precompiled.py --check``).
- A pattern from a table finds what the compiled pattern finds, and a check
  compiles no pattern a table holds.
- A table made under another release, a damaged entry and a pattern no table
  holds all fall back to compiling.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex
from support.cli_process import run_main

from lcsprlint import precompiled
from lcsprlint.precompiled import (
    CONSTANTS,
    RE_TABLE,
    REGEX_TABLE,
    re_compiled,
    re_constant,
    regex_compiled,
)
from lcsprlint.textutil import LazyPattern

ROOT = Path(__file__).resolve().parent.parent


def _entries(path: Path) -> list[tuple[str, int]]:
    return [(row[0], row[1]) for row in json.loads(path.read_text())["patterns"]]


def _in_use(path: Path, made_under: Any) -> None:
    """Skip unless the table at ``path`` is used under this Python and ``regex``."""
    if json.loads(path.read_text()).get("made-under") != made_under():
        pytest.skip(f"{path.name} was made under another release (run scripts/precompiled.py)")


@pytest.fixture(autouse=True)
def _fresh_tables() -> Iterator[None]:
    """Each test reads the shipped tables afresh, and leaves them so."""
    precompiled._rows.cache_clear()
    yield
    precompiled._rows.cache_clear()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Review prose (the examples' text, a few long strings) and strings made to trip."""
    from lcsprlint.readers import read_document

    paras = []
    for name in ("weak-lcspr.docx", "good-lcspr.docx", "weak-lcspr.md", "yearly-report-weak.md"):
        paras += [b.text for b in read_document(ROOT / "examples" / name).blocks]
    joined = ["\n".join(paras[i : i + 40]) for i in range(0, len(paras), 40)]
    odd = [
        "Child T (aged 4) was seen on 3rd March 2021 by GP 2; ring 0161 496 0000.",
        "Mr. O'Neill-Smith, 12 Acacia Avenue, Leeds LS1 4AB. DOB 01/02/2019.",
        "ÉMILE Zoë Ångström – “quoted” naïve café ﬁnance KELVIN Straße",
        "1.2.3 Recommendation: the partnership should… 2020/21 (19-20)",
    ]
    return joined + odd


def _found(rx: Any, text: str) -> list[tuple[tuple[int, int], tuple[Any, ...]]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_tables_hold_the_builtin_patterns_and_are_fresh() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/precompiled.py", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_tables_hold_the_detectors_the_rules_and_the_module_patterns() -> None:
    res, regexes = set(_entries(RE_TABLE)), set(_entries(REGEX_TABLE))
    assert len(res) > 100 and len(regexes) > 500
    from lcsprlint.kinds import dateparse
    from lcsprlint.kinds.pii import names

    assert (dateparse._DATE.pattern, re.IGNORECASE) in res  # a module-level pattern
    assert set(CONSTANTS) <= res
    lazy_names = [v for v in vars(names).values() if isinstance(v, LazyPattern)]
    assert lazy_names and all((v.pattern, v._flags) in res for v in lazy_names)


@pytest.mark.parametrize("which", ["re", "regex"])
def test_entries_find_what_compiled_patterns_find(which: str, texts: list[str]) -> None:
    path, made_under, shipped_of, compiled_of = (
        (RE_TABLE, precompiled.re_made_under, re_compiled, re.compile)
        if which == "re"
        else (REGEX_TABLE, precompiled.regex_made_under, regex_compiled, regex.compile)
    )
    _in_use(path, made_under)
    for pattern, flags in _entries(path):
        shipped, compiled = shipped_of(pattern, flags), compiled_of(pattern, flags)
        assert shipped is not compiled
        assert (shipped.pattern, shipped.flags, shipped.groups, shipped.groupindex) == (
            compiled.pattern,
            compiled.flags,
            compiled.groups,
            compiled.groupindex,
        )
        for text in texts:
            assert _found(shipped, text) == _found(compiled, text), pattern


def test_table_patterns_are_not_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    _in_use(RE_TABLE, precompiled.re_made_under)
    _in_use(REGEX_TABLE, precompiled.regex_made_under)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("compiled")

    monkeypatch.setattr(re._compiler, "compile", refuse)  # type: ignore[attr-defined]
    monkeypatch.setattr(regex._main, "_compile", refuse)
    re_pattern, re_flags = _entries(RE_TABLE)[0]
    regex_pattern, regex_flags = _entries(REGEX_TABLE)[0]
    re.purge()
    assert re_compiled(re_pattern, re_flags).pattern == re_pattern
    assert regex_compiled(regex_pattern, regex_flags).pattern == regex_pattern
    with pytest.raises(AssertionError):
        re.compile(r"\bnot in any table\b")


def _no_engine() -> Any:
    raise ImportError("no _sre here")


@pytest.mark.parametrize("which", ["re", "regex"])
@pytest.mark.parametrize("runs_under", [lambda: {"python": "another"}, _no_engine])
def test_a_table_from_another_release_is_not_used(
    which: str, runs_under: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_under = "re_made_under" if which == "re" else "regex_made_under"
    monkeypatch.setattr(precompiled, made_under, runs_under)
    path = RE_TABLE if which == "re" else REGEX_TABLE
    assert precompiled._rows(path, made_under) == {}
    pattern, flags = _entries(path)[0]
    got = (re_compiled if which == "re" else regex_compiled)(pattern, flags)
    assert got.pattern == pattern


def test_damaged_entries_and_missing_patterns_are_compiled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Child T's mother said 12 May 2020"
    re_p, regex_p = r"\b(\w+)'s\b", r"\b(mother|father) said\b"
    rows = {
        (re_p, 0): [re_p, 0, 32, 1, {}, "not base64!", 0],
        # a program of zeros: run, it would crash the process; its CRC-32 turns it away
        (regex_p, regex.V0): [regex_p, regex.V0, 0, "AAAA", 1, {}, 0, [], 0, 1],
    }
    monkeypatch.setattr(precompiled, "_rows", lambda path, made_under: rows)
    monkeypatch.setattr(precompiled, "CONSTANTS", [])  # the package's own are not this test's
    assert _found(re_compiled(re_p), text) == _found(re.compile(re_p), text)
    got = regex_compiled(regex_p, regex.V0)
    assert _found(got, text) == [((10, 21), ("mother",))]
    assert re_compiled(r"\d{4}", 0).findall(text) == ["2020"]  # in no table
    assert re_constant(r"\bMay\b").search(text).span() == (25, 28)


def test_a_check_compiles_no_pattern_a_table_holds(tmp_path: Path) -> None:
    _in_use(RE_TABLE, precompiled.re_made_under)
    _in_use(REGEX_TABLE, precompiled.regex_made_under)
    prelude = (
        "import json, re, regex\n"
        "import re._compiler as rc, regex._main as rm\n"
        "seen = []\n"
        "orig_re, orig_regex = rc.compile, rm._compile\n"
        "def spy_re(p, flags=0):\n"
        "    seen.append((p, int(flags))); return orig_re(p, flags)\n"
        "def spy_regex(p, flags, *rest):\n"
        "    seen.append((p, int(flags))); return orig_regex(p, flags, *rest)\n"
        "rc.compile, rm._compile = spy_re, spy_regex\n"
    )
    args = ["check", str(ROOT / "examples" / "weak-lcspr.docx"), "--format", "json"]
    probes = "json.dumps([s for s in seen if isinstance(s[0], str)])"
    done = run_main(args, tmp_path, probes, prelude)
    last = done.stderr.strip().splitlines()[-1].split(" ", 2)[2]
    compiled = {tuple(x) for x in json.loads(last)}
    tabled = set(_entries(RE_TABLE)) | set(_entries(REGEX_TABLE))
    assert json.loads(done.stdout)["summary"]["errors"] > 0  # the check ran its rules
    assert not compiled & tabled
    assert len(compiled) < 60  # the standard library's own, and a few made from a document
