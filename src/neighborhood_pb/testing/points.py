"""Hypothesis strategies for points scoring (积分管理).

Records: instants, caps, service items and catalogues, every ledger entry type, goods,
shelves, post grants, household links, level scales and compliance rules, each valid on its
own (for round trips and unit tests). Whole worlds: :func:`build_points_world` makes a small
street with two communities, reported members and reviewers holding posts, and
:func:`service_histories` draws entries that :meth:`Ledger.from_entries` accepts for it.

Example::

    from hypothesis import given, strategies as st
    from neighborhood_pb.testing.points import points_worlds, service_histories

    @given(st.data())
    def test_replays(data):
        world = data.draw(points_worlds())
        entries = data.draw(service_histories(world))
        assert len(world.ledger(entries)) >= len(entries)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

import attrs
import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.points.authority import ExplicitAuthority, PostGrant
from neighborhood_pb.points.catalogue import (
    Cap,
    Catalogue,
    ReviewPolicy,
    ServiceCategory,
    ServiceItem,
    ServiceRole,
)
from neighborhood_pb.points.compliance import ComplianceRules, HouseholdLink
from neighborhood_pb.points.entries import (
    AUTO_APPROVAL_SUFFIX,
    Approval,
    Claim,
    Entry,
    Redemption,
    RedemptionLine,
    Refund,
    Rejection,
    Restock,
    Reversal,
)
from neighborhood_pb.points.instants import local_day
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.points.levels import LevelScale, PointsLevel
from neighborhood_pb.points.redemption import Goods, Shelf
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.levels import STREET_GRID_FIVE_LEVEL
from neighborhood_pb.structure.people import EmploymentStatus, Person
from neighborhood_pb.structure.records import Coverage, Organisation, Report
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "WORLD_END",
    "WORLD_START",
    "PointsWorld",
    "approvals",
    "build_points_world",
    "caps",
    "catalogues",
    "claims",
    "compliance_rules",
    "entries",
    "goods",
    "household_links",
    "instants",
    "keys",
    "level_scales",
    "link_histories",
    "points_worlds",
    "post_grants",
    "redemption_lines",
    "redemptions",
    "refunds",
    "rejections",
    "restocks",
    "reversals",
    "service_histories",
    "service_items",
    "shelves",
    "world_catalogue",
]

WORLD_START = pendulum.Date(2024, 1, 1)
"""The day a :class:`PointsWorld` begins: orgs, reports, posts and items run from it."""

WORLD_END = pendulum.Date(2025, 12, 31)
"""The last day the record strategies draw by default."""

_ZONES = ("Asia/Shanghai", "UTC", "Asia/Urumqi", "America/New_York")
_NAMES = st.text(alphabet="社区网格党员服务宣传走访abcXYZ", min_size=1, max_size=8)
_IDS = st.text(alphabet="abcdefghjkmnpqrstuvwxyz0123456789-", min_size=1, max_size=10)


def keys() -> st.SearchStrategy[str]:
    """Idempotency keys (never the reserved automatic-approval suffix)."""
    return _IDS.map(lambda text: f"k-{text}")


def instants(
    min_day: _dt.date = WORLD_START,
    max_day: _dt.date = WORLD_END,
    zones: Sequence[str] = _ZONES,
) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware instants between two days, in one of ``zones``.

    An hour that a zone repeats when its clocks go back (New York in November) is left out:
    Python compares such a wall-clock time unequal to the same instant written with an
    offset (PEP 495), which is how a document keeps instants, so a record holding one would
    not equal itself after a round trip. China's zones repeat no hour.
    """
    return st.builds(
        lambda day, seconds, zone: pendulum.instance(
            _dt.datetime(day.year, day.month, day.day), tz=zone
        ).add(seconds=seconds),
        st.dates(min_value=min_day, max_value=max_day),
        st.integers(min_value=0, max_value=86_399),
        st.sampled_from(zones),
    ).filter(_unambiguous)


def _unambiguous(at: pendulum.DateTime) -> bool:
    return at.replace(fold=1 - at.fold).utcoffset() == at.utcoffset()


def _dates(
    min_day: _dt.date = WORLD_START, max_day: _dt.date = WORLD_END
) -> st.SearchStrategy[pendulum.Date]:
    return st.dates(min_value=min_day, max_value=max_day).map(
        lambda d: pendulum.Date(d.year, d.month, d.day)
    )


