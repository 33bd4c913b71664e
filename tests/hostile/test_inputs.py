"""Hostile and broken documents: each refused in one line (or read), the batch goes on.

Every case is built in code. For a refused input the contract is: exit code 2,
exactly one stderr line ``lcsprlint: <file>: <cause>`` saying what is wrong and
what to do, no traceback, the other file of the batch still checked, and the
input's bytes untouched.
"""

from __future__ import annotations

import io
import json
import re
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.docx_fixtures import (
    DOCM_TYPE,
    DOTX_TYPE,
    add_comment,
    add_raw_body,
    build_docx,
    docx_bytes,
    new_document,
    rewrite_zip,
    save,
    write_encrypted_docx,
    write_legacy_doc,
    write_odt_like,
    write_plain_zip,
    write_truncated_docx,
    write_with_content_type,
    write_xlsx_like,
    write_zip_bomb,
)

from hostile.conftest import (
    assert_one_line_error,
    digests,
    run,
    run_process,
    write,
)
from lcsprlint.errors import InputError
from lcsprlint.readers import read_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BROKEN_XML = b"<w:document><w:body><w:p></w:body>"


# --- builders ------------------------------------------------------------------------------


def with_comment_bytes() -> bytes:
    """A package holding document, styles, numbering and comments parts."""
    doc = new_document()
    doc.add_heading("Key questions", 2)
    p = doc.add_paragraph("The review looked at information sharing.")
    add_comment(doc, p, "A reviewer's note.")
    doc.add_paragraph("First question.", style="List Number")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def malformed(member: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        return rewrite_zip(with_comment_bytes(), tmp / "draft.docx", {member: _BROKEN_XML})

    return make


def named(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return make


def declare_size(path: Path, member: str, size: int, *, local: bool = False) -> None:
    """Patch the uncompressed size a zip declares for ``member`` (central directory, and
    the local header too with ``local``), as an attacker would."""
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        if bytes(data[pos + 46 : pos + 46 + name_len]) == member.encode():
            struct.pack_into("<I", data, pos + 24, size)
            if local:
                offset = struct.unpack_from("<I", data, pos + 42)[0]
                struct.pack_into("<I", data, offset + 22, size)
        pos = data.find(b"PK\x01\x02", pos + 46 + name_len + extra_len + comment_len)
    path.write_bytes(bytes(data))


def lying_bomb(tmp: Path, mib: int = 40) -> Path:
    """A real .docx whose document.xml holds ``mib`` MiB of spaces but declares 5,000 bytes,
    in both zip headers: the sniffer's checks of declared sizes all pass."""
    base = docx_bytes([("p", "Hello.")])
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        body = zf.read("word/document.xml")
    body = body.replace(b"<w:body>", b"<w:body>" + b" " * (mib * 2**20), 1)
    path = rewrite_zip(base, tmp / "draft.docx", {"word/document.xml": body})
    declare_size(path, "word/document.xml", 5000, local=True)
    return path


def entity_bomb(member: str) -> Callable[[Path], Path]:
    """Billion laughs: ten levels of ten references, in ``member``."""

    def make(tmp: Path) -> Path:
        levels = "".join(
            f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' if i else '<!ENTITY e0 "lol">'
            for i in range(10)
        )
        root = "w:comments" if member.endswith("comments.xml") else "w:document"
        inner = (
            '<w:comment w:id="0"><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:comment>'
            if root == "w:comments"
            else "<w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body>"
        )
        xml = (
            f'<?xml version="1.0"?><!DOCTYPE d [{levels}]><{root} xmlns:w="{W_NS}">{inner}</{root}>'
        )
        return rewrite_zip(with_comment_bytes(), tmp / "draft.docx", {member: xml.encode()})

    return make


# --- refused inputs ------------------------------------------------------------------------

REFUSED = [
    ("pdf-renamed", named("draft.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), ["PDF"]),
    (
        "text-renamed",
        named("draft.docx", b"Introduction\n\nJust text typed in Notepad.\n"),
        ["not a Word document", "rename it .txt"],
    ),
    ("empty", named("draft.docx", b""), ["empty file"]),
    ("truncated", lambda t: write_truncated_docx(t / "draft.docx"), ["damaged", "save"]),
    (
        "no-content-types",
        lambda t: write_plain_zip(t / "draft.docx"),
        ["[Content_Types].xml"],
    ),
    ("xlsx-renamed", lambda t: write_xlsx_like(t / "draft.docx"), ["Excel"]),
    ("docm-renamed", lambda t: write_with_content_type(t / "draft.docx", DOCM_TYPE), [".docm"]),
    ("dotx-renamed", lambda t: write_with_content_type(t / "draft.docx", DOTX_TYPE), [".dotx"]),
    ("odt-renamed", lambda t: write_odt_like(t / "draft.docx"), ["OpenDocument"]),
    (
        "password-protected",
        lambda t: write_encrypted_docx(t / "draft.docx"),
        ["password-protected", "remove the password"],
    ),
    (
        "legacy-doc-renamed",
        lambda t: write_legacy_doc(t / "draft.docx"),
        ["legacy Word 97-2003", "save as .docx"],
    ),
    (
        "legacy-doc",
        lambda t: write_legacy_doc(t / "draft.doc"),
        ["legacy Word 97-2003", "save as .docx"],
    ),
    ("malformed-document", malformed("word/document.xml"), ["malformed XML in word/document.xml"]),
    ("malformed-comments", malformed("word/comments.xml"), ["malformed XML in word/comments.xml"]),
    ("malformed-styles", malformed("word/styles.xml"), ["malformed XML in word/styles.xml"]),
    (
        "malformed-numbering",
        malformed("word/numbering.xml"),
        ["malformed XML in word/numbering.xml"],
    ),
    (
        "malformed-content-types",
        malformed("[Content_Types].xml"),
        ["[Content_Types].xml"],
    ),
    (
        "dangling-styles-part",
        lambda t: rewrite_zip(with_comment_bytes(), t / "draft.docx", {"word/styles.xml": None}),
        ["word/styles.xml is missing"],
    ),
    ("bomb-ratio", lambda t: write_zip_bomb(t / "draft.docx", "ratio"), ["zip bomb"]),
    ("bomb-total", lambda t: write_zip_bomb(t / "draft.docx", "total"), ["zip bomb"]),
    ("bomb-members", lambda t: write_zip_bomb(t / "draft.docx", "members"), ["zip bomb"]),
    ("bomb-lying-sizes", lambda t: lying_bomb(t), ["zip bomb"]),
    ("entity-bomb-document", entity_bomb("word/document.xml"), ["malformed XML"]),
    ("entity-bomb-comments", entity_bomb("word/comments.xml"), ["malformed XML"]),
    (
        "lock-file-named",
        named("~$draft.docx", b"\x05alice" + b"\x00" * 40),
        ["lock file"],
    ),
]


@pytest.mark.parametrize(("make", "causes"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused_in_one_line_and_the_batch_goes_on(
    work: Path, rules: Path, good: Path, make: Callable[[Path], Path], causes: list[str]
) -> None:
    bad = make(work)
    before = digests([bad, good])
    result = run("check", "--rules", rules, bad, good)
    assert result.code == 2
    assert_one_line_error(result.err, bad, *causes)
    assert "Traceback" not in result.out
    # The good file after it was checked all the same (its marker word was found).
    assert str(good) in result.out and "zqgood" in result.out
    assert digests([bad, good]) == before


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "gitlab"])
def test_refused_input_in_every_format(work: Path, rules: Path, good: Path, fmt: str) -> None:
    bad = write_encrypted_docx(work / "draft.docx")
    result = run("check", "--rules", rules, "--format", fmt, bad, good)
    assert result.code == 2
    assert_one_line_error(result.err, bad, "password-protected")
    assert "zqgood" in result.out


def test_json_batch_names_the_cause_and_checks_the_rest(
    work: Path, rules: Path, good: Path
) -> None:
    bad = [
        write_legacy_doc(work / "a.docx"),
        lying_bomb(work, mib=12).rename(work / "b.docx"),
        malformed("word/styles.xml")(work).rename(work / "c.docx"),
    ]
    result = run("check", "--rules", rules, "--format", "json", *bad, good)
    assert result.code == 2
    files = json.loads(result.out)["files"]
    assert [f["path"] for f in files] == [*map(str, bad), str(good)]
    assert [bool(f["error"]) for f in files] == [True, True, True, False]
    assert "HOST101" in [f["rule"] for f in files[3]["findings"]]
    for path in bad:
        assert_one_line_error(result.err, path)


@pytest.mark.parametrize(
    "make",
    [
        lambda t: write_encrypted_docx(t / "draft.docx"),
        malformed("word/document.xml"),
        lying_bomb,
    ],
    ids=["encrypted", "malformed", "lying-bomb"],
)
def test_refused_in_a_real_process(
    work: Path, rules: Path, good: Path, make: Callable[[Path], Path]
) -> None:
    bad = make(work)
    result = run_process("check", "--rules", rules, bad.name, good.name, cwd=work)
    assert result.code == 2
    assert_one_line_error(result.err, bad.name)
    assert "zqgood" in result.out


def test_debug_shows_the_traceback_only_when_asked(work: Path, rules: Path) -> None:
    bad = malformed("word/document.xml")(work)
    plain = run_process("outline", bad.name, cwd=work)
    assert plain.code == 2 and "Traceback" not in plain.err
    debug = run_process("--debug", "outline", bad.name, cwd=work)
    assert debug.code != 0 and "Traceback" in debug.err


def test_outline_refuses_in_one_line(work: Path) -> None:
    bad = write_legacy_doc(work / "draft.docx")
    result = run("outline", bad)
    assert result.code == 2
    assert (
        result.err
        == f"lcsprlint: {bad}: legacy Word 97-2003 .doc file: open it in Word and save as .docx\n"
    )


def test_hostile_zip_member_names_cannot_forge_lines(work: Path, good: Path) -> None:
    """A member name with a newline and escape codes stays inside one escaped line."""
    bad = work / "draft.docx"
    name = "word/x\nlcsprlint: other.docx: all clear \x1b[2J.xml"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(zipfile.ZipInfo(name), "x" * 1000, compress_type=zipfile.ZIP_DEFLATED)
    declare_size(bad, name, 11 * 2**20)  # declare 11 MiB, 1,000 times the data: a bomb
    result = run("check", "--format", "json", bad, good)
    assert result.code == 2
    line = assert_one_line_error(result.err, bad, "zip bomb")
    assert "\x1b" not in result.err
    assert "\\x1b" in line
    assert not any(x.startswith("lcsprlint: other.docx") for x in result.err.splitlines())
    assert "\\n" not in json.loads(result.out)["files"][0]["error"]


def test_file_names_with_newlines_stay_on_one_line(work: Path) -> None:
    bad = work / "odd\nname.docx"
    bad.write_bytes(b"")
    result = run("check", "--format", "json", bad)
    assert result.code == 2
    [line] = result.err.splitlines()
    assert line == f"lcsprlint: {work}/odd name.docx: empty file"


# --- zip bombs: refused before parsing, memory bounded -------------------------------------


def _peak_while(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("kind", ["ratio", "total", "members"])
def test_declared_bomb_is_refused_without_reading_it(tmp_path: Path, kind: str) -> None:
    path = write_zip_bomb(tmp_path / "draft.docx", kind)

    def read() -> None:
        with pytest.raises(InputError, match="zip bomb"):
            read_document(path)

    assert _peak_while(read) < 16 * 2**20


def test_lying_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """40 MiB of XML declared as 5,000 bytes: refused, and never all in memory at once."""
    path = lying_bomb(tmp_path, mib=40)
    assert path.stat().st_size < 2**20

    def read() -> None:
        with pytest.raises(InputError, match="zip bomb"):
            read_document(path)

    assert _peak_while(read) < 8 * 2**20


def test_honest_large_member_under_the_limit_is_read(tmp_path: Path) -> None:
    """The member check inflates in chunks but lets an honest package through whole."""
    body = " ".join(f"Sentence {i} of a long but honest draft." for i in range(20_000))
    doc = read_document(build_docx(tmp_path / "draft.docx", [("h1", "Long"), ("p", body)]))
    assert doc.blocks[1].text == body


# --- XML entity tricks -----------------------------------------------------------------------


def _xxe_variants(secret: Path, dtd: Path) -> dict[str, tuple[str, bytes]]:
    doc = f'xmlns:w="{W_NS}"'
    body = "<w:body><w:p><w:r><w:t>Before &x; after</w:t></w:r></w:p></w:body>"
    return {
        "general-entity": (
            "word/document.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
            f"<w:document {doc}>{body}</w:document>".encode(),
        ),
        "parameter-entity": (
            "word/document.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "file://{dtd}"> %p;]>'
            f"<w:document {doc}>{body}</w:document>".encode(),
        ),
        "external-dtd": (
            "word/document.xml",
            f'<?xml version="1.0"?><!DOCTYPE d SYSTEM "file://{dtd}">'
            f"<w:document {doc}>{body}</w:document>".encode(),
        ),
        "comments-part": (
            "word/comments.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
            f'<w:comments {doc}><w:comment w:id="0" w:author="A"><w:p><w:r><w:t>&x;</w:t>'
            "</w:r></w:p></w:comment></w:comments>".encode(),
        ),
        "core-properties": (
            "docProps/core.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:creator>&x;</dc:creator><dc:title>&x;</dc:title></cp:coreProperties>".encode(),
        ),
        "app-properties": (
            "docProps/app.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Company>&x;</Company></Properties>'.encode(),
        ),
        "content-types": (
            "[Content_Types].xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
            + b"<Types/>",
        ),
    }


XXE_CASES = [
    "general-entity",
    "parameter-entity",
    "external-dtd",
    "comments-part",
    "core-properties",
    "app-properties",
    "content-types",
]


@pytest.mark.parametrize("case", XXE_CASES)
def test_external_entities_never_resolved(work: Path, rules: Path, case: str) -> None:
    secret = write(work.parent / "secret.txt", "TOPSECRETVALUE")
    dtd = write(work.parent / "evil.dtd", '<!ENTITY x "TOPSECRETVALUE">')
    member, xml = _xxe_variants(secret, dtd)[case]
    path = rewrite_zip(with_comment_bytes(), work / "draft.docx", {member: xml})
    outputs = []
    for fmt in ("text", "json", "sarif", "github", "junit", "gitlab", "html"):
        result = run("check", "--rules", rules, "--format", fmt, path)
        assert result.code in (0, 1, 2)
        assert "Traceback" not in result.err
        outputs.append(result.out + result.err)
    result = run("outline", "--format", "json", path)
    outputs.append(result.out + result.err)
    assert not any("TOPSECRETVALUE" in o for o in outputs)


def test_billion_laughs_never_expanded_in_memory(tmp_path: Path) -> None:
    path = entity_bomb("word/document.xml")(tmp_path)

    def read() -> None:
        with pytest.raises(InputError, match="malformed XML"):
            read_document(path)

    assert _peak_while(read) < 32 * 2**20


def test_quadratic_blowup_is_not_expanded(tmp_path: Path) -> None:
    """One 50 KB entity referenced 5,000 times: 250 MB if expanded; never expanded."""
    refs = "&a;" * 5000
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "{"x" * 50_000}">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Start {refs} end</w:t></w:r>'
        "</w:p></w:body></w:document>"
    )
    path = rewrite_zip(docx_bytes(), tmp_path / "draft.docx", {"word/document.xml": xml.encode()})
    found: list[object] = []

    def read() -> None:
        try:
            found.append(read_document(path))
        except InputError as exc:
            found.append(exc)

    assert _peak_while(read) < 64 * 2**20
    if not isinstance(found[0], InputError):
        assert all(len(b.text) < 100_000 for b in found[0].blocks)  # type: ignore[attr-defined]


# --- optional parts --------------------------------------------------------------------------


def without_parts(data: bytes, path: Path, members: list[str]) -> Path:
    """Drop parts properly: the members, their relationships and their content types."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
    replace: dict[str, bytes | None] = {}
    for member in members:
        target = member.removeprefix("word/")
        rels = re.sub(rf'<Relationship [^>]*Target="{re.escape(target)}"/>', "", rels)
        types = re.sub(rf'<Override PartName="/{re.escape(member)}"[^>]*/>', "", types)
        replace[member] = None
    replace["word/_rels/document.xml.rels"] = rels.encode()
    replace["[Content_Types].xml"] = types.encode()
    return rewrite_zip(data, path, replace)


@pytest.mark.parametrize(
    "members",
    [
        ["word/styles.xml", "word/stylesWithEffects.xml"],
        ["word/numbering.xml"],
        ["word/comments.xml"],
        ["word/settings.xml", "word/webSettings.xml", "word/fontTable.xml"],
        [
            "word/styles.xml",
            "word/stylesWithEffects.xml",
            "word/numbering.xml",
            "word/comments.xml",
            "word/settings.xml",
            "word/theme/theme1.xml",
        ],
    ],
    ids=["no-styles", "no-numbering", "no-comments", "no-settings", "bare"],
)
def test_missing_optional_parts_read_fine(work: Path, rules: Path, members: list[str]) -> None:
    path = without_parts(with_comment_bytes(), work / "draft.docx", members)
    with zipfile.ZipFile(path) as zf:
        assert not set(members) & set(zf.namelist())
    doc = read_document(path)
    assert "The review looked at information sharing." in [b.text for b in doc.blocks]
    result = run("check", "--rules", rules, "--format", "json", path)
    assert result.code in (0, 1)
    assert json.loads(result.out)["files"][0]["error"] is None
    assert run("outline", path).code == 0


# --- huge but honest -------------------------------------------------------------------------


def test_one_enormous_paragraph(work: Path, rules: Path) -> None:
    words = ("The agencies met and shared what they knew about the family. " * 16_000)[:1_000_000]
    doc = new_document()
    doc.add_heading("Background", 1)
    doc.add_paragraph(words + " zqend")
    path = save(doc, work / "draft.docx")
    result = run("check", "--rules", rules, "--format", "json", path)
    assert result.code in (0, 1)
    findings = json.loads(result.out)["files"][0]["findings"]
    assert "HOST101" in {f["rule"] for f in findings}
    assert run("outline", path).code == 0


def nested_tables(depth: int) -> str:
    inner = "<w:p><w:r><w:t>zqdeepest</w:t></w:r></w:p>"
    for level in range(depth):
        inner = (
            f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Level {level}</w:t></w:r></w:p>{inner}"
            "<w:p/></w:tc></w:tr></w:tbl>"
        )
    return inner


def test_deeply_nested_tables(work: Path, rules: Path) -> None:
    doc = new_document()
    doc.add_paragraph("Before the tables.")
    add_raw_body(doc, nested_tables(30))
    doc.add_paragraph("After the tables.")
    path = save(doc, work / "draft.docx")
    read = read_document(path)
    texts = " ".join(b.text for b in read.blocks)
    assert all(f"Level {i}" in texts for i in range(30))
    assert "zqdeepest" in texts
    assert read.blocks[-1].text == "After the tables."
    result = run("check", "--rules", rules, "--format", "json", path)
    assert result.code in (0, 1)
    assert any(f["rule"] == "HOST101" for f in json.loads(result.out)["files"][0]["findings"])


def many_comments(path: Path, n: int) -> Path:
    """A draft with ``n`` comments, one per paragraph, written as raw XML (fast)."""
    data = with_comment_bytes()
    paras = "".join(
        f'<w:p><w:commentRangeStart w:id="{i}"/><w:r><w:t>Paragraph {i}.</w:t></w:r>'
        f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r></w:p>'
        for i in range(n)
    )
    comments = "".join(
        f'<w:comment w:id="{i}" w:author="Reviewer {i % 7}" w:date="2024-01-15T09:30:00Z">'
        f"<w:p><w:r><w:t>Comment {i}</w:t></w:r></w:p></w:comment>"
        for i in range(n)
    )
    document = f'<w:document xmlns:w="{W_NS}"><w:body>{paras}</w:body></w:document>'
    return rewrite_zip(
        data,
        path,
        {
            "word/document.xml": document.encode(),
            "word/comments.xml": f'<w:comments xmlns:w="{W_NS}">{comments}</w:comments>'.encode(),
        },
    )


def test_thousands_of_comments(work: Path, rules: Path) -> None:
    path = many_comments(work / "draft.docx", 3000)
    doc = read_document(path)
    assert len(doc.comments) == 3000
    assert all(c.blocks for c in doc.comments)
    result = run("check", "--rules", rules, "--format", "json", path)
    assert result.code in (0, 1)
    findings = json.loads(result.out)["files"][0]["findings"]
    assert sum(1 for f in findings if f["rule"] == "HOST104") >= 3000


# --- text edge cases -------------------------------------------------------------------------

KEY_QUESTIONS_BODY = (
    "\n\n1. How well did agencies share information?\n2. Was the child seen alone?\n\n"
    "The review found that practice was mostly good.\n"
)


def _text_file(name: str, heading: str, encoding: str, *, newline: str = "\n", bom: bytes = b""):
    def make(tmp: Path) -> Path:
        text = f"Review of practice\n\n{heading}\n{'=' * 13}{KEY_QUESTIONS_BODY}"
        if name.endswith(".md"):
            text = f"# Review of practice\n\n## {heading}{KEY_QUESTIONS_BODY}"
        (tmp / name).write_bytes(bom + text.replace("\n", newline).encode(encoding))
        return tmp / name

    return make


def _docx_heading(heading: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        return build_docx(
            tmp / "draft.docx",
            [
                ("title", "Review of practice"),
                ("h2", heading),
                ("number", "How well?"),
                ("number", "Was the child seen alone?"),
                ("p", "The review found good practice."),
            ],
        )

    return make


HEADING_FORMS = {
    "docx-nbsp": _docx_heading("Key\u00a0questions"),
    "docx-zero-width": _docx_heading("Key \u200bquestions\u200d"),
    "docx-narrow-nbsp-caps": _docx_heading("KEY\u202fQUESTIONS"),
    "md-utf8-bom": _text_file("draft.md", "Key\u00a0questions", "utf-8", bom=b"\xef\xbb\xbf"),
    "md-crlf": _text_file("draft.md", "Key\u00a0questions", "utf-8", newline="\r\n"),
    "txt-utf16-bom": _text_file("draft.txt", "Key\u00a0questions", "utf-16"),
    "txt-utf16le-no-bom": _text_file("draft.txt", "Key\u00a0questions", "utf-16-le"),
    "txt-utf16be-no-bom": _text_file("draft.txt", "Key\u00a0questions", "utf-16-be"),
    "txt-latin1": _text_file("draft.txt", "Key\u00a0questions", "latin-1"),
    "txt-cp1252-crlf": _text_file("draft.txt", "Key\u2013questions", "cp1252", newline="\r\n"),
    "txt-cr-only": _text_file("draft.txt", "Key\u00a0questions", "utf-8", newline="\r"),
}


@pytest.mark.parametrize("form", sorted(HEADING_FORMS))
def test_a_heading_with_odd_spaces_still_matches(work: Path, form: str) -> None:
    """'Key questions' written with a no-break space (or zero-width, or a dash in
    Windows-1252) is the heading the rule looks for; a draft without it is reported."""
    rule = write(
        work / "kq.yaml",
        """\
id: KQ101
name: key-questions
category: hostile
severity: error
message: No key questions section.
rationale: Tests.
source: tests/hostile
fix: Add one.
check: section
headings: ['^key[ -]questions$']
""",
    )
    path = HEADING_FORMS[form](work)
    doc = read_document(path)
    assert any(s.norm_title.lower().replace("-", " ") == "key questions" for s in doc.headings())
    result = run("check", "--rules", rule, "--format", "json", path)
    assert result.code == 0, result.out
    other = write(work / "other.md", "# Review\n\n## Other matters\n\nText.\n")
    assert run("check", "--rules", rule, other).code == 1


def test_windows_line_endings_give_the_same_lines(work: Path, rules: Path) -> None:
    text = "# Review\n\n## Background\n\nFirst paragraph.\n\nThe zqline word is on line 7.\n"
    unix = write(work / "unix.md", text)
    dos = work / "dos.md"
    dos.write_bytes(text.replace("\n", "\r\n").encode())
    result = run("check", "--rules", rules, "--format", "json", unix, dos)
    a, b = json.loads(result.out)["files"]
    assert [(f["rule"], f["location"]["line"]) for f in a["findings"]] == [
        (f["rule"], f["location"]["line"]) for f in b["findings"]
    ]
    assert ("HOST101", 7) in [(f["rule"], f["location"]["line"]) for f in a["findings"]]


SCRIPTS = (
    "\u0645\u0631\u0627\u062c\u0639\u0629 \u0627\u0644\u062d\u0627\u0644\u0629",  # Arabic
    "\u05e1\u05e7\u05d9\u05e8\u05ea \u05de\u05e7\u05e8\u05d4",  # Hebrew
    "\u513f\u7ae5\u4fdd\u62a4\u5ba1\u67e5",  # Chinese
    "\u092c\u091a\u094d\u091a\u094b\u0902 \u0915\u0940 \u0938\u0941\u0930\u0915\u094d\u0937\u093e",
    "\U0001f600 \U0001f469\u200d\U0001f467\u200d\U0001f466 \U0001f3f3\ufe0f\u200d\U0001f308",
    "Zoe\u0308 cafe\u0301 \u202eevil\u202c \u2066isolate\u2069 zero\u200bwidth\u200c\u200d\u2060",
    "\u201cSmart quotes\u201d \u2018single\u2019 \u2014 dashes \u2026 and\u00a0nbsp",
)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab", "html"])
def test_non_latin_scripts_and_emoji(work: Path, rules: Path, fmt: str) -> None:
    md = write(
        work / "draft.md",
        "# "
        + SCRIPTS[0]
        + "\n\n"
        + "\n\n".join(f"{s} zq{i}marker." for i, s in enumerate(SCRIPTS))
        + "\n\n## "
        + SCRIPTS[4]
        + "\n\n"
        + SCRIPTS[5]
        + "\n",
    )
    blocks = [("p", f"{s} zq{i}marker") for i, s in enumerate(SCRIPTS)]
    docx = build_docx(
        work / "draft.docx",
        [("title", SCRIPTS[1]), ("h1", SCRIPTS[2]), *blocks, ("h2", SCRIPTS[4])],
    )
    result = run("check", "--rules", rules, "--format", fmt, md, docx)
    assert result.code in (0, 1)
    assert "Traceback" not in result.err
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(result.out)
    if fmt == "junit":
        from xml.etree import ElementTree

        ElementTree.fromstring(result.out.encode())
    if fmt == "json":
        for f in json.loads(result.out)["files"]:
            assert f["error"] is None
            assert sum(x["rule"] == "HOST101" for x in f["findings"]) == len(SCRIPTS)


# --- folders: lock files and hidden files ----------------------------------------------------


def test_lock_and_hidden_files_in_folders_are_skipped(work: Path, rules: Path) -> None:
    drafts = work / "drafts"
    drafts.mkdir()
    build_docx(drafts / "draft.docx", [("h1", "Key questions"), ("p", "Text zqa.")])
    write(drafts / "notes.md", "# Notes\n\nzqb here.\n")
    (drafts / "~$draft.docx").write_bytes(b"\x05alice" + b"\x00" * 157)
    (drafts / "~$notes.md").write_bytes(b"\x05alice" + b"\x00" * 40)
    (drafts / ".~lock.draft.docx#").write_text(",alice,host,01.01.2024 10:00,file:///x;")
    write(drafts / ".hidden.md", "# Hidden\n\nzqhidden\n")
    (drafts / ".git").mkdir()
    (drafts / ".git" / "HEAD.txt").write_bytes(b"\x00\x01binary")
    (drafts / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0junk")
    (drafts / "desktop.ini").write_text("[.ShellClassInfo]")
    result = run("check", "--rules", rules, "--format", "json", drafts)
    assert result.code in (0, 1), result.err
    assert result.err == ""
    paths = [Path(f["path"]).name for f in json.loads(result.out)["files"]]
    assert paths == ["draft.docx", "notes.md"]


def test_globs_through_parent_and_hidden_folders(work: Path, rules: Path) -> None:
    drafts = work / ".shared" / "drafts"
    write(drafts / "a.md", "# A\n\nzqa\n")
    (drafts / "~$a.md").write_bytes(b"\x05alice" + b"\x00" * 40)
    here = work / "elsewhere"
    here.mkdir()
    for pattern in ("../.shared/drafts/*.md", f"{drafts}/*.md", f"{work}/.shared/**/*.md"):
        result = run_process("check", "--rules", rules, "--format", "json", pattern, cwd=here)
        assert result.code == 1, (pattern, result.err)
        [f] = json.loads(result.out)["files"]
        assert Path(f["path"]).name == "a.md"


# --- well-formed XML in the wrong shape (found by fuzzing) ----------------------------------

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def _edit(member: str, edit: Callable[[str], str]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        data = with_comment_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            text = zf.read(member).decode()
        changed = edit(text)
        assert changed != text
        return rewrite_zip(data, tmp / "draft.docx", {member: changed.encode()})

    return make


def _corrupt_deflate(member: str) -> Callable[[Path], Path]:
    """The member's compressed bytes damaged in place (its CRC and sizes left alone)."""

    def make(tmp: Path) -> Path:
        path = rewrite_zip(with_comment_bytes(), tmp / "draft.docx")
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(member)
        data = bytearray(path.read_bytes())
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for i in range(start + 2, start + min(info.compress_size, 40)):
            data[i] ^= 0x5A
        path.write_bytes(bytes(data))
        return path

    return make


WRONG_SHAPE = [
    (
        "content-types-in-another-namespace",
        _edit("[Content_Types].xml", lambda t: t.replace(_CT_NS, "urn:x")),
        ["content types"],
    ),
    (
        "relationships-in-another-namespace",
        _edit("word/_rels/document.xml.rels", lambda t: t.replace(_REL_NS, "urn:x")),
        ["relationships are invalid"],
    ),
    (
        "relationship-without-target",
        _edit("word/_rels/document.xml.rels", lambda t: t.replace('Target="styles.xml"', "")),
        ["relationships are invalid"],
    ),
    ("corrupt-content-types-data", _corrupt_deflate("[Content_Types].xml"), ["damaged"]),
    ("corrupt-document-data", _corrupt_deflate("word/document.xml"), ["damaged"]),
]


@pytest.mark.parametrize(
    ("make", "causes"), [c[1:] for c in WRONG_SHAPE], ids=[c[0] for c in WRONG_SHAPE]
)
def test_wrong_shaped_package_is_refused(
    work: Path, rules: Path, good: Path, make: Callable[[Path], Path], causes: list[str]
) -> None:
    bad = make(work)
    result = run("check", "--rules", rules, bad, good)
    assert result.code == 2
    assert_one_line_error(result.err, bad, *causes)
    assert "internal error" not in result.err
    assert "zqgood" in result.out


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace(_CORE_NS, "urn:x"),
        lambda t: re.sub(r"(<dcterms:created[^>]*>)[^<]*", r"\1", t),
        lambda t: re.sub(r"(<dcterms:modified[^>]*>)[^<]*", r"\1yesterday", t),
    ],
    ids=["core-in-another-namespace", "empty-created-date", "unreadable-modified-date"],
)
def test_damaged_document_properties_do_not_stop_the_draft(
    work: Path, rules: Path, edit: Callable[[str], str]
) -> None:
    path = _edit("docProps/core.xml", edit)(work)
    doc = read_document(path)
    assert "The review looked at information sharing." in [b.text for b in doc.blocks]
    assert run("check", "--rules", rules, path).code in (0, 1)
