# SPDX-License-Identifier: MIT
"""The extension's options (the plugin's key names), their checks, and the packaged assets."""

from __future__ import annotations

from typing import Any

from ..dates import build_today
from ..links import LinkRules, link_rules
from ..site import mojibake_scope

__all__ = ["ASSET_CSS", "GRAPH_VALUES", "OPEN_PHASE_VALUES", "assets_html", "check_config", "config_link_rules", "default_config"]

OPEN_PHASE_VALUES = ("in-progress", "all", "none")
GRAPH_VALUES = ("svg", "mermaid", "none")
ASSET_CSS = ("milestones.css", "graph.css", "roadmap.css", "history.css")
"""The stylesheets, in cascade order; the plugin serves them as one file."""


def default_config() -> dict[str, list[Any]]:
    """Python-Markdown's ``[default, description]`` table."""
    return {
        "fix_mojibake": [
            "milestones",
            "Repair mojibake (UTF-8 read as a legacy code page): in milestone pages and roadmap documents "
            "(milestones, the default, or true), in every page (all), or nowhere (false).",
        ],
        "today": ["", "The day overdue is measured against (YYYY-MM-DD); empty: the date of SOURCE_DATE_EPOCH, else today's UTC date."],
        "open_phases": ["in-progress", "Which phases start expanded: in-progress, all or none."],
        "graph": ["svg", "Phase dependency graph: svg, mermaid or none."],
        "strict": [False, "Raise MilestoneError on document problems (for hosts whose --strict ignores warnings)."],
        "report": [True, "Log document problems as warnings on logger mkdocs.plugins.milestones."],
        "inline_assets": [
            "auto",
            "Put the stylesheet and the small link-opening script in each milestone page: true, false, or "
            "auto (on hosts without the MkDocs plugin that expose the page, such as Zensical).",
        ],
        "repo_url": ["", "The site's repository (MkDocs' repo_url): #123 links to its issue 123 on GitHub or GitLab."],
        "links": [
            {},
            "Issue links: false (none), or {provider: github|gitlab, trackers: {PROJ: 'https://jira.example.com/browse/{key}'}}.",
        ],
    }


def check_config(get: Any) -> None:
    """Reject values Python-Markdown's own checks let through (``get`` is ``Extension.getConfig``)."""
    try:
        mojibake_scope(get("fix_mojibake"))
    except ValueError as exc:
        raise ValueError(f"milestones: fix_mojibake: {exc}") from None
    try:
        build_today(get("today"), {})
    except ValueError as exc:
        raise ValueError(f"milestones: today: {exc}") from None
    if get("open_phases") not in OPEN_PHASE_VALUES:
        raise ValueError(f"milestones: open_phases must be one of {', '.join(OPEN_PHASE_VALUES)}; got {get('open_phases')!r}")
    if get("inline_assets") not in (True, False, "auto"):
        raise ValueError(f"milestones: inline_assets must be true, false or auto; got {get('inline_assets')!r}")
    if get("graph") not in GRAPH_VALUES:
        raise ValueError(f"milestones: graph must be one of {', '.join(GRAPH_VALUES)}; got {get('graph')!r}")
    config_link_rules(get)


def config_link_rules(get: Any) -> LinkRules:
    """The issue-link rules of the options ``repo_url`` and ``links`` (a ``ValueError`` names a bad one)."""
    links, repo_url = get("links"), get("repo_url")
    if not isinstance(repo_url, str):
        raise ValueError(f"milestones: repo_url must be a URL; got {repo_url!r}")
    if links is True or links is None:
        links = {}
    try:
        return link_rules(repo_url, links if links is False else dict(links))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"milestones: links: {exc}") from None


def asset_text(name: str) -> str:
    """A packaged asset; ``milestones.css`` is the stylesheets of :data:`ASSET_CSS` joined."""
    from importlib import resources

    folder = resources.files("mkdocs_milestones") / "assets"
    if name == "milestones.css":
        return "\n".join((folder / n).read_text(encoding="utf-8") for n in ASSET_CSS if (folder / n).is_file())
    return (folder / name).read_text(encoding="utf-8")


def assets_html() -> str:
    """The package's stylesheet and script as inline ``<style>``/``<script>`` (for hosts without the plugin)."""
    return f"<style>\n{asset_text('milestones.css')}\n</style>\n<script>\n{asset_text('milestones.js')}\n</script>"
