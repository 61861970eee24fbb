"""Invitations to join a tenant by email.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    role = postgresql.ENUM("owner", "admin", "editor", "viewer", name="tenant_role", create_type=False)
    op.create_table(
        "invitations",
        sa.Column("id", sa.Uuid(), nullable=False),
        ddl.tenant_id(),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("role", role, nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("invited_by", sa.Integer(), nullable=True),
        ddl.created_at(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        ddl.stamp("accepted_at"),
        sa.Column("accepted_by", sa.Integer(), nullable=True),
        ddl.stamp("revoked_at"),
        ddl.tenant_foreign_key("invitations"),
        ddl.foreign_key("invitations", "invited_by", "users", ondelete="SET NULL"),
        ddl.foreign_key("invitations", "accepted_by", "users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_invitations_token_digest")),
    )
    ddl.column_indexes("invitations", "tenant_id", "invited_by", "accepted_by")
    ddl.unique_per_tenant_ignoring_case(
        "uq_invitations_pending", "invitations", "email", "accepted_at IS NULL AND revoked_at IS NULL"
    )


def downgrade() -> None:
    # Pending invitations are lost: their links stop working, and people can be invited again.
    op.drop_table("invitations")
