# SPDX-License-Identifier: MIT
"""Parser facts on the format guide's example and on fixtures of our own."""

from __future__ import annotations

import subprocess
import sys

from mkdocs_milestones.parser import is_milestone_source, parse_milestone, parse_phase_refs


def test_seed_example_metadata(seed_example: str) -> None:
    ms = parse_milestone(seed_example, file="db.md")
    assert ms is not None
    assert ms.title == "SQLite to PostgreSQL Migration"
    assert (ms.status, ms.priority) == ("in-progress", "high")
    assert ms.created == "2026-01-17T10:00:00Z"
    assert ms.estimated_duration == "8-10 sessions (24-30 hours)"
    assert ms.total_commits == "8-12 (1-2 per phase)"
    assert ms.summary["objective"].startswith("Migrate the hindsight-mcp database layer")
    assert ms.summary["problem"].splitlines()[0] == "1. SQLite doesn't support concurrent writes efficiently"
    assert ms.summary["current_state"].count("\n") == 2
    assert "Feature flags for backend selection" in ms.summary["solution"]


def test_seed_example_tables(seed_example: str) -> None:
    ms = parse_milestone(seed_example)
    assert ms is not None
    assert [c.metric for c in ms.criteria][:2] == ["PostgreSQL backend functional", "Connection pooling"]
    assert len(ms.criteria) == 6 and {c.status for c in ms.criteria} == {"pending"}
    assert ms.criteria[3].target == ">80% for db module"
    assert ms.criteria[0].line == 37
    assert [(r.risk, r.likelihood, r.impact) for r in ms.risks][2] == ("Migration data loss", "Low", "Critical")
    assert ms.risks[0].mitigation == "Comprehensive test suite"
    assert ms.notes == [
        "Consider async database operations in future",
        "PostgreSQL JSONB for flexible schema evolution",
        "Need to document connection string configuration",
    ]


def test_seed_example_phases(seed_example: str) -> None:
    ms = parse_milestone(seed_example)
    assert ms is not None
    p0, p1, p2 = ms.phases
    assert (p0.id, p0.title, p0.estimate, p0.status, p0.completed) == ("0", "Baseline & Architecture", "0.5 session", "done", "2026-01-17")
    assert p0.goal == "Establish performance baselines and finalise architecture."
    assert [(t.title, t.estimate_lines) for t in p0.tasks] == [
        ("Benchmark current SQLite performance", 50),
        ("Document architecture decision", 100),
    ]
    assert p0.tasks[0].details == ["Query latency for common operations", "Memory usage under load", "Store results in artefacts/"]
    assert p0.deliverables == ["`artefacts/benchmark_sqlite_baseline_2026-01-17.md`", "`docs/adr/003-database-abstraction.md`"]
    assert p0.validation == ["cargo nextest run -p hindsight-mcp -- db", "./scripts/benchmark_db.sh --save"]
    assert [(c.text, c.checked) for c in p0.checks] == [("Baseline metrics recorded", True), ("Architecture documented and approved", True)]
    assert p0.commit == "docs: establish database migration baseline and architecture"
    assert (p1.status, p1.depends_on, p1.estimate) == ("in-progress", ["0"], "1 session")
    assert [t.estimate_lines for t in p1.tasks] == [150, 200, 20]
    assert (p1.checks_done, p1.checks_total) == (0, 3)
    assert (p2.status, p2.depends_on, p2.title) == ("pending", ["1"], "PostgreSQL Implementation")
    # progress = mean(1, 0/3, 0)
    assert abs(ms.progress - 1 / 3) < 1e-9
    # lines point at the source
    lines = seed_example.split("\n")
    assert lines[p1.line - 1].startswith("### Phase 1")
    assert lines[p1.status_line - 1].startswith("**Status**")


