# SPDX-License-Identifier: MIT
"""The reading rules for plans as real teams write them (issue 15), one behaviour per test."""

from __future__ import annotations

import pytest

from mkdocs_milestones.parser import is_milestone_source, milestone_heading, parse_milestone
from mkdocs_milestones.reading import read_status
from mkdocs_milestones.roadmap_doc import parse_milestones
from mkdocs_milestones.site import PageSource, collect_milestones
from mkdocs_milestones.vocabulary import normalize_priority, normalize_status, split_status


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("# Milestone v1.1: Context reduction", ("v1.1", "Context reduction")),
        ("# Milestone SIM-M1 \u2014 Simulation core", ("SIM-M1", "Simulation core")),
        ("# Milestone 0.2.0", ("0.2.0", "0.2.0")),
        ("# MILESTONE: Demo", (None, "Demo")),
        ("# Milestone: M0 Docker setup", ("M0", "Docker setup")),
    ],
)
def test_milestone_headings_with_ids_and_versions(heading: str, expected: tuple[str | None, str]) -> None:
    ms = parse_milestone(heading + "\n**Status**: done\n")
    assert ms is not None and (ms.id, ms.title) == expected
    assert is_milestone_source(heading + "\n**Status**: done\n")


@pytest.mark.parametrize("heading", ["# M3: REST API", "# M-03.01 Time-travel APIs", "# FT-M-05.13 \u2014 Service buffers"])
def test_m_numbered_headings_need_a_status_or_a_phase(heading: str) -> None:
    assert parse_milestone(heading + "\n\nSome text.\n") is None
    assert not is_milestone_source(heading + "\n\nSome text.\n")
    with_status = parse_milestone(heading + "\n\n**Status:** \u2705 Complete\n")
    with_phase = parse_milestone(heading + "\n\n## Phase 3.1: Setup\n- [ ] scaffold\n")
    assert with_status is not None and with_status.status == "done"
    assert with_phase is not None and [p.id for p in with_phase.phases] == ["3.1"]
    assert is_milestone_source(heading + "\n\n## Phase 3.1: Setup\n")


@pytest.mark.parametrize(
    "text",
    [
        "# Milestone Creator\n\n**Status**: done\n",  # a skill file about milestones
        "# Milestones\n\n- v1 done\n",  # an index
        "# Roadmap: Twining\n\n## Milestones\n\n- \u2705 **v1** -- Phases 1-3\n",  # a roadmap
        "# MILESTONE: [Title]\n\n**Status**: \U0001f504 IN PROGRESS | \u2705 COMPLETE\n",  # a template
        "# Milestone: <milestone name>\n",
        "# Skill\n\n```markdown\n# MILESTONE: [Title]\n**Status**: done\n```\n",  # a template in a code fence is code
        "# \U0001f4ca Phase 3 Milestone Tracking - Live Status Dashboard\n\n**Status**: Sprint 2\n",  # a dashboard
        # documents about a milestone beside its plan (FlowTime's work/ and docs/releases/): its log, its release notes
        "# M-03.01 Implementation Tracking\n\n**Milestone:** M-03.01 \u2014 State APIs\n**Status:** \u2705 Complete\n\n### Phase 1\n- [x] a\n",
        "# SIM-M3.0 Tracking \u2014 Time-Travel Foundations\n\n**Status:** \U0001f504 Active (tracking live progress)\n",
        "# M-09.01 - Engine Semantics Layer \u2014 Tracking\n\n**Status:** done\n",
        "# TT\u2011M\u201103.32 \u2014 Retry Governance (Tracking)\n\n**Status:** done\n",
        "# M-07.01 Release Notes\n\n**Status:** \u2705 Complete\n",
        "# UI-M-02.00 Release: Mode Toggle\n\n> **Status:** COMPLETED \u2705\n",
        "# M-03.01 Time-Travel State APIs \u2013 Release Summary\n\n**Status:** \u2705 Complete\n",
        "# M-02.08 Enhanced Artifacts Registry - Completion Summary\n\n**Status:** \u2705 Complete\n",
    ],
)
def test_not_a_milestone(text: str) -> None:
    assert parse_milestone(text) is None
    assert not is_milestone_source(text)


def test_status_words_and_note() -> None:
    assert split_status("PARTIAL (functional but with critical implementation gaps)") == ("PARTIAL", "(functional but with critical implementation gaps)")
    ms = parse_milestone("# MILESTONE: A\n**Status:** SHIPPED 2026-02-22\n")
    assert (ms.status, ms.status_text, ms.status_note) == ("done", "SHIPPED", "2026-02-22")
    ms = parse_milestone("# MILESTONE: A\nStatus: DONE - shipped with v2\n")
    assert (ms.status, ms.status_text, ms.status_note) == ("done", "DONE", "shipped with v2")
    for word, canon in [("implemented", "done"), ("shipped", "done"), ("not-started", "pending"), ("on hold", "blocked")]:
        assert normalize_status(word) == canon, word


def test_emoji_shortcodes_read_as_pymdownx_emoji_renders_them() -> None:
    ms = parse_milestone("# MILESTONE: A\n**Status**: :white_check_mark: Done\n**Priority**: :red_circle:\n")
    assert (ms.status, ms.status_text, ms.priority) == ("done", ":white_check_mark: Done", "critical")
    assert normalize_status(":hourglass:") == "pending" and normalize_status(":construction:") == "in-progress"
    assert normalize_priority(":yellow_circle:") == "medium"
    assert [str(d) for d in ms.diagnostics] == []


def test_labels_where_authors_put_them_first_wins() -> None:
    text = (
        "# MILESTONE: A\n\nStatus: In progress (waiting on review)\n\n## Notes\n\n"
        "- **Priority**: CRITICAL - foundation first\n- **Status**: done\n"
    )
    ms = parse_milestone(text)
    assert (ms.status, ms.status_note) == ("in-progress", "(waiting on review)")
    assert (ms.priority, ms.priority_text, ms.priority_note) == ("critical", "CRITICAL", "foundation first")


def test_front_matter_status_that_is_no_status_is_warned_not_shown() -> None:
    ms = parse_milestone("---\nstatus: canonical\n---\n# MILESTONE: A\n\n- [x] one\n", file="a.md")
    assert ms.status_text == "" and ms.status == "done" and ms.status_inferred  # from its boxes, not from "canonical"
    assert any("`status: canonical` is not a milestone status" in str(d) and str(d).startswith("a.md:4:") for d in ms.diagnostics)
    ok = parse_milestone("---\nstatus: in progress\n---\n# MILESTONE: A\n")
    assert ok.status == "in-progress" and ok.diagnostics == []


def test_custom_task_markers_are_counted() -> None:
    text = (
        "# MILESTONE: A\n**Status**: WIP\n\n### Phase 1: Fixes\n"
        "- [DONE] Fix cost tracking\n- [PARTIAL] Add error tracking\n- [WIP] sessions\n- [~] tokens\n"
        "- [/] cache\n- [-] dropped idea\n- [x] done too\n- [ ] not yet\n- [Link] is no box\n"
    )
    (p,) = parse_milestone(text).phases
    assert [c.status for c in p.checks] == ["done", "partial", "in-progress", "in-progress", "in-progress", "cancelled", "done", "pending"]
    assert (p.checks_done, p.checks_total) == (2, 7)  # the cancelled box does not count
    assert p.status == "in-progress" and p.status_inferred


def test_phase_status_from_its_tasks_without_a_warning() -> None:
    text = (
        "# MILESTONE: A\n**Status**: in progress\n\n## Phase 1: Contracts\n\n### Task 1.1\n**Status:** \u2705 Complete\n"
        "### Task 1.2\n**Status:** \u2705 Complete\n\n## Phase 2: Endpoint\n\n### Task 2.1\n**Status:** \u2705 Complete\n"
        "### Task 2.2\n**Status:** \u26a0\ufe0f In Progress\n\n## Phase 3: Docs\n- [x] a\n- [x] b\n\n## Phase 4: Later\n- [ ] c\n"
        "\n## Phase 5: Unplanned\n\nNothing yet.\n"
    )
    ms = parse_milestone(text, file="a.md")
    assert [(p.id, p.status) for p in ms.phases] == [("1", "done"), ("2", "in-progress"), ("3", "done"), ("4", "pending"), ("5", None)]
    assert all(p.status_inferred for p in ms.phases[:4])
    # A phase with neither a status line nor a task to read one from: a reader cannot tell either.
    assert [str(d) for d in ms.diagnostics] == ["a.md:25: Phase 5 has no status line; add `**Status**: \u23f3 Pending` under its heading"]


def test_phase_headings_with_dashes_decimals_and_a_same_numbered_subsection() -> None:
    text = "# M3: REST API\n\n## Phase 3.1: Setup\n- [x] a\n### Phase 3.1 Validation\n- [ ] b\n## Phase 3.10 \u2014 Docker\n- [ ] c\n### Phase 1 \u2014 Schema + Validation\n"
    ms = parse_milestone(text)
    assert [(p.id, p.title) for p in ms.phases] == [("3.1", "Setup"), ("3.10", "Docker")]
    assert (ms.phases[0].checks_done, ms.phases[0].checks_total) == (1, 2)
    ms = parse_milestone("# M1: x\n\n### Phase 1 \u2014 Schema + Validation\n1. Extend\n")
    assert [(p.id, p.title) for p in ms.phases] == [("1", "Schema + Validation")]


def test_done_milestone_progress_and_checklists() -> None:
    done = parse_milestone("# MILESTONE: A\n**Status**: done\n\n## Definition of Done\n- [x] a\n- [x] b\n")
    assert (done.progress, done.checks_done, done.checks_total, done.diagnostics) == (1.0, 2, 2, [])
    bare = parse_milestone("# MILESTONE: A\n**Status**: done\n")
    assert bare.progress == 1.0 and bare.diagnostics == []
    off = parse_milestone("# MILESTONE: A\n**Status**: done\n\n## DoD\n- [x] a\n- [ ] b\n", file="a.md")
    assert (off.progress, off.checks_done, off.checks_total) == (0.5, 1, 2)  # what is ticked, not the status word
    assert [str(d).split(";")[0] for d in off.diagnostics] == [
        "a.md:2: the milestone is marked done but 1 of 2 checklist items are not ticked (first at line 6)"
    ]
    cancelled = parse_milestone("# MILESTONE: A\n**Status**: cancelled\n\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n")
    assert cancelled.progress == 0.25 and cancelled.diagnostics == []
    pending = parse_milestone("# MILESTONE: A\n\n## Release criteria\n- [ ] a\n- [ ] b\n")
    assert (pending.status, pending.status_inferred, pending.diagnostics) == ("pending", True, [])


def test_accomplishment_list_is_not_a_status_legend() -> None:
    from mkdocs_milestones.vocabulary import is_legend_item

    assert not is_legend_item("\u2705 Laravel 12 running")
    assert is_legend_item("\u2705 Done - finished work")
    assert is_legend_item("\u23f3 Pending")


