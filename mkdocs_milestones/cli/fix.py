# SPDX-License-Identifier: MIT
"""``mkdocs-milestones fix``: repair mojibake in Markdown files (a diff, or ``--write``)."""

from __future__ import annotations

import argparse
import sys

from ..site import repair_in_scope
from ..atomic import write_atomically
from .files import BOM, diff, markdown_files, read


def run(args: argparse.Namespace) -> int:
    status = 0
    out = sys.stdout
    for item in markdown_files(args.paths):
        if isinstance(item, str):
            print(f"mkdocs-milestones fix: {item}", file=sys.stderr)
            status = 2
            continue
        try:
            text, bom = read(item)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mkdocs-milestones fix: {item}: cannot read as UTF-8: {exc}", file=sys.stderr)
            status = 2
            continue
        fixed, repairs = repair_in_scope(text, args.scope)
        if fixed == text:
            continue
        status = max(status, 1)
        if args.write:
            data = ((BOM if bom else "") + fixed).encode("utf-8")
            try:
                write_atomically(item, data)
            except OSError as exc:
                print(f"mkdocs-milestones fix: {item}: cannot write: {exc}", file=sys.stderr)
                status = 2
                continue
            if not args.quiet:
                print(f"{item}: repaired {len(repairs)} mojibake stretch"
                      f"{'es' if len(repairs) != 1 else ''}", file=out)
        elif not args.quiet:
            out.writelines(diff(item, text, fixed))
    return status
