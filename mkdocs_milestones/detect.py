# SPDX-License-Identifier: MIT
"""Detection, as a reader judges: which headings name a milestone (``# Milestone v1.1: ...``,
``# SIM-M1 — ...``, ``# M3: ...``), label lines in bullets, and whether a page is a milestone plan.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .quick import first_h1_of, may_be_milestone
from .source import LABEL_RE, Line, Lines, _heading, heading_at, _normalize, _strip_md, scan_lines, split_attr_list, split_front_matter
from .reading import _TRAIL_NOTE_RE, read_status
from .vocabulary import normalize_status, split_status

_LEAD_EMOJI_RE = re.compile(r"^[^\w\s*_\[(<{`#]+\s+(?=(?:\*\*|__)?milestone\b)", re.IGNORECASE)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-"})
_TEMPLATE_RE = re.compile(
    r"\[(?:[^\]|]*\|[^\]]*|(?:[\w\-/]+\s+){0,4}(?:name|title|description|feature|project|milestone|component|goal)s?)\]"
    r"|<!--\s*[\w\s\-]{1,40}\s*-->|\{\{|\byour\s+[\w\s]{0,20}here\b",
    re.IGNORECASE,
)
"""A template's placeholder anywhere in a title: ``[Name] - [Short description]``, ``<!-- name -->``, ``YOUR TITLE HERE``."""

__all__ = [
    "about_a_milestone",
    "changelog",
    "is_milestone_source",
    "milestone_heading",
    "title_from_heading",
    "trail_remark",
]

_MILESTONE_PREFIX_RE = re.compile(r"^\s*(?:\*\*|__)?milestone(?:\*\*|__)?\s*[:\-\u2013\u2014]\s*", re.IGNORECASE)


