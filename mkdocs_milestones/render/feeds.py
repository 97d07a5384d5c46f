# SPDX-License-Identifier: MIT
"""The roadmap outside the site: an Atom feed, an iCalendar file and shields.io badge endpoints.

Standard library only; each function takes the milestones (and their git history) and returns
the text of one generated file:

* :func:`atom_feed` -> ``milestones.atom``: an entry per status change (creation included),
  newest first, with the commit's author, subject and link;
* :func:`ics_calendar` -> ``milestones.ics``: an all-day event per milestone on its target date
  (the model's ``target``: its ``Target``/``Due``/``Deadline``, or its phases' latest) or, without one, on
  its estimated end (Created + Estimated Duration);
* :func:`badge_json` -> ``badges/<slug>.json`` (:func:`badge_path`): a shields.io endpoint.

Identifiers are derived from what does not change between builds (the page path, a roadmap document's
milestone's id or title rather than its heading's anchor, the commit), so
feed readers and calendar apps update entries in place instead of repeating them. Every author
string is escaped for where it goes: XML text and attributes (control characters dropped), iCalendar
TEXT values (``\\``, ``;``, ``,`` and line breaks), JSON.
"""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
import uuid
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..dates import parse_date, parse_duration_days
from ..history import Change, MilestoneHistory, build_time, commit_url, entry_identities
from ..i18n import status_word
from ..i18n import text as t
from ..model import Milestone, MilestoneEntry
from ..roadmap.query import plain
from ..vocabulary import STATUS_WORDS
from .markup import safe_url
from .roadmap import relative_url

__all__ = ["ATOM_PATH", "BADGE_COLORS", "FEEDS", "ICS_PATH", "atom_feed", "badge_json", "badge_path", "badge_paths",
           "calendar_date", "feed_files", "feeds_option", "ics_calendar"]

