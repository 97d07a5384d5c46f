# SPDX-License-Identifier: MIT
"""The demo built by each host: MkDocs 1.6, ProperDocs and Zensical, from the same documents.

Each host runs as a subprocess (``python -m mkdocs|properdocs|zensical``) of this interpreter, on a
copy of ``demo_site/`` and its config in a temporary folder, so nothing is written into the checkout
(Zensical keeps its render cache in ``.cache/`` next to its config). A host that is not installed
skips its tests with the reason; with ``MILESTONES_REQUIRE_HOSTS=1`` (CI) that is a failure.

What each host can do:

* MkDocs and ProperDocs (``properdocs build -f mkdocs.yml``) load the plugin: the extension renders
  the pages, the plugin serves the stylesheet and writes ``milestones.json`` and the roadmap page.
* Zensical ignores MkDocs plugins: the extension alone renders the pages and puts the stylesheet in
  each milestone page; its warnings are printed but do not fail ``--strict``, the extension's
  ``strict`` option does. A ``<!-- milestones -->`` page becomes the roadmap, read from the docs
  folder; no ``milestones.json``. Zensical's render cache keeps that page while other pages change,
  so builds here always pass ``--clean``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, parse_html

REQUIRE_HOSTS = os.environ.get("MILESTONES_REQUIRE_HOSTS", "") not in ("", "0", "false", "no")
HOSTS = ("mkdocs", "properdocs", "zensical")
PLUGIN_HOSTS = ("mkdocs", "properdocs")
CONFIG = {"mkdocs": "mkdocs.yml", "properdocs": "mkdocs.yml", "zensical": "zensical.toml"}
SITE_DIR = {"mkdocs": "site", "properdocs": "site", "zensical": "site-zensical"}
STATUSES = {"pending", "in-progress", "partial", "done", "failed", "blocked", "cancelled", "unknown"}
MILESTONE_PAGES = sorted(p.stem for p in (ROOT / "demo_site" / "milestones").glob("*.md"))
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
TIMEOUT = 120

BROKEN = """\
---
title: Broken plan
---

# MILESTONE: Broken plan

**Status**: Percolating

### Phase 1: Only
**Status**: done
**Dependencies**: Phase 7
"""


def _require(module: str, why: str) -> None:
    """Skip (or, with MILESTONES_REQUIRE_HOSTS=1, fail) when ``module`` is not importable here."""
    if importlib.util.find_spec(module) is not None:
        return
    reason = f"{module} is not installed in this environment ({sys.executable}): {why}"
    if REQUIRE_HOSTS:
        pytest.fail(f"{reason}; MILESTONES_REQUIRE_HOSTS=1 requires every host", pytrace=False)
    pytest.skip(reason)


def _require_host(host: str) -> None:
    hint = {
        "mkdocs": "pip install 'mkdocs==1.6.1' mkdocs-material",
        "properdocs": "pip install properdocs properdocs-theme-mkdocs mkdocs-material",
        "zensical": "pip install 'zensical==0.0.73' (0.0.74 and later need zensical-ui, absent from the index)",
    }[host]
    _require(host, hint)
    if host in PLUGIN_HOSTS:
        _require("material", "the demo's mkdocs.yml uses the Material theme: pip install mkdocs-material")


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


class Build:
    """One host's run: the project folder, the exit code and the output (ANSI colours removed)."""

    def __init__(self, host: str, project: Path, proc: subprocess.CompletedProcess[str]) -> None:
        self.host, self.project = host, project
        self.returncode = proc.returncode
        self.stdout = ANSI_RE.sub("", proc.stdout)
        self.stderr = ANSI_RE.sub("", proc.stderr)
        self.site = project / SITE_DIR[host]

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        return f"{self.host} {_version(self.host)} exited {self.returncode}:\n{self.output[-4000:]}"

    def page(self, rel: str) -> str:
        path = self.site / rel
        assert path.is_file(), f"{self.host} did not write {rel}\n{self.describe()}"
        return path.read_text(encoding="utf-8")


