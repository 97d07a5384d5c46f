# SPDX-License-Identifier: MIT
"""The chrome written as finished HTML (render/chrome.py, issue 17) is the page the element builders give.

A page whose words are plain gets its card, phase wrappers, badges, field lines and boxes through
Python-Markdown's raw-HTML stash; with an inline extension the plain-text rule does not know (``abbr``: with no
abbreviation defined it changes no word), every piece that holds the author's words is built as elements. Both
ways must give the same string, on every golden case and as the MkDocs plugin converts (search brackets
included).
"""

from __future__ import annotations

import logging
import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.parser import split_front_matter

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.md"))


def _convert(text: str, extensions: list[object], *, host: str, output_format: str = "xhtml") -> str:
    meta, body, _ = split_front_matter(text)
    ctx = PageContext(file="x.md", url="x/", meta=meta, host=host, defer_graph=host == "mkdocs")
    ext = MilestonesExtension(provider=lambda md: ctx, today="2026-06-01")
    md = markdown.Markdown(extensions=[*extensions, ext], output_format=output_format)  # type: ignore[arg-type]
    logging.disable(logging.CRITICAL)
    try:
        return md.convert(body)
    finally:
        logging.disable(logging.NOTSET)


@pytest.mark.parametrize("host", ["markdown", "mkdocs"])
@pytest.mark.parametrize("name", NAMES)
def test_finished_html_is_the_element_builders_page(name: str, host: str) -> None:
    text = (CASES / f"{name}.md").read_text(encoding="utf-8")
    for extra in ([], ["toc", "tables"], ["attr_list", "md_in_html"]):
        fast = _convert(text, extra, host=host)
        built = _convert(text, [*extra, "abbr"], host=host)  # abbr: the element builders for the author's words
        assert fast == built, (name, extra)


def test_plain_words_build_no_chrome_elements() -> None:
    """What the later tree processors walk and the serialiser writes: no card, details, summary, badge or box element."""
    text = ("# MILESTONE: Plain\n**Status**: in progress\n**Priority**: high\n\n"
            "### Phase 1: One\n**Status**: done\n**Goal**: a goal\n\n- [x] a\n- [ ] b\n\n"
            "### Phase 2: Two\n**Status**: pending\n\n| Task | Status |\n|---|---|\n| x | done |\n")
    md = markdown.Markdown(extensions=["tables", MilestonesExtension(today="2026-06-01")])
    tags: list[object] = []
    serialize = md.serializer

    def serializer(root: etree.Element) -> str:  # the tree as the serialiser gets it
        tags.extend(el.tag for el in root.iter())
        return serialize(root)

    md.serializer = serializer
    html = md.convert(text)
    assert 'class="ms-card"' in html and html.count("<details") == 2 and html.count('type="checkbox"') == 2
    assert html.count('class="ms-badge ms-status"') == 6 and html.count('class="ms-field"') == 3
    assert not {"details", "summary", "input", "strong", "dl", "svg"} & set(tags), tags
    assert tags.count("h3") == 2  # the headings stay elements: toc reads them
    assert tags.count("span") == 4  # each heading's number and title (the author's words, still Markdown there)


def test_mkdocs_knows_the_phase_anchors(make_site, tmp_path: Path) -> None:
    """A link to ``plan.md#phase-2`` checks out under ``validation: anchors: warn`` and ``--strict``: the phase's
    ``<details id>`` is finished HTML, so the extension tells MkDocs the id."""
    plan = "# MILESTONE: Plan\n**Status**: in progress\n\n### Phase 1: One\n**Status**: done\n\n### Phase 2: Two\n**Status**: pending\n"
    cfg = make_site({"index.md": "# Home\n\n[second phase](plan.md#phase-2)\n", "plan.md": plan},
                    extra="validation:\n  anchors: warn\n")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert 'id="phase-2"' in (tmp_path / "site" / "plan" / "index.html").read_text(encoding="utf-8")
    bad = make_site({"index.md": "# Home\n\n[nowhere](plan.md#phase-9)\n", "plan.md": plan}, extra="validation:\n  anchors: warn\n")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1 and "phase-9" in proc.stderr  # the check itself is on


