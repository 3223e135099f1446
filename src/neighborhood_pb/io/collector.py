"""A counted pause of the cyclic garbage collector (垃圾回收暂停) for bulk moves.

Reading a register or loading a store makes hundreds of thousands of records that are all
kept: the collector would scan the growing heap again and again for nothing. :func:`bulk`
turns it off for the move and back on (if it was on) when the last move under way ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["bulk"]


class _CollectorPause:
    """Counts the bulk moves under way, so that overlapping ones (in several threads) turn
    the collector off once and back on once, after the last, and only if it was on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._was_enabled = False

    def enter(self) -> None:
        with self._lock:
            if not self._active:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._active += 1

    def leave(self) -> None:
        with self._lock:
            self._active -= 1
            if not self._active and self._was_enabled:
                gc.enable()


_PAUSE = _CollectorPause()


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """No cyclic garbage collection while a whole dataset is moved: the new records are kept,
    not garbage, and the collector would otherwise scan the growing heap again and again; it
    is turned back on (if it was on) when the last move under way ends."""
    _PAUSE.enter()
    try:
        yield
    finally:
        _PAUSE.leave()
