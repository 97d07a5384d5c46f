# SPDX-License-Identifier: MIT
"""The page's structure, decorated from the model: card, badges, collapsible phases, checkboxes.

Nothing here reads the page's words again: the parser decided the title, the fields, the phases
(number, title, estimate) and each table column's kind; this tree processor finds the elements
they became, in model order (phase headings and tables by their text, field paragraphs by their
line), and decorates them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from datetime import date
from functools import lru_cache
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markdown.serializers import to_html_string, to_xhtml_string
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .. import i18n
from ..model import Field, Milestone
from ..parser import heading_anchor, read_status as _read_status
from ..render import chrome as c, html as h
from ..render.history import render_history_section
from ..roadmap.query import plain
from ..vocabulary import normalize_priority as _normalize_priority, split_status as _split_status
from .boxes import decorate_list
from .context import PageContext
from .phases import PhaseRenderer
from .plain import no_markdown_in_generated as _no_markdown_in_generated, host_rule as _host_rule
from .preprocessors import context_of
from .search_view import RESUME, SKIP
from .tables import TableRenderer
from .words import code_spans, href_rewriter, words_html

if TYPE_CHECKING:
    from markdown import Markdown

    from . import MilestonesExtension

__all__ = ["RenderTreeprocessor"]

_KEYWORD_RE = re.compile(r"^\s*(?:\*\*|__)?milestone(?:\*\*|__)?\s*[:\-\u2013\u2014]?\s*", re.IGNORECASE)
_LT_RE = re.compile(r"<|&lt;|&#0*60;|&#x0*3c;", re.IGNORECASE)
# The readings of a value's words are pure functions of the words, which repeat from field to field and page to page.
read_status = lru_cache(maxsize=4096)(_read_status)
split_status = lru_cache(maxsize=4096)(_split_status)
normalize_priority = lru_cache(maxsize=1024)(_normalize_priority)
slug = lru_cache(maxsize=1024)(h.slug)
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FIELD_KINDS = {"status": "status", "priority": "priority"}


@lru_cache(maxsize=1024)
def _field_head(label: str) -> str:
    """A field paragraph's start as finished HTML, to its value: labels repeat from page to page."""
    return f'<p class="ms-field" data-field="{c.attr(slug(label))}"><strong class="ms-label">{c.text(label)}</strong>: '


def _value(field: Field) -> etree.Element | str:
    """A field's value: a badge for a status or priority, else the text as written."""
    kind = _FIELD_KINDS.get(field.label.lower())
    # The status words make the badge; the explanation after them is a note beside it.
    if kind == "status":
        words, note, canon = read_status(field.value)  # as the parser reads it
        return h.with_note(h.badge(words, canon), note)
    if kind == "priority":
        words, note = split_status(field.value, kind)
        canon = normalize_priority(words)
        words, note = (words, note) if canon else (field.value, "")
        return h.with_note(h.priority_badge(words, canon), note)
    return field.value if field.shown is None else field.shown


def _anchor_milestones(root: etree.Element, milestones: list[Milestone]) -> None:
    """A roadmap document's milestones, each given its anchor (``#milestone-v1``), and nothing else changed.

    A section's heading gets the id toc would give it anyway (so it is there without toc too); an
    item of a ``## Milestones`` list gets ``milestone-<id>``.
    """
    if not milestones:
        return  # most pages: not a roadmap document, nothing to walk
    taken = {el.get("id") for el in root.iter() if el.get("id")}
    heads = [el for el in root.iter() if el.tag in _HEADING_TAGS and not el.get("id")]
    items = [el for el in root.iter("li") if not el.get("id")]
    for ms in milestones:
        if not ms.anchor or ms.anchor in taken:
            continue
        el = next((x for x in heads if heading_anchor("".join(x.itertext()).strip()) == ms.anchor), None)
        if el is None:
            name = re.compile(r"(?<![\w.])" + re.escape(ms.id or ms.title) + r"(?![\w.])")
            el = next((x for x in items if name.search("".join(x.itertext()))), None)
        if el is not None:
            el.set("id", ms.anchor)
            taken.add(ms.anchor)
            (heads if el in heads else items).remove(el)


