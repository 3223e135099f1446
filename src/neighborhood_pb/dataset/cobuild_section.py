"""The co-building section of a dataset (共驻共建): the four lists and the partnerships."""

from __future__ import annotations

import attrs

from neighborhood_pb.governance.cobuild.presets import NEED_RESPONSE, CobuildRules
from neighborhood_pb.governance.cobuild.records import FourListsRecords, PartnershipRecords

__all__ = ["CobuildRecords"]


@attrs.frozen(kw_only=True)
class CobuildRecords:
    """The co-building section of a dataset (四项清单与共驻共建): what the four lists and the
    partnerships are rebuilt from.

    Every field has an empty or preset default, so a dataset without co-building has an empty
    section (and it is not written).

    Attributes:
        lists: Needs and their events, resources, projects, milestones, completions,
            spending, published snapshots and comments
            (:class:`~neighborhood_pb.governance.cobuild.FourListsRecords`).
        partnerships: Alliances and their members, agreements, commitments met, households
            in hardship, pairings and evaluations
            (:class:`~neighborhood_pb.governance.cobuild.PartnershipRecords`).
        rules: The thresholds of the checks (default: :data:`NEED_RESPONSE`).
    """

    lists: FourListsRecords = attrs.field(factory=FourListsRecords)
    partnerships: PartnershipRecords = attrs.field(factory=PartnershipRecords)
    rules: CobuildRules = NEED_RESPONSE

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to build: no record in the lists nor the partnerships."""
        return self.lists == FourListsRecords() and self.partnerships == PartnershipRecords()
