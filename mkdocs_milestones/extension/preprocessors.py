# SPDX-License-Identifier: MIT
"""The extension's preprocessors: page context, mojibake repair, the one parse, roadmap markers.

Per-document results live on the ``Markdown`` instance (cleared by ``MilestonesExtension.reset``):

``md.milestone_context``
    The :class:`~.context.PageContext` of this conversion.
``md.milestones`` / ``md.milestone``
    The milestones parsed from the page (one at most today) / the first or None.
``md.milestone_diagnostics``
    Every problem found in the document (the parser's, the markers'), whether logged or not.
``md.milestone_source``
    The text that was parsed (the plugin hands it back when it converts the page again).
``md.milestone_markers``
    How many ``<!-- milestones -->`` markers the page holds (expanded, or left for the host).
``md.milestone_roadmap``
    True when the page shows a roadmap (it needs the stylesheet).
``md.milestone_graphs``
    With ``PageContext.defer_graph``: the graphs the host puts in place of their comments (comment -> markup).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import TYPE_CHECKING, Any

from markdown.preprocessors import Preprocessor

from ..collector import held_collections
from ..parser import OUTSIDE, fence_states, is_milestone_source, parse_milestone
from ..quick import NOT_LABEL_START
from ..source import _FRONT_MATTER_RE, label_parts, scanned_lines
from ..roadmap_doc import parse_roadmap
from ..roadmap.markers import expand_markers, find_markers
from .cache import digest, in_scope_repaired
from .context import PageContext
from .toc_guard import restore_toc_marker

if TYPE_CHECKING:
    from markdown import Markdown

    from . import MilestonesExtension

__all__ = ["context_of", "normalize_source_map", "reset_results"]

log = logging.getLogger("mkdocs.plugins.milestones")

_LIST_START_RE = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+\S")
_LIST_MARKS = frozenset("-*+")
_NOT_PARA = frozenset(" \t|#>")  # a line starting so is no plain paragraph line
_PLAIN = frozenset("`[!(<{~=")  # a line starting so is a plain paragraph line: no label, list item, row, heading, quote
_NESTED_ITEM_RE = re.compile(r"^( {2,3})(?:[-*+]|\d+[.)])\s+\S")
_ATX_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")


def reset_results(md: Any, ctx: PageContext | None = None) -> None:
    """Clear the per-document results on ``md`` (and set the context of the next conversion)."""
    md.milestone_context = ctx
    md.milestones = []
    md.milestone = None
    md.milestone_diagnostics = []
    md.milestone_source = None
    md.milestone_markers = 0
    md.milestone_roadmap = False
    md.milestone_graphs = {}
    md.ms_line_origin = None
    md.ms_chrome = []
    restore_toc_marker(md)  # a conversion that failed between the toc guards


def context_of(md: Any) -> PageContext:
    """The context of the conversion in progress (a default one outside a conversion)."""
    return getattr(md, "milestone_context", None) or PageContext()


_TASK_START_RE = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])\s+\[(?:[ xX/~\-]|[A-Za-z][A-Za-z _\-]{1,14})\](?:\s|$)")
"""A task-list item (the markers the parser counts), at the start of a list."""


def normalize_source_map(lines: list[str], text: str | None = None) -> tuple[list[str], list[int]]:
    """Insert the blank lines GitHub lets authors leave out, and for each output line its source line index
    (``text``: the lines joined, when the caller has it).

    Consecutive ``**Status**:`` / ``**Priority**:`` lines become separate paragraphs, and a list
    written straight under a label line becomes a list. An inserted blank line stands for the line
    it was inserted before, so a later step that finds something on output line ``i`` can report
    source line ``origin[i]``.

    >>> normalize_source_map(["**Status**: done", "**Priority**: high"])
    (['**Status**: done', '', '**Priority**: high'], [0, 1, 1])

    Lines that follow a table row up to the next blank line are rows of that table, for GitHub
    and Python-Markdown alike, labels included: nothing is inserted there.

    >>> normalize_source_map(["| a |", "|---|", "**Status**: done", "**Priority**: high"])[0]
    ['| a |', '|---|', '**Status**: done', '**Priority**: high']

    A heading ends a table, as on GitHub:

    >>> normalize_source_map(["| a |", "|---|", "### Phase 1: x"])
    (['| a |', '|---|', '', '### Phase 1: x'], [0, 1, 2, 2])

    A task list straight under a paragraph line (``**Acceptance Criteria**``) is a list, as on GitHub:

    >>> normalize_source_map(["**Acceptance Criteria**", "- [x] one", "- [x] two"])[0]
    ['**Acceptance Criteria**', '', '- [x] one', '- [x] two']
    """
    if text is None or text.count("\n") != len(lines) - 1:  # (a line holding a line break is read as its lines)
        text = "\n".join(lines)
        raw = text.split("\n")
    else:
        raw = lines
    scanned = scanned_lines(text)  # the parse has just scanned this text: its fenced lines are known
    fence = scanned.fence if scanned is not None else [st != OUTSIDE for st in fence_states(raw)]
    front = _FRONT_MATTER_RE.match(text)  # still there for Python-Markdown's meta extension: YAML, not Markdown
    skip = front.group(0).count("\n") if front else 0
    # What changes: a blank line inserted before a line (it stands for that line), a nested item indented deeper.
    inserts: list[int] = []
    deeper: dict[int, str] = {}
    prev_label = prev_para = in_list = in_table = False
    list_start = _LIST_START_RE.match
    for i, text in enumerate(raw):
        if fence[i] or i < skip:  # fenced code (fence lines included), front matter: kept as it is
            prev_label = prev_para = in_table = False
            continue
        if not text:
            prev_label = prev_para = in_table = False  # a blank line (below: of spaces)
            continue
        # What a line can be is read from its first character: only what that allows is asked.
        c0 = text[0]
        if c0 in _PLAIN or (":" not in text and c0.isalpha()):
            # A line that starts as no label, list item, table row, heading, quote or indented line does, or with a
            # letter and without a colon (a label's): nothing is inserted before it, and a paragraph line it is.
            prev_label, prev_para, in_list = False, True, False
            continue
        if c0 == "#" or c0 == "|":
            # A heading (or a "#" paragraph) or a table row: no label, no list item, no paragraph a label continues.
            if c0 == "#" and in_table and _ATX_HEADING_RE.match(text):
                inserts.append(i)  # a heading ends a table on GitHub (and for the parser); Python-Markdown would make it a row
                in_table = False
            in_table = in_table or c0 == "|"
            prev_label = prev_para = in_list = False
            continue
        if (c0 == "-" or c0 == "+") and not in_table:
            # A list item (``- item``), or a paragraph line starting so (``-->``, ``--flag``): no label.
            is_list = (text[1:2] == " " and bool(text[2:3].strip())) or bool(_LIST_START_RE.match(text))
            if (prev_label and is_list) or (is_list and prev_para and not in_list and _TASK_START_RE.match(text)):
                inserts.append(i)
            prev_label, prev_para, in_list = False, not is_list, is_list
            continue
        if c0 == "*" and text[1:2] == "*":
            # ``**Status**: done``, ``**Acceptance Criteria**``: a label or a paragraph line, no list item, no row, no heading.
            is_label = not in_table and ":" in text and label_parts(text) is not None
            if is_label and (prev_label or prev_para):
                inserts.append(i)
            prev_label, prev_para, in_list = is_label, True, False
            continue
        if in_list and not in_table and text[:2] == "  " and (nested := _NESTED_ITEM_RE.match(text)) is not None:
            # A nested item (``   - detail`` under ``1. **Task**``): made deeper; a list item, so no paragraph line.
            is_label = ":" in text and text.lstrip()[:1] not in NOT_LABEL_START and label_parts(text) is not None
            if prev_label or (is_label and prev_para):
                inserts.append(i)
            deeper[i] = " " * (4 - len(nested.group(1))) + text
            prev_label, prev_para = is_label, False  # (still in the list)
            continue
        if not text.strip():
            # A blank line: no label, no list item, nothing inserted before it; it ends a table and a paragraph.
            prev_label = prev_para = in_table = False
            continue
        # the first character that is not a space, and the same within the first 4 characters (a list marker's place)
        lead, head = (text.lstrip()[:1], text[:4].lstrip()[:1]) if c0.isspace() else (c0, c0)
        if in_table and "#" in text[:4] and _ATX_HEADING_RE.match(text):
            # A heading ends a table on GitHub (and for the parser); Python-Markdown would make it a row.
            inserts.append(i)
            in_table = False
        in_table = in_table or lead == "|"
        # A label line has a colon; a list item starts with a marker or a digit after at most 3 spaces.
        is_label = not in_table and ":" in text and lead not in NOT_LABEL_START and label_parts(text) is not None
        # (a nested item is a list item: the expression for it implies _LIST_START_RE's)
        nested = _NESTED_ITEM_RE.match(text) if in_list and text[:2] == "  " else None
        if in_table or not (head in _LIST_MARKS or head.isdigit()):
            is_list = False
        elif nested is not None:
            is_list = True
        elif c0 in _LIST_MARKS and text[1:2] == " " and text[2:3].strip():
            is_list = True  # ``- item``: what _LIST_START_RE would say
        elif c0 in _LIST_MARKS and not text[1:2].isspace():
            is_list = False  # ``**Status**:``, ``*emphasis*``: no space after the mark, as _LIST_START_RE would say
        else:
            is_list = bool(list_start(text))
        # ``**Acceptance Criteria**`` / ``- [x] ...`` with no blank line: a list on GitHub, and boxes the parser counts;
        # Python-Markdown would make them the paragraph's text, so the page would show none of what the card counts
        task = is_list and prev_para and not in_list and bool(_TASK_START_RE.match(text))
        if (prev_label and (is_label or is_list)) or (is_label and prev_para) or task:
            inserts.append(i)
        if nested:
            # GitHub nests a list indented by 2-3 spaces under an item; Python-Markdown wants 4.
            deeper[i] = " " * (4 - len(nested.group(1))) + text
        in_list = is_list or (in_list and c0 in (" ", "\t"))  # (a nested item made deeper starts with a space still)
        prev_label = is_label
        # A plain paragraph line that a label line must not continue lazily.
        prev_para = not is_list and c0 not in _NOT_PARA
    if deeper:
        raw = list(raw)  # (the caller's list stays as it is)
        for i, t in deeper.items():
            raw[i] = t
    if not inserts:
        return list(raw), list(range(len(raw)))
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for i in inserts:  # in order; one line gets one blank line at most
        out += raw[at:i]
        out.append("")
        origin += range(at, i)
        origin.append(i)
        at = i
    out += raw[at:]
    origin += range(at, len(raw))
    return out, origin


class _Step(Preprocessor):
    def __init__(self, md: Markdown, ext: MilestonesExtension) -> None:
        super().__init__(md)
        self.ext = ext


class ContextPreprocessor(_Step):
    """Asks the host which page this is (once per conversion) and clears the previous results."""

    def run(self, lines: list[str]) -> list[str]:
        self.ext._today = None  # read again for this conversion (a build may outlast a day: mkdocs serve)
        reset_results(self.md, self.ext.page_context(self.md))
        return lines


class RepairPreprocessor(_Step):
    """Repairs mojibake in the whole source, code blocks included (the diagrams live there), within
    the ``fix_mojibake`` scope: milestone pages and roadmap documents (the default), or every page."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        ctx = context_of(self.md)
        meta = dict(ctx.meta) if ctx.meta is not None else None
        scope = self.ext.getConfig("fix_mojibake")
        fixed, repairs = self.ext.cache.get("repair", digest(scope, repr(meta), text),
                                            lambda: in_scope_repaired(text, scope, meta))
        if not repairs:
            return lines
        file = ctx.file or "<markdown>"
        for r in repairs:
            log.debug("%s:%d: repaired mojibake %r -> %r", file, r.line + ctx.line_offset, r.original, r.fixed)
        if self.ext.getConfig("report"):
            log.info("%s: repaired %d mojibake sequence%s", file, len(repairs), "" if len(repairs) == 1 else "s")
        return fixed.split("\n")


