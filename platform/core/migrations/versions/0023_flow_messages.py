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

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flow_subscriptions",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("element", sa.String(length=255), nullable=False),
        sa.Column("correlation", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_flow_subscriptions_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["instance_id"],
            ["flow_instances.id"],
            name=op.f("fk_flow_subscriptions_instance_id_flow_instances"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_flow_subscriptions_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_flow_subscriptions")),
    )
    op.create_index("ix_flow_subscriptions_kind_name", "flow_subscriptions", ["tenant_id", "kind", "name"])
    op.create_index(op.f("ix_flow_subscriptions_instance_id"), "flow_subscriptions", ["instance_id"])
    op.create_index(op.f("ix_flow_subscriptions_entity_id"), "flow_subscriptions", ["entity_id"])

    op.create_table(
        "flow_messages",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
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
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_flow_messages_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["start_flow_id"], ["flows.id"], name=op.f("fk_flow_messages_start_flow_id_flows"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_flow_messages_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_flow_messages")),
    )
    op.create_index(
        "ix_flow_messages_waiting",
        "flow_messages",
        ["tenant_id", "kind", "name"],
        postgresql_where=sa.text("status = 'unmatched'"),
    )
    op.create_index(
        "ix_flow_messages_list", "flow_messages", ["tenant_id", sa.text("created_at DESC"), sa.text("id DESC")]
    )
    op.create_index("ix_flow_messages_expires_at", "flow_messages", ["expires_at"])
    op.create_index(op.f("ix_flow_messages_user_id"), "flow_messages", ["user_id"])


def downgrade() -> None:
    op.drop_table("flow_messages")
    op.drop_table("flow_subscriptions")
