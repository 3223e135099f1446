"""Columnar tables and Parquet files of a dataset (列式数据): Arrow tables, one per record
kind, documented in :mod:`neighborhood_pb.io.columnar.schema` and in ``docs/columnar.md``.

Requires the ``columnar`` extra (pyarrow); nothing is imported until a name is used.
"""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False

if TYPE_CHECKING:
    from neighborhood_pb.io.columnar.parquet import (
        check_tables,
        export_parquet,
        read_parquet,
        read_parquet_schemas,
    )
    from neighborhood_pb.io.columnar.schema import SCHEMA_VERSION, TABLES, Column, TableSpec
    from neighborhood_pb.io.columnar.shapes import NATIONAL_SHAPE, NationalShape
    from neighborhood_pb.io.columnar.synthetic import SyntheticParquet, write_synthetic_parquet
    from neighborhood_pb.io.columnar.tables import dataset_tables, tree_tables
    from neighborhood_pb.structure.scales import YANCHENG_SHAPE, CityShape

_LAZY: dict[str, str] = {
    "NATIONAL_SHAPE": "neighborhood_pb.io.columnar.shapes",
    "YANCHENG_SHAPE": "neighborhood_pb.structure.scales",
    "CityShape": "neighborhood_pb.structure.scales",
    "NationalShape": "neighborhood_pb.io.columnar.shapes",
    "SyntheticParquet": "neighborhood_pb.io.columnar.synthetic",
    "write_synthetic_parquet": "neighborhood_pb.io.columnar.synthetic",
    "SCHEMA_VERSION": "neighborhood_pb.io.columnar.schema",
    "TABLES": "neighborhood_pb.io.columnar.schema",
    "Column": "neighborhood_pb.io.columnar.schema",
    "TableSpec": "neighborhood_pb.io.columnar.schema",
    "check_tables": "neighborhood_pb.io.columnar.parquet",
    "dataset_tables": "neighborhood_pb.io.columnar.tables",
    "export_parquet": "neighborhood_pb.io.columnar.parquet",
    "read_parquet": "neighborhood_pb.io.columnar.parquet",
    "read_parquet_schemas": "neighborhood_pb.io.columnar.parquet",
    "tree_tables": "neighborhood_pb.io.columnar.tables",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "NATIONAL_SHAPE",
    "SCHEMA_VERSION",
    "TABLES",
    "YANCHENG_SHAPE",
    "CityShape",
    "Column",
    "NationalShape",
    "SyntheticParquet",
    "TableSpec",
    "check_tables",
    "dataset_tables",
    "export_parquet",
    "read_parquet",
    "read_parquet_schemas",
    "tree_tables",
    "write_synthetic_parquet",
]

__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
