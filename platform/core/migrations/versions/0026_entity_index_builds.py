"""Index builds retried and swept: attempts, when to try next, when ready, when last used.

``entity_indexes`` gains ``attempts`` (failed builds so far), ``next_attempt_at`` (when a pending
or retried build is due; the sweep re-queues builds whose task was lost), ``ready_at`` and
``last_used_at`` (the least recently used index of a blueprint over its budget is dropped first).
Statuses: pending, ready, deferred (the blueprint has too few records to need one yet), failed
(given up after the last attempt). Rows left ``building`` by an older builder become pending.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-14 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.migrations import ddl

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entity_indexes", sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
    for name in ("next_attempt_at", "ready_at", "last_used_at"):
        op.add_column("entity_indexes", ddl.stamp(name))
    # Failed builds of before were never retried: give each a fresh start.
    op.execute("UPDATE entity_indexes SET status = 'pending', error = NULL WHERE status NOT IN ('ready', 'pending')")
    op.execute("UPDATE entity_indexes SET ready_at = updated_at WHERE status = 'ready'")
    ddl.partial_index(
        "ix_entity_indexes_due", "entity_indexes", ["next_attempt_at"], "status IN ('pending', 'deferred')"
    )


def downgrade() -> None:
    op.drop_index("ix_entity_indexes_due", table_name="entity_indexes")
    op.execute("UPDATE entity_indexes SET status = 'failed' WHERE status = 'deferred'")
    for column in ("last_used_at", "ready_at", "next_attempt_at", "attempts"):
        op.drop_column("entity_indexes", column)
