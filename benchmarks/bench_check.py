"""Measure ``lcsprlint check`` against the least any .docx checker must do.

Seven measurements, each a median of several runs (after a warm-up run):

1. the *floor*: unzip a .docx and parse every XML part with lxml, touching
   every text node, in-process and as a whole ``python -c`` process;
2. ``lcsprlint check`` on the same draft, in-process (``read_document`` then
   the engine's ``check_document``; the rules are loaded once, beforehand,
   and that load is timed on its own) and as a whole command
   (``lcsprlint check FILE --format json`` in a subprocess);
3. the ratio of 2 to 1 (what the model and every rule cost);
4. the in-process check against size (10, 50, 100 and 300 pages): the
   300/10 ratio and the slope of log(time) against log(words), which is 1
   for linear growth and 2 for quadratic;
5. a batch of drafts of 5 to 40 pages, ``--jobs 1`` against ``--jobs 2``,
   in files per second (whole commands);
6. start-up: ``lcsprlint --version`` and ``check`` on a one-page draft;
7. peak memory (``ru_maxrss`` of the child process) checking the 300-page draft.

Each measurement is a function returning plain numbers, so
``benchmarks/run_all.py`` can print them as one table; run this file alone
for one item::

    python benchmarks/bench_check.py --only floor,check --pages 300 --runs 5
"""

from __future__ import annotations

import argparse
import atexit
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # PYTHONPATH (a snapshot of the tree) wins
sys.path.insert(0, str(HERE))

from generate_docx import generate_draft  # noqa: E402

#: The floor as a whole process: the same work as :func:`lxml_floor`, plus interpreter start-up.
FLOOR_SCRIPT = """\
import sys, zipfile
from lxml import etree
n = 0
with zipfile.ZipFile(sys.argv[1]) as zf:
    for name in zf.namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            for el in etree.fromstring(zf.read(name)).iter():
                n += len(el.text or "")
print(n)
"""

SIZES = (10, 50, 100, 300)


