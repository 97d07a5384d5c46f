# SPDX-License-Identifier: MIT
"""The search index of the demo: the words of the roadmap and the milestone card stay apart, and
the graphs, the timeline chart and the repeated table heads add no hits (Material's search honours
``data-search-exclude``; MkDocs' own search is handed the pages without those elements)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .conftest import Build

GLUED = [
    "MilestoneStatus", "StatusProgress", "ProgressCurrent",  # the table heads
    "phasesNow", "phasesNext",  # phase count, then the current/next phase
]


def _index(build: Build) -> dict[str, dict[str, Any]]:
    doc = json.loads(build.text("search/search_index.json"))
    return {d["location"]: d for d in doc["docs"]}


def _texts(index: dict[str, dict[str, Any]], prefix: str) -> str:
    return " ".join(d["title"] + " " + d["text"] for loc, d in index.items() if loc == prefix or loc.startswith(prefix + "#"))


@pytest.mark.parametrize("row", ["baseline", "theme-mkdocs"])
def test_words_stay_apart(row: str, compat_builds: dict[str, Build]) -> None:
    index = _index(compat_builds[row])
    roadmap = _texts(index, "roadmap/")
    card = _texts(index, "milestones/billing-v2/")
    for glued in GLUED:
        assert glued not in roadmap, f"{row}: {glued!r} in the roadmap's index text"
    # A percentage, then the phase count: "17% 0/3", never "17%0/3".
    assert not re.search(r"\d%\d", roadmap + card), f"{row}: a percentage runs into the next number"
    # The card's generated chrome (kicker, status badge, progress: issue 17) is not indexed, its fields are,
    # each word run apart; the page itself has them all.
    assert "17%" not in card and "0/3 phases" not in card, card[:400]
    assert re.search(r"Status ⛔ Blocked Priority 🟠 HIGH Created \d{4}-\d{2}-\d{2}", card), card[:400]  # the demo's calendar moves
    page = compat_builds[row].text("milestones/billing-v2/index.html")
    assert re.search(r"17% <span[^>]*>0/3 phases", page) and 'class="ms-kicker"' in page and "milestones:search" not in page
    # Every roadmap row's title is its own word run: "Billing v2" followed by a space.
    assert re.search(r"Billing v2 ", roadmap)


def _page_text(index: dict[str, dict[str, Any]], url: str, row: str) -> str:
    """A page's indexed text once: Material's entries split the page into sections; MkDocs' has the
    whole page in the page's entry and repeats each section's text in entries of its own."""
    return _texts(index, url.rstrip("/") + "/") if row != "theme-mkdocs" else index[url]["title"] + " " + index[url]["text"]


@pytest.mark.parametrize("row", ["baseline", "theme-mkdocs"])
def test_index_has_no_chart_or_head_text(row: str, compat_builds: dict[str, Build]) -> None:
    """Material's search honours ``data-search-exclude``; under MkDocs' own search the plugin hands
    it each page without those elements (the page itself is written whole)."""
    build = compat_builds[row]
    index = _index(build)
    roadmap = _page_text(index, "roadmap/", row)
    assert "Current / next phase" not in roadmap  # the repeated column heads
    assert "Dependencies between milestones" not in roadmap  # the dependency graph's label
    # The timeline chart: its month ticks and its bars' tooltips.
    assert "Sep 2025" not in roadmap and "estimate ends" not in roadmap, roadmap
    # The counters ("🔄 In progress 2 ... 7 milestones"), which repeat the group heads.
    assert "7 milestones" not in roadmap, roadmap
    # A milestone's title where the roadmap shows it as text: its row and the at-risk list, not
    # again from the graph's node label or tooltips or the timeline's bar.
    assert roadmap.count("Billing v2") == 2, roadmap
    page = _page_text(index, "milestones/auth-rollout/", row)
    assert "Dependency graph of the phases" not in page  # the phase graph
    # A phase title is found where the page has it (its heading), not a second time in the graph.
    assert page.count("Identity provider setup") == 1, page
    # What the index leaves out is still on the pages.
    written = build.text("roadmap/index.html")
    # counters, graph, timeline and a table head per status group: in progress, blocked, partial, done, cancelled
    # (the demo's mobile offline mode moved from pending to in progress: no pending group any more)
    assert written.count("data-search-exclude") == 8 and 'class="ms-timeline-chart"' in written
    assert "Identity provider setup</text>" in build.text("milestones/auth-rollout/index.html")


def test_material_index_has_no_mermaid_source(compat_builds: dict[str, Build]) -> None:
    """With ``graph: mermaid`` the phase graph is Mermaid source on the page, not in the index."""
    build = compat_builds["graph-mermaid"]
    assert 'class="mermaid"' in build.text("milestones/auth-rollout/index.html")
    page = _texts(_index(build), "milestones/auth-rollout/")
    assert "flowchart" not in page and "-->" not in page and "--&gt;" not in page, page
    assert page.count("Identity provider setup") == 1, page
