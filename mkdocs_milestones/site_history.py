# SPDX-License-Identifier: MIT
"""The git history in MkDocs builds: one reader kept across ``mkdocs serve`` rebuilds (its cache), each
note about the history said once, and the feeds written as generated Files of the build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from .history import HistoryReader, HistoryView, MilestoneHistory, RepoHistory, build_time, page_histories
from .model import MilestoneEntry
from .render.feeds import feed_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["SiteHistory"]

log = get_plugin_logger("milestones")


class SiteHistory:
    """The history of the plugin's builds. ``view`` is what the pages show (None: off, or no git)."""

    def __init__(self) -> None:
        self.reader: HistoryReader | None = None
        self.view: HistoryView | None = None
        self.told: tuple[str, str] | None = None
        """The last note logged, and its docs folder: said once per ``mkdocs serve``, not on every rebuild."""

    def read(self, config: MkDocsConfig, *, enabled: bool, fix_mojibake: bool, days: int) -> None:
        """Read it before any page converts (each milestone page shows its own): every file that was a milestone."""
        self.view = None
        if not enabled:
            return
        found = self._read(config.docs_dir, fix_mojibake)
        if found.enabled:
            self.view = HistoryView(found.milestones, build_time(), days, config.repo_url)

    def _read(self, docs_dir: str, fix_mojibake: bool) -> RepoHistory:
        """Off (one info line) without git, partial (one warning, so --strict fails) in a shallow clone."""
        if self.reader is None or self.reader.fix_mojibake != fix_mojibake:
            self.reader = HistoryReader(fix_mojibake=fix_mojibake)
        try:
            result = self.reader.read(docs_dir)
        except Exception as err:  # noqa: BLE001 - a bug of ours must not stop the build
            log.warning("mkdocs-milestones could not read the milestones' history from git (%s: %s); "
                        "the site is built without it. Please report this.", type(err).__name__, err)
            return RepoHistory(False, note=str(err))
        if result.note and (docs_dir, result.note) != self.told:
            self.told = (docs_dir, result.note)
            if result.partial:
                log.warning("%s", result.note)
            else:
                log.info("%s; set `history: false` to silence this", result.note)
        log.debug("history: %d commits, %d versions parsed in %.3f s", result.commits, result.versions_parsed,
                  self.reader.last_seconds)
        return result

    def publish(self, entries: list[MilestoneEntry], files: Files, config: MkDocsConfig,
                feeds: tuple[str, ...]) -> dict[str, MilestoneHistory] | None:
        """The milestone pages' histories (for the export), and the feeds added to ``files``: once every
        page is converted (``on_env``); MkDocs copies the static files after that, so they are written."""
        histories = page_histories(entries, self.view.milestones) if self.view is not None else None
        if feeds:
            for path, content in feed_files(entries, histories, feeds=feeds, site_name=config.site_name,
                                            site_url=config.site_url, repo_url=config.repo_url).items():
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=content))
                else:
                    log.warning("docs/%s is the author's own; the generated %s is not written", path, path)
        return histories