ATOM_PATH = "milestones.atom"
ICS_PATH = "milestones.ics"
ATOM_NS = "http://www.w3.org/2005/Atom"
BADGE_COLORS: dict[str, str] = {
    "done": "brightgreen",
    "in-progress": "blue",
    "partial": "yellow",
    "pending": "lightgrey",
    "blocked": "orange",
    "failed": "red",
    "cancelled": "inactive",
    "unknown": "lightgrey",
}
"""shields.io colour names by status."""
_NAMESPACE = uuid.UUID("6f1d5b0e-5a8e-4b57-9c55-2b0d6c1f7a19")
"""Our namespace for name-based (version 5) UUIDs."""
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _label(status: str | None) -> str:  # in the active language; "Unknown status" for none
    return t(f"status.{status}" if status in STATUS_WORDS else "status.unknown")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _utc(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _link(url: str, site_url: str | None, base: str) -> str:
    """``url`` (site-relative) as an absolute URL under ``site_url``, else relative to the file at ``base``."""
    if site_url:
        return site_url.rstrip("/") + "/" + url.lstrip("/")
    return relative_url(url, base) or "./"


def _sub(parent: etree.Element, tag: str, text: str | None = None, **attrs: str) -> etree.Element:
    el = etree.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def _entry_title(change: Change, title: str) -> str:
    if change.kind == "created":
        return t("feed.created", title=title, status=_label(change.after))
    if change.kind == "phase-done" and change.phase is not None:
        return t("feed.phase", title=title, id=change.phase.id, phase=plain(change.phase.title))
    return t("feed.status", title=title, before=_label(change.before), after=_label(change.after))


def atom_feed(
    entries: Iterable[MilestoneEntry],
    histories: Mapping[str, MilestoneHistory],
    *,
    site_name: str = "",
    site_url: str | None = None,
    repo_url: str | None = None,
    path: str = ATOM_PATH,
    updated: datetime | None = None,
    limit: int | None = 100,
    phases: bool = False,
) -> str:
    """The Atom feed of the milestones' status changes, newest first.

    Arguments:
        entries: The site's milestones (the feed lists those with a history).
        histories: Their histories by milestone key (:attr:`MilestoneEntry.key`, as :func:`page_histories` gives them).
        site_name: The site's name, in the feed title.
        site_url: The site's public URL; links are relative to the feed without it.
        repo_url: The repository's web page, for links to the commits.
        path: The feed's own path in the site.
        updated: The feed's date when there is no entry (the newest entry's date otherwise).
        limit: Entries kept (the newest); None for all.
        phases: Also an entry per phase done.

    Returns:
        The feed as UTF-8 XML text.
    """
    by_key = {e.key: e for e in entries}
    changes = [
        c for key, h in histories.items() if key in by_key
        for c in (h.changes() if phases else h.status_changes())
    ]
    changes.sort(key=lambda c: (c.when, c.page, c.kind == "status"), reverse=True)  # newest first; status before phases
    if limit is not None:
        changes = changes[:limit]
    feed = etree.Element("feed", {"xmlns": ATOM_NS})
    name = site_name.strip()
    _sub(feed, "title", t("feed.title", site=name) if name else t("feed.title.plain"))
    _sub(feed, "subtitle", t("feed.subtitle"))
    if site_url:
        _sub(feed, "id", _link(path, site_url, path))
        _sub(feed, "link", rel="self", type="application/atom+xml", href=_link(path, site_url, path))
        _sub(feed, "link", rel="alternate", type="text/html", href=_link("", site_url, path))
    else:
        _sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, "feed:" + name + ":" + path)))
    stamp = changes[0].when if changes else (updated or datetime(1970, 1, 1, tzinfo=timezone.utc))
    _sub(feed, "updated", _utc(stamp))
    _sub(feed, "generator", "mkdocs-milestones", uri="https://pypi.org/project/mkdocs-milestones/")
    stable = {key: h.stable for key, h in histories.items()}
    for change in changes:
        entry = by_key[change.page]
        p = change.point
        title = plain(p.title) or plain(entry.milestone.title) or change.page
        el = _sub(feed, "entry")
        # one of a roadmap document's milestones: its own entry, by its history key (not the anchor, which
        # holds the status words)
        anchor = stable.get(change.page, change.page).partition("#")[2]
        key = f"{p.commit}:{p.path}{'#' + anchor if anchor else ''}:{change.kind}:{change.phase.id if change.phase else ''}"
        _sub(el, "id", "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, key)))
        _sub(el, "title", _entry_title(change, title))
        _sub(el, "updated", _utc(p.when))
        _sub(el, "published", _utc(p.when))
        author = _sub(el, "author")
        _sub(author, "name", p.author.strip() or "unknown")
        href = _link(entry.url, site_url, path)
        if safe_url(href):
            _sub(el, "link", rel="alternate", type="text/html", href=href)
        commit_href = commit_url(repo_url, p.commit)
        if commit_href and safe_url(commit_href):
            _sub(el, "link", rel="related", href=commit_href, title=t("feed.commit", sha=p.commit[:7]))
        _sub(el, "category", term=change.after or "unknown", label=_label(change.after))
        checks = " " + t("feed.checks", done=p.checks_done, total=p.checks_total) if p.checks_total else ""
        _sub(el, "summary", t("feed.summary", title=_entry_title(change, title), checks=checks,
                                commit=t("feed.commit", sha=p.commit[:7]), subject=p.subject), type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="unicode") + "\n"


# -- iCalendar ------------------------------------------------------------------------------------


def _ics_text(text: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11); control characters other than line breaks dropped."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545, 3.1) without splitting a UTF-8 sequence."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current, size, limit = [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += n
    parts.append("".join(current))
    return "\r\n ".join(parts)


def calendar_date(ms: Milestone) -> tuple[date, str] | None:
    """The day a milestone's event falls on and what it is: ``(day, "target")`` or ``(day, "estimated end")``.

    The model's ``target`` (read once by the parser) wins, then Created + Estimated Duration.
    """
    if ms.target is not None:
        return ms.target, "target"
    start, days = parse_date(ms.created), parse_duration_days(ms.estimated_duration)
    if start is not None and days:
        return start + timedelta(days=days), "estimated end"
    return None


def ics_calendar(
    entries: Iterable[MilestoneEntry],
    *,
    stamp: datetime,
    site_name: str = "",
    site_url: str | None = None,
    histories: Mapping[str, MilestoneHistory] | None = None,
) -> str:
    """The iCalendar file: an all-day event per milestone with a target date or an estimated end.

    Arguments:
        entries: The site's milestones.
        stamp: ``DTSTAMP`` of every event (pass the newest commit's date for a reproducible file).
        site_name: The site's name, in the calendar name.
        site_url: The site's public URL, for each event's ``URL``; without it there is none.
        histories: Histories by milestone key, for each event's ``LAST-MODIFIED``.

    Returns:
        The calendar, CRLF line ends, lines folded at 75 octets.
    """
    host = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", (site_url or "").strip().lower()).split("/")[0]
    host = re.sub(r"[^a-z0-9.\-]", "", host) or "mkdocs-milestones"
    name = site_name.strip()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//mkdocs-milestones//milestones.ics//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _ics_text(t("feed.title", site=name) if name else t("feed.title.plain")),
    ]
    dtstamp = stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    entries = list(entries)
    stable = entry_identities(entries)
    for entry in sorted(entries, key=lambda e: e.key):
        ms = entry.milestone
        when = calendar_date(ms)
        if when is None:
            continue
        day, kind = when
        title = plain(ms.title) or entry.key
        status = ms.status or "unknown"
        detail = [t("ics.status", status=_label(ms.status))]
        if ms.phases:
            detail.append(t("ics.phases", done=ms.phases_done, total=ms.phases_total))
        if total := ms.checks_total:  # each count walks the milestone's boxes: once each
            detail.append(t("feed.checks", done=ms.checks_done, total=total))
        url = _link(entry.url, site_url, "") if site_url else None
        if url:
            detail.append(url)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uuid.uuid5(_NAMESPACE, 'milestone:' + stable[entry.key])}@{host}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            "SUMMARY:" + _ics_text(t("ics.summary", title=title, kind=t("ics.target" if kind == "target" else "ics.estimate"))),
            "DESCRIPTION:" + _ics_text(" ".join(detail)),
            "CATEGORIES:" + _ics_text(_label(ms.status)),
            "TRANSP:TRANSPARENT",
        ]
        if status == "cancelled":
            lines.append("STATUS:CANCELLED")
        if url and safe_url(url):
            lines.append("URL:" + re.sub(r"[\x00-\x20\x7f]", "", url))
        history = (histories or {}).get(entry.key)
        if history is not None and history.points:
            lines.append("LAST-MODIFIED:" + history.points[-1].when.strftime("%Y%m%dT%H%M%SZ"))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# -- badges ---------------------------------------------------------------------------------------


