# SPDX-License-Identifier: MIT
"""CPU of the milestone page's reading stage (``ParsePreprocessor.run``: detection, the parse, the line normaliser)
over the generated pages of ``bench_build.py`` (300 by default, seed 1: the build benchmark's site), in one process.

Each run starts cold (a new render cache, the parser's remembered answers forgotten) and converts every page through
the extension's preprocessors as a build does (the garbage collector frozen after full collections, as during a
build); only ``ParsePreprocessor.run`` is timed. Prints the median and the fastest of ``--runs`` runs.

To compare two checkouts, run each one's own copy, interleaved::

    python /path/to/main/benchmarks/bench_parse.py; python benchmarks/bench_parse.py   # (repeat)
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's code first
sys.path.insert(0, str(ROOT / "benchmarks"))

import markdown  # noqa: E402

import bench_build  # noqa: E402
import mkdocs_milestones  # noqa: E402
from mkdocs_milestones.collector import FreezeSurvivors  # noqa: E402
from mkdocs_milestones.extension import MilestonesExtension  # noqa: E402
from mkdocs_milestones.extension.cache import RenderCache  # noqa: E402
from mkdocs_milestones.extension.context import PageContext  # noqa: E402


def _forget() -> None:
    """The answers the parser remembers across pages (lru caches, bounded dicts), forgotten: a cold start."""
    for mod in list(sys.modules.values()):
        if getattr(mod, "__name__", "").startswith("mkdocs_milestones"):
            for obj in list(vars(mod).values()):
                if callable(getattr(obj, "cache_clear", None)):
                    obj.cache_clear()
                if isinstance(getattr(obj, "_seen", None), dict):
                    obj._seen.clear()
            for name, obj in list(vars(mod).items()):
                if name.endswith("_SEEN") and isinstance(obj, dict):
                    obj.clear()  # (source._PARTS_SEEN: label lines read)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)
    rng = random.Random(1)
    pages = [(f"m{i:05d}.md", bench_build.milestone_page(i, args.pages, rng)) for i in range(args.pages)]
    current = {"file": ""}
    ext = MilestonesExtension(provider=lambda md: PageContext(file=current["file"], host="mkdocs", url=current["file"][:-3] + "/"))
    md = markdown.Markdown(extensions=[ext, "tables", "toc"])
    steps = sorted(md.preprocessors._priority, key=lambda p: -p.priority)
    FreezeSurvivors().start()
    runs = []
    for _ in range(args.runs):
        ext.cache = RenderCache()
        _forget()
        spent = 0
        for name, text in pages:
            current["file"] = name
            md.reset()
            lines = text.split("\n")
            for step in steps:
                proc = md.preprocessors[step.name]
                if step.name == "ms_parse":
                    t0 = time.process_time_ns()
                    lines = proc.run(lines)
                    spent += time.process_time_ns() - t0
                else:
                    lines = proc.run(lines)
        runs.append(spent / 1e6)
    print(f"{Path(mkdocs_milestones.__file__).parents[1]}: {args.pages} pages, {args.runs} runs, ParsePreprocessor.run "
          f"CPU ms median {statistics.median(runs):.1f}, fastest {min(runs):.1f}")


if __name__ == "__main__":
    main()
