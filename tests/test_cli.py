# SPDX-License-Identifier: MIT
"""Tests for ``mkdocs-milestones check`` and ``export`` and the pre-commit hooks (issue 7), and
``roadmap`` (issue 8).

A few small real MkDocs builds: the command line must print the warnings the build logs, write
the ``milestones.json`` the build writes and the roadmap page the plugin generates; one Zensical
build (a subprocess, skipped when Zensical is not installed) shows the written roadmap there.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped,unused-ignore]
from conftest import milestone_log

from mkdocs_milestones import cli
from mkdocs_milestones.cli import _build_parser, main

ROOT = Path(__file__).parents[1]

GARBLED_OK = "# MILESTONE: Garbled but fine\n\n**Status**: ðŸ”„ IN PROGRESS\n"
"""Mojibake the build repairs silently: no warning."""

BROKEN: dict[str, str] = {
    "index.md": "# Home\n\nNot a milestone.\n",
    # front matter shifts the line numbers; unknown status; a phase depends on a missing phase
    "bad.md": "---\ntitle: Bad\n---\n\n# MILESTONE: Bad\n\n**Status**: Percolating\n\n"
              "### Phase 1: x\n**Status**: done\n**Dependencies**: Phase 7\n",
    # a cycle, and a phase done before its dependency
    "plans/cycle.md": "# MILESTONE: Cycle\n\n**Status**: in progress\n"
                      "**Depends on**: [Bad](../bad.md)\n\n"
                      "### Phase 1: a\n**Status**: pending\n**Dependencies**: Phase 2\n\n"
                      "### Phase 2: b\n**Status**: pending\n**Dependencies**: Phase 1\n\n"
                      "### Phase 3: c\n**Status**: done\n**Dependencies**: Phase 1\n",
    # a Depends on page that is not in the site, and one that is not a milestone
    "plans/other.md": "# MILESTONE: Other\n**Status**: done\n"
                      "**Depends on**: [nowhere](missing.md), [home](../index.md)\n",
    "plans/garbled.md": GARBLED_OK,
    # a roadmap marker with an unknown key on an ordinary page
    "teams.md": ("# Teams\n\n\n<!-- milestones colour=red -->\n\n<!-- milestones owner=@nobody sections=list -->\n\n"
                 "<!-- milestones tag=zzz -->\n"),
}


AUTH_AND_BILLING = {
    "auth.md": "# MILESTONE: Auth\n\n**Status**: done\n",
    "team/billing.md": "# MILESTONE: Billing\n\n**Status**: pending\n**Depends on**: [Auth](../auth.md)\n",
}
"""Two milestones in two folders, one depending on the other."""


def _write(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _mkdocs_build(config: Path, **overrides: Any) -> list[str]:
    """Build with MkDocs and the plugin; the warnings logged on ``mkdocs.plugins.milestones``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with milestone_log() as messages:
        build(load_config(str(config), **overrides))
    # The plugin's logger prefixes "milestones: "; the extension's does not.
    return [m.removeprefix("milestones: ") for m in messages]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """A MkDocs site with broken milestones, built once: (project folder, build warnings)."""
    project = tmp_path_factory.mktemp("broken")
    _write(project / "docs", BROKEN)
    config = project / "mkdocs.yml"
    config.write_text("site_name: t\ndocs_dir: docs\nsite_dir: site\ntheme:\n  name: mkdocs\n"
                      "plugins:\n  - milestones\n", encoding="utf-8")
    yield project, _mkdocs_build(config)


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(["check", *argv])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


# --------------------------------------------------------------------------------------------
# check
# --------------------------------------------------------------------------------------------


