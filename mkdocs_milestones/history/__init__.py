# SPDX-License-Identifier: MIT
"""Milestone history from git: the dated status changes and check counts of every milestone file.

Standard library plus the ``git`` command. One read costs two processes however many pages and
commits there are:

1. ``git log --first-parent --raw -M`` over the docs folder lists, newest first, every commit that
   touched it and the blob id of each changed file (renames detected, so a milestone keeps its
   history when its file moves inside the docs folder); Markdown files are picked by suffix;
2. one ``git cat-file --batch`` returns the contents of the versions not read before (of the files
   asked for: the plugin asks for those that may hold milestones now); each is repaired
   (:func:`~mkdocs_milestones.mojibake.fix_mojibake`, as the plugin repairs pages) and parsed with
   :func:`~mkdocs_milestones.roadmap_doc.parse_milestones`, front matter included: a milestone page
   gives its milestone, a roadmap document each of its milestones (keyed ``path#anchor``).

The history follows the first parent: a branch merged into the main line counts from the merge
commit, the day it landed, as a reader of the main line saw it. A version that changes neither the
status nor the check counts nor a phase status adds no point.

:class:`HistoryReader` keeps what it read between ``mkdocs serve`` rebuilds: the whole result for
an unchanged HEAD (and set of pages), and every parsed version by blob id, so a new commit costs
the ``git log`` and the versions it added; with a ``cache_dir`` (:mod:`.cache`) the same is kept on
disk for the next build's process. Without git, outside a repository or before the first
commit the reader returns a :class:`RepoHistory` with ``enabled`` false and a ``note`` saying why;
in a shallow clone ``partial`` is set and the histories that reach the clone's boundary say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .points import (
    MARKDOWN_SUFFIXES,
    Change,
    HistoryPoint,
    HistoryView,
    MilestoneHistory,
    PhaseState,
    RepoHistory,
    build_time,
    commit_url,
    entry_history_keys,
    entry_identities,
    history_keys,
    newest_first,
    page_histories,
    recent_changes,
    site_burnup,
)

if TYPE_CHECKING:
    from .git import SHALLOW_HINT, HistoryReader

__all__ = [
    "MARKDOWN_SUFFIXES",
    "SHALLOW_HINT",
    "Change",
    "HistoryPoint",
    "HistoryReader",
    "HistoryView",
    "MilestoneHistory",
    "PhaseState",
    "RepoHistory",
    "build_time",
    "commit_url",
    "entry_history_keys",
    "entry_identities",
    "history_keys",
    "newest_first",
    "page_histories",
    "recent_changes",
    "site_burnup",
]


def __getattr__(name: str) -> Any:
    """The reader (:mod:`.git`, with its cache file and log parsing) is imported when first asked for: a build whose
    docs folder is outside git, and the renderers that only show a history, never load it."""
    if name in ("HistoryReader", "SHALLOW_HINT"):
        from . import git

        return getattr(git, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
