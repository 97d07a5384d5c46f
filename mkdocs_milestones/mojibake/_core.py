# SPDX-License-Identifier: MIT
"""One repair pass: find candidate runs, decode them per code page, decide, resolve by context.

A *run* is a stretch of two or more characters that some supported code page produces for
bytes 0x80-0xFF. A code page turns the run back into bytes, and the bytes are cut into UTF-8
*tokens* (a lead byte and its continuation bytes). A complete token decodes to one character
and is rated strong (accepted), weak (accepted with evidence nearby) or rejected. An incomplete
token lost a byte (dropped, or written as U+FFFD or ``?``); the lost byte is guessed among the
bytes the code page cannot represent, by a prior (status symbols, arrows and common emoji are
likelier than alchemical symbols), by context (ZWJ between emoji, VS16 after a pictograph,
script and case of neighbouring letters) and, for box drawing, on the grid (see ``_boxes``).

Most runs in garbled text are whole and decode in one go with the codec machinery (the fast
path); only runs with lost bytes or mixed content are cut byte by byte.
"""

from __future__ import annotations

import bisect
import re
from itertools import combinations, product

from . import _tables as T
from ._boxes import Grid

_NEG = float("-inf")
_NL_RE = re.compile("\n")
#: Characters that often follow a word in correct text (quotes, dashes, ellipsis, marks).
_FOLLOWERS = frozenset("”’»“‘„«…–—•·™®©\xa0‹›")
#: Mac OS Roman continuation characters that are mathematical symbols (``√π`` is math, not ù).
_MATH = frozenset("π∞∑∏∫≤≥≠±µ∂Ω÷≈∆◊¬ƒ√")
#: Latin Extended-B letters that occur in running text (Romanian, Vietnamese, Pinyin).
_EXTB_COMMON = frozenset("ƒơưƠƯǎǐǒǔǍǏǑǓșțȘȚǵǧǦǹǜǘǚǖ")
_MAC = T.PAGES[-1]
#: Mac OS Roman lead bytes that are punctuation there (« » … nbsp – — “ ” ‘ ’).
_MAC_PUNCT_LEADS = frozenset((0xC7, 0xC8, 0xC9, 0xCA, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5))
_TWO_BYTE_CLASSES = frozenset({T.LATIN, T.GREEK, T.CYRILLIC, T.ALPHA2, T.SYMBOL, T.SPACE,
                               T.FORMAT, T.MARK})
_VS = frozenset("\ufe0e\ufe0f")
_KEYCAP_BASES = frozenset("#*0123456789")
_VOWELS = frozenset(
    "aeiouyáéíóúýàèìòùâêîôûäëïöüăąęěėīįōőůűųаеёиоуыэюяіїєαεηιουωάέήίόύώϊϋΐΰ"
    "AEIOUYÁÉÍÓÚÝÀÈÌÒÙÂÊÎÔÛÄËÏÖÜĂĄĘĚĖĪĮŌŐŮŰŲАЕЁИОУЫЭЮЯІЇЄΑΕΗΙΟΥΩΆΈΉΊΌΎΏ"
)


class Token:
    """A UTF-8 sequence read back from a run.

    Attributes:
        start: Index of its first character in the pass input.
        end: Index after its last character.
        lead: Its lead byte.
        slots: Its bytes (-1 for a stand-in whose byte is unknown); None on the fast path.
        need: How many bytes the lead byte announces.
        complete: Whether all bytes are known.
        char: The chosen reading ("" while undecided or rejected).
        strength: 2 strong, 1 weak (needs evidence nearby), 0 rejected.
        cands: Candidate readings with their prior scores (incomplete tokens only).
        lost: Bytes a lost byte may have been.
    """

    __slots__ = ("start", "end", "lead", "slots", "need", "complete", "char", "strength",
                 "cands", "page", "lost")

    def __init__(self, start: int, end: int, lead: int, need: int, page: T.CodePage) -> None:
        self.start, self.end, self.lead, self.need, self.page = start, end, lead, need, page
        self.slots: list[int] | None = None
        self.complete = True
        self.char = ""
        self.strength = 0
        self.cands: list[tuple[str, float]] = []
        self.lost: tuple[int, ...] = page.lost


