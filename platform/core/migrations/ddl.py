"""The DDL building blocks the revisions in ``versions/`` share: a tenant table's key columns and
constraints, foreign keys named by Loom's convention, the timestamp columns, one index per column,
partial indexes.

Released revisions call these functions, so what each one emits is part of the schema's history:
never change what a function emits (columns, types, defaults, nullability, names, the order of
the columns). A revision that needs something else gets a new function beside the old ones.

Each table's own columns stay written out in its revision. Going down, ``op.drop_table`` alone
drops a table: its indexes and constraints go with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql.elements import ColumnElement, TextClause
from sqlalchemy.sql.schema import SchemaItem

IndexColumn = str | TextClause | ColumnElement[Any]


def tenant_id(*, nullable: bool = False) -> sa.Column[Any]:
    """The workspace a row belongs to."""
    return sa.Column("tenant_id", sa.Uuid(), nullable=nullable)


def tenant_foreign_key(table: str) -> sa.ForeignKeyConstraint:
    """``fk_<table>_tenant_id_tenants``: a workspace's rows go with it."""
    return foreign_key(table, "tenant_id", "tenants", ondelete="CASCADE")


def tenant_scoped(table: str) -> list[SchemaItem]:
    """A tenant table made before revision 0018: ``tenant_id``, its last column, with the foreign key
    to the workspace, and the primary key ``pk_<table>`` on ``id`` alone (revision 0027 puts
    tenant_id in it)."""
    return [tenant_id(), tenant_foreign_key(table), sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))]


def tenant_keyed(table: str) -> list[SchemaItem]:
    """A tenant table since revision 0018: ``tenant_id`` and ``id``, its first columns, with the
    primary key ``pk_<table>`` on both and the foreign key to the workspace."""
    return [
        tenant_id(),
        sa.Column("id", sa.Uuid(), nullable=False),
        tenant_foreign_key(table),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f(f"pk_{table}")),
    ]


def foreign_key(table: str, column: str, target: str, *, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    """``fk_<table>_<column>_<target>``: ``column`` refers to ``target.id``."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def tenant_foreign_key_to(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """``fk_<table>_tenant_id_<target>``: (tenant_id, ``column``) refers to a tenant-keyed ``target``
    (ON DELETE CASCADE)."""
    return sa.ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target}.tenant_id", f"{target}.id"],
        name=op.f(f"fk_{table}_tenant_id_{target}"),
        ondelete="CASCADE",
    )


def add_foreign_key(table: str, column: str, target: str, *, ondelete: str | None = None) -> None:
    """Add ``fk_<table>_<column>_<target>`` to a table that exists: ``column`` refers to ``target.id``."""
    op.create_foreign_key(op.f(f"fk_{table}_{column}_{target}"), table, target, [column], ["id"], ondelete=ondelete)


def drop_foreign_key(table: str, column: str, target: str) -> None:
    """Drop what ``add_foreign_key`` added."""
    op.drop_constraint(op.f(f"fk_{table}_{column}_{target}"), table, type_="foreignkey")


def created_at() -> sa.Column[Any]:
    """When the row was made: timestamptz, NOT NULL, now() by default."""
    return sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def timestamps() -> list[sa.Column[Any]]:
    """``created_at`` and ``updated_at`` (core.db.Timestamped): timestamptz, NOT NULL, now() by default."""
    return [
        created_at(),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def stamp(name: str) -> sa.Column[Any]:
    """A nullable timestamptz column: when something happened, empty until it has."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def delivery_state() -> list[sa.Column[Any]]:
    """The columns of core.delivery.bookkeeping.DeliveryState: ``status`` (varchar(16), no native
    enum) and ``attempts``, when the next and the last attempt are, when the delivery finished, its
    last error, and ``created_at``."""
    return [
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        stamp("next_attempt_at"),
        stamp("last_attempt_at"),
        stamp("finished_at"),
        sa.Column("last_error", sa.Text(), nullable=True),
        created_at(),
    ]


def column_indexes(table: str, *columns: str) -> None:
    """One plain index per column, each named ``ix_<table>_<column>``."""
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def partial_index(name: str, table: str, columns: Sequence[IndexColumn], where: str, *, unique: bool = False) -> None:
    """An index on the rows ``where`` holds only."""
    op.create_index(name, table, list(columns), unique=unique, postgresql_where=sa.text(where))


def unique_per_tenant_ignoring_case(name: str, table: str, column: str, where: str) -> None:
    """``name``: in a workspace, a value of ``column``, whatever its case, belongs to one row of
    those ``where`` holds for."""
    partial_index(name, table, ["tenant_id", sa.text(f"lower({column})")], where, unique=True)


def live_key_and_name(table: str) -> None:
    """``uq_<table>_tenant_key_live`` and ``uq_<table>_tenant_name_live``: in a workspace, a key, and a
    name whatever its case, belong to one row that is not deleted (``deleted_at IS NULL``)."""
    partial_index(f"uq_{table}_tenant_key_live", table, ["tenant_id", "key"], "deleted_at IS NULL", unique=True)
    unique_per_tenant_ignoring_case(f"uq_{table}_tenant_name_live", table, "name", "deleted_at IS NULL")


def drop_enum(name: str) -> None:
    """Drop the enum type ``name`` if it is there (dropping its last table leaves the type behind)."""
    sa.Enum(name=name).drop(op.get_bind(), checkfirst=True)
