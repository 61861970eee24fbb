"""From a domain event to a hook message, inside the business transaction (the outbox).

``on_event`` runs for every event (``runtime.subscribers``). The first event of a transaction
asks one indexed question, "which enabled endpoints does this workspace have, and what do they
want?", and the answer is kept for the rest of the transaction (``session.info``): a flow
transition announces three to five events and pays for one query, and a workspace without hooks
pays for one index lookup per transaction. When some endpoint wants the event, one
``hook_messages`` row holds the exact body every endpoint will receive and the endpoints it is
for. Deliveries (one per endpoint) are made after commit by the fan-out, so the business
transaction pays for one row however many endpoints listen, and after commit for one Redis push
that wakes the fan-out (runtime/hooks/wakeup.py), not for a Celery publish. A rolled-back change
leaves no message and wakes nobody; a committed one is fanned out even if that push was lost
(the sweep finds it).
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event as sa_event
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core import clock
from core.events import DomainEvent
from core.identity.models import Tenant
from core.ids import new_id
from runtime.hooks.catalogue import ENVELOPE_VERSION
from runtime.hooks.models import HookEndpoint, HookMessage
from runtime.hooks.wakeup import wake_after_commit

log = logging.getLogger(__name__)
DISPATCH_TASK = "hooks.dispatch_message"
DEFAULT_MAX_BYTES = 256 * 1024
_ENDPOINTS = "loom_hooks_endpoints"  # session.info: tenant id -> what its enabled endpoints want
_INSERT_MESSAGE = insert(HookMessage)


@dataclass(frozen=True)
class Listening:
    """An enabled endpoint's filters: event types, blueprints (None: all), changed fields (None: any)."""

    id: uuid.UUID
    event_types: frozenset[str]
    blueprint_ids: frozenset[uuid.UUID] | None
    changed_fields: frozenset[str] | None

    def wants(self, event: DomainEvent) -> bool:
        if event.type not in self.event_types:
            return False
        blueprints = self.blueprint_ids
        if event.blueprint_id is not None and blueprints is not None and event.blueprint_id not in blueprints:
            return False
        if event.type == "record.updated" and self.changed_fields is not None:
            return not self.changed_fields.isdisjoint(event.changed)
        return True


@dataclass(frozen=True)
class Workspace:
    """A workspace's slug (for the envelope) and its enabled endpoints."""

    slug: str
    endpoints: tuple[Listening, ...]


def listening(db_session: Session, tenant_id: uuid.UUID) -> Workspace | None:
    """The workspace's enabled endpoints, asked once per transaction; None when it has none."""
    cache: dict[uuid.UUID, Workspace | None] = db_session.info.setdefault(_ENDPOINTS, {})
    if tenant_id in cache:
        return cache[tenant_id]
    rows = db_session.execute(
        select(
            HookEndpoint.id,
            HookEndpoint.event_types,
            HookEndpoint.blueprint_ids,
            HookEndpoint.changed_fields,
            Tenant.slug,
        )
        .join(Tenant, Tenant.id == HookEndpoint.tenant_id)
        .where(HookEndpoint.tenant_id == tenant_id, HookEndpoint.enabled.is_(True))
        .execution_options(all_tenants=True)
    ).all()
    found = None
    if rows:
        endpoints = tuple(
            Listening(
                row.id,
                frozenset(row.event_types),
                None if row.blueprint_ids is None else frozenset(row.blueprint_ids),
                None if row.changed_fields is None else frozenset(row.changed_fields),
            )
            for row in rows
        )
        found = Workspace(rows[0].slug, endpoints)
    cache[tenant_id] = found
    return found


@sa_event.listens_for(Session, "after_flush")
def _endpoints_changed(db_session: Session, _context: Any) -> None:
    """An endpoint written in this transaction: ask again at the next event."""
    if _ENDPOINTS in db_session.info and any(
        isinstance(row, HookEndpoint) for row in chain(db_session.new, db_session.dirty, db_session.deleted)
    ):
        db_session.info.pop(_ENDPOINTS, None)


@sa_event.listens_for(Session, "after_commit")
@sa_event.listens_for(Session, "after_rollback")
@sa_event.listens_for(Session, "after_soft_rollback")
def _forget_endpoints(db_session: Session, *_: Any) -> None:
    db_session.info.pop(_ENDPOINTS, None)


def on_event(db_session: Session, event: DomainEvent) -> None:
    """Write the event's hook message when an endpoint wants it; fan out after commit."""
    workspace = listening(db_session, event.tenant_id)
    if workspace is None:
        return
    endpoint_ids = [endpoint.id for endpoint in workspace.endpoints if endpoint.wants(event)]
    if not endpoint_ids:
        return
    add_message(
        db_session,
        event.tenant_id,
        workspace.slug,
        event.type,
        event.at,
        event.actor,
        event.data,
        endpoint_ids,
        blueprint_id=event.blueprint_id,
    )


def add_message(
    db_session: Session,
    tenant_id: uuid.UUID,
    slug: str,
    event_type: str,
    at: datetime,
    actor: dict[str, Any],
    data: dict[str, Any],
    endpoint_ids: list[uuid.UUID],
    *,
    blueprint_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Add one message for ``endpoint_ids`` and wake the fan-out once the transaction commits; its id.

    Inserted at once, on the transaction's connection: one round trip, where adding it to the
    session costs a unit-of-work flush of its own at commit (the record was flushed before its
    event was announced, and the workspace row exists)."""
    message_id = new_id()
    row = {
        "id": message_id,
        "tenant_id": tenant_id,
        "event_type": event_type,
        "occurred_at": at,
        "created_at": clock.now(),
        "body": body_of(tenant_id, slug, event_type, at, actor, data),
        "endpoint_ids": endpoint_ids,
        "blueprint_id": blueprint_id,
        "fanned_out_at": None,
    }
    db_session.connection().execute(_INSERT_MESSAGE, row)
    wake_after_commit(db_session, tenant_id, message_id)
    return message_id


def body_of(
    tenant_id: uuid.UUID, slug: str, event_type: str, at: datetime, actor: dict[str, Any], data: dict[str, Any]
) -> str:
    """The envelope as JSON text, within LOOM_HOOKS_MAX_PAYLOAD_BYTES (a summary with links above it)."""
    envelope: dict[str, Any] = {
        "type": event_type,
        "version": ENVELOPE_VERSION,
        "timestamp": at.isoformat().replace("+00:00", "Z"),
        "tenant": {"id": str(tenant_id), "slug": slug},
        "actor": {key: value for key, value in actor.items() if key in ("type", "user_id", "id", "name")},
        "data": data,
    }
    body = _dumps(envelope)
    limit = current_app.config["LOOM"].hooks_max_payload_bytes if has_app_context() else DEFAULT_MAX_BYTES
    if len(body.encode()) > limit:
        envelope["data"] = summary(slug, data, limit)
        body = _dumps(envelope)
    return body


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def summary(slug: str, data: dict[str, Any], limit: int) -> dict[str, Any]:
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
        found["href"] = f"{base}/api/tenants/{slug}/entities/{record['id']}"
    if "changes" in data and isinstance(data["changes"], list):
        found["changed_fields"] = [c.get("field") for c in data["changes"] if isinstance(c, dict)]
    return found
