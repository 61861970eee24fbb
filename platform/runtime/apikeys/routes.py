"""/api/tenants/<slug>/api-keys: a workspace's API keys, for its owners and admins (never for keys)."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView

from core import db
from core.identity.access import MANAGE, open_tenant
from core.identity.models import User
from core.web import current_user_id, paged, signed_in_person, signed_in_route, tenant_blueprint
from runtime.apikeys import idempotency, operations, queries
from runtime.apikeys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyListArgs, ApiKeyOut, ApiKeyPage

bp = tenant_blueprint(
    "api_keys",
    __name__,
    "/api-keys",
    "API keys: let other programs use this workspace's API with a role (admin, editor or viewer).",
)


@signed_in_route(bp, "", guard=signed_in_person)
class ApiKeys(MethodView):
    @paged(bp, ApiKeyListArgs, ApiKeyPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """The workspace's keys, newest first, revoked ones too; never their secrets (owners and admins)."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return queries.key_page(db.session(), args)

    @bp.arguments(ApiKeyCreate)
    @bp.response(201, ApiKeyCreated)
    @bp.alt_response(409, description="The workspace has LOOM_API_KEYS_PER_TENANT unrevoked keys already.")
    @bp.alt_response(422, description="A field is wrong, or the password or code is missing or wrong (per field).")
    def post(self, body: dict[str, Any], slug: str) -> dict[str, Any]:
        """Create a key; the answer holds the whole key, shown this once (owners and admins).

        Needs the password (when the account has one) and the authenticator's code (when two-factor
        sign-in is on); an account with neither types its email as ``confirm_email``. The key acts
        for the caller: what it writes names them, and it stops working if they leave.
        """
        session = db.session()
        actor = open_tenant(session, slug, current_user_id(), MANAGE)
        idempotency.redact("secret")
        user = session.get(User, actor.user_id)
        assert user is not None  # the token named them
        key, token = operations.create_key(session, actor, user, body)
        return {**queries.one_key(session, key.id), "secret": token}


@signed_in_route(bp, "/<uuid:key_id>", guard=signed_in_person)
class ApiKeyItem(MethodView):
    @bp.response(200, ApiKeyOut)
    def get(self, slug: str, key_id: uuid.UUID) -> dict[str, Any]:
        """One key (owners and admins)."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return queries.one_key(db.session(), key_id)

    @bp.response(204)
    def delete(self, slug: str, key_id: uuid.UUID) -> None:
        """Revoke a key: it stops working at once and stays listed as revoked (owners and admins)."""
        session = db.session()
        actor = open_tenant(session, slug, current_user_id(), MANAGE)
        operations.revoke_key(session, actor, queries.get_key(session, key_id))
