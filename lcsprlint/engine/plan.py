"""From settings to the rules that run: loading packs, overrides, selection.

Configuration can differ per folder, so a run is planned per file: the
:class:`Planner` finds each file's configuration (cached per folder), and
prepares one :class:`~lcsprlint.engine.runner.RunSpec` per configuration
(cached, so files sharing a configuration share an engine). Every problem a
user can cause here is a :class:`~lcsprlint.errors.ConfigError` or
:class:`~lcsprlint.engine.validate.RuleFileProblems` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lcsprlint.engine.builtin import pack_dir
from lcsprlint.engine.config import (
    Config,
    Options,
    Settings,
    find_config,
    load_config,
    resolve,
)
from lcsprlint.engine.detect import DETECTED_PROFILES, PROFILE_UNDETECTED
from lcsprlint.engine.packs import installed_packs
from lcsprlint.engine.runner import RunSpec
from lcsprlint.engine.selection import (
    apply_severity,
    find_rule,
    merge_params,
    select_rules,
    unknown_selectors,
)
from lcsprlint.engine.suppress import UNUSED_SUPPRESSION
from lcsprlint.engine.validate import PROBE_TIMEOUT, RuleFileProblems, RuleValidator, collect_rules
from lcsprlint.errors import ConfigError
from lcsprlint.kinds.base import CheckKind
from lcsprlint.rule import Rule


@dataclass(frozen=True)
class RuleSet:
    """The rules of a profile (overrides applied) and those selected to run."""

    settings: Settings
    all: tuple[Rule, ...]
    selected: tuple[Rule, ...]


def rule_sources(
    settings: Settings, profiles: Sequence[str] | None = None
) -> list[str | Path | tuple[str | Path, Sequence[str]]]:
    """The built-in pack of the profile (or of each of ``profiles``), installed packs, extra rules.

    The built-in pack's rules default to its profile; installed packs (entry
    points ``lcsprlint.rule_packs``, see :mod:`lcsprlint.engine.packs`) and
    extra rules apply to every profile unless they name their own.
    """
    sources: list[str | Path | tuple[str | Path, Sequence[str]]] = []
    for profile in profiles or (settings.profile,):
        pack = pack_dir(profile)
        if pack is not None:
            sources.append((pack, (profile,)))
    sources.extend(folder for _name, folder in installed_packs())
    sources.extend(settings.rules)
    return sources


def _check_selectors(settings: Settings, options: Options, rules: Sequence[Rule]) -> None:
    config = settings.config
    from_config = [
        ("select", config.select or ()),
        ("ignore", config.ignore),
        ("extend-select", config.extend_select),
        ("severity", tuple(config.severity)),
    ]
    for key, selectors in from_config:
        for s in unknown_selectors(selectors, rules):
            line_key = f"severity.{s}" if key == "severity" else key
            raise ConfigError(config.where(line_key), f"{key}: no rule matches selector '{s}'")
    for glob, selectors in config.per_file_ignores:
        for s in unknown_selectors(selectors, rules):
            raise ConfigError(
                config.where(f"per-file-ignores.{glob}"),
                f"per-file-ignores: no rule matches selector '{s}'",
            )
    from_cli = [
        ("--select", options.select or ()),
        ("--ignore", options.ignore),
        ("--extend-select", options.extend_select),
    ]
    for flag, selectors in from_cli:
        for s in unknown_selectors(selectors, rules):
            raise ConfigError(None, f"{flag}: no rule matches selector '{s}'")


def _apply_params(
    rules: list[Rule],
    config: Config,
    kinds: Mapping[str, CheckKind],
    validator: RuleValidator,
    known: Sequence[Rule] = (),
) -> list[Rule]:
    """Merge configured parameters; a key naming only a rule in ``known`` is skipped here."""
    for key, overrides in config.params.items():
        where = config.where(f"params.{key}")
        rule = find_rule(key, rules)
        if rule is None and find_rule(key, known) is not None:
            continue
        if rule is None:
            raise ConfigError(where, f"params: no rule with id or name '{key}'")
        kind = kinds.get(rule.check)
        if kind is None:
            raise ConfigError(where, f"params: rule '{rule.id}' takes no parameters")
        merged = merge_params(rule, overrides)
        errors = validator.params_errors(kind, merged.params)
        problems = [] if errors else validator.check_params(kind, merged.params, None, "")
        if errors or problems:
            cause = errors[0] if errors else problems[0].message
            raise ConfigError(where, f"params for {rule.id}: {cause}")
        rules = [merged if r is rule else r for r in rules]
    return rules


def load_rule_set(
    settings: Settings,
    kinds: Mapping[str, CheckKind],
    options: Options | None = None,
    *,
    probe_timeout: float = PROBE_TIMEOUT,
) -> RuleSet:
    """Load, validate, override and select the rules for one set of settings."""
    rules, problems = collect_rules(rule_sources(settings), kinds, probe_timeout=probe_timeout)
    if problems:
        raise RuleFileProblems(problems)
    rules = [r for r in rules if r.applies_to(settings.profile)]
    rules.append(UNUSED_SUPPRESSION)
    _check_selectors(settings, options or Options(), rules)
    return _finish(settings, kinds, rules, (), probe_timeout)


def _finish(
    settings: Settings,
    kinds: Mapping[str, CheckKind],
    rules: list[Rule],
    known: Sequence[Rule],
    probe_timeout: float,
) -> RuleSet:
    validator = RuleValidator(kinds, probe_timeout=probe_timeout)
    rules = _apply_params(rules, settings.config, kinds, validator, known)
    rules = apply_severity(rules, settings.severity)
    selected = select_rules(rules, settings.select, settings.ignore, settings.extend_select)
    return RuleSet(settings=settings, all=tuple(rules), selected=tuple(selected))


def load_rule_sets(
    settings: Settings,
    kinds: Mapping[str, CheckKind],
    options: Options | None = None,
    *,
    profiles: Sequence[str] = DETECTED_PROFILES,
    probe_timeout: float = PROBE_TIMEOUT,
) -> dict[str, RuleSet]:
    """One RuleSet per profile, for a run that detects each document's type.

    Every pack is read and validated once. Selectors and parameters in the
    configuration may name a rule of any of the profiles (``ignore:
    [rr-covid]`` beside ``ignore: [readability]``), so they are checked
    against all of them together, and :data:`PROFILE_UNDETECTED` is a rule
    they may name too.
    """
    rules, problems = collect_rules(
        rule_sources(settings, profiles), kinds, probe_timeout=probe_timeout
    )
    if problems:
        raise RuleFileProblems(problems)
    per_profile = {
        p: [r for r in rules if r.applies_to(p)] + [UNUSED_SUPPRESSION] for p in profiles
    }
    known = [*rules, UNUSED_SUPPRESSION, PROFILE_UNDETECTED]
    _check_selectors(settings, options or Options(), known)
    return {
        p: _finish(replace(settings, profile=p), kinds, rs, known, probe_timeout)
        for p, rs in per_profile.items()
    }


class Planner:
    """Settings and a RunSpec for each checked file, with configuration found per folder."""

    def __init__(
        self,
        options: Options,
        kinds: Mapping[str, CheckKind],
        *,
        snippets: bool = True,
        probe_timeout: float = PROBE_TIMEOUT,
    ) -> None:
        self.options = options
        self.kinds = kinds
        self.snippets = snippets
        self.probe_timeout = probe_timeout
        self._explicit = load_config(options.config) if options.config is not None else None
        self._found: dict[Path, Path | None] = {}
        self._configs: dict[Path | None, Config] = {}
        self._specs: dict[Path | None, RunSpec] = {}
        self._sets: dict[Path | None, dict[str, RuleSet]] = {}

    def config_for(self, path: str | Path) -> Config:
        """The configuration file that applies to a path (cached per folder)."""
        if self._explicit is not None:
            return self._explicit
        p = Path(path).resolve()
        folder = p if p.is_dir() else p.parent
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        key = self._found[folder]
        if key not in self._configs:
            self._configs[key] = load_config(key) if key else Config()
        return self._configs[key]

    def settings_for(self, path: str | Path) -> Settings:
        return resolve(self.config_for(path), self.options)

    def _rule_sets(self, config: Config) -> dict[str, RuleSet]:
        """The configuration's rule set, or one per profile when the type is detected."""
        if config.path not in self._sets:
            settings = resolve(config, self.options)
            if settings.detect:
                self._sets[config.path] = load_rule_sets(
                    settings, self.kinds, self.options, probe_timeout=self.probe_timeout
                )
            else:
                rs = load_rule_set(
                    settings, self.kinds, self.options, probe_timeout=self.probe_timeout
                )
                self._sets[config.path] = {settings.profile: rs}
        return self._sets[config.path]

    def rule_set_for(self, path: str | Path) -> RuleSet:
        """The rules of the path's profile (when it is detected per file: of the fallback)."""
        config = self.config_for(path)
        return self._rule_sets(config)[resolve(config, self.options).profile]

    def spec_for(self, path: str | Path) -> RunSpec:
        """The RunSpec for a file; the same object for files sharing a configuration.

        When no profile is named the spec carries the rules of every profile
        (``by_profile``) and the runner picks them per document by its
        detected type, falling back to ``profile`` with a LINT002 note.
        """
        config = self.config_for(path)
        if config.path not in self._specs:
            rs = self.rule_set_for(path)
            s = rs.settings
            rules, by_profile = rs.selected, ()
            if s.detect:
                note = apply_severity([PROFILE_UNDETECTED], s.severity)
                rules += tuple(select_rules(note, s.select, s.ignore, s.extend_select))
                by_profile = tuple(
                    (p, other.selected)
                    for p, other in self._rule_sets(config).items()
                    if p != s.profile
                )
            self._specs[config.path] = RunSpec(
                rules=rules,
                profile=s.profile,
                by_profile=by_profile,
                per_file_ignores=s.per_file_ignores,
                root=str(config.root) if config.root else None,
                regex_timeout=s.regex_timeout,
                snippets=self.snippets,
                fail_on=s.fail_on,
            )
        return self._specs[config.path]

    def rules_run(self) -> dict[str, Rule]:
        """Every rule that runs under some configuration of this run, by id (for reporters)."""
        out: dict[str, Rule] = {}
        for spec in self._specs.values():
            for r in spec.rules:
                out.setdefault(r.id, r)
            for _profile, rules in spec.by_profile:
                for r in rules:
                    out.setdefault(r.id, r)
        return dict(sorted(out.items()))