def test_attr_list_on_a_phase_heading() -> None:
    ms = parse_milestone("# MILESTONE: A\n**Status**: WIP\n\n### Phase 1: First { #first .x }\n**Status**: done\n### Phase 2: Second {: .y }\n**Status**: pending\n")
    one, two = ms.phases
    assert (one.title, one.html_id, one.anchor) == ("First", "first", "first")
    assert (two.title, two.html_id, two.anchor) == ("Second", None, "phase-2")
    from mkdocs_milestones.graph import build_phase_graph

    graph, _ = build_phase_graph(ms)
    assert "{" not in repr(graph)


def test_phase_of_an_earlier_milestone_is_no_missing_phase() -> None:
    text = "# Milestone v1.1: B\n**Status**: done\n\n### Phase 6: A\n**Depends on**: Phase 5 (v1.0 complete)\n- [x] a\n### Phase 7: B\n**Depends on**: Phase 6\n- [x] b\n### Phase 8: C\n**Depends on**: Phase 9\n- [x] c\n"
    ms = parse_milestone(text, file="r.md")
    assert [(p.depends_on, p.external_depends_on) for p in ms.phases] == [([], ["5"]), (["6"], []), (["9"], [])]
    assert [d.message.split(",")[0] for d in ms.diagnostics] == ["Phase 8 depends on Phase 9"]


def test_roadmap_with_milestone_sections() -> None:
    text = (
        "# Roadmap\n\n## Milestone 1: Foundation { #m1 }\n**Status**: done\n\n### Phase 1: Model\n- [x] a\n\n"
        "## Milestone 2: API\n**Status**: \U0001f6a7 in progress\n**Depends on**: Milestone 1\n\n### Phase 2: Endpoints\n- [ ] b\n\n"
        "## Notes\n\nText.\n"
    )
    assert parse_milestone(text) is None
    one, two = parse_milestones(text, file="ROADMAP.md")
    assert (one.id, one.title, one.status, one.anchor, [p.id for p in one.phases]) == ("1", "Foundation", "done", "m1", ["1"])
    assert (two.id, two.title, two.status, two.anchor, [p.id for p in two.phases]) == ("2", "API", "in-progress", "milestone-2-api", ["2"])
    assert two.depends_on_refs == ["Milestone 1"]
    assert parse_milestones("# Guide\n\nNo milestones here.\n") == []
    (single,) = parse_milestones("# MILESTONE: One\n**Status**: done\n")
    assert single.title == "One"


def _entries(pages: dict[str, str]):
    return {e.page: e for e in collect_milestones([PageSource(p, p.removesuffix(".md") + "/", t) for p, t in pages.items()])}


def test_milestone_dependencies_by_stem_id_and_title_and_ghosts() -> None:
    pages = {
        "ms/M0-Docker_Environment_Setup.md": "# Milestone: M0 Docker Environment Setup\n**Status**: DONE\n",
        "ms/M1-MVP_Test.md": "# Milestone: M1-MVP_Test\n**Dependencies**: M0-Docker_Environment_Setup (DONE), M0_1-Cleanup (DONE)\n**Status**: PARTIAL\n",
        "ms/sim.md": "# Milestone SIM-M1 \u2014 Sim core\n**Status**: done\n",
        "ms/M2.md": "# Milestone: M2 Debt\n**Dependencies**: M1-MVP (DONE), SIM-M1, Sim core\n**Status**: pending\n",
    }
    e = _entries(pages)
    assert e["ms/M1-MVP_Test.md"].depends_on == ["ms/M0-Docker_Environment_Setup.md"]
    assert e["ms/M1-MVP_Test.md"].missing == ["M0_1-Cleanup"]
    assert [w.message.split(",")[0] for w in e["ms/M1-MVP_Test.md"].warnings] == ["depends on 'M0_1-Cleanup'"]
    assert e["ms/M2.md"].depends_on == ["ms/M1-MVP_Test.md", "ms/sim.md"]
    assert e["ms/M2.md"].warnings == []


def _render(text: str) -> str:
    import markdown

    from mkdocs_milestones.extension import MilestonesExtension

    return markdown.markdown(text, extensions=[MilestonesExtension(), "attr_list"])


def test_page_shows_the_status_note_beside_the_badge_and_keeps_every_word() -> None:
    from conftest import parse_html

    html = _render("# Milestone v1.1: Context\n\n**Status**: PARTIAL (functional but with gaps)\n\n## Notes\n\n- \u2705 Laravel 12 running\n- \u2705 Queue wired\n")
    doc = parse_html(html)
    assert doc.find("h1").text == "v1.1: Context"
    badge = doc.find("span", "ms-status")
    assert badge.text.strip() == "PARTIAL" and badge.attrs["data-status"] == "partial"
    assert doc.find("span", "ms-status-note").text == "(functional but with gaps)"
    assert "ms-legend" not in html and "Laravel 12 running" in html  # accomplishments, not a legend


def test_attr_list_braces_leave_the_phase_heading() -> None:
    from conftest import parse_html

    doc = parse_html(_render("# MILESTONE: A\n**Status**: WIP\n\n### Phase 1: First { #first .x }\n**Status**: done\n\n#### Phase 1 Validation\n- [x] ok\n"))
    details = doc.find_all("details", "ms-phase")
    assert len(details) == 1 and details[0].attrs["id"] == "first"  # "Phase 1 Validation" stays inside Phase 1
    heading = details[0].find("h3")
    assert "x" in heading.classes() and "{" not in heading.text and heading.find("span", "ms-phase-title").text == "First"


def test_changelog_versions_are_no_milestones_but_marked_versions_are() -> None:
    assert parse_milestones("# Changelog\n\n## v1.2.0\n\n- Fixed x\n\n## v1.1.0\n\n- Added y\n") == []
    (one,) = parse_milestones("# Roadmap\n\n### \u2705 v1.0 MVP\n\n- [x] a\n")
    assert (one.id, one.title, one.status) == ("v1.0", "MVP", "done")


def test_status_in_a_bold_span_or_a_clause_and_in_the_heading() -> None:
    ms = parse_milestone("# Milestone: bounded sealer\n\nStatus: **design accepted; implementation not started** (ADR-22). Base: main\n")
    # Only the status phrase is the badge; every other word is the note (review gap 3).
    assert (ms.status, ms.status_text, ms.status_note, ms.diagnostics) == (
        "pending", "not started", "design accepted; implementation \u00b7 (ADR-22). Base: main", [])
    html = _render("# Milestone: bounded sealer\n\nStatus: **design accepted; implementation not started** (ADR-22)\n")
    assert 'data-status="pending"' in html
    (m,) = parse_milestones("# Roadmap\n\n## Milestone: v1.0 Backlog (COMPLETE)\n\n### Phase 1: A\n- **Status:** COMPLETE (commits 02, 8a)\n")
    assert (m.id, m.title, m.status, m.phases[0].status, m.phases[0].status_note) == ("v1.0", "Backlog", "done", "done", "(commits 02, 8a)")
    keep = parse_milestone("# Milestone: Redis (Phase 2)\n**Status**: WIP\n")
    assert keep.title == "Redis (Phase 2)"


def test_planning_roadmap_ranges_with_inserted_phases() -> None:
    text = (
        "# Roadmap: X\n\n## Milestones\n\n- **v1.0 Production** - Phases 1-2.1 (shipped 2026-03-05)\n"
        "- **v1.1 Infra** - Phases 3-4 (in progress)\n\n## Phases\n\n"
        "- [x] **Phase 2.1: Hotfix** - (INSERTED) (completed 2026-03-01)\n- [x] **Phase 3: Metrics** - a (completed 2026-03-07)\n"
        "- [x] **Phase 4.1: Pins** - (INSERTED)\n- [ ] **Phase 4: Vault** - b\n\n## Phase Details\n\n"
        "### Phase 4: Vault\n**Goal**: zero crypto\n**Depends on**: Phase 3 (must be reliable)\n\nPlans:\n- [x] 04-01\n- [ ] 04-02\n"
    )
    v10, v11 = parse_milestones(text)
    assert [p.id for p in v10.phases] == ["2.1"] and v10.status == "done"
    assert [(p.id, p.status) for p in v11.phases] == [("3", "done"), ("4", "pending"), ("4.1", "done")]
    assert (v11.status, v11.phases[1].goal, v11.phases[1].depends_on) == ("in-progress", "zero crypto", ["3"])


def test_several_labels_on_one_line() -> None:
    ms = parse_milestone("# MILESTONE: Guard hygiene\n\ngoal: single-source pins\nstage: mvp \u00b7 status: active \u00b7 created: 2026-06-07\n\n## Exit\n- [x] a\n- [ ] b\n")
    assert (ms.status, ms.created, ms.progress) == ("in-progress", "2026-06-07", 0.5)


def test_shipped_or_completed_date_without_status_is_done() -> None:
    (m,) = parse_milestones("# Living Retrospective\n\n## Milestone: v1.0 \u2014 MVP\n\n**Shipped:** 2026-07-27\n**Phases:** 2\n")
    assert (m.id, m.title, m.status, m.status_note, m.diagnostics) == ("v1.0", "MVP", "done", "2026-07-27", [])


def test_planning_milestones_file_with_shipped_headings() -> None:
    text = (
        "# Milestones\n\n## v2.0 Marketing Site (Shipped: 2026-03-04)\n\n**Phases completed:** 5 phases (11-15)\n\n"
        "**Key accomplishments:**\n- \u2705 SvelteKit site\n\n---\n\n## v1.0 Walking Skeleton (Shipped: 2026-02-16)\n\n**Timeline:** 4 days\n"
    )
    got = [(m.id, m.title, m.status, m.status_note, m.diagnostics) for m in parse_milestones(text)]
    assert got == [("v2.0", "Marketing Site", "done", "2026-03-04", []), ("v1.0", "Walking Skeleton", "done", "2026-02-16", [])]


def test_export_keeps_the_id_and_the_status_note() -> None:
    from mkdocs_milestones.export import milestone_dict

    e = _entries({"m1.md": "# Milestone: M1-MVP\n**Status**: PARTIAL (functional but with gaps)\n"})["m1.md"]
    d = milestone_dict(e)
    assert (d["id"], d["status"], d["status_text"], d["status_note"]) == ("M1", "partial", "PARTIAL", "(functional but with gaps)")


def test_roadmap_row_shows_the_status_words_as_badge_and_the_note_beside_it() -> None:
    from conftest import parse_html

    from mkdocs_milestones.render.roadmap import render_roadmap

    text = "# Milestone: M1-MVP\n**Status**: PARTIAL (functional but with critical implementation gaps <b>x</b>)\n"
    root = parse_html(render_roadmap(list(_entries({"m1.md": text}).values()), page_url="roadmap/"))
    cell = root.find("td", "ms-roadmap-state")
    assert cell.find("span", "ms-status").text.strip() == "PARTIAL"
    assert cell.find("span", "ms-status-note").text == "(functional but with critical implementation gaps <b>x</b>)"


