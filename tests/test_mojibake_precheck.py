# SPDX-License-Identifier: MIT
"""The repair's one-scan pre-check (issue 17): ``repairable`` is False only where none of the three pre-checks the
repair makes one after another (our scan, ftfy's hints, the targeted repairs) would find a place to start."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_milestones import mojibake
from mkdocs_milestones.mojibake import _more, _wider, fix_mojibake_report, needs_work, repairable
from mkdocs_milestones.mojibake._prefilter import _SEQS

# Characters every rule starts from or continues with, box drawing, emoji and plain text: strings of them meet the
# rules often, and the diagrams' ``─┐`` (a cp437 lead and continuation that is not mojibake) too.
_RULES = sorted({c for _k, _p, classes in _SEQS for cls in classes[:2] for c in cls}
                | {c for a, b in _wider.HINT_PAIRS for c in a | b})
_ALPHABET = _RULES + list("─│┌┐└┘├┤┬┴┼▶▼✅🔄⏳❌ \nab?\ufffd\x85\u00cc") + list(_more.PAIR[0] | _more.PAIR[1])


def _any_precheck(text: str) -> bool:
    return needs_work(text) or bool(_wider._hits(text)) or _more.quick(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=8))
def test_not_repairable_means_no_precheck_starts(text: str) -> None:
    assert repairable(text) or not _any_precheck(text), text


def test_the_rules_pairs_and_singles_are_each_found() -> None:
    rng = random.Random(17)
    pairs = [(a, b) for _k, _p, c in _SEQS for a, b in [(c[0], c[1])]] + _wider.HINT_PAIRS + [_more.PAIR]
    for first, second in pairs:
        for _ in range(5):
            text = "x " + rng.choice(sorted(first)) + rng.choice(sorted(second)) + " y"
            assert repairable(text), text
    assert repairable("caf\u00cc") and repairable("a\x85b")


def test_a_clean_page_of_diagrams_and_emoji_is_settled_by_the_one_scan(monkeypatch) -> None:
    page = "# Plan\n\n```\n┌──────┐    ┌─────┐\n│ API  ├───▶│ DB  │\n└──┬───┘    └─────┘\n   ▼\n```\n\n✅ done, 🔄 next, Größe\n"
    assert not repairable(page)

    def boom(*_a: object, **_k: object) -> None:
        raise AssertionError("the repair ran on a clean page")

    monkeypatch.setattr(mojibake, "_fix_ours", boom)
    assert fix_mojibake_report(page) == (page, [])
    with pytest.raises(AssertionError):
        fix_mojibake_report("\u00e2\u0153\u2026 done " + page)  # ✅ garbled: the repair runs


def test_a_whole_decoding_through_the_codec_map_is_the_translation() -> None:
    """``_decode_whole`` encodes with a codec map in C where no C1 control or U+FFFD makes a byte ambiguous."""
    from mkdocs_milestones.mojibake import _core, _tables

    rng = random.Random(7)
    for pi, page in enumerate(_tables.PAGES):
        chars = sorted(page.to_byte) + list("ab \n")
        for _ in range(400):
            text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
            slow = text.translate(_tables.TRANS_FFFD[pi]).encode("latin-1").decode("utf-8", "surrogateescape")
            assert _core._decode_whole(text, pi) == slow, (page.name, text)
