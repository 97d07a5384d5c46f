# SPDX-License-Identifier: MIT
"""Which pages the plugin's mojibake repair reads (issue 13), and what it logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

#: Correct text that an earlier version rewrote on ordinary pages (issue 13's table and list).
CORRECT = [
    "The price was 5×£35",
    "Charlotte Brontë…”",
    "a radius of 10 Å—",
    "Temperatur ∆°C",
    "SELKÄ\N{NO-BREAK SPACE}EDELLÄ\N{NO-BREAK SPACE}MAAHAN",
    "AHÅ™, the new sofa",
    "pra lá´´",
    "OK??:(   `¬´    ):",
    "HUHLL Õ…",
    "NICIODATĂ\N{NO-BREAK SPACE}",
    "NICIODATĂ™",
]

ORDINARY = "# Notes\n\n" + "\n\n".join(CORRECT) + "\n\nA real typo: the cafÃ© opens at 9.\n"

MILESTONE = """\
# MILESTONE: Move

**Status**: ğŸ”„ IN PROGRESS

### Phase 1: First
**Status**: done
"""


def _site(root: Path, plugins: str) -> Path:
    """A fresh site whose theme prints only the page's own HTML (no navigation, no assets)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(ORDINARY, encoding="utf-8")
    (docs / "move.md").write_text(MILESTONE, encoding="utf-8")
    theme = root / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("{{ page.content }}", encoding="utf-8")
    cfg = root / "mkdocs.yml"
    cfg.write_text(f"site_name: t\ntheme:\n  name: null\n  custom_dir: theme\n{plugins}\n", encoding="utf-8")
    return cfg


def _build(cfg: Path) -> Path:
    build(load_config(str(cfg)))
    return cfg.parent / "site"


def test_ordinary_pages_are_byte_identical_to_a_build_without_the_plugin(tmp_path: Path) -> None:
    with_plugin = _build(_site(tmp_path / "a", "plugins:\n  - milestones"))
    without = _build(_site(tmp_path / "b", "plugins: []"))
    page = with_plugin / "index.html"
    assert page.read_bytes() == (without / "index.html").read_bytes()
    html = page.read_text(encoding="utf-8")
    for text in CORRECT:
        assert text in html, text
    assert "cafÃ©" in html  # ordinary pages are not repaired by default, not even real mojibake
    # The milestone page is repaired (the default scope).
    assert "🔄" in (with_plugin / "move" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [True, "milestones"])
def test_true_is_the_default_scope(tmp_path: Path, value: object) -> None:
    site = _build(_site(tmp_path, f"plugins:\n  - milestones:\n      fix_mojibake: {str(value).lower()}"))
    assert "cafÃ©" in (site / "index.html").read_text(encoding="utf-8")
    assert "🔄" in (site / "move" / "index.html").read_text(encoding="utf-8")


