"""Measured quality of the anonymisation detectors on the labelled sentence sample.

``tests/corpus/anonymisation/sentences.yaml`` holds sentences written as draft
review prose before any detector existed, each labelled with the identifier
types it contains (most clean sentences are deliberate near-misses). Each
sentence is run through the ``identifiers`` kind as a one-paragraph document;
a (sentence, type) pair is a true positive when the kind reports that type for
that sentence. The bar (issue 5): overall precision and recall of at least
0.95, and at least 0.8 for every type with seven or more labelled examples.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from lcsprlint.kinds.identifiers import KIND
from lcsprlint.kinds.pii import TYPES
from lcsprlint.readers.assemble import RawBlock, assemble

CORPUS = Path(__file__).parent / "corpus" / "anonymisation" / "sentences.yaml"
MIN_OVERALL = 0.95
MIN_PER_TYPE = 0.8
MIN_EXAMPLES = 7


def _one_block(text: str):
    return assemble("sentence.txt", "text", [RawBlock(kind="paragraph", text=text)])


@pytest.fixture(scope="module")
def results() -> list[tuple[str, set[str], set[str]]]:
    cases = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    check = KIND.build({})
    out = []
    for case in cases:
        found = {hit.values["type"] for hit in check(_one_block(case["text"]))}
        out.append((case["text"], set(case["expect"] or ()), found))
    return out


def _scores(results):
    tp, fp, fn = Counter(), Counter(), Counter()
    for _, expected, found in results:
        for t in found & expected:
            tp[t] += 1
        for t in found - expected:
            fp[t] += 1
        for t in expected - found:
            fn[t] += 1
    return tp, fp, fn


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _table(results) -> str:
    tp, fp, fn = _scores(results)
    lines = [f"{'type':<18} {'n':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}"]
    for t in TYPES:
        n = tp[t] + fn[t]
        lines.append(
            f"{t:<18} {n:>4} {tp[t]:>4} {fp[t]:>4} {fn[t]:>4} "
            f"{_ratio(tp[t], tp[t] + fp[t]):>6.3f} {_ratio(tp[t], n):>6.3f}"
        )
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    lines.append(
        f"{'overall':<18} {all_tp + all_fn:>4} {all_tp:>4} {all_fp:>4} {all_fn:>4} "
        f"{_ratio(all_tp, all_tp + all_fp):>6.3f} {_ratio(all_tp, all_tp + all_fn):>6.3f}"
    )
    misses = [
        f"  {'FP' if found - expected else 'FN'} {sorted(found ^ expected)}: {text}"
        for text, expected, found in results
        if found != expected
    ]
    return "\n".join(lines + (["errors:", *misses] if misses else []))


def test_corpus_size(results):
    with_ids = sum(1 for _, expected, _ in results if expected)
    assert len(results) >= 300
    assert with_ids >= 100
    assert len(results) - with_ids >= 200


def test_corpus_labels_use_the_vocabulary(results):
    for _, expected, _ in results:
        assert expected <= set(TYPES)


def test_overall_precision_and_recall(results):
    table = _table(results)
    print("\n" + table)
    tp, fp, fn = _scores(results)
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    assert _ratio(all_tp, all_tp + all_fp) >= MIN_OVERALL, table
    assert _ratio(all_tp, all_tp + all_fn) >= MIN_OVERALL, table


@pytest.mark.parametrize("kind", TYPES)
def test_per_type_precision_and_recall(results, kind):
    tp, fp, fn = _scores(results)
    n = tp[kind] + fn[kind]
    if n < MIN_EXAMPLES:
        pytest.skip(f"only {n} labelled examples of {kind}")
    assert _ratio(tp[kind], tp[kind] + fp[kind]) >= MIN_PER_TYPE, _table(results)
    assert _ratio(tp[kind], n) >= MIN_PER_TYPE, _table(results)
