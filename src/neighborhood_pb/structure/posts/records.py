"""Posts (职务) in party organisations and non-party bodies, and appointments to them (任职).

An :class:`Appointment` is an effective-dated record: who holds which post, in which party
organisation or body, from when until when, and why it ended. Ending an appointment sets its
end; nothing is deleted. What a record can check on its own is checked here; references are
checked by the appointments aggregate.
"""

from __future__ import annotations

import enum

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.posts.bodies import BodyKind
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = [
    "COMMITTEE_SEATS",
    "Appointment",
    "EndReason",
    "PartTimeBasis",
    "PartTimeSource",
    "PostKind",
]

_B = BodyKind
_F = OrgForm
_T = TerritoryKind


class PostKind(enum.Enum):
    """A post in a party organisation or in a non-party body."""

    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    COMMITTEE_MEMBER = "committee_member"
    PART_TIME_MEMBER = "part_time_member"
    GROUP_LEADER = "group_leader"
    BUILDING_HEAD = "building_head"
    UNIT_HEAD = "unit_head"
    GRID_WORKER = "grid_worker"
    PARTY_BUILDING_INSTRUCTOR = "party_building_instructor"
    DIRECTOR = "director"
    DEPUTY_DIRECTOR = "deputy_director"
    BODY_MEMBER = "body_member"
    PROPERTY_MANAGER = "property_manager"
    PROPERTY_SUPERVISION_MEMBER = "property_supervision_member"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return _LABELS[self]

    @property
    def org_forms(self) -> frozenset[OrgForm]:
        """Forms of party organisation the post may be held in (empty: none)."""
        return _ORG_FORMS.get(self, frozenset())

    @property
    def body_kinds(self) -> frozenset[BodyKind]:
        """Kinds of non-party body the post may be held in (empty: none)."""
        return _BODY_KINDS.get(self, frozenset())

    @property
    def territory_kind(self) -> TerritoryKind | None:
        """Kind of territory the holder answers for (楼栋、单元、网格、小区), if any."""
        return _TERRITORY.get(self)

    @property
    def territory_required(self) -> bool:
        """Whether an appointment to the post must name the territory it answers for."""
        return self in _TERRITORY and self not in _TERRITORY_OPTIONAL

    @property
    def is_committee_seat(self) -> bool:
        """Whether the post is a seat on the organisation's committee (班子成员)."""
        return self in COMMITTEE_SEATS


COMMITTEE_SEATS = frozenset(
    {
        PostKind.SECRETARY,
        PostKind.DEPUTY_SECRETARY,
        PostKind.COMMITTEE_MEMBER,
        PostKind.PART_TIME_MEMBER,
    }
)
"""Seats on a party organisation's committee (书记、副书记、委员、兼职委员)."""

