"""Rate limits on sign-in, sign-up, reset and two-factor endpoints, counted in the real Redis.

The testing stage runs with limits off (the suite signs in hundreds of times from one address);
these tests turn them on with low values. Each test comes from its own random IP address with
new emails, so its counts are its own: the Redis database is shared with the other xdist worker,
whose counts a storage reset would wipe, and the keys expire with their windows anyway.
"""

from __future__ import annotations

import ipaddress
import secrets
import time

import pytest
from sqlalchemy import func, select

from core import db
from core.identity.models import RefreshTracker, User
from core.mail.models import OutboxMessage
from tests.factories import PASSWORD, Authenticator, confirm, register, sign_in, unique_email

HIGH = "1000/minute"


@pytest.fixture()
def limits(app):
    """Limits on, every one high, for this test; the test lowers the ones it is about."""
    saved = app.config["LOOM_RATE_LIMITS_ENABLED"], dict(app.config["LOOM_RATE_LIMITS"])
    app.config["LOOM_RATE_LIMITS_ENABLED"] = True
    app.config["LOOM_RATE_LIMITS"] = dict.fromkeys(saved[1], HIGH)
    yield app.config["LOOM_RATE_LIMITS"]
    app.config["LOOM_RATE_LIMITS_ENABLED"], app.config["LOOM_RATE_LIMITS"] = saved


def _from_new_address(browser):
    browser.environ_base["REMOTE_ADDR"] = str(ipaddress.IPv4Address((10 << 24) + secrets.randbelow(1 << 24)))
    return browser


@pytest.fixture()
def browser(app, client):
    return _from_new_address(client)


def _user(browser):
    email = register(browser)
    confirm(browser, email)
    return email


def _login(browser, email, password=PASSWORD):
    return browser.post("/api/auth/login", json={"email": email, "password": password})


def _wrong(browser, email):
    return _login(browser, email, "wrong " + PASSWORD)


def _assert_too_many(response):
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    wait = int(response.headers["Retry-After"])
    body = response.get_json()
    assert body["title"] == "Too many attempts" and body["status"] == 429
    assert body["detail"] == f"Too many attempts. Try again in {wait} second{'' if wait == 1 else 's'}."
    assert body["retry_after"] == wait
    return wait


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_sixth_wrong_sign_in_in_a_row_is_refused_and_changes_nothing(limits, browser):
    limits["LOGIN"] = "5/minute"
    email = _user(browser)
    for _ in range(5):
        assert _wrong(browser, email).status_code == 422
    limited = _login(browser, email)  # even the right password: nothing is checked
    assert 1 <= _assert_too_many(limited) <= 61
    assert browser.get_cookie("loom_refresh", path="/api/auth") is None
    assert _count(RefreshTracker, RefreshTracker.user.has(User.email == email)) == 0

    # Another email from the same address, and the same email from another address, go on.
    other = _user(browser)
    assert _wrong(browser, other).status_code == 422
    assert _login(_from_new_address(browser), email).status_code == 200


def test_after_retry_after_seconds_it_works_again(limits, browser):
    limits["LOGIN"] = "2 per 2 seconds"
    email = _user(browser)
    assert _wrong(browser, email).status_code == 422
    assert _wrong(browser, email).status_code == 422
    wait = _assert_too_many(_login(browser, email))
    assert wait <= 3
    time.sleep(wait)
    assert _login(browser, email).status_code == 200


def test_one_account_is_limited_from_any_number_of_addresses(limits, browser):
    limits["LOGIN_ACCOUNT"] = "3/minute"
    email = _user(browser)
    for _ in range(3):
        assert _wrong(_from_new_address(browser), email).status_code == 422
    _assert_too_many(_login(_from_new_address(browser), email))
    assert _login(browser, _user(browser)).status_code == 200  # other accounts are not affected


