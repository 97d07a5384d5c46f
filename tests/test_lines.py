# SPDX-License-Identifier: MIT
"""The parse's lines kept as parallel lists (issue 17), checked against the line-by-line readings they replaced.

* :func:`~mkdocs_milestones.lines.scan_lines` (fences found from the lines holding three backticks or tildes)
  against :func:`~mkdocs_milestones.lines.fence_states` (every line walked), on every document we have;
* :class:`~mkdocs_milestones.lines.Lines` behaves as the list of :class:`Line` it stands for;
* the line normaliser against the line-by-line reading it replaced (kept here as the reference), on every document;
* the parsed model of every document (real plans, clean-docs read as milestones, the golden cases, the demo, the
  benchmark's generated pages) against its digest in ``tests/data/parse_digests.json``: a change of the model on
  any of them fails. After a change made on purpose: ``python tests/test_lines.py --update`` (and say so).

The corpora live beside the checkout (``../shared/corpora``): without them those parts skip with the reason, and
fail instead when ``CI`` is set.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from mkdocs_milestones.extension.preprocessors import (
    _ATX_HEADING_RE, _LIST_MARKS, _LIST_START_RE, _NESTED_ITEM_RE, _NOT_PARA, _TASK_START_RE, normalize_source_map,
)
from mkdocs_milestones.lines import FENCE_EDGE, OUTSIDE, Line, Lines, fence_states, scan_lines
from mkdocs_milestones.parser import parse_milestone
from mkdocs_milestones.quick import NOT_LABEL_START
from mkdocs_milestones.roadmap_doc import parse_milestones
from mkdocs_milestones.reading import _NOT_APPLICABLE_RE, _OPTIONAL_RE, optional_item
from mkdocs_milestones.source import _FRONT_MATTER_RE, LABEL_RE, _heading, heading_at, label_parts
from mkdocs_milestones.vocabulary import may_not_apply

ROOT = Path(__file__).parents[1]
DIGESTS = Path(__file__).parent / "data" / "parse_digests.json"
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_build  # noqa: E402  (the generated pages of the build benchmark)
from conftest import corpus  # noqa: E402




def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="surrogateescape")


def _generated(pages: int = 300, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [(f"generated/m{i:05d}.md", bench_build.milestone_page(i, pages, rng)) for i in range(pages)]


def _documents(corpora: bool = True) -> list[tuple[str, str]]:
    """(name, text) of every document: the corpora's, the golden cases and data, the demo's, the generated pages."""
    found = [(f"cases/{p.name}", _read(p)) for p in sorted((ROOT / "tests" / "cases").glob("*.md"))]
    found += [(f"data/{p.name}", _read(p)) for p in sorted((ROOT / "tests" / "data").glob("*.md"))]
    for folder in ("demo_site", "docs"):
        found += [(p.relative_to(ROOT).as_posix(), _read(p)) for p in sorted((ROOT / folder).rglob("*.md"))]
    found += _generated()
    if corpora:
        for part in ("real-plans", "clean-docs"):
            base = corpus(part)
            found += [(f"{part}/{p.relative_to(base).as_posix()}", _read(p)) for p in sorted(base.rglob("*.md"))]
    return found


def test_scan_lines_marks_the_fences_the_line_walk_marks() -> None:
    docs = _documents()
    for name, text in docs:
        raw = text.split("\n")
        want = [(no, t, st != OUTSIDE, st == FENCE_EDGE) for no, (t, st) in enumerate(zip(raw, fence_states(raw)), 7)]
        assert [(ln.no, ln.text, ln.in_fence, ln.fence_edge) for ln in scan_lines(text, 7)] == want, name
    assert len(docs) > 3000


def test_lines_behave_as_the_list_of_lines() -> None:
    text = "# T\n```\ncode\n```\n\nSub\n---\n- [ ] a\n~~~~\nopen fence"
    lines = scan_lines(text, 3)
    listed = list(lines)
    assert all(type(ln) is Line for ln in listed) and len(lines) == len(listed) == 10
    assert [ln.no for ln in listed] == list(range(3, 13))
    for a in range(-11, 12):
        if -10 <= a < 10:
            assert lines[a] == listed[a]
        else:
            with pytest.raises(IndexError):
                lines[a]
        for b in (None, -3, 0, 2, 5, 11):
            part = lines[a:b]
            assert type(part) is Lines and list(part) == listed[a:b], (a, b)
            assert list(part[1:-1]) == listed[a:b][1:-1]
    assert lines[::2] == listed[::2]
    for i in range(len(listed)):
        assert _heading(lines, i) == _heading(listed, i) == heading_at(lines.texts, lines.fence, i)
    assert _heading(lines, 5) == (2, "Sub") and lines[8].fence_edge and lines[9].in_fence and not lines[9].fence_edge


def _reference_normalize(lines: list[str]) -> tuple[list[str], list[int]]:
    """The line normaliser as it read every line, one by one, before issue 17's round (the reference)."""
    out: list[str] = []
    origin: list[int] = []
    prev_label = prev_para = in_list = in_table = False
    joined = "\n".join(lines)
    raw = joined.split("\n")
    states = fence_states(raw)
    front = _FRONT_MATTER_RE.match(joined)
    skip = front.group(0).count("\n") if front else 0
    for i, (text, state) in enumerate(zip(raw, states)):
        if state != OUTSIDE or i < skip or not text.strip():
            out.append(text)
            origin.append(i)
            prev_label = prev_para = in_table = False
            continue
        c0 = text[0]
        lead, head = (text.lstrip()[:1], text[:4].lstrip()[:1]) if c0.isspace() else (c0, c0)
        if in_table and "#" in text[:4] and _ATX_HEADING_RE.match(text):
            out.append("")
            origin.append(i)
            in_table = False
        in_table = in_table or lead == "|"
        is_label = not in_table and ":" in text and lead not in NOT_LABEL_START and bool(LABEL_RE.match(text))
        is_list = not in_table and (head in _LIST_MARKS or head.isdigit()) and bool(_LIST_START_RE.match(text))
        task = is_list and prev_para and not in_list and bool(_TASK_START_RE.match(text))
        if (prev_label and (is_label or is_list)) or (is_label and prev_para) or task:
            out.append("")
            origin.append(i)
        nested = _NESTED_ITEM_RE.match(text) if in_list and text[:2] == "  " else None
        if nested:
            text = " " * (4 - len(nested.group(1))) + text
        out.append(text)
        origin.append(i)
        in_list = is_list or (in_list and c0 in (" ", "\t"))
        prev_label = is_label
        prev_para = not is_list and c0 not in _NOT_PARA
    return out, origin


