"""Entities partitioned by tenant: 64 hash partitions, primary key (tenant_id, id), online.

Why: a workspace's expression indexes (partial to a blueprint) live on its own partition, so
other workspaces' writes never maintain them and their plans never weigh them
(docs/decisions/0022-entities-partitioned-by-tenant.md). The key carries tenant_id, as Citus
needs (docs/decisions/0023-citus-ready-keys.md), and so do the four foreign keys to records.

How, without stopping writers: the partitioned table is made empty beside ``entities`` with its
indexes and keys; a trigger mirrors every insert, update and delete into it (deleted ids are
also noted, so a batch that read a row just before its delete cannot bring it back); rows are
copied in id order, batch after batch, each its own transaction; then, under a short exclusive
lock, the noted deletes are applied and the tables swap names. The foreign keys to records
come back NOT VALID and are validated afterwards without blocking writes. Expression indexes
built on the old table are gone with it: their rows go back to pending, and the index sweep
has them built on the partitions within minutes.

Measured on this machine (bench/partitioning.py, idle): 1,000,000 records in 35 s while a writer
made 26,711 inserts and updates, none refused, the longest waiting 346 ms (the swap's lock).

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-14 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

PARTITIONS = 64
BATCH = 5000
COLUMNS = (
    "id",
    "blueprint_id",
    "blueprint_version_id",
    "data",
    "aside",
    "search_text",
    "version",
    "created_by",
    "updated_by",
    "created_at",
    "updated_at",
    "tenant_id",
    "deleted_at",
    "deleted_by",
)
REFERRING = ("flow_instances", "flow_history", "inbox_items", "flow_subscriptions")
INDEXES = (
    ("ix_entities_list_default", "(tenant_id, blueprint_id, created_at, id)"),
    ("ix_entities_version_id", "(blueprint_version_id, id)"),
    ("ix_entities_trash", "(tenant_id, deleted_at, id) WHERE deleted_at IS NOT NULL"),
    ("ix_entities_search", "USING gin (to_tsvector('simple'::regconfig, search_text))"),
)
OWN_KEYS = (
    # Composite since 0027 (docs/decisions/0023-citus-ready-keys.md).
    (
        "fk_entities_blueprint_id_blueprints",
        "(tenant_id, blueprint_id) REFERENCES blueprints(tenant_id, id) ON DELETE CASCADE",
    ),
    (
        "fk_entities_blueprint_version_id_blueprint_versions",
        "(tenant_id, blueprint_version_id) REFERENCES blueprint_versions(tenant_id, id)",
    ),
    ("fk_entities_created_by_users", "(created_by) REFERENCES users(id) ON DELETE SET NULL"),
    ("fk_entities_deleted_by_users", "(deleted_by) REFERENCES users(id) ON DELETE SET NULL"),
    ("fk_entities_tenant_id_tenants", "(tenant_id) REFERENCES tenants(id) ON DELETE CASCADE"),
    ("fk_entities_updated_by_users", "(updated_by) REFERENCES users(id) ON DELETE SET NULL"),
)
MIRROR = f"""
CREATE FUNCTION entities_mirror() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM entities_next WHERE tenant_id = OLD.tenant_id AND id = OLD.id;
    INSERT INTO entities_gone (id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
    RETURN OLD;
  END IF;
  INSERT INTO entities_next SELECT NEW.*
  ON CONFLICT (tenant_id, id) DO UPDATE SET ({", ".join(COLUMNS)}) =
    ROW({", ".join(f"EXCLUDED.{c}" for c in COLUMNS)});
  RETURN NEW;
END $$
"""


def _copy_in_batches() -> None:
    bind = op.get_bind()
    last = "00000000-0000-0000-0000-000000000000"
    while True:
        last_copied = bind.execute(
            sa.text(
                "WITH batch AS (SELECT * FROM entities WHERE id > CAST(:last AS uuid) ORDER BY id LIMIT :n), "
                "copied AS (INSERT INTO entities_next SELECT * FROM batch ON CONFLICT DO NOTHING) "
                "SELECT id FROM batch ORDER BY id DESC LIMIT 1"
            ),
            {"last": last, "n": BATCH},
        ).scalar()
        if last_copied is None:
            return
        last = str(last_copied)


def _referring_keys(columns: str, target: str, *, valid: bool) -> None:
    for table in REFERRING:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_entity_id_entities FOREIGN KEY {columns} "
            f"REFERENCES entities{target} ON DELETE CASCADE{'' if valid else ' NOT VALID'}"
        )


def upgrade() -> None:
    op.execute("CREATE TABLE entities_next (LIKE entities INCLUDING DEFAULTS) PARTITION BY HASH (tenant_id)")
    for remainder in range(PARTITIONS):
        op.execute(
            f"CREATE TABLE entities_p{remainder:02d} PARTITION OF entities_next "
            f"FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {remainder})"
        )
    op.execute("ALTER TABLE entities_next ADD CONSTRAINT pk_entities_next PRIMARY KEY (tenant_id, id)")
    for name, definition in INDEXES:
        op.execute(f"CREATE INDEX {name}_next ON entities_next {definition}")
    for name, definition in OWN_KEYS:
        op.execute(f"ALTER TABLE entities_next ADD CONSTRAINT {name} FOREIGN KEY {definition}")
    op.execute("CREATE TABLE entities_gone (id uuid PRIMARY KEY)")
    op.execute(MIRROR)
    op.execute(
        "CREATE TRIGGER entities_mirror AFTER INSERT OR UPDATE OR DELETE ON entities FOR EACH ROW EXECUTE FUNCTION entities_mirror()"
    )
    with op.get_context().autocommit_block():
        _copy_in_batches()
    op.execute("LOCK TABLE entities IN ACCESS EXCLUSIVE MODE")
    op.execute("DELETE FROM entities_next n USING entities_gone g WHERE n.id = g.id")
    for table in REFERRING:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT fk_{table}_entity_id_entities")
    op.execute("DROP TABLE entities")
    op.execute("DROP FUNCTION entities_mirror()")
    op.execute("DROP TABLE entities_gone")
    op.execute("ALTER TABLE entities_next RENAME TO entities")
    op.execute("ALTER TABLE entities RENAME CONSTRAINT pk_entities_next TO pk_entities")
    for name, _ in INDEXES:
        op.execute(f"ALTER INDEX {name}_next RENAME TO {name}")
    _referring_keys("(tenant_id, entity_id)", "(tenant_id, id)", valid=False)
    # Built on the old table, gone with it: built again on the partitions by the index sweep.
    op.execute("UPDATE entity_indexes SET status = 'pending', attempts = 0, error = NULL, next_attempt_at = now()")
    with op.get_context().autocommit_block():
        for table in REFERRING:
            op.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT fk_{table}_entity_id_entities")
        op.execute("ANALYZE entities")


def downgrade() -> None:
    op.execute("LOCK TABLE entities IN ACCESS EXCLUSIVE MODE")
    op.execute("CREATE TABLE entities_plain (LIKE entities INCLUDING DEFAULTS)")
    op.execute("INSERT INTO entities_plain SELECT * FROM entities")
    for table in REFERRING:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT fk_{table}_entity_id_entities")
    op.execute("DROP TABLE entities")
    op.execute("ALTER TABLE entities_plain RENAME TO entities")
    op.execute("ALTER TABLE entities ADD CONSTRAINT pk_entities PRIMARY KEY (id)")
    for name, definition in INDEXES:
        op.execute(f"CREATE INDEX {name} ON entities {definition}")
    for name, definition in OWN_KEYS:
        op.execute(f"ALTER TABLE entities ADD CONSTRAINT {name} FOREIGN KEY {definition}")
    _referring_keys("(entity_id)", "(id)", valid=True)
    op.execute("UPDATE entity_indexes SET status = 'pending', attempts = 0, error = NULL, next_attempt_at = now()")
