"""Plain word-list patterns, matched without the regex engine in ASCII text.

Rules count and forbid word lists (``\\bbecause\\b``,
``\\bresult(ed|ing)? (in|from)\\b``): such a pattern matches one of a few
strings, so :func:`plain_form` expands it into them and :class:`Plain` finds
them with ``str.find`` where the text is ASCII, in the order the engine would
try them. A :class:`~lcsprlint.kinds.patterns.Matcher` compiles such a
pattern only for other text. The literal analysis it builds on is
:mod:`lcsprlint.kinds.literals`.
"""

from __future__ import annotations

from functools import lru_cache

from lcsprlint.kinds.literals import _IGNORECASE, MIN_LENGTH

#: One way a plain pattern matches: its string, the offsets in it where ``\b`` must
#: hold, and what follows the string (None, or ``*`` / ``+``: a greedy ``\w*`` / ``\w+``).
Expansion = tuple[str, tuple[int, ...], "str | None"]

#: The most strings a plain pattern may expand to.
MAX_EXPANSIONS = 256
#: The characters ``\w`` matches in ASCII text (``regex``'s Unicode ``\w`` there).
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
#: Characters with a meaning in a pattern: the others match themselves.
_SPECIAL = frozenset("\\[](){}|?*+.^$")
#: Escaped characters a plain pattern may hold: each matches itself.
_ESCAPED = frozenset(".-' ,()")
#: Flags a plain pattern may be compiled with: caseless, ``regex.VERSION0``, Unicode.
_PLAIN_FLAGS = 0x2 | 0x2000 | 0x20


class Plain:
    """A pattern that is a list of words, matched without the regex engine in ASCII text.

    Rules count and forbid word lists: ``\\bbecause\\b``,
    ``\\bresult(ed|ing)? (in|from)\\b``, ``\\bcontribut\\w+``. Such a pattern
    (literal characters, classes of them, groups, alternatives, ``?`` on a group or a
    character, ``\\b`` anywhere, a closing ``\\w*`` or ``\\w+``) matches one of
    a few strings, and where several match at one place the engine takes the
    first in its order of trying: alternatives left to right, an optional
    part first with it, then without. :attr:`expansions` are the strings in
    that order; at each place the first whose ``\\b`` all hold is the match,
    as the engine's backtracking finds it. Only for ASCII text, where ``\\w``
    is ``[A-Za-z0-9_]`` and a caseless match is a match of the lower-cased
    text: there it gives exactly the engine's matches, without compiling the
    pattern (``regex`` parses patterns in Python, which cost a short draft
    more than its matching) or running it (the engine tries a pattern at
    every position; ``str.find`` looks for its strings far faster).

    The strings are found through a few *needles*, each looked for with one
    ``str.find`` loop: the longest part all of them hold, where it is long
    enough to be rare (``supervision`` in ``supervision (was|is) (not
    |rarely )``, `` system`` in ``(IT|records?) systems?``), else their
    distinct beginnings as long as the shortest string. Where a needle
    occurs, only the strings it may belong to are tried there.
    """

    __slots__ = ("caseless", "expansions", "needles")

    def __init__(self, expansions: tuple[Expansion, ...], caseless: bool) -> None:
        self.expansions = expansions
        self.caseless = caseless
        strings = [s for s, _b, _t in expansions]
        common = _common_part(strings)
        #: (needle, (k, how far expansion k starts before the needle), ...)
        self.needles: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]
        if len(common) >= MIN_LENGTH:
            self.needles = ((common, tuple(_places(strings, common))),)
        else:
            width = min(map(len, strings))
            heads: dict[str, list[tuple[int, int]]] = {}
            for k, string in enumerate(strings):
                heads.setdefault(string[:width], []).append((k, 0))
            self.needles = tuple((h, tuple(ks)) for h, ks in heads.items())

    def spans(
        self, text: str, low: str | None, pos: int = 0, first: bool = False
    ) -> list[tuple[int, int]]:
        """``[m.span() for m in rx.finditer(text, pos)]`` for ASCII ``text`` (the first only,
        with ``first``). ``low``: the text lower-cased (needed when caseless)."""
        hay = low if self.caseless else text
        assert hay is not None
        expansions = self.expansions
        if len(expansions) == 1:
            return _one_spans(expansions[0], hay, pos, first)
        found: list[tuple[int, int]] = []  # (where an expansion occurs, which)
        for needle, places in self.needles:
            i = hay.find(needle, pos)
            while i != -1:
                for k, back in places:
                    p = i - back
                    if p >= pos and hay.startswith(expansions[k][0], p):
                        found.append((p, k))
                i = hay.find(needle, i + 1)
        if not found:
            return []
        found.sort()
        out: list[tuple[int, int]] = []
        end = pos
        for p, k in found:
            if p < end:
                continue
            e = _end_at(expansions[k], hay, p)
            if e >= 0:
                out.append((p, e))
                if first:
                    return out
                end = e
        return out


def _end_at(expansion: Expansion, hay: str, p: int) -> int:
    """Where ``expansion``, whose string stands at ``p`` in ``hay``, ends as a match: -1
    when one of its ``\\b`` does not hold there, or a ``\\w+`` tail finds no word
    character; else after its string and the word characters its tail takes."""
    s, bounds, tail = expansion
    n = len(hay)
    word = _WORD
    for o in bounds:
        q = p + o
        if (q > 0 and hay[q - 1] in word) == (q < n and hay[q] in word):
            return -1
    e = p + len(s)
    if tail is not None:
        j = e
        while j < n and hay[j] in word:
            j += 1
        if tail == "+" and j == e:
            return -1
        e = j
    return e


