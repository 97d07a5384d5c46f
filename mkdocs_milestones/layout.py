# SPDX-License-Identifier: MIT
"""Layered (Sugiyama-style) layout of a dependency graph, in pure Python.

Steps: break cycles (the graph's marked cycle edges are reversed, and any cycle left is
broken the same way), longest-path layering (sources pulled right next to their first
successor), a dummy node per layer crossed by a long edge, crossing reduction with
barycentre sweeps (the ordering with the fewest crossings wins), then coordinates: each
layer is placed by weighted isotonic regression (nodes move towards the mean of their
neighbours, keep their order and never overlap), and edges become cubic Bézier curves
through their dummy points.

Orientation is **top to bottom**: layers are rows. Phase plans are long and narrow (most
are a chain of five to fifteen phases with two- or three-way branches), and the content
column is narrow while the page scrolls down. Top to bottom, such a plan fits the column
at full size and the reader scrolls the way the page already does; left to right, each
phase costs a box width plus a gap (about 260 px), so a ten-phase chain is some 2,500 px
wide and must either shrink to unreadable text or scroll sideways. Only wide layers (many
phases in parallel) overflow the column, and then the wrapper scrolls sideways.

Everything is deterministic: ties are broken by input order, never by hashing, and every
coordinate is rounded to 0.1.
"""

from __future__ import annotations

import heapq
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .graph import Graph, GraphEdge, find_cycle_edges

__all__ = ["EdgeRoute", "Layout", "LayoutOptions", "NodeBox", "fit_text", "layout_graph", "text_width"]

_ELLIPSIS = "…"
_LOOP = 12.0  # half the room a self-loop takes beside its node


@dataclass(frozen=True)
class LayoutOptions:
    """Sizes in CSS pixels; fonts are estimated, not measured (no font files are read)."""

    label_size: float = 13.0
    sub_size: float = 11.5
    node_height: float = 44.0
    min_width: float = 88.0
    max_width: float = 216.0
    pad: float = 10.0
    icon: float = 18.0
    layer_gap: float = 46.0
    node_gap: float = 18.0
    dummy_gap: float = 10.0
    margin: float = 16.0
    sweeps: int = 6


@dataclass(frozen=True)
class NodeBox:
    """Where a node is drawn, and the text that fits in it (truncated with an ellipsis)."""

    id: str
    x: float
    y: float
    width: float
    height: float
    layer: int
    text: str
    subtext: str


@dataclass(frozen=True)
class EdgeRoute:
    """An edge as drawn: an SVG path from ``source`` to ``target``.

    ``reversed`` is true when the edge runs backwards (it closes a cycle), ``loop`` when it
    is a node's dependency on itself.
    """

    source: str
    target: str
    path: str
    reversed: bool = False
    loop: bool = False


@dataclass
class Layout:
    """Boxes in node order, routes in edge order, and the size of the drawing."""

    width: float
    height: float
    boxes: list[NodeBox]
    edges: list[EdgeRoute]

    def box(self, node_id: str) -> NodeBox | None:
        """The box of the node with that id, or None."""
        return next((b for b in self.boxes if b.id == node_id), None)


def _char_em(ch: str) -> float:
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.05
    if ch in "iljI.,:;'|!`":
        return 0.32
    if ch in "frt()[]{}-/\\\" ":
        return 0.42
    if ch in "mwMW@%…—":
        return 0.95
    if ch.isupper() or ch.isdigit() or ch in "#&?_~+=<>*$":
        return 0.7
    return 0.62


class _Ems(dict):  # type: ignore[type-arg]
    """Each character's width in em, looked up once (labels repeat their letters: the lookups add up)."""

    def __missing__(self, ch: str) -> float:
        if len(self) >= 4096:  # text of many scripts: stay small
            self.clear()
        em = self[ch] = _char_em(ch)
        return em


