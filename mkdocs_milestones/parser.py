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

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .graph import build_phase_graph
from .model import Check, Criterion, Diagnostic, Diagram, Field, Milestone, Phase, PhaseHeading, Risk, Section, Table, Task
from .vocabulary import PRIORITIES, STATUSES, normalize_level, normalize_priority, normalize_status

__all__ = [
    "LABEL_RE",
    "cell_value",
    "column_kinds",
    "fence_states",
    "is_milestone_source",
    "parse_milestone",
    "parse_phase_refs",
    "scan_lines",
    "split_front_matter",
    "title_from_heading",
]

_FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_MILESTONE_PREFIX_RE = re.compile(r"^\s*(?:\*\*|__)?milestone(?:\*\*|__)?\s*[:\-\u2013\u2014]\s*", re.IGNORECASE)
_PHASE_RE = re.compile(
    r"^(?:\*\*)?(?:phase|stage|step)\s+(?P<id>\d+(?:\.\d+)?[a-z]?|[a-z])\b(?:\*\*)?\s*(?:[:.)\-\u2013\u2014]\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_ESTIMATE_RE = re.compile(r"\s*\((?P<est>[^()]*\b(?:sessions?|hours?|hrs?|days?|weeks?|months?|sprints?|h|d|w)\b[^()]*)\)\s*$", re.IGNORECASE)

_KNOWN_LABELS = (
    "status", "priority", "created", "completed", "estimated duration", "estimate", "duration",
    "total commits", "goal", "dependencies", "depends on", "commit", "objective", "current state",
    "the problem", "problem", "the solution", "solution", "owner", "owners", "started", "updated",
    "target", "due", "deadline", "team", "blocked by",
)
LABEL_RE = re.compile(
    r"^(?P<indent>[ ]{0,3})(?:"
    r"(?P<b>\*\*|__)(?P<blabel>[^*_\n:]{1,60}?)(?P<bcolon>:)?(?P=b)(?(bcolon)|\s*:)"
    r"|(?P<plabel>" + "|".join(re.escape(x) for x in _KNOWN_LABELS) + r")\s*:"
    r")(?P<value>.*)$",
    re.IGNORECASE,
)
"""A label line: ``**Status**: done``, ``**Status:** done`` or ``Status: done``."""

_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TASKLIST_RE = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+\[(?P<mark>[ xX])\]\s*(?P<text>.*)$")
_NUMBERED_RE = re.compile(r"^(?P<indent>\s*)\d+[.)]\s+(?P<text>.*)$")
_BULLET_RE = re.compile(r"^(?P<indent>\s*)[-*+]\s+(?P<text>.*)$")
_LINES_EST_RE = re.compile(r"\(\s*~?\s*(?P<n>\d[\d,]*)\s*(?:lines?|loc|sloc)\b[^)]*\)", re.IGNORECASE)
_LINK_RE = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<href><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_BOX_CHARS = re.compile("[\u2500-\u257f\u2580-\u259f\u25b2-\u25bc\u25b6\u25c0]")
_NONE_RE = re.compile(r"^\s*(?:none|n/?a|-+|\u2014|\u2013|nothing|no dependencies|\(none\))\b", re.IGNORECASE)
_REF_RANGE_RE = re.compile(
    r"(?P<a>\d+(?:\.\d+)?[a-z]?)\s*(?:-|\u2013|\u2014|\.\.|to|through|thru)\s*(?:phase\s*)?(?P<b>\d+(?:\.\d+)?[a-z]?)\b",
    re.IGNORECASE,
)
_REF_ID_RE = re.compile(r"(?<![\w.])(?P<id>\d+(?:\.\d+)?[a-z]?)(?![\w.])", re.IGNORECASE)
_REF_LETTER_RE = re.compile(r"\bphases?\s+(?P<id>[a-z])\b", re.IGNORECASE)


@dataclass(slots=True)
class Line:
    """One source line with what the scanner knows about it."""

    no: int
    text: str
    in_fence: bool
    fence_edge: bool = False


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split YAML front matter off ``text``.

    Returns:
        ``(meta, body, offset)``: the mapping (empty when there is none or it is not a mapping),
        the text after it, and the number of lines it took.
    """
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text, 0
    try:
        import yaml

        meta = yaml.safe_load(m.group(1) or "") or {}
    except Exception:  # noqa: BLE001 - broken YAML: the host reports it; we just read no meta
        return {}, text, 0
    if not isinstance(meta, dict):
        return {}, text, 0
    return meta, text[m.end():], m.group(0).count("\n")


def _normalize(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


OUTSIDE, IN_FENCE, FENCE_EDGE = 0, 1, 2
"""Where a line is, for :func:`fence_states`."""


def fence_states(lines: list[str]) -> list[int]:
    """For each line: :data:`OUTSIDE` fenced code, :data:`IN_FENCE`, or a :data:`FENCE_EDGE` line.

    An unclosed fence runs to the end of the document, as in CommonMark.

    >>> fence_states(["a", "```py", "x", "```", "b"])
    [0, 2, 1, 2, 0]
    """
    out: list[int] = []
    fence: str | None = None
    for raw in lines:
        if fence is None:
            m = _FENCE_RE.match(raw) if "```" in raw or "~~~" in raw else None
            if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
                fence = m.group("fence")
                out.append(FENCE_EDGE)
            else:
                out.append(OUTSIDE)
        else:
            stripped = raw.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
                out.append(FENCE_EDGE)
            else:
                out.append(IN_FENCE)
    return out


def scan_lines(text: str, first_line: int = 1) -> list[Line]:
    """Number the lines and mark which belong to fenced code (fence lines included).

    An unclosed fence runs to the end of the document, as in CommonMark.
    """
    raw = text.split("\n")
    return [Line(first_line + i, t, st != OUTSIDE, st == FENCE_EDGE) for i, (t, st) in enumerate(zip(raw, fence_states(raw)))]


def _heading(lines: list[Line], i: int) -> tuple[int, str] | None:
    """``(level, text)`` when line ``i`` is an ATX heading or the text line of a setext heading."""
    ln = lines[i]
    if ln.in_fence:
        return None
    m = _ATX_RE.match(ln.text)
    if m:
        return len(m.group(1)), (m.group(2) or "").strip()
    if ln.text.strip() and i + 1 < len(lines) and not lines[i + 1].in_fence:
        nxt = _SETEXT_RE.match(lines[i + 1].text)
        prev_blank = i == 0 or not lines[i - 1].text.strip()
        if nxt and prev_blank and not _BULLET_RE.match(ln.text) and not LABEL_RE.match(ln.text):
            return (1 if nxt.group(1)[0] == "=" else 2), ln.text.strip()
    return None


def title_from_heading(text: str) -> str | None:
    """The milestone title when ``text`` (a level-1 heading) starts with ``MILESTONE:``.

    >>> title_from_heading("MILESTONE: SQLite to PostgreSQL")
    'SQLite to PostgreSQL'
    >>> title_from_heading("Milestone template") is None
    True
    """
    m = _MILESTONE_PREFIX_RE.match(text)
    if not m:
        return None
    return text[m.end():].strip()


def _first_h1(lines: list[Line]) -> tuple[int, str] | None:
    for i in range(len(lines)):
        h = _heading(lines, i)
        if h and h[0] == 1:
            return i, h[1]
    return None


def is_milestone_source(text: str, meta: dict[str, Any] | None = None) -> bool:
    """Cheap detection: front matter ``milestone: true`` or a first ``# MILESTONE:`` heading."""
    if meta and meta.get("milestone") is True:
        return True
    if "milestone" not in text.lower():
        return False
    m, body, offset = split_front_matter(_normalize(text))
    if m.get("milestone") is True:
        return True
    h1 = _first_h1(scan_lines(body, offset + 1))
    return bool(h1 and title_from_heading(h1[1]) is not None)


def parse_phase_refs(text: str | None) -> list[str]:
    """Phase ids named by a ``Dependencies`` value, in order, without duplicates.

    >>> parse_phase_refs("Phase 0")
    ['0']
    >>> parse_phase_refs("Phases 1-3")
    ['1', '2', '3']
    >>> parse_phase_refs("Phase 1 & Phase 2a")
    ['1', '2a']
    >>> parse_phase_refs("None")
    []
    """
    if not text or _NONE_RE.match(text):
        return []
    text = re.sub(r"`|\*\*|__", "", text)
    text = re.sub(r"\([^()]*\)", " ", text)  # "Phase 1 (needs 2 reviewers)"
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    out: list[str] = []

    def add(x: str) -> None:
        if x not in out:
            out.append(x)

    spans: list[tuple[int, int, list[str]]] = []
    for m in _REF_RANGE_RE.finditer(text):
        a, b = m.group("a"), m.group("b")
        if a.isdigit() and b.isdigit() and 0 <= int(b) - int(a) <= 200:
            spans.append((m.start(), m.end(), [str(n) for n in range(int(a), int(b) + 1)]))
    for m in _REF_ID_RE.finditer(text):
        if any(s <= m.start() < e for s, e, _ in spans):
            continue
        spans.append((m.start(), m.end(), [m.group("id")]))
    for m in _REF_LETTER_RE.finditer(text):
        spans.append((m.start("id"), m.end("id"), [m.group("id")]))
    for _, _, ids in sorted(spans):
        for x in ids:
            add(x)
    return out


def _strip_md(text: str) -> str:
    """Drop the emphasis and code markers around a value (``**x**`` -> ``x``)."""
    text = text.strip()
    if not text or text[0] not in "*_`":  # the common case: nothing to drop
        return text
    for mark in ("**", "__", "`"):
        inner = text[len(mark):-len(mark)]
        # "**a** **b**" is two bold words, not one bold run: only a mark around the whole value goes.
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark) and mark not in inner:
            text = inner.strip()
    return text


