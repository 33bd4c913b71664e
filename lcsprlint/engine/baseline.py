"""Baselines: record today's findings, then report only the new ones.

A partnership that adopts lcsprlint halfway through a review cannot fix every
old finding at once; a baseline lets the run fail only on what the latest edit
introduced. Findings are matched by file, rule and
:meth:`~lcsprlint.results.Finding.fingerprint` (rule, section and normalised
text, never paragraph or line numbers), so inserting paragraphs elsewhere
does not bring old findings back. Duplicates are counted: if the baseline
holds two findings with one fingerprint and the run has three, one is new.

The file is JSON, small and diff-friendly (sorted, no document text), with
paths relative to the baseline file's folder and forward slashes, so it can
be committed beside the drafts and used from any working folder::

    {"tool": {"name": "lcsprlint", "version": "0.1.0"},
     "baseline-version": 1,
     "files": {"drafts/child-t.md": [{"rule": "LCSPR101", "fingerprint": "…", "count": 2}]}}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lcsprlint.errors import ConfigError
from lcsprlint.results import FileResult
from lcsprlint.safety import write_atomic

#: Bumped only if the file layout changes incompatibly.
BASELINE_VERSION = 1
#: The name the documentation suggests; ``--write-baseline`` uses it when no file is given.
DEFAULT_NAME = ".lcsprlint-baseline.json"

Key = tuple[str, str]  # (rule id, fingerprint)


def baseline_path(path: str | Path, folder: Path) -> str:
    """``path`` as the baseline stores it: relative to ``folder``, forward slashes.

    Both sides are made absolute (symbolic links resolved) first, so the same
    draft gets the same key whichever working folder lcsprlint runs from. A
    path on another drive (Windows) stays absolute.
    """
    absolute = os.path.realpath(path)
    try:
        rel = os.path.relpath(absolute, os.path.realpath(folder))
    except ValueError:
        rel = absolute
    return Path(rel).as_posix()


@dataclass(frozen=True)
class Baseline:
    """Recorded findings per file (keyed as :func:`baseline_path` gives), with counts."""

    folder: Path
    files: dict[str, Counter[Key]]
    version: str = ""

    @classmethod
    def from_results(
        cls, results: Sequence[FileResult], folder: Path, version: str = ""
    ) -> Baseline:
        files: dict[str, Counter[Key]] = {}
        for r in results:
            if r.findings:
                counts = files.setdefault(baseline_path(r.path, folder), Counter())
                counts.update((f.rule, f.fingerprint()) for f in r.findings)
        return cls(folder=folder, files=files, version=version)

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.files.values())

    def to_json(self) -> str:
        """Deterministic JSON: files and entries sorted, so a rewritten baseline diffs cleanly."""
        payload = {
            "tool": {"name": "lcsprlint", "version": self.version},
            "baseline-version": BASELINE_VERSION,
            "files": {
                path: [
                    {"rule": rule, "fingerprint": fp, "count": n}
                    for (rule, fp), n in sorted(counts.items())
                ]
                for path, counts in sorted(self.files.items())
            },
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

    def apply(self, results: Sequence[FileResult]) -> tuple[list[FileResult], int]:
        """Results with baselined findings removed, and how many were removed.

        Within a file the earliest findings with a fingerprint are the ones
        taken as old; the rest are reported. Unreadable files and failed
        rules are never hidden.
        """
        out: list[FileResult] = []
        hidden = 0
        for r in results:
            recorded = self.files.get(baseline_path(r.path, self.folder))
            if not recorded or not r.findings:
                out.append(r)
                continue
            left = Counter(recorded)
            kept = []
            for f in r.findings:
                key = (f.rule, f.fingerprint())
                if left[key] > 0:
                    left[key] -= 1
                    hidden += 1
                else:
                    kept.append(f)
            out.append(replace(r, findings=kept))
        return out, hidden


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is a ConfigError (exit code 2)."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(where, "baseline not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        cause = getattr(exc, "strerror", None) or type(exc).__name__
        raise ConfigError(where, f"cannot read baseline: {cause}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{where}:{exc.lineno}", "not a lcsprlint baseline (invalid JSON)"
        ) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or data.get("baseline-version") != BASELINE_VERSION:
        raise ConfigError(where, f"not a lcsprlint baseline (version {BASELINE_VERSION} expected)")
    parsed: dict[str, Counter[Key]] = {}
    for file, entries in files.items():
        counts: Counter[Key] = Counter()
        if not isinstance(entries, list):
            raise ConfigError(where, f"baseline entry for '{file}' is not a list")
        for e in entries:
            ok = isinstance(e, dict) and isinstance(e.get("rule"), str)
            ok = ok and isinstance(e.get("fingerprint"), str)
            count = e.get("count", 1) if ok else None
            if not ok or not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise ConfigError(
                    where, f"baseline entry for '{file}' needs rule, fingerprint and count >= 1"
                )
            counts[(e["rule"], e["fingerprint"])] += count
        parsed[str(file)] = counts
    tool = data.get("tool")
    version = tool.get("version", "") if isinstance(tool, dict) else ""
    return Baseline(folder=path.parent, files=parsed, version=str(version))


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write the whole baseline or nothing."""
    write_atomic(path, lambda fh: fh.write(baseline.to_json().encode("utf-8")), "baseline")
