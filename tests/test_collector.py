# SPDX-License-Identifier: MIT
"""The garbage collector during a build (issue 17): survivors of a full collection are frozen while the build
runs, and handed back when it ends (or fails). No timing here: benchmarks/bench_build.py measures the effect."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_milestones.collector import FreezeSurvivors


@pytest.fixture(autouse=True)
def _no_frozen_objects() -> Any:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_full_collection_freezes_its_survivors_until_stop() -> None:
    keep = [[n] for n in range(100)]  # live containers: they survive the collection
    survivors = FreezeSurvivors()
    survivors.start()
    try:
        gc.collect()
        assert survivors.freezes == 1 and gc.get_freeze_count() >= len(keep)
        gc.collect(0)  # a young collection freezes nothing
        assert survivors.freezes == 1
    finally:
        survivors.stop()
    assert gc.get_freeze_count() == 0 and survivors._after_collection not in gc.callbacks
    survivors.stop()  # again: nothing to do
    gc.collect()
    assert gc.get_freeze_count() == 0 and survivors.freezes == 1


def test_objects_frozen_by_someone_else_are_left_alone() -> None:
    keep = [[n] for n in range(10)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    survivors = FreezeSurvivors()
    survivors.start()
    assert not survivors.active and survivors._after_collection not in gc.callbacks
    survivors.stop()  # no unfreeze: frozen objects stay frozen (some may have been freed meanwhile, by reference count)
    assert frozen >= gc.get_freeze_count() >= len(keep)


def test_a_build_freezes_while_it_runs_and_unfreezes_after(make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """During the build (here: while the roadmap and the export are written) a full collection freezes its
    survivors; once the build is over nothing stays frozen and the callback is gone."""
    from mkdocs_milestones.plugin import MilestonesPlugin

    cfg = make_site({"index.md": "# Home\n", "a.md": "# MILESTONE: A\n\n**Status**: done\n\n### Phase 1: X\n**Status**: done\n"})
    seen: list[int] = []
    on_env = MilestonesPlugin.on_env

    def collecting_on_env(self: Any, env: Any, **kw: Any) -> Any:
        gc.collect()
        seen.append(gc.get_freeze_count())
        return on_env(self, env, **kw)

    monkeypatch.setattr(MilestonesPlugin, "on_env", collecting_on_env)
    config = load_config(str(cfg))
    build(config)
    assert seen and seen[0] > 0
    plugin = config.plugins["milestones"]
    assert not plugin.collector.active and gc.get_freeze_count() == 0
    assert plugin.collector._after_collection not in gc.callbacks


def test_a_failed_build_unfreezes(make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs_milestones.plugin import MilestonesPlugin

    cfg = make_site({"index.md": "# Home\n"})

    def failing_on_env(self: Any, env: Any, **kw: Any) -> Any:
        gc.collect()
        raise RuntimeError("boom")

    monkeypatch.setattr(MilestonesPlugin, "on_env", failing_on_env)
    config = load_config(str(cfg))
    with pytest.raises(Exception):
        build(config)
    assert not config.plugins["milestones"].collector.active and gc.get_freeze_count() == 0


def test_held_collections_hold_automatic_collections_in_the_block_only() -> None:
    from mkdocs_milestones.collector import held_collections

    assert gc.isenabled()
    with held_collections():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), held_collections():
        raise ValueError("a failing parse")
    assert gc.isenabled()  # handed back after a failure too
    gc.disable()  # a host that turned the collector off: left off
    try:
        with held_collections():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_parse_of_a_milestone_page_runs_with_collections_held(monkeypatch: pytest.MonkeyPatch) -> None:
    import markdown

    from mkdocs_milestones.extension import MilestonesExtension
    from mkdocs_milestones.extension import preprocessors

    seen: list[bool] = []
    parse = preprocessors.parse_milestone
    monkeypatch.setattr(preprocessors, "parse_milestone", lambda *a, **k: seen.append(gc.isenabled()) or parse(*a, **k))
    markdown.markdown("# MILESTONE: Demo\n**Status**: WIP\n\n### Phase 1: Start\n**Status**: done\n", extensions=[MilestonesExtension()])
    assert seen == [False] and gc.isenabled()
