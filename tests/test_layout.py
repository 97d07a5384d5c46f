# SPDX-License-Identifier: MIT
"""Layered layout: no overlaps, edges run down the layers, text fits, output is deterministic."""

from __future__ import annotations

import random
import re

import pytest

from mkdocs_milestones.graph import Graph, GraphEdge, GraphNode, find_cycle_edges, remaining_critical_path
from mkdocs_milestones.layout import Layout, LayoutOptions, NodeBox, fit_text, layout_graph, text_width

OPTIONS = LayoutOptions()
WORDS = "parser model layout render export theme docs tests release audit cache index search plugin".split()


def random_dag(n: int, seed: int, *, window: int = 12, cycles: int = 0) -> Graph:
    """A branching plan: each node depends on 0-3 of the ``window`` nodes before it."""
    rng = random.Random(seed)
    nodes = [
        GraphNode(
            f"n{i}",
            f"Phase {i}",
            rng.choice(["done", "pending", "in-progress", None]),
            sublabel=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6))),
        )
        for i in range(n)
    ]
    edges = []
    for i in range(1, n):
        for j in sorted({rng.randrange(max(0, i - window), i) for _ in range(rng.choice([0, 1, 1, 2, 3]))}):
            edges.append(GraphEdge(f"n{j}", f"n{i}"))
    for _ in range(cycles):
        a, b = sorted(rng.sample(range(n), 2))
        edges.append(GraphEdge(f"n{b}", f"n{a}"))
    return Graph(nodes, edges, find_cycle_edges(nodes, edges), remaining_critical_path(nodes, edges))


