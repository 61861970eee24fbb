"""Flows and their versions; flow instances of records, the inbox, timers due, and transition history.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 01:38:16.165024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

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
        *ddl.timestamps(),
        *ddl.tenant_scoped("flows"),
        ddl.foreign_key("flows", "blueprint_id", "blueprints", ondelete="CASCADE"),
    )
    ddl.column_indexes("flows", "blueprint_id", "tenant_id")
    ddl.live_key_and_name("flows")
    op.create_table(
        "flow_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        *ddl.tenant_scoped("flow_versions"),
        ddl.foreign_key("flow_versions", "flow_id", "flows", ondelete="CASCADE"),
        ddl.foreign_key("flow_versions", "published_by", "users", ondelete="SET NULL"),
        sa.UniqueConstraint("flow_id", "number", name="uq_flow_versions_flow_number"),
    )
    ddl.column_indexes("flow_versions", "flow_id")
    ddl.add_foreign_key("flows", "current_version_id", "flow_versions", ondelete="SET NULL")
    ddl.column_indexes("flow_versions", "tenant_id")
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
        ddl.stamp("completed_at"),
        *ddl.tenant_scoped("flow_instances"),
        ddl.foreign_key("flow_instances", "entity_id", "entities", ondelete="CASCADE"),
        ddl.foreign_key("flow_instances", "flow_id", "flows", ondelete="CASCADE"),
        ddl.foreign_key("flow_instances", "flow_version_id", "flow_versions"),
        sa.UniqueConstraint("entity_id", "flow_id", name="uq_flow_instances_entity_flow"),
    )
    ddl.column_indexes("flow_instances", "entity_id")
    op.create_index(
        "ix_flow_instances_flow_status", "flow_instances", ["flow_id", "status", "flow_version_id"], unique=False
    )
    ddl.column_indexes("flow_instances", "flow_version_id", "tenant_id")
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
        *ddl.tenant_scoped("flow_history"),
        ddl.foreign_key("flow_history", "entity_id", "entities", ondelete="CASCADE"),
        ddl.foreign_key("flow_history", "flow_id", "flows", ondelete="CASCADE"),
        ddl.foreign_key("flow_history", "instance_id", "flow_instances", ondelete="CASCADE"),
        ddl.foreign_key("flow_history", "user_id", "users", ondelete="SET NULL"),
    )
    op.create_index("ix_flow_history_entity_at", "flow_history", ["entity_id", "at"], unique=False)
    ddl.column_indexes("flow_history", "flow_id", "instance_id", "tenant_id", "user_id")
    op.create_table(
        "flow_timers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("element", sa.String(length=255), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        *ddl.tenant_scoped("flow_timers"),
        ddl.foreign_key("flow_timers", "instance_id", "flow_instances", ondelete="CASCADE"),
        sa.UniqueConstraint("instance_id", "task_id", name="uq_flow_timers_instance_task"),
    )
    ddl.column_indexes("flow_timers", "due_at", "tenant_id")
    op.create_table(
        "inbox_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        ddl.tenant_id(),
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
        ddl.stamp("due_at"),
        ddl.created_at(),
        ddl.stamp("done_at"),
        sa.Column("done_by", sa.Integer(), nullable=True),
        ddl.foreign_key("inbox_items", "done_by", "users", ondelete="SET NULL"),
        ddl.foreign_key("inbox_items", "assignee_id", "users", ondelete="SET NULL"),
        ddl.foreign_key("inbox_items", "blueprint_id", "blueprints", ondelete="CASCADE"),
        ddl.foreign_key("inbox_items", "entity_id", "entities", ondelete="CASCADE"),
        ddl.foreign_key("inbox_items", "flow_id", "flows", ondelete="CASCADE"),
        ddl.foreign_key("inbox_items", "instance_id", "flow_instances", ondelete="CASCADE"),
        ddl.tenant_foreign_key("inbox_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_items")),
        sa.UniqueConstraint("instance_id", "task_id", name="uq_inbox_items_instance_task"),
    )
    ddl.column_indexes("inbox_items", "assignee_id", "blueprint_id", "entity_id", "flow_id")
    ddl.partial_index("ix_inbox_items_waiting", "inbox_items", ["tenant_id", "created_at", "id"], "done_at IS NULL")


def downgrade() -> None:
    op.drop_table("inbox_items")
    op.drop_table("flow_timers")
    op.drop_table("flow_history")
    op.drop_table("flow_instances")
    ddl.drop_foreign_key("flows", "current_version_id", "flow_versions")
    op.drop_table("flow_versions")
    op.drop_table("flows")
