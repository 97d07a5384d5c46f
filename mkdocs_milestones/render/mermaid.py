# SPDX-License-Identifier: MIT
"""A graph as a Mermaid flowchart, for sites that render Mermaid (Material's ``pre.mermaid``)."""

from __future__ import annotations

from ..graph import Graph
from .markup import esc, mermaid_label as _label

__all__ = ["render_mermaid"]


def render_mermaid(graph: Graph) -> str:
    """``<pre class="mermaid" data-search-exclude=""><code>flowchart LR ...</code></pre>``, HTML-escaped.

    >>> from mkdocs_milestones.graph import Graph, GraphEdge, GraphNode
    >>> g = Graph([GraphNode("0", "Phase 0", "done"), GraphNode("1", "Phase <1>", None)], [GraphEdge("0", "1")], set(), [])
    >>> print(render_mermaid(g))
    <pre class="mermaid" data-search-exclude=""><code>flowchart LR
      n0[&quot;Phase 0&quot;]:::done
      n1[&quot;Phase #60;1#62;&quot;]:::unknown
      n0 --&gt; n1</code></pre>
    """
    ids = {n.id: f"n{i}" for i, n in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for n in graph.nodes:
        text = f"{n.label}: {n.sublabel}" if n.sublabel else n.label
        lines.append(f"  {ids[n.id]}[{_label(text)}]:::{(n.status or 'unknown')}")
    for e in graph.edges:
        if e.source in ids and e.target in ids:
            arrow = "-.->" if (e.source, e.target) in graph.cycle_edges else "-->"
            lines.append(f"  {ids[e.source]} {arrow} {ids[e.target]}")
    # Graph source repeats the phase titles: kept out of Material's search index.
    return '<pre class="mermaid" data-search-exclude=""><code>' + esc("\n".join(lines)) + "</code></pre>"
