"""The identifiers fourth pass (issue 12): per-document facts paid only where asked.

Each shortcut is compared with the path it stands for, on generated
documents and texts and on the corpora, examples and a generated draft:

* :class:`~lcsprlint.kinds.pii.allow.FrontNames` answers ``word in`` the
  front matter's names by reading only the blocks that hold the word, where
  :func:`~lcsprlint.kinds.pii.allow.front_matter_names` reads every block;
* the declared labels are tried only at label words that a capital or a
  digit follows (:func:`~lcsprlint.kinds.pii.declared._label_starts`).
"""

from __future__ import annotations

import gc
import re
import sys
import weakref
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lcsprlint.kinds.literal_index import scan_texts_of
from lcsprlint.kinds.pii import allow, declared, names, perdoc
from lcsprlint.kinds.pii.allow import Allowlist, FrontNames, front_matter_names
from lcsprlint.model import Document
from lcsprlint.readers import read_document
from lcsprlint.readers.assemble import RawBlock, assemble

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> list[str]:
    return text.split()


@cache
def real_documents() -> tuple[Document, ...]:
    """The corpora's drafts, the examples and two generated drafts."""
    paths: list[Path] = []
    for folder in ("lcspr", "rapid-review", "yearly-report", "anonymisation"):
        paths.extend(sorted((ROOT / "tests" / "corpus" / folder).glob("*.md")))
        paths.extend(sorted((ROOT / "tests" / "corpus" / folder).glob("*.txt")))
    paths.extend(p for p in sorted((ROOT / "examples").iterdir()) if p.suffix in (".md", ".docx"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate_docx import generate_draft
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    import tempfile

    tmp = Path(tempfile.mkdtemp())
    paths.extend(generate_draft(tmp / f"g{n}.docx", n, seed=n) for n in (4, 12))
    return tuple(read_document(p) for p in paths)


def _asked_words(doc: Document, extra: frozenset[str] = frozenset()) -> list[str]:
    """Words to ask about: every token of every block, cut as name words are, and ``extra``."""
    out: set[str] = set(extra)
    for b in doc.blocks:
        for tok in b.norm.split():
            out.add(tok)
            out.update(allow.name_words(tok))
            out.add(tok.strip(".,;:()\"'"))
    return sorted(out)


def _front_answers(doc: Document, words: list[str]) -> list[bool]:
    front = FrontNames(doc)
    return [w in front for w in words]


# --------------------------------------------------------------------------- FrontNames


def test_front_names_answer_as_the_whole_set_on_real_documents() -> None:
    docs = real_documents()
    assert len(docs) > 100
    seen_any = 0
    for doc in docs:
        whole = front_matter_names(doc)
        seen_any += bool(whole)
        words = _asked_words(doc, whole)
        # One word at a time, as the rules ask: never switching to the whole set...
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(allow, "FRONT_LOOKUPS", 10**9)
            lazy = _front_answers(doc, words)
        assert lazy == [w in whole for w in words], doc.path
        # ...and switching after a few words.
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(allow, "FRONT_LOOKUPS", 3)
            assert _front_answers(doc, words) == lazy, doc.path
    assert seen_any > 20  # the shortcut had names to find


FRONT_PIECES = (
    *_words("Independent reviewer: reviewer Reviewer author Author chair Chair scrutineer"),
    *_words("written prepared led carried out conducted by the review was has been LCSPR"),
    *_words("Dr Ms Mrs Jane Smith Helen Marsh Ann-Marie O'Brien Smith's Jane, Practitioners"),
    *_words("told met and the a of Mother social worker Sarah Supervisors Independent"),
    *_words("business manager safeguarding partners approved signed Child T known as Zac"),
    *(",", ".", ":", "(", ")", "-", "*", "_", "\u2013", "\u2019s", "\t", "\u00e9", "Jane\u00e9"),
)
FRONT_TEXT = st.lists(st.sampled_from(FRONT_PIECES), max_size=18).map(" ".join)
HEADINGS = st.sampled_from(
    ("Introduction", "Lead reviewer", "About the author", "Foreword", "Findings", "Review team")
)
BLOCK = st.one_of(
    FRONT_TEXT.map(lambda t: RawBlock(kind="paragraph", text=t)),
    HEADINGS.map(lambda t: RawBlock(kind="heading", text=t, level=1)),
)


def _assembled(blocks: list[RawBlock]) -> Document:
    return assemble("draft.md", "markdown", blocks)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=40), st.integers(0, 4))
