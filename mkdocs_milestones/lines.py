# SPDX-License-Identifier: MIT
"""A document's lines as the parse reads them: numbered, and marked where fenced code is (fence lines included).

:func:`scan_lines` keeps them as parallel lists (:class:`Lines`), not an object per line: a 300-page site holds
about 145,000 lines, which the parse, the detection and the line normaliser each walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["FENCE_EDGE", "IN_FENCE", "Line", "Lines", "OUTSIDE", "fence_states", "scan_lines", "scanned_lines"]

_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(slots=True)
class Line:
    """One source line with what the scanner knows about it."""

    no: int
    text: str
    in_fence: bool
    fence_edge: bool = False


OUTSIDE, IN_FENCE, FENCE_EDGE = 0, 1, 2
"""Where a line is, for :func:`fence_states`."""


def fence_states(lines: list[str]) -> list[int]:
    """For each line: :data:`OUTSIDE` fenced code, :data:`IN_FENCE`, or a :data:`FENCE_EDGE` line.

    An unclosed fence runs to the end of the document, as in CommonMark.

    >>> fence_states(["a", "```py", "x", "```", "b"])
    [0, 2, 1, 2, 0]
    """
    return list(_fence_iter(lines))


def _fence_iter(lines: list[str]) -> Iterator[int]:
    """:func:`fence_states`, one line at a time (detection stops at the first level-1 heading)."""
    fence: str | None = None
    for raw in lines:
        if fence is None:
            m = _FENCE_RE.match(raw) if "```" in raw or "~~~" in raw else None
            if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
                fence = m.group("fence")
                yield FENCE_EDGE
            else:
                yield OUTSIDE
        else:
            stripped = raw.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
                yield FENCE_EDGE
            else:
                yield IN_FENCE


class Lines:
    """The lines of a text as :func:`scan_lines` reads them, kept as parallel lists (no object per line).

    ``texts[k]``, ``fence[k]`` (in fenced code, fence lines included) and ``edge[k]`` (a fence line) describe the
    line numbered ``first + k``. Indexing and iteration give :class:`Line` objects, made when asked for; a slice is
    a ``Lines`` of its own, numbered on. The walks that look at every line read the lists.
    """

    __slots__ = ("texts", "fence", "edge", "first")

    def __init__(self, texts: list[str], fence: list[bool], edge: list[bool], first: int) -> None:
        self.texts, self.fence, self.edge, self.first = texts, fence, edge, first

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, k: Any) -> Any:
        if type(k) is slice:
            a, b, step = k.indices(len(self.texts))
            if step != 1:
                return [self[i] for i in range(a, b, step)]
            return Lines(self.texts[a:b], self.fence[a:b], self.edge[a:b], self.first + a)
        n = len(self.texts)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("line index out of range")
        return Line(self.first + k, self.texts[k], self.fence[k], self.edge[k])

    def __iter__(self) -> Iterator[Line]:
        return map(Line, range(self.first, self.first + len(self.texts)), self.texts, self.fence, self.edge)

    def __repr__(self) -> str:
        return f"Lines({list(self)!r})"


def _rows_with(text: str, needle: str) -> list[int]:
    """The indices of the lines of ``text`` holding ``needle``: a search of the text, not a walk of its lines."""
    out: list[int] = []
    row = pos = 0
    at = text.find(needle)
    while at >= 0:
        row += text.count("\n", pos, at)
        out.append(row)
        pos = text.find("\n", at)
        if pos < 0:
            break
        at = text.find(needle, pos)
    return out


def _fence_flags(text: str, raw: list[str]) -> tuple[list[bool], list[bool]]:
    """``(in fence, fence line)`` for each line of ``raw`` (the lines of ``text``): :func:`_fence_iter`'s reading,
    asked only on the lines holding three backticks or tildes (a fence opens and closes only on such a line)."""
    n = len(raw)
    fence, edge = [False] * n, [False] * n
    ticks, tildes = _rows_with(text, "```"), _rows_with(text, "~~~")
    if not ticks and not tildes:
        return fence, edge
    marker: str | None = None
    opened = 0
    for row in sorted(set(ticks).union(tildes)) if tildes and ticks else ticks or tildes:
        line = raw[row]
        if marker is None:
            m = _FENCE_RE.match(line)
            if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
                marker, opened = m.group("fence"), row
        else:
            stripped = line.strip()
            if stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]):
                fence[opened:row + 1] = [True] * (row + 1 - opened)
                edge[opened] = edge[row] = True
                marker = None
    if marker is not None:  # an unclosed fence runs to the end of the document
        fence[opened:] = [True] * (n - opened)
        edge[opened] = True
    return fence, edge


_LAST_SCAN: tuple[str, int, Lines] = ("", 0, Lines([], [], [], 1))
"""The last text scanned: detection, the parse and the line normaliser of one conversion read the same text."""


def scan_lines(text: str, first_line: int = 1) -> Lines:
    """Number the lines and mark which belong to fenced code (fence lines included).

    An unclosed fence runs to the end of the document, as in CommonMark. The result is shared with the
    next call for the same text (callers only read it).

    >>> [(ln.no, ln.text, ln.in_fence, ln.fence_edge) for ln in scan_lines("a\\n```\\nx\\n```", 3)][1:]
    [(4, '```', True, True), (5, 'x', True, False), (6, '```', True, True)]
    """
    global _LAST_SCAN
    last = _LAST_SCAN
    if last[1] == first_line and last[0] == text:
        return last[2]
    raw = text.split("\n")
    fence, edge = _fence_flags(text, raw)
    out = Lines(raw, fence, edge, first_line)
    _LAST_SCAN = (text, first_line, out)
    return out


def scanned_lines(text: str) -> Lines | None:
    """:func:`scan_lines` of ``text`` when it has just scanned it (any first line), else None."""
    last = _LAST_SCAN
    return last[2] if last[0] == text else None
