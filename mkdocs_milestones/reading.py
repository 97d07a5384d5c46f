# SPDX-License-Identifier: MIT
"""How a reader reads the values of a plan: task markers, status values (the status words and the
note after them), dependency references, phase headings and table columns. Each function reads
one value; :mod:`.parser` walks the document.
"""

from __future__ import annotations

import functools
import re

from .model import PhaseHeading
from .source import _strip_md
from .vocabulary import is_status_phrase, may_not_apply, normalize_level, normalize_priority, normalize_status, split_status

__all__ = [
    "box_status",
    "box_status_of",
    "cell_value",
    "column_kinds",
    "parse_phase_refs",
    "read_status",
]

_ESTIMATE_RE = re.compile(r"\s*\((?P<est>[^()]*\b(?:sessions?|hours?|hrs?|days?|weeks?|months?|sprints?|h|d|w)\b[^()]*)\)\s*$", re.IGNORECASE)


# ``> - [x] done`` in a blockquote is a box on the page too (``(?:\s*>)*``), so it counts.
_TASKLIST_RE = re.compile(r"^(?:\s*>)*(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+\[(?P<mark>[ xX/~\-]|[A-Za-z][A-Za-z _\-]{1,14})\](?=\s|$)\s*(?P<text>.*)$")


_BOX_MARKS = {" ": "pending", "x": "done", "X": "done", "/": "in-progress", "~": "in-progress", "-": "cancelled"}


_TAG_MARKS = frozenset({"new", "open", "info", "note", "idea", "question", "link", "optional", "opt"})
"""Bracketed words that tag an item rather than mark a task (``- [NEW] feature``, ``- [OPEN] question``)."""


_NA_WORDS = r"(?:n/a|not applicable|out of scope|won[\u2019']?t do|descoped|dropped|deferred|postponed|cancell?ed|not needed)"
_REASON = r"(?:[^()]|\([^()]*\))*"  # a short reason; a link in it keeps its brackets
_NOT_APPLICABLE_RE = re.compile(
    # a remark in parentheses (emphasis around it or inside) that is the marker, a short reason after a separator:
    # ``(N/A)``, ``*(N/A — Option A chosen)*``, ``(deferred to CL-M-04.03)``, ``(out of scope for v1)``, ``(moved to M4)``
    r"(?:[*_`]*\(\s*[*_]*(?:" + _NA_WORDS + r"[*_]*(?:\s*[\-\u2013\u2014:,;]\s*" + _REASON + r"|\s+(?:to|until|till|for|in)\s+" + _REASON + r")?"
    r"|moved\s+to\s+" + _REASON + r")\s*\)[*_`]*"
    # the keyword alone in emphasis, ending the item: ``*N/A*``
    r"|\s[*_]+" + _NA_WORDS + r"[*_]+"
    # after a dash, the keyword as the whole tail (a short reason after to/until/for): ``— N/A``, ``— deferred to M4``
    r"|\s[\-\u2013\u2014]\s+[*_]*(?:" + _NA_WORDS + r"|moved)[*_]*(?:\s+(?:to|until|till|for|in)\s+[^()]*)?"
    r")[\s.]*$"
    # the item is the marker: ``N/A (docs-only)``
    r"|^\s*[*_]*(?:n/a|not applicable)[*_]*\s*(?:\([^()]*\)|[\-\u2013\u2014:]\s.*)?[\s.]*$",
    re.IGNORECASE,
)
"""An open box its author says does not apply, in a remark that ends the item and starts with the reason:
``- [ ] API documentation (N/A)``, ``*(N/A — Option A chosen)*``, ``(deferred to CL-M-04.03)``, ``(moved to M4)``;
not ``Render missing values as N/A``, ``Handle deferred jobs (deferred queue)`` or ``Fix crash (deferred from M2)``."""


_OPTIONAL_RE = re.compile(
    r"^\W*optional\s*[:(\-\u2013\u2014]"
    r"|\(\s*[*_]*(?:optional|if feasible|if time permits|if needed|nice[\s\-\u2011]to[\s\-\u2011]have|stretch(?: goal)?)\b",
    re.IGNORECASE,
)
"""An item its author calls optional, in so many words: ``Optional: gzip flag``, ``(optional)``, ``(if feasible)``,
``(nice-to-have)``; not an item about an optional thing (``Optional chaining support``)."""


