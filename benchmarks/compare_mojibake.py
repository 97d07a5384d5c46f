# SPDX-License-Identifier: MIT
"""Same repairs before and after a change: this checkout's ``fix_mojibake`` against another checkout's.

Run ``python benchmarks/compare_mojibake.py OTHER_CHECKOUT`` (for instance a ``git worktree`` or a ``git archive`` of
main). Each checkout runs in its own child process, with its own package first on ``sys.path``, over every file of
the real-world corpora beside the checkout (``../shared/corpora``: 2,988 clean documentation files, ftfy's cases as
their strings), the project's own test data (``tests/data/*.md``, ``tests/mojibake_cases.json``) and the synthetic
corpus of ``mojibake_corpus.py`` (every garbling category): each text repaired whole with ``fix_mojibake_report``
(text and repairs), with ``fix_mojibake``, and line by line (its first 400 lines). It prints how many texts differ
(and which) and exits 1 when any does. Optimisations of the repair must leave this at 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

_CHILD = r'''
import hashlib, json, os, sys
from pathlib import Path
root, corpora = Path(sys.argv[1]), Path(sys.argv[2])
sys.path[:0] = [str(root), str(root / "benchmarks")]
import mkdocs_milestones
assert Path(mkdocs_milestones.__file__).resolve().is_relative_to(root.resolve()), mkdocs_milestones.__file__
from mkdocs_milestones.mojibake import fix_mojibake, fix_mojibake_report
from mojibake_corpus import clean_corpus, garbled_corpus

def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)

def digest(texts):
    h = hashlib.sha256()
    for text in texts:
        fixed, repairs = fix_mojibake_report(text)
        h.update(fixed.encode("utf-8", "surrogatepass") + repr(repairs).encode("utf-8", "surrogatepass"))
        h.update(fix_mojibake(text).encode("utf-8", "surrogatepass"))
        for line in text.split("\n")[:400]:
            h.update(fix_mojibake(line).encode("utf-8", "surrogatepass"))
    return h.hexdigest()

out = {}
files = sorted(p for p in corpora.rglob("*") if p.is_file()) if corpora.is_dir() else []
files += sorted((root / "tests" / "data").glob("*.md")) + [root / "tests" / "mojibake_cases.json"]
for path in files:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        continue
    texts = list(strings(json.loads(text))) if path.suffix == ".json" else [text]
    key = str(path.relative_to(corpora)) if path.is_relative_to(corpora) else "project:" + str(path.relative_to(root))
    out[key] = digest(texts)
docs = clean_corpus()
for name, garbled in sorted(garbled_corpus(docs).items()):
    for i, text in enumerate(garbled):
        out[f"synthetic:{name}:{i}"] = digest([text])
for i, text in enumerate(docs):
    out[f"synthetic:clean:{i}"] = digest([text])
print(json.dumps(out))
'''


def _digests(root: Path, corpora: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(corpora)], capture_output=True, text=True,
                          env=env, check=True, cwd=root)
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("other", help="the other checkout (its folder)")
    ap.add_argument("--corpora", default=str(HERE.parent / "shared" / "corpora"), help="the corpora folder")
    args = ap.parse_args()
    corpora = Path(args.corpora)
    if not corpora.is_dir():
        print(f"{corpora} is absent: only the project's data and the synthetic corpus are compared", file=sys.stderr)
    mine, theirs = _digests(HERE, corpora), _digests(Path(args.other).resolve(), corpora)
    differ = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
    real = sum(1 for k in mine if not k.startswith(("synthetic:", "project:")))
    print(f"{len(mine)} texts compared ({real} corpora files, {len(mine) - real} project and synthetic): {len(differ)} differ")
    for key in differ[:50]:
        print("  ", key)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
