# SPDX-License-Identifier: MIT
"""What the MkDocs plugin does for other plugins: their names, options and the order they need.

* **mkdocs-static-i18n** rebuilds the site once per language (the whole build, ``on_config``
  included, with the same config and plugin objects) and, in its ``on_files`` (priority -100),
  re-creates every file from ``docs_dir``; a generated file (no source path) made it fail. With it,
  the plugin adds its files after it, per language: :func:`i18n_state`.
* **mkdocs-minify-plugin** with ``cache_safe: true`` reads each listed ``css_files``/``js_files``
  entry from ``docs_dir`` (or ``custom_dir``) before the build to name it after a hash of its
  content; the plugin's assets are generated, not files there, so that read failed. With it, the
  plugin names its assets after their (minified, if asked) content itself, the same way, and
  takes them out of minify's lists: :func:`asset_plan`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["Asset", "I18nState", "asset_plan", "forget_earlier_config", "i18n_state", "mark_i18n_page"]

_I18N_NAMES = ("i18n", "mkdocs-static-i18n")
_MINIFY_NAMES = ("minify", "mkdocs-minify-plugin")


def _plugin(config: MkDocsConfig, names: tuple[str, ...]) -> Any:
    plugins = config.plugins
    for name in names:
        if name in plugins:
            return plugins[name]
    return None


@dataclass(frozen=True)
class I18nState:
    """The language mkdocs-static-i18n is building, and where its pages go."""

    language: str
    default: bool
    """The default language's pages sit at the site's root; the others' under ``<language>/``."""
    structure: str = "suffix"
    """static-i18n's ``docs_structure``: ``suffix`` (``page.fr.md``) or ``folder`` (``fr/page.md``)."""
    default_language: str = ""
    languages: tuple[str, ...] = ()
    """Every language static-i18n builds."""

    @property
    def prefix(self) -> str:
        """``""`` for the default language, else ``"<language>/"``: where this build's pages go."""
        return "" if self.default else f"{self.language}/"

    def page_src(self, path: str) -> str:
        """The source path static-i18n gives this language's version of the page ``path``, so links
        to ``path`` from this language's pages find it as they find the author's pages.

        >>> I18nState("fr", False).page_src("roadmap/index.md"), I18nState("en", True).page_src("roadmap/index.md")
        ('roadmap/index.fr.md', 'roadmap/index.md')
        >>> I18nState("fr", False, "folder").page_src("roadmap/index.md")
        'fr/roadmap/index.md'
        """
        if self.structure == "folder":
            return f"{self.language}/{path}"
        if self.default:
            return path
        stem, dot, ext = path.rpartition(".")
        return f"{stem}.{self.language}.{ext}" if dot else f"{path}.{self.language}"


def i18n_state(config: MkDocsConfig) -> I18nState | None:
    """The static-i18n build in progress, or None when the site has no such plugin."""
    plugin = _plugin(config, _I18N_NAMES)
    if plugin is None or not hasattr(plugin, "current_language"):
        return None
    lang = plugin.current_language or getattr(plugin, "default_language", None)
    if not lang:
        return None
    structure = str(getattr(getattr(plugin, "config", None), "docs_structure", None) or "suffix")
    default = str(getattr(plugin, "default_language", None) or lang)
    languages = tuple(str(x) for x in (getattr(plugin, "build_languages", None) or [lang]))
    return I18nState(str(lang), lang == default, structure, default, languages)


def forget_earlier_config(config: MkDocsConfig, extension_type: type, asset_dir: str) -> None:
    """Take out what an earlier ``on_config`` of the plugin added: mkdocs-static-i18n runs the whole
    build again per language, ``on_config`` included, with the same config, so the previous build's
    extension and assets are replaced, not added to."""
    exts = config.markdown_extensions
    for old in [e for e in exts if isinstance(e, extension_type)]:
        exts.remove(old)
    for listed in (config.extra_css, config.extra_javascript):
        for entry in [e for e in listed if str(e).startswith(f"{asset_dir}/")]:
            listed.remove(entry)


def mark_i18n_page(page: Any, lang: I18nState, path: str, config: MkDocsConfig) -> None:
    """Give a generated page what static-i18n gives the author's: its locale and its versions in the
    other languages, so Material's language selector on it links to the same page in each language
    (without them, static-i18n leaves the selector as the previous page set it)."""
    from mkdocs.structure.files import File

    alternates = {}
    for code in lang.languages:
        other = File.generated(config, path, content="")
        if code != lang.default_language:
            other.dest_uri = f"{code}/{other.dest_uri}"
        alternates[code] = other
    alternates[lang.language] = page
    page.locale = lang.language
    page.locale_alternate_of = lang.language
    page.localization = None if lang.default else lang.language
    page.alternates = alternates
    page.norm_src_uri = path


@dataclass(frozen=True)
class Asset:
    name: str
    """``milestones.css`` or ``milestones.js``."""
    path: str
    """Where it goes in the site (and how ``extra_css``/``extra_javascript`` name it)."""
    content: str


def asset_plan(config: MkDocsConfig, folder: str, assets: dict[str, str], log: Any) -> list[Asset]:
    """The plugin's assets with the site path each gets: ``<folder>/<name>``, or, under minify's
    ``cache_safe``, ``<folder>/milestones.<hash6>[.min].css`` as minify itself names the files it
    lists (minified when its ``minify_css``/``minify_js`` is on)."""
    minify = _plugin(config, _MINIFY_NAMES)
    opts = getattr(minify, "config", None)
    if minify is None or not opts or not opts.get("cache_safe"):
        return [Asset(name, f"{folder}/{name}", content) for name, content in assets.items()]
    try:
        from mkdocs_minify_plugin.plugin import MINIFIERS
    except ImportError:  # pragma: no cover - a minify plugin of another name
        MINIFIERS = {}
    plan = []
    for name, content in assets.items():
        kind = name.rsplit(".", 1)[-1]
        plain_path = f"{folder}/{name}"
        listed = opts.get(f"{kind}_files") or []
        if isinstance(listed, str):
            listed = [listed]
        if plain_path in listed:
            # Its on_post_build would open <site>/<plain_path>, which no longer exists under that name.
            opts[f"{kind}_files"] = [p for p in listed if p != plain_path]
            log.info("minify: %s is named after its content by the milestones plugin (cache_safe); "
                     "it need not be listed in minify's %s_files", plain_path, kind)
        minified = bool(opts.get(f"minify_{kind}"))
        func = MINIFIERS.get(kind)
        if minified and func is not None:
            content = func(content, quote_chars="'\"`") if func.__name__ == "jsmin" else func(content)
        digest = hashlib.sha384(content.encode("utf-8")).hexdigest()[:6]
        stem = name.rsplit(".", 1)[0]
        plan.append(Asset(name, f"{folder}/{stem}.{digest}{'.min' if minified and func else ''}.{kind}", content))
    return plan
