# SPDX-License-Identifier: MIT
"""Targeted repairs neither our scan nor ftfy makes: sequences correct text does not contain.

* Emoji and symbols read as Windows-1251 (``вњ…`` is ✅, ``рџ”„`` 🔄) or as cp437, the DOS code
  page Windows consoles still use (``Γöî`` is ┌, ``≡ƒöä`` 🔄): the lead byte of a symbol (E2)
  or an emoji (F0) and every continuation byte, decoding exactly to one character that is not a
  letter, digit or mark. In Russian ``в`` is frequent, but before two of the code page's
  continuation characters (Serbian ``њ``, punctuation) it is not a word; Greek ``Γ`` does not
  precede ``öî``.
* A combining acute accent whose second byte (0x81, undefined in Windows-1252) was lost:
  ``cafeÌ`` is ``cafe`` + U+0301 (NFD ``café``), ``Ì`` after a lower-case Latin letter and before
  anything that is not a continuation character.
* CESU-8 emoji read as Windows-1252 (``í\\xa0½í¸€`` is 😀): each half of the surrogate pair
  as three characters, both present.
"""

from __future__ import annotations

import re
import unicodedata

from ._tables import _cls


def _conts(encoding: str) -> set[str]:
    out = set()
    for byte in range(0x80, 0xC0):
        try:
            out.add(bytes([byte]).decode(encoding))
        except UnicodeDecodeError:
            continue
    return out


_C1251 = _cls(_conts("cp1251"))
_C437 = _cls(_conts("cp437"))
_C1252 = _cls(_conts("cp1252"))
_HIGH = set(map(chr, range(0xA0, 0xB0)))  # the second byte of a CESU-8 high surrogate, A0-AF

def _bytes(encoding: str, *ranges: tuple[int, int]) -> set[str]:
    out = set()
    for lo, hi in ranges:
        for byte in range(lo, hi + 1):
            try:
                out.add(bytes([byte]).decode(encoding))
            except UnicodeDecodeError:
                continue
    return out


#: The second byte of a symbol: E2 80-9F is U+2000-U+27FF (punctuation, arrows, math, boxes,
#: dingbats), E2 AC-AD U+2B00-U+2B7F (⭐, ⬆); of an emoji, F0 9F. Ukrainian ``ві``, ``рі`` are
#: not among them.
_S1251 = _cls(_bytes("cp1251", (0x80, 0x9F), (0xAC, 0xAD)))
_S437 = _cls(_bytes("cp437", (0x80, 0x9F), (0xAC, 0xAD)))
#: Windows-1251: E2 is ``в``, F0 ``р``; cp437: E2 is ``Γ``, F0 ``≡``.
_SYMBOL_RE = re.compile(f"в{_S1251}{_C1251}|рџ{_C1251}{{2}}|Γ{_S437}{_C437}|≡ƒ{_C437}{{2}}")
_CODEC = {"в": "cp1251", "р": "cp1251", "Γ": "cp437", "≡": "cp437"}
#: A lost 0x81 after CC (U+0301), after a lower-case Latin letter.
_ACUTE_RE = re.compile(f"(?<=[a-z])\u00cc(?!{_C1252})")
#: CESU-8: ED A0-AF xx ED B0-BF xx, read as Windows-1252.
_CESU_RE = re.compile(f"\u00ed{_cls(_HIGH)}{_C1252}\u00ed[\u00b0-\u00bf]{_C1252}")
#: Where one of the first two can start (``Ì`` is looked for apart): most text has none. Written
#: for the engine's fast path, two classes then a look back (an alternation ran at a quarter of
#: the speed on Russian text).
PAIR = (frozenset("врΓ≡\u00ed"), frozenset(_bytes("cp1251", (0x80, 0x9F), (0xAC, 0xAD))
                                          | _bytes("cp437", (0x80, 0x9F), (0xAC, 0xAD)) | _HIGH))
"""The two characters where one of the first two can start (``repairable`` reads them too)."""
_PAIR_RE = re.compile(_cls(PAIR[0]) + _cls(PAIR[1])
                      + "(?<=в" + _S1251 + "|р\u045f|Γ" + _S437 + "|≡\u0192|\u00ed" + _cls(_HIGH) + ")")


def quick(text: str) -> bool:
    """Whether :func:`more` may change ``text``."""
    return "\u00cc" in text or bool(_PAIR_RE.search(text))


def _symbol(m: re.Match[str]) -> str:
    seq = m.group()
    try:
        ch = seq.encode(_CODEC[seq[0]]).decode("utf-8")
    except UnicodeError:
        return seq
    if len(ch) != 1 or unicodedata.category(ch)[0] in "LNMC":
        return seq
    return ch


def _cesu(m: re.Match[str]) -> str:
    try:
        data = m.group().encode("cp1252")
    except UnicodeEncodeError:
        return m.group()
    hi = ((data[0] & 0x0F) << 12) | ((data[1] & 0x3F) << 6) | (data[2] & 0x3F)
    lo = ((data[3] & 0x0F) << 12) | ((data[4] & 0x3F) << 6) | (data[5] & 0x3F)
    if not (0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF):
        return m.group()
    ch = chr(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
    return ch if unicodedata.category(ch) == "So" else m.group()


def more(line: str) -> str:
    """``line`` with the repairs above made (``line`` itself when none applies)."""
    if not quick(line):
        return line
    out = _SYMBOL_RE.sub(_symbol, line)
    out = _ACUTE_RE.sub("\u0301", out)
    return _CESU_RE.sub(_cesu, out)
