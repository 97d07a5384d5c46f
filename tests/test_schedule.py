# SPDX-License-Identifier: MIT
"""Targets, owners and tags (issue 18): the date forms, overdue on both sides of today, slip warnings at
their lines, the marker filters, the export's JSON Schema, and Material's tags plugin in the same build."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import jsonschema
import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT, milestone_log, parse_html
from mkdocs_milestones.dates import build_today
from mkdocs_milestones.export import export_document
from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.model import MilestoneEntry
from mkdocs_milestones.parser import parse_milestone
from mkdocs_milestones.render.roadmap import render_roadmap
from mkdocs_milestones.roadmap.markers import expand_markers, parse_marker
from mkdocs_milestones.schedule import overdue_days
from mkdocs_milestones.site import assemble

TODAY = date(2026, 4, 15)


def _ms(text: str, file: str = "m.md", meta: dict | None = None):
    ms = parse_milestone(text, file=file, meta=meta)
    assert ms is not None
    return ms


def _schema() -> dict:
    return json.loads((resources.files("mkdocs_milestones") / "schema" / "milestones.schema.json").read_text(encoding="utf-8"))


# -- reading -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("written", "due"), [
    ("2026-03-31", date(2026, 3, 31)),
    ("31 March 2026", date(2026, 3, 31)),
    ("March 31, 2026", date(2026, 3, 31)),
    ("March 2026", date(2026, 3, 31)),  # a month: its last day
    ("2026-02", date(2026, 2, 28)),
    ("2026-Q2", date(2026, 6, 30)),  # a quarter: its last day
    ("Q4 2026", date(2026, 12, 31)),
    ("2026-03-31 (moved from March)", date(2026, 3, 31)),
])
@pytest.mark.parametrize("label", ["Target", "Due", "Deadline", "Target date"])
def test_each_date_form_and_label(written: str, due: date, label: str) -> None:
    ms = _ms(f"# MILESTONE: X\n**Status**: pending\n**{label}**: {written}\n")
    assert (ms.target, ms.target_text, ms.target_line, ms.diagnostics) == (due, written, 3, [])


@pytest.mark.parametrize(("meta", "due"), [
    ({"target": date(2026, 5, 1)}, date(2026, 5, 1)),  # YAML reads 2026-05-01 as a date
    ({"due": "2026-Q3"}, date(2026, 9, 30)),
    ({"target": "31 May 2026"}, date(2026, 5, 31)),
])
def test_front_matter_target(meta: dict, due: date) -> None:
    assert _ms("# MILESTONE: X\n**Status**: pending\n", meta={"milestone": True, **meta}).target == due


def test_unreadable_target_is_warned_at_its_line_and_kept_as_written() -> None:
    ms = _ms("# MILESTONE: X\n**Status**: pending\n\n**Due**: 2026-02-30\n\n### Phase 1: A\n**Status**: pending\n**Deadline**: next Friday-ish 13\n")
    assert ms.target is None and ms.target_text == "2026-02-30"
    assert [(d.line, d.message[:32]) for d in ms.diagnostics] == [
        (8, "the deadline 'next Friday-ish 13"), (4, "the due '2026-02-30' is not a da")]
    assert "2026-03-31, 31 March 2026 or March 31, 2026" in ms.diagnostics[0].message
    html = markdown.markdown("# MILESTONE: X\n**Status**: pending\n**Due**: 2026-02-30\n",
                             extensions=[MilestonesExtension(today="2026-04-15")])
    assert "2026-02-30" in html  # the page shows what the author wrote


def test_a_goal_in_words_and_tbd_are_no_target() -> None:
    # FlowTime's FT-M-05.13 (real-plans corpus): ``**Target:**`` states the goal, not a date
    ms = _ms("# MILESTONE: X\n**Status**: pending\n**Target:** Model and surface service-with-buffer parallelism so capacity scales\n")
    assert (ms.target, ms.target_text, ms.diagnostics) == (None, "", [])
    ms = _ms("# MILESTONE: X\n**Status**: pending\n**Due**: TBD\n")
    assert (ms.target, ms.target_text, ms.diagnostics) == (None, "TBD", [])


@pytest.mark.parametrize(("value", "warned"), [
    # FlowTime's ``**Target:**`` lines (work/ and docs/, measured): goals with digits in them, not dates
    ("Post M-0/M-1 Foundation", False),
    ("FlowTime-Sim emits time-travel-ready model artifacts (modelVersion 1.1) with absolute window metadata", False),
    ("Update non-UI .NET dependencies to the latest .NET 9-compatible releases (UI deferred to M-11.02).", False),
    ("~150 nodes × 7–14 days × 5m bins with AOT", False),
    ("95% coverage", False),
    ("v0.3.0", False),
    # a value that tries to be a date and cannot be placed is a mistake a reader sees too
    ("2026-13-45", True),
    ("end of Marhc", True),
    ("mid-Sept", True),
    ("15/13/2026", True),
    ("Q5 2026", True),
])
def test_a_target_is_read_as_a_date_only_when_it_tries_to_be_one(value: str, warned: bool) -> None:
    ms = _ms(f"# MILESTONE: X\n**Status**: pending\n**Target**: {value}\n")
    assert ms.target is None and bool(ms.diagnostics) is warned, ms.diagnostics
    assert ms.target_goal == ("" if warned else value)  # a goal stays the author's words


def test_a_goal_in_words_is_the_authors_own_target_and_an_ambiguous_date_is_warned() -> None:
    """Review 18, finding 13: a ``**Target**:`` in words stays the author's (no roll-up of the phases' latest
    replaces it, so the milestone is not overdue through a phase); ``2026-02-30 or 2026-03-01`` is warned."""
    goal = _ms("# MILESTONE: X\n**Status**: in progress\n**Target**: after the beta ships to everyone\n\n"
               "### Phase 1: A\n**Status**: pending\n**Target**: 2026-04-14\n")
    assert (goal.target, goal.target_goal, goal.target_from_phases, goal.diagnostics) == (None, "after the beta ships to everyone", False, [])
    assert goal.overdue_days(TODAY) == 0 and goal.phases[0].overdue_days(TODAY) == 1
    assert export_document([MilestoneEntry("x.md", "x/", goal)], today=TODAY)["milestones"][0]["target"] is None
    odd = _ms("# MILESTONE: X\n**Status**: in progress\n**Target**: 2026-02-30 or 2026-03-01\n")
    assert odd.target == date(2026, 3, 1)
    assert [(d.line, d.message.split(";")[0]) for d in odd.diagnostics] == [
        (3, "the target '2026-02-30 or 2026-03-01' holds '2026-02-30', which is no date, and is read as 2026-03-01")]


def test_owners_and_tags_from_labels_and_front_matter() -> None:
    ms = _ms("# MILESTONE: X\n**Status**: pending\n**Owners**: @alice, [Bob Smith](https://x.org/bob) and @carol\n**Tags**: #backend #api\n")
    assert ms.owners == ["@alice", "Bob Smith", "@carol"] and ms.tags == ["backend", "api"]
    for label in ("Owner", "Lead", "Assignee"):
        assert _ms(f"# MILESTONE: X\n**Status**: pending\n**{label}**: @dan\n").owners == ["@dan"]
    ms = _ms("# MILESTONE: X\n**Status**: pending\n", meta={"owner": "@erin", "tags": ["Infra", "search"]})
    assert ms.owners == ["@erin"] and ms.tags == ["Infra", "search"]
    assert _ms("# MILESTONE: X\n**Status**: pending\n**Owner**: Unassigned\n").owners == []


def test_phase_fields_and_roll_up() -> None:
    ms = _ms("# MILESTONE: X\n**Status**: in progress\n\n### Phase 1: A\n**Status**: done\n**Target**: 2026-03-01\n**Owner**: @a\n\n"
             "### Phase 2: B\n**Status**: pending\n**Dependencies**: Phase 1\n**Target**: April 2026\n\n#### Criteria\n**Target**: 2026-09-01\n")
    assert [(p.target, p.owners) for p in ms.phases] == [(date(2026, 3, 1), ["@a"]), (date(2026, 4, 30), [])]
    # a label in a subsection (a criterion's target) is not the phase's; the milestone takes the phases' latest
    assert (ms.target, ms.target_from_phases, ms.target_line) == (date(2026, 4, 30), True, 12)


# -- today and overdue ---------------------------------------------------------------------------------
def test_today_option_source_date_epoch_and_utc() -> None:
    assert build_today("2026-04-15") == TODAY
    assert build_today(None, {"SOURCE_DATE_EPOCH": "1776211200"}) == date(2026, 4, 15)
    assert build_today(None, {}) == build_today("", {})  # the build's UTC date
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        build_today("15/04/2026")


def test_a_bad_source_date_epoch_is_a_config_error_not_a_traceback(make_site, monkeypatch: pytest.MonkeyPatch,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    """Review 18, finding 12: SOURCE_DATE_EPOCH=junk without a today option is a clean configuration error; with
    one, the plugin never reads it (MkDocs' own build date still does: its error, not ours)."""
    import traceback

    from mkdocs.exceptions import Abort

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "junk")
    page = {"a.md": "# MILESTONE: A\n**Status**: pending\n"}
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(make_site(page, {"history": False})))
    assert "option 'today': SOURCE_DATE_EPOCH must be a whole number of seconds, got 'junk'" in caplog.text
    with pytest.raises(ValueError) as err:
        build(load_config(str(make_site(page, {"today": "2026-04-15", "history": False}))))
    assert "mkdocs_milestones" not in traceback.extract_tb(err.value.__traceback__)[-1].filename, err.value