def test_a_roadmap_documents_milestones_are_milestones_of_the_site() -> None:
    """Each milestone of a roadmap document is an entry at ``url#anchor``; another page depends on it by id."""
    from mkdocs_milestones.site import PageSource, collect_milestones

    roadmap = (
        "# Roadmap\n\n## Milestones\n\n- \u2705 **v1.0 Core** - Phases 1-2 (shipped 2026-01-02)\n"
        "- \U0001f6a7 **v1.1 API** - Phase 3\n\n## Phases\n\n- [x] Phase 1: Model\n- [x] Phase 2: Parser\n- [ ] Phase 3: Endpoints\n"
    )
    plan = "# Milestone M4: Docs\n\n**Status**: pending\n**Depends on**: v1.1\n\n## Phase 1: Write\n- [ ] a\n"
    entries = collect_milestones([PageSource("ROADMAP.md", "ROADMAP/", roadmap), PageSource("m4.md", "m4/", plan)])
    assert [(e.key, e.url, e.milestone.status) for e in entries] == [
        ("ROADMAP.md#milestone-v10", "ROADMAP/#milestone-v10", "done"),
        ("ROADMAP.md#milestone-v11", "ROADMAP/#milestone-v11", "in-progress"),
        ("m4.md", "m4/", "pending"),
    ]
    assert entries[2].depends_on == ["ROADMAP.md#milestone-v11"] and not entries[2].warnings


def test_a_roadmap_document_page_gets_an_anchor_per_milestone_and_nothing_else() -> None:
    import markdown

    from mkdocs_milestones.extension import MilestonesExtension

    sections = "# Roadmap\n\n## Milestone v2.0: Next\n\n**Status**: pending\n\n### Phase 2: More\n- [ ] a\n"
    md = markdown.Markdown(extensions=[MilestonesExtension()])
    html = md.convert(sections)  # without toc the section's heading still gets the anchor the export links to
    assert [m.anchor for m in md.milestones] == ["milestone-v20-next"]
    assert '<h2 id="milestone-v20-next">Milestone v2.0: Next</h2>' in html and "ms-" not in html
    with_toc = markdown.Markdown(extensions=["toc", MilestonesExtension()]).convert(sections)
    assert with_toc == markdown.markdown(sections, extensions=["toc"])  # the same id toc gives it: nothing else changes
    listed = "# Roadmap\n\n## Milestones\n\n- \u2705 **v1.0 Core** - Phases 1-1\n\n## Phases\n\n- [x] Phase 1: Model\n"
    html = markdown.Markdown(extensions=[MilestonesExtension()]).convert(listed)
    assert html == markdown.markdown(listed).replace("<li>\u2705 <strong>v1.0", '<li id="milestone-v10">\u2705 <strong>v1.0')


@pytest.mark.parametrize(("value", "status", "badge"), [
    ("Not implemented", "pending", "Not implemented"),
    ("Not done", "pending", "Not done"),
    ("Not yet implemented", "pending", "Not yet implemented"),
    ("75% complete", "in-progress", "75% complete"),
    ("Almost done", "in-progress", "Almost done"),
    ("Nearly complete", "in-progress", "Nearly complete"),
    ("Feature not implemented", "pending", "not implemented"),
    ("Charter Superseded *(originally IN PROGRESS)*", "cancelled", "Superseded"),
    ("Backend 75% complete, UI later", "in-progress", "75% complete"),
])
def test_a_qualified_status_word_is_never_read_as_done(value: str, status: str, badge: str) -> None:
    """Negations, percentages and "almost" qualify the status word; an aside in parentheses is no status (review gap 3)."""
    ms = parse_milestone(f"# Milestone: A\n\n**Status**: {value}\n")
    assert (ms.status, ms.status_text) == (status, badge)
    words = set(value.replace("*", "").replace("(", " ").replace(")", " ").replace(",", " ").split())
    assert words <= set(f"{ms.status_text} {ms.status_note}".replace("*", "").replace("(", " ").replace(")", " ").split())
    html = _render(f"# Milestone: A\n\n**Status**: {value}\n")
    assert f'data-status="{status}"' in html and f">{badge}</span>" in html.replace("<em>", "").replace("</em>", "")


def test_a_done_milestone_whose_ticks_contradict_it_counts_them_and_is_warned_about() -> None:
    """What is written wins over the status word: progress counts it, and the contradiction is warned about (review gap 4)."""
    phases = "# Milestone: X\n\n**Status**: Done\n\n## Phase 1: A\n\n- [ ] a\n\n## Phase 2: B\n\n- [x] b\n"
    ms = parse_milestone(phases, file="x.md")
    assert ms.progress == 0.5
    assert [str(d) for d in ms.diagnostics] == [
        "x.md:3: the milestone is marked done but 1 of 2 checklist items are not ticked (first at line 7); "
        "tick them (or mark them `[-]` if dropped), or give the milestone a status other than done"]
    flat = parse_milestone("# Milestone: X\n\n**Status**: Done\n\n## Definition of Done\n- [x] a\n- [x] b\n- [ ] c\n- [x] d\n", file="x.md")
    assert flat.progress == 0.75 and len(flat.diagnostics) == 1
    ticked = parse_milestone("# Milestone: X\n\n**Status**: Done\n\n## Definition of Done\n- [x] a\n- [x] b\n", file="x.md")
    assert (ticked.progress, ticked.diagnostics) == (1.0, [])
    nothing = parse_milestone("# Milestone: X\n\n**Status**: Done\n\nShipped.\n", file="x.md")
    assert (nothing.progress, nothing.diagnostics) == (1.0, [])
    table = parse_milestone("# Milestone: X\n\n**Status**: Done\n\n### Phase 1: A\n**Status**: done\n\n### Phase 2: B\n**Status**: in progress\n", file="x.md")
    assert table.progress == 0.5 and "1 of 2 phases are not (Phase 2)" in str(table.diagnostics[0])


@pytest.mark.parametrize(("value", "refs"), [
    ("\u2705 M-03.04 (Run packaging, state window)", ["M-03.04"]),
    ("_None_", []),
    ("M2 (Auth) and M3 (DB)", ["M2", "M3"]),
    ("M2 & M3", ["M2", "M3"]),
    ("Requires M1 to be done", ["M1"]),
    ("M0-Docker_Environment_Setup (DONE), M1-MVP (DONE - but with issues)", ["M0-Docker_Environment_Setup", "M1-MVP"]),
])
def test_milestone_refs_split_as_a_reader_reads_them(value: str, refs: list[str]) -> None:
    """Parentheses are asides, and/& separate, _None_ is none, an id inside a sentence is the reference (review gap 6)."""
    from mkdocs_milestones.parser import milestone_refs

    assert milestone_refs(value) == refs


def test_prose_dependencies_that_name_no_milestone_are_not_warned_about() -> None:
    from mkdocs_milestones.site import PageSource, collect_milestones

    page = "# Milestone M4: Docs\n\n**Status**: pending\n**Blocked by**: the vendor shipping their SDK v3\n"
    (e,) = collect_milestones([PageSource("m4.md", "m4/", page)])
    assert (e.depends_on, e.missing, e.warnings) == ([], [], [])
    shaped = "# Milestone M4: Docs\n\n**Status**: pending\n**Depends on**: M9-Missing, ../gone.md\n"
    (e,) = collect_milestones([PageSource("m4.md", "m4/", shaped)])
    assert e.missing == ["M9-Missing", "../gone.md"] and len(e.warnings) == 2


def test_task_markers_are_shown_as_what_they_count_as() -> None:
    """The phase's chip counts exactly the boxes the page shows; an inferred phase status is the page's too (review gap 10)."""
    import re

    text = (
        "# Milestone: Markers\n\n**Status**: In progress\n\n## Phase 1: Work\n\n- [x] done one\n- [ ] open one\n- [~] half one\n"
        "- [/] slash one\n- [-] dropped one\n- [WIP] wip one\n- [DONE] done two\n- [NEW] feature flagged\n- [OPEN] question\n"
    )
    ms = parse_milestone(text)
    phase = ms.phases[0]
    assert (phase.checks_done, phase.checks_total, phase.status, phase.status_inferred) == (2, 6, "in-progress", True)
    html = _render(text)
    body = html[html.index('class="ms-phase-body"'):]
    assert len(re.findall(r"<input[^>]*checkbox", body)) == 6 and "2/6" in html
    assert len(re.findall(r"<input[^>]*checked", body)) == 2
    assert re.search(r'<details[^>]*data-status="in-progress"', html)
    for words in ("WIP</span> wip one", "DONE</span> done two", "[NEW] feature flagged", "[OPEN] question", "dropped one"):
        assert words in body, words  # every word of the author's stays


def test_planning_roadmap_with_the_shipped_list_and_the_active_section_is_one_milestone_per_id() -> None:
    """Shipped milestones in the list, the active one as a ``### 🚧 v1.1 ...`` section: merged by id (review gap 2)."""
    text = (
        "# Roadmap: Demo\n\n## Milestones\n\n- \u2705 **v1.0 Core** \u2014 Phases 1-2 (shipped 2026-02-18)\n"
        "- \U0001f6a7 **v1.1 API** \u2014 Phases 3-4 (in progress)\n\n## Phases\n\n<details>\n"
        "<summary>\u2705 v1.0 Core (Phases 1-2) \u2014 SHIPPED 2026-02-18</summary>\n\n"
        "- [x] Phase 1: Model (1/1 plan) \u2014 completed 2026-02-17\n- [x] Phase 2: Parser (1/1 plan) \u2014 completed 2026-02-18\n\n"
        "</details>\n\n### \U0001f6a7 v1.1 API (In Progress)\n\n**Milestone Goal:** Serve the model over HTTP.\n\n"
        "- [x] **Phase 3: Endpoints** \u2014 REST endpoints (completed 2026-02-19)\n- [ ] **Phase 4: Auth** \u2014 tokens\n"
    )
    got = [(m.id, m.title, m.status, [p.id for p in m.phases]) for m in parse_milestones(text)]
    assert got == [("v1.0", "Core", "done", ["1", "2"]), ("v1.1", "API", "in-progress", ["3", "4"])]


def test_milestone_sections_with_a_status_emoji_before_or_after_the_heading() -> None:
    text = (
        "# Project Roadmap\n\n## \u2705 Milestone 1: Foundation\n\n- [x] Set up repo\n- [x] CI\n\n"
        "## \U0001f6a7 Milestone 2: API\n\n- [x] Endpoints\n- [ ] Auth\n\n## \U0001f4cb Milestone 3: UI\n\n- [ ] Dashboard\n\n"
        "## Milestone 4: Docs \u2705\n\n- [x] Guide\n"
    )
    got = [(m.id, m.title, m.status, m.progress) for m in parse_milestones(text)]
    assert got == [("1", "Foundation", "done", 1.0), ("2", "API", "in-progress", 0.5), ("3", "UI", "pending", 0.0), ("4", "Docs", "done", 1.0)]


