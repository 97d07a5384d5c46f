# SPDX-License-Identifier: MIT
"""The MkDocs adapter: config, event wiring, and the cross-page work (roadmap, export).

Per-page rendering is the Markdown extension's job; this plugin appends one instance of it and is
its page-context provider. Each page is parsed once, by its own conversion, from the Markdown it
really converts (after macros, includes, snippets, meta files, generated pages); the plugin
collects those models as pages convert (``on_page_content``), and once every page is converted
(``on_env``, before anything is written) it resolves the dependencies, fills the export and
converts again only the pages that hold a ``<!-- milestones -->`` marker (the roadmap page).
Under ``--dirty``, pages MkDocs does not convert keep the model of the previous build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .export import export_json
from .extension import GRAPH_VALUES, OPEN_PHASE_VALUES, MilestonesExtension, PageContext
from .extension.config import asset_text
from .history import HistoryReader, HistoryView, RepoHistory, build_time, page_histories
from .model import Milestone, MilestoneEntry
from .parser import may_hold_milestones, parse_milestones
from .render.feeds import feed_files, feeds_option
from .render.html import inert_title
from .site import assemble, front_matter_lines

if TYPE_CHECKING:
    from jinja2 import Environment
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

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


class PositiveInt(c.Type[int]):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise c.ValidationError(f"expected a whole number of days, 1 or more; got {value!r}")
        return number


class FeedsOption(c.BaseConfigOption[Any]):
    """``true`` (every feed), ``false``, or a list of feeds: ``atom``, ``ics``, ``badges``."""

    def run_validation(self, value: object) -> tuple[str, ...]:
        try:
            return feeds_option(value)
        except ValueError as err:
            raise c.ValidationError(str(err)) from None


class MilestonesConfig(base.Config):
    fix_mojibake = c.Type(bool, default=True)
    """Repair mojibake (UTF-8 read as a legacy code page) in each page before anything reads it."""
    open_phases = c.Choice(OPEN_PHASE_VALUES, default="in-progress")
    """Which phases start expanded: ``in-progress``, ``all`` or ``none``."""
    graph = c.Choice(GRAPH_VALUES, default="svg")
    """The phase dependency graph on each milestone page: ``svg``, ``mermaid`` or ``none``."""
    export = PathOrFalse("milestones.json", ".json")
    """Where to write the machine-readable export in the site, or ``false``."""
    roadmap = PathOrFalse("roadmap/index.md", ".md")
    """The generated roadmap page, or ``false``."""
    history = c.Type(bool, default=True)
    """Read each milestone's history from git: status changes and checks done over time."""
    changed_days = PositiveInt(default=30)
    """The period of the roadmap's "Changed in the last N days", in days."""
    feeds = FeedsOption()
    """Generated feeds: ``milestones.atom``, ``milestones.ics``, ``badges/<slug>.json``; ``true``, ``false`` or a list of ``atom``, ``ics``, ``badges``."""


@dataclass
class _PageModel:
    """What one page's conversion found, kept for the roadmap and the export (and the next ``--dirty`` build)."""

    url: str
    milestones: list[Milestone]
    markers: int = 0
    source: str | None = None
    """The text the page parsed, kept for pages with markers (their second conversion reuses the parse)."""


@dataclass
class _Converting:
    """The page being converted, and the ``Markdown`` instance that converts it (the first to ask)."""

    page: Page
    md: Markdown | None = None
    entries: list[MilestoneEntry] | None = None
    """Every milestone of the build, once known (the second conversion of a page with markers)."""
    parsed: tuple[str, Milestone | None] | None = None