def box_status_of(mark: str, text: str) -> str | None:
    """:func:`box_status`, where an open box its author says does not apply (``(N/A)``, ``(deferred)``,
    ``(out of scope)``) is dropped, as ``[-]`` is.

    >>> box_status_of(" ", "API documentation (N/A)"), box_status_of(" ", "Display status *(N/A \u2014 Option A chosen)*")
    ('cancelled', 'cancelled')
    >>> box_status_of(" ", "CLI shows classes. *(deferred to CL-M-04.03)*"), box_status_of(" ", "Export (moved to M4)"), box_status_of(" ", "Docs \u2014 N/A")
    ('cancelled', 'cancelled', 'cancelled')
    >>> box_status_of(" ", "Map N/A values to null"), box_status_of("x", "Docs (N/A)"), box_status_of(" ", "Tag created")
    ('pending', 'done', 'pending')
    >>> box_status_of(" ", "Handle deferred jobs (deferred queue)"), box_status_of(" ", "Retry deferred writes"), box_status_of(" ", "Fix crash (deferred from M2)")
    ('pending', 'pending', 'pending')
    >>> box_status_of(" ", "Render missing values as N/A"), box_status_of(" ", "Return 422 when a filter is not applicable")
    ('pending', 'pending')
    >>> [box_status_of(" ", t) for t in ("Handle *out of scope* requests", "Treat **N/A** cells as missing", "Retry \u2014 dropped messages go to the DLQ")]
    ['pending', 'pending', 'pending']
    >>> [box_status_of(" ", t) for t in ("Dark mode (deferred)", "Sync *(Deferred)*", "Push (deferred \u2014 see M5)", "N/A (docs-only)", "Docs *N/A*")]
    ['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']
    """
    status = box_status(mark)
    if status == "pending" and may_not_apply(text) and _NOT_APPLICABLE_RE.search(text):
        return "cancelled"
    return status


def optional_item(text: str) -> bool:
    """Is a box's item optional as written (``Optional: gzip flag``, ``(if feasible)``, ``(nice-to-have)``)?

    >>> optional_item("Optional: gzip compression flag"), optional_item("Coverage badge (if feasible from CI)"), optional_item("Tag created")
    (True, True, False)
    >>> optional_item("Optional chaining support in expressions"), optional_item("Nice-to-have error recovery is required by the spec")
    (False, False)
    """
    return ("(" in text or not text.isascii() or "optional" in text.lower()) and bool(_OPTIONAL_RE.search(text))  # (its forms)


def box_status(mark: str) -> str | None:
    """The status a task-list marker stands for: ``[ ]``, ``[x]``, ``[/]``, ``[~]``, ``[-]`` or a status word (``[WIP]``).

    >>> box_status("x"), box_status("~"), box_status("DONE"), box_status("WIP"), box_status("NEW"), box_status("Link")
    ('done', 'in-progress', 'done', 'in-progress', None, None)
    """
    if len(mark) == 1:
        return _BOX_MARKS.get(mark)
    return None if mark.strip().lower() in _TAG_MARKS else normalize_status(mark)


_NONE_RE = re.compile(r"^\s*(?:none|n/?a|-+|\u2014|\u2013|nothing|no dependencies|\(none\))\b", re.IGNORECASE)


_REF_RANGE_RE = re.compile(
    r"(?P<a>\d+(?:\.\d+)?[a-z]?)\s*(?:-|\u2013|\u2014|\.\.|to|through|thru)\s*(?:phase\s*)?(?P<b>\d+(?:\.\d+)?[a-z]?)\b",
    re.IGNORECASE,
)


_REF_ID_RE = re.compile(r"(?<![\w.])(?P<id>\d+(?:\.\d+)?[a-z]?)(?![\w.])", re.IGNORECASE)


_REF_LETTER_RE = re.compile(r"\bphases?\s+(?P<id>[a-z])\b", re.IGNORECASE)


