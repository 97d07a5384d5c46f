# SPDX-License-Identifier: MIT
"""The demo site in headless Chromium, once per theme (Material light and slate, mkdocs light and
dark, readthedocs): phases open and close by mouse and keyboard, ``#phase-N`` links open and
show their phase, badge text meets WCAG AA contrast, the graph stays in the content column, the
page asks nothing of the network and logs no errors, print shows every phase; screenshots go
to tests/artifacts/ (git-ignored) for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ARTIFACTS, VIEWPORT, Site, Visit

pytestmark = pytest.mark.browser

MILESTONE = "milestones/database-migration/"  # the format guide's own example: phases 0 (done), 1, 2 (pending)
SECOND = "milestones/search-revamp/"  # phase 2a, a blocked phase, a failed criterion
ROADMAP = "roadmap/"
EXTRA_PAGES = ["", "guide/template/", ROADMAP]

# WCAG 2.x contrast of an element's text against what is really behind it.
CONTRAST_JS = """
(selector) => {
  const probe = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
  function parse(value) {
    const m = /^rgba?\\(([^)]*)\\)$/.exec(value.trim());
    if (m) {
      const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(
        (s, i) => s.endsWith("%") ? parseFloat(s) / (i === 3 ? 100 : 100 / 255) : parseFloat(s));
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    // Any other colour syntax (oklch, color(srgb ...)): let the canvas convert it.
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = "#000";
    probe.fillStyle = value;
    probe.fillRect(0, 0, 1, 1);
    const d = probe.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }
  function over(top, bottom) {  // source-over compositing of two straight-alpha colours
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const c = [0, 1, 2].map(i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a);
    return [...c, a];
  }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];  // the canvas behind a page that paints nothing
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  }
  function luminance(c) {
    const lin = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  }
  return [...document.querySelectorAll(selector)].map(el => {
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const round = c => c.slice(0, 3).map(Math.round).join(",");
    return {
      text: el.textContent.trim(), cls: el.className.baseVal ?? el.className,
      status: el.dataset.status || el.dataset.priority || el.dataset.level || el.dataset.overdue || "",
      ratio: Math.round((l1 + 0.05) / (l2 + 0.05) * 100) / 100, fg: round(fg), bg: round(bg),
      opacity: parseFloat(getComputedStyle(el).opacity),
    };
  });
}
"""

GRAPH_JS = """
(column) => [...document.querySelectorAll("svg.ms-graph")].map(svg => {
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, width: r.width, height: r.height}; };
  const wrap = svg.closest(".ms-graph-wrap") || svg.parentElement;
  const col = svg.closest(column);
  const ws = getComputedStyle(wrap);
  const ss = getComputedStyle(svg);
  return {
    role: svg.getAttribute("role"), label: svg.getAttribute("aria-label") || "",
    svg: box(svg), wrap: box(wrap), column: col ? box(col) : null,
    visible: ss.display !== "none" && ss.visibility === "visible" && parseFloat(ss.opacity) > 0,
    wrapScrolls: ["auto", "scroll"].includes(ws.overflowX) && wrap.scrollWidth > wrap.clientWidth,
  };
})
"""

PAGE_WIDTH_JS = "() => ({scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth})"


def _survey(visit: Visit, path: str) -> dict[str, Any]:
    page = visit.page
    return {
        "badges": page.evaluate(CONTRAST_JS, ".ms-badge"),
        "muted": page.evaluate(
            CONTRAST_JS,
            ".ms-kicker, .ms-meta-item dt, .ms-meta-item dd, .ms-phase-num, .ms-phase-title, .ms-phase-estimate, .ms-phase-checks,"
            " .ms-progress-detail, .ms-progress-text, .ms-phase-target, .ms-target, .ms-tag, .ms-roadmap-target, .ms-roadmap-owners",
        ),
        "graphs": page.evaluate(GRAPH_JS, visit.site.column),
        "width": page.evaluate(PAGE_WIDTH_JS),
        "phases": page.eval_on_selector_all("details.ms-phase", "els => els.length"),
        "summaries": page.eval_on_selector_all(
            "details.ms-phase > summary",
            "els => els.map(s => ({tab: s.tabIndex, text: s.textContent.trim(), focus: (s.focus(), document.activeElement === s)}))",
        ),
    }


@pytest.fixture(scope="session")
def tour(theme_visit: Visit, site: Site) -> dict[str, Any]:
    """Every page of the demo in this theme, visited once: what the later tests assert on."""
    v = theme_visit
    v.reset()
    pages: dict[str, Any] = {}
    for path in EXTRA_PAGES[:1] + site.pages + EXTRA_PAGES[1:]:
        if not (site.root / path / "index.html").is_file():
            continue  # roadmap/ until it lands; its own screenshot test says so
        response = v.goto(path, wait="networkidle" if path == MILESTONE else "load")
        if response is None or response.status >= 400:
            pages[path] = {"status": response.status if response else None}
            continue
        pages[path] = {"status": response.status, **_survey(v, path)}
    return {"pages": pages, "requests": list(v.requests), "foreign": v.foreign(), "errors": list(v.errors)}


def _milestone_pages(tour: dict[str, Any]) -> dict[str, Any]:
    return {p: d for p, d in tour["pages"].items() if p.startswith("milestones/")}


# ---- the whole site ------------------------------------------------------------------------------
def test_site_has_milestone_pages(site: Site, tour: dict[str, Any]) -> None:
    assert MILESTONE in site.pages and SECOND in site.pages, site.pages
    for path, data in _milestone_pages(tour).items():
        assert data["status"] == 200, (site.theme, path, data["status"])
        assert data["phases"] >= 1, (site.theme, path)


def test_works_offline(site: Site, tour: dict[str, Any]) -> None:
    assert tour["requests"], "no requests recorded at all"
    assert not tour["foreign"], f"{site.theme}: requests left 127.0.0.1:{site.port}: {tour['foreign']}"


def test_no_console_errors(site: Site, tour: dict[str, Any]) -> None:
    assert not tour["errors"], f"{site.theme}:\n" + "\n".join(tour["errors"])


def test_badge_contrast(site: Site, tour: dict[str, Any]) -> None:
    seen, bad = 0, []
    for path, data in tour["pages"].items():
        for b in data.get("badges", []) + data.get("muted", []):
            seen += 1
            if b["ratio"] < 4.5 or b["opacity"] < 1:
                bad.append(f"{path} {b['cls']} {b['status']!r} {b['text']!r}: {b['ratio']}:1 (rgb {b['fg']} on rgb {b['bg']}, opacity {b['opacity']})")
    assert seen > 50, f"only {seen} badges found"
    assert not bad, f"{site.theme}: text below WCAG AA 4.5:1:\n" + "\n".join(bad)


def test_status_is_text_not_colour_alone(tour: dict[str, Any]) -> None:
    for path, data in tour["pages"].items():
        for b in data.get("badges", []):
            assert any(ch.isalpha() for ch in b["text"]), f"{path}: badge {b['status']!r} has no words: {b['text']!r}"
            assert b["status"], f"{path}: badge {b['text']!r} has no data-status/-priority/-level/-overdue"


def test_phase_summaries_are_keyboard_focusable(tour: dict[str, Any]) -> None:
    for path, data in _milestone_pages(tour).items():
        for s in data["summaries"]:
            assert s["tab"] >= 0 and s["focus"], f"{path}: summary {s['text'][:40]!r} cannot take the focus"
            assert s["text"], f"{path}: a phase summary without text"


def test_graph_visible_inside_the_column(site: Site, tour: dict[str, Any]) -> None:
    found = 0
    for path, data in tour["pages"].items():
        if data.get("status") != 200:
            continue
        assert data["width"]["scroll"] <= data["width"]["view"], f"{site.theme} {path}: the page scrolls sideways {data['width']}"
        for g in data["graphs"]:
            found += 1
            assert g["role"] == "img" and g["label"].strip(), f"{path}: svg.ms-graph needs role=img and an aria-label: {g}"
            assert g["visible"] and g["svg"]["width"] > 0 and g["svg"]["height"] > 0, f"{path}: graph not visible: {g}"
            col = g["column"]
            assert col is not None, f"{path}: graph outside the content column {site.column}"
            assert g["wrap"]["left"] >= col["left"] - 1 and g["wrap"]["right"] <= col["right"] + 1, f"{site.theme} {path}: graph box leaves the column: {g}"
            assert g["svg"]["right"] <= col["right"] + 1 or g["wrapScrolls"], f"{site.theme} {path}: graph overflows and its wrapper does not scroll: {g}"
    multi = [p for p, d in _milestone_pages(tour).items() if d["phases"] >= 2 and not d["graphs"]]
    assert not multi, f"{site.theme}: milestone pages with >= 2 phases and no graph: {multi}"
    assert found, f"{site.theme}: no svg.ms-graph anywhere in the demo"


def test_narrow_viewport_keeps_milestone_blocks_on_screen(visit: Visit, site: Site) -> None:
    """At phone width (390 px) the card, phases and graph fit; a wide graph scrolls in its wrapper.
    (The page as a whole may still scroll: the mkdocs theme's navbar does not wrap a long site name.)"""
    v = visit
    v.page.set_viewport_size({"width": 390, "height": 844})
    for path in (MILESTONE, SECOND):
        v.goto(path)
        wide = v.page.eval_on_selector_all(
            ".ms-card, details.ms-phase, .ms-graph-wrap, table:has(.ms-badge)",
            """els => {
              const vw = document.documentElement.clientWidth + 1;
              const clipped = e => {  // inside a box that scrolls sideways and itself fits the screen
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                  if (getComputedStyle(a).overflowX !== 'visible') return a.getBoundingClientRect().right <= vw;
                return false;
              };
              return els.filter(e => e.getBoundingClientRect().right > vw && !clipped(e))
                        .map(e => e.tagName + '.' + e.className + ' right=' + Math.round(e.getBoundingClientRect().right));
            }""",
        )
        assert not wide, f"{site.theme} {path} at 390px: wider than the screen: {wide}"
        for g in v.page.evaluate(GRAPH_JS, site.column):
            assert g["svg"]["right"] <= g["column"]["right"] + 1 or g["wrapScrolls"], g
    v.assert_clean()


# ---- phases ----------------------------------------------------------------------------------
def _is_open(visit: Visit, phase_id: str) -> bool:
    return visit.page.eval_on_selector(f"details#{phase_id}", "d => d.open")


# A closed <details> keeps its content laid out (content-visibility: hidden on ::details-content),
# so getBoundingClientRect() alone says nothing; checkVisibility() sees the skipped content.
SHOWN_JS = """b => { const r = b.getBoundingClientRect();
  return {id: b.parentElement.id, open: b.parentElement.open, w: r.width, h: r.height,
          shown: r.width > 0 && r.height > 0 && b.checkVisibility({visibilityProperty: true, opacityProperty: true})}; }"""


def _body_shown(visit: Visit, phase_id: str) -> bool:
    return visit.page.eval_on_selector(f"details#{phase_id} > .ms-phase-body", SHOWN_JS)["shown"]


def _first_closed_phase(visit: Visit) -> str:
    pid = visit.page.evaluate("() => document.querySelector('details.ms-phase:not([open])')?.id")
    assert pid, "every phase is open by default; expected pending/done phases to start closed"
    return pid


def test_phase_opens_and_closes_by_click(visit: Visit) -> None:
    visit.goto(MILESTONE)
    pid = _first_closed_phase(visit)
    summary = visit.page.locator(f"details#{pid} > summary")
    assert not _body_shown(visit, pid)
    summary.click()
    assert _is_open(visit, pid) and _body_shown(visit, pid)
    summary.click()
    assert not _is_open(visit, pid) and not _body_shown(visit, pid)
    visit.assert_clean()


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_phase_opens_and_closes_by_keyboard(visit: Visit, key: str) -> None:
    visit.goto(MILESTONE)
    pid = _first_closed_phase(visit)
    summary = visit.page.locator(f"details#{pid} > summary")
    summary.focus()
    assert summary.evaluate("s => document.activeElement === s"), "summary did not take the focus"
    visit.page.keyboard.press(key)
    assert _is_open(visit, pid) and _body_shown(visit, pid), f"{key} did not open {pid}"
    visit.page.keyboard.press(key)
    assert not _is_open(visit, pid), f"{key} did not close {pid}"
    visit.assert_clean()


def _in_view(visit: Visit, phase_id: str) -> dict[str, Any]:
    """Is the phase's summary on screen and not hidden under a sticky header?"""
    return visit.page.eval_on_selector(
        f"details#{phase_id} > summary",
        """s => {
          const r = s.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + 24, r.top + Math.min(r.height / 2, 12));
          return {top: r.top, bottom: r.bottom, vh: innerHeight, onTop: !!hit && s.contains(hit), scrollY};
        }""",
    )


def test_hash_link_opens_phase_and_scrolls_to_it(visit: Visit) -> None:
    visit.goto(MILESTONE)
    assert not _is_open(visit, "phase-2"), "phase 2 of the example is pending: closed by default"
    visit.page.evaluate("() => window.scrollTo(0, 0)")
    visit.page.evaluate("() => { location.hash = '#phase-2'; }")
    visit.page.wait_for_function("() => document.getElementById('phase-2').open", timeout=3000)
    view = _in_view(visit, "phase-2")
    assert 0 <= view["top"] < view["vh"] and view["onTop"], f"phase 2 opened but is not in view: {view}"
    # A link elsewhere on the page to a closed phase: a click works the same way.
    visit.page.evaluate("() => { document.getElementById('phase-2').open = false; window.scrollTo(0, 0); history.replaceState(null, '', location.pathname); }")
    visit.page.evaluate(
        "() => { const a = document.createElement('a'); a.href = '#phase-2'; a.id = 'ms-test-link'; a.textContent = 'go'; document.querySelector('h1').after(a); }"
    )
    visit.page.click("#ms-test-link")
    visit.page.wait_for_function("() => document.getElementById('phase-2').open", timeout=3000)
    assert _in_view(visit, "phase-2")["onTop"]
    visit.assert_clean()


def test_graph_node_link_opens_its_phase(visit: Visit) -> None:
    visit.goto(MILESTONE)
    node = visit.page.locator('svg.ms-graph a[*|href="#phase-2"]')
    assert node.count() == 1, "the graph's node for phase 2 should link to #phase-2"
    assert not _is_open(visit, "phase-2")
    node.click()
    visit.page.wait_for_function("() => document.getElementById('phase-2').open", timeout=3000)
    assert _in_view(visit, "phase-2")["onTop"]
    visit.assert_clean()


@pytest.mark.parametrize("path,phase", [(MILESTONE, "phase-2"), (SECOND, "phase-4")])
def test_page_load_with_hash_opens_phase(visit: Visit, path: str, phase: str) -> None:
    visit.goto(f"{path}#{phase}")
    visit.page.wait_for_function(f"() => document.getElementById('{phase}').open", timeout=3000)
    visit.page.wait_for_timeout(150)  # let late layout (fonts, theme scripts) settle
    view = _in_view(visit, phase)
    assert view["scrollY"] > 0 and 0 <= view["top"] < view["vh"] and view["onTop"], f"{phase} opened but is not in view: {view}"
    visit.assert_clean()


def test_print_shows_every_phase(visit: Visit) -> None:
    for path in (MILESTONE, SECOND):
        visit.goto(path)
        visit.page.evaluate("() => document.querySelectorAll('details.ms-phase').forEach(d => { d.open = false; })")
        visit.page.emulate_media(media="print")
        bodies = visit.page.eval_on_selector_all("details.ms-phase > .ms-phase-body", f"els => els.map({SHOWN_JS})")
        assert bodies, f"{path}: no phases"
        assert not any(b["open"] for b in bodies)
        hidden = [b for b in bodies if not b["shown"]]
        assert not hidden, f"{visit.site.theme} {path}: closed phases hidden in print: {hidden}"
        visit.page.emulate_media(media="screen")
        shown = visit.page.eval_on_selector_all("details.ms-phase > .ms-phase-body", f"els => els.map({SHOWN_JS})")
        assert not any(b["shown"] for b in shown), f"screen: closed phases must stay closed: {shown}"
    visit.assert_clean()


# ---- screenshots (looked at by a person; artefacts, not committed) ----------------------------
def _shoot(visit: Visit, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / f"{visit.site.theme}-{name}.png"), full_page=True)


