"""The columnar tables of co-building (四项清单、共驻共建列式结构): needs, resources, the
projects spending from funds, spending, alliance members, households in hardship, pairings.

``cobuild_needs``, ``cobuild_resources`` and ``cobuild_fund_projects`` are derived: the day a
need was met (its status on a day is derived from its events by
:func:`~neighborhood_pb.governance.cobuild.need_status`; a met need stays met), the first
project answering it, the first project committing a resource are answered by the library,
so that SQL only compares days and counts.
"""

from __future__ import annotations

from neighborhood_pb.io.columnar.schema_types import TableSpec, c, period

__all__ = ["COBUILD_SPECS"]

COBUILD_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        name="cobuild_needs",
        doc="a need raised by residents (群众需求) and what became of it",
        columns=(
            c("need_id", "string", "id"),
            c("territory_id", "string", "where it is needed (may lie outside the tree)"),
            c("raised_on", "date32", "the day it was raised"),
            c("met_from", "date32", "the day it was met (已办结)", nullable=True),
            c(
                "project_from",
                "date32",
                "the start of the first project answering it",
                nullable=True,
            ),
            c(
                "project_days",
                "int64",
                "days from raised_on to project_from (0 if before)",
                nullable=True,
            ),
        ),
        derived=True,
    ),
    TableSpec(
        name="cobuild_resources",
        doc="a resource offered to the community (资源), funds apart",
        columns=(
            c("resource_id", "string", "id"),
            c("territory_id", "string", "where it is offered"),
            c("kind", "string", "ResourceKind code"),
            *period(),
            c(
                "committed_from",
                "date32",
                "the start of the first project committing it",
                nullable=True,
            ),
        ),
        derived=True,
    ),
    TableSpec(
        name="cobuild_fund_projects",
        doc="a project spending from a fund (项目资金), with the fund's territory and period",
        columns=(
            c("project_id", "string", "the project"),
            c("fund_id", "string", "the fund (a resource of kind fund)"),
            c("territory_id", "string", "the fund's territory"),
            *period(),
            c("project_start_on", "date32", "the day the project starts"),
            c("budget_fen", "int64", "the project's budget in fen (分)"),
        ),
        derived=True,
    ),
    TableSpec(
        name="cobuild_spendings",
        doc="money a project spent from its fund (资金支出)",
        columns=(
            c("spending_id", "string", "id"),
            c("project_id", "string", "the project"),
            c("spent_on", "date32", "the day"),
            c("amount_fen", "int64", "how much, in fen (分)"),
        ),
    ),
    TableSpec(
        name="cobuild_alliance_members",
        doc="a unit's membership of a party-building alliance (联盟成员单位)",
        columns=(
            c("member_id", "string", "id"),
            c("alliance_id", "string", "the alliance"),
            c("unit_id", "string", "the member unit"),
            *period(),
        ),
    ),
    TableSpec(
        name="cobuild_hardship",
        doc="a household registered in hardship (困难家庭)",
        columns=(
            c("household_id", "string", "the household"),
            c("territory_id", "string", "where it lives"),
            *period(),
        ),
    ),
    TableSpec(
        name="cobuild_pairings",
        doc="a pairing (结对): a unit with a community or a household in hardship",
        columns=(
            c("pairing_id", "string", "id"),
            c("kind", "string", "PairingKind code"),
            c("unit_id", "string", "the unit or department"),
            c("partner_id", "string", "the community or the household"),
            *period(),
        ),
    ),
)
"""The co-building tables, after the deliberations' in :data:`~.schema.TABLES`."""
