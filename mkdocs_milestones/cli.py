# SPDX-License-Identifier: MIT
"""The ``mkdocs-milestones`` command line.

``mkdocs-milestones fix PATH...`` repairs mojibake in Markdown files: it prints a unified diff
of what it would change, or rewrites the files with ``--write``. Exit status: 0 when nothing
needed repair, 1 when something did (or was repaired), 2 on a usage error or an unreadable
file, so that the command works as a pre-commit hook.

Each subcommand is a ``_cmd_<name>(args) -> int`` function registered in :func:`_build_parser`.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from .mojibake import fix_mojibake_report

_BOM = "\ufeff"


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-milestones",
        description="Tools for Markdown milestone plans.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    fix = sub.add_parser(
        "fix",
        help="repair mojibake (UTF-8 read with the wrong code page) in Markdown files",
        description="Repair mojibake in Markdown files. Prints a unified diff of the repairs; "
        "with --write, rewrites the files in place. Exit status: 0 nothing to repair, 1 "
        "something needed repair, 2 usage error or unreadable file.",
    )
    fix.add_argument("paths", nargs="+", metavar="PATH",
                     help="files, or directories (their *.md files, recursively)")
    fix.add_argument("--write", "-w", action="store_true",
                     help="rewrite the files in place instead of printing a diff")
    fix.add_argument("--quiet", "-q", action="store_true",
                     help="print nothing, only set the exit status")
    fix.set_defaults(func=_cmd_fix)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when None.

    Returns:
        The exit status.
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code) if isinstance(exc.code, int) else 2
    try:
        return int(args.func(args))
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


# --------------------------------------------------------------------------------------------
# fix
# --------------------------------------------------------------------------------------------


def _markdown_files(paths: Sequence[str]) -> Iterator[Path | str]:
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


def _read(path: Path) -> tuple[str, bool]:
    """Read a UTF-8 file; return its text (line ends as they are) and whether it had a BOM."""
    text = path.read_bytes().decode("utf-8")
    if text.startswith(_BOM):
        return text[1:], True
    return text, False


def _diff(path: Path, old: str, new: str) -> Iterator[str]:
    """A unified diff, with the ``\\ No newline at end of file`` marker where due."""
    name = path.as_posix().lstrip("/")
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                     fromfile=f"a/{name}", tofile=f"b/{name}"):
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n\\ No newline at end of file\n"


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same directory."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except OSError:  # pragma: no cover - permissions we cannot copy are not fatal
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _cmd_fix(args: argparse.Namespace) -> int:
    status = 0
    out = sys.stdout
    for item in _markdown_files(args.paths):
        if isinstance(item, str):
            print(f"mkdocs-milestones fix: {item}", file=sys.stderr)
            status = 2
            continue
        try:
            text, bom = _read(item)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mkdocs-milestones fix: {item}: cannot read as UTF-8: {exc}", file=sys.stderr)
            status = 2
            continue
        fixed, repairs = fix_mojibake_report(text)
        if fixed == text:
            continue
        status = max(status, 1)
        if args.write:
            data = ((_BOM if bom else "") + fixed).encode("utf-8")
            try:
                _write_atomically(item, data)
            except OSError as exc:
                print(f"mkdocs-milestones fix: {item}: cannot write: {exc}", file=sys.stderr)
                status = 2
                continue
            if not args.quiet:
                print(f"{item}: repaired {len(repairs)} mojibake stretch"
                      f"{'es' if len(repairs) != 1 else ''}", file=out)
        elif not args.quiet:
            out.writelines(_diff(item, text, fixed))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
