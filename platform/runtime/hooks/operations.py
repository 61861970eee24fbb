"""Use cases for a workspace's hooks: endpoints, secrets, test events and replays.

Each one flushes and never commits (the request commits once), and writes its audit row in
the same transaction. URLs are checked against the SSRF rules when saved (and again at every
attempt, since DNS answers change). Secrets are returned in clear only by ``create_endpoint``
and ``rotate_secret``, which the API shows once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import Target, record, record_by_member
from core.delivery import replay, replay_failed
from core.dispatch import after_commit
from core.errors import Conflict, Invalid
from core.events import current_actor
from core.identity.models import Membership, Tenant
from core.ids import new_id
from designer.blueprints.models import Blueprint
from runtime.hooks import crypto, ssrf
from runtime.hooks.audit import audit_endpoint
from runtime.hooks.catalogue import TEST_EVENT
from runtime.hooks.events import DISPATCH_TASK, add_message
from runtime.hooks.health import close_open_deliveries
from runtime.hooks.models import SOURCE_APP, HookDelivery, HookEndpoint, HookMessage
from runtime.hooks.signing import ROTATION_OVERLAP

REPLAY_LIMIT = 10_000
SWEEP_TASK = "hooks.sweep"


def check_url(url: str, resolver: ssrf.Resolver = ssrf.resolve) -> str:
    """The URL when hooks may call it; 422 on ``url`` naming why not."""
    try:
        ssrf.check(url, current_app.config["LOOM"], resolver)
    except ssrf.Refused as exc:
        raise Invalid({"url": [str(exc)]}) from exc
    return url


def blueprint_ids(db_session: Session, keys: list[str] | None) -> list[uuid.UUID] | None:
    """The ids of the live blueprints ``keys`` (None: every blueprint); 422 naming unknown keys."""
    if keys is None:
        return None
    rows = db_session.execute(
        select(Blueprint.key, Blueprint.id).where(Blueprint.key.in_(keys), Blueprint.deleted_at.is_(None))
    )
    found = {row[0]: row[1] for row in rows}
    missing = [key for key in keys if key not in found]
    if missing:
        raise Invalid({"blueprints": [f"No blueprint {', '.join(repr(k) for k in missing)} here."]})
    return [found[key] for key in dict.fromkeys(keys)]


def _audit(db_session: Session, actor: Membership, action: str, endpoint: HookEndpoint, **details: Any) -> None:
    audit_endpoint(db_session, actor.user_id, action, endpoint, **details)


def create_endpoint(db_session: Session, actor: Membership, data: dict[str, Any]) -> tuple[HookEndpoint, str]:
    """A new endpoint and its secret (in clear, to be shown once)."""
    secret = crypto.new_secret()
    headers = data.get("headers") or {}
    endpoint = HookEndpoint(
        id=new_id(),
        tenant_id=actor.tenant_id,
        url=check_url(data["url"]),
        description=data.get("description") or "",
        event_types=list(dict.fromkeys(data["event_types"])),
        blueprint_ids=blueprint_ids(db_session, data.get("blueprints")),
        changed_fields=_fields(data.get("changed_fields")),
        enabled=data.get("enabled", True),
        source=data.get("source", SOURCE_APP),
        secret=crypto.encrypt(secret),
        headers=crypto.encrypt_headers(headers),
        header_names=sorted(headers),
        created_by=actor.user_id,
        failure_streak=0,
        rate_window_count=0,
    )
    db_session.add(endpoint)
    db_session.flush()
    _audit(db_session, actor, "hook.created", endpoint, event_types=endpoint.event_types)
    return endpoint, secret


def _fields(value: list[str] | None) -> list[str] | None:
    return list(dict.fromkeys(value)) if value else None


def update_endpoint(db_session: Session, actor: Membership, endpoint: HookEndpoint, data: dict[str, Any]) -> None:
    """Change what ``data`` names; turning an endpoint back on clears its disabled reason and streak."""
    changed = sorted(data)
    if "url" in data and data["url"] != endpoint.url:
        endpoint.url = check_url(data["url"])
    if "description" in data:
        endpoint.description = data["description"] or ""
    if "event_types" in data:
        endpoint.event_types = list(dict.fromkeys(data["event_types"]))
    if "blueprints" in data:
        endpoint.blueprint_ids = blueprint_ids(db_session, data["blueprints"])
    if "changed_fields" in data:
        endpoint.changed_fields = _fields(data["changed_fields"])
    if "headers" in data:
        headers = data["headers"] or {}
        endpoint.headers = crypto.encrypt_headers(headers)
        endpoint.header_names = sorted(headers)
    if "enabled" in data:
        _set_enabled(db_session, endpoint, data["enabled"], "Turned off by a person.")
    endpoint.updated_at = clock.now()
    db_session.flush()
    _audit(db_session, actor, "hook.updated", endpoint, fields=changed)


def _set_enabled(db_session: Session, endpoint: HookEndpoint, enabled: bool, reason: str) -> bool:
    """Turn the endpoint on (clearing its disabled reason and streak) or off (dead-lettering what
    still waits for it, with ``reason``); whether anything changed."""
    if enabled == endpoint.enabled:
        return False
    now = clock.now()
    endpoint.enabled = enabled
    if enabled:
        endpoint.disabled_reason = endpoint.disabled_at = endpoint.failing_since = None
        endpoint.failure_streak = 0
    else:
        endpoint.disabled_reason, endpoint.disabled_at = reason, now
        close_open_deliveries(db_session, endpoint, now, "The endpoint was turned off.")
    return True


def delete_endpoint(db_session: Session, actor: Membership, endpoint: HookEndpoint) -> None:
    """Delete the endpoint with its deliveries and their log (messages stay for the others)."""
    _audit(db_session, actor, "hook.deleted", endpoint)
    db_session.delete(endpoint)
    db_session.flush()


def admin_set_enabled(db_session: Session, admin_id: int, endpoint: HookEndpoint, enabled: bool) -> None:
    """A super admin turns the endpoint off or back on (the session scoped to its workspace);
    audited in the workspace's log as ``hook.updated``, the request marking the actor "admin"."""
    if _set_enabled(db_session, endpoint, enabled, "Turned off by a Loom administrator."):
        endpoint.updated_at = clock.now()
        db_session.flush()
    audit_endpoint(db_session, admin_id, "hook.updated", endpoint, fields=["enabled"], enabled=enabled)