class MilestonesPlugin(BasePlugin[MilestonesConfig]):
    """``plugins: [milestones]``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.ext: MilestonesExtension | None = None
        self.entries: list[MilestoneEntry] = []
        self.models: dict[str, _PageModel] = {}
        """Per page (``src_uri``): what its conversion in this build found."""
        self.previous: dict[str, _PageModel] = {}
        """The models of the previous build (``mkdocs serve``), for pages ``--dirty`` does not convert."""
        self.dirty = False
        self.current: _Converting | None = None
        self.offsets: dict[str, int] = {}
        self.export_file: File | None = None
        self.history: HistoryView | None = None
        """The milestones' git history for this build (None: off, or no git)."""
        self.history_reader: HistoryReader | None = None
        """Kept across ``mkdocs serve`` rebuilds: it caches what it read."""
        self._history_told: tuple[str, str] | None = None
        """The last note about the history logged, and its docs folder: said once per ``mkdocs serve``."""

    # -- configuration and files --------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self._history_told = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        exts = config.markdown_extensions
        for name in _EXTENSION_NAMES:
            if name in exts:
                exts.remove(name)
                config.mdx_configs.pop(name, None)
                log.info("the milestones plugin renders milestone pages itself; '%s' in markdown_extensions is not needed", name)
        self.ext = MilestonesExtension(
            provider=self.page_context,
            fix_mojibake=self.config.fix_mojibake,
            open_phases=self.config.open_phases,
            graph=self.config.graph,
            inline_assets=False,
        )
        exts.append(self.ext)
        config.extra_css.insert(0, f"{ASSET_DIR}/milestones.css")
        config.extra_javascript.append(f"{ASSET_DIR}/milestones.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # A new build: this build's models are collected afresh; the last build's wait for --dirty.
        self.previous = {**self.previous, **self.models}
        self.models, self.offsets, self.entries, self.current = {}, {}, [], None
        for name in ("milestones.css", "milestones.js"):
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=asset_text(name)))
        roadmap = self.config.roadmap
        if roadmap and files.get_file_from_path(roadmap) is None:
            files.append(File.generated(config, roadmap, content=ROADMAP_PAGE))
        self.export_file = None
        export = self.config.export
        if export:
            # A File like any other output: MkDocs writes it, `mkdocs serve` serves it, later plugins see it.
            # Its content is known once every page is converted (on_env), before MkDocs writes any file.
            own = files.get_file_from_path(export)
            if own is not None:
                log.warning("docs/%s is replaced by the generated export; set the plugin's `export` option to another path to keep it", export)
                files.remove(own)
            self.export_file = File.generated(config, export, content=export_json([]))
            files.append(self.export_file)
        self._stale_marker_pages(files)
        # Before any page converts (each milestone page shows its own): every file that was a milestone.
        found = self._read_history(config) if self.config.history else None
        self.history = None
        if found is not None and found.enabled:
            self.history = HistoryView(found.milestones, build_time(), self.config.changed_days, config.repo_url)
        return files

    def _read_history(self, config: MkDocsConfig) -> RepoHistory:
        """The milestones' history from git; off (one info line) without git, partial (one warning) in a shallow clone."""
        if self.history_reader is None or self.history_reader.fix_mojibake != self.config.fix_mojibake:
            self.history_reader = HistoryReader(fix_mojibake=self.config.fix_mojibake)
        try:
            result = self.history_reader.read(config.docs_dir)
        except Exception as err:  # noqa: BLE001 - a bug of ours must not stop the build
            log.warning("mkdocs-milestones could not read the milestones' history from git (%s: %s); "
                        "the site is built without it. Please report this.", type(err).__name__, err)
            return RepoHistory(False, note=str(err))
        if result.note and (config.docs_dir, result.note) != self._history_told:
            self._history_told = (config.docs_dir, result.note)
            if result.partial:
                log.warning("%s", result.note)
            else:
                log.info("%s; set `history: false` to silence this", result.note)
        log.debug("history: %d commits, %d versions parsed in %.3f s", result.commits, result.versions_parsed,
                  self.history_reader.last_seconds)
        return result

    def _stale_marker_pages(self, files: Files) -> None:
        """Pages with markers are converted and written again even when unchanged (``--dirty`` skips those)."""
        known = {uri for uri, m in self.previous.items() if m.markers}
        if not known and not self.dirty:
            return
        for f in files.documentation_pages():
            if f.generated_by or f.abs_src_path is None:
                continue
            if f.src_uri not in known and self.previous:
                continue
            if not self.previous:  # the first --dirty build of this process: look for markers in the source
                try:
                    text = f.content_string
                except (OSError, UnicodeDecodeError):
                    continue
                if "<!--" not in text or "milestones" not in text:
                    continue
            if os.path.isfile(f.abs_dest_path):
                os.utime(f.abs_dest_path, (0, 0))  # older than its source: MkDocs converts and writes it

    # -- pages ----------------------------------------------------------------------------------------
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Repair the page's source before MkDocs or any plugin reads it (title and front matter too)."""
        try:
            raw = page.file.content_string
        except (OSError, UnicodeDecodeError):
            return None  # MkDocs reports it
        self.offsets[page.file.src_uri] = front_matter_lines(raw)
        if not self.config.fix_mojibake or page.file.generated_by:
            return None
        from .mojibake import fix_mojibake_report

        fixed, repairs = fix_mojibake_report(raw)
        if not repairs:
            return None
        for r in repairs:
            log.debug("%s:%d: repaired mojibake %r -> %r", page.file.src_uri, r.line, r.original, r.fixed)
        log.info("%s: repaired %d mojibake sequence%s", page.file.src_uri, len(repairs), "" if len(repairs) == 1 else "s")
        return fixed

    @event_priority(-100)  # after other plugins' on_page_markdown: the next conversion is this page's
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.current = _Converting(page)
        return markdown

    def page_context(self, md: Markdown) -> PageContext:
        """The extension's provider: the page being converted, as MkDocs and the other plugins left it."""
        cur = self.current
        if cur is None:  # a conversion outside a page (another plugin's, a blog excerpt): quiet, no roadmap
            return PageContext(host="mkdocs", report=False)
        if cur.md is None:
            cur.md = md  # the first conversion after on_page_markdown is the page's own
        page = cur.page
        own = md is cur.md
        if page.file.src_uri not in self.offsets:  # a page whose source MkDocs did not read (blog posts)
            try:
                self.offsets[page.file.src_uri] = front_matter_lines(page.file.content_string)
            except (OSError, UnicodeDecodeError, TypeError):
                self.offsets[page.file.src_uri] = 0
        entries = cur.entries
        return PageContext(
            file=page.file.src_uri,
            url=page.url,
            line_offset=self.offsets.get(page.file.src_uri, 0),
            meta=page.meta,
            host="mkdocs",
            roadmap=(lambda: entries) if entries is not None else None,
            defer_markers=entries is None,
            parsed=cur.parsed if own else None,
            history=self.history,
            report=own,
        )

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        cur, self.current = self.current, None
        md: Any = cur.md if cur is not None and cur.page is page else None
        if md is not None:
            markers = getattr(md, "milestone_markers", 0)
            self.models[page.file.src_uri] = _PageModel(
                page.url, list(getattr(md, "milestones", [])), markers, md.milestone_source if markers else None)
        if 'class="ms-title"' in html and "title" not in page.meta:
            # Keep a milestone's title text in <title> and the nav, whatever the theme does to it.
            title = getattr(page, "_title_from_render", None)
            if title and ("&" in title or "<" in title):
                page._title_from_render = inert_title(title)  # type: ignore[attr-defined]
        return html

    # -- once every page is converted -----------------------------------------------------------------
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        pages = {f.src_uri: f for f in files.documentation_pages()}
        for uri, f in pages.items():
            if uri in self.models or f.page is None or f.is_modified():
                continue  # converted, or not converted on purpose (excluded from this build)
            # --dirty: MkDocs did not convert this unchanged page; its model from the last build stands.
            model = self.previous.get(uri) or self._read_unconverted(f)
            if model is not None:
                self.models[uri] = model
        self.previous = {}
        self.entries = assemble(
            [MilestoneEntry.placed(uri, m.url, ms) for uri, m in self.models.items() for ms in m.milestones]
        )
        for e in self.entries:
            for d in e.warnings:
                log.warning("%s", d)
        histories = page_histories(self.entries, self.history.milestones) if self.history is not None else None
        if self.export_file is not None:
            self.export_file.content_string = export_json(self.entries, histories)
        if self.config.feeds:
            # Files added here are written: MkDocs copies the static files after on_env.
            for path, content in feed_files(self.entries, histories, feeds=self.config.feeds, site_name=config.site_name,
                                            site_url=config.site_url, repo_url=config.repo_url).items():
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=content))
                else:
                    log.warning("docs/%s is the author's own; the generated %s is not written", path, path)
        for uri, model in list(self.models.items()):
            f = pages.get(uri)
            if model.markers and f is not None and f.page is not None and f.page.markdown is not None:
                self._convert_again(f.page, model, config, files)
        log.info("found %d milestone page%s", len(self.entries), "" if len(self.entries) == 1 else "s")
        return env

    def _read_unconverted(self, f: File) -> _PageModel | None:
        """A page ``--dirty`` skipped in the first build of this process: parsed from its source, once."""
        try:
            raw = f.content_string
            if not may_hold_milestones(raw):
                return None
            if self.config.fix_mojibake:
                from .mojibake import fix_mojibake

                raw = fix_mojibake(raw)
            found = parse_milestones(raw, file=f.src_uri)
        except Exception as err:  # noqa: BLE001 - a bug of ours: the page is left out, the build goes on
            log.warning("%s: mkdocs-milestones could not read this milestone (%s: %s)", f.src_uri, type(err).__name__, err)
            return None
        assert f.page is not None
        return _PageModel(f.page.url, found)

    def _convert_again(self, page: Page, model: _PageModel, config: MkDocsConfig, files: Files) -> None:
        """Convert a page with markers once more, now that the roadmap is known (its parse is reused)."""
        single = model.milestones[0] if len(model.milestones) == 1 and not model.milestones[0].anchor else None
        parsed = (model.source, single) if model.source is not None else None
        self.current = _Converting(page, entries=self.entries, parsed=parsed)
        try:
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
        finally:
            self.current = None
            self.models[page.file.src_uri] = model  # the page's milestones, whatever the second conversion reused

    def on_build_error(self, *, error: Exception) -> None:
        self.current = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.export:
            log.info("wrote %s (%d milestones)", self.config.export, len(self.entries))
