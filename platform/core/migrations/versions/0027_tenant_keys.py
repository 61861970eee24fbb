"""Tenant id in every tenant table's keys, so each table can be distributed by tenant (Citus).

Twelve tables' primary keys go from (id) to (tenant_id, id); nine unique constraints get
tenant_id (first, or last where the rest is looked up alone: an invitation's or an inbound
hook's token); twenty-one foreign keys between tenant tables become (tenant_id, x_id) ->
(tenant_id, id), entities' own two included (their targets' keys change here). ``entities``
itself and the four keys to it are migration 0028's. Three keys said ON DELETE SET NULL
(blueprints' and flows' current version, a message's started flow); Citus refuses SET NULL on
a key holding the distribution column, even PostgreSQL 15's SET NULL (col), so they say NO
ACTION: a version only ever goes in the statement that deletes its blueprint or flow, and the
Trash's purge clears the others first (runtime/trash/operations.py).
docs/decisions/0023-citus-ready-keys.md.

Online: the new unique indexes are built CONCURRENTLY first; then one short transaction swaps
the keys (ADD ... USING INDEX, foreign keys NOT VALID: no table is scanned under a lock); the
foreign keys are validated afterwards, which does not block writes. Downgrade puts back the
previous keys, names and ON DELETE actions, in one transaction.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-14 09:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

# Primary keys (id) -> (tenant_id, id), named pk_<table> both ways.
KEYED = (
    "blueprint_versions",
    "blueprints",
    "entity_indexes",
    "files",
    "flow_history",
    "flow_instances",
    "flow_timers",
    "flow_versions",
    "flows",
    "inbox_items",
    "invitations",
    "saved_views",
)
# Unique constraints: name, table, columns before, columns after.
UNIQUES = (
    (
        "uq_blueprint_versions_blueprint_number",
        "blueprint_versions",
        "blueprint_id, number",
        "tenant_id, blueprint_id, number",
    ),
    ("uq_entity_indexes_name", "entity_indexes", "name", "tenant_id, name"),
    ("uq_flow_inbound_hooks_token", "flow_inbound_hooks", "token", "token, tenant_id"),
    ("uq_flow_instances_entity_flow", "flow_instances", "entity_id, flow_id", "tenant_id, entity_id, flow_id"),
    ("uq_flow_timers_instance_task", "flow_timers", "instance_id, task_id", "tenant_id, instance_id, task_id"),
    ("uq_flow_versions_flow_number", "flow_versions", "flow_id, number", "tenant_id, flow_id, number"),
    ("uq_inbox_items_instance_task", "inbox_items", "instance_id, task_id", "tenant_id, instance_id, task_id"),
    ("uq_invitations_token_digest", "invitations", "token_digest", "token_digest, tenant_id"),
    (
        "uq_saved_views_user_blueprint_name",
        "saved_views",
        "user_id, blueprint_id, name",
        "tenant_id, user_id, blueprint_id, name",
    ),
)
# Foreign keys: table, column, target, ON DELETE before (None: NO ACTION), ON DELETE after.
CASCADE, SET_NULL = "CASCADE", "SET NULL"
KEYS: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("blueprint_versions", "blueprint_id", "blueprints", CASCADE, CASCADE),
    ("blueprints", "current_version_id", "blueprint_versions", SET_NULL, None),
    ("connector_calls", "instance_id", "flow_instances", CASCADE, CASCADE),
    ("entities", "blueprint_id", "blueprints", CASCADE, CASCADE),
    ("entities", "blueprint_version_id", "blueprint_versions", None, None),
    ("entity_indexes", "blueprint_id", "blueprints", CASCADE, CASCADE),
    ("flow_history", "flow_id", "flows", CASCADE, CASCADE),
    ("flow_history", "instance_id", "flow_instances", CASCADE, CASCADE),
    ("flow_inbound_hooks", "flow_id", "flows", CASCADE, CASCADE),
    ("flow_instances", "flow_id", "flows", CASCADE, CASCADE),
    ("flow_instances", "flow_version_id", "flow_versions", None, None),
    ("flow_messages", "start_flow_id", "flows", SET_NULL, None),
    ("flow_subscriptions", "instance_id", "flow_instances", CASCADE, CASCADE),
    ("flow_timers", "instance_id", "flow_instances", CASCADE, CASCADE),
    ("flow_versions", "flow_id", "flows", CASCADE, CASCADE),
    ("flows", "blueprint_id", "blueprints", CASCADE, CASCADE),
    ("flows", "current_version_id", "flow_versions", SET_NULL, None),
    ("inbox_items", "blueprint_id", "blueprints", CASCADE, CASCADE),
    ("inbox_items", "flow_id", "flows", CASCADE, CASCADE),
    ("inbox_items", "instance_id", "flow_instances", CASCADE, CASCADE),
    ("saved_views", "blueprint_id", "blueprints", CASCADE, CASCADE),
)


def _key_name(table: str, column: str, target: str) -> str:
    return f"fk_{table}_{column}_{target}"


def _on_delete(action: str | None) -> str:
    return f" ON DELETE {action}" if action else ""


def _drop_keys() -> None:
    for table, column, target, _was, _now in KEYS:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_key_name(table, column, target)}")


def upgrade() -> None:
    # Built beside the old ones without blocking writes (an index a failed build left is rebuilt).
    with op.get_context().autocommit_block():
        for table in KEYED:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS pk_{table}_next")
            op.execute(f"CREATE UNIQUE INDEX CONCURRENTLY pk_{table}_next ON {table} (tenant_id, id)")
        for name, table, _, columns in UNIQUES:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}_next")
            op.execute(f"CREATE UNIQUE INDEX CONCURRENTLY {name}_next ON {table} ({columns})")
    # The swap: catalog changes only, under short locks; it gives up rather than queue behind a
    # long transaction with every writer of these tables waiting behind it (run it again later).
    op.execute("SET LOCAL lock_timeout = '10s'")
    _drop_keys()
    for table in KEYED:
        op.execute(
            f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}, "
            f"ADD CONSTRAINT pk_{table} PRIMARY KEY USING INDEX pk_{table}_next"
        )
    for name, table, _, _ in UNIQUES:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}, ADD CONSTRAINT {name} UNIQUE USING INDEX {name}_next")
    for table, column, target, _was, after in KEYS:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {_key_name(table, column, target)} "
            f"FOREIGN KEY (tenant_id, {column}) REFERENCES {target} (tenant_id, id){_on_delete(after)} NOT VALID"
        )
    # Checking the rows takes no lock that stops writers.
    with op.get_context().autocommit_block():
        for table, column, target, _was, _now in KEYS:
            op.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {_key_name(table, column, target)}")


def downgrade() -> None:
    _drop_keys()
    for table in KEYED:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}, ADD CONSTRAINT pk_{table} PRIMARY KEY (id)")
    for name, table, columns, _ in UNIQUES:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}, ADD CONSTRAINT {name} UNIQUE ({columns})")
    for table, column, target, before, _now in KEYS:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {_key_name(table, column, target)} "
            f"FOREIGN KEY ({column}) REFERENCES {target} (id){_on_delete(before)}"
        )
