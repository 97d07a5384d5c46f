# SPDX-License-Identifier: MIT
"""Issue 17: toc's marker search is skipped on a milestone page that holds no marker, and only there."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from markdown.extensions.toc import TocTreeprocessor

from mkdocs_milestones.extension import MilestonesExtension

PAGE = (Path(__file__).parent / "cases" / "checklists_and_legend.md").read_text(encoding="utf-8")


def _convert(text: str) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(extensions=[MilestonesExtension(), "toc"])
    return md.convert(text), md


def test_a_milestone_page_without_the_marker_skips_the_search_and_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = TocTreeprocessor.replace_marker
    monkeypatch.setattr(TocTreeprocessor, "replace_marker", lambda self, root, div: calls.append(self.marker) or original(self, root, div))
    html, md = _convert(PAGE)
    assert calls == []  # toc did not walk the page for its marker
    assert md.treeprocessors["toc"].marker == "[TOC]"  # put back just after toc
    monkeypatch.setattr("mkdocs_milestones.extension.toc_guard.TocMarkerGuard.run", lambda self, root: None)
    assert _convert(PAGE)[0] == html  # the same page as with toc's search (which finds nothing)
    assert calls == ["[TOC]"]  # without the guard toc searches


def test_a_marker_on_the_page_is_still_replaced() -> None:
    html, md = _convert(PAGE.replace("\n## ", "\n[TOC]\n\n## ", 1))
    assert '<div class="toc">' in html and "[TOC]" not in html
    assert md.treeprocessors["toc"].marker == "[TOC]"


def test_pages_that_are_not_milestones_are_left_to_toc(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = TocTreeprocessor.replace_marker
    monkeypatch.setattr(TocTreeprocessor, "replace_marker", lambda self, root, div: calls.append(self.marker) or original(self, root, div))
    _convert("# Notes\n\nJust a page.\n")
    assert calls == ["[TOC]"]
