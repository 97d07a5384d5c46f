# SPDX-License-Identifier: MIT
"""XSS corpus (issue 7): nothing live comes out of what the plugin itself generates.

Every payload of :data:`PAYLOADS` goes into every author string the plugin renders: the milestone
title, status, priority and other metadata values, ``Depends on`` link text, the cells of the
success-criteria and risk tables, phase titles, phase statuses and goals, dependency text, and
(second site) the front matter ``title`` and ``depends_on``. From those the plugin generates the
page's card, badges, phase summaries, the SVG graph (labels, ``<title>`` tooltips, ``aria-label``),
the Mermaid graph (``graph: mermaid``), the roadmap page (rows, graph, timeline, at-risk list),
the search index entries of the pages, and ``milestones.json``.

Real MkDocs builds (Material, and the plain ``mkdocs`` theme), every generated HTML file parsed with
html5lib (the HTML5 tokenizer browsers use: ``<title>`` is RCDATA, attributes are entity-decoded).
A page is *inert* when no element carries an ``on*`` attribute, no ``<script>`` holds or loads a
payload (each payload carries a marker, ``alert(NNN)`` / ``msgbox(NNN)``), no ``href``/``src``/
``xlink:href``/``action``/``formaction``/``data`` has a script scheme once control characters and
spaces are dropped (``javascript:``, ``vbscript:``, ``data:`` other than ``data:image/``), no
``style`` holds ``expression(`` or a payload, and no ``iframe``/``object``/``embed``/``frame``/
``base`` appears. The structured fields must also *show* each payload as text (escaped, not
dropped), and ``milestones.json`` must round-trip it exactly.

Prose sections (paragraphs, lists, checklists) follow the host's Markdown rules: Python-Markdown
passes raw HTML there, so no payload is put in prose. Front matter ``title`` is shown by MkDocs and
the theme themselves (Material prints ``nav_item.title`` unescaped): the front-matter site is
checked against a build of the same files without the plugin, and only what the plugin adds counts.

Holes this corpus found and that are now closed, each pinned by a test of its own: script links
written with character references (``&#106;avascript:``, ``javascript&colon;``); a defused ``<a>``
without ``href`` that crashed MkDocs' link rewriter; ``<img src="javascript:...">``; Material's
``<title>{{ page.title | striptags }}`` decoding ``&lt;/title&gt;`` into a live tag; raw tags in
Mermaid labels.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html import unescape
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_milestones.extension import MilestonesExtension

html5lib = pytest.importorskip("html5lib")

PAYLOADS: list[str] = [
    "<script>alert(101)</script>",
    "<img src=x onerror=alert(102)>",
    "<svg onload=alert(103)>",
    '"><svg onload=alert(104)>',
    "'><img src=x onerror=alert(105)>",
    "</title><script>alert(106)</script>",
    "</textarea><script>alert(107)</script>",
    "--><script>alert(108)</script>",
    '<a href="javascript:alert(109)">x</a>',
    '<a href="JaVaScRiPt:alert(110)">x</a>',
    '<a href="jav&#x09;ascript:alert(111)">x</a>',
    '<a href="&#106;avascript:alert(112)">x</a>',
    '<a href=" javascript:alert(113)">x</a>',
    '<a href="javascript&colon;alert(114)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMTUpPC9zY3JpcHQ+">alert(115)</a>',
    '<div style="width: expression(alert(116))">x</div>',
    'x" onmouseover="alert(117)" y="',
    "x' onmouseover='alert(118)' y='",
    '"]; click n0 call alert(119); n0["',
    "a\\\"] --> B(alert(120))",
    '<iframe src="javascript:alert(121)"></iframe>',
    "<details open ontoggle=alert(122)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(123)>",
    "`<img src=x onerror=alert(124)>`",
    "<<img src=x onerror=alert(125)>",
    "&lt;img src=x onerror=alert(126)&gt;",
    '<object data="data:text/html,<script>alert(127)</script>"></object>',
    '<svg><a xlink:href="javascript:alert(128)"><text>x</text></a></svg>',
    "<!--<img src=x onerror=alert(129)>-->",
    "<body onload=alert(130)>",
    "%%{init: {'securityLevel': 'loose'}}%% alert(131)",
]
"""Raw-HTML and attribute-breakout payloads; each carries a unique marker ``alert(NNN)``."""

LINK_PAYLOADS: list[str] = [
    "[a](javascript:alert(201))",
    "[a](JaVaScRiPt:alert(202))",
    "[a](<javascript:alert(203)>)",
    "[a](java&#x09;script:alert(204))",
    "[a](&#106;avascript:alert(205))",
    "[a](javascript&colon;alert(209))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMDYpPC9zY3JpcHQ+)",
    "[a](vbscript:msgbox(207))",
    "[a][r208]\n\n[r208]: javascript:alert(208)",
]
"""Markdown links with script schemes: they become ``<a>`` elements, which the sanitizer must defuse."""

IMAGE_PAYLOADS: list[str] = ["![a](javascript:alert(301))", "![a](data:text/html,alert(302))"]

MARKER_RE = re.compile(r"(?:alert|msgbox)\((\d+)\)")
SCRIPT_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background"}
EMBEDDING = {"iframe", "object", "embed", "frame", "applet", "base"}


def marker(payload: str) -> str:
    m = MARKER_RE.search(payload)
    assert m, payload
    return m.group(0)


def milestone_page(p: str, i: int, count: int) -> str:
    """A milestone with ``p`` in every structured field (never in prose)."""
    nxt = f"p{(i + 1) % count}.md"
    return f"""# MILESTONE: {p}

