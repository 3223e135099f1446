"""SQL engines for the metrics (SQL指标引擎): DuckDB and Spark over the columnar tables.

Each runs the portable definitions of :mod:`neighborhood_pb.metrics.portable` and returns
the same :class:`~neighborhood_pb.metrics.MetricTable` as the in-memory engine, with
identical numerators and denominators. Requires the ``columnar`` or ``spark`` extra.
"""
