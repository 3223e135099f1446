"""A naive model of the deliberations: lists and sets, every rule written out by hand for the
Tonghua procedure in the small governance world (no skippable step, one holder per role)."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pendulum

STEPS = ("propose", "consult", "resolve", "review")
HOLDER = {"propose": "P-grid", "consult": "P-comm", "review": "P-work"}
PUBLISHED = frozenset({"process", "result"})
RESIDENTS = frozenset(f"O{i}" for i in range(6))
EMPLOYEE = "O5"


@attrs.define
class NaiveMatter:
    """What the model knows of one matter."""

    proposed_at: pendulum.DateTime
    households: frozenset[str]
    taken: list[str] = attrs.Factory(list)
    last: pendulum.DateTime | None = None
    rejected: bool = False
    closed: bool = False
    ratings: dict[str, bool] = attrs.Factory(dict)

    @property
    def latest(self) -> pendulum.DateTime:
        """The instant of the last event (the proposal when none)."""
        return self.last or self.proposed_at


def counts(
    areas: dict[str, int], voters: list[str], yes: list[str], special: bool
) -> tuple[bool, bool]:
    """(quorum, passed) of a vote, by brute force with fractions."""
    if not voters:
        return False, False
    area_in = sum(areas[v] for v in voters)
    quorum = Fraction(area_in, sum(areas.values())) >= Fraction(2, 3) and Fraction(
        len(voters), len(areas)
    ) >= Fraction(2, 3)
    share_area = Fraction(sum(areas[v] for v in yes), area_in)
    share_number = Fraction(len(yes), len(voters))
    if special:
        passed = share_area >= Fraction(3, 4) and share_number >= Fraction(3, 4)
    else:
        passed = share_area > Fraction(1, 2) and share_number > Fraction(1, 2)
    return quorum, quorum and passed