**Status**: {p}
**Priority**: {p}
**Created**: {p}
**Estimated Duration**: {p}
**Owner**: {p}
**Target**: {p}
**Tags**: {p}
**Depends on**: [{p}]({nxt})

## Success Criteria

| Metric | Target | Status |
|--------|--------|--------|
| {p} | {p} | {p} |
| plain | plain | ❌ {p} |

## Phases

### Phase 1: {p} (1 day)

**Status**: {p}
**Goal**: {p}
**Due**: {p}
**Dependencies**: None

- [ ] a plain check

### Phase 2: {p}

**Status**: ❌ failed {p}
**Dependencies**: Phase 1, Phase {p}

- [x] a plain check

### Phase 3: next

**Status**: ⛔ blocked
**Dependencies**: Phase 2

## Risk Assessment

| Risk | Likelihood | Impact | Mitigation |
|------|------------|--------|------------|
| {p} | {p} | {p} | {p} |
"""


def front_matter_page(p: str, i: int, count: int) -> str:
    return (
        "---\nmilestone: true\n"
        f"title: {json.dumps(p)}\n"
        f"depends_on: [{json.dumps(p)}, f{(i + 1) % count}.md]\n"
        f"owners: [{json.dumps(p)}]\ntags: [{json.dumps(p)}]\ntarget: {json.dumps(p)}\n"
        "---\n\n**Status**: ❌ failed\n\n### Phase 1: plain\n\n**Status**: ⛔ blocked\n"
    )


def build_site(root: Path, pages: dict[str, str], *, theme: str = "material", plugin: str | None = "  - milestones") -> Path:
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    cfg = root / "mkdocs.yml"
    plugins = "plugins:\n  - search\n" + (plugin + "\n" if plugin else "")
    cfg.write_text(f"site_name: xss\ndocs_dir: docs\nsite_dir: site\ntheme:\n  name: {theme}\n{plugins}", encoding="utf-8")
    build(load_config(config_file=str(cfg)))
    return root / "site"


# -- what "live" means ----------------------------------------------------------------------------

def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def script_scheme(url: str) -> bool:
    """``javascript:``, ``vbscript:`` or a non-image ``data:`` URL, as a browser would read it."""
    compact = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    m = re.match(r"([a-z][a-z0-9+.\-]*):", compact)
    if not m:
        return False
    return m.group(1) in ("javascript", "vbscript", "livescript") or (m.group(1) == "data" and not compact.startswith("data:image/"))


def parse(html: str):
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def findings(html: str, *, fragment: bool = False) -> list[tuple[str, str, str, str]]:
    """Live things in a page: ``(kind, tag, detail, where)``; ``where`` is ``head`` or ``body``."""
    root = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False) if fragment else parse(html)
    out: list[tuple[str, str, str, str]] = []

    def walk(el, where: str) -> None:
        if not isinstance(el.tag, str):
            return
        tag = _local(el.tag)
        where = "head" if tag == "head" else where
        for key, value in el.attrib.items():
            k = _local(key)
            if k.startswith("on"):
                out.append(("event-handler", tag, f"{k}={value}", where))
            elif k in SCRIPT_ATTRS and script_scheme(value):
                out.append(("script-url", tag, f"{k}={value}", where))
            elif k == "style" and ("expression(" in value.lower() or MARKER_RE.search(value)):
                out.append(("style", tag, value, where))
        if tag == "script" and (MARKER_RE.search(el.text or "") or MARKER_RE.search(el.get("src") or "")):
            out.append(("script", tag, (el.text or el.get("src") or "")[:60], where))
        if tag in EMBEDDING:
            out.append(("embedding", tag, repr(dict(el.attrib)), where))
        for child in el:
            walk(child, where)

    walk(root, "body")
    return out


def site_findings(site: Path, *, ignore=lambda path, f: False) -> dict[str, list]:
    out = {}
    for path in sorted(site.rglob("*.html")):
        found = [f for f in findings(path.read_text(encoding="utf-8")) if not ignore(path, f)]
        if found:
            out[str(path.relative_to(site))] = found
    return out


# -- the sites ---------------------------------------------------------------------------------------

WEIRD_NAME = "w\"'<img src=x onerror=alert(140)>.md"


def _pages() -> dict[str, str]:
    pages = {f"p{i}.md": milestone_page(p, i, len(PAYLOADS)) for i, p in enumerate(PAYLOADS)}
    pages[WEIRD_NAME] = milestone_page("weird file name alert(140)", 0, len(PAYLOADS))
    return pages


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("xss")
    fm = {f"f{i}.md": front_matter_page(p, i, len(PAYLOADS)) for i, p in enumerate(PAYLOADS)}
    return {
        "material": build_site(base / "material", _pages()),
        "mermaid": build_site(base / "mermaid", _pages(), plugin="  - milestones:\n      graph: mermaid"),
        "mkdocs": build_site(base / "mkdocs", _pages(), theme="mkdocs"),
        "front-matter": build_site(base / "fm", fm),
        "front-matter-baseline": build_site(base / "fm-off", fm, plugin=None),
    }


@pytest.mark.parametrize("name", ["material", "mermaid", "mkdocs"])
def test_every_generated_page_is_inert(sites: dict[str, Path], name: str) -> None:
    """Milestone pages, the roadmap, 404 and every other page: nothing live anywhere."""
    found = site_findings(sites[name])
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)[:3000]
    assert (sites[name] / "roadmap" / "index.html").is_file()


def test_page_title_element_is_inert_in_material(sites: dict[str, Path]) -> None:
    page = sites["material"] / "p5" / "index.html"
    assert not findings(page.read_text(encoding="utf-8"))


def _text(el) -> str:
    return "".join(el.itertext())


def _by_class(root, cls: str) -> list:
    return [el for el in root.iter() if isinstance(el.tag, str) and cls in (el.get("class") or "").split()]


@pytest.mark.parametrize("i", range(len(PAYLOADS)))
def test_structured_fields_show_the_payload_as_text(sites: dict[str, Path], i: int) -> None:
    """Escaped, not dropped: the title, card values, cells, phase titles and graph labels keep the marker as text."""
    mark = marker(PAYLOADS[i])
    root = parse((sites["material"] / f"p{i}" / "index.html").read_text(encoding="utf-8"))
    title = _by_class(root, "ms-title")
    assert title and mark in _text(title[0])
    card_values = [_text(dd) for dd in root.iter("dd")]
    assert sum(mark in v for v in card_values) >= 5, card_values  # status, priority, created, estimate, owner (+ depends on)
    # (an estimate-like "(131)" at the end of a phase title gets its own span, after a space)
    phase_titles = [re.sub(r"\s", "", _text(el)) for el in _by_class(root, "ms-phase-heading")]
    assert sum(mark in t for t in phase_titles) == 2, phase_titles
    cells = [_text(td) for td in root.iter("td")]
    assert sum(mark in c for c in cells) >= 8, cells  # 4 criteria cells + 4 risk cells
    svg_titles = [_text(t) for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any(mark in t for t in svg_titles), svg_titles
    # The payload never becomes an element: no tag of the page carries the marker in an attribute
    # other than the plain-text ones the plugin fills on purpose (aria-label, title, id-like slugs).
    for el in root.iter():
        if isinstance(el.tag, str):
            for key, value in el.attrib.items():
                if mark in value:
                    assert _local(key) in {"aria-label", "title", "alt", "data-page"}, (el.tag, key, value)


def test_mermaid_graph_quotes_and_lines_cannot_break_out(sites: dict[str, Path]) -> None:
    """Each node is one quoted label on one line: quotes and newlines of the author cannot end it."""
    node_re = re.compile(r'^  n\d+\["[^"\n]*"\]:::[a-z-]+$')
    edge_re = re.compile(r"^  n\d+ (?:-->|-\.->) n\d+$")
    seen = 0
    for i in range(len(PAYLOADS)):
        root = parse((sites["mermaid"] / f"p{i}" / "index.html").read_text(encoding="utf-8"))
        for pre in _by_class(root, "mermaid"):
            lines = _text(pre).split("\n")
            assert lines[0] == "flowchart LR"
            for line in lines[1:]:
                assert node_re.match(line) or edge_re.match(line), line
            seen += 1
    assert seen == len(PAYLOADS)


def test_mermaid_labels_hold_no_markup(sites: dict[str, Path]) -> None:
    root = parse((sites["mermaid"] / "p1" / "index.html").read_text(encoding="utf-8"))
    source = "".join(_text(pre) for pre in _by_class(root, "mermaid"))
    labels = re.findall(r'\["([^"\n]*)"\]', source)
    assert labels and not [x for x in labels if "<" in x or ">" in x], labels


def test_roadmap_rows_show_every_payload_as_text(sites: dict[str, Path]) -> None:
    html = (sites["material"] / "roadmap" / "index.html").read_text(encoding="utf-8")
    root = parse(html)
    rows = {r.get("data-page"): _text(r) for r in root.iter("tr") if r.get("data-page")}
    for i, p in enumerate(PAYLOADS):
        assert marker(p) in rows[f"p{i}.md"], rows.get(f"p{i}.md")
    assert WEIRD_NAME in rows  # the file name sits in an attribute, escaped
    graph = [el for el in root.iter("{http://www.w3.org/2000/svg}svg")]
    assert graph, "the roadmap draws the dependency graph"


def test_search_index_entries_are_inert(sites: dict[str, Path]) -> None:
    """Material renders search results from the index as HTML: titles and texts must be inert too.

    (Not checked for the ``mkdocs`` theme: MkDocs' own search plugin stores page text tag-stripped
    and *unescaped*, and that theme inserts results with ``innerHTML``, for every page of every
    site, e.g. a code span `` `<img src=x onerror=...>` ``: the host's issue, not ours.)
    """
    for name in ("material", "mermaid"):
        index = json.loads((sites[name] / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            for key in ("title", "text"):
                assert not findings(doc[key], fragment=True), (name, doc["location"], key, doc[key][:200])


def test_export_round_trips_every_payload(sites: dict[str, Path]) -> None:
    """JSON keeps author text as written; ``json`` does the escaping."""
    raw = (sites["material"] / "milestones.json").read_text(encoding="utf-8")
    doc = json.loads(raw)
    assert json.loads(json.dumps(doc)) == doc
    by_page = {m["page"]: m for m in doc["milestones"]}
    for i, p in enumerate(PAYLOADS):
        m = by_page[f"p{i}.md"]
        as_written = {p, p.strip("`").strip()}  # a value wrapped in one code span is stored without it
        assert m["title"] == p
        assert m["status_text"] in as_written
        assert m["created"] in as_written and m["estimated_duration"] in as_written
        assert [m["criteria"][0][k] for k in ("metric", "target")] == [p, p]  # "status" is the canonical word
        assert [m["risks"][0][k] for k in ("risk", "likelihood", "impact", "mitigation")] == [p] * 4
        assert [ph["title"] in as_written for ph in m["phases"][:2]] == [True, True]
        if "]" not in p:  # a "]" ends the link text: then there is no link, for Markdown and for us
            assert m["depends_on"] == [f"p{(i + 1) % len(PAYLOADS)}.md"]
    assert by_page[WEIRD_NAME]["page"] == WEIRD_NAME


def test_front_matter_title_adds_nothing_live(sites: dict[str, Path]) -> None:
    """Front matter ``title``/``depends_on``: the page content (ours) is inert; around it, the theme's
    chrome has nothing live that the same site without the plugin does not have."""

    def split(path: Path) -> tuple[list, list]:
        # The theme's chrome prints the raw titles (a "<style>" there swallows the rest of the page),
        # so our content region is cut out of the text rather than out of the parsed page.
        html = path.read_text(encoding="utf-8")
        m = re.search(r'<article class="md-content__inner[^>]*>(.*)</article>', html, re.DOTALL)
        return (findings(m.group(1), fragment=True) if m else []), findings(html)

    on, off = sites["front-matter"], sites["front-matter-baseline"]
    for path in sorted(on.rglob("*.html")):
        rel = path.relative_to(on)
        inside, everything = split(path)
        # Material puts <h1>{{ page.title }}</h1> in the content of a page without one: the host's, in both builds.
        twin = off / rel if (off / rel).is_file() else None
        inside_base, everything_base = split(twin) if twin else ([], findings((off / "404.html").read_text(encoding="utf-8")))
        assert not Counter(inside) - Counter(inside_base), (str(rel), sorted(Counter(inside) - Counter(inside_base))[:5])
        assert not Counter(everything) - Counter(everything_base), (str(rel), sorted(Counter(everything) - Counter(everything_base))[:5])
    html = (sites["front-matter"] / "roadmap" / "index.html").read_text(encoding="utf-8")
    root = html5lib.parseFragment(re.search(r'<div class="ms-roadmap".*</div>', html, re.DOTALL).group(0), treebuilder="etree", namespaceHTMLElements=False)
    rows = {r.get("data-page"): _text(r) for r in root.iter("tr") if r.get("data-page")}
    svg_text = " ".join(_text(t) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for i, p in enumerate(PAYLOADS):
        assert marker(p) in rows[f"f{i}.md"], rows[f"f{i}.md"]
    assert "alert(" in svg_text  # milestone graph labels come from the titles, as text
    doc = json.loads((sites["front-matter"] / "milestones.json").read_text(encoding="utf-8"))
    by_page = {m["page"]: m for m in doc["milestones"]}
    for i, p in enumerate(PAYLOADS):
        assert by_page[f"f{i}.md"]["title"] == p
        assert by_page[f"f{i}.md"]["depends_on"] == [f"f{(i + 1) % len(PAYLOADS)}.md"]
        assert by_page[f"f{i}.md"]["tags"] == [p]  # front matter tags, as Material's tags plugin reads them
        card = (sites["front-matter"] / f"f{i}" / "index.html").read_text(encoding="utf-8")
        # the theme prints the raw title in <head> (see split above): the card is read from its own markup
        shown = re.search(r'<div class="ms-meta-item" data-field="tags">.*?</dd>', card, re.DOTALL)
        assert shown and marker(p) in unescape(re.sub(r"<[^>]*>", "", shown.group(0))), (i, shown)


# -- Markdown links and images with script schemes ------------------------------------------------

def _link_page(p: str) -> str:
    # The payload in structured fields and in prose: a Markdown link is an element in both.
    return milestone_page(p, 0, 1).replace("## Risk Assessment", f"Prose with {p} inside.\n\n## Risk Assessment")


@pytest.mark.parametrize("payload", LINK_PAYLOADS)
def test_script_links_are_defused_by_the_extension(payload: str) -> None:
    html = markdown.markdown(_link_page(payload), extensions=["mkdocs_milestones"])
    assert not findings(html, fragment=True)
    assert html.count("ms-unsafe-link") >= 10  # defused, and its text kept


def test_script_links_do_not_break_a_mkdocs_build(tmp_path: Path) -> None:
    pages = {f"l{i}.md": _link_page(p) for i, p in enumerate(LINK_PAYLOADS)}
    site = build_site(tmp_path / "links", pages, theme="mkdocs")
    assert not site_findings(site)


@pytest.mark.parametrize("payload", IMAGE_PAYLOADS)
def test_script_images_are_defused_by_the_extension(payload: str) -> None:
    html = markdown.markdown(_link_page(payload), extensions=["mkdocs_milestones"])
    assert not findings(html, fragment=True)


# -- issue links: URL templates and repo_url from the configuration, reference texts from the author -------

HOSTILE_LINKS = [
    ("https://github.com/a\"onmouseover=\"alert(1)/b<script>alert(2)</script>", {}),
    ("https://github.com/acme/app", {"trackers": {"PROJ": "https://x.example/{key}\"><img src=x onerror=alert(3)>"}}),
    ("https://github.com/acme/app", {"trackers": {"PROJ": "https://x.example/?q='{id}' onmouseover=alert(4) x='"}}),
    ("https://gitlab.com/g/p", {"provider": "gitlab", "trackers": {"PROJ": "https://x.example/{key}&#106;avascript:alert(5)"}}),
]


@pytest.mark.parametrize(("repo_url", "links"), HOSTILE_LINKS)
def test_issue_links_are_inert_whatever_the_options_and_text(repo_url: str, links: dict) -> None:
    text = ("# MILESTONE: x\n**Status**: done\n\nSee #12, <b onclick=alert(6)>#13</b>, PROJ-7, acme/lib#3, "
            "[#14](javascript:alert(7)) and <img src=x onerror=alert(8)>#15.\n")
    html = markdown.markdown(text, extensions=[MilestonesExtension(repo_url=repo_url, links=links)])
    live = [f for f in findings(html, fragment=True) if "alert(6)" not in f[2] and "alert(8)" not in f[2]]
    assert not live  # the author's own raw HTML (6, 8) is the author's; nothing of ours is live
    hrefs = re.findall(r'<a class="ms-issue" href="([^"]*)">', html)
    assert hrefs and all(h.startswith(("https://github.com/", "https://gitlab.com/", "https://x.example/")) for h in hrefs)
    assert not [h for h in hrefs if re.search(r"[\"'<> ]", h)]  # percent-encoded, so never out of the attribute


def test_a_script_tracker_template_is_refused() -> None:
    with pytest.raises(ValueError, match="must start with https:// or http://"):
        MilestonesExtension(links={"trackers": {"PROJ": "javascript:alert(1)//{key}"}})