# --------------------------------------------------------------------------------------------
# Decoding and rating complete tokens
# --------------------------------------------------------------------------------------------


def _decode(slots: list[int]) -> int | None:
    """Decode one UTF-8 sequence given as byte values; None when it is not valid UTF-8."""
    b0 = slots[0]
    n = len(slots)
    if n == 2:
        return ((b0 & 0x1F) << 6) | (slots[1] & 0x3F)
    b1 = slots[1]
    if n == 3:
        if (b0 == 0xE0 and b1 < 0xA0) or (b0 == 0xED and b1 > 0x9F):
            return None
        return ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (slots[2] & 0x3F)
    if (b0 == 0xF0 and b1 < 0x90) or (b0 == 0xF4 and b1 > 0x8F):
        return None
    return ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((slots[2] & 0x3F) << 6) | (slots[3] & 0x3F)


def _rate(text: str, tok: Token, ch: str, run_start: int, run_end: int) -> None:
    """Rate the reading ``ch`` of a complete token: strong, weak (needs evidence) or rejected."""
    cp = ord(ch)
    cls = T.char_class(ch)
    s, e = tok.start, tok.end
    prev = text[s - 1] if s > 0 else ""
    if tok.need == 2:
        cont = text[s + 1]
        if cp < 0xA0 and "\x80" <= cont <= "\x9f":
            # A C1 control written as Â + C1: the outer layer of text garbled twice.
            tok.char, tok.strength = ch, 2
            return
        if cls not in _TWO_BYTE_CLASSES or (cls == T.FORMAT and cp != 0xAD):
            return
        weak = cls == T.MARK
        if tok.page is _MAC and (tok.lead in _MAC_PUNCT_LEADS or cont in _MATH):
            weak = True  # these Mac leads are punctuation: “É is a quotation, not Ѓ
        elif 0x0180 <= cp <= 0x024F and ch not in _EXTB_COMMON:
            weak = True
        elif (s == run_start and tok.lead > 0xC3 and cont in _FOLLOWERS and prev.isupper()
              and text[s].isupper()):
            # "DAĞ”", "ESPAÑ…": an upper-case word ending in a letter, then punctuation.
            nxt = text[run_end] if run_end < len(text) else ""
            if all(c in _FOLLOWERS for c in text[e:run_end]) and not nxt.isalnum():
                weak = True
        if cls in (T.GREEK, T.CYRILLIC, T.ALPHA2) and s == run_start and e == run_end:
            nxt = text[e] if e < len(text) else ""
            if (prev.isascii() and prev.isalnum()) or (nxt.isascii() and nxt.isalnum()):
                weak = True  # one non-Latin letter glued to a Latin word
        tok.char, tok.strength = ch, 1 if weak else 2
        return
    if cls == T.REJECT:
        return
    tok.char = ch
    tok.strength = 2
    if s == run_start and prev.isalpha() and cls in T.LETTER_CLASSES and cls != T.LATIN:
        # "café”…" is not 锅: a CJK reading glued to the end of a word needs evidence.
        if not any("\x80" <= c <= "\x9f" for c in text[s:e]):
            tok.strength = 1


def _promote_chains(toks: list[Token]) -> None:
    """A chain of three or more adjacent decoded letters of one script is evidence by itself."""
    chain: list[Token] = []
    for tok in [*toks, None]:
        cls = T.char_class(tok.char) if tok is not None and tok.strength else -1
        if (tok is not None and cls in T.LETTER_CLASSES and chain and chain[-1].end == tok.start
                and T.char_class(chain[-1].char) == cls and chain[-1].char != tok.char):
            chain.append(tok)
            continue
        if len(chain) >= 3:
            for c in chain:
                c.strength = 2
        chain = [tok] if tok is not None and cls in T.LETTER_CLASSES else []


