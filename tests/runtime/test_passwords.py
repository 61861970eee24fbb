"""Changing and resetting a password, and answers that never tell whether an email has an account."""

from __future__ import annotations

import re
from datetime import timedelta

import argon2.low_level
import pytest
from sqlalchemy import select

from core import clock, db
from core.identity.models import RefreshTracker, User
from core.mail.models import OutboxMessage
from tests.factories import (
    CHROME,
    FIREFOX,
    PASSWORD,
    Authenticator,
    bearer,
    browser_as,
    confirm,
    register,
    sign_in,
    unique_email,
)

NEW_PASSWORD = "a brand new pass phrase for 2026"
REFRESH_COOKIE = "loom_refresh"


def _user(client):
    email = register(client)
    confirm(client, email)
    return email


def _mails(email, subject=None):
    query = select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.created_at)
    return [m for m in db.session.scalars(query) if subject is None or m.subject == subject]


def _reset_path(email):
    (mail,) = _mails(email, "Reset your Loom password")
    match = re.search(r"https?://[^/\s]+(/api/auth/reset/\S+)", mail.text_body)
    assert match, mail.text_body
    return match.group(1).rstrip(".")


def _trackers(email):
    return db.session.scalars(select(RefreshTracker).join(User).where(User.email == email)).all()


def _can_refresh(browser):
    return browser.post("/api/auth/refresh", json={}).status_code == 200


# Changing -----------------------------------------------------------------------------------


def test_change_keeps_this_session_and_ends_every_other(app, client):
    email = _user(client)
    here, there = browser_as(app, CHROME), browser_as(app, FIREFOX)
    mine, theirs = sign_in(here, email), sign_in(there, email)
    before = {t.name: t for t in _trackers(email)}

    response = here.post(
        "/api/auth/change", json={"password": PASSWORD, "new_password": NEW_PASSWORD}, headers=bearer(mine)
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"access_token", "access_expires_at", "refresh_expires_at", "user"}
    assert body["user"]["email"] == email

    # Access tokens from before the change stop working, everywhere; the new one works.
    assert here.get("/api/auth/me", headers=bearer(mine)).status_code == 401
    assert there.get("/api/auth/me", headers=bearer(theirs)).status_code == 401
    assert here.get("/api/auth/me", headers=bearer(body)).status_code == 200
    # The other browser's session has ended; this one goes on, with its name and deadline.
    assert not _can_refresh(there)
    assert _can_refresh(here)
    assert before["Firefox on Windows"].revoked_at is not None
    (left,) = [t for t in _trackers(email) if t.revoked_at is None]
    assert left.name == "Chrome on Linux"
    assert left.expires_at == before["Chrome on Linux"].expires_at
    assert body["refresh_expires_at"] == left.expires_at.isoformat() + "Z"

    (notice,) = _mails(email, "Your Loom password was changed")
    assert "was just changed" in notice.text_body
    assert client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).status_code == 422
    sign_in(client, email, NEW_PASSWORD)


@pytest.mark.parametrize(
    ("current", "new", "field"),
    [
        ("wrong " + PASSWORD, NEW_PASSWORD, "password"),
        (PASSWORD, "password1234", "new_password"),
        (PASSWORD, "short", "new_password"),
        (PASSWORD, PASSWORD, "new_password"),
    ],
)
def test_a_refused_change_names_the_field_and_changes_nothing(client, current, new, field):
    email = _user(client)
    tokens = sign_in(client, email)
    response = client.post("/api/auth/change", json={"password": current, "new_password": new}, headers=bearer(tokens))
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == [field]
    assert client.get("/api/auth/me", headers=bearer(tokens)).status_code == 200
    assert _can_refresh(client)
    assert _mails(email, "Your Loom password was changed") == []


def test_change_needs_a_signed_in_user(client):
    response = client.post("/api/auth/change", json={"password": PASSWORD, "new_password": NEW_PASSWORD})
    assert response.status_code == 401


# Resetting ----------------------------------------------------------------------------------


