# SPDX-License-Identifier: MIT
"""The pass, stage 1: runs, code pages and complete tokens (see ``_tokens`` for the overview)."""

from __future__ import annotations

import bisect
import re

from . import _tables as T
from ._tokens import (
    Token, _LOST_SEQ_RE, _NL_RE, _SEQ_INFO, _fast_accept, _fast_tokens, _promote_chains,
    _slow_tokens, _strong_text,
)
from ._resolve import _Resolve



class _Pass(_Resolve):
    """State of one pass over a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.qmode = self._qmode(text)
        self.tokens: list[Token] = []  # chosen tokens, in text order
        self.runs: list[int] = []  # run boundaries, flattened: start0, end0, start1, ...
        self.nl: list[int] | None = None
        self.strong = 0
        self.lost: tuple[int, ...] = ()
        self.fast: list[tuple[int, int, str]] = []  # whole runs or lines taken at once
        self.cjkish: set[int] = set()  # undecided tokens that are CJK characters
        self.wins: dict[str, int] = {}  # code page name -> runs it explained best
        self.mostly_garbled = False
        self.scanned: list[tuple[int, int]] = []  # stretches scanned run by run
        self.plain_memo: dict[tuple[int, str, str, bool, bool, frozenset[str]],
                              tuple[list[tuple[str, float]], list[tuple[str, float]]]] = {}
        self.words: dict[int, frozenset[str]] = {}  # line -> its lower-case words
        self.far: dict[int, str] = {}  # like ``near``, for the character beyond a space
        self.line_page: dict[int, int] = {}  # start of a whole line taken at once -> page
        self.pending: dict[int, list[Token]] = {}  # line start -> tokens of its lost bytes
        # Characters taken at once next to a token of a line taken at once: at the token's end
        # (the character after it) and at minus its start (the character before it).
        self.near: dict[int, str] = {}

    @staticmethod
    def _qmode(text: str) -> bool:
        """Did the decoder write ``?`` for the bytes it could not represent?"""
        if T.QUESTION not in text:
            return False
        if T.QMODE_INNER_RE.search(text):
            return True
        # Incomplete sequences followed by ``?`` or not (``findall`` gives the ``?`` or "");
        # letters: a ``?`` inside a word after a two-byte lead (``Ń?Đ´``, ``Ă?RV``) against
        # a two-byte lead followed directly by a letter.
        if not T.QMODE_ANY_Q_RE.search(text):
            return False
        found = T.QMODE_TRAILING_RE.findall(text) + T.QMODE_LEAD2_RE.findall(text)
        with_q = found.count("?")
        return with_q > 0 and with_q >= 3 * (len(found) - with_q)

    def line_of(self, pos: int) -> int:
        """0-based line number of ``pos`` in the pass input."""
        if self.nl is None:
            self.nl = [m.start() for m in _NL_RE.finditer(self.text)]
        return bisect.bisect_left(self.nl, pos)

    def in_run(self, pos: int) -> bool:
        """Whether ``pos`` lies inside one of the runs."""
        return bisect.bisect_right(self.runs, pos) % 2 == 1

    # -- stage 1: runs, pages, complete tokens ---------------------------------------------

    def scan(self, fits: list[int], decoded: str | None) -> None:
        """Read the runs: whole lines from ``decoded`` where possible, run by run elsewhere.

        Args:
            fits: The code pages that can produce every non-ASCII character of the text.
            decoded: The text decoded with ``fits[0]`` (``surrogateescape``), or None.
        """
        text, qmode = self.text, self.qmode
        run_re = T.RUN_Q_RE if qmode else T.RUN_RE
        wins = [0] * len(T.PAGES)
        order = list(range(len(T.PAGES)))
        weak_runs: list[tuple[int, int, list[Token]]] = []
        strong_runs: list[tuple[int, int, int]] = []  # (start, end, page) of runs read strongly
        used: set[str] = set()  # characters of accepted tokens (which pages fit the text)
        fast = self.fast
        if fits:
            order.remove(fits[0])
            order.insert(0, fits[0])
        for rs, re_ in self._spans(fits[0] if fits else -1, decoded):
            if re_ < 0:  # a whole line that decodes, every character strong
                self.tokens += self.pending.pop(rs, ())
                self.runs += (rs, -re_)
                strong_runs.append((rs, -re_, order[0]))
                continue
            self.scanned.append((rs, re_))
            for m in run_re.finditer(text, rs, re_):
                self._scan_run(m, order, wins, fast, strong_runs, weak_runs, used)
        self.strong = len(fast) + sum(1 for t in self.tokens if t.strength == 2)
        self.wins = {T.PAGES[i].name: n for i, n in enumerate(wins) if n}
        # Nearly every non-ASCII character belongs to mojibake read with certainty: there is
        # no correct text around to mistake for mojibake (a page garbled as a whole).
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        covered = sum(b - a - len(text[a:b].encode("ascii", "ignore")) for a, b, _pi in strong_runs)
        self.mostly_garbled = covered >= 0.9 * non_ascii
        if fits:
            for pi in fits:
                self.wins[T.PAGES[pi].name] = self.wins.get(T.PAGES[pi].name, 0) + 1
        # Weak readings need a strong one of the same code page in the run, or on the line with
        # nothing but mojibake between them (the nearest non-ASCII characters on either side
        # belong to strongly read runs): "TUÅ»" in a garbled line is TUŻ, while “DAĞ” between
        # correct quotation marks stays.
        if weak_runs:
            lines: dict[int, set[int]] = {}
            for a, _b, pi in strong_runs:
                lines.setdefault(self.line_of(a), set()).add(pi)
            # Runs read strongly or weakly count as mojibake; a correct character between them
            # (a quotation mark of its own, a letter) does not.
            spans = sorted([(a, b) for a, b, _pi in strong_runs]
                           + [(rs, toks[-1].end) for rs, _pi, toks in weak_runs])
            starts = [a for a, _ in spans]

            def explained(i: int) -> bool:
                k = bisect.bisect_right(starts, i) - 1
                return k >= 0 and spans[k][0] <= i < spans[k][1]

            def mojibake_around(rs: int, re_: int) -> bool:
                # Characters no code page produces (Cyrillic, CJK, emoji) say nothing either way.
                if self.mostly_garbled:
                    return True
                for i, step in ((rs - 1, -1), (re_, 1)):
                    while 0 <= i < len(text) and text[i] != "\n":
                        if text[i] in T.ALPHABET:
                            if not explained(i):
                                return False
                            break
                        i += step
                return True

            for rs, pi, toks in weak_runs:
                chars = set(text[rs:toks[-1].end])
                ok = any(t.strength == 2 for t in toks) or (
                    any(chars <= T.PAGES[p].to_byte.keys() for p in lines.get(self.line_of(rs), ()))
                    and mojibake_around(rs, toks[-1].end))
                for tok in toks:
                    if tok.strength == 1 and not ok:
                        tok.strength = 0
        for tok in self.tokens:
            if tok.strength == 0:
                tok.char = ""
        # Bytes a lost byte may have been: those of the lossy pages that fit the text.
        if fits:
            pages = [T.PAGES[pi] for pi in fits if T.PAGES[pi].lost]
        else:
            pages = [p for p in T.PAGES if p.lost and used <= p.to_byte.keys()]
        self.lost = tuple(sorted({b for p in pages for b in p.lost}))

    def _spans(self, pi: int, decoded: str | None) -> list[tuple[int, int]]:
        """Stretches of the text to scan run by run, and whole lines that decode at once.

        When one code page fits the whole text, the text is decoded in one go; lines without
        undecodable bytes whose characters are all strong readings are taken as they are
        (recorded in ``fast``, returned as ``(start, -end)``); the others are scanned.
        """
        text = self.text
        if pi < 0 or decoded is None:
            return [(0, len(text))]
        out: list[tuple[int, int]] = []
        pos = 0
        lossy = bool(T.PAGES[pi].lost) and not self.qmode
        for line, dec in zip(text.split("\n"), decoded.split("\n")):
            end = pos + len(line)
            if line != dec:
                if T.SURROGATE_RE.search(dec) is None:
                    if _strong_text(dec):
                        self.fast.append((pos, end, dec))
                        self.line_page[pos] = pi
                        out.append((pos, -end))
                        pos = end + 1
                        continue
                elif lossy and self._lost_line(pos, dec, pi):
                    out.append((pos, -end))
                    pos = end + 1
                    continue
                if out and out[-1][1] == pos - 1:
                    out[-1] = (out[-1][0], end)  # extend the stretch being scanned
                else:
                    out.append((pos, end))
            pos = end + 1
        return out

    def _lost_line(self, pos: int, dec: str, pi: int) -> bool:
        """Take a line whose bytes decode except where bytes were lost, without scanning it.

        The line starts at ``pos`` and ``dec`` is its decoding with page ``pi``. Its complete
        characters must all be strong readings and each undecodable stretch must be UTF-8
        sequences that lost bytes (not a lone lead between correct characters: lone letters and
        symbols have rules of their own); then the complete stretches are taken at once
        (recorded in ``fast``) and each incomplete sequence becomes a token, kept in
        ``pending`` until the scan reaches the line.

        Returns:
            Whether the line was taken.
        """
        if not _strong_text(dec, lost=True):
            return False
        text, alphabet = self.text, T.ALPHABET
        page = T.PAGES[pi]
        toks: list[Token] = []
        parts: list[tuple[int, int, str]] = []
        near: dict[int, str] = {}
        far: dict[int, str] = {}
        tpos = pos  # where the part of ``dec`` from ``di`` on starts in the text
        di = 0
        for m in T.SURROGATE_RUN_RE.finditer(dec):
            seg = dec[di:m.start()]
            n = len(seg.encode("utf-8"))  # each byte was one character
            if not seg.isascii():
                parts.append((tpos, tpos + n, seg))
            tpos += n
            group = m.group().encode("utf-8", "surrogateescape").decode("latin-1")
            size = len(group)
            if m.start() and dec[m.start() - 1] >= "\x80":
                near[-tpos] = dec[m.start() - 1]
            if m.end() < len(dec) and dec[m.end()] >= "\x80":
                near[tpos + size] = dec[m.end()]
            if m.start() > 1 and dec[m.start() - 1] == " ":
                far[-tpos] = dec[m.start() - 2]
            if m.end() + 1 < len(dec) and dec[m.end()] == " ":
                far[tpos + size] = dec[m.end() + 1]
            k = 0
            for q in _LOST_SEQ_RE.finditer(group):
                if q.start() != k:
                    return False  # a stray byte, not a sequence that lost one
                k = q.end()
                seq = q.group()
                info = _SEQ_INFO.get(seq)
                if info is None:
                    b = ord(seq[0])
                    need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                    slots = list(seq.encode("latin-1"))
                    if len(slots) == need and 0xFF not in slots:
                        return False  # complete but not valid UTF-8
                    # (0xFF is U+FFFD written for a lost byte; slots are shared, never changed)
                    info = (b, need, [-1 if x == 0xFF else x for x in slots])
                    if len(_SEQ_INFO) < 50000:
                        _SEQ_INFO[seq] = info
                b, need, slots = info
                start, stop = tpos + q.start(), tpos + k
                if stop - start == 1 and (start == 0 or text[start - 1] not in alphabet) and (
                        stop >= len(text) or text[stop] not in alphabet):
                    return False
                tok = Token(start, stop, b, need, page)
                tok.slots = slots
                tok.complete = False
                toks.append(tok)
            if k != size:
                return False
            tpos += size
            di = m.end()
        seg = dec[di:]
        if not seg.isascii():
            parts.append((tpos, tpos + len(seg.encode("utf-8")), seg))
        for part in parts:
            self.fast.append(part)
            self.line_page[part[0]] = pi
        self.pending[pos] = toks
        self.near.update(near)
        self.far.update(far)
        return True

    def _scan_run(self, m: re.Match[str], order: list[int], wins: list[int],
                  fast: list[tuple[int, int, str]], strong_runs: list[tuple[int, int, int]],
                  weak_runs: list[tuple[int, int, list[Token]]], used: set[str]) -> None:
        text, qmode = self.text, self.qmode
        rs, re_ = m.span()
        self.runs += (rs, re_)
        no_fast = -1
        if not (qmode and T.QUESTION in m.group()):
            decoded = _fast_accept(text, rs, re_, order[0])
            if decoded:
                fast.append((rs, re_, decoded))
                strong_runs.append((rs, re_, order[0]))
                used.update(m.group())
                return
            if decoded == "":
                no_fast = order[0]
        length = re_ - rs
        best: list[Token] | None = None
        best_score, best_pi = 0.0, -1
        for pi in order:
            toks = None
            if pi != no_fast and not (qmode and T.QUESTION in m.group()):
                toks = _fast_tokens(text, rs, re_, pi)
                if toks is not None:
                    _promote_chains(toks)
            if toks is None:
                toks = _slow_tokens(text, rs, re_, pi, qmode)
            score = 0.0
            certain = 0
            for tok in toks:
                n = tok.end - tok.start
                if tok.strength == 2:
                    score += n
                    certain += n
                elif tok.strength == 1:
                    score += 0.5 * n
                elif not tok.complete and (tok.page.lost or -1 in (tok.slots or ())):
                    score += 0.5 * n
                    certain += n
            if score > best_score:
                best, best_score, best_pi = toks, score, pi
            if certain >= length:
                break  # every character is explained
        if best is None:
            return
        wins[best_pi] += 1
        if best_pi != order[0] and wins[best_pi] > wins[order[0]]:
            order.sort(key=lambda i: -wins[i])
        strong = False
        for tok in best:
            if tok.strength == 2:
                strong = True
                used.update(text[tok.start:tok.end])
        if strong:
            strong_runs.append((rs, re_, best_pi))
        if any(t.strength == 1 for t in best):
            weak_runs.append((rs, best_pi, best))
        self.tokens.extend(best)
