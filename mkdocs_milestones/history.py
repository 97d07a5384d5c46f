# SPDX-License-Identifier: MIT
"""Milestone history from git: the dated status changes and check counts of every milestone file.

Standard library plus the ``git`` command. One read costs two processes however many pages and
commits there are:

1. ``git log --first-parent --raw -M`` over the docs folder lists, newest first, every commit that
   touched it and the blob id of each changed file (renames detected, so a milestone keeps its
   history when its file moves inside the docs folder);
2. one ``git cat-file --batch`` returns the contents of the versions not read before; each is
   repaired (:func:`~mkdocs_milestones.mojibake.fix_mojibake`, as the plugin repairs pages) and
   parsed with :func:`~mkdocs_milestones.parser.parse_milestone`, front matter included.

The history follows the first parent: a branch merged into the main line counts from the merge
commit, the day it landed, as a reader of the main line saw it. A version that changes neither the
status nor the check counts nor a phase status adds no point.

:class:`HistoryReader` keeps what it read between ``mkdocs serve`` rebuilds: the whole result for
an unchanged HEAD (and set of pages), and every parsed version by blob id, so a new commit costs
the ``git log`` and the versions it added. Without git, outside a repository or before the first
commit the reader returns a :class:`RepoHistory` with ``enabled`` false and a ``note`` saying why;
in a shallow clone ``partial`` is set and the histories that reach the clone's boundary say so.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from .model import Milestone
from .parser import parse_milestone

__all__ = [
    "MARKDOWN_SUFFIXES",
    "SHALLOW_HINT",
    "Change",
    "HistoryPoint",
    "HistoryReader",
    "MilestoneHistory",
    "PhaseState",
    "RepoHistory",
    "commit_url",
    "recent_changes",
    "site_burnup",
]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The file names MkDocs reads as pages."""
SHALLOW_HINT = (
    "this is a shallow clone, so milestone history starts at {date}; fetch the whole history with "
    "`git fetch --unshallow` (GitHub Actions: `actions/checkout` with `fetch-depth: 0`)"
)
"""The note of a partial history: what is missing and how to fetch it."""

_LOG_FORMAT = "%x01%H%x00%ct%x00%an%x00%s"
_PATHSPECS = tuple(f":(glob,icase)**/*{suffix}" for suffix in MARKDOWN_SUFFIXES)
"""Markdown files under the current folder: git diffs and pairs renames among them only."""


@dataclass(frozen=True)
class PhaseState:
    """A phase as one version of the file had it."""

    id: str
    title: str
    status: str | None


@dataclass(frozen=True)
class _Facts:
    """What one version of a milestone file says, as far as history needs it."""

    title: str
    status: str | None
    status_text: str
    checks_done: int
    checks_total: int
    phases: tuple[PhaseState, ...]

    @classmethod
    def of(cls, ms: Milestone) -> _Facts:
        return cls(
            ms.title, ms.status, ms.status_text, ms.checks_done, ms.checks_total,
            tuple(PhaseState(p.id, p.title, p.status) for p in ms.phases),
        )

    def key(self) -> tuple[Any, ...]:
        return (self.status, self.checks_done, self.checks_total, tuple((p.id, p.status) for p in self.phases))


@dataclass(frozen=True)
class HistoryPoint:
    """A commit that changed a milestone's status, its check counts or a phase's status."""

    when: datetime
    """The commit date (committer date, UTC): when the change landed on the branch."""
    commit: str
    author: str
    subject: str
    path: str
    """The file's path in that commit, relative to the docs folder."""
    title: str
    status: str | None
    status_text: str
    checks_done: int
    checks_total: int
    phases: tuple[PhaseState, ...] = ()

    @property
    def day(self) -> date:
        return self.when.date()

    def to_dict(self) -> dict[str, Any]:
        """The point as ``milestones.json`` lists it."""
        return {
            "date": self.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "status": self.status,
            "checks_done": self.checks_done,
            "checks_total": self.checks_total,
            "commit": self.commit,
        }


