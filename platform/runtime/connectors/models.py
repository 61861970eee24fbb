"""``connector_calls``: one row per connector step a flow instance reached, and its delivery.

A row is written in the transaction of the step that left the instance waiting on the connector
(runtime/flows/steps.py), so a call exists exactly when the committed instance waits for it. Its
retries, lease and outcome are core.delivery's bookkeeping; the instance moves on in the
transaction that records the outcome (runtime/connectors/operations.py).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Index, String, UniqueConstraint, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped
from core.delivery import DeliveryState
from core.distribution import tenant_foreign_key
from core.ids import new_id


class ConnectorCall(DeliveryState, TenantScoped, Base):
    """A connector step's request (rendered from the record when the step was reached) and outcome."""

    __tablename__ = "connector_calls"
    __table_args__ = (
        UniqueConstraint("tenant_id", "instance_id", "task_id", name="uq_connector_calls_instance_task"),
        Index(
            "ix_connector_calls_due", "next_attempt_at", postgresql_where=text("status IN ('pending', 'delivering')")
        ),
        tenant_foreign_key("connector_calls", "instance_id", "flow_instances", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    instance_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    task_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    element: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    request: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # What the last attempt got: {"status": HTTP status, "body": the start of the answer} or the email's id.
    response: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
