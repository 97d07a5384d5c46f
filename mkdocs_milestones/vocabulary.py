# SPDX-License-Identifier: MIT
"""Status and priority words and emoji, mapped to canonical values.

>>> normalize_status("\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} IN PROGRESS")
'in-progress'
>>> normalize_status("\N{WHITE HEAVY CHECK MARK} Achieved")
'done'
>>> normalize_status("Not Started")
'pending'
>>> normalize_priority("\N{LARGE YELLOW CIRCLE} HIGH")
'high'
>>> normalize_priority("\N{LARGE RED CIRCLE}")
'critical'
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "PRIORITIES",
    "PRIORITY_LABELS",
    "STATUSES",
    "STATUS_EMOJI",
    "STATUS_GLYPHS",
    "STATUS_LABELS",
    "STATUS_WORDS",
    "normalize_priority",
    "normalize_status",
    "is_status_phrase",
    "may_not_apply",
    "replace_shortcodes",
    "split_status",
    "status_word",
]

STATUSES: tuple[str, ...] = ("pending", "in-progress", "partial", "done", "failed", "blocked", "cancelled")
"""Canonical statuses, in the order a roadmap lists them."""

PRIORITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
"""Canonical priorities, most urgent first."""

STATUS_LABELS: dict[str, str] = {
    "pending": "Pending",
    "in-progress": "In progress",
    "partial": "Partial",
    "done": "Done",
    "failed": "Failed",
    "blocked": "Blocked",
    "cancelled": "Cancelled",
}

PRIORITY_LABELS: dict[str, str] = {p: p.capitalize() for p in PRIORITIES}

STATUS_EMOJI: dict[str, str] = {
    "pending": "\N{HOURGLASS WITH FLOWING SAND}",
    "in-progress": "\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS}",
    "partial": "\N{CIRCLE WITH LEFT HALF BLACK}",  # reads back as partial (the arrows read as in progress)
    "done": "\N{WHITE HEAVY CHECK MARK}",
    "failed": "\N{CROSS MARK}",
    "blocked": "\N{NO ENTRY}",
    "cancelled": "\N{NO ENTRY SIGN}",
}
"""The emoji an author would write for each status (used by the roadmap); each reads back as its status."""

# Words, compared after lower-casing and folding every run of separators to one space.
_STATUS_WORDS: dict[str, str] = {}
for _canon, _words in {
    "pending": (
        "pending", "not started", "not yet started", "todo", "to do", "planned", "open", "new",
        "queued", "waiting", "backlog", "scheduled", "upcoming", "not begun", "proposed", "draft",
        "next", "future", "to be started",
    ),
    "in-progress": (
        "in progress", "wip", "work in progress", "ongoing", "active", "started", "doing",
        "underway", "under way", "running", "in development", "in review", "current",
        "in flight", "in-flight", "implementing", "in testing", "testing",
    ),
    "partial": ("partial", "partially", "partly", "partially done", "partially achieved", "mostly done", "partially met"),
    "done": (
        "done", "complete", "completed", "finished", "achieved", "met", "passed", "pass", "shipped",
        "delivered", "merged", "closed", "resolved", "ok", "success", "succeeded", "released",
        "implemented", "deployed", "landed", "accomplished", "fixed",
    ),
    "failed": ("failed", "fail", "failure", "missed", "not met", "broken", "regressed", "error"),
    "blocked": ("blocked", "on hold", "stuck", "waiting on", "paused", "stalled", "halted", "postponed", "deferred"),
    "cancelled": (
        "cancelled", "canceled", "dropped", "abandoned", "wontfix", "wont fix", "obsolete",
        "descoped", "de scoped", "skipped", "rejected", "superseded",
    ),
}.items():
    for _w in _words:
        _STATUS_WORDS[_w] = _canon

# Emoji (base code points; variation selectors are stripped before lookup).
_STATUS_EMOJI: dict[str, str] = {
    "\N{HOURGLASS WITH FLOWING SAND}": "pending",
    "\N{HOURGLASS}": "pending",
    "\N{WHITE LARGE SQUARE}": "pending",
    "\N{BALLOT BOX}": "pending",
    "\N{SPIRAL CALENDAR PAD}": "pending",
    "\N{CLIPBOARD}": "pending",  # the .planning/ROADMAP.md layout's "planned" (✅ 🚧 📋), FlowTime's "📋 Planned"
    "\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS}": "in-progress",
    "\N{CLOCKWISE RIGHTWARDS AND LEFTWARDS OPEN CIRCLE ARROWS}": "in-progress",
    "\N{CONSTRUCTION SIGN}": "in-progress",
    "\N{HAMMER AND WRENCH}": "in-progress",
    "\N{LARGE BLUE CIRCLE}": "in-progress",
    "\N{CIRCLE WITH LEFT HALF BLACK}": "partial",
    "\N{WHITE HEAVY CHECK MARK}": "done",
    "\N{HEAVY CHECK MARK}": "done",
    "\N{CHECK MARK}": "done",
    "\N{BALLOT BOX WITH CHECK}": "done",
    "\N{LARGE GREEN CIRCLE}": "done",
    "\N{PARTY POPPER}": "done",
    "\N{CROSS MARK}": "failed",
    "\N{NEGATIVE SQUARED CROSS MARK}": "failed",
    "\N{HEAVY MULTIPLICATION X}": "failed",
    "\N{BALLOT X}": "failed",
    "\N{LARGE RED CIRCLE}": "failed",
    "\N{NO ENTRY}": "blocked",
    "\N{OCTAGONAL SIGN}": "blocked",
    "\N{WARNING SIGN}": "blocked",
    "\N{DOUBLE VERTICAL BAR}": "blocked",
    "\N{NO ENTRY SIGN}": "cancelled",
    "\N{WASTEBASKET}": "cancelled",
    "\N{BLACK SQUARE FOR STOP}": "cancelled",
}

_PRIORITY_WORDS: dict[str, str] = {}
for _canon, _words in {
    "critical": ("critical", "crit", "urgent", "blocker", "highest", "p0", "showstopper", "must", "must have"),
    "high": ("high", "important", "p1", "major", "should", "should have"),
    "medium": ("medium", "med", "normal", "moderate", "p2", "mid", "could", "could have"),
    "low": ("low", "minor", "trivial", "lowest", "p3", "p4", "nice to have", "someday", "won t", "wont"),
}.items():
    for _w in _words:
        _PRIORITY_WORDS[_w] = _canon

_PRIORITY_EMOJI: dict[str, str] = {
    "\N{LARGE RED CIRCLE}": "critical",
    "\N{RED APPLE}": "critical",
    "\N{FIRE}": "critical",
    "\N{LARGE ORANGE CIRCLE}": "high",
    "\N{LARGE YELLOW CIRCLE}": "medium",
    "\N{LARGE GREEN CIRCLE}": "low",
    "\N{LARGE BLUE CIRCLE}": "low",
}

# pymdownx.emoji shortcodes authors write in status and priority lines (``:white_check_mark: Done``),
# read as the emoji the extension renders them to (its default index, the GitHub/Twemoji names).
SHORTCODES: dict[str, str] = {
    "white_check_mark": "\N{WHITE HEAVY CHECK MARK}",
    "heavy_check_mark": "\N{HEAVY CHECK MARK}",
    "ballot_box_with_check": "\N{BALLOT BOX WITH CHECK}",
    "tada": "\N{PARTY POPPER}",
    "hourglass": "\N{HOURGLASS}",
    "hourglass_flowing_sand": "\N{HOURGLASS WITH FLOWING SAND}",
    "white_large_square": "\N{WHITE LARGE SQUARE}",
    "spiral_calendar": "\N{SPIRAL CALENDAR PAD}",
    "spiral_calendar_pad": "\N{SPIRAL CALENDAR PAD}",
    "arrows_counterclockwise": "\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS}",
    "arrows_clockwise": "\N{CLOCKWISE RIGHTWARDS AND LEFTWARDS OPEN CIRCLE ARROWS}",
    "construction": "\N{CONSTRUCTION SIGN}",
    "hammer_and_wrench": "\N{HAMMER AND WRENCH}",
    "x": "\N{CROSS MARK}",
    "negative_squared_cross_mark": "\N{NEGATIVE SQUARED CROSS MARK}",
    "heavy_multiplication_x": "\N{HEAVY MULTIPLICATION X}",
    "no_entry": "\N{NO ENTRY}",
    "octagonal_sign": "\N{OCTAGONAL SIGN}",
    "stop_sign": "\N{OCTAGONAL SIGN}",
    "warning": "\N{WARNING SIGN}",
    "pause_button": "\N{DOUBLE VERTICAL BAR}",
    "double_vertical_bar": "\N{DOUBLE VERTICAL BAR}",
    "no_entry_sign": "\N{NO ENTRY SIGN}",
    "wastebasket": "\N{WASTEBASKET}",
    "stop_button": "\N{BLACK SQUARE FOR STOP}",
    "red_circle": "\N{LARGE RED CIRCLE}",
    "orange_circle": "\N{LARGE ORANGE CIRCLE}",
    "yellow_circle": "\N{LARGE YELLOW CIRCLE}",
    "green_circle": "\N{LARGE GREEN CIRCLE}",
    "large_blue_circle": "\N{LARGE BLUE CIRCLE}",
    "blue_circle": "\N{LARGE BLUE CIRCLE}",
    "fire": "\N{FIRE}",
    "apple": "\N{RED APPLE}",
}
_SHORTCODE_RE = re.compile(r":([a-z0-9_+-]+):")


def replace_shortcodes(text: str) -> str:
    """``:white_check_mark: Done`` -> ``✅ Done``: the shortcodes of :data:`SHORTCODES`, others kept.

    >>> replace_shortcodes(":hourglass: Pending :unknown:")
    '\N{HOURGLASS} Pending :unknown:'
    """
    if ":" not in text:
        return text
    return _SHORTCODE_RE.sub(lambda m: SHORTCODES.get(m.group(1), m.group(0)), text)


_VARIATION = re.compile("[\ufe0e\ufe0f\u200d]")
_SEPARATORS = re.compile(r"[\s_\-./:;,()\[\]*`|~!]+")
_WORD_CHARS = re.compile(r"[^\W\d_]|\d", re.UNICODE)
_LEVEL_WORDS = {"low": "low", "medium": "medium", "med": "medium", "moderate": "medium", "high": "high",
                "critical": "critical", "severe": "critical", "very high": "critical", "very low": "low"}


def _split(text: str) -> tuple[str, list[str]]:
    """Return the folded words of ``text`` and the emoji-like characters in it, in order."""
    text = _VARIATION.sub("", text)
    emoji = [ch for ch in text if not ch.isascii() and not _WORD_CHARS.match(ch) and not ch.isspace()]
    words = "".join(ch if (ch.isascii() or _WORD_CHARS.match(ch)) else " " for ch in text)
    words = words.replace("'", "").replace("\u2019", "")
    folded = _SEPARATORS.sub(" ", words.lower()).strip()
    return folded, emoji


def _lookup_words(folded: str, table: dict[str, str]) -> str | None:
    if not folded:
        return None
    if folded in table:
        return table[folded]
    # "completed 2026-01-17", "IN PROGRESS (phase 3)": try the longest leading run of words.
    words = folded.split(" ")
    # Leading tokens that are not plain words (stray symbols, undecoded emoji) are skipped.
    while len(words) > 1 and not words[0].isascii():
        words = words[1:]
    for n in range(min(len(words), 4), 0, -1):
        hit = table.get(" ".join(words[:n]))
        if hit:
            return hit
    return None


# An emoji or a shortcode before the words; never the ``#`` of an issue reference (``✅ #12``).
_LEAD_RE = re.compile(r"^(?P<lead>(?:\s|:[a-z0-9_+-]+:|(?!#\d)[^\w\s(\[`*_<&])*)(?P<rest>.*)$", re.DOTALL)
_NOTE_EDGE_RE = re.compile(r"^[\s\-\u2013\u2014:;,.|/]+")


def _clean_note(note: str) -> str:
    """The words after the status, as written: only the separator before them goes (``DONE - x`` -> ``x``).

    Brackets and closing punctuation are the author's: ``(tagged as `sim-m1`).`` stays whole.
    """
    return _NOTE_EDGE_RE.sub("", note.strip()).strip()


@functools.lru_cache(maxsize=4096)  # pure, and a site writes the same few statuses on every page
def split_status(text: str, table: str = "status") -> tuple[str, str]:
    """Split a status (or priority) value into its status words and the explanation after them.

    The status is read from the first words (and any emoji or shortcode before them); what follows
    is a note to show beside the badge, never inside it.

    >>> split_status("PARTIAL (functional but with gaps)")
    ('PARTIAL', '(functional but with gaps)')
    >>> split_status("DONE - shipped with v2")
    ('DONE', 'shipped with v2')
    >>> split_status("\N{WHITE HEAVY CHECK MARK} Complete")
    ('\N{WHITE HEAVY CHECK MARK} Complete', '')
    >>> split_status("SHIPPED 2026-02-22")
    ('SHIPPED', '2026-02-22')
    >>> split_status("COMPLETE (tagged as `sim-m1`).")
    ('COMPLETE', '(tagged as `sim-m1`).')
    >>> split_status("CRITICAL - foundation first", "priority")
    ('CRITICAL', 'foundation first')
    >>> split_status("Percolating")
    ('Percolating', '')
    >>> split_status("\N{WHITE HEAVY CHECK MARK} #12")
    ('\N{WHITE HEAVY CHECK MARK}', '#12')
    """
    text = text.strip()
    table_words = _STATUS_WORDS if table == "status" else _PRIORITY_WORDS
    lookup = normalize_status if table == "status" else normalize_priority
    m = _LEAD_RE.match(text)
    lead, rest = (m.group("lead"), m.group("rest")) if m else ("", text)
    words = rest.split()
    for n in range(min(len(words), 4), 0, -1):
        cand = " ".join(words[:n]).rstrip(".,:;!")
        if cand and _WORD_CHARS.search(words[n - 1]) and _split(cand)[0] in table_words:
            # the longest leading phrase that reads as a status; the rest is the note
            pos = 0
            for w in words[:n]:
                pos = rest.index(w, pos) + len(w)
            head = (lead + rest[:pos]).strip().rstrip(".,:;")
            return head, _clean_note(rest[pos:])
    if lead.strip() and lookup(lead) is not None and rest.strip() and lookup(rest) is None:
        return lead.strip(), _clean_note(rest)
    return text, ""


@functools.lru_cache(maxsize=4096)  # pure, and a site writes the same few statuses on every page
def is_status_phrase(text: str) -> bool:
    """True when ``text`` is only a status phrase (and emoji), not a sentence that begins with one.

    >>> is_status_phrase("not started"), is_status_phrase("\N{WHITE HEAVY CHECK MARK} Done"), is_status_phrase("Done with the API")
    (True, True, False)
    """
    folded = _split(replace_shortcodes(text))[0]
    return not folded or folded in _STATUS_WORDS


@functools.lru_cache(maxsize=4096)  # pure, and a site writes the same few statuses on every page
def normalize_status(text: str | None) -> str | None:
    """Map what an author wrote to a canonical status, or None when it is not recognised.

    Text wins over emoji when both are present (``"✅ Partial"`` is partial).

    >>> normalize_status("WIP")
    'in-progress'
    >>> normalize_status("\N{ANTICLOCKWISE DOWNWARDS AND UPWARDS OPEN CIRCLE ARROWS} Partial")
    'partial'
    >>> normalize_status("\N{CONSTRUCTION SIGN}")
    'in-progress'
    >>> normalize_status("Some other state") is None
    True
    """
    if not text:
        return None
    folded, emoji = _split(replace_shortcodes(text))
    hit = _lookup_words(folded, _STATUS_WORDS)
    if hit:
        return hit
    # The words (if any) name no status: the first emoji that names one decides.
    for ch in emoji:
        if ch in _STATUS_EMOJI:
            return _STATUS_EMOJI[ch]
    return None


@functools.lru_cache(maxsize=4096)  # pure, and a site writes the same few statuses on every page
def normalize_priority(text: str | None) -> str | None:
    """Map a written priority to ``critical``, ``high``, ``medium`` or ``low`` (or None).

    >>> normalize_priority("P1 - High")
    'high'
    >>> normalize_priority("\N{LARGE ORANGE CIRCLE}")
    'high'
    """
    if not text:
        return None
    folded, emoji = _split(replace_shortcodes(text))
    hit = _lookup_words(folded, _PRIORITY_WORDS)
    if hit:
        return hit
    for word in folded.split(" "):
        if word in ("critical", "high", "medium", "low"):
            return word
    for ch in emoji:
        if ch in _PRIORITY_EMOJI:
            return _PRIORITY_EMOJI[ch]
    return None


def normalize_level(text: str | None) -> str | None:
    """Map a risk likelihood or impact (``Low``, ``Medium``, ``High``, ``Critical``) to a level."""
    if not text:
        return None
    folded, _ = _split(text)
    return _LEVEL_WORDS.get(folded)


def starts_with_status_emoji(text: str) -> bool:
    """True when ``text`` begins with an emoji that names a status (the status legend's items)."""
    text = text.lstrip()
    if text[:1] not in _STATUS_EMOJI and text[:1] not in _MAY_LEAD_AN_EMOJI:
        return False  # most list items: a word first (no shortcode, no variation selector to look past)
    stripped = _VARIATION.sub("", replace_shortcodes(text))
    return bool(stripped) and stripped[0] in _STATUS_EMOJI


_MAY_LEAD_AN_EMOJI = frozenset(":\ufe0e\ufe0f\u200d")
"""A shortcode's colon, or what :data:`_VARIATION` removes before the first character is read."""

LEGEND_LEAD = frozenset(_STATUS_EMOJI) | _MAY_LEAD_AN_EMOJI
"""What a status legend's item starts with once its leading whitespace is gone (:func:`starts_with_status_emoji`):
an item whose first character is neither one of these nor whitespace is no legend item, no call needed."""

_LEGEND_ITEM_RE = re.compile(r"^\s*\S+\s*(?P<word>[^\W\d_][\w \-]*?)\s*(?:$|[-\u2013\u2014:=]|\()", re.UNICODE)


def is_legend_item(text: str) -> bool:
    """True for a status legend's item: an emoji, then a status word (``✅ Done - finished``).

    A list of accomplishments (``✅ Laravel 12 running``) is not a legend.

    >>> is_legend_item("\N{WHITE HEAVY CHECK MARK} Done - finished"), is_legend_item("\N{WHITE HEAVY CHECK MARK} Laravel 12 running")
    (True, False)
    """
    if not starts_with_status_emoji(text):
        return False
    m = _LEGEND_ITEM_RE.match(_VARIATION.sub("", replace_shortcodes(text)))
    return bool(m) and _lookup_words(_split(m.group("word"))[0], _STATUS_WORDS) is not None and _split(m.group("word"))[0] in _STATUS_WORDS


# -- how each status is shown: one table for the pages, the roadmap, the SVG graphs and messages ----------
STATUS_WORDS: dict[str, str] = {
    "pending": "pending",
    "in-progress": "in progress",
    "partial": "partially done",
    "done": "done",
    "failed": "failed",
    "blocked": "blocked",
    "cancelled": "cancelled",
}
"""Plain words for a status inside a sentence (warnings, graph tooltips)."""

STATUS_GLYPHS: dict[str, str] = {
    "done": "\u2713",
    "failed": "\u2717",
    "in-progress": "\u25cf",
    "partial": "\u25d0",
    "pending": "\u25cb",
    "blocked": "\u2298",
    "cancelled": "\u2296",
    "unknown": "?",
    "missing": "?",
}
"""One-character glyphs drawn in SVG (graph nodes, timeline bars), where colour emoji would not fit."""


def status_word(status: str | None) -> str:
    """Plain words for a canonical status.

    >>> status_word("in-progress"), status_word(None)
    ('in progress', 'status unknown')
    """
    return STATUS_WORDS.get(status or "", "status unknown")


def may_not_apply(text: str) -> bool:
    """Can a box's "does not apply" remark (:data:`~.reading._NOT_APPLICABLE_RE`: ``(N/A)``, ``(deferred to M4)``,
    ``— won't do``, ``(moved to M4)``) be in ``text``? Each of its forms holds one of these words: told without the
    expression for ASCII text (``str.lower`` folds its case as the expression does), most boxes being plain.

    >>> may_not_apply("Docs (N/A)"), may_not_apply("Sync *(Deferred)*"), may_not_apply("Tag created"), may_not_apply("Caf\u00e9")
    (True, True, False, True)
    """
    if not text.isascii():
        return True
    low = text.lower()
    return ("n/a" in low or "scope" in low or "deferred" in low or "dropped" in low or "moved" in low or "cancel" in low
            or "applicable" in low or "won" in low or "postponed" in low or "needed" in low)
