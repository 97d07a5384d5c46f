# SPDX-License-Identifier: MIT
"""mkdocs-static-i18n: a warning about a translated page names the file the author edits
(``milestones/auth-rollout.fr.md:4``, ``fr/milestones/auth-rollout.md:4``), not the language-neutral
path the roadmap and export use for the page; the log names each language's export and its count."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ENV, REQUIRE, make_project, missing_modules
from .test_matrix import ROWS


def _project(row_name: str, tmp_path: Path) -> Path:
    row = next(r for r in ROWS if r.name == row_name)
    missing = missing_modules(row)
    if missing:
        if REQUIRE:
            pytest.fail(f"not installed: {missing}", pytrace=False)
        pytest.skip(f"not installed: {missing}")
    return make_project(row, tmp_path)


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.parametrize(("row_name", "french_only"), [
    ("i18n-suffix", "milestones/only-here.fr.md"), ("i18n-folder", "fr/milestones/only-here.md")])
def test_log_names_each_languages_export(row_name: str, french_only: str, tmp_path: Path) -> None:
    project = _project(row_name, tmp_path)
    (project / "docs" / french_only).write_text("# MILESTONE: Seulement en français\n\n**Status**: ⏳ Pending\n", encoding="utf-8")
    lines = [ln.split("milestones: ", 1)[1] for ln in _build(project).stderr.splitlines() if "milestones: wrote" in ln]
    assert lines == ["wrote milestones.json (7 milestones)", "wrote fr/milestones.json (8 milestones)"], lines


@pytest.mark.parametrize(("row_name", "french", "english"), [
    ("i18n-suffix", "milestones/auth-rollout.fr.md", "milestones/auth-rollout.md"),
    ("i18n-folder", "fr/milestones/auth-rollout.md", "en/milestones/auth-rollout.md"),
])
def test_dependency_warning_names_the_translated_file(row_name: str, french: str, english: str, tmp_path: Path) -> None:
    project = _project(row_name, tmp_path)
    page = project / "docs" / french
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("**Status**")
    lines.insert(3, "**Depends on**: [Nope](nope.md)\n")  # line 4
    page.write_text("".join(lines), encoding="utf-8")
    proc = _build(project)
    warnings = [ln for ln in proc.stderr.splitlines() if "WARNING" in ln and "milestones: " in ln and "nope" in ln.lower()]
    assert warnings, proc.stderr[-3000:]
    for w in warnings:
        assert re.search(rf"(?<![\w/.]){re.escape(french)}:4: ", w), w
        assert f"{english}:" not in w and " milestones/auth-rollout.md:" not in w, w
