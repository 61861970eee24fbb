"""The sessions API (/api/auth/sessions) and the token rules it rests on, through the real API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import clock
from runtime.auth.sessions import describe_device
from tests.factories import CHROME, FIREFOX, bearer, browser_as, confirm, register, sign_in

REFRESH_COOKIE = "loom_refresh"


def _user(client):
    email = register(client)
    confirm(client, email)
    return email


def _sessions(browser, tokens):
    response = browser.get("/api/auth/sessions", headers=bearer(tokens))
    assert response.status_code == 200, response.get_json()
    items: list[dict] = response.get_json()["items"]
    return items


def _refresh(browser):
    return browser.post("/api/auth/refresh", json={})


def test_two_browsers_see_both_sessions_and_one_ends_the_other(app, client):
    email = _user(client)
    laptop, phone = browser_as(app, CHROME), browser_as(app, FIREFOX)
    laptop_tokens = sign_in(laptop, email)
    clock.travel(timedelta(minutes=5))
    phone_tokens = sign_in(phone, email)

    from_laptop, from_phone = _sessions(laptop, laptop_tokens), _sessions(phone, phone_tokens)
    assert [s["name"] for s in from_laptop] == ["Firefox on Windows", "Chrome on Linux"]  # newest use first
    assert [s["current"] for s in from_laptop] == [False, True]
    assert [s["current"] for s in from_phone] == [True, False]
    assert {s["id"] for s in from_laptop} == {s["id"] for s in from_phone}
    first = from_laptop[1]
    assert set(first) == {"id", "name", "created_at", "last_used_at", "expires_at", "current"}
    assert first["created_at"].endswith("Z") and first["expires_at"] > first["last_used_at"]

    ended = laptop.delete(f"/api/auth/sessions/{from_laptop[0]['id']}", headers=bearer(laptop_tokens))
    assert ended.status_code == 204
    refused = _refresh(phone)
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert [s["name"] for s in _sessions(laptop, laptop_tokens)] == ["Chrome on Linux"]
    assert _refresh(laptop).status_code == 200


def test_ending_this_browsers_own_session_signs_it_out(app, client):
    email = _user(client)
    tokens = sign_in(client, email)
    token = client.get_cookie(REFRESH_COOKIE, path="/api/auth").value
    (own,) = _sessions(client, tokens)
    response = client.delete(f"/api/auth/sessions/{own['id']}", headers=bearer(tokens))
    assert response.status_code == 204
    assert client.get_cookie(REFRESH_COOKIE, path="/api/auth") is None
    client.set_cookie(REFRESH_COOKIE, token, path="/api/auth")
    assert _refresh(client).status_code == 401
    # Its access token ended with it.
    assert client.get("/api/auth/sessions", headers=bearer(tokens)).status_code == 401


def test_another_users_session_or_an_unknown_one_is_not_found(app, client):
    mine = sign_in(client, _user(client))
    other = browser_as(app, FIREFOX)
    theirs = sign_in(other, _user(other))
    (their_session,) = _sessions(other, theirs)
    for session_id in (their_session["id"], 987654321):
        response = client.delete(f"/api/auth/sessions/{session_id}", headers=bearer(mine))
        assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert _refresh(other).status_code == 200


def test_sessions_need_an_access_token(client):
    assert client.get("/api/auth/sessions").status_code == 401
    assert client.delete("/api/auth/sessions/1").status_code == 401


def test_a_reused_refresh_token_ends_the_session_with_401(client):
    tokens = sign_in(client, _user(client))
    old = client.get_cookie(REFRESH_COOKIE, path="/api/auth").value
    assert _refresh(client).status_code == 200
    client.set_cookie(REFRESH_COOKIE, old, path="/api/auth")
    assert _refresh(client).status_code == 401
    # The session's access tokens ended with it.
    assert client.get("/api/auth/sessions", headers=bearer(tokens)).status_code == 401


def test_refresh_ends_36_hours_after_sign_in_with_401(client):
    sign_in(client, _user(client))
    clock.travel(timedelta(hours=35, minutes=59))
    refreshed = _refresh(client)
    assert refreshed.status_code == 200
    tokens = refreshed.get_json()
    clock.travel(timedelta(minutes=2))
    assert _refresh(client).status_code == 401
    assert client.get("/api/auth/me", headers=bearer(tokens)).status_code == 200  # until it expires itself
    assert _sessions(client, tokens) == []
    clock.travel(timedelta(minutes=30))
    assert client.get("/api/auth/me", headers=bearer(tokens)).status_code == 401


def test_openapi_describes_the_sessions_api(client):
    spec = client.get("/api/openapi.json").get_json()
    assert {"get"} <= set(spec["paths"]["/api/auth/sessions"])
    assert {"delete"} <= set(spec["paths"]["/api/auth/sessions/{session_id}"])
    described = spec["components"]["schemas"]["SessionOut"]["properties"]
    assert all(field.get("description") for field in described.values())
    for path in ("/api/auth/change", "/api/auth/reset", "/api/auth/reset/{token}"):
        assert "post" in spec["paths"][path], path


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (CHROME, "Chrome on Linux"),
        (FIREFOX, "Firefox on Windows"),
        (CHROME.replace("Safari/537.36", "Safari/537.36 Edg/131.0"), "Edge on Linux"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile Safari/604.1", "Safari on iOS"),
        ("Mozilla/5.0 (Linux; Android 15; Pixel 9) Chrome/131.0 Mobile Safari/537.36", "Chrome on Android"),
        ("curl/8.11.0", "curl/8.11.0"),
        ("", "Unknown device"),
    ],
)
def test_a_session_is_named_after_its_browser(agent, name):
    assert describe_device(agent) == name
