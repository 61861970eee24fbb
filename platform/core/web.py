"""Helpers every route module shares: the signed-in decorator and the caller's id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_security import auth_required, current_user

F = TypeVar("F", bound=Callable[..., Any])
BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


def signed_in(fn: F) -> F:
    """Require a valid access token (``Authorization: Bearer ...``)."""
    return auth_required("token")(fn)  # type: ignore[no-any-return]


def current_user_id() -> int:
    return int(current_user.id)
