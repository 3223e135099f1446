"""A streaming synthetic generator (流式模拟数据): the columnar tables of many cities, or of
the nation, written as Parquet one city-sized chunk at a time.

Each chunk is generated, turned into Arrow columns and appended to one
:class:`pyarrow.parquet.ParquetWriter` per table as its own row group, then dropped: memory is
bounded by one chunk, never the whole jurisdiction. Ids and names are numbered across chunks,
so they are unique; the derived ``territory_paths`` and the depth-first ``ordinal`` are
computed as :func:`~neighborhood_pb.io.columnar.tree_tables` computes them. The shape follows
:func:`neighborhood_pb.synthetic.generate_city` (the street/grid tree, 街道党工委 — 社区党总支 —
网格党支部 — 楼栋党小组 — 党员中心户), and the same seed always gives the same files.

Requires the ``columnar`` extra (pyarrow).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import attrs
import pendulum

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.columnar.parquet import SCHEMA_VERSION_KEY
from neighborhood_pb.io.columnar.schema import SCHEMA_VERSION, TABLES
from neighborhood_pb.io.columnar.shapes import NationalShape
from neighborhood_pb.io.columnar.synthetic_chunk import (
    SYNTHETIC_AS_OF,
    chunk_tables,
    level_table,
    table_of,
)
from neighborhood_pb.io.columnar.tables import arrow_schema
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked
from neighborhood_pb.structure.levels import STREET_GRID_FIVE_LEVEL
from neighborhood_pb.structure.scales import YANCHENG_SHAPE, CityShape

__all__ = ["SYNTHETIC_AS_OF", "SyntheticParquet", "write_synthetic_parquet"]


@attrs.frozen(kw_only=True)
class SyntheticParquet:
    """What :func:`write_synthetic_parquet` wrote.

    Attributes:
        files: The Parquet files, one per table, in the order of the schema.
        rows: Rows written, by table.
        chunks: City-sized chunks generated.
        as_of: A day on which every record is in effect.
    """

    files: tuple[Path, ...]
    rows: Mapping[str, int]
    chunks: int
    as_of: pendulum.Date


def write_synthetic_parquet(
    out_dir: str | os.PathLike[str],
    *,
    times: int = 1,
    shape: CityShape | NationalShape = YANCHENG_SHAPE,
    seed: int = 0,
    progress: Progress = NO_PROGRESS,
) -> SyntheticParquet:
    """Write ``times`` synthetic copies of ``shape`` as the Parquet files of the columnar
    schema (``<table>.parquet``), one city-sized chunk at a time.

    Args:
        out_dir: Directory to write into (created if missing).
        times: How many copies of ``shape`` (``--times N``: N Yanchengs).
        shape: A city's shape, or the nation's (split by :meth:`NationalShape.city_shapes`).
        seed: Seed of the pseudo-random choices; chunk ``i`` draws from ``(seed, i)``.
        progress: Told of each chunk written (生成模拟数据).

    Raises:
        InvalidRecordError: ``times`` is not positive (rule ``record.positive``).
    """
    import pyarrow.parquet as pq

    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise InvalidRecordError(
            f"write_synthetic_parquet: times must be a positive whole number, not {times!r}",
            rule="record.positive",
            params={"field": "times", "value": repr(times)},
        )
    chunk = shape.city_shapes() if isinstance(shape, NationalShape) else (shape,)
    shapes = chunk * times
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    version = {SCHEMA_VERSION_KEY: str(SCHEMA_VERSION).encode()}
    files = {name: out / f"{name}.parquet" for name in TABLES}
    writers = {
        name: pq.ParquetWriter(files[name], arrow_schema(spec).with_metadata(version))
        for name, spec in TABLES.items()
    }
    rows = dict.fromkeys(TABLES, 0)
    try:
        chunks = tracked(progress, chunk_tables(shapes, seed), "生成 synthetic", len(shapes))
        for tables in chunks:
            for name, table in tables.items():
                writers[name].write_table(table.replace_schema_metadata(version))
                rows[name] += table.num_rows
        facts = {
            "schema_version": str(SCHEMA_VERSION),
            "title": f"synthetic: {times} x {len(chunk)} chunk(s), seed {seed}",
            "as_of": SYNTHETIC_AS_OF.isoformat(),
            "inputs": "structure",
        }
        levels = level_table(STREET_GRID_FIVE_LEVEL)
        writers["levels"].write_table(levels.replace_schema_metadata(version))
        rows["levels"] = levels.num_rows
        keys = sorted(facts)
        metadata = table_of("metadata", {"key": keys, "value": [facts[k] for k in keys]})
        writers["metadata"].write_table(metadata.replace_schema_metadata(version))
        rows["metadata"] = metadata.num_rows
    finally:
        for writer in writers.values():
            writer.close()
    return SyntheticParquet(
        files=tuple(files.values()), rows=rows, chunks=len(shapes), as_of=SYNTHETIC_AS_OF
    )
