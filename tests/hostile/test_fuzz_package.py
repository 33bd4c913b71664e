"""Fuzz the package structure of .docx and .odt drafts through the real CLI.

``test_fuzz_docx`` mutates bytes and ``document.xml``; this file rearranges the
package around them: relationships dropped, duplicated, retargeted and
retyped; ``[Content_Types].xml`` entries dropped, changed, duplicated and
recased; parts deleted, emptied, renamed, replaced by non-XML or by XML of
another shape; Word's side parts (and an .odt's content, styles, meta and
manifest) swapped for one another. The bases are a rich draft, the weak
example, and an annotated copy with the side parts Word adds to comments
(commentsExtended, commentsIds, commentsExtensible), so that annotating again
meets them.

Each case runs ``check --format json``, ``outline`` and, for .docx,
``annotate -o`` in-process, and must be *read* (exit 0 or 1, valid output; an
annotated copy that reads again and holds no member twice) or *refused*
(exit 2, one stderr line naming the file), never a traceback or an "internal
error"; the input is never changed. Seeds are fixed, so a failure names a
case that reproduces (``family#index``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import random
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from support.odt_fixtures import odt_table

from hostile.conftest import HOSTILE_RULES, rich_docx_bytes
from lcsprlint.cli import cli
from lcsprlint.engine import builtin

SEED = 20241127
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MARKER = "zqbody"  # body text of the rich draft: never in an error message

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
W16CEX = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
RT_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
RT_IDS = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
RT_CEX = "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

RELTYPES = [
    *(RT + t for t in ("officeDocument", "styles", "numbering", "settings", "comments")),
    *(RT + t for t in ("footnotes", "header", "footer", "image", "extended-properties")),
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    RT_EXTENDED,
    RT_IDS,
    "urn:not-a-relationship",
    "",
]
CONTENT_TYPES = [
    *(f"{WML}{t}+xml" for t in ("document.main", "styles", "numbering", "settings")),
    *(f"{WML}{t}+xml" for t in ("comments", "footnotes", "header", "footer")),
    "application/vnd.openxmlformats-package.core-properties+xml",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "application/vnd.openxmlformats-package.relationships+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/xml",
    "image/jpeg",
    "",
]
#: Relationship targets: missing, the package root, climbing out, absolute, the
#: package's own items, URLs, Windows paths, fragments.
TARGETS = [
    "missing.xml",
    "/",
    "",
    ".",
    "..",
    "../../../../etc/passwd",
    "/word/document.xml",
    "../word/document.xml",
    "document.xml",
    "/[Content_Types].xml",
    "_rels/document.xml.rels",
    "/_rels/.rels",
    "styles.xml#part",
    "http://example.org/draft.xml",
    "file:///etc/passwd",
    "C:\\drafts\\styles.xml",
    "%2e%2e/styles.xml",
    "//styles.xml",
    "word/",
    "docProps/thumbnail.jpeg",
]
NOT_XML = [
    b"",
    b"\x00\x01\x02 not xml",
    b"\xff\xd8\xff\xe0 JFIF",
    "<?xml version='1.0' encoding='UTF-16'?><a/>".encode("utf-16"),
    b"<?xml version='1.0'?>",
    b"<unclosed>",
    b"plain text",
]
#: Parts whose contents are swapped for one another.
SWAPPABLE = [
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/commentsIds.xml",
    "word/commentsExtensible.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/footnotes.xml",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/_rels/document.xml.rels",
    "[Content_Types].xml",
    "content.xml",
    "styles.xml",
    "meta.xml",
    "settings.xml",
    "META-INF/manifest.xml",
    "mimetype",
]
ODT_ATTRS = [f"{{{ODF_TEXT}}}{a}" for a in ("outline-level", "c", "note-class", "name")]
ODT_VALUES = ["", "-1", "0", "abc", "1.5", "99999999999", "9" * 5000, "\u0663", "²"]

Members = list[tuple[str, bytes]]
Mutation = Callable[[random.Random, Members], Members]


# -- bases ------------------------------------------------------------------------


def unzip(data: bytes) -> Members:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def rezip(items: Members) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names can be a mutation's result
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in items:
                info = zipfile.ZipInfo(name, (2024, 1, 15, 9, 30, 0))
                # An .odt's mimetype comes first, stored.
                stored = name == "mimetype"
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                zf.writestr(info, blob)
    return buf.getvalue()


def with_word_side_parts(data: bytes) -> bytes:
    """The draft as Word saves a commented one: each comment's paragraph has a paraId,
    and commentsExtended (one marked done), commentsIds and commentsExtensible list them."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    doc = docx.Document(io.BytesIO(data))
    ex, ids, cex = [], [], []
    for n, comment in enumerate(doc.comments):
        para_id, durable = f"{n + 1:08X}", f"{n + 0x100:08X}"
        comment._comment_elm.p_lst[0].set(f"{{{W14}}}paraId", para_id)
        ex.append(f'<w15:commentEx w15:paraId="{para_id}" w15:done="{n % 2}"/>')
        ids.append(f'<w16cid:commentId w16cid:paraId="{para_id}" w16cid:durableId="{durable}"/>')
        cex.append(f'<w16cex:commentExtensible w16cex:durableId="{durable}"/>')
    for name, prefix, uri, root, entries, reltype in (
        ("commentsExtended", "w15", W15, "commentsEx", ex, RT_EXTENDED),
        ("commentsIds", "w16cid", W16CID, "commentsIds", ids, RT_IDS),
        ("commentsExtensible", "w16cex", W16CEX, "commentsExtensible", cex, RT_CEX),
    ):
        blob = f'<{prefix}:{root} xmlns:{prefix}="{uri}">{"".join(entries)}</{prefix}:{root}>'
        part = Part(
            PackURI(f"/word/{name}.xml"), f"{WML}{name}+xml", blob.encode(), doc.part.package
        )
        doc.part.relate_to(part, reltype)
    buf = io.BytesIO()
    doc.save(buf)
    return rezip(unzip(buf.getvalue()))


