# SPDX-License-Identifier: MIT
"""The stage benchmarks the README quotes still run against the code: ``bench_decorate.py`` and
``bench_blockparse.py`` wrap the plugin's own functions by name, so a rename breaks them silently until someone
measures (``plugin.search_view`` became ``plugin.views`` in one merge). Two small runs, this checkout against itself."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize(("script", "stage"), [("bench_decorate.py", "render"), ("bench_decorate.py", "search_view"),
                                               ("bench_blockparse.py", "blockparse")])
def test_the_stage_benchmark_runs_and_times_its_stage(script: str, stage: str) -> None:
    args = [sys.executable, str(ROOT / "benchmarks" / script), "--pages", "3", "--repeat", "2", "--against", str(ROOT)]
    if script == "bench_blockparse.py":
        args += ["--rounds", "1"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    for arm in ("this", "other"):
        m = re.search(rf"^median {arm} .*\b{stage}=([0-9.]+)", out.stdout, re.M)
        assert m is not None and float(m.group(1)) > 0, out.stdout
    assert re.search(r"^1 other ", out.stdout, re.M) and re.search(r"^1 this ", out.stdout, re.M)
