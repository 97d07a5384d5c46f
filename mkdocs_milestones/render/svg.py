# SPDX-License-Identifier: MIT
"""Inline SVG for a dependency graph: no script, no inline colours, every string escaped.

The drawing is plain SVG 1.1 with ``xlink:href`` links: it needs no JavaScript and no CDN.
Links are ``xlink:href`` only, never ``href``: theme scripts resolve every ``[href]`` element's
URL by assigning ``el.href`` (Material's ``navigation.instant`` does), which an SVG ``<a>``
refuses (its ``href`` is a read-only ``SVGAnimatedString``), and that error aborted the page
swap. ``[href]`` does not match the namespaced attribute; browsers follow both the same way.
Colours come from ``assets/graph.css`` (CSS variables with fallbacks), so light and dark
schemes both read; status is also told by an icon glyph, never by colour alone.
"""

from __future__ import annotations

import hashlib
import operator
import re

from ..graph import Graph, GraphNode
from ..layout import Layout, LayoutOptions, NodeBox, _n, layout_graph
from ..i18n import status_word, text as t
from ..vocabulary import STATUS_GLYPHS
from .markup import safe_url, xml_attr, xml_text

__all__ = ["XLINK", "graph_digest", "graph_key", "render_graph_svg", "safe_graph_href"]

XLINK = "http://www.w3.org/1999/xlink"
"""The namespace of the graphs' links (``xlink:href``; see the module's docstring for why)."""

#: Above this natural width the graph keeps its size and its wrapper scrolls sideways;
#: below it, it may shrink to fit the column.
WIDE = 960.0

_ESCAPED_RE = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]')
"""A character :func:`~.markup.xml_text` or :func:`~.markup.xml_attr` changes (a test checks every one)."""


def _text(s: str) -> str:
    """:func:`~.markup.xml_text`; most labels hold nothing it changes, and one search tells (issue 17)."""
    return xml_text(s) if _ESCAPED_RE.search(s) else s


def _attr(s: str) -> str:
    """:func:`~.markup.xml_attr`, the same way."""
    return xml_attr(s) if _ESCAPED_RE.search(s) else f'"{s}"'


def safe_graph_href(href: str | None) -> str | None:
    """``href`` when it may be a link (the rule of :func:`~mkdocs_milestones.render.markup.safe_url`); else None.

    >>> safe_graph_href("#phase-2"), safe_graph_href(" Java\\tScript:alert(1)")
    ('#phase-2', None)
    """
    if href and href[0] == "#":  # a fragment (a phase's anchor): nothing a browser would run
        return href.strip()
    if not href or not href.strip() or not safe_url(href):
        return None
    return href.strip()


def _status(node: GraphNode) -> str:
    if node.ghost:
        return "missing"
    return node.status if node.status in STATUS_GLYPHS else "unknown"


_NODE_FIELDS = operator.attrgetter("id", "label", "status", "href", "tooltip", "ghost", "sublabel")
_EDGE_FIELDS = operator.attrgetter("source", "target")


def graph_key(graph: Graph, label: str, kind: str) -> str:
    """Everything a drawing of ``graph`` reads, as one string: equal keys, equal drawings (a cache key)."""
    parts = [label, kind]
    parts += map(repr, map(_NODE_FIELDS, graph.nodes))
    parts += map(repr, map(_EDGE_FIELDS, graph.edges))
    parts += [repr(sorted(graph.cycle_edges)), repr(graph.critical)]
    return "\x1f".join(parts)


def graph_digest(graph: Graph, label: str, kind: str, *, key: str | None = None) -> str:
    """A short id for the drawing (its elements' ids start with it); ``key`` is :func:`graph_key`, when known."""
    key = graph_key(graph, label, kind) if key is None else key
    return "msg" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:10]


def _summary(graph: Graph, kind: str) -> str:
    """What the picture says, for screen readers and as the graph's description."""
    real = [n for n in graph.nodes if not n.ghost]
    name = {n.id: n.label for n in graph.nodes}
    counts: dict[str, int] = {}
    for n in real:
        status = _status(n)
        counts[status] = counts.get(status, 0) + 1
    states = ", ".join(
        t("summary.state", n=c, word=status_word(s) if s != "unknown" else t("summary.nostatus")) for s, c in sorted(counts.items())
    )
    nodes = t(f"summary.{kind}", n=len(real)) if kind in ("phase", "milestone") else f"{len(real)} {kind}"
    text = t("summary.counts", nodes=nodes, deps=t("summary.deps", n=len(graph.edges)))
    text += f" ({states})." if states else "."
    if graph.critical:
        text += " " + t("summary.critical", path=" → ".join(name.get(i, i) for i in graph.critical))
    ghosts = [n.label for n in graph.nodes if n.ghost]
    if ghosts:
        text += " " + t("summary.missing", names=", ".join(ghosts))
    if graph.cycle_edges:
        closing = sorted(f"{name.get(a, a)} → {name.get(b, b)}" for a, b in graph.cycle_edges)
        text += " " + t("summary.cycle", edges=", ".join(closing))
    return text


