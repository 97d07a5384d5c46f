# SPDX-License-Identifier: MIT
"""The MkDocs adapter: config, event wiring, and the cross-page work (roadmap, export).

Per-page rendering is the Markdown extension's job; this plugin appends one instance of it and is
its page-context provider. Each page is parsed once, by its own conversion, from the Markdown it
really converts (after macros, includes, snippets, meta files, generated pages); the plugin
collects those models as pages convert (``on_page_content``), and once every page is converted
(``on_env``, before anything is written) it resolves the dependencies, fills the export and
converts again only the pages that hold a ``<!-- milestones -->`` marker (the roadmap page).
Under ``--dirty``, pages MkDocs does not convert keep the model of the previous build.

Other plugins (:mod:`.compat`): the roadmap and the assets are added early (``on_files`` priority
100) so mkdocs-redirects listed before this plugin sees them. Under mkdocs-static-i18n, which
builds the site once per language and re-creates every file from ``docs_dir`` in its ``on_files``
(priority -100), they are added after it, per language (the roadmap is there from 100 to -99 too,
in every language, as the author's pages are, for plugins such as mkdocs-redirects); each language's build converts that
language's pages (translated, or the default language's as fallback), so its roadmap and its
export (``<lang>/milestones.json``, with a ``lang`` field) hold that language's milestones.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import i18n
from .collector import FreezeSurvivors
from .compat import (Asset, I18nState, MkDocsSearchExclusion, add_placeholders, asset_plan, forget_earlier_config, i18n_state,
                     mark_i18n_page, remove_files)
from .export import export_json
from .extension import MilestonesExtension, PageContext
from .extension.cache import RenderCache
from .extension.config import asset_text
from .extension.search_view import SKIP, finished, roadmap_view, views
from .model import MilestoneEntry
from .options import MilestonesConfig
from .source_repair import SourceRepair
from .page_state import PageModel as _PageModel, Converting as _Converting, note_source_lines, read_unconverted, stale_marker_pages
from .render.html import inert_title
from .render.markup import markdown_text
from .render.parts import kept_parts
from .site import assemble
from .site_history import SiteHistory

if TYPE_CHECKING:
    from jinja2 import Environment
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

__all__ = ["MilestonesConfig", "MilestonesPlugin"]

log = get_plugin_logger("milestones")

ASSET_DIR = "assets/mkdocs_milestones"
ROADMAP_PAGE = "# {title}\n\n<!-- milestones -->\n"
"""The generated roadmap page: a title (in the site's language) and the marker the extension expands."""


def _roadmap_page() -> str:
    """The generated roadmap page's Markdown, titled in the language of this build."""
    return ROADMAP_PAGE.format(title=markdown_text(i18n.text("roadmap.title")))


_EXTENSION_NAMES = ("mkdocs_milestones", "milestones", "mkdocs_milestones.extension")


class MilestonesPlugin(SourceRepair, MkDocsSearchExclusion, BasePlugin[MilestonesConfig]):
    """``plugins: [milestones]``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.ext: MilestonesExtension | None = None
        self.entries: list[MilestoneEntry] = []
        self.models: dict[str, _PageModel] = {}
        """Per page (:meth:`_key`): what its conversion in this build found."""
        self.previous: dict[str, _PageModel] = {}
        """The models of earlier builds (``mkdocs serve``; each language's under static-i18n), for
        pages ``--dirty`` does not convert."""
        self.dirty = False
        self.current: _Converting | None = None
        self.offsets: dict[str, int] = {}
        self.meta_lines: dict[str, dict[str, int]] = {}
        """Per page: the source line of each front matter key (a front matter target warned at its line)."""
        self.repaired_at_read: set[str] = set()
        """Pages whose source ``on_page_read_source`` repaired (in scope without their meta)."""
        self.export_file: File | None = None
        self.history = SiteHistory()
        """The git history: read once per build, its reader kept across ``mkdocs serve`` rebuilds."""
        self.cache = RenderCache(max_entries=None)
        """Parse and render results by content, kept across `mkdocs serve` rebuilds (what one did not use is dropped)."""
        self.graphs: dict[str, dict[str, str]] = {}
        """Per page: the phase graphs to put in place of their comments once search has read the page."""
        self._whole: tuple[Any, str] | None = None
        """The page being indexed and its content as the reader gets it, while search reads its search view."""
        self.assets: list[Asset] = []
        self.language = "en"
        self.lang: I18nState | None = None
        """The language mkdocs-static-i18n is building, if it is."""
        self.placeholders: list[File] = []
        """Under static-i18n, the roadmap of each language from ``on_files`` priority 100 to -99."""
        self.collector = FreezeSurvivors()
        """While a build runs, what survived a full garbage collection is not scanned again (:mod:`.collector`)."""

    def _key(self, f: File) -> str:
        """A page's key in :attr:`models`: its ``src_uri``, per language under static-i18n (a fallback
        page has the same ``src_uri`` in every language, but its own URL and links in each)."""
        return f.src_uri if self.lang is None else f"{self.lang.language}:{f.src_uri}"

    def _src_of(self, key: str) -> str:
        """The ``src_uri`` of the page whose key in :attr:`models` is ``key``."""
        return key if self.lang is None else key.split(":", 1)[1]

    def _page_id(self, f: File) -> str:
        """The page's identity for dependencies: under static-i18n its path without the language
        (``a.fr.md``, ``fr/a.md`` -> ``a.md``), so they resolve to this language's version or its fallback."""
        norm = getattr(f, "norm_src_uri", None) if self.lang is not None else None
        return norm or f.src_uri

    # -- configuration and files --------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self.history.told = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        exts = config.markdown_extensions
        for problem in i18n.option_problems(self.config.language, self.config.labels):
            log.warning("%s", problem)
        forget_earlier_config(config, MilestonesExtension, ASSET_DIR)  # mkdocs-static-i18n calls on_config per language
        for name in _EXTENSION_NAMES:
            if name in exts:
                exts.remove(name)
                config.mdx_configs.pop(name, None)
                log.info("the milestones plugin renders milestone pages itself; '%s' in markdown_extensions is not needed", name)
        self.ext = MilestonesExtension(
            provider=self.page_context,
            # The plugin repairs each page's source itself (on_page_read_source), within its scope.
            fix_mojibake=False,
            open_phases=self.config.open_phases,
            today=self.config.today,
            graph=self.config.graph,
            inline_assets=False,
            repo_url=config.repo_url or "",
            links=self.config.links,
        )
        if config.repo_url and self.config.links is not False and self.ext.rules.provider is None:
            log.info("repo_url %s is on neither GitHub nor GitLab: #123 stays text; set the plugin's "
                     "links: {provider: github} (or gitlab) for a self-hosted server", config.repo_url)
        self.ext.cache = self.cache
        exts.append(self.ext)
        self.assets = asset_plan(config, ASSET_DIR, {n: asset_text(n) for n in ("milestones.css", "milestones.js")}, log)
        for a in self.assets:
            if a.name.endswith(".css"):
                config.extra_css.insert(0, a.path)
            else:
                config.extra_javascript.append(a.path)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """The language of the plugin's words: the option, else the theme's, as it is now that every
        ``on_config`` has run (mkdocs-static-i18n sets the theme's language for each build there)."""
        self.language = i18n.activate(self.config.language or i18n.theme_language(config.theme), self.config.labels)
        self.collector.start()

    @event_priority(100)
    def _add_files_early(self, files: Files, *, config: MkDocsConfig) -> Files:
        """A new build; the assets and the roadmap page, before other plugins look at the files.

        mkdocs-redirects, listed before this plugin, checks its targets in its ``on_files``: the
        roadmap must exist by then. Under mkdocs-static-i18n, which re-creates every file from
        ``docs_dir`` in its ``on_files`` (priority -100), they are added after it, per language.
        """
        # This build's models are collected afresh as its pages convert; earlier builds' wait for --dirty.
        self.previous.update(self.models)
        self.models, self.offsets, self.entries, self.current = {}, {}, [], None
        self.meta_lines = {}
        self.cache.next_build()
        self.graphs = {}
        self.repaired_at_read = set()
        self.export_file = None
        self.lang = i18n_state(config)
        if self.lang is None:
            self._add_generated(files, config)
        elif self.config.roadmap:  # for plugins that look at the files before static-i18n (mkdocs-redirects)
            self.placeholders = add_placeholders(files, config, self.lang, self.config.roadmap, _roadmap_page())
        self.history.read(config, enabled=self.config.history, fix_mojibake=bool(self.config.fix_mojibake),
                          days=self.config.changed_days, files=files, cache_dir=self.config.history_cache,
                          today=date.fromisoformat(self.config.today) if self.config.today else None)
        return files

    @event_priority(-99)
    def _drop_placeholders(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Under mkdocs-static-i18n: just before its ``on_files`` (-100), which needs a source path."""
        self.placeholders = remove_files(files, self.placeholders)
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        lang = self.lang
        for a in self.assets:
            files.append(File.generated(config, a.path, content=a.content))
        roadmap = self.config.roadmap
        if roadmap and files.get_file_from_path(roadmap) is None:  # static-i18n's Files look for this language's
            page = File.generated(config, lang.page_src(roadmap) if lang else roadmap, content=_roadmap_page())
            if lang is not None:  # where static-i18n puts this language's pages
                page.dest_uri = lang.prefix + File.generated(config, roadmap, content="").dest_uri
                mark_i18n_page(page, lang, roadmap, config)
            files.append(page)

    def _files_here(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The export, where the plugin is listed (default priority)."""
        return files if self.lang is not None else self._add_export(files, config)

    @event_priority(-110)
    def _files_after_i18n(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Under mkdocs-static-i18n: after its ``on_files`` (-100) has picked this language's pages
        (translated, or the default language's as fallback) and placed them under ``<lang>/``."""
        if self.lang is None:
            return files
        self._add_generated(files, config)
        return self._add_export(files, config)

    on_files = CombinedEvent(_add_files_early, _files_here, _drop_placeholders, _files_after_i18n)

    def _add_export(self, files: Files, config: MkDocsConfig) -> Files:
        export = self.config.export
        if export and self.lang is not None:
            export = self.lang.prefix + export  # one export per language, where that language's pages are
        if export:
            # A File like any other output: MkDocs writes it, `mkdocs serve` serves it, later plugins see it.
            # Its content is known once every page is converted (on_env), before MkDocs writes any file.
            own = files.get_file_from_path(export)
            if own is not None:
                log.warning("docs/%s is replaced by the generated export; set the plugin's `export` option to another path to keep it", export)
                files.remove(own)
            self.export_file = File.generated(config, export, content=export_json([], lang=self._export_lang(), today=self.ext.today() if self.ext is not None else None))
            files.append(self.export_file)
        self._stale_marker_pages(files)
        return files

    def _export_lang(self) -> str | None:
        return self.lang.language if self.lang is not None else None

    def _stale_marker_pages(self, files: Files) -> None:
        """Pages with markers are converted and written again even when unchanged (``--dirty`` skips those)."""
        prefix = f"{self.lang.language}:" if self.lang is not None else ""
        stale_marker_pages(files, {k: m for k, m in self.previous.items() if k.startswith(prefix)}, self._key, dirty=self.dirty)

    # -- pages ----------------------------------------------------------------------------------------
    @event_priority(-100)  # after other plugins' on_page_markdown: the next conversion is this page's
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        i18n.activate(self.language, self.config.labels)  # this thread converts the page
        self.current = _Converting(page)
        return self._repair_by_meta(markdown, page)

    def page_context(self, md: Markdown) -> PageContext:
        """The extension's provider: the page being converted, as MkDocs and the other plugins left it."""
        cur = self.current
        if cur is None:  # a conversion outside a page (another plugin's, a blog excerpt): quiet, no roadmap
            return PageContext(host="mkdocs", report=False)
        if cur.md is None:
            cur.md = md  # the first conversion after on_page_markdown is the page's own
        page = cur.page
        own = md is cur.md
        note_source_lines(page, self.offsets, self.meta_lines)
        entries = cur.entries
        return PageContext(
            file=page.file.src_uri,
            url=page.url,
            line_offset=self.offsets.get(page.file.src_uri, 0),
            meta=page.meta,
            meta_lines=self.meta_lines.get(page.file.src_uri),
            host="mkdocs",
            roadmap=(lambda: entries) if entries is not None else None,
            defer_markers=entries is None,
            parsed=cur.parsed if own else None,
            history=self.history.view,
            defer_graph=own,
            report=own,
        )

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        cur, self.current = self.current, None
        md: Any = cur.md if cur is not None and cur.page is page else None
        if md is not None:
            markers = getattr(md, "milestone_markers", 0)
            self.models[self._key(page.file)] = _PageModel(
                page.url, list(getattr(md, "milestones", [])), self._page_id(page.file), markers,
                md.milestone_source if markers else None)
            self.graphs[self._key(page.file)] = dict(getattr(md, "milestone_graphs", {}))
        if 'class="ms-title"' in html and "title" not in page.meta:
            # Keep a milestone's title text in <title> and the nav, whatever the theme does to it.
            title = getattr(page, "_title_from_render", None)
            if title and ("&" in title or "<" in title):
                page._title_from_render = inert_title(title)  # type: ignore[attr-defined]
        return html

    @event_priority(1)  # just before the search plugin (0) indexes page.content
    def _search_view(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """Search reads the page without the chrome we generated (:mod:`.extension.search_view`)."""
        content = view = whole = page.content or ""
        material = "material/search" in config.plugins
        if SKIP in content:
            view, whole = views(content, material=material)
        if material and getattr(self.models.get(self._key(page.file)), "markers", 0):
            view = roadmap_view(view)  # the roadmap our markers wrote, leaner for Material's parser
        if view is not content:
            self._whole, page.content = (page, whole), view
        return context

    @event_priority(-1)  # just after the search plugin (0), and after MkDocs' search exclusion gave its content back
    def _whole_page(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        whole, self._whole = self._whole, None
        page.content = whole[1] if whole is not None and whole[0] is page else page.content
        return context

    @event_priority(-100)  # after the search plugin (0) has indexed page.content, before the theme renders it
    def _insert_graphs(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """The phase graph goes in now: search indexed the page without it (issue 17), the reader gets it."""
        graphs = self.graphs.get(self._key(page.file))
        if page.content and SKIP in page.content:  # a plugin between 1 and -1 put the search view's source back
            page.content = finished(page.content)
        if graphs and page.content:
            content = page.content
            for slot, markup in graphs.items():
                content = content.replace(slot, markup)
            page.content = content
        return context

    # Search sees the page without our chrome (+1/-1, around MkDocs search's exclusion) and the graph (-100).
    on_page_context = CombinedEvent(_search_view, MkDocsSearchExclusion._hide_from_search, MkDocsSearchExclusion._unhide,
                                    _whole_page, _insert_graphs)

    # -- once every page is converted -----------------------------------------------------------------
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        pages = {self._key(f): f for f in files.documentation_pages()}
        from_source = 0
        for uri, f in pages.items():
            if uri in self.models or f.page is None or f.is_modified():
                continue  # converted, or not converted on purpose (excluded from this build)
            # --dirty: MkDocs did not convert this unchanged page; its model from the last build stands.
            model = self.previous.get(uri)
            if uri not in self.previous:
                from_source += 1
                model = read_unconverted(f, self.config.fix_mojibake, self._page_id(f))
            if model is not None:
                self.models[uri] = model
        if from_source:  # the first --dirty build of this process: no earlier conversion to reuse (README, Limits)
            log.info("--dirty: %d unchanged page%s were read from their source files, before other plugins "
                     "(macros, includes, meta files) changed them; a full build shows the roadmap as pages render",
                     from_source, "" if from_source == 1 else "s")
        # Under static-i18n these are this language's pages: its translations and the fallbacks it built.
        self.entries = assemble([MilestoneEntry.placed(m.page, m.url, ms) for m in self.models.values() for ms in m.milestones])
        # The file the author edits: under static-i18n a page's identity is its path without the
        # language (``a.fr.md`` -> ``a.md``), its warnings name the file (``a.fr.md``, ``fr/a.md``).
        edited = {m.page: self._src_of(k) for k, m in self.models.items()}
        for e in self.entries:
            for d in e.warnings:
                log.warning("%s", replace(d, file=edited.get(d.file, d.file)) if d.file else d)
        histories = self.history.publish(self.entries, files, config, self.config.feeds)
        if self.export_file is not None:
            today = self.ext.today() if self.ext is not None else None
            self.export_file.content_string = export_json(self.entries, histories, lang=self._export_lang(), today=today,
                                                         links=self.ext.rules if self.ext is not None else None, cache=self.cache)
        for uri, model in list(self.models.items()):
            f = pages.get(uri)
            if model.markers and f is not None and f.page is not None and f.page.markdown is not None:
                self._convert_again(f.page, model, config, files)
        log.info("found %d milestone page%s", len(self.entries), "" if len(self.entries) == 1 else "s")
        return env

    def _convert_again(self, page: Page, model: _PageModel, config: MkDocsConfig, files: Files) -> None:
        """Convert a page with markers once more, now that the roadmap is known (its parse is reused)."""
        single = model.milestones[0] if len(model.milestones) == 1 and not model.milestones[0].anchor else None
        parsed = (model.source, single) if model.source is not None else None
        self.current = _Converting(page, entries=self.entries, parsed=parsed)
        # The roadmap's rows and badges by what they are made of, kept across `mkdocs serve` rebuilds (per language and labels).
        scope = (self.language, repr(self.config.labels))
        try:
            with kept_parts(lambda key, make: self.cache.get("roadmap", (scope, *key), make)):
                page.render(config, files)
            page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
        finally:
            self.current = None
            self.models[self._key(page.file)] = model  # the page's milestones, whatever the second conversion reused

    def on_build_error(self, *, error: Exception) -> None:
        self.current = None
        self.collector.stop()
        i18n.activate(None)  # the words of this build stay with it

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        i18n.activate(None)  # the words of this build stay with it (static-i18n's next language sets its own)
        self.collector.stop()
        if self.export_file is not None:
            log.info("wrote %s (%d milestones)", self.export_file.src_uri, len(self.entries))