def run_host(host: str, project: Path, *args: str) -> Build:
    """``python -m <host> build ...`` in ``project`` with its config; Zensical always with --clean."""
    cmd = [sys.executable, "-m", host, "build", "-f", str(project / CONFIG[host]), *args]
    if host == "zensical":
        cmd.append("--clean")  # Zensical's --clean drops the render cache (.cache/), not the site
    # A SOURCE_DATE_EPOCH (2026-01-01) far from the demo's fixed today (2026-12-06): a host that missed the today
    # option would measure overdue against it and show other badges (test_same_overdue_badges_on_every_host).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, encoding="utf-8", env=env, timeout=TIMEOUT, check=False)
    return Build(host, project, proc)


def copy_demo(host: str, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "demo_site", dest / "demo_site")
    shutil.copy2(ROOT / CONFIG[host], dest / CONFIG[host])
    return dest


@pytest.fixture(scope="module")
def demo_builds() -> dict[str, Build]:
    """The demo built once per host (lazily, by :func:`demo`)."""
    return {}


def demo(host: str, builds: dict[str, Build], tmp_path_factory: pytest.TempPathFactory) -> Build:
    _require_host(host)
    if host not in builds:
        project = copy_demo(host, tmp_path_factory.mktemp(f"demo-{host}"))
        if host == "zensical":
            # The demo's documents are clean: the extension's strict option must not fail the build.
            cfg = project / CONFIG[host]
            text = cfg.read_text(encoding="utf-8")
            assert re.search(r"(?m)^strict = false\b", text), "zensical.toml should set the milestones option strict = false"
            cfg.write_text(re.sub(r"(?m)^strict = false\b", "strict = true", text), encoding="utf-8")
        # MkDocs and ProperDocs: the demo is clean enough for --strict (the plugin generates the roadmap
        # its index links to). Zensical: the extension's strict option instead (see above).
        builds[host] = run_host(host, project, *(["--strict"] if host in PLUGIN_HOSTS else []))
    build = builds[host]
    assert build.returncode == 0, build.describe()
    return build


@pytest.fixture(params=HOSTS)
def host_build(request: pytest.FixtureRequest, demo_builds: dict[str, Build], tmp_path_factory: pytest.TempPathFactory) -> Build:
    return demo(request.param, demo_builds, tmp_path_factory)


@pytest.fixture(params=PLUGIN_HOSTS)
def plugin_build(request: pytest.FixtureRequest, demo_builds: dict[str, Build], tmp_path_factory: pytest.TempPathFactory) -> Build:
    return demo(request.param, demo_builds, tmp_path_factory)


def _signature(html: str) -> dict[str, Any]:
    """What a milestone page shows, independent of the theme around it."""
    doc = parse_html(html)
    card = doc.find("div", "ms-card")
    return {
        "card": (card.attrs.get("data-status"), card.attrs.get("data-priority")),
        "badges": [n.attrs["data-status"] for n in doc.find_all("span", "ms-badge") if "data-status" in n.attrs],
        "phases": [(n.attrs.get("id"), n.attrs.get("data-status"), "open" in n.attrs) for n in doc.find_all("details", "ms-phase")],
        "graph": [n.attrs.get("data-nodes") for n in doc.find_all("svg", "ms-graph")],
        "links": [(n.text, n.attrs["href"]) for n in doc.find_all("a", "ms-issue")],
    }


# -- every host ---------------------------------------------------------------------------------


def test_milestone_pages_render(host_build: Build) -> None:
    for name in MILESTONE_PAGES:
        html = host_build.page(f"milestones/{name}/index.html")
        doc = parse_html(html)
        where = f"{host_build.host}: milestones/{name}/"
        assert len(doc.find_all("div", "ms-card")) == 1, where
        badges = [n for n in doc.find_all("span", "ms-badge") if "data-status" in n.attrs]
        assert badges, f"{where}: no status badge"
        assert {b.attrs["data-status"] for b in badges} <= STATUSES, where
        phases = doc.find_all("details", "ms-phase")
        assert phases, f"{where}: no collapsible phase"
        for d in phases:
            assert re.fullmatch(r"phase-[\w.-]+", d.attrs.get("id") or ""), f"{where}: phase without an id: {d.attrs}"
            assert d.find_all("summary"), f"{where}: phase {d.attrs['id']} has no summary"
        graphs = doc.find_all("svg", "ms-graph")
        assert len(graphs) == 1 and int(graphs[0].attrs["data-nodes"]) == len(phases), where


