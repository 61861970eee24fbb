"""The signed-in hint: a cookie the webapp can read, saying that a refresh cookie was handed out.

The refresh token lives in an httpOnly cookie (path /api/auth) that scripts cannot see, so the
webapp could only learn whether a session exists by calling /api/auth/refresh, and every visit
of someone who never signed in would cost a refused call. This cookie mirrors the refresh
cookie's life: set (for as long) whenever a response sets it, whoever set it (sign-in, refresh,
password change, social sign-in), deleted whenever it is cleared or a refresh is refused. It
holds no secret (the value is "1"): forging it only buys the refused call it saves.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from flask import Flask, Response, request

HINT_COOKIE = "loom_signed_in"
REFRESH_ENDPOINT = "security.refresh_token"


def _refresh_cookie(response: Response, name: str) -> tuple[bool, int | None] | None:
    """How this response changes the refresh cookie: (set, max-age) or None when it does not."""
    for header in response.headers.getlist("Set-Cookie"):
        if not header.startswith(f"{name}="):
            continue
        morsel = SimpleCookie(header).get(name)
        if morsel is None:
            continue
        max_age = int(morsel["max-age"]) if str(morsel["max-age"]).lstrip("-").isdigit() else None
        cleared = not morsel.value or (max_age is not None and max_age <= 0)
        return (not cleared, max_age)
    return None


def install_signed_in_hint(app: Flask) -> None:
    name = app.config["SECURITY_REFRESH_TOKEN_COOKIE_NAME"]
    secure = bool(app.config["SECURITY_REFRESH_TOKEN_COOKIE"].get("secure"))

    @app.after_request
    def _mirror(response: Response) -> Response:
        change = _refresh_cookie(response, name)
        if change is None:
            if request.endpoint == REFRESH_ENDPOINT and response.status_code == 401 and HINT_COOKIE in request.cookies:
                # The refresh cookie is gone, expired or revoked: stop asking with it.
                response.delete_cookie(HINT_COOKIE, path="/", secure=secure, samesite="Lax")
            return response
        is_set, max_age = change
        if is_set:
            response.set_cookie(
                HINT_COOKIE, "1", max_age=max_age, path="/", secure=secure, httponly=False, samesite="Lax"
            )
        else:
            response.delete_cookie(HINT_COOKIE, path="/", secure=secure, samesite="Lax")
        return response
