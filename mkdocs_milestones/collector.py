# SPDX-License-Identifier: MIT
"""Python's garbage collector during a build: what survived a full collection is not scanned again (issue 17).

A build with the plugin keeps every page's model (about 370 container objects per milestone page: phases,
tasks, checks, fields and their lists) until the roadmap and the export are written, and the cache keeps
them for the next ``mkdocs serve`` rebuild. CPython's full collections scan every live container, so
each one cost about four times what it costs MkDocs alone (1.1 s of a 300-page build's CPU, against
0.3 s off). While a build runs, every full collection is followed by :func:`gc.freeze`: what survived it
(live by construction: the collection just removed the unreachable) is not scanned again, and the next
full collections look only at what was made since. Objects still free themselves by reference counting
as before; only a cycle among frozen objects that becomes garbage waits for the end of the build, when
:func:`gc.unfreeze` hands everything back to the collector as it was.

Left alone when something else froze objects already (a host doing its own ``gc.freeze``) or the
collector is off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["FreezeSurvivors", "held_collections"]


class FreezeSurvivors:
    """``start()`` when a build starts, ``stop()`` when it ends (or fails); both may be called again."""

    def __init__(self) -> None:
        self.active = False
        self.freezes = 0
        """Full collections followed by a freeze (all builds of this process), for tests and the benchmark."""

    def _after_collection(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info.get("generation") == 2:
            gc.freeze()
            self.freezes += 1

    def start(self) -> None:
        if self.active or gc.get_freeze_count() or not gc.isenabled():
            return
        gc.callbacks.append(self._after_collection)
        self.active = True

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        try:
            gc.callbacks.remove(self._after_collection)
        except ValueError:  # someone cleared the callbacks
            pass
        gc.unfreeze()


@contextmanager
def held_collections() -> Iterator[None]:
    """No automatic collection while the block runs (a milestone page's parse): it makes thousands of objects, keeps
    the model and leaves no garbage cycle, so each collection in it would only scan the model being built once more.
    The next allocation after the block starts the collection that was due. Left alone when the collector is off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
