"""Saved grid views per person (filter, sort, visible columns).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 21:59:18.052501
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("config", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        *ddl.timestamps(),
        *ddl.tenant_scoped("saved_views"),
        ddl.foreign_key("saved_views", "blueprint_id", "blueprints", ondelete="CASCADE"),
        ddl.foreign_key("saved_views", "user_id", "users", ondelete="CASCADE"),
        sa.UniqueConstraint("user_id", "blueprint_id", "name", name="uq_saved_views_user_blueprint_name"),
    )
    ddl.column_indexes("saved_views", "tenant_id", "user_id")


def downgrade() -> None:
    op.drop_table("saved_views")
