"""Organisation forms (组织形式) and what each may do.

The forms are the party's own categories; which of them may sit at a level of a tree is
decided by the level schema (:mod:`neighborhood_pb.structure.levels`), and the member-count
thresholds by :class:`~neighborhood_pb.structure.rules.OrgRules`.
"""

from __future__ import annotations

import enum

__all__ = ["MembershipKind", "OrgForm"]


class OrgForm(enum.Enum):
    """Form of a party organisation, with the national org-type code where one exists.

    An industry committee (行业党委, e.g. Anxi's property-industry committee) gathers the
    party organisations of one trade; a comprehensive committee (综合党委) those of small,
    scattered organisations. Both are set up by a higher committee over organisations of
    their own and, by this library's default, hold no election term (like a working
    committee, their leadership is appointed).
    """

    WORKING_COMMITTEE = "working_committee"
    GRAND_COMMITTEE = "grand_committee"
    COMMITTEE = "committee"
    INDUSTRY_COMMITTEE = "industry_committee"
    COMPREHENSIVE_COMMITTEE = "comprehensive_committee"
    GENERAL_BRANCH = "general_branch"
    BRANCH = "branch"
    JOINT_BRANCH = "joint_branch"
    COMPOUND_STYLE_BRANCH = "compound_style_branch"
    TEMPORARY_BRANCH = "temporary_branch"
    PARTY_GROUP = "party_group"
    CONTACT_HOUSEHOLD = "contact_household"

    @property
    def label_zh(self) -> str:
        """Chinese name of the form."""
        return _LABELS[self]

    @property
    def is_elected(self) -> bool:
        """Whether the form elects its leadership for a term (党工委 are appointed)."""
        return self in _ELECTED

    @property
    def is_branch(self) -> bool:
        """Whether the form is a kind of branch (支部) subject to the branch rules."""
        return self in _BRANCHES

    @property
    def is_leaf(self) -> bool:
        """Whether the form is the leaf contact point of a tree (党群示范户 / 党员中心户)."""
        return self is OrgForm.CONTACT_HOUSEHOLD


_LABELS = {
    OrgForm.WORKING_COMMITTEE: "党工委",
    OrgForm.GRAND_COMMITTEE: "大党委",
    OrgForm.COMMITTEE: "党委",
    OrgForm.INDUSTRY_COMMITTEE: "行业党委",
    OrgForm.COMPREHENSIVE_COMMITTEE: "综合党委",
    OrgForm.GENERAL_BRANCH: "党总支",
    OrgForm.BRANCH: "党支部",
    OrgForm.JOINT_BRANCH: "联合党支部",
    OrgForm.COMPOUND_STYLE_BRANCH: "兼合式党支部",
    OrgForm.TEMPORARY_BRANCH: "临时党支部",
    OrgForm.PARTY_GROUP: "党小组",
    OrgForm.CONTACT_HOUSEHOLD: "党群示范户/党员中心户",
}
_ELECTED = frozenset(
    {
        OrgForm.GRAND_COMMITTEE,
        OrgForm.COMMITTEE,
        OrgForm.GENERAL_BRANCH,
        OrgForm.BRANCH,
        OrgForm.JOINT_BRANCH,
        OrgForm.COMPOUND_STYLE_BRANCH,
    }
)
_BRANCHES = frozenset(
    {
        OrgForm.BRANCH,
        OrgForm.JOINT_BRANCH,
        OrgForm.COMPOUND_STYLE_BRANCH,
        OrgForm.TEMPORARY_BRANCH,
    }
)


class MembershipKind(enum.Enum):
    """How a party member belongs to an organisation.

    ``FORMAL`` is the member's organisational relation (组织关系): exactly one at a time.
    ``COMPOUND_STYLE`` is participation in a residential (兼合式) or temporary branch while
    the formal relation stays elsewhere.
    """

    FORMAL = "formal"
    COMPOUND_STYLE = "compound_style"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return "组织关系" if self is MembershipKind.FORMAL else "兼合式参加"

    def allowed_in(self, form: OrgForm) -> bool:
        """Whether a membership of this kind may be held in an org of ``form``."""
        return form in _MEMBERSHIP_FORMS[self]


_MEMBERSHIP_FORMS = {
    MembershipKind.FORMAL: frozenset(
        {
            OrgForm.WORKING_COMMITTEE,
            OrgForm.GRAND_COMMITTEE,
            OrgForm.COMMITTEE,
            OrgForm.INDUSTRY_COMMITTEE,
            OrgForm.COMPREHENSIVE_COMMITTEE,
            OrgForm.GENERAL_BRANCH,
            OrgForm.BRANCH,
            OrgForm.JOINT_BRANCH,
            OrgForm.PARTY_GROUP,
        }
    ),
    MembershipKind.COMPOUND_STYLE: frozenset(
        {
            OrgForm.COMPOUND_STYLE_BRANCH,
            OrgForm.TEMPORARY_BRANCH,
            OrgForm.BRANCH,
            OrgForm.PARTY_GROUP,
        }
    ),
}
