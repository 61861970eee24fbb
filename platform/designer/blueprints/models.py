"""Blueprints (with their draft) and their immutable published versions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantScoped, Timestamped
from core.distribution import tenant_foreign_key
from core.ids import new_id


class Blueprint(Timestamped, TenantScoped, Base):
    """One kind of business record in a tenant: a name, a key, a draft and its versions."""

    __tablename__ = "blueprints"
    __table_args__ = (
        Index(
            "uq_blueprints_tenant_key_live",
            "tenant_id",
            "key",
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "uq_blueprints_tenant_name_live",
            "tenant_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # Cleared by the purge before its versions go (runtime.trash.operations): no SET NULL on Citus.
        tenant_foreign_key("blueprints", "current_version_id", "blueprint_versions", use_alter=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    key: Mapped[str] = mapped_column(String(63))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    draft_columns: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    draft_form: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    draft_changed: Mapped[bool] = mapped_column(default=True, server_default="true")
    current_version_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    lock_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # People may edit by hand the fields its published flows write (otherwise only the flow does).
    flow_fields_editable: Mapped[bool] = mapped_column(default=False, server_default="false")

    # By id alone, as the mapper knows a version (core.db.TenantScoped); the key itself is composite.
    current_version: Mapped[BlueprintVersion | None] = relationship(
        primaryjoin="Blueprint.current_version_id == BlueprintVersion.id", foreign_keys=[current_version_id]
    )

    __mapper_args__ = {"version_id_col": lock_version}


class BlueprintVersion(TenantScoped, Base):
    """A published, immutable snapshot of a blueprint's columns and form."""

    __tablename__ = "blueprint_versions"
    __table_args__ = (
        UniqueConstraint("tenant_id", "blueprint_id", "number", name="uq_blueprint_versions_blueprint_number"),
        tenant_foreign_key("blueprint_versions", "blueprint_id", "blueprints", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    blueprint_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    number: Mapped[int] = mapped_column(Integer)
    columns: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    form: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
