"""Records deleted one by one go to the Trash: ``deleted_at`` and ``deleted_by`` on entities.

A trashed record keeps its row (and its flow, history and links) until it is restored or purged
30 days later; a partial index serves the Trash list and the purge without costing live rows.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entities", sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("entities", sa.Column("deleted_by", sa.Integer(), nullable=True))
    op.create_foreign_key(
        op.f("fk_entities_deleted_by_users"), "entities", "users", ["deleted_by"], ["id"], ondelete="SET NULL"
    )
    op.create_index(
        "ix_entities_trash",
        "entities",
        ["tenant_id", "deleted_at", "id"],
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )


def downgrade() -> None:
    # Going back to a Loom without a records Trash loses nothing: what was in it is a record again.
    op.drop_index("ix_entities_trash", table_name="entities")
    op.drop_constraint(op.f("fk_entities_deleted_by_users"), "entities", type_="foreignkey")
    op.drop_column("entities", "deleted_by")
    op.drop_column("entities", "deleted_at")
