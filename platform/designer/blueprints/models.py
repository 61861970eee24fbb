"""Blueprints (with their draft) and their immutable published versions."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Integer, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped, Timestamped
from core.distribution import tenant_foreign_key
from core.ids import new_id
from designer.versioned.models import PublishedVersion, VersionedDefinition
from designer.versioned.tables import current_version_of, live_unique_indexes, version_table_args


class Blueprint(VersionedDefinition, Timestamped, TenantScoped, Base):
    """One kind of business record in a tenant: a name, a key, a draft and its versions."""

    __tablename__ = "blueprints"
    __table_args__ = (
        *live_unique_indexes("blueprints"),
        # Cleared by the purge before its versions go (runtime.trash.operations): no SET NULL on Citus.
        tenant_foreign_key("blueprints", "current_version_id", "blueprint_versions", use_alter=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    draft_columns: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    draft_form: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    lock_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # People may edit by hand the fields its published flows write (otherwise only the flow does).
    flow_fields_editable: Mapped[bool] = mapped_column(default=False, server_default="false")

    current_version: Mapped[BlueprintVersion | None] = current_version_of("Blueprint", "BlueprintVersion")

    __mapper_args__ = {"version_id_col": lock_version}


class BlueprintVersion(PublishedVersion, TenantScoped, Base):
    """A published, immutable snapshot of a blueprint's columns and form."""

    __tablename__ = "blueprint_versions"
    __table_args__ = version_table_args("blueprint_versions", "blueprint", "blueprints")

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    blueprint_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    columns: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    form: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
