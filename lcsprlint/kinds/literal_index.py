"""One Aho-Corasick scan per text answers every literal gate (see :class:`LiteralIndex`).

:class:`lcsprlint.kinds.literals.Literals` gates ask :data:`INDEX` while a
document is being checked; :func:`scan_texts_of` starts and ends that. Kept
apart from the literal analysis, which reads patterns and knows nothing of
documents.
"""

from __future__ import annotations

import weakref
from operator import itemgetter
from typing import Any

import ahocorasick

from lcsprlint.kinds import literal_table


class LiteralIndex:
    """Every gate's literals in one Aho-Corasick automaton, and which ones each text holds.

    A long draft's rules ask a hundred gates about each paragraph; each gate
    searching the paragraph for its own few strings cost more than all the
    patterns they spared. The automaton finds the literals of every gate in
    one pass over a text (overlapping ones too: "partners" inside
    "safeguarding partners"), so each text is scanned once and every gate's
    answer is a set intersection.

    Gates are made lazily (a Matcher's after its warm-up), so literals join
    the index as gates are first asked. Those that joined after the
    automaton was built wait for :data:`_BATCH` more, their gates searching
    for themselves meanwhile, and then get a small automaton of their own (a
    *segment*), which texts scanned before are passed through when next
    asked about them; the segments are merged into one when a new document
    starts. The built-in patterns' literals are taken ahead for the first
    draft a process checks (see :meth:`start`), so it gains nearly the
    whole. Ids never change while a gate holds them; the registry is only
    renumbered (a new *epoch*: gates then take new ids) when the second
    document starts, to drop the literals taken ahead that no gate asked
    for, and emptied when it has grown past :data:`_MAX_IDS`, as random
    patterns in a long test session make it.

    ``memo`` maps each text to ``[ids covered, is ASCII, ids present]``;
    exact literals are looked for in the text as written, caseless ones in
    the lower-cased text and only when it is ASCII (other text is admitted
    by every gate with caseless literals). It lives only while its document
    does (see :func:`scan_texts_of`).
    """

    def __init__(self) -> None:
        self.memo: dict[str, list[Any]] | None = None
        self.epoch = 0
        self._owner: int | None = None
        self._ids: dict[tuple[str, bool], int] = {}
        #: Ids gates took, while the registry holds the built-in literals taken ahead.
        self._asked: set[int] | None = None
        #: The (patterns, flags) of the Matchers made before the first document (see
        #: :meth:`want`); None once it has started.
        self._wanted: list[tuple[tuple[str, ...], int]] | None = []
        self.built = 0  # ids below this are in a segment
        #: (first id, end id, automaton for the text, automaton for the lower-cased text,
        #: the short literals: (string, caseless, id))
        self._segments: list[tuple[int, int, Any, Any, tuple[tuple[str, bool, int], ...]]] = []

    def id_of(self, literal: str, caseless: bool) -> int:
        key = (literal, caseless)
        got = self._ids.get(key)
        if got is None:
            got = self._ids[key] = len(self._ids)
        if self._asked is not None:
            self._asked.add(got)
        return got

    def want(self, patterns: tuple[str, ...], flags: int) -> None:
        """A Matcher of these patterns was made: the first document takes their literals ahead.

        Only until the first document starts; see :meth:`start`.
        """
        wanted = self._wanted
        if wanted is not None:
            wanted.append((patterns, flags))

    def ready(self, need: int) -> bool:
        """Whether ids below ``need`` are in the automata (a new segment is built if worth it).

        Literals that joined since the last segment wait until there are
        :data:`_BATCH` of them: each segment costs every text asked about
        its literals another pass, and the first draft a process checks
        brings a few literals with each rule. Until then their gates search
        for themselves.
        """
        if need <= self.built:
            return True
        if len(self._ids) - self.built < _BATCH:
            return False
        self._segments.append(self._segment(self.built))
        self.built = len(self._ids)
        return True

    def scan(self, text: str, entry: list[Any] | None) -> list[Any]:
        """The memo entry of ``text``, covering every id in the automata."""
        if entry is None:
            entry = [0, text.isascii(), set()]
            assert self.memo is not None
            self.memo[text] = entry
        covered, ascii_, present = entry
        low = None
        for _lo, hi, exact, caseless, short in self._segments:
            if hi <= covered:
                continue
            if exact is not None:
                present.update(map(_VALUE, exact.iter(text)))
            if caseless is not None and ascii_:
                if low is None:
                    low = text.lower()
                present.update(map(_VALUE, caseless.iter(low)))
            for literal, ci, i in short:
                if not ci:
                    if literal in text:
                        present.add(i)
                elif ascii_:
                    if low is None:
                        low = text.lower()
                    if literal in low:
                        present.add(i)
        entry[0] = self.built
        return entry

    def _segment(self, lo: int) -> tuple[int, int, Any, Any, tuple[tuple[str, bool, int], ...]]:
        """Automata for the ids from ``lo`` on, and the short literals apart.

        A literal of :data:`_SHORT` characters or fewer ("d", "@") is in
        nearly every paragraph, often many times: in the automaton each
        occurrence is a hit handled in Python, where a substring test stops
        at the first.
        """
        exact = ahocorasick.Automaton()
        caseless = ahocorasick.Automaton()
        short = []
        for (literal, ci), i in self._ids.items():
            if i >= lo:
                if len(literal) <= _SHORT:
                    short.append((literal, ci, i))
                else:
                    (caseless if ci else exact).add_word(literal, i)
        return (lo, len(self._ids), _made(exact), _made(caseless), tuple(short))

    def start(self, owner: int) -> None:
        """A new document: an empty memo, and one segment for every id.

        The first document of a process finds in the registry the literals
        of the built-in patterns, taken ahead
        (:func:`lcsprlint.kinds.literal_table.literals`): the gates made while
        it is checked find their ids in the automaton at once, instead of each
        searching for itself (compiling a search of its own) until enough new
        literals make a segment. Those of the Matchers made so far (the rules
        to run: see :meth:`want`) and of the detectors' patterns, or, when
        no Matcher was made, of every built-in pattern: the literals of rules
        that will not run would only cost each scan time (the built-in packs
        hold twice what one profile's rules ask). From the next document on,
        only the literals some gate took are looked for (those of other packs
        and rules would only cost every scan time): they are numbered afresh,
        in a new epoch in which gates take their ids again. A segment that
        already covers every id is kept.
        """
        asked = self._asked
        if len(self._ids) > _MAX_IDS:
            self._ids = {}
            self._segments = []
            self._asked = None
            self.epoch += 1
        elif asked is not None:
            kept = sorted((i, key) for key, i in self._ids.items() if i in asked)
            self._ids = {key: n for n, (_i, key) in enumerate(kept)}
            self._segments = []
            self._asked = None
            self.epoch += 1
        elif not self._ids and self.epoch == 0:
            for literal, caseless in literal_table.literals(self._wanted):
                self._ids.setdefault((literal, caseless), len(self._ids))
            self._asked = set()
        self._wanted = None
        segments = self._segments
        whole = len(segments) == 1 and segments[0][:2] == (0, len(self._ids))
        if not whole:
            self._segments = [self._segment(0)] if self._ids else []
        self.built = len(self._ids)
        self._owner = owner
        self.memo = {}

    def end(self, owner: int) -> None:
        """The document ``owner`` is gone: its texts go with it."""
        if self._owner == owner:
            self.stop()

    def stop(self) -> None:
        """No document: gates search for themselves, and no text is kept."""
        self._owner = None
        self.memo = None

    def owns(self, owner: int) -> bool:
        return self._owner == owner