@pytest.mark.parametrize("value", [
    "[Other](other.md)", "[Other](other.md), [Third](../x/third.md#phase-2) and [here](#top)", "see [A & B](a.md) > c",
    "![image](a.png)", "[x](javascript:alert(1))", '[x](a.md "title")', "[x](<a.md>)", "[x](a b.md)", "[x](/abs.md)",
    "[`code`](a.md)", "[x](a.md)(y)", "\\[x](a.md)", "[x] (a.md)", "[x](a.md#)", "[x]()",
    '[x"><script>alert(1)</script>](a.md)', "[x](a.md)<b>", "[#12](a.md)",
    "`feat(docs): x`", "` a & <b> `", "x `y` z", "`", "``", "` `", "`a\\`b`", "``a``", "`$x$`", "`[a](b.md)`",
    "[`a`](b.md)", "`a` [b](c.md)`d`", "`a`*b*", "`</code><script>`", "`a_b_c *d*`",
])
@pytest.mark.parametrize("label", ["Depends on", "Tags", "Target"])
def test_links_in_fields_are_the_element_builders_page(value: str, label: str) -> None:
    """A field whose value holds links to pages of the site (a ``Depends on`` line) or code spans (a ``Commit`` line) is
    finished HTML too: the same page as the element builders give, on the card and in a phase; anything else in it
    takes the element builders' way."""
    text = (f"# MILESTONE: L\n**Status**: pending\n**{label}**: {value}\n\n"
            f"### Phase 1: One\n**Status**: done\n**{label}**: {value}\n\n### Phase 2: Two\n**Status**: done\n")
    for host in ("markdown", "mkdocs"):
        for extra in ([], ["pymdownx.inlinehilite"]):  # inlinehilite: its own code spans, the element path
            assert _convert(text, extra, host=host) == _convert(text, [*extra, "abbr"], host=host), (value, host, extra)


def _converted_with_tags(text: str, extensions: list[str]) -> tuple[str, list[object]]:
    """The page's HTML and the tags of every element the serialiser walked (what finished HTML spares it)."""
    md = markdown.Markdown(extensions=[*extensions, MilestonesExtension(today="2026-06-01")])
    tags: list[object] = []
    serialize = md.serializer

    def serializer(root: etree.Element) -> str:
        tags.extend(el.tag for el in root.iter())
        return serialize(root)

    md.serializer = serializer
    return md.convert(text), tags


def test_links_to_pages_build_no_elements() -> None:
    """A ``Depends on`` line of links and a ``Commit`` line's code span leave the card finished HTML: no card, list or link element for the later
    tree processors and the serialiser; the words and URLs escaped as Python-Markdown's would be."""
    text = ("# MILESTONE: Links\n**Status**: pending\n**Depends on**: [A > B](a.md), [C](../c/c.md#phase-2)\n"
            "**Commit**: `feat: a & <b>`\n")
    html, tags = _converted_with_tags(text, [])
    assert '<dd><a href="a.md">A &gt; B</a>, <a href="../c/c.md#phase-2">C</a></dd>' in html
    assert "<dd><code>feat: a &amp; &lt;b&gt;</code></dd>" in html
    assert tags == ["div", "h1", "p"], tags  # the root, the title, the card's placeholder


def test_mkdocs_rewrites_and_checks_finished_links(make_site, tmp_path: Path) -> None:
    """Under MkDocs a finished link's URL is the one its link rewriting gives (``other.md`` -> ``../other/``), and a link
    to a page that is not there still fails ``--strict`` with MkDocs' own warning."""
    plan = "# MILESTONE: Plan\n**Status**: pending\n**Depends on**: [Other](other.md)\n\n### Phase 1: One\n**Status**: done\n"
    cfg = make_site({"plan.md": plan, "other.md": "# MILESTONE: Other\n**Status**: done\n"})
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "site" / "plan" / "index.html").read_text(encoding="utf-8")
    assert '<dd><a href="../other/">Other</a></dd>' in page
    bad = make_site({"plan.md": plan.replace("other.md", "gone.md")})
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1 and "contains a link 'gone.md'" in proc.stderr, proc.stderr


_TABLES = [
    "| Task | Status |\n|---|---|\n| x | done |\n| y | 🔄 in progress |\n",
    "| Left | Centre | Right |\n|:---|:---:|---:|\n| a | b | c |\n|  | `x|y` | [z](z.md) |\n",
    "| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n| outage | High | Low | `retry` |\n",
    "| Task | Status |\n|---|---|\n| *x* | done |\n",
    "| Task | Status |\n|---|---|\n| x | **done** |\n",
    "| Task | Status |\n|---|---|\n| x \\| y | done |\n",
    "| Task | Status |\n|---|---|\n| <b>x</b> | done |\n",
    "| Task | Status |\n|---|---|\n| x | `done` |\n",
    "| Task | Status |\n|---|---|\n| a & b | done |\n",
    "| Task | Status |\n|---|---|\n",
    "| Phase | Status | Depends on |\n|---|---|---|\n| Phase 1: One | done | None |\n| Phase 2: Two | pending | Phase 1 |\n",
    "- item\n\n    | Task | Status |\n    |---|---|\n    | x | done |\n",
    "> | Task | Status |\n> |---|---|\n> | x | done |\n",
]


