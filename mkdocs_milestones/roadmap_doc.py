# SPDX-License-Identifier: MIT
"""Several milestones in one document: ``## Milestone ...`` sections, or the ``.planning/ROADMAP.md``
layout (a ``## Milestones`` list with ``Phases N-M`` ranges, phases as checklist items and sections).

:func:`parse_milestones` reads any page: one milestone for a milestone page, each milestone of a
roadmap document (with its anchor on the page), or none.
"""

from __future__ import annotations

import re
from typing import Any

from .detect import _DATE_TITLE_RE, _MS_ID_RE, _PHASE_RE, _has_plan_evidence, _title_after_id, changelog, is_milestone_source, milestone_heading, trail_remark
from .links import scan_refs
from .model import Milestone, Phase
from .parser import _Parser, parse_milestone
from .quick import may_be_roadmap
from .reading import _BOX_MARKS, _TITLE_STATUS_RE, read_status
from .source import _heading, _slug, _strip_md, heading_anchor, split_attr_list
from .vocabulary import is_status_phrase, normalize_status, split_status

__all__ = [
    "may_hold_milestones",
    "parse_milestones",
    "parse_roadmap",
]

def may_hold_milestones(text: str, meta: dict[str, Any] | None = None) -> bool:
    """The cheap test before :func:`parse_milestones`: a milestone page, or headings that may hold milestones."""
    return is_milestone_source(text, meta) or may_be_roadmap(text)


_VERSION_HEAD_RE = re.compile(r"^(?P<lead>[^\w\s]*\s*)(?P<id>[vV]\d+(?:\.\d+)*)(?P<after>(?:[\s:\-\u2013\u2014].*)?)$")


_TRAIL_MARK_RE = re.compile(r"\s+[^\w\s)\]*`]+$")


_TRAIL_STATUS_RE = re.compile(r"\s+(?P<trail>[^\w\s()\[\]*`]+\s*[A-Za-z][A-Za-z ]{1,20})$")  # ``... ✅ COMPLETED``


_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


_TRAIL_PHRASE_RE = re.compile(r"\s[\-\u2013\u2014]+\s+(?P<phrase>[^\-\u2013\u2014\s][^\u2013\u2014]*?)\s*$")  # ``... — ⚠️ INCOMPLETE``


_LEAD_MARK_RE = re.compile(r"^[^\w\s*\[(]+\s*")  # a status emoji before a heading's words


_LIST_MILESTONE_RE = re.compile(
    r"^\s*[-*+]\s+(?P<lead>[^\w\s*\[]*)\s*\*\*(?P<name>[^*]+)\*\*\s*(?P<rest>.*)$"
)


_PHASE_RANGE_RE = re.compile(
    r"\bphases?\s+(?P<a>\d+(?:\.\d+)?)(?:\s*(?:-|\u2013|\u2014|to|through)\s*(?P<b>\d+(?:\.\d+)?))?", re.IGNORECASE
)


_PHASE_ITEM_RE = re.compile(
    r"^\s*[-*+]\s+\[(?P<mark>[ xX/~\-])\]\s+(?P<bold>\*\*)?phase\s+(?P<id>\d+(?:\.\d+)?[a-z]?)\s*[:.\-\u2013\u2014]\s*(?P<title>.*)$",
    re.IGNORECASE,
)


_PHASE_ITEM_TAIL_RE = re.compile(
    r"\s*\(\d+/\d+\s+plans?\)|\s*\((?:completed|shipped|done)\b[^)]*\)|\s+(?:--|\u2014|\u2013)\s+(?:completed|shipped|done)\b.*$",
    re.IGNORECASE,
)


def _phrase_status(title: str) -> str | None:
    """The status a heading's last dash phrase says when a status emoji leads it (``— 📋 ALIGNED WITH ENGINE M5``), else None."""
    ts = _TRAIL_PHRASE_RE.search(title)
    lead = _LEAD_MARK_RE.match(ts.group("phrase")) if ts else None
    return normalize_status(lead.group(0).strip()) if lead and ts and title[:ts.start()].strip() else None


