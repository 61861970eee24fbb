"""Access tokens: only in the Authorization header, never in a log, ended with their session."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace

from core import clock
from tests.factories import CHROME, FIREFOX, PASSWORD, bearer, browser_as, confirm, register, sign_in

NEW_PASSWORD = "another horse battery staple 77"


def _user(client) -> str:
    email = register(client)
    confirm(client, email)
    return email


def _me(browser, tokens) -> int:
    return int(browser.get("/api/auth/me", headers=bearer(tokens)).status_code)


def test_a_token_in_the_query_string_or_the_body_does_not_sign_in(client):
    tokens = sign_in(client, _user(client))
    token = tokens["access_token"]
    assert client.get("/api/auth/me", query_string={"auth_token": token}).status_code == 401
    in_body = client.post("/api/tenants", json={"auth_token": token, "name": "X", "slug": "x-body"})
    assert in_body.status_code == 401
    # Present in both places, the query's (or the body's) is not what signs in: the header's is.
    signed_out = {"Authorization": "Bearer not-a-token"}
    assert client.get("/api/auth/me", query_string={"auth_token": token}, headers=signed_out).status_code == 401
    assert _me(client, tokens) == 200


def test_sign_out_ends_the_access_token_too(app, client):
    email = _user(client)
    tokens = sign_in(client, email)
    assert client.post("/api/auth/logout", json={}, headers=bearer(tokens)).status_code == 200
    assert _me(client, tokens) == 401

    # Without the refresh cookie (another client), sign-out still ends the token's session.
    api_client = browser_as(app, CHROME)
    other = sign_in(api_client, email)
    api_client.delete_cookie("loom_refresh", path="/api/auth")
    assert api_client.post("/api/auth/logout", json={}, headers=bearer(other)).status_code == 200
    assert _me(api_client, other) == 401


def test_a_refreshed_token_belongs_to_its_session(app, client):
    tokens = sign_in(client, _user(client))
    clock.travel(timedelta(minutes=5))
    refreshed = client.post("/api/auth/refresh", json={}).get_json()
    assert _me(client, refreshed) == 200 and _me(client, tokens) == 200
    assert client.post("/api/auth/logout", json={}, headers=bearer(refreshed)).status_code == 200
    assert _me(client, refreshed) == 401 and _me(client, tokens) == 401


def test_signing_out_everywhere_ends_every_token(app, client):
    email = _user(client)
    laptop, phone = browser_as(app, CHROME), browser_as(app, FIREFOX)
    mine, theirs = sign_in(laptop, email), sign_in(phone, email)
    assert laptop.delete("/api/auth/sessions", headers=bearer(mine)).status_code == 204
    assert _me(laptop, mine) == 401 and _me(phone, theirs) == 401
    assert phone.post("/api/auth/refresh", json={}).status_code == 401
    assert laptop.post("/api/auth/refresh", json={}).status_code == 401
    assert _me(laptop, sign_in(laptop, email)) == 200  # signing in again works


def test_a_password_change_ends_every_other_token(app, client):
    email = _user(client)
    laptop, phone = browser_as(app, CHROME), browser_as(app, FIREFOX)
    mine, theirs = sign_in(laptop, email), sign_in(phone, email)
    changed = laptop.post(
        "/api/auth/change", json={"password": PASSWORD, "new_password": NEW_PASSWORD}, headers=bearer(mine)
    )
    assert changed.status_code == 200, changed.get_json()
    assert _me(laptop, mine) == 401 and _me(phone, theirs) == 401
    assert _me(laptop, changed.get_json()) == 200


def test_the_access_log_holds_no_token(client, caplog):
    tokens = sign_in(client, _user(client))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="loom.request"):
        client.get("/api/auth/me", query_string={"auth_token": "SECRET-IN-QUERY"}, headers=bearer(tokens))
        client.get("/api/auth/confirm/SECRET-IN-PATH")
        client.post("/api/auth/reset/SECRET-IN-PATH", json={"password": NEW_PASSWORD})
    lines = [record.getMessage() for record in caplog.records if record.name == "loom.request"]
    assert len(lines) == 3
    assert not any("SECRET" in line or tokens["access_token"] in line for line in lines), lines


def test_the_gunicorn_access_log_holds_no_token():
    from gunicorn.config import Config

    from runtime.gunicorn_logging import ScrubbedLogger

    config = Config()
    config.set("access_log_format", '%(h)s "%(r)s" %(s)s "%(f)s" %(q)s %(U)s %({authorization}i)s')
    logger = ScrubbedLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/api/auth/me?auth_token=SECRET1&limit=5",
        "PATH_INFO": "/api/auth/me",
        "QUERY_STRING": "auth_token=SECRET1&limit=5",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://loom.example/reset-password?token=SECRET2",
        "HTTP_AUTHORIZATION": "Bearer SECRET3",
        "REMOTE_ADDR": "10.0.0.1",
    }
    request = SimpleNamespace(headers=[("AUTHORIZATION", "Bearer SECRET3"), ("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=3))
    line = logger.cfg.access_log_format % atoms
    assert "SECRET" not in line and "limit=5" in line and "GET /api/auth/me?" in line, line
    assert not any("SECRET" in str(value) for value in atoms.values()), atoms
