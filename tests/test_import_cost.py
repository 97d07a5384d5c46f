# SPDX-License-Identifier: MIT
"""What a build imports (issue 17): the plugin's import and the mojibake repair's leave out what a build only
sometimes needs. Each check runs in a fresh interpreter (``sys.modules`` of this one holds everything)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mkdocs_milestones.history.repo import outside_git

ROOT = Path(__file__).parents[1]


def _loaded(code: str, *, cwd: Path | None = None) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it sets ``out`` (a dict), printed as JSON."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop("GIT_DIR", None)
    script = "import json, sys\nout = {}\n" + textwrap.dedent(code) + "\nprint(json.dumps(out))\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=cwd, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


HEAVY = (
    "ftfy", "wcwidth", "mkdocs_milestones.mojibake", "mkdocs_milestones.history.git", "mkdocs_milestones.history.cache",
    "mkdocs_milestones.history.log", "mkdocs_milestones.render.burnup", "mkdocs_milestones.cli", "xml.sax", "urllib.request",
    "http.client",
)
"""Modules a plain build outside git has no use for: none is imported with the plugin."""


def test_the_plugin_imports_nothing_heavy() -> None:
    out = _loaded(f"""
        import mkdocs_milestones.plugin
        out["heavy"] = sorted(m for m in {HEAVY!r} if m in sys.modules)
    """)
    assert out["heavy"] == []


def test_a_build_outside_git_runs_no_git_and_loads_no_reader(tmp_path: Path) -> None:
    if not outside_git(str(tmp_path)):
        pytest.skip(f"{tmp_path} is inside a git repository")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "m1.md").write_text("# M1: Plan\n\n**Status**: ✅ COMPLETE\n\n## Phases\n\n### Phase 1: Build ✅\n\n- [x] done\n",
                                encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - milestones\n", encoding="utf-8")
    out = _loaded("""
        import subprocess
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        calls = []
        real = subprocess.run
        subprocess.run = lambda *a, **k: (calls.append(a[0]), real(*a, **k))[1]
        build(load_config("mkdocs.yml"))
        out["git"] = [c for c in calls if "git" in str(c)]
        out["loaded"] = sorted(m for m in ("mkdocs_milestones.history.git", "mkdocs_milestones.render.burnup", "ftfy") if m in sys.modules)
    """, cwd=tmp_path)
    assert out == {"git": [], "loaded": []}
    assert (tmp_path / "site" / "m1" / "index.html").is_file() and (tmp_path / "site" / "milestones.ics").is_file()


def test_a_repair_imports_ftfy_only_for_a_line_it_repairs() -> None:
    out = _loaded("""
        from mkdocs_milestones import fix_mojibake
        out["ours"] = fix_mojibake("**Status**: ğŸ”„ IN PROGRESS\\ncafÃ© â”Œâ”€â”")
        out["after ours"] = sorted(m for m in ("ftfy", "wcwidth") if m in sys.modules)
        out["ftfy's"] = fix_mojibake("Blog Traffic Tip 2 вЂ“ Broadcast Email")
        out["after ftfy's"] = "ftfy" in sys.modules
    """)
    assert out == {"ours": "**Status**: 🔄 IN PROGRESS\ncafé ┌─┐", "after ours": [],
                   "ftfy's": "Blog Traffic Tip 2 – Broadcast Email", "after ftfy's": True}


def test_ftfy_sloppy_code_pages_read_as_ftfy_defines_them() -> None:
    """:mod:`mkdocs_milestones.mojibake._ftfy` reads ftfy's sloppy code pages without ftfy: byte for byte the same."""
    import ftfy.bad_codecs  # noqa: F401 - registers ftfy's codecs with Python's

    from mkdocs_milestones.mojibake._ftfy import _sloppy, decode, encode

    for encoding in [f"sloppy-windows-{n}" for n in range(1250, 1259)]:
        for byte in range(256):
            assert decode(bytes([byte]), encoding) == bytes([byte]).decode(encoding), (encoding, byte)
        for ch in {*_sloppy(encoding)[0], "\u0400", "\u20ac", "\u4e00"}:
            try:
                theirs: bytes | None = ch.encode(encoding)
            except UnicodeEncodeError:
                theirs = None
            try:
                ours: bytes | None = encode(ch, encoding)
            except UnicodeEncodeError:
                ours = None
            assert ours == theirs, (encoding, ch)


def test_ftfy_badness_loaded_alone_is_ftfys() -> None:
    import ftfy.badness

    from mkdocs_milestones.mojibake._ftfy import _badness_module, badness, is_bad

    module = _badness_module()
    assert module.BADNESS_RE.pattern == ftfy.badness.BADNESS_RE.pattern
    for text in ("cafÃ©", "plain", "â€œquotedâ€\x9d", "Ã\xa0 la"):
        assert (badness(text), is_bad(text)) == (ftfy.badness.badness(text), ftfy.badness.is_bad(text))


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs" / "deep").mkdir(parents=True)
    assert not outside_git(str(repo / "docs" / "deep"))
    worktree = tmp_path / "worktree"  # a linked work tree or submodule: .git is a file
    (worktree / "docs").mkdir(parents=True)
    (worktree / ".git").write_text("gitdir: ../repo/.git\n", encoding="utf-8")
    assert not outside_git(str(worktree / "docs"))
    bare = tmp_path / "bare.git"  # inside a git folder itself
    (bare / "objects").mkdir(parents=True)
    (bare / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert not outside_git(str(bare / "objects"))
    plain = tmp_path / "plain" / "docs"
    plain.mkdir(parents=True)
    above = [p for p in plain.parents if (p / ".git").exists()]
    assert outside_git(str(plain)) is (not above)
    monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    assert not outside_git(str(plain))