def test_screenshot_milestone_pages(visit: Visit) -> None:
    for path in (MILESTONE, SECOND):
        visit.goto(path)
        _shoot(visit, path.strip("/").split("/")[-1])
    visit.page.set_viewport_size({"width": 390, "height": 844})
    visit.goto(MILESTONE)
    _shoot(visit, "database-migration-narrow")
    visit.page.set_viewport_size(VIEWPORT)
    visit.assert_clean()


def test_screenshot_roadmap(visit: Visit) -> None:
    response = visit.goto(ROADMAP)
    assert response is not None and response.status == 200, "the demo's roadmap/ page is missing"
    _shoot(visit, "roadmap")
    visit.assert_clean()


# ---- targets and overdue (issue 18): the demo's today is 2026-12-06; Database migration is due 2026-11-30 ----
def _visible_contrast(visit: Visit, selector: str) -> list[dict[str, Any]]:
    """Each element's contrast (CONTRAST_JS) and whether it is drawn with a size."""
    found = visit.page.evaluate(CONTRAST_JS, selector)
    boxes = visit.page.eval_on_selector_all(
        selector, "els => els.map(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
                  " return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none'; })")
    return [{**f, "visible": b} for f, b in zip(found, boxes)]


def test_overdue_badges_on_the_card_and_the_phase(visit: Visit, site: Site) -> None:
    visit.goto(MILESTONE)
    card = _visible_contrast(visit, ".ms-card .ms-overdue")
    assert [b["text"] for b in card] == ["overdue by 6 days"], site.theme
    phase = _visible_contrast(visit, "#phase-1 .ms-phase-summary .ms-overdue")
    assert [b["text"] for b in phase] == ["overdue by 16 days"], site.theme
    for b in card + phase:
        assert b["visible"] and b["ratio"] >= 4.5, (site.theme, b)
    targets = _visible_contrast(visit, ".ms-card .ms-meta-item[data-field=target] dd, #phase-1 .ms-phase-target")
    assert [t["text"] for t in targets] == ["November 2026 (2026-11-30)", "due 2026-11-20"], site.theme
    assert all(t["visible"] and t["ratio"] >= 4.5 for t in targets), (site.theme, targets)
    visit.assert_clean()


