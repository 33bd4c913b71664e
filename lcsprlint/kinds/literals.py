"""Literal text every match of a pattern must contain, to skip text that cannot match.

Most rule patterns are rare phrases with gaps (``approved .{0,80} by ...
partners``) that no literal prefix speeds up: the regex engine tries them at
every position of every paragraph, though most paragraphs hold none of their
words. Finding a few fixed strings is far cheaper than running the pattern,
so a :class:`~lcsprlint.kinds.patterns.Matcher` (and a built-in detector
pattern wrapped in :class:`Gated`) first asks whether the text holds at least
one of the pattern's *required literals*; where it holds none, the pattern
cannot match and is not run.

:func:`required_literals` reads the literal strings off the pattern's syntax
tree (the standard library's parser): a run of literal characters in the
main sequence must appear in every match; alternatives need one of their
branches' literals; a group repeated at least once needs its own; a run
followed by alternatives that each start with literals needs one of the
joined strings ("M" then "r|rs|s" is "Mr" or "Mrs" or "Ms"). Lookarounds
consume nothing, so a run continues across them, and no literal is taken
from inside one.

Case: literals of a case-sensitive part are looked for as written. Those of
a case-insensitive part are looked for in the lower-cased text, and only in
ASCII text, where case-insensitive matching is plain lower-casing (the
Unicode folds that let "k" match the Kelvin sign need other characters):
other text is always admitted. Only ASCII literal characters are used.

Anything the standard parser reads differently from ``regex`` (``x{e<=1}``
is fuzzy matching there, ``[[:alpha:]]`` a POSIX class), or cannot read,
gives no literals: the pattern then always runs.

While a document is checked, gates do not search for their literals one by
one: every gate's literals are looked for in each text once, by one
Aho-Corasick automaton, and kept for the document
(:mod:`lcsprlint.kinds.literal_index`). The same syntax tree gives each pattern an
*anchor* (:func:`anchor_of`): strings every match holds at most so many
characters from its start, so that a search need not start before them.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from lcsprlint.kinds import literal_table
from lcsprlint.kinds.literal_index import INDEX, LiteralIndex, scanned

try:  # Python 3.11+
    # typeshed has no stubs for re's private modules (they exist from 3.11 on).
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import sre_constants as _c
        import sre_parse as _sre_parse

#: Literals shorter than this occur in nearly every paragraph: a Matcher does not look.
MIN_LENGTH = 3

_IGNORECASE = 2  # the value of re.IGNORECASE and of regex.IGNORECASE
#: Flags that change how a pattern reads (the same values in ``re`` and ``regex``).
_PARSE_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
_LITERAL = _c.LITERAL
_SUBPATTERN = _c.SUBPATTERN
_BRANCH = _c.BRANCH
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_IN = _c.IN
#: The most strings a class, or an optional character, adds to the leads of a run.
_MAX_CLASS_LEADS = 16
#: Items that consume nothing: a run of literals continues across them.
_ZERO_WIDTH = frozenset((_c.AT, _c.ASSERT, _c.ASSERT_NOT))
_REPEATS = frozenset(
    op
    for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))
    if op is not None
)
_UNBUILT: Any = object()

#: A requirement while it is worked out: (string, case-insensitive) pairs, one of which holds.
_Found = frozenset[tuple[str, bool]]


class Literals:
    """Strings one of which is in every match: ``exact`` as written, ``caseless`` lower-cased."""

    __slots__ = (
        "_always",
        "_caseless_rx",
        "_epoch",
        "_exact_ids",
        "_exact_rx",
        "_ids",
        "_need",
        "caseless",
        "exact",
    )

    def __init__(self, exact: Iterable[str], caseless: Iterable[str]) -> None:
        self.exact = frozenset(exact)
        self.caseless = frozenset(caseless)
        #: An empty literal is in every text.
        self._always = "" in self.exact or "" in self.caseless
        # Compiled on first use, where no document scan answers (see :func:`scan_texts_of`).
        self._exact_rx: Any = _UNBUILT
        self._caseless_rx: Any = _UNBUILT
        # Ids in the shared index, taken when first asked under a scan.
        self._epoch = -1
        self._ids: frozenset[int] = frozenset()
        self._exact_ids: frozenset[int] = frozenset()
        self._need = 0

    def __repr__(self) -> str:
        return f"Literals(exact={sorted(self.exact)}, caseless={sorted(self.caseless)})"

    def shortest(self) -> int:
        return min(map(len, self.exact | self.caseless))

    def admits(self, text: str, low: str | None = None) -> bool:
        """False only when ``text`` holds none of the literals, so no match is possible.

        ``low``: the text lower-cased, when the caller has it (and the text is ASCII).

        While a document is being checked the answer comes from the shared
        index (one scan of each text for every gate's literals, kept for the
        document); otherwise from this gate's own search. Both give the same.
        """
        index = INDEX
        if index.memo is None or self._always:
            return self.searched(text, low)
        if self._epoch != index.epoch:
            self._register(index)
        entry = scanned(index, text, self._need)
        if entry is None:
            return self.searched(text, low)
        if entry[1]:  # ASCII: caseless literals were looked for in the lower-cased text
            return not self._ids.isdisjoint(entry[2])
        if low is not None:
            return self.searched(text, low)
        if not self._exact_ids.isdisjoint(entry[2]):
            return True
        return bool(self.caseless)  # a case fold could hide a literal

    def searched(self, text: str, low: str | None = None) -> bool:
        """:meth:`admits` worked out by this gate's own search (the index's reference)."""
        exact_rx = self._exact_rx
        if exact_rx is _UNBUILT:
            # One alternation per kind: quicker than a substring test per literal when
            # there are many. Plain literals cannot backtrack, so no time limit is needed.
            exact_rx = self._exact_rx = _any_of(self.exact)
            self._caseless_rx = _any_of(self.caseless)
        if exact_rx is not None and exact_rx.search(text) is not None:
            return True
        if self._caseless_rx is None:
            return False
        if low is None:
            if not text.isascii():
                return True  # a case fold could hide a literal
            low = text.lower()
        return self._caseless_rx.search(low) is not None

    @property
    def always(self) -> bool:
        """Whether the gate admits every text (it has an empty literal)."""
        return self._always

    def holds(self, text: str, low: str | None = None) -> bool:
        """:meth:`admits` worked out by a plain substring search for each literal.

        ``low``: the text lower-cased, when the caller has it (and the text is
        ASCII). For a few literals (a pattern's second or third set) that is
        quicker than either the index or a compiled search, and it keeps them
        out of the index: they are mostly common words (" the", "not "), which
        would cost every scan its hits. As in :meth:`searched`, text that is
        not ASCII is admitted by caseless literals (the module's note on case).
        """
        for s in self.exact:
            if s in text:
                return True
        if not self.caseless:
            return False
        if low is None:
            if not text.isascii():
                return True
            low = text.lower()
        for s in self.caseless:  # noqa: SIM110 - a loop is quicker than any(generator)
            if s in low:
                return True
        return False

    def index_ids(self) -> frozenset[int] | None:
        """This gate's literals' ids in the shared index (taken now if not yet this epoch).

        An ASCII text may hold a match only if :func:`present_ids` of it meets
        them. None when the gate admits every text (it has an empty literal).
        """
        if self._always:
            return None
        index = INDEX
        if self._epoch != index.epoch:
            self._register(index)
        return self._ids

    def _register(self, index: LiteralIndex) -> None:
        exact = frozenset(index.id_of(s, False) for s in sorted(self.exact))
        every = exact | frozenset(index.id_of(s, True) for s in sorted(self.caseless))
        self._exact_ids = exact
        self._ids = every
        self._need = max(every) + 1 if every else 0
        self._epoch = index.epoch


def _any_of(literals: frozenset[str]) -> re.Pattern[str] | None:
    if not literals:
        return None
    return re.compile("|".join(re.escape(s) for s in sorted(literals)))


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """The literals every match of ``pattern`` (compiled with ``flags``) contains, or None.

    None when the pattern cannot be read here or requires no literal; also
    when it holds ``{`` other than as a counted repetition, or anything the
    standard module warns about.
    """
    every = required_sets(pattern, flags)
    return every[0] if every else None


#: The most sets of literals :func:`required_sets` gives for one pattern.
MAX_SETS = 3


@lru_cache(maxsize=4096)
def required_sets(pattern: str, flags: int = 0) -> tuple[Literals, ...]:
    """Sets of literals of which every match of ``pattern`` holds one each, best first.

    "approved .{0,80} by .{0,60} partners" needs "approved" *and* "partners":
    a pattern is only worth running where every set has a literal present.
    Kept for each pattern (rule packs repeat their heading lists from rule to
    rule): a function of the rule's own text, never of a document's. A
    built-in pattern's sets come from the shipped table
    (:mod:`lcsprlint.kinds.literal_table`), which holds what
    :func:`analysed_sets` gives for it.
    """
    raw = literal_table.sets_of(pattern, flags)
    if raw is not None:
        return tuple(Literals(exact, caseless) for exact, caseless in raw)
    return analysed_sets(pattern, flags)


def analysed_sets(pattern: str, flags: int = 0) -> tuple[Literals, ...]:
    """:func:`required_sets` worked out from the pattern's syntax tree (never from the table)."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return ()
    items, caseless = parsed
    while True:  # the whole pattern in a group ("\b(...)\b"): its sequence, for all its sets
        consuming = [item for item in items if item[0] not in _ZERO_WIDTH]
        if len(consuming) != 1 or consuming[0][0] is not _SUBPATTERN:
            break
        _group, add, remove, sub = consuming[0][1]
        # "(?i:...)" too: its sequence, read with the group's case (the whole match is it)
        caseless = _case(caseless, add, remove)
        items = list(sub)
    options = [o for o in _options(items, caseless) if o]
    options.sort(key=_selectivity, reverse=True)
    out: list[Literals] = []
    for found in options:
        lits = _literals(found)
        if out and lits.shortest() < MIN_LENGTH and not _rare(lits):
            continue  # "by", " ": in nearly every text, so not worth a look after the first
        if all(_key(lits) != _key(o) for o in out):
            out.append(lits)
    return tuple(out[:MAX_SETS])


def by_test_cost(sets: Iterable[Literals]) -> tuple[Literals, ...]:
    """``sets`` in the order their substring tests (:meth:`Literals.holds`) are best asked.

    Every set must hold for a match, so the order changes no answer, only
    how soon a text without a match is turned away: first the sets of rare
    punctuation ("[", "<": one quick test, which most texts fail), then the
    sets of fewer literals (each a search of the whole text where it fails).
    """
    return tuple(sorted(sets, key=lambda lits: (not _rare(lits), len(lits.exact | lits.caseless))))


def _rare(lits: Literals) -> bool:
    """Whether every literal holds a character rare in prose ("<", "[", "@"): a set of them
    is worth a look after the first though short (a substring test: they are not indexed)."""
    return all(any(ch in _RARE for ch in s) for s in lits.exact | lits.caseless)


@lru_cache(maxsize=4096)
def _parsed(pattern: str, flags: int) -> tuple[list[Any], bool] | None:
    """The standard parser's items of ``pattern`` and whether it is caseless, or None.

    None when the pattern holds ``{`` other than as a counted repetition (or
    escaped), or anything the standard module cannot read or warns about:
    there ``regex`` may read it otherwise. Callers copy, never change, the items.
    """
    if "{" in pattern and _has_literal_brace(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tree = _sre_parse.parse(pattern, flags & _PARSE_FLAGS)
    except Exception:  # not readable by the standard parser (or a warning): no literals
        return None
    return list(tree), bool((flags | tree.state.flags) & _IGNORECASE)


#: Strings one of which starts every match: (as written, lower-cased).
Leads = tuple[tuple[str, ...], tuple[str, ...]]
#: Where a search may start: (strings as written, strings lower-cased, most characters
#: before one of them in a match, the match's leads or None).
Anchor = tuple[tuple[str, ...], tuple[str, ...], int, "Leads | None"]

#: A match that can be wider than this counts as unbounded here.
_WIDE = 100_000


@lru_cache(maxsize=4096)
def anchor_of(pattern: str, flags: int = 0) -> Anchor | None:
    """Strings one of which every match of ``pattern`` holds, at most so far from its start.

    "\\\\b(in|at|during) supervision\\\\b" holds " supervision" at most 6
    characters in; "\\\\b(approved|endorsed)\\\\b by" holds "approved" or
    "endorsed" at its very start. So no match starts earlier than that many
    characters before the first of the strings, and a search can start
    there: the regex engine, trying a pattern at every position from the
    start of a paragraph, would only have spent its time proving that none
    matches before. Of the strings the pattern must hold in its main
    sequence, behind a part of bounded width, the rarest are taken (the
    longest; then the nearest the start). Caseless strings are given
    lower-cased, to be looked for in lower-cased ASCII text (see the
    module's note on case). None when there are none. A built-in pattern's
    anchor comes from the shipped table, as for :func:`required_sets`.
    """
    known = literal_table.anchor_of(pattern, flags)
    if known is not literal_table.MISSING:
        return known
    return analysed_anchor(pattern, flags)


def analysed_anchor(pattern: str, flags: int = 0) -> Anchor | None:
    """:func:`anchor_of` worked out from the pattern's syntax tree (never from the table)."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    items, caseless = parsed
    while True:  # the whole pattern in a group: its sequence, in the group's case
        consuming = [item for item in items if item[0] not in _ZERO_WIDTH]
        if len(consuming) != 1 or consuming[0][0] is not _SUBPATTERN:
            break
        if items[0] is not consuming[0] and _width(items[: items.index(consuming[0])]):
            break  # pragma: no cover - zero-width items have no width
        _group, add, remove, sub = consuming[0][1]
        caseless = _case(caseless, add, remove)
        items = list(sub)
    found = _anchors(items, caseless)
    if not found:
        return None
    strings, before = max(found, key=_rarity)
    exact = tuple(sorted(s for s, ci in strings if not ci))
    lower = tuple(sorted({s.lower() for s, ci in strings if ci}))
    return exact, lower, before, _leads_of(items, caseless)


#: The most leads worth looking for one by one.
_MAX_LEADS = 16


def _leads_of(items: list[Any], caseless: bool) -> Leads | None:
    """The strings every match of a sequence starts with (past zero-width items), or None."""
    k = 0
    while k < len(items) and items[k][0] in _ZERO_WIDTH:
        k += 1
    starts = _starts(items, caseless, _ENOUGH, k)
    if not starts or len(starts) > _MAX_LEADS or any(not s for s, _whole in starts):
        return None
    strings = {s for s, _whole in starts}
    if caseless:
        return (), tuple(sorted({s.lower() for s in strings}))
    return tuple(sorted(strings)), ()


#: Characters rare in prose: a string with one is rarer than its length says.
_RARE = frozenset("[]{}<>@#|\\^~_=*+$%&")


#: Strings this long are all rare enough: past it, fewer strings (fewer to look for) win.
_LONG_ENOUGH = 6


def _rarity(found: tuple[_Found, int]) -> tuple[int, int, int]:
    """How good a set of anchor strings is: rare (long, or with a rare character), few, near."""
    strings, before = found
    shortest = min(len(s) + (not ci) + 4 * (not _RARE.isdisjoint(s)) for s, ci in strings)
    return min(shortest, _LONG_ENOUGH), -len(strings), -before


def _anchors(items: list[Any], caseless: bool) -> list[tuple[_Found, int]]:
    """Strings a sequence must hold (one of each set), with the most characters before them."""
    out: list[tuple[_Found, int]] = []
    width = 0
    for k, item in enumerate(items):
        op = item[0]
        if op not in _ZERO_WIDTH and not (k and items[k - 1][0] is _LITERAL and op is _LITERAL):
            starts = _starts(items, caseless, _ENOUGH, k)
            if starts and "" not in (s for s, _whole in starts):
                out.append((frozenset((s, caseless) for s, _whole in starts), width))
        step = _width([item])
        if step is None:
            break  # what follows is at no bounded distance from the start
        width += step
    return out


#: The most strings :func:`_starts` builds (alternatives followed by alternatives multiply).
_MAX_STARTS = 64


#: Characters past which :func:`_starts` adds no more: longer strings are no rarer.
_ENOUGH = 12


def _starts(
    items: list[Any], caseless: bool, room: int = _ENOUGH, at: int = 0
) -> list[tuple[str, bool]] | None:
    """Strings one of which every match of ``items[at:]`` starts with, or None when unknown.

    Each comes with whether it is a whole match (the items matched it all),
    so that what follows it may be added: "(agreed|accepted) by" starts
    with "agreed by" or "accepted by". Strings stop growing past ``room``
    characters.
    """
    n = len(items)
    if at >= n:
        return [("", True)]
    if room <= 0:
        return [("", False)]
    op, av = items[at]
    used = at + 1
    first: list[tuple[str, bool]] | None
    if op is _LITERAL:
        if not chr(av).isascii():
            return None
        while used < n and items[used][0] is _LITERAL and chr(items[used][1]).isascii():
            used += 1
        first = [("".join([chr(item[1]) for item in items[at:used]]), True)]
    elif op in _ZERO_WIDTH:
        first = [("", True)]
    elif op is _SUBPATTERN:
        _group, add, remove, sub = av
        same = _case(caseless, add, remove) == caseless
        first = _starts(_data(sub), caseless, room) if same else None
    elif op is _BRANCH:
        first = []
        for branch in av[1]:
            got = _starts(_data(branch), caseless, room)
            if got is None:
                first = None
                break
            first.extend(got)
    else:
        first = None
    if first is None:
        return None
    out: list[tuple[str, bool]] = []
    rest: list[tuple[str, bool]] | None = None
    whole = [s for s, complete in first if complete]
    if whole:
        rest = _starts(items, caseless, room - min(map(len, whole)), used)
        if rest is not None and len(first) * len(rest) > _MAX_STARTS:
            rest = None
    for s, complete in first:
        if complete and rest is not None:
            out.extend((s + r, more) for r, more in rest)
        else:
            out.append((s, False))
    return sorted(set(out))


def _data(sub: Any) -> list[Any]:
    """The items of a parsed sub-pattern (its own list: read, never changed)."""
    data = getattr(sub, "data", None)
    return data if isinstance(data, list) else list(sub)


def _width(items: list[Any]) -> int | None:
    """The most characters ``items`` can match, or None when unbounded (or unknown)."""
    try:
        hi = _sre_parse.SubPattern(_sre_parse.State(), items).getwidth()[1]
    except Exception:  # pragma: no cover - a parsed pattern always has a width
        return None
    return None if hi > _WIDE else int(hi)


def anchored_start(anchor: Anchor, text: str, pos: int = 0, low: str | None = None) -> int:
    """Where a search of ASCII ``text`` from ``pos`` may start; -1 when nothing can match.

    ``low``: the text lower-cased, when the caller has it.
    """
    first = -1
    exact, caseless, before, _leads = anchor
    for s in exact:
        i = text.find(s, pos)
        if i != -1 and (first < 0 or i < first):
            first = i
    if caseless:
        if low is None:
            low = text.lower()
        for s in caseless:
            i = low.find(s, pos)
            if i != -1 and (first < 0 or i < first):
                first = i
    if first < 0:
        return -1
    return max(pos, first - before)


def anchored_starts(anchor: Anchor, text: str, pos: int = 0, low: str | None = None) -> list[int]:
    """Every position of ASCII ``text`` from ``pos`` where a match may start, in order.

    A match starts with one of the anchor's leads and holds one of its
    strings at most ``before`` characters in: so it starts at a lead that
    lies in the ``before`` characters up to an occurrence of one of the
    strings. A pattern tried at those few positions alone finds what a
    search would (the first position where it matches), where the search
    runs it at every position from the first window to the end of the text.
    For an anchor with leads (``anchor[3]``).
    """
    exact, caseless, before, leads = anchor
    assert leads is not None
    if (caseless or leads[1]) and low is None:
        low = text.lower()
    ends = sorted(
        {
            *_occurrences(exact, text, pos, len(text)),
            *_occurrences(caseless, low or "", pos, len(text)),
        }
    )
    if not ends:
        return []
    lo, hi = max(pos, ends[0] - before), ends[-1]
    starts = sorted(
        {
            *_occurrences(leads[0], text, lo, hi + max(map(len, leads[0]), default=0)),
            *_occurrences(leads[1], low or "", lo, hi + max(map(len, leads[1]), default=0)),
        }
    )
    out = []
    k = 0  # the first anchor occurrence at or after the start looked at
    for q in starts:
        while k < len(ends) and ends[k] < q:
            k += 1
        if k == len(ends):
            break
        if ends[k] - q <= before:
            out.append(q)
    return out


def _occurrences(strings: tuple[str, ...], hay: str, lo: int, hi: int) -> Iterator[int]:
    """Where each of ``strings`` starts in ``hay[lo:hi]`` (overlapping ones too)."""
    for s in strings:
        i = hay.find(s, lo, hi)
        while i != -1:
            yield i
            i = hay.find(s, i + 1, hi)


def _key(lits: Literals) -> tuple[frozenset[str], frozenset[str]]:
    return lits.exact, lits.caseless


def gate_literals(patterns: Iterable[str], flags: int = 0) -> Literals | None:
    """The literals of a list of alternatives, or None when one has none or they are short."""
    return union_gate([required_sets(p, flags) for p in patterns])


def union_gate(sets: Iterable[tuple[Literals, ...]]) -> Literals | None:
    """One set of literals for alternatives, from each one's :func:`required_sets`.

    Each alternative gives its best set; None when one has none, or when the
    shortest literal is too short to be worth looking for.
    """
    union: set[tuple[str, bool]] = set()
    for every in sets:
        if not every:
            return None
        union.update((s, False) for s in every[0].exact)
        union.update((s, True) for s in every[0].caseless)
    if not union:
        return None
    out = _literals(union)
    return out if out.shortest() >= MIN_LENGTH else None


class Gated:
    """A built-in pattern (standard ``re``) run only on text that may hold a match.

    The detectors run dozens of patterns over every paragraph; most look for
    words that a paragraph rarely holds ("Flat", "Road", "@"). The gate is the
    pattern's required literals, worked out on first use so that importing
    costs nothing, and ``needs``: a hand-written test that every text holding
    a match (or, where the caller says so, every text whose matches it keeps)
    passes, for a pattern without literals; typically a pattern with a quick
    first character that matches inside every match ("three digits, a
    separator, three digits..." for an NHS number).
    """

    __slots__ = ("_literals", "needs", "rx")

    def __init__(
        self, rx: re.Pattern[str], needs: re.Pattern[str] | Callable[[str], bool] | None = None
    ) -> None:
        self.rx = rx
        # A pattern (compiled, or a LazyPattern: no function either way) is needed somewhere.
        self.needs: Callable[[str], bool] | None = (
            needs
            if needs is None or callable(needs)
            else (lambda text, p=needs: p.search(text) is not None)
        )
        self._literals: Any = _UNBUILT

    @property
    def literals(self) -> Literals | None:
        if self._literals is _UNBUILT:
            self._literals = required_literals(self.rx.pattern, self.rx.flags)
        return self._literals

    def admits(self, text: str) -> bool:
        """Whether the pattern may match ``text`` (False: it certainly does not)."""
        if self.needs is not None and not self.needs(text):
            return False
        lits = self.literals
        return lits is None or lits.admits(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``rx.finditer``; nothing at all when the text cannot hold a match."""
        return self.rx.finditer(text) if self.admits(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        """``rx.search``; None at once when the text cannot hold a match."""
        return self.rx.search(text) if self.admits(text) else None

    def findall(self, text: str) -> list[Any]:
        """``rx.findall``; an empty list at once when the text cannot hold a match."""
        return self.rx.findall(text) if self.admits(text) else []


#: Where a pattern whose every match starts with a capital letter can start.
CAPITAL = re.compile(r"[A-Z]")


def finditer_at(rx: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, trying ``rx`` only where ``starts`` matches.

    For a built-in pattern whose every match starts where ``starts`` (a
    character class) matches and is not empty: ``\\b[A-Z]...`` has no first
    character the standard engine can skip to, and trying it at every
    position of a paragraph costs far more than trying it at its capitals.
    Each try is ``rx.match`` at that position, which sees the text before it
    as a search does; after a match the next try is at or after its end, as
    ``finditer`` goes on.
    """
    end = 0
    for s in starts.finditer(text):
        pos = s.start()
        if pos < end:
            continue
        m = rx.match(text, pos)
        if m is not None:
            yield m
            end = m.end()


def search_at(rx: re.Pattern[str], starts: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``rx.search(text)`` under the same conditions as :func:`finditer_at`."""
    return next(finditer_at(rx, starts, text), None)


def _literals(found: Iterable[tuple[str, bool]]) -> Literals:
    """Split into exact and (lower-cased) caseless, dropping any literal that holds another.

    Wherever the longer one occurs the shorter one does, so the test is the same.
    """
    exact = {s for s, ci in found if not ci}
    caseless = {s.lower() for s, ci in found if ci}
    exact -= _holders(exact, exact)
    exact -= _holders(caseless, exact, fold=str.lower, itself=True)
    caseless -= _holders(caseless, caseless)
    return Literals(exact, caseless)


def _holders(
    inner: set[str],
    outer: set[str],
    fold: Callable[[str], str] | None = None,
    itself: bool = False,
) -> set[str]:
    """The strings of ``outer`` that hold a string of ``inner`` other than themselves.

    ``fold``: applied to each string of ``outer`` before looking in it.
    ``itself``: a string holding its equal counts too (the sets are of two
    kinds: an exact literal equal to a caseless one is dropped). A
    rule's gate unites the literals of dozens of patterns; comparing each
    pair of them in Python cost a few milliseconds of every command, so the
    strings of ``outer`` are joined into one and each string of ``inner`` is
    found in it by ``str.find``; an occurrence counts only where it lies
    within one string (the separator may be in a literal too).
    """
    if not inner or not outer:
        return set()
    ordered = sorted(outer)
    folded = ordered if fold is None else [fold(s) for s in ordered]
    starts = []
    at = 0
    for s in folded:
        starts.append(at)
        at += len(s) + 1
    joined = "\n".join(folded)
    out: set[str] = set()
    for o in inner:
        size = len(o)
        at = joined.find(o)
        while at != -1:
            k = bisect_right(starts, at) - 1
            if at + size <= starts[k] + len(folded[k]) and (itself or ordered[k] != o):
                out.add(ordered[k])
            at = joined.find(o, at + 1)
    return out


def _has_literal_brace(pattern: str) -> bool:
    """Whether ``{`` appears other than as a counted repetition ``{m}``, ``{m,n}``, ``{,n}``.

    An escaped ``\\{`` is a plain brace to both parsers, so it does not count.
    """
    i = 0
    while True:
        i = pattern.find("{", i)
        if i == -1:
            return False
        slashes = len(pattern[:i]) - len(pattern[:i].rstrip("\\"))
        if slashes % 2:
            i += 1
            continue
        j = pattern.find("}", i)
        inner = pattern[i + 1 : j] if j != -1 else "x"
        lo, comma, hi = inner.partition(",")
        if not (lo.isdigit() or (lo == "" and comma)) or not (hi == "" or hi.isdigit()):
            return True
        i = j


def _sequence(items: list[Any], caseless: bool) -> _Found | None:
    """The most selective requirement of a sequence of parsed items."""
    return _best(_options(items, caseless))


def _options(items: list[Any], caseless: bool) -> list[_Found | None]:
    """Requirements of a sequence of parsed items: each holds in every match."""
    options: list[_Found | None] = []
    run: list[str] = []
    for k, (op, av) in enumerate(items):
        if op is _LITERAL and chr(av).isascii():
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            joined = "".join(run)
            options.append(frozenset(((joined, caseless),)))
            leads = _leads(items[k:], caseless, len(joined) < MIN_LENGTH)
            if leads:  # "M" then "r|rs|s": one of "Mr", "Mrs", "Ms"
                options.append(frozenset((joined + lead, caseless) for lead in leads))
            run = []
        if op is _SUBPATTERN:
            _group, add, remove, sub = av
            options.append(_sequence(list(sub), _case(caseless, add, remove)))
        elif op is _ATOMIC:
            options.append(_sequence(list(av), caseless))
        elif op is _BRANCH:
            branches = [_sequence(list(b), caseless) for b in av[1]]
            if all(branches):
                options.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            options.append(_sequence(list(av[2]), caseless))
    if run:
        options.append(frozenset((("".join(run), caseless),)))
    return options


def _leads(items: list[Any], caseless: bool, wide: bool = False) -> frozenset[str] | None:
    """The literal strings a sequence must start with (one of them), or None.

    Literals, groups and alternatives; and, when ``wide`` (after a run too
    short to look for), a class of plain characters (``[/.-]``: one of them)
    and an optional character before what follows (``x?[/.-]``: "x/", "x.",
    "x-" or else "/", ".", "-"), so that a run of one common letter gains
    what must stand beside it: "x" in ``xx?[/.-]`` is "x/", "x.", "x-",
    "xx/", "xx." or "xx-". Not after a longer run: "partners" needs no
    "partners " beside it, which would only add hits to the shared index.
    """
    if not items:
        return None
    op, av = items[0]
    if op is _LITERAL:
        run = []
        for op2, av2 in items:
            if op2 is not _LITERAL or not chr(av2).isascii():
                break
            run.append(chr(av2))
        return frozenset(("".join(run),)) if run else None
    if op is _IN and wide:
        chars = [chr(a) for o, a in av if o is _LITERAL]
        if len(chars) != len(av) or not all(ch.isascii() for ch in chars):
            return None  # a range, a category, a negated class, or not ASCII
        return frozenset(chars) if len(chars) <= _MAX_CLASS_LEADS else None
    if op in _REPEATS and wide and av[0] == 0 and av[1] == 1 and len(av[2]) == 1:
        (op2, av2), rest = av[2][0], _leads(items[1:], caseless, wide)
        if op2 is not _LITERAL or not chr(av2).isascii() or rest is None:
            return None
        if 2 * len(rest) > _MAX_CLASS_LEADS:
            return None
        return frozenset(rest | {chr(av2) + lead for lead in rest})
    if op is _BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            leads = _leads(list(branch), caseless)
            if not leads:
                return None
            out |= leads
        return frozenset(out)
    if op is _SUBPATTERN:
        _group, add, remove, sub = av
        if _case(caseless, add, remove) != caseless:
            return None
        return _leads(list(sub), caseless)
    return None


def _case(caseless: bool, add: int, remove: int) -> bool:
    return bool((caseless or add & _IGNORECASE) and not remove & _IGNORECASE)


def _best(options: Iterable[_Found | None]) -> _Found | None:
    """The most selective option."""
    real = [o for o in options if o]
    if not real:
        return None
    return max(real, key=_selectivity)


def _selectivity(found: _Found) -> tuple[int, int]:
    """The longest shortest literal (an exact one counts a character more), then the fewest.

    A literal that is one of the commonest words of English (" the", "that ")
    counts as a single character, however long: "the" is in nearly every
    paragraph of English, several times, and each time a hit the shared index
    handles in Python, where "met" or "fulfilled" in ``\\b(met|fulfilled) the\\b``
    is in few. Only the order of the sets changes: every set holds in every match.
    """
    return min(
        1 if t.strip().lower() in _COMMONEST else len(t) + (not ci) for t, ci in found
    ), -len(found)


#: Words found in nearly every paragraph of English (see :func:`_selectivity`).
_COMMONEST = frozenset(
    ("the", "that", "this", "and", "of", "to", "in", "is", "was", "be", "for", "with", "as")
)
