# SPDX-License-Identifier: MIT
"""The plugin's own words in the site's language: the theme's language picks them, the plugin's
``language`` option overrides it, ``labels`` replaces single strings; author text is untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import milestone_log
from mkdocs_milestones import i18n
from mkdocs_milestones.render.roadmap import render_roadmap

PLAN = """\
# MILESTONE: Auth

**Status**: ✅
**Priority**: 🟠

### Phase 1: Only
**Status**: ⏳
"""


def _site(make_site, tmp_path: Path, locale: str | None, plugin_config: dict | None = None) -> tuple[str, str]:
    cfg = make_site({"index.md": "# Home\n", "auth.md": PLAN}, plugin_config=plugin_config)
    if locale:
        cfg.write_text(cfg.read_text(encoding="utf-8").replace("  name: mkdocs\n", f"  name: mkdocs\n  locale: {locale}\n"), encoding="utf-8")
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    return (site / "auth" / "index.html").read_text(encoding="utf-8"), (site / "roadmap" / "index.html").read_text(encoding="utf-8")


ALSO_GIVEN = {"more.group.one": {"{label}"}, "more.group.other": {"{label}"}}
"""Values the renderer passes besides the English string's own (the group's label as written, not lowercased)."""


def test_every_language_has_every_string() -> None:
    keys = set(i18n.TRANSLATIONS["en"])
    for lang in i18n.LANGUAGES:
        assert set(i18n.TRANSLATIONS[lang]) == keys, (lang, keys ^ set(i18n.TRANSLATIONS[lang]))
        for key, value in i18n.TRANSLATIONS[lang].items():
            # Every value a translation names is one the renderer passes (in any order: word order differs).
            names, english = set(re.findall(r"\{\w+\}", value)), set(re.findall(r"\{\w+\}", i18n.TRANSLATIONS["en"][key]))
            assert names <= english | ALSO_GIVEN.get(key, set()), (lang, key)
            assert english - {"{lower}"} <= names, (lang, key)  # no count or name dropped ({lower}: English's lowercased label)


@pytest.mark.parametrize("locale,title,kicker,done", [
    ("fr", "Feuille de route", "Jalon", "Terminé"),
    ("de", "Roadmap", "Meilenstein", "Erledigt"),
    ("es", "Hoja de ruta", "Hito", "Hecho"),
    ("ja", "ロードマップ", "マイルストーン", "完了"),
    ("zh", "路线图", "里程碑", "已完成"),
])
def test_theme_language_picks_the_words(make_site, tmp_path: Path, locale: str, title: str, kicker: str, done: str) -> None:
    page, roadmap = _site(make_site, tmp_path, locale)
    assert re.search(rf"<h1[^>]*>{re.escape(title)}", roadmap)
    assert f'class="ms-kicker">{kicker}<' in page
    assert f'class="ms-badge-label">{done}<' in page  # the word added to an emoji-only status
    assert "<h1 id=\"auth\">Auth" in page or ">Auth<" in page  # the author's title as written
    assert i18n.active_language() == "en", "a build leaves no language behind for the next one"


def test_option_overrides_theme_and_labels_replace_strings(make_site, tmp_path: Path) -> None:
    page, roadmap = _site(make_site, tmp_path, "fr", {"language": "ja", "labels": {"roadmap.milestones": "Plans <&>"}})
    assert 'class="ms-kicker">マイルストーン<' in page
    assert ">Plans &lt;&amp;&gt;</h2>" in roadmap  # escaped where it goes
    assert re.search(r"<h1[^>]*>ロードマップ", roadmap)


@pytest.mark.parametrize("locale,title", [("fr", "Le plan"), ("de", "Der Plan"), ("es", "Plan general")])
def test_labels_per_language(make_site, tmp_path: Path, locale: str, title: str) -> None:
    """``labels`` keys for every language, and a language code's own mapping, which wins for that language."""
    labels = {"roadmap.title": "Plan general", "roadmap.milestones": "Plans", "fr": {"roadmap.title": "Le plan"},
              "de": {"roadmap.title": "Der Plan", "roadmap.milestones": "Vorhaben"}}
    _, roadmap = _site(make_site, tmp_path, locale, {"labels": labels})
    assert re.search(rf"<h1[^>]*>{title}", roadmap), roadmap[:2000]
    assert (">Vorhaben</h2>" if locale == "de" else ">Plans</h2>") in roadmap


