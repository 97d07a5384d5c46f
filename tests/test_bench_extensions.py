# SPDX-License-Identifier: MIT
"""``bench_build.py --extensions material`` builds both arms with Material's recommended extensions, as the inline-pass
skip knows them (tests/test_plain_text.py's MATERIAL), so the README's on/off ratio with them has a command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config import load_config

from test_plain_text import MATERIAL

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
import bench_build  # noqa: E402


def test_the_material_arms_have_materials_recommended_extensions_with_its_settings(tmp_path: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    for on in (False, True):
        config = load_config(str(bench_build.write_site(tmp_path, 2, plugin=on, extensions="material")))
        assert set(MATERIAL) <= set(config.markdown_extensions)
        for name, settings in MATERIAL.items():
            assert config.mdx_configs.get(name, {}) == settings, name
        assert ("milestones" in config.plugins) is on
    basic = load_config(str(bench_build.write_site(tmp_path, 2, plugin=True)))
    assert not any(name.startswith("pymdownx.") for name in basic.markdown_extensions)
