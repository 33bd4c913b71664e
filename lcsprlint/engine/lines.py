"""Rule and configuration data that remembers its lines, without PyYAML.

:mod:`lcsprlint.engine.loader` builds these from YAML; they live here so
that code handling the data (validation, configuration, the built-in packs'
snapshot in :mod:`lcsprlint.engine.snapshot`) can use them without importing
PyYAML, which a run whose packs come from the snapshot never needs (~12 ms of
every check).
"""

from __future__ import annotations

from typing import Any


class LineDict(dict):
    """A mapping from YAML that knows where it and each of its keys stand (1-based lines)."""

    line: int = 0
    key_lines: dict[Any, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key: Any) -> int:
        """The line of ``key``, else of the mapping itself."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows where it and each of its items stand."""

    line: int = 0
    item_lines: list[int]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines = []

    def line_of(self, index: Any) -> int:
        if isinstance(index, int) and 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


def plain(value: Any) -> Any:
    """Plain dicts and lists (no line bookkeeping), for Rule.params and pickling."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
