"""Configuration: finding it, reading it, and layering the command line over it.

A partnership keeps its settings beside its drafts, so configuration is found
from the checked file's folder upward, the nearest folder winning: in each
folder ``.lcsprlint.yaml`` (or ``.lcsprlint.yml``) first, then a
``pyproject.toml`` that has a ``[tool.lcsprlint]`` table (a pyproject.toml
without one is passed over, as ruff does). ``--config FILE`` replaces the
search. Paths in a configuration file (``rules``, ``per-file-ignores``) are
relative to that file's folder.

Keys (kebab-case, the same in YAML and TOML)::

    profile: lcspr                 # which built-in pack (default auto: detected per file)
    rules: [local-rules/]          # extra rule files or folders
    select: [ALL]                  # replaces the default set
    ignore: [readability]          # selectors: id, name, category, id prefix
    extend-select: [LCSPR190]
    severity: {LCSPR140: error}    # per selector
    params: {LCSPR140: {max-share: 0.3}}   # merged into a rule's parameters
    fail-on: warning               # error | warning | info | never
    per-file-ignores: {"appendices/*.md": [chronology]}
    regex-timeout: 0.5             # seconds per search

The command line layers over the file: ``--select`` replaces, ``--ignore``
and ``--extend-select`` add, ``--rules`` adds, the rest replace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lcsprlint.engine.builtin import DEFAULT_PROFILE
from lcsprlint.engine.lines import LineDict, plain
from lcsprlint.engine.schema import NAME_PATTERN
from lcsprlint.errors import ConfigError, RuleFileError
from lcsprlint.rule import SEVERITIES
from lcsprlint.textutil import LazyPattern

CONFIG_NAMES = (".lcsprlint.yaml", ".lcsprlint.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")
#: ``profile: auto`` (or none at all): detect each document's type from its title and opening.
AUTO_PROFILE = "auto"
DEFAULT_FAIL_ON = "warning"

_SELECTORS = {"type": "array", "items": {"type": "string", "minLength": 1}}

#: JSON Schema (draft-07) of a configuration file.
CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "profile": {"type": "string", "pattern": NAME_PATTERN},
        "rules": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "select": _SELECTORS,
        "ignore": _SELECTORS,
        "extend-select": _SELECTORS,
        "severity": {"type": "object", "additionalProperties": {"enum": list(SEVERITIES)}},
        "params": {"type": "object", "additionalProperties": {"type": "object"}},
        "fail-on": {"enum": list(FAIL_ON)},
        "per-file-ignores": {"type": "object", "additionalProperties": _SELECTORS},
        "regex-timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 60},
    },
}


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (or none: every field unset)."""

    path: Path | None = None
    profile: str | None = None
    rules: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: str | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    regex_timeout: float | None = None
    #: 1-based line of each key (and of ``params.<rule>`` / ``severity.<rule>``), for errors.
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def root(self) -> Path | None:
        """The folder relative paths in the file are taken from."""
        return self.path.parent if self.path is not None else None

    def where(self, key: str) -> str | None:
        """``file:line`` of a key, for ConfigError."""
        if self.path is None:
            return None
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else str(self.path)


@dataclass(frozen=True)
class Options:
    """The command-line layer (None / empty: not given)."""

    config: Path | None = None
    profile: str | None = None
    rules: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None
    regex_timeout: float | None = None


