# SPDX-License-Identifier: MIT
"""The MkDocs adapter: config, event wiring, and the cross-page work (roadmap, export).

Per-page rendering is the Markdown extension's job; this plugin appends one instance of it, tells
it which page comes next, collects every milestone for the roadmap and writes ``milestones.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from markdown.preprocessors import NormalizeWhitespace
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from .export import MilestoneEntry, export_json
from .extension import ASSET_CSS, GRAPH_VALUES, OPEN_PHASE_VALUES, MilestonesExtension, ParsedSource
from .parser import is_milestone_source, split_front_matter
from .render.html import inert_title
from .site import PageSource, collect_milestones

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from .mojibake import Repair

__all__ = ["MilestonesConfig", "MilestonesPlugin"]

log = get_plugin_logger("milestones")

ASSET_DIR = "assets/mkdocs_milestones"
ROADMAP_PAGE = "# Roadmap\n\n<!-- milestones -->\n"
"""The generated roadmap page: a title and the marker the extension expands."""
_EXTENSION_NAMES = ("mkdocs_milestones", "milestones", "mkdocs_milestones.extension")


class PathOrFalse(c.BaseConfigOption[Any]):
    """A path inside the site (a relative ``.json``/``.md`` path), or ``false`` to turn it off."""

    def __init__(self, default: str, suffix: str) -> None:
        super().__init__()
        self.default = default
        self.suffix = suffix

    def run_validation(self, value: object) -> str | bool:
        if value is False or value is None:
            return False
        if value is True:
            return self.default
        if not isinstance(value, str) or not value.strip():
            raise c.ValidationError(f"expected a relative path ending in {self.suffix} or false, got {value!r}")
        path = value.strip().replace("\\", "/")
        if path.startswith("/") or ".." in path.split("/") or not path.endswith(self.suffix):
            raise c.ValidationError(f"expected a relative path inside the site ending in {self.suffix} (or false), got {value!r}")
        return path


class MojibakeScope(c.BaseConfigOption[Any]):
    """Which pages the mojibake repair reads: ``milestones`` (also ``true``), ``all`` or ``false``."""

    def __init__(self) -> None:
        super().__init__()
        self.default = "milestones"

    def run_validation(self, value: object) -> str | bool:
        if value is True or value == "milestones":
            return "milestones"
        if value == "all":
            return "all"
        if value is False or value is None:
            return False
        raise c.ValidationError(f"expected one of: milestones (or true), all, false; got {value!r}")


class MilestonesConfig(base.Config):
    fix_mojibake = MojibakeScope()
    """Repair mojibake (UTF-8 read as a legacy code page) before anything reads a page: in milestone
    pages (``milestones``, the default, or ``true``), in every page (``all``), or nowhere (``false``)."""
    open_phases = c.Choice(OPEN_PHASE_VALUES, default="in-progress")
    """Which phases start expanded: ``in-progress``, ``all`` or ``none``."""
    graph = c.Choice(GRAPH_VALUES, default="svg")
    """The phase dependency graph on each milestone page: ``svg``, ``mermaid`` or ``none``."""
    export = PathOrFalse("milestones.json", ".json")
    """Where to write the machine-readable export in the site, or ``false``."""
    roadmap = PathOrFalse("roadmap/index.md", ".md")
    """The generated roadmap page, or ``false``."""


@dataclass
class _Source:
    """What ``on_files`` learnt about one page, for the later events of the same build."""

    fixed: str | None
    """The source after mojibake repair, kept only when the repair changed it."""
    repairs: list[Repair] | None
    """What the repair changed; None when it did not run (turned off, or it failed)."""
    line_offset: int
    """Source lines before the text Python-Markdown converts (front matter)."""
    parsed: ParsedSource | None = None
    """The milestone read for the roadmap, for the page to reuse."""


class MilestonesPlugin(BasePlugin[MilestonesConfig]):
    """``plugins: [milestones]``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.ext: MilestonesExtension | None = None
        self.entries: list[MilestoneEntry] = []
        self.sources: dict[str, _Source] = {}
        """Per page (``src_uri``), for the current build only: each page is read, repaired and parsed once."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        exts = config.markdown_extensions
        for name in _EXTENSION_NAMES:
            if name in exts:
                exts.remove(name)
                config.mdx_configs.pop(name, None)
                log.info("the milestones plugin renders milestone pages itself; '%s' in markdown_extensions is not needed", name)
        self.ext = MilestonesExtension(
            # The plugin repairs each page's source itself (on_page_read_source), within its scope.
            fix_mojibake=False,
            open_phases=self.config.open_phases,
            graph=self.config.graph,
            inline_assets=False,
        )
        self.ext.entries_provider = lambda: self.entries
        exts.append(self.ext)
        config.extra_css.insert(0, f"{ASSET_DIR}/milestones.css")
        config.extra_javascript.append(f"{ASSET_DIR}/milestones.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.entries = []  # nothing survives from one build to the next (mkdocs serve)
        self.sources = {}
        for name in ("milestones.css", "milestones.js"):
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=_asset(name)))
        pages = []
        for f in files.documentation_pages():
            if f.generated_by:
                continue
            try:
                text = f.content_string
            except (OSError, UnicodeDecodeError) as err:
                log.warning("%s: cannot read the page: %s", f.src_uri, err)
                continue
            pages.append(self._read(f, text))
        self.entries = collect_milestones(pages, fix_mojibake=bool(self.config.fix_mojibake))
        by_path = {p.path: p for p in pages}
        for e in self.entries:
            page, src = by_path[e.page], self.sources.get(e.page)
            if src is not None:
                src.parsed = ParsedSource(page.text, page.path, page.meta, page.first_line, e.milestone)
        roadmap = self.config.roadmap
        if roadmap and files.get_file_from_path(roadmap) is None:
            files.append(File.generated(config, roadmap, content=ROADMAP_PAGE))
        export = self.config.export
        if export:
            # A File like any other output: MkDocs writes it, `mkdocs serve` serves it, later plugins see it.
            own = files.get_file_from_path(export)
            if own is not None:
                log.warning("docs/%s is replaced by the generated export; set the plugin's `export` option to another path to keep it", export)
                files.remove(own)
            files.append(File.generated(config, export, content=export_json(self.entries)))
        for e in self.entries:
            for d in e.warnings:
                log.warning("%s", d)
        log.info("found %d milestone page%s", len(self.entries), "" if len(self.entries) == 1 else "s")
        return files

    def _read(self, f: File, raw: str) -> PageSource:
        """Repair the page once and predict the text the extension will parse, for the roadmap and the page.

        That text is what MkDocs hands Python-Markdown (the repaired source without its front matter,
        see ``Page.read_source``) after Python-Markdown's own whitespace normalisation, which runs
        before the extension parses. Should a plugin or another extension change the page in
        between, the page parses its own text (:meth:`MilestonesExtension.take_parsed`).
        """
        try:
            fixed, repairs = raw, None
            if self._repairs(raw):
                from .mojibake import fix_mojibake_report

                fixed, repairs = fix_mojibake_report(raw)
            body, meta = get_data(fixed)
            offset = _line_offset(raw)
            text = _converted_text(body)
        except Exception:  # noqa: BLE001 - a bug of ours: read the page as before, collect_milestones reports it
            return PageSource(f.src_uri, f.url, raw)
        self.sources[f.src_uri] = _Source(fixed if repairs else None, repairs, offset)
        return PageSource(f.src_uri, f.url, text, meta=meta or None, first_line=1 + offset, repaired=repairs is not None)

    def _repairs(self, raw: str) -> bool:
        """Whether the mojibake repair reads this page's source (the ``fix_mojibake`` scope)."""
        scope = self.config.fix_mojibake
        return scope == "all" or (scope == "milestones" and is_milestone_source(raw))

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Repair the page's source before MkDocs or any plugin reads it (title and front matter too)."""
        if not self.config.fix_mojibake or page.file.generated_by:
            return None
        src = self.sources.get(page.file.src_uri)
        if src is not None and src.repairs is not None:
            fixed, repairs = src.fixed or "", src.repairs  # repaired in on_files
        else:
            from .mojibake import fix_mojibake_report

            try:
                raw = page.file.content_string
            except (OSError, UnicodeDecodeError):
                return None  # MkDocs reports it
            if not self._repairs(raw):
                return None
            fixed, repairs = fix_mojibake_report(raw)
        if not repairs:
            return None
        for r in repairs:
            log.debug("%s:%d: repaired mojibake %r -> %r", page.file.src_uri, r.line, r.original, r.fixed)
        log.info("%s: repaired %d mojibake sequence%s", page.file.src_uri, len(repairs), "" if len(repairs) == 1 else "s")
        return fixed

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.ext is not None
        offset = 0
        # Used once: what on_files kept for this page is let go as the build goes on.
        src = None if page.file.generated_by else self.sources.pop(page.file.src_uri, None)
        if src is not None:
            offset = src.line_offset
        elif not page.file.generated_by:
            offset = _line_offset(page.file.content_string)
        self.ext.set_page(page.file.src_uri, offset, page.meta, url=page.url, parsed=src.parsed if src else None)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep a milestone's title text in ``<title>`` and the nav, whatever the theme does to it."""
        if 'class="ms-title"' in html and "title" not in page.meta:
            title = getattr(page, "_title_from_render", None)
            if title and ("&" in title or "<" in title):
                page._title_from_render = inert_title(title)  # type: ignore[attr-defined]
        return html

    def on_build_error(self, *, error: Exception) -> None:
        self.sources = {}

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.sources = {}  # the pages are built: free what on_files kept for them
        if self.config.export:
            log.info("wrote %s (%d milestones)", self.config.export, len(self.entries))


