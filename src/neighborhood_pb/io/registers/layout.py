"""The register layout (台账格式): one sheet per record kind, with Chinese headers.

Each :class:`Sheet` names its record kind (the dataset section it fills), its Chinese sheet
name and its columns; each :class:`Column` its header, the record field it fills, how a cell
is read, whether it is required and which sheet its value refers to. A column map
(``{"党员姓名": "姓名"}``) lets a register use other headers.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.posts.bodies import BodyKind
from neighborhood_pb.structure.posts.records import EndReason, PartTimeSource, PostKind
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = ["CHANNELS", "SENSITIVE_HEADERS", "SHEETS", "Column", "Sheet", "sheet_for"]

CHANNELS = "channels"
"""The cell kind of a report's channels (线上报到、线下报到, or 双报到 for both)."""

CellKind = str | type[enum.Enum]
"""How a column's cells are read: ``"text"``, ``"day"``, ``"count"``, :data:`CHANNELS`, or
an enum read by its labels."""


@attrs.frozen(kw_only=True)
class Column:
    """One column of a sheet (列).

    Attributes:
        header: The Chinese header (表头), e.g. "姓名".
        field: The record field it fills (``start``/``end`` fill the period; ``part_time.*``
            the part-time basis).
        meaning: What it holds, for the documentation.
        kind: How its cells are read.
        required: Whether every row must fill it.
        ref: The sheet (record kind) its value names, if any.
        aliases: Other headers registers use for it.
    """

    header: str
    field: str
    meaning: str
    kind: CellKind = "text"
    required: bool = False
    ref: str | None = None
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Sheet:
    """One sheet of the register: a record kind (工作表).

    Attributes:
        key: The record kind and dataset section (``people``, ``memberships``, …).
        name: The Chinese sheet name (and CSV file name), e.g. "人员".
        columns: Its columns in order.
        unique: The fields that identify a row (duplicates are refused); empty: none.
    """

    key: str
    name: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ("id",)

    def column(self, field: str) -> Column:
        """The column filling ``field``."""
        return next(column for column in self.columns if column.field == field)


def _id(meaning: str) -> Column:
    return Column(header="编号", field="id", meaning=meaning, required=True, aliases=("ID", "id"))


