"""Connector steps (HTTP requests, emails) a flow waits on until they are delivered or fail.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-13 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "connector_calls",
        *ddl.tenant_keyed("connector_calls"),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("element", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("request", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("response", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        *ddl.delivery_state(),
        ddl.foreign_key("connector_calls", "instance_id", "flow_instances", ondelete="CASCADE"),
        sa.UniqueConstraint("tenant_id", "instance_id", "task_id", name="uq_connector_calls_instance_task"),
    )
    ddl.column_indexes("connector_calls", "instance_id")
    ddl.partial_index(
        "ix_connector_calls_due", "connector_calls", ["next_attempt_at"], "status IN ('pending', 'delivering')"
    )


def downgrade() -> None:
    op.drop_table("connector_calls")
