"""People named: private persons (``person-name``) and practitioners
(``practitioner-name``).

There is no name dictionary big enough to find every name, and capitalised
words in review prose are mostly not names, so names are found where the
prose says a person is being named:

* an honorific and a surname: "Mrs Kowalski", "Mr and Mrs Adebayo" (not
  "Mr X", "Ms Y", "Mr A and Ms B": a single letter is a pseudonym);
* a practitioner's title and a name: "Dr Patel", "PC Jones", "DS Khan",
  "Nurse Adeyemi" (not "Nurse Practitioner", "DS and DC ranks", "the Dr's
  letter");
* a role or relationship and a name: "social worker Sarah", "the health
  visitor, Emma Clarke,", "his uncle Darren Price", "Mum (Kelly)", "a family
  friend, Aisha,"; or a name and then its role: "Mrs Lewis, the class
  teacher", "Jordan Marsh, Mother's former partner";
* a family title and a name: "Nanny Pat", "Uncle Darren";
* a known given name followed by a surname: "Kyle Bennett" (research
  citations such as "Munro (2011)" or "Brandon et al." and the names of
  nationally published cases are left alone).

A name is a practitioner's when any of these says so (title or role), else a
private person's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lcsprlint.kinds.literals import CAPITAL, Gated, finditer_at
from lcsprlint.kinds.pii.common import (
    HONORIFIC,
    NAME_TOKEN,
    NOT_NAME,
    NOT_SURNAME,
    RELATION_HEADS,
    ROLE_HEADS,
    AnyOf,
    Span,
    bare,
    citation_follows,
    given_runs,
    is_given,
    is_name_token,
    lazy,
)

_T = NAME_TOKEN + r"(?:['’]s)?"
_NAME = rf"{_T}(?:\s+{_T}){{0,2}}"
_HON_OPT = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?"

# The honorific, title and family-title patterns run only on text that holds one of
# their words (see Gated): most paragraphs hold none.
_HONORIFIC = Gated(
    lazy(rf"\b{HONORIFIC}\.?\s+(?:and\s+{HONORIFIC}\.?\s+)?(?P<name>{_T}(?:\s+{_T})?)")
)
# Abbreviations may take a full stop ("Dr. Patel"); whole words may not, so
# "Designated Nurse. Timescale: ..." is the end of a sentence, not a name.
_TITLES = (
    r"(?:(?:Dr|PC|DC|DS|DI|DCI|DCS|PS|Sgt|Insp|Det|Cllr|HHJ|Con|Supt)\.?|Doctor|Sergeant|"
    r"Inspector|Nurse|Matron|Midwife|Councillor|Judge|Constable|Police\s+Constable|"
    r"Detective(?:\s+(?:Constable|Sergeant|Inspector|Chief\s+Inspector))?)"
)
_TITLE = Gated(lazy(rf"\b(?P<title>{_TITLES}(?:\s+{_TITLES})?)\s+(?P<name>{_T}(?:\s+{_T})?)"))
_FAMILY_TITLE = Gated(
    lazy(
        r"\b(?:Nanny|Nana|Nan|Nanna|Nannie|Granny|Grandma|Gran|Grandad|Granddad|Grandpa|"
        rf"Auntie|Aunty|Aunt|Uncle|Cousin)\s+(?P<name>{_T}(?:\s+{_T})?)"
    )
)
_TITLED = AnyOf(_HONORIFIC, _TITLE, _FAMILY_TITLE)
# A role or relationship, then the name: "social worker Sarah", "her partner, Liam
# Doyle,", "Mum (Kelly)". Candidates are a name after a word; the words before are
# then compared with the role and relationship phrases.
_AFTER_WORD = lazy(rf"(?<=[\w'’])(?P<sep>\s*,\s*|\s*\(\s*|\s+)(?P<name>{_HON_OPT}{_NAME})")
# A name, then its role: "Mrs Lewis, the class teacher", "Jordan Marsh, Mother's
# former partner".
_BEFORE_COMMA = lazy(rf"(?P<name>{_HON_OPT}{_NAME}),\s+")
_WORDS_AFTER = lazy(r"[A-Za-z'’-]+(?:\s+[A-Za-z'’-]+){0,7}")
_LABEL_WORDS = frozenset(("Child", "Baby", "Young", "Person", "Adult", "Family"))
# Words that end an appositive: "Kyle Bennett, and the social worker" is a list.
_NOT_APPOSITIVE = frozenset(
    ("and", "or", "but", "nor", "then", "so", "while", "as", "because", "with", "to", "for")
)
_LONGEST_HEAD = 4
_FULL_NAME = lazy(rf"\b(?P<name>{NAME_TOKEN}\s+{_T})")

_TOKEN = lazy(r"\S+")
_NAME_END = lazy(r"\s*(?:[,.;:)!?]|$)|\s+[a-z]")
_HONORIFICS = frozenset(("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"))
# Words before a given name that make it a place, a saint or a public figure.
_NOT_PERSON_BEFORE = lazy(
    r"(?:\b(?:St|St\.|Saint|Lord|Lady|Sir|Dame|Professor|Prof\.?|King|Queen|Prince|Princess|"
    r"Mount|Lake|Port|Fort|Cape|Baroness|Baron|Earl|Duke)\s+|[@#/])$"
)
# Words after a full name that make it the name of a thing ("Anna Freud Centre").
_NOT_PERSON_AFTER = lazy(
    rf"(?:\s+{NAME_TOKEN})*\s+(?:Centre|Foundation|Trust|Institute|Hospital|School|House|"
    r"Award|Fund|Programme|Project|Unit|Ward|Law|Act|Review|Inquiry|Report|Lecture|"
    r"Building|Court|Road|Street|Academy|College|Nursery|Surgery|Medical|Health|Memorial)\b"
)

#: Names of people in nationally published reviews and research, which reports cite.
PUBLIC_NAMES: frozenset[str] = frozenset(
    (
        "Victoria Climbié",
        "Peter Connelly",
        "Daniel Pelka",
        "Arthur Labinjo-Hughes",
        "Star Hobson",
        "Khyra Ishaq",
        "Hamzah Khan",
        "Keanu Williams",
        "Ellie Butler",
        "Logan Mwangi",
        "Finley Boden",
        "Sara Sharif",
        "Jasmine Beckford",
        "Maria Colwell",
        "Kimberley Carlile",
        "Tyra Henry",
        "Eileen Munro",
        "Peter Sidebotham",
        "Marian Brandon",
        "Harry Ferguson",
        "Brid Featherstone",
        "Carlene Firmin",
        "Jan Horwath",
        "Annie Hudson",
        "Josh MacAlister",
        "Peter Reder",
        "Sylvia Duncan",
        "Wendy Rose",
        "Jenny Gray",
        "Sarah Payne",
        "Alexis Jay",
        "Alan Wood",
        "Anne Longfield",
        "Rachel de Souza",
        "Amanda Spielman",
        "Ruth Gilbert",
    )
)


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _check_name(
    text: str,
    start: int,
    end: int,
    *,
    context: str,
    ambiguous: bool = True,
    trim_lead: bool = False,
) -> tuple[int, int] | None:
    """Validate a candidate name; return its (trimmed) span, or None.

    ``context`` is ``comma`` (the prose marks an appositive: "partner, Liam
    Doyle,"), ``space`` (a role word right before: "social worker Sarah"),
    ``title`` (after an honorific or a title) or ``bare`` (no context).
    """
    toks = _tokens(text, start, end)
    if trim_lead:
        # "In March Emma Clarke, the health visitor": the name is the last words.
        while toks and toks[0][0].rstrip(".") not in _HONORIFICS and not is_name_token(toks[0][0]):
            toks = toks[1:]
    if not toks:
        return None
    hon = toks[0][0].rstrip(".") in _HONORIFICS
    rest = toks[1:] if hon else toks
    stop = NOT_SURNAME if (hon or context == "title") else NOT_NAME
    kept: list[tuple[str, int, int]] = []
    for tok in rest:
        if not is_name_token(tok[0], stop):
            break
        kept.append(tok)
        if tok[0].endswith(("'s", "’s")):
            break
    if not kept:
        return None
    first = kept[0][0]
    if not (hon or context == "title"):
        if len(kept) == 1:
            if not is_given(first, ambiguous):
                return None
        elif not is_given(first, ambiguous) and context != "comma":
            return None
    span = (toks[0][1] if hon else kept[0][1], kept[-1][2])
    if citation_follows(text, span[1]):
        return None
    if " ".join(bare(t[0]) for t in kept) in PUBLIC_NAMES:
        return None
    return span


def _may_hold_given(text: str) -> bool:
    """Whether a full name whose first word is a given name may be in ``text``.

    The first word of a full name is followed by a space, so it is a gate of
    :func:`~lcsprlint.kinds.pii.common.given_runs`.
    """
    runs = given_runs(text)
    return runs is None or bool(runs)


def _ends_name(text: str, end: int) -> bool:
    return bool(_NAME_END.match(text, end))


def find(text: str) -> list[Span]:
    """Spans of people named in ``text``, typed person-name or practitioner-name."""
    cands: list[Span] = []

    def add(kind: str, span: tuple[int, int] | None) -> None:
        if span:
            cands.append((kind, span[0], span[1]))

    if _TITLED.admits(text):  # most paragraphs hold no honorific or title at all
        for m in _HONORIFIC.finditer(text):
            span = _check_name(text, m.start("name"), m.end("name"), context="title")
            if span:
                add("person-name", (m.start(), span[1]))
        for m in _TITLE.finditer(text):
            span = _check_name(text, m.start("name"), m.end("name"), context="title")
            if span:
                add("practitioner-name", (m.start(), span[1]))
        for m in _FAMILY_TITLE.finditer(text):
            span = _check_name(text, m.start("name"), m.end("name"), context="title")
            if span and not set(bare(t) for t in text[span[0] : span[1]].split()) & NOT_NAME:
                add("person-name", (m.start(), span[1]))
    heads = _head_ends(text) if text.isascii() else None
    for m in _after_word_candidates(text, heads):
        kind = _head_kind(_last_words(text, m.start()))
        if kind is None:
            continue
        sep = m.group("sep").strip()
        context = "comma" if sep in (",", "(") else "space"
        span = _check_name(text, m.start("name"), m.end("name"), context=context)
        if not span or (sep == "," and not _ends_name(text, span[1])):
            continue
        if sep == "(" and not text.startswith(")", _skip_space(text, span[1])):
            continue
        add(kind, span)
    for m in _before_comma_candidates(text, heads):
        kind = _appositive_kind(text, m.end())
        if kind is None:
            continue
        span = _check_name(text, m.start("name"), m.end("name"), context="comma", trim_lead=True)
        if span and span[1] == m.end("name") and _full_or_titled(text, span):
            add(kind, span)
    # It starts with a capital; only names whose first word is a given name count.
    for m in finditer_at(_FULL_NAME, CAPITAL, text) if _may_hold_given(text) else ():
        first = text[m.start("name") : m.end("name")].split()[0]
        if not is_given(first) or first.endswith(("'s", "’s")):
            continue
        if _not_person_before(text, m.start()):
            continue
        if _NOT_PERSON_AFTER.match(text, m.end()):
            continue
        span = _check_name(text, m.start("name"), m.end("name"), context="bare", ambiguous=False)
        if span and span[1] - span[0] > len(first):
            add("person-name", span)
    return _merge(cands)


# --------------------------------------------------------------------------- candidates
#
# A role or relationship word ("worker", "mother"...) must end right before an
# _AFTER_WORD candidate, or follow a _BEFORE_COMMA candidate within a few words,
# for the candidate to count; most paragraphs hold a few such words and most
# candidates are nowhere near one. So the candidates are sought only in the
# stretches of text around those words, and yet the same candidates come out as
# from searching the whole text, in the same order:
#
# A *boundary* is a lower-case ASCII letter right after a space. No candidate of
# either pattern holds both characters (names are capitalised words; what a
# candidate holds besides them is spaces, commas, brackets and full stops), so
# none straddles a boundary, and searching from one boundary to another (``pos``
# and ``endpos``) finds exactly the candidates a search of the whole text finds
# there. Only ASCII text is cut: lower-casing other text may move characters.

#: The last word of every role and relationship phrase (_head_kind and
#: _appositive_kind compare whole phrases, which end with one of these).
_HEAD_ENDS = frozenset(phrase.split()[-1] for phrase in ROLE_HEADS | RELATION_HEADS)
_BOUNDARY_AFTER = lazy(r"\s[a-z]")
#: What every _AFTER_WORD candidate starts with: its separator, then the capital its
#: name (or "Mr", "Dr"...) starts with; ``\s*`` where the separator has ``\s+``.
_CAPITAL_NEXT = lazy(r"\s*[,(]?\s*[A-Z]")
#: The characters of an appositive's words (_WORD_CHARS) and spaces, as a pattern.
_APPOSITIVE = lazy(r"[A-Za-z'’\-\s]*")
#: For the bytes of ASCII text: every character but a small letter, "'" and "-" (what
#: makes up a word, ``[a-z'-]+``, of lower-cased text) to a space.
_NOT_RUN_BYTES = bytes(
    c if (ord("a") <= c <= ord("z") or c in b"'-") else ord(" ") for c in range(256)
)
#: The words of _HEAD_ENDS an ASCII text can hold, as bytes.
_HEAD_ENDS_ASCII = frozenset(w.encode() for w in _HEAD_ENDS if w.isascii())
#: What the words _last_words reads are made of.
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’-")
#: Every character ``str.isspace`` (and ``\s``) takes for a space.
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: _WORD_CHARS and _SPACES, for ``str.rstrip``.
_WORD_OR_SPACE = "".join(sorted(_WORD_CHARS)) + _SPACES


def _boundary_before(text: str, pos: int) -> int:
    """The last boundary at or before ``pos`` (0 if none)."""
    while pos > 0 and not (text[pos - 1].isspace() and "a" <= text[pos] <= "z"):
        pos -= 1
    return pos


def _boundary_after(text: str, pos: int) -> int:
    """The first boundary after ``pos`` (the end of the text if none)."""
    m = _BOUNDARY_AFTER.search(text, pos)
    return m.end() - 1 if m else len(text)


def _head_ends(text: str) -> list[tuple[int, int]]:
    """Where the last words of role and relationship phrases are in ASCII ``text``.

    Every such word is found (and, harmlessly, the same letters inside longer
    words): the words of the text are collected at C speed and only those that
    are role words are looked for.
    """
    low = text.lower()
    out = []
    # The runs of [a-z'-] are the words left when every other character is a space (bytes
    # translate faster; every character is ASCII here, and the words ASCII ones).
    for found in _HEAD_ENDS_ASCII.intersection(low.encode().translate(_NOT_RUN_BYTES).split()):
        word = found.decode()
        i = low.find(word)
        while i != -1:
            out.append((i, i + len(word)))
            i = low.find(word, i + 1)
    return out


def _stretches(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping stretches merged, in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _after_word_candidates(
    text: str, heads: list[tuple[int, int]] | None
) -> Iterator[re.Match[str]]:
    """The _AFTER_WORD candidates that a role or relationship word may come right before.

    ``heads``: :func:`_head_ends` of the text, None when it is not ASCII (then
    every candidate is sought).
    """
    if heads is None:
        yield from _AFTER_WORD.finditer(text)
        return
    # A candidate that counts starts right at the end of a role word (_last_words reads
    # the words before it), and its separator is followed by the capital its name (or
    # "Mr", "Dr"...) starts with: so only the role words _CAPITAL_NEXT matches after are
    # kept ("the social worker visited" is not). Every word of a candidate starts with a
    # capital, so none holds a boundary (a space, then a small letter): the candidates of
    # one stretch do not depend on the others, and each that counts is in its own role
    # word's stretch.
    match = _CAPITAL_NEXT.match
    spans = [
        (_boundary_before(text, s), _boundary_after(text, e)) for s, e in heads if match(text, e)
    ]
    for start, end in _stretches(spans):
        yield from _AFTER_WORD.finditer(text, start, end)


def _before_comma_candidates(
    text: str, heads: list[tuple[int, int]] | None
) -> Iterator[re.Match[str]]:
    """The _BEFORE_COMMA candidates that a role or relationship word may follow.

    Between a candidate's comma and the role words there are only words and
    spaces (see _appositive_kind), so the comma is where that run of letters
    and spaces before the role word begins.
    """
    if heads is None:
        yield from _BEFORE_COMMA.finditer(text)
        return
    spans = []
    for start, _end in heads:
        # The run of those characters before the role word begins after a comma when the
        # last comma before it has only those characters after it. A candidate that counts
        # ends its name right before the comma (_check_name keeps it whole), and every name
        # (NAME_TOKEN, perhaps with "'s") ends with a small letter ("Lewis,", "Marsh's,");
        # _BEFORE_COMMA puts spaces after the comma. Other commas are skipped ("In 2019,
        # the social worker").
        comma = text.rfind(",", 0, start)
        if (
            comma > 0
            and "a" <= text[comma - 1] <= "z"
            and text[comma + 1 : comma + 2].isspace()
            and _APPOSITIVE.fullmatch(text, comma + 1, start)
        ):
            spans.append((_boundary_before(text, comma), _boundary_after(text, comma)))
    for start, end in _stretches(spans):
        yield from _BEFORE_COMMA.finditer(text, start, end)


#: The longest word _NOT_PERSON_BEFORE names ("Professor"), with room to spare.
_LONGEST_BEFORE = 12


def _not_person_before(text: str, end: int) -> bool:
    """``_NOT_PERSON_BEFORE.search(text, 0, end)``, looking only as far back as it can match.

    A match ends at ``end``: a word, then the spaces up to ``end``, or one
    character; so it starts within a word's length of those spaces.
    """
    start = end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return bool(_NOT_PERSON_BEFORE.search(text, max(0, start - _LONGEST_BEFORE), end))


def _last_words(text: str, end: int) -> list[str]:
    r"""Up to four words ending at ``end``, with only spaces between them, lower-cased.

    What ``(?:[A-Za-z'’-]+\s+){0,3}[A-Za-z'’-]+$`` finds in the 60 characters
    before ``end``: the leftmost start from which the text up to ``end`` is
    one to four words with spaces between, that is, the last four words of
    the run of word characters and spaces that ends at ``end`` (within those
    60 characters).
    """
    low = max(0, end - 60)
    if end <= low or text[end - 1] not in _WORD_CHARS:
        return []
    # The run of word characters and spaces that ends at ``end``, within those 60.
    seg = text[low:end]
    start = low + len(seg.rstrip(_WORD_OR_SPACE))
    return text[start:end].lower().split()[-4:]


def _head_kind(words: list[str]) -> str | None:
    """Whether the words end with a role ("social worker") or relationship ("uncle")."""
    for n in range(min(len(words), _LONGEST_HEAD), 0, -1):
        phrase = " ".join(words[-n:])
        if phrase in ROLE_HEADS:
            return "practitioner-name"
        if phrase in RELATION_HEADS:
            return "person-name"
    return None


def _appositive_kind(text: str, start: int) -> str | None:
    """The kind of role an appositive at ``start`` gives: "the class teacher", "a neighbour".

    Up to four lower-case words, possessives or pseudonym labels ("the children's",
    "Child T's former") may come before the role or relationship.
    """
    m = _WORDS_AFTER.match(text, start)
    if not m:
        return None
    words = m.group().split()
    for i in range(min(len(words), _LONGEST_HEAD + 1)):
        if i:
            w = words[i - 1]
            if w in _NOT_APPOSITIVE or not (
                w[0].islower() or w.endswith(("'s", "’s")) or w in _LABEL_WORDS
            ):
                return None
        for n in range(min(len(words) - i, _LONGEST_HEAD), 0, -1):
            phrase = " ".join(words[i : i + n]).lower()
            if phrase in ROLE_HEADS:
                return "practitioner-name"
            if phrase in RELATION_HEADS:
                return "person-name"
    return None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _full_or_titled(text: str, span: tuple[int, int]) -> bool:
    """A name before an appositive is two words, has an honorific, or is a known given name."""
    words = text[span[0] : span[1]].split()
    return len(words) >= 2 or is_given(words[0])


def _merge(cands: list[Span]) -> list[Span]:
    """Merge overlapping candidates; a practitioner reading wins over a person."""
    out: list[Span] = []
    for kind, start, end in sorted(cands, key=lambda c: (c[1], -c[2])):
        if out and start < out[-1][2]:
            prev_kind, prev_start, prev_end = out[-1]
            merged = "practitioner-name" if "practitioner-name" in (kind, prev_kind) else kind
            out[-1] = (merged, prev_start, max(prev_end, end))
            continue
        out.append((kind, start, end))
    return out
