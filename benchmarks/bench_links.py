# SPDX-License-Identifier: MIT
"""Issue references on real text: what the scanner finds, and what finding them adds to the parse.

``python benchmarks/bench_links.py [--repeat N]``

* every file of ``clean-docs`` scanned as if it were a milestone page: the ``#N`` references found, with a
  random sample of the lines they are on (to read: is each one an issue number?);
* the parse of every ``real-plans`` document with and without the scan, interleaved: the fastest run of each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mkdocs_milestones.parser as parser  # noqa: E402
from mkdocs_milestones.links import scan_refs  # noqa: E402
from mkdocs_milestones.source import scan_lines  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _texts(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.md")):
        try:
            out.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=21)
    ap.add_argument("--sample", type=int, default=25)
    args = ap.parse_args()
    if not CORPORA.is_dir():
        print(f"no corpora at {CORPORA}", file=sys.stderr)
        return 2
    clean = _texts(CORPORA / "clean-docs")
    found = []
    for text in clean:
        lines = scan_lines(text)
        found += [lines[r.line - 1].text.strip()[:100] for r in scan_refs(lines) if r.key is None]
    print(f"clean-docs: {len(clean)} files, {len(found)} #N references")
    for line in random.Random(1).sample(found, min(args.sample, len(found))):
        print("  ", line)

    plans = _texts(CORPORA / "real-plans")

    def parse_all(scan: bool) -> float:
        parser.scan_refs = scan_refs if scan else (lambda lines: [])  # type: ignore[assignment]
        start = time.perf_counter()
        for text in plans:
            parser.parse_milestone(text)
        return time.perf_counter() - start

    on, off = [], []
    for _ in range(args.repeat):
        off.append(parse_all(False))
        on.append(parse_all(True))
    parser.scan_refs = scan_refs  # type: ignore[assignment]
    # The fastest run of each: on a shared machine the others measure the neighbours.
    a, b = min(off), min(on)
    print(f"real-plans: parse of {len(plans)} documents {a * 1000:.1f} ms without the scan, {b * 1000:.1f} ms with "
          f"(x{b / a:.2f}; fastest of {args.repeat} interleaved runs; medians x{statistics.median(on) / statistics.median(off):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
