# SPDX-License-Identifier: MIT
"""The cheap tests made before a page is read, each the same answer as the expression or walk it stands for, at less
cost on the pages it turns away (most pages of a site are not milestones): detection's quick test, the roadmap
hint, a document's first level-1 heading, the first characters no label line has.
"""

from __future__ import annotations

import re

from .lines import OUTSIDE, _fence_iter
from .source import heading_at

__all__ = ["NOT_LABEL_START", "QUICK_RE", "ROADMAP_HINT_RE", "first_h1_of", "may_be_milestone", "may_be_roadmap"]

QUICK_RE = re.compile(r"milestone|^id:[ \t]*[\"']?(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d|^ {0,3}#[ \t]+(?:\*\*)?(?:[A-Z][A-Z0-9]{0,7}[-\u2010\u2011])*M[-\u2010\u2011]?\d", re.IGNORECASE | re.MULTILINE)
"""Detection's quick test: the word, a front matter ``id: M-...``, or a level-1 heading that starts with an M-numbered id."""
ROADMAP_HINT_RE = re.compile(r"^ {0,3}#{2,6}[ \t].*?(?:milestone|\bv\d|\bM-?\d)", re.IGNORECASE | re.MULTILINE)
"""A heading of level 2 or more that may name a milestone (a roadmap document's)."""

_M_DIGIT_RE = re.compile(r"m[-\u2010\u2011]?\d")
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f")  # İ ı ſ: case-insensitive expressions read them as i, i, s

NOT_LABEL_START = frozenset("-+|>#`[!(<{~=0123456789")
"""Characters no label line starts with (after its spaces): :data:`~.source.LABEL_RE` wants ``**``, ``__`` or a word
there, so ``text.lstrip(" ")[:1] in NOT_LABEL_START`` means no match."""


def may_be_milestone(text: str) -> bool:
    """``QUICK_RE.search(text)``, cheaper on a page that is no milestone: the expression's case-insensitive
    ``milestone`` is tried at every m, while ``"milestone" in text.lower()`` runs at memory speed. Without İ, ı or ſ
    (which a case-insensitive expression reads as ASCII letters and ``lower`` does not, and İ lower-cases to two
    characters), a lower-cased ``milestone`` is the first alternative matching; the second needs ``id:`` first on a
    line, and the third, a heading, an m before a digit on its line: the expression is asked there only.

    >>> [may_be_milestone(t) for t in ("# Milestone: x", "# MİLESTONE x", "id: M-031", "# FT-M-05.13 x", "# Roadmap", "# M3 x")]
    [True, True, True, True, False, True]
    """
    if QUICK_RE.search(text, 0, 512):
        return True  # a milestone page names it at its top: no need to read further (a match there is one in text)
    if any(c in text for c in _FOLDS_TO_ASCII):
        return QUICK_RE.search(text) is not None
    low = text.lower()  # as long as text (no İ): a position in one is the same in the other
    if "milestone" in low:
        return True
    if low.startswith("id:") or "\nid:" in low:
        return QUICK_RE.search(text) is not None
    tried = -1
    for m in _M_DIGIT_RE.finditer(low):
        start = text.rfind("\n", 0, m.start()) + 1  # the heading would start its line
        if start != tried:
            tried = start
            if QUICK_RE.match(text, start):
                return True
    return False


def may_be_roadmap(text: str) -> bool:
    """``ROADMAP_HINT_RE.search(text)``, asked only on the lines holding ``##`` (a heading of level 2 or more has it
    after at most 3 spaces): the expression alone is tried at every position of the page.

    >>> [may_be_roadmap(t) for t in ("# A\\n\\n## Milestone 2", "## v1.0 (done)", "a ## M3", "### Next: M-4", "## Notes")]
    [True, True, False, True, False]
    """
    at = text.find("##")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1  # the line holding it
        if ROADMAP_HINT_RE.match(text, start):
            return True
        end = text.find("\n", at)
        if end < 0:
            return False
        at = text.find("##", end)
    return False


def first_h1_of(text: str, first_line: int = 1) -> tuple[int, str] | None:
    """``_first_h1(scan_lines(text, first_line))``, reading only the lines up to that heading (and the one after it,
    a setext underline): detection asks this of every page, most of which it then leaves alone.

    >>> first_h1_of("```\\n# not\\n```\\n\\nTitle\\n=====\\n# Later")
    (4, 'Title')
    """
    raw = text.split("\n")
    n = len(raw)
    states = _fence_iter(raw)
    texts: list[str] = []
    fence: list[bool] = []
    for i in range(n):
        while len(fence) < i + 2 and len(fence) < n:  # heading_at reads the next line (a setext underline)
            texts.append(raw[len(fence)])
            fence.append(next(states) != OUTSIDE)
        h = heading_at(texts, fence, i)
        if h and h[0] == 1:
            return i, h[1]
    return None