class ParsePreprocessor(_Step):
    """The page's one parse: the text as converted, after every earlier preprocessor; then normalises it."""

    def run(self, lines: list[str]) -> list[str]:
        with held_collections():
            return self._run(lines)

    def _run(self, lines: list[str]) -> list[str]:
        md: Any = self.md
        ctx = context_of(md)
        text = "\n".join(lines)
        md.milestone_source = text
        reused = ctx.parsed is not None and ctx.parsed[0] == text
        text_key: bytes | None = None  # digest(text), hashed once for the parse's key and the normaliser's
        try:
            if reused:
                assert ctx.parsed is not None
                ms = ctx.parsed[1]
            else:
                meta = dict(ctx.meta) if ctx.meta is not None else None
                # Keyed by everything the parse reads: an unchanged page reuses the last build's (serve).
                text_key = digest(text)
                key = digest(text_key, ctx.file, ctx.first_line, repr(meta), repr(ctx.meta_lines))
                # The parser's cheap test first: most pages of a site are not milestones.
                if self.ext.cache.get("detect", key, lambda: is_milestone_source(text, meta)):
                    ms = self.ext.cache.get("parse", key, lambda: parse_milestone(
                        text, file=ctx.file, meta=meta, first_line=ctx.first_line, meta_lines=ctx.meta_lines))
                else:
                    ms = None
            if ms is None:
                # A roadmap document (``.planning/ROADMAP.md``, ``## Milestone ...`` sections): its milestones
                # join the site; the page is left as written, but for an anchor on each milestone.
                found = [] if reused else parse_roadmap(text, file=ctx.file, meta=meta, first_line=ctx.first_line)
                if found:
                    md.milestones = found
                    for m in found:
                        md.milestone_diagnostics.extend(m.diagnostics)
                        if ctx.report:
                            self.ext.report(m.diagnostics)
                return lines
            normalized, origin = self.ext.cache.get("normalize", text_key or digest(text), lambda: normalize_source_map(lines, text))
            normalized, md.ms_line_origin = list(normalized), list(origin)
        except Exception as err:  # noqa: BLE001 - one broken page must not stop a site build
            self.ext.internal_error(md, err)
            return lines
        md.milestones = [ms]
        md.milestone = ms
        md.milestone_diagnostics.extend(ms.diagnostics)
        if not reused and ctx.report:
            self.ext.report(ms.diagnostics)
        return normalized


