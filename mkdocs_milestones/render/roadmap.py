# SPDX-License-Identifier: MIT
"""The roadmap: every milestone of a site on one page, as HTML.

Standard library only (no MkDocs, no Markdown). :func:`render_roadmap` returns one HTML block
without blank lines, so a Markdown page can carry it as a raw HTML block that Python-Markdown
keeps intact (and MkDocs indexes for search). Author text is escaped everywhere; links to the
milestone pages are relative to the roadmap page. Classes: ``ms-roadmap*`` here, ``ms-timeline*``
for the timeline, and the badge and progress classes of the milestone pages so the same
stylesheet applies.

Scale: a group shows its first :data:`ROWS_SHOWN` rows and folds the rest into a nested
``<details>``; done and cancelled groups start closed; the graph draws at most
:data:`GRAPH_MAX` milestones (only those linked by dependencies once a site is large); the
timeline draws at most 100 bars; the "at risk" list folds after :data:`RISKS_SHOWN` items.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from datetime import date

from ..dates import parse_date
from ..graph import build_milestone_graph
from ..i18n import status_word, text as t
from ..model import Milestone, MilestoneEntry, Phase
from ..roadmap.query import GROUP_ORDER, SECTIONS, RoadmapFilter, order_key, plain, status_of
from ..vocabulary import STATUS_EMOJI, STATUS_LABELS
from .svg import render_graph_svg
from . import html as h
from .markup import esc
from .overdue import critical_path_note, render_overdue, target_cell
from .parts import active, in_dict, kept_parts, remembered
from .timeline import render_timeline

__all__ = [
    "GROUP_ORDER",
    "at_risk",
    "order_key",
    "plain",
    "relative_url",
    "render_roadmap",
    "status_of",
]

CLOSED_GROUPS = frozenset({"done", "cancelled"})
ROWS_SHOWN = 50
GRAPH_ALL_MAX = 40
GRAPH_MAX = 150
RISKS_SHOWN = 30
RISKS_MAX = 200
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
def relative_url(target: str, base: str) -> str:
    """The link from the page at URL ``base`` to the URL ``target`` (both site-relative).

    Works with directory URLs (``roadmap/``) and without (``roadmap/index.html``, ``db.html``).
    Absolute URLs and URLs with a scheme are returned unchanged.

    >>> relative_url("milestones/db/", "roadmap/"), relative_url("milestones/db.html", "roadmap/index.html")
    ('../milestones/db/', '../milestones/db.html')
    >>> relative_url("", "roadmap/"), relative_url("roadmap/#x", "roadmap/"), relative_url("a/b/", "")
    ('../', './#x', 'a/b/')
    """
    if target.startswith("/") or _SCHEME_RE.match(target):
        return target
    path, sep, frag = target.partition("#")
    base_dir = base.split("#")[0]
    if not base_dir.endswith("/"):
        base_dir = posixpath.dirname(base_dir)
    b_parts = [p for p in base_dir.split("/") if p]
    t_parts = path.split("/")
    t_dirs, leaf = [p for p in t_parts[:-1] if p], t_parts[-1]
    common = 0
    while common < min(len(b_parts), len(t_dirs)) and b_parts[common] == t_dirs[common]:
        common += 1
    rel = "../" * (len(b_parts) - common) + "".join(d + "/" for d in t_dirs[common:]) + leaf
    return (rel or "./") + sep + frag


def _status_badge(text: str, status: str, count: int | None = None) -> str:
    """The page's status badge (emoji-only or empty text gets the status's emoji and word), with a count."""
    return remembered(("status", text, status, count), lambda: _draw_status_badge(text, status, count))


def _draw_status_badge(text: str, status: str, count: int | None) -> str:
    el = h.badge(text.strip() or STATUS_EMOJI.get(status, ""), status, markdown=False)
    if count is not None:
        tail = el[-1] if len(el) else None
        if tail is not None:
            tail.tail = " "
        else:
            el.text = (el.text or "") + " "
        el.append(etree.Element("span", {"class": "ms-roadmap-count"}))
        el[-1].text = str(count)
    return h.to_html(el)


def _priority_badge(ms: Milestone) -> str:
    text, priority = ms.priority_text.strip(), ms.priority
    return remembered(("priority", text, priority), lambda: h.to_html(h.priority_badge(text, priority, markdown=False)))


def _progress(ms: Milestone) -> str:
    """The progress bar of the milestone pages."""
    value = ms.progress
    pct = max(0.0, min(1.0, value)) * 100  # the bar shows it to 0.1 (its width) and 1 (its number): keyed by both
    return remembered(("progress", f"{pct:.1f}", f"{pct:.0f}"), lambda: h.to_html(h.progress_bar(value, t("col.progress"), "")))


def _phase_link(href: str, phase: Phase, cls: str, word: str) -> str:
    # One of a roadmap document's milestones (``ROADMAP/#milestone-v1``): its section is the link.
    target = href if "#" in href else f"{href}#{phase.anchor}"
    return (
        f'<span class="{cls}">{word} <a href="{esc(target)}">'
        f"Phase {esc(phase.id)}: {esc(plain(phase.title))}</a></span>"
    )


def _row(entry: MilestoneEntry, page_url: str, today: date | None = None) -> str:
    ms = entry.milestone
    # The value keeps ``ms`` alive, so its id names no other object while the memo keeps the row.
    key = ("row", id(ms), entry.key, entry.url, page_url, today)
    return remembered(key, lambda: (ms, _draw_row(entry, page_url, today)))[1]  # type: ignore[index]


def _draw_row(entry: MilestoneEntry, page_url: str, today: date | None) -> str:
    ms, st = entry.milestone, status_of(entry)
    href = relative_url(entry.url, page_url)
    dash = "\u2014"
    count = t("phases", done=ms.phases_done, total=ms.phases_total) if ms.phases else t("phases.none")
    phases = ""
    if ms.current_phase is not None:
        phases += _phase_link(href, ms.current_phase, "ms-roadmap-current", esc(t("now")))
    if ms.next_phase is not None and st not in CLOSED_GROUPS:
        phases += (" " if phases else "") + _phase_link(href, ms.next_phase, "ms-roadmap-next", esc(t("next")))
    risks = len(ms.risks) if st not in CLOSED_GROUPS else 0
    priority = _priority_badge(ms) if ms.priority or ms.priority_text else ""
    note = f' <span class="ms-status-note">{esc(plain(ms.status_note))}</span>' if getattr(ms, "status_note", "") else ""
    day = parse_date(ms.created)
    created = day.isoformat() if day is not None and len(ms.created or "") > 10 else (ms.created or dash)
    created_tip = f' title="{esc(ms.created)}"' if created != (ms.created or dash) else ""
    # A space between cells and between the parts of a cell: search indexers (Material's) join the
    # text of adjacent elements as is, and "47%2/6 phases" would be one word. Every part is a block
    # or flex item here, so the spaces do not show.
    return (
        f'<tr data-page="{esc(entry.key)}">'
        f'<td class="ms-roadmap-title"><a href="{esc(href)}">{esc(plain(ms.title))}</a></td> '
        f'<td class="ms-roadmap-state">{_status_badge(ms.status_text, st)}{note}{" " + priority if priority else ""}</td> '
        f'<td class="ms-roadmap-progress">{_progress(ms)} <span class="ms-roadmap-phase-count">{count}</span></td> '
        f'<td class="ms-roadmap-phases">{phases or dash}</td> '
        f'<td class="ms-roadmap-dates"><span class="ms-roadmap-created" data-label="{esc(t("label.created"))}"{created_tip}>'
        f'{esc(created)}</span> '
        f'<span class="ms-roadmap-estimate" data-label="{esc(t("label.estimate"))}">{esc(ms.estimated_duration or dash)}</span></td> '
        f'{target_cell(entry, today)} '
        f'<td class="ms-roadmap-risks" data-count="{risks}" data-label="{esc(t("label.risks"))}">{risks or dash}</td></tr>'
    )


def _head() -> str:
    """The column heads, in the active language (:mod:`..i18n`).

    They repeat in every group's table: kept out of the search index (``data-search-exclude``,
    honoured by Material's search), so "Status" finds real content.
    """
    cols = "".join(f'<th scope="col">{esc(t(k))}</th> ' for k in ("col.milestone", "col.status", "col.progress", "col.phase", "col.dates", "col.target"))
    return (
        f'<thead data-search-exclude=""><tr>{cols}'
        f'<th scope="col" title="{esc(t("col.risks.title"))}">{esc(t("col.risks"))}</th></tr></thead>'
    )


def _table(rows: Sequence[str]) -> str:
    body = " ".join(rows)
    return f'<div class="ms-roadmap-table-wrap"><table class="ms-roadmap-table">{_head()}<tbody>{body}</tbody></table></div>'


def _group(status: str, entries: Sequence[MilestoneEntry], page_url: str, prefix: str, today: date | None = None) -> str:
    rows = [_row(e, page_url, today) for e in entries]
    label = t(f"status.{status}" if status in STATUS_LABELS else "group.unknown")
    opened = "" if status in CLOSED_GROUPS else " open"
    out = [
        f'<details class="ms-roadmap-group" id="{prefix}-{status}" data-status="{status}"{opened}>'
        f'<summary class="ms-roadmap-group-summary"><h3 class="ms-roadmap-group-title">'
        f'{_status_badge("", status)} <span class="ms-roadmap-count">{len(rows)}</span></h3></summary> ',
        _table(rows[:ROWS_SHOWN]),
    ]
    if len(rows) > ROWS_SHOWN:
        more = len(rows) - ROWS_SHOWN
        out.append(
            f'<details class="ms-roadmap-more"><summary>{esc(t("more.group", n=more, label=label, lower=label.lower()))}'
            f'</summary>{_table(rows[ROWS_SHOWN:])}</details>'
        )
    out.append("</details> ")
    return " ".join(out)


def _counters(groups: dict[str, list[MilestoneEntry]], prefix: str, linked: bool) -> str:
    items = []
    for st in GROUP_ORDER:
        if groups.get(st):
            badge = _status_badge("", st, len(groups[st]))
            items.append(f'<a class="ms-roadmap-counter" href="#{prefix}-{st}">{badge}</a>' if linked else badge)
    total = sum(len(v) for v in groups.values())
    items.append(f'<span class="ms-roadmap-total">{esc(t("total", n=total))}</span>')
    # A summary of the group headings below: not indexed a second time.
    return f'<p class="ms-roadmap-counters" data-search-exclude="">{" ".join(items)}</p>'


def _graph(entries: Sequence[MilestoneEntry], page_url: str) -> str:
    shown = list(entries)
    note = ""
    if len(shown) > GRAPH_ALL_MAX:
        pages = {e.key for e in shown}
        linked = {d for e in shown for d in e.depends_on if d in pages}
        linked |= {e.key for e in shown if set(e.depends_on) & pages or e.missing}
        shown = [e for e in shown if e.key in linked]
        note = t("graph.unlinked", n=len(entries) - len(shown))
        if len(shown) > GRAPH_MAX:
            chosen: dict[str, None] = {}
            for e in sorted(shown, key=order_key):  # open ones first, each with what it depends on
                if len(chosen) >= GRAPH_MAX:
                    break
                chosen.update(dict.fromkeys([e.key, *(d for d in e.depends_on if d in linked)]))
            note += " " + t("graph.only", k=len(chosen), n=len(shown))
            shown = [e for e in shown if e.key in chosen]
    pages = {e.key for e in shown}
    if not shown or not any(d in pages for e in shown for d in e.depends_on) and not any(e.missing for e in shown):
        return f'<p class="ms-roadmap-note">{esc(t("graph.none"))}</p>'
    # A reference that names no milestone page (warned about) is no page path, so the graph
    # draws it as a dashed ghost node labelled as written.
    spec = [
        (e.key, plain(e.milestone.title), e.milestone.status, relative_url(e.url, page_url),
         [*(d for d in e.depends_on if d in pages), *e.missing])
        for e in sorted(shown, key=lambda e: e.key)
    ]
    # Its problems (cycles, done before a dependency, ghosts) are warned about where the entries
    # are collected (site.collect_milestones), for the whole site, not once per roadmap view.
    graph, _issues = build_milestone_graph(spec)
    svg = render_graph_svg(graph, label=t("graph.milestones"), kind="milestone")
    return svg.replace("\n", "") + (f'<p class="ms-roadmap-note">{esc(note)}</p>' if note else "")


def at_risk(entries: Sequence[MilestoneEntry]) -> list[tuple[MilestoneEntry, list[tuple[str, str]]]]:
    """What needs attention, per milestone in roadmap order: ``(entry, [(fragment, reason), ...])``.

    Failed or blocked milestones, failed success criteria, blocked or failed phases, and phases
    marked done whose boxes are not all checked. ``fragment`` is ``""`` or a phase anchor; the
    reasons are in the active language (:mod:`..i18n`).
    """
    out: list[tuple[MilestoneEntry, list[tuple[str, str]]]] = []
    for e in sorted(entries, key=order_key):
        ms, items = e.milestone, []
        if ms.status in ("failed", "blocked"):
            items.append(("", t("risk.milestone", status=status_word(ms.status))))
        for c in ms.criteria:
            if c.status == "failed":
                items.append(("", t("risk.criterion", metric=plain(c.metric), target=plain(c.target))))
        for p in ms.phases:
            if p.status in ("blocked", "failed"):
                name = t("phase.name", id=p.id, title=plain(p.title))
                items.append((p.anchor, t("risk.phase", name=name, status=status_word(p.status))))
            elif p.status == "done" and (done := p.checks_done) < (total := p.checks_total):
                name = t("phase.name", id=p.id, title=plain(p.title))
                items.append((p.anchor, t("risk.unchecked", name=name, n=total - done, total=total)))
        if items:
            out.append((e, items))
    return out


def _risks(entries: Sequence[MilestoneEntry], page_url: str) -> str:
    flagged = at_risk(entries)
    if not flagged:
        return f'<p class="ms-roadmap-note">{esc(t("risk.none"))}</p>'
    items = []
    for e, reasons in flagged[:RISKS_MAX]:
        base = relative_url(e.url, page_url)
        why = "; ".join(f'<a href="{esc(base)}#{esc(frag)}">{esc(r)}</a>' if frag else esc(r) for frag, r in reasons)
        items.append(f'<li data-page="{esc(e.key)}"><a href="{esc(base)}">{esc(plain(e.milestone.title))}</a>: {why}</li>')
    out = f'<ul class="ms-roadmap-risk-list">{"".join(items[:RISKS_SHOWN])}</ul>'
    if len(items) > RISKS_SHOWN:
        more = len(items) - RISKS_SHOWN
        out += (
            f'<details class="ms-roadmap-more"><summary>{esc(t("more", n=more))}</summary>'
            f'<ul class="ms-roadmap-risk-list">{"".join(items[RISKS_SHOWN:])}</ul></details>'
        )
    if len(flagged) > RISKS_MAX:
        out += (
            f'<p class="ms-roadmap-note">{esc(t("risk.more", n=len(flagged) - RISKS_MAX))}</p>'
        )
    return out


def render_roadmap(
    entries: list[MilestoneEntry],
    *,
    page_url: str,
    filters: RoadmapFilter | None = None,
    title: str | None = "Roadmap",
    id_prefix: str = "ms-roadmap",
    today: date | None = None,
) -> str:
    """The roadmap as one HTML block (no blank lines, no trailing newline).

    Args:
        entries: Every milestone of the site (as collected for ``milestones.json``).
        page_url: The URL of the page the roadmap goes on (``"roadmap/"`` or ``"roadmap/index.html"``).
        filters: Which milestones and parts to show; None shows everything.
        title: An ``<h1>`` at the top, or None (for markers, or when the page has its own heading).
        id_prefix: Prefix of the element ids (one per roadmap on a page).
        today: The day overdue is measured against: overdue badges, the "Overdue" section, a "today" line on the
            timeline; None keeps the output independent of the date (nothing is overdue).

    Returns:
        ``<div class="ms-roadmap">...</div>``.
    """
    if active() is not None:
        return _render_roadmap(entries, page_url=page_url, filters=filters, title=title, id_prefix=id_prefix, today=today)
    with kept_parts(in_dict({})):
        return _render_roadmap(entries, page_url=page_url, filters=filters, title=title, id_prefix=id_prefix, today=today)


def _render_roadmap(entries: list[MilestoneEntry], *, page_url: str, filters: RoadmapFilter | None, title: str | None,
                    id_prefix: str, today: date | None) -> str:
    flt = filters or RoadmapFilter()
    if flt.today is None and today is not None:
        flt = dataclasses.replace(flt, today=today)
    today = flt.today
    shown = sorted(flt.apply(entries), key=flt.key)
    groups: dict[str, list[MilestoneEntry]] = {}
    for e in shown:
        groups.setdefault(status_of(e), []).append(e)
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix) or "ms-roadmap"
    out = [f'<div class="ms-roadmap" id="{prefix}" data-milestones="{len(shown)}">']
    if title:
        out.append(f'<h1 class="ms-roadmap-heading">{esc(title)}</h1>')
    if not shown:
        out.append('<p class="ms-roadmap-empty">No milestones match this view.</p></div>')
        return "".join(out)
    for section in (s for s in SECTIONS if s in flt.sections):
        if section == "counters":
            out.append(_counters(groups, prefix, "list" in flt.sections))
        elif section == "list":
            out.append('<section class="ms-roadmap-list"><h2 class="ms-roadmap-section">' + esc(t("roadmap.milestones")) + '</h2> ')
            out += [_group(st, groups[st], page_url, prefix, today) for st in GROUP_ORDER if st in groups]
            out.append("</section> ")
        elif section == "graph":
            out.append('<section class="ms-roadmap-graph"><h2 class="ms-roadmap-section">' + esc(t("roadmap.dependencies")) + '</h2> ')
            out += [_graph(shown, page_url), "</section> "]
        elif section == "timeline":
            out.append('<section class="ms-roadmap-timeline"><h2 class="ms-roadmap-section">' + esc(t("roadmap.timeline")) + '</h2> ')
            critical, note = critical_path_note(shown, lambda e: relative_url(e.url, page_url))
            out.append(
                render_timeline(
                    shown,
                    href=lambda e: relative_url(e.url, page_url),
                    title=lambda e: plain(e.milestone.title),
                    status=status_of,
                    order=order_key,
                    today=today,
                    critical=critical,
                )
            )
            out.append(note + "</section> ")
        elif section == "overdue" and today is not None:  # without a today, nothing is overdue: no section
            out.append('<section class="ms-roadmap-overdue"><h2 class="ms-roadmap-section">' + esc(t("roadmap.overdue")) + '</h2> ')
            out += [render_overdue(shown, today, lambda e: relative_url(e.url, page_url)), "</section> "]
        elif section == "risks":  # ``changed`` and ``burnup`` are drawn from the git history, by the marker
            out.append('<section class="ms-roadmap-at-risk"><h2 class="ms-roadmap-section">' + esc(t("roadmap.at-risk")) + '</h2> ')
            out += [_risks(shown, page_url), "</section> "]
    out.append("</div>")
    return "".join(out).replace("\r", " ").replace("\n", " ")  # one raw HTML block: no line breaks at all
