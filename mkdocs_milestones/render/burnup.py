# SPDX-License-Identifier: MIT
"""A burn-up chart as inline SVG: checks done and the total over time, from the git history.

Standard library only. Both series are step lines (a count holds until the commit that changes
it); the done area is filled, the total (the scope) is a dashed line above it, so scope growth
and progress read apart. Colours come from ``assets/history.css`` (the status variables of
milestones.css with fallbacks that read on light and dark pages, text in currentColor); the
chart has a ``<title>`` and a ``<desc>`` that say in words what it shows, and each point carries
its numbers as a tooltip and as ``data-*`` attributes. Every string is escaped; nothing depends on
the time of the build unless ``today`` is given.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from ..i18n import month_names
from ..i18n import text as t
from .markup import esc

__all__ = ["WIDTH", "burnup_summary", "render_burnup"]

WIDTH, HEIGHT = 560, 200
"""Size of the chart in SVG user units (it scales to the column)."""
_LEFT, _RIGHT, _TOP, _BOTTOM = 40, 14, 14, 44
_CHAR_W, _GAP = 6.6, 8
"""Estimated width of a character of the 12px tick labels, and the least space between two labels."""
_NARROW = 1.5
"""How much larger (in user units) history.css sets the chart's text when the chart is scaled down to a narrow
column (18px at most, so a 360px-wide chart still shows it at ~11.5px): the legend leaves room for it, and the
inner dates that would then touch are marked to be hidden there."""

Point = tuple[datetime, int, int]
"""``(when, checks done, checks total)``."""
_MAX_POINTS = 120
"""The most points a chart draws (its plot is ~500 units wide): see :func:`_thin`."""


def _thin(points: list[Point]) -> list[Point]:
    """At most :data:`_MAX_POINTS` points: the first, then the last of each of ``_MAX_POINTS - 1`` equal slices
    of the time span (a site-wide chart of years of commits: steps closer than a few pixels merge).

    >>> from datetime import datetime, timedelta
    >>> many = [(datetime(2025, 1, 1) + timedelta(hours=h), h, 500) for h in range(500)]
    >>> thin = _thin(many)
    >>> len(thin) <= _MAX_POINTS, thin[0] == many[0], thin[-1] == many[-1]
    (True, True, True)
    """
    if len(points) <= _MAX_POINTS:
        return points
    start, slices = points[0][0], _MAX_POINTS - 1
    span = (points[-1][0] - start).total_seconds() or 1.0
    out, last = [points[0]], -1
    for p in points[1:]:
        piece = min(int((p[0] - start).total_seconds() / span * slices), slices - 1)
        if piece == last:
            out[-1] = p
        else:
            out.append(p)
            last = piece
    return out


def _n(v: float) -> str:
    """A coordinate to one decimal, without a trailing ``.0`` (``12``, ``12.5``, never ``-0``)."""
    r = round(v, 1) + 0.0
    return str(int(r)) if r.is_integer() else f"{r:.1f}"


def _day(d: date, *, short: bool = False) -> str:
    """A date in the active language's words (``6 Jan 2025``, ``6 janv. 2025``, ``2025年1月6日``); ``short`` without the year."""
    return t("burnup.day.short" if short else "burnup.day", day=d.day, month=month_names()[d.month - 1], year=d.year)


def _width(text: str) -> float:
    """Estimated width of a 12px label: wide (CJK) characters count twice."""
    if text.isascii():
        return len(text) * _CHAR_W
    return sum(_CHAR_W * (2 if unicodedata.east_asian_width(ch) in "WF" else 1) for ch in text)


