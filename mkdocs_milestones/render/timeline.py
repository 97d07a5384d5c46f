# SPDX-License-Identifier: MIT
"""The roadmap's timeline: a Gantt-like inline SVG built from Created, estimates and Completed.

Standard library only. Dates and durations are read by :mod:`mkdocs_milestones.dates`.

A bar runs from Created to the Completed date when the milestone has one (its ``**Completed**``
line; for a milestone marked done without one, the latest ``**Completed**`` of its phases), else
to Created + estimate (an outlined bar, filled by the milestone's progress). A milestone with
neither is a diamond at Created. Milestones without a readable Created date are listed under the
chart as "not on the timeline". A milestone's target is a flag on its row; an arrow runs from the end of
each milestone drawn to the start of each drawn milestone that depends on it (those of the critical path to
the latest target marked). The output is deterministic: no "today" unless one is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import parse_date, parse_duration_days
from ..model import MilestoneEntry
from ..vocabulary import STATUS_GLYPHS
from ..i18n import month_names, status_word, text as t
from .markup import esc
from .svg import XLINK

__all__ = ["TimelineItem", "parse_date", "parse_duration_days", "render_timeline", "timeline_item"]

#: Geometry of the chart (SVG user units).
LABEL_W, CHART_W, ROW_H, BAR_H, AXIS_H, PAD = 190, 480, 24, 12, 28, 8
#: More dated milestones than this: settled ones (done, cancelled) are left out, then the rest is cut.
MAX_ROWS = 60
#: How many undated milestones are named before "and N more".
MAX_UNDATED = 40


@dataclass(frozen=True)
class TimelineItem:
    """One milestone placed in time.

    Attributes:
        entry: The milestone.
        start: Its Created date.
        end: The Completed date, else Created + estimate, else None (a point).
        planned_end: Created + estimate, when the estimate is readable.
        completed: True when ``end`` is an actual completion date.
    """

    entry: MilestoneEntry
    start: date
    end: date | None
    planned_end: date | None
    completed: bool


def _completed_date(entry: MilestoneEntry) -> date | None:
    ms = entry.milestone
    own = parse_date(ms.completed)
    if own is not None or ms.status != "done":
        return own
    dates = [d for d in (parse_date(p.completed) for p in ms.phases) if d is not None]
    return max(dates) if dates else None


def timeline_item(entry: MilestoneEntry) -> TimelineItem | None:
    """The milestone's place in time, or None without a readable Created date."""
    ms = entry.milestone
    start = parse_date(ms.created)
    if start is None:
        return None
    days = parse_duration_days(ms.estimated_duration)
    planned = start + timedelta(days=days) if days else None
    done = _completed_date(entry)
    if done is not None and done < start:
        done = None  # a typo; fall back to the estimate rather than draw a bar backwards
    return TimelineItem(entry, start, done or planned, planned, done is not None)


def _ticks(lo: date, hi: date) -> list[date]:
    """Month starts (every 1, 2, 3, 6 or 12 months) spanning ``lo..hi``, at most ~10 of them."""
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= 10), 120)
    out: list[date] = []
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        if (y * 12 + m - 1) % step == 0:
            out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return [d for d in out if lo <= d <= hi]


