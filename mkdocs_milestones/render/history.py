# SPDX-License-Identifier: MIT
"""History as HTML: a milestone page's "History" section and the roadmap's "Changed in the last N days".

Standard library only; both take the histories read by :mod:`mkdocs_milestones.history` and return
one HTML block without blank lines (so a Markdown page can carry it as a raw HTML block). Status
changes show the badges of the milestone pages; dates are ``<time>`` elements; commit links are
built by :func:`~mkdocs_milestones.history.commit_url` and kept only when
:func:`~mkdocs_milestones.render.markup.safe_url` accepts them; author text is escaped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta

from ..history import Change, MilestoneHistory, commit_url, newest_first, page_histories, recent_changes, site_burnup
from ..i18n import text as t
from ..model import Milestone, MilestoneEntry
from ..roadmap.query import plain
from ..vocabulary import STATUS_WORDS
from .markup import esc, safe_url
from .roadmap import relative_url

__all__ = ["render_changed", "render_history_section", "render_roadmap_history"]


def _badge(status: str | None) -> str:
    canon = status if status in STATUS_WORDS else "unknown"
    return _badge_html(canon, t(f"status.{canon}"))


@functools.lru_cache(maxsize=256)
def _badge_html(canon: str, label: str) -> str:
    return f'<span class="ms-badge ms-status" data-status="{esc(canon)}" title="{esc(label)}">{esc(label)}</span>'


def _commit(change: Change, repo_url: str | None) -> str:
    sha = change.point.commit
    code = f"<code>{esc(sha[:7])}</code>"
    href = commit_url(repo_url, sha)
    subject = esc(change.point.subject)
    if href and safe_url(href):
        return f'<a class="ms-history-commit" href="{esc(href)}" title="{subject}">{code}</a>'
    return f'<span class="ms-history-commit" title="{subject}">{code}</span>'


def _what(change: Change) -> str:
    if change.kind == "created":
        return esc(t("history.created")).format(status=_badge(change.after))
    if change.kind == "phase-done" and change.phase is not None:
        return esc(t("history.phase")).format(id=esc(change.phase.id), status=_badge("done"),
                                              title=f'<span class="ms-history-phase">{esc(change.phase.title)}</span>')
    return f"{_badge(change.before)} \u2192 {_badge(change.after)}"


def _time(change: Change) -> str:
    day = change.when.date().isoformat()
    return f'<time datetime="{day}">{day}</time>'


def render_history_section(
    history: MilestoneHistory | None,
    *,
    title: str = "",
    repo_url: str | None = None,
    heading: str | None = "",
    level: int = 2,
    today: date | None = None,
    limit: int = 50,
    current: Milestone | None = None,
    now: datetime | None = None,
) -> str:
    """A milestone page's "History": its burn-up and its changes, newest first; "" without history.

    Arguments:
        history: The milestone's history.
        title: The milestone's plain-text title, for the chart's title.
        repo_url: The repository's web page, for commit links.
        heading: The section's heading text ("": the active language's "History"; None: none, the page writes
            its own); level its ``<hN>``.
        today: Passed to the burn-up (None keeps the output independent of the build date).
        limit: The most changes listed (the newest); the rest are counted.
        current: The page's own milestone: its counts end the chart (at ``now``) when they differ from
            the last commit's (edits not committed yet).
        now: The build's time, for that last point; the points after it (commits after the ``today`` option's
            day) are left out.
    """
    if history is not None:
        history = history.until(now)  # the ``today`` option ends the history: later commits are not shown
    if history is None or not history.points:
        return ""
    from .burnup import render_burnup  # drawn only where there is a history (not in a build outside git)

    changes = newest_first(history.changes())
    out = ['<section class="ms-history">']
    if heading is not None:
        out.append(f'<h{level} class="ms-history-heading">{esc(heading or t("history.title"))}</h{level}>')
    out.append(render_burnup(history.burnup(current, now), title=title, today=today))
    if changes:
        out.append('<ol class="ms-history-list">')
        for change in changes[:limit]:
            out.append(
                f'<li class="ms-history-item" data-kind="{esc(change.kind)}">{_time(change)} {_what(change)} '
                f"{_commit(change, repo_url)}</li>"
            )
        out.append("</ol>")
        if len(changes) > limit:
            out.append(f'<p class="ms-history-more">{esc(t("history.more", n=len(changes) - limit))}</p>')
    else:
        out.append(f'<p class="ms-history-empty">{esc(t("history.empty"))}</p>')
    if history.partial:
        since = history.points[0].when.date().isoformat()
        out.append(f'<p class="ms-history-partial">{esc(t("history.partial", date=since))}</p>')
    out.append("</section>")
    return "".join(out)


def render_changed(
    changes: Sequence[Change],
    *,
    days: int,
    href: Callable[[str], str | None],
    title: Callable[[str], str],
    repo_url: str | None = None,
    heading_level: int = 2,
    limit: int = 100,
) -> str:
    """The roadmap's "Changed in the last N days": status changes and phases done, newest first.

    Arguments:
        changes: :func:`~mkdocs_milestones.history.recent_changes` for the period.
        days: The period, for the heading.
        href: The (relative) link to a milestone, by its key; None for no link.
        title: A milestone's plain-text title, by its key.
        repo_url: The repository's web page, for commit links.
        heading_level: The heading's ``<hN>``.
        limit: The most changes listed; the rest are counted.
    """
    out = [
        f'<section class="ms-changed"><h{heading_level} class="ms-changed-heading">{esc(t("changed.title", n=days))}'
        f"</h{heading_level}>"
    ]
    if not changes:
        out.append(f'<p class="ms-changed-empty">{esc(t("changed.empty", n=days))}</p></section>')
        return "".join(out)
    out.append('<ul class="ms-changed-list">')
    for change in changes[:limit]:
        name = esc(title(change.page) or change.page)
        link = href(change.page)
        who = f'<a href="{esc(link)}">{name}</a>' if link and safe_url(link) else name
        out.append(
            f'<li class="ms-changed-item" data-kind="{esc(change.kind)}">{_time(change)} '
            f'<span class="ms-changed-milestone">{who}</span>: {_what(change)} {_commit(change, repo_url)}</li>'
        )
    out.append("</ul>")
    if len(changes) > limit:
        out.append(f'<p class="ms-changed-more">{esc(t("changed.more", n=len(changes) - limit))}</p>')
    out.append("</section>")
    return "".join(out)


def render_roadmap_history(
    entries: Sequence[MilestoneEntry],
    histories: Mapping[str, MilestoneHistory],
    *,
    days: int,
    now: datetime,
    base_url: str,
    repo_url: str | None = None,
    changed: bool = True,
    burnup: bool = True,
) -> str:
    """The roadmap's history block: "Changed in the last N days", then the burn-up of every milestone listed.

    Arguments:
        entries: The milestones the roadmap shows (their histories are the ones used).
        histories: Histories as read (by history key, :func:`~mkdocs_milestones.history.history_keys`).
        days: The period of the "Changed" list.
        now: The end of that period and of the burn-up (the build's time: the end of the ``today`` option's day,
            else ``SOURCE_DATE_EPOCH``, else now); later commits are not shown.
        base_url: The roadmap page's URL, for relative links to the milestones.
        repo_url: The repository's web page, for commit links.
        changed: Show "Changed in the last N days"; burnup: show the burn-up (ending at ``now``).
    """
    shown = {e.key: e for e in entries}  # a page's milestone, or one of a roadmap document's (page#anchor)
    # each with its entry's key as its page, as it stood at ``now`` (the ``today`` option ends the period)
    mine = [h.until(now) for h in page_histories(entries, histories).values()]
    if not mine:
        return ""
    out = ""
    if changed:
        out = render_changed(
            recent_changes(mine, now - timedelta(days=days), now), days=days, repo_url=repo_url,
            href=lambda page: relative_url(shown[page].url, base_url),
            title=lambda page: plain(shown[page].milestone.title),
        )
    if burnup:
        from .burnup import render_burnup

        total = len(mine)
        points = site_burnup(mine, {page: e.milestone for page, e in shown.items()}, now)
        chart = render_burnup(points, title=t("total", n=total), label=t("burnup.all"), today=now.date())
        if chart:
            out += (f'<section class="ms-roadmap-burnup"><h2 class="ms-roadmap-section">{esc(t("burnup.title"))}</h2>'
                    f"{chart}</section>")
    return out