def test_plain_pages_untouched(host_build: Build) -> None:
    for rel in ("index.html", "guide/template/index.html"):
        html = host_build.page(rel)
        assert 'class="ms-card"' not in html and "ms-assets" not in html, f"{host_build.host}: {rel}"


def test_format_guide_repaired_exactly(plugin_build: Build) -> None:
    """The demo repairs every page (``fix_mojibake: all``): the format guide shows what its author wrote."""
    html = plugin_build.page("guide/template/index.html")
    fixed = (Path(__file__).parent / "data" / "seed_fixed.md").read_text(encoding="utf-8")
    for garbled in ("â", "ğŸ", "Ã"):
        assert garbled not in html, f"{plugin_build.host}: {garbled!r} left on the format guide"
    for ch in "⏳✅🔄❌┌┐└┘│─":
        assert html.count(ch) == fixed.count(ch) > 0, f"{plugin_build.host}: {ch} {html.count(ch)} vs {fixed.count(ch)}"


def test_in_progress_phase_starts_open(host_build: Build) -> None:
    doc = parse_html(host_build.page("milestones/database-migration/index.html"))
    states = {d.attrs["id"]: ("open" in d.attrs, d.attrs["data-status"]) for d in doc.find_all("details", "ms-phase")}
    assert states["phase-1"] == (True, "in-progress"), states
    assert states["phase-0"] == (False, "done"), states


def test_same_pages_on_every_host(demo_builds: dict[str, Build], tmp_path_factory: pytest.TempPathFactory) -> None:
    """The extension renders a page the same way with or without the plugin around it."""
    available = [h for h in HOSTS if importlib.util.find_spec(h) is not None]
    if len(available) < 2:
        _require(next(h for h in HOSTS if h not in available), "comparing hosts needs two of them")
    builds = [demo(h, demo_builds, tmp_path_factory) for h in available]
    for name in MILESTONE_PAGES:
        rel = f"milestones/{name}/index.html"
        first = _signature(builds[0].page(rel))
        assert first["links"] or name != "billing-v2", "the demo's issue links (repo_url and links in each config)"
        for other in builds[1:]:
            assert _signature(other.page(rel)) == first, f"{rel}: {builds[0].host} and {other.host} differ"


# -- MkDocs and ProperDocs: the plugin --------------------------------------------------------------


def test_plugin_export_and_stylesheet(plugin_build: Build) -> None:
    data = json.loads(plugin_build.page("milestones.json"))
    pages = sorted(m["page"] for m in data["milestones"])
    assert pages == [f"milestones/{n}.md" for n in MILESTONE_PAGES]
    html = plugin_build.page("milestones/auth-rollout/index.html")
    assert 'href="../../assets/mkdocs_milestones/milestones.css"' in html
    assert 'src="../../assets/mkdocs_milestones/milestones.js"' in html
    assert ".ms-badge" in plugin_build.page("assets/mkdocs_milestones/milestones.css")
    assert "ms-assets" not in html, "the plugin serves the stylesheet: no inline copy"
    # ProperDocs sees the plugin in both entry-point groups; it must run once.
    assert plugin_build.output.count(f"found {len(MILESTONE_PAGES)} milestone pages") == 1, plugin_build.describe()


def _check_roadmap(build: Build, rel: str = "roadmap/index.html") -> str:
    html = build.page(rel)
    assert 'class="ms-roadmap"' in html, f"{build.host}: {rel} has no roadmap"
    for name in MILESTONE_PAGES:
        assert f"milestones/{name}/" in html, f"{build.host}: the roadmap does not link {name}"
    return html


def test_plugin_roadmap_page(plugin_build: Build) -> None:
    html = _check_roadmap(plugin_build)
    assert "ms-assets" not in html


