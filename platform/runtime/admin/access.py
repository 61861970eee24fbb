"""Who may use /api/admin: super admins only, and only once their account is hardened.

Until the super admin has changed the initial password, confirmed the email address and turned on
two-step sign-in, every admin endpoint but /api/admin/status answers 403 with the next of these
steps (``required_step``) and does nothing else. The steps themselves are the ordinary account
endpoints under /api/auth. Everything an admin does through this API is audited as "admin".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask_security import auth_required, current_user
from flask_smorest import Blueprint

from core.audit.operations import acting_as
from core.errors import Forbidden
from core.identity.models import User, is_superadmin
from core.web import BEARER

F = TypeVar("F", bound=Callable[..., Any])
ADMINS_ONLY = "This is for Loom's administrators."
STEPS = {
    "change_password": "Change the initial password first.",
    "confirm_email": "Confirm your email address first: open the link in the email we sent.",
    "two_factor_setup": "Turn on two-step sign-in first.",
}


def next_step(user: User) -> str | None:
    """The first hardening step the admin has not done, in the order the admin UI walks them."""
    if user.must_change_password:
        return "change_password"
    if user.confirmed_at is None:
        return "confirm_email"
    if not user.tf_primary_method:
        return "two_factor_setup"
    return None


def _guard(fn: F, hardened: bool) -> F:
    @wraps(fn)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not is_superadmin(current_user):
            raise Forbidden(ADMINS_ONLY)
        step = next_step(current_user)
        if hardened and step is not None:
            raise Forbidden(STEPS[step], extra={"required_step": step})
        acting_as("admin")
        return fn(*args, **kwargs)

    return auth_required("token")(checked)  # type: ignore[no-any-return]


def admin_only(fn: F) -> F:
    """A super admin whose account is hardened; 401 without a token, 403 otherwise."""
    return _guard(fn, hardened=True)


def admin_any(fn: F) -> F:
    """A super admin, hardened or not (for the status that names the next step)."""
    return _guard(fn, hardened=False)


def admin_route(bp: Blueprint, rule: str, **options: Any) -> Callable[[F], F]:
    """Register the view at ``rule`` on ``bp`` for hardened super admins (``admin_only``, checked
    before the body or query is read), documented as needing the bearer token."""

    def register(view: F) -> F:
        return bp.route(rule, **options)(admin_only(bp.doc(security=BEARER)(view)))

    return register
