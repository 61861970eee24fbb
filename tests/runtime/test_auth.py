"""Sign-up, confirmation, sign-in, tokens and sign-out through the real API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core import clock, db
from core.identity.models import RefreshTracker, User
from core.mail.models import OutboxMessage, OutboxStatus
from tests.factories import PASSWORD, confirm, register, sign_in, unique_email

REFRESH_COOKIE = "loom_refresh"


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _refresh_cookie(client):
    cookie = client.get_cookie(REFRESH_COOKIE, path="/api/auth")
    return cookie.value if cookie else None


def test_register_writes_the_confirmation_mail_in_the_same_transaction(client):
    email = register(client)
    user = db.session.scalars(select(User).where(User.email == email)).one()
    assert user.confirmed_at is None
    mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == email)).one()
    assert mail.status == OutboxStatus.PENDING
    assert "/api/auth/confirm/" in mail.text_body
    assert mail.html_body and "/api/auth/confirm/" in mail.html_body
    assert mail.subject == "Confirm your email for Loom"
    assert "Confirm my email" in mail.html_body


def test_duplicate_email_answers_like_a_new_one_and_creates_nothing(client):
    # The answer never tells that an address is taken; its owner gets an email instead
    # (tests/runtime/test_passwords.py checks that mail and the identical answers).
    email = register(client)
    before = _count(OutboxMessage)
    response = client.post("/api/auth/register", json={"email": email.upper(), "password": PASSWORD})
    assert response.status_code == 200
    assert response.get_json() == {}
    assert _count(User, func.lower(User.email) == email) == 1
    assert _count(OutboxMessage) == before + 1


@pytest.mark.parametrize("password", ["short", "password1234", "aaaaaaaaaaaaaaaa"])
def test_weak_password_is_refused_and_nothing_is_written(client, password):
    email = unique_email()
    response = client.post("/api/auth/register", json={"email": email, "password": password})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "password" in response.get_json()["errors"]
    assert _count(User, User.email == email) == 0
    assert _count(OutboxMessage, OutboxMessage.recipient == email) == 0


def test_invalid_email_is_refused(client):
    response = client.post("/api/auth/register", json={"email": "not-an-email", "password": PASSWORD})
    assert response.status_code == 422
    assert "email" in response.get_json()["errors"]


def test_unconfirmed_sign_in_is_refused(client):
    email = register(client)
    response = client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 422
    body = response.get_json()
    assert response.mimetype == "application/problem+json"
    assert "confirm" in body["detail"].lower()
    assert "access_token" not in body
    assert _refresh_cookie(client) is None


def test_wrong_password_and_unknown_email_get_the_same_answer(client):
    email = register(client)
    confirm(client, email)
    wrong = client.post("/api/auth/login", json={"email": email, "password": "wrong " + PASSWORD})
    unknown = client.post("/api/auth/login", json={"email": unique_email("ghost"), "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 422
    assert wrong.get_json() == unknown.get_json()
    assert "errors" not in wrong.get_json() and "not right" in wrong.get_json()["detail"]


def test_confirm_link_confirms_and_redirects_to_sign_in(client):
    email = register(client)
    confirm(client, email)
    user = db.session.scalars(select(User).where(User.email == email)).one()
    assert user.confirmed_at is not None


def test_bad_confirm_link_redirects_with_an_error(client):
    response = client.get("/api/auth/confirm/not-a-real-token")
    assert response.status_code == 302
    assert "confirm_error=1" in response.headers["Location"]


def test_sign_in_gives_a_short_access_token_and_a_rotating_refresh_token(client):
    email = register(client)
    confirm(client, email)
    body = sign_in(client, email)
    assert body["user"]["email"] == email
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert client.get("/api/auth/me", headers=headers).status_code == 200

    from datetime import datetime

    access_expires = datetime.fromisoformat(body["access_expires_at"])
    assert access_expires - clock.now() < timedelta(days=1)
    refresh_expires = datetime.fromisoformat(body["refresh_expires_at"].replace("Z", "+00:00"))
    assert timedelta(hours=35) < refresh_expires - clock.now() <= timedelta(hours=36, minutes=1)

    first = _refresh_cookie(client)
    assert first
    refreshed = client.post("/api/auth/refresh", json={})
    assert refreshed.status_code == 200, refreshed.get_json()
    second = _refresh_cookie(client)
    assert second and second != first
    assert (
        client.get(
            "/api/auth/me", headers={"Authorization": f"Bearer {refreshed.get_json()['access_token']}"}
        ).status_code
        == 200
    )


def test_reusing_an_old_refresh_token_revokes_the_chain(client):
    email = register(client)
    confirm(client, email)
    sign_in(client, email)
    old = _refresh_cookie(client)
    assert client.post("/api/auth/refresh", json={}).status_code == 200
    newest = _refresh_cookie(client)

    client.set_cookie(REFRESH_COOKIE, old, path="/api/auth")
    assert client.post("/api/auth/refresh", json={}).status_code in (401, 422)
    client.set_cookie(REFRESH_COOKIE, newest, path="/api/auth")
    assert client.post("/api/auth/refresh", json={}).status_code in (401, 422)
    tracker = db.session.scalars(select(RefreshTracker).join(User).where(User.email == email)).one()
    assert tracker.revoked_at is not None


def test_expired_access_token_gets_401(client):
    email = register(client)
    confirm(client, email)
    body = sign_in(client, email)
    clock.travel(timedelta(minutes=31))
    response = client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_refresh_works_until_36_hours_after_sign_in(client):
    email = register(client)
    confirm(client, email)
    sign_in(client, email)
    for _ in range(3):
        clock.travel(timedelta(hours=11))
        assert client.post("/api/auth/refresh", json={}).status_code == 200
    clock.travel(timedelta(hours=3, minutes=1))
    assert client.post("/api/auth/refresh", json={}).status_code in (401, 422)


def test_sign_out_revokes_the_refresh_token(client):
    email = register(client)
    confirm(client, email)
    body = sign_in(client, email)
    token = _refresh_cookie(client)
    response = client.post("/api/auth/logout", json={}, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert response.status_code == 200
    assert _refresh_cookie(client) is None
    client.set_cookie(REFRESH_COOKIE, token, path="/api/auth")
    assert client.post("/api/auth/refresh", json={}).status_code in (401, 422)


def test_me_without_a_token_is_401(client):
    response = client.get("/api/auth/me")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
