# SPDX-License-Identifier: MIT
"""Issue 17: a milestone page's simple list blocks are built directly (extension/lists.py), with the tree
Python-Markdown builds.

The claim must never change what a page becomes. Checked with and without it (``ms_lists`` deregistered: plain
Python-Markdown) on text nobody here wrote (every clean documentation file, whole and block by block, with the
claim forced on as if each were a milestone page; every real plan), the golden cases, the generated pages of the
build benchmark, and generated lists with every start of an item text another block processor reads; under plain
Python-Markdown and Material's recommended extensions.
"""

from __future__ import annotations

import re
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.preprocessors import Preprocessor

from conftest import milestone_log
from mkdocs_milestones.extension import MilestonesExtension, PageContext, lists
from mkdocs_milestones.parser import split_front_matter
from test_golden import CASES, NAMES, _options
from test_lines import _documents, _generated
from test_plain_text import EXTS, MATERIAL, _corpus

BASE: dict[str, dict[str, Any]] = dict.fromkeys(EXTS, {})
CONFIGS = pytest.mark.parametrize("exts", [BASE, MATERIAL], ids=["base", "material"])
MILESTONE = "# MILESTONE: Lists\n\n**Status**: in progress\n\n"
_LIST_BLOCK_RE = re.compile(r"^ {0,3}(?:[-*+]|\d+\.) ")


class _EveryPageAMilestone(Preprocessor):
    """For documents that are not milestones: the claim reads ``md.milestone`` only."""

    def run(self, lines: list[str]) -> list[str]:
        self.md.milestone = True  # type: ignore[attr-defined]
        return lines


def _md(exts: dict[str, dict[str, Any]], *first: Any) -> markdown.Markdown:
    return markdown.Markdown(extensions=[*first, *exts], extension_configs={k: v for k, v in exts.items() if v})


def _forced(text: str, exts: dict[str, dict[str, Any]], fast: bool) -> tuple[str, int]:
    """``text`` through Python-Markdown with ``exts``; with the claim on as on a milestone page, or without it."""
    md = _md(exts)
    if not fast:
        return md.convert(text), 0
    claim = lists.TightListProcessor(md.parser, md)
    md.parser.blockprocessors.register(claim, "ms_lists", 40.5)
    md.preprocessors.register(_EveryPageAMilestone(md), "ms_every_page", 0)
    assert lists.list_processors(md) is not None
    return md.convert(text), claim.built


def _page(text: str, exts: dict[str, dict[str, Any]], fast: bool, ctx: PageContext | None = None,
          **options: Any) -> tuple[str, int]:
    """``text`` through the extension (and ``exts``), with the claim or with ``ms_lists`` deregistered."""
    ext = MilestonesExtension(provider=lambda md: ctx, **options) if ctx else MilestonesExtension(**options)
    md = _md(exts, ext)
    claim = md.parser.blockprocessors["ms_lists"]
    if fast:
        assert lists.list_processors(md) is not None
    else:
        md.parser.blockprocessors.deregister("ms_lists")
    with milestone_log(quiet=True):
        return md.convert(text), claim.built


def _same_forced(text: str, exts: dict[str, dict[str, Any]]) -> int:
    fast, built = _forced(text, exts, True)
    assert fast == _forced(text, exts, False)[0], text
    return built


def _list_blocks(text: str) -> list[str]:
    return [b for b in text.replace("\r\n", "\n").split("\n\n") if _LIST_BLOCK_RE.match(b)]


@CONFIGS
def test_clean_docs_come_out_the_same(exts: dict[str, dict[str, Any]]) -> None:
    """Every clean-docs file whole, the claim forced on: its lists as a milestone page would have them."""
    files = _corpus("clean-docs")[::1 if exts is BASE else 3]  # (every third with Material's: ~80 s for all)
    built = sum(_same_forced(p.read_text(encoding="utf-8", errors="replace"), exts) for p in files)
    assert len(files) > 900 and built > 2000


@CONFIGS
def test_every_list_block_alone_comes_out_the_same(exts: dict[str, dict[str, Any]]) -> None:
    """Every list block of every document (corpora, golden cases and data, demo, docs, generated pages) on its own
    (every fourth with Material's extensions)."""
    blocks = sorted({b for _, text in _documents() for b in _list_blocks(text)})[::1 if exts is BASE else 4]
    built = sum(_same_forced(b, exts) for b in blocks)
    assert len(blocks) > 4000 and built > len(blocks) // 2


