"""Helpers every route module shares: the signed-in decorator and the caller's id.

A request is signed in by a person's access token, or, under ``/api/tenants/<slug>`` only, by
that workspace's API key (``core.identity.principal``). The key is checked first, because
Flask-Security-Too's token check refuses a ``loom_`` token; everywhere else a key gets 401, and
endpoints for people only (``signed_in_person``: managing keys, members, invitations) answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import request
from flask.views import MethodView
from flask_security import auth_required, current_user
from flask_smorest import Blueprint
from marshmallow import Schema

from core import db
from core.errors import Forbidden, NotFound
from core.identity.access import open_tenant
from core.identity.models import Membership, TenantRole, User, two_factor_status
from core.identity.principal import Unauthorized, authenticate_key, current_key, presented_key

F = TypeVar("F", bound=Callable[..., Any])
V = TypeVar("V", bound=Callable[..., Any])
Guard = Callable[[Callable[..., Any]], Callable[..., Any]]
BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


TWO_FACTOR_FIRST = "Set up two-factor sign-in to go on: your account is more than 30 days old."


TENANT_RULE = "/api/tenants/<slug>"
KEYS_ONLY_IN_WORKSPACE = "An API key works only under /api/tenants/<slug> of its own workspace."
PEOPLE_ONLY = "API keys cannot manage API keys, members or invitations; a person must do this."


def signed_in(fn: F) -> F:
    """Require a valid access token (``Authorization: Bearer ...``) and, 30 days after
    registration, two-factor sign-in: until it is set up, every such endpoint answers 403 with
    ``required_step: two_factor_setup`` (Flask-Security's own /api/auth endpoints stay open).

    Under ``/api/tenants/<slug>`` a ``loom_`` API key of that workspace does too (its creator must
    meet the same two-factor rule); another workspace's key gets 404, as a non-member does."""
    return _signed_in(fn, keys=True)


def signed_in_person(fn: F) -> F:
    """As ``signed_in``, but for people only: a valid API key gets 403 (managing keys and members)."""
    return _signed_in(fn, keys=False)


def tenant_blueprint(name: str, import_name: str, path: str, description: str) -> Blueprint:
    """The API blueprint of routes under ``/api/tenants/<slug>`` + ``path``; ``description`` is its
    OpenAPI tag's."""
    return Blueprint(name, import_name, url_prefix=TENANT_RULE + path, description=description)


def signed_in_route(bp: Blueprint, rule: str, *, guard: Guard = signed_in, **options: Any) -> Callable[[V], V]:
    """Register a view at ``rule`` on ``bp`` behind ``guard`` (``signed_in``, or ``signed_in_person``),
    documented as needing the bearer token: a function view, or a MethodView whose every method is.

    The guard runs before the body or query is read, as a MethodView's ``decorators`` or as the
    function's outermost wrapper."""

    def register(view: V) -> V:
        if isinstance(view, type) and issubclass(view, MethodView):
            view.decorators = [guard, *view.decorators]
            for method in sorted(view.methods or ()):
                name = method.lower()
                setattr(view, name, bp.doc(security=BEARER)(getattr(view, name)))
            return bp.route(rule, **options)(view)
        return bp.route(rule, **options)(cast(V, guard(bp.doc(security=BEARER)(view))))

    return register


def paged(bp: Blueprint, args: type[Schema], page: type[Schema]) -> Callable[[F], F]:
    """A list view: its query string read with ``args`` (``core.pagination.PageArgs`` or one made
    from it) and a 200 answer shaped by ``page`` (a ``core.pagination.PageSchema``)."""

    def decorate(view: F) -> F:
        return bp.arguments(args, location="query")(bp.response(200, page)(view))

    return decorate


def _signed_in(fn: F, keys: bool) -> F:
    @wraps(fn)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if two_factor_status(_person())["required"]:
            raise Forbidden(TWO_FACTOR_FIRST, extra={"required_step": "two_factor_setup"})
        return fn(*args, **kwargs)

    by_token = auth_required("token")(checked)

    @wraps(fn)
    def entry(*args: Any, **kwargs: Any) -> Any:
        token = presented_key()
        if token is None:
            return by_token(*args, **kwargs)
        rule = request.url_rule.rule if request.url_rule else ""
        if rule != TENANT_RULE and not rule.startswith(f"{TENANT_RULE}/"):
            raise Unauthorized(KEYS_ONLY_IN_WORKSPACE)
        principal = authenticate_key(token)
        if kwargs.get("slug") != principal.tenant_slug:
            raise NotFound(f"No workspace '{kwargs.get('slug')}' here.")
        if not keys:
            raise Forbidden(PEOPLE_ONLY)
        return checked(*args, **kwargs)

    return entry  # type: ignore[return-value]


def signed_in_any(fn: F) -> F:
    """Require a valid access token only: for what a user past the two-factor deadline may still do."""
    return auth_required("token")(fn)  # type: ignore[no-any-return]


def _person() -> User:
    """The person the request acts for: the token's user, or the creator of the API key."""
    key = current_key()
    return key.user if key is not None else current_user


def current_user_id() -> int:
    """The acting person's id (an API key acts for its creator: records name them)."""
    key = current_key()
    return key.user.id if key is not None else int(current_user.id)


def member_and_person(slug: str, allowed: frozenset[TenantRole]) -> tuple[Membership, User]:
    """The caller's membership of the workspace ``slug`` in one of the ``allowed`` roles (404 or 403
    otherwise, as ``open_tenant``), and the person it is: for views that act as that person."""
    membership = open_tenant(db.session(), slug, current_user_id(), allowed)
    person = db.session.get(User, membership.user_id)
    assert person is not None
    return membership, person
