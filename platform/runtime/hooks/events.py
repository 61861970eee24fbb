"""From a domain event to a hook message, inside the business transaction (the outbox).

``on_event`` runs for every event (``runtime.subscribers``). It asks one indexed question, "which
enabled endpoints of this workspace want this event?", and when there are some it adds one
``hook_messages`` row holding the exact body every endpoint will receive and the endpoints it is
for. Deliveries (one per endpoint) are made after commit by the fan-out task, so the business
transaction pays for one query and one row however many endpoints listen, and a workspace
without hooks pays for one index lookup. A rolled-back change leaves no message; a committed
one is fanned out even if the broker was down at commit (the sweep finds it).
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from core import clock
from core.dispatch import after_commit
from core.events import DomainEvent
from core.identity.models import Tenant
from core.ids import new_id
from runtime.hooks.catalogue import ENVELOPE_VERSION
from runtime.hooks.models import HookEndpoint, HookMessage

log = logging.getLogger(__name__)
DISPATCH_TASK = "hooks.dispatch_message"
DEFAULT_MAX_BYTES = 256 * 1024


def wanted_by(event: DomainEvent) -> list[ColumnElement[bool]]:
    """The endpoint conditions for ``event``: enabled, its type, its blueprint, its changed fields."""
    conditions: list[ColumnElement[bool]] = [
        HookEndpoint.tenant_id == event.tenant_id,
        HookEndpoint.enabled.is_(True),
        HookEndpoint.event_types.contains([event.type]),
    ]
    if event.blueprint_id is not None:
        conditions.append(
            or_(HookEndpoint.blueprint_ids.is_(None), HookEndpoint.blueprint_ids.contains([event.blueprint_id]))
        )
    if event.type == "record.updated":
        changed = list(event.changed)
        conditions.append(
            or_(HookEndpoint.changed_fields.is_(None), HookEndpoint.changed_fields.overlap(changed))
            if changed
            else HookEndpoint.changed_fields.is_(None)
        )
    return conditions


def on_event(db_session: Session, event: DomainEvent) -> None:
    """Write the event's hook message when an endpoint wants it; fan out after commit."""
    endpoint_ids = list(
        db_session.scalars(select(HookEndpoint.id).where(*wanted_by(event)).execution_options(all_tenants=True))
    )
    if not endpoint_ids:
        return
    tenant = db_session.get(Tenant, event.tenant_id)
    if tenant is None:  # the workspace is being deleted in this very transaction
        return
    write_message(
        db_session,
        tenant,
        event.type,
        event.at,
        event.actor,
        event.data,
        endpoint_ids,
        blueprint_id=event.blueprint_id,
    )


def write_message(
    db_session: Session,
    tenant: Tenant,
    event_type: str,
    at: datetime,
    actor: dict[str, Any],
    data: dict[str, Any],
    endpoint_ids: list[uuid.UUID],
    *,
    blueprint_id: uuid.UUID | None = None,
) -> HookMessage:
    """Add one message for ``endpoint_ids`` and hand it to the fan-out once the transaction commits."""
    message = HookMessage(
        id=new_id(),
        tenant_id=tenant.id,
        event_type=event_type,
        occurred_at=at,
        created_at=clock.now(),
        body=body_of(tenant, event_type, at, actor, data),
        endpoint_ids=endpoint_ids,
        blueprint_id=blueprint_id,
    )
    db_session.add(message)
    after_commit(db_session, DISPATCH_TASK, str(tenant.id), str(message.id))
    log.debug("hook message written", extra={"tenant_id": str(tenant.id), "event_type": event_type})
    return message


def body_of(tenant: Tenant, event_type: str, at: datetime, actor: dict[str, Any], data: dict[str, Any]) -> str:
    """The envelope as JSON text, within LOOM_HOOKS_MAX_PAYLOAD_BYTES (a summary with links above it)."""
    envelope: dict[str, Any] = {
        "type": event_type,
        "version": ENVELOPE_VERSION,
        "timestamp": at.isoformat().replace("+00:00", "Z"),
        "tenant": {"id": str(tenant.id), "slug": tenant.slug},
        "actor": {key: value for key, value in actor.items() if key in ("type", "user_id", "id", "name")},
        "data": data,
    }
    body = _dumps(envelope)
    limit = current_app.config["LOOM"].hooks_max_payload_bytes if has_app_context() else DEFAULT_MAX_BYTES
    if len(body.encode()) > limit:
        envelope["data"] = summary(tenant, data, limit)
        body = _dumps(envelope)
    return body


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def summary(tenant: Tenant, data: dict[str, Any], limit: int) -> dict[str, Any]:
    """What replaces data too large to send: the ids it names, and where to fetch the record."""
    found: dict[str, Any] = {"truncated": True, "reason": f"The event's data is larger than {limit} bytes."}
    for key, value in data.items():
        if isinstance(value, dict) and "id" in value:
            found[key] = {k: value[k] for k in ("id", "key", "blueprint", "blueprint_id", "version") if k in value}
        elif key == "id" or key.endswith("_id") or isinstance(value, int | bool):
            found[key] = value
    record = data.get("record")
    if isinstance(record, dict) and "id" in record and has_app_context():
        base = current_app.config["LOOM"].base_url
        found["href"] = f"{base}/api/tenants/{tenant.slug}/entities/{record['id']}"
    if "changes" in data and isinstance(data["changes"], list):
        found["changed_fields"] = [c.get("field") for c in data["changes"] if isinstance(c, dict)]
    return found
