"""The catalogue and the records' own rules; instants, zones and cycles."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given

from neighborhood_pb import InvalidRecordError, Period, PeriodKind, RuleViolationError
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.points import (
    DEFAULT_CATALOGUE,
    MUST_VISIT_ROLES,
    POINTS_SOURCES,
    SOURCE_SILENT,
    Cap,
    Catalogue,
    Claim,
    ExplicitAuthority,
    Goods,
    PostGrant,
    Redemption,
    RedemptionLine,
    ReviewerAuthority,
    ServiceCategory,
    ServiceItem,
    ServiceRole,
    Shelf,
    as_instant,
    cycle,
    local_day,
    total_keys,
)
from neighborhood_pb.testing.points import catalogues

SINCE = Period(start="2024-01-01")
GENERAL = ServiceCategory(code="general", name="综合")


def item(code: str = "i", **changes: object) -> ServiceItem:
    fields: dict[str, object] = {
        "code": code,
        "category": "general",
        "name": "服务",
        "points": 2,
        "period": SINCE,
    }
    fields.update(changes)
    return ServiceItem(**fields)  # type: ignore[arg-type]


def test_the_default_catalogue_follows_yongchun_and_says_where_it_does_not() -> None:
    assert len(DEFAULT_CATALOGUE.categories) == 8
    names = [c.name for c in DEFAULT_CATALOGUE.categories]
    assert names[:5] == ["政策宣传", "文明倡导", "民意收集", "义诊义务", "疫情防控"]
    assert {i.points for i in DEFAULT_CATALOGUE.items} == {1}
    assert SOURCE_SILENT in DEFAULT_CATALOGUE.source
    for role in (*MUST_VISIT_ROLES, ServiceRole.HOME_DAY):
        assert len(DEFAULT_CATALOGUE.codes_with_role(role)) == 1
    home = DEFAULT_CATALOGUE.item("home_day_service", pendulum.Date(2024, 5, 26))
    assert home.cap == Cap(awards=1, per=PeriodKind.MONTH)
    assert "45个子项目" in POINTS_SOURCES["categories"]
    assert DEFAULT_CATALOGUE.category("must_visits").name == "四必访"
    assert len(DEFAULT_CATALOGUE.items_on(pendulum.Date(2024, 1, 1))) == len(
        DEFAULT_CATALOGUE.items
    )


def test_roles_know_the_four_must_visits() -> None:
    assert [r.label_zh for r in MUST_VISIT_ROLES] == [
        "走访困难群众",
        "探访生病群众",
        "察访异常家庭",
        "接访邻里纠纷",
    ]
    assert all(r.is_must_visit for r in MUST_VISIT_ROLES)
    assert not ServiceRole.HOME_DAY.is_must_visit


def test_item_versions_are_chosen_by_service_date() -> None:
    catalogue = Catalogue(
        categories=(GENERAL,),
        items=(
            item(points=2, period=Period(start="2024-01-01", end="2024-07-01")),
            item(points=5, period=Period(start="2024-07-01", end="2025-01-01")),
            item(code="j"),
        ),
    )
    assert catalogue.item("i", pendulum.Date(2024, 6, 30)).points == 2
    assert catalogue.item("i", pendulum.Date(2024, 7, 1)).points == 5
    assert [v.points for v in catalogue.versions("i")] == [2, 5]
    for day in (pendulum.Date(2023, 12, 31), pendulum.Date(2025, 1, 1)):
        with pytest.raises(RuleViolationError, match="not in effect"):
            catalogue.item("i", day)
    assert [i.code for i in catalogue.items_on(pendulum.Date(2025, 2, 1))] == ["j"]
    with pytest.raises(UnknownRecordError):
        catalogue.item("nope", pendulum.Date(2024, 1, 1))
    with pytest.raises(UnknownRecordError):
        catalogue.category("nope")


@pytest.mark.parametrize(
    ("categories", "items", "rule"),
    [
        ((GENERAL, GENERAL), (), "id.unique"),
        ((GENERAL,), (item(category="other"),), "reference.exists"),
        (
            (GENERAL,),
            (item(), item(period=Period(start="2024-06-01"))),
            "catalogue.versions_disjoint",
        ),
    ],
)
def test_bad_catalogues_are_refused(
    categories: tuple[ServiceCategory, ...], items: tuple[ServiceItem, ...], rule: str
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        Catalogue(categories=categories, items=items)
    assert caught.value.rule == rule


@given(catalogues())
def test_generated_catalogues_answer_for_every_version(catalogue: Catalogue) -> None:
    for version in catalogue.items:
        assert catalogue.item(version.code, version.period.start) == version


@pytest.mark.parametrize(
    ("build", "rule"),
    [
        (lambda: item(points=0), "record.positive"),
        (lambda: item(code=" "), "record.non_empty"),
        (lambda: Cap(awards=0, per=PeriodKind.DAY), "record.positive"),
        (lambda: ServiceCategory(code="", name="x"), "record.non_empty"),
        (lambda: Goods(code="g", name="x", points=0, period=SINCE), "record.positive"),
        (
            lambda: RedemptionLine(goods_code="g", quantity=0, unit_points=1),
            "record.positive",
        ),
    ],
)
def test_records_check_their_own_fields(build: object, rule: str) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.rule == rule


def test_a_redemption_lists_each_goods_once_and_something() -> None:
    line = RedemptionLine(goods_code="g", quantity=1, unit_points=2)
    at = pendulum.datetime(2024, 1, 1, tz="Asia/Shanghai")
    for lines in ((), (line, line)):
        with pytest.raises(InvalidRecordError) as caught:
            Redemption(key="r", member_id="m", lines=lines, at=at, actor="m")
        assert caught.value.rule == "redemption.lines"
    assert str(Cap(awards=2, per=PeriodKind.WEEK)) == "2/week"


def test_shelf_prices_have_versions() -> None:
    shelf = Shelf(
        goods=(
            Goods(
                code="g", name="米", points=3, period=Period(start="2024-01-01", end="2024-02-01")
            ),
            Goods(code="g", name="米", points=4, period=Period(start="2024-02-01")),
        )
    )
    assert shelf.price("g", pendulum.Date(2024, 2, 1)).points == 4
    assert shelf.codes() == ("g",)
    with pytest.raises(RuleViolationError, match="not on sale"):
        shelf.price("g", pendulum.Date(2023, 1, 1))
    withdrawn = Shelf(
        goods=(
            Goods(
                code="g", name="米", points=3, period=Period(start="2024-01-01", end="2024-02-01")
            ),
        )
    )
    with pytest.raises(RuleViolationError, match="not on sale"):
        withdrawn.price("g", pendulum.Date(2024, 2, 1))
    with pytest.raises(InvalidRecordError) as caught:
        Shelf(goods=(Goods(code="g", name="米", points=3, period=SINCE),) * 2)
    assert caught.value.rule == "shelf.versions_disjoint"


def test_explicit_authority_is_a_reviewer_authority() -> None:
    authority = ExplicitAuthority(
        grants=(
            PostGrant(
                person_id="p", org_id="o", period=Period(start="2024-01-01", end="2024-02-01")
            ),
        )
    )
    assert isinstance(authority, ReviewerAuthority)
    assert authority.holds_post("p", "o", pendulum.Date(2024, 1, 31))
    assert not authority.holds_post("p", "o", pendulum.Date(2024, 2, 1))
    assert not authority.holds_post("q", "o", pendulum.Date(2024, 1, 5))


# == instants ==============================================================================


def test_instants_must_be_aware() -> None:
    stdlib = dt.datetime(2024, 1, 1, 23, tzinfo=dt.UTC)
    converted = as_instant(stdlib)
    assert isinstance(converted, pendulum.DateTime)
    assert converted == stdlib
    assert as_instant("2024-01-02T07:00:00+08:00") == stdlib  # ISO with an offset is aware
    for bad in (dt.datetime(2024, 1, 1), "2024-01-01T00:00:00", pendulum.Date(2024, 1, 1), "x"):
        with pytest.raises(InvalidRecordError) as caught:
            as_instant(bad)
        assert caught.value.rule == "time.aware_instant"
    with pytest.raises(InvalidRecordError, match="aware"):
        Claim(
            key="k",
            member_id="m",
            item_code="i",
            service_date="2024-01-01",
            at=dt.datetime(2024, 1, 1),
            actor="m",
            community_id="c",
        )


def test_the_day_of_an_instant_depends_on_the_zone() -> None:
    late = pendulum.datetime(2024, 3, 31, 17, 30, tz="UTC")
    assert local_day(late, "Asia/Shanghai") == pendulum.Date(2024, 4, 1)
    assert local_day(late, "UTC") == pendulum.Date(2024, 3, 31)
    assert local_day(late, "America/New_York") == pendulum.Date(2024, 3, 31)
    with pytest.raises(InvalidRecordError) as caught:
        local_day(late, "Nowhere/Land")
    assert caught.value.rule == "time.zone"


def test_cycles_and_total_keys_are_calendar_periods() -> None:
    day = pendulum.Date(2024, 5, 15)  # a Wednesday
    assert cycle(PeriodKind.WEEK, day) == Period(start="2024-05-13", end="2024-05-20")
    assert total_keys(day) == (
        (pendulum.Date(2024, 5, 1), pendulum.Date(2024, 6, 1)),
        (pendulum.Date(2024, 4, 1), pendulum.Date(2024, 7, 1)),
        (pendulum.Date(2024, 1, 1), pendulum.Date(2025, 1, 1)),
    )
