# SPDX-License-Identifier: MIT
"""Roadmap markup kept by what it is made of (issue 17): within one render, and across renders when the host keeps it.

Standard library only. :func:`~mkdocs_milestones.render.roadmap.render_roadmap` draws each distinct badge and progress
bar once, and each row once per milestone; a host that renders roadmaps again and again (``mkdocs serve``) passes a
memo that outlives one render with :func:`kept_parts`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["Memo", "in_dict", "kept_parts", "remembered", "active"]

Memo = Callable[[tuple[object, ...], Callable[[], object]], object]
"""``memo(key, make)``: the value made for ``key`` (``make()`` the first time)."""

_MEMO: ContextVar[Memo | None] = ContextVar("roadmap_memo", default=None)
"""While :func:`render_roadmap` runs (one language): markup by what it is made of: the badges and progress bars
(a few statuses, priorities and percentages, drawn once each instead of once per row) and the rows. A host
that renders roadmaps again and again (``mkdocs serve``) sets its own with :func:`kept_parts`."""


def in_dict(memo: dict[tuple[object, ...], object]) -> Memo:
    """A memo in ``memo`` (one render's)."""

    def get(key: tuple[object, ...], make: Callable[[], object]) -> object:
        value = memo.get(key)
        if value is None:
            value = memo[key] = make()
        return value

    return get


def active() -> Memo | None:
    """The memo roadmaps are rendered with now, if any."""
    return _MEMO.get()


def remembered(key: tuple[object, ...], make: Callable[[], str]) -> str:
    """``make()``, or what the active memo keeps for ``key``."""
    memo = _MEMO.get()
    return make() if memo is None else memo(key, make)  # type: ignore[return-value]


@contextmanager
def kept_parts(memo: Memo) -> Iterator[None]:
    """Render roadmaps in this block with ``memo``: a cache that outlives one render. Its keys name the parts by
    what they are made of, but for the words of the language: one ``memo`` per language and labels."""
    token = _MEMO.set(memo)
    try:
        yield
    finally:
        _MEMO.reset(token)
