# SPDX-License-Identifier: MIT
"""Typed model of a milestone document.

Plain data: the parser fills it, the renderers and the export read it; what is computed from it (overdue)
is computed here once. Every element keeps its 1-based source line, so a problem is reported as ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "Check",
    "Criterion",
    "Diagnostic",
    "Diagram",
    "Field",
    "IssueRef",
    "Milestone",
    "MilestoneEntry",
    "Phase",
    "PhaseHeading",
    "Risk",
    "Section",
    "Table",
    "Task",
    "overdue_days",
]

SETTLED = frozenset({"done", "cancelled"})  # work that is over: never overdue, nor are its phases


def overdue_days(status: str | None, target: date | None, today: date | None) -> int:
    """Days past the target of something not done or cancelled (0 when not overdue or without a today)."""
    return 0 if today is None or target is None or status in SETTLED else max((today - target).days, 0)


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a document: where it is, what is wrong, what to write instead."""

    file: str | None
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file or '<markdown>'}:{self.line}: {self.message}"


@dataclass
class Field:
    """A ``**Label**: value`` line, with the value as written."""

    label: str
    value: str
    line: int
    source: str = ""
    """The label line as written (stripped), so a renderer can find the paragraph it became."""
    shown: str | None = None
    """The value as the label line's own paragraph holds it, where that differs from :attr:`value`
    (a list under ``**The Problem**:`` is read into the value but stays the page's own list)."""


@dataclass(frozen=True)
class IssueRef:
    """An issue reference as written: ``#12``, ``owner/repo#12`` or a tracker's ``PROJ-12`` (:mod:`~mkdocs_milestones.links`)."""

    text: str
    line: int
    repo: str | None = None
    """``owner/repo`` when the reference names another repository."""
    key: str | None = None
    """The tracker's key (``PROJ``) of a ``PROJ-12`` reference."""
    number: str = ""


@dataclass
class Check:
    """A task-list box: ``- [x] text``, or an author's own marker (``- [DONE]``, ``- [~]``, ``- [-]``).

    ``status`` is the canonical status the box stands for: ``[ ]`` pending, ``[x]`` done, ``[/]``
    and ``[~]`` in progress, ``[-]`` cancelled (Obsidian Tasks), ``[WIP]``/``[PARTIAL]``/... read as
    their words. ``checked`` is True for done boxes only.
    """

    text: str
    checked: bool
    line: int
    status: str = ""
    mark: str = ""
    criterion: bool = False
    """An open box of a done milestone's list no box of which is ticked (acceptance criteria written as
    boxes and never ticked): what the milestone had to meet, not its progress, so not counted."""

    optional: bool = False
    """An item its author calls optional (``Optional: gzip flag``, ``(if feasible)``, a list under
    ``Stretch (optional):``): left open it is not counted, so the percentage and the done warning agree."""

    def __post_init__(self) -> None:
        if not self.status:
            self.status = "done" if self.checked else "pending"

    @property
    def counted(self) -> bool:
        """Does progress count this box? Not when dropped (``[-]``, ``(N/A)``), a criterion, or optional and open."""
        return self.status != "cancelled" and not self.criterion and not (self.optional and self.status == "pending")


@dataclass
class Task:
    """A numbered task of a phase, with its ``(~N lines)`` estimate when given."""

    title: str
    line: int
    estimate_lines: int | None = None
    details: list[str] = field(default_factory=list)


@dataclass
class Criterion:
    """A row of the success-criteria table."""

    metric: str
    target: str
    status_text: str
    status: str | None
    line: int


@dataclass
class Risk:
    """A row of the risk table."""

    risk: str
    likelihood: str
    impact: str
    mitigation: str
    line: int


@dataclass
class Diagram:
    """A fenced block of box-drawing art (an architecture diagram)."""

    text: str
    line: int
    info: str = ""


@dataclass
class Section:
    """A heading and the raw lines under it, for sections the format does not define."""

    title: str
    level: int
    line: int
    body: str = ""


@dataclass(frozen=True)
class PhaseHeading:
    """A phase heading as the parser split it, once, for every view: ``Phase 1`` ``: `` ``Auth (OAuth)`` ``(2 days)``."""

    text: str
    """The heading's text as written (what Python-Markdown puts in the heading element)."""
    number: str
    """``Phase 1`` (emphasis kept as written: ``**Phase 1**``)."""
    separator: str
    """Punctuation and spaces between the number and the title."""
    title: str
    """The title as written (Markdown kept), without the estimate."""
    estimate: str = ""
    """The estimate in parentheses as written (``(2 days)``), or empty."""


