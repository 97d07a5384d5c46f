# SPDX-License-Identifier: MIT
"""milestones.json's text (issue 17): written without the standard library's pure-Python indenting encoder, yet
character for character what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_milestones.export import export_document, export_json, indented_json
from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.model import MilestoneEntry
from mkdocs_milestones.parser import split_front_matter
from mkdocs_milestones.site import assemble

CASES = Path(__file__).parent / "cases"

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_the_text_is_what_json_dumps_writes(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [
    {"a": float("nan"), "b": [math.inf, -math.inf], "c": "\u2028\x00\"\\\ud800"},
    {1: "int key", None: [], 2.5: {}},  # keys json.dumps turns into strings: left to it
    {"nested": [[[]], [{}], [[1]]]},
    "top", 3, None, [], {},
])
def test_edge_values(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_other_types_are_left_to_json_dumps() -> None:
    class Text(str):
        pass

    assert indented_json({"a": Text("x"), "b": (1, 2)}) == json.dumps({"a": "x", "b": [1, 2]}, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        indented_json({"a": object()})


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.md")))
def test_export_json_is_the_golden_file(name: str) -> None:
    """The plugin's own path (:func:`export_json`) writes each golden case's JSON file byte for byte."""
    import yaml

    options = (yaml.safe_load((CASES / "options.yml").read_text(encoding="utf-8")) or {}).get(name) if (CASES / "options.yml").is_file() else None
    raw = (CASES / f"{name}.md").read_text(encoding="utf-8")
    meta, body, offset = split_front_matter(raw)
    from mkdocs_milestones.site import front_matter_lines

    offset = front_matter_lines(raw)
    if offset:
        body = body.lstrip("\n")
    ctx = PageContext(file=f"{name}.md", url=f"{name}/", line_offset=offset, meta=meta, host="mkdocs")
    ext = MilestonesExtension(provider=lambda md: ctx, **{"today": "2026-06-01", **(options or {})})
    md = markdown.Markdown(extensions=[ext])
    md.convert(body)
    entries = assemble([MilestoneEntry(f"{name}.md", f"{name}/", ms) for ms in md.milestones])  # type: ignore[attr-defined]
    text = export_json(entries, today=ext.today(), links=ext.rules)
    assert text == (CASES / f"{name}.json").read_text(encoding="utf-8")
    assert text == json.dumps(export_document(entries, today=ext.today(), links=ext.rules), ensure_ascii=False, indent=2) + "\n"


def _site_entries() -> list[MilestoneEntry]:
    entries = []
    for path in sorted(CASES.glob("*.md")):
        meta, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        ctx = PageContext(file=path.name, url=f"{path.stem}/", meta=meta, host="mkdocs")
        md = markdown.Markdown(extensions=[MilestonesExtension(provider=lambda md, ctx=ctx: ctx, today="2026-06-01")])
        md.convert(body)
        entries += [MilestoneEntry.placed(path.name, f"{path.stem}/", ms) for ms in md.milestones]  # type: ignore[attr-defined]
    return assemble(entries)


def test_the_cached_text_is_the_same_and_a_rebuild_writes_only_what_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    import mkdocs_milestones.export as export
    from mkdocs_milestones.extension.cache import RenderCache
    from mkdocs_milestones.history.points import MilestoneHistory

    entries = _site_entries()
    assert len(entries) > 10
    day = date(2026, 6, 1)
    histories = {entries[0].key: MilestoneHistory(entries[0].key, partial=True), entries[1].key: MilestoneHistory(entries[1].key)}
    cache = RenderCache(max_entries=None)
    for hist in (None, histories):
        for lang in (None, "fr"):
            assert export_json(entries, hist, lang=lang, today=day, cache=cache) == export_json(entries, hist, lang=lang, today=day)
    assert export_json([], today=day, cache=cache) == export_json([], today=day)

    made: list[str] = []
    real = export.milestone_dict
    monkeypatch.setattr(export, "milestone_dict", lambda e, *a, **k: made.append(e.key) or real(e, *a, **k))
    cache.next_build()
    again = _site_entries()[:-1]  # a new build: the same texts parse to new objects: written again
    for e, old in zip(again, entries):
        e.milestone = old.milestone  # as the parse cache gives an unchanged page's milestone
    changed = again[3]
    changed.depends_on = [*changed.depends_on, "elsewhere.md"]
    text = export_json(again, histories, today=day, cache=cache)
    assert made == [changed.key]
    assert text == export_json(again, histories, today=day)


def test_a_nested_object_of_another_type_is_written_as_json_dumps_would() -> None:
    from mkdocs_milestones.export import _nested

    class Text(str):
        pass

    value = {"a": Text("x"), "b": [1, {"c": None}]}
    inside = json.dumps({"k": value}, ensure_ascii=False, indent=2)
    assert '  "k": ' + _nested(value, "  ") == inside[2:-2]
