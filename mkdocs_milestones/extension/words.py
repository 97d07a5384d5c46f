# SPDX-License-Identifier: MIT
"""A field's value as finished HTML (issue 17): plain words, links to pages of the site and code spans.

A ``Depends on`` line of links (``[Auth](auth.md), [DB](db.md#phase-2)``) or a ``Commit`` line's code span
(```feat: x```) is Markdown, but Markdown we can write as Python-Markdown would: the link's words plain, its URL
one the link pattern keeps as written and the serialiser does not escape (no scheme, no absolute path, no
space, title or ``<...>``), then rewritten as the host would (MkDocs' ``relpath``); the code span's text escaped
as its pattern escapes it. Anything else in the value (images, other Markdown between the pieces) gives None,
and the caller builds the value as elements for the inline pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown.inlinepatterns import BacktickInlineProcessor

from ..render import chrome as c

__all__ = ["code_spans", "href_rewriter", "words_html"]

_PIECE_RE = re.compile(r"`(?P<code>[^`\\\n\x02\x03]*[^`\\\s\x02\x03][^`\\\n\x02\x03]*)`|"
                       r"\[(?P<words>[^\[\]\n]+)\]\((?P<url>(?:[\w.\-][\w.\-/]*)?(?:#[\w\-]+)?)(?<!\()\)", re.ASCII)
"""A code span of one backtick each side (no backslash: no escape in play), or a link to a page of the site as
written: ``[words](path.md#anchor)``."""


def _code(text: str) -> str:
    """The code span's text as the backtick pattern writes it (:func:`markdown.util.code_escape` of it stripped)."""
    return "<code>" + text.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</code>"


def code_spans(md: Any) -> bool:
    """Whether ```x``` is Python-Markdown's own code span on this host, before any other inline pattern (not
    pymdownx's inlinehilite, no pattern that could read the code's text first)."""
    patterns = md.inlinePatterns
    return len(patterns) > 0 and type(patterns[0]) is BacktickInlineProcessor


def href_rewriter(md: Any) -> Callable[[str], str] | None:
    """The host's rewriting of a link's URL (MkDocs' and ProperDocs' ``relpath``: ``auth.md`` -> ``../auth/``, with their
    checks and warnings), which a link in finished HTML does not meet in the tree; None where there is none."""
    return getattr(md.treeprocessors["relpath"], "path_to_url", None) if "relpath" in md.treeprocessors else None


def words_html(value: str, plain: Callable[..., bool], href: Callable[[str], str] | None, code: bool) -> str | None:
    """``value`` (Markdown that is not plain words) as finished HTML, or None: plain words, links and (``code``) code
    spans; ``plain`` tells plain words (:meth:`.render.RenderTreeprocessor._plain`), ``href`` rewrites a URL."""
    if "\n" in value or ("](" not in value and (not code or "`" not in value)):
        return None
    out, pos = [], 0
    for m in _PIECE_RE.finditer(value):
        before, words = value[pos:m.start()], m.group("words")
        if words is None:
            if not code or not plain(before):
                return None
            out.append(c.text(before) + _code(m.group("code")))
        else:
            if before.endswith("!") or not plain(before, words):  # "![x](y)" is an image
                return None
            url = m.group("url")
            out.append(c.text(before) + c.link(words, url if href is None else href(url)))
        pos = m.end()
    return "".join(out) + c.text(value[pos:]) if out and plain(value[pos:]) else None
