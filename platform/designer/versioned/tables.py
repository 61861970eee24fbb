"""The indexes, constraints and relationship that a blueprint and a flow, and their published
versions, declare alike (their shared columns: designer.versioned.models)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKeyConstraint, Index, UniqueConstraint, text
from sqlalchemy.orm import Relationship, relationship

from core.distribution import tenant_foreign_key, unique_per_tenant_ignoring_case


def live_unique_indexes(table: str) -> tuple[Index, Index]:
    """A live definition's key, and its name in any case, are unique in its workspace; those in the
    Trash free theirs."""
    return (
        Index(
            f"uq_{table}_tenant_key_live", "tenant_id", "key", unique=True, postgresql_where=text("deleted_at IS NULL")
        ),
        unique_per_tenant_ignoring_case(f"uq_{table}_tenant_name_live", "name", "deleted_at IS NULL"),
    )


def current_version_of(definition: str, version: str) -> Relationship[Any]:
    """The ``definition`` class's current version, a ``version`` object: by id alone, as the mapper
    knows a version (core.db.TenantScoped); the key itself is composite."""
    return relationship(
        primaryjoin=f"{definition}.current_version_id == {version}.id", foreign_keys=f"{definition}.current_version_id"
    )


def version_table_args(table: str, owner: str, owners_table: str) -> tuple[UniqueConstraint, ForeignKeyConstraint]:
    """A published version's number is unique among its ``owner``'s versions, which go with it."""
    return (
        UniqueConstraint("tenant_id", f"{owner}_id", "number", name=f"uq_{table}_{owner}_number"),
        tenant_foreign_key(table, f"{owner}_id", owners_table, ondelete="CASCADE"),
    )
