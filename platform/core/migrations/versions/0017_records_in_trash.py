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

from core.migrations import ddl

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entities", ddl.stamp("deleted_at"))
    op.add_column("entities", sa.Column("deleted_by", sa.Integer(), nullable=True))
    ddl.add_foreign_key("entities", "deleted_by", "users", ondelete="SET NULL")
    ddl.partial_index("ix_entities_trash", "entities", ["tenant_id", "deleted_at", "id"], "deleted_at IS NOT NULL")


def downgrade() -> None:
    # Going back to a Loom without a records Trash loses nothing: what was in it is a record again.
    op.drop_index("ix_entities_trash", table_name="entities")
    ddl.drop_foreign_key("entities", "deleted_by", "users")
    op.drop_column("entities", "deleted_by")
    op.drop_column("entities", "deleted_at")
