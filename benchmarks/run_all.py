"""Run every check benchmark and print one table of figures against the targets.

    python benchmarks/run_all.py              # medians of 5 runs (batch: 3)
    python benchmarks/run_all.py --runs 3 --batch-runs 1 --batch-count 50

Drafts are generated into a temporary folder (``generate_docx.py``, fixed
seeds), so every run measures the same documents. The table is Markdown, to
paste into ``benchmarks/README.md`` together with the machine line printed
above it. Nothing here asserts: benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # PYTHONPATH (a snapshot of the tree) wins
sys.path.insert(0, str(HERE))

import bench_check as bc  # noqa: E402
from generate_docx import generate_draft  # noqa: E402

#: The issue's targets.
TARGET_RATIO_IN = 3.0
TARGET_RATIO_CMD = 5.0
TARGET_SIZE_RATIO = 32.0
TARGET_SLOPE = 1.15  # log-log slope at most this: linear, allowing for noise
TARGET_SPEEDUP = 1.7
TARGET_VERSION_S = 0.25
TARGET_MEMORY_MB = 250.0


def machine() -> str:
    """One line naming the machine, interpreter and load, for the README."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import lxml.etree

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.machine()}, "
        f"CPython {platform.python_version()}, lxml {'.'.join(map(str, lxml.etree.LXML_VERSION))}"
        f", load average {load:.1f} at start"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--batch-count", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    print(machine())
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        drafts = {p: generate_draft(root / f"draft-{p}.docx", p, seed=1) for p in bc.SIZES}
        one_page = generate_draft(root / "one-page.docx", 1, seed=1)
        big = drafts[max(bc.SIZES)]
        checker = bc.InProcess(big)
        fc = bc.floor_and_check(big, checker, args.runs)
        sizes = bc.scaling(drafts, checker, args.runs)
        st = bc.startup(one_page, args.runs)
        mem = bc.peak_memory(big)
        bc.make_batch(root / "batch", args.batch_count)
        bt = bc.batch(root / "batch", args.batch_runs)
    pages = max(bc.SIZES)
    words = {p: w for p, (w, _) in sizes.items()}
    size_ratio = sizes[pages][1] / sizes[min(bc.SIZES)][1]
    slope = bc.loglog_slope(list(sizes.values()))
    per_kword = {p: s / (w / 1000) for p, (w, s) in sizes.items()}

    rows = [
        (
            "1",
            f"floor, {pages} pages, in-process (unzip + lxml parse of every part)",
            ms(fc["floor_in"]),
            "",
            "",
        ),
        ("1", "floor as a whole `python -c` process", ms(fc["floor_cmd"]), "", ""),
        (
            "2",
            f"check in-process, {pages} pages (read + every rule)",
            f"{ms(fc['check_in'])} (read {ms(fc['read_in'])})",
            "",
            "",
        ),
        ("2", "rule loading, once per run (in-process)", ms(fc["rule_load"]), "", ""),
        ("2", "`lcsprlint check FILE --format json`, whole command", ms(fc["check_cmd"]), "", ""),
        (
            "3",
            "ratio in-process: check / floor",
            f"{fc['ratio_in']:.0f}x",
            f"<= {TARGET_RATIO_IN:g}x",
            yes(fc["ratio_in"] <= TARGET_RATIO_IN),
        ),
        (
            "3",
            "ratio whole command: check / floor process",
            f"{fc['ratio_cmd']:.1f}x",
            f"<= {TARGET_RATIO_CMD:g}x",
            yes(fc["ratio_cmd"] <= TARGET_RATIO_CMD),
        ),
    ]
    for p, (w, s) in sizes.items():
        rows.append(
            (
                "4",
                f"check in-process, {p} pages ({w:,} words)",
                f"{ms(s)} ({per_kword[p] * 1000:.1f} ms per 1,000 words)",
                "",
                "",
            )
        )
    rows += [
        (
            "4",
            f"time {pages} / {min(bc.SIZES)} pages "
            f"(words {words[pages] / words[min(bc.SIZES)]:.1f}x)",
            f"{size_ratio:.1f}x",
            f"<= {TARGET_SIZE_RATIO:g}x",
            yes(size_ratio <= TARGET_SIZE_RATIO),
        ),
        (
            "4",
            "growth: slope of log time against log words (1 linear, 2 quadratic)",
            f"{slope:.2f}",
            f"<= {TARGET_SLOPE}",
            yes(slope <= TARGET_SLOPE),
        ),
        (
            "5",
            f"batch of {bt['files']:.0f} drafts (5-40 pages), `--jobs 1`",
            f"{bt['jobs1_s']:.1f} s, {bt['jobs1_fps']:.1f} files/s "
            f"(CPU {bt['jobs1_cpu_s']:.0f} s; other processes {bt['jobs1_other_cores']:.1f} cores)",
            "",
            "",
        ),
        (
            "5",
            "same batch, `--jobs 2`",
            f"{bt['jobs2_s']:.1f} s, {bt['jobs2_fps']:.1f} files/s "
            f"(CPU {bt['jobs2_cpu_s']:.0f} s; other processes {bt['jobs2_other_cores']:.1f} cores)",
            "",
            "",
        ),
        (
            "5",
            "speed-up of `--jobs 2`",
            f"{bt['speedup']:.2f}x",
            f">= {TARGET_SPEEDUP}x",
            yes(bt["speedup"] >= TARGET_SPEEDUP),
        ),
        (
            "6",
            "`lcsprlint --version`",
            ms(st["version"]),
            f"< {ms(TARGET_VERSION_S)}",
            yes(st["version"] < TARGET_VERSION_S),
        ),
        ("6", "`lcsprlint check` on a one-page draft", ms(st["check_one"]), "", ""),
        ("6", "for scale: `python -c pass`", ms(st["python"]), "", ""),
        (
            "7",
            f"peak memory, check of {pages} pages (ru_maxrss)",
            f"{mem:.0f} MB",
            f"< {TARGET_MEMORY_MB:g} MB",
            yes(mem < TARGET_MEMORY_MB),
        ),
    ]
    print(
        f"medians of {args.runs} runs (batch: {args.batch_runs}); "
        f"took {time.perf_counter() - started:.0f} s\n"
    )
    print("| item | measure | figure | target | met |")
    print("|---|---|---:|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "floor_check": fc,
                    "sizes": sizes,
                    "startup": st,
                    "memory_mb": mem,
                    "batch": bt,
                    "slope": slope,
                    "size_ratio": size_ratio,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
