"""Reports for people (报告): the report model shared by every format.

:func:`report_document` builds the JSON document ``nbpb report --format json`` prints;
:func:`report_model` reads it (or ``nbpb validate``'s) back as frozen records
(:class:`ReportModel`, :class:`MetricSection`, :class:`ScopeRow`, :class:`FindingGroup`), so that
text, HTML and workbooks show the same figures; :func:`community_of` places a finding's
subject in its community; :func:`render_html` and :func:`write_html` make one
self-contained page (the ``reports`` extra, Jinja2, loaded on first use), and
:func:`write_report_xlsx` a workbook for Excel and WPS (xlsxwriter, likewise).
"""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False

if TYPE_CHECKING:
    from neighborhood_pb.io.reports.communities import community_of, scope_community
    from neighborhood_pb.io.reports.document import (
        REPORT_FORMAT,
        metric_figure,
        report_document,
        target_figure,
        value_counts,
    )
    from neighborhood_pb.io.reports.files import write_atomically
    from neighborhood_pb.io.reports.findings import (
        CommunityOf,
        Place,
        finding_data,
        finding_groups,
        finding_text,
        findings_data,
        severity_counts,
    )
    from neighborhood_pb.io.reports.html import (
        calendar_page,
        html_page,
        render_html,
        write_html,
    )
    from neighborhood_pb.io.reports.model import (
        FindingGroup,
        MetricSection,
        ReportFinding,
        ReportModel,
        ScopeRow,
        report_model,
    )
    from neighborhood_pb.io.reports.xlsx import write_report_xlsx

_LAZY: dict[str, str] = {
    "CommunityOf": "neighborhood_pb.io.reports.findings",
    "FindingGroup": "neighborhood_pb.io.reports.model",
    "MetricSection": "neighborhood_pb.io.reports.model",
    "Place": "neighborhood_pb.io.reports.findings",
    "REPORT_FORMAT": "neighborhood_pb.io.reports.document",
    "ReportFinding": "neighborhood_pb.io.reports.model",
    "ReportModel": "neighborhood_pb.io.reports.model",
    "ScopeRow": "neighborhood_pb.io.reports.model",
    "calendar_page": "neighborhood_pb.io.reports.html",
    "community_of": "neighborhood_pb.io.reports.communities",
    "finding_data": "neighborhood_pb.io.reports.findings",
    "finding_groups": "neighborhood_pb.io.reports.findings",
    "finding_text": "neighborhood_pb.io.reports.findings",
    "findings_data": "neighborhood_pb.io.reports.findings",
    "html_page": "neighborhood_pb.io.reports.html",
    "metric_figure": "neighborhood_pb.io.reports.document",
    "report_document": "neighborhood_pb.io.reports.document",
    "render_html": "neighborhood_pb.io.reports.html",
    "report_model": "neighborhood_pb.io.reports.model",
    "scope_community": "neighborhood_pb.io.reports.communities",
    "severity_counts": "neighborhood_pb.io.reports.findings",
    "target_figure": "neighborhood_pb.io.reports.document",
    "value_counts": "neighborhood_pb.io.reports.document",
    "write_atomically": "neighborhood_pb.io.reports.files",
    "write_html": "neighborhood_pb.io.reports.html",
    "write_report_xlsx": "neighborhood_pb.io.reports.xlsx",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "REPORT_FORMAT",
    "CommunityOf",
    "FindingGroup",
    "MetricSection",
    "Place",
    "ReportFinding",
    "ReportModel",
    "ScopeRow",
    "calendar_page",
    "community_of",
    "finding_data",
    "finding_groups",
    "finding_text",
    "findings_data",
    "html_page",
    "metric_figure",
    "render_html",
    "report_document",
    "report_model",
    "scope_community",
    "severity_counts",
    "target_figure",
    "value_counts",
    "write_atomically",
    "write_html",
    "write_report_xlsx",
]

__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