def _label_of(m: re.Match[str]) -> str:
    return (m.group("blabel") or m.group("plabel") or "").strip().rstrip(":").strip()


def _split_row(text: str) -> list[str]:
    row = text.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    if "`" not in row and "\\" not in row:  # no code span, no escaped pipe: every pipe separates
        return [cell.strip() for cell in row.split("|")]
    cells, cur, in_code = [], [], False
    i = 0
    while i < len(row):
        ch = row[i]
        if ch == "\\" and i + 1 < len(row) and row[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    cells.append("".join(cur).strip())
    return cells


def _tables(lines: list[Line]) -> Iterator[tuple[list[str], list[tuple[int, list[str]]]]]:
    """Yield ``(header cells, [(line, cells)...])`` for each pipe table outside code."""
    for _, header, rows in _table_blocks(lines):
        yield header, rows


def _table_blocks(lines: list[Line]) -> Iterator[tuple[int, list[str], list[tuple[int, list[str]]]]]:
    """Yield ``(header line, header cells, [(line, cells)...])`` for each pipe table outside code."""
    i = 0
    while i + 1 < len(lines):
        a, b = lines[i], lines[i + 1]
        if not a.in_fence and not b.in_fence and "|" in a.text and _TABLE_SEP_RE.match(b.text):
            header = _split_row(a.text)
            rows: list[tuple[int, list[str]]] = []
            j = i + 2
            while j < len(lines) and not lines[j].in_fence and lines[j].text.strip() and "|" in lines[j].text:
                rows.append((lines[j].no, _split_row(lines[j].text)))
                j += 1
            yield a.no, header, rows
            i = j
        else:
            i += 1


# -- table columns: what each holds, decided once for the model and the page ------------------------
_COLUMN_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("status", ("status",)),
    ("priority", ("priority",)),
    ("likelihood", ("likelihood", "probability", "chance")),
    ("impact", ("impact", "severity")),
)
_STATE_WORD_RE = re.compile(r"\bstate\b")


