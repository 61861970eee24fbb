"""Decision tables (DMN) kept and published with their flow.

``flows.draft_decisions``: the decision tables being edited with the draft diagram, and
``flow_versions.decisions``: those a published version was frozen with (its business-rule tasks
call them by id, so an instance on an old version keeps deciding by the old tables). Each is a
JSON list of ``{"id", "name", "xml"}``, one DMN document per decision; a flow has few of them and
they are always read with their flow, so they live on its row rather than in a table of their own.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-13 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    jsonb = postgresql.JSONB(astext_type=sa.Text())
    op.add_column("flows", sa.Column("draft_decisions", jsonb, server_default="[]", nullable=False))
    op.add_column("flow_versions", sa.Column("decisions", jsonb, server_default="[]", nullable=False))


def downgrade() -> None:
    op.drop_column("flow_versions", "decisions")
    op.drop_column("flows", "draft_decisions")
