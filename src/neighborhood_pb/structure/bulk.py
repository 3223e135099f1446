"""Bulk work (批量处理) without the cyclic garbage collector's repeated full passes.

Loading a city creates millions of long-lived records. While they are being created the
collector's full passes keep walking every record already built, so a city four times larger
costs far more than four times as much. Records hold no reference cycles, so pausing the
collector for the load loses nothing: it is turned back on afterwards and collects as usual.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


class _CollectorPause:
    """Counts the bulk loads under way, so that overlapping ones (nested, or in several
    threads) turn the collector off once and back on once, after the last, and only if it
    was on."""

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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk load; restore its state afterwards.

    Nests, also across threads: the collector comes back on (if it was on) when the last
    load under way ends. Usable as a decorator.
    """
    _PAUSE.enter()
    try:
        yield
    finally:
        _PAUSE.leave()
