# SPDX-License-Identifier: MIT
"""Issue references (issue 18): ``#123``, ``owner/repo#123`` and tracker keys, linked outside code on milestone pages
and listed per milestone in milestones.json."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import milestone_log
from mkdocs_milestones.export import milestone_dict
from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.links import find_refs, link_rules
from mkdocs_milestones.model import IssueRef, MilestoneEntry
from mkdocs_milestones.parser import parse_milestone

GITHUB = "https://github.com/acme/app"
JIRA = {"trackers": {"PROJ": "https://jira.example.com/browse/{key}"}}
CTX = PageContext(file="plan.md", url="plan/", host="mkdocs")


def ref(text: str) -> IssueRef:
    (found,) = find_refs(text)
    return found


def render(text: str, *, extensions: tuple[object, ...] = (), configs: dict | None = None, **options: object) -> tuple[str, markdown.Markdown]:
    ext = MilestonesExtension(provider=lambda md: CTX, **options)
    md = markdown.Markdown(extensions=[ext, *extensions], extension_configs=configs or {})
    with milestone_log(quiet=True):
        html = md.convert(text)
    return html, md


def links_of(html: str) -> list[tuple[str, str]]:
    """``(text, href)`` of our links, in page order."""
    return re.findall(r'<a class="ms-issue" href="([^"]*)">([^<]*)</a>', html)


def page(body: str) -> str:
    return f"# MILESTONE: Links\n**Status**: in progress\n\n{body}\n"


# -- where each reference links -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("repo_url", "options", "text", "url"),
    [
        (GITHUB, {}, "#12", "https://github.com/acme/app/issues/12"),
        ("https://github.com/acme/app.git/", {}, "#12", "https://github.com/acme/app/issues/12"),
        ("https://www.github.com/acme/app/tree/main/docs", {}, "#12", "https://www.github.com/acme/app/issues/12"),
        (GITHUB, {}, "other/lib#3", "https://github.com/other/lib/issues/3"),
        ("https://gitlab.com/group/sub/project", {}, "#7", "https://gitlab.com/group/sub/project/-/issues/7"),
        ("https://gitlab.com/group/project/-/tree/main", {}, "#7", "https://gitlab.com/group/project/-/issues/7"),
        ("https://gitlab.com/group/project", {}, "other/group/lib#2", "https://gitlab.com/other/group/lib/-/issues/2"),
        ("https://github.example.com/acme/app", {}, "#5", "https://github.example.com/acme/app/issues/5"),  # Enterprise
        ("https://gitlab.example.org/team/app", {}, "#5", "https://gitlab.example.org/team/app/-/issues/5"),
        ("https://code.example.com/acme/app", {"provider": "github"}, "#5", "https://code.example.com/acme/app/issues/5"),
        ("https://code.example.com/acme/app", {"provider": "gitlab"}, "#5", "https://code.example.com/acme/app/-/issues/5"),
        (None, JIRA, "PROJ-123", "https://jira.example.com/browse/PROJ-123"),
        (None, {"trackers": {"BUG": "https://bugs.example.com/show_bug.cgi?id={id}"}}, "BUG-9", "https://bugs.example.com/show_bug.cgi?id=9"),
    ],
)
def test_each_reference_links_where_its_server_keeps_it(repo_url: str | None, options: dict, text: str, url: str) -> None:
    assert link_rules(repo_url, options).url(ref(text)) == url


@pytest.mark.parametrize(
    ("repo_url", "options", "text"),
    [
        ("https://code.example.com/acme/app", {}, "#5"),  # neither GitHub nor GitLab, and no provider said
        ("https://bitbucket.org/acme/app", {}, "#5"),
        ("https://github.com/acme", {}, "#5"),  # no repository in the URL
        (None, {}, "#5"),
        (GITHUB, False, "#5"),  # links: false
        (GITHUB, {}, "a/b/c#5"),  # GitHub has no groups
        (GITHUB, JIRA, "OPS-5"),  # a key no tracker maps
        (GITHUB, False, "PROJ-5"),
    ],
)
def test_a_reference_without_a_server_or_tracker_stays_text(repo_url: str | None, options: object, text: str) -> None:
    assert link_rules(repo_url, options).url(ref(text)) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"provider": "bitbucket"}, "provider must be one of github, gitlab"),
        ({"tracker": {}}, "unknown key 'tracker'"),
        ({"trackers": ["PROJ"]}, "trackers must map keys to URL templates"),
        ({"trackers": {"proj": "https://x/{key}"}}, "must be capital letters"),
        ({"trackers": {"P": "https://x/{key}"}}, "two or more"),
        ({"trackers": {"PROJ": "javascript:alert(1)//{key}"}}, "must start with https:// or http://"),
        ({"trackers": {"PROJ": "https://jira.example.com/browse/"}}, "needs {key} (PROJ-123) or {id}"),
    ],
)
def test_bad_options_say_what_to_write(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        link_rules(GITHUB, options)
    with pytest.raises(ValueError, match=r"^milestones: links: .*" + re.escape(message)):
        MilestonesExtension(repo_url=GITHUB, links=options)


# -- which words are references -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["C#1 and F#2", "foo#12", "&#123;", "&#x7b;", "colour #fff, #abc123", "#000 and #012", "\\#12", "##12",
     "https://example.com/#12", "https://github.com/acme/app/issues/1#12", "/path#12", "?page=#12", "x=#12",
     "plan.md#12 and docs/plan.md#3", "#12abc", "#1.2", "PROJ-0", "PROJ-1-2", "proj-12", "A-12", "@#12"],
)
def test_false_positives_are_not_references(text: str) -> None:
    assert find_refs(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("#12", ["#12"]), ("(#12)", ["#12"]), ("[#12]", ["#12"]), ("fixes #12, #13; #14.", ["#12", "#13", "#14"]),
        ("**#12**", ["#12"]), ("_#12_", ["#12"]), ("|#12|", ["#12"]), ("\u2014#12", ["#12"]), ("#12-", ["#12"]),
        ("acme/lib#3 and acme/my.lib#4", ["acme/lib#3", "acme/my.lib#4"]), ("PROJ-123: done", ["PROJ-123"]),
    ],
)
def test_references_after_a_space_or_punctuation(text: str, found: list[str]) -> None:
    assert [r.text for r in find_refs(text)] == found


# -- the page: inside and outside code ----------------------------------------------------------------
OUTSIDE = """\
**Tracking**: #1 and PROJ-2

