"""Guards for the faster .docx reader (issue 12): same Document, less work.

The reader no longer opens packages with ``docx.Document()`` (it keeps
python-docx's package reader but not its part objects), resolves styles
lazily and counts words without a regex match per word. Each shortcut is
checked here against the slow path it replaces:

* the package layer against python-docx's own ``Document()`` (still used by
  ``annotate``), on the fuzz suite's hundreds of damaged and odd packages:
  the same refusal, or the same parts, relationships, trees and properties;
* :func:`textutil.count_words` against the regex that defines a word, on
  arbitrary input;
* whole Documents against digests taken with the reader before these
  changes (corpus drafts, examples, generated drafts), and invariants on
  every Document the fuzz families produce.

If the reader's output changes on purpose, regenerate ``_DIGESTS`` with
``_digest`` (the test prints the new values).
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from docx.opc.parts.coreprops import CorePropertiesPart
from hostile.test_fuzz_docx import BASE, FAMILIES
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from lcsprlint.errors import InputError
from lcsprlint.model import Block, Document
from lcsprlint.readers import read_document
from lcsprlint.readers.docx_parts import WordPackage, open_package, open_word_package
from lcsprlint.readers.sniff import sniff
from lcsprlint.textutil import count_words, normalise

#: The definition count_words must keep: whitespace-separated tokens holding a letter or digit.
_WORD = re.compile(r"\S*?[^\W_]\S*")


def regex_count_words(text: str) -> int:
    return len(_WORD.findall(text))


ROOT = Path(__file__).resolve().parent.parent

#: Characters that exercise every class count_words tells apart: ASCII and other
#: letters and digits, the underscore (a regex word character but not a letter),
#: ASCII and Unicode whitespace (\x1c-\x1f and U+2028 count for str.split, not for
#: bytes.split), punctuation, combining marks, titlecase and NUL.
_TRICKY = (
    "aZ09_ .,;-'\"\t\n\r\x0b\x0c\x1c\x1f\x00"
    "\xa0\u2028\u3000\u2019\u2013\u00e9\u0301\u01c5\u00b2\u0660\U0001d400"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=40))
def test_count_words_matches_the_regex_definition(text: str) -> None:
    assert count_words(text) == regex_count_words(text)


# --------------------------------------------------------------------------- package layer


def outcome(open_: object, path: Path) -> object:
    """The opened package, or why it was refused (after the sniffing the reader does first)."""
    try:
        sniff(path)
        return open_(path)  # type: ignore[operator]
    except InputError as exc:
        return f"refused: {exc}"
    except Exception as exc:  # not expected after sniffing, but must then be the same
        return f"raised {type(exc).__name__}: {exc}"


def _same_package(path: Path) -> None:
    """The light package holds what python-docx's Document() did, or is refused alike."""
    old = outcome(open_package, path)
    new = outcome(open_word_package, path)
    if isinstance(old, str) or isinstance(new, str):
        assert new == old
        return
    parts = {str(p.partname): p for p in old.part.package.iter_parts()}
    assert set(new.parts) == set(parts)
    assert new.main.name == str(old.part.partname)
    same_parts(
        new, parts, ("author", "title", "subject", "keywords", "comments", "last_modified_by")
    )


def same_parts(
    new: WordPackage,
    parts: dict[str, Any],
    props: tuple[str, ...],
    read: Callable[[Any, str], object] = getattr,
) -> None:
    """Each of python-docx's ``parts`` is in the light package alike, part by part.

    The same content type, relationships, tree (or bytes, for a part not parsed)
    and core properties: ``props``, each read with ``read``. Shared with
    ``test_speed_reader_4``, which checks the project's own OPC reader the same way.
    """
    for name, part in parts.items():
        mine = new.parts[name]
        assert mine.content_type == part.content_type
        assert [(rid, rt, t) for rid, (rt, t) in mine.rels.items()] == [
            (rid, r.reltype, None if r.is_external else str(r.target_part.partname))
            for rid, r in part.rels.items()
        ]
        element = getattr(part, "element", None)
        if element is None:
            assert mine.root is None
            assert mine.blob == part.blob
        else:
            assert etree.tostring(mine.root) == etree.tostring(element)
        core = part.core_properties if isinstance(part, CorePropertiesPart) else None
        assert (mine.core is None) == (core is None)
        if core is not None:
            for prop in props:
                assert read(mine.core, prop) == read(core, prop), prop


