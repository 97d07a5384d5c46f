# SPDX-License-Identifier: MIT
"""Milestone Markdown -> :class:`~mkdocs_milestones.model.Milestone`.

A line scanner, aware of code fences, that reads what authors actually write: headings of any
level, labels with or without bold, ``Phase 2a``, missing and extra sections, CRLF and a BOM.
It never raises on bad input; problems come back as :class:`~mkdocs_milestones.model.Diagnostic`
items on ``Milestone.diagnostics``.

>>> m = parse_milestone("# MILESTONE: Demo\\n**Status**: WIP\\n\\n### Phase 1: Start\\n**Status**: done\\n")
>>> (m.title, m.status, [p.id for p in m.phases], m.progress)
('Demo', 'in-progress', ['1'], 1.0)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from .detect import _MS_ID_RE, _PHASE_RE, _has_plan_evidence, trail_remark, front_matter_milestone, _title_after_id, is_milestone_source, milestone_heading, title_from_heading
from .graph import build_phase_graph
from .links import scan_refs
from .model import Check, Diagnostic, Field, Milestone, Phase, Table, Task
from .reading import _ESTIMATE_RE, _NONE_RE, _TASKLIST_RE, _TITLE_STATUS_RE, _combine, _numbered_back, _phase_heading, box_status, box_status_of, cell_value, column_kinds, optional_item, parse_phase_refs, read_status
from .refs import milestone_refs, ref_is_shaped
from .schedule import read_milestone_plan, read_phase_plan
from .sections import _NUMBERED_RE, _SectionReader
from .source import LABEL_RE, Lines, OUTSIDE, _ATX_RE, _BULLET_RE, _first_h1, _heading, _normalize, _strip_md, _table_blocks, fence_states, front_matter_keys, html_block_lines, heading_anchor, scan_lines, split_attr_list, split_front_matter
from .vocabulary import PRIORITIES, STATUSES, is_status_phrase, normalize_priority, normalize_status, split_status

__all__ = [
    "LABEL_RE",
    "OUTSIDE",
    "box_status",
    "cell_value",
    "column_kinds",
    "fence_states",
    "heading_anchor",
    "is_milestone_source",
    "milestone_heading",
    "milestone_refs",
    "parse_milestone",
    "parse_phase_refs",
    "read_status",
    "ref_is_shaped",
    "scan_lines",
    "split_attr_list",
    "split_front_matter",
    "title_from_heading",
]

_MS_DEP_LABELS = ("depends on", "blocked by", "dependencies", "dependency", "prerequisites", "prerequisite", "requires")


_LINES_EST_RE = re.compile(r"\(\s*~?\s*(?P<n>\d[\d,]*)\s*(?:lines?|loc|sloc)\b[^)]*\)", re.IGNORECASE)


_CRITERIA_RE = re.compile(
    r"(?i)^(?:.*\b(?:criteri(?:a|on)|definition of done|dod|success metrics|validation gates?|pre-publish checklist|exit conditions?"
    r"|(?:complete|done|finished) when)|(?:(?:functional|non-functional|technical|acceptance)\s+)?requirements?|acceptance"
    r"|(?:FR|NFR|REQ)[-\s]?\d.*)$"
)
"""A heading or label naming what a milestone had to meet (its never-ticked boxes are criteria, not open work), as a whole:
``Acceptance criteria``, ``Definition of Done``, ``Milestone Complete When:``, ``Requirements``, ``FR-2: Loader``; not a
title with such a word in it (``User acceptance testing``, ``Requirements gathering``, ``Update requirements``)."""


def _under_criteria(heads: list[str]) -> bool:
    """Is a list under a heading that names criteria (``## Acceptance Criteria`` / ``### API``), with no phase heading
    between (``## Acceptance criteria`` / ``### Phase 2: Build`` is work)? ``heads``: nearest first."""
    for h in heads:
        if _PHASE_RE.match(_strip_md(h).strip()):
            return False
        if _names_criteria(h):
            return True
    return False


@functools.lru_cache(maxsize=4096)  # pure; a site's lists are introduced by the same few words
def _names_criteria(text: str) -> bool:
    """Does a heading or a label, as a whole, name criteria? A phase heading (``Phase 2: Acceptance``) names work.

    >>> [_names_criteria(t) for t in ("Acceptance Criteria", "4. Pre-publish checklist (~10 min)", "Success Criteria:", "FR1: Manifest")]
    [True, True, True, True]
    >>> [_names_criteria(t) for t in ("Phase 2: User acceptance testing", "Requirements gathering", "Update requirements", "Phase 3: Exit criteria")]
    [False, False, False, False]
    """
    text = _strip_md(text).strip()
    if _PHASE_RE.match(text):
        return False
    text = re.sub(r"^[^\w]*(?:\d+[.)]\s+)?", "", text)  # ``4. **Pre-publish checklist**``, ``✅ Acceptance criteria``
    text = re.sub(r"(?:\s*\([^()]*\))+\s*[:.]?\s*$", "", text)  # ``(~10 min)``, ``(must pass)``
    text = re.sub(r"[\s:.\W]+$", "", text)
    return bool(_CRITERIA_RE.match(text))


_OPTIONAL_LIST_RE = re.compile(r"(?i)\(\s*optional\s*\)|^optional\s*:|^stretch(?:\s+goals?)?\s*(?:\(optional\))?\s*:?\s*$|\bnice[\s\-\u2011]to[\s\-\u2011]haves?\s*:?\s*$")
"""A heading or label whose list is optional: ``Stretch (optional):``, ``#### FR4: Refused arrivals (Optional)``, ``Nice to have:``."""
_LEAD_BOLD_RE = re.compile(r"^(?:[-*+]|\d+[.)])?\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*(?:\([^()]*\))?\s*:?\s*$")
"""A line that introduces the list below it in bold: ``4. **Pre-publish checklist** (~10 min)``."""


_NOT_OWN_WORK_RE = re.compile(
    r"(?i)\b(?:prerequisites?|pre-requisites?|dependenc(?:y|ies)|depends on|blocked by|out of scope|non[\s-]?goals?|"
    r"not in scope|risks?|blockers?|known issues|open questions|legend)\b|^\W*key\W*$"
)
"""Sections whose list is not the milestone's own work, so ✅ marks in it say nothing about its status."""


_TODO_RE = re.compile(
    r"(?i)^\W*(?:next(?: steps?| up)?|to[\s-]?do|todos?|remaining(?: work| tasks)?|open(?: tasks| items| work)?|pending|planned|backlog|"
    r"upcoming|later|tasks|work items|still to do|not (?:yet )?done|in progress)\W*$"
)
"""A heading or label over work still to do: its unmarked items say the milestone is not done."""


_BEFORE_RE = re.compile(r"(?i)(?:prerequisites?|pre-requisites?|dependencies|depends on|before (?:you )?start(?:ing)?)\b")


_SPACE_OR_NOTHING = frozenset(("", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\xa0",
                               "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007",
                               "\u2008", "\u2009", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"))
"""A line's first character that leaves it no introducing line: none, or one ``str.isspace`` calls space."""


def _underline(text: str) -> bool:
    """Can ``text`` underline a setext heading (only ``=`` or only ``-``, spaces around)? Cheaper than asking."""
    t = text.strip()
    return t[:1] in ("=", "-") and not t.strip(t[0])


_ITEM_MARKS = frozenset("-*+")  # a bullet item's first character (after its spaces)
_column_kinds = functools.lru_cache(maxsize=1024)(column_kinds)  # pure; a site's tables repeat their headers


class _LineIndex:
    """``{ln.no: index}`` of consecutively numbered lines, without building the dict."""

    __slots__ = ("first", "count")

    def __init__(self, first: int, count: int) -> None:
        self.first, self.count = first, count

    def get(self, no: int) -> int | None:
        n = no - self.first
        return n if 0 <= n < self.count else None


class _Parser(_SectionReader):
    def __init__(self, text: str, file: str | None, meta: dict[str, Any] | None, first_line: int,
                 meta_lines: Mapping[str, int] | None = None) -> None:
        self.file = file
        self.meta = dict(meta or {})
        self.meta_lines = dict(meta_lines or {})  # the source line of each front matter key
        text = _normalize(text)
        fm, body, offset = split_front_matter(text)
        if fm:
            self.meta = {**fm, **self.meta}
            self.meta_lines = {k: first_line - 1 + n for k, n in front_matter_keys(text).items()} | self.meta_lines
        self.lines = scan_lines(body, first_line + offset)
        self.body = body  # the lines' text, joined
        self.diags: list[Diagnostic] = []
        self.top_end = 1 << 30  # the line of the first heading after the title (set by _body)
        self.informed: set[int] = set()  # phases whose status was written or shown by their tasks
        self.unmarked_is_planned = False  # a roadmap section among marked siblings (roadmap_doc)
        self.span = (0, len(self.lines))  # the lines of the milestone being read (set by _body)
        self.raw_html: set[int] | None = None  # html_block_lines(self.lines), read by _body and kept for scan_refs
        self.atx: list[int] | None = None  # the lines of the span with "#" in their first 4 characters (set by _body)
        self.atx_read: dict[int, tuple[int, str, str]] = {}  # those that are ATX headings outside code (set by _body)

    def warn(self, line: int, message: str) -> None:
        self.diags.append(Diagnostic(self.file, line, message))

    # -- sections -------------------------------------------------------------------------------
    def parse(self) -> Milestone | None:
        lines = self.lines
        h1 = _first_h1(lines)
        found = milestone_heading(h1[1]) if h1 is not None else None
        forced = self.meta.get("milestone") is True or front_matter_milestone(self.meta)
        if found is not None and not found[2] and not _has_plan_evidence(lines, h1[0] + 1):  # type: ignore[index]
            found = None  # ``# M3 ...`` with neither a status line nor a phase: not sure, leave the page alone
        if found is None and not forced:
            return None
        ident, title = (found[0], found[1]) if found else (None, None)
        if found is None and front_matter_milestone(self.meta):
            ident = str(self.meta["id"]).strip()  # ``id: M-031``: the front matter names the milestone
        if title is None:
            title = str(self.meta.get("title") or (split_attr_list(h1[1])[0] if h1 else "") or "Untitled milestone")
        start = h1[0] + 1 if h1 is not None else 0
        ms = Milestone(title=title, line=lines[h1[0]].no if h1 else (lines[0].no if lines else 1), file=self.file, id=ident)
        ms.meta = self.meta
        ms.keyword_title = h1 is not None and title_from_heading(h1[1]) is not None
        if not title:
            self.warn(ms.line, "the milestone has no title; write `# MILESTONE: <name>`")
        self._body(ms, start, len(lines))
        ms.refs = scan_refs(lines, self.raw_html, self.body)  # every line of a milestone page is the milestone's, text before its title too
        return ms

    def _heading_status(self, ms: Milestone) -> None:
        """``## Milestone: v1.0 Backlog (COMPLETE)``, ``... — SHIPPED``: with no status line, the heading's word is the status."""
        m = _TITLE_STATUS_RE.search(ms.title)
        if m is None or ms.status_line is not None or ms.status_text:
            return
        words, note = split_status(m.group("paren") or m.group("dash") or "")
        if normalize_status(words) is not None and is_status_phrase(words) and trail_remark(m.group("paren") or m.group("dash") or "", words, note):
            ms.title = ms.title[:m.start()].rstrip() or ms.id or ms.title  # ``## v2.1.0 (in development)``: the version is its name
            ms.status_text, ms.status_note, ms.status = words, note, normalize_status(words)

    def _body(self, ms: Milestone, start: int, stop: int) -> None:
        """Read lines ``start:stop`` (after the milestone's heading) into ``ms``."""
        lines = self.lines
        self.span = self.atx_span = (start, stop)
        # Headings outside code, in order.
        heads: list[tuple[int, int, str]] = []  # (index, level, text)
        # a heading inside ``<div markdown="1">`` is not the page's (a block's line starts with "<")
        raw_html = self.raw_html = html_block_lines(lines) if "<" in self.body else set()
        # read once: the checklist walk below asks again. Only a line with "#" in its first 4 characters (ATX) or
        # over a line of only "=" or only "-" (setext) can be one: the others are not asked (_heading says None).
        line_heads: dict[int, tuple[int, str] | None] = {}
        texts, fence = lines.texts, lines.fence
        atx = self.atx = [i for i in range(start, stop) if "#" in texts[i][:4]]
        # (an underline ends with "=" or "-", spaces after it: asked first, most lines end otherwise)
        setext = [i - 1 for i in range(start + 1, min(stop + 1, len(lines)))
                  if ((t := texts[i]).endswith(("=", "-")) or t[-1:].isspace() and t.rstrip()[-1:] in ("=", "-"))
                  and ((c := t[:1]) == "-" or c == "=" or c == " " and t[:4].lstrip(" ")[:1] in ("=", "-")) and _underline(t)]
        # the ATX headings among them (outside code): (level, text, text without emphasis), for the phases' subsections
        # and the list contexts
        atx_read = self.atx_read = {}
        for i in sorted(set(atx).union(setext)) if setext else atx:
            m = _ATX_RE.match(texts[i]) if not fence[i] and "#" in texts[i][:4] else None
            if m is not None:  # (what _heading reads first)
                said = (m.group(2) or "").strip()
                atx_read[i] = (len(m.group(1)), said, _strip_md(said))
                h = line_heads[i] = atx_read[i][:2]
            else:
                h = line_heads[i] = _heading(lines, i)
            if h and i not in raw_html:
                heads.append((i, h[0], h[1]))

        # Walk the document: top fields, sections, phases.
        section_name = ""
        seen_ids: dict[str, int] = {}
        bounds = [i for i, _, _ in heads] + [stop]
        self._fields(lines[start:bounds[0]], ms.fields, quoted=True)
        self.top_end = lines.first + bounds[0] if bounds[0] < len(lines) else (lines.first + len(lines) if lines else 1)
        in_phase = bytearray(stop)  # 1 on the lines of a phase (its heading and body)
        first_level: int | None = None  # the first phase heading's level
        phase_of = [_PHASE_RE.match(_strip_md(split_attr_list(t)[0])) for _, _, t in heads]  # each heading read once
        found = [(lv, m.group("id").lower()) for (_, lv, _), m in zip(heads, phase_of) if m]
        top = min((lv for lv, _ in found), default=0)
        top_ids = {pid for lv, pid in found if lv == top}
        # each heading's parent: the nearest heading above it of a lower level (-1: the title)
        parents: list[int] = []
        below: list[int] = []  # the headings that can still be a parent: levels rising
        for n, (_, lv, _) in enumerate(heads):
            while below and heads[below[-1]][1] >= lv:
                below.pop()
            parents.append(below[-1] if below else -1)
            below.append(n)
        phase_parent: dict[str, int] = {}  # the parent heading of each phase id's first heading
        k = 0
        while k < len(heads):
            i, level, text = heads[k]
            pm = phase_of[k]
            if pm and first_level is not None and level > first_level and _numbered_back(ms.phases[-1].id, pm.group("id")):
                pm = None  # ``## Phase 3.10`` ... ``### Phase 1 - Schema``: a plan inside the phase, not the next phase
            if pm and level > top and pm.group("id").lower() in top_ids:
                pm = None  # ``### Phase 1 Kickoff`` (a log entry) beside ``## Phase 1: Schema``: the phase is the latter
            if pm:
                first_level = level if first_level is None else first_level
                # A phase runs until the next heading of its level or above, or the next phase.
                end_k = k + 1
                while end_k < len(heads) and heads[end_k][1] > level and not self._next_phase(phase_of[end_k], pm.group("id")):
                    end_k += 1
                end = heads[end_k][0] if end_k < len(heads) else stop
                phase = self._phase(pm, lines.first + i, level, lines[i + 1:end], split_attr_list(text)[1], i + 1)
                phase.heading = _phase_heading(pm, text)
                in_phase[i:end] = b"\x01" * (end - i)
                first = phase_parent.get(phase.id.lower())
                if first is not None and first != parents[k]:
                    # ``### Phase 1 Complete (Critical Fixes)`` under ``## Success Criteria`` after ``### Phase 1:
                    # ...`` under ``## Implementation Plan``: the same phase named again in another section (its
                    # criteria, its tests, a recap), not a second Phase 1: its boxes are the phase's
                    self._merge_phase(ms.phase(phase.id), phase)
                    k = end_k
                    continue
                phase_parent.setdefault(phase.id.lower(), parents[k])
                if phase.id.lower() in seen_ids:
                    self.warn(phase.line, f"Phase {phase.id} is numbered twice (first at line {seen_ids[phase.id.lower()]}); give each phase its own number")
                else:
                    seen_ids[phase.id.lower()] = phase.line
                ms.phases.append(phase)
                k = end_k
                continue
            section_name = _strip_md(text).lower()
            end = bounds[k + 1]
            body = lines[i + 1:end]
            # A section is everything up to the next heading of its level or above.
            end_k = k + 1
            while end_k < len(heads) and heads[end_k][1] > level and not _PHASE_RE.match(_strip_md(heads[end_k][2])):
                end_k += 1
            full = lines[i + 1:(heads[end_k][0] if end_k < len(heads) else stop)]
            self._section(ms, section_name, level, lines.first + i, text, body, full)
            k += 1

        # The page's own checklists, outside phases and code; a ``## Prerequisites`` list is what came before, not this work.
        before = False
        # only a heading or a line with a box's "[" does anything here
        for idx in [i for i in range(start, stop) if not in_phase[i] and (i in line_heads or "[" in texts[i])]:
            if fence[idx]:
                continue
            h = line_heads.get(idx)
            if h is not None:
                before = bool(_BEFORE_RE.match(_strip_md(h[1])))
                continue
            box = None if before else self._box_at(texts[idx], lines.first + idx)
            if box is not None:
                ms.checks.append(box)
        if not ms.phases:
            self._phase_table(ms, start, stop)
        self._milestone_fields(ms)
        self._heading_status(ms)
        self._lists(ms)
        self._phase_statuses(ms)
        self._milestone_status(ms)
        self._external_phase_refs(ms)
        read_milestone_plan(ms, self.meta, lambda f: f.line < self.top_end or self._at_section_top(f), self.warn, self.meta_lines)
        ms.settle_phases()
        ms.tables = [Table(no, (cells := tuple(header)), _column_kinds(cells)) for no, header, _ in _table_blocks(
            lines if start == 0 and stop == len(lines) else lines[start:stop], cells=False)]
        self._diagrams(ms, start, stop)
        self._check_refs(ms)
        ms.diagnostics = self.diags

    @staticmethod
    def _merge_phase(into: Phase | None, again: Phase) -> None:
        """What a phase's second mention adds: its boxes, and its status when the first has none."""
        if into is None:
            return
        into.checks.extend(again.checks)
        if into.status_line is None and again.status_line is not None:
            into.status, into.status_text, into.status_note, into.status_line = again.status, again.status_text, again.status_note, again.status_line

    @staticmethod
    def _next_phase(m: re.Match[str] | None, current: str) -> bool:
        """Does this deeper heading (its phase reading, ``_PHASE_RE`` on its text) start another phase?
        (``### Phase 1 Validation`` inside Phase 1 does not.)"""
        return bool(m) and m.group("id").lower() != current.lower() and not _numbered_back(current, m.group("id"))

    @staticmethod
    def _box_at(text: str, no: int) -> Check | None:
        """The task-list line numbered ``no`` (holding ``text``) as a :class:`Check`, with the author's own markers read
        (None for other lines)."""
        if "[" not in text:
            return None
        t = _TASKLIST_RE.match(text)
        if not t:
            return None
        mark = t.group("mark")
        status = box_status_of(mark, t.group("text"))
        if status is None:
            return None  # ``- [Link] text``, ``- [NEW] feature``: not a box
        return Check(t.group("text").strip(), status == "done", no, status, mark)

    def _at_section_top(self, f: Field) -> bool:
        """Is this label line a bullet (``- **Priority**: high``) outside any subsection (level 3 or deeper)?"""
        level = 0
        lines = self.lines
        for no, text, in_fence in zip(range(lines.first, lines.first + len(lines)), lines.texts, lines.fence):
            if no == f.line and not text.lstrip().startswith(("-", "*", "+")):
                return False
            if no >= f.line:
                break
            h = None if in_fence else _ATX_RE.match(text)
            if h:
                level = len(h.group(1))
        return level <= 2

    def _milestone_fields(self, ms: Milestone) -> None:
        summary_keys = {"objective": "objective", "current state": "current_state", "the problem": "problem",
                        "problem": "problem", "the solution": "solution", "solution": "solution"}
        top_end = self.top_end
        for f in ms.fields:
            key = f.label.lower()
            if key == "status" and ms.status_line is None:
                text = _strip_md(f.value)
                ms.status_line = f.line
                if re.fullmatch(r"\[[^\]]*\|[^\]]*\]", text.strip()):  # ``[Draft | Active | Complete]``: the template's choices
                    ms.status_text, ms.status_note, ms.status = text, "", None
                    self.warn(f.line, f"the status {text!r} is a template's list of choices; write the one that holds")
                    continue
                said = (ms.status, ms.status_text) if ms.status else None  # a roadmap section's heading: ``## M-3 ... ✅ COMPLETED``
                ms.status_text, ms.status_note, ms.status = read_status(text)
                if ms.status is None and said is not None:
                    # ``**Status**: All functional requirements implemented and verified.`` under it: the heading's
                    # status, and the line says more about it
                    ms.status, ms.status_text, ms.status_note = said[0], said[1], text
                elif ms.status is None:
                    self.warn(f.line, self._unknown_status(ms.status_text))
            elif key == "priority" and not ms.priority_text and (f.line < top_end or self._at_section_top(f)):
                # the milestone's priority: at the top of the page, or a metadata line of a top-level section (bullets
                # at the bottom); ``**Priority**: ...`` under ``### FR-1`` is that requirement's
                text = _strip_md(f.value)
                ms.priority_text, ms.priority_note = split_status(text, "priority")
                ms.priority = normalize_priority(ms.priority_text)
                if ms.priority is None:
                    ms.priority_text, ms.priority_note = text, ""
                    self.warn(f.line, f"unknown priority {ms.priority_text!r}; write one of: {', '.join(PRIORITIES)} (or an emoji: \N{LARGE RED CIRCLE} \N{LARGE ORANGE CIRCLE} \N{LARGE YELLOW CIRCLE} \N{LARGE GREEN CIRCLE})")
            elif key == "milestone" and ms.id and f.line < top_end:
                # ``**Milestone:** M-03.01 — Time-Travel State APIs`` under ``# M-03.01 Implementation Tracking``
                idm = _MS_ID_RE.match(_strip_md(f.value))
                if idm and idm.group("id") == ms.id and idm.group("after").strip(" :-\u2013\u2014"):
                    ms.title = _title_after_id(ms.id, idm.group("after"))
            elif key == "created" and ms.created is None:
                ms.created = _strip_md(f.value) or None
            elif key == "completed" and ms.completed is None:
                ms.completed = _strip_md(f.value) or None
            elif key in ("estimated duration", "estimate", "duration") and ms.estimated_duration is None:
                ms.estimated_duration = _strip_md(f.value) or None
            elif key == "total commits" and ms.total_commits is None:
                ms.total_commits = _strip_md(f.value) or None
            elif key in _MS_DEP_LABELS and ms.depends_on_line is None and (key in ("depends on", "blocked by") or f.line < top_end):
                # ``Dependencies``/``Prerequisites`` name other milestones where they head the page; further
                # down (and in phases) they are the phases' own.
                refs = milestone_refs(f.value)
                if refs or _NONE_RE.match(_strip_md(f.value)):
                    ms.depends_on_line = f.line
                    ms.depends_on_refs.extend(r for r in refs if r not in ms.depends_on_refs)
            elif key in summary_keys and summary_keys[key] not in ms.summary:
                ms.summary[summary_keys[key]] = f.value
        meta_deps = self.meta.get("depends_on")
        if meta_deps:
            if isinstance(meta_deps, str):
                meta_deps = [meta_deps]
            if isinstance(meta_deps, list):
                ms.depends_on_refs.extend(str(x) for x in meta_deps if str(x) not in ms.depends_on_refs)
            else:
                self.warn(ms.line, "front matter `depends_on` must be a list of page paths or titles")
        if ms.status_line is None:
            meta_status = self.meta.get("status")
            if isinstance(meta_status, str) and meta_status.strip():
                text, note = split_status(meta_status)
                if normalize_status(text) is not None:
                    ms.status_text, ms.status_note, ms.status = text, note, normalize_status(text)
                else:
                    self.warn(ms.line, f"front matter `status: {meta_status}` is not a milestone status, so it is not shown as one; "
                              f"write one of: {', '.join(STATUSES)} (or give the milestone a `**Status**:` line)")

    def _lists(self, ms: Milestone) -> None:
        """What each list of boxes is, as its heading or the line introducing it says.

        Optional: a list under ``Stretch (optional):`` or a heading ending ``(Optional)``; its open boxes
        are not counted (:attr:`Check.optional`). Criteria: in a done milestone, a list no box of which is
        ticked (or marked), under a heading or a label that names criteria (``## Acceptance Criteria``,
        ``### Definition of Done``, ``**Success Criteria:**``, ``### Milestone Complete When``, ``#### FR-3: ...``),
        is what the milestone had to meet, not its progress: its open boxes are criteria
        (:attr:`Check.criterion`), counted neither way. Any other open list is open work (``## Remaining
        work``, ``### Slice 2``), and the done status is warned about."""
        first, count = (self.lines[0].no if self.lines else 0), len(self.lines)
        at = _LineIndex(first, count)  # the lines are numbered one by one (scan_lines): index = number - first
        lists: dict[tuple[int, int], list[Check]] = {}
        named: dict[tuple[int, int], bool] = {}
        optional: dict[tuple[int, int], bool] = {}  # the list's heading or label says it is optional
        boxes = [c for p in ms.phases for c in p.checks] + ms.checks
        done = ms.status == "done"  # criteria are told apart only in a done milestone (below)
        context = self._list_contexts({n for c in boxes if (n := at.get(c.line)) is not None})
        for c in boxes:
            c.optional = c.optional or optional_item(c.text)
            n = at.get(c.line)
            if n is None:
                continue
            heads, head_no, label, label_no, bold = context[n]
            key = (head_no, label_no)
            lists.setdefault(key, []).append(c)
            if key not in optional:  # one list, one context: its heading chain and its label are its first box's
                named[key] = done and (_names_criteria(label) or not bold and _under_criteria(heads))
                optional[key] = bool(_OPTIONAL_LIST_RE.search(label or (heads[0] if heads else "")))
            if optional[key]:
                c.optional = True
        for phase in ms.phases:  # ``## Phase 2: Dark mode (optional)``, or only optional boxes
            title = phase.heading.title if phase.heading else phase.title
            phase.optional = bool(_OPTIONAL_LIST_RE.search(title or "")) or bool(phase.checks) and all(c.optional for c in phase.checks)
        if not done:
            return
        for key, boxes in lists.items():
            if named[key] and all(c.status in ("pending", "cancelled") for c in boxes):
                for c in boxes:
                    c.criterion = c.status == "pending"

    def _list_contexts(self, wanted: set[int]) -> dict[int, tuple[list[str], int, str, int, bool]]:
        """For each line index in ``wanted``, what stands above it: its headings nearest first (one per level,
        up to the nearest level-1 heading or the span's start), the nearest heading's line, and the line that
        introduces its list (the nearest non-blank, unindented, non-box line after that heading) with the label
        it gives and whether it is bold. A heading stack kept as a reader keeps it, taken down the page's headings
        (the heading chain of strictly falling levels), and from each box a walk up to the box before it."""
        out: dict[int, tuple[list[str], int, str, int, bool]] = {}
        if not wanted:
            return out
        lines = self.lines
        span0 = self.span[0]
        last = max(wanted)
        # Only the headings and the lines just above each box matter: the headings are the ATX lines outside code,
        # and a box's introducing line is found walking up from it to the box before it (whose own is then its).
        texts, fence, first = lines.texts, lines.fence, lines.first
        read: dict[int, tuple[int, str, str]] | None = None  # the ATX headings _body read
        if self.atx is not None and self.atx_span == self.span and last < self.span[1]:  # _body found the lines with "#"
            heads = [k for k in self.atx if k <= last and not fence[k]]
            read = self.atx_read
        else:
            heads = [k for k in range(span0, last + 1) if "#" in texts[k][:4] and not fence[k]]
        stack: list[tuple[int, str, int]] = []  # (level, text, line no), levels rising
        chain: list[str] | None = []  # the stack's texts, nearest first (shared by the boxes under the same headings)
        e, above = 0, span0 - 1  # the next heading to take; the index of the nearest heading taken
        prev, prev_label = -1, -1  # the box before, and its introducing line
        said: dict[int, tuple[str, int, bool]] = {}  # introducing line -> (label, line no, bold)
        for k in sorted(w for w in wanted if w >= span0):
            while e < len(heads) and heads[e] < k:
                if read is not None:
                    got = read.get(heads[e])
                else:
                    h = _ATX_RE.match(texts[heads[e]])
                    got = None if h is None else (len(h.group(1)), "", _strip_md(h.group(2) or ""))
                if got is not None:
                    level = got[0]
                    while stack and stack[-1][0] >= level:
                        stack.pop()
                    stack.append((level, got[2], first + heads[e]))
                    chain = None
                    above = heads[e]
                e += 1
            label_k = -1
            for j in range(k - 1, max(above, prev - 1), -1):  # down to the box before (included), after the heading
                text = texts[j]
                if j in wanted:  # a box's line (the box before): no label
                    continue
                if not fence[j] and text[:1] not in _SPACE_OR_NOTHING and text.strip() and not ("[" in text and _TASKLIST_RE.match(text)):
                    label_k = j
                    break
            else:
                if prev > above:
                    label_k = prev_label  # nothing between the box before and this one: its list's line
            if label_k not in said:
                label, label_no, bold = "", -1, False
                if label_k >= 0:
                    text = texts[label_k]
                    label_no = first + label_k
                    if (m := LABEL_RE.match(text)) and not m.group("value").strip() or _LEAD_BOLD_RE.match(text):
                        label, bold = _strip_md(text), True
                    elif text.rstrip().endswith(":"):
                        label = _strip_md(text)  # ``Stretch (optional):``, ``All of these must hold:``
                said[label_k] = (label, label_no, bold)
            label, label_no, bold = said[label_k]
            if chain is None:
                chain = [x[1] for x in reversed(stack)]
            out[k] = (chain, stack[-1][2] if stack else -1, label, label_no, bold)
            prev, prev_label = k, label_k
        for k in wanted:  # boxes above the span: nothing above them
            out.setdefault(k, ([], -1, "", -1, False))
        return out

    def _phase_statuses(self, ms: Milestone) -> None:
        """Phases without a status line take the status their tasks show (the tasks' status lines, else
        their boxes); with nothing to show, a done, cancelled or pending milestone's own status. No
        warning: a reader can tell. A phase that shows nothing while other phases do is warned about
        (a reader cannot tell where it stands); when no phase does, the phases are the plan's outline."""
        self.informed = set()
        for n, phase in enumerate(ms.phases):
            if phase.status_line is not None:
                self.informed.add(n)
                continue
            states = phase.sub_statuses or [c.status for c in phase.checks if c.status != "cancelled" and not c.criterion]
            inferred = _combine(states)
            if inferred is not None:
                self.informed.add(n)
                phase.status, phase.status_inferred = inferred, True
        for n, phase in enumerate(ms.phases):
            if n in self.informed:
                continue
            if ms.status in ("done", "cancelled", "pending"):
                # a done milestone's phases are done, a planned one's are planned: a reader can tell
                phase.status, phase.status_inferred = ms.status, True
            elif self.informed:
                # the other phases say where they stand and this one does not: a reader cannot tell either
                self.warn(phase.line, f"Phase {phase.id} has no status line; add `**Status**: \N{HOURGLASS WITH FLOWING SAND} Pending` under its heading")
            # else no phase says where it stands: the phases are the plan's outline and the milestone's
            # status is the page's; nothing is missing

    def _milestone_status(self, ms: Milestone) -> None:
        """The status a reader reads when none is written; a warning when a done milestone's boxes disagree."""
        if ms.status is None and ms.status_line is None and not ms.status_text:
            shipped = next((f for f in ms.fields if f.label.lower() in ("shipped", "completed", "released", "done") and f.value.strip()), None)
            if shipped is not None:  # ``**Shipped:** 2026-04-13`` (a retrospective, a closed milestone): done, on that day
                ms.status, ms.status_note, ms.status_inferred = "done", _strip_md(shipped.value), True
                return
            states = [p.status for n, p in enumerate(ms.phases) if n in self.informed and p.status]
            inferred = _combine(states or [c.status for c in ms.counted_checks])
            if inferred is not None:
                ms.status, ms.status_inferred = inferred, True
            elif (marked := self._emoji_marks(ms)) is not None:
                # ``## Qualitäts-Gates`` / ``- go test ./... ✅`` on every item and no status written: what the ticks say
                ms.status, ms.status_inferred = marked, True
            elif self.unmarked_is_planned:
                # a roadmap's section with no mark beside sections marked ✅: not done yet, as a reader reads it
                ms.status, ms.status_inferred = "pending", True
            elif not any("is not a milestone status" in d.message for d in self.diags):
                self.warn(ms.line, "the milestone has no status line; add `**Status**: \N{HOURGLASS WITH FLOWING SAND} Pending` (or in progress, done, ...) under the title")
        if ms.status != "done":
            return
        # What is written wins over the status (progress counts it); a reader sees the contradiction too.
        boxes = ms.counted_checks
        # an optional item left open (``Optional: ...``, ``(if feasible)``) contradicts nothing
        open_boxes = [c for c in boxes if not c.checked]
        open_phases = [p for p in ms.counted_phases if p.status not in ("done", "cancelled")]
        said = "read as" if ms.status_inferred else "marked"  # only a status the author wrote is "marked"
        if open_boxes:
            self.warn(ms.status_line or ms.line,
                      f"the milestone is {said} done but {len(open_boxes)} of {len(boxes)} checklist items are not ticked "
                      f"(first at line {open_boxes[0].line}); tick them (or mark them `[-]` if dropped), or give the "
                      "milestone a status other than done")
        elif open_phases:
            names = ", ".join(f"Phase {p.id}" for p in open_phases[:5]) + (", ..." if len(open_phases) > 5 else "")
            self.warn(ms.status_line or ms.line,
                      f"the milestone is {said} done but {len(open_phases)} of {ms.phases_total} phases are not ({names}); "
                      "mark them done (or cancelled), or give the milestone a status other than done")

    def _emoji_marks(self, ms: Milestone) -> str | None:
        """``done`` when one of the page's lists has every item ticked with a done emoji after it (``- go vet ./... ✅``),
        at least two items, outside code, and no list of the page's own work still to do (``## Next``, or a list ticked in
        part) has an item without a mark; None
        otherwise. A last resort for a page that writes no status. A list of what came before or stays outside
        (``## Prerequisites`` or a heading under it, ``**Prerequisites:**``, ``## Dependencies``, ``## Out of scope``,
        ``## Risks``) says nothing about this milestone's own work."""
        heads: list[tuple[int, bool]] = []  # the enclosing headings: (level, names what is not the milestone's work)
        label_skip = False  # the bold label introducing the current list says so (``**Prerequisites:**``)
        items: list[str | None] = []  # the current list: each item's trailing mark (canonical status) or None
        found = unmarked = False
        todo = False  # the current list's heading or label names work still to do (``## Next``, ``**Remaining:**``)

        def close() -> None:
            nonlocal found, unmarked
            if len(items) >= 2 and all(m == "done" for m in items):
                found = True
            elif any(m is None for m in items) and (todo or any(m is not None for m in items)):
                unmarked = True  # ``## Next`` / ``- Checkout``, or a list ticked in part: work a reader sees as not done
            items.clear()

        lines = self.lines
        for text in (t for t, f in zip(lines.texts[self.span[0]:self.span[1]], lines.fence[self.span[0]:self.span[1]]) if not f):
            h = _ATX_RE.match(text)
            if h is not None:
                close()
                level = len(h.group(1))
                while heads and heads[-1][0] >= level:
                    heads.pop()
                heads.append((level, bool(_NOT_OWN_WORK_RE.search(_strip_md(h.group(2) or "")))))
                label_skip, todo = False, bool(_TODO_RE.search(_strip_md(h.group(2) or "")))
                continue
            b = _BULLET_RE.match(text)
            if b is None or b.group("indent"):
                if text.strip() and not text[:1].isspace():
                    close()  # a paragraph ends the list (a nested item or a blank line does not)
                    if (m := LABEL_RE.match(text)) and not m.group("value").strip() or _LEAD_BOLD_RE.match(text):
                        label_skip = bool(_NOT_OWN_WORK_RE.search(_strip_md(text)))
                        todo = todo or bool(_TODO_RE.search(_strip_md(text)))
                    else:
                        label_skip = False
                continue
            if label_skip or any(skip for _, skip in heads):
                continue
            words = re.sub(r"\s*\([^()]*\)\s*$", "", b.group("text")).split()  # ``✅ (alle 21 Pakete)``: the remark after the mark
            token = words[-1] if words else ""
            canon = normalize_status(token) if token and not any(ch.isalnum() for ch in token) else None
            if canon is not None and normalize_status(_strip_md(" ".join(words[:-1])).strip(" :-\u2013\u2014=")) is not None:
                canon = None  # ``- Done ✅``, ``- 🔄 = in progress``: a legend, not a tick
            items.append(canon)
        close()
        return "done" if found and not unmarked else None

    def _external_phase_refs(self, ms: Milestone) -> None:
        """``**Depends on**: Phase 5 (v1.0 complete)`` in a milestone whose phases are 6-9 names a phase of
        an earlier milestone: kept as written, not warned about as a missing phase."""
        ids = {p.id.lower() for p in ms.phases}
        nums = [float(p.id) for p in ms.phases if re.fullmatch(r"\d+(?:\.\d+)?", p.id)]
        if not nums:
            return
        low = min(nums)
        for p in ms.phases:
            keep = []
            for ref in p.depends_on:
                if ref.lower() not in ids and re.fullmatch(r"\d+(?:\.\d+)?", ref) and float(ref) < low:
                    p.external_depends_on.append(ref)
                else:
                    keep.append(ref)
            p.depends_on = keep

    def _phase(self, pm: re.Match[str], line: int, level: int, body: Lines, html_id: str | None = None, row: int | None = None) -> Phase:
        """The phase whose heading (``pm``, at ``line``) ``body`` follows; ``row``: where ``body`` starts in :attr:`lines`,
        when :meth:`_body` read its headings (read again otherwise: a roadmap's section)."""
        pid = pm.group("id")
        rest = pm.group("rest").strip()
        est = None
        em = _ESTIMATE_RE.search(rest)
        if em:
            est = em.group("est").strip()
            rest = rest[:em.start()].strip()
        phase = Phase(id=pid, title=_strip_md(rest), line=line, heading_level=level, estimate=est, html_id=html_id)
        self._fields(body, phase.fields)
        # Where the phase's own text ends and its subsections (tasks, criteria...) begin; its boxes, tasks, deliverables.
        sub_starts: list[int] = []
        # The subsections (ATX headings deeper than the phase's, outside code); what each one's name says decides which
        # of its lines matter: all of them under tasks, deliverables or checks, else only the boxes (a line with "[").
        texts, fence, first = body.texts, body.fence, body.first
        read = self.atx_read if row is not None and self.atx_span[0] <= row and row + len(texts) <= self.atx_span[1] else None
        if read is not None:  # (level, text, text without emphasis) of each ATX heading outside code
            subs = [(k, h) for k in range(len(texts)) if "#" in texts[k][:4] and (h := read.get(row + k)) and h[0] > level]
        else:
            subs = [(k, (len(h.group(1)), "", _strip_md(h.group(2) or ""))) for k in range(len(texts)) if "#" in texts[k][:4] and not fence[k]
                    and (h := _ATX_RE.match(texts[k])) and len(h.group(1)) > level]
        checking = tasks = deliverables = False
        at = 0
        for k, h in [*subs, (len(body), None)]:
            if checking or tasks or deliverables:
                self._sub_lines(phase, body, at, k, checking, tasks, deliverables)
            else:
                phase.checks.extend(box for j in range(at, k) if "[" in texts[j] and not fence[j] and (box := self._box_at(texts[j], first + j)) is not None)
            if h is not None:
                sub_starts.append(first + k)
                sub = h[2].lower()
                checking = "validation" in sub or "verify" in sub or "gate" in sub
                tasks, deliverables = sub.startswith("task"), sub.startswith("deliverable") or sub.startswith("output")
            at = k + 1
        statuses = [f for f in phase.fields if f.label.lower() == "status"]
        own = [f for f in statuses if not sub_starts or f.line < sub_starts[0]]
        if not own and len({max((n for n in sub_starts if n < f.line), default=0) for f in statuses}) > 1:
            # ``### Task 1.1`` ... ``**Status:** ✅ Complete`` under each task: the phase's status is theirs together
            phase.sub_statuses = [normalize_status(split_status(_strip_md(f.value))[0]) or "pending" for f in statuses]
            statuses = []
        for f in (own or statuses)[:1]:
            text = _strip_md(f.value)
            phase.status_text, phase.status_note = split_status(text)
            phase.status = normalize_status(phase.status_text)
            phase.status_line = f.line
            if phase.status is None:
                phase.status_text, phase.status_note = text, ""
                self.warn(f.line, self._unknown_status(phase.status_text))
        for f in phase.fields:
            key = f.label.lower()
            if key == "status":
                continue
            elif key == "completed" and phase.completed is None:
                phase.completed = _strip_md(f.value) or None
            elif key == "goal" and phase.goal is None:
                phase.goal = f.value.strip()
            elif key in ("dependencies", "depends on", "depends", "dependency", "blocked by") and phase.dependencies_text is None:
                phase.dependencies_text = _strip_md(f.value)
                phase.dependencies_line = f.line
                phase.depends_on = parse_phase_refs(phase.dependencies_text)
            elif key == "commit" and phase.commit is None:
                phase.commit = _strip_md(f.value) or None
            elif key in ("estimate", "estimated duration", "duration") and phase.estimate is None:
                phase.estimate = _strip_md(f.value) or None
        read_phase_plan(phase, sub_starts[0] if sub_starts else None, self.warn)
        return phase

    def _sub_lines(self, phase: Phase, lines: Lines, at: int, end: int, checking: bool, tasks: bool, deliverables: bool) -> None:
        """A phase's subsection (``lines[at:end]``) of checks (its fenced commands), tasks or deliverables, line by line;
        its boxes too."""
        texts, fence, edge, first = lines.texts, lines.fence, lines.edge, lines.first
        for j in range(at, end):
            text = texts[j]
            if fence[j]:
                if checking and not edge[j]:
                    command = text.strip()
                    if command and command[0] != "#":
                        phase.validation.append(command)
                continue
            if "[" in text:  # a box has one
                box = self._box_at(text, first + j)
                if box is not None:
                    phase.checks.append(box)
                    continue
            # a task or a deliverable is a list item: a digit or a bullet mark first (after spaces)
            item = text.lstrip()
            c = item[:1]
            if c in _ITEM_MARKS:
                # ``- text`` (_BULLET_RE read by hand): the mark, then a space; the item's text after the spaces
                if not item[1:2].isspace():
                    continue
                if tasks:
                    if len(item) != len(text):  # indented: a detail of the task above
                        if phase.tasks:
                            phase.tasks[-1].details.append(item[1:].strip())
                    else:
                        phase.tasks.append(Task(_strip_md(item[1:]), first + j))
                elif deliverables and len(text) - len(item) < 2:
                    phase.deliverables.append(item[1:].strip())
            elif c.isdigit():
                n = _NUMBERED_RE.match(text)
                if n is None or len(n.group("indent")) >= 2:
                    continue
                if tasks:
                    title = n.group("text").strip()
                    est_m = _LINES_EST_RE.search(title)
                    est_lines = int(est_m.group("n").replace(",", "")) if est_m else None
                    if est_m:
                        title = (title[:est_m.start()] + title[est_m.end():]).strip()
                    phase.tasks.append(Task(_strip_md(title), first + j, est_lines))
                elif deliverables:
                    phase.deliverables.append(n.group("text").strip())

    def _check_refs(self, ms: Milestone) -> None:
        """Dependency problems (missing phases, cycles, done before a dependency): the graph's words."""
        ms.phase_graph, problems = build_phase_graph(ms)  # built once: the page's graph is this one
        self.diags.extend(problems)


def parse_milestone(
    text: str,
    *,
    file: str | None = None,
    meta: dict[str, Any] | None = None,
    first_line: int = 1,
    meta_lines: Mapping[str, int] | None = None,
) -> Milestone | None:
    """Parse a milestone document; None when ``text`` is not one.

    Arguments:
        text: The page's Markdown, with or without YAML front matter (CRLF and a BOM are fine).
        file: The path to report in diagnostics.
        meta: Front matter the host already split off (``milestone: true``, ``depends_on``).
        first_line: The source line number of the first line of ``text``.
        meta_lines: The source line of each key of ``meta`` (:func:`~.source.front_matter_keys`), for warnings
            about a front matter value at its own line (else at the title's).

    Returns:
        The milestone, with its problems in ``diagnostics``; None for an ordinary page.
    """
    return _Parser(text, file, meta, first_line, meta_lines).parse()
