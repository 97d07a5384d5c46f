# SPDX-License-Identifier: MIT
"""The version-1 ``milestones.json`` document.

Its text is what ``json.dumps(document, ensure_ascii=False, indent=2)`` writes (:func:`indented_json`: the
standard library's own string escaping, without its generic pure-Python indenting encoder); author text is
kept as written (repaired mojibake aside).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from json.encoder import encode_basestring
from datetime import date
from typing import TYPE_CHECKING, Any

from .dates import build_today
from .links import LinkRules
from .model import MilestoneEntry

if TYPE_CHECKING:
    from .history import MilestoneHistory

__all__ = ["EXPORT_VERSION", "MilestoneEntry", "export_document", "export_json", "indented_json", "milestone_dict"]

EXPORT_VERSION = 1


def milestone_dict(entry: MilestoneEntry, today: date | None = None, *, links: LinkRules | None = None) -> dict[str, Any]:
    """One milestone in the export's shape; ``overdue`` is measured against ``today`` (false without one),
    ``links`` resolves its issue references (as its page does)."""
    ms = entry.milestone
    return {
        "page": entry.page,
        "url": entry.url,
        "title": ms.title,
        "id": ms.id,
        "status": ms.status,
        "status_text": ms.status_text,
        "status_note": ms.status_note,
        "priority": ms.priority,
        "created": ms.created,
        "estimated_duration": ms.estimated_duration,
        "target": ms.target.isoformat() if ms.target else None,
        "overdue": ms.overdue_days(today) > 0,
        "owners": list(ms.owners),
        "tags": list(ms.tags),
        "depends_on": list(entry.depends_on),
        "progress": round(ms.progress, 4),
        "criteria": [{"metric": c.metric, "target": c.target, "status": c.status} for c in ms.criteria],
        "phases": [
            {
                "id": p.id,
                "title": p.title,
                "status": p.status,
                "goal": p.goal,
                "depends_on": list(p.depends_on),
                "checks_done": p.checks_done,
                "checks_total": p.checks_total,
                "completed": p.completed,
                "target": p.target.isoformat() if p.target else None,
                "overdue": p.overdue_days(today) > 0,
                "owners": list(p.owners),
                "tags": list(p.tags),
            }
            for p in ms.phases
        ],
        "risks": [
            {"risk": r.risk, "likelihood": r.likelihood, "impact": r.impact, "mitigation": r.mitigation}
            for r in ms.risks
        ],
        "links": [{"text": r.text, "url": url} for r, url in (links or LinkRules()).links(ms.refs)],
        "warnings": [str(d) for d in entry.all_warnings],
    }


def export_document(
    entries: list[MilestoneEntry], histories: Mapping[str, MilestoneHistory] | None = None, *, lang: str | None = None,
    today: date | None = None,
    links: LinkRules | None = None,
) -> dict[str, Any]:
    """The whole document, milestones ordered by page path.

    ``today`` (default: :func:`~mkdocs_milestones.dates.build_today`, the date of ``SOURCE_DATE_EPOCH`` or of
    the build) is written as ``"today"``, and what is ``overdue`` is measured against it.

    ``lang`` (multilingual sites: one document per language) is the language of its pages. With
    ``histories`` (history read from git), each milestone gains ``history``: its points, oldest first, as
    ``{"date", "status", "checks_done", "checks_total", "commit"}`` (an empty list for a page without
    commits), and ``"history_partial": true`` when a shallow clone cuts it (its first point is the clone's
    boundary, not the milestone's creation); without, the keys are left out. ``links`` (the site's repository and trackers) gives each
    milestone's ``links``: its issue references that link somewhere, as ``{"text", "url"}``.
    """
    day = today or build_today()
    doc = _head(day, lang)
    milestones = []
    for e in sorted(entries, key=lambda e: (e.page, e.milestone.line)):
        item = milestone_dict(e, day, links=links)
        if histories is not None:
            item.update(_history_keys(histories, e.key))
        milestones.append(item)
    doc["milestones"] = milestones
    return doc


def _head(day: date, lang: str | None) -> dict[str, Any]:
    """The document's keys before its milestones."""
    head: dict[str, Any] = {"version": EXPORT_VERSION}
    if lang:
        head["lang"] = lang
    head["today"] = day.isoformat()
    return head


def _history_keys(histories: Mapping[str, MilestoneHistory], key: str) -> dict[str, Any]:
    """A milestone's ``history`` (an empty list for a page without commits), and ``history_partial`` when a shallow
    clone cuts it (its first point is the clone's boundary, not a creation)."""
    h = histories.get(key)
    if h is None:
        return {"history": []}
    return {"history": h.to_list(), "history_partial": True} if h.partial else {"history": h.to_list()}


