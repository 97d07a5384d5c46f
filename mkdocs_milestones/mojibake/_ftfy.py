# SPDX-License-Identifier: MIT
"""ftfy, as much of it as a text needs (issue 17).

The repair asks ftfy two things: its badness heuristic (``ftfy.badness``: one regular expression, standard library
only) for evidence, on the lines a repair changes, and its line repair (``ftfy.fix_encoding_and_explain``) for code
pages beyond our own, on the few lines that hint at one. Importing ``ftfy`` runs its package, which loads its
character tables, its fixes, its text formatting and ``wcwidth``: about two thirds of the cost of importing the
repair, for a page whose lines only need the heuristic. So the heuristic's own module is loaded alone (the file ftfy
installed, run as it is) unless ftfy is imported already, and ftfy itself only when a line needs its repair.

ftfy's "sloppy" code pages (``sloppy-windows-1251``: a byte the code page leaves undefined reads as the character of
the same number), which importing ftfy registers with Python's codecs, are read here from their definition
(:func:`decode`, :func:`encode`), so the repair does not need ftfy imported for them.
"""

from __future__ import annotations

import codecs
import functools
import importlib.util
import sys
from types import ModuleType
from typing import Any

__all__ = ["badness", "decode", "encode", "fix_encoding_and_explain", "is_bad"]

_BADNESS: list[ModuleType] = []


def _badness_module() -> ModuleType:
    if not _BADNESS:
        module = sys.modules.get("ftfy.badness")
        if module is None:
            try:
                spec = importlib.util.find_spec("ftfy")  # finds the package without running it
                folder = (spec.submodule_search_locations or [None])[0] if spec is not None else None
                own = importlib.util.spec_from_file_location("ftfy.badness", f"{folder}/badness.py") if folder else None
                if own is None or own.loader is None:
                    raise ImportError("ftfy.badness")
                module = importlib.util.module_from_spec(own)
                own.loader.exec_module(module)
            except (ImportError, OSError, SyntaxError):  # an unusual install (a zip file): the package as usual
                import ftfy.badness as module
        _BADNESS.append(module)
    return _BADNESS[0]


def badness(text: str) -> int:
    """``ftfy.badness.badness``: how many sequences of ``text`` look like mojibake."""
    return _badness_module().badness(text)  # type: ignore[no-any-return]


def is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad``: whether ``text`` has a sequence that looks like mojibake."""
    return _badness_module().is_bad(text)  # type: ignore[no-any-return]


def fix_encoding_and_explain(text: str) -> Any:
    """``ftfy.fix_encoding_and_explain``, ftfy imported the first time a line needs it."""
    import ftfy

    return ftfy.fix_encoding_and_explain(text)


@functools.cache
def _sloppy(encoding: str) -> tuple[str, Any]:
    """ftfy's ``sloppy-<code page>`` (``ftfy.bad_codecs.sloppy``): the code page, with Latin-1's character for each
    byte it leaves undefined and U+FFFD for 0x1A; its decoding table and its encoding map."""
    every = bytes(range(256))
    chars = list(every.decode("latin-1"))
    for i, ch in enumerate(every.decode(encoding.removeprefix("sloppy-"), errors="replace")):
        if ch != "\ufffd":
            chars[i] = ch
    chars[0x1A] = "\ufffd"
    table = "".join(chars)
    return table, codecs.charmap_build(table)


def decode(data: bytes, encoding: str) -> str:
    """``data.decode(encoding)``, ftfy's sloppy code pages included."""
    if encoding.startswith("sloppy-"):
        return codecs.charmap_decode(data, "strict", _sloppy(encoding)[0])[0]
    return data.decode(encoding)


def encode(text: str, encoding: str) -> bytes:
    """``text.encode(encoding)``, ftfy's sloppy code pages included (UnicodeEncodeError for a character it lacks)."""
    if encoding.startswith("sloppy-"):
        return codecs.charmap_encode(text, "strict", _sloppy(encoding)[1])[0]
    return text.encode(encoding)