def _periods() -> st.SearchStrategy[Period]:
    return st.builds(
        lambda start, days: Period(start=start, end=None if days == 0 else start.add(days=days)),
        _dates(),
        st.integers(min_value=0, max_value=800),
    )


def caps() -> st.SearchStrategy[Cap]:
    """Caps of 1–3 awards per day, week, month, quarter, half-year or year."""
    return st.builds(Cap, awards=st.integers(1, 3), per=st.sampled_from(PeriodKind))


def service_items(
    code: st.SearchStrategy[str] | None = None, category: str = "general"
) -> st.SearchStrategy[ServiceItem]:
    """Single service-item versions in ``category``."""
    return st.builds(
        ServiceItem,
        code=code if code is not None else _IDS,
        category=st.just(category),
        name=_NAMES,
        points=st.integers(1, 20),
        period=_periods(),
        cap=st.none() | caps(),
        review=st.sampled_from(ReviewPolicy),
        evidence_required=st.booleans(),
        role=st.none() | st.sampled_from(ServiceRole),
    )


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """Valid catalogues: one category, items with one or two contiguous versions each."""
    codes = draw(st.lists(_IDS, min_size=1, max_size=5, unique=True))
    items = []
    for code in codes:
        first = draw(service_items(code=st.just(code)))
        items.append(first)
        if first.period.end is not None and draw(st.booleans()):
            second = draw(service_items(code=st.just(code)))
            items.append(attrs.evolve(second, period=Period(start=first.period.end)))
    category = ServiceCategory(code="general", name="综合服务")
    return Catalogue(categories=(category,), items=items)


def claims() -> st.SearchStrategy[Claim]:
    """Claim records (valid on their own, not necessarily in a ledger)."""
    return st.builds(
        Claim,
        key=keys(),
        member_id=_IDS,
        item_code=_IDS,
        service_date=_dates(),
        at=instants(),
        actor=_IDS,
        community_id=_IDS,
        grid_id=st.none() | _IDS,
        household_id=st.none() | _IDS,
        evidence=st.lists(_IDS, max_size=2).map(tuple),
        note=st.text(max_size=10),
    )


def approvals() -> st.SearchStrategy[Approval]:
    """Approval records."""
    return st.builds(
        Approval, key=keys(), claim_key=keys(), at=instants(), actor=_IDS, automatic=st.booleans()
    )


def rejections() -> st.SearchStrategy[Rejection]:
    """Rejection records."""
    return st.builds(
        Rejection, key=keys(), claim_key=keys(), at=instants(), actor=_IDS, reason=_NAMES
    )


def reversals() -> st.SearchStrategy[Reversal]:
    """Reversal records."""
    return st.builds(
        Reversal, key=keys(), approval_key=keys(), at=instants(), actor=_IDS, reason=_NAMES
    )


def restocks() -> st.SearchStrategy[Restock]:
    """Restock records."""
    return st.builds(
        Restock, key=keys(), goods_code=_IDS, quantity=st.integers(1, 50), at=instants(), actor=_IDS
    )


def redemption_lines() -> st.SearchStrategy[RedemptionLine]:
    """Redemption lines."""
    return st.builds(
        RedemptionLine,
        goods_code=_IDS,
        quantity=st.integers(1, 5),
        unit_points=st.integers(1, 30),
    )


def redemptions() -> st.SearchStrategy[Redemption]:
    """Redemption records (distinct goods per line)."""
    return st.builds(
        Redemption,
        key=keys(),
        member_id=_IDS,
        lines=st.lists(
            redemption_lines(), min_size=1, max_size=3, unique_by=lambda line: line.goods_code
        ).map(tuple),
        at=instants(),
        actor=_IDS,
    )


def refunds() -> st.SearchStrategy[Refund]:
    """Refund records."""
    return st.builds(
        Refund, key=keys(), redemption_key=keys(), at=instants(), actor=_IDS, reason=_NAMES
    )


def entries() -> st.SearchStrategy[Entry]:
    """Any entry record."""
    return st.one_of(
        claims(), approvals(), rejections(), reversals(), restocks(), redemptions(), refunds()
    )