@dataclass(frozen=True)
class Change:
    """One event of a milestone's history: created, a status change, or a phase done."""

    kind: str
    """``created``, ``status`` or ``phase-done``."""
    page: str
    """The milestone's current path, relative to the docs folder."""
    point: HistoryPoint
    before: str | None = None
    """The status before (``status``); None for ``created`` and ``phase-done``."""
    after: str | None = None
    """The status after (``created``, ``status``) or the phase's new status (``phase-done``)."""
    phase: PhaseState | None = None

    @property
    def when(self) -> datetime:
        return self.point.when


@dataclass
class MilestoneHistory:
    """The history of one milestone file, oldest point first."""

    page: str
    """The current path, relative to the docs folder."""
    points: list[HistoryPoint] = field(default_factory=list)
    partial: bool = False
    """True when the history starts at a shallow clone's boundary, not at the file's creation."""

    def changes(self) -> list[Change]:
        """Creation, status changes and phases done, oldest first.

        The first point of a partial history is where the clone starts, not an event, so it
        gives none.
        """
        out: list[Change] = []
        prev: HistoryPoint | None = None
        for p in self.points:
            if prev is None:
                if not self.partial:
                    out.append(Change("created", self.page, p, None, p.status))
            else:
                if p.status != prev.status:
                    out.append(Change("status", self.page, p, prev.status, p.status))
                was = {ph.id: ph.status for ph in prev.phases}
                for ph in p.phases:
                    if ph.status == "done" and was.get(ph.id) != "done":
                        out.append(Change("phase-done", self.page, p, None, ph.status, ph))
            prev = p
        return out

    def status_changes(self) -> list[Change]:
        """Only creation and status changes (what the feed lists)."""
        return [c for c in self.changes() if c.kind != "phase-done"]

    def burnup(self, current: Milestone | None = None, now: datetime | None = None) -> list[tuple[datetime, int, int]]:
        """``(when, checks_done, checks_total)`` at each point, in time order.

        Arguments:
            current: The milestone as the page shows it; when its counts differ from the last commit's
                (edits not committed yet, ``mkdocs serve``), they are added at ``now``, so the chart
                ends where the page's numbers are.
            now: When that last point is.
        """
        out = [(p.when, p.checks_done, p.checks_total) for p in sorted(self.points, key=lambda p: p.when)]
        if current is not None and now is not None and (not out or out[-1][1:] != (current.checks_done, current.checks_total)):
            out.append((max(now, out[-1][0]) if out else now, current.checks_done, current.checks_total))
        return out

    def to_list(self) -> list[dict[str, Any]]:
        """The ``history`` list of ``milestones.json``."""
        return [p.to_dict() for p in self.points]


@dataclass
class RepoHistory:
    """The result of one read: every milestone's history, or why there is none."""

    enabled: bool
    milestones: dict[str, MilestoneHistory] = field(default_factory=dict)
    head: str | None = None
    partial: bool = False
    """A shallow clone: histories may be cut (see :attr:`MilestoneHistory.partial`)."""
    note: str | None = None
    """Why history is off (``enabled`` false), or that it is partial and how to fetch the rest."""
    commits: int = 0
    """Commits of the docs folder read by ``git log``."""
    versions_parsed: int = 0
    """File versions parsed by this read (the others came from the cache)."""

    def get(self, page: str) -> MilestoneHistory | None:
        return self.milestones.get(page)


def recent_changes(histories: Iterable[MilestoneHistory], since: datetime) -> list[Change]:
    """Every change at or after ``since``, newest first (for "Changed in the last N days").

    Arguments:
        histories: The milestones' histories.
        since: An aware datetime; changes before it are left out.
    """
    out = [c for h in histories for c in h.changes() if c.when >= since]
    out.sort(key=lambda c: (c.when, c.page), reverse=True)
    return out


