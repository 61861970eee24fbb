"""The audit log of each workspace (and of the admins' actions outside any workspace).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        ddl.tenant_id(nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target_type", sa.String(length=32), nullable=True),
        sa.Column("target_id", sa.String(length=64), nullable=True),
        sa.Column("target_label", sa.String(length=255), nullable=True),
        sa.Column("details", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        ddl.tenant_foreign_key("audit_events"),
        ddl.foreign_key("audit_events", "actor_id", "users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index("ix_audit_events_tenant_id_id", "audit_events", ["tenant_id", sa.text("id DESC")])
    op.create_index("ix_audit_events_target", "audit_events", ["target_type", "target_id"])
    ddl.column_indexes("audit_events", "actor_id")
    ddl.partial_index(
        "ix_audit_events_invited", "audit_events", [sa.text("lower(target_label)")], "target_type = 'invitation'"
    )


def downgrade() -> None:
    # The log is lost with the table; nothing else refers to it.
    op.drop_table("audit_events")