def test_the_normaliser_reads_every_document_as_the_line_by_line_reading() -> None:
    changed = 0
    for name, text in _documents():
        lines = text.split("\n")
        want = _reference_normalize(lines)
        assert normalize_source_map(lines) == want, name  # the text not scanned: fences read here
        assert normalize_source_map(lines, text) == want, name
        parse_milestone(text)  # as in a conversion: the parse has just scanned the text
        assert normalize_source_map(lines, text) == want, name
        assert lines == text.split("\n"), name  # the caller's lines are left as they are
        changed += want[0] != lines
    assert changed > 300  # the generated pages and many plans have lines to insert or indent


def test_the_quick_tests_of_a_line_say_what_the_expressions_say() -> None:
    """Label lines read into (label, value), and the word tests before a box's "does not apply" and "optional"
    expressions, on every line of every document and on crafted ones (case folds, non-ASCII look-alikes)."""
    crafted = ["- [ ] Docs (N/A)", "Sync *(Deferred)*", "Push \u2014 MOVED to M5", "Export (moved to M4)", "x \u2014 won\u2019t do",
               "poſtponed (poſtponed)", "(\u212aeep) N/A", "OPTIONAL: gzip", "\u00f6ptional: x", "Optıonal: x", "Coverage (if feasible)",
               "**Status:** done", "Owner : Ana", "__Goal__: x", "plain", "**Bold**"]
    texts = {t for _, text in _documents() for t in text.split("\n")} | set(crafted)
    for t in texts:
        if _NOT_APPLICABLE_RE.search(t):
            assert may_not_apply(t), t
        assert optional_item(t) == bool(_OPTIONAL_RE.search(t)), t
        m = LABEL_RE.match(t)
        want = None if m is None else ((m.group("blabel") or m.group("plabel") or "").strip().rstrip(":").strip(), m.group("value").strip())
        assert label_parts(t) == want, t
    assert label_parts("**Status:** done") == ("Status", "done") and may_not_apply("Docs (N/A)") and not may_not_apply("Tag created")


def _deep(o: Any) -> Any:
    """Every field of a model object, recursively, as JSON (the phase graph, which the graph module owns, left out)."""
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return {"@": type(o).__name__, **{f.name: _deep(getattr(o, f.name)) for f in dataclasses.fields(o) if f.name != "phase_graph"}}
    if isinstance(o, (list, tuple)):
        return [_deep(x) for x in o]
    if isinstance(o, dict):
        return {str(k): _deep(v) for k, v in o.items()}
    return repr(o) if not isinstance(o, (str, int, float, bool, type(None))) else o


def _digest(text: str, name: str) -> str:
    read = {"page": parse_milestone(text, file=name),
            "line5": parse_milestone(text, file=name, first_line=5, meta={"depends_on": ["a"]}, meta_lines={"depends_on": 2}),
            "forced": parse_milestone(text, file=name, meta={"milestone": True}),
            "many": parse_milestones(text, file=name)}
    blob = json.dumps(_deep(read), sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _digests() -> dict[str, str]:
    """Each document's digest; clean-docs' (2,988 files read as milestones) one per repository."""
    out: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for name, text in _documents():
        if name.startswith("clean-docs/docs/"):
            groups.setdefault("clean-docs/" + name.split("/")[2], []).append(f"{name} {_digest(text, name)}")
        else:
            out[name] = _digest(text, name)
    out.update({k: hashlib.sha256("\n".join(v).encode("utf-8", "surrogatepass")).hexdigest()[:20] for k, v in groups.items()})
    return out


def test_every_document_parses_to_the_model_it_parsed_to() -> None:
    """The model of every document, field by field (via its digest), is the one recorded: a faster reading must read
    the same. On purpose changed? ``python tests/test_lines.py --update`` records the new models (say so)."""
    want = json.loads(DIGESTS.read_text(encoding="utf-8"))
    got = _digests()
    assert len(got) > 350
    differ = sorted(name for name in want.keys() | got.keys() if want.get(name) != got.get(name))
    assert not differ, f"{len(differ)} documents parse to another model: {differ[:20]}"


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        DIGESTS.write_text(json.dumps(_digests(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {DIGESTS}")
