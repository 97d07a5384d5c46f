# SPDX-License-Identifier: MIT
"""The history kept on disk between builds (``<cache_dir>/history-<docs folder>.json``).

A fresh process (``mkdocs build`` in CI, a new ``mkdocs serve``) would otherwise run the whole
``git log`` and parse every old version again. The file holds what :class:`~.git.HistoryReader`
keeps in memory: the walk up to a commit (each Markdown file's versions: commit, path, blob) and
what each version says (by blob id, the content's own hash). A later build asks git only for the
commits after that one and parses only the versions they add.

What makes the file stale is in its key: the format, the package's code (a hash of its source files,
so a parser change re-reads everything), ``fix_mojibake``; the walk also keeps the docs folder and,
in a shallow clone, a hash of its boundary commits (``.git/shallow``), so ``git fetch --deepen`` reads again. A file that does not match, cannot be read or is damaged is ignored (and
replaced on the next write); nothing in it is trusted beyond its shape. Writes go to a temporary file
that replaces the old one, so two builds at once leave one whole file.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from .points import PhaseState, _Facts

__all__ = ["FORMAT", "cache_file", "code_fingerprint", "facts_from_json", "facts_to_json", "load", "save"]

FORMAT = 1
"""Bumped when the file's layout changes."""

_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """A hash of the package's Python source (computed once per process): what a version says depends on it."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        package = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256()
        for path in sorted(package.rglob("*.py")):
            try:
                digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
            except OSError:
                continue
        _FINGERPRINT = digest.hexdigest()[:24]
    return _FINGERPRINT


def cache_file(cache_dir: str, docs_dir: str) -> str:
    """The cache file of a docs folder: one per folder, so sites sharing a cache folder keep theirs apart."""
    tag = hashlib.sha256(os.path.realpath(docs_dir).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return os.path.join(cache_dir, f"history-{tag}.json")


def facts_to_json(found: dict[str, _Facts] | None) -> Any:
    if found is None:
        return None
    return {anchor: [f.title, f.status, f.status_text, f.checks_done, f.checks_total,
                     [[p.id, p.title, p.status] for p in f.phases]] for anchor, f in found.items()}


def facts_from_json(value: Any, phases_seen: dict[tuple[Any, ...], PhaseState] | None = None) -> dict[str, _Facts] | None:
    """The facts of one version; ValueError when the value is not what :func:`facts_to_json` writes.

    ``phases_seen`` shares equal phase states between versions (most versions repeat most phases).
    """
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("facts")
    seen = {} if phases_seen is None else phases_seen
    out: dict[str, _Facts] = {}
    for anchor, (title, status, status_text, done, total, phases) in value.items():
        if not (isinstance(title, str) and isinstance(status_text, str) and isinstance(done, int) and isinstance(total, int)
                and (status is None or isinstance(status, str))):
            raise ValueError("facts")
        states = []
        for i, t, s in phases:
            k = (i, t, s)
            state = seen.get(k)
            if state is None:
                state = seen[k] = PhaseState(str(i), str(t), s if s is None else str(s))
            states.append(state)
        out[str(anchor)] = _Facts(title, status, status_text, done, total, tuple(states))
    return out


def _when(ts: Any) -> datetime:
    if not isinstance(ts, int):
        raise ValueError("date")
    return datetime.fromtimestamp(ts, tz=timezone.utc)


def load(path: str, key: dict[str, Any]) -> dict[str, Any] | None:
    """The cache at ``path`` when its ``key`` matches (``facts``; ``walk`` only when the walk's key matches
    too), else None. ``key`` has ``code`` and ``fix_mojibake`` (for the facts) and ``docs`` and ``shallow`` (False, or the
    hash of the clone's boundary)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if data.get("code") != key["code"] or data.get("fix_mojibake") != key["fix_mojibake"]:
            return None
        shared: dict[tuple[Any, ...], PhaseState] = {}
        facts = {str(blob): facts_from_json(v, shared) for blob, v in data["facts"].items()}
        walk = None
        if data.get("docs") == key["docs"] and data.get("shallow") == key["shallow"] and isinstance(data.get("head"), str):
            log = {sha: (_when(ts), str(author), str(subject)) for sha, (ts, author, subject) in data["log"].items()}
            live = {str(p): [(str(sha), str(at), str(blob)) for sha, at, blob in versions] for p, versions in data["live"].items()}
            if any(sha not in log for versions in live.values() for sha, _, _ in versions):
                raise ValueError("log")
            oldest = data.get("oldest")
            walk = {"head": data["head"], "commits": int(data["commits"]), "oldest": None if oldest is None else _when(oldest),
                    "log": log, "live": live}
        return {"facts": facts, "walk": walk}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None


def save(path: str, key: dict[str, Any], facts: dict[str, Any], walk: dict[str, Any]) -> bool:
    """Write the cache (``facts`` already as :func:`facts_to_json` values); False when it cannot be written."""
    data = {
        "format": FORMAT, **key,
        "head": walk["head"], "commits": walk["commits"],
        "oldest": None if walk["oldest"] is None else int(walk["oldest"].timestamp()),
        "log": {sha: [int(when.timestamp()), author, subject] for sha, (when, author, subject) in walk["log"].items()},
        "live": walk["live"],
        "facts": facts,
    }
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        # a new file's mode follows the umask (mkstemp's 0600 would hide the cache from another user: CI as root)
        write_atomically(Path(path), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except OSError:
        return False
    return True
