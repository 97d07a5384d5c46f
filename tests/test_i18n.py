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


def test_every_language_has_every_string() -> None:
    keys = set(i18n.TRANSLATIONS["en"])
    for lang in i18n.LANGUAGES:
        assert set(i18n.TRANSLATIONS[lang]) == keys, (lang, keys ^ set(i18n.TRANSLATIONS[lang]))
        for key, value in i18n.TRANSLATIONS[lang].items():
            assert re.findall(r"\{\w+\}", value) == re.findall(r"\{\w+\}", i18n.TRANSLATIONS["en"][key]) or key.startswith("total") or key == "progress.phases", (lang, key)


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

    cfg = make_site({"auth.md": PLAN}, plugin_config={"language": "pt", "labels": {"roadmap.titel": "Plan"}})
    config = load_config(str(cfg), strict=True)
    with pytest.raises(Abort):
        build(config)
    with milestone_log() as messages:
        build(load_config(str(cfg)))
    assert any("option language: 'pt' has no table" in m for m in messages), messages
    assert any("option labels: unknown key roadmap.titel" in m for m in messages), messages
