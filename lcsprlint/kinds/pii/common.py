"""Word lists and small helpers the PII detectors share.

Most false alarms in review prose come from capitalised words that are not
names: the first word of a sentence, services ("Early Help", "Children's
Social Care"), documents ("Working Together", "Section 47"), pseudonyms and
role labels ("Child T", "Mother", "Social Worker 1"). :data:`NOT_NAME` holds
such words once, so every detector rules them out the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from lcsprlint.kinds.literals import Literals
from lcsprlint.kinds.pii.givennames import AMBIGUOUS, GIVEN
from lcsprlint.textutil import LazyPattern

#: One detection: (type, start, end) with offsets into the text searched.
Span = tuple[str, int, int]
_UNBUILT: Any = object()


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used rather than at import.

    The detectors hold some eighty module-level patterns; compiling them all
    cost every command (listing rules, checking one rule that is no
    identifier rule) ~30 ms at import. The object answers ``search``,
    ``match``, ``finditer``, ``pattern``, ``flags``... as the compiled
    pattern does (:class:`~lcsprlint.textutil.LazyPattern`).
    """
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


#: A capital and the small letters after it: what a given name starts with.
CAPITAL_RUN = lazy(r"[A-Z][a-z]+")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"


@cache
def given_firsts() -> frozenset[str] | None:
    """The first :data:`CAPITAL_RUN` of each given name ("Amber" of "Amber-Rose").

    A gate for detectors that report only given names: such a name, standing
    in a text with no small letter right after it, starts a whole run that
    ``CAPITAL_RUN.findall`` lists (a run of small letters holds no capital,
    so no earlier run covers its start); a text whose runs hold none of these
    holds no such name. None when a given name does not start with a capital
    and a small letter: then there is no gate. Read with string methods, as
    a pattern match per name cost every command that loads the detectors.
    """
    out = set()
    for name in GIVEN:
        rest = name[1:].lstrip(_LOWER)
        if name[:1] not in _UPPER or len(rest) == len(name) - 1:
            return None
        out.add(name[: len(name) - len(rest)])
    return frozenset(out)


def given_runs(text: str) -> frozenset[str] | None:
    """The runs of :func:`given_firsts` that stand in ``text`` as whole capital runs.

    None when there is no such gate (every candidate must be tried); else a
    given name standing in ``text`` (no small letter right after it) has its
    first run among these, so an empty set says the text holds none.
    """
    firsts = given_firsts()
    if firsts is None:
        return None
    return firsts.intersection(CAPITAL_RUN.findall(text))


def words(text: str) -> frozenset[str]:
    """A word list written as one string, as a set."""
    return frozenset(text.split())


#: A capitalised name-like token: "Price", "O'Connor", "McLeod", "Taylor-Green".
NAME_TOKEN = r"(?:[A-Z]')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"

MONTHS = words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
WEEKDAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

_FUNCTION = words(
    """
    A An The This That These Those Her His Their Its Our Your My Each Every Any Some All Both
    No None Neither Either Another Other One Two Three Four Five Six Seven Eight Nine Ten
    First Second Third Last Next Previous Former Current New Old Same Such Many Most Few
    In At On By From To For With Within Without Into Onto Over Under About After Before
    During Following Although Because Since As Despite However Then Than Whether Which Who
    Whom Whose Where What When While How Why Once Later Earlier Here There If And Or But
    Nor So Yet Also Only Not He She They It We I You Him Them Us Me Is Was Were Are Be Been
    Had Has Have Did Do Does Said Says Told Dear Yes Please Thank Thanks Note Notes See
    Nil Unknown TBC Male Female Signed Approved Agreed Regards
    """
)