def test_plugin_today_option_is_checked() -> None:
    from mkdocs_milestones.plugin import MilestonesPlugin

    plugin = MilestonesPlugin()
    assert plugin.load_config({"today": date(2026, 4, 15)}) == ([], [])
    assert plugin.config.today == "2026-04-15"
    errors, _ = plugin.load_config({"today": "soon"})
    assert errors and "YYYY-MM-DD" in str(errors[0][1])


@pytest.mark.parametrize(("target", "status", "days"), [
    (date(2026, 4, 14), "in-progress", 1),  # the day before today: overdue by one day
    (date(2026, 4, 15), "in-progress", 0),  # due today: not overdue yet
    (date(2026, 4, 16), "pending", 0),
    (date(2026, 1, 1), "done", 0),
    (date(2026, 1, 1), "cancelled", 0),
    (date(2026, 1, 1), None, 104),
])
def test_overdue_on_both_sides_of_today(target: date, status: str | None, days: int) -> None:
    assert overdue_days(status, target, TODAY) == days
    ms = _ms(f"# MILESTONE: X\n**Status**: {status or 'sideways'}\n**Target**: {target}\n")
    doc = export_document([MilestoneEntry("x.md", "x/", ms)], today=TODAY)
    assert doc["today"] == "2026-04-15" and doc["milestones"][0]["overdue"] is (days > 0)
    html = markdown.markdown(f"# MILESTONE: X\n**Status**: {status or 'sideways'}\n**Target**: {target}\n",
                             extensions=[MilestonesExtension(today="2026-04-15")])
    assert (f'data-overdue="{days}"' in html) is (days > 0)
    if days == 1:
        assert "overdue by 1 day<" in html


