"""The kind registry, every kind's declared contract and example, and shared helpers."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

import lcsprlint.kinds as registry
from lcsprlint.engine.schema import COMMON_FIELDS, REQUIRED_FIELDS
from lcsprlint.engine.validate import RuleValidator
from lcsprlint.errors import ConfigError
from lcsprlint.kinds import all_kinds, builtin_kinds, plugin_kinds
from lcsprlint.kinds.base import CheckKind, Hit
from lcsprlint.kinds.common import pct, snippet, text_span
from lcsprlint.kinds.scope import SCOPE_PARAMS
from lcsprlint.model import Comment, Metadata

from .conftest import doc, filler, h, li, p, table, title

BUILTIN = {
    "section",
    "pattern",
    "all-of",
    "any-of",
    "conditional",
    "items",
    "proportion",
    "dates",
    "structure",
    "readability",
}
SCOPED = {"pattern", "all-of", "any-of", "conditional", "dates", "readability"}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "check-kinds.md"


def sample():
    """A small but complete report that every example rule can run on."""
    return doc(
        title("Local Child Safeguarding Practice Review: Child A"),
        p("Final report, approved by the safeguarding partners on 28 August 2024."),
        h("1. Introduction"),
        p("The partners decided on 5 March 2024 to undertake an LCSPR. During COVID visits fell."),
        h("2. Key questions"),
        li("How well did agencies share information?"),
        li("Why was the father not seen?"),
        h("3. Chronology"),
        *[p(f"On {i + 1} May 2023 the GP saw the family. " + filler(8)) for i in range(6)],
        h("4. Findings"),
        p("The ICB and the council had high workload, because of vacancies. " + filler(40)),
        h("5. Recommendations"),
        table(["No.", "Recommendation", "Owner"], ["1", "Consider the protocol.", "Police"]),
        h("6. Sign-off"),
        p("Approved by Castle Council, NHS Castle ICB and Castle Police."),
        comments=[Comment("0", "Alice", None, "Check this", (3,))],
        metadata=Metadata(author="Jane Smith"),
    )


ALL_BUILTIN = sorted(builtin_kinds())


def test_builtin_kinds_are_registered_by_name():
    kinds = builtin_kinds()
    assert set(kinds) >= BUILTIN
    assert all(k.name == name for name, k in kinds.items())


@pytest.mark.parametrize("name", ALL_BUILTIN)
def test_declared_contract(name):
    kind = builtin_kinds()[name]
    assert kind.description and kind.build and kind.example
    for key, schema in kind.params.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", key), key
        assert schema.get("description"), f"{name}.{key} has no description"
    assert set(kind.required) <= set(kind.params)
    assert not set(kind.params) & set(COMMON_FIELDS)
    if name in SCOPED:
        assert set(SCOPE_PARAMS) <= set(kind.params)


FILLER_FIELDS = {
    "id": "TEST101",
    "name": "example-rule",
    "category": "test",
    "severity": "warning",
    "message": "Example.",
    "rationale": "Example.",
    "source": "Example.",
    "fix": "Example.",
}


@pytest.mark.parametrize("name", ALL_BUILTIN)
def test_example_is_a_valid_rule_that_runs(name):
    kind = builtin_kinds()[name]
    data = yaml.safe_load(kind.example)
    assert data["check"] == name
    if name in BUILTIN:  # this kinds give complete rules
        assert set(REQUIRED_FIELDS) <= set(data)
    data = {**FILLER_FIELDS, **data}
    assert set(data) <= set(kind.params) | set(COMMON_FIELDS)
    params = {k: v for k, v in data.items() if k not in COMMON_FIELDS}
    assert set(kind.required) <= set(params)
    if kind.validate is not None:
        assert kind.validate(params) is None
    rule, problems = RuleValidator(builtin_kinds()).validate(data, f"{name}.yaml")
    assert problems == [] and rule is not None
    hits = list(kind.build(params)(sample()))
    assert all(isinstance(hit, Hit) for hit in hits)
    assert all(isinstance(hit, Hit) for hit in kind.build(params)(doc()))


def test_examples_fire_where_expected_on_the_sample():
    """The sample has one COVID mention without analysis, a weak recommendation, a comment."""
    kinds = builtin_kinds()

    def hits(name):
        data = yaml.safe_load(kinds[name].example)
        params = {k: v for k, v in data.items() if k not in COMMON_FIELDS}
        return list(kinds[name].build(params)(sample()))

    assert len(hits("conditional")) == 1
    assert hits("items")[0].values["match"] == "Consider"
    assert hits("structure")[0].values["author"] == "Alice"
    assert hits("section") == [] and hits("all-of") == [] and hits("dates") == []


def test_docs_cover_every_kind_and_parameter():
    text = DOCS.read_text(encoding="utf-8")
    kinds = builtin_kinds()
    for name in BUILTIN:
        kind = kinds[name]
        assert f"## `{name}`" in text, name
        for key in kind.params:
            assert f"`{key}`" in text, f"{name}.{key} is not documented"


class _EP(SimpleNamespace):
    def load(self):
        if isinstance(self.target, Exception):
            raise self.target
        return self.target


def _fake_kind(name):
    return CheckKind(name=name, description="x", params={}, build=lambda params: lambda d: [])


def test_plugins_load_and_builtins_win(monkeypatch):
    extra = _fake_kind("word-count")
    impostor = _fake_kind("pattern")
    eps = [
        _EP(name="wc", value="pkg:WC", target=extra),
        _EP(name="pat", value="pkg:PAT", target=impostor),
    ]
    monkeypatch.setattr(registry, "entry_points", lambda group: eps)
    assert plugin_kinds() == {"word-count": extra, "pattern": impostor}
    merged = all_kinds()
    assert merged["word-count"] is extra
    assert merged["pattern"] is builtin_kinds()["pattern"]


def test_broken_plugins_are_config_errors(monkeypatch):
    bad = [_EP(name="bad", value="pkg:NOT_A_KIND", target=object())]
    monkeypatch.setattr(registry, "entry_points", lambda group: bad)
    with pytest.raises(ConfigError, match="is not a CheckKind"):
        plugin_kinds()
    broken = [_EP(name="boom", value="pkg:X", target=ImportError("no module"))]
    monkeypatch.setattr(registry, "entry_points", lambda group: broken)
    with pytest.raises(ConfigError, match="could not be loaded: ImportError"):
        all_kinds()


def test_snippet_trims_around_the_match():
    text = "word " * 100 + "TARGET here " + "word " * 100
    start = text.index("TARGET")
    s = snippet(text, text, start, start + 6)
    assert "TARGET" in s and s.startswith("…") and s.endswith("…")
    assert len(s) <= 162
    assert snippet("short text") == "short text"
    assert snippet("a\n  b") == "a b"
    long = "x" * 500
    assert len(snippet(long)) <= 161


def test_text_span_maps_normalised_offsets_back():
    text = "The \u201cSerious\u00a0Case\u200b Review\u201d  was\tcited."
    norm = 'The "Serious Case Review" was cited.'
    start = norm.index("Serious")
    end = norm.index('"', start)
    s, e = text_span(text, norm, start, end)
    assert text[s:e] == "Serious\u00a0Case\u200b Review"
    assert text_span("abc", "abc", 1, 2) == (1, 2)


def test_pct():
    assert pct(0.413) == "41%" and pct(0.004) == "0.4%" and pct(0) == "0%" and pct(1) == "100%"


def test_docs_examples_are_valid_rules():
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert len(blocks) >= len(BUILTIN)
    validator = RuleValidator(builtin_kinds())
    for block in blocks:
        data = {**FILLER_FIELDS, **yaml.safe_load(block)}
        _rule, problems = validator.validate(data, "docs/check-kinds.md")
        assert problems == [], (block, problems)