@CONFIGS
def test_real_plans_come_out_the_same(exts: dict[str, dict[str, Any]]) -> None:
    built = 0
    for path in _corpus("real-plans"):
        text = path.read_text(encoding="utf-8")
        fast, n = _page(text, exts, True)
        assert fast == _page(text, exts, False)[0], path
        built += n
    assert built > 200


@pytest.mark.parametrize("name", NAMES)
def test_golden_cases_come_out_the_same_with_materials_extensions(name: str) -> None:
    raw = (CASES / f"{name}.md").read_text(encoding="utf-8")
    meta, body, _ = split_front_matter(raw)
    ctx = PageContext(file=f"{name}.md", url=f"{name}/", meta=meta, host="mkdocs")
    options = {"today": "2026-06-01", **(_options().get(name) or {})}
    assert _page(body.lstrip("\n"), MATERIAL, True, ctx, **options)[0] == _page(body.lstrip("\n"), MATERIAL, False, ctx, **options)[0]


@CONFIGS
def test_the_benchmarks_generated_pages_come_out_the_same(exts: dict[str, dict[str, Any]]) -> None:
    built = 0
    for _, text in _generated(60):
        fast, n = _page(text, exts, True, today="2026-06-01")
        assert fast == _page(text, exts, False, today="2026-06-01")[0]
        built += n
    assert built > 60 * 20  # every list of these pages is simple


# Generated lists: markers, indentation, blank lines, lazy lines and every item start another processor reads.
_TEXTS = st.sampled_from([
    "plain words", "**task** (~20 lines)", "*em* and `code`", "[x] done", "[ ] open", "[link](http://x) after",
    "# heading", "## h2 ##", "> quote", "---", "- - -", "* * *", "___", "| a | b |", "|---|---|", "```", "```python",
    "~~~", "1. nested", "2) paren", "- dash", "* star", "+ plus", "<div>", "<div>x</div>", "!!! note", '!!! note "T"',
    "??? note", "???+ note", '=== "Tab"', "*[HTML]: Hyper", "[^1]: note", "[ref]: http://x", "[a] : b", ": definition",
    "$$x$$", "\\[x\\]", "\\begin{a}x\\end{a}", "\\*", "===", "= x", "text  ", "a\tb", "\tlead tab", "  ", "",
    "Title", "2024. year", "10 items", "#hash", "x | y", "a: b", "é ü 🚀", "\x02wzxhzdk:0\x03", "*[", "*emph*", "**",
])
_MARKERS = st.sampled_from(["-", "*", "+", "1.", "2.", "3.", "10.", "0.", "07."])
_INDENTS = st.sampled_from(["", "", "", " ", "  ", "   ", "    ", "    ", "     ", "      ", "       ", "        ", "         ",
                            "            ", "\t"])

_GAPS = st.sampled_from([" ", " ", "  ", "   ", "\t"])


@st.composite
def _list_texts(draw: Any) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(st.sampled_from(["item", "item", "item", "item", "lazy", "blank"]))
        indent = draw(_INDENTS)
        if kind == "item":
            lines.append(indent + draw(_MARKERS) + draw(_GAPS) + draw(_TEXTS))
        elif kind == "lazy":
            lines.append(indent + draw(_TEXTS))
        else:
            lines.append("")
    before = draw(st.sampled_from(["", "", "A paragraph.\n\n", "- a list before\n\n", "1. before\n\n", "# Head\n\n",
                                   "!!! note\n    body\n\n", "Para\n"]))
    after = draw(st.sampled_from(["", "\n\nAfter.", "\n\n    indented after", "\n\n- another list", "\nlazy after"]))
    text = before + "\n".join(lines) + after
    return text.replace("\n", "\r\n") if draw(st.booleans()) and draw(st.booleans()) else text


@given(_list_texts())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_lists_come_out_the_same_under_python_markdown(text: str) -> None:
    _same_forced(text, BASE)


@given(_list_texts())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_lists_come_out_the_same_with_materials_extensions(text: str) -> None:
    _same_forced(text, MATERIAL)


@given(_list_texts())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_lists_on_a_milestone_page_come_out_the_same(text: str) -> None:
    assert _page(MILESTONE + text, BASE, True)[0] == _page(MILESTONE + text, BASE, False)[0]


