# SPDX-License-Identifier: MIT
"""The MkDocs plugin: config, a real build of a tiny site, the export, strict mode."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_milestones.plugin import MilestonesPlugin

from conftest import parse_html

AUTH = """\
# MILESTONE: Auth

**Status**: done
**Priority**: high

### Phase 1: Only
**Status**: done
"""

DB = """\
# MILESTONE: Database <b>move</b>

**Status**: \N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} IN PROGRESS
**Priority**: \N{LARGE YELLOW CIRCLE} HIGH
**Created**: 2026-01-17
**Estimated Duration**: 2 weeks
**Depends on**: [Auth](../auth.md)

## Success Criteria

| Metric | Target | Status |
|---|---|---|
| Speed | fast | \N{WHITE HEAVY CHECK MARK} Achieved |

### Phase 0: Base
**Status**: done
**Completed**: 2026-01-18
**Goal**: g0

- [x] a
- [ ] b

### Phase 1: Next
**Status**: pending
**Dependencies**: Phase 0

- [ ] c
- [x] d
- [x] e

### Phase 2: Last
**Status**: pending
**Dependencies**: Phases 0-1

## Risk Assessment

| Risk | Likelihood | Impact | Mitigation |
|---|---|---|---|
| Loss | Low | High | Backups |
"""


def _build(cfg: Path) -> None:
    build(load_config(str(cfg)))


def test_build_writes_export_and_renders(make_site, tmp_path: Path) -> None:
    cfg = make_site({"index.md": "# Home\n", "auth.md": AUTH, "plans/db.md": DB})
    _build(cfg)
    data = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    pages = [m["page"] for m in data["milestones"]]
    assert pages == ["auth.md", "plans/db.md"]
    db = data["milestones"][1]
    assert db == {
        "page": "plans/db.md",
        "url": "plans/db/",
        "title": "Database <b>move</b>",
        "id": None,
        "status": "in-progress",
        "status_text": "\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} IN PROGRESS",
        "status_note": "",
        "priority": "high",
        "created": "2026-01-17",
        "estimated_duration": "2 weeks",
        "target": None,
        "overdue": False,
        "owners": [],
        "tags": [],
        "depends_on": ["auth.md"],
        "progress": round((1 + 2 / 3 + 0) / 3, 4),
        "criteria": [{"metric": "Speed", "target": "fast", "status": "done"}],
        "phases": [
            {"id": "0", "title": "Base", "status": "done", "goal": "g0", "depends_on": [], "checks_done": 1, "checks_total": 2, "completed": "2026-01-18", "target": None, "overdue": False, "owners": [], "tags": []},
            {"id": "1", "title": "Next", "status": "pending", "goal": None, "depends_on": ["0"], "checks_done": 2, "checks_total": 3, "completed": None, "target": None, "overdue": False, "owners": [], "tags": []},
            {"id": "2", "title": "Last", "status": "pending", "goal": None, "depends_on": ["0", "1"], "checks_done": 0, "checks_total": 0, "completed": None, "target": None, "overdue": False, "owners": [], "tags": []},
        ],
        "risks": [{"risk": "Loss", "likelihood": "Low", "impact": "High", "mitigation": "Backups"}],
        "links": [],
        "warnings": [],
    }
    html = (tmp_path / "site" / "plans" / "db" / "index.html").read_text(encoding="utf-8")
    doc = parse_html(html)
    assert len(doc.find_all("details", "ms-phase")) == 3
    assert doc.find("div", "ms-card").attrs["data-status"] == "in-progress"
    # The page title is the milestone's, escaped: the tag shows as text, nothing runs.
    assert "<title>Database &lt;\u2060b&gt;move&lt;\u2060/b&gt; - t</title>" in html
    assert "<b>move</b>" not in html
    css = tmp_path / "site" / "assets" / "mkdocs_milestones" / "milestones.css"
    assert ".ms-badge" in css.read_text(encoding="utf-8")
    assert 'assets/mkdocs_milestones/milestones.css' in html


def test_export_can_be_disabled_or_moved(make_site, tmp_path: Path) -> None:
    _build(make_site({"a.md": AUTH}, {"export": False}))
    assert not (tmp_path / "site" / "milestones.json").exists()
    _build(make_site({"a.md": AUTH}, {"export": "data/roadmap.json"}))
    assert json.loads((tmp_path / "site" / "data" / "roadmap.json").read_text())["milestones"][0]["title"] == "Auth"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"open_phases": "some"}, "Expected one of: ('in-progress', 'all', 'none')"),
        ({"graph": "png"}, "Expected one of: ('svg', 'mermaid', 'none')"),
        ({"export": "/etc/x.json"}, "expected a relative path inside the site ending in .json"),
        ({"export": 3}, "expected a relative path ending in .json or false"),
        ({"fix_mojibake": "yes"}, "expected one of: milestones (or true), all, false; got 'yes'"),
        ({"colour": 1}, "Unrecognised configuration name: colour"),
    ],
)
def test_config_errors_name_the_key_and_values(options: dict, message: str) -> None:
    plugin = MilestonesPlugin()
    errors, warnings = plugin.load_config(options)
    problems = [f"{k}: {e}" for k, e in [*errors, *warnings]]
    assert any(message in p and p.split(":")[0] in options for p in problems), problems


def test_config_defaults() -> None:
    plugin = MilestonesPlugin()
    errors, warnings = plugin.load_config({})
    assert (errors, warnings) == ([], [])
    assert plugin.config.fix_mojibake == "milestones"
    assert (plugin.config.open_phases, plugin.config.graph, plugin.config.export, plugin.config.roadmap) == (
        "in-progress", "svg", "milestones.json", "roadmap/index.md")


def test_warnings_carry_file_and_line(make_site, caplog: pytest.LogCaptureFixture) -> None:
    bad = "---\ntitle: Bad\n---\n\n# MILESTONE: Bad\n\n**Status**: Percolating\n\n### Phase 1: x\n**Status**: done\n**Dependencies**: Phase 7\n"
    cfg = make_site({"bad.md": bad, "other.md": "# MILESTONE: O\n**Status**: done\n**Depends on**: [nowhere](missing.md)\n"})
    with caplog.at_level("WARNING", logger="mkdocs.plugins.milestones"):
        _build(cfg)
    msgs = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.milestones"]
    assert any(m.startswith("bad.md:7: unknown status 'Percolating'") for m in msgs), msgs
    assert any(m.startswith("bad.md:11: Phase 1 depends on Phase 7, which does not exist") for m in msgs), msgs
    assert any(m.endswith("other.md:3: depends on 'missing.md', which is not a milestone page; link to one of: 'Bad' in bad.md, 'O' in other.md") for m in msgs), msgs
    # each problem reported once
    assert len(msgs) == len(set(msgs))


def test_strict_build_fails_on_a_broken_plan(make_site, tmp_path: Path) -> None:
    cfg = make_site({"index.md": "# Home\n", "bad.md": "# MILESTONE: Bad\n\n**Status**: Percolating\n"})
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "bad.md:3: unknown status 'Percolating'" in proc.stderr
    assert "Aborted with 1 warnings in strict mode!" in proc.stdout + proc.stderr
    ok = make_site({"index.md": "# Home\n", "bad.md": AUTH})
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ok)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_extension_listed_by_user_is_not_doubled(make_site, tmp_path: Path) -> None:
    cfg = make_site({"a.md": AUTH}, extra="markdown_extensions:\n  - mkdocs_milestones\n")
    _build(cfg)
    html = (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="ms-card"') == 1


def _milestone(title: str, status: str, priority: str, created: str, extra: str = "") -> str:
    return f"# MILESTONE: {title}\n\n**Status**: {status}\n**Priority**: {priority}\n**Created**: {created}\n{extra}\n### Phase 1: a\n**Status**: {status}\n"


SIX = {
    "index.md": "# Home\n",
    "team/a.md": _milestone("Alpha", "in progress", "low", "2026-01-01"),
    "team/b.md": _milestone("Bravo", "in progress", "critical", "2026-02-01"),
    "team/c.md": _milestone("Charlie", "done", "high", "2025-12-01"),
    "other/d.md": _milestone("Delta", "pending", "high", "2026-03-01", "**Depends on**: [Alpha](../team/a.md)\n"),
    "other/e.md": _milestone("Echo", "blocked", "medium", "2026-01-15"),
    "other/f.md": _milestone("Foxtrot", "cancelled", "low", "2025-11-01"),
}


def _group_titles(html: str) -> list[tuple[str, list[str]]]:
    doc = parse_html(html)
    out = []
    for group in doc.find_all("details", "ms-roadmap-group"):
        titles = [a.text.strip() for a in group.find_all("a") if a.attrs.get("href", "").endswith(("/a/", "/b/", "/c/", "/d/", "/e/", "/f/"))]
        out.append((group.attrs["data-status"], list(dict.fromkeys(titles))))
    return out


def test_roadmap_page_is_generated_grouped_and_searchable(make_site, tmp_path: Path) -> None:
    _build(make_site(SIX))
    html = (tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")
    groups = _group_titles(html)
    assert [g for g, _ in groups] == ["in-progress", "pending", "blocked", "done", "cancelled"]
    assert groups[0][1] == ["Bravo", "Alpha"]  # critical before low
    assert 'href="../team/b/"' in html
    search = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"].startswith("roadmap/") and "Bravo" in d["text"] for d in search["docs"])
    nav = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="roadmap/"' in nav


def test_marker_on_an_authors_page_and_unknown_key(make_site, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    pages = dict(SIX)
    pages["roadmap/index.md"] = "# Our plan\n\nWritten by hand.\n\n<!-- milestones folder=team/ status=in-progress -->\n"
    pages["teams.md"] = "# Teams\n\n\n<!-- milestones colour=red -->\n"
    with caplog.at_level("WARNING", logger="mkdocs.plugins.milestones"):
        _build(make_site(pages))
    html = (tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert "Written by hand." in html
    groups = _group_titles(html)
    assert groups == [("in-progress", ["Bravo", "Alpha"])]
    msgs = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("teams.md:4: unknown key 'colour' in the milestones marker") for m in msgs), msgs


def test_rebuild_in_one_process_keeps_no_stale_state(make_site, tmp_path: Path) -> None:
    cfg = make_site(SIX)
    config = load_config(str(cfg))
    build(config)
    first = _group_titles((tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8"))
    assert ("done", ["Charlie"]) in first
    page = tmp_path / "docs" / "team" / "c.md"
    page.write_text(page.read_text(encoding="utf-8").replace("**Status**: done", "**Status**: failed"), encoding="utf-8")
    build(config)  # as mkdocs serve does: same config and plugin objects
    second = _group_titles((tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8"))
    assert ("failed", ["Charlie"]) in second and all(g != "done" for g, _ in second)
    data = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert [m["status"] for m in data["milestones"] if m["title"] == "Charlie"] == ["failed"]


def test_roadmap_can_be_disabled(make_site, tmp_path: Path) -> None:
    _build(make_site(SIX, {"roadmap": False}))
    assert not (tmp_path / "site" / "roadmap").exists()


def test_internal_error_while_parsing_keeps_the_build(make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A bug of ours in a page's parse: one warning naming the page, the site still builds, without it in the export."""
    import mkdocs_milestones.extension.preprocessors as site

    real = site.parse_milestone

    def broken(text: str, **kw: Any) -> Any:
        if kw.get("file") == "b.md":
            raise RuntimeError("boom")
        return real(text, **kw)

    monkeypatch.setattr(site, "parse_milestone", broken)
    cfg = make_site({"a.md": "# MILESTONE: A\n\n**Status**: done\n", "b.md": "# MILESTONE: B\n\n**Status**: done\n"})
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        _build(cfg)
    assert [r.getMessage() for r in caplog.records if "boom" in r.getMessage()][0].startswith("b.md: mkdocs-milestones could not render")
    doc = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert [m["page"] for m in doc["milestones"]] == ["a.md"]
    assert (tmp_path / "site" / "b" / "index.html").is_file()


