# SPDX-License-Identifier: MIT
"""Roadmap markers: ``<!-- milestones status=in-progress priority=high folder=backend/ -->``.

Standard library only. A marker is an HTML comment whose first word is ``milestones`` (an
optional colon after it), starting a line (up to three spaces of indent) and ending its last
line; it may span several lines. Code fences are skipped. The words after ``milestones`` are
``key=value`` pairs; values are comma-separated lists, quoted with ``"`` or ``'`` when they hold
spaces. Keys (all optional, combined with AND; the values of one key with OR):

``status``
    Canonical statuses or any alias the pages may use (``wip``, ``done``), or ``unknown``.
``priority``
    ``critical``, ``high``, ``medium``, ``low`` or an alias (``p1``), or ``none``.
``folder``
    Source folders relative to the docs folder: ``backend/`` matches ``backend/db.md`` and
    ``backend/api/auth.md``.
``sections``
    Which parts to show, in the roadmap's order: ``counters``, ``list``, ``graph``,
    ``timeline``, ``risks``, ``changed``, ``burnup`` (default: all; the last two when the host
    read the git history).
``limit``
    Show at most N milestones (the first N in roadmap order).
``owner``
    Owners as written on the pages, the ``@`` of a handle optional, case ignored: ``owner=alice``
    matches ``@alice`` and ``Alice``. A name no milestone has is warned about.
``tag``
    Tags, case ignored; a tag no milestone has is warned about.
``overdue``
    ``yes`` keeps the overdue milestones (not done or cancelled, target before today), ``no`` the others.
``sort``
    The order of the rows within each status group: ``priority`` (the default), ``target``, ``created``
    or ``title``.

``<!-- milestones -->`` alone embeds the whole roadmap. Problems (unknown keys, bad values)
are reported with the marker's line; the marker still expands with what could be read.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..model import Diagnostic, MilestoneEntry
from ..parser import scan_lines
from ..render.history import render_roadmap_history
from ..render.roadmap import render_roadmap
from ..vocabulary import PRIORITIES, STATUSES, normalize_priority, normalize_status
from .query import SECTIONS, SORTS, RoadmapFilter, owner_key

if TYPE_CHECKING:
    from ..history import HistoryView

__all__ = [
    "unmatched_filters",
    "KEYS",
    "SECTIONS",
    "RoadmapFilter",
    "expand_markers",
    "find_markers",
    "parse_marker",
]

KEYS: tuple[str, ...] = ("status", "priority", "folder", "sections", "limit", "owner", "tag", "overdue", "sort")
_YES_NO = {"yes": True, "true": True, "y": True, "no": False, "false": False, "n": False}

_START_RE = re.compile(r"^ {0,3}<!--\s*milestones\b:?", re.IGNORECASE)
_BODY_RE = re.compile(r"^\s*<!--\s*milestones\b:?(?P<body>.*?)-->\s*$", re.IGNORECASE | re.DOTALL)
_PAIR_RE = re.compile(r"""(?P<key>[^\s=]+)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"']*)|(?P<stray>\S+)""")


def _values(raw: str) -> list[str]:
    if raw[:1] in "\"'" and raw[-1:] == raw[:1] and len(raw) > 1:
        raw = raw[1:-1]
    return [v.strip() for v in raw.split(",") if v.strip()]


def _folder(value: str) -> str:
    path = posixpath.normpath(value.replace("\\", "/").strip().lstrip("/"))
    return "" if path in (".", "") else path.rstrip("/") + "/"


