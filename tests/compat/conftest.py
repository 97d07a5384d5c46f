# SPDX-License-Identifier: MIT
"""The compatibility matrix: the demo site (``demo_site/`` + ``mkdocs.yml``) built with one popular
plugin or Material feature at a time, every build in its own ``mkdocs`` process, a few at once.

The plugins come from the ``test`` extras (pinned to the versions the README's "Works with" table
names). A missing one skips its row, unless ``CI`` or ``MILESTONES_REQUIRE_COMPAT`` is set, where it
fails: CI installs the extras, so every row must run there.
"""

from __future__ import annotations

import copy
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo_site"
REQUIRE = any(os.environ.get(v, "") not in ("", "0", "false", "no") for v in ("CI", "MILESTONES_REQUIRE_COMPAT"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
DEMO_MILESTONES = sorted(f"milestones/{p.name}" for p in (DEMO / "milestones").glob("*.md"))


@dataclass
class Build:
    """One row's build: the project folder, the command's output and where the site went."""

    name: str
    project: Path
    returncode: int = -1
    output: str = ""
    site: Path = Path()
    seconds: float = 0.0

    def describe(self) -> str:
        return f"row {self.name}: exit {self.returncode}\n{self.output[-6000:]}"

    def text(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


@dataclass
class Row:
    name: str
    modules: tuple[str, ...] = ()
    """Python modules the row needs (its plugin)."""
    setup: Callable[[Path, dict[str, Any]], None] | None = None
    """Changes the copied project and its config before the build."""
    strict: bool = True
    command: Callable[[Path], list[list[str]]] | None = None
    """The commands building the site (default: ``mkdocs build [--strict]``)."""
    site: str = "site"
    check: Callable[[Build], None] | None = None
    """Row-specific checks, after the common ones."""
    expected: list[str] = field(default_factory=lambda: list(DEMO_MILESTONES))
    """The milestone pages the export and the roadmap must list."""
    languages: tuple[str, ...] = ("",)
    """Site prefixes with a roadmap and an export each (static-i18n: ``("", "fr/")``)."""
    roadmap: str = "roadmap/"
    xfail: str | None = None


def missing_modules(row: Row) -> list[str]:
    import importlib.util

    return [m for m in row.modules if importlib.util.find_spec(m) is None]


def base_config(project: Path) -> dict[str, Any]:
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg = copy.deepcopy(cfg)
    cfg["docs_dir"] = "docs"
    cfg["site_dir"] = "site"
    cfg.pop("site_url", None)
    return cfg


def make_project(row: Row, folder: Path) -> Path:
    project = folder / row.name
    shutil.copytree(DEMO, project / "docs")
    cfg = base_config(project)
    if row.setup is not None:
        row.setup(project, cfg)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project


def run_row(row: Row, folder: Path) -> Build:
    import time

    start = time.perf_counter()
    project = make_project(row, folder)
    build = Build(row.name, project, site=project / row.site)
    if row.command is not None:
        commands = row.command(project)
    else:
        commands = [[sys.executable, "-m", "mkdocs", "build", *(["--strict"] if row.strict else []), "-f", "mkdocs.yml"]]
    out = []
    for cmd in commands:
        proc = subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, timeout=300)
        out.append(f"$ {' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
        build.returncode = proc.returncode
        if proc.returncode != 0:
            break
    build.output = "\n".join(out)
    build.seconds = time.perf_counter() - start
    return build


def build_rows(rows: list[Row], folder: Path, workers: int = 3) -> dict[str, Build]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip((r.name for r in rows), pool.map(lambda r: run_row(r, folder), rows)))


# ---- what every row checks ---------------------------------------------------------------------
def page_file(site: Path, url: str) -> Path:
    url = url.split("#")[0]
    return site / (url + "index.html" if url == "" or url.endswith("/") else url)


def resolve(base_url: str, href: str) -> str:
    """``href`` (relative, as written on the page at ``base_url``) as a site URL."""
    href = html.unescape(href).split("#")[0]
    folder = base_url if base_url.endswith("/") or base_url == "" else posixpath.dirname(base_url) + "/"
    joined = posixpath.normpath(posixpath.join(folder or ".", href))
    joined = "" if joined == "." else joined
    return joined + ("/" if href.endswith("/") and joined else "")


# Quotes optional: minify's htmlmin drops them.
ROW_RE = re.compile(r'<tr data-page="?([^" >]+)"?><td class="?ms-roadmap-title"?><a href="?([^" >]+)"? ?>')
CARD_RE = re.compile(r'class="?ms-card[" >]')


def check_site(build: Build, row: Row) -> None:
    """The export, the milestone pages and the roadmap of each language agree, and every link resolves."""
    assert build.returncode == 0, build.describe()
    for prefix in row.languages:
        export = json.loads(build.text(f"{prefix}milestones.json"))
        pages = sorted(m["page"] for m in export["milestones"])
        assert pages == sorted(row.expected), f"{row.name} {prefix or 'default'}: export lists {pages}"
        for m in export["milestones"]:
            assert m["url"].startswith(prefix), f"{row.name}: {m['url']} is not under {prefix!r}"
            target = page_file(build.site, m["url"])
            assert target.is_file(), f"{row.name}: export URL {m['url']} has no page ({target})"
            assert CARD_RE.search(target.read_text(encoding="utf-8")), f"{row.name}: {m['url']} is not rendered as a milestone"
        roadmap_url = prefix + row.roadmap
        roadmap = page_file(build.site, roadmap_url).read_text(encoding="utf-8")
        rows = ROW_RE.findall(roadmap)
        assert sorted(p for p, _ in rows) == sorted(row.expected), f"{row.name} {prefix or 'default'}: roadmap lists {rows}"
        for page, href in rows:
            url = resolve(roadmap_url, href)
            assert page_file(build.site, url).is_file(), f"{row.name}: roadmap link {href} ({page}) goes nowhere"
        by_page = {m["page"]: m["url"] for m in export["milestones"]}
        assert {p: resolve(roadmap_url, h) for p, h in rows} == by_page, f"{row.name}: roadmap and export disagree on URLs"


@pytest.fixture(scope="session")
def compat_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    from .test_matrix import ROWS

    runnable = [r for r in ROWS if not missing_modules(r)]
    return build_rows(runnable, tmp_path_factory.mktemp("compat"))
