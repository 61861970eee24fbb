"""A flow's inbound hook: a URL that turns a request signed the Standard Webhooks way into a message.

Another system POSTs JSON to ``/api/hooks/inbound/<token>`` with ``webhook-id``,
``webhook-timestamp`` and ``webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">``
under the hook's ``whsec_`` secret, the same scheme Loom signs its own hooks with
(runtime/hooks/signing.py; the signature is made by the same library and compared in constant
time). A timestamp more than five minutes from the wall clock is refused, and so is a
``webhook-id`` the hook took within twice that window: once the timestamp has aged out, the
signature check refuses a replay by itself. Ids are remembered in PostgreSQL in the request's own
transaction, so a request that fails is never remembered and its sender may retry it, and two
copies sent at once are told apart by the primary key.

The token only finds the hook; the secret is what lets a request in. Any refusal before the
message is published keeps nothing. The body becomes the flow's message: the hook's name,
correlation keys and values picked from the body's members as configured (docs/hooks.md); only
the flow's own records take it (its source, ``hook:<flow key>``, says so to the routing).
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from limits import parse_many
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from core import clock
from core.audit.operations import record_definition
from core.db import set_tenant_scope
from core.errors import Conflict, Invalid, NotFound, Problem
from core.identity.models import Membership
from core.identity.principal import Unauthorized
from designer.flows.models import Flow
from engine.flows.messages import caught
from runtime.api.guard import first_bad_text, json_depth_exceeds
from runtime.auth.limits import EXTENSION, TooManyRequests
from runtime.flows.engine import parsed
from runtime.hooks.crypto import decrypt, encrypt, new_secret
from runtime.messages.inbound_models import FlowInboundHook, InboundReceipt
from runtime.messages.models import MESSAGE, hook_source
from runtime.messages.operations import PublishResult, publish
from runtime.messages.schemas import member_errors

log = logging.getLogger(__name__)
TOLERANCE = timedelta(minutes=5)
REMEMBER = 2 * TOLERANCE  # a timestamp up to TOLERANCE ahead stays acceptable for this long
MAX_SIGNATURES = 10
MAX_WEBHOOK_ID = 255
TOKEN_BYTES = 32
MAX_TOKEN = 64
NO_HOOK = "No inbound hook at this address: it was deleted, or the address is incomplete."
MISSING = "Send the webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks)."
BAD_TIMESTAMP = "The webhook-timestamp must be whole seconds since 1970-01-01 UTC."
STALE = (
    "The webhook-timestamp is more than 5 minutes away from the current time; "
    "sign each request when you send it and check the sender's clock."
)
BAD_SIGNATURE = (
    "The webhook-signature does not match: sign 'webhook-id.webhook-timestamp.body' with HMAC-SHA256 under "
    "the secret shown when this hook was made or its secret last renewed, and send it as v1,<base64>."
)
REPLAYED = "This webhook-id was taken already; nothing was done again. Send a new request with a new webhook-id."
ALREADY = "This flow has an inbound hook already; renew its secret or delete it first."
UNPUBLISHED = "Publish the flow first: its published diagram says which messages it waits for."
NO_CATCH = "add a message start, catch event or receive task with this name, publish, then make the hook."


class TooLarge(Problem):
    status = 413
    title = "Request body too large"


class TooManyHookRequests(TooManyRequests):
    """Over LOOM_RATE_LIMIT_INBOUND_HOOK for one hook."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        unit = "second" if wait == 1 else "seconds"
        self.detail = f"Too many requests to this inbound hook. Try again in {wait} {unit}."


def hook_url(hook: FlowInboundHook) -> str:
    return f"{current_app.config['LOOM'].base_url.rstrip('/')}/api/hooks/inbound/{hook.token}"


def get_hook(db_session: Session, flow: Flow) -> FlowInboundHook:
    found = db_session.scalars(select(FlowInboundHook).where(FlowInboundHook.flow_id == flow.id)).first()
    if found is None:
        raise NotFound(f"The flow {flow.name} has no inbound hook.")
    return found


def _audit(db_session: Session, actor: Membership, action: str, flow: Flow) -> None:
    record_definition(db_session, f"inbound_hook.{action}", "flow", flow, actor.user_id)


def message_names(db_session: Session, flow: Flow) -> set[str]:
    """The messages the flow's published diagram waits for, by name (none while unpublished)."""
    if flow.current_version_id is None:
        return set()
    return caught(parsed(db_session, flow.current_version_id))


