"""``lcsprlint.cli.main()`` in a fresh interpreter, for tests of what a command loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_main(
    args: list[str], cwd: Path, probes: str, prelude: str = ""
) -> subprocess.CompletedProcess[str]:
    """``main()`` run with ``args`` as the console entry runs it, after ``prelude`` (code
    that may install spies); its last stderr line is ``EXIT``, the exit code and ``probes``
    (Python expressions, comma-separated, that may use ``gc``, ``sys`` and the prelude's
    names)."""
    code = (
        "import gc, sys\n"
        f"{prelude}"
        "from lcsprlint.cli import main\n"
        f"sys.argv = ['lcsprlint', *{args!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as exc:\n"
        f"    print('EXIT', exc.code, {probes}, file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=False
    )
