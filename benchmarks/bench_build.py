# SPDX-License-Identifier: MIT
"""Build-time cost of the plugin on a generated site (issues 7 and 17): on/off, serve rebuilds, stages.

Run ``python benchmarks/bench_build.py [--pages 300,1000] [--repeat 3] [--quick] [--no-profile] [--extensions material]``.

The site: N milestone pages (seeded, so every run builds the same text) with 5 to 15 phases each,
success-criteria and risk tables, task lists with ``(~N lines)`` estimates, checkbox criteria,
validation fences, a box-drawing architecture diagram, ``Depends on`` links between milestones,
and one page in eight garbled as mojibake (UTF-8 read as Windows-1252, unmappable bytes dropped,
like the format guide's example). Theme ``material``; ``plugins: [search]`` (off) against
``[search, milestones]`` (on), same Markdown extensions: ``tables`` and ``toc`` (``--extensions basic``, the default)
or Material's recommended set (``--extensions material``: admonition, attr_list, def_list, footnotes, md_in_html and
the pymdownx extensions, with Material's settings).

What it reports:

1. **Builds**, on and off, at each ``--pages`` size: every build runs in a **fresh child process**
   that times ``build(load_config(...))`` only, in CPU seconds (``time.process_time``: other
   processes on a loaded machine do not count, unlike wall-clock time, which is printed too).
   A fresh process means no warm state carries over (Jinja and regex caches, the plugin's own),
   as for a user's ``mkdocs build``. Runs are interleaved (off, on, on, off, ... across sizes) so
   drift hits both arms alike; medians are compared. ``t(large)/t(small)`` on and off says whether
   the plugin makes the build scale worse than MkDocs alone.
2. **Serve rebuilds** (``--serve-pages``, default the smallest size): in one child process, a first
   build, then ``--edits`` rebuilds each after editing one page (a phase status), the config read
   again and the plugin instance kept, as ``mkdocs serve`` does; the median rebuild, on and off.
3. **Stages** (unless ``--no-profile``): a cProfile of one build on and one off (in this process,
   at most 300 pages), the time of each stage (ours, Python-Markdown's, Material's search, the
   theme) and the difference on - off. cProfile inflates Python-heavy code, so read shares and
   differences, not absolute seconds. Then ``parse_milestone`` on a 1x, 10x and 100x document
   (the same phases repeated) checks that parsing is linear in a page's size.

Targets (issue 17): on/off <= 1.10 at 300 and 1,000 pages; t(large)/t(small) on no worse than off;
a serve rebuild on/off <= 1.10.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
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
from typing import Any

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


EXTENSIONS = {
    "basic": "  - tables\n  - toc:\n      permalink: true\n",
    # Material for MkDocs' recommended set, with its settings (as tests/test_plain_text.py's MATERIAL; the inline-pass
    # skip of extension/plain.py knows each of them)
    "material": (
        "  - admonition\n  - attr_list\n  - def_list\n  - footnotes\n  - md_in_html\n  - tables\n  - toc:\n      permalink: true\n"
        "  - pymdownx.arithmatex:\n      generic: true\n  - pymdownx.betterem:\n      smart_enable: all\n  - pymdownx.caret\n"
        "  - pymdownx.critic\n  - pymdownx.details\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "  - pymdownx.highlight:\n      anchor_linenums: true\n  - pymdownx.inlinehilite\n  - pymdownx.keys\n  - pymdownx.mark\n"
        "  - pymdownx.smartsymbols\n  - pymdownx.snippets\n  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n"
        "  - pymdownx.tasklist:\n      custom_checkbox: true\n  - pymdownx.tilde\n"
    ),
}
"""``--extensions``: the Markdown extensions of both arms (``markdown_extensions:`` of mkdocs.yml)."""


def write_site(root: Path, pages: int, plugin: bool, seed: int = 1, extensions: str = "basic") -> Path:
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
        f"plugins:\n{plugins}markdown_extensions:\n{EXTENSIONS[extensions]}",
        encoding="utf-8",
    )
    return cfg


def real_builds(docs: Path, base: Path, repeat: int, exclude: list[str] | None, extensions: str = "basic") -> None:
    """Builds of a real docs folder (``--real``): Material and search, the plugin off and on, interleaved fresh-process
    builds, medians; MkDocs' link checks at ``info`` (real docs link outside the folder they are built from)."""
    base.mkdir(parents=True, exist_ok=True)
    cfgs = {}
    for on in (False, True):
        name = "on" if on else "off"
        cfg = base / f"real-{name}.yml"
        cfg.write_text(
            f"site_name: bench\ndocs_dir: {docs.resolve()}\nsite_dir: {base / ('real-site-' + name)}\n"
            "theme:\n  name: material\nplugins:\n  - search\n" + ("  - milestones\n" if on else "")
            + "markdown_extensions:\n" + EXTENSIONS[extensions]
            + ("exclude_docs: |\n" + "".join(f"  {x}\n" for x in exclude) if exclude else "")
            + "validation:\n  omitted_files: info\n  links:\n    not_found: info\n    absolute_links: info\n"
              "    unrecognized_links: info\n    anchors: info\n", encoding="utf-8")
        cfgs[on] = cfg
    times: dict[bool, list[float]] = {False: [], True: []}
    for r in range(repeat):
        for on in (False, True) if r % 2 == 0 else (True, False):
            times[on].append(run_child(["--child", str(cfgs[on])])["cpu"])
    off, on = (statistics.median(times[k]) for k in (False, True))
    pages = sum(1 for p in docs.rglob("*.md"))
    print(f"real docs {docs} ({pages} Markdown files): medians of {repeat} interleaved builds, CPU s: "
          f"off {off:.2f}, on {on:.2f}: on/off {on / off:.3f}")