def _one_spans(expansion: Expansion, hay: str, pos: int, first: bool) -> list[tuple[int, int]]:
    """:meth:`Plain.spans` of a pattern with one string ("\\bbecause\\b"): most are."""
    s = expansion[0]
    out: list[tuple[int, int]] = []
    i = hay.find(s, pos)
    while i != -1:
        e = _end_at(expansion, hay, i)
        if e < 0:
            i = hay.find(s, i + 1)
            continue
        out.append((i, e))
        if first:
            return out
        i = hay.find(s, e)
    return out


def _common_part(strings: list[str]) -> str:
    """The longest string that every one of ``strings`` holds (the first such, if several)."""
    shortest = min(strings, key=len)
    for width in range(len(shortest), 0, -1):
        for at in range(len(shortest) - width + 1):
            part = shortest[at : at + width]
            if all(part in s for s in strings):
                return part
    return ""


def _places(strings: list[str], needle: str) -> list[tuple[int, int]]:
    """(k, offset) for every place ``needle`` holds in each of ``strings``."""
    out = []
    for k, s in enumerate(strings):
        i = s.find(needle)
        while i != -1:
            out.append((k, i))
            i = s.find(needle, i + 1)
    return out


@lru_cache(maxsize=4096)
def plain_form(pattern: str, flags: int = 0) -> Plain | None:
    """``pattern`` as a :class:`Plain` word list, or None when it is anything more.

    Read by a parser of the plain grammar alone (quicker than the standard
    one, which is half a ``regex`` compile), which gives up at anything else.
    """
    if flags & ~_PLAIN_FLAGS:
        return None
    try:
        found, at = _plain_alternatives(pattern, 0)
    except _NotPlain:
        return None
    if at != len(pattern) or min(len(s) for s, _b, _t in found) < MIN_LENGTH:
        return None  # an unbalanced ")", a match that could be empty or is too short to look for
    if flags & _IGNORECASE:
        return Plain(tuple((s.lower(), b, t) for s, b, t in found), True)
    return Plain(tuple(found), False)


class _NotPlain(Exception):
    """The pattern holds more than the plain grammar."""


def _plain_alternatives(p: str, at: int) -> tuple[list[Expansion], int]:
    """The expansions of the alternatives from ``at`` (to a ``)`` or the end), and where they
    end: each alternative's in turn, as the engine tries them."""
    out, at = _plain_sequence(p, at)
    while at < len(p) and p[at] == "|":
        more, at = _plain_sequence(p, at + 1)
        out = out + more
        if len(out) > MAX_EXPANSIONS:
            raise _NotPlain
    return out, at


def _plain_sequence(p: str, at: int) -> tuple[list[Expansion], int]:
    """The expansions of a sequence of items: each of the first's followed by each of the
    rest's, in that order (an optional item: with it first, then without)."""
    out: list[Expansion] = [("", (), None)]
    n = len(p)
    while at < n and p[at] not in "|)":
        alts, at, optional = _plain_item(p, at)
        if at < n and p[at] == "?":
            if not optional or (at + 1 < n and p[at + 1] in "?+"):
                raise _NotPlain  # "?" on an assertion or a run; lazy or possessive
            alts = [*alts, ("", (), None)]
            at += 1
        if (at < n and p[at] in "*+{") or len(out) * len(alts) > MAX_EXPANSIONS:
            raise _NotPlain
        joined: list[Expansion] = []
        for s, bounds, tail in out:
            for s2, bounds2, tail2 in alts:
                if tail is not None:
                    # After a greedy \w run only \b may follow, and it holds there when
                    # the run or the string before it ends in a word character.
                    if s2 or tail2 or not s or s[-1] not in _WORD:
                        raise _NotPlain
                    joined.append((s, bounds, tail))
                elif bounds2:
                    joined.append((s + s2, bounds + tuple(len(s) + o for o in bounds2), tail2))
                else:
                    joined.append((s + s2, bounds, tail2))
        out = joined
    return out, at


def _plain_item(p: str, at: int) -> tuple[list[Expansion], int, bool]:
    """One item at ``at``: its expansions, where it ends, and whether ``?`` may follow it."""
    ch = p[at]
    if ch == "\\":
        nxt = p[at + 1 : at + 2]
        if nxt == "b":
            return [("", (0,), None)], at + 2, False
        if nxt == "w" and p[at + 2 : at + 3] in ("*", "+"):
            return [("", (), p[at + 2])], at + 3, False
        if nxt and nxt in _ESCAPED:
            return [(nxt, (), None)], at + 2, True
        raise _NotPlain
    if ch == "(":
        if p.startswith("(?", at):
            if not p.startswith("(?:", at):
                raise _NotPlain  # a flag, a lookaround, a named group...
            at += 3
        else:
            at += 1
        alts, at = _plain_alternatives(p, at)
        if at >= len(p) or p[at] != ")":
            raise _NotPlain
        return alts, at + 1, True
    if ch == "[":  # a class of characters that match themselves ("[- ]"): one of them
        # ("-" only first, where it cannot make a range)
        end = p.find("]", at + 1)
        chars = p[at + 1 : end] if end > at + 1 else ""
        if not chars or any(c in "\\[^" for c in chars) or "-" in chars[1:]:
            raise _NotPlain
        return [(_literal(c), (), None) for c in chars], end + 1, True
    if ch in _SPECIAL:
        raise _NotPlain
    return [(_literal(ch), (), None)], at + 1, True


def _literal(ch: str) -> str:
    """``ch``, a character that matches itself, when the plain matching holds for it."""
    if not (ch.isascii() and ch.isprintable()):
        raise _NotPlain
    return ch
