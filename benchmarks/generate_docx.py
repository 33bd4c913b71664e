"""Generate realistic LCSPR drafts (.docx) of any length, for benchmarks.

A benchmark is only as honest as its input: a draft of random words makes
most rules stop at their first pattern, so the time of a real check goes
unmeasured. These drafts read like the reviews the rules were written for,
so every rule does its real work on them:

* a title page (pseudonym declared, independent reviewer named), a contents
  list with dot leaders, a page header and footer, and a few comments;
* headings in several conventions, rotating chapter by chapter: Heading
  styles, wholly bold Normal paragraphs, Normal paragraphs with an outline
  level, plain numbered lines, and bold run-in lead-ins for subsections;
* a key-questions table, a method section (independence, family
  involvement, parallel processes), a chronology of dated, date-led
  paragraphs (about a fifth of the words), an analysis of findings (the
  bulk) with acronyms, research and the child's lived experience, bullet
  lists of issues for the partnership, numbered paragraphs;
* numbered recommendations with owners (a few starting with a weak verb),
  a sign-off statement with a table of the three safeguarding partners, a
  glossary table and references;
* rare slips an anonymisation check must find (a given name, a named
  school, a postcode, a phone number, an exact date of birth), about one in
  sixty paragraphs, as in a real early draft.

About 330 words a page (a few hundred more on drafts under ten pages, for
the fixed sections). The same seed and size give the same text and metadata
(only the zip timestamps differ). Also usable alone::

    python benchmarks/generate_docx.py out.docx --pages 300 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

WORDS_PER_PAGE = 330
FIXED_DATE = dt.datetime(2024, 1, 15, 9, 30, tzinfo=dt.timezone.utc)
#: Heading conventions, rotated chapter by chapter.
CONVENTIONS = ("styles", "bold", "outline", "numbered")

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_ROLES = (
    "the health visitor",
    "the social worker",
    "the GP",
    "the midwife",
    "the school nurse",
    "the police officer",
    "the team manager",
    "the family support worker",
    "the designated safeguarding lead",
    "the paediatrician",
    "the housing officer",
    "the early help practitioner",
)
_AGENCIES = (
    "children's social care",
    "the health visiting service",
    "the police",
    "the primary school",
    "the GP practice",
    "the MASH",
    "maternity services",
    "CAMHS",
    "the housing provider",
    "early help",
    "the IDVA service",
    "the hospital trust",
)
_EVENTS = (
    "visited the family at home and saw Child B asleep in a cot",
    "received a notification from the police about an incident at the family home",
    "held a strategy discussion with health and the police",
    "completed a single assessment and closed the case with advice",
    "saw Mother at the surgery about low mood and prescribed medication",
    "made a referral to the MASH after Child B arrived at school with a bruise",
    "attended a child protection conference, which agreed a child in need plan",
    "spoke to Father on the telephone about the missed appointments",
    "recorded that the family had moved to temporary accommodation",
    "noted that Child B had not been brought to the dental appointment",
    "shared concerns about domestic abuse with the IDVA service",
    "discussed the case in supervision and agreed to step down to early help",
)
_SUBJECTS = (
    "Practitioners",
    "The review",
    "The partnership",
    "Managers",
    "The case group",
    "Agencies",
    "Supervisors",
    "Health professionals",
    "The safeguarding partners",
)
_VERBS = (
    "found that",
    "recognised that",
    "told the reviewer that",
    "did not always see that",
    "described how",
    "agreed that",
)
_CLAUSES = (
    "information about the risks to Child B was held in separate records and was not "
    "brought together",
    "the referral pathway was unclear when the threshold for a statutory assessment was not met",
    "supervision was not available when caseloads were high and staff turnover was "
    "affecting the team",
    "fathers and male carers were not routinely seen or assessed by any agency",
    "the voice of the child was not recorded at the visits that mattered most",
    "the protocol for non-mobile babies with bruising was not followed in this case",
    "Mother felt judged and that nobody asked her about her partner's drinking",
    "professional curiosity was limited by the pressure to close cases quickly",
    "the impact of neglect was seen as a series of incidents rather than a pattern",
    "the system did not support staff to challenge decisions made in the MASH",
    "the family's housing problems added to the stress on both parents",
    "the lived experience of the child was hard to see from the records",
)
_REASONS = (
    "because the case management systems of the agencies do not talk to each other",
    "since the local guidance had not been updated after the national review",
    "which is a pattern that the Child Safeguarding Practice Review Panel has also seen nationally",
    "and this reflects a wider issue across the partnership rather than individual error",
    "as research on cumulative harm (Brandon and others, 2020) would predict",
    "although the threshold document says otherwise",
    "because staff were not confident about escalation and challenge",
)
_ISSUES = (
    "How can the partnership be assured that information about fathers is shared?",
    "How will agencies know that the escalation policy is understood and used?",
    "What support do practitioners need to keep the child's experience in view?",
    "How can supervision help practitioners see patterns of neglect?",
    "How will the MASH record the reasons for its decisions?",
)
_OWNERS = (
    "Owner: Northshire Safeguarding Children Partnership.",
    "Owner: Director of Children's Services, Northshire Council.",
    "Owner: NHS Northshire Integrated Care Board.",
    "Owner: Northshire Police, Head of Public Protection.",
    "Owner: the partnership's Quality Assurance Group.",
)
_REC_ACTIONS = (
    "should review the escalation policy so that practitioners use it with confidence, "
    "and report on its use within six months.",
    "should make sure that fathers and male carers are identified, seen and assessed at "
    "every assessment, and audit this within a year.",
    "should commission training on neglect and cumulative harm for frontline staff and "
    "their supervisors.",
    "should change the MASH recording template so that the reasons for each decision are "
    "recorded and shared with the referrer.",
    "should seek assurance that the bruising protocol for non-mobile babies is understood "
    "by all practitioners.",
    "consider how the voice of the child can be recorded at every home visit.",
    "should provide resources so that supervision is available when caseloads are high.",
)
_FINDING_TITLES = (
    "Information sharing between agencies",
    "Seeing and assessing fathers",
    "Supervision and workload",
    "Escalation and professional challenge",
    "Recognising neglect and cumulative harm",
    "The voice of the child",
    "Housing and the stress on the family",
    "Decision making in the MASH",
)
# Rare slips an early draft contains and the anonymisation rules must find.
_SLIPS = (
    "Kyle was not seen alone at the visit and his views were not asked.",
    "Social worker Sarah Jones visited the next day with her manager.",
    "Child B then moved to St Mary's Primary School in the spring term.",
    "The family moved to a flat in the NE6 5XY area shortly afterwards.",
    "The health visitor left a message on 0191 496 0123 but nobody called back.",
    "Her date of birth, 03/04/2019, was recorded wrongly in one system.",
)
_GLOSSARY = (
    ("CAMHS", "Child and Adolescent Mental Health Services"),
    ("ICB", "Integrated Care Board"),
    ("IDVA", "Independent Domestic Violence Advocate"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("MASH", "Multi-Agency Safeguarding Hub"),
)


class _Writer:
    """Appends paragraphs, headings and tables to a python-docx document, quickly.

    Paragraphs are built as raw XML (python-docx's ``add_paragraph`` looks the
    style up by name on every call, which made a 300-page draft take seconds).
    """

    def __init__(self, doc: DocxDocument, rng: random.Random) -> None:
        self.doc = doc
        self.rng = rng
        self.body = doc.element.body
        self.words = 0
        self.paragraphs = 0

    def _append(self, el: etree._Element) -> None:
        sect = self.body.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(el)
        else:
            self.body.append(el)

    def para(
        self,
        text: str | Sequence[tuple[str, bool]],
        style: str | None = None,
        *,
        bold: bool = False,
        outline: int | None = None,
    ) -> etree._Element:
        """A paragraph of one run (``text``) or of ``(text, bold)`` runs."""
        p = OxmlElement("w:p")
        if style or outline is not None:
            ppr = etree.SubElement(p, qn("w:pPr"))
            if style:
                etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), style)
            if outline is not None:
                etree.SubElement(ppr, qn("w:outlineLvl")).set(qn("w:val"), str(outline))
        runs = [(text, bold)] if isinstance(text, str) else list(text)
        for run_text, run_bold in runs:
            r = etree.SubElement(p, qn("w:r"))
            if run_bold:
                etree.SubElement(etree.SubElement(r, qn("w:rPr")), qn("w:b"))
            t = etree.SubElement(r, qn("w:t"))
            t.text = run_text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            self.words += len(run_text.split())
        self._append(p)
        self.paragraphs += 1
        return p

    def heading(self, number: str, title: str, level: int, convention: str) -> None:
        """A heading made the way ``convention`` says (level 1 or 2)."""
        text = f"{number} {title}" if number else title
        if convention == "styles":
            self.para(text, f"Heading{level}")
        elif convention == "bold":
            self.para(text, bold=True)
        elif convention == "outline":
            self.para(text, outline=level - 1)
        else:  # numbered: a plain short line starting with its number
            self.para(text)

    def table(self, rows: Sequence[Sequence[str]], header_bold: bool = True) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for cell, value in zip(table.rows[r].cells, row, strict=True):
                cell.text = value
                if r == 0 and header_bold:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                self.words += len(value.split())


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    """A date in words ("14 March 2021") and in figures ("14/03/2021")."""
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    return f"{day} {_MONTHS[month - 1]} {year}", f"{day:02d}/{month:02d}/{year}"


def _sentence(rng: random.Random) -> str:
    clause = rng.choice(_CLAUSES)
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {clause} {rng.choice(_REASONS)}."


def _analysis_paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))


class _Draft:
    """One draft being written: chapter numbering, conventions and slips."""

    def __init__(self, writer: _Writer, rng: random.Random, seed: int) -> None:
        self.w = writer
        self.rng = rng
        self.chapter = 0
        self.seed = seed
        self.para_no = 0
        self.written = 0
        self.since_slip = 0
        self.comments = 0

    def chapter_heading(self, title: str) -> str:
        self.chapter += 1
        self.para_no = 0
        convention = CONVENTIONS[(self.chapter + self.seed) % len(CONVENTIONS)]
        self.w.heading(f"{self.chapter}.", title, 1, convention)
        return convention

    def sub_heading(self, n: int, title: str, convention: str, first_text: str) -> None:
        """A subsection heading; run-in (bold lead-in) when the chapter uses bold lines."""
        number = f"{self.chapter}.{n}"
        if convention == "bold" and n % 2 == 0:
            self.w.para([(f"{title}. ", True), (first_text, False)])
            return
        self.w.heading(number, title, 2, convention)
        self.body(first_text)

    def body(self, text: str) -> None:
        """A numbered body paragraph, with the odd slip and comment."""
        self.para_no += 1
        self.written += 1
        self.since_slip += 1
        if self.since_slip >= 60:
            self.since_slip = 0
            text = f"{text} {self.rng.choice(_SLIPS)}"
        p = self.w.para(f"{self.chapter}.{self.para_no} {text}")
        if self.written % 97 == 0 and self.comments < 12:
            self.comments += 1
            run = Paragraph(p, self.w.doc._body).runs[0]
            self.w.doc.add_comment(run, text="Please check this with the agency.", author="QA")


def generate_draft(path: Path, pages: int = 300, seed: int = 1, *, child: str = "B") -> Path:
    """Write a realistic ``pages``-page LCSPR draft to ``path`` and return it.

    Deterministic for a seed: the same arguments give the same text.
    """
    rng = random.Random(seed)
    doc = docx.Document()
    cp = doc.core_properties
    cp.author = cp.last_modified_by = cp.comments = ""
    cp.title = f"Local Child Safeguarding Practice Review: Child {child}"
    cp.created = cp.modified = FIXED_DATE
    body = doc.element.body
    for p in list(body):
        if p.tag == qn("w:p"):
            body.remove(p)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE: DRAFT FOR THE PARTNERSHIP"
    section.footer.paragraphs[0].text = f"Child {child} LCSPR, draft 3"

    w = _Writer(doc, rng)
    d = _Draft(w, rng, seed)
    target = max(1, pages) * WORDS_PER_PAGE
    year = 2019 + rng.randrange(3)

    # Title page.
    w.para(f"Local Child Safeguarding Practice Review: Child {child}", "Title")
    w.para("Northshire Safeguarding Children Partnership")
    w.para("Independent reviewer: Dr Helen Marsh. Published May 2024.")
    if pages >= 5:
        w.para("Contents", "Heading1")
        for i, t in enumerate(("Introduction", "Key questions", "Method", "Findings"), 1):
            w.para(f"{i}. {t}\t{i * 3}", "TOC1")

    # 1. Introduction: why an LCSPR, pseudonym, acronyms defined.
    conv = d.chapter_heading("Introduction")
    d.body(
        f"This review is about a child who will be known as Child {child}. Child {child} "
        f"was {rng.randint(2, 9)} years old when the serious incident happened in {year + 2}. "
        "The Northshire Safeguarding Children Partnership (NSCP) held a rapid review and "
        "notified the Child Safeguarding Practice Review Panel."
    )
    d.body(
        "The rapid review found that agencies had not shared information well, and the "
        "lead safeguarding partners decided to undertake a Local Child Safeguarding Practice "
        "Review because further learning about the system was likely. This LCSPR adds what "
        "the rapid review could not find: why practice was as it was."
    )
    d.body(
        "Agencies involved included children's social care, the Multi-Agency Safeguarding "
        "Hub (MASH), the Integrated Care Board (ICB) and Child and Adolescent Mental Health "
        "Services (CAMHS). Other abbreviations are explained in the glossary."
    )

    # 2. Key questions.
    conv = d.chapter_heading("Key questions for the review")
    d.body("The safeguarding partners agreed the following key questions for the review.")
    w.table([("No.", "Key question")] + [(str(i), q) for i, q in enumerate(_ISSUES[:4], 1)])

    # 3. Method.
    conv = d.chapter_heading("How the review was carried out")
    d.sub_heading(
        1,
        "Methodology",
        conv,
        "The review used a systems approach. The period under review was from "
        f"January {year} to the incident. Practitioners from every agency met the reviewer "
        "at a learning event.",
    )
    d.sub_heading(
        2,
        "Independence",
        conv,
        "The lead reviewer is independent of the partnership and of the agencies "
        "involved, and has had no previous involvement with the family.",
    )
    d.sub_heading(
        3,
        "Family involvement",
        conv,
        "Mother and the maternal grandmother met the reviewer and their views are "
        "included throughout. Father was invited but did not take part.",
    )
    d.sub_heading(
        4,
        "Parallel processes",
        conv,
        "The police investigation concluded without charge and the coroner's inquest "
        "has not yet been held. The review was completed within the expected timescale.",
    )

    # 4. Chronology: dated, date-led paragraphs (about a fifth of the words).
    conv = d.chapter_heading("Summary of agency involvement")
    chrono_target = w.words + target // 5
    n = 0
    while w.words < chrono_target:
        n += 1
        words_date, figures_date = _date(rng, year + (n // 40) % 3)
        event = rng.choice(_EVENTS)
        role = rng.choice(_ROLES)
        if n % 5 == 0:
            d.body(f"{figures_date}: {role.capitalize()} {event}.")
        else:
            d.body(f"On {words_date}, {role} {event}. {_sentence(rng)}")

    # 5. Analysis: the bulk, in findings with bullet lists of issues.
    conv = d.chapter_heading("Analysis and findings")
    d.body(
        "This section analyses why practice was as it was, drawing on what practitioners "
        "told the review and on national learning. It considers the lived experience of "
        f"Child {child} and what life was like for the child at home."
    )
    analysis_target = target - 700  # the closing sections take about 700 words
    finding = 0
    while w.words < analysis_target:
        finding += 1
        title = _FINDING_TITLES[(finding - 1) % len(_FINDING_TITLES)]
        d.sub_heading(finding, f"Finding {finding}: {title}", conv, _analysis_paragraph(rng))
        for _ in range(rng.randint(4, 9)):
            if w.words >= analysis_target:
                break
            d.body(_analysis_paragraph(rng))
        if finding % 2 == 0:
            d.body("Issues for the partnership to consider:")
            for issue in rng.sample(_ISSUES, 3):
                w.para(issue, "ListBullet")
        if finding % 3 == 0:
            w.table(
                [("Agency", "What happened", "What should have happened")]
                + [
                    (rng.choice(_AGENCIES), rng.choice(_EVENTS), rng.choice(_CLAUSES))
                    for _ in range(3)
                ]
            )

    # 6. Good practice and the child's experience.
    conv = d.chapter_heading("Good practice and the child's lived experience")
    d.body(
        f"The school knew Child {child} well and noticed when Child {child} was hungry. "
        f"Child {child}'s voice was heard most clearly by the school nurse, who recorded "
        "what Child B said about home in the child's own words."
    )

    # 7. Recommendations: numbered, owned, a few weak.
    conv = d.chapter_heading("Recommendations")
    d.body("The review makes the following recommendations to the safeguarding partners.")
    for i in range(max(3, min(12, pages // 4))):
        action = _REC_ACTIONS[i % len(_REC_ACTIONS)]
        who = "The partnership" if i % 2 else "The Northshire Safeguarding Children Partnership"
        text = f"{who} {action}" if not action.startswith("consider") else action.capitalize()
        w.para(f"{text} {_OWNERS[i % len(_OWNERS)]}", "ListNumber")

    # 8. Sign-off.
    conv = d.chapter_heading("Statement from the lead safeguarding partners")
    d.body(
        "This review and its action plan were approved by the lead safeguarding partners "
        "on 12 May 2024, who accept its findings and recommendations in full."
    )
    w.table(
        [
            ("Safeguarding partner", "Signed on behalf of", "Date"),
            ("Northshire Council", "Director of Children's Services", "12 May 2024"),
            ("NHS Northshire Integrated Care Board", "Chief Nursing Officer", "12 May 2024"),
            ("Northshire Police", "Chief Constable", "12 May 2024"),
        ]
    )

    # Appendix: glossary and references.
    w.para("Appendix A: Glossary", "Heading1")
    w.table([("Term", "Meaning"), *_GLOSSARY])
    w.para("Appendix B: References", "Heading1")
    w.para(
        "Child Safeguarding Practice Review Panel (2021) The myth of invisible men. "
        "Department for Education.",
    )
    doc.save(str(path))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate_draft(args.out, args.pages, args.seed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
