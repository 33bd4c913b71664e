"""Hand-made .docx packages that bend the package structure: a clear result or a clear error.

Each package is built here from the weak example draft (or from its annotated
copy, for the paths that remove earlier lcsprlint comments) by rewriting zip
members. Word never writes these shapes, but a reader must not crash on them:
``check`` reads what can be read, ``annotate`` refuses the rest in one line.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lcsprlint.annotate import annotate_file
from lcsprlint.cli import cli
from lcsprlint.errors import InputError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
W16CEX = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
PARA_ID = "1A2B3C4D"
DURABLE_ID = "5E6F7A8B"

Change = Callable[[str], str]


def _rewrite(src: Path, dest: Path, changes: dict[str, Change]) -> Path:
    """Copy every member of ``src`` into ``dest``, changing (or adding) the named ones."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in changes:
                data = changes[info.filename](data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
        for name, change in changes.items():
            if name not in names:
                zout.writestr(name, change("").encode("utf-8"))
    return dest


def _sub(pattern: str, repl: str) -> Change:
    def change(text: str) -> str:
        new, n = re.subn(pattern, repl, text, count=1, flags=re.S)
        assert n == 1, pattern
        return new

    return change


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_refused(result: Result, path: Path, cause: str) -> None:
    """Exit 2 with one line naming the file and the cause, and no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr == f"lcsprlint: {path}: {cause}\n"


@pytest.fixture
def weak(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLES / "weak-lcspr.docx", tmp_path / "weak.docx"))


@pytest.fixture
def annotated(weak: Path, tmp_path: Path) -> Path:
    """The weak draft annotated once: lcsprlint's comments have ids 1 and up."""
    out = tmp_path / "annotated.docx"
    result = _run("annotate", weak, "-o", out)
    assert result.exit_code == 0, result.output
    return out


# -- 1. word/document.xml first reached through an image relationship ----------


def test_main_part_first_related_as_an_image_is_still_read(weak: Path, tmp_path: Path) -> None:
    image_rel = f'<Relationship Id="rId99" Type="{RT}image" Target="word/document.xml"/>'
    crafted = _rewrite(
        weak,
        tmp_path / "image-first.docx",
        {"_rels/.rels": _sub(r"(<Relationship )", image_rel + r"\1")},
    )
    expected = _run("check", weak)
    result = _run("check", crafted)
    assert result.exit_code == expected.exit_code == 1, result.output
    assert "internal error" not in result.stderr
    assert "unreadable" not in result.output
    assert "LCSPR101" in result.output


# -- 2. a comments part that is not a list of comments ---------------------------


def _comment_as_root(text: str) -> str:
    """comments.xml holding one w:comment (an lcsprlint one) as its root."""
    root = re.search(r"<w:comments\b[^>]*>", text)
    comment = re.search(r'<w:comment w:id="1" .*?</w:comment>', text, re.S)
    assert root and comment
    namespaces = " ".join(re.findall(r'xmlns:\w+="[^"]*"', root.group(0)))
    return DECL + comment.group(0).replace("<w:comment ", f"<w:comment {namespaces} ", 1)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param(
            {
                "[Content_Types].xml": _sub(
                    r'(PartName="/word/comments.xml" ContentType=")[^"]*"', r'\1application/xml"'
                )
            },
            id="comments-of-another-content-type",
        ),
        pytest.param({"word/comments.xml": _comment_as_root}, id="comment-as-root"),
    ],
)
def test_comments_part_that_is_not_a_list_is_refused(
    annotated: Path, tmp_path: Path, changes: dict[str, Change]
) -> None:
    crafted = _rewrite(annotated, tmp_path / "crafted.docx", changes)
    before = _sha(crafted)
    dest = tmp_path / "out.docx"
    checked = _run("check", crafted)
    assert checked.exit_code in (0, 1), checked.output  # check reads what it can
    result = _run("annotate", crafted, "-o", dest)
    _assert_refused(
        result, crafted, "damaged Word file: its comments part is not a list of comments"
    )
    assert not dest.exists()
    assert _sha(crafted) == before


