"""Points levels (积分等级): thresholds as data, with the points still needed for the next.

The sources give no levels or thresholds. :data:`DEFAULT_LEVELS` is a placeholder scale in
numbers of one-point services, anchored on the one rule the sources do give (at least one
service a quarter, so four a year); replace it with a county's own scale.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import attrs

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text, non_negative_int
from neighborhood_pb.points.sources import SOURCE_SILENT

__all__ = ["DEFAULT_LEVELS", "LevelScale", "LevelStanding", "PointsLevel"]


@attrs.frozen(kw_only=True)
class PointsLevel:
    """One level of a scale.

    Attributes:
        code: Identifier unique in the scale.
        name: Display name (e.g. "三星党员").
        min_points: Points from which a member is at this level.
    """

    code: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    min_points: int = attrs.field(validator=non_negative_int())


@attrs.frozen(kw_only=True)
class LevelStanding:
    """A member's level and the way to the next.

    Attributes:
        points: The points judged.
        level: The level reached, or ``None`` below the first threshold.
        next_level: The next level up, or ``None`` at the top.
        points_to_next: Points still needed for the next level, or ``None`` at the top.
    """

    points: int
    level: PointsLevel | None
    next_level: PointsLevel | None
    points_to_next: int | None


def _levels(value: Iterable[PointsLevel]) -> tuple[PointsLevel, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class LevelScale:
    """Levels by ascending threshold.

    Attributes:
        levels: The levels, lowest first; thresholds strictly increase, codes are unique.
        source: Where the thresholds come from.
    """

    levels: tuple[PointsLevel, ...] = attrs.field(converter=_levels)
    source: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.levels:
            raise InvalidRecordError("a level scale needs a level", rule="levels.non_empty")
        codes = [level.code for level in self.levels]
        if len(set(codes)) != len(codes):
            raise InvalidRecordError("level codes repeat", rule="levels.unique_codes")
        thresholds = [level.min_points for level in self.levels]
        if any(b <= a for a, b in itertools.pairwise(thresholds)):
            raise InvalidRecordError(
                f"level thresholds {thresholds} must strictly increase", rule="levels.ascending"
            )

    def standing(self, points: int) -> LevelStanding:
        """The level reached with ``points`` and the points to the next one."""
        reached: PointsLevel | None = None
        for level in self.levels:
            if points < level.min_points:
                return LevelStanding(
                    points=points,
                    level=reached,
                    next_level=level,
                    points_to_next=level.min_points - points,
                )
            reached = level
        return LevelStanding(points=points, level=reached, next_level=None, points_to_next=None)


DEFAULT_LEVELS = LevelScale(
    levels=(
        PointsLevel(code="one_star", name="一星", min_points=0),
        PointsLevel(code="two_stars", name="二星", min_points=4),
        PointsLevel(code="three_stars", name="三星", min_points=12),
        PointsLevel(code="four_stars", name="四星", min_points=24),
        PointsLevel(code="five_stars", name="五星", min_points=48),
    ),
    source=(
        f"Thresholds: {SOURCE_SILENT}. 4 = the yearly minimum of one service a quarter "
        "(永春县); 12, 24, 48 = one, two, four services a month."
    ),
)
"""A placeholder five-star scale on lifetime points (see the module docstring)."""
