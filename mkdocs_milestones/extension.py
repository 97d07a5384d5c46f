# SPDX-License-Identifier: MIT
"""The Python-Markdown adapter: everything that concerns one milestone page.

>>> import markdown
>>> html = markdown.markdown("# MILESTONE: Demo\\n**Status**: WIP\\n", extensions=["mkdocs_milestones"])
>>> 'class="ms-card"' in html and 'data-status="in-progress"' in html
True
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .export import MilestoneEntry
from .model import Diagnostic, Milestone, Phase
from .parser import LABEL_RE, OUTSIDE, fence_states, parse_milestone, split_front_matter, title_from_heading
from .render import html as h
from .vocabulary import normalize_level, normalize_priority, normalize_status, starts_with_status_emoji

if TYPE_CHECKING:
    from markdown import Markdown

__all__ = ["MilestonesExtension", "MilestoneError", "makeExtension"]

_LT_RE = re.compile(r"<|&lt;|&#0*60;|&#x0*3c;", re.IGNORECASE)
log = logging.getLogger("mkdocs.plugins.milestones")

OPEN_PHASE_VALUES = ("in-progress", "all", "none")
ASSET_CSS = ("milestones.css", "graph.css", "roadmap.css", "history.css")
"""The stylesheets, in cascade order; the plugin serves them as one file."""
GRAPH_VALUES = ("svg", "mermaid", "none")

_LIST_START_RE = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+\S")
_LIST_MARKS = frozenset("-*+")
_GENERATED_TEXT = frozenset({"ms-kicker", "ms-badge-label", "ms-progress-text", "ms-progress-detail", "ms-phase-checks"})
"""Classes of the spans whose text we write ourselves (words, counts, percentages), never the author."""
_NESTED_ITEM_RE = re.compile(r"^( {2,3})(?:[-*+]|\d+[.)])\s+\S")
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CHECKBOX_RE = re.compile(r"^\[(?P<mark>[ xX])\][ \t]+")
_PHASE_HEAD_RE = re.compile(
    r"^(?P<num>(?:\*\*)?(?:phase|stage|step)\s+(?P<id>\d+(?:\.\d+)?[a-z]?|[a-z])\b(?:\*\*)?)\s*(?P<sep>[:.)\-\u2013\u2014]?\s*)(?P<rest>.*)$",
    re.IGNORECASE,
)
_LEGEND_RE = re.compile(r"^(?P<word>.*?)(?P<sep>\s+[-\u2013\u2014:]\s+)(?P<rest>.*)$", re.DOTALL)
_ESTIMATE_TAIL_RE = re.compile(r"\s*(?P<est>\([^()]*\))\s*$")


def assets_html() -> str:
    """The package's stylesheet and script as inline ``<style>``/``<script>`` (for hosts without the plugin)."""
    from importlib import resources

    folder = resources.files("mkdocs_milestones") / "assets"
    css = "\n".join((folder / n).read_text(encoding="utf-8") for n in ASSET_CSS if (folder / n).is_file())
    js = (folder / "milestones.js").read_text(encoding="utf-8")
    return f"<style>\n{css}\n</style>\n<script>\n{js}\n</script>"


class MilestoneError(Exception):
    """Raised in ``strict`` mode when a milestone document has problems."""


def normalize_source(lines: list[str]) -> list[str]:
    """Insert the blank lines GitHub lets authors leave out, outside code fences.

    Consecutive ``**Status**:`` / ``**Priority**:`` lines become separate paragraphs, and a list
    written straight under a label line becomes a list.

    >>> normalize_source(["**Status**: done", "**Priority**: high", "- [x] a"])
    ['**Status**: done', '', '**Priority**: high', '', '- [x] a']
    """
    return normalize_source_map(lines)[0]


