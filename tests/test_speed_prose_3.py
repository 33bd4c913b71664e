"""Prose kinds found faster, third pass (issue 12): the same answers as the slow paths.

* ``proportion`` walks a document's blocks for date-led runs once, shared by
  every rule with the built-in date forms (a per-document memo);
* ``readability`` asks where acronyms are defined only about the acronyms it
  would report, stopping once each is defined, and counts the words of ASCII
  sentences with ``count_words``;
* ``pseudonyms`` tries its pattern only in the words that hold the start of a
  given name.

Each is compared here with the code it replaced (kept below as the reference),
on generated documents and text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from kinds.conftest import doc, h, li, p, run, table
from test_speed_readability import definitions

from lcsprlint.kinds import common as c
from lcsprlint.kinds import pseudonyms as ps
from lcsprlint.kinds import readability as r
from lcsprlint.kinds.base import Hit
from lcsprlint.kinds.dateparse import is_date_led, is_date_only
from lcsprlint.kinds.literals import CAPITAL, finditer_at
from lcsprlint.kinds.pii.common import is_given
from lcsprlint.kinds.scope import Scope, Unit
from lcsprlint.model import Document
from lcsprlint.readers.assemble import RawBlock
from lcsprlint.textutil import count_words

fast = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _hits(hits: list[Hit]) -> list[tuple[Any, ...]]:
    return [(x.block, x.section, x.values, x.snippet, x.note) for x in hits]


# --------------------------------------------------------------------------- proportion


def reference_proportion_walk(
    d: Document, runs: bool, min_run: int, led_rx: Any = None, measured: set[int] | None = None
) -> tuple[set, int, Any]:
    """The walk of ``proportion``'s check as it was: measured runs, count outside, first.

    The runs are added to ``measured`` as the check added them (the order of a set's
    items, and so of the sum of their words, depends on it).
    """
    blocks, secs = d.blocks, d.sections
    measured = set() if measured is None else measured
    led_outside = 0
    first_led = None
    run_: list[int] = []
    for b in blocks:
        if b.kind == "toc":
            continue
        if b.is_body and is_date_led(b, led_rx):
            run_.append(b.index)
            if not secs[b.section].appendix:
                led_outside += 1
                if first_led is None:
                    first_led = b.index
            continue
        if b.kind == "heading" and is_date_only(b.norm):
            continue
        if runs and len(run_) >= min_run:
            measured.update(run_)
        run_ = []
    if runs and len(run_) >= min_run:
        measured.update(run_)
    return measured, led_outside, first_led


_DATED = ["On 3 May 2020 the nurse called.", "2019: referral", "14/01/2022 visit", "12 June 2021"]
_PLAIN = ["The school noticed.", "Findings", "Mother was unwell.", ""]


@st.composite
def chronologies(draw: st.DrawFn) -> Document:
    parts: list[Any] = []
    for _ in range(draw(st.integers(1, 25))):
        k = draw(st.integers(0, 7))
        text = draw(st.sampled_from(_DATED + _DATED + _PLAIN))
        if k == 0:
            heading = ["Chronology", "Appendix A: Timeline", "Findings", "2020", "Mid-2021"]
            parts.append(h(draw(st.sampled_from(heading))))
        elif k == 1:
            parts.append(table([text, "visit"], [draw(st.sampled_from(_DATED)), "call"]))
        elif k == 2:
            parts.append(li(text))
        elif k == 3:
            parts.append(RawBlock("toc", "Chronology 4"))
        else:
            parts.append(p(text))
    return doc(*parts)


#: Two date-led paragraphs with a year heading between them: one run, not two.
SPLIT_BY_A_YEAR = doc(p("On 3 May 2020 the nurse called."), h("2020"), p("2019: referral"), p("x"))


@fast
@example(SPLIT_BY_A_YEAR, 2, True)
@given(chronologies(), st.integers(1, 6), st.booleans())
def test_shared_date_led_walk_is_the_walk(d: Document, min_run: int, runs: bool) -> None:
    from lcsprlint.kinds.proportion import _date_led

    walk = _date_led(d, None)
    measured: set[int] = set()
    if runs:
        for run_ in walk.runs:
            if len(run_) >= min_run:
                measured.update(run_)
    assert (measured, walk.outside, walk.first_outside) == reference_proportion_walk(
        d, runs, min_run
    )


def reference_proportion(params: dict[str, Any], d: Document) -> list[Hit]:
    """``proportion``'s check as it was (each rule walking the blocks itself)."""
    from lcsprlint.kinds.proportion import _Custom

    sections = c.heading_matcher(params.get("sections"))
    compare = c.heading_matcher(params.get("compare-to"))
    weight = float(params.get("appendix-weight", 0.5))
    max_share, max_count = params.get("max-share"), params.get("max-count")
    custom = c.as_list(params.get("date-led-pattern"))
    led_rx: Any = _Custom(custom) if custom else None
    blocks, secs = d.blocks, d.sections
    measured: set[int] = set()
    if sections:
        chrono = [s for s in d.headings() if sections.matches(s.norm_title)]
        measured.update(i for i in c.span_blocks(d, chrono) if blocks[i].kind != "toc")
    _, led_outside, first_led = reference_proportion_walk(
        d, bool(params.get("date-led", False)), int(params.get("min-run", 5)), led_rx, measured
    )
    words = 0.0
    for i in measured:
        words += blocks[i].words * (weight if secs[blocks[i].section].appendix else 1.0)
    first = min(measured) if measured else None
    body = d.body_words()
    out = []
    if max_share is not None and body and measured and words / body > max_share:
        out.append(Hit(block=first, values={"share": c.pct(words / body), "count": led_outside}))
    if max_count is not None and led_outside > max_count:
        out.append(Hit(block=first_led, values={"count": led_outside, "limit": max_count}))
    if compare and measured:
        against = [s for s in d.headings() if compare.search(s.norm_title)]
        if against:
            spans = c.span_blocks(d, against, extend_empty=True)
            cmp_words = sum(blocks[i].words for i in spans if i not in measured)
            if words > cmp_words:
                out.append(Hit(block=first, values={"words": round(words), "limit": cmp_words}))
    return out


