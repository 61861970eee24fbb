"""An account whose password someone else chose must change it (the super admin's initial one).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-24 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "users", sa.Column("must_change_password", sa.Boolean(), server_default=sa.text("false"), nullable=False)
    )
    # A super admin that exists already keeps its password: it was chosen by whoever runs Loom.


def downgrade() -> None:
    op.drop_column("users", "must_change_password")
