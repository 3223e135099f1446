"""The organisations of a tree and their history (组织沿革): versions, parents and children.

This component knows the level schema and nothing of members, reports or coverage.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterator, Mapping

import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    InvalidRecordError,
    NeighborhoodPBError,
    UnknownRecordError,
)
from neighborhood_pb.history import Register, Timeline
from neighborhood_pb.structure.levels import LevelSchema
from neighborhood_pb.structure.records import Organisation
from neighborhood_pb.structure.tree.records import refuse

__all__ = ["OrgHistory"]


class OrgHistory:
    """Every organisation's timeline of versions, with the children of each parent.

    Invariants: each version's level is in the schema and its form allowed there; a root
    sits at the top level; every other version hangs under a parent the schema allows,
    within the parent's lifetime; the versions of one organisation are contiguous.
    """

    def __init__(self, schema: LevelSchema) -> None:
        """Create an empty history following ``schema``."""
        self.schema = schema
        self._register: Register[Timeline[Organisation]] = Register("organisation")
        self.timelines: Mapping[str, Timeline[Organisation]] = self._register.records
        self.child_ids: dict[str | None, dict[str, None]] = {}
        self._levels = frozenset(level.code for level in schema.levels)

    # -- commands -------------------------------------------------------------------------

    def check_new(self, org_id: str) -> None:
        """Refuse an id that is taken.

        Raises:
            ConflictError: the id is taken.
        """
        self._register.check_new(org_id)

    def append(self, version: Organisation) -> None:
        """Append a version: the first of a new organisation or the next of an existing one.

        Raises:
            ConflictError: it does not follow the previous version without gap or overlap.
            NeighborhoodPBError: as :meth:`validate`.
        """
        timeline = self.timelines.get(version.id)
        previous = None
        if timeline is not None:
            timeline.check_append(version)
            previous = timeline.last
        self.validate(version, previous=previous)
        if timeline is None:
            timeline = Timeline("organisation", version.id)
            self._register.put(version.id, timeline)
        timeline.append(version)
        self.child_ids.setdefault(version.parent_id, {})[version.id] = None

    def load(self, orgs: tuple[Organisation, ...]) -> None:
        """Append every version of a loader's ``orgs`` section, parents' levels first and
        each organisation's versions in order of time (unknown levels last: the version
        check then names the org).

        Raises:
            NeighborhoodPBError: the first version refused, marked with the section
                ``"orgs"`` and its index there.
        """
        by_org: dict[str, list[int]] = {}
        for index, version in enumerate(orgs):
            by_org.setdefault(version.id, []).append(index)
        positions = {level.code: n for n, level in enumerate(self.schema.levels)}
        depth = self.schema.depth
        histories = sorted(
            by_org.values(), key=lambda indices: positions.get(orgs[indices[0]].level, depth)
        )
        append = self.append
        for indices in histories:
            indices.sort(key=lambda i: orgs[i].period.start)
            for index in indices:
                try:
                    append(orgs[index])
                except NeighborhoodPBError as error:
                    error.locate("orgs", index)
                    raise

    def current(self, org_id: str, day: pendulum.Date) -> Organisation:
        """The open version a change from ``day`` would end (see :meth:`Timeline.current`)."""
        return self.timeline(org_id).current(day)

    def revise(self, new: Organisation) -> Organisation:
        """End the version in effect and append ``new`` from its start (validated by then)."""
        self.timeline(new.id).revise(new.period.start, new)
        self.child_ids.setdefault(new.parent_id, {})[new.id] = None
        return new

    def end(self, org_id: str, day: pendulum.Date) -> Organisation:
        """End-date an organisation's last version on ``day``."""
        return self.timeline(org_id).end(day)

    def validate(self, version: Organisation, previous: Organisation | None) -> None:
        """Check a version against the schema and its parent.

        Raises:
            InvalidRecordError: the schema has no such level.
            RuleViolationError: the level changes, the form is not allowed there, a root is
                not at the top level, the parent is at a wrong level or does not live as
                long as the version.
            UnknownRecordError: the parent does not exist.
        """
        schema, org_id = self.schema, version.id
        if version.level not in self._levels:
            raise InvalidRecordError(
                f"organisation {org_id}: schema {schema.code} has no level {version.level!r}",
                subject=org_id,
                rule="schema.level",
            )
        level = schema.level(version.level)
        if previous is not None and previous.level != version.level:
            raise refuse(
                f"organisation {org_id} cannot change level from {previous.level} to "
                f"{version.level}",
                org_id,
                "schema.level_fixed",
            )
        if version.form not in level.forms:
            allowed = "、".join(sorted(f.label_zh for f in level.forms))
            raise refuse(
                f"organisation {org_id}: a {version.form.label_zh} may not sit at level "
                f"{level.label_zh} (allowed: {allowed})",
                org_id,
                "schema.form_allowed",
            )
        if version.parent_id is None:
            if schema.position(version.level) != 0:
                raise refuse(
                    f"organisation {org_id} at level {level.label_zh} needs a parent; only "
                    f"{schema.levels[0].label_zh} may be a root",
                    org_id,
                    "tree.single_root_level",
                )
            return
        parent_timeline = self.timeline(version.parent_id)
        parent = parent_timeline.last
        if not schema.may_parent(parent.level, version.level):
            raise refuse(
                f"organisation {org_id} at level {level.label_zh} cannot hang under "
                f"{parent.id} at level {schema.level(parent.level).label_zh}",
                org_id,
                "schema.level_order",
            )
        if not parent_timeline.spans(version.period):
            raise refuse(
                f"organisation {org_id} {version.period} outlives or predates its parent "
                f"{parent.id} {parent_timeline.lifetime()}",
                org_id,
                "tree.parent_lifetime",
            )

    # -- queries --------------------------------------------------------------------------

    def timeline(self, org_id: str) -> Timeline[Organisation]:
        """The timeline of an organisation.

        Raises:
            UnknownRecordError: no such organisation.
        """
        return self._register.get(org_id)

    def lifetime(self, org_id: str) -> Period:
        """From an organisation's founding to its dissolution (or open)."""
        return self.timeline(org_id).lifetime()

    def org(self, org_id: str, on: _dt.date) -> Organisation:
        """The version in effect on ``on``.

        Raises:
            UnknownRecordError: it did not exist on that day (or at all).
        """
        timeline = self.timeline(org_id)
        version = timeline.version_at(on)
        if version is None:
            raise UnknownRecordError(
                f"organisation {org_id} did not exist on {on}",
                subject=org_id,
                rule="reference.exists",
            )
        return version

    def orgs(self, on: _dt.date) -> Iterator[Organisation]:
        """Every organisation in effect on ``on``."""
        for timeline in self.timelines.values():
            version = timeline.version_at(on)
            if version is not None:
                yield version

    def children(self, org_id: str | None, on: _dt.date) -> tuple[Organisation, ...]:
        """Organisations directly under ``org_id`` on ``on`` (``None``: the roots)."""
        timelines = self.timelines
        result = []
        for child_id in self.child_ids.get(org_id, ()):
            version = timelines[child_id].version_at(on)
            if version is not None and version.parent_id == org_id:
                result.append(version)
        return tuple(result)

    def child_running_past(self, org_id: str, day: pendulum.Date) -> str | None:
        """A child that still hangs under ``org_id`` on ``day`` or later, if any."""
        for child_id in self.child_ids.get(org_id, ()):
            for version in self.timelines[child_id]:
                if version.parent_id == org_id and version.period.runs_past(day):
                    return child_id
        return None

    def scope(self, root: str | None, on: _dt.date) -> Iterator[Organisation]:
        """Every organisation on ``on`` (``root`` is ``None``), or ``root`` and those below."""
        if root is None:
            return self.orgs(on)
        return itertools.chain((self.org(root, on),), self.descendants(root, on))

    def ancestors(self, org_id: str, on: _dt.date) -> tuple[Organisation, ...]:
        """The parent, its parent, … up to the root, on ``on``."""
        result = []
        parent_id = self.org(org_id, on).parent_id
        while parent_id is not None:
            parent = self.org(parent_id, on)
            result.append(parent)
            parent_id = parent.parent_id
        return tuple(result)

    def descendants(self, org_id: str, on: _dt.date) -> Iterator[Organisation]:
        """Organisations below ``org_id`` on ``on``, depth first (itself excluded)."""
        self.org(org_id, on)
        stack = [org_id]
        while stack:
            for child in self.children(stack.pop(), on):
                yield child
                stack.append(child.id)
