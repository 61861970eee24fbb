"""How the schema would be spread over a Citus cluster: by tenant, with a few global tables.

Every tenant-owned table is *distributed* by ``tenant_id`` (the distribution column): tenant_id
leads its primary key, is part of every unique constraint and unique index, and of every foreign
key to another tenant-owned table, so a tenant's rows of all tables sit on one node (colocated)
and the joins between them stay there. The tables below are *reference* tables instead, copied
whole to every node: they hold no tenant's data, or all tenants' at once. A reference table has
no foreign key to a distributed table. docs/decisions/0023-citus-ready-keys.md says why, and
tests/core/test_citus_ready.py checks the models and the migrated schema against these rules.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import ForeignKeyConstraint, Index, func, text

DISTRIBUTION_COLUMN: Final = "tenant_id"

REFERENCE_TABLES: Final[frozenset[str]] = frozenset(
    {
        # Who signs in, and the system roles: every workspace refers to them.
        "users",
        "roles",
        "roles_users",
        "refresh_trackers",
        "social_identities",
        # The workspaces themselves: every distributed table's tenant_id refers to this one.
        "tenants",
        # Rows with no workspace or any workspace (tenant_id may be null): the jobs table (a
        # workspace deletion's job outlives it), the audit log (admin actions outside any
        # workspace) and the mail outbox (mail to people, not to workspaces).
        "jobs",
        "audit_events",
        "mail_outbox",
    }
)

# Alembic's own bookkeeping: in the migrated database, neither distributed nor a reference table.
MIGRATION_TABLES: Final[frozenset[str]] = frozenset({"alembic_version"})


def tenant_foreign_key(table: str, column: str, target: str, **options: Any) -> ForeignKeyConstraint:
    """The foreign key (tenant_id, ``column``) -> ``target`` (tenant_id, id) of ``table``.

    Named as the one-column key it replaces (``fk_<table>_<column>_<target>``). ``options`` go to
    the constraint (``ondelete="CASCADE"``); Citus takes no SET NULL or SET DEFAULT here (it would
    touch the distribution column's key), so such keys say NO ACTION and the code clears them.
    """
    return ForeignKeyConstraint(
        [DISTRIBUTION_COLUMN, column],
        [f"{target}.{DISTRIBUTION_COLUMN}", f"{target}.id"],
        name=f"fk_{table}_{column}_{target}",
        **options,
    )


def unique_per_tenant_ignoring_case(name: str, column: str, where: str) -> Index:
    """A unique index on (tenant_id, lower(``column``)) over the rows ``where`` holds: ``column`` is
    unique in its workspace whatever the case (core.migrations.ddl's function of the same name
    creates it)."""
    return Index(name, DISTRIBUTION_COLUMN, func.lower(text(column)), unique=True, postgresql_where=text(where))
