"""Compliance of in-service members (在职党员履职检查), as of a date, returning findings.

永春县 asks every in-service member who reported to a community to serve there at least once
a quarter, to link at least ten households ("1+10"), to make the four must-visits (四必访) and
to come home on the home day (回家日, the last Sunday of each month). Each check below turns one
of these into :class:`~neighborhood_pb.errors.Finding` records for the members who fall
short; the thresholds are a :class:`ComplianceRules` record. "1+10" links are records of
their own, kept in :class:`HouseholdLinks`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, PeriodKind, as_date
from neighborhood_pb.errors import (
    ConflictError,
    Finding,
    ParamValue,
    RuleViolationError,
    Severity,
)
from neighborhood_pb.errors.validators import non_empty_text, non_negative_int
from neighborhood_pb.history import Register, load_section
from neighborhood_pb.points.catalogue import MUST_VISIT_ROLES, ServiceRole
from neighborhood_pb.points.entries import ClaimStatus
from neighborhood_pb.points.instants import cycle, local_midnight
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.points.sources import POINTS_SOURCES, SOURCE_SILENT
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.records import Report
from neighborhood_pb.structure.sources import cite
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "COMPLIANCE_CHECKS",
    "DEFAULT_COMPLIANCE",
    "ComplianceCheck",
    "ComplianceContext",
    "ComplianceRules",
    "HouseholdLink",
    "HouseholdLinks",
    "MustVisitTally",
    "check_home_days",
    "check_household_links",
    "check_must_visits",
    "check_quarterly_service",
    "last_completed_quarter",
    "must_visit_tallies",
    "run_compliance",
]


_NON_NEGATIVE = non_negative_int(rule="rules.non_negative")
"""Thresholds keep the rule code of every preset's numbers."""


@attrs.frozen(kw_only=True)
class ComplianceRules:
    """Thresholds of the compliance checks.

    Attributes:
        services_per_quarter: Approved services each reported in-service member owes a
            quarter (1; 永春县: 每季度至少到所在社区报到服务1次).
        households_per_member: Households each in-service member links (10; 永春县 "1+10").
        must_visits_per_quarter: Must-visit services (all four kinds together) expected a
            quarter; the sources set none (0: counted, never a finding).
        home_day_attendance: Whether missing a home day is a finding (the source calls the
            home day the members' unified day but states no attendance rule; on by default).
    """

    services_per_quarter: int = attrs.field(
        default=1,
        validator=_NON_NEGATIVE,
        metadata=cite(POINTS_SOURCES["quarterly_service"], key="quarterly_service"),
    )
    households_per_member: int = attrs.field(
        default=10,
        validator=_NON_NEGATIVE,
        metadata=cite(POINTS_SOURCES["household_links"], key="household_links"),
    )
    must_visits_per_quarter: int = attrs.field(
        default=0, validator=_NON_NEGATIVE, metadata=cite(SOURCE_SILENT)
    )
    home_day_attendance: bool = attrs.field(
        default=True, metadata=cite(POINTS_SOURCES["home_day"], key="home_day")
    )


DEFAULT_COMPLIANCE = ComplianceRules()
"""永春县's figures; ``must_visits_per_quarter`` is 0 because the sources give none."""


@attrs.frozen(kw_only=True)
class HouseholdLink:
    """An in-service member links a household ("1+10" 帮联户) for a period.

    Attributes:
        id: Unique identifier.
        person_id: The member.
        household_id: The household territory.
        period: When the link holds.
    """

    id: str = attrs.field(validator=non_empty_text)
    person_id: str = attrs.field(validator=non_empty_text)
    household_id: str = attrs.field(validator=non_empty_text)
    period: Period


