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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from itertools import combinations, product
from typing import TypeVar

from . import _tables as T
from ._boxes import Grid

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


# --------------------------------------------------------------------------------------------
# Candidates for lost bytes
# --------------------------------------------------------------------------------------------


def _allowed(lead: int, ch: str, cls: int) -> bool:
    """Which readings a lost byte may produce, by lead byte (never rare letters or symbols)."""
    cp = ord(ch)
    if lead < 0xE0:
        return cls in (T.LATIN, T.GREEK, T.CYRILLIC, T.ALPHA2) and not (
            0x0180 <= cp <= 0x024F and ch not in _EXTB_COMMON)
    if lead == 0xE1:
        return cls == T.LATIN  # Latin Extended Additional (Vietnamese)
    if lead == 0xE2:
        return cls == T.SYMBOL or cp == 0x200D or cp == 0x20E3
    if lead == 0xE3:
        # CJK punctuation, and kana (only next to CJK text: see ``_context``).
        return (cls == T.SYMBOL and cp <= 0x303F) or 0x3041 <= cp <= 0x30FF
    if 0xE4 <= lead <= 0xED:
        # Frequent ideographs and Hangul syllables (only next to CJK text).
        return cls == T.CJK and ch in T.COMMON_CJK
    if lead == 0xEF:
        return (cls == T.SYMBOL and 0xFF00 <= cp <= 0xFFEF) or ch in _VS
    if lead == 0xF0:
        return cls == T.SYMBOL and 0x1F000 <= cp <= 0x1FAFF
    return False


_CAND_CACHE: dict[tuple[tuple[int, ...], tuple[int, ...], int], list[tuple[str, float]]] = {}


_CANDS_OF: dict[tuple[int, tuple[int, ...]], tuple[list[int], list[tuple[str, float]]]] = {}


def _candidates(slots: list[int], need: int, lost: tuple[int, ...]) -> list[tuple[str, float]]:
    """Readings of an incomplete sequence: unknown and missing bytes filled with lost ones."""
    got = _CANDS_OF.get((id(slots), lost))
    if got is not None and got[0] is slots:
        return got[1]  # the same (shared) bytes as before
    result = _candidates_of(slots, need, lost)
    if len(_CANDS_OF) < 50000:
        _CANDS_OF[(id(slots), lost)] = (slots, result)
    return result


def _candidates_of(slots: list[int], need: int,
                   lost: tuple[int, ...]) -> list[tuple[str, float]]:
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


_Cands = list[tuple[str, float]]
_T = TypeVar("_T")


def _per_list(compute: Callable[[_Cands], _T]) -> Callable[[_Cands], _T]:
    """Memoise ``compute`` per candidate list, by identity: the lists are shared and never change."""
    cache: dict[int, tuple[_Cands, _T]] = {}

    def get(cands: _Cands) -> _T:
        got = cache.get(id(cands))
        if got is None or got[0] is not cands:  # a new list that reuses a freed list's id
            got = (cands, compute(cands))
            if len(cache) < 50000:
                cache[id(cands)] = got
        return got[1]

    get.__doc__ = compute.__doc__
    return get


@_per_list
def _well_known(cands: _Cands) -> _Cands:
    """The well-known symbols among candidates (the same list for the same candidates)."""
    return [kv for kv in cands if kv[1] >= 4.0 or "\u3041" <= kv[0] <= "\u30ff"]


@_per_list
def _has_box(cands: _Cands) -> bool:
    """Whether some candidate is a box-drawing character."""
    return any("\u2500" <= c <= "\u257f" for c, _ in cands)


def _context_free(ch: str) -> bool:
    """Whether :func:`_context` gives ``ch`` nothing whatever its neighbours."""
    return not (ch in _QUOTES or "\u1e00" <= ch <= "\u1eff" or ch in _MATH_SIGNS
                or ch in ("\u200d", "\u20e3") or ch in _VS
                or ("\u3041" <= ch and T.char_class(ch) == T.CJK))


_WORD_RE = re.compile("[^\\W\\d_]+")


