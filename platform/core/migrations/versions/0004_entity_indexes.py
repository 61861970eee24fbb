"""The registry of expression indexes the system builds on entities (runtime/entities/indexes.py).

The indexes themselves (ix_ent_*) are made at run time; going down drops them with their registry.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 21:52:35.096790
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

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
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"],
            ["blueprints.id"],
            name=op.f("fk_entity_indexes_blueprint_id_blueprints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_entity_indexes_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_indexes")),
        sa.UniqueConstraint("name", name=op.f("uq_entity_indexes_name")),
    )
    op.create_index(op.f("ix_entity_indexes_blueprint_id"), "entity_indexes", ["blueprint_id"], unique=False)
    op.create_index(op.f("ix_entity_indexes_tenant_id"), "entity_indexes", ["tenant_id"], unique=False)


def downgrade() -> None:
    for (name,) in op.get_bind().exec_driver_sql("SELECT name FROM entity_indexes").fetchall():
        op.execute(f'DROP INDEX IF EXISTS "{name}"')
    op.drop_index(op.f("ix_entity_indexes_tenant_id"), table_name="entity_indexes")
    op.drop_index(op.f("ix_entity_indexes_blueprint_id"), table_name="entity_indexes")
    op.drop_table("entity_indexes")
