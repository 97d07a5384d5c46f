# SPDX-License-Identifier: MIT
"""The ``mkdocs-milestones`` command line.

Every ``PATH`` is a Markdown file or a directory (its ``*.md`` files, recursively, sorted).

``mkdocs-milestones fix [--write] [--quiet] PATH...``
    Repairs mojibake (UTF-8 read with the wrong code page) in Markdown files: prints a unified
    diff of what it would change on stdout, or rewrites the files in place with ``--write``.
    Exit status: 0 nothing needed repair, 1 something did (or was repaired), 2 usage error or
    unreadable file.

``mkdocs-milestones check [--docs-dir DIR] [--no-fix-mojibake] [--quiet] PATH...``
    Lints milestone documents without building the site. Prints the warnings a MkDocs build
    with the plugin prints for these documents, through the same library code (the parser's
    diagnostics, phase graph problems, ``Depends on`` references that name no milestone page,
    dependency cycles between milestones and milestones done before one they depend on, roadmap
    marker problems), one ``path:line: message`` per line on **stdout**, with ``path``
    as found on the command line. A summary line goes to **stderr** unless ``--quiet``.
    Markdown files that are neither milestone pages nor hold a roadmap marker are skipped.
    Mojibake is repaired in memory first, as the build does, and silently (the build only
    logs it at info level); ``--no-fix-mojibake`` turns that off, like the plugin option.
    Exit status: 0 no warning, 1 at least one warning, 2 usage error or unreadable file.

``mkdocs-milestones export [--output FILE] [--docs-dir DIR] [--no-fix-mojibake] [--no-history] [--today YYYY-MM-DD] [--use-directory-urls | --no-directory-urls] [--config-file MKDOCS_YML] [--repo-url URL] PATH...``
    Prints (or writes to ``FILE``) the ``milestones.json`` document the plugin writes for the
    milestone pages among the paths, in the very same shape (page paths relative to the docs
    folder; URLs as ``a/b/``, or ``a/b.html`` with ``--no-directory-urls``; each milestone's
    ``history`` from git unless ``--no-history``, or outside a repository; issue ``links`` from the
    ``repo_url`` and the plugin's ``links`` option of ``--config-file``, or ``--repo-url``). Exit status: 0
    written, 2 usage error, unreadable file or unwritable output.

``mkdocs-milestones roadmap [--output PAGE] [--title TITLE] [--filter WORDS] [--no-directory-urls] [--no-fix-mojibake] [--today YYYY-MM-DD] [--check] [--force] DOCS_DIR``
    Writes the roadmap page the plugin generates, for hosts without the plugin (Zensical, whose
    render cache keeps a marker page stale; other Python-Markdown hosts): every ``.md`` page under
    ``DOCS_DIR`` is read as the build reads it (mojibake repaired in memory unless
    ``--no-fix-mojibake``) and ``PAGE`` (default ``roadmap/index.md``, relative to ``DOCS_DIR``;
    an absolute path must lie inside it) gets a ``# TITLE`` heading (default ``Roadmap``) and the
    roadmap already expanded to HTML, links relative to the page's URL: the same block the plugin
    puts on its generated page, so it needs neither the plugin nor the extension to show. ``PAGE``
    itself is not read as a page. ``--filter`` takes the words of a marker (``status=in-progress
    priority=high folder=backend/ sections=list,graph limit=20``). The file is written atomically
    and only when its content changes (``mkdocs serve`` and ``zensical serve`` rebuild on each
    write); a file this command did not write is only replaced with ``--force``. The documents'
    warnings are not printed (``check`` does that), only counted in the summary line on
    **stderr**. ``--check`` writes nothing and tells whether the file is up to date.
    Exit status: 0 written or up to date, 1 (only with ``--check``) missing or out of date, 2
    usage error (a bad ``--filter`` too), unreadable page, bad ``DOCS_DIR`` or unwritable page.

The docs folder (``--docs-dir``): page paths in messages about other pages and in the export
are relative to it, and ``Depends on`` references resolve against it, as in the build. When
given, every page under it is read to resolve references (only the paths given are reported or
exported; paths outside it are skipped); without it, the docs folder is the directory given (or
the deepest folder holding every path) and only the paths given are known, so a dependency on
another page is warned about. ``check`` and ``fix`` work as pre-commit hooks (see
``.pre-commit-hooks.yaml``).

Each subcommand is a ``run(args) -> int`` function in its own module (``fix``, ``check``, ``export``,
``roadmap``), registered in :func:`_build_parser`; ``files`` and ``pages`` hold what they share.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from ..dates import build_today
from . import check as check_cmd
from . import export as export_cmd
from . import fix as fix_cmd
from . import roadmap as roadmap_cmd
from .roadmap import GENERATED_NOTE, KEYS, ROADMAP_OUTPUT, roadmap_page

__all__ = ["GENERATED_NOTE", "main", "roadmap_page"]


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
    fix.add_argument("--scope", choices=("all", "milestones"), default="all",
                     help="which of the files named to repair: all (the default: you chose the files, and "
                     "nothing changes without --write) or only milestone pages and roadmap documents, "
                     "what a build with the plugin's default fix_mojibake: milestones repairs")
    fix.set_defaults(func=fix_cmd.run)

    check = sub.add_parser(
        "check",
        help="lint milestone documents: print the warnings the MkDocs build would print",
        description="Lint milestone documents without building: prints the warnings a MkDocs "
        "build with the plugin prints for them, one 'path:line: message' per line on stdout, "
        "and a summary on stderr. Exit status: 0 no warning, 1 warnings, 2 usage error or "
        "unreadable file.",
    )
    _site_arguments(check)
    check.add_argument("--quiet", "-q", action="store_true",
                       help="print no summary line (the warnings are still printed)")
    check.set_defaults(func=check_cmd.run)

    export = sub.add_parser(
        "export",
        help="print the milestones.json document the plugin writes",
        description="Print (or write) the JSON export of the milestones among the paths, the "
        "same document the plugin writes as milestones.json. Exit status: 0 written, 2 usage "
        "error, unreadable file or unwritable output.",
    )
    _site_arguments(export)
    export.add_argument("--output", "-o", metavar="FILE",
                        help="write the JSON to FILE instead of stdout")
    _url_arguments(export)
    export.add_argument("--no-history", dest="history", action="store_false",
                        help="leave out each milestone's history from git (as the plugin's `history: false`)")
    _today_argument(export)
    export.add_argument("--config-file", "-f", metavar="MKDOCS_YML",
                        help="read repo_url and the milestones plugin's links option from the site's mkdocs.yml, "
                        "for each milestone's issue links")
    export.add_argument("--repo-url", metavar="URL", help="the site's repository for issue links (MkDocs' repo_url)")
    export.set_defaults(func=export_cmd.run)

    roadmap = sub.add_parser(
        "roadmap",
        help="write the roadmap page the plugin generates (for Zensical and other hosts without it)",
        description="Write the roadmap page the MkDocs plugin generates, already expanded to HTML, "
        "into the docs folder: for hosts without the plugin (Zensical, other Python-Markdown "
        "hosts). Written only when its content changes. Exit status: 0 written or up to date, "
        "1 (--check only) missing or out of date, 2 usage error, unreadable page or unwritable "
        "output.",
    )
    roadmap.add_argument("docs_dir", metavar="DOCS_DIR",
                         help="the docs folder: every *.md page under it is read")
    roadmap.add_argument("--output", "-o", metavar="PAGE", default=ROADMAP_OUTPUT,
                         help="the page to write, relative to DOCS_DIR (or an absolute path inside "
                         f"it), ending in .md (default: {ROADMAP_OUTPUT}, as the plugin)")
    roadmap.add_argument("--title", "-t", default="Roadmap",
                         help="the page's heading and title (default: Roadmap)")
    roadmap.add_argument("--filter", "-f", metavar="WORDS", default="",
                         help="which milestones and parts to show, in the words of a marker: "
                         "'status=in-progress priority=high folder=backend/' "
                         f"(keys: {', '.join(KEYS)}; default: everything)")
    _url_arguments(roadmap)
    _fix_mojibake_argument(roadmap)
    _today_argument(roadmap)
    roadmap.add_argument("--check", action="store_true",
                         help="write nothing; exit 1 when the page is missing or out of date")
    roadmap.add_argument("--force", action="store_true",
                         help="replace PAGE even when this command did not write it")
    roadmap.set_defaults(func=roadmap_cmd.run)
    return parser


def _site_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments ``check`` and ``export`` share."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, or directories (their *.md files, recursively)")
    parser.add_argument("--docs-dir", "-d", metavar="DIR",
                        help="the site's docs folder: paths are reported relative to it and "
                        "'Depends on' resolves against every page in it (default: the directory "
                        "given, or the deepest folder holding all the paths; then only the "
                        "paths given are known)")
    _fix_mojibake_argument(parser)


def _fix_mojibake_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-fix-mojibake", dest="fix_mojibake", action="store_false",
                        help="do not repair mojibake before reading (the plugin's "
                        "fix_mojibake: false)")


def _today_argument(parser: argparse.ArgumentParser) -> None:
    def day(value: str) -> date:
        try:
            return build_today(value, {})
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parser.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD",
                        help="the day overdue is measured against (the plugin's `today`; default: the date of "
                        "SOURCE_DATE_EPOCH, else today, UTC)")


def _url_arguments(parser: argparse.ArgumentParser) -> None:
    """``--use-directory-urls`` / ``--no-directory-urls``, as MkDocs' ``use_directory_urls``."""
    urls = parser.add_mutually_exclusive_group()
    urls.add_argument("--use-directory-urls", dest="use_directory_urls", action="store_true",
                      default=True, help="page URLs as a/b/ (the default of MkDocs and Zensical)")
    urls.add_argument("--no-directory-urls", dest="use_directory_urls", action="store_false",
                      help="page URLs as a/b.html (use_directory_urls: false)")


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


if __name__ == "__main__":
    raise SystemExit(main())
