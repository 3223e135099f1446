"""Rules of register import (台账导入): problems of files, sheets, columns and rows.

Every problem names where it is: the file, the sheet, the row as the spreadsheet shows it
(the header is row 1) and the column's header.
"""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_SOURCE = Source(
    cited="台账导入规则",
    note_zh="台账格式见 docs/registers.md；本库自身的检查",
    note_en="the register layout of docs/registers.md; the library's own checks",
)
_AT = "{sheet}表第{row}行「{column}」"
_AT_EN = "sheet {sheet}, row {row}, column {column}"


def _spec(code: str, severity: Severity, params: set[str], zh: str, en: str) -> RuleSpec:
    return RuleSpec(code=code, source=_SOURCE, severity=severity, params=params, zh=zh, en=en)


_E, _W = Severity.ERROR, Severity.WARNING

SPECS: tuple[RuleSpec, ...] = (
    _spec(
        "register.file",
        _E,
        {"file", "detail"},
        "文件{file}无法作为登记表读取：{detail}",
        "{file} cannot be read as a register: {detail}",
    ),
    _spec(
        "register.too_large",
        _E,
        {"file", "limit"},
        "文件{file}超过导入上限（{limit}），请分批导入",
        "{file} exceeds the import limit ({limit}); import it in parts",
    ),
    _spec(
        "register.no_sheet",
        _E,
        {"file", "expected"},
        "文件{file}中没有可识别的工作表（应为：{expected}）",
        "{file} holds no sheet this library knows (expected: {expected})",
    ),
    _spec(
        "register.sheet_unknown",
        _W,
        {"file", "sheet"},
        "文件{file}中的工作表「{sheet}」无法识别，已忽略",
        "{file}: sheet {sheet} is not one this library knows; ignored",
    ),
    _spec(
        "register.sheet_twice",
        _E,
        {"file", "sheet"},
        "工作表「{sheet}」出现两次（{file}）",
        "sheet {sheet} is given twice ({file})",
    ),
    _spec(
        "register.column_missing",
        _E,
        {"sheet", "column", "closest"},
        "{sheet}表缺少必填列「{column}」（最接近的表头：{closest}）",
        "sheet {sheet} lacks the required column {column} (closest header: {closest})",
    ),
    _spec(
        "register.column_unknown",
        _W,
        {"sheet", "column"},
        "{sheet}表的列「{column}」无法识别，已忽略",
        "sheet {sheet}: column {column} is not one this library knows; ignored",
    ),
    _spec(
        "register.column_sensitive",
        _W,
        {"sheet", "column"},
        "{sheet}表的列「{column}」属于本库不保存的个人信息，已丢弃",
        "sheet {sheet}: column {column} holds personal data this library does not keep; dropped",
    ),
    _spec(
        "register.merged",
        _E,
        {"sheet", "row", "column"},
        _AT + "：合并单元格无法逐行读取，请取消合并",
        _AT_EN + ": a merged cell cannot be read row by row; unmerge it",
    ),
    _spec(
        "register.required",
        _E,
        {"sheet", "row", "column"},
        _AT + "：必填项为空",
        _AT_EN + ": the required cell is blank",
    ),
    _spec(
        "register.label",
        _E,
        {"sheet", "row", "column", "value", "allowed"},
        _AT + "：「{value}」不是允许的取值（可选：{allowed}）",
        _AT_EN + ": {value!r} is not an allowed label (allowed: {allowed})",
    ),
    _spec(
        "register.cell",
        _E,
        {"sheet", "row", "column", "value", "expected"},
        _AT + "：「{value}」不是{expected}",
        _AT_EN + ": {value!r} is not a {expected}",
    ),
    _spec(
        "register.duplicate_id",
        _E,
        {"sheet", "row", "column", "value", "first_row"},
        _AT + "：编号{value}与第{first_row}行重复",
        _AT_EN + ": {value} repeats row {first_row}",
    ),
    _spec(
        "register.reference",
        _E,
        {"sheet", "row", "column", "value", "target"},
        _AT + "：{target}表中没有编号{value}",
        _AT_EN + ": {target} has no {value}",
    ),
    _spec(
        "register.two_branches",
        _E,
        {"sheet", "row", "value", "other_row"},
        "{sheet}表第{row}行：人员{value}同时在两个党组织有组织关系（另见第{other_row}行）",
        "sheet {sheet}, row {row}: {value} holds a formal membership in two organisations "
        "at once (see row {other_row})",
    ),
    _spec(
        "register.record",
        _E,
        {"sheet", "row", "detail", "detail_zh"},
        "{sheet}表第{row}行：记录不成立：{detail_zh}",
        "sheet {sheet}, row {row}: the record is refused: {detail}",
    ),
    _spec(
        "register.exists",
        _E,
        {"file"},
        "数据文件{file}已存在：更新已有数据集即月度核对（reconcile），"
        "请用 --effective DATE 给出生效日期",
        "{file} exists: updating a dataset is the monthly reconciliation, which needs the "
        "day the changes take effect: --effective DATE",
    ),
    _spec(
        "register.schema_needed",
        _E,
        {"file"},
        "数据文件{file}尚不存在：新建数据集须用 --schema 给出层级方案",
        "{file} does not exist yet: creating a dataset needs its level schema: --schema SCHEMA",
    ),
    _spec(
        "register.effective_unused",
        _E,
        {"file"},
        "数据文件{file}尚不存在：--effective 只用于更新已有数据集，新建时用 --as-of 给出数据日期",
        "{file} does not exist yet: --effective is for updating a dataset; give a new "
        "dataset's day with --as-of",
    ),
    _spec(
        "register.as_of_unused",
        _E,
        {"file"},
        "数据文件{file}已存在：更新后的数据日期即生效日期（--effective），--as-of 只用于新建",
        "{file} exists: after an update its day is the effective day (--effective); --as-of "
        "is for creating a dataset",
    ),
    _spec(
        "register.schema_differs",
        _E,
        {"file", "schema", "given"},
        "数据文件{file}的层级方案是{schema}，而 --schema 给出的是{given}",
        "{file} uses the level schema {schema}, not {given} as --schema says",
    ),
)
"""The register import rules."""
