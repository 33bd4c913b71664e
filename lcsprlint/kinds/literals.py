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
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import sre_constants as _c  # type: ignore[no-redef]
        import sre_parse as _sre_parse  # type: ignore[no-redef]

#: Literals shorter than this occur in nearly every paragraph: a Matcher does not look.
MIN_LENGTH = 3

_IGNORECASE = 2  # the value of re.IGNORECASE and of regex.IGNORECASE
#: Flags that change how a pattern reads (the same values in ``re`` and ``regex``).
_PARSE_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
_LITERAL = _c.LITERAL
_SUBPATTERN = _c.SUBPATTERN
_BRANCH = _c.BRANCH
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
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

    __slots__ = ("_caseless_rx", "_exact_rx", "caseless", "exact")

    def __init__(self, exact: Iterable[str], caseless: Iterable[str]) -> None:
        self.exact = frozenset(exact)
        self.caseless = frozenset(caseless)
        # One alternation per kind: quicker than a substring test per literal when
        # there are many. Plain literals cannot backtrack, so no time limit is needed.
        self._exact_rx = _any_of(self.exact)
        self._caseless_rx = _any_of(self.caseless)

    def __repr__(self) -> str:
        return f"Literals(exact={sorted(self.exact)}, caseless={sorted(self.caseless)})"

    def shortest(self) -> int:
        return min(map(len, self.exact | self.caseless))

    def admits(self, text: str, low: str | None = None) -> bool:
        """False only when ``text`` holds none of the literals, so no match is possible.

        ``low``: the text lower-cased, when the caller has it (and the text is ASCII).
        """
        if self._exact_rx is not None and self._exact_rx.search(text) is not None:
            return True
        if self._caseless_rx is None:
            return False
        if low is None:
            if not text.isascii():
                return True  # a case fold could hide a literal
            low = text.lower()
        return self._caseless_rx.search(low) is not None


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
    rule): a function of the rule's own text, never of a document's.
    """
    if "{" in pattern and _has_literal_brace(pattern):
        return ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tree = _sre_parse.parse(pattern, flags & _PARSE_FLAGS)
    except Exception:  # not readable by the standard parser (or a warning): no literals
        return ()
    caseless = bool((flags | tree.state.flags) & _IGNORECASE)
    items = list(tree)
    while True:  # the whole pattern in a group ("\b(...)\b"): its sequence, for all its sets
        consuming = [item for item in items if item[0] not in _ZERO_WIDTH]
        if len(consuming) != 1 or consuming[0][0] is not _SUBPATTERN:
            break
        _group, add, remove, sub = consuming[0][1]
        if _case(caseless, add, remove) != caseless:
            break
        items = list(sub)
    options = [o for o in _options(items, caseless) if o]
    options.sort(key=_selectivity, reverse=True)
    out: list[Literals] = []
    for found in options:
        lits = _literals(found)
        if out and lits.shortest() < MIN_LENGTH:
            continue  # "by", " ": in nearly every text, so not worth a look after the first
        if all(_key(lits) != _key(o) for o in out):
            out.append(lits)
    return tuple(out[:MAX_SETS])


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
        self.needs: Callable[[str], bool] | None = (
            (lambda text, p=needs: p.search(text) is not None)  # type: ignore[misc]
            if isinstance(needs, re.Pattern)
            else needs
        )
        self._literals: Any = _UNBUILT

    @property
    def literals(self) -> Literals | None:
        if self._literals is _UNBUILT:
            self._literals = required_literals(self.rx.pattern, self.rx.flags)
        return self._literals  # type: ignore[no-any-return]

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
    exact = {s for s in exact if not any(o != s and o in s for o in exact)}
    exact = {s for s in exact if not any(o in s.lower() for o in caseless)}
    caseless = {s for s in caseless if not any(o != s and o in s for o in caseless)}
    return Literals(exact, caseless)


def _has_literal_brace(pattern: str) -> bool:
    """Whether ``{`` appears other than as a counted repetition ``{m}``, ``{m,n}``, ``{,n}``."""
    i = 0
    while True:
        i = pattern.find("{", i)
        if i == -1:
            return False
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
            leads = _leads(items[k:], caseless)
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


def _leads(items: list[Any], caseless: bool) -> frozenset[str] | None:
    """The literal strings a sequence must start with (one of them), or None."""
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
    """The longest shortest literal (an exact one counts a character more), then the fewest."""
    return min(len(t) + (not ci) for t, ci in found), -len(found)
