# SPDX-License-Identifier: MIT
"""What the MkDocs plugin keeps per page between its events and across builds (``mkdocs serve``, ``--dirty``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from .roadmap_doc import may_hold_milestones, parse_milestones
from .site import front_matter_lines, repair_in_scope
from .source import front_matter_keys

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from .model import Milestone, MilestoneEntry

__all__ = ["Converting", "PageModel", "note_source_lines", "read_unconverted", "stale_marker_pages"]

log = get_plugin_logger("milestones")


@dataclass
class PageModel:
    """What one page's conversion found, kept for the roadmap and the export (and the next ``--dirty`` build)."""

    url: str
    milestones: list[Milestone]
    page: str
    """The page's identity in the site (``src_uri``; under static-i18n its path without the language)."""
    markers: int = 0
    source: str | None = None
    """The text the page parsed, kept for pages with markers (their second conversion reuses the parse)."""


@dataclass
class Converting:
    """The page being converted, and the ``Markdown`` instance that converts it (the first to ask)."""

    page: Page
    md: Markdown | None = None
    entries: list[MilestoneEntry] | None = None
    """Every milestone of the build, once known (the second conversion of a page with markers)."""
    parsed: tuple[str, Milestone | None] | None = None


def stale_marker_pages(files: Files, previous: dict[str, PageModel], key: Callable[[File], str], *, dirty: bool) -> None:
    """Make MkDocs convert and write again the pages with ``<!-- milestones -->`` markers, unchanged or not.

    ``previous`` holds the earlier builds' models of this language's pages; in the first ``--dirty``
    build of a process there are none, and the sources are searched for markers instead.
    """
    known = {k for k, m in previous.items() if m.markers}
    if not known and not dirty:
        return
    for f in files.documentation_pages():
        if f.generated_by or f.abs_src_path is None:
            continue
        if key(f) not in known and previous:
            continue
        if not previous:  # the first --dirty build of this process (or language): look for markers in the source
            try:
                text = f.content_string
            except (OSError, UnicodeDecodeError):
                continue
            if "<!--" not in text or "milestones" not in text:
                continue
        if os.path.isfile(f.abs_dest_path):
            os.utime(f.abs_dest_path, (0, 0))  # older than its source: MkDocs converts and writes it


def note_source_lines(page: Page, offsets: dict[str, int], meta_lines: dict[str, dict[str, int]]) -> None:
    """Read once per build from the page's source: where its Markdown starts (the lines its front matter takes)
    and, for a page whose front matter holds a target (the one value warned about at its key's line), each
    key's line. A page whose source MkDocs did not read (blog posts) is read here."""
    src = page.file.src_uri
    keys = src not in meta_lines and bool(page.meta) and ("target" in page.meta or "due" in page.meta)
    if src in offsets and not keys:
        return
    try:
        text = page.file.content_string
        offsets.setdefault(src, front_matter_lines(text))
        if keys:
            meta_lines[src] = front_matter_keys(text)
    except (OSError, UnicodeDecodeError, TypeError):
        offsets.setdefault(src, 0)
        meta_lines.setdefault(src, {})


def read_unconverted(f: File, fix_mojibake: object, page_id: str) -> PageModel | None:
    """A page ``--dirty`` skipped in the first build of this process: parsed from its source, once."""
    try:
        raw = f.content_string
        if not may_hold_milestones(raw):
            return None
        raw = repair_in_scope(raw, fix_mojibake)[0]
        found = parse_milestones(raw, file=f.src_uri)
    except Exception as err:  # noqa: BLE001 - a bug of ours: the page is left out, the build goes on
        log.warning("%s: mkdocs-milestones could not read this milestone (%s: %s)", f.src_uri, type(err).__name__, err)
        return None
    assert f.page is not None
    return PageModel(f.page.url, found, page_id)
