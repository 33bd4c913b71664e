"""Dates found faster (issue 12): each shortcut gives the answer of the slow path.

``find_dates`` returns at once where no year or numeric date can stand;
``document_date`` passes over paragraphs with no year that could beat the
best date so far, or with no sign-off sentence; the ``dates`` kind looks for
labels only in text that may hold a date. Each is compared here with the code
it replaced (kept below as the reference), on generated text and documents
and on every document of the test corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kinds.conftest import doc, h, p, table, title
from test_speed_readability import reference_sentence_spans

from lcsprlint.kinds import dateparse as dp
from lcsprlint.kinds.dates import labelled_date
from lcsprlint.kinds.patterns import matcher
from lcsprlint.kinds.scope import Unit
from lcsprlint.model import Document, Metadata
from lcsprlint.readers import read_document

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- the slow paths


def reference_find_dates(text: str) -> Iterator[dp.FoundDate]:
    """``find_dates`` as it was: the date pattern over the whole text."""
    for m in dp._DATE.finditer(text):
        g = m.group
        try:
            if g("d1"):
                d = date(int(g("y1")), dp._month(g("m1")), int(g("d1")))
                given = True
            elif g("m2"):
                d = date(int(g("y2")), dp._month(g("m2")), int(g("d2")))
                given = True
            elif g("y3"):
                d = date(int(g("y3")), int(g("m3")), int(g("d3")))
                given = True
            elif g("d4"):
                d = date(dp._year(g("y4")), int(g("m4")), int(g("d4")))
                given = True
            else:
                d = date(int(g("y5")), dp._month(g("m5")), 1)
                given = False
        except ValueError:
            continue
        yield dp.FoundDate(d, m.start(), m.end(), given)


def reference_document_date(d: Document, today: date) -> date | None:
    """``document_date`` as it was: every paragraph's dates, then their sentences."""
    ceiling = date(today.year + 1, today.month, min(today.day, 28))
    best: date | None = None

    def consider(text: str, whole: bool, any_sentence: bool = False) -> None:
        nonlocal best
        spans = [(0, len(text))] if whole else None
        for fd in reference_find_dates(text):
            if not dp._plausible(fd.value, ceiling) or (best is not None and fd.value <= best):
                continue
            if spans is None:
                spans = reference_sentence_spans(text)
            s, e = dp.sentence_at(spans, fd.start)
            sentence = text[s:e]
            if dp._FUTURE.search(sentence):
                continue
            if not (whole or any_sentence) and not dp._SIGN_OFF_SENTENCE.search(sentence):
                continue
            best = fd.value

    if d.title:
        consider(d.title, True)
    targets = dp._target_tables(d)
    title_page = True
    for b in d.blocks:
        if b.kind == "toc" or (b.table is not None and b.table in targets):
            continue
        text = b.norm or " | ".join(b.cells)
        sec = d.sections[b.section]
        if title_page and (b.word_start >= dp._TITLE_PAGE_WORDS or (b.is_body and b.words > 25)):
            title_page = False
        if title_page or b.kind == "title":
            consider(text, True)
        elif sec.heading is not None and dp._SIGN_OFF_HEADING.search(sec.norm_title):
            consider(text, b.kind == "table-row", any_sentence=True)
        elif b.kind != "table-row" or dp._REPORT_DATE_ROW.search(text):
            consider(text, False)
    if best is None and isinstance(d.metadata.modified, datetime):
        return d.metadata.modified.date()
    return best


def found(text: str) -> list[tuple[date, int, int, bool]]:
    return [(f.value, f.start, f.end, f.day_given) for f in dp.find_dates(text)]


def reference_found(text: str) -> list[tuple[date, int, int, bool]]:
    return [(f.value, f.start, f.end, f.day_given) for f in reference_find_dates(text)]


# --------------------------------------------------------------------------- generated text