class RenderTreeprocessor(PhaseRenderer, TableRenderer, Treeprocessor):
    """Turns the parsed page into a status page. Runs before inline processing: text is still Markdown."""

    def __init__(self, md: Markdown, ext: MilestonesExtension) -> None:
        super().__init__(md)
        self.ext = ext
        self.triggers: re.Pattern[str] | None = None
        self.refs: frozenset[str] = frozenset()
        self.skip: tuple[str, str] | None = None
        self.href: Callable[[str], str] | None = None
        """The host's rewriting of a link's URL (:func:`.words.href_rewriter`)."""
        self.code = False
        """Whether a code span is Python-Markdown's own (:func:`.words.code_spans`)."""
        self.day: date | None = None
        """The day overdue is measured against (:meth:`~.MilestonesExtension.today`), read once per page."""
        self.open_phases = "in-progress"
        self.blocks: dict[int, int] = {}
        """``id(p)`` -> stash index: the top-level paragraphs that hold one piece of our finished HTML."""
        self.tails: dict[int, int] = {}
        self.opens: dict[int, int] = {}
        self.hr: str | None = None
        self.badges: dict[tuple[Any, str, str | None], str] = {}
        """Badges made on this page (the same status words make the same badge; the labels are this page's language)."""
        self.stashed: dict[str, str] = {}
        """Inline finished HTML (a box, a table cell's badge) -> its stash placeholder on this page: the same piece is
        stashed once, however often the page shows it (:meth:`_stash_once`)."""
        """``id(heading)`` -> stash index: a phase heading whose tail ends with its summary's placeholder."""

    def run(self, root: etree.Element) -> None:
        md: Any = self.md
        ms: Milestone | None = getattr(md, "milestone", None)
        ctx = context_of(md)
        if ms is None:
            _anchor_milestones(root, getattr(md, "milestones", []))
            if getattr(md, "milestone_roadmap", False) and self.ext.inline_assets(ctx):
                self.ext.append_assets(md, root)  # a roadmap marker page needs the stylesheet too
            return
        self.triggers = _host_rule(md)
        self.href, self.code = href_rewriter(md), code_spans(md)
        self.hr = {to_xhtml_string: "<hr />", to_html_string: "<hr>"}.get(md.serializer)
        self.refs = frozenset(r.text for r in ms.refs)
        self.skip = (SKIP, RESUME) if ctx.defer_graph else None
        self.day = self.ext.today()
        self.blocks, self.tails, self.badges, self.stashed, self.opens = {}, {}, {}, {}, {}
        self.open_phases = self.ext.getConfig("open_phases")
        try:
            self._render(root, ms, ctx)
        except Exception as err:  # noqa: BLE001 - degrade this page to plain Markdown, keep the build
            # The block parser's tree once more from the preprocessed lines (no copy kept on every page
            # for this rare case; tree processors before this one, if any, do not run again).
            md.ms_chrome = []
            fresh = md.parser.parseDocument(md.lines).getroot()
            root.clear()
            root.extend(list(fresh))
            root.attrib.update(fresh.attrib)
            self.ext.internal_error(md, err)

    def _render(self, root: etree.Element, ms: Milestone, ctx: PageContext) -> None:
        children = list(root)
        h1 = children[0] if children and children[0].tag == "h1" else None
        insert_at = 0
        fields = self._match_fields(root, ms)
        if h1 is not None:
            own = "".join(h1.itertext())
            for child in list(h1):
                h1.remove(child)
            if ms.keyword_title:
                # "MILESTONE: name" shows as "name"; "Milestone v1.1: name" keeps its id: "v1.1: name"
                own = ms.title if not ms.id else _KEYWORD_RE.sub("", own.strip(), count=1)
            # A heading without the keyword (a page made a milestone by front matter) keeps its
            # own words, whatever the front matter's title says.
            if ctx.host == "zensical" and ("<" in own or "&" in own):
                # Zensical takes the page title from this heading, and 0.0.73 un-escapes it into <title>:
                # a WORD JOINER after each "<", written or as a character reference, keeps "</title><script>"
                # text there. Other hosts' output is left as is.
                own = _LT_RE.sub("\\g<0>\u2060", own)
            h1.text = h.protect(own)
            h1.set("class", "ms-title")
            insert_at = 1
        elif ms.title and root.find("h1") is None:
            # A milestone by front matter alone (``title:``, no heading): its title heads the page, as a heading
            # would (a theme that adds the page title itself, as Material does, sees this one and adds none).
            title = _LT_RE.sub("\\g<0>\u2060", ms.title) if ctx.host == "zensical" else ms.title
            h1 = etree.Element("h1", {"class": "ms-title"})
            h1.text = h.protect(title)
            root.insert(0, h1)
            insert_at = 1
        chrome: list[etree.Element] | None = self.md.ms_chrome if ctx.defer_graph else None  # type: ignore[attr-defined]
        top = self._take_top_fields(root, h1, fields)
        card_fields = self._card_fields(ms, top)
        if card_fields is not None:  # plain words only: the card as finished HTML, bracketed for search inside
            html = c.card(ms, card_fields, h.milestone_progress_detail(ms), self.day, self.skip)
            root.insert(insert_at, self._raw(html))
        else:
            card = h.header_card(ms, [h.meta_item(f.label, _value(f), slug(f.label)) for f in top], self.day)
            _no_markdown_in_generated(card)
            root.insert(insert_at, card)
            if chrome is not None:
                chrome.append(card)  # the host's search reads the page without it (search_view.py)
        graph = self.ext.graph_html(self.md, ms)
        if graph is not None:
            root.insert(insert_at + 1, graph)
            self.blocks[id(graph)] = self.md.htmlStash.html_counter - 1  # a comment, <div> or <pre>: joins the card
        # The field paragraphs are the ones matched above (no walk finds them again), decorated before the phases
        # move any of them: a run of them still stands side by side in the page.
        self._field_paragraphs(root, fields)
        self._phases(root, ms, h1, chrome)
        if ctx.history is not None:
            self._history(root, ms, ctx)
        if self.ext.inline_assets(ctx):
            self.ext.append_assets(self.md, root)
        # Tables and lists are found by the tree's own filtered walks; each is decorated on its own, so the order
        # between them changes nothing. A table cursor: the model's tables, the next one to match, the phases read
        # from table rows, the risks' rows.
        tables = [ms.tables, 0, {p.line: p for p in ms.phases if p.heading_level == 0}, {r.line for r in ms.risks}]
        top = {id(el): at for at, el in enumerate(root) if el.tag == "table"}
        done = [(el, html) for el in root.iter("table") if (html := self._table(el, tables, id(el) in top)) is not None]
        for el, html in done:  # a finished table: our paragraph holding it, in its place
            p = self._raw(html)
            p.tail = el.tail
            root[top[id(el)]] = p
        for tag in ("ul", "ol"):
            for el in root.iter(tag):
                decorate_list(self.md, el, self._plain, self._stash_once)
        self._join_blocks(root)

    def _history(self, root: etree.Element, ms: Milestone, ctx: PageContext) -> None:
        """The page's "History" section (burn-up and status changes) at its end, when git has its history."""
        view = ctx.history
        assert view is not None
        block = render_history_section(view.milestones.get(ctx.file or ""), title=plain(ms.title), repo_url=view.repo_url,
                                       heading=None, today=view.now.date(), current=ms, now=view.now)
        if block:
            heading = etree.SubElement(root, "h2", {"class": "ms-history-heading"})  # a heading of the page: in its TOC
            heading.text = AtomicString(i18n.text("history.title"))
            holder = etree.SubElement(root, "p")
            holder.text = self.md.htmlStash.store(block)

    # -- fields ---------------------------------------------------------------------------------
    @staticmethod
    def _match_fields(root: etree.Element, ms: Milestone) -> dict[int, tuple[etree.Element, Field, int]]:
        """The paragraphs that are the model's label lines, in order: ``id(p)`` -> the paragraph, its field and its
        place among the page's top-level elements."""
        model = sorted([*ms.fields, *(f for p in ms.phases for f in p.fields)], key=lambda f: f.line)
        out: dict[int, tuple[etree.Element, Field, int]] = {}
        sources = {f.source for f in model}
        k = 0
        for at, el in enumerate(root):
            if el.tag != "p" or len(el) or not el.text or "\n" in el.text.strip():
                continue
            text = el.text.strip()
            if text not in sources:
                continue  # a paragraph of the page's own
            for j in range(k, len(model)):
                if model[j].source == text:
                    out[id(el)] = (el, model[j], at)
                    k = j + 1
                    break
        return out

    @staticmethod
    def _take_top_fields(root: etree.Element, h1: etree.Element | None, fields: dict[int, tuple[etree.Element, Field, int]]) -> list[Field]:
        """The label lines between the title and the first heading, taken from the page (the card shows them)."""
        items: list[Field] = []
        for el in list(root)[1 if h1 is not None else 0:]:
            if el.tag in _HEADING_TAGS or el.tag == "hr":
                break
            found = fields.pop(id(el), None)
            if found is not None:
                items.append(found[1])
                root.remove(el)
        return items

    # -- finished HTML for plain words (issue 17) ----------------------------------------------
    def _plain(self, *texts: str) -> bool:
        """Whether these words of the author's come out of Python-Markdown as they are: nothing in them any inline
        pattern of the host starts with, no issue reference the page links (:mod:`.plain`, :mod:`.links`)."""
        triggers = self.triggers
        if triggers is None:
            return False
        for s in texts:
            if s and (triggers.search(s) or (self.refs and any(r in s for r in self.refs))):
                return False
        return True

    def _raw(self, html: str, p: etree.Element | None = None) -> etree.Element:
        """A paragraph (``p``, or a new one) holding a stash placeholder: Python-Markdown puts ``html`` in its place,
        paragraph and all (``html`` starts with a block element or a comment)."""
        p = etree.Element("p") if p is None else p
        self.blocks[id(p)] = self.md.htmlStash.html_counter
        p.text = AtomicString(self.md.htmlStash.store(html))
        return p

    def _stash_once(self, html: str) -> str:
        """The stash placeholder of an inline piece of finished HTML, one per distinct piece on the page: Python-Markdown
        puts the piece wherever its placeholder is, and its raw-HTML step does the work once per stash entry."""
        placeholder = self.stashed.get(html)
        if placeholder is None:
            placeholder = self.stashed[html] = self.md.htmlStash.store(html)
        return placeholder

    def _badge(self, make: Callable[[str, str | None], str], words: str, canon: str | None) -> str:
        """``make(words, canon)`` (a badge of :mod:`..render.chrome`), made once per page for the same words."""
        key = (make, words, canon)
        html = self.badges.get(key)
        if html is None:
            html = self.badges[key] = make(words, canon)
        return html

    def _value_html(self, f: Field) -> tuple[str, str | None] | None:
        """:func:`_value` as finished HTML, with the words shown as written (None for a badge); None when the
        value holds Markdown."""
        kind = _FIELD_KINDS.get(f.label.lower())
        if kind == "status":
            words, note, canon = read_status(f.value)
            return (c.with_note(self._badge(c.badge, words, canon), note), None) if self._plain(words, note) else None
        if kind == "priority":
            words, note = split_status(f.value, kind)
            canon = normalize_priority(words)
            words, note = (words, note) if canon else (f.value, "")
            return (c.with_note(self._badge(c.priority_badge, words, canon), note), None) if self._plain(words, note) else None
        return self._words_html(f.value if f.shown is None else f.shown)

    def _words_html(self, value: str) -> tuple[str, str | None] | None:
        """A value shown as written, as finished HTML: plain words (and the words), or plain words with links to pages of
        the site and code spans (:mod:`.words`; no words); None when it holds other Markdown."""
        if self._plain(value):
            return c.text(value), value
        html = words_html(value, self._plain, self.href, self.code) if self.triggers is not None else None
        return None if html is None else (html, None)

    def _card_fields(self, ms: Milestone, top: list[Field]) -> list[c.CardField] | None:
        """The card's fields as finished HTML, or None when any word the card shows holds Markdown."""
        if not self._plain(ms.status_text, ms.status_note, *ms.owners, *ms.tags):
            return None
        out = []
        for f in top:
            value = self._value_html(f) if self._plain(f.label) else None
            if value is None or (value[1] is None and h.card_kind(slug(f.label)) is not None):
                return None  # links on the Target or Tags line: the element builders read the Markdown there
            out.append(c.CardField(f.label, slug(f.label), value[0], value[1]))
        return out

    def _field_paragraphs(self, root: etree.Element, fields: dict[int, tuple[etree.Element, Field, int]]) -> None:
        """Each field paragraph decorated; one that comes right after another, both as finished HTML, joins its stash
        entry and leaves the page (as :meth:`_join_blocks` would join them: a line break between; fewer elements and
        stash entries for everything after)."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        into: int | None = None  # the stash entry of the paragraph just before, when it is finished HTML
        last = -2
        for p, f, at in fields.values():
            tailless = not (p.tail or "").strip()  # words after it (not a field's own): it joins nothing
            html = self._field_html(f)
            if html is not None and into is not None and at == last + 1 and tailless:
                blocks[into] += "\n" + html
                root.remove(p)
            elif html is not None:
                self._raw(html, p)
                into = self.blocks[id(p)] if tailless else None
            else:
                self._field_paragraph(p, f)
                into = None
            last = at

    def _field_html(self, f: Field) -> str | None:
        """A field paragraph as finished HTML, or None when its words hold Markdown."""
        if f.label.lower() not in _FIELD_KINDS:  # most fields: the words as written, no badge
            value = self._words_html(f.value if f.shown is None else f.shown) if self._plain(f.label) else None
            return None if value is None else _field_head(f.label) + value[0] + "</p>"
        value = self._value_html(f) if self._plain(f.label) else None
        return None if value is None else _field_head(f.label) + value[0] + "</p>"

    def _field_paragraph(self, p: etree.Element, f: Field) -> None:
        """A field paragraph whose words hold Markdown: the paragraph decorated as elements, its words left to the
        inline pass."""
        p.set("class", "ms-field")
        p.set("data-field", slug(f.label))
        val = _value(f)
        if isinstance(val, str) and self._plain(f.label):
            # The label as finished HTML, the value the author's Markdown after it (the inline pass reads it as
            # it read the label's tail)
            p.text = self.md.htmlStash.store(f'<strong class="ms-label">{c.text(f.label)}</strong>: ') + h.protect(val)
            return
        p.text = None
        strong = etree.SubElement(p, "strong", {"class": "ms-label"})
        strong.text = h.protect(f.label)
        strong.tail = AtomicString(": ")  # punctuation of ours; the value appended below is the author's
        if isinstance(val, str):
            strong.tail += h.protect(val)
        else:
            p.append(val)
