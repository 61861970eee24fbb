"""Stored files: CSV uploads waiting to be imported and exports waiting to be downloaded.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 21:56:12.163479
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.migrations import ddl

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        *ddl.timestamps(),
        *ddl.tenant_scoped("files"),
        ddl.foreign_key("files", "created_by", "users", ondelete="SET NULL"),
    )
    ddl.column_indexes("files", "tenant_id")


def downgrade() -> None:
    op.drop_table("files")