def _tick_labels(ticks: list[date], x: Callable[[date], float], end_x: float, scale: float = 1.0) -> list[tuple[float, str, str]]:
    """``(x, anchor, text)`` per date label that does not run into another: the ends in full, the
    dates between them without the year when the chart stays within one year. ``scale``: the labels'
    size as a multiple of 12px (:data:`_NARROW` for the ones still shown on a narrow chart)."""
    one_year = ticks[0].year == ticks[-1].year
    labels = []
    for i, tick in enumerate(ticks):
        tx = x(tick)
        anchor = "start" if tx <= _LEFT + 1 else "end" if tx >= end_x - 1 else "middle"
        inner = 0 < i < len(ticks) - 1
        text = _day(tick, short=inner and one_year)
        width = _width(text) * scale
        lo = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
        labels.append((lo, lo + width, tx, anchor, text, inner))
    kept: list[tuple[float, float, float, str, str, bool]] = []
    last = labels[-1]
    for label in labels:
        if label[5] and ((kept and label[0] < kept[-1][1] + _GAP) or label[1] > last[0] - _GAP):
            continue  # an inner date that would touch its neighbours
        kept.append(label)
    return [(tx, anchor, text) for _, _, tx, anchor, text, _ in kept]


def burnup_summary(points: Sequence[Point], title: str = "") -> str:
    """What the chart shows, in one or two sentences (its ``<desc>``).

    >>> from datetime import datetime
    >>> burnup_summary([(datetime(2025, 1, 1), 0, 3), (datetime(2025, 2, 1), 2, 5)], "Auth")
    'Auth: 2 of 5 checks done on 1 Feb 2025, from 0 of 3 on 1 Jan 2025 (2 checks added).'
    """
    if not points:
        summary = t("burnup.none")
    else:
        first, last = points[0], points[-1]
        since = change = ""
        if len(points) > 1:
            since = t("burnup.since", done=first[1], total=first[2], date=_day(first[0]))
            grown = last[2] - first[2]
            if grown:
                change = t("burnup.added" if grown > 0 else "burnup.removed", n=abs(grown))
        summary = t("burnup.summary", done=last[1], total=last[2], date=_day(last[0]), since=since, change=change)
    return t("burnup.titled", title=title, summary=summary) if title else summary


def _ticks(lo: date, hi: date) -> list[date]:
    """At most five dates spread over ``lo..hi``, both ends included."""
    span = (hi - lo).days
    if span <= 0:
        return [lo]
    count = min(4, span)
    out = sorted({lo + timedelta(days=round(span * i / count)) for i in range(count + 1)})
    return out


