"""Procedures as data (议事规程): ordered steps, who may act, deadlines and publications.

A :class:`Procedure` is the shape of a deliberation such as 三议一审两公开 or
提议—商议—践议—议评: ordered steps (like Consul Democracy's budget phases: ordered, some
skippable), each naming who may act, what it decides, by when, and what must be published
for how long. Who may act is named by *role* (``"community_party_org"``); a matter binds
each role to a real organisation or body (:class:`Party`), so one procedure serves every
community.
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs
import pendulum

from neighborhood_pb.calendar.civic import CivicDayRule, occurrences
from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = [
    "ActorKind",
    "Deadline",
    "DeadlineKind",
    "Procedure",
    "PublicationRule",
    "Step",
    "StepActor",
    "next_deliberation_day",
]


class ActorKind(enum.Enum):
    """Who may take a step (议事主体)."""

    POST = "post"
    """Someone holding a post in the organisation or body bound to the step's role."""
    OWNERS_ASSEMBLY = "owners_assembly"
    """The owners' assembly (业主大会), acting through a vote that passed."""
    RESIDENT = "resident"
    """A resident of the matter's territory (居民)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {"post": "任职人员", "owners_assembly": "业主大会", "resident": "居民"}[self.value]


@attrs.frozen(kw_only=True)
class StepActor:
    """One kind of actor allowed to take a step.

    Attributes:
        kind: Post holder, owners' assembly or resident.
        role: For ``POST``: the role a matter binds to an organisation or body
            (e.g. ``"grid_branch"``); empty otherwise.
        label_zh: The role's Chinese name (e.g. "网格党支部").
    """

    kind: ActorKind
    role: str = ""
    label_zh: str = ""

    def __attrs_post_init__(self) -> None:
        if (self.kind is ActorKind.POST) != bool(self.role):
            raise InvalidRecordError(
                f"a {self.kind.value} actor {'needs' if self.role == '' else 'takes no'} role",
                subject=self.role or self.kind.value,
                rule="procedure.actor_role",
            )


class DeadlineKind(enum.Enum):
    """How a step's deadline is counted from the previous step (时限)."""

    NONE = "none"
    """No deadline."""
    NEXT_DELIBERATION_DAY = "next_deliberation_day"
    """By the next occurrence of a civic day (e.g. the next 议事日)."""
    WORKING_DAYS = "working_days"
    """Within N working days on the official working-day calendar."""


@attrs.frozen(kw_only=True)
class Deadline:
    """A step's deadline rule (办理时限).

    Attributes:
        kind: How it is counted.
        days: For ``WORKING_DAYS``: how many working days (1 or more).
        civic_day: For ``NEXT_DELIBERATION_DAY``: the civic day's rule.
    """

    kind: DeadlineKind = DeadlineKind.NONE
    days: int = 0
    civic_day: CivicDayRule | None = None

    def __attrs_post_init__(self) -> None:
        wants_days = self.kind is DeadlineKind.WORKING_DAYS
        wants_rule = self.kind is DeadlineKind.NEXT_DELIBERATION_DAY
        if (self.days > 0) != wants_days or self.days < 0 or (self.civic_day is None) == wants_rule:
            raise InvalidRecordError(
                f"deadline {self.kind.value}: working days {self.days}, civic day "
                f"{'set' if self.civic_day else 'unset'} do not fit",
                subject=self.kind.value,
                rule="procedure.deadline",
            )

    def due(self, after: pendulum.Date, calendar: WorkingDayCalendar) -> pendulum.Date | None:
        """The last day the step may be taken, counted from ``after`` (``None``: no deadline).

        Raises:
            CalendarDataError: the count needs a year without official data.
        """
        if self.kind is DeadlineKind.WORKING_DAYS:
            day = after
            for _ in range(self.days):
                day = calendar.next_working_day(day)
            return day
        if self.civic_day is not None:
            return next_deliberation_day(self.civic_day, calendar, after)
        return None


