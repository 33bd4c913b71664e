"""The ``proportion`` kind: how much of the report chronology-like content takes.

The Panel's first complaint about SCR-style reports is "overly long
chronologies". A chronology is either a section that says so ("Chronology",
"Sequence of events") or a run of paragraphs, list items or table rows that
each start with a date, wherever it stands. Both are measured together, each
block once; a chronology moved to an appendix counts for less.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.dateparse import is_date_led, is_date_only
from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.model import Document

PARAMS: dict[str, Any] = {
    "sections": c.regex_list("Heading patterns of chronology-like sections, measured whole."),
    "date-led": c.boolean(
        "Also measure runs of consecutive blocks (paragraphs, list items, table rows) that "
        "start with a date, wherever they stand (default false).",
        False,
    ),
    "min-run": c.count("Shortest run of date-led blocks that counts (default 5).", 1),
    "date-led-pattern": c.regex_list(
        "Patterns that replace the built-in date forms when deciding whether a block starts "
        "with a date (tried after any numbering and 'On'/'In')."
    ),
    "appendix-weight": c.share("Weight of measured words inside appendices (default 0.5)."),
    "max-share": c.share(
        "Largest share of body words (outside appendices) measured words may have."
    ),
    "max-count": c.count("Most date-led blocks allowed outside appendices."),
    "compare-to": c.regex_list(
        "Heading patterns of sections (e.g. analysis, findings) whose words the measured "
        "words must not exceed; skipped when no such section exists."
    ),
}


def _validate(params: Params) -> str | None:
    for key in ("sections", "compare-to", "date-led-pattern"):
        err = c.check_patterns(c.as_list(params.get(key)))
        if err:
            return f"{key}: {err}"
    if all(params.get(k) is None for k in ("max-share", "max-count", "compare-to")):
        return "give at least one of max-share, max-count and compare-to"
    measures = c.as_list(params.get("sections")) or params.get("date-led")
    if not measures and (params.get("max-share") is not None or params.get("compare-to")):
        return "max-share and compare-to need sections or date-led: true"
    return None


class _Custom:
    """A rule author's date-led patterns behind the ``re.Pattern.match`` interface."""

    def __init__(self, patterns: list[str]) -> None:
        self._m = Matcher([f"^(?:{p})" for p in patterns])

    def match(self, text: str, pos: int = 0) -> Any:
        return self._m.search(text[pos:])


class _Walk(NamedTuple):
    """The date-led blocks of a document, as the walk over its blocks finds them.

    ``runs`` are the runs of consecutive date-led body blocks (contents entries
    and headings that are only a date do not break a run), in order, each a
    tuple of block indices; ``outside`` counts the date-led blocks outside the
    appendices and ``first_outside`` is the first of them. None of it depends
    on a rule's limits, so rules with the built-in date forms share one walk
    (three rules of the LCSPR pack each read every block for it).
    """

    runs: tuple[tuple[int, ...], ...]
    outside: int
    first_outside: int | None


def _date_led(doc: Document, led_rx: Any) -> _Walk:
    """Walk ``doc``'s blocks once for the date-led runs (see :class:`_Walk`)."""
    secs = doc.sections
    runs: list[tuple[int, ...]] = []
    outside = 0
    first_outside: int | None = None
    run: list[int] = []
    for b in doc.blocks:
        if b.kind == "toc":
            continue
        if b.is_body and is_date_led(b, led_rx):
            run.append(b.index)
            if not secs[b.section].appendix:
                outside += 1
                if first_outside is None:
                    first_outside = b.index
            continue
        if b.kind == "heading" and is_date_only(b.norm):
            continue
        if run:
            runs.append(tuple(run))
        run = []
    if run:
        runs.append(tuple(run))
    return _Walk(tuple(runs), outside, first_outside)


def build(params: Params) -> Any:
    sections = c.heading_matcher(params.get("sections"))
    compare = c.heading_matcher(params.get("compare-to"))
    runs = bool(params.get("date-led", False))
    min_run = int(params.get("min-run", 5))
    weight = float(params.get("appendix-weight", 0.5))
    max_share = params.get("max-share")
    max_count = params.get("max-count")
    custom = c.as_list(params.get("date-led-pattern"))
    led_rx: Any = _Custom(custom) if custom else None

    def check(doc: Document) -> Iterator[Hit]:
        blocks = doc.blocks
        secs = doc.sections
        measured: set[int] = set()
        if sections:
            chrono = [s for s in doc.headings() if sections.matches(s.norm_title)]
            measured.update(i for i in c.span_blocks(doc, chrono) if blocks[i].kind != "toc")
        if led_rx is None:  # the built-in date forms: the same walk for every such rule
            walk = per_document(doc, "proportion.date-led", lambda: _date_led(doc, None))
        else:
            walk = _date_led(doc, led_rx)
        if runs:
            for run in walk.runs:
                if len(run) >= min_run:
                    measured.update(run)
        led_outside, first_led = walk.outside, walk.first_outside

        words = 0.0
        for i in measured:
            b = blocks[i]
            words += b.words * (weight if secs[b.section].appendix else 1.0)
        shown = round(words)
        first = min(measured) if measured else None
        body = per_document(doc, "body-words", doc.body_words)

        if max_share is not None and body and measured:
            part = words / body
            if part > max_share:
                yield Hit(
                    block=first,
                    values={
                        "share": c.pct(part),
                        "limit": c.pct(max_share),
                        "words": shown,
                        "count": led_outside,
                    },
                    snippet=c.snippet(blocks[first].text) if first is not None else None,
                    note=c.sentence(
                        f"{shown:,} words of chronology, {c.pct(part)} of the body; at most "
                        f"{c.pct(max_share)} expected"
                    ),
                )
        if max_count is not None and led_outside > max_count:
            yield Hit(
                block=first_led,
                values={"count": led_outside, "limit": max_count},
                snippet=c.snippet(blocks[first_led].text) if first_led is not None else None,
                note=c.sentence(
                    f"{led_outside} paragraphs or rows start with a date outside the "
                    f"appendices; at most {max_count} expected"
                ),
            )
        if compare and measured:
            against = [s for s in doc.headings() if compare.search(s.norm_title)]
            if against:
                cmp_words = sum(
                    blocks[i].words
                    for i in c.span_blocks(doc, against, extend_empty=True)
                    if i not in measured
                )
                if words > cmp_words:
                    yield Hit(
                        block=first,
                        values={
                            "words": shown,
                            "limit": cmp_words,
                            "count": led_outside,
                            "share": c.pct(words / body) if body else "0%",
                        },
                        snippet=c.snippet(blocks[first].text) if first is not None else None,
                        note=c.sentence(
                            f"{shown:,} words of chronology against {cmp_words:,} in "
                            f"'{against[0].title}'"
                        ),
                    )

    return check


KIND = CheckKind(
    name="proportion",
    description="Measure chronology-like content (named sections and runs of date-led "
    "blocks) against the body, a count limit, or the analysis sections.",
    params=PARAMS,
    build=build,
    validate=_validate,
    example="""\
id: LCSPR501
name: chronology-dominates
category: chronology
severity: warning
message: "Chronology takes {share} of the report (limit {limit})."
rationale: The Panel asks reviews not to be written like SCRs, with overly long chronologies.
source: Panel newsletter, July 2021
fix: Keep a short account of key practice episodes in the body and analyse why things happened.
check: proportion
sections: ['chronology', 'timeline', 'sequence of events', 'narrative of events', 'case history']
date-led: true
min-run: 5
appendix-weight: 0.5
max-share: 0.25
""",
)
