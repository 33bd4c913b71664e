"""The ``identifiers`` kind and its PII detectors.

Positive cases use phrasings beyond the labelled corpus (other date, phone
and reference formats, other ways of naming people); negative cases are the
near-misses issue 5 lists (a year alone, "2019-20", a date that is not a
birth date, policy numbers, "Section 47", "Working Together 2018", a ten-digit
number failing the NHS check, "St" in other roles, "the GP practice", job
titles without names, "Child T", "Mr X") and others found in real drafts.
"""

from __future__ import annotations

import jsonschema
import pytest

from lcsprlint.kinds.identifiers import KIND
from lcsprlint.kinds.pii import (
    LABELS,
    NOTES,
    TYPES,
    address,
    contact,
    dates,
    detect,
    institutions,
    names,
    numbers,
    postcode,
)
from lcsprlint.kinds.pii.declared import declared
from lcsprlint.model import ExtraText
from lcsprlint.readers.assemble import Extras, RawBlock, assemble
from lcsprlint.textutil import normalise


def doc_of(*paras: str, headings: dict[int, str] | None = None, extras=()):
    """A document of paragraphs; ``headings`` maps a position to a heading inserted there."""
    raw: list[RawBlock] = []
    for i, text in enumerate(paras):
        if headings and i in headings:
            raw.append(RawBlock(kind="heading", text=headings[i], level=1))
        raw.append(RawBlock(kind="paragraph", text=text))
    return assemble("draft.md", "markdown", raw, Extras(extras=tuple(extras)))


def run(doc, **params):
    return list(KIND.build(params)(doc))


def found(text: str, **params) -> set[tuple[str, str]]:
    return {(h.values["type"], h.values["match"]) for h in run(doc_of(text), **params)}


def types_in(text: str) -> set[str]:
    return {t for t, _ in found(text)}


# --------------------------------------------------------------------------- detectors


def spans(module, text: str) -> list[tuple[str, str]]:
    return [(t, text[s:e]) for t, s, e in module.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child T's date of birth is 4th July 2018.", "4th July 2018"),
        ("She was born 04.07.2018 in the local hospital.", "04.07.2018"),
        ("DOB: 4 Jul 2018", "4 Jul 2018"),
        ("Child T was born on the 4th of July 2018.", "4th of July 2018"),
        ("Baby M was born prematurely on 12 May 2021.", "12 May 2021"),
        ("D.O.B.: 12/05/2021", "12/05/2021"),
        ("Child T (date of birth 12 May 2021) was", "12 May 2021"),
        ("born on March 3, 2019 in hospital", "March 3, 2019"),
        ("Her birthday is 4 July, two days before the incident.", "4 July"),
        ("On 3 March 2021, her second birthday, the conference met.", "3 March 2021"),
        ("Mother's date of birth was recorded as 02-05-1999.", "02-05-1999"),
    ],
)
def test_date_of_birth_found(text, expected):
    assert ("date-of-birth", expected) in spans(dates, text)


def test_every_date_in_a_list_of_births_is_found():
    text = "The children were born on 2 May 2015, 9 June 2017 and 1 August 2019."
    assert [m for _, m in spans(dates, text)] == ["2 May 2015", "9 June 2017", "1 August 2019"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 the family moved into the area.",
        "The partnership's 2019-20 annual report noted a rise in referrals.",
        "On 3 March 2021 a strategy meeting was held.",
        "Child T was born in March 2019.",
        "Child T was born at 34 weeks' gestation.",
        "Mother was 17 when Child T was born. On 3 March 2019 she moved.",
        "The new birth visit on 12 May 2021 was missed.",
        "Baby M's birth weight was low.",
        "Child T's birthday fell during the Easter holidays.",
        "Working Together 2018 was in force.",
        "Funding was withdrawn in the 2021/22 financial year.",
    ],
)
def test_not_a_date_of_birth(text):
    assert spans(dates, text) == []


