# SPDX-License-Identifier: MIT
"""The page's chrome as finished HTML (issue 17): the header card, badges, progress, a phase's summary line.

The same markup as the element builders of :mod:`.html` give once Python-Markdown has serialised them
(attributes in name order, its escaping, its line breaks between block elements), written as strings:
the extension puts each piece into the page through the raw-HTML stash, so no element is built, walked
by the later tree processors or serialised. Every text here is plain text: ours (labels, counts, dates)
or the author's words when they hold no Markdown (the caller decides, :mod:`..extension.plain`); it is
escaped here for where it goes. Author text that holds Markdown takes the element builders' way.
"""

from __future__ import annotations

import re
from datetime import date

from ..i18n import text as t
from ..model import Milestone, Phase
from ..schedule import OWNER_LABELS, TAG_LABELS, TARGET_LABELS
from .html import card_kind, needs_label, priority_label, status_label

__all__ = ["attr", "badge", "card", "level_badge", "link", "meta_item", "overdue_badge", "phase_meta", "priority_badge",
           "progress_bar", "text", "with_note"]

_AMP_RE = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def text(s: str) -> str:
    """HTML text as Python-Markdown's serialiser writes it (an ``&`` that starts a character reference kept).

    >>> text("a < b & c &amp; d")
    'a &lt; b &amp; c &amp; d'
    """
    if "&" in s:
        s = _AMP_RE.sub("&amp;", s)
    return s.replace("<", "&lt;").replace(">", "&gt;") if "<" in s or ">" in s else s


def attr(s: str) -> str:
    """A double-quoted attribute value as Python-Markdown's serialiser writes it (quotes not included)."""
    return text(s).replace('"', "&quot;")


def link(words: str, href: str) -> str:
    """``<a href=...>words</a>`` as Python-Markdown's link pattern and serialiser give it: ``words`` plain text, both
    escaped here (``href`` already as the host's link rewriting leaves it)."""
    return f'<a href="{attr(href)}">{text(words)}</a>'


def _span(cls: str, inner: str, **attrs: str) -> str:
    """``<span class=...>inner</span>``; ``attrs`` given in name order, values escaped here, ``inner`` finished HTML."""
    extra = "".join(f' {k.replace("_", "-")}="{attr(v)}"' for k, v in attrs.items())
    return f'<span class="{cls}"{extra}>{inner}</span>'


def _labelled(cls: str, words: str, label: str, title: str, **data: str) -> str:
    """A badge of the author's ``words``, with ``label`` added when they hold no word (:func:`.html.needs_label`)."""
    inner = text(words)
    if needs_label(words):
        inner = (inner + " " if words else "") + _span("ms-badge-label", text(label))
    return _span(cls, inner, **data, title=title)


def badge(words: str, status: str | None) -> str:
    """:func:`.html.badge`: ``words`` plain text (the author's), escaped here."""
    canon, label = status_label(status)
    return _labelled("ms-badge ms-status", words, label, label, data_status=canon)


def priority_badge(words: str, priority: str | None) -> str:
    """:func:`.html.priority_badge`."""
    canon, label = priority_label(priority)
    return _labelled("ms-badge ms-priority", words, label, f"{t('priority')}: {label}", data_priority=canon)


def level_badge(words: str, level: str | None) -> str:
    """:func:`.html.level_badge`."""
    return _span("ms-badge ms-level", text(words), data_level=level or "unknown")


def with_note(badge_html: str, note: str) -> str:
    """:func:`.html.with_note`: the badge and the author's note beside it."""
    if not note:
        return badge_html
    return _span("ms-status-group", badge_html + " " + _span("ms-status-note", text(note)))


def overdue_badge(days: int, target: date | None = None, today: date | None = None) -> str:
    """:func:`.html.overdue_badge`."""
    if target and today:
        return _span("ms-badge ms-overdue", text(t("overdue", n=days)), data_overdue=str(days),
                     title=t("overdue.title", target=target.isoformat(), today=today.isoformat()))
    return _span("ms-badge ms-overdue", text(t("overdue", n=days)), data_overdue=str(days))


def progress_bar(fraction: float, label: str, detail: str) -> str:
    """:func:`.html.progress_bar`."""
    pct = max(0.0, min(1.0, fraction)) * 100
    inner = f"{pct:.0f}%" + (" " + _span("ms-progress-detail", text(detail)) if detail else "")
    return (f'<div aria-label="{attr(label)}" aria-valuemax="100" aria-valuemin="0" aria-valuenow="{pct:.0f}" '
            'class="ms-progress" role="progressbar"><svg aria-hidden="true" class="ms-progress-bar" focusable="false" '
            'preserveAspectRatio="none" viewBox="0 0 100 6"><rect class="ms-progress-track" height="6" rx="3" width="100" '
            f'x="0" y="0"></rect><rect class="ms-progress-fill" height="6" rx="3" width="{pct:.1f}" x="0" y="0"></rect>'
            f"</svg>{_span('ms-progress-text', inner)}</div>")


