"""The building blocks of the columnar schema (列式数据结构的元素): a column and a table."""

from __future__ import annotations

import attrs

__all__ = ["Column", "TableSpec", "c", "period"]


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table.

    Attributes:
        name: Column name (lower snake case, no SQL keyword).
        type: Arrow type name: ``string``, ``int64``, ``date32``, ``bool`` or
            ``timestamp_utc`` (``timestamp[us, tz=UTC]``).
        nullable: Whether the column may hold nulls (an optional field).
        doc: What the column holds.
    """

    name: str
    type: str
    nullable: bool = False
    doc: str = ""


@attrs.frozen(kw_only=True)
class TableSpec:
    """One table of the schema.

    Attributes:
        name: Table name (also the Parquet file's stem).
        doc: What one row is, with the Chinese term.
        columns: The columns in order.
        derived: Whether the rows are computed by the library rather than copied records.
    """

    name: str
    doc: str
    columns: tuple[Column, ...]
    derived: bool = False


def c(name: str, type_: str, doc: str, *, nullable: bool = False) -> Column:
    """A column (short to write in the table specifications)."""
    return Column(name=name, type=type_, nullable=nullable, doc=doc)


def period() -> tuple[Column, ...]:
    """The two columns of a half-open period."""
    return (
        c("start_on", "date32", "first day in effect"),
        c("end_on", "date32", "first day no longer in effect (null: open)", nullable=True),
    )
