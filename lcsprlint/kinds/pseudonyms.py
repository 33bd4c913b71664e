"""Check kind ``pseudonyms``: a child introduced under a pseudonym and then
called by another name.

Reports declare how the child will be known ("Child T", "a child who will be
known as Zac", "Jody (pseudonym)", "referred to as YP1"). A real name slips
in most often where the author forgets, as the subject of a sentence or a
possessive: "Kyle was not seen alone", "Kyle's brother". So, once a report
declares a pseudonym, this kind reports each common given name that is used
that way in scope but is not a declared pseudonym, not the reviewer or an
officer named in the front matter, and not allowed by the rule's ``allow``
patterns. Each name is reported once, at its first use.

It is conservative on purpose: only names from the built-in list of common
given names (not words such as Grace or Will), only in subject or possessive
position, never as part of a longer capitalised name ("St John", "Clare's
Law", "Kyle Bennett": full names are the ``identifiers`` kind's business), and
nothing at all when the report declares no pseudonym.

Example::

    check: pseudonyms
    allow: ["Jayden"]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lcsprlint.kinds.base import CheckKind, Hit, Params
from lcsprlint.kinds.common import as_list, boolean, check_patterns, regex_list, snippet
from lcsprlint.kinds.literals import CAPITAL, finditer_at
from lcsprlint.kinds.patterns import Matcher
from lcsprlint.kinds.pii.allow import Allowlist
from lcsprlint.kinds.pii.common import (
    NAME_TOKEN,
    citation_follows,
    given_runs,
    is_given,
    lazy,
)
from lcsprlint.kinds.pii.declared import Declared
from lcsprlint.kinds.pii.perdoc import doc_declared, doc_front_names
from lcsprlint.kinds.scope import SCOPE_PARAMS, Scope
from lcsprlint.model import Document

PARAMS: dict[str, Any] = {
    **SCOPE_PARAMS,
    "allow": regex_list("Names that may appear besides the declared pseudonyms."),
    "allow-front-matter": boolean(
        "Allow the names of the author, independent reviewer, chair and scrutineer given "
        "in the front matter (default true).",
        True,
    ),
}

_VERB = (
    r"(?:was|is|were|are|had|has|have|did|does|said|says|told|tells|went|goes|lived|lives|"
    r"moved|attended|started|became|began|felt|feels|wanted|wants|asked|asks|described|"
    r"describes|would|could|should|will|can|may|might|must|never|also|then|still|often|"
    r"later|later|did|and\s+(?:his|her|their)|[a-z]+ed|[a-z]{3,}s)"
)
_CANDIDATE = lazy(
    rf"(?P<name>{NAME_TOKEN})(?:(?P<poss>['’]s)\b(?!\s+[A-Z])|\s+(?P<verb>{_VERB})\b)"
)
_BEFORE = lazy(r"(?:[A-Z][\w'’.-]*|[@#/&])\s*$")
_SENTENCE_START = lazy(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")


#: The characters of a name :data:`_CANDIDATE` matches (``NAME_TOKEN``).
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'-")


def _given_firsts(text: str) -> frozenset[str] | None:
    """The first runs of given names that stand in ``text`` as runs of their own.

    None when there is no such shortcut (every candidate must be tried). A
    reported name is a :data:`_CANDIDATE` name that is a given name, so its
    first capital run is one of :func:`~lcsprlint.kinds.pii.common.given_firsts`,
    and a whole run of the text, since the name ends before a quote or a space:
    :func:`~lcsprlint.kinds.pii.common.given_runs`, named here as the check's
    step (tests replace it to try every candidate).
    """
    return given_runs(text)


def _candidates(text: str, firsts: frozenset[str] | None) -> Iterator[Any]:
    """Matches of :data:`_CANDIDATE` in ``text`` among which every reportable name is.

    That is ``finditer_at(_CANDIDATE, CAPITAL, text)`` (names start with a
    capital), read only in the words that hold a run of ``firsts`` (see
    :func:`_given_firsts`): most paragraphs have some capital the pattern
    must be tried at, a name at all of them only by chance. Whether a capital
    is tried depends only on matches that started before it in its own word
    (a run of name characters): a match is a name, then an ``'s`` or a space
    and a verb in small letters, so it covers no capital past its name. So
    each such word is read whole, from its start, as ``finditer_at`` would
    read it; the other words yield only names that are no given names.
    """
    if firsts is None:
        yield from finditer_at(_CANDIDATE, CAPITAL, text)
        return
    n = len(text)
    starts: list[int] = []
    for first in firsts:
        size = len(first)
        at = text.find(first)
        while at >= 0:
            after = at + size
            if after == n or not ("a" <= text[after] <= "z"):  # the whole run
                starts.append(at)
            at = text.find(first, after)
    done = 0  # words before this are read
    for at in sorted(starts):
        if at < done:
            continue
        lo = at
        while lo > 0 and text[lo - 1] in _NAME_CHARS:
            lo -= 1
        hi = at
        while hi < n and text[hi] in _NAME_CHARS:
            hi += 1
        end = 0
        for pos in range(lo, hi):
            if pos < end or not ("A" <= text[pos] <= "Z"):
                continue
            m = _CANDIDATE.match(text, pos)
            if m is not None:
                yield m
                end = m.end()
        done = hi


def _validate(params: Params) -> str | None:
    return check_patterns(as_list(params.get("allow")))


def _describe(decl: Declared) -> str:
    shown = sorted(decl.names) + sorted(decl.labels)
    return ", ".join(shown[:4]) + (", ..." if len(shown) > 4 else "")


def build(params: Params) -> Any:
    """Compile the rule's choices once; return the check."""
    scope = Scope(params, "body")
    patterns = Matcher(as_list(params.get("allow")))
    use_front = bool(params.get("allow-front-matter", True))

    def check(doc: Document) -> Iterator[Hit]:
        decl = doc_declared(doc)
        if not decl:
            return
        allow = Allowlist(patterns, doc_front_names(doc) if use_front else (), decl)
        pseudonyms = _describe(decl)
        seen: set[str] = set()
        for unit in scope.units(doc):
            text = unit.norm
            # Only given names are reported, and most paragraphs hold none (see _candidates).
            firsts = _given_firsts(text)
            if firsts is not None and not firsts:
                continue
            allowed = allow.spans(text)
            for m in _candidates(text, firsts):
                name = m.group("name")
                start, end = m.span("name")
                if name in seen or not is_given(name) or allow.allows_name(name):
                    continue
                before = text[max(0, start - 40) : start]
                if _BEFORE.search(before) and not _SENTENCE_START.search(before):
                    continue
                if citation_follows(text, end):
                    continue
                if any(start < a_end and a_start < end for a_start, a_end in allowed):
                    continue
                seen.add(name)
                yield Hit(
                    block=unit.block,
                    values={"match": name, "pseudonyms": pseudonyms},
                    snippet=snippet(unit.text, text, start, end, 110),
                    note=f"The report declares {pseudonyms}; '{name}' is not one of them. "
                    "If it is a real name, use the pseudonym or a role label; if it is "
                    "another pseudonym, declare it.",
                    story=unit.story,
                )

    return check


KIND = CheckKind(
    name="pseudonyms",
    description="A child or family member called by a given name that is not one of the "
    "pseudonyms the report declares.",
    params=PARAMS,
    build=build,
    example="check: pseudonyms",
    validate=_validate,
)