class MarkerPreprocessor(_Step):
    """Replaces ``<!-- milestones ... -->`` markers with the (filtered) roadmap, as raw HTML blocks."""

    def run(self, lines: list[str]) -> list[str]:
        md: Any = self.md
        text = "\n".join(lines)
        if "<!--" not in text or "milestones" not in text:
            return lines
        ctx = context_of(md)
        markers = find_markers(text, ctx.first_line)
        if not markers:
            # A page holding a roadmap written by `mkdocs-milestones roadmap` needs the stylesheet too.
            md.milestone_roadmap = 'class="ms-roadmap"' in text
            return lines
        md.milestone_markers = len(markers)
        if ctx.defer_markers:
            return lines  # the host converts this page again once every milestone is known
        entries = ctx.roadmap() if ctx.roadmap is not None else None
        if entries is None:
            log.warning(
                "%s: a milestones marker needs the list of milestones: use the MkDocs plugin, or a host that "
                "exposes the docs folder (Zensical), or run `mkdocs-milestones roadmap` before the build",
                ctx.file or "<markdown>",
            )
            return lines
        expanded, diagnostics = expand_markers(
            text, entries, page_url=ctx.url, file=ctx.file, first_line=ctx.first_line, block=md.htmlStash.store,
            history=ctx.history, today=self.ext.today())
        origin: list[int] | None = md.ms_line_origin
        if origin:
            # Lines were inserted on milestone pages (normalize_source_map): report the author's line.
            first = ctx.first_line
            diagnostics = [
                dataclasses.replace(d, line=first + origin[d.line - first]) if 0 <= d.line - first < len(origin) else d
                for d in diagnostics
            ]
        md.milestone_diagnostics.extend(diagnostics)
        if ctx.report:
            self.ext.report(diagnostics)
        md.milestone_roadmap = True
        return expanded.split("\n")
