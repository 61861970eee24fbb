"""Hooks: endpoints, messages and delivery attempts (outgoing, signed webhooks).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hook_endpoints",
        *ddl.tenant_keyed("hook_endpoints"),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("event_types", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("blueprint_ids", postgresql.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("changed_fields", postgresql.ARRAY(sa.String(length=63)), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.String(length=500), nullable=True),
        ddl.stamp("disabled_at"),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("previous_secret", sa.Text(), nullable=True),
        ddl.stamp("previous_secret_until"),
        sa.Column("headers", sa.Text(), nullable=True),
        sa.Column("header_names", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        ddl.stamp("last_attempt_at"),
        ddl.stamp("last_success_at"),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("failure_streak", sa.Integer(), nullable=False),
        ddl.stamp("failing_since"),
        ddl.stamp("rate_window_start"),
        sa.Column("rate_window_count", sa.Integer(), nullable=False),
        *ddl.timestamps(),
        ddl.foreign_key("hook_endpoints", "created_by", "users", ondelete="SET NULL"),
    )
    ddl.column_indexes("hook_endpoints", "created_by")
    ddl.partial_index("ix_hook_endpoints_enabled", "hook_endpoints", ["tenant_id"], "enabled")

    op.create_table(
        "hook_messages",
        *ddl.tenant_keyed("hook_messages"),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        ddl.created_at(),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("endpoint_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=True),
        ddl.stamp("fanned_out_at"),
    )
    op.create_index("ix_hook_messages_created_at", "hook_messages", ["created_at"])
    ddl.partial_index("ix_hook_messages_unfanned", "hook_messages", ["created_at"], "fanned_out_at IS NULL")

    op.create_table(
        "hook_deliveries",
        *ddl.tenant_keyed("hook_deliveries"),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        *ddl.delivery_state(),
        ddl.tenant_foreign_key_to("hook_deliveries", "message_id", "hook_messages"),
        ddl.tenant_foreign_key_to("hook_deliveries", "endpoint_id", "hook_endpoints"),
        sa.UniqueConstraint("tenant_id", "message_id", "endpoint_id", name="uq_hook_deliveries_message_endpoint"),
    )
    ddl.partial_index(
        "ix_hook_deliveries_due",
        "hook_deliveries",
        ["tenant_id", "endpoint_id", "next_attempt_at"],
        "status IN ('pending', 'delivering')",
    )
    ddl.partial_index("ix_hook_deliveries_in_flight", "hook_deliveries", ["endpoint_id"], "status = 'delivering'")
    op.create_index("ix_hook_deliveries_endpoint", "hook_deliveries", ["tenant_id", "endpoint_id", sa.text("id DESC")])
    op.create_index("ix_hook_deliveries_tenant", "hook_deliveries", ["tenant_id", sa.text("id DESC")])

    op.create_table(
        "hook_attempts",
        *ddl.tenant_keyed("hook_attempts"),
        sa.Column("delivery_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        ddl.tenant_foreign_key_to("hook_attempts", "delivery_id", "hook_deliveries"),
    )
    op.create_index("ix_hook_attempts_delivery", "hook_attempts", ["tenant_id", "delivery_id"])
    op.create_index("ix_hook_attempts_endpoint", "hook_attempts", ["tenant_id", "endpoint_id", sa.text("id DESC")])
    op.create_index("ix_hook_attempts_attempted_at", "hook_attempts", ["attempted_at"])


def downgrade() -> None:
    # Endpoints, their secrets and every delivery go; nothing else refers to these tables.
    op.drop_table("hook_attempts")
    op.drop_table("hook_deliveries")
    op.drop_table("hook_messages")
    op.drop_table("hook_endpoints")