def test_full_dates_counts_day_month_year_only():
    text = "On 4 May 2022, 12/03/2022 and 2022-03-01; not March 2019, 2019-20 or 4 May."
    assert len(dates.full_dates(text)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Postcode: M1 1AE", "M1 1AE"),
        ("The address was in SW1A 1AA.", "SW1A 1AA"),
        ("listed as EC1A1BB on the form", "EC1A1BB"),
        ("the postcode bs50hn was wrong", "bs50hn"),
        ("near w1a 0ax", "w1a 0ax"),
    ],
)
def test_postcode_found(text, expected):
    assert spans(postcode, text) == [("postcode", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "KS2 assessments did not take place.",
        "YP1 and YP2 were friends.",
        "HV1 saw the family; SW2 and GP1 did not.",
        "Form CP1 was completed.",
        "QQ1 1AA is not a postcode.",
        "a b2b service",
        "Covid-19 restrictions applied.",
    ],
)
def test_not_a_postcode(text):
    assert spans(postcode, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The family lived at 3 Rosemary Close, Leeds.", "3 Rosemary Close"),
        ("They moved to 17 St Helens Road in 2020.", "17 St Helens Road"),
        ("Mother moved in with a friend at 2 Kingfisher Way.", "2 Kingfisher Way"),
        ("The flat at 221B Baker Street was overcrowded.", "221B Baker Street"),
        ("Police were called to an address on Hawthorn Avenue.", "Hawthorn Avenue"),
        ("They lived at Flat 2, 9 Church Lane.", "Flat 2, 9 Church Lane"),
        ("The shop at 4 High St, Leeds.", "4 High St"),
        ("Flat 12, Nelson Court was damp.", "Flat 12, Nelson Court"),
    ],
)
def test_street_address_found(text, expected):
    assert spans(address, text) == [("street-address", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Child T was seen at St Luke's Hospital.",
        "Staff had completed St John Ambulance training.",
        "St Helens Council commissioned the review.",
        "The Street Triage team assessed Mother.",
        "The Safer Streets programme funded lighting.",
        "A Section 8 Family Court order was made.",
        "The case was heard at Leeds Crown Court.",
        "The family shopped on the high street.",
        "Recommendation 3 Close Working between agencies.",
        "In 2019 Station Road was closed.",
        "The review uses the Signs of Safety Way of working.",
        "The family lived in the Station Road area.",
        "The NHS 5 Year Forward View set this out.",
    ],
)
def test_not_a_street_address(text):
    assert spans(address, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sunnyside Nursery reported the bruise.", "Sunnyside Nursery"),
        ("He went to Leeds General Infirmary.", "Leeds General Infirmary"),
        ("She attended Park View Academy.", "Park View Academy"),
        ("Mother took him to Bluebell Children's Centre.", "Bluebell Children's Centre"),
        ("He was seen at Station Road Surgery.", "Station Road Surgery"),
        ("They registered with the Elms Medical Practice.", "Elms Medical Practice"),
        ("He was placed at Oak Lodge children's home.", "Oak Lodge children's home"),
        ("YP1 attended Kingsley College.", "Kingsley College"),
        (
            "at St Mary's Church of England Primary School.",
            "St Mary's Church of England Primary School",
        ),
        ("Child T was seen at Queen Elizabeth Hospital.", "Queen Elizabeth Hospital"),
    ],
)
def test_institution_found(text, expected):
    assert spans(institutions, text) == [("institution", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "The GP practice did not have a flag on the records.",
        "Her GP had not been told.",
        "The school made four referrals.",
        "The Virtual School was not informed.",
        "The Pupil Referral Unit had a part-time timetable.",
        "The Royal College of Nursing guidance.",
        "The Child Safeguarding Practice Review Panel agreed.",
        "The Primary Care Network was involved.",
        "Children's Social Care accepted the referral.",
        "Child T's school was not told.",
        "The Polish school offered support.",
        "Restorative Practice is used across the partnership.",
        "A Church of England Primary School in the area.",
        "Sure Start Children's Centre services closed.",
        "The Children's Commissioner (2019) Skipping School report.",
        "The Secondary School exclusions rose.",
        "March 2022 | Hospital outpatients | Gastroenterology clinic: not brought.",
        "Orthopaedic clinic appointments were missed.",
        "Antenatal clinic was booked late.",
    ],
)
def test_not_a_named_institution(text):
    assert spans(institutions, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her mobile was 07700 900 123.", "07700 900 123"),
        ("Call 0161 496 0000 for the duty team.", "0161 496 0000"),
        ("He texted from +447700900123.", "+447700900123"),
        ("The number (07700 900461) was wrong.", "07700 900461"),
        ("Tel: (01632) 960123.", "(01632) 960123"),
    ],
)
def test_phone_found(text, expected):
    assert spans(contact, text) == [("phone", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "A 999 call was made at 21.47.",
        "Mother called 111 twice.",
        "The 0-19 Healthy Child Programme.",
        "Childline (0800 1111) and the NSPCC helpline 0808 800 5000.",
        "Mother, d.o.b 02-05-1999, was a care leaver.",
        "The 24/7 helpline received no calls.",
        "Table 2: 612 745 1032.",
    ],
)
def test_not_a_phone_number(text):
    assert [t for t, _ in spans(contact, text)] == []


