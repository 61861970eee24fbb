"""The registry of expression indexes the system builds on entities (runtime/entities/indexes.py).

The indexes themselves (ix_ent_*) are made at run time; going down drops them with their registry.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 21:52:35.096790
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.migrations import ddl

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_indexes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=False),
        sa.Column("column_key", sa.String(length=63), nullable=False),
        sa.Column("column_type", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        *ddl.timestamps(),
        *ddl.tenant_scoped("entity_indexes"),
        ddl.foreign_key("entity_indexes", "blueprint_id", "blueprints", ondelete="CASCADE"),
        sa.UniqueConstraint("name", name=op.f("uq_entity_indexes_name")),
    )
    ddl.column_indexes("entity_indexes", "blueprint_id", "tenant_id")


def downgrade() -> None:
    for (name,) in op.get_bind().exec_driver_sql("SELECT name FROM entity_indexes").fetchall():
        op.execute(f'DROP INDEX IF EXISTS "{name}"')
    op.drop_table("entity_indexes")
