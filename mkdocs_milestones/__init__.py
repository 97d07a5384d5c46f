# SPDX-License-Identifier: MIT
"""Milestone plans in Markdown, rendered as status pages for Python-Markdown and MkDocs.

``markdown.markdown(text, extensions=["mkdocs_milestones"])`` renders a milestone page; the MkDocs
plugin (``plugins: [milestones]``) adds the roadmap and ``milestones.json``. Importing this package
never imports MkDocs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Diagnostic, Milestone, Phase
from .parser import is_milestone_source, parse_milestone

if TYPE_CHECKING:
    from .extension import MilestonesExtension
    from .mojibake import fix_mojibake

__all__ = [
    "Diagnostic",
    "Milestone",
    "Phase",
    "fix_mojibake",
    "is_milestone_source",
    "makeExtension",
    "parse_milestone",
]
__version__ = "0.1.0"


def makeExtension(**kwargs: Any) -> MilestonesExtension:  # noqa: N802 - Python-Markdown's name
    """Entry point for ``markdown.markdown(text, extensions=["mkdocs_milestones"])``."""
    from .extension import MilestonesExtension

    return MilestonesExtension(**kwargs)


def __getattr__(name: str) -> Any:
    # ``fix_mojibake`` loads its tables (about 0.1 s) on first use, not when the package is imported.
    if name == "fix_mojibake":
        from .mojibake import fix_mojibake

        return fix_mojibake
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
