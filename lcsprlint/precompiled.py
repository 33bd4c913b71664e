"""The built-in patterns compiled ahead of time (``precompiled_re.json`` and ``_regex.json``).

Both regular-expression engines parse and compile a pattern in pure Python:
about 0.8 ms for a typical rule pattern under ``regex``, 0.3 ms for a
detector's under ``re``. A one-page draft runs about 150 of them, so
compiling was a quarter of what ``lcsprlint check`` cost on it, paid again by
every process. What the parser and compiler produce is a function of the
pattern, its flags and the engine's release alone, and both engines end a
compile by handing it to one C function (``_sre.compile``,
``regex._regex.compile``). So for the built-in patterns it is worked out
once, when they change, and shipped; a run hands it to that function:

* for ``regex``, what ``regex`` itself keeps to pickle a compiled pattern
  (``_pickled_data``: unpickling is exactly this call);
* for ``re``, what ``re``'s compiler passes to that last step. The standard
  library offers no public way to keep a compiled pattern (a pickled one is
  its source text, compiled again when loaded).

Each entry costs ~0.02 ms instead of ~0.3-0.8 ms. The tables are an
optimisation, never a source of truth:

* each is used only under the release it was made with (``regex``'s version;
  the Python build and ``_sre.MAGIC``, the version of ``re``'s program
  format); under any other, every pattern is compiled as before;
* a pattern not in a table (a user's rule, an edited built-in one) is
  compiled as before, as is one whose entry fails to load;
* the files hold data only (JSON): nothing in them is ever run as code.

``tests/test_speed_precompiled_5.py`` fails when a table does not hold
exactly the built-in patterns, or (under its own release) when an entry is
not what the compiler gives now. Regenerate both with
``python scripts/precompiled.py``. Nothing from a document is ever stored.
"""

from __future__ import annotations

import binascii
import json
import re
import sys
import zlib
from array import array
from functools import cache
from pathlib import Path
from typing import Any

#: Where the tables live (in the package, beside this module).
RE_TABLE = Path(__file__).with_name("precompiled_re.json")
REGEX_TABLE = Path(__file__).with_name("precompiled_regex.json")
#: Changes when the layout of the tables changes.
FORMAT = 1


def re_made_under() -> dict[str, Any]:
    """What ``re``'s compiled programs depend on besides the patterns (the table holds
    them as machine words)."""
    import _sre

    return {
        "python": sys.implementation.cache_tag,
        "sre-magic": _sre.MAGIC,
        "codesize": _sre.CODESIZE,
        "word": array("I").itemsize,  # how the table's words are read back
        "byteorder": sys.byteorder,
    }


def regex_made_under() -> dict[str, Any]:
    """What ``regex``'s compiled programs depend on besides the patterns (it builds for
    each Python version, and its programs hold machine words)."""
    import regex

    return {
        "python": sys.implementation.cache_tag,
        "regex": regex.__version__,
        "byteorder": sys.byteorder,
    }


