"""Build the example .docx drafts from their Markdown sources, reproducibly.

    python examples/build_examples.py

good-lcspr.docx uses Word's Heading styles; weak-lcspr.docx is written the
way many real drafts are: bold numbered paragraphs instead of heading
styles, with a reviewer's comment and a tracked change left in. The Markdown
renderer and the Word fixture helpers live with the tests (tests/support),
which use the same code to render the labelled corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from docx import Document  # noqa: E402
from support.docx_fixtures import add_comment, add_insertion, save  # noqa: E402
from support.mdtodocx import markdown_to_docx  # noqa: E402


def build() -> list[Path]:
    good = markdown_to_docx(
        (HERE / "good-lcspr.md").read_text(encoding="utf-8"), HERE / "good-lcspr.docx", "styles"
    )
    weak = markdown_to_docx(
        (HERE / "weak-lcspr.md").read_text(encoding="utf-8"), HERE / "weak-lcspr.docx", "bold"
    )
    doc = Document(str(weak))
    analysis = next(p for p in doc.paragraphs if p.text.startswith("4.1"))
    add_comment(doc, analysis, "Can we soften this before it goes to the partners?")
    add_insertion(analysis, " The manager agreed.", author="Draft Editor")
    save(doc, weak)
    return [good, weak]


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(HERE.parent))