def _spied(text: str) -> tuple[str, int, list[str]]:
    """The page, how many blocks ``ms_lists`` built, which of Python-Markdown's list processors ran."""
    md = _md(BASE, MilestonesExtension())
    ran: list[str] = []
    for name in ("olist", "ulist", "indent"):
        proc = md.parser.blockprocessors[name]
        run = proc.run
        proc.run = lambda parent, blocks, run=run, name=name: (ran.append(name), run(parent, blocks))[1]  # type: ignore[method-assign]
    with milestone_log(quiet=True):
        html = md.convert(text)
    return html, md.parser.blockprocessors["ms_lists"].built, ran


SIMPLE = "1. **parser** (~120 lines)\n    - read the title\n    - read the phases\n2. **renderer**\n\n- [x] one\n"


def test_a_milestone_pages_simple_lists_skip_python_markdowns_list_processors() -> None:
    html, built, ran = _spied(MILESTONE + SIMPLE)
    assert built == 2 and ran == []  # the second list follows the first: joined to it, as Python-Markdown does
    assert "<li><strong>parser</strong> (~120 lines)<ul>\n<li>read the title</li>" in html
    assert html == _page(MILESTONE + SIMPLE, BASE, False)[0]


def test_a_page_that_is_not_a_milestone_never_uses_the_claim() -> None:
    html, built, ran = _spied("# Notes\n\n" + SIMPLE)
    assert built == 0 and {"olist", "ulist", "indent"} <= set(ran)
    assert html == markdown.markdown("# Notes\n\n" + SIMPLE, extensions=list(BASE))


def test_lists_the_claim_does_not_cover_go_to_python_markdown() -> None:
    for text in ("- a\n  lazy line", "- # heading", "1. a\n    lazy indented", "- [a]: http://x", "- a\n- ***",
                 "- > quote", "- 1. nested at once", "- : definition"):
        _, built, ran = _spied(MILESTONE + text)
        assert built == 0 and ran, text


@pytest.mark.parametrize(("text", "blocks"), [("- a\n\n- b", 2), ("1. a\n    - x\n\n3. b\n    1. y\n- c", 2),
                                             ("- a\n    - x\n\n\n* b\n\n+ c", 3)])
def test_a_list_after_a_list_joins_it_as_python_markdown_joins_it(text: str, blocks: int) -> None:
    html, built, ran = _spied(MILESTONE + text)
    assert built == blocks and ran == []
    assert "<li>\n<p>a</p>" in html and "<p>b</p>" in html
    assert html == _page(MILESTONE + text, BASE, False)[0]


@pytest.mark.parametrize("other", ["pymdownx.blocks.admonition", "pymdownx.blocks.details", "sane_lists"])
def test_an_unknown_block_processor_turns_the_claim_off(other: str) -> None:
    assert lists.list_processors(_md(MATERIAL, MilestonesExtension())) is not None
    assert lists.list_processors(_md({**MATERIAL, other: {}}, MilestonesExtension())) is None
    assert lists.list_processors(_md({**MATERIAL, "legacy_em": {}, "smarty": {}}, MilestonesExtension())) is not None  # inline only


def test_a_known_name_with_another_class_or_place_turns_the_claim_off() -> None:
    from markdown.blockprocessors import ParagraphProcessor

    md = _md(BASE, MilestonesExtension())
    assert lists.list_processors(md) is not None
    md.parser.blockprocessors.register(ParagraphProcessor(md.parser), "quote", 20)
    assert lists.list_processors(md) is None
    md = _md(BASE, MilestonesExtension())
    md.parser.blockprocessors.register(md.parser.blockprocessors["ulist"], "ulist", 45)  # above the claim
    assert lists.list_processors(md) is None
    md = markdown.Markdown(extensions=[MilestonesExtension()], tab_length=2)
    assert lists.list_processors(md) is None


def test_a_list_joined_to_a_list_python_markdown_built_keeps_its_items_tail() -> None:
    """``- # a`` + a lazy line: Python-Markdown's item holds a heading with the line as its tail; the next block joins."""
    text = MILESTONE + "- # a\nlazy line\n\n- b\n    - c"
    html, built, ran = _spied(text)
    assert built == 1 and ran == ["ulist"]
    assert "<h1 id=\"a\">a</h1>\n<p>lazy line</p>" in html and "<li>\n<p>b</p>\n<ul>\n<li>c</li>" in html
    assert html == _page(text, BASE, False)[0]
