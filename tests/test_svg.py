# SPDX-License-Identifier: MIT
"""Inline SVG of dependency graphs: structure, links, classes, determinism, safety, stylesheet."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mkdocs_milestones.graph import Graph, GraphEdge, GraphNode, build_phase_graph, find_cycle_edges
from mkdocs_milestones.model import Milestone, Phase
from mkdocs_milestones.render.svg import render_graph_svg, safe_graph_href
from mkdocs_milestones.vocabulary import STATUS_GLYPHS

SVG = "{http://www.w3.org/2000/svg}"
XHREF = "{http://www.w3.org/1999/xlink}href"
CSS = Path(__file__).resolve().parents[1] / "mkdocs_milestones" / "assets" / "graph.css"
XSS = ["<script>alert(1)</script>", '"><svg onload=alert(1)>', "'><img src=x onerror=alert(1)>", "&lt;b&gt;"]
BAD_HREFS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "\x01javascript:x", "data:text/html,x"]


def milestone(*phases: tuple[str, str, str | None, list[str]]) -> Milestone:
    return Milestone(
        "M1",
        1,
        file="m1.md",
        phases=[Phase(i, title, 10 * k + 10, status=s, depends_on=d) for k, (i, title, s, d) in enumerate(phases)],
    )


DEMO = milestone(
    ("0", "Skeleton", "done", []),
    ("1", "Parser", "done", ["0"]),
    ("2", "Model", "in-progress", ["0"]),
    ("3", "Layout", "pending", ["1", "2"]),
    ("4", "Render", None, ["3", "9"]),
    ("5", "Docs", "blocked", ["4", "6"]),
    ("6", "Loop", "failed", ["5"]),
)


def parse(markup: str) -> tuple[ET.Element, ET.Element]:
    wrap = ET.fromstring(markup)
    svg = wrap.find(f"{SVG}svg")
    assert wrap.tag == "div" and wrap.get("class") == "ms-graph-wrap" and svg is not None
    return wrap, svg


def classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def nodes(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if "ms-node" in classes(g)]


def edges(svg: ET.Element) -> list[ET.Element]:
    return [p for p in svg.iter(f"{SVG}path") if "ms-edge" in classes(p)]


def render_demo() -> tuple[Graph, str]:
    graph, _ = build_phase_graph(DEMO)
    return graph, render_graph_svg(graph, label="Phases of M1")


def test_structure_a_node_per_phase_and_an_edge_per_dependency() -> None:
    graph, markup = render_demo()
    _, svg = parse(markup)
    assert classes(svg) >= {"ms-graph", "ms-graph-phase"}
    assert svg.get("role") == "img" and svg.get("aria-label") == "Phases of M1"
    assert svg.find(f"{SVG}title").text == "Phases of M1"  # type: ignore[union-attr]
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text and desc.text.startswith("7 phases and 9 dependencies")
    assert "Missing: Phase 9." in desc.text and "Remaining critical path: Phase 2 → Phase 3 → Phase 4" in desc.text
    w, h = svg.get("width"), svg.get("height")
    assert svg.get("viewBox") == f"0 0 {w} {h}"
    assert [g.get("data-node") for g in nodes(svg)] == [n.id for n in graph.nodes]
    assert len(edges(svg)) == len(graph.edges) == 9
    assert {(p.get("data-source"), p.get("data-target")) for p in edges(svg)} == {
        (e.source, e.target) for e in graph.edges
    }
    assert all(p.get("marker-end", "").startswith("url(#msg") for p in edges(svg))


def test_links_resolve_to_phase_anchors() -> None:
    _, markup = render_demo()
    _, svg = parse(markup)
    hrefs = {g.get("data-node"): g.find(f"{SVG}a") for g in nodes(svg)}
    for phase in DEMO.phases:
        link = hrefs[phase.id]
        assert link is not None and link.get(XHREF) == f"#{phase.anchor}" == f"#phase-{phase.id}"
        assert link.get("href") is None  # xlink:href only: theme scripts assign `el.href` on every [href]
        assert link.find(f"{SVG}title").text.startswith(f"Phase {phase.id}: {phase.title} — ")  # type: ignore[union-attr]
    assert hrefs["missing:9"] is None  # a ghost links nowhere


def test_status_classes_icons_ghosts_cycles_and_critical_path() -> None:
    graph, markup = render_demo()
    _, svg = parse(markup)
    by_id = {g.get("data-node"): g for g in nodes(svg)}
    for n in graph.nodes:
        g = by_id[n.id]
        status = "missing" if n.ghost else n.status or "unknown"
        assert g.get("data-status") == status
        icon = next(t for t in g.iter(f"{SVG}text") if "ms-node-icon" in classes(t))
        assert icon.text == STATUS_GLYPHS[status]
    assert "ms-ghost" in classes(by_id["missing:9"])
    cyc = [p for p in edges(svg) if "ms-edge-cycle" in classes(p)]
    assert [(p.get("data-source"), p.get("data-target")) for p in cyc] == sorted(graph.cycle_edges)
    assert cyc[0].get("marker-end", "").endswith("-arrow-cycle)")
    assert graph.critical == ["2", "3", "4", "5", "6"]  # the cycle edge 6 -> 5 is ignored
    assert {g.get("data-node") for g in by_id.values() if "ms-critical" in classes(g)} == {"2", "3", "4", "5", "6"}
    crit = {(p.get("data-source"), p.get("data-target")) for p in edges(svg) if "ms-critical" in classes(p)}
    assert crit == {("2", "3"), ("3", "4"), ("4", "5"), ("5", "6")}


def test_identical_input_gives_identical_svg_and_ids_are_unique() -> None:
    a, b = render_demo()[1], render_demo()[1]
    assert a == b
    ids = re.findall(r'\bid="([^"]+)"', a)
    assert len(ids) == len(set(ids)) == 4
    other = render_graph_svg(build_phase_graph(milestone(("1", "A", None, [])))[0], label="Other")
    assert set(re.findall(r'\bid="([^"]+)"', other)).isdisjoint(ids)


def test_no_inline_colours_or_styles() -> None:
    _, markup = render_demo()
    wrap, _ = parse(markup)
    for el in wrap.iter():
        assert not {"style", "fill", "stroke", "color"} & set(el.attrib), el.tag


@pytest.mark.parametrize("evil", XSS)
def test_author_strings_come_out_inert(evil: str) -> None:
    graph = Graph(
        [
            GraphNode(evil, evil, "done", href=evil, tooltip=evil, sublabel=evil),
            GraphNode("b", "b" + evil, evil, href="javascript:alert(1)"),
        ],
        [GraphEdge(evil, "b"), GraphEdge("b", evil)],
        {("b", evil)},
        [evil],
    )
    markup = render_graph_svg(graph, label=evil, kind=evil)
    wrap, svg = parse(markup)
    for el in wrap.iter():
        assert el.tag.rsplit("}", 1)[-1] not in ("script", "img", "foreignObject", "iframe")
        assert not any(k.lower().startswith("on") for k in el.attrib)
        assert not (el.get("href") or el.get(XHREF) or "").lower().lstrip().startswith("javascript")
    assert svg.get("aria-label") == evil
    texts = [t.text for t in svg.iter(f"{SVG}text") if "ms-node-sub" in classes(t)]
    assert texts and evil.startswith(texts[0].rstrip("…"))
    assert {g.get("data-status") for g in nodes(svg)} == {"done", "unknown"}


@pytest.mark.parametrize("href", BAD_HREFS)
def test_script_hrefs_are_dropped(href: str) -> None:
    assert safe_graph_href(href) is None
    graph = Graph([GraphNode("a", "A", None, href=href)], [])
    _, svg = parse(render_graph_svg(graph, label="x"))
    assert svg.find(f".//{SVG}a") is None


@pytest.mark.parametrize(
    ("href", "kept"),
    [("#phase-2", "#phase-2"), ("../m2/", "../m2/"), ("https://example.org/x?a=1&b=2", "https://example.org/x?a=1&b=2"),
     ("m2.html#top", "m2.html#top"), (" /abs/ ", "/abs/"), ("", None), (None, None)],
)
def test_safe_hrefs_are_kept(href: str | None, kept: str | None) -> None:
    assert safe_graph_href(href) == kept


def test_control_characters_do_not_break_the_xml() -> None:
    graph = Graph([GraphNode("a\x00", "A\x07\x1b label", None, sublabel="x\ufffey")], [])
    wrap, _ = parse(render_graph_svg(graph, label="bad \x0c label"))
    assert wrap is not None


def test_wide_graphs_scroll_small_ones_fit() -> None:
    _, small = parse(render_demo()[1])
    assert "ms-graph-wide" not in classes(small)
    many = [GraphNode(str(i), f"Phase {i}", None, sublabel="parallel work") for i in range(12)]
    _, wide = parse(render_graph_svg(Graph(many, []), label="wide"))
    assert "ms-graph-wide" in classes(wide)


def test_sixty_node_graph_is_well_formed() -> None:
    rng = random.Random(2)
    ns = [GraphNode(str(i), f"Phase {i}", rng.choice(list(STATUS_GLYPHS)[:7]), href=f"#phase-{i}") for i in range(60)]
    es = [GraphEdge(str(rng.randrange(i)), str(i)) for i in range(1, 60) for _ in range(rng.randint(0, 2))]
    es = list(dict.fromkeys(es))
    graph = Graph(ns, es, find_cycle_edges(ns, es))
    _, svg = parse(render_graph_svg(graph, label="big", kind="milestone"))
    assert len(nodes(svg)) == 60 and len(edges(svg)) == len(es)
    assert "ms-graph-milestone" in classes(svg)


def lum(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_stylesheet_scopes_its_rules_and_every_variable_has_a_readable_fallback() -> None:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    for selectors in re.findall(r"([^{}]+)\{[^{}]*\}", re.sub(r"@media[^{]*\{", "", css)):
        for sel in selectors.split(","):
            assert sel.strip().startswith((".ms-graph", ".ms-graph-wrap")), sel
    uses = re.findall(r"var\((--[\w-]+)\s*(,)?", css)
    assert uses and all(comma for _, comma in uses)
    names = {name for name, _ in uses}
    for status in ("pending", "in-progress", "partial", "done", "failed", "blocked", "cancelled", "unknown"):
        assert f"--ms-c-{status}" in names
    assert {"--ms-fg", "--ms-muted", "--ms-accent"} <= names
    for colour in set(re.findall(r"var\(--ms-[\w-]+,\s*(#[0-9a-fA-F]{6})\)", css)):
        assert contrast(colour, "#ffffff") >= 3 and contrast(colour, "#1e2129") >= 3, colour


def test_the_escape_shortcut_skips_only_text_that_escaping_leaves_alone() -> None:
    """svg.py escapes a label only when :data:`_ESCAPED_RE` finds a character to escape (issue 17): every
    character it does not find must come out of ``xml_text`` and ``xml_attr`` unchanged."""
    from mkdocs_milestones.render.markup import xml_attr, xml_text
    from mkdocs_milestones.render.svg import _ESCAPED_RE, _attr, _text

    skipped = [chr(c) for c in range(0x110000) if not _ESCAPED_RE.search(chr(c))]
    changed = [c for c in skipped if xml_text(c) != c or xml_attr(c) != f'"{c}"']
    assert not changed and len(skipped) > 1_000_000
    for s in ["Phase 1", "a&b", 'say "hi"', "tab\there", "\x01bell", "\ud800", "<script>"]:
        assert (_text(s), _attr(s)) == (xml_text(s), xml_attr(s))