def goods() -> st.SearchStrategy[Goods]:
    """Goods versions."""
    return st.builds(Goods, code=_IDS, name=_NAMES, points=st.integers(1, 30), period=_periods())


def shelves() -> st.SearchStrategy[Shelf]:
    """Valid shelves: one version per goods code."""
    return st.lists(goods(), max_size=4, unique_by=lambda g: g.code).map(lambda gs: Shelf(goods=gs))


def post_grants() -> st.SearchStrategy[PostGrant]:
    """Post grants."""
    return st.builds(PostGrant, person_id=_IDS, org_id=_IDS, period=_periods(), title=_NAMES)


def household_links() -> st.SearchStrategy[HouseholdLink]:
    """Household-link records."""
    return st.builds(HouseholdLink, id=_IDS, person_id=_IDS, household_id=_IDS, period=_periods())


def level_scales() -> st.SearchStrategy[LevelScale]:
    """Valid level scales: strictly increasing thresholds, unique codes."""
    return st.lists(st.integers(0, 500), min_size=1, max_size=5, unique=True).map(
        lambda thresholds: LevelScale(
            levels=tuple(
                PointsLevel(code=f"l{n}", name=f"{n}级", min_points=points)
                for n, points in enumerate(sorted(thresholds))
            )
        )
    )


def compliance_rules() -> st.SearchStrategy[ComplianceRules]:
    """Compliance thresholds."""
    return st.builds(
        ComplianceRules,
        services_per_quarter=st.integers(0, 3),
        households_per_member=st.integers(0, 12),
        must_visits_per_quarter=st.integers(0, 3),
        home_day_attendance=st.booleans(),
    )


# == whole worlds ==========================================================================


def world_catalogue(start: _dt.date = WORLD_START) -> Catalogue:
    """A small catalogue exercising every feature: review policies, caps, evidence, roles.

    Items: ``visit`` (a hardship must-visit, 3 points, reviewed, at most 2 a month),
    ``talk`` (policy talk, 1 point, automatic, no cap), ``home`` (home-day service, 2 points,
    reviewed, 1 a month), ``photo`` (civility, 5 points, automatic, evidence required, 1 a
    week), ``clinic`` (4 points, reviewed, 2 a quarter).
    """
    since = Period(start=start)
    return Catalogue(
        categories=(ServiceCategory(code="general", name="综合服务"),),
        items=(
            ServiceItem(
                code="visit",
                category="general",
                name="走访困难群众",
                points=3,
                period=since,
                cap=Cap(awards=2, per=PeriodKind.MONTH),
                role=ServiceRole.VISIT_HARDSHIP,
            ),
            ServiceItem(
                code="talk",
                category="general",
                name="政策宣讲",
                points=1,
                period=since,
                review=ReviewPolicy.AUTOMATIC,
            ),
            ServiceItem(
                code="home",
                category="general",
                name="回家日报到服务",
                points=2,
                period=since,
                cap=Cap(awards=1, per=PeriodKind.MONTH),
                role=ServiceRole.HOME_DAY,
            ),
            ServiceItem(
                code="photo",
                category="general",
                name="文明创建",
                points=5,
                period=since,
                cap=Cap(awards=1, per=PeriodKind.WEEK),
                review=ReviewPolicy.AUTOMATIC,
                evidence_required=True,
            ),
            ServiceItem(
                code="clinic",
                category="general",
                name="义诊",
                points=4,
                period=since,
                cap=Cap(awards=2, per=PeriodKind.QUARTER),
            ),
        ),
    )


