# SPDX-License-Identifier: MIT
"""When, who and what: targets, owners and tags of milestones and phases, read once; overdue, slips
and the critical path to the latest target, computed from the model (standard library only).

* A target is a ``**Target**:``, ``**Due**:``, ``**Deadline**:`` or ``**Target date**:`` line (front matter
  ``target:``/``due:``), read by :func:`~mkdocs_milestones.dates.parse_target`. ``TBD`` (``TBA``, ``none``,
  ``-``) is no target; an unreadable one is a warning at its line, the value kept as written. A
  ``**Target**:`` in words with no digit (``Model and surface service-with-buffer parallelism``) is a goal,
  not a date: neither read nor warned about.
* Owners: ``**Owner**:``/``Owners``/``Lead``/``Assignee`` (front matter ``owner:``/``owners:``), a list
  separated by commas, semicolons, ``and`` or ``&``; ``@handles`` kept as written.
* Tags: ``**Tags**:`` or front matter ``tags:`` (Material's tags plugin reads the same key).
* A milestone without a target of its own takes its phases' latest (rolled up).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from .dates import looks_like_date, parse_date, parse_target
from .model import SETTLED, Diagnostic, Field, Milestone, MilestoneEntry, Phase, overdue_days

__all__ = [
    "DATE_FORMS",
    "critical_path_to_latest",
    "check_target_slips",
    "finish_date",
    "overdue_days",
    "read_milestone_plan",
    "read_phase_plan",
]

TARGET_LABELS = ("target", "target date", "due", "due date", "deadline")
_DATE_LABELS = frozenset(TARGET_LABELS[1:])
"""Labels that can only hold a date (``Target`` alone may be a goal in words)."""
OWNER_LABELS = ("owner", "owners", "lead", "assignee", "assignees")
TAG_LABELS = ("tags", "tag")
DATE_FORMS = "2026-03-31, 31 March 2026 or March 31, 2026 (March 2026 means its last day, 2026-Q2 the quarter's last day)"
_NO_DATE_RE = re.compile(r"^\s*(?:tbd|tba|tbc|n/?a|none|unscheduled|not set|-+|\u2014|\u2013|\?+)\s*\.?\s*$", re.IGNORECASE)
_NOBODY_RE = re.compile(r"^\s*(?:tbd|tba|none|nobody|unassigned|n/?a|-+|\u2014|\u2013|\?+)\s*\.?\s*$", re.IGNORECASE)
_ISO_RE = re.compile(r"(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)")
_LINK_TEXT_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS_RE = re.compile(r"\*\*|__|`")


def _plain(text: str) -> str:
    """A value without links' targets and emphasis marks: what a reader reads."""
    return _MARKS_RE.sub("", _LINK_TEXT_RE.sub(r"\1", text)).strip()


def _read_target(label: str, value: object) -> tuple[date | None, str, str | None]:
    """``(day, as written, problem)`` of a target value; ``as written`` is empty when it is a goal in words."""
    if isinstance(value, datetime):
        return value.date(), value.date().isoformat(), None
    if isinstance(value, date):
        return value, value.isoformat(), None
    text = _plain(str(value if value is not None else "").split("\n")[0])
    if not text or _NO_DATE_RE.match(text):
        return None, text, None
    day = parse_target(text)
    if day is not None:
        bad = [m.group(0) for m in _ISO_RE.finditer(text) if parse_date(m.group(0)) is None]
        if bad:  # ``2026-02-30 or 2026-03-01``: a reader cannot tell which one is meant
            return day, text, (f"the {label} {text!r} holds {bad[0]!r}, which is no date, and is read as {day}; "
                               f"write the one date meant, as {DATE_FORMS}")
        return day, text, None
    if label not in _DATE_LABELS and not looks_like_date(text):
        # ``**Target:** Model and surface ... parallelism``, ``Post M-0/M-1 Foundation``, ``95% coverage``: a goal,
        # not a date (only a value that tries to be one, a year, a month by a number, a quarter, is warned)
        return None, "", None
    return None, text, (f"the {label} {text!r} is not a date a reader can place; write it as {DATE_FORMS}, "
                        "or TBD while there is none")


def _people(value: object) -> list[str]:
    """Owners as written: a list (front matter) or one value split at commas, semicolons, ``and``, ``&``."""
    items = value if isinstance(value, list) else re.split(r"[,;]|\s+(?:and|&)\s+", str(value or "").split("\n")[0])
    out = [_plain(str(x)) for x in items]
    return list(dict.fromkeys(x for x in out if x and not _NOBODY_RE.match(x)))


def _tags(value: object) -> list[str]:
    """Tags as written: a list (front matter, as Material reads it) or one value split at commas and semicolons;
    ``#a #b`` (hashtags without commas) is split at spaces, the ``#`` dropped."""
    if isinstance(value, list):
        items = [str(x) for x in value if x is not None]
    else:
        text = _plain(str(value or "").split("\n")[0])
        parts = text.split()
        items = [p[1:] for p in parts] if parts and all(p.startswith("#") and len(p) > 1 for p in parts) and "," not in text else re.split(r"[,;]", text)
    return list(dict.fromkeys(x.strip() for x in items if x.strip()))