def next_deliberation_day(
    rule: CivicDayRule, calendar: WorkingDayCalendar, after: _dt.date | str
) -> pendulum.Date:
    """The first day of ``rule`` strictly after ``after`` (a proposal is tabled for it).

    Looks a month at a time, so only the years it reaches need official data; every period
    of a civic rule holds one occurrence, so the search ends within a year.

    Raises:
        CalendarDataError: the search reaches a year without official data.
        RuleViolationError: the rule cannot place a day (see the civic calendar).
    """
    start = as_date(after, "after").add(days=1)
    while True:
        found = occurrences(rule, Period(start=start, end=start.add(days=32)), calendar)
        if found:
            return found[0].day
        start = start.add(days=32)


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidRecordError(
            f"{attribute.name} must be a whole number >= 0, got {value!r}",
            rule="procedure.non_negative",
        )


@attrs.frozen(kw_only=True)
class PublicationRule:
    """What a step must publish, and for how long (公开).

    Attributes:
        what: Code of the publication (e.g. ``"result"``).
        label_zh: Its Chinese name (e.g. "结果公开").
        min_days: Shortest period it must stay published, in days (0: no minimum).
    """

    what: str = attrs.field(validator=non_empty_text)
    label_zh: str = ""
    min_days: int = attrs.field(default=0, validator=_non_negative)


@attrs.frozen(kw_only=True)
class Step:
    """One step of a procedure (议事环节).

    Attributes:
        code: Stable code, unique in its procedure.
        label_zh: Chinese name (e.g. "商议").
        decides: What the step decides, in words.
        actors: Who may take it (any one of them).
        deadline: By when, counted from the previous step taken.
        skippable: Whether a matter may pass over it.
        publications: What it must publish.
    """

    code: str = attrs.field(validator=non_empty_text)
    label_zh: str = ""
    decides: str = ""
    actors: tuple[StepActor, ...] = attrs.field(converter=_tuple)
    deadline: Deadline = attrs.field(factory=Deadline)
    skippable: bool = False
    publications: tuple[PublicationRule, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        if not self.actors:
            raise InvalidRecordError(
                f"step {self.code} names nobody who may take it",
                subject=self.code,
                rule="procedure.step_actors",
            )


@attrs.frozen(kw_only=True)
class Procedure:
    """A deliberation procedure (议事规程): ordered steps with their source.

    Attributes:
        code: Stable code.
        label_zh: Chinese name (e.g. "三议一审两公开").
        steps: The steps, in order.
        source: Where the procedure comes from.
        assumption: What the library assumed where the source is silent ("" when nothing).
    """

    code: str = attrs.field(validator=non_empty_text)
    label_zh: str = ""
    steps: tuple[Step, ...] = attrs.field(converter=_tuple)
    source: str = attrs.field(validator=non_empty_text)
    assumption: str = ""

    def __attrs_post_init__(self) -> None:
        codes = [step.code for step in self.steps]
        if not codes or len(set(codes)) != len(codes):
            raise InvalidRecordError(
                f"procedure {self.code} needs steps with distinct codes, got {codes}",
                subject=self.code,
                rule="procedure.steps",
            )

    @property
    def roles(self) -> frozenset[str]:
        """The roles its steps name, for a matter to bind."""
        return frozenset(a.role for s in self.steps for a in s.actors if a.role)

    def index(self, step_code: str) -> int:
        """The position of a step.

        Raises:
            InvalidRecordError: no step has that code.
        """
        for position, step in enumerate(self.steps):
            if step.code == step_code:
                return position
        raise InvalidRecordError(
            f"procedure {self.code} has no step {step_code}",
            subject=step_code,
            rule="procedure.step_known",
        )

    def publication(self, what: str) -> PublicationRule | None:
        """The publication rule named ``what``, in whichever step has it."""
        for step in self.steps:
            for rule in step.publications:
                if rule.what == what:
                    return rule
        return None
