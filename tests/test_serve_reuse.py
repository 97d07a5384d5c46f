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
