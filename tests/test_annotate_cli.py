"""`lcsprlint annotate` as an author runs it: a commented copy beside the draft."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from lcsprlint.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_annotate_writes_a_commented_copy_and_leaves_the_draft_alone(tmp_path: Path) -> None:
    draft = shutil.copy(EXAMPLES / "weak-lcspr.docx", tmp_path / "draft.docx")
    before = _sha(draft)
    result = CliRunner().invoke(cli, ["annotate", str(draft)])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "draft.lcsprlint.docx"
    assert f"{copy}:" in result.output
    assert _sha(draft) == before
    comments = list(Document(str(copy)).comments)
    ours = [c for c in comments if c.author == "lcsprlint"]
    assert len(ours) >= 10
    assert any("LCSPR110" in c.text and "What to do" in c.text for c in ours)
    # The reviewer's own comment is kept; annotating the copy again adds no duplicates.
    assert any(c.author != "lcsprlint" for c in comments)
    again = CliRunner().invoke(cli, ["annotate", str(copy), "-o", str(copy)])
    assert again.exit_code == 0, again.output
    assert len([c for c in Document(str(copy)).comments if c.author == "lcsprlint"]) >= len(ours)


def test_annotate_markdown_and_refusals(tmp_path: Path) -> None:
    draft = shutil.copy(EXAMPLES / "weak-lcspr.md", tmp_path / "draft.md")
    result = CliRunner().invoke(cli, ["annotate", str(draft)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "draft.lcsprlint.md").read_text(encoding="utf-8")
    assert "<!-- lcsprlint: [ERROR] LCSPR101" in text
    missing = CliRunner().invoke(cli, ["annotate", str(tmp_path / "nope.docx")])
    assert missing.exit_code == 2
    folder = CliRunner().invoke(cli, ["annotate", str(tmp_path)])
    assert folder.exit_code == 2
