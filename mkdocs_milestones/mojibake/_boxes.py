# SPDX-License-Identifier: MIT
"""Box-drawing guesses resolved on the grid of the repaired text.

A box-drawing character whose UTF-8 form lost a byte (┐ is E2 94 90 and 0x90 is not in
Windows-1252) reads as one of several candidates: ━ ┍ ┏ ┐ ┝ for ``â”``. The grid decides: each
candidate's arms (up, right, down, left) should meet the arms of its neighbours in the display
cells above, below, left and right; its line weight should match the family the diagram is
drawn in (light, heavy, double; rounded corners are light); and where nothing connects (a
legend listing characters) a corner pairs with the corner that mirrors it (┌ then ┐), and a
listing does not repeat itself. Guesses are improved in rounds until none changes.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from . import _tables as T

_NL_RE = re.compile("\n")
_VS_ZWJ = frozenset("\ufe0e\ufe0f\u200d")


class BoxToken(Protocol):
    """What the grid needs from a token: where it is and its current guess."""

    start: int
    char: str
    cands: list[tuple[str, float]]


def _width(ch: str) -> int:
    if ch < "\u1100":
        return 1
    if ch in _VS_ZWJ or unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _is_box(ch: str) -> bool:
    return "\u2500" <= ch <= "\u257f"


class Grid:
    """The repaired text as lines of display cells, with the box guesses placed in it."""

    def __init__(self, out: str, where: dict[int, int], boxes: Sequence[BoxToken]) -> None:
        """Place the guesses.

        Args:
            out: The text with every accepted repair applied (box guesses included).
            where: Token start in the pass input to its offset in ``out``.
            boxes: The box tokens.
        """
        self.out = out
        self.starts = [0] + [m.end() for m in _NL_RE.finditer(out)]
        self.lines: dict[int, list[str]] = {}
        self.cells: dict[int, list[int]] = {}
        self.counts: dict[int, Counter[str]] = {}
        self.weights: dict[int, list[int]] = {}
        self.pos: dict[int, tuple[int, int]] = {}
        for tok in boxes:
            o = where[tok.start]
            line = bisect.bisect_right(self.starts, o) - 1
            self.pos[tok.start] = (line, o - self.starts[line])
        self.fixed = set(self.pos.values())

    def _line(self, n: int) -> list[str] | None:
        if n < 0 or n >= len(self.starts):
            return None
        chars = self.lines.get(n)
        if chars is None:
            end = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.out)
            chars = list(self.out[self.starts[n]:end])
            self.lines[n] = chars
            cells: list[int] = []  # cell -> index of the character covering it
            for i, c in enumerate(chars):
                cells.extend([i] * (1 if (n, i) in self.fixed else _width(c)))
            self.cells[n] = cells
            self.counts[n] = Counter(c for c in chars if _is_box(c))
        return chars

    def _at(self, n: int, cell: int) -> str:
        chars = self._line(n)
        if chars is None:
            return ""
        cells = self.cells[n]
        return chars[cells[cell]] if 0 <= cell < len(cells) else ""

    def _weights(self, n: int) -> list[int]:
        """How many arms of each weight the box characters of line ``n`` have."""
        w = self.weights.get(n)
        if w is None:
            w = [0, 0, 0, 0]
            for c, k in self.counts[n].items():
                a = T.ARMS[c]
                for x in a:
                    if x:
                        w[x] += k
            self.weights[n] = w
        return w

    def set(self, tok: BoxToken, ch: str) -> None:
        """Move the guess at ``tok`` to ``ch``."""
        n, i = self.pos[tok.start]
        chars = self._line(n)
        assert chars is not None
        old = chars[i]
        chars[i] = ch
        counts = self.counts[n]
        if _is_box(old):
            counts[old] -= 1
        if _is_box(ch):
            counts[ch] += 1
        self.weights.pop(n, None)

    def scores(self, tok: BoxToken) -> Callable[[str], float]:
        """Return a function scoring box candidates at ``tok`` against the current grid."""
        n, i = self.pos[tok.start]
        chars = self._line(n)
        assert chars is not None
        cell = bisect.bisect_left(self.cells[n], i)
        current = chars[i]
        # Family and diagram context from this line and two on either side.
        weights = [0, 0, 0, 0]
        for k in range(n - 2, n + 3):
            if self._line(k) is not None:
                for x, c in enumerate(self._weights(k)):
                    weights[x] += c
        cur_arms = T.ARMS.get(current)
        if cur_arms:
            for x in cur_arms:
                if x:
                    weights[x] -= 1
        context = sum(weights) > 0
        dominant = max(range(1, 4), key=lambda x: weights[x])
        neighbours = []
        for other, facing, mine in (
            (self._at(n - 1, cell), 2, 0),  # the cell above connects with its down arm
            (chars[i + 1] if i + 1 < len(chars) else "", 3, 1),
            (self._at(n + 1, cell), 0, 2),
            (chars[i - 1] if i > 0 else "", 1, 3),
        ):
            oa = T.arms(other) if other else None
            neighbours.append((oa[facing] if oa else 0, oa is not None,
                               oa is not None and other in T.ARROW_ARMS, mine))
        prev_box = next((c for c in reversed(chars[:i]) if c in T.ARMS), "")
        next_box = next((c for c in chars[i + 1:] if c in T.ARMS), "")
        counts = self.counts[n]

        def score(ch: str) -> float:
            own = T.ARMS[ch]
            total = 0.0
            if context:
                total += 4.0
                lit = [x for x in own if x]
                total += 2.0 * sum(1 if x == dominant else -1 for x in lit) / max(len(lit), 1)
            if ch in T.STANDARD_BOX:
                total += 1.0
            linked = False
            for na, is_box, is_arrow, mine in neighbours:
                xa = own[mine]
                if na and xa:
                    total += 5.0 if na in (xa, 9) else 4.0
                    linked = True
                elif na:
                    total -= 4.0
                    linked = True
                elif xa and not is_arrow:
                    # An arm into a box character that does not connect merely touches it; an
                    # arm into space or text dangles.
                    total -= 1.0 if is_box else 2.0
            if not linked:
                # Nothing connects (a legend, a list of characters): a corner pairs with the
                # corner that mirrors it, and a listing does not repeat itself.
                if T.MIRROR.get(prev_box) == ch or T.MIRROR.get(next_box) == ch:
                    total += 3.0
                if counts[ch] - (ch == current) > 0:
                    total -= 2.0
            return total

        return score
