"""Progress on long work (进度显示): a small protocol the long operations accept.

Reading registers, loading and saving a store, writing Parquet, reporting and writing a
workbook accept a :class:`Progress`; the default, :data:`NO_PROGRESS`, does nothing, so the
library core never draws anything. :func:`terminal_progress` gives the bar of the optional
``progress`` extra (tqdm, imported only when a bar is drawn) on a terminal, and nothing on a
pipe or a file, so what a program reads is never mixed with bars.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO, TypeVar

__all__ = [
    "DELAY_VARIABLE",
    "NO_PROGRESS",
    "Progress",
    "ProgressTask",
    "progress_delay",
    "stage",
    "terminal_progress",
    "tracked",
]

T = TypeVar("T")

DELAY_VARIABLE = "NBPB_PROGRESS_DELAY"
"""Environment variable: seconds before a bar appears (default 1.0); work that ends sooner
shows none."""

_DEFAULT_DELAY = 1.0


class ProgressTask(Protocol):
    """One piece of long work under way (一项进行中的工作)."""

    def advance(self, amount: int = 1) -> None:
        """Count ``amount`` more steps done."""

    def close(self) -> None:
        """The work is over (done or abandoned); the bar, if any, is taken down."""


class Progress(Protocol):
    """Where long work reports how far it has got (进度): one task at a time."""

    def task(self, label: str, total: int | None = None) -> ProgressTask:
        """Start a task named ``label`` of ``total`` steps (``None``: not known)."""


class _NoTask:
    def advance(self, amount: int = 1) -> None:
        """Nothing to count."""

    def close(self) -> None:
        """Nothing to take down."""


class _NoProgress:
    """Progress that shows nothing: the library's default."""

    def task(self, label: str, total: int | None = None) -> ProgressTask:
        """A task that counts nothing."""
        return _NoTask()


NO_PROGRESS: Progress = _NoProgress()
"""Shows nothing (the default of every operation that accepts a progress)."""


def tracked(
    progress: Progress, items: Iterable[T], label: str, total: int | None = None
) -> Iterator[T]:
    """Yield ``items``, one step of the task ``label`` each; the task closes when they end
    (or the loop is left)."""
    task = progress.task(label, total)
    try:
        for item in items:
            yield item
            task.advance()
    finally:
        task.close()


@contextlib.contextmanager
def stage(progress: Progress, label: str) -> Iterator[None]:
    """One step of work under ``label``: a task of one step, done when the block ends."""
    task = progress.task(label, 1)
    try:
        yield
        task.advance()
    finally:
        task.close()


def progress_delay(environ: dict[str, str] | None = None) -> float:
    """Seconds before a bar appears: :data:`DELAY_VARIABLE` when it is a number ≥ 0, else 1."""
    text = (os.environ if environ is None else environ).get(DELAY_VARIABLE, "")
    try:
        delay = float(text)
    except ValueError:
        return _DEFAULT_DELAY
    return delay if delay >= 0 else _DEFAULT_DELAY


def terminal_progress(stream: TextIO, *, quiet: bool = False) -> Progress:
    """Bars on ``stream`` when it is a terminal and not ``quiet``, else :data:`NO_PROGRESS`.

    The bars come from the ``progress`` extra (tqdm); without it nothing is shown.
    """
    if quiet or not _is_terminal(stream):
        return NO_PROGRESS
    try:
        from neighborhood_pb.io.progress_tqdm import TqdmProgress
    except ImportError:  # pragma: no cover - the dev install has the progress extra
        return NO_PROGRESS
    return TqdmProgress(stream, delay=progress_delay())


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False
