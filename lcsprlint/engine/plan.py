"""From settings to the rules that run: loading packs, overrides, selection.

Configuration can differ per folder, so a run is planned per file: the
:class:`Planner` finds each file's configuration (cached per folder), and
prepares one :class:`~lcsprlint.engine.runner.RunSpec` per configuration
(cached, so files sharing a configuration share an engine). Every problem a
user can cause here is a :class:`~lcsprlint.errors.ConfigError` or
:class:`~lcsprlint.engine.validate.RuleFileProblems` naming the file and line.

When the document type is detected per file, only the fallback profile's pack
is planned up front; the others are planned by a :class:`ProfilePlan` the
first time a document of their type comes (in whichever process checks it),
so a pre-commit hook checking one LCSPR never reads the other packs. Every
error a user can cause is still raised before any document is read: when the
configuration names a rule outside the fallback pack, or adds rule files or
installed packs (whose ids must not clash with any built-in rule), every pack
is planned up front, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from lcsprlint.engine.validate import (
    PROBE_TIMEOUT,
    RuleFileProblems,
    RuleValidator,
    collect_rules,
)
from lcsprlint.errors import ConfigError
from lcsprlint.kinds.base import CheckKind
from lcsprlint.rule import Rule

if TYPE_CHECKING:
    from lcsprlint.results import FileResult


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
    return [*_pack_sources(profiles or (settings.profile,)), *_shared_sources(settings)]


def _pack_sources(profiles: Sequence[str]) -> list[str | Path | tuple[str | Path, Sequence[str]]]:
    """The built-in pack of each profile, its rules defaulting to that profile."""
    sources: list[str | Path | tuple[str | Path, Sequence[str]]] = []
    for profile in profiles:
        pack = pack_dir(profile)
        if pack is not None:
            sources.append((pack, (profile,)))
    return sources


def _shared_sources(settings: Settings) -> list[str | Path | tuple[str | Path, Sequence[str]]]:
    """Installed packs and extra rule files: rules that may apply to every profile."""
    sources: list[str | Path | tuple[str | Path, Sequence[str]]] = []
    sources.extend(folder for _name, folder in installed_packs())
    sources.extend(settings.rules)
    return sources


def _collect(
    sources: Sequence[str | Path | tuple[str | Path, Sequence[str]]],
    kinds: Mapping[str, CheckKind],
    probe_timeout: float,
) -> list[Rule]:
    """The rules of ``sources``; built-in packs trusted (the test suite validates them)."""
    rules, problems = collect_rules(sources, kinds, probe_timeout=probe_timeout, trust_builtin=True)
    if problems:
        raise RuleFileProblems(problems)
    return rules


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
    *,
    keys_checked: bool = False,
) -> list[Rule]:
    """Merge configured parameters; a key naming only a rule in ``known`` is skipped here.

    ``keys_checked``: every key was found when the run was planned, so one naming
    none of ``rules`` is skipped too.
    """
    for key, overrides in config.params.items():
        where = config.where(f"params.{key}")
        rule = find_rule(key, rules)
        if rule is None and (keys_checked or find_rule(key, known) is not None):
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
    rules = _collect(rule_sources(settings), kinds, probe_timeout)
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
    *,
    keys_checked: bool = False,
) -> RuleSet:
    validator = RuleValidator(kinds, probe_timeout=probe_timeout)
    rules = _apply_params(
        rules, settings.config, kinds, validator, known, keys_checked=keys_checked
    )
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
    rules = _collect(rule_sources(settings, profiles), kinds, probe_timeout)
    per_profile = {
        p: [r for r in rules if r.applies_to(p)] + [UNUSED_SUPPRESSION] for p in profiles
    }
    known = [*rules, UNUSED_SUPPRESSION, PROFILE_UNDETECTED]
    _check_selectors(settings, options or Options(), known)
    return {
        p: _finish(replace(settings, profile=p), kinds, rs, known, probe_timeout)
        for p, rs in per_profile.items()
    }


class ProfilePlan:
    """The rules of detected profiles not planned yet: each planned when first asked for.

    A RunSpec carries it to worker processes, so it is plain data (settings)
    plus a cache that stays in its process. It is used only when planning
    found nothing that needs the other packs (see :func:`plan_detected`):
    then each of them contributes only its own rules, and every selector and
    parameter key is already known to name a rule of the fallback profile.
    """

    def __init__(
        self, settings: Settings, profiles: Sequence[str], probe_timeout: float = PROBE_TIMEOUT
    ) -> None:
        self.settings = settings
        self.profiles = tuple(profiles)
        self.probe_timeout = probe_timeout
        self._sets: dict[str, RuleSet] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_sets": {}}

    def rule_set(self, profile: str, kinds: Mapping[str, CheckKind]) -> RuleSet | None:
        """The profile's rules (overrides applied, selection made); None for another profile."""
        if profile not in self.profiles:
            return None
        if profile not in self._sets:
            settings = replace(self.settings, profile=profile)
            rules = _collect(_pack_sources((profile,)), kinds, self.probe_timeout)
            rules = [r for r in rules if r.applies_to(profile)]
            rules.append(UNUSED_SUPPRESSION)
            self._sets[profile] = _finish(
                settings, kinds, rules, (), self.probe_timeout, keys_checked=True
            )
        return self._sets[profile]

    def __call__(self, profile: str, kinds: Mapping[str, CheckKind]) -> tuple[Rule, ...] | None:
        """The rules that run on a document of ``profile`` (RunSpec.plan_profile)."""
        rs = self.rule_set(profile, kinds)
        return None if rs is None else rs.selected


