# SPDX-License-Identifier: MIT
"""A list item whose open box its author says does not apply (``- [ ] API docs (N/A)``): the parser drops it
from the count as it drops ``[-]``, so the page shows it dropped too (no box, the words kept)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from ..parser import box_status_of

__all__ = ["drop_not_applicable"]

_STASH_RE = re.compile("^\x02wzxhzdk:(\\d+)\x03")
"""Python-Markdown's placeholder for stashed raw HTML (pymdownx.tasklist's checkbox) at the start of a list item."""


def drop_not_applicable(md: Any, lst: etree.Element, li: etree.Element, holder: etree.Element, text: str, cm: re.Match[str] | None) -> bool:
    """Render ``li`` dropped when its open box is one its author says does not apply; True when it did.

    ``holder`` is the element holding the item's text (the ``li`` or its first ``p``), ``text`` that text and
    ``cm`` the match of a ``[ ]`` marker at its start (None when pymdownx.tasklist has made the box already:
    its checkbox is stashed HTML then)."""
    if cm is not None:
        if cm.group("mark") != " " or box_status_of(" ", text[cm.end():] + "".join(_inline_text(holder))) != "cancelled":
            return False
        holder.text = text[cm.end():].lstrip(" ")
        li.set("class", "ms-check ms-check-dropped")
        lst.set("class", "ms-checklist")
        return True
    stashed = _STASH_RE.match(text)
    if stashed is None or "task-list-item" not in li.get("class", ""):
        return False
    html = str(md.htmlStash.rawHtmlBlocks[int(stashed.group(1))])
    rest = text[stashed.end():]
    if "checkbox" not in html or "checked" in html or box_status_of(" ", rest + "".join(_inline_text(holder))) != "cancelled":
        return False
    holder.text = rest.lstrip(" ")
    li.set("class", li.get("class", "") + " ms-check ms-check-dropped")
    return True


def _inline_text(holder: etree.Element) -> list[str]:
    """The text of a list item's inline children and their tails (``*(N/A)*``), not of a nested list."""
    out: list[str] = []
    for child in holder:
        if child.tag in ("ul", "ol", "p", "div"):
            break
        out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return out
