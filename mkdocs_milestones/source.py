# SPDX-License-Identifier: MIT
"""The Markdown line toolkit: front matter, code fences, headings (ATX and setext), label lines,
pipe tables and attr_list ids, read line by line as GitHub and Python-Markdown read them.

Nothing here knows about milestones; :mod:`.reading` and :mod:`.parser` build on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .lines import FENCE_EDGE, IN_FENCE, OUTSIDE, Line, Lines, fence_states, scan_lines, scanned_lines

__all__ = [
    "front_matter_keys",
    "FENCE_EDGE",
    "IN_FENCE",
    "LABEL_RE",
    "Line",
    "OUTSIDE",
    "fence_states",
    "heading_anchor",
    "html_block_lines",
    "label_parts",
    "Lines",
    "heading_at",
    "scan_lines",
    "scanned_lines",
    "split_attr_list",
    "split_front_matter",
]

_FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)


_ATX_SLOW_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
"""An ATX heading: group 1 the marks, group 2 the text without a closing sequence. The lazy text and the optional
closing sequence backtrack on every heading (about 10 us a line); :data:`_ATX_RE` gives the same groups faster."""
_ATX_OPEN_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_CLOSING_RE = re.compile(r"[ \t]+#+$")


class _AtxMatch:
    __slots__ = ("_groups",)

    def __init__(self, marks: str, text: str | None) -> None:
        self._groups = (None, marks, text)

    def group(self, n: int = 0) -> str | None:
        return self._groups[n]


class _AtxHeading:
    """``match(line)`` with the groups of :data:`_ATX_SLOW_RE` (a test compares them on every corpus line)."""

    _seen: dict[str, _AtxMatch | None] = {}  # one parse asks about a heading line 3-4 times; bounded, immutable answers

    @classmethod
    def match(cls, line: str) -> _AtxMatch | None:
        if "#" not in line[:4]:
            return None  # an ATX heading has "#" in its first 4 characters
        found = cls._seen.get(line, False)
        if found is False:
            if len(cls._seen) > 50_000:
                cls._seen.clear()
            found = cls._seen[line] = cls._match(line)
        return found

    @staticmethod
    def _match(line: str) -> _AtxMatch | None:
        m = _ATX_OPEN_RE.match(line)
        if m is None:
            return None
        text = m.group(2)
        if text is not None:
            text = text.rstrip(" \t")
            c = _CLOSING_RE.search(text)
            if c is not None:
                text = text[:c.start()]
        return _AtxMatch(m.group(1), text)


_ATX_RE = _AtxHeading()


_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


_ATTR_LIST_RE = re.compile(
    r"\s*\{:?\s*(?P<attrs>(?:[#.][\w\-:.]+|[\w\-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
    r"(?:\s+(?:[#.][\w\-:.]+|[\w\-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*)\s*:?\}\s*$"
)


_KNOWN_LABELS = (
    "status", "priority", "created", "completed", "estimated duration", "estimate", "duration",
    "total commits", "goal", "dependencies", "depends on", "commit", "objective", "current state",
    "the problem", "problem", "the solution", "solution", "owner", "owners", "started", "updated",
    "target", "due", "deadline", "team", "blocked by", "prerequisites",
)


LABEL_RE = re.compile(
    r"^(?P<indent>[ ]{0,3})(?:"
    r"(?P<b>\*\*|__)(?P<blabel>[^*_\n:]{1,60}?)(?P<bcolon>:)?(?P=b)(?(bcolon)|\s*:)"
    r"|(?P<plabel>" + "|".join(re.escape(x) for x in _KNOWN_LABELS) + r")\s*:"
    r")(?P<value>.*)$",
    re.IGNORECASE,
)
"""A label line: ``**Status**: done``, ``**Status:** done`` or ``Status: done``."""


_PARTS_SEEN: dict[str, tuple[str, str] | None] = {}


def label_parts(text: str) -> tuple[str, str] | None:
    """``(label, value)`` of a label line (both stripped; the label without its colon), or None: ``LABEL_RE``
    read once for the parse and the line normaliser alike; a site's pages repeat their label lines
    (``**Status**: ✅ Complete``), so the answers are remembered, bounded.

    >>> label_parts("**Status:** done "), label_parts("Owner : Ana"), label_parts("plain text")
    (('Status', 'done'), ('Owner', 'Ana'), None)
    """
    found = _PARTS_SEEN.get(text, False)
    if found is False:
        if len(_PARTS_SEEN) > 50_000:
            _PARTS_SEEN.clear()
        m = LABEL_RE.match(text)
        found = _PARTS_SEEN[text] = None if m is None else (
            (m.group("blabel") or m.group("plabel") or "").strip().rstrip(":").strip(), m.group("value").strip())
    return found  # type: ignore[return-value]


_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


_BULLET_RE = re.compile(r"^(?P<indent>\s*)[-*+]\s+(?P<text>.*)$")


_LINK_RE = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<href><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split YAML front matter off ``text``.

    Returns:
        ``(meta, body, offset)``: the mapping (empty when there is none or it is not a mapping),
        the text after it, and the number of lines it took.
    """
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text, 0
    try:
        import yaml

        meta = yaml.safe_load(m.group(1) or "") or {}
    except Exception:  # noqa: BLE001 - broken YAML: the host reports it; we just read no meta
        return {}, text, 0
    if not isinstance(meta, dict):
        return {}, text, 0
    return meta, text[m.end():], m.group(0).count("\n")


