"""Emails to the person a task waits for, which each person may turn off.

``users.notify_tasks``: whether Loom emails this person when a flow's step in one of their
workspaces waits for them (on unless they turn it off on their account page).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-12 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("notify_tasks", sa.Boolean(), server_default=sa.text("true"), nullable=False))


def downgrade() -> None:
    op.drop_column("users", "notify_tasks")