def _read_fields(into: Milestone | Phase, fields: Iterable[Field], warn: Callable[[int, str], None],
                 own: Callable[[Field], bool]) -> None:
    """Target, owners and tags from the label lines for which ``own`` holds (the first of each kind)."""
    owners = tags = False
    for f in fields:
        key = f.label.strip().lower()
        if key not in TARGET_LABELS and key not in OWNER_LABELS and key not in TAG_LABELS or not own(f):
            continue
        if key in TARGET_LABELS and into.target_line is None:
            day, text, problem = _read_target(key, f.value)
            if not text:
                if isinstance(into, Milestone) and not into.target_goal:
                    into.target_goal = _plain(str(f.value or "").split("\n")[0])  # a goal in words, or TBD
                continue
            into.target, into.target_text, into.target_line = day, text, f.line
            if problem:
                warn(f.line, problem)
        elif key in OWNER_LABELS and not owners:
            into.owners, owners = _people(f.value), True
        elif key in TAG_LABELS and not tags:
            into.tags, tags = _tags(f.value), True


def read_phase_plan(phase: Phase, until: int | None, warn: Callable[[int, str], None]) -> None:
    """A phase's target, owners and tags: its label lines before ``until`` (its first subsection)."""
    _read_fields(phase, phase.fields, warn, lambda f: until is None or f.line < until)


def read_milestone_plan(ms: Milestone, meta: dict[str, Any], own: Callable[[Field], bool], warn: Callable[[int, str], None],
                        meta_lines: Mapping[str, int] | None = None) -> None:
    """A milestone's target, owners and tags (label lines for which ``own`` holds, else front matter), its
    phases' latest target when it has none, and the slips between its phases' targets (warned at their lines)."""
    _read_fields(ms, ms.fields, warn, own)
    if ms.target_line is None:
        for key in ("target", "due"):
            if meta.get(key) not in (None, ""):
                day, text, problem = _read_target(key + " date", meta[key])
                line = (meta_lines or {}).get(key, ms.line)  # the key's own line when the host told it
                ms.target, ms.target_text, ms.target_line = day, text, line
                if problem:
                    warn(line, f"front matter `{key}: {text}` is not a date a reader can place; write it as {DATE_FORMS}")
                break
    if not ms.owners:
        ms.owners = _people(meta.get("owners", meta.get("owner")))
    if not ms.tags and meta.get("tags") is not None:
        ms.tags = _tags(meta.get("tags"))
    dated = [p for p in ms.phases if p.target is not None]
    if ms.target is None and not ms.target_text and not ms.target_goal and dated:
        last = max(dated, key=lambda p: p.target)  # type: ignore[arg-type,return-value]
        ms.target, ms.target_line, ms.target_from_phases = last.target, last.target_line, True
    _phase_slips(ms, warn)


def _phase_slips(ms: Milestone, warn: Callable[[int, str], None]) -> None:
    by_id = {p.id.lower(): p for p in ms.phases}
    for p in ms.phases:
        if p.target is None or p.target_line is None or p.status in SETTLED:
            continue
        for ref in p.depends_on:
            dep = by_id.get(ref.lower())
            end = _phase_finish(dep) if dep is not None and dep is not p else None
            if dep is not None and end is not None and end > p.target:
                word = "completion" if dep.status == "done" else "target"
                warn(p.target_line, f"Phase {p.id}'s target {p.target} is before the {word} {end} of Phase {dep.id}, which it "
                                    f"depends on; move it to {end} or later, or bring Phase {dep.id}'s target forward")
        if ms.target is not None and not ms.target_from_phases and p.target > ms.target:
            warn(p.target_line, f"Phase {p.id}'s target {p.target} is after the milestone's target {ms.target} (line "
                                f"{ms.target_line}); move the phase's target to {ms.target} or earlier, or the milestone's later")


def _phase_finish(phase: Phase) -> date | None:
    if phase.status == "done":
        return parse_date(phase.completed)
    return phase.target


def finish_date(ms: Milestone) -> tuple[date | None, str]:
    """When a milestone ends as far as the page says: ``(completion date, "completion")`` when done, else
    ``(target, "target")``; ``(None, "")`` when it says neither."""
    if ms.status == "done":
        day = parse_date(ms.completed)
        return (day, "completion") if day is not None else (None, "")
    return (ms.target, "target") if ms.target is not None else (None, "")


def check_target_slips(entries: Sequence[MilestoneEntry]) -> None:
    """Warn, at its Target line, about an open milestone due before a milestone it depends on ends (that one's
    target, or its completion date when done). Run after dependencies are resolved."""
    by_key = {e.key: e for e in entries}
    for e in entries:
        ms = e.milestone
        if ms.target is None or ms.status in SETTLED:
            continue
        for key in e.depends_on:
            dep = by_key.get(key)
            end, word = finish_date(dep.milestone) if dep is not None else (None, "")
            if end is not None and end > ms.target:
                whose = "its phases' latest target" if ms.target_from_phases else "its target"
                e.warnings.append(Diagnostic(e.page, ms.target_line or ms.line, (
                    f"{e.name} is due {ms.target} ({whose}) but depends on {dep.name}, whose {word} is {end}; move the "
                    f"target to {end} or later, or bring forward the {word} of {dep.name}")))


def critical_path_to_latest(entries: Sequence[MilestoneEntry]) -> list[str]:
    """The chain of open milestones that drives the latest target: the open milestone due last, then, walking
    back, at each step the open dependency that ends last. Keys from first to last; empty without a target."""
    live = {e.key: e for e in entries if e.milestone.status not in SETTLED}
    dated = [e for e in live.values() if e.milestone.target is not None]
    if not dated:
        return []
    cur = max(dated, key=lambda e: (e.milestone.target, [-ord(c) for c in e.key])).key
    path = [cur]
    while True:
        deps = [d for d in live[cur].depends_on if d in live and d not in path]
        if not deps:
            break
        cur = max(deps, key=lambda d: (live[d].milestone.target or date.min, -deps.index(d)))
        path.append(cur)
    return path[::-1]
