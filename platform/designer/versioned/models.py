"""The columns a blueprint and a flow share, and those their published versions share."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, Relationship, mapped_column, relationship

from core.distribution import tenant_foreign_key


def live_unique_indexes(table: str) -> tuple[Index, Index]:
    """A live definition's key, and its name in any case, are unique in its workspace; those in the
    Trash free theirs."""
    return (
        Index(
            f"uq_{table}_tenant_key_live", "tenant_id", "key", unique=True, postgresql_where=text("deleted_at IS NULL")
        ),
        Index(
            f"uq_{table}_tenant_name_live",
            "tenant_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
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


class VersionedDefinition:
    """The columns a blueprint and a flow share. ``id`` (which core.db.TenantScoped looks for in the
    class itself), ``lock_version`` (the mapper's version counter, named there too) and the draft's
    content stay with each."""

    if TYPE_CHECKING:  # declared by each class itself (see above), and read by designer.versioned.operations
        id: Mapped[uuid.UUID]
        lock_version: Mapped[int]

    key: Mapped[str] = mapped_column(String(63))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    draft_changed: Mapped[bool] = mapped_column(default=True, server_default="true")
    current_version_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PublishedVersion:
    """A published, immutable version's number and who published it when (its ``id`` is in the
    class itself, as for ``VersionedDefinition``)."""

    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