#: Pieces of dates and near-dates, sign-off wording, and the characters that fold to ASCII
#: letters under IGNORECASE (the long s of "ſeptember", the kelvin sign, dotless and dotted i).
PIECES = [
    "14", "3", "31", "2022", "2023", "2024", "1999", "22", "75", "05", "12345", "٢٠٢٤", "２０２３",
    "Jan", "January", "SEPT", "ſeptember", "May", "dec", "Mar.", "of", "th", "st", "rd",
    " ", " ", " ", "  ", "\n", "\t", "\u00a0", "/", ".", "-", ",", ":", "(", ")", "|", "–",
    "approved", "ſigned off", "sıgned", "İ", "K", "partners", "board", "report", "review",
    "completed", "finalised", "published", "final report", "dated", "date of", "Date",
    "will", "due", "next", "The", "Panel", "agreed", "chair", "x", "a.", "Dr.", "etc.",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
settings_ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings_
@given(texts)
def test_find_dates_is_the_full_scan(text: str) -> None:
    assert found(text) == reference_found(text)


@settings_
@given(texts)
def test_may_hold_date_is_necessary(text: str) -> None:
    if not dp.may_hold_date(text):
        assert reference_found(text) == []


@settings_
@given(texts, st.integers(1995, 2030), st.integers(0, 6))
def test_may_hold_year_is_necessary(text: str, lo: int, width: int) -> None:
    hi = lo + width
    if any(lo <= f.value.year <= hi for f in reference_find_dates(text)):
        assert dp._may_hold_year(text, lo, hi)


@settings_
@given(texts)
def test_may_sign_off_is_necessary(text: str) -> None:
    if dp._SIGN_OFF_SENTENCE.search(text):
        assert dp._may_sign_off(text)


@settings_
@given(texts)
def test_a_sign_off_sentence_is_found_in_its_paragraph(text: str) -> None:
    """What lets ``document_date`` test a whole paragraph before splitting it."""
    for s, e in reference_sentence_spans(text):
        if dp._SIGN_OFF_SENTENCE.search(text[s:e]):
            assert dp._SIGN_OFF_SENTENCE.search(text)


def test_odd_folds_are_all_the_characters_ignorecase_maps_to_ascii_letters() -> None:
    letters = re.compile("[a-z]", re.IGNORECASE)
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    odd = set(letters.findall(every))
    assert odd == set(dp._ODD_FOLDS.findall(every))
    # ... and lower-casing maps no other character to an ASCII letter.
    assert not [ch for ch in every if ch not in odd and re.search("[a-z]", ch.lower())]


# --------------------------------------------------------------------------- documents

paragraphs = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join)
HEADINGS = ["Introduction", "Sign-off", "Chronology", "Governance", "Findings", "Foreword"]


@st.composite
def documents(draw: st.DrawFn) -> Document:
    parts: list = []
    if draw(st.booleans()):
        parts.append(title(draw(paragraphs)))
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(h(draw(st.sampled_from(HEADINGS))))
        elif kind == 1:
            head = draw(st.sampled_from([["Action", "Timescale"], ["Report date", "Notes"]]))
            parts.append(table(head, [draw(paragraphs), draw(paragraphs)]))
        elif kind == 2:
            parts.append(p(draw(paragraphs) + " " + " ".join(["word"] * 30)))
        else:
            parts.append(p(draw(paragraphs)))
    modified = draw(st.sampled_from([None, datetime(2024, 2, 3, 10, 0)]))
    return doc(*parts, metadata=Metadata(modified=modified))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31)))
def test_document_date_is_the_slow_path_on_generated_documents(d: Document, today: date) -> None:
    assert dp.document_date(d, today) == reference_document_date(d, today)


def corpus_files() -> list[Path]:
    folders = [ROOT / "tests" / "corpus", ROOT / "tests" / "support", ROOT / "examples"]
    exts = {".md", ".txt", ".docx", ".odt"}
    return sorted(f for d in folders if d.is_dir() for f in d.rglob("*") if f.suffix in exts)


def test_document_date_is_the_slow_path_on_the_corpus() -> None:
    files = corpus_files()
    assert len(files) > 50
    for f in files:
        try:
            d = read_document(f)
        except Exception:
            continue
        for today in (dt.date(2022, 6, 1), dt.date(2024, 1, 10), dt.date(2026, 3, 1)):
            assert dp.document_date(d, today) == reference_document_date(d, today), f.name


def test_labels_are_looked_for_only_where_a_date_may_stand() -> None:
    labels = matcher({"start": ["decided", "commissioned"]}, "start")
    units = [
        Unit(t, t, i)
        for i, t in enumerate(
            [
                "Partners decided to act.",
                "The review was commissioned on 3 May 2022 after the partners decided.",
                "In 2019.12 they decided; 14/01/22 was the day.",
                "Commissioned (see 4.1.2) and decided on 1 June 2021.",
            ]
        )
    ]
    dated = [u for u in units if dp.may_hold_date(u.norm)]
    for occurrence in ("first", "last"):
        for distance in (None, 20):
            assert labelled_date(dated, labels, occurrence, distance) == labelled_date(
                units, labels, occurrence, distance
            )


def test_a_month_with_a_long_s_is_read_not_a_crash() -> None:
    # The month pattern matches "ſep" case-insensitively (ſ folds to s); reading
    # the month then looked up "ſep" and raised KeyError, an internal error.
    (found,) = dp.find_dates("Approved by the partners on 3 ſep 2020.")
    assert found.value == dt.date(2020, 9, 3)
