# SPDX-License-Identifier: MIT
"""Phase and milestone dependency graphs: nodes, edges, ghosts, cycles, critical path, warnings."""

from __future__ import annotations

import random

from mkdocs_milestones.graph import (
    Graph,
    GraphEdge,
    GraphNode,
    build_milestone_graph,
    build_phase_graph,
    find_cycle_edges,
    remaining_critical_path,
)
from mkdocs_milestones.model import Milestone, Phase


def plan(*phases: tuple[str, str | None, list[str]]) -> Milestone:
    """A milestone whose phase ``i`` has heading line ``10*i`` and Dependencies line ``10*i+2``."""
    return Milestone(
        "M1: Graphs",
        1,
        file="docs/m1.md",
        phases=[
            Phase(pid, f"Title {pid}", 10 * i + 10, status=status, depends_on=deps, dependencies_line=10 * i + 12)
            for i, (pid, status, deps) in enumerate(phases)
        ],
    )


def nodes_of(*ids: str, status: str | None = None) -> list[GraphNode]:
    return [GraphNode(i, i, status) for i in ids]


def edges_of(*pairs: str) -> list[GraphEdge]:
    return [GraphEdge(p[0], p[1]) for p in pairs]


def is_acyclic(nodes: list[GraphNode], edges: list[GraphEdge]) -> bool:
    return not find_cycle_edges(nodes, edges)


def test_node_per_phase_edge_per_dependency_and_links_to_anchors() -> None:
    ms = plan(("0", "done", []), ("1", "done", ["0"]), ("2", "in-progress", ["0"]), ("2a", None, ["1", "2"]))
    graph, diags = build_phase_graph(ms)
    assert diags == []
    assert [n.id for n in graph.nodes] == ["0", "1", "2", "2a"]
    assert [(e.source, e.target) for e in graph.edges] == [("0", "1"), ("0", "2"), ("1", "2a"), ("2", "2a")]
    node = graph.node("2a")
    assert node is not None
    assert (node.label, node.sublabel, node.href) == ("Phase 2a", "Title 2a", "#phase-2a")
    assert node.href == "#" + ms.phases[3].anchor
    assert node.tooltip == "Phase 2a: Title 2a — status unknown"
    assert graph.cycle_edges == set()


def test_tooltip_uses_the_status_as_written() -> None:
    ms = plan(("1", "done", []))
    ms.phases[0].status_text = "✅ COMPLETE"
    graph, _ = build_phase_graph(ms)
    assert graph.nodes[0].tooltip == "Phase 1: Title 1 — ✅ COMPLETE"


def test_references_resolve_case_insensitively_and_with_a_phase_prefix() -> None:
    graph, diags = build_phase_graph(plan(("2A", None, []), ("3", None, ["2a", "Phase 2A", "phase 2a"])))
    assert diags == []
    assert [(e.source, e.target) for e in graph.edges] == [("2A", "3")]


def test_missing_dependency_becomes_a_ghost_node_and_a_warning() -> None:
    graph, diags = build_phase_graph(plan(("0", None, []), ("1", None, []), ("3", None, ["0", "9"])))
    ghost = graph.node("missing:9")
    assert ghost is not None and ghost.ghost and ghost.label == "Phase 9" and ghost.href is None
    assert GraphEdge("missing:9", "3") in graph.edges
    assert len(diags) == 1
    d = diags[0]
    assert (d.file, d.line) == ("docs/m1.md", 32)
    assert d.message == "Phase 3 depends on Phase 9, which does not exist; write one of: Phase 0, Phase 1 (or None)"
    assert "missing:9" not in graph.critical


def test_missing_dependency_warning_lists_at_most_twelve_phases() -> None:
    ms = plan(*[(str(i), None, []) for i in range(20)], ("x", None, ["99"]))
    _, diags = build_phase_graph(ms)
    assert diags[0].message.endswith("Phase 10, Phase 11, … (or None)")


def test_warning_falls_back_to_the_heading_line() -> None:
    ms = plan(("1", None, ["7"]))
    ms.phases[0].dependencies_line = None
    _, diags = build_phase_graph(ms)
    assert diags[0].line == 10
    assert "this milestone has no other phases" not in diags[0].message
    assert "write None" in diags[0].message


def test_cycle_is_marked_and_warned_once_naming_its_phases() -> None:
    ms = plan(("1", None, ["3"]), ("2", None, ["1"]), ("3", None, ["2"]), ("4", None, ["3"]))
    graph, diags = build_phase_graph(ms)
    assert graph.cycle_edges == {("3", "1")}
    assert len(diags) == 1
    msg = diags[0].message
    assert msg.startswith("Dependency cycle: Phase 1 → Phase 3 → Phase 2 → Phase 1")
    assert "remove Phase 3 from the Dependencies line of Phase 1" in msg
    assert diags[0].line == 12  # Phase 1's Dependencies line closes the cycle
    assert len(graph.edges) == 4  # the graph is still drawn in full


def test_self_dependency_is_a_cycle() -> None:
    graph, diags = build_phase_graph(plan(("1", None, []), ("2", None, ["2", "1"])))
    assert graph.cycle_edges == {("2", "2")}
    assert [d.message for d in diags] == ["Phase 2 depends on itself; remove Phase 2 from its Dependencies line"]


def test_done_before_dependency_is_warned() -> None:
    ms = plan(("1", "in-progress", []), ("2", "done", ["1"]), ("3", "done", ["2"]), ("4", "done", ["5"]), ("5", None, []))
    _, diags = build_phase_graph(ms)
    assert [(d.line, d.message) for d in diags] == [
        (
            22,
            "Phase 2 is marked done but depends on Phase 1, which is in progress; "
            "mark Phase 1 done (or cancelled), or give Phase 2 a status other than done",
        ),
        (
            42,
            "Phase 4 is marked done but depends on Phase 5, whose status is unknown; "
            "mark Phase 5 done (or cancelled), or give Phase 4 a status other than done",
        ),
    ]


