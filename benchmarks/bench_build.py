# SPDX-License-Identifier: MIT
"""Build-time cost of the plugin on a generated site (issue 7): on/off ratio, scaling, profile.

Run ``python benchmarks/bench_build.py [--pages 1000] [--repeat 3] [--quick] [--profile]``.

The site: ``--pages`` milestone pages (seeded, so every run builds the same text) with 5 to 15
phases each, success-criteria and risk tables, task lists with ``(~N lines)`` estimates, checkbox
criteria, validation fences, a box-drawing architecture diagram, ``Depends on`` links between
milestones, and one page in eight garbled as mojibake (UTF-8 read as Windows-1252, unmappable
bytes dropped, like the format guide's example). Theme ``material``; ``plugins: [search]`` (off)
against ``[search, milestones]`` (on), same Markdown extensions.

How it is timed, and why: every build runs in a **fresh child process**, and the child times
``build(load_config(...))`` only. A fresh process means no warm state carries from one build to
the next (Jinja and regex caches, the Markdown extension registry, the plugin's own state,
garbage-collector pressure from the previous site), as for a user's ``mkdocs build``; timing inside
the child leaves out interpreter start-up and the import of MkDocs and Material, a constant that
would dilute the on/off ratio (the wall-clock ratio, start-up included, is printed too). Runs are
interleaved (off, on, off, on, ... and the 2x site in the same rounds) so drift in machine load
hits both arms alike; the medians are compared.

Targets: on/off <= 1.10 at ``--pages``; time(2 x pages)/time(pages) <= 2.1 with the plugin on.
``--profile`` adds a cProfile of one plugin-on build (in this process, at most 300 pages) listing the package's
functions by cumulative time, and times ``parse_milestone`` on a 1x, 10x and 100x document
(same content repeated as more phases) to check that parsing is linear in the page's size.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = (
    "parser model layout render export theme docs tests release audit cache index search plugin "
    "database migration schema backend frontend queue worker metrics alerting rollout billing "
    "invoice ledger tenant session token gateway mobile offline sync conflict storage"
).split()
STATUS = ["✅ completed", "🔄 in-progress", "⏳ Pending", "⏳ not-started", "🔄 Partial", "❌ Failed", "⛔ blocked"]
CRITERIA = ["✅ Achieved", "⏳ Pending", "🔄 IN PROGRESS", "❌ Failed"]
PRIORITY = ["🔴 CRITICAL", "🟠 HIGH", "🟡 MEDIUM", "🟢 LOW"]
LEVELS = ["Low", "Medium", "High", "Critical"]
DIAGRAM = """```
┌──────────────────────────────────────────┐
│                {name:^26}│
├──────────────────────────────────────────┤
│  api ──▶ {a:<12} ──▶ {b:<12}   │
└────────────┬───────────────┬─────────────┘
             │               │
     ┌───────▼──────┐ ┌──────▼───────┐
     │ {c:^12} │ │ {d:^12} │
     └──────────────┘ └──────────────┘
```"""


def milestone_page(i: int, n_pages: int, rng: random.Random) -> str:
    """One milestone document in the format guide's shape."""

    def ws(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(k))

    title = ws(3).title()
    phases = rng.randint(5, 15)
    done = rng.randint(0, phases)
    out = [
        f"# MILESTONE: {title} {i}",
        "",
        f"**Status**: {rng.choice(['✅ Done', '🔄 IN PROGRESS', '⏳ Pending', '⛔ Blocked'])}",
        f"**Priority**: {rng.choice(PRIORITY)}",
        f"**Created**: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"**Estimated Duration**: {phases}-{phases + 3} sessions",
        f"**Total Commits**: {phases}-{2 * phases}",
    ]
    if i and rng.random() < 0.5:
        out.append(f"**Depends on**: [{ws(2)}](m{rng.randrange(max(0, i - 20), i):05d}.md)")
    out += ["", "---", "", "## Executive Summary", "", f"**Objective**: {ws(14)}.", "", "**Current State**:"]
    out += [f"- {ws(5)}" for _ in range(3)]
    out += ["", "**The Problem**:"] + [f"{k}. {ws(7)}" for k in range(1, 4)]
    out += ["", "---", "", "## Success Criteria", "", "| Metric | Target | Status |", "|--------|--------|--------|"]
    out += [f"| {ws(3)} | {ws(2)} | {rng.choice(CRITERIA)} |" for _ in range(rng.randint(4, 7))]
    out += ["", "---", "", "## Phase Breakdown", ""]
    for k in range(phases):
        status = STATUS[0] if k < done else rng.choice(STATUS[1:])
        out += [f"### Phase {k}: {ws(3).title()} ({rng.choice(['0.5 session', '1 session', '2 sessions', '3 days'])})", ""]
        out += [f"**Status**: {status}"]
        if k < done:
            out.append(f"**Completed**: 2026-02-{k + 1:02d}")
        out += [f"**Goal**: {ws(10)}.", f"**Dependencies**: {'None' if k == 0 else f'Phase {rng.randrange(k)}'}", "", "#### Tasks", ""]
        for t in range(1, rng.randint(2, 4) + 1):
            out += [f"{t}. **{ws(3)}** (~{rng.randint(20, 300)} lines)"] + [f"   - {ws(5)}" for _ in range(2)]
        out += ["", "#### Deliverables", "", f"- `src/{rng.choice(WORDS)}/{rng.choice(WORDS)}.py`", f"- `docs/{rng.choice(WORDS)}.md`"]
        out += ["", "#### Validation Gate", "", "```bash", f"pytest tests/test_{rng.choice(WORDS)}.py", f"make {rng.choice(WORDS)}", "```"]
        out += ["", "#### Success Criteria", ""]
        out += [f"- [{'x' if k < done or rng.random() < 0.3 else ' '}] {ws(5)}" for _ in range(rng.randint(2, 5))]
        out += ["", f"**Commit**: `feat({rng.choice(WORDS)}): {ws(4)}`", "", "---", ""]
    out += ["## Architecture Overview", "", DIAGRAM.format(name=title[:24], a=ws(1)[:12], b=ws(1)[:12], c=ws(1)[:12], d=ws(1)[:12]), ""]
    out += ["## Risk Assessment", "", "| Risk | Likelihood | Impact | Mitigation |", "|------|------------|--------|------------|"]
    out += [f"| {ws(3)} | {rng.choice(LEVELS)} | {rng.choice(LEVELS)} | {ws(4)} |" for _ in range(rng.randint(2, 5))]
    out += ["", "## Notes", ""] + [f"- {ws(8)}" for _ in range(3)]
    text = "\n".join(out) + "\n"
    if i % 8 == 3:  # mojibake: UTF-8 bytes read as Windows-1252, the unmappable ones lost
        text = text.encode("utf-8").decode("cp1252", errors="ignore")
    return text