@dataclass(frozen=True)
class Settings:
    """What a run on one file uses: the configuration file with the command line over it."""

    config: Config
    profile: str
    rules: tuple[Path, ...]
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    extend_select: tuple[str, ...]
    severity: Mapping[str, str]
    params: Mapping[str, Mapping[str, Any]]
    fail_on: str
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    regex_timeout: float | None
    #: No profile named (or ``auto``): each document's type is detected; ``profile`` is the
    #: fallback used when it cannot be told.
    detect: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The resolved settings as plain data (``--show-config``)."""
        return {
            "config-file": str(self.config.path) if self.config.path else None,
            "profile": self.profile,
            "profile-detection": self.detect,
            "rules": [str(p) for p in self.rules],
            "select": list(self.select) if self.select is not None else None,
            "ignore": list(self.ignore),
            "extend-select": list(self.extend_select),
            "severity": dict(self.severity),
            "params": {k: dict(v) for k, v in self.params.items()},
            "fail-on": self.fail_on,
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores},
            "regex-timeout": self.regex_timeout,
        }


def find_config(start: str | Path) -> Path | None:
    """The nearest configuration file from ``start`` (a file or folder) upward, or None."""
    p = Path(start).resolve()
    folder = p if p.is_dir() else p.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file():
                return candidate
        candidate = d / PYPROJECT
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


_TOOL_HEADER = LazyPattern(r"^\s*\[\s*tool\s*\.\s*lcsprlint\s*[\].]", re.MULTILINE)


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return bool(_TOOL_HEADER.search(text)) or "tool.lcsprlint" in text


def _load_toml(path: Path) -> Any:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            raise ConfigError(
                str(path), "reading pyproject.toml needs Python 3.11+ or the tomli package"
            ) from None
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None
    except (RecursionError, ValueError) as exc:  # nested too deep; an integer of 5,000 digits
        raise ConfigError(str(path), f"invalid TOML ({type(exc).__name__})") from None
    table = data.get("tool", {}).get("lcsprlint")
    if table is None:
        return LineDict()
    if not isinstance(table, dict):
        raise ConfigError(str(path), "[tool.lcsprlint] must be a table")
    out = LineDict(table)
    out.line = 1
    out.key_lines = _toml_key_lines(text, table)
    return out


def _toml_key_lines(text: str, table: Mapping[str, Any]) -> dict[str, int]:
    """Best-effort lines of the keys of [tool.lcsprlint] (tomllib keeps none)."""
    lines: dict[str, int] = {}
    inside = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        header = re.match(r"^\[\s*tool\s*\.\s*lcsprlint\s*(?:\.\s*\"?([\w-]+)\"?)?.*\]$", line)
        if header:
            inside = True
            if header.group(1):
                lines.setdefault(header.group(1), n)
            continue
        if line.startswith("["):
            inside = False
            continue
        key = re.match(r'^"?([\w.-]+)"?\s*=', line)
        if inside and key and key.group(1) in table:
            lines.setdefault(key.group(1), n)
    return lines


def _split(value: Any) -> Any:
    """Accept ``"a, b"`` for a list of selectors, as the command line does."""
    if isinstance(value, str):
        return [s.strip() for s in value.split(",") if s.strip()]
    return value


def load_config(path: str | Path) -> Config:
    """Read and validate one configuration file (YAML, or pyproject.toml's table)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(str(path), "no such configuration file")
    if p.name == PYPROJECT or p.suffix == ".toml":
        data = _load_toml(p)
    else:
        from lcsprlint.engine.loader import read_yaml  # PyYAML only for a YAML file

        try:
            data = read_yaml(p)
        except RuleFileError as exc:
            where = f"{path}:{exc.line}" if exc.line else str(path)
            raise ConfigError(where, exc.cause) from None
        if data is None:
            data = LineDict()
    if not isinstance(data, dict):
        raise ConfigError(str(path), "configuration must be a mapping of settings")

    for setting in ("select", "ignore", "extend-select"):
        if setting in data:
            data[setting] = _split(data[setting])
    if isinstance(data.get("per-file-ignores"), dict):
        pfi = data["per-file-ignores"]
        for glob in list(pfi):
            pfi[glob] = _split(pfi[glob])

    lines: dict[str, int] = {}
    if isinstance(data, LineDict):
        lines.update({str(k): v for k, v in data.key_lines.items()})
        for table in ("params", "severity", "per-file-ignores"):
            sub = data.get(table)
            if isinstance(sub, LineDict):
                for k, v in sub.key_lines.items():
                    lines[f"{table}.{k}"] = v
                for k in sub:
                    lines.setdefault(f"{table}.{k}", lines.get(table, 0))
    errors = [] if plainly_valid(data) else _schema_errors(data)
    if errors:
        e = errors[0]
        key = str(e.path[0]) if e.path else None
        if e.validator == "additionalProperties" and not e.path:
            unknown = sorted(set(data) - set(CONFIG_SCHEMA["properties"]))
            key = str(unknown[0]) if unknown else None
            message = f"unknown key '{key}' (known: {', '.join(CONFIG_SCHEMA['properties'])})"
        else:
            where = ".".join(str(s) for s in e.path)
            message = f"'{where}': {e.message}" if where else e.message
        line = lines.get(key or "", getattr(data, "line", 0))
        if key and len(e.path) > 1:
            line = lines.get(f"{key}.{e.path[1]}", line)
        raise ConfigError(f"{p}:{line}" if line else str(p), message)

    root = p.parent
    return Config(
        path=p,
        profile=data.get("profile"),
        rules=tuple(root / Path(r).expanduser() for r in data.get("rules", ())),
        select=tuple(data["select"]) if "select" in data else None,
        ignore=tuple(data.get("ignore", ())),
        extend_select=tuple(data.get("extend-select", ())),
        severity=dict(data.get("severity", {})),
        params={str(k): plain(v) for k, v in data.get("params", {}).items()},
        fail_on=data.get("fail-on"),
        per_file_ignores=tuple(
            (str(g), tuple(s)) for g, s in data.get("per-file-ignores", {}).items()
        ),
        regex_timeout=data.get("regex-timeout"),
        lines=lines,
    )


def _selectors(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(s, str) and s for s in value)


def _str_keys(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) for k in value)


