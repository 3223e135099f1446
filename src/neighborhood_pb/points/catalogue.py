"""The service catalogue (服务项目清单): what in-service members may claim points for.

A catalogue is data: categories, and items with their points, cap, review policy, evidence
rule and effective interval. Changing an item's points or cap ends its version and starts a
new one with the same code, so past claims keep the value they were earned under.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, PeriodKind, as_date
from neighborhood_pb.errors import InvalidRecordError, UnknownRecordError
from neighborhood_pb.errors.validators import non_empty_text, positive_int
from neighborhood_pb.history import Register, Timeline, timelines
from neighborhood_pb.points.sources import (
    MAX_POINTS,
    POINTS_SOURCES,
    SOURCE_SILENT,
    points_bound,
)

__all__ = [
    "DEFAULT_CATALOGUE",
    "MUST_VISIT_ROLES",
    "Cap",
    "Catalogue",
    "ReviewPolicy",
    "ServiceCategory",
    "ServiceItem",
    "ServiceRole",
]


class ReviewPolicy(enum.Enum):
    """Whether a claim needs a reviewer (积分审核) or counts when it is checked in."""

    AUTOMATIC = "automatic"
    NEEDS_REVIEW = "needs_review"

    @property
    def label_zh(self) -> str:
        """Chinese label."""
        return "自动通过" if self is ReviewPolicy.AUTOMATIC else "需审核"


class ServiceRole(enum.Enum):
    """What a service item counts as in the compliance checks.

    The four must-visits (四必访) and home-day attendance (回家日) are named by 永春县.
    """

    VISIT_HARDSHIP = "visit_hardship"
    VISIT_ILLNESS = "visit_illness"
    VISIT_UNUSUAL_FAMILY = "visit_unusual_family"
    VISIT_DISPUTE = "visit_dispute"
    HOME_DAY = "home_day"

    @property
    def label_zh(self) -> str:
        """Chinese label, in the source's words."""
        return _ROLE_LABELS[self]

    @property
    def is_must_visit(self) -> bool:
        """Whether this is one of the four must-visits (四必访)."""
        return self in MUST_VISIT_ROLES


_ROLE_LABELS = {
    ServiceRole.VISIT_HARDSHIP: "走访困难群众",
    ServiceRole.VISIT_ILLNESS: "探访生病群众",
    ServiceRole.VISIT_UNUSUAL_FAMILY: "察访异常家庭",
    ServiceRole.VISIT_DISPUTE: "接访邻里纠纷",
    ServiceRole.HOME_DAY: "回家日报到服务",
}

MUST_VISIT_ROLES = (
    ServiceRole.VISIT_HARDSHIP,
    ServiceRole.VISIT_ILLNESS,
    ServiceRole.VISIT_UNUSUAL_FAMILY,
    ServiceRole.VISIT_DISPUTE,
)
"""The four must-visits (四必访), in the source's order."""


@attrs.frozen(kw_only=True)
class Cap:
    """At most ``awards`` scoring claims of one item per member per calendar ``per`` (封顶).

    Attributes:
        awards: How many approved claims score in one cycle.
        per: The cycle: day, week (Monday first), month, quarter, half-year or year, taken
            on the service date.
    """

    awards: int = attrs.field(validator=positive_int())
    per: PeriodKind

    def __str__(self) -> str:
        return f"{self.awards}/{self.per.value}"


@attrs.frozen(kw_only=True)
class ServiceCategory:
    """A category of service (服务大类).

    Attributes:
        code: Identifier unique in the catalogue.
        name: Chinese name (e.g. "政策宣传").
        description: Where the category comes from, or what it holds.
    """

    code: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    description: str = ""


@attrs.frozen(kw_only=True)
class ServiceItem:
    """One version of a service item (服务子项目) members claim points for.

    Attributes:
        code: Identifier shared by every version of the item.
        category: Code of its category.
        name: Chinese name.
        points: Points one scoring claim earns (at least 1).
        period: When this version is in effect, judged on the service date.
        cap: At most so many scoring claims per cycle, or ``None`` for no cap.
        review: Whether claims need a reviewer.
        evidence_required: Whether a claim must carry at least one evidence reference
            (photo, sign-in sheet, …).
        role: What the item counts as in the compliance checks, if anything.
    """

    code: str = attrs.field(validator=non_empty_text)
    category: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    points: int = attrs.field(validator=points_bound(MAX_POINTS))
    period: Period
    cap: Cap | None = None
    review: ReviewPolicy = ReviewPolicy.NEEDS_REVIEW
    evidence_required: bool = False
    role: ServiceRole | None = None


def _categories(value: Iterable[ServiceCategory]) -> tuple[ServiceCategory, ...]:
    return tuple(value)


def _items(value: Iterable[ServiceItem]) -> tuple[ServiceItem, ...]:
    return tuple(value)


_CACHED_ITEM_DAYS = 1 << 16
"""How many (item, day) look-ups a catalogue keeps before it starts afresh."""


def _bad(message: str, subject: str, rule: str) -> InvalidRecordError:
    return InvalidRecordError(message, subject=subject, rule=rule)


def _overlap(earlier: ServiceItem, later: ServiceItem) -> InvalidRecordError:
    return _bad(
        f"item {later.code}: versions {earlier.period} and {later.period} overlap",
        later.code,
        "catalogue.versions_disjoint",
    )


