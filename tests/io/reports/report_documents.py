"""Report documents made up for tests: one metric over as many scopes as asked."""

from __future__ import annotations

from typing import Any


def large_document(scopes: int) -> dict[str, Any]:
    """A report document of one metric over ``scopes`` communities and the total."""
    values = [
        {
            "scope": "*",
            "name": "合计",
            "level": "total",
            "parent": None,
            "numerator": scopes,
            "denominator": 2 * scopes,
            "display": f"{scopes}/{2 * scopes} (50.0%)",
            "figure": "50.0",
            "shortfall": "50.0",
        }
    ]
    for index in range(scopes):
        share = index % 101
        values.append(
            {
                "scope": f"C{index:05d}",
                "name": f"第{index}社区",
                "level": "community",
                "parent": "*",
                "numerator": share,
                "denominator": 100,
                "display": f"{share}/100 ({share}.0%)",
                "figure": f"{share}.0",
                "shortfall": f"{100 - share}.0",
            }
        )
    metric = {
        "id": "report_rate",
        "label_zh": "在职党员报到率",
        "label": "Report rate",
        "kind": "share",
        "unit": "%",
        "numerator_text": "reported",
        "denominator_text": "members",
        "source": "test",
        "target": "100.0",
        "target_display": "100.0%",
        "values": values,
    }
    return {
        "format": "neighborhood_pb.metrics_report",
        "version": 1,
        "file": "large.json",
        "title": "大城市",
        "as_of": "2026-11-01",
        "compare": None,
        "metrics": [metric],
        "counts": {"error": 0, "warning": 0, "info": 0},
        "groups": {"by_kind": [], "by_community": []},
        "findings": [],
    }