def test_english_without_a_language_and_for_unknown_ones(make_site, tmp_path: Path) -> None:
    page, roadmap = _site(make_site, tmp_path, "pt_BR")
    assert re.search(r"<h1[^>]*>Roadmap", roadmap) and 'class="ms-kicker">Milestone<' in page


def test_render_follows_the_active_language() -> None:
    from mkdocs_milestones.export import MilestoneEntry
    from mkdocs_milestones.parser import parse_milestone

    ms = parse_milestone(PLAN, file="auth.md")
    assert ms is not None
    entries = [MilestoneEntry("auth.md", "auth/", ms)]
    try:
        i18n.activate("de")
        html = render_roadmap(entries, page_url="roadmap/", title=None)
        assert ">Meilensteine</h2>" in html and ">Fortschritt</th>" in html and "1 Meilenstein<" in html
    finally:
        i18n.activate(None)
    assert ">Milestones</h2>" in render_roadmap(entries, page_url="roadmap/", title=None)


def test_unknown_language_option_and_label_keys_warn(make_site, tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    cfg = make_site({"auth.md": PLAN}, plugin_config={"language": "pt", "labels": {"roadmap.titel": "Plan", "fr": {"col.stat": "x"}}})
    config = load_config(str(cfg), strict=True)
    with pytest.raises(Abort):
        build(config)
    with milestone_log() as messages:
        build(load_config(str(cfg)))
    assert any("option language: 'pt' has no table" in m for m in messages), messages
    assert any("option labels: unknown keys roadmap.titel, fr.col.stat" in m for m in messages), messages


def _crowd() -> list:
    """55 blocked milestones (a group past 50 rows, risks past 30), a chain of dependencies among the
    first ten (the rest unlinked: the graph's note), each with a failed phase and an unchecked done
    one (every at-risk reason), and one without a Created date (the timeline's undated line)."""
    from mkdocs_milestones.export import MilestoneEntry
    from mkdocs_milestones.parser import parse_milestone
    from mkdocs_milestones.site import assemble

    entries = []
    for i in range(55):
        created = f"**Created**: 2026-0{1 + i % 9}-1{i % 10}\n**Estimated Duration**: 2 weeks\n" if i else ""
        deps = f"**Depends on**: [m{i - 1}](m{i - 1}.md)\n" if 0 < i < 10 else ""
        text = (
            f"# MILESTONE: Plan {i}\n\n**Status**: 🚫 Blocked\n{created}{deps}\n"
            "## Success Criteria\n\n| Metric | Target | Status |\n|---|---|---|\n| Uptime | 99% | ❌ Failed |\n\n"
            "## Phases\n\n### Phase 1: Build\n**Status**: ❌ Failed\n\n"
            "### Phase 2: Ship\n**Status**: ✅ Done\n- [x] one\n- [ ] two\n"
        )
        ms = parse_milestone(text, file=f"m{i}.md")
        assert ms is not None
        entries.append(MilestoneEntry(f"m{i}.md", f"m{i}/", ms))
    return assemble(entries)


ENGLISH_LEFT = ("Bars run", "Show ", " more", "is marked done", "the milestone is", "success criterion", "Dependencies between",
                "Timeline of", "Not on the timeline", "Nothing at risk", "need attention", "not drawn", "Remaining critical",
                "dependencies", ">Jan ", ">Feb ", "; created ", "estimate ends", ", completed ", "(late)",
                'data-label="Created:"', 'data-label="Estimate:"', 'data-label="Risks:"')


@pytest.mark.parametrize("lang,words", [
    ("fr", ("Afficher 5 autres jalons (Bloqué)", "Afficher 25 de plus", "le jalon est bloqué", "Phase 1 : Build : échoué",
            "critère de réussite échoué : Uptime (cible 99%)", "1 critères sur 2 non cochés", "Les barres vont",
            "Hors chronologie", "Dépendances entre les jalons", "jalons sans dépendances", "Chemin critique restant",
            "Plan 3 — bloqué</title>", "Plan 3 — bloqué ; créé le 2026-04-13, fin estimée le 2026-04-27",
            'data-label="Créé :"', 'data-label="Estimation :"', 'data-label="Risques :"', ">févr. 2026<")),
    ("de", ("5 weitere Meilensteine anzeigen (Blockiert)", "25 weitere anzeigen", "der Meilenstein ist blockiert",
            "Balken reichen", "Abhängigkeiten zwischen Meilensteinen", "Verbleibender kritischer Pfad",
            "erstellt am 2026-04-13, Schätzung endet am", 'data-label="Erstellt:"', ">Feb. 2026<")),
    ("es", ("Mostrar 5 hitos más (Bloqueado)", "Mostrar 25 más", "Fase 2: Ship está marcada como hecha", "Las barras van",
            "Dependencias entre hitos")),
    ("ja", ("さらに 5 件のマイルストーンを表示（ブロック中）", "さらに 25 件を表示", "フェーズ 1: Build: 失敗", "バーは作成日から",
            "マイルストーン間の依存関係", "残りのクリティカルパス", "作成日 2026-04-13、見積もり終了日", 'data-label="リスク:"', ">2026年2月<")),
    ("zh", ("再显示 5 个里程碑（受阻）", "再显示 25 项", "阶段 1：Build：失败", "条形从创建日期", "里程碑之间的依赖关系", "剩余关键路径")),
])
def test_roadmap_sentences_follow_the_language(lang: str, words: tuple[str, ...]) -> None:
    """The roadmap's sentences too, not only its headings: the timeline's note and axis, the
    at-risk reasons, "Show N more", the graphs' accessible names and summaries."""
    import html as html_lib

    entries = _crowd()
    try:
        i18n.activate(lang)
        out = html_lib.unescape(render_roadmap(entries, page_url="roadmap/", title=None))
    finally:
        i18n.activate(None)
    for w in words:
        assert w in out, (lang, w)
    left = [w for w in ENGLISH_LEFT if w in out]
    assert not left, (lang, left)
    english = html_lib.unescape(render_roadmap(entries, page_url="roadmap/", title=None))
    assert "Show 5 more blocked milestones" in english and "Phase 1: Build is failed" in english  # English unchanged
    assert "Plan 3 — blocked; created 2026-04-13, estimate ends 2026-04-27" in english and 'data-label="Risks:"' in english


def test_narrow_screen_labels_come_from_the_page() -> None:
    """On narrow screens the roadmap table's cells are labelled by the page's words (``data-label``,
    in the page's language), not by words written into the stylesheet."""
    from mkdocs_milestones.extension.config import asset_text

    css = asset_text("milestones.css")
    for cls in ("ms-roadmap-created", "ms-roadmap-estimate", "ms-roadmap-risks"):
        rule = re.search(rf"\.{cls}::before\s*{{([^}}]*)}}", css)
        assert rule and "content: attr(data-label)" in rule.group(1), cls
    assert not re.search(r'content:\s*"[A-Za-z]', css), "a word in the stylesheet"


def test_phase_graph_label_and_summary_follow_the_language() -> None:
    import markdown

    from mkdocs_milestones.extension import MilestonesExtension

    text = "# MILESTONE: Auth\n\n**Status**: 🔄\n\n### Phase 1: A\n**Status**: ✅\n\n### Phase 2: B\n**Status**: ⏳\n**Depends on**: Phase 1\n"
    try:
        i18n.activate("fr")
        out = markdown.markdown(text, extensions=[MilestonesExtension()])
    finally:
        i18n.activate(None)
    assert 'aria-label="Graphe des dépendances des phases de Auth"' in out
    assert "2 phases et 1 dépendance" in out and "Dependency graph" not in out


def test_roadmap_title_shows_as_written_from_plugin_and_cli(make_site, tmp_path: Path) -> None:
    """One Markdown-text escaper (render.markup.markdown_text) for the plugin's generated roadmap page and the
    CLI's: ``<``, ``&`` and Markdown specials in the title show as written, with no stray backslash."""
    import markdown

    from mkdocs_milestones.cli.roadmap import roadmap_page

    title = "Plans <2026> & *next* #1 {x}"
    _, roadmap = _site(make_site, tmp_path, None, {"labels": {"roadmap.title": title}})
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", roadmap)
    assert h1 is not None and h1.group(1) == "Plans &lt;2026&gt; &amp; *next* #1 {x}", h1
    cli = markdown.markdown(roadmap_page([], page_url="roadmap/", title=title).split("\n")[0])
    assert cli == "<h1>Plans &lt;2026&gt; &amp; *next* #1 {x}</h1>"
