# SPDX-License-Identifier: MIT
"""What the history holds: dated points per milestone, the changes between them, burn-up series.

Standard library only; :mod:`.git` fills these from the repository.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from ..model import Milestone, MilestoneEntry

__all__ = ["MARKDOWN_SUFFIXES", "Change", "HistoryPoint", "HistoryView", "MilestoneHistory", "PhaseState",
           "RepoHistory", "build_time", "commit_url", "entry_history_keys", "entry_identities", "history_keys", "newest_first", "page_histories", "recent_changes", "site_burnup"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The file names MkDocs reads as pages."""


def history_keys(page: str, milestones: Iterable[Milestone]) -> list[str]:
    r"""The history key of each of a file's milestones, in order: ``page`` for a milestone page's own, else
    ``page#<stable part>`` for one of a roadmap document's.

    The stable part survives edits of the heading: the milestone's id when it has one (``M1``, ``SIM-M5``),
    else the slug of its title, which the parser has cleared of status words. The heading's anchor
    (``m1-auth-in-progress``) changes with the status, so it serves only for links; a title that two
    milestones of one document share falls back to it.

    >>> from mkdocs_milestones.roadmap_doc import parse_milestones
    >>> history_keys("r.md", parse_milestones("## M1: Auth \u2014 In progress\n\n- [ ] a\n\n## Milestone: Billing (Planned)\n\n- [ ] b\n"))
    ['r.md#m1', 'r.md#billing']
    """
    from ..source import _slug

    out: list[str] = []
    taken: set[str] = set()
    for ms in milestones:
        if not ms.anchor:
            out.append(page)
            continue
        part = _slug(ms.id) if ms.id else _slug(ms.title)
        if not part or part in taken:
            part = ms.anchor
        taken.add(part)
        out.append(f"{page}#{part}")
    return out


def entry_identities(entries: Iterable[MilestoneEntry]) -> dict[str, str]:
    """What names each milestone across renames, by :attr:`MilestoneEntry.key`: a milestone page's id when no other
    milestone page shares it (``id:M2``: the page may be renamed, the id stays), else its history key
    (:func:`history_keys`: a roadmap document's milestone by its id or title). The calendar's UIDs and the badges'
    file names are made of it."""
    entries = list(entries)
    out = entry_history_keys(entries)
    own = {e.key: e.milestone.id.strip() for e in entries if not e.milestone.anchor and (e.milestone.id or "").strip()}
    folded = [i.casefold() for i in own.values()]
    out.update((key, "id:" + i) for key, i in own.items() if folded.count(i.casefold()) == 1)
    return out


def entry_history_keys(entries: Iterable[MilestoneEntry]) -> dict[str, str]:
    """:func:`history_keys` of the site's milestones: by :attr:`MilestoneEntry.key`."""
    by_page: dict[str, list[MilestoneEntry]] = {}
    for e in entries:
        by_page.setdefault(e.page, []).append(e)
    out: dict[str, str] = {}
    for page, group in by_page.items():
        group.sort(key=lambda e: e.milestone.line)
        out.update(zip((e.key for e in group), history_keys(page, (e.milestone for e in group))))
    return out


@dataclass(frozen=True)
class PhaseState:
    """A phase as one version of the file had it."""

    id: str
    title: str
    status: str | None


@dataclass(frozen=True)
class _Facts:
    """What one version of a milestone file says, as far as history needs it."""

    title: str
    status: str | None
    status_text: str
    checks_done: int
    checks_total: int
    phases: tuple[PhaseState, ...]

    @classmethod
    def of(cls, ms: Milestone) -> _Facts:
        return cls(
            ms.title, ms.status, ms.status_text, ms.checks_done, ms.checks_total,
            tuple(PhaseState(p.id, p.title, p.status) for p in ms.phases),
        )

    @functools.cached_property
    def _key(self) -> tuple[Any, ...]:
        return (self.status, self.checks_done, self.checks_total, tuple((p.id, p.status) for p in self.phases))

    def key(self) -> tuple[Any, ...]:
        """What a point is made of: two versions with the same key are one point."""
        return self._key


@dataclass(frozen=True)
class HistoryPoint:
    """A commit that changed a milestone's status, its check counts or a phase's status."""

    when: datetime
    """The commit date (committer date, UTC): when the change landed on the branch."""
    commit: str
    author: str
    subject: str
    path: str
    """The file's path in that commit, relative to the docs folder."""
    title: str
    status: str | None
    status_text: str
    checks_done: int
    checks_total: int
    phases: tuple[PhaseState, ...] = ()

    @property
    def day(self) -> date:
        return self.when.date()

    def to_dict(self) -> dict[str, Any]:
        """The point as ``milestones.json`` lists it."""
        return {
            "date": self.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "status": self.status,
            "checks_done": self.checks_done,
            "checks_total": self.checks_total,
            "commit": self.commit,
        }


