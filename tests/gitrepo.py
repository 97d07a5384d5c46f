# SPDX-License-Identifier: MIT
"""A throw-away git repository for the history and feed tests, with dated commits."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

GIT = shutil.which("git")


def milestone(title: str, status: str, phases: list[tuple[str, str, list[bool]]], *, created: str = "2025-01-01",
              duration: str = "6 weeks", extra: str = "") -> str:
    """A milestone document: ``phases`` as ``(title, status, [checked, ...])``."""
    out = [f"# MILESTONE: {title}", "", f"**Status**: {status}", f"**Created**: {created}",
           f"**Estimated Duration**: {duration}", extra, "", "## Phase Breakdown", ""]
    for i, (name, st, boxes) in enumerate(phases, 1):
        out += [f"### Phase {i}: {name}", "", f"**Status**: {st}", ""]
        out += [f"- [{'x' if b else ' '}] check {i}.{j}" for j, b in enumerate(boxes, 1)]
        out.append("")
    return "\n".join(out)


class GitRepo:
    """``git init`` in ``path``; :meth:`commit` takes a date so histories are reproducible."""

    def __init__(self, path: Path) -> None:
        if GIT is None:
            pytest.skip("git is not installed")
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Ann \"QA\" & Co")
        self.git("config", "user.email", "t@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, date: str | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
        return subprocess.run(["git", *args], cwd=self.path, env=env, check=True, capture_output=True, text=True).stdout

    def write(self, rel: str, text: str | bytes) -> None:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    def commit(self, message: str, date: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD").strip()
