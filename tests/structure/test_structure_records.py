"""Single records and enums of the structure: validators, labels, redaction."""

import attrs
import pendulum
import pytest
from hypothesis import given

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.structure import (
    Coverage,
    ElectionTerm,
    EmploymentStatus,
    Membership,
    MembershipKind,
    Organisation,
    OrgForm,
    Person,
    Report,
    ReportChannel,
    Territory,
    TerritoryKind,
    redact_phone,
)
from neighborhood_pb.testing.structure import persons

D = pendulum.Date
SINCE = Period(start=D(2020, 1, 1))


# -- forms -------------------------------------------------------------------------------------


def test_every_form_has_a_chinese_label() -> None:
    labels = {form: form.label_zh for form in OrgForm}
    assert labels[OrgForm.WORKING_COMMITTEE] == "党工委"
    assert labels[OrgForm.COMPOUND_STYLE_BRANCH] == "兼合式党支部"
    assert all(labels.values())
    assert len(set(labels.values())) == len(OrgForm)


def test_elected_forms() -> None:
    elected = {f for f in OrgForm if f.is_elected}
    assert elected == {
        OrgForm.GRAND_COMMITTEE,
        OrgForm.COMMITTEE,
        OrgForm.GENERAL_BRANCH,
        OrgForm.BRANCH,
        OrgForm.JOINT_BRANCH,
        OrgForm.COMPOUND_STYLE_BRANCH,
    }


def test_branch_forms_and_the_leaf() -> None:
    assert {f for f in OrgForm if f.is_branch} == {
        OrgForm.BRANCH,
        OrgForm.JOINT_BRANCH,
        OrgForm.COMPOUND_STYLE_BRANCH,
        OrgForm.TEMPORARY_BRANCH,
    }
    assert [f for f in OrgForm if f.is_leaf] == [OrgForm.CONTACT_HOUSEHOLD]


def test_membership_kinds_and_where_they_are_held() -> None:
    assert MembershipKind.FORMAL.label_zh == "组织关系"
    assert MembershipKind.COMPOUND_STYLE.label_zh == "兼合式参加"
    formal = {f for f in OrgForm if MembershipKind.FORMAL.allowed_in(f)}
    style = {f for f in OrgForm if MembershipKind.COMPOUND_STYLE.allowed_in(f)}
    assert OrgForm.COMPOUND_STYLE_BRANCH not in formal
    assert OrgForm.TEMPORARY_BRANCH not in formal
    assert OrgForm.WORKING_COMMITTEE in formal
    assert style == {
        OrgForm.COMPOUND_STYLE_BRANCH,
        OrgForm.TEMPORARY_BRANCH,
        OrgForm.BRANCH,
        OrgForm.PARTY_GROUP,
    }
    assert OrgForm.CONTACT_HOUSEHOLD not in formal | style


# -- territory ---------------------------------------------------------------------------------


def test_territory_kinds_nest_by_rank() -> None:
    ranks = [k.rank for k in TerritoryKind]
    assert ranks == sorted(ranks)
    assert TerritoryKind.STREET.rank == TerritoryKind.TOWNSHIP.rank == 0
    assert TerritoryKind.COMMUNITY.rank == TerritoryKind.VILLAGE.rank == 1
    assert TerritoryKind.HOUSEHOLD.rank == 7
    assert TerritoryKind.GRID.label_zh == "网格"
    assert len({k.label_zh for k in TerritoryKind}) == len(TerritoryKind)


def _territory(**fields: object) -> Territory:
    base: dict[str, object] = {
        "id": "T1",
        "kind": TerritoryKind.COMPOUND,
        "name": "幸福小区",
        "period": SINCE,
    }
    base.update(fields)
    return Territory(**base)  # type: ignore[arg-type]


def test_valid_territory() -> None:
    grid = _territory(kind=TerritoryKind.GRID, code="320902-001", households=0)
    assert grid.code == "320902-001"
    assert grid.households == 0
    assert _territory().parent_id is None


