"""The items kind: splitting sections into items, per-item rules, and set-level rules."""

from __future__ import annotations

from lcsprlint.kinds.itemize import count_items, split_items, strip_numbering

from .conftest import doc, h, invalid, li, p, run, table

RECS = {"sections": ["^recommendations?"]}
OWNER = {"each": {"require": ["partnership", "police", "ICB", "council", "partners"]}}
WEAK = {"each": {"forbid-start": ["(that )?(consider|reflect|note|continue to)"]}}


def recs(*body):
    return doc(h("Findings"), p("Text."), h("Recommendations"), *body, h("Sign-off"), p("Done."))


def test_list_items_each_require():
    d = recs(
        p("The review recommends:"),
        li("The partnership should audit referrals."),
        li("Practitioners should ask about fathers."),
    )
    hits = run("items", {**RECS, **OWNER}, d)
    assert len(hits) == 1
    assert hits[0].block == 5 and hits[0].values["item"] == 2
    assert hits[0].values["section"] == "Recommendations"
    assert hits[0].snippet == "Practitioners should ask about fathers."


def test_forbid_start_after_numbering():
    d = recs(
        p("1. Consider how to engage fathers."),
        p("2. The partnership should audit."),
        p("R3: Reflect on supervision."),
        p("(d) Note the findings."),
        p("5. Partners should continue to meet."),
    )
    hits = run("items", {**RECS, **WEAK}, d)
    assert [x.values["item"] for x in hits] == [1, 3, 4]
    assert [x.values["match"] for x in hits] == ["Consider", "Reflect", "Note"]


def test_decimal_numbered_paragraphs_with_lead_in_skipped():
    d = recs(
        p("9.1 The review makes these recommendations:"),
        p("9.2 Consider a new protocol."),
        p("9.3 The ICB should fund supervision."),
    )
    hits = run("items", {**RECS, **WEAK, "min-items": 2, "max-items": 2}, d)
    assert [x.values.get("item") for x in hits] == [1]


def test_table_rows_skip_header_and_number_cells():
    d = recs(
        table(
            ["No.", "Recommendation", "Owner"],
            ["1", "Consider revising templates.", "ICB"],
            ["2", "Audit referrals.", "Castle Police"],
        )
    )
    each = {**WEAK["each"], **OWNER["each"]}
    hits = run("items", {**RECS, "each": each}, d)
    assert [x.values["item"] for x in hits] == [1]
    assert hits[0].values["match"] == "Consider"
    assert hits[0].block == 4


def test_auto_prefers_the_most_numerous():
    d = recs(
        p("9.1 Recommendations are linked to findings and owned."),
        table(["No.", "Recommendation"], ["1", "A."], ["2", "B."], ["3", "C."]),
    )
    blocks = d.section_blocks(d.sections[2])
    items = split_items(blocks, "auto")
    assert [i.norm for i in items] == ["1 A.", "2 B.", "3 C."]
    assert len(split_items(blocks, "numbered")) == 1
    assert len(split_items(blocks, "paragraphs")) == 1  # table rows are not paragraphs


def test_auto_falls_back_to_paragraphs():
    d = recs(p("The partnership should audit."), p("The police should train staff."))
    items = split_items(d.section_blocks(d.sections[2]), "auto")
    assert len(items) == 2


def test_nested_list_items_join_their_parent():
    d = recs(li("The partnership should:"), li("audit", level=1), li("train", level=1), li("Next."))
    items = split_items(d.section_blocks(d.sections[2]), "list-items")
    assert len(items) == 2 and items[0].norm == "The partnership should: audit train"
    assert items[0].blocks == (3, 4, 5)


def test_numbered_items_absorb_following_paragraphs():
    d = recs(p("1. The partnership should audit."), p("Owner: police."), p("2. Train staff."))
    items = split_items(d.section_blocks(d.sections[2]), "numbered")
    assert [i.norm for i in items] == [
        "1. The partnership should audit. Owner: police.",
        "2. Train staff.",
    ]


def test_subsections():
    d = doc(
        h("Findings"),
        p("Intro."),
        h("Finding 1: fathers", level=2),
        p("Text."),
        h("Finding 2: records", level=2),
        p("Text."),
    )
    items = split_items(d.section_blocks(d.sections[1]), "subsections")
    assert [i.block for i in items] == [2, 4]
    hits = run("items", {"sections": ["^findings$"], "items": "subsections", "min-items": 3}, d)
    assert hits[0].values["count"] == 2