def test_asking_for_a_reset_answers_alike_and_mails_only_a_real_account(client):
    known = _user(client)
    unconfirmed = register(client)
    answers = [
        client.post("/api/auth/reset", json={"email": email})
        for email in (known, unique_email("ghost"), unconfirmed, known.upper())
    ]
    assert {(a.status_code, a.get_data(as_text=True)) for a in answers} == {(200, "{}\n")}
    assert len(_mails(known, "Reset your Loom password")) == 2
    assert _mails(unconfirmed, "Reset your Loom password") == []


def test_the_reset_link_opens_the_webapp_sets_the_password_once_and_ends_every_session(app, client):
    email = _user(client)
    here, there = browser_as(app, CHROME), browser_as(app, FIREFOX)
    tokens = [sign_in(here, email), sign_in(there, email)]
    client.post("/api/auth/reset", json={"email": email})
    path = _reset_path(email)
    token = path.rsplit("/", 1)[1]

    opened = client.get(path)
    assert opened.status_code == 302
    assert opened.headers["Location"] == f"http://127.0.0.1:5000/reset-password?token={token}"

    done = client.post(path, json={"password": NEW_PASSWORD})
    assert done.status_code == 200 and done.get_json() == {}
    assert client.get_cookie(REFRESH_COOKIE, path="/api/auth") is None  # nobody is signed in
    for browser, body in zip((here, there), tokens, strict=True):
        assert browser.get("/api/auth/me", headers=bearer(body)).status_code == 401
        assert not _can_refresh(browser)
    assert all(t.revoked_at is not None for t in _trackers(email))
    assert len(_mails(email, "Your Loom password was reset")) == 1

    again = client.post(path, json={"password": "yet another pass phrase 77"})
    assert again.status_code == 422 and again.get_json()["reason"] == "link_invalid"
    assert "Ask for a new one" in again.get_json()["detail"]
    assert again.get_json()["errors"] == {"token": [again.get_json()["detail"]]}
    sign_in(client, email, NEW_PASSWORD)


def test_an_expired_reset_link_is_refused_and_changes_nothing(client):
    email = _user(client)
    client.post("/api/auth/reset", json={"email": email})
    path = _reset_path(email)
    clock.travel(timedelta(hours=2, minutes=1))
    response = client.post(path, json={"password": NEW_PASSWORD})
    assert response.status_code == 422
    body = response.get_json()
    assert body["detail"] == "This link has expired. Ask for a new one." and body["reason"] == "link_expired"
    assert client.get(path).headers["Location"].startswith("http://127.0.0.1:5000/forgot-password?reset_error=1")
    sign_in(client, email)


def test_a_weak_password_is_refused_and_the_link_still_works(client):
    email = _user(client)
    client.post("/api/auth/reset", json={"email": email})
    path = _reset_path(email)
    weak = client.post(path, json={"password": "password1234"})
    assert weak.status_code == 422 and list(weak.get_json()["errors"]) == ["password"]
    sign_in(client, email)
    assert client.post(path, json={"password": NEW_PASSWORD}).status_code == 200


def test_a_reset_never_skips_two_factor(client):
    email = _user(client)
    headers = bearer(sign_in(client, email))
    started = client.post("/api/auth/tf-setup", json={"setup": "authenticator"}, headers=headers).get_json()
    totp = Authenticator(started["tf_authr_b32key"])
    client.post(f"/api/auth/tf-setup/{started['tf_state_token']}", json={"code": totp.now()}, headers=headers)

    client.post("/api/auth/reset", json={"email": email})
    done = client.post(_reset_path(email), json={"password": NEW_PASSWORD})
    assert done.status_code == 200 and "access_token" not in done.get_json()
    login = client.post("/api/auth/login", json={"email": email, "password": NEW_PASSWORD}).get_json()
    assert login["tf_required"] is True and "access_token" not in login


# Not telling whether an email has an account -----------------------------------------------


def _cookie_names(response):
    return sorted(h.split("=", 1)[0] for h in response.headers.getlist("Set-Cookie"))