def export_json(
    entries: list[MilestoneEntry], histories: Mapping[str, MilestoneHistory] | None = None, *, lang: str | None = None,
    today: date | None = None,
    links: LinkRules | None = None,
    cache: Any = None,
) -> str:
    """The document as JSON text (UTF-8 characters kept, two-space indent, trailing newline).

    ``cache`` (a :class:`~mkdocs_milestones.extension.cache.RenderCache`, kept across ``mkdocs serve`` rebuilds)
    keeps each milestone's text by what it is made of (the parsed milestone, which the parse cache gives again
    for an unchanged page, its place, dependencies, warnings, ``today`` and ``links``): a rebuild writes again
    only the milestones that changed. The text is the same either way.
    """
    if cache is None:
        return indented_json(export_document(entries, histories, lang=lang, today=today, links=links)) + "\n"
    day = today or build_today()
    head = _head(day, lang)
    items = []
    for e in sorted(entries, key=lambda e: (e.page, e.milestone.line)):
        text = _item_text(e, day, links, cache)
        if histories is not None:
            text = _with_keys(text, _history_keys(histories, e.key), _ITEM_PAD)
        items.append(text)
    body = f',\n  "milestones": [\n{_ITEM_PAD}' + f",\n{_ITEM_PAD}".join(items) + "\n  ]" if items else ',\n  "milestones": []'
    return indented_json(head)[:-2] + body + "\n}\n"


_ITEM_PAD = "    "
"""The indent of a milestone in the document (``{"milestones": [{...}]}``)."""


def _nested(value: object, pad: str) -> str:
    """``value``'s text where it is written at indent ``pad`` (a container)."""
    try:
        return _encoded(value, pad)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)  # JSON strings hold no raw line break


def _item_text(entry: MilestoneEntry, day: date, links: LinkRules | None, cache: Any) -> str:
    ms = entry.milestone
    # The value keeps ``ms`` alive, so its id names no other object while the entry lives.
    key = (id(ms), entry.page, entry.url, tuple(entry.depends_on), tuple(str(d) for d in entry.warnings), day, links)
    return cache.get("export", key, lambda: (ms, _nested(milestone_dict(entry, day, links=links), _ITEM_PAD)))[1]  # type: ignore[no-any-return]


def _with_keys(text: str, extra: dict[str, Any], pad: str) -> str:
    """An object's ``text`` (written at indent ``pad``, not empty) with the keys of ``extra`` added at its end."""
    close = "\n" + pad + "}"
    more = _nested(extra, pad)
    return text[:-len(close)] + ",\n" + more[2:-len(close)] + close


class _Unusual(Exception):
    """A value :func:`indented_json` leaves to ``json.dumps`` (not str, int, float, bool, None, list, tuple, dict
    with str keys)."""


_KEYS: dict[str, str] = {}
"""``"key": `` by key (the export's few keys, encoded once per process)."""


def _key(k: object) -> str:
    if type(k) is not str:
        raise _Unusual
    text = _KEYS.get(k)
    if text is None:
        text = encode_basestring(k) + ": "
        if len(_KEYS) < 256:
            _KEYS[k] = text
    return text


def _scalar(v: object, enc: Any = encode_basestring) -> str | None:
    """A scalar's text, or None for a container (or another type)."""
    t = type(v)
    if t is str:
        return enc(v)  # type: ignore[no-any-return]
    if v is None:
        return "null"
    if t is int:
        return int.__repr__(v)  # type: ignore[arg-type]
    if t is bool:
        return "true" if v else "false"
    if t is float:
        return json.dumps(v)  # repr, or NaN/Infinity as json.dumps writes them
    return None


def _encoded(o: object, pad: str, scalar: Any = _scalar, keys: dict[str, str] = _KEYS) -> str:
    """A container's text (``_Unusual`` for another type)."""
    t = type(o)
    inner = pad + "  "
    if t is dict:
        if not o:
            return "{}"
        parts = []
        for k, v in o.items():  # type: ignore[attr-defined]
            text = scalar(v)
            parts.append((keys.get(k) or _key(k)) + (_encoded(v, inner) if text is None else text))
        return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + pad + "}"
    if t is list or t is tuple:
        if not o:
            return "[]"
        items = []
        for v in o:  # type: ignore[attr-defined]
            text = scalar(v)
            items.append(_encoded(v, inner) if text is None else text)
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + pad + "]"
    raise _Unusual


def indented_json(doc: object) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)``, character for character, in about a third of its time.

    With ``indent``, the standard library encodes with a pure-Python generator per container (the C encoder
    serves only compact output); this writes the same text with one call per container and the standard
    library's own string escaping. A value of another type (or a dict key that is not a string) is left to
    ``json.dumps`` itself.

    >>> doc = {"a": [1, 2.5, True, None, "é\\n"], "b": {}, "c": []}
    >>> indented_json(doc) == json.dumps(doc, ensure_ascii=False, indent=2)
    True
    """
    try:
        text = _scalar(doc)
        return _encoded(doc, "") if text is None else text
    except _Unusual:
        return json.dumps(doc, ensure_ascii=False, indent=2)