def test_phase_overdue_badge_and_export() -> None:
    text = "# MILESTONE: X\n**Status**: in progress\n\n### Phase 1: A\n**Status**: pending\n**Due**: 2026-04-05\n"
    html = markdown.markdown(text, extensions=[MilestonesExtension(today="2026-04-15")])
    summary = parse_html(html).find("summary", "ms-phase-summary")
    assert summary.find("span", "ms-phase-target").text == "due 2026-04-05"
    assert summary.find("span", "ms-overdue").text == "overdue by 10 days"
    phase = export_document([MilestoneEntry("x.md", "x/", _ms(text))], today=TODAY)["milestones"][0]["phases"][0]
    assert (phase["target"], phase["overdue"]) == ("2026-04-05", True)


@pytest.mark.parametrize("settled", ["Cancelled", "Done"])
def test_a_phase_of_a_settled_milestone_is_not_overdue_anywhere(settled: str) -> None:
    """One answer from the model (review 18, finding 5): the phase summary, the export and the roadmap's
    Overdue list agree that a pending phase of a cancelled (or done) milestone is not overdue."""
    text = f"# MILESTONE: X\n**Status**: {settled}\n\n### Phase 1: A\n**Status**: Pending\n**Target**: 2026-01-01\n"
    ms = _ms(text)
    assert ms.phases[0].overdue_days(TODAY) == 0
    html = markdown.markdown(text, extensions=[MilestonesExtension(today=TODAY.isoformat())])
    summary = parse_html(html).find("summary", "ms-phase-summary")
    assert summary.find("span", "ms-phase-target").text == "due 2026-01-01" and summary.find_all("span", "ms-overdue") == []
    phase = export_document([MilestoneEntry("x.md", "x/", ms)], today=TODAY)["milestones"][0]["phases"][0]
    assert (phase["target"], phase["overdue"]) == ("2026-01-01", False)
    assert "ms-roadmap-overdue-list" not in render_roadmap([MilestoneEntry("x.md", "x/", ms)], page_url="roadmap/", today=TODAY)
    # the same phase in an open milestone is overdue in all three
    open_ms = _ms(text.replace(settled, "In progress"))
    assert open_ms.phases[0].overdue_days(TODAY) == 104
    assert export_document([MilestoneEntry("x.md", "x/", open_ms)], today=TODAY)["milestones"][0]["phases"][0]["overdue"] is True
    assert "ms-roadmap-overdue-list" in render_roadmap([MilestoneEntry("x.md", "x/", open_ms)], page_url="roadmap/", today=TODAY)


