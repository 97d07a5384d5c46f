# SPDX-License-Identifier: MIT
"""After inline processing: script links, images and event attributes defused on milestone pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from ..render import html as h

__all__ = ["SanitizeTreeprocessor"]

_EVENT_ATTR_RE = re.compile(r"on[a-z]*\s*=", re.IGNORECASE)


class SanitizeTreeprocessor(Treeprocessor):
    """After inline processing: defuse script links and images on milestone pages.

    A link or image whose URL has a script scheme (``javascript:``, ``vbscript:``, ``data:``
    other than images) becomes a ``<span class="ms-unsafe-link">`` holding its text (or the
    image's alt text), so no word is lost. It stays an element without ``href``/``src`` rather
    than an ``<a>`` without one: MkDocs' link rewriter asserts that every ``<a>`` and ``<img>``
    has its URL attribute.
    """

    def run(self, root: etree.Element) -> None:
        md = self.md
        if getattr(md, "milestone", None) is None:
            return
        for tag, attr in (("a", "href"), ("img", "src")):
            for el in root.iter(tag):
                url = el.get(attr)
                if url is not None and not (h.safe_url(url) or (tag == "img" and h.safe_image_src(url))):
                    alt = el.get("alt") if tag == "img" else None
                    title = el.get("title")
                    el.attrib.clear()
                    el.tag = "span"
                    el.set("class", "ms-unsafe-link")
                    if title:
                        el.set("title", title)
                    if alt:
                        el.text = alt
        # An event attribute can only come from the text (``md_in_html``, an extension's syntax): when the
        # text the page was parsed from has no ``on...=``, no element has one and the walk is skipped.
        source = getattr(md, "milestone_source", None)
        if source is not None and ("=" not in source or not _EVENT_ATTR_RE.search(source)):
            return  # (no "=": the case-blind pattern's scan of the whole text is not needed to know it finds nothing)
        for el in root.iter():
            attrib = el.attrib
            if attrib:  # most elements have none: no list to build
                for key in [k for k in attrib if k.lower().startswith("on")]:
                    del attrib[key]
