"""The columns a blueprint and a flow share, and those their published versions share (their
indexes, constraints and relationship: designer.versioned.tables)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column


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
