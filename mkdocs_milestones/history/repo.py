# SPDX-License-Identifier: MIT
"""Whether a folder can be in a git repository at all, known without running git (issue 17: a docs folder outside
git costs a build no ``git`` process and no import of the reader)."""

from __future__ import annotations

import os

__all__ = ["NOT_IN_GIT", "outside_git"]

NOT_IN_GIT = "the docs folder is not in a git repository, so there is no milestone history"
"""The note of a docs folder that no repository holds."""


def _chain(path: str) -> list[str]:
    out = [path]
    while os.path.dirname(out[-1]) != out[-1]:
        out.append(os.path.dirname(out[-1]))
    return out


def outside_git(folder: str) -> bool:
    """True when git would find no repository for ``folder``: neither it nor a folder above it (as written or with
    its links resolved) holds a ``.git`` or is a git folder itself (``HEAD``, ``objects``, ``refs``), and the
    environment names no git folder (``GIT_DIR``). False whenever in doubt: then git is asked.

    >>> import tempfile; outside_git(tempfile.gettempdir() + "/no-such-folder") in (True, False)
    True
    """
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_COMMON_DIR"):
        return False
    for path in {*_chain(os.path.abspath(folder)), *_chain(os.path.realpath(folder))}:
        if os.path.lexists(os.path.join(path, ".git")):
            return False
        if os.path.isfile(os.path.join(path, "HEAD")) and os.path.isdir(os.path.join(path, "objects")):
            return False
    return True
