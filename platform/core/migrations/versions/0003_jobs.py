"""Background jobs with progress and resumable state (migrations, imports, exports, deletions).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 21:48:57.776889
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Uuid(), nullable=False),
        ddl.tenant_id(nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Enum("queued", "running", "done", "failed", name="job_status"), nullable=False),
        sa.Column("params", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("state", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("result", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("done", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        ddl.stamp("heartbeat_at"),
        ddl.stamp("finished_at"),
        *ddl.timestamps(),
        ddl.foreign_key("jobs", "created_by", "users", ondelete="SET NULL"),
        ddl.tenant_foreign_key("jobs"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    ddl.column_indexes("jobs", "status", "tenant_id")


def downgrade() -> None:
    op.drop_table("jobs")
    ddl.drop_enum("job_status")
