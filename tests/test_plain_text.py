# SPDX-License-Identifier: MIT
"""Issue 17: text that no inline pattern can match skips Python-Markdown's inline pass (extension/plain.py).

The rule must never change what a page becomes. Checked on real text nobody here wrote: every real plan
through the extension with and without the skip, and every clean documentation file (about 50 languages)
through plain Python-Markdown with the same skip applied to all of its text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor
from material.extensions.emoji import to_svg, twemoji

from conftest import corpus, milestone_log
from mkdocs_milestones.extension import MilestonesExtension, PageContext, plain
from mkdocs_milestones.parser import split_front_matter
from test_golden import CASES, NAMES, _options

EXTS = ["tables", "toc", "attr_list", "footnotes", "fenced_code"]
MATERIAL: dict[str, dict[str, Any]] = {  # Material for MkDocs' recommended extensions, with its settings
    "admonition": {}, "attr_list": {}, "def_list": {}, "footnotes": {}, "md_in_html": {}, "tables": {}, "toc": {"permalink": True},
    "pymdownx.arithmatex": {"generic": True}, "pymdownx.betterem": {"smart_enable": "all"}, "pymdownx.caret": {},
    "pymdownx.critic": {}, "pymdownx.details": {}, "pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg},
    "pymdownx.highlight": {"anchor_linenums": True},
    "pymdownx.inlinehilite": {}, "pymdownx.keys": {}, "pymdownx.mark": {}, "pymdownx.smartsymbols": {}, "pymdownx.snippets": {},
    "pymdownx.superfences": {}, "pymdownx.tabbed": {"alternate_style": True}, "pymdownx.tasklist": {"custom_checkbox": True},
    "pymdownx.tilde": {},
}
"""Left out of the rule (every text goes through the inline pass with them): abbr and pymdownx.magiclink."""
SINGLE = ["smarty", *(name for name in MATERIAL if name.startswith("pymdownx."))]


def _corpus(name: str) -> list[Path]:
    return sorted(p for p in corpus(name).rglob("*.md") if p.is_file())


class _SettleAll(Treeprocessor):
    """Every text of every page the rule finds no inline syntax in marked atomic (the host's rule, found first)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.rule = plain.plain_text_rule(md)
        assert self.rule is not None

    def run(self, root):  # type: ignore[no-untyped-def]
        plain.settle(root, self.rule)


def _convert(text: str, skip: bool, exts: dict[str, dict[str, Any]] | None = None) -> str:
    exts = exts if exts is not None else dict.fromkeys(EXTS, {})
    md = markdown.Markdown(extensions=list(exts), extension_configs={k: v for k, v in exts.items() if v})
    if skip:
        md.treeprocessors.register(_SettleAll(md), "ms_plain", 20.5)
    return md.convert(text)


def _rule(*exts: str) -> object:
    return plain.plain_text_rule(markdown.Markdown(extensions=[MilestonesExtension(), *exts]))


def test_the_rule_applies_to_these_extensions() -> None:
    assert _rule(*EXTS) is not None
    assert _rule("smarty") is not None
    assert _rule(*MATERIAL) is not None
    for name in SINGLE:
        assert _rule(*EXTS, name) is not None, name


@pytest.mark.parametrize("other", ["abbr", "pymdownx.magiclink", "pymdownx.progressbar", "pymdownx.escapeall"])
def test_one_unknown_pattern_or_tree_processor_and_every_text_goes_through_the_inline_pass(other: str) -> None:
    assert _rule(*MATERIAL, other) is None


def test_a_known_name_with_another_class_is_unknown() -> None:
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md = markdown.Markdown(extensions=[MilestonesExtension(), *MATERIAL])
    assert plain.plain_text_rule(md) is not None
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(%%)(.+?)%%", "ins"), "emoji", 75)  # not pymdownx's emoji
    assert plain.plain_text_rule(md) is None


def test_each_extension_adds_its_triggers() -> None:
    base = _rule(*EXTS)
    assert base is not None
    for name, text in [("smarty", "don't"), ("smarty", "a -- b"), ("smarty", "wait..."), ("pymdownx.emoji", "a :smile: b"),
                       ("pymdownx.keys", "++ctrl+c++"), ("pymdownx.arithmatex", "$x$"), ("pymdownx.caret", "^^ins^^"),
                       ("pymdownx.mark", "==mark=="), ("pymdownx.tilde", "~~del~~"), ("pymdownx.smartsymbols", "(c) 2026"),
                       ("pymdownx.smartsymbols", "1/2"), ("pymdownx.smartsymbols", "the 3rd"), ("pymdownx.smartsymbols", "a --> b")]:
        rule = _rule(*EXTS, name)
        assert rule is not None and rule.search(text) and not base.search(text), (name, text)
        assert not rule.search("plain words, 2026 and 3 phases"), name


def test_clean_docs_come_out_the_same_with_every_plain_text_skipped() -> None:
    files = _corpus("clean-docs")
    skipped = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _convert(text, True) == _convert(text, False), path
        skipped += 1
    assert skipped > 2000


def test_clean_docs_come_out_the_same_with_materials_extensions() -> None:
    """Every clean-docs file through Material's recommended extensions, with and without every plain text skipped."""
    files = _corpus("clean-docs")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _convert(text, True, MATERIAL) == _convert(text, False, MATERIAL), path
    assert len(files) > 2000


@pytest.mark.parametrize("name", SINGLE)
def test_clean_docs_come_out_the_same_with_each_extension(name: str) -> None:
    """Each extension alone (beside the base ones) on every 15th clean-docs file: all of them together above, and
    every file with each alone was checked when the table was written (about 45 s per extension)."""
    exts = {**dict.fromkeys(EXTS, {}), name: MATERIAL.get(name, {})}
    files = _corpus("clean-docs")[::15]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _convert(text, True, exts) == _convert(text, False, exts), path
    assert len(files) > 150


def _through_the_extension(text: str, exts: dict[str, dict[str, Any]], fast: bool, monkeypatch: pytest.MonkeyPatch,
                           ctx: PageContext | None = None, **options: Any) -> tuple[str, bool]:
    """A page through the extension: with the rule, or with every text through the inline pass (no rule for
    ms_plain, nor for the finished-HTML words of extension/render.py)."""

    with monkeypatch.context() as m, milestone_log(quiet=True):
        if not fast:
            m.setattr(plain, "plain_text_rule", lambda md: None)
        ext = MilestonesExtension(provider=lambda md: ctx, **options) if ctx else MilestonesExtension(**options)
        md = markdown.Markdown(extensions=[ext, *exts], extension_configs={k: v for k, v in exts.items() if v})
        if fast:
            assert plain.plain_text_rule(md) is not None
        return md.convert(text), getattr(md, "milestone", None) is not None


@pytest.mark.parametrize("exts", [dict.fromkeys(EXTS, {}), MATERIAL], ids=["base", "material"])
def test_real_plans_come_out_the_same_with_and_without_the_skip(exts: dict[str, dict[str, Any]],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    files = _corpus("real-plans")
    milestones = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, milestone = _through_the_extension(text, exts, True, monkeypatch)
        assert fast == _through_the_extension(text, exts, False, monkeypatch)[0], path
        milestones += milestone
    assert milestones >= 10


@pytest.mark.parametrize("name", NAMES)
def test_golden_cases_come_out_the_same_with_materials_extensions(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every golden case as a page of a Material site (its recommended extensions), with and without the skip."""
    raw = (CASES / f"{name}.md").read_text(encoding="utf-8")
    meta, body, _ = split_front_matter(raw)
    ctx = PageContext(file=f"{name}.md", url=f"{name}/", meta=meta, host="mkdocs")
    options = {"today": "2026-06-01", **(_options().get(name) or {})}
    fast, milestone = _through_the_extension(body.lstrip("\n"), MATERIAL, True, monkeypatch, ctx, **options)
    slow, _ = _through_the_extension(body.lstrip("\n"), MATERIAL, False, monkeypatch, ctx, **options)
    assert fast == slow


def test_text_with_inline_syntax_is_not_skipped() -> None:
    rule = plain.plain_text_rule(markdown.Markdown(extensions=EXTS))
    assert rule is not None
    for text in ("a *b*", "a_b", "`x`", "[x]", "a &amp;", "<b>", "line  \nbreak", "\\*", "{: .x}"):
        assert rule.search(text), text
    for text in ("plain words", "two\nlines", "100% done (3/4)", "—ünïcödé 🚀"):
        assert not rule.search(text), text


def _atomic(text: str) -> dict[str, bool]:
    """Each text of the page as the inline pass meets it: atomic (skipped) or not."""
    from markdown.util import AtomicString

    seen: dict[str, bool] = {}
    md = markdown.Markdown(extensions=[MilestonesExtension(), *EXTS])
    inline = md.treeprocessors["inline"]
    run = inline.run

    def spy(root, *args):  # type: ignore[no-untyped-def]
        for el in root.iter():
            for s in (el.text, el.tail):
                if s and s.strip():
                    seen[s.strip()] = isinstance(s, AtomicString)
        return run(root, *args)

    inline.run = spy  # type: ignore[method-assign]
    with milestone_log(quiet=True):
        md.convert(text)
    return seen


def test_a_milestone_pages_plain_words_skip_the_inline_pass_and_other_pages_are_left_alone() -> None:
    body = "- [ ] write the parser\n- [ ] ship *it*\n\nSome plain prose.\n"
    seen = _atomic("# MILESTONE: Parser\n\n**Status**: in progress\n\n" + body)
    assert seen["Some plain prose."] is True
    assert [v for k, v in seen.items() if k.endswith("write the parser")] == [True]  # after our checkbox's placeholder
    assert [v for k, v in seen.items() if k.endswith("ship *it*")] == [False]  # emphasis: the inline pass must see it
    other = _atomic("# Notes\n\n" + body)
    assert other and not any(other.values())


@pytest.mark.parametrize("host", ["mkdocs", "properdocs"])
def test_the_rule_applies_inside_each_plugin_hosts_page_render(host: str, tmp_path: Path) -> None:
    """MkDocs and ProperDocs add their own tree processors to a page's Markdown (anchors, links, title): known."""
    pytest.importorskip(host)
    import importlib

    pages = importlib.import_module(f"{host}.structure.pages")
    md = markdown.Markdown(extensions=[MilestonesExtension(), *EXTS])
    pages._ExtractAnchorsTreeprocessor(None, None, {"validation": {}})._register(md)  # noqa: SLF001
    pages._RelativePathTreeprocessor(None, None, {})._register(md)  # noqa: SLF001
    pages._ExtractTitleTreeprocessor()._register(md)  # noqa: SLF001
    assert {name for name in md.treeprocessors._data if "extract" in name} == {f"{host}_extract_anchors", f"{host}_extract_title"}  # noqa: SLF001
    assert plain.plain_text_rule(md) is not None
