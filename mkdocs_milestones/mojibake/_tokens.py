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
path); a line that decodes except where bytes were lost is taken at once as well, and only its
incomplete sequences become tokens (with the decoded characters around them as context); other
runs (mixed content, ``?`` for lost bytes) are cut sequence by sequence.

Symbols that differ only in a lost byte are told apart by a prior and by the words on their
line (``_tables.SYMBOL_WORDS``: 🔍 goes with "search", 🔐 with "password"); kana that lost both
continuation bytes are guessed only between CJK characters; Hangul counts as CJK context across
one space (Korean separates words).


This module: the tokens of a run and their readings (complete tokens decode and are rated).
"""

from __future__ import annotations

import re

from . import _tables as T


_NEG = float("-inf")
_NL_RE = re.compile("\n")
#: Letters whose UTF-8 form has two bytes (Latin-1, Latin Extended, Greek, Cyrillic).
_LETTER2_RE = re.compile("[\u00c0-\u024f\u0386-\u03ce\u0400-\u045f\u05d0-\u05ea\u0620-\u064a]")
#: Hebrew final forms (ך ם ן ף ץ): they end words.
_HEBREW_FINAL = frozenset("ךםןףץ")
#: Characters that often follow a word in correct text (quotes, dashes, ellipsis, marks).
_FOLLOWERS = frozenset("”’»“‘„«…–—•·™®©\xa0‹›")
#: Mac OS Roman continuations that make math after √ (``√π`` is math, ``o√π`` is où).
_MATH = frozenset("π∞∑∏≠")
#: Latin Extended-B letters that occur in running text (Romanian, Vietnamese, Pinyin).
_EXTB_COMMON = frozenset("ƒơưƠƯǎǐǒǔșțȘȚǵǧǹǜǘǚǖ")
_MAC = T.PAGES[-1]
#: U+F8FF (private use, the Apple logo) is how Mac OS Roman reads 0xF0, the lead byte of every
#: emoji: text garbled twice with Mac OS Roman first carries it in the middle layer.
_APPLE = "\uf8ff"
_MAC_CONT = {c: b for c, b in _MAC.to_byte.items() if 0x80 <= b <= 0xBF}
#: Mac OS Roman lead bytes that are punctuation or symbols there (« » … nbsp – — “ ” ‘ ’ ÷ ◊
#: ÿ Ÿ ⁄ € ‹ › ﬁ ﬂ): a reading needs evidence.
_MAC_PUNCT_LEADS = frozenset((0xC7, 0xC8, 0xC9, 0xCA, *range(0xD0, 0xE0)))
_TWO_BYTE_CLASSES = frozenset({T.LATIN, T.GREEK, T.CYRILLIC, T.ALPHA2, T.SYMBOL, T.SPACE,
                               T.FORMAT, T.MARK})
_VS = frozenset("\ufe0e\ufe0f")
_QUOTES = frozenset("“”„‘’‚«»")
_MATH_SIGNS = frozenset("−±×÷≤≥≈≠")
_OPENING = frozenset("“„‘‚«")
_KEYCAP_BASES = frozenset("#*0123456789")
#: Japanese particles (they follow a word in any script).
_PARTICLES = frozenset("はがをにのでともへや")
_VOWELS = frozenset(
    "aeiouyáéíóúýàèìòùâêîôûäëïöüăąęěėīįōőůűųаеёиоуыэюяіїєαεηιουωάέήίόύώϊϋΐΰ"
    "AEIOUYÁÉÍÓÚÝÀÈÌÒÙÂÊÎÔÛÄËÏÖÜĂĄĘĚĖĪĮŌŐŮŰŲАЕЁИОУЫЭЮЯІЇЄΑΕΗΙΟΥΩΆΈΉΊΌΎΏ"
)


#: The candidates of a token that has none (shared, never changed).
_NO_CANDS: list[tuple[str, float]] = []
#: The symbol lead byte alone, and â (E2 in every lossy page) without a letter or digit around.
_E2 = [0xE2]
_LEAD_ONLY = {b: [b] for b in range(0xC2, 0xF5)}  # a lead byte alone (shared lists)
_LONE_E2_RE = re.compile("(?<![^\\W_])\u00e2(?![^\\W_])")
#: Lead, length and bytes of the sequences met among undecodable bytes.
_SEQ_INFO: dict[str, tuple[int, int, list[int]]] = {}
#: A UTF-8 sequence among undecodable bytes (as Latin-1 characters; 0xFF stands for U+FFFD).
_LOST_SEQ_RE = re.compile("[\xc2-\xdf][\x80-\xbf\xff]?|[\xe0-\xef][\x80-\xbf\xff]{0,2}"
                          "|[\xf0-\xf4][\x80-\xbf\xff]{0,3}")


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

    __slots__ = (
        "cands",
        "char",
        "complete",
        "end",
        "lead",
        "lost",
        "need",
        "page",
        "slots",
        "start",
        "strength",
    )

    def __init__(self, start: int, end: int, lead: int, need: int, page: T.CodePage) -> None:
        self.start, self.end, self.lead, self.need, self.page = start, end, lead, need, page
        self.slots: list[int] | None = None
        self.complete = True
        self.char = ""
        self.strength = 0
        self.cands: list[tuple[str, float]] = _NO_CANDS
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
        if tok.page is _MAC and (tok.lead in _MAC_PUNCT_LEADS or (
                tok.lead == 0xC3 and cont in _MATH and not prev.isalpha())):
            # These Mac leads are punctuation: “É is a quotation, not Ѓ; √π is math unless a
            # word goes on before it (o√π is où).
            weak = True
        elif 0x0180 <= cp <= 0x024F and ch not in _EXTB_COMMON:
            weak = True
        elif (s == run_start and tok.lead > 0xC3 and cont in _FOLLOWERS and prev.isupper()
              and s > 1 and text[s - 2].isupper() and text[s].isupper()):
            # "DAĞ”", "ESPAÑ…": an upper-case word ending in a letter, then punctuation ("BÄ™"
            # is "Bę": one capital starts a word).
            weak = True
        if cls in (T.GREEK, T.CYRILLIC, T.ALPHA2) and s == run_start and e == run_end:
            nxt = text[e] if e < len(text) else ""
            if ((prev.isascii() and prev.isalnum()) or (nxt.isascii() and nxt.isalnum())
                    or cont in _FOLLOWERS):
                weak = True  # one non-Latin letter glued to a Latin word, or "Ń”" for є
        tok.char, tok.strength = ch, 1 if weak else 2
        return
    if cls == T.REJECT:
        return
    tok.char = ch
    tok.strength = 2
    if (s == run_start and prev.isalpha() and tok.lead != 0xE2 and cls != T.LATIN
            and text[s] != _APPLE and not any("\x80" <= c <= "\x9f" for c in text[s:e])):
        # "café”…" is not 锅 and "będę“…" not ꓅: a letter at the end of a word, then
        # punctuation, needs evidence (but "donâ€™t" is don’t: â is the symbol lead byte, and
        # U+F8FF with three continuations is an emoji garbled twice, Mac OS Roman first).
        tok.strength = 1


def _promote_chains(toks: list[Token]) -> None:
    """A chain of two or more adjacent decoded letters of one script is evidence by itself."""
    if not any(t.strength == 1 for t in toks):
        return
    chain: list[Token] = []
    for tok in [*toks, None]:
        cls = T.char_class(tok.char) if tok is not None and tok.strength else -1
        if (tok is not None and cls in T.LETTER_CLASSES and chain and chain[-1].end == tok.start
                and T.char_class(chain[-1].char) == cls and chain[-1].char != tok.char):
            chain.append(tok)
            continue
        if len(chain) >= 2:
            for c in chain:
                c.strength = 2
        chain = [tok] if tok is not None and cls in T.LETTER_CLASSES else []


def _apple_lead_at(decoded: str, k: int) -> bool:
    """Whether U+F8FF at ``decoded[k]`` is the middle layer of text garbled twice with Mac OS
    Roman first: the three characters after it are Mac OS Roman continuation bytes that make a
    valid UTF-8 sequence with 0xF0 (an emoji, as a rule), which the next pass repairs.

    U+F8FF is never a repair on its own (private use).
    """
    conts = decoded[k + 1:k + 4]
    if len(conts) != 3 or any(c not in _MAC_CONT for c in conts):
        return False
    cp = _decode([0xF0, *(_MAC_CONT[c] for c in conts)])
    return cp is not None and T.char_class(chr(cp)) != T.REJECT


def _apples_ok(decoded: str) -> bool:
    """Whether every U+F8FF in ``decoded`` is a middle layer (see :func:`_apple_lead_at`)."""
    k = decoded.find(_APPLE)
    while k >= 0:
        if not _apple_lead_at(decoded, k):
            return False
        k = decoded.find(_APPLE, k + 1)
    return True


def _strong_text(decoded: str, lost: bool = False) -> bool:
    """:func:`_all_strong` for a decoded stretch, which may carry middle-layer U+F8FF."""
    chars = set(decoded)
    if _APPLE in chars:
        if not _apples_ok(decoded):
            return False
        chars.discard(_APPLE)
    return _all_strong(chars, lost)


def _fast_tokens(text: str, rs: int, re_: int, pi: int) -> list[Token] | None:
    """Tokens of a run that decodes completely with page ``pi`` (C-speed), or None."""
    try:
        decoded = text[rs:re_].translate(T.TRANS[pi]).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None
    page = T.PAGES[pi]
    to_byte = page.to_byte
    toks: list[Token] = []
    pos = rs
    for k, ch in enumerate(decoded):
        cp = ord(ch)
        n = 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
        tok = Token(pos, pos + n, to_byte[text[pos]], n, page)
        # A reading after junk (a rejected token) starts the run as far as the rules go.
        _rate(text, tok, ch, rs if not toks or toks[-1].strength else pos, re_)
        if ch == _APPLE and _apple_lead_at(decoded, k):
            tok.char, tok.strength = ch, 2
        toks.append(tok)
        pos += n
    return toks


_ANYWHERE: dict[str, bool] = {}


def _strong_anywhere(ch: str) -> bool:
    """Whether a reading is strong wherever it stands in a run except at its start."""
    ok = _ANYWHERE.get(ch)
    if ok is None:
        cp = ord(ch)
        cls = T.char_class(ch)
        if cp < 0x800:
            ok = ch in T.ALPHABET or (
                cls in _TWO_BYTE_CLASSES and cls not in (T.MARK, T.FORMAT) and cp >= 0xA0
                and not (0x0180 <= cp <= 0x024F and ch not in _EXTB_COMMON))
        else:
            ok = cls != T.REJECT
        _ANYWHERE[ch] = ok
    return ok


#: Characters known to be readings a repair may take anywhere in a run (or below U+00A0).
_STRONG_OK: set[str] = set()


def _all_strong(chars: set[str], lost: bool = False) -> bool:
    """Whether every character of a decoding may be taken anywhere (see ``_strong_anywhere``);
    C1 controls and ASCII always, and with ``lost`` the surrogates of undecodable bytes."""
    for ch in chars - _STRONG_OK:
        if lost and "\udc80" <= ch <= "\udcff":
            continue
        if not (ch < "\xa0" or _strong_anywhere(ch)):
            return False
        if len(_STRONG_OK) < 100000:
            _STRONG_OK.add(ch)
    return True


def _fast_accept(text: str, rs: int, re_: int, pi: int) -> str | None:
    """The reading of a whole run when it decodes completely and every character is strong.

    Returns:
        The reading; ``""`` when the run does not decode with this page; None when it decodes
        but not every character is strong.
    """
    page = T.PAGES[pi]
    if page is _MAC:
        return None
    try:
        decoded = text[rs:re_].translate(T.TRANS[pi]).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return ""
    first = decoded[0]
    cp = ord(first)
    tok = Token(rs, rs + (2 if cp < 0x800 else 3 if cp < 0x10000 else 4), page.to_byte[text[rs]],
                2 if cp < 0x800 else 3 if cp < 0x10000 else 4, page)
    _rate(text, tok, first, rs, re_)
    apple = _APPLE in decoded and _apples_ok(decoded)
    if tok.strength != 2 and not (apple and first == _APPLE):
        return None
    for ch in decoded[1:]:
        if not _ANYWHERE.get(ch) and not _strong_anywhere(ch) and not (apple and ch == _APPLE):
            return None
    return decoded


#: Per page, ``str.translate`` tables for cutting runs into sequences: the page's characters
#: become their bytes, U+FFFD becomes U+FFFE (a stand-in), other candidates U+FFFF.
_SLOW_TRANS = tuple({**t, 0xFFFD: 0xFFFE, 0xFFFE: 0xFFFF} for t in T.TRANS)
#: A UTF-8 sequence in translated text: a lead byte and as many continuation bytes or stand-ins
#: (U+FFFE, and ``?`` when the decoder wrote ``?``) as it announces, or fewer.
_SEQ_RE = re.compile("[\xc2-\xdf][\x80-\xbf\ufffe]?|[\xe0-\xef][\x80-\xbf\ufffe]{0,2}"
                     "|[\xf0-\xf4][\x80-\xbf\ufffe]{0,3}")
_SEQ_Q_RE = re.compile("[\xc2-\xdf][\x80-\xbf\ufffe?]?|[\xe0-\xef][\x80-\xbf\ufffe?]{0,2}"
                       "|[\xf0-\xf4][\x80-\xbf\ufffe?]{0,3}")
_SLOTS: dict[str, list[int]] = {}  # translated sequence -> its bytes
_SLOT = {chr(b): b for b in range(0x80, 0x100)}
_SLOT["\ufffe"] = _SLOT["?"] = -1


def _short_tokens(text: str, rs: int, re_: int, page: T.CodePage, qmode: bool) -> list[Token]:
    """:func:`_slow_tokens` for a short run, character by character (less set-up)."""
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
                after = tokens and tokens[-1].end == i and tokens[-1].strength
                _rate(text, tok, chr(cp), rs if after else i, re_)
        tokens.append(tok)
        i = j
    _apple_tokens(tokens)
    _promote_chains(tokens)
    return tokens


def _slow_tokens(text: str, rs: int, re_: int, pi: int, qmode: bool) -> list[Token]:
    """Cut ``text[rs:re_]`` into UTF-8 tokens as page ``pi`` would have produced it."""
    page = T.PAGES[pi]
    if re_ - rs <= 6:
        return _short_tokens(text, rs, re_, page, qmode)
    tokens: list[Token] = []
    seq_re = _SEQ_Q_RE if qmode else _SEQ_RE
    slot = _SLOT.__getitem__
    for m in seq_re.finditer(text[rs:re_].translate(_SLOW_TRANS[pi])):
        seq = m.group()
        b = ord(seq[0])
        i = rs + m.start()
        j = rs + m.end()
        need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
        tok = Token(i, j, b, need, page)
        slots = _SLOTS.get(seq)
        if slots is None:
            slots = list(map(slot, seq))  # shared, never changed
            if len(_SLOTS) < 50000:
                _SLOTS[seq] = slots
        tok.slots = slots
        tok.complete = complete = len(slots) == need and -1 not in slots
        if complete:
            cp = _decode(slots)
            if cp is not None:
                # After junk (a lead that lost its bytes, a rejected token) the run starts anew
                # as far as the rules go: in "ÆØÅ”" the Å” is a word end, not mojibake.
                after = tokens and tokens[-1].end == i and tokens[-1].strength
                _rate(text, tok, chr(cp), rs if after else i, re_)
        tokens.append(tok)
    _apple_tokens(tokens)
    _promote_chains(tokens)
    return tokens


_APPLE_SLOTS = list(_APPLE.encode())


def _apple_tokens(tokens: list[Token]) -> None:
    """Accept U+F8FF followed by three adjacent readings that are Mac OS Roman continuation
    bytes of a valid sequence (see :func:`_apple_lead_at`)."""
    for k, tok in enumerate(tokens):
        if tok.char or tok.slots != _APPLE_SLOTS:
            continue
        after = tokens[k + 1:k + 4]
        if (len(after) == 3 and all(a.strength and a.char for a in after)
                and all(a.start == b.end for a, b in zip(after, [tok, *after]))
                and _apple_lead_at(_APPLE + "".join(a.char for a in after), 0)):
            tok.char, tok.strength = _APPLE, 2
