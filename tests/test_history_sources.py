# SPDX-License-Identifier: MIT
"""Which pages' history is read (issue 17): worked out only once git answers, and on a rebuild
(``mkdocs serve``) only for the files changed since."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import mkdocs_milestones.site_history as site_history
from gitrepo import GitRepo, milestone


@pytest.fixture
def looked_at(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The first line of every text site_history asks ``may_hold_milestones`` about."""
    seen: list[str] = []
    real = site_history.may_hold_milestones

    def spy(text: str, *args: Any) -> bool:
        seen.append(text.split("\n", 1)[0])
        return real(text, *args)

    monkeypatch.setattr(site_history, "may_hold_milestones", spy)
    return seen


def test_outside_git_no_page_is_read_for_the_history(make_site, looked_at: list[str]) -> None:
    cfg = make_site({"index.md": "# Home\n", "a.md": milestone("A", "pending", [("One", "pending", [False])])})
    build(load_config(str(cfg)))
    assert looked_at == []


def test_a_rebuild_looks_again_only_at_the_changed_page(tmp_path: Path, looked_at: list[str]) -> None:
    r = GitRepo(tmp_path / "repo")
    r.write("docs/index.md", "# Home\n")
    r.write("docs/a.md", milestone("A", "pending", [("One", "pending", [False])]))
    r.write("docs/b.md", milestone("B", "pending", [("Two", "pending", [False])]))
    r.commit("plans", "2025-01-01")
    r.write("mkdocs.yml", "site_name: t\ntheme:\n  name: mkdocs\nplugins:\n  - milestones:\n      history_cache: ''\n")
    cfg = str(r.path / "mkdocs.yml")
    config = load_config(cfg)
    build(config)
    assert sorted(looked_at) == ["# Home", "# MILESTONE: A", "# MILESTONE: B"]
    looked_at.clear()
    (r.path / "docs" / "b.md").write_text(milestone("B2", "pending", [("Two", "pending", [False])]) + "\n", encoding="utf-8")
    again = load_config(cfg)  # as `mkdocs serve` does: the config read again, the plugin instance kept
    assert again.plugins["milestones"] is config.plugins["milestones"]
    build(again)
    assert looked_at == ["# MILESTONE: B2"]
    history = again.plugins["milestones"].history
    assert history.view is not None and {h.page for h in history.view.milestones.values()} >= {"a.md"}
