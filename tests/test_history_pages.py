# SPDX-License-Identifier: MIT
"""The history on the site (issue 19): each milestone page's History section and burn-up, the roadmap's
"Changed in the last N days" and site-wide burn-up, the build's time from ``SOURCE_DATE_EPOCH``."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

import html5lib
import pytest

from gitrepo import GitRepo, milestone
from mkdocs_milestones.render.burnup import _CHAR_W, render_burnup

NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
JAN_6 = str(int(datetime(2025, 1, 6, 12, tzinfo=timezone.utc).timestamp()))


@pytest.fixture
def repo(tmp_path: Path) -> tuple[GitRepo, dict[str, str]]:
    r = GitRepo(tmp_path / "repo")
    shas = {}
    r.write("docs/index.md", "# Home\n\nA page that is not a milestone.\n")
    r.write("docs/plans/a.md", milestone("A", "pending", [("One", "pending", [False, False])]))
    r.write("docs/plans/b.md", milestone("B", "pending", [("Two", "pending", [False])]))
    shas["plan"] = r.commit("plan a and b", "2025-01-01")
    r.write("docs/plans/a.md", milestone("A", "in-progress", [("One", "in-progress", [True, False])]))
    shas["start"] = r.commit("start <a>", "2025-01-05")
    return r, shas


def _build(r: GitRepo, out: Path, options: str = "", *, plugin: bool = True) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    plugins = "plugins:\n  - milestones" + (":\n" + options if options else "") + "\n" if plugin else "plugins: []\n"
    r.write("mkdocs.yml", f"site_name: t\nrepo_url: https://github.com/o/r\ntheme:\n  name: mkdocs\n{plugins}")
    build(load_config(str(r.path / "mkdocs.yml"), site_dir=str(out)))
    return out


def _doc(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"))


def _points(el) -> list[tuple[str, str, str]]:
    return [(c.get("data-date"), c.get("data-done"), c.get("data-total")) for c in el.iter(f"{SVG}circle")]


def test_milestone_page_history_section(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r, shas = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    site = _build(r, tmp_path / "site")
    doc = _doc(site / "plans" / "a" / "index.html")
    heading = next(h for h in doc.iter(f"{NS}h2") if h.get("class") == "ms-history-heading")
    assert heading.get("id") == "history"  # a heading of the page: the table of contents lists it
    section = next(s for s in doc.iter(f"{NS}section") if s.get("class") == "ms-history")
    assert _points(section) == [("2025-01-01", "0", "2"), ("2025-01-05", "1", "2")]
    ticks = [t.text for t in section.iter(f"{SVG}text") if t.get("class") == "ms-burnup-tick" and "Jan" in (t.text or "")]
    assert ticks[-1] == "6 Jan 2025"  # the chart runs to the build's day (SOURCE_DATE_EPOCH)
    items = [li for li in section.iter(f"{NS}li")]
    assert [li.get("data-kind") for li in items] == ["status", "created"]  # newest first
    links = [a.get("href") for a in items[0].iter(f"{NS}a")]
    assert links == [f"https://github.com/o/r/commit/{shas['start']}"]
    assert "start <a>" in [a.get("title") for a in items[0].iter(f"{NS}a")]
    # history off: no section
    off = _build(r, tmp_path / "off", "      history: false")
    assert "ms-history" not in (off / "plans" / "a" / "index.html").read_text(encoding="utf-8")


def test_page_counts_not_committed_end_the_chart(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    r.write("docs/plans/a.md", milestone("A", "in-progress", [("One", "in-progress", [True, True])]))
    site = _build(r, tmp_path / "site")
    section = next(s for s in _doc(site / "plans" / "a" / "index.html").iter(f"{NS}section") if s.get("class") == "ms-history")
    assert _points(section)[-1] == ("2025-01-06", "2", "2")


def test_pages_that_are_not_milestones_are_untouched(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    on = _build(r, tmp_path / "on")
    off = _build(r, tmp_path / "off", "      history: false")
    assert (on / "index.html").read_bytes() == (off / "index.html").read_bytes()
    assert "ms-history" not in (on / "index.html").read_text(encoding="utf-8")


def _roadmap(site: Path) -> str:
    return (site / "roadmap" / "index.html").read_text(encoding="utf-8")


def _changed(html: str) -> list[tuple[str | None, str | None]]:
    doc = html5lib.parse(html)
    section = next((s for s in doc.iter(f"{NS}section") if s.get("class") == "ms-changed"), None)
    assert section is not None
    return [(li.get("data-kind"), li.find(f".//{NS}time").text) for li in section.iter(f"{NS}li")]


def test_roadmap_changed_and_burnup(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    html = _roadmap(_build(r, tmp_path / "site"))
    assert "Changed in the last 30 days" in html
    assert _changed(html) == [("status", "2025-01-05"), ("created", "2025-01-01"), ("created", "2025-01-01")]
    doc = html5lib.parse(html)
    burnup = next(s for s in doc.iter(f"{NS}section") if s.get("class") == "ms-roadmap-burnup")
    assert _points(burnup) == [("2025-01-01", "0", "3"), ("2025-01-05", "1", "3")]  # a and b together
    # changed_days narrows the period
    html = _roadmap(_build(r, tmp_path / "three", "      changed_days: 3"))
    assert "Changed in the last 3 days" in html and _changed(html) == [("status", "2025-01-05")]


def test_roadmap_period_ends_at_source_date_epoch(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2025, 3, 1, tzinfo=timezone.utc).timestamp())))
    html = _roadmap(_build(r, tmp_path / "site"))
    assert _changed(html) == [] and "No status change and no phase done in the last 30 days." in html


def test_the_today_option_ends_the_period_as_it_measures_overdue(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One "today": the plugin's ``today`` ends "Changed in the last N days" and the charts, as it measures overdue
    (it wins over SOURCE_DATE_EPOCH, as it does for overdue)."""
    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    html = _roadmap(_build(r, tmp_path / "later", "      today: 2025-03-01"))
    assert _changed(html) == [] and "No status change and no phase done in the last 30 days." in html
    html = _roadmap(_build(r, tmp_path / "same", "      today: 2025-01-05\n      changed_days: 1"))
    assert _changed(html) == [("status", "2025-01-05")]  # the whole of that day counts


