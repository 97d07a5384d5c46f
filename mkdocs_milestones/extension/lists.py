# SPDX-License-Identifier: MIT
"""Tight lists built directly (issue 17): on a milestone page, a list block that is "simple" becomes the
elements Python-Markdown would build, without re-entering its block parser per item and per nesting level.

Python-Markdown's ``OListProcessor``/``UListProcessor`` split a list block into items and parse each item's
text, and each indented group of lines under an item, as a block of its own: every block processor's test
runs again on each (``ListIndentProcessor`` detabs a group and hands it back to the parser, where a list
processor claims it). Milestone plans are mostly such lists, nested (the normaliser re-indents the 2- and
3-space sub-bullets GitHub nests; :func:`~.preprocessors.normalize_source_map`).

A block is claimed (:class:`TightListProcessor`, just above ``olist``) only when each of these holds, so
the tree is the one Python-Markdown builds:

* the page is a milestone and the block is the document's own (its parent is the root); a block right after a
  list joins that list as Python-Markdown joins it (``OListProcessor``'s sibling branch: the list's last item
  and the block's first become loose, their text in paragraphs; :func:`_join`);
* every block processor of the host is one we know (:data:`_KNOWN`) and ``olist``/``ulist`` come right after
  this one, before ``paragraph``; the tab length is 4;
* every line is an item line (at most 3 spaces, a marker: what ``CHILD_RE`` reads) or, under an item, a line
  indented by 4 or more spaces that, once detabbed, is again such a list (the first of them an item line with
  4-7 spaces: ``INDENT_RE``): no lazy continuation line;
* every item's text is one line that only the paragraph processor claims in a tight list (:func:`_plain_item`):
  it starts with no character another known block processor reads there (``#``, ``>``, ``:``, ``$``, ``\\``,
  ``!!!``, ``???``, ``===``, the stash's ``\\x02``, a space), is no list item itself, no reference, footnote or
  abbreviation definition, and holds a character other than those of a rule, a setext underline or a table's
  separator row (so no line of a nested block is one either).

The item's text goes to ``li.text`` as the paragraph processor leaves it (``block.lstrip()``), a nested list
is appended to its ``li``; ``start`` is set on ``ol`` as ``OListProcessor`` does (never, while ``LAZY_OL``).
Every other block, and every page that is not a milestone, is left to Python-Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown.blockprocessors import BlockProcessor

__all__ = ["TightListProcessor", "list_processors"]

_MD = "markdown.blockprocessors."
_KNOWN = frozenset({
    # (registered name, class) of every block processor whose claims are accounted for above: Python-Markdown's,
    # its extensions' (tables, admonition, def_list, footnotes, abbr, md_in_html) and Material's recommended pymdownx
    # ones (details, tabbed, superfences' indented code, arithmatex's block math). MkDocs, ProperDocs and Zensical
    # add none. pymdownx.blocks (it claims any block while one of its blocks is open) is not among them.
    ("empty", _MD + "EmptyBlockProcessor"), ("indent", _MD + "ListIndentProcessor"), ("code", _MD + "CodeBlockProcessor"),
    ("hashheader", _MD + "HashHeaderProcessor"), ("setextheader", _MD + "SetextHeaderProcessor"), ("hr", _MD + "HRProcessor"),
    ("olist", _MD + "OListProcessor"), ("ulist", _MD + "UListProcessor"), ("quote", _MD + "BlockQuoteProcessor"),
    ("reference", _MD + "ReferenceProcessor"), ("paragraph", _MD + "ParagraphProcessor"),
    ("table", "markdown.extensions.tables.TableProcessor"), ("admonition", "markdown.extensions.admonition.AdmonitionProcessor"),
    ("defindent", "markdown.extensions.def_list.DefListIndentProcessor"),
    ("deflist", "markdown.extensions.def_list.DefListProcessor"),
    ("footnote", "markdown.extensions.footnotes.FootnoteBlockProcessor"), ("abbr", "markdown.extensions.abbr.AbbrBlockprocessor"),
    ("markdown_block", "markdown.extensions.md_in_html.MarkdownInHtmlProcessor"),
    ("details", "pymdownx.details.DetailsProcessor"), ("tabbed", "pymdownx.tabbed.TabbedProcessor"),
    ("code", "pymdownx.superfences.SuperFencesCodeBlockProcessor"),
    ("arithmatex-block", "pymdownx.arithmatex.BlockArithmatexProcessor"),
    ("ms_lists", "mkdocs_milestones.extension.lists.TightListProcessor"),
})
_NAME = "ms_lists"
_RISKY_START = frozenset("#>:$\\\x02 \t\r\n")
"""An item text starting so may be claimed by another block processor (headings, quotes, definition lists,
block math, stashed HTML) or is no plain text."""
_DEFINITION_RE = re.compile(r"\][ ]*:")
"""What a reference, footnote (``[...]:``) or abbreviation (``*[...]:``) definition holds after its label."""
_RULE_CHARS = " -_*=+|:"
"""A line made of these only may be a rule, a setext underline or a table's separator row."""
_MAX_DEPTH = 12