def test_package_of_the_base_draft(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(BASE)
    _same_package(path)


@pytest.mark.parametrize(("family", "mutate", "cases"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_package_of_damaged_drafts(tmp_path: Path, family: str, mutate: object, cases: int) -> None:
    """Every fuzz case: the same refusal (message included) or the same package."""
    rng = random.Random(f"speed-reader-{family}")
    path = tmp_path / "draft.docx"
    for i in range(cases):
        path.write_bytes(mutate(rng, i))  # type: ignore[operator]
        _same_package(path)
        _check_invariants(path)


# --------------------------------------------------------------------------- whole documents


def _check_invariants(path: Path) -> None:
    """What any Document read from ``path`` must satisfy, whatever shortcut built it."""
    try:
        doc = read_document(path)
    except InputError:
        return
    assert isinstance(doc, Document)
    total = 0
    for i, b in enumerate(doc.blocks):
        assert b.index == i
        assert b == Block(**{f.name: getattr(b, f.name) for f in fields(Block)})
        assert b.words == regex_count_words(b.text)
        assert b.norm == normalise(b.text)
        assert b.word_start == total
        total += b.words
    assert doc.words == total


def _digest(doc: Document) -> str:
    """A digest of everything the reader produced, bar what changes between runs.

    Dates python-docx stamps when a fixture is built, and the path, are left out.
    """
    canon = replace(
        doc,
        path="",
        comments=tuple(replace(c, date=None) for c in doc.comments),
        changes=tuple(replace(c, date=None) for c in doc.changes),
        metadata=replace(doc.metadata, created=None, modified=None),
    )
    return hashlib.sha256(repr(canon).encode()).hexdigest()[:16]


#: Taken with the reader before the issue 12 reading changes (commit c9c0a1f).
_DIGESTS = {
    "good-lcspr.docx": "589063bdab660475",
    "weak-lcspr.docx": "84eb00796d569200",
    "f-01-child-m.docx": "dd9a4a81f9144553",
    "f-02-ellie.docx": "61463b69efda29e1",
    "f-03-child-t.docx": "f379f305ba7f2d3a",
    "f-04-kai.docx": "fd9995c87982491d",
    "f-05-child-a.docx": "756f53d19f2ce36c",
    "f-06-child-j.docx": "cb703e52eb3a9959",
    "f-07-ruby.docx": "5918ece926b6ed26",
    "f-08-children-b-and-c.docx": "cee888fe66269637",
    "f-09-child-d.docx": "1cc752024e4196b8",
    "f-10-child-s.docx": "4c71b46f3dbadc73",
    "f-11-child-n.docx": "ffd9bc135bb8d299",
    "f-12-baby-l.docx": "fac96b5e7bfb704f",
    "gen-1-1": "af22281eeb3a272c",
    "gen-3-7": "a0988c014242bd84",
    "gen-10-2": "7105193f232c89d1",
    "gen-40-3": "3662cc73986d0543",
}


def _drafts(tmp: Path) -> dict[str, Path]:
    files = sorted(ROOT.glob("examples/*.docx")) + sorted(ROOT.glob("tests/corpus/**/*.docx"))
    out = {f.name: f for f in files}
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate_docx import generate_draft
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for pages, seed in ((1, 1), (3, 7), (10, 2), (40, 3)):
        out[f"gen-{pages}-{seed}"] = generate_draft(tmp / f"g{pages}-{seed}.docx", pages, seed)
    return out


def test_documents_are_those_the_old_reader_gave(tmp_path: Path) -> None:
    drafts = _drafts(tmp_path)
    got = {name: _digest(read_document(path)) for name, path in drafts.items()}
    print(got)
    assert got == _DIGESTS
    for path in drafts.values():
        _check_invariants(path)