_PHASE_RE = re.compile(
    r"^(?:\*\*)?(?:phase|stage|step)\s+(?P<id>\d+(?:\.\d+)?[a-z]?|[a-z])\b(?:\*\*)?\s*(?:[:.)\-\u2013\u2014]\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)


# A milestone id as teams write them: M3, M-03.01, SIM-M1, SIM-SVC-M2, FT-M-05.13; or a version: v1.1, 0.2.0.
_MS_ID = r"(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?|[vV]\d+(?:\.\d+)*|[vV](?:NEXT|next|Next)\b|\d+(?:\.\d+)+"


_MS_WORD_ID_RE = re.compile(r"^\s*(?:\*\*|__)?(?i:milestone)(?:\*\*|__)?\s+(?P<id>" + _MS_ID + r"|\d+)(?P<after>(?:[\s:\-\u2013\u2014].*)?)$")


_MS_ID_RE = re.compile(r"^(?P<id>" + _MS_ID + r")(?P<after>(?:[\s:\-\u2013\u2014].*)?)$")


_MS_BARE_RE = re.compile(
    # a requirement's id (``FR-UI-M-02.05-1``, ``NFR-M-3``) is not a milestone's
    r"^(?!(?:FR|NFR|REQ|AC|US|UC|TC)-)(?P<id>(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?)(?P<after>(?::|\s+[:\-\u2013\u2014]\s|\s).*|)$"
    # ``SIM-M2.6-CORRECTIVE — ...``: an upper-case suffix, then a spaced dash or colon (or nothing)
    r"|^(?!(?:FR|NFR|REQ|AC|US|UC|TC)-)(?P<sid>(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?(?:-[A-Z][A-Z0-9]+)+)(?P<safter>(?::|\s+[:\-\u2013\u2014]\s).*|)$"
)


# ``Service Milestone SVC-M-0 — ...``: a word or two before *Milestone*, then an ``M``-numbered id (not ``Next
# Milestone M2: ...``, a post about one)
_MS_QUALIFIED_RE = re.compile(
    r"^\s*(?!(?i:the|this|that|our|your|next|previous|last|first|current|upcoming|each|every|final|a|an)\s)"
    r"(?:[A-Z][\w]*\s+){1,2}(?i:milestone)\s+(?P<id>(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?)"
    r"(?P<after>(?::|\s+[:\-\u2013\u2014]\s).*|)$"
)


# A front matter ``id`` shaped like a milestone's (``M-031``, ``SIM-M2``): with a ``status``, the page is a milestone
_FM_ID_RE = re.compile(r"^(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?$")


_SPACED_SEP_RE = re.compile(r"^\s*(?::|[\-\u2013\u2014]+(?=\s))\s*|^\s+")


_PLACEHOLDER_RE = re.compile(r"^\s*(?:\[[\w\s\-/]{1,40}\]|<[\w\s\-]{1,40}>|\{\{?[\w\s\-.]{1,40}\}?\}|_{2,}|\.{3}|\u2026)\s*$")


# Labels that also count when written as a list item (``- **Priority**: CRITICAL - foundation first``).
_BULLET_LABELS = frozenset((
    "status", "priority", "depends on", "dependencies", "prerequisites", "blocked by", "created", "completed",
    "owner", "target", "due",
))


_BULLET_LABEL_RE = re.compile(
    r"^[ ]{0,3}[-*+][ \t]+(?:(?P<b>\*\*|__)(?P<blabel>[^*_\n:]{1,40}?)(?P<bcolon>:)?(?P=b)(?(bcolon)|\s*:)"
    r"|(?P<plabel>[A-Za-z][A-Za-z ]{1,30}?)\s*:)(?P<value>.*)$"
)


def _title_after_id(ident: str, after: str) -> str:
    if not after.strip():
        return ident
    sep = _SPACED_SEP_RE.match(after)
    if sep:
        return after[sep.end():].strip() or ident
    return ident + after.strip()  # glued (``M1-MVP_Test``): the whole name is the title


# A document about a milestone, not the milestone: its tracking log, its release notes, a summary
# (``# M-03.01 Implementation Tracking``, ``# SIM-M3.0 Tracking — ...``, ``# M-09.01 - ... — Tracking``,
# ``# M-07.01 Release Notes``, ``# UI-M-02.00 Release: ...``, ``# M-02.08 ... - Completion Summary``).
# Said alone, only a phrase no feature is named (``Implementation Tracking``, ``Release Notes``); the words a
# feature can be named (``Progress Tracking``, ``Release``, ``Summary``) need a separator before or after them.
_ABOUT_WHOLE = r"(?:(?:implementation|completion|development|work)\s+(?:tracking|tracker|log|summary|notes)|tracking(?:\s+log)?|release\s+notes)"
_ABOUT = r"(?:(?:implementation|progress|work|development|release|completion)\s+)?(?:tracking|tracker|log|notes|summary)(?:\s+log)?"
_ABOUT_RE = re.compile(
    r"^" + _ABOUT_WHOLE + r"(?:\s*$|\s*[:\-\u2013\u2014(])"
    r"|^release\s*[:\-\u2013\u2014(]|^release\s+summary\b|^test\s+(?:plan|strategy)\s*$|\bexit\s+checklist\s*$"
    r"|^success(?:\s+criteria)?\s*(?:$|:)|^success(?:\s+criteria)?\s*[\-\u2013\u2014(]"
    r"|^success(?:\s+criteria)?\s+[^\w\s]"  # ``### SIM-M2.7 Success ✅ ACHIEVED``: its criteria, met
    r"|(?:\s[\-\u2013\u2014:]\s*|\()" + _ABOUT + r"\)?\s*$"
    r"|\s[\-\u2013\u2014:]\s*test\s+(?:plan|strategy)\s*$",
    re.IGNORECASE,
)


def about_a_milestone(title: str) -> bool:
    """Does a milestone heading's title say the page is about the milestone (its log, its release notes)?

    >>> [about_a_milestone(t) for t in ("Implementation Tracking", "Tracking \u2014 Time-Travel Foundations",
    ...  "Engine Semantics (Contract Hardening) \u2014 Tracking", "Retry Governance (Tracking)", "Release Notes",
    ...  "Release: Mode Toggle", "Enhanced Registry - Completion Summary", "Time-Travel State APIs \u2013 Release Summary",
    ...  "Phase 0: TDD Setup - Test Plan", "Release \u2014 Catalog.v1", "Release - Time travel", "Release Summary \u2014 Buffers",
    ...  "Release Summary", "Test Plan", "Runtime Stability Exit Checklist")]
    [True, True, True, True, True, True, True, True, True, True, True, True, True, True, True]
    >>> about_a_milestone("Success \u2705 ACHIEVED"), about_a_milestone("Success Criteria")
    (True, True)
    >>> [about_a_milestone(t) for t in ("Tracking dashboard", "Release pipeline", "Log ingestion", "REST API", "Audit log rotation",
    ...  "Success metrics pipeline", "Progress Tracking", "Release", "Automated release notes", "Summary", "Progress tracking for jobs")]
    [False, False, False, False, False, False, False, False, False, False, False]
    """
    return bool(_ABOUT_RE.search(_strip_md(title).strip()))


@functools.lru_cache(maxsize=4096)  # pure: detection and the parse read the same title
def milestone_heading(text: str, *, bare: bool = True) -> tuple[str | None, str, bool] | None:
    """Read a level-1 heading as a milestone heading: ``(id, title, certain)``, or None.

    A heading whose title says the page is about a milestone (its tracking log, its release notes:
    ``# M-03.01 Implementation Tracking``) is not one: the milestone is its plan (see :func:`about_a_milestone`).
    ``# MILESTONE: Success criteria`` names its milestone outright.
    """
    found = _milestone_heading(text, bare=bare)
    if found is not None and found[0] is not None and found[1] != found[0] and about_a_milestone(found[1]):
        return None
    return found


def _milestone_heading(text: str, *, bare: bool = True) -> tuple[str | None, str, bool] | None:
    """The reading of :func:`milestone_heading` before the "about a milestone" test.

    One rule, as a reader judges: the heading names a milestone when it starts with the word
    *Milestone* followed by a colon or dash (``# MILESTONE: Demo``, ``# Milestone - Demo``) or by a
    milestone id or version (``# Milestone v1.1: Context reduction``, ``# Milestone SIM-M1 — Simulation
    core``, ``# Milestone 0.2.0``); or, without the word, when it starts with an ``M``-numbered id
    (``# M3: REST API``, ``# M-03.01 Tracking``, ``# FT-M-05.13 — Service buffers``): then ``certain``
    is False and the page must also have a status line or a phase to count. A title that is only a
    placeholder (``[Title]``, ``<name>``, ``{{ title }}``) is a template, not a milestone; so is a
    word that is no id (``# Milestone Creator``, ``# Milestones``).

    >>> milestone_heading("MILESTONE: SQLite to PostgreSQL")
    (None, 'SQLite to PostgreSQL', True)
    >>> milestone_heading("Milestone v1.1: Context reduction")
    ('v1.1', 'Context reduction', True)
    >>> milestone_heading("Milestone SIM-M1 \u2014 Simulation core")
    ('SIM-M1', 'Simulation core', True)
    >>> milestone_heading("Milestone 0.2.0")
    ('0.2.0', '0.2.0', True)
    >>> milestone_heading("M3: REST API"), milestone_heading("M-03.01 Time-travel APIs")
    (('M3', 'REST API', False), ('M-03.01', 'Time-travel APIs', False))
    >>> milestone_heading("M-03.01 Implementation Tracking") is None  # its log: the milestone is its plan
    True
    >>> milestone_heading("FT-M-05.13 \u2014 Service buffers")
    ('FT-M-05.13', 'Service buffers', False)
    >>> milestone_heading("Milestone vNEXT \u2014 The Living Canvas")
    ('vNEXT', 'The Living Canvas', True)
    >>> milestone_heading("Service Milestone SVC-M-0 \u2014 Minimal API")
    ('SVC-M-0', 'Minimal API', True)
    >>> milestone_heading("Milestone: M1-MVP_Test")
    ('M1', 'M1-MVP_Test', True)
    >>> [milestone_heading(t) for t in ("Milestone Creator", "Milestones overview", "MILESTONE: [Title]", "Roadmap: v2")]
    [None, None, None, None]
    """
    text = split_attr_list(text.strip())[0]
    # ``# 🎯 Milestone 1: ...``: an emoji before the words; ``# **Milestone 2**: ...``: the word in bold
    text = _LEAD_EMOJI_RE.sub("", text, count=1)
    text = re.sub(r"^(\*\*|__)(milestone(?:\s+[^*_:]{1,30})?)\1\s*:", r"\2:", text, count=1, flags=re.IGNORECASE)
    # ``TT‑M‑03.28`` (non-breaking hyphens): the same characters, read as hyphens (one for one, so the title is as written)
    folded = text.translate(_DASHES)
    if folded != text:
        found = _milestone_heading(folded, bare=bare)
        if found is None or found[0] is None:
            return found
        return text[:len(found[0])] if folded.startswith(found[0]) else found[0], found[1], found[2]
    m = _MILESTONE_PREFIX_RE.match(text)
    if m:
        rest = text[m.end():].strip()
        if _PLACEHOLDER_RE.match(rest) or _TEMPLATE_RE.search(rest):
            return None
        idm = _MS_ID_RE.match(rest)
        if idm:
            return idm.group("id"), _title_after_id(idm.group("id"), idm.group("after")), True
        return None, rest, True
    m = _MS_WORD_ID_RE.match(text)
    if m:
        title = _title_after_id(m.group("id"), m.group("after"))
        if _PLACEHOLDER_RE.match(title) or _TEMPLATE_RE.search(title):
            return None
        # ``# Milestone v2 migration guide``: a version then words, no separator: sure only with a status or phase
        sure = not (m.group("after").strip() and not re.match(r"\s*(?::|[\-\u2013\u2014]+\s|\()", m.group("after")))
        return m.group("id"), title, sure
    m = _MS_QUALIFIED_RE.match(_strip_md(text))
    if m:  # the word *Milestone* and an id, as sure as ``# Milestone SIM-M1 — ...``
        return m.group("id"), _title_after_id(m.group("id"), m.group("after")), True
    if bare:
        m = _MS_BARE_RE.match(_strip_md(text))
        if m:
            # ``# M-02.07`` alone: the id is the title (sure only with a status or phase, like every bare id)
            ident, after = (m.group("id"), m.group("after")) if m.group("id") else (m.group("sid"), m.group("safter"))
            return ident, _title_after_id(ident, after), False
    return None


def title_from_heading(text: str) -> str | None:
    """The milestone title when ``text`` (a level-1 heading) names a milestone (see :func:`milestone_heading`).

    >>> title_from_heading("MILESTONE: SQLite to PostgreSQL")
    'SQLite to PostgreSQL'
    >>> title_from_heading("Milestone template") is None
    True
    """
    found = milestone_heading(text, bare=False)
    return found[1] if found else None


def _reads_as_status(value: str) -> bool:
    """Does a status line's value read as a status, as the parser reads it (``Charter Superseded
    *(originally IN PROGRESS)*`` does; ``Status: works on Sonoma`` and ``Status: 200 OK`` do not)?

    >>> _reads_as_status("Charter Superseded *(originally IN PROGRESS)*"), _reads_as_status("200 OK"), _reads_as_status("works on Sonoma")
    (True, False, False)
    """
    text = _strip_md(value.strip().lstrip("*_ ").strip())
    if normalize_status(split_status(text)[0]) is not None or normalize_status(text) is not None:
        return True
    words, _, canon = read_status(text)
    if canon is None or not words:
        return False
    # the status leads the value (``Charter Superseded``: within its first words, after a word): ``200 OK`` is no status
    lead = text.split()[:3]
    first = words.split()[0]
    return bool(re.match(r"[^\W\d]", lead[0])) and any(w.strip("*_()") == first for w in lead)


def _has_plan_evidence(lines: Lines | list[Line], start: int, stop: int | None = None) -> bool:
    """A status line or a phase heading after ``start``: what a bare ``# M3: ...`` heading needs to be a plan."""
    end = len(lines) if stop is None else stop
    texts, fence = (lines.texts, lines.fence) if type(lines) is Lines else ([ln.text for ln in lines], [ln.in_fence for ln in lines])
    top = True  # before the first heading: where a blockquoted status is the page's (as the parser reads it)
    for i in range(start, end):
        if fence[i]:
            continue
        text = _QUOTE_RE.sub("", texts[i], count=1) if top else texts[i]  # ``> **Status:** COMPLETED ✅``
        m = LABEL_RE.match(text) or _BULLET_LABEL_RE.match(text)
        if m and _label_of(m).lower() == "status" and _reads_as_status(m.group("value")):
            return True
        h = heading_at(texts, fence, i)
        top = top and h is None
        if h and h[0] > 1 and _PHASE_RE.match(_strip_md(h[1])):
            return True
        if h and h[0] > 1 and _strip_md(h[1]).strip().lower() == "status" and status_paragraph(lines[i + 1:end]) is not None:
            return True
    return False


_QUOTE_RE = re.compile(r"^[ ]{0,3}>[ ]?")


def status_paragraph(body: list[Line]) -> Line | None:
    """The first paragraph under a ``## Status`` heading when its first words are a status
    (``PLANNED — waiting for M-01.01``), else None."""
    for n, ln in enumerate(body):
        if not ln.text.strip():
            continue
        if ln.in_fence or _heading(body, n) is not None:
            return None
        return ln if _reads_as_status(_QUOTE_RE.sub("", ln.text, count=1)) else None
    return None


def front_matter_milestone(meta: dict[str, Any]) -> bool:
    """Front matter that makes a page a milestone without a heading: ``id: M-031`` and a ``status``.

    An ordinary page's ``title`` and ``status`` are not enough: the ``id`` must be milestone-shaped.
    """
    ident, status = meta.get("id"), meta.get("status")
    return isinstance(ident, str) and bool(_FM_ID_RE.match(ident.strip())) and isinstance(status, str) and bool(status.strip())


def is_milestone_source(text: str, meta: dict[str, Any] | None = None) -> bool:
    """Detection (:func:`milestone_heading` on the first level-1 heading, or front matter ``milestone: true``)."""
    if meta and (meta.get("milestone") is True or front_matter_milestone(meta)):
        return True
    if not may_be_milestone(text):
        return False
    m, body, offset = split_front_matter(_normalize(text))
    if m.get("milestone") is True or front_matter_milestone(m):
        return True
    h1 = first_h1_of(body, offset + 1)  # the lines above the title only: most pages end their reading here
    if not h1:
        return False
    found = milestone_heading(h1[1])
    return bool(found and (found[2] or _has_plan_evidence(scan_lines(body, offset + 1), h1[0] + 1)))


def _label_of(m: re.Match[str]) -> str:
    return (m.group("blabel") or m.group("plabel") or "").strip().rstrip(":").strip()


_REMARK_RE = re.compile(r"(?i)(?:in|on|since|by|with|for|until|till|to|via|from|after|as of|per|pending|behind)\s")


def trail_remark(said: str, words: str, note: str) -> bool:
    """Is ``note`` (what follows the status ``words`` in a heading's trailing phrase ``said``) a remark on the status,
    so the phrase is the status plus a note? Nothing, a date, a remark in parentheses, a remark after a comma or
    semicolon, or one that starts with a preposition: ``In progress since March``, ``Blocked by legal review``,
    ``Done, shipped with v2``, ``Done in v2.1``. A noun right after the status word is a title: ``Active users``.

    >>> [trail_remark(t, *split_status(t)) for t in ("Blocked by legal review", "Done, shipped with v2", "Done in v2.1", "Active users", "Done deals")]
    [True, True, True, False, False]
    """
    if _TRAIL_NOTE_RE.fullmatch(note) or _REMARK_RE.match(note):
        return True
    at = said.find(words)
    after = said[at + len(words):].lstrip(" *_") if at >= 0 else ""
    return bool(note) and after[:1] in (",", ";", "(", ":", "-", "/", "\u2013", "\u2014")


_CHANGELOG_TITLE_RE = re.compile(
    r"(?i)^\W*(?:change\s*log|changes|release\s+notes|releases|release\s+history|version\s+history|history)\W*$")
_CHANGELOG_FILE_RE = re.compile(r"(?i)(?:^|/)(?:change\s*log|changes|history|releases|release[-_ ]notes)(?:\.\w+)?$")
_DATE_TITLE_RE = re.compile(r"^\s*\(?\d{4}-\d{2}(?:-\d{2})?\)?\s*$")


def changelog(text: str, file: str | None) -> bool:
    """Is the document a changelog or release history (``# Changelog``, ``# Release notes``, ``CHANGELOG.md``)? Its
    versions are what shipped (and ``## [Unreleased]`` what will), never a roadmap's milestones.

    >>> changelog("# Changelog\\n\\n## M3 \u2014 2024-06-01 (Released)\\n", None), changelog("# Roadmap\\n", "docs/CHANGELOG.md")
    (True, True)
    >>> changelog("# Roadmap\\n\\n## M1: Changes to billing\\n", "docs/roadmap.md")
    False
    """
    if file and _CHANGELOG_FILE_RE.search(file.rsplit(".", 1)[0] if file.lower().endswith((".md", ".markdown")) else file):
        return True
    h1 = re.search(r"(?m)^#[ \t]+(.+?)[ \t#]*$", text)
    return h1 is not None and bool(_CHANGELOG_TITLE_RE.match(_strip_md(h1.group(1))))
