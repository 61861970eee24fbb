"""/api/tenants/<slug>/hooks: a workspace's outgoing webhooks, for its owners and admins.

Endpoints (with their secret shown once at creation and rotation), the deliveries and attempts
log, test events and replays, the event catalogue, and the REST Hooks subscribe/unsubscribe
pair that Zapier, Make and n8n call with an API key. docs/hooks.md describes what receivers get.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView
from sqlalchemy import select

from core import db
from core.identity.access import MANAGE, open_tenant
from core.identity.models import Membership
from core.web import current_user_id, paged, signed_in_route, tenant_blueprint
from runtime.apikeys.idempotency import redact
from runtime.hooks import operations, queries, views
from runtime.hooks.catalogue import catalogue
from runtime.hooks.models import SOURCE_SUBSCRIPTION, HookDelivery
from runtime.hooks.schemas import (
    HookAttemptListArgs,
    HookAttemptPage,
    HookDeliveryListArgs,
    HookDeliveryPage,
    HookEndpointCreate,
    HookEndpointCreated,
    HookEndpointListArgs,
    HookEndpointOut,
    HookEndpointPage,
    HookEndpointUpdate,
    HookEventTypeOut,
    HookMessageOut,
    HookReplayMessageIn,
    HookReplayOut,
    HookReplaySinceIn,
    HookSecretOut,
    HookSubscriptionIn,
    HookSubscriptionOut,
    HookTestOut,
)
from runtime.hooks.signing import webhook_id

bp = tenant_blueprint(
    "hooks", __name__, "/hooks", "Hooks: signed calls to a workspace's URLs when something happens (owners and admins)."
)


def _open(slug: str) -> Membership:
    return open_tenant(db.session(), slug, current_user_id(), MANAGE)


@signed_in_route(bp, "/events")
@bp.response(200, HookEventTypeOut(many=True))
def events(slug: str) -> list[dict[str, Any]]:
    """Every event type hooks can subscribe to, with the JSON Schema of its body."""
    _open(slug)
    return catalogue()


@signed_in_route(bp, "/endpoints")
class Endpoints(MethodView):
    @paged(bp, HookEndpointListArgs, HookEndpointPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """The workspace's endpoints with their health, newest first."""
        _open(slug)
        found = queries.endpoints(db.session(), args)
        return {**found, "items": views.endpoint_views(db.session(), found["items"])}

    @bp.arguments(HookEndpointCreate)
    @bp.response(201, HookEndpointCreated)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """Add an endpoint; the answer holds its signing secret, shown this once."""
        actor = _open(slug)
        endpoint, secret = operations.create_endpoint(db.session(), actor, data)
        redact("secret")  # an Idempotency-Key replay says it was made, never the secret again
        return {**views.endpoint_views(db.session(), [endpoint])[0], "secret": secret}


@signed_in_route(bp, "/endpoints/<uuid:endpoint_id>")
class EndpointItem(MethodView):
    @bp.response(200, HookEndpointOut)
    def get(self, slug: str, endpoint_id: uuid.UUID) -> dict[str, Any]:
        _open(slug)
        return views.endpoint_views(db.session(), [queries.get_endpoint(db.session(), endpoint_id)])[0]

    @bp.arguments(HookEndpointUpdate)
    @bp.response(200, HookEndpointOut)
    def patch(self, data: dict[str, Any], slug: str, endpoint_id: uuid.UUID) -> dict[str, Any]:
        """Change some settings; ``enabled: true`` turns a disabled endpoint back on."""
        actor = _open(slug)
        endpoint = queries.get_endpoint(db.session(), endpoint_id)
        operations.update_endpoint(db.session(), actor, endpoint, data)
        return views.endpoint_views(db.session(), [endpoint])[0]

    @bp.response(204)
    def delete(self, slug: str, endpoint_id: uuid.UUID) -> None:
        """Delete the endpoint with its deliveries and their log."""
        actor = _open(slug)
        operations.delete_endpoint(db.session(), actor, queries.get_endpoint(db.session(), endpoint_id))


@signed_in_route(bp, "/endpoints/<uuid:endpoint_id>/rotate-secret", methods=["POST"])
@bp.response(200, HookSecretOut)
def rotate_secret(slug: str, endpoint_id: uuid.UUID) -> dict[str, Any]:
    """A new signing secret, shown this once; the old one keeps signing for 24 hours."""
    actor = _open(slug)
    secret, until = operations.rotate_secret(db.session(), actor, queries.get_endpoint(db.session(), endpoint_id))
    redact("secret")
    return {"secret": secret, "previous_secret_until": until}