_REF_MARKUP_RE = re.compile(r"`|\*\*|__")
_REF_ASIDE_RE = re.compile(r"\([^()]*\)")
_REF_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def parse_phase_refs(text: str | None) -> list[str]:
    """Phase ids named by a ``Dependencies`` value, in order, without duplicates.

    >>> parse_phase_refs("Phase 0")
    ['0']
    >>> parse_phase_refs("Phases 1-3")
    ['1', '2', '3']
    >>> parse_phase_refs("Phase 1 & Phase 2a")
    ['1', '2a']
    >>> parse_phase_refs("None")
    []
    """
    return list(_phase_refs(text)) if text else []


@functools.lru_cache(maxsize=4096)  # pure; a site's phases name their dependencies in the same few words
def _phase_refs(text: str) -> tuple[str, ...]:  # parse_phase_refs of a non-empty value, as a tuple
    if _NONE_RE.match(text):
        return ()
    text = _REF_MARKUP_RE.sub("", text)
    text = _REF_ASIDE_RE.sub(" ", text)  # "Phase 1 (needs 2 reviewers)"
    text = _REF_LINK_RE.sub(r"\1", text)
    out: list[str] = []

    def add(x: str) -> None:
        if x not in out:
            out.append(x)

    spans: list[tuple[int, int, list[str]]] = []
    for m in _REF_RANGE_RE.finditer(text):
        a, b = m.group("a"), m.group("b")
        if a.isdigit() and b.isdigit() and 0 <= int(b) - int(a) <= 200:
            spans.append((m.start(), m.end(), [str(n) for n in range(int(a), int(b) + 1)]))
    for m in _REF_ID_RE.finditer(text):
        if any(s <= m.start() < e for s, e, _ in spans):
            continue
        spans.append((m.start(), m.end(), [m.group("id")]))
    for m in _REF_LETTER_RE.finditer(text):
        spans.append((m.start("id"), m.end("id"), [m.group("id")]))
    for _, _, ids in sorted(spans):
        for x in ids:
            add(x)
    return tuple(out)


# -- table columns: what each holds, decided once for the model and the page ------------------------
_COLUMN_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("status", ("status",)),
    ("priority", ("priority",)),
    ("likelihood", ("likelihood", "probability", "chance")),
    ("impact", ("impact", "severity")),
)


_STATE_WORD_RE = re.compile(r"\bstate\b")


def column_kinds(header: list[str] | tuple[str, ...]) -> tuple[str | None, ...]:
    """What each column of a table holds: ``status``, ``priority``, ``likelihood``, ``impact`` or None.

    >>> column_kinds(["Risk", "Chance", "Severity", "Current state", "Owner"])
    (None, 'likelihood', 'impact', 'status', None)
    """
    kinds: list[str | None] = []
    for cell in header:
        low = _strip_md(cell).lower()
        kind = next((k for k, words in _COLUMN_KINDS if any(w in low for w in words)), None)
        if kind is None and _STATE_WORD_RE.search(low):
            kind = "status"
        kinds.append(kind)
    return tuple(kinds)


def cell_value(kind: str | None, text: str) -> str | None:
    """The canonical value of a cell (or a field) of that kind: a status, a priority, a level, or None.

    >>> cell_value("status", "**Achieved**"), cell_value("priority", "P1"), cell_value("impact", "High")
    ('done', 'high', 'high')
    """
    if kind == "status":
        return normalize_status(_strip_md(text))
    if kind == "priority":
        return normalize_priority(_strip_md(text))
    if kind in ("likelihood", "impact"):
        return normalize_level(_strip_md(text))
    return None


def _kind_column(kinds: tuple[str | None, ...], kind: str) -> int | None:
    return next((i for i, k in enumerate(kinds) if k == kind), None)


def _column(header: list[str], *words: str) -> int | None:
    for idx, h in enumerate(header):
        low = _strip_md(h).lower()
        if any(w in low for w in words):
            return idx
    return None


def _cell(cells: list[str], idx: int | None) -> str:
    if idx is None or idx >= len(cells):
        return ""
    return cells[idx]


_TRAIL_NOTE_RE = re.compile(r"|\(.*\)|[*_]*\(.*\)[*_]*|:?\s*\d[\d\s\-/.,:]*|(?:on|since|in)\s+\d.*|(?:Q[1-4]\s*)?\d{4}")
"""What may follow a heading's trailing status: nothing, a remark in parentheses, a date (``Shipped 2026-03-04``)."""


