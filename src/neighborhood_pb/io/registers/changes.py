"""The changes a monthly reconciliation finds (台账变更): one record per aggregate command.

Each :class:`Change` names the command of :class:`~neighborhood_pb.structure.tree.OrgTree`
or :class:`~neighborhood_pb.structure.posts.Appointments` that carries it out
(:attr:`ChangeKind.command`), the record before and after, the day and, when the reader
knows it, the register row it comes from (:class:`RowSource`).
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts.records import Appointment
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory

__all__ = ["Change", "ChangeKind", "Record", "RowSource"]

Record = Territory | Person | Organisation | Coverage | Membership | Report | Appointment
"""A record a change starts, ends or replaces."""


class ChangeKind(enum.Enum):
    """What a change does, in the order a month's changes are applied (变更类型)."""

    ADD_TERRITORY = "add_territory"
    ADD_PERSON = "add_person"
    UPDATE_PERSON = "update_person"
    FOUND_ORG = "found_org"
    RENAME_ORG = "rename_org"
    MOVE_ORG = "move_org"
    REFORM_ORG = "reform_org"
    COVER = "cover"
    END_MEMBERSHIP = "end_membership"
    TRANSFER = "transfer"
    START_MEMBERSHIP = "start_membership"
    END_REPORT = "end_report"
    START_REPORT = "start_report"
    END_APPOINTMENT = "end_appointment"
    APPOINT = "appoint"
    UNCOVER = "uncover"
    DISSOLVE_ORG = "dissolve_org"

    @property
    def rank(self) -> int:
        """Position in the order of application: parents before children, ends before
        starts, an organisation emptied before it is dissolved."""
        return _RANKS[self]

    @property
    def command(self) -> str:
        """The aggregate command that carries the change out."""
        return _COMMANDS[self]

    @property
    def label_zh(self) -> str:
        """Chinese name (e.g. 新增党员)."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """English name."""
        return _LABELS[self][1]

    def label(self, lang: str = "zh") -> str:
        """The name in ``lang`` (``zh`` or ``en``)."""
        return self.label_zh if lang == "zh" else self.label_en


_RANKS = {kind: rank for rank, kind in enumerate(ChangeKind)}

_COMMANDS = {
    ChangeKind.ADD_TERRITORY: "OrgTree.add_territory",
    ChangeKind.ADD_PERSON: "OrgTree.add_person",
    ChangeKind.UPDATE_PERSON: "OrgTree.update_person",
    ChangeKind.FOUND_ORG: "OrgTree.found",
    ChangeKind.RENAME_ORG: "OrgTree.rename",
    ChangeKind.MOVE_ORG: "OrgTree.move",
    ChangeKind.REFORM_ORG: "OrgTree.reform",
    ChangeKind.COVER: "OrgTree.cover",
    ChangeKind.END_MEMBERSHIP: "OrgTree.end_membership",
    ChangeKind.TRANSFER: "OrgTree.transfer",
    ChangeKind.START_MEMBERSHIP: "OrgTree.add_membership",
    ChangeKind.END_REPORT: "OrgTree.end_report",
    ChangeKind.START_REPORT: "OrgTree.add_report",
    ChangeKind.END_APPOINTMENT: "Appointments.end_appointment",
    ChangeKind.APPOINT: "Appointments.appoint",
    ChangeKind.UNCOVER: "OrgTree.uncover",
    ChangeKind.DISSOLVE_ORG: "OrgTree.dissolve",
}

_LABELS = {
    ChangeKind.ADD_TERRITORY: ("新增地域", "new territory"),
    ChangeKind.ADD_PERSON: ("新增人员", "new person"),
    ChangeKind.UPDATE_PERSON: ("更新人员信息", "person updated"),
    ChangeKind.FOUND_ORG: ("成立组织", "organisation founded"),
    ChangeKind.RENAME_ORG: ("组织更名", "organisation renamed"),
    ChangeKind.MOVE_ORG: ("调整上级组织", "organisation moved"),
    ChangeKind.REFORM_ORG: ("变更组织形式", "organisation re-formed"),
    ChangeKind.COVER: ("新增覆盖", "coverage started"),
    ChangeKind.END_MEMBERSHIP: ("党员减少", "member leaves"),
    ChangeKind.TRANSFER: ("转接组织关系", "membership transferred"),
    ChangeKind.START_MEMBERSHIP: ("新增党员", "new member"),
    ChangeKind.END_REPORT: ("撤销报到", "report revoked"),
    ChangeKind.START_REPORT: ("新增报到", "new report"),
    ChangeKind.END_APPOINTMENT: ("免职", "appointment ended"),
    ChangeKind.APPOINT: ("任职", "appointment"),
    ChangeKind.UNCOVER: ("结束覆盖", "coverage ended"),
    ChangeKind.DISSOLVE_ORG: ("撤销组织", "organisation dissolved"),
}


@attrs.frozen(kw_only=True)
class RowSource:
    """Where a record was read: a register's sheet and row (台账行).

    Attributes:
        sheet: The sheet (or file) name, e.g. "党员名册".
        row: The row number as a spreadsheet shows it (1 is the first row).
    """

    sheet: str
    row: int


@attrs.frozen(kw_only=True)
class Change:
    """One change of a month, carried out by one aggregate command (变更).

    Attributes:
        kind: What it does; ``kind.command`` names the command.
        subject_id: The record it is about: a person for memberships, reports and
            appointments, otherwise the record itself (an organisation, a territory).
        subject_name: The subject's name ("" when it has none).
        on: The day it takes effect.
        before: The record in effect before (``None`` for a start).
        after: The record after (``None`` for an end; for an organisation change, the new
            version).
        target_id: What the subject joins or answers to (an organisation, a territory);
            "" when nothing.
        target_name: Its name.
        origin_id: What the subject leaves; "" when nothing.
        origin_name: Its name.
        detail: Anything else a reader needs (the old name, the forms, the post, the
            fields of a person that change).
        source: The register row of the incoming record, when the reader gave it.
    """

    kind: ChangeKind
    subject_id: str
    on: pendulum.Date
    subject_name: str = ""
    before: Record | None = None
    after: Record | None = None
    target_id: str = ""
    target_name: str = ""
    origin_id: str = ""
    origin_name: str = ""
    detail: str = ""
    source: RowSource | None = None

    @property
    def arguments(self) -> tuple[tuple[str, object], ...]:
        """The command's arguments by name, as :meth:`apply` passes them."""
        return _arguments(self)


def _arguments(change: Change) -> tuple[tuple[str, object], ...]:
    before, after, on = change.before, change.after, change.on
    kind = change.kind
    if kind is ChangeKind.TRANSFER:
        assert isinstance(before, Membership)
        assert isinstance(after, Membership)
        return (
            ("membership_id", before.id),
            ("new_membership_id", after.id),
            ("org_id", after.org_id),
            ("on", on),
        )
    if kind in _ORG_FIELDS:
        assert isinstance(after, Organisation)
        field = _ORG_FIELDS[kind]
        return (("org_id", after.id), (field, getattr(after, field)), ("on", on))
    if kind is ChangeKind.UNCOVER:
        assert isinstance(before, Coverage)
        return (("org_id", before.org_id), ("territory_id", before.territory_id), ("on", on))
    if after is not None:
        return ((type(after).__name__.lower(), after),)
    assert before is not None
    name = "org_id" if isinstance(before, Organisation) else f"{type(before).__name__.lower()}_id"
    return ((name, getattr(before, "id", "")), ("on", on))


_ORG_FIELDS = {
    ChangeKind.RENAME_ORG: "name",
    ChangeKind.MOVE_ORG: "parent_id",
    ChangeKind.REFORM_ORG: "form",
}
