# SPDX-License-Identifier: MIT
"""Issue 17: text that no inline pattern can match skips Python-Markdown's inline pass (extension/plain.py).

The rule must never change what a page becomes. Checked on real text nobody here wrote: every real plan
through the extension with and without the skip, and every clean documentation file (about 50 languages)
through plain Python-Markdown with the same skip applied to all of its text.
"""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor

from mkdocs_milestones.extension import MilestonesExtension, plain
from conftest import milestone_log

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
EXTS = ["tables", "toc", "attr_list", "footnotes", "fenced_code"]


def _corpus(name: str) -> list[Path]:
    folder = CORPORA / name
    if not folder.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{folder} is missing (CI has it beside the checkout)")
        pytest.skip(f"{folder} is absent: the real-world corpora live beside the checkout")
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


class _SettleAll(Treeprocessor):
    def run(self, root):  # type: ignore[no-untyped-def]
        plain.settle(root, plain.plain_text_rule(self.md))


def _convert(text: str, skip: bool) -> str:
    md = markdown.Markdown(extensions=EXTS)
    if skip:
        md.treeprocessors.register(_SettleAll(md), "ms_plain", 20.5)
    return md.convert(text)


def test_the_rule_applies_to_these_extensions() -> None:
    md = markdown.Markdown(extensions=[MilestonesExtension(), *EXTS])
    assert plain.plain_text_rule(md) is not None
    assert plain.plain_text_rule(markdown.Markdown(extensions=[MilestonesExtension(), "smarty"])) is None


def test_clean_docs_come_out_the_same_with_every_plain_text_skipped() -> None:
    files = _corpus("clean-docs")
    skipped = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _convert(text, True) == _convert(text, False), path
        skipped += 1
    assert skipped > 2000


def test_real_plans_come_out_the_same_with_and_without_the_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _corpus("real-plans")
    milestones = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        with milestone_log(quiet=True):
            md = markdown.Markdown(extensions=[MilestonesExtension(), *EXTS])
            fast = md.convert(text)
            milestones += getattr(md, "milestone", None) is not None
            with monkeypatch.context() as m:
                m.setattr(plain, "plain_text_rule", lambda md: None)
                slow = markdown.Markdown(extensions=[MilestonesExtension(), *EXTS]).convert(text)
        assert fast == slow, path
    assert milestones >= 10


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
