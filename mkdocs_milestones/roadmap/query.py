# SPDX-License-Identifier: MIT
"""Which milestones a roadmap view shows, and in what order (standard library only).

Order: status group (:data:`GROUP_ORDER`), priority (none last), Created (undated last), title, page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..dates import parse_date
from ..model import MilestoneEntry
from ..vocabulary import PRIORITIES, STATUSES

__all__ = ["GROUP_ORDER", "SECTIONS", "SORTS", "RoadmapFilter", "order_key", "owner_key", "plain", "status_of"]

SECTIONS: tuple[str, ...] = ("counters", "list", "graph", "timeline", "overdue", "risks", "changed", "burnup")
"""The parts of a roadmap, in the order they appear (``changed`` and ``burnup`` need the git history)."""
SORTS: tuple[str, ...] = ("priority", "target", "created", "title")
"""Orders of the rows within a status group: ``priority`` (the default: then Created, then title), ``target``
(the earliest due first, undated last), ``created`` (the oldest first), ``title``."""
GROUP_ORDER: tuple[str, ...] = ("in-progress", "pending", "blocked", "partial", "done", "failed", "cancelled", "unknown")
"""Status groups in the order the roadmap lists them."""
_PRIORITY_RANK = {p: i for i, p in enumerate(PRIORITIES)}
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK_RE = re.compile(r"(\*\*|__|`+|~~)")
_CODE_RE = re.compile(r"(`+[^`]*`+)")
_ANY_MARK_RE = re.compile(r"[\[&*_`~]")
"""What :func:`plain` may change besides the spaces at the ends: text without any of it is already plain."""


def plain(text: str | None) -> str:
    """Author Markdown as plain text: links keep their words, emphasis and code marks go, and character
    references outside code become the characters the page shows (``&amp;`` is ``&``, escaped again for
    wherever the text goes: HTML, XML, iCalendar, JSON).

    >>> plain("**Auth** via [`OIDC`](https://x.org)"), plain("R&amp;D &lt;b&gt; `&amp;`")
    ('Auth via OIDC', 'R&D <b> &amp;')
    """
    if not text:
        return ""
    if _ANY_MARK_RE.search(text) is None:  # most titles: nothing to take out (one scan instead of two substitutions)
        return text.strip()
    text = _MD_LINK_RE.sub(r"\1", text)
    if "&" in text:
        text = "".join(part if part.startswith("`") else html.unescape(part) for part in _CODE_RE.split(text))
    return _MD_MARK_RE.sub("", text).strip()


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


def owner_key(name: str) -> str:
    """An owner as a filter compares it: case folded, without the ``@`` of a handle.

    >>> owner_key("@Alice"), owner_key("Bob Smith")
    ('alice', 'bob smith')
    """
    return name.strip().lstrip("@").casefold()


def _sort_key(entry: MilestoneEntry, sort: str) -> tuple[object, ...]:
    ms = entry.milestone
    if sort == "target":
        return (GROUP_ORDER.index(status_of(entry)), ms.target is None, ms.target or date.max, *order_key(entry)[1:])
    if sort == "created":
        created = parse_date(ms.created)
        return (GROUP_ORDER.index(status_of(entry)), created is None, created or date.max, plain(ms.title).lower(), entry.key)
    if sort == "title":
        return (GROUP_ORDER.index(status_of(entry)), plain(ms.title).lower(), entry.key)
    return order_key(entry)


@dataclass(frozen=True)
class RoadmapFilter:
    """Which milestones, and which parts, a roadmap view shows.

    Attributes:
        statuses: Canonical statuses (or ``"unknown"``) to keep; empty keeps all.
        priorities: Canonical priorities (or ``"none"``) to keep; empty keeps all.
        folders: Folder prefixes (``"backend/"``) of the source paths to keep; empty keeps all.
        sections: The parts to show (see :data:`SECTIONS`).
        limit: The most milestones shown (first in roadmap order), or None.
        owners: Owners (:func:`owner_key`) to keep; empty keeps all.
        tags: Tags (case folded) to keep; empty keeps all.
        overdue: Keep only overdue milestones (True), only those that are not (False), or all (None).
        sort: The order of the rows (see :data:`SORTS`).
        today: The day overdue is measured against (without one, nothing is overdue).
    """

    statuses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    sections: tuple[str, ...] = SECTIONS
    limit: int | None = None
    owners: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    overdue: bool | None = None
    sort: str = "priority"
    today: date | None = None
    written: tuple[tuple[str, str], ...] = ()
    """``("owner:alice", "@Alice")``: the owner= and tag= values as the marker wrote them, for its warnings."""

    def matches(self, entry: MilestoneEntry) -> bool:
        """True when the milestone passes the status, priority, folder, owner, tag and overdue filters."""
        ms = entry.milestone
        if self.statuses and (ms.status if ms.status in STATUSES else "unknown") not in self.statuses:
            return False
        if self.priorities and (ms.priority or "none") not in self.priorities:
            return False
        if self.owners and not {owner_key(o) for o in ms.owners} & set(self.owners):
            return False
        if self.tags and not {x.casefold() for x in ms.tags} & set(self.tags):
            return False
        if self.overdue is not None and (ms.overdue_days(self.today) > 0) != self.overdue:
            return False
        return not self.folders or any(entry.page.startswith(f) for f in self.folders)

    def key(self, entry: MilestoneEntry) -> tuple[object, ...]:
        """The roadmap order of this view: status group, then :attr:`sort`."""
        return _sort_key(entry, self.sort)

    def apply(self, entries: Iterable[MilestoneEntry]) -> list[MilestoneEntry]:
        """The matching milestones; with a limit, the first ``limit`` of them in this view's order."""
        kept = [e for e in entries if self.matches(e)]
        if self.limit is not None:
            kept = sorted(kept, key=self.key)[: self.limit]
        return kept