def admin_delete(db_session: Session, admin_id: int, endpoint: HookEndpoint) -> None:
    """A super admin deletes the endpoint (as ``delete_endpoint``); audited in its workspace's log."""
    audit_endpoint(db_session, admin_id, "hook.deleted", endpoint)
    db_session.delete(endpoint)
    db_session.flush()


def rotate_secret(db_session: Session, actor: Membership, endpoint: HookEndpoint) -> tuple[str, datetime]:
    """A new secret; the current one keeps signing too for 24 hours. The new one in clear, and
    when the old one stops."""
    secret = crypto.new_secret()
    until = clock.now() + ROTATION_OVERLAP
    endpoint.previous_secret, endpoint.previous_secret_until = endpoint.secret, until
    endpoint.secret = crypto.encrypt(secret)
    db_session.flush()
    _audit(db_session, actor, "hook.secret_rotated", endpoint)
    return secret, until


def send_test(db_session: Session, actor: Membership, endpoint: HookEndpoint) -> uuid.UUID:
    """A ``hook.test`` message to this endpoint only, sent after commit like any other; its id."""
    if not endpoint.enabled:
        raise Conflict("Turn the endpoint on before sending it a test event.")
    tenant = db_session.get(Tenant, endpoint.tenant_id)
    assert tenant is not None
    data = {"message": "This is a test event from Loom.", "endpoint_id": str(endpoint.id)}
    message_id = add_message(
        db_session, tenant.id, tenant.slug, TEST_EVENT, clock.now(), current_actor(actor.user_id), data, [endpoint.id]
    )
    _audit(db_session, actor, "hook.tested", endpoint, message_id=str(message_id))
    return message_id


def replay_message(db_session: Session, actor: Membership, message: HookMessage, endpoint: HookEndpoint | None) -> int:
    """Send ``message`` again to each of its endpoints, or to ``endpoint`` (even one that joined
    later); how many deliveries start again. One in flight right now is left alone."""
    now = clock.now()
    query = select(HookDelivery).where(HookDelivery.message_id == message.id).with_for_update()
    if endpoint is not None:
        if not endpoint.enabled:
            raise Conflict("Turn the endpoint on before replaying to it.")
        query = query.where(HookDelivery.endpoint_id == endpoint.id)
    deliveries = list(db_session.scalars(query))
    count = sum(1 for delivery in deliveries if replay(delivery, now))
    if endpoint is not None and not deliveries:
        db_session.add(
            HookDelivery(
                id=new_id(),
                tenant_id=message.tenant_id,
                message_id=message.id,
                endpoint_id=endpoint.id,
                event_type=message.event_type,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
        count = 1
    db_session.flush()
    after_commit(db_session, DISPATCH_TASK, str(message.tenant_id), str(message.id))
    record(
        db_session,
        "hook.replayed",
        tenant_id=message.tenant_id,
        actor_id=actor.user_id,
        target=Target("hook_message", message.id, message.event_type),
        details={"deliveries": count, "endpoint_id": str(endpoint.id) if endpoint else None},
    )
    return count


def replay_failed_since(
    db_session: Session, actor: Membership, since: datetime, endpoint: HookEndpoint | None
) -> tuple[int, bool]:
    """Replay every dead letter created since ``since`` (of one endpoint, or all); how many, and
    whether more remain (at most 10,000 per call)."""
    criteria = [HookDelivery.tenant_id == actor.tenant_id]
    if endpoint is not None:
        criteria.append(HookDelivery.endpoint_id == endpoint.id)
    if endpoint is not None and not endpoint.enabled:
        raise Conflict("Turn the endpoint on before replaying to it.")
    if endpoint is None:
        # Deliveries of disabled endpoints stay dead letters until their endpoint is on again.
        enabled = select(HookEndpoint.id).where(HookEndpoint.enabled.is_(True))
        criteria.append(HookDelivery.endpoint_id.in_(enabled))
    count = replay_failed(db_session, HookDelivery, *criteria, since=since, now=clock.now(), limit=REPLAY_LIMIT)
    if count:
        after_commit(db_session, SWEEP_TASK)
    target = Target("hook", endpoint.id, endpoint.url) if endpoint else None
    record_by_member(db_session, actor, "hook.replayed", target, {"since": since.isoformat(), "deliveries": count})
    return count, count >= REPLAY_LIMIT