def _fast_tokens(text: str, rs: int, re_: int, pi: int) -> list[Token] | None:
    """Tokens of a run that decodes completely with page ``pi`` (C-speed), or None."""
    try:
        decoded = text[rs:re_].translate(T.TRANS[pi]).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None
    page = T.PAGES[pi]
    to_byte = page.to_byte
    toks = []
    pos = rs
    for ch in decoded:
        cp = ord(ch)
        n = 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
        tok = Token(pos, pos + n, to_byte[text[pos]], n, page)
        _rate(text, tok, ch, rs, re_)
        toks.append(tok)
        pos += n
    return toks


def _slow_tokens(text: str, rs: int, re_: int, pi: int, qmode: bool) -> list[Token]:
    """Cut ``text[rs:re_]`` into UTF-8 tokens as page ``pi`` would have produced it."""
    page = T.PAGES[pi]
    to_byte = page.to_byte
    tokens: list[Token] = []
    i = rs
    while i < re_:
        b = to_byte.get(text[i])
        if b is None or b < 0xC2 or b > 0xF4:
            i += 1
            continue
        need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
        slots = [b]
        j = i + 1
        while j < re_ and len(slots) < need:
            c = text[j]
            if c == T.REPLACEMENT or (qmode and c == T.QUESTION):
                slots.append(-1)
            else:
                cb = to_byte.get(c)
                if cb is None or cb > 0xBF:
                    break
                slots.append(cb)
            j += 1
        tok = Token(i, j, b, need, page)
        tok.slots = slots
        tok.complete = len(slots) == need and -1 not in slots
        if tok.complete:
            cp = _decode(slots)
            if cp is not None:
                _rate(text, tok, chr(cp), rs, re_)
        tokens.append(tok)
        i = j
    _promote_chains(tokens)
    return tokens


# --------------------------------------------------------------------------------------------
# Candidates for lost bytes
# --------------------------------------------------------------------------------------------


def _allowed(lead: int, ch: str, cls: int) -> bool:
    """Which readings a lost byte may produce, by lead byte (never rare letters or symbols)."""
    cp = ord(ch)
    if lead < 0xE0:
        return cls in (T.LATIN, T.GREEK, T.CYRILLIC)
    if lead == 0xE2:
        return cls == T.SYMBOL or cp == 0x200D or cp == 0x20E3
    if lead == 0xE3:
        return cls == T.SYMBOL and cp <= 0x303F  # CJK punctuation
    if lead == 0xEF:
        return (cls == T.SYMBOL and 0xFF00 <= cp <= 0xFFEF) or ch in _VS
    if lead == 0xF0:
        return cls == T.SYMBOL and 0x1F000 <= cp <= 0x1FAFF
    return False


_CAND_CACHE: dict[tuple[tuple[int, ...], tuple[int, ...], int], list[tuple[str, float]]] = {}


def _candidates(slots: list[int], need: int, lost: tuple[int, ...]) -> list[tuple[str, float]]:
    """Readings of an incomplete sequence: unknown and missing bytes filled with lost ones."""
    key = (lost, tuple(slots), need)
    cached = _CAND_CACHE.get(key)
    if cached is not None:
        return cached
    out: dict[str, float] = {}
    lead = slots[0]
    if lost:
        missing = need - len(slots)
        for where in combinations(range(1, need), missing):
            rest = iter(slots[1:])
            template = [lead] + [-1 if k in where else next(rest) for k in range(1, need)]
            unknown = [k for k, b in enumerate(template) if b < 0]
            for fill in product(lost, repeat=len(unknown)):
                for k, b in zip(unknown, fill):
                    template[k] = b
                cp = _decode(template)
                if cp is None:
                    continue
                ch = chr(cp)
                if _allowed(lead, ch, T.char_class(ch)):
                    out[ch] = max(T.prior(ch), 0.0)
    result = sorted(out.items(), key=lambda kv: -kv[1])
    if len(_CAND_CACHE) < 50000:
        _CAND_CACHE[key] = result
    return result