@attrs.frozen(kw_only=True, eq=False)
class PointsWorld:
    """A small street for points tests: its tree, posts, catalogue and shelf.

    Street ``S`` (street working committee ``O-S``) holds communities ``C1`` and ``C2``
    (community general branches ``O-C1``, ``O-C2``); grid ``G1`` of ``C1`` has the grid branch
    ``O-G1``. Members ``M<c>-<n>`` report to community ``C<c>`` (the first of ``C1`` with grid
    ``G1``). Reviewers: ``R-C1`` and ``R-C2`` hold posts in the community orgs, ``R-S`` in the
    street org, ``R-G1`` in the grid branch (below ``C1``'s org, so not authorised for it);
    ``X`` holds no post. Households ``H1-<n>`` lie in ``G1``.

    Attributes:
        tree: The organisation tree.
        authority: The posts.
        catalogue: The service catalogue (default :func:`world_catalogue`).
        shelf: Goods ``soap`` (3 points) and ``rice`` (10 points).
        members: Member ids, by community.
        reviewers: Reviewer ids with a post.
        households: Household ids.
        start: When everything starts.
    """

    tree: OrgTree
    authority: ExplicitAuthority
    catalogue: Catalogue
    shelf: Shelf
    members: tuple[str, ...]
    reviewers: tuple[str, ...]
    households: tuple[str, ...]
    start: pendulum.Date

    def ledger(self, entries: Iterable[Entry] = (), zone: str = "Asia/Shanghai") -> Ledger:
        """A ledger over this world, with ``entries`` appended."""
        return Ledger.from_entries(
            self.catalogue, self.tree, self.authority, entries, shelf=self.shelf, zone=zone
        )

    def community_of(self, member_id: str) -> str:
        """The community a member reports to."""
        return member_id.split("-")[0].replace("M", "C")

    def reviewers_for(self, member_id: str) -> tuple[str, ...]:
        """The reviewers authorised for a member."""
        return (f"R-{self.community_of(member_id)}", "R-S")


def build_points_world(
    members_per_community: int = 3,
    catalogue: Catalogue | None = None,
    start: _dt.date = WORLD_START,
) -> PointsWorld:
    """Build a :class:`PointsWorld` (deterministic)."""
    since = Period(start=start)
    tree = OrgTree(STREET_GRID_FIVE_LEVEL)
    tree.add_territory(Territory(id="S", kind=TerritoryKind.STREET, name="东街街道", period=since))
    for c in (1, 2):
        tree.add_territory(
            Territory(
                id=f"C{c}",
                kind=TerritoryKind.COMMUNITY,
                name=f"社区{c}",
                period=since,
                parent_id="S",
            )
        )
    tree.add_territory(
        Territory(
            id="G1",
            kind=TerritoryKind.GRID,
            name="一网格",
            period=since,
            parent_id="C1",
            code="G-001",
        )
    )
    households = tuple(f"H1-{n}" for n in range(12))
    for household in households:
        tree.add_territory(
            Territory(
                id=household,
                kind=TerritoryKind.HOUSEHOLD,
                name=household,
                period=since,
                parent_id="G1",
            )
        )
    _org(tree, "O-S", OrgForm.WORKING_COMMITTEE, "street_working_committee", None, "S", since)
    for c in (1, 2):
        _org(
            tree,
            f"O-C{c}",
            OrgForm.GENERAL_BRANCH,
            "community_general_branch",
            "O-S",
            f"C{c}",
            since,
        )
    _org(tree, "O-G1", OrgForm.BRANCH, "grid_branch", "O-C1", "G1", since)
    members = []
    admitted = pendulum.Date(2010, 7, 1)
    for c in (1, 2):
        for n in range(members_per_community):
            member = f"M{c}-{n}"
            members.append(member)
            tree.add_person(
                Person(
                    id=member,
                    name=f"党员{c}{n}",
                    employment=EmploymentStatus.IN_SERVICE,
                    admitted_on=admitted,
                    full_member_on=admitted.add(years=1),
                )
            )
            tree.add_report(
                Report(
                    id=f"report-{member}",
                    person_id=member,
                    community_id=f"C{c}",
                    grid_id="G1" if (c, n) == (1, 0) else None,
                    period=since,
                )
            )
    reviewers = ("R-C1", "R-C2", "R-S", "R-G1")
    for person in (*reviewers, "X"):
        tree.add_person(Person(id=person, name=f"干部{person}", admitted_on=admitted))
    grants = tuple(
        PostGrant(person_id=person, org_id=f"O-{person[2:]}", period=since, title="委员")
        for person in reviewers
    )
    shelf = Shelf(
        goods=(
            Goods(code="soap", name="肥皂", points=3, period=since),
            Goods(code="rice", name="大米", points=10, period=since),
        )
    )
    return PointsWorld(
        tree=tree,
        authority=ExplicitAuthority(grants=grants),
        catalogue=catalogue if catalogue is not None else world_catalogue(start),
        shelf=shelf,
        members=tuple(members),
        reviewers=reviewers,
        households=households,
        start=pendulum.Date(start.year, start.month, start.day),
    )