@dataclass(frozen=True)
class Change:
    """One event of a milestone's history: created, a status change, or a phase done."""

    kind: str
    """``created``, ``status`` or ``phase-done``."""
    page: str
    """The milestone's key (:attr:`MilestoneHistory.page`)."""
    point: HistoryPoint
    before: str | None = None
    """The status before (``status``); None for ``created`` and ``phase-done``."""
    after: str | None = None
    """The status after (``created``, ``status``) or the phase's new status (``phase-done``)."""
    phase: PhaseState | None = None

    @property
    def when(self) -> datetime:
        return self.point.when


@dataclass
class MilestoneHistory:
    """The history of one milestone file, oldest point first."""

    page: str
    """The milestone's key: as read, its history key (:func:`history_keys`: the file's current path relative to
    the docs folder, or ``path#<id or title slug>`` for one of the milestones of a roadmap document); as
    :func:`page_histories` gives it, its :attr:`MilestoneEntry.key` (what links and the export use)."""
    points: list[HistoryPoint] = field(default_factory=list)
    partial: bool = False
    """True when the history starts at a shallow clone's boundary, not at the file's creation."""
    stable: str = ""
    """The history key (:func:`history_keys`), whatever :attr:`page` is: what feed ids, badge paths and
    calendar UIDs are made of, so they survive status and title edits."""

    cut: bool = False
    """True when :meth:`until` left later points out (commits after the build's ``today``)."""

    def __post_init__(self) -> None:
        if not self.stable:
            self.stable = self.page

    def until(self, now: datetime | None) -> MilestoneHistory:
        """The history as it stood at ``now`` (the build's time: the end of the ``today`` option's day): the points
        after it left out (``cut`` set); itself when none is. None: itself."""
        if now is None or not self.points or self.points[-1].when <= now:
            return self
        return MilestoneHistory(self.page, [p for p in self.points if p.when <= now], self.partial, self.stable, True)

    def changes(self) -> list[Change]:
        """Creation, status changes and phases done, oldest first.

        The first point of a partial history is where the clone starts, not an event, so it
        gives none.
        """
        out: list[Change] = []
        prev: HistoryPoint | None = None
        for p in self.points:
            if prev is None:
                if not self.partial:
                    out.append(Change("created", self.page, p, None, p.status))
            else:
                if p.status != prev.status:
                    out.append(Change("status", self.page, p, prev.status, p.status))
                was = {ph.id: ph.status for ph in prev.phases}
                for ph in p.phases:
                    if ph.status == "done" and was.get(ph.id) != "done":
                        out.append(Change("phase-done", self.page, p, None, ph.status, ph))
            prev = p
        return out

    def status_changes(self) -> list[Change]:
        """Only creation and status changes (what the feed lists)."""
        return [c for c in self.changes() if c.kind != "phase-done"]

    def burnup(self, current: Milestone | None = None, now: datetime | None = None) -> list[tuple[datetime, int, int]]:
        """``(when, checks_done, checks_total)`` at each point, in time order.

        Arguments:
            current: The milestone as the page shows it; when its counts differ from the last commit's
                (edits not committed yet, ``mkdocs serve``), they are added at ``now``, so the chart
                ends where the page's numbers are (not in a history :meth:`until` cut: those counts come
                from commits after ``now``).
            now: When that last point is.
        """
        out = [(p.when, p.checks_done, p.checks_total) for p in sorted(self.points, key=lambda p: p.when)]
        if current is not None and not self.cut and now is not None and (not out or out[-1][1:] != (current.checks_done, current.checks_total)):
            out.append((max(now, out[-1][0]) if out else now, current.checks_done, current.checks_total))
        return out

    def to_list(self) -> list[dict[str, Any]]:
        """The ``history`` list of ``milestones.json``."""
        return [p.to_dict() for p in self.points]


@dataclass
class RepoHistory:
    """The result of one read: every milestone's history, or why there is none."""

    enabled: bool
    milestones: dict[str, MilestoneHistory] = field(default_factory=dict)
    head: str | None = None
    partial: bool = False
    """A shallow clone: histories may be cut (see :attr:`MilestoneHistory.partial`)."""
    note: str | None = None
    """Why history is off (``enabled`` false), or that it is partial and how to fetch the rest."""
    commits: int = 0
    """Commits of the docs folder read by ``git log``."""
    versions_parsed: int = 0
    """File versions parsed by this read (the others came from the cache)."""

    def get(self, page: str) -> MilestoneHistory | None:
        return self.milestones.get(page)