def test_properdocs_strict_counts_milestone_warnings(tmp_path: Path) -> None:
    _require_host("properdocs")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "broken.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme: material\nplugins:\n  - milestones\n", encoding="utf-8")
    build = run_host("properdocs", tmp_path, "--strict")
    assert build.returncode == 1, build.describe()
    assert "broken.md:7: unknown status 'Percolating'" in build.output, build.describe()
    assert "Aborted with" in build.output and "in strict mode" in build.output, build.describe()


# -- Zensical: the extension alone ----------------------------------------------------------------


def test_zensical_inlines_the_stylesheet_once_per_milestone_page(demo_builds: dict[str, Build], tmp_path_factory: pytest.TempPathFactory) -> None:
    build = demo("zensical", demo_builds, tmp_path_factory)
    for name in MILESTONE_PAGES:
        html = build.page(f"milestones/{name}/index.html")
        styles = [s for s in re.findall(r"<style>(.*?)</style>", html, re.DOTALL) if ".ms-badge" in s]
        assert len(styles) == 1, f"{name}: {len(styles)} inline milestone stylesheets"
        assert "[data-md-color-scheme=\"slate\"]" in styles[0], "the slate colours are part of the stylesheet"
        assert "mkdocs_milestones/milestones.css" not in html
    # No plugin under Zensical: no export.
    assert not (build.site / "milestones.json").exists()


def test_zensical_demo_roadmap(demo_builds: dict[str, Build], tmp_path_factory: pytest.TempPathFactory) -> None:
    """Under Zensical the roadmap is a page of the docs holding the marker, expanded by the extension."""
    build = demo("zensical", demo_builds, tmp_path_factory)
    source = ROOT / "demo_site" / "roadmap" / "index.md"
    if not source.is_file() or "<!-- milestones" not in source.read_text(encoding="utf-8"):
        pytest.skip("demo_site/roadmap/index.md with a `<!-- milestones -->` marker is missing: Zensical builds no roadmap from the demo")
    _check_roadmap(build)


def _zensical_project(tmp_path: Path, strict: bool) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "broken.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "zensical.toml").write_text(
        textwrap.dedent(
            f"""\
            [project]
            site_name = "t"
            site_dir = "site-zensical"
            [project.markdown_extensions.milestones]
            strict = {"true" if strict else "false"}
            """
        ),
        encoding="utf-8",
    )
    return tmp_path


def test_zensical_prints_warnings_with_page_and_line(tmp_path: Path) -> None:
    _require_host("zensical")
    build = run_host("zensical", _zensical_project(tmp_path, strict=False))
    assert build.returncode == 0, build.describe()
    # Printed (the page's front matter is counted in the line numbers), not counted by Zensical.
    assert "broken.md:7: unknown status 'Percolating'" in build.stderr, build.describe()
    assert "broken.md:11: Phase 1 depends on Phase 7, which does not exist" in build.stderr, build.describe()
    assert 'data-status="unknown"' in build.page("broken/index.html")


def test_zensical_strict_option_fails_the_build(tmp_path: Path) -> None:
    _require_host("zensical")
    build = run_host("zensical", _zensical_project(tmp_path, strict=True))
    assert build.returncode != 0, build.describe()
    assert "MilestoneError" in build.stderr, build.describe()
    assert "broken.md:7: unknown status 'Percolating'" in build.stderr, build.describe()


@pytest.mark.parametrize(
    "title",
    ["</title><script>alert(1)</script>", "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;/title&#x3e;&#X3C;script>alert(1)&#60;/script>"],
)
def test_zensical_title_with_markup_stays_text(tmp_path: Path, title: str) -> None:
    # Zensical 0.0.73 un-escapes the first heading into <title>; our heading must not close it.
    _require_host("zensical")
    project = _zensical_project(tmp_path, strict=False)
    (project / "docs" / "evil.md").write_text(f"# MILESTONE: Evil {title}\n\n**Status**: done\n", encoding="utf-8")
    build = run_host("zensical", project)
    assert build.returncode == 0, build.describe()
    page = build.page("evil/index.html")
    head = page.split("</head>", 1)[0]
    assert head.count("</title>") == 1 and "<script>alert" not in head, head[head.find("<title>") - 40:][:300]
    assert 'class="ms-title"' in page


