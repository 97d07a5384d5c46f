# SPDX-License-Identifier: MIT
"""The parser against plans real teams wrote: ``../shared/corpora/real-plans`` and hand-checked expectations.

``tests/real_plans_expected.yaml`` holds what a careful reader sees on each of the 26 documents
(written by reading them, before the parser learnt to read them). The documents are read from the
corpus beside the checkout and never copied here: without it the tests skip with the reason, and
fail instead when ``CI`` is set (CI has the folder).

``python tests/test_real_plans.py`` prints how many expected facts the parser gets right.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_milestones import parser as P

ROOT = Path(__file__).parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "real-plans" / "docs"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "real_plans_expected.yaml").read_text(encoding="utf-8"))


def _corpus_or_skip() -> Path:
    if CORPUS.is_dir():
        return CORPUS
    reason = f"the real-plans corpus is not beside the checkout ({CORPUS})"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must have it")
    pytest.skip(reason)


def _phases(ms: Any) -> list[list[str | None]]:
    return [[p.id, p.title, p.status] for p in ms.phases]


def observed(text: str, name: str) -> dict[str, Any]:
    """What the parser reads on one document, in the expectations' terms."""
    ms = P.parse_milestone(text, file=name)
    out: dict[str, Any] = {"milestone": ms is not None}
    if ms is not None:
        out.update(
            id=getattr(ms, "id", None),
            title=ms.title,
            status=ms.status,
            status_note=getattr(ms, "status_note", None),
            priority=ms.priority,
            phases=_phases(ms),
            checks=[ms.checks_done, ms.checks_total],
            progress=round(ms.progress, 2),
            depends_on=list(ms.depends_on_refs),
            warnings=[d.message for d in ms.diagnostics],
        )
    many = getattr(P, "parse_milestones", None)
    if many is not None:
        out["milestones"] = [
            {"id": m.id, "title": m.title, "status": m.status, "phases": _phases(m)} for m in many(text, file=name)
        ]
    return out


def compare(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The facts that differ, one line each (empty when the reading matches)."""
    diffs: list[str] = []
    for key, want in expected.items():
        have = got.get(key)
        if key == "warnings":
            ok = len(have or []) == len(want) and all(any(w in h for h in have) for w in want)
        elif key == "milestones" and expected.get("milestone"):
            continue  # a single-milestone page: compared as one milestone above
        else:
            ok = have == want
        if not ok:
            diffs.append(f"{key}: expected {want!r}, read {have!r}")
    return diffs


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_plan_read_as_a_reader_reads_it(name: str) -> None:
    corpus = _corpus_or_skip()
    text = (corpus / name).read_text(encoding="utf-8")
    diffs = compare(EXPECTED[name], observed(text, name))
    assert not diffs, f"{name}:\n  " + "\n  ".join(diffs)


def test_expectations_cover_the_whole_corpus() -> None:
    corpus = _corpus_or_skip()
    assert sorted(p.name for p in corpus.glob("*.md")) == sorted(EXPECTED)


def score() -> tuple[int, int, int, int]:
    """(documents read right, documents, facts read right, facts)."""
    docs_ok = facts_ok = facts = 0
    for name, want in sorted(EXPECTED.items()):
        got = observed((CORPUS / name).read_text(encoding="utf-8"), name)
        diffs = compare(want, got)
        n = sum(1 for k in want if not (k == "milestones" and want.get("milestone")))
        facts += n
        facts_ok += n - len(diffs)
        docs_ok += not diffs
        for d in diffs:
            print(f"{name[:70]}: {d}"[:300])
    return docs_ok, len(EXPECTED), facts_ok, facts


if __name__ == "__main__":
    d_ok, d, f_ok, f = score()
    print(f"documents read as a reader reads them: {d_ok}/{d}; facts: {f_ok}/{f}")
