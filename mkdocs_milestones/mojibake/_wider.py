# SPDX-License-Identifier: MIT
"""The code pages and byte mix-ups beyond our own scan, through ftfy, line by line.

ftfy (Apache-2.0) knows Windows-1251, -1253, -1257, ISO-8859-2, cp437, CESU-8 emoji, a
no-break space byte turned into a space (``voilÃ le travail``), C1 controls that were
Windows-1252 punctuation, and more. It works best on one line at a time and costs about
9 MB/s, so it only sees lines where a cheap expression finds a lead and a continuation
character of one of those code pages (or a C1 control), and what it proposes must pass the
same evidence rules as our own proposals (:mod:`._evidence`).

Where both ftfy and our scan change a line differently, the line with less mojibake left wins
(ftfy's badness), then the one with fewer U+FFFD (a lost byte we guessed beats a U+FFFD), then
ftfy's when it decoded the whole line with one code page and no lossy step, else ours.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from . import _evidence
from ._ftfy import badness, decode, encode, fix_encoding_and_explain, is_bad
from ._core import needs_work
from ._tables import _cls

Edit = tuple[int, int, str]

_ENCODINGS = ("latin-1", "sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250",
              "sloppy-windows-1253", "sloppy-windows-1254", "sloppy-windows-1257",
              "iso-8859-2", "macroman", "cp437")


#: Code pages our own scan reads (``_tables.PAGES``; Latin-1 is Windows-1252 with C1 controls).
_OURS = frozenset({"latin-1", "sloppy-windows-1252", "sloppy-windows-1250", "sloppy-windows-1254",
                   "macroman"})


#: The lead bytes that start nearly all mojibake met in the wild: Latin-1 Supplement and Latin
#: Extended-A (C2-C5), Greek (CE-CF), Cyrillic (D0-D1), Hebrew and Arabic (D7-D9), Indic,
#: Vietnamese, punctuation and CJK (E0-E3), U+FFxx (EF), emoji (F0). Other leads read as
#: letters Polish and Czech capitals are full of (``ÓŁ``, ``ĘŚ`` in ISO-8859-2).
_LEAD_BYTES = ((0xC2, 0xC5), (0xCE, 0xCF), (0xD0, 0xD1), (0xD7, 0xD9), (0xE0, 0xE3),
               (0xEF, 0xEF), (0xF0, 0xF0))


_BOXES = frozenset(map(chr, range(0x2500, 0x25A0)))


def _chars(encoding: str, lo: int, hi: int) -> set[str]:
    out = set()
    for byte in range(lo, hi + 1):
        try:
            ch = decode(bytes([byte]), encoding)
        except UnicodeDecodeError:
            continue
        if not ch.isascii():
            out.add(ch)
    return out


def _hint_re() -> tuple[re.Pattern[str], list[tuple[frozenset[str], frozenset[str]]]]:
    """The expression and the pairs of character classes it looks for (for ``repairable``)."""
    pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    first: set[str] = set("\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9\u00cc\u00cd\u00cb")
    second: set[str] = {" ", "\ufffd", *map(chr, range(0x80, 0xC0))}
    for enc in _ENCODINGS:
        if enc in _OURS:
            continue  # our own scan finds those, and the lines it repairs are compared anyway
        leads = set().union(*(_chars(enc, lo, hi) for lo, hi in _LEAD_BYTES))
        conts = _chars(enc, 0x80, 0xBF) | {"\ufffd"}
        # In cp437 the leads 0xC2-0xC5 are box drawing, and so are 0xB3-0xBF: ``─┐`` is a
        # diagram, not mojibake (after other leads they stay: ``ß║┐`` is ế, ``╨┐`` п).
        boxes = _chars(enc, 0xC2, 0xC5) & _BOXES
        if boxes:
            pairs.append((frozenset(boxes), frozenset(conts - _BOXES)))
            first |= boxes
            leads -= boxes
        # A lower-case letter before a letter is how words are spelled, not a lead byte
        # (Ukrainian ``ні``); it counts only before a symbol, punctuation or a capital
        # (``вЂ“``).
        upper = {c for c in leads if not c.islower()}
        pairs.append((frozenset(upper), frozenset(conts)))
        pairs.append((frozenset(leads - upper), frozenset(c for c in conts if not c.islower())))
        first |= leads
        second |= conts
    # A no-break space byte turned into a space after a lead (``voilÃ le``).
    pairs.append((frozenset("\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9"), frozenset(" ")))
    # NFD accents and spacing modifiers: ``aÌƒ``, ``Ë£``.
    w1252 = _chars("sloppy-windows-1252", 0x80, 0xBF) | set(map(chr, range(0x80, 0xA0)))
    pairs.append((frozenset("\u00cc\u00cd\u00cb"), frozenset(w1252)))
    second |= w1252
    # Written for the engine's fast path (as ``_prefilter.needs_work``): two classes first,
    # then one look back at the pairs of each code page; a plain alternation ran at 15 MB/s
    # on Cyrillic text.
    alts = [_cls(a) + _cls(b) for a, b in pairs]
    return re.compile(_cls(first) + _cls(second) + "(?<=" + "|".join(alts) + ")"), pairs




#: A place where ftfy could find something to repair (with a C1 control, ``_C1``); clean text
#: rarely matches. (One expression with the C1 class as an alternative runs at half the speed.)
HINT_RE, HINT_PAIRS = _hint_re()
#: C1 controls that Windows-1252 does not define: text with them was not Windows-1252.
_C1_UNDEFINED = re.compile("[\x81\x8d\x8f\x90\x9d]")
_C1 = re.compile("[\x80-\x9f]")


def _pure(plan: list[tuple[str, str]]) -> bool:
    """Whether ftfy decoded the whole line with one code page and no lossy step."""
    return len(plan) == 2 and plan[0][0] == "encode" and plan[1] == ("decode", "utf-8")


def edits_between(old: str, new: str) -> list[Edit]:
    """The changed stretches from ``old`` to ``new`` as ``(start, end, replacement)``."""
    out: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if out and out[-1][1] == i1:
            a, _, rep = out[-1]
            out[-1] = (a, i2, rep + new[j1:j2])
        else:
            out.append((i1, i2, new[j1:j2]))
    return out


def _ftfy_line(line: str) -> tuple[str, bool]:
    """ftfy's repair of one line, and whether it decoded the whole line with one code page."""
    fixed, plan = fix_encoding_and_explain(line)
    if fixed == line:
        return line, False
    if _C1_UNDEFINED.search(line) and any(
            step == ("transcode", "fix_c1_controls") or step == ("decode", "windows-1252")
            for step in plan):
        return line, False
    return fixed, _pure(plan)