def test_seed_example_diagram_and_no_warnings(seed_example: str) -> None:
    from mkdocs_milestones.mojibake import fix_mojibake

    ms = parse_milestone(fix_mojibake(seed_example))
    assert ms is not None
    assert len(ms.diagrams) == 1 and "\u250c" in ms.diagrams[0].text and "\u2510" in ms.diagrams[0].text
    assert ms.diagnostics == []
    assert ms.status_text == "\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} IN PROGRESS"


def test_crlf_bom_and_plain_labels() -> None:
    text = "\ufeff# Milestone: Odd\r\nStatus: Not Started\r\nPriority: P1\r\n\r\n## Phase 2a - Tail (2 days)\r\nStatus: WIP\r\nDependencies: Phases 1-3\r\n- [X] one\r\n* [ ] two\r\n"
    ms = parse_milestone(text, file="odd.md")
    assert ms is not None
    assert (ms.title, ms.status, ms.priority) == ("Odd", "pending", "high")
    (p,) = ms.phases
    assert (p.id, p.title, p.estimate, p.status) == ("2a", "Tail", "2 days", "in-progress")
    assert p.depends_on == ["1", "2", "3"]
    assert (p.checks_done, p.checks_total) == (1, 2)
    # the missing phases are kept as written and warned about, with file:line
    msgs = [str(d) for d in ms.diagnostics]
    assert any(m.startswith("odd.md:7: Phase 2a depends on Phase 1, which does not exist") for m in msgs)


def test_missing_sections_and_extra_sections_kept() -> None:
    ms = parse_milestone("# MILESTONE: Bare\n\n## Team\n\nAlice and Bob.\n")
    assert ms is not None
    assert ms.phases == [] and ms.progress == 0
    assert [s.title for s in ms.sections] == ["Team"] and ms.sections[0].body == "Alice and Bob."
    assert any("no status line" in d.message for d in ms.diagnostics)


def test_unknown_status_kept_and_warned() -> None:
    ms = parse_milestone("# MILESTONE: X\n**Status**: Percolating\n", file="x.md")
    assert ms is not None
    assert (ms.status, ms.status_text) == (None, "Percolating")
    (d,) = ms.diagnostics
    assert str(d).startswith("x.md:2: unknown status 'Percolating'; write one of: pending, in-progress")


def test_detection() -> None:
    assert is_milestone_source("# MILESTONE: a\n")
    assert is_milestone_source("# milestone - a\n")
    assert not is_milestone_source("# Milestones overview\n")
    assert not is_milestone_source("```\n# MILESTONE: in code\n```\n")
    assert is_milestone_source("---\nmilestone: true\n---\n# Plan\n")
    assert parse_milestone("Intro\n\n# MILESTONE: later\n") is not None
    assert parse_milestone("# Guide\n\n# MILESTONE: second h1\n") is None
    ms = parse_milestone("# Plan\n**Status**: done\n", meta={"milestone": True})
    assert ms is not None and ms.title == "Plan" and ms.status == "done"


def test_duplicate_phase_numbers_warned() -> None:
    ms = parse_milestone("# MILESTONE: D\n**Status**: pending\n### Phase 1: a\n**Status**: done\n### Phase 1: b\n**Status**: done\n", file="d.md")
    assert ms is not None and len(ms.phases) == 2
    assert any("numbered twice" in d.message and d.line == 5 for d in ms.diagnostics)


def test_checks_counted_per_phase_only() -> None:
    ms = parse_milestone("# MILESTONE: C\n**Status**: pending\n- [x] outside\n### Phase 1: a\n**Status**: pending\n- [x] in\n- [ ] in2\n```\n- [x] code\n```\n## Notes\n- [x] after\n")
    assert ms is not None
    assert (ms.phases[0].checks_done, ms.phases[0].checks_total) == (1, 2)


def test_phase_refs() -> None:
    assert parse_phase_refs("Phase 1, Phase 2") == ["1", "2"]
    assert parse_phase_refs("1, 2") == ["1", "2"]
    assert parse_phase_refs("Phase 1 & 2") == ["1", "2"]
    assert parse_phase_refs("-") == []
    assert parse_phase_refs("N/A") == []
    assert parse_phase_refs("Phase 3 (needs 2 reviewers)") == ["3"]
    assert parse_phase_refs("Phases 2-2a, Phase 0") == ["2", "2a", "0"]


