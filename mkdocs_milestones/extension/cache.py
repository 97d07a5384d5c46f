# SPDX-License-Identifier: MIT
"""Parse and render results by content, kept while the process lives (issue 17).

``mkdocs serve`` converts every page again after each save; the plugin instance (and so its
cache) lives across those rebuilds. A result is keyed by everything it is computed from (the
text itself, not a path or a time stamp), so an edited page misses and an unchanged one hits:
nothing has to be invalidated by hand. What one build did not ask for is dropped when the next
build starts, so the cache holds about one site's worth of results.

Cached values are shared between builds: callers treat them as read-only (the parser's
:class:`~mkdocs_milestones.model.Milestone` is not changed after the parse; lists are copied).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ..site import repair_in_scope

__all__ = ["RenderCache", "digest", "in_scope_repaired"]

T = TypeVar("T")


def digest(*parts: object) -> bytes:
    """A short key for long texts (the cache keeps 16 bytes per page, not the page)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00\x1f")
    return h.digest()


class RenderCache:
    """``get(kind, key, make)``: the value made for ``key`` by this or the previous build, else ``make()``.

    >>> cache = RenderCache()
    >>> cache.get("len", "abc", lambda: 3), cache.get("len", "abc", lambda: 0)
    (3, 3)
    >>> cache.next_build(); cache.next_build()  # two builds that did not ask: gone
    >>> cache.get("len", "abc", lambda: 0)
    0
    >>> small = RenderCache(max_entries=2)
    >>> for n in range(10): _ = small.get("n", n, lambda: n)
    >>> len(small) <= 4
    True
    """

    def __init__(self, max_entries: int | None = 2048) -> None:
        self.max_entries = max_entries
        """A host that never says a build starts (plain Python-Markdown) still keeps at most twice this many."""
        self._now: dict[tuple[str, Hashable], Any] = {}
        self._before: dict[tuple[str, Hashable], Any] = {}
        self.hits: Counter[str] = Counter()
        """Per kind: results reused (this process, all builds), for tests and the benchmark."""
        self.misses: Counter[str] = Counter()
        """Per kind: results computed."""

    def get(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        k = (kind, key)
        if k in self._now:
            self.hits[kind] += 1
            return self._now[k]  # type: ignore[no-any-return]
        if k in self._before:
            self.hits[kind] += 1
            value = self._before.pop(k)
        else:
            self.misses[kind] += 1
            value = make()
        if self.max_entries is not None and len(self._now) >= self.max_entries:
            self.next_build()
        self._now[k] = value
        return value  # type: ignore[no-any-return]

    def next_build(self) -> None:
        """A new build starts: what the last build used stays available, anything older goes."""
        self._before, self._now = self._now, {}

    def __len__(self) -> int:
        return len(self._now) + len(self._before)


def in_scope_repaired(text: str, scope: object, meta: dict[str, Any] | None = None) -> tuple[str, list[Any]]:
    """:func:`~mkdocs_milestones.site.repair_in_scope`, keeping no copy of a text that needed no repair (``("", [])``)."""
    fixed, repairs = repair_in_scope(text, scope, meta)
    return (fixed, repairs) if repairs else ("", [])
