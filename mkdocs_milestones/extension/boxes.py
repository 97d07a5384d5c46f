# SPDX-License-Identifier: MIT
"""A list item whose open box its author says does not apply (``- [ ] API docs (N/A)``): the parser drops it
from the count as it drops ``[-]``, so the page shows it dropped too (no box, the words kept)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from ..parser import box_status, box_status_of
from ..render import chrome as c, html as h
from ..vocabulary import LEGEND_LEAD, is_legend_item, normalize_status

__all__ = ["decorate_list", "drop_not_applicable"]

_CHECKBOX_RE = re.compile(r"^\[(?P<mark>[ xX/~\-]|[A-Za-z][A-Za-z _\-]{1,14})\][ \t]+")
_LEGEND_RE = re.compile(r"^(?P<word>.*?)(?P<sep>\s+[-\u2013\u2014:]\s+)(?P<rest>.*)$", re.DOTALL)
_MAY_DECORATE = frozenset("[\x02")
"""What an item's text starts with when it may hold a box: ``[`` (a marker) or the stash's placeholder (pymdownx.tasklist's box)."""
_STASH_RE = re.compile("^\x02wzxhzdk:(\\d+)\x03")
"""Python-Markdown's placeholder for stashed raw HTML (pymdownx.tasklist's checkbox) at the start of a list item."""


def drop_not_applicable(md: Any, lst: etree.Element, li: etree.Element, holder: etree.Element, text: str, cm: re.Match[str] | None) -> bool:
    """Render ``li`` dropped when its open box is one its author says does not apply; True when it did.

    ``holder`` is the element holding the item's text (the ``li`` or its first ``p``), ``text`` that text and
    ``cm`` the match of a ``[ ]`` marker at its start (None when pymdownx.tasklist has made the box already:
    its checkbox is stashed HTML then)."""
    if cm is not None:
        if cm.group("mark") != " " or box_status_of(" ", _first_line(text[cm.end():] + "".join(_inline_text(holder)))) != "cancelled":
            return False
        holder.text = text[cm.end():].lstrip(" ")
        li.set("class", "ms-check ms-check-dropped ms-check-na")
        lst.set("class", "ms-checklist")
        return True
    stashed = _STASH_RE.match(text)
    if stashed is None or "task-list-item" not in li.get("class", ""):
        return False
    html = str(md.htmlStash.rawHtmlBlocks[int(stashed.group(1))])
    rest = text[stashed.end():]
    if "checkbox" not in html or "checked" in html or box_status_of(" ", _first_line(rest + "".join(_inline_text(holder)))) != "cancelled":
        return False
    holder.text = rest.lstrip(" ")
    li.set("class", li.get("class", "") + " ms-check ms-check-dropped ms-check-na")
    return True


def _first_line(text: str) -> str:
    """The item's first line: what the parser reads (``- [ ] Excel`` / ``(N/A)`` on a lazy continuation line is open)."""
    return text.split("\n", 1)[0]


def _inline_text(holder: etree.Element) -> list[str]:
    """The text of a list item's inline children and their tails (``*(N/A)*``), not of a nested list."""
    out: list[str] = []
    for child in holder:
        if child.tag in ("ul", "ol", "p", "div"):
            break
        out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return out


def _box(md: Any, status: str, mark: str) -> str:
    """The disabled checkbox as finished HTML, as Python-Markdown would write the ``<input>`` element."""
    key = (status, mark, md.output_format == "xhtml")
    html = _BOXES.get(key)
    if html is None:
        if len(_BOXES) >= 256:  # an author's own markers are words: stay small whatever they are
            _BOXES.clear()
        html = _BOXES[key] = _box_html(*key)
    return html


_BOXES: dict[tuple[str, str, bool], str] = {}
""":func:`_box` by its three inputs (a few statuses and marks: the same strings on every page)."""


def _box_html(status: str, mark: str, xhtml: bool) -> str:
    attrs = ' checked="checked"' if status == "done" else ""
    attrs += f' data-status="{c.attr(status)}"' if mark not in " xX" else ""
    return f'<input{attrs} disabled="disabled" type="checkbox"' + (" />" if xhtml else ">")


def decorate_list(md: Any, lst: etree.Element, plain: Callable[[str], bool] | None = None,
                  store: Callable[[str], str] | None = None) -> None:
    """A list of a milestone page as the parser reads it: boxes for counted markers (an author's own marker
    as a badge beside its box, a dropped task as a badge only), or a status legend as badges.

    The box (and an author's marker when ``plain`` says its words come out as they are) goes in as finished
    HTML through the stash (``store``, else ``md.htmlStash.store``), in front of the item's words, which stay
    Markdown (issue 17)."""
    store = store or md.htmlStash.store
    tasklist: bool | None = None
    ul = lst.tag == "ul"
    for li in lst:
        if li.tag != "li":
            continue
        holder = li[0] if len(li) and li[0].tag == "p" and not (li.text or "").strip() else li
        text = holder.text or ""
        first = text[:1]
        if first not in _MAY_DECORATE and (not ul or (first not in LEGEND_LEAD and not first.isspace()) or not is_legend_item(text)):
            continue  # most items: words first (no box, no stashed box, no legend)
        if tasklist is None:
            tasklist = "tasklist" in md.treeprocessors
        cm = _CHECKBOX_RE.match(text)
        mark = cm.group("mark") if cm else ""
        status = box_status(mark) if cm else None
        if (cm is None or mark == " ") and drop_not_applicable(md, lst, li, holder, text, cm):
            continue  # ``- [ ] API docs (N/A)``: dropped as the parser reads it (not counted), so no box; the words stay
        if status is not None and not (tasklist and mark in " xX"):
            # What the parser counts is what the page shows: a counted marker is a box (ticked when done),
            # an author's own marker (``[WIP]``, ``[~]``) keeps its words as a badge beside it, and a
            # dropped task (``[-]``), which is not counted, is a badge only.
            rest = " " + text[cm.end():]
            if plain is not None and (mark in " xX" or plain(mark)):
                raw = _box(md, status, mark) if status != "cancelled" else ""
                if mark not in " xX":
                    label = c.badge(mark, status).replace('class="ms-badge ms-status"', 'class="ms-badge ms-status ms-task-mark"', 1)
                    raw += (" " if raw else "") + label
                holder.text = store(raw) + rest
                li.set("class", "ms-check" + (" ms-check-dropped" if status == "cancelled" else ""))
                lst.set("class", "ms-checklist")
                continue
            holder.text = None
            at = 0
            if status != "cancelled":
                attrs = {"type": "checkbox", "disabled": "disabled"}
                if mark not in " xX":
                    attrs["data-status"] = status
                if status == "done":
                    attrs["checked"] = "checked"
                box = etree.Element("input", attrs)
                box.tail = " "
                holder.insert(at, box)
                at += 1
            if mark not in " xX":
                label = h.badge(mark, status)
                label.set("class", label.get("class", "") + " ms-task-mark")
                holder.insert(at, label)
                label.tail = rest
            else:
                box.tail = rest
            li.set("class", "ms-check" + (" ms-check-dropped" if status == "cancelled" else ""))
            lst.set("class", "ms-checklist")
        elif lst.tag == "ul" and is_legend_item(text):  # ``✅ Laravel 12 running`` is no legend
            lm = _LEGEND_RE.match(text)
            word, sep, rest = (lm.group("word"), lm.group("sep"), lm.group("rest")) if lm else (text, "", "")
            holder.text = None
            b = h.badge(word, normalize_status(word))
            b.tail = sep + rest
            holder.insert(0, b)
            lst.set("class", "ms-legend")
