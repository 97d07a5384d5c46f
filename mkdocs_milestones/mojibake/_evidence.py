# SPDX-License-Identifier: MIT
"""Evidence before repair: which proposed repairs the text itself supports.

The scan proposes every stretch that decodes as UTF-8 read with a single-byte code page. Many
such stretches are also correct text: ``×£`` in ``5×£35`` decodes to ``ף``, ``ë…”`` after
``Brontë`` to ``녔``, ``Ä`` plus a no-break space to ``Ġ``. A proposal is strong (evidence on
its own) when

* it guesses lost bytes (the scan only does that with evidence of its own),
* three or more characters decode exactly to a symbol (``â•‘`` to ║), or to two or more
  characters (a whole garbled word),
* a spacing modifier letter comes out between modifier letters (``ⁿË£ⁿ``),
* ftfy's badness heuristic (sequences of characters much likelier in mojibake than in
  intended text, such as a lower-case accented letter before a currency sign) flags it with
  one character of context on each side, or
* the whole text, or a whole line that ftfy's heuristic flags, is mojibake a pair at a time
  (three or more pairs on a whole text, nothing else non-ASCII).

A lone pair that is also plausible text (:func:`plausible`: ``Å²``, ``Å—``, ``Õ…``, ``Ä`` and a
no-break space, ``5×£35``) is never strong, whatever ftfy's heuristic says, and does not count
towards a whole line or text: several of them on one line prove nothing (``SELKÄ EDELLÄ``). It
is kept only beside a strong proposal on its own line. Evidence is weighed per proposal even
where the whole page decodes with one code page: one certain repair is no licence for the rest.

A weak proposal is kept when a strong one garbled with the same code page is on its line or
within ``NEAR`` lines. A proposal is dropped when it would make a lone letter of a script the
text does not use (a Hebrew ``ו`` from ``×•`` in an English hex dump), a lower-case letter
before a capital in a word of capitals (leetspeak), or an APL symbol from a lost byte. A lone
pair that is also plausible text is never enough on its own.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from . import _tables as T
from ._ftfy import is_bad

Edit = tuple[int, int, str]


#: Scripts whose lone letter in text that does not use them is no evidence of a repair.
_SCRIPTS = frozenset({
    "ARABIC", "ARMENIAN", "BENGALI", "CHEROKEE", "CYRILLIC", "DEVANAGARI", "ETHIOPIC",
    "GEORGIAN", "GUJARATI", "GURMUKHI", "HANGUL", "HEBREW", "KANNADA", "KHMER", "LAO",
    "MALAYALAM", "MONGOLIAN", "MYANMAR", "ORIYA", "SINHALA", "SYRIAC", "TAMIL", "TELUGU",
    "THAANA", "THAI", "TIBETAN", "YI", "CJK", "HIRAGANA", "KATAKANA", "BOPOMOFO", "COPTIC",
    "RUNIC", "OGHAM", "CANADIAN", "NKO", "SAMARITAN", "MANDAIC", "TIFINAGH", "VAI", "BAMUM",
})


@lru_cache(maxsize=4096)
def _script(ch: str) -> str | None:
    """The script of a letter outside Latin, Greek and symbols (by its Unicode name); None
    for everything else (Greek letters are at home in Latin text: γ-globulin, μm)."""
    if ch.isascii() or not ch.isalpha():
        return None
    word = unicodedata.name(ch, "").split(" ", 1)[0]
    if word in ("HIRAGANA", "KATAKANA"):
        return "CJK"
    return word if word in _SCRIPTS else None


@lru_cache(maxsize=8192)
def pages(orig: str, rep: str) -> int:
    """The code pages (a bit per index into ``PAGES``) that decode ``orig`` exactly, every byte
    present, to ``rep``; 0 when none does (a lost-byte guess, or another code page's)."""
    mask = 0
    for i, table in enumerate(T.TRANS):
        try:
            if orig.translate(table).encode("latin-1").decode("utf-8") == rep:
                mask |= 1 << i
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return mask


def exact(orig: str, rep: str) -> bool:
    """Whether ``rep`` is ``orig`` decoded exactly, every byte present, with one code page."""
    return pages(orig, rep) != 0


_ANY_PAGE = (1 << len(T.TRANS)) - 1


def _scripts_of(text: str) -> set[str]:
    return {s for s in map(_script, set(text)) if s}


#: How many lines away a certain repair makes a plausible-looking proposal likely mojibake.
NEAR = 5


def select(text: str, edits: list[Edit], trust_lost: bool = True,
           repaired: frozenset[int] = frozenset(),
           made: list[tuple[int, int]] | None = None) -> list[Edit]:
    """The proposed edits the text gives evidence for; see the module documentation.

    Args:
        text: The text the edits apply to.
        edits: Proposed ``(start, end, replacement)`` edits, sorted and non-overlapping.
        trust_lost: Whether an edit that is not an exact decoding with one of our code pages
            is a lost-byte guess our scan made with evidence of its own (False for ftfy's).
        repaired: Lines (0-based) an earlier pass repaired: text garbled twice is evidence
            for what the next pass finds there.
        made: Where an earlier pass wrote its repairs: a plausible pair made of them is text
            garbled twice (``Â¬âˆž`` to ``¬∞`` to °), not a pair the author wrote.
    """
    # A lost-byte guess that makes an APL symbol is a wrong guess, and a lower-case letter
    # made before a capital in a word of capitals (``MÄ£ÄM``: leetspeak, not ``Mģ…``) is no
    # repair: those stay as they were.
    starts = {e[0] for e in edits}
    edits = [e for e in edits if (not _APL_RE.search(e[2]) or exact(text[e[0]:e[1]], e[2]))
             and (e[1] in starts or not _case_break(text, *e))]
    if not edits:
        return edits
    # A pair next to another proposal is part of a garbled word (``×‘×”×•``), not a lone pair.
    doubt = [plausible(text, a, b, rep)
             and not (i and edits[i - 1][1] == a)
             and not (i + 1 < len(edits) and edits[i + 1][0] == b)
             for i, (a, b, rep) in enumerate(edits)]
    strong = [not d and _strong(text, a, b, rep, trust_lost)
              for d, (a, b, rep) in zip(doubt, edits, strict=True)]
    line_of = _lines_of(text, edits)  # one walk (counting from the start for each edit read a page once per edit)
    if not all(strong):
        sure = sum(not d for d in doubt)
        if (sure >= 3 and sure > len(doubt) - sure and _outside(text, edits).isascii()
                and all(exact(text[a:b], rep) for a, b, rep in edits)):
            # the whole text is mojibake, a pair at a time
            strong = [not d for d in doubt]
        else:
            _whole_lines(text, edits, line_of, strong, doubt)
    if repaired:
        # Text garbled twice: what an earlier pass repaired on a line is evidence for the rest of
        # it, but not for a plausible pair (that pass may have been a weak repair's own doing).
        strong = [s or (line_of[i] in repaired and (not doubt[i] or _inside(edits[i], made)))
                  for i, s in enumerate(strong)]
    if not any(strong):
        return []
    # The strong edits by line: what a weak neighbour on a nearby line may lean on, if it was
    # garbled with the same code page (a page is garbled with one code page, not a mix).
    strong_on_line: dict[int, list[int]] = {}
    page_mask: dict[int, int] = {}
    exact_mask: dict[int, int] = {}  # exact decodings only: what a plausible pair may lean on
    for i, s in enumerate(strong):
        if s:
            strong_on_line.setdefault(line_of[i], []).append(i)
            a, b, rep = edits[i]
            mask = pages(text[a:b], rep)
            page_mask[line_of[i]] = page_mask.get(line_of[i], 0) | (mask or _ANY_PAGE)
            exact_mask[line_of[i]] = exact_mask.get(line_of[i], 0) | mask
    strong_lines = sorted(strong_on_line)
    outside: set[str] | None = None
    kept: list[Edit] = []
    for i, (a, b, rep) in enumerate(edits):
        others = [j for j in strong_on_line.get(line_of[i], ()) if j != i]
        if not strong[i] and (
                (doubt[i] and not _near(strong_lines, exact_mask, line_of[i],
                                        pages(text[a:b], rep), 0))
                or not _near(strong_lines, page_mask, line_of[i],
                             pages(text[a:b], rep) or _ANY_PAGE)):
            continue
        new = _lone_scripts(rep)
        if new:
            if outside is None:
                outside = _scripts_of(_outside(text, edits))
            support = outside | _scripts_of("".join(edits[j][2] for j in others[:8]))
            if not new <= support:
                continue
        kept.append((a, b, rep))
    return kept


def _inside(edit: Edit, spans: list[tuple[int, int]] | None) -> bool:
    """Whether ``edit`` overlaps one of ``spans``."""
    a, b = edit[0], edit[1]
    return bool(spans) and any(a < e and s < b for s, e in spans)


def _near(lines: list[int], page_mask: dict[int, int], line: int, mask: int,
          near: int = NEAR) -> bool:
    """Whether a strong edit within ``near`` lines was garbled with a code page of ``mask``."""
    k = bisect.bisect_left(lines, line - near)
    while k < len(lines) and lines[k] <= line + near:
        if page_mask[lines[k]] & mask:
            return True
        k += 1
    return False


def _whole_lines(text: str, edits: list[Edit], line_of: list[int], strong: list[bool],
                 doubt: list[bool]) -> None:
    """Mark strong the edits of a line that is mojibake as a whole: two or more edits decode
    exactly, no other non-ASCII is left on it, and either ftfy's heuristic finds mojibake on
    it or there are three or more edits (``ĹľluĹĄouÄŤkĂ˝`` is ``žluťoučký``, a pair at a
    time; ``SELKÄ EDELLÄ`` with no-break spaces is two pairs)."""
    by_line: dict[int, list[int]] = {}
    for i, line in enumerate(line_of):
        by_line.setdefault(line, []).append(i)
    for members in by_line.values():
        if len(members) < 2 or all(strong[i] for i in members):
            continue
        sure = sum(not doubt[i] for i in members)
        if sure < 2 or sure <= len(members) - sure:
            continue  # pairs that are also plausible text prove nothing, however many
        first, last = edits[members[0]], edits[members[-1]]
        start = text.rfind("\n", 0, first[0]) + 1
        end = text.find("\n", last[1])
        end = len(text) if end < 0 else end
        line = text[start:end]
        rest = _outside(line, [(a - start, b - start, r) for a, b, r in
                               (edits[i] for i in members)])
        if not rest.isascii():
            continue
        if sure < 3 and not is_bad(line):
            continue
        if all(exact(text[edits[i][0]:edits[i][1]], edits[i][2]) for i in members):
            for i in members:
                strong[i] = strong[i] or not doubt[i]


#: APL symbols: the only characters ``E2 8D xx`` (0x8D lost in Windows-1252) can be, and not
#: what documentation is written with; a guess that makes one is no evidence.
_APL_RE = re.compile("[\u2336-\u237a]")


def _strong(text: str, a: int, b: int, rep: str, trust_lost: bool) -> bool:
    """Whether one proposal is evidence on its own."""
    orig = text[a:b]
    if not exact(orig, rep):
        return trust_lost or is_bad(text[max(0, a - 1):b + 1])
    if len(orig) - len(rep) >= 2 and (len(rep) >= 2 or not _letterlike(rep)):
        # Three or more characters that decode exactly to a symbol (``â•‘`` to ║, ``‚úÖ``
        # to ✅), or two or more decoded characters (a whole garbled word): correct text does
        # not line those up by chance. A lone letter (``ë…”`` to 녔) is not enough.
        return True
    if len(rep) == 1 and modifier(rep) and (modifier(text[a - 1:a]) or modifier(text[b:b + 1])):
        # A spacing modifier letter between modifier letters (``ⁿË£ⁿ`` is ``ⁿˣⁿ``): the repair
        # makes the run coherent; the pair read as a letter and a currency sign would not be.
        return True
    return is_bad(text[max(0, a - 1):b + 1])


#: What follows a word in correct text: a no-break space, dashes, an ellipsis, a trademark,
#: superscripts and units, closing quotes, daggers and bullets (``SELKÄ EDELLÄ``, ``10 Å—``,
#: ``Brontë…``, ``AHÅ™``, ``12 Å²``, ``Ä†``); each also continues a lead byte in Windows-1252.
_AFTER_WORD = frozenset("\u00a0\u2014\u2013\u2026\u2122\u00b2\u00b3\u00b9\u00b0\u00b4\u00bb"
                        "\u201d\u2019\u2020\u2021\u2022\u00b7\u00ae\u00aa\u00ba")


def plausible(text: str, a: int, b: int, rep: str) -> bool:
    """Whether a lone pair that decodes to one character (or letters and no-break spaces side
    by side, each a pair) is also plausible correct text.

    A letter then something that follows words (``Å²``, ``Ä`` and a no-break space, ``Õ…``,
    Romanian ``NICIODATĂ™``) is, unless a lower-case letter touches a capital lead (``ZaÅ¼``);
    so is a symbol lead not after a letter (``5×£35``, ``∆°C``, ```¬´``). Such a pair is never
    evidence, not even with others like it on the line; it is repaired only beside a certain
    repair on its own line. ``Ã`` before one of those is left to ftfy's heuristic: ``HÃ”TEL``,
    ``OÃ™`` (Ô, Ù) are the commonest mojibake of all, Portuguese ``IRMÃ”`` is rare.
    """
    if len(rep) == 1 and modifier(rep) and exact(text[a:b], rep):
        # A modifier letter alone (``lá´´`` read as ``lᴴ``): only a run of them is evidence.
        return not (modifier(text[a - 1:a]) or modifier(text[b:b + 1]))
    if b - a != 2 * len(rep) or not rep:
        return False
    if len(rep) > 1:  # letters with no-break spaces side by side (``Å Ä Ö``)
        return all(text[a + 2 * k + 1] == "\u00a0" and plausible(
            text, a + 2 * k, a + 2 * k + 2, rep[k]) for k in range(len(rep)))
    lead, cont = text[a], text[a + 1]
    if not exact(lead + cont, rep):
        return False  # a lost-byte guess: the scan only makes those with evidence of its own
    before, after = text[a - 1:a], text[b:b + 1]
    if lead.isalpha():
        if cont not in _AFTER_WORD or (lead == "\u00c3" and ord(rep) < 0x100):
            return False
        if cont != "\u00a0" and after.isalpha():
            return False  # what follows a word is not followed by a letter (``MĂ…NDAG``)
        if lead.islower():
            return True
        return not (before.isalpha() and before.islower()) and not (
            after.isalpha() and after.islower())
    return not before.isalpha() and not cont.isalnum()


def _case_break(text: str, a: int, b: int, rep: str) -> bool:
    if len(rep) != 1 or not rep.islower():
        return False
    after = text[b:b + 1]
    before = text[a - 1:a]
    return after.isupper() and not before.islower()


def modifier(ch: str) -> bool:
    """Whether ``ch`` is a modifier letter or a superscript/subscript character."""
    return len(ch) == 1 and (unicodedata.category(ch) == "Lm" or "\u2070" <= ch <= "\u209f")


def _letterlike(rep: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LM" for ch in rep)


def _lone_scripts(rep: str) -> set[str]:
    """Scripts of which ``rep`` has a single letter (two or more letters support themselves)."""
    counts: dict[str, int] = {}
    for ch in rep:
        s = _script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    return {s for s, n in counts.items() if n == 1}


def _lines_of(text: str, edits: list[Edit]) -> list[int]:
    out = []
    line = 0
    pos = 0
    for a, _, _ in edits:
        line += text.count("\n", pos, a)
        pos = a
        out.append(line)
    return out


def _outside(text: str, edits: list[Edit]) -> str:
    pieces = []
    pos = 0
    for a, b, _ in edits:
        pieces.append(text[pos:a])
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)