_KEY_LINE_RE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


def front_matter_keys(text: str) -> dict[str, int]:
    """The line of each top-level key of ``text``'s YAML front matter (1-based, the opening ``---`` is line 1),
    so a problem with a front matter value is reported at its own line.

    >>> front_matter_keys("---\\ntitle: x\\ntags:\\n  - a\\ndue: next spring\\n---\\n# A\\n")
    {'title': 2, 'tags': 3, 'due': 5}
    """
    m = _FRONT_MATTER_RE.match(_normalize(text))
    if not m:
        return {}
    block = _normalize(text)[:m.end()]
    return {k.group(1): block.count("\n", 0, k.start()) + 1 for k in _KEY_LINE_RE.finditer(block)}


def _normalize(text: str) -> str:
    if text[:1] == "\ufeff":
        text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _heading(lines: Lines | list[Line], i: int) -> tuple[int, str] | None:
    """``(level, text)`` when line ``i`` is an ATX heading or the text line of a setext heading."""
    if type(lines) is Lines:
        return heading_at(lines.texts, lines.fence, i)
    return heading_at([ln.text for ln in lines], [ln.in_fence for ln in lines], i)


def heading_at(texts: list[str], fence: list[bool], i: int) -> tuple[int, str] | None:
    """:func:`_heading` on parallel lists: line ``i``'s text and whether it is in fenced code."""
    if fence[i]:
        return None
    text = texts[i]
    m = _ATX_RE.match(text) if "#" in text[:4] else None  # an ATX heading has "#" in its first 4 characters
    if m:
        return len(m.group(1)), (m.group(2) or "").strip()
    if i + 1 < len(texts) and texts[i + 1].lstrip(" ")[:1] in ("=", "-") and text.strip() and not fence[i + 1]:
        nxt = _SETEXT_RE.match(texts[i + 1])
        prev_blank = i == 0 or not texts[i - 1].strip()
        if nxt and prev_blank and not _BULLET_RE.match(text) and not LABEL_RE.match(text):
            return (1 if nxt.group(1)[0] == "=" else 2), text.strip()
    return None


_HTML_BLOCK_RE = re.compile(
    r"^<(div|section|details|article|aside|main|header|footer|nav|figure|blockquote|table|form|fieldset)(?=[\s>/])",
    re.IGNORECASE,
)


def html_block_lines(lines: Lines | list[Line]) -> set[int]:
    """Indices of the lines inside a raw HTML block element that starts a line (``<div markdown="1">`` ...
    ``</div>``), open and close tags included.

    A heading there is not one of the page's own sections: Python-Markdown keeps it raw, and with
    ``md_in_html`` it sits inside the element rather than among the page's top-level blocks.

    >>> sorted(html_block_lines(scan_lines('a\\n<div markdown="1">\\n\\n### Phase 1: x\\n\\n</div>\\nb')))
    [1, 2, 3, 4, 5]
    """
    texts, fence = _lists_of(lines)
    out: set[int] = set()
    i = 0  # the first line after the last block
    for s in [k for k, t in enumerate(texts) if t[:1] == "<"]:  # a block's first line starts with its tag
        if s < i or fence[s] or (m := _HTML_BLOCK_RE.match(texts[s])) is None:
            continue
        i = s
        tag = m.group(1).lower()
        opens, closes = re.compile(rf"<{tag}(?=[\s>/])", re.IGNORECASE), re.compile(rf"</{tag}\s*>", re.IGNORECASE)
        depth, j = 0, i
        while j < len(texts):
            if not fence[j]:
                depth += len(opens.findall(texts[j])) - len(closes.findall(texts[j]))
            out.add(j)
            j += 1
            if depth <= 0:
                break
        i = j
    return out


