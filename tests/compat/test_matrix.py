# SPDX-License-Identifier: MIT
"""The demo with each popular plugin or Material feature, one at a time: the build passes
``--strict``, the milestone pages render, the roadmap lists every milestone with links that
resolve, and ``milestones.json`` agrees with it (see ``conftest.check_site``). Pages other plugins
write or change (macros, include-markdown, gen-files after the plugin, the meta plugin's front
matter, blog posts, exclude after the plugin) are listed as each page converts: the roadmap and
export are built from what the pages' own conversions found."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEMO_MILESTONES, REQUIRE, Build, Row, check_site, missing_modules, page_file, resolve

def _milestones_at(plugins: list[Any]) -> int:
    """Where the milestones plugin is listed: ``- milestones`` or ``- milestones: {options}``."""
    return next(i for i, p in enumerate(plugins) if p == "milestones" or (isinstance(p, dict) and "milestones" in p))


def _milestones_options(cfg: dict[str, Any], **options: Any) -> None:
    """Set options of the milestones plugin, keeping those the demo sets."""
    at = _milestones_at(cfg["plugins"])
    entry = cfg["plugins"][at]
    cfg["plugins"][at] = {"milestones": {**(entry["milestones"] or {} if isinstance(entry, dict) else {}), **options}}


def _plugins(cfg: dict[str, Any], *entries: Any, before: bool = False) -> None:
    """Add plugin entries after the milestones plugin (or just before it)."""
    plugins = cfg["plugins"]
    at = _milestones_at(plugins)
    cfg["plugins"] = plugins[:at] + list(entries) + plugins[at:] if before else plugins + list(entries)


def _write(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _milestone(title: str, status: str = "🔄 In Progress") -> str:
    return (
        f"# MILESTONE: {title}\n\n**Status**: {status}\n**Created**: 2026-02-01\n\n"
        "## Phases\n\n### Phase 1: Only phase\n\n**Status**: ⏳ Pending\n\n- [ ] Done when done\n"
    )


# ---- rows --------------------------------------------------------------------------------------
def tags(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, "tags")
    page = project / "docs/milestones/auth-rollout.md"
    page.write_text("---\ntags:\n  - security\n---\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")


def check_tags(build: Build) -> None:
    assert "security" in build.text("milestones/auth-rollout/index.html")


def blog(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, "blog")
    _write(project, "docs/blog/index.md", "# Blog\n")
    _write(project, "docs/blog/posts/hello.md", "---\ndate: 2026-01-15\n---\n\n# Hello\n\nA post.\n")


def blog_milestone(project: Path, cfg: dict[str, Any]) -> None:
    blog(project, cfg)
    _write(project, "docs/blog/posts/plan.md", "---\ndate: 2026-01-20\n---\n\n" + _milestone("Blog launch plan"))


def offline(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, "offline")


def privacy(project: Path, cfg: dict[str, Any]) -> None:
    # Material's own bundle names mermaid on unpkg.com, which privacy downloads (CI has no network);
    # the milestones plugin asks for nothing external.
    _plugins(cfg, {"privacy": {"assets_exclude": ["unpkg.com/*"]}})


def awesome_nav(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, "awesome-nav")
    _write(project, "docs/.nav.yml", "nav:\n  - index.md\n  - Roadmap: roadmap\n  - milestones\n  - guide\n")


def check_awesome_nav(build: Build) -> None:
    nav = re.findall(r'<a href="([^"]+)" class="md-nav__link', build.text("index.html"))
    assert nav and nav.index("roadmap/") < nav.index("milestones/auth-rollout/"), nav


def macros(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, "macros")
    cfg["extra"] = {"team": "Platform team"}
    page = project / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMaintained by {{ team }}.\n", encoding="utf-8")


def check_macros(build: Build) -> None:
    assert "Maintained by Platform team." in build.text("index.html")


def macros_milestone(project: Path, cfg: dict[str, Any]) -> None:
    macros(project, cfg)
    cfg["extra"]["launch_status"] = "✅ Done"
    # A done milestone with its one phase done too (done with unticked boxes is warned about).
    text = _milestone("Macro launch", "{{ launch_status }}").replace("⏳ Pending", "✅ Done").replace("- [ ]", "- [x]")
    _write(project, "docs/milestones/macro.md", text)


def check_macros_milestone(build: Build) -> None:
    export = json.loads(build.text("milestones.json"))
    assert {m["page"]: m["status"] for m in export["milestones"]}["milestones/macro.md"] == "done"


def include_markdown(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, "include-markdown")
    _write(project, "parts/plan.md", _milestone("Assembled plan"))
    _write(project, "docs/milestones/assembled.md", '{% include-markdown "../../parts/plan.md" %}\n')


def gen_files(before: bool) -> Any:
    def setup(project: Path, cfg: dict[str, Any]) -> None:
        _plugins(cfg, {"gen-files": {"scripts": ["gen.py"]}}, before=before)
        _write(project, "gen.py", (
            "import mkdocs_gen_files\n"
            "with mkdocs_gen_files.open('milestones/generated.md', 'w') as f:\n"
            f"    f.write({_milestone('Generated plan')!r})\n"
        ))
    return setup


def git_repo(project: Path) -> list[list[str]]:
    return [["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "demo"]]


def git_revision_date(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, {"git-revision-date-localized": {"enable_creation_date": True}})


def git_revision_commands(project: Path) -> list[list[str]]:
    return [*git_repo(project), [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]]


def check_git_revision_date(build: Build) -> None:
    assert "git-revision-date-localized-plugin" in build.text("milestones/auth-rollout/index.html")


MINIFY_ASSETS = {"css_files": ["assets/mkdocs_milestones/milestones.css"], "js_files": ["assets/mkdocs_milestones/milestones.js"]}


def minify(cache_safe: bool) -> Any:
    def setup(project: Path, cfg: dict[str, Any]) -> None:
        _plugins(cfg, {"minify": {"minify_html": True, "minify_css": True, "minify_js": True, "cache_safe": cache_safe, **MINIFY_ASSETS}})
    return setup


def check_minify(build: Build) -> None:
    page = build.text("milestones/auth-rollout/index.html")
    links = re.findall(r'(?:href|src)="?([^" >]*assets/mkdocs_milestones/[^" >]+)', page)
    assert len(links) == 2 and all(".min." in u for u in links), links
    for u in links:
        css = page_file(build.site, "milestones/auth-rollout/" + u)
        assert css.resolve().is_file(), f"{u} is not in the site"


def redirects(project: Path, cfg: dict[str, Any]) -> None:
    # Listed before milestones, redirecting to a roadmap the plugin generates.
    _plugins(cfg, {"redirects": {"redirect_maps": {"plan.md": "status/index.md"}}}, before=True)
    _milestones_options(cfg, roadmap="status/index.md")


def check_redirects(build: Build) -> None:
    assert "status/" in build.text("plan/index.html")
    assert len(re.findall(r"<tr data-page=", build.text("status/index.html"))) == len(DEMO_MILESTONES)


def exclude(before: bool) -> Any:
    def setup(project: Path, cfg: dict[str, Any]) -> None:
        _plugins(cfg, {"exclude": {"glob": ["milestones/legacy-api-sunset.md"]}}, before=before)
    return setup


def mike_commands(project: Path) -> list[list[str]]:
    return [
        *git_repo(project),
        [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())", "deploy", "--config-file", "mkdocs.yml", "1.0"],
        ["git", "worktree", "add", "-q", "pages", "gh-pages"],
    ]


def mike(project: Path, cfg: dict[str, Any]) -> None:
    cfg["extra"] = {"version": {"provider": "mike"}}
    cfg["strict"] = True  # `mike deploy` runs `mkdocs build` without --strict; MkDocs' own option makes it strict


FR_TITLE = "Déploiement de l'authentification unique"


def i18n(structure: str, before: bool) -> Any:
    def setup(project: Path, cfg: dict[str, Any]) -> None:
        languages = [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "fr", "name": "Français", "build": True},
        ]
        _plugins(cfg, {"i18n": {"docs_structure": structure, "languages": languages}}, before=before)
        docs = project / "docs"
        source = (docs / "milestones/auth-rollout.md").read_text(encoding="utf-8")
        french = re.sub(r"^# MILESTONE: .*$", f"# MILESTONE: {FR_TITLE}", source, count=1, flags=re.M)
        index = (docs / "index.md").read_text(encoding="utf-8").replace("# Acme platform roadmap", "# Feuille de route Acme")
        if structure == "suffix":
            _write(project, "docs/milestones/auth-rollout.fr.md", french)
            _write(project, "docs/index.fr.md", index)
        else:
            english = project / "en"
            (docs).rename(english)
            docs.mkdir()
            english.rename(docs / "en")
            _write(project, "docs/fr/milestones/auth-rollout.md", french)
            _write(project, "docs/fr/index.md", index)
        shutil_rm(docs / ("roadmap" if structure == "suffix" else "en/roadmap"))  # the plugin generates it per language
    return setup


def shutil_rm(path: Path) -> None:
    import shutil

    shutil.rmtree(path)


def check_i18n(build: Build) -> None:
    fr = json.loads(build.text("fr/milestones.json"))
    en = json.loads(build.text("milestones.json"))
    assert (en["lang"], fr["lang"]) == ("en", "fr")
    titles = {m["page"]: m["title"] for m in fr["milestones"]}
    assert titles["milestones/auth-rollout.md"] == FR_TITLE  # the translation
    assert titles["milestones/billing-v2.md"] == "Billing v2"  # the untranslated fallback
    assert {m["page"]: m["title"] for m in en["milestones"]}["milestones/auth-rollout.md"] == "Single sign-on rollout"
    roadmap_fr = build.text("fr/roadmap/index.html")
    assert re.search(r"<h1[^>]*>Feuille de route", roadmap_fr) and ">Jalons</h2>" in roadmap_fr and ">Statut</th>" in roadmap_fr
    assert FR_TITLE.replace("'", "&#x27;") in roadmap_fr or FR_TITLE.replace("'", "&#39;") in roadmap_fr or FR_TITLE in roadmap_fr
    assert re.search(r"<h1[^>]*>Roadmap", build.text("roadmap/index.html"))
    assert 'ms-kicker">Jalon<' in build.text("fr/milestones/billing-v2/index.html")
    # Material's language selector on a roadmap goes to the roadmap of the other language.
    for url, other, want in (("fr/roadmap/", "en", "roadmap/"), ("roadmap/", "fr", "fr/roadmap/")):
        page = build.text(url + "index.html")
        links = set(re.findall(rf'href="([^"]+)" hreflang="{other}"', page))
        assert links and {resolve(url, h) for h in links} == {want}, (url, links)
    # The home page's link to roadmap/index.md finds this language's roadmap.
    assert 'href="roadmap/"' in build.text("fr/index.html")


def i18n_redirects(before: bool) -> Any:
    """static-i18n (suffix), and mkdocs-redirects targeting the generated roadmap, listed before or after milestones."""
    def setup(project: Path, cfg: dict[str, Any]) -> None:
        i18n("suffix", before=False)(project, cfg)
        _plugins(cfg, {"redirects": {"redirect_maps": {"plan.md": "roadmap/index.md"}}}, before=before)
    return setup


def check_i18n_redirects(build: Build) -> None:
    check_i18n(build)
    # mkdocs-redirects writes its pages in the default language's build only (for the author's pages too).
    page = build.text("plan/index.html")
    target = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    assert target and resolve("plan/", target.group(1)) == "roadmap/", target and target.group(1)


def instant(project: Path, cfg: dict[str, Any]) -> None:
    cfg["theme"]["features"] = [*cfg["theme"].get("features", []), "navigation.instant"]


def check_instant(build: Build) -> None:
    for page in build.site.rglob("*.html"):
        for svg in re.findall(r"<svg\b.*?</svg>", page.read_text(encoding="utf-8"), flags=re.S):
            assert not re.search(r"<a\s[^>]*(?<![:\w-])href=", svg), f"{page}: an SVG link with a plain href"


def meta(project: Path, cfg: dict[str, Any]) -> None:
    _plugins(cfg, "meta", "tags")
    _write(project, "docs/milestones/.meta.yml", "tags:\n  - plan\n")


def meta_milestone(project: Path, cfg: dict[str, Any]) -> None:
    # Front matter from the meta plugin makes a folder's pages milestones.
    _plugins(cfg, "meta")
    _write(project, "docs/plans/.meta.yml", "milestone: true\n")
    _write(project, "docs/plans/launch.md", _milestone("Launch").replace("# MILESTONE: Launch", "# Launch"))


def check_meta(build: Build) -> None:
    assert ">plan<" in build.text("milestones/billing-v2/index.html")


def graph_mermaid(project: Path, cfg: dict[str, Any]) -> None:
    _milestones_options(cfg, graph="mermaid")


def mkdocs_theme(project: Path, cfg: dict[str, Any]) -> None:
    cfg["theme"] = {"name": "mkdocs", "highlightjs": False}


ROWS: list[Row] = [
    Row("theme-mkdocs", (), mkdocs_theme),  # MkDocs' own theme and search plugin
    Row("baseline"),
    Row("tags", ("material",), tags, check=check_tags),
    Row("blog", ("material",), blog, check=lambda b: None if (b.site / "blog/2026/01/15/hello/index.html").is_file() else pytest.fail("no post")),
    Row("blog-milestone", ("material",), blog_milestone, expected=[*DEMO_MILESTONES, "blog/posts/plan.md"]),
    Row("offline", ("material",), offline),
    Row("privacy", ("material",), privacy),
    Row("awesome-nav", ("mkdocs_awesome_nav",), awesome_nav, check=check_awesome_nav),
    Row("macros", ("mkdocs_macros",), macros, check=check_macros),
    Row("macros-milestone", ("mkdocs_macros",), macros_milestone, expected=[*DEMO_MILESTONES, "milestones/macro.md"],
        check=check_macros_milestone),
    Row("include-markdown", ("mkdocs_include_markdown_plugin",), include_markdown,
        expected=[*DEMO_MILESTONES, "milestones/assembled.md"]),
    Row("gen-files-before", ("mkdocs_gen_files",), gen_files(before=True), expected=[*DEMO_MILESTONES, "milestones/generated.md"]),
    Row("gen-files-after", ("mkdocs_gen_files",), gen_files(before=False), expected=[*DEMO_MILESTONES, "milestones/generated.md"]),
    Row("git-revision-date-localized", ("mkdocs_git_revision_date_localized_plugin",), git_revision_date,
        command=git_revision_commands, check=check_git_revision_date),
    Row("minify", ("mkdocs_minify_plugin",), minify(cache_safe=False), check=check_minify),
    Row("minify-cache-safe", ("mkdocs_minify_plugin",), minify(cache_safe=True), check=check_minify),
    Row("redirects", ("mkdocs_redirects",), redirects, check=check_redirects),
    Row("exclude-before", ("mkdocs_exclude",), exclude(before=True), expected=[p for p in DEMO_MILESTONES if "legacy" not in p]),
    Row("exclude-after", ("mkdocs_exclude",), exclude(before=False), expected=[p for p in DEMO_MILESTONES if "legacy" not in p]),
    Row("mike", ("mike",), mike, command=mike_commands, site="pages/1.0"),
    Row("i18n-suffix", ("mkdocs_static_i18n",), i18n("suffix", before=True), languages=("", "fr/"), check=check_i18n),
    Row("i18n-folder", ("mkdocs_static_i18n",), i18n("folder", before=False), languages=("", "fr/"), check=check_i18n),
    Row("i18n-redirects-before", ("mkdocs_static_i18n", "mkdocs_redirects"), i18n_redirects(before=True),
        languages=("", "fr/"), check=check_i18n_redirects),
    Row("i18n-redirects-after", ("mkdocs_static_i18n", "mkdocs_redirects"), i18n_redirects(before=False),
        languages=("", "fr/"), check=check_i18n_redirects),
    Row("navigation.instant", ("material",), instant, check=check_instant),
    Row("meta", ("material",), meta, check=check_meta),
    Row("graph-mermaid", ("material",), graph_mermaid),
    Row("meta-milestone", ("material",), meta_milestone, expected=[*DEMO_MILESTONES, "plans/launch.md"]),
]


def _param(row: Row) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=row.xfail)] if row.xfail else []
    return pytest.param(row, id=row.name, marks=marks)


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_row(row: Row, compat_builds: dict[str, Build]) -> None:
    missing = missing_modules(row)
    if missing:
        reason = f"{row.name}: not installed: {', '.join(missing)} (pip install -e '.[test]')"
        if REQUIRE:
            pytest.fail(reason + " (CI: every row must run)", pytrace=False)
        pytest.skip(reason)
    build = compat_builds[row.name]
    check_site(build, row)
    if row.check is not None:
        row.check(build)


def test_matrix_has_the_popular_plugins() -> None:
    """At least 15 distinct plugins or features, the ones the issue named among them."""
    names = {r.name.split("-")[0] if r.name.startswith(("gen", "exclude", "minify", "i18n")) else r.name for r in ROWS}
    for wanted in ("tags", "blog", "offline", "privacy", "awesome-nav", "macros", "include-markdown", "gen", "git-revision-date-localized",
                   "minify", "redirects", "exclude", "mike", "i18n", "navigation.instant"):
        assert wanted in names, wanted
    assert len(names - {"baseline", "theme"}) >= 15


def test_every_row_builds_strict(tmp_path: Path) -> None:
    """Each row's build fails on a warning: ``mkdocs build --strict``, or ``strict: true`` in its
    config where another tool (mike) runs ``mkdocs build``."""
    import yaml

    from .conftest import make_project

    for row in ROWS:
        project = make_project(row, tmp_path)
        commands = row.command(project) if row.command is not None else None
        strict_flag = row.strict if commands is None else any("--strict" in c for c in commands)
        cfg = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        assert strict_flag or cfg.get("strict") is True, f"row {row.name} is not built strict"