def build_odt() -> bytes:
    """An .odt with a heading, a list, a table, a comment, a tracked deletion, a footnote."""
    from odf import dc
    from odf.office import Annotation, ChangeInfo
    from odf.opendocument import OpenDocumentText
    from odf.text import (
        ChangedRegion,
        Deletion,
        H,
        List,
        ListItem,
        Note,
        NoteBody,
        NoteCitation,
        P,
        S,
        TrackedChanges,
    )

    doc = OpenDocumentText()
    doc.meta.addElement(dc.Creator(text="Jane Smith"))
    tracked = TrackedChanges()
    region = ChangedRegion(check_grammar=False)
    region.setAttrNS(ODF_TEXT, "id", "ct1")
    deletion = Deletion()
    info = ChangeInfo()
    info.addElement(dc.Creator(text="Reviewer One"))
    deletion.addElement(info)
    deletion.addElement(P(text="deleted words"))
    region.addElement(deletion)
    tracked.addElement(region)
    doc.text.addElement(tracked)
    doc.text.addElement(H(outlinelevel=1, text="1. Key questions"))
    p = P(text=f"The {MARKER} note")
    p.addElement(S(c=3))
    ann = Annotation()
    ann.addElement(dc.Creator(text="Anna Editor"))
    ann.addElement(P(text="Check this."))
    p.addElement(ann)
    note = Note(noteclass="footnote", id="n1")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="A footnote."))
    note.addElement(body)
    p.addElement(note)
    doc.text.addElement(p)
    items = List()
    for text in ("How well was risk assessed?", "Was information shared?"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    doc.text.addElement(items)
    doc.text.addElement(odt_table("Agencies", (("Agency", "Role"), ("Police", "Investigation"))))
    doc.text.addElement(H(outlinelevel=2, text="2. Findings"))
    buf = io.BytesIO()
    doc.save(buf)
    return rezip(unzip(buf.getvalue()))


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Base drafts by name; the annotated one made by ``lcsprlint annotate`` itself."""
    folder = tmp_path_factory.mktemp("bases")
    rules = folder / "rules.yaml"
    rules.write_text(HOSTILE_RULES, encoding="utf-8")
    src, out = folder / "weak.docx", folder / "weak.annotated.docx"
    src.write_bytes((EXAMPLES / "weak-lcspr.docx").read_bytes())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(builtin, "builtin_rules_dir", lambda: None)
        made = CliRunner().invoke(cli, ["annotate", str(src), "-o", str(out), "--rules", rules])
    assert made.exit_code == 0, made.output
    out_bases = {
        "rich": rich_docx_bytes(MARKER),
        "weak": src.read_bytes(),
        "annotated": with_word_side_parts(out.read_bytes()),
    }
    with contextlib.suppress(ImportError):  # odfpy is a test dependency: else .docx only
        out_bases["odt"] = build_odt()
    return out_bases


# -- mutations --------------------------------------------------------------------


def _get(items: Members, name: str) -> bytes:
    return next(blob for n, blob in items if n == name)


def _put(items: Members, name: str, blob: bytes) -> Members:
    return [(n, blob if n == name else b) for n, b in items]


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def relationships(rng: random.Random, items: Members) -> Members:
    """Drop, duplicate, retarget, retype, reorder or strip one relationship."""
    name = rng.choice([n for n, _ in items if n.endswith(".rels")])
    root = etree.fromstring(_get(items, name))
    rels = list(root)
    rel = rng.choice(rels)
    parts = [n for n, _ in items]
    op = rng.randrange(8)
    if op == 0:
        root.remove(rel)
    elif op == 1:
        copy = etree.fromstring(etree.tostring(rel))
        if rng.random() < 0.5:
            copy.set("Id", f"rIdFuzz{rng.randrange(9)}")
        if rng.random() < 0.5:
            copy.set("Target", rng.choice(TARGETS + parts))
        rel.addprevious(copy) if rng.random() < 0.5 else rel.addnext(copy)
    elif op == 2:
        rel.set("Target", rng.choice(TARGETS + parts + ["/" + n for n in parts]))
        if rng.random() < 0.3:
            rel.set("TargetMode", rng.choice(["External", "Internal", ""]))
    elif op == 3:
        rel.set("Type", rng.choice(RELTYPES))
    elif op == 4:
        rng.shuffle(rels)
        root[:] = rels
    elif op == 5:
        rel.attrib.pop(rng.choice(["Id", "Type", "Target"]), None)
    elif op == 6:
        rel.set("TargetMode", "External")
    else:  # a second relationship to a part already related, of another type
        rel.set("Target", rng.choice(rels).get("Target", ""))
    return _put(items, name, _xml(root))


def add_relationships(rng: random.Random, items: Members) -> Members:
    """Give a part relationships of its own: cycles, the package's items, odd targets."""
    parts = [n for n, _ in items if not n.endswith(".rels") and n != "[Content_Types].xml"]
    source = rng.choice(parts)
    folder, _, base = source.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    rels = "".join(
        f'<Relationship Id="rIdNew{k}" Type="{rng.choice(RELTYPES)}" '
        f'Target="{rng.choice(TARGETS + ["/" + n for n in parts] * 2)}"/>'
        for k in range(rng.randint(1, 3))
    )
    blob = f'<Relationships xmlns="{REL_NS}">{rels}</Relationships>'.encode()
    return [(n, b) for n, b in items if n != rels_name] + [(rels_name, blob)]


def content_types(rng: random.Random, items: Members) -> Members:
    """Drop, change, duplicate, recase or strip one Default or Override entry."""
    name = "[Content_Types].xml"
    root = etree.fromstring(_get(items, name))
    entry = rng.choice(list(root))
    op = rng.randrange(6)
    if op == 0:
        root.remove(entry)
    elif op == 1:
        entry.set("ContentType", rng.choice(CONTENT_TYPES))
    elif op == 2:
        copy = etree.fromstring(etree.tostring(entry))
        copy.set("ContentType", rng.choice(CONTENT_TYPES))
        entry.addprevious(copy) if rng.random() < 0.5 else entry.addnext(copy)
    elif op == 3:
        for key in ("PartName", "Extension", "ContentType"):
            if entry.get(key):
                entry.set(key, entry.get(key, "").swapcase())
    elif op == 4:
        entry.attrib.pop(rng.choice(["PartName", "Extension", "ContentType"]), None)
    else:
        entry.tag = rng.choice(["{urn:x}Override", "Override", f"{{{CT_NS}}}Other"])
    return _put(items, name, _xml(root))


def parts(rng: random.Random, items: Members) -> Members:
    """Delete, empty, rename or garble one part, or give it another root or a huge value."""
    name = rng.choice([n for n, _ in items])
    op = rng.randrange(7)
    if op == 0:
        return [(n, b) for n, b in items if n != name]
    if op == 1:
        return _put(items, name, rng.choice(NOT_XML))
    if op == 2:
        new = rng.choice([name.upper(), name + ".bak", "moved/" + name, "/" + name])
        return [(new if n == name else n, b) for n, b in items]
    try:
        root = etree.fromstring(_get(items, name))
    except etree.XMLSyntaxError:  # a binary part (the thumbnail)
        return _put(items, name, rng.choice(NOT_XML))
    if op == 3:  # one of its own elements as the root
        inner = [el for el in root.iter() if el is not root and isinstance(el.tag, str)]
        if inner:
            root = etree.fromstring(etree.tostring(rng.choice(inner[:60])))
    elif op == 4:  # the right name in an unrelated namespace, or an unrelated root
        local = etree.QName(root).localname
        root.tag = rng.choice([f"{{urn:unrelated}}{local}", local, "{urn:unrelated}other"])
    elif op == 5:  # a huge value (bounded: under lxml's 10 MB text node limit)
        el = rng.choice([el for el in root.iter() if isinstance(el.tag, str)][:60])
        attr = rng.choice([*el.attrib, "{urn:unrelated}a"])
        el.set(attr, rng.choice("x09") * rng.choice([10_000, 2_000_000]))
    else:  # wrapped in an unrelated root
        wrapper = etree.Element("{urn:unrelated}wrap")
        wrapper.append(root)
        root = wrapper
    return _put(items, name, _xml(root))


def swap(rng: random.Random, items: Members) -> Members:
    """One part's contents replaced with another's."""
    present = [n for n, _ in items if n in SWAPPABLE]
    return _put(items, rng.choice(present), _get(items, rng.choice(present)))


def odt_values(rng: random.Random, items: Members) -> Members:
    """Levels, counts and classes an .odt never holds, on content.xml's headings, spaces
    and notes, or on any element."""
    root = etree.fromstring(_get(items, "content.xml"))
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    marked = [el for el in elements if etree.QName(el).localname in ("h", "s", "note")]
    for _ in range(rng.randint(1, 4)):
        el = rng.choice(marked if rng.random() < 0.7 else elements)
        el.set(rng.choice(ODT_ATTRS), rng.choice(ODT_VALUES))
    return _put(items, "content.xml", _xml(root))


def odt_package(rng: random.Random, items: Members) -> Members:
    """The .odt's parts deleted, garbled, reshaped or swapped; its mimetype changed."""
    op = rng.randrange(3)
    if op == 0:
        return swap(rng, items)
    if op == 1:
        return parts(rng, items)
    mimetype = rng.choice(
        [
            b"application/vnd.oasis.opendocument.text-template",
            b"application/vnd.oasis.opendocument.spreadsheet",
            b"application/vnd.oasis.opendocument.text\n",
            b"",
        ]
    )
    return _put(items, "mimetype", mimetype)


#: (family, bases it applies to, mutation, cases).
DOCX = ("rich", "weak", "annotated")
FAMILIES: list[tuple[str, tuple[str, ...], Mutation, int]] = [
    ("relationships", DOCX, relationships, 30),
    ("add-relationships", DOCX, add_relationships, 9),
    ("content-types", DOCX, content_types, 18),
    ("parts", DOCX, parts, 24),
    ("swap", DOCX, swap, 18),
    ("odt-package", ("odt",), odt_package, 24),
    ("odt-values", ("odt",), odt_values, 12),
]


# -- the contract -----------------------------------------------------------------


def _invoke(*args: object) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout, result.stderr, exc


def _judge(command: str, path: Path, out: Path, code: int, stdout: str, err: str) -> str | None:
    """None if the outcome keeps the contract, else what broke it."""
    if "Traceback" in err or "internal error" in err + stdout:
        return f"{command}: {err.strip()[:300]}"
    if MARKER in err:
        return f"{command}: document text in the error"
    if code == 2:
        lines = err.splitlines()
        if len(lines) != 1 or not lines[0].startswith(f"lcsprlint: {path}: "):
            return f"{command}: not one line naming the file: {err!r}"
        return None
    if code not in (0, 1):
        return f"{command}: exit {code}: {err.strip()[:300]}"
    if command == "check":
        (entry,) = json.loads(stdout)["files"]
        if entry["error"] or entry["rule_errors"]:
            return f"check: read, yet {entry['error'] or entry['rule_errors']}"
    if command == "annotate":
        with zipfile.ZipFile(out) as zf:
            names = zf.namelist()
        if len(set(names)) != len(names):
            return "annotate: the copy holds a member twice"
        again = _invoke("check", out, "--format", "json")
        if again[0] not in (0, 1):
            return f"annotate: the copy does not read: {again[2].strip()[:200]}"
    return None


def _cases(
    bases: dict[str, bytes], family: str, names: tuple[str, ...], mutate: Mutation, cases: int
) -> Iterator[tuple[int, str, bytes]]:
    rng = random.Random(f"{SEED}-{family}")
    for i in range(cases):
        base = names[i % len(names)]
        items = unzip(bases[base])
        for _ in range(1 if i % 3 else 2):  # every third case, two mutations at once
            items = mutate(rng, items)
        yield i, base, rezip(items)


@pytest.mark.parametrize(
    ("family", "names", "mutate", "cases"), FAMILIES, ids=[f[0] for f in FAMILIES]
)
def test_package_is_read_or_refused(
    work: Path,
    rules: Path,
    bases: dict[str, bytes],
    family: str,
    names: tuple[str, ...],
    mutate: Mutation,
    cases: int,
) -> None:
    if not set(names) <= set(bases):
        pytest.skip("odfpy is not installed")
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    for i, base, data in _cases(bases, family, names, mutate, cases):
        path = work / f"{family}-{i}.{'odt' if base == 'odt' else 'docx'}"
        path.write_bytes(data)
        out = work / "annotated.docx"
        commands = [("check", "--format", "json"), ("outline",)]
        if base != "odt":
            commands.append(("annotate", "-o", out))
        for command, *options in commands:
            out.unlink(missing_ok=True)
            extra = ("--rules", rules) if command != "outline" else ()
            code, stdout, err, exc = _invoke(command, path, *options, *extra)
            problem = (
                f"{command}: {type(exc).__name__}: {exc}"
                if exc is not None
                else _judge(command, path, out, code, stdout, err)
            )
            if problem:
                failures.append(f"{family}#{i} ({base}): {problem}")
            outcomes[f"{command} {'refused' if code == 2 else 'read'}"] += 1
        if hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(data).digest():
            failures.append(f"{family}#{i} ({base}): the input was changed")
        path.unlink()
    print(f"{family}: {cases} cases, {dict(outcomes)}")
    assert failures == []