def _org(
    tree: OrgTree,
    org_id: str,
    form: OrgForm,
    level: str,
    parent: str | None,
    territory: str,
    since: Period,
) -> None:
    tree.found(
        Organisation(id=org_id, name=org_id, form=form, level=level, period=since, parent_id=parent)
    )
    tree.cover(Coverage(org_id=org_id, territory_id=territory, period=since))


def points_worlds(max_members_per_community: int = 3) -> st.SearchStrategy[PointsWorld]:
    """Worlds with 1 to ``max_members_per_community`` members in each community."""
    return st.builds(
        build_points_world, members_per_community=st.integers(1, max_members_per_community)
    )


@st.composite
def service_histories(
    draw: st.DrawFn,
    world: PointsWorld,
    max_claims: int = 12,
    zone: str = "Asia/Shanghai",
    span_days: int = 366,
) -> tuple[Entry, ...]:
    """Claims, reviews and reversals that :meth:`PointsWorld.ledger` accepts in this order
    (and in any order that keeps each review after its claim and each reversal after its
    approval). Service dates fall in the world's first year, or in its first ``span_days``
    days when fewer (a short span crowds claims past their items' caps)."""
    result: list[Entry] = []
    codes = [item.code for item in world.catalogue.items]
    first = world.start
    last = min(first.add(years=1), first.add(days=span_days)).subtract(days=1)
    for number in range(draw(st.integers(0, max_claims))):
        member = draw(st.sampled_from(world.members))
        code = draw(st.sampled_from(codes))
        service_date = draw(_dates(first, last))
        at = draw(instants(service_date.add(days=1), service_date.add(days=40), zones=(zone,)))
        assert local_day(at, zone) >= service_date
        item = world.catalogue.item(code, service_date)
        claim = Claim(
            key=f"c{number}",
            member_id=member,
            item_code=code,
            service_date=service_date,
            at=at,
            actor=member,
            community_id=world.community_of(member),
            grid_id="G1" if member == "M1-0" else None,
            evidence=("photo-1",) if item.evidence_required else (),
        )
        result.append(claim)
        reviewer = draw(st.sampled_from(world.reviewers_for(member)))
        review_at = at.add(hours=draw(st.integers(0, 200)))
        approval_key: str | None = None
        if item.review is ReviewPolicy.AUTOMATIC:
            approval_key = claim.key + AUTO_APPROVAL_SUFFIX
        else:
            outcome = draw(st.sampled_from(("approve", "reject", "pending")))
            if outcome == "approve":
                approval_key = f"a{number}"
                result.append(
                    Approval(key=approval_key, claim_key=claim.key, at=review_at, actor=reviewer)
                )
            elif outcome == "reject":
                result.append(
                    Rejection(
                        key=f"j{number}",
                        claim_key=claim.key,
                        at=review_at,
                        actor=reviewer,
                        reason="材料不全",
                    )
                )
        if approval_key is not None and draw(st.integers(0, 4)) == 0:
            result.append(
                Reversal(
                    key=f"v{number}",
                    approval_key=approval_key,
                    at=review_at.add(days=draw(st.integers(0, 30))),
                    actor=reviewer,
                    reason="重复申报",
                )
            )
    return tuple(result)


@st.composite
def link_histories(
    draw: st.DrawFn, world: PointsWorld, max_links: int = 8
) -> tuple[HouseholdLink, ...]:
    """ "1+10" links (帮联户) of the world's members to its households that
    :meth:`HouseholdLinks.from_records` accepts over ``world.tree``: each pair of member and
    household at most once, from about the world's start, some of them ended."""
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(world.members), st.sampled_from(world.households)),
            max_size=max_links,
            unique=True,
        )
    )
    links = []
    for number, (member, household) in enumerate(pairs):
        start = world.start.add(days=draw(st.integers(0, 500)))
        end = None if draw(st.booleans()) else start.add(days=draw(st.integers(1, 400)))
        period = Period(start=start, end=end)
        links.append(
            HouseholdLink(id=f"L{number}", person_id=member, household_id=household, period=period)
        )
    return tuple(links)