PROPORTION_RULES = [
    {"date-led": True, "min-run": 2, "max-count": 1, "max-share": 0.1},
    {"date-led": True, "min-run": 5, "max-share": 0.05, "appendix-weight": 0.3},
    {"date-led": False, "sections": ["chronolog"], "max-count": 0},
    {"date-led": True, "min-run": 1, "compare-to": ["findings"], "appendix-weight": 0},
    {"date-led": True, "min-run": 1, "date-led-pattern": [r"\d{4}"], "max-count": 0},
]


@fast
@example(SPLIT_BY_A_YEAR)
@given(chronologies())
def test_rules_sharing_the_walk_find_what_the_slow_path_finds(d: Document) -> None:
    """Rules of different limits, run in turn over one document (so sharing its walk)."""
    for params in PROPORTION_RULES:
        got = run("proportion", params, d)
        want = reference_proportion(params, d)
        assert len(got) == len(want), params
        for x, y in zip(got, want, strict=True):  # the values the reference works out
            assert (x.block, {k: x.values[k] for k in y.values}) == (y.block, y.values), params


# --------------------------------------------------------------------------- readability

ACRONYM_PIECES = [
    "The", "review", "ICB", "ICBs", "NSCP", "CSA", "MASH", "IDVA", "XYZ", "GP", "A&E",
    "Integrated", "Care", "Board", "Child", "Sexual", "Abuse", "of", "and", "the",
    "Independent", "Domestic", "Violence", "Adviser", "Safeguarding", "Partnership",
    "North", "(ICB)", "(CSA)", "( the IDVA )", "(Integrated Care Board)",
    "(Child Sexual Abuse)", "XYZ programme (X-ray Yearly Zone)", "ICB:", "NSCP -",
    "[TBC]", "DRAFT", "REPORT", ".", ". ", ",", " ", " ", " ", "  ", "\n", "\u00a0",
]  # fmt: skip
acronym_texts = st.lists(st.sampled_from(ACRONYM_PIECES), max_size=30).map("".join)


