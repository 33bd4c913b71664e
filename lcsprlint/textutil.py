"""Small text helpers shared by readers and check kinds.

Normalisation is character-for-character where it can be, so that offsets in
normalised text still point close to the original; it exists because real
drafts put non-breaking spaces, smart quotes and zero-width characters in
headings, and "Key\u00a0questions" must still match ``key questions``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from lcsprlint.precompiled import re_compiled, re_constant


class LazyPattern:
    """A module-level regex compiled on first use, then as fast as the compiled one.

    Compiling is most of what importing lcsprlint costs, and a run uses few of
    the patterns its modules declare (a .docx check never parses Markdown, a
    draft without a sign-off never tests one): a pattern only some runs need
    is declared with this instead of :func:`re.compile`. ``pattern`` and
    ``flags`` are answered without compiling; the first other attribute asked
    for compiles it and copies the compiled pattern's methods and attributes
    onto this object, so later calls (``.search``, ``.sub``...) are plain
    attribute lookups of the compiled pattern's own bound methods.
    ``compiled`` is the :class:`re.Pattern` itself. It is not an instance of
    :class:`re.Pattern`.
    """

    _COPIED = (
        "search",
        "match",
        "fullmatch",
        "findall",
        "finditer",
        "sub",
        "subn",
        "split",
        "scanner",
        "groups",
        "groupindex",
    )

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = int(flags)

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not copied yet, i.e. on first use.
        if name.startswith("_"):  # copy, pickle and friends ask for what we do not have
            raise AttributeError(name)
        compiled = self._compile()
        return compiled if name == "compiled" else getattr(compiled, name)

    def _compile(self) -> re.Pattern[str]:
        compiled = re_compiled(self.pattern, self._flags)
        for attr in self._COPIED:
            setattr(self, attr, getattr(compiled, attr))
        self.compiled = compiled
        return compiled

    @property
    def flags(self) -> int:
        """``flags`` of the compiled pattern, without compiling it where that can be helped.

        A :class:`~lcsprlint.kinds.literals.Gated` gate reads its pattern's
        flags to find the literals every match holds (from the shipped table,
        no parsing); that alone compiled patterns a one-page draft never runs.
        ``re.compile`` adds ``re.UNICODE`` to a str pattern's flags unless
        ``re.ASCII`` or ``re.LOCALE`` is given, and the flags of a global
        inline group (``(?i)``): a pattern that may hold one is compiled.
        """
        compiled = self.__dict__.get("compiled")
        if compiled is None:
            if not _may_set_flags(self.pattern):
                flags = self._flags
                return flags if flags & (re.ASCII | re.LOCALE) else flags | re.UNICODE
            compiled = self._compile()
        return compiled.flags

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


def _may_set_flags(pattern: str) -> bool:
    """Whether ``pattern`` may hold a global inline flag group such as ``(?i)``.

    True for every "(?" followed by flag letters and ")", escaped or not
    (then the pattern is compiled to read its flags, which is never wrong).
    """
    i = pattern.find("(?")
    while i != -1:
        j = i + 2
        while j < len(pattern) and pattern[j] in "aiLmsux":
            j += 1
        if j > i + 2 and pattern.startswith(")", j):
            return True
        i = pattern.find("(?", i + 1)
    return False


_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\t": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)

_SPACES = LazyPattern(r"[ \r\n]+")


def normalise(text: str) -> str:
    """Text for matching: plain spaces, straight quotes and dashes, no invisible characters."""
    if text.isascii():
        out = text.replace("\t", " ")
    else:
        out = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    if "  " in out or "\n" in out or "\r" in out:  # else collapsing changes nothing
        out = _SPACES.sub(" ", out)
    return out.strip()


#: For :func:`count_words`: letters and digits become ``a``, whitespace (as
#: ``str.isspace`` has it, \x1c-\x1f included) a space, every other ASCII byte is deleted.
_WORD_BYTES = bytes(
    97 if chr(i).isalnum() else 32 if chr(i).isspace() else i for i in range(128)
) + bytes(range(128, 256))
_NOT_WORD_BYTES = bytes(i for i in range(128) if not (chr(i).isalnum() or chr(i).isspace()))
_NON_ASCII = LazyPattern(r"[^\x00-\x7f]")


def count_words(text: str) -> int:
    """Words: whitespace-separated tokens that hold a letter or digit.

    That is ``len(re.findall(r"\\S*?[^\\W_]\\S*", text))`` (``[^\\W_]`` is
    ``str.isalnum``), but a regex match per word was a large share of reading
    a long draft and of the rules that count words. Here every character is
    reduced to its class (``a`` for a letter or digit, a space for whitespace,
    nothing for anything else), so the count is the number of ``a`` that start
    the text or follow a space.
    Non-ASCII characters (curly quotes, dashes, accented letters, no-break
    spaces) are replaced by their class first: a paragraph holds only a few
    distinct ones.
    ``tests/test_speed_reader.py`` checks it against the regex on arbitrary text.
    """
    if not text.isascii():
        for ch in set(_NON_ASCII.findall(text)):
            text = text.replace(ch, "a" if ch.isalnum() else " " if ch.isspace() else "")
    reduced = text.encode("ascii").translate(_WORD_BYTES, _NOT_WORD_BYTES)
    return reduced.count(b" a") + reduced.startswith(b"a")


_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBER_PREFIX = re_constant(
    r"^\s*(?:(?:section|part|chapter)\s+)?"
    r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,4}|" + _ROMAN + r"(?=[.)]))"
    r"(?:[.):]|\s*[-–—:|])?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_APPENDIX_PREFIX = re_constant(
    r"^\s*(?P<num>(?:appendix|annex|annexe)\s+(?:[A-Z]|\d{1,2}))\b[.:)\s-]*(?P<rest>.*)$",
    re.IGNORECASE,
)


def split_heading_number(text: str) -> tuple[str | None, str]:
    """Split "3.1 Key questions" into ("3.1", "Key questions").

    Returns ``(None, text)`` when the text carries no leading number. Appendix
    labels ("Appendix A: Chronology") are kept whole as the title, with the
    label as the number, because "appendix" is part of what the heading says.
    """
    stripped = text.strip()
    m = _APPENDIX_PREFIX.match(stripped)
    if m:
        return m.group("num"), stripped
    m = _NUMBER_PREFIX.match(stripped)
    if m and m.group("num"):
        return m.group("num").rstrip("."), m.group("rest").strip()
    return None, stripped


def number_depth(number: str | None) -> int | None:
    """Heading level implied by a number: "3" -> 1, "3.1" -> 2; None for other labels."""
    if not number or not number[0].isdigit():
        return 1 if number else None
    return number.count(".") + 1


#: A labelled, numbered title: "Finding 1: ...", "Theme two - ...", "Key question 3. ...".
#: Such titles are the items of a section ("Findings"), not chapters of their own.
LABELLED_TITLE = LazyPattern(
    r"^[A-Z][A-Za-z]+(?: [a-z]+)? (?:\d{1,2}|[A-Z]|one|two|three|four|five|six|seven|eight|"
    r"nine|ten)\s*[:.–—-]\s+\S"
)

_TERMINAL = (".", ",", ";", "?", "!")
_DOT_LEADER = LazyPattern(r"(?:(?<!\.)\.{3,}|…|\t)\s*\d+\s*$")


def is_toc_entry(text: str) -> bool:
    """A contents-list line: a title followed by dot leaders or a tab and a page number."""
    # A match ends in a digit and trailing space: most lines are ruled out without
    # the search, which tries the leader at every position of every paragraph.
    if not text.rstrip()[-1:].isdigit():
        return False
    return bool(_DOT_LEADER.search(text))


def looks_like_title(text: str, max_words: int = 14) -> bool:
    """Whether a line reads as a heading rather than a sentence.

    Short, starts with a capital or a number, does not end like a sentence.
    Questions are not titles: key questions are often written one per line.
    """
    t = text.strip()
    if not t or len(t) > 120 or t.endswith(_TERMINAL):
        return False
    words = t.split()
    if len(words) > max_words:
        return False
    first = t[0]
    if not (first.isupper() or first.isdigit()):
        return False
    return any(ch.isalpha() for ch in t)


_MARKING = re_constant(
    r"^(?:official(?:[- ]sensitive)?|confidential|restricted|private and confidential|"
    r"not protectively marked|(?:(?:final|first|second|working)\s+)?draft\b.{0,40})\W*$",
    re.IGNORECASE,
)


def is_marking(text: str) -> bool:
    """A protective marking or draft status line ("OFFICIAL SENSITIVE", "FINAL DRAFT").

    Such lines sit above the title and are never headings or the title.
    """
    return bool(_MARKING.match(text.strip()))
