#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Regenerate the README's screenshots: docs/images/milestone-page.png and the burn-up in both schemes.

Builds the demo site (mkdocs.yml) with Material and no web fonts into a temporary folder (the demo's
palette: light or slate by the browser's colour scheme), serves it on 127.0.0.1, and shoots in
Debian's Chromium (/usr/bin/chromium) through Playwright, nothing downloaded:

* the database-migration page at 1280x900 in the light scheme (``--out``);
* the History section of the platform-observability page (its burn-up, from the project's own git
  history of ``demo_site/``) in the light and the dark scheme (``--burnup-out``: ``-light.png`` and
  ``-dark.png``), at 2x for sharp text.

    python scripts/screenshot.py [--out docs/images/milestone-page.png] [--page milestones/database-migration/]
                                 [--burnup-out docs/images/burnup] [--burnup-page milestones/platform-observability/]
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("MILESTONES_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(out: Path) -> Path:
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str((ROOT / cfg.get("docs_dir", "docs")).resolve())
    cfg["site_dir"] = str(out / "site")
    cfg.pop("site_url", None)
    theme = cfg.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    theme["font"] = False  # no Google Fonts; the demo's palette follows the browser's colour scheme
    cfg["theme"] = theme
    path = out / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path)], check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out / "site"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "milestone-page.png")
    ap.add_argument("--page", default="milestones/database-migration/")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--burnup-out", type=Path, default=ROOT / "docs" / "images" / "burnup",
                    help="prefix of the burn-up shots: <prefix>-light.png and <prefix>-dark.png")
    ap.add_argument("--burnup-page", default="milestones/platform-observability/")
    opts = ap.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp))
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                shots = [_shoot(browser, base, opts, "light")]
                for scheme in ("light", "dark"):
                    shots.append(_shoot_burnup(browser, base, opts, scheme))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    for shot in shots:
        print(f"wrote {shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}")
    return 0


def _context(browser: Any, base: str, scheme: str, width: int, height: int, scale: int = 1) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, device_scale_factor=scale)
    context.route(lambda url: not url.startswith((base, "data:", "about:")), lambda route: route.abort())
    return context


def _shoot(browser: Any, base: str, opts: argparse.Namespace, scheme: str) -> Path:
    """The milestone page, as a reader first sees it."""
    page = _context(browser, base, scheme, opts.width, opts.height).new_page()
    page.goto(base + opts.page.lstrip("/"), wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(opts.out))
    return opts.out


def _shoot_burnup(browser: Any, base: str, opts: argparse.Namespace, scheme: str) -> Path:
    """The page's History heading and section (burn-up and changes), in the theme's ``scheme`` (light or dark)."""
    page = _context(browser, base, scheme, 900, 900, scale=2).new_page()
    page.goto(base + opts.burnup_page.lstrip("/"), wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    heading = page.locator("h2.ms-history-heading").first
    section = page.locator("section.ms-history").first
    heading.scroll_into_view_if_needed()
    top, box = heading.bounding_box(), section.bounding_box()
    if top is None or box is None:
        raise SystemExit(f"{opts.burnup_page} has no History section: is demo_site/ in a git repository with its history?")
    pad = 12
    clip = {"x": box["x"] - pad, "y": top["y"] - pad, "width": box["width"] + 2 * pad,
            "height": box["y"] + box["height"] - top["y"] + 2 * pad}
    out = opts.burnup_out.with_name(f"{opts.burnup_out.name}-{scheme}.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), clip=clip)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
