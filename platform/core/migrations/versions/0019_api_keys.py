"""API keys per workspace, and the answers kept for Idempotency-Key.

Also names the API key in the audit log: ``audit_events.actor_label`` holds the key's name when
``actor_kind`` is "api_key" (the actor is the person who created the key).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.migrations import ddl

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        *ddl.tenant_keyed("api_keys"),
        sa.Column("public_id", sa.String(length=16), nullable=False),
        sa.Column("secret_digest", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        ddl.created_at(),
        ddl.stamp("expires_at"),
        ddl.stamp("last_used_at"),
        ddl.stamp("revoked_at"),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("role IN ('admin', 'editor', 'viewer')", name=op.f("ck_api_keys_role")),
        ddl.foreign_key("api_keys", "created_by", "users", ondelete="CASCADE"),
        ddl.foreign_key("api_keys", "revoked_by", "users", ondelete="SET NULL"),
    )
    op.create_index("ix_api_keys_public_id", "api_keys", ["public_id"])
    ddl.column_indexes("api_keys", "created_by", "revoked_by")
    ddl.unique_per_tenant_ignoring_case("uq_api_keys_active_name", "api_keys", "name", "revoked_at IS NULL")

    op.create_table(
        "idempotent_requests",
        ddl.tenant_id(),
        sa.Column("principal", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.SmallInteger(), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        ddl.tenant_foreign_key("idempotent_requests"),
        ddl.foreign_key("idempotent_requests", "user_id", "users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("tenant_id", "principal", "key", name=op.f("pk_idempotent_requests")),
    )
    op.create_index("ix_idempotent_requests_created_at", "idempotent_requests", ["created_at"])
    ddl.column_indexes("idempotent_requests", "user_id")

    op.add_column("audit_events", sa.Column("actor_label", sa.String(length=255), nullable=True))


def downgrade() -> None:
    # Keys stop working and must be made again; the audit log keeps "api_key" rows, unnamed.
    op.drop_column("audit_events", "actor_label")
    op.drop_table("idempotent_requests")
    op.drop_table("api_keys")
