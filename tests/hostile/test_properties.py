"""Property tests: random documents and random valid rules never crash the engine.

Documents are drawn as raw blocks for :func:`lcsprlint.readers.assemble.assemble`
(headings at any level, paragraphs, list items, table rows, contents lines,
comments, tracked changes, metadata, in any Unicode but surrogates, empty
strings included) and as Markdown and plain text read by the real readers.
Rules are drawn from each check kind's own parameter schema, with patterns
built from a safe alphabet (no nested repetition), and kept only when the
rule validator accepts them. The engine runs with ``debug=True``, so an
exception inside a kind fails the test (and hypothesis shrinks it) instead of
becoming a quiet "internal error" entry.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lcsprlint.engine.runner import Engine
from lcsprlint.engine.validate import RuleValidator
from lcsprlint.errors import InputError
from lcsprlint.kinds import builtin_kinds
from lcsprlint.model import Comment, Document, ExtraText, Metadata, TrackedChange
from lcsprlint.readers import read_document
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.report import ReportOptions, get_reporter
from lcsprlint.results import FileResult
from lcsprlint.rule import Rule

KINDS = builtin_kinds()
VALIDATOR = RuleValidator(KINDS)
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab", "html")
PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

#: Words rules look for, so that random rules and random documents meet now and then.
WORDS = (  # noqa: SIM905
    "review child key questions police health covid lockdown because recommendations "
    "consider chronology background decided decision voice agency family school Kyle "
    "Child T known as practice findings analysis 2019 March NHS ICB"
).split()

# --- text ------------------------------------------------------------------------------------

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
words_text = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
tricky_text = st.sampled_from(
    [
        "",
        " ",
        "\u00a0",
        "\u200b\u200d\ufeff",
        "Key\u00a0questions",
        "\u202eevil\u202c",
        "\U0001f469\u200d\U0001f467",
        "1.",
        "3.1 Background",
        "CONTENTS",
        "Introduction ........ 3",
        "This review, known as Child T, decided on 3 March 2019 that Kyle was seen.",
        "A" * 500,
        "word " * 300,
    ]
)
texts = st.one_of(any_text, words_text, tricky_text, st.tuples(words_text, any_text).map(" ".join))
line = texts.map(lambda t: " ".join(t.split()))  # one line: Markdown headings and items


# --- documents via assemble ---------------------------------------------------------------------


@st.composite
def raw_blocks(draw: st.DrawFn) -> list[RawBlock]:
    out: list[RawBlock] = []
    table = 0
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["heading", "paragraph", "list-item", "table", "title", "toc"]))
        if kind == "heading":
            out.append(RawBlock("heading", draw(line), level=draw(st.integers(1, 9))))
        elif kind == "paragraph":
            candidate = draw(st.booleans())
            level = draw(st.integers(1, 4)) if candidate else None
            out.append(
                RawBlock(
                    "paragraph",
                    draw(texts),
                    candidate=candidate,
                    level=level,
                    bold=draw(st.booleans()),
                )
            )
        elif kind == "list-item":
            out.append(
                RawBlock(
                    "list-item",
                    draw(texts),
                    level=draw(st.integers(1, 4)),
                    list_style=draw(st.sampled_from([None, "bullet", "decimal", "lowerLetter"])),
                    number=draw(st.sampled_from([None, "1.", "a)", "iv."])),
                )
            )
        elif kind == "table":
            for row in range(draw(st.integers(1, 3))):
                cells = tuple(draw(st.lists(texts, min_size=1, max_size=4)))
                out.append(
                    RawBlock("table-row", " | ".join(cells), table=table, row=row, cells=cells)
                )
            table += 1
        else:
            out.append(RawBlock(kind, draw(line)))
    return out


@st.composite
def documents(draw: st.DrawFn) -> Document:
    raw = draw(raw_blocks())
    numbered = draw(st.booleans())
    for i, rb in enumerate(raw, 1):
        if numbered:
            rb.paragraph = i
        if draw(st.booleans()):
            rb.line = 2 * i
    fmt = draw(st.sampled_from(["docx", "markdown", "text"]))
    extras = [
        ExtraText(story, t, " ".join(t.split()))
        for story, t in draw(
            st.lists(
                st.tuples(st.sampled_from(["header", "footer", "footnote", "hidden"]), texts),
                max_size=3,
            )
        )
    ]
    metadata = Metadata(
        title=draw(st.none() | line),
        author=draw(st.none() | line),
        last_modified_by=draw(st.none() | line),
        modified=draw(
            st.none()
            | st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1))
        ),
        extra=tuple(
            draw(st.lists(st.tuples(st.sampled_from(["company", "manager"]), line), max_size=2))
        ),
    )
    doc = assemble(
        "random-draft",
        fmt,
        raw,
        Extras(
            title=draw(st.none() | line),
            extras=extras,
            metadata=metadata,
            track_revisions=draw(st.booleans()),
        ),
    )
    # Anchors point at assembled blocks, as the .docx reader makes them (empty
    # paragraphs are dropped by assemble, so raw positions would not do).
    n = len(doc.blocks)
    block = st.none() | (st.integers(0, n - 1) if n else st.none())
    comments = [
        Comment(
            str(i),
            draw(line),
            None,
            draw(texts),
            (b,) if b is not None else (),
            draw(st.booleans()),
        )
        for i, b in enumerate(draw(st.lists(block, max_size=3)))
    ]
    kinds = st.sampled_from(["insertion", "deletion", "move", "formatting"])
    changes = [
        TrackedChange(draw(kinds), draw(line), None, draw(texts), draw(block))
        for _ in range(draw(st.integers(0, 3)))
    ]
    return replace(doc, comments=tuple(comments), changes=tuple(changes))


# --- rules from the kinds' schemas ----------------------------------------------------------------

SAFE_ATOMS = [*(w.lower() for w in WORDS), r"\d+", r"\d{4}", r"[a-z]+", r"\w+", r"\s", "."]


@st.composite
def safe_patterns(draw: st.DrawFn) -> str:
    """Linear-time patterns: atoms in sequence or alternation, no nested repetition."""
    atoms = draw(st.lists(st.sampled_from(SAFE_ATOMS), min_size=1, max_size=3))
    joiner = draw(st.sampled_from([" ", r"\s+", ".{0,20}", "|"]))
    body = joiner.join(atoms)
    if joiner == "|":
        body = f"(?:{body})"
    if draw(st.booleans()):
        body = rf"\b{body}\b"
    if draw(st.booleans()):
        body = "^" + body
    return body


def from_schema(schema: Mapping[str, Any], name: str = "") -> st.SearchStrategy[Any]:
    """Values that (mostly) satisfy a JSON Schema fragment of the kind used by check kinds."""
    if not schema:  # free-form parameters: the date gates
        return st.dates(dt.date(2015, 1, 1), dt.date(2030, 1, 1)).map(dt.date.isoformat)
    if "enum" in schema:
        return st.sampled_from(list(schema["enum"]))
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return st.one_of([from_schema(s, name) for s in schema[combinator]])
    kind = schema.get("type")
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        lo = schema.get("minimum", 0)
        return st.integers(lo, schema.get("maximum", lo + 40))
    if kind == "number":
        lo = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        hi = schema.get("maximum", lo + 40)
        excl = "exclusiveMinimum" in schema
        return st.floats(lo, hi, exclude_min=excl, allow_nan=False, allow_infinity=False)
    if kind == "string":
        if schema.get("format") == "regex":
            return safe_patterns()
        return st.sampled_from([*WORDS, "document-date", "author", "company"])
    if kind == "array":
        items = from_schema(schema.get("items", {"type": "string"}), name)
        lo = schema.get("minItems", 0)
        return st.lists(
            items, min_size=lo, max_size=max(lo, 3), unique=schema.get("uniqueItems", False)
        )
    if kind == "object":
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        required = set(schema.get("required", ()))
        if isinstance(extra, Mapping):
            keys = st.lists(
                st.sampled_from(WORDS),
                min_size=max(1, schema.get("minProperties", 0)),
                max_size=3,
                unique=True,
            )
            return keys.flatmap(
                lambda ks: st.fixed_dictionaries({k: from_schema(extra) for k in ks})
            )
        return st.fixed_dictionaries(
            {k: from_schema(v, k) for k, v in props.items() if k in required},
            optional={k: from_schema(v, k) for k, v in props.items() if k not in required},
        )
    return st.none()


#: Parameters drawn every time for kinds whose rules need one of several (the schema
#: cannot say so; the kind's validate hook does), so that few draws are thrown away.
ALWAYS = {
    "pattern": ("forbid",),
    "readability": ("max-mean-sentence-words",),
    "items": ("require",),
}


@st.composite
def rules(draw: st.DrawFn, n: int = 0) -> Rule:
    kind = KINDS[draw(st.sampled_from(sorted(KINDS)))]
    always = (*kind.required, *ALWAYS.get(kind.name, ()))
    params = draw(
        st.fixed_dictionaries(
            {k: from_schema(kind.params[k], k) for k in always},
            optional={k: from_schema(s, k) for k, s in kind.params.items() if k not in always},
        )
    )
    data = {
        "id": f"PROP{100 + n}",
        "name": f"prop-{n}",
        "category": "hostile",
        "severity": draw(st.sampled_from(["error", "warning", "info"])),
        "message": draw(
            st.sampled_from(
                [
                    "Found.",
                    "Found '{match}' in {section}.",
                    "{count} of {limit} ({share}); {missing}",
                    "{nope} {0} {match:>9}",
                ]
            )
        ),
        "rationale": "Property test.",
        "source": "tests/hostile",
        "fix": "Nothing.",
        "check": kind.name,
        **params,
    }
    # The regex module makes room in its full compile cache with random.sample, from the
    # global random module; late in a test session the cache is full, and hypothesis
    # reports that change of random state as a strategy using the random module.
    regex.purge()
    rule, problems = VALIDATOR.validate(data, "random.yaml")
    assume(rule is not None and not problems)
    return rule  # type: ignore[return-value]


@st.composite
def rule_sets(draw: st.DrawFn) -> list[Rule]:
    return [draw(rules(i)) for i in range(draw(st.integers(1, 3)))]


# --- the properties ------------------------------------------------------------------------------


def check_well_formed(doc: Document, result: FileResult, rule_list: list[Rule]) -> None:
    assert result.error is None
    assert result.rule_errors == []
    for f in result.findings:
        loc = f.location
        if loc.block is not None:
            assert 0 <= loc.block < len(doc.blocks)
            assert loc.paragraph == doc.blocks[loc.block].paragraph
        assert loc.paragraph is None or loc.paragraph >= 1
        assert loc.line is None or loc.line >= 1
        assert f.severity in ("error", "warning", "info")
        assert isinstance(f.message, str) and f.message
    by_id = {r.id: r for r in rule_list}
    for fmt in FORMATS:
        for no_snippets in (False, True):
            out = get_reporter(fmt)(
                [result], by_id, ReportOptions(no_snippets=no_snippets, version="0")
            )
            assert isinstance(out, str)
            if fmt in ("json", "sarif", "gitlab"):
                json.loads(out)
            elif fmt == "junit":
                ElementTree.fromstring(out.encode())
    data = json.loads(get_reporter("json")([result], by_id, ReportOptions(version="0")))
    assert len(data["files"][0]["findings"]) == len(result.findings)


def test_assembled_document_invariants_hold() -> None:
    """The generator itself: assembled documents are consistent (sections cover blocks)."""

    @given(documents())
    @PROPERTY_SETTINGS
    def inner(doc: Document) -> None:
        assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
        for b in doc.blocks:
            assert 0 <= b.section < len(doc.sections)
            assert b.paragraph >= 1

    inner()


@given(doc=documents(), rule_list=rule_sets())
@PROPERTY_SETTINGS
def test_engine_never_crashes_on_random_documents_and_rules(
    doc: Document, rule_list: list[Rule]
) -> None:
    for snippets in (True, False):
        engine = Engine(rule_list, KINDS, snippets=snippets, debug=True)
        result = engine.check_document(doc, "random-draft")
        check_well_formed(doc, result, rule_list)


@st.composite
def markdown_sources(draw: st.DrawFn) -> str:
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append(f"---\ntitle: {draw(words_text)}\nauthor: {draw(words_text)}\n---\n")
    for _ in range(draw(st.integers(0, 20))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            parts.append("#" * draw(st.integers(1, 7)) + " " + draw(line))
        elif kind == 1:
            parts.append(draw(line) + "\n" + draw(st.sampled_from(["===", "---"])))
        elif kind == 2:
            marker = draw(st.sampled_from(["-", "*", "1.", "2)", "+"]))
            items = draw(st.lists(line, min_size=1, max_size=4))
            indent = draw(st.sampled_from(["", "  ", "    "]))
            parts.append("\n".join(f"{indent}{marker} {t}" for t in items))
        elif kind == 3:
            cols = draw(st.integers(1, 4))
            rows = draw(
                st.lists(
                    st.lists(line.map(lambda t: t.replace("|", "/")), min_size=cols, max_size=cols),
                    min_size=1,
                    max_size=3,
                )
            )
            table = ["| " + " | ".join(r) + " |" for r in rows]
            table.insert(1, "|" + "---|" * cols)
            parts.append("\n".join(table))
        elif kind == 4:
            parts.append(f"```\n{draw(texts)}\n```")
        elif kind == 5:
            parts.append(f"> {draw(line)}")
        elif kind == 6:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<!-- lcsprlint-disable-next PROP100 -->",
                            "<!-- lcsprlint-disable PROP101 -->",
                            "<!-- lcsprlint-enable -->",
                            "<!-- lcsprlint-disable-file -->",
                            "<!-- unclosed comment",
                            "<div>raw html</div>",
                        ]
                    )
                )
            )
        else:
            parts.append(draw(texts))
    return "\n\n".join(parts) + draw(st.sampled_from(["", "\n", "\r\n"]))


@given(
    source=markdown_sources(),
    rule_list=rule_sets(),
    suffix=st.sampled_from([".md", ".txt"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
@PROPERTY_SETTINGS
def test_markdown_and_text_readers_then_engine(
    source: str, rule_list: list[Rule], suffix: str, encoding: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"draft{suffix}"
        path.write_bytes(source.encode(encoding))
        try:
            doc = read_document(path)
        except InputError as exc:  # only an empty file or NUL bytes may be refused
            assert not source.strip() or "\x00" in source, exc
            return
        result = Engine(rule_list, KINDS, debug=True).check_document(doc, str(path))
        check_well_formed(doc, result, rule_list)


@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".md", ".txt", ".docx", ".markdown"]))
@settings(max_examples=100, deadline=None)
def test_random_bytes_are_read_or_refused(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"draft{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            return
        assert isinstance(doc, Document)
