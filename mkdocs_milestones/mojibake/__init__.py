# SPDX-License-Identifier: MIT
"""Exact repair of mojibake: UTF-8 text that was decoded with a single-byte code page.

Milestone documents pass through tools that read UTF-8 as Windows-1252 or one of its cousins,
so 🔄 arrives as ``ğŸ”„`` and ┌ as ``â”Œ``. Worse, bytes the code page cannot represent are
often dropped on the way: ⏳ (E2 8F B3) arrives as ``â³`` and ┐ (E2 94 90) as ``â”``.
:func:`fix_mojibake` turns such text back into what was written:

>>> fix_mojibake("**Status**: ğŸ”„ IN PROGRESS")
'**Status**: 🔄 IN PROGRESS'
>>> fix_mojibake("| Test coverage | >80% | â³ Pending |")
'| Test coverage | >80% | ⏳ Pending |'

A lost byte is guessed from the candidates the code page could not represent, by context. In a
box diagram the neighbours decide: what connects to the left, above and below, and which family
(light, heavy, double, rounded) the diagram is drawn in:

>>> print(fix_mojibake("â”Œâ”€â”€â”\\nâ”‚ A â”‚\\nâ””â”€â”€â”˜"))
┌──┐
│ A │
└──┘

It repairs UTF-8 read as Windows-1252, Windows-1254, Windows-1250, Latin-1 (C1 controls kept)
and Mac OS Roman, text garbled twice, and documents where only some lines or runs are garbled:

>>> fix_mojibake("cafÃƒÂ© and naïve")
'café and naïve'

Correct text in any language is left alone, and so is text that merely looks odd; outside the
repaired runs every character stays where it was:

>>> fix_mojibake("Größe, château, œuvre, İstanbul, ağaç, Zażółć, Příliš, Ελλάδα, Россия, 日本")
'Größe, château, œuvre, İstanbul, ağaç, Zażółć, Příliš, Ελλάδα, Россия, 日本'

Evidence comes before a repair (``_evidence``): a lone pair that is also plausible text is not
enough on its own, however it decodes; ftfy's badness heuristic, the script of the letters a
repair makes, and certain repairs nearby (garbled with the same code page) are:

>>> fix_mojibake("The price was 5×£35, said Charlotte Brontë…”")
'The price was 5×£35, said Charlotte Brontë…”'

Code pages beyond ours (Windows-1251 and -1257, ISO-8859-2, cp437, CESU-8 emoji, C1 controls for
Windows-1252 punctuation, a no-break space byte lost) are repaired line by line with ftfy, under
the same evidence rules (``_wider``):

>>> fix_mojibake("Blog Traffic Tip 2 вЂ“ Broadcast Email")
'Blog Traffic Tip 2 – Broadcast Email'

:func:`fix_mojibake_report` also says what it changed, as :class:`Repair` records with a 1-based
line and a 0-based column in the input:

>>> fix_mojibake_report("ok\\nâœ… done")[1]
[Repair(line=2, column=0, original='âœ…', fixed='✅')]

Bytes written as U+FFFD or ``?`` instead of dropped are guessed the same way (their position is
known). What the bytes cannot tell stays a guess: ● (E2 97 8F) and ❗ (E2 9D 97) both read ``â—``
without 0x8F/0x9D, and the likelier symbol wins unless words on its line point to the other
(🔍 goes with "search", 🔐 with "password"); a letter is chosen by the script, case and letters
around it; a kana or Hangul syllable by the CJK text around it; a CJK character that matches no
frequent one becomes U+FFFD. Lost bytes are
only guessed in text that has other mojibake, and a run that could be correct text (``“DAĞ”``,
``√π``, ``„Grüße“``) is only rewritten next to certain mojibake.

Text garbled twice with Mac OS Roman first is repaired too (an emoji's lead byte 0xF0 is the
Apple logo U+F8FF in the middle layer), and so is a lone box edge that lost its corner (``└──┘``
closes with the corner that mirrors the one opening it on the row).

Clean text costs almost nothing: one compiled regular expression looks for a lead character
and continuation characters of one code page that read as something a repair makes (a ``?`` counts
only in text written with ``?`` for lost bytes) before any work is done.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


from ._core import _apply, needs_work, repair_pass
from . import _more
from ._evidence import exact, select
from ._prefilter import _SEQS
from ._tables import _cls
from ._wider import HINT_PAIRS, edits_between, wider

__all__ = ["Repair", "fix_mojibake", "fix_mojibake_report", "needs_work", "repairable"]

#: Each pass undoes one level of garbling; text is rarely garbled more than twice.
_MAX_PASSES = 6
_NL_RE = re.compile("\n")


@dataclass(frozen=True)
class Repair:
    """One repaired stretch of text.

    Attributes:
        line: 1-based line of the stretch in the input.
        column: 0-based column (in code points) of its first character in that line.
        original: The garbled characters as they were in the input.
        fixed: What they were replaced with.
    """

    line: int
    column: int
    original: str
    fixed: str


def _compose(old: list[list[int]], edits: list[tuple[int, int, str]]) -> list[list[int]]:
    """Fold one pass's edits into the changed segments.

    A segment is ``[cur_start, cur_end, orig_start, orig_end]``: where a repaired stretch is in
    the current text and where it came from in the original input.

    Args:
        old: Changed segments of the current text, in current and original coordinates.
        edits: This pass's edits ``(start, end, replacement)`` on the current text.

    Returns:
        Changed segments of the text after the edits.
    """
    result: list[list[int]] = []
    oi, n_old = 0, len(old)
    shift = 0  # new position minus current position, after the edits processed so far
    delta = 0  # original position minus current position, after the old segments passed
    for a, b, rep in edits:
        while oi < n_old and old[oi][1] <= a:
            cs, ce, os_, oe = old[oi]
            result.append([cs + shift, ce + shift, os_, oe])
            delta = oe - ce
            oi += 1
        orig_a = old[oi][2] if oi < n_old and old[oi][0] < a else a + delta
        end = b
        orig_b = -1
        while oi < n_old and old[oi][0] < b:
            cs, ce, os_, oe = old[oi]
            delta = oe - ce
            if ce >= b:
                orig_b, end = oe, ce
            oi += 1
        if orig_b < 0:
            orig_b = b + delta
        new_len = len(rep) + (end - b)
        result.append([a + shift, a + shift + new_len, orig_a, orig_b])
        shift += len(rep) - (b - a)
    for cs, ce, os_, oe in old[oi:]:
        result.append([cs + shift, ce + shift, os_, oe])
    return result


_SINGLES = frozenset(map(chr, range(0x80, 0xA0))) | {"\u00cc"}
"""What starts a repair alone: a C1 control (ftfy's hints) and ``Ì`` (a lost combining accent, ``_more``)."""


def _start_re() -> re.Pattern[str]:
    """Where any repair can start: one of :data:`_SINGLES`, or two characters as our scan (``_prefilter``),
    ftfy's hints (``_wider``) and the targeted repairs (``_more``) look for them first (pairs of classes)."""
    by_first: dict[frozenset[str], set[str]] = {}
    for first, second in [(c[0], c[1]) for _kind, _pre, c in _SEQS] + HINT_PAIRS + [_more.PAIR]:
        by_first.setdefault(first, set()).update(second)
    firsts = frozenset().union(*by_first) | _SINGLES
    seconds = frozenset().union(*by_first.values())
    # One class first (the engine skips to it at C speed), then the single or the pair.
    return re.compile(_cls(firsts) + "(?:(?<=" + _cls(_SINGLES) + ")|" + _cls(seconds)
                      + "(?<=" + "|".join(_cls(a) + _cls(b) for a, b in by_first.items()) + "))")


_START_RE = _start_re()


def repairable(text: str) -> bool:
    """False when no repair can start anywhere in ``text``: it comes back unchanged with no repairs.

    One scan before the three pre-checks the repair makes one after another (our scan, ftfy's hints, the
    targeted repairs): a clean page of box diagrams and emoji costs one pass (``─┐`` is a diagram: only a
    lead followed by a character it may be read with counts).

    >>> repairable("┌──┐ ✅ 🔄 Größe"), repairable("â³ Pending"), repairable("x\x85")
    (False, True, True)
    """
    return not text.isascii() and _START_RE.search(text) is not None


def _fix(text: str, report: bool) -> tuple[str, list[Repair]]:
    if not repairable(text):
        return text, []
    current, repairs = _fix_ours(text, report)
    better = wider(text, current, lambda line: _fix_ours(line, False)[0])
    if _more.quick(text):
        lines = current.split("\n")
        for i, line in enumerate(lines):
            line = better.get(i, line)
            extra = _more.more(line)
            if extra != line:
                better[i] = extra
    if not better:
        return current, repairs
    lines = current.split("\n")
    old = text.split("\n")
    for i, line in better.items():
        lines[i] = line
    if report:
        repairs = [r for r in repairs if r.line - 1 not in better]
        for i, line in better.items():
            repairs += [Repair(i + 1, a, old[i][a:b], rep)
                        for a, b, rep in edits_between(old[i], line)]
        repairs.sort(key=lambda r: (r.line, r.column))
    return "\n".join(lines), repairs


def _fix_ours(text: str, report: bool) -> tuple[str, list[Repair]]:
    current = text
    repaired_lines: set[int] = set()
    segments: list[list[int]] = []
    guessed: list[tuple[int, int]] = []  # where the last pass guessed lost bytes, in `current`
    made: list[tuple[int, int]] = []  # what the last pass wrote, in `current`
    compounded: set[int] = set()
    for _ in range(_MAX_PASSES):
        new, edits = repair_pass(current, True)
        if new == current:
            break
        # Evidence per edit, even where the whole text decodes with one code page: one certain
        # repair on a page is no evidence for a plausible pair elsewhere on it (``Å²``).
        kept = select(current, edits, repaired=frozenset(repaired_lines), made=made)
        if not kept:
            break
        if len(kept) != len(edits):
            new, edits = _apply(current, kept), kept
        lines = _lines_of(current, kept)
        repaired_lines.update(lines)
        # A pass that reads a character an earlier pass guessed as bytes builds a guess on a
        # guess (``Ã¢â€�â€™``: ” guessed for a lost byte, then read as 0x94): the line is
        # left as it was.
        compounded.update(line for (a, b, _), line in zip(kept, lines, strict=True)
                          if any(a < ge and gs < b for gs, ge in guessed))
        guessed = _guesses(current, kept)
        made = _guesses(current, kept, every=True)
        if report:
            segments = _compose(segments, edits)
        current = new
    if compounded:
        return _restore_lines(text, current, compounded, _repairs(text, current, segments))
    if not segments:
        return current, []
    return current, _repairs(text, current, segments)


def _lines_of(text: str, edits: list[tuple[int, int, str]]) -> list[int]:
    """The 0-based line of each edit's start (edits sorted)."""
    out, line, pos = [], 0, 0
    for a, _, _ in edits:
        line += text.count("\n", pos, a)
        pos = a
        out.append(line)
    return out


def _guesses(text: str, edits: list[tuple[int, int, str]],
             every: bool = False) -> list[tuple[int, int]]:
    """Where the edits' lost-byte guesses (or, with ``every``, all their replacements) land in
    the text after them."""
    out, shift = [], 0
    for a, b, rep in edits:
        if every or not exact(text[a:b], rep):
            out.append((a + shift, a + shift + len(rep)))
        shift += len(rep) - (b - a)
    return out


def _restore_lines(text: str, current: str, lines: set[int],
                   repairs: list[Repair]) -> tuple[str, list[Repair]]:
    old, new = text.split("\n"), current.split("\n")
    for i in lines:
        new[i] = old[i]
    return "\n".join(new), [r for r in repairs if r.line - 1 not in lines]


def _repairs(text: str, current: str, segments: list[list[int]]) -> list[Repair]:
    merged: list[list[int]] = []
    for seg in segments:
        if merged and merged[-1][3] == seg[2] and merged[-1][1] == seg[0]:
            merged[-1][1], merged[-1][3] = seg[1], seg[3]
        else:
            merged.append(list(seg))
    newlines = [m.start() for m in _NL_RE.finditer(text)]
    repairs = []
    for cs, ce, os_, oe in merged:
        line = bisect.bisect_left(newlines, os_)
        column = os_ - (newlines[line - 1] + 1 if line else 0)
        repairs.append(Repair(line + 1, column, text[os_:oe], current[cs:ce]))
    return repairs


def fix_mojibake_report(text: str) -> tuple[str, list[Repair]]:
    """Repair mojibake in ``text`` and report each repaired stretch.

    Args:
        text: Any text, typically a whole Markdown page.

    Returns:
        The repaired text and one :class:`Repair` per contiguous repaired stretch, in order.
        Adjacent repairs (a whole garbled box-drawing line, say) form one stretch.
    """
    return _fix(text, True)


def fix_mojibake(text: str) -> str:
    """Repair mojibake in ``text``; see the module documentation for what that covers.

    Args:
        text: Any text, typically a whole Markdown page.

    Returns:
        The repaired text (``text`` itself when nothing needed repair).
    """
    return _fix(text, False)[0]
