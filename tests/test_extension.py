# SPDX-License-Identifier: MIT
"""Rendering facts of the Python-Markdown extension, without MkDocs."""

from __future__ import annotations

import logging
import re

import markdown
import pytest

from mkdocs_milestones.extension import MilestoneError, MilestonesExtension

from conftest import parse_html


def render(text: str, **config: object) -> str:
    return markdown.markdown(text, extensions=[MilestonesExtension(**config)])


def test_plain_pages_untouched() -> None:
    text = "# Guide\n\n**Status**: done\n**Priority**: high\n\n- [x] a\n"
    assert markdown.markdown(text, extensions=["mkdocs_milestones"]) == markdown.markdown(text, extensions=["tables", "fenced_code"])


def test_header_card_and_badges(seed_example: str) -> None:
    doc = parse_html(markdown.markdown(seed_example, extensions=["mkdocs_milestones"]))
    h1 = doc.find("h1")
    assert h1.text == "SQLite to PostgreSQL Migration"
    card = doc.find("div", "ms-card")
    assert card.attrs["data-status"] == "in-progress" and card.attrs["data-priority"] == "high"
    fields = [n.attrs["data-field"] for n in card.find_all("div", "ms-meta-item")]
    assert fields == ["status", "priority", "created", "estimated-duration", "total-commits"]
    assert card.find("span", "ms-priority").attrs["data-priority"] == "high"
    bar = card.find("div", "ms-progress")
    assert bar.attrs["aria-valuenow"] == "33" and bar.attrs["role"] == "progressbar"
    assert "1/3 phases done" in bar.text and "2/5 checks" in bar.text
    # The card follows the title directly (MkDocs reads the title from the first element).
    assert doc.children[0] is h1 and doc.children[1] is card


def test_criteria_cells_become_badges(seed_example: str) -> None:
    doc = parse_html(render(seed_example))
    table = doc.find_all("table")[0]
    badges = table.find_all("span", "ms-badge")
    assert len(badges) == 6 and {b.attrs["data-status"] for b in badges} == {"pending"}
    risk = doc.find_all("table")[1]
    assert [b.attrs["data-level"] for b in risk.find_all("span", "ms-level")][:2] == ["medium", "high"]


def test_phases_are_collapsible_details(seed_example: str) -> None:
    doc = parse_html(render(seed_example))
    phases = doc.find_all("details", "ms-phase")
    assert [p.attrs["id"] for p in phases] == ["phase-0", "phase-1", "phase-2"]
    assert [p.attrs["data-status"] for p in phases] == ["done", "in-progress", "pending"]
    assert ["open" in p.attrs for p in phases] == [False, True, False]
    summary = phases[0].find("summary")
    assert summary.find("span", "ms-phase-num").text == "Phase 0"
    assert summary.find("span", "ms-phase-title").text == "Baseline & Architecture"
    assert summary.find("span", "ms-phase-estimate").text == "(0.5 session)"
    assert summary.find("span", "ms-badge").attrs["data-status"] == "done"
    assert summary.find("span", "ms-phase-checks").text == "2/2"
    assert phases[1].find("summary").find("span", "ms-phase-checks").text == "0/3"
    # The phase body holds its sections; the next phase is not nested inside.
    assert "Validation Gate" in phases[0].text and "Database Trait" not in phases[0].text


@pytest.mark.parametrize(("mode", "expected"), [("all", [True, True, True]), ("none", [False, False, False])])
def test_open_phases(seed_example: str, mode: str, expected: list[bool]) -> None:
    doc = parse_html(render(seed_example, open_phases=mode))
    assert ["open" in p.attrs for p in doc.find_all("details", "ms-phase")] == expected


