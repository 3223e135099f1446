"""Projects (项目清单): needs answered with committed resources, a budget, an owner, a due
date and milestones; spending recorded against a fund."""

from __future__ import annotations

import attrs
import pendulum

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text, non_negative_int, positive_int
from neighborhood_pb.governance.converters import to_day as _day
from neighborhood_pb.governance.converters import to_frozenset as _frozen
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = [
    "Milestone",
    "MilestoneReached",
    "Project",
    "ProjectDone",
    "ResourceCommitment",
    "Spending",
]


@attrs.frozen(kw_only=True)
class ResourceCommitment:
    """A share of a resource committed to a project (资源投入).

    Attributes:
        resource_id: The resource.
        quantity: How much of its capacity.
    """

    resource_id: str = attrs.field(validator=non_empty_text)
    quantity: int = attrs.field(validator=positive_int())


@attrs.frozen(kw_only=True)
class Milestone:
    """A step of a project with its day (项目节点).

    Attributes:
        code: The milestone, unique in its project.
        title: What is done by then.
        due: The day it is due.
    """

    code: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    due: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True)
class Project:
    """A project answering needs (民生项目).

    Attributes:
        id: The project.
        title: What it does.
        owner_id: The organisation, post holder or unit answering for it.
        need_ids: The needs it answers.
        commitments: The resources committed to it.
        budget_fen: Its budget in fen (分): exact, never a float.
        fund_id: The fund it spends from (``None``: it spends no fund).
        start: The day it starts.
        due: The day it is due.
        milestones: Its milestones, in order.
    """

    id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    owner_id: str = attrs.field(validator=non_empty_text)
    need_ids: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen)
    commitments: tuple[ResourceCommitment, ...] = attrs.field(default=(), converter=_tuple)
    budget_fen: int = attrs.field(default=0, validator=non_negative_int())
    fund_id: str | None = None
    start: pendulum.Date = attrs.field(converter=_day)
    due: pendulum.Date = attrs.field(converter=_day)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        if self.due < self.start:
            raise InvalidRecordError(
                f"project {self.id} is due on {self.due}, before it starts on {self.start}",
                subject=self.id,
                rule="project.dates",
            )
        codes = [m.code for m in self.milestones]
        resources = [c.resource_id for c in self.commitments]
        if len(set(codes)) != len(codes) or len(set(resources)) != len(resources):
            raise InvalidRecordError(
                f"project {self.id} names a milestone or a resource twice",
                subject=self.id,
                rule="project.unique_parts",
            )


@attrs.frozen(kw_only=True)
class MilestoneReached:
    """A project's milestone reached (节点完成).

    Attributes:
        project_id: The project.
        code: The milestone.
        day: When.
    """

    project_id: str = attrs.field(validator=non_empty_text)
    code: str = attrs.field(validator=non_empty_text)
    day: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True)
class ProjectDone:
    """A project completed (项目完成).

    Attributes:
        project_id: The project.
        day: When.
        outcome: What was done.
    """

    project_id: str = attrs.field(validator=non_empty_text)
    day: pendulum.Date = attrs.field(converter=_day)
    outcome: str = ""


@attrs.frozen(kw_only=True)
class Spending:
    """Money a project spent from its fund (资金支出).

    Attributes:
        id: The spending.
        project_id: The project.
        amount_fen: How much, in fen (分).
        day: When.
        approval: The approval (批复) that allows spending above the fund, if any.
        note: What for.
    """

    id: str = attrs.field(validator=non_empty_text)
    project_id: str = attrs.field(validator=non_empty_text)
    amount_fen: int = attrs.field(validator=positive_int())
    day: pendulum.Date = attrs.field(converter=_day)
    approval: str | None = None
    note: str = ""