def column_kinds(header: list[str] | tuple[str, ...]) -> tuple[str | None, ...]:
    """What each column of a table holds: ``status``, ``priority``, ``likelihood``, ``impact`` or None.

    >>> column_kinds(["Risk", "Chance", "Severity", "Current state", "Owner"])
    (None, 'likelihood', 'impact', 'status', None)
    """
    kinds: list[str | None] = []
    for cell in header:
        low = _strip_md(cell).lower()
        kind = next((k for k, words in _COLUMN_KINDS if any(w in low for w in words)), None)
        if kind is None and _STATE_WORD_RE.search(low):
            kind = "status"
        kinds.append(kind)
    return tuple(kinds)


def cell_value(kind: str | None, text: str) -> str | None:
    """The canonical value of a cell (or a field) of that kind: a status, a priority, a level, or None.

    >>> cell_value("status", "**Achieved**"), cell_value("priority", "P1"), cell_value("impact", "High")
    ('done', 'high', 'high')
    """
    if kind == "status":
        return normalize_status(_strip_md(text))
    if kind == "priority":
        return normalize_priority(_strip_md(text))
    if kind in ("likelihood", "impact"):
        return normalize_level(_strip_md(text))
    return None


def _kind_column(kinds: tuple[str | None, ...], kind: str) -> int | None:
    return next((i for i, k in enumerate(kinds) if k == kind), None)