def check_message_name(db_session: Session, flow: Flow, name: str) -> str:
    """``name`` when the flow's published diagram waits for a message of that name somewhere (a
    start, a catch, a boundary event, a receive task); else Invalid naming ``message_name``, with
    the names it does wait for in the text and in the problem's ``names``. A hook whose message
    nothing in its flow hears would only ever fill the list of unmatched messages."""
    if flow.current_version_id is None:
        raise Invalid({"message_name": [UNPUBLISHED]}, extra={"names": []})
    names = sorted(message_names(db_session, flow))
    if name in names:
        return name
    if names:
        known = ", ".join(f'"{known}"' for known in names)
        reason = f'Nothing in the published flow {flow.name} waits for a message named "{name}". It waits for: {known}.'
    else:
        reason = f"Nothing in the published flow {flow.name} waits for a message: {NO_CATCH}"
    raise Invalid({"message_name": [reason]}, extra={"names": names})


def create_hook(
    db_session: Session, actor: Membership, flow: Flow, data: dict[str, Any]
) -> tuple[FlowInboundHook, str]:
    """A new inbound hook for ``flow`` and its secret (in clear, to be shown once)."""
    if db_session.scalars(select(FlowInboundHook.id).where(FlowInboundHook.flow_id == flow.id)).first():
        raise Conflict(ALREADY)
    check_message_name(db_session, flow, data["message_name"].strip())
    secret = new_secret()
    hook = FlowInboundHook(
        tenant_id=flow.tenant_id,
        flow_id=flow.id,
        token=secrets.token_urlsafe(TOKEN_BYTES),
        secret=encrypt(secret),
        message_name=data["message_name"].strip(),
        correlation=data.get("correlation") or {},
        values=data.get("values"),
        created_by=actor.user_id,
        created_at=clock.now(),
    )
    db_session.add(hook)
    _audit(db_session, actor, "created", flow)
    db_session.flush()
    return hook, secret


def update_hook(
    db_session: Session, actor: Membership, flow: Flow, hook: FlowInboundHook, data: dict[str, Any]
) -> None:
    """Change the message name or the body members it reads; the URL and the secret stay."""
    if "message_name" in data:
        hook.message_name = check_message_name(db_session, flow, data["message_name"].strip())
    if "correlation" in data:
        hook.correlation = data["correlation"] or {}
    if "values" in data:
        hook.values = data["values"]
    _audit(db_session, actor, "updated", flow)
    db_session.flush()


def rotate_secret(db_session: Session, actor: Membership, flow: Flow, hook: FlowInboundHook) -> str:
    """A new secret, in force at once: requests signed with the old one are refused from now on."""
    secret = new_secret()
    hook.secret = encrypt(secret)
    hook.rotated_at = clock.now()
    _audit(db_session, actor, "secret_rotated", flow)
    db_session.flush()
    return secret


def delete_hook(db_session: Session, actor: Membership, flow: Flow, hook: FlowInboundHook) -> None:
    db_session.delete(hook)
    _audit(db_session, actor, "deleted", flow)
    db_session.flush()


def _verify(hook: FlowInboundHook, body: bytes, headers: dict[str, str]) -> str:
    """The request's ``webhook-id`` when its signature and timestamp hold; Unauthorized otherwise."""
    msg_id, stamp, signature = (
        headers.get(name, "") for name in ("webhook-id", "webhook-timestamp", "webhook-signature")
    )
    if not (msg_id and stamp and signature):
        raise Unauthorized(MISSING)
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 11:  # 11 digits reach the year 5138
        raise Unauthorized(BAD_TIMESTAMP)
    at = datetime.fromtimestamp(int(stamp), UTC)
    # The wall clock, as the sender's is: Loom's own clock (core.clock) moves only in tests.
    if abs(datetime.now(UTC) - at) > TOLERANCE:
        raise Unauthorized(STALE)
    expected = Webhook(decrypt(hook.secret)).sign(msg_id, at, body).encode()
    offered = signature.split(" ")[:MAX_SIGNATURES]
    if not any(hmac.compare_digest(expected, candidate.encode()) for candidate in offered):
        raise Unauthorized(BAD_SIGNATURE)
    return msg_id


