"""Time ``lcsprlint audit`` on a folder of 200 PDFs, with one and two processes.

The PDFs are made from the labelled corpus drafts (tests/corpus/lcspr/*.md)
with fpdf2, as the PDF reader's tests make them: the drafts cycled, each copy
varied by its running header and footer, so no two files are the same bytes.
The audit runs in this process through the same code as the command
(:func:`lcsprlint.audit.run_audit`), the JSON report rendered, and the rows
checked equal between the two runs.

    python benchmarks/bench_audit.py --count 200 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.audit_pdf import markdown_blocks, write_pdf  # noqa: E402

from lcsprlint.audit import run_audit  # noqa: E402
from lcsprlint.engine.config import Options  # noqa: E402
from lcsprlint.engine.plan import Planner  # noqa: E402
from lcsprlint.engine.runner import expand_paths  # noqa: E402
from lcsprlint.kinds import all_kinds  # noqa: E402
from lcsprlint.readers import AUDIT_EXTENSIONS  # noqa: E402
from lcsprlint.report.audit_formats import to_json  # noqa: E402


def make_folder(folder: Path, count: int) -> tuple[int, float]:
    """Write ``count`` PDFs; returns how many and the seconds taken."""
    drafts = sorted((ROOT / "tests" / "corpus" / "lcspr").glob("*.md"))
    blocks = {d: markdown_blocks(d) for d in drafts}
    start = time.perf_counter()
    for n in range(count):
        d = drafts[n % len(drafts)]
        write_pdf(
            folder / f"{n:03d}-{d.stem}.pdf",
            blocks[d],
            header=f"Partnership {n % 17} Safeguarding Children Partnership",
            footer="OFFICIAL" if n % 2 else "Published review",
        )
    return count, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, made = make_folder(folder, args.count)
        files = expand_paths([folder], AUDIT_EXTENSIONS)
        kinds = all_kinds()
        planner = Planner(Options(), kinds)
        spec = planner.spec_for(files[0])
        rules = planner.rules_run()
        print(f"{len(files)} PDFs written in {made:.1f} s")
        outputs = {}
        for jobs in (1, 2):
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                audit = run_audit(files, spec, kinds, rules, jobs=jobs)
                times.append(time.perf_counter() - t)
            outputs[jobs] = to_json(audit)
            pages = sum(r.pages or 0 for r in audit.rows)
            words = sum(r.words or 0 for r in audit.rows)
            print(
                f"--jobs {jobs}: median {statistics.median(times):.1f} s "
                f"(fastest {min(times):.1f} s) for {len(audit.rows)} documents, "
                f"{pages:,} pages, {words:,} words; {len(audit.unreadable)} unreadable; "
                f"{statistics.median(times) / len(files) * 1000:.0f} ms a document"
            )
        assert outputs[1] == outputs[2], "--jobs 1 and 2 differ"
        print("rows identical with --jobs 1 and 2")


if __name__ == "__main__":
    main()
