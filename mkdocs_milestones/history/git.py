# SPDX-License-Identifier: MIT
"""Reading the history: one ``git log`` and one ``git cat-file --batch`` per read, cached between rebuilds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..roadmap_doc import may_hold_milestones, parse_milestones
from .cache import cache_file, code_fingerprint, facts_to_json
from .cache import load as load_cache
from .cache import save as save_cache
from .log import _LOG_FORMAT, _PATHSPECS, _cat_blobs, _Commit, _Lineage, _lineages, _parse_log
from .points import HistoryPoint, MilestoneHistory, RepoHistory, _Facts, history_keys
from .repo import NOT_IN_GIT

__all__ = ["SHALLOW_HINT", "HistoryReader"]

SHALLOW_HINT = (
    "this is a shallow clone, so milestone history starts at {date}; fetch the whole history with "
    "`git fetch --unshallow` (GitHub Actions: `actions/checkout` with `fetch-depth: 0`), or set `history: false`"
)
"""The note of a partial history: what is missing and how to fetch it."""


@dataclass
class _Walk:
    """The files followed up to one HEAD, kept so that a new commit only adds to it."""

    key: tuple[Any, ...]
    """``(docs folder, shallow clone's boundary hash or False, fix_mojibake)``: what must not change for the walk to go on."""
    head: str
    live: dict[str, _Lineage]
    commits: int
    oldest: datetime | None


class HistoryReader:
    """Reads milestone histories from git and keeps them between rebuilds (and, with ``cache_dir``, between builds).

    Arguments:
        fix_mojibake: Repair mojibake in old versions before parsing them, as the plugin does with pages.
        git: The git command.
        cache_dir: A folder for :mod:`.cache`'s file (the build's cache folder); None keeps nothing on disk.
    """

    def __init__(self, *, fix_mojibake: bool = True, git: str = "git", cache_dir: str | None = None) -> None:
        self.fix_mojibake = fix_mojibake
        self.git = git
        self.cache_dir = cache_dir
        self._facts: dict[str, dict[str, _Facts] | None] = {}
        """What each version says, by blob id: its milestones by anchor ("" for a milestone page), None for none."""
        self._last: tuple[tuple[Any, ...], RepoHistory] | None = None
        self._walk: _Walk | None = None
        self._loaded: set[str] = set()
        """The cache files read into memory already (read once per process)."""
        self.last_seconds = 0.0
        """Wall time of the last :meth:`read` (cache hits included)."""
        self.from_disk = False
        """True when the last read started from the cache file."""

    def read(self, docs_dir: str, pages: Iterable[str] | None = None) -> RepoHistory:
        """The history of the milestone files under ``docs_dir``.

        Arguments:
            docs_dir: The docs folder (anywhere inside a work tree).
            pages: Paths relative to ``docs_dir`` whose history is wanted (the milestone pages and
                roadmap documents); None for every Markdown file that held a milestone at some point.
                Only the versions of these files are parsed.

        Returns:
            The histories keyed by milestone (:attr:`MilestoneHistory.page`); ``enabled`` false (with
            a ``note``) without git.
        """
        start = time.perf_counter()
        try:
            return self._read(docs_dir, pages)
        finally:
            self.last_seconds = time.perf_counter() - start

    def _git(self, cwd: str, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([self.git, *args], cwd=cwd, capture_output=True, check=False)

    def _cache_key(self, docs_dir: str, shallow: str | bool) -> dict[str, Any]:
        """``shallow``: False, or a hash of the shallow clone's boundary commits (``.git/shallow``)."""
        return {"code": code_fingerprint(), "fix_mojibake": self.fix_mojibake, "docs": os.path.realpath(docs_dir),
                "shallow": shallow}

    def _load(self, docs_dir: str, shallow: str | bool, walk_key: tuple[Any, ...]) -> None:
        """What an earlier build kept on disk, once per process and docs folder (the memory wins after that)."""
        if self.cache_dir is None:
            return
        path = cache_file(self.cache_dir, docs_dir)
        if path in self._loaded:
            return
        self._loaded.add(path)
        found = load_cache(path, self._cache_key(docs_dir, shallow))
        if found is None:
            return
        for blob, facts in found["facts"].items():
            self._facts.setdefault(blob, facts)
        walk = found["walk"]
        if walk is not None and (self._walk is None or self._walk.key != walk_key):
            commits = {sha: _Commit(sha, when, author, subject, []) for sha, (when, author, subject) in walk["log"].items()}
            live = {p: _Lineage([(commits[sha], at, blob) for sha, at, blob in versions]) for p, versions in walk["live"].items()}
            self._walk = _Walk(walk_key, walk["head"], live, walk["commits"], walk["oldest"])
            self.from_disk = True

    def _save(self, docs_dir: str, shallow: str | bool, walk: _Walk) -> None:
        if self.cache_dir is None:
            return
        used = {blob for lineage in walk.live.values() for _, _, blob in lineage.versions}
        facts = {blob: facts_to_json(self._facts[blob]) for blob in sorted(used) if blob in self._facts}
        log = {c.sha: (c.when, c.author, c.subject) for lineage in walk.live.values() for c, _, _ in lineage.versions}
        live = {p: [[c.sha, at, blob] for c, at, blob in lineage.versions] for p, lineage in walk.live.items()}
        save_cache(cache_file(self.cache_dir, docs_dir), self._cache_key(docs_dir, shallow), facts,
                   {"head": walk.head, "commits": walk.commits, "oldest": walk.oldest, "log": log, "live": live})

    def _read(self, docs_dir: str, pages: Iterable[str] | None) -> RepoHistory:
        self.from_disk = False
        if not os.path.isdir(docs_dir):
            return RepoHistory(False, note=f"{docs_dir} is not a folder")
        try:
            probe = self._git(docs_dir, "rev-parse", "--is-shallow-repository", "--git-path", "shallow", "HEAD")
        except OSError:
            return RepoHistory(False, note="git is not installed, so there is no milestone history")
        lines = probe.stdout.decode("utf-8", "replace").splitlines()
        if probe.returncode != 0 or len(lines) != 3:
            err = probe.stderr.decode("utf-8", "replace")
            if "not a git repository" in err:
                return RepoHistory(False, note=NOT_IN_GIT)
            if "ambiguous argument 'HEAD'" in err or "unknown revision" in err:
                return RepoHistory(False, note="the repository has no commits yet, so there is no milestone history")
            last = [line for line in err.strip().splitlines() if line.strip()]
            # e.g. "detected dubious ownership": git names the `safe.directory` setting that fixes it
            return RepoHistory(False, note="git cannot read the repository, so there is no milestone history: "
                               + (" ".join(last[:4]) if last else f"exit status {probe.returncode}"))
        shallow, shallow_file, head = lines[0] == "true", lines[1], lines[2]
        boundary: set[str] = set()
        if shallow:
            path = shallow_file if os.path.isabs(shallow_file) else os.path.join(docs_dir, shallow_file)
            try:
                with open(path, encoding="ascii") as fh:
                    boundary = {line.strip() for line in fh if line.strip()}
            except OSError:
                boundary = set()
        # the clone's boundary (``git fetch --deepen`` moves it): part of every key, or a deepened clone would keep
        # the old walk, whose first points are no longer where the history starts
        cut: str | bool = hashlib.sha256(" ".join(sorted(boundary)).encode("ascii", "replace")).hexdigest()[:16] if shallow else False
        wanted = None if pages is None else frozenset(pages)
        key = (os.path.realpath(docs_dir), head, cut, wanted, self.fix_mojibake)
        if self._last is not None and self._last[0] == key:
            cached = self._last[1]
            return RepoHistory(cached.enabled, cached.milestones, cached.head, cached.partial, cached.note, cached.commits, 0)
        walk_key = (os.path.realpath(docs_dir), cut, self.fix_mojibake)
        self._load(docs_dir, cut, walk_key)
        walk = self._walk if self._walk is not None and self._walk.key == walk_key else None
        if walk is not None and walk.head != head and not self._follows(docs_dir, walk.head, head):
            walk = None  # HEAD did not move forward along the first parents (reset, rebase, checkout)
        moved = walk is None or walk.head != head
        if moved:
            since = walk.head if walk is not None else None
            proc = self._log(docs_dir, since, head, renames=True)
            if proc.returncode != 0:  # rename detection reads blobs: a clone missing some (a partial clone) fails
                proc = self._log(docs_dir, since, head, renames=False)
            if proc.returncode != 0:
                err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
                return RepoHistory(False, head=head, note="git log failed: " + (err[-1] if err else f"exit status {proc.returncode}"))
            new = _parse_log(proc.stdout)
            if walk is None:
                walk = _Walk(walk_key, head, {}, 0, None)
            _lineages(new, walk.live)
            walk.head, walk.commits = head, walk.commits + len(new)
            walk.oldest = min([c.when for c in new] + ([walk.oldest] if walk.oldest else []), default=None)
            self._walk = walk
        assert walk is not None
        lineages = walk.live
        if wanted is not None:
            lineages = {p: lin for p, lin in lineages.items() if p in wanted}
        parsed = self._parse_versions(docs_dir, lineages)
        if moved or parsed:
            self._save(docs_dir, cut, walk)
        result = RepoHistory(True, head=head, partial=shallow, commits=walk.commits, versions_parsed=parsed)
        for page, lineage in sorted(lineages.items()):
            for history in self._histories(page, lineage, boundary):
                result.milestones[history.page] = history
        if shallow:
            oldest = walk.oldest
            result.note = SHALLOW_HINT.format(date=oldest.strftime("%Y-%m-%d") if oldest else "its last commit")
        self._last = (key, result)
        return result

    def _log(self, cwd: str, since: str | None, head: str, *, renames: bool) -> subprocess.CompletedProcess[bytes]:
        """``git log`` of the Markdown files under ``cwd``, first parents only, from ``since`` (excluded) to ``head``."""
        return self._git(
            cwd, "log", "-z", "--first-parent", "-m", "--raw", "--no-abbrev", "-M" if renames else "--no-renames",
            "--relative", f"--format={_LOG_FORMAT}", f"{since}..{head}" if since else head, "--", *_PATHSPECS,
        )

    def _follows(self, cwd: str, old: str, new: str) -> bool:
        """True when ``old`` is on the first-parent line of ``new`` (HEAD moved forward by commits or a merge)."""
        proc = self._git(cwd, "rev-list", "--first-parent", "--parents", f"{old}..{new}")
        lines = proc.stdout.decode("ascii", "replace").split("\n")
        lines = [line for line in lines if line]
        return proc.returncode == 0 and bool(lines) and lines[-1].split()[1:2] == [old]

    def _parse_versions(self, cwd: str, lineages: dict[str, _Lineage]) -> int:
        """Parse the versions not read before (by blob id: a content seen in any file or build is parsed once)."""
        todo: list[str] = []
        seen: set[str] = set()
        for lineage in lineages.values():
            for _, _, blob in lineage.versions:
                if blob not in self._facts and blob not in seen:
                    seen.add(blob)
                    todo.append(blob)
        if not todo:
            return 0
        for blob, data in _cat_blobs(cwd, todo, self.git):
            self._facts[blob] = self._parse(data.decode("utf-8", "replace"))
        for blob in todo:  # absent from the object store (a partial clone): nothing to read
            self._facts.setdefault(blob, None)
        return len(todo)

    def _parse(self, text: str) -> dict[str, _Facts] | None:
        """What one version says: its milestone (key ""), or each milestone of a roadmap document by its
        history key's stable part (:func:`~.points.history_keys`: not the anchor, which holds the status words)."""
        if not may_hold_milestones(text):  # the plugin's own cheap test; mojibake never hides its words
            return None
        if self.fix_mojibake:
            from ..mojibake import fix_mojibake

            try:
                text = fix_mojibake(text)
            except Exception:  # noqa: BLE001 - a bug of ours must not stop the history: read it as it is
                pass
        try:
            found = parse_milestones(text)
        except Exception:  # noqa: BLE001 - an old version the parser chokes on adds no point
            return None
        # by history key (without the page): "" for a milestone page's own, else the id or title slug
        out = {key.partition("#")[2]: _Facts.of(ms) for key, ms in zip(history_keys("", found), found)}
        return out or None

    def _histories(self, page: str, lineage: _Lineage, boundary: set[str]) -> list[MilestoneHistory]:
        """The histories of the milestones of one file: its own (keyed ``page``) or a roadmap document's (``page#<id or slug>``)."""
        out: dict[str, MilestoneHistory] = {}
        last: dict[str, tuple[Any, ...]] = {}
        for c, path, blob in lineage.versions:
            for anchor, facts in (self._facts.get(blob) or {}).items():
                key = f"{page}#{anchor}" if anchor else page
                history = out.get(key)
                if history is None:
                    history = out[key] = MilestoneHistory(key, partial=c.sha in boundary)
                if facts.key() == last.get(key):
                    continue
                last[key] = facts.key()
                history.points.append(HistoryPoint(
                    c.when, c.sha, c.author, c.subject, path, facts.title, facts.status, facts.status_text,
                    facts.checks_done, facts.checks_total, facts.phases,
                ))
        return list(out.values())