def test_checkboxes_are_real_and_disabled(seed_example: str) -> None:
    doc = parse_html(render(seed_example))
    boxes = doc.find_all("input", type="checkbox")
    assert len(boxes) == 5
    assert all("disabled" in b.attrs for b in boxes)
    assert ["checked" in b.attrs for b in boxes] == [True, True, False, False, False]
    assert "[x]" not in doc.text and "[ ]" not in doc.text


def test_consecutive_labels_and_list_under_label() -> None:
    text = "# MILESTONE: T\n**Status**: done\n**Priority**: low\n\n### Phase 1: a\n**Status**: done\n**Goal**: g\n**Success Criteria**:\n- [x] first\n- [ ] second\n"
    doc = parse_html(render(text))
    fields = [p.attrs["data-field"] for p in doc.find_all("p", "ms-field")]
    assert fields == ["status", "goal", "success-criteria"]
    assert len(doc.find_all("input", type="checkbox")) == 2
    assert doc.find("div", "ms-card").find_all("div", "ms-meta-item")[1].attrs["data-field"] == "priority"


def test_status_legend_and_emoji_only_badge() -> None:
    text = "# MILESTONE: L\n**Status**: \N{WHITE HEAVY CHECK MARK}\n\n## Legend\n\n- \N{HOURGLASS WITH FLOWING SAND} Pending - Not yet validated\n- \N{CROSS MARK} Failed - Target missed\n"
    doc = parse_html(render(text))
    card_badge = doc.find("div", "ms-card").find("span", "ms-badge")
    assert card_badge.attrs["data-status"] == "done" and "Done" in card_badge.text  # words, not colour alone
    legend = doc.find("ul", "ms-legend")
    assert [b.attrs["data-status"] for b in legend.find_all("span", "ms-badge")] == ["pending", "failed"]
    assert "Not yet validated" in legend.text


def test_unknown_status_neutral_badge_and_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        doc = parse_html(render("# MILESTONE: U\n**Status**: Percolating\n"))
    badge = doc.find("span", "ms-badge")
    assert badge.attrs["data-status"] == "unknown" and badge.text == "Percolating"
    assert [r.getMessage() for r in caplog.records] == [
        "<markdown>:2: unknown status 'Percolating'; write one of: pending, in-progress, partial, done, failed, blocked, cancelled (or an emoji such as \u23f3 \U0001f504 \u2705 \u274c)"
    ]


def test_structured_fields_escape_raw_html() -> None:
    text = (
        "# MILESTONE: <script>alert(1)</script> **bold**\n**Status**: <img src=x onerror=alert(1)> done\n\n"
        "| Metric | Target | Status |\n|---|---|---|\n| <b onmouseover=x>m</b> | `<i>` | done |\n\n"
        "### Phase 1: <svg onload=alert(1)> [l](javascript:alert(1))\n**Status**: done\n"
    )
    html = render(text)
    assert "<script" not in html and "<img" not in html and "<svg onload" not in html and "<b onmouseover" not in html
    assert "javascript:" not in html
    doc = parse_html(html)
    assert doc.find("h1").text == "<script>alert(1)</script> bold"
    assert doc.find("h1").find("strong").text == "bold"  # inline Markdown still renders
    assert doc.find("td").text == "<b onmouseover=x>m</b>"
    assert doc.find_all("td")[1].find("code").text == "<i>"


def test_every_word_of_the_source_is_on_the_page(seed_example: str) -> None:
    from mkdocs_milestones.mojibake import fix_mojibake

    source = fix_mojibake(seed_example)
    page = parse_html(render(source)).text.lower()
    # Fence info strings ("```bash") become a class, not text; everything else must be readable.
    prose = re.sub(r"(?m)^\s*```\w*$", "", source)
    words = set(re.findall(r"[^\W_]{2,}", re.sub(r"`|\*\*|\[|\]|\(|\)", " ", prose)))
    missing = sorted(w for w in words if w.lower() not in page)
    assert missing == []


def test_strict_mode_raises() -> None:
    with pytest.raises(MilestoneError, match=r"<markdown>:2: unknown status"):
        render("# MILESTONE: S\n**Status**: Percolating\n", strict=True)


