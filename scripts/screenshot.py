#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Regenerate the README's screenshot: docs/images/milestone-page.png.

Builds the demo site (mkdocs.yml) with Material in its light scheme and no web fonts into a
temporary folder, serves it on 127.0.0.1, and shoots the database-migration page at 1280x900
in Debian's Chromium (/usr/bin/chromium) through Playwright. Nothing is downloaded.

    python scripts/screenshot.py [--out docs/images/milestone-page.png] [--page milestones/database-migration/]
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
    theme.update({"palette": {"scheme": "default"}, "font": False})  # light, and no Google Fonts
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
                context = browser.new_context(viewport={"width": opts.width, "height": opts.height}, color_scheme="light")
                context.route(lambda url: not url.startswith((base, "data:", "about:")), lambda route: route.abort())
                page = context.new_page()
                page.goto(base + opts.page.lstrip("/"), wait_until="networkidle")
                page.evaluate("document.fonts.ready.then(() => true)")
                opts.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(opts.out))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(f"wrote {opts.out.relative_to(ROOT) if opts.out.is_relative_to(ROOT) else opts.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