def _limit(hook: FlowInboundHook) -> None:
    """Count one signed request to ``hook``; TooManyHookRequests over LOOM_RATE_LIMIT_INBOUND_HOOK.

    Counted once the signature holds, so nobody can use up a sender's allowance with unsigned
    requests; with the counts' storage down the request goes through (logged)."""
    if not current_app.config["LOOM_RATE_LIMITS_ENABLED"]:
        return
    strategy = current_app.extensions[EXTENSION].limiter
    identifiers = ("loom", "inbound-hook", str(hook.id))
    for item in parse_many(current_app.config["LOOM_RATE_LIMITS"]["INBOUND_HOOK"]):
        try:
            if strategy.hit(item, *identifiers):
                continue
            reset_at = strategy.get_window_stats(item, *identifiers).reset_time
        except Exception:
            log.warning(
                "rate limit storage unavailable; inbound hook request let through", extra={"hook_id": str(hook.id)}
            )
            return
        raise TooManyHookRequests(max(1, math.ceil(reset_at - time.time())))


def _parse(body: bytes) -> dict[str, Any]:
    """The body as a JSON object, refused (422 naming where) as the API's input guard refuses bodies."""
    limit = int(current_app.config["LOOM"].json_max_depth)
    if json_depth_exceeds(body, limit):
        raise Invalid({"body": [f"Nested deeper than {limit} levels."]})
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise Invalid({"body": ["Not valid JSON (UTF-8)."]}) from exc
    if not isinstance(data, dict):
        raise Invalid({"body": ["Must be a JSON object."]})
    found = first_bad_text(data)
    if found:
        raise Invalid({found[0]: [found[1]]})
    return data


def _pick(body: dict[str, Any], path: str) -> Any:
    value: Any = body
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def _message_parts(hook: FlowInboundHook, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The correlation keys and values the hook reads from ``body``; 422 naming a missing member."""
    errors: dict[str, list[str]] = {}
    correlation: dict[str, Any] = {}
    for key, path in hook.correlation.items():
        try:
            correlation[key] = _pick(body, path)
        except KeyError:
            errors[f"body.{path}"] = [f"Missing: this hook reads the correlation key {key} from it."]
    values: dict[str, Any] = {}
    if hook.values is None:
        values = dict(body)
    else:
        for key, path in hook.values.items():
            try:
                values[key] = _pick(body, path)
            except KeyError:
                continue  # a value the sender leaves out is simply not set
    errors.update(member_errors("correlation", correlation))
    errors.update(member_errors("values", values))
    if errors:
        raise Invalid(errors)
    return correlation, values


def _remember(db_session: Session, hook: FlowInboundHook, msg_id: str) -> None:
    """Note ``msg_id`` for this hook in the request's transaction; Conflict when it was taken already."""
    now = datetime.now(UTC)
    db_session.execute(
        delete(InboundReceipt).where(
            InboundReceipt.tenant_id == hook.tenant_id,
            InboundReceipt.hook_id == hook.id,
            InboundReceipt.received_at < now - REMEMBER,
        )
    )
    taken = db_session.execute(
        insert(InboundReceipt)
        .values(tenant_id=hook.tenant_id, hook_id=hook.id, webhook_id=msg_id, received_at=now)
        .on_conflict_do_nothing()
        .returning(InboundReceipt.webhook_id)
    ).first()
    if taken is None:
        raise Conflict(REPLAYED)


def receive(db_session: Session, token: str, body: bytes, headers: dict[str, str]) -> PublishResult:
    """Check one request to an inbound hook URL and publish its message (see the module's docstring)."""
    if len(token) > MAX_TOKEN:
        raise NotFound(NO_HOOK)
    hook = db_session.scalars(
        select(FlowInboundHook).where(FlowInboundHook.token == token).execution_options(all_tenants=True)
    ).first()
    if hook is None:
        raise NotFound(NO_HOOK)
    set_tenant_scope(db_session, hook.tenant_id)  # the hook's workspace, for everything that follows
    flow = db_session.get(Flow, hook.flow_id)
    if flow is None or flow.deleted_at is not None:
        raise NotFound(NO_HOOK)
    limit = int(current_app.config["LOOM"].inbound_hook_max_bytes)
    if len(body) > limit:
        raise TooLarge(f"The body must be at most {limit} bytes (LOOM_INBOUND_HOOK_MAX_BYTES).")
    lowered = {name.lower(): value for name, value in headers.items()}
    msg_id = _verify(hook, body, lowered)
    _limit(hook)
    if len(msg_id) > MAX_WEBHOOK_ID:
        raise Invalid({"webhook-id": [f"At most {MAX_WEBHOOK_ID} characters."]})
    data = _parse(body)
    correlation, values = _message_parts(hook, data)
    _remember(db_session, hook, msg_id)
    return publish(
        db_session,
        tenant_id=hook.tenant_id,
        kind=MESSAGE,
        name=hook.message_name,
        correlation=correlation,
        values=values,
        source=hook_source(flow.key),  # the flow's message: only its records take it
        user_id=None,
    )