def test_cancelled_dependency_is_settled() -> None:
    _, diags = build_phase_graph(plan(("1", "cancelled", []), ("2", "done", ["1"])))
    assert diags == []


def test_duplicate_phase_ids_still_give_a_node_each() -> None:
    graph, _ = build_phase_graph(plan(("1", None, []), ("1", None, []), ("2", None, ["1"])))
    assert [n.id for n in graph.nodes] == ["1", "1~2", "2"]
    assert [(e.source, e.target) for e in graph.edges] == [("1", "2")]


def test_find_cycle_edges_follows_node_order() -> None:
    nodes = nodes_of("a", "b", "c")
    assert find_cycle_edges(nodes, edges_of("ab", "bc", "ca")) == {("c", "a")}
    assert find_cycle_edges(nodes[::-1], edges_of("ab", "bc", "ca")) == {("b", "c")}
    assert find_cycle_edges(nodes, edges_of("ab", "ba", "aa")) == {("b", "a"), ("a", "a")}


def test_removing_cycle_edges_leaves_a_dag() -> None:
    rng = random.Random(4)
    for _ in range(50):
        n = rng.randint(2, 25)
        nodes = nodes_of(*[str(i) for i in range(n)])
        edges = [GraphEdge(str(rng.randrange(n)), str(rng.randrange(n))) for _ in range(rng.randint(1, 3 * n))]
        cycles = find_cycle_edges(nodes, edges)
        kept = [e for e in edges if (e.source, e.target) not in cycles]
        assert is_acyclic(nodes, kept)


def test_remaining_critical_path_skips_done_work() -> None:
    nodes = [GraphNode("a", "a", "done"), *nodes_of("b", "c", "d", "e")]
    edges = edges_of("ab", "bc", "cd", "ae")
    assert remaining_critical_path(nodes, edges) == ["b", "c", "d"]
    done_c = [n if n.id != "c" else GraphNode("c", "c", "cancelled") for n in nodes]
    assert remaining_critical_path(done_c, edges) == ["b"]
    assert remaining_critical_path(nodes, edges, done=lambda n: n.id in "ab") == ["c", "d"]
    assert remaining_critical_path([GraphNode("a", "a", "done")], []) == []


def test_remaining_critical_path_ties_and_cycles_are_deterministic() -> None:
    nodes = nodes_of("a", "b", "c", "d")
    assert remaining_critical_path(nodes, edges_of("ab", "cd")) == ["a", "b"]
    assert remaining_critical_path(nodes, edges_of("cd", "ab")) == ["a", "b"]
    assert remaining_critical_path(nodes, edges_of("ac", "bc")) == ["a", "c"]
    assert remaining_critical_path(nodes, edges_of("ab", "bc", "ca", "cd")) == ["a", "b", "c", "d"]


def test_critical_path_of_a_phase_graph() -> None:
    ms = plan(("0", "done", []), ("1", "in-progress", ["0"]), ("2", None, ["1"]), ("3", None, ["0"]), ("4", None, ["2", "3"]))
    graph, _ = build_phase_graph(ms)
    assert graph.critical == ["1", "2", "4"]
    assert graph.critical_edges == {("1", "2"), ("2", "4")}


def test_milestone_graph_is_generic() -> None:
    graph, issues = build_milestone_graph(
        [
            ("a.md", "M1: Parser", "done", "a/", []),
            ("b.md", "M2: Graphs", "in-progress", "b/", ["a.md", "zzz.md"]),
            ("c.md", "M3: Roadmap", "done", "c/", ["b.md"]),
        ]
    )
    assert [n.id for n in graph.nodes] == ["a.md", "b.md", "c.md", "missing:zzz.md"]
    assert graph.node("missing:zzz.md") == GraphNode(
        "missing:zzz.md", "zzz.md", None, tooltip="zzz.md — does not exist", ghost=True
    )
    assert graph.node("b.md") is not None and graph.node("b.md").href == "b/"  # type: ignore[union-attr]
    assert [(i.kind, i.node, i.refs) for i in issues] == [
        ("missing", "b.md", ("zzz.md",)),
        ("done-before-dependency", "c.md", ("b.md",)),
    ]
    assert graph.critical == ["b.md"]


def test_milestone_graph_reports_cycles() -> None:
    graph, issues = build_milestone_graph([("a", "A", None, "", ["b"]), ("b", "B", None, "", ["a"])])
    assert graph.cycle_edges == {("b", "a")}  # a lists b, which closes the loop
    assert [(i.kind, i.node, i.refs) for i in issues] == [("cycle", "a", ("a", "b"))]
    assert graph.nodes[0].href is None


def test_build_is_deterministic() -> None:
    ms = plan(("1", None, ["3"]), ("2", None, ["1", "8"]), ("3", "done", ["2"]))
    first, second = build_phase_graph(ms), build_phase_graph(ms)
    assert first == second
    assert isinstance(first[0], Graph)


def test_a_ghost_never_takes_the_id_of_a_node() -> None:
    graph, _ = build_milestone_graph([("missing:gone.md", "X", None, "", []), ("a.md", "A", None, "", ["gone.md"])])
    ghost = [n for n in graph.nodes if n.ghost]
    assert [n.id for n in ghost] == ["missing:gone.md~2"] and ghost[0].label == "gone.md"
    assert graph.edges == [GraphEdge("missing:gone.md~2", "a.md")]
