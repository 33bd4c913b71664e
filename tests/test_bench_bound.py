"""The lower-bound benchmark keeps running as the index and detectors change.

``benchmarks/bench_bound.py`` reaches into the literal index and the
detectors (the parts every check pays); a change to either that broke it
would go unnoticed until the next benchmark run. This runs it on a small
draft, once, in a process of its own (it fills the shared literal index),
and checks the figures it prints are consistent. No timing is asserted.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_bound_prints_consistent_parts() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_bound.py"),
            "--pages",
            "3",
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ms = {
        name.strip(): float(value)
        for name, value in re.findall(r"^  ([a-zA-Z_() -]+?)\s+(-?[\d.]+) ms", proc.stdout, re.M)
    }
    parts = ("read_document", "literal scan", "identifier detection")
    assert set(parts) | {"floor", "sum (a lower bound)", "whole in-process check"} <= set(ms)
    assert all(ms[p] > 0 for p in parts), ms
    assert abs(sum(ms[p] for p in parts) - ms["sum (a lower bound)"]) < 0.5
    left = float(re.search(r"leaves (-?[\d.]+) ms", proc.stdout).group(1))
    assert abs(3 * ms["floor"] - ms["sum (a lower bound)"] - left) < 0.5
