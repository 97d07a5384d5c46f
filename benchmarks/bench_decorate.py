# SPDX-License-Identifier: MIT
"""CPU time of a milestone page's decoration (issue 17), stage by stage, on the generated site of bench_build.py.

Run ``python benchmarks/bench_decorate.py [--pages 300] [--repeat 5] [--against OTHER_CHECKOUT] [--dir DIR]``.

Each run is one build of the site (Material, search, the plugin) in a **fresh child process**, with the
decoration's steps wrapped in ``time.process_time`` clocks: the ``ms_render`` tree processor (and, inside it,
the phase graph and the phases), ``ms_sanitize``, the toc guard, ``ms_search_marks``, the plugin's search view
and finished page, and, for what the decoration leaves to Python-Markdown, its raw-HTML step, which does its
work once per stash entry. ``decoration`` is the sum of the first six (the graph and the phases are inside the
render). With ``--against``, each run alternates between this checkout and the other (each child imports the
code of its own checkout first on ``sys.path``) and the medians are compared, ``other / this``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOTAL = ("render", "sanitize", "toc_guard", "search_marks", "search_view", "finished")
"""The stages whose sum is the decoration (the others are inside one of these, or Python-Markdown's)."""


def child(checkout: str, cfg: str, out_dir: str) -> None:
    """In the child: the checkout's code first, the stages wrapped, one build; prints the clocks as JSON."""
    sys.path.insert(0, checkout)
    import logging

    import markdown.postprocessors as md_post

    import mkdocs_milestones
    import mkdocs_milestones.extension as ext
    from mkdocs_milestones import plugin
    from mkdocs_milestones.extension import phases, render, sanitize, search_view, toc_guard

    if not mkdocs_milestones.__file__ or not mkdocs_milestones.__file__.startswith(checkout):
        sys.exit(f"imported {mkdocs_milestones.__file__}, not the code of {checkout}")
    clocks: dict[str, float] = dict.fromkeys((*TOTAL, "graph", "phases", "raw_html"), 0.0)

    def clocked(owner: Any, name: str, key: str) -> None:
        inner = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                clocks[key] += time.process_time() - start

        setattr(owner, name, timed)

    clocked(render.RenderTreeprocessor, "run", "render")
    clocked(ext.MilestonesExtension, "graph_html", "graph")
    clocked(phases.PhaseRenderer, "_phases", "phases")
    clocked(sanitize.SanitizeTreeprocessor, "run", "sanitize")
    clocked(toc_guard.TocMarkerGuard, "run", "toc_guard")
    clocked(search_view.SearchMarksTreeprocessor, "run", "search_marks")
    if hasattr(plugin, "views"):  # the search view and the reader's page from one walk (both views' time)
        clocked(plugin, "views", "search_view")
    else:  # an older checkout: the plugin's own names for the two functions
        clocked(plugin, "search_view", "search_view")
        clocked(plugin, "finished", "finished")
    clocked(md_post.RawHtmlPostprocessor, "run", "raw_html")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.process_time()
    build(load_config(config_file=cfg, site_dir=out_dir))
    clocks["build"] = time.process_time() - start
    clocks["decoration"] = sum(clocks[k] for k in TOTAL)
    print(json.dumps(clocks))


def run(checkout: Path, cfg: Path, out_dir: Path) -> dict[str, float]:
    from _ab import child_json
    return child_json(__file__, [str(checkout), str(cfg), str(out_dir)], NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1796000000")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300, help="milestone pages of the generated site (default 300)")
    ap.add_argument("--repeat", type=int, default=5, help="builds per checkout, interleaved (default 5)")
    ap.add_argument("--against", help="another checkout of the project to compare with (e.g. main's)")
    ap.add_argument("--dir", help="where to generate the site (default: a temporary folder, removed after)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _ab import compare
    from bench_build import write_site

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.dir or tmp)
        cfg = write_site(base, args.pages, plugin=True)
        compare(ROOT, args.against, args.repeat, lambda name, checkout: run(checkout, cfg, base / f"site-{name}"))

if __name__ == "__main__":
    main()
