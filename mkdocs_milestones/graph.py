# SPDX-License-Identifier: MIT
"""Dependency graphs: phases within a milestone, milestones across a roadmap.

Pure data and analysis (standard library only): the graph types, cycle detection, the
remaining critical path, and the builders that turn a :class:`~mkdocs_milestones.model.Milestone`
(or a list of milestone pages) into a :class:`Graph` plus the problems worth a warning.
Layout lives in :mod:`mkdocs_milestones.layout`, drawing in :mod:`mkdocs_milestones.render.svg`.

An edge ``source -> target`` means *source must finish before target* (target depends on
source). Problems never stop a graph from being drawn: a dependency that names nothing
becomes a dashed *ghost* node, a cycle keeps its edges but marks the ones that close it.
"""

from __future__ import annotations

import heapq
from itertools import islice
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .model import Diagnostic, Milestone, Phase
from . import i18n
from .vocabulary import status_word

__all__ = [
    "Graph",
    "GraphEdge",
    "GraphIssue",
    "GraphNode",
    "build_milestone_graph",
    "build_phase_graph",
    "find_cycle_edges",
    "remaining_critical_path",
    "status_word",
]

_SETTLED = ("done", "cancelled")
_MAX_LISTED = 12


@dataclass(frozen=True)
class GraphNode:
    """A box of the graph: a phase, a milestone, or a ghost standing for a missing target."""

    id: str
    label: str
    status: str | None
    href: str | None = None
    tooltip: str = ""
    ghost: bool = False
    sublabel: str = ""


@dataclass(frozen=True)
class GraphEdge:
    """``source`` must finish before ``target``."""

    source: str
    target: str


@dataclass
class Graph:
    """Nodes and edges in input order, plus what the analysis found.

    Attributes:
        nodes: One node per phase or milestone, then ghost nodes.
        edges: One edge per dependency, without duplicates.
        cycle_edges: ``(source, target)`` pairs that close a cycle (DFS back edges).
        critical: Node ids of the remaining critical path, first to last.
    """

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    cycle_edges: set[tuple[str, str]] = field(default_factory=set)
    critical: list[str] = field(default_factory=list)

    def node(self, node_id: str) -> GraphNode | None:
        """The node with that id, or None."""
        return next((n for n in self.nodes if n.id == node_id), None)

    @property
    def critical_edges(self) -> set[tuple[str, str]]:
        """The ``(source, target)`` pairs between consecutive nodes of the critical path."""
        return set(zip(self.critical, self.critical[1:]))


@dataclass(frozen=True)
class GraphIssue:
    """A problem found while building a graph, before it is worded for a reader.

    Attributes:
        kind: ``"missing"``, ``"cycle"`` or ``"done-before-dependency"``.
        node: Id of the node whose dependency list is at fault.
        refs: ``missing``: the reference as written; ``cycle``: node ids along the cycle,
            starting at ``node``, each depending on the next, the last depending on ``node``;
            ``done-before-dependency``: the id of the dependency that is not done.
    """

    kind: str
    node: str
    refs: tuple[str, ...]


