"""Guards for the fourth start-up pass (issue 12): each shortcut against its slow twin.

- The built-in packs' snapshot (``lcsprlint/engine/packs_snapshot.json``) gives
  what parsing their YAML gives, is used only for unchanged files, and is fresh.
- A one-file ``lcsprlint check`` imports no PyYAML and runs without the cyclic
  garbage collector; a batch resumes it.
- Readability's patterns compiled on first use find what compiled ones find.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from support.cli_process import run_main

from lcsprlint.engine import loader, snapshot, validate
from lcsprlint.engine.builtin import builtin_rules_dir, pack_dir
from lcsprlint.engine.detect import DETECTED_PROFILES
from lcsprlint.engine.lines import plain
from lcsprlint.engine.validate import collect_rules, rule_files
from lcsprlint.kinds import all_kinds

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def kinds() -> dict[str, Any]:
    return all_kinds()


def _root() -> Path:
    root = builtin_rules_dir()
    assert root is not None
    return root


def _typed(value: Any) -> Any:
    """The value with the type of every part, so ``1`` and ``1.0`` or ``True`` differ."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


# --------------------------------------------------------------------------- the snapshot


def test_snapshot_is_fresh() -> None:
    """The shipped snapshot is what ``python -m lcsprlint.engine.snapshot`` writes today.

    A stale one is only slower (its files are parsed), so this is what keeps it useful.
    """
    want = snapshot.render(snapshot.build(_root()))
    assert snapshot.SNAPSHOT.read_text(encoding="utf-8") == want, (
        "run: python -m lcsprlint.engine.snapshot"
    )


def test_snapshot_gives_what_the_yaml_gives() -> None:
    """Every rule mapping of every pack file: keys in order, values with their types, line."""
    root = _root()
    files = rule_files(root)
    assert len(files) >= 30
    for f in files:
        name = f.relative_to(root).as_posix()
        got = snapshot.documents(f.read_bytes(), name)
        assert got is not None, name
        want = loader.read_rule_documents(f)
        assert [(d.line, _typed(dict(d))) for d in got] == [
            (d.line, _typed(plain(d))) for d in want
        ], name
        assert [type(d) for d in got] == [type(d) for d in want], name


def test_snapshot_is_not_used_for_changed_bytes() -> None:
    f = sorted(rule_files(_root()))[0]
    name = f.relative_to(_root()).as_posix()
    raw = f.read_bytes()
    assert snapshot.documents(raw, name) is not None
    assert snapshot.documents(raw + b"\n", name) is None
    assert snapshot.documents(raw.replace(b"e", b"E", 1), name) is None
    assert snapshot.documents(raw, "lcspr/no-such-file.yaml") is None


def test_trusted_packs_come_from_the_snapshot(
    monkeypatch: pytest.MonkeyPatch, kinds: dict[str, Any]
) -> None:
    """With the YAML loader out of reach, a run's rules are still every validated rule."""
    sources = [(pack_dir(p), (p,)) for p in DETECTED_PROFILES]
    strict, problems = collect_rules(sources, kinds)
    assert problems == []

    def no_yaml(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a built-in pack file was parsed")

    monkeypatch.setattr(validate, "read_rule_documents", no_yaml)
    trusted, problems = collect_rules(sources, kinds, trust_builtin=True)
    assert problems == []
    assert trusted == strict
    assert [r.line for r in trusted] == [r.line for r in strict]


def test_an_edited_pack_file_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kinds: dict[str, Any]
) -> None:
    """A pack edited in place (an editable install) gives its new rules, not the snapshot's."""
    from lcsprlint.engine import builtin

    packs = tmp_path / "packs"
    shutil.copytree(_root() / "lcspr", packs / "lcspr")
    edited = packs / "lcspr" / "readability.yaml"
    text = edited.read_text(encoding="utf-8")
    assert "max-mean-sentence-words: 28" in text
    edited.write_text(text.replace("max-mean-sentence-words: 28", "max-mean-sentence-words: 9"))
    monkeypatch.setattr(builtin, "builtin_rules_dir", lambda: packs)

    rules, problems = collect_rules([(packs / "lcspr", ("lcspr",))], kinds, trust_builtin=True)
    assert problems == []
    by_id = {r.id: r for r in rules}
    assert by_id["LCSPR240"].params["max-mean-sentence-words"] == 9
    strict, _ = collect_rules([(packs / "lcspr", ("lcspr",))], kinds)
    assert rules == strict


