# SPDX-License-Identifier: MIT
"""What a `mkdocs serve` rebuild does not do again (issue 17): no timing here, the work is counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config


def _plan(title: str, status: str) -> str:
    return (f"# MILESTONE: {title}\n\n**Status**: {status}\n\n### Phase 1: Design\n**Status**: done\n\n"
            "### Phase 2: Build\n**Status**: pending\n**Dependencies**: Phase 1\n")


def test_detection_runs_again_only_on_the_edited_page(make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs_milestones.extension.preprocessors as preprocessors

    seen: list[str] = []
    real = preprocessors.is_milestone_source

    def spy(text: str, meta: Any = None) -> bool:
        seen.append(text.split("\n", 1)[0])
        return real(text, meta)

    monkeypatch.setattr(preprocessors, "is_milestone_source", spy)
    cfg = make_site({"index.md": "# Home\n", "a.md": _plan("Alpha", "in progress"), "b.md": _plan("Beta", "done")})
    build(load_config(str(cfg)))
    # (the plugin instance, and its cache, live as long as the process: pages other tests built may be known)
    assert {"# MILESTONE: Alpha", "# MILESTONE: Beta"} <= set(seen)
    seen.clear()
    page = tmp_path / "docs" / "b.md"
    page.write_text(_plan("Beta two", "blocked"), encoding="utf-8")
    build(load_config(str(cfg)))
    assert seen == ["# MILESTONE: Beta two"]
    assert "Beta two" in (tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")


def test_roadmap_rows_are_drawn_again_only_for_the_edited_page(make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs_milestones.render.roadmap as roadmap

    drawn: list[str] = []
    real = roadmap._draw_row
    monkeypatch.setattr(roadmap, "_draw_row", lambda e, *a: drawn.append(e.key) or real(e, *a))
    cfg = make_site({"index.md": "# Home\n", "r1.md": _plan("Row one", "in progress"), "r2.md": _plan("Row two", "done")})
    build(load_config(str(cfg)))
    first = (tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert sorted(drawn) == ["r1.md", "r2.md"]
    drawn.clear()
    page = tmp_path / "docs" / "r2.md"
    page.write_text(_plan("Row two", "blocked"), encoding="utf-8")
    build(load_config(str(cfg)))
    assert drawn == ["r2.md"]
    after = (tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")
    row = lambda html: html.split('<tr data-page="r1.md"')[1].split("</tr>")[0]  # noqa: E731
    assert row(first) == row(after)
    assert 'data-status="blocked"' in after.split('data-page="r2.md"')[1][:600]


def test_kept_roadmap_parts_follow_a_change_of_language(make_site, tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "l1.md": _plan("Lang one", "in progress")}
    build(load_config(str(make_site(pages))))
    roadmap = tmp_path / "site" / "roadmap" / "index.html"
    assert 'title="In progress"' in roadmap.read_text(encoding="utf-8")
    build(load_config(str(make_site(pages, plugin_config={"language": "fr"}))))  # `mkdocs serve` after a config edit
    text = roadmap.read_text(encoding="utf-8")
    assert 'title="In progress"' not in text and 'title="En cours"' in text