def test_a_requirements_priority_and_a_log_entry_named_like_a_phase_are_not_the_milestones() -> None:
    """No warning a reader would not give on a clean page (review gap 9)."""
    req = "# Milestone: Nav\n\n**Status**: In progress\n\n## Requirements\n\n### FR-1: Template API\n**Priority**: Execute immediately after UI-M-02.07 completion\n\nText.\n"
    ms = parse_milestone(req, file="p.md")
    assert (ms.priority, ms.priority_text, ms.diagnostics) == (None, "", [])
    bottom = "# Milestone: Nav\n\n**Status**: In progress\n\n## Notes\n\ntext\n\n## Metadata\n\n- **Priority**: CRITICAL - foundation first\n"
    assert parse_milestone(bottom).priority == "critical"
    log = (
        "# Milestone M-03.00: X\n\n**Status**: in progress\n\n## Log\n\n### Phase 1 Kickoff 2025-01-02\nstarted\n\n"
        "## Phase 1: Schema\n**Status**: done\n\n## Phase 2: API\n**Status**: pending\n"
    )
    ms = parse_milestone(log, file="l.md")
    assert ([(p.id, p.title) for p in ms.phases], ms.diagnostics) == ([("1", "Schema"), ("2", "API")], [])


def test_ids_resolve_to_the_plan_not_its_log_and_any_dash_is_a_hyphen() -> None:
    """A plan and its tracking log share the id: the plan is meant; two plans sharing it are named (review gap 5)."""
    from mkdocs_milestones.site import PageSource, collect_milestones

    plan = "# M-08.01 \u2014 MCP server\n\n**Status**: done\n"
    log = "# M-08.01 \u2014 MCP server (tracking log)\n\n**Status**: done\n"
    nb = "# TT-M-03.17 \u2014 Window\n\n**Status**: done\n"
    user = "# M-08.02 \u2014 Drafts\n\n**Status**: pending\n**Depends on**: M-08.01, TT\u2011M\u201103.17\n"
    pages = {"ai/M-08.01-poc.md": plan, "ai/M-08.01-poc-log.md": log, "tt/TT-M-03.17.md": nb, "ai/M-08.02.md": user}
    entries = {e.page: e for e in collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in pages.items()])}
    assert entries["ai/M-08.02.md"].depends_on == ["ai/M-08.01-poc.md", "tt/TT-M-03.17.md"]
    assert entries["ai/M-08.02.md"].warnings == []
    twins = {"a.md": plan, "b.md": plan.replace("MCP server", "Other"), "c.md": user.replace(", TT\u2011M\u201103.17", "")}
    (_, _, c) = collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in twins.items()])
    assert [d.message for d in c.warnings] == [(
        "depends on 'M-08.01', which is ambiguous: it names 'MCP server' (M-08.01) in a.md, 'Other' (M-08.01) in b.md; "
        "link to the one meant")]


@pytest.mark.parametrize("text", [
    "# Milestone: [Name] - [Short description]\n\n**Status**: pending\n",
    "# MILESTONE: [Feature Name] Implementation\n\n**Status**: pending\n",
    "# Milestone: <!-- name -->\n\n**Status**: pending\n",
    "# MILESTONE: YOUR TITLE HERE\n\n**Status**: pending\n",
    "# M1 Mac setup guide\n\nStatus: works on Sonoma\n",
    "# Milestone v2 migration guide\n\nRun the script.\n",
])
def test_templates_and_guides_are_not_milestones(text: str) -> None:
    """Placeholders anywhere in the title, a status line that reads no status, a version then words (review gap 8)."""
    assert not is_milestone_source(text) and parse_milestone(text) is None


def test_a_template_status_list_is_warned_about() -> None:
    ms = parse_milestone("# Milestone: Real\n\n**Status**: [Draft | Active | Complete]\n", file="t.md")
    assert ms.status is None and [d.message for d in ms.diagnostics][0].startswith("the status '[Draft | Active | Complete]' is a template's list")
    assert parse_milestone("# Milestone v2 migration: Cut over\n\n**Status**: done\n").status == "done"


@pytest.mark.parametrize(("text", "ident", "title"), [
    ("# \U0001f3af Milestone 1: Foundation\n\n**Status**: done\n", "1", "Foundation"),
    ("# **Milestone 2**: API\n\n**Status**: pending\n", "2", "API"),
    ("# TT\u2011M\u201103.28 \u2014 Window\n\nStatus: \u2705 Complete\n", "TT\u2011M\u201103.28", "Window"),
])
def test_milestone_headings_with_an_emoji_bold_or_non_breaking_hyphens(text: str, ident: str, title: str) -> None:
    """Detection misses real plans show (review gap 7); the id stays as written."""
    assert is_milestone_source(text)
    ms = parse_milestone(text)
    assert (ms.id, ms.title) == (ident, title) and ms.status is not None


@pytest.mark.parametrize("value", ["COMPLETE (tagged as `sim-m1`).", "PARTIAL (functional but with gaps)", "DONE - shipped with v2."])
def test_the_status_note_keeps_the_authors_brackets_and_punctuation(value: str) -> None:
    """Badge + note show every character but the separator (review gap 10: '( ).' were dropped)."""
    ms = parse_milestone(f"# Milestone: A\n\n**Status**: {value}\n")
    shown = f"{ms.status_text} {ms.status_note}"
    assert shown.replace(" ", "") == value.replace(" - ", "").replace(" ", "")


def test_a_prerequisites_checklist_is_not_the_milestones_progress() -> None:
    """Ticked prerequisites are what came before: a pending milestone with nothing else done is 0% (review gap 10)."""
    text = (
        "# Milestone: M3 Benchmark\n\n**Status**: pending\n\n## Prerequisites\n- [x] M1 done\n- [x] M2 done\n\n"
        "## Deliverables\n- [ ] Run\n- [ ] Report\n"
    )
    ms = parse_milestone(text)
    assert (ms.checks_done, ms.checks_total, ms.progress) == (0, 2, 0.0)


@pytest.mark.parametrize("heading", ["# M-01.02 \u2014 Ingest", "# Milestone 3: Ingest"])
def test_a_status_in_a_blockquote_under_the_heading(heading: str) -> None:
    """``> **Status:** COMPLETED ✅`` is the milestone's status line (review gap 7)."""
    text = heading + "\n\n> **Status:** COMPLETED \u2705\n\nSome text.\n"
    assert is_milestone_source(text)
    ms = parse_milestone(text)
    assert (ms.status, ms.status_text, ms.status_line) == ("done", "COMPLETED", 3)
    assert not [d for d in ms.diagnostics if "status" in d.message]


def test_a_blockquote_label_further_down_is_not_the_milestones_status() -> None:
    text = "# Milestone: A\n\n**Status**: pending\n\n## Notes\n\n> **Status:** done (quoted from the old plan)\n"
    assert parse_milestone(text).status == "pending"


@pytest.mark.parametrize("heading", ["# M-01.02 \u2014 Ingest", "# Milestone 3: Ingest"])
def test_a_status_written_as_a_section(heading: str) -> None:
    """``## Status`` then ``PLANNED — ...``: the first words are the status, the rest the note (review gap 7)."""
    text = heading + "\n\n## Status\n\nPLANNED \u2014 waiting for M-01.01 to land.\n\n## Goal\n\nIngest.\n"
    assert is_milestone_source(text)
    ms = parse_milestone(text)
    assert (ms.status, ms.status_text, ms.status_note) == ("pending", "PLANNED", "waiting for M-01.01 to land.")
    assert ms.status_line == 5 and not [d for d in ms.diagnostics if "status" in d.message]


def test_a_status_section_that_does_not_start_with_a_status_is_not_one() -> None:
    text = "# M-01.02 \u2014 Ingest\n\n## Status\n\nWe are still discussing this.\n"
    assert not is_milestone_source(text) and parse_milestone(text) is None


@pytest.mark.parametrize(("text", "ident", "title"), [
    ("# M-02.07\n\n**Status:** Done\n", "M-02.07", "M-02.07"),
    ("# M-02.07\n\n## Phase 1: Setup\n- [x] a\n", "M-02.07", "M-02.07"),
    ("# SIM-M2.6-CORRECTIVE \u2014 Fix drift\n\n**Status:** Done\n", "SIM-M2.6-CORRECTIVE", "Fix drift"),
    ("# Service Milestone SVC-M-0 \u2014 Bootstrap\n\n**Status:** Done\n", "SVC-M-0", "Bootstrap"),
])
def test_bare_suffixed_and_qualified_milestone_ids(text: str, ident: str, title: str) -> None:
    """A bare id, an id with an upper-case suffix, and ``Service Milestone <id>`` (review gap 7)."""
    assert is_milestone_source(text)
    ms = parse_milestone(text)
    assert (ms.id, ms.title) == (ident, title)


@pytest.mark.parametrize("text", [
    "# M-02.07\n\nSome text.\n",
    "# SIM-M2.6-CORRECTIVE \u2014 Fix drift\n\nSome text.\n",
])
def test_bare_ids_still_need_a_status_or_a_phase(text: str) -> None:
    assert not is_milestone_source(text) and parse_milestone(text) is None


def test_a_glued_id_keeps_its_whole_name_as_the_title() -> None:
    ms = parse_milestone("# Milestone: M1-MVP_Test\n\n**Status**: done\n")
    assert (ms.id, ms.title) == ("M1", "M1-MVP_Test")


def test_a_front_matter_only_milestone() -> None:
    """``id: M-031`` with a ``status`` and no H1: a milestone titled by its front matter (review gap 7)."""
    text = "---\nid: M-031\ntitle: Export pipeline\nstatus: done\n---\n\nSome text.\n\n- [x] Export\n"
    assert is_milestone_source(text)
    ms = parse_milestone(text)
    assert (ms.id, ms.title, ms.status, ms.checks_done) == ("M-031", "Export pipeline", "done", 1)


@pytest.mark.parametrize("front", [
    "title: Install guide\nstatus: draft\n",
    "id: install\ntitle: Install guide\nstatus: done\n",
    "id: M-031\ntitle: Export pipeline\n",
    "id: m1\ntitle: Install guide\nstatus: done\n",
])
def test_ordinary_front_matter_is_not_a_milestone(front: str) -> None:
    text = f"---\n{front}---\n\nSome text.\n"
    assert not is_milestone_source(text) and parse_milestone(text) is None


def test_a_blockquoted_status_below_a_section_is_no_evidence_for_a_bare_id() -> None:
    """The parser reads a blockquoted status only at the top, so detection does too: no page without its status."""
    text = "# M-01.02 \u2014 Ingest\n\nText.\n\n## History\n\n> **Status:** done (quoted from the old plan)\n"
    assert not is_milestone_source(text) and parse_milestone(text) is None


def test_a_qualified_milestone_heading_is_sure() -> None:
    """``# Service Milestone SVC-M-0 — ...`` names a milestone in words, like ``# Milestone SIM-M1 — ...``: no status needed."""
    text = "# Service Milestone SVC-M-0 \u2014 Minimal API\n\n## Lighthouse scenario\n\n- Call one endpoint.\n"
    assert is_milestone_source(text)
    assert parse_milestone(text).id == "SVC-M-0"
    assert not is_milestone_source("# Service Milestones\n\n**Status**: done\n")
    assert not is_milestone_source("# Next Milestone M2: what is coming\n\nA post.\n")


# -- --strict on a real plan (FlowTime's work/ and docs/): warnings only for what a reader calls a mistake --------