def list_processors(md: Any) -> tuple[Any, Any] | None:
    """Python-Markdown's ``olist`` and ``ulist`` processors when every block processor of ``md`` is known and the
    order is the one the claim relies on (``ms_lists``, then ``olist`` and ``ulist``, then ``paragraph``); else None."""
    registry = md.parser.blockprocessors
    names = []
    # in the order the parser tries them (Registry's own sort: by priority, stable)
    for name in [item.name for item in sorted(registry._priority, key=lambda item: item.priority, reverse=True)]:  # noqa: SLF001
        item = registry[name]
        if (name, f"{type(item).__module__}.{type(item).__qualname__}") not in _KNOWN:
            return None
        names.append(name)
    if md.tab_length != 4 or _NAME not in names:
        return None
    at = names.index(_NAME)
    if sorted(names[at + 1:at + 3]) != ["olist", "ulist"] or "paragraph" not in names[at + 3:]:
        return None
    olist, ulist = registry["olist"], registry["ulist"]
    return (olist, ulist) if olist.tab_length == ulist.tab_length == 4 else None


class TightListProcessor(BlockProcessor):
    """Claims a milestone page's simple list blocks and builds their elements (see the module's docstring)."""

    def __init__(self, parser: Any, md: Any) -> None:
        super().__init__(parser)
        self.md = md
        self.plan: tuple[str, str, list[tuple[str, Any]]] | None = None
        self.built = 0
        """How many list blocks this processor built (the tests read it)."""

    def test(self, parent: etree.Element, block: str) -> bool:
        if (block[:1] not in "-*+ 0123456789" or getattr(self.md, "milestone", None) is None
                or parent is not getattr(self.parser, "root", None)):
            return False
        sibling = self.lastChild(parent)
        if sibling is not None and sibling.tag in ("ol", "ul") and not len(sibling):
            return False  # (a list Python-Markdown would join, without an item: left to it)
        try:
            procs = self.md.ms_list_processors
        except AttributeError:
            procs = self.md.ms_list_processors = list_processors(self.md)  # once per Markdown: its extensions stay
        if procs is None:
            return False
        self.plan = _plan(procs, block.split("\n"), 0)
        return self.plan is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        plan, self.plan = self.plan, None
        assert plan is not None
        blocks.pop(0)
        olist = self.md.ms_list_processors[0]
        sibling = self.lastChild(parent)
        if sibling is not None and sibling.tag in ("ol", "ul"):
            _join(sibling, plan, olist)
        else:
            _build(parent, plan, olist)
        self.built += 1