@st.composite
def acronym_documents(draw: st.DrawFn) -> Document:
    parts: list[Any] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(h(draw(st.sampled_from(["Glossary", "Findings", "Terms used", "Intro"]))))
        elif kind == 1:
            parts.append(
                table(
                    [draw(acronym_texts), draw(acronym_texts)],
                    [draw(st.sampled_from(["ICB", "CSA", "NSCP", ""])), draw(acronym_texts)],
                )
            )
        elif kind == 2:
            parts.append(li(draw(acronym_texts)))
        else:
            parts.append(p(draw(acronym_texts)))
    return doc(*parts)


@fast
@given(acronym_documents(), st.sets(st.sampled_from(["ICB", "CSA", "NSCP", "IDVA", "XYZ", "CS"])))
def test_definitions_asked_about_some_acronyms_are_theirs(d: Document, wanted: set[str]) -> None:
    glossary = c.heading_matcher(list(r.DEFAULT_GLOSSARY))
    everything, listed = definitions(d, glossary)
    some, listed_too = definitions(d, glossary, set(wanted))
    assert some == {a: at for a, at in everything.items() if a in wanted}
    assert listed_too == listed


def reference_undefined(d: Document, params: dict[str, Any]) -> list[Hit]:
    """The acronym check as it was: every definition found first, then each first use."""
    scope = Scope(params)
    allow = set(params.get("allow") or ()) | set(r.DEFAULT_ALLOW)
    glossary = c.heading_matcher(list(r.DEFAULT_GLOSSARY))
    later_ok = bool(params.get("allow-later-definition", False))
    units = [
        u
        for u in scope.units(d)
        if u.block is not None and d.blocks[u.block].kind in ("paragraph", "list-item")
    ]
    defs, listed = definitions(d, glossary)
    seen: set[str] = set()
    out = []
    for u in units:
        text = u.norm
        tokens = list(r._TOKEN.finditer(text))
        if not tokens or not any(ch.islower() for ch in text):
            continue
        shouted = [(m.start(), m.end()) for m in r._SHOUT.finditer(text)]
        shouted += [(m.start(), m.end()) for m in r._BRACKETED.finditer(text)]
        for m in tokens:
            acr = m.group(1)
            if acr in seen or acr in allow or acr in listed or r._ROMAN.match(acr):
                continue
            if any(s <= m.start() < e for s, e in shouted):
                continue
            seen.add(acr)
            at = defs.get(acr)
            if at is not None and (at <= (u.block, m.start()) or later_ok):
                continue
            out.append(
                Hit(
                    block=u.block,
                    values={"match": m.group(0)},
                    snippet=c.snippet(u.text, u.norm, m.start(), m.end()),
                    note="Defined only later in the document." if at is not None else None,
                )
            )
    return out


@fast
@given(acronym_documents(), st.booleans())
def test_undefined_acronyms_are_the_slow_path(d: Document, later_ok: bool) -> None:
    params = {"acronyms": True, "allow-later-definition": later_ok, "allow": ["GP"]}
    assert _hits(run("readability", params, d)) == _hits(reference_undefined(d, params))


def test_a_definition_after_first_use_is_still_found() -> None:
    """The early stop must not stop before a definition that only comes later."""
    d = doc(
        p("The NSCP met. The XYZ met too."),
        p("Nothing here."),
        p("The Northampton Safeguarding Children Partnership (NSCP) agreed."),
    )
    hits = run("readability", {"acronyms": True}, d)
    assert [(x.values["match"], x.note) for x in hits] == [
        ("NSCP", "Defined only later in the document."),
        ("XYZ", None),
    ]
    assert _hits(hits) == _hits(reference_undefined(d, {"acronyms": True}))


ASCII_PIECES = [
    "The", "review", "approx", "e.g", "etc", "Dr", "No", "p", "A", "1", "12", "2.3", "(4)",
    "ICB", "O'Neil", ".", ". ", "!", "?", "...", ",", "(", ")", '"', "'", "-", "&", "|", "_",
    "__", "[TBC]", " ", " ", " ", "  ", "\n", "\t", "\x1c",
]  # fmt: skip


@fast
@given(st.lists(st.lists(st.sampled_from(ASCII_PIECES), max_size=40).map("".join), max_size=6))
def test_ascii_sentence_words_are_counted_as_the_slow_path(parts: list[str]) -> None:
    units = [Unit(t, t, i) for i, t in enumerate(parts)]
    slow = tuple(
        w for u in units for a, b in r.sentence_spans(u.norm) if (w := count_words(u.norm[a:b]))
    )
    assert r._sentence_words(units) == slow


