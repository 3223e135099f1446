"""A matter's state, derived from its events and the calendar (议题状态), never stored.

Like Loomio's time-driven states, what is due or overdue is computed when asked: a missed job
cannot stall a matter, because there is no job.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import attrs
import pendulum

from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.governance.matters import (
    Closure,
    Decision,
    Matter,
    StepTaken,
    local_day,
    start_of,
)
from neighborhood_pb.governance.procedures import Procedure

__all__ = ["MatterState", "OverdueStep", "derive_state", "overdue_step"]


@attrs.frozen(kw_only=True)
class MatterState:
    """Where a matter stands at an instant (议题进度).

    Attributes:
        matter_id: The matter.
        taken: Codes of the steps taken (or explicitly skipped), in order.
        next_steps: Codes of the steps that may be taken next, in order (empty when ended).
        due_step: The next step that may not be skipped, if any.
        due: The last day for ``due_step`` (``None``: no deadline).
        rejected: Whether a step refused the matter.
        closed: Whether it is closed.
    """

    matter_id: str
    taken: tuple[str, ...]
    next_steps: tuple[str, ...]
    due_step: str | None
    due: pendulum.Date | None
    rejected: bool
    closed: bool

    @property
    def ended(self) -> bool:
        """Whether nothing more can happen to it (rejected or closed)."""
        return self.rejected or self.closed


@attrs.frozen(kw_only=True)
class OverdueStep:
    """A step past its deadline (超期未办).

    Attributes:
        matter_id: The matter.
        step: The step's code.
        label_zh: The step's Chinese name.
        due: The last day it could be taken.
        since: The day the count started (the previous step, or the proposal).
    """

    matter_id: str
    step: str
    label_zh: str
    due: pendulum.Date
    since: pendulum.Date


def derive_state(
    matter: Matter,
    procedure: Procedure,
    steps: Sequence[StepTaken],
    closure: Closure | None,
    calendar: WorkingDayCalendar,
    at: _dt.datetime | None = None,
    *,
    deadlines: bool = True,
) -> MatterState:
    """The state of ``matter`` from its events up to ``at`` (all of them when ``None``).

    With ``deadlines=False`` the due day is left out (``None``), which saves counting working
    days when only the order of the steps matters.
    """
    seen = [s for s in steps if at is None or s.at <= at]
    closed = closure is not None and (at is None or closure.at <= at)
    rejected = any(s.decision is Decision.REJECTED for s in seen)
    last = max((procedure.index(s.step) for s in seen), default=-1)
    next_steps: list[str] = []
    due_step: str | None = None
    due: pendulum.Date | None = None
    if not (rejected or closed):
        for step in procedure.steps[last + 1 :]:
            next_steps.append(step.code)
            if not step.skippable:
                due_step = step.code
                anchor = seen[-1].at if seen else matter.proposed_at
                if deadlines:
                    due = step.deadline.due(local_day(anchor), calendar)
                break
    return MatterState(
        matter_id=matter.id,
        taken=tuple(s.step for s in seen),
        next_steps=tuple(next_steps),
        due_step=due_step,
        due=due,
        rejected=rejected,
        closed=closed,
    )


def overdue_step(
    matter: Matter,
    procedure: Procedure,
    steps: Sequence[StepTaken],
    closure: Closure | None,
    calendar: WorkingDayCalendar,
    on: pendulum.Date,
) -> OverdueStep | None:
    """The step of ``matter`` past its deadline at the start of ``on`` (Beijing time), if any."""
    at = start_of(on)
    if matter.proposed_at >= at:
        return None
    state = derive_state(matter, procedure, steps, closure, calendar, at)
    if state.due is None or state.due_step is None or state.due >= on:
        return None
    step = procedure.steps[procedure.index(state.due_step)]
    seen = [s for s in steps if s.at <= at]
    return OverdueStep(
        matter_id=matter.id,
        step=step.code,
        label_zh=step.label_zh,
        due=state.due,
        since=local_day(seen[-1].at if seen else matter.proposed_at),
    )