def _decodes_to(line: str, mine: str) -> bool:
    """Whether the first code page ftfy would try that decodes ``line`` gives ``mine``."""
    for enc in _ENCODINGS:
        try:
            return encode(line, enc).decode("utf-8") == mine
        except UnicodeError:
            continue
    return False


def _supported(line: str, fixed: str) -> bool:
    """Whether the evidence supports every change ftfy made to ``line``."""
    edits = [_pair(line, e) for e in edits_between(line, fixed)]
    return len(_evidence.select(line, edits, trust_lost=False)) == len(edits)


def _pair(line: str, edit: Edit) -> Edit:
    """A diff's edit widened by the character after it where that makes an exact decoding: ftfy's
    ``Â`` + no-break space to a no-break space diffs as ``Â`` deleted, but is a pair."""
    a, b, rep = edit
    if b < len(line) and not _evidence.exact(line[a:b], rep) and _evidence.exact(
            line[a:b + 1], rep + line[b]):
        return a, b + 1, rep + line[b]
    return edit


def _score(text: str) -> tuple[int, bool, int, int, int]:
    """Less is better: mojibake sequences ftfy's heuristic sees, whether our own scan would
    still start a repair, places where ftfy could (a lead before a space included), lost bytes
    written as U+FFFD, characters other than spaces (a reading that explains more of the
    garbled characters is shorter; spaces do not count, as a no-break space byte may have
    become one)."""
    return (badness(text), needs_work(text), len(_hits(text)), text.count("\ufffd"),
            len(text) - text.count(" "))


_A0_RE = re.compile("(?<=[\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9]) (?=[^ ])")
#: After ``Ã`` the space was usually the word break after ``à`` (the no-break space byte was
#: lost and the space is real), except in Portuguese ``às`` and ``àquele``/``àquela``/``àquilo``.
_A_GRAVE_JOINED_RE = re.compile("s |s$|quel[ae]|quilo")


def _a0(m: re.Match[str]) -> str:
    text, lead = m.string, m.start() - 1
    before = text[lead - 1:lead]
    if text[lead] == "\u00c3":
        if before.isupper():
            return " "  # à inside a word of capitals: ``ESTÃ`` lost the byte of Á
        return "\u00a0" if _A_GRAVE_JOINED_RE.match(text, m.end()) else "\u00a0 "
    if before and not (before.isascii() and not before.isalnum()):
        # Only a lead that starts a word: after a letter (Swedish ``PÅ CAFÉ``) or after
        # other mojibake (``МОВА МАЄ`` garbled, where Ð lost its own byte) the space is real.
        return " "
    if text[m.end():m.end() + 1].isascii():
        # And only inside a garbled word (``Ð ÑƒÑ``): before plain text the space is likelier
        # a space after a lead whose own continuation byte was lost (``Å`` + 0x90 is ``Ő``).
        return " "
    return "\u00a0"


