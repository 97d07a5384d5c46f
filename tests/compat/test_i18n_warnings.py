# SPDX-License-Identifier: MIT
"""mkdocs-static-i18n: a warning about a translated page names the file the author edits
(``milestones/auth-rollout.fr.md:4``, ``fr/milestones/auth-rollout.md:4``), not the language-neutral
path the roadmap and export use for the page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ENV, REQUIRE, make_project, missing_modules
from .test_matrix import ROWS


@pytest.mark.parametrize(("row_name", "french", "english"), [
    ("i18n-suffix", "milestones/auth-rollout.fr.md", "milestones/auth-rollout.md"),
    ("i18n-folder", "fr/milestones/auth-rollout.md", "en/milestones/auth-rollout.md"),
])
def test_dependency_warning_names_the_translated_file(row_name: str, french: str, english: str, tmp_path: Path) -> None:
    row = next(r for r in ROWS if r.name == row_name)
    missing = missing_modules(row)
    if missing:
        if REQUIRE:
            pytest.fail(f"not installed: {missing}", pytrace=False)
        pytest.skip(f"not installed: {missing}")
    project = make_project(row, tmp_path)
    page = project / "docs" / french
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("**Status**")
    lines.insert(3, "**Depends on**: [Nope](nope.md)\n")  # line 4
    page.write_text("".join(lines), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    warnings = [ln for ln in proc.stderr.splitlines() if "WARNING" in ln and "milestones: " in ln and "nope" in ln.lower()]
    assert warnings, proc.stderr[-3000:]
    for w in warnings:
        assert re.search(rf"(?<![\w/.]){re.escape(french)}:4: ", w), w
        assert f"{english}:" not in w and " milestones/auth-rollout.md:" not in w, w
