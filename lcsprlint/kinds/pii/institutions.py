"""Named schools, nurseries, GP surgeries, hospitals, children's homes and hostels.

A name is a proper noun before an institution word: "Oakfield Primary School",
"St Anne's Catholic Primary", "Riverside Medical Centre", "Meadowbank
Children's Home", "the Harbour House hostel". Generic uses have no proper noun
before the institution word ("the school", "her GP", "the GP practice", "The
Virtual School", "a Pupil Referral Unit", "Sure Start Children's Centre"), and
neither do national or professional bodies ("the Royal College of
Paediatrics"), so they never fire.

The detector walks back from the institution word over the capitalised words
in front of it and asks whether any of them is distinctive: not a generic word
(:data:`GENERIC`), not an acronym, not a single letter, not an adjective.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lcsprlint.kinds.literals import Gated
from lcsprlint.kinds.pii.common import NOT_NAME, Span, bare, lazy, longest, matches_at, words

# Both run only on text holding one of their institution words (see Gated).
_HEAD = Gated(
    lazy(
        r"\b(?P<head>Medical\s+Centre|Health\s+Centre|Children['’]?s\s+Centre|Family\s+Centre|"
        r"Children['’]?s\s+Home|Medical\s+Practice|Group\s+Practice|Health\s+Practice|"
        r"Children['’]?s\s+Hospital|General\s+Hospital|Day\s+Nursery|School|Academy|College|"
        r"Nursery|Pre-?[Ss]chool|Surgery|Hospital|Infirmary|Hostel|Clinic|Hospice|Primary|"
        r"Infants|Juniors|Practice)\b"
    )
)
# The first word of every _HEAD form: a match starts at a word boundary with one, and
# a word boundary never falls inside a run of letters, so the alternation's matches
# are found at every such start.
_HEAD_STARTS = lazy(
    r"Medical|Health|Children|Family|Group|General|Day|School|Academy|College|Nursery|Pre|"
    r"Surgery|Hospital|Infirmary|Hostel|Clinic|Hospice|Primary|Infants|Juniors|Practice"
)
_LOWER_HEAD = Gated(
    lazy(
        r"\b(?P<head>school|academy|nursery|pre-school|preschool|surgery|hospital|hostel|"
        r"children's\s+home|medical\s+centre|health\s+centre|infirmary|clinic|hospice)\b"
    )
)

#: Capitalised words that do not make an institution's name distinctive.
GENERIC: frozenset[str] = NOT_NAME | words(
    """
    Virtual Special Independent Private Free Mainstream Alternative Grammar High Infants
    Infant Juniors Nursery Pre-school Preschool Day Boarding Residential Secure Training
    Teaching Children's Childrens Women's Maternity Neonatal Paediatric Psychiatric Dental
    Sixth Form Further Higher Inclusion Pupil Referral Short Breaks Respite Forest Breakfast
    Holiday Montessori Steiner Approved Bail Homeless Teenage Offender Offenders Institution
    Nearest Middle Upper Lower Methodist Anglican Orthodox CofE Cottage Memorial Eye Walk-in
    Out-of-hours Doctor's Doctors GP Gender Identity Development Observation Treatment
    Rehabilitation Recovery Drug Alcohol Supported Accommodation Temporary Voluntary Aided
    Controlled Maintained Comprehensive Technical Performing Arts Sports Language Science
    Studio Multi-Academy Reception Pre Nurture Behaviour Open Leaving Polish International
    Saturday Supplementary Infirmary Hospice Clinic Elementary Prep Preparatory Sixth-form
    Post-16 Academies Colleges Hospitals Surgeries Nurseries Hostels Clinics Homes Centres
    Outstanding Good Inadequate Requires Improvement Registered Unregistered Ofsted Sure Start
    Healthy Hospital's School's Academy's College's Nursery's Rapid Pathway Birth Fertility
    Intensive Paediatrics Assessment Diagnostic Sexual Health Addiction Pain Sleep Weight
    Child Development Emotional Wellbeing Well-being Primary Secondary Tertiary Acute Major
    Trauma Burns Spinal Cancer Heart Chest Stroke Renal Our Lady Holy Sacred Heart Blessed
    Trinity Cathedral Parish Abbey Convent Christ Jesus Faith Saint Saints Sts St St.
    """
)
_ADJECTIVE = lazy(r"(?:[a-z]ive|[a-z]ic|ated|ised|ized|[a-z]-[a-z]+)$")
_NATIONALITY = lazy(r"(?:ish|ese|ian)$")
#: Medical specialties and services name a kind of clinic, not a place: "Gastroenterology
#: clinic", "Orthopaedic clinic", "Antenatal clinic", "Outpatients".
_SPECIALTY = lazy(r"(?:ology|ologic|ological|iatrics?|paedics?|pedics?|natal|patients?)$")
_CONNECTOR = frozenset(("of", "upon", "on", "the", "de", "la", "le"))
_FAMILY_POSSESSIVE = words(
    "Mother's Father's Mum's Dad's Child's Baby's Parent's Parents' Family's Carer's "
    "Grandmother's Grandfather's Sister's Brother's Partner's"
)
# What after an institution word makes it something else: "Royal College of
# Nursing", "Child Safeguarding Practice Review", "Primary Care".
_NOT_AFTER = {
    "College": lazy(r"\s+of\b"),
    "Practice": lazy(
        r"\s+(?:Review|Reviews|Model|Framework|Standards?|Guidance|Week|Forum|Lead|"
        r"Educator|Development|Notes?|Learning|Supervisor|Assessor|Teacher|Placement|"
        r"Principles?|Approach|Panel|Group|Improvement|Manager|Nurse|Week)\b"
    ),
    "Primary": lazy(r"\s+[A-Z]"),
    "Infants": lazy(r"\s+[A-Z]"),
    "Juniors": lazy(r"\s+[A-Z]"),
}
# A publication title after its citation year: "Children's Commissioner (2019) Skipping School".
_CITED_TITLE = lazy(r"\((?:19|20)\d\d[a-z]?\)[\s\"'‘“]*$")
# "Station Road Surgery", "Park Lane Medical Centre": a street name is a proper noun.
_STREET = lazy(r"(?:Road|Street|Lane|Avenue|Drive|Grove|Crescent|Close|Hill|Green|Park)$")


def _distinctive(token: str, lower_head: bool) -> bool:
    t = bare(token)
    if len(t) < 2 or not t[0].isupper() or t.isupper() or t in GENERIC:
        return False
    if any(ch.isdigit() for ch in t) or _ADJECTIVE.search(t) or _SPECIALTY.search(t):
        return False
    return not (lower_head and _NATIONALITY.search(t))


def _run_before(text: str, start: int) -> list[tuple[str, int]]:
    """The capitalised words (with their offsets) directly before ``start``, in order."""
    run: list[tuple[str, int]] = []
    pos = start
    while len(run) < 7:
        if pos == 0 or text[pos - 1] != " ":
            break
        sp = text.rfind(" ", 0, pos - 1)
        tok_start = sp + 1
        token = text[tok_start : pos - 1]
        if not token or (not token[-1].isalnum() and token != "St."):
            break
        lead = len(token) - len(token.lstrip("\"'“‘(["))
        word = token[lead:]
        if not word:
            break
        if word[0].isupper() or (word in _CONNECTOR and run):
            run.append((word, tok_start + lead))
        else:
            break
        if lead:
            break
        pos = tok_start
    run.reverse()
    while run and (run[0][0] in _CONNECTOR or run[0][0] in ("The", "A", "An")):
        run.pop(0)
    return run


def find(text: str) -> list[Span]:
    """Spans of named institutions in ``text``."""
    out: list[Span] = []
    # Tried only at its first words; and only in text its gate admits (answered from the
    # document's scan of literals while one is checked): most paragraphs hold none.
    heads: Iterable[re.Match[str]] = ()
    if _HEAD.admits(text):
        heads = matches_at(_HEAD.rx, text, [m.start() for m in _HEAD_STARTS.finditer(text)])
    for found, lower in ((heads, False), (_LOWER_HEAD.finditer(text), True)):
        for m in found:
            head = m.group("head")
            after = _NOT_AFTER.get(head)
            if after and after.match(text, m.end()):
                continue
            run = _run_before(text, m.start())
            if not run:
                continue
            if _CITED_TITLE.search(text, 0, run[0][1]):
                continue
            words = [w for w, _ in run]
            if lower and words[-1].endswith(("'s", "’s", "s'")):
                continue
            if any(w in _FAMILY_POSSESSIVE for w in words):
                continue
            if any(_distinctive(w, lower) for w in words if w not in _CONNECTOR) or (
                len(words) >= 2 and _STREET.match(words[-1])
            ):
                out.append(("institution", run[0][1], m.end()))
    return longest(out)