@dataclass(frozen=True)
class Table:
    """A pipe table outside code: where it starts, its header cells and what each column holds."""

    line: int
    header: tuple[str, ...]
    kinds: tuple[str | None, ...]
    """Per column: ``status``, ``priority``, ``likelihood``, ``impact`` or None (decided by the parser)."""


@dataclass
class Phase:
    """One ``### Phase N: title`` section."""

    id: str
    title: str
    line: int
    heading_level: int = 3
    estimate: str | None = None
    status: str | None = None
    status_text: str = ""
    status_line: int | None = None
    status_note: str = ""
    status_inferred: bool = False
    html_id: str | None = None
    completed: str | None = None
    goal: str | None = None
    dependencies_text: str | None = None
    dependencies_line: int | None = None
    depends_on: list[str] = field(default_factory=list)
    external_depends_on: list[str] = field(default_factory=list)
    """Phases named as dependencies that belong to an earlier milestone (numbered below this one's)."""
    sub_statuses: list[str] = field(default_factory=list)
    """The status lines of the phase's tasks (``### Task 1.1`` ... ``**Status:** done``), when it has no own."""
    tasks: list[Task] = field(default_factory=list)
    deliverables: list[str] = field(default_factory=list)
    validation: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    commit: str | None = None
    fields: list[Field] = field(default_factory=list)
    heading: PhaseHeading | None = None
    target: date | None = None
    """The day the phase is due (``**Target**:``/``Due``/``Deadline``), read by :func:`~mkdocs_milestones.dates.parse_target`."""
    target_text: str = ""
    """The target as written (kept when it is no date a reader can place)."""
    target_line: int | None = None
    owners: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    milestone_status: str | None = None
    """Its milestone's status (:meth:`Milestone.settle_phases`): a phase of a settled milestone is not overdue."""
    optional: bool = False
    """The heading says the phase is optional (``## Phase 2: Dark mode (optional)``), or every box of it is optional:
    left open, it is not counted (:attr:`Milestone.counted_phases`), as an open optional box is not."""

    def overdue_days(self, today: date | None) -> int:
        """Days past its target, 0 if not overdue (nor when its milestone is done or cancelled): the one answer
        of the page, the export and the roadmap's Overdue list."""
        return 0 if self.milestone_status in SETTLED else overdue_days(self.status, self.target, today)

    @property
    def anchor(self) -> str:
        """The stable HTML id of the phase: the author's ``{ #id }`` (attr_list), else ``phase-2a``."""
        if self.html_id:
            return self.html_id
        return "phase-" + "".join(c if c.isalnum() else "-" for c in self.id.lower())

    @property
    def checks_done(self) -> int:
        return sum(1 for c in self.checks if c.checked)

    @property
    def checks_total(self) -> int:
        """Boxes that count (:attr:`Check.counted`): every box but dropped ones, criteria and open optional ones."""
        return sum(1 for c in self.checks if c.counted)

    @property
    def progress(self) -> float:
        """1 when done, else the share of checked boxes (0 without boxes)."""
        if self.status == "done":
            return 1.0
        if self.checks_total:
            return self.checks_done / self.checks_total
        return 0.0


