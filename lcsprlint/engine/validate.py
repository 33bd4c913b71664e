"""Validate rule files and turn them into :class:`~lcsprlint.rule.Rule` objects.

Rule authors are not programmers, so every problem is reported as
``file:line: what is wrong`` at the line of the offending key, and all
problems of a run are collected (not just the first) so one pass of
``lcsprlint check-rules`` shows everything to fix.

Each rule goes through, in order: its kind must exist; the JSON Schema
(common fields + the kind's parameters; unknown keys are errors); every
parameter declared ``"format": "regex"`` is compiled with the engine rules
run with and probed on pathological strings under a short time limit, so a
pattern that backtracks catastrophically is refused before it meets a 300-page
draft; the kind's own ``validate`` hook. Across files, ids and names must be
unique.

At run time the built-in packs skip all of this (``collect_rules(...,
trust_builtin=True)``): the test suite loads and validates them strictly, so
re-validating them on every run (JSON Schema, compiling every pattern, the
kinds' hooks) would only repeat what the suite proves, at most of start-up's
cost. Their rules are still built by the same code, and a test proves both
paths give the same rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from lcsprlint.engine.lines import LineDict, LineList, plain
from lcsprlint.engine.schema import COMMON_FIELDS, RESERVED_ID_PREFIX, rule_schema
from lcsprlint.errors import RuleFileError
from lcsprlint.kinds.base import CheckKind
from lcsprlint.kinds.patterns import check_pattern
from lcsprlint.rule import Rule

if TYPE_CHECKING:
    import jsonschema

#: Seconds a pattern may take on one probe string at load time.
PROBE_TIMEOUT = 0.1
#: A short probe for exponential blow-up, a paragraph-long one for polynomial.
_PROBE_LENGTHS = (48, 800)
_RULE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a rule file, at a 1-based line when known."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


class RuleFileProblems(RuleFileError):
    """Every problem found in a set of rule files; ``str()`` shows the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.path, first.message, first.line)