_ENTRY_POINTS = ("parse_milestone", "parse_milestones", "parse_roadmap")


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Every parse entry point, wherever a module imported it, counted once per outermost call that found
    a milestone (``parse_milestones`` calling ``parse_milestone`` is one parse): the files parsed."""
    import mkdocs_milestones.parser
    import mkdocs_milestones.roadmap_doc

    real = {name: getattr(mod, name) for mod in (mkdocs_milestones.parser, mkdocs_milestones.roadmap_doc)
            for name in _ENTRY_POINTS if hasattr(mod, name)}
    parsed: list[str | None] = []
    depth = [0]

    def counting(fn: Any) -> Any:
        def wrapper(text: str, **kw: Any) -> Any:
            depth[0] += 1
            try:
                out = fn(text, **kw)
            finally:
                depth[0] -= 1
            if depth[0] == 0 and out:
                parsed.append(kw.get("file"))
            return out
        return wrapper

    patched = 0
    for name, mod in list(sys.modules.items()):
        if name.startswith("mkdocs_milestones") and mod is not None:
            for entry, fn in real.items():
                if getattr(mod, entry, None) is fn:
                    monkeypatch.setattr(mod, entry, counting(fn))
                    patched += 1
    assert patched >= 5, patched  # parser, roadmap_doc, the preprocessor, site, plugin
    return parsed


def test_each_page_is_parsed_once_per_build(make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One parse per milestone page, by its own conversion (other pages stop at the parser's cheap test);
    the roadmap page, converted again once every milestone is known, reuses its conversion's result.
    Front matter, tabs, CRLF and mojibake included."""
    parsed = _count_parses(monkeypatch)
    pages = {
        "index.md": "# Home\n",
        "auth.md": AUTH,
        "plans/db.md": DB,
        "fm.md": "---\nmilestone: true\ntags: [x]\n---\n\n# Front matter plan\n\n**Status**: done\n",
        "garbled.md": AUTH.replace("**Status**: done", "**Status**: \u00e2\u0153\u2026 done\t(tab)"),
        "teams.md": "# MILESTONE: Teams\n\n**Status**: done\n\n<!-- milestones status=done -->\n",
        "plan.md": "# Roadmap\n\n## Milestone v1: Core\n\n**Status**: done\n\n## Milestone v2: API\n\n**Status**: pending\n",
    }
    cfg = make_site(pages)
    (tmp_path / "docs" / "crlf.md").write_bytes(DB.replace("Database", "Crlf").replace("\n", "\r\n").encode("utf-8"))
    _build(cfg)
    assert sorted(parsed) == sorted(["auth.md", "plans/db.md", "fm.md", "garbled.md", "crlf.md", "teams.md", "plan.md"]), parsed
    html = (tmp_path / "site" / "garbled" / "index.html").read_text(encoding="utf-8")
    assert "\N{WHITE HEAVY CHECK MARK} done" in html
    doc = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert sorted(m["page"] for m in doc["milestones"]) == ["auth.md", "crlf.md", "fm.md", "garbled.md", "plan.md", "plan.md", "plans/db.md", "teams.md"]
    teams = (tmp_path / "site" / "teams" / "index.html").read_text(encoding="utf-8")
    assert 'data-page="auth.md"' in teams and 'data-page="teams.md"' in teams and 'data-page="plans/db.md"' not in teams
    assert 'class="ms-card"' in teams  # converted twice (the marker), parsed once, rendered as a milestone both times


