# SPDX-License-Identifier: MIT
"""The pass, stage 2 for box drawing: lost bytes of box characters guessed on the grid."""

from __future__ import annotations


from . import _tables as T
from ._boxes import Grid
from ._tokens import Token
from ._candidates import _context_free

class _ResolveBoxes:
    """Box-drawing tokens on the grid, and the edits a pass makes (mixed into ``_scan._Pass``)."""

    # -- box drawing ------------------------------------------------------------------------

    def _resolve_boxes(self, boxes: list[Token]) -> None:
        # First guesses without the grid, then rounds on the grid of the repaired text.
        plain = {}
        by_start = self.by_start
        text = self.text
        horizontal: dict[int, str] = {}  # id(scores) -> likeliest candidate with both side arms
        likeliest: dict[int, str] = {}  # id(scores) -> likeliest candidate
        free: dict[int, bool] = {}  # id(cands) -> whether no candidate depends on neighbours
        for tok in boxes:
            cands = tok.cands
            context_free = free.get(id(cands))
            if context_free is None:
                context_free = free[id(cands)] = all(_context_free(c) for c, _ in cands)
            # The plain context says nothing about box drawing (and most symbols) except a VS16
            # after it.
            nxt = by_start.get(tok.end)
            if context_free and (nxt.char != "\ufe0f" and (nxt.slots is None or nxt.slots[:2] != [
                    0xEF, 0xB8]) if nxt is not None else not self.vs16_follows(tok)):
                scores = plain[tok.start] = cands
            else:
                scores = plain[tok.start] = self._plain_scores(tok)
            # First guesses only (the grid decides): the same garbled sequence twice in a row is
            # a horizontal line (━━ reads â”â”), so a candidate with arms on both sides.
            prv = self.by_end.get(tok.start)
            if (nxt is not None and nxt.cands is cands) or (prv is not None and prv.cands is cands):
                key = id(scores)
                guess = horizontal.get(key)
                if guess is None:
                    sides = [kv for kv in scores if (a := T.ARMS.get(kv[0])) and a[1] and a[3]]
                    guess = max(sides or scores, key=lambda kv: kv[1])[0]
                    horizontal[key] = guess
                tok.char = guess
            else:
                guess = likeliest.get(id(scores))
                if guess is None:
                    guess = likeliest[id(scores)] = max(scores, key=lambda kv: kv[1])[0]
                tok.char = guess
        edits = self.edits()
        pieces: list[str] = []
        where: dict[int, int] = {}
        pos = shift = 0
        text = self.text
        for s, e, rep in edits:
            pieces.append(text[pos:s])
            where[s] = s + shift
            pieces.append(rep)
            shift += len(rep) - (e - s)
            pos = e
        pieces.append(text[pos:])
        grid = Grid("".join(pieces), where, boxes)

        def same(a: Token, b: Token) -> bool:
            return plain[a.start] is plain[b.start] and a.char == b.char

        adjacent, todo, followers = grid.adjacency(boxes, same)
        unlinked: dict[int, Token] = {}
        rechecked = False
        for _round in range(16):
            changed = []
            for tok in todo:
                best = grid.choose(tok, plain[tok.start])
                if grid.unlinked:
                    unlinked[tok.start] = tok
                else:
                    unlinked.pop(tok.start, None)
                if best != tok.char:
                    tok.char = best
                    grid.set(tok, best or T.REPLACEMENT)
                    for other in followers.get(tok.start, ()):
                        other.char = best
                        grid.set(other, best or T.REPLACEMENT)
                    changed.append(tok)
            if not changed:
                if rechecked or not unlinked:
                    break
                # Settled: guesses with nothing to connect to depend on the rest of their line
                # (pairs, listings), so they get one more look.
                todo = list(unlinked.values())
                rechecked = True
                continue
            # Only the neighbours of a changed guess can change their minds.
            seen: set[int] = set()
            todo = []
            for tok in changed:
                for other in adjacent[tok.start]:
                    if other.start not in seen and other is not tok:
                        seen.add(other.start)
                        todo.append(other)

    # -- output -----------------------------------------------------------------------------

    def edits(self) -> list[tuple[int, int, str]]:
        """The accepted repairs as ``(start, end, replacement)``, sorted and non-overlapping."""
        out = [(t.start, t.end, t.char) for t in self.tokens if t.char]
        out += self.fast
        out.sort()
        return out
