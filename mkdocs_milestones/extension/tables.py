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
        # A table at the page's top level whose cells hold plain words (links, code spans) goes in as finished HTML,
        # its badges written into it: no element of it is walked again or serialised.
        finished = self._finished_cells(table, kinds) if top else None
        if finished is None:
            for cell in table.iter():
                if cell.tag in ("th", "td") and cell.text and not len(cell):
                    cell.text = h.protect(cell.text)
        if not any(kinds):
            return None if finished is None else _html(table, finished)
        risk_lines: set[int] = cursor[3]
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
                    badge = (c.badge if kind == "status" else c.priority_badge if kind == "priority" else c.level_badge)
                    html = self._badge(badge, raw, cell_value(kind, raw))
                    if finished is not None:
                        finished[id(cell)] = html
                    else:
                        cell.text = AtomicString(self._stash_once(html))
                    continue
                cell.text = None
                if kind == "status":
                    cell.append(h.badge(raw, cell_value(kind, raw)))
                elif kind == "priority":
                    cell.append(h.priority_badge(raw, cell_value(kind, raw)))
                else:
                    cell.append(h.level_badge(raw, cell_value(kind, raw)))
        return None if finished is None else _html(table, finished)

    def _finished_cells(self, table: etree.Element, kinds: tuple[str | None, ...]) -> dict[int, str] | None:
        """``id(cell)`` -> the cell's words as finished HTML, when the table is Python-Markdown's (its tags only, block
        elements here) and every cell holds plain words, or links to pages and code spans (:mod:`.words`) outside
        the columns that get badges; else None."""
        if self.triggers is None or not self._block_tables(self.md):
            return None
        out: dict[int, str] = {}
        for el in table.iter():
            tag = el.tag
            if tag not in _TABLE_TAGS or (el.tail and el.tail.strip() and el is not table):
                return None
            if tag == "td" or tag == "th":
                if len(el):
                    return None
            elif el.text and el.text.strip():
                return None
            elif tag == "tr":
                n = 0  # the cell's place among the row's <td>s, as the badges count it
                for cell in el:
                    if cell.tag != "td" and cell.tag != "th":
                        return None
                    text = cell.text
                    badged = cell.tag == "td" and n < len(kinds) and kinds[n] is not None
                    n += cell.tag == "td"
                    if not text:
                        continue
                    if self._plain(text):
                        out[id(cell)] = c.text(text)
                        continue
                    html = None if badged else words_html(text, self._plain, self.href, self.code)
                    if html is None:
                        return None
                    out[id(cell)] = html
        return out

    @staticmethod
    def _block_tables(md: Any) -> bool:
        """Python-Markdown (its prettifier) treats every table tag as a block here: a line break after each."""
        try:
            return md.ms_block_tables  # type: ignore[no-any-return]
        except AttributeError:
            md.ms_block_tables = ok = all(md.is_block_level(t) for t in _TABLE_TAGS)
            return ok


_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tr", "th", "td"})


def _html(el: etree.Element, cells: dict[int, str]) -> str:
    """The table as Python-Markdown's prettifier and serialiser write it (attributes in name order, a line break after
    every element and after the opening tag of one that holds elements), the cells' words from ``cells``."""
    tag = el.tag
    if tag == "tr":  # most of a table: its cells written here, not one call each
        inner = "".join(f"<{c.tag}{_attrs(c) if c.attrib else ''}>{cells.get(id(c), '')}</{c.tag}>\n" for c in el)
    else:
        inner = "".join(_html(child, cells) + "\n" for child in el)
    return f"<{tag}{_attrs(el) if el.attrib else ''}>" + ("\n" + inner if inner else "") + f"</{tag}>"


def _attrs(el: etree.Element) -> str:
    return "".join(f' {k}="{c.attr(v)}"' for k, v in sorted(el.items()))