def test_email_found_and_plain_at_sign_ignored():
    text = "Mother wrote to j.bloggs@example.co.uk @ 9am; see the e-mail policy."
    assert spans(contact, text) == [("email", "j.bloggs@example.co.uk")]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("NHS number 4010232137 was recorded.", "nhs-number", "4010232137"),
        ("Her NHS number (943-476-5919) was on file.", "nhs-number", "943-476-5919"),
        ("NI No. AB123456C was given.", "ni-number", "AB123456C"),
        ("The police ref 12/34567/21 was passed on.", "reference-number", "police ref 12/34567/21"),
        ("CRN: 01/1234/22 was recorded.", "reference-number", "CRN: 01/1234/22"),
        (
            "The occurrence number is 2021-0045678.",
            "reference-number",
            "occurrence number is 2021-0045678",
        ),
        ("See [2019] EWHC 123 (Fam) for the judgment.", "court-citation", "[2019] EWHC 123 (Fam)"),
        ("Re B [2013] UKSC 33 was cited.", "court-citation", "[2013] UKSC 33"),
        ("reported at [2012] 2 FLR 123", "court-citation", "[2012] 2 FLR 123"),
    ],
)
def test_numbers_found(text, kind, expected):
    assert (kind, expected) in spans(numbers, text)


@pytest.mark.parametrize(
    "text",
    [
        "The dummy NHS number 123 456 7890 should have been rejected.",
        "The number 9434765918 fails the check.",
        "The policy number 12345678 was on the form.",
        "Section 47 enquiries were not started.",
        "Working Together 2018 applies.",
        "Recommendation 3 asks the ICB to audit.",
        "Form 27B was not completed.",
        "The police gave Mother a crime reference number.",
        "Terms of reference question 5 asked about fathers.",
        "QQ123456C and GB123456A are not NI numbers.",
        "The budget was £1,234,567,890.",
        "with reference to 2019-20",
    ],
)
def test_not_an_identifying_number(text):
    assert spans(numbers, text) == []


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Mrs O'Brien told the school.", "person-name", "Mrs O'Brien"),
        ("Ms McDonald refused entry.", "person-name", "Ms McDonald"),
        ("Miss Smith-Jones was the lodger.", "person-name", "Miss Smith-Jones"),
        ("Her boyfriend, Ryan Walsh, moved in.", "person-name", "Ryan Walsh"),
        ("Nan (Margaret) looked after them.", "person-name", "Margaret"),
        ("His grandmother Margaret Evans was the carer.", "person-name", "Margaret Evans"),
        ("Uncle Darren visited most weekends.", "person-name", "Uncle Darren"),
        ("The children's aunt, Mrs Begum, offered to help.", "person-name", "Mrs Begum"),
        (
            "Detective Sergeant Ahmed led the investigation.",
            "practitioner-name",
            "Detective Sergeant Ahmed",
        ),
        ("Health visitor Jo, who saw the bruise, was told.", "practitioner-name", "Jo"),
        ("Det Sgt Ahmed led it.", "practitioner-name", "Det Sgt Ahmed"),
        ("The school nurse, Amy Lee, saw him weekly.", "practitioner-name", "Amy Lee"),
        ("Headteacher Mrs Green called Mother.", "practitioner-name", "Mrs Green"),
        ("Councillor Smith raised the case.", "practitioner-name", "Councillor Smith"),
        ("The health visitor (Sarah Jones) visited.", "practitioner-name", "Sarah Jones"),
        (
            "Dr Sarah Wilson, the named GP, reviewed the notes.",
            "practitioner-name",
            "Dr Sarah Wilson",
        ),
        ("Kelly Jones, the allocated social worker, left.", "practitioner-name", "Kelly Jones"),
        ("In March Emma Clarke, the health visitor, said so.", "practitioner-name", "Emma Clarke"),
    ],
)
def test_names_found(text, kind, expected):
    assert spans(names, text) == [(kind, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr X was present; Ms Y and Mr A declined.",
        "Child T was seen by the health visitor.",
        "Mother's partner, Adult B, was charged.",
        "The health visitor, Mother and the GP met.",
        "The social worker, Children's Social Care and police met.",
        "Practitioner A and Social Worker 2 visited.",
        "The head teacher and the detective sergeant spoke.",
        "The Nurse Practitioner saw Child T.",
        "The Dr's letter was not scanned.",
        "DS and DC ranks attended; police seized Father's PC and phones.",
        "Detective Chief Superintendent, Head of Public Protection.",
        "Professor Munro's review (2011) was clear.",
        "Reder and Duncan (1999) wrote about optimism (Brandon et al., 2020).",
        "Clare's Law and Sarah's Law disclosures were not requested.",
        "Gillick and Fraser considerations were not recorded.",
        "The Anna Freud Centre guidance and the Florence Nightingale Foundation.",
        "Staff had completed St John Ambulance training.",
        "Grace told the reviewer that Faith mattered.",
        "The review into the death of Arthur Labinjo-Hughes was published.",
        "Lord Laming's 2009 report.",
    ],
)
def test_not_a_name(text):
    assert spans(names, text) == []


