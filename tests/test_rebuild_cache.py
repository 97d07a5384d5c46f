# SPDX-License-Identifier: MIT
"""Work not done (issue 17): serve rebuilds reuse parse and render results by content (an edit still shows
up), and generated HTML is not parsed again.

No timing here (speed lives in benchmarks/bench_build.py): these tests count the work done.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

GARBLED = "\u00e2\u0153\u2026"  # a check mark's UTF-8 bytes read as Windows-1252


def _plan(title: str, status: str) -> str:
    return (
        f"# MILESTONE: {title}\n\n**Status**: {status}\n**Priority**: high\n\n"
        "### Phase 1: Design\n**Status**: done\n\n"
        "### Phase 2: Build\n**Status**: pending\n**Dependencies**: Phase 1\n"
        "\n### Phase 3: Later\n**Status**: Percolating\n"  # an unknown status: a warning on every build
    )


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Every parse (by file) and every graph drawing (by title) from here on."""
    import mkdocs_milestones.extension as extension
    import mkdocs_milestones.extension.preprocessors as preprocessors

    calls: dict[str, list[Any]] = {"parse": [], "svg": []}
    parse, svg = preprocessors.parse_milestone, extension.render_graph_svg

    def counting_parse(text: str, **kw: Any) -> Any:
        calls["parse"].append(kw.get("file"))
        return parse(text, **kw)

    def counting_svg(graph: Any, **kw: Any) -> str:
        calls["svg"].append(kw.get("label"))
        return svg(graph, **kw)

    monkeypatch.setattr(preprocessors, "parse_milestone", counting_parse)
    monkeypatch.setattr(extension, "render_graph_svg", counting_svg)
    return calls


def test_a_serve_rebuild_reuses_unchanged_pages_and_shows_the_edit(make_site, tmp_path: Path, counted, caplog: pytest.LogCaptureFixture) -> None:
    """As `mkdocs serve` does after a save: the config read again, the same plugin instance, every page
    converted again. The unchanged page is neither parsed nor drawn again, yet still rendered, still warned
    about; the edited one is parsed and drawn afresh and its new status reaches the page, the roadmap and
    the export."""
    cfg = make_site({
        "index.md": "# Home\n",
        "a.md": _plan("Alpha", "in progress"),
        "b.md": _plan("Beta", "done"),
        "garbled.md": _plan("Gamma", GARBLED + " done"),
    })
    site = tmp_path / "site"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        build(load_config(str(cfg)))
    assert sorted(counted["parse"]) == ["a.md", "b.md", "garbled.md"]
    assert len(counted["svg"]) == 3
    first_a = (site / "a" / "index.html").read_text(encoding="utf-8")
    warned = sorted(r.getMessage() for r in caplog.records if "Percolating" in r.getMessage())
    assert len(warned) == 3, warned

    page = tmp_path / "docs" / "b.md"
    page.write_text(page.read_text(encoding="utf-8").replace("**Status**: done", "**Status**: blocked", 1), encoding="utf-8")
    counted["parse"].clear()
    counted["svg"].clear()
    caplog.clear()
    config = load_config(str(cfg))
    plugin = config.plugins["milestones"]
    hits = dict(plugin.cache.hits)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        build(config)

    assert counted["parse"] == ["b.md"]  # a.md and garbled.md: the last build's parse
    assert counted["svg"] == []  # b's graph is the same graph (phases and their statuses did not change)
    reused = {k: plugin.cache.hits[k] - hits.get(k, 0) for k in plugin.cache.hits}
    assert reused["parse"] == 2 and reused["svg"] == 3 and reused["repair"] >= 1, reused
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == first_a
    assert 'class="ms-card" data-priority="high" data-status="blocked"' in (site / "b" / "index.html").read_text(encoding="utf-8")
    assert "\N{WHITE HEAVY CHECK MARK} done" in (site / "garbled" / "index.html").read_text(encoding="utf-8")
    data = {m["page"]: m["status"] for m in json.loads((site / "milestones.json").read_text(encoding="utf-8"))["milestones"]}
    assert data == {"a.md": "in-progress", "b.md": "blocked", "garbled.md": "done"}
    assert 'data-page="b.md"' in (site / "roadmap" / "index.html").read_text(encoding="utf-8")
    roadmap_b = (site / "roadmap" / "index.html").read_text(encoding="utf-8").split('data-page="b.md"')[1][:600]
    assert 'data-status="blocked"' in roadmap_b
    # A reused parse still reports its problems on every build (the terminal of `mkdocs serve` shows them).
    assert sorted(r.getMessage() for r in caplog.records if "Percolating" in r.getMessage()) == warned


def test_a_phase_edit_draws_that_graph_again(make_site, tmp_path: Path, counted) -> None:
    cfg = make_site({"a.md": _plan("Alpha", "in progress"), "b.md": _plan("Beta", "done")})
    build(load_config(str(cfg)))

    def graph() -> str:
        html = (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
        start = html.index('<div class="ms-graph-wrap"')
        return html[start:html.index("</svg>", start)]

    before = graph()
    page = tmp_path / "docs" / "a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("**Status**: pending", "**Status**: done", 1), encoding="utf-8")
    counted["svg"].clear()
    build(load_config(str(cfg)))
    assert counted["svg"] == ["Dependency graph of the phases of Alpha"]
    assert graph() != before and graph().count('data-status="done"') == before.count('data-status="done"') + 1


def test_the_cache_forgets_what_a_build_did_not_ask_for(make_site, tmp_path: Path) -> None:
    """An entry unused by one whole build is dropped: the cache holds about one site, not every version of it."""
    cfg = make_site({"a.md": _plan("Alpha", "in progress")})
    config = load_config(str(cfg))
    build(config)
    cache = config.plugins["milestones"].cache
    size = len(cache)
    page = tmp_path / "docs" / "a.md"
    for k in range(4):
        page.write_text(_plan("Alpha", "in progress") + f"\nEdit {k}.\n", encoding="utf-8")
        build(load_config(str(cfg)))
    assert len(cache) <= 2 * size


def test_the_roadmap_html_is_not_parsed_again_as_raw_html() -> None:
    """A marker's roadmap (every milestone of the site) goes into the page through Python-Markdown's stash,
    as the raw HTML it is, not through the `html_block` preprocessor's HTML parser."""
    import markdown

    from mkdocs_milestones.extension import MilestonesExtension, PageContext
    from mkdocs_milestones.model import MilestoneEntry
    from mkdocs_milestones.parser import parse_milestone
    from mkdocs_milestones.render.roadmap import render_roadmap

    ms = parse_milestone(_plan("Alpha", "in progress"), file="a.md")
    assert ms is not None
    entries = [MilestoneEntry("a.md", "a/", ms)]
    ctx = PageContext(file="roadmap.md", url="roadmap/", roadmap=lambda: entries)
    ext = MilestonesExtension(provider=lambda md: ctx)
    md = markdown.Markdown(extensions=[ext])
    seen: list[str] = []
    html_block = md.preprocessors["html_block"]
    real = html_block.run
    html_block.run = lambda lines: seen.append("\n".join(lines)) or real(lines)  # type: ignore[method-assign]
    html = md.convert("# Roadmap\n\n<!-- milestones -->\n\nAfter.\n")
    assert seen and 'class="ms-roadmap"' not in seen[0]
    roadmap = render_roadmap(entries, page_url="roadmap/", title=None, id_prefix="ms-roadmap-1", today=ext.today())
    assert roadmap in html and html.index(roadmap) < html.index("<p>After.</p>")
