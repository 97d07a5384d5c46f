# SPDX-License-Identifier: MIT
"""``mkdocs-milestones check``: the warnings a build with the plugin prints, without building."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..model import Diagnostic, MilestoneEntry
from ..parser import split_front_matter
from ..roadmap.markers import find_markers, unmatched_filters
from ..site import collect_milestones
from .pages import Target, load_site


def _marker_problems(target: Target, entries: Sequence[MilestoneEntry], *, fix_mojibake: bool) -> list[Diagnostic] | None:
    """The roadmap marker problems the build reports for a page (with an owner= or tag= that matches none of
    the site's ``entries``); None when it has no marker."""
    text = target.text
    if "<!--" not in text or "milestones" not in text:  # the extension's own cheap test
        return None
    if fix_mojibake:
        from ..mojibake import fix_mojibake as fix

        text = fix(text)

    _, body, offset = split_front_matter(text)
    markers = find_markers(body, offset + 1)
    if not markers:
        return None
    return [Diagnostic(target.page, line, p) for _, _, line, flt, problems in markers
            for p in [*problems, *unmatched_filters(flt, entries)]]


def run(args: argparse.Namespace) -> int:
    site = load_site(args, "check")
    if site.status and not site.targets:
        return site.status
    entries: dict[str, list[MilestoneEntry]] = {}  # a roadmap document holds several
    every = collect_milestones(site.pages, fix_mojibake=args.fix_mojibake)
    for e in every:
        entries.setdefault(e.page, []).append(e)
    milestones = roadmaps = skipped = warnings = 0
    for target in site.targets:
        found: list[Diagnostic] = []
        entry = entries.get(target.page)
        if entry is not None:
            milestones += 1
            found += [d for e in entry for d in e.all_warnings]
        markers = _marker_problems(target, every, fix_mojibake=args.fix_mojibake)
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


def plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _summary(milestones: int, roadmaps: int, skipped: int, outside: int, warnings: int) -> str:
    """``checked 7 milestone documents (3 other Markdown files skipped): 2 warnings``."""
    done = f"checked {plural(milestones, 'milestone document')}"
    if roadmaps:
        done += f" and {plural(roadmaps, 'page')} with a roadmap marker"
    notes = []
    if skipped:
        notes.append(f"{plural(skipped, 'other Markdown file')} skipped")
    if outside:
        notes.append(f"{plural(outside, 'file')} outside the docs folder skipped")
    if notes:
        done += f" ({', '.join(notes)})"
    return f"{done}: {plural(warnings, 'warning')}"
