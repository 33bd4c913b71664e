"""Measure a built-in rule pack against a labelled corpus.

Each corpus folder holds drafts and ``labels*.yaml`` files written before the
rules were run on them (see docs/categories.md for what each label means).
A draft is *predicted* to violate a category when the pack reports an error
or a warning in that category; for advisory categories, whose rules are all
``info``, any finding counts.

Run as a script to print the per-category table::

    python -m tests.quality lcspr [--docx] [-v] [--corpus FOLDER]   # FOLDER: held-out set
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from lcsprlint.engine.builtin import pack_dir
from lcsprlint.engine.runner import Engine
from lcsprlint.engine.validate import load_rules
from lcsprlint.kinds import all_kinds
from lcsprlint.readers import read_document
from lcsprlint.results import FileResult

CORPUS = Path(__file__).parent / "corpus"
ADVISORY = {
    "lcspr": {
        "family-involvement",
        "practitioner-involvement",
        "lived-experience",
        "terminology",
        "readability",
    },
}
#: The docx heading conventions each Markdown draft is also rendered in, in turn.
DOCX_STYLES = ("styles", "bold", "numbered", "outline", "custom")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True)
class Draft:
    path: Path
    labels: dict[str, str]


def load_corpus(profile: str, folder: Path | None = None) -> list[Draft]:
    """The labelled drafts of ``profile``, or of another labelled ``folder`` (a held-out set)."""
    folder = folder or CORPUS / profile
    drafts = []
    for labels_file in sorted(folder.glob("labels*.yaml")):
        data = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
        for name, entry in data.items():
            drafts.append(Draft(folder / name, dict(entry["labels"])))
    return drafts


@cache
def engine_for(profile: str) -> Engine:
    kinds = all_kinds()
    pack = pack_dir(profile)
    assert pack is not None, f"no built-in pack for {profile}"
    # The default selection, as `lcsprlint check` runs it: opt-in rules stay off.
    rules = [r for r in load_rules([(pack, (profile,))], kinds) if r.enabled]
    return Engine(rules, kinds, profile=profile)


def predicted(result: FileResult, profile: str) -> set[str]:
    advisory = ADVISORY.get(profile, set())
    return {
        f.category
        for f in result.findings
        if f.severity in ("error", "warning") or f.category in advisory
    }


def check(path: Path, profile: str) -> FileResult:
    engine = engine_for(profile)
    return engine.check_document(read_document(path), str(path))


def docx_rendering(draft: Draft, index: int, out_dir: Path) -> Path | None:
    """The draft rendered as .docx in one of the heading conventions (Markdown drafts only)."""
    if draft.path.suffix != ".md":
        return None
    if str(Path(__file__).parent) not in sys.path:
        sys.path.insert(0, str(Path(__file__).parent))
    from support.mdtodocx import markdown_to_docx

    style = DOCX_STYLES[index % len(DOCX_STYLES)]
    out = out_dir / f"{draft.path.stem}.{style}.docx"
    markdown_to_docx(draft.path.read_text(encoding="utf-8"), out, style)
    return out


def evaluate(
    profile: str, drafts: Sequence[Draft], paths: Iterable[tuple[Draft, Path]] | None = None
) -> tuple[dict[str, Tally], dict[str, FileResult]]:
    """Tally predictions against labels for each (draft, file) pair."""
    tallies: dict[str, Tally] = {}
    results: dict[str, FileResult] = {}
    pairs = paths if paths is not None else [(d, d.path) for d in drafts]
    for draft, path in pairs:
        result = check(path, profile)
        results[str(path)] = result
        got = predicted(result, profile)
        for category, label in draft.labels.items():
            t = tallies.setdefault(category, Tally())
            truth = label == "violation"
            hit = category in got
            if truth and hit:
                t.tp += 1
            elif truth:
                t.fn += 1
                t.misses.append(path.name)
            elif hit:
                t.fp += 1
                t.false_alarms.append(path.name)
            else:
                t.tn += 1
    return tallies, results


def below_bar(
    tallies: dict[str, Tally],
    minimum: float = 0.9,
    *,
    known_misses: Iterable[str] = (),
    known_alarms: Iterable[str] = (),
) -> dict[str, tuple]:
    """Categories (with at least one violation) whose precision or recall is under ``minimum``.

    A category under the bar only through known disagreements (drafts named without
    their extension, each listed with its reason by the caller: misses in
    ``known_misses``, false alarms in ``known_alarms``) is left out; any other miss
    or false alarm keeps it in.
    """
    misses, alarms = set(known_misses), set(known_alarms)

    def unexplained(names: list[str], known: set[str]) -> bool:
        return any(Path(n).name.split(".")[0] not in known for n in names)

    return {
        cat: (round(t.precision, 2), round(t.recall, 2), t.misses, t.false_alarms)
        for cat, t in tallies.items()
        if t.tp + t.fn
        and (t.precision < minimum or t.recall < minimum)
        and (unexplained(t.misses, misses) or unexplained(t.false_alarms, alarms))
    }


def docx_pairs(drafts: Sequence[Draft], out_dir: Path) -> list[tuple[Draft, Path]]:
    """Every Markdown draft rendered as .docx, the heading conventions taken in turn."""
    return [(d, p) for i, d in enumerate(drafts) if (p := docx_rendering(d, i, out_dir))]


def loud_on_good(
    pairs: Iterable[tuple[Draft, Path]], results: dict[str, FileResult]
) -> dict[str, list[str]]:
    """Errors and warnings reported on drafts whose every label is ok (there should be none)."""
    out = {}
    for d, path in pairs:
        if set(d.labels.values()) != {"ok"}:
            continue
        loud = [
            f"{f.rule} {f.message}"
            for f in results[str(path)].findings
            if f.severity in ("error", "warning")
        ]
        if loud:
            out[path.name] = loud
    return out


def table(tallies: dict[str, Tally]) -> str:
    lines = [
        "| category | violations | TP | FP | FN | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for cat, t in tallies.items():
        lines.append(
            f"| {cat} | {t.tp + t.fn} | {t.tp} | {t.fp} | {t.fn} "
            f"| {t.precision:.2f} | {t.recall:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    import tempfile

    profile = argv[0] if argv else "lcspr"
    folder = Path(argv[argv.index("--corpus") + 1]) if "--corpus" in argv else None
    drafts = load_corpus(profile, folder)
    if "--docx" in argv:
        tallies, _ = evaluate(profile, drafts, docx_pairs(drafts, Path(tempfile.mkdtemp())))
    else:
        tallies, _ = evaluate(profile, drafts)
    print(table(tallies))
    if "-v" in argv:
        for cat, t in tallies.items():
            if t.misses or t.false_alarms:
                print(f"{cat}: missed {t.misses} false alarms {t.false_alarms}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
