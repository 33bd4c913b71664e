"""Generate a realistic long LCSPR-like .docx draft for benchmarks.

A draft of N pages at about 330 words a page: numbered body paragraphs of
three runs (one sometimes bold or italic), a Heading 1 or 2 every ~20
paragraphs, a 4x3 table every ~50, a bullet or numbered list every ~35, and a
few comments. The same seed gives the same document (fixed metadata and dates).

    python benchmarks/generate_docx.py out.docx --pages 300 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import docx

WORDS_PER_PAGE = 330
FIXED_DATE = dt.datetime(2024, 1, 15, 9, 30, tzinfo=dt.timezone.utc)

_TEXT = (
    "the review found that practitioners from health visiting children's social care "
    "police and schools did not share information about the risks to the child because "
    "the referral pathway was unclear and supervision was not available when caseloads "
    "were high the partnership should seek assurance that the protocol for non-mobile "
    "babies is understood and that fathers and male carers are seen and assessed the "
    "mother told the reviewer that she felt judged and that nobody asked about her "
    "partner the multi-agency safeguarding hub screened the notification and closed it "
    "with no further action although the threshold document says otherwise"
)
_VOCAB = tuple(_TEXT.split())
_TITLES = (
    "Introduction",
    "Key questions for the review",
    "How the review was carried out",
    "Summary of circumstances",
    "Analysis and findings",
    "Information sharing",
    "Supervision and workload",
    "The child's lived experience",
    "Recommendations",
    "Governance and sign-off",
)


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(_VOCAB) for _ in range(words)]
    picked[0] = picked[0].capitalize()
    return " ".join(picked) + "."


def generate_draft(path: Path, pages: int = 300, seed: int = 1) -> Path:
    """Write a ``pages``-page draft to ``path`` (deterministic for a seed) and return it."""
    rng = random.Random(seed)
    doc = docx.Document()
    cp = doc.core_properties
    cp.author = cp.last_modified_by = cp.comments = ""
    cp.title = "Local Child Safeguarding Practice Review: Child B"
    cp.created = cp.modified = FIXED_DATE
    body = doc.element.body
    for p in list(body):
        if p.tag.endswith("}p"):
            body.remove(p)

    doc.add_paragraph("Local Child Safeguarding Practice Review: Child B", style="Title")
    target = pages * WORDS_PER_PAGE
    words = 0
    para = 0
    chapter = section = 0
    comments = 0
    while words < target:
        para += 1
        if para % 20 == 1:
            if para % 60 == 1:
                chapter += 1
                section = 0
                title = _TITLES[(chapter - 1) % len(_TITLES)]
                doc.add_paragraph(f"{chapter}. {title}", style="Heading 1")
            else:
                section += 1
                title = _TITLES[rng.randrange(len(_TITLES))].lower()
                doc.add_paragraph(f"{chapter}.{section} Findings on {title}", style="Heading 2")
        if para % 50 == 0:
            table = doc.add_table(rows=4, cols=3)
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    cell.text = "Owner" if r == 0 and c == 2 else _sentence(rng, 4)[:-1]
            words += 48
        if para % 35 == 0:
            style = "List Bullet" if para % 70 else "List Number"
            for _ in range(4):
                doc.add_paragraph(_sentence(rng, 10), style=style)
                words += 10
        p = doc.add_paragraph()
        p.add_run(f"{chapter}.{para} " + _sentence(rng, rng.randint(15, 25)) + " ")
        middle = p.add_run(_sentence(rng, rng.randint(10, 20)) + " ")
        if para % 7 == 0:
            middle.bold = True
        elif para % 11 == 0:
            middle.italic = True
        p.add_run(_sentence(rng, rng.randint(15, 25)))
        words += sum(len(r.text.split()) for r in p.runs)
        if para % 400 == 0 and comments < 10:
            doc.add_comment(middle, text="Please check this finding.", author="Reviewer")
            comments += 1
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
