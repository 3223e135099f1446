"""The party's rules for forming organisations, as a configurable record (组织设置规则).

Every number is a default taken from public regulations, cited field by field; an
application may pass its own :class:`OrgRules` (e.g. ``attrs.evolve(DEFAULT_RULES, ...)``).
"""

from __future__ import annotations

import attrs

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_negative_int, whole_in_range
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.sources import cite, field_sources
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = ["DEFAULT_RULES", "MAX_RULE_DAYS", "MAX_RULE_YEARS", "RULE_SOURCES", "OrgRules"]

BRANCH_REGULATION = "《中国共产党支部工作条例（试行）》(2018)"
CONSTITUTION = "《中国共产党章程》"
ELECTION_REGULATION = "《中国共产党基层组织选举工作条例》(2020)"

_COMMITTEE_SIZE = f"{BRANCH_REGULATION}: 支部委员会一般设委员3至5人，最多不超过7人"
_TERMS = (
    f"{CONSTITUTION}: 基层委员会一般每届5年，总支部、支部委员会一般每届3年；村、社区党组织每届5年"
)
PROBATIONARY_SOURCE = f"{CONSTITUTION} 第七条: 预备党员没有表决权、选举权和被选举权"
"""Why only full members count for elected seats (no field holds it: it is not a number)."""


_NON_NEGATIVE = non_negative_int(rule="rules.non_negative")
"""Every threshold is a count or a length that cannot be negative."""

MAX_RULE_YEARS = 100
"""Longest term or tolerance a rule may set, in years: beyond a century it is a typing error
whose date arithmetic would run off the calendar (rule ``rules.range``)."""
MAX_RULE_DAYS = 36_525
"""Longest window a rule may set, in days (a century; rule ``rules.range``)."""

_YEARS = [_NON_NEGATIVE, whole_in_range(None, MAX_RULE_YEARS, rule="rules.range")]
_DAYS = [_NON_NEGATIVE, whole_in_range(None, MAX_RULE_DAYS, rule="rules.range")]


