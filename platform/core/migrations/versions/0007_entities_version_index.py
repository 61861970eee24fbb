"""Index entities by (blueprint_version_id, id): migrations walk a version's records in id order.

The composite index replaces the one on blueprint_version_id alone (it serves the same lookups),
and the index on tenant_id alone goes: ix_entities_list_default leads with tenant_id.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 22:43:26.080906
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index(op.f("ix_entities_blueprint_version_id"), table_name="entities")
    op.create_index("ix_entities_version_id", "entities", ["blueprint_version_id", "id"], unique=False)
    # ix_entities_list_default leads with tenant_id: the index on tenant_id alone only costs writes.
    op.drop_index(op.f("ix_entities_tenant_id"), table_name="entities")


def downgrade() -> None:
    op.create_index(op.f("ix_entities_tenant_id"), "entities", ["tenant_id"], unique=False)
    op.drop_index("ix_entities_version_id", table_name="entities")
    op.create_index(op.f("ix_entities_blueprint_version_id"), "entities", ["blueprint_version_id"], unique=False)
