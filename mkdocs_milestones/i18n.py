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

from .vocabulary import PRIORITIES, PRIORITY_LABELS, STATUS_LABELS

__all__ = [
    "LANGUAGES", "TRANSLATIONS", "activate", "active_language", "normalize_language", "option_problems", "text", "theme_language",
]

LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "ja", "zh")
"""The languages with a full table; any other falls back to English."""

_EN: dict[str, str] = {
    **{f"status.{k}": v for k, v in STATUS_LABELS.items()},
    "status.unknown": "Unknown status",
    "group.unknown": "No recognised status",
    **{f"priority.{p}": PRIORITY_LABELS[p] for p in PRIORITIES},
    "priority.unknown": "Unknown",
    "priority": "Priority",
    "milestone": "Milestone",
    "progress.overall": "Overall progress",
    "progress.phases": "{done}/{total} phases done",
    "progress.checks": "{done}/{total} checks",
    "roadmap.title": "Roadmap",
    "roadmap.milestones": "Milestones",
    "roadmap.dependencies": "Dependencies",
    "roadmap.timeline": "Timeline",
    "roadmap.at-risk": "At risk",
    "col.milestone": "Milestone",
    "col.status": "Status",
    "col.progress": "Progress",
    "col.phase": "Current / next phase",
    "col.dates": "Created / estimate",
    "col.risks": "Risks",
    "col.risks.title": "Risks listed while the milestone is open",
    "now": "Now:",
    "next": "Next:",
    "phases": "{done}/{total} phases",
    "phases.none": "no phases",
    "total.one": "{n} milestone",
    "total.other": "{n} milestones",
}

