"""The all-of and any-of kinds: named groups, missing names, and ``near``."""

from __future__ import annotations

from .conftest import doc, h, invalid, li, p, run

PARTNERS = {
    "groups": {
        "the local authority": ["council", "local authority"],
        "the ICB": ["integrated care board", r"\bICB\b"],
        "the police": ["police", "constabulary"],
    },
    "scope": "document",
}


def test_all_of_passes_when_every_group_matches():
    d = doc(p("Approved by Castle Council, the ICB and Castle Police."))
    assert run("all-of", PARTNERS, d) == []


def test_all_of_reports_missing_names_in_order():
    d = doc(p("Approved by the council."), p("Nothing else."))
    hits = run("all-of", PARTNERS, d)
    assert len(hits) == 1
    v = hits[0].values
    assert v["missing"] == "the ICB, the police"
    assert v["found"] == "the local authority"
    assert v["count"] == 1 and v["limit"] == 3
    assert hits[0].block is None and hits[0].note is None


def test_all_of_empty_document_misses_everything():
    hits = run("all-of", PARTNERS, doc())
    assert hits[0].values["missing"] == "the local authority, the ICB, the police"


def test_groups_as_list_of_name_patterns():
    params = {
        "groups": [
            {"name": "approval", "patterns": ["approved by"]},
            {"name": "date", "patterns": [r"\d{4}"]},
        ]
    }
    assert run("all-of", params, doc(p("Approved by the partners in 2024."))) == []
    hits = run("all-of", params, doc(p("Approved by the partners.")))
    assert hits[0].values["missing"] == "date"


def test_near_block():
    scattered = doc(p("The council signed."), p("The ICB signed."), p("The police signed."))
    together = doc(p("Signed by the council, the ICB and the police."), p("Other."))
    params = {**PARTNERS, "near": "block"}
    assert run("all-of", params, together) == []
    hits = run("all-of", params, scattered)
    assert len(hits) == 1
    assert hits[0].note == "Each is mentioned, but never together in one block."
    assert hits[0].values["count"] == 1


def test_near_window_of_blocks():
    d = doc(
        p("Approved by the safeguarding partners:"),
        li("Castle Council"),
        li("NHS Castle Integrated Care Board"),
        li("Castle Police"),
        p("Other text."),
    )
    assert run("all-of", {**PARTNERS, "near": 3}, d) == []
    hits = run("all-of", {**PARTNERS, "near": 2}, d)
    assert len(hits) == 1 and "window of 2 blocks" in hits[0].note


def test_near_window_slides_over_distant_blocks():
    d = doc(
        p("The council."),
        p("filler."),
        p("filler."),
        p("The ICB."),
        p("The police."),
        p("The council again."),
    )
    assert run("all-of", {**PARTNERS, "near": 3}, d) == []
    assert len(run("all-of", {**PARTNERS, "near": 2}, d)) == 1


def test_near_sentence():
    params = {
        "groups": {"independence": ["independen"], "reviewer": ["reviewer", "author"]},
        "near": "sentence",
    }
    assert run("all-of", params, doc(p("The reviewer is independent. Other."))) == []
    hits = run("all-of", params, doc(p("The reviewer is a nurse. It was independent.")))
    assert len(hits) == 1


def test_near_section():
    d = doc(h("Sign-off"), p("Council."), p("ICB and police."), h("Other"), p("police"))
    assert run("all-of", {**PARTNERS, "near": "section"}, d) == []
    d2 = doc(h("Sign-off"), p("Council and ICB."), h("Other"), p("police"))
    hits = run("all-of", {**PARTNERS, "near": "section"}, d2)
    assert hits and hits[0].values["missing"] == "the police"


def test_any_of():
    params = {"groups": {"lived experience": ["lived experience"], "voice": ["voice of the child"]}}
    assert run("any-of", params, doc(p("We heard the voice of the child."))) == []
    hits = run("any-of", params, doc(p("Nothing relevant.")))
    assert len(hits) == 1
    assert hits[0].values["missing"] == "lived experience, voice"
    assert hits[0].values["found"] == "" and hits[0].values["limit"] == 1


def test_any_of_min_groups():
    params = {**PARTNERS, "min-groups": 2}
    assert run("any-of", params, doc(p("The council and police."))) == []
    hits = run("any-of", params, doc(p("The council.")))
    assert hits[0].values["count"] == 1 and hits[0].values["limit"] == 2
    assert hits[0].values["missing"] == "the ICB, the police"


def test_section_scope_and_if_no_section():
    d = doc(h("Introduction"), p("Police."), h("Sign-off"), p("The council and the ICB."))
    params = {**PARTNERS, "scope": "section", "sections": ["sign-off"]}
    hits = run("all-of", params, d)
    assert hits[0].section == 2 and hits[0].values["section"] == "Sign-off"
    none = {**params, "sections": ["approval"]}
    assert run("all-of", none, d) == []
    hits = run("all-of", {**none, "if-no-section": "fail"}, d)
    assert hits[0].note == "No section in scope was found."


def test_validation():
    assert invalid("all-of", {}) is not None
    assert invalid("all-of", {"groups": {}}) is not None
    assert invalid("all-of", {"groups": {"a": ["("]}}) is not None
    assert invalid("all-of", {"groups": [{"name": "a"}]}) is not None
    assert invalid("any-of", {"groups": {"a": ["x"]}, "min-groups": 2}) is not None
    assert invalid("all-of", {"groups": {"a": ["x"]}, "near": "page"}) is not None
    assert invalid("all-of", {"groups": {"a": "x"}, "near": 3}) is None


def test_anchor_looks_for_groups_beside_the_anchor_only():
    params = {
        "groups": {
            "approval": ["approved by"],
            "council": ["council"],
            "police": ["police"],
        },
        "near": "section",
        "anchor": "approval",
        "scope": "document",
    }
    # The partners are named elsewhere, but the approval section lacks the police.
    d = doc(
        h("Methods", 1),
        p("The council and the police sent reports."),
        h("Approval", 1),
        p("This report was approved by the council."),
    )
    hits = run("all-of", params, d)
    assert len(hits) == 1
    assert hits[0].values["missing"] == "police"
    # No approval anywhere: the anchor is absent, so this rule leaves it to another.
    assert run("all-of", params, doc(h("Methods", 1), p("The council sent a report."))) == []
    ok = doc(h("Approval", 1), p("This report was approved by the council and the police."))
    assert run("all-of", params, ok) == []


def test_near_section_includes_subsections_but_not_a_title_wrapper():
    params = {
        "groups": {"shortfall": ["did not make enough progress"], "lesson": ["we learnt"]},
        "near": "section",
        "scope": "document",
    }
    # The lesson sits under a sub-heading of the section that names the shortfall.
    together = doc(
        h("Annual report", 1),
        h("Priorities", 2),
        p("We learnt a lot about training."),
        h("Where we did not make enough progress", 2),
        h("Placements", 3),
        p("We learnt that placements need earlier planning."),
    )
    assert run("all-of", params, together) == []
    # Only the title heading holds both: that is "anywhere", not one section.
    apart = doc(
        h("Annual report", 1),
        h("Priorities", 2),
        p("We learnt a lot about training."),
        h("Where we did not make enough progress", 2),
        p("Placements were slow."),
    )
    assert len(run("all-of", params, apart)) == 1
