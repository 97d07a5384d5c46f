# SPDX-License-Identifier: MIT
"""Tests for ``mkdocs-milestones check`` and ``export`` and the pre-commit hooks (issue 7).

Two real MkDocs builds at most (module-scoped): the command line must print the warnings the
build logs and write the ``milestones.json`` the build writes.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped,unused-ignore]

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
    "teams.md": "# Teams\n\n\n<!-- milestones colour=red -->\n",
}


def _write(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _mkdocs_build(config: Path, **overrides: Any) -> list[str]:
    """Build with MkDocs and the plugin; the warnings logged on ``mkdocs.plugins.milestones``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs.plugins.milestones")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        build(load_config(str(config), **overrides))
    finally:
        logger.removeHandler(handler)
    # The plugin's logger prefixes "milestones: "; the extension's does not.
    return [m.removeprefix("milestones: ") for m in handler.messages]


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
         "bad.md, plans/cycle.md, plans/garbled.md, plans/other.md"),
        "plans/other.md:3: depends on '../index.md', which is not a milestone page",
        "teams.md:4: unknown key 'colour' in the milestones marker",
    ):
        assert expected in text, (expected, checked)
    assert "garbled" not in text.replace("plans/garbled.md, ", "")  # repaired silently
    assert err == ("checked 4 milestone documents and 1 page with a roadmap marker "
                   "(1 other Markdown file skipped): 7 warnings\n")


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
    assert main(["export", "--no-directory-urls", str(ROOT / "demo_site")]) == 0
    out = capsys.readouterr().out
    assert out == (tmp_path / "site" / "milestones.json").read_text(encoding="utf-8")
    assert ".html" in out
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
    docs = _write(tmp_path / "docs", {
        "auth.md": "# MILESTONE: Auth\n\n**Status**: done\n",
        "team/billing.md": "# MILESTONE: Billing\n\n**Status**: pending\n"
                           "**Depends on**: [Auth](../auth.md)\n",
    })
    billing = docs / "team" / "billing.md"
    # Without --docs-dir only the file given is known, and its folder is the docs folder.
    status, lines, _ = _check(capsys, str(billing))
    assert status == 1
    assert lines == [(f"{billing}:4: depends on '../auth.md', which is not a milestone page; "
                      "link to one of: billing.md")]
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
    docs = _write(tmp_path / "docs", {
        "auth.md": "# MILESTONE: Auth\n\n**Status**: done\n",
        "team/billing.md": "# MILESTONE: Billing\n\n**Status**: pending\n"
                           "**Depends on**: [Auth](../auth.md)\n",
        "index.md": "# Home\n",
    })
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


def test_export_of_no_milestones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"index.md": "# Home\n"})
    assert main(["export", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == {"version": 1, "milestones": []}


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
