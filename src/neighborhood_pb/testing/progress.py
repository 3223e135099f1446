"""A progress that records what it was told (进度记录), for tests of long operations.

Pass a :class:`RecordingProgress` where an operation accepts a
:class:`~neighborhood_pb.io.progress.Progress`, then check its :attr:`~RecordingProgress.tasks`:
each task's label, total, the steps counted and whether it was closed.
"""

from __future__ import annotations

import attrs

__all__ = ["RecordedTask", "RecordingProgress"]


@attrs.define
class RecordedTask:
    """One task as it was started, advanced and closed.

    Attributes:
        label: What the task was called.
        total: Its steps, ``None`` when not known.
        steps: The steps counted so far.
        closed: Whether it was closed.
    """

    label: str
    total: int | None
    steps: int = 0
    closed: bool = False

    def advance(self, amount: int = 1) -> None:
        """Count ``amount`` more steps."""
        self.steps += amount

    def close(self) -> None:
        """Mark the task closed."""
        self.closed = True

    @property
    def complete(self) -> bool:
        """Closed with every one of a known number of steps counted."""
        return self.closed and self.total is not None and self.steps == self.total


@attrs.define
class RecordingProgress:
    """Keeps every task it starts, in order (a :class:`~neighborhood_pb.io.progress.Progress`)."""

    tasks: list[RecordedTask] = attrs.field(factory=list)

    def task(self, label: str, total: int | None = None) -> RecordedTask:
        """Start and keep a task."""
        made = RecordedTask(label, total)
        self.tasks.append(made)
        return made
