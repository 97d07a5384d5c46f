# SPDX-License-Identifier: MIT
"""The roadmap: grouping, ordering, filters, markers, relative links, escaping, timeline, scale."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import markdown
import pytest
from conftest import parse_html

from mkdocs_milestones.export import MilestoneEntry
from mkdocs_milestones.cli import roadmap_page
from mkdocs_milestones.dates import parse_date, parse_duration_days
from mkdocs_milestones.render.roadmap import at_risk, relative_url, render_roadmap
from mkdocs_milestones.roadmap.markers import expand_markers, find_markers, parse_marker
from mkdocs_milestones.roadmap.query import RoadmapFilter
from mkdocs_milestones.site import PageSource, collect_milestones

#: A 1,000-milestone roadmap must stay under this many bytes (measured: 1.64 MB raw, 62 KB gzipped,
#: with the translated data-label attributes of the narrow-screen layout; every row is kept, later
#: rows folded into nested <details>).
MAX_BYTES_1000 = 1_800_000


def _ms(title: str, status: str, priority: str | None, created: str | None, extra: str = "", body: str = "") -> str:
    head = f"# MILESTONE: {title}\n\n**Status**: {status}\n"
    head += f"**Priority**: {priority}\n" if priority else ""
    head += f"**Created**: {created}\n" if created else ""
    return head + extra + "\n" + body


PHASES = """\
## Phases

### Phase 1: Schema
**Status**: done
**Completed**: 2026-01-12

- [x] tables
- [ ] indexes

### Phase 2: Copy data
**Status**: in progress

