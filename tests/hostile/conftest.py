"""Shared set-up for the hostile-input suite: an isolated working folder, a rule pack
that exercises every real check kind, and helpers to run the CLI and judge its errors.

The built-in packs are replaced by empty ones (they change as the Panel's
messages are encoded; this suite is about surviving input, not about which
rule fires), but the check kinds are the real ones, so hostile documents meet
the real matching code. Import the helpers as ``from hostile.conftest import ...``.
"""

from __future__ import annotations

import hashlib
import re
import socket
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from lcsprlint import cli
from lcsprlint.engine import builtin

#: Every real check kind, with messages that quote what the kinds found, so that
#: the no-snippets tests see each route by which document text reaches a message.
HOSTILE_RULES = r"""
- id: HOST101
  name: no-zq-words
  category: hostile
  severity: warning
  message: "Found '{match}'."
  rationale: A marker rule for tests.
  source: tests/hostile
  fix: Remove the word.
  check: pattern
  forbid: ['\bzq\w+']
- id: HOST102
  name: key-questions-stated
  category: hostile
  severity: error
  message: The draft states no key questions.
  rationale: Tests.
  source: tests/hostile
  fix: Add a key questions section.
  check: section
  headings: ['key questions', 'lines? of enquiry']
- id: HOST103
  name: background-found
  category: hostile
  severity: info
  message: "Section '{section}' found ({found})."
  rationale: Tests.
  source: tests/hostile
  fix: Nothing.
  check: section
  headings: ['background']
  require: false
- id: HOST104
  name: draft-artefacts
  category: hostile
  severity: warning
  message: "Draft artefact ({kind}) by {author}: '{match}'."
  rationale: Tests.
  source: tests/hostile
  fix: Clear it.
  check: structure
  facts: [comments, tracked-changes, track-revisions-on, hidden-text, metadata-fields]
  metadata-fields: [author, last_modified_by, title, company]
- id: HOST105
  name: identifying-details
  category: hostile
  severity: error
  message: "Identifier ({label}): '{match}'."
  rationale: Tests.
  source: tests/hostile
  fix: Remove it.
  check: identifiers
  scope: everything
- id: HOST106
  name: pseudonym-kept
  category: hostile
  severity: error
  message: "'{match}' is not a declared pseudonym ({pseudonyms})."
  rationale: Tests.
  source: tests/hostile
  fix: Use the pseudonym.
  check: pseudonyms
- id: HOST107
  name: weak-recommendations
  category: hostile
  severity: warning
  message: "Recommendation {item} in '{section}' starts weakly ('{match}')."
  rationale: Tests.
  source: tests/hostile
  fix: Say who will do what.
  check: items
  sections: ['recommendations?']
  each:
    forbid-start: ['consider', 'reflect']
- id: HOST108
  name: partners-named
  category: hostile
  severity: info
  message: "Missing {missing}; found {found}."
  rationale: Tests.
  source: tests/hostile
  fix: Name them.
  check: all-of
  groups:
    police: ['police']
    health: ['health', 'nhs']
- id: HOST109
  name: any-voice
  category: hostile
  severity: info
  message: The child's voice is absent.
  rationale: Tests.
  source: tests/hostile
  fix: Add it.
  check: any-of
  groups:
    - name: voice
      patterns: ["child'?s voice", 'lived experience']
- id: HOST110
  name: covid-explained
  category: hostile
  severity: info
  message: "'{match}' without its effect."
  rationale: Tests.
  source: tests/hostile
  fix: Explain.
  check: conditional
  if: ['covid', 'lockdown']
  then: ['because', 'meant that']
  where: block
- id: HOST111
  name: chronology-share
  category: hostile
  severity: info
  message: "Chronology takes {share} (limit {limit})."
  rationale: Tests.
  source: tests/hostile
  fix: Shorten it.
  check: proportion
  sections: ['chronology']
  compare-to: ['analysis', 'findings']
  max-share: 0.05
- id: HOST112
  name: timely
  category: hostile
  severity: info
  message: "{days} days from {start} to {end}."
  rationale: Tests.
  source: tests/hostile
  fix: Explain.
  check: dates
  start: ['decided', 'decision']
  end: document-date
  max-days: 30
- id: HOST113
  name: acronyms
  category: hostile
  severity: info
  message: "'{match}' is not spelt out."
  rationale: Tests.
  source: tests/hostile
  fix: Spell it out.
  check: readability
  acronyms: true
  max-mean-sentence-words: 12
"""

