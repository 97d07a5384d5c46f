# SPDX-License-Identifier: MIT
"""HTML building blocks for milestone pages: badges, the header card, phase summaries.

Pure ``xml.etree`` builders. Text set on the elements is the author's Markdown with raw HTML
neutralised (:func:`protect`), so the host's inline processor still renders bold, code and links
while a ``<script>`` in a structured field shows as text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from datetime import date

from ..model import Milestone, Phase
from ..i18n import text as t
from ..schedule import OWNER_LABELS, TAG_LABELS, TARGET_LABELS
from ..vocabulary import PRIORITY_LABELS, STATUS_LABELS
from .markup import inert_title, protect, safe_image_src, safe_url


__all__ = [
    "badge",
    "card_kind",
    "header_card",
    "level_badge",
    "overdue_badge",
    "phase_summary",
    "priority_badge",
    "progress_bar",
    "inert_title",
    "protect",
    "safe_image_src",
    "safe_url",
    "slug",
    "to_html",
]

_HAS_WORD_RE = re.compile(r"[^\W_]", re.UNICODE)


def status_label(status: str | None) -> tuple[str, str]:
    """``(canonical status, its label in the page's language)`` for a badge; ``unknown`` when there is none."""
    canon = status or "unknown"
    return canon, t(f"status.{canon}" if canon in STATUS_LABELS else "status.unknown")


def priority_label(priority: str | None) -> tuple[str, str]:
    """``(canonical priority, its label in the page's language)`` for a badge."""
    canon = priority or "unknown"
    return canon, t(f"priority.{canon}" if canon in PRIORITY_LABELS else "priority.unknown")


def needs_label(words: str | None) -> bool:
    """True when a badge's words hold no letter or digit (only an emoji, or nothing): the label is added, so colour
    never carries the meaning alone."""
    return not words or not _HAS_WORD_RE.search(words)


def slug(text: str) -> str:
    """A lower-case, dash-separated token for ``data-*`` attributes.

    >>> slug("Estimated Duration")
    'estimated-duration'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "field"


def _span(cls: str, text: str | None = None, **attrs: str) -> etree.Element:
    el = etree.Element("span", {"class": cls, **attrs})
    if text is not None:
        el.text = text
    return el


def badge(text: str, status: str | None, *, markdown: bool = True) -> etree.Element:
    """A status badge: ``<span class="ms-badge" data-status="done">✅ completed</span>``.

    The canonical status is always on the badge: as ``data-status`` for styling, and as words
    when the author wrote only an emoji, so colour never carries the meaning alone. ``text`` is
    Markdown the host still renders (raw HTML in it shown as text), or plain text with
    ``markdown=False`` (the roadmap, serialised with :func:`to_html`).
    """
    prep = protect if markdown else str
    canon, label = status_label(status)
    el = _span("ms-badge ms-status", prep(text) if text else None, **{"data-status": canon})
    el.set("title", label)
    if needs_label(text):
        word = _span("ms-badge-label", label)
        if text:
            el.text = prep(text) + " "
        el.append(word)
    return el


def with_note(badge_el: etree.Element, note: str) -> etree.Element:
    """A badge and, when there is one, the author's explanation beside it (``PARTIAL`` + ``functional but...``)."""
    if not note:
        return badge_el
    group = _span("ms-status-group")
    group.append(badge_el)
    badge_el.tail = " "
    group.append(_span("ms-status-note", protect(note)))
    return group


def priority_badge(text: str, priority: str | None, *, markdown: bool = True) -> etree.Element:
    """A priority badge with ``data-priority``; emoji-only text gets the word too."""
    prep = protect if markdown else str
    canon, label = priority_label(priority)
    el = _span("ms-badge ms-priority", prep(text) if text else None, **{"data-priority": canon})
    el.set("title", f"{t('priority')}: {label}")
    if needs_label(text):
        if text:
            el.text = prep(text) + " "
        el.append(_span("ms-badge-label", label))
    return el


def to_html(el: etree.Element) -> str:
    """An element as HTML text (for pages built as strings: the roadmap)."""
    return etree.tostring(el, encoding="unicode", method="html")


def level_badge(text: str, level: str | None) -> etree.Element:
    """A likelihood/impact level (``data-level="high"``) for risk tables."""
    return _span("ms-badge ms-level", protect(text), **{"data-level": level or "unknown"})


def progress_bar(fraction: float, label: str, detail: str) -> etree.Element:
    """An accessible progress bar drawn with inline SVG (no inline styles, no script)."""
    pct = max(0.0, min(1.0, fraction)) * 100
    wrap = etree.Element(
        "div",
        {
            "class": "ms-progress",
            "role": "progressbar",
            "aria-label": label,
            "aria-valuemin": "0",
            "aria-valuemax": "100",
            "aria-valuenow": f"{pct:.0f}",
        },
    )
    svg = etree.SubElement(
        wrap,
        "svg",
        {"class": "ms-progress-bar", "viewBox": "0 0 100 6", "preserveAspectRatio": "none", "aria-hidden": "true", "focusable": "false"},
    )
    etree.SubElement(svg, "rect", {"class": "ms-progress-track", "x": "0", "y": "0", "width": "100", "height": "6", "rx": "3"})
    etree.SubElement(svg, "rect", {"class": "ms-progress-fill", "x": "0", "y": "0", "width": f"{pct:.1f}", "height": "6", "rx": "3"})
    text = _span("ms-progress-text", f"{pct:.0f}%")
    if detail:
        text.text += " "  # a word break for search indexers, which join adjacent elements' text
        text.append(_span("ms-progress-detail", detail))
    wrap.append(text)
    return wrap


def milestone_progress_detail(ms: Milestone) -> str:
    """``1/3 phases done · 2/5 checks``."""
    parts = []
    if ms.phases:
        parts.append(t("progress.phases", done=ms.phases_done, total=ms.phases_total))
    if ms.checks_total:
        parts.append(t("progress.checks", done=ms.checks_done, total=ms.checks_total))
    return " \u00b7 ".join(parts)


def overdue_badge(days: int, target: date | None = None, today: date | None = None) -> etree.Element:
    """``overdue by N days``: a badge with ``data-overdue="N"`` (words, never colour alone); with the dates, a
    tooltip saying what it is measured from (``target 2026-03-31, today 2026-04-15``)."""
    extra = {"title": t("overdue.title", target=target.isoformat(), today=today.isoformat())} if target and today else {}
    return _span("ms-badge ms-overdue", t("overdue", n=days), **{"data-overdue": str(days)}, **extra)


def _tag_chips(tags: list[str]) -> etree.Element:
    chips = _span("ms-tags")
    for n, tag in enumerate(tags):
        chips.append(_span("ms-tag", protect(tag)))
        chips[-1].tail = " " if n < len(tags) - 1 else None
    return chips


def card_kind(field: str) -> str | None:
    """"target" or "tags" for a card field whose value the card rewrites (a day, chips), else None; ``field`` is the
    label's slug, the ``data-field`` the field gets (the element builders, the finished card and the decoration ask)."""
    kind = field.replace("-", " ")
    return "target" if kind in TARGET_LABELS else "tags" if kind in TAG_LABELS else None


def _card_fields(ms: Milestone, fields: list[etree.Element]) -> None:
    """The page's own Target line gets the day it resolves to when it does not say it (``March 2026 (2026-03-31)``);
    its plain ``**Tags**:`` line becomes the chips front matter tags get."""
    dated = tagged = False
    for f in fields:
        kind, dd = card_kind(f.get("data-field", "")), f.find("dd")
        if dd is None:
            continue
        if kind == "target" and not dated:
            dated = True
            day = ms.target.isoformat() if ms.target is not None and not ms.target_from_phases else ""
            if day and day not in "".join(dd.itertext()):
                last = dd[-1] if len(dd) else None
                if last is not None:
                    last.tail = (last.tail or "") + " "
                else:
                    dd.text = (dd.text or "") + " "
                dd.append(_span("ms-target-day", f"({day})", **{"data-date": day}))
        elif kind == "tags" and not tagged and ms.tags and not len(dd):
            tagged = True
            if [x.strip() for x in re.split(r"[,;]", (dd.text or "").replace("#", ""))] == ms.tags:
                dd.text = None
                dd.append(_tag_chips(ms.tags))


def _plan_items(ms: Milestone, shown: set[str]) -> list[etree.Element]:
    """Target, owners and tags the page's top lines do not show (front matter, a target rolled up from the phases)."""
    items = []
    if ms.target is not None and not shown & set(TARGET_LABELS):
        text = t("target.from-phases", date=ms.target.isoformat()) if ms.target_from_phases else ms.target.isoformat()
        items.append(meta_item(t("label.target"), _span("ms-target", text, **{"data-date": ms.target.isoformat()}), "target"))
    if ms.owners and not shown & set(OWNER_LABELS):
        items.append(meta_item(t("label.owners"), protect(", ".join(ms.owners)), "owners"))
    if ms.tags and not shown & set(TAG_LABELS):
        items.append(meta_item(t("label.tags"), _tag_chips(ms.tags), "tags"))
    return items


def header_card(ms: Milestone, fields: list[etree.Element], today: date | None = None) -> etree.Element:
    """The card under the title: kicker, the top metadata (as moved from the page), the target, owners and tags
    the page shows nowhere else, an "overdue by N days" badge (against ``today``) and progress."""
    card = etree.Element(
        "div",
        {"class": "ms-card", "data-status": ms.status or "unknown", "data-priority": ms.priority or "unknown"},
    )
    head = etree.SubElement(card, "div", {"class": "ms-card-head"})
    head.append(_span("ms-kicker", t("milestone")))
    head[-1].tail = " "  # flex items: the space only keeps the words apart in a search index
    if not any(f.get("data-field") == "status" for f in fields):
        head.append(with_note(badge(ms.status_text, ms.status), ms.status_note))
    late = ms.overdue_days(today)
    if late:
        head[-1].tail = " "
        head.append(overdue_badge(late, ms.target, today))
        card.set("data-overdue", str(late))
    _card_fields(ms, fields)
    fields = [*fields, *_plan_items(ms, {f.get("data-field", "").replace("-", " ") for f in fields})]
    if fields:
        dl = etree.SubElement(card, "dl", {"class": "ms-meta"})
        for f in fields:
            dl.append(f)
    card.append(progress_bar(ms.progress, t("progress.overall"), milestone_progress_detail(ms)))
    return card


def meta_item(label: str, value: etree.Element | str, field: str) -> etree.Element:
    """A ``<div><dt>Label</dt><dd>value</dd></div>`` entry of the card's metadata list."""
    item = etree.Element("div", {"class": "ms-meta-item", "data-field": field})
    dt = etree.SubElement(item, "dt")
    dt.text = protect(label)
    dd = etree.SubElement(item, "dd")
    if isinstance(value, str):
        dd.text = protect(value)
    else:
        dd.append(value)
    return item


def phase_summary(phase: Phase | None, heading: etree.Element, status_text: str, status: str | None,
                  today: date | None = None) -> etree.Element:
    """The always-visible line of a phase: its heading, status badge, estimate, box count, target and overdue."""
    summary = etree.Element("summary", {"class": "ms-phase-summary"})
    heading.set("class", (heading.get("class", "") + " ms-phase-heading").strip())
    summary.append(heading)
    meta = etree.SubElement(summary, "span", {"class": "ms-phase-meta"})
    meta.append(badge(status_text, status))
    heading.tail = " "  # flex items: the spaces only keep the words apart in a search index
    if phase is not None and phase.checks_total:
        meta[-1].tail = " "
        meta.append(
            _span(
                "ms-phase-checks",
                f"{phase.checks_done}/{phase.checks_total}",
                title=f"{phase.checks_done} of {phase.checks_total} criteria checked",
                **{"data-complete": "true" if phase.checks_done == phase.checks_total else "false"},
            )
        )
    if phase is not None and phase.target is not None:
        meta[-1].tail = " "
        meta.append(_span("ms-phase-target", t("phase.due", date=phase.target.isoformat()), **{"data-date": phase.target.isoformat()}))
        late = phase.overdue_days(today)
        if late:
            meta[-1].tail = " "
            meta.append(overdue_badge(late, phase.target, today))
    return summary
