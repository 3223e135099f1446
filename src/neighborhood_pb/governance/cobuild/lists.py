"""The four lists of a jurisdiction (四项清单): needs, resources, projects and spending.

:class:`FourLists` owns the records; every command validates completely before it changes
anything. Responsibilities are derived (:mod:`.responsibilities`), statuses too.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.governance.cobuild.guards import get, refuse, unique
from neighborhood_pb.governance.cobuild.needs import NEXT, Need, NeedEvent, NeedStatus, need_status
from neighborhood_pb.governance.cobuild.projects import (
    MilestoneReached,
    Project,
    ProjectDone,
    Spending,
)
from neighborhood_pb.governance.cobuild.records import FourListsRecords
from neighborhood_pb.governance.cobuild.resources import Resource, ResourceKind
from neighborhood_pb.governance.cobuild.responsibilities import Responsibility
from neighborhood_pb.governance.cobuild.snapshots import (
    ListComment,
    ListEntry,
    ListKind,
    ListSnapshot,
    Noticeboard,
)
from neighborhood_pb.history import load_section

__all__ = ["FourLists"]


class FourLists:
    """Needs, resources, projects and their spending (需求、资源、项目清单台账).

    Invariants:
        * ids are unique within each kind; every reference names a known record;
        * a need's events move it forward (:data:`~.needs.NEXT`) and never back in time;
        * a project answers needs that are not met or declined, commits no more of a
          resource than its capacity left, within the period offered;
        * a fund is never spent above its amount without an approval (批复).
    """

    def __init__(self) -> None:
        """Create empty lists."""
        self._needs: dict[str, Need] = {}
        self._events: dict[str, list[NeedEvent]] = {}
        self._resources: dict[str, Resource] = {}
        self._projects: dict[str, Project] = {}
        self._reached: dict[str, list[MilestoneReached]] = {}
        self._done: dict[str, ProjectDone] = {}
        self._spendings: dict[str, Spending] = {}
        self._committed: dict[str, int] = {}
        self._spent_fund: dict[str, int] = {}
        self._by_fund: dict[str, list[Spending]] = {}
        self._by_project: dict[str, list[Spending]] = {}
        self._spent_project: dict[str, int] = {}
        self._board = Noticeboard()

    # -- needs -------------------------------------------------------------------------

    def raise_need(self, need: Need) -> None:
        """Record a need raised by residents."""
        unique("need", need.id, self._needs)
        self._needs[need.id] = need
        self._events[need.id] = []

    def record(self, event: NeedEvent) -> None:
        """Move a need on: matched, in progress, met or declined."""
        need = get("need", event.need_id, self._needs)
        events = self._events[need.id]
        last = events[-1].day if events else need.raised_on
        if event.day < last:
            refuse(
                f"need {need.id}: event on {event.day} comes before {last}",
                need.id,
                "need_event.in_time",
                day=event.day,
                last=last,
            )
        current = events[-1].status if events else NeedStatus.OPEN
        if event.status not in NEXT[current]:
            refuse(
                f"need {need.id} cannot go from {current.value} to {event.status.value}",
                need.id,
                "need_event.transition",
                status=current.label_zh,
                to=event.status.label_zh,
            )
        if event.resource_id is not None:
            get("resource", event.resource_id, self._resources)
        events.append(event)

    def need(self, need_id: str) -> Need:
        """The need with this id."""
        return get("need", need_id, self._needs)

    def needs(self) -> tuple[Need, ...]:
        """Every need, in the order raised."""
        return tuple(self._needs.values())

    def events(self, need_id: str) -> tuple[NeedEvent, ...]:
        """A need's events, in order."""
        self.need(need_id)
        return tuple(self._events[need_id])

    def status(self, need_id: str, on: _dt.date | str) -> NeedStatus:
        """A need's status on a day (derived from its events)."""
        self.need(need_id)
        return need_status(self._events[need_id], as_date(on, "on"))

    # -- resources ---------------------------------------------------------------------

    def offer(self, resource: Resource) -> None:
        """Add a resource to the resource list."""
        unique("resource", resource.id, self._resources)
        self._resources[resource.id] = resource

    def withdraw(self, resource_id: str, day: _dt.date | str) -> Resource:
        """Withdraw a resource early (资源退出): its period ends on ``day`` (exclusive); the
        record stays, end-dated, and lists of earlier days still show it.

        Raises:
            UnknownRecordError: no such resource.
            RuleViolationError: ``day`` is not inside its period after its first day (rule
                ``history.end_dated``), or a project committing it starts on or after
                ``day``, or its fund is spent on or after ``day`` (rule
                ``resource.withdraw_in_use``).
        """
        resource = self.resource(resource_id)
        end = as_date(day, "day")
        if end <= resource.period.start or not resource.period.contains(end):
            refuse(
                f"resource {resource.id} {resource.period} cannot end on {end}",
                resource.id,
                "history.end_dated",
            )
        later = [
            p.id
            for p in self._projects.values()
            if p.start >= end and any(c.resource_id == resource.id for c in p.commitments)
        ]
        later += [s.id for s in self._by_fund.get(resource.id, ()) if s.day >= end]
        if later:
            refuse(
                f"resource {resource.id} cannot be withdrawn on {end}: {later[0]} uses it then",
                resource.id,
                "resource.withdraw_in_use",
                day=end,
                user=later[0],
            )
        withdrawn = attrs.evolve(resource, period=resource.period.ended_on(end))
        self._resources[resource.id] = withdrawn
        return withdrawn

    def resource(self, resource_id: str) -> Resource:
        """The resource with this id."""
        return get("resource", resource_id, self._resources)

    def resources(self, on: _dt.date | str | None = None) -> tuple[Resource, ...]:
        """Every resource, or those offered on ``on``."""
        every = tuple(self._resources.values())
        if on is None:
            return every
        day = as_date(on, "on")
        return tuple(r for r in every if r.period.contains(day))

    def committed(self, resource_id: str) -> int:
        """How much of a resource's capacity projects have committed."""
        self.resource(resource_id)
        return self._committed.get(resource_id, 0)

    # -- projects ----------------------------------------------------------------------

    def open_project(self, project: Project) -> None:
        """Add a project to the project list."""
        unique("project", project.id, self._projects)
        for need_id in sorted(project.need_ids):
            events = self._events.get(need_id)
            if events is None:
                get("need", need_id, self._needs)
            elif events and events[-1].status.final:
                refuse(
                    f"project {project.id} answers need {need_id}, already "
                    f"{events[-1].status.value}",
                    project.id,
                    "project.need_open",
                    need=need_id,
                    status=events[-1].status.label_zh,
                )
        for commitment in project.commitments:
            resource = self.resource(commitment.resource_id)
            if not resource.period.contains(project.start):
                refuse(
                    f"project {project.id} starts on {project.start}, outside the period "
                    f"{resource.period} resource {resource.id} is offered",
                    project.id,
                    "project.resource_period",
                    resource=resource.id,
                    start=project.start,
                )
            left = resource.capacity - self._committed.get(resource.id, 0)
            if commitment.quantity > left:
                refuse(
                    f"project {project.id} commits {commitment.quantity} of resource "
                    f"{resource.id}; {left} left",
                    project.id,
                    "project.capacity",
                    resource=resource.id,
                    quantity=commitment.quantity,
                    left=left,
                )
        if project.fund_id is not None and self.resource(project.fund_id).kind is not (
            ResourceKind.FUND
        ):
            refuse(
                f"project {project.id} spends from {project.fund_id}, which is no fund",
                project.id,
                "project.fund",
                fund=project.fund_id,
            )
        self._projects[project.id] = project
        self._reached[project.id] = []
        for commitment in project.commitments:
            rid = commitment.resource_id
            self._committed[rid] = self._committed.get(rid, 0) + commitment.quantity

    def reach(self, reached: MilestoneReached) -> None:
        """Record a milestone reached."""
        project = self.project(reached.project_id)
        if reached.code not in {m.code for m in project.milestones}:
            refuse(
                f"project {project.id} has no milestone {reached.code}",
                project.id,
                "milestone.known",
                milestone=reached.code,
            )
        if any(r.code == reached.code for r in self._reached[project.id]):
            refuse(
                f"project {project.id}: milestone {reached.code} is already reached",
                project.id,
                "milestone.once",
                milestone=reached.code,
            )
        if reached.day < project.start:
            refuse(
                f"project {project.id}: milestone {reached.code} on {reached.day}, before "
                f"the start {project.start}",
                project.id,
                "project.in_time",
                day=reached.day,
                start=project.start,
            )
        self._reached[project.id].append(reached)

    def complete(self, done: ProjectDone) -> None:
        """Record a project completed."""
        project = self.project(done.project_id)
        if project.id in self._done:
            refuse(f"project {project.id} is already complete", project.id, "project.done_once")
        if done.day < project.start:
            refuse(
                f"project {project.id} completed on {done.day}, before the start {project.start}",
                project.id,
                "project.in_time",
                day=done.day,
                start=project.start,
            )
        self._done[project.id] = done

    def spend(self, spending: Spending) -> None:
        """Record money a project spent from its fund.

        Raises:
            RuleViolationError: the project has no fund, the day lies outside the fund's
                period, or the fund would be overspent without an approval (rule
                ``spending.within_fund``).
        """
        unique("spending", spending.id, self._spendings)
        project = self.project(spending.project_id)
        if project.fund_id is None:
            refuse(f"project {project.id} spends from no fund", project.id, "spending.fund")
        fund = self._resources[project.fund_id]
        if not fund.period.contains(spending.day):
            refuse(
                f"project {project.id} spends on {spending.day}, outside fund {fund.id} "
                f"{fund.period}",
                project.id,
                "spending.period",
                fund=fund.id,
                day=spending.day,
            )
        spent = self._spent_fund.get(fund.id, 0) + spending.amount_fen
        if spent > fund.capacity and spending.approval is None:
            refuse(
                f"project {project.id} would take fund {fund.id} to {spent} fen, above "
                f"its {fund.capacity} fen, without an approval",
                project.id,
                "spending.within_fund",
                fund=fund.id,
                spent=spent,
                amount=fund.capacity,
            )
        self._spendings[spending.id] = spending
        self._spent_fund[fund.id] = spent
        self._by_fund.setdefault(fund.id, []).append(spending)
        self._by_project.setdefault(project.id, []).append(spending)
        self._spent_project[project.id] = (
            self._spent_project.get(project.id, 0) + spending.amount_fen
        )

    def project(self, project_id: str) -> Project:
        """The project with this id."""
        return get("project", project_id, self._projects)

    def projects(self) -> tuple[Project, ...]:
        """Every project, in the order opened."""
        return tuple(self._projects.values())

    def reached(self, project_id: str) -> tuple[MilestoneReached, ...]:
        """A project's milestones reached, in order."""
        self.project(project_id)
        return tuple(self._reached[project_id])

    def done(self, project_id: str, on: _dt.date | str) -> ProjectDone | None:
        """The project's completion, if it is complete on ``on``."""
        day = as_date(on, "on")
        self.project(project_id)
        done = self._done.get(project_id)
        return done if done is not None and done.day <= day else None

    def spent(self, fund_id: str, on: _dt.date | str | None = None) -> int:
        """Fen spent from a fund (up to ``on``, if given)."""
        self.resource(fund_id)
        if on is None:
            return self._spent_fund.get(fund_id, 0)
        day = as_date(on, "on")
        return sum(s.amount_fen for s in self._by_fund.get(fund_id, ()) if s.day <= day)

    def spent_by(self, project_id: str, on: _dt.date | str | None = None) -> int:
        """Fen a project has spent (up to ``on``, if given)."""
        self.project(project_id)
        if on is None:
            return self._spent_project.get(project_id, 0)
        day = as_date(on, "on")
        return sum(s.amount_fen for s in self._by_project.get(project_id, ()) if s.day <= day)

    # -- publication -------------------------------------------------------------------

    def publish(
        self,
        *,
        id: str,
        territory_id: str,
        day: _dt.date | str,
        where: str,
        responsibilities: Iterable[Responsibility] = (),
    ) -> ListSnapshot:
        """Publish the four lists as they stand on ``day``; returns what residents see.

        The snapshot shows every need raised by then with its status that day, every
        resource offered that day, every project started by then and the responsibilities
        given (see :func:`~.responsibility_list.list_responsibilities`): keep one
        :class:`FourLists` per community that publishes its own.
        """
        on = as_date(day, "day")
        self._board.check_new(id)
        entries = [
            ListEntry(
                list=ListKind.NEEDS,
                record_id=n.id,
                title=n.title,
                detail=self.status(n.id, on).label_zh,
            )
            for n in self._needs.values()
            if n.raised_on <= on
        ]
        entries += [
            ListEntry(
                list=ListKind.RESOURCES,
                record_id=r.id,
                title=r.title,
                detail=f"{r.kind.label_zh} {r.capacity}",
            )
            for r in self.resources(on)
        ]
        entries += [
            ListEntry(
                list=ListKind.PROJECTS,
                record_id=p.id,
                title=p.title,
                detail=f"{p.owner_id} {p.due}" + (" 已完成" if self.done(p.id, on) else ""),
            )
            for p in self._projects.values()
            if p.start <= on
        ]
        entries += [
            ListEntry(
                list=ListKind.RESPONSIBILITIES,
                record_id=r.subject_id,
                title=r.holder_id,
                detail=r.basis.label_zh,
            )
            for r in responsibilities
        ]
        snapshot = ListSnapshot(
            id=id, territory_id=territory_id, day=on, where=where, entries=entries
        )
        self._board.keep(snapshot)
        return snapshot

    def keep(self, snapshot: ListSnapshot) -> None:
        """Keep a snapshot published before (when loading records)."""
        self._board.keep(snapshot)

    def comment(self, comment: ListComment) -> None:
        """Record a resident's comment on a published snapshot."""
        self._board.comment(comment)

    def snapshot(self, snapshot_id: str) -> ListSnapshot:
        """The snapshot with this id."""
        return self._board.snapshot(snapshot_id)

    def comments(self, snapshot_id: str) -> tuple[ListComment, ...]:
        """The comments on a snapshot, in order."""
        return self._board.comments(snapshot_id)

    # -- records -----------------------------------------------------------------------

    def records(self) -> FourListsRecords:
        """Every record, as one frozen value."""
        return FourListsRecords(
            needs=self._needs.values(),
            need_events=(e for events in self._events.values() for e in events),
            resources=self._resources.values(),
            projects=self._projects.values(),
            milestones=(r for reached in self._reached.values() for r in reached),
            completions=self._done.values(),
            spendings=self._spendings.values(),
            snapshots=self._board.snapshots(),
            comments=self._board.all_comments(),
        )

    @classmethod
    def from_records(cls, records: FourListsRecords) -> FourLists:
        """Rebuild the lists from their records, validating each as a command."""
        lists = cls()
        load_section("needs", records.needs, lists.raise_need)
        load_section("resources", records.resources, lists.offer)
        load_section("projects", records.projects, lists.open_project)
        load_section("need_events", records.need_events, lists.record)
        load_section("milestones", records.milestones, lists.reach)
        load_section("completions", records.completions, lists.complete)
        load_section("spendings", records.spendings, lists.spend)
        load_section("snapshots", records.snapshots, lists.keep)
        load_section("comments", records.comments, lists.comment)
        return lists