#: A clean Markdown draft with one marker word, so a test can see it was checked.
GOOD_MD = """\
# Local Child Safeguarding Practice Review: Child K

## Key questions

1. How well did agencies share information about zqgood?
2. Was the child's voice heard?
"""

#: What stands in for the real package's built-in packs: none at all.
BOOT = (
    "import sys\n"
    "from lcsprlint.engine import builtin\n"
    "builtin.builtin_rules_dir = lambda: None\n"
    "from lcsprlint.cli import main\n"
    "sys.argv[0] = 'lcsprlint'\n"
    "main()\n"
)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, no built-in rules, no CI environment, real check kinds."""
    packs = tmp_path / "packs"
    packs.mkdir()
    monkeypatch.setattr(builtin, "builtin_rules_dir", lambda: packs)
    for var in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "LCSPRLINT_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def rules(work: Path) -> Path:
    """The hostile rule pack, written in the working folder."""
    return write(work / "hostile-rules.yaml", HOSTILE_RULES)


@pytest.fixture
def good(work: Path) -> Path:
    return write(work / "good.md", GOOD_MD)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: object) -> Run:
    """The CLI in this process; an exception that escapes it fails the test."""
    result = CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def run_process(*args: object, cwd: Path) -> Run:
    """The CLI in a real process (built-in packs switched off as in-process)."""
    proc = subprocess.run(
        [sys.executable, "-c", BOOT, *(str(a) for a in args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def assert_one_line_error(err: str, path: Path | str, *causes: str) -> str:
    """Exactly one stderr line names ``path`` (with a line number or not); it holds every
    cause; no traceback anywhere."""
    assert "Traceback" not in err
    prefix = re.compile(rf"lcsprlint: {re.escape(str(path))}(:\d+)?: ")
    lines = [line for line in err.splitlines() if prefix.match(line)]
    assert len(lines) == 1, err
    for cause in causes:
        assert cause in lines[0], lines[0]
    return lines[0]


def digests(paths: Iterable[Path]) -> dict[Path, str]:
    """sha256 of every file under the given files and folders."""
    out: dict[Path, str] = {}
    for p in paths:
        for f in sorted(p.rglob("*")) if p.is_dir() else [p]:
            if f.is_file():
                out[f] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


class NetworkUsed(AssertionError):
    """Raised by the socket guard: something tried to use the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make every Python-level socket operation fail; yields the attempts made."""
    attempts: list[str] = []

    def refuse(name: str):
        def guard(*args: object, **kwargs: object) -> None:
            attempts.append(name)
            raise NetworkUsed(f"network access attempted: socket.{name}")

        return guard

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield attempts


def rich_docx_bytes(marker: str = "zqbody") -> bytes:
    """A small draft with most of what Word puts in one: styles, lists, a table, a comment,
    tracked changes, a footnote, a header, metadata. ``marker`` is in the body text."""
    import io

    from support.docx_fixtures import (
        add_comment,
        add_deletion,
        add_footnote,
        add_insertion,
        add_list_item,
        add_table,
        new_document,
        rewrite_zip,
        set_header_footer,
    )

    doc = new_document()
    doc.add_paragraph("Local Child Safeguarding Practice Review: Child K", style="Title")
    doc.add_heading("1. Key questions", 1)
    add_list_item(doc, "How well did agencies share information?", "number")
    add_list_item(doc, "Was the child's voice heard?", "number")
    doc.add_heading("2. Background", 1)
    p = doc.add_paragraph(f"The review was commissioned in 2023. The {marker} note is here.")
    add_comment(doc, p, "Check this paragraph.")
    add_insertion(p, " Added words.")
    add_deletion(p, " Removed words.")
    add_footnote(doc, p, "A footnote.")
    add_table(doc, [["Agency", "Role"], ["Police", "Investigation"], ["Health", "Visits"]])
    doc.add_heading("3. Recommendations", 1)
    add_list_item(doc, "The partnership should audit referrals.", "number")
    set_header_footer(doc, header="OFFICIAL SENSITIVE", footer="Page")
    buf = io.BytesIO()
    doc.save(buf)
    out = io.BytesIO()
    rewrite_zip(buf.getvalue(), out)  # fixed timestamps: the same bytes every run
    return out.getvalue()
