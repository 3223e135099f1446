"""Bar charts as inline SVG (条形图): one bar per scope against the metric's target line.

The SVG is written here with :mod:`xml.etree.ElementTree` rather than by a plotting library:
a bar chart with a target line is a few rectangles, lines and labels, and writing them
directly keeps Chinese labels as text (no font files to embed or glyphs to miss), the output
byte-for-byte deterministic, every name escaped by the XML serialiser, and no import cost.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from decimal import Decimal

from neighborhood_pb.errors.text import escape_controls
from neighborhood_pb.io.reports.model import MetricSection, ScopeRow
from neighborhood_pb.ratio import NOT_APPLICABLE_ZH

__all__ = ["CHART_WIDTH", "bar_chart"]

CHART_WIDTH = 640
"""Width of a chart in CSS pixels; it fits an A4 page's text width when printed."""

_LABEL = 200  # the names' column
_BAR = 340  # the longest bar
_ROW = 22
_TOP = 26
_FONT = "'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei','SimHei',sans-serif"


def _scale(section: MetricSection, rows: Sequence[ScopeRow]) -> Decimal:
    """The figure at the end of the axis: 100 for a share, else the first of 1, 2, 5 times a
    power of ten at or above the largest figure and the target."""
    if section.unit == "%":
        return Decimal(100)
    figures = [row.figure for row in rows if row.figure is not None]
    top = max([*figures, section.target or Decimal(0), Decimal(1)])
    power = Decimal(10) ** (top.adjusted())
    for step in (1, 2, 5, 10):
        if top <= power * step:
            return power * step
    return power * 10  # pragma: no cover - the loop always returns


def _x(figure: Decimal, scale: Decimal) -> float:
    return _LABEL + float(min(figure, scale) / scale) * _BAR


def _text(
    parent: ET.Element,
    x: float,
    y: float,
    text: str,
    attrib: Mapping[str, str] | None = None,
    **extra: str,
) -> ET.Element:
    element = ET.SubElement(parent, "text", dict(attrib or {}), x=f"{x:.1f}", y=f"{y:.1f}", **extra)
    element.text = text
    return element


def bar_chart(section: MetricSection, rows: Sequence[ScopeRow]) -> str:
    """One metric's rows as an SVG bar chart with the target as a dashed line.

    Every row gets a bar (``class="bar"``, ``data-scope`` its id), of zero length when the
    metric is not applicable to it (labelled 不适用).

    Args:
        section: The metric.
        rows: The rows to chart, top to bottom.
    """
    height = _TOP + _ROW * len(rows) + 8
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        width=str(CHART_WIDTH),
        height=str(height),
        viewBox=f"0 0 {CHART_WIDTH} {height}",
        role="img",
        attrib={"class": "chart", "data-metric": section.id, "data-bars": str(len(rows))},
        style=f"font-family:{_FONT};font-size:12px",
    )
    ET.SubElement(svg, "title").text = f"{section.label_zh} {section.label}"
    scale = _scale(section, rows)
    axis_end = _LABEL + _BAR
    ET.SubElement(
        svg, "line", x1=str(_LABEL), y1="18", x2=str(_LABEL), y2=str(height - 6), stroke="#888"
    )
    _text(svg, _LABEL, 12, "0", fill="#666")
    _text(svg, axis_end, 12, f"{scale.normalize():f}{section.unit}", fill="#666")
    for index, row in enumerate(rows):
        y = _TOP + _ROW * index
        name = escape_controls(row.scope_name)
        _text(svg, _LABEL - 6, y + 14, name, attrib={"text-anchor": "end"})
        length = 0.0 if row.figure is None else _x(row.figure, scale) - _LABEL
        below = row.shortfall is not None and row.shortfall > 0
        bar = ET.SubElement(
            svg,
            "rect",
            x=str(_LABEL),
            y=str(y + 3),
            width=f"{length:.1f}",
            height=str(_ROW - 6),
            fill="#c0392b" if below else "#2e6da4",
            attrib={"class": "bar", "data-scope": row.scope_id},
        )
        ET.SubElement(
            bar, "title"
        ).text = f"{name}（{escape_controls(row.scope_id)}）：{row.shown('zh')}"
        shown = NOT_APPLICABLE_ZH if row.figure is None else row.display
        _text(svg, _LABEL + length + 4, y + 14, shown, fill="#333")
    if section.target is not None:
        x = _x(section.target, scale)
        ET.SubElement(
            svg,
            "line",
            x1=f"{x:.1f}",
            y1="18",
            x2=f"{x:.1f}",
            y2=str(height - 6),
            stroke="#e67e22",
            attrib={"class": "target", "stroke-width": "2", "stroke-dasharray": "5,3"},
        )
        _text(
            svg,
            x - 4,
            12,
            f"目标 {section.target_display}",
            fill="#e67e22",
            attrib={"text-anchor": "end"},
        )
    return ET.tostring(svg, encoding="unicode")