def test_card_states_the_resolved_day_and_shows_label_tags_as_chips() -> None:
    """Review 18, finding 11: a month target shows the day it resolves to, the badge says what it is measured
    from, and a ``**Tags**:`` line's tags are chips as front matter tags are."""
    text = "# MILESTONE: X\n**Status**: in progress\n**Target**: March 2026\n**Tags**: backend, search\n"
    card = parse_html(markdown.markdown(text, extensions=[MilestonesExtension(today="2026-04-15")])).find("div", "ms-card")
    dd = card.find("div", "ms-meta-item", **{"data-field": "target"}).find("dd")
    assert dd.text == "March 2026 (2026-03-31)" and dd.find("span", "ms-target-day").attrs["data-date"] == "2026-03-31"
    assert card.find("span", "ms-overdue").attrs["title"] == "target 2026-03-31, today 2026-04-15"
    assert [c.text for c in card.find_all("span", "ms-tag")] == ["backend", "search"]
    exact = parse_html(markdown.markdown(text.replace("March 2026", "2026-03-31"), extensions=[MilestonesExtension()]))
    assert exact.find_all("span", "ms-target-day") == []  # the line says the day already


def test_author_strings_are_escaped_in_the_card() -> None:
    meta = {"owners": ["<script>alert(1)</script>"], "tags": ['"><img src=x onerror=alert(1)>'], "target": "2026-01-01"}
    ext = MilestonesExtension(provider=lambda md: PageContext(meta=meta), today="2026-04-15")
    html = markdown.markdown("# MILESTONE: X\n**Status**: pending\n", extensions=[ext])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and 'data-overdue="104"' in html


