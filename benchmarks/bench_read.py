"""Time reading a long .docx draft against the lxml floor.

The floor is the least any reader must do: unzip ``word/document.xml``, parse
it and touch every ``w:t``. The ratio of ``read_document`` to that floor shows
what the model (styles, lists, comments, sections, word offsets) costs.

    python benchmarks/bench_read.py --pages 300 --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx
from lxml import etree

sys.path.append(str(Path(__file__).resolve().parent.parent))  # PYTHONPATH (a snapshot) wins
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import timed
from generate_docx import generate_draft

import lcsprlint.readers.docx as docx_reader
from lcsprlint.readers import read_document

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def lxml_floor(path: Path) -> int:
    """Unzip and parse document.xml, touching every w:t; returns the characters seen."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return sum(len(t.text or "") for t in root.iter(W_T))


def assemble_share(path: Path, runs: int) -> float:
    """Median seconds spent in the shared ``assemble()`` step while reading ``path``."""
    spent: list[float] = []
    original = docx_reader.assemble

    def timed_assemble(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    docx_reader.assemble = timed_assemble
    try:
        for _ in range(runs + 1):
            read_document(path)
    finally:
        docx_reader.assemble = original
    return statistics.median(spent[1:])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_draft(Path(tmp) / "draft.docx", args.pages, args.seed)
        doc = read_document(path)
        with zipfile.ZipFile(path) as zf:
            xml_size = zf.getinfo("word/document.xml").file_size
        read_s = timed(lambda: read_document(path), args.runs)
        open_s = timed(lambda: docx.Document(str(path)), args.runs)
        floor_s = timed(lambda: lxml_floor(path), args.runs)
        shared_s = assemble_share(path, args.runs)
    print(f"draft: {args.pages} pages, {doc.words:,} words, {len(doc.blocks):,} blocks,")
    print(f"       {len(doc.sections) - 1} headings, {len(doc.comments)} comments,")
    print(f"       document.xml {xml_size / 2**20:.1f} MiB")
    print(f"{args.runs} runs each, median (fastest):")
    for label, t in (
        ("read_document", read_s),
        ("python-docx Document() alone", open_s),
        ("lxml floor", floor_s),
    ):
        print(f"  {label:<30} {t.median * 1000:7.0f} ms ({t.fastest * 1000:.0f} ms)")
    print(f"  of read_document, in assemble() {shared_s * 1000:7.0f} ms (median)")
    print(f"ratio read_document / lxml floor: {read_s.median / floor_s.median:.1f}x (medians)")
    reader_only = read_s.median - shared_s
    print(f"ratio without assemble():         {reader_only / floor_s.median:.1f}x")


if __name__ == "__main__":
    main()