_TITLE_STATUS_RE = re.compile(r"\s*(?:\((?P<paren>[^()]{2,40})\)|\s[\-\u2013\u2014]+\s+(?P<dash>[A-Za-z][\w \-.,]{1,38}[\w)]))\s*$")


_STATUS_BOLD_RE = re.compile(r"^\*\*(?P<bold>[^*]+)\*\*(?P<rest>.*)$", re.DOTALL)


_ASIDE_RE = re.compile(r"[*_]*\([^()]*\)[*_]*")  # ``*(originally IN PROGRESS)*``: an aside, never the status


_NEGATION = frozenset({"not", "no", "never", "yet", "un"})


_SHORT_OF = frozenset({"almost", "nearly", "mostly", "partly", "partially", "largely", "half", "soon", "about"})


_PERCENT_RE = re.compile(r"^~?(?P<n>\d{1,3})(?:\.\d+)?\s?%$")


def _qualified(status: str, before: str) -> str | None:
    """The status a qualifier before a status word makes of it (``not done``, ``almost done``, ``75% complete``).

    None when the word before qualifies nothing.

    >>> _qualified("done", "not"), _qualified("done", "almost"), _qualified("done", "75%"), _qualified("done", "100%"), _qualified("done", "api")
    ('pending', 'in-progress', 'in-progress', 'done', None)
    """
    word = before.lower().strip("*_.,;:")
    if word in _NEGATION:
        return "pending" if status in ("done", "in-progress", "partial") else None
    if word in _SHORT_OF:
        return "in-progress" if status == "done" else None
    pm = _PERCENT_RE.match(word)
    if pm:
        return "done" if int(pm.group("n")) >= 100 else ("pending" if int(pm.group("n")) == 0 else "in-progress")
    return None


def read_status(text: str) -> tuple[str, str, str | None]:
    """``(status words, note, canonical)`` of a status value, as a reader reads it.

    The first words give the status; failing that, a bold span or the last words of a clause
    (``**design accepted; implementation not started**`` is pending). Only the status phrase is the
    badge's text; every other word is the note. A status word qualified by what comes before it is
    read as qualified (``Not implemented`` is pending, ``75% complete`` and ``Almost done`` in
    progress), and an aside in parentheses is never the status. Unknown: the text as written.

    >>> read_status("DONE - shipped with v2")
    ('DONE', 'shipped with v2', 'done')
    >>> read_status("**design accepted; implementation not started** (ADR-22). Base: main")
    ('not started', 'design accepted; implementation \u00b7 (ADR-22). Base: main', 'pending')
    >>> read_status("Not yet implemented"), read_status("75% complete")
    (('Not yet implemented', '', 'pending'), ('75% complete', '', 'in-progress'))
    >>> read_status("Charter Superseded *(originally IN PROGRESS)*")
    ('Superseded', 'Charter \u00b7 *(originally IN PROGRESS)*', 'cancelled')
    >>> read_status("\N{CLIPBOARD} Charter Superseded *(originally Planned)*"), read_status("\N{CLIPBOARD} Phase 2 (Deferred)")
    (('\N{CLIPBOARD} Superseded', 'Charter \u00b7 *(originally Planned)*', 'cancelled'), ('\N{CLIPBOARD}', 'Phase 2 (Deferred)', 'pending'))
    >>> read_status("\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} **PHASE 1 COMPLETE** (Phase 2+ POSTPONED)")[2], read_status("\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} API done")[2]
    ('in-progress', 'in-progress')
    """
    words, note = split_status(text)
    canon = normalize_status(words)
    if canon is not None and note and not any(ch.isalnum() for ch in words):
        # ``📋 Charter Superseded *(originally Planned)*``: the words after the emoji win over it when they read as a status
        # only when the words *start* with a status (one word before it at most: ``Charter Superseded``); words that
        # describe a part (``🔄 **PHASE 1 COMPLETE**``, ``🔄 API done``) leave the emoji's reading
        lead = _ASIDE_RE.sub(" ", note).replace("*", " ").replace("_", " ").split()
        for n in (1, 2):
            if len(lead) < n:
                break
            first = lead[n - 1].strip(".,;:")
            if is_status_phrase(first) and normalize_status(first) is not None and (n == 1 or normalize_status(lead[0]) is None):
                if n == 2 and (not lead[0][:1].isalpha() or normalize_status(first) not in ("cancelled", "blocked")):
                    break  # ``🔄 API done``: a part is done; ``📋 Charter Superseded``: the whole is
                said = read_status(note)
                if said[2] is not None and said[0].split()[0].strip(".,;:*_") == first:
                    return f"{words} {said[0]}", said[1], said[2]
                break
    if canon is not None:
        return words, note, canon
    raw = text.strip()
    bold = _STATUS_BOLD_RE.match(raw)
    head, rest = (bold.group("bold").strip(), bold.group("rest")) if bold else (raw, "")
    asides = " ".join(m.group(0) for m in _ASIDE_RE.finditer(head))
    bare = _ASIDE_RE.sub(" ", head)
    lead = bare.split()
    if lead and len(lead) <= 4:  # ``Not done``, ``Almost done``, ``75% complete``: the whole value, qualified
        tail = normalize_status(" ".join(lead[1:])) if len(lead) > 1 else None
        q = _qualified(tail, lead[0]) if tail else None
        if q is None and len(lead) > 2 and lead[1].lower() in _NEGATION:
            tail = normalize_status(" ".join(lead[2:]))
            q = _qualified(tail, lead[0]) if tail else None
        if q is not None and not asides:
            return " ".join(lead), _aside_note(rest), q
    for clause in reversed(re.split(r"[;,]", bare)):
        parts = clause.split()
        for n in range(min(3, len(parts)), 0, -1):
            tail = " ".join(parts[-n:]).rstrip(".")
            if not (is_status_phrase(tail) and normalize_status(tail) is not None):
                continue
            canon = normalize_status(tail)
            before = parts[-n - 1] if len(parts) > n else ""
            if before:
                q = _qualified(canon or "", before)
                if q is not None or before.lower() in _NEGATION:
                    # ``Feature not implemented``: the qualified phrase is the status, the rest the note
                    m = re.search(re.escape(before) + r"\s+" + re.escape(tail), bare)
                    if m is None:
                        return head, _aside_note(rest), q
                    others = [bare[:m.start()].strip(" ;,"), bare[m.end():].strip(" ;,."), asides, _aside_note(rest)]
                    return m.group(0), " \u00b7 ".join(x for x in others if x), q
            at = bare.rindex(tail)
            others = [bare[:at].strip(" ;,"), bare[at + len(tail):].strip(" ;,."), asides, _aside_note(rest)]
            return tail, " \u00b7 ".join(x for x in others if x), canon
    return raw, "", None