def test_check_prints_the_same_warnings_as_the_build(
        broken_site: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    project, built = broken_site
    docs = project / "docs"
    status, lines, err = _check(capsys, str(docs))
    assert status == 1
    prefix = f"{docs}{'/' if not str(docs).endswith('/') else ''}"
    assert all(line.startswith(prefix) for line in lines), lines
    checked = [line.removeprefix(prefix).replace("\\", "/") for line in lines]
    assert len(checked) == len(set(checked)) == len(built) == len(set(built))
    assert set(checked) == set(built)
    # every kind of problem is there, with its file and line
    text = "\n".join(checked)
    for expected in (
        "bad.md:7: unknown status 'Percolating'",
        "bad.md:11: Phase 1 depends on Phase 7, which does not exist",
        "plans/cycle.md:8: Dependency cycle:",
        "plans/cycle.md:16: Phase 3 is marked done but depends on Phase 1",
        ("plans/other.md:3: depends on 'missing.md', which is not a milestone page; link to one of: "
         "'Bad' in bad.md, 'Cycle' in plans/cycle.md, 'Garbled but fine' in plans/garbled.md, 'Other' in plans/other.md"),
        "plans/other.md:3: depends on '../index.md', which is not a milestone page",
        "teams.md:4: unknown key 'colour' in the milestones marker",
        # an owner= or tag= that matches nothing (review 18, finding 6), echoed as written (finding 11)
        "teams.md:6: owner='@nobody' in the milestones marker matches no milestone's owner",
        "teams.md:8: tag='zzz' in the milestones marker matches no milestone's tag",
    ):
        assert expected in text, (expected, checked)
    assert "garbled" not in text.replace("plans/garbled.md, ", "")  # repaired silently
    assert err == ("checked 4 milestone documents and 1 page with a roadmap marker "
                   "(1 other Markdown file skipped): 9 warnings\n")


def test_check_with_docs_dir_reports_only_the_files_given(
        broken_site: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    project, built = broken_site
    docs = project / "docs"
    status, lines, _ = _check(capsys, "--docs-dir", str(docs), str(docs / "plans" / "other.md"))
    assert status == 1
    expected = {f"{docs / 'plans' / 'other.md'}:{m.split(':', 2)[1]}:{m.split(':', 2)[2]}"
                for m in built if m.startswith("plans/other.md:")}
    assert set(lines) == expected and len(expected) == 2


def test_export_matches_the_build(broken_site: tuple[Path, list[str]],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    project, _ = broken_site
    assert main(["export", str(project / "docs")]) == 0
    out = capsys.readouterr().out
    assert out == (project / "site" / "milestones.json").read_text(encoding="utf-8")
    # and the warnings in the export are the ones check prints
    exported = {w for m in json.loads(out)["milestones"] for w in m["warnings"]}
    _, lines, _ = _check(capsys, str(project / "docs"))
    prefix = f"{project / 'docs'}/"
    assert exported == {line.removeprefix(prefix) for line in lines if "marker" not in line}


def test_export_of_the_demo_site_without_directory_urls_matches_its_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("material")
    warnings = _mkdocs_build(ROOT / "mkdocs.yml", site_dir=str(tmp_path / "site"),
                             use_directory_urls=False)
    assert warnings == []
    assert main(["export", "--no-directory-urls", "-f", str(ROOT / "mkdocs.yml"), str(ROOT / "demo_site")]) == 0  # its today and links from mkdocs.yml
    out = capsys.readouterr().out
    assert out == (tmp_path / "site" / "milestones.json").read_text(encoding="utf-8")
    assert ".html" in out
    assert '"url": "https://jira.example.com/browse/FIN-118"' in out  # the demo's issue links, from its mkdocs.yml
    assert main(["check", str(ROOT / "demo_site")]) == 0
    assert capsys.readouterr().out == ""


def test_check_clean_files_exit_0_with_a_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"a.md": GARBLED_OK, "b.md": "# MILESTONE: B\n\n**Status**: done\n",
                      "notes.md": "# Notes\n", "deep/x.md": "plain\n"})
    status, lines, err = _check(capsys, str(tmp_path))
    assert (status, lines) == (0, [])
    assert err == "checked 2 milestone documents (2 other Markdown files skipped): 0 warnings\n"
    status, lines, err = _check(capsys, "--quiet", str(tmp_path))
    assert (status, lines, err) == (0, [], "")


def test_check_quiet_still_prints_warnings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, {"a.md": "# MILESTONE: A\n\n**Status**: Percolating\n"}) / "a.md"
    status, lines, err = _check(capsys, "-q", str(f))
    assert status == 1 and err == ""
    assert len(lines) == 1 and lines[0].startswith(f"{f}:3: unknown status 'Percolating'")


