"""Flow instances keep the error that stopped them (a timer step that failed).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24 03:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("flow_instances", sa.Column("error", postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    # Before this revision nothing stops on an error: stopped instances run again (their timers retry).
    op.execute("UPDATE flow_instances SET status = 'running' WHERE status = 'failed'")
    op.drop_column("flow_instances", "error")