_PEOPLE = words(
    """
    Mother Father Mum Dad Mummy Daddy Parent Parents Baby Babies Child Children Adult Adults
    Young Person People Sibling Siblings Brother Sister Son Daughter Maternal Paternal
    Grandmother Grandfather Grandparent Grandparents Grandma Grandad Nan Nana Nanny Granny
    Uncle Aunt Auntie Aunty Cousin Partner Stepfather Stepmother Family Families Friend
    Infant Boy Girl Man Woman Men Women Carer Carers Household Practitioner Practitioners
    Professional Professionals Agency Agencies Mr Mrs Ms Miss Mx Dr Doctor Nurse
    PC DC DS DI Sgt Insp Cllr Professor Prof Lord Lady Sir Dame Judge Saint St
    Social Worker Workers Health Visitor Visitors Visiting Officer Officers Manager Managers
    Teacher Teachers Head Headteacher Lead Leads Designated Named Safeguarding Midwife
    Midwives Midwifery Police Constable Sergeant Inspector Detective Chair Chairs Reviewer
    Author Panel Member Members Team Teams Service Services Care Help Early Hub Board
    Partnership Partnerships Council Authority Court Unit Centre Department Office Ofsted
    Cafcass Probation Youth Justice Prison Custody Housing Education Trust Registrar
    Consultant Paediatrician Therapist Psychologist Psychiatrist Practice Surgery Hospital
    School Nursery Academy College Clinic Ward Team's Services' Christian Muslim Jewish Hindu
    Sikh Catholic Islamic Black White Asian Mixed Chief Superintendent Commander Assistant
    Deputy Director Principal Superintendent's Commissioner Chairman Chairperson Secretary
    Coordinator Co-ordinator Administrator Advisor Adviser Front Door
    """
)

_THINGS = words(
    """
    Partners Trusts Councils Authorities Courts Units Centres Schools Hospitals University
    Primary Secondary Junior Community Mental Medical Clinical General District Royal
    National Local Regional County City Borough Town Village Area North South East West
    Northern Southern Eastern Western Central Section Sections Act Acts Appendix Annex Table
    Figure Chapter Paragraph Part Recommendation Recommendations Finding Findings Review
    Reviews Report Reports Plan Plans Assessment Assessments Conference Conferences Strategy
    Discussion Meeting Meetings Order Orders Law Policy Policies Procedure Procedures Protocol
    Guidance Framework Programme Project Scheme Model Tool Toolkit Profile Approach Standards
    Code Level Tier Stage Phase Year Years Month Months Week Weeks Day Days Term Terms Summer
    Autumn Winter Spring Christmas Easter Eid Ramadan Diwali Hanukkah Covid Pandemic England
    English Wales Welsh Scotland Scottish Ireland Irish Britain British UK Europe European
    Government Secretary State Minister Parliament Commissioner Inspectorate Together Working
    Think Signs Safety Safe Safer Keeping Graded Operation Encompass Multi Multi-Agency
    Integrated Joint Targeted Specialist Specialised Statutory Initial Core Group Protection
    Need Needs Support Supporting Response Referral Referrals Contact Contacts Record Records
    System Systems Data Information Key Question Questions Line Lines Enquiry Enquiries
    Learning Improvement Subgroup Sub-group Executive Summary Introduction Background
    Conclusion Conclusions Methodology Terms Reference Scope Glossary Contents
    Acknowledgements Foreword Action Actions Street Road Avenue Lane Close Drive Crescent Way
    Grove Gardens Terrace Place Square Mews Row Walk Rise Parade Estate House Home Homes
    Hostel Refuge Station Wing Building Ambulance Fire Rescue Emergency Urgent Network
    Foundation Institute Association Society Charity Commission Alliance Forum Federation
    Company Limited Ltd Inquiry Syndrome Disorder Disease Award Fund Night Morning Evening
    Afternoon Eve Hour Hours Time Sure Start Church Mosque Temple Faith Faiths Version Draft
    Final Status Date Published Publication Page Sign-off Hill Constabulary Timescale
    Timescales Deadline Owner Owners Lead Leads Priority Target Targets Progress
    """
)

#: Capitalised words that are not a surname after an honorific or a title
#: ("Nurse Practitioner", "PC and", "Mrs Mother").
NOT_SURNAME: frozenset[str] = _FUNCTION | _PEOPLE | MONTHS | WEEKDAYS

#: Capitalised words that are never part of a person's name in review prose
#: without an honorific before them.
NOT_NAME: frozenset[str] = NOT_SURNAME | _THINGS