Closes #3, see acme/lib#4.

- [x] done in #5
- **#6** in bold

| Item | Issue |
|------|-------|
| a    | #7    |

> Quoted #8
"""

INSIDE = """\
### Phase 1: Heading #20 { #first }
**Status**: done

`#21` in a code span, ``#22 `x` `` too, [#23](https://example.com) a link, <https://example.com/#24>,
<span title="#25">#26</span>, &#35;27, \\#28, [#29][ref]

[ref]: https://example.com "#30"

```text
#31 in a fence
```

    #32 in indented code

<!-- #33
#34 in a comment -->

<div markdown="1">
#35 in raw HTML
</div>

#36 is a heading for Python-Markdown
"""


def test_references_outside_code_are_linked_in_order() -> None:
    html, md = render(page(OUTSIDE), repo_url=GITHUB, links=JIRA)
    assert [t for _, t in links_of(html)] == ["#1", "PROJ-2", "#3", "acme/lib#4", "#5", "#6", "#7", "#8"]
    assert links_of(html)[3] == ("https://github.com/acme/lib/issues/4", "acme/lib#4")
    assert [r.text for r in md.milestone.refs] == ["#1", "PROJ-2", "#3", "acme/lib#4", "#5", "#6", "#7", "#8"]  # type: ignore[attr-defined]


def test_nothing_inside_code_links_or_html_is_a_reference() -> None:
    html, md = render(page(INSIDE), repo_url=GITHUB, links=JIRA)
    assert links_of(html) == []
    assert md.milestone.refs == []  # type: ignore[attr-defined]
    assert 'id="first"' in html  # the heading's id (attr_list) is the author's, not touched
    assert "<code>#21</code>" in html


def test_heading_ids_and_permalinks_are_untouched() -> None:
    text = page("## Fix #12 first\n\nBody #12.\n")
    on, _ = render(text, extensions=("toc",), configs={"toc": {"permalink": True}}, repo_url=GITHUB)
    off, _ = render(text, extensions=("toc",), configs={"toc": {"permalink": True}})
    assert on.replace('<a class="ms-issue" href="https://github.com/acme/app/issues/12">#12</a>', "#12") == off
    assert '<h2 id="fix-12-first">Fix #12 first<a class="headerlink" href="#fix-12-first"' in on


def test_a_page_that_is_not_a_milestone_is_byte_identical() -> None:
    text = "# Notes\n\nSee #12 and PROJ-3.\n"
    html, _ = render(text, repo_url=GITHUB, links=JIRA)
    assert html == markdown.markdown(text, extensions=["tables", "fenced_code"])


def test_links_false_links_nothing() -> None:
    text = page(OUTSIDE)
    off, md = render(text, repo_url=GITHUB, links=False)
    assert links_of(off) == [] and off == render(text)[0]
    assert milestone_dict(MilestoneEntry("plan.md", "plan/", md.milestone), links=md.registeredExtensions[0].rules)["links"] == []  # type: ignore[attr-defined]


def test_the_export_lists_the_links_the_page_shows() -> None:
    html, md = render(page(OUTSIDE + INSIDE), repo_url=GITHUB, links=JIRA)
    ext = md.registeredExtensions[0]
    links = milestone_dict(MilestoneEntry("plan.md", "plan/", md.milestone), links=ext.rules)["links"]  # type: ignore[attr-defined]
    assert [(x["url"], x["text"]) for x in links] == links_of(html)
    assert links[1] == {"text": "PROJ-2", "url": "https://jira.example.com/browse/PROJ-2"}


def test_the_parser_keeps_the_references_with_their_lines() -> None:
    ms = parse_milestone(page("Body #12.\n\nAnd acme/lib#3, PROJ-4."))
    assert ms is not None
    assert [(r.text, r.line, r.repo, r.key, r.number) for r in ms.refs] == [
        ("#12", 4, None, None, "12"), ("acme/lib#3", 6, "acme/lib", None, "3"), ("PROJ-4", 6, None, "PROJ", "4")]


# -- with pymdownx.magiclink ----------------------------------------------------------------------------
MAGIC = {"pymdownx.magiclink": {"repo_url_shorthand": True, "user": "acme", "repo": "app", "provider": "github"}}


@pytest.mark.parametrize("first", [True, False])
def test_magiclink_and_the_plugin_never_link_twice(first: bool) -> None:
    text = page("Closes #3 and acme/lib#4, PROJ-5, https://github.com/acme/app/issues/6.")
    ext = MilestonesExtension(provider=lambda md: CTX, repo_url=GITHUB, links=JIRA)
    exts: list[object] = ["pymdownx.magiclink", ext] if first else [ext, "pymdownx.magiclink"]
    html = markdown.Markdown(extensions=exts, extension_configs=MAGIC).convert(text)
    assert not re.search(r"<a [^>]*>[^<]*<a ", html), "a link inside a link"
    assert html.count('href="https://github.com/acme/app/issues/3"') == 1
    assert html.count('href="https://github.com/acme/lib/issues/4"') == 1
    assert links_of(html) == [("https://jira.example.com/browse/PROJ-5", "PROJ-5")]  # magiclink knows no Jira


# -- the plugin -----------------------------------------------------------------------------------------
PLAN = page("Closes #3, see PROJ-5.\n\n```\n#4\n```")


def test_a_build_links_with_repo_url_and_exports_the_links(make_site, tmp_path: Path) -> None:
    cfg = make_site({"plan.md": PLAN, "notes.md": "# Notes\n\n#3\n"}, {"links": JIRA}, extra=f"repo_url: {GITHUB}\n")
    build(load_config(str(cfg)))
    doc = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1
    assert doc["milestones"][0]["links"] == [
        {"text": "#3", "url": "https://github.com/acme/app/issues/3"},
        {"text": "PROJ-5", "url": "https://jira.example.com/browse/PROJ-5"},
    ]
    html = (tmp_path / "site" / "plan" / "index.html").read_text(encoding="utf-8")
    assert len(links_of(html)) == 2
    assert "ms-issue" not in (tmp_path / "site" / "notes" / "index.html").read_text(encoding="utf-8")


def test_a_build_without_a_known_server_says_how_to_name_it(make_site, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cfg = make_site({"plan.md": PLAN}, extra="repo_url: https://code.example.com/acme/app\n")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.milestones"):
        build(load_config(str(cfg)))
    assert any("links: {provider: github}" in r.getMessage() for r in caplog.records)
    doc = json.loads((tmp_path / "site" / "milestones.json").read_text(encoding="utf-8"))
    assert doc["milestones"][0]["links"] == []


@pytest.mark.parametrize(
    ("value", "error"),
    [({"provider": "svn"}, "provider must be one of"), ("yes", "expected true, false or a mapping"),
     ({"trackers": {"PROJ": "ftp://x/{key}"}}, "must start with https://")],
)
def test_the_plugin_option_is_checked(value: object, error: str) -> None:
    from mkdocs_milestones.plugin import MilestonesPlugin

    errors, _ = MilestonesPlugin().load_config({"links": value})
    assert errors and error in str(errors[0][1])
    assert MilestonesPlugin().load_config({"links": False}) == ([], [])


# -- the command line -------------------------------------------------------------------------------------
def test_the_cli_export_lists_the_links_of_a_config_or_repo_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mkdocs_milestones.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nrepo_url: https://gitlab.com/g/p\nplugins:\n  - milestones:\n      links:\n"
        "        trackers: {PROJ: 'https://jira.example.com/browse/{key}'}\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    assert main(["export", "--no-history", "-f", str(tmp_path / "mkdocs.yml"), str(tmp_path / "docs")]) == 0
    links = json.loads(capsys.readouterr().out)["milestones"][0]["links"]
    assert links == [{"text": "#3", "url": "https://gitlab.com/g/p/-/issues/3"},
                     {"text": "PROJ-5", "url": "https://jira.example.com/browse/PROJ-5"}]
    assert main(["export", "--no-history", "--repo-url", GITHUB, str(tmp_path / "docs")]) == 0
    assert [x["url"] for x in json.loads(capsys.readouterr().out)["milestones"][0]["links"]] == [
        "https://github.com/acme/app/issues/3"]
    (tmp_path / "bad.yml").write_text("plugins:\n  - milestones:\n      links: {provider: svn}\n", encoding="utf-8")
    assert main(["export", "-f", str(tmp_path / "bad.yml"), str(tmp_path / "docs")]) == 2
    assert "links: provider must be one of github, gitlab" in capsys.readouterr().err


def test_admonitions_and_details_hold_references_and_code() -> None:
    text = page('!!! note "Fix #1"\n\n    See #2\n\n    - item #3\n\n            code #4\n\n??? tip\n    Also #5\n')
    html, md = render(text, extensions=("admonition", "pymdownx.details"), repo_url=GITHUB)
    assert [t for _, t in links_of(html)] == ["#1", "#2", "#3", "#5"]
    assert [r.text for r in md.milestone.refs] == ["#1", "#2", "#3", "#5"]  # type: ignore[attr-defined]
    assert "<code>code #4" in html


def test_a_reference_in_a_heading_is_linked_neither_on_the_page_nor_in_the_export_with_magiclink() -> None:
    """Headings hold no reference of the milestone (review 18, finding 10): the export lists none, and on a
    milestone page magiclink's link in a heading is turned back into its text, so page and export agree."""
    text = page("Body #3.\n\n## Phase 1: Fix #15 heading\n**Status**: pending\n\n### Notes on acme/lib#4 here\n\nText.")
    ext = MilestonesExtension(provider=lambda md: CTX, repo_url=GITHUB, links=JIRA)
    md = markdown.Markdown(extensions=["pymdownx.magiclink", ext], extension_configs=MAGIC)
    html = md.convert(text)
    exported = milestone_dict(MilestoneEntry("plan.md", "plan/", md.milestone), links=ext.rules)["links"]  # type: ignore[attr-defined]
    shown = sorted(set(re.findall(r'href="(https://github\.com/[^"]+/issues/\d+)"', html)))
    assert shown == sorted({x["url"] for x in exported}) == ["https://github.com/acme/app/issues/3"], (shown, exported)
    assert "Fix #15 heading" in html and "Notes on lib#4 here" in html  # the text magiclink shows, unlinked
    # an ordinary page keeps magiclink's links in headings
    plain = markdown.Markdown(extensions=["pymdownx.magiclink", MilestonesExtension(provider=lambda md: CTX)],
                              extension_configs=MAGIC).convert("# Notes\n\n## Fix #15\n")
    assert 'href="https://github.com/acme/app/issues/15"' in plain