def test_min_and_max_items_section_level():
    d = recs(li("A partnership task."))
    hits = run("items", {**RECS, "min-items": 2}, d)
    assert len(hits) == 1 and hits[0].section == 2 and hits[0].block is None
    assert hits[0].values == {"count": 1, "items": 1, "limit": 2, "section": "Recommendations"}
    assert hits[0].note == "1 item; at least 2 expected."
    many = recs(*[li(f"Item {i}.") for i in range(16)])
    hits = run("items", {**RECS, "max-items": 15}, many)
    assert hits[0].note == "16 items; at most 15 expected."


def test_at_least_classes():
    params = {
        **RECS,
        "at-least": {
            "practice": ["practitioner", "training", "assessment"],
            "leadership": ["safeguarding partners", "commission", "strategic"],
        },
    }
    both = recs(li("Practitioners should be trained."), li("The safeguarding partners should."))
    assert run("items", params, both) == []
    practice_only = recs(li("Practitioners should be trained."), li("Assessment tools."))
    hits = run("items", params, practice_only)
    assert len(hits) == 1 and hits[0].section == 2
    assert hits[0].values["missing"] == "leadership"
    assert hits[0].values["found"] == "practice"
    assert hits[0].note == "No item addresses leadership."


def test_min_matching():
    params = {**RECS, "require": ["audit", "evaluate", "monitor"], "min-matching": 2}
    d = recs(li("Audit referrals."), li("Train staff."), li("Write guidance."))
    hits = run("items", params, d)
    assert hits[0].values["count"] == 1 and hits[0].values["limit"] == 2
    assert hits[0].values["items"] == 3


def test_no_section_passes_unless_asked():
    d = doc(h("Findings"), p("Text."))
    assert run("items", {**RECS, "min-items": 1}, d) == []
    hits = run("items", {**RECS, "min-items": 1, "if-no-section": "fail"}, d)
    assert len(hits) == 1
    assert run("items", {**RECS, "min-items": 1}, doc()) == []


def test_first_only_and_several_sections():
    d = doc(
        h("Summary of recommendations"),
        li("Short version."),
        h("Recommendations"),
        li("The partnership should audit."),
        li("The police should train."),
    )
    params = {"sections": ["recommendations"], "min-items": 3}
    assert run("items", params, d) == []
    assert len(run("items", {**params, "first-only": True}, d)) == 1


def test_count_items_and_strip_numbering():
    d = doc(
        h("Key questions"),
        p("1. How?"),
        p("2) Why and when? And who?"),
        li("To explore whether it helped."),
    )
    counts = count_items(d.section_blocks(d.sections[1]))
    assert counts["numbered"] == 2 and counts["questions"] == 3
    assert counts["statements"] == 1 and counts["list-items"] == 1 and counts["any"] == 3
    assert strip_numbering("R2: Consider x") == "Consider x"
    assert strip_numbering("9.1 The ICB") == "The ICB"
    assert strip_numbering("Recommendation 3 - Note") == "Note"
    assert strip_numbering("The ICB") == "The ICB"


def test_validation():
    assert invalid("items", {}) is not None
    assert invalid("items", {"sections": ["x"], "min-matching": 2}) is not None
    assert invalid("items", {"sections": ["x"], "each": {"require": ["("]}}) is not None
    assert invalid("items", {"sections": ["x"], "each": {"bogus": ["a"]}}) is not None
    assert invalid("items", {"sections": ["x"], "at-least": {"a": []}}) is not None
    assert invalid("items", {"sections": ["x"], "min-items": 3, "max-items": 1}) is not None
    assert invalid("items", {"sections": ["x"], "items": "subsections"}) is None


def test_min_matching_share_leaves_skipped_items_out():
    params = {
        "sections": ["recommendations"],
        "require": [r"\b(council|police|partnership)\b"],
        "min-matching-share": 0.5,
        "skip": [r"\?\s*$"],
    }
    owned = doc(
        h("Recommendations", 1),
        li("The council should revise its assessment template."),
        li("Training on bruising should reach early help staff."),
        li("How can the partnership hear from fathers?"),
        li("What would help practitioners ask about sleep?"),
    )
    # 1 of the 2 non-question items names an owner: 50% is enough.
    assert run("items", params, owned) == []
    unowned = doc(
        h("Recommendations", 1),
        li("Training should reach early help staff."),
        li("Guidance should be updated."),
        li("The police should share notifications sooner."),
    )
    hits = run("items", params, unowned)
    assert len(hits) == 1
    assert hits[0].values["count"] == 1 and hits[0].values["items"] == 3
