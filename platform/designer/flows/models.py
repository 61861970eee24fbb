"""Flows (with their draft diagram) and their immutable published versions."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Integer, Text, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped, Timestamped
from core.distribution import tenant_foreign_key
from core.ids import new_id
from designer.versioned.models import PublishedVersion, VersionedDefinition
from designer.versioned.tables import current_version_of, live_unique_indexes, version_table_args


class Flow(VersionedDefinition, Timestamped, TenantScoped, Base):
    """How records of one blueprint move: a BPMN diagram being drawn, and its published versions."""

    __tablename__ = "flows"
    __table_args__ = (
        *live_unique_indexes("flows"),
        tenant_foreign_key("flows", "blueprint_id", "blueprints", ondelete="CASCADE"),
        # Its versions go only with the flow itself (one statement): no SET NULL, which Citus refuses.
        tenant_foreign_key("flows", "current_version_id", "flow_versions", use_alter=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    blueprint_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    draft_xml: Mapped[str] = mapped_column(Text)
    # The decision tables the draft's business-rule tasks call: [{"id", "name", "xml"}] (DMN documents).
    draft_decisions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    lock_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    current_version: Mapped[FlowVersion | None] = current_version_of("Flow", "FlowVersion")

    __mapper_args__ = {"version_id_col": lock_version}


class FlowVersion(PublishedVersion, TenantScoped, Base):
    """A published, immutable diagram that instances run on."""

    __tablename__ = "flow_versions"
    __table_args__ = version_table_args("flow_versions", "flow", "flows")

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    flow_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    xml: Mapped[str] = mapped_column(Text)
    decisions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
