"""Pseudo-headings every reader recognises the same way.

Most real drafts are formatted by hand: a bold line instead of a Heading
style ("**Key questions.**"), a bold lead-in that starts a paragraph ("**Why
we did this review.** The rapid review met..."), or a short plain line above
a paragraph ("Reason for the review"). Readers find where these stand in
their own format; the tests of what reads as a heading live here, so a draft
reads the same whether it was saved as .docx, Markdown or text.
"""

from __future__ import annotations

from lcsprlint.readers.assemble import RawBlock
from lcsprlint.textutil import LazyPattern, count_words, looks_like_title

#: A bold lead-in longer than this is emphasis, not a run-in heading.
RUNIN_MAX_WORDS = 12
#: Words of body text that must follow a run-in heading in its paragraph.
RUNIN_MIN_BODY_WORDS = 3
#: A lone plain line is a heading only above a paragraph at least this long.
BODY_AFTER_TITLE_WORDS = 15
#: A lone plain line longer than this is a sentence, not a heading.
STANDALONE_TITLE_WORDS = 10


def heading_text(text: str) -> str:
    """The heading a bold line or lead-in states, without its closing full stop or colon."""
    return text.strip().rstrip(" .:").strip()


#: Words that make a short line a sentence rather than a heading ("The plan was agreed.").
_FINITE = LazyPattern(
    r"^(?:is|are|was|were|has|have|had|will|would|should|must|can|could|did|does|do|"
    r"[a-z]+ed)$"
)
#: A line closed by a colon is a heading ("Key questions:") only when it is this short;
#: longer ones introduce what follows ("The partners set out to answer three questions:").
COLON_TITLE_WORDS = 5
#: A bold line closed by a full stop is a heading only when it is this short.
STOPPED_TITLE_WORDS = 8


def bold_title(text: str) -> bool:
    """A wholly bold line that reads as a heading ("**Recommendations.**" included).

    A closing full stop is allowed on a short line with no finite verb after
    its first word, so "**What the review found.**" is a heading and "**The
    partnership accepted every recommendation.**" stays a sentence.
    """
    t = text.strip()
    title = heading_text(t)
    if t.endswith("?") and "\n" not in t:
        # A bold question heads a section in question-and-answer reports.
        return looks_like_title(t[:-1]) and len(t.split()) <= STOPPED_TITLE_WORDS + 4
    if not title or "\n" in title or not looks_like_title(title):
        return False
    if not t.endswith("."):
        return True
    return len(title.split()) <= STOPPED_TITLE_WORDS and not _has_verb(title)


def _has_verb(text: str) -> bool:
    """Whether a short line has a finite verb after its first word (a sentence, not a title)."""
    return any(_FINITE.match(w) for w in text.lower().split()[1:])


def runin_heading(lead: str, rest: str) -> bool:
    """Whether a paragraph's bold lead-in is a run-in heading for the text after it.

    The lead-in must read as a title once its closing full stop or colon is
    dropped, and enough text must follow; "**Note** that ..." (a lead-in that
    runs on in lower case) is emphasis, not a heading.
    """
    title = heading_text(lead)
    body = rest.strip().lstrip(".:;-–— ")
    return (
        bool(title)
        and "\n" not in title
        and looks_like_title(title, max_words=RUNIN_MAX_WORDS)
        and count_words(body) >= RUNIN_MIN_BODY_WORDS
        and not body[:1].islower()
    )


def split_runin(block: RawBlock, lead_chars: int) -> list[RawBlock]:
    """Split a paragraph whose first ``lead_chars`` characters are a run-in heading.

    Returns the heading candidate and the paragraph's remaining text, both on
    the paragraph's line and paragraph number (they are one paragraph in the
    source); or the block alone when the lead-in is not a heading.
    """
    lead, rest = block.text[:lead_chars], block.text[lead_chars:]
    if not runin_heading(lead, rest):
        return [block]
    heading = RawBlock(
        "paragraph",
        heading_text(lead),
        line=block.line,
        paragraph=block.paragraph,
        candidate=True,
        runin=True,
        bold=True,
        style=block.style,
    )
    body = RawBlock(
        "paragraph",
        rest.strip().lstrip(".:;-–— ").strip(),
        line=block.line,
        paragraph=block.paragraph,
        style=block.style,
    )
    return [heading, body]


def standalone_title(text: str, *, colon: bool = True) -> bool:
    """A lone short line that may head the paragraph below it (checked by :func:`settle`)."""
    t = text.strip()
    if not t or "\n" in t or not t[0].isupper():
        return False
    if t.endswith(":") and not colon:
        return False
    return looks_like_title(t.rstrip(":"), max_words=STANDALONE_TITLE_WORDS)


def settle_standalone(raw: list[RawBlock], indices: set[int]) -> None:
    """Make each lone short line a candidate when body text follows it.

    A line ending in a colon with a verb in it introduces what follows ("The
    review focused on the following areas:"); without one it is a heading
    ("Recommendations:").
    """
    for t in sorted(indices):
        line = raw[t].text.strip()
        if line.endswith(":") and (
            _has_verb(line.rstrip(":")) or count_words(line) > COLON_TITLE_WORDS
        ):
            continue  # "The review considered:" introduces what follows
        nxt = raw[t + 1] if t + 1 < len(raw) else None
        if nxt is None or nxt.candidate or nxt.kind == "heading":
            continue
        body = nxt.kind == "paragraph" and count_words(nxt.text) >= BODY_AFTER_TITLE_WORDS
        listed = nxt.kind == "list-item" and t + 2 < len(raw) and raw[t + 2].kind == "list-item"
        if body or listed:
            raw[t].candidate = True
            raw[t].text = raw[t].text.strip().rstrip(":").strip()
