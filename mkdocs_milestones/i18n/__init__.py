# SPDX-License-Identifier: MIT
"""The words the plugin writes itself (status and priority labels, roadmap headings, card text),
in English, French, German, Spanish, Japanese and Chinese (simplified).

Author text is never translated: a badge shows what the author wrote; only the word added for an
emoji-only status, the ``title`` tooltips and the generated roadmap's own headings come from here.

Which language: the plugin's ``language`` option, else the theme's (``theme.language`` in
Material, ``theme.locale`` in MkDocs' themes; mkdocs-static-i18n sets it for each language it
builds), else English. ``labels`` in the plugin's config replaces single strings.

The renderers read the active table through :func:`text`; hosts pick it with :func:`activate`
(the MkDocs plugin does so for every page, so a per-language rebuild gets its own words).

>>> activate("fr_FR")
'fr'
>>> text("status.in-progress"), text("roadmap.title"), text("total", n=2)
('En cours', 'Feuille de route', '2 jalons')
>>> activate(None), text("total", n=1)
('en', '1 milestone')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any

from ..vocabulary import STATUS_WORDS
from ._tables import _EN, TRANSLATIONS

__all__ = [
    "LANGUAGES", "TRANSLATIONS", "activate", "active_language", "month_names", "normalize_language", "option_problems", "status_word",
    "text", "theme_language",
]

LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "ja", "zh")
"""The languages with a full table; any other falls back to English."""

_ZH_SIMPLIFIED = {"zh", "zh-cn", "zh-hans", "zh-sg", "zh-hans-cn"}

_ACTIVE: ContextVar[tuple[str, Mapping[str, str]]] = ContextVar("mkdocs_milestones_i18n", default=("en", _EN))


def normalize_language(code: Any) -> str | None:
    """One of :data:`LANGUAGES` for a theme or locale code, or None when there is no table.

    >>> [normalize_language(c) for c in ("fr", "de_AT", "pt-BR", "zh-Hans", "zh-TW", "ja", "", None)]
    ['fr', 'de', None, 'zh', None, 'ja', None, None]
    """
    if not isinstance(code, str) or not code.strip():
        return None
    low = code.strip().lower().replace("_", "-")
    if low.startswith("zh"):
        return "zh" if low in _ZH_SIMPLIFIED else None
    base = re.split(r"[-.@]", low, maxsplit=1)[0]
    return base if base in LANGUAGES else None


def theme_language(theme: Any) -> str | None:
    """The language a theme config asks for: Material's ``language``, MkDocs' ``locale``."""
    for key in ("language", "locale"):
        try:
            value = theme[key]
        except (KeyError, TypeError):
            value = None
        if value:
            return str(value)
    return None


def option_problems(language: str | None, labels: Mapping[Any, Any]) -> list[str]:
    """What is wrong with a host's ``language`` and ``labels`` options, one sentence each.

    >>> option_problems("fr", {"status.done": "Fini"}), len(option_problems("klingon", {"nope": "x"}))
    ([], 2)
    """
    out = []
    if language and normalize_language(language) is None:
        out.append(f"option language: {language!r} has no table; the plugin's words stay English (one of: {', '.join(LANGUAGES)})")
    unknown = sorted(str(k) for k in labels if k not in _EN)
    if unknown:
        out.append(f"option labels: unknown key{'' if len(unknown) == 1 else 's'} {', '.join(unknown)}; the keys are those "
                   "of mkdocs_milestones/i18n.py, e.g. status.done, roadmap.title, col.progress")
    return out


def status_word(status: str | None) -> str:
    """A status as words inside a sentence (``in progress``), in the active language.

    >>> status_word("in-progress"), status_word(None)
    ('in progress', 'status unknown')
    """
    return text(f"word.{status}" if status in STATUS_WORDS else "word.unknown")


def month_names() -> list[str]:
    """The twelve short month names of the active language."""
    return text("timeline.months").split()


def activate(code: str | None, overrides: Mapping[str, str] | None = None) -> str:
    """Make ``code``'s table (English for unknown codes) plus ``overrides`` the active one; returns the language used."""
    lang = normalize_language(code) or "en"
    table: Mapping[str, str] = TRANSLATIONS[lang]
    if lang != "en" or overrides:
        table = {**_EN, **table, **(overrides or {})}
    _ACTIVE.set((lang, table))
    return lang


def active_language() -> str:
    """The code of the active table."""
    return _ACTIVE.get()[0]


def text(key: str, **values: Any) -> str:
    """The active table's string for ``key`` (English when it has none), formatted with ``values``.

    A key with plural forms (``total``, ``more.group``, ...) and ``n`` picks ``KEY.one`` or ``KEY.other``.
    """
    table = _ACTIVE.get()[1]
    if "n" in values and f"{key}.other" in _EN:
        key = f"{key}.one" if values["n"] == 1 else f"{key}.other"
    s = table.get(key) or _EN.get(key, key)
    return s.format(**values) if values else s