def test_an_unknown_kind_in_an_unchanged_pack_file_is_still_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a kind its rules name, a pack file is parsed and validated (problems with lines)."""
    kinds = {k: v for k, v in all_kinds().items() if k != "readability"}
    rules, problems = collect_rules([(pack_dir("lcspr"), ("lcspr",))], kinds, trust_builtin=True)
    assert problems and all("readability" in str(p) for p in problems)
    assert all(p.line for p in problems)
    assert "LCSPR243" in {r.id for r in rules}  # the file's rule of a known kind


# --------------------------------------------------------------------------- the console entry


def _run_main(args: list[str], cwd: Path) -> list[str]:
    done = run_main(args, cwd, "'yaml' in sys.modules, gc.isenabled()")
    return done.stderr.strip().splitlines()[-1].split()


def test_one_file_check_imports_no_yaml_and_pauses_the_collector(tmp_path: Path) -> None:
    """What a pre-commit hook runs: the pack from the snapshot, no collector; a batch
    resumes it (its memory stays bounded as before)."""
    draft = tmp_path / "draft.md"
    shutil.copyfile(EXAMPLES / "weak-lcspr.md", draft)
    one = _run_main(["check", str(draft), "--format", "json"], tmp_path)
    assert one == ["EXIT", "1", "False", "False"]

    other = tmp_path / "other.md"
    shutil.copyfile(EXAMPLES / "good-lcspr.md", other)
    batch = _run_main(["check", str(draft), str(other), "--format", "json", "-j", "1"], tmp_path)
    assert batch[:2] == ["EXIT", "1"] and batch[3] == "True"


def test_a_yaml_configuration_is_still_read(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    shutil.copyfile(EXAMPLES / "weak-lcspr.md", draft)
    (tmp_path / ".lcsprlint.yaml").write_text("fail-on: never\n", encoding="utf-8")
    assert _run_main(["check", str(draft), "--format", "json"], tmp_path)[:3] == [
        "EXIT",
        "0",
        "True",
    ]


# --------------------------------------------------------------------------- readability


_TEXTS = [
    "",
    "The Integrated Care Board (ICB) met the Designated Safeguarding Partners (the DSPs).",
    "ICB (Integrated Care Board) and the MASH team (Multi Agency Safeguarding Hub).",
    "The ICON programme (Infant crying is normal, Comforting methods, Ok to walk away).",
    "A - B & C | D: caf\u00e9 \u2013 na\u00efve - _ __ x",
    "- lead",
    "  (  NHS  )  ,, words-before ( GP )",
    "Centre of Expertise on Child Sexual Abuse (CSA)",
]


def test_lazy_readability_patterns_behave_as_compiled_ones() -> None:
    import re

    from lcsprlint.kinds import readability
    from lcsprlint.textutil import LazyPattern

    lazies = {n: v for n, v in vars(readability).items() if isinstance(v, LazyPattern)}
    assert {"_PAREN_ACRONYM", "_WORD_BEFORE", "_EXPANDED", "_NEAR_EXPANSION"} <= set(lazies)
    texts = _TEXTS + [t[::-1] for t in _TEXTS] + [t.upper() for t in _TEXTS]
    for name, lazy in lazies.items():
        eager = re.compile(lazy.pattern, lazy._flags)
        for text in texts:
            assert [m.groups() for m in lazy.finditer(text)] == [
                m.groups() for m in eager.finditer(text)
            ], name
            assert [m.span() for m in lazy.finditer(text)] == [
                m.span() for m in eager.finditer(text)
            ], name
            got, want = lazy.match(text), eager.match(text)
            assert (got and got.span()) == (want and want.span()), name
