# SPDX-License-Identifier: MIT
"""After inline processing: script links, images and event attributes defused on milestone pages."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from ..render import html as h

__all__ = ["SanitizeTreeprocessor"]


class SanitizeTreeprocessor(Treeprocessor):
    """After inline processing: defuse script links and images on milestone pages.

    A link or image whose URL has a script scheme (``javascript:``, ``vbscript:``, ``data:``
    other than images) becomes a ``<span class="ms-unsafe-link">`` holding its text (or the
    image's alt text), so no word is lost. It stays an element without ``href``/``src`` rather
    than an ``<a>`` without one: MkDocs' link rewriter asserts that every ``<a>`` and ``<img>``
    has its URL attribute.
    """

    def run(self, root: etree.Element) -> None:
        if getattr(self.md, "milestone", None) is None:
            return
        for el in root.iter():
            tag = el.tag
            if tag == "a" or tag == "img":
                attr = "href" if tag == "a" else "src"
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
            attrib = el.attrib
            if attrib:  # most elements have none: no list to build
                for key in [k for k in attrib if k.lower().startswith("on")]:
                    del attrib[key]