@pytest.mark.parametrize("table", _TABLES)
def test_tables_are_the_element_builders_page(table: str) -> None:
    """A table at the page's top level whose cells hold plain words (links to pages, code spans) is finished HTML, its
    badges written in: the page the element builders give, whatever the table holds and wherever it stands."""
    for where in ("", "### Phase 1: One\n**Status**: done\n\n", "## Risks\n\n"):
        text = f"# MILESTONE: T\n**Status**: pending\n\n{where}{table}\ntext after\n"
        for host in ("markdown", "mkdocs"):
            assert _convert(text, [], host=host) == _convert(text, ["abbr"], host=host), (table, where, host)


def test_plain_tables_build_no_elements() -> None:
    """A plain table, badges and all, is one piece of finished HTML: no row or cell element is walked or serialised."""
    text = "# MILESTONE: T\n**Status**: pending\n\n| Task | Status |\n|:--|---|\n| `a<b` | done |\n| [c](c.md) | pending |\n"
    html, tags = _converted_with_tags(text, ["tables"])
    assert '<td style="text-align: left;"><code>a&lt;b</code></td>' in html and 'data-status="pending"' in html
    assert not {"table", "tr", "td", "span"} & set(tags), tags


_PHASE_LAYOUTS = [
    "### Phase 1: One\n**Status**: done\n\n---\n\n### Phase 2: Two\n**Status**: pending\n",
    "### Phase 1: One\n**Status**: done\n**Commit**: `a`\n\n---\n\n### Phase 2: Two\n**Status**: pending\n\n---\n",
    "### Phase 1: One\n\n---\n\n---\n\n### Phase 2: Two\n**Status**: done\n- [x] a\n\n***\n### Phase 3: Three\n",
    "---\n\n### Phase 1: One\n**Status**: done\n\n| A | Status |\n|---|---|\n| a | done |\n\n---\n### Phase 2: Two\n",
    "### Phase 1: One\ntext\n\n---\n\n### Phase 2: Two\n**Goal**: g\n**Status**: done\n\nwords *here*\n\n---\n",
    "## Plan\n### Phase 1: One\n**Status**: done\n\n---\n## Phase 2: Two\n**Status**: done\n#### Notes\n---\n### Phase 3: x\n",
    "### Phase 1: One\n**Status**: *done*\n\n---\n\n### Phase 2: Two\n**Status**: done\n\n---\n\n<div>raw</div>\n",
    "### Phase 1: One\n**Status**: *done*\n### Phase 2: Two\n**Status**: done\n### Phase 3: x\n**Status**: *a*\n",
    "### Phase 1: One\n**Status**: *a*\n\n### Phase 2: Two\n\n### Phase 3: T\n**Status**: *x*\n\n---\n\n### Phase 4: F\n",
    "### Phase 1: One\n\n### Phase 2: Two\n**Status**: *x*\n\n---\n### Phase 3: T\n**Status**: done\n- a\n\n---\n",
    "## Phase 1: A\n**Status**: *x*\n### Phase 2: B\n**Status**: done\n\n---\n\n## Phase 3: C\n**Status**: done\n",
]


@pytest.mark.parametrize("layout", _PHASE_LAYOUTS)
def test_phase_wrappers_are_the_element_builders_page(layout: str) -> None:
    """The phases' openings and closings in the texts around them, rules before a heading written into the opening,
    paragraphs with an opening after them joined: the page the element builders give, in both output formats."""
    text = f"# MILESTONE: P\n**Status**: pending\n\n{layout}"
    for host in ("markdown", "mkdocs"):
        for fmt in ("xhtml", "html"):
            fast = _convert(text, [], host=host, output_format=fmt)
            assert fast == _convert(text, ["abbr"], host=host, output_format=fmt), (layout, host, fmt)
            assert fast.count("<hr") == sum(line in ("---", "***") for line in layout.splitlines())  # every rule kept