TODAY_LINE_JS = """
() => {
  const line = document.querySelector(".ms-timeline-today line");
  if (!line) return null;
  const r = line.getBoundingClientRect();
  const probe = document.createElement("span");
  probe.className = "ms-probe";
  probe.textContent = "today";
  probe.style.color = getComputedStyle(line).stroke;
  line.closest(".ms-timeline-wrap").appendChild(probe);
  return {height: r.height, x: r.left, label: document.querySelector(".ms-timeline-today text").textContent,
          chart: document.querySelector("svg.ms-timeline-chart").getBoundingClientRect().height};
}
"""


def test_timeline_today_line_targets_and_overdue_section(visit: Visit, site: Site) -> None:
    visit.goto(ROADMAP)
    today = visit.page.evaluate(TODAY_LINE_JS)
    assert today is not None, f"{site.theme}: no today line on the roadmap's timeline"
    assert today["label"] == "today" and today["height"] > 0.5 * today["chart"], (site.theme, today)
    stroke = visit.page.evaluate(CONTRAST_JS, ".ms-probe")[0]
    assert stroke["ratio"] >= 3, f"{site.theme}: the today line is {stroke['ratio']}:1 against its background (WCAG 1.4.11 asks 3:1)"
    flags = visit.page.eval_on_selector_all("path.ms-timeline-target", "els => els.map(e => e.getBoundingClientRect().height)")
    assert len(flags) >= 5 and all(h > 0 for h in flags), (site.theme, flags)
    assert visit.page.eval_on_selector_all(".ms-timeline-link", "els => els.length") >= 3
    overdue = visit.page.eval_on_selector_all(".ms-roadmap-overdue li", "els => els.map(e => e.dataset.page)")
    assert overdue == ["milestones/database-migration.md"], (site.theme, overdue)
    badges = _visible_contrast(visit, ".ms-roadmap-schedule .ms-overdue")
    assert badges and all(b["ratio"] >= 4.5 for b in badges), (site.theme, badges)
    visit.assert_clean()