def test_check_no_fix_mojibake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, {"g.md": "# MILESTONE: G\n\n**Status**: â³\n"}) / "g.md"
    assert _check(capsys, str(f))[:2] == (0, [])
    status, lines, _ = _check(capsys, "--no-fix-mojibake", str(f))
    assert status == 1 and lines[0].startswith(f"{f}:3: unknown status 'â³'")


def test_check_dependency_on_a_page_not_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path / "docs", AUTH_AND_BILLING)
    billing = docs / "team" / "billing.md"
    # Without --docs-dir only the file given is known, and its folder is the docs folder.
    status, lines, _ = _check(capsys, str(billing))
    assert status == 1
    assert lines == [(f"{billing}:4: depends on '../auth.md', which is not a milestone page; "
                      "link to one of: 'Billing' in billing.md")]
    # With it, the rest of the site resolves the reference, as in the build.
    assert _check(capsys, "--docs-dir", str(docs), str(billing))[:2] == (0, [])
    # The whole folder: the common root is the docs folder.
    assert _check(capsys, str(docs / "auth.md"), str(billing))[:2] == (0, [])


def test_check_crlf_bom_and_front_matter_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.md"
    text = "---\nmilestone: true\n---\n\n# Plan\n\n**Status**: Percolating\n"
    f.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    status, lines, _ = _check(capsys, str(f))
    assert status == 1 and lines[0].startswith(f"{f}:7: unknown status")


def test_check_files_outside_docs_dir_are_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"docs/a.md": "# MILESTONE: A\n\n**Status**: done\n",
                      "README.md": "# MILESTONE: R\n\n**Status**: Percolating\n"})
    status, lines, err = _check(capsys, "--docs-dir", str(tmp_path / "docs"),
                                str(tmp_path / "docs" / "a.md"), str(tmp_path / "README.md"))
    assert (status, lines) == (0, [])
    assert err == ("checked 1 milestone document (1 file outside the docs folder skipped): "
                   "0 warnings\n")


@pytest.mark.parametrize("command", ["check", "export"])
def test_missing_path_unreadable_file_and_bad_docs_dir_exit_2(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, {"a.md": "# MILESTONE: A\n\n**Status**: done\n"}) / "a.md"
    latin1 = tmp_path / "old.md"
    latin1.write_bytes("# MILESTONE: caf\xe9\n".encode("latin-1"))
    assert main([command, str(tmp_path / "missing.md"), str(latin1), str(good)]) == 2
    err = capsys.readouterr().err
    assert f"mkdocs-milestones {command}: " in err
    assert "missing.md: no such file or directory" in err
    assert "old.md: cannot read as UTF-8" in err
    assert main([command, "--docs-dir", str(tmp_path / "nope"), str(good)]) == 2
    assert "nope: not a directory" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["export"]) == 2
    assert main(["export", "--use-directory-urls", "--no-directory-urls", "x.md"]) == 2
    assert main(["check", "--help"]) == 0
    assert main(["export", "--help"]) == 0
    capsys.readouterr()


# --------------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------------


