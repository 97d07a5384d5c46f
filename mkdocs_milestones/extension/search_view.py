# SPDX-License-Identifier: MIT
"""What a site's search indexes of a milestone page: the author's words, not our chrome (issue 17).

When the host says so (``PageContext.defer_graph``: the MkDocs plugin, which hands the search plugin its
own view of each page), the last tree processor (``ms_search_marks``) brackets what we generated around the
author's words with two comments:

* the header card's kicker, status badge and progress (its metadata list, the author's fields, stays);
* each phase's ``<details>``/``<summary>`` wrapper and the status badge and box count beside its heading
  (the heading itself and the phase's body stay, at the page's own nesting level).

:func:`search_view` cuts the bracketed parts out for the search plugin: it parses a page about as long
and as deep as the author's Markdown alone would give, every phase heading once, no badge words twice; our
elements' attributes (classes, ``data-*``, titles) are left out too, as a search index reads none of them, and
so are the wrappers of the card's fields and, for Material, each heading's permalink (its text is dropped by
Material's parser anyway): Material's search index is the same string without them. :func:`finished` drops the comments, which gives the page as the reader gets
it. The extension used on its own (no host, Zensical, ProperDocs) never adds them.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

__all__ = ["RESUME", "SKIP", "SearchMarksTreeprocessor", "finished", "inline_cut", "roadmap_view", "search_view", "views"]

SKIP = "<!--milestones:search-skip-->"
RESUME = "<!--milestones:search-resume-->"
_MARK_PREFIX = "<!--milestones:search-"
_MARK_RE = re.compile("<!--milestones:search-(?:skip|resume)-->")
_OURS = ("span", "strong", "p", "dl", "div", "ul", "ol", "li", "input", "table")
_OUR_ATTRIBUTES_RE = re.compile(
    ' class="ms-(?:'
    + "|".join(f'(?<=<h{n} class="ms-)' for n in range(1, 7))
    + ')[^"]*"|'
    + ' class="ms-(?:'
    + "|".join(f'(?<=<{tag} class="ms-)' for tag in _OURS)
    + ')[^"]*"(?: (?!data-search-exclude)[a-z-]+="[^"]*")*'
)
"""Our elements' attributes (classes, ``data-*``, a badge's ``title``): nothing a search index reads, and a third
of what its HTML parser works through. On a heading (the title, a phase's) only our class goes: the ``id`` is the
section's. Text cannot hold ``<`` (it is ``&lt;``), so only tags match; the pattern starts with the literal
`` class="ms-`` and looks back for the tag, which keeps the scan fast, and every match becomes "" (no template)."""
_BARE_RE = re.compile(r"<span>([^<]*)</span>|<input [^<>]*/>")
"""A span without attributes around plain text (our badges and phase title parts, once their attributes are gone)
and a checkbox: Material's search parser keeps neither tag and reads the text the same without them, so the
search index is the same string; MkDocs' own search joins text pieces with spaces, so there they stay."""
_PERMALINK_RE = re.compile(r'<a class="headerlink" href="[^"<>]*" title="[^"<>]*">[^<]*</a>(?=</h[1-6]>)')
"""The ``toc`` permalink that ends each heading: Material's search drops its text (a ``headerlink`` inside a
heading), so without it the index is the same string, with a tag and a text less per heading to parse."""
_CARD_FIELDS = '<dl class="ms-meta">\n'
_CARD_ITEM_RE = re.compile(r'<div class="ms-meta-item"[^>]*>\n|(?<=</dd>\n)</div>\n')
"""In the card's field list, the ``<div>`` around each ``<dt>``/``<dd>`` pair (there for the layout): neither
search parser keeps the tags, and the line breaks they leave between the fields' texts read as the one space
there already is. (A field's value cannot hold a tag of the author's: fields are protected, render/markup.py.)"""


def search_view(html: str, *, material: bool = False) -> str:
    """``html`` without the bracketed chrome, for a search index.

    >>> search_view('<p>a</p>' + SKIP + '<div><span>x</span>' + RESUME + '<h3>b</h3>' + SKIP + '</div>' + RESUME)
    '<p>a</p><h3>b</h3>'
    >>> search_view(SKIP + RESUME + '<p class="ms-field" data-field="goal"><strong class="ms-label">Goal</strong>: x</p>')
    '<p><strong>Goal</strong>: x</p>'
    >>> search_view(SKIP + RESUME + '<li><input type="checkbox" /> <span class="ms-badge">done</span></li>', material=True)
    '<li> done</li>'
    >>> search_view(SKIP + RESUME + '<h3 class="ms-phase-heading" id="p-1">P 1<a class="headerlink" href="#p-1" title="Permanent link">&para;</a></h3>', material=True)
    '<h3 id="p-1">P 1</h3>'
    """
    if SKIP not in html:
        return html
    return _cut(_card_fields(_unbracketed(html)), material)


def _cut(html: str, material: bool) -> str:
    html = _OUR_ATTRIBUTES_RE.sub("", html)
    return inline_cut(_BARE_RE.sub(_bare, _PERMALINK_RE.sub("", html))) if material else html


_INLINE_PAIR_RE = re.compile(
    r"<(?<=\S<)(?:(strong|em|b|i|s|u|span|del|ins|mark|small)|a(?: href=\"[^\"<>]*\")?)>([^<]*[^<\s][^<]*)</(?(1)\1|a)>"
    r"(?=\S|[ \n](?:[^\s<]|<[ou]l(?: (?![^<>]*data-search-exclude)[^<>]*)?>\n<li(?: (?![^<>]*data-search-exclude)[^<>]*)?>[^\s<]))")
"""An inline element Material's search parser keeps no tag of, without attributes it reads (``<a href>`` is no
permalink), holding only text that is not all blank, where its text joins the texts beside it as the parser would
join them: after a tag or a character that is not blank, before a tag or such a character (or one space or line
break and then one). The parser's pieces of text are then one piece that reads the same (a blank piece alone is
what it shortens to one space), its sections the same (a childless element closes no section): a tag and an end
tag less each, a sixth of all on a milestone page. Starts with the literal ``<``: the scan skips to each one.

A blank after the element counts only before a character, or before a list whose first item starts with one (a
task's sub-list: ``<li><strong>x</strong>\n<ul>\n<li>y``; the parser writes ``<ul>`` into the text and keeps it):
the parser drops a blank text after a blank one, so before any other tag the blank that follows would be kept once
the element's text ends in the blank (``<td><b>x</b>\n</td>\n<td>y`` would read ``x  y``)."""
_CUT_NAME_RE = re.compile(r"<(?:strong|em|b|i|s|u|span|del|ins|mark|small|a)\s[^<>]*$")
"""An element of those the cut drops, that the parser leaves out: it knows elements by their tag name alone, so an
element of that name ending inside it ends the leaving out (the cut would change what is left out)."""
_LOOSE_AMP_RE = re.compile(r"&[#\w]*<")
"""An ``&`` whose name runs into a tag, so ends no character reference there (Python-Markdown escapes every such
one, raw HTML may not): it reads otherwise once the texts join (``&am<b>p;</b>`` is ``&amp;`` as text, ``&`` joined)."""


def _excluded_cut_name(html: str) -> bool:
    """Whether an element of a name the cut drops is one the parser leaves out (``data-search-exclude``, ``linenodiv``)."""
    for needle in ("data-search-exclude", "linenodiv"):
        at = html.find(needle)
        while at >= 0:
            if _CUT_NAME_RE.match(html, html.rfind("<", 0, at), at):
                return True
            at = html.find(needle, at + 1)
    return False
_RAW_TEXT_RE = re.compile("<(?:" + "|".join("".join(f"[{c}{c.upper()}]" for c in name) for name in (
    "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")) + r")[\s/>]")
"""Elements newer HTML parsers read as text to their end tag: with one, tags inside are text (left as they are)."""


_BETWEEN_BLANKS_RE = re.compile(r"\n<(?<=>\n<)(?:hr />|/?(?:thead|tbody|tr)>)(?=\n<)")
"""A rule, or a table's row or head or body tag, between two line breaks that are the only text beside it: cut,
the two blank texts are one, which the parser reads as it read the two (one space at most). A rule is empty; the
others hold their cells (where a heading in a table makes the parser's sections depend on how deep it sits, no
table tag goes: :func:`_rows_cuttable`)."""
_HR_BETWEEN_BLANKS_RE = re.compile(r"\n<(?<=>\n<)hr />(?=\n<)")


def _rows_cuttable(html: str) -> bool:
    """Whether each table is closed, holds no heading (the parser's sections would then depend on how deep it sits)
    and closes every row, head and body it opens (HTML lets a hand-written table leave the end tags out: the parser's
    elements then stay open past the table, and cutting only the start tags would close its sections elsewhere)."""
    start = html.find("<table")
    while start >= 0:
        end = html.find("</table>", start)
        if end < 0 or _HEADING_RE.search(html, start, end) or any(
                html.count(f"<{n}>", start, end) + html.count(f"<{n} ", start, end) != html.count(f"</{n}>", start, end)
                for n in ("tr", "thead", "tbody")):
            return False
        start = html.find("<table", end)
    return True


_TABLE_PART_RE = re.compile(r"<(/?)(tr|thead|tbody)[\s>]")


def inline_cut(html: str) -> str:
    """``html`` without the tags of :data:`_INLINE_PAIR_RE`'s elements, their text kept, and without those of
    :data:`_BETWEEN_BLANKS_RE` (for Material's search).

    >>> inline_cut('<li><a href="x">Plan</a>: <strong>done</strong>.</li>')  # after a space: the space alone shortens
    '<li>Plan: <strong>done</strong>.</li>'
    """
    if _RAW_TEXT_RE.search(html):
        return html
    cut = _BETWEEN_BLANKS_RE.sub("\n", html) if _rows_cuttable(html) else None
    # every row, head and body tag gone, or none: a start tag cut without its end tag would leave an element open
    whole = cut is not None and ("<t" not in cut or not _TABLE_PART_RE.search(cut))
    html = cut if whole and cut is not None else _HR_BETWEEN_BLANKS_RE.sub("\n", html)
    if _LOOSE_AMP_RE.search(html) or _excluded_cut_name(html):
        return html  # (the rules' and rows' cut above is no join of texts: neither matters to it)
    parts = _INLINE_PAIR_RE.split(html)
    if len(parts) == 1:
        return html
    # split() gives the text before each match, the tag's name and the element's text: keep the first and last
    return "".join(itertools.chain.from_iterable(zip(parts[0::3], parts[2::3]))) + parts[-1]


def views(html: str, *, material: bool = False) -> tuple[str, str]:
    """``(search_view(html), finished(html))`` from one walk over the brackets: the reader's page is the pieces
    the walk cut, joined without the comments (and the card's fields are cut in their own piece, not in a
    copy of the page), where two scans and two more copies of the page made them.

    >>> page = '<p>a</p>' + SKIP + '<span>x</span>' + RESUME + '<h3>b</h3>'
    >>> views(page) == (search_view(page), finished(page)) == ('<p>a</p><h3>b</h3>', '<p>a</p><span>x</span><h3>b</h3>')
    True
    """
    if SKIP not in html:
        return search_view(html, material=material), html
    kept, whole, pos, card = [], [], 0, -1
    while (start := html.find(SKIP, pos)) >= 0 and (end := html.find(RESUME, start)) >= 0:
        piece = html[pos:start]
        if card < 0 and _CARD_FIELDS in piece:
            card = len(kept)
        kept.append(piece)
        whole += (piece, html[start + len(SKIP):end])
        pos = end + len(RESUME)
    kept.append(html[pos:])
    whole.append(html[pos:])
    page = "".join(whole)
    if _MARK_PREFIX in page:  # a comment left (one the author wrote, an unclosed bracket): the long way
        page = finished(html)
    if card >= 0 and "</dl>" in kept[card][kept[card].find(_CARD_FIELDS):]:
        kept[card] = _card_fields(kept[card])
        view = "".join(kept)
    else:
        view = _card_fields("".join(kept))
    return _cut(view, material), page


def _unbracketed(html: str) -> str:
    """``html`` without each part from a :data:`SKIP` to the next :data:`RESUME` (an unclosed one stays)."""
    out, pos = [], 0
    while (start := html.find(SKIP, pos)) >= 0 and (end := html.find(RESUME, start)) >= 0:
        out.append(html[pos:start])
        pos = end + len(RESUME)
    out.append(html[pos:])
    return "".join(out)


def _card_fields(html: str) -> str:
    start = html.find(_CARD_FIELDS)
    end = html.find("</dl>", start)
    if start < 0 or end < 0:
        return html
    return html[:start] + _CARD_ITEM_RE.sub("", html[start:end]) + html[end:]


def _bare(m: re.Match[str]) -> str:
    return m.group(1) or ""


ROADMAP = '<div class="ms-roadmap" id="'
"""How a roadmap block starts: one line of our own HTML (``render_roadmap`` writes no line break)."""
_ATTRIBUTES = r'(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)+\s*'
"""One or more attributes as our markup writes them (a value in double quotes, holding no ``<`` or ``>``)."""
_TAG_ATTRIBUTES_RE = re.compile(
    r"(<(?!h[1-6][\s/>])[a-zA-Z][a-zA-Z0-9:-]*)(?![^<>]*data-search-exclude)" + _ATTRIBUTES + "(?=/?>)")
"""A start tag's name and attributes, but a heading's (its ``id`` names a section) and an element's that search
leaves out. The name is the one group: ``"".join(split(...))`` keeps it (no call per match, as ``sub`` makes)."""
_PROGRESS_SVG_RE = re.compile(r'(?<=>)<svg class="ms-progress-bar"[^<>]*>(?:<rect [^<>]*>(?:</rect>)?)*</svg>(?=<)')
"""A progress bar's drawing: tags and no text, between two tags (so no two texts meet where it was)."""
_EXCLUDED_RE = re.compile(r'<([a-zA-Z][a-zA-Z0-9:-]*)' + _ATTRIBUTES + "/?>")
_HEADING_RE = re.compile(r"<h[1-6][\s/>]")


def roadmap_view(html: str) -> str:
    """``html`` with each roadmap block leaner for Material's search parser, which indexes the same from it.

    In a block (from :data:`ROADMAP` to the end of its line, all of it our escaped markup: no ``>`` but
    the tags'), the parser meets no attribute it reads (a heading's ``id``, ``data-search-exclude``, a
    ``headerlink``'s class): they go, as do the progress bars' drawings, and what is inside an element
    search leaves out (the counters, the table heads, the dependency graph and the timeline: thousands
    of tags it would read and drop), unless a heading is in there.

    >>> roadmap_view('<p>a</p>\\n' + ROADMAP + 'r"><p class="x" data-search-exclude=""><b>1</b></p><a href="y">z</a></div>\\n')
    '<p>a</p>\\n<div><p class="x" data-search-exclude=""></p>z</div>\\n'
    """
    start = html.find(ROADMAP)
    if start < 0:
        return html
    out, pos = [], 0
    while start >= 0:
        end = html.find("\n", start)
        end = len(html) if end < 0 else end
        out += (html[pos:start], _lean(html[start:end]))
        pos = end
        start = html.find(ROADMAP, end)
    out.append(html[pos:])
    return "".join(out)


def _lean(block: str) -> str:
    block = _PROGRESS_SVG_RE.sub("", _without_excluded(block))
    return inline_cut("".join(_TAG_ATTRIBUTES_RE.split(block)))


def _without_excluded(block: str) -> str:
    """``block`` with the inside of each ``data-search-exclude`` element cut (the element stays, empty)."""
    out, pos = [], 0
    at = block.find(" data-search-exclude")
    while at >= 0:
        tag = _EXCLUDED_RE.match(block, block.rfind("<", 0, at))
        if tag is None or not tag.end() > at or tag.group().endswith("/>"):
            at = block.find(" data-search-exclude", at + 1)
            continue  # not in a tag as we write them, or an empty element
        close = _matching_close(block, tag.group(1), tag.end())
        if close < 0 or _HEADING_RE.search(block, tag.end(), close):
            at = block.find(" data-search-exclude", at + 1)
            continue
        out.append(block[pos:tag.end()])
        pos = close
        at = block.find(" data-search-exclude", close)
    out.append(block[pos:])
    return "".join(out)


def _matching_close(block: str, name: str, at: int) -> int:
    """Where the end tag of the element ``name`` open at ``at`` starts (-1 if it is not closed)."""
    depth = 1
    for m in re.compile(f"<(/?){re.escape(name)}(?=[\\s/>])[^<>]*>").finditer(block, at):
        if m.group(1):
            depth -= 1
            if not depth:
                return m.start()
        elif not m.group().endswith("/>"):
            depth += 1
    return -1


def finished(html: str) -> str:
    """``html`` as the reader gets it: the brackets gone, everything else as it was."""
    return _MARK_RE.sub("", html) if SKIP in html else html


def _comment(which: str) -> etree.Element:
    return etree.Comment(AtomicString(which[4:-3]))  # no tree processor reads a comment's text as Markdown


class SearchMarksTreeprocessor(Treeprocessor):
    """Brackets the chrome that :class:`~.render.RenderTreeprocessor` recorded (``md.ms_chrome``) with
    the two comments. Runs last (priority -50: after ``toc``, MkDocs' link rewriting and title extraction),
    so no other tree processor meets the comments. Each comment goes in without moving any text: with
    them removed, the page is the same string."""

    def run(self, root: etree.Element) -> None:
        md: Any = self.md
        chrome: list[etree.Element] = getattr(md, "ms_chrome", None) or []
        if not chrome:
            return
        md.ms_chrome = []
        where = {id(el): i for i, el in enumerate(root)}
        # From the last to the first, so the positions stay right while comments go in.
        for el in sorted((c for c in chrome if id(c) in where), key=lambda c: where[id(c)], reverse=True):
            if el.tag == "details" and not self._phase(el):
                continue
            if el.tag != "details":
                self._card(el)
            at = where[id(el)]
            resume = _comment(RESUME)
            resume.tail, el.tail = el.tail, None  # the text after the element stays after it
            root.insert(at + 1, resume)
            root.insert(at, _comment(SKIP))

    @staticmethod
    def _phase(details: etree.Element) -> bool:
        """``<details><summary> | <hN> | badge</summary><div> | body | </div></details>``."""
        if len(details) < 2 or details[0].tag != "summary" or details[1].tag != "div" or not len(details[0]):
            return False
        summary, body = details[0], details[1]
        summary.insert(0, _comment(RESUME))
        summary.insert(2, _comment(SKIP))  # after the heading and its tail
        body.insert(0, _comment(RESUME))
        body.append(_comment(SKIP))
        return True

    @staticmethod
    def _card(card: etree.Element) -> None:
        """``<div class="ms-card"><div head/> | <dl/> | progress</div>``: the author's fields stay."""
        for i, child in enumerate(card):
            if child.tag == "dl":
                card.insert(i + 1, _comment(SKIP))
                card.insert(i, _comment(RESUME))
                return