@dataclass
class Timing:
    """Median and fastest of several timed runs, in seconds."""

    median: float
    fastest: float
    runs: list[float] = field(default_factory=list)


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> Timing:
    """Time ``fn`` ``runs`` times after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return Timing(statistics.median(times), min(times), times)


def lxml_floor(path: Path) -> int:
    """Unzip every XML part of ``path`` and parse it, touching every text node."""
    n = 0
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                for el in etree.fromstring(zf.read(name)).iter():
                    n += len(el.text or "")
    return n


def lcsprlint_command() -> list[str]:
    """The ``lcsprlint`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "lcsprlint"
    if script.exists():
        return [str(script)]
    found = shutil.which("lcsprlint")
    return [found] if found else [sys.executable, "-m", "lcsprlint"]


@cache
def child_environment() -> dict[str, str]:
    """The environment for timed commands: with compiled bytecode, as an installed tool has.

    ``pip install`` compiles every module, so a user's ``lcsprlint`` never
    parses its own source. A shell with ``PYTHONDONTWRITEBYTECODE`` set (as
    some containers and CI images are) would make every timed command compile
    the package afresh (~90 ms on this machine), which no user pays. The
    bytecode goes to a folder of its own (``PYTHONPYCACHEPREFIX``), so nothing
    is written into the tree being measured; the untimed warm-up run fills it.
    Built on first use, once, so every timed command shares one bytecode folder
    (and a script that only imports this module makes none).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("PYTHONPYCACHEPREFIX"):
        folder = tempfile.mkdtemp(prefix="lcsprlint-bench-pyc-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        env["PYTHONPYCACHEPREFIX"] = folder
    return env


def run_quiet(cmd: Sequence[str], ok: Sequence[int] = (0, 1)) -> None:
    """Run a command, discarding its output; fail loudly on an unexpected exit code."""
    proc = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_environment()
    )
    if proc.returncode not in ok:
        raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}: {proc.stderr[-500:]!r}")


class InProcess:
    """The in-process check: rules loaded and checks built once, then read + check per call.

    Uses the same planning as the command line with no options (the profile is
    detected per document), so the in-process figure is the command's work
    without interpreter start-up, imports and report rendering.
    """

    def __init__(self, sample: Path) -> None:
        start = time.perf_counter()
        from lcsprlint.engine.config import Options
        from lcsprlint.engine.plan import Planner
        from lcsprlint.engine.runner import engine_for
        from lcsprlint.kinds import all_kinds
        from lcsprlint.readers import read_document

        self.imports = time.perf_counter() - start
        start = time.perf_counter()
        kinds = all_kinds()
        spec = Planner(Options(), kinds).spec_for(sample)
        self.engine = engine_for(spec, kinds)
        # The engine plans and builds each document type's rules on first use:
        # build the sample's now, so that they count as loading, not checking.
        engine_of = getattr(self.engine, "engine", None)
        if engine_of is not None:
            from lcsprlint.engine.detect import detect_profile

            profile, _ = detect_profile(read_document(sample))
            built = engine_of(profile) or self.engine.fallback
            assert built is not None
        self.load = time.perf_counter() - start
        self.read_document = read_document

    def check(self, path: Path) -> int:
        """Read and check one file; returns the number of findings.

        Facts memoised for a document (the identifiers found in it...) live as
        long as the Document, so each run measures a new document's work.
        """
        doc = self.read_document(path)
        result = self.engine.check_document(doc, str(path))
        return len(result.findings)

    def read(self, path: Path) -> int:
        return len(self.read_document(path).blocks)


# --------------------------------------------------------------------------- items


def floor_and_check(path: Path, checker: InProcess, runs: int) -> dict[str, float]:
    """Items 1-3 on one draft: floor and check, in-process and as whole processes."""
    floor_in = timed(lambda: lxml_floor(path), runs)
    read_in = timed(lambda: checker.read(path), runs)
    check_in = timed(lambda: checker.check(path), runs)
    floor_cmd = timed(lambda: run_quiet([sys.executable, "-c", FLOOR_SCRIPT, str(path)]), runs)
    check_cmd = timed(
        lambda: run_quiet([*lcsprlint_command(), "check", str(path), "--format", "json"]), runs
    )
    return {
        "floor_in": floor_in.median,
        "read_in": read_in.median,
        "check_in": check_in.median,
        "floor_cmd": floor_cmd.median,
        "check_cmd": check_cmd.median,
        "ratio_in": check_in.median / floor_in.median,
        "ratio_cmd": check_cmd.median / floor_cmd.median,
        "rule_load": checker.load,
    }


def scaling(drafts: dict[int, Path], checker: InProcess, runs: int) -> dict[int, tuple[int, float]]:
    """Item 4: in-process check time of each draft size: pages -> (words, seconds)."""
    out = {}
    for pages, path in sorted(drafts.items()):
        words = checker.read_document(path).words
        out[pages] = (words, timed(lambda p=path: checker.check(p), runs).median)
    return out


def loglog_slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) against log(x): 1 for linear growth, 2 for quadratic."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mx) ** 2 for x in xs)
    return num / den


def make_batch(folder: Path, count: int = 200, seed: int = 7) -> list[Path]:
    """``count`` drafts of 5 to 40 pages (seeded sizes) in ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        pages = rng.randint(5, 40)
        out.append(generate_draft(folder / f"draft-{i:03d}.docx", pages, seed=1000 + i))
    return out


def busy_seconds() -> float:
    """CPU seconds every process on the machine has used since boot (Linux), or NaN."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return math.nan
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_seconds() -> float:
    """CPU seconds used so far by this process's finished children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def batch(folder: Path, runs: int) -> dict[str, float]:
    """Item 5: the whole folder with ``--jobs 1`` and ``--jobs 2``; files per second.

    Also the CPU the command used, and the CPU other processes took meanwhile
    (in cores, averaged over the run): on a shared machine a second job can
    only be as fast as the core it is left.
    """
    files = len(list(folder.glob("*.docx")))
    out: dict[str, float] = {"files": files}
    for jobs in (1, 2):
        cmd = [*lcsprlint_command(), "check", str(folder), "--format", "json", "--jobs", str(jobs)]
        walls, ours, others = [], [], []
        for _ in range(runs):
            busy, mine, start = busy_seconds(), children_seconds(), time.perf_counter()
            run_quiet(cmd)
            wall = time.perf_counter() - start
            used = children_seconds() - mine
            walls.append(wall)
            ours.append(used)
            others.append(max(0.0, busy_seconds() - busy - used) / wall)
        out[f"jobs{jobs}_s"] = statistics.median(walls)
        out[f"jobs{jobs}_fps"] = files / out[f"jobs{jobs}_s"]
        out[f"jobs{jobs}_cpu_s"] = statistics.median(ours)
        out[f"jobs{jobs}_other_cores"] = statistics.median(others)
    out["speedup"] = out["jobs2_fps"] / out["jobs1_fps"]
    return out


def startup(one_page: Path, runs: int) -> dict[str, float]:
    """Item 6: ``lcsprlint --version`` and ``check`` of a one-page draft, whole commands.

    Also the same check with ``--profile lcspr`` (no detection), and planning
    in-process (configuration and rule packs to a RunSpec, kinds loaded
    beforehand, the pattern cache emptied before each run) with the profile
    detected and named.
    """
    cmd = lcsprlint_command()
    version = timed(lambda: run_quiet([*cmd, "--version"], ok=(0,)), runs)
    check_cmd = [*cmd, "check", str(one_page), "--format", "json"]
    check = timed(lambda: run_quiet(check_cmd), runs)
    named = timed(lambda: run_quiet([*check_cmd, "--profile", "lcspr"]), runs)
    bare = timed(lambda: run_quiet([sys.executable, "-c", "pass"], ok=(0,)), runs)
    return {
        "version": version.median,
        "check_one": check.median,
        "check_one_profile": named.median,
        "python": bare.median,
        **planning(one_page, runs),
    }


def planning(sample: Path, runs: int) -> dict[str, float]:
    """Planning a run in-process, profile detected and named (part of item 6)."""
    import regex

    from lcsprlint.engine.config import Options
    from lcsprlint.engine.plan import Planner
    from lcsprlint.kinds import all_kinds

    kinds = all_kinds()
    out = {}
    for key, profile in (("plan_detected", None), ("plan_profile", "lcspr")):

        def plan(profile: str | None = profile) -> None:
            regex.purge()
            Planner(Options(profile=profile), kinds).spec_for(sample)

        out[key] = timed(plan, runs).median
    return out


def peak_memory(path: Path) -> float:
    """Item 7: peak resident memory (MiB) of ``lcsprlint check`` on ``path``, a fresh child."""
    proc = subprocess.Popen(
        [*lcsprlint_command(), "check", str(path), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=child_environment(),
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"lcsprlint check exited {proc.returncode}")
    return usage.ru_maxrss / 1024  # kilobytes on Linux


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only",
        default="floor,check,scaling,startup,memory",
        help="comma-separated: floor,check (items 1-3), scaling, batch, startup, memory",
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        draft = generate_draft(root / f"draft-{args.pages}.docx", args.pages, seed=1)
        checker = InProcess(draft)
        print(f"rule loading (once): {checker.load * 1000:.0f} ms")
        if only & {"floor", "check"}:
            r = floor_and_check(draft, checker, args.runs)
            ms = {k: f"{v * 1000:,.0f} ms" for k, v in r.items()}
            print(
                f"{args.pages} pages, floor: {ms['floor_in']} in-process, "
                f"{ms['floor_cmd']} as a process"
            )
            print(
                f"  check in-process {ms['check_in']} (read {ms['read_in']}): {r['ratio_in']:.1f}x"
            )
            print(f"  whole command {ms['check_cmd']}: {r['ratio_cmd']:.1f}x")
        if "scaling" in only:
            drafts = {p: generate_draft(root / f"s{p}.docx", p, seed=1) for p in SIZES}
            s = scaling(drafts, checker, args.runs)
            for pages, (words, secs) in s.items():
                print(f"  {pages:4d} pages {words:7,d} words {secs * 1000:7.0f} ms")
            print(f"  slope {loglog_slope(list(s.values())):.2f}")
        if "batch" in only:
            make_batch(root / "batch")
            print(batch(root / "batch", max(1, args.runs // 2)))
        if "startup" in only:
            print(startup(generate_draft(root / "one.docx", 1, seed=1), args.runs))
        if "memory" in only:
            print(f"peak memory {peak_memory(draft):.0f} MiB")


if __name__ == "__main__":
    main()