def parse_marker(text: str) -> tuple[RoadmapFilter, list[str]]:
    """Read one marker (the whole ``<!-- milestones ... -->`` comment, or just its words).

    Returns:
        The filter, and problems worded for the author (empty when all is well).

    >>> f, problems = parse_marker("<!-- milestones status=wip,blocked colour=red -->")
    >>> f.statuses
    ('in-progress', 'blocked')
    >>> problems
    ["unknown key 'colour' in the milestones marker; use one of: status, priority, folder, sections, limit, owner, tag, overdue, sort"]
    """
    m = _BODY_RE.match(text)
    body = m.group("body") if m else text
    problems: list[str] = []
    found: dict[str, tuple[str, ...]] = {}
    written: dict[str, str] = {}  # an owner= or tag= value as the marker writes it (for the warnings)
    limit: int | None = None
    overdue: bool | None = None
    sort = "priority"
    for pm in _PAIR_RE.finditer(body):
        if pm.group("stray"):
            problems.append(
                f"'{pm.group('stray')}' in the milestones marker is not a key=value pair; "
                f"write for example status=in-progress (keys: {', '.join(KEYS)})"
            )
            continue
        key, values = pm.group("key").lower(), _values(pm.group("value"))
        if key not in KEYS:
            problems.append(f"unknown key {pm.group('key')!r} in the milestones marker; use one of: {', '.join(KEYS)}")
            continue
        if key in found:
            problems.append(f"{key} is given twice in the milestones marker; list the values once, comma-separated")
        if not values:
            problems.append(f"{key}= has no value in the milestones marker; write {key}=<value>")
            continue
        if key in ("limit", "overdue", "sort"):
            found[key] = tuple(values)
            one = values[0].lower() if len(values) == 1 else ""
            if key == "limit" and one.isdigit() and int(one) > 0:
                limit = int(one)
            elif key == "overdue" and one in _YES_NO:
                overdue = _YES_NO[one]
            elif key == "sort" and one in SORTS:
                sort = one
            else:
                allowed = {"limit": "a positive whole number, for example limit=10", "overdue": "yes or no",
                           "sort": ", ".join(SORTS)}[key]
                problems.append(f"{key}={','.join(values)} in the milestones marker is not known; write {allowed}")
            continue
        canon = _check(key, values, problems)
        if key in ("owner", "tag"):
            written.update({f"{key}:{c}": v.strip() for c, v in zip(canon, values)})
        found[key] = tuple(dict.fromkeys(found.get(key, ()) + tuple(canon)))
    return (
        RoadmapFilter(
            statuses=found.get("status", ()),
            priorities=found.get("priority", ()),
            folders=tuple(f for f in found.get("folder", ()) if f) if "" not in found.get("folder", ()) else (),
            sections=tuple(s for s in SECTIONS if s in found["sections"]) if found.get("sections") else SECTIONS,
            limit=limit,
            owners=found.get("owner", ()),
            tags=found.get("tag", ()),
            overdue=overdue,
            sort=sort,
            written=tuple(written.items()),
        ),
        problems,
    )


def _check(key: str, values: list[str], problems: list[str]) -> list[str]:
    """Canonical values for ``key``; a bad value becomes a problem."""
    out: list[str] = []
    for v in values:
        if key == "folder":
            out.append(_folder(v))
            continue
        if key in ("owner", "tag"):
            out.append(owner_key(v) if key == "owner" else v.strip().casefold())
            continue
        low = v.lower()
        if key == "status":
            canon = "unknown" if low == "unknown" else normalize_status(v)
            allowed = (*STATUSES, "unknown")
        elif key == "priority":
            canon = "none" if low == "none" else normalize_priority(v)
            allowed = (*PRIORITIES, "none")
        else:
            canon = low if low in SECTIONS else None
            allowed = SECTIONS
        if canon is None:
            problems.append(f"{key}={v!r} in the milestones marker is not known; use one of: {', '.join(allowed)}")
        else:
            out.append(canon)
    return out


