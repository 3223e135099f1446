"""Rules of the columnar tables and the SQL engines (列式数据与SQL引擎)."""

from __future__ import annotations

from neighborhood_pb.errors.source import LIBRARY_DEFAULT
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_PARAMS = {
    "columnar.table": {"table"},
    "columnar.column": {"table", "column"},
    "metrics.engine": {"engine"},
    "columnar.reference": {"table", "column", "row", "target"},
    "columnar.duty_horizon": {"until"},
    "columnar.engine_setting": {"setting", "value"},
}

_ERRORS = {
    "columnar.table": (
        "列式数据缺少数据表：{table}",
        "the columnar data lacks the table {table}",
    ),
    "columnar.column": (
        "数据表{table}的列{column}缺失或类型不符",
        "the column {column} of the table {table} is missing or has the wrong type",
    ),
    "columnar.version": (
        "列式数据的结构版本不受支持",
        "the columnar data's schema version is not supported",
    ),
    "columnar.reference": (
        "数据表{table}第{row}行：{column}指向的{target}记录不存在",
        "row {row} of the table {table}: {column} names no record of {target}",
    ),
    "columnar.duty_horizon": (
        "列式数据的轮值任期只写到{until}（不含），请按更晚的日期重新导出",
        "the columnar data holds duty terms up to {until} (exclusive); export it again "
        "for a later day",
    ),
    "columnar.engine_setting": (
        "SQL引擎的设置{setting}不能是{value}",
        "the SQL engine's setting {setting} cannot be {value}",
    ),
    "metrics.engine": (
        "{subject}：{engine}引擎尚不能计算，请用内存引擎（--engine python）",
        "{subject}: the {engine} engine does not compute it yet; compute it in memory "
        "(--engine python)",
    ),
}

SPECS: tuple[RuleSpec, ...] = tuple(
    RuleSpec(code=code, source=LIBRARY_DEFAULT, params=_PARAMS.get(code, ()), zh=zh, en=en)
    for code, (zh, en) in _ERRORS.items()
)
"""The columnar and engine rules."""