@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"id": ""}, "record.non_empty"),
        ({"name": "   "}, "record.non_empty"),
        ({"kind": TerritoryKind.GRID}, "grid.code"),
        ({"kind": TerritoryKind.GRID, "code": ""}, "grid.code"),
        ({"parent_id": "T1"}, "tree.acyclic"),
        ({"households": -1}, "record.non_negative"),
    ],
)
def test_territory_validators(fields: dict[str, object], rule: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        _territory(**fields)
    assert info.value.rule == rule
    assert "Territory" in str(info.value) or "T1" in str(info.value)


# -- people ------------------------------------------------------------------------------------


def test_employment_labels() -> None:
    assert {s: s.label_zh for s in EmploymentStatus} == {
        EmploymentStatus.IN_SERVICE: "在职党员",
        EmploymentStatus.RETIRED: "离退休党员",
        EmploymentStatus.MOBILE: "流动党员",
        EmploymentStatus.OTHER: "其他",
    }


def test_standing_over_time() -> None:
    person = Person(id="P", name="张", admitted_on="2019-07-01", full_member_on="2020-07-01")
    assert not person.is_party_member(D(2019, 6, 30))
    assert person.is_party_member(D(2019, 7, 1))
    assert not person.is_full_member(D(2020, 6, 30))
    assert person.is_full_member(D(2020, 7, 1))
    resident = Person(id="Q", name="李")
    assert not resident.is_party_member(D(2030, 1, 1))
    assert not resident.is_full_member(D(2030, 1, 1))
    assert resident.employment is EmploymentStatus.OTHER


def test_full_membership_on_admission_day_is_allowed() -> None:
    person = Person(id="P", name="张", admitted_on="2019-07-01", full_member_on="2019-07-01")
    assert person.is_full_member(D(2019, 7, 1))


@pytest.mark.parametrize(("admitted", "full"), [(None, "2020-01-01"), ("2020-01-02", "2020-01-01")])
def test_full_membership_must_follow_admission(admitted: str | None, full: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        Person(id="P9", name="张", admitted_on=admitted, full_member_on=full)
    assert info.value.rule == "member.probation"
    assert info.value.subject == "P9"
    assert "P9" in str(info.value)


@pytest.mark.parametrize(("fields"), [{"id": ""}, {"name": ""}])
def test_person_needs_id_and_name(fields: dict[str, str]) -> None:
    base = {"id": "P", "name": "张"} | fields
    with pytest.raises(InvalidRecordError) as info:
        Person(**base)
    assert info.value.rule == "record.non_empty"


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        (None, None),
        ("13812345678", "138****5678"),
        ("12345678", "****5678"),
        ("1234567", "*******"),
        ("", ""),
    ],
)
def test_redact_phone(phone: str | None, shown: str | None) -> None:
    assert redact_phone(phone) == shown


@given(persons())
def test_repr_never_shows_a_phone_number(person: Person) -> None:
    text = repr(person)
    if person.phone is not None:
        assert person.phone not in text
        assert repr(redact_phone(person.phone)) in text


# -- effective-dated records -------------------------------------------------------------------


def test_organisation_cannot_be_its_own_parent() -> None:
    with pytest.raises(InvalidRecordError) as info:
        Organisation(
            id="O1", name="x", form=OrgForm.BRANCH, level="l", period=SINCE, parent_id="O1"
        )
    assert (info.value.rule, info.value.subject) == ("tree.acyclic", "O1")


@pytest.mark.parametrize("fields", [{"id": ""}, {"name": " "}])
def test_organisation_needs_id_and_name(fields: dict[str, str]) -> None:
    base = {"id": "O1", "name": "x", "form": OrgForm.BRANCH, "level": "l", "period": SINCE}
    with pytest.raises(InvalidRecordError) as info:
        Organisation(**(base | fields))  # type: ignore[arg-type]
    assert info.value.rule == "record.non_empty"


def test_coverage_key_names_org_territory_and_start() -> None:
    coverage = Coverage(org_id="B1", territory_id="K1", period=SINCE)
    assert coverage.key == "B1→K1@2020-01-01"


def test_membership_defaults_to_formal() -> None:
    membership = Membership(id="M1", person_id="P1", org_id="B1", period=SINCE)
    assert membership.kind is MembershipKind.FORMAL
    assert membership.end_reason is None
    with pytest.raises(InvalidRecordError):
        attrs.evolve(membership, id="")


def test_report_channels() -> None:
    report = Report(id="R1", person_id="P1", community_id="C1", period=SINCE)
    assert report.channels == frozenset(ReportChannel)
    online = Report(
        id="R2", person_id="P1", community_id="C1", period=SINCE, channels=[ReportChannel.ONLINE]
    )
    assert online.channels == frozenset({ReportChannel.ONLINE})
    with pytest.raises(InvalidRecordError) as info:
        Report(id="R3", person_id="P1", community_id="C1", period=SINCE, channels=())
    assert (info.value.rule, info.value.subject) == ("report.channel", "R3")


def test_term_needs_a_seat() -> None:
    assert ElectionTerm(id="E1", org_id="B1", period=SINCE, seats=1).seats == 1
    with pytest.raises(InvalidRecordError) as info:
        ElectionTerm(id="E2", org_id="B1", period=SINCE, seats=0)
    assert (info.value.rule, info.value.subject) == ("term.seats", "E2")
    assert "E2" in str(info.value)
