"""Build the Word fixtures of rules/lcspr/hygiene.yaml (LCSPR211-LCSPR215 need a .docx).

Run from the repository root:  python tests/support/build_hygiene_fixtures.py rules/lcspr
Writes hygiene.test.word.docx (draft artefacts left in) and hygiene.test.clean.docx
(the same draft made ready to publish). Expectations are in the .expect.yaml sidecars.
"""

import sys
from pathlib import Path

sys.path.insert(0, "tests")
from support.docx_fixtures import (
    add_comment,
    add_deletion,
    add_hidden_run,
    add_insertion,
    new_document,
    save,
    set_track_revisions,
)

out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")


def draft(clean: bool) -> Path:
    doc = new_document()
    doc.core_properties.title = "Local Child Safeguarding Practice Review: Child V"
    doc.core_properties.author = (
        "Northshire Safeguarding Children Partnership" if clean else "Joanna Marsh"
    )
    doc.add_paragraph("Local Child Safeguarding Practice Review: Child V", style="Title")
    doc.add_heading("Introduction", level=1)
    p1 = doc.add_paragraph(
        "This review concerns Child V, a baby who was admitted to hospital with faltering "
        "growth at the age of seven months."
    )
    p2 = doc.add_paragraph(
        "The health visitor saw Child V in clinic in May, but his weight was not plotted "
        "against the earlier readings."
    )
    doc.add_heading("Findings", level=1)
    p3 = doc.add_paragraph(
        "The clinic used a different record system from the home visiting team, so the two "
        "sets of weights were never seen together."
    )
    p4 = doc.add_paragraph(
        "Nobody in the system was responsible for bringing the readings together."
    )
    if clean:
        add_comment(doc, p1, "LCSPR210: check the placeholder", author="lcsprlint")
        add_comment(doc, p3, "Agreed with the health visiting lead.", resolved=True)
        set_track_revisions(doc, on=False)
    else:
        add_comment(doc, p2, "Can we check the month with the health visiting team?")
        add_comment(doc, p3, "Agreed with the health visiting lead.", resolved=True)
        add_insertion(p3, " Managers knew of the problem.", author="Peter Cole")
        add_deletion(p4, " The health visitor should have known.", author="Peter Cole")
        add_hidden_run(p1, " Mother's first name is on file.")
        set_track_revisions(doc, on=True)
    name = "hygiene.test.clean.docx" if clean else "hygiene.test.word.docx"
    return save(doc, out / name)


print(draft(False), draft(True))
