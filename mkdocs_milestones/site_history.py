# SPDX-License-Identifier: MIT
"""The git history in MkDocs builds: one reader kept across ``mkdocs serve`` rebuilds (its cache), each
note about the history said once, and the feeds written as generated Files of the build."""

from __future__ import annotations

import os
from collections.abc import Iterator, Set
from datetime import date
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from .history import HistoryView, MilestoneHistory, RepoHistory, build_time, page_histories
from .history.repo import NOT_IN_GIT, outside_git
from .model import MilestoneEntry
from .roadmap_doc import may_hold_milestones
from .render.feeds import feed_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .history import HistoryReader

__all__ = ["SiteHistory"]

log = get_plugin_logger("milestones")


def milestone_sources(files: Files, docs_dir: str, known: dict[tuple[str, int, int], bool] | None = None) -> set[str]:
    """The author's pages (paths from ``docs_dir``) whose current text may hold milestones: only their history is read.

    The same cheap test the plugin makes before parsing a page it did not convert; a page that fails it
    is no milestone now, so its old versions would show nowhere. Generated files have no history.
    ``known`` keeps each answer by file, modification time and size: the next build (``mkdocs serve``) reads
    only the files changed since.
    """
    root = os.path.abspath(docs_dir)
    out: set[str] = set()
    seen: dict[tuple[str, int, int], bool] = {}
    for f in files.documentation_pages():
        if f.generated_by or not f.abs_src_path:
            continue
        path = os.path.abspath(f.abs_src_path)
        rel = os.path.relpath(path, root)
        if rel.startswith(".."):
            continue
        try:
            st = os.stat(path)
            stamp = (path, st.st_mtime_ns, st.st_size)
            holds = known.get(stamp) if known is not None else None
            if holds is None:
                holds = may_hold_milestones(f.content_string)
            seen[stamp] = holds
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if holds:
            out.add(rel.replace(os.sep, "/"))
    if known is not None:
        known.clear()
        known.update(seen)
    return out


class _Sources(Set[str]):
    """:func:`milestone_sources`, worked out when first looked at: a docs folder outside git never is."""

    def __init__(self, files: Files, docs_dir: str, known: dict[tuple[str, int, int], bool]) -> None:
        self._args = (files, docs_dir, known)
        self._found: set[str] | None = None

    def _pages(self) -> set[str]:
        if self._found is None:
            self._found = milestone_sources(*self._args)
        return self._found

    def __contains__(self, item: object) -> bool:
        return item in self._pages()

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages())

    def __len__(self) -> int:
        return len(self._pages())


class SiteHistory:
    """The history of the plugin's builds. ``view`` is what the pages show (None: off, or no git)."""

    def __init__(self) -> None:
        self.reader: HistoryReader | None = None
        self.view: HistoryView | None = None
        self.today: date | None = None
        """The plugin's ``today`` option (as :meth:`read` got it): the calendar's ``DTSTAMP`` without history."""
        self.told: tuple[str, str] | None = None
        """The last note logged, and its docs folder: said once per ``mkdocs serve``, not on every rebuild."""
        self.holds: dict[tuple[str, int, int], bool] = {}
        """Per page file (path, modification time, size): whether its text may hold milestones (:func:`milestone_sources`)."""

    def read(self, config: MkDocsConfig, *, enabled: bool, fix_mojibake: bool, days: int, files: Files | None = None,
             cache_dir: str | None = None, today: date | None = None) -> None:
        """Read it before any page converts (each milestone page shows its own).

        Arguments:
            files: The build's files: only the pages whose current text may hold milestones (a milestone
                page or a roadmap document, :func:`may_hold_milestones`) have their old versions parsed;
                None for every file that ever held one.
            cache_dir: The build's cache folder (relative to the config file's folder): the history read so
                far is kept there, so the next build reads only the commits made since; None or "" for none.
            today: The plugin's ``today`` option: the charts and "Changed in the last N days" end with that day
                (None: ``SOURCE_DATE_EPOCH``, else now), as overdue is measured against it.
        """
        self.view = None
        self.today = today
        if not enabled:
            return
        # Only once git has answered: a docs folder outside git (or without git) reads no page for it.
        pages = None if files is None else _Sources(files, config.docs_dir, self.holds)
        folder = None
        if cache_dir and (os.path.isabs(cache_dir) or config.config_file_path):  # as Material's plugins place theirs
            folder = os.path.join(os.path.dirname(os.path.abspath(config.config_file_path or "")), cache_dir)
        found = self._read(config.docs_dir, fix_mojibake, pages, folder)
        if found.enabled:
            self.view = HistoryView(found.milestones, build_time(today=today), days, config.repo_url)

    def _read(self, docs_dir: str, fix_mojibake: bool, pages: Set[str] | None, cache_dir: str | None) -> RepoHistory:
        """Off (one info line) without git, partial (one warning, so --strict fails) in a shallow clone."""
        if os.path.isdir(docs_dir) and outside_git(docs_dir):  # no git process, no reader imported
            return self._note(docs_dir, RepoHistory(False, note=NOT_IN_GIT))
        from .history import HistoryReader

        if self.reader is None or self.reader.fix_mojibake != fix_mojibake or self.reader.cache_dir != cache_dir:
            self.reader = HistoryReader(fix_mojibake=fix_mojibake, cache_dir=cache_dir)
        try:
            result = self.reader.read(docs_dir, pages)
        except Exception as err:  # noqa: BLE001 - a bug of ours must not stop the build
            log.warning("mkdocs-milestones could not read the milestones' history from git (%s: %s); "
                        "the site is built without it. Please report this.", type(err).__name__, err)
            return RepoHistory(False, note=str(err))
        self._note(docs_dir, result)
        log.debug("history: %d commits, %d versions parsed in %.3f s%s", result.commits, result.versions_parsed,
                  self.reader.last_seconds, " (from the cache folder)" if self.reader.from_disk else "")
        return result

    def _note(self, docs_dir: str, result: RepoHistory) -> RepoHistory:
        """Say the history's note once per docs folder (``mkdocs serve``): a warning for a partial history."""
        if result.note and (docs_dir, result.note) != self.told:
            self.told = (docs_dir, result.note)
            if result.partial:
                log.warning("%s", result.note)
            else:
                log.info("%s; set `history: false` to silence this", result.note)
        return result

    def publish(self, entries: list[MilestoneEntry], files: Files, config: MkDocsConfig,
                feeds: tuple[str, ...]) -> dict[str, MilestoneHistory] | None:
        """The milestone pages' histories (for the export), and the feeds added to ``files``: once every
        page is converted (``on_env``); MkDocs copies the static files after that, so they are written."""
        histories = page_histories(entries, self.view.milestones) if self.view is not None else None
        if feeds:
            for path, content in feed_files(entries, histories, feeds=feeds, site_name=config.site_name,
                                            site_url=config.site_url, repo_url=config.repo_url, today=self.today).items():
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=content))
                else:
                    log.warning("docs/%s is the author's own; the generated %s is not written", path, path)
        return histories
