"""The ``section`` kind: a section must exist (or must not), early enough, big enough.

Most of the Panel's key messages are about the shape of a report: key
questions *up front*, a *concise* background, analysis that is *the largest
part*, recommendations that *exist*. One kind covers them all, with one hit per
failing condition so that the author learns exactly what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.itemize import COUNT_KINDS, count_items
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.model import Document

_ITEM_NAMES = {
    "list-items": ("list item", "list items"),
    "questions": ("question", "questions"),
    "numbered": ("numbered item", "numbered items"),
    "rows": ("table row", "table rows"),
    "statements": ("statement of aim", "statements of aim"),
    "clauses": ("clause", "clauses"),
    "any": ("item", "items"),
}

PARAMS: dict[str, Any] = {
    "headings": c.regex_list("Heading patterns naming the section (any may match)."),
    "require": c.boolean(
        "true: the section must exist; false: it must not (each one found is reported).", True
    ),
    "if-missing": c.enum(
        "When the section is absent: fail (report it), or pass (so a rule can check only "
        "where or how big the section is, leaving absence to another rule).",
        ("fail", "pass"),
        "fail",
    ),
    "also-accept": c.regex_list(
        "Body-text patterns that stand in for the heading when no heading matches, e.g. "
        "'the key questions (were|are)'. The section is then that paragraph and the rest of "
        "its section's own text."
    ),
    "first-only": c.boolean(
        "Check only the first matching section (default: all of them together).", False
    ),
    "within-first": c.share(
        "Share of the document's words (0-1) within which the section must start."
    ),
    "before": c.regex_list("Heading patterns of a section this one must come before."),
    "after": c.regex_list("Heading patterns of a section this one must come after."),
    "min-words": c.count("Fewest words the section may have."),
    "max-words": c.count("Most words the section may have."),
    "min-share": c.share("Smallest share of the words (see share-of) the section may have."),
    "max-share": c.share("Largest share of the words (see share-of) the section may have."),
    "share-of": c.enum(
        "What min-share and max-share are a share of: body words (outside appendices) or "
        "all the document's words.",
        ("body", "document"),
        "body",
    ),
    "min-items": c.count("Fewest items (see items) the section must hold."),
    "max-items": c.count("Most items (see items) the section may hold."),
    "items": c.enum(
        "What counts as an item for min-items / max-items: list-items, questions (sentences "
        "ending '?'), numbered ('1.', 'a)', 'R1:' paragraphs), rows (table rows under a "
        "header), statements ('To explore...' paragraphs), clauses (terms of reference written "
        "as one sentence of clauses separated by semicolons) or any (the largest of these).",
        COUNT_KINDS,
        "any",
    ),
}


@dataclass(frozen=True, slots=True)
class _Target:
    """What was found: a section (or an accepted paragraph) and the blocks it covers."""

    start: int
    word_start: int
    blocks: list[int]
    title: str
    section: int | None
    block: int | None
    snippet: str
    #: The blocks with empty headings extended (see common.span_blocks): for minimums.
    wide: list[int]


def _validate(params: Params) -> str | None:
    for key in ("headings", "also-accept", "before", "after"):
        err = c.check_patterns(c.as_list(params.get(key)))
        if err:
            return f"{key}: {err}"
    if not c.as_list(params.get("headings")):
        return "headings must name at least one pattern"
    for lo, hi in (("min-words", "max-words"), ("min-share", "max-share")):
        if lo in params and hi in params and params[lo] > params[hi]:
            return f"{lo} is larger than {hi}"
    return None


def _plural(n: int, kind: str) -> str:
    one, many = _ITEM_NAMES[kind]
    return f"{n} {one if n == 1 else many}"


def build(params: Params) -> Any:
    headings = c.heading_matcher(params.get("headings"))
    accept = Matcher(c.as_list(params.get("also-accept")))
    before = c.heading_matcher(params.get("before"))
    after = c.heading_matcher(params.get("after"))
    require = bool(params.get("require", True))
    if_missing = params.get("if-missing", "fail")
    first_only = bool(params.get("first-only", False))
    within = params.get("within-first")
    min_words, max_words = params.get("min-words"), params.get("max-words")
    min_share, max_share = params.get("min-share"), params.get("max-share")
    share_of = params.get("share-of", "body")
    min_items, max_items = params.get("min-items"), params.get("max-items")
    item_kind = params.get("items", "any")

    def find(doc: Document) -> list[_Target]:
        secs = [s for s in doc.headings() if headings.matches(s.norm_title)]
        if first_only:
            secs = secs[:1]
        if secs:
            return [
                _Target(
                    sec.start,
                    sec.word_start,
                    list(range(sec.start, sec.end)),
                    sec.title,
                    sec.index,
                    None,
                    c.snippet(doc.blocks[sec.start].text),
                    c.span_blocks(doc, [sec], extend_empty=True),
                )
                for sec in secs
            ]
        if not accept:
            return []
        out = []
        for b in doc.blocks:
            if not b.is_body:
                continue
            m = accept.search(b.norm)
            if m is None:
                continue
            sec = doc.sections[b.section]
            out.append(
                _Target(
                    b.index,
                    b.word_start,
                    list(range(b.index, sec.own_end)),
                    sec.title,
                    None,
                    b.index,
                    c.snippet(b.text, b.norm, m.start(), m.end()),
                    list(range(b.index, sec.own_end)),
                )
            )
            if require or first_only:
                break
        return out

    def hit(t: _Target, values: dict[str, Any], note: str | None) -> Hit:
        vals = {"section": t.title, **values}
        return Hit(
            block=t.block, section=t.section, values=vals, snippet=t.snippet, note=c.sentence(note)
        )

    def check(doc: Document) -> Iterator[Hit]:
        found = find(doc)
        if not require:
            for t in found:
                yield hit(t, {"found": t.title}, None)
            return
        if not found:
            if if_missing == "fail":
                yield Hit(values={"count": 0})
            return
        t = found[0]
        if len(found) > 1:
            secs = [doc.sections[x.section] for x in found if x.section is not None]
            t = _Target(
                t.start,
                t.word_start,
                c.span_blocks(doc, secs),
                t.title,
                t.section,
                t.block,
                t.snippet,
                c.span_blocks(doc, secs, extend_empty=True),
            )
        if within is not None and doc.words:
            at = t.word_start / doc.words
            if at > within:
                yield hit(
                    t,
                    {"share": c.pct(at), "limit": c.pct(within), "found": t.title},
                    f"found at {c.pct(at)} of the document; expected within the first "
                    f"{c.pct(within)}",
                )
        for matcher_, must_precede in ((before, True), (after, False)):
            if not matcher_:
                continue
            own = {x.section for x in found}
            others = (s for s in doc.headings() if s.index not in own)
            other = next((s for s in others if matcher_.matches(s.norm_title)), None)
            if other is None:
                continue
            wrong = t.start > other.start if must_precede else t.start < other.start
            if wrong:
                where, expected = ("after", "before") if must_precede else ("before", "after")
                yield hit(
                    t,
                    {"found": other.title},
                    f"comes {where} '{other.title}'; expected {expected} it",
                )
        if any(v is not None for v in (min_words, max_words, min_share, max_share)):
            # Minimums are measured on the widest reading of the section, maximums on
            # the narrowest: an uncertain extent never causes a false alarm.
            most = c.words_in(doc, t.wide)
            least = c.words_in(doc, t.blocks)
            if min_words is not None and most < min_words:
                yield hit(
                    t,
                    {"words": most, "limit": min_words},
                    f"{most:,} words; at least {min_words:,} expected",
                )
            if max_words is not None and least > max_words:
                yield hit(
                    t,
                    {"words": least, "limit": max_words},
                    f"{least:,} words; at most {max_words:,} expected",
                )
            total = (
                per_document(doc, "body-words", doc.body_words) if share_of == "body" else doc.words
            )
            of = "the body" if share_of == "body" else "the document"
            if total and min_share is not None and most / total < min_share:
                yield hit(
                    t,
                    {"words": most, "share": c.pct(most / total), "limit": c.pct(min_share)},
                    f"{most:,} words, {c.pct(most / total)} of {of}; at least "
                    f"{c.pct(min_share)} expected",
                )
            if total and max_share is not None and least / total > max_share:
                yield hit(
                    t,
                    {"words": least, "share": c.pct(least / total), "limit": c.pct(max_share)},
                    f"{least:,} words, {c.pct(least / total)} of {of}; at most "
                    f"{c.pct(max_share)} expected",
                )
        if min_items is not None:
            n = count_items([doc.blocks[i] for i in t.wide])[item_kind]
            if n < min_items:
                yield hit(
                    t,
                    {"count": n, "items": n, "limit": min_items},
                    f"{_plural(n, item_kind)}; at least {min_items} expected",
                )
        if max_items is not None:
            n = count_items([doc.blocks[i] for i in t.blocks])[item_kind]
            if n > max_items:
                yield hit(
                    t,
                    {"count": n, "items": n, "limit": max_items},
                    f"{_plural(n, item_kind)}; at most {max_items} expected",
                )

    return check


KIND = CheckKind(
    name="section",
    description="A section whose heading matches must exist (or must not), start early "
    "enough, come before or after another, and have the right size and number of items.",
    params=PARAMS,
    required=("headings",),
    build=build,
    validate=_validate,
    example="""\
id: LCSPR102
name: key-questions-up-front
category: key-questions
severity: error
message: State the key questions (lines of enquiry) the review set out to answer, near the start.
rationale: The best LCSPRs start with the key questions they seek to answer.
source: Panel newsletter, July 2021
fix: Add a 'Key questions' section in the first quarter listing at least two questions.
check: section
headings:
  - 'key (lines of )?(enquiry|inquiry)'
  - '\\bkloes?\\b'
  - 'key questions'
  - 'terms of reference'
also-accept: ['\\bthe (key )?questions (were|are|for this review)\\b']
within-first: 0.25
min-items: 2
items: any
""",
)
