"""The last authenticator code each user signed in with, so no code works twice.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("tf_last_counter", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    # Only replay protection is lost: a code could again be used twice within its 30 seconds.
    op.drop_column("users", "tf_last_counter")