TABLE_FIT_JS = """
() => [...document.querySelectorAll(".ms-roadmap-table-wrap")].filter(w => w.offsetParent !== null)
  .map(w => ({scroll: w.scrollWidth, client: w.clientWidth, group: (w.closest("details") || w).id}))
"""


def test_roadmap_tables_fit_their_box_at_1280(visit: Visit, site: Site) -> None:
    """Every roadmap table fits its box at 1280px: no column (the Target / owners one, with its overdue badge,
    is the last but one) hides behind a sideways scroll (review of issue 18, finding 1)."""
    visit.page.set_viewport_size(VIEWPORT)
    visit.goto(ROADMAP)
    visit.page.eval_on_selector_all("details.ms-roadmap-group", "els => els.forEach(d => d.open = true)")
    tables = visit.page.evaluate(TABLE_FIT_JS)
    assert len(tables) >= 3, (site.theme, tables)
    wide = [t for t in tables if t["scroll"] > t["client"]]
    assert not wide, f"{site.theme}: roadmap tables wider than their box at 1280px: {wide}"
    visit.assert_clean()


def test_narrow_roadmap_rows_label_target_and_owners(visit: Visit, site: Site) -> None:
    """At 390px a row is a card: its target and owners carry a label with a colon, as "Created:" does."""
    visit.page.set_viewport_size({"width": 390, "height": 844})
    try:
        visit.goto(ROADMAP)
        labels = visit.page.eval_on_selector_all(
            ".ms-roadmap-group[open] .ms-roadmap-created, .ms-roadmap-group[open] .ms-roadmap-target,"
            " .ms-roadmap-group[open] .ms-roadmap-owners",
            "els => els.map(e => [e.className, getComputedStyle(e, '::before').content])")
    finally:
        visit.page.set_viewport_size(VIEWPORT)
    by_kind: dict[str, set[str]] = {}
    for cls, content in labels:
        by_kind.setdefault(cls, set()).add(content)
    assert by_kind.get("ms-roadmap-created") == {'"Created: "'}, (site.theme, by_kind)
    assert by_kind.get("ms-roadmap-target") == {'"Target: "'}, (site.theme, by_kind)
    assert by_kind.get("ms-roadmap-owners") == {'"Owners: "'}, (site.theme, by_kind)
    visit.assert_clean()


