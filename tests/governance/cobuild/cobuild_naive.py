"""A naive model of the four lists: plain dicts and the rules spelled out one by one."""

from __future__ import annotations

import attrs
import pendulum

from neighborhood_pb.governance.cobuild import (
    MilestoneReached,
    Need,
    NeedEvent,
    NeedStatus,
    Project,
    ProjectDone,
    Resource,
    ResourceKind,
    Spending,
)

ORDER = {
    NeedStatus.OPEN: 0,
    NeedStatus.MATCHED: 1,
    NeedStatus.IN_PROGRESS: 2,
    NeedStatus.MET: 3,
    NeedStatus.DECLINED: 3,
}


@attrs.define
class NaiveLists:
    """What the lists should hold after the commands accepted so far."""

    needs: dict[str, Need] = attrs.Factory(dict)
    events: dict[str, list[NeedEvent]] = attrs.Factory(dict)
    resources: dict[str, Resource] = attrs.Factory(dict)
    projects: dict[str, Project] = attrs.Factory(dict)
    reached: set[tuple[str, str]] = attrs.Factory(set)
    done: set[str] = attrs.Factory(set)
    spendings: dict[str, Spending] = attrs.Factory(dict)

    def last(self, need_id: str) -> NeedStatus:
        events = self.events[need_id]
        return events[-1].status if events else NeedStatus.OPEN

    def committed(self, resource_id: str) -> int:
        return sum(
            c.quantity
            for p in self.projects.values()
            for c in p.commitments
            if c.resource_id == resource_id
        )

    def spent(self, fund_id: str) -> int:
        return sum(
            s.amount_fen
            for s in self.spendings.values()
            if self.projects[s.project_id].fund_id == fund_id
        )

    def accepts_event(self, event: NeedEvent) -> bool:
        if event.need_id not in self.needs:
            return False
        events = self.events[event.need_id]
        last_day = events[-1].day if events else self.needs[event.need_id].raised_on
        current = self.last(event.need_id)
        moves_on = ORDER[event.status] > ORDER[current] and current not in (
            NeedStatus.MET,
            NeedStatus.DECLINED,
        )
        if current is NeedStatus.OPEN and event.status is NeedStatus.MET:
            moves_on = False
        known = event.resource_id is None or event.resource_id in self.resources
        return event.day >= last_day and moves_on and known

    def accepts_project(self, project: Project) -> bool:
        if project.id in self.projects:
            return False
        for need_id in project.need_ids:
            if need_id not in self.needs or self.last(need_id) in (
                NeedStatus.MET,
                NeedStatus.DECLINED,
            ):
                return False
        for c in project.commitments:
            resource = self.resources.get(c.resource_id)
            if resource is None or project.start not in resource.period:
                return False
            if c.quantity > resource.capacity - self.committed(resource.id):
                return False
        if project.fund_id is not None:
            fund = self.resources.get(project.fund_id)
            if fund is None or fund.kind is not ResourceKind.FUND:
                return False
        return True

    def accepts_reached(self, reached: MilestoneReached) -> bool:
        project = self.projects.get(reached.project_id)
        return (
            project is not None
            and reached.code in {m.code for m in project.milestones}
            and (project.id, reached.code) not in self.reached
            and reached.day >= project.start
        )

    def accepts_done(self, done: ProjectDone) -> bool:
        project = self.projects.get(done.project_id)
        return project is not None and project.id not in self.done and done.day >= project.start

    def accepts_spending(self, spending: Spending) -> bool:
        project = self.projects.get(spending.project_id)
        if spending.id in self.spendings or project is None or project.fund_id is None:
            return False
        fund = self.resources[project.fund_id]
        within = self.spent(fund.id) + spending.amount_fen <= fund.capacity
        return spending.day in fund.period and (within or spending.approval is not None)

    def accepts_withdrawal(self, resource_id: str, day: pendulum.Date) -> bool:
        resource = self.resources.get(resource_id)
        if resource is None or day <= resource.period.start or day not in resource.period:
            return False
        used = any(
            p.start >= day and any(c.resource_id == resource_id for c in p.commitments)
            for p in self.projects.values()
        )
        spent = any(
            s.day >= day and self.projects[s.project_id].fund_id == resource_id
            for s in self.spendings.values()
        )
        return not used and not spent