def _period() -> tuple[Column, Column]:
    return (
        Column(header="起始日期", field="start", meaning="生效的第一天", kind="day", required=True),
        Column(header="终止日期", field="end", meaning="失效的第一天（空：仍有效）", kind="day"),
    )


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        key="territories",
        name="辖区",
        columns=(
            _id("辖区编号"),
            Column(
                header="类型",
                field="kind",
                meaning="街道、社区、网格、小区、楼栋、单元、户…",
                kind=TerritoryKind,
                required=True,
            ),
            Column(header="名称", field="name", meaning="名称", required=True),
            Column(
                header="上级编号", field="parent_id", meaning="所在的上级辖区", ref="territories"
            ),
            Column(header="网格编码", field="code", meaning="官方编码（网格必填）"),
            Column(header="户数", field="households", meaning="申报户数", kind="count"),
            *_period(),
        ),
    ),
    Sheet(
        key="people",
        name="人员",
        columns=(
            _id("人员编号"),
            Column(
                header="姓名", field="name", meaning="姓名", required=True, aliases=("党员姓名",)
            ),
            Column(
                header="住户编号",
                field="household_id",
                meaning="所住的户（辖区编号）",
                ref="territories",
            ),
            Column(
                header="人员类别",
                field="employment",
                meaning="在职、离退休、流动党员或其他",
                kind=EmploymentStatus,
                aliases=("身份类别",),
            ),
            Column(header="入党日期", field="admitted_on", meaning="成为预备党员之日", kind="day"),
            Column(
                header="转正日期", field="full_member_on", meaning="成为正式党员之日", kind="day"
            ),
            Column(
                header="联系电话",
                field="phone",
                meaning="联系电话（输出时脱敏）",
                aliases=("手机号", "手机", "电话", "手机号码"),
            ),
        ),
    ),
    Sheet(
        key="orgs",
        name="党组织",
        unique=("id", "start"),
        columns=(
            Column(
                header="编号",
                field="id",
                meaning="党组织编号（同一组织的各版本共用）",
                required=True,
                aliases=("ID", "id"),
            ),
            Column(header="名称", field="name", meaning="本版本的名称", required=True),
            Column(
                header="组织形式",
                field="form",
                meaning="党委、党总支、党支部…",
                kind=OrgForm,
                required=True,
            ),
            Column(header="层级", field="level", meaning="层级方案中的层级代码", required=True),
            Column(header="上级组织编号", field="parent_id", meaning="上级党组织", ref="orgs"),
            *_period(),
        ),
    ),
    Sheet(
        key="coverage",
        name="覆盖",
        unique=(),
        columns=(
            Column(
                header="党组织编号",
                field="org_id",
                meaning="覆盖的党组织",
                required=True,
                ref="orgs",
            ),
            Column(
                header="辖区编号",
                field="territory_id",
                meaning="被覆盖的辖区",
                required=True,
                ref="territories",
            ),
            *_period(),
        ),
    ),
    Sheet(
        key="memberships",
        name="组织关系",
        columns=(
            _id("组织关系编号"),
            Column(
                header="人员编号", field="person_id", meaning="党员", required=True, ref="people"
            ),
            Column(
                header="党组织编号", field="org_id", meaning="所在党组织", required=True, ref="orgs"
            ),
            Column(
                header="关系类型",
                field="kind",
                meaning="组织关系或兼合式参加（空：组织关系）",
                kind=MembershipKind,
            ),
            *_period(),
            Column(header="终止原因", field="end_reason", meaning="转出、去世等"),
        ),
    ),
    Sheet(
        key="reports",
        name="报到",
        columns=(
            _id("报到编号"),
            Column(
                header="人员编号",
                field="person_id",
                meaning="在职党员",
                required=True,
                ref="people",
            ),
            Column(
                header="社区编号",
                field="community_id",
                meaning="报到的社区（辖区编号）",
                required=True,
                ref="territories",
            ),
            Column(header="网格编号", field="grid_id", meaning="报到的网格", ref="territories"),
            Column(
                header="报到方式",
                field="channels",
                meaning="线上报到、线下报到或双报到（空：双报到）",
                kind=CHANNELS,
            ),
            *_period(),
        ),
    ),
    Sheet(
        key="terms",
        name="换届",
        columns=(
            _id("届次编号"),
            Column(
                header="党组织编号",
                field="org_id",
                meaning="选举的党组织",
                required=True,
                ref="orgs",
            ),
            Column(
                header="职数", field="seats", meaning="选出的班子人数", kind="count", required=True
            ),
            *_period(),
        ),
    ),
    Sheet(
        key="bodies",
        name="非党组织",
        columns=(
            _id("组织编号"),
            Column(
                header="类型",
                field="kind",
                meaning="居委会、业主大会、业委会、物业服务企业、驻区单位、社会组织",
                kind=BodyKind,
                required=True,
            ),
            Column(header="名称", field="name", meaning="名称", required=True),
            Column(
                header="辖区编号",
                field="territory_id",
                meaning="所在辖区（物业服务企业空）",
                ref="territories",
            ),
            Column(
                header="上级编号", field="parent_id", meaning="业委会所属的业主大会", ref="bodies"
            ),
            Column(
                header="党组织编号", field="party_org_id", meaning="其中建立的党组织", ref="orgs"
            ),
            *_period(),
        ),
    ),
    Sheet(
        key="contracts",
        name="物业服务合同",
        columns=(
            _id("合同编号"),
            Column(
                header="物业企业编号",
                field="company_id",
                meaning="物业服务企业",
                required=True,
                ref="bodies",
            ),
            Column(
                header="小区编号",
                field="compound_id",
                meaning="服务的小区",
                required=True,
                ref="territories",
            ),
            *_period(),
        ),
    ),
    Sheet(
        key="appointments",
        name="任职",
        columns=(
            _id("任职编号"),
            Column(
                header="人员编号",
                field="person_id",
                meaning="任职的人",
                required=True,
                ref="people",
            ),
            Column(
                header="职务",
                field="post",
                meaning="书记、委员、楼栋长…",
                kind=PostKind,
                required=True,
            ),
            Column(header="党组织编号", field="org_id", meaning="任职的党组织", ref="orgs"),
            Column(header="非党组织编号", field="body_id", meaning="任职的非党组织", ref="bodies"),
            Column(
                header="负责辖区编号",
                field="territory_id",
                meaning="负责的楼栋、单元、网格或小区",
                ref="territories",
            ),
            *_period(),
            Column(
                header="离任原因", field="end_reason", meaning="任期届满、辞职…", kind=EndReason
            ),
            Column(
                header="兼职来源",
                field="part_time.source",
                meaning="兼职委员的来源",
                kind=PartTimeSource,
            ),
            Column(
                header="来源单位编号",
                field="part_time.unit_id",
                meaning="来源的驻区单位",
                ref="bodies",
            ),
            Column(
                header="外部任职编号",
                field="part_time.appointment_id",
                meaning="其在外的职务",
                ref="appointments",
            ),
            Column(
                header="组织关系编号",
                field="part_time.membership_id",
                meaning="其组织关系",
                ref="memberships",
            ),
            Column(
                header="报到编号", field="part_time.report_id", meaning="其社区报到", ref="reports"
            ),
        ),
    ),
)
"""Every sheet, in the order a workbook holds them (parents before what refers to them)."""

SENSITIVE_HEADERS = frozenset(
    {
        "身份证号",
        "身份证",
        "身份证号码",
        "证件号码",
        "证件号",
        "公民身份号码",
        "身份证件号码",
        "手机号",
        "手机",
        "电话",
        "手机号码",
        "联系电话",
        "家庭住址",
        "住址",
        "银行卡号",
    }
)
"""Headers of personal data the library does not keep: such a column is dropped with a
warning (unless its sheet has a field for it, as 人员 has for a phone)."""

_BY_NAME: Mapping[str, Sheet] = {
    **{sheet.key: sheet for sheet in SHEETS},
    **{sheet.name: sheet for sheet in SHEETS},
}


def sheet_for(name: str) -> Sheet | None:
    """The sheet a workbook sheet or CSV file name stands for (Chinese name or key)."""
    return _BY_NAME.get(name.strip())
