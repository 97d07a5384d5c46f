# SPDX-License-Identifier: MIT
"""The roadmap's targets: the Target / owners cell of a row, the "Overdue" section and the critical path line.

Standard library only; every author string is escaped (:func:`~.markup.esc`), dates are the model's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ..i18n import text as t
from ..model import MilestoneEntry
from ..roadmap.query import plain
from ..schedule import critical_path_to_latest
from . import html as h
from .markup import esc

__all__ = ["critical_path_note", "overdue_list", "render_overdue", "target_cell"]

SHOWN = 30


def target_cell(entry: MilestoneEntry, today: date | None) -> str:
    """``<td>``: the target (rolled up from the phases when the milestone gives none), an overdue badge, the owners."""
    ms = entry.milestone
    parts = []
    label = f' data-label="{esc(t("row.target"))}"'  # shown before the value on narrow screens, as "Created:"
    if ms.target is not None:
        day = ms.target.isoformat()
        tip = f' title="{esc(t("target.from-phases", date=day))}"' if ms.target_from_phases else ""
        parts.append(f'<time class="ms-roadmap-target" datetime="{day}"{label}{tip}>{day}</time>')
    elif ms.target_text:
        parts.append(f'<span class="ms-roadmap-target"{label}>{esc(plain(ms.target_text))}</span>')
    late = ms.overdue_days(today)
    if late:
        parts.append(h.to_html(h.overdue_badge(late, ms.target, today)))
    if ms.owners:
        parts.append(f'<span class="ms-roadmap-owners" data-label="{esc(t("row.owners"))}">{esc(", ".join(plain(o) for o in ms.owners))}</span>')
    return f'<td class="ms-roadmap-schedule" data-label="{esc(t("label.target"))}">{" ".join(parts) or chr(0x2014)}</td>'


def overdue_list(entries: Sequence[MilestoneEntry], today: date | None) -> list[tuple[MilestoneEntry, int, list[tuple[str, str]]]]:
    """What is late, most late first: ``(entry, days, [(fragment, reason), ...])``: the milestone itself
    (fragment ``""``), then each of its open phases past their target (fragment: the phase's anchor)."""
    out = []
    for e in entries:
        ms, items = e.milestone, []
        late = ms.overdue_days(today)
        if late and ms.target is not None:
            items.append(("", t("overdue.milestone", date=ms.target.isoformat(), late=t("overdue", n=late))))
        worst = late
        for p in ms.phases:
            days = p.overdue_days(today)
            if days and p.target is not None:
                name = t("phase.name", id=p.id, title=plain(p.title))
                items.append((p.anchor, t("overdue.phase", name=name, date=p.target.isoformat(), late=t("overdue", n=days))))
                worst = max(worst, days)
        if items:
            out.append((e, worst, items))
    out.sort(key=lambda x: (-x[1], x[0].key))
    return out


def render_overdue(entries: Sequence[MilestoneEntry], today: date | None, base: Callable[[MilestoneEntry], str]) -> str:
    """The "Overdue" section's body: a list (the first :data:`SHOWN` items, the rest folded), or a note."""
    late = overdue_list(entries, today)
    if not late:
        return f'<p class="ms-roadmap-note">{esc(t("overdue.none"))}</p>'
    items = []
    for e, days, reasons in late:
        href = base(e)
        why = "; ".join(f'<a href="{esc(href)}#{esc(frag)}">{esc(r)}</a>' if frag else esc(r) for frag, r in reasons)
        items.append(f'<li data-page="{esc(e.key)}" data-overdue="{days}"><a href="{esc(href)}">'
                     f'{esc(plain(e.milestone.title))}</a>: {why}</li>')
    out = f'<ul class="ms-roadmap-overdue-list">{"".join(items[:SHOWN])}</ul>'
    if len(items) > SHOWN:
        out += (f'<details class="ms-roadmap-more"><summary>{esc(t("more", n=len(items) - SHOWN))}</summary>'
                f'<ul class="ms-roadmap-overdue-list">{"".join(items[SHOWN:])}</ul></details>')
    return out


def critical_path_note(entries: Sequence[MilestoneEntry], base: Callable[[MilestoneEntry], str]) -> tuple[list[str], str]:
    """The keys of the critical path to the latest target (:func:`~..schedule.critical_path_to_latest`) and a
    paragraph naming it, each milestone linked (``""`` without a target)."""
    path = critical_path_to_latest(entries)
    if not path:
        return [], ""
    by_key = {e.key: e for e in entries}
    last = by_key[path[-1]].milestone.target
    names = " \u2192 ".join(f'<a href="{esc(base(by_key[k]))}">{esc(plain(by_key[k].milestone.title))}</a>' for k in path)
    words = esc(t("critical.path", date=last.isoformat() if last else "", path="\ue000")).replace("\ue000", names)
    return path, f'<p class="ms-timeline-critical-path">{words}</p>'
