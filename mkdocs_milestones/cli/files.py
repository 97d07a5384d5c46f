# SPDX-License-Identifier: MIT
"""What the subcommands share about files: finding Markdown files, reading, diffing (writing: :mod:`..atomic`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from pathlib import Path

BOM = "\ufeff"


def markdown_files(paths: Sequence[str]) -> Iterator[Path | str]:
    """Expand the arguments: files as given, directories to their ``*.md`` files (sorted).

    Yields an error message (a ``str``) for a path that does not exist.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.md") if p.is_file())
        elif path.is_file():
            yield path
        else:
            yield f"{raw}: no such file or directory"


def read(path: Path) -> tuple[str, bool]:
    """Read a UTF-8 file; return its text (line ends as they are) and whether it had a BOM."""
    text = path.read_bytes().decode("utf-8")
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def diff(path: Path, old: str, new: str) -> Iterator[str]:
    """A unified diff, with the ``\\ No newline at end of file`` marker where due."""
    name = path.as_posix().lstrip("/")
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                     fromfile=f"a/{name}", tofile=f"b/{name}"):
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n\\ No newline at end of file\n"