# --------------------------------------------------------------------------- pseudonyms

NAME_PIECES = [
    "Kyle", "Sarah", "Brandon", "Amber", "Amber-Rose", "Rose", "McKyle", "KyleBrandon",
    "D'Kyle", "O'Sarah", "Kyle-Smith", "St", "John", "Child", "T", "Mother", "Zac", "Sarahs",
    "was", "said", "moved", "and his", "lives", "often", "the", "(2020)", ", 2020", "et al",
    "'s", "’s", "-", "'", " ", " ", " ", "  ", ".", ". ", ",", ":", "(", '"', "\u00a0",
]  # fmt: skip
name_texts = st.lists(st.sampled_from(NAME_PIECES), max_size=30).map("".join)


def _slow_candidates(text: str) -> Iterator[Any]:
    return finditer_at(ps._CANDIDATE, CAPITAL, text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name_texts)
def test_candidates_hold_every_given_name_the_slow_path_finds(text: str) -> None:
    def named(ms: Iterator[Any]) -> list[tuple[Any, ...]]:
        return [(m.span(), m.groupdict()) for m in ms if is_given(m.group("name"))]

    firsts = ps._given_firsts(text)
    fast_ = [] if firsts is not None and not firsts else list(ps._candidates(text, firsts))
    assert named(iter(fast_)) == named(_slow_candidates(text))
    assert named(ps._candidates(text, None)) == named(_slow_candidates(text))


@fast
@given(st.lists(name_texts, min_size=1, max_size=8))
def test_pseudonym_hits_are_the_slow_path(paras: list[str]) -> None:
    """The kind's hits are those it gives with every capital of every unit tried."""
    d = doc(p("This review concerns Child T, who will be known as Zac."), *map(p, paras))
    check = ps.KIND.build({})
    got = [(x.block, x.values, x.snippet) for x in check(d)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ps, "_given_firsts", lambda text: None)  # every candidate tried
        slow = [(x.block, x.values, x.snippet) for x in check(d)]
    assert got == slow


# --------------------------------------------------------------------------- groups


def reference_contexts(
    units: list[Unit], near: Any, d: Document, masks: Any, need: int = 0, anchor: int = 0, *_: Any
) -> Iterator[int]:
    """``groups._contexts`` as it was, for no ``near`` and ``near: section``."""
    from lcsprlint.kinds import groups

    if anchor:  # the caller's early stop, which an anchor group turns off
        need = 0
    if near is None:
        total = 0
        for u in units:
            total = masks(u.norm, total)
            if need and total.bit_count() >= need:
                break
        yield total
        return
    assert near == "section"
    by_block: dict[int, int] = {}
    texts: dict[int, list[str]] = {}
    for u in units:
        if u.block is None:
            yield masks(u.norm)
        elif anchor:
            by_block[u.block] = by_block.get(u.block, 0) | masks(u.norm, only=anchor)
            texts.setdefault(u.block, []).append(u.norm)
        else:
            by_block[u.block] = by_block.get(u.block, 0) | masks(u.norm)
    wrappers = groups._wrappers([sec for sec in d.sections if sec.heading is not None])
    for sec in d.sections:
        if sec.index in wrappers:
            continue
        span = range(sec.start, sec.end if sec.heading is not None else sec.own_end)
        mask = 0
        for i in span:
            mask |= by_block.get(i, 0)
        if mask & anchor:
            mask = 0
            for i in span:
                for text in texts.pop(i, ()):
                    by_block[i] = masks(text, by_block[i], only=~anchor)
                mask |= by_block.get(i, 0)
        yield mask


GROUP_TEXTS = [
    "Approved by the partners.", "Signed off by the council.", "The ICB agreed.",
    "Castle Police attended.", "The council and the ICB met.", "Nothing here.",
    "Approved by the council, the ICB and the police.", "The police signed on behalf of.",
    "The ICB approved it.", "",
]  # fmt: skip
GROUP_HEADINGS = ["Sign-off", "Findings", "Statement from the partners", "Appendix A", "Council"]
PARTNER_GROUPS = {
    "approval": ["approved by", "signed (off|on behalf)"],
    "the local authority": ["council"],
    "the ICB": [r"\bICB\b"],
    "the police": ["police"],
}
GROUP_RULES: list[tuple[str, dict[str, Any]]] = [
    ("all-of", {"near": "section", "anchor": "approval"}),
    ("any-of", {"near": "section", "anchor": "approval", "min-groups": 3}),
    ("all-of", {"near": "section"}),
    ("any-of", {"near": "section", "min-groups": 2}),
    ("all-of", {}),
    ("any-of", {}),
    ("any-of", {"min-groups": 3}),
]


