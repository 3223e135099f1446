"""Reports as one self-contained HTML page (网页报告) for screen and A4 print.

Nothing on the page loads from elsewhere (no script, font or style sheet from a network, and
a content security policy that forbids it), so the file opens from a USB stick on an office
computer. Templates are Jinja2 with autoescaping; names are escaped, their control
characters shown as ``\\x1b``. Needs the ``reports`` extra (Jinja2), imported on first use.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping, Sequence
from typing import Any

from neighborhood_pb.calendar import office_day
from neighborhood_pb.calendar.civic_rules import WEEKDAY_LABELS_ZH
from neighborhood_pb.errors import Severity
from neighborhood_pb.errors.text import escape_controls
from neighborhood_pb.io.reports.files import write_atomically
from neighborhood_pb.io.reports.model import MetricSection, ReportModel, ScopeRow, report_model
from neighborhood_pb.io.reports.svg import bar_chart

__all__ = [
    "CHART_LIMIT",
    "LEVEL_LABELS",
    "SEVERITY_LABELS",
    "TABLE_OPEN_LIMIT",
    "calendar_page",
    "chart_rows",
    "html_page",
    "page",
    "render_html",
    "write_html",
]

CHART_LIMIT = 40
"""The most bars a chart shows; a larger report charts its lowest and highest scopes."""

TABLE_OPEN_LIMIT = 60
"""The most rows a metric's table shows unfolded; a longer table starts folded."""

SEVERITY_LABELS: Mapping[str, str] = {severity.value: severity.label_zh for severity in Severity}
"""How the page names each severity."""

LEVEL_LABELS: Mapping[str, str] = {
    "total": "合计",
    "street": "街道",
    "community": "社区",
    "grid": "网格",
    "compound": "小区",
}
"""How the page names each roll-up level."""


def chart_rows(section: MetricSection, limit: int = CHART_LIMIT) -> tuple[ScopeRow, ...]:
    """The rows a chart shows: all of them up to ``limit``, else the lowest and the highest
    ``limit // 2`` applicable figures (a report of thousands of scopes stays readable)."""
    if len(section.rows) <= limit:
        return section.rows
    ranked = sorted(
        (row for row in section.rows if row.figure is not None),
        key=lambda row: row.figure or 0,
    )
    half = limit // 2
    chosen = {id(row) for row in (*ranked[:half], *ranked[-half:])}
    return tuple(row for row in section.rows if id(row) in chosen)


def _environment() -> Any:
    import jinja2  # the reports extra: loaded only when a page is written

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("neighborhood_pb.io.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["visible"] = escape_controls
    environment.filters["office_day"] = lambda iso: office_day(_dt.date.fromisoformat(iso))
    environment.filters["weekday"] = lambda iso: WEEKDAY_LABELS_ZH[
        _dt.date.fromisoformat(iso).weekday()
    ]
    environment.globals["severity_labels"] = SEVERITY_LABELS
    environment.globals["levels"] = LEVEL_LABELS
    return environment


def _metric_item(section: MetricSection) -> dict[str, Any]:
    import markupsafe  # with Jinja2

    rows = chart_rows(section)
    note = ""
    if len(rows) < len(section.rows):
        note = (
            f"共{len(section.rows)}个范围，图中只显示数值最低和最高的各{CHART_LIMIT // 2}个；"
            "全部数据见下表。"
        )
    return {
        "section": section,
        "chart": markupsafe.Markup(bar_chart(section, rows)),  # escaped by the serialiser
        "chart_note": note,
        "open": len(section.rows) <= TABLE_OPEN_LIMIT,
    }


def page(template: str, **values: Any) -> str:
    """A page from one of the package's templates (``report.html``, ``calendar.html``, …),
    every value escaped unless marked safe.

    Raises:
        ImportError: Jinja2 (the ``reports`` extra) is not installed.
    """
    rendered: str = _environment().get_template(template).render(**values)
    return rendered


def render_html(report: ReportModel) -> str:
    """The report (or the findings of ``nbpb validate``) as one self-contained HTML page.

    Args:
        report: The report model (see :func:`~neighborhood_pb.io.reports.report_model`).
    """
    kind = "覆盖率报告" if report.metrics else "数据检查结果"
    heading = f"{report.title}{kind}" if report.title else kind
    metrics: Sequence[dict[str, Any]] = [_metric_item(section) for section in report.metrics]
    return page("report.html", report=report, heading=heading, metrics=metrics)


def html_page(document: Mapping[str, Any]) -> str:
    """The page of a report or findings JSON document (see :func:`render_html`)."""
    return render_html(report_model(document))


def calendar_page(document: Mapping[str, Any], policy: str = "") -> str:
    """The civic calendar of a year (``nbpb calendar --format json``) as one A4 page: each
    month's deliberation day (议事日) and home day (回家日), dates as an office writes them.

    Args:
        document: The calendar document.
        policy: How a home day on an adjusted working day moves, in Chinese.
    """
    heading = f"{document['year']}年 议事日与回家日"
    return page("calendar.html", calendar=document, heading=heading, policy=policy)


def write_html(report: ReportModel, path: str | os.PathLike[str]) -> None:
    """Write :func:`render_html` of ``report`` to ``path`` whole or not at all.

    Raises:
        OSError: the path cannot be written (no partial file is left behind).
    """
    write_atomically(path, render_html(report))
