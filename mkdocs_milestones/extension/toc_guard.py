# SPDX-License-Identifier: MIT
"""toc's search for its ``[TOC]`` marker, skipped on a milestone page whose text holds none (issue 17).

Python-Markdown's ``toc`` looks for the marker by joining the text of every element below each element
(``"".join(c.itertext())`` for each one): the deeper the tree, the more it joins, and a milestone page is
deeper than its Markdown alone (collapsible phases, nested lists). The marker can only be replaced where an
element's own text holds it; when no element's text does, the search cannot find anything, so
:class:`TocMarkerGuard` (just before toc) blanks toc's marker for this conversion and
:class:`TocMarkerRestore` (just after) puts it back: the page is the same, the search is not run.
Pages that are not milestones are left to toc as they are.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown.treeprocessors import Treeprocessor

__all__ = ["TocMarkerGuard", "TocMarkerRestore", "restore_toc_marker"]


def restore_toc_marker(md: Any) -> None:
    """toc's marker as it was, if a guard blanked it (also at the next conversion's start, after an error)."""
    saved = getattr(md, "ms_toc_marker", None)
    if saved is not None:
        saved[0].marker = saved[1]
        md.ms_toc_marker = None


class TocMarkerGuard(Treeprocessor):
    """Blanks toc's marker for this conversion when no element's text holds it (a milestone page only)."""

    def run(self, root: etree.Element) -> None:
        md: Any = self.md
        restore_toc_marker(md)
        if getattr(md, "milestone", None) is None or "toc" not in md.treeprocessors:
            return
        toc = md.treeprocessors["toc"]
        marker = getattr(toc, "marker", None)
        if not isinstance(marker, str) or not marker:
            return
        for el in root.iter():
            if el.text and marker in el.text:
                return  # toc may replace it: its search runs
        toc.marker = ""
        md.ms_toc_marker = (toc, marker)


class TocMarkerRestore(Treeprocessor):
    """Puts toc's marker back just after toc ran."""

    def run(self, root: etree.Element) -> None:
        restore_toc_marker(self.md)