def test_phases_without_any_status_are_the_plans_outline() -> None:
    # FlowTime's SIM-M2.6: a planned milestone whose "### **Phase 1: ...**" sections are bullet lists
    planned = parse_milestone(
        "# SIM-M2.6 \u2014 Model Authoring\n\n**Status:** \U0001f4cb Planned (Charter-Aligned)\n\n## Implementation Phases\n\n"
        "### **Phase 1: Artifact System**\n- Extend `sim new`\n\n### **Phase 2: Engine API**\n- Add `POST /export`\n"
    )
    assert [(p.id, p.status, p.status_inferred) for p in planned.phases] == [("1", "pending", True), ("2", "pending", True)]
    assert planned.diagnostics == []
    # in progress, and no phase says where it stands: an outline, not a missing status
    active = parse_milestone("# M-03.02.01 \u2014 Orchestration\n\n**Status:** \U0001f504 In Progress\n\n## Phase 1 \u2014 API\n1. a\n\n## Phase 2 \u2014 CLI\n1. b\n")
    assert [p.status for p in active.phases] == [None, None] and active.diagnostics == []
    # one phase says, the other does not: a reader cannot tell where the second stands
    mixed = parse_milestone("# M-03.02.01 \u2014 O\n\n**Status:** \U0001f504 In Progress\n\n## Phase 1 \u2014 API\n**Status:** done\n\n## Phase 2 \u2014 CLI\n1. b\n", file="m.md")
    assert [str(d) for d in mixed.diagnostics] == ["m.md:8: Phase 2 has no status line; add `**Status**: \u23f3 Pending` under its heading"]


def test_a_phase_named_again_in_another_section_is_the_same_phase() -> None:
    # FlowTime's UI-M-02.09: "### Phase 1 Tests (Unit Tests)" under "## Test Plan", "### Phase 1 Complete (...)"
    # under "## Success Criteria"; M-03.00 repeats its phases under "## Implementation Sequence"
    text = (
        "# UI-M-02.09 \u2014 Schema Migration\n\n**Status:** \U0001f504 In Progress\n\n## Implementation Plan\n\n"
        "### Phase 1: Critical Fixes\n- [x] models\n\n### Phase 2: Display\n- [ ] pages\n\n"
        "## Test Plan\n\n### Phase 1 Tests (Unit Tests)\nSee above.\n\n"
        "## Success Criteria\n\n### Phase 1 Complete (Critical Fixes)\n- [x] `GridInfo` updated\n- [ ] unit tests pass\n\n"
        "## Implementation Sequence\n\n### Phase 2: Display\nAfter Phase 1.\n"
    )
    ms = parse_milestone(text, file="m.md")
    assert [p.id for p in ms.phases] == ["1", "2"]
    assert [c.text for c in ms.phases[0].checks] == ["models", "`GridInfo` updated", "unit tests pass"]
    assert ms.diagnostics == []
    # two phases numbered alike side by side are still a numbering slip
    slip = parse_milestone("# MILESTONE: A\n**Status**: WIP\n\n## Plan\n\n### Phase 1: A\n**Status**: done\n\n### Phase 1: B\n**Status**: done\n", file="a.md")
    assert any("Phase 1 is numbered twice" in d.message for d in slip.diagnostics)


def test_a_done_milestones_never_ticked_criteria_are_no_contradiction() -> None:
    # FlowTime's CL-M-04.04 / FT-M-05.13: requirement boxes ticked, "## Success Criteria" never ticked
    text = (
        "# CL-M-04.04 \u2014 Telemetry Contract\n\n**Status:** \u2705 Completed\n\n## Requirements\n\n#### FR1: Manifest\n"
        "- [x] schema has classId\n- [x] guide updated\n\n#### FR2: Loader\n- [x] validates totals\n\n"
        "## Success Criteria\n- [ ] Manifest updates merged\n- [ ] Loop tests show parity\n"
    )
    ms = parse_milestone(text)
    assert ms.diagnostics == [] and (ms.checks_done, ms.checks_total) == (3, 3) and ms.progress == 1.0
    assert [c.criterion for c in ms.checks] == [False, False, False, True, True]
    # FlowTime's M-08.01: each phase's ``**Success Criteria:**`` boxes were never ticked: the phases are done with the milestone
    phases = parse_milestone(
        "# UI-M-03.22 \u2014 Canvas\n\n**Status:** \u2705 Completed\n\n### Phase 1: Harness\n**Success Criteria:**\n- [ ] helper tests pass\n\n"
        "### Phase 2: Render\n#### Exit criteria\n- [ ] render tests pass\n"
    )
    assert [p.status for p in phases.phases] == ["done", "done"] and phases.progress == 1.0 and phases.diagnostics == []
    # the other headings that name what had to be met
    for head in ("Definition of Done", "Milestone Complete When:", "FR-2: Loader", "Exit criteria", "Acceptance"):
        spec = parse_milestone(f"# MILESTONE: A\n**Status**: done\n\n## {head}\n- [ ] one\n- [ ] two\n")
        assert spec.diagnostics == [] and spec.progress == 1.0 and (spec.checks_done, spec.checks_total) == (0, 0), head


def test_a_done_milestones_never_ticked_task_list_is_open_work() -> None:
    # review 15b finding 1: only a heading that names criteria makes a never-ticked list criteria
    for body in ("## Tasks\n- [x] a\n- [x] b\n\n## Remaining work\n- [ ] Write the migration guide\n- [ ] Tag the release\n",
                 "## Tasks\n- [ ] a\n- [ ] b\n- [ ] c\n", "## Scope\n- [ ] one\n- [ ] two\n"):
        ms = parse_milestone(f"# MILESTONE: Billing v2\n\n**Status**: Done\n\n{body}")
        assert ms.progress < 1.0 and not any(c.criterion for c in ms.checks), body
        assert [d.message.split(" but ")[0] for d in ms.diagnostics] == ["the milestone is marked done"], body
    # phases with open boxes are not inferred done from the milestone (FlowTime's M-012 ``### Slice 1`` ...)
    ms = parse_milestone("# MILESTONE: Billing v2\n\n**Status**: \u2705 Done\n\n## Phase 1: Model\n- [ ] schema\n- [ ] migration\n\n"
                         "## Phase 2: Webhooks\n- [ ] endpoint\n- [ ] retries\n")
    assert [p.status for p in ms.phases] == ["pending", "pending"] and ms.progress == 0.0
    assert len(ms.diagnostics) == 1 and "4 of 4 checklist items are not ticked" in ms.diagnostics[0].message
    # ``4. **Pre-publish checklist** (~10 min)`` introduces a list of criteria too (hindsight-mcp's marketplace plan)
    ms = parse_milestone("# M4: Publish\n\n**Status**: done\n\n## Phase 1: Publish\n**Status**: done\n\n"
                         "1. **Pre-publish checklist** (~10 min)\n   - [ ] Version matches\n   - [ ] README complete\n")
    assert ms.diagnostics == [] and [c.criterion for c in ms.phases[0].checks] == [True, True]


def test_a_done_milestone_whose_ticked_lists_have_open_boxes_is_warned() -> None:
    # cc-benchmark's M2: DONE, Phase 1 marked [DONE]/[PARTIAL], Phases 3-4 open: the phases' boxes are one tracker
    text = (
        "# Milestone: M2-Debt\n\n**Status**: DONE - All technical debt resolved\n\n### Phase 1: Fixes\n- [DONE] **cost**\n"
        "- [PARTIAL] **errors**\n\n### Phase 3: Testing\n- [ ] **full suite**\n- [ ] **languages** (if time permits)\n"
    )
    ms = parse_milestone(text, file="m2.md")
    assert [d.message.split(";")[0] for d in ms.diagnostics] == [
        "the milestone is marked done but 2 of 3 checklist items are not ticked (first at line 7)"]  # "(if time permits)" is optional: not counted
    # FlowTime's TT-M-03.28: the last session's box and one of its items left open in a ticked list
    tt = parse_milestone("# TT-M-03.28 \u2014 Retries\n\n**Status:** \u2705 Complete\n\n### Plan\n- [x] **Session 1**\n- [ ] **Session 4**\n  - [x] docs\n  - [ ] roadmap update\n")
    assert "2 of 4" in tt.diagnostics[0].message


def test_open_boxes_the_author_says_do_not_apply_or_are_optional() -> None:
    # cc-benchmark's M0: "- [ ] API documentation (N/A)"; FlowTime's UI-M-03.13 "*(N/A — Option A chosen)*",
    # CL-M-04.02 "*(deferred to CL-M-04.03)*"; SIM-M1's "Optional gzip flag" and "(if feasible)"
    text = (
        "# Milestone: M0 Docker\n\n**Status**: DONE\n\n## Deliverables\n- [x] Dockerfile\n- [ ] API documentation (N/A)\n"
        "- [ ] Diagnostic page. *(N/A \u2014 Option A chosen)*\n- [ ] CLI shows classes. *(deferred to CL-M-04.03)*\n"
        "- [ ] Optional: gzip compression flag\n- [ ] Coverage badge (if feasible from CI)\n\nStretch (optional):\n- [ ] Benchmarks\n"
    )
    ms = parse_milestone(text)
    assert [c.status for c in ms.checks] == ["done", "cancelled", "cancelled", "cancelled", "pending", "pending", "pending"]
    assert [c.optional for c in ms.checks] == [False, False, False, False, True, True, True]
    # optional items are out of the count, so the done milestone is 100% and nothing contradicts it
    assert ms.diagnostics == [] and (ms.checks_done, ms.checks_total, ms.progress) == (1, 1, 1.0)
    assert parse_milestone(text.replace("- [x] Dockerfile", "- [x] Dockerfile\n- [ ] Tag created after merge")).diagnostics


def test_only_items_called_optional_in_so_many_words_are_optional() -> None:
    # review 15b finding 8: a leading word is the item's subject, not a remark about it
    text = ("# MILESTONE: Parser\n\n**Status**: Done\n\n## Tasks\n- [x] Tokenizer\n- [ ] Optional chaining support in expressions\n"
            "- [ ] Nice-to-have error recovery is required by the spec\n")
    ms = parse_milestone(text)
    assert not any(c.optional for c in ms.checks) and (ms.checks_done, ms.checks_total) == (1, 3)
    assert len(ms.diagnostics) == 1 and "2 of 3 checklist items" in ms.diagnostics[0].message
    # ``(optional)`` and ``Optional:`` are: out of the count, so done is 100% and no warning
    ms = parse_milestone(text.replace("Optional chaining", "Optional: chaining").replace("is required by the spec", "(optional)"))
    assert ms.diagnostics == [] and ms.progress == 1.0 and (ms.checks_done, ms.checks_total) == (1, 1)


def test_a_status_the_parser_reads_is_evidence_for_detection() -> None:
    # FlowTime's UI-M-02.05: a notice blockquote, then the status blockquote: "Charter Superseded *(originally IN PROGRESS)*"
    text = (
        "# UI-M-02.05 \u2014 Navigation\n\n> **\U0001f4cb Charter Notice**: superseded by the charter.\n\n"
        "> **Prerequisites:** UI-M-2 \u2705  \n> **Status:** Charter Superseded *(originally IN PROGRESS)*\n\n"
        "## Functional Requirements\n\n### FR-UI-M-02.05-1: Route-Based Separation \u2705\n"
    )
    assert is_milestone_source(text)
    ms = parse_milestone(text)
    assert (ms.id, ms.status) == ("UI-M-02.05", "cancelled")
    # a requirement's id is no milestone's: the FR section is not a milestone of a roadmap either
    assert parse_milestones("# Notes\n\n### \u2705 FR-UI-M-02.05-1: Route-Based Separation\n\n**Status**: done\n") == []


