"""Items in a section: questions, lines of enquiry, recommendations.

Reports enumerate in many ways: Word or Markdown lists, "1." / "a)" / "R1:" /
"KLOE 2" paragraphs, decimal paragraph numbers ("9.1"), table rows under a
header, one question per line, or "To explore whether..." statements. The
section kind counts them; the items kind splits a section into them and
checks each one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lcsprlint.kinds.common import block_norm, block_text
from lcsprlint.kinds.dateparse import is_date_only
from lcsprlint.model import Block
from lcsprlint.precompiled import re_constant
from lcsprlint.textutil import LazyPattern, normalise

#: What the section kind's ``items`` parameter may count.
COUNT_KINDS = ("list-items", "questions", "numbered", "rows", "statements", "clauses", "any")
#: How the items kind may split a section.
SPLIT_KINDS = ("auto", "list-items", "numbered", "rows", "paragraphs", "subsections")

_LABEL = r"(?:kloes?|kq|loe|q|r|rec|recommendation|question|finding|line of enquiry|area)"
#: Item numbering: "1." "1)" "(a)" "b." "iv)" "R1:" "KLOE 2 -" (not "9.1", a paragraph number).
_ITEM_NUMBER = re_constant(
    r"^\s*(?:"
    r"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)](?![\d.])"
    r"|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)"
    rf"|{_LABEL}\s*\d{{1,2}}(?:\.\d{{1,2}})?\s*[.:)\-]?"
    r")(?=\s)",
    re.IGNORECASE,
)
#: Decimal paragraph numbering ("9.1", "9.1.2").
_PARA_NUMBER = re_constant(r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s)")
#: Any leading numbering or label, stripped before ``forbid-start`` is tried.
_ANY_NUMBER = re_constant(
    r"^\s*(?:"
    r"\(?(?:\d{1,2}(?:\.\d{1,2}){0,3}|[a-z]|[ivx]{1,4})[.):]?"
    rf"|{_LABEL}\s*\d{{1,2}}(?:\.\d{{1,2}})?\s*[.:)\-]?"
    r")\s+",
    re.IGNORECASE,
)
_STATEMENT = re_constant(
    r"^\s*(?:to|we (?:wanted|sought) to|the review (?:will|would|sought to|aimed to))\s+"
    r"(?:explore|examine|consider|understand|establish|identify|assess|review|determine|"
    r"analyse|analyze|evaluate|learn|test|investigate|look at|find out|clarify|describe)\b",
    re.IGNORECASE,
)
_QUESTION_END = re_constant(r"\?[\"')\]]*(?=\s|$)")
_NUMBER_CELL = re_constant(rf"^\s*(?:{_LABEL}\s*)?\d{{1,2}}(?:\.\d{{1,2}})?[.:)]?\s*$", re.I)


def strip_numbering(norm: str) -> str:
    """Item text without its leading "1." / "(a)" / "R1:" / "9.1" numbering."""
    m = _ANY_NUMBER.match(norm)
    return norm[m.end() :] if m else norm


def is_numbered(norm: str, decimal: bool = False) -> bool:
    """An enumerated paragraph; with ``decimal``, "9.1 ..." paragraph numbers count too."""
    return bool(_ITEM_NUMBER.match(norm) or (decimal and _PARA_NUMBER.match(norm)))


def _top_list_items(blocks: Sequence[Block]) -> list[Block]:
    items = [b for b in blocks if b.kind == "list-item"]
    if not items:
        return []
    top = min((b.level or 0) for b in items)
    return [b for b in items if (b.level or 0) == top]


def _data_rows(blocks: Sequence[Block]) -> list[Block]:
    """Table rows other than each table's header row.

    The first row of a table is taken as its header unless it is the only row,
    or its first cell is a number or a date (a table without a header).
    """
    out: list[Block] = []
    seen: set[object] = set()
    rows = [b for b in blocks if b.kind == "table-row"]
    counts: dict[object, int] = {}
    for b in rows:
        counts[b.table] = counts.get(b.table, 0) + 1
    for b in rows:
        key = b.table
        if key not in seen:
            seen.add(key)
            first = b.cells[0] if b.cells else block_norm(b)
            if counts[key] > 1 and not (_NUMBER_CELL.match(first) or is_date_only(first)):
                continue
        out.append(b)
    return out


#: "the review will consider how ...; whether ...; and what ...": terms of reference
#: written as one sentence of clauses separated by semicolons.
_CLAUSE_LEAD = LazyPattern(
    r"\b(consider|examine|explore|answer|address|look at|focus(?:ed)? on|establish|"
    r"understand|identify|assess|review)\b",
    re.IGNORECASE,
)


def _clauses(text: str) -> int:
    """Semicolon-separated clauses of a terms-of-reference sentence (0 unless two or more)."""
    if text.count(";") < 1 or not _CLAUSE_LEAD.search(text):
        return 0
    parts = [p for p in text.split(";") if len(p.split()) >= 3]
    return len(parts) if len(parts) >= 2 else 0


def count_items(blocks: Sequence[Block]) -> dict[str, int]:
    """How many items of each kind a run of blocks holds (``any`` is the largest)."""
    body = [b for b in blocks if b.is_body]
    counts = {
        "list-items": len(_top_list_items(body)),
        "questions": sum(len(_QUESTION_END.findall(block_norm(b))) for b in body),
        "numbered": sum(
            1 for b in body if b.kind in ("paragraph", "list-item") and is_numbered(b.norm)
        ),
        "rows": len(_data_rows(body)),
        "statements": sum(
            1
            for b in body
            if b.kind in ("paragraph", "list-item") and _STATEMENT.match(strip_numbering(b.norm))
        ),
        "clauses": sum(_clauses(b.norm) for b in body if b.kind == "paragraph"),
    }
    counts["any"] = max(counts.values())
    return counts


# --------------------------------------------------------------------------- splitting


@dataclass(frozen=True, slots=True)
class Item:
    """One item: its first block, the blocks it spans, its text and matching text."""

    block: int
    blocks: tuple[int, ...]
    text: str
    norm: str

    @property
    def lead(self) -> str:
        """The matching text without leading numbering, for ``forbid-start``."""
        return strip_numbering(self.norm)


def _lead_in(b: Block) -> bool:
    """A paragraph introducing a list ("The review recommends that:")."""
    return b.norm.rstrip().endswith(":")


def _item(blocks: Sequence[Block]) -> Item:
    return Item(
        blocks[0].index,
        tuple(b.index for b in blocks),
        "\n".join(block_text(b) for b in blocks),
        " ".join(block_norm(b) for b in blocks),
    )


def _row_item(b: Block) -> Item:
    """A table row as an item; leading number cells ("1", "R2") stay in front of the text."""
    if not b.cells:
        return _item([b])
    cells = [normalise(c) for c in b.cells]
    lead = 0
    while lead < len(cells) - 1 and _NUMBER_CELL.match(cells[lead]):
        lead += 1
    norm = " ".join(cells[:lead]) + (" " if lead else "") + " | ".join(cells[lead:])
    return Item(b.index, (b.index,), block_text(b), norm)


def _list_items(body: Sequence[Block]) -> list[Item]:
    items = [b for b in body if b.kind == "list-item"]
    if not items:
        return []
    top = min((b.level or 0) for b in items)
    groups: list[list[Block]] = []
    for b in items:
        if (b.level or 0) == top or not groups:
            groups.append([b])
        else:
            groups[-1].append(b)
    return [_item(g) for g in groups]


def _numbered(body: Sequence[Block]) -> list[Item]:
    groups: list[list[Block]] = []
    for b in body:
        if b.kind not in ("paragraph", "list-item"):
            continue
        if is_numbered(b.norm, decimal=True):
            if _lead_in(b) and not _ITEM_NUMBER.match(b.norm):
                continue
            groups.append([b])
        elif groups and b.kind == "paragraph":
            groups[-1].append(b)
    return [_item(g) for g in groups]


def _paragraphs(body: Sequence[Block]) -> list[Item]:
    """Every paragraph and list item on its own (table rows are not paragraphs)."""
    return [_item([b]) for b in body if b.kind != "table-row" and not _lead_in(b)]


def _subsections(blocks: Sequence[Block], first: int) -> list[Item]:
    """Each heading below the first block, with the body text up to the next heading."""
    groups: list[list[Block]] = []
    for b in blocks:
        if b.index == first:
            continue
        if b.kind == "heading":
            groups.append([b])
        elif groups and b.is_body:
            groups[-1].append(b)
    return [_item(g) for g in groups]


def split_items(blocks: Sequence[Block], mode: str = "auto") -> list[Item]:
    """Split the blocks of one section span into items.

    ``auto`` takes the most numerous of list items, numbered paragraphs and
    table rows (preferring them in that order on a tie), and falls back to
    paragraphs when there are none of these.
    """
    body = [b for b in blocks if b.is_body]
    if mode == "list-items":
        return _list_items(body)
    if mode == "numbered":
        return _numbered(body)
    if mode == "rows":
        return [_row_item(b) for b in _data_rows(body)]
    if mode == "paragraphs":
        return _paragraphs(body)
    if mode == "subsections":
        return _subsections(blocks, blocks[0].index if blocks else -1)
    candidates = [
        _list_items(body),
        _numbered(body),
        [_row_item(b) for b in _data_rows(body)],
    ]
    best = max(candidates, key=len)
    return best if best else _paragraphs(body)
