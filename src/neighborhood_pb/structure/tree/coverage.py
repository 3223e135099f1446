"""Which organisation covers which territory (组织覆盖), over time."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

import attrs
import pendulum

from neighborhood_pb.errors import ConflictError, RuleViolationError, UnknownRecordError
from neighborhood_pb.structure.records import Coverage, Organisation
from neighborhood_pb.structure.territory import Territory
from neighborhood_pb.structure.territory_map import TerritoryMap
from neighborhood_pb.structure.tree.orgs import OrgHistory
from neighborhood_pb.structure.tree.records import refuse

__all__ = ["CoverageBook"]


def _refused(coverage: Coverage, detail: str, rule: str) -> RuleViolationError:
    """A refusal naming ``coverage`` by its key, a new string made only when refused (not
    for every coverage loaded)."""
    key = coverage.key
    return refuse(f"coverage {key}{detail}", key, rule)


class CoverageBook:
    """Coverage records by organisation and by territory.

    Invariants: a coverage lies within the lives of its org and its territory; an org
    covers a territory at most once at a time; no two roots cover the same territory at once.
    """

    def __init__(self, orgs: OrgHistory, territories: TerritoryMap) -> None:
        """Create an empty book over ``orgs`` and ``territories``."""
        self._orgs = orgs
        self._territories = territories
        self.by_org: dict[str, list[Coverage]] = {}
        self.by_territory: dict[str, list[Coverage]] = {}

    def cover(self, coverage: Coverage) -> None:
        """Record that an organisation covers a territory (see ``OrgTree.cover``)."""
        orgs, schema = self._orgs, self._orgs.schema
        timeline = orgs.timeline(coverage.org_id)
        territory = self._territories.get(coverage.territory_id)
        level = schema.level(timeline.first.level)
        if territory.kind not in level.territory_kinds:
            raise _refused(
                coverage,
                f": {level.label_zh} cannot cover a {territory.kind.label_zh}",
                "coverage.territory_kind",
            )
        if not timeline.spans(coverage.period):
            raise _refused(
                coverage,
                f" {coverage.period} falls outside the life of {coverage.org_id}",
                "coverage.within_lifetime",
            )
        if not coverage.period.within(territory.period):
            raise _refused(
                coverage,
                f" {coverage.period} falls outside the life of {territory.id}",
                "coverage.within_lifetime",
            )
        is_root_level = schema.position(level.code) == 0
        covering = self.by_territory.get(coverage.territory_id)  # looked up once
        for other in covering or ():
            if not other.period.overlaps(coverage.period):
                continue
            if other.org_id == coverage.org_id:
                raise ConflictError(
                    f"coverage {coverage.key} overlaps {other.key}",
                    subject=coverage.key,
                    rule="coverage.unique",
                )
            if is_root_level and schema.position(orgs.timelines[other.org_id].first.level) == 0:
                raise _refused(
                    coverage,
                    f": {territory.id} already has the root {other.org_id}",
                    "tree.one_root_per_jurisdiction",
                )
        self.by_org.setdefault(coverage.org_id, []).append(coverage)
        if covering is None:
            self.by_territory[coverage.territory_id] = [coverage]
        else:
            covering.append(coverage)

    def uncover(self, org_id: str, territory_id: str, day: pendulum.Date) -> Coverage:
        """End an org's open coverage of a territory on ``day``.

        Raises:
            UnknownRecordError: no open coverage of that territory by that org.
            RuleViolationError: ``day`` is not after its start.
        """
        for index, coverage in enumerate(self.by_org.get(org_id, ())):
            if coverage.territory_id == territory_id and coverage.period.is_open:
                if day <= coverage.period.start:
                    raise _refused(coverage, f" cannot end on {day}", "history.end_dated")
                return self._end(index, coverage, day)
        raise UnknownRecordError(
            f"{org_id} has no open coverage of {territory_id}",
            subject=f"{org_id}→{territory_id}",
            rule="reference.exists",
        )

    def starting_from(self, org_id: str, day: pendulum.Date) -> list[str]:
        """Keys of an org's coverage starting on or after ``day``."""
        return [c.key for c in self.by_org.get(org_id, ()) if c.period.start >= day]

    def end_all(self, org_id: str, day: pendulum.Date) -> None:
        """End every coverage of an org that runs past ``day`` (it is dissolved)."""
        for index, coverage in enumerate(self.by_org.get(org_id, ())):
            if coverage.period.runs_past(day):
                self._end(index, coverage, day)

    def _end(self, index: int, coverage: Coverage, day: pendulum.Date) -> Coverage:
        ended = attrs.evolve(coverage, period=coverage.period.ended_on(day))
        self.by_org[coverage.org_id][index] = ended
        by_territory = self.by_territory[coverage.territory_id]
        by_territory[by_territory.index(coverage)] = ended
        return ended

    def in_effect(self, on: pendulum.Date) -> Iterator[Coverage]:
        """Every coverage record in effect on ``on``."""
        for coverages in self.by_org.values():
            for coverage in coverages:
                if coverage.period.contains(on):
                    yield coverage

    def check_territory_end(self, territory_id: str, day: pendulum.Date) -> None:
        """Refuse to end a territory that is still covered after ``day``."""
        for coverage in self.by_territory.get(territory_id, ()):
            if coverage.period.runs_past(day):
                raise refuse(
                    f"territory {territory_id} is still covered by {coverage.org_id} after {day}",
                    territory_id,
                    "coverage.within_lifetime",
                )

    def territories_covered(self, org_id: str, on: _dt.date) -> tuple[Territory, ...]:
        """Territories the organisation covers directly on ``on``."""
        get = self._territories.get
        return tuple(
            get(c.territory_id) for c in self.by_org.get(org_id, ()) if c.period.contains(on)
        )

    def org_ids_covering(
        self, territory_id: str, on: _dt.date, *, inherited: bool
    ) -> tuple[str, ...]:
        """Ids of the organisations covering a territory on ``on``, without building their
        records (a coverage lies within its organisation's life, so each exists then)."""
        by_territory = self.by_territory
        if inherited:
            ids = [territory_id, *(t.id for t in self._territories.ancestors(territory_id))]
        else:
            coverages = by_territory.get(territory_id)
            if coverages is None:
                self._territories.get(territory_id)  # an unknown territory raises
                return ()
            return tuple([c.org_id for c in coverages if c.period.contains(on)])
        return tuple(
            c.org_id for tid in ids for c in by_territory.get(tid, ()) if c.period.contains(on)
        )

    def orgs_covering(
        self, territory_id: str, on: _dt.date, *, inherited: bool
    ) -> tuple[Organisation, ...]:
        """Organisations covering a territory on ``on`` (see ``OrgTree.orgs_covering``)."""
        org = self._orgs.org
        ids = self.org_ids_covering(territory_id, on, inherited=inherited)
        return tuple(org(org_id, on) for org_id in ids)
