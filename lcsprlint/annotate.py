"""Findings written into a copy of the draft, where review authors work.

Authors fix drafts in Word, not in a terminal, so ``lcsprlint annotate`` puts
each finding in a copy of the draft as a Word comment on the paragraph it
concerns (Markdown and text drafts get HTML comments above the line). The
copy keeps everything else (content, styles, people's own comments, tracked
changes, headers) and the input's bytes are never touched. lcsprlint's own
comments are recognised by their author, so annotating an annotated copy
replaces them instead of piling up duplicates.

Paragraphs are found by the same ordinal the .docx reader gives
``Location.paragraph``: every ``w:p`` of the main story in reading order,
table cells and block-level content controls included
(:func:`lcsprlint.readers.docx_parts.story_paragraphs`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO

from lxml import etree

from lcsprlint import safety
from lcsprlint.errors import InputError
from lcsprlint.readers.docx_ns import (
    CT_WML_COMMENTS,
    RT_COMMENTS,
    RT_COMMENTS_EXTENDED,
    W14_PARA_ID,
    W15_COMMENT_EX,
    W15_NS,
    W15_PARA_ID,
    W_AUTHOR,
    W_ID,
    W_VAL,
    parse_xml,
    w,
)
from lcsprlint.results import Finding
from lcsprlint.rule import Rule

#: Author and initials of every comment lcsprlint writes; the author is how
#: earlier annotations are recognised and removed.
AUTHOR = "lcsprlint"
INITIALS = "LINT"
#: Inserted before the suffix of the default output name.
ANNOTATED_INFIX = ".lcsprlint"

_W_P = w("p")
_W_R = w("r")
_W_T = w("t")
_W_PPR = w("pPr")
_W_RPR = w("rPr")
_W_RSTYLE = w("rStyle")
_W_DOCUMENT = w("document")
_W_BODY = w("body")
_W_COMMENT = w("comment")
_W_COMMENTS = w("comments")
_W_RANGE_START = w("commentRangeStart")
_W_RANGE_END = w("commentRangeEnd")
_W_REFERENCE = w("commentReference")
_RANGE_TAGS = frozenset((_W_RANGE_START, _W_RANGE_END))
#: Where python-docx puts the comments part it adds.
_COMMENTS_NAME = "/word/comments.xml"

# Word 2013+ keeps comment state (done, replies, durable ids) in side parts keyed
# by the paragraph ids of each comment; entries for removed comments are pruned.
_RT_COMMENTS_IDS = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
_RT_COMMENTS_EXTENSIBLE = (
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible"
)
_W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
_W16CEX_NS = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
_W15_PARA_ID_PARENT = f"{{{W15_NS}}}paraIdParent"
_W16CID_COMMENT_ID = f"{{{_W16CID_NS}}}commentId"
_W16CID_PARA_ID = f"{{{_W16CID_NS}}}paraId"
_W16CID_DURABLE_ID = f"{{{_W16CID_NS}}}durableId"
_W16CEX_EXTENSIBLE = f"{{{_W16CEX_NS}}}commentExtensible"
_W16CEX_DURABLE_ID = f"{{{_W16CEX_NS}}}durableId"

#: Characters XML 1.0 cannot hold; a message carrying one would make lxml refuse the run.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = (".", "!", "?", ":", ";", "…")


# -- shared by both formats ------------------------------------------------------


def default_annotated_path(source: Path) -> Path:
    """``DRAFT.docx`` -> ``DRAFT.lcsprlint.docx`` beside it (never the input itself)."""
    source = Path(source)
    return source.with_name(f"{source.stem}{ANNOTATED_INFIX}{source.suffix}")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _NOT_XML.sub("", text)).strip()


def comment_text(finding: Finding, rules: Mapping[str, Rule]) -> str:
    """One line an author can act on: severity, rule, message, what to do, source.

    ``[ERROR] LCSPR110 key-questions-stated: <message> What to do: <fix> (<source>)``;
    the parts the rule does not provide are left out.
    """
    message = _clean(finding.message)
    if message and not message.endswith(_SENTENCE_END):
        message += "."
    text = f"[{finding.severity.upper()}] {finding.rule} {finding.name}: {message}"
    rule = rules.get(finding.rule)
    if rule is not None:
        if rule.fix.strip():
            text += f" What to do: {_clean(rule.fix)}"
        if rule.source.strip():
            text += f" ({_clean(rule.source)})"
    return text


def check_destination(source: Path, dest: Path, allow_overwrite: bool = False) -> None:
    """Refuse to write the copy over its own input unless the user asked for exactly that."""
    if allow_overwrite:
        return
    same = dest.resolve() == source.resolve()
    if not same and dest.exists():
        try:
            same = os.path.samefile(source, dest)  # hard links, case-insensitive systems
        except OSError:
            same = False
    if same:
        raise InputError(
            str(dest), "the annotated copy would replace its input: choose another output file"
        )


def write_atomic(dest: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write the annotated copy whole or not at all (see :func:`lcsprlint.safety.write_atomic`)."""
    safety.write_atomic(dest, write, "the annotated copy")