def write_site(root: Path, pages: int, plugin: bool, seed: int = 1) -> Path:
    """The site's docs (shared by both arms when it exists already) and one mkdocs.yml per arm."""
    docs = root / "docs"
    stamp = docs / ".pages"
    if not (stamp.is_file() and stamp.read_text() == str(pages)):
        docs.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed)
        (docs / "index.md").write_text("# Plans\n\nGenerated milestone plans.\n", encoding="utf-8")
        for i in range(pages):
            (docs / f"m{i:05d}.md").write_text(milestone_page(i, pages, rng), encoding="utf-8")
        stamp.write_text(str(pages))
    name = "on" if plugin else "off"
    cfg = root / f"mkdocs-{name}.yml"
    plugins = "  - search\n" + ("  - milestones\n" if plugin else "")
    cfg.write_text(
        f"site_name: bench\ndocs_dir: docs\nsite_dir: site-{name}\ntheme:\n  name: material\n"
        f"plugins:\n{plugins}markdown_extensions:\n  - tables\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    return cfg


def child(cfg: str) -> None:
    """Runs in the child process: one build, timed without interpreter start-up and imports."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    start, cpu = time.perf_counter(), time.process_time()
    build(load_config(config_file=cfg))
    print(json.dumps({"build": time.perf_counter() - start, "cpu": time.process_time() - cpu}))


def timed_build(cfg: Path) -> tuple[float, float]:
    """``(build seconds measured in the child, wall seconds of the child process)``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", str(cfg)], capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    if out.returncode:
        sys.exit(f"build failed ({cfg}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])["build"], wall


def profile(root: Path, pages: int) -> None:
    """cProfile of one plugin-on build; the package's functions by cumulative time."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    cfg = write_site(root, pages, plugin=True)
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.enable()
    build(load_config(config_file=str(cfg)))
    prof.disable()
    total = time.perf_counter() - start
    stats = pstats.Stats(prof)
    rows = []
    for (path, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "mkdocs_milestones" in path:
            rel = path[path.index("mkdocs_milestones"):]
            rows.append((cumtime, tottime, ncalls, f"{rel}:{line}({func})"))
    rows.sort(reverse=True)
    print(f"\nprofile: plugin-on build of {pages} pages, {total:.2f} s under cProfile")
    print(f"{'cumulative s':>12} {'own s':>8} {'calls':>8}  function (mkdocs_milestones only)")
    for cum, own, calls, name in rows[:25]:
        print(f"{cum:12.3f} {own:8.3f} {calls:8d}  {name}")
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
    print("\ntop functions by own time (whole build):")
    print("\n".join(ln for ln in buf.getvalue().splitlines() if ln.strip()[:1].isdigit())[:3000])


def parse_linearity() -> None:
    """``parse_milestone`` on the same plan with 1x, 10x and 100x the phases: time per line."""
    from mkdocs_milestones.parser import parse_milestone

    rng = random.Random(5)
    base = milestone_page(1, 1, rng)
    head, _, rest = base.partition("## Phase Breakdown")
    phases, _, tail = rest.partition("## Architecture Overview")
    blocks = ["### Phase" + b for b in phases.split("### Phase")[1:]]
    print("\nparse_milestone linearity (the same phases repeated, renumbered):")
    print(f"{'size':>6} {'lines':>8} {'phases':>7} {'median ms':>10} {'us/line':>8}")
    per_line = []
    for factor in (1, 10, 100):
        body = []
        for r in range(factor):
            for k, b in enumerate(blocks):
                n = r * len(blocks) + k
                b = b.replace(f"### Phase {k}:", f"### Phase {n}:", 1)
                b = b.replace("**Dependencies**: Phase ", f"**Dependencies**: Phase {r * len(blocks)}", 1) if r and k else b
                body.append(b)
        text = head + "## Phase Breakdown\n\n" + "".join(body) + "## Architecture Overview" + tail
        lines = text.count("\n")
        runs = []
        for _ in range(5 if factor < 100 else 3):
            start = time.perf_counter()
            ms = parse_milestone(text)
            runs.append(time.perf_counter() - start)
        assert ms is not None and len(ms.phases) == factor * len(blocks)
        med = statistics.median(runs)
        per_line.append(med / lines)
        print(f"{factor:>5}x {lines:>8} {len(ms.phases):>7} {med * 1000:>10.1f} {med / lines * 1e6:>8.2f}")
    print(f"time per line, 100x vs 1x: {per_line[2] / per_line[0]:.2f} (linear: about 1)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000, help="milestone pages of the base site (default 1000); the scaling site has twice as many")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds (default 3)")
    ap.add_argument("--quick", action="store_true", help="a smoke run: 100 pages, 1 round, no profile")
    ap.add_argument("--profile", action="store_true", help="also profile a plugin-on build and check parse linearity")
    ap.add_argument("--dir", help="where to generate the sites (default: a temporary folder, removed after)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    if args.quick:
        args.pages, args.repeat = min(args.pages, 100), 1
    tmp = tempfile.TemporaryDirectory(prefix="ms-bench-") if not args.dir else None
    base = Path(args.dir or tmp.name)  # type: ignore[union-attr]
    n1, n2 = args.pages, 2 * args.pages
    sites = {n: base / f"site-{n}" for n in (n1, n2)}
    cfgs = {(n, on): write_site(sites[n], n, on) for n in (n1, n2) for on in (False, True)}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; sites of {n1} and {n2} milestone pages in {base}")
    for n in (n1, n2):  # warm the file system cache for both sites
        for p in sorted((sites[n] / "docs").glob("*.md")):
            p.read_bytes()
    times: dict[tuple[int, bool], list[tuple[float, float]]] = {k: [] for k in cfgs}
    order = [(n1, False), (n1, True), (n2, False), (n2, True)]
    for r in range(args.repeat):
        for key in order if r % 2 == 0 else order[::-1]:
            times[key].append(timed_build(cfgs[key]))
            b, w = times[key][-1]
            print(f"  round {r + 1}: {key[0]:>5} pages, plugin {'on ' if key[1] else 'off'}: build {b:7.2f} s, process {w:7.2f} s", flush=True)

    def med(key: tuple[int, bool], k: int = 0) -> float:
        return statistics.median(t[k] for t in times[key])

    ratio, ratio_wall = med((n1, True)) / med((n1, False)), med((n1, True), 1) / med((n1, False), 1)
    scaling, scaling_off = med((n2, True)) / med((n1, True)), med((n2, False)) / med((n1, False))
    print(f"\nmedians of {args.repeat} interleaved run(s), seconds (build only / whole process):")
    for key in order:
        print(f"  {key[0]:>5} pages, plugin {'on ' if key[1] else 'off'}: {med(key):8.2f} / {med(key, 1):8.2f}")
    print(f"\non/off at {n1} pages:        {ratio:.3f}  (whole process {ratio_wall:.3f})   target <= 1.10  {'OK' if ratio <= 1.10 else 'OVER'}")
    print(f"time({n2})/time({n1}), on:  {scaling:.3f}  (plugin off: {scaling_off:.3f})      target <= 2.1   {'OK' if scaling <= 2.1 else 'OVER'}")
    own1, own2 = med((n1, True)) - med((n1, False)), med((n2, True)) - med((n2, False))
    print(
        f"the plugin's own cost (on - off): {own1:.2f} s at {n1} pages ({own1 / n1 * 1000:.1f} ms/page), "
        f"{own2:.2f} s at {n2} ({own2 / n2 * 1000:.1f} ms/page): ratio {own2 / own1 if own1 > 0 else float('nan'):.2f}"
    )
    if args.profile and not args.quick:
        profile(base / "profile", min(n1, 300))  # cProfile triples the time: a 300-page site tells the same
    if args.profile or args.quick:
        parse_linearity()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
