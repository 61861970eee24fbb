"""Helpers every route module shares: the signed-in decorator and the caller's id."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask_security import auth_required, current_user

from core.errors import Forbidden
from core.identity.models import two_factor_status

F = TypeVar("F", bound=Callable[..., Any])
BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


TWO_FACTOR_FIRST = "Set up two-factor sign-in to go on: your account is more than 30 days old."


def signed_in(fn: F) -> F:
    """Require a valid access token (``Authorization: Bearer ...``) and, 30 days after
    registration, two-factor sign-in: until it is set up, every such endpoint answers 403 with
    ``required_step: two_factor_setup`` (Flask-Security's own /api/auth endpoints stay open)."""

    @wraps(fn)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if two_factor_status(current_user)["required"]:
            raise Forbidden(TWO_FACTOR_FIRST, extra={"required_step": "two_factor_setup"})
        return fn(*args, **kwargs)

    return auth_required("token")(checked)  # type: ignore[no-any-return]


def signed_in_any(fn: F) -> F:
    """Require a valid access token only: for what a user past the two-factor deadline may still do."""
    return auth_required("token")(fn)  # type: ignore[no-any-return]


def current_user_id() -> int:
    return int(current_user.id)
