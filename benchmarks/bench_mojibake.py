# SPDX-License-Identifier: MIT
"""Benchmark: mojibake repair accuracy and speed, side by side with ftfy.

Run ``python benchmarks/bench_mojibake.py`` (add ``--quick`` for a smaller corpus,
``--real-only`` for the real-world corpora alone). ftfy is a dependency of the package.

First, the real-world corpora beside the checkout (``../shared/corpora``, see
``real_corpora.py``): how many of the 2,988 clean-docs files each tool changes and MB/s on
them, and on ftfy's 161 regression cases the exact repairs, false positives, U+FFFD outputs and
misses of fix_mojibake and ftfy.fix_encoding.

Then the synthetic corpus (``mojibake_corpus.py``).

Per garbling category it prints the share of documents repaired exactly, the character
accuracy (line by line, matched characters over the original's), and how many symbols (emoji,
arrows, check marks, status symbols, with their VS16/ZWJ), box-drawing characters and non-ASCII
letters came back; then how many clean documents each tool changed, and throughput in MB/s
(UTF-8 bytes) on clean and on garbled text, as medians of interleaved runs; last, clean MB/s
per language on one document per language (Polish, Czech and Slovak are full of letters that
read as UTF-8 bytes in Windows-1250, so the pre-check has most to reject there).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import real_corpora
from mojibake_corpus import CATEGORIES, clean_corpus, garbled_corpus, language_docs

from mkdocs_milestones.mojibake import fix_mojibake

Tool = Callable[[str], str]


def _tools() -> dict[str, Tool]:
    tools: dict[str, Tool] = {"fix_mojibake": fix_mojibake}
    import ftfy

    tools["ftfy.fix_encoding"] = ftfy.fix_encoding
    tools["ftfy.fix_text"] = ftfy.fix_text
    return tools


def _kind(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x80:
        return ""
    if 0x2500 <= cp <= 0x257F:
        return "box"
    cat = unicodedata.category(ch)
    if cat[0] == "S" or ch in "\ufe0f\u200d•":
        return "sym"
    if cat[0] == "L":
        return "let"
    return "other"


class Score:
    """Accumulated accuracy for one tool on one category."""

    def __init__(self) -> None:
        self.docs = self.exact = 0
        self.chars = self.errors = 0
        self.total = {"sym": 0, "box": 0, "let": 0}
        self.ok = {"sym": 0, "box": 0, "let": 0}

    def add(self, original: str, fixed: str) -> None:
        self.docs += 1
        self.exact += original == fixed
        self.chars += len(original)
        o_lines, f_lines = original.split("\n"), fixed.split("\n")
        if len(o_lines) != len(f_lines):
            o_lines, f_lines = [original], [fixed]
        for o, f in zip(o_lines, f_lines):
            matched = [False] * len(o)
            if o == f:
                matched = [True] * len(o)
                same = len(o)
            else:
                same = 0
                blocks = SequenceMatcher(None, o, f, autojunk=False).get_matching_blocks()
                for a, _b, size in blocks:
                    same += size
                    for k in range(a, a + size):
                        matched[k] = True
            self.errors += max(len(o), len(f)) - same
            for ch, ok in zip(o, matched):
                kind = _kind(ch)
                if kind in self.total:
                    self.total[kind] += 1
                    self.ok[kind] += ok

    def row(self) -> list[str]:
        def frac(kind: str) -> str:
            t = self.total[kind]
            return f"{self.ok[kind]}/{t}" if t else "-"

        acc = 100.0 * (self.chars - self.errors) / max(self.chars, 1)
        return [f"{100.0 * self.exact / max(self.docs, 1):.1f}", f"{acc:.3f}", frac("sym"),
                frac("box"), frac("let")]


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in
                               enumerate(zip(r, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _time(tool: Tool, docs: list[str]) -> float:
    """CPU time: the machines this runs on are shared, and wall time moves with the neighbours."""
    start = time.process_time()
    for d in docs:
        tool(d)
    return time.process_time() - start


def _real(tools: dict[str, Tool], runs: int) -> None:
    """The real-world corpora: clean-docs (unchanged? MB/s) and ftfy's cases."""
    docs = [text for _path, text in real_corpora.iter_clean()]
    cases = real_corpora.ftfy_cases()
    if not docs or not cases:
        print(f"real-world corpora not found at {real_corpora.CORPORA}: skipping them.\n")
        return
    tools = {k: v for k, v in tools.items() if k != "ftfy.fix_text"}
    mb = sum(len(d.encode()) for d in docs) / 1e6
    times: dict[str, list[float]] = {}
    for _ in range(runs):  # interleaved; CPU time, as the machine may be shared
        for name, tool in tools.items():
            start = time.process_time()
            for d in docs:
                tool(d)
            times.setdefault(name, []).append(time.process_time() - start)
    rows = [["tool", "clean-docs changed", "MB/s (CPU)", "ftfy-cases exact", "(strict)",
             "false pos.", "U+FFFD", "missed"]]
    for name, tool in tools.items():
        changed = sum(tool(d) != d for d in docs)
        sc = real_corpora.score(tool, cases)
        rows.append([name, f"{changed}/{len(docs)}", f"{mb / statistics.median(times[name]):.1f}",
                     f"{len(sc.exact)}/{len(cases)}", str(len(sc.strict)),
                     str(len(sc.false_positives)), str(len(sc.lossy)), str(len(sc.missed))])
    print(f"real-world corpora: clean-docs {len(docs)} files ({mb:.1f} MB), ftfy-cases "
          f"{len(cases)} cases\n")
    print(_table(rows))
    print("\n(exact: the text as written; (strict): ftfy's expected output, U+FFFD and all; "
          "U+FFFD: ftfy's expected output\nwhere the text as written is known; MB/s: medians of "
          f"{runs} interleaved runs, CPU time)\n")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smaller corpus, fewer timing runs")
    ap.add_argument("--real-only", action="store_true", help="only the real-world corpora")
    ap.add_argument("--runs", type=int, default=5, help="interleaved timing runs (median)")
    args = ap.parse_args(argv)
    plans, prose = (20, 12) if args.quick else (60, 40)
    runs = 3 if args.quick else args.runs

    tools = _tools()
    _real(tools, runs)
    if args.real_only:
        return 0
    clean = clean_corpus(n_plans=plans, n_prose=prose)
    garbled = garbled_corpus(clean)
    clean_mb = sum(len(d.encode()) for d in clean) / 1e6
    print(f"corpus: {len(clean)} clean documents ({clean_mb:.2f} MB: {plans} milestone plans, "
          f"{prose} multilingual prose), {len(CATEGORIES)} garbling categories\n")

    header = ["category", "tool", "exact %", "char acc %", "symbols", "box", "letters"]
    rows = [header]
    totals: dict[tuple[bool, str], Score] = {}
    for cat in CATEGORIES:
        for name, tool in tools.items():
            score = Score()
            group = totals.setdefault((cat.lossless, name), Score())
            for original, bad in zip(clean, garbled[cat.name]):
                fixed = tool(bad)
                score.add(original, fixed)
                group.add(original, fixed)
            rows.append([cat.name, name, *score.row()])
    for lossless in (True, False):
        for name in tools:
            label = "ALL lossless" if lossless else "ALL dropped/replaced"
            rows.append([label, name, *totals[(lossless, name)].row()])
    print(_table(rows))

    print()
    changed = {name: sum(tool(d) != d for d in clean) for name, tool in tools.items()}
    per_cat = max(len(clean) // 3, 1)
    sets = {
        "clean": clean,
        "garbled": [g for cat in CATEGORIES for g in garbled[cat.name][:per_cat]],
        "lossless": [g for cat in CATEGORIES if cat.lossless for g in garbled[cat.name][:per_cat]],
        "lost bytes": [g for cat in CATEGORIES if not cat.lossless
                       for g in garbled[cat.name][:per_cat]],
    }
    size = {k: sum(len(d.encode()) for d in v) / 1e6 for k, v in sets.items()}
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):  # interleave the tools so that machine noise hits them alike
        for name, tool in tools.items():
            for key in ("clean", "lossless", "lost bytes"):
                times.setdefault((name, key), []).append(_time(tool, sets[key]))
    rows = [["tool", "clean docs changed", "clean MB/s", "garbled MB/s", "  lossless",
             "  lost bytes"]]
    for name in tools:
        med = {k: statistics.median(times[(name, k)]) for k in ("clean", "lossless", "lost bytes")}
        rows.append([name, f"{changed[name]}/{len(clean)}", f"{size['clean'] / med['clean']:.1f}",
                     f"{size['garbled'] / (med['lossless'] + med['lost bytes']):.2f}",
                     f"{size['lossless'] / med['lossless']:.2f}",
                     f"{size['lost bytes'] / med['lost bytes']:.2f}"])
    print(_table(rows))
    print(f"\n(speed: CPU time, medians of {runs} interleaved runs; clean {size['clean']:.2f} MB, garbled "
          f"{size['garbled']:.2f} MB = the first {per_cat} documents of every category: "
          f"{size['lossless']:.2f} MB lossless, {size['lost bytes']:.2f} MB with lost bytes)")

    # Clean text per language: one document each (not garbled, so the tables above keep
    # their corpus), the tools that keep clean text, interleaved.
    langs = language_docs(size=20000 if args.quick else 60000)
    lang_tools = {k: v for k, v in tools.items() if k != "ftfy.fix_text"}
    lang_times: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):
        for name, tool in lang_tools.items():
            for lang, doc in langs.items():
                lang_times.setdefault((name, lang), []).append(_time(tool, [doc]))
    rows = [["language", *(f"{name} MB/s" for name in lang_tools), "changed"]]
    for lang, doc in langs.items():
        mb = len(doc.encode()) / 1e6
        rows.append([lang, *(f"{mb / statistics.median(lang_times[(name, lang)]):.1f}"
                             for name in lang_tools),
                     ", ".join(name for name, tool in lang_tools.items() if tool(doc) != doc)
                     or "-"])
    print()
    print(_table(rows))
    lang_mb = sum(len(d.encode()) for d in langs.values()) / 1e6
    print(f"\n(clean text per language: one document of {lang_mb / len(langs) * 1000:.0f} KB per "
          f"language, medians of {runs} interleaved runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
