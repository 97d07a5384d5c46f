# SPDX-License-Identifier: MIT
"""Shared fixtures: test data, a tiny-site builder and an HTML reader."""

from __future__ import annotations

import logging
import os
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests: the same examples on every run by default, so CI says the same thing twice;
# HYPOTHESIS_PROFILE=explore searches fresh random examples (run it before a release).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

DATA = Path(__file__).parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/cases/*.html and *.json from the current output")
ROOT = Path(__file__).parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
"""The real-world corpora beside the checkout (``../shared/corpora``; CI has them there)."""


def corpus(*parts: str) -> Path:
    """A folder of the corpora: the test is skipped, with the reason, where it is absent, and fails under CI."""
    path = CORPORA.joinpath(*parts)
    if path.is_dir():
        return path
    reason = f"{path} is not beside the checkout (the shared real-world corpora)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must have it")
    pytest.skip(reason)


@pytest.fixture
def seed_example() -> str:
    """The format guide's complete example, mojibake and all."""
    return (DATA / "seed_example.md").read_text(encoding="utf-8")


class Node:
    """A parsed HTML element: tag, attributes, children, text (for assertions, not rendering)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.parts: list[Any] = []

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.parts)

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        out = []
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.classes():
                continue
            if any(n.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(n)
        return out

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}> in the page"
        return found[0]


_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        self.cur.parts.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        self.cur.parts.append(node)

    def handle_endtag(self, tag: str) -> None:
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data: str) -> None:
        self.cur.parts.append(data)


def parse_html(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    return b.root


@pytest.fixture
def make_site(tmp_path: Path):
    """Write a tiny MkDocs site: ``make_site({"a.md": "..."}, plugin_config={...})`` -> config path."""

    def make(pages: dict[str, str], plugin_config: dict[str, Any] | None = None, extra: str = "", theme: str = "mkdocs") -> Path:
        docs = tmp_path / "docs"
        for name, text in pages.items():
            p = docs / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(textwrap.dedent(text), encoding="utf-8")
        plugin = "  - milestones"
        if plugin_config:
            import yaml

            plugin = "  - milestones:\n" + textwrap.indent(yaml.safe_dump(plugin_config), "      ")
        cfg = tmp_path / "mkdocs.yml"
        cfg.write_text(
            f"site_name: t\ndocs_dir: docs\nsite_dir: site\ntheme:\n  name: {theme}\nplugins:\n  - search\n{plugin}\n{extra}",
            encoding="utf-8",
        )
        return cfg

    return make


class _Messages(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def milestone_log(level: int = logging.WARNING, *, quiet: bool = False) -> Iterator[list[str]]:
    """The messages logged on ``mkdocs.plugins.milestones`` meanwhile (outside pytest's ``caplog``,
    which hypothesis tests and module fixtures cannot use); ``quiet`` keeps them out of the report."""
    logger = logging.getLogger("mkdocs.plugins.milestones")
    handler = _Messages(level)
    logger.addHandler(handler)
    propagate = logger.propagate
    if quiet:
        logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.propagate = propagate
        logger.removeHandler(handler)
