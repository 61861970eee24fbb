"""Flow-owned fields and transitions pressed by the person a record names.

``blueprints.flow_fields_editable``: people may edit by hand the fields its published flows write
(off by default: those fields change only through the flow's buttons).
``inbox_items.field``: the record's user column whose person may do the step
(``<loom:transition field="driver"/>``).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-10 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "blueprints", sa.Column("flow_fields_editable", sa.Boolean(), server_default=sa.text("false"), nullable=False)
    )
    op.add_column("inbox_items", sa.Column("field", sa.String(length=63), nullable=True))


def downgrade() -> None:
    op.drop_column("inbox_items", "field")
    op.drop_column("blueprints", "flow_fields_editable")
