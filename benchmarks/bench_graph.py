# SPDX-License-Identifier: MIT
"""Time the graph pipeline on seeded random branching plans of 60 and 500 phases.

Run ``python benchmarks/bench_graph.py [--repeat N]``. Sizes are interleaved (60, 500, 60,
500, ...) so that drift in machine load hits both alike; the medians are printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs_milestones.graph import build_phase_graph  # noqa: E402
from mkdocs_milestones.layout import layout_graph  # noqa: E402
from mkdocs_milestones.model import Milestone, Phase  # noqa: E402
from mkdocs_milestones.render.svg import render_graph_svg  # noqa: E402

WORDS = "parser model layout render export theme docs tests release audit cache index search plugin".split()
STATUSES = ["done", "in-progress", "pending", "pending", "partial", "blocked", None]


def branching_plan(n: int, seed: int) -> Milestone:
    """``n`` phases; each depends on 0-3 of the 12 phases before it, the first third done."""
    rng = random.Random(seed)
    phases = []
    for i in range(n):
        deps = sorted({rng.randrange(max(0, i - 12), i) for _ in range(rng.choice([0, 1, 1, 2, 2, 3]))} if i else set())
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
        status = "done" if i < n // 3 else rng.choice(STATUSES)
        phases.append(Phase(str(i), title, 10 * i + 10, status=status, depends_on=[str(d) for d in deps]))
    return Milestone(f"Random plan of {n}", 1, file="bench.md", phases=phases)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15, help="runs per size (default 15)")
    args = parser.parse_args()
    sizes = (60, 500)
    plans = {n: branching_plan(n, seed=n) for n in sizes}
    graphs = {n: build_phase_graph(plans[n])[0] for n in sizes}
    steps: dict[str, Callable[[int], object]] = {
        "build": lambda n: build_phase_graph(plans[n]),
        "layout": lambda n: layout_graph(graphs[n]),
        "build+layout+svg": lambda n: render_graph_svg(build_phase_graph(plans[n])[0], label="bench"),
    }
    times: dict[tuple[str, int], list[float]] = {(s, n): [] for s in steps for n in sizes}
    for n in sizes:  # warm-up
        for step in steps.values():
            step(n)
    for _ in range(args.repeat):
        for n in sizes:
            for name, step in steps.items():
                times[(name, n)].append(timed(lambda step=step, n=n: step(n)))  # type: ignore[misc]
    print(f"python {sys.version.split()[0]}, {args.repeat} interleaved runs, median (min-max) in ms")
    for n in sizes:
        g = graphs[n]
        layout = layout_graph(g)
        print(f"{n} phases, {len(g.edges)} edges, drawing {layout.width:.0f}x{layout.height:.0f} px")
        for name in steps:
            t = times[(name, n)]
            print(f"  {name:<18} {1000 * statistics.median(t):8.1f}  ({1000 * min(t):.1f}-{1000 * max(t):.1f})")


if __name__ == "__main__":
    main()