def _quiet() -> None:
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)


def child(cfg: str) -> None:
    """Runs in the child process: one build, timed without interpreter start-up and imports."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _quiet()
    collecting = _gc_clock()
    start, cpu = time.perf_counter(), time.process_time()
    build(load_config(config_file=cfg))
    print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - start, "gc": collecting[0]}))


def _gc_clock() -> list[float]:
    """The CPU seconds spent in Python's garbage collector from now on (``[seconds]``, updated as it runs): a cost
    cProfile spreads over whatever function allocates when a collection starts, so no stage shows it."""
    import gc

    total, started = [0.0], [0.0]

    def clock(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            total[0] += time.process_time() - started[0]

    gc.callbacks.insert(0, clock)  # first: what other callbacks do after a collection is not counted
    return total


def edit_page(docs: Path, k: int) -> None:
    """Change one phase status of one page (a different page and word each time)."""
    page = docs / f"m{(7 * k) % 50:05d}.md"
    text = page.read_text(encoding="utf-8")
    for old, new in (("**Status**: ⏳ Pending", "**Status**: 🔄 in-progress"), ("**Status**: 🔄 in-progress", "**Status**: ⏳ Pending")):
        if old in text:
            page.write_text(text.replace(old, new, 1), encoding="utf-8")
            return
    page.write_text(text + f"\nEdited {k}.\n", encoding="utf-8")


def serve_child(cfg: str, edits: int) -> None:
    """Runs in the child process: a first build, then ``edits`` rebuilds after a one-page edit, as `mkdocs serve` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _quiet()
    collecting = _gc_clock()
    build(load_config(config_file=cfg))
    docs = Path(cfg).parent / "docs"
    out = []
    for k in range(edits):
        edit_page(docs, k)
        start, cpu, gc_before = time.perf_counter(), time.process_time(), collecting[0]
        build(load_config(config_file=cfg))  # config read again, plugin instances kept (on_startup)
        out.append({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - start, "gc": collecting[0] - gc_before})
    print(json.dumps(out))


