# SPDX-License-Identifier: MIT
"""Tests for ``mkdocs-milestones fix`` (issue 3)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_milestones.cli import main

DATA = Path(__file__).parent / "data"
GARBLED = "# Plan\n\n**Status**: ðŸ”„ IN PROGRESS\n| Tests | â³ Pending |\n"
FIXED = "# Plan\n\n**Status**: 🔄 IN PROGRESS\n| Tests | ⏳ Pending |\n"
CLEAN = "# Plan\n\nGröße, naïve, İstanbul — “quoted” ✅ done → next\n"


def _write(path: Path, text: str, *, bom: bool = False, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8"))
    return path


def test_diff_of_a_garbled_file_and_status_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path / "plan.md", GARBLED)
    assert main(["fix", str(f)]) == 1
    out = capsys.readouterr().out
    assert ("-**Status**: ðŸ”„ IN PROGRESS\n-| Tests | â³ Pending |\n"
            "+**Status**: 🔄 IN PROGRESS\n+| Tests | ⏳ Pending |\n") in out
    assert out.startswith("--- a/") and "+++ b/" in out
    assert f.read_text(encoding="utf-8") == GARBLED  # a diff only: the file is untouched


def test_clean_file_status_0_and_no_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path / "plan.md", CLEAN)
    assert main(["fix", str(f)]) == 0
    assert capsys.readouterr().out == ""


def test_write_rewrites_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path / "plan.md", GARBLED)
    assert main(["fix", "--write", str(f)]) == 1
    assert f.read_text(encoding="utf-8") == FIXED
    assert "repaired 2 mojibake stretches" in capsys.readouterr().out
    assert main(["fix", str(f)]) == 0  # nothing left to repair
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]  # no temporary file left


def test_write_keeps_crlf_and_bom(tmp_path: Path) -> None:
    f = _write(tmp_path / "plan.md", GARBLED, bom=True, newline="\r\n")
    assert main(["fix", "--write", "--quiet", str(f)]) == 1
    assert f.read_bytes() == ("\ufeff" + FIXED.replace("\n", "\r\n")).encode("utf-8")


def test_write_keeps_mixed_line_ends_and_missing_final_newline(tmp_path: Path) -> None:
    f = tmp_path / "plan.md"
    f.write_bytes("a\r\nâœ… b\nc".encode())
    assert main(["fix", "-w", "-q", str(f)]) == 1
    assert f.read_bytes() == "a\r\n✅ b\nc".encode()


def test_write_never_touches_a_clean_file(tmp_path: Path) -> None:
    f = _write(tmp_path / "plan.md", CLEAN)
    os.utime(f, (1_000_000, 1_000_000))
    before = f.stat()
    assert main(["fix", "--write", str(f)]) == 0
    after = f.stat()
    assert (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)


def test_write_keeps_permissions(tmp_path: Path) -> None:
    f = _write(tmp_path / "plan.md", GARBLED)
    f.chmod(0o640)
    assert main(["fix", "-w", "-q", str(f)]) == 1
    assert f.stat().st_mode & 0o777 == 0o640


def test_directories_are_searched_for_markdown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path / "docs" / "a.md", GARBLED)
    b = _write(tmp_path / "docs" / "deep" / "b.md", GARBLED)
    other = _write(tmp_path / "docs" / "notes.txt", GARBLED)
    clean = _write(tmp_path / "docs" / "c.md", CLEAN)
    assert main(["fix", "-w", str(tmp_path / "docs")]) == 1
    assert a.read_text(encoding="utf-8") == FIXED and b.read_text(encoding="utf-8") == FIXED
    assert other.read_text(encoding="utf-8") == GARBLED  # not Markdown: left alone
    assert clean.read_text(encoding="utf-8") == CLEAN
    out = capsys.readouterr().out
    assert out.index("a.md") < out.index("b.md")


def test_missing_path_and_unreadable_file_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path / "plan.md", GARBLED)
    latin1 = tmp_path / "old.md"
    latin1.write_bytes("caf\xe9".encode("latin-1"))  # not UTF-8
    assert main(["fix", str(tmp_path / "missing.md"), str(latin1), str(good)]) == 2
    err = capsys.readouterr().err
    assert "missing.md: no such file or directory" in err
    assert "old.md: cannot read as UTF-8" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["fix"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["--help"]) == 0
    capsys.readouterr()


def test_the_seed_through_the_command_line(tmp_path: Path) -> None:
    f = tmp_path / "guide.md"
    f.write_bytes((DATA / "seed_mojibake.md").read_bytes())
    assert main(["fix", "-w", "-q", str(f)]) == 1
    assert f.read_bytes() == (DATA / "seed_fixed.md").read_bytes()


def test_python_dash_m(tmp_path: Path) -> None:
    f = _write(tmp_path / "plan.md", GARBLED)
    proc = subprocess.run([sys.executable, "-m", "mkdocs_milestones", "fix", str(f)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 1
    assert "+**Status**: 🔄 IN PROGRESS" in proc.stdout


def test_scope_milestones_repairs_only_milestone_pages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--scope milestones`` shows what the plugin's default ``fix_mojibake: milestones`` repairs."""
    plain = _write(tmp_path / "notes.md", GARBLED)
    plan = _write(tmp_path / "plan.md", GARBLED.replace("# Plan", "# MILESTONE: Plan"))
    assert main(["fix", "--scope", "milestones", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "plan.md" in out and "notes.md" not in out
    assert main(["fix", "--scope", "milestones", str(plain)]) == 0
    assert main(["fix", str(plain), str(plan)]) == 1  # the default: every file named
    out = capsys.readouterr().out
    assert "notes.md" in out and "plan.md" in out


def test_scope_milestones_is_the_builds_scope_roadmap_documents_and_front_matter_included(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--scope milestones`` repairs what a build with the default scope repairs (review gap 10)."""
    roadmap = _write(tmp_path / "ROADMAP.md", "# Roadmap\n\n## Milestones\n\n"
                     "- âœ… **v1.1 Integrations** -- Phases 1-2 (shipped 2026-02-17)\n\n"
                     "## Phases\n\n- [x] Phase 1: Git linking\n- [x] Phase 2: Slack\n")
    marked = _write(tmp_path / "marked.md", "---\nmilestone: true\n---\n" + GARBLED)
    changelog = _write(tmp_path / "CHANGELOG.md", "# Changes\n\n## v1.2\n\n- the cafÃ© page\n")
    assert main(["fix", "--scope", "milestones", str(roadmap), str(marked), str(changelog)]) == 1
    out = capsys.readouterr().out
    assert "+- ✅ **v1.1 Integrations**" in out and "marked.md" in out and "CHANGELOG.md" not in out