def test_all_repairs_every_page_and_logs_each(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cfg = _site(tmp_path, "plugins:\n  - milestones:\n      fix_mojibake: all")
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.milestones"):
        site = _build(cfg)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "café" in html
    for text in CORRECT:  # the evidence rules still hold with `all`
        assert text.replace("\N{NO-BREAK SPACE}", "&nbsp;") in html.replace("\N{NO-BREAK SPACE}", "&nbsp;"), text
    records = [(r.levelno, r.getMessage().removeprefix("milestones: ")) for r in caplog.records
               if r.name == "mkdocs.plugins.milestones"]
    assert (logging.INFO, "index.md: repaired 1 mojibake sequence") in records
    assert (logging.INFO, "move.md: repaired 1 mojibake sequence") in records
    line = ORDINARY.count("\n", 0, ORDINARY.index("cafÃ©")) + 1
    assert (logging.DEBUG, f"index.md:{line}: repaired mojibake 'Ã©' -> 'é'") in records
    assert (logging.DEBUG, "move.md:3: repaired mojibake 'ğŸ”„' -> '🔄'") in records


def test_false_repairs_nothing(tmp_path: Path) -> None:
    site = _build(_site(tmp_path / "off", "plugins:\n  - milestones:\n      fix_mojibake: false"))
    assert "ğŸ”„" in (site / "move" / "index.html").read_text(encoding="utf-8")
    assert "cafÃ©" in (site / "index.html").read_text(encoding="utf-8")
    # The same pages with `all`: the repair is there, `false` turned it off.
    repaired = _build(_site(tmp_path / "all", "plugins:\n  - milestones:\n      fix_mojibake: all"))
    assert "🔄" in (repaired / "move" / "index.html").read_text(encoding="utf-8")
    assert "café" in (repaired / "index.html").read_text(encoding="utf-8")


def test_all_leaves_correct_text_byte_identical_even_on_one_line(tmp_path: Path) -> None:
    """`all` on a page holding the issue's correct strings, each alone and all on one line (no mojibake):
    the HTML is byte for byte what a build without the plugin writes."""
    page = ("# Notes\n\n" + "\n\n".join(CORRECT) + "\n\n" + "Other: " + ", ".join(CORRECT) + ".\n\n"
            + "Other: AHÅ™, lá´´, `¬´`, Õ…, NICIODATĂ\N{NO-BREAK SPACE}\n\n"
            + "KYLLÄ\N{NO-BREAK SPACE}SELKÄ\N{NO-BREAK SPACE}EDELLÄ\N{NO-BREAK SPACE}MAAHAN, 1103 ± 244 Å²\n")

    def site(root: Path, plugins: str) -> Path:
        cfg = _site(root, plugins)
        (cfg.parent / "docs" / "index.md").write_text(page, encoding="utf-8")
        return cfg

    with_all = _build(site(tmp_path / "a", "plugins:\n  - milestones:\n      fix_mojibake: all"))
    without = _build(site(tmp_path / "b", "plugins: []"))
    assert (with_all / "index.html").read_bytes() == (without / "index.html").read_bytes()
    assert "🔄" in (with_all / "move" / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Pages that only their meta or their roadmap layout make milestones (review gap 5)
# --------------------------------------------------------------------------------------------

#: Not a milestone page by its text: only ``milestone: true`` (front matter or .meta.yml) makes it one.
META_PLAN = "# Team plan\n\n**Status**: ğŸ”„ IN PROGRESS\n\n### Phase 1: First\n**Status**: âœ… done\n"

ROADMAP = """\
# Roadmap

## Milestones

- âœ… **v1.1 Integrations** -- Phases 1-2 (shipped 2026-02-17)
- ğŸš§ **v1.2 Polish** -- Phase 3 (in progress)

## Phases

- [x] Phase 1: Git linking
- [x] Phase 2: Slack
- [ ] Phase 3: Docs
"""


def _meta_site(root: Path, plugins: str) -> Path:
    docs = root / "docs"
    (docs / "team").mkdir(parents=True)
    (docs / "fm").mkdir()
    (docs / "index.md").write_text(ORDINARY, encoding="utf-8")
    (docs / "team" / ".meta.yml").write_text("milestone: true\n", encoding="utf-8")
    (docs / "team" / "plan.md").write_text(META_PLAN, encoding="utf-8")
    (docs / "fm" / "plan.md").write_text("---\nmilestone: true\n---\n" + META_PLAN, encoding="utf-8")
    (docs / "ROADMAP.md").write_text(ROADMAP, encoding="utf-8")
    cfg = root / "mkdocs.yml"
    cfg.write_text(f"site_name: t\ntheme: material\n{plugins}\n", encoding="utf-8")
    return cfg


def test_pages_made_milestones_by_meta_or_roadmap_layout_are_repaired_by_default(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs_milestones.detect import is_milestone_source

    assert not is_milestone_source(META_PLAN)  # only the meta makes it a milestone
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.milestones"):
        site = _build(_meta_site(tmp_path, "plugins:\n  - material/meta\n  - milestones"))
    for page in ("team/plan/index.html", "fm/plan/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "🔄" in html and "ğŸ”„" not in html, page
    data = json.loads((site / "milestones.json").read_text(encoding="utf-8"))
    by_title = {m["title"]: m for m in (data["milestones"] if isinstance(data, dict) else data)}
    assert by_title["Integrations"]["status"] == "done"  # read from ✅, repaired
    assert by_title["Polish"]["status"] == "in-progress"
    assert "✅" in (site / "ROADMAP" / "index.html").read_text(encoding="utf-8")
    records = [r.getMessage().removeprefix("milestones: ") for r in caplog.records
               if r.name == "mkdocs.plugins.milestones"]
    # The .meta.yml page is repaired in on_page_markdown; its lines are the file's lines.
    assert "team/plan.md: repaired 2 mojibake sequences" in records
    assert "team/plan.md:3: repaired mojibake 'ğŸ”„' -> '🔄'" in records
    assert "fm/plan.md:6: repaired mojibake 'ğŸ”„' -> '🔄'" in records
    # The ordinary page is still left as written.
    assert "cafÃ©" in (site / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The extension alone (plain Python-Markdown, Zensical) applies the same scope (review gap 4)
# --------------------------------------------------------------------------------------------

#: The issue's correct strings on one line, as an author may write them (review gap 2).
ONE_LINE = ("Other: " + ", ".join(CORRECT) + ".")


def _convert(text: str, **config: object) -> str:
    import markdown

    from mkdocs_milestones.extension import MilestonesExtension

    return markdown.markdown(text, extensions=[MilestonesExtension(**config)])


@pytest.mark.parametrize("config", [{}, {"fix_mojibake": True}, {"fix_mojibake": "milestones"},
                                    {"fix_mojibake": "true"}])
def test_extension_alone_leaves_ordinary_pages_as_plain_markdown_does(config: dict[str, object]) -> None:
    import markdown

    page = ORDINARY + "\n" + ONE_LINE + "\n"
    assert _convert(page, **config) == markdown.markdown(page, extensions=["tables", "fenced_code"])
    assert "🔄" in _convert(MILESTONE, **config)


def test_extension_alone_all_and_false() -> None:
    page = ORDINARY + "\n" + ONE_LINE + "\n"
    html = _convert(page, fix_mojibake="all")
    assert "café" in html and "cafÃ©" not in html
    for text in CORRECT:  # the evidence rules hold with `all`, on one line too
        assert text in html, text
    assert ONE_LINE.replace("&", "&amp;") in html
    assert "ğŸ”„" in _convert(MILESTONE, fix_mojibake=False)
    with pytest.raises(ValueError, match="fix_mojibake"):
        _convert(page, fix_mojibake="some")


def test_zensical_leaves_ordinary_pages_as_written(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import textwrap

    if os.environ.get("MILESTONES_REQUIRE_HOSTS") != "1":
        pytest.importorskip("zensical", reason="Zensical is not installed")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(ORDINARY + "\n" + ONE_LINE + "\n", encoding="utf-8")
    (docs / "move.md").write_text(MILESTONE, encoding="utf-8")
    (tmp_path / "zensical.toml").write_text(textwrap.dedent("""\
        [project]
        site_name = "t"
        site_dir = "site-zensical"
        [project.markdown_extensions.milestones]
        """), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(tmp_path / "zensical.toml"),
                           "--clean"], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "NO_COLOR": "1"}, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (tmp_path / "site-zensical" / "index.html").read_text(encoding="utf-8")
    assert "cafÃ©" in html
    for text in ("5×£35", "Brontë…”", "10 Å—", "∆°C", "AHÅ™", "HUHLL Õ…"):
        assert text in html, text
    assert "🔄" in (tmp_path / "site-zensical" / "move" / "index.html").read_text(encoding="utf-8")