def annotate_file(
    source: Path,
    dest: Path,
    findings: Sequence[Finding],
    rules: Mapping[str, Rule],
    *,
    allow_overwrite: bool = False,
) -> int:
    """Annotate a draft of any supported format (sniffed as the readers do).

    A PDF (or an OpenDocument file) is a published copy, not the draft: it is
    refused with a pointer to the Word original rather than rewritten.
    """
    from lcsprlint.errors import InputError
    from lcsprlint.readers.sniff import sniff

    fmt = sniff(Path(source))
    if fmt in ("pdf", "odt"):
        name = "a PDF" if fmt == "pdf" else "an OpenDocument file"
        raise InputError(
            str(source),
            f"cannot annotate {name}: annotate the Word, Markdown or text draft "
            "(lcsprlint check reports findings by page)"
            if fmt == "pdf"
            else f"cannot annotate {name}: save it as .docx and annotate that",
        )
    if fmt == "docx":
        return annotate_docx(source, dest, findings, rules, allow_overwrite=allow_overwrite)
    return annotate_markdown(source, dest, findings, rules, allow_overwrite=allow_overwrite)


def annotate_markdown(
    source: Path,
    dest: Path,
    findings: Sequence[Finding],
    rules: Mapping[str, Rule],
    *,
    allow_overwrite: bool = False,
) -> int:
    """A Markdown or text copy with findings as HTML comments.

    Implemented in :mod:`lcsprlint.annotate_markdown`, imported on demand.
    """
    from lcsprlint.annotate_markdown import annotate_markdown as annotate

    return annotate(source, dest, findings, rules, allow_overwrite=allow_overwrite)


# -- Word ------------------------------------------------------------------------


def annotate_docx(
    source: Path,
    dest: Path,
    findings: Sequence[Finding],
    rules: Mapping[str, Rule],
    *,
    allow_overwrite: bool = False,
) -> int:
    """Write a copy of ``source`` with one Word comment per finding; return how many.

    Each comment spans the whole paragraph of ``finding.location.paragraph``;
    findings without one (or outside the body) go on the title, the first
    non-empty paragraph. lcsprlint's comments from an earlier run are removed
    first. ``source`` is only read; ``dest`` is written atomically.
    """
    from lcsprlint.readers.docx_parts import open_package, story_paragraphs
    from lcsprlint.readers.sniff import sniff

    source, dest = Path(source), Path(dest)
    check_destination(source, dest, allow_overwrite)
    if sniff(source) != "docx":
        raise InputError(str(source), "not a Word document (.docx)")
    document = open_package(source)  # reads the whole package into memory, read-only
    _check_writable(document.part.package, str(source))
    root = document.element
    body = root.find(_W_BODY) if root.tag == _W_DOCUMENT else None
    if body is None:
        raise InputError(str(source), "damaged Word file: word/document.xml has no document body")

    existing = _comments_part(document.part, str(source))
    if existing is not None:
        _remove_earlier(document.part, existing.element, root, str(source))
    elif findings:
        _free_comments_name(document.part)

    if findings:
        paragraphs = list(story_paragraphs(body))
        title = _title_paragraph(paragraphs, body)
        comments = document.comments  # creates the comments part when absent
        anchors = _Anchors()
        for finding in findings:
            para = finding.location.paragraph
            target = paragraphs[para - 1] if para and 0 < para <= len(paragraphs) else title
            comment = comments.add_comment(
                text=comment_text(finding, rules), author=AUTHOR, initials=INITIALS
            )
            anchors.mark(target, comment.comment_id)

    write_atomic(dest, document.save)
    return len(findings)


