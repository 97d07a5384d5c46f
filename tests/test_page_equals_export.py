# SPDX-License-Identifier: MIT
"""Property: for generated milestone documents, what the page shows equals what milestones.json says:
the phases (ids, titles, statuses), the milestone's status and progress, and the risk badges (on exactly the
export's risk rows: two risk tables, a "Chance" column, a risk-shaped table under a phase)."""

from __future__ import annotations

import functools
import logging

import markdown
from hypothesis import HealthCheck, given, settings

from conftest import milestone_log, parse_html
from mkdocs_milestones.export import milestone_dict
from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.model import MilestoneEntry
from test_properties import milestone_doc

CTX = PageContext(file="page.md", url="page/", host="mkdocs")


@functools.lru_cache(maxsize=256)
def shown(text: str) -> str:
    """What a reader sees of a bit of Markdown (the export keeps it as written)."""
    return " ".join(parse_html(markdown.markdown(text)).text.split())


def shown_inline(text: str) -> str:
    """What a reader sees of a table cell: inline Markdown only (``---`` or ``1.`` in a cell is no block)."""
    return shown("x " + text)[2:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(milestone_doc(html=False))
def test_the_page_shows_what_the_export_says(text: str) -> None:
    md = markdown.Markdown(extensions=[MilestonesExtension(provider=lambda md: CTX)])
    with milestone_log(logging.DEBUG, quiet=True) as messages:
        html = md.convert(text)
    assert not [m for m in messages if "could not render" in m]
    ms = md.milestone  # type: ignore[attr-defined]
    assert ms is not None
    entry = milestone_dict(MilestoneEntry("page.md", "page/", ms))
    doc = parse_html(html)
    card = doc.find("div", "ms-card")
    assert card.attrs["data-status"] == (entry["status"] or "unknown")
    assert card.find("div", "ms-progress").attrs["aria-valuenow"] == f"{ms.progress * 100:.0f}"
    phases = doc.find_all("details", "ms-phase")
    assert [p.attrs["data-phase"] for p in phases] == [p["id"] for p in entry["phases"]]
    assert [p.attrs["data-status"] for p in phases] == [p["status"] or "unknown" for p in entry["phases"]]
    titles = [" ".join(p.find("span", "ms-phase-title").text.split()) for p in phases]
    assert titles == [shown(p["title"]) for p in entry["phases"]]
    # Risk badges on exactly the export's risks, in order: none on a risk-shaped table under a phase.
    levels = [" ".join(b.text.split()) for b in doc.find_all("span", "ms-level")]
    assert levels == [shown_inline(v) for r in entry["risks"] for v in (r["likelihood"], r["impact"]) if v.strip()]