def test_roadmap_sections_whose_heading_says_the_status() -> None:
    # FlowTime's archived ROADMAP: "#### **📋 M-02.07 Artifacts Registry (Planned)**" with bullets under it
    doc = (
        "# Engine Roadmap\n\n## Phases\n\n#### **\u2705 M-02.06 Export System (Completed)**\n- **Status:** Complete\n\n"
        "#### **\U0001f4cb M-02.07 Artifacts Registry (Planned)**\n- **Goal:** storage\n\n"
        "### M-01.05: Expression Language \u2705 COMPLETED\n- shipped\n"
    )
    got = [(m.id, m.title, m.status) for m in parse_milestones(doc)]
    assert got == [("M-02.06", "Export System", "done"), ("M-02.07", "Artifacts Registry", "pending"), ("M-01.05", "Expression Language", "done")]


def test_a_bold_name_in_a_milestones_list_without_a_status_or_phases_is_a_note() -> None:
    # FlowTime's E-18 epic: "### Deferred from v1" under "## Milestones" lists superseded ideas
    doc = (
        "# Epic E-18\n\n## Milestones\n\n| ID | Title | Status |\n|---|---|---|\n| M-001 | Eval | complete |\n\n"
        "### Deferred from v1\n\n- **m-E18-01a** Generator extraction \u2014 superseded by **M-004**.\n"
        "- **Telemetry Ingestion Source Adapters** \u2014 moved to E-15.\n"
    )
    assert parse_milestones(doc) == []


def test_an_id_names_the_milestones_page_rather_than_a_roadmaps_section_about_it() -> None:
    # FlowTime's archived ROADMAP-2025-06-legacy.md has "### M-02.09: Schema Evolution (✅ Complete)" beside the page
    pages = {
        "m/M-02.09.md": "# M-02.09 \u2014 Schema Evolution\n\n**Status:** \u2705 Complete\n",
        "ROADMAP.md": "# Roadmap\n\n### M-02.09: Schema Evolution & Provenance (\u2705 Complete)\n\n**Status**: done\n",
        "ui/UI-M-02.09.md": "# UI-M-02.09 \u2014 UI Migration\n\n**Status:** \U0001f504 In Progress\n**Dependencies:** \u2705 M-02.09 (Engine Schema)\n",
    }
    entries = {e.key: e for e in collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in pages.items()])}
    ui = entries["ui/UI-M-02.09.md"]
    assert (ui.depends_on, ui.warnings) == (["m/M-02.09.md"], [])


def test_a_roadmap_sections_heading_status_with_a_status_line_that_explains_it() -> None:
    # FlowTime's ROADMAP-LEGACY.md: "## SVC-M-00.00 — Minimal API ✅ COMPLETED", then "**Status**: All functional
    # requirements implemented and verified."; its sim ROADMAP's "### SIM-M2.7 Success ✅ ACHIEVED" is that milestone's criteria
    doc = (
        "# Roadmap\n\n## SVC-M-00.00 \u2014 Minimal API \u2705 COMPLETED\n\n**Status**: All functional requirements implemented and verified.\n\n"
        "## SIM-M2.7 \u2014 Provenance \u2705\n\n### SIM-M2.7 Success \u2705 ACHIEVED\n- \u2705 unique ids\n"
    )
    (svc, sim) = parse_milestones(doc, file="r.md")
    assert (svc.title, svc.status, svc.status_note, svc.diagnostics) == (
        "Minimal API", "done", "All functional requirements implemented and verified.", [])
    assert (sim.id, sim.status) == ("SIM-M2.7", "done")


def test_an_id_written_without_padding_and_ids_joined_by_a_slash() -> None:
    # FlowTime's sim docs write the engine's M-02.07 as "M2.7"; M-09.01 depends on "M-06.01/M-06.02"; the
    # newer M-001 is not the older M-1 (an id written exactly wins over a padded one)
    pages = {
        "e/M-02.07.md": "# M-02.07 \u2014 Registry\n\n**Status:** \u2705 Complete\n",
        "e/M-06.01.md": "# M-06.01 \u2014 Integrity\n\n**Status:** \u2705 Complete\n",
        "e/M-06.02.md": "# M-06.02 \u2014 Compiler\n\n**Status:** \u2705 Complete\n",
        "old/M-01.00.md": "# Milestone M-1\n\n**Status:** done\n",
        "new/M-001.md": "---\nid: M-001\nstatus: done\n---\n\n## Goal\n",
        "sim/SIM-M3.0.md": "# SIM-M3.0 \u2014 Sim\n\n**Status:** done\n**Dependencies:** FlowTime Engine M2.7 (Registry)\n",
        "e/M-09.01.md": "# M-09.01 \u2014 Semantics\n\n**Status:** done\n**Dependencies:** M-06.01/M-06.02 (Evaluation Integrity)\n",
        "new/M-002.md": "---\nid: M-002\nstatus: done\ndepends_on: [M-001]\n---\n\n## Goal\n",
    }
    entries = {e.key: e for e in collect_milestones([PageSource(p, p[:-3] + "/", t) for p, t in pages.items()])}
    assert (entries["sim/SIM-M3.0.md"].depends_on, entries["sim/SIM-M3.0.md"].warnings) == (["e/M-02.07.md"], [])
    assert entries["e/M-09.01.md"].depends_on == ["e/M-06.01.md", "e/M-06.02.md"]
    assert (entries["new/M-002.md"].depends_on, entries["new/M-002.md"].warnings) == (["new/M-001.md"], [])


def test_milestone_sections_under_a_heading_that_says_their_status() -> None:
    # jaunder's docs/ROADMAP.md: "## ✅ Completed Milestones" / "## 🚀 Future Milestones" over "### M0: ..." sections
    doc = (
        "# Roadmap\n\n## \u2705 Completed Milestones\n\n### M0: Project structure\n\nFoundation done.\n\n### M1: Deployment bootstrap\n\n"
        "`init` implemented.\n\n## \U0001f680 Future Milestones\n\n### M8: Published feeds\n\nRSS and Atom.\n"
    )
    assert [(m.id, m.title, m.status) for m in parse_milestones(doc)] == [
        ("M0", "Project structure", "done"), ("M1", "Deployment bootstrap", "done"), ("M8", "Published feeds", "pending")]
    # Broccode/acci's MILESTONES.md: "### M1.3: MVP Frontend" (a checklist, no mark) beside "### M1.2: MVP Backend ✅"
    acci = "# Project Milestones\n\n## MVP Phase (M1)\n\n### M1.2: MVP Backend \u2705\n\n- [x] Axum\n\n### M1.3: MVP Frontend\n\n- [ ] Leptos\n"
    assert [(m.id, m.status) for m in parse_milestones(acci)] == [("M1.2", "done"), ("M1.3", "pending")]
    # without the heading or a sure sibling, an id heading is not enough (a dashboard's "### M01: ..." stays a page)
    assert parse_milestones("# Notes\n\n## Ideas\n\n### M8: Published feeds\n\nRSS.\n") == []


def test_an_unmarked_roadmap_section_beside_marked_ones_is_not_done_yet() -> None:
    # FlowTime's ROADMAP-LEGACY.md: "## UI-M-2 — Real API Integration ✅" then "## M-4 — Scenarios & Compare" (no mark)
    doc = "# Roadmap\n\n## UI-M-2 \u2014 Real API Integration \u2705\n\n### Goal\nAPI.\n\n## M-4 \u2014 Scenarios & Compare\n\n### Goal\nCompare runs.\n"
    (ui, m4) = parse_milestones(doc, file="r.md")
    assert (ui.status, ui.status_inferred, m4.status, m4.status_inferred, m4.diagnostics) == ("done", False, "pending", True, [])


def test_no_status_written_but_every_gate_ticked_with_an_emoji() -> None:
    # Wayfinder's WF-CAT063: no status line; "## Qualitäts-Gates" lists "- go test ./... ✅ (alle 21 Pakete)"
    text = "# Milestone: CAT063 Sensor Status\n\n**Datum:** 2026-06-25\n\n## WF-1\nDecoder.\n\n## Qualit\u00e4ts-Gates\n\n- `go test ./...` \u2705 (alle 21 Pakete)\n- `go vet ./...` \u2705\n- gofmt \u2705\n"
    ms = parse_milestone(text)
    assert (ms.status, ms.status_inferred, ms.progress, ms.diagnostics) == ("done", True, 1.0, [])
    # a legend is not a tick: nothing to read, so the missing status is still warned about
    legend = parse_milestone("# Milestone: A\n\n## Legend\n\n- Done \u2705\n- In progress \U0001f504\n")
    assert legend.status is None and any("no status line" in d.message for d in legend.diagnostics)
    # a mark before the item is as often the list's glyph (FlowTime's M2.6-ORIGINAL plan: "- ✅ All models persist ...")
    glyphs = parse_milestone("# Milestone M-02.06 \u2014 Loop\n\n## Acceptance Criteria\n\n- \u2705 All models persist\n- \u2705 Export works\n")
    assert glyphs.status is None


def test_emoji_ticks_only_from_a_wholly_ticked_list_of_the_milestones_own_work() -> None:
    # review 15b finding 2: a prerequisite met, a dependency in place, one item of four, a ❌ or ⚠️ list: no status
    for body in ("## Prerequisites\n\n- Auth rollout shipped \u2705\n- Database migration done \u2705\n",
                 "## Dependencies\n\n- Elasticsearch cluster provisioned \u2705\n- Indexing pipeline \u2705\n",
                 "## Out of scope\n\n- Tablet layout \u274c\n- Watch app \u274c\n",
                 "## Risks\n\n- App store review delays \u26a0\ufe0f\n- Push certificate expiry \u26a0\ufe0f\n",
                 "## Tasks\n\n- Login \u2705\n- Payments\n- Search\n- Checkout\n",
                 "## Tasks\n\n- Login \u2705\n"):
        ms = parse_milestone(f"# Milestone: Shop\n\n{body}\n## Phase 1: Model\n\nBuild it.\n")
        assert ms.status is None and any("no status line" in d.message for d in ms.diagnostics), body
    # a wholly ticked gate list with open phases: the warning says the status was read, not marked
    ms = parse_milestone("# Milestone: Shop\n\n## Gates\n\n- tests \u2705\n- lint \u2705\n\n## Phase 1: Model\n\nBuild it.\n\n## Phase 2: API\n\nWire it.\n")
    assert (ms.status, ms.status_inferred) == ("done", True)
    assert [d.message.split(" (")[0] for d in ms.diagnostics] == ["the milestone is read as done but 2 of 2 phases are not"]