def site_burnup(histories: Iterable[MilestoneHistory]) -> list[tuple[datetime, int, int]]:
    """Checks done and total over every milestone, at each moment one of them changed.

    Each milestone counts with its latest point at or before that moment (nothing before its first).
    """
    events: list[tuple[datetime, str, int, int]] = []
    for h in histories:
        events += [(when, h.page, done, total) for when, done, total in h.burnup()]
    events.sort(key=lambda e: e[0])
    current: dict[str, tuple[int, int]] = {}
    out: list[tuple[datetime, int, int]] = []
    for when, page, done, total in events:
        current[page] = (done, total)
        point = (when, sum(d for d, _ in current.values()), sum(t for _, t in current.values()))
        if out and out[-1][0] == when:
            out[-1] = point
        else:
            out.append(point)
    return out


def commit_url(repo_url: str | None, commit: str) -> str | None:
    """The web page of ``commit`` on the host of ``repo_url`` (GitHub, GitLab, Gitea, Bitbucket...).

    >>> commit_url("https://github.com/o/r/", "abc123"), commit_url("https://bitbucket.org/o/r", "abc")
    ('https://github.com/o/r/commit/abc123', 'https://bitbucket.org/o/r/commits/abc')
    >>> commit_url(None, "abc") is None, commit_url("https://gitlab.com/g/p.git", "abc")
    (True, 'https://gitlab.com/g/p/-/commit/abc')
    """
    if not repo_url or not commit:
        return None
    base = repo_url.strip().rstrip("/")
    if base.endswith(".git"):
        base = base[:-4]
    if "bitbucket.org" in base:
        return f"{base}/commits/{commit}"
    if "gitlab" in base:
        return f"{base}/-/commit/{commit}"
    return f"{base}/commit/{commit}"


# -- reading git ----------------------------------------------------------------------------------


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
    """``(docs folder, shallow, fix_mojibake)``: what must not change for the walk to go on."""
    head: str
    live: dict[str, _Lineage]
    commits: int
    oldest: datetime | None


