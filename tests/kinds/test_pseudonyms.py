"""The ``pseudonyms`` kind: a child declared under a pseudonym and later called
by another given name."""

from __future__ import annotations

import jsonschema

from lcsprlint.kinds.pseudonyms import KIND
from lcsprlint.readers.assemble import RawBlock, assemble


def doc_of(*paras: str, headings: dict[int, str] | None = None):
    raw: list[RawBlock] = []
    for i, text in enumerate(paras):
        if headings and i in headings:
            raw.append(RawBlock(kind="heading", text=headings[i], level=1))
        raw.append(RawBlock(kind="paragraph", text=text))
    return assemble("draft.md", "markdown", raw)


def names(*paras: str, headings=None, **params) -> list[str]:
    return [h.values["match"] for h in KIND.build(params)(doc_of(*paras, headings=headings))]


def test_no_declared_pseudonym_no_findings():
    assert names("Kyle was not seen alone.", "Kyle's brother was at school.") == []


def test_letter_pseudonym_then_a_real_name():
    paras = (
        "This review concerns Child T, who was six.",
        "Child T's brother Kyle was not seen alone.",
        "Kyle was often hungry, and Kyle's school noticed.",
    )
    assert names(*paras) == ["Kyle"]


def test_hit_says_what_was_declared_and_where():
    doc = doc_of("A child who will be known as Zac.", "Later, Liam said he was scared.")
    [hit] = KIND.build({})(doc)
    assert hit.block == 1
    assert hit.values == {"match": "Liam", "pseudonyms": "Zac"}
    assert "Liam" in hit.snippet
    assert "'Liam' is not one of them" in hit.note


def test_declared_names_are_not_flagged():
    paras = (
        "The child, who will be known as Jayden in this report, was nine years old.",
        "Jayden was often late. Jayden's mother was unwell.",
        "Child Jody (pseudonym) is his sister; Jody said she felt unsafe.",
        "A young person we call Sam. Sam chose this name himself. Sam was 16.",
    )
    assert names(*paras) == []


def test_names_inside_longer_names_and_citations_are_left_alone():
    paras = (
        "This review concerns Child T.",
        "Staff had St John Ambulance training. Clare's Law was not used.",
        "Kyle Bennett was arrested.",
        "Practice was described by Eileen Munro (2011) and Harry (2019) wrote more.",
    )
    assert names(*paras) == []


def test_ambiguous_words_are_not_taken_for_names():
    paras = ("This review concerns Child T.", "Grace was shown by staff. Faith was important.")
    assert names(*paras) == []


def test_reviewer_in_front_matter_and_allow_patterns():
    paras = (
        "Independent reviewer: Sarah Moss",
        "This review concerns Child T.",
        "Sarah met Mother twice. Kelly said she was worried.",
    )
    assert names(*paras, headings={1: "Introduction"}) == ["Kelly"]
    assert names(*paras, headings={1: "Introduction"}, allow=["Kelly"]) == []


def test_each_name_reported_once_at_first_use():
    paras = ("Baby M was born in 2021.", "Ryan was there.", "Ryan said so. Ryan left.")
    hits = list(KIND.build({})(doc_of(*paras)))
    assert [(h.values["match"], h.block) for h in hits] == [("Ryan", 1)]


def test_scope_parameter_limits_the_text():
    paras = ("This review concerns Child T.", "Kyle was present.")
    doc = doc_of(*paras, headings={1: "Appendix A"})
    assert [h.values["match"] for h in KIND.build({})(doc)] == []
    assert [h.values["match"] for h in KIND.build({"scope": "document"})(doc)] == ["Kyle"]


def test_schema_and_validation():
    schema = {"type": "object", **KIND.schema()}
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate({"allow": ["Kelly"], "scope": "body"}, schema)
    assert KIND.validate({"allow": ["["]})
    assert KIND.validate({"allow": "Kelly"}) is None