def _adjacency(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> dict[str, list[str]]:
    """Successor lists in node order, edges to unknown nodes and duplicates dropped."""
    succ: dict[str, list[str]] = {n.id: [] for n in nodes}
    seen: set[tuple[str, str]] = set()
    for e in edges:
        if e.source in succ and e.target in succ and (e.source, e.target) not in seen:
            seen.add((e.source, e.target))
            succ[e.source].append(e.target)
    return succ


def _back_edges(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> dict[tuple[str, str], list[str]]:
    """DFS back edges (roots and successors in input order), each with the cycle it closes."""
    succ = _adjacency(nodes, edges)
    state = dict.fromkeys(succ, 0)  # 0 unseen, 1 on the stack, 2 finished
    back: dict[tuple[str, str], list[str]] = {}
    for root in succ:
        if state[root]:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(succ[root])]
        while stack:
            for w in stack[-1]:
                if state[w] == 0:
                    state[w] = 1
                    path.append(w)
                    stack.append(iter(succ[w]))
                    break
                if state[w] == 1:
                    back[(path[-1], w)] = path[path.index(w):]
            else:
                state[path.pop()] = 2
                stack.pop()
    return back


def find_cycle_edges(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> set[tuple[str, str]]:
    """Edges that close a cycle: the back edges of a depth-first search in node order.

    Removing them leaves the graph acyclic; the result depends only on the input order.

    >>> ns = [GraphNode(i, i, None) for i in "abc"]
    >>> sorted(find_cycle_edges(ns, [GraphEdge("a", "b"), GraphEdge("b", "c"), GraphEdge("c", "a")]))
    [('c', 'a')]
    """
    return set(_back_edges(nodes, edges))


def _is_settled(node: GraphNode) -> bool:
    return node.status in _SETTLED


def remaining_critical_path(
    nodes: Sequence[GraphNode],
    edges: Sequence[GraphEdge],
    *,
    done: Callable[[GraphNode], bool] = _is_settled,
) -> list[str]:
    """The longest chain of nodes not yet done, as node ids from first to last.

    Ghost nodes and cycle edges are left out. Ties go to the chain that ends, and then
    runs through, the nodes earliest in input order.

    >>> ns = [GraphNode("0", "0", "done"), GraphNode("1", "1", None), GraphNode("2", "2", None)]
    >>> remaining_critical_path(ns, [GraphEdge("0", "1"), GraphEdge("1", "2")])
    ['1', '2']
    """
    cycles = find_cycle_edges(nodes, edges)
    live = {n.id: i for i, n in enumerate(nodes) if not n.ghost and not done(n)}
    succ = {k: [w for w in v if w in live and (k, w) not in cycles] for k, v in _adjacency(nodes, edges).items() if k in live}
    indeg = dict.fromkeys(live, 0)
    for vs in succ.values():
        for w in vs:
            indeg[w] += 1
    heap = [live[k] for k, d in indeg.items() if d == 0]
    heapq.heapify(heap)
    best = dict.fromkeys(live, 1)
    prev: dict[str, str | None] = dict.fromkeys(live)
    while heap:
        u = nodes[heapq.heappop(heap)].id
        for w in succ[u]:
            p = prev[w]
            if best[u] + 1 > best[w] or (best[u] + 1 == best[w] and p is not None and live[u] < live[p]):
                best[w], prev[w] = best[u] + 1, u
            indeg[w] -= 1
            if indeg[w] == 0:
                heapq.heappush(heap, live[w])
    if not live:
        return []
    end: str | None = max(live, key=lambda k: (best[k], -live[k]))
    path: list[str] = []
    while end is not None:
        path.append(end)
        end = prev[end]
    return path[::-1]


def _unique(node_id: str, taken: set[str]) -> str:
    new, n = node_id, 1
    while new in taken:
        n += 1
        new = f"{node_id}~{n}"
    taken.add(new)
    return new


def _assemble(
    specs: Sequence[tuple[GraphNode, Sequence[str]]],
    resolve: Callable[[str], str | None],
    ghost_label: Callable[[str], str],
) -> tuple[Graph, list[GraphIssue]]:
    """Nodes, edges, ghosts, cycles, critical path and issues from nodes with their refs."""
    nodes = [spec[0] for spec in specs]
    taken = {n.id for n in nodes}
    ghost_ids: dict[str, str] = {}
    ghosts: dict[str, GraphNode] = {}
    edges: list[GraphEdge] = []
    seen: set[tuple[str, str]] = set()
    issues: list[GraphIssue] = []
    for node, refs in specs:
        for ref in refs:
            source = resolve(ref)
            if source is None:
                key = ref.strip()
                source = ghost_ids.get(key)
                if source is None:  # "missing:<ref>", unless a node is called that already
                    source = ghost_ids[key] = _unique("missing:" + key, taken)
                    label = ghost_label(ref)
                    tip = f"{label} — does not exist"
                    ghosts[source] = GraphNode(source, label, None, tooltip=tip, ghost=True)
                issues.append(GraphIssue("missing", node.id, (ref,)))
            if (source, node.id) not in seen:
                seen.add((source, node.id))
                edges.append(GraphEdge(source, node.id))
    nodes += ghosts.values()
    back = _back_edges(nodes, edges)
    for (_, closer), cycle in back.items():
        issues.append(GraphIssue("cycle", closer, (cycle[0], *cycle[:0:-1])))
    by_id = {n.id: n for n in nodes}
    for e in edges:
        dep, node = by_id[e.source], by_id[e.target]
        if node.status == "done" and not dep.ghost and dep.status not in _SETTLED and e.source != e.target:
            issues.append(GraphIssue("done-before-dependency", node.id, (dep.id,)))
    graph = Graph(nodes, edges, set(back), remaining_critical_path(nodes, edges))
    return graph, issues


def build_milestone_graph(
    milestones: Sequence[tuple[str, str, str | None, str, Sequence[str]]],
) -> tuple[Graph, list[GraphIssue]]:
    """The cross-milestone graph, for the roadmap page.

    Args:
        milestones: ``(node_id, label, status, href, depends_on_ids)`` per milestone, in the
            order they should be considered (it breaks layout ties). A dependency id that is
            no node id becomes a ghost node ``missing:<id>`` labelled as written.

    Returns:
        The graph, and the issues to word as warnings (see :class:`GraphIssue`).
    """
    taken: set[str] = set()
    specs = []
    for node_id, label, status, href, deps in milestones:
        tip = f"{label} — {i18n.status_word(status)}"  # drawn on the roadmap: the active language's words
        specs.append((GraphNode(_unique(node_id, taken), label, status, href or None, tip), deps))
    known = {spec[0].id for spec in specs}
    return _assemble(specs, lambda ref: ref if ref in known else None, lambda ref: ref.strip())


def _phase_ref(ref: str) -> str:
    text = ref.strip()
    return text[6:].strip() if text.lower().startswith("phase ") else text


def _dep_line(phase: Phase) -> int:
    return phase.dependencies_line or phase.line


def build_phase_graph(milestone: Milestone) -> tuple[Graph, list[Diagnostic]]:
    """The graph of a milestone's phases, and warnings about its dependency lines.

    A node per phase (label ``Phase 2a``, the title below it, a link to ``#phase-2a``), an
    edge per dependency. Warnings carry the milestone's file and the line of the phase's
    ``**Dependencies**`` (or of its heading): a dependency on a phase that does not exist,
    a cycle (one warning per closing edge), a phase marked done before one it depends on.
    """
    taken: set[str] = set()
    specs = []
    phase_of: dict[str, Phase] = {}
    for p in milestone.phases:
        status = (p.status_text or "").strip() or status_word(p.status)
        node = GraphNode(
            _unique(p.id, taken),
            f"Phase {p.id}",
            p.status,
            "#" + p.anchor,
            f"Phase {p.id}: {p.title} — {status}",
            sublabel=p.title,
        )
        phase_of[node.id] = p
        specs.append((node, p.depends_on))
    by_key: dict[str, str] = {}
    for node, _ in specs:
        by_key.setdefault(phase_of[node.id].id.lower(), node.id)
    graph, issues = _assemble(
        specs,
        lambda ref: by_key.get(_phase_ref(ref).lower()),
        lambda ref: f"Phase {_phase_ref(ref)}",
    )
    name = {n.id: n.label for n in graph.nodes}
    diagnostics = []
    for issue in issues:
        phase = phase_of[issue.node]
        here, line = name[issue.node], _dep_line(phase)
        if issue.kind == "missing":
            # the first phases besides this one, as many as are named (a warning per missing phase: not all of them)
            others = [f"Phase {q.id}" for q in islice((q for q in milestone.phases if q is not phase), _MAX_LISTED + 1)]
            if not others:
                fix = "remove it (write None when a phase depends on nothing)"
            else:
                listed = ", ".join(others[:_MAX_LISTED]) + (", …" if len(others) > _MAX_LISTED else "")
                fix = f"write one of: {listed} (or None)"
            msg = f"{here} depends on Phase {_phase_ref(issue.refs[0])}, which does not exist; {fix}"
        elif issue.kind == "cycle" and len(issue.refs) == 1:
            msg = f"{here} depends on itself; remove {here} from its Dependencies line"
        elif issue.kind == "cycle":
            chain = " → ".join(name[r] for r in (*issue.refs, issue.refs[0]))
            msg = (
                f"Dependency cycle: {chain} (each depends on the next), so none of them can start; "
                f"remove {name[issue.refs[1]]} from the Dependencies line of {here}, "
                "or break the cycle at another of these phases"
            )
        else:
            dep = name[issue.refs[0]]
            dep_status = phase_of[issue.refs[0]].status
            state = f"which is {status_word(dep_status)}" if dep_status else "whose status is unknown"
            msg = (
                f"{here} is marked done but depends on {dep}, {state}; "
                f"mark {dep} done (or cancelled), or give {here} a status other than done"
            )
        diagnostics.append(Diagnostic(milestone.file, line, msg))
    diagnostics.sort(key=lambda d: d.line)
    return graph, diagnostics
