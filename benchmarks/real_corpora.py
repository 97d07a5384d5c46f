# SPDX-License-Identifier: MIT
"""The real-world corpora beside the checkout (``../shared/corpora``), read where they are.

``clean-docs/``: 2,988 real documentation files that a repair must leave unchanged.
``ftfy-cases/``: ftfy's 161 regression cases (Apache-2.0), mostly mojibake found in the wild,
with ftfy's expected output. Used by ``tests/test_mojibake_corpora.py`` and
``benchmarks/bench_mojibake.py``; nothing is copied into the project.

Scoring a tool on ftfy's cases (:func:`score`), per case:

* ``exact``: the output is the text as written. That is ftfy's expected ``fixed-encoding``
  (else ``fixed``), except for the cases in :data:`TRUTH`: there ftfy expects U+FFFD for a lost
  byte, and what was written is known (a language's own name, a word, a closing quotation
  mark), so the text as written is the reference and ftfy's U+FFFD output counts as
  ``lossy``, not exact.
* ``lossy``: ftfy's expected output with U+FFFD where the truth has a character.
* ``false positive``: the text was changed, and the change is neither of the above (correct
  text damaged, or mojibake turned into other wrong text).
* ``missed``: left unchanged though it needed a repair.

``strict`` also gives exact repairs against ftfy's expected output alone, ftfy's home ground.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
CLEAN = CORPORA / "clean-docs"
FTFY_CASES = CORPORA / "ftfy-cases" / "data"

#: What was written, for cases where ftfy's expected output has U+FFFD for a lost byte.
TRUTH = {
    "Messy language names: Bulgarian": "български език",
    "Messy language names: Russian": "Русский",
    "Messy language names: Serbian [Cyrillic]": "Cрпски [ћирилицом]",  # a Latin C, as written
    "Messy language names: Slovak": "Slovenčina",
    "Messy language names: Hindi": "हिन्दी",
    "Messy language names: Tamil": "தமிழ்",
    "lossy UTF-8 / Windows-1250 mixup in Spanish":
        "Europa, Asia, África, Norte, América Central y del Sur, Australia y Oceanía",
    "Lossy decoding can have plain ASCII question marks, as well":
        "The ICR has been upgraded to “bb+” from “bb”",
    "Synthetic: lossy decoding in sloppy-windows-1252": "“lossy decoding”",
}


def require_env() -> bool:
    """Whether a missing corpus is a failure (CI has ``../shared``) rather than a skip."""
    return os.environ.get("CI", "") not in ("", "0", "false", "no")


def clean_files() -> list[Path]:
    """Every file of ``clean-docs`` (sorted; empty when the corpus is absent)."""
    docs = CLEAN / "docs"
    return sorted(p for p in docs.rglob("*") if p.is_file()) if docs.is_dir() else []


@dataclass(frozen=True)
class Case:
    file: str
    label: str
    original: str
    expected: str
    truth: str

    @property
    def needs_repair(self) -> bool:
        return self.truth != self.original


def ftfy_cases() -> list[Case]:
    """ftfy's cases, in file order (empty when the corpus is absent)."""
    out = []
    for path in sorted(FTFY_CASES.glob("*.json")) if FTFY_CASES.is_dir() else []:
        for c in json.loads(path.read_text(encoding="utf-8")):
            expected = c.get("fixed-encoding", c["fixed"])
            out.append(Case(path.name, c["label"], c["original"], expected,
                            TRUTH.get(c["label"], expected)))
    return out


@dataclass
class Score:
    exact: list[str] = field(default_factory=list)
    strict: list[str] = field(default_factory=list)
    lossy: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def score(tool: Callable[[str], str], cases: list[Case]) -> Score:
    s = Score()
    for case in cases:
        out = tool(case.original)
        name = f"{case.file}: {case.label}"
        if out == case.expected:
            s.strict.append(name)
        if out == case.truth:
            s.exact.append(name)
        elif out == case.expected:
            s.lossy.append(name)
        elif out != case.original:
            s.false_positives.append(name)
        else:
            s.missed.append(name)
    return s


def iter_clean() -> Iterator[tuple[Path, str]]:
    for path in clean_files():
        yield path, path.read_text(encoding="utf-8")
