"""Mail on the delivery bookkeeping: due times, leases and dead letters, and the workspace it is for.

``mail_outbox`` gets core.delivery's columns (``next_attempt_at``, which is also the lease's end
while a worker holds a message, ``last_attempt_at``, ``finished_at``), the ``delivering`` status,
and ``tenant_id``: the workspace whose work queued a message, shown in the back office (emptied
when the workspace goes; the mail is to a person). Pending messages are due at once; failed ones
(the dead letters) finished when they last changed. Sent messages keep ``sent_at`` only.

Online: the new columns are nullable, the foreign key is added NOT VALID and validated without
blocking writes, the enum value is committed before anything uses it, and the indexes are built
CONCURRENTLY outside a transaction. The previous release keeps working on this schema: it sends
pending messages as before and never reads the new columns.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-16 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.migrations import ddl

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

FOREIGN_KEY = "fk_mail_outbox_tenant_id_tenants"
INDEXES = (
    ("ix_mail_outbox_tenant_id", "(tenant_id)"),
    ("ix_mail_outbox_due", "(next_attempt_at) WHERE status IN ('pending', 'delivering')"),
    ("ix_mail_outbox_failed", "(created_at, id) WHERE status = 'failed'"),
)


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE outbox_status ADD VALUE IF NOT EXISTS 'delivering' AFTER 'pending'")
    for name in ("next_attempt_at", "last_attempt_at", "finished_at"):
        op.add_column("mail_outbox", ddl.stamp(name))
    op.add_column("mail_outbox", sa.Column("tenant_id", sa.Uuid(), nullable=True))
    op.execute(
        f"ALTER TABLE mail_outbox ADD CONSTRAINT {FOREIGN_KEY} FOREIGN KEY (tenant_id) "
        "REFERENCES tenants (id) ON DELETE SET NULL NOT VALID"
    )
    op.execute("UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'pending'")
    op.execute("UPDATE mail_outbox SET finished_at = updated_at WHERE status = 'failed'")
    with op.get_context().autocommit_block():
        op.execute(f"ALTER TABLE mail_outbox VALIDATE CONSTRAINT {FOREIGN_KEY}")
        for name, columns in INDEXES:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")  # an invalid leftover of a failed build
            op.execute(f"CREATE INDEX CONCURRENTLY {name} ON mail_outbox {columns}")


def downgrade() -> None:
    with op.get_context().autocommit_block():
        for name, _ in INDEXES:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
    op.drop_constraint(FOREIGN_KEY, "mail_outbox", type_="foreignkey")
    for name in ("tenant_id", "finished_at", "last_attempt_at", "next_attempt_at"):
        op.drop_column("mail_outbox", name)
    # PostgreSQL cannot drop an enum value: the type is made again without it.
    op.execute("UPDATE mail_outbox SET status = 'pending' WHERE status = 'delivering'")
    op.execute("ALTER TYPE outbox_status RENAME TO outbox_status_0030")
    op.execute("CREATE TYPE outbox_status AS ENUM ('pending', 'sent', 'captured', 'failed')")
    op.execute("ALTER TABLE mail_outbox ALTER COLUMN status TYPE outbox_status USING status::text::outbox_status")
    op.execute("DROP TYPE outbox_status_0030")
