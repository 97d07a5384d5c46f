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
from .history import HistoryReader, RepoHistory
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
        from .feeds import FEEDS

        if value is None or value is True:
            return FEEDS
        if value is False:
            return ()
        if isinstance(value, dict):
            value = [k for k, on in value.items() if on]
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            unknown = [v for v in value if v not in FEEDS]
            if not unknown:
                return tuple(f for f in FEEDS if f in value)
        raise c.ValidationError(f"expected true, false or a list of {', '.join(FEEDS)}; got {value!r}")


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
        self.history: RepoHistory | None = None
        """The milestones' git history for the current build (None when the ``history`` option is off)."""
        self.history_reader: HistoryReader | None = None
        """Kept across ``mkdocs serve`` rebuilds: it caches what it read."""
        self._history_told = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        exts = config.markdown_extensions
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
        self.entries = collect_milestones(pages, fix_mojibake=self.config.fix_mojibake)
        by_path = {p.path: p for p in pages}
        for e in self.entries:
            page, src = by_path[e.page], self.sources.get(e.page)
            if src is not None:
                src.parsed = ParsedSource(page.text, page.path, page.meta, page.first_line, e.milestone)
        roadmap = self.config.roadmap
        if roadmap and files.get_file_from_path(roadmap) is None:
            files.append(File.generated(config, roadmap, content=ROADMAP_PAGE))
        self.history = self._read_history(config) if self.config.history else None
        histories = self.history.milestones if self.history is not None and self.history.enabled else None
        if self.config.feeds:
            from .feeds import feed_files

            for path, content in feed_files(self.entries, histories, feeds=self.config.feeds, site_name=config.site_name,
                                            site_url=config.site_url, repo_url=config.repo_url).items():
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=content))
                else:
                    log.warning("docs/%s is the author's own; the generated %s is not written", path, path)
        export = self.config.export
        if export:
            # A File like any other output: MkDocs writes it, `mkdocs serve` serves it, later plugins see it.
            own = files.get_file_from_path(export)
            if own is not None:
                log.warning("docs/%s is replaced by the generated export; set the plugin's `export` option to another path to keep it", export)
                files.remove(own)
            files.append(File.generated(config, export, content=export_json(self.entries, histories)))
        for e in self.entries:
            for d in e.warnings:
                log.warning("%s", d)
        log.info("found %d milestone page%s", len(self.entries), "" if len(self.entries) == 1 else "s")
        return files

    def _read_history(self, config: MkDocsConfig) -> RepoHistory:
        """The milestones' history from git; off (one info line) without git, partial (one warning) in a shallow clone."""
        if self.history_reader is None or self.history_reader.fix_mojibake != self.config.fix_mojibake:
            self.history_reader = HistoryReader(fix_mojibake=self.config.fix_mojibake)
        try:
            result = self.history_reader.read(config.docs_dir, [e.page for e in self.entries])
        except Exception as err:  # noqa: BLE001 - a bug of ours must not stop the build
            log.warning("mkdocs-milestones could not read the milestones' history from git (%s: %s); "
                        "the site is built without it. Please report this.", type(err).__name__, err)
            return RepoHistory(False, note=str(err))
        if result.note and not self._history_told:
            self._history_told = True  # once per `mkdocs serve`, not on every rebuild
            if result.partial:
                log.warning("%s", result.note)
            else:
                log.info("%s; set `history: false` to silence this", result.note)
        log.debug("history: %d commits, %d versions parsed in %.3f s", result.commits, result.versions_parsed,
                  self.history_reader.last_seconds)
        return result

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
