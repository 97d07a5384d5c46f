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
from typing import TYPE_CHECKING, Any

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .. import i18n
from ..model import Field, Milestone, Phase, Table
from ..parser import cell_value, heading_anchor, read_status, split_attr_list
from ..render import html as h
from ..render.history import render_history_section
from ..roadmap.query import plain
from ..vocabulary import normalize_priority, split_status
from .boxes import decorate_list
from .context import PageContext
from .plain import plain_text_rule as _plain_text_rule, settle as _settle
from .preprocessors import context_of

if TYPE_CHECKING:
    from markdown import Markdown

    from . import MilestonesExtension

__all__ = ["RenderTreeprocessor"]

_KEYWORD_RE = re.compile(r"^\s*(?:\*\*|__)?milestone(?:\*\*|__)?\s*[:\-\u2013\u2014]?\s*", re.IGNORECASE)
_LT_RE = re.compile(r"<|&lt;|&#0*60;|&#x0*3c;", re.IGNORECASE)
_GENERATED_TEXT = frozenset({"ms-kicker", "ms-badge-label", "ms-progress-text", "ms-progress-detail", "ms-phase-checks",
                             "ms-badge ms-overdue", "ms-phase-target", "ms-target"})
"""Classes of the spans whose text we write ourselves (words, counts, percentages), never the author."""
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FIELD_KINDS = {"status": "status", "priority": "priority"}


def _no_markdown_in_generated(el: etree.Element) -> None:
    """Mark the text we wrote ourselves as atomic, so the inline patterns skip it (nothing in it is Markdown)."""
    for span in el.iter("span"):
        if span.text and span.get("class") in _GENERATED_TEXT:
            span.text = AtomicString(span.text)


def _same_heading(model: str, shown: str | None) -> bool:
    """The parser's heading text and Python-Markdown's are the same words (closing ``#`` aside)."""
    return model.rstrip("#").strip() == (shown or "").rstrip("#").strip()


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