#: Given names that may be given names only in context; and every given name.
ALL_GIVEN = GIVEN | AMBIGUOUS


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(line.split()) for line in text.split(",") if line.strip())


#: Practitioner roles (lower case, last words of the phrase), for "social worker
#: Sarah" and "Mrs Lewis, the class teacher". Modifiers such as "allocated" need
#: not be listed: only the words next to the name are compared.
ROLE_HEADS: frozenset[str] = _phrases(
    """
    social worker, social work assistant, social work manager, health visitor, midwife,
    school nurse, nurse, nurse practitioner, teacher, class teacher, head teacher, headteacher,
    head of year, deputy head, senco, sendco, dsl, designated safeguarding lead,
    safeguarding lead, gp, general practitioner, doctor, paediatrician, consultant, registrar,
    psychiatrist, psychologist, therapist, counsellor, police officer, officer, constable,
    detective, detective constable, detective sergeant, detective inspector, sergeant,
    inspector, family support worker, support worker, key worker, keyworker, youth worker,
    outreach worker, family worker, early help worker, early help practitioner, practitioner,
    team manager, service manager, manager, probation officer, housing officer, idva, isva,
    iro, independent reviewing officer, childminder, nursery manager, nursery worker,
    nursery practitioner, nursery nurse, personal adviser, paramedic, health care assistant,
    healthcare assistant, learning mentor, pastoral lead, pastoral worker, pastoral manager,
    head of service, head of school, caseworker, case worker, social care worker,
    residential worker, foster carer, supervising social worker, advocate, interpreter,
    dentist, optician, pharmacist, physiotherapist, speech and language therapist
    """
)

#: Family and other private relationships, for "her partner, Liam Doyle".
RELATION_HEADS: frozenset[str] = _phrases(
    """
    mother, father, mum, dad, mummy, daddy, parent, partner, boyfriend, girlfriend, husband,
    wife, fiance, fiancee, fiancé, fiancée, uncle, aunt, auntie, aunty, grandmother,
    grandfather, grandma, gran, grandad, granddad, grandpa, granny, nan, nana, nanny,
    grandparent, great-grandmother, great-grandfather, brother, sister, sibling, half-brother,
    half-sister, stepfather, stepmother, step-father, step-mother, stepbrother, stepsister,
    step-brother, step-sister, cousin, niece, nephew, son, daughter, stepson, stepdaughter,
    friend, family friend, neighbour, lodger, flatmate, housemate, carer, kinship carer,
    guardian, special guardian, landlord, landlady, associate, perpetrator, suspect,
    relative, godmother, godfather, babysitter, ex-partner, ex-boyfriend, ex-girlfriend,
    ex-husband, ex-wife
    """
)

#: Honorifics of private persons.
HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx)"

_POSSESSIVE = lazy(r"['’]s$")


def bare(token: str) -> str:
    """A token without a possessive ending: "Sarah's" -> "Sarah"."""
    return _POSSESSIVE.sub("", token)


def is_name_token(token: str, stop: frozenset[str] = NOT_NAME) -> bool:
    """A capitalised token that may be part of a name (not a stop word, not one letter)."""
    t = bare(token)
    return len(t) > 1 and t[0].isupper() and not t.isupper() and t not in stop


def is_given(token: str, ambiguous: bool = False) -> bool:
    """Whether ``token`` is a known given name (``ambiguous`` also admits Grace, Mark...)."""
    t = bare(token)
    return t in GIVEN or (ambiguous and t in AMBIGUOUS)


_CITATION_AFTER = lazy(r"\s*(?:\(\s*(?:19|20)\d\d|,\s*(?:19|20)\d\d\b|\s+et\s+al\b|\s*\(ed)")