# -- 3. a main part whose root is not w:document ---------------------------------


def test_document_root_that_is_not_a_document_is_refused(annotated: Path, tmp_path: Path) -> None:
    # The root is a range mark of an earlier lcsprlint comment, still holding w:body.
    crafted = _rewrite(
        annotated,
        tmp_path / "crafted.docx",
        {
            "word/document.xml": lambda text: _sub(
                r"<w:document ", '<w:commentRangeStart w:id="1" '
            )(text).replace("</w:document>", "</w:commentRangeStart>")
        },
    )
    cause = "damaged Word file: word/document.xml has no document body"
    dest = tmp_path / "out.docx"
    _assert_refused(_run("check", crafted), crafted, cause)
    _assert_refused(_run("annotate", crafted, "-o", dest), crafted, cause)
    # annotate refuses it after check has; the annotator refuses it on its own too.
    with pytest.raises(InputError) as refused:
        annotate_file(crafted, dest, [], {})
    assert str(refused.value) == f"{crafted}: {cause}"
    assert not dest.exists()


# -- 4. Word's side parts whose root is the entry being removed ------------------


def _rel(rid: str, kind: str, target: str) -> str:
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'


_EXTENDED = (
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "commentsExtended",
    f'<w15:commentEx xmlns:w15="{W15}" w15:paraId="{PARA_ID}" w15:done="0"/>',
)
_IDS_ENTRY = f'w16cid:paraId="{PARA_ID}" w16cid:durableId="{DURABLE_ID}"'
_IDS = (
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "commentsIds",
    f'<w16cid:commentId xmlns:w16cid="{W16CID}" {_IDS_ENTRY}/>',
)
_IDS_LIST = (
    _IDS[0],
    _IDS[1],
    f'<w16cid:commentsIds xmlns:w16cid="{W16CID}"><w16cid:commentId {_IDS_ENTRY}/>'
    "</w16cid:commentsIds>",
)
_EXTENSIBLE = (
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
    "commentsExtensible",
    f'<w16cex:commentExtensible xmlns:w16cex="{W16CEX}" w16cex:durableId="{DURABLE_ID}"/>',
)


def _with_side_parts(src: Path, dest: Path, parts: list[tuple[str, str, str]]) -> Path:
    """Add side parts keyed to lcsprlint's comment 1, whose paragraph gets a paraId."""
    rels = "".join(
        _rel(f"rId{90 + i}", kind, f"{name}.xml") for i, (kind, name, _) in enumerate(parts)
    )
    types = "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="{CT}{name}+xml"/>'
        for _, name, _ in parts
    )
    changes: dict[str, Change] = {
        "word/_rels/document.xml.rels": _sub("</Relationships>", rels + "</Relationships>"),
        "[Content_Types].xml": _sub("</Types>", types + "</Types>"),
        "word/comments.xml": _sub(
            r'(<w:comment w:id="1" w:author="lcsprlint"[^>]*>)<w:p>',
            rf'\1<w:p xmlns:w14="{W14}" w14:paraId="{PARA_ID}">',
        ),
    }
    for _, name, xml in parts:
        changes[f"word/{name}.xml"] = lambda _text, xml=xml: DECL + xml
    return _rewrite(src, dest, changes)


@pytest.mark.parametrize(
    "parts",
    [
        pytest.param([_EXTENDED], id="commentsExtended"),
        pytest.param([_IDS], id="commentsIds"),
        pytest.param([_IDS_LIST, _EXTENSIBLE], id="commentsExtensible"),
    ],
)
def test_side_part_whose_root_is_a_stale_entry_is_left_alone(
    annotated: Path, tmp_path: Path, parts: list[tuple[str, str, str]]
) -> None:
    crafted = _with_side_parts(annotated, tmp_path / "crafted.docx", parts)
    before = _sha(crafted)
    dest = tmp_path / "again.docx"
    result = _run("annotate", crafted, "-o", dest)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert _sha(crafted) == before
    checked = _run("check", dest)
    assert checked.exit_code == 1, checked.output
    assert "could not be read" not in checked.output
    assert "LCSPR101" in checked.output