_LABELS = {
    PostKind.SECRETARY: "书记",
    PostKind.DEPUTY_SECRETARY: "副书记",
    PostKind.COMMITTEE_MEMBER: "委员",
    PostKind.PART_TIME_MEMBER: "兼职委员",
    PostKind.GROUP_LEADER: "党小组长",
    PostKind.BUILDING_HEAD: "楼栋长",
    PostKind.UNIT_HEAD: "单元长",
    PostKind.GRID_WORKER: "网格员",
    PostKind.PARTY_BUILDING_INSTRUCTOR: "党建指导员",
    PostKind.DIRECTOR: "主任/负责人",
    PostKind.DEPUTY_DIRECTOR: "副主任",
    PostKind.BODY_MEMBER: "委员/成员",
    PostKind.PROPERTY_MANAGER: "物业经理",
    PostKind.PROPERTY_SUPERVISION_MEMBER: "物业监督委员",
}
_LEADING = frozenset(f for f in OrgForm if f not in (_F.PARTY_GROUP, _F.CONTACT_HOUSEHOLD))
_HEADS = frozenset(f for f in OrgForm if f is not _F.CONTACT_HOUSEHOLD)
_ORG_FORMS: dict[PostKind, frozenset[OrgForm]] = {
    PostKind.SECRETARY: _LEADING,
    PostKind.DEPUTY_SECRETARY: _LEADING,
    PostKind.COMMITTEE_MEMBER: _LEADING,
    PostKind.PART_TIME_MEMBER: _LEADING,
    PostKind.GROUP_LEADER: frozenset({_F.PARTY_GROUP}),
    PostKind.BUILDING_HEAD: _HEADS,
    PostKind.UNIT_HEAD: _HEADS,
    PostKind.PARTY_BUILDING_INSTRUCTOR: _LEADING,
}
_ALL_BODIES = frozenset(BodyKind)
_BODY_KINDS: dict[PostKind, frozenset[BodyKind]] = {
    PostKind.BUILDING_HEAD: frozenset({_B.RESIDENTS_COMMITTEE, _B.OWNERS_COMMITTEE}),
    PostKind.UNIT_HEAD: frozenset({_B.RESIDENTS_COMMITTEE, _B.OWNERS_COMMITTEE}),
    PostKind.GRID_WORKER: frozenset({_B.RESIDENTS_COMMITTEE}),
    PostKind.DIRECTOR: _ALL_BODIES,
    PostKind.DEPUTY_DIRECTOR: _ALL_BODIES,
    PostKind.BODY_MEMBER: _ALL_BODIES,
    PostKind.PROPERTY_MANAGER: frozenset({_B.PROPERTY_COMPANY}),
    PostKind.PROPERTY_SUPERVISION_MEMBER: frozenset({_B.RESIDENTS_COMMITTEE, _B.OWNERS_COMMITTEE}),
}
_TERRITORY: dict[PostKind, TerritoryKind] = {
    PostKind.BUILDING_HEAD: _T.BUILDING,
    PostKind.UNIT_HEAD: _T.UNIT,
    PostKind.GRID_WORKER: _T.GRID,
    PostKind.PROPERTY_MANAGER: _T.COMPOUND,
    PostKind.PROPERTY_SUPERVISION_MEMBER: _T.COMPOUND,
}

_TERRITORY_OPTIONAL = frozenset({PostKind.PROPERTY_MANAGER})
"""A property manager may answer for one compound, or for the company's whole service."""


class EndReason(enum.Enum):
    """Why an appointment ended (离任原因)."""

    TERM_ENDED = "term_ended"
    RESIGNED = "resigned"
    REMOVED = "removed"
    TRANSFERRED = "transferred"
    MEMBERSHIP_ENDED = "membership_ended"
    BODY_DISSOLVED = "body_dissolved"
    DECEASED = "deceased"
    OTHER = "other"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return {
            EndReason.TERM_ENDED: "任期届满",
            EndReason.RESIGNED: "辞职",
            EndReason.REMOVED: "免职",
            EndReason.TRANSFERRED: "调离",
            EndReason.MEMBERSHIP_ENDED: "组织关系转出",
            EndReason.BODY_DISSOLVED: "组织撤销",
            EndReason.DECEASED: "去世",
            EndReason.OTHER: "其他",
        }[self]


class PartTimeSource(enum.Enum):
    """Where a part-time committee member (兼职委员) comes from."""

    RESIDENT_UNIT = "resident_unit"
    IN_SERVICE_MEMBER = "in_service_member"
    TWO_NEW_ORGANISATION = "two_new_organisation"
    OTHER = "other"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return {
            PartTimeSource.RESIDENT_UNIT: "驻区单位党组织负责人",
            PartTimeSource.IN_SERVICE_MEMBER: "在职党员",
            PartTimeSource.TWO_NEW_ORGANISATION: "“两新”组织",
            PartTimeSource.OTHER: "其他",
        }[self]