def _plan(procs: tuple[Any, Any], lines: list[str], depth: int) -> tuple[str, str, list[tuple[str, Any]]] | None:
    """The list ``lines`` make as Python-Markdown reads it (tag, first number, items: text and nested list or
    None), or None when a line or an item's text is not what the claim covers."""
    olist, ulist = procs
    first = lines[0]
    if olist.RE.match(first):
        tag = "ol"
    elif ulist.RE.match(first):
        tag = "ul"
    else:
        return None
    child, indent = olist.CHILD_RE.match, olist.INDENT_RE.match
    items: list[list[Any]] = []
    start = ""
    for line in lines:
        m = child(line)
        if m is not None:
            text = m.group(3)
            if not _plain_item(text, procs):
                return None
            if not items and tag == "ol":
                start = m.group(2)[:-1]  # OListProcessor.get_items: the digits of the first marker
            items.append([text, None])
        elif line.startswith("    ") and items:
            group = items[-1][1]
            if group is None:
                if not indent(line):
                    return None  # a lazy continuation of the item's text
                items[-1][1] = [line[4:]]
            else:
                group.append(line[4:])
        else:
            return None  # a lazy continuation line: the item's text spans lines
    if depth >= _MAX_DEPTH:
        return None
    out: list[tuple[str, Any]] = []
    for text, group in items:
        nested = None
        if group is not None:
            nested = _plan(procs, group, depth + 1)
            if nested is None:
                return None
        out.append((text, nested))
    return tag, start, out


def _plain_item(text: str, procs: tuple[Any, Any]) -> bool:
    """Whether, as a block of a tight list item, ``text`` is one only the paragraph processor claims."""
    if not text or text[0] in _RISKY_START or text.startswith(("!!!", "???", "===")):
        return False
    if not text.strip(_RULE_CHARS):
        return False  # a rule, a setext underline, a table's separator row
    if text[0] in "[*" and _DEFINITION_RE.search(text):
        return False  # a reference, footnote or abbreviation definition
    olist, ulist = procs
    return not (olist.RE.match(text) or ulist.RE.match(text))  # a list in the item


def _build(parent: etree.Element, plan: tuple[str, str, list[tuple[str, Any]]], olist: Any) -> None:
    """The elements OListProcessor/UListProcessor and the paragraph processor (tight list) make."""
    tag, start, items = plan
    lst = etree.SubElement(parent, tag)
    if tag == "ol":
        olist.STARTSWITH = start  # as get_items leaves it
        if not olist.LAZY_OL and start != "1":
            lst.attrib["start"] = start
    for text, nested in items:
        li = etree.SubElement(lst, "li")
        li.text = text
        if nested is not None:
            _build(li, nested, olist)


def _join(lst: etree.Element, plan: tuple[str, str, list[tuple[str, Any]]], olist: Any) -> None:
    """A list block right after a list: OListProcessor's sibling branch. The list's last item becomes loose (its
    text, and a tail of its last child, into paragraphs), the block's first item is a loose one (its text in a
    paragraph), the others are tight items of the same list, whatever the block's marker."""
    tag, start, items = plan
    if tag == "ol":
        olist.STARTSWITH = start
    last = lst[-1]
    if last.text:
        p = etree.Element("p")
        p.text = last.text
        last.text = ""
        last.insert(0, p)
    lch = last[-1] if len(last) else None
    if lch is not None and lch.tail:
        p = etree.SubElement(last, "p")
        p.text = lch.tail.lstrip()
        lch.tail = ""
    (text, nested), rest = items[0], items[1:]
    li = etree.SubElement(lst, "li")
    etree.SubElement(li, "p").text = text  # the paragraph processor out of a tight list: block.lstrip()
    if nested is not None:
        _build(li, nested, olist)  # ListIndentProcessor: the li's last child is the paragraph, so a new list
    for text, nested in rest:
        li = etree.SubElement(lst, "li")
        li.text = text
        if nested is not None:
            _build(li, nested, olist)
