"""Indexes for the lookups by id that know no tenant; the tenant_id indexes the keys made redundant.

Since 0027 a tenant table's primary key is (tenant_id, id): a query that names the id alone, with no
tenant scope, reaches no index. The workers now name the tenant too (they know it from their task's
arguments or the row that led them there); two lookups cannot, as the back office opens a hook
endpoint, or a delivery's attempts, by the id in its URL alone. Those get a plain index on ``id``
(not unique: Citus allows a unique index only with the distribution column).

The one-column ``ix_<table>_tenant_id`` indexes go: the primary key, which leads with tenant_id,
serves every query they served, and each write no longer maintains a second index for it.

Online: each index is built or dropped CONCURRENTLY, outside a transaction (an invalid leftover of
a failed build is dropped first). docs/decisions/0023-citus-ready-keys.md.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-15 09:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

LOOKUPS = (
    ("ix_hook_endpoints_id", "hook_endpoints"),
    ("ix_hook_deliveries_id", "hook_deliveries"),
)
# Tables whose tenant_id had an index of its own (the mixin's index=True) and now leads the key.
TENANT_INDEXED = (
    "blueprint_versions",
    "blueprints",
    "entity_indexes",
    "files",
    "flow_history",
    "flow_instances",
    "flow_timers",
    "flow_versions",
    "flows",
    "invitations",
    "saved_views",
)


def upgrade() -> None:
    with op.get_context().autocommit_block():
        for name, table in LOOKUPS:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
            op.execute(f"CREATE INDEX CONCURRENTLY {name} ON {table} (id)")
        for table in TENANT_INDEXED:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS ix_{table}_tenant_id")


def downgrade() -> None:
    with op.get_context().autocommit_block():
        for table in TENANT_INDEXED:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS ix_{table}_tenant_id")
            op.execute(f"CREATE INDEX CONCURRENTLY ix_{table}_tenant_id ON {table} (tenant_id)")
        for name, _table in LOOKUPS:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
