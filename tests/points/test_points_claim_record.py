"""The ledger's own way of building a claim gives the constructor's record and errors; the
catalogue's and the posts' look-ups answer alike whatever form the day takes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum
import pytest

from neighborhood_pb import InvalidRecordError, Period, RuleViolationError
from neighborhood_pb.points import (
    Catalogue,
    Claim,
    ExplicitAuthority,
    PostGrant,
    ServiceCategory,
    ServiceItem,
)
from neighborhood_pb.structure import Report

DAY = pendulum.Date(2024, 5, 1)
AT = pendulum.datetime(2024, 5, 1, 21, tz="Asia/Shanghai")
REPORT = Report(
    id="rep-1", person_id="M1", community_id="C1", grid_id="G1", period=Period(start="2024-01-01")
)
FIELDS: dict[str, Any] = {
    "key": "c1",
    "member_id": "M1",
    "item_code": "talk",
    "service_date": DAY,
    "at": AT,
    "actor": "M1",
    "household_id": None,
    "evidence": ("photo-1",),
    "note": "",
}


def _both(**changes: Any) -> tuple[Any, Any]:
    """What the constructor and the ledger's builder give (a record or the error)."""
    fields = {**FIELDS, **changes}
    results = []
    for build in (
        lambda: Claim(**fields, community_id=REPORT.community_id, grid_id=REPORT.grid_id),
        lambda: Claim.for_ledger(
            **fields, community_id=REPORT.community_id, grid_id=REPORT.grid_id
        ),
    ):
        try:
            results.append(build())
        except InvalidRecordError as error:
            results.append((type(error), str(error), error.rule))
    return results[0], results[1]


def test_the_ledger_s_claim_equals_the_constructor_s() -> None:
    built, fast = _both()
    assert isinstance(fast, Claim)
    assert fast == built
    assert (fast.community_id, fast.grid_id) == ("C1", "G1")


@pytest.mark.parametrize("field", ["key", "member_id", "item_code", "actor"])
@pytest.mark.parametrize("value", ["", "  ", "\u200b", 5, None])
def test_an_empty_text_is_refused_alike(field: str, value: Any) -> None:
    built, fast = _both(**{field: value})
    assert fast == built
    assert fast[2] == "record.non_empty"
    assert f"Claim.{field}" in fast[1]


@pytest.mark.parametrize("at", ["2024-05-01T21:00:00", dt.datetime(2024, 5, 1, 21), "later"])
def test_a_bad_instant_is_refused_alike_and_before_the_text(at: Any) -> None:
    built, fast = _both(at=at, key="")
    assert fast == built
    assert fast[2] == "time.aware_instant"


def test_an_instant_in_another_form_is_converted_alike() -> None:
    built, fast = _both(at="2024-05-01T21:00:00+08:00")
    assert isinstance(fast, Claim)
    assert fast == built
    assert fast.at == AT


def test_an_item_looked_up_twice_or_by_text_is_the_same_version() -> None:
    versions = (
        ServiceItem(
            code="talk",
            category="general",
            name="宣讲",
            points=1,
            period=Period(start="2024-01-01", end="2024-06-01"),
        ),
        ServiceItem(
            code="talk",
            category="general",
            name="宣讲",
            points=2,
            period=Period(start="2024-07-01"),
        ),
    )
    catalogue = Catalogue(
        categories=(ServiceCategory(code="general", name="综合"),), items=versions
    )
    assert catalogue.item("talk", DAY) is versions[0]
    assert catalogue.item("talk", DAY) is versions[0]
    assert catalogue.item("talk", "2024-05-01") is versions[0]
    assert catalogue.item("talk", dt.date(2024, 7, 1)).points == 2
    for _ in range(2):  # a day with no version is refused every time, never remembered
        with pytest.raises(RuleViolationError) as caught:
            catalogue.item("talk", pendulum.Date(2024, 6, 15))
        assert caught.value.rule == "catalogue.item_in_effect"


def test_a_post_is_held_alike_whatever_form_the_day_takes() -> None:
    grant = PostGrant(
        person_id="R1", org_id="O1", period=Period(start="2024-01-01", end="2024-06-01")
    )
    authority = ExplicitAuthority(grants=(grant,))
    for day in (DAY, dt.date(2024, 5, 1), "2024-05-01"):
        assert authority.holds_post("R1", "O1", day)
    for day in (pendulum.Date(2024, 6, 1), dt.date(2023, 12, 31), "2024-06-01"):
        assert not authority.holds_post("R1", "O1", day)