def test_a_feature_named_like_a_log_is_still_a_milestone() -> None:
    # review 15b finding 6: ``# M2: Progress Tracking``, ``# M4: Release`` are plans; ``# M-03.01 Implementation Tracking`` is a log
    for head in ("M2: Progress Tracking", "M4: Release", "M6: Automated release notes", "M1: Summary"):
        text = f"# {head}\n\n**Status**: In progress\n\n## Phase 1: Build\n\n- [x] a\n- [ ] b\n"
        assert is_milestone_source(text), head
        assert parse_milestone(text) is not None, head
    for head in ("M-03.01 Implementation Tracking", "M-07.01 Release Notes", "UI-M-02.00 Release: Mode Toggle",
                 "M-09.01 Engine Semantics \u2014 Tracking", "SIM-M3.0 Tracking \u2014 Registry", "M2: Progress Tracking \u2014 Log"):
        text = f"# {head}\n\n**Status**: In progress\n\n## Phase 1: Build\n\n- [x] a\n- [ ] b\n"
        assert not is_milestone_source(text), head


def test_only_a_trailing_remark_drops_an_open_box() -> None:
    # review 15b finding 7: N/A, not applicable, deferred inside the task's own words are the task
    text = ("# Milestone: Reports\n\n**Status**: \U0001f504 In progress\n\n## Tasks\n\n- [x] Table view\n- [ ] Render missing values as N/A\n"
            "- [ ] Return 422 when a filter is not applicable\n- [ ] Handle deferred jobs (deferred queue)\n"
            "- [ ] Fix crash (deferred from M2)\n- [ ] Export (moved to M4)\n- [ ] Audit log *(out of scope for v1)*\n")
    ms = parse_milestone(text)
    assert [c.status for c in ms.checks] == ["done"] + ["pending"] * 4 + ["cancelled"] * 2
    assert (ms.checks_done, ms.checks_total) == (1, 5)


def test_the_words_after_a_status_emoji_win_over_it() -> None:
    # review 15b finding 3: FlowTime's UI-M-02.06 "**Status:** 📋 Charter Superseded *(originally Planned)*"
    ms = parse_milestone("# UI-M-02.06 \u2014 Charter\n\n**Status:** \U0001f4cb Charter Superseded *(originally Planned)*\n\n## Phase 1: A\n\n- [ ] a\n")
    assert (ms.status, ms.status_text) == ("cancelled", "\U0001f4cb Superseded")
    # words that are no status leave the emoji's reading
    ms = parse_milestone("# UI-M-02.07 \u2014 Next\n\n**Status:** \U0001f4cb Phase 2 (Deferred)\n\n## Phase 1: A\n\n- [ ] a\n")
    assert (ms.status, ms.status_note) == ("pending", "Phase 2 (Deferred)")


def test_a_sections_own_heading_status_beats_its_groups_and_markup_is_no_title() -> None:
    # review 15b finding 4: FlowTime's ROADMAP-CHARTER-ERA.md under "## Completed Milestones"
    doc = ("# Sim Roadmap\n\n## Completed Milestones\n\n### SIM-M1 \u2014 Contracts Parity \u2014 **\u2705 Done**\n\n- **Goal** Parity\n\n"
           "### SIM-M2 \u2014 Model Authoring \u2014 **\u26a0\ufe0f INCOMPLETE & NON-COMPLIANT**\n\n- **Goal** Authoring\n\n"
           "### SIM-M3 \u2014 Registry Integration \u2014 **\U0001f4cb Phase 2 (Deferred)**\n\n- **Goal** Registry\n")
    one, two, three = parse_milestones(doc, file="r.md")
    assert [m.title for m in (one, two, three)] == ["Contracts Parity", "Model Authoring", "Registry Integration"]
    assert [m.status for m in (one, two, three)] == ["done", "blocked", "blocked"]
    assert two.status_note == "INCOMPLETE & NON-COMPLIANT"


def test_a_trailing_status_must_be_the_whole_trailing_phrase() -> None:
    # review 15b finding 10: "— Active users" is part of the title, "— Shipped 2026-03-04" and "(Done)" are statuses
    doc = ("# Roadmap\n\n## M1: Foundation \u2705\n\n**Status**: Done\n\n## M2: Dashboards \u2014 Active users\n\n- [ ] Chart\n- [ ] Export\n\n"
           "## M3: Search \u2014 Shipped 2026-03-04\n\nGoal: search.\n\n## M4: Billing (In progress)\n\nGoal: billing.\n")
    m1, m2, m3, m4 = parse_milestones(doc, file="r.md")
    assert (m2.title, m2.status, m2.status_text) == ("Dashboards \u2014 Active users", "pending", "")
    assert (m3.title, m3.status, m3.status_note) == ("Search", "done", "2026-03-04")
    assert (m4.title, m4.status) == ("Billing", "in-progress")
    ms = parse_milestone("# Milestone: v1.0 Reports \u2014 Active users\n\n**Priority**: high\n\n## Phase 1: A\n\n- [ ] a\n")
    assert ms.title.endswith("Active users")


def test_a_changelog_is_no_roadmap() -> None:
    # review 15b finding 5: released versions under an in-development one are not pending milestones
    for top in ("(in development)", "(current)", "(WIP)", "(Released 2026-01-02)", "(Shipped)"):
        doc = f"# Changelog\n\n## v2.1.0 {top}\n\n- Added export\n\n## v2.0.0\n\n- Fixed login\n\n## v1.0.0\n\n- First release\n"
        # review 15c new 8: a changelog holds no milestones at all (its versions are what shipped, or will)
        assert parse_milestones(doc, file="CHANGELOG.md") == [] == parse_milestones(doc, file="docs/notes.md"), top
    # beside a section marked done, an unmarked named one is planned (FlowTime's ROADMAP-LEGACY.md), a bare version is not
    doc = "# Roadmap\n\n## M1: Foundation \u2705\n\n## M2: Dashboards\n\nGoal: charts.\n\n## v3.0\n\n- notes\n"
    assert [(m.id, m.status) for m in parse_milestones(doc, file="r.md")] == [("M1", "done"), ("M2", "pending")]
    # beside an in-progress one, an unmarked one is not read as planned
    doc = "# Roadmap\n\n## M1: Foundation \U0001f504\n\n## M2: Dashboards\n\nCharts.\n"
    assert [m.id for m in parse_milestones(doc, file="r.md")] == ["M1"]


def test_one_id_twice_in_one_roadmap_is_one_milestone() -> None:
    # review 15b finding 9: FlowTime's ROADMAP-LEGACY.md writes "## UI-M-0 — ..." at lines 27 and 275
    doc = ("# Roadmap\n\n## UI-M-0 \u2014 Minimal Observer UI (Completed / Expanded)\n\n### Goal\nObserve.\n\n"
           "## UI-M-1 \u2014 Charts \u2705\n\n### Goal\nCharts.\n\n## UI-M-0 \u2014 Minimal Observer UI \u2705 COMPLETED\n\n### Goal\nAgain.\n")
    found = parse_milestones(doc, file="ROADMAP-LEGACY.md")
    assert [m.id for m in found] == ["UI-M-0", "UI-M-1"] and found[0].line == 3
    pages = [PageSource("ROADMAP-LEGACY.md", "ROADMAP-LEGACY/", doc),
             PageSource("UI-M-01.00.md", "UI-M-01.00/", "# UI-M-01.00 \u2014 Next\n\n**Status**: done\n**Depends on**: UI-M-0\n\n## Phase 1: A\n\n- [x] a\n")]
    entry = next(e for e in collect_milestones(pages) if e.page == "UI-M-01.00.md")
    assert not any("ambiguous" in d.message for d in entry.warnings) and entry.depends_on == ["ROADMAP-LEGACY.md#" + found[0].anchor]


def test_a_status_value_must_lead_with_its_status_to_make_a_page_a_milestone() -> None:
    # review 15b finding 11: "Status: 200 OK" on a setup guide is an HTTP status, not a milestone's
    assert not is_milestone_source("# M1 Mac setup guide\n\nStatus: 200 OK\n\nInstall brew first.\n")
    assert is_milestone_source("# UI-M-02.05 \u2014 Nav\n\n**Status:** Charter Superseded *(originally IN PROGRESS)*\n\nText.\n")


def test_an_unresolved_name_lists_only_the_close_milestones() -> None:
    # review 15b finding 12: "(and N more)" counted every milestone of the site, however far
    pages = [PageSource(f"m{n}.md", f"m{n}/", f"# MILESTONE: Topic {n}\n\n**Status**: done\n\n## Phase 1: A\n\n- [x] a\n") for n in range(12)]
    pages.append(PageSource("sim-m3.md", "sim-m3/", "# SIM-M3 \u2014 Backlog\n\n**Status**: pending\n**Depends on**: SIM-M2\n\n## Phase 1: A\n\n- [ ] a\n"))
    pages.append(PageSource("sim-m1.md", "sim-m1/", "# SIM-M1 \u2014 Core\n\n**Status**: done\n\n## Phase 1: A\n\n- [x] a\n"))
    entry = next(e for e in collect_milestones(pages) if e.page == "sim-m3.md")
    (warning,) = [d.message for d in entry.warnings if "not a milestone page" in d.message]
    assert "sim-m1.md" in warning and "more)" not in warning


def test_future_roadmap_sections_marked_with_an_emoji_phrase_are_read() -> None:
    # review 15b finding 12: ROADMAP-CHARTER-ERA.md "## Next Priority" / "### SIM-M5 — Routing — **📋 ALIGNED WITH ENGINE M5**"
    doc = ("# Sim Roadmap\n\n## Completed Milestones\n\n### SIM-M1 \u2014 Contracts \u2014 **\u2705 Done**\n\n- **Goal** Parity\n\n"
           "## Next Priority\n\n### SIM-M5 \u2014 Routing \u2014 **\U0001f4cb ALIGNED WITH ENGINE M5**\n\n- **Goal** Routing\n\n"
           "### SIM-M6 \u2014 Retry \u2014 **\U0001f4cb DEFERRED TO ENGINE M9.5**\n\n- **Goal** Retry\n")
    found = parse_milestones(doc, file="ROADMAP.md")
    assert [(m.id, m.title, m.status) for m in found] == [
        ("SIM-M1", "Contracts", "done"), ("SIM-M5", "Routing", "pending"), ("SIM-M6", "Retry", "blocked")]
    assert found[1].status_note == "ALIGNED WITH ENGINE M5"


def test_criteria_words_inside_a_phase_or_task_heading_are_open_work() -> None:
    # review 15c new 1: "User acceptance testing", "Requirements gathering", "Update requirements" name work, not criteria
    for head in ("Phase 2: User acceptance testing", "Phase 2: Requirements gathering", "Phase 2: Exit criteria"):
        ms = parse_milestone(f"# M3: Checkout\n\n**Status**: \u2705 Complete\n\n## Phase 1: Build\n\n- [x] Cart API\n- [x] Payment form\n\n"
                             f"## {head}\n\n- [ ] Run UAT with the finance team\n- [ ] Fix UAT findings\n")
        assert (ms.checks_done, ms.checks_total) == (2, 4) and not any(c.criterion for c in ms.checks), head
        assert [d.message.split(" but ")[0] for d in ms.diagnostics] == ["the milestone is marked done"], head
        assert all(p.status == "pending" for p in ms.phases if "Build" not in p.title), head
    # a criteria heading above a sub-heading still names the list; a phase heading between does not
    crit = parse_milestone("# M3: A\n\n**Status**: done\n\n## Acceptance Criteria\n\n### API\n\n- [ ] one\n- [ ] two\n")
    assert crit.diagnostics == [] and all(c.criterion for c in crit.checks)


