"""Regular expressions for rules, behind one interface with a time limit.

Rule authors write Perl-style patterns; the ``regex`` package runs them with a
per-call ``timeout`` so that one catastrophic pattern cannot hang a batch.
A pattern that runs past its limit raises :class:`~lcsprlint.errors.RuleTimeout`;
the engine then reports that rule as failed and runs the others.
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

    __slots__ = ("_rx", "patterns")

    def __init__(
        self,
        patterns: Sequence[str],
        *,
        case_sensitive: bool = False,
        whole_word: bool = False,
    ) -> None:
        self.patterns = tuple(patterns)
        parts = [rf"\b(?:{p})\b" if whole_word else f"(?:{p})" for p in self.patterns]
        flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
        self._rx = regex.compile("|".join(parts) if parts else r"(?!)", flags)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def search(self, text: str, pos: int = 0) -> Any:
        try:
            return self._rx.search(text, pos, timeout=_timeout)
        except TimeoutError as exc:
            raise RuleTimeout(f"a pattern ran for more than {_timeout}s") from exc

    def finditer(self, text: str) -> Iterator[Any]:
        try:
            yield from self._rx.finditer(text, timeout=_timeout)
        except TimeoutError as exc:
            raise RuleTimeout(f"a pattern ran for more than {_timeout}s") from exc

    def count(self, text: str) -> int:
        return sum(1 for _ in self.finditer(text))


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