def citation_follows(text: str, end: int) -> bool:
    """Whether a research citation follows a name: "Munro (2011)", "Brandon et al."."""
    return bool(_CITATION_AFTER.match(text, end))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def longest(spans: list[Span]) -> list[Span]:
    """Drop spans inside or overlapping a longer span of the same type, in text order."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[1], -(s[2] - s[1]))):
        if out and out[-1][0] == span[0] and span[1] < out[-1][2]:
            if span[2] - span[1] > out[-1][2] - out[-1][1]:
                out[-1] = span
            continue
        out.append(span)
    return out


def matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, trying ``rx`` only at ``starts`` (ascending positions).

    For a pattern that never matches the empty string, given positions that
    include every position where ``rx.match(text, pos)`` succeeds: ``finditer``
    tries each position in turn and, after a match, goes on from its end, so
    trying only those positions, in order and after the last match's end,
    finds the same matches. The callers prove their positions from the
    pattern's text (a word every match holds, the characters it may span).
    """
    end = 0
    last = -1
    for pos in starts:
        if pos < end or pos == last:
            continue
        last = pos
        m = rx.match(text, pos)
        if m is not None:
            yield m
            end = m.end()


def shape_table(letters: Iterable[str] = "") -> bytes:
    """A ``bytes.translate`` table: each ASCII digit to "0", each of ``letters`` to "A",
    any other byte to "x".

    The shape of an ASCII text (``text.encode().translate(table)``) answers
    with a substring test, at memory speed, what a search would try at every
    digit: whether digits (and some letters) stand in a given order. Several
    detectors ask that of every paragraph; one builder keeps their tables alike.
    """
    these = frozenset(letters)
    return bytes(
        ord("0") if "0" <= chr(c) <= "9" else ord("A") if chr(c) in these else ord("x")
        for c in range(256)
    )


#: Every ASCII digit to "0", anything else to "x" (see :func:`digit_runs`).
_DIGIT_SHAPES = shape_table()
_DIGITS = lazy(r"[0-9][0-9]*")  # as [0-9]+, but the engine skips to a digit


def digit_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of ASCII digits in ``text``, in order (``[0-9]+``).

    In ASCII text from its shape (every digit "0", anything else "x") with
    ``bytes.find``, which runs at memory speed, where a search for ``[0-9]+``
    tries a character class at every character of the paragraph (the
    number and date detectors asked it of every paragraph). Other text is
    searched: the offsets of its bytes are not those of its characters.
    """
    if not text.isascii():
        return [m.span() for m in _DIGITS.finditer(text)]
    shape = text.encode().translate(_DIGIT_SHAPES)
    find = shape.find
    out = []
    i = find(b"0")
    while i != -1:
        j = find(b"x", i)
        if j == -1:
            out.append((i, len(shape)))
            break
        out.append((i, j))
        i = find(b"0", j)
    return out


def occurrences(text: str, words: Iterable[str]) -> list[int]:
    """Every position where one of ``words`` starts in ``text`` (overlaps included), sorted."""
    out: list[int] = []
    for word in words:
        i = text.find(word)
        while i != -1:
            out.append(i)
            i = text.find(word, i + 1)
    out.sort()
    return out


class AnyOf:
    """One gate for several :class:`~lcsprlint.kinds.literals.Gated` patterns.

    A detector that runs three gated patterns over each paragraph asks three
    gates, and most paragraphs hold the literals of none. When every pattern
    has only literals as written (no ``needs``, nothing case-insensitive), a
    text holding none of all their literals is turned away by every gate: one
    question for all of them (one :class:`~lcsprlint.kinds.literals.Literals`
    of them all, answered from the shared index while a document is checked)
    answers that first. Built on first use; when a pattern does not qualify
    it admits every text (the gates still decide).
    """

    __slots__ = ("_literals", "gates")

    def __init__(self, *gates: Any) -> None:
        self.gates = gates
        self._literals: Any = _UNBUILT  # worked out on first use

    def admits(self, text: str) -> bool:
        """False only when no gate of the group can admit ``text``."""
        lits = self._literals
        if lits is _UNBUILT:
            lits = self._literals = self._build()
        return lits is None or lits.admits(text)

    def _build(self) -> Literals | None:
        """Every gate's literals; None (admit every text) when a gate does not qualify."""
        found: set[str] = set()
        for gate in self.gates:
            lits = gate.literals
            if gate.needs is not None or lits is None or lits.caseless or "" in lits.exact:
                return None
            found |= lits.exact
        return Literals(found, ()) if found else None
