"""Messages and signals between flows, the API and inbound hooks, with unmatched ones kept for a while.

``flow_subscriptions``: what each flow instance waits for now (a message or a signal, at which
element, with which correlation values), kept in step with the instance like the inbox.
``flow_messages``: every message or signal sent in a workspace and what became of it.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-13 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flow_subscriptions",
        *ddl.tenant_keyed("flow_subscriptions"),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("element", sa.String(length=255), nullable=False),
        sa.Column("correlation", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        ddl.foreign_key("flow_subscriptions", "instance_id", "flow_instances", ondelete="CASCADE"),
        ddl.foreign_key("flow_subscriptions", "entity_id", "entities", ondelete="CASCADE"),
    )
    op.create_index("ix_flow_subscriptions_kind_name", "flow_subscriptions", ["tenant_id", "kind", "name"])
    ddl.column_indexes("flow_subscriptions", "instance_id", "entity_id")

    op.create_table(
        "flow_messages",
        *ddl.tenant_keyed("flow_messages"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("correlation", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("values", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("matched", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("outcomes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("start_flow_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        ddl.created_at(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        ddl.stamp("delivered_at"),
        ddl.foreign_key("flow_messages", "start_flow_id", "flows", ondelete="SET NULL"),
        ddl.foreign_key("flow_messages", "user_id", "users", ondelete="SET NULL"),
    )
    ddl.partial_index(
        "ix_flow_messages_waiting", "flow_messages", ["tenant_id", "kind", "name"], "status = 'unmatched'"
    )
    op.create_index(
        "ix_flow_messages_list", "flow_messages", ["tenant_id", sa.text("created_at DESC"), sa.text("id DESC")]
    )
    op.create_index("ix_flow_messages_expires_at", "flow_messages", ["expires_at"])
    ddl.column_indexes("flow_messages", "user_id")


def downgrade() -> None:
    op.drop_table("flow_messages")
    op.drop_table("flow_subscriptions")
