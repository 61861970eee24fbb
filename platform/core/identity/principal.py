"""Who a request acts for when it carries a workspace's API key instead of a person's access token.

An API key (``Authorization: Bearer loom_...``) belongs to one workspace, has a role of its own
(admin, editor or viewer) and acts on behalf of the member who created it: records it writes name
that person, but it may do only what its role allows, and never more than its creator may do now.

Core cannot import runtime, where the keys live (``runtime.apikeys``), so runtime registers the
function that checks a presented key (``register_key_authenticator``) when the app is built, as
``designer.blueprints.usage`` does for entity counts. ``core.web.signed_in`` calls it before
Flask-Security-Too's token check (which would refuse a ``loom_`` token), and
``core.identity.access`` reads the result (``current_key``) to apply the key's workspace and role.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from flask import g, has_request_context, request

from core.audit.operations import acting_as
from core.errors import Problem
from core.identity.models import TenantRole, User

KEY_PREFIX = "loom_"
_BEARER = "bearer "
# Weakest first: a key's effective role is the weaker of its own and its creator's current one.
RANK = {TenantRole.VIEWER: 0, TenantRole.EDITOR: 1, TenantRole.ADMIN: 2, TenantRole.OWNER: 3}


class Unauthorized(Problem):
    """No valid credential: the key is unknown, revoked, expired, or not for this endpoint."""

    status = 401
    title = "Unauthorized"


@dataclass(frozen=True)
class KeyPrincipal:
    """A checked API key: its workspace, its own role, and the person it acts for."""

    id: uuid.UUID
    name: str
    tenant_id: uuid.UUID
    tenant_slug: str
    role: TenantRole
    user: User


Authenticator = Callable[[str], KeyPrincipal]
_authenticator: list[Authenticator] = []


def register_key_authenticator(authenticator: Authenticator) -> None:
    """Runtime's check of a presented key: it returns the principal or raises a Problem (401)."""
    _authenticator[:] = [authenticator]


def presented_key() -> str | None:
    """The ``loom_`` key in the Authorization header, or None when the request carries none.

    ``runtime.auth.security.BearerToken`` has taken the "Bearer " scheme off already (as
    Flask-Security-Too reads the bare token); it is removed here too, should anything call this
    without that middleware."""
    if not has_request_context():
        return None
    token = request.headers.get("Authorization", "").strip()
    if token[: len(_BEARER)].lower() == _BEARER:
        token = token[len(_BEARER) :].strip()
    return token if token.startswith(KEY_PREFIX) else None


def authenticate_key(token: str) -> KeyPrincipal:
    """Check ``token`` and make its principal the request's actor (events and the audit log)."""
    if not _authenticator:
        raise Unauthorized("API keys are not accepted here.")
    principal = _authenticator[0](token)
    g.api_key_principal = principal
    g.api_key = {"id": principal.id, "name": principal.name}  # core.events.current_actor names it
    acting_as("api_key")
    return principal


def current_key() -> KeyPrincipal | None:
    """The API key this request authenticated with, if any."""
    if not has_request_context():
        return None
    principal: KeyPrincipal | None = g.get("api_key_principal")
    return principal


def weaker(first: TenantRole, second: TenantRole) -> TenantRole:
    return first if RANK[first] <= RANK[second] else second