def test_right_passwords_do_not_count(limits, browser):
    limits["LOGIN"] = limits["LOGIN_IP"] = "2/minute"
    email = _user(browser)
    for _ in range(4):
        assert _login(browser, email).status_code == 200


def test_two_factor_codes_are_limited(limits, browser):
    email = _user(browser)
    headers = {"Authorization": f"Bearer {sign_in(browser, email)['access_token']}"}
    started = browser.post("/api/auth/tf-setup", json={"setup": "authenticator"}, headers=headers).get_json()
    totp = Authenticator(started["tf_authr_b32key"])
    done = browser.post(f"/api/auth/tf-setup/{started['tf_state_token']}", json={"code": totp.now()}, headers=headers)
    assert done.status_code == 200
    limits["TWO_FACTOR"] = "3/minute"

    assert _login(browser, email).get_json()["tf_required"] is True
    wrong = "000000" if totp.now() != "000000" else "111111"
    for _ in range(3):
        assert browser.post("/api/auth/tf-validate", json={"code": wrong}).status_code == 422
    limited = browser.post("/api/auth/tf-validate", json={"code": totp.now()})
    _assert_too_many(limited)
    assert "access_token" not in limited.get_json()
    _assert_too_many(browser.post("/api/auth/mf-recovery", json={"code": "abcd-efgh-ijkl"}))


def test_sign_ups_from_one_address_are_limited_and_a_limited_one_creates_nothing(limits, browser):
    limits["REGISTER"] = "2/hour"
    register(browser)
    register(browser)
    email = unique_email()
    _assert_too_many(browser.post("/api/auth/register", json={"email": email, "password": PASSWORD}))
    assert _count(User, User.email == email) == 0
    assert _count(OutboxMessage, OutboxMessage.recipient == email) == 0


def test_reset_emails_are_limited_per_address_asked_for(limits, browser):
    limits["EMAIL_LINK"] = "2/hour"
    email, other = _user(browser), _user(browser)
    for _ in range(2):
        assert browser.post("/api/auth/reset", json={"email": email}).status_code == 200
    _assert_too_many(browser.post("/api/auth/reset", json={"email": email.upper()}))
    assert browser.post("/api/auth/reset", json={"email": other}).status_code == 200
    resets = OutboxMessage.subject == "Reset your Loom password"
    assert _count(OutboxMessage, OutboxMessage.recipient == email, resets) == 2


def test_messages_to_support_are_limited_per_address(limits, browser):
    limits["CONTACT"] = "2/hour"
    message = {"topic": "Hello", "message": "Are you there?", "email": "visitor@example.com"}
    assert [browser.post("/api/support/contact", json=message).status_code for _ in range(2)] == [202, 202]
    refused = browser.post("/api/support/contact", json=message)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert refused.get_json()["title"] == "Too many attempts"


def test_wrong_passwords_to_delete_an_account_are_limited(limits, browser):
    limits["PASSWORD"] = "2/minute"
    headers = {"Authorization": f"Bearer {_login(browser, _user(browser)).get_json()['access_token']}"}
    wrong = [browser.post("/api/account/delete", json={"password": "not it at all"}, headers=headers) for _ in range(2)]
    assert [answer.status_code for answer in wrong] == [422, 422]
    refused = browser.post("/api/account/delete", json={"password": "not it at all"}, headers=headers)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


def test_google_and_facebook_sign_ins_are_limited_per_address(limits, browser):
    limits["SOCIAL"] = "2/minute"
    start = "/api/auth/social/google/start"
    # Counted whatever the answer (here 404: no provider is set up in the tests' app).
    assert 429 not in [browser.post(start, json={"intent": "signin"}).status_code for _ in range(2)]
    _assert_too_many(browser.post(start, json={"intent": "signin"}))
    back = "/api/auth/social/facebook/callback?code=anything&state=anything"
    assert [browser.get(back).status_code for _ in range(2)] == [302, 302]
    _assert_too_many(browser.get(back))
