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
from collections.abc import Sequence
from typing import Protocol, TypeVar

from . import _tables as T

_NL_RE = re.compile("\n")
_VS_ZWJ = frozenset("\ufe0e\ufe0f\u200d")
_BOX_RE = re.compile("[\u2500-\u257f]")


class BoxToken(Protocol):
    """What the grid needs from a token: where it is and its current guess."""

    start: int
    char: str
    cands: list[tuple[str, float]]


B = TypeVar("B", bound=BoxToken)


def _width(ch: str) -> int:
    if ch < "\u1100":
        return 1
    if ch in _VS_ZWJ or unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _neighbour(other: str, facing: int, mine: int) -> tuple[int, float, int]:
    """What a neighbour offers: its arm facing us, the cost of an arm of ours that it does not
    meet (a box side merely touches, space or text leaves it dangling, an arrowhead is fine),
    and which of our arms faces it."""
    oa = T.ARMS.get(other) if other else None
    if oa is not None:
        return (oa[facing], 1.0, mine)
    oa = T.ARROW_ARMS.get(other) if other else None
    if oa is not None:
        return (oa[facing], 0.0, mine)
    return (0, 2.0, mine)


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
        self.cells: dict[int, Sequence[int]] = {}
        self.counts: dict[int, Counter[str]] = {}
        self.weights: dict[int, list[int]] = {}
        self.windows: dict[int, list[int]] = {}
        self.static: dict[int, tuple[bool, int, tuple[tuple[int, float, int], ...],
                                     tuple[tuple[BoxToken, int, int], ...]]] = {}
        self.memo: dict[tuple[object, ...], str] = {}
        self.unlinked = False  # whether the last choice had no neighbour to connect to
        self.pos: dict[int, tuple[int, int]] = {}
        for tok in boxes:
            o = where[tok.start]
            line = bisect.bisect_right(self.starts, o) - 1
            self.pos[tok.start] = (line, o - self.starts[line])
        self.fixed = set(self.pos.values())
        self.guesses: dict[int, list[int]] = {}  # line -> indexes of the guesses in it
        for n, i in self.fixed:
            self.guesses.setdefault(n, []).append(i)

    def _line(self, n: int) -> list[str] | None:
        if n < 0 or n >= len(self.starts):
            return None
        chars = self.lines.get(n)
        if chars is None:
            end = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.out)
            line = self.out[self.starts[n]:end]
            chars = list(line)
            self.lines[n] = chars
            if not line or max(line) < "\u1100":
                self.cells[n] = range(len(chars))  # every character one cell wide
            else:
                cells: list[int] = []  # cell -> index of the character covering it
                for i, c in enumerate(chars):
                    cells.extend([i] * (1 if (n, i) in self.fixed else _width(c)))
                self.cells[n] = cells
            self.counts[n] = Counter(_BOX_RE.findall(line))
        return chars

    def _at(self, n: int, cell: int) -> str:
        chars = self._line(n)
        if chars is None:
            return ""
        cells = self.cells[n]
        return chars[cells[cell]] if 0 <= cell < len(cells) else ""

    def _weights(self, n: int) -> list[int]:
        """Arms of each weight among the certain box characters of line ``n`` (not guesses)."""
        w = self.weights.get(n)
        if w is None:
            w = [0, 0, 0, 0]
            chars = self._line(n)
            if chars is not None:
                for c, k in self.counts[n].items():
                    for x in T.ARMS[c]:
                        if x:
                            w[x] += k
                for i in self.guesses.get(n, ()):
                    a = T.ARMS.get(chars[i])
                    for x in a or ():
                        if x:
                            w[x] -= 1
            self.weights[n] = w
        return w

    def _window(self, n: int) -> list[int]:
        """Arm weights of lines ``n - 2`` to ``n + 2``: the family the diagram is drawn in."""
        w = self.windows.get(n)
        if w is None:
            w = [0, 0, 0, 0]
            for k in range(n - 2, n + 3):
                if self._line(k) is not None:
                    for x, c in enumerate(self._weights(k)):
                        w[x] += c
            self.windows[n] = w
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

    def adjacency(self, boxes: Sequence[B]) -> dict[int, list[B]]:
        """Note each token's four neighbours; return, per token, the box tokens among them."""
        rows: dict[int, tuple[list[str], Sequence[int]] | None] = {}

        def row(k: int) -> tuple[list[str], Sequence[int]] | None:
            if k not in rows:
                chars = self._line(k)
                rows[k] = None if chars is None else (chars, self.cells[k])
            return rows[k]

        at: dict[tuple[int, int], B] = {}
        for tok in boxes:
            n, i = self.pos[tok.start]
            cells = row(n)[1]  # type: ignore[index]
            at[(n, i if isinstance(cells, range) else bisect.bisect_left(cells, i))] = tok
        out: dict[int, list[B]] = {}

        family: dict[int, tuple[bool, int]] = {}
        for (n, cell), tok in at.items():
            fam = family.get(n)
            if fam is None:
                weights = self._window(n)
                fam = (weights[1] + weights[2] + weights[3] > 0,
                       1 if weights[1] >= weights[2] and weights[1] >= weights[3] else (
                           2 if weights[2] >= weights[3] else 3))
                family[n] = fam
            fixed: list[tuple[int, float, int]] = []
            moving: list[tuple[B, int, int]] = []
            # (line, cell, the neighbour's arm that faces us, our arm that faces it)
            for k, c, facing, mine in ((n - 1, cell, 2, 0), (n, cell + 1, 3, 1),
                                       (n + 1, cell, 0, 2), (n, cell - 1, 1, 3)):
                other = at.get((k, c))
                if other is not None:
                    moving.append((other, facing, mine))
                    continue
                data = row(k)
                ch = ""
                if data is not None and 0 <= c < len(data[1]):
                    ch = data[0][data[1][c]]
                fixed.append(_neighbour(ch, facing, mine))
            out[tok.start] = [m[0] for m in moving]
            self.static[tok.start] = (fam[0], fam[1], tuple(fixed), tuple(moving))
        return out

    def choose(self, tok: BoxToken, plain: list[tuple[str, float]]) -> str:
        """The best reading at ``tok``: plain scores plus, for box characters, the grid fit.

        Args:
            tok: A box token placed in the grid (after :meth:`adjacency`).
            plain: Its candidates with their prior and plain context scores.

        Returns:
            The best candidate ("" when none scores above the threshold).
        """
        n, i = self.pos[tok.start]
        chars = self.lines[n]
        current = chars[i]
        # Family and diagram context (this line and two on either side) and the neighbours
        # that are not guesses were worked out once; the guesses around are read now.
        context, dominant, fixed, moving = self.static[tok.start]
        neighbours = fixed + tuple(_neighbour(o.char, facing, mine) for o, facing, mine in moving)
        facing_arm = any(na for na, _d, _m in neighbours)
        if facing_arm:
            # Every candidate meets an arm, so the line's listing rules play no part: the choice
            # depends on these values only (long diagram lines repeat them).
            key = (id(plain), neighbours, context, dominant)
            cached = self.memo.get(key)
            if cached is not None:
                self.unlinked = False
                return cached
        counts = self.counts[n]
        pairs: tuple[str, str] | None = None
        self.unlinked = not facing_arm
        best, best_score = "", 1.0
        for ch, score in plain:
            own = T.ARMS.get(ch)
            if own is not None:
                if context:
                    score += 4.0
                    lit = 0
                    fit = 0
                    for x in own:
                        if x:
                            lit += 1
                            fit += 1 if x == dominant else -1
                    score += 2.0 * fit / lit if lit else 0.0
                if ch in T.STANDARD_BOX:
                    score += 1.0
                linked = False
                for na, dangle, mine in neighbours:
                    xa = own[mine]
                    if na and xa:
                        score += 5.0 if na == xa or na == 9 else 4.0
                        linked = True
                    elif na:
                        score -= 4.0
                        linked = True
                    elif xa:
                        score -= dangle
                if not linked:
                    # Nothing connects (a legend, a list of characters): a corner pairs with
                    # the corner that mirrors it, and a listing does not repeat itself.
                    if pairs is None:
                        prev_box = next((c for c in reversed(chars[:i]) if c in T.ARMS), "")
                        next_box = next((c for c in chars[i + 1:] if c in T.ARMS), "")
                        pairs = (T.MIRROR.get(prev_box, ""), T.MIRROR.get(next_box, ""))
                    if ch in pairs:
                        score += 3.0
                    if counts[ch] - (ch == current) > 0:
                        score -= 2.0
            if score > best_score:
                best, best_score = ch, score
        if facing_arm:
            self.memo[key] = best
        return best
