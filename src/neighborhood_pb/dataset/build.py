"""Building a dataset's aggregates (构建): every record validated, refusals located.

Each ``build_*`` function turns one section of a :class:`~neighborhood_pb.dataset.Dataset`
into its aggregate and wraps a refused record in a :class:`DatasetRecordError` naming its
JSON path; :class:`DatasetContext` builds them all, as of one day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from typing import Literal

import attrs
import pendulum

from neighborhood_pb.calendar.china import china_working_days
from neighborhood_pb.calendar.periods import as_optional_date
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.dataset.governance import DatasetStanding, section_procedures
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import (
    Finding,
    IntegrityError,
    InvalidRecordError,
    NeighborhoodPBError,
    UnknownRecordError,
)
from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.partnership_book import Partnerships
from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.points.compliance import ComplianceContext, HouseholdLinks
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.points.ledger_records import LedgerRecords
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.rotations.chair import ChairRotation
from neighborhood_pb.structure.rotations.duty import DutyRotation
from neighborhood_pb.structure.rotations.records import (
    ChairRotationRecords,
    DutyRotationRecords,
)
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "DatasetContext",
    "DatasetRecordError",
    "LedgerMode",
    "build_appointments",
    "build_calendar",
    "build_chair_rotations",
    "build_deliberations",
    "build_duty_rotations",
    "build_household_links",
    "build_ledger",
    "build_tree",
    "ledger_records",
    "reopen_ledger",
    "resolve_as_of",
]


LedgerMode = Literal["strict", "lenient"]
"""How :meth:`DatasetContext.build` loads the ledger: refusing the first entry that breaks a
rule (``strict``) or leaving out every such entry with a finding (``lenient``)."""


class DatasetRecordError(IntegrityError):
    """A record of a dataset was refused while its aggregates were built.

    The original typed error is kept (``error``, also the ``__cause__``), with the JSON path
    of the record that raised it, so that a user can find the line to fix.

    Attributes:
        path: Where the record sits, e.g. ``$.structure.memberships[12]``.
        error: What the aggregate raised (a :class:`ConflictError`,
            :class:`RuleViolationError`, …), with its own subject and rule.
    """

    def __init__(self, error: NeighborhoodPBError, *, path: str) -> None:
        super().__init__(str(error), subject=error.subject, rule=error.rule, params=error.params)
        self.error = error
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.error}"


def _path(prefix: str, error: NeighborhoodPBError) -> str:
    """The JSON path of the record a loader refused, from the section and index it marked
    on ``error`` (the section as a whole when none is marked)."""
    if error.section is None or error.index is None:
        return prefix
    return f"{prefix}.{error.section}[{error.index}]"


def build_tree(dataset: Dataset) -> OrgTree:
    """The organisation tree of a dataset, every record validated.

    Raises:
        DatasetRecordError: a record breaks a rule of the tree; ``path`` names the record
            and ``error`` is the tree's own error.
    """
    try:
        return OrgTree.from_records(dataset.schema, dataset.structure)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.structure", exc)) from exc


# -- posts and appointments ---------------------------------------------------------------------


def build_appointments(dataset: Dataset, tree: OrgTree) -> Appointments:
    """The appointments aggregate of a dataset over its ``tree``, every record validated.

    Raises:
        DatasetRecordError: a body, contract, appointment or evaluation is refused; ``path``
            names it (e.g. ``$.appointments.appointments[4]``).
    """
    records, rules = dataset.appointments, dataset.appointment_rules
    try:
        return Appointments.from_records(tree, records, rules)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.appointments", exc)) from exc


# -- rotations ------------------------------------------------------------------------------------


def build_duty_rotations(dataset: Dataset, tree: OrgTree) -> tuple[DutyRotation, ...]:
    """The duty rotations (轮值家长) of a dataset, each validated, their people in ``tree``.

    Raises:
        DatasetRecordError: a rotation is refused (``path`` e.g. ``$.duty_rotations[0]``, or
            the edit, swap, override or withdrawal at fault), or it names a person or an
            organisation the structure does not have.
    """
    built = []
    for index, records in enumerate(dataset.duty_rotations):
        path = f"$.duty_rotations[{index}]"
        try:
            built.append(DutyRotation(records, dataset.rotation_rules))
        except NeighborhoodPBError as exc:
            raise DatasetRecordError(exc, path=_rotation_path(path, records, exc)) from exc
        _check_rotation_references(tree, None, records, path)
    return tuple(built)


def build_chair_rotations(
    dataset: Dataset, tree: OrgTree, appointments: Appointments | None = None
) -> tuple[ChairRotation, ...]:
    """The rotating chairs (轮值主席) of a dataset, each validated, their people in ``tree``.

    A chair rotation's ``org_id`` may name a party organisation of the tree or, when
    ``appointments`` is given, one of its bodies.

    Raises:
        DatasetRecordError: as :func:`build_duty_rotations`, with ``$.chair_rotations[i]``.
    """
    built = []
    for index, records in enumerate(dataset.chair_rotations):
        path = f"$.chair_rotations[{index}]"
        try:
            built.append(ChairRotation(records))
        except NeighborhoodPBError as exc:
            raise DatasetRecordError(exc, path=_rotation_path(path, records, exc)) from exc
        _check_rotation_references(tree, appointments, records, path)
    return tuple(built)


def _rotation_path(
    path: str, records: DutyRotationRecords | ChairRotationRecords, error: NeighborhoodPBError
) -> str:
    """The edit, swap, override or withdrawal an error names (the second of two that share
    an id), else the rotation as a whole."""
    found = [
        f"{path}.{section}[{index}]"
        for section in ("edits", "swaps", "overrides", "withdrawals")
        for index, record in enumerate(getattr(records, section))
        if record.id == error.subject
    ]
    if error.rule == "id.unique" and len(found) > 1:
        return found[1]
    return found[0] if found else path


def _exists(lookup: Callable[[str], object], key: str) -> bool:
    try:
        lookup(key)
    except UnknownRecordError:
        return False
    return True


def _check_rotation_references(
    tree: OrgTree,
    appointments: Appointments | None,
    records: DutyRotationRecords | ChairRotationRecords,
    path: str,
) -> None:
    rotation = records.setup.id
    for index, eligibility in enumerate(records.eligibility):
        person = eligibility.person_id
        if not _exists(tree.person, person):
            error = UnknownRecordError(
                f"rotation {rotation}: {person} is on the roster but is no person of the structure",
                subject=rotation,
                rule="reference.exists",
            )
            raise DatasetRecordError(error, path=f"{path}.eligibility[{index}]")
    org = records.setup.org_id
    if (
        org is None
        or _exists(tree.history, org)
        or (appointments is not None and _exists(appointments.body, org))
    ):
        return
    error = UnknownRecordError(
        f"rotation {rotation}: no organisation {org}", subject=rotation, rule="reference.exists"
    )
    raise DatasetRecordError(error, path=f"{path}.setup.org_id")


# -- points ---------------------------------------------------------------------------------------


def ledger_records(dataset: Dataset) -> LedgerRecords:
    """What the points ledger of a dataset is rebuilt from: its catalogue, entries, goods."""
    section = dataset.points
    return LedgerRecords(catalogue=section.catalogue, entries=section.entries, goods=section.goods)


def build_ledger(dataset: Dataset, tree: OrgTree, authority: Appointments) -> Ledger:
    """The points ledger of a dataset, its entries appended in order and each validated;
    reviewers' posts are looked up in ``authority`` (the dataset's appointments).

    Raises:
        DatasetRecordError: an entry is refused (``path`` e.g. ``$.points.entries[7]``).
    """
    try:
        return Ledger.from_records(ledger_records(dataset), tree, authority)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.points", exc)) from exc


def reopen_ledger(
    dataset: Dataset, tree: OrgTree, authority: Appointments
) -> tuple[Ledger, tuple[Finding, ...]]:
    """The points ledger of a dataset built leniently (:meth:`Ledger.reopen`): the entries
    that still validate, and one finding per entry that no longer does.

    Raises:
        DatasetRecordError: an entry breaks a rule by itself (a self-review, a key reused;
            :data:`~neighborhood_pb.points.reopen.INTRINSIC_RULES`), whatever the registers.
    """
    try:
        return Ledger.reopen(ledger_records(dataset), tree, authority)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.points", exc)) from exc


def _check_points_org(dataset: Dataset, tree: OrgTree) -> None:
    """Refuse a points section whose ``org_id`` names no organisation of the tree."""
    org = dataset.points.org_id
    if org is None or _exists(tree.history, org):
        return
    error = UnknownRecordError(
        f"the points section looks at organisation {org}, which the structure does not hold",
        subject=org,
        rule="reference.exists",
    )
    raise DatasetRecordError(error, path="$.points.org_id")


def build_household_links(dataset: Dataset, tree: OrgTree) -> HouseholdLinks:
    """The "1+10" links of a dataset over ``tree``, each validated.

    Raises:
        DatasetRecordError: a link is refused (``path`` e.g. ``$.points.household_links[3]``).
    """
    try:
        return HouseholdLinks.from_records(tree, dataset.points.household_links)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.points", exc)) from exc


def build_calendar(dataset: Dataset) -> WorkingDayCalendar:
    """China's working-day calendar with the dataset's notices added.

    Raises:
        DatasetRecordError: a notice differs from the official data of its year
            (``$.notices[i]``).
    """
    calendar = china_working_days()
    for index, notice in enumerate(dataset.notices):
        try:
            calendar = calendar.with_notices([notice])
        except NeighborhoodPBError as exc:
            raise DatasetRecordError(exc, path=f"$.notices[{index}]") from exc
    return calendar


def build_deliberations(
    dataset: Dataset,
    tree: OrgTree,
    appointments: Appointments,
    calendar: WorkingDayCalendar,
    chair_rotations: Iterable[ChairRotation] = (),
) -> Deliberations:
    """The deliberations (议事) of a dataset, every record replayed as a command; posts,
    residence and employment come from its tree and appointments (:class:`DatasetStanding`),
    the chair of the day from the chair rotation a meeting names.

    Raises:
        DatasetRecordError: a record is refused (``path`` e.g.
            ``$.governance.deliberations.steps[3]``).
    """
    section = dataset.governance
    try:
        return Deliberations.from_records(
            section.deliberations,
            standing=DatasetStanding(tree, appointments, dataset),
            calendar=calendar,
            procedures=section_procedures(dataset),
            rules=section.rules,
            chairs={rotation.id: rotation for rotation in chair_rotations},
        )
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.governance.deliberations", exc)) from exc


def build_cobuild(dataset: Dataset) -> tuple[FourLists, Partnerships]:
    """The four lists and the partnerships (四项清单、共驻共建) of a dataset, every record
    replayed as a command.

    Raises:
        DatasetRecordError: a record is refused (``path`` e.g. ``$.cobuild.lists.spendings[2]``
            or ``$.cobuild.partnerships.pairings[0]``).
    """
    section = dataset.cobuild
    try:
        lists = FourLists.from_records(section.lists)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.cobuild.lists", exc)) from exc
    try:
        partners = Partnerships.from_records(section.partnerships)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.cobuild.partnerships", exc)) from exc
    return lists, partners


def resolve_as_of(dataset: Dataset, on: _dt.date | str | None = None) -> pendulum.Date:
    """The day to check or report: ``on`` if given, else the dataset's ``as_of``.

    Raises:
        InvalidRecordError: neither is given (no day is ever guessed from the clock).
    """
    day = as_optional_date(on, "on") if on is not None else dataset.as_of
    if day is None:
        raise InvalidRecordError(
            f"dataset {dataset.title!r} has no as_of date; name the day to use",
            subject=dataset.title,
            rule="time.explicit",
        )
    return day


@attrs.frozen(kw_only=True)
class DatasetContext:
    """A dataset with its aggregates built, looked at as of one day.

    Attributes:
        dataset: The records.
        on: The day.
        tree: The organisation tree.
        appointments: Bodies, contracts, appointments and evaluations over the tree.
        duty_rotations: The duty rotations (轮值家长), in the dataset's order.
        chair_rotations: The rotating chairs (轮值主席), in the dataset's order.
        ledger: The points ledger, its entries replayed (an empty one, made on first use,
            when the dataset has no entry).
        household_links: The "1+10" links (likewise).
        calendar: China's working-day calendar with the dataset's notices
            (:func:`build_calendar`).
        ledger_findings: One finding per entry refused when the ledger was reopened
            leniently (``ledger="lenient"``); none when it is built strictly.
        deliberations: The deliberations (议事), ``None`` when the dataset has none.
        cobuild: The four lists and the partnerships (:func:`build_cobuild`), ``None`` when
            the dataset has no co-building record.
    """

    dataset: Dataset
    on: pendulum.Date
    tree: OrgTree
    appointments: Appointments
    duty_rotations: tuple[DutyRotation, ...] = ()
    chair_rotations: tuple[ChairRotation, ...] = ()
    ledger_findings: tuple[Finding, ...] = ()
    deliberations: Deliberations | None = attrs.field(default=None, eq=False, repr=False)
    cobuild: tuple[FourLists, Partnerships] | None = attrs.field(default=None, eq=False, repr=False)
    _ledger: Ledger | None = attrs.field(default=None, alias="ledger", eq=False, repr=False)
    _links: HouseholdLinks | None = attrs.field(
        default=None, alias="household_links", eq=False, repr=False
    )
    _calendar: WorkingDayCalendar | None = attrs.field(
        default=None, alias="calendar", eq=False, repr=False
    )

    @property
    def calendar(self) -> WorkingDayCalendar:
        """The working-day calendar (see the class attributes)."""
        if self._calendar is None:
            object.__setattr__(self, "_calendar", build_calendar(self.dataset))
        assert self._calendar is not None
        return self._calendar

    @property
    def ledger(self) -> Ledger:
        """The points ledger (see the class attributes)."""
        if self._ledger is None:
            object.__setattr__(
                self, "_ledger", build_ledger(self.dataset, self.tree, self.appointments)
            )
        assert self._ledger is not None
        return self._ledger

    @property
    def household_links(self) -> HouseholdLinks:
        """The "1+10" links (see the class attributes)."""
        if self._links is None:
            object.__setattr__(self, "_links", build_household_links(self.dataset, self.tree))
        assert self._links is not None
        return self._links

    def compliance(self, org_id: str) -> ComplianceContext:
        """What the compliance checks look at for ``org_id``'s territory, as of the day."""
        section = self.dataset.points
        return ComplianceContext(
            ledger=self.ledger,
            org_id=org_id,
            as_of=self.on,
            rules=section.compliance,
            links=self.household_links,
            home_days=section.home_days,
        )

    @classmethod
    def build(
        cls, dataset: Dataset, on: _dt.date | str | None = None, *, ledger: LedgerMode = "strict"
    ) -> DatasetContext:
        """Build every aggregate of ``dataset`` and fix the day (see :func:`resolve_as_of`).

        With ``ledger="lenient"``, ledger entries that no longer validate are left out and
        reported in :attr:`ledger_findings` (:func:`reopen_ledger`) instead of refused.

        Raises:
            InvalidRecordError: no day is given and the dataset has none.
            DatasetRecordError: a record is refused; its ``path`` names it.
        """
        day = resolve_as_of(dataset, on)
        tree = build_tree(dataset)
        _check_points_org(dataset, tree)
        appointments = build_appointments(dataset, tree)
        built: Ledger | None = None
        found: tuple[Finding, ...] = ()
        if ledger == "lenient":
            built, found = reopen_ledger(dataset, tree, appointments)
        elif dataset.points.entries:
            built = build_ledger(dataset, tree, appointments)
        calendar = build_calendar(dataset) if dataset.notices else None
        chair_rotations = build_chair_rotations(dataset, tree, appointments)
        deliberations = None
        if not dataset.governance.is_empty:
            calendar = calendar or build_calendar(dataset)
            deliberations = build_deliberations(
                dataset, tree, appointments, calendar, chair_rotations
            )
        return cls(
            dataset=dataset,
            on=day,
            deliberations=deliberations,
            cobuild=None if dataset.cobuild.is_empty else build_cobuild(dataset),
            tree=tree,
            appointments=appointments,
            duty_rotations=build_duty_rotations(dataset, tree),
            chair_rotations=chair_rotations,
            ledger=built,
            ledger_findings=found,
            household_links=(
                build_household_links(dataset, tree) if dataset.points.household_links else None
            ),
            calendar=calendar,
        )
