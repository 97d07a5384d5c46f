# SPDX-License-Identifier: MIT
"""The sections of a milestone document the parser reads besides phases: label lines, success
criteria and risk tables, a phase table (``| Phase | Focus | ... | Status |``), box-drawing diagrams.

:class:`_SectionReader` is mixed into :class:`~mkdocs_milestones.parser._Parser`, which provides
``lines`` and ``warn``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .detect import _BULLET_LABELS, _BULLET_LABEL_RE, _QUOTE_RE, _label_of, status_paragraph
from .model import Criterion, Diagram, Field, Milestone, Phase, Risk, Section
from .reading import _cell, _column, _kind_column, column_kinds
from .quick import NOT_LABEL_START
from .lines import _FENCE_RE, Lines
from .source import LABEL_RE, _BULLET_RE, _strip_md, _tables, label_parts
from .vocabulary import STATUSES, normalize_status, split_status

if TYPE_CHECKING:
    from collections.abc import Callable

__all__: list[str] = []

_BULLET_MARKS = frozenset("-*+")  # a bullet label line's first character after its (at most 3) spaces
_NUMBERED_RE = re.compile(r"^(?P<indent>\s*)\d+[.)]\s+(?P<text>.*)$")
_BOX_CHARS = re.compile("[\u2500-\u257f\u2580-\u259f\u25b2-\u25bc\u25b6\u25c0]")


class _SectionReader:
    """Readers of a milestone's sections; the class using it provides ``lines`` and ``warn``."""

    lines: Lines
    body: str
    warn: Callable[[int, str], None]

    def _section(self, ms: Milestone, name: str, level: int, line: int, title: str, body: Lines, full: Lines) -> None:
        self._fields(body, ms.fields)
        if name.strip() == "status" and not any(f.label.lower() == "status" for f in ms.fields):
            # ``## Status`` then ``PLANNED — waiting for ...``: the paragraph's first words are the status, the rest its note
            para = status_paragraph(body)
            if para is not None:
                ms.fields.append(Field("Status", _QUOTE_RE.sub("", para.text, count=1).strip(), para.no))
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
            # The section's first table, and every later one with a likelihood or impact column (a second
            # risk table, one in an admonition): the page badges exactly these rows.
            for n, (header, rows) in enumerate(_tables(full)):
                kinds = column_kinds(header)
                lk, im = _kind_column(kinds, "likelihood"), _kind_column(kinds, "impact")
                if n and lk is None and im is None:
                    continue
                mi = _column(header, "mitigation", "response", "plan", "action")
                for no, cells in rows:
                    ms.risks.append(Risk(_cell(cells, 0), _cell(cells, lk), _cell(cells, im), _cell(cells, mi), no))
        elif name.startswith("note"):
            for ln in body:
                b = _BULLET_RE.match(ln.text) or _NUMBERED_RE.match(ln.text)
                if b and not ln.in_fence and not b.group("indent"):
                    ms.notes.append(b.group("text").strip())
        elif not (name.startswith("executive summary") or "phase" in name or "architecture" in name or name == "summary"):
            ms.sections.append(Section(_strip_md(title), level, line, "\n".join(body.texts).strip("\n")))

    def _fields(self, body: Lines, into: list[Field], quoted: bool = False) -> None:
        """Collect ``**Label**: value`` lines, and the list lines that continue a label; with ``quoted``
        (the top of the page) also those in a blockquote (``> **Status:** COMPLETED ✅``)."""
        current: Field | None = None
        takes_list = False  # a label with nothing after its colon introduces the list below it
        texts, fence, first = body.texts, body.fence, body.first
        # only a line with a colon can be a label: the lines of the walk are those, and those after a label
        # (a continuation) up to the next label candidate
        for k, text in enumerate(texts):
            if current is None and ":" not in text:
                continue  # no label here, none open
            if fence[k]:
                current = None
                continue
            colon = ":" in text  # every label line has one
            no = first + k
            if colon and " \u00b7 " in text:
                # ``stage: mvp · status: active · created: 2026-06-07``: several labels on one line
                parts = [LABEL_RE.match(seg.strip()) for seg in text.split(" \u00b7 ")]
                if sum(1 for m in parts if m) >= 2:
                    into.extend(Field(_label_of(m), m.group("value").strip(), no) for m in parts if m)
                    current = None
                    continue
            lead = text.lstrip(" ")[:1]  # a label's ``**`` or word, a bullet label's marker, a quote's ``>``
            said = label_parts(text) if colon and lead not in NOT_LABEL_START else None
            if said is None and colon and quoted and lead == ">":
                said = label_parts(_QUOTE_RE.sub("", text, count=1))
            if said is not None:
                current = Field(said[0], said[1], no, text.strip())
                takes_list = not said[1]
                into.append(current)
                continue
            bm = _BULLET_LABEL_RE.match(text) if colon and lead in _BULLET_MARKS else None
            if bm and _label_of(bm).lower() in _BULLET_LABELS and bm.group("value").strip():
                # ``- **Priority**: CRITICAL``: a label written as a list item (the list stays the page's)
                into.append(Field(_label_of(bm), bm.group("value").strip(), no))
            if current is None:
                continue  # no label open: nothing below can continue one
            if not text or text.isspace():  # a blank line ends the label's paragraph (none yet: it may still come)
                if current.value:
                    current = None
                continue
            is_item = bool(_BULLET_RE.match(text) or _NUMBERED_RE.match(text))
            if current is not None and text.strip() and (is_item or text.startswith(" ")) and (takes_list or not is_item):
                # ``**Status**: done`` followed by a checklist: the list is the page's, not the status's.
                if is_item and current.shown is None:
                    current.shown = current.value  # the paragraph ends where the list starts
                current.value = (current.value + "\n" + text.strip()).strip()
            elif not text.strip() and current is not None and not current.value:
                continue
            else:
                current = None

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

    def _diagrams(self, ms: Milestone, start: int = 0, stop: int | None = None) -> None:
        lines = self.lines
        opened = -1  # the open fence's line index
        info = ""
        texts, edge = lines.texts, lines.edge
        end = len(texts) if stop is None else min(stop, len(texts))
        for k in [k for k in range(start, end) if edge[k]] if "```" in self.body or "~~~" in self.body else ():
            if opened < 0:
                m = _FENCE_RE.match(texts[k])
                info = (m.group("info").strip() if m else "")
                opened = k
            else:
                body = "\n".join(texts[opened + 1:k])
                if _BOX_CHARS.search(body):
                    ms.diagrams.append(Diagram(body, lines.first + opened, info))
                opened = -1

    @staticmethod
    def _unknown_status(text: str) -> str:
        if not text.strip():
            return f"the Status line is empty; write one of: {', '.join(STATUSES)} (or an emoji such as \N{HOURGLASS WITH FLOWING SAND} \N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} \N{WHITE HEAVY CHECK MARK} \N{CROSS MARK})"
        return f"unknown status {text!r}; write one of: {', '.join(STATUSES)} (or an emoji such as \N{HOURGLASS WITH FLOWING SAND} \N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} \N{WHITE HEAVY CHECK MARK} \N{CROSS MARK})"