@attrs.frozen(kw_only=True)
class OrgRules:
    """Member-count thresholds and term lengths for forming organisations.

    Attributes:
        branch_min_full_members: Full members a unit needs to form its own branch (3).
        branch_max_members: Members a branch generally has at most (50).
        joint_branch_max_units: Units a joint branch generally covers at most (5).
        project_branch_min_months: Duration from which a project forms a branch (6).
        committee_min_full_members: Full members from which a branch elects a committee (7).
        committee_min_seats: Smallest branch committee (3).
        committee_usual_max_seats: Usual largest branch committee (5).
        committee_max_seats: Largest branch committee (7).
        secretary_only_max_seats: Seats without a committee: secretary plus deputy (2).
        general_branch_min_members: Members from which a general branch is set up (50).
        grassroots_committee_min_members: Members from which a committee is set up (100).
        committee_term_years: Term of a grassroots committee (5).
        branch_term_years: Term of a general branch or branch (3).
        community_term_years: Term of any elected org at village or community level (5).
        term_tolerance_years: How far an election may be advanced or delayed (1).
        term_due_window_days: How early a coming election is reported (90).
        compound_style_min_full_members: Full participants a compound-style branch
            (兼合式党支部) needs; 0, the library's default, applies no minimum.
    """

    branch_min_full_members: int = attrs.field(
        default=3,
        validator=_NON_NEGATIVE,
        metadata=cite(f"{BRANCH_REGULATION}: 有正式党员3人以上的单位应当成立党支部"),
    )
    branch_max_members: int = attrs.field(
        default=50,
        validator=_NON_NEGATIVE,
        metadata=cite(f"{BRANCH_REGULATION}: 党支部党员人数一般不超过50人"),
    )
    joint_branch_max_units: int = attrs.field(
        default=5,
        validator=_NON_NEGATIVE,
        metadata=cite(f"{BRANCH_REGULATION}: 联合党支部覆盖单位一般不超过5个"),
    )
    project_branch_min_months: int = attrs.field(
        default=6,
        validator=_NON_NEGATIVE,
        metadata=cite(f"{BRANCH_REGULATION}: 工作期限6个月以上的项目应当成立党支部"),
    )
    committee_min_full_members: int = attrs.field(
        default=7,
        validator=_NON_NEGATIVE,
        metadata=cite(f"{BRANCH_REGULATION}: 有正式党员7人以上的党支部设立支部委员会"),
    )
    committee_min_seats: int = attrs.field(
        default=3, validator=_NON_NEGATIVE, metadata=cite(_COMMITTEE_SIZE, key="committee_size")
    )
    committee_usual_max_seats: int = attrs.field(
        default=5, validator=_NON_NEGATIVE, metadata=cite(_COMMITTEE_SIZE, key="committee_size")
    )
    committee_max_seats: int = attrs.field(
        default=7, validator=_NON_NEGATIVE, metadata=cite(_COMMITTEE_SIZE, key="committee_size")
    )
    secretary_only_max_seats: int = attrs.field(
        default=2,
        validator=_NON_NEGATIVE,
        metadata=cite(
            f"{BRANCH_REGULATION}: 不足7人的不设支部委员会，设书记1人，必要时设副书记1人",
            key="secretary_only_seats",
        ),
    )
    general_branch_min_members: int = attrs.field(
        default=50,
        validator=_NON_NEGATIVE,
        metadata=cite(f"{CONSTITUTION} / 基层组织设置惯例: 党员50人以上的设立党总支"),
    )
    grassroots_committee_min_members: int = attrs.field(
        default=100,
        validator=_NON_NEGATIVE,
        metadata=cite("党员100人以上的设立基层党委 (城市安置区: 100人以上设二级党委)"),
    )
    committee_term_years: int = attrs.field(
        default=5, validator=_YEARS, metadata=cite(_TERMS, key="terms")
    )
    branch_term_years: int = attrs.field(
        default=3, validator=_YEARS, metadata=cite(_TERMS, key="terms")
    )
    community_term_years: int = attrs.field(
        default=5, validator=_YEARS, metadata=cite(_TERMS, key="terms")
    )
    term_tolerance_years: int = attrs.field(
        default=1,
        validator=_YEARS,
        metadata=cite(f"{ELECTION_REGULATION}: 提前或延期换届一般不超过1年"),
    )
    term_due_window_days: int = attrs.field(default=90, validator=_DAYS)
    compound_style_min_full_members: int = attrs.field(
        default=0,
        validator=_NON_NEGATIVE,
        metadata=cite(
            f"{BRANCH_REGULATION}: 有正式党员3人以上的单位应当成立党支部 — the minimum counts a "
            "unit's formal members (组织关系); a compound-style branch holds none, so by this "
            "library's default (0) no minimum applies to one"
        ),
    )

    def __attrs_post_init__(self) -> None:
        if not (
            self.committee_min_seats <= self.committee_usual_max_seats <= self.committee_max_seats
        ):
            raise InvalidRecordError(
                "OrgRules: committee seats must satisfy min <= usual max <= max",
                rule="rules.committee_size",
            )
        if self.general_branch_min_members > self.grassroots_committee_min_members:
            raise InvalidRecordError(
                "OrgRules: a general branch threshold above the committee threshold",
                rule="rules.thresholds",
            )

    def term_years(self, form: OrgForm, territory_kinds: frozenset[TerritoryKind]) -> int | None:
        """Term length in years for an org of ``form`` at a level covering ``territory_kinds``.

        Returns ``None`` for forms that hold no elections (working committees, groups,
        households, temporary branches).
        """
        if not form.is_elected:
            return None
        if territory_kinds & {TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE}:
            return self.community_term_years
        if form in (OrgForm.COMMITTEE, OrgForm.GRAND_COMMITTEE):
            return self.committee_term_years
        return self.branch_term_years


RULE_SOURCES: dict[str, str] = {**field_sources(OrgRules), "probationary": PROBATIONARY_SOURCE}
"""Where each default comes from, derived from the fields' sources; findings cite these."""

DEFAULT_RULES = OrgRules()
"""The regulations' numbers (see :data:`RULE_SOURCES`)."""
