# SPDX-License-Identifier: MIT
"""Material's ``navigation.instant`` in headless Chromium: the demo site with the feature on.

Material's instant loader swaps pages without a reload. On each swap (and once on load) it
resolves every ``[href]`` element's URL by assigning ``el.href = el.href``; an SVG ``<a href>``
has a read-only ``href``, so the graphs' links used to throw "Cannot set property href of
#<SVGAElement> which has only a getter" and the old page stayed on screen. The graphs link with
``xlink:href`` now; these tests click through the site as a reader would and require the content
to change without a reload and without a single page error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from .conftest import Site, Visit, _Server, derive_config, serve

pytestmark = pytest.mark.browser

MILESTONE = "milestones/database-migration/"
OTHER = "milestones/auth-rollout/"
ROADMAP = "roadmap/"


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("instant")
    site = Site("material-instant", folder / "site", "light", ".md-content__inner")
    # Material's sitemap check keeps the port of `site_url`: the server's port must be known first.
    serve(site)
    cfg = derive_config("material-light", site.root)
    cfg["site_url"] = site.base
    cfg["theme"]["features"] = [*cfg["theme"].get("features", []), "navigation.instant"]
    cfg_path = folder / "mkdocs.yml"
    cfg_path.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(cfg_path)],
        cwd=folder, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the demo with navigation.instant failed:\n{proc.stdout}{proc.stderr}", pytrace=False)
    yield site
    assert isinstance(site.server, _Server)
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture
def ivisit(browser: Any, instant_site: Site) -> Iterator[Visit]:
    v = Visit(browser, instant_site)
    yield v
    v.close()


def _h1(visit: Visit) -> str:
    return visit.page.locator("article h1").first.inner_text()


def _mark(visit: Visit) -> None:
    """Tag the window: the tag survives an instant swap, a real page load drops it."""
    visit.page.evaluate("() => { window.__msNoReload = true; }")


def _swapped_to(visit: Visit, path: str) -> None:
    visit.page.wait_for_url(visit.site.url(path), timeout=10000)
    visit.page.wait_for_function(
        "(p) => document.querySelector('article h1') && location.pathname.endsWith(p) && "
        "document.querySelector('article').dataset.msSeen !== '1'", arg=path, timeout=10000,
    )


def _click_nav(visit: Visit, path: str) -> None:
    visit.page.evaluate("() => { document.querySelector('article').dataset.msSeen = '1'; }")
    visit.page.locator(f'nav.md-nav--primary a.md-nav__link[href="{visit.site.url(path)}"]').first.click()
    _swapped_to(visit, path)


def test_instant_navigation_to_milestone_and_roadmap(ivisit: Visit) -> None:
    ivisit.goto("")
    assert ivisit.page.evaluate("() => __md_scope && document.querySelector('[data-md-component=container]') !== null")
    home = _h1(ivisit)
    _mark(ivisit)
    _click_nav(ivisit, MILESTONE)
    assert _h1(ivisit) != home
    assert ivisit.page.locator("article .ms-card").count() == 1, "the milestone page's card is on screen"
    assert ivisit.page.locator("article svg.ms-graph").count() == 1
    _click_nav(ivisit, ROADMAP)
    assert ivisit.page.locator("article table.ms-roadmap-table, article .ms-roadmap").count() >= 1, "the roadmap is on screen"
    _click_nav(ivisit, OTHER)
    assert "sign-on" in _h1(ivisit).lower()
    assert ivisit.page.evaluate("() => window.__msNoReload === true"), "Material swapped the pages without a reload"
    ivisit.assert_clean()


def test_graph_links_work_under_instant_navigation(ivisit: Visit) -> None:
    ivisit.goto(ROADMAP)
    _mark(ivisit)
    _click_nav(ivisit, MILESTONE)  # a swapped-in page: its graph came through Material's resolver
    node = ivisit.page.locator('article svg.ms-graph a[*|href="#phase-2"]')
    assert node.count() == 1
    # Keyboard: an xlink:href link is focusable and follows Enter like any link.
    node.focus()
    assert ivisit.page.evaluate("() => document.activeElement && document.activeElement.closest('svg.ms-graph') !== null")
    ivisit.page.keyboard.press("Enter")
    ivisit.page.wait_for_function("() => document.getElementById('phase-2').open", timeout=10000)
    ivisit.page.evaluate("() => { document.getElementById('phase-2').open = false; history.replaceState(null, '', location.pathname); }")
    node.click()
    ivisit.page.wait_for_function("() => document.getElementById('phase-2').open", timeout=10000)
    assert ivisit.page.evaluate("() => window.__msNoReload === true")
    # The roadmap's dependency graph links to milestone pages: a click gets there.
    _click_nav(ivisit, ROADMAP)
    link = ivisit.page.locator(f'article svg.ms-graph a[*|href$="{OTHER.split("/")[1]}/"]').first
    link.click()
    ivisit.page.wait_for_url(ivisit.site.url(OTHER), timeout=10000)
    ivisit.page.wait_for_function("() => /sign-on/i.test(document.querySelector('article h1').textContent)", timeout=10000)
    ivisit.assert_clean()


def test_no_svg_link_carries_a_plain_href(instant_site: Site) -> None:
    """What the loader trips on, checked in every built page: no ``<a href>`` inside an SVG."""
    import re

    for html in Path(instant_site.root).rglob("*.html"):
        for svg in re.findall(r"<svg\b.*?</svg>", html.read_text(encoding="utf-8"), flags=re.S):
            assert not re.search(r"<a\s[^>]*(?<![:\w-])href=", svg), f"{html}: an SVG link with a plain href"
