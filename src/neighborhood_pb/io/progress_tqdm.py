"""Progress bars drawn by tqdm (the ``progress`` extra): see :mod:`.progress`.

The classes here meet the protocols of :mod:`.progress` by their shape; this module imports
nothing of the library, so :func:`~.progress.terminal_progress` can import it lazily.
"""

from __future__ import annotations

from typing import Never, TextIO

import attrs
from tqdm import tqdm

__all__ = ["TqdmProgress", "TqdmTask"]


@attrs.frozen
class TqdmTask:
    """One bar (a :class:`~.progress.ProgressTask`)."""

    bar: tqdm[Never]

    def advance(self, amount: int = 1) -> None:
        """Move the bar on by ``amount`` steps."""
        self.bar.update(amount)

    def close(self) -> None:
        """Take the bar down."""
        self.bar.close()


@attrs.frozen
class TqdmProgress:
    """Bars on ``stream`` (a terminal), each shown once its task has run ``delay`` seconds.

    Attributes:
        stream: Where bars are drawn (standard error).
        delay: Seconds a task runs before its bar appears.
    """

    stream: TextIO
    delay: float = 1.0

    def task(self, label: str, total: int | None = None) -> TqdmTask:
        """A bar named ``label`` of ``total`` steps; it is removed when the task closes."""
        bar: tqdm[Never] = tqdm(
            total=total,
            desc=label,
            file=self.stream,
            delay=self.delay,
            leave=False,
            dynamic_ncols=True,
            mininterval=0.2,
        )
        return TqdmTask(bar)
