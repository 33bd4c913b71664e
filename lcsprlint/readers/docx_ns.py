"""WordprocessingML names, and :func:`parse_xml` for a part parsed with the safe parser.

Tags are precomputed Clark names (``{namespace}local``) so that the walkers
compare strings instead of calling lxml's namespace machinery per element.
"""

from __future__ import annotations

from lxml import etree

from lcsprlint.errors import InputError
from lcsprlint.readers.opc import RT_OFFICE, parser

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"


def w(local: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{local}"


W_VAL = w("val")
W_ID = w("id")
W_AUTHOR = w("author")
W_DATE = w("date")
W_TYPE = w("type")
W14_PARA_ID = f"{{{W14_NS}}}paraId"
W15_PARA_ID = f"{{{W15_NS}}}paraId"
W15_DONE = f"{{{W15_NS}}}done"
W15_COMMENT_EX = f"{{{W15_NS}}}commentEx"

# Relationship types from the main document part.
RT_COMMENTS = RT_OFFICE + "comments"
RT_ENDNOTES = RT_OFFICE + "endnotes"
RT_FOOTER = RT_OFFICE + "footer"
RT_FOOTNOTES = RT_OFFICE + "footnotes"
RT_HEADER = RT_OFFICE + "header"
RT_NUMBERING = RT_OFFICE + "numbering"
RT_SETTINGS = RT_OFFICE + "settings"
RT_STYLES = RT_OFFICE + "styles"
RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"

# Content types of WordprocessingML parts.
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_WML_COMMENTS = _CT + "comments+xml"
CT_WML_DOCUMENT_MAIN = _CT + "document.main+xml"
CT_WML_FOOTER = _CT + "footer+xml"
CT_WML_HEADER = _CT + "header+xml"
CT_WML_NUMBERING = _CT + "numbering+xml"
CT_WML_SETTINGS = _CT + "settings+xml"
CT_WML_STYLES = _CT + "styles+xml"
#: Every WordprocessingML content type above.
CT_WML_PARTS = frozenset(
    (
        CT_WML_COMMENTS,
        CT_WML_DOCUMENT_MAIN,
        CT_WML_FOOTER,
        CT_WML_HEADER,
        CT_WML_NUMBERING,
        CT_WML_SETTINGS,
        CT_WML_STYLES,
    )
)


def parse_xml(blob: bytes, path: str, partname: str) -> etree._Element:
    """Parse one package part without resolving entities or touching the network."""
    try:
        return etree.fromstring(blob, parser(remove_blank_text=False))
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"malformed XML in {partname.lstrip('/')}") from exc


def toggle(el: etree._Element | None) -> bool | None:
    """Value of an on/off property (``<w:b/>``, ``<w:vanish w:val="0"/>``); None when absent."""
    if el is None:
        return None
    return el.get(W_VAL) not in ("0", "false", "off")


def int_val(el: etree._Element | None) -> int | None:
    """Integer ``w:val`` of a property element; None when absent or not a number."""
    if el is None:
        return None
    try:
        return int(el.get(W_VAL, ""))
    except ValueError:
        return None