def test_registering_a_taken_email_answers_like_a_new_one_and_tells_its_owner(client):
    taken = _user(client)
    fresh = client.post("/api/auth/register", json={"email": unique_email(), "password": PASSWORD})
    again = client.post("/api/auth/register", json={"email": taken, "password": PASSWORD})
    assert fresh.status_code == again.status_code == 200
    assert fresh.get_json() == again.get_json() == {}
    assert _cookie_names(fresh) == _cookie_names(again)
    (mail,) = _mails(taken, "Someone tried to create a Loom account with your email")
    assert "/api/auth/reset/" in mail.text_body  # with a way back in, should it be its owner

    weak_taken = client.post("/api/auth/register", json={"email": taken, "password": "short"})
    weak_fresh = client.post("/api/auth/register", json={"email": unique_email(), "password": "short"})
    assert weak_taken.status_code == weak_fresh.status_code == 422
    assert weak_taken.get_json() == weak_fresh.get_json()


def test_asking_for_a_confirmation_email_answers_alike(client):
    confirmed, unconfirmed = _user(client), register(client)
    answers = [
        client.post("/api/auth/confirm", json={"email": email})
        for email in (confirmed, unconfirmed, unique_email("ghost"))
    ]
    assert {(a.status_code, a.get_data(as_text=True)) for a in answers} == {(200, "{}\n")}


@pytest.fixture()
def argon2_work(monkeypatch):
    """Each Argon2 computation (hash or verify) with its cost parameters, in order."""
    work = []
    real_hash, real_verify = argon2.low_level.hash_secret, argon2.low_level.verify_secret

    def hash_secret(**kwargs):
        work.append(("hash", kwargs["memory_cost"], kwargs["time_cost"], kwargs["parallelism"]))
        return real_hash(**kwargs)

    def verify_secret(hash, secret, type):
        costs = dict(p.split("=") for p in hash.split(b"$")[3].decode().split(","))
        work.append(("verify", int(costs["m"]), int(costs["t"]), int(costs["p"])))
        return real_verify(hash, secret, type)

    monkeypatch.setattr(argon2.low_level, "hash_secret", hash_secret)
    monkeypatch.setattr(argon2.low_level, "verify_secret", verify_secret)
    return work


def _costs(work):
    return [entry[1:] for entry in work]


def test_sign_in_does_the_same_password_work_for_an_unknown_email(client, argon2_work):
    email = _user(client)
    argon2_work.clear()
    wrong = client.post("/api/auth/login", json={"email": email, "password": "wrong " + PASSWORD})
    wrong_work = list(argon2_work)
    argon2_work.clear()
    unknown = client.post("/api/auth/login", json={"email": unique_email("ghost"), "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 422
    assert wrong.get_json() == unknown.get_json()
    # One Argon2 computation each, at the same cost: verifying the real hash, or hashing a dummy.
    assert [w[0] for w in wrong_work] == ["verify"] and [w[0] for w in argon2_work] == ["hash"]
    assert _costs(wrong_work) == _costs(argon2_work)


def test_asking_for_a_reset_does_the_same_password_work_for_every_email(client, argon2_work):
    known, unconfirmed = _user(client), register(client)
    per_email = []
    for email in (known, unique_email("ghost"), unconfirmed):
        argon2_work.clear()
        client.post("/api/auth/reset", json={"email": email})
        per_email.append(_costs(argon2_work))
    assert len(per_email[0]) == 1 and per_email[0] == per_email[1] == per_email[2]


def test_an_unconfirmed_account_is_told_only_after_the_right_password(client):
    email = register(client)
    wrong = client.post("/api/auth/login", json={"email": email, "password": "wrong " + PASSWORD})
    unknown = client.post("/api/auth/login", json={"email": unique_email("ghost"), "password": "wrong " + PASSWORD})
    assert wrong.get_json() == unknown.get_json()
    right = client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert right.status_code == 422 and "confirm" in right.get_json()["errors"]["email"][0].lower()