def _lists_of(lines: Lines | list[Line]) -> tuple[list[str], list[bool]]:
    """The texts and the in-fence flags of ``lines``."""
    if type(lines) is Lines:
        return lines.texts, lines.fence
    return [ln.text for ln in lines], [ln.in_fence for ln in lines]


def split_attr_list(text: str) -> tuple[str, str | None]:
    """Split a trailing attr_list block off a heading: ``First { #first .x }`` -> ``('First', 'first')``.

    >>> split_attr_list("Phase 1: First { #first .x }")
    ('Phase 1: First', 'first')
    >>> split_attr_list("Sets {a, b}")
    ('Sets {a, b}', None)
    """
    if not text.endswith("}"):
        return text, None
    m = _ATTR_LIST_RE.search(text)
    if not m:
        return text, None
    ident = next((a[1:] for a in m.group("attrs").split() if a.startswith("#")), None)
    return text[:m.start()].rstrip(), ident


def _first_h1(lines: Lines | list[Line]) -> tuple[int, str] | None:
    texts, fence = _lists_of(lines)
    for i in range(len(texts)):
        h = heading_at(texts, fence, i)
        if h and h[0] == 1:
            return i, h[1]
    return None


def _strip_md(text: str) -> str:
    """Drop the emphasis and code markers around a value (``**x**`` -> ``x``)."""
    text = text.strip()
    if not text or text[0] not in "*_`":  # the common case: nothing to drop
        return text
    for mark in ("**", "__", "`"):
        inner = text[len(mark):-len(mark)]
        # "**a** **b**" is two bold words, not one bold run: only a mark around the whole value goes.
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark) and mark not in inner:
            text = inner.strip()
    return text


def _split_row(text: str) -> list[str]:
    row = text.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    if "`" not in row and "\\" not in row:  # no code span, no escaped pipe: every pipe separates
        return [cell.strip() for cell in row.split("|")]
    cells, cur, in_code = [], [], False
    i = 0
    while i < len(row):
        ch = row[i]
        if ch == "\\" and i + 1 < len(row) and row[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    cells.append("".join(cur).strip())
    return cells


def _tables(lines: list[Line]) -> Iterator[tuple[list[str], list[tuple[int, list[str]]]]]:
    """Yield ``(header cells, [(line, cells)...])`` for each pipe table outside code."""
    for _, header, rows in _table_blocks(lines):
        yield header, rows


def _table_blocks(lines: Lines | list[Line], cells: bool = True) -> Iterator[tuple[int, list[str], list[tuple[int, list[str]]]]]:
    """Yield ``(header line, header cells, [(line, cells)...])`` for each pipe table outside code (without
    ``cells``, no rows: only the headers are wanted)."""
    texts, fence = _lists_of(lines)
    nos = range(lines.first, lines.first + len(texts)) if type(lines) is Lines else [ln.no for ln in lines]
    i = 0  # the first line after the last table
    for k in [k for k in range(len(texts) - 1) if "|" in texts[k]]:  # a header row has a pipe
        if k < i or fence[k] or fence[k + 1] or not _TABLE_SEP_RE.match(texts[k + 1]):
            continue
        header = _split_row(texts[k])
        rows: list[tuple[int, list[str]]] = []
        j = k + 2
        while j < len(texts) and not fence[j] and texts[j].strip() and "|" in texts[j]:
            if cells:
                rows.append((nos[j], _split_row(texts[j])))
            j += 1
        yield nos[k], header, rows
        i = j


def _slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading by default (``toc.slugify``), without importing it.

    >>> _slug("Milestone: v1.0 Backlog (COMPLETE)"), _slug("Milestone 2: API \u2014 Pläne")
    ('milestone-v10-backlog-complete', 'milestone-2-api-plane')
    """
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def heading_anchor(text: str) -> str:
    """The HTML id a heading gets: its attr_list ``{ #id }``, else the id Python-Markdown's toc gives it.

    >>> heading_anchor("Milestone **v1.0**: Core"), heading_anchor("v2 { #next }")
    ('milestone-v10-core', 'next')
    """
    words, ident = split_attr_list(text)
    return ident or _slug(_strip_md(words))
