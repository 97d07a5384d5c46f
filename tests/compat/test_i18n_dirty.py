# SPDX-License-Identifier: MIT
"""mkdocs-static-i18n with ``--dirty``: each language's pages keep their own models.

A fallback page has the same source path in every language's build (static-i18n copies the
default language's file), so the plugin keys what each build found by language; a ``--dirty``
rebuild after an edit to that page shows the edit in every language's roadmap and export, and
pages --dirty does not convert stay listed, each with its own language's title and URL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import DEMO_MILESTONES, ENV, REQUIRE, missing_modules
from .test_matrix import FR_TITLE, ROWS


def _state(site: Path, prefix: str) -> tuple[dict[str, tuple[str, str, str]], dict[str, str]]:
    export = json.loads((site / prefix / "milestones.json").read_text(encoding="utf-8"))
    roadmap = (site / prefix / "roadmap/index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr data-page="([^"]+)">.*?data-status="([\w-]+)"', roadmap))
    return {m["page"]: (m["status"], m["title"], m["url"]) for m in export["milestones"]}, rows


def test_dirty_rebuild_keeps_each_language(tmp_path: Path) -> None:
    from .conftest import make_project

    row = next(r for r in ROWS if r.name == "i18n-suffix")
    missing = missing_modules(row)
    if missing:
        if REQUIRE:
            pytest.fail(f"not installed: {missing}", pytrace=False)
        pytest.skip(f"not installed: {missing}")
    project = make_project(row, tmp_path)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]
    first = subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    page = project / "docs/milestones/billing-v2.md"
    time.sleep(1.1)  # a newer mtime than the built page
    page.write_text(re.sub(r"^\*\*Status\*\*:.*$", "**Status**: ⏳ Pending", page.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    # Without --strict: MkDocs itself warns about --dirty.
    again = subprocess.run([*cmd[:-3], "--dirty", "-f", "mkdocs.yml"], cwd=project, env=ENV, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    site = project / "site"
    for prefix, title in (("", "Single sign-on rollout"), ("fr", FR_TITLE)):
        export, rows = _state(site, prefix)
        assert sorted(export) == sorted(rows) == DEMO_MILESTONES, prefix
        assert export["milestones/billing-v2.md"][0] == rows["milestones/billing-v2.md"] == "pending", prefix
        assert export["milestones/auth-rollout.md"][1] == title  # not converted again: its own language's model
        assert all(url.startswith(f"{prefix}/" if prefix else "") for _, _, url in export.values()), prefix
