# SPDX-License-Identifier: MIT
"""Text that needs no inline pass (issue 17): on a milestone page, text in which no inline pattern can match.

Python-Markdown's inline pass runs some fifteen pattern searches over every text of the tree. Most text
of a milestone page (task words, table cells, the words we write in badges and summaries) holds none of
the characters any of the host's inline patterns needs; such text is marked atomic and the pass skips
it, with the same HTML. Only when every inline pattern and tree processor of the host is one we know
(:data:`_KNOWN`: Python-Markdown's, MkDocs', ours and Material's recommended pymdownx ones, each with what
any of its matches needs); pages that are not milestones are left alone.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

__all__ = ["PlainTextTreeprocessor", "host_rule", "no_markdown_in_generated", "plain_text_rule", "settle"]

_MD, _PX, _PAGES, _MS = "markdown.inlinepatterns.", "pymdownx.", "mkdocs.structure.pages.", "mkdocs_milestones.extension."
_TREE_INLINE = "markdown.treeprocessors.InlineProcessor"
_KNOWN: dict[tuple[str, str], str | tuple[str, ...]] = {
    # (registered name, class) of an inline pattern or tree processor -> regexes of which one finds something in
    # every text the pattern can match or the processor can change ("" for none: it leaves text alone, or runs
    # before ms_plain). Derived from each one's own regexes. A text none of the host's finds is plain. The
    # one-character classes are joined into one (so: no leading "^", no ranges).
    ("backtick", _MD + "BacktickInlineProcessor"): "[`]",
    ("escape", _MD + "EscapeInlineProcessor"): r"[\\]",
    **{(name, _MD + cls): r"[\[]" for name, cls in (  # links and images: all start at "["
        ("reference", "ReferenceInlineProcessor"), ("link", "LinkInlineProcessor"), ("image_link", "ImageInlineProcessor"),
        ("image_reference", "ImageReferenceInlineProcessor"), ("short_reference", "ShortReferenceInlineProcessor"),
        ("short_image_ref", "ShortImageReferenceInlineProcessor"))},
    ("autolink", _MD + "AutolinkInlineProcessor"): "[<]",
    ("automail", _MD + "AutomailInlineProcessor"): "[<]",
    ("linebreak", _MD + "SubstituteTagInlineProcessor"): "  \n",  # LINE_BREAK_RE: two spaces before a newline
    ("html", _MD + "HtmlInlineProcessor"): "[<]",
    ("entity", _MD + "HtmlInlineProcessor"): "[&]",
    ("not_strong", _MD + "SimpleTextInlineProcessor"): "[*_]",  # Python-Markdown < 3.11
    ("em_strong", _MD + "AsteriskProcessor"): "[*]",
    ("em_strong2", _MD + "UnderscoreProcessor"): "[_]",
    ("em_strong", _MD + "DelimiterProcessor"): "[*_]",  # Python-Markdown >= 3.11
    ("footnote", "markdown.extensions.footnotes.FootnoteInlineProcessor"): r"[\[]",
    # the inline pass itself: a stash placeholder but a raw HTML one (a checkbox of ours, left alone)
    ("inline", _TREE_INLINE): "\x02(?!" + HTML_PLACEHOLDER[1:] % r"\d+" + ")",
    ("smarty", _TREE_INLINE): ("['\"<>]", "--", r"\.\.\."),  # quotes, dashes, ellipses, angled quotes
    ("attr_list", "markdown.extensions.attr_list.AttrListTreeprocessor"): "[{]",
    **{key: "" for key in (
        ("prettify", "markdown.treeprocessors.PrettifyTreeprocessor"), ("unescape", "markdown.treeprocessors.UnescapeTreeprocessor"),
        ("toc", "markdown.extensions.toc.TocTreeprocessor"), ("hilite", "markdown.extensions.codehilite.HiliteTreeprocessor"),
        ("footnote", "markdown.extensions.footnotes.FootnoteTreeprocessor"),
        ("footnote-duplicate", "markdown.extensions.footnotes.FootnotePostTreeprocessor"),
        ("mkdocs_extract_anchors", _PAGES + "_ExtractAnchorsTreeprocessor"), ("relpath", _PAGES + "_RelativePathTreeprocessor"),
        ("mkdocs_extract_title", _PAGES + "_ExtractTitleTreeprocessor"),
        # ProperDocs' copies of MkDocs' three (anchors, links, title: after the inline pass, reading ids, URLs, text)
        ("properdocs_extract_anchors", "properdocs.structure.pages._ExtractAnchorsTreeprocessor"),
        ("relpath", "properdocs.structure.pages._RelativePathTreeprocessor"),
        ("properdocs_extract_title", "properdocs.structure.pages._ExtractTitleTreeprocessor"),
        ("ms_render", _MS + "render.RenderTreeprocessor"), ("ms_plain", _MS + "plain.PlainTextTreeprocessor"),
        ("ms_links", _MS + "links.LinkTreeprocessor"), ("ms_sanitize", _MS + "sanitize.SanitizeTreeprocessor"),
        ("ms_toc_guard", _MS + "toc_guard.TocMarkerGuard"), ("ms_toc_restore", _MS + "toc_guard.TocMarkerRestore"),
        ("ms_search_marks", _MS + "search_view.SearchMarksTreeprocessor"),
        # pymdownx: task lists and indented code are done before ms_plain (25, 30)
        ("task-list", _PX + "tasklist.TasklistTreeprocessor"), ("indent-highlight", _PX + "highlight.HighlightTreeprocessor"))},
    # pymdownx (Material's recommended set); its betterem, caret, mark and tilde share one delimiter processor
    ("delimiter", _PX + "delimiterprocessor.DelimiterProcessor"): "[*_^=~]",
    ("backtick", _PX + "inlinehilite.InlineHilitePattern"): "[`]",
    ("arithmatex-inline", _PX + "arithmatex.InlineArithmatexPattern"): r"[$\\]",  # $x$ or \(x\)
    ("emoji", _PX + "emoji.EmojiPattern"): r":[+\-\w]+:",  # RE_EMOJI
    ("keys", _PX + "keys.KeysPattern"): r"\+\+",
    ("keys-custom", _PX + "keys.KeysPattern"): (r"\+\+", r"[\\]"),  # or backslashes before a "+"
    # smartsymbols: (tm) (c) (r); +/- =/= c/o and fractions 1/2 ...; arrows <-- --> <-->; ordinals 1st 2nd 3rd 4th
    ("smart-symbols", _TREE_INLINE): ("[(/<>]", r"\d(?:st|nd|rd|th)"),
}
# Left out, every text goes through the inline pass with them: abbr (any word the page defines; it skips atomic
# text), pymdownx.magiclink (bare www. addresses and, with Material's repo_url_shorthand, bare 40-digit commit
# hashes), and any other.
_GENERATED_TEXT = frozenset({"ms-kicker", "ms-badge-label", "ms-progress-text", "ms-progress-detail", "ms-phase-checks",
                             "ms-badge ms-overdue", "ms-phase-target", "ms-target"})
"""Classes of the spans whose text we write ourselves (words, counts, percentages), never the author."""


def plain_text_rule(md: Any) -> re.Pattern[str] | None:
    """What finds any inline syntax in a text, when every inline pattern and tree processor of the host is
    known (:data:`_KNOWN`): the union of their triggers; else None."""
    triggers: set[str] = set()
    for registry in (md.inlinePatterns, md.treeprocessors):
        for name, item in registry._data.items():  # noqa: SLF001 - every registered one, by name
            found = _KNOWN.get((name, f"{type(item).__module__}.{type(item).__qualname__}"))
            if found is None:
                return None
            triggers.update((found,) if isinstance(found, str) else found)
    return _rule(frozenset(triggers - {""}))


@functools.lru_cache(maxsize=16)
def _rule(triggers: frozenset[str]) -> re.Pattern[str]:
    """One regex; the one-character classes merged into one (searches about twice as fast as their alternation)."""
    chars = "".join(sorted(t[1:-1] for t in triggers if t[0] == "[" and t[-1] == "]"))
    rest = sorted(t for t in triggers if not (t[0] == "[" and t[-1] == "]"))
    return re.compile("|".join(([f"[{chars}]"] if chars else []) + rest))


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


def host_rule(md: Any) -> re.Pattern[str] | None:
    """:func:`plain_text_rule` of ``md``, found once per ``Markdown`` (its extensions do not change between documents):
    the decoration's finished-HTML choices and :class:`PlainTextTreeprocessor` read this one value."""
    try:
        return md.ms_plain_rule  # type: ignore[no-any-return]
    except AttributeError:
        md.ms_plain_rule = rule = plain_text_rule(md)
        return rule


class PlainTextTreeprocessor(Treeprocessor):
    """Just before the inline pass (20): every text of a milestone page in which no inline pattern can match is
    marked atomic, so the pass skips it, by the host's rule (:func:`host_rule`)."""

    def run(self, root: etree.Element) -> None:
        if getattr(self.md, "milestone", None) is not None:
            settle(root, host_rule(self.md))
