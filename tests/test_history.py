# SPDX-License-Identifier: MIT
"""Milestone history from git: a temporary repository with dated commits, renames, merges, shallow clones."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as etree
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from gitrepo import GitRepo, milestone
from mkdocs_milestones.history import HistoryReader, MilestoneHistory, recent_changes, site_burnup
from mkdocs_milestones.render.burnup import render_burnup
from mkdocs_milestones.render.history import render_changed, render_history_section

FRONT = "---\nmilestone: true\ntitle: Beta\n---\n"
MOJIBAKE_DONE = "\u2705".encode().decode("cp1252")  # "âœ…": UTF-8 read as Windows-1252


def alpha(status: str, p1: tuple[str, list[bool]], p2: tuple[str, list[bool]], extra: str = "") -> str:
    return milestone("Alpha", status, [("Design", *p1), ("Build", *p2)], extra=extra)


def beta(status: str) -> str:
    return FRONT + f"# Beta plan\n\n**Status**: {status}\n\n### Phase 1: Only\n\n**Status**: {status}\n\n- [ ] one\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[GitRepo, dict[str, str]]:
    """Seven commits: statuses and boxes change, a prose-only edit, a rename, a mojibake version."""
    r = GitRepo(tmp_path_factory.mktemp("hist") / "repo")
    c: dict[str, str] = {}
    r.write("README.md", "# MILESTONE: outside the docs folder\n\n**Status**: done\n")
    r.write("docs/index.md", "# Home\n")
    r.write("docs/plans/alpha.md", alpha("pending", ("pending", [False, False]), ("pending", [False])))
    c["c1"] = r.commit("Plan alpha", "2025-01-01")
    r.write("docs/plans/alpha.md", alpha("in-progress", ("in-progress", [True, False]), ("pending", [False])))
    c["c2"] = r.commit("Start alpha", "2025-01-10")
    r.write("docs/plans/alpha.md", alpha("in-progress", ("in-progress", [True, False]), ("pending", [False, False])))
    r.write("docs/plans/beta.md", beta("pending"))
    c["c3"] = r.commit("Alpha grows a check; plan beta", "2025-01-20")
    r.write("docs/plans/alpha.md", alpha("in-progress", ("in-progress", [True, False]), ("pending", [False, False]), extra="Notes."))
    c["c4"] = r.commit("Prose only", "2025-01-25")
    (r.path / "docs" / "milestones").mkdir()
    r.git("mv", "docs/plans/alpha.md", "docs/milestones/alpha.md")
    c["c5"] = r.commit("Move alpha", "2025-02-01")
    r.write("docs/milestones/alpha.md", alpha("in-progress", ("done", [True, True]), ("pending", [False, False]), extra="Notes."))
    r.write("docs/plans/beta.md", beta("in-progress"))
    c["c6"] = r.commit("Alpha design done", "2025-02-05")
    r.write("docs/milestones/alpha.md", alpha(MOJIBAKE_DONE, ("done", [True, True]), ("done", [True, True]), extra="Notes."))
    c["c7"] = r.commit("Alpha done", "2025-02-10")
    return r, c


def _points(h: MilestoneHistory) -> list[tuple[str, str | None, int, int, str]]:
    return [(p.day.isoformat(), p.status, p.checks_done, p.checks_total, p.path) for p in h.points]


def test_history_of_statuses_checks_and_rename(repo: tuple[GitRepo, dict[str, str]]) -> None:
    r, c = repo
    result = HistoryReader().read(str(r.path / "docs"))
    assert result.enabled and not result.partial and result.note is None
    assert result.head == c["c7"]
    assert sorted(result.milestones) == ["milestones/alpha.md", "plans/beta.md"]  # README.md is outside docs/
    alpha_h = result.milestones["milestones/alpha.md"]
    assert _points(alpha_h) == [
        ("2025-01-01", "pending", 0, 3, "plans/alpha.md"),
        ("2025-01-10", "in-progress", 1, 3, "plans/alpha.md"),
        ("2025-01-20", "in-progress", 1, 4, "plans/alpha.md"),
        # c4 (prose) and c5 (the rename) change nothing that history tracks
        ("2025-02-05", "in-progress", 2, 4, "milestones/alpha.md"),
        ("2025-02-10", "done", 4, 4, "milestones/alpha.md"),  # the mojibake status, repaired
    ]
    assert [p.commit for p in alpha_h.points] == [c["c1"], c["c2"], c["c3"], c["c6"], c["c7"]]
    assert alpha_h.points[-1].author == 'Ann "QA" & Co' and alpha_h.points[-1].subject == "Alpha done"
    assert not alpha_h.partial
    changes = [(ch.kind, ch.before, ch.after, ch.phase.id if ch.phase else None, ch.point.commit) for ch in alpha_h.changes()]
    assert changes == [
        ("created", None, "pending", None, c["c1"]),
        ("status", "pending", "in-progress", None, c["c2"]),
        ("phase-done", None, "done", "1", c["c6"]),
        ("status", "in-progress", "done", None, c["c7"]),
        ("phase-done", None, "done", "2", c["c7"]),
    ]
    assert [ch.kind for ch in alpha_h.status_changes()] == ["created", "status", "status"]
    # Front matter: a milestone by `milestone: true`, its history read the same way.
    assert _points(result.milestones["plans/beta.md"]) == [
        ("2025-01-20", "pending", 0, 1, "plans/beta.md"),
        ("2025-02-05", "in-progress", 0, 1, "plans/beta.md"),
    ]
    assert alpha_h.to_list()[-1] == {"date": "2025-02-10T12:00:00Z", "status": "done", "checks_done": 4, "checks_total": 4, "commit": c["c7"]}


def test_mojibake_repair_applies_to_old_versions(repo: tuple[GitRepo, dict[str, str]]) -> None:
    r, _ = repo
    raw = HistoryReader(fix_mojibake=False).read(str(r.path / "docs"))
    assert raw.milestones["milestones/alpha.md"].points[-1].status is None  # unrepaired, the status is unreadable


def test_pages_limit_what_is_read(repo: tuple[GitRepo, dict[str, str]]) -> None:
    r, _ = repo
    reader = HistoryReader()
    result = reader.read(str(r.path / "docs"), ["plans/beta.md"])
    assert list(result.milestones) == ["plans/beta.md"]
    assert result.versions_parsed == 2  # beta's two versions, nothing of alpha or index.md


def test_burnup_points_and_site_burnup(repo: tuple[GitRepo, dict[str, str]]) -> None:
    r, _ = repo
    result = HistoryReader().read(str(r.path / "docs"))
    a = result.milestones["milestones/alpha.md"]
    assert [(w.date().isoformat(), d, t) for w, d, t in a.burnup()] == [
        ("2025-01-01", 0, 3), ("2025-01-10", 1, 3), ("2025-01-20", 1, 4), ("2025-02-05", 2, 4), ("2025-02-10", 4, 4),
    ]
    site = site_burnup(result.milestones.values())
    # beta joins on 2025-01-20 with 0/1; the same instant counts once
    assert [(w.date().isoformat(), d, t) for w, d, t in site] == [
        ("2025-01-01", 0, 3), ("2025-01-10", 1, 3), ("2025-01-20", 1, 5), ("2025-02-05", 2, 5), ("2025-02-10", 4, 5),
    ]


def test_recent_changes_newest_first(repo: tuple[GitRepo, dict[str, str]]) -> None:
    r, c = repo
    result = HistoryReader().read(str(r.path / "docs"))
    since = datetime(2025, 2, 1, tzinfo=timezone.utc)
    got = [(ch.page, ch.kind, ch.after, ch.point.commit) for ch in recent_changes(result.milestones.values(), since)]
    assert got == [
        ("milestones/alpha.md", "status", "done", c["c7"]),
        ("milestones/alpha.md", "phase-done", "done", c["c7"]),
        ("plans/beta.md", "status", "in-progress", c["c6"]),
        ("milestones/alpha.md", "phase-done", "done", c["c6"]),
    ]


def test_cache_between_rebuilds(tmp_path: Path) -> None:
    r = GitRepo(tmp_path / "repo")
    r.write("docs/a.md", milestone("A", "pending", [("One", "pending", [False])]))
    r.commit("a", "2025-03-01")
    reader = HistoryReader()
    first = reader.read(str(r.path / "docs"))
    assert first.versions_parsed == 1
    again = reader.read(str(r.path / "docs"))
    assert again.versions_parsed == 0 and again.milestones == first.milestones
    r.write("docs/a.md", milestone("A", "in-progress", [("One", "in-progress", [True])]))
    r.commit("a moves", "2025-03-02")
    logs: list[str | None] = []
    real_log = reader._log
    reader._log = lambda cwd, since, head, renames: logs.append(since) or real_log(cwd, since, head, renames=renames)  # type: ignore[method-assign]
    after = reader.read(str(r.path / "docs"))
    assert after.versions_parsed == 1  # only the new version is read; the old one comes from the cache
    assert logs == [first.head]  # and git log lists only the commits after the previous HEAD
    assert [p.status for p in after.milestones["a.md"].points] == ["pending", "in-progress"]
    assert after.milestones == HistoryReader().read(str(r.path / "docs")).milestones
    (r.path / "docs" / "moved").mkdir()
    r.git("mv", "docs/a.md", "docs/moved/a.md")
    r.write("docs/moved/a.md", milestone("A", "done", [("One", "done", [True])]))
    r.commit("a done and moved", "2025-03-03")
    r.write("docs/b.md", milestone("B", "pending", []))
    r.commit("b", "2025-03-04")
    two = reader.read(str(r.path / "docs"))
    assert [p.status for p in two.milestones["moved/a.md"].points] == ["pending", "in-progress", "done"]
    assert two.milestones == HistoryReader().read(str(r.path / "docs")).milestones and two.commits == 4
    r.git("reset", "-q", "--hard", "HEAD~3")  # HEAD moves back: the walk starts again
    back = reader.read(str(r.path / "docs"))
    assert logs[-1] is None and back.commits == 1
    assert back.milestones == HistoryReader().read(str(r.path / "docs")).milestones
    assert [p.status for p in back.milestones["a.md"].points] == ["pending"]


def test_merged_branch_counts_from_the_merge(tmp_path: Path) -> None:
    r = GitRepo(tmp_path / "repo")
    r.write("docs/m.md", milestone("M", "pending", [("One", "pending", [False])]))
    r.commit("plan", "2025-03-01")
    r.git("checkout", "-q", "-b", "feature")
    r.write("docs/m.md", milestone("M", "in-progress", [("One", "in-progress", [False])]))
    r.commit("start", "2025-03-02")
    r.write("docs/m.md", milestone("M", "done", [("One", "done", [True])]))
    r.commit("finish", "2025-03-03")
    r.git("checkout", "-q", "main")
    r.write("docs/other.md", "# Other\n")
    r.commit("unrelated", "2025-03-04")
    r.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature", date="2025-03-05")
    merge = r.git("rev-parse", "HEAD").strip()
    h = HistoryReader().read(str(r.path / "docs")).milestones["m.md"]
    assert [(p.day.isoformat(), p.status, p.commit) for p in h.points][1:] == [("2025-03-05", "done", merge)]
    assert [(ch.before, ch.after) for ch in h.status_changes()] == [(None, "pending"), ("pending", "done")]


def test_shallow_clone_is_partial_with_a_hint(repo: tuple[GitRepo, dict[str, str]], tmp_path: Path) -> None:
    r, c = repo
    one = tmp_path / "one"
    r.git("clone", "-q", "--depth", "1", f"file://{r.path}", str(one))
    result = HistoryReader().read(str(one / "docs"))
    assert result.enabled and result.partial
    assert "git fetch --unshallow" in (result.note or "") and "2025-02-10" in (result.note or "")
    a = result.milestones["milestones/alpha.md"]
    assert a.partial and _points(a) == [("2025-02-10", "done", 4, 4, "milestones/alpha.md")]
    assert a.changes() == []  # where the clone starts is not an event
    three = tmp_path / "three"
    r.git("clone", "-q", "--depth", "3", f"file://{r.path}", str(three))
    a3 = HistoryReader().read(str(three / "docs")).milestones["milestones/alpha.md"]
    assert a3.partial and [p.commit for p in a3.points] == [c["c5"], c["c6"], c["c7"]]
    assert [ch.kind for ch in a3.changes()] == ["phase-done", "status", "phase-done"]


def test_no_git_not_a_repository_no_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    docs = tmp_path / "plain" / "docs"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text(milestone("A", "pending", []), encoding="utf-8")
    no_git = HistoryReader(git=str(tmp_path / "no-such-git")).read(str(docs))
    assert not no_git.enabled and "git is not installed" in (no_git.note or "")
    outside = HistoryReader().read(str(docs))
    assert not outside.enabled and "not in a git repository" in (outside.note or "") and not outside.milestones
    empty = GitRepo(tmp_path / "empty")
    (empty.path / "docs").mkdir()
    fresh = HistoryReader().read(str(empty.path / "docs"))
    assert not fresh.enabled and "no commits" in (fresh.note or "")


def test_uncommitted_page_has_no_history(tmp_path: Path) -> None:
    r = GitRepo(tmp_path / "repo")
    r.write("docs/a.md", milestone("A", "pending", []))
    r.commit("a", "2025-03-01")
    r.write("docs/new.md", milestone("New", "pending", []))
    result = HistoryReader().read(str(r.path / "docs"), ["a.md", "new.md"])
    assert list(result.milestones) == ["a.md"]


# -- rendering: burn-up, History section, "Changed in the last N days" ----------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _xml(html: str) -> etree.Element:
    return etree.fromstring(html)  # the blocks are well-formed XML as well as HTML


def test_burnup_svg_points_and_accessibility(repo: tuple[GitRepo, dict[str, str]]) -> None:
    r, _ = repo
    a = HistoryReader().read(str(r.path / "docs")).milestones["milestones/alpha.md"]
    fig = _xml(render_burnup(a.burnup(), title='Alpha <b>&</b> "x"'))
    svg = fig.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby", "").split()
    assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}desc").get("id") == desc_id
    assert svg.find(f"{SVG}title").text == 'Burn-up: Alpha <b>&</b> "x"'
    assert svg.find(f"{SVG}desc").text.startswith('Alpha <b>&</b> "x": 4 of 4 checks done on 10 Feb 2025, from 0 of 3')
    circles = svg.findall(f".//{SVG}circle")
    assert [(c.get("data-date"), c.get("data-done"), c.get("data-total")) for c in circles] == [
        ("2025-01-01", "0", "3"), ("2025-01-10", "1", "3"), ("2025-01-20", "1", "4"), ("2025-02-05", "2", "4"),
        ("2025-02-10", "4", "4"),
    ]
    xs = [float(c.get("cx")) for c in circles]
    ys = [float(c.get("cy")) for c in circles]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert ys[0] > ys[1] > ys[3] > ys[4]  # more done is higher up
    total = next(p for p in svg.iter(f"{SVG}polyline") if p.get("class") == "ms-burnup-total")
    steps = [tuple(map(float, xy.split(","))) for xy in total.get("points").split()]
    assert steps[-1][1] == ys[-1]  # 4 of 4: the lines meet at the end
    assert 'style=' not in render_burnup(a.burnup(), title="x")  # colours come from the stylesheet


def test_burnup_nothing_to_draw_and_today() -> None:
    assert render_burnup([], title="x") == ""
    when = datetime(2025, 1, 1, 9, tzinfo=timezone.utc)
    assert render_burnup([(when, 0, 0)], title="x") == ""  # no check ever
    one = _xml(render_burnup([(when, 1, 2)], title="x", today=date(2025, 1, 31)))
    ticks = [t.text for t in one.iter(f"{SVG}text") if t.get("class") == "ms-burnup-tick"]
    assert "1 Jan 2025" in ticks and "31 Jan 2025" in ticks


def test_history_section_links_and_partial(repo: tuple[GitRepo, dict[str, str]], tmp_path: Path) -> None:
    r, c = repo
    a = HistoryReader().read(str(r.path / "docs")).milestones["milestones/alpha.md"]
    html = render_history_section(a, title="Alpha", repo_url="https://github.com/o/r")
    sec = _xml(html)
    items = sec.findall(".//li")
    # within one commit the status change comes before the phase it finished, as in the roadmap and the feed
    assert [i.get("data-kind") for i in items] == ["status", "phase-done", "phase-done", "status", "created"]
    assert items[0].find("time").get("datetime") == "2025-02-10"
    assert items[0].find("a").get("href") == f"https://github.com/o/r/commit/{c['c7']}"
    assert [b.get("data-status") for b in items[0].findall("span")][:2] == ["in-progress", "done"]
    assert sec.find(".//figure") is not None
    assert "<a " not in render_history_section(a, title="Alpha")  # no repo_url: the commit is shown, not linked
    assert "<a " not in render_history_section(a, title="Alpha", repo_url="javascript:alert(1)//")
    assert render_history_section(None) == ""
    shallow = tmp_path / "shallow"
    r.git("clone", "-q", "--depth", "2", f"file://{r.path}", str(shallow))
    part = HistoryReader().read(str(shallow / "docs")).milestones["milestones/alpha.md"]
    assert "History before 2025-02-05 is not in this build" in render_history_section(part)


def test_changed_in_the_last_days(repo: tuple[GitRepo, dict[str, str]]) -> None:
    r, _ = repo
    result = HistoryReader().read(str(r.path / "docs"))
    since = datetime(2025, 2, 6, tzinfo=timezone.utc)
    titles = {"milestones/alpha.md": "Alpha <x>", "plans/beta.md": "Beta"}
    html = render_changed(
        recent_changes(result.milestones.values(), since), days=30,
        href=lambda page: "../" + page[:-3] + "/", title=titles.__getitem__,
    )
    sec = _xml(html)
    assert sec.find("h2").text == "Changed in the last 30 days"
    items = sec.findall(".//li")
    assert [(i.get("data-kind"), i.find(".//a").get("href"), i.find(".//a").text) for i in items] == [
        ("status", "../milestones/alpha/", "Alpha <x>"), ("phase-done", "../milestones/alpha/", "Alpha <x>"),
    ]
    empty = render_changed([], days=1, href=lambda p: None, title=lambda p: p)
    assert "No status change and no phase done in the last day." in empty


def test_roadmap_history_block(repo: tuple[GitRepo, dict[str, str]]) -> None:
    from mkdocs_milestones.export import MilestoneEntry
    from mkdocs_milestones.parser import parse_milestone
    from mkdocs_milestones.render.history import render_roadmap_history

    r, _ = repo
    result = HistoryReader().read(str(r.path / "docs"))
    ms = parse_milestone((r.path / "docs" / "milestones" / "alpha.md").read_text(encoding="utf-8"))
    assert ms is not None
    ms.title = "Alpha **bold**"
    entries = [MilestoneEntry("milestones/alpha.md", "milestones/alpha/", ms)]  # beta is filtered out of this roadmap
    html = render_roadmap_history(entries, result.milestones, days=10, now=datetime(2025, 2, 12, tzinfo=timezone.utc),
                                  base_url="roadmap/")
    sec = _xml("<div>" + html + "</div>")
    items = sec.findall(".//li")
    assert [(i.get("data-kind"), i.find(".//a").get("href"), i.find(".//a").text) for i in items] == [
        ("status", "../milestones/alpha/", "Alpha bold"), ("phase-done", "../milestones/alpha/", "Alpha bold"),
        ("phase-done", "../milestones/alpha/", "Alpha bold"),
    ]
    circles = sec.findall(f".//{SVG}circle")
    assert [c.get("data-total") for c in circles] == ["3", "3", "4", "4", "4"]  # alpha only, not beta
    assert render_roadmap_history([], result.milestones, days=10, now=datetime(2025, 2, 12, tzinfo=timezone.utc), base_url="") == ""


def test_today_ends_the_period(repo: tuple[GitRepo, dict[str, str]]) -> None:
    """``now`` (the end of the ``today`` option's day) ends "Changed in the last N days", the page's history and both
    burn-ups: the commits after it (2025-01-25 ... 2025-02-10 here) are not shown, and the page's own counts (from
    those commits) do not end the chart either."""
    from mkdocs_milestones.export import MilestoneEntry
    from mkdocs_milestones.parser import parse_milestone
    from mkdocs_milestones.render.history import render_roadmap_history

    r, _ = repo
    result = HistoryReader().read(str(r.path / "docs"))
    ms = parse_milestone((r.path / "docs" / "milestones" / "alpha.md").read_text(encoding="utf-8"))
    assert ms is not None
    now = datetime(2025, 1, 22, 23, 59, 59, tzinfo=timezone.utc)
    entries = [MilestoneEntry("milestones/alpha.md", "milestones/alpha/", ms)]
    sec = _xml("<div>" + render_roadmap_history(entries, result.milestones, days=30, now=now, base_url="roadmap/") + "</div>")
    assert [(i.get("data-kind"), i.find("time").text) for i in sec.findall(".//li")] == [
        ("status", "2025-01-10"), ("created", "2025-01-01")]
    assert [c.get("data-total") for c in sec.findall(f".//{SVG}circle")] == ["3", "3", "4"]
    ticks = [t.text for t in sec.iter(f"{SVG}text") if t.get("class") == "ms-burnup-tick"]
    assert ticks[-1] == "22 Jan 2025", ticks
    alpha_h = result.milestones["milestones/alpha.md"]
    page = _xml(render_history_section(alpha_h, title="Alpha", current=ms, now=now, today=now.date()))
    assert [i.find("time").text for i in page.findall(".//li")] == ["2025-01-10", "2025-01-01"]
    assert [c.get("data-done") for c in page.findall(f".//{SVG}circle")] == ["0", "1", "1"]  # not the page's 4 of 4
    assert [c.when.date().isoformat() for c in recent_changes([alpha_h], datetime(2025, 1, 5, tzinfo=timezone.utc), now)] == ["2025-01-10"]


def test_deepening_a_shallow_clone_reads_again(repo: tuple[GitRepo, dict[str, str]], tmp_path: Path) -> None:
    """``git fetch --deepen`` moves the clone's boundary: neither the reader's memory nor the cache folder may keep
    the old walk (its first point would become a "created" that never happened)."""
    r, _ = repo
    shallow = tmp_path / "shallow"
    r.git("clone", "-q", "--depth", "2", f"file://{r.path}", str(shallow))
    docs, cache = str(shallow / "docs"), str(tmp_path / "cache")
    same = HistoryReader(cache_dir=cache)
    first = same.read(docs).milestones["milestones/alpha.md"]
    assert first.partial and first.points[0].day.isoformat() == "2025-02-05"
    subprocess.run(["git", "fetch", "-q", "--deepen", "3"], cwd=shallow, check=True, capture_output=True)
    for reader in (HistoryReader(cache_dir=cache), same):  # a new process (the cache file), the same one (mkdocs serve)
        found = reader.read(docs)
        alpha_h = found.milestones["milestones/alpha.md"]
        assert found.partial and alpha_h.partial and found.commits == 5  # the walk read again, not the 2 commits kept
        assert alpha_h.points[0].day.isoformat() < "2025-02-05"
        assert "created" not in [c.kind for c in alpha_h.changes()]
        assert alpha_h.points[0].day.isoformat() in found.note


def test_no_commit_message_breaks_the_log(tmp_path: Path) -> None:
    """A subject holding ``\\x01`` (the old record separator), a raw line's look or a hash: each commit still adds its point."""
    r = GitRepo(tmp_path / "repo")
    r.write("docs/a.md", alpha("pending", ("pending", [False, False]), ("pending", [False])))
    r.commit("plan", "2025-03-01")
    r.write("docs/a.md", alpha("blocked", ("pending", [True, False]), ("pending", [False])))
    r.commit("blocked \x01 by vendor", "2025-03-02")
    r.write("docs/a.md", alpha("in-progress", ("pending", [True, True]), ("pending", [False])))
    r.commit(":100644 100644 " + "a" * 40 + " " + "b" * 40 + " M", "2025-03-03")
    r.write("docs/a.md", alpha("done", ("done", [True, True]), ("done", [True])))
    r.commit("c" * 40, "2025-03-04")
    h = HistoryReader().read(str(r.path / "docs")).milestones["a.md"]
    assert [(p.day.isoformat(), p.status, p.checks_done) for p in h.points] == [
        ("2025-03-01", "pending", 0), ("2025-03-02", "blocked", 1), ("2025-03-03", "in-progress", 2), ("2025-03-04", "done", 3)]
    assert [p.subject for p in h.points][1:] == ["blocked \x01 by vendor", ":100644 100644 " + "a" * 40 + " " + "b" * 40 + " M", "c" * 40]