TRANSLATIONS: dict[str, dict[str, str]] = {
    "en": _EN,
    "fr": {
        "status.pending": "En attente", "status.in-progress": "En cours", "status.partial": "Partiel",
        "status.done": "Terminé", "status.failed": "Échoué", "status.blocked": "Bloqué", "status.cancelled": "Annulé",
        "status.unknown": "Statut inconnu", "group.unknown": "Statut non reconnu",
        "priority.critical": "Critique", "priority.high": "Haute", "priority.medium": "Moyenne", "priority.low": "Basse",
        "priority.unknown": "Inconnue", "priority": "Priorité",
        "milestone": "Jalon", "progress.overall": "Avancement global",
        "progress.phases": "{done}/{total} phases terminées", "progress.checks": "{done}/{total} vérifications",
        "roadmap.title": "Feuille de route", "roadmap.milestones": "Jalons", "roadmap.dependencies": "Dépendances",
        "roadmap.timeline": "Chronologie", "roadmap.at-risk": "À risque",
        "col.milestone": "Jalon", "col.status": "Statut", "col.progress": "Avancement",
        "col.phase": "Phase actuelle / suivante", "col.dates": "Créé / estimation", "col.risks": "Risques",
        "col.risks.title": "Risques listés tant que le jalon est ouvert",
        "now": "En cours :", "next": "Ensuite :", "phases": "{done}/{total} phases", "phases.none": "aucune phase",
        "total.one": "{n} jalon", "total.other": "{n} jalons",
    },
    "de": {
        "status.pending": "Ausstehend", "status.in-progress": "In Arbeit", "status.partial": "Teilweise",
        "status.done": "Erledigt", "status.failed": "Fehlgeschlagen", "status.blocked": "Blockiert",
        "status.cancelled": "Abgebrochen", "status.unknown": "Unbekannter Status", "group.unknown": "Kein erkannter Status",
        "priority.critical": "Kritisch", "priority.high": "Hoch", "priority.medium": "Mittel", "priority.low": "Niedrig",
        "priority.unknown": "Unbekannt", "priority": "Priorität",
        "milestone": "Meilenstein", "progress.overall": "Gesamtfortschritt",
        "progress.phases": "{done}/{total} Phasen erledigt", "progress.checks": "{done}/{total} Prüfungen",
        "roadmap.title": "Roadmap", "roadmap.milestones": "Meilensteine", "roadmap.dependencies": "Abhängigkeiten",
        "roadmap.timeline": "Zeitleiste", "roadmap.at-risk": "Gefährdet",
        "col.milestone": "Meilenstein", "col.status": "Status", "col.progress": "Fortschritt",
        "col.phase": "Aktuelle / nächste Phase", "col.dates": "Erstellt / Schätzung", "col.risks": "Risiken",
        "col.risks.title": "Risiken, solange der Meilenstein offen ist",
        "now": "Jetzt:", "next": "Als Nächstes:", "phases": "{done}/{total} Phasen", "phases.none": "keine Phasen",
        "total.one": "{n} Meilenstein", "total.other": "{n} Meilensteine",
    },
    "es": {
        "status.pending": "Pendiente", "status.in-progress": "En curso", "status.partial": "Parcial",
        "status.done": "Hecho", "status.failed": "Fallido", "status.blocked": "Bloqueado", "status.cancelled": "Cancelado",
        "status.unknown": "Estado desconocido", "group.unknown": "Estado no reconocido",
        "priority.critical": "Crítica", "priority.high": "Alta", "priority.medium": "Media", "priority.low": "Baja",
        "priority.unknown": "Desconocida", "priority": "Prioridad",
        "milestone": "Hito", "progress.overall": "Progreso general",
        "progress.phases": "{done}/{total} fases hechas", "progress.checks": "{done}/{total} comprobaciones",
        "roadmap.title": "Hoja de ruta", "roadmap.milestones": "Hitos", "roadmap.dependencies": "Dependencias",
        "roadmap.timeline": "Cronología", "roadmap.at-risk": "En riesgo",
        "col.milestone": "Hito", "col.status": "Estado", "col.progress": "Progreso",
        "col.phase": "Fase actual / siguiente", "col.dates": "Creado / estimación", "col.risks": "Riesgos",
        "col.risks.title": "Riesgos listados mientras el hito está abierto",
        "now": "Ahora:", "next": "Siguiente:", "phases": "{done}/{total} fases", "phases.none": "sin fases",
        "total.one": "{n} hito", "total.other": "{n} hitos",
    },
    "ja": {
        "status.pending": "保留中", "status.in-progress": "進行中", "status.partial": "一部完了", "status.done": "完了",
        "status.failed": "失敗", "status.blocked": "ブロック中", "status.cancelled": "中止",
        "status.unknown": "不明なステータス", "group.unknown": "認識できないステータス",
        "priority.critical": "緊急", "priority.high": "高", "priority.medium": "中", "priority.low": "低",
        "priority.unknown": "不明", "priority": "優先度",
        "milestone": "マイルストーン", "progress.overall": "全体の進捗",
        "progress.phases": "{done}/{total} フェーズ完了", "progress.checks": "{done}/{total} チェック",
        "roadmap.title": "ロードマップ", "roadmap.milestones": "マイルストーン", "roadmap.dependencies": "依存関係",
        "roadmap.timeline": "タイムライン", "roadmap.at-risk": "リスクあり",
        "col.milestone": "マイルストーン", "col.status": "ステータス", "col.progress": "進捗",
        "col.phase": "現在 / 次のフェーズ", "col.dates": "作成日 / 見積もり", "col.risks": "リスク",
        "col.risks.title": "マイルストーンが未完了の間に挙げられたリスク",
        "now": "現在:", "next": "次:", "phases": "{done}/{total} フェーズ", "phases.none": "フェーズなし",
        "total.one": "{n} 件のマイルストーン", "total.other": "{n} 件のマイルストーン",
    },
    "zh": {
        "status.pending": "待处理", "status.in-progress": "进行中", "status.partial": "部分完成", "status.done": "已完成",
        "status.failed": "失败", "status.blocked": "受阻", "status.cancelled": "已取消",
        "status.unknown": "未知状态", "group.unknown": "无法识别的状态",
        "priority.critical": "紧急", "priority.high": "高", "priority.medium": "中", "priority.low": "低",
        "priority.unknown": "未知", "priority": "优先级",
        "milestone": "里程碑", "progress.overall": "总体进度",
        "progress.phases": "已完成 {done}/{total} 个阶段", "progress.checks": "{done}/{total} 项检查",
        "roadmap.title": "路线图", "roadmap.milestones": "里程碑", "roadmap.dependencies": "依赖关系",
        "roadmap.timeline": "时间线", "roadmap.at-risk": "有风险",
        "col.milestone": "里程碑", "col.status": "状态", "col.progress": "进度",
        "col.phase": "当前 / 下一阶段", "col.dates": "创建 / 预估", "col.risks": "风险",
        "col.risks.title": "里程碑未关闭时列出的风险",
        "now": "当前：", "next": "下一步：", "phases": "{done}/{total} 个阶段", "phases.none": "无阶段",
        "total.one": "{n} 个里程碑", "total.other": "{n} 个里程碑",
    },
}

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

    ``total`` with ``n`` picks ``total.one`` or ``total.other``.
    """
    table = _ACTIVE.get()[1]
    if key == "total":
        key = "total.one" if values.get("n") == 1 else "total.other"
    s = table.get(key) or _EN.get(key, key)
    return s.format(**values) if values else s
