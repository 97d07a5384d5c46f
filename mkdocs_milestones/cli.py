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

``mkdocs-milestones export [--output FILE] [--docs-dir DIR] [--no-fix-mojibake] [--no-history] [--use-directory-urls | --no-directory-urls] PATH...``
    Prints (or writes to ``FILE``) the ``milestones.json`` document the plugin writes for the
    milestone pages among the paths, in the very same shape (page paths relative to the docs
    folder; URLs as ``a/b/``, or ``a/b.html`` with ``--no-directory-urls``; each milestone's
    ``history`` from git unless ``--no-history``, or outside a repository). Exit status: 0
    written, 2 usage error, unreadable file or unwritable output.

``mkdocs-milestones roadmap [--output PAGE] [--title TITLE] [--filter WORDS] [--no-directory-urls] [--no-fix-mojibake] [--check] [--force] DOCS_DIR``
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

Each subcommand is a ``_cmd_<name>(args) -> int`` function registered in :func:`_build_parser`.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .export import MilestoneEntry, export_json
from .model import Diagnostic
from .mojibake import fix_mojibake_report
from .parser import split_front_matter
from .roadmap_marker import KEYS, RoadmapFilter, parse_marker
from .site import PageSource, collect_milestones, page_url, read_docs_dir

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
    check.set_defaults(func=_cmd_check)

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
    export.set_defaults(func=_cmd_export)

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
    roadmap.add_argument("--check", action="store_true",
                         help="write nothing; exit 1 when the page is missing or out of date")
    roadmap.add_argument("--force", action="store_true",
                         help="replace PAGE even when this command did not write it")
    roadmap.set_defaults(func=_cmd_roadmap)
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


# --------------------------------------------------------------------------------------------
# check and export: the pages of a site, read as the plugin reads them
# --------------------------------------------------------------------------------------------


@dataclass
class _Target:
    """A file named on the command line: its page path in the site, and its path as shown."""

    page: str
    shown: str
    text: str


@dataclass
class _Site:
    """What ``check`` and ``export`` work on."""

    targets: list[_Target] = field(default_factory=list)
    pages: list[PageSource] = field(default_factory=list)
    outside: int = 0
    """Files skipped because they lie outside ``--docs-dir``."""
    status: int = 0
    """2 when a path was missing or a file unreadable, else 0."""
    root: str = ""
    """The docs folder."""


def _docs_root(paths: Sequence[str]) -> Path:
    """The default docs folder: the directory given, or the deepest folder holding every path."""
    folders = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths]
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # pragma: no cover - paths on different Windows drives
        return Path.cwd()


def _load_site(args: argparse.Namespace, command: str, *, use_directory_urls: bool = True) -> _Site:
    """Read the files named on the command line (and, with ``--docs-dir``, the rest of the site)."""
    site = _Site()
    if args.docs_dir is not None:
        if not os.path.isdir(args.docs_dir):
            print(f"mkdocs-milestones {command}: {args.docs_dir}: not a directory", file=sys.stderr)
            site.status = 2
            return site
        root = Path(os.path.abspath(args.docs_dir))
    else:
        root = _docs_root([p for p in args.paths if os.path.exists(p)] or ["."])
    site.root = str(root)
    seen: set[str] = set()
    for item in _markdown_files(args.paths):
        if isinstance(item, str):
            print(f"mkdocs-milestones {command}: {item}", file=sys.stderr)
            site.status = 2
            continue
        rel = os.path.relpath(os.path.abspath(item), root).replace(os.sep, "/")
        if rel == ".." or rel.startswith("../"):
            site.outside += 1  # not a page of this site: the build never sees it
            continue
        if rel in seen:
            continue
        seen.add(rel)
        try:
            text, _ = _read(item)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mkdocs-milestones {command}: {item}: cannot read as UTF-8: {exc}",
                  file=sys.stderr)
            site.status = 2
            continue
        # MkDocs reads pages in text mode: universal newlines, as here.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        site.targets.append(_Target(rel, str(item), text))
    given = {t.page: PageSource(t.page, page_url(t.page, use_directory_urls=use_directory_urls),
                                t.text) for t in site.targets}
    if args.docs_dir is not None:
        others = read_docs_dir(str(root), use_directory_urls=use_directory_urls)
        site.pages = [given.pop(p.path, p) for p in others] + list(given.values())
    else:
        site.pages = list(given.values())
    return site


