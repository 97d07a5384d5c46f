# SPDX-License-Identifier: MIT
"""Browser fixtures: the demo site built once per theme, served on 127.0.0.1, one headless Chromium.

Debian's Chromium (``/usr/bin/chromium``) is driven by Playwright's Python package; no browser is
ever downloaded. Without either, the browser tests skip with the reason, unless
``MILESTONES_REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("MILESTONES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_BROWSER = os.environ.get("MILESTONES_REQUIRE_BROWSER", "") not in ("", "0", "false", "no")
VIEWPORT = {"width": 1280, "height": 900}

# name -> (theme config, browser colour scheme, CSS selector of the content column)
THEMES: dict[str, tuple[dict[str, Any], str, str]] = {
    "material-light": ({"name": "material", "palette": {"scheme": "default"}, "font": False}, "light", ".md-content__inner"),
    "material-slate": ({"name": "material", "palette": {"scheme": "slate"}, "font": False}, "dark", ".md-content__inner"),
    "mkdocs": ({"name": "mkdocs", "highlightjs": False}, "light", "div[role='main']"),
    "mkdocs-dark": ({"name": "mkdocs", "highlightjs": False, "color_mode": "dark"}, "dark", "div[role='main']"),
    "readthedocs": ({"name": "readthedocs", "highlightjs": False}, "light", "div[role='main']"),
}
# Errors of a theme's own scripts that no page content can cause: (theme, parts of message + stack).
KNOWN_THEME_ERRORS = [
    # MkDocs 1.6's darkmode.js flips the highlight.js <link>s, which `highlightjs: false` (needed
    # offline: they point at cdnjs) leaves out: "Cannot set properties of null (setting 'disabled')".
    ("mkdocs", ("setting 'disabled'", "/js/darkmode.js")),
]
MATERIAL_ONLY = ("features", "palette", "font", "icon", "logo", "favicon", "language", "custom_dir")


def _fail_or_skip(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (MILESTONES_REQUIRE_BROWSER=1: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright's Python package is not installed (pip install playwright; never `playwright install`)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


# ---- the demo site, once per theme -------------------------------------------------------------
def derive_config(theme_key: str, site_dir: Path) -> dict[str, Any]:
    """The repo's mkdocs.yml with one theme, docs_dir absolute, and nothing that needs the network."""
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg = copy.deepcopy(base)
    cfg["docs_dir"] = str((ROOT / base.get("docs_dir", "docs")).resolve())
    cfg["site_dir"] = str(site_dir)
    cfg.pop("site_url", None)  # served from the server's root
    theme, _, _ = THEMES[theme_key]
    base_theme = base.get("theme") or {}
    if isinstance(base_theme, str):
        base_theme = {"name": base_theme}
    if theme["name"] == "material":
        derived = {k: v for k, v in base_theme.items() if base_theme.get("name") == "material" and k != "custom_dir"}
    else:
        derived = {k: v for k, v in base_theme.items() if k not in MATERIAL_ONLY and k != "name" and base_theme.get("name") == theme["name"]}
    derived.update(copy.deepcopy(theme))
    cfg["theme"] = derived
    if not _mojibake_available():
        # The repair module has its own issue; until it lands, build without the repair.
        plugins = []
        for p in cfg.get("plugins") or []:
            if p == "milestones":
                p = {"milestones": {"fix_mojibake": False}}
            elif isinstance(p, dict) and "milestones" in p:
                p = {"milestones": {**(p["milestones"] or {}), "fix_mojibake": False}}
            plugins.append(p)
        cfg["plugins"] = plugins
    return cfg


def _mojibake_available() -> bool:
    try:
        from mkdocs_milestones.mojibake import fix_mojibake, fix_mojibake_report  # noqa: F401
    except Exception:  # noqa: BLE001 - missing or half-written: build without the repair
        return False
    return True


@dataclass
class Site:
    theme: str
    root: Path
    scheme: str
    column: str
    port: int = 0
    server: ThreadingHTTPServer | None = None
    pages: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def is_local(self, url: str) -> bool:
        return url.startswith(self.base) or url.startswith(("data:", "about:", "blob:" + self.base))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early is not a test failure