def _check_writable(package, where: str) -> None:
    """Refuse what python-docx reads but cannot save again: a relationship without its
    Id, type or target, a part without a content type (lxml refuses None values), or a
    relationship to ``[Content_Types].xml`` or a ``.rels`` item, which the copy would
    hold twice (once as a part, once written for the package). Reading ignores them."""
    names = ["/[Content_Types].xml", "/_rels/.rels"]
    untyped = False
    for part in package.iter_parts():
        names += (part.partname, part.partname.rels_uri)
        untyped = untyped or part.content_type is None
    if (
        untyped
        or len(set(names)) != len(names)
        or any(None in (r.rId, r.reltype, r.target_ref) for r in package.iter_rels())
    ):
        raise InputError(where, "damaged Word file: its content types or relationships are invalid")


def _comments_part(doc_part, where: str):
    """The draft's comments part, or None; refused unless python-docx can add comments to
    it: one relationship, inside the package, to a part of the comments content type
    whose root is ``w:comments``."""
    rels = [rel for rel in doc_part.rels.values() if rel.reltype == RT_COMMENTS]
    if not rels:
        return None
    if len(rels) > 1:
        raise InputError(where, "damaged Word file: it has more than one comments part")
    if rels[0].is_external:
        raise InputError(where, "damaged Word file: its comments part is outside the file")
    part = rels[0].target_part
    # Another content type is another python-docx class (a plain Part has no element).
    element = getattr(part, "element", None)
    if part.content_type != CT_WML_COMMENTS or element is None or element.tag != _W_COMMENTS:
        raise InputError(where, "damaged Word file: its comments part is not a list of comments")
    return part


def _free_comments_name(doc_part) -> None:
    """Add the comments part under a free name when another part already holds the one
    python-docx gives it (``/word/comments.xml``): the copy would hold that member twice."""
    package = doc_part.package
    if all(str(part.partname).lower() != _COMMENTS_NAME for part in package.iter_parts()):
        return
    from docx.parts.comments import CommentsPart

    part = CommentsPart.default(package)
    part.partname = package.next_partname("/word/comments%d.xml")
    doc_part.relate_to(part, RT_COMMENTS)


def _paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(_W_T))


def _title_paragraph(paragraphs: list[etree._Element], body: etree._Element) -> etree._Element:
    """The first paragraph with text (the title), else the first paragraph, else a new one."""
    for p in paragraphs:
        if _paragraph_text(p).strip():
            return p
    if paragraphs:
        return paragraphs[0]
    p = etree.SubElement(body, _W_P)
    sect = body.find(w("sectPr"))
    if sect is not None:
        sect.addprevious(p)  # the section properties must stay last
    return p


class _Anchors:
    """Places comment ranges around whole paragraphs.

    The range starts before the paragraph's first top-level element holding
    text and ends after its last (runs, or hyperlinks, tracked insertions and
    content controls wrapping runs), so that a range never splits a wrapper.
    Several comments on one paragraph nest, their references in order.
    """

    def __init__(self) -> None:
        self._last: dict[etree._Element, etree._Element] = {}

    def mark(self, p: etree._Element, comment_id: int) -> None:
        first, last = self._span(p)
        first.addprevious(_element("w:commentRangeStart", comment_id))
        after = self._last.get(p, last)
        end = _element("w:commentRangeEnd", comment_id)
        after.addnext(end)
        ref = _reference_run(comment_id)
        end.addnext(ref)
        self._last[p] = ref

    def _span(self, p: etree._Element) -> tuple[etree._Element, etree._Element]:
        content = [el for el in p if el.tag != _W_PPR and el.tag not in _RANGE_TAGS]
        content = [el for el in content if not _is_reference_run(el)]
        texts = [el for el in content if any(True for _ in el.iter(_W_T))]
        if not texts:
            texts = [el for el in content if el.tag == _W_R]
        if not texts:
            texts = [etree.SubElement(p, _W_R)]  # an empty paragraph: anchor on an empty run
        return texts[0], texts[-1]


