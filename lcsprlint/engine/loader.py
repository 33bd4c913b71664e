"""Safe YAML loading for rule files and configuration, keeping line numbers.

Rule files are written by hand by people who are not programmers, and may
come from anywhere, so loading is deliberately strict:

* only plain YAML data is constructed (PyYAML's safe constructor: an unknown
  tag such as ``!!python/object`` is an error, never executed);
* anchors and aliases are refused: an alias bomb parses in a millisecond but
  explodes anything that walks the data (schema validation took minutes);
* a key written twice in one mapping is an error (PyYAML silently keeps the
  last one, which hides mistakes in hand-edited rules);
* timestamps stay strings (``2021-07-01`` is text to a rule, not a date);
* files are capped in size.

Every mapping is a :class:`LineDict` that remembers the 1-based line of each
of its keys, and every sequence a :class:`LineList` that remembers the line of
each item, so problems can be reported as ``file:line: what is wrong`` at the
line of the offending key.

The built-in packs are the exception: the test suite loads them strictly (and
proves the fast loader gives the same data, lines included), so at run time
they are parsed by libyaml (``yaml.CSafeLoader``, in PyYAML's wheels) with
the same constructors, about ten times faster than PyYAML's pure-Python
composer. Without libyaml they are parsed strictly like any other file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, SequenceNode

from lcsprlint.engine.lines import LineDict, LineList
from lcsprlint.errors import RuleFileError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "FastLoader",
    "LineDict",
    "LineList",
    "StrictLoader",
    "load_yaml_text",
    "read_rule_documents",
    "read_yaml",
]

#: Largest rule or configuration file read, in bytes. Real rule files are a few KB.
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of lists and mappings read; real rule files nest four or five levels.
MAX_DEPTH = 40


def _without_timestamps() -> dict[Any, list[tuple[str, Any]]]:
    resolvers = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:timestamp"]
        if kept:
            resolvers[first] = kept
    return resolvers


class _LineConstructor(SafeConstructor):
    """Mappings and sequences that remember their lines; duplicate keys refused."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LineDict:
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping node, but found {node.id}", node.start_mark
            )
        self.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError as exc:
                raise ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found an unhashable key",
                    key_node.start_mark,
                ) from exc
            if key in out:
                raise ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {out.key_lines[key]})",
                    key_node.start_mark,
                )
            out[key] = self.construct_object(value_node, deep=deep)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    def construct_yaml_map(self, node: MappingNode) -> Any:
        data = self.construct_mapping(node, deep=True)
        yield data

    def construct_yaml_seq(self, node: SequenceNode) -> Any:
        out = LineList()
        out.line = node.start_mark.line + 1
        yield out
        out.extend(self.construct_object(child, deep=True) for child in node.value)
        out.item_lines = [child.start_mark.line + 1 for child in node.value]


class StrictLoader(_LineConstructor, yaml.SafeLoader):
    """SafeLoader without anchors, aliases, duplicate keys or timestamps; records lines."""

    yaml_implicit_resolvers = _without_timestamps()

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None,
                None,
                "YAML aliases (*name) are not allowed in rule or configuration files",
                event.start_mark,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:
            raise ComposerError(
                None,
                None,
                "YAML anchors (&name) are not allowed in rule or configuration files",
                event.start_mark,
            )
        # PyYAML composes recursively: "[[[[..." a few KB long would overflow the stack.
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# The constructors typed for the loader they are added to: passed as they are, mypy takes
# their loader to be _LineConstructor, which is not one of the loaders PyYAML's stubs allow.
_strict_map: Callable[[StrictLoader, MappingNode], Any] = StrictLoader.construct_yaml_map
_strict_seq: Callable[[StrictLoader, SequenceNode], Any] = StrictLoader.construct_yaml_seq
StrictLoader.add_constructor("tag:yaml.org,2002:map", _strict_map)
StrictLoader.add_constructor("tag:yaml.org,2002:seq", _strict_seq)

#: The loader for the built-in packs: libyaml's composer (C) with the same constructors
#: and resolvers as StrictLoader, so the data (lines included) is the same; None when
#: PyYAML was built without libyaml. It does not refuse anchors, aliases or deep nesting:
#: only files the test suite loads strictly may use it.
FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(_LineConstructor, yaml.CSafeLoader):
        yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers

    _fast_map: Callable[[_FastLoader, MappingNode], Any] = _FastLoader.construct_yaml_map
    _fast_seq: Callable[[_FastLoader, SequenceNode], Any] = _FastLoader.construct_yaml_seq
    _FastLoader.add_constructor("tag:yaml.org,2002:map", _fast_map)
    _FastLoader.add_constructor("tag:yaml.org,2002:seq", _fast_seq)
    FastLoader = _FastLoader


def _error_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _error_cause(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        text = "; ".join(parts) or "invalid YAML"
    else:
        text = str(exc) or "invalid YAML"
    text = " ".join(text.split())
    if isinstance(exc, (yaml.scanner.ScannerError, yaml.parser.ParserError)):
        return f"invalid YAML: {text}"
    return text


def load_yaml_text(text: str, path: str, *, builtin: bool = False) -> Any:
    """Parse one YAML document strictly; errors become RuleFileError with a line.

    ``builtin`` (a built-in pack, which the test suite loads strictly) parses
    with :data:`FastLoader` when libyaml is there.
    """
    loader = (FastLoader if builtin else None) or StrictLoader
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise RuleFileError(path, _error_cause(exc), _error_line(exc)) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # A scalar the constructors cannot take, e.g. an integer of 5,000 digits.
        raise RuleFileError(path, f"invalid value ({type(exc).__name__})") from None


def read_yaml(path: str | Path, *, builtin: bool = False) -> Any:
    """Read and parse a YAML file strictly, capping its size.

    Raises :class:`RuleFileError` (with the line where known) for anything
    wrong: missing, too large, not UTF-8, or invalid YAML. ``builtin``: see
    :func:`load_yaml_text`.
    """
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RuleFileError(name, f"file is too large ({size} bytes; limit {MAX_FILE_BYTES})")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise RuleFileError(name, "no such file") from None
    except IsADirectoryError:
        raise RuleFileError(name, "is a folder, not a file") from None
    except OSError as exc:
        raise RuleFileError(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(name, "not UTF-8 text") from None
    return load_yaml_text(text, name, builtin=builtin)


def read_rule_documents(path: str | Path, *, builtin: bool = False) -> list[LineDict]:
    """The rule mappings in a rule file: one mapping or a list of mappings.

    An empty file holds no rules. Anything else at the top level is an error
    naming its line. ``builtin``: see :func:`load_yaml_text`.
    """
    name = str(path)
    data = read_yaml(path, builtin=builtin)
    if data is None:
        return []
    if isinstance(data, LineDict):
        return [data]
    if isinstance(data, LineList):
        out = []
        for i, item in enumerate(data):
            if not isinstance(item, LineDict):
                raise RuleFileError(
                    name, "each item of a rule list must be a mapping (a rule)", data.line_of(i)
                )
            out.append(item)
        return out
    raise RuleFileError(name, "a rule file must hold a rule (a mapping) or a list of rules", 1)
