"""People and party members (党员), with as little personal data as the work needs.

No identity-card numbers are modelled. A phone number may be kept for contact but is
redacted whenever the library prints a record (``repr``) and, by default, when it exports.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date, as_optional_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.text import mask_digits
from neighborhood_pb.errors.validators import non_empty_text

__all__ = ["EmploymentStatus", "Person", "redact_phone"]


class EmploymentStatus(enum.Enum):
    """A member's situation, which decides where they serve."""

    IN_SERVICE = "in_service"
    RETIRED = "retired"
    MOBILE = "mobile"
    OTHER = "other"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return {
            EmploymentStatus.IN_SERVICE: "在职党员",
            EmploymentStatus.RETIRED: "离退休党员",
            EmploymentStatus.MOBILE: "流动党员",
            EmploymentStatus.OTHER: "其他",
        }[self]


def redact_phone(phone: str | None) -> str | None:
    """Mask a phone number: a mobile keeps its first three and last four digits
    ("138****5678"), a shorter number at most its last four ("****4321")."""
    if phone is None:
        return None
    return mask_digits(phone)


def _phone_repr(phone: str | None) -> str:
    return repr(redact_phone(phone))


def _admitted_on(value: Any) -> pendulum.Date | None:
    return as_optional_date(value, "admitted_on")


def _full_member_on(value: Any) -> pendulum.Date | None:
    return as_optional_date(value, "full_member_on")


@attrs.frozen(kw_only=True)
class Person:
    """A resident or party member.

    A person is a party member from ``admitted_on`` (入党, probationary 预备党员) and a full
    member (正式党员) from ``full_member_on`` (转正). Probationary members have no vote and do
    not count as full members.

    Attributes:
        id: Unique identifier.
        name: Display name.
        household_id: Home household territory, if known.
        employment: In service, retired, mobile or other.
        admitted_on: Day of admission as a probationary member, or ``None`` for a non-member.
        full_member_on: Day of becoming a full member, or ``None``.
        phone: Contact number; redacted whenever printed.
    """

    id: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    household_id: str | None = None
    employment: EmploymentStatus = EmploymentStatus.OTHER
    admitted_on: pendulum.Date | None = attrs.field(default=None, converter=_admitted_on)
    full_member_on: pendulum.Date | None = attrs.field(default=None, converter=_full_member_on)
    phone: str | None = attrs.field(default=None, repr=_phone_repr)

    def __attrs_post_init__(self) -> None:
        if self.full_member_on is not None and (
            self.admitted_on is None or self.full_member_on < self.admitted_on
        ):
            raise InvalidRecordError(
                f"person {self.id}: full membership ({self.full_member_on}) must follow "
                f"admission ({self.admitted_on})",
                subject=self.id,
                rule="member.probation",
            )

    def is_party_member(self, on: _dt.date | str) -> bool:
        """Whether the person is a party member (full or probationary) on ``on``."""
        on = as_date(on, "on")
        return self.admitted_on is not None and self.admitted_on <= on

    def is_full_member(self, on: _dt.date | str) -> bool:
        """Whether the person is a full member (正式党员) on ``on``."""
        on = as_date(on, "on")
        return self.full_member_on is not None and self.full_member_on <= on