#: What :func:`plainly_valid` accepts for each key of :data:`CONFIG_SCHEMA`.
_PLAIN_CHECKS: dict[str, Any] = {
    "profile": lambda v: isinstance(v, str) and re.fullmatch(NAME_PATTERN, v) is not None,
    "rules": _selectors,
    "select": _selectors,
    "ignore": _selectors,
    "extend-select": _selectors,
    "severity": lambda v: (
        _str_keys(v) and all(isinstance(x, str) and x in SEVERITIES for x in v.values())
    ),
    "params": lambda v: _str_keys(v) and all(isinstance(x, dict) for x in v.values()),
    "fail-on": lambda v: isinstance(v, str) and v in FAIL_ON,
    "per-file-ignores": lambda v: _str_keys(v) and all(_selectors(x) for x in v.values()),
    "regex-timeout": lambda v: (
        isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= 60
    ),
}


def plainly_valid(data: Mapping[Any, Any]) -> bool:
    """Whether a configuration is certainly valid against :data:`CONFIG_SCHEMA`, checked by hand.

    A shortcut, not a second validator: jsonschema takes a tenth of a second to
    import, more than the rest of a configuration's loading, so it is asked only
    about configurations this cannot vouch for, and its errors are the ones
    reported. This must never accept what the schema refuses (a test proves it
    on generated configurations); refusing more than the schema only costs time.
    """
    return all(
        isinstance(key, str) and key in _PLAIN_CHECKS and bool(_PLAIN_CHECKS[key](value))
        for key, value in data.items()
    )


def _schema_errors(data: Any) -> list[Any]:
    """Every error of ``data`` against :data:`CONFIG_SCHEMA`, in key order."""
    import jsonschema

    return sorted(
        jsonschema.Draft7Validator(CONFIG_SCHEMA).iter_errors(data),
        key=lambda e: list(map(str, e.path)),
    )


def config_for(path: str | Path, options: Options) -> Config:
    """The configuration that applies to a checked file: ``--config``, else the nearest."""
    if options.config is not None:
        return load_config(options.config)
    found = find_config(path)
    return load_config(found) if found else Config()


def resolve(config: Config, options: Options) -> Settings:
    """Layer the command line over a configuration file, filling in defaults."""
    select = options.select if options.select is not None else config.select
    named = options.profile or config.profile
    detect = named is None or named == AUTO_PROFILE
    return Settings(
        config=config,
        profile=named if named and not detect else DEFAULT_PROFILE,
        rules=tuple(config.rules) + tuple(options.rules),
        select=tuple(select) if select is not None else None,
        ignore=tuple(config.ignore) + tuple(options.ignore),
        extend_select=tuple(config.extend_select) + tuple(options.extend_select),
        severity=dict(config.severity),
        params={k: dict(v) for k, v in config.params.items()},
        fail_on=options.fail_on or config.fail_on or DEFAULT_FAIL_ON,
        per_file_ignores=config.per_file_ignores,
        regex_timeout=options.regex_timeout or config.regex_timeout,
        detect=detect,
    )


def split_selectors(values: Sequence[str]) -> tuple[str, ...]:
    """Command-line selectors: repeatable options, each comma-separated."""
    out: list[str] = []
    for v in values:
        out.extend(s.strip() for s in v.split(",") if s.strip())
    return tuple(out)
