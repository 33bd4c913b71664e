"""The built-in packs' rule files, parsed ahead of time (``packs_snapshot.json``).

Every run reads the rule files of its pack. Parsing them costs PyYAML's
import (~12 ms) and libyaml plus PyYAML's constructors (~8 ms for the LCSPR
pack): most of what planning a run costs. The rule files of the built-in
packs are shipped with lcsprlint and validated by the test suite, so their
parsed contents (each rule mapping and the line it starts on, all a trusted
built-in rule needs, see :func:`lcsprlint.engine.validate.collect_rules`)
are shipped too, as JSON, which Python reads in C.

A file's snapshot is used only when the file holds exactly what it was made
from (the same length and CRC-32 of its bytes); any other file, an edited
one included, is parsed from YAML as before, so the snapshot can make a run
slower when it is stale, never different. ``tests/test_speed_startup_4.py``
fails when it is stale, and proves it gives what the YAML loader gives. To
refresh it after editing a pack: ``python -m lcsprlint.engine.snapshot``.
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from lcsprlint.engine.lines import LineDict, plain

#: The snapshot, beside this module (shipped in the wheel with the package).
SNAPSHOT = Path(__file__).with_name("packs_snapshot.json")


@cache
def _table() -> dict[str, Any]:
    """The snapshot's files, by path relative to the packs' folder (read once per process).

    An unreadable or malformed snapshot is an empty one: every file is parsed.
    """
    try:
        data = json.loads(SNAPSHOT.read_bytes())
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def fingerprint(raw: bytes) -> list[int]:
    """What identifies a file's contents in the snapshot: its length and CRC-32."""
    return [len(raw), zlib.crc32(raw)]


def documents(raw: bytes, relative: str) -> list[LineDict] | None:
    """The rule mappings of the pack file ``relative`` (to the packs' folder) holding
    ``raw``, as :func:`lcsprlint.engine.loader.read_rule_documents` would give them
    for what a trusted built-in rule needs (each mapping's line; values plain); None
    when the snapshot has no such file or the file changed since it was made."""
    entry = _table().get(relative)
    if not isinstance(entry, dict) or entry.get("fingerprint") != fingerprint(raw):
        return None
    out = []
    for line, mapping in entry["rules"]:
        doc = LineDict(mapping)
        doc.line = line
        out.append(doc)
    return out


def build(root: Path) -> dict[str, Any]:
    """The snapshot of every rule file under ``root`` (the packs' folder), parsed strictly."""
    from lcsprlint.engine.loader import read_rule_documents
    from lcsprlint.engine.validate import rule_files

    files = {}
    for f in rule_files(root):
        rules = [[doc.line, plain(doc)] for doc in read_rule_documents(f)]
        if json.loads(json.dumps(rules)) != rules:  # e.g. a key that is no string
            raise ValueError(f"{f}: its rules do not survive JSON")
        files[f.relative_to(root).as_posix()] = {
            "fingerprint": fingerprint(f.read_bytes()),
            "rules": rules,
        }
    return {
        "about": "The built-in packs' rule files, parsed; see lcsprlint/engine/snapshot.py.",
        "files": files,
    }


def render(snapshot: dict[str, Any]) -> str:
    """The snapshot as it is written to :data:`SNAPSHOT`."""
    return json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    """Write the snapshot of the built-in packs (``python -m lcsprlint.engine.snapshot``)."""
    from lcsprlint.engine.builtin import builtin_rules_dir

    root = builtin_rules_dir()
    if root is None:
        raise SystemExit("no built-in packs found")
    SNAPSHOT.write_text(render(build(root)), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")


if __name__ == "__main__":
    main()
