# SPDX-License-Identifier: MIT
"""A milestone page's phases: each heading and the body under it become a collapsible ``<details>``.

The summary line holds the heading (a real element: toc reads it) and the phase's badges. When the phase's
status words are plain (:meth:`RenderTreeprocessor._plain`), ``<details>``, ``<summary>``, the badges and the
body's ``<div>`` go in as finished HTML through the stash around the heading and the body, which stay where
they are in the tree (issue 17); otherwise they are built as elements. The page is the same string either way.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from datetime import date
from typing import TYPE_CHECKING, Any

from markdown.util import AtomicString

from ..model import Milestone, Phase
from ..parser import split_attr_list
from ..render import chrome as c, html as h
from .plain import no_markdown_in_generated as _no_markdown_in_generated

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown import Markdown

    from . import MilestonesExtension

__all__ = ["PhaseRenderer"]

_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _same_heading(model: str, shown: str | None) -> bool:
    """The parser's heading text and Python-Markdown's are the same words (closing ``#`` aside)."""
    return model.rstrip("#").strip() == (shown or "").rstrip("#").strip()


class PhaseRenderer:
    """The phases part of :class:`~.render.RenderTreeprocessor`."""

    md: Markdown
    ext: MilestonesExtension
    skip: tuple[str, str] | None
    day: date | None
    open_phases: str
    tails: dict[int, int]
    blocks: dict[int, int]
    opens: dict[int, int]
    hr: str | None
    """``<hr />`` as the page's serialiser writes it (None: a serialiser we do not know)."""
    """``id(el)`` -> stash index: an element whose text ends with the next phase's opening (``"\\n" + placeholder``)."""

    if TYPE_CHECKING:
        def _plain(self, *texts: str) -> bool: ...

        def _raw(self, html: str, p: etree.Element | None = None) -> etree.Element: ...

        def _badge(self, make: Callable[[str, str | None], str], words: str, canon: str | None) -> str: ...

    def _phases(self, root: etree.Element, ms: Milestone, h1: etree.Element | None, chrome: list[etree.Element] | None = None) -> None:
        children = list(root)
        found: list[tuple[int, Phase]] = []  # (index in children, phase), in page order
        k = 0
        for i, el in enumerate(children):
            if el.tag not in _HEADING_TAGS or el is h1 or len(el):
                continue
            level = int(el.tag[1])
            for j in range(k, len(ms.phases)):
                ph = ms.phases[j]
                if ph.heading is not None and ph.heading_level == level and _same_heading(ph.heading.text, el.text):
                    found.append((i, ph))
                    k = j + 1
                    break
        # From the last phase to the first: what goes in for one phase moves no element of an earlier one.
        anchors = self._anchor_ids()
        for n in range(len(found) - 1, -1, -1):
            i, phase = found[n]
            level = phase.heading_level
            end = found[n + 1][0] if n + 1 < len(found) else len(children)
            j = i + 1
            while j < end and not (children[j].tag in _HEADING_TAGS and int(children[j].tag[1]) <= level):
                j += 1
            body = children[i + 1:j]
            while body and body[-1].tag == "hr":
                body.pop()
            heading = children[i]
            if self._plain(phase.status_text):
                anchor = self._phase_flat(root, i, heading, phase, body)
                if anchors is not None:
                    anchors.add(anchor)
                continue
            del root[i:i + 1 + len(body)]
            last = body[-1] if body else heading
            details = self._phase_details(heading, phase, body)
            if id(last) in self.opens:  # the next phase's opening, in the text after the phase's last element
                details.tail, last.tail = last.tail, None
            root.insert(i, details)
            if chrome is not None:
                chrome.append(details)

    def _anchor_ids(self) -> set[str] | None:
        """MkDocs' set of the page's anchors (its ``mkdocs_extract_anchors`` tree processor reads the ids of the
        tree's elements): a phase drawn as finished HTML tells it its id, so links to ``page.md#phase-1`` check."""
        md: Any = self.md
        proc = md.treeprocessors["mkdocs_extract_anchors"] if "mkdocs_extract_anchors" in md.treeprocessors else None
        ids = getattr(proc, "present_anchor_ids", None)
        return ids if isinstance(ids, set) else None

    def _phase_attrs(self, phase: Phase) -> dict[str, str]:
        """The ``<details>`` attributes of a phase."""
        status = phase.status
        shown = status or "unknown" if phase.status_text or phase.status_inferred else "unknown"  # an inferred status is the phase's too
        attrs = {"class": "ms-phase", "data-phase": phase.id, "data-status": shown, "id": phase.anchor}
        mode = self.open_phases
        if mode == "all" or (mode == "in-progress" and status == "in-progress"):
            attrs["open"] = "open"
        return attrs

    def _phase_heading(self, heading: etree.Element, phase: Phase) -> None:
        """The phase's heading: number, title and estimate as spans (the author's words, still Markdown; plain ones
        skip the inline pass with the rest of the page's plain text, :class:`.plain.PlainTextTreeprocessor`)."""
        assert phase.heading is not None
        rest, _ = split_attr_list(phase.heading.text)
        attrs = phase.heading.text[len(rest):].strip()
        if attrs:  # ``{ #first .x }`` (attr_list): the id is the phase's (on <details>), the rest the heading's
            for a in attrs.strip("{}: ").split():
                if a.startswith("."):
                    heading.set("class", (heading.get("class", "") + " " + a[1:]).strip())
                elif "=" in a and not a.startswith("#"):
                    k, _, v = a.partition("=")
                    if not k.lower().startswith("on"):
                        heading.set(k, v.strip("\"'"))
        heading.text = None
        num = etree.SubElement(heading, "span", {"class": "ms-phase-num"})
        num.text = h.protect(phase.heading.number)
        num.tail = AtomicString(phase.heading.separator)  # punctuation and spaces only
        title = etree.SubElement(heading, "span", {"class": "ms-phase-title"})
        title.text = h.protect(phase.heading.title)
        if phase.heading.estimate:
            title.tail = AtomicString(" ")
            estimate = etree.SubElement(heading, "span", {"class": "ms-phase-estimate"})
            estimate.text = h.protect(phase.heading.estimate)

    def _phase_flat(self, root: etree.Element, i: int, heading: etree.Element, phase: Phase, body: list[etree.Element]) -> str:
        """A phase whose status words are plain: ``<details>``, ``<summary>``, the badges and the body's ``<div>`` go in
        as finished HTML around the heading and the body, which stay where they are (issue 17): the opening at the end
        of the element before the heading, the badges after the heading, the closing after the body's last element
        (:meth:`_after`), each in a text already there where it can. The page is the string :meth:`_phase_details`
        gives, brackets for search (:mod:`.search_view`) included. Returns the phase's anchor (the ``<details>`` id)."""
        self._phase_heading(heading, phase)
        heading.set("class", (heading.get("class", "") + " ms-phase-heading").strip())
        attrs, anchor = self._phase_open(phase)
        on, off = self.skip or ("", "")
        meta = on + c.phase_meta(phase, self._badge(c.badge, phase.status_text, phase.status), self.day) + '</summary>\n<div class="ms-phase-body">'
        close = on + "</div>\n</details>" + off
        if not body:
            self._after(root, i + 1, heading, meta + off + close)
        else:
            # Python-Markdown's line break after the <div> when its first child is a block (a comment is none)
            first = body[0].tag
            meta += "\n" if isinstance(first, str) and self.md.is_block_level(first) else ""
            self.tails[id(heading)] = self.md.htmlStash.html_counter
            heading.tail = AtomicString("\n" + self.md.htmlStash.store(meta + off))
            self._after(root, i + 1 + len(body), body[-1], close)
        # The summary's line break, then the search's resume, then the heading
        opening = on + f"<details{attrs}>\n" + '<summary class="ms-phase-summary">'
        prev = root[i - 1] if i else None
        if prev is not None and i > 1 and prev.tag == "hr" and not prev.attrib and self._blank_block(prev) and \
                self._blank_block(root[i - 2]) and self.hr is not None:
            # The rule before the heading goes in the opening's entry: an element and a stash entry less a phase
            root.remove(prev)
            opening = self.hr + "\n" + opening
            prev = root[i - 2]
        if prev is not None and self._blank_block(prev):
            self.opens[id(prev)] = self.md.htmlStash.html_counter
            prev.tail = AtomicString("\n" + self.md.htmlStash.store(opening + "\n" + off))
            return anchor
        p = self._raw(opening)
        if on:
            p.tail = AtomicString("\n" + self.md.htmlStash.store(off))
        root.insert(i, p)
        return anchor

    def _blank_block(self, el: etree.Element) -> bool:
        """A block element with nothing after it (Python-Markdown writes a line break there)."""
        return isinstance(el.tag, str) and self.md.is_block_level(el.tag) and not (el.tail and el.tail.strip())

    def _after(self, root: etree.Element, at: int, el: etree.Element, html: str) -> None:
        """``html`` (a block's worth of finished HTML) after ``el``, the element at ``at - 1``: in the stash entry of a
        phase's opening that ``el``'s text already ends with, or of our paragraph ``el`` is, or ``el``'s own text, or
        a paragraph of its own at ``at``."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        carried = self.opens.get(id(el))
        if carried is not None:  # the next phase's opening follows: one entry
            blocks[carried] = html + "\n" + blocks[carried]
        elif self._blank_block(el):
            held = self.blocks.get(id(el))
            if held is not None:
                blocks[held] += "\n" + html
            else:
                el.tail = AtomicString("\n" + self.md.htmlStash.store(html) + "\n")
        else:
            root.insert(at, self._raw(html))

    def _phase_open(self, phase: Phase) -> tuple[str, str]:
        """:meth:`_phase_attrs` as the serialiser writes them (name order: class, data-phase, data-status, id, open),
        and the phase's anchor."""
        status = phase.status
        shown = status or "unknown" if phase.status_text or phase.status_inferred else "unknown"
        anchor = phase.anchor
        mode = self.open_phases
        opened = ' open="open"' if mode == "all" or (mode == "in-progress" and status == "in-progress") else ""
        return (f' class="ms-phase" data-phase="{c.attr(phase.id)}" data-status="{c.attr(shown)}" id="{c.attr(anchor)}"'
                f"{opened}", anchor)

    def _phase_details(self, heading: etree.Element, phase: Phase, body: list[etree.Element]) -> etree.Element:
        details = etree.Element("details", self._phase_attrs(phase))
        self._phase_heading(heading, phase)
        summary = h.phase_summary(phase, heading, phase.status_text, phase.status, self.day)
        _no_markdown_in_generated(summary)
        details.append(summary)
        content = etree.SubElement(details, "div", {"class": "ms-phase-body"})
        for child in body:
            content.append(child)
        return details

    def _join_blocks(self, root: etree.Element) -> None:
        """Neighbouring pieces of finished HTML at the page's top level become one (the field lines under a phase's
        heading join its summary's): fewer elements for the later tree processors and the serialiser, the same string
        (the line break Python-Markdown writes after a paragraph goes between them). A piece with text after it (the
        next phase's opening) joins too, its text going after the entry; nothing joins after it."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        into: int | None = None  # the stash entry the next piece joins
        sep = ""
        holder: etree.Element | None = None  # the element whose paragraph or text (a heading's tail) holds that entry
        in_tail = ends = False  # holder's tail ends with the entry's placeholder (then, ``ends``: with a line break)
        ours, tails = self.blocks, self.tails
        for el in list(root):
            idx = ours.get(id(el))
            tail = el.tail if el.tail and el.tail.strip() else None
            if idx is not None and into is not None and holder is not None:
                blocks[into] += sep + blocks[idx]
                sep = "\n"
                root.remove(el)
                if in_tail:  # the paragraph's line break (or its text), now after the heading's placeholder
                    holder.tail = AtomicString((holder.tail[:-1] if ends else holder.tail) + (tail or "\n"))
                    ends = tail is None
                elif tail is not None:
                    holder.tail = tail
                if tail is not None:
                    into = None
                continue
            into, sep, holder, in_tail = (idx if tail is None else None), "\n", el, False
            if idx is None and id(el) in tails:
                into, sep, in_tail, ends = tails[id(el)], "", True, False
