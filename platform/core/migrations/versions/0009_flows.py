"""Flows and their versions; flow instances of records, the inbox, timers due, and transition history.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 01:38:16.165024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flows",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=False),
        sa.Column("draft_xml", sa.Text(), nullable=False),
        sa.Column("draft_changed", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("current_version_id", sa.Uuid(), nullable=True),
        sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"], ["blueprints.id"], name=op.f("fk_flows_blueprint_id_blueprints"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_flows_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flows")),
    )
    op.create_index(op.f("ix_flows_blueprint_id"), "flows", ["blueprint_id"], unique=False)
    op.create_index(op.f("ix_flows_tenant_id"), "flows", ["tenant_id"], unique=False)
    op.create_index(
        "uq_flows_tenant_key_live",
        "flows",
        ["tenant_id", "key"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index(
        "uq_flows_tenant_name_live",
        "flows",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "flow_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["flow_id"], ["flows.id"], name=op.f("fk_flow_versions_flow_id_flows"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["published_by"], ["users.id"], name=op.f("fk_flow_versions_published_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_flow_versions_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_versions")),
        sa.UniqueConstraint("flow_id", "number", name="uq_flow_versions_flow_number"),
    )
    op.create_index(op.f("ix_flow_versions_flow_id"), "flow_versions", ["flow_id"], unique=False)
    op.create_foreign_key(
        op.f("fk_flows_current_version_id_flow_versions"),
        "flows",
        "flow_versions",
        ["current_version_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_index(op.f("ix_flow_versions_tenant_id"), "flow_versions", ["tenant_id"], unique=False)
    op.create_table(
        "flow_instances",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("flow_version_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("state", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_flow_instances_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["flow_id"], ["flows.id"], name=op.f("fk_flow_instances_flow_id_flows"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["flow_version_id"], ["flow_versions.id"], name=op.f("fk_flow_instances_flow_version_id_flow_versions")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_flow_instances_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_instances")),
        sa.UniqueConstraint("entity_id", "flow_id", name="uq_flow_instances_entity_flow"),
    )
    op.create_index(op.f("ix_flow_instances_entity_id"), "flow_instances", ["entity_id"], unique=False)
    op.create_index(
        "ix_flow_instances_flow_status", "flow_instances", ["flow_id", "status", "flow_version_id"], unique=False
    )
    op.create_index(op.f("ix_flow_instances_flow_version_id"), "flow_instances", ["flow_version_id"], unique=False)
    op.create_index(op.f("ix_flow_instances_tenant_id"), "flow_instances", ["tenant_id"], unique=False)
    op.create_table(
        "flow_history",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("element", sa.String(length=255), nullable=True),
        sa.Column("label", sa.String(length=255), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_flow_history_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["flow_id"], ["flows.id"], name=op.f("fk_flow_history_flow_id_flows"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["instance_id"],
            ["flow_instances.id"],
            name=op.f("fk_flow_history_instance_id_flow_instances"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_flow_history_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_flow_history_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_history")),
    )
    op.create_index("ix_flow_history_entity_at", "flow_history", ["entity_id", "at"], unique=False)
    op.create_index(op.f("ix_flow_history_flow_id"), "flow_history", ["flow_id"], unique=False)
    op.create_index(op.f("ix_flow_history_instance_id"), "flow_history", ["instance_id"], unique=False)
    op.create_index(op.f("ix_flow_history_tenant_id"), "flow_history", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_flow_history_user_id"), "flow_history", ["user_id"], unique=False)
    op.create_table(
        "flow_timers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("element", sa.String(length=255), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instance_id"],
            ["flow_instances.id"],
            name=op.f("fk_flow_timers_instance_id_flow_instances"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_flow_timers_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_timers")),
        sa.UniqueConstraint("instance_id", "task_id", name="uq_flow_timers_instance_task"),
    )
    op.create_index(op.f("ix_flow_timers_due_at"), "flow_timers", ["due_at"], unique=False)
    op.create_index(op.f("ix_flow_timers_tenant_id"), "flow_timers", ["tenant_id"], unique=False)
    op.create_table(
        "inbox_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("element", sa.String(length=255), nullable=False),
        sa.Column("label", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("member", sa.String(length=255), nullable=True),
        sa.Column("fields", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["done_by"], ["users.id"], name=op.f("fk_inbox_items_done_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_inbox_items_assignee_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["blueprint_id"], ["blueprints.id"], name=op.f("fk_inbox_items_blueprint_id_blueprints"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_inbox_items_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["flow_id"], ["flows.id"], name=op.f("fk_inbox_items_flow_id_flows"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["instance_id"],
            ["flow_instances.id"],
            name=op.f("fk_inbox_items_instance_id_flow_instances"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_inbox_items_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_items")),
        sa.UniqueConstraint("instance_id", "task_id", name="uq_inbox_items_instance_task"),
    )
    op.create_index(op.f("ix_inbox_items_assignee_id"), "inbox_items", ["assignee_id"], unique=False)
    op.create_index(op.f("ix_inbox_items_blueprint_id"), "inbox_items", ["blueprint_id"], unique=False)
    op.create_index(op.f("ix_inbox_items_entity_id"), "inbox_items", ["entity_id"], unique=False)
    op.create_index(op.f("ix_inbox_items_flow_id"), "inbox_items", ["flow_id"], unique=False)
    op.create_index(
        "ix_inbox_items_waiting",
        "inbox_items",
        ["tenant_id", "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("done_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_items_waiting", table_name="inbox_items", postgresql_where=sa.text("done_at IS NULL"))
    op.drop_index(op.f("ix_inbox_items_flow_id"), table_name="inbox_items")
    op.drop_index(op.f("ix_inbox_items_entity_id"), table_name="inbox_items")
    op.drop_index(op.f("ix_inbox_items_blueprint_id"), table_name="inbox_items")
    op.drop_index(op.f("ix_inbox_items_assignee_id"), table_name="inbox_items")
    op.drop_table("inbox_items")
    op.drop_index(op.f("ix_flow_timers_tenant_id"), table_name="flow_timers")
    op.drop_index(op.f("ix_flow_timers_due_at"), table_name="flow_timers")
    op.drop_table("flow_timers")
    op.drop_index(op.f("ix_flow_history_user_id"), table_name="flow_history")
    op.drop_index(op.f("ix_flow_history_tenant_id"), table_name="flow_history")
    op.drop_index(op.f("ix_flow_history_instance_id"), table_name="flow_history")
    op.drop_index(op.f("ix_flow_history_flow_id"), table_name="flow_history")
    op.drop_index("ix_flow_history_entity_at", table_name="flow_history")
    op.drop_table("flow_history")
    op.drop_index(op.f("ix_flow_instances_tenant_id"), table_name="flow_instances")
    op.drop_index(op.f("ix_flow_instances_flow_version_id"), table_name="flow_instances")
    op.drop_index("ix_flow_instances_flow_status", table_name="flow_instances")
    op.drop_index(op.f("ix_flow_instances_entity_id"), table_name="flow_instances")
    op.drop_table("flow_instances")
    op.drop_constraint(op.f("fk_flows_current_version_id_flow_versions"), "flows", type_="foreignkey")
    op.drop_index(op.f("ix_flow_versions_tenant_id"), table_name="flow_versions")
    op.drop_index(op.f("ix_flow_versions_flow_id"), table_name="flow_versions")
    op.drop_table("flow_versions")
    op.drop_index("uq_flows_tenant_name_live", table_name="flows", postgresql_where=sa.text("deleted_at IS NULL"))
    op.drop_index("uq_flows_tenant_key_live", table_name="flows", postgresql_where=sa.text("deleted_at IS NULL"))
    op.drop_index(op.f("ix_flows_tenant_id"), table_name="flows")
    op.drop_index(op.f("ix_flows_blueprint_id"), table_name="flows")
    op.drop_table("flows")
