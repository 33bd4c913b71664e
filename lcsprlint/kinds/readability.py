"""The ``readability`` kind: long sentences and acronyms nobody defined.

Reports must be "written in plain English and in a way that can be easily
understood by professionals and the public alike". Two measures catch most of
what goes wrong: sentences that run on (mean length, and the share over some
length) and alphabet soup (ALL-CAPS acronyms neither expanded at first use nor
listed in a glossary).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from lcsprlint.kinds import common as c
from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.doccache import per_document
from lcsprlint.kinds.scope import SCOPE_PARAMS, Scope
from lcsprlint.kinds.sentences import sentence_spans
from lcsprlint.model import Document
from lcsprlint.precompiled import re_constant
from lcsprlint.textutil import LazyPattern, count_words

#: Acronyms no reader of a safeguarding report needs explained.
DEFAULT_ALLOW = (
    "NHS",
    "GP",
    "UK",
    "DfE",
    "LCSPR",
    "CSPR",
    "COVID",
    "OK",
    "TV",
    "ID",
    "PDF",
    "AM",
    "PM",
    "BBC",
    "URL",
    "CEO",
    "MP",
    "TBC",
    "TBA",
    "TBD",
    # Words in capitals for a marking, a status or emphasis ("DRAFT v0.4", "must NOT"):
    # ordinary words, not acronyms a reader needs spelt out.
    "DRAFT",
    "FINAL",
    "NOTE",
    "NB",
    "NOT",
    "NO",
    "ALL",
    "AND",
    "OR",
    "MUST",
    "ONLY",
)
DEFAULT_GLOSSARY = (
    "glossary",
    "abbreviations",
    "acronyms",
    "terms used",
    "key terms",
    "definitions",
)

# Patterns that would start with ``\b`` and a capital start instead with the capital,
# then look behind it for the boundary, ``(?<!\w.)``: no word character before a word
# character is what ``\b`` means there, so they match where they did. A pattern whose
# first item is a character class is tried only where that class matches (``re`` skips
# to such a place in C); one starting with ``\b`` is tried at every position.
_TOKEN = re_constant(r"([A-Z](?<!\w.)(?<![A-Za-z]-.)[A-Z]{1,5})(s)?\b(?!-[A-Za-z])")
_ROMAN = re_constant(r"^[IVX]+$")
#: Three or more ALL-CAPS words in a row: a shouted title, not acronyms.
_SHOUT = re_constant(r"[A-Z](?<!\w.)[A-Z'&]+\b(?:[\s:,.()/&-]+\b[A-Z][A-Z'&]*\b){2,}")
#: Editorial square brackets ("[INSERT DATE]", "[TBC]"): placeholders, not acronyms.
_BRACKETED = re_constant(r"\[[^\[\]]{0,80}\]")
# The patterns that find definitions (brackets) and count words of other than ASCII
# text are compiled on first use (textutil.LazyPattern): many drafts never need them.
#: "Integrated Care Board (ICB)": an acronym in brackets right after words, that is
#: ``[A-Za-z][\w'-]*[\s,]*\(\s*(?:the\s+)?([A-Z]{2,6})s?\+?\s*\)``. Tried at every
#: letter, that pattern runs to the end of each word and back: it is found instead from
#: its bracket (a plain character ``re`` skips to), and the words before the bracket are
#: read backwards, in the reversed text, with _WORD_BEFORE.
_PAREN_ACRONYM = LazyPattern(r"\(\s*(?:the\s+)?([A-Z]{2,6})s?\+?\s*\)")
#: Reversed, ``[A-Za-z][\w'-]*[\s,]*`` ending where the bracket starts.
_WORD_BEFORE = LazyPattern(r"[\s,]*[\w'-]*?[A-Za-z]")
#: "ICB (Integrated Care Board)": an acronym followed by words in brackets.
_EXPANDED = LazyPattern(r"([A-Z](?<!\w.)[A-Z]{1,5})s?\s*\(\s*[A-Za-z][^()]*?\s[^()]*?\)")
#: "ICON programme (Infant crying is normal, Comforting ...)": an acronym, up to
#: three lower-case words, then brackets whose capitalised words spell it out.
_NEAR_EXPANSION = LazyPattern(
    r"([A-Z](?<!\w.)[A-Z]{1,5})s?\b(?:\s+[a-z][\w'-]*){0,3}\s*\(([^()]{3,300})\)"
)
_CAPITALISED = LazyPattern(r"\b[A-Z]")
#: A run of capitalised words ("Centre of Expertise on Child Sexual Abuse"), small
#: connecting words allowed: its initials may spell an acronym used later ("CSA").
_TITLE_RUN = re_constant(
    r"[A-Z](?<!\w.)[a-z][\w'-]*(?:\s+(?:(?:of|and|for|the|on|in|to|&)\s+)?[A-Z][a-z][\w'-]*)+"
)
_CONNECTORS = frozenset(("of", "and", "for", "the", "on", "in", "to", "&"))
#: "ICB: Integrated Care Board" or "ICB - ..." at the start of a block: a glossary line.
_GLOSS_LINE = re_constant(r"^\s*([A-Z]{2,6})s?(?:\s*[:=|]|\s+[\u2013-]\s|\s{2,}\S)")

PARAMS: dict[str, Any] = {
    **SCOPE_PARAMS,
    "max-mean-sentence-words": {
        "type": "number",
        "minimum": 1,
        "description": "Largest mean sentence length (words) over the paragraphs and list "
        "items in scope.",
    },
    "long-sentence-words": c.count("Sentences longer than this many words are long.", 1),
    "max-long-share": c.share("Largest share of sentences that may be long."),
    "min-sentences": c.count(
        "Sentence-length checks are skipped for fewer sentences than this (default 20).", 1
    ),
    "acronyms": c.boolean(
        "Report ALL-CAPS acronyms (2-6 letters, optional plural s) not expanded at first use "
        "('Full Name (ACR)' or 'ACR (Full Name)') nor listed in a glossary (default false).",
        False,
    ),
    "allow": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Acronyms never reported, added to the defaults (NHS, GP, UK, DfE, "
        "LCSPR, CSPR, COVID, ...).",
    },
    "default-allow": c.boolean("Use the built-in list of allowed acronyms (default true).", True),
    "glossary": c.regex_list(
        "Heading patterns of glossary sections; any acronym in them counts as defined "
        "(default: glossary, abbreviations, acronyms, terms used, key terms, definitions)."
    ),
    "allow-later-definition": c.boolean(
        "Accept an acronym defined anywhere in the document, not only at or before first use "
        "(default false).",
        False,
    ),
}


def _validate(params: Params) -> str | None:
    if params.get("max-long-share") is not None and params.get("long-sentence-words") is None:
        return "max-long-share needs long-sentence-words"
    checks = ("max-mean-sentence-words", "max-long-share", "acronyms")
    if not any(params.get(k) for k in checks):
        return "give max-mean-sentence-words, long-sentence-words with max-long-share, or acronyms"
    err = c.check_patterns(c.as_list(params.get("glossary")))
    return f"glossary: {err}" if err else None


def _spells(acronym: str, expansion: str) -> bool:
    """Whether the capitalised words of ``expansion`` spell ``acronym`` out, in order."""
    initials = "".join(m.group(0) for m in _CAPITALISED.finditer(expansion))
    if not initials or initials[0] != acronym[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in acronym)


def _glossary_blocks(doc: Document, glossary: Any) -> tuple[set[int], set[str]]:
    """The blocks of the glossary sections, and the acronyms they list."""
    gloss_secs = [s for s in doc.headings() if glossary.matches(s.norm_title)]
    in_glossary = set(c.span_blocks(doc, gloss_secs))
    listed: set[str] = set()
    for i in sorted(in_glossary):
        b = doc.blocks[i]
        if b.kind != "toc":
            listed.update(m.group(1) for m in _TOKEN.finditer(c.block_norm(b)))
    return in_glossary, listed


def _first_definitions(
    doc: Document, in_glossary: set[int], wanted: set[str] | None
) -> dict[str, tuple[int, int]]:
    """Where each acronym is first defined outside the glossary blocks ``in_glossary``.

    With ``wanted``, only where those acronyms are first defined (the
    undefined-acronym check asks only about the acronyms it would report).
    Blocks are read in order, so once each of them is defined in an earlier
    block no later block can move a first definition, and the reading stops;
    and a block is searched for a kind of definition only where it could
    hold one of those still undefined: one in brackets names the acronym,
    and a run of capitalised words has its letters as capitals.
    """
    defs: dict[str, tuple[int, int]] = {}
    pending = None if wanted is None else set(wanted)
    spelt: dict[str, tuple[str, ...]] = {}  # a title run -> the acronyms its initials spell

    def note(acr: str, pos: tuple[int, int]) -> None:
        if pending is not None and acr not in pending:
            return
        at = defs.get(acr)
        if at is None or pos < at:
            defs[acr] = pos

    for b in doc.blocks:
        if b.kind == "toc" or b.index in in_glossary:
            continue
        if pending is not None:
            pending.difference_update(defs)  # defined in an earlier block: settled
            if not pending:
                break
        text = c.block_norm(b)
        if "(" in text and (pending is None or any(a in text for a in pending)):
            backwards = text[::-1]
            n = len(text)
            for m in _PAREN_ACRONYM.finditer(text):
                if _WORD_BEFORE.match(backwards, n - m.start()):
                    note(m.group(1), (b.index, m.start(1)))
            for m in _EXPANDED.finditer(text):
                note(m.group(1), (b.index, m.start(1)))
            for m in _NEAR_EXPANSION.finditer(text):
                acr = m.group(1)
                if (pending is None or acr in pending) and _spells(acr, m.group(2)):
                    note(acr, (b.index, m.start(1)))
        if pending is None or any(all(ch in text for ch in a) for a in pending):
            for m in _TITLE_RUN.finditer(text):
                run = m.group(0)
                acronyms = spelt.get(run)
                if acronyms is None:
                    acronyms = spelt[run] = _spelt_by(run)
                pos = (b.index, m.start())
                for acr in acronyms:
                    note(acr, pos)
        first = b.cells[0].strip() if b.cells else ""
        m = _TOKEN.fullmatch(first) if first else None
        if m is not None and len(b.cells) > 1:
            note(m.group(1), (b.index, 0))
        m = _GLOSS_LINE.match(text)
        if m is not None:
            note(m.group(1), (b.index, m.start(1)))
    return defs


def _spelt_by(run: str) -> tuple[str, ...]:
    """The acronyms (2 to 6 letters) the initials of a run of capitalised words spell."""
    initials = "".join(w[0] for w in run.split() if w not in _CONNECTORS)
    return tuple(
        dict.fromkeys(
            initials[start : start + size]
            for size in range(2, min(len(initials), 6) + 1)
            for start in range(len(initials) - size + 1)
        )
    )


#: Every whitespace character but the plain space (``str.isspace``, which is ``\s``).
_OTHER_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: A token of text spaced only by single spaces that holds no letter or digit ("-", "&",
#: "|"), after the space before it; one at the very start is _BARE_FIRST.
_BARE = LazyPattern(r" [^\w ]+(?![^ ])")
_BARE_FIRST = LazyPattern(r"[^\w ]+(?![^ ])")


def _single_spaced(text: str) -> bool:
    """Whether ``text`` has no whitespace but single plain spaces, and no underscore.

    Normalised paragraphs nearly always; :func:`_words_in` counts their words
    without a pattern per word. (An underscore is a word character that is no
    letter or digit: a token of underscores is not a word, and _BARE misses it.)
    """
    if "  " in text or "_" in text:
        return False
    # No whitespace character but the space is printable: one test where most text passes.
    return text.isprintable() or not any(ch in text for ch in _OTHER_SPACES)


def _words_in(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """``count_words(text[s:e])`` for each sentence span, for single-spaced text.

    A sentence starts and ends with a character that is no space, so it holds
    one token more than spaces; a word is a token that holds a letter or digit,
    so the tokens that hold none (found once for the whole text) are taken off.
    """
    bare = [m.start() + 1 for m in _BARE.finditer(text)]
    if _BARE_FIRST.match(text):
        bare.insert(0, 0)
    counts = []
    for s, e in spans:
        words = text.count(" ", s, e) + 1
        if bare:
            words -= bisect_left(bare, e) - bisect_left(bare, s)
        counts.append(words)
    return counts


def _sentence_words(units: list[Any]) -> tuple[int, ...]:
    """The words of each sentence (with any) of ``units``: shared by the sentence-length rules.

    ASCII text (nearly every paragraph) is counted sentence by sentence with
    :func:`count_words`, which reduces the text with one byte translation: that
    costs less than proving the text single-spaced (``str.isprintable`` reads
    every character through the Unicode tables) and finding its bare tokens.
    Other text takes :func:`_words_in` where it is single-spaced.
    """
    out: list[int] = []
    for u in units:
        text = u.norm
        spans = sentence_spans(text)
        if not text.isascii() and _single_spaced(text):
            out.extend(w for w in _words_in(text, spans) if w)
            continue
        for s, e in spans:
            w = count_words(text[s:e])
            if w:
                out.append(w)
    return tuple(out)


def build(params: Params) -> Any:
    scope = Scope(params)
    mean_limit = params.get("max-mean-sentence-words")
    long_words = params.get("long-sentence-words")
    long_limit = params.get("max-long-share")
    min_sentences = int(params.get("min-sentences", 20))
    acronyms = bool(params.get("acronyms", False))
    allow = set(params.get("allow") or ())
    if params.get("default-allow", True):
        allow.update(DEFAULT_ALLOW)
    glossary = c.heading_matcher(params.get("glossary") or list(DEFAULT_GLOSSARY))
    later_ok = bool(params.get("allow-later-definition", False))
    lengths_wanted = mean_limit is not None or (long_words is not None and long_limit is not None)

    def check(doc: Document) -> Iterator[Hit]:
        units = [
            u
            for u in scope.units(doc)
            if u.block is not None and doc.blocks[u.block].kind in ("paragraph", "list-item")
        ]
        if lengths_wanted:
            counts = per_document(
                doc, ("readability.sentence-words", *scope.key), lambda: _sentence_words(units)
            )
            yield from lengths(counts)
        if acronyms:
            yield from undefined(doc, units)

    def lengths(counts: tuple[int, ...]) -> Iterator[Hit]:
        n, total = len(counts), sum(counts)
        long = sum(w > long_words for w in counts) if long_words is not None else 0
        if n < min_sentences:
            return
        mean = total / n
        if mean_limit is not None and mean > mean_limit:
            yield Hit(
                values={"words": round(mean, 1), "limit": mean_limit, "count": n},
                note=c.sentence(
                    f"mean sentence length {mean:.1f} words over {n} sentences; at most "
                    f"{mean_limit:g} expected"
                ),
            )
        if long_words is not None and long_limit is not None and long / n > long_limit:
            yield Hit(
                values={
                    "share": c.pct(long / n),
                    "limit": c.pct(long_limit),
                    "count": long,
                    "words": long_words,
                },
                note=c.sentence(
                    f"{long} of {n} sentences ({c.pct(long / n)}) have more than "
                    f"{long_words} words; at most {c.pct(long_limit)} expected"
                ),
            )

    def undefined(doc: Document, units: list[Any]) -> Iterator[Hit]:
        # The first use of each acronym is found first; where each is defined is then
        # asked about those alone (see _first_definitions), most often of a few early blocks.
        in_glossary, listed = _glossary_blocks(doc, glossary)
        seen: set[str] = set()
        firsts: list[tuple[Any, Any]] = []
        for u in units:
            text = u.norm
            # Shouted runs are found (and the line proved prose) only for a token that
            # may be reported: most are allowed, listed or already seen.
            shouted: list[tuple[int, int]] | None = None
            for m in _TOKEN.finditer(text):
                acr = m.group(1)
                if acr in seen or acr in allow or acr in listed or _ROMAN.match(acr):
                    continue
                if shouted is None:
                    if not any(ch.islower() for ch in text):
                        break  # a line in capitals (a title, not prose)
                    shouted = [(m.start(), m.end()) for m in _SHOUT.finditer(text)]
                    shouted += [(m.start(), m.end()) for m in _BRACKETED.finditer(text)]
                if any(s <= m.start() < e for s, e in shouted):
                    continue
                seen.add(acr)
                firsts.append((u, m))
        if not firsts:
            return
        defs = _first_definitions(doc, in_glossary, {m.group(1) for _, m in firsts})
        for u, m in firsts:
            at = defs.get(m.group(1))
            if at is not None and (at <= (u.block, m.start()) or later_ok):
                continue
            yield Hit(
                block=u.block,
                values={"match": m.group(0)},
                snippet=c.snippet(u.text, u.norm, m.start(), m.end()),
                note="Defined only later in the document." if at is not None else None,
            )

    return check


KIND = CheckKind(
    name="readability",
    description="Mean sentence length, the share of long sentences, and acronyms not "
    "defined at first use nor in a glossary.",
    params=PARAMS,
    build=build,
    validate=_validate,
    example="""\
id: LCSPR1802
name: acronyms-defined
category: readability
severity: info
message: "'{match}' is not spelt out at first use nor listed in a glossary."
rationale: Reports should be written in plain English for professionals and the public alike.
source: Working Together to Safeguard Children 2018, chapter 4
fix: Write the name in full with the acronym in brackets the first time, or add a glossary.
check: readability
acronyms: true
allow: [ICON]
""",
)
