"""Regular expressions for rules, behind one interface with a time limit.

Rule authors write Perl-style patterns; the ``regex`` package runs them with a
per-call ``timeout`` so that one catastrophic pattern cannot hang a batch.
A pattern that runs past its limit raises :class:`~lcsprlint.errors.RuleTimeout`;
the engine then reports that rule as failed and runs the others. Every rule
pattern runs under the limit, whoever wrote it; what follows only decides
where a pattern need not run at all.

A :class:`Matcher` searches text for any of a rule's patterns. Most of a long
draft holds none of them, so it first looks for proof of that, and whatever
it skips is text where no pattern can match (results are the patterns' own,
always):

* the *literal gate* (:mod:`lcsprlint.kinds.literals`): strings every match
  must contain ("partners", "approved"...), looked for far more cheaply
  than any pattern runs;
* the *lookbehind-free twin*: rule packs excuse many matches with a
  lookbehind at the start of a pattern ("culture", but not "organisational
  culture"), which the engine must try at every position, so the patterns
  are also compiled with every lookbehind deleted. Deleting an assertion
  only removes a constraint, so the twin matches wherever the pattern does;
* *one pattern at a time*: where each pattern has literals of its own, a
  search, a yes-or-no question (:meth:`Matcher.matches`), a count or the
  spans of the matches run only the patterns whose literals the text
  holds, each on its own (and the alternation, for a search, only from
  where the first of them matched);
* the *anchor* of each such pattern (:func:`~lcsprlint.kinds.literals.anchor_of`):
  strings every match holds near its start, so that in ASCII text the
  pattern runs only from where they prove a match could start;
* *plain word lists* (:class:`~lcsprlint.kinds.plain.Plain`): such a
  pattern (``\\bresult(ed|ing)? (in|from)\\b``) is matched in ASCII text by
  looking for the few strings it can match, never compiled nor run by the
  engine; its matches are the engine's own.

While a document is checked, which literals a text holds comes from one
scan of it for every gate's literals (the shared index of
:mod:`lcsprlint.kinds.literals`), not from each gate's own search.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from lcsprlint.errors import RuleTimeout
from lcsprlint.kinds.literal_index import INDEX, index_epoch, present_ids
from lcsprlint.kinds.literal_table import has_sets
from lcsprlint.kinds.literals import (
    Anchor,
    Literals,
    anchor_of,
    anchored_start,
    anchored_starts,
    by_test_cost,
    required_sets,
    union_gate,
)
from lcsprlint.kinds.plain import Plain, plain_form
from lcsprlint.precompiled import regex_compiled

#: Seconds one search may take on one piece of text.
DEFAULT_TIMEOUT = 0.5

_timeout = DEFAULT_TIMEOUT


#: Characters a Matcher searches before it builds its prefilters: reading its patterns'
#: literals costs about as much as compiling them, which the few paragraphs of a short
#: draft do not earn back (a one-page draft builds almost none). Not for patterns whose
#: literals the shipped table holds (:mod:`lcsprlint.kinds.literal_table`): those cost
#: a look-up, and their prefilters are built at once.
WARM_UP = 5_000
#: A literal gate is dropped when, after this many texts it checked, ...
_GATE_TRIAL = 200
#: ... more than this share of them held one of its literals.
_GATE_KEEP = 0.9
_UNBUILT: Any = object()


def set_timeout(seconds: float) -> None:
    """Set the per-search time limit for this process (the CLI's ``--regex-timeout``)."""
    global _timeout
    _timeout = seconds


class Matcher:
    """Any-of a list of patterns, compiled on first use, searched with a time limit.

    Compiling is deferred to the first search, so a check that never needs a
    pattern list (an exception list with nothing to excuse, a group already
    found) never compiles it: ``regex`` parses patterns in pure Python, and
    compiling every rule's lists was a large part of a short check.

    After :data:`WARM_UP` characters searched a Matcher also builds its
    prefilters (see above), which only pay for themselves over long text
    when its patterns must be read to build them; when the shipped table
    holds them all (the built-in rules' patterns), at once, so that even a
    short draft compiles only the patterns whose literals it holds. Each only
    ever proves that no pattern can match, so the results are the patterns'
    own whatever the prefilters find; a pattern skipped because its text
    cannot match is a pattern that cannot run away either.
    """

    __slots__ = (
        "_flags",
        "_gate",
        "_gated",
        "_known",
        "_passed",
        "_plan",
        "_pre",
        "_rx",
        "_seen",
        "_singles",
        "_whole",
        "patterns",
    )

    def __init__(
        self,
        patterns: Sequence[str],
        *,
        case_sensitive: bool = False,
        whole_word: bool = False,
    ) -> None:
        self.patterns = tuple(patterns)
        self._flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
        self._whole = whole_word
        self._rx: Any = None
        self._pre: Any = _UNBUILT
        self._singles: tuple[_Single, ...] | None = None
        self._plan: _Plan | None = None
        self._gate: Literals | None = None
        self._seen = 0
        self._gated = 0
        self._passed = 0
        self._known: bool | None = None
        if self.patterns:
            INDEX.want(self.patterns, self._flags)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    @property
    def rx(self) -> Any:
        """The compiled alternation of every pattern (compiled now if it was not yet)."""
        rx = self._rx
        if rx is None:
            rx = self._rx = regex_compiled(_alternation(self.patterns, self._whole), self._flags)
        return rx

    def prefilters(self) -> tuple[Literals | None, Any]:
        """The literal gate and the lookbehind-free twin (either None), built now if not yet."""
        self._build()
        return self._gate, self._twin()

    def _build(self) -> None:
        if self._pre is _UNBUILT:
            sets = [required_sets(p, self._flags) for p in self.patterns]
            self._gate = union_gate(sets)
            self._pre = _prefilter(self.patterns, self._whole)  # compiled when first needed
            self._singles = _singles(self.patterns, sets, self._whole, self._flags)

    def _tabled(self) -> bool:
        """Whether the shipped table holds every pattern's literals (:mod:`.literal_table`).

        Then the prefilters cost a few look-ups, not a parse of each pattern,
        and are built at once: from its first paragraph the Matcher runs only
        the patterns whose literals a text holds, and compiles only those.
        """
        known = self._known
        if known is None:
            flags = self._flags
            known = self._known = all(has_sets(p, flags) for p in self.patterns)
        return known

    def _twin(self) -> Any:
        """The compiled lookbehind-free alternation, or None."""
        pre = self._pre
        if isinstance(pre, str):
            try:
                pre = self._pre = regex_compiled(pre, self._flags)
            except regex.error:
                pre = self._pre = None
        return pre

    def _absent(self, text: str, pos: int = 0, alone: bool = False) -> bool:
        """True when a prefilter proves no pattern matches ``text`` (from ``pos``).

        A prefilter that runs past the time limit proves nothing; the pattern
        itself then runs, under its own limit. ``alone``: the patterns will run
        one by one where they can (each then has its own lookbehind-free twin).
        """
        if self._pre is _UNBUILT:
            self._seen += len(text)
            if self._seen <= WARM_UP and not self._tabled():
                return False
            self._build()
        gate = self._gate
        if gate is not None:
            self._gated += 1
            if not gate.admits(text):
                return True
            self._passed += 1
            if self._gated >= _GATE_TRIAL and self._passed > _GATE_KEEP * self._gated:
                self._gate = None  # lets almost every text through: it only costs time
        if self._pre is None or (alone and self._singles is not None):
            return False
        pre = self._twin()
        if pre is None:
            return False
        try:
            return pre.search(text, pos, timeout=_timeout) is None
        except TimeoutError:
            return False

    def search(self, text: str, pos: int = 0) -> Any:
        """The alternation's first match in ``text`` from ``pos``, or None.

        Where each pattern has its own literals, the patterns whose literals
        the text holds find, each on its own, where the first match starts
        (or that there is none, the usual answer); the alternation then only
        runs from there, where it matches at once: its match is the one it
        would have found searching from ``pos``.
        """
        if self._absent(text, pos, alone=True):
            return None
        singles = self._singles
        if singles is not None:
            pos = _first_start(self._candidates(singles, text), text, pos)
            if pos < 0:
                return None
        try:
            return self.rx.search(text, pos, timeout=_timeout)
        except TimeoutError as exc:
            raise _timed_out() from exc

    def finditer(self, text: str) -> Iterator[Any]:
        if self._absent(text):
            return
        try:
            yield from self.rx.finditer(text, timeout=_timeout)
        except TimeoutError as exc:
            raise _timed_out() from exc

    def matches(self, text: str) -> bool:
        """Whether any pattern matches ``text``: ``search(text) is not None``, often sooner.

        Where each pattern has its own literals, only the patterns whose
        literals the text holds are run, each on its own: a pattern matches
        somewhere exactly when it matches as one branch of the alternation.
        """
        if self._absent(text, alone=True):
            return False
        singles = self._singles
        if singles is None:
            try:
                return self.rx.search(text, timeout=_timeout) is not None
            except TimeoutError as exc:
                raise _timed_out() from exc
        candidates = self._candidates(singles, text)
        if not candidates:
            return False
        low = text.lower() if text.isascii() else None
        return any(single.search(text, 0, low) is not None for single in candidates)

    def count(self, text: str) -> int:
        """How many matches ``finditer`` would yield (counted without a Python loop).

        With per-pattern literals, only the patterns whose literals the text
        holds take part, and their matches are merged as the alternation
        would take them (:func:`_merged`).
        """
        if self.patterns == _WORDS and not self._whole:
            words = _word_count(text)
            if words is not None:
                return words
        if self._absent(text, alone=True):
            return 0
        singles = self._singles
        if singles is not None:
            merged = _merged(self._candidates(singles, text), text)
            if merged is not None:
                return len(merged)
        try:
            return len(self.rx.findall(text, timeout=_timeout))
        except TimeoutError as exc:
            raise _timed_out() from exc

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in finditer(text)]``, for callers that need only where.

        Like :meth:`count`, runs only the patterns whose literals the text
        holds, each on its own, merged as the alternation takes matches: a
        rule pack's list of forbidden phrases mostly has one or two whose
        literals a paragraph holds, and those alone are cheaper to run than
        the whole alternation.
        """
        if self._absent(text, alone=True):
            return []
        singles = self._singles
        if singles is not None:
            merged = _merged(self._candidates(singles, text), text)
            if merged is not None:
                return merged
        try:
            return [m.span() for m in self.rx.finditer(text, timeout=_timeout)]
        except TimeoutError as exc:
            raise _timed_out() from exc

    def _candidates(self, singles: tuple[_Single, ...], text: str) -> list[_Single]:
        """The patterns, in order, whose every set of literals ``text`` holds one of.

        From the shared index of a document's texts where it can say (see
        :class:`_Plan`), else from each pattern's own gates.
        """
        plan = self._plan
        if plan is None or plan.epoch != index_epoch():
            plan = self._plan = _Plan(singles)
        present = present_ids(text, plan.need)
        if present is None:
            low = text.lower() if text.isascii() else None
            return [single for single in singles if single.may_match(text, low)]
        hits = plan.first_ids.intersection(present)
        if not hits:
            return [singles[k] for k in plan.free]
        chosen = set(plan.free)
        by_id = plan.by_id
        for i in hits:
            chosen.update(by_id[i])
        out = []
        rest = plan.rest
        low = None
        for k in sorted(chosen):
            others = rest[k]
            if others:
                if low is None:
                    low = text.lower()  # the index answered: the text is ASCII
                if not all(lits.holds(text, low) for lits in others):
                    continue
            out.append(singles[k])
        return out


class _Plan:
    """A Matcher's patterns as ids of the shared literal index, for one index epoch.

    Each text's literals are a small set of ids; rather than test every
    pattern's sets against it, the ids of the patterns' first sets map back
    to the patterns that may match, and only those test their other sets.
    Those are tested by a substring search of the text (:meth:`Literals.holds`),
    not through the index: they are mostly common words (" the", "not "), which
    a paragraph holds many times, each time a hit the index's scan must handle
    in Python; a search for them stops at the first, and runs only for the
    few patterns whose first set a text holds.
    """

    __slots__ = ("by_id", "epoch", "first_ids", "free", "need", "rest")

    def __init__(self, singles: tuple[_Single, ...]) -> None:
        self.epoch = index_epoch()
        sets = [[lits for lits in single.literals if not lits.always] for single in singles]
        firsts = [every[0].index_ids() if every else None for every in sets]
        self.need = max((max(ids) + 1 for ids in firsts if ids), default=0)
        by_id: dict[int, list[int]] = {}
        free = []
        rest = []
        for k, (every, ids) in enumerate(zip(sets, firsts, strict=True)):
            if ids is not None:
                for i in ids:
                    by_id.setdefault(i, []).append(k)
            else:
                free.append(k)  # no literals: always a candidate
            rest.append(tuple(every[1:]))  # in test order already (see _Single)
        self.by_id = {i: tuple(ks) for i, ks in by_id.items()}
        self.first_ids = frozenset(by_id)
        self.free = tuple(free)
        self.rest = tuple(rest)


#: A word count in a rule (``require: ['\S+']``): ``str.split`` gives it without a
#: time check per match. Its whitespace is the pattern's (``regex``'s ``\s``) but for
#: four control characters, which ``str.split`` also splits at: text with them is
#: counted by the pattern.
_WORDS = (r"\S+",)
_FIELD_SEPARATORS = regex.compile("[\x1c-\x1f]")


def _word_count(text: str) -> int | None:
    """How many matches ``\\S+`` has in ``text``, or None when the pattern must count them.

    In printable text (:meth:`str.isprintable`: no control character and no
    separator but the ASCII space) the only whitespace, ``regex``'s or
    ``str.split``'s, is the space: where spaces stand alone between words the
    words are one more than the spaces, counted without making them (a
    reader's normalised text mostly is so). Else ``str.split``, but for the
    four control characters it splits at and the pattern does not.
    """
    if text.isprintable():
        if not text:
            return 0
        if "  " not in text and text[0] != " " and text[-1] != " ":
            return text.count(" ") + 1
        return len(text.split())
    if _FIELD_SEPARATORS.search(text):
        return None
    return len(text.split())


class _Single:
    """One pattern of a Matcher, with its own literals, compiled when first run.

    ``anchor``: strings one of which every match holds near its start (see
    :func:`~lcsprlint.kinds.literals.anchor_of`); in ASCII text a search
    starts where the first of them proves no match can start earlier. Where
    the strings lie past the start and every match starts with one of a few
    leads as well, the pattern is only tried at the leads that lie close
    enough before one of the strings
    (:func:`~lcsprlint.kinds.literals.anchored_starts`).

    A pattern that is a plain word list (:class:`~lcsprlint.kinds.plain.Plain`)
    is matched in ASCII text by looking for its strings, and compiled only
    if a text that is not ASCII comes its way.
    """

    __slots__ = ("_anchor", "_flags", "_plain", "_pre", "_rx", "literals", "pattern")

    def __init__(
        self,
        pattern: str,
        flags: int,
        literals: tuple[Literals, ...],
        pre: str | None,
    ) -> None:
        self.pattern = pattern
        self.literals = literals[:1] + by_test_cost(literals[1:])
        self._flags = flags
        self._pre: Any = pre  # the lookbehind-free twin, compiled with the pattern
        self._rx: Any = None
        self._anchor: Anchor | Any | None = _UNBUILT  # worked out when first run: most never are
        self._plain: Plain | Any | None = _UNBUILT

    def _plain_for(self, text: str, low: str | None) -> Plain | None:
        """The pattern's :class:`Plain` form when ``text`` is ASCII and it has one."""
        plain = self._plain
        if plain is _UNBUILT:
            plain = self._plain = plain_form(self.pattern, self._flags)
        if plain is None or (low is None and not text.isascii()):
            return None
        return plain

    def may_match(self, text: str, low: str | None) -> bool:
        """False when the text lacks one of the pattern's sets of literals.

        ``low``: the text lower-cased, if it is ASCII. The first set is asked
        as a gate (from the shared index while a document is checked), the
        others by a substring search (:meth:`Literals.holds`), as :class:`_Plan`
        does: only first sets belong in the index.
        """
        literals = self.literals
        if literals and not literals[0].admits(text, low):
            return False
        for lits in literals[1:]:  # noqa: SIM110 - a loop is quicker than all(generator)
            if not lits.holds(text, low):
                return False
        return True

    def _compiled(self) -> Any:
        rx = self._rx
        if rx is None:
            rx = self._rx = regex_compiled(self.pattern, self._flags)
            if self._pre is not None:
                try:
                    self._pre = regex_compiled(self._pre, self._flags)
                except regex.error:
                    self._pre = None
            if self._anchor is _UNBUILT:
                positional = _POSITIONAL.search(self.pattern)
                self._anchor = None if positional else anchor_of(self.pattern, self._flags)
        return rx

    def spans(self, text: str, low: str | None) -> list[tuple[int, int]] | None:
        """Where this pattern alone matches ``text``, as its ``finditer`` goes; None if a
        match is empty. ``low``: the text lower-cased, if it is ASCII."""
        plain = self._plain_for(text, low)
        if plain is not None:
            return plain.spans(text, low if low is not None else text.lower())
        rx = self._compiled()
        anchor = self._anchor
        start = 0
        if anchor is not None and (low is not None or text.isascii()):
            if anchor[2] and anchor[3] is not None:  # tried where its leads are: one by one
                out: list[tuple[int, int]] = []
                m = self.search(text, 0, low)
                while m is not None:
                    s, e = m.span()
                    if s == e:
                        return None
                    out.append((s, e))
                    m = self.search(text, e, low)
                return out
            start = anchored_start(anchor, text, 0, low)
            if start < 0:
                return []
        try:
            found = [m.span() for m in rx.finditer(text, start, timeout=_timeout)]
        except TimeoutError as exc:
            raise _timed_out() from exc
        return None if any(s == e for s, e in found) else found

    def search(self, text: str, pos: int = 0, low: str | None = None) -> Any:
        """``rx.search(text, pos)``; ``low``: the text lower-cased, if it is ASCII.

        For a plain word list in ASCII text, a :class:`_Span` (a match's
        ``start``, ``end`` and ``span``: all that is asked of it here).
        """
        plain = self._plain_for(text, low)
        if plain is not None:
            found = plain.spans(text, low if low is not None else text.lower(), pos, first=True)
            return _Span(*found[0]) if found else None
        rx = self._compiled()
        anchor = self._anchor
        if anchor is not None and (low is not None or text.isascii()):
            if anchor[2] and anchor[3] is not None:
                return self._match_at(rx, anchored_starts(anchor, text, pos, low), text)
            pos = anchored_start(anchor, text, pos, low)
            if pos < 0:
                return None
        pre = self._pre
        if pre is not None:
            try:
                if pre.search(text, pos, timeout=_timeout) is None:
                    return None
            except TimeoutError:
                pass  # proves nothing: the pattern runs under its own limit
        try:
            return rx.search(text, pos, timeout=_timeout)
        except TimeoutError as exc:
            raise _timed_out() from exc

    def _match_at(self, rx: Any, starts: list[int], text: str) -> Any:
        """The match at the first of ``starts`` where the pattern matches, or None."""
        try:
            for pos in starts:
                m = rx.match(text, pos, timeout=_timeout)
                if m is not None:
                    return m
        except TimeoutError as exc:
            raise _timed_out() from exc
        return None


class _Span:
    """Where a :class:`Plain` pattern matched: what a _Single's callers ask of a match."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end


def _singles(
    patterns: Sequence[str], sets: list[tuple[Literals, ...]], whole_word: bool, flags: int
) -> tuple[_Single, ...] | None:
    """The patterns one by one, when running them one by one gives the alternation's answers.

    Not when a pattern counts groups (a backreference or a conditional: its
    numbers mean other groups inside the alternation), nor when one sets a
    flag for the whole pattern (``(?i)`` in one branch holds for all of the
    alternation), nor when no pattern has literals of its own (nothing would
    be skipped).
    """
    if len(patterns) < 2 or any(_UNSAFE.search(p) or _GLOBAL_FLAGS.search(p) for p in patterns):
        return None
    out = []
    for p, literals in zip(patterns, sets, strict=True):
        stripped = strip_lookbehinds(p)
        pre = None if stripped is None else _alone(stripped, whole_word)
        out.append(_Single(_alone(p, whole_word), flags, literals, pre))
    if not any(single.literals for single in out):
        return None
    return tuple(out)


#: An inline flag for the whole pattern, ``(?i)`` (not one for a group, ``(?i:...)``).
_GLOBAL_FLAGS = regex.compile(r"\(\?[a-zA-Z]+\)")
#: Where a search starts matters to ``\G`` (matches there) and to a reverse search (``(?r)``).
_POSITIONAL = regex.compile(r"\\G|\(\?[a-zA-Z0-9-]*r")


def _alone(pattern: str, whole_word: bool) -> str:
    """One pattern as its branch of the alternation matches (bare, so that the copy
    ``regex`` keeps from validating it is used again)."""
    return rf"\b(?:{pattern})\b" if whole_word else pattern


def _first_start(singles: list[_Single], text: str, pos: int) -> int:
    """Where the first match of any of ``singles`` in ``text`` from ``pos`` starts; -1 if none."""
    first = -1
    low = text.lower() if singles and text.isascii() else None
    for single in singles:
        m = single.search(text, pos, low)
        if m is not None and (first < 0 or m.start() < first):
            first = m.start()
            if first == pos:
                break
    return first


def _merged(singles: list[_Single], text: str) -> list[tuple[int, int]] | None:
    """The spans of the matches the alternation of ``singles`` (in order) finds in ``text``.

    The alternation takes, from where its last match ended, the leftmost
    match, and of the branches matching there the first. Each pattern's next
    match from that point is its leftmost one at or after it, so the merge
    takes the earliest of those, the first pattern among equals; patterns
    whose next match began before the end of the one taken look again from
    that end. None when a match is empty: the alternation's rule for empty
    matches is then left to the alternation itself.

    Mostly no two patterns' matches overlap (each pattern a different word),
    and each pattern's matches, found all at once, are then the answer.
    """
    if not singles:
        return []
    low = text.lower() if text.isascii() else None
    # Each pattern's own matches, when no two overlap, are the alternation's: it takes
    # them in order of their starts. Only where they overlap does it choose among them.
    every: list[tuple[int, int]] = []
    for single in singles:
        own = single.spans(text, low)
        if own is None:
            return None
        every.extend(own)
    if len(singles) == 1:
        return every
    every.sort()
    end = -1
    for s, e in every:
        if s < end:
            break
        end = e
    else:
        return every
    found: list[Any] = [single.search(text, 0, low) for single in singles]
    out: list[tuple[int, int]] = []
    while True:
        best = -1
        for i, m in enumerate(found):
            if m is not None and (best < 0 or m.start() < found[best].start()):
                best = i
        if best < 0:
            return out
        m = found[best]
        start, end = m.span()
        if end == start:
            return None
        out.append((start, end))
        for i, other in enumerate(found):
            if other is not None and other.start() < end:
                found[i] = singles[i].search(text, end, low)


def _timed_out() -> RuleTimeout:
    """The error for a pattern that ran past the time limit (raised ``from`` the engine's)."""
    return RuleTimeout(f"a pattern ran for more than {_timeout}s")


def _alternation(patterns: Sequence[str], whole_word: bool) -> str:
    parts = [rf"\b(?:{p})\b" if whole_word else f"(?:{p})" for p in patterns]
    return "|".join(parts) if parts else r"(?!)"


#: Constructs after which deleting a lookbehind could change more than that assertion:
#: backreferences and conditionals count groups (a deleted lookbehind may hold one),
#: and quoting, comments and POSIX classes defeat the simple scan below.
_UNSAFE = regex.compile(r"\\[1-9gkQE]|\(\?(?:P=|P>|&|R|\(|#|[+-]?[0-9])|\[\[:|\(\?[a-zA-Z]*x")


def strip_lookbehinds(pattern: str) -> str | None:
    """``pattern`` with every lookbehind deleted, or None when that is not plainly safe.

    The result matches wherever ``pattern`` does (it only lacks constraints).
    None when the pattern has no lookbehind, or uses a construct after which
    deleting one could change more than that assertion.
    """
    if not _has_lookbehind(pattern) or _UNSAFE.search(pattern):
        return None
    out: list[str] = []
    removed = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif pattern.startswith(("(?<=", "(?<!"), i):
            close = _group_end(pattern, i)
            if close is None or (close < n and pattern[close] in "?*+{"):
                return None  # unbalanced, or a quantified assertion: leave it alone
            i = close
            removed = True
        else:
            out.append(ch)
            i += 1
    return "".join(out) if removed else None


def _class_end(pattern: str, i: int) -> int:
    """The index just past the character class opening at ``i``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1  # a leading ] is a literal
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j + 1
        j += 1
    return len(pattern)


def _group_end(pattern: str, i: int) -> int | None:
    """The index just past the group opening at ``i``, or None when it never closes."""
    depth, j, n = 0, i, len(pattern)
    while j < n:
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _class_end(pattern, j)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None


def _has_lookbehind(pattern: str) -> bool:
    return "(?<=" in pattern or "(?<!" in pattern


def _prefilter(patterns: Sequence[str], whole_word: bool) -> str | None:
    """The lookbehind-free alternation, or None when there is nothing to gain.

    None too when any pattern uses a construct that counts groups: deleting a
    lookbehind from one pattern renumbers the groups of the patterns after it.
    """
    if not any(_has_lookbehind(p) for p in patterns) or any(_UNSAFE.search(p) for p in patterns):
        return None
    relaxed = []
    for p in patterns:
        stripped = strip_lookbehinds(p)
        if stripped is None and _has_lookbehind(p):
            return None  # one we could not delete would keep the prefilter slow
        relaxed.append(p if stripped is None else stripped)
    return _alternation(relaxed, whole_word)


def check_pattern(pattern: str) -> str | None:
    """Compile one pattern as rules will; return the error message, or None if valid."""
    try:
        regex.compile(pattern, regex.VERSION0 | regex.IGNORECASE)
    except regex.error as exc:
        return f"invalid regular expression {pattern!r}: {exc}"
    return None


def matcher(params: dict[str, Any] | Any, key: str, **defaults: Any) -> Matcher:
    """Build a Matcher from ``params[key]`` honouring ``case-sensitive`` and ``whole-word``."""
    patterns = params.get(key) or []
    if isinstance(patterns, str):
        patterns = [patterns]
    return Matcher(
        patterns,
        case_sensitive=bool(params.get("case-sensitive", defaults.get("case_sensitive", False))),
        whole_word=bool(params.get("whole-word", defaults.get("whole_word", False))),
    )
