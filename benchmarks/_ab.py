# SPDX-License-Identifier: MIT
"""One A/B loop for the stage benchmarks (``bench_decorate.py``, ``bench_blockparse.py``): this checkout against
another, each arm run by its own checkout's code, interleaved, the order of the arms alternating from round to round
(on this machine the run second in a pair reads slower, so a fixed order is biased), medians printed."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path


def compare(this: Path, against: str | None, repeat: int, run: Callable[[str, Path], dict[str, float]]) -> None:
    """Run ``run(name, checkout)`` ``repeat`` times per arm ("this" and, with ``against``, "other"), print each
    result, the medians and other/this."""
    arms = [("this", this)] + ([("other", Path(against).resolve())] if against else [])
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in arms}
    for i in range(repeat):
        for name, checkout in (arms if i % 2 == 0 else arms[::-1]):
            r = run(name, checkout)
            results[name].append(r)
            print(f"{i} {name:5} " + " ".join(f"{k}={v:.3f}" for k, v in r.items()), flush=True)
    medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in results.items()}
    for name, m in medians.items():
        print(f"median {name:5} " + " ".join(f"{k}={v:.3f}" for k, v in m.items()))
    if "other" in medians:
        mine, other = medians["this"], medians["other"]
        print("other/this " + " ".join(f"{k}={other[k] / mine[k]:.2f}" for k in mine if mine[k]))
