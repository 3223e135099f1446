"""Non-party bodies (非党组织) and property-service contracts (物业服务合同) of the
appointments aggregate.

:class:`BodyBook` owns the bodies and contracts and their indices and asks the organisation
tree for territories and party organisations; it knows nothing of appointments or
evaluations, which the components above it check against it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from neighborhood_pb.errors import ConflictError, UnknownRecordError
from neighborhood_pb.history import Register
from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
from neighborhood_pb.structure.posts.lookups import find_territory, refuse, unknown
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["BodyBook"]

_ONE_PER_TERRITORY = frozenset(
    {BodyKind.RESIDENTS_COMMITTEE, BodyKind.OWNERS_ASSEMBLY, BodyKind.OWNERS_COMMITTEE}
)


class BodyBook:
    """Bodies (非党组织) by id, by territory and by parent; contracts (物业服务合同) by id, by
    company and by compound.

    Invariants: every body sits on a territory of the kind its kind requires, for its whole
    life; one residents' committee per community, one owners' assembly and one owners'
    committee per compound at a time; an owners' committee lies within the life of its
    owners' assembly on the same compound; a contract joins a property company and a
    compound, within both lives, and the same company serves a compound once at a time.

    Attributes:
        bodies: The bodies.
        contracts: The contracts.
    """

    def __init__(self, tree: OrgTree) -> None:
        """Create an empty book over ``tree``."""
        self._tree = tree
        self.bodies: Register[Body] = Register("body")
        self._bodies_by_territory: dict[str, list[str]] = {}
        self._child_bodies: dict[str, list[str]] = {}
        self.contracts: Register[ServiceContract] = Register("contract")
        self._contracts_by_company: dict[str, list[str]] = {}
        self._contracts_by_compound: dict[str, list[str]] = {}

    # == bodies =============================================================================

    def body_for(self, body_id: str, subject: str) -> Body:
        """The body ``body_id``, or an error naming ``subject``."""
        body = self.bodies.find(body_id)
        if body is None:
            raise unknown(f"{subject}: no body {body_id}", subject)
        return body

    def check_body(self, body: Body) -> None:
        """Validate a new body (see ``Appointments.add_body``)."""
        subject = f"body {body.id}"
        self.bodies.check_new(body.id)
        if body.territory_id is not None:
            territory = find_territory(self._tree, body.territory_id, body.id)
            if territory.kind not in body.kind.territory_kinds:
                raise refuse(
                    f"{subject}: a {body.kind.label_zh} cannot sit in a "
                    f"{territory.kind.label_zh} ({territory.id})",
                    body.id,
                    "body.territory",
                )
            if not body.period.within(territory.period):
                raise refuse(
                    f"{subject} {body.period} falls outside the life of {territory.id} "
                    f"{territory.period}",
                    body.id,
                    "body.within_territory",
                )
        if body.parent_id is not None:
            parent = self.body_for(body.parent_id, body.id)
            if (
                parent.kind is not BodyKind.OWNERS_ASSEMBLY
                or parent.territory_id != body.territory_id
                or not body.period.within(parent.period)
            ):
                raise refuse(
                    f"{subject}: {parent.id} is not the owners' assembly (业主大会) of "
                    f"{body.territory_id} for {body.period}",
                    body.id,
                    "body.owners_assembly",
                )
        if body.party_org_id is not None:
            try:
                self._tree.history(body.party_org_id)
            except UnknownRecordError:
                raise unknown(
                    f"{subject}: no party organisation {body.party_org_id}", body.id
                ) from None
        if body.kind in _ONE_PER_TERRITORY:
            assert body.territory_id is not None
            other = self.bodies.overlapping(
                self._bodies_by_territory.get(body.territory_id, ()),
                body.period,
                lambda other: other.kind is body.kind,
            )
            if other is not None:
                raise ConflictError(
                    f"{subject}: {body.territory_id} already has the {body.kind.label_zh} "
                    f"{other.id} {other.period}",
                    subject=body.id,
                    rule="body.one_per_territory",
                )

    def add_body(self, body: Body) -> None:
        """Store a validated body."""
        self.bodies.put(body.id, body)
        if body.territory_id is not None:
            self._bodies_by_territory.setdefault(body.territory_id, []).append(body.id)
        if body.parent_id is not None:
            self._child_bodies.setdefault(body.parent_id, []).append(body.id)

    def dependants(self, body_id: str, day: _dt.date) -> list[str]:
        """Ids of the contracts of a company and the owners' committees under an assembly
        that still run after ``day``."""
        return [
            *(
                c
                for c in self._contracts_by_company.get(body_id, ())
                if self.contracts[c].period.runs_past(day)
            ),
            *(
                b
                for b in self._child_bodies.get(body_id, ())
                if self.bodies[b].period.runs_past(day)
            ),
        ]

    def in_effect(self, day: _dt.date, kind: BodyKind | None) -> Iterator[Body]:
        """Bodies in effect on ``day`` (of one kind, if given)."""
        return (
            body
            for body in self.bodies
            if (kind is None or body.kind is kind) and body.period.contains(day)
        )

    def serving(self, territory_id: str, on: _dt.date) -> tuple[Body, ...]:
        """Bodies sitting on a territory or under contract for it on ``on``."""
        result = [
            self.bodies[b]
            for b in self._bodies_by_territory.get(territory_id, ())
            if self.bodies[b].period.contains(on)
        ]
        for contract_id in self._contracts_by_compound.get(territory_id, ()):
            contract = self.contracts[contract_id]
            company = self.bodies[contract.company_id]
            if contract.period.contains(on) and company not in result:
                result.append(company)
        return tuple(result)

    def served_territories(self, body_id: str, on: _dt.date) -> tuple[str, ...]:
        """Ids of the territories a body serves on ``on`` (empty when it does not exist).

        Raises:
            UnknownRecordError: no such body.
        """
        body = self.body_for(body_id, body_id)
        if not body.period.contains(on):
            return ()
        if body.territory_id is not None:
            return (body.territory_id,)
        return tuple(
            dict.fromkeys(
                self.contracts[c].compound_id
                for c in self._contracts_by_company.get(body_id, ())
                if self.contracts[c].period.contains(on)
            )
        )

    # == service contracts ==================================================================

    def check_contract(self, contract: ServiceContract) -> None:
        """Validate a new contract (see ``Appointments.add_contract``)."""
        subject = contract.id
        self.contracts.check_new(subject)
        company = self.body_for(contract.company_id, subject)
        compound = find_territory(self._tree, contract.compound_id, subject)
        if (
            company.kind is not BodyKind.PROPERTY_COMPANY
            or compound.kind is not TerritoryKind.COMPOUND
        ):
            raise refuse(
                f"contract {subject}: a contract joins a property company (物业服务企业) and a "
                f"compound, not a {company.kind.label_zh} and a {compound.kind.label_zh}",
                subject,
                "contract.parties",
            )
        for party, period in ((company.id, company.period), (compound.id, compound.period)):
            if not contract.period.within(period):
                raise refuse(
                    f"contract {subject} {contract.period} falls outside the life of {party}",
                    subject,
                    "contract.within_lifetime",
                )
        other = self.contracts.overlapping(
            self._contracts_by_compound.get(compound.id, ()),
            contract.period,
            lambda other: other.company_id == company.id,
        )
        if other is not None:
            raise ConflictError(
                f"contract {subject}: {company.id} already serves {compound.id} under {other.id}",
                subject=subject,
                rule="contract.unique",
            )

    def add_contract(self, contract: ServiceContract) -> None:
        """Store a validated contract."""
        self.contracts.put(contract.id, contract)
        self._contracts_by_company.setdefault(contract.company_id, []).append(contract.id)
        self._contracts_by_compound.setdefault(contract.compound_id, []).append(contract.id)

    def contracts_of(self, company_id: str) -> tuple[ServiceContract, ...]:
        """Every contract of a property company, past and present."""
        return tuple(self.contracts[c] for c in self._contracts_by_company.get(company_id, ()))