def probe_pattern(pattern: str, timeout: float = PROBE_TIMEOUT) -> str | None:
    """Run a pattern on strings that make backtracking patterns explode.

    The ``regex`` package defuses some classic cases on short text, but
    nested repetition still costs polynomial time on a long paragraph
    (``(x+x+)+y`` ran past a second on 1,000 characters), so each probe comes
    short (exponential blow-up) and paragraph-long (polynomial). The probes
    repeat each literal character of the pattern (and a few usual suspects)
    and end with a character nothing expects, which forces a full backtrack.
    """
    try:
        rx = regex.compile(pattern, regex.VERSION0 | regex.IGNORECASE)
    except regex.error:
        return None  # reported by check_pattern
    chars = [c for c in dict.fromkeys(pattern) if c.isalnum() or c in " -'."]
    units = [*chars[:8], "a", " ", "1", "a ", "aa a"]
    probes = [
        (u * (length // len(u)) + end)
        for length in _PROBE_LENGTHS
        for u in dict.fromkeys(units)
        for end in ("\u0001",)
    ]
    for text in probes:
        try:
            rx.search(text, timeout=timeout)
        except TimeoutError:
            return (
                f"pattern {pattern!r} backtracks catastrophically (it ran past {timeout}s on a "
                f"{len(text)}-character test string); rewrite it without nested repetition"
            )
    return None


def _regex_values(
    schema: Any, instance: Any, path: tuple[Any, ...]
) -> Iterable[tuple[tuple[Any, ...], str]]:
    """Every string in ``instance`` that ``schema`` declares as ``format: regex``."""
    if not isinstance(schema, Mapping):
        return
    if schema.get("format") == "regex" and isinstance(instance, str):
        yield path, instance
    items = schema.get("items")
    if isinstance(items, Mapping) and isinstance(instance, list):
        for i, item in enumerate(instance):
            yield from _regex_values(items, item, (*path, i))
    props = schema.get("properties")
    if isinstance(instance, dict):
        extra = schema.get("additionalProperties")
        for key, value in instance.items():
            sub = props.get(key) if isinstance(props, Mapping) else None
            if sub is None and isinstance(extra, Mapping):
                sub = extra
            if sub is not None:
                yield from _regex_values(sub, value, (*path, key))
    for combinator in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(combinator, ()) or ():
            yield from _regex_values(sub, instance, path)


def _line_at(data: Any, path: Sequence[Any]) -> int | None:
    """The line of the key or item at ``path`` (else of the nearest container above it)."""
    node = data
    line = getattr(data, "line", None)
    for step in path:
        if isinstance(node, (LineDict, LineList)):
            line = node.line_of(step) or line
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line


def _where(path: Sequence[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return type(value).__name__


def _describe(
    error: jsonschema.ValidationError, allowed_keys: Iterable[str]
) -> tuple[list[Any], str]:
    """A path (for the line) and a plain-English message for one schema error."""
    path = list(error.absolute_path)
    where = _where(path)
    v = error.validator
    if "propertyNames" in error.schema_path:
        key = error.instance
        from difflib import get_close_matches  # only for a mistake

        hint = get_close_matches(str(key), list(allowed_keys), n=1)
        extra = f" (did you mean '{hint[0]}'?)" if hint else ""
        return [*path, key], f"unknown key '{key}'{extra}"
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        inside = f" in {where}" if where else ""
        return path, f"missing required field '{missing}'{inside}"
    if v == "additionalProperties":
        return path, f"{where or 'rule'}: {error.message}"
    if v in ("anyOf", "oneOf") and error.context:
        subs = error.context
        if all(e.validator == "type" and not list(e.relative_path) for e in subs):
            names: list[str] = []
            for e in subs:
                value = e.validator_value
                names.extend([value] if isinstance(value, str) else value)
            want = " or ".join(_TYPE_NAMES.get(n, n) for n in dict.fromkeys(names))
            return path, f"'{where}' must be {want}, not {_type_name(error.instance)}"
        # Prefer the branch that accepted the value's type and failed deeper.
        from jsonschema.exceptions import best_match

        deeper = [e for e in error.context if list(e.relative_path) or e.validator != "type"]
        best = best_match(deeper or error.context)
        if best is not None:
            return _describe(best, allowed_keys)
    if v == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        want = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        return path, f"'{where}' must be {want}, not {_type_name(error.instance)}"
    if v == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return path, f"'{where}' must be one of: {choices} (got {error.instance!r})"
    if v == "pattern":
        return path, f"'{where}' value {error.instance!r} does not match {error.validator_value}"
    if v in ("minLength",) and error.validator_value == 1:
        return path, f"'{where}' must not be empty"
    return path, f"'{where}': {error.message}" if where else error.message


def _to_rule(data: Mapping[str, Any], path: str, default_profiles: Sequence[str]) -> Rule:
    """The Rule of a rule mapping known to be valid (one code path for checked and trusted)."""
    params = {k: v for k, v in data.items() if k not in COMMON_FIELDS}
    profiles = data.get("profiles")
    return Rule(
        id=data["id"],
        name=data["name"],
        category=data["category"],
        severity=data["severity"],
        message=data["message"],
        rationale=data["rationale"],
        source=data["source"],
        fix=data["fix"],
        check=data["check"],
        params=plain(params),
        profiles=tuple(profiles) if profiles is not None else tuple(default_profiles),
        enabled=bool(data.get("enabled", True)),
        origin=path,
        line=getattr(data, "line", None) or 0,
    )


class RuleValidator:
    """Validates rule mappings against a set of check kinds (schema built once, on first use)."""

    def __init__(
        self, kinds: Mapping[str, CheckKind], *, probe_timeout: float = PROBE_TIMEOUT
    ) -> None:
        self.kinds = kinds
        self.probe_timeout = probe_timeout
        self._schema_validator: jsonschema.Draft7Validator | None = None

    @property
    def _validator(self) -> jsonschema.Draft7Validator:
        # jsonschema costs a tenth of a second to import: only rules that are checked need it.
        if self._schema_validator is None:
            import jsonschema

            self._schema_validator = jsonschema.Draft7Validator(rule_schema(self.kinds))
        return self._schema_validator

    def validate(
        self, data: Any, path: str, default_profiles: Sequence[str] = ()
    ) -> tuple[Rule | None, list[Problem]]:
        """One rule mapping -> (the Rule, or None when invalid; its problems)."""
        line = getattr(data, "line", None)
        if not isinstance(data, dict):
            return None, [Problem(path, line, "a rule must be a mapping of fields")]
        problems: list[Problem] = []
        check = data.get("check")
        kind = self.kinds.get(check) if isinstance(check, str) else None
        if isinstance(check, str) and kind is None:
            known = ", ".join(sorted(self.kinds)) or "none installed"
            from difflib import get_close_matches  # only for a mistake

            hint = get_close_matches(check, list(self.kinds), n=1)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            problems.append(
                Problem(
                    path,
                    _line_at(data, ["check"]),
                    f"unknown check kind '{check}' (known: {known}){extra}",
                )
            )
        allowed = set(COMMON_FIELDS) | (set(kind.params) if kind else set())
        seen: set[tuple[int | None, str]] = set()
        for error in sorted(
            self._validator.iter_errors(data), key=lambda e: list(map(str, e.path))
        ):
            if kind is None and list(error.path) == ["check"] and error.validator == "enum":
                continue
            epath, message = _describe(error, allowed)
            where = _line_at(data, epath)
            if (where, message) not in seen:
                seen.add((where, message))
                problems.append(Problem(path, where, message))

        rule_id = data.get("id")
        if isinstance(rule_id, str) and rule_id.startswith(RESERVED_ID_PREFIX):
            problems.append(
                Problem(
                    path,
                    _line_at(data, ["id"]),
                    f"rule ids starting '{RESERVED_ID_PREFIX}' are reserved for lcsprlint itself",
                )
            )
        if problems or kind is None:
            return None, sorted(problems, key=lambda p: p.line or 0)

        params = {k: v for k, v in data.items() if k not in COMMON_FIELDS}
        problems.extend(self.check_params(kind, params, data, path))
        if problems:
            return None, problems
        return _to_rule(data, path, default_profiles), []

    def check_params(
        self, kind: CheckKind, params: Mapping[str, Any], data: Any, path: str
    ) -> list[Problem]:
        """Regexes compiled and probed, then the kind's own hook (also for config overrides)."""
        problems = []
        # The built-in packs are probed by the test suite (test_builtin_packs_pass_the_probe),
        # so a run skips the probe for them: it is a third of start-up.
        probe = not _is_builtin(path)
        for vpath, pattern in _regex_values({"properties": dict(kind.params)}, dict(params), ()):
            err = check_pattern(pattern) or (
                probe_pattern(pattern, self.probe_timeout) if probe else None
            )
            if err:
                problems.append(Problem(path, _line_at(data, vpath), f"'{_where(vpath)}': {err}"))
        if not problems and kind.validate is not None:
            err = kind.validate(plain(dict(params)))
            if err:
                problems.append(Problem(path, _line_at(data, ["check"]), err))
        return problems

    def params_errors(self, kind: CheckKind, params: Mapping[str, Any]) -> list[str]:
        """Schema errors of a parameter set alone (for per-rule overrides in configuration)."""
        import jsonschema

        validator = jsonschema.Draft7Validator(
            {
                "type": "object",
                "properties": dict(kind.params),
                "required": list(kind.required),
                "propertyNames": {"enum": sorted(kind.params)},
            }
        )
        return [_describe(e, kind.params)[1] for e in validator.iter_errors(dict(params))]


def read_rule_documents(path: str | Path, *, builtin: bool = False) -> list[LineDict]:
    """:func:`lcsprlint.engine.loader.read_rule_documents`, importing PyYAML only when a
    file is parsed: a run whose pack comes from the snapshot never needs it."""
    from lcsprlint.engine import loader

    return loader.read_rule_documents(path, builtin=builtin)


def rule_files(path: str | Path) -> list[Path]:
    """A rule file, or every ``*.yaml``/``*.yml`` under a folder, sorted.

    Files and folders whose names start with ``.`` or ``_`` are skipped (a
    place for drafts and fixtures next to a pack), and so are the expectation
    files of ``lcsprlint test-rules`` fixtures (``*.expect.yaml``).
    """
    p = Path(path)
    if p.is_dir():
        return sorted(_rule_files_under(p, str(p)))
    if not p.exists():
        raise RuleFileError(str(path), "no such rule file or folder")
    return [p]


def _rule_files_under(folder: Path, where: str) -> Iterator[Path]:
    """The rule files under ``folder`` (at ``where``), in no particular order.

    What ``sorted(folder.rglob("*"))`` filtered as :func:`rule_files` says
    would keep, walked with :func:`os.scandir` (a pack's folder holds a
    hundred test documents, and pathlib made a Path of each, ~2 ms a run): a
    name starting with ``.`` or ``_`` is not entered (everything under it is
    skipped), folders are entered as rglob enters them (not through symbolic
    links; an unreadable one holds nothing), and a file is kept on the same
    tests, applied to the same Path.
    """
    try:
        with os.scandir(where) as it:
            entries = list(it)
    except PermissionError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith((".", "_")):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir and not entry.is_symlink():
            yield from _rule_files_under(folder / name, entry.path)
        elif name.lower().endswith(_RULE_SUFFIXES):  # the suffix rule_files keeps
            f = folder / name
            if not f.stem.lower().endswith(".expect") and f.is_file():
                yield f


def duplicate_problems(rules: Sequence[Rule]) -> list[Problem]:
    """Ids and names must be unique across every rule file of a run."""
    problems = []
    seen_id: dict[str, Rule] = {}
    seen_name: dict[str, Rule] = {}
    for rule in rules:
        first = seen_id.setdefault(rule.id, rule)
        if first is not rule:
            problems.append(
                Problem(
                    rule.origin,
                    rule.line,
                    f"duplicate rule id '{rule.id}' (also at {first.origin}:{first.line})",
                )
            )
        first = seen_name.setdefault(rule.name, rule)
        if first is not rule:
            problems.append(
                Problem(
                    rule.origin,
                    rule.line,
                    f"duplicate rule name '{rule.name}' (also at {first.origin}:{first.line})",
                )
            )
    return problems


def _is_builtin(path: str | Path, root: Path | None = None) -> bool:
    """Whether a rule file is one of the packs shipped with lcsprlint.

    ``root``: the packs' folder, resolved (looked up when not given). An empty
    path (a parameter override from configuration) is never built in.
    """
    return _builtin_name(path, root) is not None


def _builtin_name(path: str | Path, root: Path | None = None) -> str | None:
    """The path of a built-in pack's file relative to the packs' folder (``lcspr/x.yaml``);
    None for any other file. ``root``: as for :func:`_is_builtin`."""
    if not str(path):
        return None
    if root is None:
        from lcsprlint.engine.builtin import builtin_rules_dir

        found = builtin_rules_dir()
        if found is None:
            return None
        root = found.resolve()
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def _trusted_documents(f: Path, name: str, kinds: Mapping[str, CheckKind]) -> list[Any]:
    """The rule mappings of a built-in pack's file ``f`` (``name`` relative to the packs).

    From the snapshot (:mod:`lcsprlint.engine.snapshot`) when it holds the
    file as it is and every rule's kind is known, else parsed with libyaml (a
    rule of an unknown kind is validated, and its problems want every line).
    """
    from lcsprlint.engine import snapshot

    try:
        raw = f.read_bytes()
    except OSError:
        raw = b""  # read_rule_documents says why
    docs = snapshot.documents(raw, name) if raw else None
    if docs is None or any(d.get("check") not in kinds for d in docs):
        return read_rule_documents(f, builtin=True)
    return docs


def _builtin_root() -> Path | None:
    from lcsprlint.engine.builtin import builtin_rules_dir

    root = builtin_rules_dir()
    return root.resolve() if root is not None else None


def collect_rules(
    sources: Iterable[str | Path | tuple[str | Path, Sequence[str]]],
    kinds: Mapping[str, CheckKind],
    *,
    probe_timeout: float = PROBE_TIMEOUT,
    trust_builtin: bool = False,
) -> tuple[list[Rule], list[Problem]]:
    """Load and validate rule files and folders, collecting every problem.

    A source is a path, or ``(path, default_profiles)``: rules that do not
    say which profiles they apply to get those (built-in packs pass their
    profile name).

    ``trust_builtin`` (a run, not ``check-rules`` nor the tests): files of the
    built-in packs are taken from their snapshot (else parsed with libyaml)
    and turned into rules without validation, since the test suite validates
    them strictly. Other files are always validated in full.
    """
    validator = RuleValidator(kinds, probe_timeout=probe_timeout)
    root = _builtin_root() if trust_builtin else None
    rules: list[Rule] = []
    problems: list[Problem] = []
    for source in sources:
        if isinstance(source, tuple):
            src, defaults = source
        else:
            src, defaults = source, ()
        try:
            files = rule_files(src)
        except RuleFileError as exc:
            problems.append(Problem(str(src), None, exc.cause))
            continue
        for f in files:
            name = str(f)
            relative = _builtin_name(f, root) if root is not None else None
            trusted = relative is not None
            try:
                if relative is not None:
                    docs = _trusted_documents(f, relative, kinds)
                else:
                    docs = read_rule_documents(f)
            except RuleFileError as exc:
                problems.append(Problem(name, getattr(exc, "line", None), exc.cause))
                continue
            for data in docs:
                if trusted and data.get("check") in kinds:  # else say which kind is missing
                    rules.append(_to_rule(data, name, defaults))
                    continue
                rule, errs = validator.validate(data, name, defaults)
                problems.extend(errs)
                if rule is not None:
                    rules.append(rule)
    problems.extend(duplicate_problems(rules))
    return rules, problems


def load_rules(
    sources: Iterable[str | Path | tuple[str | Path, Sequence[str]]],
    kinds: Mapping[str, CheckKind],
    *,
    probe_timeout: float = PROBE_TIMEOUT,
    trust_builtin: bool = False,
) -> list[Rule]:
    """Like :func:`collect_rules`, but raise :class:`RuleFileProblems` on any problem."""
    rules, problems = collect_rules(
        sources, kinds, probe_timeout=probe_timeout, trust_builtin=trust_builtin
    )
    if problems:
        raise RuleFileProblems(problems)
    return rules
