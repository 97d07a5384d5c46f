# SPDX-License-Identifier: MIT
"""The pass, stage 2: incomplete tokens get their readings from priors and context."""

from __future__ import annotations

import bisect

from . import _tables as T
from ._tokens import (
    Token, _E2, _FOLLOWERS, _HEBREW_FINAL, _LEAD_ONLY, _LETTER2_RE, _LONE_E2_RE, _NL_RE, _VOWELS,
)
from ._candidates import (
    _WORD_RE, _candidates, _context, _group, _has_box, _has_hangul, _keyed, _well_known,
)
from ._resolve_boxes import _ResolveBoxes

class _Resolve(_ResolveBoxes):
    """Stage 2 of the pass (mixed into ``_scan._Pass``): incomplete tokens, by context."""

    # -- stage 2: incomplete tokens --------------------------------------------------------

    def resolve(self) -> None:
        toks = self.tokens
        self.by_start = {t.start: t for t in toks}
        self.by_end = {t.end: t for t in toks}
        letters: list[Token] = []
        boxes: list[Token] = []
        unknown_cjk: list[Token] = []
        # Candidates per (shared) byte list: tokens of the same garbled sequence read alike.
        reading: dict[tuple[int, tuple[int, ...]],
                      tuple[list[int], list[tuple[str, float]], bool]] = {}
        for tok in toks:
            if tok.complete:
                continue
            assert tok.slots is not None
            if tok.page.lost and self.lost:
                tok.lost = self.lost
            real = len(tok.slots) - 1 - tok.slots.count(-1)
            if (not self.strong and not (tok.need >= 3 and real >= 2) and not self._standalone(tok)
                    and not (real and T.REPLACEMENT in self.text[tok.start:tok.end])):
                continue  # U+FFFD inside a sequence is evidence enough
            if tok.need == 2:
                letters.append(tok)
                continue
            if real == 0 and tok.lead not in (0xE2, 0xE3):
                continue
            key = (id(tok.slots), tok.lost)
            seen = reading.get(key)
            if seen is None or seen[0] is not tok.slots:
                cands = _candidates(tok.slots, tok.need, tok.lost)
                if real == 0:  # only stand-ins: well-known symbols (and kana between CJK) only
                    cands = _well_known(cands)
                seen = reading[key] = (tok.slots, cands, bool(cands) and _has_box(cands))
            cands = seen[1]
            if not cands:
                if 0xE3 <= tok.lead <= 0xED and real:
                    unknown_cjk.append(tok)
                continue
            tok.cands = cands
            if seen[2]:
                boxes.append(tok)
            else:
                self._choose_plain(tok)
        # Tokens next to one decided since (a ZWJ between emoji, kana next to kana) get another
        # look; a CJK character that lost a byte and matches no frequent one is marked as lost.
        box_set = {id(t) for t in boxes}
        plain = [t for t in toks if t.cands and id(t) not in box_set]
        # (CJK readings come from leads E3 to ED and F0)
        self.cjkish = {id(t) for t in unknown_cjk} | {
            id(t) for t in plain if t.lead >= 0xE3 and not t.char
            and T.char_class(t.cands[0][0]) == T.CJK
            and t.slots and any(b >= 0 for b in t.slots[1:])}
        for _sweep in range(3):
            changed = False
            for tok in plain:
                if not tok.char:
                    self._choose_plain(tok)
                    changed = changed or bool(tok.char)
            for tok in unknown_cjk:
                if not tok.char and any(T.char_class(c) == T.CJK
                                        for c in (self.prev_char(tok), self.next_char(tok))):
                    tok.char = T.REPLACEMENT
                    changed = True
            if not changed:
                break
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
        if any(c in _FOLLOWERS or c.isalpha() for c in text[tok.start + 1:tok.end]):
            return False  # "â”" may end a word before a quote, "âœ" may be letters
        assert tok.slots is not None
        cands = _candidates(tok.slots, tok.need, tok.lost)
        return bool(cands) and cands[0][1] >= 5.0

    def prev_char(self, tok: Token) -> str:
        """The character before ``tok`` in the output (as decided so far).

        An undecided neighbour with a CJK lead byte reads as a CJK character (``一``): garbled
        CJK text is CJK context even before its lost bytes are guessed.
        """
        p = self.by_end.get(tok.start)
        if p is not None:
            if p.char:
                return p.char
            if id(p) in self.cjkish:
                return "一"
        near = self.near.get(-tok.start)
        if near is not None:
            return near
        return self.text[tok.start - 1] if tok.start > 0 else ""

    def next_char(self, tok: Token) -> str:
        """The character after ``tok`` in the output (as decided so far); see :meth:`prev_char`."""
        n = self.by_start.get(tok.end)
        if n is not None:
            if n.char:
                return n.char
            if id(n) in self.cjkish:
                return "一"
        near = self.near.get(tok.end)
        if near is not None:
            return near
        return self.text[tok.end] if tok.end < len(self.text) else ""

    def vs16_follows(self, tok: Token) -> bool:
        """Whether VS16 (U+FE0F) follows ``tok``, decoded or still garbled."""
        n = self.by_start.get(tok.end)
        if n is not None:
            return n.char == "\ufe0f" or (n.slots is not None and n.slots[:2] == [0xEF, 0xB8])
        return self.near.get(tok.end) == "\ufe0f" or self.text.startswith("\ufe0f", tok.end)

    def far_char(self, tok: Token, after: bool) -> str:
        """The character beyond the space next to ``tok`` (after or before it)."""
        if after:
            n = self.by_start.get(tok.end + 1)
            if n is not None and n.char:
                return n.char
            far = self.far.get(tok.end)
            pos = tok.end + 1
        else:
            p = self.by_end.get(tok.start - 1)
            if p is not None and p.char:
                return p.char
            far = self.far.get(-tok.start)
            pos = tok.start - 2
        if far is not None:
            return far
        return self.text[pos] if 0 <= pos < len(self.text) else ""

    def line_words(self, pos: int) -> frozenset[str]:
        """The lower-case words of the line around ``pos``."""
        line = self.line_of(pos)
        words = self.words.get(line)
        if words is None:
            assert self.nl is not None
            start = self.nl[line - 1] + 1 if line else 0
            end = self.nl[line] if line < len(self.nl) else len(self.text)
            words = self.words[line] = frozenset(_WORD_RE.findall(self.text[start:end].lower()))
        return words

    def _plain_scores(self, tok: Token) -> list[tuple[str, float]]:
        prev, nxt = self.prev_char(tok), self.next_char(tok)
        vs16 = self.vs16_follows(tok)
        cands = tok.cands
        # Korean separates words with spaces: a Hangul syllable beyond one is CJK context.
        hangul = False
        if (prev == " " or nxt == " ") and _has_hangul(cands):
            hangul = any(
                "\uac00" <= self.far_char(tok, after) <= "\ud7a3"
                for after, c in ((False, prev), (True, nxt)) if c == " ")
        # Symbols whose usual words stand on the line (🔍 by "search", 🔐 by "password").
        favoured: frozenset[str] = frozenset()
        keyed = _keyed(cands)
        if keyed:
            words = self.line_words(tok.start)
            favoured = frozenset(ch for ch in keyed if any(
                w.startswith(k) for w in words for k in T.SYMBOL_WORDS[ch]))
        key = (id(cands), prev, nxt, vs16, hangul, favoured)
        memo = self.plain_memo.get(key)
        if memo is not None and memo[0] is cands:
            return memo[1]
        out = []
        for ch, base in cands:
            score = base + _context(ch, prev, nxt, hangul)
            if ch in favoured:
                score += 1.5
            if vs16 and ch >= "\u2000":
                # Text-default emoji are written with VS16; emoji-default ones rarely and other
                # symbols hardly ever are.
                score += 2.0 if T.needs_vs16(ch) else (
                    -2.0 if T.is_pictographic(ch) and ch in T.EMOJI_BMP or ch >= "\U0001f000"
                    else -3.0)
            out.append((ch, score))
        self.plain_memo[key] = (tok.cands, out)
        return out

    def _choose_plain(self, tok: Token) -> None:
        # With no continuation byte left, only a well-known symbol in a fitting context will do.
        assert tok.slots is not None
        unknown = all(b < 0 for b in tok.slots[1:])
        best, best_score = "", 5.0 if unknown else 1.0
        kana_ok = False
        for ch, score in self._plain_scores(tok):
            if unknown and "\u3041" <= ch <= "\u30ff":
                # A kana that lost both continuation bytes: only between CJK characters, and
                # the likeliest kana there (大きな: き).
                if not kana_ok:
                    kana_ok = (T.char_class(self.prev_char(tok)) == T.CJK
                               and T.char_class(self.next_char(tok)) == T.CJK)
                    if not kana_ok:
                        continue
                score += 2.0
            if score > best_score:
                best, best_score = ch, score
        tok.char = best

    def _lone_symbols(self) -> None:
        """A symbol lead character alone (both continuations lost): well-known symbols only."""
        if not [kv for kv in _candidates(_E2, 3, self.lost) if kv[1] >= 5.0]:
            return
        text = self.text
        for page in T.PAGES:
            if not page.lost:
                continue
            # â with no letter or digit on either side (the lead is â in every lossy page)
            for m in _LONE_E2_RE.finditer(text):
                pos = m.start()
                if self.in_run(pos) or pos in self.by_start:
                    continue
                best = max(_candidates(_E2, 3, self.lost), key=lambda kv: kv[1])
                if best[1] >= 5.0:
                    tok = Token(pos, pos + 1, 0xE2, 3, page)
                    tok.char = best[0]
                    self.tokens.append(tok)
                    self.by_start[pos] = tok
            break  # the lead is â in every lossy page

    # -- letters whose continuation byte was lost -----------------------------------------

    def _resolve_letters(self, letters: list[Token]) -> None:
        text = self.text
        # Letters whose continuation byte was lost: only in text that lost bytes elsewhere (a
        # symbol or a CJK character with a byte missing, U+FFFD, ``?``); a lone lead alone is
        # too often correct text (Åre, AMANHÃ) in a partly garbled page.
        def strong_at(tok: Token | None) -> bool:
            return tok is not None and tok.strength == 2

        lossy = self.qmode or T.REPLACEMENT in text or any(
            not t.complete and (bool(t.char) or strong_at(self.by_end.get(t.start))
                                or strong_at(self.by_start.get(t.end))
                                or -t.start in self.near or t.end in self.near)
            for t in self.tokens)
        if not lossy:
            return
        alphabet = T.ALPHABET
        pages = [p for p in T.PAGES if p.lost and self.wins.get(p.name)]
        matches = (m for a, b in self.scanned for m in T.LEAD2_RE.finditer(text, a, b))
        for m in matches if self.strong else ():
            s = m.start()
            if (s in self.by_start or (s and text[s - 1] in alphabet)
                    or (s + 1 < len(text) and text[s + 1] in alphabet)):
                continue
            ch = text[s]
            for page in pages:
                b = page.to_byte.get(ch)
                if b is not None and 0xC2 <= b <= 0xDF:
                    tok = Token(s, s + 1, b, 2, page)
                    tok.slots, tok.complete = _LEAD_ONLY[b], False
                    tok.lost = self.lost or page.lost
                    letters.append(tok)
                    self.tokens.append(tok)
                    break
        if not letters:
            return
        lone = [t for t in letters if t.end - t.start == 1 and t.start - 1 not in self.by_end
                and t.end not in self.by_start]
        if lone and not self.mostly_garbled:
            # A lone letter is a lost byte only among mojibake: when the nearest non-ASCII
            # character on either side is correct text, it is correct text too (a partly
            # garbled line: "AMANHÃ" stays).
            spans = sorted([(t.start, t.end) for t in self.tokens if t.char]
                           + [(s, e) for s, e, _ in self.fast])
            starts = [a for a, _ in spans]

            def explained(i: int) -> bool:
                k = bisect.bisect_right(starts, i) - 1
                return k >= 0 and spans[k][0] <= i < spans[k][1]

            def clean_near(tok: Token) -> bool:
                for step in (-1, 1):
                    i = tok.start + step
                    while 0 <= i < len(text) and text[i] != "\n":
                        if text[i] >= "\x80":
                            if not explained(i):
                                return True
                            break
                        i += step
                return False

            drop = {id(t) for t in lone if clean_near(t)}
            letters = [t for t in letters if id(t) not in drop]
        # Which script groups the lines in question have repaired (complete two-byte letters).
        nl = self.nl if self.nl is not None else [m.start() for m in _NL_RE.finditer(text)]
        self.nl = nl
        wanted = {self.line_of(t.start) for t in letters}
        groups: dict[int, set[int]] = {}
        seen: set[str] = set()  # letters the repaired text has
        letter_classes = (T.LATIN, T.GREEK, T.CYRILLIC, T.ALPHA2)
        for tok in self.tokens:
            if (tok.char and tok.need == 2 and tok.complete
                    and T.char_class(tok.char) in letter_classes):
                seen.add(tok.char)
                line = self.line_of(tok.start)
                if line in wanted:
                    groups.setdefault(line, set()).add(_group(tok.lead))
        for rs, _re, decoded in self.fast:
            line = self.line_of(rs)
            for ch in _LETTER2_RE.findall(decoded):
                seen.add(ch)
                if line in wanted:
                    groups.setdefault(line, set()).add(_group(0xC0 | (ord(ch) >> 6)))
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
                if T.char_class(ch) == T.CYRILLIC:
                    score += T.cyrillic_fit(prev, ch, nxt)
                elif both_consonants and ch in _VOWELS or both_vowels and ch not in _VOWELS:
                    score += 1.0
                if T.char_class(ch) == T.LATIN:
                    # The text uses this letter elsewhere: Ő in Hungarian, Ł in Polish, Ğ in
                    # Turkish (one Latin script, many languages).
                    if ch in seen:
                        score += 2.5
                    elif ch.lower() in seen or ch.upper() in seen:
                        score += 1.0
                if ch in _HEBREW_FINAL:
                    score += -3.0 if nxt.isalpha() else 1.0
                if score > best_score:
                    best, best_score = ch, score
            tok.char = best
