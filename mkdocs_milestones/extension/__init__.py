# SPDX-License-Identifier: MIT
"""The Python-Markdown adapter: everything that concerns one milestone page.

>>> import markdown
>>> html = markdown.markdown("# MILESTONE: Demo\\n**Status**: WIP\\n", extensions=["mkdocs_milestones"])
>>> 'class="ms-card"' in html and 'data-status="in-progress"' in html
True
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from datetime import date
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension

from ..dates import build_today
from ..graph import build_phase_graph
from ..hosts.zensical import zensical_context
from ..i18n import text as t
from ..model import Diagnostic, Milestone
from ..render.mermaid import render_mermaid
from ..render.svg import graph_digest, graph_key, render_graph_svg
from ..site import mojibake_scope
from .cache import RenderCache
from .config import ASSET_CSS, GRAPH_VALUES, OPEN_PHASE_VALUES, assets_html, check_config, config_link_rules, default_config
from .context import ContextProvider, PageContext, plain_context
from .links import LinkTreeprocessor
from .lists import TightListProcessor
from .plain import PlainTextTreeprocessor
from .preprocessors import ContextPreprocessor, MarkerPreprocessor, ParsePreprocessor, RepairPreprocessor, context_of, reset_results
from .render import RenderTreeprocessor
from .sanitize import SanitizeTreeprocessor
from .search_view import SearchMarksTreeprocessor
from .toc_guard import TocMarkerGuard, TocMarkerRestore

if TYPE_CHECKING:
    from markdown import Markdown

__all__ = [
    "ASSET_CSS",
    "GRAPH_VALUES",
    "OPEN_PHASE_VALUES",
    "MilestoneError",
    "MilestonesExtension",
    "PageContext",
    "assets_html",
    "makeExtension",
]

log = logging.getLogger("mkdocs.plugins.milestones")


class MilestoneError(Exception):
    """Raised in ``strict`` mode when a milestone document has problems."""


class MilestonesExtension(Extension):
    """Renders milestone documents: badges, a header card, progress, collapsible phases.

    Registers, in ``extendMarkdown``:

    * preprocessor ``ms_context`` (priority 36): the page context, before everything of ours;
    * preprocessor ``ms_repair`` (35): mojibake repair, before ``normalize_whitespace`` (30);
    * preprocessor ``ms_parse`` (29): the one parse, after ``normalize_whitespace`` (30) and
      ``pymdownx.snippets`` (32), before ``fenced_code_block`` (25) and ``html_block`` (20);
    * preprocessor ``ms_markers`` (27): roadmap markers, before ``html_block`` (20);
    * block processor ``ms_lists`` (40.5): a milestone page's simple list blocks, built directly, just
      before ``olist`` (40) and ``ulist`` (30) would claim them (:mod:`.lists`);
    * treeprocessor ``ms_render`` (25): the page's structure, before ``inline`` (20) so text is still Markdown;
    * treeprocessor ``ms_links`` (17): issue references, after ``inline`` (20) made links and code elements;
    * treeprocessor ``ms_sanitize`` (15): after ``inline`` (20), before ``toc`` (5);
    * treeprocessor ``ms_search_marks`` (-50): last; with ``PageContext.defer_graph`` only, brackets the
      chrome a host's search need not index (:mod:`.search_view`);
    * the ``tables`` and ``fenced_code`` extensions when the host has not enabled them.

    Arguments:
        provider: Tells the extension which page it converts (the MkDocs plugin passes its own);
            without one, Zensical's page context is read when present, else plain defaults.
        **kwargs: The options (see ``self.config``).
    """

    def __init__(self, provider: ContextProvider | None = None, **kwargs: Any) -> None:
        self.config = default_config()
        super().__init__(**kwargs)
        self.provider = provider
        self._today: date | None = None  # today(), for the conversion in progress
        self.cache = RenderCache()
        """Parse and render results by content; the MkDocs plugin hands in its own, which outlives serve rebuilds."""
        check_config(self.getConfig)
        self.rules = config_link_rules(self.getConfig)
        """Where issue references link (``repo_url``, ``links``): the page's links and the export's are these."""

    def setConfig(self, key: str, value: Any) -> None:
        """Python-Markdown's own check, with the option's name in the error; a bool option takes a bool or a
        word Python-Markdown reads as one (``"true"``, ``"off"`` ...), not any value that happens to be truthy.
        ``fix_mojibake`` is stored as its scope: ``"milestones"`` (also true), ``"all"`` or False."""
        self._today = None  # ``today`` may be the option set
        if key == "fix_mojibake":
            try:
                value = mojibake_scope(value)
            except ValueError as exc:
                raise ValueError(f"milestones: fix_mojibake: {exc}") from None
        if key in self.config and isinstance(self.config[key][0], bool) and not isinstance(value, (bool, str)):
            raise ValueError(f"milestones: {key} must be true or false; got {value!r}")
        try:
            super().setConfig(key, value)
        except ValueError as exc:
            raise ValueError(f"milestones: {key} must be true or false; got {value!r}") from exc

    def page_context(self, md: Markdown) -> PageContext:
        """The context of the page ``md`` is about to convert, from the host's provider."""
        if self.provider is not None:
            return self.provider(md)
        return zensical_context(md, fix_mojibake=self.getConfig("fix_mojibake")) or plain_context(md)

    def today(self) -> date:
        """The day overdue is measured against: the ``today`` option, else SOURCE_DATE_EPOCH's date, else today (UTC).

        Read once per conversion (each phase of a page asks): the context step of the next conversion forgets it."""
        if self._today is None:
            self._today = build_today(self.getConfig("today"))
        return self._today

    def append_assets(self, md: Markdown, root: etree.Element) -> None:
        """The inline stylesheet and script, once, at the end of the page."""
        holder = etree.SubElement(root, "div", {"class": "ms-assets"})
        holder.text = md.htmlStash.store(assets_html())

    def inline_assets(self, ctx: PageContext) -> bool:
        """Whether to put the stylesheet (and script) in the page itself."""
        mode = self.getConfig("inline_assets")
        if mode == "auto":
            return ctx.host == "zensical" and ctx.file is not None and ctx.docs_dir is not None
        return bool(mode)

    def report(self, diagnostics: list[Diagnostic]) -> None:
        """Log each diagnostic once; raise in strict mode."""
        if self.getConfig("report"):
            for d in diagnostics:
                log.warning("%s", d)
        if diagnostics and self.getConfig("strict"):
            raise MilestoneError("\n".join(str(d) for d in diagnostics))

    def internal_error(self, md: Markdown, err: Exception) -> None:
        """A bug of ours on one page: warn (with the page) and let the page render as plain Markdown."""
        file = getattr(md, "milestone_context", None) and md.milestone_context.file  # type: ignore[attr-defined]
        log.warning(
            "%s: mkdocs-milestones could not render this milestone page (%s: %s); it is shown as plain Markdown. "
            "Please report this with the page attached.",
            file or "<markdown>", type(err).__name__, err,
        )
        log.debug("traceback", exc_info=err)

    def graph_html(self, md: Markdown, ms: Milestone) -> etree.Element | None:
        """The phase graph as a paragraph holding a stash placeholder (the SVG goes in raw), or None."""
        mode = self.getConfig("graph")
        if mode == "none" or len(ms.phases) < 2:
            return None
        graph = ms.phase_graph if ms.phase_graph is not None else build_phase_graph(ms)[0]
        label = t("graph.phases", title=ms.title)
        # Drawn once per distinct graph (the key is what the drawing reads), not once per conversion.
        key = graph_key(graph, label, "phase")
        digest = graph_digest(graph, label, "phase", key=key)
        if mode == "mermaid":
            markup = self.cache.get("mermaid", key, lambda: render_mermaid(graph))
        else:
            markup = self.cache.get("svg", key, lambda: render_graph_svg(graph, label=label, kind="phase", digest=digest))
        if context_of(md).defer_graph:
            # The host fills it in after search has indexed the page: the picture's labels repeat the
            # phase titles (one hit per phase, not two) and the SVG is most of the page's tags.
            slot = f"<!-- milestones-graph {digest} -->"
            md.milestone_graphs[slot] = markup  # type: ignore[attr-defined]
            markup = slot
        holder = etree.Element("p")
        holder.text = md.htmlStash.store(markup)
        return holder

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "table" not in md.parser.blockprocessors:
            md.registerExtensions(["tables"], {})
        if "fenced_code_block" not in md.preprocessors:
            md.registerExtensions(["fenced_code"], {})
        # First of ours: which page this is; clears the previous document's results.
        md.preprocessors.register(ContextPreprocessor(md, self), "ms_context", 36)
        if mojibake_scope(self.getConfig("fix_mojibake")):
            # Before normalize_whitespace (30): nothing else has read the text yet.
            md.preprocessors.register(RepairPreprocessor(md, self), "ms_repair", 35)
        # After normalize_whitespace (30) and snippets (32); before fenced_code_block (25) and
        # html_block (20), which would hide the lines we normalise.
        md.preprocessors.register(ParsePreprocessor(md, self), "ms_parse", 29)
        # After ms_parse (29) read the original lines; before html_block (20) stashes raw HTML.
        md.preprocessors.register(MarkerPreprocessor(md, self), "ms_markers", 27)
        # Just above olist (40) and ulist (30), below hr (50) and everything else that reads a list's first line:
        # on a milestone page, the list blocks it can prove simple become elements without the parser's recursion.
        md.parser.blockprocessors.register(TightListProcessor(md.parser, md), "ms_lists", 40.5)
        # Before inline (20): element text is still Markdown; after the block parser built tables.
        md.treeprocessors.register(RenderTreeprocessor(md, self), "ms_render", 25)
        # Just before inline (20), after every tree processor that adds text: a milestone page's text that no
        # inline pattern can match skips the inline pass (plain.py).
        md.treeprocessors.register(PlainTextTreeprocessor(md), "ms_plain", 20.5)
        # After inline (20): links (magiclink's too) and code are elements, skipped; before ms_sanitize (15).
        md.treeprocessors.register(LinkTreeprocessor(md, self.rules), "ms_links", 17)
        # After inline (20), before toc (5) and MkDocs' title extraction (-1).
        md.treeprocessors.register(SanitizeTreeprocessor(md), "ms_sanitize", 15)
        # Around toc (5): its marker search is skipped on a milestone page without the marker (toc_guard.py).
        md.treeprocessors.register(TocMarkerGuard(md), "ms_toc_guard", 5.5)
        md.treeprocessors.register(TocMarkerRestore(md), "ms_toc_restore", 4.5)
        # Last, after toc (5), MkDocs' relpath (0) and title (1): no other tree processor meets its comments.
        md.treeprocessors.register(SearchMarksTreeprocessor(md), "ms_search_marks", -50)
        # One instance may serve several Markdown objects (the MkDocs plugin shares one): ``md.reset()``
        # calls ``reset()`` on every registered extension, so each ``md`` gets its own hook bound to itself
        # rather than this instance remembering the last ``md`` it extended.
        md.registeredExtensions.append(_ResetHook(md))
        reset_results(md)


class _ResetHook:
    """Clears one ``Markdown``'s per-document results (``md.milestone`` ...) on ``md.reset()``,
    as ``toc`` clears ``md.toc_tokens``."""

    def __init__(self, md: Markdown) -> None:
        self.md = md

    def reset(self) -> None:
        reset_results(self.md)


def makeExtension(**kwargs: Any) -> MilestonesExtension:  # noqa: N802 - Python-Markdown's name
    return MilestonesExtension(**kwargs)