def _element(tag: str, comment_id: int) -> etree._Element:
    """A ``w:`` element with an id, declared with the ``w`` prefix as Word writes it."""
    from docx.oxml import OxmlElement

    return OxmlElement(tag, attrs={W_ID: str(comment_id)})


def _reference_run(comment_id: int) -> etree._Element:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    rpr = etree.SubElement(run, _W_RPR)
    etree.SubElement(rpr, _W_RSTYLE).set(W_VAL, "CommentReference")
    run.append(_element("w:commentReference", comment_id))
    return run


def _is_reference_run(el: etree._Element) -> bool:
    return el.tag == _W_R and el.find(_W_REFERENCE) is not None


def _detach(el: etree._Element) -> None:
    """Remove ``el`` from its parent; a root is left alone.

    Only a hand-made part has an entry as its root (Word never writes one), and
    keeping that stale entry is harmless.
    """
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _remove_earlier(
    doc_part, comments_root: etree._Element, doc_root: etree._Element, where: str
) -> int:
    """Remove every comment authored by lcsprlint, its range marks and reference runs."""
    ids: set[str] = set()
    para_ids: set[str] = set()
    for comment in list(comments_root.iter(_W_COMMENT)):
        if comment.get(W_AUTHOR) != AUTHOR:
            continue
        ids.add(comment.get(W_ID) or "")
        para_ids.update(pid for p in comment.iter(_W_P) if (pid := p.get(W14_PARA_ID)))
        _detach(comment)
    if not ids:
        return 0
    for el in list(doc_root.iter(_W_RANGE_START, _W_RANGE_END, _W_REFERENCE)):
        if el.get(W_ID) not in ids:
            continue
        parent = el.getparent()
        if (
            el.tag == _W_REFERENCE
            and parent is not None
            and all(ch.tag in (_W_RPR, _W_REFERENCE) for ch in parent)
        ):
            _detach(parent)  # the run only held the reference
        else:
            _detach(el)
    if para_ids:
        _prune_side_parts(doc_part, para_ids, where)
    return len(ids)


def _prune_side_parts(doc_part, para_ids: set[str], where: str) -> None:
    """Drop Word's extended entries (done state, ids) of the removed comments.

    A person's reply to a removed comment loses its parent link and stays as
    a comment of its own.
    """
    from lcsprlint.readers.docx_parts import related_part

    def edit(reltype: str, change: Callable[[etree._Element], None]) -> None:
        part = related_part(doc_part, reltype)
        if part is None:
            return
        element = getattr(part, "element", None)
        if element is not None:
            change(element)
            return
        root = parse_xml(part.blob, where, str(part.partname))
        change(root)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    durable: set[str] = set()

    def extended(root: etree._Element) -> None:
        for ex in list(root.iter(W15_COMMENT_EX)):
            if ex.get(W15_PARA_ID) in para_ids:
                _detach(ex)
            elif ex.get(_W15_PARA_ID_PARENT) in para_ids:
                del ex.attrib[_W15_PARA_ID_PARENT]

    def ids(root: etree._Element) -> None:
        for cid in list(root.iter(_W16CID_COMMENT_ID)):
            if cid.get(_W16CID_PARA_ID) in para_ids:
                durable.add(cid.get(_W16CID_DURABLE_ID) or "")
                _detach(cid)

    def extensible(root: etree._Element) -> None:
        for ex in list(root.iter(_W16CEX_EXTENSIBLE)):
            if ex.get(_W16CEX_DURABLE_ID) in durable:
                _detach(ex)

    edit(RT_COMMENTS_EXTENDED, extended)
    edit(_RT_COMMENTS_IDS, ids)
    edit(_RT_COMMENTS_EXTENSIBLE, extensible)