def test_front_names_answer_as_the_whole_set_on_generated_documents(
    blocks: list[RawBlock], lookups: int
) -> None:
    doc = _assembled(blocks)
    whole = front_matter_names(doc)
    words = _asked_words(doc, whole | {"", "Jane\nSmith", "Smi", "Jan"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(allow, "FRONT_LOOKUPS", lookups)
        assert _front_answers(doc, words) == [w in whole for w in words]
    assert _front_answers(doc, words) == [w in whole for w in words]


def test_front_names_find_a_body_reviewer_past_other_blocks_holding_the_word() -> None:
    # "Marsh" is in many blocks that do not give it; only the last one does.
    body = [
        f"5.{i} The Marsh Road visit was missed and Practitioners told the reviewer."
        for i in range(60)
    ]
    doc = _assembled(
        [
            RawBlock(kind="heading", text="Introduction", level=1),
            *(RawBlock(kind="paragraph", text=t) for t in body),
            RawBlock(kind="paragraph", text="The lead reviewer, Helen Marsh, met the family."),
        ]
    )
    front = FrontNames(doc)
    assert "Marsh" in front and "Helen" in front
    assert "Road" not in front and "Practitioners" not in front  # in NOT_NAME
    assert {"Helen", "Marsh"} <= front_matter_names(doc)


def test_allowlist_with_front_names_allows_as_with_the_set() -> None:
    for doc in real_documents()[:80]:
        whole = front_matter_names(doc)
        decl = declared.declared(b.norm for b in doc.blocks)
        lazy = Allowlist(None, FrontNames(doc), decl)
        eager = Allowlist(None, whole, decl)
        for b in doc.blocks:
            for _kind, start, end in names.find(b.norm):
                matched = b.norm[start:end]
                assert lazy.allows_name(matched) == eager.allows_name(matched), matched


def test_front_names_do_not_keep_their_document_alive() -> None:
    doc = _assembled([RawBlock(kind="paragraph", text="Independent reviewer: Jane Smith.")])
    scan_texts_of(doc)
    assert "Jane" in perdoc.doc_front_names(doc)
    ref = weakref.ref(doc)
    del doc
    gc.collect()
    assert ref() is None


# --------------------------------------------------------------------------- label starts

LABEL_PIECES = (
    *_words("Child Children Childhood Baby Young Person Adult Family Mother Mothers Father"),
    *_words("Practitioner Practitioners Professional Subject Boy Girl Mr Mrs Ms Miss YP CYP"),
    *_words("SW HV GP T B AB M's Jody Zac Jody's 1 12 123 YP1 CYP2 SW3 the and known as"),
    *_words("practice mother child person (pseudonym) named called X-ray T-shirt"),
    *("\t", "\n", "\u00a0", "\u2003", "\x1c", "\u0663", "\uff11", "\u00b2", "\u00c9", "\u00e9"),
    *(",", ".", "-", "'", "\u2019", "(", ")", "_"),
)
LABEL_TEXTS = st.one_of(
    st.lists(st.sampled_from(LABEL_PIECES), max_size=24).map(" ".join),
    st.lists(st.sampled_from(LABEL_PIECES), max_size=24).map("".join),
)


_EVERY_LABEL_WORD = re.compile("|".join(sorted(declared._LABEL_WORDS, key=len, reverse=True)))


def _every_label_word(text: str) -> list[int]:
    """declared._label_starts as it was: every label word (where the gates admit)."""
    if not declared._LABELS.admits(text):
        return []
    return [m.start() for m in _EVERY_LABEL_WORD.finditer(text)]


def _label_matches(text: str) -> list[tuple[str, int, int]]:
    out = []
    for rx in (declared._LABEL_LETTER.rx, declared._LABEL_NUMBER.rx, declared._LABEL_NAME.rx):
        out.extend((m.group(), m.start(), m.end()) for m in rx.finditer(text))
    return out


@settings(max_examples=1500, deadline=None)
@given(LABEL_TEXTS)
def test_label_starts_keep_every_match_start(text: str) -> None:
    starts = set(declared._label_starts(text))
    for _label, start, _end in _label_matches(text):
        assert start in starts, (text, start)
    with pytest.MonkeyPatch.context() as mp:
        fast = declared.declared([text])
        mp.setattr(declared, "_label_starts", _every_label_word)
        assert declared.declared([text]) == fast


def test_label_starts_turn_away_role_words_and_keep_labels() -> None:
    text = "Mother and Practitioners met Child T, Child Jody, YP 1, CYP2 and the GP practice."
    starts = declared._label_starts(text)
    assert text.index("Mother") not in starts and text.index("GP") not in starts
    for label in ("Child T", "Child Jody", "YP 1", "CYP2"):
        assert text.index(label) in starts
    assert declared.declared([text]) == declared.Declared(
        frozenset({"Child T", "YP1", "CYP2"}), frozenset({"Jody"})
    )
    assert declared._label_starts("Child\u00a0\u0663") == [0]  # a space and an Arabic digit


def test_declared_on_real_documents_as_with_every_label_word() -> None:
    texts = [b.norm for doc in real_documents() for b in doc.blocks]
    fast = [declared.declared([t]) for t in texts]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(declared, "_label_starts", _every_label_word)
        assert [declared.declared([t]) for t in texts] == fast
    assert sum(bool(d.labels) for d in fast) > 100


# --------------------------------------------------------------------------- names


def _after_word_candidates_unfiltered(text: str, heads: list[tuple[int, int]] | None):  # type: ignore[no-untyped-def]
    """names._after_word_candidates as it was: the stretches of every role word."""
    if heads is None:
        yield from names._AFTER_WORD.finditer(text)
        return
    spans = [(names._boundary_before(text, s), names._boundary_after(text, e)) for s, e in heads]
    for start, end in names._stretches(spans):
        yield from names._AFTER_WORD.finditer(text, start, end)


def _before_comma_candidates_unfiltered(text: str, heads: list[tuple[int, int]] | None):  # type: ignore[no-untyped-def]
    """names._before_comma_candidates as it was: every comma an appositive may follow."""
    if heads is None:
        yield from names._BEFORE_COMMA.finditer(text)
        return
    spans = []
    for start, _end in heads:
        comma = text.rfind(",", 0, start)
        if comma != -1 and names._APPOSITIVE.fullmatch(text, comma + 1, start):
            spans.append((names._boundary_before(text, comma), names._boundary_after(text, comma)))
    for start, end in names._stretches(spans):
        yield from names._BEFORE_COMMA.finditer(text, start, end)


NAME_PIECES = (
    *_words("Kyle Bennett Kyle's O'Brien McLeod Amber-Rose Taylor-Green Sarah Jones A B Emma"),
    *_words("the social worker Worker mother Mother partner uncle health visitor said met and"),
    *_words("of Mr Mrs Dr Dr. Ms Nurse PC her his friend family teacher class manager Mum"),
    *(",", ", ", " (", "(", ")", ".", "'", "\u2019", "-", " ", "\t", "\n", "\u00a0", "\u00e9"),
    *("\u2003", "\x1c", "X'", "\u00c9mile", "1", "_"),
)
#: A role word, a separator, a name and what follows: the shape the shortcut is about.
APPOSITIVE = st.tuples(
    st.sampled_from(("the social worker", "her partner", "Mum", "uncle", "x", "health visitor")),
    st.sampled_from((" ", ", ", " (", ",", "(", "\t", " ,\u00a0", "", "\n(  ")),
    st.sampled_from(("Sarah", "Kyle Bennett", "Dr Emma Clarke", "Mr. Jones", "O'Brien", "kyle")),
    st.sampled_from((",", ")", " visited", ".", "", " and", ", the", "'s")),
).map("".join)
#: A name, a comma and a role: "Mrs Lewis, the class teacher".
NAME_THEN_ROLE = st.tuples(
    st.sampled_from(
        ("Sarah", "Mrs Lewis", "Jordan Marsh", "Kyle's", "In 2019", "KYLE", "Emma O'Brien")
    ),
    st.sampled_from((", ", ",", " , ", ",\u00a0", ",\t", ",(", "")),
    st.sampled_from(("the class teacher", "Mother's former partner", "a neighbour", "and uncle")),
    st.sampled_from((",", ".", " said", "")),
).map("".join)
NAME_TEXTS = st.one_of(
    st.lists(st.sampled_from(NAME_PIECES), max_size=25).map(" ".join),
    st.lists(st.sampled_from(NAME_PIECES), max_size=25).map("".join),
    st.lists(st.one_of(APPOSITIVE, NAME_THEN_ROLE, st.sampled_from(NAME_PIECES)), max_size=6).map(
        " ".join
    ),
)


@settings(max_examples=2000, deadline=None)
@given(NAME_TEXTS)
def test_names_found_as_with_every_role_word_and_comma(text: str) -> None:
    fast = names.find(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(names, "_after_word_candidates", _after_word_candidates_unfiltered)
        mp.setattr(names, "_before_comma_candidates", _before_comma_candidates_unfiltered)
        assert names.find(text) == fast
        mp.setattr(names, "_after_word_candidates", lambda t, _h: names._AFTER_WORD.finditer(t))
        mp.setattr(names, "_before_comma_candidates", lambda t, _h: names._BEFORE_COMMA.finditer(t))
        assert names.find(text) == fast


def test_names_after_role_words_still_found() -> None:
    text = (
        "The social worker visited. Later social worker Sarah called; her partner, Liam "
        "Doyle, and Mum (Kelly) and the health visitor, Dr Emma Clarke, met. In 2019, the "
        "class teacher and Mrs Lewis, the class teacher, spoke."
    )
    found = {text[s:e]: kind for kind, s, e in names.find(text)}
    assert found == {
        "Sarah": "practitioner-name",
        "Liam Doyle": "person-name",
        "Kelly": "person-name",
        "Dr Emma Clarke": "practitioner-name",
        "Mrs Lewis": "practitioner-name",
    }


def test_names_on_real_documents_as_with_every_role_word_and_comma() -> None:
    texts = sorted({b.norm for doc in real_documents() for b in doc.blocks})
    fast = [names.find(t) for t in texts]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(names, "_after_word_candidates", _after_word_candidates_unfiltered)
        mp.setattr(names, "_before_comma_candidates", _before_comma_candidates_unfiltered)
        assert [names.find(t) for t in texts] == fast
    assert sum(map(len, fast)) > 100
