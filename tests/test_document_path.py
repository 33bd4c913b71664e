"""A Document names the file it was read from, whatever sections it holds.

Section assembly once reused the name ``path`` for each section's heading
path, so a Document's ``path`` came out as the last section's titles. Callers
that pass the file name on (the engine, ``outline``) hid it; anything reading
``Document.path`` alone got the wrong answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lcsprlint.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = [
    ROOT / "examples" / "weak-lcspr.docx",
    ROOT / "tests" / "corpus" / "lcspr" / "a-01-child-t.md",
    ROOT / "tests" / "corpus" / "lcspr" / "a-02-child-r.txt",
]


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_document_path_is_the_file_not_a_section(draft: Path) -> None:
    doc = read_document(draft)
    assert len(doc.sections) > 2  # the old mistake needs sections to show
    assert doc.path == str(draft)
    assert doc.sections[-1].path != ()  # each section still has its own heading path


def test_sections_keep_their_heading_paths(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Review\n\nOpening.\n\n## Findings\n\nText.\n\n### Finding 1\n\nMore.\n")
    doc = read_document(draft)
    assert doc.path == str(draft)
    assert [s.path for s in doc.sections[1:]] == [
        ("Review",),
        ("Review", "Findings"),
        ("Review", "Findings", "Finding 1"),
    ]