class HouseholdLinks:
    """The "1+10" links of a county's members: an aggregate over an :class:`OrgTree`.

    Invariants: every link names a person and a household of the tree and lies within the
    household's life; a member links the same household at most once at a time. Ending a
    link end-dates it; nothing is deleted.
    """

    def __init__(self, tree: OrgTree) -> None:
        """No links yet, over ``tree``."""
        self.tree = tree
        self._links: Register[HouseholdLink] = Register("link")
        self._by_person: dict[str, list[str]] = {}

    @classmethod
    def from_records(cls, tree: OrgTree, links: Iterable[HouseholdLink]) -> HouseholdLinks:
        """Build from records, each validated as :meth:`add` would.

        Raises:
            NeighborhoodPBError: the first link refused, marked with its ``section``
                (``"household_links"``) and its ``index``.
        """
        result = cls(tree)
        load_section("household_links", tuple(links), result.add)
        return result

    def records(self) -> tuple[HouseholdLink, ...]:
        """Every link, in the order added."""
        return tuple(self._links)

    def add(self, link: HouseholdLink) -> None:
        """Record a link.

        Raises:
            ConflictError: the id is taken, or the member links the household meanwhile.
            UnknownRecordError: the person or household does not exist.
            RuleViolationError: the household is not a household, or the link outlives it.
        """
        self._links.check_new(link.id)
        self.tree.person(link.person_id)
        household = self.tree.territories.get(link.household_id)
        if household.kind is not TerritoryKind.HOUSEHOLD:
            raise RuleViolationError(
                f"link {link.id}: {household.id} is a {household.kind.label_zh}, not a household",
                subject=link.id,
                rule="link.household",
            )
        if not link.period.within(household.period):
            raise RuleViolationError(
                f"link {link.id} {link.period} falls outside the life of {household.id}",
                subject=link.id,
                rule="link.within_lifetime",
            )
        other = self._links.overlapping(
            self._by_person.get(link.person_id, ()),
            link.period,
            lambda other: other.household_id == link.household_id,
        )
        if other is not None:
            raise ConflictError(
                f"link {link.id}: {link.person_id} already links {link.household_id} "
                f"through {other.id}",
                subject=link.id,
                rule="link.unique",
            )
        self._links.put(link.id, link)
        self._by_person.setdefault(link.person_id, []).append(link.id)

    def end(self, link_id: str, on: _dt.date | str) -> HouseholdLink:
        """End an open link on ``on``; returns the ended record.

        Raises:
            UnknownRecordError: no such link.
            RuleViolationError: it is already ended, or ``on`` is not after its start.
        """
        day = as_date(on, "on")
        return self._links.end(link_id, day, planned=False)

    def households_of(self, person_id: str, on: _dt.date | str) -> frozenset[str]:
        """Households a member links on ``on``."""
        on = as_date(on, "on")
        links = (self._links[i] for i in self._by_person.get(person_id, ()))
        return frozenset(link.household_id for link in links if link.period.contains(on))


@attrs.frozen(kw_only=True)
class MustVisitTally:
    """How many approved must-visit services (四必访) a member made in a period.

    Attributes:
        member_id: The member.
        period: The period of the service dates.
        hardship: Visits to people in hardship (走访困难群众).
        illness: Visits to the sick (探访生病群众).
        unusual_family: Visits to families in an unusual situation (察访异常家庭).
        dispute: Neighbour disputes received (接访邻里纠纷).
    """

    member_id: str
    period: Period
    hardship: int = 0
    illness: int = 0
    unusual_family: int = 0
    dispute: int = 0

    @property
    def total(self) -> int:
        """All four together."""
        return self.hardship + self.illness + self.unusual_family + self.dispute


def last_completed_quarter(as_of: _dt.date | str) -> Period:
    """The latest calendar quarter that has ended by ``as_of`` (its end is on or before)."""
    as_of = as_date(as_of, "as_of")
    current = cycle(PeriodKind.QUARTER, as_of)
    return cycle(PeriodKind.QUARTER, current.start.subtract(days=1))


def _dates(value: Iterable[_dt.date | str]) -> tuple[pendulum.Date, ...]:
    return tuple(sorted({as_date(day) for day in value}))


def _as_of(value: Any) -> pendulum.Date:
    return as_date(value, "as_of")


