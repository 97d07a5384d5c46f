# SPDX-License-Identifier: MIT
"""Which pages the plugin's mojibake repair reads (issue 13), and what it logs."""

from __future__ import annotations

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
    site = _build(_site(tmp_path, "plugins:\n  - milestones:\n      fix_mojibake: false"))
    assert "ğŸ”„" in (site / "move" / "index.html").read_text(encoding="utf-8")
    assert "cafÃ©" in (site / "index.html").read_text(encoding="utf-8")
