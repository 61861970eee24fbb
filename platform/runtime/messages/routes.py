"""Messages and signals from outside: the REST API, and each flow's inbound hook.

- ``POST /api/tenants/<slug>/messages`` and ``/signals``: editors and up, people or API keys
  (with Idempotency-Key, like every tenant POST); 202 with what became of it, 409 naming the
  records when several wait for one message.
- ``GET /api/tenants/<slug>/messages``: the workspace's messages, unmatched ones kept for a while
  included (owners and admins).
- ``/api/tenants/<slug>/flows/<key>/inbound-hook``: a flow's inbound URL, its secret shown once
  at creation and renewal (owners and admins).
- ``POST /api/hooks/inbound/<token>``: the inbound URL itself, for other systems; no sign-in,
  a Standard Webhooks signature instead (runtime/messages/inbound.py).
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint as ApiBlueprint

from core import db
from core.identity.access import EDIT, MANAGE, open_tenant
from core.identity.models import Membership
from core.web import current_user_id, paged, signed_in_route
from designer.flows.models import Flow
from designer.flows.queries import get_flow
from runtime.apikeys.idempotency import redact
from runtime.messages import inbound
from runtime.messages.inbound_models import FlowInboundHook
from runtime.messages.models import MESSAGE, SIGNAL
from runtime.messages.operations import PublishResult, list_messages, publish
from runtime.messages.schemas import (
    InboundHookCreate,
    InboundHookCreated,
    InboundHookOut,
    InboundHookUpdate,
    InboundSecretOut,
    MessageIn,
    MessageListArgs,
    MessagePage,
    PublishOut,
    SignalIn,
)

bp = ApiBlueprint(
    "messages",
    __name__,
    url_prefix="/api",
    description="Messages and signals to the records that wait for them, from the API or a flow's inbound hook.",
)
SOURCE_API = "api"


def _result(found: PublishResult) -> dict[str, Any]:
    return {"id": found.message_id, "status": found.status, "matched": found.matched}


def _hook_view(hook: FlowInboundHook) -> dict[str, Any]:
    return {
        "url": inbound.hook_url(hook),
        "message_name": hook.message_name,
        "correlation": hook.correlation,
        "values": hook.values,
        "created_at": hook.created_at,
        "rotated_at": hook.rotated_at,
    }


@signed_in_route(bp, "/tenants/<slug>/messages")
class Messages(MethodView):
    @paged(bp, MessageListArgs, MessagePage)
    def get(self, args: dict[str, Any], slug: str) -> Any:
        """The workspace's messages and signals, newest first; ``status=unmatched``: those kept
        because no record waited for them yet; ``flow=<key>``: only the messages that flow could
        take (a name its published diagram waits for; none while it is unpublished)."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        names = inbound.message_names(db.session(), get_flow(db.session(), args["flow"])) if args["flow"] else None
        page_args = {"status": args["status"], "limit": args["limit"], "cursor": args["cursor"]}
        return list_messages(db.session(), names=names, **page_args)

    @bp.arguments(MessageIn)
    @bp.response(202, PublishOut)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """Send a message: it reaches the one record waiting for it with these correlation values
        (or starts a flow), in the background; none waiting: kept as unmatched for a while."""
        actor = open_tenant(db.session(), slug, current_user_id(), EDIT)
        return _result(_publish(actor, MESSAGE, data["name"], data["correlation"], data["values"]))


@signed_in_route(bp, "/tenants/<slug>/signals", methods=["POST"])
@bp.arguments(SignalIn)
@bp.response(202, PublishOut)
def send_signal(data: dict[str, Any], slug: str) -> dict[str, Any]:
    """Send a signal: it reaches every record of the workspace that listens for it, in the background."""
    actor = open_tenant(db.session(), slug, current_user_id(), EDIT)
    return _result(_publish(actor, SIGNAL, data["name"], {}, data["values"]))


def _publish(
    actor: Membership, kind: str, name: str, correlation: dict[str, Any], values: dict[str, Any]
) -> PublishResult:
    return publish(
        db.session(),
        tenant_id=actor.tenant_id,
        kind=kind,
        name=name.strip(),
        correlation=correlation,
        values=values,
        source=SOURCE_API,
        user_id=actor.user_id,
    )


def _flow(slug: str, key: str) -> tuple[Membership, Flow]:
    actor = open_tenant(db.session(), slug, current_user_id(), MANAGE)
    return actor, get_flow(db.session(), key)


@signed_in_route(bp, "/tenants/<slug>/flows/<key>/inbound-hook")
class InboundHook(MethodView):
    @bp.response(200, InboundHookOut)
    def get(self, slug: str, key: str) -> dict[str, Any]:
        """The flow's inbound hook (404 when it has none); its secret is never shown again."""
        _, flow = _flow(slug, key)
        return _hook_view(inbound.get_hook(db.session(), flow))

    @bp.arguments(InboundHookCreate)
    @bp.response(201, InboundHookCreated)
    def post(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Give the flow an inbound URL; the answer holds its signing secret, shown this once."""
        actor, flow = _flow(slug, key)
        hook, secret = inbound.create_hook(db.session(), actor, flow, data)
        redact("secret")  # an Idempotency-Key replay says it was made, never the secret again
        return {**_hook_view(hook), "secret": secret}

    @bp.arguments(InboundHookUpdate)
    @bp.response(200, InboundHookOut)
    def patch(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Change the message name or which body members give its correlation keys and values."""
        actor, flow = _flow(slug, key)
        hook = inbound.get_hook(db.session(), flow)
        inbound.update_hook(db.session(), actor, flow, hook, data)
        return _hook_view(hook)

    @bp.response(204)
    def delete(self, slug: str, key: str) -> None:
        """Delete the inbound hook: its URL answers 404 from now on."""
        actor, flow = _flow(slug, key)
        inbound.delete_hook(db.session(), actor, flow, inbound.get_hook(db.session(), flow))


@signed_in_route(bp, "/tenants/<slug>/flows/<key>/inbound-hook/rotate-secret", methods=["POST"])
@bp.response(200, InboundSecretOut)
def rotate_inbound_secret(slug: str, key: str) -> dict[str, Any]:
    """A new signing secret, shown this once and in force at once: the old one stops working."""
    actor, flow = _flow(slug, key)
    secret = inbound.rotate_secret(db.session(), actor, flow, inbound.get_hook(db.session(), flow))
    redact("secret")
    return {"secret": secret}


@bp.route("/hooks/inbound/<token>", methods=["POST"])
@bp.doc(security=[])
@bp.response(202, PublishOut)
def receive_inbound(token: str) -> dict[str, Any]:
    """A request from another system, signed the Standard Webhooks way with the hook's secret,
    that becomes the flow's message (docs/hooks.md). 401 on a missing or wrong signature, a
    timestamp over 5 minutes away or a webhook-id taken already (409); nothing is kept then."""
    headers = {name: value for name, value in request.headers.items()}
    return _result(inbound.receive(db.session(), token, request.get_data(cache=True), headers))