def _n(v: float) -> str:
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def render_timeline(
    entries: Sequence[MilestoneEntry],
    *,
    href: Callable[[MilestoneEntry], str],
    title: Callable[[MilestoneEntry], str],
    status: Callable[[MilestoneEntry], str],
    order: Callable[[MilestoneEntry], object] | None = None,
    max_rows: int = MAX_ROWS,
    today: date | None = None,
    critical: Sequence[str] = (),
) -> str:
    """The timeline section body: an SVG chart, its notes and the undated milestones.

    Args:
        entries: The milestones to place (already filtered).
        href: The (relative) link to a milestone's page.
        title: A milestone's plain-text title.
        status: A milestone's canonical status, or ``"unknown"``.
        order: Sort key deciding which milestones are kept when the chart is capped.
        max_rows: The most bars drawn; settled milestones are dropped first.
        today: Draws a "today" line and marks late bars; None keeps the output date-independent.
        critical: Keys of the critical path to the latest target: their rows and the arrows between them are marked.

    Returns:
        HTML without blank lines: ``<div class="ms-timeline">...</div>``.
    """
    items: list[TimelineItem] = []
    undated: list[MilestoneEntry] = []
    for e in entries:
        it = timeline_item(e)
        if it is None:
            undated.append(e)
        else:
            items.append(it)
    notes: list[str] = []
    if len(items) > max_rows:
        live = [it for it in items if status(it.entry) not in ("done", "cancelled")]
        if len(live) < len(items):
            notes.append(t("timeline.closed", n=len(items) - len(live)))
            items = live
    if len(items) > max_rows:
        items = sorted(items, key=lambda it: order(it.entry) if order else 0)  # type: ignore[arg-type,return-value]
        notes.append(t("timeline.cut", n=len(items) - max_rows, max=max_rows))
        items = items[:max_rows]
    items.sort(key=lambda it: (it.start, it.end or it.start, title(it.entry)))
    out = ['<div class="ms-timeline">']
    if items:
        out.append(_chart(items, href=href, title=title, status=status, today=today, critical=critical))
    else:
        out.append(f'<p class="ms-timeline-empty">{esc(t("timeline.empty"))}</p>')
    if any(it.entry.milestone.target is not None or it.entry.depends_on for it in items):
        notes.insert(0, t("timeline.note.targets"))
    out.append('<p class="ms-timeline-note">' + esc(t("timeline.note")) + "".join(" " + esc(n) for n in notes) + "</p>")
    if undated:
        links = ", ".join(f'<a href="{esc(href(e))}">{esc(title(e))}</a>' for e in undated[:MAX_UNDATED])
        more = " " + esc(t("timeline.undated.more", n=len(undated) - MAX_UNDATED)) if len(undated) > MAX_UNDATED else ""
        out.append(f'<p class="ms-timeline-undated">{esc(t("timeline.undated"))} {links}{more}.</p>')
    out.append("</div>")
    return "".join(out)


def _chart(
    items: list[TimelineItem],
    *,
    href: Callable[[MilestoneEntry], str],
    title: Callable[[MilestoneEntry], str],
    status: Callable[[MilestoneEntry], str],
    today: date | None,
    critical: Sequence[str] = (),
) -> str:
    lo = min(min(it.start, it.entry.milestone.target or it.start) for it in items)
    hi = max(max(it.end or it.start, it.planned_end or it.start, it.entry.milestone.target or it.start) for it in items)
    if today is not None and lo <= today <= hi + timedelta(days=60):
        hi = max(hi, today)
    lo, hi = lo - timedelta(days=3), hi + timedelta(days=3)
    span = max((hi - lo).days, 1)
    x0 = LABEL_W + PAD

    def x(d: date) -> float:
        return x0 + (d - lo).days / span * CHART_W

    width, height = x0 + CHART_W + PAD, AXIS_H + len(items) * ROW_H + PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="{XLINK}" class="ms-timeline-chart" data-search-exclude="" role="img" '
        f'aria-label="{esc(t("timeline.label", n=len(items), start=lo + timedelta(days=3), end=hi - timedelta(days=3)))}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}">',
        '<g class="ms-timeline-axis">',
    ]
    months = month_names()
    for tick in _ticks(lo, hi):
        tx = _n(x(tick))
        out.append(f'<line class="ms-timeline-grid" x1="{tx}" y1="{AXIS_H - 6}" x2="{tx}" y2="{_n(height - PAD)}"/>')
        if x(tick) + 24 <= width:  # a label that would be cut off at the right edge is left out
            out.append(
                f'<text class="ms-timeline-tick" x="{tx}" y="{AXIS_H - 10}" text-anchor="middle">'
                f"{esc(t('timeline.tick', month=months[tick.month - 1], year=tick.year))}</text>"
            )
    out.append("</g>")
    if today is not None and lo <= today <= hi:
        tx = _n(x(today))
        out.append(
            f'<g class="ms-timeline-today"><line x1="{tx}" y1="{AXIS_H - 6}" x2="{tx}" y2="{_n(height - PAD)}"/>'
            f'<text x="{tx}" y="{_n(height - 1)}" text-anchor="middle">{esc(t("timeline.today"))}</text></g>'
        )
    out.append(_arrows(items, x, set(critical)))
    for i, it in enumerate(items):
        out.append(_row(it, i, x, href=href, title=title, status=status, today=today, critical=it.entry.key in critical))
    out.append("</svg>")
    return '<div class="ms-timeline-wrap">' + "".join(out) + "</div>"


