"""Labels as registers write them, to enums (标签): every enum a register fills.

The tables are data kept at the edge, not classmethods on the enums: the aliases are how
platforms happen to write a value ("在职" for 在职党员, "党员中心户" for the contact
household), an import concern the records below this floor need not know.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.posts.bodies import BodyKind
from neighborhood_pb.structure.posts.records import EndReason, PartTimeSource, PostKind
from neighborhood_pb.structure.records import ReportChannel
from neighborhood_pb.structure.territory import TerritoryKind

_E = TypeVar("_E", bound=enum.Enum)

__all__ = ["ALIASES", "LABELLED", "allowed_labels", "from_label", "label_of", "normalise_label"]

LABELLED: tuple[type[enum.Enum], ...] = (
    TerritoryKind,
    OrgForm,
    MembershipKind,
    EmploymentStatus,
    ReportChannel,
    BodyKind,
    PostKind,
    EndReason,
    PartTimeSource,
)
"""Every enum a register fills, each written by its ``label_zh``."""

ALIASES: Mapping[type[enum.Enum], Mapping[str, enum.Enum]] = {
    TerritoryKind: {"镇": TerritoryKind.TOWNSHIP, "村": TerritoryKind.VILLAGE},
    OrgForm: {
        "党员中心户": OrgForm.CONTACT_HOUSEHOLD,
        "党群示范户": OrgForm.CONTACT_HOUSEHOLD,
        "党总支部": OrgForm.GENERAL_BRANCH,
        "总支": OrgForm.GENERAL_BRANCH,
        "支部": OrgForm.BRANCH,
        "兼合式支部": OrgForm.COMPOUND_STYLE_BRANCH,
        "联合支部": OrgForm.JOINT_BRANCH,
        "临时支部": OrgForm.TEMPORARY_BRANCH,
        "党工作委员会": OrgForm.WORKING_COMMITTEE,
    },
    MembershipKind: {
        "正式": MembershipKind.FORMAL,
        "组织关系所在": MembershipKind.FORMAL,
        "兼合式": MembershipKind.COMPOUND_STYLE,
        "兼合": MembershipKind.COMPOUND_STYLE,
    },
    EmploymentStatus: {
        "在职": EmploymentStatus.IN_SERVICE,
        "离退休": EmploymentStatus.RETIRED,
        "退休": EmploymentStatus.RETIRED,
        "离休": EmploymentStatus.RETIRED,
        "退休党员": EmploymentStatus.RETIRED,
        "流动": EmploymentStatus.MOBILE,
        "其它": EmploymentStatus.OTHER,
    },
    ReportChannel: {"线上": ReportChannel.ONLINE, "线下": ReportChannel.OFFLINE},
    BodyKind: {
        "居民委员会": BodyKind.RESIDENTS_COMMITTEE,
        "村委会": BodyKind.RESIDENTS_COMMITTEE,
        "业主委员会": BodyKind.OWNERS_COMMITTEE,
        "物业": BodyKind.PROPERTY_COMPANY,
        "物业公司": BodyKind.PROPERTY_COMPANY,
        "物业企业": BodyKind.PROPERTY_COMPANY,
    },
    PostKind: {
        "党支部书记": PostKind.SECRETARY,
        "主任": PostKind.DIRECTOR,
        "负责人": PostKind.DIRECTOR,
        "委员(非党)": PostKind.BODY_MEMBER,
        "成员": PostKind.BODY_MEMBER,
        "组长": PostKind.GROUP_LEADER,
    },
    EndReason: {"届满": EndReason.TERM_ENDED, "其它": EndReason.OTHER},
    PartTimeSource: {
        "驻区单位": PartTimeSource.RESIDENT_UNIT,
        "两新组织": PartTimeSource.TWO_NEW_ORGANISATION,
    },
}
"""Other ways registers write a value, by enum (the ``label_zh`` and the English value are
always accepted too)."""


def normalise_label(text: str) -> str:
    """A label as compared: full-width forms folded (NFKC), spaces and quotes dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "\"“”'‘’")


def _table(enum_type: type[enum.Enum]) -> dict[str, enum.Enum]:
    table: dict[str, enum.Enum] = {}
    for member in enum_type:
        table[normalise_label(str(member.value))] = member
        label: str = getattr(member, "label_zh")  # noqa: B009 - every labelled enum has one
        table[normalise_label(label)] = member
        for part in label.split("/"):
            table.setdefault(normalise_label(part), member)
    for alias, member in ALIASES.get(enum_type, {}).items():
        table.setdefault(normalise_label(alias), member)
    return table


_TABLES = {enum_type: _table(enum_type) for enum_type in LABELLED}


def from_label(enum_type: type[_E], text: str) -> _E | None:
    """The member of ``enum_type`` that ``text`` names, or ``None`` when none does."""
    member = _TABLES[enum_type].get(normalise_label(text))
    return member if isinstance(member, enum_type) else None


def label_of(member: enum.Enum) -> str:
    """The label a register writes for ``member``: its ``label_zh``."""
    label: str = getattr(member, "label_zh")  # noqa: B009
    return label


def allowed_labels(enum_type: type[enum.Enum]) -> tuple[str, ...]:
    """The labels of ``enum_type`` in order, as a template's drop-down lists them."""
    return tuple(label_of(member) for member in enum_type)