def build_sites(names: list[str], out: Path) -> dict[str, Site]:
    """Build the demo once per theme, in parallel (each build is its own ``mkdocs`` process)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    procs = {}
    for name in names:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        cfg_path = folder / "mkdocs.yml"
        cfg_path.write_text(yaml.safe_dump(derive_config(name, folder / "site"), sort_keys=False), encoding="utf-8")
        procs[name] = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(cfg_path)],
            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
    outputs = {name: proc.communicate(timeout=300)[0] for name, proc in procs.items()}
    sites = {}
    for name, proc in procs.items():
        if proc.returncode != 0:
            pytest.fail(f"building the demo site with theme {name} failed:\n{outputs[name]}", pytrace=False)
        _, scheme, column = THEMES[name]
        site = Site(name, out / name / "site", scheme, column)
        export = site.root / "milestones.json"
        if export.is_file():
            site.pages = [m["url"] for m in json.loads(export.read_text(encoding="utf-8"))["milestones"]]
        sites[name] = site
    return sites


def serve(site: Site) -> None:
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    site.server = _Server(("127.0.0.1", 0), handler)
    site.port = site.server.server_address[1]
    threading.Thread(target=site.server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"http-{site.theme}", daemon=True).start()


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    missing = browser_missing()
    if missing:
        _fail_or_skip(missing)
    sites = build_sites(list(THEMES), tmp_path_factory.mktemp("demo-sites"))
    for site in sites.values():
        serve(site)
    yield sites
    for site in sites.values():
        if site.server is not None:
            site.server.shutdown()
            site.server.server_close()


@pytest.fixture(scope="session", params=list(THEMES))
def site(request: pytest.FixtureRequest, built_sites: dict[str, Site]) -> Site:
    return built_sites[request.param]


# ---- the browser -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = browser_missing()
    if missing:
        _fail_or_skip(missing)
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        try:
            b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Exception as err:  # noqa: BLE001 - any launch failure means "no usable browser"
            _fail_or_skip(f"cannot start {CHROMIUM}: {err}")
        yield b
        b.close()
    finally:
        pw.stop()


class Visit:
    """One browser context on one site: every request, console error and page error is recorded."""

    def __init__(self, browser: Any, site: Site, viewport: dict[str, int] | None = None) -> None:
        self.site = site
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport=viewport or VIEWPORT, color_scheme=site.scheme, service_workers="block", reduced_motion="reduce"
        )
        # Nothing may leave the local server: record every request, and stop the foreign ones at once.
        self.context.route(lambda url: not site.is_local(url), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", self._pageerror)

    def _pageerror(self, err: Any) -> None:
        where = f"{err.message} {err.stack or ''}"
        if any(self.site.theme.startswith(t) and all(part in where for part in parts) for t, parts in KNOWN_THEME_ERRORS):
            return
        self.errors.append(f"{self.page.url}: uncaught {err.message} {err.stack or ''}")

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            self.errors.append(f"{self.page.url}: console error: {msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def reset(self) -> None:
        """Back to a fresh state for the next test (one context per theme keeps the suite fast)."""
        self.requests.clear()
        self.errors.clear()
        self.page.emulate_media(media="screen")
        self.page.set_viewport_size(VIEWPORT)
        self.page.goto("about:blank")

    def goto(self, path: str, wait: str = "load") -> Any:
        url = self.site.url(path)
        if self.page.url.split("#")[0] == url.split("#")[0]:
            self.page.goto("about:blank")  # a real load, not a same-document fragment navigation
        response = self.page.goto(url, wait_until=wait)
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return response

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not self.site.is_local(u)]

    def assert_clean(self) -> None:
        assert not self.foreign(), f"{self.site.theme}: requests left the local server: {self.foreign()}"
        assert not self.errors, f"{self.site.theme}: " + "\n".join(self.errors)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def theme_visit(browser: Any, site: Site) -> Iterator[Visit]:
    v = Visit(browser, site)
    yield v
    v.close()


@pytest.fixture
def visit(theme_visit: Visit) -> Visit:
    theme_visit.reset()
    return theme_visit
