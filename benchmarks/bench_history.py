# SPDX-License-Identifier: MIT
"""Cost of reading milestone history from git (issue 19): cold read, cached rebuild, new commit.

Run ``python benchmarks/bench_history.py [DOCS_DIR ...] [--synthetic 200x2000] [--repeat 5]``.

For each docs folder (default: this checkout's ``demo_site`` and the whole checkout), prints the
commits ``git log`` lists, the versions parsed and the median wall time of:

* ``cold``: a fresh :class:`~mkdocs_milestones.history.HistoryReader` without a cache folder (a first
  build), with ``pages`` = the folder's current milestone pages (as the plugin and ``mkdocs-milestones
  export`` ask for them);
* ``cold-all``: the same with ``pages=None`` (every Markdown file ever under the folder that held a
  milestone): what reading every file would cost;
* ``git log``: the log command alone, the part that no in-memory cache saves (the cache folder does);
* ``cached``: a second read with the same HEAD (a ``mkdocs serve`` rebuild without a commit).

``--synthetic MxC`` also builds a repository with ``git fast-import`` (M milestone files, C commits,
each commit changing one file's status or boxes; a rename every 50 commits) and measures it the same
way, plus ``new-commit``: the read after one more commit, with the reader's cache warm.
Times include process start-up of git (two processes per cold read).

``--build`` also times whole ``mkdocs build`` runs of each folder given and of the synthetic repository
(theme ``mkdocs``, the plugin on; ``--exclude PATTERN`` for MkDocs' ``exclude_docs``), each in a fresh process,
interleaved, medians compared: ``history:
false``; ``history: true`` without the cache folder (removed before the build: a fresh clone in CI);
``history: true`` with the cache folder the previous build left.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mkdocs_milestones.history import HistoryReader  # noqa: E402
from mkdocs_milestones.history.git import _LOG_FORMAT, _PATHSPECS  # noqa: E402
from mkdocs_milestones.site import collect_milestones, read_docs_dir  # noqa: E402


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(docs: str, repeat: int) -> None:
    pages = [e.page for e in collect_milestones(read_docs_dir(docs))]
    first = HistoryReader().read(docs, pages)
    if not first.enabled:
        print(f"{docs}: history off ({first.note})")
        return
    every = HistoryReader().read(docs, None)
    cold = _median(lambda: HistoryReader().read(docs, pages), repeat)
    cold_all = _median(lambda: HistoryReader().read(docs, None), repeat)
    log = _median(lambda: subprocess.run(
        ["git", "log", "-z", "--first-parent", "-m", "--raw", "--no-abbrev", "-M", "--relative",
         f"--format={_LOG_FORMAT}", "--", *_PATHSPECS], cwd=docs, capture_output=True, check=True), repeat)
    warm = HistoryReader()
    warm.read(docs, pages)
    cached = _median(lambda: warm.read(docs, pages), repeat)
    points = sum(len(h.points) for h in first.milestones.values())
    print(f"{docs}: {first.commits} commits, {len(pages)} milestone pages ({len(first.milestones)} with history, "
          f"{points} points), {first.versions_parsed} versions parsed ({every.versions_parsed} with pages=None)")
    print(f"  cold {cold * 1000:.1f} ms | cold-all {cold_all * 1000:.1f} ms | git log {log * 1000:.1f} ms | "
          f"cached {cached * 1000:.1f} ms")


def _doc(title: str, status: str, boxes: list[bool]) -> str:
    lines = [f"# MILESTONE: {title}", "", f"**Status**: {status}", "**Created**: 2025-01-01", "",
             "## Phase Breakdown", ""]
    for i in range(0, len(boxes), 4):
        lines += [f"### Phase {i // 4 + 1}: Part {i // 4 + 1}", "", "**Status**: pending", ""]
        lines += [f"- [{'x' if b else ' '}] criterion {j}" for j, b in enumerate(boxes[i:i + 4])]
        lines += ["", "Some prose about the work in this phase. " * 8, ""]
    return "\n".join(lines) + "\n"


def synthetic(folder: Path, files: int, commits: int) -> Path:
    """A repository made with ``git fast-import``: ``commits`` commits over ``files`` milestone files."""
    rng = random.Random(19)
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    state = {f"docs/m{i:04d}.md": [False] * rng.randint(4, 24) for i in range(files)}
    statuses = ["pending", "in-progress", "partial", "blocked", "done"]
    stream: list[bytes] = []
    when = 1_700_000_000

    def blob(path: str, text: str) -> None:
        data = text.encode("utf-8")
        stream.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    for n in range(commits):
        when += 3600
        msg = f"commit {n}".encode()
        stream.append(f"commit refs/heads/main\ncommitter Bench <b@example.org> {when} +0000\n".encode())
        stream.append(f"data {len(msg)}\n".encode() + msg + b"\n")
        if n == 0:
            for path, boxes in state.items():
                blob(path, _doc(path, "pending", boxes))
        else:
            path = rng.choice(sorted(state))
            if n % 50 == 0:
                new = path.replace("docs/", "docs/moved/") if "moved" not in path else path.replace("moved/", "")
                stream.append(f"R {path} {new}\n".encode())
                state[new] = state.pop(path)
            else:
                boxes = state[path]
                k = rng.randrange(len(boxes))
                boxes[k] = not boxes[k]
                if rng.random() < 0.1:
                    boxes.append(False)
                blob(path, _doc(path, rng.choice(statuses), boxes))
        stream.append(b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=folder, check=True)
    return folder / "docs"


def _timed_build(cfg: Path) -> float:
    code = ("import time,sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            "c=load_config(sys.argv[1]); t=time.perf_counter(); build(c); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code, str(cfg)], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})  # "-c" imports from the cwd first
    return float(out.stdout.strip().splitlines()[-1])


def build_cost(docs: Path, repeat: int, exclude: list[str] | None = None) -> None:
    """``mkdocs build`` of ``docs`` (a folder in a git work tree) with history off, on without a cache
    (``history_cache`` folder removed first: a fresh clone in CI) and on with the cache the previous build left
    (a second build, or CI restoring ``.cache``); each in a fresh process, interleaved, medians. The configs and
    the cache live in a temporary folder; MkDocs' link checks are at ``info`` (real docs link outside the folder)."""
    kinds = ("off", "cold", "warm")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    excluded = "".join(f"  {pattern}\n" for pattern in exclude or [])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cache = work / ".cache"
        for _ in range(repeat):
            for kind in kinds:
                cfg = work / f"mkdocs-{kind}.yml"
                cfg.write_text(
                    f"site_name: bench\ndocs_dir: {docs.resolve()}\nsite_dir: {work / 'site'}\ntheme:\n  name: mkdocs\n"
                    f"plugins:\n  - milestones:\n      history: {str(kind != 'off').lower()}\n"
                    + (f"exclude_docs: |\n{excluded}" if excluded else "")
                    + "validation:\n  omitted_files: info\n  links:\n    not_found: info\n    absolute_links: info\n"
                      "    unrecognized_links: info\n    anchors: info\n", encoding="utf-8")
                if kind == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                times[kind].append(_timed_build(cfg))
    off, cold, warm = (statistics.median(times[k]) for k in kinds)
    print(f"  mkdocs build: history off {off:.2f} s | on, no cache {cold:.2f} s (on/off {cold / off:.3f}, "
          f"+{(cold - off) * 1000:.0f} ms) | on, cache of the last build {warm:.2f} s (on/off {warm / off:.3f}, "
          f"+{(warm - off) * 1000:.0f} ms)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", nargs="*", help="docs folders inside git work trees")
    ap.add_argument("--synthetic", metavar="MxC", help="also a generated repository: M files, C commits")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--build", action="store_true", help="also time mkdocs builds of each folder, history off and on")
    ap.add_argument("--exclude", action="append", metavar="PATTERN", help="with --build: MkDocs' exclude_docs (repeatable)")
    args = ap.parse_args()
    for docs in args.docs or [str(ROOT / "demo_site"), str(ROOT)]:
        measure(docs, args.repeat)
        if args.build and args.docs:
            build_cost(Path(docs), args.repeat, args.exclude)
    if args.synthetic:
        files, commits = (int(x) for x in args.synthetic.lower().split("x"))
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            docs = synthetic(Path(tmp) / "repo", files, commits)
            print(f"synthetic {files} files x {commits} commits made in {time.perf_counter() - t:.1f} s")
            measure(str(docs), args.repeat)
            if args.build:
                build_cost(docs, args.repeat)
            reader = HistoryReader()
            reader.read(str(docs), None)
            target = sorted(Path(docs).rglob("*.md"))[0]
            target.write_text(target.read_text(encoding="utf-8").replace("**Status**:", "**Status**: done <!--", 1)
                              .replace("\n", " -->\n", 1), encoding="utf-8")
            env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@e", "GIT_COMMITTER_NAME": "b",
                   "GIT_COMMITTER_EMAIL": "b@e"}
            subprocess.run(["git", "commit", "-qam", "one more"], cwd=docs, env=env, check=True)
            t = time.perf_counter()
            after = reader.read(str(docs), None)
            print(f"  new-commit {(time.perf_counter() - t) * 1000:.1f} ms ({after.versions_parsed} version parsed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
