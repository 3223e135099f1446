"""Responsibilities (责任清单): who answers for each need and project.

They are derived, never entered: a project's owner answers for it and for the needs it
answers; a party to a co-building agreement answers for the needs and projects its
commitments name; the post holders of an answering organisation answer with it. Post holders
come through the narrow :class:`PostHolders` protocol the caller passes in (the appointments
of an application already answer it).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from neighborhood_pb.errors.validators import non_empty_text

__all__ = ["PostHolders", "Responsibility", "ResponsibilityBasis", "derive_responsibilities"]


@runtime_checkable
class PostHolders(Protocol):
    """Answers who holds a post in an organisation on a day."""

    def holders(self, org_id: str, on: _dt.date) -> tuple[str, ...]:
        """The people holding a post in ``org_id`` on ``on`` (none: not an organisation)."""
        ...  # pragma: no cover


class ResponsibilityBasis(enum.Enum):
    """Why someone answers for a need or a project (责任来源)."""

    OWNER = "owner"
    """The project's owner (项目责任主体)."""
    AGREEMENT = "agreement"
    """A commitment of a co-building agreement (共建协议承诺)."""
    POST = "post"
    """A post in the answering organisation (岗位职责)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {"owner": "项目责任主体", "agreement": "共建协议承诺", "post": "岗位职责"}[
            self.value
        ]


@attrs.frozen(kw_only=True, order=True)
class Responsibility:
    """Someone answers for a need or a project (责任): a derived line of the list.

    Attributes:
        subject_id: The need or project.
        holder_id: The organisation, unit or person answering.
        basis: Why.
        source_id: The project, the agreement's commitment or the organisation it follows from.
    """

    subject_id: str = attrs.field(validator=non_empty_text)
    holder_id: str = attrs.field(validator=non_empty_text)
    basis: ResponsibilityBasis = attrs.field(order=lambda b: b.value)
    source_id: str = attrs.field(validator=non_empty_text)


def derive_responsibilities(
    owners: Iterable[tuple[str, str, frozenset[str]]],
    commitments: Iterable[tuple[str, str, frozenset[str]]],
    posts: PostHolders | None,
    on: _dt.date,
) -> tuple[Responsibility, ...]:
    """Every responsibility on ``on``, sorted.

    Args:
        owners: ``(project id, owner id, need ids)`` of every project under way.
        commitments: ``(commitment id, party id, need or project ids)`` of every commitment
            in effect.
        posts: Who holds posts in an organisation, or ``None`` to leave posts out.
        on: The day.
    """
    found: set[Responsibility] = set()
    for project_id, owner_id, need_ids in owners:
        for subject in (project_id, *need_ids):
            found.add(
                Responsibility(
                    subject_id=subject,
                    holder_id=owner_id,
                    basis=ResponsibilityBasis.OWNER,
                    source_id=project_id,
                )
            )
    for commitment_id, party_id, subjects in commitments:
        for subject in subjects:
            found.add(
                Responsibility(
                    subject_id=subject,
                    holder_id=party_id,
                    basis=ResponsibilityBasis.AGREEMENT,
                    source_id=commitment_id,
                )
            )
    if posts is not None:
        for line in tuple(found):
            for person in posts.holders(line.holder_id, on):
                found.add(
                    Responsibility(
                        subject_id=line.subject_id,
                        holder_id=person,
                        basis=ResponsibilityBasis.POST,
                        source_id=line.holder_id,
                    )
                )
    return tuple(sorted(found))