def _column(header: list[str], *words: str) -> int | None:
    for idx, h in enumerate(header):
        low = _strip_md(h).lower()
        if any(w in low for w in words):
            return idx
    return None


def _cell(cells: list[str], idx: int | None) -> str:
    if idx is None or idx >= len(cells):
        return ""
    return cells[idx]


def _phase_heading(pm: re.Match[str], text: str) -> PhaseHeading:
    """Split a phase heading (matched by ``_PHASE_RE`` on its text without emphasis) into its parts."""
    shown = pm.string
    end = pm.end("id")
    if shown.startswith("**", end):
        end += 2
    rest = pm.group("rest").strip()
    em = _ESTIMATE_RE.search(rest)
    title, estimate = (rest[:em.start()].strip(), rest[em.start():].strip()) if em else (rest, "")
    return PhaseHeading(text, shown[:end], shown[end:pm.start("rest")], title, estimate)


class _Parser:
    def __init__(self, text: str, file: str | None, meta: dict[str, Any] | None, first_line: int) -> None:
        self.file = file
        self.meta = dict(meta or {})
        text = _normalize(text)
        fm, body, offset = split_front_matter(text)
        if fm:
            self.meta = {**fm, **self.meta}
        self.lines = scan_lines(body, first_line + offset)
        self.diags: list[Diagnostic] = []

    def warn(self, line: int, message: str) -> None:
        self.diags.append(Diagnostic(self.file, line, message))

    # -- sections -------------------------------------------------------------------------------
    def parse(self) -> Milestone | None:
        lines = self.lines
        h1 = _first_h1(lines)
        title: str | None = None
        if h1 is not None:
            title = title_from_heading(h1[1])
        forced = self.meta.get("milestone") is True
        if title is None and not forced:
            return None
        if title is None:
            title = str(self.meta.get("title") or (h1[1] if h1 else "") or "Untitled milestone")
        start = h1[0] + 1 if h1 is not None else 0
        ms = Milestone(title=title, line=lines[h1[0]].no if h1 else (lines[0].no if lines else 1), file=self.file)
        ms.meta = self.meta
        ms.keyword_title = h1 is not None and title_from_heading(h1[1]) is not None
        if not title:
            self.warn(ms.line, "the milestone has no title; write `# MILESTONE: <name>`")

        # Headings outside code, in order.
        heads: list[tuple[int, int, str]] = []  # (index, level, text)
        for i in range(start, len(lines)):
            h = _heading(lines, i)
            if h:
                heads.append((i, h[0], h[1]))

        # Walk the document: top fields, sections, phases.
        section_name = ""
        seen_ids: dict[str, int] = {}
        bounds = [i for i, _, _ in heads] + [len(lines)]
        self._fields(lines[start:bounds[0]], ms.fields)
        k = 0
        while k < len(heads):
            i, level, text = heads[k]
            pm = _PHASE_RE.match(_strip_md(text))
            if pm:
                # A phase runs until the next heading of its level or above.
                end_k = k + 1
                while end_k < len(heads) and heads[end_k][1] > level and not _PHASE_RE.match(_strip_md(heads[end_k][2])):
                    end_k += 1
                end = heads[end_k][0] if end_k < len(heads) else len(lines)
                phase = self._phase(pm, lines[i].no, level, lines[i + 1:end])
                phase.heading = _phase_heading(pm, text)
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
            full = lines[i + 1:(heads[end_k][0] if end_k < len(heads) else len(lines))]
            self._section(ms, section_name, level, lines[i].no, text, body, full)
            k += 1

        self._milestone_fields(ms)
        ms.tables = [Table(no, tuple(header), column_kinds(header)) for no, header, _ in _table_blocks(lines)]
        self._diagrams(ms)
        self._check_refs(ms)
        ms.diagnostics = self.diags
        return ms

    def _section(self, ms: Milestone, name: str, level: int, line: int, title: str, body: list[Line], full: list[Line]) -> None:
        self._fields(body, ms.fields)
        if "success criteria" in name or name in ("criteria", "success metrics", "acceptance criteria"):
            for header, rows in _tables(full):
                st = _kind_column(column_kinds(header), "status")
                tg = _column(header, "target", "goal", "threshold")
                for no, cells in rows:
                    status_text = _strip_md(_cell(cells, st))
                    canon = normalize_status(status_text)
                    if status_text and canon is None:
                        self.warn(no, self._unknown_status(status_text))
                    ms.criteria.append(Criterion(_cell(cells, 0), _cell(cells, tg), status_text, canon, no))
                break
        elif "risk" in name:
            for header, rows in _tables(full):
                kinds = column_kinds(header)
                lk, im = _kind_column(kinds, "likelihood"), _kind_column(kinds, "impact")
                mi = _column(header, "mitigation", "response", "plan", "action")
                for no, cells in rows:
                    ms.risks.append(Risk(_cell(cells, 0), _cell(cells, lk), _cell(cells, im), _cell(cells, mi), no))
                break
        elif name.startswith("note"):
            for ln in body:
                b = _BULLET_RE.match(ln.text) or _NUMBERED_RE.match(ln.text)
                if b and not ln.in_fence and not b.group("indent"):
                    ms.notes.append(b.group("text").strip())
        elif not (name.startswith("executive summary") or "phase" in name or "architecture" in name or name == "summary"):
            ms.sections.append(Section(_strip_md(title), level, line, "\n".join(ln.text for ln in body).strip("\n")))

    def _fields(self, body: list[Line], into: list[Field]) -> None:
        """Collect ``**Label**: value`` lines, and the list lines that continue a label."""
        current: Field | None = None
        takes_list = False  # a label with nothing after its colon introduces the list below it
        for ln in body:
            if ln.in_fence:
                current = None
                continue
            m = LABEL_RE.match(ln.text)
            if m:
                current = Field(_label_of(m), m.group("value").strip(), ln.no, ln.text.strip())
                takes_list = not current.value
                into.append(current)
                continue
            is_item = bool(_BULLET_RE.match(ln.text) or _NUMBERED_RE.match(ln.text))
            if current is not None and ln.text.strip() and (is_item or ln.text.startswith(" ")) and (takes_list or not is_item):
                # ``**Status**: done`` followed by a checklist: the list is the page's, not the status's.
                current.value = (current.value + "\n" + ln.text.strip()).strip()
            elif not ln.text.strip() and current is not None and not current.value:
                continue
            else:
                current = None

    def _milestone_fields(self, ms: Milestone) -> None:
        summary_keys = {"objective": "objective", "current state": "current_state", "the problem": "problem",
                        "problem": "problem", "the solution": "solution", "solution": "solution"}
        for f in ms.fields:
            key = f.label.lower()
            if key == "status" and ms.status_line is None:
                ms.status_text = _strip_md(f.value)
                ms.status = normalize_status(ms.status_text)
                ms.status_line = f.line
                if ms.status is None:
                    self.warn(f.line, self._unknown_status(ms.status_text))
            elif key == "priority" and not ms.priority_text:
                ms.priority_text = _strip_md(f.value)
                ms.priority = normalize_priority(ms.priority_text)
                if ms.priority is None:
                    self.warn(f.line, f"unknown priority {ms.priority_text!r}; write one of: {', '.join(PRIORITIES)} (or an emoji: \N{LARGE RED CIRCLE} \N{LARGE ORANGE CIRCLE} \N{LARGE YELLOW CIRCLE} \N{LARGE GREEN CIRCLE})")
            elif key == "created" and ms.created is None:
                ms.created = _strip_md(f.value) or None
            elif key == "completed" and ms.completed is None:
                ms.completed = _strip_md(f.value) or None
            elif key in ("estimated duration", "estimate", "duration") and ms.estimated_duration is None:
                ms.estimated_duration = _strip_md(f.value) or None
            elif key == "total commits" and ms.total_commits is None:
                ms.total_commits = _strip_md(f.value) or None
            elif key in ("depends on", "blocked by") and ms.depends_on_line is None:
                ms.depends_on_line = f.line
                refs = [m.group("href").strip("<>") for m in _LINK_RE.finditer(f.value)]
                if not refs:
                    refs = [r.strip() for r in re.split(r"[,;]", _strip_md(f.value)) if r.strip() and not _NONE_RE.match(r)]
                ms.depends_on_refs.extend(refs)
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
            if isinstance(meta_status, str):
                ms.status_text = meta_status
                ms.status = normalize_status(meta_status)
            else:
                self.warn(ms.line, "the milestone has no status line; add `**Status**: \N{HOURGLASS WITH FLOWING SAND} Pending` (or in progress, done, ...) under the title")

    def _phase(self, pm: re.Match[str], line: int, level: int, body: list[Line]) -> Phase:
        pid = pm.group("id")
        rest = pm.group("rest").strip()
        est = None
        em = _ESTIMATE_RE.search(rest)
        if em:
            est = em.group("est").strip()
            rest = rest[:em.start()].strip()
        phase = Phase(id=pid, title=_strip_md(rest), line=line, heading_level=level, estimate=est)
        self._fields(body, phase.fields)
        for f in phase.fields:
            key = f.label.lower()
            if key == "status" and phase.status_line is None:
                phase.status_text = _strip_md(f.value)
                phase.status = normalize_status(phase.status_text)
                phase.status_line = f.line
                if phase.status is None:
                    self.warn(f.line, self._unknown_status(phase.status_text))
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
        if phase.status_line is None:
            self.warn(line, f"Phase {phase.id} has no status line; add `**Status**: \N{HOURGLASS WITH FLOWING SAND} Pending` under its heading")

        sub = ""
        for ln in body:
            h = None if ln.in_fence else _ATX_RE.match(ln.text)
            if h and len(h.group(1)) > level:
                sub = _strip_md(h.group(2) or "").lower()
                continue
            if ln.in_fence:
                if "validation" in sub or "verify" in sub or "gate" in sub:
                    if not ln.fence_edge and ln.text.strip() and not ln.text.strip().startswith("#"):
                        phase.validation.append(ln.text.strip())
                continue
            t = _TASKLIST_RE.match(ln.text)
            if t:
                phase.checks.append(Check(t.group("text").strip(), t.group("mark") != " ", ln.no))
                continue
            if sub.startswith("task"):
                n = _NUMBERED_RE.match(ln.text)
                if n and len(n.group("indent")) < 2:
                    title = n.group("text").strip()
                    est_m = _LINES_EST_RE.search(title)
                    est_lines = int(est_m.group("n").replace(",", "")) if est_m else None
                    if est_m:
                        title = (title[:est_m.start()] + title[est_m.end():]).strip()
                    phase.tasks.append(Task(_strip_md(title), ln.no, est_lines))
                    continue
                b = _BULLET_RE.match(ln.text)
                if b and phase.tasks and b.group("indent"):
                    phase.tasks[-1].details.append(b.group("text").strip())
                elif b and not b.group("indent"):
                    phase.tasks.append(Task(_strip_md(b.group("text")), ln.no))
            elif sub.startswith("deliverable") or sub.startswith("output"):
                b = _BULLET_RE.match(ln.text) or _NUMBERED_RE.match(ln.text)
                if b and len(b.group("indent")) < 2:
                    phase.deliverables.append(b.group("text").strip())
        return phase

    def _diagrams(self, ms: Milestone) -> None:
        block: list[Line] = []
        info = ""
        for ln in self.lines:
            if ln.fence_edge and not block:
                m = _FENCE_RE.match(ln.text)
                info = (m.group("info").strip() if m else "")
                block = [ln]
            elif ln.fence_edge and block:
                body = "\n".join(x.text for x in block[1:])
                if _BOX_CHARS.search(body):
                    ms.diagrams.append(Diagram(body, block[0].no, info))
                block = []
            elif block:
                block.append(ln)

    def _check_refs(self, ms: Milestone) -> None:
        """Dependency problems (missing phases, cycles, done before a dependency): the graph's words."""
        ms.phase_graph, problems = build_phase_graph(ms)  # built once: the page's graph is this one
        self.diags.extend(problems)

    @staticmethod
    def _unknown_status(text: str) -> str:
        if not text.strip():
            return f"the Status line is empty; write one of: {', '.join(STATUSES)} (or an emoji such as \N{HOURGLASS WITH FLOWING SAND} \N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} \N{WHITE HEAVY CHECK MARK} \N{CROSS MARK})"
        return f"unknown status {text!r}; write one of: {', '.join(STATUSES)} (or an emoji such as \N{HOURGLASS WITH FLOWING SAND} \N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} \N{WHITE HEAVY CHECK MARK} \N{CROSS MARK})"


def parse_milestone(
    text: str,
    *,
    file: str | None = None,
    meta: dict[str, Any] | None = None,
    first_line: int = 1,
) -> Milestone | None:
    """Parse a milestone document; None when ``text`` is not one.

    Arguments:
        text: The page's Markdown, with or without YAML front matter (CRLF and a BOM are fine).
        file: The path to report in diagnostics.
        meta: Front matter the host already split off (``milestone: true``, ``depends_on``).
        first_line: The source line number of the first line of ``text``.

    Returns:
        The milestone, with its problems in ``diagnostics``; None for an ordinary page.
    """
    return _Parser(text, file, meta, first_line).parse()