@_per_list
def _has_hangul(cands: _Cands) -> bool:
    """Whether some candidate is a Hangul syllable."""
    return any("\uac00" <= c <= "\ud7a3" for c, _ in cands)


@_per_list
def _keyed(cands: _Cands) -> tuple[str, ...]:
    """The candidates that have usual words (see ``SYMBOL_WORDS``), when there are two or more
    candidates."""
    return tuple(c for c, _ in cands if c in T.SYMBOL_WORDS) if len(cands) > 1 else ()


def _context(ch: str, prev: str, nxt: str, hangul: bool = False) -> float:
    """Context score of a candidate between ``prev`` and ``nxt``.

    ZWJ joins pictographs, variation selectors follow them, kana stand in CJK text (Hangul
    also across a space: ``hangul`` says a syllable stands beyond one), an opening quotation
    mark follows a space and precedes a word, a closing one the other way round.
    """
    if ch in _QUOTES:
        opening = (not prev or prev.isspace() or prev in "([{") and nxt.isalnum()
        closing = (prev.isalnum() or prev in ".,!?…") and (not nxt or not nxt.isalnum())
        if opening != closing:
            return 1.0 if (ch in _OPENING) == opening else -1.0
        return 0.0
    if "\u1e00" <= ch <= "\u1eff":  # Vietnamese letters stand among Latin letters
        return 2.0 if prev.isalpha() or nxt.isalpha() else _NEG
    if "\u3041" <= ch and T.char_class(ch) == T.CJK:
        if T.char_class(prev) != T.CJK and T.char_class(nxt) != T.CJK and not (
                hangul and "\uac00" <= ch <= "\ud7a3"):
            return _NEG
        if ch <= "\u30ff":  # kana: hiragana next to hiragana, katakana next to katakana
            kata = ch >= "\u30a0"
            # (a particle goes with a word in any script: it says nothing)
            return 3.0 + sum(0.75 if ("\u30a0" <= c <= "\u30ff") == kata else -0.75
                             for c in (prev, nxt) if "\u3041" <= c <= "\u30ff"
                             and c not in _PARTICLES)
        return 3.0
    if ch in _MATH_SIGNS:
        return 2.0 if prev[-1:].isdigit() or nxt[:1].isdigit() else 0.0
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
    """Group lead bytes whose letters share a script (Latin, Greek, Cyrillic, Hebrew, Arabic)."""
    if 0xC3 <= lead <= 0xC9 or lead == 0xE1:
        return 0xC3
    if lead in (0xCE, 0xCF):
        return 0xCE
    if 0xD0 <= lead <= 0xD3:
        return 0xD0
    if lead in (0xD6, 0xD7):
        return 0xD6
    if 0xD8 <= lead <= 0xDB:
        return 0xD8
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