# -- slips -----------------------------------------------------------------------------------------------
def test_phase_slip_warnings_at_their_target_lines() -> None:
    ms = _ms("# MILESTONE: X\n**Status**: in progress\n**Target**: 2026-05-31\n\n"
             "### Phase 1: A\n**Status**: pending\n**Target**: 2026-05-20\n\n"
             "### Phase 2: B\n**Status**: pending\n**Dependencies**: Phase 1\n**Target**: 2026-05-10\n\n"
             "### Phase 3: C\n**Status**: pending\n**Target**: 2026-06-15\n")
    assert [(d.line, d.message.split(";")[0]) for d in ms.diagnostics] == [
        (12, "Phase 2's target 2026-05-10 is before the target 2026-05-20 of Phase 1, which it depends on"),
        (16, "Phase 3's target 2026-06-15 is after the milestone's target 2026-05-31 (line 3)"),
    ]


def test_milestone_slip_warnings_at_the_target_line() -> None:
    base = _ms("# MILESTONE: Base\n**Status**: in progress\n**Target**: 2026-06-30\n", "base.md")
    shipped = _ms("# MILESTONE: Shipped\n**Status**: done\n**Completed**: 2026-05-20\n", "shipped.md")
    top = _ms("# MILESTONE: Top\n**Status**: pending\n**Depends on**: [Base](base.md), [Shipped](shipped.md)\n\n**Target**: 2026-05-01\n", "top.md")
    late = _ms("# MILESTONE: Late\n**Status**: pending\n**Depends on**: [Base](base.md)\n**Target**: 2026-07-31\n", "late.md")
    entries = assemble([MilestoneEntry(f"{n}.md", f"{n}/", m) for n, m in (("base", base), ("shipped", shipped), ("top", top), ("late", late))])
    warnings = {e.page: [str(d) for d in e.warnings] for e in entries}
    assert warnings["late.md"] == [] and warnings["base.md"] == []
    assert [w.split(";")[0] for w in warnings["top.md"]] == [
        "top.md:5: 'Top' is due 2026-05-01 (its target) but depends on 'Base', whose target is 2026-06-30",
        "top.md:5: 'Top' is due 2026-05-01 (its target) but depends on 'Shipped', whose completion is 2026-05-20",
    ]


def test_slip_warnings_fail_a_strict_build(make_site, tmp_path: Path) -> None:
    cfg = make_site({"a.md": "# MILESTONE: A\n**Status**: pending\n**Target**: 2026-09-01\n",
                     "b.md": "# MILESTONE: B\n**Status**: pending\n**Depends on**: [A](a.md)\n**Target**: 2026-08-01\n"},
                    {"today": "2026-04-15", "history": False})
    config = load_config(str(cfg), strict=True)
    with milestone_log() as messages, pytest.raises(Exception, match="warnings"):
        build(config)
    assert any("b.md:4: 'B' is due 2026-08-01" in m for m in messages), messages


def test_front_matter_target_is_warned_at_its_own_line(make_site, tmp_path: Path) -> None:
    """A front matter ``due:`` that is no date, and a slip of a front matter target, are warned at the key's line
    (review 18, finding 7), in the build (the host split the front matter off) and when the parser splits it."""
    page = ("---\nmilestone: true\nowners:\n  - \"@ana\"\ntitle: M\ndue: next spring\n---\n\n# M\n**Status**: pending\n")
    slip = ("---\ntarget: 2026-08-01\n---\n# MILESTONE: B\n**Status**: pending\n**Depends on**: [A](a.md)\n")
    ms = _ms(page, "m.md")
    assert [(d.line, d.message[:28]) for d in ms.diagnostics] == [(6, "front matter `due: next spri")]
    cfg = make_site({"m.md": page, "b.md": slip, "a.md": "# MILESTONE: A\n**Status**: pending\n**Target**: 2026-09-01\n"},
                    {"today": "2026-04-15", "history": False})
    with milestone_log() as messages:
        build(load_config(str(cfg)))
    assert any(m.startswith("m.md:6: front matter `due: next spring`") for m in messages), messages
    assert any("b.md:2: 'B' is due 2026-08-01" in m for m in messages), messages


