"""Inbound hooks: a URL per flow that turns signed requests into messages (Standard Webhooks).

``flow_inbound_hooks``: one per flow, found by its unguessable ``token`` (the URL's last part),
with the signing secret encrypted like outgoing hook secrets (Fernet), the message name and
which body fields give the correlation keys and the values. ``flow_inbound_receipts``: the
``webhook-id`` of each request taken, kept for the signature's tolerance window so a replayed
request is refused; written in the request's transaction, so a refused request is never remembered.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-13 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flow_inbound_hooks",
        *ddl.tenant_keyed("flow_inbound_hooks"),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("message_name", sa.String(length=200), nullable=False),
        sa.Column("correlation", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("values", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        ddl.created_at(),
        ddl.stamp("rotated_at"),
        ddl.foreign_key("flow_inbound_hooks", "flow_id", "flows", ondelete="CASCADE"),
        ddl.foreign_key("flow_inbound_hooks", "created_by", "users", ondelete="SET NULL"),
        sa.UniqueConstraint("tenant_id", "flow_id", name="uq_flow_inbound_hooks_tenant_flow"),
        sa.UniqueConstraint("token", name=op.f("uq_flow_inbound_hooks_token")),
    )
    ddl.column_indexes("flow_inbound_hooks", "flow_id", "created_by")
    op.create_table(
        "flow_inbound_receipts",
        ddl.tenant_id(),
        sa.Column("hook_id", sa.Uuid(), nullable=False),
        sa.Column("webhook_id", sa.String(length=255), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        ddl.tenant_foreign_key_to("flow_inbound_receipts", "hook_id", "flow_inbound_hooks"),
        sa.PrimaryKeyConstraint("tenant_id", "hook_id", "webhook_id", name=op.f("pk_flow_inbound_receipts")),
    )
    op.create_index(
        "ix_flow_inbound_receipts_received", "flow_inbound_receipts", ["tenant_id", "hook_id", "received_at"]
    )


def downgrade() -> None:
    # The flows' inbound URLs stop working; senders get 404 until a hook is made again.
    op.drop_table("flow_inbound_receipts")
    op.drop_table("flow_inbound_hooks")