def _arrows(items: list[TimelineItem], x: Callable[[date], float], critical: set[str]) -> str:
    """An arrow from the end of each drawn milestone to the start of each drawn milestone that depends on it."""
    row = {it.entry.key: (i, it) for i, it in enumerate(items)}
    parts = []
    for i, it in enumerate(items):
        for dep in it.entry.depends_on:
            if dep not in row:
                continue
            j, before = row[dep]
            x1, y1 = x(before.end or before.start), AXIS_H + j * ROW_H + ROW_H / 2
            x2, y2 = x(it.start), AXIS_H + i * ROW_H + ROW_H / 2
            bend = max(abs(x2 - x1) / 2, 12)
            cls = "ms-timeline-link" + (" ms-timeline-critical" if dep in critical and it.entry.key in critical else "")
            parts.append(
                f'<g class="{cls}" data-from="{esc(dep)}" data-to="{esc(it.entry.key)}">'
                f'<path class="ms-timeline-dep" d="M{_n(x1)},{_n(y1)} C{_n(x1 + bend)},{_n(y1)} {_n(x2 - bend)},{_n(y2)} {_n(x2)},{_n(y2)}"/>'
                f'<path class="ms-timeline-dep-head" d="M{_n(x2)},{_n(y2)} L{_n(x2 - 6)},{_n(y2 - 3.5)} L{_n(x2 - 6)},{_n(y2 + 3.5)} z"/></g>'
            )
    return f'<g class="ms-timeline-deps">{"".join(parts)}</g>' if parts else ""


def _row(
    it: TimelineItem,
    i: int,
    x: Callable[[date], float],
    *,
    href: Callable[[MilestoneEntry], str],
    title: Callable[[MilestoneEntry], str],
    status: Callable[[MilestoneEntry], str],
    today: date | None,
    critical: bool = False,
) -> str:
    e = it.entry
    st, name = status(e), title(e)
    top = AXIS_H + i * ROW_H
    by = top + (ROW_H - BAR_H) / 2
    target = e.milestone.target
    overdue = e.milestone.overdue_days(today)  # the flag is red for this only (not for a bar past its estimate)
    late = overdue > 0 or (
        today is not None and not it.completed and st not in ("done", "cancelled")
        and it.planned_end is not None and it.planned_end < today
    )
    kind = "done" if it.completed else "plan" if it.end is not None else "open"
    tip = t("timeline.tip", name=name, status=status_word(st), start=it.start)
    if it.completed:
        tip += t("timeline.tip.completed", date=it.end)
    if it.planned_end is not None:
        tip += t("timeline.tip.estimate", date=it.planned_end)
    if target is not None:
        tip += t("timeline.tip.target", date=target)
    tip += t("timeline.tip.late") if late else ""
    cls = "ms-timeline-row" + (" ms-timeline-late" if late else "") + (" ms-timeline-critical" if critical else "")
    parts = [
        f'<g class="{cls}" data-status="{esc(st)}" data-kind="{kind}" data-page="{esc(e.key)}">',
        f'<a xlink:href="{esc(href(e))}"><title>{esc(tip)}</title>',
        f'<text class="ms-timeline-label" x="{PAD}" y="{_n(top + ROW_H / 2 + 4)}">'
        f'<tspan class="ms-timeline-icon">{STATUS_GLYPHS.get(st, "?")}</tspan> {esc(_short(name))}</text>',
    ]
    sx = x(it.start)
    if it.end is None:
        cx, cy, r = sx, by + BAR_H / 2, BAR_H / 2 + 1
        parts.append(
            f'<path class="ms-timeline-point" d="M{_n(cx)},{_n(cy - r)} L{_n(cx + r)},{_n(cy)} '
            f'L{_n(cx)},{_n(cy + r)} L{_n(cx - r)},{_n(cy)} z"/>'
        )
    else:
        w = max(x(it.end) - sx, 3)
        if it.completed and it.planned_end is not None:
            pw = max(x(it.planned_end) - sx, 3)
            parts.append(
                f'<rect class="ms-timeline-planned" x="{_n(sx)}" y="{_n(by + BAR_H - 3)}" width="{_n(pw)}" height="3"/>'
            )
        parts.append(
            f'<rect class="ms-timeline-bar" x="{_n(sx)}" y="{_n(by)}" width="{_n(w)}" height="{BAR_H}" rx="3"/>'
        )
        if not it.completed and st != "done":
            pw = w * max(0.0, min(1.0, e.milestone.progress))
            if pw >= 0.5:
                parts.append(
                    f'<rect class="ms-timeline-progress" x="{_n(sx)}" y="{_n(by)}" width="{_n(pw)}" height="{BAR_H}" rx="3"/>'
                )
    if target is not None:
        fx = x(target)
        flag = "ms-timeline-target" + (" ms-timeline-target-overdue" if overdue else "")
        parts.append(
            f'<path class="{flag}" data-date="{target.isoformat()}" data-overdue="{overdue}" d="M{_n(fx)},{_n(by + BAR_H + 2)} '
            f'L{_n(fx)},{_n(by - 3)} L{_n(fx + 7)},{_n(by)} L{_n(fx)},{_n(by + 3)}"/>'
        )
    parts.append("</a></g>")
    return "".join(parts)