### Phase 3: Cut over
**Status**: pending
"""

PAGES: dict[str, str] = {
    "backend/db.md": _ms("Database move", "WIP", "high", "2026-01-10",
                         "**Estimated Duration**: 3 weeks\n**Depends on**: [Auth](../auth.md)\n", PHASES),
    "backend/api.md": _ms("API v2", "in progress", "critical", "2026-02-01",
                          "**Estimated Duration**: 8-10 sessions (24-30 hours)\n"),
    "backend/cache.md": _ms("Cache layer", "\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} IN PROGRESS",
                            "\N{LARGE ORANGE CIRCLE} HIGH", "2025-12-01", "**Estimated Duration**: 5 days\n"),
    "frontend/ui.md": _ms("New UI", "pending", "medium", "2026-03-01", "**Estimated Duration**: 2 sprints\n"),
    "auth.md": _ms("Auth", "done", "high", "2025-11-03", "**Completed**: 2026-01-09\n**Estimated Duration**: 3 weeks\n"),
    "frontend/billing.md": _ms(
        "Billing", "blocked", "low", None, "",
        "## Success Criteria\n\n| Metric | Target | Status |\n|---|---|---|\n| Ledger | 100% | \N{CROSS MARK} Failed |\n\n"
        "### Phase 1: Pricing\n**Status**: blocked\n",
    ),
    "xss.md": _ms(
        "<script>alert(1)</script>", "partial <b onmouseover=alert(1)>x</b>", None, "2026-02-10", "",
        '### Phase 1: "><img src=x onerror=alert(1)>\n**Status**: in progress\n\n'
        "## Risk Assessment\n\n| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n"
        "| <svg onload=alert(1)> | Low | High | <iframe src=javascript:alert(1)> |\n",
    ),
    "legacy.md": _ms("Legacy sunset", "cancelled", None, "2025-09-01"),
    "ops.md": _ms("Ops handbook", "Someday-ish", "low", "2026-01-01", "**Estimated Duration**: 1 week\n"),
}


def _entries(directory_urls: bool = True) -> list[MilestoneEntry]:
    def url(path: str) -> str:
        stem = path[:-3]
        return stem + "/" if directory_urls else stem + ".html"

    return collect_milestones([PageSource(p, url(p), t) for p, t in PAGES.items()], fix_mojibake=False)


@pytest.fixture(scope="module")
def entries() -> list[MilestoneEntry]:
    return _entries()


def _group_pages(html: str) -> dict[str, list[str]]:
    root = parse_html(html)
    return {
        g.attrs["data-status"]: [tr.attrs["data-page"] for tr in g.find_all("tr") if "data-page" in tr.attrs]
        for g in root.find_all("details", cls="ms-roadmap-group")
    }


def test_groups_in_order_and_sorted_by_priority_then_created(entries: list[MilestoneEntry]) -> None:
    groups = _group_pages(render_roadmap(entries, page_url="roadmap/"))
    assert list(groups) == ["in-progress", "pending", "blocked", "partial", "done", "cancelled", "unknown"]
    # critical first, then the two "high" ones by Created (2025-12-01 before 2026-01-10)
    assert groups["in-progress"] == ["backend/api.md", "backend/cache.md", "backend/db.md"]
    assert groups["done"] == ["auth.md"] and groups["cancelled"] == ["legacy.md"]


def test_done_and_cancelled_groups_start_closed_and_counters_count(entries: list[MilestoneEntry]) -> None:
    root = parse_html(render_roadmap(entries, page_url="roadmap/"))
    opened = {g.attrs["data-status"]: "open" in g.attrs for g in root.find_all("details", cls="ms-roadmap-group")}
    assert opened == {
        "in-progress": True, "pending": True, "blocked": True, "partial": True, "done": False, "cancelled": False, "unknown": True
    }
    badges = root.find(cls="ms-roadmap-counters").find_all(cls="ms-badge")
    counters = {b.attrs["data-status"]: b.find(cls="ms-roadmap-count").text for b in badges}
    ones = ("pending", "blocked", "partial", "done", "cancelled", "unknown")
    assert counters == dict.fromkeys(ones, "1") | {"in-progress": "3"}
    assert "9 milestones" in root.find(cls="ms-roadmap-counters").text
    row = root.find("tr", data_page="backend/db.md")
    assert row.find(cls="ms-badge", data_status="in-progress") and row.find(cls="ms-badge", data_priority="high")
    assert row.find(cls="ms-progress").attrs["aria-valuenow"] == "33"  # the export's formula: (1 + 0 + 0) / 3
    assert "1/3 phases" in row.text
    assert row.find("a", cls=None, href="../backend/db/#phase-2").text == "Phase 2: Copy data"
    assert "Next:" in row.text and "../backend/db/#phase-3" in str([a.attrs for a in row.find_all("a")])


def test_filters(entries: list[MilestoneEntry]) -> None:
    def pages(flt: RoadmapFilter) -> set[str]:
        return {e.page for e in flt.apply(entries)}

    assert pages(parse_marker("<!-- milestones status=wip -->")[0]) == {"backend/db.md", "backend/api.md", "backend/cache.md"}
    assert pages(parse_marker("<!-- milestones priority=high,critical -->")[0]) == {
        "backend/db.md", "backend/api.md", "backend/cache.md", "auth.md"
    }
    assert pages(parse_marker("<!-- milestones folder=frontend/ -->")[0]) == {"frontend/ui.md", "frontend/billing.md"}
    combined, problems = parse_marker("<!-- milestones status=in-progress,blocked priority=high,low folder=/backend,frontend -->")
    assert not problems and pages(combined) == {"backend/db.md", "backend/cache.md", "frontend/billing.md"}
    assert pages(parse_marker("<!-- milestones priority=none status=cancelled -->")[0]) == {"legacy.md"}
    top, _ = parse_marker("<!-- milestones status=in-progress limit=2 sections=list,counters -->")
    assert [e.page for e in top.apply(entries)] == ["backend/api.md", "backend/cache.md"]
    html = render_roadmap(entries, page_url="roadmap/", filters=top, title=None)
    assert "ms-roadmap-counters" in html and "ms-roadmap-list" in html
    assert "ms-roadmap-graph" not in html and "ms-timeline" not in html and "<h1" not in html


def test_marker_problems_are_worded() -> None:
    flt, problems = parse_marker("<!-- milestones colour=red status=sideways,done limit=x sections=list,map stray -->")
    assert problems[0] == "unknown key 'colour' in the milestones marker; use one of: status, priority, folder, sections, limit, owner, tag, overdue, sort"
    assert any("status='sideways'" in p and "in-progress" in p for p in problems)
    assert any(p.startswith("limit=x") for p in problems) and any("'map'" in p for p in problems)
    assert any("'stray'" in p for p in problems)
    assert flt.statuses == ("done",) and flt.sections == ("list",) and flt.limit is None


def test_markers_outside_code_only_and_problems_have_lines(entries: list[MilestoneEntry]) -> None:
    page = (
        "# Team page\n\n"  # 1
        "<!-- milestones folder=backend/ -->\n\n"  # 3
        "```markdown\n<!-- milestones status=done -->\n```\n\n"  # 5-7
        "~~~\n<!-- milestones -->\n~~~\n\n"  # 9-11
        "    <!-- milestones -->\n\n"  # 13: indented code
        "Inline `<!-- milestones -->` text.\n\n"  # 15
        "<!-- milestones\n   status=pending\n   colour=blue -->\n"  # 17-19
        "Tail.\n"
    )
    found = find_markers(page)
    assert [(line, f.folders, f.statuses) for _, _, line, f, _ in found] == [(3, ("backend/",), ()), (17, (), ("pending",))]
    start, end = found[0][:2]
    assert page[start:end] == "<!-- milestones folder=backend/ -->"
    out, diags = expand_markers(page, entries, page_url="team/", file="team.md", first_line=5)
    assert [str(d) for d in diags] == [
        "team.md:21: unknown key 'colour' in the milestones marker; use one of: status, priority, folder, sections, limit, owner, tag, overdue, sort"
    ]
    assert out.count('<div class="ms-roadmap"') == 2 and 'id="ms-roadmap-1"' in out and 'id="ms-roadmap-2"' in out
    assert "<!-- milestones status=done -->" in out and "Tail." in out
    rendered = markdown.markdown(out, extensions=["tables", "toc", "fenced_code"])
    root = parse_html(rendered)
    first = root.find("div", cls="ms-roadmap", id="ms-roadmap-1")
    assert {tr.attrs["data-page"] for tr in first.find_all("tr") if "data-page" in tr.attrs} == {
        "backend/db.md", "backend/api.md", "backend/cache.md"
    }
    assert root.find("a", href="../backend/db/")
    assert "<p>Tail.</p>" in rendered


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("milestones/db/", "roadmap/", "../milestones/db/"),
        ("milestones/db.html", "roadmap/index.html", "../milestones/db.html"),
        ("milestones/db.html", "roadmap.html", "milestones/db.html"),
        ("db/", "", "db/"),
        ("", "roadmap/", "../"),
        ("index.html", "a/b/c.html", "../../index.html"),
        ("roadmap/", "roadmap/", "./"),
        ("a/b/#phase-2", "a/c/", "../b/#phase-2"),
        ("https://x.org/a", "roadmap/", "https://x.org/a"),
    ],
)
def test_relative_url(target: str, base: str, expected: str) -> None:
    assert relative_url(target, base) == expected


@pytest.mark.parametrize(("directory_urls", "page_url", "href"), [
    (True, "roadmap/", "../backend/db/"),
    (False, "roadmap/index.html", "../backend/db.html"),
    (True, "", "backend/db/"),
    (False, "index.html", "backend/db.html"),
])
def test_links_relative_with_and_without_directory_urls(directory_urls: bool, page_url: str, href: str) -> None:
    root = parse_html(render_roadmap(_entries(directory_urls), page_url=page_url))
    row = root.find("tr", data_page="backend/db.md")
    assert row.find("td", cls="ms-roadmap-title").find("a").attrs["href"] == href
    graph = root.find("svg", cls="ms-graph")
    assert href in [a.attrs.get("xlink:href") for a in graph.find_all("a")]
    assert href in [a.attrs.get("xlink:href") for a in root.find("svg", cls="ms-timeline-chart").find_all("a")]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_author_text_is_escaped_everywhere(entries: list[MilestoneEntry]) -> None:
    html = render_roadmap(entries, page_url="roadmap/")
    page = markdown.markdown(roadmap_page(entries, page_url="roadmap/"), extensions=["tables", "toc"])
    for doc in (html, page):
        p = _Tags()
        p.feed(doc)
        names = {t for t, _ in p.tags}
        assert not names & {"script", "img", "iframe", "b"}
        assert not [a for _, attrs in p.tags for a, _ in attrs if a.lower().startswith("on")]
        assert not [v for _, attrs in p.tags for a, v in attrs if v and "javascript:" in v.lower()]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    root = parse_html(html)
    assert root.find("tr", data_page="xss.md").find("td", cls="ms-roadmap-title").text == "<script>alert(1)</script>"


def test_html_survives_python_markdown(entries: list[MilestoneEntry]) -> None:
    html = render_roadmap(entries, page_url="roadmap/", title=None)
    assert "\n" not in html
    for exts in (["tables", "toc"], ["tables", "toc", "md_in_html", "attr_list"]):
        assert markdown.markdown(html, extensions=exts) == html
        out = markdown.markdown(roadmap_page(entries, page_url="roadmap/"), extensions=exts)
        block = render_roadmap(entries, page_url="roadmap/", title=None, id_prefix="ms-roadmap-1")
        assert out.startswith('<h1 id="roadmap">Roadmap</h1>\n') and out.endswith("\n" + block)


def test_timeline_bars_and_undated(entries: list[MilestoneEntry]) -> None:
    root = parse_html(render_roadmap(entries, page_url="roadmap/"))
    chart = root.find("svg", cls="ms-timeline-chart")
    rows = {g.attrs["data-page"]: g for g in chart.find_all("g", cls="ms-timeline-row")}
    dated = {p for p, t in PAGES.items() if "**Created**" in t}
    assert set(rows) == dated
    for page, g in rows.items():
        assert g.find_all("rect", cls="ms-timeline-bar") or g.find_all("path", cls="ms-timeline-point"), page
    assert rows["auth.md"].attrs["data-kind"] == "done"  # Created -> Completed
    assert rows["backend/db.md"].attrs["data-kind"] == "plan"  # Created + 3 weeks
    assert rows["legacy.md"].attrs["data-kind"] == "open"  # no estimate: a diamond
    undated = root.find("p", cls="ms-timeline-undated")
    assert "Billing" in undated.text and undated.find("a").attrs["href"] == "../frontend/billing/"
    today = render_roadmap(entries, page_url="roadmap/", today=date(2026, 3, 1))
    assert "ms-timeline-today" in today and "ms-timeline-late" in today


def test_dates_and_durations() -> None:
    assert [parse_duration_days(t) for t in ("3 weeks", "8-10 sessions (24-30 hours)", "2 sprints", "5 days")] == [21, 10, 28, 5]
    assert parse_duration_days("~2-3 months") == 90 and parse_duration_days("TBD") is None
    assert parse_date("2026-01-17T10:00:00Z") == date(2026, 1, 17)
    assert parse_date("January 5, 2026") == date(2026, 1, 5) and parse_date("2026-02-30") is None


def test_at_risk_list(entries: list[MilestoneEntry]) -> None:
    flagged = {e.page: [r for _, r in reasons] for e, reasons in at_risk(entries)}
    assert flagged["frontend/billing.md"] == [
        "the milestone is blocked", "success criterion failed: Ledger (target 100%)", "Phase 1: Pricing is blocked"
    ]
    assert flagged["backend/db.md"] == ["Phase 1: Schema is marked done with 1 of 2 criteria unchecked"]
    root = parse_html(render_roadmap(entries, page_url="roadmap/"))
    item = root.find("ul", cls="ms-roadmap-risk-list").find("li", data_page="backend/db.md")
    assert item.find("a", href="../backend/db/#phase-1")


def test_dependency_graph_links_milestones(entries: list[MilestoneEntry]) -> None:
    root = parse_html(render_roadmap(entries, page_url="roadmap/"))
    graph = root.find("svg", cls="ms-graph")
    assert graph.attrs["data-nodes"] == str(len(entries))
    assert [p.attrs["data-source"] + ">" + p.attrs["data-target"] for p in graph.find_all("path", cls="ms-edge")] == [
        "auth.md>backend/db.md"
    ]


def _big_page(i: int) -> str:
    statuses = ("done", "in progress", "pending", "blocked", "partial", "failed", "cancelled")
    deps = f"**Depends on**: [m](../t{(i - 3) % 10}/m{i - 3}.md)\n" if i % 4 == 0 and i >= 3 else ""
    phases = "".join(
        f"### Phase {k}: Step {k} of milestone {i}\n**Status**: {statuses[(i + k) % 5]}\n\n- [x] a\n- [ ] b\n\n"
        for k in range(1, 5)
    )
    risks = "## Risks\n\n| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n| r | Low | High | m |\n"
    priority = ("critical", "high", "medium", "low")[i % 4]
    created = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    title = f"Milestone number {i} with a moderately long title"
    return _ms(title, statuses[i % 7], priority, created, f"**Estimated Duration**: {1 + i % 6} weeks\n{deps}", phases + risks)


def test_a_thousand_milestones_stay_usable() -> None:
    big = collect_milestones(
        [PageSource(f"t{i % 10}/m{i}.md", f"t{i % 10}/m{i}/", _big_page(i)) for i in range(1000)], fix_mojibake=False
    )
    html = render_roadmap(big, page_url="roadmap/")
    assert len(html.encode("utf-8")) < MAX_BYTES_1000
    root = parse_html(html)
    assert len(root.find_all("tr", cls=None)) - len(root.find_all("thead")) == 1000  # every milestone is listed
    for group in root.find_all("details", cls="ms-roadmap-group"):
        tables = group.find_all("table")
        assert len(tables[0].find_all("tr")) <= 51  # 50 rows and the header; the rest folded
        if len(tables) > 1:
            assert group.find("details", cls="ms-roadmap-more").find("summary").text.startswith("Show ")
    assert len(root.find("svg", cls="ms-timeline-chart").find_all("g", cls="ms-timeline-row")) == 60
    assert "not drawn" in root.find("p", cls="ms-timeline-note").text
    assert int(root.find("svg", cls="ms-graph").attrs["data-nodes"]) <= 160


# -- problems in the cross-milestone graph (issue 4): drawn, and warned about with file:line ------

GHOST_PAGES: dict[str, str] = {
    # (the second reference is id-shaped, so it is warned about and drawn: prose naming no milestone is not)
    "a.md": _ms("A", "pending", None, None, '**Depends on**: plans/gone.md, M9-"><svg onload=alert`1`>\n'),
    "b.md": _ms("B", "in progress", None, None, "**Depends on**: [A](a.md)\n"),
}


def test_a_dependency_on_no_milestone_page_is_a_dashed_ghost_on_the_roadmap() -> None:
    found = collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in GHOST_PAGES.items()], fix_mojibake=False)
    assert [str(d) for e in found for d in e.warnings] == [
        "a.md:4: depends on 'plans/gone.md', which is not a milestone page; link to one of: 'A' in a.md, 'B' in b.md",
        "a.md:4: depends on 'M9-\"><svg onload=alert`1`>', which is not a milestone page; link to one of: 'A' in a.md, 'B' in b.md",
    ]
    html = render_roadmap(found, page_url="roadmap/")
    p = _Tags()
    p.feed(html)
    assert not [a for _, attrs in p.tags for a, _ in attrs if a.lower().startswith("on")]
    assert "<svg onload" not in html
    graph = parse_html(html).find("svg", cls="ms-graph")
    assert graph.attrs["data-nodes"] == "2"  # ghosts are not milestones
    ghosts = graph.find_all("g", cls="ms-ghost")
    assert [g.find("title").text for g in ghosts] == [  # the label as written (in full in the tooltip)
        "plans/gone.md — does not exist", 'M9-"><svg onload=alert`1`> — does not exist'
    ]
    assert ghosts[0].find("text", cls="ms-node-label").text == "plans/gone.md"
    assert all("ms-node" in g.classes() and g.attrs["data-status"] == "missing" for g in ghosts)
    edges = {(e.attrs["data-source"], e.attrs["data-target"]) for e in graph.find_all("path", cls="ms-edge")}
    assert edges == {("a.md", "b.md"), (ghosts[0].attrs["data-node"], "a.md"), (ghosts[1].attrs["data-node"], "a.md")}
    # A view without the page that names them draws no ghost.
    view = parse_html(render_roadmap(found, page_url="roadmap/", filters=parse_marker("status=in-progress")[0]))
    assert not view.find_all("g", cls="ms-ghost")


CYCLE_PAGES: dict[str, str] = {
    "a.md": _ms("<b>A</b>", "pending", None, None, "**Depends on**: [B](b.md)\n"),
    # front matter dependencies: the warnings point at line 1
    "b.md": "---\ndepends_on: [a.md]\n---\n\n" + _ms("B", "in progress", None, None),
    "c.md": _ms("C", "done", None, None, "**Depends on**: [A](a.md), [D](d.md), [E](e.md)\n"),
    "d.md": _ms("D", "cancelled", None, None),
    "e.md": _ms("E", "Someday", None, None),
    "x/1.md": _ms("X1", "pending", None, None, "**Depends on**: [3](3.md)\n"),
    "x/2.md": _ms("X2", "pending", None, None, "**Depends on**: [1](1.md)\n"),
    "x/3.md": _ms("X3", "pending", None, None, "**Depends on**: [2](2.md)\n"),
}


def _cycle(line: str, *chain: str) -> str:
    return (
        f"{line}: dependency cycle between milestones: {' → '.join(chain)} (each depends on the next), so none of "
        f"them can be done first; stop {chain[0]} depending on {chain[1]}, or break the cycle at another of these milestones"
    )


def _done_first(line: str, page: str, dep: str, state: str) -> str:
    return f"{line}: {page} is marked done but depends on {dep}, {state}; mark {dep} done (or cancelled), or give {page} a status other than done"


CYCLE_WARNINGS = [
    _cycle("a.md:4", "'<b>A</b>'", "'B'", "'<b>A</b>'"),
    _cycle("b.md:1", "'B'", "'<b>A</b>'", "'B'"),
    _done_first("c.md:4", "'C'", "'<b>A</b>'", "which is pending"),
    _done_first("c.md:4", "'C'", "'E'", "whose status is unknown"),
    _cycle("x/1.md:4", "'X1'", "'X3'", "'X2'", "'X1'"),
    _cycle("x/2.md:4", "'X2'", "'X1'", "'X3'", "'X2'"),
    _cycle("x/3.md:4", "'X3'", "'X2'", "'X1'", "'X3'"),
]
"""What the site of :data:`CYCLE_PAGES` is warned about, in page order (``e.md`` has an unknown status too)."""


def test_cycles_and_done_before_a_dependency_between_milestones_are_warned_at_the_depends_on_line() -> None:
    found = collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in CYCLE_PAGES.items()], fix_mojibake=False)
    assert [str(d) for e in found for d in e.warnings] == CYCLE_WARNINGS
    again = collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in reversed(CYCLE_PAGES.items())], fix_mojibake=False)
    assert [str(d) for e in again for d in e.warnings] == CYCLE_WARNINGS  # whatever the order pages come in
    graph = parse_html(render_roadmap(found, page_url="roadmap/")).find("svg", cls="ms-graph")
    marked = {(e.attrs["data-source"], e.attrs["data-target"]) for e in graph.find_all("path", cls="ms-edge-cycle")}
    assert marked == {("b.md", "a.md"), ("x/3.md", "x/1.md")}  # still drawn, the closing edges marked


def test_milestone_graph_problems_reach_the_log_the_export_strict_and_check(make_site, capsys) -> None:
    import json
    import subprocess
    import sys

    from conftest import milestone_log
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_milestones.cli import main

    cfg = make_site(CYCLE_PAGES)
    with milestone_log(quiet=True) as logged:
        build(load_config(str(cfg)))
    ours = [m.removeprefix("milestones: ") for m in logged if "unknown status" not in m]
    assert ours == CYCLE_WARNINGS
    doc = json.loads((cfg.parent / "site" / "milestones.json").read_text(encoding="utf-8"))
    exported = [w for m in doc["milestones"] for w in m["warnings"] if "unknown status" not in w]
    assert exported == CYCLE_WARNINGS
    assert {m["page"]: len(m["warnings"]) for m in doc["milestones"]}["c.md"] == 2
    roadmap = (cfg.parent / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;A&lt;/b&gt;" in roadmap and "<b>A</b>" not in roadmap
    # check prints what the build logged, and fails
    docs = cfg.parent / "docs"
    assert main(["check", "--quiet", str(docs)]) == 1
    printed = [line.removeprefix(f"{docs}/") for line in capsys.readouterr().out.splitlines()]
    assert sorted(printed) == sorted(m.removeprefix("milestones: ") for m in logged)
    assert set(CYCLE_WARNINGS) <= set(printed)
    # --strict fails on these alone
    only = {p: t for p, t in CYCLE_PAGES.items() if p in ("a.md", "b.md")}
    strict = make_site(only)
    for name in set(CYCLE_PAGES) - set(only):
        (strict.parent / "docs" / name).unlink()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(strict)], check=False, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Aborted with 2 warnings in strict mode!" in proc.stdout + proc.stderr


def test_a_bug_in_the_dependency_check_is_a_warning_not_a_crash(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import mkdocs_milestones.site

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(mkdocs_milestones.site, "build_milestone_graph", broken)
    found = collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in CYCLE_PAGES.items()], fix_mojibake=False)
    assert [e.page for e in found] == sorted(CYCLE_PAGES) and found[0].depends_on == ["b.md"]
    assert "could not check the dependencies between milestones (RuntimeError: boom)" in caplog.text
