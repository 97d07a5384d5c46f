# SPDX-License-Identifier: MIT
"""Feeds outside the site: Atom (read with feedparser), iCalendar (read with icalendar), shields.io badges."""

from __future__ import annotations

import json
import logging
import xml.etree.ElementTree as etree
from datetime import date, datetime, timezone
from pathlib import Path

import feedparser
import icalendar
import pytest

from conftest import milestone_log
from gitrepo import GitRepo, milestone
from mkdocs_milestones.export import MilestoneEntry
from mkdocs_milestones.render.feeds import atom_feed, badge_json, badge_path, badge_paths, calendar_date, ics_calendar
from mkdocs_milestones.history import HistoryReader, RepoHistory
from mkdocs_milestones.parser import parse_milestone
from mkdocs_milestones.site import collect_milestones, read_docs_dir

NASTY = 'Auth <script>alert(1)</script> & "SSO"; phase, one\x01 ]]>'
STAMP = datetime(2025, 3, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[GitRepo, list[MilestoneEntry], RepoHistory, dict[str, str]]:
    r = GitRepo(tmp_path_factory.mktemp("feeds") / "repo")
    c: dict[str, str] = {}
    r.write("docs/auth.md", milestone(NASTY, "pending", [("Login", "pending", [False, False])], created="2025-01-01",
                                      duration="3 weeks"))
    r.write("docs/db.md", milestone("Database", "in-progress", [("Copy", "in-progress", [True, False])],
                                    extra="**Target**: 2025-06-30"))
    c["c1"] = r.commit("Plan auth & db", "2025-01-01")
    r.write("docs/auth.md", milestone(NASTY, "in-progress", [("Login", "in-progress", [True, False])], created="2025-01-01",
                                      duration="3 weeks"))
    c["c2"] = r.commit("Start <auth>", "2025-01-15")
    r.write("docs/db.md", milestone("Database", "done", [("Copy", "done", [True, True])], extra="**Target**: 2025-06-30"))
    c["c3"] = r.commit("Database done", "2025-02-01")
    docs = str(r.path / "docs")
    entries = collect_milestones(read_docs_dir(docs))
    history = HistoryReader().read(docs, [e.page for e in entries])
    return r, entries, history, c


def test_atom_feed_parses_newest_first_with_stable_ids(site) -> None:
    r, entries, history, c = site
    text = atom_feed(entries, history.milestones, site_name="Docs & Co", site_url="https://example.org/docs/",
                     repo_url="https://github.com/o/r")
    etree.fromstring(text.encode("utf-8"))  # well-formed XML
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Docs & Co: milestones"
    assert feed.feed.id == "https://example.org/docs/milestones.atom"
    titles = [e.title for e in feed.entries]
    clean = NASTY.replace("\x01", "")
    assert titles == [
        "Database: In progress \u2192 Done",
        f"{clean}: Pending \u2192 In progress",
        "Database: added (In progress)",
        f"{clean}: added (Pending)",
    ]
    first = feed.entries[0]
    assert first.link == "https://example.org/docs/db/"
    assert first.author == 'Ann "QA" & Co'
    assert first.updated == "2025-02-01T12:00:00Z"
    assert any(link.get("href") == f"https://github.com/o/r/commit/{c['c3']}" for link in first.links)
    assert first.tags[0].term == "done"
    assert "Commit" in first.summary and "Database done" in first.summary
    assert "Start <auth>" in feed.entries[1].summary  # the commit subject, escaped in the XML, read back as written
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == 4 and all(i.startswith("urn:uuid:") for i in ids)
    # Stable: the same ids after one more commit (which adds one entry on top).
    r.write("docs/auth.md", milestone(NASTY, "done", [("Login", "done", [True, True])], created="2025-01-01", duration="3 weeks"))
    r.commit("Auth done", "2025-02-20")
    try:
        docs = str(r.path / "docs")
        later = HistoryReader().read(docs, [e.page for e in entries])
        again = feedparser.parse(atom_feed(entries, later.milestones, site_url="https://example.org/docs/"))
        assert [e.id for e in again.entries][1:] == ids
    finally:
        r.git("reset", "-q", "--hard", "HEAD~1")


def test_atom_feed_without_site_url_links_relative_and_limit(site) -> None:
    _, entries, history, _ = site
    text = atom_feed(entries, history.milestones, limit=1, phases=True)
    feed = feedparser.parse(text)
    assert not feed.bozo
    assert len(feed.entries) == 1 and feed.feed.id.startswith("urn:uuid:")
    root = etree.fromstring(text.encode("utf-8"))
    hrefs = [link.get("href") for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    assert hrefs == ["db/"]  # relative to the feed at the site root; no commit link without repo_url
    assert feed.entries[0].title == "Database: In progress \u2192 Done"  # a status change before its phase done
    full = atom_feed(entries, history.milestones)
    assert "<script>" not in full and "&lt;script&gt;" in full and "\x01" not in full


def test_atom_feed_with_phase_entries(site) -> None:
    _, entries, history, _ = site
    feed = feedparser.parse(atom_feed(entries, history.milestones, phases=True))
    assert "Database: phase 1 done (Copy)" in [e.title for e in feed.entries]


def test_ics_calendar_parses_with_stable_uids(site) -> None:
    _, entries, history, _ = site
    text = ics_calendar(entries, stamp=STAMP, site_name="Docs", site_url="https://example.org/docs/",
                        histories=history.milestones)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0"
    assert all(not component.errors for component in cal.walk()), [c.errors for c in cal.walk()]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    clean = NASTY.replace("\x01", "")
    assert set(events) == {f"{clean} (estimated end)", "Database (target)"}
    auth = events[f"{clean} (estimated end)"]
    assert auth.decoded("DTSTART") == date(2025, 1, 22)  # Created 2025-01-01 + 3 weeks
    assert auth.decoded("DTEND") == date(2025, 1, 23)
    assert str(auth["URL"]) == "https://example.org/docs/auth/"
    assert "Status: In progress." in str(auth["DESCRIPTION"])
    db = events["Database (target)"]
    assert db.decoded("DTSTART") == date(2025, 6, 30)
    assert db.decoded("LAST-MODIFIED") == datetime(2025, 2, 1, 12, tzinfo=timezone.utc)
    assert db.decoded("DTSTAMP") == STAMP
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(set(uids)) == 2 and all(u.endswith("@example.org") for u in uids)
    again = icalendar.Calendar.from_ical(ics_calendar(entries, stamp=datetime.now(timezone.utc), site_url="https://example.org/docs/"))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == uids


def test_ics_folding_keeps_multibyte_characters_whole() -> None:
    title = "Überprüfung " + "\u2705\u00e9" * 60 + "; done, really\nnext line"
    ms = parse_milestone("# MILESTONE: x\n\n**Status**: pending\n**Created**: 2025-01-01\n**Estimated Duration**: 2 days\n")
    assert ms is not None
    ms.title = title
    text = ics_calendar([MilestoneEntry("x.md", "x/", ms)], stamp=STAMP)
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    text.encode("utf-8").decode("utf-8")  # no character was cut in half
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == title + " (estimated end)"


def test_calendar_date_is_the_model_target() -> None:
    ms = parse_milestone("# MILESTONE: x\n\n**Created**: 2025-01-01\n**Estimated Duration**: 1 week\n**Due**: 2025-05-05\n")
    assert ms is not None
    assert ms.target == date(2025, 5, 5) and calendar_date(ms) == (date(2025, 5, 5), "target")
    ms.target = date(2025, 9, 1)  # the model's target is the one truth: the Due line is not read again
    assert calendar_date(ms) == (date(2025, 9, 1), "target")
    ms.target = None
    assert calendar_date(ms) == (date(2025, 1, 8), "estimated end")
    ms.estimated_duration = "TBD"
    assert calendar_date(ms) is None


def test_badges(site) -> None:
    _, entries, _, _ = site
    by_page = {e.page: e for e in entries}
    doc = json.loads(badge_json(by_page["db.md"]))
    assert doc == {"schemaVersion": 1, "label": "Database", "message": "done", "color": "brightgreen"}
    auth = json.loads(badge_json(by_page["auth.md"]))
    assert auth["schemaVersion"] == 1 and auth["color"] == "blue"
    assert auth["message"] == "in progress \u00b7 50%"
    assert auth["label"] == NASTY  # JSON carries it as written; shields.io escapes it in the SVG
    assert badge_paths(entries) == {"auth.md": "badges/auth.json", "db.md": "badges/db.json"}


def test_badge_paths_never_collide() -> None:
    ms = parse_milestone("# MILESTONE: x\n")
    assert ms is not None
    entries = [MilestoneEntry(p, "", ms) for p in ("a-b.md", "a/b.md", "A/B.md")]
    paths = badge_paths(entries)
    assert len(set(paths.values())) == 3
    assert badge_path("\u65e5\u672c.md").startswith("badges/milestone-")


def test_badge_colour_by_status(tmp_path: Path) -> None:
    colours = {}
    for word in ("done", "blocked", "failed", "pending", "cancelled", "partial"):
        ms = parse_milestone(f"# MILESTONE: x\n\n**Status**: {word}\n")
        assert ms is not None
        colours[word] = json.loads(badge_json(MilestoneEntry("x.md", "", ms)))["color"]
    assert colours == {"done": "brightgreen", "blocked": "orange", "failed": "red", "pending": "lightgrey",
                       "cancelled": "inactive", "partial": "yellow"}


# -- the plugin: generated files, milestones.json history, options -------------------------------


def _site(r: GitRepo, plugin: str = "- milestones", extra: str = "") -> Path:
    r.write("mkdocs.yml", f"site_name: Feeds & co\nsite_url: https://example.org/\nrepo_url: https://github.com/o/r\n"
                          f"{extra}plugins:\n  {plugin}\n")
    return r.path / "mkdocs.yml"


def _build(cfg: Path, site_dir: Path, level: int = logging.INFO) -> list[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs.plugins.milestones")
    before = logger.level
    logger.setLevel(level)
    try:
        with milestone_log(level) as messages:
            build(load_config(str(cfg), site_dir=str(site_dir)))
    finally:
        logger.setLevel(before)
    return [m.removeprefix("milestones: ") for m in messages]


@pytest.fixture
def git_site(tmp_path: Path) -> GitRepo:
    r = GitRepo(tmp_path / "repo")
    r.write("docs/index.md", "# Home\n")
    r.write("docs/plans/a.md", milestone("A", "pending", [("One", "pending", [False, False])]))
    r.commit("plan a", "2025-01-01")
    r.write("docs/plans/a.md", milestone("A", "in-progress", [("One", "in-progress", [True, False])]))
    r.commit("start a", "2025-01-05")
    return r


def test_plugin_writes_feeds_badges_and_history(git_site: GitRepo, tmp_path: Path) -> None:
    cfg = _site(git_site)
    messages = _build(cfg, tmp_path / "site")
    site = tmp_path / "site"
    feed = feedparser.parse((site / "milestones.atom").read_text(encoding="utf-8"))
    assert not feed.bozo and [e.title for e in feed.entries] == ["A: Pending \u2192 In progress", "A: added (Pending)"]
    assert feed.entries[0].link == "https://example.org/plans/a/"
    cal = icalendar.Calendar.from_ical((site / "milestones.ics").read_text(encoding="utf-8"))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["A (estimated end)"]
    assert json.loads((site / "badges" / "plans-a.json").read_text(encoding="utf-8"))["color"] == "blue"
    doc = json.loads((site / "milestones.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1
    assert [(h["date"], h["status"], h["checks_done"], h["checks_total"]) for h in doc["milestones"][0]["history"]] == [
        ("2025-01-01T12:00:00Z", "pending", 0, 2), ("2025-01-05T12:00:00Z", "in-progress", 1, 2),
    ]
    assert any(m.startswith("found 1 milestone page") for m in messages)  # info lines are seen
    assert not any("history" in m or "git" in m for m in messages)


def test_plugin_feed_options(git_site: GitRepo, tmp_path: Path) -> None:
    _build(_site(git_site, "- milestones:\n      feeds: [badges]\n      history: false"), tmp_path / "one")
    assert (tmp_path / "one" / "badges" / "plans-a.json").is_file()
    assert not (tmp_path / "one" / "milestones.atom").exists() and not (tmp_path / "one" / "milestones.ics").exists()
    doc = json.loads((tmp_path / "one" / "milestones.json").read_text(encoding="utf-8"))
    assert "history" not in doc["milestones"][0]
    _build(_site(git_site, "- milestones:\n      feeds: false"), tmp_path / "none")
    assert not (tmp_path / "none" / "badges").exists() and not (tmp_path / "none" / "milestones.ics").exists()
    from mkdocs_milestones.plugin import MilestonesPlugin

    plugin = MilestonesPlugin()
    errors, _ = plugin.load_config({"feeds": ["rss"]})
    assert errors and "atom, ics, badges" in str(errors[0][1])
    errors, _ = plugin.load_config({"feeds": {"atom": True, "ics": False}})
    assert not errors and plugin.config.feeds == ("atom",)
    errors, _ = plugin.load_config({"changed_days": 0})
    assert errors and "1 or more" in str(errors[0][1])
    errors, _ = plugin.load_config({"changed_days": 7})
    assert not errors and plugin.config.changed_days == 7


def test_plugin_without_git_says_so_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(milestone("A", "pending", []), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - milestones\n", encoding="utf-8")
    messages = _build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert [m for m in messages if "git" in m] == [
        "the docs folder is not in a git repository, so there is no milestone history; set `history: false` to silence this"
    ]
    assert (tmp_path / "site" / "milestones.ics").is_file() and not (tmp_path / "site" / "milestones.atom").exists()


def test_plugin_warns_once_in_a_shallow_clone(git_site: GitRepo, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _site(git_site)
    git_site.commit("config", "2025-01-06")
    clone = tmp_path / "clone"
    git_site.git("clone", "-q", "--depth", "1", f"file://{git_site.path}", str(clone))
    config = load_config(str(clone / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with milestone_log() as messages:
        build(config)
        build(config)  # a `mkdocs serve` rebuild: the same plugin instance
    assert len([m for m in messages if "shallow clone" in m]) == 1, messages
    assert "git fetch --unshallow" in messages[0]
    doc = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert [h["status"] for h in doc["milestones"][0]["history"]] == ["in-progress"]
    assert all(m["history_partial"] is True for m in doc["milestones"])  # a consumer can tell the boundary from a creation
    import jsonschema
    from importlib import resources

    schema = json.loads((resources.files("mkdocs_milestones") / "schema" / "milestones.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    build(load_config(str(git_site.path / "mkdocs.yml"), site_dir=str(tmp_path / "full")))
    full = json.loads((tmp_path / "full" / "milestones.json").read_text(encoding="utf-8"))
    assert full["milestones"] and not any("history_partial" in m for m in full["milestones"])


# -- the XSS corpus in every author string the feeds and history sections carry -----------------


def test_xss_payloads_stay_text_in_feeds_and_history() -> None:
    from test_xss import PAYLOADS

    from mkdocs_milestones.history import HistoryPoint, MilestoneHistory, PhaseState
    from mkdocs_milestones.render.history import render_changed, render_history_section
    from mkdocs_milestones.render.roadmap import plain

    html5lib = pytest.importorskip("html5lib")
    entries, histories = [], {}
    for i, payload in enumerate(PAYLOADS):
        ms = parse_milestone(f"# MILESTONE: x\n\n**Status**: pending\n**Created**: 2025-01-01\n**Due**: 2025-02-0{1 + i % 9}\n")
        assert ms is not None
        ms.title = payload
        page = f"m{i}.md"
        entries.append(MilestoneEntry(page, f"m{i}/", ms))
        h = MilestoneHistory(page)
        for n, status in enumerate(("pending", "done")):
            when = datetime(2025, 1, 1 + n, tzinfo=timezone.utc)
            h.points.append(HistoryPoint(when, f"{i:02d}{n:038d}", payload, payload, page, payload, status, status, n, 1,
                                         (PhaseState("1", payload, status),)))
        histories[page] = h
    atom = atom_feed(entries, histories, site_url="https://example.org/", repo_url="https://github.com/o/r", limit=None,
                     phases=True)
    etree.fromstring(atom.encode("utf-8"))
    feed = feedparser.parse(atom)
    assert not feed.bozo and len(feed.entries) == 3 * len(PAYLOADS)
    clean = {p.replace("\t", " ") for p in PAYLOADS}
    authors = {e.author for e in feed.entries}
    assert {a.replace("\t", " ") for a in authors} <= clean | {"unknown"}
    cal = icalendar.Calendar.from_ical(ics_calendar(entries, stamp=STAMP))
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == sorted(f"{plain(p)} (target)" for p in PAYLOADS)
    assert [json.loads(badge_json(e))["label"] for e in entries] == [plain(e.milestone.title) for e in entries]
    assert sorted(e.title for e in feed.entries if "added" in e.title) == sorted(f"{plain(p)}: added (Pending)" for p in PAYLOADS)
    blocks = [render_history_section(h, title=h.points[0].title, repo_url="https://github.com/o/r") for h in histories.values()]
    changes = [c for h in histories.values() for c in h.changes()]
    blocks.append(render_changed(changes, days=30, href=lambda p: p[:-3] + "/", title=lambda p: PAYLOADS[int(p[1:-3])]))
    for block in blocks:
        etree.fromstring(block)  # well-formed: nothing the payloads wrote opened or closed an element
        doc = html5lib.parse(block, namespaceHTMLElements=False)
        assert not [el for el in doc.iter() if el.tag in ("script", "img", "iframe", "a") and el.get("href", "").startswith(("javascript", "JaVa"))]
        assert not [el for el in doc.iter() if el.tag in ("script", "img", "iframe", "object", "embed")]
        assert not [k for el in doc.iter() for k in el.attrib if k.lower().startswith("on")]


def test_character_references_in_a_title_are_the_characters_the_page_shows(tmp_path: Path) -> None:
    """``Auth <b>&amp; "Login"``: the page's h1 shows ``&``; so do the feed, the calendar, the badge, the burn-up's
    title, the "Changed" list and the roadmap table (escaped once for each), never a literal ``&amp;``."""
    from mkdocs_milestones.history import page_histories
    from mkdocs_milestones.render.history import render_history_section, render_roadmap_history
    from mkdocs_milestones.render.roadmap import render_roadmap
    from mkdocs_milestones.roadmap.query import plain

    r = GitRepo(tmp_path / "repo")
    text = milestone('Auth <b>&amp; "Login"', "in-progress", [("Design", "done", [True])], created="2025-01-01")
    r.write("docs/auth.md", text.replace("in-progress", "pending", 1))
    r.commit("plan", "2025-01-02")
    r.write("docs/auth.md", text)
    r.commit("start", "2025-01-03")
    ms = parse_milestone(text)
    assert ms is not None and plain(ms.title) == 'Auth <b>& "Login"'
    entries = [MilestoneEntry("auth.md", "auth/", ms)]
    found = HistoryReader().read(str(r.path / "docs")).milestones
    histories = page_histories(entries, found)
    feed = feedparser.parse(atom_feed(entries, histories))
    assert [e.title for e in feed.entries] == ['Auth <b>& "Login": Pending \u2192 In progress', 'Auth <b>& "Login": added (Pending)']
    cal = icalendar.Calendar.from_ical(ics_calendar(entries, stamp=datetime(2025, 1, 6, tzinfo=timezone.utc)))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ['Auth <b>& "Login" (estimated end)']
    assert json.loads(badge_json(entries[0]))["label"] == 'Auth <b>& "Login"'
    now = datetime(2025, 1, 6, tzinfo=timezone.utc)
    for html in (render_history_section(histories["auth.md"], title=plain(ms.title)),
                 render_roadmap_history(entries, found, days=30, now=now, base_url="roadmap/"),
                 render_roadmap(entries, page_url="roadmap/", title=None)):
        assert "&amp;amp;" not in html and "Auth &lt;b&gt;&amp; &quot;Login&quot;" in html.replace('"Login"', "&quot;Login&quot;")


def test_a_renamed_page_keeps_its_calendar_uid_and_badge_when_its_milestone_has_an_id() -> None:
    """The UID and the badge file come from a milestone page's id when it has one, so ``git mv`` of the page leaves
    subscribed calendars and README badges in place (review of issue 19, finding 10); without an id, from the path."""
    with_id = parse_milestone("# Milestone M4: Docs\n\n**Status**: pending\n**Target**: 2026-05-01\n")
    no_id = parse_milestone("# MILESTONE: Docs\n\n**Status**: pending\n**Target**: 2026-05-01\n")
    assert with_id is not None and with_id.id == "M4" and no_id is not None and not no_id.id

    def uids_and_badges(page: str, ms) -> tuple[list[str], list[str]]:
        entries = [MilestoneEntry(page, page[:-3] + "/", ms)]
        cal = icalendar.Calendar.from_ical(ics_calendar(entries, stamp=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        return [str(e["UID"]) for e in cal.walk("VEVENT")], list(badge_paths(entries).values())

    before, after = uids_and_badges("plans/docs.md", with_id), uids_and_badges("milestones/m4-docs.md", with_id)
    assert len(before[0]) == 1 and before == after and before[1] == ["badges/m4.json"]
    assert uids_and_badges("plans/docs.md", no_id) != uids_and_badges("milestones/m4-docs.md", no_id)
    # two pages that share an id keep their paths' names (an id names one milestone or none)
    twins = [MilestoneEntry(p, "", with_id) for p in ("a.md", "b.md")]
    assert sorted(badge_paths(twins).values()) == ["badges/a.json", "badges/b.json"]