def overlapping(boxes: list[NodeBox]) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap (sweep over x, so 500 boxes stay cheap)."""
    found = []
    order = sorted(boxes, key=lambda b: b.x)
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            if b.x >= a.x + a.width:
                break
            if a.y < b.y + b.height and b.y < a.y + a.height:
                found.append((a.id, b.id))
    return found


def path_points(d: str) -> list[tuple[float, float]]:
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(nums[::2], nums[1::2]))


def check_layout(graph: Graph, layout: Layout) -> None:
    boxes = {b.id: b for b in layout.boxes}
    assert len(boxes) == len(graph.nodes)
    assert overlapping(layout.boxes) == []
    for b in layout.boxes:
        assert 0 <= b.x and b.x + b.width <= layout.width
        assert 0 <= b.y and b.y + b.height <= layout.height
        assert text_width(b.text, OPTIONS.label_size, bold=True) <= b.width - 2 * OPTIONS.pad - OPTIONS.icon + 0.01
        assert text_width(b.subtext, OPTIONS.sub_size) <= b.width - 2 * OPTIONS.pad + 0.01
    routes = {(r.source, r.target): r for r in layout.edges}
    assert set(routes) == {(e.source, e.target) for e in graph.edges}
    for (s, t), route in routes.items():
        if (s, t) in graph.cycle_edges:
            continue
        src, dst = boxes[s], boxes[t]
        assert src.layer < dst.layer, (s, t)
        pts = path_points(route.path)
        assert pts[0][1] == round(src.y + src.height, 1) and src.x <= pts[0][0] <= src.x + src.width
        assert pts[-1][1] == dst.y and dst.x <= pts[-1][0] <= dst.x + dst.width
        for x, y in pts[1:-1]:  # dummy points and control points stay out of every box
            for b in layout.boxes:
                assert not (b.x < x < b.x + b.width and b.y < y < b.y + b.height), (s, t, b.id)


@pytest.mark.parametrize("seed", range(6))
def test_sixty_node_dags_have_no_overlaps_and_edges_run_down(seed: int) -> None:
    graph = random_dag(60, seed)
    check_layout(graph, layout_graph(graph))


def test_five_hundred_nodes() -> None:
    graph = random_dag(500, 99, window=30)
    layout = layout_graph(graph)
    assert overlapping(layout.boxes) == []
    boxes = {b.id: b for b in layout.boxes}
    assert all(boxes[e.source].layer < boxes[e.target].layer for e in graph.edges)


def test_cycles_are_drawn_backwards_and_everything_else_forwards() -> None:
    graph = random_dag(40, 3, cycles=5)
    assert graph.cycle_edges
    layout = layout_graph(graph)
    check_layout(graph, layout)
    boxes = {b.id: b for b in layout.boxes}
    for r in layout.edges:
        if (r.source, r.target) in graph.cycle_edges and r.source != r.target:
            assert r.reversed
            assert boxes[r.source].layer > boxes[r.target].layer


def test_unmarked_cycles_are_still_broken() -> None:
    nodes = [GraphNode(i, i, None) for i in "abc"]
    graph = Graph(nodes, [GraphEdge("a", "b"), GraphEdge("b", "c"), GraphEdge("c", "a")])
    layout = layout_graph(graph)
    assert overlapping(layout.boxes) == []
    assert sum(r.reversed for r in layout.edges) == 1


def test_self_loop_is_drawn_beside_its_node() -> None:
    nodes = [GraphNode("a", "Phase 1", None), GraphNode("b", "Phase 2", None)]
    graph = Graph(nodes, [GraphEdge("a", "b"), GraphEdge("b", "b")], {("b", "b")})
    layout = layout_graph(graph)
    loop = next(r for r in layout.edges if r.loop)
    box = layout.box("b")
    assert box is not None
    assert all(x >= box.x + box.width and x <= layout.width for x, _ in path_points(loop.path))


def test_identical_input_gives_identical_layout() -> None:
    assert layout_graph(random_dag(60, 11)) == layout_graph(random_dag(60, 11))


def test_coordinates_are_rounded() -> None:
    layout = layout_graph(random_dag(30, 5))
    for route in layout.edges:
        assert not re.search(r"\d\.\d\d|-0(?![.\d])", route.path)
    assert all(round(b.x, 1) == b.x and round(b.y, 1) == b.y for b in layout.boxes)


def test_a_chain_is_one_column_that_fits_a_content_column() -> None:
    nodes = [GraphNode(str(i), f"Phase {i}", None, sublabel="A phase title of some length") for i in range(10)]
    edges = [GraphEdge(str(i), str(i + 1)) for i in range(9)]
    layout = layout_graph(Graph(nodes, edges))
    assert len({b.x for b in layout.boxes}) == 1
    assert [b.layer for b in layout.boxes] == list(range(10))
    assert layout.width < 300


def test_sources_sit_just_before_their_successor() -> None:
    nodes = [GraphNode(i, i, None) for i in "abcde"]
    graph = Graph(nodes, [GraphEdge("a", "b"), GraphEdge("b", "c"), GraphEdge("c", "d"), GraphEdge("e", "d")])
    layout = layout_graph(graph)
    assert layout.box("e").layer == layout.box("c").layer  # type: ignore[union-attr]


def test_long_labels_are_truncated_with_an_ellipsis() -> None:
    long = "An extremely long phase title that could never fit in a single box"
    layout = layout_graph(Graph([GraphNode("x", "Phase 1 " + "W" * 40, None, sublabel=long)], []))
    box = layout.boxes[0]
    assert box.width == OPTIONS.max_width
    assert box.text.endswith("…") and box.subtext.endswith("…")
    assert long.startswith(box.subtext[:-1])


def test_fit_text() -> None:
    assert fit_text("  short\n text ", 500, 12) == "short text"
    assert fit_text("abcdef", 1, 12) == "…"
    wide = "漢字" * 10
    assert text_width(wide, 10) > text_width("ab" * 10, 10)
    assert fit_text(wide, 60, 10).endswith("…")


def test_empty_graph() -> None:
    layout = layout_graph(Graph([], []))
    assert (layout.boxes, layout.edges) == ([], [])
    assert layout.width > 0 and layout.height > 0


def test_duplicate_node_ids_and_unknown_edge_ends_are_skipped() -> None:
    nodes = [GraphNode("a", "A", None), GraphNode("a", "A again", None), GraphNode("b", "B", None)]
    graph = Graph(nodes, [GraphEdge("a", "b"), GraphEdge("a", "b"), GraphEdge("zz", "b")])
    layout = layout_graph(graph)
    assert [b.id for b in layout.boxes] == ["a", "b"]
    assert [(r.source, r.target) for r in layout.edges] == [("a", "b")]


def test_crossing_reduction_untangles_a_simple_case() -> None:
    nodes = [GraphNode(i, i, None) for i in ["a", "b", "c", "d"]]
    graph = Graph(nodes, [GraphEdge("a", "d"), GraphEdge("b", "c")])
    layout = layout_graph(graph)
    a, b, c, d = (layout.box(i) for i in "abcd")
    assert a and b and c and d
    assert (a.x < b.x) == (d.x < c.x)


@pytest.mark.parametrize("n", [2, 3, 7, 15])
def test_a_chains_coordinates_are_the_passes_result_without_the_passes(n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chain (one node a row) skips the placement passes (issue 17): the layout is the one they give, to the bit,
    with labels of every width and a self-loop (which widens its node)."""
    import mkdocs_milestones.layout as lay

    labels = ["x", "Phase 2: a much longer title than the others", "Ünïcode 名前", "QA", "Release to crates.io"]
    nodes = [GraphNode(str(i), labels[i % len(labels)] * (1 + i % 3), None, sublabel="2d" * (i % 4)) for i in range(n)]
    edges = [GraphEdge(str(i), str(i + 1)) for i in range(n - 1)] + [GraphEdge("1", "1")]
    graph = Graph(nodes, edges)
    calls: list[bool] = []
    full = lay._coordinates

    def passes(*args: object, **kwargs: object) -> list[float]:
        calls.append(True)
        return full(*args, **kwargs, shortcut=False)  # type: ignore[arg-type]

    short = layout_graph(graph)
    monkeypatch.setattr(lay, "_coordinates", passes)
    assert layout_graph(graph) == short and calls  # the passes ran, and gave the same layout