def test_bad_option_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="open_phases must be one of in-progress, all, none"):
        MilestonesExtension(open_phases="some")


@pytest.mark.parametrize("key", ["strict", "report"])
@pytest.mark.parametrize("value", ["maybe", 3, None, []])
def test_bad_bool_option_names_the_option(key: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"milestones: {key} must be true or false"):
        markdown.markdown("x", extensions=["mkdocs_milestones"], extension_configs={"mkdocs_milestones": {key: value}})


@pytest.mark.parametrize("value", ["maybe", 3, []])
def test_bad_mojibake_scope_names_the_option_and_its_values(value: object) -> None:
    with pytest.raises(ValueError, match="milestones: fix_mojibake: expected one of: milestones .or true., all, false"):
        markdown.markdown("x", extensions=["mkdocs_milestones"], extension_configs={"mkdocs_milestones": {"fix_mojibake": value}})


@pytest.mark.parametrize(("value", "scope"), [(True, "milestones"), ("on", "milestones"), ("milestones", "milestones"),
                                              ("all", "all"), ("off", False), (False, False), (None, False)])
def test_mojibake_scope_values(value: object, scope: object) -> None:
    assert MilestonesExtension(fix_mojibake=value).getConfig("fix_mojibake") == scope
    assert MilestonesExtension().getConfig("fix_mojibake") == "milestones"


def test_bool_option_words_still_read() -> None:
    ext = MilestonesExtension(fix_mojibake="off", report="yes")
    assert ext.getConfig("fix_mojibake") is False and ext.getConfig("report") is True


def test_entry_point_name() -> None:
    html = markdown.markdown("# MILESTONE: E\n**Status**: done\n", extensions=["milestones"])
    assert 'class="ms-card"' in html


def test_extension_state_is_reset_between_documents() -> None:
    md = markdown.Markdown(extensions=["mkdocs_milestones"])
    md.convert("# MILESTONE: A\n**Status**: done\n")
    md.reset()
    assert 'ms-card' not in md.convert("# Plain\n\ntext\n")


def test_reset_clears_its_own_markdown_when_the_extension_is_shared() -> None:
    """The plugin shares one extension instance between every page's ``Markdown``: ``a.reset()`` clears
    ``a``'s results, not those of whichever ``Markdown`` the instance extended last."""
    from mkdocs_milestones.extension import MilestonesExtension

    ext = MilestonesExtension()
    a = markdown.Markdown(extensions=[ext])
    a.convert("# MILESTONE: A\n**Status**: done\n")
    b = markdown.Markdown(extensions=[ext])
    b.convert("# MILESTONE: B\n**Status**: done\n")
    a.reset()
    assert a.milestone is None  # type: ignore[attr-defined]
    assert b.milestone is not None and b.milestone.title == "B"  # type: ignore[attr-defined]
    b.reset()
    assert b.milestone is None  # type: ignore[attr-defined]


