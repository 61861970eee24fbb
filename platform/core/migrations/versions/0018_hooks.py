"""Hooks: endpoints, messages and delivery attempts (outgoing, signed webhooks).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _tenant(table: str) -> list[Any]:
    """tenant_id, first in the primary key, and its foreign key to the workspace."""
    return [
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f(f"fk_{table}_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f(f"pk_{table}")),
    ]


def _stamp(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    op.create_table(
        "hook_endpoints",
        *_tenant("hook_endpoints"),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("event_types", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("blueprint_ids", postgresql.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("changed_fields", postgresql.ARRAY(sa.String(length=63)), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.String(length=500), nullable=True),
        _stamp("disabled_at"),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("previous_secret", sa.Text(), nullable=True),
        _stamp("previous_secret_until"),
        sa.Column("headers", sa.Text(), nullable=True),
        sa.Column("header_names", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        _stamp("last_attempt_at"),
        _stamp("last_success_at"),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("failure_streak", sa.Integer(), nullable=False),
        _stamp("failing_since"),
        _stamp("rate_window_start"),
        sa.Column("rate_window_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_hook_endpoints_created_by_users"), ondelete="SET NULL"
        ),
    )
    op.create_index(op.f("ix_hook_endpoints_created_by"), "hook_endpoints", ["created_by"])
    op.create_index("ix_hook_endpoints_enabled", "hook_endpoints", ["tenant_id"], postgresql_where=sa.text("enabled"))

    op.create_table(
        "hook_messages",
        *_tenant("hook_messages"),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("endpoint_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=True),
        _stamp("fanned_out_at"),
    )
    op.create_index("ix_hook_messages_created_at", "hook_messages", ["created_at"])
    op.create_index(
        "ix_hook_messages_unfanned", "hook_messages", ["created_at"], postgresql_where=sa.text("fanned_out_at IS NULL")
    )

    op.create_table(
        "hook_deliveries",
        *_tenant("hook_deliveries"),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _stamp("next_attempt_at"),
        _stamp("last_attempt_at"),
        _stamp("finished_at"),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "message_id"],
            ["hook_messages.tenant_id", "hook_messages.id"],
            name=op.f("fk_hook_deliveries_tenant_id_hook_messages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "endpoint_id"],
            ["hook_endpoints.tenant_id", "hook_endpoints.id"],
            name=op.f("fk_hook_deliveries_tenant_id_hook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("tenant_id", "message_id", "endpoint_id", name="uq_hook_deliveries_message_endpoint"),
    )
    op.create_index(
        "ix_hook_deliveries_due",
        "hook_deliveries",
        ["tenant_id", "endpoint_id", "next_attempt_at"],
        postgresql_where=sa.text("status IN ('pending', 'delivering')"),
    )
    op.create_index(
        "ix_hook_deliveries_in_flight",
        "hook_deliveries",
        ["endpoint_id"],
        postgresql_where=sa.text("status = 'delivering'"),
    )
    op.create_index("ix_hook_deliveries_endpoint", "hook_deliveries", ["tenant_id", "endpoint_id", sa.text("id DESC")])
    op.create_index("ix_hook_deliveries_tenant", "hook_deliveries", ["tenant_id", sa.text("id DESC")])

    op.create_table(
        "hook_attempts",
        *_tenant("hook_attempts"),
        sa.Column("delivery_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "delivery_id"],
            ["hook_deliveries.tenant_id", "hook_deliveries.id"],
            name=op.f("fk_hook_attempts_tenant_id_hook_deliveries"),
            ondelete="CASCADE",
        ),
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
