"""Dataset records (数据集): the versioned document a whole jurisdiction is kept in.

:class:`Dataset` is a plain record of the level schema, the structure records, the posts,
the rotations, the points section (:class:`PointsRecords`) and the rules in force, with the
format name and version every document carries.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs
import pendulum

from neighborhood_pb.calendar.notices import OfficialNotice
from neighborhood_pb.calendar.periods import as_date, as_optional_date
from neighborhood_pb.dataset.cobuild_section import CobuildRecords
from neighborhood_pb.errors import ConflictError, InvalidRecordError
from neighborhood_pb.errors.text import is_blank
from neighborhood_pb.governance.procedures import Procedure
from neighborhood_pb.governance.records import DeliberationRecords
from neighborhood_pb.governance.standing import Residence
from neighborhood_pb.governance.votes import CIVIL_CODE_278, AssemblyRules
from neighborhood_pb.points.catalogue import DEFAULT_CATALOGUE, Catalogue
from neighborhood_pb.points.compliance import DEFAULT_COMPLIANCE, ComplianceRules, HouseholdLink
from neighborhood_pb.points.entries import Entry
from neighborhood_pb.points.levels import DEFAULT_LEVELS, LevelScale
from neighborhood_pb.points.redemption import Goods
from neighborhood_pb.structure.joins import JointUnit, VillageCommunityUnion
from neighborhood_pb.structure.levels import LevelSchema
from neighborhood_pb.structure.posts.appointments import AppointmentRecords
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES, AppointmentRules
from neighborhood_pb.structure.rotations.records import (
    ChairRotationRecords,
    DutyRotationRecords,
)
from neighborhood_pb.structure.rotations.rules import YONGCHUN_DUTY_RULES, RotationRules
from neighborhood_pb.structure.rules import DEFAULT_RULES, OrgRules
from neighborhood_pb.structure.tree import TreeRecords

__all__ = ["DATASET_FORMAT", "DATASET_VERSION", "Dataset", "GovernanceRecords", "PointsRecords"]

DATASET_FORMAT = "neighborhood_pb.dataset"
"""The ``format`` every dataset document names, so that other JSON is recognised as such."""

DATASET_VERSION = 1
"""The newest format version this library reads and writes."""


def _check_title(instance: Dataset, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or is_blank(value):
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


def _notices(value: Iterable[OfficialNotice]) -> tuple[OfficialNotice, ...]:
    notices = tuple(value)
    years = [notice.year for notice in notices]
    twice = sorted({year for year in years if years.count(year) > 1})
    if twice:
        raise ConflictError(
            f"two official notices for {twice[0]}; a dataset carries one per year",
            subject=f"notice {twice[0]}",
            rule="calendar.one_notice_per_year",
        )
    return notices


def _joint_units(value: Iterable[JointUnit]) -> tuple[JointUnit, ...]:
    return tuple(value)


def _unions(value: Iterable[VillageCommunityUnion]) -> tuple[VillageCommunityUnion, ...]:
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


def _procedures(value: Iterable[Procedure]) -> tuple[Procedure, ...]:
    return tuple(value)


def _residences(value: Iterable[Residence]) -> tuple[Residence, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class GovernanceRecords:
    """The governance section of a dataset (议事协商): what the deliberations are rebuilt from.

    Every field has an empty or preset default, so a dataset without deliberations has an
    empty section (and it is not written).

    Attributes:
        deliberations: Matters, steps taken, votes, meetings, publications, closures,
            reviews and ratings (:class:`~neighborhood_pb.governance.DeliberationRecords`).
        procedures: Procedures besides the presets (one with a preset's code replaces it).
        rules: The owners' assembly rules (default: Civil Code art. 278).
        residences: Where people live besides their household records (e.g. a tenant).
    """

    deliberations: DeliberationRecords = attrs.field(factory=DeliberationRecords)
    procedures: tuple[Procedure, ...] = attrs.field(default=(), converter=_procedures)
    rules: AssemblyRules = CIVIL_CODE_278
    residences: tuple[Residence, ...] = attrs.field(default=(), converter=_residences)

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to build: no record of any deliberation."""
        return self.deliberations == DeliberationRecords()


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
        notices: Official holiday notices (节假日安排通知) the bundled calendar lacks, e.g. next
            year's once published; every command reading the dataset uses them.
        joint_units: The units joint organisations join (联建单位: enterprises, resident
            units, compounds, the shops of a commercial district, villages, communities).
        village_community_unions: The 村居合一 unions (两块牌子、一套班子).
        governance: Deliberations (议事协商): matters and their steps, votes, meetings,
            publications and ratings (:class:`GovernanceRecords`).
        cobuild: The four lists and the partnerships (四项清单、共驻共建):
            :class:`~neighborhood_pb.dataset.CobuildRecords`.
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
    notices: tuple[OfficialNotice, ...] = attrs.field(default=(), converter=_notices)
    joint_units: tuple[JointUnit, ...] = attrs.field(default=(), converter=_joint_units)
    village_community_unions: tuple[VillageCommunityUnion, ...] = attrs.field(
        default=(), converter=_unions
    )
    governance: GovernanceRecords = attrs.field(factory=GovernanceRecords)
    cobuild: CobuildRecords = attrs.field(factory=CobuildRecords)
    format: str = attrs.field(default=DATASET_FORMAT, validator=_check_format)
    version: int = attrs.field(default=DATASET_VERSION, validator=_check_version)
