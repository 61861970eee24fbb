"""What a record's connector steps did (its members read it), and the workspace's connector
signing secret (its owners and admins show it, for the receivers that verify the calls)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app

from core import db
from core.identity.access import MANAGE, READ, open_tenant
from core.web import current_user_id, signed_in_route, tenant_blueprint
from runtime.apikeys.idempotency import redact
from runtime.connectors import queries
from runtime.connectors.delivery import signing_secret
from runtime.connectors.schemas import ConnectorCallList, ConnectorSecretOut
from runtime.entities.queries import get_entity

bp = tenant_blueprint(
    "connectors", __name__, "", "Connector steps of flows: the HTTP requests and emails a record's flows sent."
)


@signed_in_route(bp, "/entities/<uuid:entity_id>/connector-calls")
@bp.response(200, ConnectorCallList)
def connector_calls(slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
    """The record's connector calls (the newest 100, newest first): which step, its status, attempts,
    last error and answer status; never the request's headers or body, nor the answer's body."""
    open_tenant(db.session(), slug, current_user_id(), READ)
    entity = get_entity(db.session(), entity_id)
    return {"items": queries.calls_of(db.session(), entity.id)}


@signed_in_route(bp, "/connector-secret", methods=["POST"])
@bp.response(200, ConnectorSecretOut)
def connector_secret(slug: str) -> dict[str, Any]:
    """The secret the workspace's HTTP connector steps sign their requests with (Standard Webhooks),
    for its receivers to verify them. Shown on request; an Idempotency-Key replay never repeats it."""
    membership = open_tenant(db.session(), slug, current_user_id(), MANAGE)
    redact("secret")
    return {"secret": signing_secret(current_app.config["LOOM"], membership.tenant_id)}
