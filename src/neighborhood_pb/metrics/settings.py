"""Settings of the metric definitions (指标口径): what counts as covering a compound.

The defaults follow the sources; an application that publishes by another rule passes its own
:class:`MetricSettings` to :func:`~neighborhood_pb.metrics.compute_metrics`.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from neighborhood_pb.structure.forms import OrgForm

__all__ = ["COMPOUND_COVERAGE_FORMS", "COMPOUND_COVERAGE_SOURCE", "MetricSettings"]

COMPOUND_COVERAGE_FORMS: frozenset[OrgForm] = frozenset(
    {OrgForm.BRANCH, OrgForm.JOINT_BRANCH, OrgForm.COMPOUND_STYLE_BRANCH}
)
"""Branch-level forms (党支部: grid, compound, joint, compound-style) that cover a compound."""

COMPOUND_COVERAGE_SOURCE = (
    "惠安县: 健全“村级党组织+网格党支部(党小组)+网点党员中心户”三级组织体系, "
    "绘制“支部建在网格”架构图, 成立了覆盖78个居民小区的39个党支部, 小区党组织覆盖率92.9%"
)
"""Why a branch over the grid a compound lies in covers the compound."""


def _forms(value: Iterable[OrgForm | str]) -> frozenset[OrgForm]:
    return frozenset(OrgForm(form) for form in value)


@attrs.frozen(kw_only=True)
class MetricSettings:
    """How the metrics count where the sources leave a choice (指标口径设置).

    Attributes:
        compound_coverage_forms: Forms of organisation whose coverage makes a compound count
            as covered (default: :data:`COMPOUND_COVERAGE_FORMS`, every form of 党支部 but the
            temporary one; source :data:`COMPOUND_COVERAGE_SOURCE`).
        grid_coverage_passes_down: Whether such an organisation covering a grid covers every
            compound lying in that grid (default ``True``: 支部建在网格, 惠安县).
    """

    compound_coverage_forms: frozenset[OrgForm] = attrs.field(
        default=COMPOUND_COVERAGE_FORMS, converter=_forms
    )
    grid_coverage_passes_down: bool = True