@signed_in_route(bp, "/endpoints/<uuid:endpoint_id>/test", methods=["POST"])
@bp.response(202, HookTestOut)
def send_test(slug: str, endpoint_id: uuid.UUID) -> dict[str, Any]:
    """Send a ``hook.test`` event to this endpoint; its delivery shows in the log."""
    actor = _open(slug)
    message_id = operations.send_test(db.session(), actor, queries.get_endpoint(db.session(), endpoint_id))
    return {"message_id": message_id, "webhook_id": webhook_id(message_id)}


@signed_in_route(bp, "/deliveries")
@paged(bp, HookDeliveryListArgs, HookDeliveryPage)
def deliveries(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """Deliveries (one message to one endpoint), newest first; filter by endpoint, message,
    status (``failed``: the dead letters), event type and creation time."""
    _open(slug)
    found = queries.deliveries(db.session(), args)
    return {**found, "items": views.delivery_views(db.session(), found["items"])}


@signed_in_route(bp, "/attempts")
@paged(bp, HookAttemptListArgs, HookAttemptPage)
def attempts(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """The delivery log: each attempt's time, duration, status code and the first 2 KiB of the
    answer (kept 30 days), newest first."""
    _open(slug)
    return queries.attempts(db.session(), args)


@signed_in_route(bp, "/messages/<uuid:message_id>")
@bp.response(200, HookMessageOut)
def message(slug: str, message_id: uuid.UUID) -> dict[str, Any]:
    """One message: the body as sent, and its deliveries."""
    _open(slug)
    session = db.session()
    found = queries.get_message(session, message_id)
    rows = list(session.scalars(select(HookDelivery).where(HookDelivery.message_id == found.id)))
    return views.message_view(session, found, rows)


@signed_in_route(bp, "/messages/<uuid:message_id>/replay", methods=["POST"])
@bp.arguments(HookReplayMessageIn)
@bp.response(202, HookReplayOut)
def replay_message(data: dict[str, Any], slug: str, message_id: uuid.UUID) -> dict[str, Any]:
    """Send one message again, to all its endpoints or to ``endpoint_id``, from the start of the schedule."""
    actor = _open(slug)
    session = db.session()
    found = queries.get_message(session, message_id)
    endpoint = queries.get_endpoint(session, data["endpoint_id"]) if data.get("endpoint_id") else None
    return {"replayed": operations.replay_message(session, actor, found, endpoint), "more": False}


@signed_in_route(bp, "/replay", methods=["POST"])
@bp.arguments(HookReplaySinceIn)
@bp.response(202, HookReplayOut)
def replay_since(data: dict[str, Any], slug: str) -> dict[str, Any]:
    """Send again every failed delivery created since ``since`` (of one endpoint, or of every enabled one)."""
    actor = _open(slug)
    session = db.session()
    endpoint = queries.get_endpoint(session, data["endpoint_id"]) if data.get("endpoint_id") else None
    count, more = operations.replay_failed_since(session, actor, data["since"], endpoint)
    return {"replayed": count, "more": more}


@signed_in_route(bp, "/subscriptions", methods=["POST"])
@bp.arguments(HookSubscriptionIn)
@bp.response(201, HookSubscriptionOut)
def subscribe(data: dict[str, Any], slug: str) -> dict[str, Any]:
    """REST Hooks: subscribe ``target_url`` to ``event``; the answer's ``id`` unsubscribes."""
    actor = _open(slug)
    fields = {
        "url": data["target_url"],
        "event_types": [data["event"]],
        "description": "REST Hooks subscription",
        "source": SOURCE_SUBSCRIPTION,
    }
    endpoint, secret = operations.create_endpoint(db.session(), actor, fields)
    redact("secret")
    return {"id": endpoint.id, "target_url": endpoint.url, "event": data["event"], "secret": secret}


@signed_in_route(bp, "/subscriptions/<uuid:subscription_id>", methods=["DELETE"])
@bp.response(204)
def unsubscribe(slug: str, subscription_id: uuid.UUID) -> None:
    """REST Hooks: end a subscription (the endpoint with this id)."""
    actor = _open(slug)
    operations.delete_endpoint(db.session(), actor, queries.get_endpoint(db.session(), subscription_id))