def test_a_parse_is_reused_only_for_the_same_text() -> None:
    """What a host hands back from an earlier conversion is used only for the very text the page converts."""
    import markdown

    from mkdocs_milestones.extension import MilestonesExtension, PageContext
    from mkdocs_milestones.parser import parse_milestone

    ahead = parse_milestone("# MILESTONE: Old\n\n**Status**: done\n", file="a.md")
    assert ahead is not None
    ctx = PageContext(file="a.md", parsed=("# MILESTONE: Old\n\n**Status**: done\n\n", ahead))
    ext = MilestonesExtension(provider=lambda md: ctx)
    html = markdown.Markdown(extensions=[ext]).convert("# MILESTONE: New\n\n**Status**: done\n")
    assert ">New<" in html and "Old" not in html
    ctx = PageContext(file="a.md", parsed=("# MILESTONE: Old\n\n**Status**: done\n\n\n", ahead))
    md = markdown.Markdown(extensions=[ext])
    md.convert("# MILESTONE: Old\n\n**Status**: done\n")
    assert md.milestone is ahead  # type: ignore[attr-defined]
    assert md.milestones == [ahead]  # type: ignore[attr-defined]
    md.reset()
    assert md.milestones == [] and md.milestone is None  # type: ignore[attr-defined]


def test_export_is_a_file_of_the_build(make_site, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # A hook runs after the plugin: it sees the export among the build's files (as `mkdocs serve` and
    # later plugins do); once every page is converted (on_env) it holds the JSON the build writes.
    (tmp_path / "hooks.py").write_text(
        "from pathlib import Path\n"
        "def on_files(files, config):\n"
        "    assert files.get_file_from_path('milestones.json') is not None\n"
        "def on_env(env, config, files):\n"
        "    f = files.get_file_from_path('milestones.json')\n"
        "    Path(config['site_dir'] + '.seen').write_text(f.content_string if f else 'missing', encoding='utf-8')\n",
        encoding="utf-8",
    )
    cfg = make_site({"a.md": AUTH, "milestones.json": '{"mine": true}'}, extra="hooks:\n  - hooks.py\n")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        _build(cfg)
    seen = (tmp_path / "site.seen").read_text(encoding="utf-8")
    written = (tmp_path / "site" / "milestones.json").read_text(encoding="utf-8")
    assert seen == written and json.loads(written)["milestones"][0]["title"] == "Auth"
    assert any("docs/milestones.json is replaced by the generated export" in r.getMessage() for r in caplog.records)


def test_page_source_is_read_once(tmp_path):
    """The plugin hands on the source it read for the repair, so MkDocs does not open every page a second time
    (issue 17); a later plugin's own source still wins, as it would over MkDocs' read."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from mkdocs_milestones.plugin import MilestonesPlugin

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plain.md").write_text("# Plain\n\nNothing to repair: café, ✅.\n", encoding="utf-8")
    plugin = MilestonesPlugin()
    plugin.load_config({})
    f = File("plain.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    page = Page(None, f, {})
    assert plugin.on_page_read_source(page=page, config={}) == "# Plain\n\nNothing to repair: café, ✅.\n"
    assert MilestonesPlugin.on_page_read_source.mkdocs_priority == 100