def meta_item(label: str, value_html: str, field: str) -> str:
    """:func:`.html.meta_item`, with the line breaks Python-Markdown puts between its block elements."""
    return f'<div class="ms-meta-item" data-field="{attr(field)}">\n<dt>{text(label)}</dt>\n<dd>{value_html}</dd>\n</div>'


def _tag_chips(tags: list[str]) -> str:
    return _span("ms-tags", " ".join(_span("ms-tag", text(tag)) for tag in tags))


class CardField:
    """A top field moved into the card: its label, ``data-field``, value as HTML and, for a value shown as
    written (no badge), that text (the card adds the target's day, or makes a tags line chips)."""

    __slots__ = ("field", "label", "plain", "value")

    def __init__(self, label: str, field: str, value: str, plain: str | None) -> None:
        self.label, self.field, self.value, self.plain = label, field, value, plain


def card(ms: Milestone, fields: list[CardField], progress_detail: str, today: date | None = None,
         skip: tuple[str, str] | None = None) -> str:
    """:func:`.html.header_card` as the page gets it; ``skip`` (the search view's two comments) brackets the
    kicker, status and progress as :mod:`..extension.search_view` would."""
    head = _span("ms-kicker", text(t("milestone"))) + " "  # the space only keeps the words apart in a search index
    if not any(f.field == "status" for f in fields):
        head += with_note(badge(ms.status_text, ms.status), ms.status_note)
    late = ms.overdue_days(today)
    if late:
        head += ("" if head.endswith(" ") else " ") + overdue_badge(late, ms.target, today)
    items = _card_items(ms, fields)
    shown = {f.field.replace("-", " ") for f in fields}
    items += _plan_items(ms, shown)
    over = f' data-overdue="{late}"' if late else ""
    start = (f'<div class="ms-card"{over} data-priority="{attr(ms.priority or "unknown")}" '
             f'data-status="{attr(ms.status or "unknown")}">\n<div class="ms-card-head">{head}</div>\n')
    dl = '<dl class="ms-meta">\n' + "\n".join(items) + "\n</dl>\n" if items else ""
    bar = progress_bar(ms.progress, t("progress.overall"), progress_detail) + "\n</div>"
    if skip is None:
        return start + dl + bar
    on, off = skip
    if not dl:
        return on + start + bar + off
    return on + start + off + dl + on + bar + off


def _card_items(ms: Milestone, fields: list[CardField]) -> list[str]:
    """The page's own Target line with the day it resolves to, its ``**Tags**:`` line as chips (:func:`.html._card_fields`)."""
    out = []
    dated = tagged = False
    for f in fields:
        kind, value = card_kind(f.field), f.value
        if kind == "target" and not dated:
            dated = True
            day = ms.target.isoformat() if ms.target is not None and not ms.target_from_phases else ""
            if day and day not in _words(f):
                value += " " + _span("ms-target-day", f"({day})", data_date=day)
        elif kind == "tags" and not tagged and ms.tags and f.plain is not None:
            tagged = True
            if [x.strip() for x in re.split(r"[,;]", f.plain.replace("#", ""))] == ms.tags:
                value = _tag_chips(ms.tags)
        out.append(meta_item(f.label, value, f.field))
    return out


_TAG_RE = re.compile(r"<[^>]*>")


def _words(f: CardField) -> str:
    """The value's text as a reader sees it (a badge's words and label)."""
    return f.plain if f.plain is not None else _TAG_RE.sub("", f.value)


def _plan_items(ms: Milestone, shown: set[str]) -> list[str]:
    """:func:`.html._plan_items`."""
    items = []
    if ms.target is not None and not shown & set(TARGET_LABELS):
        day = ms.target.isoformat()
        words = t("target.from-phases", date=day) if ms.target_from_phases else day
        items.append(meta_item(t("label.target"), _span("ms-target", text(words), data_date=day), "target"))
    if ms.owners and not shown & set(OWNER_LABELS):
        items.append(meta_item(t("label.owners"), text(", ".join(ms.owners)), "owners"))
    if ms.tags and not shown & set(TAG_LABELS):
        items.append(meta_item(t("label.tags"), _tag_chips(ms.tags), "tags"))
    return items


def phase_meta(phase: Phase, status_badge: str, today: date | None = None) -> str:
    """The badges of a phase's summary line (:func:`.html.phase_summary` without the heading), after its status
    badge (:func:`badge`)."""
    total = phase.checks_total
    if not total and phase.target is None:  # most phases without a due day: the badge alone
        return f'<span class="ms-phase-meta">{status_badge}</span>'
    parts = [status_badge]
    if total:
        done = phase.checks_done
        # our own words and numbers: nothing to escape
        parts.append(f'<span class="ms-phase-checks" data-complete="{"true" if done == total else "false"}" '
                     f'title="{done} of {total} criteria checked">{done}/{total}</span>')
    if phase.target is not None:
        day = phase.target.isoformat()
        parts.append(_span("ms-phase-target", text(t("phase.due", date=day)), data_date=day))
        late = phase.overdue_days(today)
        if late:
            parts.append(overdue_badge(late, phase.target, today))
    return _span("ms-phase-meta", " ".join(parts))
