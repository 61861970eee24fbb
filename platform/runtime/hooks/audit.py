"""The audit log's rows about hook endpoints."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.audit.operations import Target, record
from runtime.hooks.models import HookEndpoint


def audit_endpoint(
    db_session: Session, actor_id: int | None, action: str, endpoint: HookEndpoint, **details: Any
) -> None:
    """One audit row about ``endpoint``, named by its URL; ``actor_id`` None: Loom's own decision."""
    record(
        db_session,
        action,
        tenant_id=endpoint.tenant_id,
        actor_id=actor_id,
        target=Target("hook", endpoint.id, endpoint.url),
        details=details,
    )
