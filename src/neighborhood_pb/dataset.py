"""Datasets (数据集): a whole jurisdiction as one versioned document.

A :class:`Dataset` holds what an application would keep for a street or a community: the
level schema, the structure records, the posts and appointments, the duty rotations and
rotating chairs, and the rules in force, with a title and the day the data describes. It is a
plain record; :mod:`neighborhood_pb.io.json` reads and writes it as JSON, :func:`build_tree`
turns it into the :class:`~neighborhood_pb.structure.tree.OrgTree` that answers queries, and
:meth:`DatasetContext.build` builds every aggregate (the tree, the
:class:`~neighborhood_pb.structure.posts.Appointments` over it, the rotations).

Growing the format: a new kind of record (appointments, a points ledger, rosters) becomes a
new optional field with an empty default, so that every version-1 document still loads; only
a change that old readers would misread bumps :data:`DATASET_VERSION`. A new whole-model
check is appended to :data:`DATASET_CHECKS`; a new aggregate is built in
:meth:`DatasetContext.build`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, as_date, as_optional_date
from neighborhood_pb.errors import (
    Finding,
    IntegrityError,
    InvalidRecordError,
    NeighborhoodPBError,
    UnknownRecordError,
)
from neighborhood_pb.points.catalogue import DEFAULT_CATALOGUE, Catalogue
from neighborhood_pb.points.compliance import (
    DEFAULT_COMPLIANCE,
    ComplianceContext,
    ComplianceRules,
    HouseholdLink,
    HouseholdLinks,
    run_compliance,
)
from neighborhood_pb.points.entries import Entry
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.points.levels import DEFAULT_LEVELS, LevelScale
from neighborhood_pb.points.redemption import Goods, Shelf
from neighborhood_pb.structure.checks import run_checks
from neighborhood_pb.structure.levels import LevelSchema
from neighborhood_pb.structure.posts.appointments import AppointmentRecords, Appointments
from neighborhood_pb.structure.posts.checks import run_appointment_checks
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES, AppointmentRules
from neighborhood_pb.structure.rotations.chair import ChairRotation
from neighborhood_pb.structure.rotations.duty import DutyRotation
from neighborhood_pb.structure.rotations.fairness import HasPlan, run_rotation_checks
from neighborhood_pb.structure.rotations.records import (
    ChairRotationRecords,
    DutyRotationRecords,
)
from neighborhood_pb.structure.rotations.rules import YONGCHUN_DUTY_RULES, RotationRules
from neighborhood_pb.structure.rules import DEFAULT_RULES, OrgRules
from neighborhood_pb.structure.tree import OrgTree, TreeRecords

__all__ = [
    "DATASET_CHECKS",
    "DATASET_FORMAT",
    "DATASET_VERSION",
    "ROTATION_CHECK_TURNS_AHEAD",
    "Dataset",
    "DatasetCheck",
    "DatasetContext",
    "DatasetRecordError",
    "PointsRecords",
    "build_appointments",
    "build_chair_rotations",
    "build_duty_rotations",
    "build_household_links",
    "build_ledger",
    "build_tree",
    "check_appointments",
    "check_dataset",
    "check_points",
    "check_rotations",
    "check_structure",
    "points_org_ids",
    "resolve_as_of",
    "rotation_horizon",
]

DATASET_FORMAT = "neighborhood_pb.dataset"
"""The ``format`` every dataset document names, so that other JSON is recognised as such."""

DATASET_VERSION = 1
"""The newest format version this library reads and writes."""

T = TypeVar("T")


def _check_title(instance: Dataset, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidRecordError("a dataset needs a title", rule="dataset.title")


def _check_format(instance: Dataset, attribute: attrs.Attribute[str], value: str) -> None:
    if value != DATASET_FORMAT:
        raise InvalidRecordError(
            f"format {value!r} is not {DATASET_FORMAT!r}: not a neighborhood_pb dataset",
            rule="dataset.format",
        )


def _check_version(instance: Dataset, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= DATASET_VERSION:
        newer = " (written by a newer neighborhood_pb)" if value > DATASET_VERSION else ""
        raise InvalidRecordError(
            f"format version {value} is not one this library reads (1 to {DATASET_VERSION})"
            + newer,
            rule="dataset.version",
        )


def _duty_rotations(value: Iterable[DutyRotationRecords]) -> tuple[DutyRotationRecords, ...]:
    return tuple(value)


def _chair_rotations(value: Iterable[ChairRotationRecords]) -> tuple[ChairRotationRecords, ...]:
    return tuple(value)


def _entries(value: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(value)


def _goods(value: Iterable[Goods]) -> tuple[Goods, ...]:
    return tuple(value)


def _links(value: Iterable[HouseholdLink]) -> tuple[HouseholdLink, ...]:
    return tuple(value)


def _days(value: Iterable[_dt.date | str]) -> tuple[pendulum.Date, ...]:
    return tuple(as_date(day) for day in value)


@attrs.frozen(kw_only=True)
class PointsRecords:
    """The points section of a dataset (积分管理): what the ledger is rebuilt from.

    Every field has an empty or preset default, so a dataset without points data has an
    empty section (and it is not written).

    Attributes:
        catalogue: Service items and their points (default: the preset modelled on 永春县).
        entries: The ledger's entries in the order they were appended (claims, approvals,
            rejections, reversals, restocks, redemptions, refunds).
        goods: The goods of the love supermarket (爱心超市), every version of each.
        household_links: The "1+10" links (帮联户) of in-service members.
        compliance: Thresholds of the compliance checks (default: 永春县's).
        home_days: The home days (回家日) whose attendance is checked.
        levels: The level scale shown with the standings.
        org_id: The organisation whose territory the compliance checks look at; ``None``:
            every root organisation of the tree on the day checked.
    """

    catalogue: Catalogue = DEFAULT_CATALOGUE
    entries: tuple[Entry, ...] = attrs.field(default=(), converter=_entries)
    goods: tuple[Goods, ...] = attrs.field(default=(), converter=_goods)
    household_links: tuple[HouseholdLink, ...] = attrs.field(default=(), converter=_links)
    compliance: ComplianceRules = DEFAULT_COMPLIANCE
    home_days: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=_days)
    levels: LevelScale = DEFAULT_LEVELS
    org_id: str | None = None

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to check: no entry and no household link."""
        return not self.entries and not self.household_links


@attrs.frozen(kw_only=True)
class Dataset:
    """A whole jurisdiction (辖区数据集): schema, structure records, posts, rotations and rules.

    Every section after ``structure`` is optional and empty by default, so a document written
    before the section existed still loads (and is written back without it).

    Attributes:
        title: What the data is, e.g. "和顺社区 (示例)".
        schema: The level schema of the tree (a preset or a custom one).
        structure: Territories, people, organisations, coverage, memberships, reports and
            election terms.
        as_of: The day the data describes (数据截止日期); checks and reports use it unless
            told another day. ``None`` when the data has no natural day.
        description: Free text: where the data comes from, what it is modelled on.
        rules: The organisation rules in force (default: the regulations' numbers).
        appointments: Non-party bodies (居委会、业委会、物业服务企业、驻区单位 …), service
            contracts, appointments to posts and evaluations outside working hours.
        appointment_rules: The rules for posts and cross-appointments in force (default: the
            sources' numbers, e.g. 通化县's 60 % party share in owners' committees).
        duty_rotations: Rotating duty heads (轮值家长), each a rotation's whole record.
        chair_rotations: Rotating chairs of joint meetings (轮值主席 of the 联席会议).
        rotation_rules: Bounds on a duty term (default: 永春县's 1–3 months).
        points: The points ledger of in-service members, the love supermarket's goods, the
            "1+10" links and the compliance rules (:class:`PointsRecords`).
        format: Always :data:`DATASET_FORMAT`.
        version: Format version of the document, 1 to :data:`DATASET_VERSION`.
    """

    title: str = attrs.field(validator=_check_title)
    schema: LevelSchema
    structure: TreeRecords = attrs.field(factory=TreeRecords)
    as_of: pendulum.Date | None = attrs.field(default=None, converter=as_optional_date)
    description: str = ""
    rules: OrgRules = DEFAULT_RULES
    appointments: AppointmentRecords = attrs.field(factory=AppointmentRecords)
    appointment_rules: AppointmentRules = DEFAULT_APPOINTMENT_RULES
    duty_rotations: tuple[DutyRotationRecords, ...] = attrs.field(
        default=(), converter=_duty_rotations
    )
    chair_rotations: tuple[ChairRotationRecords, ...] = attrs.field(
        default=(), converter=_chair_rotations
    )
    rotation_rules: RotationRules = YONGCHUN_DUTY_RULES
    points: PointsRecords = attrs.field(factory=PointsRecords)
    format: str = attrs.field(default=DATASET_FORMAT, validator=_check_format)
    version: int = attrs.field(default=DATASET_VERSION, validator=_check_version)


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


def build_ledger(dataset: Dataset, tree: OrgTree, authority: Appointments) -> Ledger:
    """The points ledger of a dataset, its entries appended in order and each validated;
    reviewers' posts are looked up in ``authority`` (the dataset's appointments).

    Raises:
        DatasetRecordError: an entry is refused (``path`` e.g. ``$.points.entries[7]``).
    """
    section = dataset.points
    shelf = Shelf(goods=section.goods)
    try:
        return Ledger.from_entries(section.catalogue, tree, authority, section.entries, shelf=shelf)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.points", exc)) from exc


def build_household_links(dataset: Dataset, tree: OrgTree) -> HouseholdLinks:
    """The "1+10" links of a dataset over ``tree``, each validated.

    Raises:
        DatasetRecordError: a link is refused (``path`` e.g. ``$.points.household_links[3]``).
    """
    try:
        return HouseholdLinks.from_records(tree, dataset.points.household_links)
    except NeighborhoodPBError as exc:
        raise DatasetRecordError(exc, path=_path("$.points", exc)) from exc


# -- checking a dataset as a whole --------------------------------------------------------------


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
    """

    dataset: Dataset
    on: pendulum.Date
    tree: OrgTree
    appointments: Appointments
    duty_rotations: tuple[DutyRotation, ...] = ()
    chair_rotations: tuple[ChairRotation, ...] = ()
    _ledger: Ledger | None = attrs.field(default=None, alias="ledger", eq=False, repr=False)
    _links: HouseholdLinks | None = attrs.field(
        default=None, alias="household_links", eq=False, repr=False
    )

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
    def build(cls, dataset: Dataset, on: _dt.date | str | None = None) -> DatasetContext:
        """Build every aggregate of ``dataset`` and fix the day (see :func:`resolve_as_of`).

        Raises:
            InvalidRecordError: no day is given and the dataset has none.
            DatasetRecordError: a record is refused; its ``path`` names it.
        """
        day = resolve_as_of(dataset, on)
        tree = build_tree(dataset)
        appointments = build_appointments(dataset, tree)
        return cls(
            dataset=dataset,
            on=day,
            tree=tree,
            appointments=appointments,
            duty_rotations=build_duty_rotations(dataset, tree),
            chair_rotations=build_chair_rotations(dataset, tree, appointments),
            ledger=build_ledger(dataset, tree, appointments) if dataset.points.entries else None,
            household_links=(
                build_household_links(dataset, tree) if dataset.points.household_links else None
            ),
        )


DatasetCheck = Callable[[DatasetContext], Iterable[Finding]]
"""A whole-dataset check: reads the context, yields findings."""


def check_structure(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The structure checks (:data:`~neighborhood_pb.structure.STRUCTURE_CHECKS`) with the
    dataset's own rules."""
    return run_checks(ctx.tree, ctx.on, rules=ctx.dataset.rules)


def check_appointments(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The appointment checks (:data:`~neighborhood_pb.structure.posts.APPOINTMENT_CHECKS`:
    owners' committee party share, cross-appointment, conflicts of interest, …) with the
    dataset's appointment rules."""
    return run_appointment_checks(ctx.appointments, ctx.on)


ROTATION_CHECK_TURNS_AHEAD = 1
"""How many turns after the day checked :func:`check_rotations` looks at: the next term (or
meeting) is the one still to be arranged, so its vacancy is worth a warning now."""


def rotation_horizon(
    rotation: HasPlan, on: _dt.date | str, *, ahead: int = ROTATION_CHECK_TURNS_AHEAD
) -> Period | None:
    """The turns a check as of ``on`` judges: from the first turn up to the ``ahead`` turns
    starting after ``on`` (fewer if the rotation has fewer); ``None`` without any turn."""
    slots = rotation.plan.slots
    if slots.count == 0:
        return None
    following = slots.first_at_or_after(as_date(on, "on").add(days=1))
    last = min(following + ahead, slots.count) - 1
    return Period(start=slots.start(0), end=slots.end(max(last, 0)))


def check_rotations(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The rotation checks (:data:`~neighborhood_pb.structure.rotations.ROTATION_CHECKS`:
    fairness and vacancies) of every rotation, over its :func:`rotation_horizon`."""
    found: list[Finding] = []
    rotations: list[HasPlan] = [*ctx.duty_rotations, *ctx.chair_rotations]
    for rotation in rotations:
        horizon = rotation_horizon(rotation, ctx.on)
        if horizon is not None:
            found += run_rotation_checks(rotation, horizon)
    return tuple(found)


def points_org_ids(ctx: DatasetContext) -> tuple[str, ...]:
    """The organisations whose territory the points checks and standings look at: the
    section's ``org_id``, else every root organisation of the tree on the day."""
    org_id = ctx.dataset.points.org_id
    if org_id is not None:
        return (org_id,)
    return tuple(org.id for org in ctx.tree.roots(ctx.on))


def check_points(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The ledger's audit (every derived figure against its recomputation) and the
    compliance checks (:data:`~neighborhood_pb.points.COMPLIANCE_CHECKS`: quarterly service,
    "1+10", must-visits, home days) as of the day, for each of :func:`points_org_ids`.

    A dataset that keeps no points data (no entry, no household link) is not checked: it
    does not use the points system, and every member would otherwise fall short."""
    if ctx.dataset.points.is_empty:
        return ()
    found = list(ctx.ledger.audit())
    for org_id in points_org_ids(ctx):
        found += run_compliance(ctx.compliance(org_id))
    return tuple(found)


DATASET_CHECKS: tuple[DatasetCheck, ...] = (
    check_structure,
    check_appointments,
    check_rotations,
    check_points,
)
"""The checks ``nbpb validate`` runs, in order; later capabilities append theirs."""


def check_dataset(
    ctx: DatasetContext, checks: Sequence[DatasetCheck] = DATASET_CHECKS
) -> tuple[Finding, ...]:
    """Run ``checks`` over a built dataset; findings sorted errors first."""
    findings = [finding for check in checks for finding in check(ctx)]
    return tuple(sorted(findings, key=Finding.sort_key))