def wider(text: str, ours: str, repair_line: Callable[[str], str]) -> dict[int, str]:
    """Lines (by index) where another repair of ``text`` beats ``ours``, with that repair.

    Per line the candidates are our own repair, ftfy's, and our own after a no-break space
    byte that became a space after a lead is put back (``Ð ÑƒÑ�Ñ�ÐºÐ¸Ð¹``); also the line
    unchanged, when our repair leaves at least as much mojibake as there was (a hopeless
    garble is better left as it is than turned into other garble).
    """
    hits = _hits(text)
    if not hits and ours == text:
        return {}
    cur = ours.split("\n") if ours != text else None
    lines = text.split("\n") if cur is not None else None
    if cur is not None and lines is not None and len(lines) != len(cur):
        return {}
    out: dict[int, str] = {}
    if cur is not None and lines is not None:
        offset = 0
        changed = []
        for i, (line, mine) in enumerate(zip(lines, cur, strict=True)):
            offset += len(line) + 1
            if line == mine:
                continue
            bad = badness(mine)
            if bad or "\ufffd" in mine or needs_work(mine):
                changed.append(offset - len(line) - 1)  # ours left something: ask ftfy too
                if bad and (bad >= badness(line)
                            or mine.count("\ufffd") > line.count("\ufffd")):
                    # Our repair left mojibake behind, as much as there was or beside a
                    # character it could not guess: a garble better left as it was.
                    out[i] = cur[i] = line
        if changed:
            hits = sorted(set(hits).union(changed))
    i, pos, end = 0, 0, -1
    for hit in hits:
        if hit <= end:
            continue  # this line is done
        i += text.count("\n", pos, hit)
        pos = hit
        start = text.rfind("\n", 0, hit) + 1
        end = text.find("\n", hit)
        if end < 0:
            end = len(text)
        line = text[start:end]
        mine = cur[i] if cur is not None else line
        best, best_score = mine, None
        if mine != line and _decodes_to(line, mine):
            fixed, pure = mine, False  # ftfy's first reading is ours: no need to ask it
        else:
            fixed, pure = _ftfy_line(line)
        # On a tie ftfy wins where it decoded the whole line with one code page, and a
        # no-break space put back wins over our own repair (it explains one more byte).
        modifiers = _modifiers(mine)
        candidates = ((fixed, pure, True), (_restore_a0(line, repair_line), best == mine, False),
                      (modifiers if modifiers != mine else line, True, False))
        for cand, wins_tie, ftfys in candidates:
            if cand == line or cand == best:
                continue
            score = _score(cand)
            if best_score is None and best != line:
                best_score = _score(best)
            if best == line or best_score is None or score < best_score or (
                    score == best_score and wins_tie):
                if ftfys and not _supported(line, cand):
                    continue  # checked only where it would win: the diff is the costly part
                best, best_score = cand, score
        if best != mine:
            out[i] = best
    return out


def _hits(text: str) -> list[int]:
    """Where ftfy could find something to repair, in order."""
    if text.isascii():
        return []
    hits = [m.start() for m in HINT_RE.finditer(text)]
    c1 = [m.start() for m in _C1.finditer(text)]
    return sorted(hits + c1) if c1 else hits


#: A spacing modifier letter (U+02B0-U+02FF, lead byte 0xCA or 0xCB) read with Windows-1252.
_MODIFIER_RE = re.compile("[\u00ca\u00cb][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160"
                          "\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122]")


def _modifiers(line: str) -> str:
    """``line`` with each spacing modifier letter read as two characters put back, where a
    neighbour is a modifier or superscript letter too (``ⁿË£ⁿ`` is ``ⁿˣⁿ``); our scan does not
    produce modifier letters anywhere else, as ``Ë£`` is also a capital and a pound sign."""
    def put_back(m: re.Match[str]) -> str:
        try:
            ch = m.group().encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return m.group()
        before, after = line[m.start() - 1:m.start()], line[m.end():m.end() + 1]
        if _evidence.modifier(ch) and (_evidence.modifier(before) or _evidence.modifier(after)):
            return ch
        return m.group()

    return _MODIFIER_RE.sub(put_back, line)


#: ``Ã`` alone between a word break and a space before a lower-case word: no language writes that
#: word; it is ``à`` (or Portuguese ``às``) that lost its no-break space byte (``até Ã s``).
_LONE_A_RE = re.compile("(?<![^\\W\\d_])\u00c3 (?=[a-z\u00e0-\u00ff])")


def _restore_a0(line: str, repair_line: Callable[[str], str]) -> str:
    """Our repair of ``line`` with a space after a lead read as a lost no-break space byte."""
    if not _A0_RE.search(line) or not (is_bad(line) or _LONE_A_RE.search(line)):
        return line
    restored = _A0_RE.sub(_a0, line)
    fixed = repair_line(restored)
    if fixed == restored:
        return line
    # Every no-break space put back must have been taken into a repaired character.
    if fixed.count("\u00a0") > line.count("\u00a0"):
        return line
    return fixed
