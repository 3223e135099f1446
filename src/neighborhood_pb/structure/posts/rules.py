"""Rules for posts, cross-appointments and evaluations, as a configurable record.

Every number is a default taken from the sources or from public regulations, cited in
:data:`APPOINTMENT_RULE_SOURCES`; an application passes its own
:class:`AppointmentRules` (e.g. ``attrs.evolve(DEFAULT_APPOINTMENT_RULES, ...)``).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_negative_int, whole_in_range
from neighborhood_pb.structure.posts.bodies import BodyKind
from neighborhood_pb.structure.posts.records import PostKind
from neighborhood_pb.structure.rules import PROBATIONARY_SOURCE
from neighborhood_pb.structure.sources import cite, field_sources
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = ["APPOINTMENT_RULE_SOURCES", "DEFAULT_APPOINTMENT_RULES", "AppointmentRules"]

_CROSS_APPOINTMENT = (
    "惠安县: 鼓励社区党员与业委会或物业公司成员“双向进入、交叉任职”; "
    "安溪县: 推行“双向进入、交叉任职”领导机制"
)
_EVALUATION = (
    "永春县: 兼职委员表现情况纳入干部八小时以外考核; "
    "8小时以外都是社区人，上班时间单位管、下班时间社区管"
)
_CHECK_SOURCES = {
    "owners_committee_party_org": "通化县: 新建业委会党组织28个，业委会的筹备有党支部的领导、"
    "业主大会有党支部的监督、业委会的会议有党支部的指导",
    "supervision_conflict": "通化县: 从职能部门和热心居民中挑选优秀人才担任物业监督委员; "
    "利益回避: 物业服务企业人员不监督其自身服务的小区",
    "part_time_basis": "永春县: 选聘在职党员担任社区党委、网格党支部兼职委员; 盐城市: "
    "吸纳驻区单位党组织书记担任兼职委员",
    "references": "数据完整性: 记录有效期内，其引用的组织、区域和人员必须存在并符合条件",
}
"""Sources of the checks that no number of :class:`AppointmentRules` sets."""


def _posts(value: Iterable[PostKind]) -> frozenset[PostKind]:
    return frozenset(value)


def _bodies(value: Iterable[BodyKind]) -> frozenset[BodyKind]:
    return frozenset(value)


def _kinds(value: Iterable[TerritoryKind]) -> frozenset[TerritoryKind]:
    return frozenset(value)


_NON_NEGATIVE = non_negative_int(rule="rules.non_negative")
_PERCENT = whole_in_range(0, 100, rule="rules.percent")


_PARTY_POSTS = frozenset(p for p in PostKind if p.org_forms)
_ELECTED_SEATS = frozenset(
    {PostKind.SECRETARY, PostKind.DEPUTY_SECRETARY, PostKind.COMMITTEE_MEMBER}
)
_COMMITTEE = frozenset(
    {
        PostKind.SECRETARY,
        PostKind.DEPUTY_SECRETARY,
        PostKind.COMMITTEE_MEMBER,
        PostKind.PART_TIME_MEMBER,
    }
)
_BODY_LEADERSHIP = frozenset(
    {
        PostKind.DIRECTOR,
        PostKind.DEPUTY_DIRECTOR,
        PostKind.BODY_MEMBER,
        PostKind.PROPERTY_MANAGER,
    }
)
_OWNERS_COMMITTEE_SEATS = frozenset(
    {PostKind.DIRECTOR, PostKind.DEPUTY_DIRECTOR, PostKind.BODY_MEMBER}
)


@attrs.frozen(kw_only=True)
class AppointmentRules:
    """Rules for appointments, cross-appointments and evaluations.

    Attributes:
        owners_committee_party_share_percent: Target share of party members among an owners'
            committee's members, in percent (60, 通化县).
        max_concurrent_posts: Most posts one person should hold at once (4; no source fixes
            a number: a local default).
        party_member_posts: Posts that, held in a party organisation, require a party member
            (every party post).
        full_member_posts: Posts that require a full member (正式党员), since probationary
            members cannot be elected (书记、副书记、委员).
        single_seat_posts: Posts held by one person at a time per organisation or body
            (书记、主任).
        cross_party_posts: Party posts that count for a cross-appointment: the committee seats.
        cross_body_posts: Body posts that count for a cross-appointment: the leadership and
            members of the body, and the property manager.
        cross_body_kinds: Bodies that cross-appointment joins with the party: owners'
            committee, property company, residents' committee.
        owners_committee_seats: Posts that make someone a member of an owners' committee, for
            the party-member share.
        evaluating_territory_kinds: An evaluating organisation must cover territory of one of
            these kinds: the township (street) committee and the community organisation.
        evaluation_max_score: Highest score an evaluation can give (100).
    """

    owners_committee_party_share_percent: int = attrs.field(
        default=60,
        validator=_PERCENT,
        metadata=cite("通化县: 在新成立和新换届的15个业委会中，党员比例达60%"),
    )
    max_concurrent_posts: int = attrs.field(
        default=4,
        validator=_NON_NEGATIVE,
        metadata=cite("无来源规定具体数字: 本地政策默认值，由应用按当地规定设置"),
    )
    party_member_posts: frozenset[PostKind] = attrs.field(
        default=_PARTY_POSTS,
        converter=_posts,
        metadata=cite("《中国共产党章程》: 党组织的职务由党员担任"),
    )
    full_member_posts: frozenset[PostKind] = attrs.field(
        default=_ELECTED_SEATS, converter=_posts, metadata=cite(PROBATIONARY_SOURCE)
    )
    single_seat_posts: frozenset[PostKind] = attrs.field(
        default=frozenset({PostKind.SECRETARY, PostKind.DIRECTOR}),
        converter=_posts,
        metadata=cite("一个组织同一时间只设一名书记、一名主任"),
    )
    cross_party_posts: frozenset[PostKind] = attrs.field(
        default=_COMMITTEE,
        converter=_posts,
        metadata=cite(_CROSS_APPOINTMENT, key="cross_appointment"),
    )
    cross_body_posts: frozenset[PostKind] = attrs.field(
        default=_BODY_LEADERSHIP,
        converter=_posts,
        metadata=cite(_CROSS_APPOINTMENT, key="cross_appointment"),
    )
    cross_body_kinds: frozenset[BodyKind] = attrs.field(
        default=frozenset(
            {BodyKind.OWNERS_COMMITTEE, BodyKind.PROPERTY_COMPANY, BodyKind.RESIDENTS_COMMITTEE}
        ),
        converter=_bodies,
        metadata=cite(_CROSS_APPOINTMENT, key="cross_appointment"),
    )
    owners_committee_seats: frozenset[PostKind] = attrs.field(
        default=_OWNERS_COMMITTEE_SEATS, converter=_posts
    )
    evaluating_territory_kinds: frozenset[TerritoryKind] = attrs.field(
        default=frozenset(
            {
                TerritoryKind.STREET,
                TerritoryKind.TOWNSHIP,
                TerritoryKind.COMMUNITY,
                TerritoryKind.VILLAGE,
            }
        ),
        converter=_kinds,
        metadata=cite(_EVALUATION, key="evaluation"),
    )
    evaluation_max_score: int = attrs.field(
        default=100, validator=_NON_NEGATIVE, metadata=cite(_EVALUATION, key="evaluation")
    )

    def __attrs_post_init__(self) -> None:
        if not self.full_member_posts <= self.party_member_posts:
            raise InvalidRecordError(
                "AppointmentRules: a post requiring a full member must require a party member",
                rule="rules.member_posts",
            )
        if any(not p.org_forms for p in self.cross_party_posts) or any(
            not p.body_kinds for p in self.cross_body_posts
        ):
            raise InvalidRecordError(
                "AppointmentRules: cross-appointment posts must be party posts on one side and "
                "body posts on the other",
                rule="rules.cross_posts",
            )


APPOINTMENT_RULE_SOURCES: dict[str, str] = {**field_sources(AppointmentRules), **_CHECK_SOURCES}
"""Where each default comes from, the fields' sources then the checks'; findings cite these."""

DEFAULT_APPOINTMENT_RULES = AppointmentRules()
"""The sources' numbers (see :data:`APPOINTMENT_RULE_SOURCES`)."""