@st.composite
def partner_documents(draw: st.DrawFn) -> Document:
    from lcsprlint.model import Comment, ExtraText

    parts: list[Any] = []
    if draw(st.booleans()):
        parts.append(h("Local Child Safeguarding Practice Review", 1))  # a wrapping title
    for _ in range(draw(st.integers(0, 14))):
        k = draw(st.integers(0, 4))
        if k == 0:
            parts.append(h(draw(st.sampled_from(GROUP_HEADINGS)), draw(st.integers(1, 3))))
        elif k == 1:
            parts.append(table([draw(st.sampled_from(GROUP_TEXTS)), "Date"]))
        else:
            parts.append(p(draw(st.sampled_from(GROUP_TEXTS))))
    d = doc(*parts)
    n = len(d.blocks)
    comments = []
    for i in range(draw(st.integers(0, 3)) if n else 0):
        text = draw(st.sampled_from(GROUP_TEXTS))
        comments.append(Comment(str(i), "A", None, text, (draw(st.integers(0, n - 1)),)))
    extras = [ExtraText("footer", t, t) for t in draw(st.lists(st.sampled_from(GROUP_TEXTS)))]
    return doc(*parts, comments=comments, extras=extras)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partner_documents(), st.sampled_from(["document", "body", "comments", "header-footer"]))
def test_group_contexts_searched_from_both_ends_are_the_slow_path(d: Document, scope: str) -> None:
    from lcsprlint.kinds import groups

    for kind, extra in GROUP_RULES:
        params = {"groups": PARTNER_GROUPS, "scope": scope, **extra}
        got = run(kind, params, d)
        fast_contexts = groups._contexts
        groups._contexts = reference_contexts  # type: ignore[assignment]
        try:
            want = run(kind, params, d)
        finally:
            groups._contexts = fast_contexts
        assert _hits(got) == _hits(want), (kind, params)


def test_a_witness_section_is_found_from_the_end() -> None:
    """The sign-off at the end is found without searching the sections before it."""
    from lcsprlint.kinds import groups

    d = doc(
        h("Findings"),
        *[p("The council and the ICB met.") for _ in range(20)],
        h("Sign-off"),
        p("Approved by the council, the ICB and the police."),
    )
    searched: list[str] = []
    params = {"groups": PARTNER_GROUPS, "scope": "document", "near": "section"}
    params["anchor"] = "approval"
    check = groups.ALL_OF.build(params)
    units = Scope({"scope": "document"}).units(d)

    def masks(text: str, known: int = 0, only: int = -1) -> int:
        searched.append(text)
        return known | (only & 0b1111 if "Approved" in text else 0)

    contexts = list(groups._contexts(units, "section", d, masks, 4, 1))
    assert contexts == [0b1111] and len(searched) < 6
    assert list(check(d)) == []


@fast
@given(partner_documents(), st.sampled_from([2, 3, 4]))
def test_looking_for_a_witness_asks_no_more_than_the_full_pass(d: Document, goal: int) -> None:
    """Each block's texts are searched at most once per group kind, as the full pass does."""
    from lcsprlint.kinds import groups

    units = Scope({"scope": "document"}).units(d)

    def counting(calls: list[int]) -> Any:
        def masks(text: str, known: int = 0, only: int = -1) -> int:
            calls.append(only)
            found = known
            for bit, word in enumerate(("Approved", "council", "ICB", "police")):
                if only & (1 << bit) and word in text:
                    found |= 1 << bit
            return found

        return masks

    fast_calls: list[int] = []
    slow_calls: list[int] = []
    list(groups._contexts(units, "section", d, counting(fast_calls), goal, 1))
    list(reference_contexts(units, "section", d, counting(slow_calls), 0, 1))
    assert len(fast_calls) <= len(slow_calls)