def _marker_problems(target: _Target, *, fix_mojibake: bool) -> list[Diagnostic] | None:
    """The roadmap marker problems the build reports for a page; None when it has no marker."""
    text = target.text
    if "<!--" not in text or "milestones" not in text:  # the extension's own cheap test
        return None
    if fix_mojibake:
        from .mojibake import fix_mojibake as fix

        text = fix(text)
    from .roadmap_marker import find_markers

    _, body, offset = split_front_matter(text)
    markers = find_markers(body, offset + 1)
    if not markers:
        return None
    return [Diagnostic(target.page, line, p) for _, _, line, _, problems in markers for p in problems]


def _cmd_check(args: argparse.Namespace) -> int:
    site = _load_site(args, "check")
    if site.status and not site.targets:
        return site.status
    entries = {e.page: e for e in collect_milestones(site.pages, fix_mojibake=args.fix_mojibake)}
    milestones = roadmaps = skipped = warnings = 0
    for target in site.targets:
        found: list[Diagnostic] = []
        entry = entries.get(target.page)
        if entry is not None:
            milestones += 1
            found += entry.all_warnings
        markers = _marker_problems(target, fix_mojibake=args.fix_mojibake)
        if markers is not None:
            roadmaps += entry is None
            found += markers
        elif entry is None:
            skipped += 1
            continue
        for d in sorted(found, key=lambda d: d.line):  # stable: the build's order within a line
            print(f"{target.shown}:{d.line}: {d.message}")
            warnings += 1
    if not args.quiet:
        print(_summary(milestones, roadmaps, skipped, site.outside, warnings), file=sys.stderr)
    return site.status or (1 if warnings else 0)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _summary(milestones: int, roadmaps: int, skipped: int, outside: int, warnings: int) -> str:
    """``checked 7 milestone documents (3 other Markdown files skipped): 2 warnings``."""
    done = f"checked {_plural(milestones, 'milestone document')}"
    if roadmaps:
        done += f" and {_plural(roadmaps, 'page')} with a roadmap marker"
    notes = []
    if skipped:
        notes.append(f"{_plural(skipped, 'other Markdown file')} skipped")
    if outside:
        notes.append(f"{_plural(outside, 'file')} outside the docs folder skipped")
    if notes:
        done += f" ({', '.join(notes)})"
    return f"{done}: {_plural(warnings, 'warning')}"


def _cmd_export(args: argparse.Namespace) -> int:
    site = _load_site(args, "export", use_directory_urls=args.use_directory_urls)
    if site.status:
        return site.status
    wanted = {t.page for t in site.targets}
    entries = [e for e in collect_milestones(site.pages, fix_mojibake=args.fix_mojibake)
               if e.page in wanted]
    histories = None
    if args.history:
        from .history import HistoryReader

        found = HistoryReader(fix_mojibake=args.fix_mojibake).read(site.root, [e.page for e in entries])
        histories = found.milestones if found.enabled else None
    data = export_json(entries, histories)
    if args.output is None:
        sys.stdout.write(data)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
    except OSError as exc:
        print(f"mkdocs-milestones export: {args.output}: cannot write: {exc}", file=sys.stderr)
        return 2
    return 0


# --------------------------------------------------------------------------------------------
# roadmap: the plugin's generated roadmap page, written into the docs folder
# --------------------------------------------------------------------------------------------

ROADMAP_OUTPUT = "roadmap/index.md"
"""The default page, the plugin's default ``roadmap`` option."""
GENERATED_NOTE = (
    "<!-- Generated by `mkdocs-milestones roadmap` from the milestone pages: do not edit, "
    "the next run overwrites this file. -->"
)
"""Second block of the written page (after the heading, which must stay first: MkDocs takes the
page title from a leading ``<h1>`` only). Its first words tell this command the file is its own."""
_GENERATED_MARK = "Generated by `mkdocs-milestones roadmap`"


def _roadmap_heading(title: str) -> str:
    """The title as an ATX heading's text (Markdown specials escaped, as the plugin's page does)."""
    title = " ".join(title.split())
    return re.sub(r"[\\`*_\[\]<>#]", lambda m: "&lt;" if m.group(0) == "<" else "\\" + m.group(0), title)