def _is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _parse_log(out: bytes) -> list[_Commit]:
    """``git log -z --raw --format=<_LOG_FORMAT>`` output, newest first."""
    commits: list[_Commit] = []
    for chunk in out.split(b"\x01"):
        if not chunk:
            continue
        fields = chunk.decode("utf-8", "replace").split("\0")
        if len(fields) < 4:
            continue
        sha, ct, author, subject = fields[:4]
        try:
            when = datetime.fromtimestamp(int(ct), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            continue
        changes: list[tuple[str, str, str | None, str]] = []
        rest = fields[4:]
        i = 0
        while i < len(rest):
            meta = rest[i].strip()
            i += 1
            if not meta.startswith(":"):
                continue
            parts = meta[1:].split()
            if len(parts) < 5 or i >= len(rest):
                continue
            letter, blob = parts[4][:1], parts[3]
            if letter in "RC":
                if i + 1 >= len(rest):
                    break
                old, new = rest[i], rest[i + 1]
                i += 2
                changes.append((letter, new, old, blob))
            else:
                changes.append((letter, rest[i], None, blob))
                i += 1
        commits.append(_Commit(sha, when, author, subject, changes))
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
    """Reads milestone histories from git and keeps them between rebuilds.

    Arguments:
        fix_mojibake: Repair mojibake in old versions before parsing them, as the plugin does with pages.
        git: The git command.
    """

    def __init__(self, *, fix_mojibake: bool = True, git: str = "git") -> None:
        self.fix_mojibake = fix_mojibake
        self.git = git
        self._facts: dict[str, _Facts | None] = {}
        """Parsed versions by blob id (None: that version is not a milestone)."""
        self._last: tuple[tuple[Any, ...], RepoHistory] | None = None
        self._walk: _Walk | None = None
        self.last_seconds = 0.0
        """Wall time of the last :meth:`read` (cache hits included)."""

    def read(self, docs_dir: str, pages: Iterable[str] | None = None) -> RepoHistory:
        """The history of the milestone files under ``docs_dir``.

        Arguments:
            docs_dir: The docs folder (anywhere inside a work tree).
            pages: Paths relative to ``docs_dir`` whose history is wanted (the milestone pages);
                None for every Markdown file that was a milestone at some point.

        Returns:
            The histories keyed by current path; ``enabled`` false (with a ``note``) without git.
        """
        start = time.perf_counter()
        try:
            return self._read(docs_dir, pages)
        finally:
            self.last_seconds = time.perf_counter() - start

    def _git(self, cwd: str, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([self.git, *args], cwd=cwd, capture_output=True, check=False)

    def _read(self, docs_dir: str, pages: Iterable[str] | None) -> RepoHistory:
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
        wanted = None if pages is None else frozenset(pages)
        key = (os.path.realpath(docs_dir), head, shallow, wanted, self.fix_mojibake)
        if self._last is not None and self._last[0] == key:
            cached = self._last[1]
            return RepoHistory(cached.enabled, cached.milestones, cached.head, cached.partial, cached.note, cached.commits, 0)
        walk_key = (os.path.realpath(docs_dir), shallow, self.fix_mojibake)
        walk = self._walk if self._walk is not None and self._walk.key == walk_key else None
        if walk is not None and walk.head != head and not self._follows(docs_dir, walk.head, head):
            walk = None  # HEAD did not move forward along the first parents (reset, rebase, checkout)
        if walk is None or walk.head != head:
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
        lineages = walk.live
        if wanted is not None:
            lineages = {p: lin for p, lin in lineages.items() if p in wanted}
        boundary: set[str] = set()
        if shallow:
            path = shallow_file if os.path.isabs(shallow_file) else os.path.join(docs_dir, shallow_file)
            try:
                with open(path, encoding="ascii") as fh:
                    boundary = {line.strip() for line in fh if line.strip()}
            except OSError:
                boundary = set()
        parsed = self._parse_versions(docs_dir, lineages)
        result = RepoHistory(True, head=head, partial=shallow, commits=walk.commits, versions_parsed=parsed)
        for page, lineage in sorted(lineages.items()):
            history = self._history(page, lineage, boundary)
            if history.points:
                result.milestones[page] = history
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
            self._facts[blob] = self._parse(data)
        for blob in todo:  # absent from the object store (a partial clone): nothing to read
            self._facts.setdefault(blob, None)
        return len(todo)

    def _parse(self, data: bytes) -> _Facts | None:
        text = data.decode("utf-8", "replace")
        if self.fix_mojibake:
            from .mojibake import fix_mojibake

            try:
                text = fix_mojibake(text)
            except Exception:  # noqa: BLE001 - a bug of ours must not stop the history: read it as it is
                pass
        if "milestone" not in text.lower():  # is_milestone_source's own first test; parse_milestone does the rest
            return None
        try:
            ms = parse_milestone(text)
        except Exception:  # noqa: BLE001 - an old version the parser chokes on adds no point
            return None
        return _Facts.of(ms) if ms is not None else None

    def _history(self, page: str, lineage: _Lineage, boundary: set[str]) -> MilestoneHistory:
        history = MilestoneHistory(page)
        last: tuple[Any, ...] | None = None
        for c, path, blob in lineage.versions:
            facts = self._facts.get(blob)
            if facts is None:
                continue
            if not history.points and c.sha in boundary:
                history.partial = True
            if facts.key() == last:
                continue
            last = facts.key()
            history.points.append(HistoryPoint(
                c.when, c.sha, c.author, c.subject, path, facts.title, facts.status, facts.status_text,
                facts.checks_done, facts.checks_total, facts.phases,
            ))
        return history
