"""Strict YAML loading: no aliases/anchors, no duplicate keys, no tags, lines kept."""

from __future__ import annotations

import pytest

from lcsprlint.engine.loader import (
    MAX_FILE_BYTES,
    LineDict,
    LineList,
    load_yaml_text,
    read_rule_documents,
    read_yaml,
)
from lcsprlint.errors import RuleFileError


def test_lines_of_keys_and_items_are_kept() -> None:
    data = load_yaml_text("id: A\nname: x\nforbid:\n  - a\n  - b\nnested:\n  k: 1\n", "f.yaml")
    assert isinstance(data, LineDict)
    assert data.key_lines == {"id": 1, "name": 2, "forbid": 3, "nested": 6}
    assert isinstance(data["forbid"], LineList)
    assert data["forbid"].item_lines == [4, 5]
    assert data["nested"].line_of("k") == 7
    assert data.line_of("missing") == data.line == 1


def test_alias_rejected_with_line() -> None:
    with pytest.raises(RuleFileError) as exc:
        load_yaml_text("a: 1\nb: *x\n", "r.yaml")
    assert exc.value.line == 2
    assert "aliases" in str(exc.value)
    assert str(exc.value).startswith("r.yaml:2: ")


def test_anchor_rejected_even_without_alias() -> None:
    with pytest.raises(RuleFileError) as exc:
        load_yaml_text("a: 1\nb: &anchor [1, 2]\n", "r.yaml")
    assert exc.value.line == 2
    assert "anchors" in exc.value.cause


def test_alias_bomb_refused() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    with pytest.raises(RuleFileError):
        load_yaml_text(bomb, "bomb.yaml")


def test_duplicate_key_rejected_with_both_lines() -> None:
    with pytest.raises(RuleFileError) as exc:
        load_yaml_text("id: A\nname: n\nid: B\n", "r.yaml")
    assert exc.value.line == 3
    assert "duplicate key 'id' (first at line 1)" in exc.value.cause


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pwned']\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
    ],
)
def test_arbitrary_tags_are_not_constructed(text: str) -> None:
    with pytest.raises(RuleFileError) as exc:
        load_yaml_text(text, "r.yaml")
    assert exc.value.line == 1
    assert "constructor" in exc.value.cause


def test_syntax_error_has_line() -> None:
    with pytest.raises(RuleFileError) as exc:
        load_yaml_text("id: A\nforbid: [a, b\nname: x\n", "r.yaml")
    assert exc.value.line is not None and exc.value.line >= 2
    assert exc.value.cause.startswith("invalid YAML")


def test_dates_stay_text() -> None:
    assert load_yaml_text("since: 2021-07-01\n", "r.yaml") == {"since": "2021-07-01"}


def test_size_cap(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(RuleFileError, match="too large"):
        read_yaml(big)


def test_not_utf8(tmp_path) -> None:
    f = tmp_path / "latin.yaml"
    f.write_bytes(b"id: caf\xe9\n")
    with pytest.raises(RuleFileError, match="UTF-8"):
        read_yaml(f)


def test_rule_documents_one_or_list(tmp_path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text("id: A\n")
    many = tmp_path / "many.yaml"
    many.write_text("- id: A\n- id: B\n")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n")
    assert [d["id"] for d in read_rule_documents(one)] == ["A"]
    docs = read_rule_documents(many)
    assert [d["id"] for d in docs] == ["A", "B"]
    assert [d.line for d in docs] == [1, 2]
    assert read_rule_documents(empty) == []


@pytest.mark.parametrize(("text", "line"), [("just text\n", 1), ("- id: A\n- 42\n", 2)])
def test_rule_documents_refuse_other_shapes(tmp_path, text: str, line: int) -> None:
    f = tmp_path / "odd.yaml"
    f.write_text(text)
    with pytest.raises(RuleFileError) as exc:
        read_rule_documents(f)
    assert exc.value.line == line
