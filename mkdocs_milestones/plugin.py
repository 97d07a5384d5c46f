# SPDX-License-Identifier: MIT
"""The MkDocs adapter: config, event wiring, and the cross-page work (roadmap, export).

Per-page rendering is the Markdown extension's job; this plugin appends one instance of it, tells
it which page comes next, collects every milestone for the roadmap and writes ``milestones.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from importlib import resources
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from markdown.preprocessors import NormalizeWhitespace
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from . import i18n
from .compat import Asset, I18nState, asset_plan, i18n_state, mark_i18n_page
from .export import MilestoneEntry, export_json
from .extension import ASSET_CSS, GRAPH_VALUES, OPEN_PHASE_VALUES, MilestonesExtension, ParsedSource
from .parser import split_front_matter
from .render.html import inert_title
from .site import PageSource, collect_milestones

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from .mojibake import Repair

__all__ = ["MilestonesConfig", "MilestonesPlugin"]

log = get_plugin_logger("milestones")

ASSET_DIR = "assets/mkdocs_milestones"
ROADMAP_PAGE = "# {title}\n\n<!-- milestones -->\n"
"""The generated roadmap page: a title (in the site's language) and the marker the extension expands."""
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
    language = c.Optional(c.Type(str))
    """The language of the words the plugin writes (en, fr, de, es, ja, zh); default: the theme's."""
    labels = c.Type(dict, default={})
    """Replacements for single strings of the plugin's own words (keys as in ``mkdocs_milestones/i18n.py``)."""


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
        self.assets: list[Asset] = []
        self.generated: set[str] = set()
        """The pages this plugin generated in the current build (the roadmap)."""
        self.language = "en"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        exts = config.markdown_extensions
        if self.config.language and i18n.normalize_language(self.config.language) is None:
            log.warning("option language: %r has no table; the plugin's words stay English (one of: %s)",
                        self.config.language, ", ".join(i18n.LANGUAGES))
        unknown = sorted(str(k) for k in self.config.labels if k not in i18n.TRANSLATIONS["en"])
        if unknown:
            log.warning("option labels: unknown key%s %s; the keys are those of mkdocs_milestones/i18n.py, e.g. "
                        "status.done, roadmap.title, col.progress", "" if len(unknown) == 1 else "s", ", ".join(unknown))
        # mkdocs-static-i18n runs the whole build again per language, on_config included, with the
        # same config: the previous build's extension and assets are replaced, not added to.
        for old in [e for e in exts if isinstance(e, MilestonesExtension)]:
            exts.remove(old)
        for entry in [e for e in config.extra_css if str(e).startswith(f"{ASSET_DIR}/")]:
            config.extra_css.remove(entry)
        for entry in [e for e in config.extra_javascript if str(e).startswith(f"{ASSET_DIR}/")]:
            config.extra_javascript.remove(entry)
        for name in _EXTENSION_NAMES:
            if name in exts:
                exts.remove(name)
                config.mdx_configs.pop(name, None)
                log.info("the milestones plugin renders milestone pages itself; '%s' in markdown_extensions is not needed", name)
        self.ext = MilestonesExtension(
            fix_mojibake=self.config.fix_mojibake,
            open_phases=self.config.open_phases,
            graph=self.config.graph,
            inline_assets=False,
        )
        self.ext.entries_provider = lambda: self.entries
        exts.append(self.ext)
        self.assets = asset_plan(config, ASSET_DIR, {n: _asset(n) for n in ("milestones.css", "milestones.js")}, log)
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

    @event_priority(100)
    def _add_files_early(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The assets and the roadmap page, before other plugins look at the files.

        mkdocs-redirects, listed before this plugin, checks its targets in its ``on_files``: the
        roadmap must exist by then. Under mkdocs-static-i18n, which re-creates every file from
        ``docs_dir`` in its ``on_files`` (priority -100), they are added after it, per language.
        """
        self.entries = []  # nothing survives from one build to the next (mkdocs serve)
        self.sources = {}
        self.generated = set()
        if i18n_state(config) is None:
            self._add_generated(files, config, None)
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig, lang: I18nState | None) -> None:
        for a in self.assets:
            files.append(File.generated(config, a.path, content=a.content))
        roadmap = self.config.roadmap
        if roadmap and files.get_file_from_path(roadmap) is None:  # static-i18n's Files look for this language's
            title = re.sub(r"[\\`*_\[\]<>#]", lambda m: "\\" + m.group(0), i18n.text("roadmap.title"))
            page = File.generated(config, lang.page_src(roadmap) if lang else roadmap, content=ROADMAP_PAGE.format(title=title))
            if lang is not None:  # where static-i18n puts this language's pages
                page.dest_uri = lang.prefix + File.generated(config, roadmap, content="").dest_uri
                mark_i18n_page(page, lang, roadmap, config)
            files.append(page)
            self.generated.add(page.src_uri)

    def _collect_here(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The milestones among the pages, where the plugin is listed (default priority)."""
        return files if i18n_state(config) is not None else self._collect(files, config, None)

    @event_priority(-110)
    def _collect_after_i18n(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Under mkdocs-static-i18n: after its ``on_files`` (-100) has picked this language's pages
        (translated, or the default language's as fallback) and placed them under ``<lang>/``."""
        lang = i18n_state(config)
        if lang is None:
            return files
        self._add_generated(files, config, lang)
        return self._collect(files, config, lang)

    def _collect(self, files: Files, config: MkDocsConfig, lang: I18nState | None) -> Files:
        pages = []
        src_uris: dict[str, str] = {}
        for f in files.documentation_pages():
            if f.generated_by and f.src_uri in self.generated:
                continue  # our own roadmap; pages other plugins generate (mkdocs-gen-files) are read
            try:
                text = f.content_string
            except (OSError, UnicodeDecodeError) as err:
                log.warning("%s: cannot read the page: %s", f.src_uri, err)
                continue
            page = self._read(f, text)
            # static-i18n: a page is known by its path without the language (`a.fr.md`, `fr/a.md`
            # -> `a.md`), so dependencies resolve to this language's version or its fallback alike.
            norm = getattr(f, "norm_src_uri", None) if lang is not None else None
            if norm and norm != f.src_uri:
                src_uris[norm] = f.src_uri
                page = replace(page, path=norm)
            pages.append(page)
        self.entries = collect_milestones(pages, fix_mojibake=self.config.fix_mojibake)
        by_path = {p.path: p for p in pages}
        for e in self.entries:
            page, src = by_path[e.page], self.sources.get(src_uris.get(e.page, e.page))
            if src is not None:
                src.parsed = ParsedSource(page.text, page.path, page.meta, page.first_line, e.milestone)
        export = self.config.export
        if export and lang is not None:
            export = lang.prefix + export  # one export per language, where that language's pages are
        if export:
            # A File like any other output: MkDocs writes it, `mkdocs serve` serves it, later plugins see it.
            own = files.get_file_from_path(export)
            if own is not None:
                log.warning("docs/%s is replaced by the generated export; set the plugin's `export` option to another path to keep it", export)
                files.remove(own)
            files.append(File.generated(config, export, content=export_json(self.entries, lang=lang.language if lang else None)))
        for e in self.entries:
            for d in e.warnings:
                log.warning("%s", d)
        log.info("found %d milestone page%s", len(self.entries), "" if len(self.entries) == 1 else "s")
        return files

    on_files = CombinedEvent(_add_files_early, _collect_here, _collect_after_i18n)

    def _read(self, f: File, raw: str) -> PageSource:
        """Repair the page once and predict the text the extension will parse, for the roadmap and the page.

        That text is what MkDocs hands Python-Markdown (the repaired source without its front matter,
        see ``Page.read_source``) after Python-Markdown's own whitespace normalisation, which runs
        before the extension parses. Should a plugin or another extension change the page in
        between, the page parses its own text (:meth:`MilestonesExtension.take_parsed`).
        """
        try:
            fixed, repairs = raw, None
            if self.config.fix_mojibake:
                from .mojibake import fix_mojibake_report

                fixed, repairs = fix_mojibake_report(raw)
            body, meta = get_data(fixed)
            offset = _line_offset(raw)
            text = _converted_text(body)
        except Exception:  # noqa: BLE001 - a bug of ours: read the page as before, collect_milestones reports it
            return PageSource(f.src_uri, f.url, raw)
        self.sources[f.src_uri] = _Source(fixed if repairs else None, repairs, offset)
        return PageSource(f.src_uri, f.url, text, meta=meta or None, first_line=1 + offset, repaired=repairs is not None)

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
            fixed, repairs = fix_mojibake_report(raw)
        if not repairs:
            return None
        for r in repairs:
            log.debug("%s:%d: repaired mojibake %r -> %r", page.file.src_uri, r.line, r.original, r.fixed)
        log.info("%s: repaired %d mojibake sequence%s", page.file.src_uri, len(repairs), "" if len(repairs) == 1 else "s")
        return fixed

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.ext is not None
        i18n.activate(self.language, self.config.labels)  # this thread renders the page
        offset = 0
        # Used once: what on_files kept for this page is let go as the build goes on.
        src = self.sources.pop(page.file.src_uri, None)
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
        i18n.activate(None)  # the words of this build stay with it

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.sources = {}  # the pages are built: free what on_files kept for them
        i18n.activate(None)  # the words of this build stay with it (static-i18n's next language sets its own)
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