@dataclass
class Milestone:
    """A parsed milestone document."""

    title: str
    line: int
    file: str | None = None
    id: str | None = None
    status: str | None = None
    status_text: str = ""
    status_line: int | None = None
    status_note: str = ""
    status_inferred: bool = False
    priority: str | None = None
    priority_text: str = ""
    priority_note: str = ""
    created: str | None = None
    completed: str | None = None
    estimated_duration: str | None = None
    total_commits: str | None = None
    summary: dict[str, str] = field(default_factory=dict)
    criteria: list[Criterion] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    diagrams: list[Diagram] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    depends_on_refs: list[str] = field(default_factory=list)
    depends_on_line: int | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    """The page's own checklists, outside phases and code (counted when no phase has a box)."""
    refs: list[IssueRef] = field(default_factory=list)
    """The issue references a reader sees as text (not in code, links or headings), in page order."""
    anchor: str | None = None
    """The HTML id of the milestone's section in a document holding several (:func:`parse_milestones`)."""
    target: date | None = None
    """The day the milestone is due: its own ``**Target**:`` (or front matter ``target:``/``due:``), else its
    phases' latest (:attr:`target_from_phases`)."""
    target_text: str = ""
    """The target as written (kept when it is no date a reader can place)."""
    target_line: int | None = None
    """The line of the target (for a rolled-up target, that of the phase's)."""
    target_from_phases: bool = False
    target_goal: str = ""
    """A ``**Target**:`` in words (a goal, not a date), as written: the author's own, so no roll-up replaces it."""
    owners: list[str] = field(default_factory=list)
    """``**Owner**:``/``Owners``/``Lead``/``Assignee`` or front matter ``owner:``/``owners:``, as written (``@handles`` kept)."""
    tags: list[str] = field(default_factory=list)
    """``**Tags**:`` or front matter ``tags:`` (the key Material's tags plugin reads)."""

    def overdue_days(self, today: date | None) -> int:
        """Days past the milestone's target (0 when not overdue, done or cancelled, or without a today)."""
        return overdue_days(self.status, self.target, today)

    def settle_phases(self) -> None:  # the parsers call it once the milestone's status is final
        for p in self.phases:
            p.milestone_status = self.status

    @property
    def counted_checks(self) -> list[Check]:
        """The boxes the card counts: every box the page shows as one, the phases' and the page's own (outside
        phases), but dropped ones, criteria and open optional ones. (Progress is the phases' mean when there
        are phases: :attr:`progress`.)"""
        boxes = [c for p in self.phases for c in p.checks]
        if self.checks and boxes:
            boxes = sorted(boxes + self.checks, key=lambda c: c.line)  # in page order
        return [c for c in boxes or self.checks if c.counted]
    keyword_title: bool = False
    """True when the title comes from a ``# MILESTONE: name`` heading (the page shows ``name``)."""
    tables: list[Table] = field(default_factory=list)
    phase_graph: Any = field(default=None, repr=False, compare=False)
    """The phase dependency graph (:class:`~mkdocs_milestones.graph.Graph`), built once by the parser."""

    @property
    def progress(self) -> float:
        """The mean phase progress; without phases the share of ticked boxes; with nothing to count, 1 when done.

        What is written wins over the status: a done milestone whose boxes are not all ticked shows
        what is ticked (and the parser warns about the contradiction).
        """
        if phases := self.counted_phases:
            return sum(p.progress for p in phases) / len(phases)
        boxes = self.counted_checks
        if boxes:
            return sum(1 for c in boxes if c.checked) / len(boxes)
        return 1.0 if self.status == "done" else 0.0

    @property
    def checks_done(self) -> int:
        return sum(1 for c in self.counted_checks if c.checked)

    @property
    def checks_total(self) -> int:
        return len(self.counted_checks)

    def phase(self, phase_id: str) -> Phase | None:
        """The phase with that id (case-insensitive), or None."""
        wanted = phase_id.lower()
        for p in self.phases:
            if p.id.lower() == wanted:
                return p
        return None

    @property
    def counted_phases(self) -> list[Phase]:
        """The phases progress counts: all but an optional one left open (when any other is left)."""
        kept = [p for p in self.phases if not p.optional or p.status == "done"]
        return kept or self.phases

    @property
    def phases_done(self) -> int:
        return sum(1 for p in self.counted_phases if p.status == "done")

    @property
    def phases_total(self) -> int:
        return len(self.counted_phases)

    @property
    def current_phase(self) -> Phase | None:
        """The first phase in progress (or partial)."""
        for p in self.phases:
            if p.status in ("in-progress", "partial"):
                return p
        return None

    @property
    def next_phase(self) -> Phase | None:
        """The first phase not started yet."""
        for p in self.phases:
            if p.status in (None, "pending"):
                return p
        return None


@dataclass
class MilestoneEntry:
    """A milestone as placed in a site: its source path, URL and resolved dependencies."""

    page: str
    url: str
    milestone: Milestone
    depends_on: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Dependency references, as written, that name no milestone page (warned about; ghosts on the roadmap)."""

    @property
    def key(self) -> str:
        """The milestone's name in the site: its page, or ``page#anchor`` for one of a roadmap document's milestones."""
        anchor = self.milestone.anchor
        return f"{self.page}#{anchor}" if anchor else self.page

    @property
    def name(self) -> str:
        """The milestone as warnings between milestones name it: its title, quoted, and its id when it has one and
        the title does not start with it (``'Billing' (M2)``); the key when it has no title."""
        title = (self.milestone.title or "").strip()
        if not title:
            return self.key
        ident = (getattr(self.milestone, "id", None) or "").strip()
        return f"{title!r} ({ident})" if ident and not title.startswith(ident) else repr(title)

    @property
    def located(self) -> str:
        """:attr:`name` and the page it is on (``'Billing' (M2) in plans/billing.md``), for lists to pick from."""
        return f"{self.name} in {self.page}"

    @classmethod
    def placed(cls, page: str, url: str, milestone: Milestone) -> MilestoneEntry:
        """The entry of a milestone of the page at ``url`` (``url#anchor`` for one of a roadmap document's)."""
        return cls(page, f"{url}#{milestone.anchor}" if milestone.anchor else url, milestone)

    @property
    def all_warnings(self) -> list[Diagnostic]:
        """Parser diagnostics, then the site-level ones (unresolved dependencies, ...)."""
        return [*self.milestone.diagnostics, *self.warnings]