def test_core_imports_no_mkdocs() -> None:
    """The package, its parser and its Markdown extension work where MkDocs is not installed."""
    code = (
        "import sys, markdown, mkdocs_milestones, mkdocs_milestones.extension, mkdocs_milestones.parser\n"
        "markdown.markdown('# MILESTONE: a', extensions=['mkdocs_milestones'])\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'mkdocs'], 'mkdocs was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_list_under_a_label_with_a_value_is_the_pages_not_the_labels() -> None:
    # GitHub and the rendered page show the checklist as a list after the status line; it must not
    # become part of the status (whose words would then outvote the emoji) or of the dependencies.
    text = (
        "# MILESTONE: Flip\n**Status**: \u2705\n- [ ] Open follow-ups tracked in JIRA\n\n"
        "## Phase 1: A\n**Status**: \u2705\n- [x] Ported\n\n"
        "## Phase 2: B\n**Status**: \U0001f504\n**Dependencies**: Phase 1\n- [ ] Migrate 2 tables\n\n"
        "**Goal**: Ship it\n1. Write 5 tests\n\n"
        "**Success Criteria**:\n- [ ] Tests pass\n"
    )
    ms = parse_milestone(text, file="flip.md")
    assert (ms.status, ms.status_text) == ("done", "\u2705")
    one, two = ms.phases
    assert (one.status, one.checks_done, one.checks_total) == ("done", 1, 1)
    assert (two.status, two.depends_on, two.goal) == ("in-progress", ["1"], "Ship it")
    # ``**Success Criteria**:`` never ticked is what the phase had to meet, not its progress (issue 15 review 15b)
    assert (two.checks_done, two.checks_total) == (0, 1) and [c.criterion for c in two.checks] == [False, True]
    # The only problem: the milestone says done while boxes are open (issue 15: the ticks contradict it). The card
    # counts every box the page shows, the page's own "Open follow-ups" box too (review 15c item 9).
    assert [str(d).split(";")[0] for d in ms.diagnostics] == [
        "flip.md:2: the milestone is marked done but 2 of 3 checklist items are not ticked (first at line 3)"]
    # A label with nothing after its colon still takes the list below it.
    criteria = [f for f in two.fields if f.label.lower() == "success criteria"]
    assert criteria and criteria[0].value == "- [ ] Tests pass"


def test_each_status_emoji_reads_back_as_its_status() -> None:
    """The emoji the roadmap writes for a status is one the parser reads as that status (partial was 🔄,
    which reads as in progress)."""
    from mkdocs_milestones.vocabulary import STATUS_EMOJI, normalize_status

    assert {s: normalize_status(e) for s, e in STATUS_EMOJI.items()} == {s: s for s in STATUS_EMOJI}


def test_fast_atx_heading_matches_the_reference_pattern() -> None:
    """Issue 17: ``source._ATX_RE`` (no backtracking) gives the groups of the reference pattern on every line
    of the test cases and on every short line of spaces, tabs, ``#`` and a letter."""
    import itertools
    from pathlib import Path

    from mkdocs_milestones.source import _ATX_RE, _ATX_SLOW_RE

    lines = {ln for p in (Path(__file__).parent / "cases").glob("*.md") for ln in p.read_text(encoding="utf-8").split("\n")}
    for k in range(1, 8):
        lines.update("".join(c) for c in itertools.product("# \ta", repeat=k))
    lines.update({"# a #", "## x ##  ", "#\t#", "# \\#", "####### x", "# foo#", "# a # #", "   ### t ###\t"})
    for line in lines:
        a, b = _ATX_SLOW_RE.match(line), _ATX_RE.match(line)
        assert (a is None) == (b is None), line
        if a is not None and b is not None:
            assert (a.group(1), a.group(2)) == (b.group(1), b.group(2)), line
