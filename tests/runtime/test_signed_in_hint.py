"""The signed-in hint cookie mirrors the httpOnly refresh cookie, so the webapp asks for a refresh
only when a session may exist (runtime/auth/hint.py)."""

from __future__ import annotations

from tests.factories import PASSWORD, bearer, confirm, register, sign_in

HINT = "loom_signed_in"


def _set_cookie(response, name: str) -> str | None:
    return next((h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")), None)


def test_signing_in_sets_a_readable_hint_beside_the_refresh_cookie(client):
    email = register(client)
    confirm(client, email)
    response = client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200
    refresh = _set_cookie(response, "loom_refresh")
    hint = _set_cookie(response, HINT)
    assert refresh and "HttpOnly" in refresh
    assert hint and hint.startswith(f"{HINT}=1;")
    assert "HttpOnly" not in hint and "Path=/;" in hint + ";"
    assert client.get_cookie(HINT, path="/").value == "1"


def test_a_refresh_keeps_the_hint_and_sign_out_deletes_it(client):
    email = register(client)
    confirm(client, email)
    sign_in(client, email)
    refreshed = client.post("/api/auth/refresh", json={})
    assert refreshed.status_code == 200
    assert _set_cookie(refreshed, HINT).startswith(f"{HINT}=1;")

    out = client.post("/api/auth/logout", json={}, headers=bearer(refreshed.get_json()))
    assert out.status_code == 200
    assert client.get_cookie(HINT, path="/") is None
    assert client.get_cookie("loom_refresh", path="/api/auth") is None


def test_a_refused_refresh_deletes_a_stale_hint(client):
    client.set_cookie(HINT, "1", path="/")
    refused = client.post("/api/auth/refresh", json={})
    assert refused.status_code == 401
    assert client.get_cookie(HINT, path="/") is None


def test_no_hint_for_visitors_who_do_not_sign_in(client):
    response = client.get("/api/meta")
    assert _set_cookie(response, HINT) is None
