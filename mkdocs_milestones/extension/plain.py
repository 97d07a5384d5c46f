# SPDX-License-Identifier: MIT
"""Text that needs no inline pass (issue 17): on a milestone page, text in which no inline pattern can match.

Python-Markdown's inline pass runs some fifteen pattern searches over every text of the tree. Most text
of a milestone page (task words, table cells, the words we write in badges and summaries) holds none of
the characters any of the host's inline patterns needs; such text is marked atomic and the pass skips
it, with the same HTML. Only when every inline pattern and tree processor of the host is one we know
(:func:`plain_text_rule`); pages that are not milestones are left alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

__all__ = ["PlainTextTreeprocessor", "no_markdown_in_generated", "plain_text_rule", "settle"]

# Inline patterns and tree processors whose every trigger is one of _TRIGGERS: text without any of them is
# plain, and the inline pass would only look at it (Python-Markdown's own, toc, tables, footnotes, attr_list,
# MkDocs'). With any other (pymdownx, abbr, smarty ...) every text goes through the inline pass as before.
_KNOWN_INLINE = frozenset({"backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                           "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "not_strong",
                           "em_strong", "em_strong2", "strong_em", "strong", "emphasis", "emphasis2", "footnote"})
_KNOWN_TREE = frozenset({"inline", "prettify", "unescape", "toc", "attr_list", "footnote", "footnote-duplicate",
                         "mkdocs_extract_anchors", "relpath", "mkdocs_extract_title", "ms_render", "ms_plain", "ms_links", "ms_sanitize",
                         "ms_search_marks", "ms_toc_guard", "ms_toc_restore", "hilite", "codehilite"})
# Every pattern above needs one of these characters, but for the line break, which needs two spaces before a
# newline (Python-Markdown's LINE_BREAK_RE). STX/ETX come only from stashes (Python-Markdown strips them from the
# source): a raw HTML placeholder (a checkbox of ours) is left alone by the inline pass, any other STX is not.
_TRIGGERS_RE = re.compile(r"[`\\\[\]!<>&*_{}]|  \n|\x02(?!" + HTML_PLACEHOLDER[1:] % r"\d+" + ")")
_GENERATED_TEXT = frozenset({"ms-kicker", "ms-badge-label", "ms-progress-text", "ms-progress-detail", "ms-phase-checks",
                             "ms-badge ms-overdue", "ms-phase-target", "ms-target"})
"""Classes of the spans whose text we write ourselves (words, counts, percentages), never the author."""


def plain_text_rule(md: Any) -> re.Pattern[str] | None:
    """The trigger characters' pattern when the host's inline patterns are all known, else None."""
    inline = {item.name for item in md.inlinePatterns._priority}  # noqa: SLF001 - names only
    tree = {item.name for item in md.treeprocessors._priority}  # noqa: SLF001
    return _TRIGGERS_RE if inline <= _KNOWN_INLINE and tree <= _KNOWN_TREE else None


def settle(el: etree.Element, triggers: re.Pattern[str] | None) -> None:
    """Text in ``el`` (ours, or the author's moved into it) with no inline syntax skips the inline pass:
    the same output, without ~15 pattern searches per text."""
    if triggers is None:
        return
    search = triggers.search
    for node in el.iter():
        text = node.text
        if text and type(text) is str and not search(text):
            node.text = AtomicString(text)
        if node is not el:
            tail = node.tail
            if tail and type(tail) is str and not search(tail):
                node.tail = AtomicString(tail)


def no_markdown_in_generated(el: etree.Element) -> None:
    """Mark the text we wrote ourselves as atomic, so the inline patterns skip it (nothing in it is Markdown)."""
    for span in el.iter("span"):
        if span.text and span.get("class") in _GENERATED_TEXT:
            span.text = AtomicString(span.text)


class PlainTextTreeprocessor(Treeprocessor):
    """Just before the inline pass (20): every text of a milestone page in which no inline pattern can match is
    marked atomic, so the pass skips it. The rule is the host's, found once per ``Markdown`` (its extensions
    do not change between documents)."""

    def __init__(self, md: Any) -> None:
        super().__init__(md)
        self.rule: re.Pattern[str] | None | bool = False  # False: not found yet

    def run(self, root: etree.Element) -> None:
        if getattr(self.md, "milestone", None) is None:
            return
        if self.rule is False:
            self.rule = plain_text_rule(self.md)
        settle(root, self.rule)
