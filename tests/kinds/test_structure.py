"""The structure kind: comments, tracked changes, tracking on, hidden text, metadata."""

from __future__ import annotations

from lcsprlint.model import Comment, ExtraText, Metadata, TrackedChange

from .conftest import doc, invalid, p, run

LONG = "Please check with Dr Patel whether the mother's address at 12 Acacia Road is right " * 3


def draft(**extras):
    return doc(p("First paragraph."), p("Second paragraph."), **extras)


def test_unresolved_comments_one_hit_each():
    d = draft(
        comments=[
            Comment("0", "Alice Reviewer", None, "Check this.", (1,)),
            Comment("1", "Bob", None, "Done.", (0,), resolved=True),
            Comment("2", "", None, LONG, ()),
        ]
    )
    hits = run("structure", {"facts": ["unresolved-comments"]}, d)
    assert len(hits) == 2
    assert hits[0].block == 1 and hits[0].story == "comment"
    assert hits[0].values["author"] == "Alice Reviewer" and hits[0].values["kind"] == "unresolved"
    assert hits[0].note is None  # the rule's message names the author from the values
    assert hits[1].block is None and hits[1].values["author"] == "unknown"
    assert len(hits[1].snippet) <= 61 and hits[1].snippet.endswith("…")
    assert "Acacia" not in hits[1].snippet


def test_all_comments_and_allow():
    d = draft(
        comments=[
            Comment("0", "lcsprlint", None, "Plain English: avoid 'utilise'", (0,)),
            Comment("1", "Bob", None, "Done.", (0,), resolved=True),
        ]
    )
    hits = run("structure", {"facts": ["comments"], "allow": ["^lcsprlint$"]}, d)
    assert [x.values["author"] for x in hits] == ["Bob"]
    assert hits[0].values["kind"] == "resolved"
    both = run("structure", {"facts": ["comments", "unresolved-comments"]}, d)
    assert len(both) == 2  # not reported twice


def test_tracked_changes_per_item_author_document():
    changes = [
        TrackedChange("insertion", "Alice", None, "slept", 0),
        TrackedChange("deletion", "Alice", None, "sat", 0),
        TrackedChange("move", "Bob", None, "moved", 1),
    ]
    d = draft(changes=changes)
    hits = run("structure", {"facts": ["tracked-changes"]}, d)
    assert [(x.values["author"], x.values["kind"], x.block) for x in hits] == [
        ("Alice", "insertion", 0),
        ("Alice", "deletion", 0),
        ("Bob", "move", 1),
    ]
    assert hits[0].note is None
    by_author = run("structure", {"facts": ["tracked-changes"], "per": "author"}, d)
    assert [(x.values["author"], x.values["count"]) for x in by_author] == [
        ("Alice", 2),
        ("Bob", 1),
    ]
    once = run("structure", {"facts": ["tracked-changes"], "per": "document"}, d)
    assert len(once) == 1
    assert once[0].values["count"] == 3 and once[0].values["author"] == "Alice, Bob"
    assert once[0].note == "3 in all."


def test_track_revisions_on():
    assert run("structure", {"facts": ["track-revisions-on"]}, draft()) == []
    hits = run("structure", {"facts": ["track-revisions-on"]}, draft(track_revisions=True))
    assert len(hits) == 1 and hits[0].block is None


def test_hidden_text():
    d = draft(
        extras=[
            ExtraText("hidden", "Internal note: ask Dr Patel", "Internal note: ask Dr Patel"),
            ExtraText("footer", "Page 1", "Page 1"),
        ]
    )
    hits = run("structure", {"facts": ["hidden-text"]}, d)
    assert len(hits) == 1 and hits[0].story == "hidden"
    assert hits[0].snippet == "Internal note: ask Dr Patel"


def test_metadata_fields():
    meta = Metadata(
        title="LCSPR Child A",
        author="Jane Smith",
        last_modified_by="lcsprlint",
        extra=(("company", "Castle Council"), ("manager", "")),
    )
    d = draft(metadata=meta)
    hits = run("structure", {"facts": ["metadata-fields"], "allow": ["^lcsprlint$"]}, d)
    assert [(x.values["field"], x.values["match"]) for x in hits] == [("author", "Jane Smith")]
    assert hits[0].story == "metadata:author"
    params = {
        "facts": ["metadata-fields"],
        "metadata-fields": ["author", "last-modified-by", "Company", "manager"],
    }
    hits = run("structure", params, d)
    assert [x.values["field"] for x in hits] == ["author", "last_modified_by", "company"]


def test_clean_document():
    facts = list(
        (
            "unresolved-comments",
            "comments",
            "tracked-changes",
            "track-revisions-on",
            "hidden-text",
            "metadata-fields",
        )
    )
    assert run("structure", {"facts": facts}, draft()) == []
    assert run("structure", {"facts": facts}, doc()) == []


def test_validation():
    assert invalid("structure", {}) is not None
    assert invalid("structure", {"facts": []}) is not None
    assert invalid("structure", {"facts": ["typos"]}) is not None
    assert invalid("structure", {"facts": ["comments"], "allow": ["("]}) is not None
    assert invalid("structure", {"facts": ["comments"], "per": "author"}) is None