def normalize_source_map(lines: list[str]) -> tuple[list[str], list[int]]:
    """:func:`normalize_source`, and for each output line the index of the source line it stands for.

    An inserted blank line stands for the line it was inserted before, so a later step that finds
    something on output line ``i`` can report source line ``origin[i]``.

    >>> normalize_source_map(["**Status**: done", "**Priority**: high"])
    (['**Status**: done', '', '**Priority**: high'], [0, 1, 1])

    Lines that follow a table row up to the next blank line are rows of that table, for GitHub
    and Python-Markdown alike, labels included: nothing is inserted there.

    >>> normalize_source_map(["| a |", "|---|", "**Status**: done", "**Priority**: high"])[0]
    ['| a |', '|---|', '**Status**: done', '**Priority**: high']
    """
    out: list[str] = []
    origin: list[int] = []
    prev_label = prev_para = in_list = in_table = False
    raw = "\n".join(lines).split("\n")
    for i, (text, state) in enumerate(zip(raw, fence_states(raw))):
        if state != OUTSIDE:  # fenced code (fence lines included): kept as it is
            out.append(text)
            origin.append(i)
            prev_label = prev_para = in_table = False
            continue
        blank = not text.strip()
        in_table = not blank and (in_table or text.lstrip().startswith("|"))
        # A label line has a colon; a list item starts with a marker or a digit after at most 3 spaces.
        is_label = not in_table and ":" in text and bool(LABEL_RE.match(text))
        head = text[:4].lstrip()[:1]
        is_list = not in_table and (head in _LIST_MARKS or head.isdigit()) and bool(_LIST_START_RE.match(text))
        if not blank and ((prev_label and (is_label or is_list)) or (is_label and prev_para)):
            out.append("")
            origin.append(i)
        nested = _NESTED_ITEM_RE.match(text) if in_list else None
        if nested:
            # GitHub nests a list indented by 2-3 spaces under an item; Python-Markdown wants 4.
            text = " " * (4 - len(nested.group(1))) + text
        out.append(text)
        origin.append(i)
        if not blank:
            in_list = is_list or (in_list and text.startswith((" ", "\t")))
        prev_label = is_label
        # A plain paragraph line that a label line must not continue lazily.
        prev_para = not blank and not is_list and not text.startswith((" ", "\t", "|", "#", ">"))
    return out, origin


