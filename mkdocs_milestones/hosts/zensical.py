# SPDX-License-Identifier: MIT
"""Zensical: the page context from its ``rendering_context`` preprocessor.

Zensical strips front matter before Python-Markdown sees the text and renders each page with a
fresh ``Markdown``; its context names the page, its front matter and the docs folder. Markers are
filled from the docs folder (:func:`~mkdocs_milestones.site.collect_milestones`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..extension.context import PageContext
from ..site import collect_milestones, front_matter_lines, read_docs_dir
from ..source import front_matter_keys

if TYPE_CHECKING:
    from markdown import Markdown

__all__ = ["zensical_context"]


def zensical_context(md: Markdown, *, fix_mojibake: object = "milestones") -> PageContext | None:
    """The page Zensical renders, or None when ``md`` is not Zensical's (or names no page)."""
    ctx = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
    page = getattr(ctx, "page", None)
    if page is None:
        return None
    try:
        path = str(getattr(page, "path", "") or "") or None
        meta = getattr(page, "meta", None)
        config: Any = getattr(ctx, "config", None) or {}
        docs_dir = config.get("docs_dir") if hasattr(config, "get") else None
        if docs_dir and not os.path.isabs(str(docs_dir)) and hasattr(config, "get") and config.get("root_dir"):
            docs_dir = os.path.join(str(config.get("root_dir")), str(docs_dir))
        url = str(getattr(page, "url", "") or "")
    except Exception:  # noqa: BLE001 - an unknown host version: render without page context
        return None
    docs = str(docs_dir) if docs_dir else None
    offset, keys = 0, None
    if path and docs:
        try:
            with open(os.path.join(docs, path), encoding="utf-8-sig") as fh:
                source = fh.read()
            offset, keys = front_matter_lines(source), front_matter_keys(source)
        except OSError:
            offset = 0

    def roadmap() -> list[Any] | None:
        if not docs:
            return None
        return collect_milestones(read_docs_dir(docs), fix_mojibake=fix_mojibake)

    return PageContext(
        file=path, url=url, line_offset=offset, meta=dict(meta) if isinstance(meta, dict) else None, meta_lines=keys,
        host="zensical", docs_dir=docs, roadmap=roadmap,
    )
