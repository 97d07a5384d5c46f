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
from .vocabulary import PRIORITIES, STATUSES, is_status_phrase, normalize_level, normalize_priority, normalize_status, split_status

__all__ = [
    "LABEL_RE",
    "cell_value",
    "column_kinds",
    "fence_states",
    "heading_anchor",
    "is_milestone_source",
    "may_hold_milestones",
    "milestone_heading",
    "parse_milestone",
    "parse_milestones",
    "parse_phase_refs",
    "parse_roadmap",
    "read_status",
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
# A milestone id as teams write them: M3, M-03.01, SIM-M1, SIM-SVC-M2, FT-M-05.13; or a version: v1.1, 0.2.0.
_MS_ID = r"(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?|[vV]\d+(?:\.\d+)*|[vV](?:NEXT|next|Next)\b|\d+(?:\.\d+)+"
_MS_WORD_ID_RE = re.compile(r"^\s*(?:\*\*|__)?(?i:milestone)(?:\*\*|__)?\s+(?P<id>" + _MS_ID + r"|\d+)(?P<after>(?:[\s:\-\u2013\u2014].*)?)$")
_MS_ID_RE = re.compile(r"^(?P<id>" + _MS_ID + r")(?P<after>(?:[\s:\-\u2013\u2014].*)?)$")
_MS_BARE_RE = re.compile(r"^(?P<id>(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?)(?P<after>(?::|\s+[:\-\u2013\u2014]\s|\s).*)$")
_SPACED_SEP_RE = re.compile(r"^\s*(?::|[\-\u2013\u2014]+(?=\s))\s*|^\s+")
_PLACEHOLDER_RE = re.compile(r"^\s*(?:\[[\w\s\-/]{1,40}\]|<[\w\s\-]{1,40}>|\{\{?[\w\s\-.]{1,40}\}?\}|_{2,}|\.{3}|\u2026)\s*$")
_ATTR_LIST_RE = re.compile(
    r"\s*\{:?\s*(?P<attrs>(?:[#.][\w\-:.]+|[\w\-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
    r"(?:\s+(?:[#.][\w\-:.]+|[\w\-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*)\s*:?\}\s*$"
)
_ESTIMATE_RE = re.compile(r"\s*\((?P<est>[^()]*\b(?:sessions?|hours?|hrs?|days?|weeks?|months?|sprints?|h|d|w)\b[^()]*)\)\s*$", re.IGNORECASE)

_KNOWN_LABELS = (
    "status", "priority", "created", "completed", "estimated duration", "estimate", "duration",
    "total commits", "goal", "dependencies", "depends on", "commit", "objective", "current state",
    "the problem", "problem", "the solution", "solution", "owner", "owners", "started", "updated",
    "target", "due", "deadline", "team", "blocked by", "prerequisites",
)
# Labels that also count when written as a list item (``- **Priority**: CRITICAL - foundation first``).
_BULLET_LABELS = frozenset((
    "status", "priority", "depends on", "dependencies", "prerequisites", "blocked by", "created", "completed",
    "owner", "target", "due",
))
_BULLET_LABEL_RE = re.compile(
    r"^[ ]{0,3}[-*+][ \t]+(?:(?P<b>\*\*|__)(?P<blabel>[^*_\n:]{1,40}?)(?P<bcolon>:)?(?P=b)(?(bcolon)|\s*:)"
    r"|(?P<plabel>[A-Za-z][A-Za-z ]{1,30}?)\s*:)(?P<value>.*)$"
)
_MS_DEP_LABELS = ("depends on", "blocked by", "dependencies", "dependency", "prerequisites", "prerequisite", "requires")
LABEL_RE = re.compile(
    r"^(?P<indent>[ ]{0,3})(?:"
    r"(?P<b>\*\*|__)(?P<blabel>[^*_\n:]{1,60}?)(?P<bcolon>:)?(?P=b)(?(bcolon)|\s*:)"
    r"|(?P<plabel>" + "|".join(re.escape(x) for x in _KNOWN_LABELS) + r")\s*:"
    r")(?P<value>.*)$",
    re.IGNORECASE,
)
"""A label line: ``**Status**: done``, ``**Status:** done`` or ``Status: done``."""

_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TASKLIST_RE = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+\[(?P<mark>[ xX/~\-]|[A-Za-z][A-Za-z _\-]{1,14})\](?=\s|$)\s*(?P<text>.*)$")
_BOX_MARKS = {" ": "pending", "x": "done", "X": "done", "/": "in-progress", "~": "in-progress", "-": "cancelled"}
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


def split_attr_list(text: str) -> tuple[str, str | None]:
    """Split a trailing attr_list block off a heading: ``First { #first .x }`` -> ``('First', 'first')``.

    >>> split_attr_list("Phase 1: First { #first .x }")
    ('Phase 1: First', 'first')
    >>> split_attr_list("Sets {a, b}")
    ('Sets {a, b}', None)
    """
    if not text.endswith("}"):
        return text, None
    m = _ATTR_LIST_RE.search(text)
    if not m:
        return text, None
    ident = next((a[1:] for a in m.group("attrs").split() if a.startswith("#")), None)
    return text[:m.start()].rstrip(), ident


def _title_after_id(ident: str, after: str) -> str:
    if not after.strip():
        return ident
    sep = _SPACED_SEP_RE.match(after)
    if sep:
        return after[sep.end():].strip() or ident
    return ident + after.strip()  # glued (``M1-MVP_Test``): the whole name is the title


def milestone_heading(text: str, *, bare: bool = True) -> tuple[str | None, str, bool] | None:
    """Read a level-1 heading as a milestone heading: ``(id, title, certain)``, or None.

    One rule, as a reader judges: the heading names a milestone when it starts with the word
    *Milestone* followed by a colon or dash (``# MILESTONE: Demo``, ``# Milestone - Demo``) or by a
    milestone id or version (``# Milestone v1.1: Context reduction``, ``# Milestone SIM-M1 — Simulation
    core``, ``# Milestone 0.2.0``); or, without the word, when it starts with an ``M``-numbered id
    (``# M3: REST API``, ``# M-03.01 Tracking``, ``# FT-M-05.13 — Service buffers``): then ``certain``
    is False and the page must also have a status line or a phase to count. A title that is only a
    placeholder (``[Title]``, ``<name>``, ``{{ title }}``) is a template, not a milestone; so is a
    word that is no id (``# Milestone Creator``, ``# Milestones``).

    >>> milestone_heading("MILESTONE: SQLite to PostgreSQL")
    (None, 'SQLite to PostgreSQL', True)
    >>> milestone_heading("Milestone v1.1: Context reduction")
    ('v1.1', 'Context reduction', True)
    >>> milestone_heading("Milestone SIM-M1 \u2014 Simulation core")
    ('SIM-M1', 'Simulation core', True)
    >>> milestone_heading("Milestone 0.2.0")
    ('0.2.0', '0.2.0', True)
    >>> milestone_heading("M3: REST API"), milestone_heading("M-03.01 Tracking")
    (('M3', 'REST API', False), ('M-03.01', 'Tracking', False))
    >>> milestone_heading("FT-M-05.13 \u2014 Service buffers")
    ('FT-M-05.13', 'Service buffers', False)
    >>> milestone_heading("Milestone vNEXT \u2014 The Living Canvas")
    ('vNEXT', 'The Living Canvas', True)
    >>> milestone_heading("Milestone: M1-MVP_Test")
    ('M1', 'M1-MVP_Test', True)
    >>> [milestone_heading(t) for t in ("Milestone Creator", "Milestones overview", "MILESTONE: [Title]", "Roadmap: v2")]
    [None, None, None, None]
    """
    text = split_attr_list(text.strip())[0]
    m = _MILESTONE_PREFIX_RE.match(text)
    if m:
        rest = text[m.end():].strip()
        if _PLACEHOLDER_RE.match(rest):
            return None
        idm = _MS_ID_RE.match(rest)
        if idm:
            return idm.group("id"), _title_after_id(idm.group("id"), idm.group("after")), True
        return None, rest, True
    m = _MS_WORD_ID_RE.match(text)
    if m:
        title = _title_after_id(m.group("id"), m.group("after"))
        if _PLACEHOLDER_RE.match(title):
            return None
        return m.group("id"), title, True
    if bare:
        m = _MS_BARE_RE.match(_strip_md(text))
        if m and m.group("after").strip(" :-\u2013\u2014"):
            return m.group("id"), _title_after_id(m.group("id"), m.group("after")), False
    return None


def title_from_heading(text: str) -> str | None:
    """The milestone title when ``text`` (a level-1 heading) names a milestone (see :func:`milestone_heading`).

    >>> title_from_heading("MILESTONE: SQLite to PostgreSQL")
    'SQLite to PostgreSQL'
    >>> title_from_heading("Milestone template") is None
    True
    """
    found = milestone_heading(text, bare=False)
    return found[1] if found else None


def _first_h1(lines: list[Line]) -> tuple[int, str] | None:
    for i in range(len(lines)):
        h = _heading(lines, i)
        if h and h[0] == 1:
            return i, h[1]
    return None


def _has_plan_evidence(lines: list[Line], start: int, stop: int | None = None) -> bool:
    """A status line or a phase heading after ``start``: what a bare ``# M3: ...`` heading needs to be a plan."""
    for i in range(start, len(lines) if stop is None else stop):
        ln = lines[i]
        if ln.in_fence:
            continue
        m = LABEL_RE.match(ln.text) or _BULLET_LABEL_RE.match(ln.text)
        if m and _label_of(m).lower() == "status":
            return True
        h = _heading(lines, i)
        if h and h[0] > 1 and _PHASE_RE.match(_strip_md(h[1])):
            return True
    return False


_QUICK_RE = re.compile(r"milestone|^ {0,3}#[ \t]+(?:\*\*)?(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d", re.IGNORECASE | re.MULTILINE)


def is_milestone_source(text: str, meta: dict[str, Any] | None = None) -> bool:
    """Detection (:func:`milestone_heading` on the first level-1 heading, or front matter ``milestone: true``)."""
    if meta and meta.get("milestone") is True:
        return True
    if not _QUICK_RE.search(text):
        return False
    m, body, offset = split_front_matter(_normalize(text))
    if m.get("milestone") is True:
        return True
    lines = scan_lines(body, offset + 1)
    h1 = _first_h1(lines)
    if not h1:
        return False
    found = milestone_heading(h1[1])
    return bool(found and (found[2] or _has_plan_evidence(lines, h1[0] + 1)))


_ROADMAP_HINT_RE = re.compile(r"^ {0,3}#{2,6}[ \t].*?(?:milestone|\bv\d|\bM-?\d)", re.IGNORECASE | re.MULTILINE)


def may_hold_milestones(text: str, meta: dict[str, Any] | None = None) -> bool:
    """The cheap test before :func:`parse_milestones`: a milestone page, or headings that may hold milestones."""
    return is_milestone_source(text, meta) or bool(_ROADMAP_HINT_RE.search(text))


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


_TITLE_STATUS_RE = re.compile(r"\s*(?:\((?P<paren>[^()]{2,40})\)|\s[\-\u2013\u2014]+\s+(?P<dash>[A-Za-z][\w \-]{1,30}))\s*$")
_STATUS_BOLD_RE = re.compile(r"^\*\*(?P<bold>[^*]+)\*\*(?P<rest>.*)$", re.DOTALL)
_ASIDE_RE = re.compile(r"[*_]*\([^()]*\)[*_]*")  # ``*(originally IN PROGRESS)*``: an aside, never the status
_NEGATION = frozenset({"not", "no", "never", "yet", "un"})
_SHORT_OF = frozenset({"almost", "nearly", "mostly", "partly", "partially", "largely", "half", "soon", "about"})
_PERCENT_RE = re.compile(r"^~?(?P<n>\d{1,3})(?:\.\d+)?\s?%$")


def _qualified(status: str, before: str) -> str | None:
    """The status a qualifier before a status word makes of it (``not done``, ``almost done``, ``75% complete``).

    None when the word before qualifies nothing.

    >>> _qualified("done", "not"), _qualified("done", "almost"), _qualified("done", "75%"), _qualified("done", "100%"), _qualified("done", "api")
    ('pending', 'in-progress', 'in-progress', 'done', None)
    """
    word = before.lower().strip("*_.,;:")
    if word in _NEGATION:
        return "pending" if status in ("done", "in-progress", "partial") else None
    if word in _SHORT_OF:
        return "in-progress" if status == "done" else None
    pm = _PERCENT_RE.match(word)
    if pm:
        return "done" if int(pm.group("n")) >= 100 else ("pending" if int(pm.group("n")) == 0 else "in-progress")
    return None


def read_status(text: str) -> tuple[str, str, str | None]:
    """``(status words, note, canonical)`` of a status value, as a reader reads it.

    The first words give the status; failing that, a bold span or the last words of a clause
    (``**design accepted; implementation not started**`` is pending). Only the status phrase is the
    badge's text; every other word is the note. A status word qualified by what comes before it is
    read as qualified (``Not implemented`` is pending, ``75% complete`` and ``Almost done`` in
    progress), and an aside in parentheses is never the status. Unknown: the text as written.

    >>> read_status("DONE - shipped with v2")
    ('DONE', 'shipped with v2', 'done')
    >>> read_status("**design accepted; implementation not started** (ADR-22). Base: main")
    ('not started', 'design accepted; implementation \u00b7 ADR-22. Base: main', 'pending')
    >>> read_status("Not yet implemented"), read_status("75% complete")
    (('Not yet implemented', '', 'pending'), ('75% complete', '', 'in-progress'))
    >>> read_status("Charter Superseded *(originally IN PROGRESS)*")
    ('Superseded', 'Charter \u00b7 *(originally IN PROGRESS)*', 'cancelled')
    """
    words, note = split_status(text)
    canon = normalize_status(words)
    if canon is not None:
        return words, note, canon
    raw = text.strip()
    bold = _STATUS_BOLD_RE.match(raw)
    head, rest = (bold.group("bold").strip(), bold.group("rest")) if bold else (raw, "")
    asides = " ".join(m.group(0) for m in _ASIDE_RE.finditer(head))
    bare = _ASIDE_RE.sub(" ", head)
    lead = bare.split()
    if lead and len(lead) <= 4:  # ``Not done``, ``Almost done``, ``75% complete``: the whole value, qualified
        tail = normalize_status(" ".join(lead[1:])) if len(lead) > 1 else None
        q = _qualified(tail, lead[0]) if tail else None
        if q is None and len(lead) > 2 and lead[1].lower() in _NEGATION:
            tail = normalize_status(" ".join(lead[2:]))
            q = _qualified(tail, lead[0]) if tail else None
        if q is not None and not asides:
            return " ".join(lead), _aside_note(rest), q
    for clause in reversed(re.split(r"[;,]", bare)):
        parts = clause.split()
        for n in range(min(3, len(parts)), 0, -1):
            tail = " ".join(parts[-n:]).rstrip(".")
            if not (is_status_phrase(tail) and normalize_status(tail) is not None):
                continue
            canon = normalize_status(tail)
            before = parts[-n - 1] if len(parts) > n else ""
            if before:
                q = _qualified(canon or "", before)
                if q is not None or before.lower() in _NEGATION:
                    # ``Feature not implemented``: the qualified phrase is the status, the rest the note
                    m = re.search(re.escape(before) + r"\s+" + re.escape(tail), bare)
                    if m is None:
                        return head, _aside_note(rest), q
                    others = [bare[:m.start()].strip(" ;,"), bare[m.end():].strip(" ;,."), asides, _aside_note(rest)]
                    return m.group(0), " \u00b7 ".join(x for x in others if x), q
            at = bare.rindex(tail)
            others = [bare[:at].strip(" ;,"), bare[at + len(tail):].strip(" ;,."), asides, _aside_note(rest)]
            return tail, " \u00b7 ".join(x for x in others if x), canon
    return raw, "", None


def _aside_note(rest: str) -> str:
    note = rest.strip()
    return note[1:].replace(")", "", 1).strip() if note.startswith("(") else note.lstrip(" -\u2013\u2014:.").strip()


def _combine(states: list[str]) -> str | None:
    """One status for a group of tasks: all done (or dropped) -> done; none started -> pending; else in progress."""
    states = [x for x in states if x]
    if not states:
        return None
    if all(x in ("done", "cancelled") for x in states):
        return "done" if "done" in states else "cancelled"
    if all(x == "pending" for x in states):
        return "pending"
    if all(x in ("pending", "blocked") for x in states):
        return "blocked"
    return "in-progress"


_REF_TRIM_RE = re.compile(r"^[^\x00-\x7f\w]+|[^\x00-\x7f\w]+$", re.UNICODE)  # status emoji at either end
_REF_STATUS_TAIL_RE = re.compile(
    r"\s*(?:[-\u2013\u2014:]\s*)?\b(?:done|complete|completed|finished|shipped|merged|in progress|pending|required)\s*$",
    re.IGNORECASE,
)


def milestone_refs(value: str) -> list[str]:
    """The milestones a ``Depends on``/``Dependencies``/``Prerequisites`` value names, as written.

    Links give their targets; otherwise names or ids separated by commas, with status remarks
    (``(DONE)``, ``✅``, ``complete``) dropped. Phase references (``Phase 2``) are the phases' own.

    >>> milestone_refs("M0-Docker_Environment_Setup (DONE), M1-MVP (DONE)")
    ['M0-Docker_Environment_Setup', 'M1-MVP']
    >>> milestone_refs("\N{WHITE HEAVY CHECK MARK} FT-M-05.09, \N{WHITE HEAVY CHECK MARK} FT-M-05.11")
    ['FT-M-05.09', 'FT-M-05.11']
    >>> milestone_refs("[Auth](auth.md), [DB](../db/)"), milestone_refs("None (foundational)"), milestone_refs("Phase 0")
    (['auth.md', '../db/'], [], [])
    """
    refs = [m.group("href").strip("<>") for m in _LINK_RE.finditer(value)]
    if refs:
        return refs
    text = _strip_md(value.split("\n")[0])
    out: list[str] = []
    for part in re.split(r"[,;]", text):
        part = re.sub(r"\s+\([^()]*\)\s*$", "", part.strip())  # ``M1-MVP (DONE - but with issues)``
        part = _REF_TRIM_RE.sub("", part).strip()
        part = _REF_TRIM_RE.sub("", _REF_STATUS_TAIL_RE.sub("", part)).strip()
        if not part or _NONE_RE.match(part) or re.match(r"(?i)phases?\b", part) or part in out:
            continue
        out.append(part)
    return out


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


def _numbered_back(current: str, new: str) -> bool:
    """Does ``new`` number lower than ``current`` (``3.10`` then ``1``)? Then a deeper heading is a sub-plan.

    >>> _numbered_back("3.10", "1"), _numbered_back("1", "2"), _numbered_back("2", "2a"), _numbered_back("4", "B")
    (True, False, False, False)
    """
    a, b = re.match(r"\d+", current), re.match(r"\d+", new)
    return bool(a and b) and int(b.group()) < int(a.group())  # type: ignore[union-attr]


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
        self.top_end = 1 << 30  # the line of the first heading after the title (set by _body)
        self.informed: set[int] = set()  # phases whose status was written or shown by their tasks

    def warn(self, line: int, message: str) -> None:
        self.diags.append(Diagnostic(self.file, line, message))

    # -- sections -------------------------------------------------------------------------------
    def parse(self) -> Milestone | None:
        lines = self.lines
        h1 = _first_h1(lines)
        found = milestone_heading(h1[1]) if h1 is not None else None
        forced = self.meta.get("milestone") is True
        if found is not None and not found[2] and not _has_plan_evidence(lines, h1[0] + 1):  # type: ignore[index]
            found = None  # ``# M3 ...`` with neither a status line nor a phase: not sure, leave the page alone
        if found is None and not forced:
            return None
        ident, title = (found[0], found[1]) if found else (None, None)
        if title is None:
            title = str(self.meta.get("title") or (split_attr_list(h1[1])[0] if h1 else "") or "Untitled milestone")
        start = h1[0] + 1 if h1 is not None else 0
        ms = Milestone(title=title, line=lines[h1[0]].no if h1 else (lines[0].no if lines else 1), file=self.file, id=ident)
        ms.meta = self.meta
        ms.keyword_title = h1 is not None and title_from_heading(h1[1]) is not None
        if not title:
            self.warn(ms.line, "the milestone has no title; write `# MILESTONE: <name>`")
        self._body(ms, start, len(lines))
        return ms

    def _heading_status(self, ms: Milestone) -> None:
        """``## Milestone: v1.0 Backlog (COMPLETE)``, ``... — SHIPPED``: with no status line, the heading's word is the status."""
        m = _TITLE_STATUS_RE.search(ms.title)
        if m is None or ms.status_line is not None or ms.status_text:
            return
        words, note = split_status(m.group("paren") or m.group("dash") or "")
        if normalize_status(words) is not None and is_status_phrase(words):
            ms.title = ms.title[:m.start()].rstrip()
            ms.status_text, ms.status_note, ms.status = words, note, normalize_status(words)

    def _body(self, ms: Milestone, start: int, stop: int) -> None:
        """Read lines ``start:stop`` (after the milestone's heading) into ``ms``."""
        lines = self.lines
        # Headings outside code, in order.
        heads: list[tuple[int, int, str]] = []  # (index, level, text)
        for i in range(start, stop):
            h = _heading(lines, i)
            if h:
                heads.append((i, h[0], h[1]))

        # Walk the document: top fields, sections, phases.
        section_name = ""
        seen_ids: dict[str, int] = {}
        bounds = [i for i, _, _ in heads] + [stop]
        self._fields(lines[start:bounds[0]], ms.fields)
        self.top_end = lines[bounds[0]].no if bounds[0] < len(lines) else (lines[-1].no + 1 if lines else 1)
        in_phase: set[int] = set()
        first_level: int | None = None  # the first phase heading's level
        k = 0
        while k < len(heads):
            i, level, text = heads[k]
            pm = _PHASE_RE.match(_strip_md(split_attr_list(text)[0]))
            if pm and first_level is not None and level > first_level and _numbered_back(ms.phases[-1].id, pm.group("id")):
                pm = None  # ``## Phase 3.10`` ... ``### Phase 1 - Schema``: a plan inside the phase, not the next phase
            if pm:
                first_level = level if first_level is None else first_level
                # A phase runs until the next heading of its level or above, or the next phase.
                end_k = k + 1
                while end_k < len(heads) and heads[end_k][1] > level and not self._next_phase(heads[end_k], pm.group("id")):
                    end_k += 1
                end = heads[end_k][0] if end_k < len(heads) else stop
                phase = self._phase(pm, lines[i].no, level, lines[i + 1:end], split_attr_list(text)[1])
                phase.heading = _phase_heading(pm, text)
                in_phase.update(range(i, end))
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
            self._section(ms, section_name, level, lines[i].no, text, body, full)
            k += 1

        # The page's own checklists, outside phases and code.
        for idx in range(start, stop):
            if idx in in_phase or lines[idx].in_fence:
                continue
            box = self._box(lines[idx])
            if box is not None:
                ms.checks.append(box)
        if not ms.phases:
            self._phase_table(ms, start, stop)
        self._milestone_fields(ms)
        self._heading_status(ms)
        self._phase_statuses(ms)
        self._milestone_status(ms)
        self._external_phase_refs(ms)
        ms.tables = [Table(no, tuple(header), column_kinds(header)) for no, header, _ in _table_blocks(lines[start:stop])]
        self._diagrams(ms, start, stop)
        self._check_refs(ms)
        ms.diagnostics = self.diags

    @staticmethod
    def _next_phase(head: tuple[int, int, str], current: str) -> bool:
        """Does this deeper heading start another phase? (``### Phase 1 Validation`` inside Phase 1 does not.)"""
        m = _PHASE_RE.match(_strip_md(split_attr_list(head[2])[0]))
        return bool(m) and m.group("id").lower() != current.lower() and not _numbered_back(current, m.group("id"))

    @staticmethod
    def _box(ln: Line) -> Check | None:
        """A task-list line as a :class:`Check`, with the author's own markers read (None for other lines)."""
        if "[" not in ln.text:
            return None
        t = _TASKLIST_RE.match(ln.text)
        if not t:
            return None
        mark = t.group("mark")
        status = _BOX_MARKS.get(mark) if len(mark) == 1 else normalize_status(mark)
        if status is None:
            return None  # ``- [Link] text``: not a box
        return Check(t.group("text").strip(), status == "done", ln.no, status, mark)

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
            if " \u00b7 " in ln.text and ":" in ln.text:
                # ``stage: mvp · status: active · created: 2026-06-07``: several labels on one line
                parts = [LABEL_RE.match(seg.strip()) for seg in ln.text.split(" \u00b7 ")]
                if sum(1 for m in parts if m) >= 2:
                    into.extend(Field(_label_of(m), m.group("value").strip(), ln.no) for m in parts if m)
                    current = None
                    continue
            m = LABEL_RE.match(ln.text)
            if m:
                current = Field(_label_of(m), m.group("value").strip(), ln.no, ln.text.strip())
                takes_list = not current.value
                into.append(current)
                continue
            bm = _BULLET_LABEL_RE.match(ln.text) if ":" in ln.text else None
            if bm and _label_of(bm).lower() in _BULLET_LABELS and bm.group("value").strip():
                # ``- **Priority**: CRITICAL``: a label written as a list item (the list stays the page's)
                into.append(Field(_label_of(bm), bm.group("value").strip(), ln.no))
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
        top_end = self.top_end
        for f in ms.fields:
            key = f.label.lower()
            if key == "status" and ms.status_line is None:
                text = _strip_md(f.value)
                ms.status_text, ms.status_note, ms.status = read_status(text)
                ms.status_line = f.line
                if ms.status is None:
                    self.warn(f.line, self._unknown_status(ms.status_text))
            elif key == "priority" and not ms.priority_text:
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

    def _phase_statuses(self, ms: Milestone) -> None:
        """Phases without a status line take the status their tasks show (the tasks' status lines, else
        their boxes); with nothing to show, a done (or cancelled) milestone's own status, else pending.
        No warning: a reader can tell."""
        self.informed = set()
        for n, phase in enumerate(ms.phases):
            if phase.status_line is not None:
                self.informed.add(n)
                continue
            states = phase.sub_statuses or [c.status for c in phase.checks if c.status != "cancelled"]
            inferred = _combine(states)
            if inferred is not None:
                self.informed.add(n)
            elif ms.status in ("done", "cancelled"):
                inferred = ms.status
            else:  # no status line and no task to read one from: a reader cannot tell either
                self.warn(phase.line, f"Phase {phase.id} has no status line; add `**Status**: \N{HOURGLASS WITH FLOWING SAND} Pending` under its heading")
                continue
            phase.status, phase.status_inferred = inferred, True

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
            elif not any("is not a milestone status" in d.message for d in self.diags):
                self.warn(ms.line, "the milestone has no status line; add `**Status**: \N{HOURGLASS WITH FLOWING SAND} Pending` (or in progress, done, ...) under the title")
        if ms.status != "done":
            return
        # What is written wins over the status (progress counts it); a reader sees the contradiction too.
        boxes = ms.counted_checks
        open_boxes = [c for c in boxes if not c.checked]
        open_phases = [p for p in ms.phases if p.status not in ("done", "cancelled")]
        if open_boxes:
            self.warn(ms.status_line or ms.line,
                      f"the milestone is marked done but {len(open_boxes)} of {len(boxes)} checklist items are not ticked "
                      f"(first at line {open_boxes[0].line}); tick them (or mark them `[-]` if dropped), or give the "
                      "milestone a status other than done")
        elif open_phases:
            names = ", ".join(f"Phase {p.id}" for p in open_phases[:5]) + (", ..." if len(open_phases) > 5 else "")
            self.warn(ms.status_line or ms.line,
                      f"the milestone is marked done but {len(open_phases)} of {len(ms.phases)} phases are not ({names}); "
                      "mark them done (or cancelled), or give the milestone a status other than done")

    def _phase_table(self, ms: Milestone, start: int, stop: int) -> None:
        """Phases written as rows of a table (``| Phase | Focus | ... | Status |``) when none has a heading."""
        for header, rows in _tables(self.lines[start:stop]):
            first = _strip_md(header[0]).lower() if header else ""
            st = _column(header, "status", "state")
            if first not in ("phase", "#", "phase #", "stage", "step", "id") or st is None or not rows:
                continue
            if not all(re.fullmatch(r"\d+(?:\.\d+)?[a-z]?", _strip_md(cells[0]) if cells else "") for _, cells in rows):
                continue
            ti = _column(header, "focus", "title", "name", "description", "goal", "summary", "scope")
            ti = ti if ti is not None and ti != 0 else (1 if st != 1 else None)
            for no, cells in rows:
                text = _strip_md(_cell(cells, st))
                words, note = split_status(text)
                phase = Phase(id=_strip_md(cells[0]), title=_strip_md(_cell(cells, ti)), line=no, heading_level=0)
                phase.status_text, phase.status_note, phase.status = words, note, normalize_status(words)
                phase.status_line = no
                if text and phase.status is None:
                    self.warn(no, self._unknown_status(text))
                ms.phases.append(phase)
            return

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

    def _phase(self, pm: re.Match[str], line: int, level: int, body: list[Line], html_id: str | None = None) -> Phase:
        pid = pm.group("id")
        rest = pm.group("rest").strip()
        est = None
        em = _ESTIMATE_RE.search(rest)
        if em:
            est = em.group("est").strip()
            rest = rest[:em.start()].strip()
        phase = Phase(id=pid, title=_strip_md(rest), line=line, heading_level=level, estimate=est, html_id=html_id)
        self._fields(body, phase.fields)
        # Where the phase's own text ends and its subsections (tasks, criteria...) begin.
        sub_starts = [ln.no for ln in body if not ln.in_fence and (h := _ATX_RE.match(ln.text)) and len(h.group(1)) > level]
        statuses = [f for f in phase.fields if f.label.lower() == "status"]
        own = [f for f in statuses if not sub_starts or f.line < sub_starts[0]]
        under = {max((n for n in sub_starts if n < f.line), default=0) for f in statuses}
        if not own and len(under) > 1:
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
            box = self._box(ln)
            if box is not None:
                phase.checks.append(box)
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

    def _diagrams(self, ms: Milestone, start: int = 0, stop: int | None = None) -> None:
        block: list[Line] = []
        info = ""
        for ln in self.lines[start:stop]:
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


_VERSION_HEAD_RE = re.compile(r"^(?P<lead>[^\w\s]*\s*)(?P<id>[vV]\d+(?:\.\d+)*)(?P<after>(?:[\s:\-\u2013\u2014].*)?)$")
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


def _in_range(pid: str, rng: tuple[float, float]) -> bool:
    """``Phases 11-17.1`` holds 11 ... 17.1; ``Phases 18-22`` holds 19.2 and 22.1 (phases inserted after 22)."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", pid):
        return False
    n, (a, b) = float(pid), rng
    return a <= n <= b or (b == int(b) and int(n) == b)


def _slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading by default (``toc.slugify``), without importing it.

    >>> _slug("Milestone: v1.0 Backlog (COMPLETE)"), _slug("Milestone 2: API \u2014 Pläne")
    ('milestone-v10-backlog-complete', 'milestone-2-api-plane')
    """
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


class _Roadmap(_Parser):
    """Several milestones in one document: ``## Milestone ...`` sections, or the ``.planning/ROADMAP.md``
    layout (a ``## Milestones`` list with ``Phases N-M`` ranges, phases as checklist items and sections)."""

    def milestones(self) -> list[Milestone]:
        lines = self.lines
        heads = [(i, h[0], h[1]) for i in range(len(lines)) if (h := _heading(lines, i))]
        out = self._sections(heads)
        return out if out else self._listed(heads)

    def _sections(self, heads: list[tuple[int, int, str]]) -> list[Milestone]:
        out: list[Milestone] = []
        found: list[tuple[int, int, str, str | None, str, bool]] = []
        for i, level, text in heads:
            if level < 2:
                continue
            clean = split_attr_list(_strip_md(text))[0]
            got = milestone_heading(clean)
            if got is None:
                vm = _VERSION_HEAD_RE.match(clean)
                if vm and (not vm.group("lead").strip() or normalize_status(vm.group("lead"))):
                    # ``### ✅ v1.0 MVP`` and ``## v2.0 Site (Shipped: 2026-03-04)`` are sure; a bare ``## v1.2``
                    # (a changelog?) needs a status line or a phase
                    title = _title_after_id(vm.group("id"), vm.group("after"))
                    ts = _TITLE_STATUS_RE.search(title)
                    marked = bool(ts and normalize_status(split_status(ts.group("paren") or ts.group("dash") or "")[0]))
                    got = (vm.group("id"), title, bool(vm.group("lead").strip()) or marked)
            if got is not None:
                found.append((i, level, text, got[0], got[1], got[2]))
        for i, level, text, ident, title, certain in found:
            stop = len(self.lines)
            for j, lv, _ in heads:
                if j > i and lv <= level:
                    stop = j
                    break
            if not certain and not _has_plan_evidence(self.lines, i + 1, stop):
                continue  # ``### M01: ...`` with its status in a property table (a dashboard): not read
            self.diags = []
            ms = Milestone(title=title, line=self.lines[i].no, file=self.file, id=ident)
            ms.anchor = heading_anchor(text)
            lead = _VERSION_HEAD_RE.match(_strip_md(text))
            if lead and lead.group("lead").strip():
                ms.status_text = lead.group("lead").strip()
                ms.status = normalize_status(ms.status_text)
            self._body(ms, i + 1, stop)
            out.append(ms)
        return out

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


def heading_anchor(text: str) -> str:
    """The HTML id a heading gets: its attr_list ``{ #id }``, else the id Python-Markdown's toc gives it.

    >>> heading_anchor("Milestone **v1.0**: Core"), heading_anchor("v2 { #next }")
    ('milestone-v10-core', 'next')
    """
    words, ident = split_attr_list(text)
    return ident or _slug(_strip_md(words))


def parse_roadmap(text: str, *, file: str | None = None, meta: dict[str, Any] | None = None, first_line: int = 1) -> list[Milestone]:
    """The milestones of a document that is not a milestone page itself (:func:`parse_milestones`), each with an anchor."""
    if not _ROADMAP_HINT_RE.search(text):
        return []
    return _Roadmap(text, file, meta, first_line).milestones()