FLAGS_JS = """
() => {
  const red = getComputedStyle(document.querySelector(".ms-roadmap-schedule .ms-overdue")).color;
  const flags = [...document.querySelectorAll("path.ms-timeline-target")].map(f => ({
    page: f.closest("[data-page]").dataset.page, overdue: f.dataset.overdue,
    red: getComputedStyle(f).stroke === red || getComputedStyle(f).fill === red,
    lateBar: f.closest(".ms-timeline-row").classList.contains("ms-timeline-late")}));
  const critical = [...document.querySelectorAll(".ms-timeline-critical .ms-timeline-dep")].map(p => getComputedStyle(p).stroke);
  return {red, flags, critical};
}
"""


def test_timeline_flag_is_red_only_when_the_target_is_overdue(visit: Visit, site: Site) -> None:
    """A red flag means overdue and nothing else (review 18, finding 4): not a bar past its estimate, and the
    critical path's arrows are not in that red; the note says what red means."""
    visit.goto(ROADMAP)
    got = visit.page.evaluate(FLAGS_JS)
    red = {f["page"] for f in got["flags"] if f["red"]}
    overdue = {f["page"] for f in got["flags"] if f["overdue"] not in (None, "0")}
    assert overdue == {"milestones/database-migration.md"}, (site.theme, got)
    assert red == overdue, (site.theme, got)
    assert any(f["lateBar"] and not f["red"] for f in got["flags"]), f"{site.theme}: the demo has no bar past its estimate with a flag on time: {got}"
    assert got["critical"] and all(s != got["red"] for s in got["critical"]), (site.theme, got)
    note = visit.page.text_content(".ms-timeline-note") or ""
    assert "red when the target has passed" in note, (site.theme, note)
    visit.assert_clean()