def test_a_status_emoji_wins_over_words_that_describe_a_part() -> None:
    # review 15c new 2: FlowTime's UI-M-02.08 ``🔄 **PHASE 1 COMPLETE** (Phase 2+ POSTPONED ...)`` is in progress
    ms = parse_milestone("# M9: Charter nav\n\n**Status:** \U0001F504 **PHASE 1 COMPLETE** (Phase 2+ POSTPONED)\n\n"
                         "## Phase 1: Templates\n\n- [x] API templates\n\n## Phase 2: Stepper\n\nPostponed.\n")
    assert ms.status == "in-progress" and ms.progress < 1.0 and ms.phases[1].status != "done"
    assert read_status("\U0001F504 API done")[2] == "in-progress" and read_status("\U0001F6A7 Backend done, frontend pending")[2] == "in-progress"
    assert read_status("\N{CLIPBOARD} Charter Superseded")[2] == "cancelled" and read_status("\N{CLIPBOARD} Superseded by M5")[2] == "cancelled"


def test_a_trailing_heading_status_with_a_remark_after_it() -> None:
    # review 15c new 2b: the status leads the phrase and the rest is its note; a noun right after it is a title
    doc = ("# Roadmap\n\n## M1: Foundation \u2014 Done\n\n## M3: Search \u2014 In progress since March\n\n"
           "## M4: Payments \u2014 Blocked by legal review\n\n## M5: Export \u2014 Done in v2.1\n\n## M7: Sync \u2014 Shipped with v2\n\n"
           "## M8: Login (Done, shipped with v2)\n\n## M2: Dashboards \u2014 Active users\n\n**Status**: planned\n")
    got = {m.id: (m.title, m.status, m.status_note) for m in parse_milestones(doc, file="r.md")}
    assert got["M3"] == ("Search", "in-progress", "since March") and got["M4"] == ("Payments", "blocked", "by legal review")
    assert got["M5"] == ("Export", "done", "in v2.1") and got["M7"] == ("Sync", "done", "with v2")
    assert got["M8"] == ("Login", "done", "shipped with v2") and got["M2"][:2] == ("Dashboards \u2014 Active users", "pending")
    assert not any("no status line" in d.message for m in parse_milestones(doc, file="r.md") for d in m.diagnostics)


def test_a_task_heading_with_a_criteria_word_is_open_work() -> None:
    # review 15c new 1 (n9): ``## Update requirements`` on a page without phases
    req = parse_milestone("# Milestone: Python 3.13\n\n**Status**: Done\n\n## Update requirements\n\n- [ ] Bump numpy\n- [ ] Bump pandas\n\n## Test\n\n- [x] CI green\n")
    assert (req.checks_done, req.checks_total) == (1, 3) and len(req.diagnostics) == 1


def test_a_list_of_ticks_is_not_the_status_when_it_is_a_prerequisite_or_work_stays_open() -> None:
    # review 15c new 3: no status written; what the ✅ list says is read only from the milestone's own finished work
    prereq_label = ("# Milestone: Search revamp\n\n## Overview\n\nRebuild the index.\n\n**Prerequisites:**\n\n"
                    "- Auth rollout shipped \u2705\n- Index cluster provisioned \u2705\n\n## Tasks\n\nRewrite the ranking.\n")
    prereq_sub = ("# Milestone: Search revamp\n\n## Prerequisites\n\n### Platform\n\n"
                  "- Auth rollout shipped \u2705\n- Index cluster provisioned \u2705\n\n## Work\n\nRewrite the ranking.\n")
    done_and_next = "# Milestone: Shop\n\n## Done so far\n\n- Product list \u2705\n- Cart \u2705\n\n## Next\n\n- Checkout\n- Payments\n"
    for text in (prereq_label, prereq_sub, done_and_next):
        ms = parse_milestone(text)
        assert ms.status is None and any("no status line" in d.message for d in ms.diagnostics), text
    # ``## Key deliverables`` is the milestone's work (only a heading that is ``Key`` alone is a legend)
    key = parse_milestone("# Milestone: Shop\n\n## Key deliverables\n\n- Product list \u2705\n- Cart \u2705\n- Checkout \u2705\n")
    assert (key.status, key.status_inferred, key.diagnostics) == ("done", True, [])
    # a list ticked in part is open work too; a list that describes (``## Background``) is not work
    part = parse_milestone("# Milestone: Shop\n\n## Gates\n\n- tests \u2705\n- vet \u2705\n\n## Build\n\n- cart \u2705\n- checkout\n")
    told = parse_milestone("# Milestone: Shop\n\n## Background\n\n- the old shop\n- its cart\n\n## Gates\n\n- tests \u2705\n- vet \u2705\n")
    assert (part.status, told.status) == (None, "done")


def test_an_open_optional_phase_does_not_hold_a_done_milestone_back() -> None:
    # review 15c new 6: the phase's heading says optional, as its boxes are
    ms = parse_milestone("# Milestone: Parser\n\n**Status**: Done\n\n## Phase 1: Core\n\n- [x] Lexer\n- [x] AST\n\n"
                         "## Phase 2: Dark mode (optional)\n\n- [ ] Theme switch\n- [ ] Contrast check\n")
    assert (ms.diagnostics, ms.progress, ms.phases_done, ms.phases_total) == ([], 1.0, 1, 1)
    assert ms.phases[1].optional and not ms.phases[0].optional
    # a phase not said to be optional still counts
    plain = parse_milestone("# Milestone: Parser\n\n**Status**: Done\n\n## Phase 1: Core\n\n- [x] Lexer\n\n## Phase 2: Dark mode\n\n- [ ] Theme switch\n")
    assert plain.progress < 1.0 and len(plain.diagnostics) == 1


def test_release_pages_test_plans_and_exit_checklists_are_about_a_milestone() -> None:
    # review 15c new 7: FlowTime's releases/SIM-CAT-M2.md, SaaS's MILESTONE-5-...-EXIT-CHECKLIST.md
    about = ("SIM-CAT-M2 Release \u2014 Catalog.v1 (Structural Source of Truth)", "M-03.00 Release - Time travel",
             "M-05.01 Release Summary \u2014 Buffers", "M3 \u2013 Release Summary", "M7: Test Plan",
             "Milestone 5 Runtime Stability Exit Checklist")
    for title in about:
        assert milestone_heading(title) is None, title
        assert not is_milestone_source(f"# {title}\n\n**Status**: \u2705 Done\n\n## Phase 1: Ship\n\n- [x] tag\n"), title
    # a milestone named Release is one (the title as a whole)
    assert milestone_heading("M4: Release") == ("M4", "Release", False)
    assert milestone_heading("M2: Release pipeline") == ("M2", "Release pipeline", False)


def test_a_milestone_written_about_twice_in_a_roadmap_is_one_with_the_detailed_sections_content() -> None:
    # review 15c new 5: an overview of headings, then the detailed sections
    doc = ("# Roadmap\n\n## Overview\n\n## M1: Foundation \u2705\n\n## M2: Dashboards \U0001F504\n\n"
           "## M1: Foundation\n\n**Status**: Done\n\n### Phase 1: Schema\n\n- [x] Tables\n\n"
           "## M2: Dashboards\n\n**Status**: In progress\n**Depends on**: M1\n\n### Phase 1: Charts\n\n- [x] Bar chart\n- [ ] Line chart\n")
    m1, m2 = parse_milestones(doc, file="r.md")
    assert (m2.id, m2.status, m2.progress, m2.depends_on_refs, [p.title for p in m2.phases]) == ("M2", "in-progress", 0.5, ["M1"], ["Charts"])
    assert (m1.line, m2.line, m1.anchor, m2.anchor) == (5, 7, "m1-foundation", "m2-dashboards")
    # FlowTime's ROADMAP-LEGACY.md: a status parenthetical is not the title
    legacy = parse_milestones("# Roadmap\n\n## UI-M-0 \u2014 Minimal Observer UI (Completed / Expanded)\n\n"
                              "## UI-M-0 \u2014 Minimal Observer UI \u2705 COMPLETED\n\n**Goal**: a UI\n\n- [x] grid\n", file="r.md")
    assert [(m.id, m.title, m.status) for m in legacy] == [("UI-M-0", "Minimal Observer UI", "done")]


def test_a_changelog_holds_no_milestones_and_a_date_is_no_title() -> None:
    # review 15c new 8: ``# Changelog`` / ``## M3 — 2024-06-01 (Released)``, ``## v2.1.0 (in development)``
    for text in ("# Changelog\n\n## M3 \u2014 2024-06-01 (Released)\n\n- Search\n\n## M2 \u2014 2024-03-01 (Released)\n\n- Login\n",
                 "# Changelog\n\n## v2.1.0 (in development)\n\n- Dark mode\n\n## v2.0.0\n\n- Sync\n",
                 "# Releases\n\n## v3.0 (Planned)\n\n- Sync\n\n## v2.0 \u2014 Shipped 2024-05-01\n"):
        assert parse_milestones(text, file="docs/notes.md") == [], text
    assert parse_milestones("# Roadmap\n\n## v2.1.0 (in development)\n\n## v2.0.0 (Shipped)\n", file="CHANGELOG.md") == []
    road = parse_milestones("# Roadmap\n\n## M3 \u2014 2024-06-01 (Released)\n\n## M4 \u2014 2024-09-01\n\n**Status**: planned\n", file="r.md")
    assert [(m.id, m.title, m.status) for m in road] == [("M3", "M3", "done"), ("M4", "M4", "pending")]


def test_warnings_between_milestones_name_them_by_title_and_id_not_by_anchor_slug() -> None:
    """A roadmap document's milestone is named in a warning by its title and id, never by ``ROADMAP.md#milestone-v11``
    (review of issue 18, finding 11); the warning keeps the file:line of the page it is about."""
    roadmap = (
        "# Roadmap\n\n## Milestones\n\n- \u2705 **v1.0 Core** - Phases 1-2 (shipped 2026-01-02)\n"
        "- \U0001f6a7 **v1.1 API** - Phase 3\n\n## Phases\n\n- [x] Phase 1: Model\n- [x] Phase 2: Parser\n- [ ] Phase 3: Endpoints\n"
    )
    plan = "# Milestone M4: Docs\n\n**Status**: done\n**Depends on**: v1.1\n\n## Phase 1: Write\n- [x] a\n"
    entries = collect_milestones([PageSource("ROADMAP.md", "ROADMAP/", roadmap), PageSource("m4.md", "m4/", plan)])
    messages = [str(d) for d in entries[2].warnings]
    assert messages == [
        "m4.md:4: 'Docs' (M4) is marked done but depends on 'API' (v1.1), which is in progress; "
        "mark 'API' (v1.1) done (or cancelled), or give 'Docs' (M4) a status other than done"
    ], messages
    assert not any("#milestone-" in m for m in messages)
