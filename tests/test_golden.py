# SPDX-License-Identifier: MIT
"""Golden pages: ``tests/cases/NAME.md`` renders to ``NAME.html`` (the article) and exports ``NAME.json``.

In the style of pymdown-extensions' syntax tests. A case is converted as the MkDocs plugin converts a
page (front matter split off and handed over as the page context, file ``NAME.md``, URL ``NAME/``);
options per case come from ``tests/cases/options.yml``. After a deliberate change, rewrite the
expected files and review them as a diff::

    python -m pytest tests/test_golden.py --update-golden     # or MILESTONES_UPDATE_GOLDEN=1
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from conftest import milestone_log
from mkdocs_milestones.export import export_document
from mkdocs_milestones.extension import MilestonesExtension, PageContext
from mkdocs_milestones.model import MilestoneEntry
from mkdocs_milestones.parser import split_front_matter
from mkdocs_milestones.site import assemble, front_matter_lines

CASES = Path(__file__).parent / "cases"
TODAY = "2026-06-01"
"""The golden pages' "today" (the ``today`` option unless a case sets its own): the output does not depend on the day."""
NAMES = sorted(p.stem for p in CASES.glob("*.md"))


def _options() -> dict[str, dict[str, Any]]:
    path = CASES / "options.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.is_file() else {}


def render_case(name: str, options: dict[str, Any] | None = None) -> tuple[str, str, list[str]]:
    """``(article HTML, export JSON, log messages)`` of one case."""
    raw = (CASES / f"{name}.md").read_text(encoding="utf-8")
    meta, body, _ = split_front_matter(raw)
    offset = front_matter_lines(raw)
    if offset:
        body = body.lstrip("\n")  # as MkDocs hands the page over
    ctx = PageContext(file=f"{name}.md", url=f"{name}/", line_offset=offset, meta=meta, host="mkdocs")
    options = {"today": TODAY, **(options or {})}
    ext = MilestonesExtension(provider=lambda md: ctx, **options)
    md = markdown.Markdown(extensions=[ext])
    with milestone_log(quiet=True) as messages:
        html = md.convert(body)
    entries = assemble([MilestoneEntry(f"{name}.md", f"{name}/", ms) for ms in md.milestones])  # type: ignore[attr-defined]
    doc = json.dumps(export_document(entries, today=ext.today(), links=ext.rules), ensure_ascii=False, indent=2) + "\n"
    return html + "\n", doc, messages


def _update(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden")) or os.environ.get("MILESTONES_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str, request: pytest.FixtureRequest) -> None:
    html, doc, _ = render_case(name, _options().get(name))
    expected_html, expected_json = CASES / f"{name}.html", CASES / f"{name}.json"
    if _update(request):
        expected_html.write_text(html, encoding="utf-8")
        expected_json.write_text(doc, encoding="utf-8")
        return
    assert expected_html.is_file(), f"{expected_html.name} is missing: run pytest with --update-golden and review the diff"
    assert html == expected_html.read_text(encoding="utf-8")
    assert doc == expected_json.read_text(encoding="utf-8")


def test_enough_cases() -> None:
    assert len(NAMES) >= 20, NAMES
    orphans = sorted({p.stem for p in CASES.glob("*.html")} - set(NAMES))
    assert not orphans, f"expected output without a case: {orphans}"


def test_every_status_word_and_emoji_has_a_golden_case() -> None:
    """``statuses_words`` spells every status word of the vocabulary (``### Phase N: <status> as <word>``) and
    reads it as that status; ``statuses_emoji`` writes every status emoji. A word added to the table
    without a case fails here."""
    import re

    from mkdocs_milestones.vocabulary import _STATUS_EMOJI, _STATUS_WORDS

    words = (CASES / "statuses_words.md").read_text(encoding="utf-8")
    pinned = {w.lower(): c for c, w in re.findall(r"^### Phase \d+: (\S+) as (.+)$", words, re.MULTILINE)}
    assert pinned == _STATUS_WORDS, sorted(set(_STATUS_WORDS) ^ set(pinned))
    export = json.loads((CASES / "statuses_words.json").read_text(encoding="utf-8"))
    assert [(p["title"].split(" as ")[0], p["status"]) for p in export["milestones"][0]["phases"]] == [
        (c, c) for c in pinned.values()
    ]
    emoji = (CASES / "statuses_emoji.md").read_text(encoding="utf-8")
    assert not [e for e in _STATUS_EMOJI if e not in emoji], [e for e in _STATUS_EMOJI if e not in emoji]


@pytest.mark.parametrize("name", NAMES)
def test_plain_text_skipping_the_inline_pass_changes_nothing(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: text of a milestone page (ours in the card, phase summaries, field lines and badges, and the
    author's) skips Python-Markdown's inline pass when it holds no inline syntax; the page is the same string as with every text processed,
    with the extension's own tables/fenced_code and with toc, attr_list and footnotes as well."""
    from mkdocs_milestones.extension import plain

    options = _options().get(name)
    for exts in ([], ["toc", "attr_list", "footnotes"]):
        def convert() -> str:
            raw = (CASES / f"{name}.md").read_text(encoding="utf-8")
            meta, body, _ = split_front_matter(raw)
            ctx = PageContext(file=f"{name}.md", url=f"{name}/", meta=meta, host="mkdocs")
            md = markdown.Markdown(extensions=[MilestonesExtension(provider=lambda md: ctx, **(options or {})), *exts])
            with milestone_log(quiet=True):
                return md.convert(body.lstrip("\n"))

        fast = convert()
        assert plain.plain_text_rule(markdown.Markdown(extensions=[MilestonesExtension(), *exts])) is not None
        with monkeypatch.context() as m:
            m.setattr(plain, "plain_text_rule", lambda md: None)
            slow = convert()
        assert fast == slow
