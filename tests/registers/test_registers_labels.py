"""Labels to enums: every label_zh, every English value and every alias."""

import pytest

from neighborhood_pb.io.registers.labels import (
    ALIASES,
    LABELLED,
    allowed_labels,
    from_label,
    label_of,
)
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.people import EmploymentStatus


@pytest.mark.parametrize("enum_type", LABELLED, ids=lambda e: e.__name__)
def test_every_member_reads_back_from_its_label_and_value(enum_type: type) -> None:
    for member in enum_type:
        assert from_label(enum_type, label_of(member)) is member
        assert from_label(enum_type, f" {member.value} ") is member
    assert allowed_labels(enum_type) == tuple(m.label_zh for m in enum_type)
    assert from_label(enum_type, "无此取值") is None


@pytest.mark.parametrize("enum_type", list(ALIASES), ids=lambda e: e.__name__)
def test_every_alias(enum_type: type) -> None:
    for alias, member in ALIASES[enum_type].items():
        assert from_label(enum_type, alias) is member


def test_registers_spellings() -> None:
    assert from_label(OrgForm, "党员中心户") is OrgForm.CONTACT_HOUSEHOLD
    assert from_label(OrgForm, "党群示范户/党员中心户") is OrgForm.CONTACT_HOUSEHOLD
    assert from_label(OrgForm, "党群示范户／党员中心户") is OrgForm.CONTACT_HOUSEHOLD
    assert from_label(EmploymentStatus, "在职") is EmploymentStatus.IN_SERVICE
    assert from_label(EmploymentStatus, "在职党员") is EmploymentStatus.IN_SERVICE
    assert from_label(EmploymentStatus, "离退休") is EmploymentStatus.RETIRED
    assert from_label(EmploymentStatus, "流动党员") is EmploymentStatus.MOBILE
    assert from_label(OrgForm, "“两新”") is None


def test_the_documentation_lists_every_sheet_column_and_label() -> None:
    from pathlib import Path

    from neighborhood_pb.io.registers.layout import SHEETS

    text = (Path(__file__).resolve().parents[2] / "docs" / "registers.md").read_text("utf-8")
    for sheet in SHEETS:
        heading = f"### {sheet.name} (`{sheet.key}`)"
        assert heading in text
        part = text.split(heading)[1].split("###")[0]
        for column in sheet.columns:
            assert f"| {column.header}" in part, (sheet.name, column.header)
            if isinstance(column.kind, type):
                assert "、".join(allowed_labels(column.kind)) in part
