# SPDX-License-Identifier: MIT
"""The search index of the demo: the words of the roadmap and the milestone card stay apart, and
the graphs, the timeline chart and the repeated table heads add no hits (Material's search honours
``data-search-exclude``; MkDocs' own search does not, but keeps words apart)."""

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
    assert re.search(r"17% 0/3 phases", card), card[:400]
    assert "Milestone Status" in card or "Milestone" in card.split()  # the card's kicker is a word of its own
    # Every roadmap row's title is its own word run: "Billing v2" followed by a space.
    assert re.search(r"Billing v2 ", roadmap)


def test_material_index_has_no_chart_or_head_text(compat_builds: dict[str, Build]) -> None:
    index = _index(compat_builds["baseline"])
    roadmap = _texts(index, "roadmap/")
    assert "Current / next phase" not in roadmap  # the repeated column heads
    assert "Dependencies between milestones" not in roadmap  # the dependency graph's label
    assert "Timeline of" not in roadmap  # the timeline chart's label
    page = _texts(index, "milestones/auth-rollout/")
    assert "Dependency graph of the phases" not in page  # the phase graph
    # A phase title is found where the page has it (its heading), not a second time in the graph.
    assert page.count("Identity provider setup") == 1, page
