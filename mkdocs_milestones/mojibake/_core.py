# SPDX-License-Identifier: MIT
"""One repair pass: whole-text decoding where it fits, else the scan and resolve stages.

Modules, imported one way: ``_tokens`` <- ``_candidates`` <- ``_resolve_boxes`` <-
``_resolve`` <- ``_scan`` <- ``_prefilter`` <- ``_core`` (this one).
"""

from __future__ import annotations

import codecs
import functools
import re

from . import _tables as T
from ._tables import _cls
from ._tokens import _strong_text
from ._scan import _Pass
from ._prefilter import needs_work

@functools.cache
def _differ_re(pi: int, qi: int) -> re.Pattern[str]:
    """For a pair of pages, the characters both have for different bytes (where their readings of a
    text that fits both can differ); compiled for the first text that fits both."""
    p, q = T.PAGES[pi], T.PAGES[qi]
    chars = frozenset(c for c, b in p.to_byte.items() if q.to_byte.get(c, b) != b)
    return re.compile(_cls(chars) if chars else "(?!)")


def _encoding_map(page: T.CodePage) -> object:
    """The page as a codec's encoding map (one character per byte: a C1 control only for a byte the code page
    leaves undefined), for ``codecs.charmap_encode``: a text encoded in C, not a lookup per character."""
    table = [chr(b) for b in range(0x80)] + ["\ufffe"] * 0x80
    for c, b in page.to_byte.items():
        if table[b] == "\ufffe" or not "\x80" <= c <= "\x9f":
            table[b] = c
    return codecs.charmap_build("".join(table))


_ENCODING_MAPS = tuple(_encoding_map(p) for p in T.PAGES)
_C1_OR_STAND_IN = re.compile("[\x80-\x9f\ufffd]")


def _decode_whole(text: str, pi: int) -> str:
    """The text decoded with page ``pi``; bytes that do not decode become lone surrogates."""
    if not _C1_OR_STAND_IN.search(text):  # then every character has one byte in the map
        try:
            return codecs.charmap_encode(text, "strict", _ENCODING_MAPS[pi])[0].decode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            pass
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
        if any(not _differ_re(pj, pi).search(text) for pj in tried):
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
