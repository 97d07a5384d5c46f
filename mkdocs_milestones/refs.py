# SPDX-License-Identifier: MIT
"""References between milestones: what a ``Depends on`` value names (:func:`milestone_refs`,
:func:`ref_is_shaped`), and how names compare when the site resolves them (an id folded as a reader
folds it, a plan ranked above its log, the closest names for a reference that names none).
"""

from __future__ import annotations

import posixpath
import re

from .model import MilestoneEntry
from .reading import _NONE_RE
from .source import _LINK_RE, _strip_md

__all__ = ["milestone_refs", "ref_is_shaped"]

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})


_REF_TRIM_RE = re.compile(r"^[^\x00-\x7f\w]+|[^\x00-\x7f\w]+$", re.UNICODE)  # status emoji at either end


_REF_STATUS_TAIL_RE = re.compile(
    r"\s*(?:[-\u2013\u2014:]\s*)?\b(?:done|complete|completed|finished|shipped|merged|in progress|pending|required)\s*$",
    re.IGNORECASE,
)


def milestone_refs(value: str) -> list[str]:
    """The milestones a ``Depends on``/``Dependencies``/``Prerequisites`` value names, as written.

    Links give their targets; otherwise names or ids separated by commas, semicolons, ``and`` or
    ``&``, with asides in parentheses and status remarks (``(DONE)``, ``✅``, ``complete``) dropped.
    An id inside a sentence (``Requires M1 to be done``) is the reference. Phase references
    (``Phase 2``) are the phases' own; ``None``/``_None_`` is none.

    >>> milestone_refs("M0-Docker_Environment_Setup (DONE), M1-MVP (DONE)")
    ['M0-Docker_Environment_Setup', 'M1-MVP']
    >>> milestone_refs("\N{WHITE HEAVY CHECK MARK} FT-M-05.09, \N{WHITE HEAVY CHECK MARK} FT-M-05.11")
    ['FT-M-05.09', 'FT-M-05.11']
    >>> milestone_refs("[Auth](auth.md), [DB](../db/)"), milestone_refs("None (foundational)"), milestone_refs("Phase 0")
    (['auth.md', '../db/'], [], [])
    >>> milestone_refs("\N{WHITE HEAVY CHECK MARK} M-03.04 (Run packaging, state window)"), milestone_refs("_None_")
    (['M-03.04'], [])
    >>> milestone_refs("M2 (Auth) and M3 (DB)"), milestone_refs("M2 & M3"), milestone_refs("Requires M1 to be done")
    (['M2', 'M3'], ['M2', 'M3'], ['M1'])
    >>> milestone_refs("\N{WHITE HEAVY CHECK MARK} M-06.01/M-06.02 (evaluation integrity), M-07.01"), milestone_refs("docs/M-06.01.md")
    (['M-06.01', 'M-06.02', 'M-07.01'], ['docs/M-06.01.md'])
    """
    refs = [m.group("href").strip("<>") for m in _LINK_RE.finditer(value)]
    if refs:
        return refs
    text = _strip_md(value.split("\n")[0])
    text = re.sub(r"^([*_])(.+)\1$", r"\2", text.strip())  # ``_None_``
    if _NONE_RE.match(text):
        return []
    while True:  # asides in parentheses, nested ones too, go before splitting
        shorter = re.sub(r"\s*[*_]*\([^()]*\)[*_]*", "", text)
        if shorter == text:
            break
        text = shorter
    out: list[str] = []
    # ``M-06.01/M-06.02``: ids joined by a slash are each a reference
    text = re.sub(r"[^\s,;]+/[^\s,;]+", lambda t: t.group(0).replace("/", ", ") if all(
        _MS_ID_ONLY_RE.fullmatch(x) for x in t.group(0).split("/")) else t.group(0), text)
    for part in re.split(r"[,;]|\s+(?:and|&|\+)\s+", text):
        part = _REF_TRIM_RE.sub("", part.strip()).strip()
        part = _REF_TRIM_RE.sub("", _REF_STATUS_TAIL_RE.sub("", part)).strip()
        if not part or _NONE_RE.match(part) or re.match(r"(?i)phases?\b", part):
            continue
        if " " in part and not _MS_REF_SHAPE_RE.match(part):
            ids = _MS_ID_IN_TEXT_RE.findall(part)
            if len(ids) == 1:  # ``Requires M1 to be done``
                part = ids[0]
        if part not in out:
            out.append(part)
    return out


