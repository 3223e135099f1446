"""The organisation-tree aggregate (组织体系): orgs, their territory, members and reports.

:class:`OrgTree` is a thin facade over components, each knowing only the ones below it:
the organisations' history (:mod:`.orgs`), their coverage of territory (:mod:`.coverage`),
and the people with their memberships, residential reports and election terms
(:mod:`.members`). The facade's commands validate across components before any changes.
"""

from neighborhood_pb.structure.tree.facade import OrgTree
from neighborhood_pb.structure.tree.records import TreeRecords

__all__ = ["OrgTree", "TreeRecords"]