def badge_path(key: str) -> str:
    """``badges/<slug>.json`` for a milestone (its history key: its page path, ``#<id or title slug>`` for one
    of a document's several): the folders, name and anchor, lower case, joined by dashes.

    >>> badge_path("milestones/Auth Rollout.md"), badge_path("Über/plan.md"), badge_path("ROADMAP.md#v1-2")
    ('badges/milestones-auth-rollout.json', 'badges/uber-plan.json', 'badges/roadmap-v1-2.json')
    """
    page, _, anchor = key.partition("#")
    stem = posixpath.splitext(page)[0] + (f"-{anchor}" if anchor else "")
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if not slug:
        slug = "milestone-" + uuid.uuid5(_NAMESPACE, key).hex[:8]
    return f"badges/{slug}.json"


def badge_paths(entries: Iterable[MilestoneEntry]) -> dict[str, str]:
    """A badge path per milestone (by :attr:`MilestoneEntry.key`), made of its history key
    (:func:`~mkdocs_milestones.history.history_keys`: a roadmap document's milestone by its id or title, not
    by its heading's anchor, so a README's badge URL survives a status change) or of a page's id (``badges/m2.json``,
    :func:`~mkdocs_milestones.history.entry_identities`: a rename keeps it); colliding slugs get ``-2``, ``-3``..."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    entries = list(entries)
    stable = entry_identities(entries)
    for entry in sorted(entries, key=lambda e: stable[e.key]):
        ident = stable[entry.key]  # ``id:M2`` -> badges/m2.json, ``v1.1`` -> badges/v1-1.json
        base = badge_path(ident[3:] + ".md" if ident.startswith("id:") else ident)
        path, n = base, 2
        while path in taken:
            path = base[:-5] + f"-{n}.json"
            n += 1
        taken.add(path)
        out[entry.key] = path
    return out


def badge_json(entry: MilestoneEntry) -> str:
    """The shields.io endpoint document of a milestone: title, status and progress, colour by status.

    Use it as ``https://img.shields.io/endpoint?url=<site>/badges/<slug>.json``.
    """
    ms = entry.milestone
    status = ms.status or "unknown"
    message = status_word(ms.status)
    if status in ("in-progress", "partial", "blocked") and ms.phases:
        message += f" \u00b7 {round(ms.progress * 100)}%"
    doc: dict[str, Any] = {
        "schemaVersion": 1,
        "label": plain(ms.title) or t("milestone"),
        "message": message,
        "color": BADGE_COLORS.get(status, BADGE_COLORS["unknown"]),
    }
    return json.dumps(doc, ensure_ascii=False) + "\n"


FEEDS = ("atom", "ics", "badges")
"""The generated files that can be turned on and off one by one."""


def feeds_option(value: object) -> tuple[str, ...]:
    """The ``feeds`` option read: ``true`` (or absent) for every feed, ``false`` for none, or a list
    (or a mapping of feed to true/false) naming some of :data:`FEEDS`; ValueError otherwise."""
    if value is None or value is True:
        return FEEDS
    if value is False:
        return ()
    if isinstance(value, dict):
        value = [k for k, on in value.items() if on]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and v in FEEDS for v in value):
        return tuple(f for f in FEEDS if f in value)
    raise ValueError(f"expected true, false or a list of {', '.join(FEEDS)}; got {value!r}")


def feed_files(
    entries: Iterable[MilestoneEntry],
    histories: Mapping[str, MilestoneHistory] | None,
    *,
    feeds: Iterable[str] = FEEDS,
    site_name: str = "",
    site_url: str | None = None,
    repo_url: str | None = None,
    today: date | None = None,
) -> dict[str, str]:
    """Every enabled feed file of a build, by path in the site.

    Arguments:
        entries: The site's milestones.
        histories: Their histories by milestone key; None when history is off (then there is no Atom feed,
            which only lists history).
        feeds: Which of :data:`FEEDS` to write.
        site_name: The site's name; site_url its public URL; repo_url the repository's web page.
        today: The plugin's ``today`` option: without history, the calendar's ``DTSTAMP`` is its end (else
            :func:`~mkdocs_milestones.history.build_time`'s); with history, the newest commit's date.
    """
    entries = list(entries)
    wanted = set(feeds)
    out: dict[str, str] = {}
    if "atom" in wanted and histories is not None:
        out[ATOM_PATH] = atom_feed(entries, histories, site_name=site_name, site_url=site_url, repo_url=repo_url)
    if "ics" in wanted:
        stamp = max((h.points[-1].when for h in (histories or {}).values() if h.points), default=None) or build_time(today=today)
        out[ICS_PATH] = ics_calendar(entries, stamp=stamp, site_name=site_name, site_url=site_url, histories=histories)
    if "badges" in wanted:
        by_key = {e.key: e for e in entries}
        for key, path in badge_paths(entries).items():
            out[path] = badge_json(by_key[key])
    return out