@attrs.frozen(kw_only=True, eq=False)
class ComplianceContext:
    """What the compliance checks look at.

    Attributes:
        ledger: The points ledger (with its organisation tree and catalogue).
        org_id: The organisation whose territory is checked (a community, a street).
        as_of: The day the checks are made on; the quarterly checks look at the last
            quarter completed by then.
        rules: The thresholds.
        links: The "1+10" links (``None``: none recorded).
        home_days: Home days to check (回家日, computed by the civic calendar); only those
            before ``as_of`` are checked.
    """

    ledger: Ledger
    org_id: str
    as_of: pendulum.Date = attrs.field(converter=_as_of)
    rules: ComplianceRules = DEFAULT_COMPLIANCE
    links: HouseholdLinks | None = None
    home_days: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=_dates)

    @property
    def cut(self) -> _dt.datetime:
        """The end of the as-of day in the ledger's zone: entries made from then on (a
        review or a reversal made later) are not counted."""
        return local_midnight(self.as_of.add(days=1), self.ledger.zone)

    @property
    def quarter(self) -> Period:
        """The quarter the quarterly checks look at."""
        return last_completed_quarter(self.as_of)

    def members(self, on: _dt.date | str) -> tuple[Report, ...]:
        """Reports in effect on ``on`` of in-service party members inside the org's
        territory, ordered by member."""
        on = as_date(on, "on")
        tree = self.ledger.tree
        result = []
        for report in self.ledger.tree.reported_members(self.org_id, on):
            person = tree.person(report.person_id)
            if person.employment is EmploymentStatus.IN_SERVICE and person.is_party_member(on):
                result.append(report)
        return tuple(sorted(result, key=lambda r: r.person_id))

    def members_throughout(self, period: Period) -> tuple[Report, ...]:
        """Members reported inside the territory on the period's last day whose report covers
        the whole period (a member who reported mid-period is not held to it)."""
        last_day = period.closed_end("quarter").subtract(days=1)
        return tuple(r for r in self.members(last_day) if period.within(r.period))


ComplianceCheck = Callable[[ComplianceContext], Iterable[Finding]]
"""A compliance check: reads the context, yields findings."""


def _finding(
    ctx: ComplianceContext, code: str, member_id: str, message: str, rule: str, **params: ParamValue
) -> Finding:
    return Finding(
        code=code,
        severity=Severity.WARNING,
        subject=member_id,
        subject_name=ctx.ledger.tree.person(member_id).name,
        message=message,
        rule=rule,
        params=params,
    )


def _span(period: Period) -> dict[str, ParamValue]:
    """A closed period's figures: first day, end (exclusive) and last day."""
    assert period.end is not None  # quarters are closed
    return {"start": period.start, "end": period.end, "last": period.end.subtract(days=1)}


def check_quarterly_service(ctx: ComplianceContext) -> Iterator[Finding]:
    """Members with fewer approved services than required in the last completed quarter."""
    quarter, need = ctx.quarter, ctx.rules.services_per_quarter
    for report in ctx.members_throughout(quarter):
        approved = ctx.ledger.claims_of(
            report.person_id, status=ClaimStatus.APPROVED, period=quarter, before=ctx.cut
        )
        done = len(approved)
        if done < need:
            yield _finding(
                ctx,
                "points.quarterly_service",
                report.person_id,
                f"{report.person_id} (reported to {report.community_id}) made {done} approved "
                f"service(s) in {quarter}; {need} required",
                POINTS_SOURCES["quarterly_service"],
                community=report.community_id,
                done=done,
                **_span(quarter),
                required=need,
            )


def check_household_links(ctx: ComplianceContext) -> Iterator[Finding]:
    """Members linking fewer households than required ("1+10") on the day."""
    need = ctx.rules.households_per_member
    for report in ctx.members(ctx.as_of):
        linked = (
            0 if ctx.links is None else len(ctx.links.households_of(report.person_id, ctx.as_of))
        )
        if linked < need:
            yield _finding(
                ctx,
                "points.household_links",
                report.person_id,
                f"{report.person_id} links {linked} household(s) on {ctx.as_of}; {need} required",
                POINTS_SOURCES["household_links"],
                linked=linked,
                on=ctx.as_of,
                required=need,
            )