def _cls(chars: set[str] | frozenset[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


#: A sequence of character classes where a repair can start: its kind (sequences of a kind
#: are looked for together), what must stand before it (an expression, or empty) and the classes.
_Seq = tuple[str, str, list[frozenset[str]]]


def _repairable_seqs(page: T.CodePage) -> list[_Seq]:
    """What a repair can start from without other mojibake around, for one code page.

    A two-byte lead with a continuation it may be read with (not ``ÓŁ``: ӣ is not a reading
    a repair makes), the symbol lead â with a continuation (``â³``), another three-byte lead
    with two (not ``ęś``), a four-byte lead with two (not ``ół``),
    a lead with a stand-in for a lost byte; in Mac OS Roman a punctuation lead only as a chain
    (``–ü—Ä``). Everything else is only ever repaired next to one of these.
    """
    mac = page is _MAC
    conts = frozenset(c for c, b in page.to_byte.items() if 0x80 <= b <= 0xBF)
    seqs: list[_Seq] = []
    by_ok: dict[frozenset[str], set[str]] = {}  # two-byte leads grouped by their continuations
    for lead, b in sorted(page.to_byte.items(), key=lambda kv: kv[1]):
        if not 0xC2 <= b <= 0xDF or (mac and b in _MAC_PUNCT_LEADS):
            continue
        ok = set()
        for c in conts:
            cp = ((b & 0x1F) << 6) | (page.to_byte[c] & 0x3F)
            cls = T.char_class(chr(cp))
            if (cp < 0xA0 and "\x80" <= c <= "\x9f") or (
                    cls in _TWO_BYTE_CLASSES and not (cls == T.FORMAT and cp != 0xAD)
                    and not (mac and b == 0xC3 and c in _MATH)):
                ok.add(c)
        if ok:
            by_ok.setdefault(frozenset(ok), set()).add(lead)
    seqs += [("pair", "", [frozenset(leads), ok]) for ok, leads in by_ok.items()]
    seqs.append(("pair", "", [frozenset(c for c, b in page.to_byte.items() if b == 0xE2), conts]))
    seqs.append(("long", "", [frozenset(c for c, b in page.to_byte.items() if 0xE0 <= b <= 0xF4),
                              conts, conts]))
    leads = frozenset(c for c, b in page.to_byte.items() if 0xC2 <= b <= 0xF4)
    # (``?`` stands for a lost byte only when the decoder wrote ``?`` for lost bytes: see
    # ``_Pass._qmode``)
    for kind, stand in (("stand", "\ufffd"), ("question", "?")):
        seqs += [(kind, "", [leads, *[conts] * k, frozenset(stand)]) for k in range(3)]
    if mac:
        punct = frozenset(c for c, b in page.to_byte.items() if b in _MAC_PUNCT_LEADS)
        seqs.append(("chain", "", [punct, conts, leads, conts]))
        seqs.append(("math", "[^\\W\\d_]", [frozenset("√"), _MATH]))  # o√π is où
    return seqs


def _repairable_re(seqs: list[_Seq]) -> re.Pattern[str]:
    """One expression for where a repair can start (any of ``seqs``, see
    :func:`_repairable_seqs`).

    It is written for the regular expression engine's fast paths: it starts with two character
    classes (any lead, then any continuation or stand-in), so the engine skips at C speed to the
    next such pair; only there does it try the kinds of sequences, each first with the union of
    its classes (what follows the pair, then one look back at the whole), and only when that
    fits with the sequences one by one. An alternation of the sequences, the plain way to write
    it, is tried at every position: clean Polish and Czech text (full of characters that read
    as lead and continuation bytes in Windows-1250) ran at 10-15 MB/s.
    """
    groups: dict[tuple[str, str, int], list[list[frozenset[str]]]] = {}
    for kind, pre, classes in seqs:
        groups.setdefault((kind, pre, len(classes)), []).append(classes)
    first = frozenset().union(*(c[0] for _k, _p, c in seqs))
    second = frozenset().union(*(c[1] for _k, _p, c in seqs))
    alts = []
    for (_kind, pre, width), members in groups.items():
        union = [_cls(frozenset().union(*(m[k] for m in members))) for k in range(width)]
        alt = "".join(union[2:]) + "(?<=" + pre + "".join(union) + ")"
        if len(members) > 1:
            alt += "(?<=" + "|".join("".join(map(_cls, m)) for m in members) + ")"
        alts.append(alt)
    return re.compile(_cls(first) + _cls(second) + "(?:" + "|".join(alts) + ")")





_SEQS = [seq for page in T.PAGES for seq in _repairable_seqs(page)]
_REPAIRABLE_RE = _repairable_re([seq for seq in _SEQS if seq[0] != "question"])
#: The same for ``?`` after a lead, written from the ``?`` (a literal character the engine
#: finds at C speed), looking back at the lead and continuations before it.
_REPAIRABLE_Q_RE = re.compile(
    "\\?(?<=" + _cls(frozenset().union(*(c[-2] for k, _p, c in _SEQS if k == "question"))) + ".)"
    + "(?:" + "|".join("(?<=" + "".join(map(_cls, classes)) + ")" for kind, _pre, classes in _SEQS
                       if kind == "question") + ")")


def needs_work(text: str) -> bool:
    """Cheap pre-check: can ``text`` contain mojibake that would be repaired?

    One compiled expression looks for a place where a repair could start: a lead character
    and a continuation character (or U+FFFD for a lost byte) of the same code page that read as
    a character a repair produces, or as the start of a longer sequence. ``?`` after a lead
    counts only when the decoder wrote ``?`` for the bytes it could not represent (questions
    in Polish or Spanish end in letters that read as lead bytes: ``mogę?``, ``pagó?``). Clean
    text in any language passes at tens to hundreds of MB/s.

    Args:
        text: Any text.

    Returns:
        False when the text certainly needs no repair.
    """
    if text.isascii():
        return False
    if _REPAIRABLE_RE.search(text) is not None:
        return True
    return _REPAIRABLE_Q_RE.search(text) is not None and _Pass._qmode(text)


#: Per pair of pages, the characters both have for different bytes (where their readings of a
#: text that fits both can differ).
def _differ_re(p: T.CodePage, q: T.CodePage) -> re.Pattern[str]:
    chars = frozenset(c for c, b in p.to_byte.items() if q.to_byte.get(c, b) != b)
    return re.compile(_cls(chars) if chars else "(?!)")


_DIFFER_RES = tuple(tuple(_differ_re(p, q) for q in T.PAGES) for p in T.PAGES)


def _decode_whole(text: str, pi: int) -> str:
    """The text decoded with page ``pi``; bytes that do not decode become lone surrogates."""
    return text.translate(T.TRANS_FFFD[pi]).encode("latin-1").decode("utf-8", "surrogateescape")


def _plausible_whole(text: str, decoded: str) -> bool:
    """Whether a complete decoding of the whole text is the repair (the common case: a page
    saved or served with the wrong encoding). It must save at least three characters, and
    every character it produces must be one a repair may produce anywhere in a run."""
    if len(text) - len(decoded) < 3 or T.SURROGATE_RE.search(decoded):
        return False
    # C1 controls come out of text garbled twice (the next pass decodes them).
    return _strong_text(decoded)


def repair_pass(text: str, edits: bool = True) -> tuple[str, list[tuple[int, int, str]]]:
    """Run one repair pass.

    Args:
        text: The text to repair.
        edits: Whether the caller needs the edits (for a report).

    Returns:
        The repaired text (``text`` itself when nothing changed) and, if asked for, the edits
        ``(start, end, replacement)`` on ``text``, sorted and non-overlapping.
    """
    if not needs_work(text):
        return text, []
    # Which code pages could have produced every non-ASCII character of the text.
    fits = [pi for pi in range(len(T.PAGES)) if not T.FOREIGN_RES[pi].search(text)]
    first: str | None = None
    tried: list[int] = []
    for pi in fits:
        if "\ufffd" in text and tried:
            break  # U+FFFD does not decode with any page
        if any(not _DIFFER_RES[pj][pi].search(text) for pj in tried):
            continue  # the text reads the same with a page already tried
        tried.append(pi)
        decoded = _decode_whole(text, pi)
        if first is None:
            first = decoded
        if _plausible_whole(text, decoded):
            if not edits:
                return decoded, []
            table = T.TRANS[pi]
            return decoded, [(m.start(), m.end(),
                              m.group().translate(table).encode("latin-1").decode("utf-8"))
                             for m in T.RUN_RE.finditer(text)]
    p = _Pass(text)
    p.scan(fits, first)
    if p.tokens or p.strong:
        p.resolve()
    out = p.edits()
    if not out:
        return text, []
    if edits and p.line_page:
        # Whole lines taken at once are reported run by run.
        runs = []
        for s, e, rep in out:
            page_index = p.line_page.get(s)
            if page_index is None:
                runs.append((s, e, rep))
                continue
            table = T.TRANS[page_index]
            runs += [(m.start(), m.end(),
                      m.group().translate(table).encode("latin-1").decode("utf-8"))
                     for m in T.RUN_RE.finditer(text, s, e)]
        return _apply(text, out), runs
    return _apply(text, out), out


def _apply(text: str, out: list[tuple[int, int, str]]) -> str:
    """Apply sorted, non-overlapping edits."""
    pieces: list[str] = []
    pos = 0
    for s, e, rep in out:
        pieces.append(text[pos:s])
        pieces.append(rep)
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)
