# SPDX-License-Identifier: MIT
"""The pages of a site as ``check`` and ``export`` read them: the paths given, inside a docs folder."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..site import PageSource, page_url, read_docs_dir
from .files import markdown_files, read


@dataclass
class Target:
    """A file named on the command line: its page path in the site, and its path as shown."""

    page: str
    shown: str
    text: str


@dataclass
class Site:
    """What ``check`` and ``export`` work on."""

    targets: list[Target] = field(default_factory=list)
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


def load_site(args: argparse.Namespace, command: str, *, use_directory_urls: bool = True) -> Site:
    """Read the files named on the command line (and, with ``--docs-dir``, the rest of the site)."""
    site = Site()
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
    for item in markdown_files(args.paths):
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
            text, _ = read(item)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mkdocs-milestones {command}: {item}: cannot read as UTF-8: {exc}",
                  file=sys.stderr)
            site.status = 2
            continue
        # MkDocs reads pages in text mode: universal newlines, as here.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        site.targets.append(Target(rel, str(item), text))
    given = {t.page: PageSource(t.page, page_url(t.page, use_directory_urls=use_directory_urls),
                                t.text) for t in site.targets}
    if args.docs_dir is not None:
        others = read_docs_dir(str(root), use_directory_urls=use_directory_urls)
        site.pages = [given.pop(p.path, p) for p in others] + list(given.values())
    else:
        site.pages = list(given.values())
    return site