_em = _Ems().__getitem__


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of ``text`` in pixels at font ``size``, on the wide side.

    >>> text_width("Phase 1", 10) < text_width("Phase 10", 10)
    True
    """
    return sum(map(_em, text)) * size * (1.08 if bold else 1.0)


def fit_text(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """``text`` with whitespace collapsed, cut with an ellipsis to fit ``max_width``.

    >>> fit_text("Dependency graph rendering", 80, 10)
    'Dependency…'
    """
    text = " ".join(text.split())
    return _fit(text, text_width(text, size, bold=bold), max_width, size, bold)


def _fit(text: str, width: float, max_width: float, size: float, bold: bool) -> str:
    """:func:`fit_text` of collapsed ``text`` whose :func:`text_width` is ``width``."""
    if width <= max_width:
        return text
    budget = max_width - text_width(_ELLIPSIS, size, bold=bold)
    k = 1.08 if bold else 1.0
    used, cut = 0.0, 0
    for cut, ch in enumerate(text):  # noqa: B007 - cut is used after the loop
        used += _em(ch) * size * k  # text_width(ch, size, bold=bold)
        if used > budget:
            break
    return text[:cut].rstrip() + _ELLIPSIS


def _number(v: float) -> str:
    """A coordinate rounded to 0.1, without ``-0`` or a trailing ``.0``.

    ``format`` rounds the exact value as ``round(v, 1)`` does (both correctly rounded).

    >>> _number(2.25), _number(-0.04), _number(3.0), _number(-1.06)
    ('2.2', '0', '3', '-1.1')
    """
    s = f"{v:.1f}"
    if s[-1] != "0":
        return s
    s = s[:-2]
    return "0" if s == "-0" else s


class _Numbers(dict):  # type: ignore[type-arg]
    """Coordinates as written, each formatted once: a drawing repeats its rows, columns and sizes."""

    def __missing__(self, v: float) -> str:
        if len(self) >= 4096:
            self.clear()
        s = self[v] = _number(v)  # 0.0 and -0.0 are one key, and both are "0"
        return s


_n = _Numbers().__getitem__
"""A coordinate as written in SVG (:func:`_number`)."""


def _r(v: float) -> float:
    return round(v, 1) + 0.0


def _acyclic(graph: Graph, index: dict[str, int]) -> tuple[list[tuple[int, int, int, bool]], list[int]]:
    """Edges as ``(from, to, edge number, reversed)`` with every cycle broken; self-loops apart."""
    routed: list[tuple[int, int, int, bool]] = []
    loops: list[int] = []
    seen: set[tuple[str, str]] = set()
    for k, e in enumerate(graph.edges):
        if e.source not in index or e.target not in index or (e.source, e.target) in seen:
            continue
        seen.add((e.source, e.target))
        if e.source == e.target:
            loops.append(k)
            continue
        u, v = index[e.source], index[e.target]
        rev = (e.source, e.target) in graph.cycle_edges
        routed.append((v, u, k, True) if rev else (u, v, k, False))
    return routed, loops


def _break_cycles(graph: Graph, routed: list[tuple[int, int, int, bool]]) -> list[tuple[int, int, int, bool]]:
    """``routed`` with the cycles its marked edges left (a graph not built here) broken the same way."""
    nodes = graph.nodes
    extra = find_cycle_edges(nodes, [GraphEdge(nodes[u].id, nodes[v].id) for u, v, _, _ in routed])
    return [(v, u, k, not r) if (nodes[u].id, nodes[v].id) in extra else (u, v, k, r) for u, v, k, r in routed]


def _layers(n: int, routed: Sequence[tuple[int, int, int, bool]]) -> list[int] | None:
    """Longest-path layering; a source sits just before its nearest successor. None when ``routed`` has a cycle."""
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    for u, v, _, _ in routed:
        succ[u].append(v)
        indeg[v] += 1
    has_pred = [d > 0 for d in indeg]
    heap = [i for i in range(n) if indeg[i] == 0]
    layer = [0] * n
    done = 0
    while heap:
        u = heapq.heappop(heap)
        done += 1
        for v in succ[u]:
            layer[v] = max(layer[v], layer[u] + 1)
            indeg[v] -= 1
            if indeg[v] == 0:
                heapq.heappush(heap, v)
    if done < n:
        return None
    for u in range(n):
        if not has_pred[u] and succ[u]:
            layer[u] = min(layer[v] for v in succ[u]) - 1
    return layer


def _crossings(layers: list[list[int]], pos: list[int], down: list[list[int]]) -> int:
    """Edge crossings between consecutive layers (inversions counted with a Fenwick tree)."""
    total = 0
    for upper, lower in zip(layers, layers[1:]):
        pairs = sorted([(pos[a], pos[b]) for a in upper for b in down[a]])
        ends = [b for _, b in pairs]
        if ends == sorted(ends):  # no pair inverted (most layers): nothing to count
            continue
        size = len(lower)
        tree = [0] * (size + 1)
        for seen, (_, b) in enumerate(pairs):
            i, le = b + 1, 0
            while i > 0:
                le += tree[i]
                i -= i & -i
            total += seen - le
            i = b + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
    return total


def _reorder(layer: list[int], nbrs: list[list[int]], pos: list[int]) -> None:
    """Sort a layer by neighbour barycentre; nodes without neighbours keep their slot."""
    at = pos.__getitem__
    keyed = sorted([(sum(map(at, nbrs[v])) / len(nbrs[v]), pos[v], v) for v in layer if nbrs[v]])  # sums of ints: exact
    moved = iter(keyed)
    for i, v in enumerate(layer):
        if nbrs[v]:
            layer[i] = next(moved)[2]
    for i, v in enumerate(layer):
        pos[v] = i


def _order(layers: list[list[int]], up: list[list[int]], down: list[list[int]], sweeps: int) -> list[list[int]]:
    pos = [0] * len(up)
    for layer in layers:
        for i, v in enumerate(layer):
            pos[v] = i
    best, best_c = [list(lay) for lay in layers], _crossings(layers, pos, down)
    for _ in range(sweeps):
        if best_c == 0:
            break
        for sweep in (range(1, len(layers)), range(len(layers) - 2, -1, -1)):
            for i in sweep:
                _reorder(layers[i], up if sweep.step == 1 else down, pos)
            c = _crossings(layers, pos, down)
            if c < best_c:
                best, best_c = [list(lay) for lay in layers], c
    return best


def _coordinates(
    layers: list[list[int]], up: list[list[int]], down: list[list[int]], size: list[float], o: LayoutOptions,
    *, shortcut: bool = True,
) -> list[float]:
    """Horizontal centre of every node and dummy: near its neighbours, in order, no overlap (``shortcut``: a chain's
    result without the passes that would not move it; a test compares both)."""

    def sep(a: int, b: int) -> float:
        gap = (o.node_gap if size[a] else 0) + (o.node_gap if size[b] else 0)
        return (size[a] + size[b]) / 2 + max(o.dummy_gap, gap / 2)

    x = [0.0] * len(size)
    if shortcut and all(len(layer) == 1 for layer in layers):
        # A chain (one node a row, so no long edge either): every centre starts at 0, so does every neighbours'
        # mean, and no pass below moves anything: the result, to the last bit, is where they start.
        return x
    offsets: list[list[float]] = []
    for layer in layers:
        off = [0.0]
        for a, b in zip(layer, layer[1:]):
            off.append(off[-1] + sep(a, b))
        offsets.append(off)
        for v, ox in zip(layer, off):
            x[v] = ox - off[-1] / 2

    def weighed(layer: list[int], sides: tuple[list[list[int]], ...]) -> list[tuple[int, list[tuple[int, float]], float]]:
        """Per node: its neighbours on ``sides`` with their pull, and the pulls' sum (fixed for the whole layout)."""
        out = []
        for v in layer:
            pairs, wsum = [], 0.0
            for side in sides:
                for u in side[v]:
                    w = 8.0 if not size[u] and not size[v] else 2.0 if not size[u] or not size[v] else 1.0
                    pairs.append((u, w))
                    wsum += w
            out.append((v, pairs, wsum))
        return out

    def place(i: int, plan: list[tuple[int, list[tuple[int, float]], float]]) -> bool:
        """Moves layer ``i`` towards its neighbours (``plan``, from :func:`weighed`); True when a node moved."""
        offs = offsets[i]
        if len(plan) == 1:  # one node: the fit below, without its lists (the same arithmetic)
            (v, pairs, wsum), off = plan[0], offs[0]
            total = 0.0
            for u, w in pairs:
                total += w * x[u]
            t, w = (total / wsum if wsum else x[v]) - off, wsum or 0.01
            z = t * w / w + off
            moved = z != x[v]
            x[v] = z
            return moved
        # Weighted least-squares fit of a non-decreasing sequence (pool adjacent violators): a node's
        # target (its neighbours' weighted mean, less its offset) joins the block before it while that
        # block's mean is higher; each node goes to its block's mean plus its offset.
        blocks: list[tuple[float, float, int, float]] = []  # weighted sum, weight, nodes, mean
        for (v, pairs, wsum), off in zip(plan, offs):
            total = 0.0
            for u, w in pairs:
                total += w * x[u]
            w = wsum or 0.01
            s, c = ((total / wsum if wsum else x[v]) - off) * w, 1
            mean = s / w
            while blocks and blocks[-1][3] > mean:
                ps, pw, pc, _ = blocks.pop()
                s, w, c = ps + s, pw + w, pc + c
                mean = s / w
            blocks.append((s, w, c, mean))
        moved, at = False, 0
        for _, _, c, mean in blocks:
            for j in range(at, at + c):
                z, v = mean + offs[j], plan[j][0]
                if z != x[v]:
                    moved = True
                x[v] = z
            at += c
        return moved

    from_up = [weighed(layer, (up,)) for layer in layers]
    from_down = [weighed(layer, (down,)) for layer in layers]
    # Each pass is a function of ``x`` alone: once a whole pass moves nothing, the passes after it
    # would not either, and are skipped (the result is the same to the last bit).
    for _ in range(4):
        moved = False
        for i in range(1, len(layers)):
            moved |= place(i, from_up[i])
        for i in range(len(layers) - 2, -1, -1):
            moved |= place(i, from_down[i])
        if not moved:
            break
    both = [weighed(layer, (up, down)) for layer in layers]
    for _ in range(2):
        moved = False
        for i in range(len(layers)):
            moved |= place(i, both[i])
        if not moved:
            break
    return x