def test_export_to_a_file_only_the_paths_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path / "docs", {**AUTH_AND_BILLING, "index.md": "# Home\n"})
    out = tmp_path / "out.json"
    assert main(["export", "-o", str(out), "--docs-dir", str(docs),
                 str(docs / "team")]) == 0
    assert capsys.readouterr() == ("", "")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1
    [billing] = data["milestones"]
    assert (billing["page"], billing["url"], billing["depends_on"], billing["warnings"]) == (
        "team/billing.md", "team/billing/", ["auth.md"], [])
    assert main(["export", "--no-directory-urls", str(docs)]) == 0
    urls = [m["url"] for m in json.loads(capsys.readouterr().out)["milestones"]]
    assert urls == ["auth.html", "team/billing.html"]
    assert main(["export", "-o", str(tmp_path / "no" / "such" / "dir.json"), str(docs)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_export_of_no_milestones(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, {"index.md": "# Home\n"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # "today" is the day of SOURCE_DATE_EPOCH: a reproducible export
    assert main(["export", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == {"version": 1, "today": "2026-01-01", "milestones": []}


# --------------------------------------------------------------------------------------------
# the command line as a whole
# --------------------------------------------------------------------------------------------


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["milestones-check", "milestones-fix"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    [script] = re.findall(r'^([\w-]+) = "mkdocs_milestones\.cli:main"$', pyproject, re.MULTILINE)
    subcommands = _subcommands()
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        program, command, *options = hook["entry"].split()
        assert program == script
        assert command in subcommands
        # pre-commit appends the file names: the entry must parse with them
        args = _build_parser().parse_args([command, *options, "a.md", "b.md"])
        assert args.paths == ["a.md", "b.md"]
    entries = {h["id"]: h["entry"] for h in hooks}
    assert entries == {"milestones-check": "mkdocs-milestones check",
                       "milestones-fix": "mkdocs-milestones fix --write"}


def test_the_docstring_describes_every_command() -> None:
    doc = cli.__doc__ or ""
    for name in _subcommands():
        assert f"``mkdocs-milestones {name} " in doc, name
    assert "Exit status" in doc


def test_python_dash_m_check(tmp_path: Path) -> None:
    f = _write(tmp_path, {"a.md": "# MILESTONE: A\n\n**Status**: Percolating\n"}) / "a.md"
    proc = subprocess.run([sys.executable, "-m", "mkdocs_milestones", "check", str(f)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{f}:3: unknown status 'Percolating'")
    assert proc.stderr == "checked 1 milestone document: 1 warning\n"


# --------------------------------------------------------------------------------------------
# roadmap (issue 8)
# --------------------------------------------------------------------------------------------

PLAN: dict[str, str] = {
    "index.md": "# Home\n\nSee the [roadmap](roadmap/index.md).\n",
    "auth.md": "# MILESTONE: Auth rollout\n\n**Status**: done\n**Priority**: high\n"
               "**Created**: 2025-01-10\n\n### Phase 1: Design\n**Status**: done\n",
    "backend/db.md": "# MILESTONE: Database migration\n\n**Status**: in progress\n**Priority**: high\n"
                     "**Created**: 2025-02-01\n**Depends on**: [Auth](../auth.md)\n\n"
                     "### Phase 1: Schema\n**Status**: in progress\n\n"
                     "### Phase 2: Cutover\n**Status**: pending\n**Dependencies**: Phase 1\n",
    "backend/search.md": "# MILESTONE: Search revamp\n\n**Status**: in progress\n**Priority**: low\n"
                         "**Depends on**: [DB](db.md)\n",
    # mojibake the build repairs in memory: in progress, not unknown
    "mobile/offline.md": "# MILESTONE: Mobile offline\n\n**Status**: ðŸ”„ IN PROGRESS\n**Priority**: high\n",
    "guide.md": "# Guide\n\nNot a milestone.\n",
}
ROADMAP_START = '<div class="ms-roadmap" '


def _roadmap(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run ``roadmap``: (exit status, stderr); nothing may go to stdout."""
    status = main(["roadmap", *argv])
    out, err = capsys.readouterr()
    assert out == ""
    return status, err


def _block(html: str) -> str:
    """The roadmap's HTML block: from ``<div class="ms-roadmap"`` to its own ``</div>``."""
    assert html.count(ROADMAP_START) == 1, html[:2000]
    start = html.index(ROADMAP_START)
    depth = 0
    for tag in re.finditer(r"<(/?)div\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            block = html[start:html.index(">", start + tag.end()) + 1]
            assert "\n" not in block  # one line: one raw HTML block for Python-Markdown
            return block
    raise AssertionError(f"unclosed roadmap block: {html[start:start + 200]}")


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "html-urls"])
def test_roadmap_writes_the_page_the_plugin_generates(
        directory_urls: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path / "docs", PLAN)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ndocs_dir: docs\ntheme:\n  name: mkdocs\nplugins:\n  - milestones\n",
                      encoding="utf-8")
    built = tmp_path / "site-plugin"
    assert _mkdocs_build(config, site_dir=str(built), use_directory_urls=directory_urls) == []
    page = "roadmap/index.html"  # index.md: index.html with or without directory URLs
    plugin_html = (built / page).read_text(encoding="utf-8")

    argv = [str(docs)] if directory_urls else ["--no-directory-urls", str(docs)]
    status, err = _roadmap(capsys, *argv)
    assert status == 0
    written = docs / "roadmap" / "index.md"
    assert err == f"wrote {written} (4 milestones)\n"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Roadmap\n\n<!-- Generated by `mkdocs-milestones roadmap`")
    # The very block the plugin's generated page shows: links relative to roadmap/ in both.
    assert _block(text) == _block(plugin_html)
    link = "../backend/db/" if directory_urls else "../backend/db.html"
    assert f'<a href="{link}">Database migration</a>' in _block(text)
    assert 'data-page="mobile/offline.md"' in text and "ðŸ" not in text
    assert "<!-- milestones" not in text  # already expanded: nothing left for the extension

    # Built again, the plugin keeps the page on disk: same block, heading and title, no second roadmap.
    again = tmp_path / "site-file"
    assert _mkdocs_build(config, site_dir=str(again), use_directory_urls=directory_urls) == []
    file_html = (again / page).read_text(encoding="utf-8")
    assert _block(file_html) == _block(plugin_html)
    for pattern in (r"<h1[^>]*>.*?</h1>", r"<title>.*?</title>"):
        assert re.findall(pattern, file_html) == re.findall(pattern, plugin_html)


def test_roadmap_page_needs_no_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        caplog: pytest.LogCaptureFixture) -> None:
    """Plain Python-Markdown (no extension) keeps the block as it is: any host shows the roadmap."""
    import markdown

    docs = _write(tmp_path, PLAN)
    assert _roadmap(capsys, str(docs))[0] == 0
    text = (docs / "roadmap" / "index.md").read_text(encoding="utf-8")
    html = markdown.markdown(text)
    assert html.startswith("<h1>Roadmap</h1>") and _block(html) == _block(text)
    # With the extension, nothing is expanded twice and nothing is warned about.
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.milestones"):
        assert _block(markdown.markdown(text, extensions=["milestones"])) == _block(text)
    assert caplog.records == []


def test_roadmap_rerun_is_up_to_date_and_leaves_the_file_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "docs", PLAN)
    docs = Path("docs")
    written = docs / "roadmap" / "index.md"
    assert _roadmap(capsys, "docs") == (0, f"wrote {written} (4 milestones)\n")
    os.utime(written, ns=(1_000_000_000, 1_000_000_000))  # long ago: any rewrite would show
    before = written.stat()
    assert _roadmap(capsys, str(docs)) == (0, f"{written}: up to date (4 milestones)\n")
    after = written.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    # A milestone changes: the page is rewritten (atomically: no temporary file is left).
    (docs / "auth.md").write_text(PLAN["auth.md"].replace("done", "blocked", 1), encoding="utf-8")
    assert _roadmap(capsys, str(docs)) == (0, f"wrote {written} (4 milestones)\n")
    assert written.stat().st_mtime_ns != before.st_mtime_ns
    assert 'data-status="blocked"' in written.read_text(encoding="utf-8")
    assert sorted(p.name for p in written.parent.iterdir()) == ["index.md"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_roadmap_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path, PLAN)
    written = docs / "roadmap" / "index.md"
    status, err = _roadmap(capsys, "--check", str(docs))
    assert status == 1 and err.startswith(f"{written}: missing (4 milestones)")
    assert not (docs / "roadmap").exists()
    assert _roadmap(capsys, str(docs))[0] == 0
    assert _roadmap(capsys, "--check", str(docs)) == (0, f"{written}: up to date (4 milestones)\n")
    # A checkout with CRLF line ends (git autocrlf) is still up to date.
    text = written.read_text(encoding="utf-8")
    written.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert _roadmap(capsys, "--check", str(docs))[0] == 0
    # Stale: exit 1, and the file is left as it was.
    (docs / "backend" / "search.md").unlink()
    stale = written.read_bytes()
    status, err = _roadmap(capsys, "--check", str(docs))
    assert status == 1 and err.startswith(f"{written}: out of date (3 milestones)")
    assert written.read_bytes() == stale
    # The options count: another title is another page.
    assert _roadmap(capsys, str(docs))[0] == 0
    assert _roadmap(capsys, "--check", "--title", "Plan", str(docs))[0] == 1


def test_roadmap_filter_title_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path, PLAN)
    status, err = _roadmap(capsys, "--filter", "status=in-progress priority=high folder=backend/",
                           "--title", "Backend *now*", "--output", "teams/backend.md", str(docs))
    written = docs / "teams" / "backend.md"
    assert (status, err) == (0, f"wrote {written} (1 of 4 milestones)\n")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Backend \\*now\\*\n\n")
    block = _block(text)
    assert 'data-milestones="1"' in block
    assert re.findall(r'<tr data-page="([^"]+)"', block) == ["backend/db.md"]
    assert '<a href="../../backend/db/">' in block  # relative to teams/backend/
    # An absolute --output inside the docs folder; sections and limit, as in a marker.
    page = docs / "overview.md"
    assert _roadmap(capsys, "-f", "sections=list limit=2", "-o", str(page), str(docs))[0] == 0
    block = _block(page.read_text(encoding="utf-8"))
    assert len(re.findall(r"<tr data-page=", block)) == 2
    assert "ms-roadmap-graph" not in block and "ms-roadmap-counters" not in block
    assert '<a href="../backend/db/">' in block  # relative to overview/


@pytest.mark.parametrize(("words", "message"), [
    ("colour=red", "unknown key 'colour' in --filter; use one of: status, priority, folder, sections, limit"),
    ("status=percolating", "status='percolating' in --filter is not known; use one of: pending, "),
    ("backend", "'backend' in --filter is not a key=value pair"),
])
def test_roadmap_bad_filter_exits_2(words: str, message: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path, PLAN)
    status, err = _roadmap(capsys, "--filter", words, str(docs))
    assert status == 2
    assert err.startswith(f"mkdocs-milestones roadmap: --filter: {message}"), err
    assert not (docs / "roadmap").exists()


def test_roadmap_does_not_read_its_own_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path, PLAN)
    written = _write(docs, {"roadmap/index.md": (
        f"# Roadmap\n\n{cli.GENERATED_NOTE}\n\n# MILESTONE: Ghost\n\n**Status**: done\n\n"
        "<!-- milestones colour=red -->\n")}) / "roadmap" / "index.md"
    assert _roadmap(capsys, str(docs)) == (0, f"wrote {written} (4 milestones)\n")
    assert "Ghost" not in written.read_text(encoding="utf-8")


def test_roadmap_keeps_a_page_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = "# Roadmap\n\nWritten by hand.\n\n<!-- milestones -->\n"
    docs = _write(tmp_path, {**PLAN, "roadmap/index.md": own})
    written = docs / "roadmap" / "index.md"
    for argv in ([], ["--check"]):
        status, err = _roadmap(capsys, *argv, str(docs))
        assert status == 2
        assert "exists and was not written by mkdocs-milestones roadmap" in err and "--force" in err
    assert written.read_text(encoding="utf-8") == own
    assert _roadmap(capsys, "--force", str(docs)) == (0, f"wrote {written} (4 milestones)\n")


def test_roadmap_counts_warnings_without_printing_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path, {**PLAN, "bad.md": "# MILESTONE: Bad\n\n**Status**: Percolating\n"})
    status, err = _roadmap(capsys, str(docs))
    assert status == 0
    assert err == (f"wrote {docs / 'roadmap' / 'index.md'} (5 milestones, 1 warning: "
                   f"see mkdocs-milestones check {docs})\n")


def test_roadmap_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _write(tmp_path / "docs", PLAN)
    for argv, message in (
        ([str(tmp_path / "nope")], "nope: not a directory"),
        (["-o", "../roadmap.md", str(docs)], "--output ../roadmap.md: not a page inside the docs folder"),
        (["-o", str(tmp_path / "x.md"), str(docs)], "not a page inside the docs folder"),
        (["-o", "roadmap.html", str(docs)], "must be a Markdown file"),
        (["-o", "backend", str(docs)], "must be a Markdown file"),
        (["--title", " ", str(docs)], "--title is empty"),
    ):
        status, err = _roadmap(capsys, *argv)
        assert status == 2 and message in err, (argv, err)
    (docs / "old.md").write_bytes("# MILESTONE: caf\xe9\n".encode("latin-1"))
    status, err = _roadmap(capsys, str(docs))
    assert status == 2 and "old.md: cannot read as UTF-8" in err
    assert not (docs / "roadmap").exists()
    assert main(["roadmap"]) == 2
    assert main(["roadmap", "--use-directory-urls", "--no-directory-urls", str(docs)]) == 2
    assert main(["roadmap", "--help"]) == 0
    capsys.readouterr()


@pytest.fixture(scope="module")
def zensical_roadmap(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A Zensical project (no plugin there) built after ``mkdocs-milestones roadmap``, once."""
    from test_hosts import _require_host, run_host

    _require_host("zensical")
    project = tmp_path_factory.mktemp("zensical-roadmap")
    _write(project / "docs", PLAN)
    (project / "zensical.toml").write_text(
        '[project]\nsite_name = "t"\nsite_dir = "site-zensical"\n'
        "[project.markdown_extensions.milestones]\n", encoding="utf-8")
    assert main(["roadmap", str(project / "docs")]) == 0
    return run_host("zensical", project)


def test_roadmap_on_zensical(zensical_roadmap: Any) -> None:
    build = zensical_roadmap
    assert build.returncode == 0, build.describe()
    html = build.page("roadmap/index.html")
    written = (build.project / "docs" / "roadmap" / "index.md").read_text(encoding="utf-8")
    # Zensical's search reads `data-search-exclude` and drops the attribute from the page it writes.
    assert _block(html) == _block(written).replace(' data-search-exclude=""', "")
    rows = re.findall(r'<tr data-page="([^"]+)"><td class="ms-roadmap-title"><a href="([^"]+)">', html)
    assert sorted(rows) == [("auth.md", "../auth/"), ("backend/db.md", "../backend/db/"),
                            ("backend/search.md", "../backend/search/"),
                            ("mobile/offline.md", "../mobile/offline/")]
    assert re.findall(r"<h1[^>]*>([^<]*)", html)[:1] == ["Roadmap"]
    assert "marker needs the list of milestones" not in build.output
    for target in ("auth", "backend/db", "backend/search", "mobile/offline"):
        assert (build.site / target / "index.html").is_file()  # the links lead somewhere


def test_roadmap_on_zensical_gets_the_stylesheet(zensical_roadmap: Any) -> None:
    html = zensical_roadmap.page("roadmap/index.html")
    assert any(".ms-roadmap" in s for s in re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
