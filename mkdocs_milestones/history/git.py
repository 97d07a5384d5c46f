# SPDX-License-Identifier: MIT
"""Reading the history: one ``git log`` and one ``git cat-file --batch`` per read, cached between rebuilds."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..roadmap_doc import may_hold_milestones, parse_milestones
from .cache import cache_file, code_fingerprint, facts_to_json
from .cache import load as load_cache
from .cache import save as save_cache
from .points import MARKDOWN_SUFFIXES, HistoryPoint, MilestoneHistory, RepoHistory, _Facts, history_keys

__all__ = ["SHALLOW_HINT", "HistoryReader"]

_UNSEEN = object()

SHALLOW_HINT = (
    "this is a shallow clone, so milestone history starts at {date}; fetch the whole history with "
    "`git fetch --unshallow` (GitHub Actions: `actions/checkout` with `fetch-depth: 0`), or set `history: false`"
)
"""The note of a partial history: what is missing and how to fetch it."""
_LOG_FORMAT = "%x00%H%x00%ct%x00%an%x00%s"
"""NUL-separated fields (with ``-z``, the raw lines and paths are too): NUL is the one byte no commit message,
author name or path can hold, so a subject with any other byte (``\\x01`` included) cannot break a record."""
_KEEP_RE = re.compile(
    r"^(?:[ \t]|[-*+>]|\d+[.)])|^(?:#|\||```|~~~|[=-]+[ \t]*$)|[:\[\]<>`]|[^\x00-\x7f]|"
    r"status|done|complet|progress|pending|block|cancel|fail|partial|plan|todo|wip|ship|milestone|phase|finish|defer|"
    r"draft|active|start|hold|abandon|target|due|deadline|owner",
    re.IGNORECASE,
)
"""The lines that can change what a version says: headings, list items, indented lines (list structure, code), quotes,
table rows, fences, setext underlines and front matter fences, every line with a label or link colon, a box or
bracket, HTML, code, a non-ASCII character (status emoji, mojibake) or a status word. What is left is paragraph prose
at the margin."""


def _fingerprint(text: str) -> str:
    """What a version says, as far as lines go: the lines :data:`_KEEP_RE` keeps, whole and in order; each run of
    other lines (prose) reduced to a mark of whether it starts and ends with a blank line (an indented line after a
    blank is code, after prose a continuation). Two versions with the same fingerprint have the same facts, so the
    second is not parsed: a commit that edits prose costs a hash, not a parse.
    """
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []
    for i, line in enumerate(lines):
        keep = _KEEP_RE.search(line) is not None or (
            i + 1 < len(lines) and line.strip() != "" and re.fullmatch(r"[ \t]*(?:=+|-+)[ \t]*", lines[i + 1]) is not None)
        if keep:
            if run:
                out.append("\x00" + ("b" if not run[0].strip() else "p") + ("b" if not run[-1].strip() else "p"))
                run = []
            out.append(line)
        else:
            run.append(line)
    if run:
        out.append("\x00" + ("b" if not run[0].strip() else "p") + ("b" if not run[-1].strip() else "p"))
    return hashlib.sha1("\n".join(out).encode("utf-8", "surrogatepass")).hexdigest()


_SHA_RE = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_PATHSPECS = (".",)
"""Everything under the current folder; the Markdown files are picked in Python (:func:`_is_markdown`):
five case-insensitive glob pathspecs (``:(glob,icase)**/*.md``...) made ``git log`` six times slower
(0.23 s against 0.04 s on 2,000 commits)."""


@dataclass
class _Commit:
    sha: str
    when: datetime
    author: str
    subject: str
    changes: list[tuple[str, str, str | None, str]]
    """``(status letter, path, old path for renames, new blob)``."""


@dataclass
class _Lineage:
    versions: list[tuple[_Commit, str, str]] = field(default_factory=list)
    """``(commit, path at that commit, blob)``, oldest first."""


@dataclass
class _Walk:
    """The files followed up to one HEAD, kept so that a new commit only adds to it."""

    key: tuple[Any, ...]
    """``(docs folder, shallow clone's boundary hash or False, fix_mojibake)``: what must not change for the walk to go on."""
    head: str
    live: dict[str, _Lineage]
    commits: int
    oldest: datetime | None


def _is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _parse_log(out: bytes) -> list[_Commit]:
    """``git log -z --raw --format=<_LOG_FORMAT>`` output, newest first.

    The output is one stream of NUL-separated tokens: a commit's four fields (hash, time, author, subject,
    read by position, so they may hold anything), then its raw lines (``:<modes> <blobs> <letter>``) each
    followed by its path (two for a rename), empty tokens between records. A commit starts at a hash
    followed by a time.
    """
    tokens = out.decode("utf-8", "replace").split("\0")
    commits: list[_Commit] = []
    current: _Commit | None = None

    def close() -> None:
        if current is not None and any(_is_markdown(path) or (old is not None and _is_markdown(old))
                                       for _, path, old, _ in current.changes):
            commits.append(current)  # a commit of images alone is not counted

    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        meta = token.lstrip("\n")
        if meta.startswith(":") and current is not None:
            i += 1
            parts = meta[1:].split()
            if len(parts) < 5 or i >= n:
                continue
            letter, blob = parts[4][:1], parts[3]
            if letter in "RC":
                if i + 1 >= n:
                    break
                current.changes.append((letter, tokens[i + 1], tokens[i], blob))
                i += 2
            else:
                current.changes.append((letter, tokens[i], None, blob))
                i += 1
            continue
        if _SHA_RE.fullmatch(token) and i + 3 < n and tokens[i + 1].isdigit():
            try:
                when = datetime.fromtimestamp(int(tokens[i + 1]), tz=timezone.utc)
            except (ValueError, OverflowError, OSError):
                i += 1
                continue
            close()
            current = _Commit(token, when, tokens[i + 2], tokens[i + 3], [])
            i += 4
            continue
        i += 1
    close()
    return commits


def _lineages(commits: list[_Commit], live: dict[str, _Lineage]) -> dict[str, _Lineage]:
    """Follow each Markdown file from its creation (or the clone's boundary) to its current path.

    ``commits`` come newest first (as ``git log`` lists them); ``live`` is the walk so far (the
    files at the commit before the oldest of them), extended in place and returned.
    """
    for commit in reversed(commits):  # oldest first
        for letter, path, old, blob in commit.changes:
            if letter == "D":
                live.pop(path, None)
                continue
            lineage: _Lineage | None = None
            if letter == "R" and old is not None:
                lineage = live.pop(old, None)
            elif letter in "MT":
                lineage = live.get(path)
            if not _is_markdown(path):
                continue
            if lineage is None:
                lineage = _Lineage()
            live[path] = lineage
            lineage.versions.append((commit, path, blob))
    return live


def _cat_blobs(cwd: str, blobs: list[str], git: str) -> Iterator[tuple[str, bytes]]:
    """The contents of ``blobs`` from one ``git cat-file --batch`` process, in order."""
    proc = subprocess.Popen([git, "cat-file", "--batch"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    stdin = proc.stdin

    def feed() -> None:
        try:
            stdin.write("".join(b + "\n" for b in blobs).encode("ascii"))
            stdin.close()
        except OSError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for _ in blobs:
            header = proc.stdout.readline()
            if not header:
                break
            parts = header.split()
            if len(parts) != 3:  # "<sha> missing": a blob absent from a partial clone
                continue
            size = int(parts[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)
            yield parts[0].decode("ascii"), data
    finally:
        writer.join()
        proc.stdout.close()
        proc.wait()


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
        self._by_print: dict[str, dict[str, _Facts] | None] = {}
        """What each version fingerprint (:func:`_fingerprint`) says: a version whose prose alone changed is not parsed."""
        self.last_full_parses = 0
        """Versions the last :meth:`read` parsed in full (the others read had a known fingerprint)."""
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
                return RepoHistory(False, note="the docs folder is not in a git repository, so there is no milestone history")
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
        self.last_full_parses = 0
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
            text = data.decode("utf-8", "replace")
            mark = _fingerprint(text)
            facts = self._by_print.get(mark, _UNSEEN)
            if facts is _UNSEEN:  # only prose differs from a version parsed already: what it says is the same
                facts = self._by_print[mark] = self._parse(text)
                self.last_full_parses += 1
            self._facts[blob] = facts  # type: ignore[assignment]
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
