"""The columnar tables of the aggregates beside the tree (聚合数据列式结构): posts and
appointments, duty rotations, the points ledger and the "1+10" household links.

Two tables are derived by the library so that SQL never re-implements its rules:
``duty_terms`` (who is on duty when, after swaps and overrides) and ``claim_awards`` (each
claim's final status and the points it scores after caps and reversals). ``levels`` names
each level's committee tier, ``compound_places`` where a compound is served from and
``post_rules`` the dataset's cross-appointment rules.
"""

from __future__ import annotations

from neighborhood_pb.io.columnar.schema_types import TableSpec, c, period

__all__ = ["AGGREGATE_SPECS"]

AGGREGATE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        name="levels",
        doc="a level of the schema and the tier of its committees (层级与委员会层次)",
        columns=(
            c("level", "string", "level id"),
            c("committee_tier", "string", "CommitteeTier code: street, community or grid"),
        ),
        derived=True,
    ),
    TableSpec(
        name="compound_places",
        doc="the places a party organisation serves a compound from (小区服务范围): the "
        "compound itself, an area or grid around it, a building, unit or household in it",
        columns=(
            c("compound_id", "string", "the compound"),
            c("place_id", "string", "a territory covering which serves the compound"),
            c("relation", "string", "self, above (area or grid) or inside"),
        ),
        derived=True,
    ),
    TableSpec(
        name="post_rules",
        doc="the dataset's cross-appointment rules (交叉任职规则) as codes",
        columns=(
            c(
                "rule",
                "string",
                "cross_party_post, cross_body_post or cross_body_kind",
            ),
            c("code", "string", "a PostKind or BodyKind code the rule counts"),
        ),
        derived=True,
    ),
    TableSpec(
        name="bodies",
        doc="a non-party body (组织): residents' or owners' committee, property company …",
        columns=(
            c("body_id", "string", "id"),
            c("kind", "string", "BodyKind code"),
            c("name", "string", "name"),
            c("territory_id", "string", "the territory it sits on", nullable=True),
            c("parent_id", "string", "the body it belongs to", nullable=True),
            c("party_org_id", "string", "its own party organisation", nullable=True),
            *period(),
        ),
    ),
    TableSpec(
        name="service_contracts",
        doc="a property company serving a compound (物业服务合同)",
        columns=(
            c("contract_id", "string", "id"),
            c("company_id", "string", "the property company (a body)"),
            c("compound_id", "string", "the compound served"),
            *period(),
        ),
    ),
    TableSpec(
        name="appointments",
        doc="a person holding a post (任职) in a party organisation, a body or a territory",
        columns=(
            c("appointment_id", "string", "id"),
            c("person_id", "string", "who holds the post"),
            c("post", "string", "PostKind code"),
            c("org_id", "string", "the party organisation", nullable=True),
            c("body_id", "string", "the body", nullable=True),
            c("territory_id", "string", "the territory (楼栋长: the building)", nullable=True),
            *period(),
            c("end_reason", "string", "EndReason code", nullable=True),
            c(
                "part_time_source",
                "string",
                "PartTimeSource code of a part-time member (兼职委员)",
                nullable=True,
            ),
        ),
    ),
    TableSpec(
        name="duty_rotations",
        doc="a duty rotation (轮值家长): terms of whole months from an anchor",
        columns=(
            c("rotation_id", "string", "id"),
            c("org_id", "string", "the committee whose members rotate", nullable=True),
            c("anchor_on", "date32", "first day of the first term"),
            c("term_months", "int64", "months of a term at the anchor"),
        ),
    ),
    TableSpec(
        name="duty_terms",
        doc="a stretch of duty after swaps and overrides (轮值任期), up to the horizon "
        "named by the metadata fact duty_terms_until",
        columns=(
            c("rotation_id", "string", "the rotation"),
            c("term_index", "int64", "number of the term, from 0 (pieces share it)"),
            c("person_id", "string", "who is on duty"),
            c("origin", "string", "TermOrigin code: regular, swap or override"),
            c("source_id", "string", "the swap or override behind it", nullable=True),
            *period(),
        ),
        derived=True,
    ),
    TableSpec(
        name="claim_awards",
        doc="a points claim as the ledger stands (积分申报): final status and points scored "
        "after caps and reversals",
        columns=(
            c("claim_key", "string", "the claim's idempotency key"),
            c("member_id", "string", "the member who served"),
            c("item_code", "string", "the catalogue item"),
            c("service_on", "date32", "day of the service (its period counts)"),
            c("claimed_at", "timestamp_utc", "when the claim was made, UTC"),
            c("claimed_on", "date32", "that instant's Asia/Shanghai day"),
            c("community_id", "string", "community reported to on the service day"),
            c("grid_id", "string", "grid of that report", nullable=True),
            c("household_id", "string", "household served", nullable=True),
            c("status", "string", "ClaimStatus code"),
            c("points", "int64", "points scored (0 unless approved, or over a cap)"),
        ),
        derived=True,
    ),
    TableSpec(
        name="household_links",
        doc='a member linked to a household ("1+10" 联户)',
        columns=(
            c("link_id", "string", "id"),
            c("person_id", "string", "the member"),
            c("household_id", "string", "the household territory"),
            *period(),
        ),
    ),
)
"""The aggregates' tables, after the tree's in :data:`~.schema.TABLES`."""