@cache
def _rows(path: Path, made_under: str) -> dict[tuple[str, int], list[Any]]:
    """A table's entries by (pattern, flags): empty when the file is missing,
    unreadable or made under another release, or this Python has no such engine.

    ``made_under``: the name of the function saying what this process runs
    (:func:`re_made_under`, :func:`regex_made_under`), looked up when called.
    """
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT or data.get("made-under") != globals()[made_under]():
            return {}
        return {(row[0], row[1]): row for row in data["patterns"]}
    except (OSError, ImportError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return {}


def _program(encoded: str, crc: int) -> bytes:
    """A compiled program from its table entry, checked against its CRC-32.

    ``regex`` runs the program it is given unchecked (a damaged one can crash
    the process), so an entry whose bytes changed since the table was made is
    refused here and its pattern compiled instead.
    """
    program = binascii.a2b_base64(encoded)
    if zlib.crc32(program) != crc:
        raise ValueError("damaged entry")
    return program


def _encoded(program: bytes) -> list[Any]:
    """A compiled program as a table entry holds it: base64, then its CRC-32."""
    return [binascii.b2a_base64(program, newline=False).decode("ascii"), zlib.crc32(program)]


def re_compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``: from the table when it holds the pattern."""
    row = _rows(RE_TABLE, "re_made_under").get((pattern, int(flags)))
    if row is not None:
        try:
            import _sre

            _p, _f, all_flags, groups, groupindex, code, crc = row
            indexgroup = [None] * (groups + 1)
            for name, i in groupindex.items():
                indexgroup[i] = name
            program = array("I", _program(code, crc)).tolist()
            rx: re.Pattern[str] = _sre.compile(
                pattern, all_flags, program, groups, groupindex, tuple(indexgroup)
            )
            return rx
        except Exception:  # a damaged entry only costs the compile below
            pass
    return re.compile(pattern, flags)


#: (pattern, flags) of every :func:`re_constant` call so far: the package's module-level
#: patterns, once its modules are imported (for :func:`builtin_res`).
CONSTANTS: list[tuple[str, int]] = []


def re_constant(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A module-level pattern, compiled at import: :func:`re_compiled`, and noted in
    :data:`CONSTANTS` so that the table holds it. Only for patterns written in the
    code (never one built from a document's text)."""
    CONSTANTS.append((pattern, int(flags)))
    return re_compiled(pattern, flags)


def regex_compiled(pattern: str, flags: int) -> Any:
    """``regex.compile(pattern, flags)``: from the table when it holds the pattern."""
    import regex

    row = _rows(REGEX_TABLE, "regex_made_under").get((pattern, flags))
    if row is not None:
        try:
            (
                _p,
                _f,
                all_flags,
                code,
                crc,
                group_index,
                req_offset,
                req_chars,
                req_flags,
                groups,
            ) = row
            index_group = {i: name for name, i in group_index.items()}
            return regex._regex.compile(
                pattern,
                all_flags,
                _program(code, crc),
                group_index,
                index_group,
                {},
                [],
                req_offset,
                tuple(req_chars),
                req_flags,
                groups,
            )
        except Exception:  # a damaged entry only costs the compile below
            pass
    return regex.compile(pattern, flags)


# ---------------------------------------------------------------------- making the tables


def builtin_regexes() -> set[tuple[str, int]]:
    """Every (pattern, flags) a built-in rule's Matcher may compile (each pattern alone and
    its lookbehind-free twin, when patterns run one at a time; the alternation of
    them all and its twin), and profile detection's alternations."""
    from lcsprlint.engine import detect
    from lcsprlint.kinds.literal_table import builtin_matchers
    from lcsprlint.kinds.patterns import Matcher, _alternation

    out: set[tuple[str, int]] = {
        (rx, detect._FLAGS)
        for table in (detect._TITLE, detect._SELF)
        for rx in detect.alternations(table).values()
    }
    for m in builtin_matchers():
        if not isinstance(m, Matcher) or not m.patterns:
            continue
        flags = m._flags
        m._build()
        out.add((_alternation(m.patterns, m._whole), flags))
        if isinstance(m._pre, str):
            out.add((m._pre, flags))
        for single in m._singles or ():
            out.add((single.pattern, flags))
            if isinstance(single._pre, str):
                out.add((single._pre, flags))
    return out


def builtin_res() -> set[tuple[str, int]]:
    """Every (pattern, flags) of the package's ``re`` patterns compiled on first use
    (:class:`~lcsprlint.textutil.LazyPattern`, the detectors'
    :func:`~lcsprlint.kinds.pii.common.lazy` included, found from the globals of every
    module of the package) or at import (:func:`re_constant`)."""
    import lcsprlint
    from lcsprlint.textutil import LazyPattern

    roots: list[Any] = [vars(m) for m in modules_of(lcsprlint)]
    out: set[tuple[str, int]] = set(CONSTANTS)
    out.update((obj.pattern, obj._flags) for obj in reachable(roots, (LazyPattern,)))
    return out


def modules_of(package: Any) -> list[Any]:
    """``package`` and every module under it, imported (not ``__main__``, which runs)."""
    import pkgutil
    from importlib import import_module

    found = [package]
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        if not info.name.endswith("__main__"):
            found.append(import_module(info.name))
    return found


def reachable(roots: list[Any], kinds: tuple[type, ...]) -> list[Any]:
    """Every object of one of ``kinds`` that ``roots`` reach (through what the garbage
    collector sees each refer to: attributes, items, closures; not through classes or
    modules, so a walk from a few modules stays in them)."""
    import gc
    import types

    found: dict[int, Any] = {}
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (type, types.ModuleType)):
            continue
        seen.add(id(obj))
        if isinstance(obj, kinds):
            found[id(obj)] = obj
        stack.extend(gc.get_referents(obj))
    return list(found.values())


def computed_re(patterns: set[tuple[str, int]]) -> dict[str, Any]:
    """The ``re`` table for these patterns, compiled now."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    rows = []
    for p, f in sorted(patterns):
        parsed = _parser.parse(p, f)
        program = array("I", _compiler._code(parsed, f)).tobytes()
        rows.append(
            [
                p,
                f,
                f | parsed.state.flags,
                parsed.state.groups - 1,
                dict(parsed.state.groupdict),
                *_encoded(program),
            ]
        )
    return {"format": FORMAT, "made-under": re_made_under(), "patterns": rows}


def computed_regex(patterns: set[tuple[str, int]]) -> dict[str, Any]:
    """The ``regex`` table for these patterns, compiled now: what ``regex`` itself keeps
    to pickle each (those it refuses, or that use named lists, are left out)."""
    import regex

    rows = []
    for p, f in sorted(patterns):
        try:
            rx = regex.compile(p, f)
        except regex.error:
            continue
        (
            _p,
            all_flags,
            code,
            group_index,
            _index_group,
            named_lists,
            named_list_indexes,
            req_offset,
            req_chars,
            req_flags,
            groups,
        ) = rx._pickled_data
        if named_lists or named_list_indexes:
            continue
        rows.append(
            [
                p,
                f,
                all_flags,
                *_encoded(code),
                dict(group_index),
                req_offset,
                list(req_chars),
                req_flags,
                groups,
            ]
        )
    return {"format": FORMAT, "made-under": regex_made_under(), "patterns": rows}


def render(table: dict[str, Any]) -> str:
    """A table as its file holds it: one pattern a line, so that a diff shows what changed."""
    rows = ",\n".join(json.dumps(row, ensure_ascii=True) for row in table["patterns"])
    head = json.dumps({"format": table["format"], "made-under": table["made-under"]})
    return f'{head[:-1]}, "patterns": [\n{rows}\n]}}\n'
