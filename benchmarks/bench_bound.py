"""What the in-process target leaves for the rules: the parts every check pays, timed alone.

Issue 12 asks for the check of a 300-page draft within 3x the floor
in-process. Three parts of every check are the same whichever rules run,
and each is timed here on its own (medians of several runs, after a
warm-up), on the same draft as ``bench_check.py``:

1. the floor itself (``lxml_floor``: unzip, parse every XML part, touch every
   text node);
2. ``read_document``: the draft into the document model;
3. the literal scan: every built-in gate's literals looked for in every
   block's text by the shared Aho-Corasick index, as the first rules of a
   check trigger it (:mod:`lcsprlint.kinds.literal_index`);
4. identifier detection: every detector family over every block's text
   (:func:`lcsprlint.kinds.pii.detect`), once, as the anonymisation rules
   share it, with the scan of 3 already done (so 3 and 4 do not overlap).

Their sum is a lower bound on the in-process check of this design: every
other rule (sections, patterns, readability, dates...) comes on top. The
script prints each part as a multiple of the floor, the full in-process
check for comparison, and what 3x the floor leaves for every other rule
(negative when the three parts alone exceed it)::

    python benchmarks/bench_bound.py --pages 300 --runs 5
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_check import InProcess, lxml_floor, timed
from generate_docx import generate_draft

#: The in-process target of issue 12, as a multiple of the floor.
TARGET = 3.0


def literal_scan(checker: InProcess, path: Path, runs: int) -> float:
    """Seconds to read ``path`` and scan its blocks' texts for every indexed literal, less the read.

    Each run reads the draft afresh, so the index's memo starts empty, as
    it does for each document a check reads; the read is timed apart and
    taken off.
    """
    from lcsprlint.kinds.literal_index import INDEX, scan_texts_of, scanned

    def scan() -> None:
        doc = checker.read_document(path)
        scan_texts_of(doc)
        need = INDEX.built
        for block in doc.blocks:
            scanned(INDEX, block.norm, need)

    with_read = timed(scan, runs=runs).median
    read = timed(lambda: checker.read_document(path), runs=runs).median
    return with_read - read


def detection(checker: InProcess, path: Path, runs: int) -> float:
    """Seconds to run every identifier detector over every block's text once (scan done)."""
    from lcsprlint.kinds.literal_index import INDEX, scan_texts_of, scanned
    from lcsprlint.kinds.pii import detect

    doc = checker.read_document(path)
    scan_texts_of(doc)
    texts = [block.norm for block in doc.blocks]
    need = INDEX.built
    for text in texts:
        scanned(INDEX, text, need)
    return timed(lambda: [detect(text) for text in texts], runs=runs).median


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        draft = generate_draft(Path(tmp) / f"draft-{args.pages}.docx", args.pages, seed=1)
        checker = InProcess(draft)
        check = timed(lambda: checker.check(draft), runs=runs).median  # also warms the index
        floor = timed(lambda: lxml_floor(draft), runs=runs).median
        parts = {
            "read_document": timed(lambda: checker.read(draft), runs=runs).median,
            "literal scan": literal_scan(checker, draft, runs),
            "identifier detection": detection(checker, draft, runs),
        }
    bound = sum(parts.values())
    print(f"{args.pages} pages; medians of {runs} runs")
    print(f"  floor                    {floor * 1000:7.1f} ms   1.0x")
    for name, seconds in parts.items():
        print(f"  {name:24s} {seconds * 1000:7.1f} ms  {seconds / floor:4.1f}x")
    print(f"  sum (a lower bound)      {bound * 1000:7.1f} ms  {bound / floor:4.1f}x")
    print(f"  whole in-process check   {check * 1000:7.1f} ms  {check / floor:4.1f}x")
    left = TARGET * floor - bound
    print(f"  {TARGET:g}x the floor leaves {left * 1000:.1f} ms for every other rule")


if __name__ == "__main__":
    main()
