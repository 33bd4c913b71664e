"""Regular expressions for rules, behind one interface with a time limit.

Rule authors write Perl-style patterns; the ``regex`` package runs them with a
per-call ``timeout`` so that one catastrophic pattern cannot hang a batch.
A pattern that runs past its limit raises :class:`~lcsprlint.errors.RuleTimeout`;
the engine then reports that rule as failed and runs the others.

Rule packs excuse many matches with a lookbehind at the start of a pattern
("culture", but not "organisational culture"). The engine must then try the
lookbehind at every position of every paragraph, which made one such list
take as long as thirty plain ones. So a Matcher whose patterns contain
lookbehinds also compiles a *prefilter*: the same patterns with every
lookbehind deleted. Deleting an assertion only removes a constraint, so the
prefilter matches wherever the pattern does; text where it finds nothing is
text where the pattern finds nothing, and most paragraphs are such text.
Results are the pattern's own, always.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from lcsprlint.errors import RuleTimeout

#: Seconds one search may take on one piece of text.
DEFAULT_TIMEOUT = 0.5

_timeout = DEFAULT_TIMEOUT


def set_timeout(seconds: float) -> None:
    """Set the per-search time limit for this process (the CLI's ``--regex-timeout``)."""
    global _timeout
    _timeout = seconds


class Matcher:
    """Any-of a list of patterns, compiled once, searched with a time limit."""

    __slots__ = ("_pre", "_rx", "patterns")

    def __init__(
        self,
        patterns: Sequence[str],
        *,
        case_sensitive: bool = False,
        whole_word: bool = False,
    ) -> None:
        self.patterns = tuple(patterns)
        flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
        self._rx = regex.compile(_alternation(self.patterns, whole_word), flags)
        self._pre = _prefilter(self.patterns, whole_word, flags)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def _absent(self, text: str, pos: int = 0) -> bool:
        """True when the prefilter proves no pattern matches ``text`` (from ``pos``).

        A prefilter that runs past the time limit proves nothing; the pattern
        itself then runs, under its own limit.
        """
        if self._pre is None:
            return False
        try:
            return self._pre.search(text, pos, timeout=_timeout) is None
        except TimeoutError:
            return False

    def search(self, text: str, pos: int = 0) -> Any:
        if self._absent(text, pos):
            return None
        try:
            return self._rx.search(text, pos, timeout=_timeout)
        except TimeoutError as exc:
            raise RuleTimeout(f"a pattern ran for more than {_timeout}s") from exc

    def finditer(self, text: str) -> Iterator[Any]:
        if self._absent(text):
            return
        try:
            yield from self._rx.finditer(text, timeout=_timeout)
        except TimeoutError as exc:
            raise RuleTimeout(f"a pattern ran for more than {_timeout}s") from exc

    def count(self, text: str) -> int:
        """How many matches ``finditer`` would yield (counted without a Python loop)."""
        if self._absent(text):
            return 0
        try:
            return len(self._rx.findall(text, timeout=_timeout))
        except TimeoutError as exc:
            raise RuleTimeout(f"a pattern ran for more than {_timeout}s") from exc


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
            end = _group_end(pattern, i)
            if end is None or (end < n and pattern[end] in "?*+{"):
                return None  # unbalanced, or a quantified assertion: leave it alone
            i = end
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


def _prefilter(patterns: Sequence[str], whole_word: bool, flags: int) -> Any:
    """The compiled lookbehind-free alternation, or None when there is nothing to gain.

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
    try:
        return regex.compile(_alternation(relaxed, whole_word), flags)
    except regex.error:
        return None


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