class RenderTreeprocessor(Treeprocessor):
    """Turns the parsed page into a status page. Runs before inline processing: text is still Markdown."""

    def __init__(self, md: Markdown, ext: MilestonesExtension) -> None:
        super().__init__(md)
        self.ext = ext
        self.triggers: re.Pattern[str] | None = None

    def run(self, root: etree.Element) -> None:
        md: Any = self.md
        ms: Milestone | None = getattr(md, "milestone", None)
        ctx = context_of(md)
        if ms is None:
            _anchor_milestones(root, getattr(md, "milestones", []))
            if getattr(md, "milestone_roadmap", False) and self.ext.inline_assets(ctx):
                self.ext.append_assets(md, root)  # a roadmap marker page needs the stylesheet too
            return
        self.triggers = _plain_text_rule(md)
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
        card = h.header_card(ms, self._take_top_fields(root, h1, fields), self.ext.today())
        _no_markdown_in_generated(card)
        _settle(card, self.triggers)
        root.insert(insert_at, card)
        chrome: list[etree.Element] | None = self.md.ms_chrome if ctx.defer_graph else None  # type: ignore[attr-defined]
        if chrome is not None:
            chrome.append(card)  # the host's search reads the page without it (search_view.py)
        graph = self.ext.graph_html(self.md, ms)
        if graph is not None:
            root.insert(insert_at + 1, graph)
        self._phases(root, ms, h1, chrome)
        if ctx.history is not None:
            self._history(root, ms, ctx)
        if self.ext.inline_assets(ctx):
            self.ext.append_assets(self.md, root)
        # the model's tables, the next one to match, the phases read from table rows, the risks' rows
        tables = [ms.tables, 0, {p.line: p for p in ms.phases if p.heading_level == 0}, {r.line for r in ms.risks}]
        for el in root.iter():
            if el.tag == "p" and id(el) in fields:
                self._field_paragraph(el, fields[id(el)])
            elif el.tag == "table":
                self._table(el, tables)
            elif el.tag in ("ul", "ol"):
                decorate_list(self.md, el)

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
    def _match_fields(root: etree.Element, ms: Milestone) -> dict[int, Field]:
        """The paragraphs that are the model's label lines, in order: ``id(p)`` -> field."""
        model = sorted([*ms.fields, *(f for p in ms.phases for f in p.fields)], key=lambda f: f.line)
        out: dict[int, Field] = {}
        k = 0
        for el in root:
            if el.tag != "p" or len(el) or not el.text or "\n" in el.text.strip():
                continue
            text = el.text.strip()
            for j in range(k, len(model)):
                if model[j].source == text:
                    out[id(el)] = model[j]
                    k = j + 1
                    break
        return out

    @staticmethod
    def _take_top_fields(root: etree.Element, h1: etree.Element | None, fields: dict[int, Field]) -> list[etree.Element]:
        """The label lines between the title and the first heading, moved into the card."""
        items: list[etree.Element] = []
        for el in list(root)[1 if h1 is not None else 0:]:
            if el.tag in _HEADING_TAGS or el.tag == "hr":
                break
            f = fields.pop(id(el), None)
            if f is not None:
                items.append(h.meta_item(f.label, _value(f), h.slug(f.label)))
                root.remove(el)
        return items

    def _field_paragraph(self, p: etree.Element, f: Field) -> None:
        p.set("class", "ms-field")
        p.set("data-field", h.slug(f.label))
        p.text = None
        strong = etree.SubElement(p, "strong", {"class": "ms-label"})
        strong.text = h.protect(f.label)
        strong.tail = AtomicString(": ")  # punctuation of ours; the value appended below is the author's
        val = _value(f)
        if isinstance(val, str):
            strong.tail += h.protect(val)
        else:
            p.append(val)
        _settle(p, self.triggers)

    # -- phases ---------------------------------------------------------------------------------
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
        starts = {i for i, _ in found}
        for i, phase in found:
            level = phase.heading_level
            j = i + 1
            while j < len(children):
                nxt = children[j]
                if j in starts or (nxt.tag in _HEADING_TAGS and int(nxt.tag[1]) <= level):
                    break
                j += 1
            body = children[i + 1:j]
            while body and body[-1].tag == "hr":
                body.pop()
            heading = children[i]
            pos = list(root).index(heading)
            for child in [heading, *body]:
                root.remove(child)
            details = self._phase_details(heading, phase, body)
            root.insert(pos, details)
            if chrome is not None:
                chrome.append(details)

    def _phase_details(self, heading: etree.Element, phase: Phase, body: list[etree.Element]) -> etree.Element:
        assert phase.heading is not None
        status = phase.status
        details = etree.Element("details", {"class": "ms-phase", "id": phase.anchor, "data-status": status or "unknown"})
        details.set("data-phase", phase.id)
        mode = self.ext.getConfig("open_phases")
        if mode == "all" or (mode == "in-progress" and status == "in-progress"):
            details.set("open", "open")
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
        summary = h.phase_summary(phase, heading, phase.status_text, status, self.ext.today())
        _no_markdown_in_generated(summary)
        _settle(summary, self.triggers)
        details.append(summary)
        content = etree.SubElement(details, "div", {"class": "ms-phase-body"})
        for child in body:
            content.append(child)
        if not phase.status_text and not phase.status_inferred:  # an inferred status is the phase's too
            details.set("data-status", "unknown")
        return details

    # -- tables, lists --------------------------------------------------------------------------
    def _table(self, table: etree.Element, cursor: list[Any]) -> None:
        """Badges in the columns the parser gave a kind (status, priority, likelihood, impact).

        A likelihood or impact cell is badged only on a row that is one of the model's risks (by its
        source line): a table that merely looks like a risk table (under a phase, in an admonition) shows
        no risk badges, as the export lists no risk for it.
        """
        # Python-Markdown keeps ``\|`` in a cell's text until the inline pass; the parser's header has ``|``.
        header = tuple((th.text or "").replace("\\|", "|").strip() for th in table.iter("th"))
        kinds: tuple[str | None, ...] = ()
        model: list[Table] = cursor[0]
        lines: dict[int, int] = {}  # id(tr) -> source line of the row
        for j in range(cursor[1], len(model)):  # the model's next table with this header
            if model[j].header == header:
                kinds = model[j].kinds
                cursor[1] = j + 1
                row_phases: dict[int, Phase] = cursor[2]
                body = [tr for tr in table.iter("tr") if any(c.tag == "td" for c in tr)]
                for n, tr in enumerate(body):  # a pipe table's rows are consecutive lines after the delimiter row
                    lines[id(tr)] = model[j].line + 2 + n
                    phase = row_phases.get(lines[id(tr)])
                    if phase is not None:
                        tr.set("data-phase", phase.id)
                        tr.set("data-status", phase.status or "unknown")
                break
        for cell in table.iter():
            if cell.tag in ("th", "td") and cell.text and not len(cell):
                cell.text = h.protect(cell.text)
        if not any(kinds):
            return
        risk_lines: set[int] = cursor[3]
        for tr in table.iter("tr"):
            cells = [c for c in tr if c.tag == "td"]
            is_risk = lines.get(id(tr)) in risk_lines
            for idx, kind in enumerate(kinds):
                if kind is None or idx >= len(cells) or len(cells[idx]) or not (cells[idx].text or "").strip():
                    continue
                if kind in ("likelihood", "impact") and not is_risk:
                    continue
                cell = cells[idx]
                raw = (cell.text or "").replace("&lt;", "<")
                cell.text = None
                if kind == "status":
                    cell.append(h.badge(raw, cell_value(kind, raw)))
                elif kind == "priority":
                    cell.append(h.priority_badge(raw, cell_value(kind, raw)))
                else:
                    cell.append(h.level_badge(raw, cell_value(kind, raw)))
                _settle(cell, self.triggers)