def build_time(environ: Mapping[str, str] = os.environ, today: date | None = None) -> datetime:
    """The build's time, in UTC: the end of ``today`` (the plugin's ``today`` option: the same day overdue is
    measured against), else ``SOURCE_DATE_EPOCH`` (reproducible builds) when it is a whole number, else now.

    >>> build_time({"SOURCE_DATE_EPOCH": "1736164800"}).isoformat()
    '2025-01-06T12:00:00+00:00'
    >>> build_time({}, today=date(2026, 12, 6)).isoformat()
    '2026-12-06T23:59:59+00:00'
    """
    if today is not None:
        return datetime(today.year, today.month, today.day, 23, 59, 59, tzinfo=timezone.utc)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class HistoryView:
    """What a host gives the pages of the history: a milestone page's section, the roadmap's block."""

    milestones: Mapping[str, MilestoneHistory]
    """Histories by milestone key (a page path from the docs folder, ``path#anchor`` in a roadmap document)."""
    now: datetime
    """The build's time (``SOURCE_DATE_EPOCH`` when set): the end of the charts and of "Changed in the last N days"."""
    days: int = 30
    """The period of "Changed in the last N days"."""
    repo_url: str | None = None
    """The repository's web page, for commit links."""


def page_histories(entries: Iterable[MilestoneEntry], histories: Mapping[str, MilestoneHistory]) -> dict[str, MilestoneHistory]:
    """The histories of the milestones among ``entries``, by :attr:`MilestoneEntry.key` (and with it as their
    :attr:`~MilestoneHistory.page`): a milestone page's (its path), and each milestone of a roadmap document
    (found by its history key, :func:`history_keys`, from that file's history)."""
    out: dict[str, MilestoneHistory] = {}
    for key, stable in entry_history_keys(entries).items():
        h = histories.get(stable)
        if h is not None:
            out[key] = h if h.page == key else MilestoneHistory(key, h.points, h.partial, h.stable)
    return out


def newest_first(changes: Iterable[Change]) -> list[Change]:
    """``changes`` newest first; within one commit and milestone, the status change before the phases it
    finished (as the feed lists them): the one order of the page's "History" and the roadmap's "Changed"."""
    return sorted(changes, key=lambda c: (c.when, c.page, c.kind != "phase-done"), reverse=True)


def recent_changes(histories: Iterable[MilestoneHistory], since: datetime, until: datetime | None = None) -> list[Change]:
    """Every change from ``since`` to ``until`` (both included), newest first (for "Changed in the last N days").

    Arguments:
        histories: The milestones' histories.
        since: An aware datetime; changes before it are left out.
        until: The end of the period (the build's time: the ``today`` option's day ends it); changes after it
            are left out. None: no end.
    """
    return newest_first(c for h in histories for c in h.changes() if c.when >= since and (until is None or c.when <= until))


def site_burnup(
    histories: Iterable[MilestoneHistory],
    current: Mapping[str, Milestone] | None = None,
    now: datetime | None = None,
) -> list[tuple[datetime, int, int]]:
    """Checks done and total over every milestone, at each moment one of them changed.

    Each milestone counts with its latest point at or before that moment (nothing before its first);
    with ``current`` (the pages' own milestones, by page) and ``now``, a page whose counts differ from
    its last commit adds them at ``now``, as :meth:`MilestoneHistory.burnup` does.
    """
    events: list[tuple[datetime, str, int, int]] = []
    for h in histories:
        own = current.get(h.page) if current is not None else None
        events += [(when, h.page, done, total) for when, done, total in h.burnup(own, now)]
    events.sort(key=lambda e: e[0])
    latest: dict[str, tuple[int, int]] = {}
    out: list[tuple[datetime, int, int]] = []
    all_done = all_total = 0  # running sums: one step per event, however many milestones
    for when, page, done, total in events:
        was_done, was_total = latest.get(page, (0, 0))
        latest[page] = (done, total)
        all_done, all_total = all_done + done - was_done, all_total + total - was_total
        point = (when, all_done, all_total)
        if out and out[-1][0] == when:
            out[-1] = point
        else:
            out.append(point)
    return out


def commit_url(repo_url: str | None, commit: str) -> str | None:
    """The web page of ``commit`` on the host of ``repo_url`` (GitHub, GitLab, Gitea, Bitbucket...).

    >>> commit_url("https://github.com/o/r/", "abc123"), commit_url("https://bitbucket.org/o/r", "abc")
    ('https://github.com/o/r/commit/abc123', 'https://bitbucket.org/o/r/commits/abc')
    >>> commit_url(None, "abc") is None, commit_url("https://gitlab.com/g/p.git", "abc")
    (True, 'https://gitlab.com/g/p/-/commit/abc')
    """
    if not repo_url or not commit:
        return None
    base = repo_url.strip().rstrip("/")
    if base.endswith(".git"):
        base = base[:-4]
    if "bitbucket.org" in base:
        return f"{base}/commits/{commit}"
    if "gitlab" in base:
        return f"{base}/-/commit/{commit}"
    return f"{base}/commit/{commit}"