def unmatched_filters(flt: RoadmapFilter, entries: Sequence[MilestoneEntry]) -> list[str]:
    """An ``owner=`` or ``tag=`` value that no milestone of the site has (a typo, most likely), one problem each,
    the value as the marker writes it. The build and ``mkdocs-milestones check`` both report them."""
    out, as_written = [], dict(flt.written)
    for key, wanted, have in (("owner", flt.owners, {owner_key(o): o for e in entries for o in e.milestone.owners}),
                              ("tag", flt.tags, {x.casefold(): x for e in entries for x in e.milestone.tags})):
        for value in wanted:
            if value not in have:
                known = ", ".join(sorted(set(have.values()))[:12]) or "none in this site"
                out.append(f"{key}={as_written.get(f'{key}:{value}', value)!r} in the milestones marker matches no milestone's {key}; use one of: {known}")
    return out


def find_markers(markdown: str, first_line: int = 1) -> list[tuple[int, int, int, RoadmapFilter, list[str]]]:
    """Every marker outside code fences.

    Args:
        markdown: The page's Markdown.
        first_line: The number of the first line (to count front matter that was cut off).

    Returns:
        ``(start, end, line, filter, problems)`` per marker: character offsets of the comment in
        ``markdown`` (``end`` excludes the line break after it), and its first line's number.
    """
    lines = scan_lines(markdown, first_line)
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln.text) + 1
    out: list[tuple[int, int, int, RoadmapFilter, list[str]]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.in_fence or not _START_RE.match(ln.text):
            i += 1
            continue
        j = i
        while j < len(lines) and "-->" not in lines[j].text and not (j > i and lines[j].in_fence):
            j += 1
        if j >= len(lines) or lines[j].in_fence or not lines[j].text.rstrip().endswith("-->"):
            i += 1  # unterminated, or more text after the comment: not a marker
            continue
        start, end = offsets[i], offsets[j] + len(lines[j].text)
        flt, problems = parse_marker(markdown[start:end])
        out.append((start, end, ln.no, flt, problems))
        i = j + 1
    return out


def expand_markers(
    markdown: str,
    entries: Sequence[MilestoneEntry],
    *,
    page_url: str,
    file: str | None,
    first_line: int = 1,
    history: HistoryView | None = None,
    block: Callable[[str], str] | None = None,
    today: date | None = None,
) -> tuple[str, list[Diagnostic]]:
    """Replace each marker with its roadmap (filtered, without a title) as one raw HTML block.

    Args:
        markdown: The page's Markdown.
        entries: Every milestone of the site.
        page_url: The URL of the page being built (links are made relative to it).
        file: The page's source path, for diagnostics.
        first_line: The line number of the first line of ``markdown``.
        history: The git history: the ``changed`` and ``burnup`` sections follow each roadmap.
        block: What stands in the Markdown for a roadmap's HTML: the HTML itself by default; a
            Python-Markdown host passes ``md.htmlStash.store``, so the roadmap (every milestone of
            the site) is not parsed again as raw HTML.
        today: The day overdue is measured against (the ``overdue=`` filter, badges, the timeline's today line).

    Returns:
        The new Markdown (blank lines around each inserted block), and a diagnostic per problem.
    """
    markers = find_markers(markdown, first_line)
    diagnostics: list[Diagnostic] = []
    parts: list[str] = []
    pos = 0
    for n, (start, end, line, flt, problems) in enumerate(markers, 1):
        diagnostics += [Diagnostic(file, line, p) for p in [*problems, *unmatched_filters(flt, entries)]]
        flt = dataclasses.replace(flt, today=today)
        html = render_roadmap(list(entries), page_url=page_url, filters=flt, title=None, id_prefix=f"ms-roadmap-{n}", today=today)
        if history is not None and ("changed" in flt.sections or "burnup" in flt.sections):
            html += render_roadmap_history(
                flt.apply(entries), history.milestones, days=history.days, now=history.now, base_url=page_url,
                repo_url=history.repo_url, changed="changed" in flt.sections, burnup="burnup" in flt.sections,
            )
        parts += [markdown[pos:start], "\n\n", block(html) if block is not None else html, "\n\n"]
        pos = end
    parts.append(markdown[pos:])
    return "".join(parts), diagnostics