def _names_known_rules(settings: Settings, options: Options, rules: Sequence[Rule]) -> bool:
    """Whether every selector and parameter key of the run names one of ``rules``."""
    try:
        _check_selectors(settings, options, rules)
    except ConfigError:
        return False
    return all(find_rule(key, rules) is not None for key in settings.config.params)


def plan_detected(
    settings: Settings,
    kinds: Mapping[str, CheckKind],
    options: Options | None = None,
    *,
    profiles: Sequence[str] = DETECTED_PROFILES,
    probe_timeout: float = PROBE_TIMEOUT,
) -> tuple[dict[str, RuleSet], ProfilePlan | None]:
    """Rule sets for a run that detects each document's type, planning as little as it can.

    Returns the rule sets planned now (by profile) and, when some are left
    for later, the :class:`ProfilePlan` that plans them. Only the fallback
    profile (``settings.profile``) is planned now unless the run needs every
    rule to be known before it starts: extra rule files or installed packs
    (their ids must not clash with any pack's), or a selector or parameter key
    naming no rule of the fallback profile (it may name another profile's rule,
    or be a typo to report). Then every profile is planned, as
    :func:`load_rule_sets` does, and the errors are exactly its own.
    """
    options = options or Options()
    fallback = settings.profile
    if fallback in profiles and not _shared_sources(settings):
        rules = _collect(_pack_sources((fallback,)), kinds, probe_timeout)
        rules = [r for r in rules if r.applies_to(fallback)]
        rules.append(UNUSED_SUPPRESSION)
        if _names_known_rules(settings, options, [*rules, PROFILE_UNDETECTED]):
            planned = {
                fallback: _finish(settings, kinds, rules, [PROFILE_UNDETECTED], probe_timeout)
            }
            later = [p for p in profiles if p != fallback]
            return planned, ProfilePlan(settings, later, probe_timeout) if later else None
    sets = load_rule_sets(settings, kinds, options, profiles=profiles, probe_timeout=probe_timeout)
    return sets, None


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
        self._later: dict[Path | None, ProfilePlan | None] = {}

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
        """The rule sets planned for a configuration: its profile's, or (when the type is
        detected) the fallback's and any other planned up front; see :func:`plan_detected`."""
        if config.path not in self._sets:
            settings = resolve(config, self.options)
            later = None
            if settings.detect:
                sets, later = plan_detected(
                    settings, self.kinds, self.options, probe_timeout=self.probe_timeout
                )
            else:
                rs = load_rule_set(
                    settings, self.kinds, self.options, probe_timeout=self.probe_timeout
                )
                sets = {settings.profile: rs}
            self._sets[config.path] = sets
            self._later[config.path] = later
        return self._sets[config.path]

    def rule_set_for(self, path: str | Path) -> RuleSet:
        """The rules of the path's profile (when it is detected per file: of the fallback)."""
        config = self.config_for(path)
        return self._rule_sets(config)[resolve(config, self.options).profile]

    def spec_for(self, path: str | Path) -> RunSpec:
        """The RunSpec for a file; the same object for files sharing a configuration.

        When no profile is named the spec carries the rules of the other
        profiles (``by_profile``), or a :class:`ProfilePlan` to plan them
        (``plan_profile``), and the runner picks them per document by its
        detected type, falling back to ``profile`` with a LINT002 note.
        """
        config = self.config_for(path)
        if config.path not in self._specs:
            rs = self.rule_set_for(path)
            s = rs.settings
            rules = rs.selected
            by_profile: tuple[tuple[str, tuple[Rule, ...]], ...] = ()
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
                plan_profile=self._later.get(config.path),
                per_file_ignores=s.per_file_ignores,
                root=str(config.root) if config.root else None,
                regex_timeout=s.regex_timeout,
                snippets=self.snippets,
                fail_on=s.fail_on,
            )
        return self._specs[config.path]

    def rules_run(self, results: Iterable[FileResult] | None = None) -> dict[str, Rule]:
        """The rules that run under the configurations of this run, by id (for reporters).

        Without ``results``: every rule that may run, every detectable profile
        planned. With the results of a run: the rules planned up front and
        those of the profiles the results were checked under (planned here
        when a worker process planned them), so a run of one document type
        plans no other pack.
        """
        out: dict[str, Rule] = {}

        def add(rules: Iterable[Rule]) -> None:
            for r in rules:
                out.setdefault(r.id, r)

        for spec in self._specs.values():
            add(spec.rules)
            for _profile, rules in spec.by_profile:
                add(rules)
        if results is None:
            for path, later in self._later.items():
                if later is not None and path in self._specs:
                    for p in later.profiles:
                        add(later(p, self.kinds) or ())
        else:
            for r in results:
                if r.profile is None:
                    continue
                later = self._later.get(self.config_for(r.path).path)
                if later is not None:
                    add(later(r.profile, self.kinds) or ())
        return dict(sorted(out.items()))
