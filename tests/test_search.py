# SPDX-License-Identifier: MIT
"""Search quality (issue 17): what Material's search index holds for a milestone page."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

PLAN = """\
# MILESTONE: Harbour move

**Status**: in progress
**Priority**: high

## Phase Breakdown

### Phase 1: Quokka survey
**Status**: done

Look at the quays.

### Phase 2: Wombat dredging (2 sessions)
**Status**: in progress
**Dependencies**: Phase 1

### Phase 3: Numbat berths
**Status**: pending
**Dependencies**: Phase 1, Phase 2
"""


def _entries(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_each_phase_title_is_found_once_in_its_own_section(make_site, tmp_path: Path) -> None:
    """Searching a phase title finds that phase's section and nothing else on its page: the phase graph,
    whose boxes and tooltips repeat every title, is put in after the search plugin read the page. (The
    roadmap page names a milestone's current phase: that hit is the roadmap's own.)"""
    cfg = make_site({"index.md": "# Home\n", "harbour.md": PLAN}, theme="material")
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    html = (site / "harbour" / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="ms-graph-wrap"') == 1 and "milestones-graph" not in html  # the reader has the graph
    entries = _entries(site)
    for word, anchor in (("Quokka", "#phase-1-quokka-survey"), ("Wombat", "#phase-2-wombat-dredging-2-sessions"), ("Numbat", "#phase-3-numbat-berths")):
        hits = [e["location"] for e in entries if e["location"].startswith("harbour/") and (word in e["title"] or word in e["text"])]
        assert hits == [f"harbour/{anchor}"], (word, hits)
        (entry,) = [e for e in entries if e["location"] == hits[0]]
        assert word in entry["title"]
    # The milestone's own section (title, card) says nothing of the phases.
    (top,) = [e for e in entries if e["location"] == "harbour/"]
    assert "Phase" not in top["text"], top


def test_without_search_the_graph_is_still_there(make_site, tmp_path: Path) -> None:
    cfg = make_site({"harbour.md": PLAN})
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  - search\n", ""), encoding="utf-8")
    build(load_config(str(cfg)))
    html = (tmp_path / "site" / "harbour" / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 2 and 'class="ms-graph ms-graph-phase' in html and "milestones-graph" not in html


def test_badges_and_card_chrome_add_no_hits_and_the_page_stays_whole(make_site, tmp_path: Path) -> None:
    """A phase's status words are indexed once (its ``Status`` line), not again from the badge beside its
    heading; the card's kicker and progress are not indexed; the written page has all of them and none of
    the comments that bracketed them for search (extension/search_view.py)."""
    cfg = make_site({"index.md": "# Home\n", "harbour.md": PLAN}, theme="material")
    build(load_config(str(cfg)))
    site = tmp_path / "site"
    entries = {e["location"]: e for e in _entries(site)}
    phase2 = entries["harbour/#phase-2-wombat-dredging-2-sessions"]
    assert phase2["text"].count("in progress") == 1, phase2
    top = entries["harbour/"]
    assert "Milestone" not in top["text"] and "%" not in top["text"], top
    assert "in progress" in top["text"] and "high" in top["text"], top  # the card's fields, as the author wrote them
    html = (site / "harbour" / "index.html").read_text(encoding="utf-8")
    assert "milestones:search" not in html
    assert html.count('class="ms-phase-meta"') == 3 and 'class="ms-kicker"' in html and 'class="ms-progress"' in html
    assert html.count('<details class="ms-phase"') == 3 and html.count('<div class="ms-phase-body">') == 3


def test_the_extension_alone_adds_no_search_comments() -> None:
    import markdown

    html = markdown.markdown(PLAN, extensions=["mkdocs_milestones"])
    assert "milestones:search" not in html and html.count('<details class="ms-phase"') == 3


def test_what_the_search_view_leaves_out_changes_nothing_in_materials_index(make_site, tmp_path: Path, monkeypatch) -> None:
    """Beyond the bracketed chrome, the search view drops what Material's parser reads and then ignores (issue 17):
    our attributes (a heading's class too; its ``id`` stays), the ``<div>`` around each of the card's fields,
    and each heading's permalink. Material's sections (titles, texts, ids) are the same as from the page with
    only the chrome cut out, while its parser meets fewer tags."""
    from material.plugins.search.plugin import Parser

    import mkdocs_milestones.plugin as plugin_module
    from mkdocs_milestones.extension import search_view as sv

    seen: list[str] = []
    real = plugin_module.views

    def record(html: str, **kw: bool) -> tuple[str, str]:
        seen.append(html)
        return real(html, **kw)

    monkeypatch.setattr(plugin_module, "views", record)
    plan = PLAN.replace("**Priority**: high", "**Priority**: high\n**Owner**: Kim & <b>Lee</b>")
    cfg = make_site({"harbour.md": plan}, theme="material", extra="markdown_extensions:\n  - toc:\n      permalink: true\n")
    build(load_config(str(cfg)))
    (page,) = seen

    def sections(html: str) -> list[tuple[str | None, str, str]]:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]

    view = sv.search_view(page, material=True)
    assert sv.views(page, material=True) == (view, sv.finished(page))  # one walk gives both
    chrome_cut = sv._unbracketed(page)
    assert sections(view) == sections(chrome_cut)
    assert 'class="headerlink"' in chrome_cut and 'class="headerlink"' not in view
    assert '<div class="ms-meta-item"' in chrome_cut and "<div" not in view
    assert '<h3 class="ms-phase-heading" id=' in chrome_cut and '<h3 id="phase-1-quokka-survey">' in view
    assert view.count("<") < chrome_cut.count("<") * 0.8


def test_the_roadmaps_search_view_changes_nothing_in_materials_index(make_site, tmp_path: Path, monkeypatch) -> None:
    """On a page whose markers the plugin expanded, Material's parser reads the roadmap without what it drops
    (issue 17): attributes but a heading's, the progress bars' drawings, the inside of ``data-search-exclude``
    elements (the counters, table heads, the dependency graph, the timeline). Its sections are the same as
    from the whole page, and the reader's page keeps all of it."""
    from material.plugins.search.plugin import Parser

    import mkdocs_milestones.plugin as plugin_module

    seen: list[tuple[str, str]] = []
    real = plugin_module.roadmap_view

    def record(html: str) -> str:
        view = real(html)
        seen.append((html, view))
        return view

    monkeypatch.setattr(plugin_module, "roadmap_view", record)
    other = PLAN.replace("Harbour move", "Lighthouse <b>repair</b> & paint").replace("Quokka", "Gannet")
    other = other.replace("**Priority**: high", "**Priority**: high\n**Depends on**: harbour.md\n**Target**: 2026-01-05")
    cfg = make_site({"harbour.md": PLAN, "light.md": other, "roadmap.md": "# Roadmap\n\n<!-- milestones -->\n"},
                    theme="material")
    build(load_config(str(cfg)))
    assert len([p for p, _ in seen if "ms-roadmap" in p]) == 2  # ours and the one the plugin adds (roadmap/)

    def sections(html: str) -> list[tuple[str | None, str, str, bool]]:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text), s.is_excluded()) for s in parser.data]

    for page, view in seen:
        assert sections(view) == sections(page)
        if "ms-roadmap" in page:
            assert 'class="ms-progress-bar"' in page and "<svg" in page and "<svg" not in view
            assert 'data-search-exclude=""></thead>' in view and view.count("<") < page.count("<") * 0.8
            assert any("Lighthouse &lt;b&gt;repair&lt;/b&gt; &amp; paint" in s[2] for s in sections(view)), sections(view)
    html = (tmp_path / "site" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert 'class="ms-progress-bar"' in html and 'class="ms-graph' in html  # the reader's roadmap is whole


def test_inline_elements_cut_for_material_change_none_of_its_sections() -> None:
    """``inline_cut`` drops the tags of inline elements where their text joins its neighbours as Material's parser
    joins them (issue 17): every golden page, and pages made to trip it (blank texts, ``<pre>``, headings,
    permalinks, elements newer parsers read as text), give Material's parser the same sections."""
    from material.plugins.search.plugin import Parser

    from mkdocs_milestones.extension.search_view import inline_cut

    def sections(html: str) -> list[tuple[str | None, str, str, bool]]:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text), s.is_excluded()) for s in parser.data]

    pages = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "cases").glob("*.html"))]
    pages += [
        "<p>a <strong> </strong> b</p><p>x<strong>y</strong>  z</p><p>x<em>y</em>\tz</p><p> <b>q</b>\n\n</p>",
        "<pre><code>a<strong>b</strong>\n  <span>c</span>\n</code></pre><p>\n<span>d</span>\n</p>",
        '<h2 id="a">T<a href="#a">x</a>:<a class="headerlink" href="#a">&para;</a></h2><div><h3 id="b">U</h3></div><strong>v</strong>w',
        "<p><textarea><strong>x</strong>y</textarea> <i>z</i>.</p>", "<p>&amp;<strong>&lt;b&gt;</strong>&gt;</p>",
        '<div><h2 id="a">A</h2>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n'
        '</tbody>\n</table>\n</div>\n<table>\n<tbody>\n<tr>\n<td>\n<h3 id="c">C</h3>\n</td>\n</tr>\n</tbody>\n</table>\n<p>d</p>',
        '<ul>\n<li>a</li>\n</ul>\n<hr />\n<h2 id="b">B</h2>\n<hr />\n\n<p>c</p> <hr />\n<pre>\n<hr />\n</pre>',
        # a blank after the element, then a tag the parser writes nothing of and a blank text (dropped after a blank)
        "<table>\n<tr>\n<td><b>Owner</b>\n</td>\n<td>Bob</td>\n</tr>\n</table>", "<p>x<b>y</b>\n<span>q</span>\n</p>",
        "<dl><span>y z</span> </dl>\n<p>a</p>", "<li><b>x</b>\n<ol></ol>\n<ul>\n<li> </li>\n</ul></li>",
        # raw HTML's character references that end at a tag ('&am' and 'p;' are two texts, '&amp;' once joined)
        "<p>AT&amp<b>;T</b> x</p>", "<p>&am<b>p;</b> x</p>", "<p>&#3<b>8;</b> x</p>",
        # an element left out whose tag name an element inside it has (the parser knows elements by name only)
        '<span data-search-exclude="">a <span>b</span> c</span><p>d</p>',
        # a hand-written table that leaves its rows' end tags out, beside headings in other elements
        '<section><h2 id="a">A</h2>\n<table>\n<tr>\n<td>a</td>\n</table>\n</section>\ntail\n<h2 id="b">B</h2>',
        '<ul><li><div><h2 id="a">A</h2></div>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</thead>\n</table>\nafter</li></ul>',
    ]
    cut = 0
    for html in pages:
        lean = inline_cut(html)
        assert sections(lean) == sections(html), html[:200]
        cut += html.count("<") - lean.count("<")
    assert cut >= 10  # tags did go (links, emphasis)
    sub_list = "<li><strong>task</strong>\n<ul>\n<li>step</li>\n</ul>\n</li>"  # the most common case still cut
    assert inline_cut(sub_list) == "<li>task\n<ul>\n<li>step</li>\n</ul>\n</li>" and sections(inline_cut(sub_list)) == sections(sub_list)