BURNUP_TEXT_JS = """
() => [...document.querySelectorAll("svg.ms-burnup-chart")].flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const shown = [...svg.querySelectorAll("text")].filter(t => t.checkVisibility() && t.getBBox().width > 0);
  const boxes = shown.filter(t => t.closest(".ms-burnup-axis")).map(t => t.getBoundingClientRect());
  const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter(
    b => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)).length;
  return [{scale, overlaps, sizes: shown.map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale])}];
})
"""


@pytest.mark.parametrize("path", ["milestones/platform-observability/", ROADMAP])
def test_burnup_labels_stay_readable_at_390(visit: Visit, site: Site, path: str) -> None:
    """At phone width the burn-up's axis and legend text is at least 10px on screen (its SVG scales down to the
    column: the font grows as the chart shrinks), and the axis labels still shown do not run into each other."""
    visit.page.set_viewport_size({"width": 390, "height": 844})
    try:
        visit.goto(path)
        charts = visit.page.evaluate(BURNUP_TEXT_JS)
    finally:
        visit.page.set_viewport_size(VIEWPORT)
    assert charts, f"{site.theme} {path}: no burn-up chart"
    for chart in charts:
        assert chart["scale"] < 0.9, chart  # the chart did scale down
        small = [(text, round(px, 1)) for text, px in chart["sizes"] if px < 10]
        assert not small, f"{site.theme} {path} at 390px: labels under 10px on screen: {small}"
        assert len(chart["sizes"]) >= 4, chart  # both ends of the date axis, and the counts
        assert chart["overlaps"] == 0, f"{site.theme} {path} at 390px: axis labels overlap: {chart}"
    visit.assert_clean()
