"""Hooks as the API shows them: dicts the response schemas dump, secrets never included."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy.orm import Session

from core import clock
from runtime.hooks import queries
from runtime.hooks.models import HookDelivery, HookEndpoint, HookMessage
from runtime.hooks.signing import webhook_id


def endpoint_views(
    db_session: Session, endpoints: list[HookEndpoint], *, with_tenant: bool = False
) -> list[dict[str, Any]]:
    keys = queries.blueprint_keys(db_session, endpoints)
    slugs = queries.slugs(db_session, {e.tenant_id for e in endpoints}) if with_tenant else {}
    now = clock.now()
    return [
        {
            "id": e.id,
            "url": e.url,
            "description": e.description,
            "event_types": e.event_types,
            "blueprints": None if e.blueprint_ids is None else [keys.get(b, str(b)) for b in e.blueprint_ids],
            "changed_fields": e.changed_fields,
            "enabled": e.enabled,
            "disabled_reason": e.disabled_reason,
            "disabled_at": e.disabled_at,
            "header_names": e.header_names,
            "source": e.source,
            "previous_secret_until": (
                e.previous_secret_until if e.previous_secret_until and e.previous_secret_until > now else None
            ),
            "health": {
                "last_attempt_at": e.last_attempt_at,
                "last_success_at": e.last_success_at,
                "last_status_code": e.last_status_code,
                "failure_streak": e.failure_streak,
                "failing_since": e.failing_since,
            },
            "created_at": e.created_at,
            "updated_at": e.updated_at,
            **({"tenant": slugs.get(e.tenant_id)} if with_tenant else {}),
        }
        for e in endpoints
    ]


def delivery_views(
    db_session: Session, deliveries: list[HookDelivery], *, with_tenant: bool = False
) -> list[dict[str, Any]]:
    slugs: dict[uuid.UUID, str] = {}
    if with_tenant:
        slugs = queries.slugs(db_session, {d.tenant_id for d in deliveries})
    return [
        {
            **{
                name: getattr(d, name)
                for name in (
                    "id",
                    "message_id",
                    "endpoint_id",
                    "event_type",
                    "attempts",
                    "next_attempt_at",
                    "last_attempt_at",
                    "finished_at",
                    "last_status_code",
                    "last_error",
                    "created_at",
                )
            },
            "status": d.status.value,
            **({"tenant": slugs.get(d.tenant_id)} if with_tenant else {}),
        }
        for d in deliveries
    ]


def message_view(db_session: Session, message: HookMessage, deliveries: list[HookDelivery]) -> dict[str, Any]:
    return {
        "id": message.id,
        "webhook_id": webhook_id(message.id),
        "event_type": message.event_type,
        "occurred_at": message.occurred_at,
        "created_at": message.created_at,
        "payload": json.loads(message.body),
        "deliveries": delivery_views(db_session, deliveries),
    }
