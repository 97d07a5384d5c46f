# SPDX-License-Identifier: MIT
"""Candidates for lost bytes: what a token that lost a byte may have been, by prior and context."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import combinations, product
from typing import TypeVar

from . import _tables as T
from ._tokens import (
    _EXTB_COMMON, _KEYCAP_BASES, _MATH_SIGNS, _NEG, _OPENING, _PARTICLES, _QUOTES, _VS, _decode,
)



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
