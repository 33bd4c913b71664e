"""The readability kind: sentence length, long sentences, acronyms; and the splitter."""

from __future__ import annotations

from lcsprlint.kinds.sentences import sentence_at, sentence_spans, sentences

from .conftest import doc, filler, h, invalid, li, p, run, table

ACR = {"acronyms": True}


def test_sentence_splitter_abbreviations():
    text = "Dr. Patel saw her on 3 Jan. 2020, e.g. at home. No. 5 was fine etc. The end."
    assert sentences(text) == [
        "Dr. Patel saw her on 3 Jan. 2020, e.g. at home.",
        "No. 5 was fine etc.",
        "The end.",
    ]
    assert sentences("1. Introduction to it. Then more") == ["1. Introduction to it.", "Then more"]
    assert sentences("Was she seen? Yes! Next.") == ["Was she seen?", "Yes!", "Next."]
    assert sentences("J. Smith met her. She agreed.") == ["J. Smith met her.", "She agreed."]
    assert sentences('He said "stop." Then left.') == ['He said "stop."', "Then left."]
    assert sentences("") == []


def test_sentence_at():
    text = "One two. Three four. Five."
    spans = sentence_spans(text)
    assert text[slice(*sentence_at(spans, 10))] == "Three four."
    assert sentence_at([], 3) == (0, 0)


def test_mean_sentence_length():
    long_doc = doc(h("Findings"), *[p(filler(30)) for _ in range(25)])
    hits = run("readability", {"max-mean-sentence-words": 28}, long_doc)
    assert len(hits) == 1 and hits[0].block is None
    assert hits[0].values == {"words": 30.0, "limit": 28, "count": 25}
    assert hits[0].note == "Mean sentence length 30.0 words over 25 sentences; at most 28 expected."
    short_doc = doc(*[p(filler(20)) for _ in range(25)])
    assert run("readability", {"max-mean-sentence-words": 28}, short_doc) == []


def test_too_few_sentences_are_not_judged():
    d = doc(*[p(filler(40)) for _ in range(5)])
    assert run("readability", {"max-mean-sentence-words": 28}, d) == []
    assert len(run("readability", {"max-mean-sentence-words": 28, "min-sentences": 5}, d)) == 1


def test_long_sentence_share():
    d = doc(*[p(filler(40)) for _ in range(5)], *[p(filler(10)) for _ in range(15)])
    params = {"long-sentence-words": 35, "max-long-share": 0.25}
    assert run("readability", params, d) == []
    params["max-long-share"] = 0.1
    hits = run("readability", params, d)
    assert hits[0].values == {"share": "25%", "limit": "10%", "count": 5, "words": 35}


def test_tables_headings_and_appendices_are_not_sentences():
    d = doc(
        h(filler(60)),
        table(["a", filler(80)], ["b", filler(80)]),
        *[p(filler(10)) for _ in range(20)],
        h("Appendix A: glossary"),
        p(filler(90)),
    )
    assert run("readability", {"max-mean-sentence-words": 12}, d) == []


def test_acronym_defined_at_first_use():
    d = doc(
        p("The Integrated Care Board (ICB) agreed. The ICB funded it."),
        p("MASH (Multi-Agency Safeguarding Hub) screened it; the MASH closed it."),
    )
    assert run("readability", ACR, d) == []


def test_undefined_acronym_reported_once_at_first_use():
    d = doc(p("The ICB agreed."), p("Later the ICB paid."), p("The KLOEs were met."))
    hits = run("readability", ACR, d)
    assert [(x.block, x.values["match"]) for x in hits] == [(0, "ICB"), (2, "KLOEs")]
    assert hits[0].snippet == "The ICB agreed." and hits[0].note is None


def test_definition_later_is_still_reported_unless_allowed():
    d = doc(p("The ICB agreed."), p("The Integrated Care Board (ICB) is one partner."))
    hits = run("readability", ACR, d)
    assert len(hits) == 1 and hits[0].note == "Defined only later in the document."
    assert run("readability", {**ACR, "allow-later-definition": True}, d) == []


def test_plural_definition_defines_singular():
    d = doc(p("Individual management reviews (IMRs) were read."), p("Each IMR was short."))
    assert run("readability", ACR, d) == []


def test_glossary_section_defines():
    d = doc(
        h("Introduction"),
        p("The MASH and the CSC team met."),
        h("Appendix: glossary and references"),
        li("MASH: Multi-Agency Safeguarding Hub"),
        table(["CSC", "Children's social care"]),
    )
    assert run("readability", ACR, d) == []


def test_definition_in_heading_counts():
    d = doc(h("Multi-Agency Safeguarding Hub (MASH)"), p("The MASH screened it."))
    assert run("readability", ACR, d) == []


def test_allow_list_roman_numerals_and_shouting():
    d = doc(
        p("SERIOUS CASE REVIEW CHILD R"),
        p("The NHS, the GP and the UK were part of Phase II and COVID-19 work."),
        p("The DSL met the ICON team."),
    )
    hits = run("readability", ACR, d)
    assert [x.values["match"] for x in hits] == ["DSL", "ICON"]
    hits = run("readability", {**ACR, "allow": ["DSL", "ICON"]}, d)
    assert hits == []
    hits = run("readability", {**ACR, "default-allow": False, "allow": ["DSL", "ICON"]}, d)
    assert [x.values["match"] for x in hits] == ["NHS", "GP", "UK", "COVID"]


def test_empty_document():
    assert run("readability", {**ACR, "max-mean-sentence-words": 20}, doc()) == []


def test_validation():
    assert invalid("readability", {}) is not None
    assert invalid("readability", {"max-long-share": 0.2}) is not None
    assert invalid("readability", {"acronyms": True, "glossary": ["("]}) is not None
    assert invalid("readability", {"long-sentence-words": 30, "max-long-share": 0.2}) is None


def test_acronym_spelt_out_in_brackets_a_few_words_later_is_defined():
    params = {"acronyms": True}
    d = doc(
        p(
            "Parents were given the ICON programme (Infant crying is normal, Comforting "
            "methods can help, It's OK to walk away, Never shake a baby) before discharge."
        ),
        p("The ICON leaflet was also given by the health visitor."),
        p("The MARAC programme (which meets monthly) heard the case."),
    )
    hits = run("readability", params, d)
    assert [h.values["match"] for h in hits] == ["MARAC"]


def test_markings_and_emphasis_in_capitals_are_not_acronyms():
    d = doc(p("DRAFT v0.4 – May 2024"), p("Practitioners must NOT close a case without a visit."))
    assert run("readability", ACR, d) == []