def _context(ch: str, prev: str, nxt: str) -> float:
    """Context score of a candidate between ``prev`` and ``nxt`` (ZWJ, variation selectors)."""
    if ch == "\u200d":
        return 8.0 if T.is_pictographic(prev) and T.is_pictographic(nxt) else _NEG
    if ch in _VS:
        if T.is_pictographic(prev) or prev in _KEYCAP_BASES:
            return 7.5 if ch == "\ufe0f" else 6.0
        return _NEG
    if ch == "\u20e3":
        return 7.0 if prev in _VS or prev in _KEYCAP_BASES else _NEG
    return 0.0


def _group(lead: int) -> int:
    """Group lead bytes whose letters share a script (Latin-1, Latin Extended-A, Greek, Cyrillic)."""
    if lead in (0xC4, 0xC5):
        return 0xC4
    if lead in (0xCE, 0xCF):
        return 0xCE
    if 0xD0 <= lead <= 0xD3:
        return 0xD0
    return lead


# --------------------------------------------------------------------------------------------
# The pass
# --------------------------------------------------------------------------------------------


class _Pass:
    """State of one pass over a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.qmode = self._qmode(text)
        self.tokens: list[Token] = []  # chosen tokens, in text order
        self.runs: list[int] = []  # run boundaries, flattened: start0, end0, start1, ...
        self.nl: list[int] | None = None
        self.strong = 0
        self.lost: tuple[int, ...] = ()

    @staticmethod
    def _qmode(text: str) -> bool:
        """Did the decoder write ``?`` for the bytes it could not represent?"""
        if T.QUESTION not in text:
            return False
        if T.QMODE_INNER_RE.search(text):
            return True
        with_q = without_q = 0
        for m in T.QMODE_TRAILING_RE.finditer(text):
            if m.group(1):
                with_q += 1
            else:
                without_q += 1
        return with_q > 0 and with_q >= 3 * without_q

    def line_of(self, pos: int) -> int:
        """0-based line number of ``pos`` in the pass input."""
        if self.nl is None:
            self.nl = [m.start() for m in _NL_RE.finditer(self.text)]
        return bisect.bisect_left(self.nl, pos)

    def in_run(self, pos: int) -> bool:
        """Whether ``pos`` lies inside one of the runs."""
        return bisect.bisect_right(self.runs, pos) % 2 == 1

    # -- stage 1: runs, pages, complete tokens ---------------------------------------------

    def scan(self) -> None:
        text, qmode = self.text, self.qmode
        run_re = T.RUN_Q_RE if qmode else T.RUN_RE
        wins = [0] * len(T.PAGES)
        order = list(range(len(T.PAGES)))
        weak_runs: list[tuple[int, int, list[Token]]] = []
        strong_runs: list[tuple[int, int]] = []
        used: set[str] = set()  # characters of accepted tokens (which pages fit the text)
        for m in run_re.finditer(text):
            rs, re_ = m.span()
            self.runs += (rs, re_)
            length = re_ - rs
            best: list[Token] | None = None
            best_score, best_pi = 0.0, -1
            for pi in order:
                toks = None
                if not (qmode and T.QUESTION in m.group()):
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
                    elif not tok.complete and (tok.page.lost or -1 in tok.slots):  # type: ignore[operator]
                        score += 0.5 * n
                        certain += n
                if score > best_score:
                    best, best_score, best_pi = toks, score, pi
                if certain >= length:
                    break  # every character is explained
            if best is None:
                continue
            wins[best_pi] += 1
            if best_pi != order[0] and wins[best_pi] > wins[order[0]]:
                order.sort(key=lambda i: -wins[i])
            strong = False
            for tok in best:
                if tok.strength == 2:
                    strong = True
                    used.update(text[tok.start:tok.end])
            if strong:
                strong_runs.append((rs, best_pi))
            if any(t.strength == 1 for t in best):
                weak_runs.append((rs, best_pi, best))
            self.tokens.extend(best)
        self.strong = sum(1 for t in self.tokens if t.strength == 2)
        # Weak readings need a strong one of the same code page in the run or on the line.
        if weak_runs:
            lines = {(self.line_of(p), pi) for p, pi in strong_runs}
            for rs, pi, toks in weak_runs:
                ok = any(t.strength == 2 for t in toks) or (self.line_of(rs), pi) in lines
                for tok in toks:
                    if tok.strength == 1 and not ok:
                        tok.strength = 0
        for tok in self.tokens:
            if tok.strength == 0:
                tok.char = ""
        # Bytes a lost byte may have been: those of the lossy pages that fit the repaired text.
        fits = [p for p in T.PAGES if p.lost and used <= p.to_byte.keys()]
        self.lost = tuple(sorted({b for p in fits for b in p.lost}))

    # -- stage 2: incomplete tokens --------------------------------------------------------

    def resolve(self) -> None:
        toks = self.tokens
        self.by_start = {t.start: t for t in toks}
        self.by_end = {t.end: t for t in toks}
        letters: list[Token] = []
        boxes: list[Token] = []
        unknown_cjk: list[Token] = []
        for tok in toks:
            if tok.complete:
                continue
            assert tok.slots is not None
            if tok.page.lost and self.lost:
                tok.lost = self.lost
            real = sum(1 for b in tok.slots[1:] if b >= 0)
            if not self.strong and not (tok.need >= 3 and real >= 2) and not self._standalone(tok):
                continue
            if tok.need == 2:
                letters.append(tok)
                continue
            if real == 0 and not (tok.lead == 0xE2 and len(tok.slots) == tok.need):
                if 0xE3 <= tok.lead <= 0xED:
                    unknown_cjk.append(tok)
                continue
            cands = _candidates(tok.slots, tok.need, tok.lost)
            if real == 0:  # only stand-ins: well-known symbols only
                cands = [kv for kv in cands if kv[1] >= 5.0]
            if not cands:
                if 0xE3 <= tok.lead <= 0xED:
                    unknown_cjk.append(tok)
                continue
            tok.cands = cands
            if any("\u2500" <= c <= "\u257f" for c, _ in cands):
                boxes.append(tok)
            else:
                self._choose_plain(tok)
        # Tokens next to a chosen ZWJ/VS may need another look (emoji ZWJ sequences).
        for tok in toks:
            if tok.cands and not tok.char and tok not in boxes:
                self._choose_plain(tok)
        # A CJK character that lost a byte cannot be told; inside CJK text, mark it as lost.
        for tok in unknown_cjk:
            if any(T.char_class(c) == T.CJK for c in (self.prev_char(tok), self.next_char(tok))):
                tok.char = T.REPLACEMENT
        if self.strong:
            self._lone_symbols()
        if boxes:
            self._resolve_boxes(boxes)
        self._resolve_letters(letters)

    def _standalone(self, tok: Token) -> bool:
        """Whether an incomplete symbol is certain without other mojibake in the text.

        ``â³`` has nothing to do in correct text and can only be ⏳ (or rare symbols); ``â”``
        may end a word before a quotation mark, so it needs evidence.
        """
        text = self.text
        if tok.need < 3 or tok.end - tok.start < 2 or (tok.start and text[tok.start - 1].isalpha()):
            return False
        if any(c in _FOLLOWERS for c in text[tok.start + 1:tok.end]):
            return False
        assert tok.slots is not None
        cands = _candidates(tok.slots, tok.need, tok.lost)
        return bool(cands) and cands[0][1] >= 5.0

    def prev_char(self, tok: Token) -> str:
        """The character before ``tok`` in the output (as decided so far)."""
        p = self.by_end.get(tok.start)
        if p is not None and p.char:
            return p.char
        return self.text[tok.start - 1] if tok.start > 0 else ""

    def next_char(self, tok: Token) -> str:
        """The character after ``tok`` in the output (as decided so far)."""
        n = self.by_start.get(tok.end)
        if n is not None and n.char:
            return n.char
        return self.text[tok.end] if tok.end < len(self.text) else ""

    def vs16_follows(self, tok: Token) -> bool:
        """Whether VS16 (U+FE0F) follows ``tok``, decoded or still garbled."""
        n = self.by_start.get(tok.end)
        if n is not None:
            return n.char == "\ufe0f" or (n.slots is not None and n.slots[:2] == [0xEF, 0xB8])
        return self.text.startswith("\ufe0f", tok.end)

    def _plain_scores(self, tok: Token) -> list[tuple[str, float]]:
        prev, nxt = self.prev_char(tok), self.next_char(tok)
        vs16 = self.vs16_follows(tok)
        out = []
        for ch, base in tok.cands:
            score = base + _context(ch, prev, nxt)
            if vs16 and T.is_pictographic(ch):
                # Text-default pictographs are written with VS16, emoji-default ones rarely.
                score += 1.0 if T.needs_vs16(ch) else -2.0
            out.append((ch, score))
        return out

    def _choose_plain(self, tok: Token) -> None:
        best, best_score = "", 1.0
        for ch, score in self._plain_scores(tok):
            if score > best_score:
                best, best_score = ch, score
        tok.char = best

    def _lone_symbols(self) -> None:
        """A symbol lead character alone (both continuations lost): well-known symbols only."""
        if not [kv for kv in _candidates([0xE2], 3, self.lost) if kv[1] >= 5.0]:
            return
        text = self.text
        for pi, page in enumerate(T.PAGES):
            if not page.lost:
                continue
            lead = next(c for c, b in page.to_byte.items() if b == 0xE2)
            for m in re.finditer(re.escape(lead), text):
                pos = m.start()
                prev = text[pos - 1] if pos else ""
                nxt = text[pos + 1] if pos + 1 < len(text) else ""
                if self.in_run(pos) or prev.isalnum() or nxt.isalnum() or pos in self.by_start:
                    continue
                best = max(_candidates([0xE2], 3, self.lost), key=lambda kv: kv[1])
                if best[1] >= 5.0:
                    tok = Token(pos, pos + 1, 0xE2, 3, page)
                    tok.char = best[0]
                    self.tokens.append(tok)
                    self.by_start[pos] = tok
            break  # the lead is â in every lossy page

    # -- letters whose continuation byte was lost -----------------------------------------

    def _resolve_letters(self, letters: list[Token]) -> None:
        text = self.text
        # Which script groups each line has repaired (complete two-byte letters).
        groups: dict[int, set[int]] = {}
        for tok in self.tokens:
            if tok.char and tok.need == 2 and tok.complete and T.char_class(tok.char) in (
                    T.LATIN, T.GREEK, T.CYRILLIC):
                groups.setdefault(self.line_of(tok.start), set()).add(_group(tok.lead))
        if not groups:
            return
        # Lone lead characters outside runs, on lines that have evidence of their script.
        nl = self.nl or []
        for line in sorted(groups):
            ls = nl[line - 1] + 1 if line > 0 else 0
            le = nl[line] if line < len(nl) else len(text)
            for m in T.LONE_RE.finditer(text, ls, le):
                s = m.start()
                if self.in_run(s) or s in self.by_start:
                    continue
                ch = text[s]
                for page in T.PAGES:
                    b = page.to_byte.get(ch)
                    if page.lost and b is not None and 0xC2 <= b <= 0xDF:
                        tok = Token(s, s + 1, b, 2, page)
                        tok.slots, tok.complete = [b], False
                        tok.lost = self.lost or page.lost
                        letters.append(tok)
                        self.tokens.append(tok)
                        break
        for tok in letters:
            if _group(tok.lead) not in groups.get(self.line_of(tok.start), ()):
                continue
            assert tok.slots is not None
            cands = _candidates(tok.slots, 2, tok.lost)
            if not cands:
                continue
            prev, nxt = self.prev_char(tok), self.next_char(tok)
            neighbour_cls = {T.char_class(c) for c in (prev, nxt) if c and c.isalpha()}
            both_consonants = (prev.isalpha() and nxt.isalpha() and prev not in _VOWELS
                               and nxt not in _VOWELS)
            both_vowels = bool(prev) and bool(nxt) and prev in _VOWELS and nxt in _VOWELS
            best, best_score = "", 0.0
            for ch, base in cands:
                score = base
                if neighbour_cls:
                    score += 3.0 if T.char_class(ch) in neighbour_cls else -3.0
                if prev.isalpha() and not prev.isupper():
                    score += 1.5 if ch.islower() else -1.5
                elif prev.isupper() and (nxt.isupper() or not nxt.isalpha()):
                    score += 1.5 if ch.isupper() else -1.5
                if both_consonants and ch in _VOWELS:
                    score += 1.0
                elif both_vowels and ch not in _VOWELS:
                    score += 1.0
                if score > best_score:
                    best, best_score = ch, score
            tok.char = best

    # -- box drawing ------------------------------------------------------------------------

    def _resolve_boxes(self, boxes: list[Token]) -> None:
        # First guesses without the grid, then rounds on the grid of the repaired text.
        plain = {}
        for tok in boxes:
            plain[tok.start] = self._plain_scores(tok)
            tok.char = max(plain[tok.start], key=lambda kv: kv[1])[0]
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
        line_of = {tok.start: grid.pos[tok.start][0] for tok in boxes}
        todo = boxes
        for _round in range(8):
            changed: set[int] = set()
            for tok in todo:
                box_score = grid.scores(tok)
                best, best_score = "", 1.0
                for ch, score in plain[tok.start]:
                    if "\u2500" <= ch <= "\u257f":
                        score += box_score(ch)
                    if score > best_score:
                        best, best_score = ch, score
                if best != tok.char:
                    tok.char = best
                    grid.set(tok, best or T.REPLACEMENT)
                    changed.add(line_of[tok.start])
            if not changed:
                break
            near = {n + d for n in changed for d in (-1, 0, 1)}
            todo = [tok for tok in boxes if line_of[tok.start] in near]

    # -- output -----------------------------------------------------------------------------

    def edits(self) -> list[tuple[int, int, str]]:
        """The accepted repairs as ``(start, end, replacement)``, sorted and non-overlapping."""
        out = [(t.start, t.end, t.char) for t in self.tokens if t.char]
        out.sort()
        return out


def needs_work(text: str) -> bool:
    """Cheap pre-check: can ``text`` contain mojibake at all?

    Args:
        text: Any text.

    Returns:
        False when no code page's lead character is followed by one of its continuations
        (or a stand-in for a lost byte).
    """
    if text.isascii():
        return False
    m = T.PAIR_RE.search(text)
    if m is None:
        return False
    start = m.start()
    return any(r.search(text, start) for r in T.PAGE_PAIR_RES)


def repair_pass(text: str) -> list[tuple[int, int, str]]:
    """Run one repair pass.

    Args:
        text: The text to repair.

    Returns:
        Edits ``(start, end, replacement)`` on ``text``, sorted and non-overlapping.
    """
    if not needs_work(text):
        return []
    p = _Pass(text)
    p.scan()
    if not p.tokens:
        return []
    p.resolve()
    return p.edits()