@attrs.frozen(kw_only=True)
class Catalogue:
    """Service categories and the versions of their items (服务项目清单).

    Invariants, checked on construction: category codes are unique; every item names a
    known category; the versions of one item code never overlap.

    Attributes:
        categories: The categories.
        items: Every version of every item.
        source: Where the catalogue comes from.
    """

    categories: tuple[ServiceCategory, ...] = attrs.field(converter=_categories)
    items: tuple[ServiceItem, ...] = attrs.field(converter=_items)
    source: str = ""
    _timelines: Register[Timeline[ServiceItem]] = attrs.field(init=False, repr=False, eq=False)
    _in_effect: dict[tuple[str, pendulum.Date], ServiceItem] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        codes: set[str] = set()
        for category in self.categories:
            if category.code in codes:
                raise _bad(
                    f"catalogue: category {category.code} repeats", category.code, "id.unique"
                )
            codes.add(category.code)
        for item in self.items:
            if item.category not in codes:
                raise _bad(
                    f"item {item.code}: no category {item.category}",
                    item.code,
                    "reference.exists",
                )
        object.__setattr__(
            self,
            "_timelines",
            timelines("service item", self.items, lambda item: item.code, _overlap),
        )

    def category(self, code: str) -> ServiceCategory:
        """The category with this code.

        Raises:
            UnknownRecordError: no such category.
        """
        for category in self.categories:
            if category.code == code:
                return category
        raise UnknownRecordError(
            f"no service category {code}", subject=code, rule="reference.exists"
        )

    def versions(self, code: str) -> tuple[ServiceItem, ...]:
        """Every version of an item, oldest first.

        Raises:
            UnknownRecordError: no such item.
        """
        return self._timelines.get(code).history()

    def item(self, code: str, on: _dt.date | str) -> ServiceItem:
        """The version of an item in effect on ``on`` (a service date).

        Raises:
            UnknownRecordError: no such item.
            RuleViolationError: the item is not in effect on that day.
        """
        if type(on) is not pendulum.Date:
            on = as_date(on, "on")
        key = (code, on)
        cache = self._in_effect  # the ledger asks on every claim: once per (item, day)
        found = cache.get(key)
        if found is None:
            found = self._timelines.get(code).at(on, "catalogue.item_in_effect")
            if len(cache) >= _CACHED_ITEM_DAYS:
                cache.clear()
            cache[key] = found
        return found

    def items_on(self, on: _dt.date | str) -> tuple[ServiceItem, ...]:
        """The items in effect on ``on``, in catalogue order of codes."""
        on = as_date(on, "on")
        found = (timeline.version_at(on) for timeline in self._timelines)
        return tuple(item for item in found if item is not None)

    def codes_with_role(self, role: ServiceRole) -> frozenset[str]:
        """Codes of the items that count as ``role`` in any version."""
        return frozenset(item.code for item in self.items if item.role is role)


def _yongchun() -> Catalogue:
    since = Period(start=pendulum.Date(2020, 1, 1))
    named = POINTS_SOURCES["categories"]
    practice = "永春县所述做法（非原文所列类别名）"
    categories = (
        ServiceCategory(code="policy_publicity", name="政策宣传", description=named),
        ServiceCategory(code="civility_advocacy", name="文明倡导", description=named),
        ServiceCategory(code="opinion_collection", name="民意收集", description=named),
        ServiceCategory(code="clinic_volunteering", name="义诊义务", description=named),
        ServiceCategory(code="epidemic_prevention", name="疫情防控", description=named),
        ServiceCategory(
            code="must_visits",
            name="四必访",
            description=f"{practice}: {POINTS_SOURCES['must_visits']}",
        ),
        ServiceCategory(
            code="household_links",
            name="“1+10”帮联",
            description=f"{practice}: {POINTS_SOURCES['household_links']}",
        ),
        ServiceCategory(
            code="home_day", name="回家日", description=f"{practice}: {POINTS_SOURCES['home_day']}"
        ),
    )
    plain = [
        ("policy_publicity", "policy_talk", "政策宣讲"),
        ("civility_advocacy", "civility_campaign", "文明创建"),
        ("opinion_collection", "opinion_visit", "收集居民意见建议"),
        ("clinic_volunteering", "free_clinic", "义诊"),
        ("clinic_volunteering", "volunteer_service", "志愿服务"),
        ("epidemic_prevention", "epidemic_duty", "疫情防控值守"),
        ("household_links", "household_contact", "联系帮联户"),
    ]
    items = [
        ServiceItem(code=code, category=category, name=name, points=1, period=since)
        for category, code, name in plain
    ]
    items.extend(
        ServiceItem(
            code=role.value,
            category="must_visits",
            name=role.label_zh,
            points=1,
            period=since,
            role=role,
        )
        for role in MUST_VISIT_ROLES
    )
    items.append(
        ServiceItem(
            code="home_day_service",
            category="home_day",
            name=ServiceRole.HOME_DAY.label_zh,
            points=1,
            period=since,
            cap=Cap(awards=1, per=PeriodKind.MONTH),
            role=ServiceRole.HOME_DAY,
        )
    )
    return Catalogue(
        categories=categories,
        items=items,
        source=(
            f"{named}. Categories 1–5 are named by the source; 6–8 are modelled on practices "
            f"the same source names. Sub-items, points (1 each), caps and evidence rules: "
            f"{SOURCE_SILENT}; the home-day cap of one per month follows from there being one "
            "home day a month. All of it is configurable."
        ),
    )


DEFAULT_CATALOGUE = _yongchun()
"""A catalogue modelled on 永春县's 8 categories (the source lists 45 sub-items but names
none): 5 categories named by the source, 3 modelled on its "four must-visits", "1+10" and
home-day practices. Every item is worth 1 point and needs review (积分审核); the sources give
no point values, so these are placeholders to replace with a county's own table."""
