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

__all__ = [
    "Diagnostic",
    "Milestone",
    "Phase",
    "is_milestone_source",
    "makeExtension",
    "parse_milestone",
]
__version__ = "0.1.0"


def makeExtension(**kwargs: Any) -> MilestonesExtension:  # noqa: N802 - Python-Markdown's name
    """Entry point for ``markdown.markdown(text, extensions=["mkdocs_milestones"])``."""
    from .extension import MilestonesExtension

    return MilestonesExtension(**kwargs)
