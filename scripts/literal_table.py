"""Regenerate lcsprlint/kinds/literal_table.json, the literal analysis of the built-in patterns.

Run after changing a built-in rule's patterns, a detector pattern or the
analysis in lcsprlint/kinds/literals.py (tests/test_speed_compile_table.py
fails until then)::

    python scripts/literal_table.py          # writes the table
    python scripts/literal_table.py --check  # exit 1 when it is out of date
"""

from __future__ import annotations

import sys

from lcsprlint.kinds.literal_table import TABLE_PATH, builtin_patterns, computed, render


def main(argv: list[str]) -> int:
    text = render(computed(*builtin_patterns()))
    if "--check" in argv:
        same = TABLE_PATH.is_file() and TABLE_PATH.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{TABLE_PATH} is out of date")
        return 0 if same else 1
    TABLE_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE_PATH} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
