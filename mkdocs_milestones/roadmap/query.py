# SPDX-License-Identifier: MIT
"""Which milestones a roadmap view shows, and in what order (standard library only).

Order: status group (:data:`GROUP_ORDER`), priority (none last), Created (undated last), title, page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..dates import parse_date
from ..model import MilestoneEntry
from ..vocabulary import PRIORITIES, STATUSES

__all__ = ["GROUP_ORDER", "SECTIONS", "RoadmapFilter", "order_key", "plain", "status_of"]

SECTIONS: tuple[str, ...] = ("counters", "list", "graph", "timeline", "risks", "changed", "burnup")
"""The parts of a roadmap, in the order they appear (``changed`` and ``burnup`` need the git history)."""
GROUP_ORDER: tuple[str, ...] = ("in-progress", "pending", "blocked", "partial", "done", "failed", "cancelled", "unknown")
"""Status groups in the order the roadmap lists them."""
_PRIORITY_RANK = {p: i for i, p in enumerate(PRIORITIES)}
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK_RE = re.compile(r"(\*\*|__|`+|~~)")


def plain(text: str | None) -> str:
    """Author Markdown as plain text: links keep their words, emphasis and code marks go.

    >>> plain("**Auth** via [`OIDC`](https://x.org)")
    'Auth via OIDC'
    """
    if not text:
        return ""
    return _MD_MARK_RE.sub("", _MD_LINK_RE.sub(r"\1", text)).strip()


def status_of(entry: MilestoneEntry) -> str:
    """The milestone's status group: a canonical status or ``"unknown"``."""
    s = entry.milestone.status
    return s if s in STATUSES else "unknown"


def order_key(entry: MilestoneEntry) -> tuple[int, int, int, date, str, str]:
    """Roadmap order: status group, priority (none last), Created (undated last), title, page."""
    ms = entry.milestone
    created = parse_date(ms.created)
    return (
        GROUP_ORDER.index(status_of(entry)),
        _PRIORITY_RANK.get(ms.priority or "", len(PRIORITIES)),
        created is None,
        created or date.max,
        plain(ms.title).lower(),
        entry.key,
    )


@dataclass(frozen=True)
class RoadmapFilter:
    """Which milestones, and which parts, a roadmap view shows.

    Attributes:
        statuses: Canonical statuses (or ``"unknown"``) to keep; empty keeps all.
        priorities: Canonical priorities (or ``"none"``) to keep; empty keeps all.
        folders: Folder prefixes (``"backend/"``) of the source paths to keep; empty keeps all.
        sections: The parts to show (see :data:`SECTIONS`).
        limit: The most milestones shown (first in roadmap order), or None.
    """

    statuses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    sections: tuple[str, ...] = SECTIONS
    limit: int | None = None

    def matches(self, entry: MilestoneEntry) -> bool:
        """True when the milestone passes the status, priority and folder filters."""
        ms = entry.milestone
        if self.statuses and (ms.status if ms.status in STATUSES else "unknown") not in self.statuses:
            return False
        if self.priorities and (ms.priority or "none") not in self.priorities:
            return False
        return not self.folders or any(entry.page.startswith(f) for f in self.folders)

    def apply(self, entries: Iterable[MilestoneEntry]) -> list[MilestoneEntry]:
        """The matching milestones; with a limit, the first ``limit`` of them in roadmap order."""
        kept = [e for e in entries if self.matches(e)]
        if self.limit is not None:
            kept = sorted(kept, key=order_key)[: self.limit]
        return kept