def _aside_note(rest: str) -> str:
    """What follows a bold status, as written (brackets kept); only a separator before it goes."""
    return rest.strip().lstrip(" -\u2013\u2014:").strip()


def _combine(states: list[str]) -> str | None:
    """One status for a group of tasks: all done (or dropped) -> done; none started -> pending; else in progress."""
    states = [x for x in states if x]
    if not states:
        return None
    if all(x in ("done", "cancelled") for x in states):
        return "done" if "done" in states else "cancelled"
    if all(x == "pending" for x in states):
        return "pending"
    if all(x in ("pending", "blocked") for x in states):
        return "blocked"
    return "in-progress"


def _phase_heading(pm: re.Match[str], text: str) -> PhaseHeading:
    """Split a phase heading (matched by ``_PHASE_RE`` on its text without emphasis) into its parts."""
    shown = pm.string
    end = pm.end("id")
    if shown.startswith("**", end):
        end += 2
    rest = pm.group("rest").strip()
    em = _ESTIMATE_RE.search(rest)
    title, estimate = (rest[:em.start()].strip(), rest[em.start():].strip()) if em else (rest, "")
    return PhaseHeading(text, shown[:end], shown[end:pm.start("rest")], title, estimate)


def _numbered_back(current: str, new: str) -> bool:
    """Does ``new`` number lower than ``current`` (``3.10`` then ``1``)? Then a deeper heading is a sub-plan.

    >>> _numbered_back("3.10", "1"), _numbered_back("1", "2"), _numbered_back("2", "2a"), _numbered_back("4", "B")
    (True, False, False, False)
    """
    a, b = re.match(r"\d+", current), re.match(r"\d+", new)
    return bool(a and b) and int(b.group()) < int(a.group())  # type: ignore[union-attr]
