# SPDX-License-Identifier: MIT
"""``mkdocs-milestones export``: the ``milestones.json`` document the plugin writes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import export_json
from ..history import HistoryReader, page_histories
from ..site import collect_milestones
from .files import write_atomically
from .pages import load_site


def run(args: argparse.Namespace) -> int:
    site = load_site(args, "export", use_directory_urls=args.use_directory_urls)
    if site.status:
        return site.status
    wanted = {t.page for t in site.targets}
    entries = [e for e in collect_milestones(site.pages, fix_mojibake=args.fix_mojibake)
               if e.page in wanted]
    histories = None
    if args.history:
        found = HistoryReader(fix_mojibake=args.fix_mojibake).read(site.root, {e.page for e in entries})
        histories = page_histories(entries, found.milestones) if found.enabled else None
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