# --------------------------------------------------------------------------- detect()


def test_detect_settles_overlaps_between_families():
    text = "Patient NHS no. 507-529-1708 at 9 Cedar Close."
    assert [(t, text[s:e]) for t, s, e in detect(text)] == [
        ("nhs-number", "507-529-1708"),
        ("street-address", "9 Cedar Close"),
    ]


def test_labels_and_notes_cover_every_type():
    for t in (*TYPES, "exact-dates"):
        assert LABELS[t] and NOTES[t].endswith(".")


# --------------------------------------------------------------------------- the kind


def test_schema_is_valid_and_accepts_a_family_rule():
    schema = {"type": "object", **KIND.schema()}
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate({"detect": ["date-of-birth"], "scope": "everything"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"detect": ["shoe-size"]}, schema)


def test_validate_rejects_a_bad_allow_pattern():
    assert KIND.validate({"allow": ["("]})
    assert KIND.validate({"allow": ["Northshire"]}) is None


def test_hit_carries_values_snippet_note_and_block():
    doc = doc_of("Nothing here.", "Child T was born on 3 March 2019 at the local hospital.")
    [hit] = run(doc)
    assert hit.block == 1
    assert hit.values == {
        "match": "3 March 2019",
        "type": "date-of-birth",
        "label": "date of birth",
    }
    assert "3 March 2019" in hit.snippet
    assert hit.note is None  # how to fix it is the rule's own fix
    assert hit.story == "body"


def test_snippet_quotes_original_text_and_match_is_normalised():
    doc = doc_of("Mother\u2019s new partner, Liam\u00a0Doyle, had convictions.")
    [hit] = run(doc)
    assert hit.values["match"] == "Liam Doyle"
    assert "Mother\u2019s" in hit.snippet


def test_detect_selects_types():
    text = "Child T (DOB 03/03/2019) of 14 Elm Grove, LS6 2AB, was registered at Hillview Surgery."
    assert types_in(text) == {"date-of-birth", "street-address", "postcode", "institution"}
    assert {t for t, _ in found(text, detect=["postcode", "street-address"])} == {
        "postcode",
        "street-address",
    }


def test_each_occurrence_is_reported():
    doc = doc_of("PC Jones attended.", "PC Jones attended again.")
    assert [h.block for h in run(doc)] == [0, 1]


def test_allow_patterns_drop_overlapping_detections():
    text = "Riverside Medical Centre and Hillview Surgery both saw Child T."
    assert found(text, allow=["Riverside"]) == {("institution", "Hillview Surgery")}


def test_declared_pseudonym_names_are_allowed():
    doc = doc_of(
        "The child, who will be known as Jayden in this report, was nine.",
        "His friend, Jayden, was mentioned; his uncle, Kyle Bennett, was not.",
    )
    assert {h.values["match"] for h in run(doc)} == {"Kyle Bennett"}