def test_git_refusing_the_repository_is_named(tmp_path: Path) -> None:
    fake = tmp_path / "git"
    fake.write_text(
        "#!/bin/sh\necho \"fatal: detected dubious ownership in repository at '/srv/x'\" >&2\n"
        "echo 'To add an exception for this directory, call:' >&2\n"
        "echo '	git config --global --add safe.directory /srv/x' >&2\nexit 128\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    (tmp_path / "docs").mkdir()
    result = HistoryReader(git=str(fake)).read(str(tmp_path / "docs"))
    assert not result.enabled
    assert "dubious ownership" in (result.note or "") and "safe.directory /srv/x" in (result.note or "")


def test_burnup_ends_with_uncommitted_counts(tmp_path: Path) -> None:
    from mkdocs_milestones.parser import parse_milestone

    r = GitRepo(tmp_path / "repo")
    r.write("docs/a.md", milestone("A", "in-progress", [("One", "in-progress", [True, False])]))
    r.commit("a", "2025-03-01")
    h = HistoryReader().read(str(r.path / "docs")).milestones["a.md"]
    now = datetime(2025, 3, 9, tzinfo=timezone.utc)
    same = parse_milestone(milestone("A", "in-progress", [("One", "in-progress", [True, False])]))
    edited = parse_milestone(milestone("A", "in-progress", [("One", "in-progress", [True, True, False])]))
    assert [x[1:] for x in h.burnup(same, now)] == [(1, 2)]  # nothing uncommitted: no extra point
    assert [(w.date().isoformat(), d, t) for w, d, t in h.burnup(edited, now)] == [("2025-03-01", 1, 2), ("2025-03-09", 2, 3)]
    assert h.burnup(edited) == h.burnup()  # without a time, the history alone


def test_cache_on_disk_between_builds(tmp_path: Path) -> None:
    """A fresh reader (a new ``mkdocs build``) with the same cache folder asks git only for the commits made
    since, parses only the versions they add, and gives the same histories as a read from scratch."""
    from mkdocs_milestones.history import cache

    r = GitRepo(tmp_path / "repo")
    docs, folder = str(tmp_path / "repo" / "docs"), str(tmp_path / "cache")
    r.write("docs/a.md", milestone("A", "pending", [("One", "pending", [False, False])]))
    r.write("docs/b.md", milestone("B", "pending", [("Two", "pending", [False])]))
    r.commit("a and b", "2025-03-01")
    r.write("docs/a.md", milestone("A", "in-progress", [("One", "in-progress", [True, False])]))
    r.commit("a starts", "2025-03-02")
    first = HistoryReader(cache_dir=folder).read(docs)
    assert first.versions_parsed == 3 and len(list(Path(folder).glob("history-*.json"))) == 1
    warm = HistoryReader(cache_dir=folder)
    again = warm.read(docs)
    assert warm.from_disk and again.versions_parsed == 0 and again.milestones == first.milestones
    r.write("docs/b.md", milestone("B", "done", [("Two", "done", [True])]))
    r.commit("b done", "2025-03-03")
    logs: list[str | None] = []
    later = HistoryReader(cache_dir=folder)
    real_log = later._log
    later._log = lambda cwd, since, head, renames: logs.append(since) or real_log(cwd, since, head, renames=renames)  # type: ignore[method-assign]
    after = later.read(docs)
    assert logs == [first.head] and after.versions_parsed == 1 and after.commits == 3
    assert after.milestones == HistoryReader().read(docs).milestones
    assert [p.status for p in after.milestones["b.md"].points] == ["pending", "done"]
    # a cache written by other code (a parser change), or damaged, is not used: everything is read again
    path = cache.cache_file(folder, docs)
    text = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(text.replace(cache.code_fingerprint(), "0" * 24), encoding="utf-8")
    assert HistoryReader(cache_dir=folder).read(docs).versions_parsed == 4
    Path(path).write_text(text[: len(text) // 2], encoding="utf-8")
    fresh = HistoryReader(cache_dir=folder)
    assert fresh.read(docs).milestones == after.milestones and not fresh.from_disk
    # the walk is kept per docs folder and shallow state; the facts by blob serve any folder
    assert HistoryReader(cache_dir=folder).read(docs).versions_parsed == 0
    # a cache folder that cannot be written: the build goes on without it
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert HistoryReader(cache_dir=str(blocked / "cache")).read(docs).milestones == after.milestones


ROADMAP = """# Product roadmap

## Milestone v1: Core

**Status**: {v1}

- [{c1}] model
- [{c2}] parser

## Milestone v2: API

**Status**: {v2}

- [ ] endpoints
"""


def test_roadmap_document_history_per_milestone(tmp_path: Path) -> None:
    """A document holding several milestones: each gets its own history from the file's, keyed ``path#<id>``;
    a milestone added later starts where it appears; a rename keeps them."""
    r = GitRepo(tmp_path / "repo")
    docs = str(tmp_path / "repo" / "docs")
    r.write("docs/roadmap.md", ROADMAP.format(v1="in progress", c1=" ", c2=" ", v2="pending").split("## Milestone v2")[0])
    c1 = r.commit("v1 planned", "2025-04-01")
    r.write("docs/roadmap.md", ROADMAP.format(v1="in progress", c1="x", c2=" ", v2="pending"))
    r.commit("v2 planned, a box", "2025-04-02")
    (r.path / "docs" / "plans").mkdir()
    r.git("mv", "docs/roadmap.md", "docs/plans/roadmap.md")
    r.write("docs/plans/roadmap.md", ROADMAP.format(v1="done", c1="x", c2="x", v2="in progress"))
    c3 = r.commit("v1 done, v2 starts; moved", "2025-04-03")
    result = HistoryReader().read(docs, ["plans/roadmap.md"])
    assert sorted(result.milestones) == ["plans/roadmap.md#v1", "plans/roadmap.md#v2"]
    v1, v2 = result.milestones["plans/roadmap.md#v1"], result.milestones["plans/roadmap.md#v2"]
    assert [(p.day.isoformat(), p.status, p.checks_done, p.checks_total) for p in v1.points] == [
        ("2025-04-01", "in-progress", 0, 2), ("2025-04-02", "in-progress", 1, 2), ("2025-04-03", "done", 2, 2)]
    assert [(p.day.isoformat(), p.status, p.checks_done, p.checks_total) for p in v2.points] == [
        ("2025-04-02", "pending", 0, 1), ("2025-04-03", "in-progress", 0, 1)]
    assert v1.points[0].commit == c1 and v2.points[-1].commit == c3 and v1.points[-1].path == "plans/roadmap.md"
    assert [(c.kind, c.page) for c in v2.changes()] == [("created", "plans/roadmap.md#v2"), ("status", "plans/roadmap.md#v2")]


def _heading_roadmap(s1: str, s2: str, t1: str = "M1: Auth", boxes: tuple[str, str] = ("x", " "), t3: str = "Docs site") -> str:
    return (f"# Roadmap\n\n## {t1} \u2014 {s1}\n\n- [{boxes[0]}] login\n- [{boxes[1]}] logout\n\n"
            f"## M2: Billing \u2014 {s2}\n\n- [ ] invoices\n\n## Milestone: {t3} ({s2})\n\n- [ ] pages\n")


def test_roadmap_document_status_in_headings_keeps_its_history(tmp_path: Path) -> None:
    """``## M1: Auth — In progress`` → ``— Done``: the heading's anchor changes with the status (and the title), the
    history key does not: the milestone's id, else its title without the status words. Badge paths, calendar
    UIDs and feed entries follow the same key; links still use the anchor."""
    from mkdocs_milestones.history import page_histories
    from mkdocs_milestones.model import MilestoneEntry
    from mkdocs_milestones.render.feeds import atom_feed, badge_paths, ics_calendar
    from mkdocs_milestones.roadmap_doc import parse_milestones

    r = GitRepo(tmp_path / "repo")
    r.write("docs/ROADMAP.md", _heading_roadmap("Planned", "Planned", boxes=(" ", " ")))
    r.commit("a", "2025-01-05")
    r.write("docs/ROADMAP.md", _heading_roadmap("In progress", "Planned"))
    r.commit("b", "2025-02-05")
    r.write("docs/ROADMAP.md", _heading_roadmap("In progress", "Planned", t1="M1: Authentication"))
    r.commit("rename heading", "2025-03-01")
    last = _heading_roadmap("Done", "In progress", t1="M1: Authentication", boxes=("x", "x"))
    r.write("docs/ROADMAP.md", last)
    r.commit("c", "2025-03-10")
    result = HistoryReader().read(str(r.path / "docs"))
    assert sorted(result.milestones) == ["ROADMAP.md#docs-site", "ROADMAP.md#m1", "ROADMAP.md#m2"]
    m1 = result.milestones["ROADMAP.md#m1"]
    assert [(p.day.isoformat(), p.status, p.checks_done) for p in m1.points] == [
        ("2025-01-05", "pending", 0), ("2025-02-05", "in-progress", 1), ("2025-03-10", "done", 2)]  # the title's edit adds no point
    assert [(c.kind, c.after) for c in result.milestones["ROADMAP.md#docs-site"].changes()] == [("created", "pending"), ("status", "in-progress")]
    entries = [MilestoneEntry.placed("ROADMAP.md", "roadmap/", ms) for ms in parse_milestones(last, file="ROADMAP.md")]
    assert [e.url for e in entries][:1] == ["roadmap/#m1-authentication-done"]  # links: the heading's real anchor
    histories = page_histories(entries, result.milestones)
    assert sorted(histories) == sorted(e.key for e in entries) and all(histories[e.key].page == e.key for e in entries)
    assert sorted(badge_paths(entries).values()) == ["badges/roadmap-docs-site.json", "badges/roadmap-m1.json", "badges/roadmap-m2.json"]
    # the same milestones as the first commit wrote them: same badge paths and calendar UIDs
    first = [MilestoneEntry.placed("ROADMAP.md", "roadmap/", ms) for ms in parse_milestones(_heading_roadmap("Planned", "Planned"), file="ROADMAP.md")]
    assert sorted(badge_paths(first).values()) == sorted(badge_paths(entries).values())
    stamp = datetime(2025, 3, 20, tzinfo=timezone.utc)
    for e in [*entries, *first]:
        e.milestone.target = date(2025, 6, 1)
    uids = lambda es: sorted(line for line in ics_calendar(es, stamp=stamp).splitlines() if line.startswith("UID:"))  # noqa: E731
    assert uids(first) == uids(entries) and len(uids(entries)) == 3
    feed = atom_feed(entries, histories)
    assert "Authentication" in feed and feed.count("<entry>") == 7  # 3 created + M1 twice, M2 and Docs site once


def test_atom_entries_of_a_roadmap_document_are_apart(tmp_path: Path) -> None:
    """Two milestones of one document changed by one commit: two feed entries with their own ids."""
    from mkdocs_milestones.history import page_histories
    from mkdocs_milestones.model import MilestoneEntry
    from mkdocs_milestones.render.feeds import atom_feed
    from mkdocs_milestones.roadmap_doc import parse_milestones

    r = GitRepo(tmp_path / "repo")
    text = ROADMAP.format(v1="in progress", c1="x", c2=" ", v2="in progress")
    r.write("docs/roadmap.md", ROADMAP.format(v1="pending", c1=" ", c2=" ", v2="pending"))
    r.commit("plan", "2025-04-01")
    r.write("docs/roadmap.md", text)
    r.commit("both start", "2025-04-02")
    entries = [MilestoneEntry.placed("roadmap.md", "roadmap/", ms) for ms in parse_milestones(text, file="roadmap.md")]
    histories = page_histories(entries, HistoryReader().read(str(r.path / "docs")).milestones)
    assert sorted(histories) == sorted(e.key for e in entries) and len(entries) == 2
    feed = etree.fromstring(atom_feed(entries, histories).encode("utf-8"))
    ns = "{http://www.w3.org/2005/Atom}"
    ids = [e.findtext(f"{ns}id") for e in feed.iter(f"{ns}entry")]
    titles = [e.findtext(f"{ns}title") for e in feed.iter(f"{ns}entry")]
    assert len(ids) == len(set(ids)) == 4, titles
    assert sorted(t for t in titles if "\u2192" in t) == ["API: Pending \u2192 In progress", "Core: Pending \u2192 In progress"]


def test_markdown_picked_case_insensitively_and_other_commits_not_counted(tmp_path: Path) -> None:
    """``git log`` lists the whole docs folder; Markdown files are picked by suffix in any case (``.MD``,
    ``.markdown``), and a commit that touches no Markdown file is not one of the history's commits."""
    r = GitRepo(tmp_path / "repo")
    r.write("docs/a.md", milestone("A", "pending", []))
    r.commit("a", "2025-05-01")
    r.write("docs/img/chart.png", b"\x89PNG\r\n\x1a\n")
    r.commit("an image", "2025-05-02")
    r.write("docs/B.MD", milestone("B", "pending", []))
    r.write("docs/c.markdown", milestone("C", "done", []))
    r.commit("b and c", "2025-05-03")
    result = HistoryReader().read(str(r.path / "docs"))
    assert result.commits == 2 and sorted(result.milestones) == ["B.MD", "a.md", "c.markdown"]


def test_a_long_history_draws_at_most_120_points() -> None:
    """A site-wide chart of thousands of commits: the last point of each slice of time is drawn (and the scale
    still reaches the highest total), so the page does not carry thousands of circles."""
    from datetime import timedelta

    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    points = [(start + timedelta(hours=5 * i), i // 3, 700 if i == 11 else 600) for i in range(2000)]
    root = _xml(render_burnup(points, title="All"))
    circles = [c for c in root.iter("{http://www.w3.org/2000/svg}circle")]
    assert 100 <= len(circles) <= 120
    assert (circles[0].get("data-done"), circles[-1].get("data-done"), circles[-1].get("data-total")) == ("0", "666", "600")
    ticks = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "ms-burnup-tick"]
    assert "700" in ticks  # the scale comes from every point, drawn or not
    assert root.findtext(".//{http://www.w3.org/2000/svg}desc").startswith("All: 666 of 600 checks done on 20 Feb 2025, from 0 of 600")


def test_the_demo_history_is_this_repository_s() -> None:
    """The demo's burn-ups come from the project's own commits of ``demo_site/``: boxes ticked and statuses moved
    after the pages were first committed (skipped outside a full clone of the repository)."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    probe = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != "false":
        pytest.skip("the demo's history needs a full git clone of the repository (not a copy, not a shallow clone)")
    result = HistoryReader().read(str(root / "demo_site"), ["milestones/platform-observability.md", "milestones/mobile-offline.md"])
    platform = result.milestones["milestones/platform-observability.md"].points
    assert len(platform) >= 2 and platform[-1].checks_done > platform[0].checks_done
    assert platform[-1].checks_total == platform[0].checks_total  # progress, not scope: the boxes were there
    mobile = [p.status for p in result.milestones["milestones/mobile-offline.md"].points]
    assert mobile[0] == "pending" and mobile[-1] == "in-progress"


def test_cache_file_mode_follows_the_umask(repo: tuple[GitRepo, dict[str, str]], tmp_path: Path) -> None:
    """The cache file is created as any file (0666 less the umask), not mkstemp's 0600: a cache written by CI as root
    or in a container stays readable to the next build's user."""
    import os
    import stat

    r, _ = repo
    old = os.umask(0o022)
    try:
        HistoryReader(cache_dir=str(tmp_path / "c1")).read(str(r.path / "docs"))
        os.umask(0o027)
        HistoryReader(cache_dir=str(tmp_path / "c2")).read(str(r.path / "docs"))
    finally:
        os.umask(old)
    modes = [stat.S_IMODE(next((tmp_path / d).glob("history-*.json")).stat().st_mode) for d in ("c1", "c2")]
    assert modes == [0o644, 0o640]


def test_a_commit_that_edits_prose_only_adds_no_point(tmp_path: Path) -> None:
    """A commit that edits prose only (same headings, label lines, boxes) says nothing new: no point of its own."""
    r = GitRepo(tmp_path / "repo")
    base = alpha("in-progress", ("in-progress", [True, False]), ("pending", [False]))
    r.write("docs/a.md", base + "\nThe team writes some words here.\n")
    r.commit("one", "2025-03-01")
    r.write("docs/a.md", base + "\nThe team rewrote those words twice\nand added a line.\n")
    r.commit("prose", "2025-03-02")
    r.write("docs/a.md", base.replace("[ ] check 1.2", "[x] check 1.2") + "\nThe team rewrote those words twice\n")
    r.commit("a box", "2025-03-03")
    reader = HistoryReader()
    h = reader.read(str(r.path / "docs")).milestones["a.md"]
    assert reader._walk is not None and len(reader._walk.live["a.md"].versions) == 3
    assert [(p.day.isoformat(), p.checks_done) for p in h.points] == [("2025-03-01", 1), ("2025-03-03", 2)]
