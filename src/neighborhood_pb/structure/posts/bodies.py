"""Non-party bodies (非党组织) attached to territory: residents' and owners' committees, the
owners' assembly, property-service companies, resident units and social organisations.

Bodies are effective-dated records. They are owned by the appointments aggregate
(:class:`~neighborhood_pb.structure.posts.appointments.Appointments`), which checks every reference
to the territory of the organisation tree it is given.
"""

from __future__ import annotations

import enum

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = ["Body", "BodyKind", "ServiceContract"]

_T = TerritoryKind


class BodyKind(enum.Enum):
    """Kind of non-party body, with the territory it may be attached to."""

    RESIDENTS_COMMITTEE = "residents_committee"
    OWNERS_ASSEMBLY = "owners_assembly"
    OWNERS_COMMITTEE = "owners_committee"
    PROPERTY_COMPANY = "property_company"
    RESIDENT_UNIT = "resident_unit"
    SOCIAL_ORGANISATION = "social_organisation"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return _LABELS[self]

    @property
    def territory_kinds(self) -> frozenset[TerritoryKind]:
        """Kinds of territory a body of this kind is attached to (empty: none, see
        :class:`ServiceContract` for property companies)."""
        return _SEATS[self]


_LABELS = {
    BodyKind.RESIDENTS_COMMITTEE: "居委会",
    BodyKind.OWNERS_ASSEMBLY: "业主大会",
    BodyKind.OWNERS_COMMITTEE: "业委会",
    BodyKind.PROPERTY_COMPANY: "物业服务企业",
    BodyKind.RESIDENT_UNIT: "驻区单位",
    BodyKind.SOCIAL_ORGANISATION: "社会组织",
}
_PLACES = frozenset(
    {_T.STREET, _T.TOWNSHIP, _T.COMMUNITY, _T.VILLAGE, _T.AREA, _T.GRID, _T.COMPOUND}
)
_SEATS: dict[BodyKind, frozenset[TerritoryKind]] = {
    BodyKind.RESIDENTS_COMMITTEE: frozenset({_T.COMMUNITY, _T.VILLAGE}),
    BodyKind.OWNERS_ASSEMBLY: frozenset({_T.COMPOUND}),
    BodyKind.OWNERS_COMMITTEE: frozenset({_T.COMPOUND}),
    BodyKind.PROPERTY_COMPANY: frozenset(),
    BodyKind.RESIDENT_UNIT: _PLACES,
    BodyKind.SOCIAL_ORGANISATION: _PLACES,
}


def _fail(body_id: str, message: str, rule: str) -> InvalidRecordError:
    return InvalidRecordError(f"body {body_id}: {message}", subject=body_id, rule=rule)


@attrs.frozen(kw_only=True)
class Body:
    """A non-party body attached to a territory (居委会、业主大会、业委会、物业服务企业、驻区单位、
    社会组织).

    A residents' committee sits in a community (a villagers' committee plays the same part in
    a village), an owners' assembly and its owners' committee in a compound, a resident unit
    or social organisation wherever it is located. A property-service company is attached to
    no territory of its own: it serves compounds through :class:`ServiceContract` records.

    Attributes:
        id: Unique identifier among bodies.
        kind: What it is.
        name: Display name (e.g. "阳光小区业委会").
        period: When it exists.
        territory_id: The territory it belongs to (``None`` only for a property company).
        parent_id: For an owners' committee, the owners' assembly that elects it (required);
            ``None`` for every other kind.
        party_org_id: The party organisation set up in the body (业委会党组织, 物业企业党支部),
            if any; an organisation of the tree.
    """

    id: str = attrs.field(validator=non_empty_text)
    kind: BodyKind
    name: str = attrs.field(validator=non_empty_text)
    period: Period
    territory_id: str | None = None
    parent_id: str | None = None
    party_org_id: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.kind is BodyKind.PROPERTY_COMPANY:
            if self.territory_id is not None:
                raise _fail(
                    self.id,
                    "a property company serves compounds through service contracts and has no "
                    "territory of its own",
                    "body.territory",
                )
        elif self.territory_id is None:
            raise _fail(self.id, f"a {self.kind.label_zh} needs a territory", "body.territory")
        if self.kind is BodyKind.OWNERS_COMMITTEE and self.parent_id is None:
            raise _fail(
                self.id,
                "an owners' committee (业委会) is elected by an owners' assembly (业主大会); "
                "name it as parent",
                "body.owners_assembly",
            )
        if self.kind is not BodyKind.OWNERS_COMMITTEE and self.parent_id is not None:
            raise _fail(
                self.id, "only an owners' committee has a parent body", "body.owners_assembly"
            )


@attrs.frozen(kw_only=True)
class ServiceContract:
    """A property-service company serves a compound for a period (物业服务合同).

    Attributes:
        id: Unique identifier.
        company_id: The property-service company (a :class:`Body`).
        compound_id: The compound served.
        period: When the contract runs.
    """

    id: str = attrs.field(validator=non_empty_text)
    company_id: str
    compound_id: str
    period: Period