# -- roadmap -------------------------------------------------------------------------------------------
def _site() -> list[MilestoneEntry]:
    pages = {
        "db.md": "# MILESTONE: Database\n**Status**: in progress\n**Target**: March 2026\n**Owner**: @Sam\n**Tags**: backend\n",
        "search.md": "# MILESTONE: Search\n**Status**: in progress\n**Depends on**: [DB](db.md)\n**Target**: 2026-05-15\n**Owners**: @maria\n**Tags**: backend, search\n",
        "mobile.md": "# MILESTONE: Mobile <b>app</b>\n**Status**: pending\n**Depends on**: [S](search.md)\n**Target**: 2026-Q3\n",
        "old.md": "# MILESTONE: Old\n**Status**: done\n**Target**: 2026-01-01\n",
    }
    return assemble([MilestoneEntry(p, p[:-3] + "/", _ms(t, p)) for p, t in pages.items()])


def _rows(html: str) -> list[str]:
    return [tr.attrs["data-page"] for tr in parse_html(html).find_all("tr") if "data-page" in tr.attrs]


@pytest.mark.parametrize(("words", "pages"), [
    ("owner=sam", ["db.md"]),  # the @ of a handle is optional, case ignored
    ("owner=@maria,sam", ["db.md", "search.md"]),
    ("tag=BACKEND", ["db.md", "search.md"]),
    ("tag=search", ["search.md"]),
    ("overdue=yes", ["db.md"]),
    ("overdue=no", ["search.md", "mobile.md", "old.md"]),
])
def test_marker_filters(words: str, pages: list[str]) -> None:
    html, problems = expand_markers(f"<!-- milestones sections=list {words} -->\n", _site(), page_url="r/", file="r.md", today=TODAY)
    assert problems == [] and _rows(html) == pages


def test_sort_orders_rows_within_each_group() -> None:
    by = {}
    for sort in ("target", "title", "priority", "created"):
        html, problems = expand_markers(f"<!-- milestones sections=list status=wip,pending sort={sort} -->\n", _site(), page_url="r/",
                                        file="r.md", today=TODAY)
        assert problems == []
        by[sort] = _rows(html)
    assert by["target"] == ["db.md", "search.md", "mobile.md"]
    assert by["title"] == ["db.md", "search.md", "mobile.md"]  # groups first: in progress, then pending
    flt, _ = parse_marker("sort=target")
    assert flt.sort == "target"


def test_unknown_filter_values_are_warned() -> None:
    md = "\n<!-- milestones owner=nobody tag=nope overdue=maybe sort=colour -->\n"
    _, problems = expand_markers(md, _site(), page_url="r/", file="r.md", today=TODAY)
    words = sorted(str(p) for p in problems)
    assert words == [
        "r.md:2: overdue=maybe in the milestones marker is not known; write yes or no",
        "r.md:2: owner='nobody' in the milestones marker matches no milestone's owner; use one of: @Sam, @maria",
        "r.md:2: sort=colour in the milestones marker is not known; write priority, target, created, title",
        "r.md:2: tag='nope' in the milestones marker matches no milestone's tag; use one of: backend, search",
    ]


