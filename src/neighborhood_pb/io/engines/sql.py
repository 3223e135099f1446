"""What every SQL engine shares: refusing what it lacks, scopes, roll-up and findings, and
the engine base class (:class:`SQLEngine`) that each engine completes with its ``query``."""

from __future__ import annotations

import datetime as _dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from neighborhood_pb.calendar.periods import Period, PeriodKind, as_date
from neighborhood_pb.errors import Finding, InvalidRecordError, UnknownRecordError
from neighborhood_pb.io.columnar.parquet import check_tables
from neighborhood_pb.io.columnar.tables import metadata_facts
from neighborhood_pb.metrics.context import TOTAL, MetricTable, MetricValue, Scope, Sums
from neighborhood_pb.metrics.definitions import CATALOGUE, MetricDefinition, MetricKind
from neighborhood_pb.metrics.portable import (
    AGGREGATE_METRICS,
    PORTABLE_METRICS,
    render,
    report_sql,
)
from neighborhood_pb.metrics.settings import MetricSettings
from neighborhood_pb.metrics.structure_pass import unplaced_finding
from neighborhood_pb.ratio import Average, Ratio

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["Query", "SQLEngine", "compute_metrics_sql", "table_inputs"]

Query = Callable[[str], Sequence[Sequence[Any]]]
"""Runs one SQL statement and returns its rows."""


def table_inputs(tables: Mapping[str, pa.Table]) -> frozenset[str]:
    """The metric inputs the tables' dataset has (the ``inputs`` fact of ``metadata``)."""
    return frozenset(metadata_facts(tables).get("inputs", "structure").split(","))


def _refuse(engine: str, message: str, subject: str) -> InvalidRecordError:
    return InvalidRecordError(
        f"{engine}: {message}", subject=subject, rule="metrics.engine", params={"engine": engine}
    )


def compute_metrics_sql(
    query: Query,
    engine: str,
    inputs: Iterable[str],
    on: _dt.date | str,
    *,
    root: str | None = None,
    metrics: Sequence[MetricDefinition] = CATALOGUE,
    levels: Iterable[str] = (),
    settings: MetricSettings | None = None,
    duty_until: _dt.date | None = None,
) -> MetricTable:
    """The metric table computed by ``query`` (one SQL engine), as
    :func:`~neighborhood_pb.metrics.compute_metrics` computes it in memory.

    ``duty_until`` is the first day after the duty terms the tables hold (the
    ``duty_terms_until`` fact); a duty coverage for a month reaching past it is refused.

    Raises:
        UnknownRecordError: a metric whose inputs are present has no portable definition
            yet (rule ``metrics.engine``); it is refused rather than shown as ``n/a``.
        InvalidRecordError: ``root`` or optional ``levels``, which the SQL engines do not
            take yet (rule ``metrics.engine``), or a month past the duty terms written
            (``columnar.duty_horizon``).
    """
    day = as_date(on, "on")
    if root is not None:
        raise _refuse(engine, "a table limited to a root is computed in memory only", root)
    asked = tuple(levels)
    if asked:
        raise _refuse(engine, "levels below the community are computed in memory only", asked[0])
    present = frozenset(inputs)
    wanted = {m.id for m in metrics if m.requires.value in present}
    lacking = sorted(wanted - PORTABLE_METRICS)
    if lacking:
        raise UnknownRecordError(
            f"{engine}: metric {lacking[0]} has no portable definition yet "
            "(compute it in memory, --engine python)",
            subject=lacking[0],
            rule="metrics.engine",
            params={"engine": engine},
        )
    if "duty_coverage" in wanted and duty_until is not None:
        month_end = Period.of(PeriodKind.MONTH, day).closed_end("month")
        if month_end > duty_until:
            raise InvalidRecordError(
                f"{engine}: the tables hold duty terms up to {duty_until.isoformat()} only "
                f"(duty_coverage as of {day.isoformat()}: export them again)",
                subject="duty_coverage",
                rule="columnar.duty_horizon",
                params={"until": duty_until.isoformat()},
            )
    sql = report_sql(wanted, unplaced="report_rate" in wanted)
    rows = query(render(sql, day, settings, aggregates=bool(wanted & AGGREGATE_METRICS)))
    scope_rows = sorted(
        (row for row in rows if row[0] == "scope"),
        key=lambda row: (row[6], row[4] != "street", row[7]),
    )
    scopes = (
        Scope(id=TOTAL, name="合计", level="total"),
        *(Scope(id=r[2], name=r[3], level=r[4], parent_id=r[5]) for r in scope_rows),
    )
    sums = Sums()
    medians = {m.id for m in metrics if m.kind is MetricKind.MEDIAN}
    for kind, metric_id, scope_id, _, _, _, numerator, denominator in rows:
        if kind == "metric" and metric_id in medians:  # a value and how often it occurs
            for _ in range(int(denominator)):
                sums.add_sample(metric_id, scope_id, int(numerator))
        elif kind == "metric":
            sums.add_numerator(metric_id, scope_id, int(numerator))
            sums.add_denominator(metric_id, scope_id, int(denominator))
    sums.roll_up(scopes)
    names = {scope.id: scope.name for scope in scopes}
    findings = [
        unplaced_finding(row[1], row[3], day, names[row[2]]) for row in rows if row[0] == "unplaced"
    ]
    values: dict[tuple[str, str], MetricValue] = {}
    for definition in metrics:
        average = definition.kind is MetricKind.AVERAGE
        for scope in scopes:
            key = (definition.id, scope.id)
            n, d = sums.num.get(key, 0), sums.den.get(key, 0)
            if definition.id in medians:
                values[key] = sums.median(definition.id, scope.id)
            else:
                values[key] = Average(n, d) if average else Ratio(n, d)
    return MetricTable(
        as_of=day,
        scopes=scopes,
        values=values,
        metrics=tuple(metrics),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
    )


class SQLEngine(ABC):
    """An SQL engine over the columnar tables of one dataset (SQL指标引擎): the tables are
    checked and their inputs read here; a subclass loads them and supplies :meth:`query`.

    Raises:
        InvalidRecordError: the tables do not fit the schema (as
            :func:`~neighborhood_pb.io.columnar.check_tables`).
    """

    name = "sql"

    def __init__(self, tables: Mapping[str, pa.Table]) -> None:
        check_tables(dict(tables))
        self._inputs = table_inputs(tables)
        self._facts = metadata_facts(tables)
        until = self._facts.get("duty_terms_until")
        self._duty_until = None if until is None else _dt.date.fromisoformat(until)

    @property
    def facts(self) -> Mapping[str, str]:
        """The facts of the tables' ``metadata`` table (title, as-of day, inputs), by key."""
        return self._facts

    @abstractmethod
    def query(self, sql: str) -> Sequence[Sequence[Any]]:
        """The rows of one SQL statement."""

    def compute_metrics(
        self,
        on: _dt.date | str,
        *,
        metrics: Sequence[MetricDefinition] = CATALOGUE,
        levels: Iterable[str] = (),
        root: str | None = None,
        settings: MetricSettings | None = None,
    ) -> MetricTable:
        """The metrics as of ``on``, as :func:`~neighborhood_pb.metrics.compute_metrics`."""
        return compute_metrics_sql(
            self.query,
            self.name,
            self._inputs,
            on,
            root=root,
            metrics=metrics,
            levels=levels,
            settings=settings,
            duty_until=self._duty_until,
        )
