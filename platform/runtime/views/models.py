"""Saved views: a person's named filter, sort and visible columns for one blueprint's grid."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped, Timestamped
from core.distribution import tenant_foreign_key
from core.ids import new_id


class SavedView(Timestamped, TenantScoped, Base):
    __tablename__ = "saved_views"
    __table_args__ = (
        UniqueConstraint("tenant_id", "user_id", "blueprint_id", "name", name="uq_saved_views_user_blueprint_name"),
        tenant_foreign_key("saved_views", "blueprint_id", "blueprints", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    blueprint_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(80))
    config: Mapped[dict[str, Any]] = mapped_column(JSONB)