_TALLY_FIELDS = {
    ServiceRole.VISIT_HARDSHIP: "hardship",
    ServiceRole.VISIT_ILLNESS: "illness",
    ServiceRole.VISIT_UNUSUAL_FAMILY: "unusual_family",
    ServiceRole.VISIT_DISPUTE: "dispute",
}


def must_visit_tallies(
    ctx: ComplianceContext, period: Period | None = None
) -> tuple[MustVisitTally, ...]:
    """Approved must-visit services per member (reported throughout ``period``, by default
    the last completed quarter), by kind."""
    period = period if period is not None else ctx.quarter
    catalogue = ctx.ledger.catalogue
    roles = {code: role for role in MUST_VISIT_ROLES for code in catalogue.codes_with_role(role)}
    result = []
    for report in ctx.members_throughout(period):
        counts = dict.fromkeys(_TALLY_FIELDS.values(), 0)
        for claim in ctx.ledger.claims_of(
            report.person_id, status=ClaimStatus.APPROVED, period=period, before=ctx.cut
        ):
            role = roles.get(claim.item_code)
            if role is not None:
                counts[_TALLY_FIELDS[role]] += 1
        result.append(MustVisitTally(member_id=report.person_id, period=period, **counts))
    return tuple(result)


def check_must_visits(ctx: ComplianceContext) -> Iterator[Finding]:
    """Members with fewer must-visit services than ``must_visits_per_quarter`` in the last
    completed quarter (no finding while the threshold is 0, the sources' silence)."""
    need = ctx.rules.must_visits_per_quarter
    if need == 0:
        return
    for tally in must_visit_tallies(ctx):
        if tally.total < need:
            yield _finding(
                ctx,
                "points.must_visits",
                tally.member_id,
                f"{tally.member_id} made {tally.total} must-visit(s) in {tally.period} "
                f"(困难 {tally.hardship}, 生病 {tally.illness}, 异常家庭 {tally.unusual_family}, "
                f"纠纷 {tally.dispute}); {need} expected",
                f"{POINTS_SOURCES['must_visits']}; threshold: {SOURCE_SILENT}",
                total=tally.total,
                **_span(tally.period),
                hardship=tally.hardship,
                illness=tally.illness,
                unusual_family=tally.unusual_family,
                dispute=tally.dispute,
                required=need,
            )


def check_home_days(ctx: ComplianceContext) -> Iterator[Finding]:
    """Members reported on a past home day without an approved home-day service that day."""
    if not ctx.rules.home_day_attendance:
        return
    codes = ctx.ledger.catalogue.codes_with_role(ServiceRole.HOME_DAY)
    missed: dict[str, list[pendulum.Date]] = {}
    for day in ctx.home_days:
        if day >= ctx.as_of:
            continue
        for report in ctx.members(day):
            attended = any(
                claim.item_code in codes
                for claim in ctx.ledger.claims_of(
                    report.person_id,
                    status=ClaimStatus.APPROVED,
                    period=Period.of(PeriodKind.DAY, day),
                    before=ctx.cut,
                )
            )
            if not attended:
                missed.setdefault(report.person_id, []).append(day)
    for member_id in sorted(missed):
        days = ", ".join(str(day) for day in missed[member_id])
        yield _finding(
            ctx,
            "points.home_day_missed",
            member_id,
            f"{member_id} has no approved home-day service on {days}",
            POINTS_SOURCES["home_day"],
            days=days,
        )


COMPLIANCE_CHECKS: tuple[ComplianceCheck, ...] = (
    check_quarterly_service,
    check_household_links,
    check_must_visits,
    check_home_days,
)
"""The built-in checks, in the order they run."""


def run_compliance(
    ctx: ComplianceContext, checks: Sequence[ComplianceCheck] = COMPLIANCE_CHECKS
) -> tuple[Finding, ...]:
    """Run ``checks`` and return every finding, ordered by severity, subject and code."""
    findings = [finding for check in checks for finding in check(ctx)]
    return tuple(sorted(findings, key=Finding.sort_key))