_MS_REF_SHAPE_RE = re.compile(r"^(?:(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?|[vV]\d+(?:\.\d+)*)(?:[-_:\s]|$)")


_MS_ID_ONLY_RE = re.compile(r"(?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?")


_MS_ID_IN_TEXT_RE = re.compile(r"(?<![\w.\-])((?:[A-Z][A-Z0-9]{0,7}-)*M-?\d+(?:[.\-]\d+)*[a-z]?)(?![\w\-])")


def ref_is_shaped(ref: str) -> bool:
    """A dependency a reader can tell names a milestone: an id (``M1``, ``SIM-M1``, ``v1.1``), a path or a link.

    Prose (``the vendor shipping their SDK v3``) that names no milestone of the site is not warned about.

    >>> ref_is_shaped("M1-MVP"), ref_is_shaped("../auth.md"), ref_is_shaped("MCP Registry publication")
    (True, True, False)
    """
    r = ref.strip()
    return bool(_MS_REF_SHAPE_RE.match(r)) or "/" in r or r.lower().endswith(".md") or "#" in r or (" " not in r and "_" in r)


_TRACKING_RE = re.compile(r"(?:^|/)releases?/|[-_](?:log|tracking|release|release-notes|completion)$", re.IGNORECASE)


def _fold(name: str | None, *, lower: bool = True) -> str:
    """A name as compared: spaces trimmed, case folded, any dash (``TT‑M‑03.17``'s U+2011) a hyphen."""
    text = (name or "").strip().translate(_DASHES)
    return text.lower() if lower else text


_ID_NUMBERS_RE = re.compile(r"((?:[a-z][a-z0-9]*-)*)m-?(\d+(?:[.\-]\d+)*)([a-z]?)")


def _fold_id(name: str | None) -> str:
    """A milestone id as compared: folded (:func:`_fold`), its numbers without padding or a hyphen after the
    ``M`` (``M2.9``, ``M-02.09`` and ``m-2.9`` are one id, as a reader reads them; ``M-02.09.01`` is another).

    >>> _fold_id("M-02.09") == _fold_id("M2.9") == _fold_id("M\u201102.09"), _fold_id("SIM-M-02.01"), _fold_id("M-02.09.01")
    (True, 'sim-m2.1', 'm2.9.1')
    """
    text = _fold(name)
    m = _ID_NUMBERS_RE.fullmatch(text)
    if m is None:
        return text
    return f"{m.group(1)}m{'.'.join(str(int(x)) for x in re.split(r'[.-]', m.group(2)))}{m.group(3)}"


def _rank(entry: MilestoneEntry) -> int:
    """0 for a plan, 1 for a roadmap document's section about it (``ROADMAP.md#m-0209``), 2 for a tracking log or
    release note of it (``M-03.01-log.md``, ``releases/M-03.01.md``)."""
    if _TRACKING_RE.search(entry.page.removesuffix(".md")):
        return 2
    return 1 if entry.milestone.anchor else 0


def _nearest(ref: str, entries: list[MilestoneEntry]) -> list[str]:
    """The milestones a reference most likely means, closest first (by id, file name or title); all, sorted, if none is close."""
    import difflib

    names: dict[str, str] = {}
    for e in entries:
        for name in (_fold_id(e.milestone.id) if e.milestone.id else "", _fold(posixpath.basename(e.page).removesuffix(".md")), _fold(e.milestone.title)):
            if name:
                names.setdefault(name, e.key)
    close = difflib.get_close_matches(_fold_id(ref), list(names), n=8, cutoff=0.6)
    out = list(dict.fromkeys(names[n] for n in close))
    return out or sorted(e.key for e in entries)
