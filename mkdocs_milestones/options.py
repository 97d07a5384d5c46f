# SPDX-License-Identifier: MIT
"""The plugin's options (``plugins: - milestones: {...}`` in mkdocs.yml), checked by MkDocs."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base, config_options as c

from .dates import build_today
from .extension import GRAPH_VALUES, OPEN_PHASE_VALUES
from .links import link_rules
from .render.feeds import feeds_option

__all__ = ["FeedsOption", "LinksOption", "MilestonesConfig", "MojibakeScope", "PathOrFalse", "PositiveInt", "TodayOption"]


class PathOrFalse(c.BaseConfigOption[Any]):
    """A path inside the site (a relative ``.json``/``.md`` path), or ``false`` to turn it off."""

    def __init__(self, default: str, suffix: str) -> None:
        super().__init__()
        self.default = default
        self.suffix = suffix

    def run_validation(self, value: object) -> str | bool:
        if value is False or value is None:
            return False
        if value is True:
            return self.default
        if not isinstance(value, str) or not value.strip():
            raise c.ValidationError(f"expected a relative path ending in {self.suffix} or false, got {value!r}")
        path = value.strip().replace("\\", "/")
        if path.startswith("/") or ".." in path.split("/") or not path.endswith(self.suffix):
            raise c.ValidationError(f"expected a relative path inside the site ending in {self.suffix} (or false), got {value!r}")
        return path


class MojibakeScope(c.BaseConfigOption[Any]):
    """Which pages the mojibake repair reads: ``milestones`` (also ``true``), ``all`` or ``false``."""

    def __init__(self) -> None:
        super().__init__()
        self.default = "milestones"

    def run_validation(self, value: object) -> str | bool:
        if value is True or value == "milestones":
            return "milestones"
        if value == "all":
            return "all"
        if value is False or value is None:
            return False
        raise c.ValidationError(f"expected one of: milestones (or true), all, false; got {value!r}")


class PositiveInt(c.Type[int]):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise c.ValidationError(f"expected a whole number of days, 1 or more; got {value!r}")
        return number


class FeedsOption(c.BaseConfigOption[Any]):
    """``true`` (every feed), ``false``, or a list of feeds: ``atom``, ``ics``, ``badges``."""

    def run_validation(self, value: object) -> tuple[str, ...]:
        try:
            return feeds_option(value)
        except ValueError as err:
            raise c.ValidationError(str(err)) from None


class TodayOption(c.BaseConfigOption[Any]):
    """A date (``2026-05-01``, as YAML reads it or as text), kept as ``YYYY-MM-DD``; unset: ``""``."""

    def run_validation(self, value: object) -> str:
        if value is None or value == "":
            try:  # unset: SOURCE_DATE_EPOCH decides; a bad one is a config error here, not a traceback later
                build_today(None)
            except ValueError as err:
                raise c.ValidationError(f"{err} (or set the plugin's today: YYYY-MM-DD)") from None
            return ""
        try:
            return build_today(value, {}).isoformat()
        except ValueError as err:
            raise c.ValidationError(str(err)) from None


class LinksOption(c.BaseConfigOption[Any]):
    """``true`` (the default), ``false``, or ``{provider: github|gitlab, trackers: {KEY: URL template}}``."""

    def __init__(self) -> None:
        super().__init__()
        self.default: Any = {}

    def run_validation(self, value: object) -> dict[str, Any] | bool:
        if value is True or value is None:
            return {}
        if value is False:
            return False
        if not isinstance(value, dict):
            raise c.ValidationError(f"expected true, false or a mapping with provider and trackers; got {value!r}")
        try:
            link_rules(None, value)
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from None
        return value


class MilestonesConfig(base.Config):
    fix_mojibake = MojibakeScope()
    """Repair mojibake (UTF-8 read as a legacy code page) before anything reads a page: in milestone
    pages (``milestones``, the default, or ``true``), in every page (``all``), or nowhere (``false``)."""
    open_phases = c.Choice(OPEN_PHASE_VALUES, default="in-progress")
    """Which phases start expanded: ``in-progress``, ``all`` or ``none``."""
    graph = c.Choice(GRAPH_VALUES, default="svg")
    """The phase dependency graph on each milestone page: ``svg``, ``mermaid`` or ``none``."""
    export = PathOrFalse("milestones.json", ".json")
    """Where to write the machine-readable export in the site, or ``false``."""
    roadmap = PathOrFalse("roadmap/index.md", ".md")
    """The generated roadmap page, or ``false``."""
    language = c.Optional(c.Type(str))
    """The language of the words the plugin writes (en, fr, de, es, ja, zh); default: the theme's."""
    labels = c.Type(dict, default={})
    """Replacements for single strings of the plugin's own words (keys as in ``mkdocs_milestones/i18n.py``)."""
    history = c.Type(bool, default=True)
    """Read each milestone's history from git: status changes and checks done over time."""
    history_cache = c.Type(str, default=".cache/plugin/milestones")
    """Where the history read from git is kept between builds (relative to the config file), so a build reads
    only the commits made since the last one; ``""`` keeps nothing."""
    changed_days = PositiveInt(default=30)
    """The period of the roadmap's "Changed in the last N days", in days."""
    today = TodayOption()
    """The day overdue is measured against (``YYYY-MM-DD``); unset: the date of ``SOURCE_DATE_EPOCH``, else the
    build's UTC date. Written into milestones.json, so a build is reproducible."""
    links = LinksOption()
    """Issue references as links: ``#123`` to the issue of ``repo_url`` (GitHub, GitLab), ``owner/repo#123`` to
    another repository's; ``provider:`` names the server of a self-hosted ``repo_url``, ``trackers:`` maps keys
    to URL templates (``{PROJ: "https://jira.example.com/browse/{key}"}``); ``false`` links nothing."""
    feeds = FeedsOption()
    """Generated feeds: ``milestones.atom``, ``milestones.ics``, ``badges/<slug>.json``; ``true``, ``false`` or a list of ``atom``, ``ics``, ``badges``."""
