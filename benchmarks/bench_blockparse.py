# SPDX-License-Identifier: MIT
"""CPU time of Python-Markdown's block parse of milestone pages (issue 17), on the generated pages of bench_build.py.

Run ``python benchmarks/bench_blockparse.py [--pages 300] [--rounds 5] [--repeat 3] [--against OTHER_CHECKOUT]``.

Each run is a **fresh child process** that converts every page ``--rounds`` times, one ``Markdown`` per page as
MkDocs makes them (the extension, ``tables``, ``toc`` with permalinks), and prints the median over the rounds of
the block parse (``parser.parseDocument``: every block processor, the list processors and ``ms_lists`` among them)
and of the whole conversion, in CPU seconds for all pages. With ``--against``, runs alternate between this checkout
and the other (each child imports the code of its own checkout first on ``sys.path``; both convert the same pages,
written by this checkout's generator) and the medians are compared, ``other / this``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def child(checkout: str, pages_file: str, rounds: str) -> None:
    """In the child: the checkout's code first; prints the medians as JSON."""
    sys.path.insert(0, checkout)
    import logging

    import markdown

    import mkdocs_milestones
    from mkdocs_milestones.extension import MilestonesExtension

    assert mkdocs_milestones.__file__.startswith(checkout), mkdocs_milestones.__file__
    logging.disable(logging.CRITICAL)
    pages = json.loads(Path(pages_file).read_text(encoding="utf-8"))
    ext = MilestonesExtension(today="2026-06-01")
    convert: list[float] = []
    parse: list[float] = []
    for _ in range(int(rounds)):
        spent = [0.0, 0.0]
        for text in pages:
            md = markdown.Markdown(extensions=[ext, "tables", "toc"], extension_configs={"toc": {"permalink": True}})
            document = md.parser.parseDocument

            def timed(lines: Any, document: Any = document) -> Any:
                t = time.process_time()
                try:
                    return document(lines)
                finally:
                    spent[1] += time.process_time() - t

            md.parser.parseDocument = timed  # type: ignore[method-assign]
            t = time.process_time()
            md.convert(text)
            spent[0] += time.process_time() - t
        convert.append(spent[0])
        parse.append(spent[1])
    print(json.dumps({"blockparse": statistics.median(parse), "convert": statistics.median(convert)}))


def run(checkout: Path, pages_file: Path, rounds: int) -> dict[str, float]:
    from _ab import child_json
    return child_json(__file__, [str(checkout), str(pages_file), str(rounds)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300, help="generated milestone pages (default 300)")
    ap.add_argument("--rounds", type=int, default=5, help="conversions of every page per run (default 5)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per checkout, interleaved (default 3)")
    ap.add_argument("--against", help="another checkout of the project to compare with (e.g. main's)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _ab import compare
    from bench_build import milestone_page

    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.json"
        pages_file.write_text(json.dumps([milestone_page(i, args.pages, rng) for i in range(args.pages)]), encoding="utf-8")
        compare(ROOT, args.against, args.repeat, lambda name, checkout: run(checkout, pages_file, args.rounds))

if __name__ == "__main__":
    main()