def _spread(ports: dict[int, list[tuple[float, int]]], cx: list[float], size: list[float]) -> dict[tuple[int, int], float]:
    """Port positions along one side of each node, ordered by where the other end lies."""
    out: dict[tuple[int, int], float] = {}
    for v, items in ports.items():
        items.sort()
        k = len(items)
        step = min(10.0, size[v] * 0.6 / (k - 1)) if k > 1 else 0.0
        for i, (_, chain) in enumerate(items):
            out[(v, chain)] = cx[v] + (i - (k - 1) / 2) * step
    return out


def _path(points: list[tuple[float, float]]) -> str:
    """Curves across the gaps between layers, straight lines through dummy rows."""
    (x0, y0), (x1, y1) = points[0], points[1]
    a, b, my = _n(x0), _n(x1), _n((y0 + y1) / 2)
    if len(points) == 2:  # most edges: one curve
        return f"M{a},{_n(y0)} C{a},{my} {b},{my} {b},{_n(y1)}"
    parts = [f"M{a},{_n(y0)}"]
    for i, ((x0, y0), (x1, y1)) in enumerate(zip(points, points[1:])):
        if i % 2 == 0:
            my = _n((y0 + y1) / 2)
            parts.append(f"C{_n(x0)},{my} {_n(x1)},{my} {_n(x1)},{_n(y1)}")
        else:
            parts.append(f"L{_n(x1)},{_n(y1)}")
    return " ".join(parts)


