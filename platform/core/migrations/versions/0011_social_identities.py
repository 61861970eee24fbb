"""Google and Facebook accounts linked to users (sign-in with them).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.migrations import ddl

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "social_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=True),
        ddl.created_at(),
        sa.CheckConstraint("provider IN ('google', 'facebook')", name=op.f("ck_social_identities_provider")),
        ddl.foreign_key("social_identities", "user_id", "users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_identities")),
        # One provider account belongs to one user; a user has one account per provider.
        sa.UniqueConstraint("provider", "subject", name=op.f("uq_social_identities_provider_subject")),
        sa.UniqueConstraint("user_id", "provider", name=op.f("uq_social_identities_user_id_provider")),
    )


def downgrade() -> None:
    # Users who signed up with Google or Facebook keep their accounts, without a way in until
    # they reset a password by email.
    op.drop_table("social_identities")
