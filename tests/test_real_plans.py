# SPDX-License-Identifier: MIT
"""The parser against plans real teams wrote: ``../shared/corpora/real-plans`` and hand-checked expectations.

``tests/real_plans_expected.yaml`` holds what a careful reader sees on each of the 26 documents
(written by reading them, before the parser learnt to read them). The documents are read from the
corpus beside the checkout and never copied here: without it the tests skip with the reason, and
fail instead when ``CI`` is set (CI has the folder).

``python tests/test_real_plans.py`` prints how many expected facts the parser gets right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import corpus
from mkdocs_milestones import parser as P
from mkdocs_milestones import roadmap_doc

ROOT = Path(__file__).parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "real-plans" / "docs"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "real_plans_expected.yaml").read_text(encoding="utf-8"))


def _corpus_or_skip() -> Path:
    return corpus("real-plans", "docs")


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
    many = getattr(roadmap_doc, "parse_milestones", None)
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
    # the cheap detection (roadmap, export, CLI) and the page's own parse agree
    assert P.is_milestone_source(text) == EXPECTED[name]["milestone"]


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


CLEAN = [  # plans a reader finds clean: no mistake to warn about (SIM-M1 and M2 are done with boxes left open)
    "mrclrchtr__cc-benchmark__docs-milestones-M0-Docker_Environment_Setup.md",
    "Rbfinch__hindsight-mcp__development-milestones-2026-01-19T05-48-37Z-vscode-extension-marketplace--at-448e7f2.md",
    "23min__FlowTime__docs-archive-docs-sim-docs-sim-milestones-SIM-SVC-M2.md",
    "ManuelRingwald__Wayfinder__docs-milestones-WF-CAT063_Sensor_Status.md",
    "Rbfinch__hindsight-mcp__development-milestones-2026-01-17T02-33-06Z-data-exploration-and-schema-design--at-2455c0e.md",
    "Rbfinch__hindsight-mcp__development-milestones-2026-01-17T05-21-09Z-mcp-server-implementation--at-1764161.md",
    "Rbfinch__hindsight-mcp__development-milestones-2026-01-18T04-14-56Z-release-to-crates-io--at-1b2bafd.md",
    "gonz0w__bgsd-oc__planning-milestones-v1.1-ROADMAP.md",
    "mrclrchtr__cc-benchmark__docs-milestones-M2-Technical_Debt_Resolution--at-acb420b.md",
    "mrclrchtr__cc-benchmark__docs-milestones-M1-MVP_Test_the_Hypothesis--at-e7e7fa5.md",
]
NOT_MILESTONES = sorted(n for n, e in EXPECTED.items() if not e["milestone"] and not e.get("milestones"))
ROADMAPS = sorted(n for n, e in EXPECTED.items() if not e["milestone"] and e.get("milestones"))
"""Documents holding several milestones: each is a milestone of the site (row, export entry, page anchor)."""
# The documents' own links point at files that are not copied here: MkDocs' link checks are not ours to test.
_QUIET_LINKS = "validation:\n  omitted_files: info\n  links:\n    not_found: info\n    absolute_links: info\n    unrecognized_links: info\n    anchors: info\n"


def test_strict_build_of_real_plans_passes_and_leaves_other_pages_alone(make_site, tmp_path: Path) -> None:
    import subprocess
    import sys

    corpus = _corpus_or_skip()
    pages = {f"plans/{n}": (corpus / n).read_text(encoding="utf-8") for n in CLEAN + NOT_MILESTONES + ROADMAPS}
    # M1 names its dependencies by file name: give them the pages they name, as in its repository
    pages["plans/M0-Docker_Environment_Setup.md"] = pages.pop(f"plans/{CLEAN[0]}")  # the real one, under its own name
    pages["plans/M0_1-Docker_Environment_Cleanup.md"] = "# Milestone: M0_1 Docker Environment Cleanup\n\n**Status**: DONE\n"
    pages["plans/M1-MVP_Test_the_Hypothesis.md"] = pages.pop(f"plans/{CLEAN[-1]}")
    cfg = make_site(pages, extra=_QUIET_LINKS)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    def page(site: str, n: str) -> str:
        # the page's own content (the site's nav gains the roadmap page, every page links the plugin's assets)
        html = (tmp_path / site / "plans" / n.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        return html[html.index('role="main"'):html.index("<footer")]

    with_plugin = {n: page("site", n) for n in NOT_MILESTONES}
    plain = tmp_path / "plain.yml"
    plain.write_text(cfg.read_text(encoding="utf-8").replace("  - milestones\n", "").replace("site_dir: site", "site_dir: plain"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(plain)], capture_output=True, text=True, check=True)
    for n in NOT_MILESTONES:
        assert page("plain", n) == with_plugin[n], n

    # The roadmap documents: each milestone inside is one of the site's, at its own anchor on the page.
    import json

    export = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))["milestones"]
    roadmap = (tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")
    for n in ROADMAPS:
        entries = [m for m in export if m["page"] == f"plans/{n}"]
        assert [m["id"] for m in entries] == [m["id"] for m in EXPECTED[n]["milestones"]], n
        shown = page("site", n)
        for m in entries:
            url, _, anchor = m["url"].partition("#")
            assert url == f"plans/{n.removesuffix('.md')}/" and anchor, m["url"]
            assert f'id="{anchor}"' in shown, (n, anchor)
            assert f'data-page="plans/{n}#{anchor}"' in roadmap, (n, anchor)
            assert [p["id"] for p in m["phases"]] == [p[0] for p in next(e for e in EXPECTED[n]["milestones"] if e["id"] == m["id"])["phases"]]


def test_no_page_of_real_documentation_is_read_as_a_milestone() -> None:
    """2,988 documentation files from public repositories (changelogs with ``## v1.2`` sections, NEWS files,
    migration guides, pages that say "milestone"): none is a milestone page, none holds milestones."""
    clean = corpus("clean-docs")
    read = 0
    for path in sorted(p for p in clean.rglob("*.md") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        read += 1
        assert not P.is_milestone_source(text), path
        assert roadmap_doc.parse_milestones(text, file=str(path)) == [], path
    assert read > 2000