def test_front_matter_reviewer_is_allowed_everywhere():
    doc = doc_of(
        "Independent reviewer: Dr Jane Moss",
        "The review was commissioned by the partnership.",
        "Jane Moss met Mother twice. Mrs Moss also met PC Jones.",
        headings={1: "Introduction"},
    )
    assert {h.values["match"] for h in run(doc)} == {"PC Jones"}
    off = {h.values["match"] for h in run(doc, **{"allow-front-matter": False})}
    assert "Jane Moss" in off


def test_front_matter_lists_several_reviewers():
    doc = doc_of(
        "Lead reviewers: Tom Ashby and Priya Randhawa (independent)",
        "Tom Ashby is a social work consultant and Priya Randhawa is a nurse.",
        headings={1: "About the reviewers"},
    )
    assert run(doc) == []


def test_body_cue_allows_only_the_reviewer():
    filler = " ".join(["word"] * 200)
    doc = doc_of(
        filler,
        "The report was written by Karen Doyle, SILP reviewer.",
        "The strategy discussion was chaired by Sarah Jones, the team manager.",
        headings={1: "Methodology"},
    )
    assert {h.values["match"] for h in run(doc)} == {"Sarah Jones"}


def test_scope_everything_reads_headers_and_notes():
    doc = doc_of(
        "Nothing identifying here.",
        extras=[
            ExtraText("footer", "Contact 07700 900417", normalise("Contact 07700 900417")),
            ExtraText("footnote", "See Dr Patel's letter.", normalise("See Dr Patel's letter.")),
        ],
    )
    assert run(doc) == []
    hits = run(doc, scope="everything")
    assert {(h.story, h.values["type"]) for h in hits} == {
        ("footer", "phone"),
        ("footnote", "practitioner-name"),
    }
    assert all(h.block is None for h in hits)


def test_reference_sections_are_skipped_unless_told_otherwise():
    doc = doc_of(
        "Findings text.",
        "Children's Commissioner (2019) Skipping School. Eileen Munro (2011) The Munro Review.",
        "Brandon, M. and Dickens, J. (2020) Report of Dr Smith.",
        headings={1: "References"},
    )
    assert run(doc) == []
    assert {h.values["match"] for h in run(doc, **{"skip-sections": []})} == {"Dr Smith"}


def test_exact_dates_only_when_listed_and_over_the_limit():
    paras = [f"On {d} May 2022 the nursery recorded concerns." for d in range(1, 13)]
    doc = doc_of(*paras)
    assert run(doc) == []
    [hit] = run(doc, detect=["exact-dates"])
    assert hit.block is None
    assert hit.values["count"] == 12 and hit.values["limit"] == 10
    assert hit.values["type"] == "exact-dates"
    assert "12 exact dates" in hit.note
    assert run(doc, detect=["exact-dates"], **{"min-dates": 12}) == []


def test_exact_dates_ignore_headings_and_month_year():
    doc = doc_of(
        *[f"In May 20{n:02d} the family moved." for n in range(10, 25)],
        headings={0: "Events of 1 May 2022"},
    )
    assert run(doc, detect=["exact-dates"]) == []


def test_clean_review_prose_gives_nothing():
    doc = doc_of(
        "This Local Child Safeguarding Practice Review concerns Child T, who was 3 years old.",
        "Section 47 enquiries were not started, although Working Together 2018 applied.",
        "The GP practice, the school and Children's Social Care shared information late.",
        "Mr X was not known to police. The health visitor saw Child T on 12 May 2021.",
        "The number 1234567890 fails the NHS check; the 2019-20 report noted a rise.",
        "Recommendation 3: the ICB should audit the Was Not Brought policy.",
    )
    assert run(doc) == []


def test_declared_collects_labels_and_names():
    d = declared(
        [
            "The children are referred to as Child A, Child B and YP1.",
            "Child Jody (pseudonym) lived with her mother.",
            "A young person we call Sam. Ellie is not her real name.",
            "The family chose the name Jayden for this review.",
        ]
    )
    assert {"Child A", "Child B", "YP1"} <= d.labels
    assert {"Jody", "Sam", "Ellie", "Jayden"} <= d.names