#: Literals this short are looked for by a substring test, not by the automaton.
_SHORT = 1
#: How many new literals make a new segment worth its passes over the texts.
_BATCH = 200
#: Past this many literals (several times what every built-in rule holds) the index starts over.
_MAX_IDS = 20_000
_VALUE = itemgetter(1)


def _made(automaton: Any) -> Any:
    """The automaton ready to search, or None when it holds no literal."""
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


#: The one index, shared by every gate of the process (documents are checked one at a time).
INDEX = LiteralIndex()


def index_epoch() -> int:
    """Changes whenever ids taken from the index before are void."""
    return INDEX.epoch


def present_ids(text: str, need: int) -> set[int] | None:
    """Ids of the indexed literals ``text`` holds, or None when the index cannot say.

    ``need``: one more than the highest id the caller asks about. None when
    no document scan is active, or when the text is not ASCII (caseless
    literals are then not looked for: ask :meth:`Literals.admits`). The set
    is the index's own: do not change it.
    """
    entry = scanned(INDEX, text, need)
    return entry[2] if entry is not None and entry[1] else None


def scanned(index: LiteralIndex, text: str, need: int) -> list[Any] | None:
    """``index``'s memo entry of ``text`` (``[ids covered, is ASCII, ids present]``)
    covering the ids below ``need``, or None when no document scan is active or those ids
    are not yet in the automata. The entry is the index's own: do not change it."""
    memo = index.memo
    if memo is None or (need > index.built and not index.ready(need)):
        return None
    entry = memo.get(text)
    if entry is None or entry[0] < need:
        entry = index.scan(text, entry)
    return entry


def scan_texts_of(doc: object) -> None:
    """Answer gates from the shared index while ``doc`` lives (see :class:`LiteralIndex`).

    Called where the kinds take a document's text (:meth:`Scope.units
    <lcsprlint.kinds.scope.Scope.units>`). The texts scanned are kept until
    another document is named here or this one is garbage-collected, so no
    text outlives the checking of its document by long; gates asked before
    any document is named (or after it is gone) search for themselves.
    """
    owner = id(doc)
    if INDEX.owns(owner):
        return
    try:
        weakref.finalize(doc, INDEX.end, owner)
    except TypeError:  # cannot be weakly referenced: no memo at all
        INDEX.stop()
        return
    INDEX.start(owner)
