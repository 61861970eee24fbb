"""Two-factor sign-in: set up with an authenticator app, asked at every sign-in, recovery codes,
and the 30-day rule (asked first, then required). The tests act as the authenticator with pyotp
and move Loom's clock instead of waiting."""

from __future__ import annotations

from datetime import timedelta

from core import clock
from tests.factories import PASSWORD, Authenticator, bearer, confirm, register, set_up_two_factor, sign_in


def _new_user(client):
    email = register(client)
    confirm(client, email)
    return email


def test_the_set_up_answer_has_what_an_authenticator_app_needs(client):
    headers = bearer(sign_in(client, _new_user(client)))
    started = client.post("/api/auth/tf-setup", json={"setup": "authenticator"}, headers=headers)
    assert started.status_code == 200, started.get_json()
    body = started.get_json()
    assert body["tf_authr_issuer"] == "Loom" and body["tf_authr_uri"].startswith("otpauth://totp/")
    assert body["tf_authr_qrcode"].startswith("data:image/svg+xml;base64,")
    assert Authenticator(body["tf_authr_b32key"]).now().isdigit()


def test_day_5_sign_in_asks_for_two_factor_and_everything_works(client):
    email = _new_user(client)
    clock.travel(timedelta(days=5))
    body = sign_in(client, email)
    status = body["user"]["two_factor"]  # the user part of a sign-in says it, as /api/auth/me does
    assert status["prompt"] is True and status["required"] is False
    assert client.get("/api/tenants", headers=bearer(body)).status_code == 200
    assert client.get("/api/auth/me", headers=bearer(body)).get_json()["two_factor"]["prompt"] is True


def test_day_31_without_two_factor_only_the_set_up_works(client):
    email = _new_user(client)
    clock.travel(timedelta(days=31))
    body = sign_in(client, email)
    status = body["user"]["two_factor"]
    assert status == {**status, "prompt": False, "required": True, "enabled": False}
    headers = bearer(body)
    refused = client.get("/api/tenants", headers=headers)
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
    assert refused.get_json()["required_step"] == "two_factor_setup"
    created = client.post("/api/tenants", json={"name": "X Late", "slug": "x-late"}, headers=headers)
    assert created.status_code == 403
    assert client.get("/api/auth/me", headers=headers).status_code == 200

    set_up_two_factor(client, headers)
    assert client.get("/api/tenants", headers=headers).status_code == 200
    assert client.get("/api/auth/me", headers=headers).get_json()["two_factor"]["enabled"] is True


def test_with_two_factor_a_sign_in_needs_the_code(client):
    email = _new_user(client)
    totp, _ = set_up_two_factor(client, bearer(sign_in(client, email)))
    client.post("/api/auth/logout")

    first = client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert first.status_code == 200
    assert first.get_json()["tf_required"] is True and "access_token" not in first.get_json()

    wrong = client.post("/api/auth/tf-validate", json={"code": "000000" if totp.now() != "000000" else "111111"})
    assert wrong.status_code == 422 and "access_token" not in (wrong.get_json() or {})
    assert wrong.get_json()["errors"] == {"code": ["Invalid code"]} and "reason" not in wrong.get_json()
    right = client.post("/api/auth/tf-validate", json={"code": totp.now()})
    assert right.status_code == 200, right.get_json()
    assert client.get("/api/tenants", headers=bearer(right.get_json())).status_code == 200


def test_a_recovery_code_signs_in_once(client):
    email = _new_user(client)
    headers = bearer(sign_in(client, email))
    _, codes = set_up_two_factor(client, headers)
    assert len(codes) == 8 and len(set(codes)) == 8
    client.post("/api/auth/logout")

    assert client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).get_json()["tf_required"]
    used = client.post("/api/auth/mf-recovery", json={"code": codes[0]})
    assert used.status_code == 200, used.get_json()
    assert "access_token" in used.get_json()
    client.post("/api/auth/logout")

    assert client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).get_json()["tf_required"]
    again = client.post("/api/auth/mf-recovery", json={"code": codes[0]})
    assert again.status_code == 422 and "access_token" not in (again.get_json() or {})
