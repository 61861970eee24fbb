"""A counter per tenant that moves when its published definitions are rewritten in place.

Published blueprint and flow versions never change, except to forget a deleted person; each web
and worker process keeps them parsed, keyed by this counter, so a rewrite reaches every process.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "tenants", sa.Column("definitions_revision", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )


def downgrade() -> None:
    op.drop_column("tenants", "definitions_revision")