def _node(node: GraphNode, box: NodeBox, critical: bool, o: LayoutOptions) -> str:
    status = _status(node)
    # Our own words (classes, the status) need no escaping; the author's (id, link, texts) do.
    classes = "ms-node" + (" ms-ghost" if node.ghost else "") + (" ms-critical" if critical else "")
    href = safe_graph_href(node.href)
    link, unlink = (f"<a xlink:href={_attr(href)}>", "</a>") if href else ("", "")
    tip = node.tooltip or (f"{node.label}: {node.sublabel}" if node.sublabel else node.label)
    x, y, left = box.x, box.y, _n(box.x + o.pad)
    halo = (
        f'<rect class="ms-node-halo" x="{_n(x - 4)}" y="{_n(y - 4)}" '
        f'width="{_n(box.width + 8)}" height="{_n(box.height + 8)}" rx="9"/>'
    ) if critical else ""
    base = _n(y + (19 if box.subtext else box.height / 2 + 4.5))
    sub = f'<text class="ms-node-sub" x="{left}" y="{_n(y + 35)}">{_text(box.subtext)}</text>\n' if box.subtext else ""
    return (
        f'<g class="{classes}" data-status="{status}" data-node={_attr(node.id)}>{link}<title>{_text(tip)}</title>\n{halo}'
        f'<rect class="ms-node-box" x="{_n(x)}" y="{_n(y)}" width="{_n(box.width)}" height="{_n(box.height)}" rx="6"/>'
        f'<text class="ms-node-icon" x="{left}" y="{base}" aria-hidden="true">{STATUS_GLYPHS[status]}</text>\n'
        f'<text class="ms-node-label" x="{_n(x + o.pad + o.icon)}" y="{base}">{_text(box.text)}</text>\n'
        f"{sub}{unlink}</g>"
    )


def _marker(prefix: str, name: str) -> str:
    cls = "ms-arrow" + (f" ms-arrow-{name}" if name else "")
    mid = prefix + "-arrow" + (f"-{name}" if name else "")
    return (
        f'<marker id="{mid}" class="{cls}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,1 L10,5 L0,9 z"/></marker>'
    )


def render_graph_svg(
    graph: Graph,
    *,
    label: str,
    kind: str = "phase",
    options: LayoutOptions | None = None,
    layout: Layout | None = None,
    digest: str | None = None,
) -> str:
    """The graph as ``<div class="ms-graph-wrap"><svg class="ms-graph" ...>...</svg></div>``.

    Args:
        graph: The graph to draw (see :mod:`mkdocs_milestones.graph`).
        label: Accessible name of the picture, e.g. ``"Dependencies of M3's phases"``.
        kind: What a node is, ``"phase"`` or ``"milestone"``: a class and the description.
        options: Layout sizes; ignored when ``layout`` is given.
        layout: A ready layout of ``graph``; computed when not given.
        digest: ``graph_digest(graph, label, kind)``, when the caller has it; computed when not given.

    Returns:
        Well-formed XML: markup to put in a page as is (identical input, identical output).
    """
    o = options or LayoutOptions()
    lay = layout or layout_graph(graph, o)
    prefix = digest or graph_digest(graph, label, kind)
    kind_cls = re.sub(r"[^a-z0-9-]", "", kind.lower()) or "graph"
    classes = f"ms-graph ms-graph-{kind_cls}" + (" ms-graph-wide" if lay.width > WIDE else "")
    w, h = _n(lay.width), _n(lay.height)
    name = {n.id: n.label for n in graph.nodes}
    critical = graph.critical_edges
    drawn = []
    markers: set[str] = set()
    for route in lay.edges:
        pair = (route.source, route.target)
        cycle, crit = pair in graph.cycle_edges, pair in critical
        cls = "ms-edge" + (" ms-edge-cycle" if cycle else "") + (" ms-critical" if crit else "")
        marker = "cycle" if cycle else "critical" if crit else ""
        markers.add(marker)
        mid = prefix + "-arrow" + (f"-{marker}" if marker else "")
        tip = f"{name.get(route.source, route.source)} → {name.get(route.target, route.target)}"
        tip += " (closes a cycle)" if cycle else ""
        drawn.append(
            (
                crit * 2 + cycle,
                f'<path class="{cls}" d={_attr(route.path)} marker-end="url(#{mid})" '
                f"data-source={_attr(route.source)} data-target={_attr(route.target)}>"
                f"<title>{_text(tip)}</title></path>\n",
            )
        )
    # A line break follows each text (title, desc, labels) and nothing else: the break keeps the
    # words apart where a search indexer joins the text of the page, while every other break
    # would only be one more node for a parser to walk (issue 7). Only markers in use are defined;
    # edges come before nodes, so nodes paint over them.
    out = [
        # Its labels repeat the page's headings: kept out of Material's search index.
        '<div class="ms-graph-wrap" data-search-exclude="">\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="{XLINK}" class="{classes}" role="img" aria-label={_attr(label)} '
        f'aria-describedby="{prefix}-desc" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'data-nodes="{sum(1 for n in graph.nodes if not n.ghost)}">\n',
        f"<title>{_text(label)}</title>\n",
        f'<desc id="{prefix}-desc">{_text(_summary(graph, kind))}</desc>\n',
    ]
    if markers:
        out.append("<defs>" + "".join(_marker(prefix, m) for m in ("", "critical", "cycle") if m in markers) + "</defs>")
    out += [svg for _, svg in sorted(drawn, key=lambda d: d[0])]
    boxes = {b.id: b for b in lay.boxes}
    on_path = set(graph.critical)
    for node in graph.nodes:
        box = boxes.get(node.id)
        if box is not None:
            out.append(_node(node, box, node.id in on_path, o))
            del boxes[node.id]
    out += ["</svg>\n", "</div>"]
    return "".join(out)
