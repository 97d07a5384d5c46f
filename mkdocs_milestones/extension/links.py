# SPDX-License-Identifier: MIT
"""After inline processing: the issue references the parser kept, linked where the page shows them.

The parser decided which references the milestone holds (:func:`~mkdocs_milestones.links.scan_refs`);
here each is found among the page's text nodes outside links, code and headings
(:func:`~mkdocs_milestones.links.ref_spans`, the same rule for where one starts and ends), and becomes
``<a class="ms-issue" href="URL">#123</a>`` with the URL the export lists. A text the parser did not keep
(in an HTML block, say) is left alone; a link another extension made (magiclink's ``#123``) is never
linked again. Headings hold no reference of the milestone (the export lists none from them), so on a milestone
page magiclink's issue links inside headings become their text again (:func:`_unlink_headings`): with magiclink
on too, the page links exactly what ``milestones.json`` lists (magiclink's own wording of the text is kept).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter
from typing import Any

from markdown.treeprocessors import Treeprocessor

from ..links import LinkRules, ref_spans
from ..model import IssueRef
from ..render import html as h

__all__ = ["LinkTreeprocessor"]

_NO_TEXT = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "svg", "textarea",
                      "h1", "h2", "h3", "h4", "h5", "h6"})
"""Elements whose text holds no reference: links (ours, magiclink's, the author's), code, headings (toc's ids)."""
_NO_START = frozenset({"del", "s", "ins", "mark", "sub", "sup", "u", "small", "abbr"})
"""Inline elements whose first character follows a mark a reference cannot follow (``~~``, ``==``, ``^``)."""
_EMPHASIS = frozenset({"strong", "em", "b", "i"})
"""Elements after which a reference may start (``**bold**#12``: the parser sees ``*`` before it)."""


class LinkTreeprocessor(Treeprocessor):
    """Links each issue reference of the page's milestones that the rules give a URL."""

    def __init__(self, md: Any, rules: LinkRules) -> None:
        super().__init__(md)
        self.rules = rules

    def run(self, root: etree.Element) -> None:
        # Milestone pages only: a roadmap document is left as written (its milestones' anchors aside).
        ms = getattr(self.md, "milestone", None)
        if ms is None:
            return
        if any("magic" in item.name for item in self.md.inlinePatterns._priority):  # noqa: SLF001 - names only
            _unlink_headings(root)  # only magiclink makes issue links of its own
        pending = [(r, url) for r, url in self.rules.links(ms.refs) if h.safe_url(url)]
        if pending:
            _Linker(pending).element(root, start=True)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _unlink_headings(root: etree.Element) -> None:
    """Magiclink's issue links inside headings become the text they show."""
    for head in [el for el in root.iter() if el.tag in _HEADINGS]:
        for parent in [head, *head.iter()]:
            for n, a in reversed(list(enumerate(parent))):
                if a.tag != "a" or "magiclink-issue" not in (a.get("class") or "").split():
                    continue
                text = "".join(a.itertext()) + (a.tail or "")
                parent.remove(a)
                if n:
                    parent[n - 1].tail = (parent[n - 1].tail or "") + text
                else:
                    parent.text = (parent.text or "") + text


class _Linker:
    """Finds the model's references among the page's texts: each reference of the model links one occurrence
    of its text, the first the page shows (a field the card repeats, say, comes before the body's copy)."""

    def __init__(self, pending: list[tuple[IssueRef, str]]) -> None:
        self.left = Counter(r.text for r, _ in pending)
        self.url = {r.text: url for r, url in pending}  # the URL is the text's: the same text, the same issue

    def element(self, el: etree.Element, *, start: bool) -> None:
        if el.text:
            links = self.links(el.text, start)
            if links:
                el.text = links[0]
                for n, a in enumerate(links[1:]):
                    el.insert(n, a)  # type: ignore[arg-type]
        for child in list(el):
            if child.tag not in _NO_TEXT:
                self.element(child, start=child.tag not in _NO_START)
            if child.tail and self.left.total():
                links = self.links(child.tail, child.tag in _EMPHASIS)
                if links:
                    child.tail = links[0]
                    at = list(el).index(child) + 1
                    for n, a in enumerate(links[1:]):
                        el.insert(at + n, a)  # type: ignore[arg-type]

    def links(self, text: str, start: bool) -> list[Any]:
        """``[text before, a, a, ...]`` (each ``a`` with the text after it as tail), or ``[]`` when nothing links."""
        out: list[Any] = []
        pos = 0
        for at, ref in ref_spans(text, after_boundary=start):
            if not self.left[ref.text]:
                continue
            self.left[ref.text] -= 1
            if not out:
                out.append(text[:at])
            else:
                out[-1].tail = text[pos:at]
            a = etree.Element("a", {"class": "ms-issue", "href": self.url[ref.text]})
            a.text = ref.text
            out.append(a)
            pos = at + len(ref.text)
        if out:
            out[-1].tail = text[pos:]
        return out