@attrs.frozen(kw_only=True)
class PartTimeBasis:
    """What makes someone eligible as a part-time committee member: the outside tie.

    At least one tie is named; when every named tie has ended the appointment is reported by
    the checks (the member has lost the standing for which they were chosen).

    Attributes:
        source: Where the member comes from.
        unit_id: The resident unit or social organisation (a body) they come from; required
            when ``source`` is a resident unit.
        appointment_id: Their outside post (e.g. secretary of the unit's party organisation).
        membership_id: Their formal membership (组织关系) in the tree.
        report_id: Their residential report (到社区报到) as an in-service member.
    """

    source: PartTimeSource
    unit_id: str | None = None
    appointment_id: str | None = None
    membership_id: str | None = None
    report_id: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.appointment_id is None and self.membership_id is None and self.report_id is None:
            raise InvalidRecordError(
                "a part-time member's basis names no outside post, membership or report",
                rule="part_time.basis",
            )
        if self.source is PartTimeSource.RESIDENT_UNIT and self.unit_id is None:
            raise InvalidRecordError(
                "a part-time member from a resident unit must name the unit (驻区单位)",
                rule="part_time.basis",
            )


def _fail(appointment_id: str, message: str, rule: str) -> InvalidRecordError:
    return InvalidRecordError(
        f"appointment {appointment_id}: {message}", subject=appointment_id, rule=rule
    )


@attrs.frozen(kw_only=True)
class Appointment:
    """Someone holds a post in a party organisation or a non-party body for a period (任职).

    Attributes:
        id: Unique identifier.
        person_id: Who holds the post.
        post: Which post.
        period: When they hold it.
        org_id: The party organisation (exactly one of ``org_id`` and ``body_id``).
        body_id: The non-party body.
        territory_id: The building, unit, grid or compound the holder answers for (required
            for building and unit heads, grid workers and property supervision members;
            optional for property managers; not allowed otherwise).
        end_reason: Why it ended (only once it has an end).
        part_time: For a part-time committee member, the outside tie (required for that post,
            not allowed otherwise).
    """

    id: str = attrs.field(validator=non_empty_text)
    person_id: str
    post: PostKind
    period: Period
    org_id: str | None = None
    body_id: str | None = None
    territory_id: str | None = None
    end_reason: EndReason | None = None
    part_time: PartTimeBasis | None = None

    def __attrs_post_init__(self) -> None:
        post = self.post
        if (self.org_id is None) == (self.body_id is None):
            raise _fail(
                self.id, "name exactly one party organisation or body", "appointment.holder"
            )
        if self.org_id is not None and not post.org_forms:
            raise _fail(
                self.id, f"a {post.label_zh} is not a post in a party organisation", "post.context"
            )
        if self.body_id is not None and not post.body_kinds:
            raise _fail(
                self.id, f"a {post.label_zh} is not a post in a non-party body", "post.context"
            )
        if post.territory_required and self.territory_id is None:
            assert post.territory_kind is not None
            raise _fail(
                self.id,
                f"a {post.label_zh} answers for a {post.territory_kind.label_zh}; name it",
                "post.territory",
            )
        if post.territory_kind is None and self.territory_id is not None:
            raise _fail(
                self.id, f"a {post.label_zh} answers for no particular territory", "post.territory"
            )
        if self.end_reason is not None and self.period.end is None:
            raise _fail(self.id, "an end reason without an end", "history.end_dated")
        if (post is PostKind.PART_TIME_MEMBER) != (self.part_time is not None):
            raise _fail(
                self.id,
                "a part-time committee member (兼职委员), and only one, names its outside basis",
                "part_time.basis",
            )
        if self.part_time is not None and self.part_time.appointment_id == self.id:
            raise _fail(self.id, "cannot be its own outside basis", "part_time.basis")

    @property
    def holder_id(self) -> str:
        """The party organisation or body the post is held in."""
        holder = self.org_id if self.org_id is not None else self.body_id
        assert holder is not None
        return holder

    @property
    def in_party_org(self) -> bool:
        """Whether the post is held in a party organisation."""
        return self.org_id is not None
