# SPDX-License-Identifier: MIT
"""``mkdocs-milestones export``: the ``milestones.json`` document the plugin writes."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from ..dates import build_today
from ..export import export_json
from ..history import HistoryReader, page_histories
from ..links import LinkRules, link_rules
from ..site import collect_milestones
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
    try:
        config, plugin = _site_settings(args.config_file)
        links = _link_rules(config, plugin, args.repo_url)
        today = _today(args.today, plugin)
    except (OSError, ValueError) as exc:
        print(f"mkdocs-milestones export: {exc}", file=sys.stderr)
        return 2
    data = export_json(entries, histories, today=today, links=links)
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


def _site_settings(config_file: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """A site's mkdocs.yml and its ``milestones`` plugin options (both empty without a config file)."""
    if config_file is None:
        return {}, {}
    import yaml

    class _Loader(yaml.SafeLoader):
        """mkdocs.yml may hold tags (``!ENV``, ``!!python/name:``) that mean nothing here."""

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader) or {}  # noqa: S506 - a SafeLoader
    if not isinstance(config, dict):
        raise ValueError(f"{config_file}: not a mkdocs.yml mapping")
    plugins = config.get("plugins") or []
    found: object = plugins.get("milestones") if isinstance(plugins, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and "milestones" in plugin:
            found = plugin["milestones"]
    return config, found if isinstance(found, dict) else {}


def _today(given: date | None, plugin: dict[str, Any]) -> date | None:
    """``--today``, else the plugin's ``today`` option in mkdocs.yml, else None (the export's default)."""
    if given is not None or plugin.get("today") in (None, ""):
        return given
    try:
        return build_today(plugin["today"], {})
    except ValueError as exc:
        raise ValueError(f"today: {exc}") from None


def _link_rules(config: dict[str, Any], plugin: dict[str, Any], repo_url: str | None) -> LinkRules:
    """The issue-link rules of a site: ``repo_url`` and the ``milestones`` plugin's ``links`` in its mkdocs.yml."""
    repo_url = repo_url or config.get("repo_url")
    options = plugin.get("links", {})
    if options is True or options is None:
        options = {}
    try:
        return link_rules(repo_url if isinstance(repo_url, str) else None, options)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValueError(f"links: {exc}") from None
