# SPDX-License-Identifier: MIT
"""A milestone page's tables: badges in the columns the parser gave a kind, the rows of phases and risks marked.

The badge goes in as finished HTML through the stash when its words are plain (:meth:`RenderTreeprocessor._plain`),
one stash entry per distinct badge on the page (:meth:`RenderTreeprocessor._stash_once`); else it is built as an
element. The page is the same string either way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markdown.util import AtomicString

from ..model import Phase, Table
from ..parser import cell_value as _cell_value
from ..render import chrome as c, html as h
from .words import words_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown import Markdown

__all__ = ["TableRenderer"]

cell_value = lru_cache(maxsize=4096)(_cell_value)
"""A cell's reading is a pure function of its words, which repeat from row to row and page to page."""


class TableRenderer:
    """The tables part of :class:`~.render.RenderTreeprocessor`."""

    md: Markdown
    triggers: re.Pattern[str] | None
    href: Callable[[str], str] | None
    code: bool

    if TYPE_CHECKING:
        def _plain(self, *texts: str) -> bool: ...

        def _badge(self, make: Callable[[str, str | None], str], words: str, canon: str | None) -> str: ...

        def _stash_once(self, html: str) -> str: ...

    def _table(self, table: etree.Element, cursor: list[Any], top: bool = False) -> str | None:
        """Badges in the columns the parser gave a kind (status, priority, likelihood, impact).

        A likelihood or impact cell is badged only on a row that is one of the model's risks (by its
        source line): a table that merely looks like a risk table (under a phase, in an admonition) shows
        no risk badges, as the export lists no risk for it.
        """
        # Python-Markdown keeps ``\|`` in a cell's text until the inline pass; the parser's header has ``|``.
        header = tuple((th.text or "").replace("\\|", "|").strip() for th in table.iter("th"))
        kinds: tuple[str | None, ...] = ()
        model: list[Table] = cursor[0]
        lines: dict[int, int] = {}  # id(tr) -> source line of the row
        for j in range(cursor[1], len(model)):  # the model's next table with this header
            if model[j].header == header:
                kinds = model[j].kinds
                cursor[1] = j + 1
                row_phases: dict[int, Phase] = cursor[2]
                body = [tr for tr in table.iter("tr") if any(c.tag == "td" for c in tr)]
                for n, tr in enumerate(body):  # a pipe table's rows are consecutive lines after the delimiter row
                    lines[id(tr)] = model[j].line + 2 + n
                    phase = row_phases.get(lines[id(tr)])
                    if phase is not None:
                        tr.set("data-phase", phase.id)
                        tr.set("data-status", phase.status or "unknown")
                break
        risk_lines: set[int] = cursor[3]
        # A table at the page's top level whose cells hold plain words (links, code spans) goes in as finished HTML,
        # its badges written into it: no element of it is walked again or serialised.
        finished = self._finished(table, kinds, lines, risk_lines) if top else None
        if finished is not None:
            return finished
        for cell in table.iter():
            if cell.tag in ("th", "td") and cell.text and not len(cell):
                cell.text = h.protect(cell.text)
        if not any(kinds):
            return None
        for tr in table.iter("tr"):
            cells = [c for c in tr if c.tag == "td"]
            is_risk = lines.get(id(tr)) in risk_lines
            for idx, kind in enumerate(kinds):
                if kind is None or idx >= len(cells) or len(cells[idx]) or not (cells[idx].text or "").strip():
                    continue
                if kind in ("likelihood", "impact") and not is_risk:
                    continue
                cell = cells[idx]
                raw = (cell.text or "").replace("&lt;", "<")
                if self._plain(raw):  # the badge as finished HTML
                    cell.text = AtomicString(self._stash_once(self._badge(_BADGES.get(kind, c.level_badge), raw, cell_value(kind, raw))))
                    continue
                cell.text = None
                if kind == "status":
                    cell.append(h.badge(raw, cell_value(kind, raw)))
                elif kind == "priority":
                    cell.append(h.priority_badge(raw, cell_value(kind, raw)))
                else:
                    cell.append(h.level_badge(raw, cell_value(kind, raw)))
        return None

    def _finished(self, table: etree.Element, kinds: tuple[str | None, ...], lines: dict[int, int], risks: set[int]) -> str | None:
        """The table as Python-Markdown's prettifier and serialiser would write it once decorated (attributes in name
        order, a line break after each element and after the opening tag of one that holds elements), when it is
        Python-Markdown's (``<thead>``/``<tbody>`` of rows of cells, block elements here) and every cell holds plain
        words, or links to pages and code spans (:mod:`.words`) where no badge goes; else None."""
        triggers = self.triggers
        if triggers is None or not self._block_tables(self.md) or (table.text and table.text.strip()):
            return None
        search, refs = triggers.search, self.refs
        parts = []
        for part in table:
            tag = part.tag
            if (tag != "thead" and tag != "tbody") or _text_in(part):
                return None
            rows = []
            for tr in part:
                if tr.tag != "tr" or _text_in(tr):
                    return None
                is_risk = lines.get(id(tr)) in risks
                cells, n = [], 0
                for cell in tr:
                    tag, text, kind = cell.tag, cell.text, None
                    if (tag != "td" and tag != "th") or len(cell) or (cell.tail and cell.tail.strip()):
                        return None
                    if tag == "td":  # badges go by the cell's place among the row's <td>s
                        kind = kinds[n] if n < len(kinds) else None
                        n += 1
                        if kind is not None and (not text or not text.strip() or (kind in _RISK and not is_risk)):
                            kind = None
                    if not text:
                        html = ""
                    elif not search(text) and not (refs and any(r in text for r in refs)):
                        html = c.text(text) if kind is None else self._badge(_BADGES.get(kind, c.level_badge), text, cell_value(kind, text))
                    else:
                        found = None if kind is not None else words_html(text, self._plain, self.href, self.code)
                        if found is None:
                            return None
                        html = found
                    cells.append(f"<{tag}{_attrs(cell) if cell.attrib else ''}>{html}</{tag}>\n")
                rows.append(f"<tr{_attrs(tr) if tr.attrib else ''}>" + ("\n" + "".join(cells) if cells else "") + "</tr>\n")
            parts.append(f"<{part.tag}{_attrs(part) if part.attrib else ''}>" + ("\n" + "".join(rows) if rows else "")
                         + f"</{part.tag}>\n")
        return f"<table{_attrs(table) if table.attrib else ''}>" + ("\n" + "".join(parts) if parts else "") + "</table>"

    @staticmethod
    def _block_tables(md: Any) -> bool:
        """Python-Markdown (its prettifier) treats every table tag as a block here: a line break after each."""
        try:
            return md.ms_block_tables  # type: ignore[no-any-return]
        except AttributeError:
            md.ms_block_tables = ok = all(md.is_block_level(t) for t in _TABLE_TAGS)
            return ok


_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tr", "th", "td"})


_RISK = ("likelihood", "impact")
_BADGES: dict[str, Callable[[str, str | None], str]] = {
    "status": c.badge, "priority": c.priority_badge, "likelihood": c.level_badge, "impact": c.level_badge}


def _text_in(el: etree.Element) -> bool:
    """Words in an element that holds only elements, or after it."""
    return bool((el.text and el.text.strip()) or (el.tail and el.tail.strip()))


def _attrs(el: etree.Element) -> str:
    return "".join(f' {k}="{c.attr(v)}"' for k, v in sorted(el.items()))
