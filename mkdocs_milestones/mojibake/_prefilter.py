# SPDX-License-Identifier: MIT
"""The cheap pre-check: can a text contain mojibake a repair would change?"""

from __future__ import annotations

import functools
import re

from . import _tables as T
from ._tables import _cls
from ._tokens import _MAC, _MAC_PUNCT_LEADS, _MATH, _TWO_BYTE_CLASSES
from ._scan import _Pass



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


@functools.cache
def _repairable_q_re() -> re.Pattern[str]:
    """The same for ``?`` after a lead, written from the ``?`` (a literal character the engine
    finds at C speed), looking back at the lead and continuations before it; compiled for the
    first text with a ``?`` that the expression above does not settle (issue 17)."""
    return re.compile(
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
    return T.QUESTION in text and _repairable_q_re().search(text) is not None and _Pass._qmode(text)
