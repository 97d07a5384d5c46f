# SPDX-License-Identifier: MIT
"""One A/B loop for the stage benchmarks (``bench_decorate.py``, ``bench_blockparse.py``): this checkout against
another, each arm run by its own checkout's code, interleaved, the order of the arms alternating from round to round
(on this machine the run second in a pair reads slower, so a fixed order is biased), medians printed."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
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


def child_json(script: str, args: list[str], **env: str) -> dict[str, float]:
    """Run ``script --child *args`` in a fresh interpreter (no PYTHONPATH: the child puts its checkout first itself,
    ``env`` added) and read the JSON of its last line; exit with its error output when it fails."""
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environ.update(PYTHONHASHSEED="0", **env)
    out = subprocess.run([sys.executable, script, "--child", *args], capture_output=True, text=True, env=environ,
                         check=False, cwd=tempfile.gettempdir())
    if out.returncode:
        sys.exit(f"child failed ({args[0]}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