def test_roadmap_target_column_overdue_section_timeline_and_critical_path() -> None:
    entries = _site()
    for e, created in zip(entries, ("2026-01-05", "2026-02-01", "2026-03-01", "2025-12-01")):
        e.milestone.created = created
    html = render_roadmap(entries, page_url="roadmap/", today=TODAY)
    doc = parse_html(html)
    row = doc.find("tr", **{"data-page": "db.md"})
    cell = row.find("td", "ms-roadmap-schedule")
    assert cell.find("time").attrs["datetime"] == "2026-03-31"
    assert cell.find("span", "ms-overdue").text == "overdue by 15 days" and "@Sam" in cell.text
    section = doc.find("section", "ms-roadmap-overdue")
    assert [li.attrs["data-page"] for li in section.find_all("li")] == ["db.md"]
    # the Overdue section sits next to At risk
    assert html.index("ms-roadmap-overdue") < html.index("ms-roadmap-at-risk")
    timeline = doc.find("section", "ms-roadmap-timeline")
    assert timeline.find("g", "ms-timeline-today").text == "today"
    assert len(timeline.find_all("path", "ms-timeline-target")) == 4
    # a red flag is an overdue target and nothing else (review 18, finding 4)
    assert {p.parent.parent.attrs["data-page"] for p in timeline.find_all("path", "ms-timeline-target-overdue")} == {"db.md"}
    links = [(g.attrs["data-from"], g.attrs["data-to"]) for g in timeline.find_all("g") if "ms-timeline-link" in g.classes()]
    assert sorted(links) == [("db.md", "search.md"), ("search.md", "mobile.md")]
    note = timeline.find("p", "ms-timeline-critical-path")
    assert note.text == "Critical path to the latest target (2026-09-30): Database → Search → Mobile <b>app</b>."
    assert "<b>app</b>" not in html  # escaped
    # without a today, nothing is overdue and there is no Overdue section
    assert "ms-roadmap-overdue" not in render_roadmap(entries, page_url="roadmap/") and "ms-overdue" not in render_roadmap(entries, page_url="roadmap/")


# -- the schema ----------------------------------------------------------------------------------------
def test_schema_is_valid_and_the_golden_exports_follow_it() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    cases = sorted((ROOT / "tests" / "cases").glob("*.json"))
    assert len(cases) >= 20
    for path in cases:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert not errors, (path.name, errors[:3])
    bad = json.loads((ROOT / "tests" / "cases" / "format_guide.json").read_text(encoding="utf-8"))
    bad["milestones"][0]["target"] = "31 March 2026"
    assert not validator.is_valid(bad)  # the schema checks, it does not merely exist


def test_the_demo_export_follows_the_schema(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with milestone_log() as messages:
        build(config)
    assert messages == []
    doc = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker()).validate(doc)
    assert doc["today"] == "2026-12-06"
    overdue = [m["page"] for m in doc["milestones"] if m["overdue"]]
    assert overdue == ["milestones/database-migration.md"]
    assert all(m["owners"] for m in doc["milestones"] if m["status"] != "cancelled")


# -- Material's tags plugin ----------------------------------------------------------------------------
def test_material_tags_plugin_reads_the_same_front_matter(make_site, tmp_path: Path) -> None:
    page = "---\ntags:\n  - backend\n  - search\n---\n\n# MILESTONE: Search\n\n**Status**: pending\n"
    cfg = make_site({"index.md": "# Home\n", "search.md": page, "tags.md": "# Tags\n\n<!-- material/tags -->\n"},
                    {"today": "2026-04-15", "history": False}, extra="  - tags\n", theme="material")
    with milestone_log() as messages:
        build(load_config(str(cfg)))
    assert messages == []
    html = (tmp_path / "site" / "search" / "index.html").read_text(encoding="utf-8")
    doc = parse_html(html)
    assert [s.text for s in doc.find_all("span", "ms-tag")] == ["backend", "search"]  # our card
    assert "md-tag" in html  # Material's tags, from the same key
    index = (tmp_path / "site" / "tags" / "index.html").read_text(encoding="utf-8")
    assert "search/" in index and "backend" in index  # Material's tag index lists the milestone
    export = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert export["milestones"][0]["tags"] == ["backend", "search"]