def test_marker_sections_choose_the_history_parts(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    r.write("docs/list.md", "# List\n\n<!-- milestones sections=list -->\n")
    r.write("docs/changes.md", "# Changes\n\n<!-- milestones sections=changed folder=plans/ status=in-progress -->\n")
    site = _build(r, tmp_path / "site")
    listed = (site / "list" / "index.html").read_text(encoding="utf-8")
    assert "ms-changed" not in listed and "ms-roadmap-burnup" not in listed
    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "ms-roadmap-burnup" not in changes and 'class="ms-roadmap-list"' not in changes
    assert _changed(changes) == [("status", "2025-01-05"), ("created", "2025-01-01")]  # a only: b is pending


def test_no_git_no_history_blocks(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(milestone("A", "pending", [("One", "pending", [False])]), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - milestones\n", encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert "ms-history" not in (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
    assert "ms-changed" not in _roadmap(tmp_path / "site")


def _tick_boxes(svg: str) -> list[tuple[float, float, str]]:
    out = []
    for m in re.finditer(r'<text class="ms-burnup-tick" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([^<]*)</text>', svg):
        x, anchor, text = float(m[1]), m[2], m[3]
        if not text[0].isdigit() or " " not in text:
            continue  # the counts on the y axis
        w = len(text) * _CHAR_W
        lo = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
        out.append((lo, lo + w, text))
    return out


@pytest.mark.parametrize("days", [1, 2, 3, 10, 40, 400])
def test_burnup_date_labels_do_not_overlap(days: int) -> None:
    start = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)
    today = date.fromordinal(start.date().toordinal() + days)
    boxes = _tick_boxes(render_burnup([(start, 6, 9)], title="t", today=today))
    assert boxes[0][2] == "26 Nov 2026" and boxes[-1][2] == f"{today.day} {today.strftime('%b')} {today.year}"
    assert all(a[1] < b[0] for a, b in zip(boxes, boxes[1:])), boxes
    if days == 10:  # within one year the dates between the ends leave out the year
        assert [b[2] for b in boxes] == ["26 Nov 2026", "28 Nov", "1 Dec", "4 Dec", "6 Dec 2026"]


ROADMAP_DOC = (
    "# Product roadmap\n\n## Milestone v1.1: API\n\n**Status**: {a}\n**Created**: 2025-01-01\n**Estimated Duration**: 2 weeks\n\n"
    "## Milestone v1.2: Web dashboard\n\n**Status**: in-progress\n**Created**: 2025-01-01\n**Estimated Duration**: 3 weeks\n"
)


def test_a_document_of_several_milestones(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its milestones get a badge, an event and a history each: the file's history read per milestone, by its key
    (the id: badge paths without the heading's words)."""
    import json

    import icalendar

    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    r.write("docs/product.md", ROADMAP_DOC.format(a="in-progress"))
    r.commit("product roadmap", "2025-01-02")
    r.write("docs/product.md", ROADMAP_DOC.format(a="done"))
    r.commit("API done", "2025-01-03")
    site = _build(r, tmp_path / "site", "      feeds: [ics, badges]")
    assert json.loads((site / "badges" / "product-v11.json").read_text(encoding="utf-8"))["message"] == "done"
    assert (site / "badges" / "product-v12.json").is_file()
    cal = icalendar.Calendar.from_ical((site / "milestones.ics").read_text(encoding="utf-8"))
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 4  # a, b and the document's two
    doc = json.loads((site / "milestones.json").read_text(encoding="utf-8"))
    history = {m["url"].partition("#")[2]: [(h["date"][:10], h["status"]) for h in m["history"]]
               for m in doc["milestones"] if m["page"] == "product.md"}
    assert history == {"milestone-v11-api": [("2025-01-02", "in-progress"), ("2025-01-03", "done")],
                       "milestone-v12-web-dashboard": [("2025-01-02", "in-progress")]}
    assert [len(m["history"]) for m in doc["milestones"] if m["page"] == "plans/a.md"] == [2]
    roadmap = _roadmap(site)
    assert _changed(roadmap) == [("status", "2025-01-05"), ("status", "2025-01-03"), ("created", "2025-01-02"),
                                 ("created", "2025-01-02"), ("created", "2025-01-01"), ("created", "2025-01-01")]
    assert 'href="../product/#milestone-v11-api"' in roadmap  # the change links to the milestone in its document


def test_only_milestone_sources_are_read_and_the_cache_folder(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin asks for the history of the pages that hold milestones now (not index.md), keeps what it read in
    ``.cache/plugin/milestones`` next to mkdocs.yml, and a build in a new process starts from it."""
    import os
    import subprocess
    import sys

    from mkdocs_milestones.history import HistoryReader

    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    seen: list[tuple[object, int]] = []
    real = HistoryReader.read

    def spy(self, docs_dir, pages=None):
        result = real(self, docs_dir, pages)
        seen.append((pages, result.versions_parsed))
        return result

    monkeypatch.setattr(HistoryReader, "read", spy)
    first = _build(r, tmp_path / "one", '      history_cache: ""')
    assert seen[-1] == ({"plans/a.md", "plans/b.md"}, 3)
    assert not (r.path / ".cache").exists()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])

    def build_in_a_new_process(out: Path) -> str:
        r.write("mkdocs.yml", "site_name: t\nrepo_url: https://github.com/o/r\ntheme:\n  name: mkdocs\nplugins:\n  - milestones\n")
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(out)], cwd=r.path, env=env,
                              capture_output=True, text=True, check=True)
        return next(line for line in proc.stderr.splitlines() if "history:" in line)

    cold = build_in_a_new_process(tmp_path / "two")
    assert "3 versions parsed" in cold and "from the cache folder" not in cold, cold
    assert len(list((r.path / ".cache" / "plugin" / "milestones").glob("history-*.json"))) == 1
    warm = build_in_a_new_process(tmp_path / "three")
    assert "0 versions parsed" in warm and "(from the cache folder)" in warm, warm
    page = "plans/a/index.html"
    assert (first / page).read_text(encoding="utf-8") == (tmp_path / "three" / page).read_text(encoding="utf-8")


HISTORY_ENGLISH = ("History", "Burn-up", "Checks done", "Checks in total", "checks done", "added as", "Changed in the last",
                   "No status change", "older change", "Milestones", "milestones", "Status:", "target", "estimated end")
"""The English words of the history blocks and feeds: none is left in a build in another language."""


@pytest.mark.parametrize("locale,words", [
    ("fr", {"heading": "Historique", "legend": "Cases cochées", "changed": "Modifié ces 30 derniers jours",
            "burnup": "Avancement cumulé", "feed": "t : jalons", "created": "ajouté comme", "badge": "en cours"}),
    ("ja", {"heading": "履歴", "legend": "完了したチェック", "changed": "過去 30 日間の変更",
            "burnup": "バーンアップ", "feed": "t: マイルストーン", "created": "として追加", "badge": "進行中"}),
])
def test_history_words_follow_the_site_language(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str,
                                                words: dict[str, str]) -> None:
    import json
    import xml.etree.ElementTree as etree

    r, _ = repo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    r.write("docs/plans/a.md", milestone("A", "in-progress", [("One", "done", [True, True])], extra="**Target**: 2025-03-01"))
    r.commit("one done", "2025-01-06")
    r.write("mkdocs.yml", f"site_name: t\nrepo_url: https://github.com/o/r\ntheme:\n  name: mkdocs\n  locale: {locale}\n"
                          "plugins:\n  - milestones\n")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path / "site"
    build(load_config(str(r.path / "mkdocs.yml"), site_dir=str(site)))
    page = (site / "plans" / "a" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('class="ms-history-heading"'):page.index("</section>", page.index('class="ms-history"'))]
    assert f">{words['heading']}</h2>" in section and words["legend"] in section and words["created"] in section
    roadmap = _roadmap(site)
    block = roadmap[roadmap.index('class="ms-changed"'):]
    assert words["changed"] in block and words["burnup"] in block
    feed = (site / "milestones.atom").read_text(encoding="utf-8")
    assert etree.fromstring(feed.encode("utf-8")).findtext("{http://www.w3.org/2005/Atom}title") == words["feed"]
    ics = (site / "milestones.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    ics = re.sub(r"PRODID:.*", "", ics)  # the product's name, not a word
    badge = json.loads((site / "badges" / "plans-a.json").read_text(encoding="utf-8"))
    assert badge["message"].startswith(words["badge"])
    for text in (section, block, feed, ics):
        plain = re.sub(r"<[^>]+>", " ", text)
        plain = re.sub(r"(?:start|phase) <a>|plan a and b|one done|\bChecks\b(?= [0-9])", "", plain)  # commit subjects
        found = [w for w in HISTORY_ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", plain)]
        assert not found, (found, plain[:3000])


def test_calendar_stamp_follows_today_without_history(repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``history: false`` with ``today`` set: the calendar's DTSTAMP is that day's end, not the wall clock, so two
    builds give the same file (the ``today`` option wins over ``SOURCE_DATE_EPOCH``, as everywhere)."""
    r, _ = repo
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = _build(r, tmp_path / "site", "      history: false\n      today: 2025-03-20")
    stamps = {line for line in (site / "milestones.ics").read_text(encoding="utf-8").splitlines() if line.startswith("DTSTAMP:")}
    assert stamps == {"DTSTAMP:20250320T235959Z"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_6)
    again = _build(r, tmp_path / "again", "      history: false\n      today: 2025-03-20")
    assert (again / "milestones.ics").read_bytes() == (site / "milestones.ics").read_bytes()