def run_child(args: list[str]) -> Any:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=False)
    if out.returncode:
        sys.exit(f"build failed ({args}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def parse_linearity() -> None:
    """``parse_milestone`` on the same plan with 1x, 10x and 100x the phases: time per line."""
    from mkdocs_milestones.parser import parse_milestone

    rng = random.Random(5)
    base = milestone_page(1, 1, rng)
    head, _, rest = base.partition("## Phase Breakdown")
    phases, _, tail = rest.partition("## Architecture Overview")
    blocks = ["### Phase" + b for b in phases.split("### Phase")[1:]]
    print("\nparse_milestone linearity (the same phases repeated, renumbered):")
    print(f"{'size':>6} {'lines':>8} {'phases':>7} {'CPU ms':>10} {'us/line':>8}")
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
            start = time.process_time()  # CPU time: a long parse on a busy machine waits for the CPU more often
            ms = parse_milestone(text)
            runs.append(time.process_time() - start)
        assert ms is not None and len(ms.phases) == factor * len(blocks)
        med = statistics.median(runs)
        per_line.append(med / lines)
        print(f"{factor:>5}x {lines:>8} {len(ms.phases):>7} {med * 1000:>10.1f} {med / lines * 1e6:>8.2f}")
    print(f"time per line, 100x vs 1x: {per_line[2] / per_line[0]:.2f} (linear: about 1)")


# -- stages ---------------------------------------------------------------------------------------------
# (name, predicate on a cProfile key (file, line, function)); a stage's time is its functions' cumulative time.
STAGES: list[tuple[str, Any]] = [
    ("ours: mojibake repair", lambda f, fn: fn == "fix_mojibake_report"),
    ("ours: parse", lambda f, fn: fn == "parse_milestone" and "parser.py" in f),
    ("ours: normalise lines", lambda f, fn: fn == "normalize_source_map"),
    ("ours: markers", "mkdocs_milestones.extension.preprocessors:MarkerPreprocessor.run"),
    ("ours: decorate tree (render.py)", lambda f, fn: "extension/render.py" in f and fn == "run"),
    ("  of which graph layout + SVG", lambda f, fn: fn == "render_graph_svg"),
    ("ours: sanitize", lambda f, fn: "extension/sanitize.py" in f and fn == "run"),
    ("ours: on_env (export, roadmap)", lambda f, fn: "mkdocs_milestones/plugin.py" in f and fn == "on_env"),
    ("  of which milestones.json", lambda f, fn: "mkdocs_milestones/export.py" in f and fn == "export_json"),
    ("  of which the roadmap page", lambda f, fn: "mkdocs_milestones/plugin.py" in f and fn == "_convert_again"),
    ("  of which history and feeds", lambda f, fn: "site_history.py" in f and fn == "publish"),
    ("ours: read sources (repair)", lambda f, fn: "source_repair.py" in f and fn == "on_page_read_source"),
    ("ours: history read", lambda f, fn: "site_history.py" in f and fn == "read"),
    ("ours: graph into the page", lambda f, fn: "mkdocs_milestones/plugin.py" in f and fn == "_insert_graphs"),
    ("ours: search view, page restored", lambda f, fn: "search_view.py" in f and fn in ("search_view", "finished")),
    ("ours: bracket the chrome", lambda f, fn: "search_view.py" in f and fn == "run"),
    ("Markdown: block parser", lambda f, fn: fn == "parseDocument"),
    ("Markdown: inline", "markdown.treeprocessors:InlineProcessor.run"),
    ("Markdown: serialise", lambda f, fn: fn == "to_xhtml_string"),
    ("Markdown: toc", lambda f, fn: "extensions/toc.py" in f and fn == "run"),
    ("Markdown: convert (all)", lambda f, fn: f.endswith("markdown/core.py") and fn == "convert"),
    ("search: index a page", lambda f, fn: "search" in f and fn == "add_entry_from_context"),
    ("search: write the index", lambda f, fn: "search" in f and fn == "on_post_build"),
    ("theme: render the template", lambda f, fn: "jinja2/environment.py" in f and fn == "render"),
    ("whole build", lambda f, fn: fn == "build" and f.endswith("mkdocs/commands/build.py")),
]


def _code(spec: str) -> tuple[str, int, str]:
    """``module:Class.method`` as a cProfile key."""
    import importlib

    mod, _, qual = spec.partition(":")
    obj: Any = importlib.import_module(mod)
    for part in qual.split("."):
        obj = getattr(obj, part)
    code = obj.__code__
    return code.co_filename, code.co_firstlineno, code.co_name


def stage_times(prof: cProfile.Profile) -> dict[str, float]:
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    out = {}
    for name, pred in STAGES:
        if isinstance(pred, str):
            v = stats.get(_code(pred))
            out[name] = v[3] if v else 0.0
        else:
            out[name] = sum(v[3] for (f, _line, fn), v in stats.items() if pred(f, fn))
    return out


def profile(root: Path, pages: int, extensions: str = "basic") -> None:
    """cProfile of one build on and one off: time per stage, and the difference."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _quiet()
    result = {}
    for on in (False, True):
        cfg = write_site(root, pages, plugin=on, extensions=extensions)
        prof = cProfile.Profile()
        prof.enable()
        build(load_config(config_file=str(cfg)))
        prof.disable()
        result[on] = stage_times(prof)
    total_off, total_on = result[False]["whole build"], result[True]["whole build"]
    print(f"\nstages of one build of {pages} pages under cProfile (cumulative seconds; cProfile inflates Python-heavy code)")
    print(f"{'stage':34} {'off':>8} {'on':>8} {'on-off':>8} {'ms/page':>8}  share of the difference")
    for name, _ in STAGES:
        off, on = result[False][name], result[True][name]
        diff = on - off
        share = diff / (total_on - total_off) if total_on > total_off else float("nan")
        print(f"{name:34} {off:8.2f} {on:8.2f} {diff:8.2f} {diff / pages * 1000:8.2f}  {share:6.0%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="300,1000", help="comma-separated site sizes in milestone pages (default 300,1000)")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds of full builds (default 3)")
    ap.add_argument("--serve-pages", type=int, help="site size for the serve rebuilds (default: the smallest --pages)")
    ap.add_argument("--edits", type=int, default=5, help="rebuilds after a one-page edit per serve child (default 5)")
    ap.add_argument("--serve-repeat", type=int, default=2, help="serve children per arm, interleaved (default 2)")
    ap.add_argument("--quick", action="store_true", help="a smoke run: 60 pages, 1 round, 2 edits")
    ap.add_argument("--no-profile", action="store_true", help="skip the per-stage profile and the parse linearity check")
    ap.add_argument("--only", choices=("builds", "serve", "profile"), help="run one part only")
    ap.add_argument("--dir", help="where to generate the sites (default: a temporary folder, removed after)")
    ap.add_argument("--real", metavar="DOCS_DIR", help="time builds of a real docs folder instead (plugin off and on)")
    ap.add_argument("--exclude", action="append", metavar="PATTERN", help="with --real: MkDocs' exclude_docs (repeatable)")
    ap.add_argument("--extensions", choices=sorted(EXTENSIONS), default="basic",
                    help="Markdown extensions of both arms: basic (tables, toc; the default) or material (Material for MkDocs'"
                         " recommended set: admonition, attr_list, def_list, footnotes, md_in_html, pymdownx.*)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--serve-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    if args.serve_child:
        serve_child(args.serve_child, args.edits)
        return
    # Bytecode for the plugin, as `pip install` writes it (MkDocs' and Material's own are installed so): without
    # it every child would compile the plugin's modules again (PYTHONDONTWRITEBYTECODE, an editable install),
    # a cost only the plugin-on arm would pay and no user's build does.
    compileall.compile_dir(str(ROOT / "mkdocs_milestones"), quiet=1)
    sizes = sorted({int(p) for p in args.pages.split(",")})
    if args.quick:
        sizes, args.repeat, args.edits, args.serve_repeat = [60], 1, 2, 1
    tmp = tempfile.TemporaryDirectory(prefix="ms-bench-") if not args.dir else None
    base = Path(args.dir or tmp.name)  # type: ignore[union-attr]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; sites in {base}; "
          f"extensions: {args.extensions}")
    if args.real:
        real_builds(Path(args.real), base, args.repeat, args.exclude, args.extensions)
        return

    if args.only in (None, "builds"):
        cfgs = {(n, on): write_site(base / f"site-{n}", n, on, extensions=args.extensions) for n in sizes for on in (False, True)}
        times: dict[tuple[int, bool], list[dict[str, float]]] = {k: [] for k in cfgs}
        order = [(n, on) for n in sizes for on in (False, True)]
        for r in range(args.repeat):
            for key in order if r % 2 == 0 else order[::-1]:
                t = run_child(["--child", str(cfgs[key])])
                times[key].append(t)
                print(f"  round {r + 1}: {key[0]:>5} pages, plugin {'on ' if key[1] else 'off'}: {t['cpu']:7.2f} CPU s, {t['wall']:7.2f} s", flush=True)

        def med(key: tuple[int, bool], k: str = "cpu") -> float:
            return statistics.median(t[k] for t in times[key])

        def spread(key: tuple[int, bool]) -> str:
            v = [t["cpu"] for t in times[key]]
            return f"{(max(v) - min(v)) / statistics.median(v):.0%}"

        print(f"\nbuilds: medians of {args.repeat} interleaved fresh-process builds (CPU s; wall s; spread max-min/median of CPU;"
              " gc: CPU s in Python's garbage collector)")
        for n in sizes:
            off, on = med((n, False)), med((n, True))
            print(f"  {n:>5} pages: off {off:7.2f} (wall {med((n, False), 'wall'):7.2f}, spread {spread((n, False))}), "
                  f"on {on:7.2f} (wall {med((n, True), 'wall'):7.2f}, spread {spread((n, True))}): "
                  f"on/off {on / off:.3f} (wall {med((n, True), 'wall') / med((n, False), 'wall'):.3f}), "
                  f"{(on - off) / n * 1000:.1f} ms per page   target <= 1.10 {'OK' if on / off <= 1.10 else 'OVER'}; "
                  f"gc off {med((n, False), 'gc'):.2f}, on {med((n, True), 'gc'):.2f}")
        if len(sizes) > 1:
            a, b = sizes[0], sizes[-1]
            s_on, s_off = med((b, True)) / med((a, True)), med((b, False)) / med((a, False))
            print(f"  t({b})/t({a}): on {s_on:.2f}, off {s_off:.2f} (x{b / a:.2f} pages)   target: on <= off {'OK' if s_on <= s_off else 'OVER'}")

    if args.only in (None, "serve"):
        n = args.serve_pages or sizes[0]
        site = base / f"serve-{n}"
        cfgs = {on: write_site(site, n, on, extensions=args.extensions) for on in (False, True)}
        runs: dict[bool, list[float]] = {False: [], True: []}
        gcs: dict[bool, list[float]] = {False: [], True: []}
        for r in range(args.serve_repeat):
            for on in (False, True) if r % 2 == 0 else (True, False):
                out = run_child(["--serve-child", str(cfgs[on]), "--edits", str(args.edits)])
                runs[on] += [t["cpu"] for t in out]
                gcs[on] += [t["gc"] for t in out]
                cpus = ", ".join(f"{t['cpu']:.2f}" for t in out)
                print(f"  serve child {r + 1}, plugin {'on ' if on else 'off'}: rebuilds {cpus} CPU s", flush=True)
        off, on = statistics.median(runs[False]), statistics.median(runs[True])
        print(f"\nserve rebuild after a one-page edit, {n} pages: medians of {len(runs[True])} rebuilds (CPU s): "
              f"off {off:.2f}, on {on:.2f}, on/off {on / off:.3f}   target <= 1.10 {'OK' if on / off <= 1.10 else 'OVER'}; "
              f"gc off {statistics.median(gcs[False]):.2f}, on {statistics.median(gcs[True]):.2f}")
        for p in (site / "docs").glob("m000*.md"):
            p.unlink()  # edited: written afresh next time
        (site / "docs" / ".pages").unlink(missing_ok=True)

    if args.only in (None, "profile") and not args.no_profile:
        profile(base / "profile", min(sizes[0], 300), args.extensions)
        if not args.quick:
            parse_linearity()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
