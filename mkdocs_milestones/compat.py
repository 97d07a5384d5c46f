# SPDX-License-Identifier: MIT
"""What the MkDocs plugin does for other plugins: their names, options and the order they need.

* **mkdocs-static-i18n** rebuilds the site once per language (the whole build, ``on_config``
  included, with the same config and plugin objects) and, in its ``on_files`` (priority -100),
  re-creates every file from ``docs_dir``; a generated file (no source path) made it fail. With it,
  the plugin adds its files after it, per language: :func:`i18n_state`.
  Plugins that look at the files before it (mkdocs-redirects checks its targets there) see each
  language's roadmap as the author's pages are: :func:`add_placeholders`.
* **MkDocs' own search plugin** indexes every element of a page; Material's honours
  ``data-search-exclude``, which the plugin puts on its graphs, timeline chart, Mermaid source,
  repeated table heads and counters. With MkDocs' own, the plugin hands it the page without those
  elements and gives the page its content back before it is written: :func:`without_search_excluded`.
* **mkdocs-minify-plugin** with ``cache_safe: true`` reads each listed ``css_files``/``js_files``
  entry from ``docs_dir`` (or ``custom_dir``) before the build to name it after a hash of its
  content; the plugin's assets are generated, not files there, so that read failed. With it, the
  plugin names its assets after their (minified, if asked) content itself, the same way, and
  takes them out of minify's lists: :func:`asset_plan`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import CombinedEvent, event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["Asset", "I18nState", "add_placeholders", "asset_plan", "forget_earlier_config", "i18n_state", "mark_i18n_page",
           "MkDocsSearchExclusion", "mkdocs_search", "remove_files", "without_search_excluded"]

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

    def other(self, language: str) -> I18nState:
        """The same site's build of ``language``."""
        return replace(self, language=language, default=language == self.default_language)

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


def add_placeholders(files: Any, config: MkDocsConfig, lang: I18nState, path: str, content: str) -> list[Any]:
    """Under static-i18n, the generated page ``path`` in every language, as docs_dir would hold it
    had the author written it (``roadmap/index.md``, ``roadmap/index.fr.md``; ``en/...``, ``fr/...``),
    for the plugins that look at the files before static-i18n does (mkdocs-redirects checks its
    targets there). They must be taken out (:func:`remove_files`) before static-i18n's ``on_files``,
    which re-creates every file from its source path; the plugin adds each language's after it."""
    from mkdocs.structure.files import File

    added = []
    for code in lang.languages:
        f = File.generated(config, lang.other(code).page_src(path), content=content)
        if files.get_file_from_path(f.src_uri) is None:  # the author's own page stays
            files.append(f)
            added.append(f)
    return added


def remove_files(files: Any, gone: list[Any]) -> list[Any]:
    """Take these very files out of ``files`` (not another file at the same path); returns ``[]``."""
    for f in gone:
        if files.get_file_from_path(f.src_uri) is f:
            files.remove(f)
    return []


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


def mkdocs_search(config: MkDocsConfig) -> bool:
    """Whether the site's search plugin is MkDocs' own (which ignores ``data-search-exclude``)."""
    from mkdocs.contrib.search import SearchPlugin

    return any(type(p) is SearchPlugin for p in config.plugins.values())


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def without_search_excluded(html: str) -> str:
    """``html`` without the elements marked ``data-search-exclude`` (and their content), the rest
    byte for byte as it was.

    >>> without_search_excluded('<p>a</p><div data-search-exclude=""><div>b</div><br></div><p>c</p>')
    '<p>a</p><p>c</p>'
    >>> without_search_excluded('<svg data-search-exclude><g><path d="M0"/></g></svg> x')
    ' x'
    """
    if "data-search-exclude" not in html:
        return html
    from html.parser import HTMLParser

    starts = [0]
    for i, ch in enumerate(html):
        if ch == "\n":
            starts.append(i + 1)
    cuts: list[tuple[int, int]] = []

    class _Cutter(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.depth = 0
            self.cut_at: tuple[int, int] | None = None  # (depth, offset) of the element being cut

        def _offset(self) -> int:
            line, col = self.getpos()
            return starts[line - 1] + col

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _VOID:
                return
            if self.cut_at is None and any(k == "data-search-exclude" for k, _ in attrs):
                self.cut_at = (self.depth, self._offset())
            self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in _VOID:
                return
            self.depth -= 1
            if self.cut_at is not None and self.depth == self.cut_at[0]:
                end = html.find(">", self._offset()) + 1
                cuts.append((self.cut_at[1], end))
                self.cut_at = None

    parser = _Cutter()
    parser.feed(html)
    parser.close()
    if not cuts:
        return html
    out, pos = [], 0
    for a, b in cuts:
        out.append(html[pos:a])
        pos = b
    out.append(html[pos:])
    return "".join(out)


class MkDocsSearchExclusion:
    """The plugin's ``on_page_context``: under MkDocs' own search plugin, which indexes a page in
    its ``on_page_context`` (priority 0), the page's content is without its ``data-search-exclude``
    elements just before (priority 1) and whole again just after (-1), before the page is written."""

    _unhidden: tuple[Any, str] | None = None

    @event_priority(1)
    def _hide_from_search(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        content = page.content or ""
        if "data-search-exclude" in content and 'class="ms-' in content and mkdocs_search(config):  # pages it rendered
            self._unhidden = (page, page.content)
            page.content = without_search_excluded(page.content)
        return context

    @event_priority(-1)
    def _unhide(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        if self._unhidden is not None and self._unhidden[0] is page:
            page.content = self._unhidden[1]
        self._unhidden = None
        return context

    on_page_context = CombinedEvent(_hide_from_search, _unhide)
