# SPDX-License-Identifier: MIT
"""Which page the extension renders: one :class:`PageContext`, from one provider per host.

* the MkDocs plugin passes its own provider (``MilestonesExtension(provider=...)``);
* on Zensical, :func:`~mkdocs_milestones.hosts.zensical.zensical_context` reads the page it exposes;
* plain Python-Markdown gets :func:`plain_context` (no file; ``md.Meta`` when the ``meta`` extension runs).

The context is taken once per conversion (preprocessor ``ms_context``) and kept as ``md.milestone_context``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown import Markdown

    from ..history import HistoryView
    from ..model import Milestone, MilestoneEntry

__all__ = ["ContextProvider", "PageContext", "plain_context"]


@dataclass(frozen=True)
class PageContext:
    """What a host tells the extension about the page it converts."""

    file: str | None = None
    """The page's path from the docs folder, for ``file:line`` diagnostics (None: ``<markdown>``)."""
    url: str = ""
    """The page's URL in the site; roadmap links are made relative to it."""
    line_offset: int = 0
    """Source lines before the converted text (front matter the host split off)."""
    meta: Mapping[str, Any] | None = None
    """Front matter the host split off (``milestone: true``, ``depends_on``, ``status``)."""
    meta_lines: Mapping[str, int] | None = None
    """The source line of each key of ``meta`` (:func:`~mkdocs_milestones.source.front_matter_keys`): a
    problem with a front matter value is reported at its own line."""
    host: str = "markdown"
    """``markdown`` (plain Python-Markdown), ``mkdocs`` (the plugin) or ``zensical``."""
    docs_dir: str | None = None
    """The docs folder, when the host exposes it (Zensical)."""
    roadmap: Callable[[], Sequence[MilestoneEntry] | None] | None = None
    """Every milestone of the site, for ``<!-- milestones -->`` markers; None: not known to this host."""
    defer_markers: bool = False
    """The host fills markers itself once every page is converted (the plugin converts the page again)."""
    parsed: tuple[str, Milestone | None] | None = None
    """``(text, milestone)`` from an earlier conversion of this page: reused when the text is the same."""
    history: HistoryView | None = None
    """The milestones' git history, when the host read it: a milestone page gets its "History"
    section, a roadmap marker "Changed in the last N days" and the burn-up."""
    defer_graph: bool = False
    """The host puts each phase graph into the page itself, after its search index has read the page: the
    conversion leaves a comment ``<!-- milestones-graph ID -->`` and ``md.milestone_graphs`` maps it to the markup."""
    report: bool = True
    """Log the document's problems. False for conversions that are not a page's own (a blog excerpt,
    another plugin's snippet): the page's conversion reports them once."""

    @property
    def first_line(self) -> int:
        """The source line number of the converted text's first line."""
        return 1 + self.line_offset


ContextProvider = Callable[["Markdown"], PageContext]
"""A host's provider: the context of the page the given ``Markdown`` instance is about to convert."""


def plain_context(md: Markdown) -> PageContext:
    """Plain Python-Markdown: no page, no site; ``milestone: true`` from the ``meta`` extension if it ran."""
    meta = getattr(md, "Meta", None)
    if meta and "milestone" in meta and [v.lower() for v in meta["milestone"]] == ["true"]:
        return PageContext(meta={"milestone": True})
    return PageContext()