_BLANK_SPACES_RE = re.compile(r"\n +\n")


def _converted_text(body: str) -> str:
    """``body`` as the extension's parser sees it: after Python-Markdown's ``NormalizeWhitespace``.

    That preprocessor appends two newlines and only changes anything else when there are tabs,
    carriage returns, its placeholder markers or lines of spaces; without them this is cheaper.
    """
    text = body + "\n\n"
    if "\t" in text or "\r" in text or "\x02" in text or "\x03" in text or _BLANK_SPACES_RE.search(text):
        lines = NormalizeWhitespace(SimpleNamespace(tab_length=4)).run(body.split("\n"))  # type: ignore[arg-type]
        return "\n".join(lines)
    return text


def _line_offset(source: str) -> int:
    """Source lines before the text MkDocs converts: the front matter and the blank lines after it."""
    _, body, offset = split_front_matter(source.lstrip("\ufeff").replace("\r\n", "\n"))
    return offset + (len(body) - len(body.lstrip("\n")) if offset else 0)


def _asset(name: str) -> str:
    folder = resources.files("mkdocs_milestones") / "assets"
    if name == "milestones.css":
        return "\n".join((folder / n).read_text(encoding="utf-8") for n in ASSET_CSS if (folder / n).is_file())
    return (folder / name).read_text(encoding="utf-8")