def _in_range(pid: str, rng: tuple[float, float]) -> bool:
    """``Phases 11-17.1`` holds 11 ... 17.1; ``Phases 18-22`` holds 19.2 and 22.1 (phases inserted after 22)."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", pid):
        return False
    n, (a, b) = float(pid), rng
    return a <= n <= b or (b == int(b) and int(n) == b)


def _content(ms: Milestone) -> int:
    """How much a section says about its milestone: its phases, boxes, fields and dependencies."""
    return 3 * len(ms.phases) + len(ms.checks) + sum(len(p.checks) for p in ms.phases) + len(ms.fields) + 2 * len(ms.depends_on_refs)


class _Roadmap(_Parser):
    """Several milestones in one document: ``## Milestone ...`` sections, or the ``.planning/ROADMAP.md``
    layout (a ``## Milestones`` list with ``Phases N-M`` ranges, phases as checklist items and sections)."""

    def milestones(self) -> list[Milestone]:
        lines = self.lines
        heads = [(i, h[0], h[1]) for i in range(len(lines)) if (h := _heading(lines, i))]
        sections, listed = self._one_per_id(self._sections(heads)), self._listed(heads)
        if not listed:
            return sections
        # ``.planning/ROADMAP.md``: shipped milestones in the list, the active one also as a ``### 🚧 v1.1 ...``
        # section: one milestone per id, the list's (its phase range), with what the section says added.
        by_id = {m.id.lower(): m for m in listed if m.id}
        extra = []
        for sec in sections:
            same = by_id.get((sec.id or "").lower())
            if same is None:
                extra.append(sec)
                continue
            if not same.phases and sec.phases:
                same.phases = sec.phases
            if same.status is None and sec.status is not None:
                same.status, same.status_text, same.status_note = sec.status, sec.status_text, sec.status_note
            same.fields.extend(f for f in sec.fields if f not in same.fields)
            same.diagnostics.extend(sec.diagnostics)
        return sorted(listed + extra, key=lambda m: m.line)

    @staticmethod
    def _one_per_id(sections: list[Milestone]) -> list[Milestone]:
        """Two sections of one document with the same id are one milestone written about twice (FlowTime's
        ROADMAP-LEGACY.md: ``## UI-M-0 — ... (Completed / Expanded)`` and, further down, ``## UI-M-0 — ... ✅ COMPLETED``
        with its goal and criteria; a roadmap's overview ``## M2: Dashboards 🔄`` and its detailed ``## M2: Dashboards``):
        one milestone, the detailed section's (its phases, boxes, fields, dependencies) at the first's place (its anchor
        and line); the first's status, else the other's."""
        first: dict[str, int] = {}
        out: list[Milestone] = []
        for ms in sections:
            key = (ms.id or "").strip().lower()
            at = first.get(key) if key else None
            if at is None:
                if key:
                    first[key] = len(out)
                out.append(ms)
                continue
            same = out[at]
            if _content(ms) > _content(same):
                ms.line, ms.anchor = same.line, same.anchor
                if same.status is not None:
                    ms.status, ms.status_text, ms.status_note, ms.status_inferred = same.status, same.status_text, same.status_note, same.status_inferred
                    ms.diagnostics = [d for d in ms.diagnostics if "no status line" not in d.message]
                ms.diagnostics = [d for d in same.diagnostics if "no status line" not in d.message] + ms.diagnostics
                out[at] = ms
            elif same.status is None and ms.status is not None:
                same.status, same.status_text, same.status_note = ms.status, ms.status_text, ms.status_note
                same.diagnostics = [d for d in same.diagnostics if "no status line" not in d.message]
        return out

    def _sections(self, heads: list[tuple[int, int, str]]) -> list[Milestone]:
        out: list[Milestone] = []
        found: list[tuple[int, int, str, str | None, str, bool]] = []
        said_done: set[int] = set()  # sections whose heading says they are done (``### M1.2: Backend ✅``)
        bare_versions: set[int] = set()  # ``## v2.0.0`` and nothing else: a changelog's entry as often as a milestone
        for i, level, text in heads:
            if level < 2:
                continue
            clean = _EMPHASIS_RE.sub(r"\2", split_attr_list(_strip_md(text))[0])  # ``— **✅ Done**``: the words, not the markup
            got = milestone_heading(clean)
            lead_mark = _LEAD_MARK_RE.match(clean)
            if got is None and lead_mark:
                got = milestone_heading(clean[lead_mark.end():])  # ``## ✅ Milestone 1: Foundation``, ``## 📋 Milestone 3``
            if got is not None:
                tail = _TRAIL_MARK_RE.search(got[1])
                if tail and normalize_status(tail.group(0)):  # ``## Milestone 1: Foundation ✅``
                    got = (got[0], got[1][:tail.start()].rstrip(), got[2])
                ts = _TITLE_STATUS_RE.search(got[1])
                tw = _TRAIL_STATUS_RE.search(got[1])
                ends = (ts.group("paren") or ts.group("dash") or "") if ts else (tw.group("trail") if tw else "")
                said = (lead_mark and normalize_status(lead_mark.group(0).strip())) or (tail and normalize_status(tail.group(0))) or (
                    ends and is_status_phrase(split_status(ends)[0]) and normalize_status(split_status(ends)[0])) or _phrase_status(got[1])
                if said == "done":
                    said_done.add(i)
                if not got[2] and said:
                    got = (got[0], got[1], True)  # ``#### ✅ M-02.06 Export System``, ``#### M-02.07 Registry (Planned)``: the heading says its status
            if got is None:
                vm = _VERSION_HEAD_RE.match(clean)
                if vm and (not vm.group("lead").strip() or normalize_status(vm.group("lead"))):
                    # ``### ✅ v1.0 MVP`` and ``## v2.0 Site (Shipped: 2026-03-04)`` are sure; a bare ``## v1.2``
                    # (a changelog?) needs a status line or a phase
                    title = _title_after_id(vm.group("id"), vm.group("after"))
                    ts = _TITLE_STATUS_RE.search(title)
                    marked_as = normalize_status(split_status(ts.group("paren") or ts.group("dash") or "")[0]) if ts else None
                    if "done" in (marked_as, normalize_status(vm.group("lead")) if vm.group("lead").strip() else None):
                        said_done.add(i)
                    if title == vm.group("id"):
                        bare_versions.add(i)
                    got = (vm.group("id"), title, bool(vm.group("lead").strip()) or bool(marked_as))
            if got is not None:
                found.append((i, level, text, got[0], got[1], got[2]))
        def parent(i: int, level: int) -> int | None:
            return next((j for j, lv, _ in reversed(heads) if j < i and lv < level), None)

        # a section with no mark is planned work beside sections marked done; not beside an in-progress one (a
        # changelog's ``## v2.1.0 (in development)`` over released versions), and not a bare version (``## v2.0.0``)
        sure_groups = {(parent(i, lv), lv) for i, lv, _, _, _, sure in found if sure and i in said_done}
        for i, level, text, ident, title, certain in found:
            stop = len(self.lines)
            for j, lv, _ in heads:
                if j > i and lv <= level:
                    stop = j
                    break
            group = self._group_status(parent(i, level))
            evidence = certain or _has_plan_evidence(self.lines, i + 1, stop)
            self.unmarked_is_planned = not evidence
            if not evidence and group is None and ((parent(i, level), level) not in sure_groups or i in bare_versions):
                # ``### M01: ...`` with its status in a property table (a dashboard): not read; but ``### M8: Feeds``
                # under ``## 🚀 Future Milestones``, or ``### M1.3: Frontend`` beside ``### M1.2: Backend ✅``, is one
                continue
            self.diags = []
            ms = Milestone(title=title, line=self.lines[i].no, file=self.file, id=ident)
            ms.anchor = heading_anchor(text)
            lead = _VERSION_HEAD_RE.match(_strip_md(text)) or _LEAD_MARK_RE.match(_strip_md(text))
            mark = (lead.group("lead") if lead and "lead" in lead.groupdict() else lead.group(0) if lead else "").strip()
            trail = _TRAIL_MARK_RE.search(split_attr_list(_strip_md(text))[0])
            if not (mark and normalize_status(mark)) and trail and normalize_status(trail.group(0)):
                mark = trail.group(0).strip()  # ``## Milestone 1: Foundation ✅``
            if mark and normalize_status(mark):
                ms.status_text = mark
                ms.status = normalize_status(mark)
            self._title_status(ms)
            if ms.id and _DATE_TITLE_RE.match(ms.title):
                ms.title = ms.id  # ``## M3 — 2024-06-01 (Released)``: a date is no title; the id names it
            if ms.status is None and group is not None:
                ms.status_text, ms.status = group  # the group's word, until the section writes its own
            self._body(ms, i + 1, stop)
            ms.refs = scan_refs(self.lines[i + 1:stop])  # its section's issue references (for the export)
            out.append(ms)
        self.unmarked_is_planned = False
        return out

    def _group_status(self, at: int | None) -> tuple[str, str] | None:
        """The status a heading over milestone sections gives them all: ``## ✅ Completed Milestones``,
        ``## 🚀 Future Milestones`` (``(words, status)``), or None."""
        if at is None:
            return None
        h = _heading(self.lines, at)
        text = split_attr_list(_strip_md(h[1]))[0].strip() if h else ""
        m = re.fullmatch(r"(?P<said>.*?)\s*\bmilestones?\b\s*(?:\((?P<paren>[^()]*)\))?\s*", text, re.IGNORECASE)
        if m is None:
            return None
        for said in (m.group("said"), m.group("paren") or ""):
            words = split_status(_LEAD_MARK_RE.sub("", said).strip() or said.strip())[0]
            lead = _LEAD_MARK_RE.match(said)
            canon = normalize_status(words) if words and is_status_phrase(words) else None
            if canon is None and lead:
                canon = normalize_status(lead.group(0).strip())
            if canon is not None:
                return (words or lead.group(0).strip() if lead else words), canon  # type: ignore[union-attr]
        return None

    @staticmethod
    def _title_status(ms: Milestone) -> None:
        """``#### 📋 M-02.07 Artifacts Registry (Planned)``, ``### M-01.05 Expression Language ✅ COMPLETED``,
        ``### SIM-M2 — Model Authoring — **⚠️ INCOMPLETE**``: the status at the end of a section's heading is not its
        title (the status it says, when none is written). The whole trailing phrase must be a status (a date or a
        remark in parentheses may follow): ``## M2: Dashboards — Active users`` keeps its title."""
        while True:  # ``Core Infrastructure ✅ (Completed)``: both go
            ts = _TITLE_STATUS_RE.search(ms.title) or _TRAIL_STATUS_RE.search(ms.title) or _TRAIL_MARK_RE.search(ms.title)
            if ts is not None:
                said = ts.group(ts.lastgroup or 0) if ts.lastgroup else ts.group(0)
                words, note = split_status(said.strip())
                ok = is_status_phrase(words) and normalize_status(words) and trail_remark(said.strip(), words, note)
            if ts is None or not ok:
                # ``— ⚠️ INCOMPLETE & NON-COMPLIANT``, ``— 📋 Phase 2 (Deferred)``: a status emoji leads the last phrase
                ts = _TRAIL_PHRASE_RE.search(ms.title)
                lead = _LEAD_MARK_RE.match(ts.group("phrase")) if ts else None
                if ts is None or lead is None or normalize_status(lead.group(0).strip()) is None:
                    return
                words, note, _ = read_status(ts.group("phrase"))
            if not ms.title[:ts.start()].strip():
                return
            ms.title = ms.title[:ts.start()].rstrip(" -:\u2013\u2014")
            if ms.status is None:
                ms.status_text, ms.status_note, ms.status = words, note, normalize_status(words)

    def _listed(self, heads: list[tuple[int, int, str]]) -> list[Milestone]:
        lines = self.lines
        listing = next(((i, lv) for i, lv, t in heads if lv >= 2 and _strip_md(t).strip().lower() == "milestones"), None)
        if listing is None:
            return []
        i0, lv0 = listing
        stop = next((j for j, lv, _ in heads if j > i0 and lv <= lv0), len(lines))
        found: list[tuple[Milestone, tuple[float, float] | None]] = []
        for ln in lines[i0 + 1:stop]:
            m = None if ln.in_fence else _LIST_MILESTONE_RE.match(ln.text)
            if not m:
                continue
            name = m.group("name").strip()
            idm = _MS_ID_RE.match(name)
            ident, title = (idm.group("id"), _title_after_id(idm.group("id"), idm.group("after"))) if idm else (None, name)
            ms = Milestone(title=title, line=ln.no, file=self.file, id=ident)
            ms.anchor = "milestone-" + _slug(ident or title)
            rest = m.group("rest")
            paren = re.search(r"\(([^()]*)\)\s*$", rest)
            words, note = split_status(paren.group(1)) if paren else ("", "")
            if words and normalize_status(words):
                ms.status_text, ms.status_note, ms.status = words, note, normalize_status(words)
            elif m.group("lead").strip():
                ms.status_text = m.group("lead").strip()
                ms.status = normalize_status(ms.status_text)
            rm = _PHASE_RANGE_RE.search(rest)
            rng = (float(rm.group("a")), float(rm.group("b") or rm.group("a"))) if rm else None
            if rng is None and ms.status is None:
                # ``- **m-E18-01a** Generator extraction — superseded by **M-004**``: a bold name with neither a
                # status nor a phase range is a note about a milestone, not one of the roadmap's
                continue
            found.append((ms, rng))
        if not found:
            return []
        phases = self._all_phases(heads)
        for ms, rng in found:
            if rng is not None:
                ms.phases = [p for p in phases if _in_range(p.id, rng)]
            self.diags = []
            self._phase_statuses(ms)
            self._milestone_status(ms)
            ms.settle_phases()
            self._external_phase_refs(ms)
            self._check_refs(ms)
            ms.diagnostics = self.diags
        return [ms for ms, _ in found]

    def _all_phases(self, heads: list[tuple[int, int, str]]) -> list[Phase]:
        """Every phase of the document by id: its section (goal, dependencies, plans), its checklist item's box."""
        lines = self.lines
        by_id: dict[str, Phase] = {}
        ticks: dict[str, str] = {}
        for ln in lines:
            m = None if ln.in_fence or "hase" not in ln.text else _PHASE_ITEM_RE.match(ln.text)
            if not m:
                continue
            title = m.group("title")
            if m.group("bold") and "**" in title:
                title = title[:title.index("**")]
            title = _PHASE_ITEM_TAIL_RE.sub("", title).strip()
            pid = m.group("id")
            ticks.setdefault(pid, _BOX_MARKS[m.group("mark")])
            if pid not in by_id:
                by_id[pid] = Phase(id=pid, title=title, line=ln.no, heading_level=0)
        for k, (i, level, text) in enumerate(heads):
            pm = _PHASE_RE.match(_strip_md(split_attr_list(text)[0]))
            if not pm or level < 2:
                continue
            stop = next((j for j, lv, _ in heads[k + 1:] if lv <= level), len(lines))
            phase = self._phase(pm, lines[i].no, level, lines[i + 1:stop], split_attr_list(text)[1])
            old = by_id.get(phase.id)
            if old is not None and phase.status_line is None and not phase.checks:
                phase.status, phase.status_text, phase.status_line = ticks.get(phase.id), "", old.line
            by_id[phase.id] = phase
        for pid, phase in by_id.items():
            if phase.status is None and pid in ticks:
                phase.status, phase.status_line = ticks[pid], phase.line
        return sorted(by_id.values(), key=lambda p: float(re.match(r"\d+(?:\.\d+)?", p.id).group(0)))  # type: ignore[union-attr]


def parse_milestones(
    text: str,
    *,
    file: str | None = None,
    meta: dict[str, Any] | None = None,
    first_line: int = 1,
) -> list[Milestone]:
    """Every milestone in a document: one for a milestone page, several for a roadmap holding them.

    A roadmap is read in either layout teams use: ``## Milestone v1.2: Web dashboard`` sections (or
    ``## M2: ...``, ``### ✅ v1.0 MVP``), each read like a milestone page; or the ``.planning/ROADMAP.md``
    layout: a ``## Milestones`` list (``- ✅ **v1.1 Integrations** -- Phases 4-6 (shipped 2026-02-17)``)
    whose phase ranges collect the phases written as checklist items (``- [x] Phase 4: Git linking``)
    and ``### Phase 4: ...`` sections. Each milestone has an ``anchor`` (its section's HTML id, or
    ``milestone-<id>`` for a list item), its phases, status and dependencies; an ordinary page gives ``[]``.

    >>> doc = "# Roadmap\\n\\n## Milestones\\n\\n- \\u2705 **v1 Core** - Phases 1-2 (shipped 2026-01-02)\\n- \\U0001f6a7 **v2 API** - Phase 3\\n\\n"
    >>> doc += "## Phases\\n\\n- [x] Phase 1: Model\\n- [x] Phase 2: Parser\\n- [ ] Phase 3: Endpoints\\n"
    >>> [(m.id, m.title, m.status, m.status_note, [p.id for p in m.phases], m.anchor) for m in parse_milestones(doc)]
    [('v1', 'Core', 'done', '2026-01-02', ['1', '2'], 'milestone-v1'), ('v2', 'API', 'in-progress', '', ['3'], 'milestone-v2')]
    """
    single = parse_milestone(text, file=file, meta=meta, first_line=first_line)
    if single is not None:
        return [single]
    return parse_roadmap(text, file=file, meta=meta, first_line=first_line)


def parse_roadmap(text: str, *, file: str | None = None, meta: dict[str, Any] | None = None, first_line: int = 1) -> list[Milestone]:
    """The milestones of a document that is not a milestone page itself (:func:`parse_milestones`), each with an anchor."""
    if not may_be_roadmap(text) or changelog(text, file):
        return []
    return _Roadmap(text, file, meta, first_line).milestones()