def test_internal_error_degrades_to_plain_markdown(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs_milestones.extension import render as extension

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(extension.h, "header_card", boom)  # the card of a page whose words hold Markdown
    monkeypatch.setattr(extension.c, "card", boom)  # the card as finished HTML (plain words)
    text = "# MILESTONE: B\n**Status**: done\n\n### Phase 1: a\n**Status**: done\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        html = render(text)
    assert "ms-card" not in html and "ms-phase" not in html
    assert "<h1>MILESTONE: B</h1>" in html and "Phase 1: a" in html
    assert any("could not render this milestone page (RuntimeError: boom)" in r.getMessage() for r in caplog.records)


def test_list_nested_by_three_spaces_nests_as_on_github(seed_example: str) -> None:
    doc = parse_html(render(seed_example))
    tasks = doc.find("details", "ms-phase").find("ol")
    first = tasks.find_all("li")[0]
    assert [li.text for li in first.find("ul").find_all("li")] == [
        "Query latency for common operations", "Memory usage under load", "Store results in artefacts/"]
    assert len([c for c in tasks.children if c.tag == "li"]) == 2


def test_empty_status_line_is_warned(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.milestones"):
        render("# MILESTONE: E\n**Status**:\n")
    assert [r.getMessage().split(";")[0] for r in caplog.records] == ["<markdown>:2: the Status line is empty"]


def test_marker_problem_on_a_milestone_page_has_the_authors_line(caplog: pytest.LogCaptureFixture) -> None:
    """normalize_source inserts blank lines between label lines; marker warnings still name the source line."""
    from mkdocs_milestones.extension import MilestonesExtension, PageContext

    ext = MilestonesExtension(provider=lambda md: PageContext(file="m.md", url="m/", meta={}, roadmap=lambda: []))
    text = "# MILESTONE: M\n**Status**: done\n**Priority**: high\n\n<!-- milestones colour=red -->\n"
    with caplog.at_level("WARNING", logger="mkdocs.plugins.milestones"):
        markdown.Markdown(extensions=[ext]).convert(text)
    lines = [r.getMessage().split(":")[1] for r in caplog.records if "colour" in r.getMessage()]
    assert lines == ["5"], [r.getMessage() for r in caplog.records]
    md = markdown.Markdown(extensions=[ext])
    md.convert(text)
    assert [(d.line, d.message.split(" in ")[0]) for d in md.milestone_diagnostics] == [(5, "unknown key 'colour'")]  # type: ignore[attr-defined]
    md.reset()
    assert md.milestone_diagnostics == []  # type: ignore[attr-defined]


def test_inline_images_stay_script_images_do_not() -> None:
    """``data:image/...`` shows a picture and runs nothing; other ``data:`` and ``javascript:`` URLs are defused."""
    text = (
        "# MILESTONE: M\n\n**Status**: done\n\n"
        "![chart](data:image/png;base64,iVBORw0KGgo=) ![bad](data:text/html,x) [link](javascript:x)\n"
    )
    html = markdown.markdown(text, extensions=["mkdocs_milestones"])
    assert '<img alt="chart" src="data:image/png;base64,iVBORw0KGgo=" />' in html
    assert '<span class="ms-unsafe-link">bad</span>' in html
    assert '<span class="ms-unsafe-link">link</span>' in html
    assert "data:text/html" not in html and "javascript:" not in html


def test_a_list_under_an_empty_label_is_shown_once() -> None:
    """``**The Problem**:`` with a list under it: the list is the page's own, not repeated in the label's paragraph."""
    src = "# MILESTONE: X\n\n**Status**: WIP\n\n## Summary\n\n**The Problem**:\n1. No stemming\n2. Permissions come late\n\n**Objective**: one line\n"
    html = markdown.markdown(src, extensions=["mkdocs_milestones"])
    assert html.count("No stemming") == 1 and html.count("Permissions come late") == 1, html
    assert '<strong class="ms-label">The Problem</strong>: </p>' in html, html
    assert "<li>No stemming</li>" in html, html


def test_risk_badges_are_the_models_risks() -> None:
    """A header with an escaped pipe still badges its risk; a risk-shaped table under a phase is no risk."""
    import markdown as md_

    from mkdocs_milestones.extension import MilestonesExtension

    text = (
        "# MILESTONE: R\n**Status**: wip\n\n## Risks\n\n| Risk | Chance \\| odds | Impact |\n|---|---|---|\n"
        "| R | high | low |\n\n### Phase 1: P\n**Status**: done\n\n| Risk | Chance | Impact |\n|---|---|---|\n| S | medium | medium |\n"
    )
    m = md_.Markdown(extensions=[MilestonesExtension()])
    levels = [b.text for b in parse_html(m.convert(text)).find_all("span", "ms-level")]
    assert [(r.risk, r.likelihood, r.impact) for r in m.milestone.risks] == [("R", "high", "low")]  # type: ignore[attr-defined]
    assert levels == ["high", "low"]


def test_page_and_model_agree_on_quoted_checks_and_phases_inside_html() -> None:
    """``> - [x] one`` is a box on the page and a counted check; a phase heading inside ``<div markdown="1">``
    (md_in_html) is not decorated on the page, so the model does not count it either."""
    text = (
        "# MILESTONE: Q\n**Status**: wip\n\n### Phase 1: P\n**Status**: in progress\n\n> - [x] one\n> - [ ] two\n\n"
        '<div markdown="1">\n\n### Phase 2: In a div\n**Status**: done\n\n</div>\n'
    )
    m = markdown.Markdown(extensions=[MilestonesExtension(), "md_in_html"])
    doc = parse_html(m.convert(text))
    ms = m.milestone  # type: ignore[attr-defined]
    boxes = doc.find_all("input")
    assert [p.id for p in ms.phases] == [p.attrs["data-phase"] for p in doc.find_all("details", "ms-phase")] == ["1"]
    assert (ms.phases[0].checks_done, ms.phases[0].checks_total) == (1, 2)
    assert len(boxes) == 2 and sum("checked" in b.attrs for b in boxes) == 1


def test_a_box_the_author_says_does_not_apply_renders_dropped_as_it_is_counted() -> None:
    # review 15b finding 7: ``- [ ] API docs (N/A)`` is not counted, so the page shows it dropped (like ``[-]``), words kept
    text = ("# MILESTONE: A\n\n**Status**: In progress\n\n## Tasks\n\n- [x] One\n- [ ] API docs (N/A)\n"
            "- [ ] Export *(moved to M4)*\n- [ ] Render missing values as N/A\n- [ ] Fix crash (deferred from M2)\n")
    for config in ({}, {"extensions": ["pymdownx.tasklist"]}):
        md = markdown.Markdown(extensions=["pymdownx.tasklist", MilestonesExtension()] if config else [MilestonesExtension()])
        html = md.convert(text)
        items = re.findall(r"<li[^>]*>.*?</li>", html, re.S)
        dropped = [i for i in items if "ms-check-dropped" in i]
        assert len(dropped) == 2 and "API docs (N/A)" in dropped[0] and "moved to M4" in dropped[1], html
        assert not any("checkbox" in i for i in dropped)
        assert sum("checkbox" in i for i in items) == 3  # One, Render missing values as N/A, Fix crash (deferred from M2)
        assert all("ms-check-na" in i for i in dropped)  # styled (milestones.css): a dash where the box would be


def test_words_inside_a_task_are_not_a_not_applicable_remark() -> None:
    # review 15c new 4: only a trailing remark that is the marker drops a box; the page and the card agree
    text = ("# MILESTONE: Reports\n\n**Status**: In progress\n\n## Tasks\n\n- [x] Table view\n- [ ] Handle *out of scope* requests\n"
            "- [ ] Retry policy \u2014 dropped messages go to the dead-letter queue\n- [ ] Treat **N/A** cells as missing values\n"
            "- [ ] Dark mode (deferred)\n- [ ] Export (moved to [M4](m4.md))\n- [ ] Docs \u2014 out of scope for v1\n")
    for exts in ([MilestonesExtension()], ["pymdownx.tasklist", MilestonesExtension()]):
        md = markdown.Markdown(extensions=exts)
        html = md.convert(text)
        ms = md.milestone  # type: ignore[attr-defined]
        items = re.findall(r"<li[^>]*>.*?</li>", html, re.S)
        assert (ms.checks_done, ms.checks_total) == (1, 4)
        assert sum("checkbox" in i for i in items) == 4 and sum("ms-check-na" in i for i in items) == 3, html
    # ``(N/A)`` on a lazy continuation line: the parser reads the first line, so the page keeps the box
    md = markdown.Markdown(extensions=[MilestonesExtension()])
    html = md.convert("# MILESTONE: R\n\n**Status**: In progress\n\n## Tasks\n\n- [x] CSV\n- [ ] Excel\n(N/A)\n")
    assert md.milestone.checks_total == 2 and len(re.findall(r"<input[^>]*checkbox", html)) == 2, html  # type: ignore[attr-defined]


_FRONT_MATTER_MILESTONE = """---
id: M-07
title: Ingest <pipeline> & hardening
status: done
---

Some intro text.

## Tasks
- [x] Retry on 5xx
"""


def test_front_matter_with_the_meta_extension_stays_front_matter() -> None:
    """Plain Python-Markdown with ``meta``: the front matter reaches it as written (the line normaliser once put a
    blank line between ``title:`` and ``status:``, so ``status: done`` and ``---`` became an ``<h2>``)."""
    md = markdown.Markdown(extensions=["meta", MilestonesExtension()])
    html = md.convert(_FRONT_MATTER_MILESTONE)
    assert md.Meta == {"id": ["M-07"], "title": ["Ingest <pipeline> & hardening"], "status": ["done"]}  # type: ignore[attr-defined]
    assert "status: done" not in html and html.count("<h2>") == 1  # "## Tasks" only


def test_a_milestone_by_front_matter_alone_shows_its_title_as_the_heading() -> None:
    md = markdown.Markdown(extensions=["meta", "toc", MilestonesExtension()])
    html = md.convert(_FRONT_MATTER_MILESTONE)
    assert html.startswith('<h1 class="ms-title" id="ingest-pipeline-hardening">Ingest &lt;pipeline&gt; &amp; hardening</h1>\n'
                           '<div class="ms-card"')
    # a page with its own heading keeps it, and gets no second one
    own = markdown.markdown(_FRONT_MATTER_MILESTONE.replace("Some intro text.", "# Ingest"), extensions=["meta", MilestonesExtension()])
    assert own.count("<h1") == 1 and "<h1 class=\"ms-title\">Ingest</h1>" in own


def test_readme_documents_every_extension_option() -> None:
    """The README's "Use as a Python-Markdown extension" section names every option of the extension (review 18,
    finding 9: `today` was missing), and its export paragraph says `export -f mkdocs.yml` reads the plugin's today."""
    from pathlib import Path

    from mkdocs_milestones.extension.config import default_config

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use as a Python-Markdown extension", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)) | set(re.findall(r"names: ([^\n]*)", section)[0].replace("`", "").replace(",", " ").split())
    missing = [k for k in default_config() if k not in listed]
    assert not missing, f"extension options missing from the README: {missing}"
    export = readme.split("**`export`**", 1)[1].split("\n\n", 1)[0]
    assert "plugin's `today` option" in export and "as they do not read `mkdocs.yml`" not in readme


def test_a_task_list_straight_under_a_paragraph_line_shows_the_boxes_it_counts() -> None:
    # review 15c item 9 (FlowTime's FT-M-05.13): ``**Acceptance Criteria**`` then ``- [x]`` lines with no blank line
    text = "# MILESTONE: A\n\n**Status**: In progress\n\n## Tasks\n\n**Acceptance Criteria**\n- [x] one\n- [x] two\n- [ ] three\n"
    for exts in ([MilestonesExtension()], ["pymdownx.tasklist", MilestonesExtension()]):
        md = markdown.Markdown(extensions=exts)
        html = md.convert(text)
        ms = md.milestone  # type: ignore[attr-defined]
        boxes = re.findall(r"<input[^>]*checkbox[^>]*>", html)
        assert (sum("checked" in b for b in boxes), len(boxes)) == (ms.checks_done, ms.checks_total) == (2, 3), html
        assert "<strong>Acceptance Criteria</strong>" in html