def roadmap_page(entries: list[MilestoneEntry], *, page_url: str, title: str = "Roadmap",
                 filters: RoadmapFilter | None = None) -> str:
    """The Markdown the ``roadmap`` command writes.

    The roadmap block is the one the extension puts in place of the plugin's generated page's
    ``<!-- milestones -->`` marker (its first marker: id ``ms-roadmap-1``, no title of its own).
    """
    from .render.roadmap import render_roadmap

    block = render_roadmap(entries, page_url=page_url, filters=filters, title=None,
                           id_prefix="ms-roadmap-1")
    return f"# {_roadmap_heading(title)}\n\n{GENERATED_NOTE}\n\n{block}\n"


def _fail(message: str) -> int:
    print(f"mkdocs-milestones roadmap: {message}", file=sys.stderr)
    return 2


def _output_page(docs: Path, output: str) -> tuple[str, str] | str:
    """``(page path relative to the docs folder, shown path)``, or an error message."""
    raw = Path(output)
    target = Path(os.path.abspath(raw if raw.is_absolute() else docs / raw))
    try:
        rel = os.path.relpath(target, docs).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - another Windows drive
        rel = ".."
    if rel == "." or rel == ".." or rel.startswith("../"):
        return f"--output {output}: not a page inside the docs folder {docs}"
    if not rel.endswith(".md") or rel.endswith("/.md"):
        return f"--output {output}: the roadmap page must be a Markdown file (*.md)"
    if target.is_dir():
        return f"--output {output}: is a directory"
    return rel, str(target)


def _current(path: Path) -> str | None:
    """The page as it is on disk (BOM and CRLF line ends aside), or None when missing/unreadable."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text.removeprefix(_BOM).replace("\r\n", "\n")


def _cmd_roadmap(args: argparse.Namespace) -> int:
    if not os.path.isdir(args.docs_dir):
        return _fail(f"{args.docs_dir}: not a directory")
    if not args.title.strip():
        return _fail("--title is empty")
    flt, problems = parse_marker(args.filter)
    if problems:
        for p in problems:
            _fail("--filter: " + p.replace(" in the milestones marker", " in --filter"))
        return 2
    docs = Path(os.path.abspath(args.docs_dir))
    found = _output_page(docs, args.output)
    if isinstance(found, str):
        return _fail(found)
    rel, shown = found
    target = docs / rel
    if not os.path.isabs(args.output):  # as the user named the docs folder: docs/roadmap/index.md
        shown = os.path.join(args.docs_dir, *rel.split("/"))

    # The page itself is no input: its previous content is the roadmap, not a page of the plan.
    unreadable: dict[str, str] = {}
    pages = [p for p in read_docs_dir(str(docs), use_directory_urls=args.use_directory_urls, errors=unreadable)
             if p.path != rel]
    unreadable.pop(rel, None)  # the page itself is checked below
    if unreadable:
        for page, reason in unreadable.items():
            _fail(f"{docs / page}: cannot read as UTF-8: {reason}")
        return 2
    entries = collect_milestones(pages, fix_mojibake=args.fix_mojibake)
    url = page_url(rel, use_directory_urls=args.use_directory_urls)
    text = roadmap_page(entries, page_url=url, title=args.title, filters=flt)

    count = len(flt.apply(entries))
    what = _plural(count, "milestone") if count == len(entries) else f"{count} of {_plural(len(entries), 'milestone')}"
    warnings = sum(len(e.all_warnings) for e in entries)
    if warnings:
        what += f", {_plural(warnings, 'warning')}: see mkdocs-milestones check {args.docs_dir}"

    current = _current(target) if target.exists() else None
    if current == text:
        print(f"{shown}: up to date ({what})", file=sys.stderr)
        return 0
    if target.exists() and not args.force and (current is None or _GENERATED_MARK not in current):
        return _fail(f"{shown}: exists and was not written by mkdocs-milestones roadmap; "
                     "choose another --output, or pass --force to replace it")
    if args.check:
        state = "missing" if not target.exists() else "out of date"
        print(f"{shown}: {state} ({what}); run mkdocs-milestones roadmap without --check",
              file=sys.stderr)
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, text.encode("utf-8"))
    except OSError as exc:
        return _fail(f"{shown}: cannot write: {exc}")
    print(f"wrote {shown} ({what})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
