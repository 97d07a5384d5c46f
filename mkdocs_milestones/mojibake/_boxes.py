# SPDX-License-Identifier: MIT
"""Box-drawing guesses resolved on the grid of the repaired text.

A box-drawing character whose UTF-8 form lost a byte (┐ is E2 94 90 and 0x90 is not in
Windows-1252) reads as one of several candidates: ━ ┍ ┏ ┐ ┝ for ``â”``. The grid decides: each
candidate's arms (up, right, down, left) should meet the arms of its neighbours in the display
cells above, below, left and right; its line weight should match the family the diagram is
drawn in (light, heavy, double; rounded corners are light); and where nothing connects (a
legend listing characters) a corner pairs with the corner that mirrors it (┌ then ┐), and a
listing does not repeat itself. Guesses are improved in rounds until none changes.

A long horizontal stretch of the same garbled sequence (``â•â•â•â•`` for ════) is decided once:
its inner cells that have the same characters above and below follow the first of them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Protocol, TypeVar

from . import _tables as T

_NL_RE = re.compile("\n")
_VS_ZWJ = frozenset("\ufe0e\ufe0f\u200d")
_BOX_RE = re.compile("[\u2500-\u257f]")
_CHAR = attrgetter("char")
#: The four neighbours: line offset, cell offset, the neighbour's arm that faces us, ours.
_AROUND = ((-1, 0, 2, 0), (0, 1, 3, 1), (1, 0, 0, 2), (0, -1, 1, 3))
#: Per direction, what a neighbouring character offers (see ``_neighbour``).
_OFFERS: tuple[dict[str, tuple[int, float, int]], ...] = ({}, {}, {}, {})


class BoxToken(Protocol):
    """What the grid needs from a token: where it is and its current guess."""

    start: int
    char: str
    cands: list[tuple[str, float]]


B = TypeVar("B", bound=BoxToken)


_WIDTHS: dict[str, int] = {}


def _width(ch: str) -> int:
    w = _WIDTHS.get(ch)
    if w is None:
        if ch < "\u1100":
            w = 1
        elif ch in _VS_ZWJ or unicodedata.combining(ch):
            w = 0
        else:
            w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if len(_WIDTHS) < 100000:
            _WIDTHS[ch] = w
    return w


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


#: Characters known to take one cell (box drawing, most symbols and letters).
_NARROW: set[str] = set()


def _narrow(line: str) -> bool:
    """Whether every character of ``line`` takes one cell."""
    chars = set(line)
    if chars <= _NARROW:
        return True
    for c in chars - _NARROW:
        if _width(c) != 1:
            return False
        if len(_NARROW) < 100000:
            _NARROW.add(c)
    return True


def _is_box(ch: str) -> bool:
    return "\u2500" <= ch <= "\u257f"


#: Corners (one horizontal and one vertical arm) and the corner that closes a horizontal line
#: they open on the same row, or opens one they close: └ and ┘, ┌ and ┐, ╚ and ╝, ╭ and ╮.
_CORNER_PAIR = {
    ch: m for ch, m in T.MIRROR.items()
    if sum(1 for x in T.ARMS[ch] if x) == 2 and (T.ARMS[ch][0] or T.ARMS[ch][2])
    and (T.ARMS[ch][1] or T.ARMS[ch][3])
}


def _run_corner(chars: list[str], i: int) -> str:
    """The corner that would close the horizontal line ending at ``chars[i]`` (or open the one
    starting there), judging by the corner at its other end on the row: a line opened by └
    closes with ┘, one closed by ┓ opens with ┏.

    Returns:
        That corner, or "" when ``chars[i]`` is not at one end of a line that has a corner at
        the other.
    """
    left = T.ARMS.get(chars[i - 1]) if i > 0 else None
    right = T.ARMS.get(chars[i + 1]) if i + 1 < len(chars) else None
    from_left = left is not None and left[1] > 0
    from_right = right is not None and right[3] > 0
    if from_left == from_right:
        return ""  # inside a line, or on its own
    step, away, toward = (-1, 3, 1) if from_left else (1, 1, 3)
    j = i + step
    arms = T.ARMS[chars[j]]
    while arms[away]:
        k = j + step
        nxt = T.ARMS.get(chars[k]) if 0 <= k < len(chars) else None
        if nxt is None or not nxt[toward]:
            return ""  # the line runs out without a corner
        j, arms = k, nxt
    return _CORNER_PAIR.get(chars[j], "")


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
        # Per token: family context, dominant weight, what the fixed neighbours offer, the
        # neighbouring guesses (tokens) and which arms face them, and an id for all of it but
        # the guesses (memo keys).
        self.static: dict[int, tuple[bool, int, tuple[tuple[int, float, int], ...],
                                     tuple[BoxToken, ...], tuple[tuple[int, int], ...], int]] = {}
        self._static_ids: dict[tuple[object, ...], int] = {}
        self.memo: dict[tuple[object, ...], str] = {}
        self.unlinked = False  # whether the last choice had no neighbour to connect to
        self.pos: dict[int, tuple[int, int]] = {}
        starts = self.starts
        line, line_start, next_start = -1, -1, -1
        for tok in boxes:
            o = where[tok.start]
            if not line_start <= o < next_start:  # tokens come in text order, mostly
                line = bisect.bisect_right(starts, o) - 1
                line_start = starts[line]
                next_start = starts[line + 1] if line + 1 < len(starts) else len(out) + 1
            self.pos[tok.start] = (line, o - line_start)
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
            if not line or max(line) < "\u1100" or _narrow(line):
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
                for c, k in Counter([chars[i] for i in self.guesses.get(n, ())]).items():
                    for x in T.ARMS.get(c) or ():
                        if x:
                            w[x] -= k
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

    def adjacency(self, boxes: Sequence[B], same: Callable[[B, B], bool]
                  ) -> tuple[dict[int, tuple[B, ...]], list[B], dict[int, list[B]]]:
        """Note each token's four neighbours; return, per token, the box tokens among them.

        A long horizontal stretch of the same guess (``â•â•â•â•`` for ════) whose cells above and
        below are alike is decided once: its inner tokens follow the first of them (they have
        the same neighbours), so only that one is placed on the grid.

        Args:
            boxes: The box tokens.
            same: Whether two tokens side by side are the same guess (same candidates, scores
                and current reading).

        Returns:
            Per token on the grid, the tokens whose choice depends on it; the tokens on the
            grid; per token on the grid, the tokens that follow it (take its reading).
        """
        rows: dict[int, tuple[list[str], Sequence[int]] | None] = {}

        def row(k: int) -> tuple[list[str], Sequence[int]] | None:
            if k not in rows:
                chars = self._line(k)
                rows[k] = None if chars is None else (chars, self.cells[k])
            return rows[k]

        def offer(k: int, c: int, d: int) -> tuple[int, float, int]:
            data = row(k)
            ch = ""
            if data is not None and 0 <= c < len(data[1]):
                ch = data[0][data[1][c]]
            memo = _OFFERS[d]
            got = memo.get(ch)
            if got is None:
                _dn, _dc, facing, mine = _AROUND[d]
                got = _neighbour(ch, facing, mine)
                if len(memo) < 10000:
                    memo[ch] = got
            return got

        at: dict[tuple[int, int], B] = {}
        pos = self.pos
        line_no = -1
        cells: Sequence[int] = range(0)
        for tok in boxes:
            n, i = pos[tok.start]
            if n != line_no:
                line_no, cells = n, row(n)[1]  # type: ignore[index]
            at[(n, i if type(cells) is range else bisect.bisect_left(cells, i))] = tok

        # Stretches: tokens side by side with the same guess; the inner ones whose cells above
        # and below hold the same fixed characters follow the first inner one.
        up_memo, down_memo = _OFFERS[0], _OFFERS[2]
        lead_of: dict[int, B] = {}  # start of a following token -> the token it follows
        followers: dict[int, list[B]] = {}
        vertical: dict[tuple[int, int], tuple[tuple[int, float, int], tuple[int, float, int]]] = {}
        prev_key: tuple[int, int] | None = None
        run: list[tuple[int, int]] = []
        for key in [*at, None]:
            if (key is not None and prev_key is not None and key[0] == prev_key[0]
                    and key[1] == prev_key[1] + 1 and same(at[prev_key], at[key])):
                run.append(key)
                prev_key = key
                continue
            if len(run) >= 4:
                lead: B | None = None
                last: object = None
                n = run[0][0]
                above, below = row(n - 1), row(n + 1)
                for member in run[1:-1]:
                    c = member[1]
                    if (n - 1, c) in at or (n + 1, c) in at:
                        lead = last = None
                        continue
                    up = up_memo.get(above[0][above[1][c]] if above and c < len(above[1]) else "")
                    down = down_memo.get(below[0][below[1][c]] if below and c < len(below[1])
                                         else "")
                    if up is None or down is None:
                        up, down = offer(n - 1, c, 0), offer(n + 1, c, 2)
                    pair = (up, down)
                    if lead is not None and pair == last:
                        tok = at[member]
                        lead_of[tok.start] = lead
                        followers[lead.start].append(tok)
                    else:
                        lead, last = at[member], pair
                        vertical[member] = pair
                        followers[lead.start] = []
            run = [key] if key is not None else []
            prev_key = key

        out: dict[int, tuple[B, ...]] = {}
        placed: list[B] = []
        family: dict[int, tuple[bool, int]] = {}
        for (n, cell), tok in at.items():
            if tok.start in lead_of:
                continue
            placed.append(tok)
            fam = family.get(n)
            if fam is None:
                weights = self._window(n)
                fam = (weights[1] + weights[2] + weights[3] > 0,
                       1 if weights[1] >= weights[2] and weights[1] >= weights[3] else (
                           2 if weights[2] >= weights[3] else 3))
                family[n] = fam
            fixed: list[tuple[int, float, int]] = []
            movers: list[B] = []
            faces: list[tuple[int, int]] = []
            vert = vertical.get((n, cell))
            # (line, cell, the neighbour's arm that faces us, our arm that faces it)
            for d, (dn, dc, facing, mine) in enumerate(_AROUND):
                if vert is not None and dc == 0:
                    fixed.append(vert[0] if dn < 0 else vert[1])
                    continue
                k, c = n + dn, cell + dc
                other = at.get((k, c))
                if other is not None:
                    movers.append(other)
                    faces.append((facing, mine))
                    continue
                fixed.append(offer(k, c, d))
            movers_t = tuple(movers)
            # A follower's change is its leader's: the tokens around a stretch watch its leader.
            out[tok.start] = tuple(dict.fromkeys(lead_of.get(o.start, o) for o in movers))
            fixed_t = tuple(fixed)
            faces_t = tuple(faces)
            sid = self._static_ids.setdefault((fam, fixed_t, faces_t), len(self._static_ids))
            self.static[tok.start] = (fam[0], fam[1], fixed_t, movers_t, faces_t, sid)
        return out, placed, followers

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
        context, dominant, fixed, movers, faces, sid = self.static[tok.start]
        # A choice where some arm faces the token depends on these values only (long diagram
        # lines repeat them); only such choices are remembered.
        # The corner at the other end of the line on this row, where nothing is drawn above or
        # below (a lone bottom edge └──┘: ┐ and ┘ would tie); a box character there has its
        # say through the arms.
        corner = _run_corner(chars, i)
        if corner:
            cells = self.cells[n]
            cell = i if type(cells) is range else bisect.bisect_left(cells, i)
            if _is_box(self._at(n - 1, cell)) or _is_box(self._at(n + 1, cell)):
                corner = ""
        key = (id(plain), sid, tuple(map(_CHAR, movers)), corner)
        cached = self.memo.get(key)
        if cached is not None:
            self.unlinked = False
            return cached
        neighbours = fixed + tuple(_neighbour(c, facing, mine)
                                   for c, (facing, mine) in zip(key[2], faces))
        facing_arm = any(na for na, _d, _m in neighbours)
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
                if ch == corner:
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