def render_burnup(points: Sequence[Point], *, title: str, today: date | None = None, label: str = "") -> str:
    """The burn-up chart, or "" when there is nothing to draw (no point, or no check ever).

    Arguments:
        points: ``(when, done, total)`` in time order (:meth:`MilestoneHistory.burnup`,
            :func:`~mkdocs_milestones.history.site_burnup`).
        title: What the chart is about (plain text), for its title and description.
        today: Extends the last counts to that day; None ends the chart at the last point.
        label: The chart's kind, first in its title ("": the active language's "Burn-up").

    Returns:
        ``<figure class="ms-burnup">`` with an inline SVG and a caption.
    """
    points = sorted(points, key=lambda p: p[0])
    if not points or not any(total for _, _, total in points):
        return ""
    top = max(max(n for _, _, n in points), max(d for _, d, _ in points), 1)  # over every point, drawn or not
    summary = burnup_summary(points, title)
    points = _thin(points)
    lo = points[0][0].date()
    hi = points[-1][0].date()
    if today is not None and today > hi:
        hi = today
    if hi <= lo:
        hi = lo + timedelta(days=1)
    span = (hi - lo).total_seconds() or 1.0
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    start = datetime(lo.year, lo.month, lo.day, tzinfo=points[0][0].tzinfo)
    end_x = _LEFT + plot_w

    def x(when: datetime) -> float:
        return _LEFT + min(max((when - start).total_seconds() / span, 0.0), 1.0) * plot_w

    def y(value: int) -> float:
        return _TOP + plot_h - value / top * plot_h

    def steps(index: int) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i, p in enumerate(points):
            px, py = x(p[0]), y(p[index])
            if out:
                out.append((px, out[-1][1]))
            out.append((px, py))
            if i == len(points) - 1:
                out.append((end_x, py))
        return out

    done_line, total_line = steps(1), steps(2)
    seen: dict[float, str] = {}

    def n(v: float) -> str:  # _n, once per value (a step line repeats each x and each y)
        s = seen.get(v)
        if s is None:
            s = seen[v] = _n(v)
        return s

    base = n(y(0))
    key = "".join(f"{when.timestamp():.0f},{done},{total};" for when, done, total in points)
    digest = hashlib.sha256(f"{title}\0{label}\0{today}\0{key}".encode("utf-8", "replace")).hexdigest()[:10]
    uid = f"msb{digest}"
    label = label or t("burnup.title")
    heading = t("burnup.heading", label=label, title=title) if title else label
    out = [
        f'<figure class="ms-burnup"><svg xmlns="http://www.w3.org/2000/svg" class="ms-burnup-chart" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">',
        f'<title id="{uid}-t">{esc(heading)}</title><desc id="{uid}-d">{esc(summary)}</desc>',
        '<g class="ms-burnup-axis">',
        f'<line x1="{_LEFT}" y1="{base}" x2="{_n(end_x)}" y2="{base}"/>',
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{base}"/>',
    ]
    for value in sorted({0, top // 2, top}):
        vy = _n(y(value))
        out.append(f'<line class="ms-burnup-grid" x1="{_LEFT}" y1="{vy}" x2="{_n(end_x)}" y2="{vy}"/>')
        out.append(f'<text class="ms-burnup-tick" x="{_LEFT - 6}" y="{vy}" dy="0.35em" text-anchor="end">{value}</text>')
    ticks, at = _ticks(lo, hi), (lambda t: x(datetime(t.year, t.month, t.day, tzinfo=start.tzinfo)))
    roomy = {tx for tx, _, _ in _tick_labels(ticks, at, end_x, _NARROW)}  # the dates shown on a narrow chart too
    out.append('</g><g class="ms-burnup-axis ms-burnup-dates">')
    for tx, anchor, text in _tick_labels(ticks, at, end_x):
        label = f'<text class="ms-burnup-tick" x="{_n(tx)}" y="{_n(y(0) + 16)}" text-anchor="{anchor}">{esc(text)}</text>'
        out.append(label if tx in roomy else f'<g class="ms-burnup-dense">{label}</g>')
    out.append("</g>")
    area = " ".join(f"{n(px)},{n(py)}" for px, py in done_line)
    out.append(f'<polygon class="ms-burnup-done-area" points="{n(done_line[0][0])},{base} {area} {n(end_x)},{base}"/>')
    out.append(f'<polyline class="ms-burnup-total" points="{" ".join(f"{n(px)},{n(py)}" for px, py in total_line)}"/>')
    out.append(f'<polyline class="ms-burnup-done" points="{area}"/>')
    out.append('<g class="ms-burnup-points">')
    tip = esc(t("burnup.tip"))  # its values are a date and numbers: nothing to escape in them
    for when, done, total in points:
        day = when.date().isoformat()
        out.append(
            f'<circle class="ms-burnup-point" cx="{n(x(when))}" cy="{n(y(done))}" r="3" data-date="{day}" '
            f'data-done="{done}" data-total="{total}"><title>{tip.format(date=day, done=done, total=total)}</title></circle>'
        )
    out.append("</g>")
    ly = _n(HEIGHT - 10)
    done_label, total_label = t("burnup.done"), t("burnup.total")
    second = _LEFT + 24 + _width(done_label) * _NARROW + 20  # the second key after the first one's words, at either size
    out.append(
        f'<g class="ms-burnup-legend"><line class="ms-burnup-done" x1="{_LEFT}" y1="{ly}" x2="{_LEFT + 18}" y2="{ly}"/>'
        f'<text x="{_LEFT + 24}" y="{ly}" dy="0.35em">{esc(done_label)}</text>'
        f'<line class="ms-burnup-total" x1="{_n(second)}" y1="{ly}" x2="{_n(second + 18)}" y2="{ly}"/>'
        f'<text x="{_n(second + 24)}" y="{ly}" dy="0.35em">{esc(total_label)}</text></g>'
    )
    out.append("</svg>")
    out.append(f'<figcaption class="ms-burnup-caption">{esc(summary)}</figcaption></figure>')
    return "".join(out)
