# SPDX-License-Identifier: MIT
"""Property: for generated milestone documents, what the page shows equals what milestones.json says:
the phases (ids, titles, statuses), the milestone's status and progress, and the risk badges (on exactly the
export's risk rows: two risk tables, a "Chance" column, a risk-shaped table under a phase)."""

from __future__ import annotations

import functools
import logging
import re

import markdown
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import milestone_log, parse_html
from mkdocs_milestones.export import milestone_dict
from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.model import MilestoneEntry
from test_properties import milestone_doc

CTX = PageContext(file="page.md", url="page/", host="mkdocs")


@functools.lru_cache(maxsize=256)
def shown(text: str) -> str:
    """What a reader sees of a bit of Markdown (the export keeps it as written)."""
    return " ".join(parse_html(markdown.markdown(text)).text.split())


def shown_inline(text: str) -> str:
    """What a reader sees of a table cell: inline Markdown only (``---`` or ``1.`` in a cell is no block)."""
    return shown("x " + text)[2:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(milestone_doc(html=False))
def test_the_page_shows_what_the_export_says(text: str) -> None:
    md = markdown.Markdown(extensions=[MilestonesExtension(provider=lambda md: CTX)])
    with milestone_log(logging.DEBUG, quiet=True) as messages:
        html = md.convert(text)
    assert not [m for m in messages if "could not render" in m]
    ms = md.milestone  # type: ignore[attr-defined]
    assert ms is not None
    entry = milestone_dict(MilestoneEntry("page.md", "page/", ms))
    doc = parse_html(html)
    card = doc.find("div", "ms-card")
    assert card.attrs["data-status"] == (entry["status"] or "unknown")
    assert card.find("div", "ms-progress").attrs["aria-valuenow"] == f"{ms.progress * 100:.0f}"
    phases = doc.find_all("details", "ms-phase")
    assert [p.attrs["data-phase"] for p in phases] == [p["id"] for p in entry["phases"]]
    assert [p.attrs["data-status"] for p in phases] == [p["status"] or "unknown" for p in entry["phases"]]
    titles = [" ".join(p.find("span", "ms-phase-title").text.split()) for p in phases]
    assert titles == [shown(p["title"]) for p in entry["phases"]]
    # Risk badges on exactly the export's risks, in order: none on a risk-shaped table under a phase.
    levels = [" ".join(b.text.split()) for b in doc.find_all("span", "ms-level")]
    assert levels == [shown_inline(v) for r in entry["risks"] for v in (r["likelihood"], r["impact"]) if v.strip()]


_REF_SNIPPETS = (
    " #12", " (#13)", " `#14`", " [#15](https://example.com)", " C#16", " **#17**", " *PROJ-18*", " acme/lib#19",
    " PROJ-20,", " x#21", " &#22;", " <b>#23</b>", " https://example.com/#24", " ~~#25~~", " \\#26", " #27`", " `x`#28",
    " [#29]", " {: #30 }", " <!-- #31 -->", " _#32_", " OPS-33", " a/b/c#34", " #0", " #fff",
)
_REF_LINES = ("#40 at a line's start", "- #41 item", "> #42 quoted", "    #43 indented", "  #44 spaced", "| #45 | x |",
              "[#46]: https://example.com", "[#46]", "<div>#47</div>", "1. **#48**", "<!--", "#49 commented", "-->", "```", "#50")
LINKS_CTX = PageContext(file="page.md", url="page/", host="mkdocs")


@st.composite
def doc_with_refs(draw: st.DrawFn) -> str:
    """A generated milestone document with issue references written into it, in and out of code, links, HTML."""
    # Fences whose info string Python-Markdown's fenced_code reads as a language only: with ``title=x`` it sees
    # no fence where the parser (like superfences) sees one, a difference of the whole plugin, not of links.
    lines = re.sub(r"(?m)^(`{3,}|~{3,})(\w*)[^\n`]*$", r"\1\2", draw(milestone_doc(html=True))).split("\n")
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(1, len(lines)))
        if draw(st.booleans()):
            lines[at - 1] += draw(st.sampled_from(_REF_SNIPPETS))
        else:
            lines.insert(at, draw(st.sampled_from(_REF_LINES)))
    return "\n".join(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc_with_refs(), st.booleans())
def test_the_page_links_the_references_the_export_lists(text: str, magiclink: bool) -> None:
    """Issue links: the page's ``a.ms-issue`` are the export's ``links`` (as many of each; a field the card shows
    comes first on the page), and with magiclink each export link is on the page, ours or magiclink's."""
    ext = MilestonesExtension(provider=lambda md: LINKS_CTX, repo_url="https://github.com/acme/app",
                              links={"trackers": {"PROJ": "https://jira.example.com/browse/{key}"}})
    exts: list[object] = [ext]
    if magiclink:
        exts += ["pymdownx.magiclink"]
    md = markdown.Markdown(extensions=exts, extension_configs={"pymdownx.magiclink": {
        "repo_url_shorthand": True, "user": "acme", "repo": "app", "provider": "github"}})
    with milestone_log(logging.DEBUG, quiet=True) as messages:
        html = md.convert(text)
    assert not [m for m in messages if "could not render" in m]
    ms = md.milestone  # type: ignore[attr-defined]
    if ms is None:
        return
    links = milestone_dict(MilestoneEntry("page.md", "page/", ms), links=ext.rules)["links"]
    doc = parse_html(html)
    assert not [a for a in doc.find_all("a") if len(a.find_all("a")) > 1], "a link inside a link"
    ours = [{"text": a.text, "url": a.attrs["href"]} for a in doc.find_all("a", "ms-issue")]
    if not magiclink:
        assert sorted(ours, key=str) == sorted(links, key=str)
    else:  # magiclink links #12 and acme/lib#19 (as ``lib#19``) during inline processing; ours are the rest, in order
        theirs = [a.attrs["href"] for a in doc.find_all("a", "magiclink")]
        rest = list(links)
        for a in ours:
            rest.remove(a)  # each of ours is one of the export's
        assert all(x["url"] in theirs for x in links if x not in ours)
