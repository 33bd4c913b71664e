"""Fuzz the .docx reader with mutated bytes of a small real draft.

Each family of mutations runs a fixed number of cases from a fixed seed, so a
failure names a case that reproduces. The contract: ``read_document`` returns
a Document or raises InputError (one line), never anything else; and whatever
it returns, every rule of the hostile pack runs on it without an internal error.

About 260 cases in all, a few seconds.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from hostile.conftest import HOSTILE_RULES, rich_docx_bytes
from lcsprlint.engine.runner import Engine
from lcsprlint.engine.validate import load_rules
from lcsprlint.errors import InputError
from lcsprlint.kinds import all_kinds
from lcsprlint.model import Document
from lcsprlint.readers import read_document

SEED = 20240909
BASE = rich_docx_bytes()

#: Fragments spliced into document.xml: structure Word never writes, but could be handed.
FRAGMENTS = [
    "<w:p>",
    "</w:p>",
    "</w:body>",
    "<w:tbl><w:tr><w:tc>",
    "<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>",
    "<w:p><w:r><w:t>" + "x" * 5000 + "</w:t></w:r></w:p>",
    "<w:p><w:pPr><w:numPr><w:ilvl w:val='99'/><w:numId w:val='-1'/></w:numPr></w:pPr></w:p>",
    "<w:p><w:pPr><w:outlineLvl w:val='-5'/><w:pStyle w:val=''/></w:pPr>"
    "<w:r><w:t>H</w:t></w:r></w:p>",
    "<w:p><w:commentRangeStart w:id='999'/><w:r><w:t>c</w:t></w:r><w:commentRangeEnd/></w:p>",
    "<w:ins w:id='x'><w:r><w:delText>odd</w:delText></w:r></w:ins>",
    "<w:sdt><w:sdtContent><w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt></w:sdtContent></w:sdt>",
    "<x:unknown xmlns:x='urn:x'><w:p><w:r><w:t>inside</w:t></w:r></w:p></x:unknown>",
    "<![CDATA[<w:p>not a paragraph</w:p>]]>",
    "<?pi target?>",
    "<!-- comment -->",
    "&amp;&lt;&#0;&#xD800;&undefined;",
    "<w:p w:rsidR='" + "A" * 10_000 + "'/>",
    "<w:r><w:t xml:space='preserve'>\t\u00a0\u200b</w:t></w:r>",
    "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r></w:p>",
    "<w:p><w:hyperlink r:id='rId999' xmlns:r='urn:r'><w:r><w:t>l</w:t></w:r></w:hyperlink></w:p>",
]

Mutation = Callable[[random.Random, int], bytes]


def members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def rezip(items: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in items:
                zf.writestr(zipfile.ZipInfo(name, (2024, 1, 15, 9, 30, 0)), blob)
    return buf.getvalue()


PARTS = members(BASE)
XML_NAMES = [i.filename for i, _ in PARTS if i.filename.endswith((".xml", ".rels"))]


def _flip(rng: random.Random, blob: bytes, count: int) -> bytes:
    data = bytearray(blob)
    for _ in range(count):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def flip_document_xml(rng: random.Random, i: int) -> bytes:
    return rezip(
        [
            (
                info.filename,
                _flip(rng, blob, 1 + i % 8) if info.filename == "word/document.xml" else blob,
            )
            for info, blob in PARTS
        ]
    )


def flip_other_part(rng: random.Random, i: int) -> bytes:
    target = XML_NAMES[i % len(XML_NAMES)]
    return rezip(
        [
            (info.filename, _flip(rng, blob, 1 + i % 4) if info.filename == target else blob)
            for info, blob in PARTS
        ]
    )


_TEXT_NODE = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")


def replace_text(rng: random.Random, i: int) -> bytes:
    """Well-formed XML with odd text: any Unicode (controls, surrogates' neighbours, RTL)."""
    alphabet = [chr(rng.randrange(0x20, 0x30000)) for _ in range(200)] + list(
        "\t\u00a0\u200b\u202e"
    )

    def swap(m: re.Match[bytes]) -> bytes:
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        text = "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)
        body = text.replace("&", "&amp;").replace("<", "&lt;").encode()
        return m.group(1) + body + m.group(3)

    return rezip(
        [
            (
                info.filename,
                _TEXT_NODE.sub(swap, blob) if info.filename.startswith("word/") else blob,
            )
            for info, blob in PARTS
        ]
    )


_ODD_VALUES = ["", "-1", "99999999999999999999", "abc", "../../../etc/passwd", "x" * 300, "0"]


def _mutate_tree(rng: random.Random, blob: bytes) -> bytes:
    """Well-formed but wrong: elements dropped, renamed, duplicated or moved; attributes
    dropped or given odd values. Finds where python-docx trusts a part's shape."""
    root = etree.fromstring(blob)
    for _ in range(rng.randint(1, 3)):
        els = list(root.iter())
        el = rng.choice(els)
        parent = el.getparent()
        op = rng.randrange(6)
        if op == 0 and parent is not None:
            parent.remove(el)
        elif op == 1:
            el.tag = rng.choice(["{urn:x}y", "plain", el.tag.split("}")[-1]])
        elif op == 2 and el.attrib:
            del el.attrib[rng.choice(list(el.attrib))]
        elif op == 3 and el.attrib:
            el.set(rng.choice(list(el.attrib)), rng.choice(_ODD_VALUES))
        elif op == 4 and parent is not None:
            el.addnext(etree.fromstring(etree.tostring(el)))
        else:
            el.text = rng.choice(["", "\u202e", "99999999999", "2024-13-45T99:99:99Z"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def mutate_tree(rng: random.Random, i: int) -> bytes:
    target = XML_NAMES[i % len(XML_NAMES)]
    return rezip(
        [
            (info.filename, _mutate_tree(rng, blob) if info.filename == target else blob)
            for info, blob in PARTS
        ]
    )


def splice_fragment(rng: random.Random, i: int) -> bytes:
    fragment = FRAGMENTS[i % len(FRAGMENTS)].encode()
    out = []
    for info, blob in PARTS:
        if info.filename == "word/document.xml":
            body = blob.index(b"<w:body>") + len(b"<w:body>")
            at = rng.randrange(body, len(blob) - 20)
            if i % 2:  # at a tag boundary: often well-formed
                at = blob.index(b"<", at)
            blob = blob[:at] + fragment + blob[at:]
        out.append((info.filename, blob))
    return rezip(out)


def truncate(rng: random.Random, i: int) -> bytes:
    return BASE[: rng.randrange(len(BASE))]


def flip_zip_bytes(rng: random.Random, i: int) -> bytes:
    return _flip(rng, BASE, 1 + i % 16)


def shuffle_members(rng: random.Random, i: int) -> bytes:
    items = [(info.filename, blob) for info, blob in PARTS]
    rng.shuffle(items)
    return rezip(items)


def drop_member(rng: random.Random, i: int) -> bytes:
    drop = PARTS[i % len(PARTS)][0].filename
    return rezip([(info.filename, blob) for info, blob in PARTS if info.filename != drop])


def duplicate_or_rename(rng: random.Random, i: int) -> bytes:
    items = [(info.filename, blob) for info, blob in PARTS]
    name, blob = items[rng.randrange(len(items))]
    if i % 2:
        items.append((name, _flip(rng, blob, 3)))
    else:
        k = rng.randrange(len(items))
        items[k] = (items[k][0].upper(), items[k][1])
    return rezip(items)


FAMILIES: list[tuple[str, Mutation, int]] = [
    ("flip-document-xml", flip_document_xml, 50),
    ("flip-other-part", flip_other_part, 36),
    ("splice-fragment", splice_fragment, 40),
    ("replace-text", replace_text, 20),
    ("mutate-tree", mutate_tree, 3 * len(XML_NAMES)),
    ("truncate", truncate, 20),
    ("flip-zip-bytes", flip_zip_bytes, 24),
    ("shuffle-members", shuffle_members, 10),
    ("drop-member", drop_member, len(PARTS)),
    ("duplicate-or-rename", duplicate_or_rename, 8),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The hostile pack on the real kinds; debug, so a kind's exception fails the test."""
    path = tmp_path_factory.mktemp("rules") / "rules.yaml"
    path.write_text(HOSTILE_RULES, encoding="utf-8")
    return Engine(load_rules([path], all_kinds()), all_kinds(), debug=True)


def test_the_base_document_reads() -> None:
    assert len(PARTS) >= 10
    assert sum(n for _, _, n in FAMILIES) >= 200


@pytest.mark.parametrize(("family", "mutate", "cases"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_mutated_docx_is_read_or_refused(
    tmp_path: Path, engine: Engine, family: str, mutate: Mutation, cases: int
) -> None:
    rng = random.Random(f"{SEED}-{family}")
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    path = tmp_path / "draft.docx"
    for i in range(cases):
        path.write_bytes(mutate(rng, i))
        try:
            doc = read_document(path)
        except InputError as exc:
            outcomes["refused"] += 1
            if "\n" in str(exc):
                failures.append(f"{family}#{i}: multi-line error {exc!r}")
            continue
        except Exception as exc:  # the bug this test exists to find
            failures.append(f"{family}#{i}: {type(exc).__name__}: {exc}")
            continue
        assert isinstance(doc, Document)
        outcomes["read"] += 1
        try:
            engine.check_document(doc, str(path))
        except Exception as exc:
            failures.append(f"{family}#{i}: engine {type(exc).__name__}: {exc}")
    print(f"{family}: {cases} cases, {dict(outcomes)}")
    assert failures == []
    assert sum(outcomes.values()) == cases
