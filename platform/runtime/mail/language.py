"""The language to write to a person in: the one rule every email follows.

1. the language the person chose (account settings or the language menu),
2. else the language of the workspace the email is about,
3. else the language of their first workspace (the oldest membership),
4. else the language their browser asked for when they signed up,
5. else ``fallback`` (for someone without an account: the language their request asked for),
6. else English.
"""

from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.i18n import LANGUAGES
from core.identity.models import Membership, Tenant, User
from runtime.translations import SOURCE_LANGUAGE


def request_language() -> str | None:
    """The language the current request's Accept-Language prefers among Loom's, if any."""
    if not has_request_context():
        return None
    best: str | None = request.accept_languages.best_match(list(LANGUAGES))
    return best


def _spoken(code: str | None) -> str | None:
    return code if code is not None and code in LANGUAGES else None


def _first_workspace_language(db_session: Session, user_id: int) -> str | None:
    # The person's own memberships, across workspaces: it is about them, not one workspace's data.
    language: str | None = db_session.scalars(
        select(Tenant.language)
        .join(Membership, Membership.tenant_id == Tenant.id)
        .where(Membership.user_id == user_id)
        .order_by(Membership.created_at, Tenant.id)
        .limit(1)
        .execution_options(all_tenants=True)
    ).first()
    return language


def recipient_language(
    db_session: Session, user: User | None, tenant: Tenant | None = None, *, fallback: str | None = None
) -> str:
    """The language to write to ``user`` in, about ``tenant`` (module docstring has the order)."""
    if user is not None and (chosen := _spoken(user.language)):
        return chosen
    if tenant is not None and (workspace := _spoken(tenant.language)):
        return workspace
    if user is not None and user.id is not None and (first := _spoken(_first_workspace_language(db_session, user.id))):
        return first
    if user is not None and (signup := _spoken(user.signup_language)):
        return signup
    return _spoken(fallback) or SOURCE_LANGUAGE


def address_language(
    db_session: Session, email: str, tenant: Tenant | None = None, *, fallback: str | None = None
) -> str:
    """:func:`recipient_language` for an address that may or may not have an account yet."""
    user = db_session.scalars(select(User).where(func.lower(User.email) == email.lower())).first()
    return recipient_language(db_session, user, tenant, fallback=fallback)
