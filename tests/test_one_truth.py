# SPDX-License-Identifier: MIT
"""One page, one truth: the page, the roadmap and milestones.json come from the same parse of the
Markdown each page really converts, with the plugins people use (macros, include-markdown,
pymdownx.snippets, Material's meta files, gen-files), excluded pages and ``--dirty`` rebuilds."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import Node, corpus, parse_html


def _export(site: Path) -> dict[str, dict[str, Any]]:
    return {m["page"]: m for m in json.loads((site / "milestones.json").read_text(encoding="utf-8"))["milestones"]}


def _page(site: Path, url: str) -> Node:
    return parse_html((site / url / "index.html").read_text(encoding="utf-8"))


def _roadmap_rows(site: Path, url: str = "roadmap/") -> dict[str, Node]:
    doc = _page(site, url)
    return {r.attrs["data-page"] or "": r for r in doc.find_all("tr") if r.attrs.get("data-page")}


def _words(text: str | None) -> str:
    """Text as a reader sees it: links, emphasis and code markers gone, spaces folded."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    return " ".join(re.sub(r"[`*_]", "", text).split())


def assert_agree(site: Path, entry: dict[str, Any]) -> None:
    """The milestone's page and its roadmap row show what the export says."""
    doc = _page(site, entry["url"])
    card = doc.find("div", "ms-card")
    assert card.attrs["data-status"] == (entry["status"] or "unknown"), entry["page"]
    # Phases are sections (<details>) or, in a plan that has no phase heading, rows of its phase table.
    phases = [p for p in doc.iter() if p.tag in ("details", "tr") and p.attrs.get("data-phase") is not None]
    assert [p.attrs["data-phase"] for p in phases] == [p["id"] for p in entry["phases"]], entry["page"]
    for p, model in zip(phases, entry["phases"]):
        shown = p.find("span", "ms-phase-title").text if p.tag == "details" else " ".join(c.text for c in p.children)
        assert _words(model["title"]) in _words(shown), (entry["page"], model["title"])
    assert [p.attrs["data-status"] for p in phases] == [p["status"] or "unknown" for p in entry["phases"]], entry["page"]
    levels = {_words(b.text) for b in doc.find_all("span", "ms-level")}
    for risk in entry["risks"]:
        for value in (risk["likelihood"], risk["impact"]):
            assert not value.strip() or _words(value) in levels, (entry["page"], value, levels)
    bar = card.find("div", "ms-progress")
    assert bar.attrs["aria-valuenow"] == f"{entry['progress'] * 100:.0f}", entry["page"]
    row = _roadmap_rows(site)[entry["page"]]
    assert row.find("span", "ms-status").attrs["data-status"] == (entry["status"] or "unknown"), entry["page"]
    count = row.find("span", "ms-roadmap-phase-count").text
    done = sum(p["status"] == "done" for p in entry["phases"])
    assert count == (f"{done}/{len(entry['phases'])} phases" if entry["phases"] else "no phases"), entry["page"]
    href = row.find("td", "ms-roadmap-title").find("a").attrs["href"]
    assert href == "../" + entry["url"], (entry["page"], href)


PLAN = """\
# MILESTONE: {title}

**Status**: {status}
**Estimated Duration**: {estimate}

### Phase 1: Auth (OAuth)
**Status**: done

### Phase 2 — Audit log (v2)
**Status**: {status}
"""


def test_macros_values_reach_the_roadmap_and_the_export(make_site, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    pages = {
        "billing.md": PLAN.format(title="Billing", status="{{ billing_status }}", estimate="{{ weeks }} weeks"),
        "odd.md": PLAN.format(title="Odd", status="{{ odd_status }}", estimate="1 week"),
    }
    extra = "extra:\n  billing_status: blocked\n  odd_status: Percolating\n  weeks: 3\n"
    cfg = make_site(pages, extra=extra)
    text = cfg.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - macros\n")
    cfg.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        build(load_config(str(cfg)))
    site = tmp_path / "site"
    data = _export(site)
    assert data["billing.md"]["status"] == "blocked"
    assert data["billing.md"]["estimated_duration"] == "3 weeks"
    for entry in data.values():
        assert_agree(site, entry)
    row = _roadmap_rows(site)["billing.md"]
    assert row.find("span", "ms-roadmap-estimate").text == "3 weeks"
    msgs = [r.getMessage() for r in caplog.records if "Percolating" in r.getMessage()]
    assert sorted(m.split(": unknown")[0] for m in msgs) == ["odd.md:10", "odd.md:3"], msgs  # each once
    assert any(w.startswith("odd.md:3: unknown status") for w in data["odd.md"]["warnings"])


def test_phase_titles_with_parentheses_are_the_models_everywhere(make_site, tmp_path: Path) -> None:
    risks = "\n## Risks\n\n| Risk | Chance | Severity |\n|---|---|---|\n| Outage | High | Low |\n"
    cfg = make_site({"a.md": PLAN.format(title="A", status="in progress", estimate="2 weeks") + risks})
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    entry = _export(site)["a.md"]
    assert [p["title"] for p in entry["phases"]] == ["Auth (OAuth)", "Audit log (v2)"]
    assert entry["risks"] == [{"risk": "Outage", "likelihood": "High", "impact": "Low", "mitigation": ""}]
    assert_agree(site, entry)
    page = _page(site, "a/")
    assert not page.find_all("span", "ms-phase-estimate")
    assert [(b.attrs["data-level"], b.text) for b in page.find_all("span", "ms-level")] == [("high", "High"), ("low", "Low")]


PARTS = {
    "parts/head.md": "# MILESTONE: Assembled\n\n**Status**: in progress\n",
    "parts/phases.md": "### Phase 1: One\n**Status**: done\n\n### Phase 2: Two\n**Status**: in progress\n\n"
                       "### Phase 3: Three\n**Status**: pending\n",
    "parts/whole.md": "# MILESTONE: Only an include\n\n**Status**: done\n\n### Phase 1: All\n**Status**: done\n",
}


def test_include_markdown_assembles_a_milestone(make_site, tmp_path: Path) -> None:
    pages = {
        **PARTS,
        "assembled.md": '{% include-markdown "parts/head.md" %}\n\n{% include-markdown "parts/phases.md" %}\n',
        "only.md": '{% include-markdown "parts/whole.md" %}\n',
    }
    cfg = make_site(pages, extra="exclude_docs: |\n  parts/\n")
    text = cfg.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - include-markdown\n")
    cfg.write_text(text, encoding="utf-8")
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    data = _export(site)
    assert sorted(data) == ["assembled.md", "only.md"]
    assert len(data["assembled.md"]["phases"]) == 3 and data["assembled.md"]["status"] == "in-progress"
    for entry in data.values():
        assert_agree(site, entry)


def test_snippets_assemble_a_milestone(make_site, tmp_path: Path) -> None:
    pages = {**PARTS, "assembled.md": '--8<-- "parts/head.md"\n\n--8<-- "parts/phases.md"\n', "only.md": '--8<-- "parts/whole.md"\n'}
    docs = tmp_path / "docs"
    extra = f"exclude_docs: |\n  parts/\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['{docs.as_posix()}']\n"
    build(load_config(str(make_site(pages, extra=extra))))
    site = tmp_path / "site"
    data = _export(site)
    assert sorted(data) == ["assembled.md", "only.md"]
    assert len(data["assembled.md"]["phases"]) == 3
    for entry in data.values():
        assert_agree(site, entry)


def test_material_meta_file_makes_a_milestone(make_site, tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "plans/.meta.yml": "milestone: true\n",
        "plans/cache.md": "# Page cache\n\n**Status**: in progress\n\n### Phase 1: Page cache (LRU, 2Q)\n**Status**: in progress\n",
    }
    cfg = make_site(pages, theme="material")
    text = cfg.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - meta\n")
    cfg.write_text(text, encoding="utf-8")
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    data = _export(site)
    assert list(data) == ["plans/cache.md"]
    assert data["plans/cache.md"]["phases"][0]["title"] == "Page cache (LRU, 2Q)"
    assert_agree(site, data["plans/cache.md"])


def test_gen_files_page_is_a_milestone(make_site, tmp_path: Path) -> None:
    (tmp_path / "gen.py").write_text(
        "import mkdocs_gen_files\n"
        "with mkdocs_gen_files.open('generated/plan.md', 'w') as f:\n"
        "    f.write('# MILESTONE: Generated\\n\\n**Status**: done\\n\\n### Phase 1: Made\\n**Status**: done\\n')\n",
        encoding="utf-8",
    )
    cfg = make_site({"index.md": "# Home\n"})
    text = cfg.read_text(encoding="utf-8").replace(
        "  - search\n", f"  - search\n  - gen-files:\n      scripts:\n        - {(tmp_path / 'gen.py').as_posix()}\n")
    cfg.write_text(text, encoding="utf-8")
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    data = _export(site)
    assert list(data) == ["generated/plan.md"] and data["generated/plan.md"]["url"] == "generated/plan/"
    assert_agree(site, data["generated/plan.md"])


def test_excluded_pages_are_left_out_and_not_in_nav_pages_kept(make_site, tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "drafts/secret.md": "# MILESTONE: Secret\n\n**Status**: pending\n",
        "hidden.md": "# MILESTONE: Hidden\n\n**Status**: done\n",
    }
    extra = "exclude_docs: |\n  drafts/\nnot_in_nav: |\n  hidden.md\nnav:\n  - index.md\n"
    build(load_config(str(make_site(pages, extra=extra))))
    site = tmp_path / "site"
    data = _export(site)
    assert list(data) == ["hidden.md"] and data["hidden.md"]["url"] == "hidden/"
    assert_agree(site, data["hidden.md"])


def _six() -> dict[str, str]:
    plan = "# MILESTONE: {t}\n\n**Status**: {s}\n\n### Phase 1: a\n**Status**: {s}\n"
    return {
        "index.md": "# Home\n",
        "a.md": plan.format(t="Alpha", s="in progress"),
        "c.md": plan.format(t="Charlie", s="done"),
        "roadmap/index.md": "# Our plan\n\n<!-- milestones -->\n",
    }


def _statuses(site: Path) -> tuple[dict[str, str], dict[str, str]]:
    rows = {p: r.find("span", "ms-status").attrs["data-status"] or "" for p, r in _roadmap_rows(site).items()}
    return rows, {p: m["status"] for p, m in _export(site).items()}


def _snippet_six(tmp_path: Path) -> tuple[dict[str, str], str]:
    """:func:`_six` with ``a.md`` assembled by pymdownx.snippets: its source alone is no milestone."""
    pages = {**_six(), "parts/a.md": _six()["a.md"], "a.md": '--8<-- "parts/a.md"\n'}
    extra = f"exclude_docs: |\n  parts/\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['{(tmp_path / 'docs').as_posix()}']\n"
    return pages, extra


def test_dirty_rebuild_keeps_the_roadmap_whole_and_current(make_site, tmp_path: Path) -> None:
    """As `mkdocs serve --dirty` does: one plugin instance, a second build that converts only changed pages.
    The unchanged page is a snippets page: only the previous build's model (not its source) knows its milestone."""
    pages, extra = _snippet_six(tmp_path)
    config = load_config(str(make_site(pages, extra=extra)))
    build(config)
    site = tmp_path / "site"
    assert _statuses(site) == ({"a.md": "in-progress", "c.md": "done"},) * 2
    page = tmp_path / "docs" / "c.md"
    page.write_text(page.read_text(encoding="utf-8").replace("**Status**: done", "**Status**: blocked", 1), encoding="utf-8")
    build(config, dirty=True)
    assert _statuses(site) == ({"a.md": "in-progress", "c.md": "blocked"},) * 2
    assert_agree(site, _export(site)["c.md"])
    assert len(_export(site)["a.md"]["phases"]) == 1


def test_dirty_build_in_a_new_process(make_site, tmp_path: Path) -> None:
    """`mkdocs build --dirty` in a fresh process: unchanged pages are read from their source (no earlier
    conversion to reuse: a documented limit, named by one INFO line), the marker page is rebuilt."""
    cfg = make_site(_six())
    run = [sys.executable, "-m", "mkdocs", "build", "-f", str(cfg)]
    subprocess.run([*run, "-q"], check=True, capture_output=True)
    page = tmp_path / "docs" / "c.md"
    page.write_text(page.read_text(encoding="utf-8").replace("**Status**: done", "**Status**: failed", 1), encoding="utf-8")
    proc = subprocess.run([*run, "--dirty"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert _statuses(tmp_path / "site") == ({"a.md": "in-progress", "c.md": "failed"},) * 2
    assert re.search(r'data-status="failed"', (tmp_path / "site" / "c" / "index.html").read_text(encoding="utf-8"))
    read = [ln for ln in proc.stderr.splitlines() if "milestones: --dirty:" in ln]
    assert len(read) == 1 and "2 unchanged pages were read from their source files" in read[0], proc.stderr


CORPUS = Path(__file__).parents[1] / ".." / "shared" / "corpora" / "real-plans" / "docs"
ROOT = Path(__file__).parents[1]


def test_page_roadmap_and_export_agree_on_the_corpora(make_site, tmp_path: Path) -> None:
    """Every real plan (made a milestone by front matter where its heading does not say so), the format
    guide's example and the demo's milestones: what each page shows is what the roadmap and the export say."""
    corpus("real-plans", "docs")
    pages: dict[str, str] = {"index.md": "# Home\n"}
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            head, sep, body = text[4:].partition("\n---")
            head = re.sub(r"(?m)^milestone:", "their_milestone:", head)  # one plan names its version there
            text = "---\nmilestone: true\n" + head + sep + body
        else:
            text = "---\nmilestone: true\n---\n\n" + text
        pages[f"real/{path.name}"] = text.replace("{", "{ ")  # nothing here is a template
    pages["seed.md"] = (ROOT / "tests" / "data" / "seed_example.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "demo_site" / "milestones").glob("*.md")):
        pages[f"demo/{path.name}"] = path.read_text(encoding="utf-8")
    cfg = make_site({})
    docs = tmp_path / "docs"
    for name, text in pages.items():  # written as they are (make_site dedents)
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    data = _export(site)
    assert len(data) == len(pages) - 1, sorted(set(pages) - set(data))
    for entry in data.values():
        assert_agree(site, entry)


def test_blog_post_milestone_has_its_real_url_and_one_warning(make_site, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Material's blog: a post is a milestone at the post's URL; its excerpts (blog index, archive) stay quiet."""
    post = (
        "---\ndate: 2026-01-05\n---\n\n# MILESTONE: Blog plan\n\n**Status**: Percolating\n\n<!-- more -->\n\n"
        "### Phase 1: Only\n**Status**: done\n"
    )
    cfg = make_site({"index.md": "# Home\n", "blog/index.md": "# Blog\n", "blog/posts/plan.md": post}, theme="material")
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - blog\n"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        build(load_config(str(cfg)))
    site = tmp_path / "site"
    entry = _export(site)["blog/posts/plan.md"]
    assert entry["url"] == "blog/2026/01/05/milestone-blog-plan/"
    assert_agree(site, entry)
    msgs = [r.getMessage() for r in caplog.records if "Percolating" in r.getMessage()]
    assert msgs == [entry["warnings"][0]] and msgs[0].startswith("blog/posts/plan.md:7: unknown status"), msgs


def test_the_plugin_lives_across_serve_rebuilds(make_site) -> None:
    """`mkdocs serve` reloads the config on each change but keeps a plugin with `on_startup`: the models of
    the previous build are there for the pages `--dirty` does not convert."""
    cfg = make_site({"index.md": "# Home\n"})
    first = load_config(str(cfg)).plugins["milestones"]
    assert load_config(str(cfg)).plugins["milestones"] is first