def _box_width(label_width: float, sub_width: float, o: LayoutOptions) -> float:
    need = max(label_width + o.icon, sub_width)
    return float(min(o.max_width, max(o.min_width, math.ceil(need + 2 * o.pad))))


def _fit_label(text: str, width: float, max_width: float, size: float, bold: bool = False) -> str:
    """:func:`fit_text`, with ``text``'s width known (measured again only when its whitespace changes)."""
    flat = " ".join(text.split())
    if flat != text:
        width = text_width(flat, size, bold=bold)
    return flat if width <= max_width else _fit(flat, width, max_width, size, bold)


def layout_graph(graph: Graph, options: LayoutOptions | None = None) -> Layout:
    """Place every node and route every edge of ``graph``, top to bottom.

    Args:
        graph: The graph; node ids must be unique (later duplicates are not drawn).
        options: Sizes; the defaults suit a 13 px label and an 11.5 px sub-label.

    Returns:
        The layout: one box per node, one route per distinct edge, the overall size.
    """
    o = options or LayoutOptions()
    index: dict[str, int] = {}
    for i, node in enumerate(graph.nodes):
        index.setdefault(node.id, i)
    n = len(graph.nodes)
    routed, loops = _acyclic(graph, index)
    layers_found = _layers(n, routed)
    if layers_found is None:
        routed = _break_cycles(graph, routed)
        layers_found = _layers(n, routed)
        assert layers_found is not None  # the edges left are those of a depth-first search forest
    layer_of = layers_found
    # Text widths: measured once, for the box and then for what fits in it.
    label_w = [text_width(nd.label, o.label_size, bold=True) for nd in graph.nodes]
    sub_w = [text_width(nd.sublabel, o.sub_size) for nd in graph.nodes]
    size = [_box_width(lw, sw, o) for lw, sw in zip(label_w, sub_w)]
    looped = sorted({index[graph.edges[k].source] for k in loops})
    for v in looped:  # room on the right for the loop
        size[v] += 2 * _LOOP
    chains: list[list[int]] = []
    for u, v, _, _ in routed:
        chain = [u]
        for lay in range(layer_of[u] + 1, layer_of[v]):
            chain.append(len(layer_of))
            layer_of.append(lay)
            size.append(0.0)
        chains.append(chain + [v])
    total = len(layer_of)
    up: list[list[int]] = [[] for _ in range(total)]
    down: list[list[int]] = [[] for _ in range(total)]
    for chain in chains:
        for a, b in zip(chain, chain[1:]):
            down[a].append(b)
            up[b].append(a)
    layers: list[list[int]] = [[] for _ in range(max(layer_of, default=-1) + 1)]
    for v in range(total):
        if v >= n or index[graph.nodes[v].id] == v:
            layers[layer_of[v]].append(v)
    layers = _order(layers, up, down, o.sweeps)
    cx = _coordinates(layers, up, down, size, o)
    placed = [v for layer in layers for v in layer]
    for v in looped:  # the box keeps the left part of its widened slot
        size[v] -= 2 * _LOOP
        cx[v] -= _LOOP
    left = min((cx[v] - size[v] / 2 for v in placed), default=0.0)
    right = max((cx[v] + size[v] / 2 + (2 * _LOOP if v in looped else 0) for v in placed), default=0.0)
    cx = [c + o.margin - left for c in cx]
    row_y = [o.margin + lay * (o.node_height + o.layer_gap) for lay in range(len(layers))]

    boxes: list[NodeBox] = []
    for v in range(n):
        node, w = graph.nodes[v], size[v]
        if index[node.id] != v:
            continue
        text = _fit_label(node.label, label_w[v], w - 2 * o.pad - o.icon, o.label_size, bold=True)
        sub = _fit_label(node.sublabel, sub_w[v], w - 2 * o.pad, o.sub_size)
        lay = layer_of[v]
        left_x, top = round(cx[v] - w / 2, 1) + 0.0, round(row_y[lay], 1) + 0.0  # _r, inline
        boxes.append(NodeBox(node.id, left_x, top, round(w, 1) + 0.0, o.node_height, lay, text, sub))

    outs: dict[int, list[tuple[float, int]]] = {}
    ins: dict[int, list[tuple[float, int]]] = {}
    for c, chain in enumerate(chains):
        outs.setdefault(chain[0], []).append((cx[chain[1]], c))
        ins.setdefault(chain[-1], []).append((cx[chain[-2]], c))
    out_x, in_x = _spread(outs, cx, size), _spread(ins, cx, size)
    routes: dict[int, EdgeRoute] = {}
    for c, ((_, _, k, rev), chain) in enumerate(zip(routed, chains)):
        u, v = chain[0], chain[-1]
        pts = [(out_x[(u, c)], row_y[layer_of[u]] + o.node_height)]
        for d in chain[1:-1]:
            pts += [(cx[d], row_y[layer_of[d]]), (cx[d], row_y[layer_of[d]] + o.node_height)]
        pts.append((in_x[(v, c)], row_y[layer_of[v]]))
        e = graph.edges[k]
        routes[k] = EdgeRoute(e.source, e.target, _path(pts[::-1] if rev else pts), reversed=rev)
    for k in loops:
        v = index[graph.edges[k].source]
        x, y1, y2 = cx[v] + size[v] / 2, row_y[layer_of[v]] + 12, row_y[layer_of[v]] + o.node_height - 12
        loop_d = f"M{_n(x)},{_n(y1)} C{_n(x + 2 * _LOOP)},{_n(y1)} {_n(x + 2 * _LOOP)},{_n(y2)} {_n(x)},{_n(y2)}"
        routes[k] = EdgeRoute(graph.edges[k].source, graph.edges[k].target, loop_d, loop=True)
    width = right - left + 2 * o.margin if placed else 2 * o.margin
    height = (row_y[-1] + o.node_height + o.margin) if layers else 2 * o.margin
    return Layout(_r(width), _r(height), boxes, [routes[k] for k in sorted(routes)])
