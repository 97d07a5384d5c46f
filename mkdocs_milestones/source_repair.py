# SPDX-License-Identifier: MIT
"""The MkDocs plugin's mojibake repair of page sources, within the ``fix_mojibake`` scope.

A mixin of :class:`~mkdocs_milestones.plugin.MilestonesPlugin`: it uses the plugin's ``config``,
``cache`` (results by content, across ``mkdocs serve`` rebuilds), ``offsets`` and ``repaired_at_read``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority, get_plugin_logger

from .extension.cache import digest, in_scope_repaired
from .site import front_matter_lines, repair_in_scope

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

__all__ = ["SourceRepair"]

log = get_plugin_logger("milestones")


class SourceRepair:
    config: Any
    cache: Any
    offsets: dict[str, int]
    repaired_at_read: set[str]

    @event_priority(100)  # first: a later plugin that returns a source of its own still has the last word, as over MkDocs' read
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Repair the page's source before MkDocs or any plugin reads it (title and front matter too),
        within the ``fix_mojibake`` scope (:func:`~mkdocs_milestones.site.repair_in_scope`).

        The text read here is handed on even when nothing was repaired: MkDocs would otherwise open and
        decode the file a second time (``File.content_string`` does not keep it), once per page of the site."""
        try:
            raw = page.file.content_string
        except (OSError, UnicodeDecodeError):
            return None  # MkDocs reports it
        self.offsets[page.file.src_uri] = front_matter_lines(raw)
        if not self.config.fix_mojibake or page.file.generated_by:
            return raw
        from .mojibake import repairable

        if not repairable(raw):
            return raw  # nothing any repair starts from (most pages): one scan, cheaper than the cache's key
        scope = self.config.fix_mojibake
        fixed, repairs = self.cache.get("repair", digest(scope, raw), lambda: in_scope_repaired(raw, scope))
        if not repairs:
            return raw
        self.repaired_at_read.add(page.file.src_uri)
        self._log_repairs(page.file.src_uri, repairs, 0)
        return fixed

    @staticmethod
    def _log_repairs(uri: str, repairs: list[Any], offset: int) -> None:
        for r in repairs:
            log.debug("%s:%d: repaired mojibake %r -> %r", uri, r.line + offset, r.original, r.fixed)
        log.info("%s: repaired %d mojibake sequence%s", uri, len(repairs), "" if len(repairs) == 1 else "s")

    def _repair_by_meta(self, markdown: str, page: Page) -> str:
        """A page that only its meta makes a milestone (``milestone: true`` in a ``.meta.yml`` that
        Material's meta plugin merged): its source was read before that meta was known, so it is
        repaired here, before this plugin converts it (other plugins' on_page_markdown saw it as written)."""
        uri = page.file.src_uri
        if (self.config.fix_mojibake != "milestones" or uri in self.repaired_at_read
                or page.file.generated_by or not isinstance(page.meta, dict)
                or page.meta.get("milestone") is not True):
            return markdown
        fixed, repairs = repair_in_scope(markdown, "milestones", page.meta)
        if repairs:
            self._log_repairs(uri, repairs, self.offsets.get(uri, 0))
        return fixed
