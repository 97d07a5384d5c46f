# SPDX-License-Identifier: MIT
"""What the subcommands share about files: finding Markdown files, reading, diffing, writing atomically."""

from __future__ import annotations

import difflib
import os
import tempfile
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


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same directory."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            try:
                mode = path.stat().st_mode & 0o7777
            except FileNotFoundError:  # a new file: what open() would give it, not mkstemp's 0600
                umask = os.umask(0o022)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
        except OSError:  # pragma: no cover - permissions we cannot copy are not fatal
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