MILESTONE_A = "# MILESTONE: Alpha\n\n**Status**: done\n\n### Phase 1: One\n**Status**: done\n"
MILESTONE_B = "# MILESTONE: Beta\n\n**Status**: in progress\n**Depends on**: [Alpha](alpha.md)\n\n### Phase 1: One\n**Status**: pending\n"


def _zensical_roadmap_project(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "plans").mkdir(parents=True)
    (docs / "index.md").write_text("# Roadmap\n\n<!-- milestones -->\n", encoding="utf-8")
    (docs / "plans" / "alpha.md").write_text(MILESTONE_A, encoding="utf-8")
    (docs / "plans" / "beta.md").write_text(MILESTONE_B, encoding="utf-8")
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "t"\nsite_dir = "site-zensical"\n[project.markdown_extensions.milestones]\n', encoding="utf-8"
    )
    return tmp_path


def test_zensical_marker_reads_the_docs_folder(tmp_path: Path) -> None:
    _require_host("zensical")
    project = _zensical_roadmap_project(tmp_path)
    build = run_host("zensical", project)
    assert build.returncode == 0, build.describe()
    html = build.page("index.html")
    assert 'class="ms-roadmap"' in html and 'href="plans/alpha/"' in html and 'href="plans/beta/"' in html, build.describe()
    # The render cache keeps the roadmap page while another page changes: --clean rebuilds it.
    (project / "docs" / "plans" / "alpha.md").write_text(MILESTONE_A.replace("done", "blocked", 1), encoding="utf-8")
    build = run_host("zensical", project)
    assert build.returncode == 0, build.describe()
    assert re.search(r'href="plans/alpha/">Alpha</a>.*?data-status="blocked"', build.page("index.html"), re.DOTALL)


def test_zensical_marker_page_gets_the_stylesheet(tmp_path: Path) -> None:
    _require_host("zensical")
    build = run_host("zensical", _zensical_roadmap_project(tmp_path))
    assert build.returncode == 0, build.describe()
    html = build.page("index.html")
    assert len([s for s in re.findall(r"<style>(.*?)</style>", html, re.DOTALL) if ".ms-roadmap" in s]) == 1


def _overdue(html: str) -> list[tuple[str, str]]:
    """The overdue badges a page shows: (days, where: card, phase summary or roadmap row)."""
    doc = parse_html(html)
    found = []
    for where, scope in (("card", doc.find_all("div", "ms-card")), ("phase", doc.find_all("summary", "ms-phase-summary")),
                         ("roadmap", doc.find_all("td", "ms-roadmap-schedule"))):
        found += [(n.attrs["data-overdue"], where) for s in scope for n in s.find_all("span", "ms-overdue")]
    return found


def test_same_overdue_badges_on_every_host(demo_builds: dict[str, Build], tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each host measures overdue against the same fixed today (mkdocs.yml and zensical.toml): the same badges on
    every milestone page and on the roadmap (review 18, finding 3: without today in zensical.toml every open
    milestone was overdue there)."""
    available = [h for h in HOSTS if importlib.util.find_spec(h) is not None]
    if len(available) < 2:
        _require(next(h for h in HOSTS if h not in available), "comparing hosts needs two of them")
    builds = [demo(h, demo_builds, tmp_path_factory) for h in available]
    pages = [f"milestones/{name}/index.html" for name in MILESTONE_PAGES] + ["roadmap/index.html"]
    seen = {b.host: {rel: _overdue(b.page(rel)) for rel in pages if (b.site / rel).is_file()} for b in builds}
    first = seen[builds[0].host]
    late = {rel: badges for rel, badges in first.items() if badges}
    assert late == {"milestones/database-migration/index.html": [("6", "card"), ("16", "phase")],
                    "roadmap/index.html": [("6", "roadmap")]}, late
    for b in builds[1:]:
        assert seen[b.host] == {rel: first[rel] for rel in seen[b.host]}, f"{builds[0].host} and {b.host} differ"
        assert "roadmap/index.html" in seen[b.host] or b.host != "zensical", "the Zensical demo has its roadmap page"
