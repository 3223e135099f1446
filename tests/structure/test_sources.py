"""Rule sources sit on the fields they justify; the public mappings derive from them."""

from __future__ import annotations

import attrs

from neighborhood_pb.points import POINTS_SOURCES, ComplianceRules
from neighborhood_pb.structure import (
    APPOINTMENT_RULE_SOURCES,
    RULE_SOURCES,
    AppointmentRules,
    OrgRules,
    RotationRules,
)
from neighborhood_pb.structure.rotations.rules import YONGCHUN_SOURCE
from neighborhood_pb.structure.sources import CITES, SOURCE, cite, field_sources


@attrs.frozen
class Sample:
    alone: int = attrs.field(default=1, metadata=cite("甲"))
    low: int = attrs.field(default=1, metadata=cite("乙", key="size"))
    high: int = attrs.field(default=2, metadata=cite("乙", key="size"))
    silent: int = 0


def test_fields_sharing_a_source_file_it_once_under_its_key() -> None:
    assert field_sources(Sample) == {"alone": "甲", "size": "乙"}
    assert attrs.fields(Sample).low.metadata == {SOURCE: "乙", CITES: "size"}
    assert attrs.fields(Sample).silent.metadata == {}


def test_the_public_mappings_are_the_fields_sources() -> None:
    fields = attrs.fields(OrgRules)
    assert RULE_SOURCES["branch_max_members"] == fields.branch_max_members.metadata[SOURCE]
    assert "50人" in RULE_SOURCES["branch_max_members"]
    assert RULE_SOURCES["committee_size"] == fields.committee_max_seats.metadata[SOURCE]
    assert field_sources(OrgRules).items() <= RULE_SOURCES.items()
    assert field_sources(AppointmentRules).items() <= APPOINTMENT_RULE_SOURCES.items()
    assert APPOINTMENT_RULE_SOURCES["full_member_posts"] == RULE_SOURCES["probationary"]


def test_rotation_and_compliance_numbers_cite_their_sources() -> None:
    assert field_sources(RotationRules) == {"term_months": YONGCHUN_SOURCE}
    cited = field_sources(ComplianceRules)
    assert cited["quarterly_service"] == POINTS_SOURCES["quarterly_service"]
    assert cited["household_links"] == POINTS_SOURCES["household_links"]
