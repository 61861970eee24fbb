"""Jobs can run in parts: a part is a job of its own pointing at the job it belongs to.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 23:59:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.migrations import ddl

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("parent_id", sa.Uuid(), nullable=True))
    ddl.add_foreign_key("jobs", "parent_id", "jobs", ondelete="CASCADE")
    ddl.column_indexes("jobs", "parent_id")


def downgrade() -> None:
    # Parts carry their share of the work in their own state; folding them back is not possible,
    # so a downgrade keeps each part as a job of its own (nothing is lost, it just shows apart).
    op.drop_index(op.f("ix_jobs_parent_id"), table_name="jobs")
    ddl.drop_foreign_key("jobs", "parent_id", "jobs")
    op.drop_column("jobs", "parent_id")