class RepairPreprocessor(Preprocessor):
    """Repairs mojibake in the whole source, code blocks included (the diagrams live there)."""

    def __init__(self, md: Markdown, ext: MilestonesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.read_host_context(self.md)
        from .mojibake import fix_mojibake_report

        text = "\n".join(lines)
        fixed, repairs = fix_mojibake_report(text)
        if not repairs:
            return lines
        file = self.ext.page_file or "<markdown>"
        offset = self.ext.page_line_offset
        for r in repairs:
            log.debug("%s:%d: repaired mojibake %r -> %r", file, r.line + offset, r.original, r.fixed)
        if self.ext.getConfig("report"):
            log.info("%s: repaired %d mojibake sequence%s", file, len(repairs), "" if len(repairs) == 1 else "s")
        return fixed.split("\n")


class ParsePreprocessor(Preprocessor):
    """Parses the page into a :class:`Milestone` (kept as ``md.milestone``) and normalises it."""

    def __init__(self, md: Markdown, ext: MilestonesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        md: Any = self.md
        md.milestone = None
        md.ms_line_origin = None  # source line of each normalised line (milestone pages only)
        if not self.ext.getConfig("fix_mojibake"):
            self.ext.read_host_context(md)
        try:
            text = "\n".join(lines)
            meta = self.ext.page_meta or getattr(md, "Meta", None) and _meta_from_md(md.Meta)
            first_line = 1 + self.ext.page_line_offset
            ms = self.ext.take_parsed(text, meta, first_line)
            if ms is None:
                ms = parse_milestone(text, file=self.ext.page_file, meta=meta, first_line=first_line)
            if ms is None:
                return lines
            normalized, md.ms_line_origin = normalize_source_map(lines)
        except Exception as err:  # noqa: BLE001 - one broken page must not stop a site build
            self.ext.internal_error(err)
            return lines
        md.milestone = ms
        self.ext.report(ms.diagnostics)
        return normalized


@dataclasses.dataclass(frozen=True)
class ParsedSource:
    """A milestone the host parsed ahead (the plugin, for the roadmap), and what it parsed.

    :func:`~mkdocs_milestones.parser.parse_milestone` is a pure function of these arguments, so when
    the page's text, file, front matter and first line are the same, its milestone is the one the
    page would parse again.
    """

    text: str
    file: str | None
    meta: Mapping[str, Any] | None
    first_line: int
    milestone: Milestone


class MarkerPreprocessor(Preprocessor):
    """Replaces ``<!-- milestones ... -->`` markers with the (filtered) roadmap, as raw HTML blocks."""

    def __init__(self, md: Markdown, ext: MilestonesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.md.milestone_roadmap = False  # type: ignore[attr-defined]
        text = "\n".join(lines)
        if "<!--" not in text or "milestones" not in text:
            return lines
        from .roadmap_marker import expand_markers, find_markers

        if not find_markers(text):
            # A page holding a roadmap written by `mkdocs-milestones roadmap` needs the stylesheet too.
            self.md.milestone_roadmap = 'class="ms-roadmap"' in text  # type: ignore[attr-defined]
            return lines
        entries = self.ext.roadmap_entries()
        if entries is None:
            log.warning(
                "%s: a milestones marker needs the list of milestones: use the MkDocs plugin, or a host that "
                "exposes the docs folder (Zensical), or run `mkdocs-milestones roadmap` before the build",
                self.ext.page_file or "<markdown>",
            )
            return lines
        expanded, diagnostics = expand_markers(
            text, entries, page_url=self.ext.page_url, file=self.ext.page_file, first_line=1 + self.ext.page_line_offset
        )
        origin: list[int] | None = getattr(self.md, "ms_line_origin", None)
        if origin:
            # Lines were inserted on milestone pages (normalize_source): report the author's line.
            first = 1 + self.ext.page_line_offset
            diagnostics = [
                dataclasses.replace(d, line=first + origin[d.line - first]) if 0 <= d.line - first < len(origin) else d
                for d in diagnostics
            ]
        self.ext.report(diagnostics)
        self.md.milestone_roadmap = True  # type: ignore[attr-defined]
        return expanded.split("\n")


def _meta_from_md(meta: dict[str, list[str]]) -> dict[str, Any]:
    """Python-Markdown's ``meta`` extension keeps lists of strings; read ``milestone: true``."""
    out: dict[str, Any] = {}
    if "milestone" in meta and [v.lower() for v in meta["milestone"]] == ["true"]:
        out["milestone"] = True
    return out


def _no_markdown_in_generated(el: etree.Element) -> None:
    """Mark the text we wrote ourselves as atomic, so the inline patterns skip it (nothing in it is Markdown)."""
    for span in el.iter("span"):
        if span.text and span.get("class") in _GENERATED_TEXT:
            span.text = AtomicString(span.text)


class RenderTreeprocessor(Treeprocessor):
    """Turns the parsed page into a status page: card, badges, collapsible phases, checkboxes.

    Runs before inline processing, so the text it moves around is still Markdown.
    """

    def __init__(self, md: Markdown, ext: MilestonesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        ms: Milestone | None = getattr(self.md, "milestone", None)
        if ms is None:
            if getattr(self.md, "milestone_roadmap", False) and self.ext.inline_assets():
                self.ext.append_assets(self.md, root)  # a roadmap marker page needs the stylesheet too
            return
        snapshot = copy.deepcopy(root)
        try:
            self._render(root, ms)
        except Exception as err:  # noqa: BLE001 - degrade this page to plain Markdown, keep the build
            root.clear()
            root.extend(list(snapshot))
            root.attrib.update(snapshot.attrib)
            self.md.milestone = None  # type: ignore[attr-defined]
            self.ext.internal_error(err)

    def _render(self, root: etree.Element, ms: Milestone) -> None:
        children = list(root)
        h1 = children[0] if children and children[0].tag == "h1" else None
        insert_at = 0
        if h1 is not None:
            own = "".join(h1.itertext())
            for child in list(h1):
                h1.remove(child)
            if title_from_heading(own.strip()) is not None:
                own = ms.title  # "MILESTONE: name" shows as "name"
            # A heading without the keyword (a page made a milestone by front matter) keeps its
            # own words, whatever the front matter's title says.
            if not self.ext.managed and self.ext.page_file is not None and ("<" in own or "&" in own):
                # A site host without our plugin (Zensical) takes the page title from this heading, and
                # 0.0.73 un-escapes it into <title>: a WORD JOINER after each "<", written or as a
                # character reference, keeps "</title><script>" text there. Plain Markdown output is left as is.
                own = _LT_RE.sub("\\g<0>\u2060", own)
            h1.text = h.protect(own)
            h1.set("class", "ms-title")
            insert_at = 1
        card_fields = self._take_top_fields(root, h1)
        card = h.header_card(ms, card_fields)
        _no_markdown_in_generated(card)
        root.insert(insert_at, card)
        graph = self.ext.graph_html(self.md, ms)
        if graph is not None:
            root.insert(insert_at + 1, graph)
        self._phases(root, ms)
        if self.ext.inline_assets():
            self.ext.append_assets(self.md, root)
        for el in root.iter():
            if el.tag == "p" and el.get("class") is None:
                self._field_paragraph(el)
            elif el.tag == "table":
                self._table(el)
            elif el.tag in ("ul", "ol"):
                self._list(el)

    # -- top metadata ---------------------------------------------------------------------------
    def _take_top_fields(self, root: etree.Element, h1: etree.Element | None) -> list[etree.Element]:
        items: list[etree.Element] = []
        start = 1 if h1 is not None else 0
        for el in list(root)[start:]:
            if el.tag in _HEADING_TAGS or el.tag == "hr":
                break
            if el.tag != "p" or len(el) or not el.text:
                continue
            m = LABEL_RE.match(el.text)
            if not m:
                continue
            label = (m.group("blabel") or m.group("plabel") or "").strip().rstrip(":").strip()
            value = m.group("value").strip()
            items.append(h.meta_item(label, self._value(label, value), h.slug(label)))
            root.remove(el)
        return items

    @staticmethod
    def _value(label: str, value: str) -> etree.Element | str:
        key = label.lower()
        if key == "status":
            return h.badge(value, normalize_status(value))
        if key == "priority":
            return h.priority_badge(value, normalize_priority(value))
        return value

    def _field_paragraph(self, p: etree.Element) -> None:
        if len(p) or not p.text:
            return
        m = LABEL_RE.match(p.text)
        if not m:
            return
        label = (m.group("blabel") or m.group("plabel") or "").strip().rstrip(":").strip()
        value = m.group("value").strip()
        p.set("class", "ms-field")
        p.set("data-field", h.slug(label))
        p.text = None
        strong = etree.SubElement(p, "strong", {"class": "ms-label"})
        strong.text = h.protect(label)
        strong.tail = AtomicString(": ")  # punctuation of ours; the value appended below is the author's
        val = self._value(label, value)
        if isinstance(val, str):
            strong.tail += h.protect(val)
        else:
            p.append(val)

    # -- phases ---------------------------------------------------------------------------------
    def _phases(self, root: etree.Element, ms: Milestone) -> None:
        children = list(root)
        i = 0
        order = 0
        while i < len(children):
            el = children[i]
            m = _PHASE_HEAD_RE.match(el.text or "") if el.tag in _HEADING_TAGS and el.tag != "h1" and not len(el) else None
            if not m:
                i += 1
                continue
            level = int(el.tag[1])
            j = i + 1
            while j < len(children):
                nxt = children[j]
                if nxt.tag in _HEADING_TAGS and (int(nxt.tag[1]) <= level or _PHASE_HEAD_RE.match(nxt.text or "")):
                    break
                j += 1
            body = children[i + 1:j]
            trailing: list[etree.Element] = []
            while body and body[-1].tag == "hr":
                trailing.insert(0, body.pop())
            phase = ms.phases[order] if order < len(ms.phases) and ms.phases[order].id.lower() == m.group("id").lower() else ms.phase(m.group("id"))
            order += 1
            details = self._phase_details(el, m, phase, body)
            pos = list(root).index(el)
            for child in [el, *body]:
                root.remove(child)
            root.insert(pos, details)
            i = j

    def _phase_details(self, heading: etree.Element, m: re.Match[str], phase: Phase | None, body: list[etree.Element]) -> etree.Element:
        status = phase.status if phase else None
        status_text = phase.status_text if phase else ""
        anchor = phase.anchor if phase else "phase-" + h.slug(m.group("id"))
        details = etree.Element("details", {"class": "ms-phase", "id": anchor, "data-status": status or "unknown"})
        if phase is not None:
            details.set("data-phase", phase.id)
        mode = self.ext.getConfig("open_phases")
        if mode == "all" or (mode == "in-progress" and status == "in-progress"):
            details.set("open", "open")
        rest = m.group("rest")
        heading.text = None
        num = etree.SubElement(heading, "span", {"class": "ms-phase-num"})
        num.text = h.protect(m.group("num"))
        num.tail = AtomicString(m.group("sep"))  # punctuation and spaces only
        est = _ESTIMATE_TAIL_RE.search(rest)
        title = etree.SubElement(heading, "span", {"class": "ms-phase-title"})
        title.text = h.protect(rest[:est.start()] if est else rest)
        if est:
            title.tail = AtomicString(" ")
            estimate = etree.SubElement(heading, "span", {"class": "ms-phase-estimate"})
            estimate.text = h.protect(est.group("est"))
        summary = h.phase_summary(phase, heading, status_text, status)
        _no_markdown_in_generated(summary)
        details.append(summary)
        content = etree.SubElement(details, "div", {"class": "ms-phase-body"})
        for child in body:
            content.append(child)
        if not status_text:
            details.set("data-status", "unknown")
        return details

    # -- tables, lists --------------------------------------------------------------------------
    def _table(self, table: etree.Element) -> None:
        header = [(th.text or "").strip().lower() for th in table.iter("th")]
        kinds: dict[int, str] = {}
        for idx, text in enumerate(header):
            if "status" in text or text == "state":
                kinds[idx] = "status"
            elif "priority" in text:
                kinds[idx] = "priority"
            elif any(w in text for w in ("likelihood", "probability", "impact", "severity")):
                kinds[idx] = "level"
        for cell in table.iter():
            if cell.tag in ("th", "td") and cell.text and not len(cell):
                cell.text = h.protect(cell.text)
        if not kinds:
            return
        for tr in table.iter("tr"):
            cells = [c for c in tr if c.tag == "td"]
            for idx, kind in kinds.items():
                if idx >= len(cells) or len(cells[idx]) or not (cells[idx].text or "").strip():
                    continue
                cell = cells[idx]
                raw = (cell.text or "").replace("&lt;", "<")
                cell.text = None
                if kind == "status":
                    cell.append(h.badge(raw, normalize_status(raw)))
                elif kind == "priority":
                    cell.append(h.priority_badge(raw, normalize_priority(raw)))
                else:
                    cell.append(h.level_badge(raw, normalize_level(raw)))

    def _list(self, lst: etree.Element) -> None:
        tasklist = "tasklist" in self.md.treeprocessors
        for li in lst:
            if li.tag != "li":
                continue
            holder = li[0] if len(li) and li[0].tag == "p" and not (li.text or "").strip() else li
            text = holder.text or ""
            cm = _CHECKBOX_RE.match(text)
            if cm and not tasklist:
                attrs = {"type": "checkbox", "disabled": "disabled"}
                if cm.group("mark") != " ":
                    attrs["checked"] = "checked"
                box = etree.Element("input", attrs)
                box.tail = " " + text[cm.end():]
                holder.text = None
                holder.insert(0, box)
                li.set("class", "ms-check")
                lst.set("class", "ms-checklist")
            elif starts_with_status_emoji(text) and lst.tag == "ul":
                lm = _LEGEND_RE.match(text)
                word, sep, rest = (lm.group("word"), lm.group("sep"), lm.group("rest")) if lm else (text, "", "")
                holder.text = None
                b = h.badge(word, normalize_status(word))
                b.tail = sep + rest
                holder.insert(0, b)
                lst.set("class", "ms-legend")


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
                if url is not None and not (h.safe_href(url) or (tag == "img" and h.safe_image_src(url))):
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


class MilestonesExtension(Extension):
    """Renders milestone documents: badges, a header card, progress, collapsible phases.

    Registers, in ``extendMarkdown``:

    * preprocessor ``ms_repair`` (priority 35): mojibake repair, before ``normalize_whitespace`` (30);
    * preprocessor ``ms_parse`` (29): parse and normalise, before ``fenced_code_block`` (25) and ``html_block`` (20);
    * treeprocessor ``ms_render`` (25): the page's structure, before ``inline`` (20) so text is still Markdown;
    * treeprocessor ``ms_sanitize`` (15): after ``inline`` (20), before ``toc`` (5);
    * the ``tables`` and ``fenced_code`` extensions when the host has not enabled them.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "fix_mojibake": [True, "Repair mojibake (UTF-8 read as a legacy code page) in emoji and box drawing."],
            "open_phases": ["in-progress", "Which phases start expanded: in-progress, all or none."],
            "graph": ["svg", "Phase dependency graph: svg, mermaid or none."],
            "strict": [False, "Raise MilestoneError on document problems (for hosts whose --strict ignores warnings)."],
            "report": [True, "Log document problems as warnings on logger mkdocs.plugins.milestones."],
            "inline_assets": [
                "auto",
                "Put the stylesheet and the small link-opening script in each milestone page: true, false, or "
                "auto (on hosts without the MkDocs plugin that expose the page, such as Zensical).",
            ],
        }
        super().__init__(**kwargs)
        self.page_file: str | None = None
        self.page_line_offset = 0
        self.page_meta: dict[str, Any] | None = None
        self.docs_dir: str | None = None
        self.page_url = ""
        self.entries_provider: Callable[[], list[MilestoneEntry]] | None = None
        self.managed = False  # True when an MkDocs plugin tells us about each page
        self.page_parsed: ParsedSource | None = None
        self._check_config()

    def setConfig(self, key: str, value: Any) -> None:
        """Python-Markdown's own check, with the option's name in the error; a bool option takes a bool or a
        word Python-Markdown reads as one (``"true"``, ``"off"`` ...), not any value that happens to be truthy."""
        if key in self.config and isinstance(self.config[key][0], bool) and not isinstance(value, (bool, str)):
            raise ValueError(f"milestones: {key} must be true or false; got {value!r}")
        try:
            super().setConfig(key, value)
        except ValueError as exc:
            raise ValueError(f"milestones: {key} must be true or false; got {value!r}") from exc

    def _check_config(self) -> None:
        if self.getConfig("open_phases") not in OPEN_PHASE_VALUES:
            raise ValueError(f"milestones: open_phases must be one of {', '.join(OPEN_PHASE_VALUES)}; got {self.getConfig('open_phases')!r}")
        if self.getConfig("inline_assets") not in (True, False, "auto"):
            raise ValueError(f"milestones: inline_assets must be true, false or auto; got {self.getConfig('inline_assets')!r}")
        if self.getConfig("graph") not in GRAPH_VALUES:
            raise ValueError(f"milestones: graph must be one of {', '.join(GRAPH_VALUES)}; got {self.getConfig('graph')!r}")

    def set_page(
        self,
        file: str | None,
        line_offset: int = 0,
        meta: Mapping[str, Any] | None = None,
        url: str = "",
        parsed: ParsedSource | None = None,
    ) -> None:
        """Tell the extension which page it renders next (the MkDocs plugin calls this).

        ``parsed`` is the page's milestone as the plugin parsed it already; the page reuses it
        when its text is still exactly what was parsed (see :meth:`take_parsed`).
        """
        self.managed = True
        self.page_url = url
        self.page_file = file
        self.page_line_offset = line_offset
        self.page_meta = dict(meta) if meta is not None else None
        self.page_parsed = parsed

    def take_parsed(self, text: str, meta: Mapping[str, Any] | None, first_line: int) -> Milestone | None:
        """The milestone parsed ahead for this page, when it was parsed from these very arguments.

        Used once: a later conversion with the same extension parses for itself.
        """
        parsed, self.page_parsed = self.page_parsed, None
        if (
            parsed is None
            or parsed.text != text
            or parsed.file != self.page_file
            or parsed.first_line != first_line
            or dict(parsed.meta or {}) != dict(meta or {})  # parse_milestone reads None as {}
        ):
            return None
        return parsed.milestone

    def read_host_context(self, md: Markdown) -> None:
        """Learn the current page from hosts that expose it (Zensical's ``rendering_context``).

        Zensical strips front matter before Python-Markdown sees the text and renders each page
        with a fresh ``Markdown``; its context names the page, its front matter and the docs folder.
        """
        if self.managed:
            return
        ctx = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
        page = getattr(ctx, "page", None)
        if page is None:
            return
        try:
            path = str(getattr(page, "path", "") or "") or None
            meta = getattr(page, "meta", None)
            config = getattr(ctx, "config", None) or {}
            docs_dir = config.get("docs_dir") if hasattr(config, "get") else None
            if docs_dir and not os.path.isabs(str(docs_dir)) and hasattr(config, "get") and config.get("root_dir"):
                docs_dir = os.path.join(str(config.get("root_dir")), str(docs_dir))
        except Exception:  # noqa: BLE001 - an unknown host version: render without page context
            return
        self.page_file = path
        self.page_url = str(getattr(page, "url", "") or "")
        self.page_meta = dict(meta) if isinstance(meta, dict) else None
        self.docs_dir = str(docs_dir) if docs_dir else None
        self.page_line_offset = 0
        if path and self.docs_dir:
            try:
                with open(os.path.join(self.docs_dir, path), encoding="utf-8-sig") as fh:
                    raw = fh.read()
                _, body, offset = split_front_matter(raw.replace("\r\n", "\n"))
                self.page_line_offset = offset + (len(body) - len(body.lstrip("\n")) if offset else 0)
            except OSError:
                pass

    def roadmap_entries(self) -> list[MilestoneEntry] | None:
        """Every milestone of the site: from the plugin, else read from the docs folder, else None."""
        if self.entries_provider is not None:
            return self.entries_provider()
        if not self.docs_dir:
            return None
        from .site import collect_milestones, read_docs_dir

        return collect_milestones(read_docs_dir(self.docs_dir), fix_mojibake=self.getConfig("fix_mojibake"))

    def append_assets(self, md: Markdown, root: etree.Element) -> None:
        """The inline stylesheet and script, once, at the end of the page."""
        holder = etree.SubElement(root, "div", {"class": "ms-assets"})
        holder.text = md.htmlStash.store(assets_html())

    def inline_assets(self) -> bool:
        """Whether to put the stylesheet (and script) in the page itself."""
        mode = self.getConfig("inline_assets")
        if mode == "auto":
            return not self.managed and self.page_file is not None and self.docs_dir is not None
        return bool(mode)

    def report(self, diagnostics: list[Diagnostic]) -> None:
        """Log each diagnostic once; raise in strict mode."""
        if self.getConfig("report"):
            for d in diagnostics:
                log.warning("%s", d)
        if diagnostics and self.getConfig("strict"):
            raise MilestoneError("\n".join(str(d) for d in diagnostics))

    def internal_error(self, err: Exception) -> None:
        """A bug of ours on one page: warn (with the page) and let the page render as plain Markdown."""
        log.warning(
            "%s: mkdocs-milestones could not render this milestone page (%s: %s); it is shown as plain Markdown. "
            "Please report this with the page attached.",
            self.page_file or "<markdown>", type(err).__name__, err,
        )
        log.debug("traceback", exc_info=err)

    def graph_html(self, md: Markdown, ms: Milestone) -> etree.Element | None:
        """The phase graph as a paragraph holding a stash placeholder (the SVG goes in raw), or None."""
        mode = self.getConfig("graph")
        if mode == "none" or len(ms.phases) < 2:
            return None
        from .graph import build_phase_graph

        graph, _ = build_phase_graph(ms)  # its warnings are already among ms.diagnostics
        if mode == "mermaid":
            from .render.mermaid import render_mermaid

            markup = render_mermaid(graph)
        else:
            from .render.svg import render_graph_svg

            markup = render_graph_svg(graph, label=f"Dependency graph of the phases of {ms.title}", kind="phase")
        holder = etree.Element("p")
        holder.text = md.htmlStash.store(markup)
        return holder

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "table" not in md.parser.blockprocessors:
            md.registerExtensions(["tables"], {})
        if "fenced_code_block" not in md.preprocessors:
            md.registerExtensions(["fenced_code"], {})
        if self.getConfig("fix_mojibake"):
            # Before normalize_whitespace (30): nothing else has read the text yet.
            md.preprocessors.register(RepairPreprocessor(md, self), "ms_repair", 35)
        # After normalize_whitespace (30); before fenced_code_block (25) and html_block (20),
        # which would hide the lines we normalise.
        md.preprocessors.register(ParsePreprocessor(md, self), "ms_parse", 29)
        # After ms_parse (29) read the original lines; before html_block (20) stashes raw HTML.
        md.preprocessors.register(MarkerPreprocessor(md, self), "ms_markers", 27)
        # Before inline (20): element text is still Markdown; after the block parser built tables.
        md.treeprocessors.register(RenderTreeprocessor(md, self), "ms_render", 25)
        # After inline (20), before toc (5) and MkDocs' title extraction (-1).
        md.treeprocessors.register(SanitizeTreeprocessor(md), "ms_sanitize", 15)
        self.md = md
        md.milestone = None  # type: ignore[attr-defined]

    def reset(self) -> None:
        md = getattr(self, "md", None)
        if md is not None:
            md.milestone = None


def makeExtension(**kwargs: Any) -> MilestonesExtension:  # noqa: N802 - Python-Markdown's name
    return MilestonesExtension(**kwargs)
